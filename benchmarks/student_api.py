"""Speed of the student API: run() fast-forward, checks, and live scan jitter.

    python benchmarks/student_api.py [--seconds 1800] [--live 20]

1. ``factorylab.run()`` on a local ``line`` with the reference controller
   (factorylab.control.reference), with the default history (every tag once a
   second) and without history: simulated seconds per wall second (target
   >= 3,000x; an 8-hour shift in <= 10 s).
2. ``factorylab.check()`` of each shipped check with its reference answer:
   seconds to judge it (target <= 3 s for behaviour checks).
3. ``factorylab.run()`` on a remote line at 20 Hz against a live
   ``factorylab sim``: scan start lateness p50 / p99 (target p99 <= 5 ms) and
   overruns, over --live seconds.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import factorylab
from factorylab.control.reference import make_line_controller

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.control.checks.catalogue import submit  # noqa: E402
from tests.control.checks.test_catalogues import CATALOGUES  # noqa: E402 - the reference answers of the checks


def fast_forward(seconds: float, repeat: int) -> None:
    print(f"run() on a local 'line' with the reference controller, {seconds:.0f} simulated s, best of {repeat}")
    for label, record in (("history of every tag, 1 row/s", None), ("no history", [])):
        best = 0.0
        for _ in range(repeat):
            line = factorylab.connect(scenario="line", seed=1)
            start = time.perf_counter()
            result = factorylab.run(make_line_controller(), line, seconds=seconds, record=record)
            best = max(best, seconds / (time.perf_counter() - start))
        print(
            f"  {label:<32} {best:>7,.0f}x real time (8-hour shift in {8 * 3600 / best:5.1f} s; "
            f"good {result.kpis['good']}, OEE {result.kpis['oee']:.1f} %)"
        )


def checks() -> None:
    print("check() with each reference answer (every answer: benchmarks/checks.py)")
    for name, module in sorted(CATALOGUES.items()):
        start = time.perf_counter()
        result = submit(name, module.REFERENCE)
        print(f"  {name:<14} {time.perf_counter() - start:5.2f} s  {'passed' if result.passed else 'FAILED'}")


def live(seconds: float) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "FACTORYLAB_LANG": "en"}
    sim = subprocess.Popen(
        [sys.executable, "-m", "factorylab", "sim", "--port", str(port), "--headless"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the simulator did not start") from None
                time.sleep(0.05)
        line = factorylab.connect(f"127.0.0.1:{port}")
        result = factorylab.run(make_line_controller(), line, seconds=seconds, scan=0.05, record=[])
        lateness = sorted(result.scan_lateness)
        p50 = statistics.median(lateness) * 1e3
        p99 = lateness[int(0.99 * (len(lateness) - 1))] * 1e3
        print(
            f"run() on a remote 'line' at 20 Hz for {seconds:.0f} s: {result.scans} scans, scan lateness "
            f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {lateness[-1] * 1e3:.2f} ms, overruns {result.overruns}"
        )
        line.close()
    finally:
        sim.send_signal(signal.SIGTERM)
        sim.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1800.0, help="simulated seconds for the fast-forward runs")
    parser.add_argument("--repeat", type=int, default=3, help="fast-forward runs (best is reported)")
    parser.add_argument("--live", type=float, default=20.0, help="seconds of the live run")
    args = parser.parse_args()
    fast_forward(args.seconds, args.repeat)
    checks()
    live(args.live)


if __name__ == "__main__":
    main()
