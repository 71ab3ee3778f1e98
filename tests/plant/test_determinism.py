"""Same scenario, seed and controller: the same run, bit for bit."""

from __future__ import annotations

import random

import pytest

from factorylab.plant import Plant, builtin_ids
from factorylab.tags import tags_for


def scripted_run(scenario: str, seed: int, seconds: float = 120.0, read_everything: bool = False) -> list[tuple]:
    """Drive a plant with pseudo-random outputs (from their own seed) and record it."""
    plant = Plant(scenario, seed=seed)
    tags = tags_for(plant)
    writable = [t for t in tags if t.writable]
    operator = random.Random(1234)  # the "controller", independent of the plant seed
    trace = []
    for tick in range(round(seconds / plant.dt)):
        if tick % 10 == 0:
            tag = operator.choice(writable)
            if tag.type == "bool":
                value = operator.random() < 0.7
            else:
                value = operator.uniform(tag.min, tag.max)
            if tag.name == "panel.remote_estop":
                value = False
            tag.write(plant, value)
        if tick % 40 == 0:
            for tag_name in ("feeder.run", "conveyor1.run", "conveyor2.run"):
                if tag_name in tags:
                    tags[tag_name].write(plant, True)
        if read_everything:
            for tag in tags:
                tag.read(plant)
        plant.step()
        if tick % 5 == 0:
            trace.append(plant.state_vector() + (tuple(tag.words(plant)[0] for tag in tags),))
    return trace


@pytest.mark.parametrize("scenario", builtin_ids())
def test_same_seed_gives_the_same_trajectory(scenario: str) -> None:
    assert scripted_run(scenario, seed=7) == scripted_run(scenario, seed=7)


@pytest.mark.parametrize("scenario", builtin_ids())
def test_different_seeds_give_different_trajectories(scenario: str) -> None:
    assert scripted_run(scenario, seed=7) != scripted_run(scenario, seed=8)


def test_reading_sensors_does_not_change_the_run() -> None:
    assert scripted_run("sorting", 3, 60.0) == scripted_run("sorting", 3, 60.0, read_everything=True)


def test_random_faults_are_part_of_the_same_run() -> None:
    from factorylab.plant.scenario import FaultSettings, RandomFault

    def run(seed: int) -> list[tuple]:
        base = Plant("line").scenario
        faults = FaultSettings(
            random={
                kind: RandomFault(rate=20.0, duration=20.0)
                for kind in ("jam", "sensor_stuck_on", "analog_drift", "tool_breakage")
            }
        )
        plant = Plant(base.model_copy(update={"faults": faults}), seed=seed)
        plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = plant.cnc.run = True
        plant.oven.heater = 70
        trace = []
        for tick in range(round(900 / plant.dt)):
            plant.oven.gate = plant.oven.front_dwell > 25
            plant.cnc.reset = plant.cnc.failed and not plant.cnc.reset
            plant.step()
            if tick % 20 == 0:
                trace.append(plant.state_vector())
        assert len(plant.faults.log) > 5
        return trace

    assert run(5) == run(5)
    assert run(5) != run(6)
