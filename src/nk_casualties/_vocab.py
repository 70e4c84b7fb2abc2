"""The closed vocabularies of the data model, and their overlap rules.

Every vocabulary is an :class:`enum.Enum` whose values are the strings a release file uses.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TypeVar

from .exceptions import ArgumentTypeError

__all__ = [
    "Basis",
    "Category",
    "DateBasis",
    "PartyKind",
    "Population",
    "Qualifier",
    "SourceKind",
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

    def overlaps(self, other: Population) -> bool:
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

    @property
    def covers(self) -> frozenset[str]:
        """The elementary outcomes this category counts (``killed``, ``wounded``, ...)."""
        return _COVERS[self]

    def overlaps(self, other: Category) -> bool:
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


# Converters for the models' vocabulary fields: a member, or its string value. Named
# functions, so that type checkers see the accepted types in each constructor's signature.
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
