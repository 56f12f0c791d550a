"""The benchmark script runs: a quick smoke run prints every row and every target."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = 8


def test_bench_quick_run_prints_the_targets_table() -> None:
    """``bench.py --quick`` exits 0 and prints the load, the rows and each target's held."""
    paths = [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
        cwd=ROOT,
    )
    assert 0 == done.returncode, done.stderr
    out = done.stdout
    assert "load average at the start" in out
    assert "load average at the end" in out
    table = out.split("## Targets", 1)[1].split("\n\n", 2)[1].splitlines()[2:]
    assert TARGETS == len(table)
    assert all(line.endswith(("| yes |", "| no |")) for line in table)
    for row in ("start", "restore 10 events", "sweep per pathway", "history length: fire"):
        assert f"| {row} |" in out
