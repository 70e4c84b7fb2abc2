"""The JSON edge, through load_path: round trips, strict types, every problem with its path."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import nk_casualties as nk

from .strategies import datasets


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(nk.to_json(nk.load("1.0.0")))
    return doc


def load_text(text: str | bytes, tmp_path: Path) -> nk.Dataset:
    f = tmp_path / "doc.json"
    f.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return nk.load_path(f)


def problems_of(doc: object, tmp_path: Path) -> tuple[str, ...]:
    with pytest.raises(nk.DataError) as info:
        load_text(json.dumps(doc), tmp_path)
    assert isinstance(info.value, ValueError)
    return info.value.problems


@given(datasets())
def test_dataset_json_text_round_trips(ds: nk.Dataset) -> None:
    """load_path(to_json(x)) == x: the release schema loses nothing."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        assert load_text(nk.to_json(ds), Path(d)) == ds


def test_shipped_releases_are_in_canonical_form_and_load_path_reads_them() -> None:
    for version in nk.versions():
        data = Path(nk.__file__).with_name("data").joinpath(f"nk-casualties-{version}.json")
        assert nk.to_json(nk.load(version)).encode("utf-8") == data.read_bytes()
        assert nk.load_path(data) == nk.load(version)


def test_optional_fields_are_omitted_not_null(raw: dict[str, Any]) -> None:
    assert "null" not in json.dumps(raw)


# (where, new value, the one problem reported): each message pinned whole.
BAD_VALUES = [
    (("claims", 0, "figure", "number"), "2783",
     "expected an integer, got a string ('2783') @ $.claims[0].figure.number"),
    (("claims", 0, "figure", "number"), True,
     "expected an integer, got a boolean (True) @ $.claims[0].figure.number"),
    (("claims", 0, "figure", "number"), 2783.0,
     "expected an integer, got a number (2783.0) @ $.claims[0].figure.number"),
    (("claims", 0, "figure", "number"), -1,
     "'number' must be a count from 0 to 10,000,000,000, got -1 @ $.claims[0].figure.number"),
    (("claims", 0, "figure", "qualifier"), "roughly",
     "expected one of 'exact', 'more than', 'at least', 'about', 'almost', 'up to', "
     "'fewer than', 'between', got a string ('roughly') @ $.claims[0].figure.qualifier"),
    (("claims", 0, "stated_on"), "2020-02-30",
     "impossible date '2020-02-30' @ $.claims[0].stated_on"),
    (("claims", 0, "stated_on"), "20201203",
     "expected a date as 'YYYY-MM-DD', got a string ('20201203') @ $.claims[0].stated_on"),
    (("claims", 0, "id"), 7, "expected a string, got an integer (7) @ $.claims[0].id"),
    (("claims", 0, "sources"), "rt",
     "expected an array of source ids, got a string ('rt') @ $.claims[0].sources"),
    (("claims", 0, "sources", 0), "nope", "unknown source 'nope' @ $.claims[0].sources[0]"),
    (("claims", 0, "claimant"), "nobody", "unknown party 'nobody' @ $.claims[0].claimant"),
    (("claims", 0, "figure"), [], "expected an object, got an array ([]) @ $.claims[0].figure"),
    (("claims", 0, "figure"),
     {"qualifier": "between", "number": 10, "upper": 5, "wording": "10 to 5"},
     "'upper' must be a count from number (10) to 10,000,000,000, got 5 "
     "@ $.claims[0].figure.upper"),
    (("claims", 0, "period"), {"start": "2020-10-05", "end": "2020-10-04"},
     "'end' must be on or after start (2020-10-05), got datetime.date(2020, 10, 4) "
     "@ $.claims[0].period.end"),
    (("claims", 0, "date_basis"), "unknown",
     "'date_basis' must be 'unknown' exactly when stated_on is not given, got 'unknown' "
     "@ $.claims[0].date_basis"),
    (("claims", 0, "note"), "\ud800",
     "a lone surrogate (\\ud800-\\udfff) in a string @ $.claims[0].note"),
    (("sources", 0, "language"), "eng",
     "'language' must be an ISO 639-1 code such as 'en', got 'eng' @ $.sources[0].language"),
    (("sources", 0, "published_at"), "25:99",
     "impossible time '25:99' @ $.sources[0].published_at"),
    (("parties", 3, "part_of"), "nobody", "unknown party 'nobody' @ $.parties[3].part_of"),
    (("released_on",), None, "expected a date as 'YYYY-MM-DD', got null (None) @ $.released_on"),
    (("claims",), {}, "expected an array, got an object ({}) @ $.claims"),
    (("version",), " ", "'version' must be a non-empty string, got ' ' @ $.version"),
]  # fmt: skip


@pytest.mark.parametrize(("where", "value", "problem"), BAD_VALUES)
def test_a_bad_value_is_reported_with_its_path(
    raw: dict[str, Any], where: tuple[Any, ...], value: object, problem: str, tmp_path: Path
) -> None:
    doc = copy.deepcopy(raw)
    target: Any = doc
    for k in where[:-1]:
        target = target[k]
    target[where[-1]] = value
    assert problems_of(doc, tmp_path) == (problem,)


