"""The package facade: lazy, complete, and free to import."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import nk_casualties as nk


@pytest.mark.parametrize("name", nk.__all__)
def test_every_public_name_imports_from_the_package(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from nk_casualties import {name}", namespace)  # noqa: S102 - the statement under test
    assert namespace[name] == getattr(nk, name)


def test_public_names_live_in_their_modules() -> None:
    from nk_casualties import _LAZY

    assert set(_LAZY) | {"__version__"} == set(nk.__all__)
    for name, module in _LAZY.items():
        assert getattr(importlib.import_module(f"nk_casualties.{module}"), name) is getattr(
            nk, name
        )


def test_import_imports_neither_cattrs_nor_attrs() -> None:
    code = (
        "import sys\n"
        "import nk_casualties\n"
        "assert 'cattrs' not in sys.modules, 'cattrs imported'\n"
        "assert 'attr' not in sys.modules, 'attrs imported'\n"
        "assert [m for m in sys.modules if m.startswith('nk_casualties.')] == []\n"
        "nk_casualties.Range\n"
        "assert 'cattrs' not in sys.modules, 'cattrs imported by a model'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Claims'"):
        _ = nk.Claims


def test_data_dir_falls_back_to_importlib_resources(monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed other than as files (a zip), the release folder comes from the loader."""
    from nk_casualties import _data

    plain = _data._data_dir()
    monkeypatch.setattr(_data, "__file__", "/nonexistent/nk_casualties/_data.py")
    found = _data._data_dir()
    assert (found / "manifest.json").read_bytes() == (plain / "manifest.json").read_bytes()
