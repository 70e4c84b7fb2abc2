"""Flat views of a dataset from one column table: records, CSV, pandas, a data package."""

from __future__ import annotations

import csv
import datetime as dt
import enum
import importlib
import io
import json
import os
import tempfile
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from ._claim import Claim
from ._dataset import Dataset
from ._json import dumps, unstructure
from ._models import Event, Party, Source
from ._vocab import Basis, Category, DateBasis, Population, Qualifier
from .exceptions import ArgumentError, ArgumentTypeError, MissingDependencyError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "to_csv",
    "to_datapackage",
    "to_json",
    "to_pandas",
    "to_records",
]


@attrs.frozen
class Column:
    """One column of the flat claims table.

    Attributes:
        name: The column's name.
        schema_type: Its Frictionless Table Schema type: ``string``, ``integer`` or ``date``.
        description: What it holds.
        get: Its value for a claim (vocabulary values as strings, dates as dates).
        required: True if no claim leaves it empty.
        vocabulary: The enum whose values it takes, if any.
    """

    name: str
    schema_type: str
    description: str
    get: Callable[[Claim], object]
    required: bool = attrs.field(default=False, kw_only=True)
    vocabulary: type[enum.Enum] | None = attrs.field(default=None, kw_only=True)


def _value(member: enum.Enum | None) -> str | None:
    return None if member is None else cast("str", member.value)


def _ids(c: Claim) -> tuple[str, ...]:
    return tuple(s.id for s in c.sources)


def _urls(c: Claim) -> tuple[str, ...]:
    return tuple(s.url for s in c.sources if s.url)


#: The claims table: the one place its columns are defined.
# fmt: off
COLUMNS: Final = (
    Column("claim_id", "string", "Stable id of the claim.", lambda c: c.id, required=True),
    Column("statement_id", "string", "Shared by every wording of one statement.",
           lambda c: c.statement, required=True),
    Column("claimant_id", "string", "Who made the statement.", lambda c: c.claimant.id,
           required=True),
    Column("claimant_name", "string", "The claimant's name.", lambda c: c.claimant.name,
           required=True),
    Column("subject_id", "string", "Whose losses are counted.", lambda c: c.subject.id,
           required=True),
    Column("subject_name", "string", "The subject's name.", lambda c: c.subject.name,
           required=True),
    Column("population", "string", "Military, civilian or unspecified.",
           lambda c: _value(c.population), required=True, vocabulary=Population),
    Column("category", "string", "What is counted.", lambda c: _value(c.category),
           required=True, vocabulary=Category),
    Column("basis", "string", "How it was counted, where the claimant said so.",
           lambda c: _value(c.basis), vocabulary=Basis),
    Column("event_id", "string", "The event counted (schema 2).",
           lambda c: c.event and c.event.id),
    Column("subgroup", "string", "Set when only part of the group is counted.",
           lambda c: getattr(c.subgroup, "value", c.subgroup)),
    Column("qualifier", "string", "The wording's qualifier (exact, more than, ...).",
           lambda c: _value(c.figure.qualifier), required=True, vocabulary=Qualifier),
    Column("number", "integer", "The number as worded.", lambda c: c.figure.number,
           required=True),
    Column("upper", "integer", "The upper number of a 'between' figure.",
           lambda c: c.figure.upper),
    Column("wording", "string", "The figure exactly as the source worded it.",
           lambda c: c.figure.wording, required=True),
    Column("language", "string", "The wording's language, BCP 47 (schema 2).",
           lambda c: c.figure.language),
    Column("gloss", "string", "Our English words for a non-English wording (schema 2).",
           lambda c: c.figure.gloss),
    Column("low", "integer", "The smallest count the figure allows.", lambda c: c.range.low,
           required=True),
    Column("high", "integer", "The largest count it allows; empty = no bound.",
           lambda c: c.range.high),
    Column("estimate", "integer", "The number a reader would quote.", lambda c: c.estimate,
           required=True),
    Column("stated_on", "date", "The statement's date; empty where unknown.",
           lambda c: c.stated_on),
    Column("date_basis", "string", "How the date is known.", lambda c: _value(c.date_basis),
           required=True, vocabulary=DateBasis),
    Column("period_start", "date", "First day covered, if not the whole war.",
           lambda c: c.period and c.period.start),
    Column("period_end", "date", "Last day covered, if not the whole war.",
           lambda c: c.period and c.period.end),
    Column("source_ids", "string", "Space-separated ids of its sources.", _ids, required=True),
    Column("source_urls", "string", "Space-separated URLs of its sources.", _urls),
    Column("flags", "string", "Space-separated flags the research puts on the report.",
           lambda c: tuple(f.value for f in c.flags)),
    Column("note", "string", "Scope caveats, in the editors' words.", lambda c: c.note),
)
# fmt: on


