"""The data model: Party, Source, Figure, Period, Claim, Dataset and their vocabularies."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import os
import pathlib
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ._range import Range
from .exceptions import ArgumentError, ArgumentTypeError, DataError, NotFoundError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Basis",
    "Category",
    "Claim",
    "Dataset",
    "DateBasis",
    "Figure",
    "Party",
    "PartyKind",
    "Period",
    "Population",
    "Qualifier",
    "Source",
    "SourceKind",
]

#: The day the war began: cumulative figures count from here.
WAR_START = dt.date(2020, 9, 27)


class PartyKind(enum.Enum):
    """What kind of actor a :class:`Party` is.

    .. versionadded:: 0.1.0
    """

    GROUP = "group"  #: a side of the war, or both sides together
    STATE = "state"
    DE_FACTO_STATE = "de-facto-state"
    GOVERNMENT_BODY = "government-body"  #: a ministry, office, commission
    ARMED_FORCE = "armed-force"
    PERSON = "person"  #: an official or another named individual
    ORGANISATION = "organisation"  #: an NGO, institute or monitor
    PLACE = "place"  #: a town, for incident-level counts


class SourceKind(enum.Enum):
    """What kind of publication a :class:`Source` is.

    .. versionadded:: 0.1.0
    """

    OFFICIAL = "official"  #: the claimant's or a government's own site
    NEWS_AGENCY = "news-agency"
    NEWS_SITE = "news-site"  #: newspapers, broadcasters, online outlets
    AGGREGATOR = "aggregator"  #: mirrors, re-publishers, blogs, third-party chronicles
    ORGANISATION = "organisation"  #: an NGO's or institute's own site


def _instance_arg(name: str, value: object, cls: type) -> None:
    if not isinstance(value, cls):
        raise ArgumentTypeError(
            f"{name!r} must be a {cls.__name__}, got {type(value).__name__}: {value!r}"
        )


class Population(enum.Enum):
    """Whose casualties a claim counts, as the claimant split them.

    ``military`` and ``civilian`` never share people; ``unspecified`` may share people
    with both.

    .. versionadded:: 0.1.0
    """

    MILITARY = "military"
    CIVILIAN = "civilian"
    UNSPECIFIED = "unspecified"

    def overlaps(self, other: Population) -> bool:
        """True if the two populations can share people.

        Raises:
            ArgumentTypeError: If *other* is not a :class:`Population`.
        """
        _instance_arg("other", other, Population)
        return self is other or Population.UNSPECIFIED in (self, other)


class Category(enum.Enum):
    """What a figure counts.

    Categories that include one another overlap: ``killed-or-wounded`` includes
    ``killed`` and ``wounded``; ``losses`` includes killed, wounded, missing and captured;
    ``bodies-recovered`` counts dead people, so it overlaps ``killed``. See :attr:`covers`.

    .. versionadded:: 0.1.0
    """

    KILLED = "killed"
    WOUNDED = "wounded"
    MISSING = "missing"
    CAPTURED = "captured"
    KILLED_OR_WOUNDED = "killed-or-wounded"
    LOSSES = "losses"  #: "manpower losses": may include killed, wounded, missing, captured
    WOUNDED_OR_SICK = "wounded-or-sick"
    MEDICALLY_TREATED = "medically-treated"  #: people given medical aid
    BODIES_RECOVERED = "bodies-recovered"  #: bodies found or handed over (dead people)

    @property
    def covers(self) -> frozenset[str]:
        """The elementary outcomes this category counts (``killed``, ``wounded``, ...)."""
        return _COVERS[self]

    def overlaps(self, other: Category) -> bool:
        """True if a person could be counted under both categories.

        Raises:
            ArgumentTypeError: If *other* is not a :class:`Category`.
        """
        _instance_arg("other", other, Category)
        return not self.covers.isdisjoint(other.covers)


_COVERS: Mapping[Category, frozenset[str]] = {
    Category.KILLED: frozenset({"killed"}),
    Category.WOUNDED: frozenset({"wounded"}),
    Category.MISSING: frozenset({"missing"}),
    Category.CAPTURED: frozenset({"captured"}),
    Category.KILLED_OR_WOUNDED: frozenset({"killed", "wounded"}),
    Category.LOSSES: frozenset({"killed", "wounded", "missing", "captured"}),
    Category.WOUNDED_OR_SICK: frozenset({"wounded", "sick"}),
    Category.MEDICALLY_TREATED: frozenset({"wounded", "sick"}),
    Category.BODIES_RECOVERED: frozenset({"killed"}),
}


class Basis(enum.Enum):
    """How the claimant counted, where it said so.

    Counts on different bases are different measures even when they share a category
    (a list of the buried is not a list of the identified).

    .. versionadded:: 0.1.0
    """

    FORENSIC_EXAMINATION = "forensic-examination"  #: bodies examined by forensic service
    BURIED = "buried"  #: lists of the buried dead
    IDENTIFIED = "identified"  #: identified dead
    DEATH_CERTIFICATES = "death-certificates"
    UNDER_TREATMENT = "under-treatment"  #: people in treatment at the time
    HOSPITAL_REGISTERED = "hospital-registered"
    RUNNING_LIST = "running-list"  #: published lists of names
    FACT_FINDING = "fact-finding"  #: documented case by case
    INTELLIGENCE = "intelligence"  #: the claimant's intelligence or own estimate of the enemy
    FORECAST = "forecast"  #: a prediction of the final toll


class DateBasis(enum.Enum):
    """How the statement date of a claim is known.

    .. versionadded:: 0.1.0
    """

    STATED = "stated"  #: a source gives the calendar date
    INFERRED = "inferred"  #: a weekday or relative word resolved by another dated source
    UNKNOWN = "unknown"  #: no date; the claim was made no later than its earliest source


class Qualifier(enum.Enum):
    """The word that qualifies a figure's number, and so its :class:`Range`.

    ============  ==================  ===================
    qualifier     range               estimate
    ============  ==================  ===================
    exact n       ``[n, n]``          n
    more than n   ``[n+1, ∞)``        n+1
    at least n    ``[n, ∞)``          n
    about n       ``[0, ∞)``          n
    almost n      ``[0, n]``          n
    up to n       ``[0, n]``          n
    fewer than n  ``[0, n-1]``        n-1
    between a, b  ``[a, b]``          (a+b)//2
    ============  ==================  ===================

    "about n" sets no sound bound in either direction, so its range is every count;
    its estimate is still n. The estimate always lies inside the range.

    .. versionadded:: 0.1.0
    """

    EXACT = "exact"
    MORE_THAN = "more than"
    AT_LEAST = "at least"
    ABOUT = "about"
    ALMOST = "almost"
    UP_TO = "up to"
    FEWER_THAN = "fewer than"
    BETWEEN = "between"


_E = TypeVar("_E", bound=enum.Enum)
_T = TypeVar("_T")


def _field_error(field: str, expected: str, got: object) -> ArgumentError:
    return ArgumentError(f"{field!r} must be {expected}, got {got!r}")


#: The largest count a figure may state: more people than have ever lived is a data error.
MAX_COUNT = 10**10


def _count_field(inst: Any, attr: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value <= MAX_COUNT:
        raise _field_error(attr.name, f"a count from 0 to {MAX_COUNT:,}", value)


def _non_empty(inst: Any, attr: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, str) and not value.strip():
        raise _field_error(attr.name, "a non-empty string", value)


def _ident(inst: Any, attr: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, str) and (not value or value != value.strip() or "\n" in value):
        raise _field_error(attr.name, "an id without surrounding spaces", value)


@attrs.frozen(kw_only=True)
class Party:
    """An actor: a state or de facto authority, one of its bodies or officials, or a third party.

    Parties form a tree through :attr:`part_of`: a ministry is part of its state, a state is
    part of its side of the war. Claims name parties twice: who claims, and whose losses
    the figure is about.

    Attributes:
        id: Stable identifier, e.g. ``"az-mod"``.
        name: English name, e.g. ``"Ministry of Defence of Azerbaijan"``.
        kind: What kind of actor this is.
        part_of: The party this one belongs to, or ``None`` for a root.
        note: Editorial note, or ``None``.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_ident)
    name: str = attrs.field(validator=_non_empty)
    kind: PartyKind
    part_of: Party | None = None
    note: str | None = None

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
        _instance_arg("other", other, Party)
        return any(p.id == other.id for p in self.lineage)

    def overlaps(self, other: Party) -> bool:
        """True if one of the two parties is the other or part of it.

        Raises:
            ArgumentTypeError: If *other* is not a :class:`Party`.
        """
        return self.within(other) or other.within(self)


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

    id: str = attrs.field(validator=_ident)
    publisher: str = attrs.field(validator=_non_empty)
    title: str | None = None
    published_on: dt.date | None = None
    published_at: dt.time | None = None
    url: str | None = None
    language: str = attrs.field()
    kind: SourceKind
    note: str | None = None

    @language.validator
    def _check_language(self, _attr: attrs.Attribute[str], value: str) -> None:
        if not (len(value) == 2 and value.isascii() and value.isalpha() and value.islower()):
            raise _field_error("language", "an ISO 639-1 code such as 'en'", value)


