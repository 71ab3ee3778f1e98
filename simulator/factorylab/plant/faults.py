"""Faults: scheduled by a scenario, injected through the API, or random.

Every fault is recorded with its ground-truth label (its kind), its target,
and its start and end time, so that data from the line can be labelled.

Kinds and what they do:

``sensor_stuck_on`` / ``sensor_stuck_off`` (target: a discrete-input tag,
e.g. ``conveyor1.photo_eye_exit``)
    the sensor reads 1 / 0 whatever happens.
``analog_drift`` (target ``tank.level``, ``tank.temperature`` or
``oven.temperature``; ``rate`` in units per hour, default 30 mm/h for the
level, 3 degC/h for temperatures)
    the transmitter's reading drifts away from the true value.
``jam`` (target ``conveyor1`` / ``conveyor2``)
    the front part on that belt sticks (the next one to arrive, if the belt
    is empty); the motor current rises and the motor's thermal overload trips
    after a while (it resets itself once cooled).
``bearing_wear`` (target a conveyor; ``rate`` per hour, default 1.0)
    vibration and current creep up over hours.
``heater_degradation`` (target ``oven``; ``rate`` per hour, default 0.25,
floor 0.4)
    the heater delivers less power for the same command.
``valve_stuck`` (target ``tank``)
    the inflow valve stays where it is, whatever the command.
``tool_breakage`` (target ``cnc``)
    the tool breaks: the CNC fails at once (an instant fault).

A fault with a duration ends by itself; otherwise it lasts until cleared.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..i18n import BilingualError
from .catalogue import DRIFTS, STATION_SENSORS, stations_with_fault

if TYPE_CHECKING:  # pragma: no cover
    from .plant import Plant

KINDS = (
    "sensor_stuck_on",
    "sensor_stuck_off",
    "analog_drift",
    "jam",
    "bearing_wear",
    "heater_degradation",
    "valve_stuck",
    "tool_breakage",
)

#: Korean names of the fault kinds (for messages and the GUI).
KIND_NAMES_KO = {
    "sensor_stuck_on": "센서 고착 (항상 1)",
    "sensor_stuck_off": "센서 고착 (항상 0)",
    "analog_drift": "아날로그 센서 드리프트",
    "jam": "컨베이어 걸림",
    "bearing_wear": "베어링 마모",
    "heater_degradation": "히터 열화",
    "valve_stuck": "밸브 고착",
    "tool_breakage": "공구 파손",
}

#: Drifting signals (``<station>.<signal>``) and their default rate per hour (from the stations' specs).
_DRIFT_DEFAULTS = DRIFTS

#: The kinds that grow at a ``rate`` per hour; only heater degradation has a ``floor``.
RATE_KINDS = ("analog_drift", "bearing_wear", "heater_degradation")
#: Kinds that happen at once and end at once (no duration).
INSTANT_KINDS = ("tool_breakage",)

# STATION_SENSORS (from the stations' specs): on/off sensors of each station, in the order
# the plant lists them (``Plant.discrete_sensors``): the panel, the belts, the other stations.

#: Stations whose devices a kind can hit (the possible targets come from :func:`fault_targets`).
KIND_STATIONS = {kind: stations_with_fault(kind) for kind in KINDS}

#: Fastest growth a fault may have, per hour (``rate``: mm/h or degC/h for a drift, wear
#: units per hour, heater health lost per hour; a check's fast bearing wear takes about 1700).
MAX_FAULT_RATE = 10_000.0


def param_problem(kind: str, name: str, value: Any) -> tuple[str, str] | None:
    """(Korean, English) of what is wrong with a fault parameter, or None if it is fine.

    ``rate`` (per hour, more than 0, at most :data:`MAX_FAULT_RATE`) goes with
    the kinds in :data:`RATE_KINDS`; ``floor`` (0..1) with heater degradation.
    """
    if name == "rate" and kind in RATE_KINDS:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return f"rate는 유한한 수여야 합니다 (입력: {value!r})", f"rate must be a finite number (got {value!r})"
        if not 0.0 < value <= MAX_FAULT_RATE:
            return (
                f"rate는 0보다 크고 {MAX_FAULT_RATE:g} 이하여야 합니다 (입력: {value})",
                f"rate must be more than 0 and at most {MAX_FAULT_RATE:g} per hour (got {value})",
            )
        return None
    if name == "floor" and kind == "heater_degradation":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
            return f"floor는 0에서 1 사이여야 합니다 (입력: {value!r})", f"floor must be from 0 to 1 (got {value!r})"
        return None
    if name == "rate":
        kinds = ", ".join(RATE_KINDS)
        return (
            f"rate는 다음 고장에만 씁니다: {kinds} ({kind} 고장에는 쓰지 않습니다)",
            f"rate goes with {kinds} only, not with {kind}",
        )
    if name == "floor":
        return (
            f"floor는 heater_degradation 고장에만 씁니다 ({kind} 고장에는 쓰지 않습니다)",
            f"floor goes with heater_degradation only, not with {kind}",
        )
    return f"{kind} 고장에는 '{name}' 설정이 없습니다", f"a {kind} fault has no setting '{name}'"


def fault_targets(kind: str, stations: Collection[str]) -> list[str]:
    """Valid targets of a fault kind on a line with these stations (none for an unknown kind).

    The one rule for what a fault can hit: scenario validation uses it when
    a file loads, :meth:`FaultManager.targets` when a fault is injected.
    """
    if kind in ("sensor_stuck_on", "sensor_stuck_off"):
        return [f"{name}.{sensor}" for name in STATION_SENSORS if name in stations for sensor in STATION_SENSORS[name]]
    if kind == "analog_drift":
        return [name for name in _DRIFT_DEFAULTS if name.split(".")[0] in stations]
    return [name for name in KIND_STATIONS.get(kind, ()) if name in stations]


class FaultError(BilingualError):
    """A fault that cannot be injected (unknown kind or target)."""


@dataclass(slots=True)
class FaultRecord:
    """One fault, with its ground truth: ``kind`` is the label."""

    id: int
    kind: str
    target: str
    start: float
    end: float | None = None
    params: dict[str, Any] = field(default_factory=dict)
    planned_end: float | None = None
    applied: bool = False  # a jam waits for a part before it takes effect
    applied_at: float | None = None  # s, when it took effect (a jam: when it caught a part)

    @property
    def active(self) -> bool:
        return self.end is None

    @property
    def effective_start(self) -> float | None:
        """When the fault began to act on the line, s (``None``: a jam still waiting for a part)."""
        return self.applied_at if self.applied else None

    @property
    def label(self) -> str:
        return self.kind


class FaultManager:
    """Keeps the active faults, applies their effects, and logs them."""

    def __init__(self, plant: Plant) -> None:
        self.plant = plant
        self.log: list[FaultRecord] = []
        self.active: list[FaultRecord] = []
        settings = plant.scenario.faults
        self._schedule = sorted(settings.schedule, key=lambda s: s.at)
        self._schedule_index = 0
        self._random: list[list[Any]] = []  # [next time, kind, settings]
        for kind, random_settings in sorted(settings.random.items()):
            if random_settings.rate > 0.0 and self.targets(kind):
                self._random.append([self._next_arrival(0.0, random_settings.rate), kind, random_settings])
        self._next_id = 1
        self.next_due = self._next_due()

    def _next_due(self) -> float:
        """Time of the next scheduled or random fault (infinity if none)."""
        times = [entry[0] for entry in self._random]
        if self._schedule_index < len(self._schedule):
            times.append(self._schedule[self._schedule_index].at)
        return min(times, default=math.inf)

    # --- what can fail ----------------------------------------------------------
    def targets(self, kind: str) -> list[str]:
        """Valid targets of a fault kind in this plant (see :func:`fault_targets`)."""
        return fault_targets(kind, self.plant.scenario.stations)

    # --- injecting and clearing -------------------------------------------------------
    def inject(
        self, kind: str, target: str | None = None, *, duration: float | None = None, **params: Any
    ) -> FaultRecord:
        """Start a fault now. ``target`` defaults to the first valid one."""
        if kind not in KINDS:
            raise FaultError(
                f"'{kind}' 고장은 없습니다. 다음 중에서 고르세요: {', '.join(KINDS)}",
                f"there is no fault '{kind}'. Choose one of: {', '.join(KINDS)}",
            )
        targets = self.targets(kind)
        if not targets:
            raise FaultError(
                f"이 시나리오에는 '{kind}' 고장을 넣을 장치가 없습니다",
                f"this scenario has no device for a '{kind}' fault",
            )
        if target is None:
            target = targets[0]
        if target not in targets:
            raise FaultError(
                f"'{kind}' 고장을 걸 수 없는 대상입니다: '{target}'. 가능한 대상: {', '.join(targets)}",
                f"'{target}' is not a target for '{kind}'. Possible targets: {', '.join(targets)}",
            )
        if duration is not None and not (duration >= 0.0 and math.isfinite(duration)):
            raise FaultError("지속 시간은 0 이상이어야 합니다", "duration must be 0 or more seconds")
        for name, value in params.items():
            wrong = param_problem(kind, name, value)
            if wrong is not None:
                raise FaultError(*wrong)
        now = self.plant.time
        record = FaultRecord(self._next_id, kind, target, now, params=dict(params))
        self._next_id += 1
        if duration is not None:
            record.planned_end = now + duration
        self.log.append(record)
        self.active.append(record)
        self._start(record, now)
        return record

    def clear(self, fault: FaultRecord | int) -> None:
        """End an active fault now (the operator fixed it)."""
        fault_id = fault.id if isinstance(fault, FaultRecord) else fault
        for record in self.active:
            if record.id == fault_id:
                self._end(record, self.plant.time)
                return
        raise FaultError(f"진행 중인 고장 {fault_id} 번이 없습니다", f"there is no active fault {fault_id}")

    # --- per tick ------------------------------------------------------------------------
    def step(self, now: float, dt: float) -> None:
        """Start scheduled and random faults, end expired ones, grow slow ones."""
        schedule = self._schedule
        while self._schedule_index < len(schedule) and schedule[self._schedule_index].at <= now + 1e-9:
            item = schedule[self._schedule_index]
            self._schedule_index += 1
            self.inject(item.kind, item.target, duration=item.duration, **item.params())
        for entry in self._random:
            if entry[0] <= now:
                kind, random_settings = entry[1], entry[2]
                targets = self.targets(kind)
                target = targets[self.plant.rng.choice_index([1.0] * len(targets))]
                duration = random_settings.duration
                self.inject(kind, target, duration=duration)
                entry[0] = self._next_arrival(now, random_settings.rate)
        self.next_due = self._next_due()
        for record in self.active:
            self._apply(record, now, dt)

    def expire(self, end: float) -> None:
        """End the faults whose duration is over at ``end`` (end of the tick)."""
        for record in list(self.active):
            if record.planned_end is not None and end >= record.planned_end - 1e-9:
                self._end(record, end)

    def _next_arrival(self, now: float, rate_per_hour: float) -> float:
        return now - math.log(1.0 - self.plant.rng.uniform()) * 3600.0 / rate_per_hour

    # --- effects ---------------------------------------------------------------------------
    def _start(self, record: FaultRecord, now: float) -> None:
        plant = self.plant
        kind = record.kind
        if kind in ("sensor_stuck_on", "sensor_stuck_off"):
            plant.sensor_overrides[record.target] = kind == "sensor_stuck_on"
            record.applied = True
        elif kind == "analog_drift":
            record.params.setdefault("rate", _DRIFT_DEFAULTS[record.target])
            record.applied = True
        elif kind == "jam":
            self._apply(record, now, 0.0)
        elif kind == "bearing_wear":
            record.params.setdefault("rate", 1.0)
            record.applied = True
        elif kind == "heater_degradation":
            record.params.setdefault("rate", 0.25)
            record.params.setdefault("floor", 0.4)
            record.applied = True
        elif kind == "valve_stuck":
            plant.tank.valve_stuck = True
            record.applied = True
        elif kind == "tool_breakage":
            plant.cnc.break_tool(now)
            record.applied = True
            self._end(record, now)
        if record.applied and record.applied_at is None:
            record.applied_at = now
        plant.record_event(now, "fault_start", detail=f"{kind} {record.target}")

    def _apply(self, record: FaultRecord, now: float, dt: float) -> None:
        plant = self.plant
        kind = record.kind
        hours = (now - record.start) / 3600.0
        if kind == "analog_drift":
            device_name, quantity = record.target.split(".")
            device = getattr(plant, device_name)
            setattr(device, f"{quantity}_drift", record.params["rate"] * hours)
        elif kind == "jam" and not record.applied:
            belt = plant.conveyor(record.target)
            part = belt.track.front_part_on(belt)
            if part is not None:
                part.jammed = True
                belt.track.jams += 1
                record.params["part"] = part.id
                record.applied = True
                record.applied_at = now
                plant.record_event(now, "jam", part.id, record.target)
        elif kind == "bearing_wear":
            plant.conveyor(record.target).bearing_wear = record.params["rate"] * hours
        elif kind == "heater_degradation":
            plant.oven.health = max(record.params["floor"], 1.0 - record.params["rate"] * hours)

    def _end(self, record: FaultRecord, now: float) -> None:
        plant = self.plant
        kind = record.kind
        record.end = now
        self.active.remove(record)
        if kind in ("sensor_stuck_on", "sensor_stuck_off"):
            if not any(r.target == record.target and r.kind.startswith("sensor_stuck") for r in self.active):
                plant.sensor_overrides.pop(record.target, None)
        elif kind == "analog_drift":
            device_name, quantity = record.target.split(".")
            setattr(getattr(plant, device_name), f"{quantity}_drift", 0.0)
        elif kind == "jam":
            part = plant.part(record.params.get("part", -1))
            if part is not None and part.jammed:
                part.jammed = False
                plant.conveyor(record.target).track.jams -= 1
        elif kind == "bearing_wear":
            plant.conveyor(record.target).bearing_wear = 0.0  # the bearing is replaced
        elif kind == "heater_degradation":
            plant.oven.health = 1.0
        elif kind == "valve_stuck":
            plant.tank.valve_stuck = False
        plant.record_event(now, "fault_end", detail=f"{kind} {record.target}")
