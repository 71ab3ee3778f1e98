"""The sorter: a colour sensor and a pneumatic pusher over conveyor2."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import layout
from .conveyor import PhotoEye, Track
from .parts import Part
from .station import BuildContext, Station, StationSpec, TickContext, TrackStop

if TYPE_CHECKING:  # pragma: no cover
    from .plant import Plant

_NONE: list[Part] = []  # shared empty result; never mutated
_HALF_PART = 0.5 * layout.PART_WIDTH
_HALF_HEAD = 0.5 * layout.PUSHER_HEAD_WIDTH
_BELT_EDGE = 0.5 * layout.BELT_WIDTH


class Sorter(Station):
    """Colour sensor, pusher with limit switches, and the reject bin.

    Controller output:
        extend: the pusher's solenoid valve (True = extend, False = retract;
            a spring-return valve, as on most trainers).

    Sensors:
        photo_eye: True while a part is in front of the pusher head.
        type_b: True while a blue (type B) part is in front of the colour sensor.
        extended / retracted: limit switches at the two ends of the stroke.

    Physics: the head takes ``stroke_time`` seconds for a full stroke either
    way. A part whose centre is within the head's width when the head reaches
    it is pushed across the belt and falls into the reject bin once its centre
    passes the belt edge (70 % of the stroke). A part only clipped by the head
    is knocked along the belt clear of it. A part that reaches the head while
    the head is out waits against its side. If the head retracts before the
    part falls, the part is left where it is, off-centre, and rides on.

    The head moves in the ``machine`` phase; while it reaches over the belt
    it engages its stop on the track (``stops``), which holds back the parts
    upstream of it. The parts it pushed off finish in the reject bin in the
    ``deliver`` phase, after the belts have moved.
    """

    #: on/off sensor attributes (targets for stuck-sensor faults)
    SENSORS = ("photo_eye", "type_b", "extended", "retracted")
    phases = ("machine", "deliver")

    __slots__ = (
        "name",
        "stop",
        "_pushed",
        "track",
        "position",
        "stroke_time",
        "extend",
        "stroke",
        "extended",
        "retracted",
        "photo_eye_sensor",
        "colour_position",
        "glancing_hits",
        "_face",
        "_holding",
    )

    def __init__(self, *, stroke_time: float = 0.4, name: str = "sorter") -> None:
        self.name = name
        self.track: Track | None = None  # the track through conveyor2 (set by connect)
        self.position = 0.0  # pusher centre on the track, mm
        self.colour_position = 0.0  # colour sensor on the track, mm
        self.photo_eye_sensor: PhotoEye | None = None
        self.stop: TrackStop | None = None
        self._pushed: list[Part] = _NONE  # pushed off this tick, for the reject bin
        self.stroke_time = stroke_time
        self.extend = False
        self.stroke = 0.0  # 0 = retracted, 1 = fully extended
        self.extended = False
        self.retracted = True
        self.glancing_hits = 0
        self._face = layout.PUSHER_REST_FACE
        self._holding = 0  # parts the head is holding now

    @property
    def photo_eye(self) -> bool:
        """True while a part is in front of the pusher."""
        return self.photo_eye_sensor.blocked

    @property
    def type_b(self) -> bool:
        """True while a blue (type B) part is in front of the colour sensor."""
        part = self.track.covers(self.colour_position)
        return part is not None and part.kind == "B"

    @property
    def face(self) -> float:
        """Lateral position of the head face, mm (belt spans -60 .. +60)."""
        return self._face

    # --- the contract --------------------------------------------------------------
    def connect(self, line: Plant) -> None:
        """Stand over conveyor2: pusher, its photo-eye and stop, colour sensor."""
        belt = line.conveyor("conveyor2")
        track = belt.track
        self.track = track
        self.position = belt.offset + layout.PUSHER_POSITION
        self.colour_position = belt.offset + layout.COLOUR_SENSOR
        self.photo_eye_sensor = PhotoEye("photo_eye", track, self.position)
        self.stop = TrackStop(self.name, track, self.position - _HALF_HEAD, self._stop)

    @property
    def stops(self) -> tuple[TrackStop, ...]:
        return () if self.stop is None else (self.stop,)

    def observed_state(self) -> tuple:
        return (self.stroke,)

    # --- per tick --------------------------------------------------------------------
    def machine(self, ctx: TickContext) -> None:
        """Phase "machine": move the head and the parts it touches.

        Parts it pushes off the belt leave the track now and finish in the
        reject bin in the ``deliver`` phase.
        """
        stroke = self.stroke
        powered = ctx.powered
        if stroke == 0.0 and not (self.extend and powered) and not self._holding:
            return  # at rest: nothing moves, nothing touches a part
        dt = ctx.dt
        if self.extend and powered:
            stroke = min(1.0, stroke + dt / self.stroke_time)
        else:
            stroke = max(0.0, stroke - dt / self.stroke_time)
        retracting = stroke < self.stroke
        self.stroke = stroke
        self.extended = stroke >= 1.0
        self.retracted = stroke <= 0.0
        face = layout.PUSHER_REST_FACE + stroke * layout.PUSHER_STROKE
        self._face = face
        track = self.track
        if face <= -_BELT_EDGE and not self._holding:
            self.stop.set(False)
            return
        low = self.position - _HALF_HEAD
        high = self.position + _HALF_HEAD
        pushed: list[Part] = []
        parts = track.parts
        for index, part in enumerate(parts):
            if part.lead <= low:
                break  # this and all later parts are upstream of the head
            if part.lead - part.length >= high:
                continue  # downstream of the head
            if part.held:
                if retracting:
                    part.held = False  # the head pulls away; the part stays
                    self._holding -= 1
                else:
                    part.lateral = max(part.lateral, face + _HALF_PART)
                    if part.lateral > _BELT_EDGE:
                        pushed.append(part)
                continue
            if face > part.lateral - _HALF_PART and not retracting:
                centre = part.lead - 0.5 * part.length
                if low <= centre <= high:
                    part.held = True
                    self._holding += 1
                    part.lateral = face + _HALF_PART
                else:
                    self.glancing_hits += 1
                    self._knock_clear(parts, index, part, centre > self.position, low, high)
        for part in pushed:
            part.held = False
            self._holding -= 1
            track.remove(part)  # not parts.remove: the track must recount its queue
        self.stop.set(face > -_BELT_EDGE)
        if pushed:
            self._pushed = pushed
            ctx.working = True

    def deliver(self, ctx: TickContext) -> None:
        """Phase "deliver": the parts pushed off this tick finish in the reject bin."""
        pushed = self._pushed
        if pushed:
            self._pushed = _NONE
            finish = ctx.finish
            end = ctx.end
            for part in pushed:
                finish(part, "reject_bin", end)

    def _stop(self, part: Part) -> float | None:
        """Lead limit for a part upstream of an extended head."""
        low = self.position - _HALF_HEAD
        if part.lead <= low + 1e-9 and self._face > part.lateral - _HALF_PART:
            return low
        return None

    @staticmethod
    def _knock_clear(parts: list[Part], index: int, part: Part, forward: bool, low: float, high: float) -> None:
        """Move a clipped part along the belt out of the head's width."""
        if forward:
            new_lead = high + part.length
            if index > 0:
                new_lead = min(new_lead, parts[index - 1].lead - parts[index - 1].length)
            part.lead = max(part.lead, new_lead)
        else:
            part.lead = low
            ahead = part
            for behind in parts[index + 1 :]:
                ahead_tail = ahead.lead - ahead.length
                if behind.lead <= ahead_tail:
                    break
                behind.lead = ahead_tail
                ahead = behind


def build(kit: BuildContext) -> Sorter:
    """The sorter of a scenario: its stroke time."""
    return Sorter(stroke_time=kit.scenario.sorter.stroke_time)


SPEC = StationSpec("sorter", build, requires=("conveyor2",), sensors=Sorter.SENSORS)
