"""An immutable picture of the running line at one tick, for readers in other threads.

The runtime's thread owns the plant. A reader elsewhere (the window) never
reads the live plant: it takes the latest :class:`Snapshot`, whose ``plant``
is a detached copy made between two ticks that nobody steps or changes.
Copies are made lazily: only when a reader took the previous one, and at
most ``rate`` times per second of wall time (see
:class:`~factorylab.runtime.loop.Runtime`), so fast-forward does not pay for
pictures nobody looks at.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from ..plant import Plant
from ..tags import TagTable, tags_for


@dataclass(frozen=True)
class Snapshot:
    """The line at one tick.

    Attributes:
        version: increases with every snapshot published by one runtime.
        tick: the plant's tick count (0.05 s each).
        time: simulated time, s.
        speed: real-time factor of the run (1 = real time).
        paused: the real-time run is paused.
        plant: a detached copy of the plant at that tick: read it, never change it.
    """

    version: int
    tick: int
    time: float
    speed: float
    paused: bool
    plant: Plant = field(repr=False, compare=False)

    @classmethod
    def of(cls, plant: Plant, *, version: int = 0, speed: float = 1.0, paused: bool = False) -> Snapshot:
        """A snapshot of ``plant`` as it is now (copies it; call between two ticks)."""
        return cls(version, plant.tick, plant.time, speed, paused, freeze(plant))

    def value(self, name: str, tags: TagTable | None = None) -> Any:
        """A tag's value as a Modbus client reads it at this tick (KeyError for a tag the plant lacks)."""
        table = tags if tags is not None else tags_for(self.plant)
        return table[name].reader(self.plant)


def freeze(plant: Plant) -> Plant:
    """A detached copy of ``plant`` (its scenario, which never changes, is shared)."""
    return copy.deepcopy(plant, {id(plant.scenario): plant.scenario})
