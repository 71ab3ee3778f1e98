"""The plant: every station of the line, stepped with a fixed time step.

Pure Python physics: no wall clock, no I/O, no globals. All randomness comes
from the plant's one :class:`~factorylab.plant.rng.PlantRandom`, so the same
scenario, seed and inputs give the same trajectory, bit for bit.

Typical use (fast-forward)::

    plant = Plant("sorting", seed=1)
    plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = True
    plant.advance(60.0)          # one simulated minute
    print(plant.production.parts_out)

Material flow on the full line::

    feeder -> conveyor1 -> CNC -> oven -> conveyor2 (inspection, colour
    sensor, pusher) -> outfeed / reject bin

Stations a scenario leaves out are skipped: without CNC and oven, conveyor1
hands parts straight to conveyor2.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import layout
from .cnc import CNC, MACHINING, TOOL_CHANGE
from .conveyor import Conveyor, PhotoEye, Track
from .faults import FaultManager, FaultRecord
from .feeder import Feeder
from .inspection import Inspection
from .line import DOWN, ESTOP, IDLE, RUNNING, STOPPED, LineStatus, SystemStatus
from .orders import Order, WorkOrders
from .oven import Oven
from .panel import OperatorPanel, StackLight
from .parts import Part
from .recent import RecentList
from .rng import PlantRandom
from .scenario import Scenario, load_scenario
from .sorter import Sorter
from .tank import CoolantTank
from .variant import PlantVariant, check_number, plant_variant

TICKS_PER_SECOND = round(1.0 / layout.TIME_STEP)
#: Newest events the plant keeps (about 6 simulated hours of the full line); older ones go, counted.
EVENTS_KEPT = 10_000
#: Newest finished parts the plant keeps (about 2.5 simulated hours of the full line).
FINISHED_PARTS_KEPT = 2_000
_SLOW_STEPS = layout.SLOW_STEPS
INSPECTION_POSITION = 300.0  # mm on conveyor2


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened on the line, at simulation time ``time`` (s)."""

    time: float
    kind: str
    part: int | None = None
    detail: str = ""


