"""Helpers agree with their plain definitions: total()'s refusal, as_of(), diff()."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given
from hypothesis import strategies as st

import nk_casualties as nk

from .strategies import claims, datasets, party_trees, sources


@st.composite
def claim_lists(draw: st.DrawFn) -> list[nk.Claim]:
    parties = draw(party_trees())
    srcs = (draw(sources()),)
    items = draw(st.lists(claims(parties, srcs), max_size=8, unique_by=lambda c: c.id))
    # short periods in one month, so that periods sometimes share a day and sometimes not
    day = st.integers(min_value=0, max_value=20).map(lambda n: dt.date(2020, 10, 1 + n))
    out = []
    for c in items:
        if c.period is not None or draw(st.booleans()):
            start = draw(day)
            end = start + dt.timedelta(days=draw(st.integers(0, 5)))
            out.append(attrs.evolve(c, period=nk.Period(start=start, end=end)))
        else:
            out.append(c)
    return out


def _refused(claims: list[nk.Claim]) -> nk.OverlapError | None:
    try:
        nk.total(claims)
    except nk.OverlapError as e:
        return e
    return None


@given(claim_lists())
def test_total_refuses_exactly_when_some_pair_overlaps(items: list[nk.Claim]) -> None:
    """total(cs) refuses iff total([a, b]) refuses for some pair of cs; it names such a pair."""
    overlapping = [
        (a.id, b.id)
        for i, a in enumerate(items)
        for b in items[i + 1 :]
        if _refused([a, b]) is not None
    ]
    if not items:
        return
    error = _refused(items)
    assert (error is not None) == bool(overlapping)
    if error is not None:
        first = next(c for c in items if c.id == error.first)
        second = next(c for c in items if c.id == error.second)
        assert _refused([first, second]) is not None


@given(datasets(max_claims=8), st.data())
def test_as_of_equals_a_dataset_built_from_scratch(ds: nk.Dataset, data: st.DataObject) -> None:
    """as_of(day) equals the dataset rebuilt with the claims known by *day*."""
    day = data.draw(st.dates(min_value=dt.date(2020, 9, 1), max_value=dt.date(2027, 1, 1)))
    derived = ds.as_of(day)
    rebuilt = attrs.evolve(ds, claims=derived.claims)
    assert derived == rebuilt
    for c in ds.claims:
        assert derived.get_claim(c.id) == rebuilt.get_claim(c.id)
    assert derived.claims == tuple(c for c in ds.claims if c.known_by and c.known_by <= day)


@given(datasets(max_claims=6), datasets(max_claims=6))
def test_diff_removed_is_every_old_claim_not_in_new(old: nk.Dataset, new: nk.Dataset) -> None:
    d = nk.diff(old, new)
    assert d.removed == tuple(c for c in old.claims if new.get_claim(c.id) is None)
    assert nk.diff(old, old).removed == ()
