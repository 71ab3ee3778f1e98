"""Scenarios: which stations of the line are present and how they start.

A scenario is a YAML file. The built-in ones live next to this module in
``scenarios/``; a user's file may start from one of them with
``extends: <id>`` and change only what it needs. Every device keeps the same
tags and Modbus addresses in every scenario; a scenario only decides which
devices exist.

A file with a mistake raises :class:`ScenarioError`, which names the file, the
line and the problem, in Korean and English.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..i18n import BilingualError
from .faults import KINDS as FAULT_KINDS
from .yamlsource import YamlDocument, YamlSourceError, describe_validation_error, load_yaml, problem

SCENARIO_DIR = Path(__file__).parent / "scenarios"

#: The scenario ``factorylab sim`` serves when none is named.
DEFAULT_SCENARIO = "line"

#: Every station the plant knows, in line order.
STATIONS = ("panel", "tank", "feeder", "conveyor1", "cnc", "oven", "conveyor2", "inspection", "sorter", "orders")

#: A station that needs others to make sense.
_REQUIRES = {
    "feeder": ("conveyor1",),
    "conveyor2": ("conveyor1",),
    "cnc": ("conveyor1", "conveyor2"),
    "oven": ("conveyor1", "conveyor2"),
    "inspection": ("conveyor2",),
    "sorter": ("conveyor2",),
    "orders": ("conveyor2",),
}

StationName = Literal[
    "panel", "tank", "feeder", "conveyor1", "cnc", "oven", "conveyor2", "inspection", "sorter", "orders"
]


class ScenarioError(BilingualError):
    """A scenario could not be loaded. ``path`` and ``line`` say where."""

    def __init__(self, path: Path | None, line: int | None, ko: str, en: str) -> None:
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(where + ko, where + en)


_problem = problem


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Text(_Strict):
    """A text in Korean and English."""

    ko: str = Field(min_length=1)
    en: str = Field(min_length=1)


class FeederSettings(_Strict):
    interval: float = Field(4.0, ge=1.0, le=60.0, description="seconds between parts")
    type_b_share: float = Field(0.3, ge=0.0, le=1.0, description="share of type B (blue) parts")
    run: bool = Field(False, description="feeding at start")


class ConveyorSettings(_Strict):
    speed: float = Field(80.0, ge=0.0, le=100.0, description="speed setpoint at start, %")
    run: bool = Field(False, description="running at start")


class SorterSettings(_Strict):
    stroke_time: float = Field(0.4, ge=0.1, le=5.0, description="seconds for a full stroke")
    rule: Literal["type_b", "defective", "none"] = Field(
        "type_b", description="which parts belong in the reject bin (for the mis-sort count)"
    )


class TankSettings(_Strict):
    level: float = Field(400.0, ge=0.0, le=1000.0, description="level at start, mm")
    inflow: float = Field(0.0, ge=0.0, le=100.0, description="inflow valve at start, %")
    demand: float = Field(0.0, ge=0.0, le=1.0, description="coolant drawn by other machines, L/s")


class OvenSettings(_Strict):
    heater: float = Field(0.0, ge=0.0, le=100.0, description="heater power at start, %")
    temperature: float = Field(25.0, ge=0.0, le=400.0, description="oven temperature at start, deg C")
    gain: float = Field(2.5, gt=0.0, le=10.0, description="steady-state gain, deg C per % of heater")
    time_constant: float = Field(180.0, ge=10.0, le=3600.0, description="time constant, s")
    dead_time: float = Field(20.0, ge=0.2, le=300.0, description="dead time of the heater, s")


class CNCSettings(_Strict):
    run: bool = Field(False, description="working automatically at start")
    tool_wear: float = Field(0.0, ge=0.0, le=300.0, description="tool wear at start, min")


FaultKind = Literal.__getitem__(FAULT_KINDS)  # the kinds the fault manager knows


class ScheduledFault(_Strict):
    at: float = Field(ge=0.0, description="simulation time, s")
    kind: FaultKind
    target: str | None = Field(None, description="device or tag; default: the first that fits")
    duration: float | None = Field(None, ge=0.0, description="seconds; none = until cleared")
    rate: float | None = Field(None, gt=0.0, description="growth per hour (drift, wear, degradation)")
    floor: float | None = Field(None, ge=0.0, le=1.0, description="lowest heater health (heater_degradation)")

    def params(self) -> dict[str, float]:
        params = {"rate": self.rate} if self.rate is not None else {}
        if self.floor is not None:
            params["floor"] = self.floor
        return params


class RandomFault(_Strict):
    rate: float = Field(ge=0.0, le=100.0, description="expected faults per hour")
    duration: float | None = Field(None, ge=0.0, description="seconds each lasts; none = until cleared")


class FaultSettings(_Strict):
    schedule: list[ScheduledFault] = []
    random: dict[FaultKind, RandomFault] = {}


class OrderSettings(_Strict):
    quantity_a: int = Field(ge=0, le=100000)
    quantity_b: int = Field(ge=0, le=100000)
    due: float = Field(ge=0.0, description="due time, simulation s")


class OrderGenerator(_Strict):
    count: int = Field(ge=0, le=10000, description="orders to generate")
    every: float = Field(gt=0.0, description="seconds between order releases")
    quantity: list[int] = Field([5, 20], description="min and max parts per order (split A/B at random)")
    lead_time: float = Field(gt=0.0, description="seconds from release to due time")

    @field_validator("quantity")
    @classmethod
    def _min_max(cls, quantity: list[int]) -> list[int]:
        if len(quantity) != 2 or not 1 <= quantity[0] <= quantity[1]:
            raise _problem(
                "quantity 는 [최소, 최대] 두 수여야 합니다 (1 ≤ 최소 ≤ 최대)",
                "quantity must be [min, max] with 1 <= min <= max",
            )
        return quantity


class OrdersSettings(_Strict):
    book: list[OrderSettings] = Field([], description="orders given one by one")
    generate: OrderGenerator | None = Field(None, description="orders generated from the seed")


class SafetySettings(_Strict):
    reset_required_at_start: bool = Field(
        False, description="the safety relay starts tripped and needs a reset, like a real one"
    )


class Action(_Strict):
    """A scheduled operator action: exactly one of press / estop / mode / outfeed / demand."""

    at: float = Field(ge=0.0, description="simulation time, s")
    press: Literal["start", "stop", "reset"] | None = None
    estop: Literal["pushed", "released"] | None = None
    mode: Literal["auto", "manual"] | None = None
    outfeed: Literal["blocked", "clear"] | None = None
    demand: float | None = Field(
        None, ge=0.0, le=3.0, description="coolant drawn from the tank by other machines from now on, L/s"
    )
    hold: float | None = Field(None, gt=0.0, le=600.0, description="seconds a pressed button is held (default 0.2)")

    @model_validator(mode="after")
    def _exactly_one(self) -> Action:
        chosen = [k for k in ("press", "estop", "mode", "outfeed", "demand") if getattr(self, k) is not None]
        if len(chosen) != 1:
            raise _problem(
                "동작 하나에는 press, estop, mode, outfeed, demand 중 정확히 하나가 있어야 합니다",
                "an action needs exactly one of: press, estop, mode, outfeed, demand",
            )
        if self.hold is not None and self.press is None:
            raise _problem("hold 는 press 와 함께만 씁니다", "hold goes with press only")
        return self


class Scenario(_Strict):
    """A validated scenario."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]{0,31}$")
    number: int = Field(ge=0, le=65535, description="scenario id shown on the Modbus status register")
    title: Text
    summary: Text
    extends: str | None = None
    stations: list[StationName]
    feeder: FeederSettings = FeederSettings()
    conveyor1: ConveyorSettings = ConveyorSettings()
    conveyor2: ConveyorSettings = ConveyorSettings()
    sorter: SorterSettings = SorterSettings()
    tank: TankSettings = TankSettings()
    oven: OvenSettings = OvenSettings()
    cnc: CNCSettings = CNCSettings()
    orders: OrdersSettings = OrdersSettings()
    faults: FaultSettings = FaultSettings()
    safety: SafetySettings = SafetySettings()
    ideal_cycle_time: float = Field(4.0, gt=0.0, le=600.0, description="ideal seconds per part (OEE performance)")
    actions: list[Action] = []
    source: str | None = Field(None, exclude=True, description="file the scenario came from")

    @field_validator("stations")
    @classmethod
    def _stations_make_sense(cls, stations: list[str]) -> list[str]:
        if not stations:
            raise _problem("스테이션을 하나 이상 적으세요", "list at least one station")
        seen = set()
        for name in stations:
            if name in seen:
                raise _problem(f"같은 스테이션이 두 번 나옵니다: '{name}'", f"station '{name}' is listed twice")
            seen.add(name)
        for name in stations:
            for needed in _REQUIRES.get(name, ()):
                if needed not in seen:
                    raise _problem(
                        f"스테이션 '{name}' 에는 '{needed}' 도 필요합니다", f"station '{name}' needs station '{needed}'"
                    )
        return sorted(stations, key=STATIONS.index)

    def has(self, station: str) -> bool:
        """True if the station is part of this scenario."""
        return station in self.stations


