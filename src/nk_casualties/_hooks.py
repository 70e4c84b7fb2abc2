"""The JSON edge's parts: strict hooks for JSON values, and references between records.

A release file holds references as ids (``"claimant": "az-mod"``); the hooks here resolve
them among the records of the document being structured (one structuring at a time per
thread or task: the records built so far live in a context variable), and report a problem
as an exception that :mod:`nk_casualties._json` turns into a ``message @ $.path`` line.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import enum
import functools
import re
import types
import typing
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from ._checks import duplicate_ids
from ._claim import Claim
from ._models import Event, Party, Source
from ._vocab import Subgroup
from .exceptions import NKCasualtiesError

if TYPE_CHECKING:
    import cattrs

__all__: list[str] = []


class InvalidValueError(ValueError):
    """A JSON value of the wrong type or an unacceptable one; the message is shown as is."""


class DependentError(Exception):
    """A record refers to one that failed: that one is reported, this one is not."""


class LocatedError(Exception):
    """A problem that knows its own path (a cycle, a repeated id)."""


NONE = type(None)
UNIONS = (typing.Union, types.UnionType)

NAMES: dict[type, str] = {bool: "a boolean", int: "an integer", float: "a number"}
NAMES.update({str: "a string", list: "an array", dict: "an object", type(None): "null"})


def noted(exc: Exception, note: str) -> Exception:
    """*exc* with a cattrs note that says where it happened (``exc.__notes__``, PEP 678)."""
    exc.__notes__ = [note]  # type: ignore[attr-defined]  # Python 3.10 knows no __notes__
    return exc


def expected(what: str, value: object) -> InvalidValueError:
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    got = NAMES.get(type(value), type(value).__name__)
    return InvalidValueError(f"expected {what}, got {got} ({shown})")


# -- strict hooks for the JSON types ----------------------------------------------------

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
TIME = re.compile(r"\d{2}:\d{2}")


def structure_int(value: object, _: type) -> int:
    if type(value) is not int:  # rejects bool, float and "1"
        raise expected("an integer", value)
    return value


def structure_str(value: object, _: type) -> str:
    if type(value) is not str:
        raise expected("a string", value)
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidValueError("a lone surrogate (\\ud800-\\udfff) in a string") from None
    return value


def structure_date(value: object, _: type) -> dt.date:
    if type(value) is not str:
        raise expected("a date as 'YYYY-MM-DD'", value)
    return parse_date(value)


@functools.lru_cache(maxsize=4096)  # a file names few distinct days: share the objects
def parse_date(value: str) -> dt.date:
    if not DATE.fullmatch(value):
        raise expected("a date as 'YYYY-MM-DD'", value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidValueError(f"impossible date {value!r}") from None


def structure_time(value: object, _: type) -> dt.time:
    if type(value) is not str or not TIME.fullmatch(value):
        raise expected("a time as 'HH:MM'", value)
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise InvalidValueError(f"impossible time {value!r}") from None


def enum_hook(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    by_value = {m.value: m for m in cls}
    allowed = ", ".join(repr(v) for v in by_value)

    def structure_enum(value: object, _: type) -> enum.Enum:
        try:
            return by_value[value]
        except (KeyError, TypeError):  # TypeError: an unhashable JSON value
            raise expected(f"one of {allowed}", value) from None

    return structure_enum


def json_object(hook: Callable[[Any, type], Any], cls: type) -> Callable[[object, type], Any]:
    """*hook*, for JSON objects of the document's schema only.

    What schema 2 added (fields with ``{"schema": 2}`` metadata) is unknown in schema 1,
    and what it requires is required in schema 2.
    """
    added = {a.name for a in attrs.fields(cls) if a.metadata.get("schema") == 2}
    required = {a.name for a in attrs.fields(cls) if a.metadata.get("required")}

    def structure_object(value: object, _: type) -> Any:
        if type(value) is not dict:
            raise expected("an object", value)
        schema = current.get().schema
        if schema == 1 and not added.isdisjoint(value):
            unknown = ", ".join(sorted(added.intersection(value)))
            raise InvalidValueError(f"unknown field(s) in schema 1: {unknown}")
        if schema == 2 and not required.issubset(value):
            from cattrs.errors import AttributeValidationNote, ClassValidationError

            missing = [
                noted(KeyError(name), AttributeValidationNote(name, name, cls))
                for name in sorted(required.difference(value))
            ]
            raise ClassValidationError("required in schema 2", missing, cls)
        return hook(value, cls)

    return structure_object


def is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def strict_tuple(t: Any, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    from cattrs.cols import homogenous_tuple_structure_factory

    inner = homogenous_tuple_structure_factory(t, converter)

    def structure_tuple(value: object, _: type) -> tuple[Any, ...]:
        if type(value) is not list:
            raise expected("an array", value)
        return inner(value, t)  # type: ignore[no-any-return]

    return structure_tuple


def is_tuple(t: Any) -> bool:
    return getattr(t, "__origin__", None) is tuple


def is_optional(t: Any) -> bool:
    """``X | None``: a union of one type and None."""
    args = getattr(t, "__args__", ())
    return typing.get_origin(t) in UNIONS and len(args) == 2 and NONE in args


def optional_hook(t: Any, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    """``X | None``: None, or the value through X's hook, looked up once, not per value."""
    inner_type = next(a for a in t.__args__ if a is not NONE)
    inner = converter.get_structure_hook(inner_type)

    def structure_optional(value: object, _: type) -> Any:
        return None if value is None else inner(value, inner_type)

    return structure_optional


