"""benchmarks/modbus_abuse.py runs its phases against a real simulator and prints its figures.

A short run (3-s phases, 5,000 abusive requests, 50 idle and 100 active
connections). Only that it finishes and names every figure is checked: the
figures themselves are wall-clock measurements, never asserted.
"""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import REPO

FIGURES = [
    "baseline (",
    "burst (",
    "chunked (",
    "honest pollers: ",
    "tick counter seen standing still at most ",
    "abuser: sent ",
    "a fresh client reads again ",
    "idle (50 connections",
    "closed by the server while held: ",
    "slow client: ",
    "fresh client after ",
    "refusal (100 active connections",
    "first answer of each: ",
    "new client (raw): ",
    "new client (factorylab.connect): ",
    "memory (RSS every 0.5 s): start ",
    "tick lateness (whole run): ",
    # the table
    "target (issue 15)",
    "honest p99, no abuser",
    "honest p99 beside burst abuser",
    "honest p99 beside chunked abuser",
    "tick lateness, whole run",
    "simulator RSS",
    "fresh client beside 50 idle",
    "new client beside 100 active",
    "what factorylab.connect says",
]


def test_modbus_abuse_runs_and_prints_its_figures() -> None:
    env = {key: value for key, value in os.environ.items() if key != "FACTORYLAB_PYTHONPATH"}  # this checkout
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "modbus_abuse.py"),
            *("--seconds", "3", "--requests", "5000", "--idle", "50", "--active", "100"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    missing = [name for name in FIGURES if name not in done.stdout]
    assert not missing, f"{missing} not in:\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr, done.stderr
