"""The release schema (schema 2) as frozen msgspec Structs: the yardstick of the decoding benchmark.

The Structs mirror the release file one to one, with what msgspec can check declaratively:
the same field names and types, the same enums and dates, times of day as checked strings,
required and optional fields, no unknown fields, counts from 0 to 10**10, two-letter
language codes, non-empty ids. What msgspec cannot express (ids that refer to other
records, "upper only for between", periods that end after they start) is not checked on
this side; the library checks all of it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from nk_casualties import (
    Basis,
    Category,
    DateBasis,
    DatedFrom,
    EventKind,
    Flag,
    PartyKind,
    Population,
    Qualifier,
    SourceKind,
    Subgroup,
)

__all__ = ["Document", "decode"]

#: The largest count a figure may hold, as the library checks it.
MAX_COUNT = 10**10

Count = Annotated[int, msgspec.Meta(ge=0, le=MAX_COUNT)]
Text = Annotated[str, msgspec.Meta(min_length=1)]
Language = Annotated[str, msgspec.Meta(pattern="^[a-z]{2}$")]
#: msgspec reads times only with seconds (RFC 3339); the schema's "HH:MM" stays a checked str.
Clock = Annotated[str, msgspec.Meta(pattern=r"^\d{2}:\d{2}$")]


class _Base(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class Party(_Base, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: Text
    name: Text
    kind: PartyKind
    part_of: str | None = None
    note: str | None = None


class Source(_Base, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: Text
    publisher: Text
    title: str | None = None
    published_on: dt.date | None = None
    published_at: Clock | None = None
    dated_from: DatedFrom | None = None
    url: str | None = None
    language: Language
    kind: SourceKind
    note: str | None = None


class Figure(_Base, frozen=True, kw_only=True, forbid_unknown_fields=True):
    qualifier: Qualifier
    number: Count
    upper: Count | None = None
    wording: Text
    language: Language
    gloss: str | None = None


class Period(_Base, frozen=True, kw_only=True, forbid_unknown_fields=True):
    start: dt.date
    end: dt.date


class Claim(_Base, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: Text
    statement: Text
    claimant: str
    subject: str
    population: Population
    category: Category
    basis: Basis | None = None
    figure: Figure
    stated_on: dt.date | None = None
    date_basis: DateBasis
    period: Period | None = None
    subgroup: Subgroup | None = None
    sources: tuple[str, ...]
    note: str | None = None
    event: Text
    flags: tuple[Flag, ...] = ()


class Event(_Base, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: Text
    name: Text
    kind: EventKind
    start: dt.date
    end: dt.date | None = None
    note: str | None = None


class Document(_Base, frozen=True, kw_only=True, forbid_unknown_fields=True):
    version: Text
    released_on: dt.date
    title: str
    licence: str
    citation: str
    parties: tuple[Party, ...]
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    events: tuple[Event, ...]


def decode(data: bytes) -> Document:
    """Decode the bytes of a release file as users call msgspec: ``decode(data, type=...)``."""
    return msgspec.json.decode(data, type=Document)
