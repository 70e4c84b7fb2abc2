"""The one converter: a release file's JSON to a :class:`Dataset` and back.

A release file holds references as ids (``"claimant": "az-mod"``, ``"part_of": "az"``,
``"sources": ["rt-com-fb6c081f"]``); the model holds the objects. cattrs generates the
hooks from the attrs classes, with strict hooks for the JSON types (no ``"1"`` for 1, no
``true`` for an int) and detailed validation, so every problem is reported with its path
(``... @ $.claims[3].figure.number``). The reference fields get hooks that look the id up
among the records of the document being structured: parties are structured parents
first, then sources, then claims, record by record, and one :class:`DataError` lists
every problem of every kind — types, values, dangling references, duplicate ids.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import enum
import functools
import json
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ._checks import duplicate_ids
from ._dataset import Dataset
from ._models import Claim, Figure, Party, Period, Source
from .exceptions import ArgumentError, DataError, NKCasualtiesError

if TYPE_CHECKING:
    import cattrs

__all__ = ["dumps", "structure", "unstructure"]


class _InvalidValueError(ValueError):
    """A JSON value of the wrong type or an unacceptable one; the message is shown as is."""


class _DependentError(Exception):
    """A record refers to one that failed: that one is reported, this one is not."""


class _LocatedError(Exception):
    """A problem that knows its own path (a cycle, a repeated id)."""


_NAMES: dict[type, str] = {bool: "a boolean", int: "an integer", float: "a number"}
_NAMES.update({str: "a string", list: "an array", dict: "an object", type(None): "null"})


def _noted(exc: Exception, note: str) -> Exception:
    """*exc* with a cattrs note that says where it happened (``exc.__notes__``, PEP 678)."""
    exc.__notes__ = [note]  # type: ignore[attr-defined]  # Python 3.10 knows no __notes__
    return exc


def _expected(what: str, value: object) -> _InvalidValueError:
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    got = _NAMES.get(type(value), type(value).__name__)
    return _InvalidValueError(f"expected {what}, got {got} ({shown})")


# -- strict hooks for the JSON types ----------------------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}")


def _structure_int(value: object, _: type) -> int:
    if type(value) is not int:  # rejects bool, float and "1"
        raise _expected("an integer", value)
    return value


def _structure_str(value: object, _: type) -> str:
    if type(value) is not str:
        raise _expected("a string", value)
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise _InvalidValueError("a lone surrogate (\\ud800-\\udfff) in a string") from None
    return value


def _structure_date(value: object, _: type) -> dt.date:
    if type(value) is not str:
        raise _expected("a date as 'YYYY-MM-DD'", value)
    return _date(value)


@functools.lru_cache(maxsize=4096)  # a file names few distinct days: share the objects
def _date(value: str) -> dt.date:
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


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    by_value = {m.value: m for m in cls}
    allowed = ", ".join(repr(v) for v in by_value)

    def structure_enum(value: object, _: type) -> enum.Enum:
        try:
            return by_value[value]
        except (KeyError, TypeError):  # TypeError: an unhashable JSON value
            raise _expected(f"one of {allowed}", value) from None

    return structure_enum


def _object(hook: Callable[[Any, type], Any]) -> Callable[[object, type], Any]:
    """*hook*, for JSON objects only: anything else is reported as what it is."""

    def structure_object(value: object, cls: type) -> Any:
        if type(value) is not dict:
            raise _expected("an object", value)
        return hook(value, cls)

    return structure_object


def _is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def _strict_tuple(t: Any, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    from cattrs.cols import homogenous_tuple_structure_factory

    inner = homogenous_tuple_structure_factory(t, converter)

    def structure_tuple(value: object, _: type) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _expected("an array", value)
        return inner(value, t)  # type: ignore[no-any-return]

    return structure_tuple


def _is_tuple(t: Any) -> bool:
    return getattr(t, "__origin__", None) is tuple


# -- references: looked up among the records of the document being structured ----------


@attrs.define
class _Document:
    """What the hooks of one structuring share: the records built so far, by id."""

    version: object
    consume: bool  # the parsed JSON is ours: drop each record once it is structured
    declared_parties: set[str]
    declared_sources: set[str]
    parties: dict[str, Party] = attrs.Factory(dict)
    sources: dict[str, Source] = attrs.Factory(dict)


_document: contextvars.ContextVar[_Document] = contextvars.ContextVar("nk_casualties_document")


def _lookup(kind: str, index: dict[str, Any], declared: set[str], value: object) -> Any:
    if type(value) is not str:
        raise _expected(f"a {kind} id", value)
    found = index.get(value)
    if found is not None:
        return found
    if value in declared:
        raise _DependentError  # that record failed, and says why
    raise _InvalidValueError(f"unknown {kind} {value!r}")


def _party_ref(value: object, _: type) -> Party:
    doc = _document.get()
    return _lookup("party", doc.parties, doc.declared_parties, value)  # type: ignore[no-any-return]


def _optional_party_ref(value: object, _: type) -> Party | None:
    return None if value is None else _party_ref(value, Party)


def _source_refs(value: object, _: type) -> tuple[Source, ...]:
    if type(value) is not list:
        raise _expected("an array of source ids", value)
    doc = _document.get()
    index = doc.sources
    found = tuple(index.get(sid) if type(sid) is str else None for sid in value)
    if None in found:
        from cattrs.errors import IterableValidationError, IterableValidationNote

        errors: list[Exception] = []
        for j, sid in enumerate(value):
            try:
                _lookup("source", index, doc.declared_sources, sid)
            except (_InvalidValueError, _DependentError) as exc:
                errors.append(_noted(exc, IterableValidationNote(f"@ index {j}", j, Source)))
        raise IterableValidationError("invalid source ids", errors, tuple)
    return found  # type: ignore[return-value]


def _ids(value: object) -> Iterator[tuple[int, str]]:
    """``(index, id)`` of the records of a JSON array that have a string id."""
    if type(value) is list:
        for i, raw in enumerate(value):
            if type(raw) is dict and type(raw.get("id")) is str:
                yield i, raw["id"]


def _parents_first(raw: list[Any]) -> tuple[list[int], list[str]]:
    """The indexes of the parties, each after its parent; and the problems of cycles."""
    by_id: dict[str, int] = {}
    for i, pid in _ids(raw):
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


_Order = Callable[[list[Any]], tuple[list[int], list[str]]]


def _records(kind: str, cls: type, order: _Order) -> Callable[[object, type], tuple[Any, ...]]:
    """A hook for a tuple of records: each structured alone, in *order*, problems collected.

    Parties and sources are registered by id as they are built, for the records after them
    to refer to. A claim gets the document's version as its ``dataset_version``.
    """

    def structure_records(value: object, _: type) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _expected("an array", value)
        from cattrs.errors import IterableValidationError, IterableValidationNote

        doc = _document.get()
        hook = _converter().get_structure_hook(cls)
        indexes, problems = order(value)
        problems += duplicate_ids(kind, _ids(value))
        built: dict[int, Any] = {}
        failed: list[tuple[int, Exception]] = []
        for i in indexes:
            raw = value[i]
            try:
                if cls is Claim and type(raw) is dict:
                    if "dataset_version" in raw:
                        raise _InvalidValueError("unknown field(s): dataset_version")
                    raw = {**raw, "dataset_version": doc.version}
                item = hook(raw, cls)
            except Exception as exc:
                if not _reportable(exc):
                    raise
                failed.append((i, _noted(exc, IterableValidationNote(f"@ index {i}", i, cls))))
                continue
            built[i] = item
            if doc.consume:  # less for the collector to walk while the rest is built
                value[i] = None
            index = doc.parties if cls is Party else doc.sources if cls is Source else None
            if index is not None:
                index.setdefault(item.id, item)
        failed.sort(key=lambda pair: pair[0])
        errors = [exc for _, exc in failed]
        errors.extend(_LocatedError(p) for p in problems)
        if errors:
            raise IterableValidationError(f"invalid {kind}", errors, tuple)
        return tuple(built[i] for i in sorted(built))

    return structure_records


def _in_order(raw: list[Any]) -> tuple[list[int], list[str]]:
    return list(range(len(raw))), []


def _reportable(exc: Exception) -> bool:
    """True for the errors a bad record raises; anything else is a bug and propagates."""
    from cattrs.errors import BaseValidationError, ForbiddenExtraKeysError

    reported = (_InvalidValueError, _DependentError, NKCasualtiesError)
    return isinstance(exc, (*reported, BaseValidationError, ForbiddenExtraKeysError))


@functools.cache
def _converter() -> cattrs.Converter:
    """The library's one converter: strict hooks, detailed validation, no unknown keys."""
    import cattrs
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

    c = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True, omit_if_default=True)
    c.register_structure_hook(int, _structure_int)
    c.register_structure_hook(str, _structure_str)
    c.register_structure_hook(dt.date, _structure_date)
    c.register_structure_hook(dt.time, _structure_time)
    c.register_structure_hook_factory(_is_enum, _enum_hook)
    c.register_structure_hook_factory(_is_tuple, _strict_tuple)
    c.register_unstructure_hook(dt.date, dt.date.isoformat)
    c.register_unstructure_hook(dt.time, lambda t: t.isoformat(timespec="minutes"))
    c.register_unstructure_hook_factory(_is_enum, lambda _t: lambda m: m.value)

    def party_id(p: Party | None) -> str | None:
        return None if p is None else p.id

    # The hooks cattrs generates from each model, with the reference fields overridden.
    structure_overrides: dict[type, dict[str, Any]] = {
        Party: {"part_of": override(struct_hook=_optional_party_ref)},
        Source: {},
        Figure: {},
        Period: {},
        Claim: {
            "claimant": override(struct_hook=_party_ref),
            "subject": override(struct_hook=_party_ref),
            "sources": override(struct_hook=_source_refs),
        },
        Dataset: {
            "parties": override(struct_hook=_records("parties", Party, _parents_first)),
            "sources": override(struct_hook=_records("sources", Source, _in_order)),
            "claims": override(struct_hook=_records("claims", Claim, _in_order)),
        },
    }
    for cls, overrides in structure_overrides.items():
        c.register_structure_hook(cls, _object(make_dict_structure_fn(cls, c, **overrides)))
    unstructure_overrides: dict[type, dict[str, Any]] = {
        Party: {"part_of": override(unstruct_hook=party_id)},
        Claim: {
            "claimant": override(unstruct_hook=party_id),
            "subject": override(unstruct_hook=party_id),
            "sources": override(unstruct_hook=lambda ss: [s.id for s in ss]),
            "dataset_version": override(omit=True),
        },
    }
    for cls, overrides in unstructure_overrides.items():
        c.register_unstructure_hook(
            cls, make_dict_unstructure_fn(cls, c, _cattrs_omit_if_default=True, **overrides)
        )
    return c


