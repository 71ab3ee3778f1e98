"""Property: a scenario file that loads runs a simulated hour without an error; a bad one is refused with its line.

Scenarios are generated as YAML files: station sets that respect the stations' requirements, every setting
within its validated range (the range is read from the model, so new settings are covered; extremes are drawn
often), scheduled and random faults on the targets the stations offer, operator actions and work orders. A
simple controller switches the line on and keeps writing random values to the writable tags; every tag is
read as the Modbus server would publish it. Invalid files are made from valid ones by one mistake each and
must be refused with the file's line of the mistake (the line comes from PyYAML's own marks).
"""

from __future__ import annotations

import math
import random
import typing
from pathlib import Path
from typing import Any

import yaml
from annotated_types import Ge, Gt, Le, Lt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factorylab.plant import Plant, ScenarioError, load_scenario
from factorylab.plant.catalogue import REQUIRES
from factorylab.plant.faults import INSTANT_KINDS, KINDS, MAX_FAULT_RATE, RATE_KINDS, fault_targets
from factorylab.plant.scenario import (
    MAX_QUANTITY,
    MAX_SECONDS,
    STATIONS,
    CNCSettings,
    ConveyorSettings,
    FeederSettings,
    OvenSettings,
    SorterSettings,
    TankSettings,
    builtin_ids,
    load_scenario_file,
)
from factorylab.tags import tags_for

HOUR = 3600.0
SECTIONS = {
    "feeder": FeederSettings,
    "conveyor1": ConveyorSettings,
    "conveyor2": ConveyorSettings,
    "sorter": SorterSettings,
    "tank": TankSettings,
    "oven": OvenSettings,
    "cnc": CNCSettings,
}
ACTION_STATIONS = {"press": "panel", "estop": "panel", "mode": "panel", "outfeed": "conveyor2", "demand": "tank"}
ACTION_VALUES = {
    "press": ["start", "stop", "reset"],
    "estop": ["pushed", "released"],
    "mode": ["auto", "manual"],
    "outfeed": ["blocked", "clear"],
}


# --- strategies -------------------------------------------------------------------------------------------------


def _bounds(metadata: list[Any]) -> tuple[float, float, bool]:
    low, high, open_low = -1e6, 1e6, False
    for item in metadata:
        if isinstance(item, Ge):
            low = float(item.ge)
        elif isinstance(item, Gt):
            low, open_low = float(item.gt), True
        elif isinstance(item, Le):
            high = float(item.le)
        elif isinstance(item, Lt):
            high = float(item.lt)
    return low, high, open_low


def in_range(low: float, high: float, open_low: bool = False) -> st.SearchStrategy[float]:
    """Floats within a validated range, its ends drawn often."""
    ends = [high] if open_low else [low, high]
    inside = st.floats(low, high, exclude_min=open_low, allow_nan=False, allow_infinity=False)
    return st.one_of(st.sampled_from(ends), inside)


def field_values(model: type, name: str) -> st.SearchStrategy[Any]:
    """Valid values of one field of a settings model, from its annotation and constraints."""
    info = model.model_fields[name]
    annotation = info.annotation
    if annotation is bool:
        return st.booleans()
    if typing.get_origin(annotation) is typing.Literal:
        return st.sampled_from(typing.get_args(annotation))
    if annotation is float:
        return in_range(*_bounds(info.metadata))
    if annotation is int:
        low, high, open_low = _bounds(info.metadata)
        return st.integers(int(low) + open_low, int(high))
    raise AssertionError(f"no strategy for {model.__name__}.{name}: {annotation}")  # a new kind of setting


def sections(model: type) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional={name: field_values(model, name) for name in model.model_fields})


def with_requirements(chosen: set[str]) -> list[str]:
    stations = set(chosen)
    while True:
        needed = {n for s in stations for n in REQUIRES.get(s, ())} - stations
        if not needed:
            return [s for s in STATIONS if s in stations]
        stations |= needed


times = st.one_of(st.sampled_from([0.0, HOUR]), st.floats(0.0, HOUR), st.just(MAX_SECONDS))
durations = st.one_of(st.none(), st.sampled_from([0.0, 0.05, MAX_SECONDS]), st.floats(0.0, HOUR))


