"""The benchmarks' synthetic releases load: a benchmark of refused files measures nothing."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nk_casualties as nk

_SYNTHETIC = Path(__file__).parent.parent / "benchmarks" / "synthetic.py"


def test_synthetic_release_loads_in_the_current_schema(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("synthetic", _SYNTHETIC)
    assert spec is not None
    assert spec.loader is not None
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    path = tmp_path / "synthetic.json"
    path.write_bytes(synthetic.dumps(synthetic.release(500)))
    ds = nk.load_path(path)
    assert len(ds.claims) == 500
    assert ds.version.split(".")[0] == nk.versions()[-1].split(".")[0]  # the newest schema
    assert {c.event for c in ds.claims} <= set(ds.events)
