"""Fast-forward speed of the plant: simulated seconds per wall-clock second.

    python benchmarks/fast_forward.py [--seconds 3600]

Prints, for each case, the real-time factor (target for `sorting`: >= 10,000x).
Runs on one core (the plant is single-threaded pure Python).
"""

from __future__ import annotations

import argparse
import time

from factorylab.plant import Plant
from factorylab.tags import tags_for


def belts_only(plant: Plant):
    plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = True
    return None


def sorting_controller(plant: Plant):
    """A tracking sorter that reads and writes tags through the tag table every tick."""
    tags = tags_for(plant)
    for name in ("feeder.run", "conveyor1.run", "conveyor2.run"):
        tags[name].write(plant, True)
    colour_eye, type_b, pusher_eye, extended, extend = (
        tags[n]
        for n in ("conveyor2.photo_eye_entry", "sorter.type_b", "sorter.photo_eye", "sorter.extended", "sorter.extend")
    )
    state = {"queue": [], "colour_seen": False, "eye": False}

    def scan() -> None:
        if type_b.read(plant) and not state["colour_seen"]:
            state["queue"].append(True)
        state["colour_seen"] = type_b.read(plant)
        eye = pusher_eye.read(plant)
        if eye and not state["eye"] and state["queue"]:
            extend.write(plant, state["queue"].pop(0))
        if extended.read(plant):
            extend.write(plant, False)
        state["eye"] = eye
        colour_eye.read(plant)

    return scan


def measure(scenario: str, setup, seconds: float) -> tuple[float, Plant]:
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
    elapsed = time.perf_counter() - start
    return seconds / elapsed, plant


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3600.0, help="simulated seconds per case")
    args = parser.parse_args()
    cases = [
        ("conveyor", "belts and feeder on, no controller", belts_only),
        ("sorting", "belts and feeder on, no controller", belts_only),
        ("sorting", "tracking sorter via the tag table every 50 ms", sorting_controller),
    ]
    print(f"fast-forward, {args.seconds:.0f} simulated s per case")
    for scenario, label, setup in cases:
        factor, plant = measure(scenario, setup, args.seconds)
        line = plant.line
        print(
            f"  {scenario:<9} {label:<48} {factor:>9,.0f}x real time"
            f"  (parts in {line.parts_in}, out {line.parts_out}, rejected {line.parts_rejected}, "
            f"mis-sorted {line.parts_missorted})"
        )


if __name__ == "__main__":
    main()
