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

The plant knows its stations only through the station contract
(:mod:`factorylab.plant.station`): it builds the stations the scenario lists
from the catalogue (:mod:`factorylab.plant.catalogue`), lays the belts into
tracks, chains the machines between the belts, lets each station connect to
the line, and steps them phase by phase. What is the line's own stays here:
time, scheduled actions, faults, finished parts and the line state.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import layout
from .catalogue import CATALOGUE, STATION_SENSORS
from .conveyor import Conveyor, Track, lay_tracks
from .faults import FaultManager, FaultRecord
from .line import DOWN, ESTOP, IDLE, RUNNING, STOPPED, LineStatus, SystemStatus
from .parts import Part
from .recent import RecentList
from .rng import PlantRandom
from .scenario import Scenario, load_scenario
from .station import (
    SLOW_PHASES,
    BuildContext,
    Station,
    TickContext,
    compile_calls,
    declaration_problem,
    plan_phases,
)
from .variant import PlantVariant, check_number, plant_variant

TICKS_PER_SECOND = round(1.0 / layout.TIME_STEP)
#: Newest events the plant keeps (about 6 simulated hours of the full line); older ones go, counted.
EVENTS_KEPT = 10_000
#: Newest finished parts the plant keeps (about 2.5 simulated hours of the full line).
FINISHED_PARTS_KEPT = 2_000
_SLOW_STEPS = layout.SLOW_STEPS
INSPECTION_POSITION = layout.INSPECTION_POSITION  # mm on conveyor2 (the view reads it from here)
#: Where the built-in stations' states stand in :meth:`Plant.state_vector` (the
#: order the vector has always had, so recorded vectors stay comparable);
#: any other station's state follows, in line order.
_STATE_VECTOR_ORDER = ("sorter", "tank", "oven", "cnc")
#: Plant attributes of the catalogue's stations and their devices (None when a scenario leaves one out).
_CATALOGUE_DEVICES = frozenset(attribute for spec in CATALOGUE for attribute in (spec.name, *spec.devices))


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
    ``stations`` maps the stations present to their objects, in line order;
    :meth:`phase_plan` shows what a tick calls, :meth:`add_station` adds a
    station that is not in the catalogue.
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
        #: what the stations see of the line during a tick (one, updated in place)
        self._context = TickContext(
            record_event=self.record_event, finish=self._finish, part_fed=self._part_fed, dt=self.dt
        )
        #: the newest EVENTS_KEPT events (``events.total`` counts all, ``events.since(mark)`` reads on)
        self.events: RecentList[Event] = RecentList(EVENTS_KEPT)
        #: the newest FINISHED_PARTS_KEPT parts that left the line, oldest first (the same kind of list)
        self.finished_parts: RecentList[Part] = RecentList(FINISHED_PARTS_KEPT)
        #: sensor tag name -> forced value (stuck-sensor faults)
        self.sensor_overrides: dict[str, bool] = {}
        self._actions = sorted(scenario.actions, key=lambda a: a.at)
        self._action_index = 0
        self._action_count = len(self._actions)
        self.system = SystemStatus(self)
        self.production = LineStatus(self)

        # the stations the scenario lists, built in line order (the order of their random draws)
        #: station name -> station, in line order; its devices are attributes too (``plant.tank``)
        self.stations: dict[str, Station] = {}
        for spec in CATALOGUE:
            for attribute in (spec.name, *spec.devices):
                setattr(self, attribute, None)  # a station the scenario leaves out is None
        kit = BuildContext(scenario, self.rng, self.variant, self.dt)
        for spec in CATALOGUE:
            if scenario.has(spec.name):
                self._adopt(spec.build(kit))
        # the belts laid into tracks, the machines between them chained, every station connected
        self.conveyors: list[Conveyor] = [s for s in self.stations.values() if isinstance(s, Conveyor)]
        machines = [s for s in self.stations.values() if s.between_belts]
        self.infeed_track: Track | None
        self.outfeed_track: Track | None
        self.infeed_track, self.outfeed_track, self.tracks = lay_tracks(self.conveyors, bool(machines))
        _chain_machines(machines, self.infeed_track, self.outfeed_track)
        for station in self.stations.values():
            station.connect(self)
        for station in self.stations.values():
            self._check_contract(station)
            for stop in station.stops:
                stop.track.add_stop(stop)
        self._sort_rule = scenario.sorter.rule if self.sorter is not None else "none"
        self.faults = FaultManager(self)
        self._plan_calls()

    def add_station(self, station: Station) -> None:
        """Add a station that is not in the catalogue (a test double, a teacher's extra device).

        It joins after the built-in stations: it is connected to the line,
        its stops are collected by their tracks, it becomes an attribute
        (``plant.<name>``), and from the next tick on its phase methods are
        called in every phase it declares.

        Raises:
            ValueError: its name is taken, it declares a phase that does not
                exist or lacks a phase's method, a noise channel's name or
                number is another station's, or a stop stands on a track
                that is not this plant's.
        """
        self._adopt(station)
        try:
            station.connect(self)
            self._check_contract(station)
            for stop in station.stops:
                stop.track.add_stop(stop)
        except Exception:
            self._drop(station)
            raise
        self._plan_calls()

    def _adopt(self, station: Station) -> None:
        name = station.name
        if not name.isidentifier() or name in self.stations or hasattr(type(self), name):
            raise ValueError(f"a station cannot be named {name!r} on this plant")
        attributes = {name: station, **station.devices()}
        for attribute in attributes:
            if getattr(self, attribute, None) is not None:
                raise ValueError(f"the plant already has a {attribute!r}")
        self.stations[name] = station
        for attribute, device in attributes.items():
            setattr(self, attribute, device)

    def _drop(self, station: Station) -> None:
        del self.stations[station.name]
        for attribute in (station.name, *station.devices()):
            if attribute in _CATALOGUE_DEVICES:
                setattr(self, attribute, None)
            else:
                delattr(self, attribute)

    def _check_contract(self, station: Station) -> None:
        """Refuse a station whose declarations break the station contract."""
        others = [other for other in self.stations.values() if other is not station]
        problem = declaration_problem(station, others, self.tracks)
        if problem is not None:
            raise ValueError(problem)

    def _plan_calls(self) -> None:
        """The calls of a tick, phase by phase: stations in line order, then the tracks.

        Compiled once into two functions of straight calls: a tick (``_tick``)
        and a tick with the slow phases (``_slow_tick``, every SLOW_STEPS).
        """
        self._plan = plan_phases([*self.stations.values(), *self.tracks])
        self._tick = compile_calls([(phase, member) for phase, member in self._plan if phase not in SLOW_PHASES])
        self._slow_tick = compile_calls(self._plan)

    def __getstate__(self) -> dict[str, Any]:
        """A copy or a pickle takes everything but the compiled tick functions (rebuilt for the copy)."""
        state = self.__dict__.copy()
        del state["_tick"], state["_slow_tick"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._plan_calls()

    def phase_plan(self) -> list[tuple[str, str]]:
        """The calls of a tick in order, as (phase, station or track name).

        The slow phases (``process``) run only every SLOW_STEPS ticks.
        """
        return [(phase, member.name) for phase, member in self._plan]

    # --- lookups -------------------------------------------------------------
    def conveyor(self, name: str) -> Conveyor:
        """A conveyor by name."""
        for conveyor in self.conveyors:
            if conveyor.name == name:
                return conveyor
        raise KeyError(name)

    def discrete_sensors(self) -> list[str]:
        """Names (``device.attribute``) of every on/off sensor of this plant.

        In the line's sensor order (:data:`~factorylab.plant.catalogue.STATION_SENSORS`):
        the panel, the belts, the other stations; an added station's last.
        """
        rank = {name: index for index, name in enumerate(STATION_SENSORS)}
        stations = sorted(self.stations.values(), key=lambda station: rank.get(station.name, len(rank)))
        return [f"{station.name}.{attribute}" for station in stations for attribute in station.sensor_names()]

    @property
    def time(self) -> float:
        """Simulated time since start, s."""
        return self.tick / TICKS_PER_SECOND

    @property
    def outfeed_blocked(self) -> bool:
        """True while parts may not leave the end of the line (see :meth:`set_outfeed`)."""
        return self._context.outfeed_blocked

    @outfeed_blocked.setter
    def outfeed_blocked(self, blocked: bool) -> None:
        self._context.outfeed_blocked = bool(blocked)

    # --- the tick ------------------------------------------------------------------
    def step(self) -> None:
        """Advance the plant by one time step (``dt`` = 0.05 s).

        Scheduled actions and faults first, then the stations and tracks
        phase by phase (:data:`~factorylab.plant.station.PHASES`; the slow
        ``process`` phase every SLOW_STEPS ticks), then faults that end, then
        the line state from what the stations reported.
        """
        ctx = self._context
        tick = self.tick
        now = tick / TICKS_PER_SECOND
        end = (tick + 1) / TICKS_PER_SECOND
        ctx.tick = tick
        ctx.now = now
        ctx.end = end
        ctx.motors_running = ctx.down = ctx.working = False
        if self._action_index < self._action_count:
            self._run_actions(now)
        faults = self.faults
        if faults.active or now >= faults.next_due:
            faults.step(now, ctx.dt)
        (self._slow_tick if tick % _SLOW_STEPS == 0 else self._tick)(ctx)
        if faults.active:
            faults.expire(end)

        line = self.production
        dt = ctx.dt
        if not ctx.powered:
            line.state = ESTOP
            line.stop_time += dt
        elif ctx.down:
            line.state = DOWN
            line.down_time += dt
        elif ctx.motors_running:
            if ctx.working:
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

    def _part_fed(self, part: Part, now: float) -> None:
        """A new part entered the line at time ``now`` (s)."""
        self._context.next_part_id = part.id + 1
        self.production.parts_in += 1
        self.record_event(now, "part_fed", part.id, part.kind)

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
        """Parts on the line now, downstream first: the outfeed track (front
        first), the parts inside stations (oven, CNC), the infeed track."""
        parts: list[Part] = []
        if self.outfeed_track is not None:
            parts.extend(self.outfeed_track.parts)
        for station in reversed(self.stations.values()):
            parts.extend(station.held_parts())
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
        """A tuple of the whole observable state, for determinism checks.

        Tick, parts on the line, each belt's state, the other stations'
        states (:meth:`Station.observed_state`; the built-in ones in the
        order the vector has always had), the line's counts, the fault log.
        """
        parts = tuple(
            (p.id, p.kind, p.grade, p.length, p.weight, p.lead, p.lateral, p.location, p.dimension, p.hardness)
            for p in self.parts
        )
        conveyors = tuple(c.observed_state() for c in self.conveyors)
        rank = {name: index for index, name in enumerate(_STATE_VECTOR_ORDER)}
        others = sorted(
            (s for s in self.stations.values() if not isinstance(s, Conveyor)),
            key=lambda station: rank.get(station.name, len(rank)),
        )
        stations = tuple(value for station in others for value in station.observed_state())
        line = self.production
        return (
            self.tick,
            parts,
            conveyors,
            stations,
            (line.state, line.parts_in, line.parts_out, line.parts_rejected, line.parts_missorted, line.parts_good),
            tuple((f.kind, f.target, f.start, f.end) for f in self.faults.log),
        )


def _chain_machines(machines: list[Station], infeed: Track | None, outfeed: Track | None) -> None:
    """Chain the machines between the belts, in line order.

    The first takes parts from the end of the infeed track; each hands its
    parts to the next, the last to the start of the outfeed track.
    """
    for index, machine in enumerate(machines):
        machine.upstream = infeed if index == 0 else None
        machine.downstream = machines[index + 1] if index + 1 < len(machines) else outfeed
