"""Run a plant in real time (x speed) while serving it over Modbus TCP."""

from __future__ import annotations

import asyncio
import math
from collections import deque
from collections.abc import Callable

from ..plant import Plant
from .server import PlantModbusServer

#: Ticks run in one go when the loop fell behind; beyond this the clock is
#: re-anchored (simulated time slips) rather than racing to catch up.
MAX_CATCH_UP = 200
#: How long before a tick is due the loop wakes up, s.
_EARLY_WAKE = 0.0015


class TickStats:
    """Lateness of real-time ticks: how long after its due time each tick ran."""

    def __init__(self, keep: int = 200_000) -> None:
        self.lateness: deque[float] = deque(maxlen=keep)
        self.ticks = 0
        self.slips = 0  # times the clock was re-anchored after falling far behind

    def percentile(self, q: float) -> float:
        """Lateness percentile ``q`` (0..100), seconds; 0 if no ticks yet."""
        if not self.lateness:
            return 0.0
        ordered = sorted(self.lateness)
        index = min(len(ordered) - 1, max(0, math.ceil(q / 100.0 * len(ordered)) - 1))
        return ordered[index]


class LiveSimulation:
    """Steps a plant against the wall clock and keeps the Modbus image fresh.

    Each tick: apply the client writes that arrived since the last tick, step
    the plant by 0.05 s, publish the new values. ``speed`` is the real-time
    factor (1 = real time, 10 = ten times faster).

    Args:
        plant: the plant to run.
        server: the Modbus server serving it (already started), or None.
        speed: real-time factor, 0.05..100.
        on_tick: called after every published tick (e.g. a recorder).
    """

    def __init__(
        self,
        plant: Plant,
        server: PlantModbusServer | None,
        speed: float = 1.0,
        on_tick: Callable[[Plant], None] | None = None,
    ) -> None:
        self.plant = plant
        self.server = server
        self.stats = TickStats()
        self.on_tick = on_tick
        self.paused = False
        self._speed = 1.0
        self._anchor: tuple[float, int] | None = None
        self.speed = speed

    @property
    def speed(self) -> float:
        """Real-time factor."""
        return self._speed

    @speed.setter
    def speed(self, value: float) -> None:
        if not 0.05 <= value <= 100.0:
            raise ValueError(f"speed must be between 0.05 and 100, got {value}")
        self._speed = float(value)
        self.plant.system.speed = self._speed
        self._anchor = None  # re-anchor the clock at the new speed

    def pause(self, paused: bool = True) -> None:
        """Pause or resume the plant (the server keeps answering)."""
        self.paused = paused
        self.plant.system.running = not paused
        self._anchor = None

    async def run(self) -> None:
        """Run until cancelled."""
        loop = asyncio.get_running_loop()
        plant = self.plant
        server = self.server
        stats = self.stats
        plant.system.running = not self.paused
        plant.system.speed = self._speed
        if server is not None:
            await server.publish()
        try:
            while True:
                if self.paused:
                    await asyncio.sleep(0.05)
                    if server is not None:
                        server.apply_writes()
                        await server.publish()
                    continue
                if self._anchor is None:
                    self._anchor = (loop.time(), plant.tick)
                anchor_time, anchor_tick = self._anchor
                period = plant.dt / self._speed
                due_time = anchor_time + (plant.tick - anchor_tick + 1) * period
                delay = due_time - loop.time()
                if delay > 0:
                    # The loop's timers wake up to 1 ms late (epoll rounds to
                    # whole ms): sleep until just before the due time, then
                    # yield to the loop until it comes.
                    if delay > _EARLY_WAKE:
                        await asyncio.sleep(delay - _EARLY_WAKE)
                    while loop.time() < due_time and self._anchor is not None:
                        await asyncio.sleep(0)
                    if self._anchor is None:
                        continue  # speed or pause changed while sleeping
                now = loop.time()
                stats.lateness.append(now - due_time)
                due_ticks = int((now - anchor_time) / period) - (plant.tick - anchor_tick)
                if due_ticks > MAX_CATCH_UP:
                    stats.slips += 1
                    self._anchor = (now, plant.tick + 1)
                    due_ticks = 1
                if server is not None:
                    server.apply_writes()
                for _ in range(max(1, due_ticks)):
                    plant.step()
                    stats.ticks += 1
                if server is not None:
                    await server.publish()
                if self.on_tick is not None:
                    self.on_tick(plant)
        finally:
            plant.system.running = False
