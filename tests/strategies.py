"""One hypothesis strategy per model. Every new field of a model goes here too."""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st

import nk_casualties as nk

counts = st.integers(min_value=0, max_value=10**6)
ids = st.text(alphabet=string.ascii_lowercase + string.digits + "-.", min_size=1, max_size=12)
texts = st.text(min_size=1, max_size=20).filter(lambda s: s.strip() != "")
dates = st.dates(min_value=dt.date(2020, 9, 27), max_value=dt.date(2026, 12, 31))


@st.composite
def ranges(draw: st.DrawFn) -> nk.Range:
    low = draw(counts)
    high = draw(st.none() | st.integers(min_value=low, max_value=low + 10**5))
    return nk.Range(low=low, high=high)


languages = st.sampled_from(["en", "ru", "az", "hy", "tr", "ar", "sr-Latn"])


@st.composite
def events(draw: st.DrawFn, id: str | None = None) -> nk.Event:  # noqa: A002
    start = draw(dates)
    end = draw(st.none() | st.dates(min_value=start, max_value=dt.date(2026, 12, 31)))
    return nk.Event(
        id=id if id is not None else draw(ids),
        name=draw(texts),
        kind=draw(st.sampled_from(nk.EventKind)),
        start=start,
        end=end,
        note=draw(st.none() | texts),
    )


@st.composite
def figures(draw: st.DrawFn, schema: int = 1) -> nk.Figure:
    q = draw(st.sampled_from(nk.Qualifier))
    n = draw(counts.filter(lambda n: n > 0) if q is nk.Qualifier.FEWER_THAN else counts)
    upper = (
        draw(st.integers(min_value=n, max_value=n + 10**5)) if q is nk.Qualifier.BETWEEN else None
    )
    language = draw(languages) if schema == 2 else None
    gloss = draw(st.none() | texts) if schema == 2 else None
    return nk.Figure(
        qualifier=q, number=n, upper=upper, wording=draw(texts), language=language, gloss=gloss
    )


@st.composite
def periods(draw: st.DrawFn) -> nk.Period:
    start = draw(dates)
    end = draw(st.dates(min_value=start, max_value=dt.date(2026, 12, 31)))
    return nk.Period(start=start, end=end)


@st.composite
def party_trees(draw: st.DrawFn) -> tuple[nk.Party, ...]:
    """Parties with unique ids, parents before children."""
    n = draw(st.integers(min_value=1, max_value=6))
    pids = draw(st.lists(ids, min_size=n, max_size=n, unique=True))
    parties: list[nk.Party] = []
    for pid in pids:
        parent = draw(st.none() | st.sampled_from(parties)) if parties else None
        parties.append(
            nk.Party(
                id=pid,
                name=draw(texts),
                kind=draw(st.sampled_from(nk.PartyKind)),
                part_of=parent,
                note=draw(st.none() | texts),
            )
        )
    return tuple(parties)


@st.composite
def sources(draw: st.DrawFn, id: str | None = None, schema: int = 1) -> nk.Source:  # noqa: A002
    published_on = draw(st.none() | dates)
    dated = schema == 2 and published_on is not None
    return nk.Source(
        id=id if id is not None else draw(ids),
        publisher=draw(texts),
        title=draw(st.none() | texts),
        published_on=published_on,
        dated_from=draw(st.none() | st.sampled_from(nk.DatedFrom)) if dated else None,
        published_at=draw(st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0))),
        url=draw(st.none() | st.just("https://example.org/") | texts),
        language=draw(st.sampled_from(["en", "ru", "az", "hy", "tr"])),
        kind=draw(st.sampled_from(nk.SourceKind)),
        note=draw(st.none() | texts),
    )


@st.composite
def claims(
    draw: st.DrawFn,
    parties: tuple[nk.Party, ...] | None = None,
    srcs: tuple[nk.Source, ...] | None = None,
    id: str | None = None,  # noqa: A002
    evs: tuple[nk.Event, ...] = (),
) -> nk.Claim:
    if parties is None:
        parties = draw(party_trees())
    if srcs is None:
        srcs = (draw(sources()),)
    stated_on = draw(st.none() | dates)
    basis = (
        nk.DateBasis.UNKNOWN
        if stated_on is None
        else draw(st.sampled_from([nk.DateBasis.STATED, nk.DateBasis.INFERRED]))
    )
    return nk.Claim(
        id=id if id is not None else draw(ids),
        statement=draw(ids),
        claimant=draw(st.sampled_from(parties)),
        subject=draw(st.sampled_from(parties)),
        population=draw(st.sampled_from(nk.Population)),
        category=draw(st.sampled_from(nk.Category)),
        basis=draw(st.none() | st.sampled_from(nk.Basis)),
        figure=draw(figures(schema=2 if evs else 1)),
        stated_on=stated_on,
        date_basis=basis,
        period=draw(st.none() | periods()),
        subgroup=draw(st.none() | (st.sampled_from(nk.Subgroup) if evs else texts)),
        sources=tuple(draw(st.lists(st.sampled_from(srcs), min_size=1, max_size=3, unique=True))),
        note=draw(st.none() | texts),
        event=draw(st.sampled_from(evs)) if evs else None,
        flags=tuple(draw(st.sets(st.sampled_from(nk.Flag), max_size=2))) if evs else (),
    )


@st.composite
def datasets(draw: st.DrawFn, max_claims: int = 8, schema: int | None = None) -> nk.Dataset:
    """A valid dataset of schema 1 or 2 (its version's MAJOR), with unique ids."""
    schema = draw(st.sampled_from([1, 2])) if schema is None else schema
    parties = draw(party_trees())
    evs: tuple[nk.Event, ...] = ()
    if schema == 2:
        event_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
        evs = tuple(draw(events(id=i)) for i in event_ids)
    src_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    srcs = tuple(draw(sources(id=i, schema=schema)) for i in src_ids)
    claim_ids = draw(st.lists(ids, max_size=max_claims, unique=True))
    return nk.Dataset(
        version=f"{schema}.{draw(st.integers(0, 3))}.0",
        events=evs,
        released_on=draw(dates),
        title=draw(texts),
        licence="CC-BY-4.0",
        citation=draw(texts),
        parties=parties,
        sources=srcs,
        claims=tuple(draw(claims(parties, srcs, id=i, evs=evs)) for i in claim_ids),
    )
