"""Checks shared by the models and the dataset: field validators and argument checks.

Each raises the library's :class:`ArgumentError` (or :class:`ArgumentTypeError`) naming the
field or argument, never a bare ``TypeError``.

Annotations here are evaluated (no ``from __future__ import annotations``): attrs copies a
converter's parameter type into the ``__init__`` it generates, and documentation tools read
it from there without the models' namespaces.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from .exceptions import ArgumentError, ArgumentTypeError

if TYPE_CHECKING:
    import attrs

_T = TypeVar("_T")

#: The largest count a figure may state: more people than have ever lived is a data error.
MAX_COUNT = 10**10

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def error(field: str, expected: str, got: object) -> ArgumentError:
    return ArgumentError(f"{field!r} must be {expected}, got {got!r}", field=field)


def typed(*types: type, optional: bool = False) -> Validator:
    """A validator: the value is an instance of *types* (or None when *optional*).

    ``bool`` is never accepted for ``int`` and ``datetime`` never for ``date``.
    """
    names = " or ".join(t.__name__ for t in types) + (" or None" if optional else "")
    exact = frozenset(types) | ({type(None)} if optional else set())

    def check(_inst: object, attr: "attrs.Attribute[Any]", value: object) -> None:
        if type(value) in exact:  # the common case, in one look-up
            return
        if (
            not isinstance(value, types)
            or (isinstance(value, bool) and bool not in types)
            or (isinstance(value, dt.datetime) and dt.datetime not in types)
        ):
            raise ArgumentTypeError(
                f"{attr.name!r} must be a {names}, got {type(value).__name__}: {value!r}",
                field=attr.name,
            )

    return check


is_str = typed(str)
is_int = typed(int)
optional_str = typed(str, optional=True)
optional_date = typed(dt.date, optional=True)


def text(_inst: object, attr: "attrs.Attribute[Any]", value: object) -> None:
    """A non-empty string."""
    if type(value) is not str:
        is_str(_inst, attr, value)  # refuses a non-string, naming the field
    if not value.strip():  # type: ignore[attr-defined]
        raise error(attr.name, "a non-empty string", value)


def optional_text(_inst: object, attr: "attrs.Attribute[Any]", value: object) -> None:
    """None, or a non-empty string."""
    if value is not None:
        text(_inst, attr, value)


def ident(_inst: object, attr: "attrs.Attribute[Any]", value: object) -> None:
    """An id: a non-empty string without surrounding spaces or line breaks."""
    if type(value) is not str:
        is_str(_inst, attr, value)  # refuses a non-string, naming the field
    if not value or value != value.strip() or "\n" in value:  # type: ignore[operator, attr-defined]
        raise error(attr.name, "an id without surrounding spaces", value)


def count(_inst: object, attr: "attrs.Attribute[Any]", value: object) -> None:
    """A count of people: an int from 0 to :data:`MAX_COUNT`."""
    if type(value) is not int:
        is_int(_inst, attr, value)  # refuses a non-integer, naming the field
    if not 0 <= value <= MAX_COUNT:  # type: ignore[operator]
        raise error(attr.name, f"a count from 0 to {MAX_COUNT:,}", value)


def tuple_of(cls: type) -> Validator:
    """A validator: a tuple whose every item is a *cls*."""

    def check(_inst: object, attr: "attrs.Attribute[Any]", value: tuple[object, ...]) -> None:
        if not isinstance(value, tuple):
            raise ArgumentTypeError(
                f"{attr.name!r} must be a tuple or list, got {type(value).__name__}: {value!r}",
                field=attr.name,
            )
        for i, item in enumerate(value):
            if not isinstance(item, cls):
                raise ArgumentTypeError(
                    f"{attr.name}[{i}] must be a {cls.__name__}, "
                    f"got {type(item).__name__}: {item!r}",
                    field=attr.name,
                )

    return check


def as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """A converter: a list or other collection as a tuple.

    Strings, mappings and non-iterables are kept as they are, for :func:`tuple_of` to refuse
    with the field's name.
    """
    if isinstance(value, (tuple, str, bytes, dict)) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]
    return tuple(value)


def language_code(_inst: object, attr: "attrs.Attribute[str]", value: object) -> None:
    """An ISO 639-1 code: two lowercase letters."""
    is_str(_inst, attr, value)
    if not (len(value) == 2 and value.isascii() and value.isalpha() and value.islower()):  # type: ignore[arg-type, attr-defined]
        raise error("language", "an ISO 639-1 code such as 'en'", value)


_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def language_tag(_inst: object, attr: "attrs.Attribute[Any]", value: object) -> None:
    """None, or a BCP 47 language tag such as ``hy`` or ``sr-Latn``."""
    optional_str(_inst, attr, value)
    if isinstance(value, str) and not _TAG.fullmatch(value):
        raise error(attr.name, "a BCP 47 language tag such as 'hy' or 'sr-Latn'", value)


def date_arg(name: str, value: object) -> dt.date:
    """*value* if it is a date (not a datetime), else an ArgumentTypeError naming *name*."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ArgumentTypeError(
            f"{name!r} must be a datetime.date, got {type(value).__name__}: {value!r}",
            field=name,
        )
    return value


def str_arg(name: str, value: object) -> str:
    """*value* if it is a string, else an ArgumentTypeError naming *name*."""
    if not isinstance(value, str):
        raise ArgumentTypeError(
            f"{name!r} must be a str, got {type(value).__name__}: {value!r}", field=name
        )
    return value


def ref_arg(name: str, value: object, index: Mapping[str, _T], kind: str) -> _T:
    """A party or event argument: the object or its id, resolved in *index*."""
    ref = getattr(value, "id", value)
    if not isinstance(ref, str):
        raise ArgumentTypeError(
            f"{name!r} must be a {kind.capitalize()} or a {kind} id, "
            f"got {type(value).__name__}: {value!r}",
            field=name,
        )
    found = index.get(ref)
    if found is None:
        hint = suggest(ref, index)
        raise ArgumentError(
            f"{name!r}: no {kind} with id {ref!r}"
            + (f"; did you mean {', '.join(map(repr, hint))}?" if hint else ""),
            field=name,
        )
    return found


def duplicate_ids(kind: str, ids: Iterable[tuple[int, str]]) -> list[str]:
    """A problem for each ``(index, id)`` whose id an earlier one already has."""
    seen: set[str] = set()
    problems = []
    for i, id_ in ids:
        if id_ in seen:
            problems.append(f"duplicate id {id_!r} @ $.{kind}[{i}].id")
        seen.add(id_)
    return problems


def suggest(wanted: str, ids: Iterable[str]) -> list[str]:
    """Up to three of *ids* close to *wanted*, best first (for an error message)."""
    import difflib  # only for an error message

    return difflib.get_close_matches(wanted, list(ids), n=3, cutoff=0.6)