# -- problems: the validation errors as "message @ $.path" lines -----------------------


def _problems(exc: BaseException, path: str) -> Iterator[str]:
    from cattrs.errors import (
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )

    if isinstance(exc, ClassValidationError):
        fields, others = exc.group_exceptions()
        for inner, field in fields:
            yield from _problems(inner, f"{path}.{field.name}")
        for inner in others:
            yield from _problems(inner, path)
    elif isinstance(exc, IterableValidationError):
        items, others = exc.group_exceptions()
        for inner, item in items:
            yield from _problems(inner, f"{path}[{item.index}]")
        for inner in others:
            yield from _problems(inner, path)
    elif isinstance(exc, _DependentError):
        return
    elif isinstance(exc, ArgumentError):  # a domain rule of a model: it names its field
        name = exc.field
        yield (
            f"{exc} @ {path}.{name}"
            if name and not path.endswith(f".{name}")
            else f"{exc} @ {path}"
        )
    elif isinstance(exc, ForbiddenExtraKeysError):
        yield f"unknown field(s): {', '.join(sorted(exc.extra_fields))} @ {path}"
    elif isinstance(exc, KeyError):
        yield f"required field missing @ {path}"
    elif isinstance(exc, _LocatedError):
        yield str(exc)
    elif isinstance(exc, DataError):  # the dataset's own integrity check
        yield from exc.problems
    elif isinstance(exc, _InvalidValueError):
        yield f"{exc} @ {path}"
    else:  # pragma: no cover - every hook raises one of the errors above
        yield f"invalid value ({exc}) @ {path}"


