"""Faults change what they should and are recorded with their ground truth."""

from __future__ import annotations

import pytest

from factorylab.plant import FAULT_KINDS, FaultError, Plant
from factorylab.plant.scenario import FaultSettings, RandomFault, ScheduledFault
from factorylab.tags import ALL_TAGS

from .helpers import run_until, start_line


def test_sensor_stuck_on_and_off_override_what_the_tag_reads() -> None:
    plant = Plant("conveyor", seed=0)
    eye = ALL_TAGS["conveyor1.photo_eye_exit"]
    assert eye.read(plant) is False
    fault = plant.inject_fault("sensor_stuck_on", "conveyor1.photo_eye_exit", duration=10.0)
    assert eye.read(plant) is True and eye.words(plant) == [1]
    assert plant.conveyor1.photo_eye_exit is False  # the beam itself is clear
    plant.advance(10.0)
    assert eye.read(plant) is False
    assert (fault.kind, fault.target, fault.start, fault.end) == (
        "sensor_stuck_on",
        "conveyor1.photo_eye_exit",
        0.0,
        10.0,
    )
    start_line(plant)
    plant.inject_fault("sensor_stuck_off", "conveyor1.photo_eye_infeed")
    plant.advance(0.1)  # the first part is under the infeed eye
    assert plant.conveyor1.photo_eye_infeed is True and eye.read(plant) is False
    assert ALL_TAGS["conveyor1.photo_eye_infeed"].read(plant) is False


def test_analog_drift_grows_at_its_rate_and_vanishes_when_cleared() -> None:
    plant = Plant("tank", seed=0)
    fault = plant.inject_fault("analog_drift", "tank.level", rate=60.0)  # mm per hour
    plant.advance(1800.0)
    error = plant.tank.level - plant.tank.true_level
    assert error == pytest.approx(30.0, abs=1.0)
    plant.clear_fault(fault)
    plant.step()
    assert abs(plant.tank.level - plant.tank.true_level) < 1.0
    assert fault.end == pytest.approx(1800.0)


def test_a_jam_stops_a_part_raises_current_and_trips_the_overload() -> None:
    plant = Plant("conveyor", seed=1)
    start_line(plant, interval=10.0)
    run_until(plant, lambda p: any(part.location == "conveyor2" for part in p.parts))
    plant.advance(2.0)
    normal = plant.conveyor2.current
    fault = plant.inject_fault("jam", "conveyor2")
    plant.step()
    part = plant.part(fault.params["part"])
    assert part.jammed and part.location == "conveyor2"
    lead = part.lead
    plant.advance(3.0)
    assert part.lead == lead
    assert plant.conveyor2.current > normal + 2.0
    run_until(plant, lambda p: p.conveyor2.overload, 60)
    assert not plant.conveyor2.running and plant.production.state == 4
    assert any(e.kind == "overload_trip" for e in plant.events)
    plant.clear_fault(fault)
    run_until(plant, lambda p: not p.conveyor2.overload, 120)  # cools down, resets itself
    plant.advance(5.0)
    assert part.lead > lead and not part.jammed


def test_a_jam_on_an_empty_belt_takes_the_next_part() -> None:
    plant = Plant("conveyor", seed=2)
    fault = plant.inject_fault("jam", "conveyor1")
    assert not fault.applied
    start_line(plant, interval=30.0)
    plant.advance(3.0)
    assert fault.applied and plant.part(fault.params["part"]).jammed


def test_bearing_wear_raises_vibration_and_current_over_hours() -> None:
    plant = Plant("conveyor", seed=3)
    plant.conveyor1.run = True
    plant.advance(10.0)
    vibration, current = plant.conveyor1.vibration, plant.conveyor1.current
    plant.inject_fault("bearing_wear", "conveyor1", rate=1.0)
    plant.advance(7200.0)
    assert plant.conveyor1.vibration > vibration + 2.5
    assert plant.conveyor1.current > current + 0.25


