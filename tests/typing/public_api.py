"""What a user's type checker sees: ``mypy --strict`` checks this module in CI.

Each ``assert_type`` pins the static type of a public name; each ``# type: ignore[code]``
marks a call that must stay a type error (``warn_unused_ignores`` fails if it stops being
one). ``tests/test_typing.py`` also runs it, so every line is real, working code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import nk_casualties as nk

if TYPE_CHECKING:
    from typing_extensions import assert_type
else:

    def assert_type(value: object, _: object) -> object:
        return value


def exercise(tmp: Path) -> None:
    """Call the public API the way the README and docs do."""
    assert_type(nk.versions(), tuple[str, ...])
    ds = nk.load("1.0.0")
    assert_type(ds, nk.Dataset)
    assert_type(nk.load(), nk.Dataset)
    assert_type(ds.version, str)
    assert_type(ds.released_on, dt.date)
    assert_type(ds.claims, tuple[nk.Claim, ...])
    assert_type(ds.parties, tuple[nk.Party, ...])
    assert_type(ds.sources, tuple[nk.Source, ...])

    claim = ds.claim("A2.missing")
    assert_type(claim, nk.Claim)
    assert_type(ds.get_claim("nope"), nk.Claim | None)
    assert_type(ds.party("az-mod"), nk.Party)
    assert_type(ds.get_source("nope"), nk.Source | None)
    assert_type(claim.claimant, nk.Party)
    assert_type(claim.subject.part_of, nk.Party | None)
    assert_type(claim.population, nk.Population)
    assert_type(claim.category, nk.Category)
    assert_type(claim.basis, nk.Basis | None)
    assert_type(claim.stated_on, dt.date | None)
    assert_type(claim.period, nk.Period | None)
    assert_type(claim.sources, tuple[nk.Source, ...])
    assert_type(claim.figure, nk.Figure)
    assert_type(claim.figure.qualifier, nk.Qualifier)
    assert_type(claim.figure.wording, str)
    assert_type(claim.figure.estimate, int)
    assert_type(claim.range, nk.Range)
    assert_type(claim.range.low, int)
    assert_type(claim.range.high, int | None)

    assert_type(nk.lower_bound(claim), int)
    assert_type(nk.lower_bound(claim.figure), int)
    assert_type(nk.lower_bound(nk.Range.at_least(3)), int)
    a, b = ds.claim("A1.killed"), ds.claim("A4.killed")
    t = nk.total([a, b])
    assert_type(t, nk.Total)
    assert_type(t.range, nk.Range)
    assert_type(t.estimate, int)
    d = nk.discrepancy(a, b)
    assert_type(d, nk.Discrepancy)
    assert_type(d.low, int | None)
    assert_type(d.minimum, int)
    assert_type(d.consistent, bool)
    assert_type(nk.reconcile(ds.statement("az-mod/2020-12-03/wounded")), nk.Range)
    changes = nk.diff(ds, nk.load("1.1.0"))
    assert_type(changes, nk.Diff)
    assert_type(changes.added, tuple[nk.Claim, ...])
    assert_type(changes.changed, tuple[tuple[nk.Claim, nk.Claim], ...])

    assert_type(ds.select(claimant="az-mod", category=nk.Category.KILLED), tuple[nk.Claim, ...])
    assert_type(ds.series(claimant="az-mod", category="killed"), tuple[nk.Claim, ...])
    assert_type(ds.latest(claimant="artsakh-mod"), tuple[nk.Claim, ...])
    assert_type(ds.as_of(dt.date(2020, 12, 3)), nk.Dataset)
    assert_type(ds.cite(format="bibtex"), str)

    assert_type(nk.to_records(ds), tuple[dict[str, object], ...])
    assert_type(nk.to_csv(ds), str)
    assert_type(nk.to_json(ds), str)
    assert_type(nk.to_datapackage(ds, tmp / "pkg"), Path)
    assert_type(nk.load_path(tmp / "pkg" / "nope.json") if False else ds, nk.Dataset)

    try:
        nk.load("9.9.9")
    except nk.UnknownVersionError as exc:
        assert_type(exc.available, tuple[str, ...])
    try:
        ds.claim("A1.kiled")
    except nk.NotFoundError as exc:
        assert_type(exc.suggestions, tuple[str, ...])
    try:
        nk.total([a, ds.claim("B1.killed")])
    except nk.OverlapError as exc:
        assert_type(exc.first, str)


def misuse() -> None:
    """Calls a type checker must reject (never run)."""
    ds = nk.load()
    nk.total(ds.claims[0])  # type: ignore[arg-type]
    nk.lower_bound(100)  # type: ignore[arg-type]
    nk.load(1)  # type: ignore[arg-type]
    ds.select("az-mod")  # type: ignore[call-arg]
    ds.claims[0].figure.number = 3  # type: ignore[misc]
    ds.series(claimant="az-mod")  # type: ignore[call-arg]
