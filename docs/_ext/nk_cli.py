"""The command-line reference: each command's help, from the parser, and a real example.

Generated at build time by running the program, so the page cannot drift from it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
from pathlib import Path

from nk_casualties._cli import _parser, main

#: One example per command: its arguments, and how many lines of its output to show.
EXAMPLES: dict[str, tuple[list[str], int]] = {
    "": ([], 14),
    "overview": (["overview", "--event", "war-2020", "--as-of", "2020-12-05"], 10),
    "versions": (["versions"], 5),
    "show": (["--release", "1.0.0", "show", "A2.missing"], 30),
    "search": (["search", "2906"], 12),
    "parties": (["parties"], 10),
    "events": (["events"], 8),
    "series": (
        [
            "series",
            "--claimant",
            "az-mod",
            "--category",
            "killed",
            "--subject",
            "az-armed-forces",
            "--event",
            "war-2020",
        ],
        12,
    ),
    "compare": (["compare", "--subject", "am-side", "--category", "killed"], 12),
    "export": (["export", "--release", "1.0.0", "--format", "csv"], 3),
    "diff": (["diff", "1.1.0", "2.0.0"], 8),
    "cite": (["cite", "--release", "2.0.0"], 5),
}


def run(args: list[str], lines: int) -> str:
    """What the program prints for *args* in an 80-column terminal, its first *lines*."""
    out = io.StringIO()
    os.environ["COLUMNS"] = "80"
    try:
        with contextlib.redirect_stdout(out):
            status = main(args)
    finally:
        del os.environ["COLUMNS"]
    if status != 0:
        raise RuntimeError(f"nk-casualties {' '.join(args)} exited with {status}")
    text = out.getvalue().splitlines()
    more = len(text) - lines
    return "\n".join(text[:lines] + ([f"... ({more} more lines)"] if more > 0 else []))


def page() -> str:
    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    lines = [
        "(cli)=",
        "# Command line",
        "",
        "`nk-casualties` (or `python -m nk_casualties`) answers from the packaged releases,",
        "offline. This page is generated from the program itself: each command's help, and an",
        "example run when the documentation was built, with its real output.",
        "",
        "```text",
        parser.format_help().rstrip(),
        "```",
        "",
    ]
    for name, (args, shown) in EXAMPLES.items():
        if name:
            lines += [
                f"## `{name}`",
                "",
                "```text",
                sub.choices[name].format_help().rstrip(),
                "```",
                "",
            ]
        lines += [
            "Example:",
            "",
            "```console",
            f"$ nk-casualties {' '.join(args)}".rstrip(),
            run(args, shown),
            "```",
            "",
        ]
    return "\n".join(lines)


def write(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = page()
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path
