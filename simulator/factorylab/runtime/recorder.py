"""The recorder: tag values of the running line into the historian (an SQLite file)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..data.historian import Historian
from ..errors import FactoryLabError
from ..plant import Plant
from ..tags import Tag
from .loop import Attachment, Runtime


class Recorder(Attachment):
    """Records ``tags`` every ``every`` simulated seconds while the line runs.

    A full disk stops the recording (``on_stop`` is told once, with the
    historian's bilingual error); the line and its servers go on.

    Args:
        path: the SQLite file (see :class:`~factorylab.data.historian.Historian`).
        tags: what to record.
        every: simulated seconds between rows, rounded to whole ticks (at least one tick).
        on_stop: called once with the error if recording has to stop.
    """

    def __init__(
        self,
        path: str | Path,
        tags: Sequence[Tag],
        every: float = 1.0,
        *,
        on_stop: Callable[[FactoryLabError], Any] | None = None,
    ) -> None:
        self.path = path
        self.tags = list(tags)
        self.every = every
        self.on_stop = on_stop
        self.historian: Historian | None = None
        self._readers = [tag.reader for tag in self.tags]
        self._ticks = 1
        self._last = -1

    async def start(self, runtime: Runtime) -> None:
        """Open the file (FactoryLabError: other tags already in it, an older format ...)."""
        plant = runtime.plant
        meta = {"scenario": plant.scenario.id, "seed": plant.seed, "variant": plant.variant.number}
        self.historian = Historian(self.path, self.tags, meta, on_stop=self.on_stop)
        self._ticks = max(1, round(self.every / plant.dt))

    async def on_tick(self, plant: Plant) -> None:
        """A row each time the tick count passes a multiple of ``every`` (once, if a wake-up ran several)."""
        slot = plant.tick // self._ticks
        if slot != self._last and self.historian is not None:
            self._last = slot
            self.historian.record(plant.time, [reader(plant) for reader in self._readers])

    async def stop(self) -> None:
        if self.historian is not None:
            self.historian.close()
