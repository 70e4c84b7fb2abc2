"""Helpers: lower_bound, total, discrepancy, reconcile, diff — properties and error paths."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import nk_casualties as nk

from .strategies import counts, datasets, figures, ranges

AZ = nk.Party(id="az", name="Azerbaijan", kind=nk.PartyKind.STATE)
AM = nk.Party(id="am", name="Armenia", kind=nk.PartyKind.STATE)
AM_BODY = nk.Party(id="am-x", name="Armenian body", kind=nk.PartyKind.ARMED_FORCE, part_of=AM)
SRC = nk.Source(id="s", publisher="P", language="en", kind=nk.SourceKind.NEWS_SITE)


def make_claim(
    cid: str = "c",
    *,
    subject: nk.Party = AZ,
    category: nk.Category = nk.Category.KILLED,
    population: nk.Population = nk.Population.MILITARY,
    figure: nk.Figure | None = None,
    period: nk.Period | None = None,
    statement: str = "st",
) -> nk.Claim:
    return nk.Claim(
        id=cid,
        statement=statement,
        claimant=subject,
        subject=subject,
        population=population,
        category=category,
        figure=figure or nk.Figure(qualifier=nk.Qualifier.EXACT, number=10, wording="10"),
        date_basis=nk.DateBasis.UNKNOWN,
        period=period,
        sources=(SRC,),
    )


def pick(r: nk.Range, i: int) -> int:
    return r.low + (i if r.high is None else i % (r.high - r.low + 1))


@given(figures())
def test_lower_bound_lies_in_the_range(f: nk.Figure) -> None:
    """lower_bound(f) is in f.range, and is its smallest member."""
    lb = nk.lower_bound(f)
    assert lb in f.range
    assert lb - 1 not in f.range


@given(figures())
def test_figure_estimate_lies_in_the_range(f: nk.Figure) -> None:
    """A figure's estimate is always a count its wording allows."""
    assert f.estimate in f.range


@given(figures())
def test_lower_bound_agrees_for_claim_figure_and_range(f: nk.Figure) -> None:
    """lower_bound gives the same answer for a claim, its figure and its range."""
    c = make_claim(figure=f)
    assert nk.lower_bound(c) == nk.lower_bound(f) == nk.lower_bound(f.range)


@pytest.mark.parametrize(
    ("qualifier", "number", "upper", "low", "high", "estimate"),
    [
        (nk.Qualifier.EXACT, 2783, None, 2783, 2783, 2783),
        (nk.Qualifier.MORE_THAN, 100, None, 101, None, 101),
        (nk.Qualifier.AT_LEAST, 2855, None, 2855, None, 2855),
        (nk.Qualifier.ABOUT, 3000, None, 0, None, 3000),
        (nk.Qualifier.ALMOST, 2000, None, 0, 2000, 2000),
        (nk.Qualifier.UP_TO, 40, None, 0, 40, 40),
        (nk.Qualifier.FEWER_THAN, 4000, None, 0, 3999, 3999),
        (nk.Qualifier.BETWEEN, 440, 450, 440, 450, 445),
    ],
)
def test_qualifier_rules(
    qualifier: nk.Qualifier,
    number: int,
    upper: int | None,
    low: int,
    high: int | None,
    estimate: int,
) -> None:
    f = nk.Figure(qualifier=qualifier, number=number, upper=upper, wording="w")
    assert f.range == nk.Range(low=low, high=high)
    assert f.estimate == estimate


@given(st.lists(ranges(), min_size=1, max_size=5), st.lists(counts, min_size=5, max_size=5))
def test_total_range_contains_every_sum_its_parts_allow(
    rs: list[nk.Range], picks: list[int]
) -> None:
    """If each claim's true count lies in its range, the true total lies in the total's range."""
    parties = [nk.Party(id=f"p{i}", name="p", kind=nk.PartyKind.STATE) for i in range(len(rs))]
    claims = [
        make_claim(
            f"c{i}",
            subject=p,
            figure=nk.Figure(
                qualifier=nk.Qualifier.BETWEEN if r.high is not None else nk.Qualifier.AT_LEAST,
                number=r.low,
                upper=r.high,
                wording="w",
            ),
        )
        for i, (p, r) in enumerate(zip(parties, rs, strict=True))
    ]
    t = nk.total(claims)
    assert sum(pick(r, i) for r, i in zip(rs, picks, strict=False)) in t.range
    assert t.estimate == sum(c.estimate for c in claims)
    assert t.estimate in t.range


@given(figures(), figures())
def test_total_is_order_independent(a: nk.Figure, b: nk.Figure) -> None:
    """total([x, y]) and total([y, x]) have the same range and estimate."""
    x = make_claim("x", subject=AZ, figure=a)
    y = make_claim("y", subject=AM, figure=b)
    assert nk.total([x, y]).range == nk.total([y, x]).range
    assert nk.total([x, y]).estimate == nk.total([y, x]).estimate


