"""Packaged releases: the manifest, hash verification, load and versions."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import threading
from typing import TYPE_CHECKING

from ._models import Dataset
from .exceptions import ArgumentTypeError, DataError, IntegrityError, UnknownVersionError

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

MANIFEST = "manifest.json"


def _data_dir() -> Traversable:
    """The folder of release files inside the package.

    Where the package is installed as plain files (the usual case) that is a directory
    beside this module; :mod:`importlib.resources` is imported only for other installs
    (a zip file, for instance): importing it costs more than loading a release.
    """
    from pathlib import Path  # already imported by cattrs, which loading needs anyway

    here = Path(__file__).with_name("data")
    if here.is_dir():
        return here
    from importlib import resources

    return resources.files(__package__) / "data"


@functools.cache
def _manifest() -> tuple[tuple[str, str, str], ...]:
    """(version, file, sha256) of every release, oldest first, as the manifest lists them."""
    entry = _data_dir() / MANIFEST
    origin = f"packaged {MANIFEST}"
    try:
        raw = json.loads(entry.read_bytes())
    except FileNotFoundError:
        raise IntegrityError(MANIFEST, expected=None, actual=None) from None
    except ValueError as exc:
        raise DataError([f"not valid JSON: {exc} @ $"], origin=origin) from None
    releases = raw.get("releases") if isinstance(raw, dict) else None
    if not isinstance(releases, list):
        raise DataError(["expected an object with a 'releases' array @ $"], origin=origin)
    out = []
    for i, r in enumerate(releases):
        fields = [r.get(k) if isinstance(r, dict) else None for k in ("version", "file", "sha256")]
        if not all(isinstance(f, str) for f in fields):
            raise DataError(
                [f"expected version, file and sha256 strings @ $.releases[{i}]"], origin=origin
            )
        version, file, sha = fields
        out.append((str(version), str(file), str(sha)))
    return tuple(out)


def versions() -> tuple[str, ...]:
    """The dataset releases shipped in this package, oldest first.

    Reads the package's manifest (once; later calls reuse it).

    Raises:
        IntegrityError: If the manifest is missing from the package.
        DataError: If the manifest is not valid JSON or lacks a release's version, file or
            hash.

    >>> import nk_casualties as nk
    >>> nk.versions()[0]
    '1.0.0'

    .. versionadded:: 0.1.0
    """
    return tuple(v for v, _, _ in _manifest())


_cache: dict[str, Dataset] = {}
_lock = threading.Lock()


def load(version: str | None = None) -> Dataset:
    """Load a dataset release shipped in this package (the latest if *version* is ``None``).

    The file's SHA-256 is checked against the manifest before it is parsed, so a pinned
    version returns the same data for ever. The result is cached: every call with the same
    version returns the same immutable object, also across threads.

    Args:
        version: A data version such as ``"1.0.0"`` (see :func:`versions`).

    Raises:
        UnknownVersionError: If no release of that version ships here; lists the available ones.
        IntegrityError: If the release file is missing or its hash does not match the manifest.
        DataError: If the file does not validate (a packaging bug).

    >>> import nk_casualties as nk
    >>> ds = nk.load("1.0.0")
    >>> ds.version, ds is nk.load("1.0.0")
    ('1.0.0', True)

    .. versionadded:: 0.1.0
    """
    if version is not None and not isinstance(version, str):
        raise ArgumentTypeError(
            f"'version' must be a str or None, got {type(version).__name__}: {version!r}"
        )
    releases = _manifest()
    if version is None:
        if not releases:
            raise UnknownVersionError("latest", ())
        version = releases[-1][0]
    cached = _cache.get(version)
    if cached is not None:
        return cached
    with _lock:
        cached = _cache.get(version)
        if cached is None:
            cached = _cache[version] = _load_release(version, releases)
    return cached


def _load_release(version: str, releases: tuple[tuple[str, str, str], ...]) -> Dataset:
    found = [(file, sha) for v, file, sha in releases if v == version]
    if not found:
        raise UnknownVersionError(version, [v for v, _, _ in releases])
    file, sha = found[0]
    try:
        data = (_data_dir() / file).read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise IntegrityError(file, expected=sha, actual=None) from None
    actual = hashlib.sha256(data).hexdigest()
    if actual != sha:
        raise IntegrityError(file, expected=sha, actual=actual)
    from ._converter import parse

    ds = parse(data, origin=f"release {version}")
    if ds.version != version:
        raise DataError(
            [f"file says version {ds.version!r}, manifest says {version!r} @ $.version"],
            origin=f"release {version}",
        )
    return ds


def load_path(path: str | os.PathLike[str]) -> Dataset:
    """Load and fully validate a dataset file of your own, in the release schema.

    Nothing is cached and nothing is half-loaded: either every record validates and a
    :class:`Dataset` comes back, or one :class:`DataError` lists every problem found with
    its JSON path. A valid file is read and parsed a record at a time, so a large one
    needs little more memory than the dataset it holds.

    Args:
        path: The file to read.

    Raises:
        DataError: If the file cannot be read or does not validate (also a ``ValueError``).
        ArgumentTypeError: If *path* is not a string or path-like object.

    .. versionadded:: 0.1.0
    """
    if not isinstance(path, (str, os.PathLike)):
        raise ArgumentTypeError(
            f"'path' must be a str or os.PathLike, got {type(path).__name__}: {path!r}"
        )
    from ._converter import parse_file

    return parse_file(path, origin=str(os.fspath(path)))
