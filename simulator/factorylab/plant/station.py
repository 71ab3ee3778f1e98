"""The station contract: what every station of the line offers the plant.

A station is one unit of the line (the operator panel, a conveyor, the CNC,
the oven, ...). The plant steps its stations through the **phases** of a
tick, always in the order of :data:`PHASES`. A station lists the phases it
takes part in (``phases``) and has one method per phase, named like the
phase, that takes the tick's :class:`TickContext`::

    class Robot(Station):
        phases = ("machine",)

        def machine(self, ctx: TickContext) -> None:
            if ctx.powered:
                ...

Within a phase, stations run in line order (the catalogue's,
:mod:`factorylab.plant.catalogue`), then the line's tracks. The plant plans
the calls once, when the line is assembled, and compiles them into one
function of straight calls (:func:`compile_calls`), so a tick costs one call
per station and phase, nothing more.

Besides its phases, a station declares:

* ``name``: its name in the scenario's station list (``"tank"``);
* ``channels``: its named noise channels, ``"<station>.<signal>"`` -> the
  channel number (:func:`factorylab.plant.rng.channel_id`);
* ``stops``: the :class:`TrackStop` places where it can hold parts back on a
  track; the tracks collect them from the stations when the line is assembled;
* ``sensor_names()``: its on/off sensors (targets for stuck-sensor faults);
* ``held_parts()`` and ``observed_state()``: the parts inside it and its state,
  for the plant's views and determinism checks;
* ``devices()``: other devices it brings as plant attributes (the panel's
  stack light).

Each station's module also has its ``SPEC`` (:class:`StationSpec`): what the
line knows of it before any plant exists (name, builder, required stations,
sensors, fault kinds, drifting signals).

A station that sits between the two belts (``between_belts``: the CNC, the
oven) splits the line into an infeed and an outfeed track; the line chains
such machines in line order through their ``upstream`` and ``downstream``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from .layout import SLOW_STEPS, TIME_STEP
from .rng import channel_id

if TYPE_CHECKING:  # pragma: no cover
    from .conveyor import Track
    from .parts import Part
    from .plant import Plant
    from .rng import PlantRandom
    from .scenario import Scenario
    from .variant import PlantVariant

#: The phases of a tick, in the order the plant runs them, and what happens in each.
PHASES: dict[str, str] = {
    "safety": "the safety relay decides whether the actuators have power (sets ctx.powered)",
    "drive": "motors follow their commands: belt speeds, overload relays",
    "process": f"slow thermal and hydraulic processes, every {SLOW_STEPS} ticks (ctx.slow_dt)",
    "release": "stations let finished parts out of their exit (the oven's dwell gate)",
    "machine": "machine sequences and hand-offs between stations; the pusher moves",
    "feed": "new parts enter the line",
    "transport": "parts move along the tracks; a part that drops off the end finishes at the outfeed",
    "deliver": "parts pushed off a belt this tick finish in their bin",
    "measure": "gauges measure the parts that passed them",
    "record": "bookkeeping at the end of the tick (the order book's clock)",
}
#: Phases the plant runs only every SLOW_STEPS ticks (the others run every tick).
SLOW_PHASES = frozenset({"process"})


class TickContext:
    """What stations see of the line during a tick: one per plant, updated in place.

    Times are in seconds: ``now`` is the start of the tick and ``end`` its end
    (a part handed on during the tick is stamped with ``end``); ``dt`` is the
    time step and ``slow_dt`` the step of the slow ``process`` phase; ``tick``
    counts the steps done before this one.

    Line state the stations read:
        powered: the safety relay is on: actuators have power.
        outfeed_blocked: parts may not leave the end of the line.
        next_part_id: the id the next new part gets.

    Flags the stations raise (the plant clears them at the start of every
    tick and derives the line state from them):
        motors_running: a belt motor turns.
        down: a machine has failed or waits for a tool, or a motor overload
            relay has tripped.
        working: parts moved, were pushed off a belt, or are being machined.

    Line services (the plant's):
        record_event(time, kind, part=None, detail=""): add to the event log.
        finish(part, place, time): a part leaves the line, ``"outfeed"`` or
            ``"reject_bin"`` (counts, orders, sort check, event).
        part_fed(part, time): a new part entered the line (counts it, moves
            ``next_part_id`` on, records the event).
    """

    __slots__ = (
        "tick",
        "now",
        "end",
        "dt",
        "slow_dt",
        "powered",
        "outfeed_blocked",
        "next_part_id",
        "motors_running",
        "down",
        "working",
        "record_event",
        "finish",
        "part_fed",
    )

    def __init__(
        self,
        *,
        record_event: Callable[..., None],
        finish: Callable[[Part, str, float], None],
        part_fed: Callable[[Part, float], None],
        dt: float = TIME_STEP,
    ) -> None:
        self.tick = 0
        self.now = 0.0
        self.end = dt
        self.dt = dt
        self.slow_dt = dt * SLOW_STEPS
        self.powered = True  # a line without an operator panel is always powered
        self.outfeed_blocked = False
        self.next_part_id = 1
        self.motors_running = False
        self.down = False
        self.working = False
        self.record_event = record_event
        self.finish = finish
        self.part_fed = part_fed


class Receiver(Protocol):
    """Something a station hands parts to: a track (at its start) or a machine."""

    def can_take(self, part: Part) -> bool:
        """True if ``part`` fits in now."""

    def put(self, part: Part, now: float) -> None:
        """Take ``part`` at time ``now`` (s)."""


class TrackStop:
    """A place on a track where a station can hold parts back (the pusher's head, a gate).

    The station owns the stop and engages or releases it; while it is
    engaged, the track asks ``limit(part)`` how far each part may go (a lead
    in mm, or None for no limit). The track collects the stops of its
    stations when the line is assembled (:meth:`Track.add_stop`).

    Args:
        owner: name of the station that owns the stop.
        track: the track it stands on.
        position: where it stands, mm along the track.
        limit: ``part -> lead limit (mm) or None``.
    """

    __slots__ = ("owner", "track", "position", "limit", "engaged")

    def __init__(self, owner: str, track: Track, position: float, limit: Callable[[Part], float | None]) -> None:
        self.owner = owner
        self.track = track
        self.position = position
        self.limit = limit
        self.engaged = False

    def set(self, engaged: bool) -> None:
        """Engage (True) or release (False) the stop."""
        if engaged != self.engaged:
            self.engaged = engaged
            self.track.refresh_limits()


class Station:
    """Base of every station: the contract's defaults (see the module docstring).

    A subclass sets ``name`` (in ``__init__``), ``phases`` and one method per
    phase, and overrides what else applies to it.
    """

    __slots__ = ()

    #: the station's name in the scenario's station list (set per instance)
    name: str
    #: the phases this station takes part in, each with a method of the same name
    phases: tuple[str, ...] = ()
    #: on/off sensor attributes (targets for stuck-sensor faults)
    SENSORS: tuple[str, ...] = ()
    #: True for a machine between conveyor1 and conveyor2 (it splits the line in two tracks)
    between_belts = False

    def connect(self, line: Plant) -> None:
        """Wire the station to the rest of the line, once every station and track exists."""

    def sensor_names(self) -> tuple[str, ...]:
        """The station's on/off sensor attributes, in the order the line lists them."""
        return self.SENSORS

    @property
    def channels(self) -> dict[str, int]:
        """Named noise channels: ``"<station>.<signal>"`` -> channel number."""
        return {}

    @property
    def stops(self) -> tuple[TrackStop, ...]:
        """Places where the station can hold parts back on a track."""
        return ()

    def devices(self) -> dict[str, Any]:
        """Other devices the station brings, by plant attribute name (the panel's stack light)."""
        return {}

    def held_parts(self) -> Sequence[Part]:
        """Parts inside the station (not on a belt), downstream first."""
        return ()

    def observed_state(self) -> tuple:
        """The station's state for determinism checks (:meth:`Plant.state_vector`)."""
        return ()


@dataclass(frozen=True, slots=True)
class BuildContext:
    """What a station's builder gets: the scenario, the plant's random source, its variant, the time step (s)."""

    scenario: Scenario
    rng: PlantRandom
    variant: PlantVariant
    dt: float


@dataclass(frozen=True)
class StationSpec:
    """What the line knows about a kind of station before any plant exists.

    Attributes:
        name: the name in scenario files (``stations: [...]``).
        build: makes the station for a scenario that lists it.
        requires: stations it needs (a scenario that lists it must list them).
        sensors: its on/off sensor attributes (stuck-sensor fault targets),
            as :meth:`Station.sensor_names` gives them.
        fault_kinds: fault kinds that hit the station as a whole (``jam``).
        drifts: analog signals whose transmitter can drift (an
            ``analog_drift`` target ``<name>.<signal>``), with the default
            drift rate, units per hour.
        sensor_group: where its sensors come in the line's sensor list (and
            so in the fault menu and among random sensor faults): 0 the
            operator panel, 1 the belts, 2 the other stations; in line order
            within a group.
        devices: plant attributes the station provides besides its name
            (None when the scenario leaves the station out).
    """

    name: str
    build: Callable[[BuildContext], Station]
    requires: tuple[str, ...] = ()
    sensors: tuple[str, ...] = ()
    fault_kinds: tuple[str, ...] = ()
    drifts: Mapping[str, float] = field(default_factory=dict)
    sensor_group: int = 2
    devices: tuple[str, ...] = ()


def declaration_problem(station: Station, others: Sequence[Station], tracks: Sequence[Track]) -> str | None:
    """What is wrong with a station's declarations on a line, or None.

    Its phases must exist and each have its method; its noise channels must
    be named ``<station>.<signal>``, numbered by :func:`channel_id`, and be
    no other station's (name or number); its stops must stand within one of
    the line's ``tracks``.
    """
    name = station.name
    for phase in station.phases:
        if phase not in PHASES:
            return f"{name} takes part in phase {phase!r}, which does not exist ({', '.join(PHASES)})"
        if not callable(getattr(station, phase, None)):
            return f"{name} takes part in phase {phase!r} but has no method {phase}(ctx)"
    owner_of_name = {channel: other.name for other in others for channel in other.channels}
    owner_of_number = {number: other.name for other in others for number in other.channels.values()}
    for channel, number in station.channels.items():
        if not channel.startswith(name + ".") or channel_id(channel) != number:
            return f"{name}'s noise channel {channel!r} ({number}) must be named '{name}.<signal>' and numbered by it"
        owner = owner_of_name.get(channel) or owner_of_number.get(number)
        if owner is not None:
            return f"{name}'s noise channel {channel!r} ({number}) is {owner}'s"
    for stop in station.stops:
        if stop.track not in tracks:
            return f"{name} has a stop on a track that is not this line's"
        if not 0.0 <= stop.position <= stop.track.length:
            return f"{name} has a stop at {stop.position} mm, off track {stop.track.name}"
    return None


def plan_phases(members: Sequence[Any]) -> list[tuple[str, Any]]:
    """The calls of a tick: (phase, member) in the order of :data:`PHASES`, members in the given order.

    ``members`` are the line's stations in line order, then its tracks;
    each takes part in the phases it lists in ``phases``.
    """
    return [(phase, member) for phase in PHASES for member in members if phase in member.phases]


def compile_calls(plan: Sequence[tuple[str, Any]]) -> Callable[[TickContext], None]:
    """One function ``tick(ctx)`` that calls ``member.<phase>(ctx)`` for each (phase, member) of ``plan``, in order.

    Straight-line code calling the bound methods by name: no loop over a
    list, which on the full line costs about a twentieth of a tick. Each
    name says the phase, the member and the place in the plan
    (``drive_conveyor1_1(ctx)``), for tracebacks and profiles.
    """
    calls = {f"{phase}_{member.name}_{index}": getattr(member, phase) for index, (phase, member) in enumerate(plan)}
    source = "def tick(ctx):\n" + "".join(f"    {name}(ctx)\n" for name in calls) + "    return None\n"
    namespace: dict[str, Any] = dict(calls)
    exec(compile(source, "<plant tick>", "exec"), namespace)  # source built from phase and member names only
    return namespace["tick"]
