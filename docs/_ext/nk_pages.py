"""Data reference pages, written at build time from the releases shipped in the package.

Nothing here is copied by hand: every page is rendered from :func:`nk_casualties.load`, so
the reference always matches the data a user gets. Pages are MyST Markdown; every piece of
text that comes from the data is escaped, so a wording such as ``*100*`` or ``[sic]`` is
shown as written and never read as markup.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

import nk_casualties as nk

if TYPE_CHECKING:
    from pathlib import Path

_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def esc(text: object) -> str:
    """*text* as literal Markdown: every ASCII punctuation mark backslash-escaped."""
    return _PUNCT.sub(r"\\\1", " ".join(str(text).split()))


def day(d: object) -> str:
    """``2020-12-03`` -> ``3 Dec 2020``; ``None`` -> an em dash."""
    if d is None:
        return "—"
    return f"{d.day} {d:%b %Y}"  # type: ignore[attr-defined]


def link(text: str, url: str | None) -> str:
    """A Markdown link (or escaped text when there is no address)."""
    if not url:
        return esc(text)
    safe = url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    return f"[{esc(text)}](<{safe}>)"


def source_cell(s: nk.Source) -> str:
    """One source: publisher, title and date, linked to its page."""
    label = s.publisher
    if s.title:
        label += f": {s.title}"
    when = f" {esc(f'({day(s.published_on)})')}" if s.published_on else ""
    how = f" <small>[date from the {s.dated_from.value}]</small>" if s.dated_from else ""
    return link(label, s.url) + when + how


def figure_cell(c: nk.Claim) -> str:
    """Wording, qualifier, range and estimate of a claim's figure."""
    f = c.figure
    said = f"“{esc(f.wording)}”" + (f" <small>({esc(f.language)})</small>" if f.language else "")
    if f.gloss:
        said += f"<br><small>gloss: {esc(f.gloss)}</small>"
    flags = "".join(f"<br>⚑ {esc(flag.value)}" for flag in c.flags)
    return f"{said}<br>{esc(f.qualifier.value)} → `{f.range}`<br>estimate {f.estimate:,}{flags}"


def counts_cell(c: nk.Claim) -> str:
    """What the claim counts: subject, category, population, basis, period, sub-group."""
    parts = [
        f"**{esc(c.category.value)}**, {esc(c.population.value)}",
        f"of {esc(c.subject.name)}",
    ]
    if c.basis is not None:
        parts.append(f"basis: {esc(c.basis.value)}")
    if c.period is not None:
        parts.append(f"period: {day(c.period.start)} \N{EN DASH} {day(c.period.end)}")
    if c.subgroup is not None:
        parts.append(f"only: {esc(getattr(c.subgroup, 'value', c.subgroup))}")
    if c.event is not None:
        parts.append(f"event: {esc(c.event.name)}")
    return "<br>".join(parts)


def claim_row(c: nk.Claim) -> str:
    """One table row of a claim."""
    stated = day(c.stated_on)
    if c.stated_on is None and c.known_by is not None:
        stated = f"unknown; reported {day(c.known_by)}"
    elif c.date_basis is nk.DateBasis.INFERRED:
        stated += " (inferred)"
    ident = f"`{c.id}`<br><small>{esc(c.statement)}</small>"
    sources = "<br>".join(source_cell(s) for s in c.sources)
    note = f"<br><small>{esc(c.note)}</small>" if c.note else ""
    cells = [ident, esc(stated), figure_cell(c), counts_cell(c) + note, sources]
    return "| " + " | ".join(cells) + " |"


HEADER = "| Claim | Stated | Figure | Counts | Sources |\n| :-- | :-- | :-- | :-- | :-- |"


def release_page(ds: nk.Dataset) -> str:
    """The reference page of one release: every claim, grouped by claimant."""
    by_claimant: dict[str, list[nk.Claim]] = defaultdict(list)
    for c in ds.claims:
        by_claimant[c.claimant.id].append(c)
    lines = [
        f"(data-release-{ds.version})=",
        f"# Release {ds.version}",
        "",
        f"*{esc(ds.title)}*, released {day(ds.released_on)}, licence {esc(ds.licence)}: "
        f"{len(ds.claims)} claims from {len(by_claimant)} claimants, "
        f"{len(ds.sources)} sources, {len(ds.parties)} parties.",
        "",
        f'Load it with `nk.load("{ds.version}")`. Cite it as:',
        "",
        f"> {esc(ds.cite())}",
        "",
        "Each claim shows its id and statement id, the statement date, the figure as worded "
        "(with its language and, for other languages, our English gloss) and the range and "
        "estimate the library gives it, what it counts (and, from schema 2, the event), the "
        "research's flags on the report (⚑ misreport, mistranslation, ...), and every report "
        "it was taken from. Claimants are listed in the order of the party tree; within a "
        "claimant, claims are in dataset order.",
        "",
    ]
    for party in ds.parties:
        claims = by_claimant.get(party.id)
        if not claims:
            continue
        chain = " \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} ".join(
            p.name for p in party.lineage[1:]
        )
        lines += [
            f"## {esc(party.name)}",
            "",
            f"`{party.id}` · {esc(party.kind.value)}"
            + (f" · part of {esc(chain)}" if chain else "")
            + f" · {len(claims)} claim{'s' if len(claims) != 1 else ''}",
            "",
            HEADER,
            *(claim_row(c) for c in claims),
            "",
        ]
    return "\n".join(lines)


def index_page(datasets: list[nk.Dataset]) -> str:
    """The data reference landing page: one row per shipped release."""
    rows = [
        f"| [{ds.version}](release-{ds.version}.md) | {day(ds.released_on)} | {len(ds.claims)} "
        f"| {len(ds.sources)} | {len(ds.parties)} | {len({c.statement for c in ds.claims})} |"
        for ds in reversed(datasets)
    ]
    toctree = "\n".join(f"release-{ds.version}" for ds in reversed(datasets))
    return "\n".join(
        [
            "(data-reference)=",
            "# Data reference",
            "",
            "These pages are generated when the documentation is built, from the release files "
            "that ship inside the package, so they always show exactly what `nk.load()` "
            "returns. Nothing on them is typed by hand.",
            "",
            "| Release | Released | Claims | Sources | Parties | Statements |",
            "| :-- | :-- | --: | --: | --: | --: |",
            *rows,
            "",
            "Every release stays in the package for ever, byte for byte; see "
            "{ref}`the versioning promise <versioning-promise>`.",
            "",
            "```{toctree}",
            ":maxdepth: 1",
            "",
            toctree,
            "```",
            "",
        ]
    )


def write_if_changed(path: Path, text: str) -> None:
    """Write *text* to *path* unless it already holds exactly that (keeps rebuilds quick)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_all(folder: Path) -> list[Path]:
    """Write the index and one page per release into *folder*."""
    datasets = [nk.load(v) for v in nk.versions()]
    written = []
    for ds in datasets:
        path = folder / f"release-{ds.version}.md"
        write_if_changed(path, release_page(ds))
        written.append(path)
    index = folder / "index.md"
    write_if_changed(index, index_page(datasets))
    written.append(index)
    return written
