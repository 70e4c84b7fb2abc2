"""Release 2.1.0: the wider conflict, 2016 to 2025, by event."""

from __future__ import annotations

import pytest

import nk_casualties as nk


@pytest.fixture(scope="module")
def ds() -> nk.Dataset:
    return nk.load("2.1.0")


def test_2_1_0_is_the_latest_and_keeps_every_earlier_claim(ds: nk.Dataset) -> None:
    assert nk.versions()[-1] == "2.1.0"
    assert nk.load() is ds
    assert {c.id for c in nk.load("2.0.0").claims} <= {c.id for c in ds.claims}
    assert nk.diff(nk.load("2.0.0"), ds).changed == ()


def test_every_episode_is_an_event(ds: nk.Dataset) -> None:
    ids = {e.id for e in ds.events}
    assert {"april-2016", "tovuz-2020", "war-2020", "border-2021-11", "border-2022-09"} <= ids
    assert {"offensive-2023", "fuel-depot-2023", "landmines", "captives-and-missing"} <= ids
    assert ds.event("landmines").end is None  # ongoing
    assert all(isinstance(c.event, nk.Event) and c.figure.language for c in ds.claims)


def test_claims_of_disjoint_events_add_up(ds: nk.Dataset) -> None:
    """Azerbaijan's 2,906 servicemen of the 2020 war and its 192 of September 2023."""
    war, offensive = ds.claim("C10.killed"), ds.claim("O1a.killed")
    assert (war.figure.number, offensive.figure.number) == (2906, 192)
    assert offensive.claimant.id == "az-moh"
    assert nk.total([war, offensive]).range == nk.Range(low=3098, high=3098)


def test_two_claims_of_the_2023_death_toll_are_refused(ds: nk.Dataset) -> None:
    with pytest.raises(nk.OverlapError):
        nk.total([ds.claim("O1a.killed"), ds.claim("O1b.killed")])


def test_the_2023_headline(ds: nk.Dataset) -> None:
    o = ds.overview(event="offensive-2023")
    az = o.get("az-side", "military", "killed")
    assert az is not None
    assert ("az-moh", "192") in [(c.claimant.id, c.figure.wording) for c in az.own]
    am = o.get("am-side", "unspecified", "killed")
    assert am is not None
    assert ("artsakh-ombudsman", "at least 200") in [
        (c.claimant.id, c.figure.wording) for c in am.own
    ]


def test_the_official_landmine_series_runs_in_date_order(ds: nk.Dataset) -> None:
    series = ds.series(
        claimant="az-pgo", category="mine-victims", subject="az", event="landmines",
        population="unspecified",
    )  # fmt: skip
    days = [c.known_by for c in series]
    assert len(series) >= 3
    assert days == sorted(days)  # type: ignore[type-var]


def test_nothing_unverified_ships(ds: nk.Dataset) -> None:
    """Azerbaijan's "80 killed, 281 wounded" of September 2022 is on an UNVERIFIED list."""
    sep_2022 = ds.select(claimant="az-mod", event="border-2022-09")
    assert not [c for c in sep_2022 if c.figure.number in (80, 281)]


def test_new_categories_have_overlap_rules() -> None:
    assert nk.Category.MINE_VICTIMS.overlaps(nk.Category.KILLED)
    assert nk.Category.MINE_VICTIMS.overlaps(nk.Category.WOUNDED)
    assert nk.Category.DEAD_OR_MISSING.overlaps(nk.Category.MISSING)
    assert nk.Category.HELD.overlaps(nk.Category.RETURNED)
    assert not nk.Category.HELD.overlaps(nk.Category.KILLED)
