"""Small helpers for plant tests."""

from __future__ import annotations

from collections.abc import Callable

from factorylab.plant import Plant


def run_until(plant: Plant, condition: Callable[[Plant], bool], max_seconds: float = 120.0) -> float:
    """Step until ``condition(plant)`` holds; return the time. Fails after max_seconds."""
    limit = plant.tick + round(max_seconds / plant.dt)
    while not condition(plant):
        if plant.tick >= limit:
            raise AssertionError(f"condition not reached within {max_seconds} s")
        plant.step()
    return plant.time


def start_line(plant: Plant, *, speed: float = 80.0, interval: float | None = None) -> None:
    """Switch the feeder and both belts on, as a controller would."""
    if interval is not None:
        plant.feeder.interval = interval
    plant.feeder.run = True
    for conveyor in plant.conveyors:
        conveyor.speed = speed
        conveyor.run = True
