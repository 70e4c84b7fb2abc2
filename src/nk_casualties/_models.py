"""The data model: Party, Source, Figure, Period and Claim, with their domain rules.

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
    as_tuple,
    count,
    error,
    ident,
    is_str,
    optional_date,
    optional_str,
    text,
    tuple_of,
    typed,
)
from ._range import Range
from ._vocab import (
    Basis,
    Category,
    DateBasis,
    PartyKind,
    Population,
    Qualifier,
    SourceKind,
    to_basis,
    to_category,
    to_date_basis,
    to_party_kind,
    to_population,
    to_qualifier,
    to_source_kind,
)
from .exceptions import ArgumentError, ArgumentTypeError

__all__ = ["Claim", "Figure", "Party", "Period", "Source"]

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


def _check_language(_inst: object, attr: attrs.Attribute[str], value: object) -> None:
    is_str(_inst, attr, value)
    if not (len(value) == 2 and value.isascii() and value.isalpha() and value.islower()):  # type: ignore[arg-type, attr-defined]
        raise error("language", "an ISO 639-1 code such as 'en'", value)


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
    language: str = attrs.field(validator=_check_language)
    kind: SourceKind = attrs.field(converter=to_source_kind)
    note: str | None = attrs.field(default=None, validator=optional_str)


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

    >>> f = Figure(qualifier="more than", number=100, wording="More than 100")
    >>> f.range, f.estimate
    (Range(low=101, high=None), 101)

    .. versionadded:: 0.1.0
    """

    qualifier: Qualifier = attrs.field(converter=to_qualifier)
    number: int = attrs.field(validator=_check_number)
    upper: int | None = attrs.field(default=None, validator=_check_upper)
    wording: str = attrs.field(validator=text)

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


def _check_sources(inst: Claim, attr: attrs.Attribute[tuple[Source, ...]], value: Any) -> None:
    tuple_of(Source)(inst, attr, value)
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
        subgroup: Set when the figure counts only part of the group (e.g. ``"doctors"``).
        sources: The reports, at least one.
        note: Scope caveats and conflicts, in the editors' words; else ``None``.
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
    subgroup: str | None = attrs.field(default=None, validator=optional_str)
    sources: tuple[Source, ...] = attrs.field(converter=as_tuple, validator=_check_sources)
    note: str | None = attrs.field(default=None, validator=optional_str)
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
        """True if the figure counts from the start of the war (27 Sep 2020).

        That is: no :attr:`period`, or a period that starts on 27 Sep 2020 (a count "as of"
        a day before the statement). Daily and other partial figures are not cumulative.
        """
        return self.period is None or self.period.start == WAR_START

    @property
    def quantity(self) -> tuple[str, str, Population, Category, Basis | None, str | None]:
        """What the figure measures: claimant, subject, population, category, basis, subgroup.

        Claims with equal quantities form one :meth:`Dataset.series`.
        """
        return (
            self.claimant.id,
            self.subject.id,
            self.population,
            self.category,
            self.basis,
            self.subgroup,
        )
