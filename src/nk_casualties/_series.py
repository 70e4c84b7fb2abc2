"""Figures over time: one quantity's series, and the newest figure of each quantity.

Functions of claims, for :meth:`Dataset.series <nk_casualties.Dataset.series>` and
:meth:`Dataset.latest <nk_casualties.Dataset.latest>`, which filter the claims first.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence

import attrs

from ._claim import Claim
from ._models import Event, Party
from ._vocab import Subgroup
from .exceptions import ArgumentError

__all__: list[str] = []


@attrs.frozen(kw_only=True)
class Filters:
    """What :meth:`Dataset.select <nk_casualties.Dataset.select>` keeps, resolved: a predicate."""

    claimant: Party | None
    subject: Party | None
    within: bool
    vocabulary: dict[str, enum.Enum | None]
    event: Event | None
    statement: str | None
    stated_from: dt.date | None
    stated_until: dt.date | None

    def _party(self, party: Party, wanted: Party | None) -> bool:
        if wanted is None:
            return True
        return party.within(wanted) if self.within else party.id == wanted.id

    def __call__(self, c: Claim) -> bool:
        low, high = self.stated_from or dt.date.min, self.stated_until or dt.date.max
        dated = self.stated_from is not None or self.stated_until is not None
        return (
            self._party(c.claimant, self.claimant)
            and self._party(c.subject, self.subject)
            and all(m is None or getattr(c, name) is m for name, m in self.vocabulary.items())
            and (self.event is None or (c.event is not None and c.event.id == self.event.id))
            and (self.statement is None or c.statement == self.statement)
            and (not dated or (c.stated_on is not None and low <= c.stated_on <= high))
        )


def preference(c: Claim) -> tuple[bool, int, int]:
    """Sort key of the wordings of one statement, best first.

    An unflagged report before a flagged one, then the narrowest range (unbounded last).
    """
    r = c.range
    width = (1, 0) if r.high is None else (0, r.high - r.low)
    return (c.flagged, *width)


def _refuse_mixtures(claims: Sequence[Claim]) -> None:
    """Claims of several subjects, populations, events or stated bases are not one series."""
    for name in ("subject", "population", "event", "basis"):
        values = {_name(getattr(c, name)) for c in claims}
        if name == "basis":  # an unstated basis joins the one stated basis
            values.discard(None)
        if len(values) > 1:
            shown = ", ".join(sorted(str(v) for v in values))
            plural = "bases" if name == "basis" else f"{name}s"
            raise ArgumentError(
                f"the {plural} {shown} do not form one series; pass {name}=... to pick one",
                field=name,
            )


def _name(value: object) -> object:
    """How a message names a party, an event or a vocabulary member."""
    return getattr(value, "id", getattr(value, "value", value))


def series(
    found: Sequence[Claim],
    *,
    subgroup: Subgroup | str | None,
    cumulative: bool,
    per_statement: bool,
    skip_flagged: bool,
) -> tuple[Claim, ...]:
    """The dated claims of *found* that form one series, oldest first (see Dataset.series)."""
    picked = [
        c
        for c in found
        if c.subgroup == subgroup
        and c.cumulative == cumulative
        and not (skip_flagged and c.flagged)
    ]
    _refuse_mixtures(picked)
    order = {id(c): i for i, c in enumerate(picked)}
    if per_statement:
        dated = list(_one_per_statement(picked))
    else:
        dated = [(c.known_by, c) for c in picked if c.known_by is not None]
    dated.sort(key=lambda item: (item[0], order[id(item[1])]))
    return tuple(c for _, c in dated)


def _one_per_statement(claims: Iterable[Claim]) -> Iterable[tuple[dt.date, Claim]]:
    """For each dated statement: its date and its best wording.

    A statement is dated by the earliest date any of its wordings has: every wording
    reports the same statement, so one dated report dates them all.
    """
    wordings: dict[str, list[Claim]] = {}
    for c in claims:
        wordings.setdefault(c.statement, []).append(c)
    for group in wordings.values():
        dates = [c.known_by for c in group if c.known_by is not None]
        if dates:
            yield min(dates), min(group, key=preference)  # min: the first on a tie


def latest(found: Iterable[Claim]) -> tuple[Claim, ...]:
    """The newest dated cumulative claim of each quantity (see Dataset.latest)."""
    newest: dict[tuple[object, ...], tuple[dt.date, Claim]] = {}
    for c in found:
        known = c.known_by
        if known is None or not c.cumulative:
            continue
        kept = newest.get(c.quantity)
        if (
            kept is None
            or known > kept[0]
            or (known == kept[0] and preference(c) < preference(kept[1]))
        ):
            newest[c.quantity] = (known, c)
    return tuple(c for _, c in newest.values())
