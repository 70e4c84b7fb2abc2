"""Command line: ``python -m nk_casualties`` (or ``nk-casualties``).

Subcommands: ``summary`` (the default), ``versions``, ``show CLAIM_ID``, ``cite``.
Bad arguments and unknown versions exit with status 2 and a one-line message.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from itertools import groupby

from ._data import load, versions
from ._models import Claim, Dataset
from .exceptions import NKCasualtiesError


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
            extra = f" [{c.subgroup}]" if c.subgroup else ""
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
        + (f", subgroup {c.subgroup}" if c.subgroup else ""),
        f"figure     {c.figure.wording!r}: {c.figure.qualifier.value} {c.figure.number}"
        + (f"-{c.figure.upper}" if c.figure.upper is not None else ""),
        f"range      {c.range}, estimate {c.estimate}",
        f"stated     {_date(c)} ({c.date_basis.value})",
    ]
    if c.period is not None:
        lines.append(f"period     {c.period.start} to {c.period.end}")
    for s in c.sources:
        when = f", {s.published_on}" if s.published_on else ""
        lines.append(f"source     {s.publisher}{when}: {s.url or '(no URL)'}")
    if c.note:
        lines.append(f"note       {c.note}")
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nk-casualties",
        description="Casualty claims of the 2020 Nagorno-Karabakh war, from the packaged releases.",
    )
    parser.add_argument(
        "--version",
        dest="data_version",
        metavar="V",
        help="data release to use (default: the latest)",
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("summary", help="claims grouped by subject and category (the default)")
    sub.add_parser("versions", help="the data releases in this package, oldest first")
    p_show = sub.add_parser("show", help="everything about one claim")
    p_show.add_argument("claim_id")
    p_cite = sub.add_parser("cite", help="how to cite a release")
    p_cite.add_argument("--format", choices=("text", "bibtex"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "versions":
            print("\n".join(versions()))
            return 0
        ds = load(args.data_version)
        if args.command == "show":
            print(show(ds, args.claim_id))
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
