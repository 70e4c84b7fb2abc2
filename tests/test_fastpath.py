"""The fast path and the validating path accept and reject exactly the same documents.

Loading tries the fast path first (prebuilt hooks, no error bookkeeping) and falls back to
the validating path, which reports every problem. These tests take real releases, synthetic
ones and generated datasets, mutate them at random (drop keys, add keys, change types,
duplicate items, break numbers, dates, enum values and references) and check that the two
paths agree: both accept with equal datasets, or the fast path fails and the validating
path raises the DataError that ``structure`` raises.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nk_casualties as nk
from nk_casualties import _converter, _records
from nk_casualties._data import _data_dir

from .equality import same_dataset
from .strategies import datasets

SYNTHETIC = Path(__file__).resolve().parent.parent / "benchmarks" / "synthetic.py"

Path_ = tuple[str | int, ...]


@functools.cache
def _synthetic_release(n: int, seed: int) -> bytes:
    spec = importlib.util.spec_from_file_location("nk_benchmarks_synthetic", SYNTHETIC)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data: bytes = module.dumps(module.release(n, seed=seed))
    return data


def _bases() -> dict[str, bytes]:
    bases = {v: (_data_dir() / f"nk-casualties-{v}.json").read_bytes() for v in nk.versions()}
    if SYNTHETIC.exists():  # the sdist has no benchmarks/
        bases["synthetic"] = _synthetic_release(40, 1)
    return bases


BASES = _bases()


@functools.cache
def _words(name: str) -> tuple[str, ...]:
    """Every string of a base document: ids, enum values, dates, for plausible swaps."""
    doc = json.loads(BASES[name])
    words: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            words.update(node)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str) and len(node) < 60:
            words.add(node)

    walk(doc)
    return tuple(sorted(words))


def _values(name: str) -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**12), max_value=10**12),
        st.sampled_from([0, -1, 1, 10**10, 10**10 + 1, 2**63]),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=6),
        st.sampled_from(["", " ", " x", "a\nb", "2020-02-30", "2020-1-1", "25:99", "9:30"]),
        st.dates().map(dt.date.isoformat),
        st.sampled_from(_words(name)),
    )
    return st.one_of(
        scalars,
        st.lists(scalars, max_size=3),
        st.dictionaries(st.sampled_from(_words(name)) | st.text(max_size=4), scalars, max_size=3),
    )


#: Every field name of the schema: a key to drop, add or replace, present or not.
FIELDS = sorted(
    {
        f.name
        for cls in (_records.DocumentRecord, _records.PartyRecord, _records.ClaimRecord)
        for f in attrs.fields(cls)
    }
    | {f.name for cls in (nk.Source, nk.Figure, nk.Period) for f in attrs.fields(cls)}
    | {"surprise", ""}
)


def _containers(node: object) -> list[Any]:
    """*node* and every object or array inside it."""
    out: list[Any] = []

    def walk(n: object) -> None:
        if isinstance(n, (dict, list)):
            out.append(n)
            for v in n.values() if isinstance(n, dict) else n:
                walk(v)

    walk(node)
    return out


def _tweaks(name: str, value: object) -> st.SearchStrategy[Any]:
    """Values close to *value*: the same number off by one or of another type, and so on."""
    if isinstance(value, bool):
        return st.sampled_from([not value, int(value), None])
    if isinstance(value, int):
        n = value
        return st.sampled_from([-n, -1, n + 1, n - 1, 0, 10**10 + 1, float(n), str(n), True])
    if isinstance(value, str):
        return st.sampled_from(_words(name)) | st.sampled_from(
            ["", " ", f" {value}", f"{value} ", value.upper(), f"{value}\n", value[:-1]]
        )
    return _values(name)


def _pick(data: st.DataObject, items: list[Any]) -> Any:
    """One of *items*, drawn by index (a strategy over large values has a large repr)."""
    return items[data.draw(st.integers(0, len(items) - 1))]


def _mutate(data: st.DataObject, name: str, doc: Any) -> None:
    """Apply one random mutation to *doc* in place, somewhere in one record (or the top)."""
    section = data.draw(st.sampled_from(["claims", "claims", "sources", "parties", None]))
    items = doc.get(section) if isinstance(doc, dict) and section else None
    node: Any = None
    if isinstance(items, list) and items:
        containers = _containers(_pick(data, items))
        if containers:  # an earlier mutation may have made the record a scalar
            node = _pick(data, containers)
    if node is None:  # the document itself, or one of its arrays
        node = _pick(data, [doc, *(v for v in doc.values() if isinstance(v, list))])
    if isinstance(node, dict):
        key = data.draw(st.sampled_from(sorted({*node, *FIELDS})))
        action = data.draw(st.sampled_from(["drop", "replace", "tweak"]))
        if action == "drop":
            node.pop(key, None)
        elif action == "tweak" and key in node:
            node[key] = data.draw(_tweaks(name, node[key]))
        else:
            node[key] = data.draw(_values(name))
    elif node:
        i = data.draw(st.integers(0, len(node) - 1))
        action = data.draw(st.sampled_from(["drop", "duplicate", "replace", "tweak"]))
        if action == "drop":
            del node[i]
        elif action == "duplicate":
            node.insert(data.draw(st.integers(0, len(node))), json.loads(json.dumps(node[i])))
        elif action == "tweak":
            node[i] = data.draw(_tweaks(name, node[i]))
        else:
            node[i] = data.draw(_values(name))


def _outcome(raw: Any) -> tuple[nk.Dataset | None, nk.Dataset | tuple[str, ...], str | None]:
    """(fast result or None if it failed, validating result or problems, structure's error)."""
    try:
        fast: nk.Dataset | None = _converter._structure_fast(json.loads(json.dumps(raw)))
    except Exception:  # noqa: BLE001 - any failure sends structure() to the validating path
        fast = None
    try:
        detailed: nk.Dataset | tuple[str, ...] = _converter._structure_detailed(raw)
    except nk.DataError as exc:
        detailed = exc.problems
    try:
        public = _converter.structure(raw)
    except nk.DataError as exc:
        return fast, detailed, str(exc)
    assert public == detailed
    return fast, detailed, None


def _assert_agree(raw: Any) -> None:
    fast, detailed, error = _outcome(raw)
    if fast is None:
        assert isinstance(detailed, tuple), "the fast path rejected what validates"
        assert error == str(nk.DataError(detailed)), "structure() raised another error"
    else:
        assert isinstance(detailed, nk.Dataset), "the fast path accepted what does not validate"
        assert same_dataset(fast, detailed), "the fast path's dataset differs"
        assert error is None


@pytest.mark.parametrize("name", list(BASES))
def test_fast_path_accepts_every_base_document(name: str) -> None:
    """The fast path is not a fallback in disguise: valid documents never leave it."""
    raw = json.loads(BASES[name])
    assert same_dataset(_converter._structure_fast(raw), _converter._structure_detailed(raw))


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_fast_and_validating_paths_agree_on_mutated_releases(data: st.DataObject) -> None:
    """For any mutation of a valid document, both paths accept with equal results, or both
    reject and structure() raises the validating path's error."""
    name = data.draw(st.sampled_from(sorted(BASES)))
    doc = json.loads(BASES[name])
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        _mutate(data, name, doc)
    _assert_agree(doc)


@given(datasets(max_claims=6), st.data())
def test_fast_and_validating_paths_agree_on_mutated_datasets(
    ds: nk.Dataset, data: st.DataObject
) -> None:
    """The same law on generated datasets, which cover every optional field."""
    raw = _converter.unstructure(ds)
    assert _converter._structure_fast(json.loads(json.dumps(raw))) == ds
    words = sorted({*json.dumps(raw).split('"')[1::2]})
    target = data.draw(st.sampled_from(["claims", "sources", "parties"]))
    items = raw[target]
    if items:
        item = items[data.draw(st.integers(0, len(items) - 1))]
        field = data.draw(st.sampled_from(sorted(item)))
        action = data.draw(st.sampled_from(["drop", "replace", "swap"]))
        if action == "drop":
            del item[field]
        elif action == "swap":
            item[field] = data.draw(st.sampled_from(words))
        else:
            item[field] = data.draw(
                st.none() | st.booleans() | st.integers() | st.text(max_size=3) | st.just([])
            )
    _assert_agree(raw)


@pytest.mark.parametrize(
    "raw", [None, [], "x", 1, {}, {"version": "1"}], ids=["null", "array", "str", "int", "{}", "v"]
)
def test_paths_agree_on_documents_that_are_not_releases(raw: object) -> None:
    _assert_agree(raw)


def test_every_optional_field_defaults_to_none() -> None:
    """The fast path reads absent optional keys with ``o.get()``, i.e. as None."""
    for cls in (
        _records.PartyRecord,
        _records.ClaimRecord,
        _records.DocumentRecord,
        nk.Source,
        nk.Figure,
        nk.Period,
    ):
        for f in attrs.fields(cls):
            assert f.default is attrs.NOTHING or f.default is None, (cls, f.name)


def test_load_path_falls_back_to_the_validating_path(tmp_path: Path) -> None:
    raw = json.loads(BASES["1.0.0"])
    raw["claims"][3]["figure"]["number"] = "12"
    raw["claims"][5]["surprise"] = True
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(raw))
    with pytest.raises(nk.DataError) as info:
        nk.load_path(f)
    assert info.value.problems == (
        "expected an integer, got a string ('12') @ $.claims[3].figure.number",
        "unknown field(s): surprise @ $.claims[5]",
    )


