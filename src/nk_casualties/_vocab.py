"""The closed vocabularies of the data model, and their overlap rules.

Every vocabulary is an :class:`enum.Enum` whose values are the strings a release file uses.
Annotations here are evaluated (no ``from __future__ import annotations``): attrs copies a
converter's parameter type into the ``__init__`` it generates, where documentation tools
read it.
"""

import enum
from collections.abc import Iterable, Mapping
from typing import TypeVar

from .exceptions import ArgumentTypeError

__all__ = [
    "Basis",
    "Category",
    "DateBasis",
    "DatedFrom",
    "EventKind",
    "Flag",
    "PartyKind",
    "Population",
    "Qualifier",
    "SourceKind",
    "Subgroup",
]

_E = TypeVar("_E", bound=enum.Enum)
_T = TypeVar("_T")


def instance(name: str, value: object, cls: type[_T]) -> _T:
    """*value* if it is a *cls*, else an :class:`ArgumentTypeError` naming *name*."""
    if not isinstance(value, cls):
        raise ArgumentTypeError(
            f"{name!r} must be a {cls.__name__}, got {type(value).__name__}: {value!r}",
            field=name,
        )
    return value


def member(name: str, enum_type: type[_E], value: object) -> _E:
    """The member of *enum_type* that *value* is or names (its string value).

    Raises:
        ArgumentTypeError: For anything else, naming *name* and the allowed values.
    """
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str):
        found = enum_type._value2member_map_.get(value)
        if found is not None:
            return found  # type: ignore[return-value]
    allowed = ", ".join(repr(m.value) for m in enum_type)
    raise ArgumentTypeError(
        f"{name!r} must be a {enum_type.__name__} or one of {allowed}, "
        f"got {type(value).__name__}: {value!r}",
        field=name,
    )


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


class Population(enum.Enum):
    """Whose casualties a claim counts, as the claimant split them.

    ``military`` and ``civilian`` never share people; ``unspecified`` may share people
    with both.

    .. versionadded:: 0.1.0
    """

    MILITARY = "military"
    CIVILIAN = "civilian"
    UNSPECIFIED = "unspecified"

    def overlaps(self, other: "Population") -> bool:
        """True if the two populations can share people.

        Raises:
            ArgumentTypeError: If *other* is not a :class:`Population`.
        """
        instance("other", other, Population)
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
    MINE_VICTIMS = "mine-victims"  #: killed and injured by mines and UXO, together
    HELD = "held"  #: in captivity at the time
    RETURNED = "returned"  #: released, exchanged or handed over alive
    DEAD_OR_MISSING = "dead-or-missing"  #: one count of both: neither killed nor missing

    @property
    def covers(self) -> frozenset[str]:
        """The elementary outcomes this category counts (``killed``, ``wounded``, ...)."""
        return _COVERS[self]

    def overlaps(self, other: "Category") -> bool:
        """True if a person could be counted under both categories.

        Raises:
            ArgumentTypeError: If *other* is not a :class:`Category`.
        """
        instance("other", other, Category)
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
    Category.MINE_VICTIMS: frozenset({"killed", "wounded"}),
    # a captive held or returned was captured: these counts may share people
    Category.HELD: frozenset({"captured"}),
    Category.RETURNED: frozenset({"captured"}),
    Category.DEAD_OR_MISSING: frozenset({"killed", "missing"}),
}


