"""Command line: ``nk-casualties`` (or ``python -m nk_casualties``).

With no command it prints the headline of the latest release (what each side says it lost,
and what the others claim), within 80 columns. Commands: ``overview``, ``versions``,
``show ID``, ``search [TEXT]``, ``parties``, ``events``, ``series``, ``compare``,
``export``, ``diff OLD NEW``, ``cite``. ``--release V`` picks the data release, ``--json``
gives machine output, ``--version`` prints the program's version.

Errors exit with status 2 and one line. A closed output pipe (``nk-casualties | head``)
ends quietly with status 0. Output never fails on a terminal that cannot show a character:
it is replaced (``∞`` by ``inf``, other characters by ``?``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import _text
from ._data import load, versions
from ._dataset import Dataset
from ._diff import diff
from ._export import to_csv, to_json, write_atomically
from ._overview import _latest_per_claimant
from ._package import to_datapackage, to_jsonld
from ._vocab import Basis, Category, Population, Subgroup
from .exceptions import ArgumentError, NKCasualtiesError

__all__ = ["main"]

_PLAIN = str.maketrans({"∞": "inf", "\N{EN DASH}": "-", "…": "...", "≥": ">=", "≤": "<="})


def _vocabulary(enum_type: type[Any]) -> Any:
    """An argparse type: a vocabulary value, case-insensitive, named in the error."""

    def convert(text: str) -> str:
        value = text.strip().lower()
        if value not in {m.value for m in enum_type}:
            allowed = ", ".join(m.value for m in enum_type)
            raise argparse.ArgumentTypeError(f"{text!r} is not one of: {allowed}")
        return value

    return convert


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from None


class _Version(argparse.Action):
    """--version: the program's version, read from the installed metadata only when asked."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import version  # costs more than the rest of the program

        print(f"nk-casualties {version('nk-casualties')}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    # --release and --json may come before or after the command; SUPPRESS keeps the outer.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--release",
        metavar="V",
        default=argparse.SUPPRESS,
        help="data release (default: the latest; see `versions`)",
    )
    common.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="machine output: JSON of a documented shape",
    )
    filters = argparse.ArgumentParser(add_help=False)
    filters.add_argument("--claimant", help="party id, e.g. az-mod (see `parties`)")
    filters.add_argument("--subject", help="party id whose losses are counted")
    filters.add_argument("--population", type=_vocabulary(Population))
    filters.add_argument("--category", type=_vocabulary(Category))
    filters.add_argument("--basis", type=_vocabulary(Basis))
    filters.add_argument("--event", help="event id (see `events`)")
    filters.add_argument("--as-of", type=_day, metavar="DAY", help="what was known by DAY")
    parser = argparse.ArgumentParser(
        prog="nk-casualties", parents=[common],
        description="Casualty claims of the Nagorno-Karabakh conflict: who said what number, "
        "about whose losses, reported by whom. With no command: the headline.",
        epilog="Bad arguments, unknown releases or ids exit with status 2 and one line.",
    )  # fmt: skip
    parser.add_argument("--version", action=_Version, help="print the program's version")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("overview", parents=[common], help="the headline (the default)")
    p.add_argument("--event", help="event id (default: the event with the most claims)")
    p.add_argument("--as-of", type=_day, metavar="DAY", help="what was known by DAY")
    sub.add_parser("versions", parents=[common], help="the data releases shipped, oldest first")
    p = sub.add_parser("show", parents=[common], help="one claim, its other wordings, sources")
    p.add_argument("claim_id", metavar="ID", help="claim id, e.g. A2.missing")
    p = sub.add_parser("search", parents=[common, filters], help="find claims by text or number")
    p.add_argument("text", nargs="?", default="", help='words, an id or a number ("2906")')
    p.add_argument("--within", action="store_true", help="parties include their parts")
    sub.add_parser("parties", parents=[common], help="the party tree, with ids")
    sub.add_parser("events", parents=[common], help="the events, with ids and days")
    p = sub.add_parser("series", parents=[common, filters], help="one quantity over time")
    p.add_argument("--subgroup", type=_vocabulary(Subgroup))
    p.add_argument("--partial", action="store_true", help="daily and partial-period figures")
    p.add_argument("--all-wordings", action="store_true", help="every wording, not one each")
    p.add_argument("--skip-flagged", action="store_true", help="leave out flagged reports")
    p = sub.add_parser(
        "compare", parents=[common, filters], help="each claimant's latest figure, pair by pair"
    )
    p = sub.add_parser("export", parents=[common], help="CSV, JSON or a data package")
    p.add_argument(
        "--format", choices=("csv", "hxl", "json", "jsonld", "datapackage"), default="csv"
    )
    p.add_argument("--output", metavar="PATH", help="file or directory (- for standard output)")
    p.add_argument("--force", action="store_true", help="replace existing files")
    p.add_argument("--excel", action="store_true", help="CSV with a byte-order mark, for Excel")
    p = sub.add_parser("diff", parents=[common], help="what changed between two releases")
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p = sub.add_parser("cite", parents=[common], help="how to cite a release")
    p.add_argument("--format", choices=("text", "bibtex"), default="text")
    return parser