def test_garbage_collector_is_paused_only_while_loading(tmp_path: Path) -> None:
    f = tmp_path / "ok.json"
    f.write_bytes(BASES["1.0.0"])
    assert gc.isenabled()
    nk.load_path(f)
    assert gc.isenabled()
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    with pytest.raises(nk.DataError):
        nk.load_path(bad)
    assert gc.isenabled()
    gc.disable()
    try:
        nk.load_path(f)
        assert not gc.isenabled(), "a caller's paused collector was turned on"
    finally:
        gc.enable()


def test_objects_made_while_loading_go_to_the_oldest_generation(tmp_path: Path) -> None:
    f = tmp_path / "ok.json"
    f.write_bytes(BASES["1.1.0"])
    ds = nk.load_path(f)
    last = ds.claims[-1]
    assert any(o is last for o in gc.get_objects(generation=2))


def test_a_callers_frozen_objects_stay_frozen(tmp_path: Path) -> None:
    f = tmp_path / "ok.json"
    f.write_bytes(BASES["1.0.0"])
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        nk.load_path(f)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_a_party_part_of_itself_is_reported() -> None:
    """Found by the agreement test: a self-reference used to escape as a KeyError."""
    raw = json.loads(BASES["1.0.0"])
    raw["parties"][1]["part_of"] = raw["parties"][1]["id"]
    _assert_agree(raw)
    with pytest.raises(nk.DataError, match=r"is part of itself @ \$\.parties\[1\]\.part_of"):
        _converter.structure(raw)


