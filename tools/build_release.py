"""Build a dataset release file from the editable source in tools/source/.

Usage:
    python tools/build_release.py           # write the release named in release.toml
    python tools/build_release.py --check   # exit 1 unless the shipped file equals the build

The output goes through the library's own converter (``nk_casualties._json``) and its
canonical JSON writer, so a built file always loads. A version already published is never
overwritten with different bytes: released files are immutable. Publishing a release writes
its file, its manifest entry and its SHA-256 pinned in ``nk_casualties/_data.py``.

The stored form of each record is derived from the library's attrs classes: a source table's
keys are ``Source``'s fields; a claim's are ``Claim``'s, with the figure's fields and the
period's (``period_start``, ``period_end``) written flat.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

import attrs

from nk_casualties import Claim, DataError, Dataset, Event, Figure, Party, Period, Source, _json

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tools" / "source"
DATA = ROOT / "src" / "nk_casualties" / "data"
MANIFEST = DATA / "manifest.json"
PINS = ROOT / "src" / "nk_casualties" / "_data.py"


class BuildError(Exception):
    """The source does not make a valid release."""


def source_id(url: str) -> str:
    """A stable, readable id for a source, derived from its URL."""
    host = urlsplit(url).netloc.lower()
    for prefix in ("www.", "m.", "amp.", "mail."):
        host = host.removeprefix(prefix)
    slug = re.sub(r"[^a-z0-9]+", "-", host).strip("-")
    return f"{slug}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"


def _source_files(source: Path, include: list[str]) -> list[Path]:
    claims = {p for pattern in include for p in (source / "claims").glob(pattern)}
    return [source / "events.toml", source / "parties.toml", *sorted(claims)]


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _stored(cls: type, table: dict[str, Any], **given: Any) -> dict[str, Any]:
    """The stored form of a record: *cls*'s fields, from *given* or else from *table*."""
    out = {}
    for a in attrs.fields(cls):
        value = given[a.name] if a.name in given else table.get(a.name)
        if value is not None and a.name != "dataset_version":
            out[a.name] = _json_value(value)
    return out


def _claim(c: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    figure = _stored(Figure, c)
    period = None
    if "period_start" in c or "period_end" in c:
        period = _stored(Period, {"start": c.get("period_start"), "end": c.get("period_end")})
    sources = [ids.get(u, u) for u in c["sources"]]
    return _stored(Claim, c, figure=figure, period=period, sources=sources)


def _used_parties(parties: list[dict[str, Any]], claims: Iterable[dict[str, Any]]) -> list[str]:
    parent = {p["id"]: p.get("part_of") for p in parties}
    used: set[str] = set()
    for c in claims:
        for start in (c["claimant"], c["subject"]):
            pid = start
            while pid is not None and pid not in used:
                used.add(pid)
                pid = parent.get(pid)
    return [p["id"] for p in parties if p["id"] in used]


def build(source: Path = SOURCE) -> tuple[Dataset, bytes]:
    """Build the release described by *source*; return the dataset and its canonical bytes."""
    release = tomllib.loads((source / "release.toml").read_text(encoding="utf-8"))["release"]
    problems: list[str] = []
    events: list[dict[str, Any]] = []
    parties: list[dict[str, Any]] = []
    sources: dict[str, tuple[str, dict[str, Any]]] = {}
    claims: list[dict[str, Any]] = []
    for path in _source_files(source, release.get("include", ["*.toml"])):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        events.extend(doc.get("event", []))
        for p in doc.get("party", []):  # a party several files need: identical copies merge
            known_party = next((q for q in parties if q["id"] == p["id"]), None)
            if known_party is None:
                parties.append(p)
            elif known_party != p:
                problems.append(f"{path.name}: party {p['id']!r} differs from its other table")
        for s in doc.get("source", []):
            known = sources.get(s["url"])
            if known is not None and known[1] != s:
                problems.append(
                    f"{path.name}: source {s['url']!r} differs from its table in {known[0]}"
                )
            sources.setdefault(s["url"], (path.name, s))
        claims.extend(doc.get("claim", []))
    if problems:
        raise BuildError("\n".join(problems))

    ids = {url: source_id(url) for url in sources}
    if len(set(ids.values())) != len(ids):  # pragma: no cover - a sha256 prefix collision
        raise BuildError("two URLs map to one source id")
    used_sources = {u for c in claims for u in c["sources"]}
    keep = set(_used_parties(parties, claims))
    used_events = {c.get("event") for c in claims}
    raw = _stored(
        Dataset,
        release,
        citation=release["citation"].format(version=release["version"]),
        events=[_stored(Event, e) for e in events if e["id"] in used_events] or None,
        parties=[_stored(Party, p) for p in parties if p["id"] in keep],
        sources=[
            _stored(Source, s, id=ids[url], url=url)
            for url, (_, s) in sources.items()
            if url in used_sources
        ],
        claims=[_claim(c, ids) for c in claims],
    )
    ds = _json.structure(raw, origin="tools/source")
    return ds, _json.dumps(ds).encode("utf-8")


def release_file(version: str) -> Path:
    """Where the release file of *version* lives."""
    return DATA / f"nk-casualties-{version}.json"


def read_manifest() -> list[dict[str, str]]:
    """The manifest's release entries (empty if there is no manifest yet)."""
    if not MANIFEST.exists():
        return []
    releases: list[dict[str, str]] = json.loads(MANIFEST.read_text(encoding="utf-8"))["releases"]
    return releases


def write(ds: Dataset, data: bytes) -> Path:
    """Write the release file and its manifest entry; refuse to change a released file."""
    releases = read_manifest()
    target = release_file(ds.version)
    sha = hashlib.sha256(data).hexdigest()
    for entry in releases:
        if entry["version"] == ds.version:
            if entry["sha256"] != sha:
                raise BuildError(
                    f"release {ds.version} is already published with sha256 {entry['sha256']}; "
                    "released files are immutable: bump the version in release.toml"
                )
            return target
    target.write_bytes(data)
    releases.append({"version": ds.version, "file": target.name, "sha256": sha})
    MANIFEST.write_text(json.dumps({"releases": releases}, indent=1) + "\n", encoding="utf-8")
    pin(ds.version, sha)
    return target


def pin(version: str, sha: str, pins: Path = PINS) -> None:
    """Add ``"version": "sha"`` as the last entry of ``PINNED`` in the library's source."""
    text = pins.read_text(encoding="utf-8")
    head, sep, tail = text.partition("PINNED: Final = {\n")
    body, close, rest = tail.partition("}\n")
    if not sep or not close:
        raise BuildError(f"no PINNED table in {pins}")
    if f'"{version}":' in body:
        raise BuildError(f"release {version} is already pinned in {pins}")
    pins.write_text(f'{head}{sep}{body}    "{version}": "{sha}",\n{close}{rest}', encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare with the shipped file instead of writing"
    )
    args = parser.parse_args(argv)
    try:
        ds, data = build()
    except (BuildError, DataError) as exc:
        print(f"build failed:\n{exc}", file=sys.stderr)
        return 1
    if args.check:
        target = release_file(ds.version)
        if not target.exists() or target.read_bytes() != data:
            print(f"{target.name} differs from a build of tools/source/", file=sys.stderr)
            return 1
        print(f"{target.name} matches tools/source/ ({len(ds.claims)} claims)")
        return 0
    try:
        target = write(ds, data)
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {target.relative_to(ROOT)}: {len(ds.claims)} claims, {len(ds.sources)} sources")
    return 0


if __name__ == "__main__":
    sys.exit(main())
