"""Measure the performance targets of nk_casualties (design.md §6); write RESULTS.md.

``python benchmarks/run.py [--quick]``; benchmarks/README.md gives the method and targets.
Timings are pyperf's (``pyperf command``, ``pyperf timeit``); peak memory is tracemalloc's,
in a fresh process per file. The exit status is 0 even when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path[:0] = [str(SRC), str(HERE)]

import attrs  # after the sys.path set-up above
import pyperf

import nk_casualties as nk
import synthetic

PYTHON = sys.executable
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(HERE)])}


# -- run in pyperf's worker processes (``import run`` in their set-up) ---------------------


def helper_inputs(path: str) -> tuple[nk.Dataset, tuple[nk.Claim, ...], tuple[nk.Claim, ...]]:
    """A release, n claims of it that `total` can add, and those plus one it must refuse.

    The n claims are one claim of the release on n different days (daily figures of one
    quantity: no two overlap); the extra claim covers the first two of those days.
    """
    ds = nk.load_path(path)
    template, start = ds.claims[0], dt.date(2020, 9, 27)
    days = (start + dt.timedelta(i) for i in range(len(ds.claims)))
    disjoint = tuple(
        attrs.evolve(template, id=f"day-{d}", period=nk.Period(start=d, end=d)) for d in days
    )
    both = nk.Period(start=start, end=start + dt.timedelta(1))
    return ds, disjoint, (*disjoint, attrs.evolve(template, id="overlap", period=both))


def refuse(claims: tuple[nk.Claim, ...]) -> None:
    """Call `total` on claims it must refuse."""
    try:
        nk.total(claims)
    except nk.OverlapError:
        return
    raise AssertionError("total() added overlapping claims")


# -- measuring ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of the table of targets."""

    target: str
    measured: str
    limit: str
    met: bool


def ratio_row(target: str, ratio: float, limit: float, note: str = "") -> Row:
    """A row whose verdict is *ratio* ≤ *limit*."""
    return Row(target, f"{ratio:.2f}×{note}", f"{limit}×", ratio <= limit)


class Bench:
    """Runs pyperf (its command line, one JSON file per benchmark) and keeps what it measured."""

    def __init__(self, tmp: Path, quick: bool) -> None:
        self.tmp, self.quick = tmp, quick
        self.details: list[str] = []  # rows of the details table

    def _pyperf(self, kind: str, what: str, args: list[str], opts: list[str]) -> float:
        out = self.tmp / f"{len(self.details)}.json"
        cmd = [PYTHON, "-m", "pyperf", kind, "--quiet", "--inherit-environ=PYTHONPATH"]
        cmd += ["--name", what.replace("`", ""), "-o", str(out), *opts, *args]
        subprocess.run(cmd, check=True, env=ENV)
        bench = pyperf.Benchmark.load(str(out))
        median, values = float(bench.median()), bench.get_nvalue()
        spread = f" ± {bench.format_value(bench.stdev())}" if values > 1 else ""
        self.details.append(f"| {what} | {bench.format_value(median)}{spread} | {values} |")
        return median

    def command(self, code: str) -> float:
        """Median seconds of the whole process ``python -c code``."""
        opts = ["-p", "2", "-n", "3", "-w", "1"] if self.quick else []
        return self._pyperf("command", f"`python -c '{code}'`", ["--", PYTHON, "-c", code], opts)

    def timeit(
        self, what: str, setup: str, stmt: str, processes: int = 0, warmups: int = 1
    ) -> float:
        """Median seconds of one ``stmt`` after ``setup``. With *processes*: a slow call, so
        that many processes of *warmups* + 3 calls each, without calibration."""
        opts = ["-n", "3", "-w", str(warmups)]
        if processes:
            opts += ["-p", str(processes), "-l", "1"]
        else:
            opts += ["-p", "1" if self.quick else "6"]
        return self._pyperf("timeit", what, ["-s", setup, stmt], opts)