@pytest.mark.parametrize(
    ("record", "model"),
    [
        (_records.PartyRecord, nk.Party),
        (_records.ClaimRecord, nk.Claim),
        (_records.DocumentRecord, nk.Dataset),
    ],
)
def test_records_have_the_fields_of_their_models(record: type, model: type) -> None:
    """The fast path takes a record's keys from its model, so the names must match."""
    assert _converter._keys(record) == _converter._keys(model)


def test_valid_files_do_not_build_the_records() -> None:
    code = (
        "import sys, nk_casualties\n"
        "nk_casualties.load()\n"
        "assert 'nk_casualties._records' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


#: Values of every JSON type, and the edges of the domain rules.
BAD_VALUES: list[object] = [
    None,
    True,
    False,
    0,
    -1,
    1.5,
    1e9,
    10**10 + 1,
    "",
    " x",
    "x",
    "12",
    "2020-02-30",
    [],
    {},
]


def _field_cases() -> list[tuple[Path_, object]]:
    """(path to a field, value) for every field of every kind of record, and more.

    The records chosen carry every optional field the base has (a "between" figure, a
    period, a basis, a note...), so that each field is set to each value at least once.
    """
    doc = _base()
    cases: list[tuple[Path_, object]] = []

    def richest(section: str, *need: str) -> int:
        items = doc[section]
        scored = [
            (sum(k in json.dumps(item) for k in need) + len(json.dumps(item)) / 1e6, i)
            for i, item in enumerate(items)
        ]
        return max(scored)[1]

    claim = richest("claims", '"upper"', '"period"', '"basis"', '"subgroup"')
    source = richest("sources", '"published_at"', '"title"', '"published_on"', '"note"')
    party = richest("parties", '"part_of"', '"note"')
    targets: list[Path_] = [()]
    targets += [("claims", claim), ("claims", claim, "figure"), ("sources", source)]
    targets += [("parties", party)]
    if "period" in doc["claims"][claim]:
        targets.append(("claims", claim, "period"))
    undated = [i for i, c in enumerate(doc["claims"]) if "stated_on" not in c]
    targets += [("claims", i) for i in undated[:1]]  # date_basis "unknown"
    between = [i for i, c in enumerate(doc["claims"]) if "upper" in c["figure"]]
    targets += [("claims", i, "figure") for i in between[:1]]
    for target in targets:
        node: Any = doc
        for k in target:
            node = node[k]
        for key in sorted(set(node) | {"surprise"}):
            cases += [((*target, key), value) for value in [*BAD_VALUES, DROP]]
    return cases


DROP = object()  # "remove the key" in _field_cases


def _base() -> Any:
    """The document the field-by-field test mutates: synthetic, or the latest release."""
    if SYNTHETIC.exists():
        return json.loads(_synthetic_release(40, 1))
    return json.loads(BASES[nk.versions()[-1]])  # pragma: no cover - sdist: no benchmarks/


@pytest.mark.parametrize(("path", "value"), _field_cases())
def test_paths_agree_field_by_field(path: Path_, value: object) -> None:
    """Every field of every kind of record, set to a value of every JSON type or removed:
    both paths accept with equal results, or both reject with the same error."""
    doc = _base()
    node: Any = doc
    for k in path[:-1]:
        node = node[k]
    if value is DROP:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value
    _assert_agree(doc)