# --- loading -----------------------------------------------------------------


def builtin_ids() -> list[str]:
    """Ids of the built-in scenarios, in course order."""
    return [s.id for s in list_scenarios()]


@functools.cache
def list_scenarios() -> tuple[Scenario, ...]:
    """The built-in scenarios, sorted by number."""
    scenarios = [load_scenario_file(path) for path in sorted(SCENARIO_DIR.glob("*.yaml"))]
    return tuple(sorted(scenarios, key=lambda s: s.number))


def load_scenario(name: str | Path) -> Scenario:
    """A built-in scenario by id, or a scenario file by path."""
    if isinstance(name, str) and (SCENARIO_DIR / f"{name}.yaml").is_file() and "/" not in name:
        return _builtin(name)
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return load_scenario_file(path)
    known = ", ".join(builtin_ids())
    raise ScenarioError(
        None,
        None,
        f"'{name}' 시나리오가 없습니다. 다음 중에서 고르세요: {known} (또는 .yaml 파일 경로)",
        f"there is no scenario '{name}'. Choose one of: {known} (or a .yaml file path)",
    )


@functools.cache
def _builtin(name: str) -> Scenario:
    return load_scenario_file(SCENARIO_DIR / f"{name}.yaml")


def load_scenario_file(path: str | Path, _chain: tuple[str, ...] = ()) -> Scenario:
    """Load and validate one scenario file (following ``extends``)."""
    path = Path(path)
    try:
        doc = load_yaml(path)
    except YamlSourceError as exc:
        raise _from_yaml_error(exc) from None
    data = doc.data
    if not isinstance(data, dict):
        raise ScenarioError(
            path,
            1,
            "시나리오 파일은 '키: 값' 형식의 목록이어야 합니다",
            "a scenario file must be a mapping of keys to values",
        )
    merged: dict[str, Any] = dict(data)
    base_name = data.get("extends")
    if base_name is not None:
        line = doc.line_of(("extends",))
        if not isinstance(base_name, str):
            raise ScenarioError(path, line, "extends 에는 시나리오 이름을 쓰세요", "extends must name a scenario")
        if base_name in _chain or str(path) in _chain:
            raise ScenarioError(
                path, line, f"extends 가 순환합니다: {base_name}", f"extends goes round in a circle: {base_name}"
            )
        base_path = _resolve_base(path, base_name, line)
        base = load_scenario_file(base_path, _chain + (str(path),))
        merged = _merge(base.model_dump(exclude={"source"}), data)
        if "id" not in data:
            merged["id"] = _stem_id(path)
    try:
        scenario = Scenario.model_validate({**merged, "source": str(path)})
    except ValidationError as exc:
        raise _from_validation_error(doc, exc) from None
    return scenario


