"""Fast-forward speed: simulated seconds per wall-clock second, one core.

    python benchmarks/fast_forward.py [--seconds 1800] [--repeat 3] [--profile]

Cases: the `conveyor` and `sorting` plants with belts and feeder on (target
for `sorting`: >= 10,000x), and the full `line` with every station active and
a controller that reads and writes tags every 50 ms of simulated time
(benchmarks/line_controller.py; target >= 3,000x, an 8-hour shift in <= 10 s).
Each case runs --repeat times; the best run is reported (the machine is a VM
whose speed wanders). --profile prints where the time goes in the line case.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from line_controller import make_line_controller  # noqa: E402

from factorylab.plant import Plant  # noqa: E402


def belts_on(plant: Plant):
    plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = True
    return None


def run_case(scenario: str, setup, seconds: float) -> tuple[float, Plant]:
    plant = Plant(scenario, seed=1)
    scan = setup(plant)
    ticks = round(seconds / plant.dt)
    step = plant.step
    start = time.perf_counter()
    if scan is None:
        for _ in range(ticks):
            step()
    else:
        for _ in range(ticks):
            scan()
            step()
    return seconds / (time.perf_counter() - start), plant


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1800.0, help="simulated seconds per case")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (best is reported)")
    parser.add_argument("--profile", action="store_true", help="profile the line case")
    args = parser.parse_args()
    cases = [
        ("conveyor", "belts and feeder on, no controller", belts_on),
        ("sorting", "belts and feeder on, no controller", belts_on),
        ("line", "every station, tag controller every 50 ms", make_line_controller),
    ]
    print(f"fast-forward, {args.seconds:.0f} simulated s per case, best of {args.repeat}")
    for scenario, label, setup in cases:
        best, plant = max((run_case(scenario, setup, args.seconds) for _ in range(args.repeat)), key=lambda r: r[0])
        line = plant.production
        shift = 8 * 3600 / best
        print(
            f"  {scenario:<9} {label:<43} {best:>8,.0f}x real time  (8-hour shift in {shift:5.1f} s; "
            f"parts in {line.parts_in}, good {line.parts_good}, rejected {line.parts_rejected}, "
            f"mis-sorted {line.parts_missorted}, OEE {line.oee:.1f} %)"
        )
    if args.profile:
        plant = Plant("line", seed=1)
        scan = make_line_controller(plant)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(round(args.seconds / plant.dt)):
            scan()
            plant.step()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