@st.composite
def scheduled_faults(draw: st.DrawFn, stations: list[str]) -> dict[str, Any]:
    kind = draw(st.sampled_from([k for k in KINDS if fault_targets(k, stations)]))
    fault: dict[str, Any] = {"at": draw(times), "kind": kind}
    target = draw(st.none() | st.sampled_from(fault_targets(kind, stations)))
    if target is not None:
        fault["target"] = target
    if kind not in INSTANT_KINDS and (duration := draw(durations)) is not None:
        fault["duration"] = duration
    if kind in RATE_KINDS and draw(st.booleans()):
        fault["rate"] = draw(in_range(0.0, MAX_FAULT_RATE, open_low=True))
    if kind == "heater_degradation" and draw(st.booleans()):
        fault["floor"] = draw(in_range(0.0, 1.0))
    return fault


@st.composite
def random_faults(draw: st.DrawFn, stations: list[str]) -> dict[str, Any]:
    kinds = draw(st.sets(st.sampled_from([k for k in KINDS if fault_targets(k, stations)]), max_size=4))
    result = {}
    for kind in sorted(kinds):
        entry: dict[str, Any] = {"rate": draw(in_range(0.0, 100.0))}
        if kind not in INSTANT_KINDS:
            entry["duration"] = draw(st.sampled_from([30.0, 600.0]) | st.floats(0.0, HOUR))
        result[kind] = entry
    return result


@st.composite
def actions(draw: st.DrawFn, stations: list[str]) -> dict[str, Any]:
    field = draw(st.sampled_from([f for f, s in ACTION_STATIONS.items() if s in stations]))
    action: dict[str, Any] = {"at": draw(times)}
    action[field] = draw(in_range(0.0, 3.0)) if field == "demand" else draw(st.sampled_from(ACTION_VALUES[field]))
    if field == "press" and draw(st.booleans()):
        action["hold"] = draw(in_range(0.0, 600.0, open_low=True))
    return action


@st.composite
def orders(draw: st.DrawFn) -> dict[str, Any]:
    quantity = st.sampled_from([0, 1, MAX_QUANTITY]) | st.integers(0, 50)
    book = draw(
        st.lists(
            st.fixed_dictionaries(
                {"quantity_a": quantity, "quantity_b": quantity, "due": st.floats(0.0, HOUR) | st.just(MAX_SECONDS)}
            ),
            max_size=3,
        )
    )
    result: dict[str, Any] = {"book": book}
    if draw(st.booleans()):
        low = draw(st.sampled_from([1, MAX_QUANTITY]) | st.integers(1, 40))
        high = draw(st.sampled_from([low, MAX_QUANTITY]) | st.integers(low, low + 40))
        count = draw(st.sampled_from([0, 1, 10000]) | st.integers(0, 50))
        lead_time = draw(in_range(0.0, MAX_SECONDS / 2, open_low=True))
        every = draw(in_range(0.0, (MAX_SECONDS - lead_time) / max(count - 1, 1), open_low=True))
        result["generate"] = {
            "count": count,
            "every": every,
            "quantity": [low, min(high, MAX_QUANTITY)],
            "lead_time": lead_time,
        }
    return result


@st.composite
def scenario_files(draw: st.DrawFn) -> tuple[dict[str, Any], list[str]]:
    """(data of a valid scenario file, the stations it ends up with)."""
    data: dict[str, Any] = {}
    if draw(st.booleans()):
        base = draw(st.sampled_from(builtin_ids()))
        data["extends"] = base
        stations = list(load_scenario(base).stations)
    else:
        data.update(id="generated", number=99, title={"ko": "생성", "en": "Generated"})
        data["summary"] = {"ko": "속성 테스트", "en": "Property test"}
        stations = []
    if not stations or draw(st.booleans()):
        stations = with_requirements(draw(st.sets(st.sampled_from(STATIONS), min_size=1)))
        data["stations"] = draw(st.permutations(stations))
    for name, model in SECTIONS.items():
        if draw(st.booleans()):
            data[name] = draw(sections(model))
    faults: dict[str, Any] = {}
    if draw(st.booleans()):
        faults["schedule"] = draw(st.lists(scheduled_faults(stations), max_size=4))
    if draw(st.booleans()):
        faults["random"] = draw(random_faults(stations))
    if faults:
        data["faults"] = faults
    if any(s in stations for s in ("panel", "conveyor2", "tank")) and draw(st.booleans()):
        data["actions"] = draw(st.lists(actions(stations), max_size=6))
    if "orders" in stations and draw(st.booleans()):
        data["orders"] = draw(orders())
    if "panel" in stations and draw(st.booleans()):
        data["safety"] = {"reset_required_at_start": draw(st.booleans())}
    if draw(st.booleans()):
        data["ideal_cycle_time"] = draw(in_range(0.0, 600.0, open_low=True))
    return data, stations


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# --- a simple controller --------------------------------------------------------------------------------------------