class Subgroup(enum.Enum):
    """The part of a group a figure counts (schema 2: a closed vocabulary).

    Schema-1 releases (1.0.0, 1.1.0) recorded sub-groups as free text; loading them keeps
    that text, so ``Claim.subgroup`` of a schema-1 claim may be a plain string.

    .. versionadded:: 0.2.0
    """

    WOMEN = "women"
    CHILDREN = "children"
    DOCTORS = "doctors"
    MEDICAL_STAFF = "medical-staff"
    EMERGENCY_STAFF = "emergency-staff"
    DEMINERS = "deminers"
    JOURNALISTS = "journalists"
    PEACEKEEPERS = "peacekeepers"
    SERVICEMEN = "servicemen"
    CIVILIANS_IN_CUSTODY = "civilians-in-custody"
    UNIDENTIFIED_DEAD = "unidentified-dead"
    IDENTIFIED_BY_DNA = "identified-by-dna"
    AWAITING_IDENTIFICATION = "awaiting-identification"  #: remains or missing awaiting DNA
    KILLED_IN_CAPTIVITY = "killed-in-captivity"  #: killed or died in captivity
    ENFORCED_DISAPPEARANCE = "enforced-disappearance"  #: captured, then no news
    KILLED_IN_STRIKES = "killed-in-strikes"  #: long-range or targeted strikes on towns
    SHELLING_VICTIMS = "shelling-victims"
    ONE_STRIKE = "one-strike"  #: the victims of one named strike
    DISABILITY_STATUS = "disability-status"  #: wounded given disability status
    LEFT_ON_BATTLEFIELD = "left-on-battlefield"
    MISSING_AFTER_WAR = "missing-after-war"


class Flag(enum.Enum):
    """What the research says about a *report* of a claim (schema 2).

    A flag marks the report, not the claimant: the claimant said something else, and this
    wording is how an outlet passed it on. :func:`~nk_casualties.reconcile` and
    :meth:`~nk_casualties.Dataset.series` can leave flagged reports out
    (``skip_flagged=True``), and prefer an unflagged wording of a statement.

    .. versionadded:: 0.2.0
    """

    MISREPORT = "misreport"  #: the outlet changed the claimant's figure or qualifier
    MISTRANSLATION = "mistranslation"  #: a translation changed it
    CONJECTURE = "conjecture"  #: the claimant hedged ("could be")
    ROUNDED = "rounded"  #: the outlet rounded the claimant's figure
    HEADLINE_ONLY = "headline-only"  #: only in a headline or lead, not the body's account


class EventKind(enum.Enum):
    """What kind of episode an :class:`~nk_casualties.Event` is.

    .. versionadded:: 0.2.0
    """

    WAR = "war"
    CLASHES = "clashes"
    OFFENSIVE = "offensive"
    INCIDENT = "incident"
    AFTERMATH = "aftermath"  #: an ongoing consequence: mines, captives, missing persons
    CONFLICT = "conflict"  #: the umbrella: the whole conflict


class DatedFrom(enum.Enum):
    """How a source's date is known (schema 2).

    .. versionadded:: 0.2.0
    """

    PAGE = "page"  #: the page states it
    URL = "url"  #: read from a date in the page's address


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


# Converters for the models' vocabulary fields: a member, or its string value. Named
# functions, so that type checkers see the accepted types in each constructor's signature;
# each names its field for the error message, because mypy's attrs plugin does not support
# ``attrs.Converter(..., takes_field=True)``, which could read the name from the class.
def to_party_kind(value: PartyKind | str) -> PartyKind:
    return member("kind", PartyKind, value)


def to_source_kind(value: SourceKind | str) -> SourceKind:
    return member("kind", SourceKind, value)


def to_qualifier(value: Qualifier | str) -> Qualifier:
    return member("qualifier", Qualifier, value)


def to_population(value: Population | str) -> Population:
    return member("population", Population, value)


def to_category(value: Category | str) -> Category:
    return member("category", Category, value)


def to_basis(value: Basis | str | None) -> Basis | None:
    return None if value is None else member("basis", Basis, value)


def to_date_basis(value: DateBasis | str) -> DateBasis:
    return member("date_basis", DateBasis, value)


def to_flags(value: Iterable[Flag | str]) -> tuple[Flag, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]  # the validator refuses it, naming the field
    return tuple(member("flags", Flag, v) for v in value)


def to_subgroup(value: Subgroup | str | None) -> Subgroup | str | None:
    # a vocabulary value becomes its member; other text is a schema-1 free-text sub-group
    if isinstance(value, str):
        return Subgroup._value2member_map_.get(value, value)  # type: ignore[return-value]
    return value


def to_event_kind(value: EventKind | str) -> EventKind:
    return member("kind", EventKind, value)


def to_dated_from(value: DatedFrom | str | None) -> DatedFrom | None:
    return None if value is None else member("dated_from", DatedFrom, value)
