"""Loading straight from the text agrees with ``json.loads`` followed by ``structure``.

The fast path parses a document's top level itself and its arrays one item at a time, and
reads a file a block at a time (``_converter._parse_fast``). These tests hold it to the
reference, ``structure(json.loads(text))``: for any text (a release reformatted, mutated as
a document, or damaged byte by byte), ``parse`` and ``parse_file`` return an equal dataset
or raise the same DataError as the reference does, with blocks so small that every kind of
token (numbers, strings, escapes, multi-byte characters) is cut somewhere.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nk_casualties as nk
from nk_casualties import _converter, _data

from .equality import same_dataset
from .mutations import Edit, apply, mutations, paths

RELEASES = {v: (_data._data_dir() / f"nk-casualties-{v}.json").read_bytes() for v in nk.versions()}
DOCS = {v: json.loads(data) for v, data in RELEASES.items()}
PATHS = {v: paths(doc) for v, doc in DOCS.items()}
KEYS = sorted(_converter._DOCUMENT_KEYS)

Outcome = nk.Dataset | str


@contextlib.contextmanager
def _blocks(block: int, margin: int) -> Iterator[None]:
    """Read files *block* bytes at a time; read on when fewer than *margin* are left."""
    saved = _converter._BLOCK, _converter._MARGIN
    _converter._BLOCK, _converter._MARGIN = block, margin
    try:
        yield
    finally:
        _converter._BLOCK, _converter._MARGIN = saved


def _reference(data: bytes) -> Outcome:
    """What the validating path's way makes of *data*: json.loads, then structure()."""
    try:
        text = _converter.decode(data, origin="f")
        return _converter.structure(_converter._loads(text, origin="f"), origin="f")
    except nk.DataError as exc:
        return str(exc)


def _load_file(data: bytes, block: int, margin: int) -> tuple[Outcome, bool]:
    """What ``parse_file`` makes of a file of *data*, read *block* bytes at a time; and
    whether it read the file whole for ``parse`` (json.loads) instead."""
    whole = False
    parse = _converter.parse

    def counted(data: bytes, *, origin: str | None = None) -> nk.Dataset:
        nonlocal whole
        whole = True
        return parse(data, origin=origin)

    with tempfile.TemporaryDirectory() as tmp, _blocks(block, margin):
        path = Path(tmp) / "release.json"
        path.write_bytes(data)
        _converter.parse = counted
        try:
            return _converter.parse_file(path, origin="f"), whole
        except nk.DataError as exc:
            return str(exc), whole
        finally:
            _converter.parse = parse


def _same(a: Outcome, b: Outcome) -> bool:
    """Equal datasets (indexes and tags too), or equal error messages."""
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return same_dataset(a, b)


def _assert_agree(data: bytes, block: int, margin: int, *, json_dumps: bool = True) -> None:
    """Loading a file of *data* agrees with the reference; and if *data* is the output of
    json.dumps (no repeated keys), valid and longer than a block, it never left the fast
    path."""
    expected = _reference(data)
    outcome, whole = _load_file(data, block, margin)
    assert _same(outcome, expected), "parse_file() differs from json.loads + structure()"
    if json_dumps and isinstance(expected, nk.Dataset):
        assert whole == (len(data) <= block), "a valid text left the fast path"


@st.composite
def _texts(draw: st.DrawFn, doc: Any) -> bytes:
    """*doc* as JSON text, formatted in any way json.dumps can, its keys in any order."""
    order = draw(st.permutations(list(doc))) if isinstance(doc, dict) else None
    if order is not None:
        doc = {k: doc[k] for k in order}
    indent = draw(st.sampled_from([None, None, 0, 1, 2, "\t"]))
    separators = draw(st.sampled_from([None, (",", ":"), (" ,", " : "), (",\n", ":\r\n")]))
    ascii_only = draw(st.booleans())
    text = json.dumps(doc, indent=indent, separators=separators, ensure_ascii=ascii_only)
    space = draw(st.sampled_from(["", " ", "\n", " \t\r\n"]))
    return (space + text + space).encode()


BLOCKS = st.sampled_from([1, 2, 3, 5, 8, 64, 1000, 1 << 20])
MARGINS = st.sampled_from([0, 1, 40, 1 << 16])


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(sorted(RELEASES)), st.data(), BLOCKS, MARGINS)
def test_reformatted_releases_load_the_same(
    version: str, data: st.DataObject, block: int, margin: int
) -> None:
    _assert_agree(data.draw(_texts(DOCS[version]), label="text"), block, margin)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(sorted(RELEASES)), st.data(), BLOCKS, MARGINS)