def test_problems_of_every_kind_are_reported_together(raw: dict[str, Any], tmp_path: Path) -> None:
    """Wrong types, bad values, dangling references and duplicate ids: one DataError."""
    doc = copy.deepcopy(raw)
    doc["claims"][0]["figure"]["number"] = "many"
    doc["claims"][1]["claimant"] = "nobody"
    doc["claims"][2]["id"] = doc["claims"][3]["id"]
    doc["claims"][4]["figure"]["wording"] = ""
    del doc["claims"][5]["category"]
    doc["claims"][6]["surprise"] = 1
    assert problems_of(doc, tmp_path) == (
        "expected an integer, got a string ('many') @ $.claims[0].figure.number",
        "unknown party 'nobody' @ $.claims[1].claimant",
        "'wording' must be a non-empty string, got '' @ $.claims[4].figure.wording",
        "required field missing @ $.claims[5].category",
        "unknown field(s): surprise @ $.claims[6]",
        "duplicate id 'A4.killed' @ $.claims[3].id",
    )


def test_a_failed_party_is_reported_once(raw: dict[str, Any], tmp_path: Path) -> None:
    """Its children and the claims about them are not reported again."""
    doc = copy.deepcopy(raw)
    doc["parties"][1]["name"] = ""
    assert problems_of(doc, tmp_path) == (
        "'name' must be a non-empty string, got '' @ $.parties[1].name",
    )


def test_duplicate_ids_and_cycles(raw: dict[str, Any], tmp_path: Path) -> None:
    doc = copy.deepcopy(raw)
    doc["claims"].append(doc["claims"][0])
    doc["sources"].append(doc["sources"][0])
    doc["parties"].append(doc["parties"][0])
    n_claims, n_sources, n_parties = (len(raw[k]) for k in ("claims", "sources", "parties"))
    assert problems_of(doc, tmp_path) == (
        f"duplicate id 'war' @ $.parties[{n_parties}].id",
        f"duplicate id 'rt-com-fb6c081f' @ $.sources[{n_sources}].id",
        f"duplicate id 'A1.killed' @ $.claims[{n_claims}].id",
    )
    doc = copy.deepcopy(raw)
    doc["parties"][0]["part_of"] = "artsakh-mod"  # war -> ... -> artsakh-mod -> war
    found = problems_of(doc, tmp_path)
    assert found[0] == (
        "party 'war' never reaches a root through part_of (a cycle) @ $.parties[0].part_of"
    )
    assert all("(a cycle)" in p for p in found)


def test_a_party_chain_a_thousand_deep_in_any_order_loads(
    raw: dict[str, Any], tmp_path: Path
) -> None:
    """Parties are linked iteratively: children may come first, chains may be long."""
    doc = copy.deepcopy(raw)
    chain = [{"id": f"p{i}", "name": f"P{i}", "kind": "group"} for i in range(1000)]
    for i in range(1, 1000):
        chain[i]["part_of"] = f"p{i - 1}"
    doc["parties"] = list(reversed(chain)) + doc["parties"]
    doc["claims"][0]["subject"] = "p999"
    ds = load_text(json.dumps(doc), tmp_path)
    deep = ds.claim("A1.killed").subject
    assert len(deep.lineage) == 1000
    assert deep == load_text(json.dumps(doc), tmp_path).claim("A1.killed").subject
    assert hash(deep) == hash(deep.lineage[0])
    assert len(repr(deep)) < 200
    assert nk.diff(ds, ds).changed == ()


@pytest.mark.parametrize("doc", [[], "x", 1, None])
def test_top_level_must_be_an_object(doc: object, tmp_path: Path) -> None:
    found = problems_of(doc, tmp_path)
    assert len(found) == 1
    assert found[0].startswith("expected an object, got ")
    assert found[0].endswith(" @ $")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "not valid JSON: Expecting value (line 1, column 1) @ $"),
        (b'{"version": ', "not valid JSON: Expecting value (line 1, column 13) @ $"),
        (b"\xff\xfe{}", "not valid UTF-8 (byte 0) @ $"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON: nested too deeply @ $"),
        (b'{"version": "1.0.0", "version": "9.0.0"}',
         "not valid JSON: repeated key 'version' in an object @ $"),
    ],
)  # fmt: skip
def test_unparseable_bytes(data: bytes, problem: str, tmp_path: Path) -> None:
    with pytest.raises(nk.DataError) as info:
        load_text(data, tmp_path)
    assert info.value.problems == (problem,)
    assert str(tmp_path / "doc.json") in str(info.value)


def test_what_cannot_be_read_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(nk.DataError, match="cannot read the file: No such file"):
        nk.load_path(tmp_path / "absent.json")
    with pytest.raises(nk.DataError, match=r"cannot read the file: not a regular file"):
        nk.load_path(tmp_path)
    with pytest.raises(nk.DataError, match=r"cannot read the file: not a regular file"):
        nk.load_path("/dev/zero")
    with pytest.raises(nk.DataError, match="cannot read the file: embedded null byte"):
        nk.load_path(str(tmp_path / "a\0b"))
    with pytest.raises(nk.ArgumentTypeError, match=r"'path' must be a str or os\.PathLike"):
        nk.load_path(3)  # type: ignore[arg-type]
    with pytest.raises(nk.ArgumentTypeError, match=r"'path' must be a str or os\.PathLike"):
        nk.load_path(b"/tmp/x.json")  # type: ignore[arg-type]


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(nk.DataError, match="not a regular file"):
        nk.load_path(fifo)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(nk.MAX_FILE_SIZE + 1)  # sparse: no disk used, nothing to read
    with pytest.raises(nk.DataError) as info:
        nk.load_path(big)
    assert info.value.problems == (
        "cannot read the file: larger than the limit of 1,073,741,824 bytes @ $",
    )