def to_records(ds: Dataset) -> tuple[dict[str, object], ...]:
    """One flat dict per claim, in dataset order, keys in the order of the column table.

    Columns: ``claim_id``, ``statement_id``, ``claimant_id``, ``claimant_name``,
    ``subject_id``, ``subject_name``, ``population``, ``category``, ``basis``,
    ``event_id``, ``subgroup``, ``qualifier``, ``number``, ``upper``, ``wording``,
    ``language``, ``gloss``, ``low``, ``high`` (``None`` = no upper bound), ``estimate``,
    ``stated_on``, ``date_basis``, ``period_start``, ``period_end``, ``source_ids`` (a
    tuple), ``source_urls`` (a tuple of the URLs its sources have), ``flags`` (a tuple)
    and ``note``. Vocabulary values are their strings, dates are :class:`datetime.date`
    or ``None``; what schema 2 added is ``None`` (or empty) for a schema-1 release.

    >>> import nk_casualties as nk
    >>> row = nk.to_records(nk.load("1.0.0"))[1]
    >>> row["claim_id"], row["wording"], row["low"], row["high"]
    ('A2.missing', 'More than 100', 101, None)

    .. versionadded:: 0.2.0
    """
    return tuple({col.name: col.get(c) for col in COLUMNS} for c in _dataset(ds).claims)


def _dataset(ds: object) -> Dataset:
    if not isinstance(ds, Dataset):
        raise ArgumentTypeError(
            f"'ds' must be a Dataset, got {type(ds).__name__}: {ds!r}", field="ds"
        )
    return ds