def python(code: str, *args: str) -> str:
    """The output of ``python -c code *args`` in a fresh process."""
    cmd = [PYTHON, "-c", code, *args]
    return subprocess.run(cmd, check=True, env=ENV, capture_output=True, text=True).stdout


PEAK = """
import sys, tracemalloc
import nk_casualties as nk
nk.load()  # imports all that load_path needs
tracemalloc.start()
try:
    nk.load_path(sys.argv[1]); failed = False
except nk.DataError:
    failed = True
print(tracemalloc.get_traced_memory()[1], failed)
"""

CLEAN_IMPORT = """
import sys
opened = []
sys.addaudithook(lambda e, a: e == 'open' and opened.append(str(a[0])))
import nk_casualties
cattrs = sorted(m for m in sys.modules if m.split('.')[0] == 'cattrs')
print(cattrs or [f for f in opened if f.endswith('.json')] or 'clean')
"""


def _write(path: Path, doc: dict[str, Any]) -> Path:
    path.write_bytes(synthetic.dumps(doc))
    return path


def make_files(tmp: Path, sizes: set[int], mem: int) -> dict[str, Path]:
    """Synthetic releases: valid ones of every size, and two invalid ones of *mem* claims."""
    files = {}
    for n in sorted(sizes | {mem}):
        print(f"generating {n:,} claims ...", flush=True)
        doc = synthetic.release(n)
        files[f"valid-{n}"] = _write(tmp / f"valid-{n}.json", doc)
        if n == mem:
            claims: list[dict[str, Any]] = doc["claims"]
            claims[-1]["figure"]["number"] = "many"
            files["last"] = _write(tmp / "invalid-last.json", doc)
            for c in claims[9::10]:  # the 10th, the 20th, ..., the last
                c["figure"]["number"] = "many"
            files["tenth"] = _write(tmp / "invalid-tenth.json", doc)
    return files


# -- the targets ----------------------------------------------------------------------------


def target_import(b: Bench) -> list[Row]:
    found = python(CLEAN_IMPORT).strip()
    b.command("pass")
    ratio = b.command("import nk_casualties") / b.command("import attrs")
    clean = found == "clean"
    return [
        ratio_row("1. `import nk_casualties` ≤ 1.15× `import attrs`", ratio, 1.15),
        Row("1. the import imports no cattrs, opens no .json", found, "clean", clean),
    ]


#: The part of a first ``load()`` that does not depend on how records are structured: the
#: package's modules imported, the converter's hooks generated, the newest release read,
#: hashed and parsed (not one record structured). Private names: this is a measurement.
FLOOR = (
    "import hashlib, json, nk_casualties._data as d, nk_casualties._json as j; "
    "j._converter(); b = (d.DATA / d.release_file(d.versions()[-1])).read_bytes(); "
    "hashlib.sha256(b).hexdigest(); json.loads(b)"
)


def target_load(b: Bench) -> list[Row]:
    base = b.command("import attrs, cattrs, json, hashlib")
    ratio = b.command("import nk_casualties; nk_casualties.load()") / base
    floor = b.command(FLOOR) / base
    cached = b.timeit("cached `load()`", "import nk_casualties as nk; nk.load()", "nk.load()")
    stretch = f" (stretch 1.3×: {'met' if ratio <= 1.3 else 'missed'})"
    return [
        ratio_row(
            "2. first `load()` ≤ 1.5× `import attrs, cattrs, json, hashlib`", ratio, 1.5, stretch
        ),
        ratio_row(
            "2. (its floor: modules, hooks, read, hash and parse; no record structured)",
            floor,
            1.5,
        ),
        Row("2. cached `load()`", f"{cached * 1e6:,.2f} µs", "20 µs", cached < 20e-6),
    ]