def test_mutated_releases_load_the_same(
    version: str, data: st.DataObject, block: int, margin: int
) -> None:
    """Document-level damage: dropped keys, wrong types, duplicates, extra keys."""
    changes: list[Edit] = data.draw(mutations(PATHS[version]), label="edits")
    _assert_agree(data.draw(_texts(apply(DOCS[version], changes)), label="text"), block, margin)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(sorted(RELEASES)), st.data(), BLOCKS, MARGINS)
def test_damaged_bytes_load_the_same(
    version: str, data: st.DataObject, block: int, margin: int
) -> None:
    """Text-level damage: JSON that breaks, or still parses to something else."""
    raw = bytearray(data.draw(_texts(DOCS[version]), label="text"))
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        at = data.draw(st.integers(0, len(raw)), label="at")
        how = data.draw(st.sampled_from(["delete", "insert", "replace", "repeat", "cut"]))
        piece = data.draw(
            st.sampled_from([b"{", b"}", b"[", b"]", b",", b":", b'"', b"\\", b"0", b"-", b"1e5"])
            | st.sampled_from([b" ", b"null", b"true", b"NaN", b"\xff", b"\xc3", b"\xd5\xa1"])
            | st.binary(min_size=1, max_size=3),
            label="piece",
        )
        if how == "delete":
            del raw[at : at + len(piece)]
        elif how == "insert":
            raw[at:at] = piece
        elif how == "replace":
            raw[at : at + len(piece)] = piece
        elif how == "repeat":
            raw[at:at] = raw[at : at + data.draw(st.integers(1, 200))]
        else:
            del raw[at:]
    block, margin = data.draw(st.tuples(BLOCKS, MARGINS), label="blocks")
    _assert_agree(bytes(raw), block, margin, json_dumps=False)


@pytest.mark.parametrize("version", sorted(RELEASES))
@pytest.mark.parametrize("block", [1, 2, 3, 4, 5, 7, 11, 13, 64, 257, 4096])
def test_every_cut_of_a_release_loads_the_same(version: str, block: int) -> None:
    """Blocks of these sizes cut the release's numbers, strings, escapes and multi-byte
    characters (its sources name places in Armenian, Azerbaijani, Arabic and Russian)."""
    _assert_agree(RELEASES[version], block, margin=0)


@pytest.mark.parametrize("first", KEYS)
def test_valid_text_never_leaves_the_fast_path(first: str) -> None:
    """Whatever key comes first, a valid document is loaded without json.loads."""
    doc = DOCS[nk.versions()[-1]]
    keys = [first, *reversed([k for k in KEYS if k != first])]
    data = json.dumps({k: doc[k] for k in keys}, indent=1, ensure_ascii=False).encode()
    assert _load_file(data, 100, 10) == (nk.load(), False)


def test_a_file_of_one_block_is_read_whole() -> None:
    """json.loads is quicker for it, and its memory does not matter."""
    assert _load_file(RELEASES["1.0.0"], 1 << 20, 1 << 16) == (nk.load("1.0.0"), True)


@pytest.mark.parametrize("where", ["first", "last"])
def test_a_repeated_top_level_key_counts_once_as_in_json_loads(where: str) -> None:
    """json.loads keeps the last value of a repeated key: here, parties renamed after the
    claims that refer to them. Loading must not keep the claims' first parties."""
    doc = DOCS["1.0.0"]
    renamed = [{**p, "name": p["name"] + " (renamed)"} for p in doc["parties"]]
    text = json.dumps(doc)
    extra = json.dumps(renamed)
    data = (
        '{"parties": ' + extra + ", " + text[1:]
        if where == "first"
        else text[:-1] + ', "parties": ' + extra + "}"
    ).encode()
    _assert_agree(data, 64, 16, json_dumps=False)
    ds, _ = _load_file(data, 64, 16)
    assert isinstance(ds, nk.Dataset)
    renamed_last = where == "last"
    assert ds.claims[0].claimant.name.endswith(" (renamed)") == renamed_last
    assert all(ds.party(c.claimant.id) is c.claimant for c in ds.claims)


