"""Safe arithmetic on figures: lower_bound, total, discrepancy, reconcile, diff."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable

import attrs

from ._claim import Claim
from ._models import Figure
from ._range import Range
from ._vocab import Population
from .exceptions import ArgumentError, ArgumentTypeError, InconsistentFiguresError, OverlapError

__all__ = [
    "Discrepancy",
    "Total",
    "discrepancy",
    "lower_bound",
    "reconcile",
    "total",
]

Measurable = Claim | Figure | Range


def _range_of(name: str, x: object) -> Range:
    if isinstance(x, Range):
        return x
    if isinstance(x, (Claim, Figure)):
        return x.range
    raise ArgumentTypeError(
        f"{name!r} must be a Claim, Figure or Range, got {type(x).__name__}: {x!r}"
    )


def _estimate_of(x: Measurable) -> int:
    if isinstance(x, Range):
        return x.low if x.high is None else (x.low + x.high) // 2
    return x.estimate


def _claims_arg(name: str, claims: object) -> tuple[Claim, ...]:
    if isinstance(claims, (str, bytes, Claim)) or not isinstance(claims, Iterable):
        raise ArgumentTypeError(
            f"{name!r} must be an iterable of Claim, got {type(claims).__name__}"
        )
    out = tuple(claims)
    for i, c in enumerate(out):
        if not isinstance(c, Claim):
            raise ArgumentTypeError(f"{name}[{i}] must be a Claim, got {type(c).__name__}: {c!r}")
    return out


def _one_dataset(name: str, claims: Iterable[object]) -> None:
    """Refuse claims that belong to datasets of different versions."""
    first: dict[str, str] = {}
    for c in claims:
        if isinstance(c, Claim) and c.dataset_version is not None:
            first.setdefault(c.dataset_version, c.id)
    if len(first) > 1:
        mixed = ", ".join(f"{c!r} from {v}" for v, c in sorted(first.items()))
        raise ArgumentError(
            f"{name!r} mixes claims of different dataset versions ({mixed}); "
            "take every claim from one release"
        )


def lower_bound(x: Measurable) -> int:
    """The smallest count a claim, figure or range allows.

    "more than 100" gives 101, "at least 2,783" gives 2,783, "about 3,000" gives 0
    ("about" sets no sound bound).

    Raises:
        ArgumentTypeError: If *x* is not a Claim, Figure or Range.

    >>> import nk_casualties as nk
    >>> nk.lower_bound(nk.load("1.0.0").claim("A2.missing"))
    101

    .. versionadded:: 0.1.0
    """
    return _range_of("x", x).low


@attrs.frozen(kw_only=True)
class Total:
    """The sum of several claims.

    Attributes:
        range: Every sum the claims' figures allow (sound: the true total lies inside
            whenever each claim's true count lies inside its own range).
        estimate: The sum of the claims' estimates.
        claims: The claims added, in the order given.

    .. versionadded:: 0.1.0
    """

    range: Range
    estimate: int
    claims: tuple[Claim, ...]


def _span(c: Claim) -> tuple[dt.date, dt.date]:
    """The days a claim's count covers: its period within its event (no event: any day)."""
    start, end = dt.date.min, dt.date.max
    for window in (c.period, c.event):
        if window is not None:
            start = max(start, window.start)
            end = min(end, window.end or dt.date.max)
    return start, end


def _overlap_reason(a: Claim, b: Claim) -> str | None:
    if not a.category.overlaps(b.category):
        return None
    if not a.population.overlaps(b.population):
        return None
    if not a.subject.overlaps(b.subject):
        return None
    (a_start, a_end), (b_start, b_end) = _span(a), _span(b)
    if a_end < b_start or b_end < a_start:
        return None
    return (
        f"categories {a.category.value!r}/{b.category.value!r}, "
        f"subjects {a.subject.id!r}/{b.subject.id!r}, "
        f"populations {a.population.value!r}/{b.population.value!r}, "
        f"days {_days(a_start, a_end)}/{_days(b_start, b_end)}"
    )


def _days(start: dt.date, end: dt.date) -> str:
    if start == dt.date.min and end == dt.date.max:
        return "any"
    return f"{start} to {'now' if end == dt.date.max else end}"