def target_cli(b: Bench) -> list[Row]:
    """6. The command line's answers, whole processes, against `import attrs, cattrs`."""
    base = b.command("import attrs, cattrs")
    rows = []
    for args in ("", "show C10.killed"):
        code = f"import sys; sys.argv = ['nk-casualties', *{args.split()!r}]; " + (
            "from nk_casualties._cli import main; main()"
        )
        ratio = b.command(code) / base
        shown = f"`nk-casualties {args}`".replace(" `", "`")
        rows.append(ratio_row(f"6. {shown} ≤ 2× `import attrs, cattrs`", ratio, 2.0))
    return rows


def _load_path(b: Bench, files: dict[str, Path], n: int) -> float:
    """Seconds per claim of `load_path` on the valid file of *n* claims."""
    setup = f"import nk_casualties as nk; nk.load(); path = {str(files[f'valid-{n}'])!r}"
    processes = 1 if n >= 1_000_000 else 3 if n >= 100_000 else 0
    what = f"`load_path`, {n:,} claims"
    return b.timeit(what, setup, "nk.load_path(path)", processes, warmups=0) / n


def target_load_path(b: Bench, files: dict[str, Path], n: int, small: int, big: int) -> list[Row]:
    path = str(files[f"valid-{n}"])
    setup = f"import msgspec, msgspec_schema, pathlib; path = pathlib.Path({path!r})"
    stmt = "msgspec.json.decode(path.read_bytes(), type=msgspec_schema.Document)"
    ms = b.timeit(f"msgspec `decode(path.read_bytes())`, {n:,} claims", setup, stmt) / n
    per_claim = {size: _load_path(b, files, size) for size in sorted({n, small, big})}
    ratio, growth = per_claim[n] / ms, per_claim[big] / per_claim[small]
    ns = f" ({per_claim[small] * 1e9:,.0f} → {per_claim[big] * 1e9:,.0f} ns)"
    return [
        ratio_row(f"3. `load_path` ≤ 5× msgspec, {n:,} claims", ratio, 5),
        ratio_row(f"3. `load_path` ns/claim at {big:,} ≤ 1.5× at {small:,}", growth, 1.5, ns),
    ]


def target_memory(files: dict[str, Path], n: int, out: list[str]) -> list[Row]:
    peaks, raised = {}, {}
    for case in ("valid", "last", "tenth"):
        peak, failed = python(PEAK, str(files[f"valid-{n}" if case == "valid" else case])).split()
        peaks[case], raised[case] = int(peak), failed == "True"
    size = files[f"valid-{n}"].stat().st_size
    out += [f"The valid file holds {size / 2**20:,.1f} MiB.", ""]
    out += ["| file | raised `DataError` | peak | ratio to valid |", "|---|---|---|---|"]
    names = {"valid": "valid", "last": "last claim invalid", "tenth": "every 10th claim invalid"}
    for case, name in names.items():
        out.append(
            f"| {name} | {'yes' if raised[case] else 'no'} "
            f"| {peaks[case] / 2**20:,.1f} MiB | {peaks[case] / peaks['valid']:.2f} |"
        )
    if raised != {"valid": False, "last": True, "tenth": True}:
        raise AssertionError(f"load_path raised DataError on: {raised}")
    return [
        ratio_row(
            f"4. peak memory, {n:,} claims, {names[c]}: ≤ 2× valid", peaks[c] / peaks["valid"], 2
        )
        for c in ("last", "tenth")
    ]


#: A plain O(n) pass reading what the helpers read of each claim: its growth from the small
#: to the large size is the memory system's share (caches, pages), not the algorithm's.
BASELINE = "one pass reading each claim's date and quantity"
HELPERS = {
    BASELINE: "[(c.known_by, c.quantity) for c in ds.claims]",
    "`nk.total(n disjoint claims)`": "run.nk.total(disjoint)",
    "`ds.latest()`": "ds.latest()",
    '`ds.select(category="killed")`': "ds.select(category='killed')",
    "`nk.total` refusing (n disjoint + 1 overlapping)": "run.refuse(refusing)",
}


