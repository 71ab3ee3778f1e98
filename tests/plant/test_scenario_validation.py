"""Scenarios are checked at load: everything that could crash a running plant is refused with file and line."""

from __future__ import annotations

import textwrap
import tracemalloc
from pathlib import Path

import pytest

from factorylab.plant import Plant, ScenarioError, load_scenario
from factorylab.plant.faults import KINDS, FaultError, fault_targets
from factorylab.plant.scenario import STATIONS, Scenario
from factorylab.plant.yamlsource import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES


def write(tmp_path: Path, text: str, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def refused(path: Path) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(str(path))
    error = caught.value
    assert error.path == path and error.line is not None
    assert error.en.startswith(f"{path}:{error.line}: ") and error.ko.startswith(f"{path}:{error.line}: ")
    assert error.ko != error.en
    return error


# (scenario text, line of the problem, words of the English message)
BAD_SCENARIOS = [
    # --- faults that do not fit the stations --------------------------------------------
    (
        """
        extends: sorting
        faults:
          schedule:
            - at: 10
              kind: jam
              target: conveyor9
        """,
        6,
        "faults.schedule.0.target: 'conveyor9' is not a target for jam here. Possible targets: conveyor1, conveyor2",
    ),
    (
        """
        extends: sorting
        faults:
          schedule:
            - {at: 10, kind: heater_degradation}
        """,
        4,
        "faults.schedule.0.kind: this scenario has no device for a heater_degradation fault",
    ),
    (
        """
        extends: tank
        faults:
          schedule:
            - {at: 10, kind: sensor_stuck_on, target: conveyor1.photo_eye_exit}
        """,
        4,
        "'conveyor1.photo_eye_exit' is not a target for sensor_stuck_on",
    ),
    (
        """
        extends: oven
        faults:
          schedule:
            - {at: 10, kind: analog_drift, target: tank.level}
        """,
        4,
        "Possible targets: oven.temperature",
    ),
    (
        """
        extends: sorting
        faults:
          random:
            jam: {rate: 2}
            valve_stuck: {rate: 1}
        """,
        5,
        "faults.random.valve_stuck: this scenario has no device for a valve_stuck fault",
    ),
    (
        """
        extends: sorting
        faults:
          schedule:
            - {at: 10, kind: gremlins}
        """,
        4,
        "faults.schedule.0.kind: must be one of",
    ),
    # --- fault settings that do not fit the kind -------------------------------------------
    (
        """
        extends: sorting
        faults:
          schedule:
            - {at: 10, kind: jam, rate: 2}
        """,
        4,
        "faults.schedule.0.rate: rate goes with analog_drift, bearing_wear, heater_degradation only",
    ),
    (
        """
        extends: sorting
        faults:
          schedule:
            - {at: 10, kind: bearing_wear, floor: 0.5}
        """,
        4,
        "faults.schedule.0.floor: floor goes with heater_degradation only",
    ),
    (
        """
        extends: oven
        faults:
          schedule:
            - {at: 10, kind: heater_degradation, floor: 1.5}
        """,
        4,
        "faults.schedule.0.floor: must be at most 1.0",
    ),
    (
        """
        extends: sorting
        faults:
          schedule:
            - {at: 10, kind: bearing_wear, rate: 1.0e+6}
        """,
        4,
        "faults.schedule.0.rate: must be at most 10000",
    ),
    (
        """
        extends: cnc
        faults:
          schedule:
            - {at: 10, kind: tool_breakage, duration: 5}
        """,
        4,
        "faults.schedule.0.duration: a tool_breakage fault happens and ends at once",
    ),
    (
        """
        extends: cnc
        faults:
          random:
            tool_breakage: {rate: 1, duration: 5}
        """,
        4,
        "faults.random.tool_breakage.duration: a tool_breakage fault happens and ends at once",
    ),
    # --- numbers that are not finite, or too large --------------------------------------------
    (
        """
        extends: sorting
        faults:
          random:
            jam: {rate: .inf}
        """,
        4,
        "faults.random.jam.rate: must be a finite number (.inf and .nan are not allowed, got inf)",
    ),
    (
        """
        extends: oven
        faults:
          schedule:
            - {at: 10, kind: heater_degradation, rate: .inf}
        """,
        4,
        "faults.schedule.0.rate: must be a finite number",
    ),
    (
        """
        extends: sorting
        faults:
          schedule:
            - {at: .inf, kind: jam}
        """,
        4,
        "faults.schedule.0.at: must be a finite number",
    ),
    (
        """
        extends: sorting
        faults:
          schedule:
            - {at: 10, kind: jam, duration: .nan}
        """,
        4,
        "faults.schedule.0.duration: must be a finite number",
    ),
    (
        """
        extends: sorting
        faults:
          schedule:
            - {at: 1.0e+9, kind: jam}
        """,
        4,
        "faults.schedule.0.at: must be at most 2592000",
    ),
    (
        """
        extends: line
        orders:
          generate:
            count: 5
            every: .inf
            lead_time: 600
        """,
        5,
        "orders.generate.every: must be a finite number",
    ),
    (
        """
        extends: line
        orders:
          generate: {count: 5, every: 600, lead_time: .nan}
        """,
        3,
        "orders.generate.lead_time: must be a finite number",
    ),
    (
        """
        extends: line
        orders:
          generate: {count: 5, every: 600, lead_time: 600, quantity: [1, 100000]}
        """,
        3,
        "orders.generate.quantity: quantity must be [min, max] with 1 <= min <= max <= 65535",
    ),
    (
        """
        extends: line
        orders:
          generate:
            count: 10000
            every: 600
            lead_time: 1800
        """,
        3,
        "orders.generate: the last order would be due at 6001200 s: make count, every or lead_time smaller",
    ),
    (
        """
        extends: line
        orders:
          generate: {count: 100000, every: 600, lead_time: 600}
        """,
        3,
        "orders.generate.count: must be at most 10000",
    ),
    (
        """
        extends: line
        orders:
          book:
            - {quantity_a: 5, quantity_b: 5, due: 600}
            - {quantity_a: 5, quantity_b: 5, due: .inf}
        """,
        5,
        "orders.book.1.due: must be a finite number",
    ),
    (
        """
        extends: line
        orders:
          book:
            - {quantity_a: 70000, quantity_b: 5, due: 600}
        """,
        4,
        "orders.book.0.quantity_a: must be at most 65535",
    ),
    (
        """
        extends: oven
        oven:
          gain: .nan
        """,
        3,
        "oven.gain: must be a finite number",
    ),
    (
        """
        extends: oven
        oven:
          dead_time: 1.0e+99
        """,
        3,
        "oven.dead_time: must be at most 300",
    ),
    (
        """
        extends: tank
        tank:
          level: -.inf
        """,
        3,
        "tank.level: must be a finite number",
    ),
    (
        """
        extends: sorting
        feeder:
          interval: .NaN
        """,
        3,
        "feeder.interval: must be a finite number",
    ),
    (
        """
        extends: sorting
        ideal_cycle_time: .inf
        """,
        2,
        "ideal_cycle_time: must be a finite number",
    ),
    (
        """
        extends: sorting
        orders:
          generate: {count: 5, every: 0, lead_time: 60}
        """,
        3,
        "orders.generate.every: must be more than 0.0",
    ),
    # --- actions that need a station the scenario lacks ---------------------------------------
    (
        """
        extends: conveyor
        stations: [feeder, conveyor1, conveyor2]
        actions:
          - {at: 1.0, press: start}
        """,
        4,
        "actions.0.press: a 'press' action needs station 'panel', which this scenario does not have",
    ),
    (
        """
        extends: conveyor
        stations: [feeder, conveyor1, conveyor2]
        actions:
          - {at: 1.0, estop: pushed}
        """,
        4,
        "actions.0.estop: a 'estop' action needs station 'panel'",
    ),
    (
        """
        extends: conveyor
        stations: [feeder, conveyor1, conveyor2]
        actions:
          - {at: 1.0, mode: manual}
        """,
        4,
        "actions.0.mode: a 'mode' action needs station 'panel'",
    ),
    (
        """
        extends: tank
        actions:
          - {at: 1.0, press: start}
          - {at: 5.0, outfeed: blocked}
        """,
        4,
        "actions.1.outfeed: a 'outfeed' action needs station 'conveyor2'",
    ),
    (
        """
        extends: sorting
        actions:
          - {at: 5.0, demand: 0.5}
        """,
        3,
        "actions.0.demand: a 'demand' action needs station 'tank'",
    ),
    (
        """
        extends: sorting
        actions:
          - {at: .inf, press: start}
        """,
        3,
        "actions.0.at: must be a finite number",
    ),
    (
        """
        extends: sorting
        actions:
          - {at: 1, press: start, hold: .inf}
        """,
        3,
        "actions.0.hold: must be a finite number",
    ),
    (
        """
        extends: tank
        actions:
          - {at: 1, demand: .nan}
        """,
        3,
        "actions.0.demand: must be a finite number",
    ),
    (
        """
        extends: conveyor
        stations: [feeder, conveyor1, conveyor2]
        safety:
          reset_required_at_start: true
        """,
        4,
        "safety.reset_required_at_start: the safety relay cannot start tripped without station 'panel'",
    ),
    # --- texts and numbers the rest of the kit cannot show -----------------------------------
    (
        f"""
        extends: sorting
        title: {{ko: 제목, en: {"x" * 200}}}
        """,
        2,
        "title.en: must be at most 80 characters long",
    ),
    (
        f"""
        extends: sorting
        number: 1{"0" * 5000}
        """,
        2,
        "this value cannot be read",
    ),
]


@pytest.mark.parametrize(("text", "line", "words"), BAD_SCENARIOS)
def test_bad_scenarios_are_refused_at_load_with_their_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    error = refused(write(tmp_path, text))
    assert error.line == line, error.en
    assert words in error.en


def test_korean_messages_attach_particles_and_name_the_field(tmp_path: Path) -> None:
    error = refused(write(tmp_path, "extends: sorting\nfaults:\n  random:\n    jam: {rate: .inf}\n"))
    assert "faults.random.jam.rate: 유한한 수여야 합니다" in error.ko
    error = refused(write(tmp_path, "extends: sorting\nfaults:\n  schedule:\n    - {at: 1, kind: valve_stuck}\n"))
    assert "valve_stuck 고장을 걸 장치가 없습니다 (필요한 스테이션: tank)" in error.ko
    assert "이(가)" not in error.ko and "을(를)" not in error.ko


def test_a_problem_inherited_through_extends_is_shown_on_the_extends_line(tmp_path: Path) -> None:
    write(
        tmp_path,
        """
        extends: oven
        id: hot
        faults:
          schedule:
            - {at: 60, kind: heater_degradation, rate: 2}
        """,
        "hot.yaml",
    )
    child = write(
        tmp_path,
        """
        # the oven is gone, its fault is not
        extends: hot.yaml
        stations: [panel, feeder, conveyor1, conveyor2]
        """,
        "cold.yaml",
    )
    error = refused(child)
    assert error.line == 2
    assert "faults.schedule.0.kind: this scenario has no device for a heater_degradation fault" in error.en
    assert "(inherited from extends: hot.yaml)" in error.en and "물려받은 값" in error.ko


# --- YAML bombs ------------------------------------------------------------------------------------

LAUGHS = """
extends: sorting
a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_a_billion_laughs_is_refused_at_once_without_building_it(tmp_path: Path) -> None:
    path = write(tmp_path, LAUGHS)
    assert path.stat().st_size < 350  # bytes
    tracemalloc.start()
    try:
        error = refused(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.line == 7  # the alias that passes the limit: 9**5 values
    assert f"too many values: more than {MAX_NODES}" in error.en and "별칭" in error.ko
    assert peak < 20_000_000  # bytes: nothing was expanded (the old loader took 220 MB)


def test_deep_nesting_is_refused_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "extends: sorting\nfeeder:\n  interval: " + "[" * 10_000 + "]" * 10_000 + "\n")
    error = refused(path)
    assert error.line == 3
    assert f"values nest more than {MAX_DEPTH} levels deep" in error.en and "중첩" in error.ko


def test_aliases_cannot_nest_deeper_than_the_limit_either(tmp_path: Path) -> None:
    nested = "[" * 15 + "1" + "]" * 15
    path = write(tmp_path, f"extends: sorting\na: &a {nested}\nb: &b [[[[[[[[*a]]]]]]]]\n")
    error = refused(path)
    assert error.line == 3 and "levels deep" in error.en


def test_an_alias_inside_its_own_value_is_refused(tmp_path: Path) -> None:
    error = refused(write(tmp_path, "extends: sorting\nactions: &loop\n  - *loop\n"))
    assert error.line == 3 and "alias *loop is inside the value it refers to" in error.en


def test_merge_keys_are_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = write(tmp_path, "extends: sorting\nbelt: &belt {speed: 50}\nconveyor1:\n  <<: *belt\n  run: true\n")
    error = refused(path)
    assert error.line == 4 and "merge keys (<<) are not supported" in error.en and "병합 키" in error.ko


def test_undefined_aliases_and_oversized_files(tmp_path: Path) -> None:
    error = refused(write(tmp_path, "extends: sorting\nactions: [*nothing]\n"))
    assert error.line == 2 and "undefined alias" in error.en
    big = write(tmp_path, "extends: sorting\n" + "# padding\n" * (MAX_FILE_BYTES // 10 + 1), "big.yaml")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(str(big))
    assert "the file is too large" in caught.value.en and "파일이 너무 큽니다" in caught.value.ko


def test_a_file_with_a_few_anchors_still_loads(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        extends: sorting
        actions:
          - &start {at: 1.0, press: start}
          - {at: 30.0, press: stop}
          - *start
        faults:
          schedule:
            - &jam {at: 60, kind: jam, target: conveyor2, duration: 5}
            - *jam
        """,
    )
    scenario = load_scenario(str(path))
    assert [a.press for a in scenario.actions] == ["start", "stop", "start"]
    assert scenario.faults.schedule[0] == scenario.faults.schedule[1]
    Plant(scenario).advance(70.0)


