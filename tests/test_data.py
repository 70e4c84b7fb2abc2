"""Packaged releases: versions, load, cache, integrity and immutability."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import nk_casualties as nk
from nk_casualties import _data

#: SHA-256 of every release file, as recorded when it was published. A released file never
#: changes: a correction is a new release. Add a line here when you publish one.
PUBLISHED = {
    "1.0.0": "c1583044a289dce6d9c1d4665582dab61dcb75b1b5e9a9665ffabdf7307a0784",
    "1.1.0": "9b4a4dddfc41c48a1f84676465667c6493bcea763c344ea3f27ecf56030ba1e9",
}


def test_versions_are_the_published_ones_oldest_first() -> None:
    assert nk.versions() == tuple(PUBLISHED)


@pytest.mark.parametrize("version", list(PUBLISHED))
def test_released_files_never_change(version: str) -> None:
    data = (_data._data_dir() / f"nk-casualties-{version}.json").read_bytes()
    assert hashlib.sha256(data).hexdigest() == PUBLISHED[version]


def test_manifest_matches_the_published_hashes() -> None:
    assert {v: sha for v, _, sha in _data._manifest()} == PUBLISHED


def test_data_folder_holds_only_releases_and_the_manifest() -> None:
    names = {p.name for p in _data._data_dir().iterdir()}
    assert names == {"manifest.json"} | {f for _, f, _ in _data._manifest()}


@pytest.mark.parametrize("version", list(PUBLISHED))
def test_every_release_loads_with_unique_ids_and_sources(version: str) -> None:
    ds = nk.load(version)
    assert ds.version == version
    assert len({c.id for c in ds.claims}) == len(ds.claims)
    assert all(c.sources for c in ds.claims)
    assert ds.licence == "CC-BY-4.0"


def test_load_defaults_to_the_latest_and_caches() -> None:
    latest = nk.load()
    assert latest.version == nk.versions()[-1]
    assert nk.load() is latest
    assert nk.load(latest.version) is latest


def test_unknown_version_lists_the_available_ones() -> None:
    with pytest.raises(nk.UnknownVersionError) as info:
        nk.load("9.9.9")
    err = info.value
    assert isinstance(err, nk.NKCasualtiesError)
    assert isinstance(err, LookupError)
    assert err.available == nk.versions()
    assert "1.0.0" in str(err)
    assert "'9.9.9'" in str(err)


def test_load_rejects_a_non_string_version() -> None:
    with pytest.raises(nk.ArgumentTypeError, match="'version' must be a str"):
        nk.load(1.0)  # type: ignore[arg-type]


def test_concurrent_first_loads_return_one_object(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_data, "_cache", {})
    barrier = threading.Barrier(8)
    results: list[nk.Dataset] = []

    def worker() -> None:
        barrier.wait()
        results.append(nk.load("1.0.0"))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8
    assert all(r is results[0] for r in results)


@pytest.fixture
def package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the data folder that the loader reads instead of the real one."""
    data = tmp_path / "data"
    shutil.copytree(Path(str(_data._data_dir())), data)
    monkeypatch.setattr(_data, "_data_dir", lambda: data)
    monkeypatch.setattr(_data, "_cache", {})
    _data._manifest.cache_clear()
    yield data
    _data._manifest.cache_clear()


def test_tampered_release_is_refused(package_copy: Path) -> None:
    f = package_copy / "nk-casualties-1.0.0.json"
    f.write_bytes(f.read_bytes().replace(b"2,783", b"2,784", 1))
    with pytest.raises(nk.IntegrityError) as info:
        nk.load("1.0.0")
    err = info.value
    assert err.file == f.name
    assert err.expected == PUBLISHED["1.0.0"]
    assert err.actual == hashlib.sha256(f.read_bytes()).hexdigest()
    assert err.expected in str(err)
    assert err.actual in str(err)


def test_missing_release_file_is_refused(package_copy: Path) -> None:
    (package_copy / "nk-casualties-1.0.0.json").unlink()
    with pytest.raises(nk.IntegrityError, match="missing"):
        nk.load("1.0.0")


def test_missing_or_broken_manifest_is_refused(package_copy: Path) -> None:
    manifest = package_copy / "manifest.json"
    manifest.write_text('{"releases": [{"version": 1}]}')
    with pytest.raises(nk.DataError, match=r"\$\.releases\[0\]"):
        nk.versions()
    _data._manifest.cache_clear()
    manifest.write_text("[]")
    with pytest.raises(nk.DataError, match="'releases' array"):
        nk.versions()
    _data._manifest.cache_clear()
    manifest.write_text("{")
    with pytest.raises(nk.DataError, match="not valid JSON"):
        nk.versions()
    _data._manifest.cache_clear()
    manifest.unlink()
    with pytest.raises(nk.IntegrityError, match=r"manifest\.json"):
        nk.versions()


def test_manifest_and_file_version_must_agree(package_copy: Path) -> None:
    manifest = package_copy / "manifest.json"
    raw = json.loads(manifest.read_text())
    raw["releases"][0]["version"] = "0.9.0"
    manifest.write_text(json.dumps(raw))
    with pytest.raises(nk.DataError, match=r"manifest says '0\.9\.0'"):
        nk.load("0.9.0")


def test_no_release_at_all(package_copy: Path) -> None:
    (package_copy / "manifest.json").write_text('{"releases": []}')
    with pytest.raises(nk.UnknownVersionError, match="available: none"):
        nk.load()


def test_import_reads_no_file_and_loading_imports_no_cattrs() -> None:
    code = (
        "import builtins, io, sys\n"
        "opened = []\n"
        "real_open = io.open\n"
        "def spy(file, *a, **k):\n"
        "    opened.append(str(file)); return real_open(file, *a, **k)\n"
        "builtins.open = io.open = spy\n"
        "import nk_casualties\n"
        "assert 'cattrs' not in sys.modules, 'cattrs imported'\n"
        "data = [f for f in opened if 'nk_casualties' in f]\n"
        "assert not data, data\n"
        "nk_casualties.load()\n"
        "assert 'cattrs' not in sys.modules, 'cattrs imported to load a valid release'\n"
        "try:\n"
        "    nk_casualties._converter.parse(b'{}')\n"
        "except nk_casualties.DataError:\n"
        "    assert 'cattrs' in sys.modules, 'the validating path runs without cattrs?'\n"
        "else:\n"
        "    raise AssertionError('{} loaded')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
