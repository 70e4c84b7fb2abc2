"""Random damage to a real release document, for tests that only documented errors come out.

``mutations(doc)`` draws a list of edits (drop a key, change a value's type, duplicate a list
item, insert an extra key, put an out-of-range value); ``apply(doc, edits)`` makes them on a
fresh copy. Paths reach every node of the document, so every field of every model is hit.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

Path = tuple[str | int, ...]
Edit = tuple[str, Path, Any]

#: Values of the wrong type or out of range for some field, and of the right type for others.
ODD_VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1.5,
    10**12,
    10**400,
    "",
    " x",
    "x",
    "1",
    "2020-02-30",
    "25:61",
    "exact",
    "killed",
    "az-mod",
    [],
    ["x"],
    {},
    {"x": 1},
)


def paths(doc: Any, prefix: Path = ()) -> list[Path]:
    """Every path into *doc*, containers and leaves, root included."""
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += paths(v, (*prefix, i))
    return out


def _get(doc: Any, path: Path) -> Any:
    for step in path:
        doc = doc[step]
    return doc


@st.composite
def edits(draw: st.DrawFn, all_paths: list[Path]) -> Edit:
    """One edit at a random path."""
    path = draw(st.sampled_from(all_paths))
    op = draw(st.sampled_from(["drop", "retype", "duplicate", "extra", "swap"]))
    value = draw(st.sampled_from(ODD_VALUES))
    if op == "swap":
        value = draw(st.sampled_from(all_paths))
    return (op, path, value)


def mutations(all_paths: list[Path]) -> st.SearchStrategy[list[Edit]]:
    """One to three edits."""
    return st.lists(edits(all_paths), min_size=1, max_size=3)


def apply(doc: Any, changes: list[Edit]) -> Any:
    """A copy of *doc* with *changes* made; edits whose path no longer exists are skipped."""
    doc = copy.deepcopy(doc)
    for op, path, value in changes:
        try:
            parent = _get(doc, path[:-1]) if path else None
            node = _get(doc, path)
        except (KeyError, IndexError, TypeError):
            continue
        key = path[-1] if path else None
        if op == "drop" and parent is not None:
            del parent[key]
        elif op == "retype":
            if parent is None:
                doc = value
            else:
                parent[key] = value
        elif op == "duplicate" and isinstance(node, list) and node:
            node.append(copy.deepcopy(node[0]))
        elif op == "extra" and isinstance(node, dict):
            node["unexpected"] = copy.deepcopy(value)
        elif op == "swap" and parent is not None:
            try:
                parent[key] = copy.deepcopy(_get(doc, value))
            except (KeyError, IndexError, TypeError):
                continue
    return doc
