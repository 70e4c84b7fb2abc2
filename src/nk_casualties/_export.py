"""Flat views of a dataset: records, CSV, pandas and a Frictionless Data Package."""

from __future__ import annotations

import csv
import datetime as dt
import enum
import importlib
import io
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

from ._models import (
    Basis,
    Category,
    Claim,
    Dataset,
    DateBasis,
    PartyKind,
    Population,
    Qualifier,
    SourceKind,
)
from .exceptions import ArgumentError, ArgumentTypeError, MissingDependencyError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "RECORD_FIELDS",
    "datapackage_descriptor",
    "records",
    "to_csv",
    "to_pandas",
    "write_datapackage",
]

#: Columns of :meth:`Dataset.to_records`, in order.
RECORD_FIELDS: Final = (
    "claim_id",
    "statement_id",
    "claimant_id",
    "claimant_name",
    "subject_id",
    "subject_name",
    "population",
    "category",
    "basis",
    "subgroup",
    "qualifier",
    "number",
    "upper",
    "wording",
    "low",
    "high",
    "estimate",
    "stated_on",
    "date_basis",
    "period_start",
    "period_end",
    "source_ids",
    "source_urls",
    "note",
)

_INTEGERS = ("number", "upper", "low", "high", "estimate")
_DATES = ("stated_on", "period_start", "period_end")
_CATEGORICAL: Mapping[str, type[enum.Enum]] = {
    "population": Population,
    "category": Category,
    "basis": Basis,
    "qualifier": Qualifier,
    "date_basis": DateBasis,
}


def _record(c: Claim) -> dict[str, object]:
    r = c.range
    return {
        "claim_id": c.id,
        "statement_id": c.statement,
        "claimant_id": c.claimant.id,
        "claimant_name": c.claimant.name,
        "subject_id": c.subject.id,
        "subject_name": c.subject.name,
        "population": c.population.value,
        "category": c.category.value,
        "basis": None if c.basis is None else c.basis.value,
        "subgroup": c.subgroup,
        "qualifier": c.figure.qualifier.value,
        "number": c.figure.number,
        "upper": c.figure.upper,
        "wording": c.figure.wording,
        "low": r.low,
        "high": r.high,
        "estimate": c.estimate,
        "stated_on": c.stated_on,
        "date_basis": c.date_basis.value,
        "period_start": None if c.period is None else c.period.start,
        "period_end": None if c.period is None else c.period.end,
        "source_ids": tuple(s.id for s in c.sources),
        "source_urls": tuple(s.url for s in c.sources if s.url is not None),
        "note": c.note,
    }


def records(ds: Dataset) -> tuple[dict[str, object], ...]:
    """One flat dict per claim, keys in :data:`RECORD_FIELDS` order (see ``to_records``)."""
    return tuple(_record(c) for c in ds.claims)


