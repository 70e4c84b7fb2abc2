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


def test_public_names_are_listed_once_and_documented_where_they_live() -> None:
    """Each public name is defined by one module of the package, which lists it."""
    for name in set(nk.__all__) - {"__version__"}:
        value = getattr(nk, name)
        module = getattr(value, "__module__", None)
        if module is not None and module.startswith("nk_casualties"):
            assert name in importlib.import_module(module).__all__, (name, module)
    assert sorted(dir(nk)) == sorted(nk.__all__)


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