@given(st.sampled_from(nk.Category), st.sampled_from(nk.Category))
def test_total_refuses_overlapping_categories(a: nk.Category, b: nk.Category) -> None:
    """Two claims about one subject add up iff their categories are disjoint."""
    x = make_claim("x", category=a)
    y = make_claim("y", category=b)
    if a.overlaps(b):
        with pytest.raises(nk.OverlapError) as info:
            nk.total([x, y])
        assert (info.value.first, info.value.second) == ("x", "y")
    else:
        assert nk.total([x, y]).range == nk.Range.exact(20)


@given(st.sampled_from(nk.Population), st.sampled_from(nk.Population))
def test_total_refuses_populations_that_share_people(a: nk.Population, b: nk.Population) -> None:
    """Military and civilian add up; unspecified overlaps both."""
    x = make_claim("x", population=a)
    y = make_claim("y", population=b)
    overlapping = a is b or nk.Population.UNSPECIFIED in (a, b)
    assert a.overlaps(b) == overlapping
    if overlapping:
        with pytest.raises(nk.OverlapError):
            nk.total([x, y])
    else:
        assert nk.total([x, y]).estimate == 20


def test_total_refuses_a_subject_and_its_part() -> None:
    with pytest.raises(nk.OverlapError, match="'x' and 'y'"):
        nk.total([make_claim("x", subject=AM), make_claim("y", subject=AM_BODY)])
    with pytest.raises(nk.OverlapError):
        nk.total([make_claim("x", subject=AM_BODY), make_claim("y", subject=AM)])


def test_total_refuses_a_cumulative_and_a_daily_figure_of_one_quantity() -> None:
    day = nk.Period(start=dt.date(2020, 10, 3), end=dt.date(2020, 10, 3))
    with pytest.raises(nk.OverlapError):
        nk.total([make_claim("x"), make_claim("y", period=day)])


def test_total_adds_daily_figures_of_different_days() -> None:
    d1 = nk.Period(start=dt.date(2020, 10, 3), end=dt.date(2020, 10, 3))
    d2 = nk.Period(start=dt.date(2020, 10, 4), end=dt.date(2020, 10, 4))
    assert nk.total([make_claim("x", period=d1), make_claim("y", period=d2)]).estimate == 20


def test_total_of_one_claim_is_its_figure() -> None:
    c = make_claim()
    t = nk.total([c])
    assert (t.range, t.estimate, t.claims) == (c.range, 10, (c,))


@pytest.mark.parametrize(
    ("arg", "error", "needle"),
    [
        ([], nk.ArgumentError, "'claims' is empty"),
        ("abc", nk.ArgumentTypeError, "iterable of Claim"),
        (5, nk.ArgumentTypeError, "iterable of Claim"),
        ([1], nk.ArgumentTypeError, "claims[0] must be a Claim"),
    ],
)
def test_total_rejects_bad_input(arg: object, error: type[Exception], needle: str) -> None:
    with pytest.raises(error) as info:
        nk.total(arg)  # type: ignore[arg-type]
    assert needle in str(info.value)


@given(ranges(), ranges())
def test_discrepancy_mirrors(a: nk.Range, b: nk.Range) -> None:
    """discrepancy(a, b) is discrepancy(b, a) negated."""
    d, e = nk.discrepancy(a, b), nk.discrepancy(b, a)
    assert d.low == (None if e.high is None else -e.high)
    assert d.high == (None if e.low is None else -e.low)
    assert d.estimate == -e.estimate
    assert (d.consistent, d.minimum) == (e.consistent, e.minimum)


@given(ranges(), ranges(), counts, counts)
def test_discrepancy_contains_every_possible_difference(
    a: nk.Range, b: nk.Range, i: int, j: int
) -> None:
    """x in a and y in b implies low <= x - y <= high, and |x - y| >= minimum."""
    x, y = pick(a, i), pick(b, j)
    d = nk.discrepancy(a, b)
    assert d.low is None or d.low <= x - y
    assert d.high is None or x - y <= d.high
    assert abs(x - y) >= d.minimum


@given(ranges(), ranges())
def test_discrepancy_is_consistent_iff_ranges_overlap(a: nk.Range, b: nk.Range) -> None:
    """consistent == a.overlaps(b); minimum is 0 exactly then."""
    d = nk.discrepancy(a, b)
    assert d.consistent == a.overlaps(b)
    assert (d.minimum == 0) == d.consistent


@given(counts, counts)
def test_discrepancy_of_exact_figures_is_exact(x: int, y: int) -> None:
    """exact x vs exact y gives exactly x - y."""
    d = nk.discrepancy(nk.Range.exact(x), nk.Range.exact(y))
    assert d.is_exact
    assert d.low == d.high == x - y == d.estimate


def test_discrepancy_rejects_non_figures() -> None:
    with pytest.raises(nk.ArgumentTypeError, match="'b' must be a Claim, Figure or Range"):
        nk.discrepancy(nk.Range.exact(1), 1)  # type: ignore[arg-type]


