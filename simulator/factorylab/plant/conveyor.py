"""Belt conveyors, the tracks parts travel on, and photo-eyes."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from . import layout
from .parts import Part
from .rng import PlantRandom, channel_id
from .station import BuildContext, Station, StationSpec, TickContext, TrackStop

if TYPE_CHECKING:  # pragma: no cover
    from .plant import Plant


class Conveyor(Station):
    """A belt conveyor driven by a motor with a thermal overload relay.

    Controller outputs:
        run: motor run command (the contactor coil).
        speed: speed setpoint, percent of the maximum belt speed (0..100).

    Measurements:
        running: True while the motor turns (run command, safety relay OK,
            overload relay not tripped).
        belt_speed: actual belt speed, mm/s (0..250).
        current: motor current, A. Rises with the load carried and with parts
            held back on the moving belt (a jam); an inrush spike follows
            switch-on; bearing wear adds a slow creep.
        vibration: motor vibration velocity, mm/s RMS (bearing wear raises it).
        overload: the thermal overload relay has tripped. It trips when the
            motor has carried more than its rated 2.5 A for long enough
            (an I-squared-t model) and resets itself once the motor has cooled.

    Photo-eyes (``eyes``: name -> mm from the start of the belt) are placed
    when the belt is laid into a track; each reads as an attribute
    (``conveyor1.photo_eye_exit``).

    Noise channels: ``<name>.current`` and ``<name>.vibration``.
    """

    phases = ("drive",)

    __slots__ = (
        "max_speed",
        "name",
        "length",
        "offset",
        "run",
        "speed",
        "running",
        "belt_speed",
        "track",
        "photo_eyes",
        "bearing_wear",
        "overload",
        "heat",
        "_rng",
        "_current_channel",
        "_vibration_channel",
        "_eye_positions",
        "_started_tick",
    )

    #: boolean sensor attributes (targets for stuck-sensor faults)
    SENSORS = ("running", "overload")

    def __init__(
        self,
        name: str,
        length: float,
        rng: PlantRandom,
        *,
        eyes: Mapping[str, float] | None = None,
        speed: float = 80.0,
        run: bool = False,
    ) -> None:
        self.name = name
        self.length = length
        self.offset = 0.0  # start of this belt on its track, mm
        self.run = run
        self.speed = speed
        self.running = False
        self.belt_speed = 0.0
        self.max_speed = layout.BELT_MAX_SPEED  # mm/s at 100 % (a plant variant may change it)
        self.track: Track | None = None  # set when the belt is laid into a track
        self.photo_eyes: dict[str, PhotoEye] = {}
        self.bearing_wear = 0.0  # fault level (about 1 per hour of wear)
        self.overload = False
        self.heat = 0.0  # overload relay's thermal memory, A^2 s above rating
        self._rng = rng
        self._current_channel = channel_id(f"{name}.current")
        self._vibration_channel = channel_id(f"{name}.vibration")
        self._eye_positions = dict(eyes or {})
        self._started_tick = 0

    # --- the contract --------------------------------------------------------------
    def connect(self, line: Plant) -> None:
        """Place the photo-eyes on the belt's track."""
        if self.track is None:
            raise ValueError(f"{self.name} is not laid into a track")
        for eye, position in self._eye_positions.items():
            self.photo_eyes[eye] = PhotoEye(eye, self.track, self.offset + position)

    def sensor_names(self) -> tuple[str, ...]:
        """The motor's sensors, then the photo-eyes."""
        return self.SENSORS + tuple(self._eye_positions)

    @property
    def channels(self) -> dict[str, int]:
        return {f"{self.name}.current": self._current_channel, f"{self.name}.vibration": self._vibration_channel}

    def observed_state(self) -> tuple:
        return (self.running, self.belt_speed, self.current, self.overload)

    # --- per tick (phase "drive") ----------------------------------------------------
    def drive(self, ctx: TickContext) -> None:
        """Set the motor state and belt speed from the outputs, then the overload relay (start of tick)."""
        running = self.run and ctx.powered and not self.overload
        if running:
            if not self.running:
                self._started_tick = ctx.tick
            self.belt_speed = self.max_speed * self.speed * 0.01
        else:
            self.belt_speed = 0.0
        self.running = running
        if (self.heat > 0.0 or self.track.jams) and self.thermal_active:
            if self.update_thermal(ctx.dt):
                ctx.record_event(ctx.now, "overload_trip", detail=self.name)
        if self.running:
            ctx.motors_running = True
        elif self.overload:
            ctx.down = True

    def update_thermal(self, dt: float) -> bool:
        """Advance the overload relay (only while it has work); True if it tripped now."""
        if self.running:
            current = self._steady_current()
            self.heat += (current * current - layout.MOTOR_RATED_CURRENT**2) * dt
            if self.heat < 0.0:
                self.heat = 0.0
            if self.heat >= layout.MOTOR_TRIP_HEAT:
                self.overload = True
                self.running = False
                self.belt_speed = 0.0
                return True
        else:
            self.heat -= layout.MOTOR_COOL_RATE * dt
            if self.heat <= 0.0:
                self.heat = 0.0
                self.overload = False
        return False

    @property
    def thermal_active(self) -> bool:
        """True if the overload relay needs stepping (hot, or a jammed part aboard)."""
        return self.heat > 0.0 or (self.track is not None and self.track.jams > 0 and self.track.has_jam(self))

    def _steady_current(self) -> float:
        """Motor current without inrush and noise, A."""
        load, slip, jammed = self.track.load_on(self) if self.track is not None else (0.0, 0.0, 0.0)
        return (
            layout.MOTOR_IDLE_CURRENT
            + layout.MOTOR_SPEED_CURRENT * self.speed * 0.01
            + layout.MOTOR_LOAD_CURRENT * load
            + layout.MOTOR_SLIP_CURRENT * slip
            + layout.MOTOR_JAM_CURRENT * (1.0 if jammed else 0.0)
            + layout.MOTOR_WEAR_CURRENT * self.bearing_wear
        )

    @property
    def current(self) -> float:
        """Motor current, A: no-load + speed + load + slip + jam + wear + inrush, with noise."""
        if not self.running:
            return 0.0
        rng = self._rng
        since_start = (rng.tick - self._started_tick) * layout.TIME_STEP
        inrush = layout.MOTOR_INRUSH_CURRENT * math.exp(-since_start / layout.MOTOR_INRUSH_TAU)
        current = self._steady_current() + inrush + layout.MOTOR_CURRENT_NOISE * rng.noise_at(self._current_channel)
        return current if current > 0.0 else 0.0

    @property
    def vibration(self) -> float:
        """Vibration velocity at the motor bearing, mm/s RMS."""
        base = layout.VIBRATION_RUNNING if self.running else layout.VIBRATION_STOPPED
        if self.running:
            base += layout.VIBRATION_WEAR * self.bearing_wear
        value = base * (1.0 + layout.VIBRATION_NOISE * self._rng.noise_at(self._vibration_channel))
        return value if value > 0.0 else 0.0

    def __getattr__(self, name: str) -> bool:
        # photo-eyes read as attributes: conveyor1.photo_eye_exit
        eyes = object.__getattribute__(self, "photo_eyes")
        if name in eyes:
            return eyes[name].blocked
        raise AttributeError(name)