def _stem_id(path: Path) -> str:
    stem = "".join(c if c.isalnum() or c in "_-" else "_" for c in path.stem.lower())
    return stem if stem[:1].isalpha() else f"s_{stem}"


def _resolve_base(path: Path, base_name: str, line: int | None) -> Path:
    if (SCENARIO_DIR / f"{base_name}.yaml").is_file():
        return SCENARIO_DIR / f"{base_name}.yaml"
    candidate = path.parent / base_name
    if candidate.is_file():
        return candidate
    known = ", ".join(p.stem for p in sorted(SCENARIO_DIR.glob("*.yaml")))
    raise ScenarioError(
        path,
        line,
        f"extends: '{base_name}' 시나리오가 없습니다 (있는 것: {known})",
        f"extends: there is no scenario '{base_name}' (known: {known})",
    )


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merge(result[key], value)
        else:
            result[key] = value
    return result


def _from_yaml_error(exc: YamlSourceError) -> ScenarioError:
    problem = exc.problem
    ko = {
        "file not found": "파일을 찾을 수 없습니다",
        "the file is empty": "파일이 비어 있습니다",
    }.get(problem)
    if ko is None:
        if problem.startswith("duplicate key"):
            ko = f"같은 키가 두 번 나옵니다 ({problem.split(' ', 2)[2]})"
        elif problem.startswith("YAML syntax error"):
            ko = f"YAML 문법 오류: {problem.split(': ', 1)[1]}"
        else:
            ko = problem
    return ScenarioError(exc.path, exc.line, ko, problem)


def _from_validation_error(doc: YamlDocument, exc: ValidationError) -> ScenarioError:
    """Turn the first validation problem into a message with file and line."""
    line, ko, en = describe_validation_error(doc, exc)
    return ScenarioError(doc.path, line, ko, en)
