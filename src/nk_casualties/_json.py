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

import datetime as dt
import functools
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ._claim import Claim
from ._dataset import Dataset
from ._hooks import (
    SCHEMAS,
    DependentError,
    Document,
    InvalidValueError,
    LocatedError,
    current,
    enum_hook,
    expected,
    in_order,
    is_enum,
    is_optional,
    is_tuple,
    json_object,
    optional_event_ref,
    optional_hook,
    optional_party_ref,
    parents_first,
    party_ref,
    record_ids,
    records,
    source_refs,
    strict_tuple,
    structure_date,
    structure_int,
    structure_str,
    structure_time,
    subgroup_hook,
)
from ._models import Event, Figure, Party, Period, Source
from .exceptions import ArgumentError, DataError, NKCasualtiesError

if TYPE_CHECKING:
    import cattrs

__all__ = ["dumps", "structure", "unstructure"]


@functools.cache
def _converter() -> cattrs.Converter:
    """The library's one converter: strict hooks, detailed validation, no unknown keys."""
    import cattrs
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

    c = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True, omit_if_default=True)
    c.register_structure_hook(int, structure_int)
    c.register_structure_hook(str, structure_str)
    c.register_structure_hook(dt.date, structure_date)
    c.register_structure_hook(dt.time, structure_time)
    c.register_structure_hook_factory(is_enum, enum_hook)
    c.register_structure_hook_factory(is_tuple, strict_tuple)
    c.register_structure_hook_factory(is_optional, optional_hook)
    c.register_unstructure_hook(dt.date, dt.date.isoformat)
    c.register_unstructure_hook(dt.time, lambda t: t.isoformat(timespec="minutes"))
    c.register_unstructure_hook_factory(is_enum, lambda _t: lambda m: m.value)

    def party_id(p: Party | None) -> str | None:
        return None if p is None else p.id

    # The hooks cattrs generates from each model, with the reference fields overridden.
    structure_overrides: dict[type, dict[str, Any]] = {
        Event: {},
        Party: {"part_of": override(struct_hook=optional_party_ref)},
        Source: {},
        Figure: {},
        Period: {},
        Claim: {
            "claimant": override(struct_hook=party_ref),
            "subject": override(struct_hook=party_ref),
            "sources": override(struct_hook=source_refs),
            "event": override(struct_hook=optional_event_ref),
            "subgroup": override(struct_hook=subgroup_hook),
        },
        Dataset: {
            "events": override(struct_hook=records("events", Event, in_order, c)),
            "parties": override(struct_hook=records("parties", Party, parents_first, c)),
            "sources": override(struct_hook=records("sources", Source, in_order, c)),
            "claims": override(struct_hook=records("claims", Claim, in_order, c)),
        },
    }
    for cls, overrides in structure_overrides.items():
        c.register_structure_hook(
            cls, json_object(make_dict_structure_fn(cls, c, **overrides), cls)
        )
    unstructure_overrides: dict[type, dict[str, Any]] = {
        Party: {"part_of": override(unstruct_hook=party_id)},
        Claim: {
            "claimant": override(unstruct_hook=party_id),
            "subject": override(unstruct_hook=party_id),
            "sources": override(unstruct_hook=lambda ss: [s.id for s in ss]),
            "event": override(unstruct_hook=lambda e: None if e is None else e.id),
            "subgroup": override(unstruct_hook=lambda g: getattr(g, "value", g)),
            "dataset_version": override(omit=True),
        },
    }
    c.register_unstructure_hook_factory(  # generated when first used: by to_json, not load
        unstructure_overrides.__contains__,
        lambda cls: make_dict_unstructure_fn(
            cls, c, _cattrs_omit_if_default=True, **unstructure_overrides[cls]
        ),
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
    elif isinstance(exc, DependentError):
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
    elif isinstance(exc, LocatedError):
        yield str(exc)
    elif isinstance(exc, DataError):  # the dataset's own integrity check
        yield from exc.problems
    elif isinstance(exc, InvalidValueError):
        yield f"{exc} @ {path}"
    else:  # pragma: no cover - every hook raises one of the errors above
        yield f"invalid value ({exc}) @ {path}"


def structure(raw: object, *, origin: str) -> Dataset:
    """The dataset that parsed JSON describes, or one :class:`DataError` listing all problems.

    *raw* is consumed: it must be the caller's own freshly parsed JSON. Each record is
    replaced in its list by the object built from it (its memory is then freed as the
    dataset grows, and the garbage collector has less to walk).
    """
    if type(raw) is not dict:
        raise DataError([f"{expected('an object', raw)} @ $"], origin=origin)
    from cattrs.errors import BaseValidationError

    version = raw.get("version") if type(raw.get("version")) is str else None
    major = version.split(".", 1)[0] if version else ""
    schema = int(major) if major.isdigit() else None
    if schema is not None and schema not in SCHEMAS:
        readable = " and ".join(map(str, SCHEMAS))
        problem = f"schema {schema} is not one this library reads ({readable}) @ $.version"
        raise DataError([problem], origin=origin)
    doc = Document(
        version=version,
        schema=schema,
        declared={k: {i for _, i in record_ids(raw.get(k))} for k in Document.REFERENCED},
    )
    token = current.set(doc)
    try:
        return _converter().structure(raw, Dataset)
    except BaseValidationError as exc:
        raise DataError(list(_problems(exc, "$")), origin=origin) from None
    except NKCasualtiesError as exc:  # the dataset's own integrity check
        problems = exc.problems if isinstance(exc, DataError) else (f"{exc} @ $",)
        raise DataError(problems, origin=origin) from None
    finally:
        current.reset(token)


def unstructure(ds: Dataset) -> dict[str, Any]:
    """The JSON-ready form of a dataset (the release-file schema)."""
    return _converter().unstructure(ds)  # type: ignore[no-any-return]


def dumps(ds: Dataset) -> str:
    """The canonical text of a release file: UTF-8 JSON, one-space indent, trailing newline."""
    return json.dumps(unstructure(ds), ensure_ascii=False, indent=1) + "\n"
