"""CITATION.cff and the package metadata agree, and cite() names both versions."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import nk_casualties as nk

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def _cff() -> str:
    path = ROOT / "CITATION.cff"
    if not path.is_file():
        pytest.skip("CITATION.cff is not beside the tests (e.g. testing an installed wheel)")
    return path.read_text(encoding="utf-8")


def test_citation_cff_names_the_library_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = re.search(r"^version: (\S+)$", _cff(), re.MULTILINE)
    assert found is not None
    assert found.group(1) == project["version"]


def test_citation_cff_names_both_licences() -> None:
    text = _cff()
    assert "cff-version: 1.2.0" in text
    assert "  - MIT\n  - CC-BY-4.0\n" in text


@pytest.mark.parametrize("version", ["1.0.0", "1.1.0"])
def test_cite_names_the_data_and_library_versions(version: str) -> None:
    ds = nk.load(version)
    assert f"Data version {version}; nk-casualties {nk.__version__}." in ds.cite()
    bibtex = ds.cite(format="bibtex")
    assert f"version = {{{version}}}" in bibtex
    assert f"nk-casualties {nk.__version__}" in bibtex
