"""CNC: the AI4I 2020 generation and failure rules, tool changes, resets."""

from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factorylab.plant import Plant
from factorylab.plant import cnc as cnc_model
from factorylab.plant.cnc import failure_modes

from .helpers import run_until, start_line

process = st.fixed_dictionaries(
    {
        "grade": st.sampled_from(["L", "M", "H"]),
        "air_temperature": st.floats(290, 310),
        "process_temperature": st.floats(295, 325),
        "speed": st.floats(1000, 3000),
        "torque": st.floats(0, 80),
        "tool_wear": st.floats(0, 260),
        "wear_limit": st.floats(200, 240),
        "random_draw": st.floats(0, 1, exclude_max=True),
    }
)


@settings(max_examples=400)
@given(p=process)
def test_each_rule_fires_exactly_when_its_condition_holds(p: dict) -> None:
    modes = failure_modes(**p)
    power = p["torque"] * p["speed"] * 2 * math.pi / 60
    assert ("TWF" in modes) == (p["tool_wear"] >= p["wear_limit"])
    assert ("HDF" in modes) == (p["process_temperature"] - p["air_temperature"] < 8.6 and p["speed"] < 1380)
    assert ("PWF" in modes) == (power < 3500 or power > 9000)
    limit = {"L": 11000, "M": 12000, "H": 13000}[p["grade"]]
    assert ("OSF" in modes) == (p["tool_wear"] * p["torque"] > limit)
    assert ("RNF" in modes) == (p["random_draw"] < 0.001)


@pytest.mark.parametrize(
    ("changes", "mode"),
    [
        ({"tool_wear": 220.0, "wear_limit": 219.9}, "TWF"),
        ({"process_temperature": 308.5, "speed": 1379.0}, "HDF"),
        ({"torque": 20.0, "speed": 1600.0}, "PWF"),  # 3351 W
        ({"torque": 60.0, "speed": 1450.0}, "PWF"),  # 9111 W
        ({"grade": "L", "tool_wear": 200.0, "torque": 55.5}, "OSF"),  # 11,100 > 11,000
        ({"random_draw": 0.0005}, "RNF"),
    ],
)
def test_boundary_cases(changes: dict, mode: str) -> None:
    healthy = {
        "grade": "M",
        "air_temperature": 300.0,
        "process_temperature": 310.0,
        "speed": 1540.0,
        "torque": 40.0,
        "tool_wear": 100.0,
        "wear_limit": 220.0,
        "random_draw": 0.5,
    }
    assert failure_modes(**healthy) == []
    assert failure_modes(**{**healthy, **changes}) == [mode]


def test_just_inside_each_limit_does_not_fire() -> None:
    base = dict(
        grade="H",
        air_temperature=300.0,
        process_temperature=310.0,
        speed=1540.0,
        torque=40.0,
        tool_wear=100.0,
        wear_limit=220.0,
        random_draw=0.5,
    )
    assert failure_modes(**{**base, "process_temperature": 308.6, "speed": 1379.0}) == []  # delta T = 8.6 K
    assert failure_modes(**{**base, "process_temperature": 308.0, "speed": 1380.0}) == []
    assert (
        failure_modes(**{**base, "tool_wear": 200.0, "torque": 65.0, "speed": 1300.0}) == []
    )  # 13,000 is not > 13,000
    assert failure_modes(**{**base, "tool_wear": 219.99}) == []


def machined(seconds: float, seed: int = 1, change_at: float = 150.0) -> Plant:
    """The cnc scenario with a controller that changes tools and resets failures."""
    plant = Plant("cnc", seed=seed)
    start_line(plant, interval=4.5)
    plant.cnc.run = True
    for _ in range(round(seconds / plant.dt)):
        cnc = plant.cnc
        cnc.reset = cnc.failed and not cnc.reset
        cnc.tool_change = cnc.tool_wear >= change_at
        plant.step()
    return plant


def test_generated_data_follows_the_ai4i_distributions() -> None:
    plant = machined(3 * 3600.0)
    parts = [p for p in plant.finished_parts + plant.parts if p.torque is not None]
    assert len(parts) > 2000
    grades = [p.grade for p in parts]
    for grade, share in zip("LMH", cnc_model.GRADE_SHARE, strict=True):
        assert grades.count(grade) / len(grades) == pytest.approx(share, abs=0.03)
    torques = [p.torque for p in parts]
    assert min(torques) >= 0.0
    assert statistics.fmean(torques) == pytest.approx(40.0, abs=0.6)
    assert statistics.stdev(torques) == pytest.approx(10.0, abs=0.6)
    speeds = [p.speed for p in parts]
    assert statistics.fmean(speeds) == pytest.approx(1538.0, abs=10.0)
    assert statistics.stdev(speeds) == pytest.approx(179.0, abs=12.0)
    assert statistics.correlation(torques, speeds) == pytest.approx(-0.88, abs=0.04)
    gaps = [p.process_temperature - p.air_temperature for p in parts]
    assert statistics.fmean(gaps) == pytest.approx(10.0, abs=0.8)
    airs = [p.air_temperature for p in parts]
    assert 294.0 < min(airs) and max(airs) < 306.0


