"""The parts of a claim: Party, Event, Source, Figure and Period, with their domain rules.

Constructors check what they keep: vocabulary fields take a member or its string value,
collections become tuples, and anything else raises :class:`ArgumentTypeError` naming the
field. Domain rules (``high >= low``, ``upper`` only for ``between``) raise
:class:`ArgumentError`, also naming the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ._checks import (
    MAX_COUNT,
    count,
    error,
    ident,
    language_code,
    language_tag,
    optional_date,
    optional_str,
    optional_text,
    text,
    typed,
)
from ._range import Range
from ._vocab import (
    DatedFrom,
    EventKind,
    PartyKind,
    Qualifier,
    SourceKind,
    to_dated_from,
    to_event_kind,
    to_party_kind,
    to_qualifier,
    to_source_kind,
)
from .exceptions import ArgumentTypeError

__all__ = ["Event", "Figure", "Party", "Period", "Source"]

#: Field metadata of what schema 2 added: absent from schema-1 files (and so empty when one
#: loads), and, where "required", present in every schema-2 file.
SCHEMA_2 = {"schema": 2}
SCHEMA_2_REQUIRED = {"schema": 2, "required": True}

#: The day the 2020 war began: cumulative figures count from here.
WAR_START = dt.date(2020, 9, 27)


def _id_of(party: Party | None) -> str | None:
    return None if party is None else party.id


def _repr_id(party: Party | None) -> str:
    return repr(_id_of(party))


@attrs.frozen(kw_only=True)
class Party:
    """An actor: a state or de facto authority, one of its bodies or officials, or a third party.

    Parties form a tree through :attr:`part_of`: a ministry is part of its state, a state is
    part of its side of the war. Claims name parties twice: who claims, and whose losses
    the figure is about. Two parties are equal when their fields are, comparing
    :attr:`part_of` by id (so comparing, hashing and printing never walk the chain).

    Attributes:
        id: Stable identifier, e.g. ``"az-mod"``.
        name: English name, e.g. ``"Ministry of Defence of Azerbaijan"``.
        kind: What kind of actor this is.
        part_of: The party this one belongs to, or ``None`` for a root.
        note: Editorial note, or ``None``.

    >>> az = Party(id="az", name="Azerbaijan", kind="state")
    >>> Party(id="az-mod", name="Ministry of Defence of Azerbaijan", kind="government-body",
    ...       part_of=az).within(az)
    True

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=ident)
    name: str = attrs.field(validator=text)
    kind: PartyKind = attrs.field(converter=to_party_kind)
    part_of: Party | None = attrs.field(default=None, eq=_id_of, repr=_repr_id)
    note: str | None = attrs.field(default=None, validator=optional_str)

    @part_of.validator
    def _check_part_of(self, attr: attrs.Attribute[Party | None], value: Party | None) -> None:
        if value is not None and not isinstance(value, Party):
            raise ArgumentTypeError(
                f"'part_of' must be a Party or None, got {type(value).__name__}: {value!r}",
                field="part_of",
            )
        if value is not None and any(p.id == self.id for p in value.lineage):
            raise error("part_of", f"a party other than {self.id!r} itself", value.id)

    @property
    def lineage(self) -> tuple[Party, ...]:
        """This party followed by every party it is part of, up to the root."""
        chain: list[Party] = []
        party: Party | None = self
        while party is not None:
            chain.append(party)
            party = party.part_of
        return tuple(chain)

    def within(self, other: Party) -> bool:
        """True if this party is *other* or part of it (at any depth).

        Raises:
            ArgumentTypeError: If *other* is not a :class:`Party`.
        """
        if not isinstance(other, Party):
            raise ArgumentTypeError(
                f"'other' must be a Party, got {type(other).__name__}: {other!r}", field="other"
            )
        return any(p.id == other.id for p in self.lineage)

    def overlaps(self, other: Party) -> bool:
        """True if one of the two parties is the other or part of it.

        Raises:
            ArgumentTypeError: If *other* is not a :class:`Party`.
        """
        return self.within(other) or other.within(self)


@attrs.frozen(kw_only=True)
class Event:
    """An episode of the conflict that figures are about (schema 2).

    Attributes:
        id: Stable identifier, e.g. ``"war-2020"``.
        name: English name, e.g. ``"The 2020 Nagorno-Karabakh war"``.
        kind: What kind of episode it is.
        start: Its first day.
        end: Its last day, or ``None`` while it goes on (landmine casualties).
        note: Editorial note, or ``None``.

    Two events overlap when their days do: :func:`~nk_casualties.total` refuses to add
    claims of overlapping events, and adds claims of disjoint ones.

    .. versionadded:: 0.2.0
    """

    id: str = attrs.field(validator=ident)
    name: str = attrs.field(validator=text)
    kind: EventKind = attrs.field(converter=to_event_kind)
    start: dt.date = attrs.field(validator=typed(dt.date))
    end: dt.date | None = attrs.field(default=None, validator=optional_date)
    note: str | None = attrs.field(default=None, validator=optional_str)

    @end.validator
    def _check_end(self, _attr: attrs.Attribute[dt.date | None], value: dt.date | None) -> None:
        if value is not None and value < self.start:
            raise error("end", f"on or after start ({self.start})", value)

    def overlaps(self, other: Event) -> bool:
        """True if the two events share a day (an ongoing event runs on without end).

        Raises:
            ArgumentTypeError: If *other* is not an :class:`Event`.
        """
        if not isinstance(other, Event):
            raise ArgumentTypeError(
                f"'other' must be an Event, got {type(other).__name__}: {other!r}", field="other"
            )
        ends = [e.end for e in (self, other)]
        return all(e is None or max(self.start, other.start) <= e for e in ends)


