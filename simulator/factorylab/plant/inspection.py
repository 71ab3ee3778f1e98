"""Inspection: a gauge over conveyor2 that measures each passing part.

When a part's centre passes the gauge (conveyor2, 300 mm), the station
measures its diameter, weight and hardness, each with gauge noise, and
compares them with the specification. The measured values and the verdict
stay on the outputs until the next part.

Measurement noise (sd): diameter 0.005 mm, weight 1 g, hardness 0.4 HRC.
Specification: diameter 20.00 +/- 0.10 mm; hardness 42..52 HRC, checked only
on lines with the heat-treatment oven. Because of the noise a part close to a
limit can be misjudged either way, as on a real gauge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cnc import DIAMETER_TOLERANCE, NOMINAL_DIAMETER
from .layout import INSPECTION_POSITION
from .parts import Part
from .rng import PlantRandom
from .station import BuildContext, Station, StationSpec, TickContext

if TYPE_CHECKING:  # pragma: no cover
    from .conveyor import Track
    from .plant import Plant

DIMENSION_NOISE = 0.005  # mm
WEIGHT_NOISE = 1.0  # g
HARDNESS_NOISE = 0.4  # HRC
HARDNESS_LIMITS = (42.0, 52.0)  # HRC


class Inspection(Station):
    """Measuring station over conveyor2 (:data:`~factorylab.plant.layout.INSPECTION_POSITION`).

    Measurements (of the last part measured):
        part_id: id of the part (0 before the first).
        dimension: diameter, mm.
        weight: g.
        hardness: HRC.
        reject: True if the measured values are out of specification.
        measured_count: parts measured so far.

    It measures in the ``measure`` phase, after the parts have moved; the
    gauge noise comes from the plant's stream.
    """

    #: on/off sensor attributes (targets for stuck-sensor faults)
    SENSORS = ("reject",)
    phases = ("measure",)

    __slots__ = (
        "name",
        "track",
        "position",
        "check_hardness",
        "part_id",
        "dimension",
        "weight",
        "hardness",
        "reject",
        "measured_count",
        "_rng",
        "_last_id",
    )

    def __init__(self, rng: PlantRandom, *, check_hardness: bool, name: str = "inspection") -> None:
        self.name = name
        self.track: Track | None = None  # the track through conveyor2 (set by connect)
        self.position = 0.0  # the gauge on the track, mm
        self.check_hardness = check_hardness
        self.part_id = 0
        self.dimension = 0.0
        self.weight = 0.0
        self.hardness = 0.0
        self.reject = False
        self.measured_count = 0
        self._rng = rng
        self._last_id = 0

    def connect(self, line: Plant) -> None:
        """Stand over conveyor2."""
        belt = line.conveyor("conveyor2")
        self.track = belt.track
        self.position = belt.offset + INSPECTION_POSITION

    def measure(self, ctx: TickContext) -> None:
        """Phase "measure": measure the part whose centre has just passed the gauge, if any."""
        position = self.position
        for part in self.track.parts:
            centre = part.lead - 0.5 * part.length
            if centre < position:
                return  # parts are front first: the rest are further back
            if part.measured is None and not part.held:
                self._measure(part, ctx.end)
                ctx.record_event(ctx.end, "part_at", part.id, "inspection")
                return

    def _measure(self, part: Part, now: float) -> None:
        rng = self._rng
        dimension = part.dimension + rng.normal(0.0, DIMENSION_NOISE)
        weight = part.weight * 1000.0 + rng.normal(0.0, WEIGHT_NOISE)
        hardness = part.hardness + rng.normal(0.0, HARDNESS_NOISE)
        ok = abs(dimension - NOMINAL_DIAMETER) <= DIAMETER_TOLERANCE
        if self.check_hardness:
            ok = ok and HARDNESS_LIMITS[0] <= hardness <= HARDNESS_LIMITS[1]
        part.measured = (dimension, weight, hardness)
        part.inspected_ok = ok
        part.history.append((now, "inspection"))
        self.part_id = part.id
        self.dimension = dimension
        self.weight = weight
        self.hardness = hardness
        self.reject = not ok
        self.measured_count += 1


def build(kit: BuildContext) -> Inspection:
    """The gauge of a scenario: it checks hardness on a line with the oven."""
    return Inspection(kit.rng, check_hardness=kit.scenario.has("oven"))


SPEC = StationSpec("inspection", build, requires=("conveyor2",), sensors=Inspection.SENSORS)