_SIDES = {
    Population.MILITARY: ("military",),
    Population.CIVILIAN: ("civilian",),
    Population.UNSPECIFIED: ("military", "civilian"),
}


def _overlapping_pair(items: tuple[Claim, ...]) -> tuple[int, int] | None:
    """The positions of two claims that overlap (see :func:`_overlap_reason`), or None.

    O(n log n): two claims overlap when they share an elementary outcome (``killed``, ...)
    and a side of the population (``unspecified`` is on both), their subjects lie on one
    branch of the party tree, and the days they cover (:func:`_span`) meet. So the claims
    are split into
    one bucket per (outcome, side), and each bucket is swept in order of period start, with
    the subjects of the periods still open counted at their party and at every party
    above it: a new claim overlaps an open one exactly when one of those counts for its
    subject, or for a party above it, is not zero.
    """
    buckets: dict[tuple[str, str], list[int]] = {}
    for i, c in enumerate(items):
        for outcome in c.category.covers:
            for side in _SIDES[c.population]:
                buckets.setdefault((outcome, side), []).append(i)
    found = [
        pair
        for bucket in buckets.values()
        if len(bucket) > 1 and (pair := _bucket_overlap(items, bucket)) is not None
    ]
    return min(found, default=None)


def _bucket_overlap(items: tuple[Claim, ...], bucket: list[int]) -> tuple[int, int] | None:
    spans = sorted((_span(items[i]), i) for i in bucket)
    # open claims (as ordered sets: O(1) removal) by subject id, and by every party
    # strictly above their subject
    at: dict[str, dict[int, None]] = {}
    under: dict[str, dict[int, None]] = {}
    open_: list[tuple[dt.date, int]] = []  # (end, position): a heap of the periods still open
    for (start, end), i in spans:
        while open_ and open_[0][0] < start:
            _, j = heapq.heappop(open_)
            subject = items[j].subject
            del at[subject.id][j]
            for p in subject.lineage[1:]:
                del under[p.id][j]
        subject = items[i].subject
        above = subject.lineage[1:]
        clash = at.get(subject.id) or under.get(subject.id)
        clash = clash or next((at[p.id] for p in above if at.get(p.id)), None)
        if clash:
            j = next(iter(clash))
            return (min(i, j), max(i, j))
        at.setdefault(subject.id, {})[i] = None
        for p in above:
            under.setdefault(p.id, {})[i] = None
        heapq.heappush(open_, (end, i))
    return None


def total(claims: Iterable[Claim]) -> Total:
    """Add claims that count different people, safely.

    The range of the total is the sum of the ranges; the estimate is the sum of the
    estimates. Two claims overlap, and adding them raises, when their categories overlap
    (equal, or one includes the other: killed-or-wounded includes killed), their subjects
    overlap (equal, or one is part of the other: the Armenian side includes the Artsakh
    Defence Army), their populations can share people (``unspecified`` overlaps both
    others) and the days they cover meet: a claim covers its event's days (a claim of
    schema 1, without an event, every day), or only its period's where it has one. So a
    cumulative and a daily figure of one quantity never add up silently, while claims of
    disjoint events (the 2020 war and the September 2023 offensive) do.
    A cumulative and a daily figure of one quantity therefore never add up silently.

    Args:
        claims: The claims to add (at least one).

    Raises:
        OverlapError: If two claims may count the same people; names both claims.
        ArgumentError: If *claims* is empty or mixes claims of different dataset versions
            (:class:`ArgumentTypeError` if *claims* is not an iterable or an item is not a
            :class:`Claim`).

    >>> import nk_casualties as nk
    >>> ds = nk.load("1.0.0")
    >>> nk.total([ds.claim("A1.killed"), ds.claim("A4.killed")]).range
    Range(low=5100, high=5100)

    .. versionadded:: 0.1.0
    """
    items = _claims_arg("claims", claims)
    if not items:
        raise ArgumentError("'claims' is empty: a total needs at least one claim")
    _one_dataset("claims", items)
    pair = _overlapping_pair(items)
    if pair is not None:
        a, b = items[pair[0]], items[pair[1]]
        raise OverlapError(a.id, b.id, _overlap_reason(a, b) or "")
    rng = items[0].range
    for c in items[1:]:
        rng = rng + c.range
    return Total(range=rng, estimate=sum(c.estimate for c in items), claims=items)


