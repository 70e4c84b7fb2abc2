"""Release 1.1.0 pinned to real figures, and the properties of as_of, series and latest."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nk_casualties as nk

from .strategies import datasets, dates


@pytest.fixture(scope="module")
def ds() -> nk.Dataset:
    return nk.load("1.1.0")


def test_release_1_1_0_ships_beside_later_releases() -> None:
    assert nk.versions()[:2] == ("1.0.0", "1.1.0")
    assert nk.load("1.1.0").version == "1.1.0"


def test_release_1_0_0_claims_are_unchanged_in_1_1_0(ds: nk.Dataset) -> None:
    old = nk.load("1.0.0")
    d = nk.diff(old, ds)
    assert d.removed == ()
    assert d.changed == ()
    assert set(d.unchanged) == {c.id for c in old.claims}
    assert len(d.added) == len(ds.claims) - len(old.claims)


def test_azerbaijan_mod_killed_series(ds: nk.Dataset) -> None:
    series = ds.series(claimant="az-mod", category="killed")
    numbers = [c.figure.number for c in series]
    assert numbers[0] == 2783
    assert series[0].known_by == dt.date(2020, 12, 3)
    assert numbers[-1] == 2906
    assert series[-1].stated_on == dt.date(2021, 6, 30)
    assert [c.known_by for c in series] == sorted(c.known_by for c in series)  # type: ignore[type-var]
    assert {2756, 2855, 2881, 2900} <= set(numbers)
    assert len({c.statement for c in series}) == len(series)


@pytest.mark.parametrize(
    ("claim_id", "number", "wording", "stated_on"),
    [
        ("C2.buried", 2756, "2,756", dt.date(2020, 12, 15)),
        ("C8.identified", 2889, "2,889", dt.date(2021, 4, 20)),
        ("C10.killed", 2906, "2,906", dt.date(2021, 6, 30)),
        ("D-AZ15.killed", 100, "one hundred", dt.date(2020, 12, 7)),
        ("F9.killed-military", 3702, "3702", dt.date(2021, 8, 26)),
        ("X1.killed", 3825, "3825", dt.date(2022, 4, 13)),
        ("X8.killed", 3833, "3833", dt.date(2025, 11, 27)),
        ("X5b.missing-military", 187, "187", dt.date(2022, 3, 21)),
        ("G20a.killed", 742, "Some 742", dt.date(2021, 9, 29)),
        ("X29.killed", 514, "514", dt.date(2020, 12, 15)),
        ("K1a.killed-az-side", 2000, "более двух тысяч", dt.date(2020, 10, 22)),
        ("G18.killed", 1815, "1 815", None),
    ],
)
def test_pinned_figures(
    ds: nk.Dataset, claim_id: str, number: int, wording: str, stated_on: dt.date | None
) -> None:
    c = ds.claim(claim_id)
    assert (c.figure.number, c.figure.wording, c.stated_on) == (number, wording, stated_on)


def test_buried_and_identified_are_different_measures(ds: nk.Dataset) -> None:
    assert ds.claim("C2.buried").basis is nk.Basis.BURIED
    assert ds.claim("C8.identified").basis is nk.Basis.IDENTIFIED
    assert ds.claim("C8.identified").claimant.id == "az-military-prosecutor"


def test_corrected_circulating_figures(ds: nk.Dataset) -> None:
    # 3,825 counts "victims", not troops; 11,110 is people given medical aid, not wounded.
    assert ds.claim("X1.killed").population is nk.Population.UNSPECIFIED
    x23 = ds.claim("X23.medically-treated")
    assert x23.category is nk.Category.MEDICALLY_TREATED
    # SOHR's 541 and 514 are two versions of one report, linked as one statement.
    assert ds.claim("X28a.killed").statement == ds.claim("X28c.killed").statement
    assert not nk.discrepancy(ds.claim("X28a.killed"), ds.claim("X28c.killed")).consistent


UNVERIFIED = [
    # (claimant prefix or None, number, category) that section 2 of the research forbids
    ("az-mod", 2908, nk.Category.KILLED),  # U4: 2908 is the Military Prosecutor's identified count
    (None, 2660, nk.Category.KILLED),  # U11
    (None, 4028, nk.Category.KILLED),  # U12
    (None, 3577, nk.Category.KILLED),  # U12
    (None, 7630, nk.Category.KILLED),  # U13
    (None, 822, nk.Category.KILLED),  # U14
    (None, 85, nk.Category.KILLED),  # U6
    (None, 185, nk.Category.KILLED),  # U6
    (None, 165, nk.Category.WOUNDED),  # U6
    (None, 101, nk.Category.KILLED),  # audit note 8: AzerNews "101"
    (None, 11110, nk.Category.WOUNDED),  # U7
    ("az-mod", 700, nk.Category.KILLED_OR_WOUNDED),  # U9
]


@pytest.mark.parametrize(("claimant", "number", "category"), UNVERIFIED)
def test_no_unverified_figure_ships(
    ds: nk.Dataset, claimant: str | None, number: int, category: nk.Category
) -> None:
    found = [
        c.id
        for c in ds.claims
        if c.figure.number == number
        and c.category is category
        and (claimant is None or c.claimant.id == claimant)
    ]
    assert found == []


def test_no_per_side_4000_from_putin(ds: nk.Dataset) -> None:  # U8
    per_side = ds.select(claimant="ru-president", subject="az-side") + ds.select(
        claimant="ru-president", subject="am-side"
    )
    assert per_side
    assert all(c.figure.number != 4000 for c in per_side)


def test_no_missing_six_with_2906(ds: nk.Dataset) -> None:  # U3
    for c in ds.select(statement="az-mod/2021-06-30/missing"):
        assert c.figure.number == 8


def test_enemy_loss_claims_cross_sides(ds: nk.Dataset) -> None:
    az_side, am_side = ds.party("az-side"), ds.party("am-side")
    enemy = [c for c in ds.claims if c.claimant.within(az_side) and c.subject.within(am_side)]
    assert len(enemy) >= 10


def test_as_of_holds_no_later_claim(ds: nk.Dataset) -> None:
    day = dt.date(2020, 12, 3)
    early = ds.as_of(day)
    assert early.claims
    assert all(c.known_by is not None and c.known_by <= day for c in early.claims)
    assert all(c.stated_on is None or c.stated_on <= day for c in early.claims)


def test_latest_gives_the_final_figures(ds: nk.Dataset) -> None:
    latest = {c.quantity: c for c in ds.latest(claimant="az-mod", category="killed")}
    final = latest[
        ("az-mod", "az-armed-forces", nk.Population.MILITARY, nk.Category.KILLED, None, None, None)
    ]
    assert final.figure.number == 2906


@pytest.mark.parametrize(
    ("call", "error", "needle"),
    [
        (lambda d: d.series(claimant="nobody", category="killed"), nk.ArgumentError, "'claimant'"),
        (lambda d: d.series(claimant="az-mod", category="dead"), nk.ArgumentError, "'category'"),
        (
            lambda d: d.series(claimant="az-mod", category="killed", cumulative="yes"),
            nk.ArgumentTypeError,
            "'cumulative'",
        ),
        (
            lambda d: d.series(claimant="az-mod", category="killed", subgroup=3),
            nk.ArgumentTypeError,
            "'subgroup'",
        ),
        (lambda d: d.as_of("2020-12-03"), nk.ArgumentTypeError, "'day'"),
        (lambda d: d.latest(subject="armenia"), nk.ArgumentError, "'subject'"),
        (lambda d: d.select(subject=object()), nk.ArgumentTypeError, "'subject'"),
    ],
)
def test_queries_name_the_bad_argument(
    ds: nk.Dataset, call: object, error: type[Exception], needle: str
) -> None:
    with pytest.raises(error) as info:
        call(ds)  # type: ignore[operator]
    assert needle in str(info.value)
    assert isinstance(info.value, nk.NKCasualtiesError)


@given(datasets(), dates)
def test_as_of_keeps_exactly_the_claims_known_by_then(ds: nk.Dataset, day: dt.date) -> None:
    """as_of(d) holds every claim known by d, in order, and no other."""
    kept = ds.as_of(day).claims
    assert kept == tuple(c for c in ds.claims if c.known_by is not None and c.known_by <= day)


@given(datasets(), dates, dates)
def test_as_of_is_monotonic(ds: nk.Dataset, a: dt.date, b: dt.date) -> None:
    """An earlier day never holds more claims than a later one."""
    early, late = sorted([a, b])
    assert set(ds.as_of(early).claims) <= set(ds.as_of(late).claims)


@given(datasets(), st.booleans(), st.booleans())
def test_series_is_one_dated_quantity_oldest_first(
    ds: nk.Dataset, cumulative: bool, per_statement: bool
) -> None:
    """series: sorted by date, one claimant and category, never mixing period kinds."""
    quantities = {(c.claimant, c.subject, c.population, c.event, c.basis) for c in ds.claims}
    for claimant, subject, population, event, basis in quantities:
        for category in nk.Category:
            try:
                s = ds.series(
                    claimant=claimant,
                    category=category,
                    subject=subject,
                    population=population,
                    event=event,
                    basis=basis,
                    cumulative=cumulative,
                    per_statement=per_statement,
                )
            except nk.ArgumentError as e:  # no basis given: the stated ones may differ
                if basis is None and e.field == "basis":
                    continue
                raise
            if per_statement:  # a statement is dated by its earliest dated wording
                like = [w for w in ds.claims if w.quantity in {c.quantity for c in s}]
                known = [
                    min(w.known_by for w in like if w.statement == c.statement and w.known_by)
                    for c in s
                ]
            else:
                known = [c.known_by for c in s]  # type: ignore[misc]
            assert None not in known
            assert known == sorted(known)
            assert all(c.claimant.id == claimant.id and c.category is category for c in s)
            assert all(c.cumulative == cumulative and c.subgroup is None for c in s)
            if per_statement:
                assert len({c.statement for c in s}) == len(s)


@given(datasets())
def test_latest_is_newest_per_quantity(ds: nk.Dataset) -> None:
    """latest: one claim per quantity, none older than another of its quantity."""
    latest = ds.latest()
    assert len({c.quantity for c in latest}) == len(latest)
    for c in latest:
        rivals = [
            o
            for o in ds.claims
            if o.quantity == c.quantity and o.cumulative and o.known_by is not None
        ]
        assert all(o.known_by <= c.known_by for o in rivals)  # type: ignore[operator]


def test_a_series_never_mixes_subjects_or_populations(ds: nk.Dataset) -> None:
    """Artsakh's soldiers (873, 963) and its civilians (37) are not one series."""
    with pytest.raises(nk.ArgumentError) as info:
        ds.series(claimant="artsakh-mod", category="killed")
    assert str(info.value) == (
        "the subjects artsakh, artsakh-defence-army do not form one series; "
        "pass subject=... to pick one"
    )
    assert info.value.field == "subject"
    with pytest.raises(nk.ArgumentError, match="pass population=") as info:
        ds.series(claimant="am-moh", category="killed")
    soldiers = ds.series(claimant="artsakh-mod", category="killed", subject="artsakh-defence-army")
    assert 37 not in [c.figure.number for c in soldiers]


@pytest.mark.parametrize(
    "call",
    [
        lambda d: d.series(claimant=None, category="killed"),
        lambda d: d.series(claimant="az-mod", category=None),
        lambda d: d.statement(None),
    ],
)
def test_what_a_query_needs_is_required(ds: nk.Dataset, call: Any) -> None:
    with pytest.raises(nk.ArgumentTypeError):
        call(ds)