class Track:
    """A run of one or more belts laid end to end that parts travel along.

    Parts are kept front first (largest ``lead`` first). A part moves at the
    speed of the belt under its centre, never into the part ahead, and never
    past an engaged stop. At the end of the track a part either drops off
    (the outfeed) or waits against an end stop for the next station to take it.

    The track moves its parts in the ``transport`` phase of the tick. Its
    stops (``stops``) are the :class:`~factorylab.plant.station.TrackStop`
    places its stations declare; ``limits`` holds the limit functions of
    those engaged now.
    """

    phases = ("transport",)

    __slots__ = (
        "name",
        "belts",
        "length",
        "parts",
        "end_stop",
        "stops",
        "limits",
        "jams",
        "_boundaries",
        "_split",
        "_settled",
        "_end_limit",
    )

    def __init__(self, name: str, belts: list[Conveyor], *, end_stop: bool) -> None:
        self.name = name
        self.belts = belts
        offset = 0.0
        for belt in belts:
            belt.offset = offset
            belt.track = self
            offset += belt.length
        self.length = offset
        self.parts: list[Part] = []
        self.end_stop = end_stop
        self.jams = 0  # jammed parts on this track (kept by the fault manager)
        self._settled = 0  # front parts resting nose to tail against the end
        self._end_limit = self.length if end_stop else math.inf  # where the front part must stop
        #: stops the stations declared on this track (collected when the line is assembled)
        self.stops: list[TrackStop] = []
        #: the engaged stops' limits: callables returning the lead limit for a part, or None
        self.limits: list[Callable[[Part], float | None]] = []
        self._boundaries = [(belt.offset + belt.length, belt) for belt in belts]
        if len(belts) > 2:
            raise ValueError("a track has one or two belts")
        self._split = belts[0].length if len(belts) == 2 else math.inf

    def belt_at(self, position: float) -> Conveyor:
        """The belt under a track position (mm)."""
        for end, belt in self._boundaries:
            if position < end:
                return belt
        return self.belts[-1]

    def covers(self, position: float) -> Part | None:
        """The part whose body covers a track position (mm), if any."""
        for part in self.parts:
            if part.lead >= position:
                if part.lead - part.length <= position:
                    return part
            else:
                return None  # parts are front first: the rest are behind
        return None

    def entry_clear(self, length: float) -> bool:
        """True if a part of ``length`` mm fits at the start of the track."""
        parts = self.parts
        return not parts or parts[-1].lead - parts[-1].length >= length

    def add(self, part: Part, now: float) -> None:
        """Place a part at the start of the track (tail at 0) at time ``now`` (s)."""
        part.lead = part.length
        part.lateral = 0.0
        part.belt = 0
        part.move_to(self.belts[0].name, now)
        self.parts.append(part)

    # a station hands parts to the start of the track (Receiver)
    def can_take(self, part: Part) -> bool:
        """True if ``part`` fits at the start of the track."""
        return self.entry_clear(part.length)

    put = add

    # --- stops ---------------------------------------------------------------------
    def add_stop(self, stop: TrackStop) -> None:
        """Collect a station's stop (when the line is assembled)."""
        if stop.track is not self:
            raise ValueError(f"the stop of {stop.owner} stands on track {stop.track.name}, not on {self.name}")
        if not 0.0 <= stop.position <= self.length:
            raise ValueError(f"the stop of {stop.owner} at {stop.position} mm is off track {self.name}")
        if stop not in self.stops:
            self.stops.append(stop)
            self.refresh_limits()

    def refresh_limits(self) -> None:
        """Take up the stops engaged now (a stop calls it when it is engaged or released)."""
        self.limits = [stop.limit for stop in self.stops if stop.engaged]

    # --- per tick (phase "transport") --------------------------------------------------
    def transport(self, ctx: TickContext) -> None:
        """Advance all parts by one tick (``ctx.dt``).

        A part whose centre passes the end of a drop-off track leaves it and
        finishes at the outfeed (``ctx.finish``); a part that moved raises
        ``ctx.working``. The end of the line is a drop-off unless the track
        has an end stop or ``ctx.outfeed_blocked``.
        """
        parts = self.parts
        drop_off = not (self.end_stop or ctx.outfeed_blocked)
        self._end_limit = math.inf if drop_off else self.length
        if not parts:
            return
        dt = ctx.dt
        now = ctx.end
        limit = self._end_limit
        engaged = self.limits  # the engaged stops' limit functions
        moved = False
        # Parts queued nose to tail against the end stop cannot move until the
        # front one is taken away: skip them (an accumulating belt is common).
        settled = 0 if (drop_off or engaged) else self._settled
        if settled:
            ahead = parts[settled - 1]
            limit = ahead.lead - ahead.length
        todo = itertools.islice(parts, settled, None) if settled else parts
        if self._split == math.inf:  # one belt: every part moves at its speed
            step = self.belts[0].belt_speed * dt
            if step == 0.0:
                return  # the belt stands: nothing moves
            for part in todo:
                lead = part.lead
                if part.held or part.jammed:  # held by the pusher or stuck: the belt slides underneath
                    limit = lead - part.length
                    continue
                new_lead = lead + step
                if engaged:
                    for stop in engaged:
                        stop_at = stop(part)
                        if stop_at is not None and new_lead > stop_at:
                            new_lead = stop_at if stop_at > lead else lead
                if new_lead > limit:
                    new_lead = limit if limit > lead else lead
                if new_lead != lead:
                    moved = True
                    part.lead = new_lead
                limit = new_lead - part.length
        else:  # two belts: a part moves at the speed of the belt under its centre
            belts = self.belts
            split = self._split
            step0 = belts[0].belt_speed * dt
            step1 = belts[1].belt_speed * dt
            for part in todo:
                lead = part.lead
                length = part.length
                if lead - 0.5 * length < split:
                    index = 0
                    step = step0
                else:
                    index = 1
                    step = step1
                if part.belt != index:
                    part.belt = index
                    part.move_to(belts[index].name, now)
                if part.held or part.jammed:
                    limit = lead - length
                    continue
                new_lead = lead + step
                if engaged:
                    for stop in engaged:
                        stop_at = stop(part)
                        if stop_at is not None and new_lead > stop_at:
                            new_lead = stop_at if stop_at > lead else lead
                if new_lead > limit:
                    new_lead = limit if limit > lead else lead
                if new_lead != lead:
                    moved = True
                    part.lead = new_lead
                limit = new_lead - length
        if drop_off or engaged:
            self._settled = 0
        else:
            count = len(parts)
            edge = self.length if settled == 0 else parts[settled - 1].lead - parts[settled - 1].length
            while settled < count and parts[settled].lead == edge:
                edge = parts[settled].lead - parts[settled].length
                settled += 1
            self._settled = settled
        if moved:
            ctx.working = True
        if drop_off:
            end = self.length
            head = parts[0]
            if head.lead - 0.5 * head.length >= end:
                finish = ctx.finish
                while parts and parts[0].lead - 0.5 * parts[0].length >= end:
                    finish(parts.pop(0), "outfeed", now)

    def load_on(self, belt: Conveyor) -> tuple[float, float, bool]:
        """Weight on ``belt`` and weight held back on it (slipping), both kg, and
        whether a jammed part is aboard.

        A part slips when something holds it while the belt runs: the pusher,
        a jam, the end stop, a stop, or the part ahead it rests against.
        """
        index = self.belts.index(belt)
        load = slip = 0.0
        jammed = False
        limit = self._end_limit
        engaged = self.limits  # the engaged stops' limit functions
        for part in self.parts:
            if part.belt == index:
                load += part.weight
                blocked = part.held or part.jammed or part.lead >= limit - 1e-9
                if not blocked and engaged:
                    for stop in engaged:
                        at = stop(part)
                        if at is not None and part.lead >= at - 1e-9:
                            blocked = True
                if blocked:
                    slip += part.weight
                    jammed = jammed or part.jammed
            limit = part.lead - part.length
        return load, slip, jammed

    def has_jam(self, belt: Conveyor) -> bool:
        """True if a jammed part sits on ``belt``."""
        index = self.belts.index(belt)
        return any(part.jammed and part.belt == index for part in self.parts)

    def front_part_on(self, belt: Conveyor) -> Part | None:
        """The front-most part whose centre is on ``belt`` now.

        Judged by the part's position, not by ``part.belt`` (which :meth:`move`
        updates at the start of the next tick): a part whose centre has just
        crossed onto the second belt is no longer on the first.
        """
        index = self.belts.index(belt)
        split = self._split
        for part in self.parts:
            on = part.belt if split == math.inf else (0 if part.lead - 0.5 * part.length < split else 1)
            if on == index:
                return part
        return None

    def take_front(self) -> Part:
        """Remove the front part (a station takes it off the end stop)."""
        self._settled = 0
        return self.parts.pop(0)

    def remove(self, part: Part) -> None:
        """Take ``part`` off the track from wherever it is (the pusher pushed it off).

        The queue resting against the end is counted again from the front:
        the parts behind a gap are no longer settled.
        """
        self._settled = 0
        self.parts.remove(part)

    def front_at_end(self) -> bool:
        """True if the front part rests against the end stop."""
        return bool(self.parts) and self.parts[0].lead >= self.length - 1e-6 and not self.parts[0].jammed


