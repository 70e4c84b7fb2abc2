"""Helpers' shortcuts agree with their plain definitions: total()'s sweep, as_of(), diff()."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given
from hypothesis import strategies as st

import nk_casualties as nk
from nk_casualties import _queries

from .strategies import claims, datasets, party_trees, sources


@st.composite
def claim_lists(draw: st.DrawFn) -> list[nk.Claim]:
    parties = draw(party_trees())
    srcs = (draw(sources()),)
    items = draw(st.lists(claims(parties, srcs), max_size=8))
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


@given(claim_lists())
def test_overlap_sweep_agrees_with_pairwise_check(items: list[nk.Claim]) -> None:
    """_any_overlap(cs) is true exactly when some pair of cs has an overlap reason."""
    pairwise = any(
        _queries._overlap_reason(a, b) is not None
        for i, a in enumerate(items)
        for b in items[i + 1 :]
    )
    assert _queries._any_overlap(tuple(items)) == pairwise


@given(datasets(max_claims=8), st.data())
def test_as_of_equals_a_dataset_built_from_scratch(ds: nk.Dataset, data: st.DataObject) -> None:
    """as_of(day) shares indexes with its dataset, but equals evolve() and looks up alike."""
    day = data.draw(st.dates(min_value=dt.date(2020, 9, 1), max_value=dt.date(2027, 1, 1)))
    derived = ds.as_of(day)
    rebuilt = attrs.evolve(ds, claims=derived.claims)
    assert derived == rebuilt
    for c in ds.claims:
        assert derived.get_claim(c.id) is rebuilt.get_claim(c.id)
    assert derived.claims == tuple(c for c in ds.claims if c.known_by and c.known_by <= day)


@given(datasets(max_claims=6), datasets(max_claims=6))
def test_diff_removed_is_every_old_claim_not_in_new(old: nk.Dataset, new: nk.Dataset) -> None:
    d = nk.diff(old, new)
    assert d.removed == tuple(c for c in old.claims if new.get_claim(c.id) is None)
    assert nk.diff(old, old).removed == ()
