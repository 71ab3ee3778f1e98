"""The feeder that places new parts at the start of conveyor1."""

from __future__ import annotations

from . import layout
from .conveyor import Track
from .parts import Part
from .rng import PlantRandom

#: Free space (mm) the feeder needs behind the last part before it places one.
FEED_GAP = 20.0


class Feeder:
    """A magazine feeder with a placing cylinder.

    Controller outputs:
        run: feed parts while True.
        interval: seconds between parts (1.0 .. 60.0).

    While running (and powered) it places a part every ``interval`` seconds,
    the first one at once, but only when the start of the belt is clear; when
    it is not, it waits and places the part as soon as it is. Parts are type B
    with probability ``type_b_share``, else type A; their length and weight
    scatter a little around the type's nominal values.
    """

    __slots__ = ("run", "interval", "type_b_share", "_timer", "_was_feeding", "_lengths")

    def __init__(self, *, interval: float = 4.0, type_b_share: float = 0.3, run: bool = False) -> None:
        self.run = run
        self.interval = interval
        self.type_b_share = type_b_share
        self._timer = 0.0
        self._was_feeding = False
        self._lengths = max(t["length"] for t in layout.PART_TYPES.values()) + 5.0

    def step(self, dt: float, powered: bool, track: Track, rng: PlantRandom, next_id: int) -> Part | None:
        """Advance the feed timer; return a new part placed on the track, if any."""
        if not (self.run and powered):
            self._was_feeding = False
            return None
        if self._was_feeding:
            self._timer += dt
        else:
            self._was_feeding = True
            self._timer = self.interval  # a fresh start feeds at once
        if self._timer + 1e-9 < self.interval or not track.entry_clear(self._lengths + FEED_GAP):
            return None
        self._timer = 0.0
        kind = "B" if rng.chance(self.type_b_share) else "A"
        spec = layout.PART_TYPES[kind]
        part = Part(
            id=next_id,
            kind=kind,
            colour=spec["colour"],
            length=spec["length"] + rng.normal(0.0, layout.PART_LENGTH_SD),
            weight=spec["weight"] + rng.normal(0.0, layout.PART_WEIGHT_SD),
        )
        track.add(part)
        return part