def _cell(value: object) -> str:
    """A value as CSV text: '' for None, ISO dates, space-separated tuples."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return " ".join(map(str, value))
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _csv(header: Sequence[str], rows: Iterable[Iterable[object]]) -> str:
    buf = io.StringIO()
    # "\r\n" (RFC 4180): a field with a bare CR or LF is then always quoted
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buf.getvalue()


def to_csv(ds: Dataset) -> str:
    """The claims as CSV text (RFC 4180): a header row, then one row per claim.

    The columns of :func:`to_records`. Missing values are empty cells, dates ISO 8601, and
    ``source_ids`` and ``source_urls`` space-separated.

    >>> import nk_casualties as nk
    >>> nk.to_csv(nk.load("1.0.0")).splitlines()[0].split(",")[:3]
    ['claim_id', 'statement_id', 'claimant_id']

    .. versionadded:: 0.2.0
    """
    claims = _dataset(ds).claims
    return _csv([c.name for c in COLUMNS], ([col.get(c) for col in COLUMNS] for c in claims))


def to_json(ds: Dataset) -> str:
    """The dataset in the release-file schema, as :func:`~nk_casualties.load_path` reads it.

    The text of a packaged release is exactly ``to_json(load(version))``.

    .. versionadded:: 0.2.0
    """
    return dumps(_dataset(ds))


def to_pandas(ds: Dataset) -> pd.DataFrame:
    """The claims as a :class:`pandas.DataFrame`, one row per claim.

    The columns of :func:`to_records`. Counts are nullable integers (``Int64``), dates are
    ``datetime64[s]`` (``NaT`` where unknown; any year fits), vocabularies are categoricals,
    text is the ``string`` dtype and ``source_ids``/``source_urls`` hold tuples. Needs
    pandas 2.0 or newer.

    Raises:
        MissingDependencyError: If pandas is not installed (it comes with the
            ``pandas`` extra: ``pip install "nk-casualties[pandas]"``).

    .. versionadded:: 0.2.0
    """
    rows = to_records(ds)
    try:
        pandas: Any = importlib.import_module("pandas")  # Any: the stubs are optional too
    except ImportError:
        raise MissingDependencyError("pandas", extra="pandas", feature="to_pandas()") from None
    columns: dict[str, Any] = {}
    for col in COLUMNS:
        values = [r[col.name] for r in rows]
        if col.schema_type == "integer":
            columns[col.name] = pandas.array(values, dtype="Int64")
        elif col.schema_type == "date":  # in seconds: any year from 1 to 9999 fits
            numpy: Any = importlib.import_module("numpy")  # pandas' own dependency
            columns[col.name] = pandas.Series(numpy.array(values, dtype="datetime64[s]"))
        elif col.vocabulary is not None:
            vocabulary = [m.value for m in col.vocabulary]
            columns[col.name] = pandas.Categorical(values, categories=vocabulary)
        elif col.name in ("source_ids", "source_urls", "flags"):
            columns[col.name] = pandas.Series(values, dtype=object)
        else:
            columns[col.name] = pandas.array(values, dtype="string")
    return cast("pd.DataFrame", pandas.DataFrame(columns, columns=[c.name for c in COLUMNS]))


# -- Frictionless Data Package ----------------------------------------------------------

_LICENCES: Mapping[str, tuple[str, str]] = {
    "CC-BY-4.0": (
        "https://creativecommons.org/licenses/by/4.0/",
        "Creative Commons Attribution 4.0 International",
    ),
}
_TYPES: Mapping[object, str] = {str: "string", int: "integer", dt.date: "date", dt.time: "time"}


def _model_fields(cls: type) -> list[dict[str, object]]:
    """Table Schema fields for a model's stored form, derived from its attrs fields."""
    hints = typing.get_type_hints(cls)
    out: list[dict[str, object]] = []
    for a in attrs.fields(cls):
        hint = hints[a.name]
        optional = isinstance(hint, types.UnionType) and type(None) in hint.__args__
        if optional:
            (hint,) = (t for t in hint.__args__ if t is not type(None))
        field: dict[str, object] = {"name": a.name, "type": _TYPES.get(hint, "string")}
        if hint is dt.time:
            field["format"] = "%H:%M"  # as stored: "13:27"
        constraints: dict[str, object] = {}
        if a.default is attrs.NOTHING:
            constraints["required"] = True
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            constraints["enum"] = [m.value for m in hint]
        if constraints:
            field["constraints"] = constraints
        out.append(field)
    return out


def _claim_fields() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for col in COLUMNS:
        constraints: dict[str, object] = {"required": True} if col.required else {}
        if col.vocabulary is not None:
            constraints["enum"] = [m.value for m in col.vocabulary]
        if col.schema_type == "integer":
            constraints["minimum"] = 0
        field: dict[str, object] = {"name": col.name, "type": col.schema_type}
        field["description"] = col.description
        if constraints:
            field["constraints"] = constraints
        out.append(field)
    return out


def _resource(
    name: str, title: str, fields: list[dict[str, object]], key: str, foreign: Mapping[str, str]
) -> dict[str, object]:
    return {
        "name": name,
        "title": title,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": fields,
            "missingValues": [""],
            "primaryKey": [key],
            "foreignKeys": [
                {"fields": [f], "reference": {"resource": resource, "fields": ["id"]}}
                for f, resource in foreign.items()
            ],
        },
    }


