"""The benchmarks still run: each script with --quick (tiny sizes), its table printed. No timing is asserted
(speed is what the benchmarks report, on a machine we share)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
SMOKE_TIMEOUT_SECONDS = 900  # the analysis smoke run loads the model and the gazetteer: a minute on a busy machine


@pytest.mark.parametrize(
    ("script", "table_header"),
    [
        ("ingest_throughput.py", "ratio to (a)"),
        ("story_scaling.py", "µs per article"),
        pytest.param("analysis_vs_spacy.py", "ratio (wall)", marks=pytest.mark.slow),
    ],
)
def test_benchmark_runs_and_prints_its_table(script, table_header):
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), "--quick"],
        capture_output=True, text=True, timeout=SMOKE_TIMEOUT_SECONDS, cwd=BENCHMARKS.parent,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert table_header in done.stdout
