"""Claim: one figure stated by one claimant about one subject, as one report worded it."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import attrs

from ._checks import as_tuple, error, ident, optional_date, optional_str, tuple_of, typed
from ._models import SCHEMA_2, SCHEMA_2_REQUIRED, Event, Figure, Party, Period, Source
from ._range import Range
from ._vocab import (
    Basis,
    Category,
    DateBasis,
    Flag,
    Population,
    Subgroup,
    to_basis,
    to_category,
    to_date_basis,
    to_flags,
    to_population,
    to_subgroup,
)
from .exceptions import ArgumentError

__all__ = ["Claim"]

#: The day the 2020 war began: cumulative figures of schema-1 claims count from here.
WAR_START = dt.date(2020, 9, 27)


_tuple_of_sources = tuple_of(Source)


def _check_sources(inst: Claim, attr: attrs.Attribute[tuple[Source, ...]], value: Any) -> None:
    _tuple_of_sources(inst, attr, value)
    if not value:
        raise ArgumentError("'sources' must name at least one source", field="sources")


def _check_date_basis(inst: Claim, _attr: attrs.Attribute[DateBasis], value: DateBasis) -> None:
    if (inst.stated_on is None) != (value is DateBasis.UNKNOWN):
        raise error("date_basis", "'unknown' exactly when stated_on is not given", value.value)


@attrs.frozen(kw_only=True)
class Claim:
    """One figure stated by one claimant on one date about one subject, as one report worded it.

    When outlets word the same statement differently ("more than 1,240" and "1,245"), each
    wording is its own claim and the claims share :attr:`statement`.

    Attributes:
        id: Stable identifier, e.g. ``"A2.missing"``.
        statement: Identifier shared by every wording of the same figure of the same
            statement, e.g. ``"az-mod/2020-12-03/missing"``.
        claimant: Who made the statement.
        subject: Whose losses the figure counts.
        population: Military, civilian or unspecified.
        category: What is counted (killed, missing, wounded, ...).
        basis: How it was counted, where the claimant said so; else ``None``.
        figure: The number as worded.
        stated_on: The statement's date, or ``None`` where unknown.
        date_basis: How :attr:`stated_on` is known.
        period: The window covered, if shorter than the whole war up to the statement;
            ``None`` for a cumulative figure.
        subgroup: Set when the figure counts only part of the group: a :class:`Subgroup`
            (schema 2), or the free text of a schema-1 release.
        sources: The reports, at least one.
        note: Scope caveats and conflicts, in the editors' words; else ``None``.
        event: The episode the figure counts (schema 2; ``None`` in schema 1, which
            helpers treat as overlapping every event).
        flags: What the research says about this *report*: misreport, mistranslation,
            conjecture, rounding, headline only (schema 2).
        dataset_version: The data release the claim was loaded from (set by
            :func:`~nk_casualties.load` and :func:`~nk_casualties.load_path`; ``None``
            for a claim built by hand). Not part of equality. :func:`~nk_casualties.total`
            and :func:`~nk_casualties.reconcile` refuse claims of different releases.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=ident)
    statement: str = attrs.field(validator=ident)
    claimant: Party = attrs.field(validator=typed(Party))
    subject: Party = attrs.field(validator=typed(Party))
    population: Population = attrs.field(converter=to_population)
    category: Category = attrs.field(converter=to_category)
    basis: Basis | None = attrs.field(default=None, converter=to_basis)
    figure: Figure = attrs.field(validator=typed(Figure))
    stated_on: dt.date | None = attrs.field(default=None, validator=optional_date)
    date_basis: DateBasis = attrs.field(converter=to_date_basis, validator=_check_date_basis)
    period: Period | None = attrs.field(default=None, validator=typed(Period, optional=True))
    subgroup: Subgroup | str | None = attrs.field(
        default=None, converter=to_subgroup, validator=typed(Subgroup, str, optional=True)
    )
    sources: tuple[Source, ...] = attrs.field(converter=as_tuple, validator=_check_sources)
    note: str | None = attrs.field(default=None, validator=optional_str)
    event: Event | None = attrs.field(
        default=None, validator=typed(Event, optional=True), metadata=SCHEMA_2_REQUIRED
    )
    flags: tuple[Flag, ...] = attrs.field(
        default=(), converter=to_flags, validator=tuple_of(Flag), metadata=SCHEMA_2
    )
    dataset_version: str | None = attrs.field(default=None, eq=False, validator=optional_str)

    @property
    def range(self) -> Range:
        """Shortcut for ``claim.figure.range``."""
        return self.figure.range

    @property
    def estimate(self) -> int:
        """Shortcut for ``claim.figure.estimate``."""
        return self.figure.estimate

    @property
    def known_by(self) -> dt.date | None:
        """The latest day the statement can have been made.

        :attr:`stated_on` if known, else the earliest date of its sources, else ``None``.
        """
        if self.stated_on is not None:
            return self.stated_on
        dates = [s.published_on for s in self.sources if s.published_on is not None]
        return min(dates) if dates else None

    @property
    def cumulative(self) -> bool:
        """True if the figure counts from the start of its event.

        That is: no :attr:`period`, or a period that starts when the event does (a count
        "as of" a day). Daily and other partial figures are not cumulative. Without an
        event (schema 1), the event is the 2020 war, which began on 27 Sep 2020.
        """
        start = WAR_START if self.event is None else self.event.start
        return self.period is None or self.period.start == start

    @property
    def quantity(self) -> tuple[object, ...]:
        """What the figure measures: claimant, subject, population, category, basis, ...

        That is, also its sub-group and event (ids and members). Claims with equal
        quantities form one :meth:`Dataset.series`.
        """
        return (
            self.claimant.id,
            self.subject.id,
            self.population,
            self.category,
            self.basis,
            self.subgroup,
            None if self.event is None else self.event.id,
        )

    def _repr_html_(self) -> str:
        """A card for notebooks: the figure, who said it about whom, when, and the reports."""
        esc = html.escape
        reports = "".join(
            f"<li>{esc(s.publisher)} ({esc(s.kind.value)}, {esc(s.language)}"
            f"{', ' + str(s.published_on) if s.published_on else ''})"
            + (f' <a href="{esc(s.url)}">{esc(s.url)}</a>' if s.url else "")
            + "</li>"
            for s in self.sources
        )
        flags = ", ".join(f.value for f in self.flags)
        return (
            f"<div><b>{esc(self.figure.wording)}</b> {esc(str(self.range))} "
            f"<code>{esc(self.id)}</code><br>{esc(self.claimant.name)} on "
            f"{self.stated_on or 'an unknown day'}: {esc(self.category.value)}, "
            f"{esc(self.population.value)}, of {esc(self.subject.name)}"
            + (f"<br>flagged: {esc(flags)}" if flags else "")
            + f"<ul>{reports}</ul></div>"
        )

    @property
    def flagged(self) -> bool:
        """True if the research flags this report (see :attr:`flags`)."""
        return bool(self.flags)