# --- the one rule for fault targets -----------------------------------------------------------------


def test_fault_targets_of_a_scenario_are_the_plants_devices() -> None:
    """fault_targets(kind, stations) names exactly what the plant has (one rule for load and run)."""
    for stations in (["tank"], ["panel", "tank"], ["conveyor1"], ["feeder", "conveyor1", "conveyor2"], list(STATIONS)):
        base = load_scenario("line")
        plant = Plant(base.model_copy(update={"stations": stations, "orders": base.orders.model_copy()}))
        assert fault_targets("sensor_stuck_on", stations) == plant.discrete_sensors()
        assert fault_targets("jam", stations) == [c.name for c in plant.conveyors]
        for kind in KINDS:
            assert plant.faults.targets(kind) == fault_targets(kind, stations)
            for target in fault_targets(kind, stations):
                device = target.split(".")[0]
                assert getattr(plant, device) is not None


def test_inject_refuses_settings_a_kind_does_not_take() -> None:
    plant = Plant("oven")
    with pytest.raises(FaultError) as caught:
        plant.inject_fault("analog_drift", "oven.temperature", rate=float("inf"))
    assert "rate must be a finite number" in caught.value.en
    with pytest.raises(FaultError):
        plant.inject_fault("heater_degradation", rate=0.5, floor=2.0)
    with pytest.raises(FaultError) as caught:
        plant.inject_fault("jam", "conveyor1", rate=1.0)
    assert "rate goes with" in caught.value.en
    with pytest.raises(FaultError) as caught:
        plant.inject_fault("jam", "conveyor1", speed=1.0)
    assert "has no setting 'speed'" in caught.value.en
    assert plant.faults.log == []


def test_scenarios_built_in_code_are_checked_too() -> None:
    base = load_scenario("sorting").model_dump(exclude={"source"})
    with pytest.raises(ValueError, match="no device for a tool_breakage fault"):
        Scenario.model_validate({**base, "faults": {"schedule": [{"at": 1.0, "kind": "tool_breakage"}]}})
