"""The records of the release file: its JSON shape, as the validating path structures it.

A release file holds references as ids (``"claimant": "az-mod"``); the records mirror the
JSON exactly, and :func:`nk_casualties._converter.link` turns them into the object model.
Only the validating path and :func:`~nk_casualties._converter.unstructure` need them, so
this module is imported only then: valid files never pay for building these classes.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ._models import Basis, Category, DateBasis, Figure, PartyKind, Period, Population, Source


@attrs.frozen(kw_only=True)
class PartyRecord:
    """A party as stored: ``part_of`` is an id."""

    id: str
    name: str
    kind: PartyKind
    part_of: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class ClaimRecord:
    """A claim as stored: parties and sources are ids."""

    id: str
    statement: str
    claimant: str
    subject: str
    population: Population
    category: Category
    basis: Basis | None = None
    figure: Figure
    stated_on: dt.date | None = None
    date_basis: DateBasis
    period: Period | None = None
    subgroup: str | None = None
    sources: tuple[str, ...]
    note: str | None = None


@attrs.frozen(kw_only=True)
class DocumentRecord:
    """A whole release file."""

    version: str
    released_on: dt.date
    title: str
    licence: str
    citation: str
    parties: tuple[PartyRecord, ...]
    sources: tuple[Source, ...]
    claims: tuple[ClaimRecord, ...]
