"""The plant: every station of the line, stepped with a fixed time step.

Pure Python physics: no wall clock, no I/O, no globals. All randomness comes
from the plant's one :class:`~factorylab.plant.rng.PlantRandom`, so the same
scenario, seed and inputs give the same trajectory, bit for bit.

Typical use (fast-forward)::

    plant = Plant("sorting", seed=1)
    plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = True
    plant.advance(60.0)          # one simulated minute
    print(plant.line.parts_out)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import layout
from .conveyor import Conveyor, PhotoEye, Track
from .feeder import Feeder
from .panel import OperatorPanel, StackLight
from .parts import Part
from .rng import PlantRandom
from .scenario import Scenario, load_scenario
from .sorter import Sorter

TICKS_PER_SECOND = round(1.0 / layout.TIME_STEP)

#: Line states (``line.state``).
STOPPED, RUNNING, IDLE, ESTOP = 0, 1, 2, 3
STATE_NAMES = {STOPPED: "stopped", RUNNING: "running", IDLE: "idle", ESTOP: "estop"}


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened on the line, at simulation time ``time`` (s)."""

    time: float
    kind: str
    part: int | None = None
    detail: str = ""


class SystemStatus:
    """Simulator status: time, tick, scenario, and how it is being run.

    ``running`` and ``speed`` are set by whoever drives the plant in real time
    (the simulator command); in fast-forward they stay False and 0.
    """

    __slots__ = ("_plant", "scenario_id", "running", "speed", "time_step", "seed")

    def __init__(self, plant: Plant) -> None:
        self._plant = plant
        self.scenario_id = plant.scenario.number
        self.running = False
        self.speed = 0.0  # real-time factor; 0 = fast-forward
        self.time_step = plant.dt
        self.seed = plant.seed

    @property
    def sim_time(self) -> float:
        """Simulated time since start, s."""
        return self._plant.tick / TICKS_PER_SECOND

    @property
    def tick(self) -> int:
        """Number of time steps done since start."""
        return self._plant.tick


class LineStatus:
    """Line state, part counts and the run/idle/stop times OEE needs.

    state: 0 stopped (no belt running), 1 running (belts running and parts
        moving), 2 idle (belts running but nothing moving: starved or
        blocked), 3 E-stop (safety relay tripped).
    parts_in: parts placed by the feeder.
    parts_out: parts that left the line at the outfeed.
    parts_rejected: parts pushed into the reject bin.
    parts_missorted: parts that ended in the wrong place by the scenario's
        sort rule (type A in the bin, or type B at the outfeed).
    run_time / idle_time / stop_time: seconds spent in each state
        (stop_time includes E-stop time).
    """

    __slots__ = (
        "state",
        "parts_in",
        "parts_out",
        "parts_rejected",
        "parts_missorted",
        "run_time",
        "idle_time",
        "stop_time",
    )

    def __init__(self) -> None:
        self.state = STOPPED
        self.parts_in = 0
        self.parts_out = 0
        self.parts_rejected = 0
        self.parts_missorted = 0
        self.run_time = 0.0
        self.idle_time = 0.0
        self.stop_time = 0.0