def _cell(value: object) -> str:
    """A value as CSV text: '' for None, ISO dates, space-separated tuples."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return " ".join(map(str, value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buf.getvalue()


def to_csv(ds: Dataset) -> str:
    """The claims as CSV text: a header of :data:`RECORD_FIELDS`, then one row per claim.

    Missing values are empty cells, dates are ISO 8601, and ``source_ids`` and
    ``source_urls`` are space-separated lists.
    """
    return _csv(RECORD_FIELDS, ([r[k] for k in RECORD_FIELDS] for r in records(ds)))


def to_pandas(ds: Dataset) -> pd.DataFrame:
    """The claims as a :class:`pandas.DataFrame` (see ``Dataset.to_pandas``)."""
    try:
        pandas: Any = importlib.import_module("pandas")  # Any: the stubs are optional too
    except ImportError:
        raise MissingDependencyError(
            "pandas", extra="pandas", feature="Dataset.to_pandas()"
        ) from None
    rows = records(ds)
    columns: dict[str, Any] = {}
    for name in RECORD_FIELDS:
        values = [r[name] for r in rows]
        if name in _INTEGERS:
            columns[name] = pandas.array(values, dtype="Int64")
        elif name in _DATES:
            columns[name] = pandas.to_datetime(pandas.Series(values, dtype=object))
        elif name in _CATEGORICAL:
            vocabulary = [m.value for m in _CATEGORICAL[name]]
            columns[name] = pandas.Categorical(values, categories=vocabulary)
        elif name in ("source_ids", "source_urls"):
            columns[name] = pandas.Series(values, dtype=object)
        else:
            columns[name] = pandas.array(values, dtype="string")
    return cast("pd.DataFrame", pandas.DataFrame(columns, columns=list(RECORD_FIELDS)))


# -- Frictionless Data Package -----------------------------------------------------------

_LICENCE_PATHS: Mapping[str, tuple[str, str]] = {
    "CC-BY-4.0": (
        "https://creativecommons.org/licenses/by/4.0/",
        "Creative Commons Attribution 4.0 International",
    ),
}

_Field = tuple[str, str, str, bool]  # name, Table Schema type, description, required

_CLAIM_FIELDS: tuple[_Field, ...] = (
    ("claim_id", "string", "Stable id of the claim (one wording of one statement).", True),
    ("statement_id", "string", "Shared by every wording of the same statement.", True),
    ("claimant_id", "string", "Who made the statement (parties.csv id).", True),
    ("claimant_name", "string", "The claimant's name.", True),
    ("subject_id", "string", "Whose losses are counted (parties.csv id).", True),
    ("subject_name", "string", "The subject's name.", True),
    ("population", "string", "Military, civilian or unspecified.", True),
    ("category", "string", "What is counted.", True),
    ("basis", "string", "How it was counted, where the claimant said so.", False),
    ("subgroup", "string", "Set when only part of the group is counted.", False),
    ("qualifier", "string", "The wording's qualifier (exact, more than, ...).", True),
    ("number", "integer", "The number as worded.", True),
    ("upper", "integer", "The upper number of a 'between' figure.", False),
    ("wording", "string", "The figure exactly as the source worded it.", True),
    ("low", "integer", "The smallest count the figure allows.", True),
    ("high", "integer", "The largest count the figure allows; empty = no bound.", False),
    ("estimate", "integer", "The number a reader would quote.", True),
    ("stated_on", "date", "The statement's date; empty where unknown.", False),
    ("date_basis", "string", "How the date is known.", True),
    ("period_start", "date", "First day covered, if not the whole war.", False),
    ("period_end", "date", "Last day covered, if not the whole war.", False),
    ("source_ids", "string", "Space-separated ids of its sources (sources.csv).", True),
    ("source_urls", "string", "Space-separated URLs of its sources.", False),
    ("note", "string", "Scope caveats, in the editors' words.", False),
)

_SOURCE_FIELDS: tuple[_Field, ...] = (
    ("id", "string", "Stable id of the source.", True),
    ("publisher", "string", "The outlet.", True),
    ("title", "string", "The page's title where known.", False),
    ("published_on", "date", "The report's date where known.", False),
    ("published_at", "time", "The report's local time where known.", False),
    ("url", "string", "The page's address where known.", False),
    ("language", "string", "ISO 639-1 code of the page's language.", True),
    ("kind", "string", "What kind of publication it is.", True),
    ("note", "string", "Editorial note.", False),
)

_PARTY_FIELDS: tuple[_Field, ...] = (
    ("id", "string", "Stable id of the party.", True),
    ("name", "string", "English name.", True),
    ("kind", "string", "What kind of actor it is.", True),
    ("part_of", "string", "The party this one belongs to (an id in this table).", False),
    ("note", "string", "Editorial note.", False),
)

_ENUMS: Mapping[str, Mapping[str, type[enum.Enum]]] = {
    "claims": _CATEGORICAL,
    "sources": {"kind": SourceKind},
    "parties": {"kind": PartyKind},
}


def _schema(
    table: str,
    fields: tuple[_Field, ...],
    *,
    key: str,
    foreign: Mapping[str, str],
) -> dict[str, object]:
    out = []
    for name, type_, description, required in fields:
        field: dict[str, object] = {"name": name, "type": type_, "description": description}
        constraints: dict[str, object] = {}
        if required:
            constraints["required"] = True
        if name in _ENUMS[table]:
            constraints["enum"] = [m.value for m in _ENUMS[table][name]]
        if type_ == "integer":
            constraints["minimum"] = 0
        if constraints:
            field["constraints"] = constraints
        out.append(field)
    return {
        "fields": out,
        "missingValues": [""],
        "primaryKey": [key],
        "foreignKeys": [
            {"fields": [name], "reference": {"resource": resource, "fields": ["id"]}}
            for name, resource in foreign.items()
        ],
    }


def _resource(name: str, schema: dict[str, object], title: str) -> dict[str, object]:
    return {
        "name": name,
        "title": title,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def datapackage_descriptor(ds: Dataset) -> dict[str, object]:
    """The ``datapackage.json`` of a dataset (Frictionless Tabular Data Package)."""
    from . import __version__

    licence: dict[str, str] = {"name": ds.licence}
    if ds.licence in _LICENCE_PATHS:
        licence["path"], licence["title"] = _LICENCE_PATHS[ds.licence]
    return {
        "profile": "tabular-data-package",
        "name": "nk-casualties",
        "title": ds.title,
        "version": ds.version,
        "created": f"{ds.released_on.isoformat()}T00:00:00Z",
        "description": (
            f"{ds.citation} Data version {ds.version}, exported by nk-casualties {__version__}."
        ),
        "licenses": [licence],
        "sources": [
            {"title": f"{s.publisher}: {s.title}" if s.title else s.publisher, "path": s.url}
            if s.url
            else {"title": f"{s.publisher}: {s.title}" if s.title else s.publisher}
            for s in ds.sources
        ],
        "resources": [
            _resource(
                "claims",
                _schema(
                    "claims",
                    _CLAIM_FIELDS,
                    key="claim_id",
                    foreign={"claimant_id": "parties", "subject_id": "parties"},
                ),
                "Claims: one figure, one wording, one statement",
            ),
            _resource(
                "sources",
                _schema("sources", _SOURCE_FIELDS, key="id", foreign={}),
                "Sources: the reports the claims cite",
            ),
            _resource(
                "parties",
                _schema("parties", _PARTY_FIELDS, key="id", foreign={"part_of": ""}),
                "Parties: claimants and subjects, as a tree",
            ),
        ],
    }


def _tables(ds: Dataset) -> dict[str, str]:
    return {
        "claims.csv": to_csv(ds),
        "sources.csv": _csv(
            [f[0] for f in _SOURCE_FIELDS],
            (
                (
                    s.id,
                    s.publisher,
                    s.title,
                    s.published_on,
                    s.published_at,
                    s.url,
                    s.language,
                    s.kind.value,
                    s.note,
                )
                for s in ds.sources
            ),
        ),
        "parties.csv": _csv(
            [f[0] for f in _PARTY_FIELDS],
            (
                (p.id, p.name, p.kind.value, None if p.part_of is None else p.part_of.id, p.note)
                for p in ds.parties
            ),
        ),
    }


def write_datapackage(ds: Dataset, directory: str | os.PathLike[str]) -> Path:
    """Write claims.csv, sources.csv, parties.csv and datapackage.json into *directory*.

    The directory is created if needed; other files in it are left alone. Returns the path
    of ``datapackage.json``.

    Raises:
        ArgumentTypeError: If *directory* is not a path.
        ArgumentError: If *directory* is an existing file or cannot be written.
    """
    if not isinstance(directory, (str, os.PathLike)):
        raise ArgumentTypeError(
            f"'directory' must be a path, got {type(directory).__name__}: {directory!r}"
        )
    target = Path(directory)
    files = _tables(ds)
    files["datapackage.json"] = (
        json.dumps(datapackage_descriptor(ds), ensure_ascii=False, indent=2) + "\n"
    )
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (target / name).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise ArgumentError(f"'directory': cannot write {str(target)!r}: {exc.strerror}") from None
    return target / "datapackage.json"