def test_a_file_is_never_all_in_memory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """parse_file holds a block and what is left of the one before, not the whole text."""
    longest = 0
    refill = _converter._Text.refill

    def spy(text: _converter._Text, idx: int) -> int:
        nonlocal longest
        new = refill(text, idx)
        longest = max(longest, len(text.buf))
        return new

    monkeypatch.setattr(_converter._Text, "refill", spy)
    path = tmp_path / "release.json"
    path.write_bytes(RELEASES[nk.versions()[-1]])
    with _blocks(4096, 1024):
        ds = _converter.parse_file(path, origin="f")
    assert ds == nk.load()
    assert 0 < longest < 3 * 4096 < len(RELEASES[nk.versions()[-1]]) // 20


def test_load_path_reports_bad_bytes_as_before(tmp_path: Path) -> None:
    path = tmp_path / "release.json"
    path.write_bytes(b"\xef\xbb\xbf" + RELEASES["1.0.0"])  # a byte-order mark
    with _blocks(8, 0), pytest.raises(nk.DataError, match=r"not valid JSON: Unexpected UTF-8"):
        nk.load_path(path)
    path.write_bytes(RELEASES["1.0.0"][:100] + b"\xff" + RELEASES["1.0.0"][100:])
    with _blocks(8, 0), pytest.raises(nk.DataError, match=r"not valid UTF-8 \(byte 100\) @ \$"):
        nk.load_path(path)


def _release_with(**changes: object) -> bytes:
    return json.dumps({**DOCS["1.0.0"], **changes}).encode()


FIRST_SOURCE = DOCS["1.0.0"]["sources"][0]


@pytest.mark.parametrize(
    "data",
    [
        RELEASES["1.0.0"] + b" x",  # text after the document
        RELEASES["1.0.0"].replace(b"}\n ],", b"} {}\n ],", 1),  # no comma between items
        RELEASES["1.0.0"].replace(b'",\n "released_on"', b'" ; "released_on"', 1),
        _release_with(parties={}),  # not arrays, so not streamed
        _release_with(sources="none"),
        _release_with(sources=[*DOCS["1.0.0"]["sources"], FIRST_SOURCE]),  # a repeated id
        _release_with(claims=[*DOCS["1.0.0"]["claims"], DOCS["1.0.0"]["claims"][0]]),
        b"[]",
        b"{}",
        b"",
    ],
    ids=[
        "trailing",
        "items",
        "members",
        "parties",
        "sources",
        "source-id",
        "claim-id",
        "array",
        "empty-object",
        "empty",
    ],
)
def test_invalid_texts_load_the_same(data: bytes) -> None:
    assert isinstance(_reference(data), str)
    for block in (3, 1 << 20):
        _assert_agree(data, block, 1, json_dumps=False)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("data", [RELEASES["1.0.0"], RELEASES["1.0.0"][:-20]])
def test_a_pipe_is_read_once(tmp_path: Path, data: bytes) -> None:
    """A pipe cannot be read again after the fast path: it is read whole, then parsed."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    writer = threading.Thread(target=pipe.write_bytes, args=(data,))
    writer.start()
    try:
        outcome: Outcome = nk.load_path(pipe)
    except nk.DataError as exc:
        outcome = str(exc).replace(str(pipe), "f")
    finally:
        writer.join()
    assert _same(outcome, _reference(data))


class _FailingFile(io.FileIO):
    """A file that opens, then fails to read, as a disk with bad sectors does."""

    def read(self, size: int | None = -1) -> bytes:
        raise OSError(5, "Input/output error")

    def readall(self) -> bytes:
        raise OSError(5, "Input/output error")


@pytest.mark.parametrize("block", [8, 1 << 20])
def test_a_read_error_is_a_data_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, block: int
) -> None:
    """Failing in the middle of the fast path, or reading whole, the same error."""
    path = tmp_path / "release.json"
    path.write_bytes(RELEASES["1.0.0"])
    monkeypatch.setattr(_converter, "open", lambda p, *a, **k: _FailingFile(p), raising=False)
    with (
        _blocks(block, 0),
        pytest.raises(nk.DataError, match=r"cannot read the file: Input/output error @ \$"),
    ):
        nk.load_path(path)


@pytest.mark.parametrize("section", ["claims", "sources", "parties"])
def test_empty_sections_load_the_same(section: str) -> None:
    doc = {**DOCS["1.0.0"], "claims": [], section: []}
    for text in (json.dumps(doc), json.dumps(doc, indent=2)):
        _assert_agree(text.encode(), 5, 0)