def target_helpers(b: Bench, files: dict[str, Path], sizes: tuple[int, int]) -> Row:
    growth: dict[str, float] = {}
    for what, stmt in HELPERS.items():
        per_claim = []
        for n in sizes:
            path = str(files[f"valid-{n}"])
            setup = f"import run; ds, disjoint, refusing = run.helper_inputs({path!r})"
            processes = 3 if n >= 100_000 else 1 if b.quick else 0  # 0: pyperf's defaults
            per_claim.append(b.timeit(f"{what}, {n:,} claims", setup, stmt, processes) / n)
        growth[what] = per_claim[1] / per_claim[0]
    # O(n log n) grows 1.25x from 10k to 100k; O(n^2) 10x. A helper passes if it grows at
    # most 1.5x, or at most 1.15x what the plain pass grows in the same run.
    reference = growth.pop(BASELINE)
    limit = max(1.5, 1.15 * reference)
    worst = max(growth, key=growth.__getitem__)
    target = (
        f"5. helpers: ns/claim at {sizes[1]:,} ≤ 1.5× at {sizes[0]:,} "
        f"(or ≤ 1.15× the plain pass's growth, {reference:.2f}×), the worst"
    )
    return ratio_row(target, growth[worst], round(limit, 2), f" ({worst})")


# -- the report -----------------------------------------------------------------------------


def _machine() -> str:
    info = Path("/proc/cpuinfo")
    lines = info.read_text().splitlines() if info.exists() else []
    cpu = next((ln.split(":")[1].strip() for ln in lines if "model name" in ln), "")
    names = ("attrs", "cattrs", "msgspec", "pyperf")
    versions = ", ".join(f"{n} {importlib.metadata.version(n)}" for n in names)
    return (
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{versions}; {platform.system()} {platform.machine()}, {cpu or platform.processor()}, "
        f"{os.cpu_count()} CPUs"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only (a smoke test)")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    quick: bool = args.quick
    n, small, big = (10_000, 1_000, 10_000) if quick else (100_000, 10_000, 1_000_000)
    helper_sizes = (1_000, 10_000) if quick else (10_000, 100_000)
    started = time.perf_counter()
    memory: list[str] = []
    with tempfile.TemporaryDirectory(prefix="nk-bench-") as tmp:
        b = Bench(Path(tmp), quick)
        print("import, first load() ...", flush=True)
        rows = target_import(b) + target_load(b) + target_cli(b)
        files = make_files(Path(tmp), {small, big, *helper_sizes}, n)
        print("load_path ...", flush=True)
        rows += target_load_path(b, files, n, small, big)
        print("peak memory ...", flush=True)
        rows += target_memory(files, n, memory)
        print("helpers ...", flush=True)
        rows.append(target_helpers(b, files, helper_sizes))
    minutes = (time.perf_counter() - started) / 60
    command = "python benchmarks/run.py" + (" --quick" if quick else "")
    table = [
        "| target | measured | limit | verdict |",
        "|---|---|---|---|",
        *(
            f"| {r.target} | {r.measured} | {r.limit} | {'met' if r.met else '**MISSED**'} |"
            for r in rows
        ),
    ]
    report = [
        "# Benchmark results",
        "",
        f"Written by `{command}` on {dt.date.today().isoformat()} in {minutes:.1f} min: "
        f"{_machine()}. Method and targets: [README.md](README.md).",
        "",
        *table,
        "",
        "## Timings (pyperf)",
        "",
        "Median of pyperf's values, ± their standard deviation; a `python -c` row is the "
        "whole process, any other row one call in a warm process.",
        "",
        "| benchmark | median ± std dev | values |",
        "|---|---|---|",
        *b.details,
        "",
        f"## Peak memory of `load_path`, {n:,} claims",
        "",
        "tracemalloc's peak during the call, in a fresh process per file.",
        "",
        *memory,
        "",
    ]
    args.output.write_text("\n".join(report), encoding="utf-8")
    print("\n".join(table))
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
