"""Check a built wheel holds what users need: every release file, the manifest and py.typed.

Usage: ``python tools/check_wheel.py dist/nk_casualties-*.whl``. Exits 1, naming what is
missing, if the wheel lacks a release listed in the source tree's manifest or in its own, or
holds tests or tools. ``.ci/run`` runs it on every build.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

MANIFEST = (
    Path(__file__).resolve().parent.parent / "src" / "nk_casualties" / "data" / "manifest.json"
)


def problems(wheel: Path, manifest: Path = MANIFEST) -> list[str]:
    """What is wrong with *wheel*; empty if nothing."""
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        inside = "nk_casualties/data/manifest.json"
        shipped = json.loads(zf.read(inside)) if inside in names else {"releases": []}
    expected = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else shipped
    need = {"nk_casualties/py.typed", inside}
    for doc in (expected, shipped):
        need |= {f"nk_casualties/data/{r['file']}" for r in doc["releases"]}
    out = [f"missing {name}" for name in sorted(need - names)]
    out += [f"should not ship {n}" for n in sorted(names) if n.startswith(("tests/", "tools/"))]
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    found = problems(Path(argv[0]))
    for p in found:
        print(f"check_wheel: {p}", file=sys.stderr)
    if not found:
        print(f"check_wheel: {Path(argv[0]).name} holds every release, the manifest and py.typed")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
