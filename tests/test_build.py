"""The shipped latest release equals a build of the committed source (tools/source/)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

import nk_casualties as nk

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
    shipped = Path(nk.__file__).with_name("data") / f"nk-casualties-{ds.version}.json"
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


def test_publishing_pins_the_hash_in_the_library(tool: ModuleType, tmp_path: Path) -> None:
    """The release builder adds the new release's SHA-256 to PINNED in _data.py."""
    pins = tmp_path / "_data.py"
    pins.write_text(Path(nk.__file__).with_name("_data.py").read_text(encoding="utf-8"))
    tool.pin("9.0.0", "ab" * 32, pins=pins)
    namespace: dict[str, object] = {}
    text = pins.read_text(encoding="utf-8")
    start = text.index("PINNED: Final = {")
    exec(text[start : text.index("}\n", start) + 2].replace(": Final", ""), namespace)  # noqa: S102
    assert list(namespace["PINNED"]) == [*nk.versions(), "9.0.0"]  # type: ignore[call-overload]
    with pytest.raises(tool.BuildError, match="already pinned"):
        tool.pin("9.0.0", "cd" * 32, pins=pins)
