"""Example tests pinned to the real figures of the packaged releases."""

from __future__ import annotations

import datetime as dt

import pytest

import nk_casualties as nk


@pytest.fixture(scope="module")
def ds() -> nk.Dataset:
    return nk.load("1.0.0")


def test_azerbaijan_mod_killed_2783(ds: nk.Dataset) -> None:
    c = ds.claim("A1.killed")
    assert c.figure.number == 2783
    assert c.figure.wording == "2,783"
    assert c.range == nk.Range.exact(2783)
    assert c.claimant.id == "az-mod"
    assert c.subject.id == "az-armed-forces"
    assert c.category is nk.Category.KILLED
    assert c.stated_on == dt.date(2020, 12, 3)
    assert c.sources[0].publisher == "RT"


def test_more_than_100_missing_is_at_least_101_with_no_upper_bound(ds: nk.Dataset) -> None:
    c = ds.claim("A2.missing")
    assert c.figure.wording == "More than 100"
    assert nk.lower_bound(c) == 101
    assert c.range.high is None


def test_wounded_wordings_reconcile_to_1245(ds: nk.Dataset) -> None:
    rt, official = ds.claim("A3.wounded"), ds.claim("B2.wounded")
    assert (rt.figure.wording, official.figure.wording) == ("More than 1,240", "1,245")
    assert rt.statement == official.statement
    assert nk.reconcile([rt, official]) == nk.Range(low=1245, high=1245)
    assert nk.discrepancy(rt, official).consistent


def test_armenian_and_artsakh_killed_differ_by_exactly_934(ds: nk.Dataset) -> None:
    d = nk.discrepancy(ds.claim("A4.killed"), ds.claim("A5.killed"))
    assert (d.low, d.high, d.minimum) == (934, 934, 934)
    assert not d.consistent


def test_total_of_2783_and_2317_is_exactly_5100(ds: nk.Dataset) -> None:
    t = nk.total([ds.claim("A1.killed"), ds.claim("A4.killed")])
    assert t.range == nk.Range.exact(5100)
    assert t.estimate == 5100


def test_totalling_the_same_quantity_twice_raises(ds: nk.Dataset) -> None:
    with pytest.raises(nk.OverlapError) as info:
        nk.total([ds.claim("A1.killed"), ds.claim("B2.killed")])
    assert isinstance(info.value, nk.NKCasualtiesError)
    assert "A1.killed" in str(info.value)
    assert "B2.killed" in str(info.value)


def test_armenian_side_overlaps_the_artsakh_defence_army(ds: nk.Dataset) -> None:
    with pytest.raises(nk.OverlapError):
        nk.total([ds.claim("A4.killed"), ds.claim("A5.killed")])


def test_every_wording_of_the_missing_statement(ds: nk.Dataset) -> None:
    wordings = {c.figure.wording for c in ds.statement("az-mod/2020-12-03/missing")}
    assert {"More than 100", "More than a hundred", "over 100", "100 more"} <= wordings
    # "100 more" drops "more than": the wordings cannot all be true at once.
    with pytest.raises(nk.InconsistentFiguresError):
        nk.reconcile(ds.statement("az-mod/2020-12-03/missing"))


def test_bloomberg_adds_at_least_and_trend_adds_some(ds: nk.Dataset) -> None:
    assert ds.claim("B7.killed").figure.qualifier is nk.Qualifier.AT_LEAST
    assert ds.claim("B3.killed").figure.wording == "Some 2,783"
    assert ds.claim("B3.killed").range == nk.Range.unbounded()
    assert ds.claim("B3.killed").estimate == 2783


def test_digit_swap_2137_is_recorded_as_worded(ds: nk.Dataset) -> None:
    c = ds.claim("E1f.killed")
    assert c.figure.number == 2137
    assert c.statement == ds.claim("E1a.killed").statement
    # "at least 2137" allows 2,317: the swap is consistent with the original, only looser.
    assert nk.discrepancy(c, ds.claim("E1a.killed")).consistent


def test_health_ministry_count_is_forensic(ds: nk.Dataset) -> None:
    c = ds.claim("E1a.killed")
    assert c.basis is nk.Basis.FORENSIC_EXAMINATION
    assert c.stated_on == dt.date(2020, 11, 14)


def test_b8_is_resourced_to_ahval(ds: nk.Dataset) -> None:
    urls = {s.url for c in ds.claims for s in c.sources}
    assert not any("arkansasonline" in (u or "") for u in urls)
    assert ds.claim("B8.missing").sources[0].publisher == "Ahval"