class Plant:
    """The whole virtual line.

    Args:
        scenario: a built-in scenario id, a scenario file path, or a
            :class:`Scenario`.
        seed: seed of the plant's random generator (non-negative integer).

    Devices are attributes (``panel``, ``stack_light``, ``feeder``,
    ``conveyor1``, ``conveyor2``, ``sorter``); a device the scenario does not
    include is ``None``. ``system`` and ``line`` are always present.
    """

    def __init__(self, scenario: Scenario | str | Path = "sorting", seed: int = 0) -> None:
        if not isinstance(scenario, Scenario):
            scenario = load_scenario(scenario)
        self.scenario = scenario
        self.seed = seed
        self.rng = PlantRandom(seed)
        self.dt = layout.TIME_STEP
        self.tick = 0
        self.events: list[Event] = []
        self.finished_parts: list[Part] = []
        self.outfeed_blocked = False
        self._next_part_id = 1
        self._actions = sorted(scenario.actions, key=lambda a: a.at)
        self._action_index = 0
        self._action_count = len(self._actions)

        has = scenario.has
        self.system = SystemStatus(self)
        self.line = LineStatus()
        self.panel = OperatorPanel(safety_ok=not scenario.safety.reset_required_at_start) if has("panel") else None
        self.stack_light = StackLight() if has("panel") else None
        self._panel = self.panel or OperatorPanel()  # a line without a panel is always powered

        c1 = scenario.conveyor1
        self.conveyor1 = (
            Conveyor("conveyor1", layout.CONVEYOR1_LENGTH, self.rng, 1, speed=c1.speed, run=c1.run)
            if has("conveyor1")
            else None
        )
        c2 = scenario.conveyor2
        self.conveyor2 = (
            Conveyor("conveyor2", layout.CONVEYOR2_LENGTH, self.rng, 2, speed=c2.speed, run=c2.run)
            if has("conveyor2")
            else None
        )
        self.conveyors = [c for c in (self.conveyor1, self.conveyor2) if c is not None]
        self.track = Track("main", self.conveyors, end_stop=False) if self.conveyors else None
        if self.conveyor1 is not None:
            self._add_eye(self.conveyor1, "photo_eye_infeed", layout.PHOTO_EYE_INFEED)
            self._add_eye(self.conveyor1, "photo_eye_exit", layout.PHOTO_EYE_C1_EXIT)
        if self.conveyor2 is not None:
            self._add_eye(self.conveyor2, "photo_eye_entry", layout.PHOTO_EYE_C2_ENTRY)
            self._add_eye(self.conveyor2, "photo_eye_exit", layout.PHOTO_EYE_C2_EXIT)

        f = scenario.feeder
        self.feeder = Feeder(interval=f.interval, type_b_share=f.type_b_share, run=f.run) if has("feeder") else None
        self.sorter = None
        if has("sorter"):
            offset = self.conveyor2.offset
            self.sorter = Sorter(
                self.track,
                offset + layout.PUSHER_POSITION,
                offset + layout.COLOUR_SENSOR,
                stroke_time=scenario.sorter.stroke_time,
            )
        self._sort_rule = scenario.sorter.rule if self.sorter is not None else "none"

    def _add_eye(self, conveyor: Conveyor, name: str, position: float) -> None:
        conveyor.photo_eyes[name] = PhotoEye(name, self.track, conveyor.offset + position)

    # --- time ----------------------------------------------------------------
    @property
    def time(self) -> float:
        """Simulated time since start, s."""
        return self.tick / TICKS_PER_SECOND

    def step(self) -> None:
        """Advance the plant by one time step (``dt`` = 0.05 s)."""
        dt = self.dt
        tick = self.tick
        now = tick / TICKS_PER_SECOND
        end = (tick + 1) / TICKS_PER_SECOND
        if self._action_index < self._action_count:
            self._run_actions(now)
        panel = self._panel
        was_ok = panel.safety_ok
        if panel.step(now):
            self._event(now, "safety_trip", detail="estop" if panel.estop else "remote_estop")
        elif panel.safety_ok and not was_ok:
            self._event(now, "safety_reset")
        powered = panel.safety_ok

        any_running = False
        for conveyor in self.conveyors:
            conveyor.update_drive(powered, tick)
            any_running = any_running or conveyor.running

        sorter = self.sorter
        rejected = sorter.step(dt, powered) if sorter is not None else ()

        feeder = self.feeder
        if feeder is not None:
            part = feeder.step(dt, powered, self.track, self.rng, self._next_part_id)
            if part is not None:
                self._next_part_id += 1
                self.line.parts_in += 1
                part.move_to(self.conveyor1.name, end)
                self._event(end, "part_fed", part.id, part.kind)

        moved = False
        track = self.track
        if track is not None:
            dropped, moved = track.move(dt, self.outfeed_blocked, end)
            for part in dropped:
                self._finish(part, "outfeed", end)
        for part in rejected:
            self._finish(part, "reject_bin", end)

        line = self.line
        if not powered:
            line.state = ESTOP
            line.stop_time += dt
        elif any_running:
            if moved or rejected:
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
        line = self.line
        if place == "outfeed":
            line.parts_out += 1
        else:
            line.parts_rejected += 1
        if self._sort_rule == "type_b" and (part.kind == "B") != (place == "reject_bin"):
            line.parts_missorted += 1
            self._event(now, "missorted", part.id, f"{part.kind} -> {place}")
        self._event(now, "part_" + ("out" if place == "outfeed" else "rejected"), part.id, part.kind)

    def _run_actions(self, now: float) -> None:
        actions = self._actions
        while self._action_index < len(actions) and actions[self._action_index].at <= now + 1e-9:
            action = actions[self._action_index]
            self._action_index += 1
            if action.press is not None and self.panel is not None:
                self.panel.press(action.press, now)
            elif action.estop is not None and self.panel is not None:
                self.panel.set_estop(action.estop == "pushed")
            elif action.mode is not None and self.panel is not None:
                self.panel.set_auto(action.mode == "auto")
            elif action.outfeed is not None:
                self.outfeed_blocked = action.outfeed == "blocked"

    def _event(self, time: float, kind: str, part: int | None = None, detail: str = "") -> None:
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

    # --- views for checks, the GUI and tests ---------------------------------
    @property
    def parts(self) -> list[Part]:
        """Parts on the belts now, front first."""
        return list(self.track.parts) if self.track is not None else []

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
        parts = tuple((p.id, p.kind, p.length, p.weight, p.lead, p.lateral, p.location) for p in self.parts)
        conveyors = tuple((c.running, c.belt_speed, c.current) for c in self.conveyors)
        line = self.line
        sorter = (self.sorter.stroke,) if self.sorter is not None else ()
        return (
            self.tick,
            parts,
            conveyors,
            sorter,
            (line.state, line.parts_in, line.parts_out, line.parts_rejected, line.parts_missorted),
        )
