"""The packaged releases: pinned hashes, load, versions; and load_path for a user's file."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import threading
from pathlib import Path
from typing import Any, Final

from ._dataset import Dataset
from ._json import structure
from .exceptions import ArgumentTypeError, DataError, IntegrityError, UnknownVersionError

__all__ = ["MAX_FILE_SIZE", "load", "load_path", "versions"]

#: The SHA-256 of every published release file, oldest first: the authority on what ships.
#: tools/build_release.py adds a line when a release is published; the manifest beside the
#: files is a cross-check, and a file that is not pinned here is never served.
PINNED: Final = {
    "1.0.0": "c1583044a289dce6d9c1d4665582dab61dcb75b1b5e9a9665ffabdf7307a0784",
    "1.1.0": "9b4a4dddfc41c48a1f84676465667c6493bcea763c344ea3f27ecf56030ba1e9",
    "2.0.0": "6527c015d44f6afd0beb49cba5325dff7c3dbbd5f0ad01d54c88971c2d347d9f",
    "2.1.0": "f3ae77b88c4149d0f6fabf85130d39f25d4dab7d178477da2cd74649c64f908d",
}

#: The largest file :func:`load` and :func:`load_path` read (1 GiB); larger ones are refused
#: before they are read.
MAX_FILE_SIZE: Final = 2**30

MANIFEST = "manifest.json"
DATA = Path(__file__).with_name("data")


def release_file(version: str) -> str:
    """The name of a release's file in the package's ``data`` folder."""
    return f"nk-casualties-{version}.json"


def versions() -> tuple[str, ...]:
    """The dataset releases shipped in this package, oldest first.

    >>> import nk_casualties as nk
    >>> nk.versions()[0]
    '1.0.0'

    .. versionadded:: 0.1.0
    """
    return tuple(PINNED)


def _read(path: str | os.PathLike[str], *, origin: str) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_FILE_SIZE`, or a DataError."""

    def refuse(reason: str) -> DataError:
        return DataError([f"cannot read the file: {reason} @ $"], origin=origin)

    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:  # O_NONBLOCK: opening a FIFO must not wait for a writer
        fd = os.open(path, flags)
    except OSError as exc:
        raise refuse(exc.strerror or type(exc).__name__) from None
    except ValueError as exc:  # a NUL byte, or a lone surrogate the file system refuses
        raise refuse(str(exc)) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise refuse("not a regular file")
    with open(fd, "rb") as f:
        if info.st_size > MAX_FILE_SIZE:
            raise refuse(f"larger than the limit of {MAX_FILE_SIZE:,} bytes")
        try:
            data, more = f.read(info.st_size), f.read(1)
        except OSError as exc:
            raise refuse(exc.strerror or type(exc).__name__) from None
        if len(data) != info.st_size or more:
            raise refuse("it changed while it was read")
        return data


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict; a key given twice is an error, not "the last one wins"."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"repeated key {key!r} in an object")
            seen.add(key)
    return result


