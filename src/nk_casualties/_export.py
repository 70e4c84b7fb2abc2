"""Flat views of a dataset from one column table: records, CSV, pandas, a data package."""

from __future__ import annotations

import csv
import datetime as dt
import enum
import importlib
import io
import itertools
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from ._claim import Claim
from ._dataset import Dataset
from ._json import dumps
from ._vocab import Basis, Category, DateBasis, Population, Qualifier
from .exceptions import ArgumentTypeError, MissingDependencyError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["to_csv", "to_json", "to_pandas", "to_records"]


@attrs.frozen
class Column:
    """One column of the flat claims table.

    Attributes:
        name: The column's name.
        schema_type: Its Frictionless Table Schema type: ``string``, ``integer`` or ``date``.
        description: What it holds.
        get: Its value for a claim (vocabulary values as strings, dates as dates).
        hxl: Its HXL hashtag and attributes (the Humanitarian Exchange Language's core
            hashtags; attributes of our own name what the core ones do not).
        required: True if no claim leaves it empty.
        vocabulary: The enum whose values it takes, if any.
    """

    name: str
    hxl: str
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
    Column("claim_id", "#meta+id", "string", "Stable id of the claim.",
           lambda c: c.id, required=True),
    Column("statement_id", "#meta+statement", "string", "Shared by every wording of one statement.",
           lambda c: c.statement, required=True),
    Column("claimant_id", "#org+code+claimant", "string", "Who made the statement.",
           lambda c: c.claimant.id, required=True),
    Column("claimant_name", "#org+name+claimant", "string", "The claimant's name.",
           lambda c: c.claimant.name, required=True),
    Column("subject_id", "#group+code+subject", "string", "Whose losses are counted.",
           lambda c: c.subject.id, required=True),
    Column("subject_name", "#group+name+subject", "string", "The subject's name.",
           lambda c: c.subject.name, required=True),
    Column("population", "#group+type+population", "string", "Military, civilian or unspecified.",
           lambda c: _value(c.population), required=True, vocabulary=Population),
    Column("category", "#indicator+category", "string", "What is counted.",
           lambda c: _value(c.category), required=True, vocabulary=Category),
    Column("basis", "#indicator+basis", "string", "How it was counted, where the claimant said so.",
           lambda c: _value(c.basis), vocabulary=Basis),
    Column("event_id", "#event+id", "string", "The event counted (schema 2).",
           lambda c: c.event and c.event.id),
    Column("subgroup", "#group+subgroup", "string", "Set when only part of the group is counted.",
           lambda c: getattr(c.subgroup, "value", c.subgroup)),
    Column("qualifier", "#meta+qualifier", "string", "The wording's qualifier.",
           lambda c: _value(c.figure.qualifier), required=True, vocabulary=Qualifier),
    Column("number", "#affected+num+worded", "integer", "The number as worded.",
           lambda c: c.figure.number, required=True),
    Column("upper", "#affected+num+worded+upper", "integer", "The upper number of 'between'.",
           lambda c: c.figure.upper),
    Column("wording", "#description+wording", "string", "The figure exactly as worded.",
           lambda c: c.figure.wording, required=True),
    Column("language", "#meta+lang+wording", "string", "The wording's language, BCP 47 (schema 2).",
           lambda c: c.figure.language),
    Column("gloss", "#description+gloss+en", "string", "Our English gloss (schema 2).",
           lambda c: c.figure.gloss),
    Column("low", "#affected+num+min", "integer", "The smallest count the figure allows.",
           lambda c: c.range.low, required=True),
    Column("high", "#affected+num+max", "integer", "The largest count it allows; empty = no bound.",
           lambda c: c.range.high),
    Column("estimate", "#affected+num+estimate", "integer", "The number a reader would quote.",
           lambda c: c.estimate, required=True),
    Column("stated_on", "#date+reported", "date", "The statement's date; empty where unknown.",
           lambda c: c.stated_on),
    Column("date_basis", "#meta+date_basis", "string", "How the date is known.",
           lambda c: _value(c.date_basis), required=True, vocabulary=DateBasis),
    Column("period_start", "#date+start", "date", "First day covered, if not the whole war.",
           lambda c: c.period and c.period.start),
    Column("period_end", "#date+end", "date", "Last day covered, if not the whole war.",
           lambda c: c.period and c.period.end),
    Column("source_ids", "#meta+source+id", "string", "Space-separated ids of its sources.",
           _ids, required=True),
    Column("source_urls", "#meta+source+url", "string", "Space-separated URLs of its sources.",
           _urls),
    Column("flags", "#meta+flags", "string", "The research's flags on the report.",
           lambda c: tuple(f.value for f in c.flags)),
    Column("note", "#description+notes", "string", "Scope caveats, in the editors' words.",
           lambda c: c.note),
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


def csv_text(header: Sequence[str], rows: Iterable[Iterable[object]]) -> str:
    """CSV text (RFC 4180) of a header row and rows of values."""
    buf = io.StringIO()
    # "\r\n" (RFC 4180): a field with a bare CR or LF is then always quoted
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buf.getvalue()


def to_csv(ds: Dataset, *, hxl: bool = False) -> str:
    """The claims as CSV text (RFC 4180): a header row, then one row per claim.

    The columns of :func:`to_records`. Missing values are empty cells, dates ISO 8601, and
    ``source_ids``, ``source_urls`` and ``flags`` space-separated.

    Args:
        ds: The dataset.
        hxl: Add a second header row of HXL hashtags (the Humanitarian Exchange
            Language: ``#meta+id``, ``#date+reported``, ``#affected+num+min``, ...), which
            HXL tools such as libhxl read.

    >>> import nk_casualties as nk
    >>> nk.to_csv(nk.load("1.0.0")).splitlines()[0].split(",")[:3]
    ['claim_id', 'statement_id', 'claimant_id']

    .. versionadded:: 0.2.0
    """
    claims = _dataset(ds).claims
    rows: Iterable[Sequence[object]] = ([col.get(c) for col in COLUMNS] for c in claims)
    if hxl:  # the hashtag row is the first data row of a CSV file, as HXL has it
        rows = itertools.chain([[col.hxl for col in COLUMNS]], rows)
    return csv_text([c.name for c in COLUMNS], rows)


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
