"""Command line: ``python -m nk_casualties`` (or ``nk-casualties``).

Subcommands: ``summary`` (the default), ``versions``, ``show CLAIM_ID``, ``series``,
``export``, ``cite`` and ``diff OLD NEW``.
Bad arguments and unknown versions exit with status 2 and a one-line message.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

from ._claim import Claim
from ._data import load, versions
from ._dataset import Dataset
from ._diff import diff
from ._export import to_csv, to_datapackage, to_json, write_atomically
from .exceptions import ArgumentError, NKCasualtiesError


def _bounds(claim: Claim) -> str:
    r = claim.range
    return str(r)


def _date(claim: Claim) -> str:
    if claim.stated_on is None:
        known = claim.known_by
        return f"n/d (by {known})" if known else "n/d"
    mark = "~" if claim.date_basis.value == "inferred" else ""
    return f"{mark}{claim.stated_on}"


def summary(ds: Dataset) -> str:
    """A plain-text summary of a dataset: claims grouped by subject and category."""
    lines = [
        f"{ds.title}",
        f"data release {ds.version} ({ds.released_on}), licence {ds.licence}",
        f"{len(ds.claims)} claims, {len(ds.sources)} sources, {len(ds.parties)} parties",
        "dates: ~ = inferred from a weekday or another report; ranges: [low, high], ∞ = no bound",
        "",
    ]

    def key(c: Claim) -> tuple[str, str, str]:
        return (c.subject.name, c.population.value, c.category.value)

    order = {c.id: i for i, c in enumerate(ds.claims)}
    for (subject, population, category), group in groupby(sorted(ds.claims, key=key), key=key):
        lines.append(f"{subject} ({population}), {category}")
        for c in sorted(group, key=lambda c: (str(c.known_by), order[c.id])):
            extra = f" [{getattr(c.subgroup, 'value', c.subgroup)}]" if c.subgroup else ""
            lines.append(
                f"  {_date(c):<12} {c.claimant.name[:38]:<38} {c.figure.wording!r:<24} "
                f"{_bounds(c):<16} {c.id}{extra}"
            )
        lines.append("")
    lines.append(f"Cite: {ds.cite()}")
    return "\n".join(lines)


def show(ds: Dataset, claim_id: str) -> str:
    """Everything about one claim."""
    c = ds.claim(claim_id)
    lines = [
        f"claim      {c.id}  (statement {c.statement})",
        f"claimant   {c.claimant.name} [{c.claimant.id}]",
        f"subject    {c.subject.name} [{c.subject.id}], {c.population.value}",
        f"category   {c.category.value}"
        + (f", basis {c.basis.value}" if c.basis else "")
        + (f", subgroup {getattr(c.subgroup, 'value', c.subgroup)}" if c.subgroup else ""),
        f"figure     {c.figure.wording!r}: {c.figure.qualifier.value} {c.figure.number}"
        + (f"-{c.figure.upper}" if c.figure.upper is not None else "")
        + (f" ({c.figure.language})" if c.figure.language else ""),
        f"range      {c.range}, estimate {c.estimate}",
        f"stated     {_date(c)} ({c.date_basis.value})",
    ]
    if c.figure.gloss:
        lines.append(f"gloss      {c.figure.gloss}")
    if c.event is not None:
        lines.append(f"event      {c.event.name} [{c.event.id}]")
    if c.period is not None:
        lines.append(f"period     {c.period.start} to {c.period.end}")
    if c.flags:
        lines.append(f"flags      {', '.join(f.value for f in c.flags)} (of this report)")
    for s in c.sources:
        when = f", {s.published_on}" if s.published_on else ""
        lines.append(
            f"source     {s.publisher} ({s.kind.value}, {s.language}{when}): {s.url or '(no URL)'}"
        )
    if c.note:
        lines.append(f"note       {c.note}")
    return "\n".join(lines)


def series(claims: Sequence[Claim]) -> str:
    """One line per claim of a series: date, wording, range, estimate, id."""
    if not claims:
        return "no claims match"
    return "\n".join(
        f"{_date(c):<20} {c.figure.wording!r:<28} {_bounds(c):<16} ~{c.estimate:<8} {c.id}"
        for c in claims
    )


def diff_report(old: Dataset, new: Dataset) -> str:
    """What changed between two releases: counts, then the ids added, removed and changed."""
    d = diff(old, new)
    lines = [
        f"{old.version} -> {new.version}: {len(d.added)} added, {len(d.removed)} removed, "
        f"{len(d.changed)} changed, {len(d.unchanged)} unchanged"
    ]
    lines += [f"+ {c.id}  {c.figure.wording!r}" for c in d.added]
    lines += [f"- {c.id}  {c.figure.wording!r}" for c in d.removed]
    lines += [f"~ {a.id}  changed: {', '.join(d.fields(a.id))}" for a, _ in d.changed]
    return "\n".join(lines)


def _write(text: str, output: str | None, *, force: bool) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    path = Path(output)
    try:
        if path.exists() and not force:
            raise ArgumentError(f"--output: {output!r} exists; pass --force to replace it")
        write_atomically(path, text.encode("utf-8"))
    except OSError as exc:
        raise ArgumentError(f"--output: cannot write {output!r}: {exc.strerror}") from None
    except ValueError as exc:  # a NUL byte in the path
        raise ArgumentError(f"--output: cannot write {output!r}: {exc}") from None


def export(ds: Dataset, fmt: str, output: str | None, *, force: bool = False) -> None:
    """Write the dataset as CSV or JSON (to *output* or standard output) or a data package."""
    if fmt == "csv":
        _write(to_csv(ds), output, force=force)
    elif fmt == "json":
        _write(to_json(ds), output, force=force)
    else:
        if output is None or output == "-":
            raise ArgumentError("--format datapackage needs --output DIR (a directory)")
        path = to_datapackage(ds, output, overwrite=force)
        print(f"wrote {path} and the CSV tables beside it", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    # --version may come before or after the subcommand; SUPPRESS keeps the outer value.
    pinned = argparse.ArgumentParser(add_help=False)
    pinned.add_argument(
        "--version",
        dest="data_version",
        metavar="V",
        default=argparse.SUPPRESS,
        help="data release to use (default: the latest; see `versions`)",
    )
    parser = argparse.ArgumentParser(
        prog="nk-casualties",
        description="Casualty claims of the 2020 Nagorno-Karabakh war, from the packaged releases.",
        epilog="Bad arguments, unknown versions or ids exit with status 2.",
    )
    parser.add_argument(
        "--version",
        dest="data_version",
        metavar="V",
        default=None,
        help="data release to use (default: the latest; see `versions`)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser(
        "summary", parents=[pinned], help="claims grouped by subject and category (the default)"
    )
    sub.add_parser("versions", help="the data releases in this package, oldest first")
    p_show = sub.add_parser("show", parents=[pinned], help="everything about one claim")
    p_show.add_argument("claim_id", metavar="CLAIM_ID", help="e.g. A1.killed")

    p_series = sub.add_parser(
        "series",
        parents=[pinned],
        help="one quantity from one claimant over time",
        description="One quantity from one claimant over time, oldest first "
        "(one wording per statement, cumulative figures unless --partial).",
    )
    p_series.add_argument("--claimant", required=True, help="party id, e.g. az-mod")
    p_series.add_argument("--category", required=True, help="e.g. killed, missing, wounded")
    p_series.add_argument("--subject", help="party id (default: any subject)")
    p_series.add_argument("--population", help="military, civilian or unspecified")
    p_series.add_argument("--basis", help="e.g. forensic-examination (default: any)")
    p_series.add_argument("--subgroup", help="a sub-group such as doctors (default: none)")
    p_series.add_argument(
        "--partial", action="store_true", help="daily and other partial-period figures instead"
    )
    p_series.add_argument(
        "--all-wordings", action="store_true", help="every wording, not one per statement"
    )

    p_export = sub.add_parser(
        "export",
        parents=[pinned],
        help="write the data as CSV, JSON or a Frictionless data package",
        description="CSV (one row per claim) and JSON (the release schema) go to standard "
        "output unless --output is given; a data package needs --output DIR.",
    )
    p_export.add_argument("--format", choices=("csv", "json", "datapackage"), default="csv")
    p_export.add_argument(
        "--output", metavar="PATH", help="file (csv, json; - for standard output) or directory"
    )
    p_export.add_argument("--force", action="store_true", help="replace existing files")

    p_cite = sub.add_parser("cite", parents=[pinned], help="how to cite a release")
    p_cite.add_argument("--format", choices=("text", "bibtex"), default="text")

    p_diff = sub.add_parser("diff", help="claims added, removed and changed between releases")
    p_diff.add_argument("old", metavar="OLD", help="older data version, e.g. 1.0.0")
    p_diff.add_argument("new", metavar="NEW", help="newer data version, e.g. 1.1.0")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "versions":
            print("\n".join(versions()))
            return 0
        if args.command == "diff":
            print(diff_report(load(args.old), load(args.new)))
            return 0
        ds = load(args.data_version)
        if args.command == "show":
            print(show(ds, args.claim_id))
        elif args.command == "series":
            found = ds.series(
                claimant=args.claimant,
                category=args.category,
                subject=args.subject,
                population=args.population,
                basis=args.basis,
                subgroup=args.subgroup,
                cumulative=not args.partial,
                per_statement=not args.all_wordings,
            )
            print(series(found))
        elif args.command == "export":
            export(ds, args.format, args.output, force=args.force)
        elif args.command == "cite":
            print(ds.cite(format=args.format))
        else:
            print(summary(ds))
    except NKCasualtiesError as exc:
        print(f"nk-casualties: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `nk-casualties | head`: stop quietly, as Python's docs advise
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 0