# -- references: looked up among the records of the document being structured ----------


#: The schemas this library reads: a release's MAJOR version is its schema.
SCHEMAS = (1, 2)


@attrs.define
class Document:
    """What the hooks of one structuring share: its schema, the records built so far."""

    version: str | None
    schema: int | None  # None: the version does not say (and is reported)
    declared: dict[str, set[str]]  # ids of the events, parties and sources, as written
    built: dict[str, dict[str, Any]] = attrs.Factory(lambda: {k: {} for k in Document.REFERENCED})

    #: The records that others refer to by id.
    REFERENCED: ClassVar[tuple[str, ...]] = ("events", "parties", "sources")


current: contextvars.ContextVar[Document] = contextvars.ContextVar("nk_casualties_document")


def lookup(kind: str, index: dict[str, Any], declared: set[str], value: object) -> Any:
    if type(value) is not str:
        raise expected(f"a {kind} id", value)
    found = index.get(value)
    if found is not None:
        return found
    if value in declared:
        raise DependentError  # that record failed, and says why
    raise InvalidValueError(f"unknown {kind} {value!r}")


def party_ref(value: object, _: type) -> Party:
    doc = current.get()
    return lookup("party", doc.built["parties"], doc.declared["parties"], value)  # type: ignore[no-any-return]


def optional_party_ref(value: object, _: type) -> Party | None:
    return None if value is None else party_ref(value, Party)


def optional_event_ref(value: object, _: type) -> Event | None:
    if value is None:
        return None
    doc = current.get()
    return lookup("event", doc.built["events"], doc.declared["events"], value)  # type: ignore[no-any-return]


def subgroup_hook(value: object, _: type) -> Subgroup | str | None:
    """Schema 2: a sub-group of the vocabulary; schema 1: free text."""
    if value is None:
        return None
    if current.get().schema != 2:
        return structure_str(value, str)
    return structure_subgroup(value, Subgroup)  # type: ignore[return-value]


structure_subgroup = enum_hook(Subgroup)


