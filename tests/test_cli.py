"""The command line, run in-process and as a program: commands, JSON shapes, terminals."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import nk_casualties as nk
from nk_casualties._cli import main


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The program in a fresh interpreter, its output decoded as its encoding says."""
    encoding = env.get("PYTHONIOENCODING", "utf-8")
    return subprocess.run(
        [sys.executable, "-m", "nk_casualties", *args],
        capture_output=True,
        env={**os.environ, "COLUMNS": "80", **env},
        encoding=encoding,
        check=False,
    )


def json_of(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_headline_fits_80_columns_and_names_both_sides() -> None:
    proc = run()
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) < 60
    assert max(len(line) for line in lines) <= 80
    assert "2,906" in proc.stdout  # Azerbaijan's Defence Ministry
    assert "3,825" in proc.stdout  # Armenia's Prime Minister, 13 Apr 2022
    assert "AZERBAIJANI SIDE (az-side)" in proc.stdout
    assert "ARMENIAN SIDE (am-side)" in proc.stdout
    assert f"data release {nk.versions()[-1]}" in lines[0]


def test_a_long_event_name_is_shortened_not_its_dates() -> None:
    proc = run("overview", "--event", "offensive-2023")
    assert proc.returncode == 0, proc.stderr
    title = proc.stdout.splitlines()[1]
    assert len(title) <= 80
    assert title.startswith("Azerbaijan's offensive")
    assert title.endswith("… (2023-09-19 to 2023-09-20)")


def test_overview_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    data = json_of(capsys, "overview", "--event", "war-2020")
    assert set(data) == {"release", "event", "as_of", "rows"}
    row = data["rows"][0]
    assert set(row) == {
        "side", "side_name", "event", "population", "category", "own", "others",
        "third_parties", "spread",
    }  # fmt: skip
    assert {"claim_id", "wording", "low", "high", "known_by"} <= set(row["own"][0])


def test_version_prints_the_program_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"nk-casualties {nk.__version__}"


def test_versions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["versions"]) == 0
    assert capsys.readouterr().out.split() == list(nk.versions())
    assert json_of(capsys, "versions") == list(nk.versions())


def test_show_lists_other_wordings_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--release", "1.0.0", "show", "A3.wounded"]) == 0
    out = capsys.readouterr().out
    assert "'More than 1,240'" in out
    assert "B2.wounded" in out
    assert "news-site" in out
    data = json_of(capsys, "--release", "1.0.0", "show", "A3.wounded")
    assert set(data) == {"release", "claim", "other_wordings", "sources"}
    assert "B2.wounded" in [w["claim_id"] for w in data["other_wordings"]]
    assert set(data["sources"][0]) == {
        "id", "publisher", "kind", "language", "published_on", "dated_from", "url", "note",
    }  # fmt: skip


@pytest.mark.parametrize("query", ["2906", "2,906", "2 906"])
def test_search_finds_a_number_however_written(
    capsys: pytest.CaptureFixture[str], query: str
) -> None:
    data = json_of(capsys, "search", query)
    ids = {c["claim_id"] for c in data["claims"]}
    assert {"C10.killed", "C10b.killed", "X15.killed"} <= ids
    assert "A2.missing" not in ids


def test_search_by_text_and_filters(capsys: pytest.CaptureFixture[str]) -> None:
    data = json_of(capsys, "search", "SOHR", "--category", "KILLED")
    assert data["claims"]
    assert all(c["category"] == "killed" for c in data["claims"])
    assert main(["search", "zzzz-nothing"]) == 0
    assert "no claims match" in capsys.readouterr().out


