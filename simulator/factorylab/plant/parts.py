"""Parts: the workpieces that travel down the line."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(eq=False, slots=True)
class Part:
    """One workpiece.

    Attributes:
        id: sequence number from 1, in the order the feeder placed parts.
        kind: part type, ``"A"`` (red) or ``"B"`` (blue).
        colour: ``"red"`` or ``"blue"``.
        length: length along the belt, mm.
        weight: kg.
        lead: position of the leading edge on its track, mm.
        lateral: position of the part's centre across the belt, mm (0 = centred).
        location: where the part is now (``"conveyor1"``, ``"conveyor2"``,
            ``"pusher"``, ``"reject_bin"``, ``"outfeed"`` ...).
        history: ``(time_s, location)`` pairs, one per move to a new place, so a
            part's path can be traced by checks and the GUI.
        held: True while the pusher head holds the part.
        belt: index of the belt under the part's centre on its track.
        jammed: True while the part is stuck on its belt (a jam fault).
        grade: product quality L / M / H (AI4I).
        dimension: machined diameter, mm (true value).
        hardness: HRC (true value).
        defects: ground-truth defect causes, in the order they arose
            (``dimension``, ``machining``, ``soft``, ``overheated``).
        Process records (None where the station was not passed): CNC
        ``air_temperature``, ``process_temperature`` (K), ``torque`` (Nm),
        ``speed`` (rpm), ``tool_wear`` (min), ``failure_modes``; oven
        ``oven_in``, ``oven_out`` (s), ``peak_temperature`` (deg C), ``soak``
        (deg C * s); inspection ``measured`` (dimension mm, weight g,
        hardness HRC) and ``inspected_ok``.
    """

    id: int
    kind: str
    colour: str
    length: float
    weight: float
    lead: float = 0.0
    lateral: float = 0.0
    location: str = "feeder"
    held: bool = False
    jammed: bool = False
    belt: int = -1
    grade: str = "M"
    dimension: float = 20.0
    hardness: float = 46.0
    machined: bool = False
    ruined: bool = False
    defects: list[str] = field(default_factory=list)
    air_temperature: float | None = None
    process_temperature: float | None = None
    torque: float | None = None
    speed: float | None = None
    tool_wear: float | None = None
    failure_modes: list[str] | None = None
    oven_in: float | None = None
    oven_out: float | None = None
    temperature: float = 25.0
    peak_temperature: float | None = None
    soak: float | None = None
    measured: tuple[float, float, float] | None = None
    inspected_ok: bool | None = None
    history: list[tuple[float, str]] = field(default_factory=list)

    @property
    def good(self) -> bool:
        """True if the part has no defect (ground truth)."""
        return not self.defects

    @property
    def tail(self) -> float:
        """Position of the trailing edge, mm."""
        return self.lead - self.length

    @property
    def centre(self) -> float:
        """Position of the centre along the track, mm."""
        return self.lead - 0.5 * self.length

    def move_to(self, location: str, time: float) -> None:
        """Record that the part reached ``location`` at ``time`` (s)."""
        self.location = location
        self.history.append((time, location))