def _check_upper(inst: Figure, _attr: attrs.Attribute[int | None], value: int | None) -> None:
    if (inst.qualifier is Qualifier.BETWEEN) != (value is not None):
        raise _field_error("upper", "set exactly when the qualifier is 'between'", value)
    if value is not None and not inst.number <= value <= MAX_COUNT:
        raise _field_error("upper", f"a count from number ({inst.number}) to {MAX_COUNT:,}", value)


@attrs.frozen(kw_only=True)
class Figure:
    """A number as worded: a qualifier with its number(s), and the wording itself.

    Attributes:
        qualifier: How the number is qualified ("more than", "about", ...).
        number: The number in the wording (the lower one for ``between``).
        upper: The upper number for ``between``; ``None`` otherwise.
        wording: The figure exactly as the report words it, e.g. ``"more than 1,240"``.

    >>> f = Figure(qualifier=Qualifier.MORE_THAN, number=100, wording="More than 100")
    >>> f.range, f.estimate
    (Range(low=101, high=None), 101)

    .. versionadded:: 0.1.0
    """

    qualifier: Qualifier
    number: int = attrs.field()
    upper: int | None = attrs.field(default=None, validator=_check_upper)
    wording: str = attrs.field(validator=_non_empty)

    @number.validator
    def _check_number(self, attr: attrs.Attribute[int], value: int) -> None:
        _count_field(self, attr, value)  # one validator, not two joined by attrs' and_()
        if self.qualifier is Qualifier.FEWER_THAN and value == 0:
            raise _field_error("number", "> 0 for 'fewer than'", value)

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

    start: dt.date
    end: dt.date = attrs.field()

    @end.validator
    def _check_end(self, _attr: attrs.Attribute[dt.date], value: dt.date) -> None:
        if value < self.start:
            raise _field_error("end", f"on or after start ({self.start})", value)

    def overlaps(self, other: Period) -> bool:
        """True if the two periods share a day.

        Raises:
            ArgumentTypeError: If *other* is not a :class:`Period`.
        """
        _instance_arg("other", other, Period)
        return self.start <= other.end and other.start <= self.end


