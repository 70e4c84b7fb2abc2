"""Range: one law per test (packaging's set-algebra tests)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nk_casualties as nk

from .strategies import counts, ranges


def members(r: nk.Range, extra: int = 3) -> range:
    """Counts to probe: the whole range if bounded, else low..low+extra plus far out."""
    top = r.high if r.high is not None else r.low + extra
    return range(max(0, r.low - extra), top + extra + 1)


@given(ranges(), counts)
def test_range_contains_exactly_low_to_high(r: nk.Range, n: int) -> None:
    """n in r iff low <= n and (no high or n <= high)."""
    assert (n in r) == (r.low <= n and (r.high is None or n <= r.high))


@given(ranges(), ranges())
def test_range_overlap_is_symmetric(a: nk.Range, b: nk.Range) -> None:
    """a overlaps b iff b overlaps a."""
    assert a.overlaps(b) == b.overlaps(a)


@given(ranges(), ranges())
def test_range_intersection_holds_exactly_the_common_members(a: nk.Range, b: nk.Range) -> None:
    """n in a ∩ b iff n in a and n in b; the intersection is None iff they are disjoint."""
    both = a.intersection(b)
    assert (both is None) == (not a.overlaps(b))
    for n in [*members(a), *members(b)]:
        assert (both is not None and n in both) == (n in a and n in b)


@given(ranges(), ranges())
def test_range_intersection_is_commutative(a: nk.Range, b: nk.Range) -> None:
    """a ∩ b == b ∩ a."""
    assert a.intersection(b) == b.intersection(a)


@given(ranges())
def test_range_intersection_is_idempotent(a: nk.Range) -> None:
    """a ∩ a == a."""
    assert a.intersection(a) == a


@given(ranges(), ranges())
def test_range_intersection_is_a_subset_of_both(a: nk.Range, b: nk.Range) -> None:
    """a ∩ b ⊆ a and a ∩ b ⊆ b."""
    both = a.intersection(b)
    if both is not None:
        assert both.issubset(a)
        assert both.issubset(b)


@given(ranges(), ranges(), counts, counts)
def test_range_sum_contains_every_sum_of_members(a: nk.Range, b: nk.Range, i: int, j: int) -> None:
    """x in a and y in b implies x + y in a + b."""
    x = a.low + (i if a.high is None else i % (a.high - a.low + 1))
    y = b.low + (j if b.high is None else j % (b.high - b.low + 1))
    assert x + y in a + b


@given(ranges(), ranges())
def test_range_sum_is_commutative(a: nk.Range, b: nk.Range) -> None:
    """a + b == b + a."""
    assert a + b == b + a


@given(ranges(), ranges(), ranges())
def test_range_sum_is_associative(a: nk.Range, b: nk.Range, c: nk.Range) -> None:
    """(a + b) + c == a + (b + c)."""
    assert (a + b) + c == a + (b + c)


@given(ranges())
def test_range_zero_is_the_sum_identity(a: nk.Range) -> None:
    """a + [0, 0] == a."""
    assert a + nk.Range.exact(0) == a


@given(ranges())
def test_range_is_a_subset_of_itself_and_of_everything(a: nk.Range) -> None:
    """a ⊆ a ⊆ [0, ∞)."""
    assert a.issubset(a)
    assert a.issubset(nk.Range.unbounded())


@given(ranges(), ranges())
def test_range_subset_means_every_member_is_shared(a: nk.Range, b: nk.Range) -> None:
    """a ⊆ b implies every probed member of a is in b."""
    if a.issubset(b):
        assert all(n in b for n in members(a) if n in a)


def test_range_constructors() -> None:
    assert nk.Range.exact(5) == nk.Range(low=5, high=5)
    assert nk.Range.at_least(5) == nk.Range(low=5, high=None)
    assert nk.Range.at_most(5) == nk.Range(low=0, high=5)
    assert nk.Range.between(2, 5) == nk.Range(low=2, high=5)
    assert nk.Range.exact(5).is_exact
    assert not nk.Range.at_least(5).is_bounded
    assert str(nk.Range.at_least(101)) == "[101, ∞)"
    assert str(nk.Range.exact(2783)) == "[2783, 2783]"


def test_range_membership_of_non_counts_is_false() -> None:
    assert True not in nk.Range.exact(1)
    assert "1" not in nk.Range.exact(1)


def test_range_adding_a_non_range_is_not_supported() -> None:
    with pytest.raises(TypeError):
        nk.Range.exact(1) + 1  # type: ignore[operator]


def test_range_subset_of_bounded_needs_bounded() -> None:
    assert not nk.Range.at_least(3).issubset(nk.Range.between(0, 10))
    assert not nk.Range.between(0, 3).issubset(nk.Range.between(1, 10))


@pytest.mark.parametrize(
    ("low", "high", "error", "needle"),
    [
        (-1, None, nk.ArgumentError, "'low' must be >= 0"),
        (5, 4, nk.ArgumentError, "'high' must be >= 'low' (5)"),
        (True, None, nk.ArgumentTypeError, "'low' must be an int"),
        (1, 2.5, nk.ArgumentTypeError, "'high' must be an int"),
        (0, -1, nk.ArgumentError, "'high' must be >= 0"),
    ],
)
def test_range_rejects_impossible_bounds(
    low: object, high: object, error: type[Exception], needle: str
) -> None:
    with pytest.raises(error, match=None) as info:
        nk.Range(low=low, high=high)  # type: ignore[arg-type]
    assert needle in str(info.value)
    assert isinstance(info.value, nk.NKCasualtiesError)


@given(st.integers(min_value=0, max_value=10**6))
def test_range_exact_contains_only_its_number(n: int) -> None:
    """exact(n) contains n and neither neighbour."""
    r = nk.Range.exact(n)
    assert n in r
    assert n + 1 not in r
    assert n - 1 not in r
