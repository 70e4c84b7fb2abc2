"""The data reference: pages generated from the shipped releases, and the explorer's data.

Each release has a page per side of the claimants (Azerbaijani officials, Armenian and
Artsakh officials, third parties and others), every claim a card with its own anchor
(``release-2.0.0-az-side.html#A2.missing``), the wordings of one statement together. Cards
stack on a narrow screen, so nothing is cut off. Text from the data is escaped, shown as
written and never read as markup.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from pathlib import Path

import nk_casualties as nk
from nk_casualties._overview import side_of
from nk_casualties._package import jsonld_document

#: The pages of a release: the claimants' side, and its title.
SIDES = {
    "az-side": "Claims by the Azerbaijani side",
    "am-side": "Claims by the Armenian side (Armenia and Artsakh)",
    "others": "Claims by third parties and others",
}


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def page_of(claim: nk.Claim) -> str:
    """The page a claim's card is on: its event's (schema 2), or its claimant's side's."""
    if claim.event is not None:
        return claim.event.id
    side = side_of(claim.claimant).id
    return side if side in SIDES else "others"


def page_title(ds: nk.Dataset, page: str) -> str:
    event = ds.get_event(page)
    return event.name if event is not None else SIDES[page]


def page_name(version: str, page: str) -> str:
    return f"release-{version}-{page}"


def source_html(s: nk.Source) -> str:
    """One source: publisher linked to its page, kind, language, date and how it is known."""
    name = esc(s.publisher + (f": {s.title}" if s.title else ""))
    link = f'<a href="{esc(s.url)}">{name}</a>' if s.url else name
    facts = [s.kind.value, s.language]
    if s.published_on:
        facts.append(
            f"{s.published_on}" + (f" (from the {s.dated_from.value})" if s.dated_from else "")
        )
    note = f'<br><span class="nk-note">{esc(s.note)}</span>' if s.note else ""
    return f'<li>{link} <span class="nk-facts">{esc(" · ".join(facts))}</span>{note}</li>'


def claim_html(c: nk.Claim) -> str:
    """One claim as a card, anchored by its id."""
    f = c.figure
    said = f"“{esc(f.wording)}”" + (
        f' <span class="nk-facts">{esc(f.language)}</span>' if f.language else ""
    )
    gloss = f'<div class="nk-gloss">gloss: {esc(f.gloss)}</div>' if f.gloss else ""
    stated = str(c.stated_on) if c.stated_on else "undated"
    if c.stated_on and c.date_basis is nk.DateBasis.INFERRED:
        stated += " (inferred)"
    if not c.stated_on and c.known_by:
        stated += f", reported {c.known_by}"
    what = [c.category.value, c.population.value, f"of {c.subject.name}"]
    if c.basis:
        what.append(f"basis: {c.basis.value}")
    if c.subgroup:
        what.append(f"only: {getattr(c.subgroup, 'value', c.subgroup)}")
    if c.period:
        what.append(f"period {c.period.start} to {c.period.end}")
    if c.event:
        what.append(f"event: {c.event.name}")
    flags = "".join(f'<span class="nk-flag">⚑ {esc(x.value)}</span> ' for x in c.flags)
    note = f'<p class="nk-note">{esc(c.note)}</p>' if c.note else ""
    sources = "".join(source_html(s) for s in c.sources)
    return (
        f'<div class="nk-claim" id="{esc(c.id)}">'
        f'<div class="nk-head"><a class="nk-id" href="#{esc(c.id)}">{esc(c.id)}</a> '
        f'<span class="nk-facts">{esc(c.claimant.name)} · {esc(stated)}</span></div>'
        f'<div class="nk-figure">{said} <span class="nk-range">{esc(f.qualifier.value)} → '
        f"{esc(str(c.range))}, estimate {c.estimate:,}</span></div>{gloss}"
        f'<div class="nk-what">{esc(" · ".join(what))}</div>{flags}{note}'
        f'<ul class="nk-sources">{sources}</ul></div>'
    )


def side_page(ds: nk.Dataset, page: str, claims: list[nk.Claim]) -> str:
    """One page of a release: its claims, statement by statement, claimant by claimant."""
    by_statement: dict[str, list[nk.Claim]] = defaultdict(list)
    for c in claims:
        by_statement[c.statement].append(c)
    by_claimant: dict[str, list[str]] = defaultdict(list)
    for statement, wordings in by_statement.items():
        by_claimant[wordings[0].claimant.id].append(statement)
    lines = [
        f"({page_name(ds.version, page)})=",
        f"# {esc(page_title(ds, page))}, release {ds.version}",
        "",
        f"{len(claims)} claims of {len(by_statement)} statements. Each claim has its own "
        "address: this page's, followed by `#` and the claim's id. The wordings of one "
        f'statement stand together. Load them with `nk.load("{ds.version}")`.',
        "",
    ]
    for party in ds.parties:
        statements = by_claimant.get(party.id)
        if not statements:
            continue
        lines += [f"## {esc(party.name)}", "", f"`{party.id}`", ""]
        for statement in statements:
            wordings = by_statement[statement]
            cards = "".join(claim_html(c) for c in wordings)
            count = f"{len(wordings)} wordings" if len(wordings) > 1 else "1 wording"
            lines += [
                f'<div class="nk-statement"><div class="nk-statement-id">statement '
                f"<code>{esc(statement)}</code> · {count}</div>{cards}</div>",
                "",
            ]
    return "\n".join(lines)


def release_page(ds: nk.Dataset, pages: dict[str, list[nk.Claim]]) -> str:
    """The index of one release: what it holds, how to cite it, its pages."""
    lines = [
        f"(data-release-{ds.version})=",
        f"# Release {ds.version}",
        "",
        f"*{esc(ds.title)}*, released {ds.released_on}, licence {esc(ds.licence)}: "
        f"{len(ds.claims)} claims, {len(ds.sources)} sources, {len(ds.parties)} parties"
        + (f", {len(ds.events)} events" if ds.events else "")
        + ".",
        "",
        f'Load it with `nk.load("{ds.version}")`. Cite it as:',
        "",
        f"> {esc(ds.cite())}",
        "",
        "| Page | Claims |",
        "| :-- | --: |",
        *(
            f"| [{esc(page_title(ds, page))}]({page_name(ds.version, page)}.md) | {len(claims)} |"
            for page, claims in pages.items()
        ),
        "",
    ]
    if ds.events:
        lines += ["| Event | Days | Claims |", "| :-- | :-- | --: |"]  # the pages, by event
        for e in ds.events:
            n = sum(1 for c in ds.claims if c.event is e)
            lines.append(f"| {esc(e.name)} (`{e.id}`) | {e.start} to {e.end or 'ongoing'} | {n} |")
        lines.append("")
    # The release as schema.org JSON-LD, for search engines and fact-checking tools.
    ld = json.dumps(jsonld_document(ds), ensure_ascii=False).replace("</", "<\\/")
    lines += [
        f'<script type="application/ld+json">{ld}</script>',
        "",
        "```{toctree}",
        ":hidden:",
        "",
        *(page_name(ds.version, page) for page in pages),
        "```",
        "",
    ]
    return "\n".join(lines)


def index_page(datasets: list[nk.Dataset]) -> str:
    """The data reference landing page: one row per shipped release."""
    rows = [
        f"| [{ds.version}](release-{ds.version}.md) | {ds.released_on} | {len(ds.claims)} "
        f"| {len(ds.sources)} | {len({c.statement for c in ds.claims})} |"
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
            "returns. Nothing on them is typed by hand. To find one claim by words, a number or "
            "an id, use the {doc}`explorer </explorer>`.",
            "",
            "| Release | Released | Claims | Sources | Statements |",
            "| :-- | :-- | --: | --: | --: |",
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


def explorer_data(ds: nk.Dataset) -> str:
    """The latest release for the explorer: a script that sets ``NK_DATA`` (no fetch)."""
    claims = [
        {
            "id": c.id,
            "page": f"{page_name(ds.version, page_of(c))}.html#{c.id}",
            "wording": c.figure.wording,
            "gloss": c.figure.gloss or "",
            "range": str(c.range),
            "claimant": c.claimant.id,
            "claimant_name": c.claimant.name,
            "subject": c.subject.id,
            "subject_name": c.subject.name,
            "event": c.event.id if c.event else "",
            "category": c.category.value,
            "population": c.population.value,
            "flags": [x.value for x in c.flags],
            "date": str(c.known_by or ""),
            "statement": c.statement,
            "note": c.note or "",
            "sources": " ".join(s.publisher for s in c.sources),
        }
        for c in ds.claims
    ]
    data = {"release": ds.version, "claims": claims}
    return "window.NK_DATA = " + json.dumps(data, ensure_ascii=False) + ";\n"


def write_if_changed(path: Path, text: str) -> None:
    """Write *text* to *path* unless it already holds exactly that (keeps rebuilds quick)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_all(folder: Path, static: Path) -> list[Path]:
    """Write the index, every release's pages, and the explorer's data script."""
    datasets = [nk.load(v) for v in nk.versions()]
    written = []
    for ds in datasets:
        order = [e.id for e in ds.events] or list(SIDES)
        pages: dict[str, list[nk.Claim]] = {page: [] for page in order}
        for c in ds.claims:
            pages[page_of(c)].append(c)
        pages = {page: claims for page, claims in pages.items() if claims}
        for page, claims in pages.items():
            path = folder / f"{page_name(ds.version, page)}.md"
            write_if_changed(path, side_page(ds, page, claims))
            written.append(path)
        path = folder / f"release-{ds.version}.md"
        write_if_changed(path, release_page(ds, pages))
        written.append(path)
    index = folder / "index.md"
    write_if_changed(index, index_page(datasets))
    written.append(index)
    data = static / "explorer-data.js"
    write_if_changed(data, explorer_data(datasets[-1]))
    written.append(data)
    return written
