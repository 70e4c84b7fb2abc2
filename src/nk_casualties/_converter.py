"""The one private cattrs converter, and the JSON shape of a release.

A release file holds references as ids (``"claimant": "az-mod"``); the in-memory model holds
the objects themselves (``claim.claimant.name``). The file is first structured into private
*record* classes that mirror the JSON exactly (types checked strictly, every problem collected
with its JSON path), then the records are linked into the public model.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.v import transform_error

from ._models import (
    Basis,
    Category,
    Claim,
    Dataset,
    DateBasis,
    Figure,
    Party,
    PartyKind,
    Period,
    Population,
    Source,
)
from .exceptions import DataError, NKCasualtiesError


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


class _InvalidValueError(ValueError):
    """A value of the right JSON type but not acceptable; the message is shown as is."""


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}")


def _type_name(value: object) -> str:
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "an object",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _expected(what: str, value: object) -> _InvalidValueError:
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    return _InvalidValueError(f"expected {what}, got {_type_name(value)} ({shown})")


def _structure_int(value: object, _: type) -> int:
    if type(value) is not int:  # rejects bool, float and "1"
        raise _expected("an integer", value)
    return value


def _structure_str(value: object, _: type) -> str:
    if type(value) is not str:
        raise _expected("a string", value)
    return value


def _structure_date(value: object, _: type) -> dt.date:
    if type(value) is not str or not _DATE.fullmatch(value):
        raise _expected("a date as 'YYYY-MM-DD'", value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _InvalidValueError(f"impossible date {value!r}") from None


def _structure_time(value: object, _: type) -> dt.time:
    if type(value) is not str or not _TIME.fullmatch(value):
        raise _expected("a time as 'HH:MM'", value)
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise _InvalidValueError(f"impossible time {value!r}") from None


def _enum_hook_factory(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    by_value = {m.value: m for m in cls}
    allowed = ", ".join(repr(v) for v in by_value)

    def structure_enum(value: object, _: type) -> enum.Enum:
        try:
            return by_value[value]
        except (KeyError, TypeError):  # TypeError: unhashable JSON value
            raise _expected(f"one of {allowed}", value) from None

    return structure_enum


def _is_tuple(t: Any) -> bool:
    return getattr(t, "__origin__", None) is tuple


def _strict_tuple_factory(
    t: Any, converter: cattrs.Converter
) -> Callable[[object, type], tuple[Any, ...]]:
    from cattrs.cols import homogenous_tuple_structure_factory

    inner = homogenous_tuple_structure_factory(t, converter)

    def structure_tuple(value: object, _: type) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _expected("an array", value)
        result: tuple[Any, ...] = inner(value, t)
        return result

    return structure_tuple


def _format(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, (_InvalidValueError, NKCasualtiesError)):
        return str(exc)
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, AttributeError):  # cattrs asked .items() / .get() of a non-object
        return "expected an object"
    return f"invalid value ({exc})"  # pragma: no cover - every hook raises its own errors


@functools.cache
def converter() -> cattrs.Converter:
    """The library's converter: strict hooks, detailed validation, no unknown keys."""
    c = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True, omit_if_default=True)
    c.register_structure_hook(int, _structure_int)
    c.register_structure_hook(str, _structure_str)
    c.register_structure_hook(dt.date, _structure_date)
    c.register_structure_hook(dt.time, _structure_time)
    c.register_unstructure_hook(dt.date, dt.date.isoformat)
    c.register_unstructure_hook(dt.time, lambda t: t.isoformat(timespec="minutes"))
    c.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook_factory
    )
    c.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum),
        lambda _t: lambda member: member.value,
    )
    c.register_structure_hook_factory(_is_tuple, _strict_tuple_factory)
    return c


_FIELD_MESSAGE = re.compile(r"'(\w+)' must ")


def _at(message: str, path: str) -> str:
    """``message @ path``, descending into the field a domain-rule message names."""
    m = _FIELD_MESSAGE.match(message)
    if m and not path.endswith(f".{m.group(1)}"):
        path = f"{path}.{m.group(1)}"
    return f"{message} @ {path}"


def _locate(problems: list[str]) -> list[str]:
    out = []
    for p in problems:
        message, _, path = p.rpartition(" @ ")
        out.append(_at(message, path))
    return out


def _check_object(raw: object, path: str) -> list[str]:
    if not isinstance(raw, dict):
        return [f"expected an object, got {_type_name(raw)} @ {path}"]
    return []


def structure(raw: object, *, origin: str | None = None) -> Dataset:
    """Turn parsed JSON into a :class:`Dataset`, or raise one :class:`DataError` listing all."""
    problems = _check_object(raw, "$")
    if problems:
        raise DataError(problems, origin=origin)
    try:
        doc = converter().structure(raw, DocumentRecord)
    except (ClassValidationError, IterableValidationError) as exc:
        raise DataError(_locate(transform_error(exc, "$", _format)), origin=origin) from None
    return link(doc, origin=origin)