def loads(data: bytes, *, origin: str) -> Dataset:
    """The dataset a release file's bytes hold, or one :class:`DataError` listing all problems.

    Strict JSON: UTF-8, no repeated keys, no lone surrogates; then every record is
    structured and linked, and every problem found is reported with its path.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError([f"not valid UTF-8 (byte {exc.start}) @ $"], origin=origin) from None
    del data  # from here on the text holds the file: never both at once for a large file
    try:
        raw = json.loads(text, object_pairs_hook=_no_repeated_keys)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}) @ $"
        raise DataError([message], origin=origin) from None
    except RecursionError:
        raise DataError(["not valid JSON: nested too deeply @ $"], origin=origin) from None
    except ValueError as exc:  # a repeated key, an integer of more digits than Python allows
        raise DataError([f"not valid JSON: {exc} @ $"], origin=origin) from None
    del text  # not needed while the records are built
    return structure(raw, origin=origin)


def _cross_check(version: str, sha: str) -> None:
    """The manifest must list *version* once, with its pinned file and hash."""
    origin = f"packaged {MANIFEST}"
    try:
        manifest = json.loads(_read(DATA / MANIFEST, origin=origin))
    except DataError:
        raise IntegrityError(MANIFEST, expected=None, actual=None) from None
    except ValueError as exc:
        raise DataError([f"not valid JSON: {exc} @ $"], origin=origin) from None
    releases = manifest.get("releases") if isinstance(manifest, dict) else None
    if not isinstance(releases, list):
        raise DataError(["expected an object with a 'releases' array @ $"], origin=origin)
    entries = [
        (i, r)
        for i, r in enumerate(releases)
        if isinstance(r, dict) and r.get("version") == version
    ]
    expected = {"version": version, "file": release_file(version), "sha256": sha}
    if len(entries) != 1 or entries[0][1] != expected:
        where = f"$.releases[{entries[-1][0]}]" if entries else "$.releases"
        problem = "listed twice" if len(entries) > 1 else "differs from the pinned release"
        raise DataError([f"release {version!r} {problem} @ {where}"], origin=origin)


_cache: dict[str, Dataset] = {}
_lock = threading.Lock()


def load(version: str | None = None) -> Dataset:
    """Load a dataset release shipped in this package (the latest if *version* is ``None``).

    The file's SHA-256 is checked against the hash pinned in this library's code before it
    is parsed, so a pinned version returns the same data for ever. The result is cached:
    every call with the same version returns the same immutable object, also across threads.

    Args:
        version: A data version such as ``"1.0.0"`` (see :func:`versions`).

    Raises:
        UnknownVersionError: If no release of that version ships here; lists the available ones.
        IntegrityError: If the release file is missing or unreadable, or its hash differs.
        DataError: If the manifest disagrees with the pinned hashes, or the file does not
            validate (a packaging bug).
        ArgumentTypeError: If *version* is not a string or ``None``.

    >>> import nk_casualties as nk
    >>> ds = nk.load("1.0.0")
    >>> ds.version, ds is nk.load("1.0.0")
    ('1.0.0', True)

    .. versionadded:: 0.1.0
    """
    if version is None:
        version = next(reversed(PINNED))
    elif not isinstance(version, str):
        raise ArgumentTypeError(
            f"'version' must be a str or None, got {type(version).__name__}: {version!r}",
            field="version",
        )
    cached = _cache.get(version)
    if cached is not None:
        return cached
    with _lock:
        cached = _cache.get(version)
        if cached is None:
            cached = _cache[version] = _load_release(version)
    return cached


def _load_release(version: str) -> Dataset:
    sha = PINNED.get(version)
    if sha is None:
        raise UnknownVersionError(version, versions())
    file, origin = release_file(version), f"release {version}"
    try:
        data = _read(DATA / file, origin=origin)
    except DataError:
        raise IntegrityError(file, expected=sha, actual=None) from None
    actual = hashlib.sha256(data).hexdigest()
    if actual != sha:
        raise IntegrityError(file, expected=sha, actual=actual)
    _cross_check(version, sha)
    ds = loads(data, origin=origin)
    if ds.version != version:  # pragma: no cover - the pinned hash rules it out
        raise DataError([f"file says version {ds.version!r} @ $.version"], origin=origin)
    return ds


def load_path(path: str | os.PathLike[str]) -> Dataset:
    """Load and fully validate a dataset file of your own, in the release schema.

    It is decoded exactly as the packaged releases are. Nothing is cached and nothing is
    half-loaded: either every record validates and a :class:`Dataset` comes back, or one
    :class:`DataError` lists every problem found with its JSON path. Only regular files of
    at most :data:`MAX_FILE_SIZE` bytes (1 GiB) are read.

    Args:
        path: The file to read.

    Raises:
        DataError: If the file cannot be read, is not a regular file, is too large or does
            not validate (also a ``ValueError``).
        ArgumentTypeError: If *path* is not a string or path-like object.

    .. versionadded:: 0.1.0
    """
    try:
        name = os.fspath(path)
    except TypeError:
        name = None
    if not isinstance(name, str):
        raise ArgumentTypeError(
            f"'path' must be a str or os.PathLike[str], got {type(path).__name__}: {path!r}",
            field="path",
        )
    return loads(_read(name, origin=name), origin=name)
