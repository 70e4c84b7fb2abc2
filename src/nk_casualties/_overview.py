"""The headline: what each side's own officials say it lost, and what the others claim."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable

import attrs

from ._claim import Claim
from ._models import Event, Party
from ._range import Range
from ._series import preference
from ._vocab import Category, Population

__all__ = ["Overview", "OverviewRow"]


def side_of(party: Party) -> Party:
    """The side a party belongs to: a side of the war, or the root of its own tree."""
    lineage = party.lineage
    return lineage[-2] if len(lineage) >= 2 and lineage[-1].kind.value == "group" else lineage[-1]


def unit_of(party: Party) -> Party:
    """Whose losses a row counts: a party's side, or a group fighting within a side.

    The Syrian fighters on Azerbaijan's side are a row of their own: their losses are not
    Azerbaijan's, and nobody's figures for one are figures for the other.
    """
    lineage, side = party.lineage, side_of(party)
    index = lineage.index(side)
    if index >= 1 and lineage[index - 1].kind.value == "group":
        return lineage[index - 1]
    return side


@attrs.frozen(kw_only=True)
class OverviewRow:
    """One line of the headline: one side's losses of one kind, as each party tells them.

    Attributes:
        side: Whose losses: a side of the war (``az-side``, ``am-side``), a group within one
            (the Syrian fighters), or a third party (Russia's forces).
        event: The event counted, or ``None`` for claims of schema 1.
        population: Military, civilian or unspecified.
        category: What is counted.
        own: The latest figure of each of the side's own authorities (claimants within the
            side), newest first.
        others: The latest figure of each claimant of the other side.
        third_parties: The latest figure of each claimant of neither side.
        spread: The range the figures of the others and third parties span together,
            or ``None`` when there are none.

    .. versionadded:: 0.2.0
    """

    side: Party
    event: Event | None
    population: Population
    category: Category
    own: tuple[Claim, ...]
    others: tuple[Claim, ...]
    third_parties: tuple[Claim, ...]
    spread: Range | None


@attrs.frozen(kw_only=True)
class Overview:
    """The headline of a release: one row per side, population and category.

    Every cell keeps its claim, so each number can be traced and cited. Made by
    :meth:`Dataset.overview <nk_casualties.Dataset.overview>`.

    Attributes:
        version: The data release.
        event: The event the rows are limited to, or ``None`` for every event.
        as_of: The day the figures were known by, or ``None`` for all.
        rows: The rows, side by side (the Azerbaijani side first), then by population and
            category.

    .. versionadded:: 0.2.0
    """

    version: str
    event: Event | None
    as_of: dt.date | None
    rows: tuple[OverviewRow, ...]

    def get(
        self,
        side: Party | str,
        population: Population | str,
        category: Category | str,
        *,
        event: Event | str | None = None,
    ) -> OverviewRow | None:
        """The row of one side (a party or its id), population and category, or ``None``.

        With rows of several events, *event* picks one (default: the first such row).
        """
        wanted = (
            getattr(side, "id", side),
            getattr(population, "value", population),
            getattr(category, "value", category),
        )
        for r in self.rows:
            if (r.side.id, r.population.value, r.category.value) == wanted and (
                event is None or (r.event is not None and r.event.id == getattr(event, "id", event))
            ):
                return r
        return None

    def _repr_html_(self) -> str:
        return overview_html(self)


def _latest(claims: Iterable[Claim]) -> Claim | None:
    """The newest claim; on a tie the best wording."""
    return max(claims, key=lambda c: (c.known_by, _negated(preference(c))), default=None)


def _negated(key: tuple[bool, int, int]) -> tuple[int, ...]:
    return tuple(-int(k) for k in key)


def _latest_per_claimant(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    """The latest claim of each claimant, newest first."""
    by_claimant: dict[str, list[Claim]] = {}
    for c in claims:
        by_claimant.setdefault(c.claimant.id, []).append(c)
    newest = [c for c in (_latest(group) for group in by_claimant.values()) if c is not None]
    newest.sort(key=lambda c: c.claimant.id)
    return tuple(sorted(newest, key=lambda c: c.known_by or dt.date.min, reverse=True))


def _hull(claims: tuple[Claim, ...]) -> Range | None:
    if not claims:
        return None
    highs = [c.range.high for c in claims]
    high = None if None in highs else max(h for h in highs if h is not None)
    return Range(low=min(c.range.low for c in claims), high=high)


def overview(
    claims: Iterable[Claim], *, version: str, event: Event | None, as_of: dt.date | None
) -> Overview:
    """The headline of *claims* (already limited to *event* and *as_of* by the caller).

    Only dated, cumulative figures of whole groups count, and no report the research
    flags (misreported, mistranslated, conjectured, rounded, headline only).
    """
    groups: dict[tuple[str, str | None, Population, Category], list[Claim]] = {}
    units: dict[str, Party] = {}
    events: dict[str | None, Event | None] = {}
    for c in claims:
        if c.known_by is None or not c.cumulative or c.subgroup is not None or c.flagged:
            continue
        unit = unit_of(c.subject)
        units[unit.id] = unit
        event_id = None if c.event is None else c.event.id
        events[event_id] = c.event
        groups.setdefault((unit.id, event_id, c.population, c.category), []).append(c)
    rows = []
    for (unit_id, event_id, population, category), group in groups.items():
        unit = units[unit_id]
        side = side_of(unit)
        own = [c for c in group if side_of(c.claimant).id == side.id]
        rest = [c for c in group if side_of(c.claimant).id != side.id]

        def other_side(c: Claim, side: Party = side) -> bool:
            """A claimant of the other side of the same war (not a third party)."""
            return side.part_of is not None and c.claimant.lineage[-1].id == side.part_of.id

        others = _latest_per_claimant(c for c in rest if other_side(c))
        third = _latest_per_claimant(c for c in rest if not other_side(c))
        rows.append(
            OverviewRow(
                side=unit,
                event=events[event_id],
                population=population,
                category=category,
                own=_latest_per_claimant(own),
                others=others,
                third_parties=third,
                spread=_hull(others + third),
            )
        )
    order = {"az-side": 0, "am-side": 1}
    rows.sort(
        key=lambda r: (
            order.get(side_of(r.side).id, 2),
            side_of(r.side).id,
            r.side.id,
            "" if r.event is None else r.event.id,
            list(Population).index(r.population),
            list(Category).index(r.category),
        )
    )
    return Overview(version=version, event=event, as_of=as_of, rows=tuple(rows))


def _cell(c: Claim) -> str:
    return (
        f"<b>{html.escape(c.figure.wording)}</b> <small>{html.escape(c.claimant.name)}, "
        f"{c.known_by} (<code>{html.escape(c.id)}</code>)</small>"
    )


def overview_html(o: Overview) -> str:
    """The overview as an HTML table (for notebooks)."""
    head = "<tr><th>whose losses</th><th>what</th><th>their own officials</th>"
    head += "<th>the other side and third parties</th></tr>"
    body = []
    for r in o.rows:
        claimed = "<br>".join(_cell(c) for c in r.others + r.third_parties) or "—"
        own = "<br>".join(_cell(c) for c in r.own) or "—"
        what = f"{r.category.value}, {r.population.value}"
        body.append(
            f"<tr><td>{html.escape(r.side.name)}</td><td>{what}</td>"
            f"<td>{own}</td><td>{claimed}</td></tr>"
        )
    return f"<table>{head}{''.join(body)}</table>"