def test_wear_grows_by_grade_and_failures_match_the_rules() -> None:
    plant = machined(1800.0, seed=2, change_at=1000.0)  # never change: run into wear failures
    parts = sorted((p for p in plant.finished_parts + plant.parts if p.torque is not None), key=lambda p: p.id)
    failures = 0
    for before, after in zip(parts, parts[1:], strict=False):
        if before.failure_modes:
            failures += 1
            continue  # a ruined part adds no wear
        expected = cnc_model.WEAR_PER_PART[before.grade]
        if after.tool_wear >= before.tool_wear:  # not across a tool change
            assert after.tool_wear - before.tool_wear == pytest.approx(expected)
    assert failures + (1 if parts[-1].failure_modes else 0) == plant.cnc.failures
    modes = {m for p in parts for m in (p.failure_modes or [])}
    assert modes & {"TWF", "OSF"}  # without tool changes the tool wears out
    assert all(p.defects == ["machining"] for p in parts if p.failure_modes and p.location in ("outfeed",))


def pulse(plant: Plant, command: str) -> None:
    """A rising edge on a CNC command: on for one tick, then off."""
    setattr(plant.cnc, command, True)
    plant.step()
    setattr(plant.cnc, command, False)


def test_a_broken_tool_stops_the_station_until_reset_and_a_tool_change() -> None:
    plant = Plant("cnc", seed=3)
    start_line(plant)
    plant.cnc.run = True
    plant.advance(30.0)
    ruined = plant.cnc.part
    assert ruined is not None
    plant.inject_fault("tool_breakage")
    plant.step()
    assert plant.cnc.failed and plant.cnc.failure_modes == 32 and plant.cnc.tool_change_required
    assert ruined.ruined and "TBF" in ruined.failure_modes  # the part's record (a dataset's label) says why
    machined_before = plant.cnc.parts_machined
    plant.advance(60.0)
    assert plant.cnc.parts_machined == machined_before
    assert plant.production.state == 4  # down
    pulse(plant, "reset")
    plant.advance(1.0)
    assert not plant.cnc.failed and plant.cnc.failure_modes == 0
    # reset, but the tool is still broken: "tool change required", nothing is machined
    assert plant.cnc.state == cnc_model.TOOL_REQUIRED and plant.cnc.tool_change_required
    plant.advance(60.0)
    assert plant.cnc.parts_machined == machined_before and plant.cnc.part is None
    assert plant.production.state == 4  # still down
    pulse(plant, "tool_change")
    assert plant.cnc.tool_changing
    run_until(plant, lambda p: not p.cnc.tool_changing, 31.0)
    assert not plant.cnc.tool_change_required and plant.cnc.tool_wear == 0.0
    plant.advance(30.0)
    assert plant.cnc.parts_machined > machined_before


def test_a_breakage_during_a_tool_change_restarts_the_change_after_the_reset() -> None:
    plant = Plant("cnc", seed=2)
    start_line(plant)
    plant.cnc.run = True
    plant.advance(60.0)
    assert not plant.cnc.failed
    plant.cnc.tool_change = True  # held on, as a careless controller does: one edge only
    run_until(plant, lambda p: p.cnc.tool_changing, 10.0)
    worn = plant.cnc.tool_wear
    assert worn > 0.0
    plant.advance(10.0)
    plant.inject_fault("tool_breakage")
    plant.step()
    assert plant.cnc.failed and plant.cnc.tool_change_required and plant.cnc.tool_wear == worn
    plant.advance(5.0)
    plant.cnc.reset = True  # the reset's edge; tool_change stays on and gives no new edge
    started = run_until(plant, lambda p: p.cnc.tool_changing, 0.2)  # the interrupted change starts again...
    run_until(plant, lambda p: not p.cnc.tool_changing, 31.0)
    assert plant.time - started == pytest.approx(cnc_model.TOOL_CHANGE_TIME, abs=0.1)  # ...from the beginning
    assert plant.cnc.tool_wear == 0.0 and plant.cnc.tool_changes == 1 and not plant.cnc.tool_change_required


