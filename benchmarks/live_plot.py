"""Cost of plots: one live-plot picture, and what live= does to the scan loop.

    python benchmarks/live_plot.py [--seconds 20]

1. One picture of a live plot (draw + PNG, what a notebook update costs the
   plot's own thread) with 3 tags, after 1 min, 10 min and 1 h of 20 Hz
   samples: median ms per update.
2. ``factorylab.run(..., live=...)`` on a local line: fast-forward speed
   with and without the live plot (the per-scan sample and the one picture).
3. In a real Jupyter kernel against a live ``factorylab sim --headless``: a
   remote run at 20 Hz for --seconds with and without ``live=`` (a picture
   a second): scan start lateness p50 / p99 / max and overruns. The target is
   no noticeable difference.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time

import matplotlib

matplotlib.use("Agg")

import factorylab  # noqa: E402
from factorylab.plotting import LivePlot  # noqa: E402
from factorylab.tags import ALL_TAGS  # noqa: E402

TAGS = ["oven.temperature", "oven.heater", "conveyor1.run"]


def picture_cost() -> None:
    print("one live-plot picture (draw + PNG), 3 tags, median of 10")
    for label, samples in (("1 min", 1200), ("10 min", 12000), ("1 h", 72000)):
        plot = LivePlot([ALL_TAGS[name] for name in TAGS], "benchmark", "ko", shown=False)
        for index in range(samples):
            plot.add(index * 0.05, (20.0 + index % 300, float(index % 100), index % 40 < 20))
        plot.png()  # the first picture also makes the figure
        costs = []
        for _ in range(10):
            plot.add(samples * 0.05, (25.0, 50.0, True))
            started = time.perf_counter()
            plot.png()
            costs.append(time.perf_counter() - started)
        print(f"  {label:>6} of samples ({samples:>5}): {1000 * statistics.median(costs):6.1f} ms per update")


def controller(line, t):
    line.oven.heater = 100 if line.oven.temperature < 150 else 0
    line.conveyor1.run = True


def local_speed() -> None:
    print("run() on a local 'oven' line, 1800 simulated s, no history, best of 3")
    for label, live in (("without live", None), ("live=3 tags", TAGS)):
        best = 0.0
        for _ in range(3):
            line = factorylab.connect(scenario="oven", seed=1)
            started = time.perf_counter()
            factorylab.run(controller, line, 1800, record=[], live=live)
            best = max(best, 1800 / (time.perf_counter() - started))
        print(f"  {label:<13} {best:8.0f} x real time")


CELL = """
import json, statistics, factorylab
line = factorylab.connect("127.0.0.1:{port}")
def controller(line, t):
    line.oven.heater = 100 if line.oven.temperature < 150 else 0
    line.conveyor1.run = True
figures = {{}}
for label, live in (("without live", None), ("live=3 tags", {tags!r})):
    result = factorylab.run(controller, line, {seconds}, live=live, record=[])
    late = sorted(1000 * x for x in result.scan_lateness)
    figures[label] = [late[len(late) // 2], late[int(0.99 * (len(late) - 1))], late[-1], result.overruns,
                      result.live.updates if result.live else 0]
line.close()
print("FIGURES", json.dumps(figures))
"""


def remote_lateness(seconds: float) -> None:
    import nbformat
    from nbclient import NotebookClient

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sim = subprocess.Popen(
        [sys.executable, "-m", "factorylab", "sim", "--port", str(port), "--headless", "--scenario", "oven"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [nbformat.v4.new_code_cell(CELL.format(port=port, tags=TAGS, seconds=seconds))]
        NotebookClient(notebook, timeout=600, kernel_name="python3").execute()
    finally:
        sim.terminate()
        sim.wait(timeout=10)
    text = "".join(output.get("text", "") for output in notebook.cells[0].outputs)
    figures = json.loads(text.split("FIGURES", 1)[1])
    print(f"remote run at 20 Hz in a Jupyter kernel, {seconds:.0f} s each: scan start lateness")
    for label, (p50, p99, worst, overruns, updates) in figures.items():
        print(
            f"  {label:<13} p50 {p50:5.2f} ms  p99 {p99:5.2f} ms  max {worst:6.2f} ms  "
            f"overruns {overruns:3d}  pictures {updates}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="each remote run, s")
    args = parser.parse_args()
    picture_cost()
    local_speed()
    remote_lateness(args.seconds)


if __name__ == "__main__":
    main()
