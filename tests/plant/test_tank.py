"""Coolant tank: mass balance, switches, ADC scaling, valve dynamics."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factorylab.plant import Plant
from factorylab.plant import tank as tank_model


@settings(max_examples=30, deadline=None)
@given(
    level=st.floats(0, 1000),
    commands=st.lists(st.tuples(st.floats(0, 100), st.booleans(), st.booleans()), min_size=1, max_size=8),
)
def test_mass_balance_holds_to_rounding(level: float, commands: list) -> None:
    scenario = Plant("cnc").scenario
    scenario = scenario.model_copy(update={"tank": scenario.tank.model_copy(update={"level": level})})
    plant = Plant(scenario, seed=1)
    plant.cnc.run = plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = True
    tank = plant.tank
    start = tank.volume
    for inflow, drain, _ in commands:
        tank.inflow, tank.drain = inflow, drain
        plant.advance(60.0)
        balance = start + tank.inflow_total - tank.drain_total - tank.drawn_total - tank.overflow_total
        assert tank.volume == pytest.approx(balance, abs=1e-9)
        assert 0.0 <= tank.volume <= tank_model.CAPACITY + 1e-9


def test_filling_rate_and_switches() -> None:
    plant = Plant("tank", seed=0)
    tank = plant.tank
    assert not tank.high and not tank.low
    tank.inflow = 100.0
    plant.advance(4.0)  # valve opens at 25 %/s
    before = tank.volume
    plant.advance(10.0)
    assert tank.volume - before == pytest.approx(10.0 * tank_model.INFLOW_MAX, rel=1e-6)
    assert tank.inflow_rate == pytest.approx(60.0)  # L/min
    plant.advance(400.0)
    assert tank.high and tank.overflow and tank.overflow_total > 0
    assert tank.true_level == pytest.approx(tank_model.HEIGHT)


def test_draining_follows_the_square_root_of_the_level() -> None:
    plant = Plant("tank", seed=0)
    tank = plant.tank
    tank.drain = True
    plant.advance(0.2)  # the tank integrates every fourth step
    flow_full = tank.drain_total / 0.2
    assert flow_full == pytest.approx(tank_model.DRAIN_MAX * math.sqrt(0.4), rel=1e-6)
    plant.advance(2000.0)
    assert tank.low and tank.true_level < 5.0


def test_level_sensor_is_a_4_20_ma_adc() -> None:
    plant = Plant("tank", seed=0)
    tank = plant.tank
    plant.step()
    assert tank.level_raw == pytest.approx(1600, abs=3)  # 400 mm of 1000 mm on 0..4000 counts
    assert tank.level == tank.level_raw * 0.25
    assert tank.temperature == tank.temperature_raw * 0.025
    assert isinstance(tank.level_raw, int)


def test_valve_moves_at_its_rate_and_closes_without_power() -> None:
    plant = Plant("tank", seed=0)
    tank = plant.tank
    tank.inflow = 100.0
    plant.advance(1.0)
    assert tank.valve_position == pytest.approx(tank_model.VALVE_RATE)
    plant.panel.set_estop(True)
    plant.advance(5.0)
    assert tank.valve_position == 0.0


def test_the_cnc_draws_coolant_and_runs_short_below_the_suction() -> None:
    scenario = Plant("cnc").scenario
    scenario = scenario.model_copy(update={"tank": scenario.tank.model_copy(update={"level": 120.0, "inflow": 0.0})})
    plant = Plant(scenario, seed=2)
    plant.cnc.run = plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = True
    plant.advance(300.0)
    assert plant.tank.drawn_total > 0
    assert not plant.tank.coolant_ok and not plant.cnc.coolant_ok
    assert plant.cnc.coolant_heat > 3.0  # process temperature rises without coolant
