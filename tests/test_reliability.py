"""No wrong data handed out silently: damaged files, mixed releases, no network, no writes."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nk_casualties as nk

from .mutations import Edit, apply, mutations, paths

DATA = Path(nk.__file__).with_name("data")
RELEASES = {v: (DATA / f"nk-casualties-{v}.json").read_bytes() for v in nk.versions()}
DOCS = {v: json.loads(data) for v, data in RELEASES.items()}
PATHS = {v: paths(doc) for v, doc in DOCS.items()}


def _only_documented_errors(data: bytes) -> None:
    """Parse *data*: a Dataset, or a DataError whose every problem has a JSON path."""
    error: nk.DataError | None = None
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        f.write(data)
        f.flush()
        try:
            ds = nk.load_path(f.name)
        except nk.DataError as exc:
            error = exc
    if error is None:
        assert isinstance(ds, nk.Dataset)
        return
    assert str(error).strip()
    assert error.problems
    for problem in error.problems:
        assert " @ $" in problem, problem


@pytest.mark.parametrize("version", list(RELEASES))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_a_mutated_release_gives_a_dataset_or_a_data_error(
    version: str, data: st.DataObject
) -> None:
    """Law: however a real release is damaged, only a DataError with located problems comes out."""
    changes: list[Edit] = data.draw(mutations(PATHS[version]), label="edits")
    doc = apply(DOCS[version], changes)
    _only_documented_errors(json.dumps(doc).encode())


@pytest.mark.parametrize("version", list(RELEASES))
@given(data=st.data())
def test_a_release_damaged_byte_by_byte_gives_a_data_error(
    version: str, data: st.DataObject
) -> None:
    """Law: truncated, spliced or bit-flipped bytes raise DataError, never anything else."""
    raw = RELEASES[version]
    cut = data.draw(st.integers(0, len(raw) - 1), label="cut")
    how = data.draw(st.sampled_from(["truncate", "flip", "splice"]), label="how")
    if how == "truncate":
        damaged = raw[:cut]
    elif how == "flip":
        damaged = raw[:cut] + bytes([raw[cut] ^ data.draw(st.integers(1, 255))]) + raw[cut + 1 :]
    else:
        damaged = raw[:cut] + data.draw(st.binary(min_size=1, max_size=8)) + raw[cut:]
    _only_documented_errors(damaged)


def test_load_path_of_a_mutated_copy_is_all_or_nothing(tmp_path: Path) -> None:
    """A damaged file raises; the packaged release is still served intact afterwards."""
    doc = apply(DOCS["1.0.0"], [("drop", ("claims", 3, "figure"), None)])
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(nk.DataError, match=r"@ \$\.claims\[3\]\.figure"):
        nk.load_path(path)
    assert len(nk.load("1.0.0").claims) == 49


# -- mixing releases -------------------------------------------------------------------------


def test_claims_know_their_release() -> None:
    old, new = nk.load("1.0.0"), nk.load("1.1.0")
    assert old.claim("A1.killed").dataset_version == "1.0.0"
    assert new.claim("A1.killed").dataset_version == "1.1.0"
    assert old.claim("A1.killed") == new.claim("A1.killed")  # equal data, different release
    assert old.as_of(dt.date(2020, 12, 3)).claims[0].dataset_version == "1.0.0"


def test_total_refuses_claims_from_two_releases() -> None:
    old, new = nk.load("1.0.0"), nk.load("1.1.0")
    with pytest.raises(
        nk.ArgumentError, match="mixes claims of different dataset versions"
    ) as info:
        nk.total([old.claim("A1.killed"), new.claim("A4.killed")])
    assert "'A1.killed' from 1.0.0" in str(info.value)
    assert "'A4.killed' from 1.1.0" in str(info.value)
    same = nk.total([new.claim("A1.killed"), new.claim("A4.killed")])
    assert same.range == nk.Range.exact(5100)


def test_reconcile_refuses_claims_from_two_releases() -> None:
    old, new = nk.load("1.0.0"), nk.load("1.1.0")
    with pytest.raises(nk.ArgumentError, match="different dataset versions"):
        nk.reconcile([old.claim("A3.wounded"), new.claim("B2.wounded")])
    assert nk.reconcile([new.claim("A3.wounded"), new.claim("B2.wounded")]) == nk.Range.exact(1245)


def test_a_claim_built_by_hand_belongs_to_no_release() -> None:
    """The release is recorded when a claim is loaded; it is not part of equality."""
    import attrs

    loaded = nk.load("1.0.0").claim("A1.killed")
    fields = {a.name: getattr(loaded, a.name) for a in attrs.fields(nk.Claim)}
    fresh = nk.Claim(**{**fields, "dataset_version": None})
    assert loaded.dataset_version == "1.0.0"
    assert fresh.dataset_version is None
    assert fresh == loaded
    assert attrs.evolve(loaded, id="mine").dataset_version == "1.0.0"


#: Untyped on purpose: these are the calls a type checker would reject, made anyway.
NK: Any = nk


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: NK.total([]), nk.ArgumentError, "'claims' is empty"),
        (lambda: NK.total(NK.load().claims[0]), nk.ArgumentTypeError, "iterable of Claim"),
        (lambda: NK.total(["A1.killed"]), nk.ArgumentTypeError, "claims[0] must be a Claim"),
        (lambda: NK.reconcile([]), nk.ArgumentError, "'items' is empty"),
        (lambda: NK.reconcile(3), nk.ArgumentTypeError, "'items' must be an iterable"),
        (lambda: NK.discrepancy(1, 2), nk.ArgumentTypeError, "'a' must be a Claim"),
        (lambda: NK.lower_bound("100"), nk.ArgumentTypeError, "'x' must be a Claim"),
        (lambda: NK.Range(low=-1, high=None), nk.ArgumentError, "'low' must be >= 0"),
        (lambda: NK.Range(low=5, high=4), nk.ArgumentError, "'high'"),
        (lambda: NK.diff(NK.load(), "1.0.0"), nk.ArgumentTypeError, "'new' must be a Dataset"),
        (lambda: NK.load(1), nk.ArgumentTypeError, "'version'"),
        (lambda: NK.load_path(3), nk.ArgumentTypeError, "path"),
        (lambda: NK.Range.exact(3).overlaps(3), nk.ArgumentTypeError, "'other' must be a Range"),
        (lambda: NK.Range.exact(3).issubset(None), nk.ArgumentTypeError, "must be a Range"),
        (lambda: NK.load().party("az").within("az"), nk.ArgumentTypeError, "must be a Party"),
        (lambda: NK.Category.KILLED.overlaps("killed"), nk.ArgumentTypeError, "a Category"),
        (lambda: NK.Population.MILITARY.overlaps(1), nk.ArgumentTypeError, "a Population"),
        (lambda: NK.load().claim(3), nk.ArgumentTypeError, "'id' must be a str"),
        (
            lambda: NK.load().select(category="kiled"),
            nk.ArgumentError,
            "'category' must be a Category or one",
        ),
        (lambda: NK.load().as_of("2020-12-03"), nk.ArgumentTypeError, "'day' must be"),
        (lambda: NK.load().cite(format="apa"), nk.ArgumentError, "'format' must be"),
        (lambda: NK.to_datapackage(NK.load(), None), nk.ArgumentTypeError, "'directory' must be"),
    ],
)
def test_wrong_inputs_to_helpers_raise_the_documented_error(
    call: Any, error: type[Exception], words: str
) -> None:
    with pytest.raises(error) as info:
        call()
    assert isinstance(info.value, nk.NKCasualtiesError)
    assert words in str(info.value)


# -- no network, no writes ---------------------------------------------------------------------


AUDIT = textwrap.dedent(
    """
    import hashlib, os, sys
    import nk_casualties as nk
    # Warm up: imports, and the hooks cattrs generates (compiles) from our classes on first
    # use. Anything compiled or run after this would come from the data.
    nk.load_path(sys.argv[1])
    package = os.path.dirname(os.path.abspath(nk.__file__))

    def snapshot():
        return sorted(
            (os.path.join(d, f), hashlib.sha256(open(os.path.join(d, f), "rb").read()).digest())
            for d, _, files in os.walk(package) for f in files
        )

    before = snapshot()
    seen = []
    WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def hook(event, args):
        if event.startswith(("socket.", "pickle.", "marshal.", "subprocess.", "urllib.")):
            seen.append(event)
        elif event in ("exec", "compile", "os.system", "ctypes.dlopen", "import"):
            seen.append(event)
        elif event == "open":
            path, mode, flags = args
            writes = (mode and any(c in mode for c in "wax+")) or (flags and flags & WRITE)
            if writes:
                seen.append(f"write {path}")
        elif event in ("os.remove", "os.rename", "os.mkdir", "os.chmod", "shutil.rmtree"):
            seen.append(event)

    sys.addaudithook(hook)
    for v in nk.versions():
        nk.load(v)
    nk.load_path(sys.argv[1])
    if snapshot() != before:
        seen.append("the package changed")
    print(repr(seen))
    """
)


def test_loading_opens_no_socket_and_runs_no_code_from_data(tmp_path: Path) -> None:
    """Audit hooks see every socket, exec/compile, pickle, import and write while loading.

    Loading every packaged release for the first time and a user's file: no network, no
    code run from data, nothing written, and the package's files unchanged.
    """
    path = tmp_path / "copy.json"
    path.write_bytes(RELEASES["1.1.0"])
    out = subprocess.run(
        [sys.executable, "-c", AUDIT, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    ).stdout
    assert out.strip() == "[]"
