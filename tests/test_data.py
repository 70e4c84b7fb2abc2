"""Packaged releases: versions, load, cache, pinned hashes, integrity and immutability."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

import nk_casualties as nk

#: SHA-256 of every release file, as recorded when it was published: a second record of
#: the hashes the library pins, so a change to either is caught. A released file never
#: changes; a correction is a new release. Add a line here when you publish one.
PUBLISHED = {
    "1.0.0": "c1583044a289dce6d9c1d4665582dab61dcb75b1b5e9a9665ffabdf7307a0784",
    "1.1.0": "9b4a4dddfc41c48a1f84676465667c6493bcea763c344ea3f27ecf56030ba1e9",
    "2.0.0": "6527c015d44f6afd0beb49cba5325dff7c3dbbd5f0ad01d54c88971c2d347d9f",
    "2.1.0": "f3ae77b88c4149d0f6fabf85130d39f25d4dab7d178477da2cd74649c64f908d",
}
PACKAGE = Path(nk.__file__).resolve().parent
DATA = PACKAGE / "data"


def test_versions_are_the_published_ones_oldest_first() -> None:
    assert nk.versions() == tuple(PUBLISHED)


@pytest.mark.parametrize("version", list(PUBLISHED))
def test_released_files_never_change(version: str) -> None:
    data = (DATA / f"nk-casualties-{version}.json").read_bytes()
    assert hashlib.sha256(data).hexdigest() == PUBLISHED[version]


def test_manifest_matches_the_published_hashes() -> None:
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == {
        "releases": [
            {"version": v, "file": f"nk-casualties-{v}.json", "sha256": sha}
            for v, sha in PUBLISHED.items()
        ]
    }


def test_data_folder_holds_only_releases_and_the_manifest() -> None:
    names = {p.name for p in DATA.iterdir()}
    assert names == {"manifest.json"} | {f"nk-casualties-{v}.json" for v in PUBLISHED}


@pytest.mark.parametrize("version", list(PUBLISHED))
def test_every_release_loads_with_unique_ids_and_sources(version: str) -> None:
    ds = nk.load(version)
    assert ds.version == version
    assert len({c.id for c in ds.claims}) == len(ds.claims)
    assert all(c.sources for c in ds.claims)
    assert all(c.dataset_version == version for c in ds.claims)
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
    assert (
        str(err)
        == "no dataset release '9.9.9' in this package; available: 1.0.0, 1.1.0, 2.0.0, 2.1.0"
    )


def test_load_rejects_a_non_string_version() -> None:
    with pytest.raises(nk.ArgumentTypeError, match="'version' must be a str"):
        nk.load(1.0)  # type: ignore[arg-type]


def test_loading_leaves_the_garbage_collector_as_the_application_set_it(tmp_path: Path) -> None:
    """No global state changes while a file loads, in this thread or another."""
    path = tmp_path / "copy.json"
    path.write_bytes((DATA / "nk-casualties-1.1.0.json").read_bytes())
    seen: set[bool] = set()
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            seen.add(gc.isenabled())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(5):
            nk.load_path(path)
    finally:
        done.set()
        watcher.join()
    assert seen == {True}
    gc.disable()
    try:
        nk.load_path(path)
        assert not gc.isenabled()
    finally:
        gc.enable()


# -- a copy of the installed package, damaged, run in a fresh interpreter -----------------


def run_copy(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    """Run *code* in a fresh interpreter that imports the copy of the package in tmp_path."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
    )


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The data folder of a copy of the package, which run_copy imports instead of ours."""
    shutil.copytree(PACKAGE, tmp_path / "nk_casualties", ignore=shutil.ignore_patterns("*.pyc"))
    return tmp_path / "nk_casualties" / "data"


def outcome(tmp_path: Path, call: str) -> str:
    """What *call* gives in the copy: its result, or the error's type and attributes."""
    proc = run_copy(
        tmp_path,
        f"""
        import nk_casualties as nk
        assert nk.__file__.startswith({str(tmp_path)!r}), nk.__file__
        try:
            print(repr({call}))
        except nk.NKCasualtiesError as e:
            print(type(e).__name__, vars(e))
        """,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_a_tampered_release_is_refused_even_with_its_manifest_entry(
    copy: Path, tmp_path: Path
) -> None:
    f = copy / "nk-casualties-1.0.0.json"
    f.write_bytes(f.read_bytes().replace(b"2,783", b"2,784", 1))
    actual = hashlib.sha256(f.read_bytes()).hexdigest()
    refused = (
        f"IntegrityError {{'file': 'nk-casualties-1.0.0.json', "
        f"'expected': '{PUBLISHED['1.0.0']}', 'actual': '{actual}'}}"
    )
    assert outcome(tmp_path, 'nk.load("1.0.0")') == refused
    manifest = copy / "manifest.json"
    manifest.write_text(manifest.read_text().replace(PUBLISHED["1.0.0"], actual))
    assert outcome(tmp_path, 'nk.load("1.0.0")') == refused


def test_an_unpinned_release_is_never_served(copy: Path, tmp_path: Path) -> None:
    """A file and manifest entry added beside the pinned ones ship nothing."""
    fake = (copy / "nk-casualties-2.1.0.json").read_text().replace('"2.1.0"', '"9.0.0"', 1)
    (copy / "nk-casualties-9.0.0.json").write_text(fake)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["releases"].append(
        {
            "version": "9.0.0",
            "file": "nk-casualties-9.0.0.json",
            "sha256": hashlib.sha256(fake.encode()).hexdigest(),
        }
    )
    (copy / "manifest.json").write_text(json.dumps(manifest))
    assert outcome(tmp_path, "nk.versions()") == repr(tuple(PUBLISHED))
    assert outcome(tmp_path, "nk.load().version") == repr(list(PUBLISHED)[-1])
    assert outcome(tmp_path, 'nk.load("9.0.0")').startswith("UnknownVersionError")


def test_a_manifest_that_disagrees_with_the_pins_is_refused(copy: Path, tmp_path: Path) -> None:
    manifest = copy / "manifest.json"
    raw = json.loads(manifest.read_text())
    raw["releases"].append(raw["releases"][0])
    manifest.write_text(json.dumps(raw))
    twice = f"release '1.0.0' listed twice @ $.releases[{len(PUBLISHED)}]"
    assert outcome(tmp_path, 'nk.load("1.0.0")') == (
        f"DataError {{'problems': ({twice!r},), 'origin': 'packaged manifest.json'}}"
    )
    manifest.write_text("[]")
    assert "expected an object with a 'releases' array" in outcome(tmp_path, "nk.load()")
    manifest.unlink()
    assert outcome(tmp_path, "nk.load()").startswith("IntegrityError {'file': 'manifest.json'")


@pytest.mark.parametrize("damage", ["missing", "directory", "symlink loop", "unreadable"])
def test_a_missing_or_unreadable_release_is_refused(
    copy: Path, tmp_path: Path, damage: str
) -> None:
    if damage == "unreadable" and os.geteuid() == 0:
        pytest.skip("root reads every file")
    f = copy / "nk-casualties-1.0.0.json"
    f.unlink()
    if damage == "directory":
        f.mkdir()
    elif damage == "symlink loop":
        f.symlink_to(f)
    elif damage == "unreadable":
        f.write_text("{}")
        f.chmod(0)
    assert outcome(tmp_path, 'nk.load("1.0.0")') == (
        f"IntegrityError {{'file': 'nk-casualties-1.0.0.json', "
        f"'expected': '{PUBLISHED['1.0.0']}', 'actual': None}}"
    )


def test_concurrent_first_loads_return_one_object(tmp_path: Path) -> None:
    proc = run_copy(
        tmp_path,
        """
        import threading, nk_casualties as nk
        barrier, results = threading.Barrier(8), []
        def worker():
            barrier.wait()
            results.append(nk.load("1.0.0"))
        threads = [threading.Thread(target=worker) for _ in range(8)]
        for t in threads: t.start()
        for t in threads: t.join()
        assert len(results) == 8 and all(r is results[0] for r in results)
        """,
    )
    assert proc.returncode == 0, proc.stderr


def test_import_reads_no_file_and_imports_no_cattrs() -> None:
    code = """
        import builtins, io, sys
        opened = []
        real_open = io.open
        def spy(file, *a, **k):
            opened.append(str(file)); return real_open(file, *a, **k)
        builtins.open = io.open = spy
        import nk_casualties
        assert 'cattrs' not in sys.modules, 'cattrs imported'
        assert not [f for f in opened if 'nk_casualties' in f], opened
        assert nk_casualties.load().version == nk_casualties.versions()[-1]
        """
    subprocess.run([sys.executable, "-c", textwrap.dedent(code)], check=True)


def test_the_command_line_reports_a_damaged_release_in_one_line(copy: Path, tmp_path: Path) -> None:
    f = copy / "nk-casualties-1.0.0.json"
    f.unlink()
    f.symlink_to(f)
    proc = subprocess.run(
        [sys.executable, "-m", "nk_casualties", "--release", "1.0.0", "show", "A1.killed"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("nk-casualties: error: release file 'nk-casualties-1.0.0.json'")
    assert len(proc.stderr.splitlines()) == 1
