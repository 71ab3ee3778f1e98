"""Scenarios: which stations of the line are present and how they start.

A scenario is a YAML file. The built-in ones live next to this module in
``scenarios/``; a user's file may start from one of them with
``extends: <id>`` and change only what it needs. Every device keeps the same
tags and Modbus addresses in every scenario; a scenario only decides which
devices exist.

A file with a mistake raises :class:`ScenarioError`, which names the file, the
line and the problem, in Korean and English. Everything a file says is
checked when it loads, so that a scenario that loads cannot crash a running
plant: numbers are finite and within their ranges (times at most
:data:`MAX_SECONDS`), fault kinds and targets fit the stations the scenario
has (the rule is :func:`~factorylab.plant.faults.fault_targets`, the same one
the fault manager uses), and actions use only stations that are there. The
YAML reader refuses oversized, too deeply nested and alias-bomb files before
building any data (see :mod:`factorylab.plant.yamlsource`).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..i18n import BilingualError
from .catalogue import REQUIRES, STATIONS
from .faults import INSTANT_KINDS, KIND_STATIONS, MAX_FAULT_RATE, fault_targets, param_problem
from .faults import KINDS as FAULT_KINDS
from .yamlsource import (
    YamlDocument,
    YamlSourceError,
    describe_error,
    error_location,
    first_error,
    load_yaml,
    problem,
)

SCENARIO_DIR = Path(__file__).parent / "scenarios"

#: The scenario ``factorylab sim`` serves when none is named.
DEFAULT_SCENARIO = "line"

# STATIONS (every station the plant knows, in line order) and REQUIRES (the
# stations a station needs) come from the stations' specs: factorylab.plant.catalogue.

#: Latest simulation time a scenario may name (a fault, an action, a due date), s: 30 days.
MAX_SECONDS = 30 * 24 * 3600.0
#: Most items in one list of a scenario (orders, scheduled faults, actions).
MAX_ITEMS = 10_000
#: Largest order quantity: what the 16-bit order registers can show.
MAX_QUANTITY = 65535

#: A time or a duration in simulation seconds, 0 .. MAX_SECONDS.
Seconds = Annotated[float, Field(ge=0.0, le=MAX_SECONDS)]
#: Seconds between two things, more than 0 .. MAX_SECONDS.
Interval = Annotated[float, Field(gt=0.0, le=MAX_SECONDS)]

StationName = Literal.__getitem__(STATIONS)  # the stations the catalogue knows


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
    # allow_inf_nan=False: .inf and .nan are refused in every float field
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


class Text(_Strict):
    """A text in Korean and English (a title: at most 80 characters; a summary: 500)."""

    ko: str = Field(min_length=1, max_length=500)
    en: str = Field(min_length=1, max_length=500)


class Title(Text):
    """A short text in Korean and English, for a title bar."""

    ko: str = Field(min_length=1, max_length=80)
    en: str = Field(min_length=1, max_length=80)


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
    at: Seconds = Field(description="simulation time, s")
    kind: FaultKind
    target: str | None = Field(None, description="device or tag; default: the first that fits")
    duration: Seconds | None = Field(None, description="seconds; none = until cleared")
    rate: float | None = Field(
        None, gt=0.0, le=MAX_FAULT_RATE, description="growth per hour (drift, wear, degradation)"
    )
    floor: float | None = Field(None, ge=0.0, le=1.0, description="lowest heater health (heater_degradation)")

    @model_validator(mode="after")
    def _settings_fit_the_kind(self) -> ScheduledFault:
        for name, value in self.params().items():
            wrong = param_problem(self.kind, name, value)
            if wrong is not None:
                raise _problem(*wrong, loc=(name,))
        if self.duration is not None and self.kind in INSTANT_KINDS:
            raise _problem(*_instant(self.kind), loc=("duration",))
        return self

    def params(self) -> dict[str, float]:
        params = {"rate": self.rate} if self.rate is not None else {}
        if self.floor is not None:
            params["floor"] = self.floor
        return params


class RandomFault(_Strict):
    rate: float = Field(ge=0.0, le=100.0, description="expected faults per hour")
    duration: Seconds | None = Field(None, description="seconds each lasts; none = until cleared")


class FaultSettings(_Strict):
    schedule: list[ScheduledFault] = Field([], max_length=MAX_ITEMS)
    random: dict[FaultKind, RandomFault] = {}


class OrderSettings(_Strict):
    quantity_a: int = Field(ge=0, le=MAX_QUANTITY)
    quantity_b: int = Field(ge=0, le=MAX_QUANTITY)
    due: Seconds = Field(description="due time, simulation s")


class OrderGenerator(_Strict):
    count: int = Field(ge=0, le=10000, description="orders to generate")
    every: Interval = Field(description="seconds between order releases")
    quantity: list[int] = Field([5, 20], description="min and max parts per order (split A/B at random)")
    lead_time: Interval = Field(description="seconds from release to due time")

    @field_validator("quantity")
    @classmethod
    def _min_max(cls, quantity: list[int]) -> list[int]:
        if len(quantity) != 2 or not 1 <= quantity[0] <= quantity[1] <= MAX_QUANTITY:
            raise _problem(
                f"quantity는 [최소, 최대] 두 수여야 합니다 (1 ≤ 최소 ≤ 최대 ≤ {MAX_QUANTITY})",
                f"quantity must be [min, max] with 1 <= min <= max <= {MAX_QUANTITY}",
            )
        return quantity

    @model_validator(mode="after")
    def _due_in_time(self) -> OrderGenerator:
        last_due = max(self.count - 1, 0) * self.every + self.lead_time
        if last_due > MAX_SECONDS:
            raise _problem(
                f"마지막 지시의 납기가 {last_due:.0f}초입니다. {MAX_SECONDS:.0f}초(30일) 이내가 되도록 count, every, "
                "lead_time을 줄이세요",
                f"the last order would be due at {last_due:.0f} s: make count, every or lead_time smaller so that it "
                f"is at most {MAX_SECONDS:.0f} s (30 days)",
            )
        return self


class OrdersSettings(_Strict):
    book: list[OrderSettings] = Field([], max_length=MAX_ITEMS, description="orders given one by one")
    generate: OrderGenerator | None = Field(None, description="orders generated from the seed")


class SafetySettings(_Strict):
    reset_required_at_start: bool = Field(
        False, description="the safety relay starts tripped and needs a reset, like a real one"
    )


class Action(_Strict):
    """A scheduled operator action: exactly one of press / estop / mode / outfeed / demand."""

    at: Seconds = Field(description="simulation time, s")
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
            raise _problem("hold는 press와 함께만 씁니다", "hold goes with press only")
        return self


class Scenario(_Strict):
    """A validated scenario."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]{0,31}$")
    number: int = Field(ge=0, le=65535, description="scenario id shown on the Modbus status register")
    title: Title
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
    variant: int = Field(
        0,
        ge=0,
        le=9999,
        description="plant variant: 0 the documented plant, 1-9999 shift the oven, tank and belts by up to 20 %",
    )
    actions: list[Action] = Field([], max_length=MAX_ITEMS)
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
            for needed in REQUIRES.get(name, ()):
                if needed not in seen:
                    raise _problem(
                        f"스테이션 '{name}' 에는 '{needed}' 도 필요합니다", f"station '{name}' needs station '{needed}'"
                    )
        return sorted(stations, key=STATIONS.index)

    @model_validator(mode="after")
    def _fits_its_stations(self) -> Scenario:
        """Faults, actions and safety settings ask only for stations the scenario has."""
        stations = self.stations
        for index, fault in enumerate(self.faults.schedule):
            loc = ("faults", "schedule", index)
            targets = fault_targets(fault.kind, stations)
            if not targets:
                raise _problem(*_no_device(fault.kind), loc=loc + ("kind",))
            if fault.target is not None and fault.target not in targets:
                raise _problem(
                    f"'{fault.target}'에는 {fault.kind} 고장을 걸 수 없습니다. 가능한 대상: {', '.join(targets)}",
                    f"'{fault.target}' is not a target for {fault.kind} here. Possible targets: {', '.join(targets)}",
                    loc=loc + ("target",),
                )
        for kind, settings in self.faults.random.items():
            if settings.rate > 0.0 and not fault_targets(kind, stations):
                ko, en = _no_device(kind)
                raise _problem(
                    ko + " (rate: 0으로 끄세요)", en + " (set rate: 0 to turn it off)", loc=("faults", "random", kind)
                )
            if settings.duration is not None and kind in INSTANT_KINDS:
                raise _problem(*_instant(kind), loc=("faults", "random", kind, "duration"))
        for index, action in enumerate(self.actions):
            for field, station in _ACTION_STATIONS.items():
                if getattr(action, field) is not None and station not in stations:
                    raise _problem(
                        f"{field} 동작에는 '{station}' 스테이션이 필요한데 이 시나리오에는 없습니다",
                        f"a '{field}' action needs station '{station}', which this scenario does not have",
                        loc=("actions", index, field),
                    )
        if self.safety.reset_required_at_start and "panel" not in stations:
            raise _problem(
                "리셋할 조작 패널('panel' 스테이션)이 없어서 안전 릴레이를 트립된 채로 시작할 수 없습니다",
                "the safety relay cannot start tripped without station 'panel' to reset it",
                loc=("safety", "reset_required_at_start"),
            )
        return self

    def has(self, station: str) -> bool:
        """True if the station is part of this scenario."""
        return station in self.stations