def link(doc: DocumentRecord, *, origin: str | None = None) -> Dataset:
    """Resolve the ids of a structured document into the object model."""
    problems: list[str] = []
    parties = _link_parties(doc.parties, problems)
    declared = {r.id for r in doc.parties}  # a party that failed is reported once, at itself
    sources: dict[str, Source] = {}
    for i, s in enumerate(doc.sources):
        if s.id in sources:
            problems.append(f"duplicate id {s.id!r} @ $.sources[{i}].id")
        sources[s.id] = s
    claims: list[Claim] = []
    seen: set[str] = set()
    for i, rec in enumerate(doc.claims):
        where = f"$.claims[{i}]"
        if rec.id in seen:
            problems.append(f"duplicate id {rec.id!r} @ {where}.id")
        seen.add(rec.id)
        claim = _link_claim(
            rec, where, parties=parties, declared=declared, sources=sources, problems=problems
        )
        if claim is not None:
            claims.append(claim)
    if problems:
        raise DataError(problems, origin=origin)
    by_id = {p.id: p for p in parties.values()}
    ordered = tuple(by_id[r.id] for r in doc.parties)
    try:
        return Dataset(
            version=doc.version,
            released_on=doc.released_on,
            title=doc.title,
            licence=doc.licence,
            citation=doc.citation,
            parties=ordered,
            sources=doc.sources,
            claims=tuple(claims),
        )
    except NKCasualtiesError as exc:
        if isinstance(exc, DataError):
            raise DataError(exc.problems, origin=origin) from None
        raise DataError([_at(str(exc), "$")], origin=origin) from None


def _link_parties(records: tuple[PartyRecord, ...], problems: list[str]) -> dict[str, Party]:
    by_id: dict[str, tuple[int, PartyRecord]] = {}
    for i, r in enumerate(records):
        if r.id in by_id:
            problems.append(f"duplicate id {r.id!r} @ $.parties[{i}].id")
        else:
            by_id[r.id] = (i, r)
    built: dict[str, Party] = {}

    failed: set[str] = set()

    def build(pid: str, trail: tuple[str, ...]) -> Party | None:
        if pid in built or pid in failed:
            return built.get(pid)
        failed.add(pid)  # until built: also stops a cycle from recursing
        i, r = by_id[pid]
        parent: Party | None = None
        if r.part_of is not None:
            if r.part_of not in by_id:
                problems.append(f"unknown party {r.part_of!r} @ $.parties[{i}].part_of")
                return None
            if r.part_of in trail:
                problems.append(f"party {pid!r} is part of itself @ $.parties[{i}].part_of")
                return None
            parent = build(r.part_of, (*trail, pid))
            if parent is None:
                return None
        try:
            party = Party(id=r.id, name=r.name, kind=r.kind, part_of=parent, note=r.note)
        except NKCasualtiesError as exc:
            problems.append(_at(str(exc), f"$.parties[{i}]"))
            return None
        failed.discard(pid)
        built[pid] = party
        return party

    for pid in by_id:
        build(pid, ())
    return built


def _link_claim(
    rec: ClaimRecord,
    where: str,
    *,
    parties: Mapping[str, Party],
    declared: set[str],
    sources: Mapping[str, Source],
    problems: list[str],
) -> Claim | None:
    n = len(problems)
    resolved: dict[str, Party] = {}
    for field in ("claimant", "subject"):
        pid = getattr(rec, field)
        if pid in parties:
            resolved[field] = parties[pid]
        elif pid not in declared:
            problems.append(f"unknown party {pid!r} @ {where}.{field}")
    srcs = []
    for j, sid in enumerate(rec.sources):
        if sid in sources:
            srcs.append(sources[sid])
        else:
            problems.append(f"unknown source {sid!r} @ {where}.sources[{j}]")
    if len(problems) > n or len(resolved) < 2:
        return None
    try:
        return Claim(
            id=rec.id,
            statement=rec.statement,
            claimant=resolved["claimant"],
            subject=resolved["subject"],
            population=rec.population,
            category=rec.category,
            basis=rec.basis,
            figure=rec.figure,
            stated_on=rec.stated_on,
            date_basis=rec.date_basis,
            period=rec.period,
            subgroup=rec.subgroup,
            sources=tuple(srcs),
            note=rec.note,
        )
    except NKCasualtiesError as exc:
        problems.append(_at(str(exc), where))
        return None


def unstructure(ds: Dataset) -> dict[str, Any]:
    """The JSON-ready form of a dataset (the release-file schema)."""
    doc = DocumentRecord(
        version=ds.version,
        released_on=ds.released_on,
        title=ds.title,
        licence=ds.licence,
        citation=ds.citation,
        parties=tuple(
            PartyRecord(
                id=p.id,
                name=p.name,
                kind=p.kind,
                part_of=None if p.part_of is None else p.part_of.id,
                note=p.note,
            )
            for p in ds.parties
        ),
        sources=ds.sources,
        claims=tuple(
            ClaimRecord(
                id=c.id,
                statement=c.statement,
                claimant=c.claimant.id,
                subject=c.subject.id,
                population=c.population,
                category=c.category,
                basis=c.basis,
                figure=c.figure,
                stated_on=c.stated_on,
                date_basis=c.date_basis,
                period=c.period,
                subgroup=c.subgroup,
                sources=tuple(s.id for s in c.sources),
                note=c.note,
            )
            for c in ds.claims
        ),
    )
    result: dict[str, Any] = converter().unstructure(doc)
    return result


def dumps(ds: Dataset) -> str:
    """The canonical text of a release file: UTF-8 JSON, one-space indent, trailing newline."""
    return json.dumps(unstructure(ds), ensure_ascii=False, indent=1) + "\n"


def parse(data: bytes, *, origin: str | None = None) -> Dataset:
    """Decode, parse and structure the bytes of a release file."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError([f"not valid UTF-8 (byte {exc.start}) @ $"], origin=origin) from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            [f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}) @ $"],
            origin=origin,
        ) from None
    except RecursionError:
        raise DataError(["not valid JSON: nested too deeply @ $"], origin=origin) from None
    except ValueError as exc:  # e.g. an integer with more digits than Python allows
        raise DataError([f"not valid JSON: {exc} @ $"], origin=origin) from None
    return structure(raw, origin=origin)
