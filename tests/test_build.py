"""The shipped latest release equals a build of the committed source (tools/source/)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

import nk_casualties as nk
from nk_casualties import _data

from .tools import load_tool

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "build_release.py"

pytestmark = pytest.mark.skipif(not TOOL.exists(), reason="needs the source tree (tools/)")


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("build_release")


def test_latest_release_is_the_build_of_the_source(tool: ModuleType) -> None:
    ds, data = tool.build()
    assert ds.version == nk.versions()[-1]
    shipped = _data._data_dir() / f"nk-casualties-{ds.version}.json"  # src/ or the wheel's
    assert shipped.read_bytes() == data
    assert ds == nk.load(ds.version)


def test_check_mode_passes(tool: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    if not tool.DATA.is_dir():
        pytest.skip("--check compares with src/, absent when testing an installed wheel")
    assert tool.main(["--check"]) == 0
    assert "matches tools/source/" in capsys.readouterr().out


def test_source_ids_are_stable(tool: ModuleType) -> None:
    assert tool.source_id("https://www.rt.com/x") == tool.source_id("https://www.rt.com/x")
    assert tool.source_id("https://www.rt.com/x").startswith("rt-com-")
    assert tool.source_id("https://www.rt.com/x") != tool.source_id("https://www.rt.com/y")
