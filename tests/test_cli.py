"""The command line, run in-process and as ``python -m``."""

from __future__ import annotations

import subprocess
import sys

import pytest

import nk_casualties as nk
from nk_casualties._cli import main


def test_summary_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    latest = nk.load()
    assert f"data release {latest.version}" in out
    assert "Armed Forces of Azerbaijan (military), killed" in out
    assert "'More than 100'" in out
    assert "[101, ∞)" in out
    assert f"{len(latest.claims)} claims" in out


def test_summary_of_a_pinned_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version", "1.0.0", "summary"]) == 0
    assert "data release 1.0.0" in capsys.readouterr().out


def test_versions_and_show_and_cite(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["versions"]) == 0
    assert capsys.readouterr().out.split() == list(nk.versions())
    assert main(["--version", "1.0.0", "show", "A3.wounded"]) == 0
    out = capsys.readouterr().out
    assert "'More than 1,240'" in out
    assert "[1241, ∞)" in out
    assert "rt.com" in out
    assert main(["--version", "1.0.0", "cite", "--format", "bibtex"]) == 0
    assert "version = {1.0.0}" in capsys.readouterr().out


def test_errors_exit_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version", "9.9.9"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "available: 1.0.0" in err
    assert main(["--version", "1.0.0", "show", "nope"]) == 2
    assert "no claim with id 'nope'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def test_python_dash_m() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "nk_casualties"], capture_output=True, text=True, check=True
    ).stdout
    assert "data release" in out


def test_a_closed_pipe_ends_quietly() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "nk_casualties"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate()
    assert b"Traceback" not in err


def test_show_a_partial_period_claim(capsys: pytest.CaptureFixture[str]) -> None:
    ds = nk.load("1.1.0")
    claim = next(c for c in ds.claims if c.period is not None)
    assert main(["--version", "1.1.0", "show", claim.id]) == 0
    out = capsys.readouterr().out
    assert claim.period is not None
    assert f"period     {claim.period.start} to {claim.period.end}" in out