@attrs.frozen(kw_only=True)
class Discrepancy:
    """The difference ``a - b`` between two figures, as an interval.

    Attributes:
        low: The smallest possible difference, or ``None`` if unbounded below.
        high: The largest possible difference, or ``None`` if unbounded above.
        estimate: ``a``'s estimate minus ``b``'s.

    .. versionadded:: 0.1.0
    """

    low: int | None
    high: int | None
    estimate: int

    @property
    def consistent(self) -> bool:
        """True if the two figures can be the same count (their ranges overlap)."""
        return self.minimum == 0

    @property
    def minimum(self) -> int:
        """The smallest gap the figures allow: 0 when consistent."""
        if self.low is not None and self.low > 0:
            return self.low
        if self.high is not None and self.high < 0:
            return -self.high
        return 0

    @property
    def is_exact(self) -> bool:
        """True if the difference is known exactly."""
        return self.low is not None and self.low == self.high


def discrepancy(a: Measurable, b: Measurable) -> Discrepancy:
    """How far apart two figures are: ``a - b`` as an interval.

    Of two exact figures it is exact (2,317 vs 1,383 gives 934); of ranges it spans
    every possible difference, and :attr:`Discrepancy.minimum` is the smallest gap.

    Raises:
        ArgumentTypeError: If *a* or *b* is not a Claim, Figure or Range.

    >>> import nk_casualties as nk
    >>> ds = nk.load("1.0.0")
    >>> d = nk.discrepancy(ds.claim("E1a.killed"), ds.claim("G15a.killed"))
    >>> d.low, d.high, d.consistent
    (934, 934, False)

    .. versionadded:: 0.1.0
    """
    ra, rb = _range_of("a", a), _range_of("b", b)
    low = None if rb.high is None else ra.low - rb.high
    high = None if ra.high is None else ra.high - rb.low
    return Discrepancy(low=low, high=high, estimate=_estimate_of(a) - _estimate_of(b))


def reconcile(items: Iterable[Measurable], *, skip_flagged: bool = False) -> Range:
    """The tightest range that every report of one statement allows.

    "more than 1,240" and "1,245" reconcile to ``[1245, 1245]``.

    Args:
        items: Claims, figures or ranges. Claims must share one ``statement`` id.
        skip_flagged: Leave out the claims whose report the research flags (a misreport
            such as "100 more" for "more than 100" would otherwise make one statement's
            reports disjoint).

    Raises:
        InconsistentFiguresError: If no single count satisfies every figure.
        ArgumentError: If *items* is empty (also after leaving out flagged reports), or the
            claims report different statements or come from datasets of different versions
            (:class:`ArgumentTypeError` for an item of the wrong type).

    >>> import nk_casualties as nk
    >>> ds = nk.load("1.0.0")
    >>> nk.reconcile([ds.claim("A3.wounded"), ds.claim("B2.wounded")])
    Range(low=1245, high=1245)

    .. versionadded:: 0.1.0
    """
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise ArgumentTypeError(f"'items' must be an iterable, got {type(items).__name__}")
    values = tuple(items)
    if skip_flagged:
        values = tuple(x for x in values if not (isinstance(x, Claim) and x.flagged))
    if not values:
        raise ArgumentError("'items' is empty: nothing to reconcile", field="items")
    ranges = [_range_of(f"items[{i}]", x) for i, x in enumerate(values)]
    _one_dataset("items", values)
    statements = {x.statement for x in values if isinstance(x, Claim)}
    if len(statements) > 1:
        raise ArgumentError(
            f"'items' mixes statements {sorted(statements)}: reconcile compares the "
            "wordings of one statement"
        )
    result = ranges[0]
    for i, r in enumerate(ranges[1:], start=1):
        narrowed = result.intersection(r)
        if narrowed is None:
            raise InconsistentFiguresError(
                f"no count satisfies every figure: items[{i}] ({r}) is disjoint from "
                f"{result}, what items[0..{i - 1}] allow"
            )
        result = narrowed
    return result
