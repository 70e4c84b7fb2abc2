"""Synthetic dataset releases in the real release schema, of any size, for the benchmarks.

Usage::

    python benchmarks/synthetic.py 100000 > big.json

Every file this writes validates: :func:`release` draws each field from the library's own
vocabularies and keeps every domain rule (ids unique, ``date_basis`` "unknown" exactly when
``stated_on`` is absent, ``upper`` only for "between", periods that end after they start,
sources that exist). The output is deterministic for a given size and seed. Releases are in
schema 2 (version 2.99.0) and claims are shaped like the real ones of release 2.1.0: each
names one of a few events, most have a note and one source, some a gloss, a basis, a period,
a sub-group or a flag.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from typing import Any

from nk_casualties import (
    Basis,
    Category,
    DateBasis,
    DatedFrom,
    Flag,
    PartyKind,
    Population,
    Qualifier,
    SourceKind,
    Subgroup,
)

__all__ = ["dumps", "release"]

_START = dt.date(2020, 9, 27)
_EVENTS: tuple[dict[str, Any], ...] = (
    {"id": "conflict", "name": "The conflict", "kind": "conflict", "start": "1988-02-20"},
    {"id": "war", "name": "A war", "kind": "war", "start": "2020-09-27", "end": "2020-11-10"},
    {
        "id": "clashes",
        "name": "Clashes",
        "kind": "clashes",
        "start": "2022-09-12",
        "end": "2022-09-14",
    },
    {"id": "aftermath", "name": "An aftermath", "kind": "aftermath", "start": "2020-11-10"},
)
_DAYS = 400
_PUBLISHERS = ("RT", "TASS", "Reuters", "Trend", "Armenpress", "APA", "News.am", "BBC", "AP")
_LANGUAGES = ("en", "ru", "az", "hy", "tr", "fr")
_WORDS = (
    "reported",
    "the ministry",
    "according to",
    "figures",
    "updated",
    "count",
    "servicemen",
    "civilians",
    "statement",
    "bodies",
    "identified",
    "forensic",
)


def _day(rng: random.Random) -> dt.date:
    return _START + dt.timedelta(days=rng.randrange(_DAYS))


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def _parties(n: int) -> list[dict[str, Any]]:
    """A tree: two sides under one root, then bodies under the sides and under each other."""
    kinds = [k.value for k in PartyKind]
    out: list[dict[str, Any]] = [{"id": "war", "name": "All parties", "kind": "group"}]
    for i in range(1, n):
        parent = out[(i - 1) // 3]["id"]
        party: dict[str, Any] = {"id": f"p{i}", "name": f"Party {i}", "kind": kinds[i % 8]}
        party["part_of"] = parent
        if i % 4 == 0:
            party["note"] = f"Editorial note on party {i}."
        out.append(party)
    return out


def _source(rng: random.Random, i: int) -> dict[str, Any]:
    src: dict[str, Any] = {
        "id": f"src-{i:07x}",
        "publisher": rng.choice(_PUBLISHERS),
        "language": rng.choice(_LANGUAGES),
        "kind": rng.choice([k.value for k in SourceKind]),
    }
    if rng.random() < 0.9:
        src["published_on"] = _day(rng).isoformat()
        if rng.random() < 0.5:
            src["dated_from"] = rng.choice([d.value for d in DatedFrom])
    if rng.random() < 0.3:
        src["published_at"] = f"{rng.randrange(24):02d}:{rng.randrange(60):02d}"
    if rng.random() < 0.3:
        src["title"] = _text(rng, 6)
    if rng.random() < 0.95:
        src["url"] = f"https://example.org/news/{i}"
    if rng.random() < 0.5:
        src["note"] = _text(rng, 10)
    return src


def _figure(rng: random.Random) -> dict[str, Any]:
    q = rng.choice(list(Qualifier))
    n = rng.randrange(1, 5000)
    fig: dict[str, Any] = {"qualifier": q.value, "number": n}
    if q is Qualifier.BETWEEN:
        fig["upper"] = n + rng.randrange(0, 100)
        fig["wording"] = f"{n:,}-{fig['upper']:,}"
    else:
        fig["wording"] = f"{q.value} {n:,}" if q is not Qualifier.EXACT else f"{n:,}"
    fig["language"] = rng.choice(_LANGUAGES)
    if fig["language"] != "en" and rng.random() < 0.5:
        fig["gloss"] = f"{q.value} {n}"
    return fig


def _claim(rng: random.Random, i: int, party_ids: list[str], n_sources: int) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "id": f"C{i}.{rng.choice(('killed', 'wounded', 'missing'))}",
        "statement": f"st-{i // 2}",
        "claimant": rng.choice(party_ids),
        "subject": rng.choice(party_ids),
        "population": rng.choice([p.value for p in Population]),
        "category": rng.choice([c.value for c in Category]),
        "figure": _figure(rng),
        "event": rng.choice(_EVENTS)["id"],
    }
    if rng.random() < 0.95:
        claim["date_basis"] = rng.choice((DateBasis.STATED.value, DateBasis.INFERRED.value))
        claim["stated_on"] = _day(rng).isoformat()
    else:
        claim["date_basis"] = DateBasis.UNKNOWN.value
    k = 1 if rng.random() < 0.85 else rng.choice((2, 3))
    claim["sources"] = [f"src-{j:07x}" for j in rng.sample(range(n_sources), min(k, n_sources))]
    if rng.random() < 0.3:
        claim["basis"] = rng.choice([b.value for b in Basis])
    if rng.random() < 0.15:
        start = _day(rng)
        end = start + dt.timedelta(days=rng.randrange(30))
        claim["period"] = {"start": start.isoformat(), "end": end.isoformat()}
    if rng.random() < 0.08:
        claim["subgroup"] = rng.choice([g.value for g in Subgroup])
    if rng.random() < 0.07:
        claim["flags"] = [rng.choice([f.value for f in Flag])]
    if rng.random() < 0.9:
        claim["note"] = _text(rng, 12)
    return claim


def release(n_claims: int, *, seed: int = 0, n_parties: int = 60) -> dict[str, Any]:
    """A valid release document (parsed-JSON form) with *n_claims* claims.

    There is one source for every two claims (at least one) and *n_parties* parties.
    """
    rng = random.Random(seed)
    parties = _parties(n_parties)
    party_ids = [p["id"] for p in parties]
    n_sources = max(1, n_claims // 2)
    return {
        "version": "2.99.0",
        "released_on": "2026-01-01",
        "title": f"Synthetic release of {n_claims} claims",
        "licence": "CC-BY-4.0",
        "citation": "Synthetic data for benchmarks; not a real release.",
        "parties": parties,
        "sources": [_source(rng, i) for i in range(n_sources)],
        "claims": [_claim(rng, i, party_ids, n_sources) for i in range(n_claims)],
        "events": list(_EVENTS),
    }


def dumps(doc: dict[str, Any]) -> bytes:
    """UTF-8 JSON text of a document (compact: whitespace is not what is measured)."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 1000
    sys.stdout.buffer.write(dumps(release(n)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