def _descriptor(ds: Dataset) -> dict[str, object]:
    from importlib.metadata import version

    licence: dict[str, str] = {"name": ds.licence}
    if ds.licence in _LICENCES:
        licence["path"], licence["title"] = _LICENCES[ds.licence]
    return {
        "profile": "tabular-data-package",
        "name": "nk-casualties",
        "title": ds.title,
        "version": ds.version,
        "created": f"{ds.released_on.isoformat()}T00:00:00Z",
        "description": f"{ds.citation} Data version {ds.version}, exported by "
        f"nk-casualties {version('nk-casualties')}.",
        "licenses": [licence],
        "sources": [
            {"title": f"{s.publisher}: {s.title}" if s.title else s.publisher}
            | ({"path": s.url} if s.url else {})
            for s in ds.sources
        ],
        "resources": [
            _resource(
                "claims",
                "Claims: one figure, one wording, one statement",
                _claim_fields(),
                "claim_id",
                {"claimant_id": "parties", "subject_id": "parties", "event_id": "events"},
            ),
            _resource(
                "events", "Events: the episodes the claims count", _model_fields(Event), "id", {}
            ),
            _resource(
                "sources", "Sources: the reports the claims cite", _model_fields(Source), "id", {}
            ),
            _resource(
                "parties",
                "Parties: claimants and subjects, as a tree",
                _model_fields(Party),
                "id",
                {"part_of": ""},
            ),
        ],
    }


def _table(cls: type, rows: list[dict[str, Any]]) -> str:
    names = [a.name for a in attrs.fields(cls)]
    return _csv(names, ([row.get(n) for n in names] for row in rows))


def to_datapackage(
    ds: Dataset, directory: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Write the dataset as a Frictionless Tabular Data Package into *directory*.

    Writes ``claims.csv`` (as :func:`to_csv`), ``sources.csv``, ``parties.csv``,
    ``events.csv`` and ``datapackage.json`` with Table Schemas (types, vocabularies, keys),
    the licence, the sources and the data version. The directory is created if needed;
    other files in it are left alone. Each file is written to a temporary file first and
    then renamed, so a failed export never leaves a half-written file.

    Args:
        ds: The dataset.
        directory: Where to write.
        overwrite: Replace those five files if they exist (default: refuse).

    Returns:
        The path of ``datapackage.json``.

    Raises:
        ArgumentError: If a file exists and *overwrite* is false, or *directory* is a file
            or cannot be written (:class:`ArgumentTypeError` if it is not a path).

    .. versionadded:: 0.2.0
    """
    _dataset(ds)
    if not isinstance(directory, (str, os.PathLike)):
        raise ArgumentTypeError(
            f"'directory' must be a path, got {type(directory).__name__}: {directory!r}",
            field="directory",
        )
    stored = unstructure(ds)
    files = {
        "claims.csv": to_csv(ds),
        "sources.csv": _table(Source, stored["sources"]),
        "parties.csv": _table(Party, stored["parties"]),
        "events.csv": _table(Event, stored.get("events", [])),
        "datapackage.json": json.dumps(_descriptor(ds), ensure_ascii=False, indent=2) + "\n",
    }
    target = Path(directory)
    if not overwrite:
        existing = [name for name in files if (target / name).exists()]
        if existing:
            raise ArgumentError(
                f"'directory': {', '.join(existing)} already exist in {str(target)!r}; "
                "pass overwrite=True to replace them",
                field="directory",
            )
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            write_atomically(target / name, text.encode("utf-8"))
    except OSError as exc:
        raise ArgumentError(
            f"'directory': cannot write {str(target)!r}: {exc.strerror or exc}", field="directory"
        ) from None
    return target / "datapackage.json"


def write_atomically(path: Path, data: bytes) -> None:
    """Write *data* to a temporary file beside *path*, then rename it to *path*."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