def source_refs(value: object, _: type) -> tuple[Source, ...]:
    if type(value) is not list:
        raise expected("an array of source ids", value)
    doc = current.get()
    index = doc.built["sources"]
    found = tuple(index.get(sid) if type(sid) is str else None for sid in value)
    if None in found:
        from cattrs.errors import IterableValidationError, IterableValidationNote

        errors: list[Exception] = []
        for j, sid in enumerate(value):
            try:
                lookup("source", index, doc.declared["sources"], sid)
            except (InvalidValueError, DependentError) as exc:
                errors.append(noted(exc, IterableValidationNote(f"@ index {j}", j, Source)))
        raise IterableValidationError("invalid source ids", errors, tuple)
    return found  # type: ignore[return-value]


def record_ids(value: object) -> Iterator[tuple[int, str]]:
    """``(index, id)`` of the records of a JSON array that have a string id."""
    if type(value) is list:
        for i, raw in enumerate(value):
            if type(raw) is dict and type(raw.get("id")) is str:
                yield i, raw["id"]


def parents_first(raw: list[Any]) -> tuple[list[int], list[str]]:
    """The indexes of the parties, each after its parent; and the problems of cycles."""
    by_id: dict[str, int] = {}
    for i, pid in record_ids(raw):
        by_id.setdefault(pid, i)
    children: dict[int | None, list[int]] = {}
    for i, item in enumerate(raw):
        parent = item.get("part_of") if type(item) is dict else None
        key = by_id.get(parent) if type(parent) is str else None
        children.setdefault(key, []).append(i)
    order: list[int] = []
    stack = list(reversed(children.get(None, [])))
    while stack:  # iterative: a chain may be thousands deep
        i = stack.pop()
        order.append(i)
        stack.extend(reversed(children.get(i, [])))
    placed = set(order)
    cycles = [
        f"party {raw[i].get('id')!r} never reaches a root through part_of (a cycle) "
        f"@ $.parties[{i}].part_of"
        for i in range(len(raw))
        if i not in placed
    ]
    return order, cycles


Order = Callable[[list[Any]], tuple[list[int], list[str]]]


def records(
    kind: str, cls: type, order: Order, converter: cattrs.Converter
) -> Callable[[object, type], tuple[Any, ...]]:
    """A hook for a tuple of records: each structured alone, in *order*, problems collected.

    Parties and sources are registered by id as they are built, for the records after them
    to refer to. A claim gets the document's version as its ``dataset_version``.
    """

    def structure_records(value: object, _: type) -> tuple[Any, ...]:
        if type(value) is not list:
            raise expected("an array", value)
        from cattrs.errors import IterableValidationError, IterableValidationNote

        doc = current.get()
        hook = converter.get_structure_hook(cls)
        indexes, problems = order(value)
        problems += duplicate_ids(kind, record_ids(value))
        failed: list[tuple[int, Exception]] = []
        for i in indexes:
            raw = value[i]
            try:
                if cls is Claim and type(raw) is dict:
                    if "dataset_version" in raw:
                        raise InvalidValueError("unknown field(s): dataset_version")
                    raw["dataset_version"] = doc.version  # the parsed JSON is ours
                item = hook(raw, cls)
            except Exception as exc:
                if not reportable(exc):
                    raise
                failed.append((i, noted(exc, IterableValidationNote(f"@ index {i}", i, cls))))
                continue
            value[i] = item  # the parsed record is dropped as soon as it is built
            if kind in doc.built:  # a record others refer to
                doc.built[kind].setdefault(item.id, item)
        failed.sort(key=lambda pair: pair[0])
        errors = [exc for _, exc in failed]
        errors.extend(LocatedError(p) for p in problems)
        if errors:
            raise IterableValidationError(f"invalid {kind}", errors, tuple)
        return tuple(value)  # no problem: every record was built, in its place

    return structure_records


def in_order(raw: list[Any]) -> tuple[list[int], list[str]]:
    return list(range(len(raw))), []


def reportable(exc: Exception) -> bool:
    """True for the errors a bad record raises; anything else is a bug and propagates."""
    from cattrs.errors import BaseValidationError, ForbiddenExtraKeysError

    reported = (InvalidValueError, DependentError, NKCasualtiesError)
    return isinstance(exc, (*reported, BaseValidationError, ForbiddenExtraKeysError))
