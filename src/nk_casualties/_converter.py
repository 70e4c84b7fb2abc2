"""The one private cattrs converter, and the JSON shape of a release.

A release file holds references as ids (``"claimant": "az-mod"``); the in-memory model holds
the objects themselves (``claim.claimant.name``). Two paths lead from JSON to a
:class:`Dataset`, and they accept exactly the same documents (tests/test_fastpath.py,
tests/test_stream.py):

- the *fast path*: prebuilt hooks that check each JSON value's type inline and build the
  public model directly, stopping at the first problem. It starts from parsed JSON
  (:func:`_structure_fast`) or, for a large file, from its text (:func:`_parse_fast`: the
  file read a block at a time, the document parsed one record at a time);
- the *validating path* (:func:`_structure_detailed`): the cattrs converter with detailed
  validation structures the file into private *record* classes that mirror the JSON exactly
  (every problem collected with its JSON path), then the records are linked into the model.

:func:`parse_file` tries the fast path on a large file's text; anything else, and any
file it does not accept, :func:`json.loads` parses whole, and :func:`structure` tries the
fast path on the parsed JSON, then runs the validating path to report.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import enum
import functools
import gc
import json
import os
import re
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, Union

import attrs

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
    Qualifier,
    Source,
    SourceKind,
)
from .exceptions import DataError, NKCasualtiesError

if TYPE_CHECKING:
    import cattrs

    from ._records import ClaimRecord, DocumentRecord

# cattrs is imported where the validating path or unstructuring needs it, not here: a valid
# release loads on the fast path, which needs none of it (and importing cattrs costs more
# than parsing a release).


class _PartyFields(Protocol):
    """What linking reads of a stored party: a :class:`PartyRecord` or a fast-path row."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> PartyKind: ...
    @property
    def part_of(self) -> str | None: ...
    @property
    def note(self) -> str | None: ...


class _PartyRow(NamedTuple):
    """A stored party as the fast path reads it (a tuple: no attrs class to build)."""

    id: str
    name: str
    kind: PartyKind
    part_of: str | None
    note: str | None


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
    if type(value) is not str:
        raise _expected("a date as 'YYYY-MM-DD'", value)
    return _date(value)


@functools.lru_cache(maxsize=4096)
def _date(value: str) -> dt.date:
    """The date a string names.

    Cached: a large file names few distinct days, and equal dates then share one
    (immutable) object, which saves time and memory.
    """
    if not _DATE.fullmatch(value):
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
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(exc, (_InvalidValueError, NKCasualtiesError)):
        return str(exc)
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, AttributeError):  # cattrs asked .items() / .get() of a non-object
        return "expected an object"
    return f"invalid value ({exc})"  # pragma: no cover - every hook raises its own errors


def _is_optional(t: Any) -> bool:
    args = getattr(t, "__args__", ())
    return (
        (getattr(t, "__origin__", None) is Union or isinstance(t, types.UnionType))
        and len(args) == 2
        and type(None) in args
    )


