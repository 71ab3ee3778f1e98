"""The sorter: a colour sensor and a pneumatic pusher over conveyor2."""

from __future__ import annotations

from . import layout
from .conveyor import PhotoEye, Track
from .parts import Part

_NONE: list[Part] = []  # shared empty result; never mutated
_HALF_PART = 0.5 * layout.PART_WIDTH
_HALF_HEAD = 0.5 * layout.PUSHER_HEAD_WIDTH
_BELT_EDGE = 0.5 * layout.BELT_WIDTH


class Sorter:
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
    """

    #: on/off sensor attributes (targets for stuck-sensor faults)
    SENSORS = ("photo_eye", "type_b", "extended", "retracted")

    __slots__ = (
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

    def __init__(self, track: Track, position: float, colour_position: float, *, stroke_time: float = 0.4) -> None:
        self.track = track
        self.position = position  # pusher centre on the track, mm
        self.colour_position = colour_position
        self.stroke_time = stroke_time
        self.extend = False
        self.stroke = 0.0  # 0 = retracted, 1 = fully extended
        self.extended = False
        self.retracted = True
        self.photo_eye_sensor = PhotoEye("photo_eye", track, position)
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

    def step(self, dt: float, powered: bool) -> list[Part]:
        """Move the head and the parts it touches.

        Returns:
            Parts pushed off the belt this tick (into the reject bin).
        """
        stroke = self.stroke
        if stroke == 0.0 and not (self.extend and powered) and not self._holding:
            return _NONE  # at rest: nothing moves, nothing touches a part
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
            track.stops = []
            return _NONE
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
            parts.remove(part)
        track.stops = [self._stop] if face > -_BELT_EDGE else []
        return pushed

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
