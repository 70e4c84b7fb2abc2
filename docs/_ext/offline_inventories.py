"""Fallback intersphinx inventories for builds without network access.

Sphinx tries each inventory location of an intersphinx project in order. The docs name the
real, online inventory first and the file this module writes second, so a build that can
reach docs.python.org, attrs.org and catt.rs (Read the Docs) uses the real inventories, and a
build in an offline CI sandbox still resolves the few outside names the API reference uses,
to the same addresses, instead of failing with "failed to reach any of the inventories".

Only names that the API reference actually links to are listed. Add one here when a new
signature or docstring names another outside object (``sphinx-build -n`` says which).
"""

from __future__ import annotations

import zlib
from pathlib import Path

#: project -> (project name in the inventory header, version, [(name, role, uri), ...]).
#: ``uri`` is relative to the project's base address, as in a real ``objects.inv``.
ENTRIES: dict[str, tuple[str, str, list[tuple[str, str, str]]]] = {
    "python": (
        "Python",
        "3",
        [
            ("datetime.date", "py:class", "library/datetime.html#datetime.date"),
            ("datetime.time", "py:class", "library/datetime.html#datetime.time"),
            ("os.PathLike", "py:class", "library/os.html#os.PathLike"),
            ("pathlib.Path", "py:class", "library/pathlib.html#pathlib.Path"),
            (
                "collections.abc.Iterable",
                "py:class",
                "library/collections.abc.html#collections.abc.Iterable",
            ),
            (
                "collections.abc.Sequence",
                "py:class",
                "library/collections.abc.html#collections.abc.Sequence",
            ),
            (
                "collections.abc.Mapping",
                "py:class",
                "library/collections.abc.html#collections.abc.Mapping",
            ),
            ("enum.Enum", "py:class", "library/enum.html#enum.Enum"),
            ("Exception", "py:exception", "library/exceptions.html#Exception"),
            ("LookupError", "py:exception", "library/exceptions.html#LookupError"),
            ("ValueError", "py:exception", "library/exceptions.html#ValueError"),
            ("TypeError", "py:exception", "library/exceptions.html#TypeError"),
            ("int", "py:class", "library/functions.html#int"),
            ("str", "py:class", "library/stdtypes.html#str"),
            ("bool", "py:class", "library/functions.html#bool"),
            ("tuple", "py:class", "library/stdtypes.html#tuple"),
            ("frozenset", "py:class", "library/stdtypes.html#frozenset"),
            ("dict", "py:class", "library/stdtypes.html#dict"),
            ("list", "py:class", "library/stdtypes.html#list"),
            ("object", "py:class", "library/functions.html#object"),
            ("None", "py:data", "library/constants.html#None"),
            ("True", "py:data", "library/constants.html#True"),
            ("False", "py:data", "library/constants.html#False"),
        ],
    ),
    "attrs": (
        "attrs",
        "stable",
        [
            ("attrs.frozen", "py:function", "api.html#attrs.frozen"),
            ("attrs.define", "py:function", "api.html#attrs.define"),
            ("attrs.evolve", "py:function", "api.html#attrs.evolve"),
            ("attrs.asdict", "py:function", "api.html#attrs.asdict"),
        ],
    ),
    "cattrs": (
        "cattrs",
        "stable",
        [
            ("cattrs.Converter", "py:class", "cattrs.html#cattrs.Converter"),
            ("cattrs.transform_error", "py:function", "cattrs.html#cattrs.transform_error"),
        ],
    ),
    "pandas": (
        "pandas",
        "stable",
        [
            (
                "pandas.DataFrame",
                "py:class",
                "reference/api/pandas.DataFrame.html#pandas.DataFrame",
            ),
        ],
    ),
}


def render(project: str) -> bytes:
    """The ``objects.inv`` (format version 2) of *project*'s fallback entries."""
    name, version, entries = ENTRIES[project]
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {name}\n"
        f"# Version: {version}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    body = "".join(f"{n} {role} 1 {uri} -\n" for n, role, uri in entries)
    return header.encode() + zlib.compress(body.encode())


def write_all(folder: Path) -> dict[str, Path]:
    """Write every fallback inventory into *folder*; return project -> file."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for project in ENTRIES:
        path = folder / f"{project}-objects.inv"
        data = render(project)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        out[project] = path
    return out
