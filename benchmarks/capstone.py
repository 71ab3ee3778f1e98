"""Benchmark: a class of 30 teams scored on hidden seeds (target: <= 10 minutes on 2 cores, <= 30 s a team).

The teams are the reference capstone controller and variants of it, some
wrong (E-stop ignored, a Python error, a hang, no make_controller, the
baseline). Prints the seconds per team and the class total.

    .venv/bin/python benchmarks/capstone.py [--teams 30] [--jobs 2] [--hours 2]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

VARIANTS = {
    "reference": "from factorylab.capstone import make_reference_controller as make_controller\n",
    "baseline": "from factorylab.capstone import make_baseline_controller as make_controller\n",
    "no_estop": "from factorylab.capstone import make_estop_ignoring_controller as make_controller\n",
    "crash": (
        "from factorylab.capstone import make_reference_controller\n\n"
        "def make_controller():\n    inner = make_reference_controller()\n\n"
        "    def controller(line, t):\n        inner(line, t)\n        if t > 900:\n            return 1 / 0\n\n"
        "    return controller\n"
    ),
    "hang": (
        "def make_controller():\n    def controller(line, t):\n        while t > 60:\n            pass\n\n"
        "    return controller\n"
    ),
    "no_maker": "x = 1\n",
}
#: how many teams of each variant in a class of 30 (most teams write a sound controller)
MIX = (
    [
        "reference",
        "baseline",
        "reference",
        "no_estop",
        "reference",
        "crash",
        "reference",
        "baseline",
        "reference",
        "hang",
        "reference",
        "no_maker",
    ]
    + ["reference"] * 14
    + ["baseline"] * 4
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--hours", type=float, default=2.0)
    parser.add_argument("--class-seeds", action="store_true", help="every team on the same hidden seeds")
    args = parser.parse_args()
    from factorylab.capstone import classroom

    with tempfile.TemporaryDirectory() as folder:
        for n in range(args.teams):
            kind = MIX[n % len(MIX)]
            Path(folder, f"team{n + 1:02d}_{kind}.py").write_text(VARIANTS[kind], encoding="utf-8")
        began = time.perf_counter()
        scores = classroom.score_class(
            folder,
            "benchmark-secret",
            jobs=args.jobs,
            hours=args.hours,
            shared=args.class_seeds,
            clock=time.process_time,  # CPU seconds of the worker: one core's time, whatever else runs
            progress=lambda s: print(f"  {s.team:<24} {s.total:6.1f}  {s.wall:6.1f} s CPU", flush=True),
        )
        total = time.perf_counter() - began
        classroom.write_leaderboard(scores, Path(folder, "out"))
    walls = sorted(s.wall for s in scores)
    seeds = "class seeds (reference once)" if args.class_seeds else "own seeds per team (reference per team)"
    print(f"teams {len(scores)}, jobs {args.jobs}, {args.hours:g} h a seed, {seeds}")
    ranked = sorted(scores, key=lambda s: -s.total)
    print("best", ranked[0].team, ranked[0].total, "| worst", ranked[-1].team, ranked[-1].total)
    print(f"CPU seconds per team (one core): median {walls[len(walls) // 2]:.1f}, max {walls[-1]:.1f} (target <= 30)")
    print(f"wall time of this run: {total:.0f} s ({total / 60:.1f} min) with {args.jobs} jobs")
    projected = sum(walls) / args.jobs * 30 / len(walls)
    print(
        f"projected for 30 teams on {args.jobs} free cores: {projected:.0f} s ({projected / 60:.1f} min; target <= 10 min)"
    )


if __name__ == "__main__":
    main()
