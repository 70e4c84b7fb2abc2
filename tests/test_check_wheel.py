"""The CI wheel check fails a wheel that lacks a release file (tools/check_wheel.py)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from .tools import load_tool


@pytest.fixture(scope="module")
def check() -> ModuleType:
    return load_tool("check_wheel")


def _wheel(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path


def _manifest(*files: str) -> str:
    return json.dumps({"releases": [{"version": f, "file": f, "sha256": "0" * 64} for f in files]})


def test_a_complete_wheel_passes(check: ModuleType, tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.json"
    manifest.write_text(_manifest("a.json", "b.json"))
    wheel = _wheel(
        tmp_path / "ok.whl",
        {
            "nk_casualties/py.typed": "",
            "nk_casualties/data/manifest.json": _manifest("a.json", "b.json"),
            "nk_casualties/data/a.json": "{}",
            "nk_casualties/data/b.json": "{}",
        },
    )
    assert check.problems(wheel, manifest) == []


def test_a_wheel_missing_a_release_fails(
    check: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = tmp_path / "manifest.json"
    manifest.write_text(_manifest("a.json", "b.json"))
    wheel = _wheel(
        tmp_path / "bad.whl",
        {
            "nk_casualties/data/manifest.json": _manifest("a.json"),
            "nk_casualties/data/a.json": "{}",
            "tests/test_x.py": "",
        },
    )
    assert check.problems(wheel, manifest) == [
        "missing nk_casualties/data/b.json",
        "missing nk_casualties/py.typed",
        "should not ship tests/test_x.py",
    ]
    assert check.main([str(wheel)]) == 1
    assert "check_wheel: missing nk_casualties/py.typed" in capsys.readouterr().err


def test_usage(check: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert check.main([]) == 2
    assert "Usage" in capsys.readouterr().err
