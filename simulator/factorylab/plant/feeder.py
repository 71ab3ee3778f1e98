"""The feeder that places new parts at the start of conveyor1."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import layout
from .cnc import DIAMETER_SD, GRADE_SHARE, GRADES, NOMINAL_DIAMETER
from .parts import Part
from .rng import PlantRandom
from .station import BuildContext, Station, StationSpec, TickContext

if TYPE_CHECKING:  # pragma: no cover
    from .conveyor import Track
    from .plant import Plant

#: Free space (mm) the feeder needs behind the last part before it places one.
FEED_GAP = 20.0
BLANK_DIAMETER = 20.5  # mm, before machining
SOFT_HARDNESS = 28.0  # HRC, before heat treatment


class Feeder(Station):
    """A magazine feeder with a placing cylinder.

    Controller outputs:
        run: feed parts while True.
        interval: seconds between parts (1.0 .. 60.0).
        select: which magazine: 0 = the scenario's mix of A and B, 1 = type A
            only, 2 = type B only.

    While running (and powered) it places a part every ``interval`` seconds,
    the first one at once, but only when the start of the belt is clear; when
    it is not, it waits and places the part as soon as it is. Parts are type B
    with probability ``type_b_share``, else type A; their length and weight
    scatter a little around the type's nominal values. Each part also gets an
    AI4I product grade (L / M / H for 50 / 30 / 20 %).

    Stock: on a line with the CNC, parts arrive as oversized blanks (20.5 mm)
    for it to machine; without it they arrive finished (20.000 +/- 0.012 mm).
    On a line with the oven they arrive soft (28 HRC) to be heat-treated;
    without it they arrive hardened (46 +/- 1 HRC).

    It places parts at the start of the line's infeed track, in the ``feed``
    phase; its randomness comes from the plant's stream.
    """

    phases = ("feed",)

    __slots__ = (
        "name",
        "track",
        "_rng",
        "run",
        "interval",
        "select",
        "type_b_share",
        "blank_stock",
        "soft_stock",
        "_timer",
        "_was_feeding",
        "_lengths",
    )

    def __init__(
        self,
        rng: PlantRandom,
        *,
        name: str = "feeder",
        interval: float = 4.0,
        type_b_share: float = 0.3,
        run: bool = False,
        blank_stock: bool = False,
        soft_stock: bool = False,
    ) -> None:
        self.name = name
        self.track: Track | None = None  # the infeed track (set by connect)
        self._rng = rng
        self.run = run
        self.interval = interval
        self.select = 0
        self.type_b_share = type_b_share
        self.blank_stock = blank_stock
        self.soft_stock = soft_stock
        self._timer = 0.0
        self._was_feeding = False
        self._lengths = max(t["length"] for t in layout.PART_TYPES.values()) + 5.0

    def connect(self, line: Plant) -> None:
        """Feed the start of the line's infeed track."""
        if line.infeed_track is None:
            raise ValueError(f"{self.name} has no track to feed")
        self.track = line.infeed_track

    def feed(self, ctx: TickContext) -> None:
        """Phase "feed": advance the feed timer; place a new part on the track when it is due and there is room."""
        if not (self.run and ctx.powered):
            self._was_feeding = False
            return
        if self._was_feeding:
            self._timer += ctx.dt
        else:
            self._was_feeding = True
            self._timer = self.interval  # a fresh start feeds at once
        track = self.track
        if self._timer + 1e-9 < self.interval or not track.entry_clear(self._lengths + FEED_GAP):
            return
        self._timer = 0.0
        rng = self._rng
        is_b = rng.chance(self.type_b_share)
        if self.select:
            is_b = self.select == 2
        kind = "B" if is_b else "A"
        spec = layout.PART_TYPES[kind]
        part = Part(
            id=ctx.next_part_id,
            kind=kind,
            colour=spec["colour"],
            length=spec["length"] + rng.normal(0.0, layout.PART_LENGTH_SD),
            weight=spec["weight"] + rng.normal(0.0, layout.PART_WEIGHT_SD),
            grade=GRADES[rng.choice_index(GRADE_SHARE)],
        )
        stock_dimension = rng.normal(NOMINAL_DIAMETER, DIAMETER_SD)
        stock_hardness = rng.normal(46.0, 1.0)
        part.dimension = BLANK_DIAMETER if self.blank_stock else stock_dimension
        part.hardness = SOFT_HARDNESS if self.soft_stock else stock_hardness
        end = ctx.end
        track.add(part, end)
        ctx.part_fed(part, end)


def build(kit: BuildContext) -> Feeder:
    """The feeder of a scenario: blanks for a line with the CNC, soft parts for one with the oven."""
    settings = kit.scenario.feeder
    return Feeder(
        kit.rng,
        interval=settings.interval,
        type_b_share=settings.type_b_share,
        run=settings.run,
        blank_stock=kit.scenario.has("cnc"),
        soft_stock=kit.scenario.has("oven"),
    )


SPEC = StationSpec("feeder", build, requires=("conveyor1",))
