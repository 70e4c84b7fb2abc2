"""The curated API reference (docs/api.md) documents every public name.

Plain text checks, so they run without Sphinx installed; the Sphinx build itself (warnings as
errors, doctests) runs in CI with the ``docs`` extra.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest

import nk_casualties as nk

DOCS = Path(__file__).resolve().parent.parent / "docs"
API = DOCS / "api.md"

pytestmark = pytest.mark.skipif(not API.exists(), reason="needs the source tree's docs/")

#: ``.. autofunction:: nk_casualties.load``, ``.. py:data:: __version__``, ...
DIRECTIVE = re.compile(
    r"^\s*\.\. (?:auto|py:)(?:function|class|exception|data|attribute|method)::\s+"
    r"(?:nk_casualties\.)?(?P<name>[\w.]+)\s*$",
    re.MULTILINE,
)


def documented() -> list[str]:
    return DIRECTIVE.findall(API.read_text(encoding="utf-8"))


def test_every_public_name_is_in_the_api_reference() -> None:
    missing = sorted(set(nk.__all__) - set(documented()))
    assert missing == [], f"add these to docs/api.md: {missing}"


def test_the_api_reference_documents_no_name_twice() -> None:
    names = documented()
    assert len(names) == len(set(names))


def test_the_api_reference_names_only_what_exists() -> None:
    for name in documented():
        obj: object = nk
        for part in name.split("."):
            obj = getattr(obj, part)  # raises AttributeError for a stale name


@pytest.mark.parametrize("page", ["index.md", "tutorial.md", "figures.md", "charts.md"])
def test_pages_pin_a_shipped_release(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    pinned = set(re.findall(r'nk\.load\("([^"]+)"\)', text))
    assert pinned <= set(nk.versions())


def test_no_versionadded_is_later_than_the_package() -> None:
    """A "versionadded" names a version that has shipped or is about to: never a later one."""
    package = tuple(int(x) for x in nk.__version__.split(".")[:3])
    found = []
    for path in Path(nk.__file__).parent.glob("*.py"):
        found += re.findall(r"versionadded:: (\d+)\.(\d+)\.(\d+)", path.read_text("utf-8"))
    assert found
    assert max(tuple(int(x) for x in v) for v in found) <= package


def test_the_cli_reference_shows_each_command_with_a_real_example() -> None:
    ext = Path(__file__).resolve().parent.parent / "docs" / "_ext"
    if not ext.is_dir():
        pytest.skip("needs the source tree (docs/)")
    sys.path.insert(0, str(ext))
    try:
        page = importlib.import_module("nk_cli").page()
    finally:
        sys.path.remove(str(ext))
    assert "$ nk-casualties search 2906" in page
    assert "C10.killed" in page
    for command in ("overview", "show", "search", "parties", "events", "series", "compare"):
        assert f"## `{command}`" in page
