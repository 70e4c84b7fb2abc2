"""Flat views of a dataset: records, CSV, JSON, pandas and the Frictionless data package."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import nk_casualties as nk

from .strategies import datasets

#: The documented columns of to_records/to_csv, in order: pinned, since users rely on them.
RECORD_FIELDS = (
    "claim_id", "statement_id", "claimant_id", "claimant_name", "subject_id", "subject_name",
    "population", "category", "basis", "event_id", "subgroup", "qualifier", "number", "upper",
    "wording", "language", "gloss", "low", "high", "estimate", "stated_on", "date_basis",
    "period_start", "period_end", "source_ids", "source_urls", "flags", "note",
)  # fmt: skip


def datapackage_descriptor(ds: nk.Dataset) -> dict[str, Any]:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = nk.to_datapackage(ds, d)
        descriptor: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return descriptor


@pytest.fixture(scope="module", params=nk.versions())
def ds(request: pytest.FixtureRequest) -> nk.Dataset:
    return nk.load(request.param)


def test_records_one_per_claim_in_a_stable_column_order(ds: nk.Dataset) -> None:
    rows = nk.to_records(ds)
    assert len(rows) == len(ds.claims)
    assert all(tuple(r) == RECORD_FIELDS for r in rows)
    assert [r["claim_id"] for r in rows] == [c.id for c in ds.claims]


def test_records_pin_the_real_figures() -> None:
    row = {r["claim_id"]: r for r in nk.to_records(nk.load("1.0.0"))}
    missing = row["A2.missing"]
    assert missing["wording"] == "More than 100"
    assert (missing["qualifier"], missing["number"]) == ("more than", 100)
    assert (missing["low"], missing["high"], missing["estimate"]) == (101, None, 101)
    killed = row["A1.killed"]
    assert (killed["low"], killed["high"]) == (2783, 2783)
    assert killed["claimant_id"] == "az-mod"
    assert killed["claimant_name"] == "Ministry of Defence of Azerbaijan"
    assert killed["stated_on"] == dt.date(2020, 12, 3)
    assert killed["source_urls"] == (
        "https://www.rt.com/russia/508571-azerbaijan-nagorno-karabakh-casualties/amp/",
    )


@given(datasets())
def test_records_agree_with_the_claims(generated: nk.Dataset) -> None:
    """Law: every record restates its claim (range, estimate, parties, sources)."""
    for c, r in zip(generated.claims, nk.to_records(generated), strict=True):
        assert (r["low"], r["high"], r["estimate"]) == (c.range.low, c.range.high, c.estimate)
        assert (r["claimant_id"], r["subject_id"]) == (c.claimant.id, c.subject.id)
        assert r["source_ids"] == tuple(s.id for s in c.sources)
        assert r["category"] == c.category.value
        assert r["stated_on"] == c.stated_on


def test_csv_has_the_record_columns_and_one_row_per_claim(ds: nk.Dataset) -> None:
    rows = list(csv.DictReader(io.StringIO(nk.to_csv(ds))))
    assert len(rows) == len(ds.claims)
    assert tuple(rows[0]) == RECORD_FIELDS
    for row, rec in zip(rows, nk.to_records(ds), strict=True):
        assert row["claim_id"] == rec["claim_id"]
        assert row["wording"] == rec["wording"]
        assert row["high"] == ("" if rec["high"] is None else str(rec["high"]))
        assert row["source_ids"].split() == list(rec["source_ids"])  # type: ignore[call-overload]


def test_json_export_is_the_release_file_and_loads_back_equal(
    ds: nk.Dataset, tmp_path: Path
) -> None:
    text = nk.to_json(ds)
    packaged = (
        Path(nk.__file__).with_name("data") / f"nk-casualties-{ds.version}.json"
    ).read_bytes()
    assert text.encode("utf-8") == packaged
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    assert nk.load_path(path) == ds


def test_pandas_frame_has_proper_dtypes() -> None:
    pd = pytest.importorskip("pandas")
    ds = nk.load("1.1.0")
    df = nk.to_pandas(ds)
    assert list(df.columns) == list(RECORD_FIELDS)
    assert len(df) == len(ds.claims)
    for name in ("number", "upper", "low", "high", "estimate"):
        assert str(df[name].dtype) == "Int64", name
    for name in ("stated_on", "period_start", "period_end"):
        assert pd.api.types.is_datetime64_any_dtype(df[name]), name
    assert isinstance(df["category"].dtype, pd.CategoricalDtype)
    row = df.set_index("claim_id").loc["C10.killed"]
    assert row["low"] == 2906
    assert row["stated_on"] == pd.Timestamp("2021-06-30")
    unbounded = df[df["claim_id"] == "A2.missing"]
    assert unbounded["high"].isna().all()  # "more than 100" has no upper bound, not NaN-as-0


def test_pandas_missing_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(nk.MissingDependencyError) as info:
        nk.to_pandas(nk.load("1.0.0"))
    assert isinstance(info.value, ImportError)
    assert info.value.extra == "pandas"
    assert 'pip install "nk-casualties[pandas]"' in str(info.value)


# -- Frictionless data package -------------------------------------------------------------


def test_datapackage_validates_with_frictionless(ds: nk.Dataset, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    descriptor = nk.to_datapackage(ds, tmp_path / "pkg")
    assert descriptor == tmp_path / "pkg" / "datapackage.json"
    assert sorted(p.name for p in descriptor.parent.iterdir()) == [
        "claims.csv",
        "datapackage.json",
        "events.csv",
        "parties.csv",
        "sources.csv",
    ]
    report = frictionless.validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    meta = json.loads(descriptor.read_text(encoding="utf-8"))
    assert meta["version"] == ds.version
    assert meta["licenses"][0]["name"] == ds.licence
    assert len(meta["sources"]) == len(ds.sources)
    with (descriptor.parent / "claims.csv").open(encoding="utf-8") as f:
        assert sum(1 for _ in csv.DictReader(f)) == len(ds.claims)


def test_datapackage_validation_has_teeth(tmp_path: Path) -> None:
    """A package whose claims name a party missing from parties.csv must not validate."""
    frictionless = pytest.importorskip("frictionless")
    descriptor = nk.to_datapackage(nk.load("1.0.0"), tmp_path)
    parties = (tmp_path / "parties.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in parties if not line.startswith("az-mod,")]
    assert len(kept) == len(parties) - 1
    (tmp_path / "parties.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert not frictionless.validate(str(descriptor)).valid


def test_datapackage_schema_lists_every_column_and_vocabulary() -> None:
    meta = datapackage_descriptor(nk.load("1.0.0"))
    resources = {r["name"]: r for r in meta["resources"]}
    claims = resources["claims"]["schema"]
    assert [f["name"] for f in claims["fields"]] == list(RECORD_FIELDS)
    category = next(f for f in claims["fields"] if f["name"] == "category")
    assert category["constraints"]["enum"] == [c.value for c in nk.Category]


def test_datapackage_into_a_file_or_a_non_path_is_refused(tmp_path: Path) -> None:
    ds = nk.load("1.0.0")
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(nk.ArgumentError, match="'directory': cannot write"):
        nk.to_datapackage(ds, a_file)
    with pytest.raises(nk.ArgumentTypeError, match="'directory' must be a path"):
        nk.to_datapackage(ds, 3)  # type: ignore[arg-type]


@given(datasets())
def test_datapackage_descriptor_lists_every_source(generated: nk.Dataset) -> None:
    """Law: the package names each source once, with its URL as path where it has one."""
    meta = datapackage_descriptor(generated)
    listed = meta["sources"]
    assert isinstance(listed, list)
    assert len(listed) == len(generated.sources)
    for entry, source in zip(listed, generated.sources, strict=True):
        assert entry.get("path") == source.url
        assert entry["title"].startswith(source.publisher)


def test_pandas_keeps_dates_of_any_year() -> None:
    """Dates outside 1677-2262 (datetime64[ns]'s range) survive the export."""
    pd = pytest.importorskip("pandas")
    ds = nk.load("1.0.0")
    old = attrs.evolve(ds.claims[0], stated_on=dt.date(1500, 1, 1), date_basis="stated")
    df = nk.to_pandas(attrs.evolve(ds, claims=(old, *ds.claims[1:])))
    assert str(df["stated_on"].dtype) == "datetime64[s]"
    assert df["stated_on"][0] == pd.Timestamp("1500-01-01")


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_csv_parses_back_to_one_row_per_claim(ds: nk.Dataset) -> None:
    """csv.reader and pandas.read_csv of to_csv() give one row per claim, values equal."""
    text = nk.to_csv(ds)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(RECORD_FIELDS)
    assert len(rows) == len(ds.claims) + 1
    for row, claim in zip(rows[1:], ds.claims, strict=True):
        assert row[RECORD_FIELDS.index("claim_id")] == claim.id
        assert row[RECORD_FIELDS.index("wording")] == claim.figure.wording
        assert row[RECORD_FIELDS.index("note")] == (claim.note or "")
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert len(df) == len(ds.claims)
    assert list(df["claim_id"]) == [c.id for c in ds.claims]
    # pandas 2.0's reader drops NUL characters; later ones keep them
    assert list(df["note"].str.replace("\0", "")) == [
        (c.note or "").replace("\0", "") for c in ds.claims
    ]


def test_hxl_csv_is_read_by_libhxl_with_one_row_per_claim(ds: nk.Dataset) -> None:
    hxl = pytest.importorskip("hxl")
    text = nk.to_csv(ds, hxl=True)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(RECORD_FIELDS)
    assert rows[1][:3] == ["#meta+id", "#meta+statement", "#org+code+claimant"]
    source = hxl.data(io.BytesIO(text.encode("utf-8")))
    parsed = list(source)
    assert len(parsed) == len(ds.claims)
    assert [row.get("#meta+id") for row in parsed] == [c.id for c in ds.claims]
    assert [row.get("#affected+num+min") for row in parsed][:1] == [str(ds.claims[0].range.low)]


def test_jsonld_is_a_schema_org_dataset_of_claims(ds: nk.Dataset) -> None:
    doc = json.loads(nk.to_jsonld(ds))
    assert doc["@context"] == "https://schema.org"
    assert doc["@type"] == "Dataset"
    assert doc["version"] == ds.version
    assert doc["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert len(doc["hasPart"]) == len(ds.claims)
    first, claim = doc["hasPart"][0], ds.claims[0]
    assert first["@type"] == "Claim"
    assert first["@id"] == f"#{claim.id}"
    assert first["author"]["identifier"] == claim.claimant.id
    assert first["text"] == claim.figure.wording
    work = first["appearance"][0]
    assert work["@type"] == "CreativeWork"
    assert work["publisher"]["name"] == claim.sources[0].publisher
    assert work["inLanguage"] == claim.sources[0].language