def test_a_request_waits_for_a_failure_and_a_second_edge_during_a_change_is_ignored() -> None:
    plant = Plant("cnc", seed=8)
    start_line(plant)
    plant.cnc.run = True
    plant.advance(20.0)
    plant.inject_fault("tool_breakage")
    plant.step()
    pulse(plant, "tool_change")  # asked while failed: kept until the reset
    plant.advance(5.0)
    assert plant.cnc.failed and not plant.cnc.tool_changing
    pulse(plant, "reset")
    run_until(plant, lambda p: p.cnc.tool_changing, 2.0)
    plant.advance(5.0)
    pulse(plant, "tool_change")  # during the change: ignored
    run_until(plant, lambda p: not p.cnc.tool_changing, 30.0)
    plant.advance(10.0)
    assert plant.cnc.tool_changes == 1 and plant.cnc.state != cnc_model.TOOL_CHANGE


def test_a_tool_wear_failure_needs_a_tool_change_not_only_a_reset() -> None:
    plant = machined(1200.0, seed=2, change_at=1000.0)  # resets failures, never changes the tool
    cnc = plant.cnc
    parts = plant.finished_parts + plant.parts
    twf = [p for p in parts if p.failure_modes and "TWF" in p.failure_modes]
    assert len(twf) == 1  # one, not one per part: the worn-out tool machines nothing more
    assert cnc.state == cnc_model.TOOL_REQUIRED and cnc.tool_change_required
    assert cnc.tool_wear >= cnc.wear_limit
    assert plant.production.state == 4


def test_tool_wear_runs_30_to_75_times_faster_than_real_time_as_the_tag_says() -> None:
    from factorylab.tags import ALL_TAGS

    assert cnc_model.MACHINE_CYCLE == pytest.approx(4.0)
    factors = {grade: cnc_model.wear_speedup(grade) for grade in "LMH"}
    assert factors == {"L": 30.0, "M": 45.0, "H": 75.0}
    tag = ALL_TAGS["cnc.tool_wear"]
    assert "75/45/30x" in tag.description_en and "75/45/30배" in tag.description_ko
    assert (
        f"{cnc_model.MACHINE_CYCLE:g} s" in tag.description_en
        and f"{cnc_model.MACHINE_CYCLE:g}초" in tag.description_ko
    )
    # measured: the wear a part adds (min) over the time it spent in the machine (s)
    plant = machined(300.0, seed=9, change_at=1000.0)
    parts = sorted((p for p in plant.finished_parts if p.machined), key=lambda p: p.id)
    measured = 0
    for part, following in zip(parts, parts[1:], strict=False):
        if part.failure_modes:
            continue
        places = [where for _, where in part.history]
        entered = part.history[places.index("cnc")][0]
        left = part.history[places.index("cnc") + 1][0]
        if left - entered > cnc_model.MACHINE_CYCLE + 1e-6:
            continue  # waited for room downstream
        speedup = (following.tool_wear - part.tool_wear) * 60.0 / (left - entered)
        assert speedup == pytest.approx(factors[part.grade])
        measured += 1
    assert measured > 30


def test_a_tool_change_takes_30_s_and_resets_wear() -> None:
    plant = Plant("cnc", seed=4)
    start_line(plant)
    plant.cnc.run = True
    plant.advance(120.0)
    assert plant.cnc.tool_wear > 0
    plant.cnc.tool_change = True
    started = None
    for _ in range(round(60 / plant.dt)):
        plant.step()
        if plant.cnc.tool_changing and started is None:
            started = plant.time
        if started is not None and not plant.cnc.tool_changing:
            break
    assert plant.time - started == pytest.approx(cnc_model.TOOL_CHANGE_TIME, abs=0.1)
    assert plant.cnc.tool_wear == 0.0 and plant.cnc.tool_changes == 1
    assert 200.0 <= plant.cnc.wear_limit <= 240.0


def test_machined_dimension_grows_with_wear() -> None:
    plant = machined(2400.0, seed=5, change_at=190.0)
    parts = [p for p in plant.finished_parts if p.machined and not p.failure_modes]
    fresh = [p.dimension for p in parts if p.tool_wear < 40]
    worn = [p.dimension for p in parts if p.tool_wear > 150]
    assert statistics.fmean(worn) - statistics.fmean(fresh) == pytest.approx(0.0004 * 150, abs=0.02)
    for part in parts:
        assert ("dimension" in part.defects) == (abs(part.dimension - 20.0) > 0.10)


def test_signals_are_zero_unless_machining() -> None:
    plant = Plant("cnc", seed=6)
    assert plant.cnc.spindle_speed == 0 and plant.cnc.torque == 0 and plant.cnc.grade == 0
    start_line(plant)
    plant.cnc.run = True
    for _ in range(round(30 / plant.dt)):
        plant.step()
        if plant.cnc.busy:
            assert plant.cnc.spindle_speed > 500 and plant.cnc.torque >= 0 and plant.cnc.grade in (1, 2, 3)
            return
    raise AssertionError("the CNC never machined")
