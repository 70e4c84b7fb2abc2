"""Measure every performance target of nk_casualties side by side; write RESULTS.md.

Usage::

    python -m pip install -e . -r benchmarks/requirements.txt
    python benchmarks/run.py            # about 5 minutes on a 2-core machine
    python benchmarks/run.py --quick    # about 1 minute; no run at 1,000,000 claims

Compared commands always alternate (A, B, then B, A, ...) and every figure is a median;
ratios are medians of the per-round ratios. Wall-clock time is what the targets are
judged on; CPU time (user + system) is shown beside it because it is far less sensitive to
other work on the machine. The package is imported from this checkout's ``src/`` (also in
the subprocesses), with its bytecode compiled first, as an installed wheel's would be.
See benchmarks/README.md for what is measured and why.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import functools
import gc
import importlib.metadata
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SRC = ROOT / "src"
sys.path[:0] = [str(SRC), str(HERE)]

import attrs  # after the sys.path set-up above

import msgspec_schema
import nk_casualties as nk
import synthetic

try:
    import resource
except ImportError:  # pragma: no cover - Windows: no CPU times for subprocesses
    resource = None  # type: ignore[assignment]


# -- measuring ---------------------------------------------------------------------------


@dataclass
class Pair:
    """Paired measurements of two commands: A is the reference, B the candidate."""

    a_wall: list[float] = field(default_factory=list)
    b_wall: list[float] = field(default_factory=list)
    a_cpu: list[float] = field(default_factory=list)
    b_cpu: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """Median of the paired wall-clock ratios B / A."""
        return statistics.median(b / a for a, b in zip(self.a_wall, self.b_wall, strict=True))

    @property
    def cpu_ratio(self) -> float:
        """Median of the paired CPU-time ratios B / A."""
        return statistics.median(b / a for a, b in zip(self.a_cpu, self.b_cpu, strict=True))

    @property
    def a(self) -> float:
        return statistics.median(self.a_wall)

    @property
    def b(self) -> float:
        return statistics.median(self.b_wall)


def _children_cpu() -> float:
    if resource is None:  # pragma: no cover
        return 0.0
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}


def _run_python(code: str) -> tuple[float, float]:
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=ENV)
    return time.perf_counter() - start, _children_cpu() - cpu


def compare_processes(code_a: str, code_b: str, rounds: int) -> Pair:
    """Run ``python -c A`` and ``python -c B`` alternately, *rounds* times each."""
    for _ in range(3):  # warm the file-system cache, discarded
        _run_python(code_a)
        _run_python(code_b)
    pair = Pair()
    for i in range(rounds):
        order = (
            ((code_a, True), (code_b, False)) if i % 2 == 0 else ((code_b, False), (code_a, True))
        )
        for code, is_a in order:
            wall, cpu = _run_python(code)
            (pair.a_wall if is_a else pair.b_wall).append(wall)
            (pair.a_cpu if is_a else pair.b_cpu).append(cpu)
    return pair


#: (user, system) CPU seconds of every call timed by _timed, by function.
SPLIT: dict[Callable[[], object], list[tuple[float, float]]] = {}


def _usage() -> tuple[float, float]:
    if resource is None:  # pragma: no cover
        return 0.0, 0.0
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime, r.ru_stime


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of ``fn()``, including the young-generation collection it leaves
    pending (the library pauses the collector while loading; what that defers counts)."""
    gc.collect()
    user, system = _usage()
    cpu, start = time.process_time(), time.perf_counter()
    result = fn()
    gc.collect(0)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    user2, system2 = _usage()
    SPLIT.setdefault(fn, []).append((user2 - user, system2 - system))
    del result
    return wall, cpu


def compare_calls(fn_a: Callable[[], object], fn_b: Callable[[], object], rounds: int) -> Pair:
    """Call A and B alternately in this process, *rounds* times each."""
    pair = Pair()
    for i in range(rounds):
        order = ((fn_a, True), (fn_b, False)) if i % 2 == 0 else ((fn_b, False), (fn_a, True))
        for fn, is_a in order:
            wall, cpu = _timed(fn)
            (pair.a_wall if is_a else pair.b_wall).append(wall)
            (pair.a_cpu if is_a else pair.b_cpu).append(cpu)
    return pair