def _selected(ds: Dataset, args: argparse.Namespace) -> tuple[Any, ...]:
    """The claims the filters of *args* select (as of a day, if given)."""
    source = ds if args.as_of is None else ds.as_of(args.as_of)
    return source.select(
        claimant=args.claimant, subject=args.subject, population=args.population,
        category=args.category, basis=args.basis, event=args.event,
        within=getattr(args, "within", False),
    )  # fmt: skip


def _main_event(ds: Dataset) -> str | None:
    counts = {e.id: sum(1 for c in ds.claims if c.event is e) for e in ds.events}
    return max(counts, key=counts.__getitem__) if counts else None


def _run(args: argparse.Namespace, width: int) -> _text.Rendered:
    command = args.command or "overview"
    if command == "versions":
        return "\n".join(versions()), list(versions())
    if command == "diff":
        old, new = load(args.old), load(args.new)
        return _text.diff_report(old, new, diff(old, new))
    ds = load(getattr(args, "release", None))
    if command == "overview":
        event = getattr(args, "event", None) or _main_event(ds)
        o = ds.overview(event=event, as_of=getattr(args, "as_of", None))
        return _text.overview(o, ds, width)
    if command == "show":
        return _text.show(ds, ds.claim(args.claim_id))
    if command == "search":
        found = _text.search(_selected(ds, args), args.text)
        return _text.listing(ds, found, f"{len(found)} claims match {args.text!r}", width)
    if command == "parties":
        return _text.parties(ds, width)
    if command == "events":
        return _text.events(ds, width)
    if command == "series":
        if args.claimant is None or args.category is None:
            raise ArgumentError("series needs --claimant and --category")
        source = ds if args.as_of is None else ds.as_of(args.as_of)
        found = source.series(
            claimant=args.claimant, category=args.category, subject=args.subject,
            population=args.population, basis=args.basis, event=args.event,
            subgroup=args.subgroup, cumulative=not args.partial,
            per_statement=not args.all_wordings, skip_flagged=args.skip_flagged,
        )  # fmt: skip
        header = f"Series of {args.claimant}: {args.category}" + "".join(
            f", {k} {v}" for k in ("subject", "population", "basis", "event")
            if (v := getattr(args, k)) is not None
        )  # fmt: skip
        return _text.listing(ds, found, header, width)
    if command == "compare":
        if args.subject is None or args.category is None:
            raise ArgumentError("compare needs --subject and --category")
        found = tuple(
            c for c in _selected(ds, args) if c.cumulative and not c.subgroup and c.known_by
        )
        return _text.compare(ds, _latest_per_claimant(found), width)
    if command == "cite":
        text = ds.cite(format=args.format)
        return text, {"release": ds.version, "format": args.format, "citation": text}
    return _export(ds, args), None


def _export(ds: Dataset, args: argparse.Namespace) -> str:
    """Write an export; return what goes to standard output (or "")."""
    if args.format == "datapackage":
        if args.output in (None, "-"):
            raise ArgumentError("--format datapackage needs --output DIR (a directory)")
        to_datapackage(ds, args.output, overwrite=args.force)
        return ""
    text = {
        "csv": lambda: to_csv(ds),
        "hxl": lambda: to_csv(ds, hxl=True),
        "json": lambda: to_json(ds),
        "jsonld": lambda: to_jsonld(ds),
    }[args.format]()
    if args.excel and args.format in ("csv", "hxl"):
        text = "\ufeff" + text  # a byte-order mark: Excel then reads UTF-8
    if args.output in (None, "-"):
        return text
    path = Path(args.output)
    try:
        if path.exists() and not args.force:
            raise ArgumentError(f"--output: {args.output!r} exists; pass --force to replace it")
        write_atomically(path, text.encode("utf-8"))
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        reason = getattr(exc, "strerror", None) or exc
        raise ArgumentError(f"--output: cannot write {args.output!r}: {reason}") from None
    return ""


def _write(text: str) -> None:
    """Write *text* to standard output in whatever encoding it has, never failing on one."""
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "∞≥…".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        text = text.translate(_PLAIN)
    if encoding.lower().replace("-", "") not in ("utf8", "utf16", "utf32"):
        text = text.encode(encoding, errors="replace").decode(encoding)
    stream.write(text)
    stream.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    width = shutil.get_terminal_size((80, 24)).columns
    try:
        text, data = _run(args, max(60, width))
        if getattr(args, "json", False) and data is not None:
            text = json.dumps(data, ensure_ascii=False, indent=1)
        if text:
            _write(text if text.endswith("\n") else text + "\n")
    except NKCasualtiesError as exc:
        _complain(" ".join(line.strip() for line in str(exc).splitlines()))
        return 2
    except BrokenPipeError:  # `nk-casualties | head`: stop quietly, as Python's docs advise
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:  # /dev/full, a closed terminal: say so in one line
        _complain(f"cannot write the output: {exc.strerror or exc}")
        return 2
    return 0


def _complain(message: str) -> None:
    """One line on standard error, in whatever encoding it has."""
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    line = f"nk-casualties: error: {message}".translate(_PLAIN)
    sys.stderr.write(line.encode(encoding, errors="replace").decode(encoding) + "\n")