class PhotoEye:
    """A through-beam photo-eye across the belt at a fixed position.

    ``blocked`` is True while a part's body is in the beam. Blocked time for a
    part moving at a steady belt speed is therefore length / speed.
    """

    __slots__ = ("name", "track", "position")

    def __init__(self, name: str, track: Track, position: float) -> None:
        self.name = name
        self.track = track
        self.position = position  # on the track, mm

    @property
    def blocked(self) -> bool:
        """True while a part breaks the beam."""
        return self.track.covers(self.position) is not None


def lay_tracks(belts: list[Conveyor], machines_between: bool) -> tuple[Track | None, Track | None, list[Track]]:
    """Lay the belts into tracks: one through both belts, or one per belt with machines between.

    Args:
        belts: the line's belts, in line order (conveyor1, conveyor2).
        machines_between: a station sits between the belts (the CNC, the oven).

    Returns:
        The infeed track (the feeder's), the outfeed track (through the last
        belt: the sorter's and the inspection's), and all tracks downstream
        first, the order in which they move. Without belts: None, None, [].
    """
    if machines_between:
        infeed = Track("infeed", belts[:1], end_stop=True)
        outfeed = Track("outfeed", belts[1:2], end_stop=False)
        return infeed, outfeed, [outfeed, infeed]
    if belts:
        main = Track("main", list(belts), end_stop=False)
        return main, main, [main]
    return None, None, []


def _belt_spec(name: str, length: float, requires: tuple[str, ...] = ()) -> StationSpec:
    """The spec of a belt ``name`` of ``length`` mm, with the photo-eyes of :data:`layout.PHOTO_EYES`."""

    def build(kit: BuildContext) -> Conveyor:
        settings = getattr(kit.scenario, name)
        conveyor = Conveyor(name, length, kit.rng, eyes=layout.PHOTO_EYES[name], speed=settings.speed, run=settings.run)
        conveyor.max_speed = kit.variant.belt_speed
        return conveyor

    build.__doc__ = f"{name} of a scenario: its photo-eyes, start speed and run command, the variant's belt speed."
    return StationSpec(
        name,
        build,
        requires=requires,
        sensors=Conveyor.SENSORS + tuple(layout.PHOTO_EYES[name]),
        fault_kinds=("jam", "bearing_wear"),
        sensor_group=1,
    )


CONVEYOR1 = _belt_spec("conveyor1", layout.CONVEYOR1_LENGTH)
CONVEYOR2 = _belt_spec("conveyor2", layout.CONVEYOR2_LENGTH, requires=("conveyor1",))
