"""Schema 2 and release 2.0.0: events, report flags, wording language and gloss, one date rule."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import nk_casualties as nk

from .strategies import events


@pytest.fixture(scope="module")
def ds() -> nk.Dataset:
    return nk.load("2.0.0")


def test_2_0_0_keeps_every_1_1_0_claim_id(ds: nk.Dataset) -> None:
    assert "2.0.0" in nk.versions()
    old_ids = {c.id for c in nk.load("1.1.0").claims}
    assert old_ids <= {c.id for c in ds.claims}


def test_every_claim_has_an_event_a_language_and_vocabulary_values(ds: nk.Dataset) -> None:
    for c in ds.claims:
        assert isinstance(c.event, nk.Event), c.id
        assert c.figure.language, c.id
        assert c.subgroup is None or isinstance(c.subgroup, nk.Subgroup), c.id
        assert all(isinstance(f, nk.Flag) for f in c.flags), c.id


def test_every_non_english_wording_made_of_words_has_a_gloss(ds: nk.Dataset) -> None:
    for c in ds.claims:
        if c.figure.language != "en" and any(ch.isalpha() for ch in c.figure.wording):
            assert c.figure.gloss, c.id


def test_undated_claims_are_those_the_research_does_not_date(ds: nk.Dataset) -> None:
    """The share the research leaves undated (22%): pinned, so it can only fall."""
    undated = [c.id for c in ds.claims if c.known_by is None]
    assert len(undated) <= 102
    assert "A1.killed" not in undated


@pytest.mark.parametrize(
    ("claim_id", "flag"),
    [
        ("K1c.killed-az-side", nk.Flag.MISTRANSLATION),
        ("J3a.losses", nk.Flag.CONJECTURE),
        ("B11.missing", nk.Flag.MISREPORT),
        ("X28a.killed", nk.Flag.MISTRANSLATION),
    ],
)
def test_the_research_flags_are_recorded(ds: nk.Dataset, claim_id: str, flag: nk.Flag) -> None:
    assert flag in ds.claim(claim_id).flags


def test_the_3_december_missing_reconciles_without_the_misreport(ds: nk.Dataset) -> None:
    """Azerbaijan's "more than 100" missing: the "100 more" report spoils it unless left out."""
    wordings = ds.statement("az-mod/2020-12-03/missing")
    with pytest.raises(nk.InconsistentFiguresError):
        nk.reconcile(wordings)
    assert nk.reconcile(wordings, skip_flagged=True) == nk.Range(low=101, high=None)


def test_sohr_series_plots_514_in_early_december(ds: nk.Dataset) -> None:
    """SOHR's 541 is a mistranslated report of 514: the statement's series point is 514."""
    series = ds.series(claimant="sohr", category="killed")
    early_december = [c for c in series if c.statement == ds.claim("X28a.killed").statement]
    assert [c.figure.number for c in early_december] == [514]
    assert 541 not in [c.figure.number for c in series]


def test_diff_from_1_1_0_names_the_corrected_fields(ds: nk.Dataset) -> None:
    d = nk.diff(nk.load("1.1.0"), ds)
    assert d.removed == ()
    assert {c.id for c in d.added} >= {"J15c.killed-day", "X21.missing-first-war"}
    assert d.fields("E6b.killed-uk") == ("sources",)
    assert d.fields("C8.identified") == ("sources",)
    assert d.fields("C3.buried") == ("period",)
    assert d.fields("A1.killed") == ()  # what schema 2 added is not a change
    assert "A1.killed" in d.unchanged


def test_the_war_and_its_missing_and_first_war_counts_are_events(ds: nk.Dataset) -> None:
    war = ds.event("war-2020")
    assert (war.start, war.end) == (dt.date(2020, 9, 27), dt.date(2020, 11, 10))
    assert ds.claim("A2.missing").event is war
    assert ds.claim("X21.missing-first-war").event is ds.event("first-war")
    assert ds.get_event("nope") is None
    with pytest.raises(nk.NotFoundError):
        ds.event("war-2021")


def test_total_adds_claims_of_disjoint_events_and_refuses_overlapping_ones(
    ds: nk.Dataset,
) -> None:
    killed = ds.claim("C10.killed")  # 2,906 servicemen killed in the 2020 war
    later = nk.Event(id="offensive-2023", name="2023", kind="offensive", start=dt.date(2023, 9, 19))
    other = attrs.evolve(killed, id="other", event=later, dataset_version=None)
    assert nk.total([attrs.evolve(killed, dataset_version=None), other]).range == nk.Range(
        low=2906 * 2, high=2906 * 2
    )
    during = attrs.evolve(other, event=ds.event("war-2020"))
    with pytest.raises(nk.OverlapError):
        nk.total([attrs.evolve(killed, dataset_version=None), during])


