"""The release described for other tools: a Frictionless data package, schema.org JSON-LD."""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ._claim import Claim
from ._dataset import Dataset
from ._export import COLUMNS, _dataset, csv_text, to_csv, write_atomically
from ._json import unstructure
from ._models import Event, Party, Source
from .exceptions import ArgumentError, ArgumentTypeError

__all__ = ["to_datapackage", "to_jsonld"]


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
    return csv_text(names, ([row.get(n) for n in names] for row in rows))


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


# -- schema.org JSON-LD --------------------------------------------------------------------


def _author(p: Party) -> dict[str, Any]:
    kind = "Person" if p.kind.value == "person" else "Organization"
    return {"@type": kind, "identifier": p.id, "name": p.name}


def _appearance(s: Source) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "identifier": s.id}
    work["publisher"] = {"@type": "Organization", "name": s.publisher}
    work["inLanguage"] = s.language
    if s.url:
        work["url"] = s.url
    if s.title:
        work["name"] = s.title
    if s.published_on:
        work["datePublished"] = s.published_on.isoformat()
    return work


def _claim_ld(c: Claim) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "@type": "Claim",
        "@id": f"#{c.id}",
        "identifier": c.id,
        "author": _author(c.claimant),
        "text": c.figure.wording,
        "about": {"@type": "Thing", "identifier": c.subject.id, "name": c.subject.name},
        "description": f"{c.category.value}, {c.population.value}: {c.range}",
        "appearance": [_appearance(s) for s in c.sources],
    }
    if c.stated_on is not None:
        claim["dateCreated"] = c.stated_on.isoformat()
    if c.figure.language is not None:
        claim["inLanguage"] = c.figure.language
    return claim


def jsonld_document(ds: Dataset) -> dict[str, Any]:
    """The release as a schema.org ``Dataset`` holding one ``Claim`` per claim."""
    licence = _LICENCES.get(ds.licence, (ds.licence, ds.licence))[0]
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": ds.title,
        "version": ds.version,
        "datePublished": ds.released_on.isoformat(),
        "license": licence,
        "citation": ds.citation,
        "hasPart": [_claim_ld(c) for c in ds.claims],
    }


def to_jsonld(ds: Dataset) -> str:
    """The release as schema.org JSON-LD: a ``Dataset`` holding one ``Claim`` per claim.

    Each claim's author is its claimant, ``dateCreated`` the statement's date, ``text`` the
    wording, and ``appearance`` every source as a ``CreativeWork`` (url, publisher,
    datePublished, inLanguage): what search engines and fact-checking tools read.

    >>> import json, nk_casualties as nk
    >>> doc = json.loads(nk.to_jsonld(nk.load("1.0.0")))
    >>> doc["@type"], doc["version"], doc["hasPart"][1]["@type"], doc["hasPart"][1]["text"]
    ('Dataset', '1.0.0', 'Claim', 'More than 100')

    .. versionadded:: 0.2.0
    """
    return json.dumps(jsonld_document(_dataset(ds)), ensure_ascii=False, indent=1) + "\n"