@given(st.lists(ranges(), min_size=1, max_size=4))
def test_reconcile_lies_inside_every_input(rs: list[nk.Range]) -> None:
    """reconcile(rs) ⊆ r for every r, and holds every count all of them allow."""
    common: nk.Range | None = rs[0]
    for r in rs[1:]:
        common = None if common is None else common.intersection(r)
    if common is None:
        with pytest.raises(nk.InconsistentFiguresError):
            nk.reconcile(rs)
        return
    result = nk.reconcile(rs)
    assert result == common
    assert all(result.issubset(r) for r in rs)


@given(figures(), figures())
def test_reconcile_accepts_wordings_of_one_statement(a: nk.Figure, b: nk.Figure) -> None:
    """Claims that share a statement reconcile like their ranges."""
    assume(a.range.overlaps(b.range))
    x, y = make_claim("x", figure=a), make_claim("y", figure=b)
    assert nk.reconcile([x, y]) == nk.reconcile([a.range, b.range])


def test_reconcile_rejects_different_statements_and_bad_input() -> None:
    with pytest.raises(nk.ArgumentError, match="mixes statements"):
        nk.reconcile([make_claim("x", statement="a"), make_claim("y", statement="b")])
    with pytest.raises(nk.ArgumentError, match="empty"):
        nk.reconcile([])
    with pytest.raises(nk.ArgumentTypeError, match="iterable"):
        nk.reconcile(3)  # type: ignore[arg-type]
    with pytest.raises(nk.ArgumentTypeError, match=r"'items\[1\]'"):
        nk.reconcile([nk.Range.exact(1), "1"])  # type: ignore[list-item]


@given(datasets())
def test_diff_of_a_dataset_with_itself_is_empty(ds: nk.Dataset) -> None:
    """diff(x, x) adds, removes and changes nothing; every claim is unchanged."""
    d = nk.diff(ds, ds)
    assert (d.added, d.removed, d.changed) == ((), (), ())
    assert d.unchanged == tuple(c.id for c in ds.claims)


@given(datasets(), datasets())
def test_diff_partitions_the_claim_ids(old: nk.Dataset, new: nk.Dataset) -> None:
    """Every id is exactly one of added, removed, changed or unchanged."""
    d = nk.diff(old, new)
    added = {c.id for c in d.added}
    removed = {c.id for c in d.removed}
    changed = {a.id for a, _ in d.changed}
    unchanged = set(d.unchanged)
    old_ids = {c.id for c in old.claims}
    new_ids = {c.id for c in new.claims}
    assert added == new_ids - old_ids
    assert removed == old_ids - new_ids
    assert changed | unchanged == old_ids & new_ids
    assert not changed & unchanged


def test_diff_reports_a_changed_claim() -> None:
    c = make_claim()
    ds = nk.Dataset(
        version="1.0.0",
        released_on=dt.date(2026, 1, 1),
        title="t",
        licence="CC-BY-4.0",
        citation="c",
        parties=(AZ,),
        sources=(SRC,),
        claims=(c,),
    )
    c2 = attrs.evolve(c, note="corrected")
    ds2 = attrs.evolve(ds, claims=(c2,))
    assert nk.diff(ds, ds2).changed == ((c, c2),)
    with pytest.raises(nk.ArgumentTypeError, match="'new' must be a Dataset"):
        nk.diff(ds, [])  # type: ignore[arg-type]


def _naive_diff(old: nk.Dataset, new: nk.Dataset) -> nk.Diff:
    """diff by one dict look-up per claim: the definition the fast walk must agree with."""
    before = {c.id: c for c in old.claims}
    after = {c.id: c for c in new.claims}
    return nk.Diff(
        added=tuple(c for c in new.claims if c.id not in before),
        removed=tuple(c for c in old.claims if c.id not in after),
        changed=tuple((before[c.id], c) for c in new.claims if before.get(c.id, c) != c),
        unchanged=tuple(c.id for c in new.claims if before.get(c.id) == c),
    )


@given(datasets(), st.data())
def test_diff_agrees_with_the_lookup_definition(ds: nk.Dataset, data: st.DataObject) -> None:
    """Law: diff equals the per-id definition, whatever the order, subset or edits of either side.

    (diff walks both sides in order when it can; this pins that shortcut to the definition.)
    """
    claims = list(ds.claims)
    some = st.sampled_from(claims) if claims else st.nothing()
    old = data.draw(st.lists(some, unique_by=lambda c: c.id), label="old")
    new = data.draw(st.lists(some, unique_by=lambda c: c.id), label="new")
    if data.draw(st.booleans(), label="keep order"):
        order = {c.id: i for i, c in enumerate(claims)}
        old.sort(key=lambda c: order[c.id])
        new.sort(key=lambda c: order[c.id])
    edited = data.draw(st.sets(st.sampled_from([c.id for c in new])) if new else st.just(set()))
    new = [attrs.evolve(c, note="edited") if c.id in edited else c for c in new]
    a, b = attrs.evolve(ds, claims=tuple(old)), attrs.evolve(ds, claims=tuple(new))
    assert nk.diff(a, b) == _naive_diff(a, b)
    assert nk.diff(b, a) == _naive_diff(b, a)