def run_an_hour(plant: Plant, seed: int) -> None:
    """Switch everything on, then every 30 s write random values to writable tags and read every tag."""
    rng = random.Random(seed)
    tags = list(tags_for(plant))
    writable = [t for t in tags if t.writable]
    for tag in writable:
        if tag.name.endswith((".run", ".gate")):
            tag.write(plant, 1)
    if plant.oven is not None:
        plant.oven.heater = 60.0
    if plant.tank is not None:
        plant.tank.inflow = 40.0
    for _ in range(round(HOUR / 30.0)):
        if plant.panel is not None:
            plant.panel.set_estop(False)
            plant.panel.press(rng.choice(["start", "reset", "start"]), plant.time)
        for tag in rng.sample(writable, k=min(4, len(writable))):
            if tag.value_type is bool:
                tag.write(plant, rng.random() < 0.7)
            else:
                tag.write(plant, rng.uniform(tag.min, tag.max))
        plant.advance(30.0)
        for tag in tags:  # what the Modbus server publishes
            words = tag.words(plant)
            assert all(0 <= word <= 0xFFFF for word in words), tag.name
            value = tag.read(plant)
            assert not (isinstance(value, float) and math.isnan(value)), tag.name
    assert plant.time == HOUR


# --- the properties ----------------------------------------------------------------------------------------------


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(generated=scenario_files(), seed=st.integers(0, 2**32 - 1))
def test_every_scenario_that_loads_runs_an_hour(tmp_path: Path, generated: tuple, seed: int) -> None:
    data, stations = generated
    scenario = load_scenario_file(write(tmp_path / "generated.yaml", data))
    assert scenario.stations == stations
    run_an_hour(Plant(scenario, seed=seed), seed)


# --- the converse: one mistake, refused with its line ---------------------------------------------------------------


