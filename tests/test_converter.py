"""The JSON edge: round trips, strict types, and every problem reported with its path."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import nk_casualties as nk
from nk_casualties import _converter

from .strategies import datasets


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return _converter.unstructure(nk.load("1.0.0"))


def problems_of(doc: object) -> tuple[str, ...]:
    with pytest.raises(nk.DataError) as info:
        _converter.structure(doc)
    assert isinstance(info.value, ValueError)
    return info.value.problems


@given(datasets())
def test_dataset_structure_unstructure_round_trips(ds: nk.Dataset) -> None:
    """structure(unstructure(x)) == x for every dataset (and so every model in it)."""
    assert _converter.structure(_converter.unstructure(ds)) == ds


@given(datasets())
def test_dataset_json_text_round_trips(ds: nk.Dataset) -> None:
    """parse(dumps(x)) == x: the canonical text loses nothing."""
    assert _converter.parse(_converter.dumps(ds).encode()) == ds


def test_shipped_release_is_in_canonical_form() -> None:
    from nk_casualties._data import _data_dir

    for version in nk.versions():
        data = (_data_dir() / f"nk-casualties-{version}.json").read_bytes()
        assert _converter.dumps(nk.load(version)).encode() == data


def test_optional_fields_are_omitted_not_null(raw: dict[str, Any]) -> None:
    text = json.dumps(raw)
    assert "null" not in text


@pytest.mark.parametrize(
    ("path", "value", "needle"),
    [
        (("claims", 0, "figure", "number"), "2783", "expected an integer, got a string"),
        (("claims", 0, "figure", "number"), True, "expected an integer, got a boolean"),
        (("claims", 0, "figure", "number"), 2783.0, "expected an integer, got a number"),
        (("claims", 0, "figure", "number"), -1, "'number' must be a count from 0"),
        (("claims", 0, "figure", "number"), 10**12, "'number' must be a count from 0"),
        (("claims", 0, "figure", "qualifier"), "roughly", "expected one of 'exact'"),
        (("claims", 0, "figure", "qualifier"), ["exact"], "expected one of 'exact'"),
        (("claims", 0, "category"), "dead", "expected one of 'killed'"),
        (("claims", 0, "stated_on"), "2020-02-30", "impossible date '2020-02-30'"),
        (("claims", 0, "stated_on"), "20201203", "expected a date as 'YYYY-MM-DD'"),
        (("claims", 0, "id"), 7, "expected a string, got an integer"),
        (("claims", 0, "sources"), "rt", "expected an array, got a string"),
        (("claims", 0, "sources", 0), "nope", "unknown source 'nope'"),
        (("claims", 0, "claimant"), "nobody", "unknown party 'nobody'"),
        (("claims", 0, "figure"), [], "expected an object"),
        (
            ("claims", 0, "figure"),
            {"qualifier": "between", "number": 10, "upper": 5, "wording": "10 to 5"},
            "'upper' must be a count from number (10)",
        ),
        (("claims", 0, "period"), {"start": "2020-10-05", "end": "2020-10-04"}, "'end' must"),
        (("claims", 0, "date_basis"), "unknown", "'date_basis' must be 'unknown' exactly when"),
        (("sources", 0, "language"), "eng", "'language' must be an ISO 639-1 code"),
        (("sources", 0, "published_at"), "25:99", "impossible time '25:99'"),
        (("parties", 0, "part_of"), "nobody", "unknown party 'nobody'"),
        (("released_on"), None, "expected a date"),
        (("claims",), {}, "expected an array, got an object"),
    ],
)
def test_bad_values_name_their_path(
    raw: dict[str, Any], path: tuple[Any, ...] | str, value: object, needle: str
) -> None:
    doc = copy.deepcopy(raw)
    keys = (path,) if isinstance(path, str) else path
    target: Any = doc
    for k in keys[:-1]:
        target = target[k]
    target[keys[-1]] = value
    found = problems_of(doc)
    json_path = "$" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in keys)
    assert any(needle in p and json_path in p for p in found), found


def test_missing_and_extra_fields(raw: dict[str, Any]) -> None:
    doc = copy.deepcopy(raw)
    del doc["claims"][2]["figure"]["wording"]
    doc["claims"][3]["surprise"] = 1
    found = problems_of(doc)
    assert "required field missing @ $.claims[2].figure.wording" in found
    assert "unknown field(s): surprise @ $.claims[3]" in found


def test_every_problem_is_listed_at_once(raw: dict[str, Any]) -> None:
    doc = copy.deepcopy(raw)
    for i in range(5):
        doc["claims"][i]["figure"]["number"] = str(i)
    assert len(problems_of(doc)) == 5


def test_duplicate_ids_and_cycles(raw: dict[str, Any]) -> None:
    doc = copy.deepcopy(raw)
    doc["claims"].append(doc["claims"][0])
    doc["sources"].append(doc["sources"][0])
    doc["parties"].append(doc["parties"][0])
    found = problems_of(doc)
    n = len(raw["claims"])
    assert f"duplicate id 'A1.killed' @ $.claims[{n}].id" in found
    assert any("duplicate id" in p and "$.sources[" in p for p in found)
    assert any("duplicate id" in p and "$.parties[" in p for p in found)
    doc = copy.deepcopy(raw)
    doc["parties"][0]["part_of"] = doc["parties"][-1]["id"]
    assert any("is part of itself" in p for p in problems_of(doc))


@pytest.mark.parametrize("doc", [[], "x", 1, None])
def test_top_level_must_be_an_object(doc: object) -> None:
    assert problems_of(doc) == (f"expected an object, got {_converter._type_name(doc)} @ $",)


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "not valid JSON"),
        (b'{"version": ', "not valid JSON"),
        (b"\xff\xfe{}", "not valid UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b"1" * 5000, "not valid JSON"),
    ],
)
def test_unparseable_bytes(data: bytes, needle: str, tmp_path: Path) -> None:
    f = tmp_path / "bad.json"
    f.write_bytes(data)
    with pytest.raises(nk.DataError) as info:
        nk.load_path(f)
    assert needle in str(info.value)
    assert str(f) in str(info.value)


def test_load_path_round_trips_a_release(tmp_path: Path) -> None:
    ds = nk.load("1.0.0")
    f = tmp_path / "mine.json"
    f.write_text(_converter.dumps(ds), encoding="utf-8")
    assert nk.load_path(f) == ds
    assert nk.load_path(str(f)) == ds


def test_load_path_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(nk.DataError, match="cannot read the file"):
        nk.load_path(tmp_path / "absent.json")
    with pytest.raises(nk.DataError, match="cannot read the file"):
        nk.load_path(tmp_path)
    with pytest.raises(nk.ArgumentTypeError, match="'path' must be a str"):
        nk.load_path(3)  # type: ignore[arg-type]


def test_domain_rules_on_top_level_and_parties(raw: dict[str, Any]) -> None:
    doc = copy.deepcopy(raw)
    doc["version"] = " "
    assert problems_of(doc) == ("'version' must be a non-empty string, got ' ' @ $.version",)
    doc = copy.deepcopy(raw)
    doc["parties"][1]["name"] = ""
    # reported once, at the party; its children and claims are not reported again
    assert problems_of(doc) == ("'name' must be a non-empty string, got '' @ $.parties[1].name",)
    doc = copy.deepcopy(raw)
    doc["sources"][0]["published_at"] = "9:30"
    assert problems_of(doc) == (
        "expected a time as 'HH:MM', got a string ('9:30') @ $.sources[0].published_at",
    )