def test_parties_and_events(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parties"]) == 0
    assert "az-mod  Ministry of Defence of Azerbaijan" in capsys.readouterr().out
    parties = json_of(capsys, "parties")
    assert set(parties[0]) == {"id", "name", "kind", "part_of", "claims"}
    events = json_of(capsys, "events")
    assert set(events[0]) == {"id", "name", "kind", "start", "end", "claims"}
    assert "war-2020" in [e["id"] for e in events]
    assert main(["--release", "1.0.0", "events"]) == 0
    assert "schema 1" in capsys.readouterr().out


def test_series_has_a_header_and_measures(capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "series",
        "--claimant",
        "az-mod",
        "--category",
        "killed",
        "--subject",
        "az-armed-forces",
        "--event",
        "war-2020",
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("Series of az-mod: killed, subject az-armed-forces, event war-2020")
    assert "2,906" in out
    assert "killed/mil" in out
    assert main(["series", "--claimant", "artsakh-mod", "--category", "killed"]) == 2
    assert "pass subject=" in capsys.readouterr().err


def test_compare_gives_pairwise_discrepancies(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "--subject", "am-side", "--category", "killed"]) == 0
    out = capsys.readouterr().out
    assert "Each claimant's latest figure:" in out
    assert "minus" in out
    data = json_of(capsys, "compare", "--subject", "am-side", "--category", "killed")
    assert len(data["pairs"]) == len(data["claims"]) * (len(data["claims"]) - 1) // 2
    assert set(data["pairs"][0]) == {"a", "b", "low", "high", "minimum", "consistent"}


def test_errors_exit_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--release", "9.9.9"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "available: 1.0.0" in err
    assert main(["show", "nope"]) == 2
    assert "no claim with id 'nope'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["search", "--category", "dead"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def test_export_csv_for_excel_has_a_byte_order_mark(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--release", "1.0.0", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 49
    assert main(["export", "--release", "1.0.0", "--format", "csv", "--excel"]) == 0
    assert capsys.readouterr().out.startswith("\ufeffclaim_id,")


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
    assert main(["--release", "1.0.0", "export", "--format", "json", "--output", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["version"] == "1.0.0"
    assert not (Path.cwd() / "-").exists()
    assert main(["export", "--output", str(tmp_path / "a\0b")]) == 2
    assert "--output: cannot write" in capsys.readouterr().err
    pkg = tmp_path / "pkg"
    assert main(["export", "--format", "datapackage", "--output", str(pkg)]) == 0
    assert main(["export", "--format", "datapackage", "--output", str(pkg)]) == 2
    assert "already exist" in capsys.readouterr().err
    assert main(["export", "--format", "datapackage"]) == 2


def test_diff_names_changed_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "1.0.0", "1.1.0"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "1.0.0 -> 1.1.0: 399 added, 0 removed, 0 changed, 49 unchanged"
    data = json_of(capsys, "diff", "1.1.0", "2.0.0")
    assert {"id": "E6b.killed-uk", "fields": ["sources"]} in data["changed"]


def test_cite(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", "--release", "1.0.0", "--format", "bibtex"]) == 0
    assert "version = {1.0.0}" in capsys.readouterr().out
    assert set(json_of(capsys, "cite")) == {"release", "format", "citation"}


@pytest.mark.parametrize(
    "args",
    [
        ("--release", "1.0.0", "show", "A2.missing"),
        (),
        ("export", "--format", "csv"),
        ("search", "հազար"),
    ],
)
def test_a_terminal_that_cannot_show_the_text_gets_no_traceback(args: tuple[str, ...]) -> None:
    proc = run(*args, PYTHONIOENCODING="cp1252")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout


def test_a_full_disk_or_closed_pipe_gives_one_line_or_quiet() -> None:
    with open("/dev/full", "w") as disk_full:
        full = subprocess.run(
            [sys.executable, "-m", "nk_casualties", "export", "--format", "json"],
            stdout=disk_full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert full.returncode == 2
    assert full.stderr.count("\n") == 1
    assert "cannot write the output" in full.stderr
    with subprocess.Popen(
        [sys.executable, "-m", "nk_casualties", "export", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as head:  # like `| head -c 10`: read a little, then close the pipe
        assert head.stdout is not None
        assert head.stderr is not None
        head.stdout.read(10)
        head.stdout.close()
        errors = head.stderr.read().decode()
        assert head.wait() == 0
    assert "Traceback" not in errors
    assert "Error" not in errors


def test_export_hxl_and_jsonld(capsys: pytest.CaptureFixture[str]) -> None:
    hxl = pytest.importorskip("hxl")
    assert main(["export", "--format", "hxl"]) == 0
    text = capsys.readouterr().out
    assert len(list(hxl.data(io.BytesIO(text.encode("utf-8"))))) == len(nk.load().claims)
    assert main(["export", "--format", "jsonld"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {part["@type"] for part in doc["hasPart"]} == {"Claim"}