def yaml_line(text: str, loc: tuple) -> int:
    """Line (1-based) of the value at ``loc`` by PyYAML's own marks (a key's line for a mapping entry)."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            key, node = next((k, v) for k, v in node.value if k.value == str(part))
            line = key.start_mark.line + 1
        else:
            node = node.value[part]
            line = node.start_mark.line + 1
    return line


@st.composite
def mistakes(draw: st.DrawFn, data: dict[str, Any], stations: list[str]) -> tuple[dict[str, Any], tuple]:
    """A copy of valid scenario data with one mistake, and the path of the mistake."""
    data = yaml.safe_load(yaml.safe_dump(data))  # a deep copy
    no_target = [k for k in KINDS if not fault_targets(k, stations)]
    lacking_actions = [f for f, s in ACTION_STATIONS.items() if s not in stations]
    choices = ["not_finite", "out_of_range", "bad_target", "late"]
    choices += ["kind_without_device", "random_without_device"] if no_target else []
    choices += ["action_without_station"] if lacking_actions else []
    choice = draw(st.sampled_from(choices))
    schedule = data.setdefault("faults", {}).setdefault("schedule", [])
    if choice in ("not_finite", "out_of_range"):
        name = draw(st.sampled_from(sorted(SECTIONS)))
        model = SECTIONS[name]
        floats = [f for f, info in model.model_fields.items() if info.annotation is float]
        field = draw(st.sampled_from(floats))
        low, high, _ = _bounds(model.model_fields[field].metadata)
        if choice == "not_finite":
            value = draw(st.sampled_from([math.inf, -math.inf, math.nan]))
        else:
            value = draw(st.sampled_from([low - 1.0, high + 0.5, high * 1e6 + 1.0]))
        data.setdefault(name, {})[field] = value
        return data, (name, field)
    if choice == "bad_target":
        kind = draw(st.sampled_from([k for k in KINDS if fault_targets(k, stations)]))
        others = [t for k in KINDS for t in fault_targets(k, STATIONS) if t not in fault_targets(kind, stations)]
        target = draw(st.sampled_from(others) | st.text("abcxyz.", min_size=1, max_size=12))
        schedule.append({"at": 10.0, "kind": kind, "target": target})
        return data, ("faults", "schedule", len(schedule) - 1, "target")
    if choice == "late":
        kind = next(k for k in KINDS if fault_targets(k, stations))
        schedule.append({"at": draw(st.sampled_from([MAX_SECONDS + 1.0, 1e12, math.inf])), "kind": kind})
        return data, ("faults", "schedule", len(schedule) - 1, "at")
    if choice == "kind_without_device":
        schedule.append({"at": 10.0, "kind": draw(st.sampled_from(no_target))})
        return data, ("faults", "schedule", len(schedule) - 1, "kind")
    if choice == "random_without_device":
        kind = draw(st.sampled_from(no_target))
        data["faults"].setdefault("random", {})[kind] = {"rate": draw(st.floats(0.01, 100.0))}
        return data, ("faults", "random", kind)
    field = draw(st.sampled_from(lacking_actions))
    value = 0.5 if field == "demand" else ACTION_VALUES[field][0]
    data.setdefault("actions", []).append({"at": 1.0, field: value})
    return data, ("actions", len(data["actions"]) - 1, field)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_one_mistake_is_refused_with_its_line(tmp_path: Path, data: st.DataObject) -> None:
    valid, stations = data.draw(scenario_files())
    bad, loc = data.draw(mistakes(valid, stations))
    path = write(tmp_path / "bad.yaml", bad)
    try:
        load_scenario_file(path)
    except ScenarioError as error:
        text = path.read_text(encoding="utf-8")
        assert error.path == path
        assert error.line == yaml_line(text, loc), error.en
        field = ".".join(str(part) for part in loc)
        assert f"{path}:{error.line}: {field}: " in error.en, error.en
        assert f"{path}:{error.line}: {field}: " in error.ko and error.ko != error.en
    else:
        raise AssertionError(f"{loc} was not refused:\n{path.read_text(encoding='utf-8')}")


# --- the corners: every setting at an end of its range, every fault on every target at once ---------------------


def corner(end: int) -> dict[str, Any]:
    """Line data with every setting at its low (end=0) or high (end=1) end and every fault scheduled at 0 s."""
    data: dict[str, Any] = {"extends": "line", "stations": list(STATIONS)}
    for name, model in SECTIONS.items():
        section: dict[str, Any] = {}
        for field, info in model.model_fields.items():
            if info.annotation in (float, int):
                low, high, open_low = _bounds(info.metadata)
                section[field] = high if end else (low + 1e-9 if open_low else low)
            elif info.annotation is bool:
                section[field] = bool(end)
        data[name] = section
    schedule = []
    for kind in KINDS:
        for target in fault_targets(kind, STATIONS):
            fault: dict[str, Any] = {"at": 0.0, "kind": kind, "target": target}
            if kind in RATE_KINDS:
                fault["rate"] = MAX_FAULT_RATE
            if kind == "heater_degradation":
                fault["floor"] = 0.0
            schedule.append(fault)
    random_faults = {kind: {"rate": 100.0} | ({} if kind in INSTANT_KINDS else {"duration": 60.0}) for kind in KINDS}
    data["faults"] = {"schedule": schedule, "random": random_faults}
    data["orders"] = {
        "book": [{"quantity_a": MAX_QUANTITY, "quantity_b": MAX_QUANTITY, "due": MAX_SECONDS}],
        "generate": {"count": 10000, "every": 1e-9, "quantity": [MAX_QUANTITY, MAX_QUANTITY], "lead_time": 1e-9},
    }
    data["actions"] = [{"at": 0.0, "demand": 3.0}, {"at": 0.0, "press": "start", "hold": 600.0}]
    return data


def test_the_corners_of_every_range_run_an_hour(tmp_path: Path) -> None:
    for end in (0, 1):
        scenario = load_scenario_file(write(tmp_path / f"corner{end}.yaml", corner(end)))
        plant = Plant(scenario, seed=end)
        run_an_hour(plant, end)
        assert len(plant.faults.log) > len(scenario.faults.schedule)  # the random ones came too


def test_the_pusher_taking_a_part_from_a_queue_at_a_blocked_outfeed_does_not_crash(tmp_path: Path) -> None:
    """Found by the property above: the pusher removed a part from a queue resting against a blocked outfeed,
    and the track still counted the old queue (IndexError in the middle of a lesson)."""
    data = {
        "extends": "conveyor",
        "stations": ["feeder", "conveyor1", "cnc", "conveyor2", "sorter"],
        "sorter": {"rule": "type_b", "stroke_time": 0.1},
        "faults": {"schedule": [{"at": 0.0, "kind": "sensor_stuck_on"}]},
        "actions": [{"at": 0.0, "outfeed": "blocked"}],
    }
    scenario = load_scenario_file(write(tmp_path / "queue.yaml", data))
    run_an_hour(Plant(scenario, seed=0), 0)