class Plant:
    """The whole virtual line.

    Args:
        scenario: a built-in scenario id, a scenario file path, or a
            :class:`Scenario`.
        seed: seed of the plant's random generator (non-negative integer).
        variant: plant variant 0 .. 9999 (:mod:`factorylab.plant.variant`),
            instead of the scenario's ``variant`` (default 0, the documented plant).

    Devices are attributes (``panel``, ``stack_light``, ``tank``, ``feeder``,
    ``conveyor1``, ``cnc``, ``oven``, ``conveyor2``, ``inspection``,
    ``sorter``, ``orders``); a device the scenario does not include is
    ``None``. ``system`` and ``production`` (state, counts, OEE) are always present.
    """

    def __init__(self, scenario: Scenario | str | Path = "line", seed: int = 0, variant: int | None = None) -> None:
        if not isinstance(scenario, Scenario):
            scenario = load_scenario(scenario)
        if variant is not None and variant != scenario.variant:
            scenario = scenario.model_copy(update={"variant": check_number(variant)})
        self.scenario = scenario
        #: the plant's variant (0: the documented plant) and the parameters it gives
        self.variant: PlantVariant = plant_variant(scenario.variant, scenario.oven.gain, scenario.oven.time_constant)
        self.seed = seed
        self.rng = PlantRandom(seed)
        self.dt = layout.TIME_STEP
        self.tick = 0
        #: the newest EVENTS_KEPT events (``events.total`` counts all, ``events.since(mark)`` reads on)
        self.events: RecentList[Event] = RecentList(EVENTS_KEPT)
        #: the newest FINISHED_PARTS_KEPT parts that left the line, oldest first (the same kind of list)
        self.finished_parts: RecentList[Part] = RecentList(FINISHED_PARTS_KEPT)
        self.outfeed_blocked = False
        #: sensor tag name -> forced value (stuck-sensor faults)
        self.sensor_overrides: dict[str, bool] = {}
        self._next_part_id = 1
        self._actions = sorted(scenario.actions, key=lambda a: a.at)
        self._action_index = 0
        self._action_count = len(self._actions)

        has = scenario.has
        rng = self.rng
        self.system = SystemStatus(self)
        self.production = LineStatus(self)
        self.panel = OperatorPanel(safety_ok=not scenario.safety.reset_required_at_start) if has("panel") else None
        self.stack_light = StackLight() if has("panel") else None
        self._panel = self.panel or OperatorPanel()  # a line without a panel is always powered

        self.tank = (
            CoolantTank(
                rng,
                10,
                level=scenario.tank.level,
                inflow=scenario.tank.inflow,
                demand=scenario.tank.demand,
                area=self.variant.tank_area,
            )
            if has("tank")
            else None
        )
        c1, c2 = scenario.conveyor1, scenario.conveyor2
        self.conveyor1 = (
            Conveyor("conveyor1", layout.CONVEYOR1_LENGTH, rng, 1, speed=c1.speed, run=c1.run)
            if has("conveyor1")
            else None
        )
        self.conveyor2 = (
            Conveyor("conveyor2", layout.CONVEYOR2_LENGTH, rng, 3, speed=c2.speed, run=c2.run)
            if has("conveyor2")
            else None
        )
        self.conveyors = [c for c in (self.conveyor1, self.conveyor2) if c is not None]
        for conveyor in self.conveyors:
            conveyor.max_speed = self.variant.belt_speed
        self.cnc = CNC(rng, 30, run=scenario.cnc.run, tool_wear=scenario.cnc.tool_wear) if has("cnc") else None
        self.oven = (
            Oven(
                rng,
                20,
                self.dt * layout.SLOW_STEPS,
                heater=scenario.oven.heater,
                temperature=scenario.oven.temperature,
                gain=self.variant.oven_gain,
                time_constant=self.variant.oven_time_constant,
                dead_time=scenario.oven.dead_time,
            )
            if has("oven")
            else None
        )
        # tracks: one through both belts, or one per belt with the machines between
        self.tracks: list[Track] = []
        self.infeed_track: Track | None = None
        self.outfeed_track: Track | None = None
        if self.cnc is not None or self.oven is not None:
            self.infeed_track = Track("infeed", [self.conveyor1], end_stop=True)
            self.outfeed_track = Track("outfeed", [self.conveyor2], end_stop=False)
            self.tracks = [self.outfeed_track, self.infeed_track]
        elif self.conveyors:
            self.infeed_track = self.outfeed_track = Track("main", self.conveyors, end_stop=False)
            self.tracks = [self.infeed_track]
        if self.conveyor1 is not None:
            self._add_eye(self.conveyor1, "photo_eye_infeed", layout.PHOTO_EYE_INFEED)
            self._add_eye(self.conveyor1, "photo_eye_exit", layout.PHOTO_EYE_C1_EXIT)
        if self.conveyor2 is not None:
            self._add_eye(self.conveyor2, "photo_eye_entry", layout.PHOTO_EYE_C2_ENTRY)
            self._add_eye(self.conveyor2, "photo_eye_exit", layout.PHOTO_EYE_C2_EXIT)

        f = scenario.feeder
        self.feeder = (
            Feeder(
                interval=f.interval,
                type_b_share=f.type_b_share,
                run=f.run,
                blank_stock=self.cnc is not None,
                soft_stock=self.oven is not None,
            )
            if has("feeder")
            else None
        )
        self.inspection = None
        if has("inspection"):
            self.inspection = Inspection(
                self.outfeed_track,
                self.conveyor2.offset + INSPECTION_POSITION,
                rng,
                check_hardness=self.oven is not None,
            )
        self.sorter = None
        if has("sorter"):
            offset = self.conveyor2.offset
            self.sorter = Sorter(
                self.outfeed_track,
                offset + layout.PUSHER_POSITION,
                offset + layout.COLOUR_SENSOR,
                stroke_time=scenario.sorter.stroke_time,
            )
        self._sort_rule = scenario.sorter.rule if self.sorter is not None else "none"
        self.orders = WorkOrders(self._make_orders()) if has("orders") else None
        self.faults = FaultManager(self)

    def _add_eye(self, conveyor: Conveyor, name: str, position: float) -> None:
        conveyor.photo_eyes[name] = PhotoEye(name, conveyor.track, conveyor.offset + position)

    def _make_orders(self) -> list[Order]:
        settings = self.scenario.orders
        orders = [Order(index + 1, o.quantity_a, o.quantity_b, o.due) for index, o in enumerate(settings.book)]
        generator = settings.generate
        if generator is not None:
            low, high = generator.quantity
            for index in range(generator.count):
                quantity = low + int(self.rng.uniform() * (high - low + 1))
                quantity_b = int(round(quantity * self.rng.uniform()))
                release = index * generator.every
                orders.append(Order(len(orders) + 1, quantity - quantity_b, quantity_b, release + generator.lead_time))
        return orders

    # --- lookups -------------------------------------------------------------
    def conveyor(self, name: str) -> Conveyor:
        """A conveyor by name."""
        for conveyor in self.conveyors:
            if conveyor.name == name:
                return conveyor
        raise KeyError(name)

    def discrete_sensors(self) -> list[str]:
        """Names (``device.attribute``) of every on/off sensor of this plant."""
        names = []
        for device_name in ("panel", "conveyor1", "conveyor2", "tank", "cnc", "oven", "inspection", "sorter"):
            device = getattr(self, device_name)
            if device is None:
                continue
            names.extend(f"{device_name}.{attribute}" for attribute in device.SENSORS)
            if isinstance(device, Conveyor):
                names.extend(f"{device_name}.{eye}" for eye in device.photo_eyes)
        return names

    @property
    def time(self) -> float:
        """Simulated time since start, s."""
        return self.tick / TICKS_PER_SECOND

    # --- the tick ------------------------------------------------------------------
    def step(self) -> None:
        """Advance the plant by one time step (``dt`` = 0.05 s)."""
        dt = self.dt
        tick = self.tick
        now = tick / TICKS_PER_SECOND
        end = (tick + 1) / TICKS_PER_SECOND
        if self._action_index < self._action_count:
            self._run_actions(now)
        faults = self.faults
        if faults.active or now >= faults.next_due:
            faults.step(now, dt)
        panel = self._panel
        was_ok = panel.safety_ok
        if panel.step(now):
            self.record_event(now, "safety_trip", detail="estop" if panel.estop else "remote_estop")
        elif panel.safety_ok and not was_ok:
            self.record_event(now, "safety_reset")
        powered = panel.safety_ok

        any_running = False
        overloaded = False
        for conveyor in self.conveyors:
            conveyor.update_drive(powered, tick)
            if (conveyor.heat > 0.0 or conveyor.track.jams) and conveyor.thermal_active:
                if conveyor.update_thermal(dt):
                    self.record_event(now, "overload_trip", detail=conveyor.name)
            if conveyor.running:
                any_running = True
            elif conveyor.overload:
                overloaded = True

        cnc = self.cnc
        oven = self.oven
        if tick % _SLOW_STEPS == 0:
            slow_dt = dt * _SLOW_STEPS
            tank = self.tank
            if tank is not None:
                tank.step(slow_dt, powered, cnc is not None and cnc.state == MACHINING)
                if cnc is not None:
                    cnc.coolant_ok = tank.coolant_ok
            if oven is not None:
                oven.step(slow_dt, powered)
        if oven is not None:
            oven.now = end
            if oven.ready_to_release(end, powered) and self.outfeed_track.entry_clear(oven.parts[0].length):
                self.outfeed_track.add(oven.release(end), end)
        if cnc is not None:
            cnc.step(dt, end, powered, tick)
            if cnc.part_ready():
                part = cnc.part
                if oven is not None:
                    if oven.can_accept():
                        oven.accept(cnc.unload(), end)
                elif self.outfeed_track.entry_clear(part.length):
                    self.outfeed_track.add(cnc.unload(), end)
            if powered and cnc.wants_part() and self.infeed_track.front_at_end():
                cnc.take(self.infeed_track.take_front(), end)
        elif oven is not None and powered and oven.can_accept() and self.infeed_track.front_at_end():
            oven.accept(self.infeed_track.take_front(), end)

        sorter = self.sorter
        rejected = sorter.step(dt, powered) if sorter is not None else ()

        feeder = self.feeder
        if feeder is not None:
            part = feeder.step(dt, powered, self.infeed_track, self.rng, self._next_part_id, end)
            if part is not None:
                self._next_part_id += 1
                self.production.parts_in += 1
                self.record_event(end, "part_fed", part.id, part.kind)

        moved = False
        outfeed_blocked = self.outfeed_blocked
        for track in self.tracks:
            dropped, track_moved = track.move(dt, outfeed_blocked, end)
            moved = moved or track_moved
            for part in dropped:
                self._finish(part, "outfeed", end)
        for part in rejected:
            self._finish(part, "reject_bin", end)
        if self.inspection is not None:
            self.inspection.step(end)
        if self.orders is not None:
            self.orders.now = end
        if faults.active:
            faults.expire(end)

        line = self.production
        if not powered:
            line.state = ESTOP
            line.stop_time += dt
        elif overloaded or (cnc is not None and cnc.state >= TOOL_CHANGE):
            line.state = DOWN
            line.down_time += dt
        elif any_running:
            if moved or rejected or (cnc is not None and cnc.state == MACHINING):
                line.state = RUNNING
                line.run_time += dt
            else:
                line.state = IDLE
                line.idle_time += dt
        else:
            line.state = STOPPED
            line.stop_time += dt
        self.tick = tick + 1
        self.rng.tick = tick + 1

    def _finish(self, part: Part, place: str, now: float) -> None:
        part.move_to(place, now)
        self.finished_parts.append(part)
        line = self.production
        if place == "outfeed":
            line.parts_out += 1
            if self.orders is not None:
                order = self.orders.ship(part, now)
                if order is not None and order.completed_at == now:
                    self.record_event(now, "order_complete", part.id, f"order {order.id}")
        else:
            line.parts_rejected += 1
        line.count_finished(part.defects)
        rule = self._sort_rule
        if rule != "none":
            belongs_in_bin = part.kind == "B" if rule == "type_b" else not part.good
            if belongs_in_bin != (place == "reject_bin"):
                line.parts_missorted += 1
                self.record_event(now, "missorted", part.id, f"{part.kind} -> {place}")
        self.record_event(now, "part_" + ("out" if place == "outfeed" else "rejected"), part.id, part.kind)

    def _run_actions(self, now: float) -> None:
        actions = self._actions
        while self._action_index < len(actions) and actions[self._action_index].at <= now + 1e-9:
            action = actions[self._action_index]
            self._action_index += 1
            if action.press is not None and self.panel is not None:
                self.panel.press(action.press, now, action.hold if action.hold is not None else 0.2)
            elif action.estop is not None and self.panel is not None:
                self.panel.set_estop(action.estop == "pushed")
            elif action.mode is not None and self.panel is not None:
                self.panel.set_auto(action.mode == "auto")
            elif action.outfeed is not None:
                self.set_outfeed(action.outfeed == "blocked")
            elif action.demand is not None and self.tank is not None:
                self.tank.demand = action.demand

    def set_outfeed(self, blocked: bool) -> None:
        """Block the outfeed (parts wait at the end of the line) or clear it.

        Clearing it hands the parts waiting at the end of the line (within a
        part's length of it) to the next station at once, even with the belt
        stopped, so the exit photo-eye clears (as when an operator empties a
        full outfeed).
        """
        self.outfeed_blocked = bool(blocked)
        track = self.outfeed_track
        if blocked or track is None or track.end_stop:
            return
        while track.parts and track.parts[0].lead >= track.length - track.parts[0].length - 1e-6:
            self._finish(track.take_front(), "outfeed", self.time)

    def record_event(self, time: float, kind: str, part: int | None = None, detail: str = "") -> None:
        """Add an event to the line's event log (it keeps the newest EVENTS_KEPT)."""
        self.events.append(Event(time, kind, part, detail))

    def advance(self, seconds: float) -> None:
        """Step the plant forward by ``seconds`` of simulated time.

        ``seconds`` must be a whole number of time steps (multiples of 0.05 s).
        """
        ticks = round(seconds / self.dt)
        if ticks < 0 or abs(ticks * self.dt - seconds) > 1e-6:
            raise ValueError(f"advance() takes a non-negative multiple of the {self.dt} s time step, got {seconds}")
        step = self.step
        for _ in range(ticks):
            step()

    # --- faults ------------------------------------------------------------------------
    def inject_fault(
        self, kind: str, target: str | None = None, *, duration: float | None = None, **params: Any
    ) -> FaultRecord:
        """Start a fault now (see :mod:`factorylab.plant.faults` for the kinds)."""
        return self.faults.inject(kind, target, duration=duration, **params)

    def clear_fault(self, fault: FaultRecord | int) -> None:
        """End an active fault now."""
        self.faults.clear(fault)

    # --- views for checks, the GUI and tests -----------------------------------------
    @property
    def parts(self) -> list[Part]:
        """Parts on the line now: belts (front first), then oven and CNC."""
        parts: list[Part] = []
        if self.outfeed_track is not None:
            parts.extend(self.outfeed_track.parts)
        if self.oven is not None:
            parts.extend(reversed(self.oven.parts))
        if self.cnc is not None and self.cnc.part is not None:
            parts.append(self.cnc.part)
        if self.infeed_track is not None and self.infeed_track is not self.outfeed_track:
            parts.extend(self.infeed_track.parts)
        return parts

    @property
    def track(self) -> Track | None:
        """The track through conveyor2 (the only track when there are no machines)."""
        return self.outfeed_track

    def part(self, part_id: int) -> Part | None:
        """The part with this id (on the line or finished), if any."""
        for part in self.parts:
            if part.id == part_id:
                return part
        for part in self.finished_parts:
            if part.id == part_id:
                return part
        return None

    def state_vector(self) -> tuple:
        """A tuple of the whole observable state, for determinism checks."""
        parts = tuple(
            (p.id, p.kind, p.grade, p.length, p.weight, p.lead, p.lateral, p.location, p.dimension, p.hardness)
            for p in self.parts
        )
        conveyors = tuple((c.running, c.belt_speed, c.current, c.overload) for c in self.conveyors)
        line = self.production
        stations: tuple = ()
        if self.sorter is not None:
            stations += (self.sorter.stroke,)
        if self.tank is not None:
            stations += (self.tank.volume, self.tank.coolant_temperature, self.tank.valve_position)
        if self.oven is not None:
            stations += (self.oven.true_temperature,)
        if self.cnc is not None:
            stations += (self.cnc.state, self.cnc.tool_wear, self.cnc.air_offset, self.cnc.process_offset)
        return (
            self.tick,
            parts,
            conveyors,
            stations,
            (line.state, line.parts_in, line.parts_out, line.parts_rejected, line.parts_missorted, line.parts_good),
            tuple((f.kind, f.target, f.start, f.end) for f in self.faults.log),
        )
