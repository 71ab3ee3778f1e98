"""Speed of every check, with every answer of its catalogue, on one core.

    python benchmarks/checks.py [--repeat 5] [--check NAME]

For each check: its kind, hidden seeds, catalogue size (correct / wrong
answers in tests/control/checks/answers/), and the wall time of one
``factorylab.check()`` call, median and maximum over the correct answers and
over the wrong ones, every answer called ``--repeat`` times (targets for
behaviour checks: max <= 3 s, median <= 1 s). The first call of a check is
reported separately: scored checks run their baselines then, and the model
check makes its hidden datasets (both are kept for the process). A wrong answer
that waits in a scan takes the watchdog's 0.5 s. The process is pinned to one
CPU where the OS allows.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import os
import pkgutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import factorylab  # noqa: E402
from factorylab.control.checks import get  # noqa: E402
from tests.control.checks import answers  # noqa: E402
from tests.control.checks.catalogue import With, submit  # noqa: E402


def catalogues() -> dict[str, object]:
    modules = [importlib.import_module(f"{answers.__name__}.{i.name}") for i in pkgutil.iter_modules(answers.__path__)]
    return {module.CHECK: module for module in sorted(modules, key=lambda m: m.CHECK)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="calls per answer")
    parser.add_argument("--check", action="append", help="only these checks")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    print(f"factorylab {factorylab.__version__}, one core, {args.repeat} calls per answer")
    print(
        f"{'check':<15} {'kind':<9} {'seeds':>5} {'right':>5} {'wrong':>5}   correct: median   max   wrong: median   max   first call"
    )
    for name, module in catalogues().items():
        if args.check and name not in args.check:
            continue
        check = get(name)
        first = None
        times: dict[str, list[float]] = {"correct": [], "wrong": []}
        answers_ = [("correct", a) for a in module.CORRECT] + [("wrong", w.answer) for w in module.WRONG]
        for group, answer in answers_:
            if isinstance(answer, With):  # fit a model before the clock starts
                answer = With(answer.answer, answer.options, answer.name)
            for _ in range(args.repeat):
                start = time.perf_counter()
                with contextlib.redirect_stdout(io.StringIO()):  # an answer that prints instead of returning
                    submit(name, answer)
                elapsed = time.perf_counter() - start
                if first is None:
                    first = elapsed
                    continue
                times[group].append(elapsed)
        right, wrong = times["correct"], times["wrong"]
        print(
            f"{name:<15} {check.kind:<9} {check.count:>5} {len(module.CORRECT):>5} {len(module.WRONG):>5}   "
            f"{statistics.median(right):>14.2f}s {max(right):>5.2f}s  {statistics.median(wrong):>12.2f}s "
            f"{max(wrong):>5.2f}s  {first:>9.2f}s"
        )


if __name__ == "__main__":
    main()