def retained_bytes(fn: Callable[[], object]) -> tuple[int, int]:
    """(bytes still allocated while fn's result lives, peak bytes during the call)."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = fn()
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
        del result
    finally:
        tracemalloc.stop()
    return current - before, peak - before


def median_call(fn: Callable[[], object], repeats: int) -> float:
    """Median seconds of one call of *fn* over *repeats* calls (garbage collected between)."""
    times = [_timed(fn)[0] for _ in range(repeats)]
    return statistics.median(times)


# -- the targets -------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the summary table."""

    target: str
    measured: str
    limit: str
    met: bool | None  # None: not measured in this run


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def _verdict(met: bool | None) -> str:
    return {True: "**met**", False: "**NOT met**", None: "not measured"}[met]


def target_import(rounds: int, out: list[str]) -> Row:
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import builtins, io, sys\n"
            "opened = []\n"
            "real = io.open\n"
            "def spy(f, *a, **k):\n"
            "    opened.append(str(f)); return real(f, *a, **k)\n"
            "builtins.open = io.open = spy\n"
            "import nk_casualties\n"
            "print('cattrs' in sys.modules, [f for f in opened if 'nk_casualties' in f])\n",
        ],
        check=True,
        capture_output=True,
        text=True,
        env=ENV,
    ).stdout.strip()
    clean = check == "False []"
    pair = compare_processes("import attrs", "import nk_casualties", rounds)
    base = compare_processes("pass", "import attrs", max(5, rounds // 4))
    out += [
        "## 1. `import nk_casualties`",
        "",
        f"Whole process, {rounds} interleaved rounds. Imports cattrs or reads a file: "
        f"{'no' if clean else 'YES: ' + check}.",
        "",
        "| command | median wall | ratio to `import attrs` (wall) | ratio (CPU) |",
        "|---|---|---|---|",
        f"| `python -c pass` | {_ms(base.a)} | {base.a / base.b:.2f} | — |",
        f"| `python -c 'import attrs'` | {_ms(pair.a)} | 1.00 | 1.00 |",
        f"| `python -c 'import nk_casualties'` | {_ms(pair.b)} | **{pair.ratio:.2f}** "
        f"| {pair.cpu_ratio:.2f} |",
        "",
    ]
    return Row(
        "1. import: ≤ 1.15× `import attrs`, no cattrs, no file read",
        f"{pair.ratio:.2f}× (CPU {pair.cpu_ratio:.2f}×); cattrs/file: {'no' if clean else 'yes'}",
        "1.15×",
        pair.ratio <= 1.15 and clean,
    )


def target_first_load(rounds: int, out: list[str]) -> list[Row]:
    base = "import attrs, cattrs, json, hashlib"
    pair = compare_processes(base, "import nk_casualties; nk_casualties.load()", rounds)
    nk.load()
    number = 100_000
    cached = min(timeit.repeat(nk.load, number=number, repeat=5)) / number
    out += [
        "## 2. First `load()` in a fresh process; later calls",
        "",
        f"Whole process, {rounds} interleaved rounds; the latest release "
        f"({len(nk.load().claims)} claims, {len(nk.load().sources)} sources).",
        "",
        "| command | median wall | ratio (wall) | ratio (CPU) |",
        "|---|---|---|---|",
        f"| `python -c '{base}'` | {_ms(pair.a)} | 1.00 | 1.00 |",
        f"| `python -c 'import nk_casualties; nk_casualties.load()'` | {_ms(pair.b)} "
        f"| **{pair.ratio:.2f}** | {pair.cpu_ratio:.2f} |",
        "",
        f"A cached `load()` takes {cached * 1e9:,.0f} ns (best of 5 × {number:,} calls).",
        "",
    ]
    return [
        Row(
            "2. first `load()`: ≤ 1.3× `import attrs, cattrs, json, hashlib`",
            f"{pair.ratio:.2f}× (CPU {pair.cpu_ratio:.2f}×)",
            "1.3×",
            pair.ratio <= 1.3,
        ),
        Row("2. cached `load()`", f"{cached * 1e9:,.0f} ns", "20 µs", cached < 20e-6),
    ]


def _decode_file(data: bytes) -> object:
    return msgspec_schema.decode(data)


def target_load_path(
    files: dict[int, Path], rounds: dict[int, int], out: list[str]
) -> tuple[list[Row], dict[int, float]]:
    out += [
        "## 3. `load_path` against msgspec",
        "",
        "Synthetic releases (benchmarks/synthetic.py) in the release schema. msgspec decodes "
        "the file's bytes, already in memory, as users call it: "
        "`msgspec.json.decode(data, type=Document)` into frozen Structs "
        "(benchmarks/msgspec_schema.py), collector on. `load_path(path)` is timed whole: "
        "reading, parsing, validating, building and linking the objects. Same process, "
        "alternating; both timings include the young-generation collection left pending.",
        "",
        "| claims | rounds | msgspec (median) | load_path (median) | msgspec ns/claim "
        "| load_path ns/claim | load_path user + system CPU ns/claim | ratio (wall) "
        "| ratio (CPU) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    per_claim: dict[int, float] = {}
    ratios: dict[int, Pair] = {}
    for n, path in files.items():
        load = functools.partial(nk.load_path, path)
        pair = compare_calls(functools.partial(_decode_file, path.read_bytes()), load, rounds[n])
        user = statistics.median(u for u, _ in SPLIT[load]) / n * 1e9
        system = statistics.median(s for _, s in SPLIT[load]) / n * 1e9
        ratios[n] = pair
        per_claim[n] = pair.b / n * 1e9
        out.append(
            f"| {n:,} | {rounds[n]} | {_ms(pair.a)} | {_ms(pair.b)} | {pair.a / n * 1e9:,.0f} "
            f"| {per_claim[n]:,.0f} | {user:,.0f} + {system:,.0f} | **{pair.ratio:.2f}** "
            f"| {pair.cpu_ratio:.2f} |"
        )
    out += [
        "",
        "System CPU time is mostly the kernel handing out fresh memory (page faults) for "
        "the objects made: a 1,000,000-claim dataset takes about 1 GB, returned to the "
        "system after each round, while the rounds at 10,000 claims reuse memory the process "
        "already has.",
    ]
    n_mem = 100_000 if 100_000 in files else min(files)
    mem_file = files[n_mem]
    ms_kept, ms_peak = retained_bytes(functools.partial(_decode_file, mem_file.read_bytes()))
    nk_kept, nk_peak = retained_bytes(functools.partial(nk.load_path, mem_file))
    mem_ratio = nk_kept / ms_kept
    out += [
        "",
        f"Memory at {n_mem:,} claims (tracemalloc, the same method on both sides; retained = "
        "allocated and still alive while the result is):",
        "",
        "| | retained bytes/claim | peak bytes/claim during the call |",
        "|---|---|---|",
        f"| msgspec | {ms_kept / n_mem:,.0f} | {ms_peak / n_mem:,.0f} (plus the bytes, "
        "read before) |",
        f"| load_path | {nk_kept / n_mem:,.0f} | {nk_peak / n_mem:,.0f} |",
        f"| ratio | **{mem_ratio:.2f}** | {nk_peak / ms_peak:.2f} |",
        "",
    ]
    rows = [
        Row(
            "3. `load_path` at 100,000 claims: ≤ 3× msgspec",
            f"{ratios[100_000].ratio:.2f}× (CPU {ratios[100_000].cpu_ratio:.2f}×)"
            if 100_000 in ratios
            else "—",
            "3×",
            ratios[100_000].ratio <= 3 if 100_000 in ratios else None,
        )
    ]
    if 1_000_000 in per_claim and 10_000 in per_claim:
        lin = per_claim[1_000_000] / per_claim[10_000]
        rows.append(
            Row(
                "3. `load_path` linear: ns/claim at 1M ≤ 1.3× at 10k",
                f"{lin:.2f}× ({per_claim[10_000]:,.0f} → {per_claim[1_000_000]:,.0f} ns)",
                "1.3×",
                lin <= 1.3,
            )
        )
    else:
        rows.append(Row("3. `load_path` linear to 1,000,000 claims", "— (--quick)", "1.3×", None))
    rows.append(
        Row(
            f"3. retained memory per claim ({n_mem:,} claims): ≤ 1.2× msgspec",
            f"{mem_ratio:.2f}× ({nk_kept / n_mem:,.0f} vs {ms_kept / n_mem:,.0f} B)",
            "1.2×",
            mem_ratio <= 1.2,
        )
    )
    return rows, per_claim


def target_agreement(out: list[str]) -> Row:
    names = ("test_fastpath.py", "test_stream.py", "test_overlap.py")
    tests = [ROOT / "tests" / name for name in names]
    if not all(t.exists() for t in tests):
        return Row("4. fast path ≡ validating path", "— (no tests/)", "all pass", None)
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *map(str, tests)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**ENV, "HYPOTHESIS_PROFILE": "ci"},
        check=False,
    )
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr[-200:]
    out += [
        "## 4. Fast path and validating path agree",
        "",
        "`HYPOTHESIS_PROFILE=ci pytest tests/test_fastpath.py tests/test_stream.py "
        "tests/test_overlap.py` (mutated real, synthetic and generated releases; the text "
        f"reformatted, damaged and cut into blocks of every size): `{last}`.",
        "",
    ]
    return Row(
        "4. fast path ≡ validating path (hypothesis)", f"`{last}`", "all pass", proc.returncode == 0
    )


def _daily(template: nk.Claim, n: int) -> tuple[nk.Claim, ...]:
    """*n* daily figures of one quantity on *n* different days: a total that must succeed."""
    start = dt.date(2020, 9, 27)
    return tuple(
        attrs.evolve(
            template,
            id=f"day-{i}",
            period=nk.Period(start=start + dt.timedelta(i), end=start + dt.timedelta(i)),
        )
        for i in range(n)
    )


#: Not a helper: one dict look-up per claim, to show what memory alone does to ns/claim.
REFERENCE = "reference: `older.get_claim(c.id)` for every claim"


def target_helpers(files: dict[int, Path], repeats: dict[int, int], out: list[str]) -> Row:
    ops: dict[str, Callable[[nk.Dataset, Any], object]] = {
        "select(category, population)": lambda ds, _: ds.select(
            category="killed", population="military"
        ),
        "select(subject, within=True)": lambda ds, _: ds.select(subject="p1", within=True),
        "series(claimant, category)": lambda ds, _: ds.series(claimant="p7", category="killed"),
        "latest()": lambda ds, _: ds.latest(),
        "as_of(date)": lambda ds, _: ds.as_of(dt.date(2020, 12, 1)),
        "diff(ds, ds.as_of(date))": lambda ds, older: nk.diff(older, ds),
        "total(n daily figures)": lambda _, daily: nk.total(daily),
        REFERENCE: lambda ds, older: [older.get_claim(c.id) for c in ds.claims],
    }
    table: dict[str, dict[int, float]] = {name: {} for name in ops}
    for n, path in files.items():
        ds = nk.load_path(path)
        older = ds.as_of(dt.date(2020, 12, 1))
        daily = _daily(ds.claims[0], n)
        for name, op in ops.items():
            arg = daily if name.startswith("total") else older
            table[name][n] = median_call(functools.partial(op, ds, arg), repeats[n]) / n * 1e9
        del ds, older, daily
        gc.collect()
    sizes = list(files)
    last, before = sizes[-1], sizes[-2]
    out += [
        "## 5. Helpers are linear",
        "",
        "ns per claim of the dataset (median of repeated calls), on the synthetic releases; "
        "`total` adds n daily figures of one quantity on n different days (none overlap, so "
        "every pair must be ruled out). Linear means the work per claim does not grow with "
        f"n; the verdict takes the last tenfold step ({before:,} → {last:,}), where both "
        "datasets are far larger than the CPU caches (the step from 10,000 claims, a few MB "
        "and cache-resident, to 100,000 also shows the cost of leaving the caches). The "
        "last row is no helper but a plain dict look-up per claim in the older dataset's "
        "index (what `diff` and `latest` do), the least a helper that looks anything up per "
        "claim pays: its ns per claim grow by themselves once the index outgrows the caches. "
        "So a helper passes if it grows at most 1.3× or at most as much as that look-up: "
        "then the growth is the memory system's, not more work per claim. An O(n log n) "
        "helper would grow about 1.2× more than that per tenfold step, an O(n²) one 10×.",
        "",
        "| helper | "
        + " | ".join(f"{n:,} claims" for n in sizes)
        + f" | {last:,} / {before:,} | {last:,} / {sizes[0]:,} |",
        "|---|" + "---|" * (len(sizes) + 2),
    ]
    worst, worst_name = 0.0, ""
    for name, row in table.items():
        growth = row[last] / row[before]
        if name != REFERENCE and growth > worst:
            worst, worst_name = growth, name
        out.append(
            (f"| {name} | " if name == REFERENCE else f"| `{name}` | ")
            + " | ".join(f"{row[n]:,.0f}" for n in sizes)
            + f" | **{growth:.2f}** | {row[last] / row[sizes[0]]:.2f} |"
        )
    out.append("")
    memory = table[REFERENCE][last] / table[REFERENCE][before]
    return Row(
        f"5. helpers linear: ns/claim growth {before:,} → {last:,} claims ≤ 1.3×, or ≤ a "
        "dict look-up's growth (the memory system's)",
        f"worst {worst:.2f}× (`{worst_name}`); dict look-up {memory:.2f}×",
        f"{max(1.3, memory):.2f}×",
        worst <= max(1.3, memory),
    )


# -- the report --------------------------------------------------------------------------


def _versions() -> str:
    names = ["attrs", "cattrs", "msgspec"]
    got = ", ".join(f"{n} {importlib.metadata.version(n)}" for n in names)
    return (
        f"Python {platform.python_version()} ({platform.python_implementation()}), {got}; "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, no 1M-claim run")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    quick: bool = args.quick

    package = Path(nk.__file__).parent
    compileall.compile_dir(package, quiet=1)  # as pip does for an installed wheel
    for dep in ("attr", "attrs", "cattrs"):
        spec = importlib.util.find_spec(dep)
        if spec is not None and spec.origin is not None:
            compileall.compile_dir(Path(spec.origin).parent, quiet=1)

    started = time.perf_counter()
    sizes = [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000]
    rounds = (
        {10_000: 11, 100_000: 5, 1_000_000: 3}
        if quick
        else {
            10_000: 21,
            100_000: 9,
            1_000_000: 3,
        }
    )
    helper_repeats = {10_000: 5, 100_000: 3, 1_000_000: 3}
    process_rounds = 15 if quick else 40
    out: list[str] = []
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="nk-bench-") as tmp:
        print("import ...", flush=True)
        rows.append(target_import(process_rounds, out))
        print("first load ...", flush=True)
        rows += target_first_load(process_rounds, out)
        files: dict[int, Path] = {}
        for n in sizes:
            print(f"generating {n:,} claims ...", flush=True)
            files[n] = Path(tmp) / f"synthetic-{n}.json"
            files[n].write_bytes(synthetic.dumps(synthetic.release(n)))
            gc.collect()
        print("load_path vs msgspec ...", flush=True)
        load_rows, _ = target_load_path(files, rounds, out)
        rows += load_rows
        print("fast path agreement ...", flush=True)
        rows.append(target_agreement(out))
        print("helpers ...", flush=True)
        rows.append(target_helpers(files, helper_repeats, out))
    elapsed = time.perf_counter() - started

    head = [
        "# Benchmark results",
        "",
        f"Written by `python benchmarks/run.py{' --quick' if quick else ''}` on "
        f"{dt.date.today().isoformat()} in {elapsed / 60:.1f} min: {_versions()}.",
        "Every figure is a median; every comparison alternates the compared commands. "
        "The targets are judged on wall-clock ratios; CPU-time ratios are shown beside "
        "them because they barely move when other work shares the machine. "
        "See benchmarks/README.md for the method.",
        "",
        "| target | measured | limit | verdict |",
        "|---|---|---|---|",
        *(f"| {r.target} | {r.measured} | {r.limit} | {_verdict(r.met)} |" for r in rows),
        "",
    ]
    args.output.write_text("\n".join([*head, *out]), encoding="utf-8")
    print("\n".join(head))
    print(f"written to {args.output}")
    return 0 if all(r.met is not False for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
