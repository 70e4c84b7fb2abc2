"""Run the typing module, so its annotated calls are real, working code."""

from __future__ import annotations

from pathlib import Path

from .typing.public_api import exercise


def test_the_typed_examples_run(tmp_path: Path) -> None:
    exercise(tmp_path)