def _optional_factory(t: Any, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    """``X | None``: the hook of ``X`` found once, not dispatched again for every value."""
    (inner_type,) = (a for a in t.__args__ if a is not type(None))
    inner = converter.get_structure_hook(inner_type)

    def structure_optional(value: object, _: type) -> Any:
        return None if value is None else inner(value, inner_type)

    return structure_optional


def _configure(c: cattrs.Converter) -> cattrs.Converter:
    """Register the strict hooks every converter of the library uses."""
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
    c.register_structure_hook_factory(_is_optional, _optional_factory)
    return c


@functools.cache
def converter() -> cattrs.Converter:
    """The library's converter: strict hooks, detailed validation, no unknown keys.

    It is the *validating path*: it reports every problem with its JSON path. Valid data
    takes the fast path (:func:`_structure_fast`) instead.
    """
    import cattrs

    return _configure(
        cattrs.Converter(detailed_validation=True, forbid_extra_keys=True, omit_if_default=True)
    )


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


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a document is decoded and structured.

    Parsing a large file allocates millions of container objects, none of them garbage
    (the parsed JSON is freed by reference counting; the dataset forms no cycles), and the
    collector would walk them again and again while they are made. So it is paused, after
    a collection of the two young generations (so that nothing of the caller's is left in
    them), and when it resumes, the objects made meanwhile go straight to the oldest
    generation (``gc.freeze(); gc.unfreeze()``, two list splices) instead of being walked
    once more by the next young collection, which would find them all alive. That last
    step is skipped if the caller has frozen objects of its own: unfreezing is theirs.
    """
    if not gc.isenabled():
        yield
        return
    gc.collect(1)
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def structure(raw: object, *, origin: str | None = None) -> Dataset:
    """Turn parsed JSON into a :class:`Dataset`, or raise one :class:`DataError` listing all.

    Valid data takes the fast path (:func:`_structure_fast`); anything it does not accept
    goes through the validating path (:func:`_structure_detailed`), which raises the error
    that names every problem. Both accept exactly the same documents.
    """
    with _gc_paused():
        try:
            return _structure_fast(raw)
        except Exception:  # noqa: BLE001 - the validating path says what was wrong
            return _structure_detailed(raw, origin=origin)


def _structure_detailed(raw: object, *, origin: str | None = None) -> Dataset:
    """The validating path: structure and link, collecting every problem into a DataError."""
    problems = _check_object(raw, "$")
    if problems:
        raise DataError(problems, origin=origin)
    from cattrs.errors import ClassValidationError, IterableValidationError
    from cattrs.v import transform_error

    try:
        from ._records import DocumentRecord

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


def _link_parties(records: Sequence[_PartyFields], problems: list[str]) -> dict[str, Party]:
    by_id: dict[str, tuple[int, _PartyFields]] = {}
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
            if r.part_of in trail or r.part_of == pid:
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


# -- the fast path ---------------------------------------------------------------------
#
# Prebuilt structure hooks for the documents that validate, which is nearly all of them.
# cattrs would generate equivalent hooks at run time (a millisecond or two per process),
# with a function call per field; these check each JSON value's type inline and build the
# public model directly: no records, no linking pass, no bookkeeping for error messages.
# They apply exactly the checks of the validating path (the same hooks for dates, times
# and enums, the same attrs constructors and validators) and raise at the first problem,
# after which structure() runs the validating path to report. tests/test_fastpath.py
# checks on mutated documents that both paths accept and reject the same ones.


class _RejectedError(Exception):
    """The fast path found a problem; the validating path will describe it."""


def _keys(cls: type) -> frozenset[str]:
    """The keys a JSON object for *cls* may have: its attrs fields.

    Which of them are required, the hooks below say by indexing (``o["id"]``: a
    ``KeyError`` if missing) rather than ``o.get()``.
    """
    return frozenset(f.name for f in attrs.fields(cls) if f.init)


def _members(cls: type[enum.Enum]) -> dict[object, Any]:
    return {m.value: m for m in cls}


# The records have the same fields as the models (tests/test_fastpath.py checks it), so
# the keys come from the models: the record classes are not built on the fast path.
_PARTY_KEYS = _keys(Party)
_SOURCE_KEYS = _keys(Source)
_FIGURE_KEYS = _keys(Figure)
_PERIOD_KEYS = _keys(Period)
_CLAIM_KEYS = _keys(Claim)
_DOCUMENT_KEYS = _keys(Dataset)  # all of them required
_PARTY_KINDS = _members(PartyKind)
_SOURCE_KINDS = _members(SourceKind)
_QUALIFIERS = _members(Qualifier)
_POPULATIONS = _members(Population)
_CATEGORIES = _members(Category)
_BASES = _members(Basis)
_DATE_BASES = _members(DateBasis)


def _str(value: object) -> str:
    if type(value) is not str:
        raise _RejectedError
    return value


def _optional_str(value: object) -> str | None:
    if value is not None and type(value) is not str:
        raise _RejectedError
    return value


def _array(value: object) -> list[Any]:
    if type(value) is not list:
        raise _RejectedError
    return value


def _fast_parties(items: Iterable[Any]) -> tuple[_PartyRow, ...]:
    out = []
    for o in items:
        if type(o) is not dict or not o.keys() <= _PARTY_KEYS:
            raise _RejectedError
        out.append(
            _PartyRow(
                id=_str(o["id"]),
                name=_str(o["name"]),
                kind=_PARTY_KINDS[o["kind"]],
                part_of=_optional_str(o.get("part_of")),
                note=_optional_str(o.get("note")),
            )
        )
    return tuple(out)


def _fast_sources(items: Iterable[Any]) -> tuple[Source, ...]:
    keys, kinds, date = _SOURCE_KEYS, _SOURCE_KINDS, _date
    out = []
    for o in items:
        if type(o) is not dict or not o.keys() <= keys:
            raise _RejectedError
        sid, publisher, language = o["id"], o["publisher"], o["language"]
        title, url, note = o.get("title"), o.get("url"), o.get("note")
        on, at = o.get("published_on"), o.get("published_at")
        if (
            type(sid) is not str
            or type(publisher) is not str
            or type(language) is not str
            or (title is not None and type(title) is not str)
            or (url is not None and type(url) is not str)
            or (note is not None and type(note) is not str)
            or (on is not None and type(on) is not str)
        ):
            raise _RejectedError
        out.append(
            Source(
                id=sid,
                publisher=publisher,
                title=title,
                published_on=None if on is None else date(on),
                published_at=None if at is None else _structure_time(at, dt.time),
                url=url,
                language=language,
                kind=kinds[o["kind"]],
                note=note,
            )
        )
    return tuple(out)


def _fast_claims(
    items: Iterable[Any],
    parties: Mapping[str, Party],
    sources: Mapping[str, Source],
    version: str,
    index: dict[str, Claim],
) -> tuple[Claim, ...]:
    """Every claim of the document, tagged with *version* and entered in *index* by id.

    The hottest loop of loading, so it is all inline; *items* may be a list or the
    stream of a claims array being parsed (:func:`_parse_fast`). Each claim is indexed and
    tagged while it is still in the CPU caches, not in later passes over all of them.
    """
    claim_keys, figure_keys, period_keys = _CLAIM_KEYS, _FIGURE_KEYS, _PERIOD_KEYS
    qualifiers, populations, categories = _QUALIFIERS, _POPULATIONS, _CATEGORIES
    bases, date_bases, date, source = _BASES, _DATE_BASES, _date, sources.__getitem__
    set_ = object.__setattr__
    out = []
    for o in items:
        if type(o) is not dict or not o.keys() <= claim_keys:
            raise _RejectedError
        f = o["figure"]
        if type(f) is not dict or not f.keys() <= figure_keys:
            raise _RejectedError
        number, upper, wording = f["number"], f.get("upper"), f["wording"]
        cid, statement, claimant, subject = o["id"], o["statement"], o["claimant"], o["subject"]
        basis, period, refs = o.get("basis"), o.get("period"), o["sources"]
        stated_on, subgroup, note = o.get("stated_on"), o.get("subgroup"), o.get("note")
        if (
            type(number) is not int
            or (upper is not None and type(upper) is not int)
            or type(wording) is not str
            or type(cid) is not str
            or type(statement) is not str
            or type(claimant) is not str
            or type(subject) is not str
            or type(refs) is not list
            or (stated_on is not None and type(stated_on) is not str)
            or (subgroup is not None and type(subgroup) is not str)
            or (note is not None and type(note) is not str)
        ):
            raise _RejectedError
        if period is not None:
            if type(period) is not dict or not period.keys() <= period_keys:
                raise _RejectedError
            period = Period(
                start=_structure_date(period["start"], dt.date),
                end=_structure_date(period["end"], dt.date),
            )
        claim = Claim(
            id=cid,
            statement=statement,
            claimant=parties[claimant],
            subject=parties[subject],
            population=populations[o["population"]],
            category=categories[o["category"]],
            basis=None if basis is None else bases[basis],
            figure=Figure(
                qualifier=qualifiers[f["qualifier"]],
                number=number,
                upper=upper,
                wording=wording,
            ),
            stated_on=None if stated_on is None else date(stated_on),
            date_basis=date_bases[o["date_basis"]],
            period=period,
            subgroup=subgroup,
            sources=tuple(map(source, refs)),  # KeyError: unknown; TypeError: not a str
            note=note,
        )
        set_(claim, "_dataset", version)
        index[cid] = claim
        out.append(claim)
    if len(index) != len(out):
        raise _RejectedError  # a duplicate id
    return tuple(out)


def _structure_fast(raw: object) -> Dataset:
    """The fast path: structure and link a valid document; raise at the first problem.

    Never show its exceptions to users: they carry no path and may be of any type
    (``KeyError`` for an unknown id or enum value, ``TypeError``, an attrs validator's
    error, :class:`_RejectedError`).
    """
    if type(raw) is not dict or raw.keys() != _DOCUMENT_KEYS:
        raise _RejectedError
    head = _Head()
    head.read_parties(_array(raw["parties"]))
    head.read_sources(_array(raw["sources"]))
    version = _str(raw["version"])
    return head.dataset(raw, _fast_claims(_array(raw["claims"]), *head.context(version)))


class _Head:
    """The parts of a document the claims refer to, checked as the fast path meets them."""

    records: tuple[_PartyRow, ...] | None = None
    linked: dict[str, Party]
    by_id: dict[str, Source] | None = None
    source_list: tuple[Source, ...]
    claims_by_id: dict[str, Claim]

    def read_parties(self, items: Iterable[Any]) -> None:
        self.records = _fast_parties(items)
        problems: list[str] = []
        self.linked = _link_parties(self.records, problems)
        if problems:
            raise _RejectedError

    def read_sources(self, items: Iterable[Any]) -> None:
        self.source_list = _fast_sources(items)
        self.by_id = {s.id: s for s in self.source_list}
        if len(self.by_id) != len(self.source_list):
            raise _RejectedError  # a duplicate id

    def context(
        self, version: str
    ) -> tuple[dict[str, Party], dict[str, Source], str, dict[str, Claim]]:
        """The arguments of :func:`_fast_claims`, once parties and sources are read."""
        if self.records is None or self.by_id is None:  # pragma: no cover - all keys are read
            raise _RejectedError
        self.claims_by_id = {}
        return self.linked, self.by_id, version, self.claims_by_id

    def dataset(self, top: Mapping[str, Any], claims: tuple[Claim, ...]) -> Dataset:
        """The dataset, once *claims* have been built in :meth:`context`'s index."""
        if self.records is None or self.by_id is None:
            raise _RejectedError  # pragma: no cover - context() came first
        return Dataset._prechecked(
            version=_str(top["version"]),
            released_on=_structure_date(top["released_on"], dt.date),
            title=_str(top["title"]),
            licence=_str(top["licence"]),
            citation=_str(top["citation"]),
            parties=tuple([self.linked[r.id] for r in self.records]),
            sources=self.source_list,
            claims=claims,
            sources_by_id=self.by_id,
            claims_by_id=self.claims_by_id,
        )


# -- the fast path, straight from the text ----------------------------------------------
#
# json.loads() builds the whole document before any of it is structured: for a large file,
# a dict per claim, all alive at once, several times the memory of the dataset itself, and
# all of it fresh pages the kernel must hand out. _parse_fast() parses the top level of the
# document itself, with the json module's own scanner (the C function json.loads runs for
# every value), and its arrays one record at a time, each structured and dropped before
# the next is parsed, so that one claim's dict reuses the memory of the last. The file is
# read and decoded a block at a time (_Text), so neither its bytes nor its text are ever
# all in memory either. (For a file of one block, json.loads is quicker: parse_file()
# leaves those to parse().)
#
# It accepts only text that json.loads parses to the same value, consumed to the end:
# every value comes from the same scanner, a value is taken only when the character after
# it is in hand (a number cut off at the end of a block could go on), and anything else
# (bad UTF-8 or JSON, a repeated top-level key, an invalid record) raises. The caller then
# runs json.loads() and structure(), which accept and reject exactly as before
# (tests/test_stream.py checks the two on reformatted, mutated and damaged texts).

# Undocumented parts of CPython's json module (json/decoder.py, json/scanner.py), the
# ones json.loads runs; typed Any and looked up in _parse_fast(), so that a json module
# without them makes the fast path fail (and the caller use json.loads), not this import.
_JSON_DECODER: Any = json.decoder
_JSON_SCANNER: Any = json.JSONDecoder()  # configured as the one json.loads(text) uses

#: How many bytes of a file _Text reads at a time, at least; smaller files are read whole.
_BLOCK = 1 << 20
#: _stream_array reads on when less than this is left: then few claims are cut off (each
#: would be parsed again, after a failed scan whose error message counts lines).
_MARGIN = 1 << 16


class _Text:
    """The text of a file, read and decoded a block at a time.

    :attr:`buf` holds the text from somewhere before the parser's position on; positions
    are indexes into it, and :meth:`refill` (which drops what the parser has passed)
    returns the new one.
    """

    __slots__ = ("_decode", "_read", "buf", "eof")

    def __init__(self, read: Callable[[int], bytes]) -> None:
        self.buf = ""
        self.eof = False
        self._read = read
        self._decode = codecs.getincrementaldecoder("utf-8")().decode

    def refill(self, idx: int) -> int:
        """Drop the text before *idx*, read at least as much again as is left; ``0``.

        Raises :class:`_RejectedError` at the end of the text: the parser wanted more.
        Reading as much again as is kept makes re-parsing a long value, each time more of
        it has arrived, cost linear time in all.
        """
        if self.eof:
            raise _RejectedError
        keep = self.buf[idx:]
        data = self._read(max(_BLOCK, len(keep)))
        self.eof = not data
        self.buf = keep + self._decode(data, self.eof)  # UnicodeDecodeError: not UTF-8
        return 0

    def next_char(self, idx: int) -> int:
        """The position of the first character at or after *idx* that is not whitespace."""
        skip = _JSON_DECODER.WHITESPACE.match
        idx = skip(self.buf, idx).end()
        while idx == len(self.buf):
            idx = self.refill(idx)
            idx = skip(self.buf, idx).end()
        return idx

    def at_end(self, idx: int) -> bool:
        """Whether only whitespace follows *idx*, to the end of the text."""
        skip = _JSON_DECODER.WHITESPACE.match
        while True:
            idx = skip(self.buf, idx).end()
            if idx < len(self.buf):
                return False
            if self.eof:
                return True
            idx = self.refill(idx)

    def value(self, idx: int) -> tuple[Any, int]:
        """The JSON value at *idx*, and the position of the next non-whitespace character."""
        scan, skip = _JSON_SCANNER.scan_once, _JSON_DECODER.WHITESPACE.match
        while True:
            buf = self.buf
            try:
                value, end = scan(buf, idx)
                end = skip(buf, end).end()
            except Exception:  # noqa: BLE001 - cut off at the end of buf, or invalid
                end = len(buf)
            if end < len(buf):
                return value, end
            idx = self.refill(idx)  # and parse the value again, with more text after it


def _stream_array(text: _Text, idx: int, end: list[int]) -> Iterator[Any]:
    """Each value of the JSON array at ``text.buf[idx] == "["``; its end goes to *end*.

    :meth:`_Text.value` inline: this loop runs once per claim.
    """
    scan, skip = _JSON_SCANNER.scan_once, _JSON_DECODER.WHITESPACE.match
    idx = text.next_char(idx + 1)
    if text.buf[idx] == "]":
        end.append(idx + 1)
        return
    buf = text.buf
    while True:
        if len(buf) - idx < _MARGIN and not text.eof:  # read on before a claim is cut off
            idx = text.refill(idx)
            buf = text.buf
            idx = skip(buf, idx).end()
        try:
            value, after = scan(buf, idx)
            after = skip(buf, after).end()
        except Exception:  # noqa: BLE001 - cut off at the end of buf, or invalid
            after = len(buf)
        if after == len(buf):  # read on, and parse the value again
            idx = text.refill(idx)
            buf = text.buf
            idx = skip(buf, idx).end()
            continue
        yield value
        if buf[after] == ",":
            idx = skip(buf, after + 1).end()  # at the end of buf, the next scan reads on
        elif buf[after] == "]":
            end.append(after + 1)
            return
        else:
            raise _RejectedError


def _parse_fast(text: _Text) -> Dataset:
    """Parse and structure a valid document in one pass; raise at the first problem."""
    idx = text.next_char(0)
    if text.buf[idx] != "{":
        raise _RejectedError
    idx = text.next_char(idx + 1)
    top: dict[str, Any] = {}
    head = _Head()
    claims: tuple[Claim, ...] | None = None
    while True:
        if text.buf[idx] != '"':
            raise _RejectedError
        key, idx = text.value(idx)
        if text.buf[idx] != ":" or key in top:  # json.loads would keep the last of a repeat
            raise _RejectedError
        idx = text.next_char(idx + 1)
        end: list[int] = []
        if text.buf[idx] == "[" and key in ("parties", "sources"):
            read = head.read_parties if key == "parties" else head.read_sources
            read(_stream_array(text, idx, end))
        elif (
            key == "claims"
            and text.buf[idx] == "["
            and head.records is not None
            and head.by_id is not None
            and "version" in top
        ):
            context = head.context(_str(top["version"]))
            claims = _fast_claims(_stream_array(text, idx, end), *context)
        if end:  # streamed
            top[key] = None
            idx = text.next_char(end[0])
        else:
            top[key], idx = text.value(idx)
            if key == "parties":
                head.read_parties(_array(top[key]))
            elif key == "sources":
                head.read_sources(_array(top[key]))
        if text.buf[idx] == ",":
            idx = text.next_char(idx + 1)
        elif text.buf[idx] == "}":
            break
        else:
            raise _RejectedError
    if not text.at_end(idx + 1) or top.keys() != _DOCUMENT_KEYS:
        raise _RejectedError
    if claims is None:  # the claims came before what they refer to
        context = head.context(_str(top["version"]))
        claims = _fast_claims(_array(top["claims"]), *context)
    return head.dataset(top, claims)


def unstructure(ds: Dataset) -> dict[str, Any]:
    """The JSON-ready form of a dataset (the release-file schema)."""
    from ._records import ClaimRecord, DocumentRecord, PartyRecord

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
    """Decode, parse and structure the bytes of a release file.

    :func:`json.loads` parses the whole text, and :func:`structure` takes the fast path on
    the parsed value, or the validating path to report. For a text that fits in a block,
    this is quicker than parsing one record at a time, and its memory does not matter.
    """
    text = decode(data, origin=origin)
    with _gc_paused():
        # The parsed JSON is freed when structure() returns, before the collector resumes:
        # it then has only the dataset's objects to look at, not the JSON's too.
        return structure(_loads(text, origin=origin), origin=origin)


def decode(data: bytes, *, origin: str | None = None) -> str:
    """The text of a release file, or a :class:`DataError` if it is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError([f"not valid UTF-8 (byte {exc.start}) @ $"], origin=origin) from None


def parse_file(path: str | os.PathLike[str], *, origin: str) -> Dataset:
    """Read, parse and structure a release file; a large one a block at a time.

    A file larger than a block that the fast path accepts is parsed one record at a time
    (:func:`_parse_fast`). Anything else is read whole and goes to :func:`parse`: a small
    file, one the fast path does not accept (read again, for the validating path to
    report), and one that cannot be read twice (a pipe).
    """
    try:
        with open(path, "rb", buffering=0) as f:
            if f.seekable() and os.fstat(f.fileno()).st_size > _BLOCK:
                with _gc_paused():
                    try:
                        return _parse_fast(_Text(f.read))
                    except Exception:  # noqa: BLE001, S110 - parse() says what was wrong
                        pass
                f.seek(0)
            data = f.readall()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise DataError([f"cannot read the file: {reason} @ $"], origin=origin) from None
    return parse(data, origin=origin)


def _loads(text: str, *, origin: str | None = None) -> object:
    """The JSON value of *text*, or a :class:`DataError` that says why there is none."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            [f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}) @ $"],
            origin=origin,
        ) from None
    except RecursionError:
        raise DataError(["not valid JSON: nested too deeply @ $"], origin=origin) from None
    except ValueError as exc:  # e.g. an integer with more digits than Python allows
        raise DataError([f"not valid JSON: {exc} @ $"], origin=origin) from None
