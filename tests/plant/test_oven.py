"""Oven: first-order step response with dead time; heat-treatment quality rules."""

from __future__ import annotations

import math

import pytest

from factorylab.plant import Plant
from factorylab.plant import oven as oven_model

from .helpers import run_until, start_line


def test_step_response_has_the_documented_gain_time_constant_and_dead_time() -> None:
    plant = Plant("oven", seed=0)
    oven = plant.oven
    plant.advance(10.0)
    assert oven.true_temperature == pytest.approx(oven_model.AMBIENT)
    step_at = plant.time
    oven.heater = 50.0
    trace = {}
    for _ in range(round(2000 / plant.dt)):
        plant.step()
        trace[round(plant.time - step_at, 2)] = oven.true_temperature
    rise = oven_model.GAIN * 50.0  # 125 degC to steady state
    theta, tau = oven_model.DEAD_TIME, oven_model.TAU
    # nothing happens during the dead time
    assert trace[round(theta - 0.05, 2)] == pytest.approx(oven_model.AMBIENT, abs=1e-9)
    assert trace[round(theta + 1.0, 2)] > oven_model.AMBIENT
    # 63.2 % of the rise one time constant after the dead time, 95 % after three
    for multiple in (1, 2, 3):
        expected = oven_model.AMBIENT + rise * (1 - math.exp(-multiple))
        assert trace[round(theta + multiple * tau, 2)] == pytest.approx(expected, abs=0.3)
    assert trace[2000.0] == pytest.approx(oven_model.AMBIENT + rise, abs=0.5)


def test_the_transmitter_reads_the_temperature_with_small_noise() -> None:
    plant = Plant("oven", seed=1)
    plant.oven.heater = 100
    plant.advance(600.0)
    readings = []
    for _ in range(200):
        plant.step()
        readings.append(plant.oven.temperature - plant.oven.true_temperature)
    assert max(abs(r) for r in readings) < 1.0
    assert plant.oven.temperature_raw == round(plant.oven.temperature * 10)


@pytest.mark.parametrize(
    ("soak", "peak", "hardness"),
    [(0.0, 25.0, 28.0), (400.0, 200.0, 28 + 22 * (1 - math.exp(-1))), (1e6, 240.0, 50.0), (1e6, 260.0, 45.0)],
)
def test_hardness_rule(soak: float, peak: float, hardness: float) -> None:
    assert oven_model.hardness(soak, peak) == pytest.approx(hardness)


def treated_parts(setpoint_heater: float, dwell: float, seconds: float = 1500.0, seed: int = 3) -> list:
    """Run the oven scenario with a fixed heater and a dwell rule; return finished parts."""
    plant = Plant("oven", seed=seed)
    plant.oven.heater = setpoint_heater
    plant.advance(900.0)  # warm up
    start_line(plant, interval=6.0)
    for _ in range(round(seconds / plant.dt)):
        oven = plant.oven
        oven.gate = oven.part_in and oven.front_dwell >= dwell
        plant.step()
    return [p for p in plant.finished_parts if p.oven_out is not None]


def test_quality_follows_temperature_and_dwell() -> None:
    good = treated_parts(setpoint_heater=78.0, dwell=30.0)  # ~220 degC
    assert len(good) > 100
    assert all(not p.defects for p in good)
    for part in good:
        assert part.hardness == pytest.approx(oven_model.hardness(part.soak, part.peak_temperature))
        assert part.oven_out - part.oven_in >= 30.0
    soft = treated_parts(setpoint_heater=78.0, dwell=8.0)  # too short
    assert soft and all(p.defects == ["soft"] for p in soft)
    hot = treated_parts(setpoint_heater=100.0, dwell=40.0)  # ~275 degC
    assert hot and all(p.defects == ["overheated"] for p in hot)
    assert all(p.peak_temperature > oven_model.OVERHEAT_LIMIT for p in hot)


def test_parts_cool_the_oven_a_little() -> None:
    empty = Plant("oven", seed=4)
    loaded = Plant("oven", seed=4)
    for plant in (empty, loaded):
        plant.oven.heater = 78.0
        plant.advance(1200.0)
    start_line(loaded, interval=5.0)
    empty.advance(300.0)
    loaded.advance(300.0)
    assert loaded.oven.parts_inside == 8  # gate closed: it fills up
    assert 0.2 < empty.oven.true_temperature - loaded.oven.true_temperature < 15.0


def test_gate_releases_one_part_per_roll_time_and_only_when_open() -> None:
    plant = Plant("oven", seed=5)
    start_line(plant, interval=2.0)
    run_until(plant, lambda p: p.oven.parts_inside == 3)
    assert plant.oven.part_in
    plant.advance(10.0)
    assert plant.production.parts_out == 0 and not plant.outfeed_track.parts
    plant.oven.gate = True
    plant.advance(2.0)
    assert len(plant.outfeed_track.parts) == 2  # one at once, the next after 1 s of rolling
