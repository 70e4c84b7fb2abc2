"""What the command line prints: plain text that fits a terminal, and JSON for scripts.

Each command has a function that returns ``(text, data)``: the text for people, and a
JSON-ready value of a documented, stable shape for ``--json``. A claim in JSON is its row
of the export column table (:func:`nk_casualties.to_records`), with ISO dates and lists.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Any

from ._claim import Claim
from ._dataset import Dataset
from ._diff import Diff
from ._export import COLUMNS
from ._models import Party, Source
from ._overview import Overview, OverviewRow
from ._queries import discrepancy
from ._range import Range
from ._vocab import Qualifier

__all__: list[str] = []

Rendered = tuple[str, Any]
_DASH = "\N{EN DASH}"

_MARK = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: ">",
    Qualifier.AT_LEAST: "≥",
    Qualifier.ABOUT: "~",
    Qualifier.ALMOST: "≤",
    Qualifier.UP_TO: "≤",
    Qualifier.FEWER_THAN: "<",
}


def figure(c: Claim) -> str:
    """The figure as the library reads it, short: 2,906 · >100 · ~3,000 · 440-450."""
    f = c.figure
    if f.qualifier is Qualifier.BETWEEN:
        return f"{f.number:,}{_DASH}{f.upper:,}"
    return f"{_MARK[f.qualifier]}{f.number:,}"


def span(r: Range | None) -> str:
    if r is None:
        return ""
    if r.high is None:
        return f"≥{r.low:,}"
    return f"{r.low:,}" if r.low == r.high else f"{r.low:,}{_DASH}{r.high:,}"


def short_id(pid: str, width: int) -> str:
    """A party id that fits *width*: its first and last words kept (the country and who)."""
    if len(pid) <= width:
        return pid
    parts = pid.split("-")
    short = f"{parts[0]}-…-{parts[-1]}"
    return short if len(short) <= width else short[: width - 1] + "…"


def record(c: Claim) -> dict[str, Any]:
    """A claim as JSON: its export row, dates as ISO text, tuples as lists."""
    row: dict[str, Any] = {}
    for col in COLUMNS:
        value = col.get(c)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        row[col.name] = value
    row["known_by"] = None if c.known_by is None else c.known_by.isoformat()
    return row


def source_record(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "publisher": s.publisher,
        "kind": s.kind.value,
        "language": s.language,
        "published_on": None if s.published_on is None else s.published_on.isoformat(),
        "dated_from": None if s.dated_from is None else s.dated_from.value,
        "url": s.url,
        "note": s.note,
    }


def _date(c: Claim, full: bool) -> str:
    known = c.known_by
    if known is None:
        return "undated"
    return known.isoformat() if full else known.isoformat()[:7]


def overview(o: Overview, ds: Dataset, width: int) -> Rendered:
    full = width >= 90
    who = 18 + max(0, min(width - 80, 20))
    lines = [f"{ds.title} · data release {ds.version}"]
    if o.event is not None:
        end = "ongoing" if o.event.end is None else o.event.end.isoformat()
        dates = f" ({o.event.start} to {end})"
        name = o.event.name
        if len(name) + len(dates) > width:  # shorten the name, never the dates
            name = name[: max(width - len(dates) - 1, 0)] + "…"
        lines.append(f"{name}{dates}"[:width])
    lines.append("Own officials' latest figures; vs: what the other side and third parties claim")
    side_id = None
    for r in o.rows:
        if r.side.id != side_id:
            side_id = r.side.id
            lines.append(f"{r.side.name.upper()} ({r.side.id})"[:width])
        label = f"{r.category.value} ({r.population.value[:3]})"
        vs = f"vs {span(r.spread)}" if r.spread is not None else ""
        own: list[Claim | None] = []
        for claim in r.own:  # the newest three figures that differ
            if len(own) < 3 and figure(claim) not in {figure(o) for o in own if o}:
                own.append(claim)
        for i, c in enumerate(own or [None]):
            head = label if i == 0 else ""
            when = 10 if full else 7
            if c is None:
                cells = f"{'—':<10} {'':<{who}} {'':<{when}}"
            else:
                claimant = short_id(c.claimant.id, who)
                cells = f"{figure(c):<10} {claimant:<{who}} {_date(c, full):<{when}}"
            tail = vs if i == 0 else ""
            lines.append(f" {head:<23} {cells} {tail}".rstrip()[:width])
    lines += [
        "",
        ">, ≥, ~, ≤: more than, at least, about, at most. Cite: nk-casualties cite.",
        "Next: show ID, search TEXT, compare --subject am-side --category killed, --help.",
    ]
    return "\n".join(lines), {
        "release": ds.version,
        "event": None if o.event is None else o.event.id,
        "as_of": None if o.as_of is None else o.as_of.isoformat(),
        "rows": [_row_record(r) for r in o.rows],
    }


def _row_record(r: OverviewRow) -> dict[str, Any]:
    spread = r.spread
    return {
        "side": r.side.id,
        "side_name": r.side.name,
        "event": None if r.event is None else r.event.id,
        "population": r.population.value,
        "category": r.category.value,
        "own": [record(c) for c in r.own],
        "others": [record(c) for c in r.others],
        "third_parties": [record(c) for c in r.third_parties],
        "spread": None if spread is None else [spread.low, spread.high],
    }


def show(ds: Dataset, c: Claim) -> Rendered:
    f = c.figure
    lines = [
        f"claim      {c.id}  (statement {c.statement})",
        f"claimant   {c.claimant.name} [{c.claimant.id}]",
        f"subject    {c.subject.name} [{c.subject.id}], {c.population.value}",
        f"category   {c.category.value}"
        + (f", basis {c.basis.value}" if c.basis else "")
        + (f", sub-group {getattr(c.subgroup, 'value', c.subgroup)}" if c.subgroup else ""),
        f"figure     {f.wording!r}" + (f" ({f.language})" if f.language else "")
        + f": {f.qualifier.value} {f.number}"
        + (f"-{f.upper}" if f.upper is not None else ""),
    ]  # fmt: skip
    if f.gloss:
        lines.append(f"gloss      {f.gloss}")
    lines.append(f"range      {c.range}, estimate {c.estimate}")
    stated = "unknown" if c.stated_on is None else f"{c.stated_on} ({c.date_basis.value})"
    lines.append(f"stated     {stated}; known by {c.known_by or 'no date'}")
    if c.event is not None:
        lines.append(f"event      {c.event.name} [{c.event.id}]")
    if c.period is not None:
        lines.append(f"period     {c.period.start} to {c.period.end}")
    if c.flags:
        lines.append(f"flags      {', '.join(x.value for x in c.flags)} (of this report)")
    if c.note:
        lines.append(f"note       {c.note}")
    others = [w for w in ds.statement(c.statement) if w.id != c.id]
    lines += ["", f"other wordings of the statement: {len(others)}"]
    lines += [f"  {w.id:<22} {w.figure.wording!r} {w.range}" for w in others]
    lines += ["", "sources:"]
    for s in c.sources:
        when = f", {s.published_on}" if s.published_on else ""
        how = f" (date from the {s.dated_from.value})" if s.dated_from else ""
        lines.append(f"  {s.publisher} · {s.kind.value} · {s.language}{when}{how}")
        lines.append(f"    {s.url or '(no URL)'}")
        if s.note:
            lines.append(f"    {s.note}")
    data = {
        "release": ds.version,
        "claim": record(c),
        "other_wordings": [record(w) for w in others],
        "sources": [source_record(s) for s in c.sources],
    }
    return "\n".join(lines), data


_SEPARATORS = re.compile(r"(?<=\d)[\s,.\u00a0\u202f'\u2019](?=\d{3})")


def _digits(text: str) -> str:
    """Text with thousands separators between digits removed: '2 906', '2.906' -> '2906'."""
    return _SEPARATORS.sub("", text)


def _haystack(c: Claim) -> str:
    parts: list[Any] = [c.id, c.statement, c.figure.wording, c.figure.gloss, c.note]
    parts += [c.claimant.id, c.claimant.name, c.subject.id, c.subject.name]
    parts += [s.publisher for s in c.sources] + [s.title for s in c.sources]
    return "\n".join(str(p) for p in parts if p).casefold()


def search(claims: Sequence[Claim], query: str) -> tuple[Claim, ...]:
    """The claims whose words, ids or numbers contain *query* (case-insensitive).

    A number matches however it is written: "2906" finds "2,906", "2 906" and "2.906".
    """
    wanted = query.casefold().strip()
    number = _digits(wanted)
    if number.isdigit():
        return tuple(
            c
            for c in claims
            if int(number) in (c.figure.number, c.figure.upper) or number in _digits(_haystack(c))
        )
    return tuple(c for c in claims if wanted in _haystack(c))


def claim_lines(claims: Iterable[Claim], width: int) -> list[str]:
    """One line per claim: date, figure, claimant, category, id."""
    out = []
    for c in claims:
        date = c.known_by.isoformat() if c.known_by else "undated"
        basis = "" if c.basis is None else f"/{c.basis.value}"
        what = f"{c.category.value}/{c.population.value[:3]}{basis}"
        line = f"{date:<10} {figure(c):>10}  {short_id(c.claimant.id, 20):<20} {c.id:<16} {what}"
        out.append(line[:width])
    return out


def listing(ds: Dataset, claims: Sequence[Claim], header: str, width: int) -> Rendered:
    text = [header, "", *claim_lines(claims, width)] if claims else [header, "no claims match"]
    return "\n".join(text), {"release": ds.version, "claims": [record(c) for c in claims]}


def parties(ds: Dataset, width: int) -> Rendered:
    counts: dict[str, int] = {}
    for c in ds.claims:
        for p in {c.claimant.id, c.subject.id}:
            counts[p] = counts.get(p, 0) + 1
    lines = [f"Parties of release {ds.version} (id, name, claims naming it):"]
    for party in _tree(ds.parties):
        depth = len(party.lineage) - 1
        line = f"{'  ' * depth}{party.id}  {party.name} ({counts.get(party.id, 0)})"
        lines.append(line[:width])
    data: list[dict[str, Any]] = [
        {
            "id": p.id,
            "name": p.name,
            "kind": p.kind.value,
            "part_of": None if p.part_of is None else p.part_of.id,
            "claims": counts.get(p.id, 0),
        }
        for p in ds.parties
    ]
    return "\n".join(lines), data


def _tree(parties: Sequence[Party]) -> list[Party]:
    """The parties depth first, each under its parent."""
    children: dict[str | None, list[Party]] = {}
    for p in parties:
        children.setdefault(None if p.part_of is None else p.part_of.id, []).append(p)
    out: list[Party] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        p = stack.pop()
        out.append(p)
        stack.extend(reversed(children.get(p.id, [])))
    return out


def events(ds: Dataset, width: int) -> Rendered:
    counts = {e.id: sum(1 for c in ds.claims if c.event is e) for e in ds.events}
    lines = [f"Events of release {ds.version} (id, days, claims):"]
    if not ds.events:
        lines.append("none: this release is of schema 1, which records no events")
    for e in ds.events:
        end = "ongoing" if e.end is None else str(e.end)
        lines.append(f"  {e.id:<22} {e.start} to {end:<10} {counts[e.id]:>4}  {e.name}"[:width])
    data: list[dict[str, Any]] = [
        {
            "id": e.id,
            "name": e.name,
            "kind": e.kind.value,
            "start": e.start.isoformat(),
            "end": None if e.end is None else e.end.isoformat(),
            "claims": counts[e.id],
        }
        for e in ds.events
    ]
    return "\n".join(lines), data


def compare(ds: Dataset, latest: Sequence[Claim], width: int) -> Rendered:
    """Each claimant's latest figure for one quantity, and every pair's discrepancy."""
    lines = ["Each claimant's latest figure:", *claim_lines(latest, width), ""]
    pairs = []
    for a, b in itertools.combinations(latest, 2):
        d = discrepancy(a, b)
        verdict = "consistent" if d.consistent else f"differ by at least {d.minimum:,}"
        low = "-∞" if d.low is None else f"{d.low:,}"
        high = "∞" if d.high is None else f"{d.high:,}"
        lines.append(f"  {a.id} minus {b.id}: [{low}, {high}], {verdict}"[:width])
        pairs.append(
            {"a": a.id, "b": b.id, "low": d.low, "high": d.high, "minimum": d.minimum}
            | {"consistent": d.consistent}
        )
    if not pairs:
        lines.append("  (fewer than two claimants: nothing to compare)")
    return "\n".join(lines), {
        "release": ds.version,
        "claims": [record(c) for c in latest],
        "pairs": pairs,
    }


def diff_report(old: Dataset, new: Dataset, d: Diff) -> Rendered:
    lines = [
        f"{old.version} -> {new.version}: {len(d.added)} added, {len(d.removed)} removed, "
        f"{len(d.changed)} changed, {len(d.unchanged)} unchanged"
    ]
    lines += [f"+ {c.id}  {c.figure.wording!r}" for c in d.added]
    lines += [f"- {c.id}  {c.figure.wording!r}" for c in d.removed]
    lines += [f"~ {a.id}  changed: {', '.join(d.fields(a.id))}" for a, _ in d.changed]
    return "\n".join(lines), {
        "old": old.version,
        "new": new.version,
        "added": [c.id for c in d.added],
        "removed": [c.id for c in d.removed],
        "changed": [{"id": a.id, "fields": list(d.fields(a.id))} for a, _ in d.changed],
    }