def _sources_not_empty(inst: Any, _attr: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if not value:
        raise ArgumentError("'sources' must name at least one source")


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

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_ident)
    statement: str = attrs.field(validator=_ident)
    claimant: Party
    subject: Party
    population: Population
    category: Category
    basis: Basis | None = None
    figure: Figure
    stated_on: dt.date | None = None
    date_basis: DateBasis = attrs.field()
    period: Period | None = None
    subgroup: str | None = None
    sources: tuple[Source, ...] = attrs.field(validator=_sources_not_empty)
    note: str | None = None
    _dataset: str | None = attrs.field(init=False, default=None, eq=False, repr=False)

    @date_basis.validator
    def _check_date(self, _attr: attrs.Attribute[DateBasis], value: DateBasis) -> None:
        if (self.stated_on is None) != (value is DateBasis.UNKNOWN):
            raise _field_error(
                "date_basis", "'unknown' exactly when stated_on is not given", value.value
            )

    @property
    def dataset_version(self) -> str | None:
        """The version of the dataset this claim belongs to; ``None`` until it is in one.

        Set when the claim is first placed in a :class:`Dataset` (loading does this), and
        kept by datasets derived from it (:meth:`Dataset.as_of`). :func:`~nk_casualties.total`
        and :func:`~nk_casualties.reconcile` refuse claims of different versions.

        .. versionadded:: 0.2.0
        """
        return self._dataset

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


