"""Range: the closed interval of counts a figure allows, and its algebra."""

from __future__ import annotations

from typing import Any

import attrs

from .exceptions import ArgumentError, ArgumentTypeError

__all__ = ["Range"]


def _count(name: str, value: object) -> int:
    """Return *value* if it is a count of people (a non-negative int, not a bool)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise ArgumentTypeError(f"{name!r} must be an int, got {type(value).__name__}: {value!r}")
    if value < 0:
        raise ArgumentError(f"{name!r} must be >= 0, got {value}")
    return value


def _range_arg(name: str, value: object) -> Range:
    if not isinstance(value, Range):
        raise ArgumentTypeError(f"{name!r} must be a Range, got {type(value).__name__}: {value!r}")
    return value


def _check_low(_inst: Any, _attr: attrs.Attribute[int], value: int) -> None:
    _count("low", value)


def _check_high(inst: Range, _attr: attrs.Attribute[int | None], value: int | None) -> None:
    if value is None:
        return
    _count("high", value)
    if value < inst.low:
        raise ArgumentError(f"'high' must be >= 'low' ({inst.low}), got {value}")


@attrs.frozen(kw_only=True, order=False)
class Range:
    """The closed interval ``[low, high]`` of counts of people that a figure allows.

    ``high`` is ``None`` when the figure sets no upper bound ("more than 100").
    Ranges form a small algebra: membership (``n in r``), :meth:`overlaps`,
    :meth:`intersection`, :meth:`issubset` and addition (the range of a sum).

    Attributes:
        low: The smallest count allowed (``>= 0``).
        high: The largest count allowed, or ``None`` for no upper bound (``>= low``).

    Raises:
        ArgumentError: If ``low < 0`` or ``high < low``
            (:class:`ArgumentTypeError` if either is not an ``int``).

    >>> Range.at_least(101)
    Range(low=101, high=None)
    >>> 150 in Range.at_least(101)
    True
    >>> Range.exact(2783) + Range.exact(2317)
    Range(low=5100, high=5100)

    .. versionadded:: 0.1.0
    """

    low: int = attrs.field(validator=_check_low)
    high: int | None = attrs.field(default=None, validator=_check_high)

    @classmethod
    def exact(cls, n: int) -> Range:
        """The range of exactly *n*: ``[n, n]``.

        Raises:
            ArgumentError: If a bound is negative or ``high < low``
                (:class:`ArgumentTypeError` if a bound is not an ``int``).

        >>> Range.exact(2783)
        Range(low=2783, high=2783)
        """
        return cls(low=n, high=n)

    @classmethod
    def at_least(cls, n: int) -> Range:
        """The range of *n* or more: ``[n, ∞)``.

        Raises:
            ArgumentError: If a bound is negative or ``high < low``
                (:class:`ArgumentTypeError` if a bound is not an ``int``).

        >>> print(Range.at_least(101))
        [101, ∞)
        """
        return cls(low=n)

    @classmethod
    def at_most(cls, n: int) -> Range:
        """The range of at most *n*: ``[0, n]``.

        Raises:
            ArgumentError: If a bound is negative or ``high < low``
                (:class:`ArgumentTypeError` if a bound is not an ``int``).

        >>> Range.at_most(40)
        Range(low=0, high=40)
        """
        return cls(low=0, high=n)

    @classmethod
    def between(cls, low: int, high: int) -> Range:
        """The range ``[low, high]``.

        Raises:
            ArgumentError: If a bound is negative or ``high < low``
                (:class:`ArgumentTypeError` if a bound is not an ``int``).

        >>> print(Range.between(4000, 4050))
        [4000, 4050]
        """
        return cls(low=low, high=high)

    @classmethod
    def unbounded(cls) -> Range:
        """The range that allows every count: ``[0, ∞)`` (the range of "about *n*").

        >>> print(Range.unbounded())
        [0, ∞)
        """
        return cls(low=0)

    @property
    def is_exact(self) -> bool:
        """True if the range allows exactly one count.

        >>> Range.exact(103).is_exact, Range.at_least(103).is_exact
        (True, False)
        """
        return self.high == self.low

    @property
    def is_bounded(self) -> bool:
        """True if the range has an upper bound.

        >>> Range.at_most(40).is_bounded, Range.at_least(101).is_bounded
        (True, False)
        """
        return self.high is not None

    def __contains__(self, n: object) -> bool:
        """True if *n* is a count (an ``int``, not a ``bool``) that the range allows.

        >>> 150 in Range.at_least(101), 100 in Range.at_least(101)
        (True, False)
        """
        if not isinstance(n, int) or isinstance(n, bool):
            return False
        return self.low <= n and (self.high is None or n <= self.high)

    def overlaps(self, other: Range) -> bool:
        """True if some count lies in both ranges.

        Raises:
            ArgumentTypeError: If *other* is not a :class:`Range`.

        >>> Range.at_least(1241).overlaps(Range.exact(1245))
        True
        >>> Range.exact(100).overlaps(Range.at_least(101))
        False
        """
        return self.intersection(other) is not None

    def intersection(self, other: Range) -> Range | None:
        """The counts both ranges allow, or ``None`` if they are disjoint.

        Raises:
            ArgumentTypeError: If *other* is not a :class:`Range`.

        >>> Range.at_least(1241).intersection(Range.at_most(1245))
        Range(low=1241, high=1245)
        >>> print(Range.exact(100).intersection(Range.at_least(101)))
        None
        """
        other = _range_arg("other", other)
        low = max(self.low, other.low)
        highs = [h for h in (self.high, other.high) if h is not None]
        high = min(highs) if highs else None
        if high is not None and high < low:
            return None
        return Range(low=low, high=high)

    def issubset(self, other: Range) -> bool:
        """True if every count this range allows, *other* allows too.

        Raises:
            ArgumentTypeError: If *other* is not a :class:`Range`.

        >>> Range.exact(1245).issubset(Range.at_least(1241))
        True
        >>> Range.at_least(1241).issubset(Range.exact(1245))
        False
        """
        other = _range_arg("other", other)
        if self.low < other.low:
            return False
        if other.high is None:
            return True
        return self.high is not None and self.high <= other.high

    def __add__(self, other: Range) -> Range:
        """The range of ``x + y`` for ``x`` in this range and ``y`` in *other*.

        A sum with an open-ended range is open-ended: 2,783 plus "more than 100" is at
        least 2,884, with no upper end.

        >>> print(Range.exact(2783) + Range.at_least(101))
        [2884, ∞)
        """
        if not isinstance(other, Range):
            return NotImplemented
        high = None if self.high is None or other.high is None else self.high + other.high
        return Range(low=self.low + other.low, high=high)

    def __str__(self) -> str:
        """``[101, ∞)`` or ``[2783, 2783]``: closed brackets, ``∞)`` for no upper bound.

        >>> print(Range.at_least(101), Range.exact(2783))
        [101, ∞) [2783, 2783]
        """
        return f"[{self.low}, {'∞)' if self.high is None else f'{self.high}]'}"