@attrs.frozen(kw_only=True)
class Source:
    """Where a claim was published or reported: one page.

    Attributes:
        id: Stable identifier, e.g. ``"rt-com-3e1f0a"``.
        publisher: The outlet, e.g. ``"RT"``.
        title: The page's title where known, else ``None``.
        published_on: The report's date where known, else ``None``.
        published_at: The report's local time where known, else ``None``.
        url: The page's address where known, else ``None``.
        language: ISO 639-1 code of the page's language, e.g. ``"en"``.
        kind: What kind of publication it is.
        note: Editorial note, or ``None``.
        dated_from: How :attr:`published_on` is known: stated on the page, or read from
            the URL (schema 2; ``None`` in schema 1).

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=ident)
    publisher: str = attrs.field(validator=text)
    title: str | None = attrs.field(default=None, validator=optional_str)
    published_on: dt.date | None = attrs.field(default=None, validator=optional_date)
    published_at: dt.time | None = attrs.field(
        default=None, validator=typed(dt.time, optional=True)
    )
    url: str | None = attrs.field(default=None, validator=optional_str)
    language: str = attrs.field(validator=language_code)
    kind: SourceKind = attrs.field(converter=to_source_kind)
    note: str | None = attrs.field(default=None, validator=optional_str)
    dated_from: DatedFrom | None = attrs.field(
        default=None, converter=to_dated_from, metadata=SCHEMA_2
    )

    @dated_from.validator
    def _check_dated_from(self, _attr: attrs.Attribute[Any], value: DatedFrom | None) -> None:
        if value is not None and self.published_on is None:
            raise error("dated_from", "given only with published_on", value.value)


def _check_upper(inst: Figure, attr: attrs.Attribute[int | None], value: int | None) -> None:
    if (inst.qualifier is Qualifier.BETWEEN) != (value is not None):
        raise error("upper", "set exactly when the qualifier is 'between'", value)
    if value is not None:
        count(inst, attr, value)
        if value < inst.number:
            raise error("upper", f"a count from number ({inst.number}) to {MAX_COUNT:,}", value)


def _check_number(inst: Figure, attr: attrs.Attribute[int], value: int) -> None:
    count(inst, attr, value)
    if inst.qualifier is Qualifier.FEWER_THAN and value == 0:
        raise error("number", "> 0 for 'fewer than'", value)


@attrs.frozen(kw_only=True)
class Figure:
    """A number as worded: a qualifier with its number(s), and the wording itself.

    Attributes:
        qualifier: How the number is qualified ("more than", "about", ...); a
            :class:`Qualifier` or its string value.
        number: The number in the wording (the lower one for ``between``).
        upper: The upper number for ``between``; ``None`` otherwise.
        wording: The figure exactly as the report words it, e.g. ``"more than 1,240"``.
        language: The wording's language, a BCP 47 tag such as ``"hy"`` or ``"az"``
            (schema 2; ``None`` in schema 1, where only the source's language is known).
        gloss: Our own English words for a non-English wording (schema 2), e.g. "more than
            100 people" for an Azerbaijani wording; never copied from an article.

    >>> f = Figure(qualifier="more than", number=100, wording="More than 100")
    >>> f.range, f.estimate
    (Range(low=101, high=None), 101)

    .. versionadded:: 0.1.0
    """

    qualifier: Qualifier = attrs.field(converter=to_qualifier)
    number: int = attrs.field(validator=_check_number)
    upper: int | None = attrs.field(default=None, validator=_check_upper)
    wording: str = attrs.field(validator=text)
    language: str | None = attrs.field(
        default=None, validator=language_tag, metadata=SCHEMA_2_REQUIRED
    )
    gloss: str | None = attrs.field(default=None, validator=optional_text, metadata=SCHEMA_2)

    @property
    def range(self) -> Range:
        """The counts the figure allows (see :class:`Qualifier` for the rules)."""
        q, n = self.qualifier, self.number
        if q is Qualifier.EXACT:
            return Range(low=n, high=n)
        if q is Qualifier.MORE_THAN:
            return Range(low=n + 1)
        if q is Qualifier.AT_LEAST:
            return Range(low=n)
        if q is Qualifier.ABOUT:
            return Range(low=0)
        if q is Qualifier.FEWER_THAN:
            return Range(low=0, high=n - 1)
        if q is Qualifier.BETWEEN:
            return Range(low=n, high=self.upper)
        return Range(low=0, high=n)  # ALMOST, UP_TO

    @property
    def estimate(self) -> int:
        """The number a reader would quote, moved into the range where the wording demands."""
        q = self.qualifier
        if q is Qualifier.MORE_THAN:
            return self.number + 1
        if q is Qualifier.FEWER_THAN:
            return self.number - 1
        if q is Qualifier.BETWEEN and self.upper is not None:
            return (self.number + self.upper) // 2
        return self.number


@attrs.frozen(kw_only=True)
class Period:
    """The window a figure covers when it is not "from the start of the war to the statement".

    Attributes:
        start: First day covered.
        end: Last day covered (``>= start``).

    .. versionadded:: 0.1.0
    """

    start: dt.date = attrs.field(validator=typed(dt.date))
    end: dt.date = attrs.field(validator=typed(dt.date))

    @end.validator
    def _check_end(self, _attr: attrs.Attribute[dt.date], value: dt.date) -> None:
        if value < self.start:
            raise error("end", f"on or after start ({self.start})", value)

    def overlaps(self, other: Period) -> bool:
        """True if the two periods share a day.

        Raises:
            ArgumentTypeError: If *other* is not a :class:`Period`.
        """
        if not isinstance(other, Period):
            raise ArgumentTypeError(
                f"'other' must be a Period, got {type(other).__name__}: {other!r}", field="other"
            )
        return self.start <= other.end and other.start <= self.end