def _same(found: object, given: object) -> bool:
    """``found == given``, answered at once when they are the same object."""
    return found is given or found == given


def _precision(c: Claim) -> tuple[int, int]:
    """Sort key: narrower ranges first, unbounded last."""
    r = c.range
    return (1, 0) if r.high is None else (0, r.high - r.low)


def _suggest(wanted: str, ids: Iterable[str]) -> list[str]:
    import difflib  # only for an error message; importing it costs more than a lookup

    return difflib.get_close_matches(wanted, list(ids), n=3, cutoff=0.6)


def _enum_arg(name: str, enum_type: type[_E], value: object) -> _E:
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str):
        try:
            return enum_type(value)
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in enum_type)
            raise ArgumentError(f"{name!r} must be one of {allowed}, got {value!r}") from None
    raise ArgumentTypeError(
        f"{name!r} must be a {enum_type.__name__} or its string value, "
        f"got {type(value).__name__}: {value!r}"
    )


def _date_arg(name: str, value: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ArgumentTypeError(
            f"{name!r} must be a datetime.date, got {type(value).__name__}: {value!r}"
        )
    return value


@attrs.frozen(kw_only=True)
class Dataset:
    """One immutable dataset release.

    Lookups: :meth:`party`, :meth:`source`, :meth:`claim` raise :class:`NotFoundError`
    (suggesting close ids); :meth:`get_party`, :meth:`get_source`, :meth:`get_claim`
    return ``None``.

    Attributes:
        version: The data version, e.g. ``"1.0.0"`` (independent of the library's version).
        released_on: The release date.
        title: The dataset's title.
        licence: SPDX identifier of the data licence, e.g. ``"CC-BY-4.0"``.
        citation: How to cite this release.
        parties: Every party, parents before children.
        sources: Every source.
        claims: Every claim.

    Raises:
        DataError: If ids repeat, or a claim or party refers to something not in the dataset.

    .. versionadded:: 0.1.0
    """

    version: str = attrs.field(validator=_non_empty)
    released_on: dt.date
    title: str
    licence: str
    citation: str
    parties: tuple[Party, ...]
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    _parties_by_id: Mapping[str, Party] = attrs.field(init=False, repr=False, eq=False)
    _sources_by_id: Mapping[str, Source] = attrs.field(init=False, repr=False, eq=False)
    _claims_by_id: Mapping[str, Claim] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        problems: list[str] = []
        parties = self._index("parties", self.parties, problems)
        sources = self._index("sources", self.sources, problems)
        claims = self._index("claims", self.claims, problems)
        # ``found is x or found == x``: the same object is the common case, and attrs'
        # __eq__ would compare it field by field (parties recursively) to find that out.
        for i, p in enumerate(self.parties):
            parent = p.part_of
            if parent is not None and not _same(parties.get(parent.id), parent):
                problems.append(
                    f"party {parent.id!r} is not in the dataset @ $.parties[{i}].part_of"
                )
        get_party, get_source = parties.get, sources.get
        for i, c in enumerate(self.claims):
            claimant, subject = c.claimant, c.subject
            if get_party(claimant.id) is not claimant or get_party(subject.id) is not subject:
                for field, party in (("claimant", claimant), ("subject", subject)):
                    if not _same(get_party(party.id), party):
                        problems.append(
                            f"party {party.id!r} is not in the dataset @ $.claims[{i}].{field}"
                        )
            for s in c.sources:
                if get_source(s.id) is not s:
                    problems.extend(
                        f"source {src.id!r} is not in the dataset @ $.claims[{i}].sources[{j}]"
                        for j, src in enumerate(c.sources)
                        if not _same(get_source(src.id), src)
                    )
                    break
        if problems:
            raise DataError(problems, origin=f"dataset {self.version!r}")
        for c in self.claims:
            if c._dataset is None:  # the dataset claims its claims
                object.__setattr__(c, "_dataset", self.version)
        object.__setattr__(self, "_parties_by_id", MappingProxyType(parties))
        object.__setattr__(self, "_sources_by_id", MappingProxyType(sources))
        object.__setattr__(self, "_claims_by_id", MappingProxyType(claims))

    @classmethod
    def _prechecked(
        cls,
        *,
        version: str,
        released_on: dt.date,
        title: str,
        licence: str,
        citation: str,
        parties: tuple[Party, ...],
        sources: tuple[Source, ...],
        claims: tuple[Claim, ...],
        sources_by_id: dict[str, Source],
        claims_by_id: dict[str, Claim],
    ) -> Dataset:
        """A dataset from parts the fast loading path has built and checked itself.

        The public constructor checks, for parts it cannot trust, what the fast path
        guarantees by building them: each claim's parties and sources are the dataset's own
        objects, ids are unique (the caller's indexes have one entry per item), and every
        claim is already tagged with *version*. Skipping those passes over every claim
        matters for large files: they touch each claim once more after it has left the CPU
        caches. The field validators still run (:func:`attrs.validate`). The result equals
        what the constructor returns (tests/test_fastpath.py).
        """
        self = object.__new__(cls)
        set_ = object.__setattr__
        set_(self, "version", version)
        set_(self, "released_on", released_on)
        set_(self, "title", title)
        set_(self, "licence", licence)
        set_(self, "citation", citation)
        set_(self, "parties", parties)
        set_(self, "sources", sources)
        set_(self, "claims", claims)
        set_(self, "_parties_by_id", MappingProxyType({p.id: p for p in parties}))
        set_(self, "_sources_by_id", MappingProxyType(sources_by_id))
        set_(self, "_claims_by_id", MappingProxyType(claims_by_id))
        attrs.validate(self)
        return self

    @staticmethod
    def _index(name: str, items: tuple[Any, ...], problems: list[str]) -> dict[str, Any]:
        index = {item.id: item for item in items}  # on a duplicate id, the last one
        if len(index) < len(items):
            seen: set[str] = set()
            for i, item in enumerate(items):
                if item.id in seen:
                    problems.append(f"duplicate id {item.id!r} @ $.{name}[{i}].id")
                seen.add(item.id)
        return index

    # -- lookups -------------------------------------------------------------------------

    def get_party(self, id: str) -> Party | None:  # noqa: A002
        """The party with this id, or ``None``."""
        return self._parties_by_id.get(id)

    def get_source(self, id: str) -> Source | None:  # noqa: A002
        """The source with this id, or ``None``."""
        return self._sources_by_id.get(id)

    def get_claim(self, id: str) -> Claim | None:  # noqa: A002
        """The claim with this id, or ``None``."""
        return self._claims_by_id.get(id)

    def party(self, id: str) -> Party:  # noqa: A002
        """The party with this id.

        Raises:
            NotFoundError: If there is none; the message suggests close ids.
        """
        return self._lookup("party", self._parties_by_id, id)

    def source(self, id: str) -> Source:  # noqa: A002
        """The source with this id.

        Raises:
            NotFoundError: If there is none; the message suggests close ids.
        """
        return self._lookup("source", self._sources_by_id, id)

    def claim(self, id: str) -> Claim:  # noqa: A002
        """The claim with this id.

        >>> import nk_casualties as nk
        >>> nk.load("1.0.0").claim("A1.killed").figure.wording
        '2,783'

        Raises:
            NotFoundError: If there is none; the message suggests close ids.
        """
        return self._lookup("claim", self._claims_by_id, id)

    @staticmethod
    def _lookup(kind: str, index: Mapping[str, _T], id: str) -> _T:  # noqa: A002
        if not isinstance(id, str):
            raise ArgumentTypeError(f"'id' must be a str, got {type(id).__name__}: {id!r}")
        try:
            return index[id]
        except KeyError:
            raise NotFoundError(kind, id, _suggest(id, index)) from None

    def _party_arg(self, name: str, value: object) -> Party:
        if isinstance(value, Party):
            value = value.id
        if not isinstance(value, str):
            raise ArgumentTypeError(
                f"{name!r} must be a Party or a party id, got {type(value).__name__}: {value!r}"
            )
        party = self._parties_by_id.get(value)
        if party is None:
            hint = _suggest(value, self._parties_by_id)
            raise ArgumentError(
                f"{name!r}: no party with id {value!r} in dataset {self.version}"
                + (f"; did you mean {', '.join(map(repr, hint))}?" if hint else "")
            )
        return party

    # -- queries -------------------------------------------------------------------------

    def select(
        self,
        *,
        claimant: Party | str | None = None,
        subject: Party | str | None = None,
        population: Population | str | None = None,
        category: Category | str | None = None,
        basis: Basis | str | None = None,
        statement: str | None = None,
        stated_from: dt.date | None = None,
        stated_until: dt.date | None = None,
        within: bool = False,
    ) -> tuple[Claim, ...]:
        """The claims that match every filter given, in dataset order.

        Args:
            claimant: Only claims by this party (a :class:`Party` or its id).
            subject: Only claims about this party.
            population: Only this population.
            category: Only this category.
            basis: Only this basis.
            statement: Only the wordings of this statement.
            stated_from: Only claims stated on or after this day (undated claims are
                left out when a date filter is given).
            stated_until: Only claims stated on or before this day.
            within: If true, *claimant* and *subject* also match every party that is
                part of them (``subject="am-side"`` then includes the Artsakh Defence Army).

        Raises:
            ArgumentError: If a party id is unknown or a value is not in its vocabulary
                (:class:`ArgumentTypeError` for a wrong type).

        >>> import nk_casualties as nk
        >>> [c.id for c in nk.load("1.0.0").select(subject="artsakh-defence-army")][:2]
        ['A5.killed', 'G15a.killed']
        """
        want_claimant = None if claimant is None else self._party_arg("claimant", claimant)
        want_subject = None if subject is None else self._party_arg("subject", subject)
        want_pop = None if population is None else _enum_arg("population", Population, population)
        want_cat = None if category is None else _enum_arg("category", Category, category)
        want_basis = None if basis is None else _enum_arg("basis", Basis, basis)
        if statement is not None and not isinstance(statement, str):
            raise ArgumentTypeError(
                f"'statement' must be a str, got {type(statement).__name__}: {statement!r}"
            )
        date_from = None if stated_from is None else _date_arg("stated_from", stated_from)
        date_until = None if stated_until is None else _date_arg("stated_until", stated_until)

        def party_ok(party: Party, want: Party | None) -> bool:
            if want is None:
                return True
            return party.within(want) if within else party.id == want.id

        out = []
        for c in self.claims:
            if not (party_ok(c.claimant, want_claimant) and party_ok(c.subject, want_subject)):
                continue
            if want_pop is not None and c.population is not want_pop:
                continue
            if want_cat is not None and c.category is not want_cat:
                continue
            if want_basis is not None and c.basis is not want_basis:
                continue
            if statement is not None and c.statement != statement:
                continue
            if date_from is not None or date_until is not None:
                if c.stated_on is None:
                    continue
                if date_from is not None and c.stated_on < date_from:
                    continue
                if date_until is not None and c.stated_on > date_until:
                    continue
            out.append(c)
        return tuple(out)

    def as_of(self, day: dt.date) -> Dataset:
        """The dataset as it stood on *day*: only the claims known by then.

        A claim is kept if its :attr:`Claim.known_by` date (the statement date, or for an
        undated claim the date of its earliest report) is on or before *day*; claims with no
        date at all are left out. Parties and sources are kept whole.

        Raises:
            ArgumentTypeError: If *day* is not a :class:`datetime.date`.

        >>> import datetime, nk_casualties as nk
        >>> len(nk.load("1.0.0").as_of(datetime.date(2020, 11, 30)).claims)
        15

        .. versionadded:: 0.1.0
        """
        limit = _date_arg("day", day)
        kept = tuple(c for c in self.claims if (k := c.known_by) is not None and k <= limit)
        return self._with_claims(kept)

    def _with_claims(self, claims: tuple[Claim, ...]) -> Dataset:
        """This dataset with only *claims*, a subsequence of its own.

        Equal to ``attrs.evolve(self, claims=claims)``, without checking again what holds
        already: the claims' ids are unique and their parties and sources are this
        dataset's, so only the claim index is built anew (the party and source indexes,
        the larger part of the work, are shared).
        """
        derived = copy.copy(self)
        object.__setattr__(derived, "claims", claims)
        object.__setattr__(derived, "_claims_by_id", MappingProxyType({c.id: c for c in claims}))
        return derived

    def series(
        self,
        *,
        claimant: Party | str,
        category: Category | str,
        subject: Party | str | None = None,
        population: Population | str | None = None,
        basis: Basis | str | None = None,
        subgroup: str | None = None,
        cumulative: bool = True,
        per_statement: bool = True,
    ) -> tuple[Claim, ...]:
        """One quantity from one claimant over time, oldest first.

        Only claims with a date are included, ordered by :attr:`Claim.known_by` (undated
        claims sort by the date of their earliest report). Cumulative and partial-period
        figures are never mixed: with ``cumulative=True`` (the default) daily and other
        partial figures are skipped; with ``cumulative=False`` only they are returned.
        Sub-group counts are skipped unless *subgroup* names one.

        Args:
            claimant: Whose statements (a :class:`Party` or its id).
            category: What is counted.
            subject: Only claims about this party (default: any subject).
            population: Only this population (default: any).
            basis: Only this basis (default: any, so buried and announced counts of one
                claimant form one series; pass a basis to keep one measure).
            subgroup: Only this sub-group (default: whole groups only).
            cumulative: Cumulative figures (default) or partial-period ones.
            per_statement: Keep one claim per statement, the most precise wording (the
                narrowest range; the first in dataset order on a tie). ``False`` keeps every
                wording.

        Raises:
            ArgumentError: For an unknown party or vocabulary value
                (:class:`ArgumentTypeError` for a wrong type).

        >>> import nk_casualties as nk
        >>> [c.figure.number for c in nk.load("1.0.0").series(claimant="am-moh", category="killed")]
        [2317]

        .. versionadded:: 0.1.0
        """
        if not isinstance(cumulative, bool):
            raise ArgumentTypeError(f"'cumulative' must be a bool, got {cumulative!r}")
        if subgroup is not None and not isinstance(subgroup, str):
            raise ArgumentTypeError(f"'subgroup' must be a str or None, got {subgroup!r}")
        found = self.select(
            claimant=claimant,
            category=category,
            subject=subject,
            population=population,
            basis=basis,
        )
        order = {id(c): i for i, c in enumerate(found)}  # found is in dataset order
        picked = [
            c
            for c in found
            if c.subgroup == subgroup and c.cumulative == cumulative and c.known_by is not None
        ]
        if per_statement:
            best: dict[str, Claim] = {}
            for c in picked:
                kept = best.get(c.statement)
                if kept is None or _precision(c) < _precision(kept):
                    best[c.statement] = c
            picked = list(best.values())
        picked.sort(key=lambda c: (c.known_by, order[id(c)]))
        return tuple(picked)

    def latest(
        self,
        *,
        claimant: Party | str | None = None,
        subject: Party | str | None = None,
        population: Population | str | None = None,
        category: Category | str | None = None,
        basis: Basis | str | None = None,
    ) -> tuple[Claim, ...]:
        """The newest cumulative figure for each claimant and quantity.

        Claims are grouped by :attr:`Claim.quantity` (claimant, subject, population,
        category, basis, sub-group); from each group the claim with the latest
        :attr:`Claim.known_by` is kept (the most precise wording on a tie). Filters work as
        in :meth:`select`. Undated claims and partial-period figures are left out.

        Raises:
            ArgumentError: For an unknown party or vocabulary value.

        >>> import nk_casualties as nk
        >>> [c.figure.wording for c in nk.load("1.0.0").latest(claimant="artsakh-mod")]
        ['1,383']

        .. versionadded:: 0.1.0
        """
        found = self.select(
            claimant=claimant,
            subject=subject,
            population=population,
            category=category,
            basis=basis,
        )
        newest: dict[tuple[object, ...], Claim] = {}
        for c in found:
            known = c.known_by
            if known is None or not c.cumulative:
                continue
            quantity = c.quantity
            kept = newest.get(quantity)
            if (
                kept is None
                or known > kept.known_by  # type: ignore[operator]
                or (known == kept.known_by and _precision(c) < _precision(kept))
            ):
                newest[quantity] = c
        return tuple(newest.values())

    def statement(self, statement: str) -> tuple[Claim, ...]:
        """Every wording of one statement (shortcut for ``select(statement=...)``).

        Raises:
            NotFoundError: If no claim has that statement id.
        """
        found = self.select(statement=statement)
        if not found:
            raise NotFoundError(
                "statement", statement, _suggest(statement, {c.statement for c in self.claims})
            )
        return found

    # -- export --------------------------------------------------------------------------

    def to_records(self) -> tuple[dict[str, object], ...]:
        """One flat dict per claim, in dataset order, with a stable column order.

        Columns: ``claim_id``, ``statement_id``, ``claimant_id``, ``claimant_name``,
        ``subject_id``, ``subject_name``, ``population``, ``category``, ``basis``,
        ``subgroup``, ``qualifier``, ``number``, ``upper``, ``wording``, ``low``, ``high``
        (``None`` = no upper bound), ``estimate``, ``stated_on``, ``date_basis``,
        ``period_start``, ``period_end``, ``source_ids`` (a tuple), ``source_urls`` (a tuple
        of the URLs its sources have) and ``note``. Vocabulary values are their strings,
        dates are :class:`datetime.date` or ``None``.

        >>> import nk_casualties as nk
        >>> row = nk.load("1.0.0").to_records()[1]
        >>> row["claim_id"], row["wording"], row["low"], row["high"]
        ('A2.missing', 'More than 100', 101, None)

        .. versionadded:: 0.2.0
        """
        from ._export import records

        return records(self)

    def to_csv(self) -> str:
        """The claims as CSV text: the columns of :meth:`to_records`, one row per claim.

        Missing values are empty cells, dates ISO 8601, and ``source_ids`` and
        ``source_urls`` space-separated.

        >>> import nk_casualties as nk
        >>> nk.load("1.0.0").to_csv().splitlines()[0].split(",")[:3]
        ['claim_id', 'statement_id', 'claimant_id']

        .. versionadded:: 0.2.0
        """
        from ._export import to_csv

        return to_csv(self)

    def to_pandas(self) -> pd.DataFrame:
        """The claims as a :class:`pandas.DataFrame`, one row per claim.

        Columns as in :meth:`to_records`. Counts are nullable integers (``Int64``), dates
        are ``datetime64[ns]`` (``NaT`` where unknown), vocabularies are categoricals,
        text is the ``string`` dtype and ``source_ids``/``source_urls`` hold tuples.

        Raises:
            MissingDependencyError: If pandas is not installed (it comes with the
                ``pandas`` extra: ``pip install "nk-casualties[pandas]"``).

        .. versionadded:: 0.2.0
        """
        from ._export import to_pandas

        return to_pandas(self)

    def to_json(self) -> str:
        """The dataset in the release-file schema, as :func:`~nk_casualties.load_path` reads.

        The text of a packaged release is exactly ``load(version).to_json()``.

        .. versionadded:: 0.2.0
        """
        from ._converter import dumps

        return dumps(self)

    def to_datapackage(self, directory: str | os.PathLike[str]) -> pathlib.Path:
        """Write the dataset as a Frictionless Tabular Data Package into *directory*.

        Writes ``claims.csv`` (as :meth:`to_csv`), ``sources.csv``, ``parties.csv`` and
        ``datapackage.json`` with Table Schemas (types, vocabularies, keys), the licence,
        the sources and the data version. Other files in the directory are left alone.

        Returns:
            The path of ``datapackage.json``.

        Raises:
            ArgumentError: If *directory* is a file or cannot be written
                (:class:`ArgumentTypeError` if it is not a path).

        .. versionadded:: 0.2.0
        """
        from ._export import write_datapackage

        return write_datapackage(self, directory)

    def cite(self, *, format: str = "text") -> str:  # noqa: A002
        """How to cite this release: ``format="text"`` (default) or ``"bibtex"``.

        Raises:
            ArgumentError: For another format.
        """
        from . import __version__

        if format == "text":
            return f"{self.citation} Data version {self.version}; nk-casualties {__version__}."
        if format == "bibtex":
            key = "nk_casualties_" + self.version.replace(".", "_")
            return (
                f"@misc{{{key},\n"
                f"  title = {{{self.title}}},\n"
                f"  version = {{{self.version}}},\n"
                f"  year = {{{self.released_on.year}}},\n"
                f"  date = {{{self.released_on.isoformat()}}},\n"
                f"  note = {{Data version {self.version}, "
                f"nk-casualties {__version__}; licence {self.licence}}}\n"
                "}"
            )
        raise ArgumentError(f"'format' must be 'text' or 'bibtex', got {format!r}")