@given(events(), events())
def test_event_overlap_is_symmetric_and_reflexive(a: nk.Event, b: nk.Event) -> None:
    """a.overlaps(b) == b.overlaps(a); an event overlaps itself."""
    assert a.overlaps(b) == b.overlaps(a)
    assert a.overlaps(a)


def test_series_refuses_several_events(ds: nk.Dataset) -> None:
    war = ds.claim("A2.missing")
    moved = attrs.evolve(
        war, id="moved", statement="moved", event=ds.event("landmines"), stated_on=None,
        date_basis="unknown",
    )  # fmt: skip
    two = attrs.evolve(ds, claims=(*ds.claims, moved))
    with pytest.raises(nk.ArgumentError, match="pass event="):
        two.series(claimant="az-mod", category="missing", subject="az-armed-forces")
    only_war = two.series(
        claimant="az-mod", category="missing", subject="az-armed-forces", event="war-2020"
    )
    assert "moved" not in [c.id for c in only_war]


# -- the schema of a file --------------------------------------------------------------


def _doc(version: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(nk.to_json(nk.load(version)))
    return doc


def _problems(doc: dict[str, Any], tmp_path: Path) -> tuple[str, ...]:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(nk.DataError) as info:
        nk.load_path(path)
    return info.value.problems


def test_schema_1_files_know_nothing_of_schema_2(tmp_path: Path) -> None:
    doc = _doc("1.0.0")
    doc["claims"][0]["event"] = "war-2020"
    doc["claims"][1]["figure"]["language"] = "en"
    assert _problems(doc, tmp_path) == (
        "unknown field(s) in schema 1: event @ $.claims[0]",
        "unknown field(s) in schema 1: language @ $.claims[1].figure",
    )


def test_schema_2_requires_an_event_and_a_wording_language(tmp_path: Path) -> None:
    doc = _doc("2.0.0")
    del doc["claims"][0]["event"]
    del doc["claims"][1]["figure"]["language"]
    doc["claims"][2]["event"] = "war-2021"
    doc["claims"][3]["subgroup"] = "killed in captivity"
    doc["claims"][4]["flags"] = ["typo"]
    problems = _problems(doc, tmp_path)
    assert problems[:3] == (
        "required field missing @ $.claims[0].event",
        "required field missing @ $.claims[1].figure.language",
        "unknown event 'war-2021' @ $.claims[2].event",
    )
    assert problems[3].startswith("expected one of 'women', ")
    assert problems[3].endswith("got a string ('killed in captivity') @ $.claims[3].subgroup")
    assert problems[4].endswith("got a string ('typo') @ $.claims[4].flags[0]")


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    doc = copy.deepcopy(_doc("2.0.0"))
    doc["version"] = "3.0.0"
    assert _problems(doc, tmp_path) == (
        "schema 3 is not one this library reads (1 and 2) @ $.version",
    )


def test_schema_1_releases_load_with_the_new_fields_empty() -> None:
    c = nk.load("1.1.0").claim("H8.killed-captivity")
    assert (c.event, c.figure.language, c.figure.gloss, c.flags) == (None, None, None, ())
    assert c.subgroup == "killed in captivity or under Azerbaijani control"  # free text kept


def test_notebook_manners(ds: nk.Dataset) -> None:
    """Short reprs; HTML for a dataset (with its headline) and for a claim (a card)."""
    assert len(repr(ds)) < 200
    assert repr(ds) == "<Dataset 2.0.0: 460 claims, 249 sources, 53 parties>"
    party = ds.party("artsakh-defence-army")
    assert "part_of='artsakh'" in repr(party)
    assert "am-side" not in repr(party)
    page = ds._repr_html_()
    assert "<table>" in page
    assert "2,906" in page
    card = ds.claim("B11.missing")._repr_html_()
    assert "100 more" in card
    assert "misreport" in card


def test_overview_keeps_each_claim_and_tells_sides_apart(ds: nk.Dataset) -> None:
    o = ds.overview(event="war-2020")
    az = o.get("az-side", "military", "killed")
    assert az is not None
    assert "C10.killed" in [c.id for c in az.own]  # 2,906, Defence Ministry, 30 Jun 2021
    assert all(c.claimant.lineage[-2].id == "am-side" for c in az.others)
    syrians = o.get("syrian-fighters", "military", "killed")
    assert syrians is not None
    assert syrians.own == ()
    assert [c.claimant.id for c in syrians.third_parties] == ["sohr"]
    assert syrians.spread == nk.Range(low=514, high=514)
    assert o.get("az-side", "military", "eaten") is None
    earlier = ds.overview(event="war-2020", as_of=dt.date(2020, 12, 5)).get(
        "az-side", "military", "killed"
    )
    assert earlier is not None
    assert earlier.own[0].figure.number == 2783