def test_heater_degradation_lowers_the_steady_temperature() -> None:
    plant = Plant("oven", seed=4)
    plant.oven.heater = 80.0
    plant.advance(1800.0)
    healthy = plant.oven.true_temperature
    plant.inject_fault("heater_degradation", rate=0.5, floor=0.5)
    plant.advance(5400.0)
    assert plant.oven.health == pytest.approx(0.5)
    assert plant.oven.true_temperature == pytest.approx(25 + (healthy - 25) * 0.5, abs=2.0)


def test_a_stuck_valve_ignores_its_command() -> None:
    plant = Plant("tank", seed=5)
    plant.tank.inflow = 40.0
    plant.advance(5.0)
    fault = plant.inject_fault("valve_stuck")
    plant.tank.inflow = 0.0
    plant.advance(30.0)
    assert plant.tank.valve_position == pytest.approx(40.0)
    assert plant.tank.inflow_rate == pytest.approx(24.0)
    plant.clear_fault(fault)
    plant.advance(5.0)
    assert plant.tank.valve_position == 0.0


def test_tool_breakage_is_an_instant_fault() -> None:
    plant = Plant("cnc", seed=6)
    fault = plant.inject_fault("tool_breakage")
    assert plant.cnc.failed and fault.start == fault.end == 0.0 and not fault.active


def test_every_fault_is_logged_with_its_label_start_and_end() -> None:
    plant = Plant("line", seed=7)
    for kind in FAULT_KINDS:
        plant.inject_fault(kind, duration=5.0)
        plant.advance(1.0)
    plant.advance(10.0)
    assert [f.label for f in plant.faults.log] == list(FAULT_KINDS)
    for record in plant.faults.log:
        assert record.end is not None and record.end >= record.start
        if record.kind != "tool_breakage":
            assert record.end - record.start == pytest.approx(5.0)
    kinds = [e.kind for e in plant.events if e.kind.startswith("fault_")]
    assert kinds.count("fault_start") == len(FAULT_KINDS) == kinds.count("fault_end")


def test_bad_injections_get_clear_errors() -> None:
    plant = Plant("conveyor", seed=0)
    with pytest.raises(FaultError) as caught:
        plant.inject_fault("gremlins")
    assert "jam" in caught.value.en and "고장" in caught.value.ko
    with pytest.raises(FaultError) as caught:
        plant.inject_fault("valve_stuck")
    assert "no device" in caught.value.en
    with pytest.raises(FaultError) as caught:
        plant.inject_fault("jam", "conveyor9")
    assert "conveyor1" in caught.value.en
    with pytest.raises(FaultError):
        plant.clear_fault(99)


def with_faults(scenario: str, faults: FaultSettings) -> Plant:
    base = Plant(scenario).scenario
    return Plant(base.model_copy(update={"faults": faults}), seed=11)


def test_a_scenario_schedules_faults() -> None:
    plant = with_faults(
        "conveyor",
        FaultSettings(schedule=[ScheduledFault(at=5.0, kind="jam", target="conveyor1", duration=20.0)]),
    )
    start_line(plant)
    plant.advance(30.0)
    (record,) = plant.faults.log
    assert (record.kind, record.target, record.start, record.end) == ("jam", "conveyor1", 5.0, 25.0)


def test_random_faults_arrive_at_their_rate() -> None:
    plant = with_faults("line", FaultSettings(random={"jam": RandomFault(rate=6.0, duration=30.0)}))
    plant.advance(10 * 3600.0)
    jams = [f for f in plant.faults.log if f.kind == "jam"]
    assert 40 <= len(jams) <= 85  # Poisson, mean 60
    assert {f.target for f in jams} == {"conveyor1", "conveyor2"}
    again = with_faults("line", FaultSettings(random={"jam": RandomFault(rate=6.0, duration=30.0)}))
    again.advance(10 * 3600.0)
    assert [(f.target, f.start) for f in again.faults.log] == [(f.target, f.start) for f in jams]