def structure(raw: object, *, origin: str, consume: bool = False) -> Dataset:
    """The dataset that parsed JSON describes, or one :class:`DataError` listing all problems.

    With *consume*, each record of *raw* is replaced by ``None`` once it is structured
    (for a document nobody else holds: its memory is then freed as the dataset grows, and
    the garbage collector has less to walk).
    """
    if type(raw) is not dict:
        raise DataError([f"{_expected('an object', raw)} @ $"], origin=origin)
    from cattrs.errors import BaseValidationError

    version = raw.get("version")
    document = _Document(
        version=version if type(version) is str else None,
        consume=consume,
        declared_parties={pid for _, pid in _ids(raw.get("parties"))},
        declared_sources={sid for _, sid in _ids(raw.get("sources"))},
    )
    token = _document.set(document)
    try:
        return _converter().structure(raw, Dataset)
    except BaseValidationError as exc:
        raise DataError(list(_problems(exc, "$")), origin=origin) from None
    except NKCasualtiesError as exc:  # the dataset's own integrity check
        problems = exc.problems if isinstance(exc, DataError) else (f"{exc} @ $",)
        raise DataError(problems, origin=origin) from None
    finally:
        _document.reset(token)


def unstructure(ds: Dataset) -> dict[str, Any]:
    """The JSON-ready form of a dataset (the release-file schema)."""
    return _converter().unstructure(ds)  # type: ignore[no-any-return]


def dumps(ds: Dataset) -> str:
    """The canonical text of a release file: UTF-8 JSON, one-space indent, trailing newline."""
    return json.dumps(unstructure(ds), ensure_ascii=False, indent=1) + "\n"
