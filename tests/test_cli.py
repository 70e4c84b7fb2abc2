"""The command line, run in-process and as ``python -m``."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

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


def test_series_prints_one_line_per_statement(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--version", "1.1.0", "series", "--claimant", "az-mod", "--category", "killed"]) == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[-1] == "A1.killed"
    assert lines[-1].split()[-1] == "C10.killed"
    assert "'2,906'" in lines[-1]
    assert main(["series", "--claimant", "az-mod", "--category", "killed", "--partial"]) == 0
    assert capsys.readouterr().out.strip() == "no claims match"


def test_series_with_a_bad_vocabulary_value_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["series", "--claimant", "az-mod", "--category", "kiled"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "'category' must be a Category or one of" in err


def test_export_csv_to_stdout_has_one_row_per_claim(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--version", "1.0.0", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 49
    assert rows[0]["claim_id"] == "A1.killed"


def test_export_json_to_a_file_loads_back(tmp_path: Path) -> None:
    out = tmp_path / "data.json"
    assert main(["--version", "1.0.0", "export", "--format", "json", "--output", str(out)]) == 0
    assert nk.load_path(out) == nk.load("1.0.0")


def test_export_datapackage_needs_a_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "datapackage"]) == 2
    assert "needs --output DIR" in capsys.readouterr().err
    assert main(["export", "--format", "datapackage", "--output", str(tmp_path / "pkg")]) == 0
    assert (tmp_path / "pkg" / "datapackage.json").is_file()
    assert main(["export", "--output", str(tmp_path / "no" / "such" / "dir.csv")]) == 2
    assert "--output: cannot write" in capsys.readouterr().err


def test_diff_between_releases(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "1.0.0", "1.1.0"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "1.0.0 -> 1.1.0: 399 added, 0 removed, 0 changed, 49 unchanged"
    assert "+ C10.killed  '2,906'" in out
    assert main(["diff", "1.1.0", "1.0.0"]) == 0
    assert "- C10.killed  '2,906'" in capsys.readouterr().out
    assert main(["diff", "1.0.0", "7.0.0"]) == 2
    assert "no dataset release '7.0.0'" in capsys.readouterr().err


def test_version_after_the_subcommand_wins(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version", "1.1.0", "summary", "--version", "1.0.0"]) == 0
    assert "data release 1.0.0" in capsys.readouterr().out


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for command in ("summary", "versions", "show", "series", "export", "cite", "diff"):
        assert command in out


def test_export_never_overwrites_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An existing file is kept unless --force; '-' is standard output; a bad path exits 2."""
    out = tmp_path / "claims.csv"
    out.write_text("keep me")
    assert main(["export", "--format", "csv", "--output", str(out)]) == 2
    assert "exists; pass --force" in capsys.readouterr().err
    assert out.read_text() == "keep me"
    assert main(["export", "--format", "csv", "--output", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("claim_id,")
    assert [p.name for p in tmp_path.iterdir()] == ["claims.csv"]  # no temporary left
    assert main(["--version", "1.0.0", "export", "--format", "json", "--output", "-"]) == 0
    assert nk.load("1.0.0").version in capsys.readouterr().out
    assert not (Path.cwd() / "-").exists()
    assert main(["export", "--output", str(tmp_path / "a\0b")]) == 2
    assert "--output: cannot write" in capsys.readouterr().err
    pkg = tmp_path / "pkg"
    assert main(["export", "--format", "datapackage", "--output", str(pkg)]) == 0
    assert main(["export", "--format", "datapackage", "--output", str(pkg)]) == 2
    assert "already exist" in capsys.readouterr().err