#: The station each kind of action works on.
_ACTION_STATIONS = {"press": "panel", "estop": "panel", "mode": "panel", "outfeed": "conveyor2", "demand": "tank"}


def _instant(kind: str) -> tuple[str, str]:
    return (
        f"{kind} 고장은 순간에 일어나고 끝나므로 duration을 쓰지 않습니다",
        f"a {kind} fault happens and ends at once: it takes no duration",
    )


def _no_device(kind: str) -> tuple[str, str]:
    needs = ", ".join(KIND_STATIONS.get(kind, ()))
    return (
        f"이 시나리오에는 {kind} 고장을 걸 장치가 없습니다 (필요한 스테이션: {needs})",
        f"this scenario has no device for a {kind} fault (it needs one of the stations: {needs})",
    )


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
                path, line, f"extends가 순환합니다: {base_name}", f"extends goes round in a circle: {base_name}"
            )
        base_path = _resolve_base(path, base_name, line)
        base = load_scenario_file(base_path, _chain + (str(path),))
        merged = _merge(base.model_dump(exclude={"source"}), data)
        if "id" not in data:
            merged["id"] = _stem_id(path)
    try:
        scenario = Scenario.model_validate({**merged, "source": str(path)})
    except ValidationError as exc:
        raise _from_validation_error(doc, exc, base_name if isinstance(base_name, str) else None) from None
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
    return ScenarioError(exc.path, exc.line, exc.problem_ko, exc.problem)


def _from_validation_error(doc: YamlDocument, exc: ValidationError, base_name: str | None = None) -> ScenarioError:
    """Turn the first validation problem into a message with file and line.

    A problem in a value the file does not write itself (it comes from the
    scenario it extends) is shown on the ``extends`` line, saying so.
    """
    error = first_error(exc)
    loc = error_location(error)
    ko, en = describe_error(error, exc.error_count())
    line = doc.line_of(loc)
    if base_name is not None and not _written_in(doc.data, loc):
        line = doc.line_of(("extends",))
        ko += f" (extends: {base_name}에서 물려받은 값)"
        en += f" (inherited from extends: {base_name})"
    return ScenarioError(doc.path, line, ko, en)


def _written_in(data: Any, loc: tuple) -> bool:
    """True if a file's own data holds the value at ``loc``, not the scenario it extends.

    ``extends`` merges mappings key by key and replaces lists and plain values
    whole, so a value is the file's own unless the path meets a mapping of
    the file that lacks the next key.
    """
    for part in loc:
        if not isinstance(data, dict):
            return True
        if part not in data:
            return False
        data = data[part]
    return True
