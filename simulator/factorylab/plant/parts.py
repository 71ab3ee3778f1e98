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
        stalled: True while the part is held back on a moving belt (it slips).
        belt: index of the belt under the part's centre on its track.
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
    stalled: bool = False
    belt: int = -1
    history: list[tuple[float, str]] = field(default_factory=list)

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
