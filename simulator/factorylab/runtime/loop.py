"""The running line: one loop that paces the plant to the wall clock.

Every wake-up of :meth:`Runtime.run`, in this order:

1. apply the queued commands (:meth:`Runtime.submit`: the window's clicks,
   pause, speed) and every attachment's queued inputs
   (:meth:`Attachment.before_tick`: a Modbus client's writes, the demo program);
2. step the plant as many 0.05 s ticks as the wall clock says are due
   (``speed`` times real time; far behind, the clock is re-anchored instead of
   racing: a *slip*);
3. let every attachment see the new state (:meth:`Attachment.on_tick`:
   publish the Modbus image, record a row);
4. publish a :class:`~.snapshot.Snapshot` if a reader took the last one.

Only this module paces anything to the wall clock; nothing else in the
package sleeps for the plant. The plant is touched only in the loop's thread;
other threads submit commands and read snapshots, both thread-safe.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future
from typing import Any

from ..plant import Plant
from .commands import Command, Pause, SetSpeed, apply
from .snapshot import Snapshot, freeze

#: Ticks run in one go when the loop fell behind; beyond this the clock is
#: re-anchored (simulated time slips) rather than racing to catch up.
MAX_CATCH_UP = 200
#: How long before a tick is due the loop stops sleeping and yields until it comes, s
#: (the event loop's timers wake up to 1 ms late: epoll rounds to whole ms).
EARLY_WAKE = 0.0015
#: Wall-clock seconds between two looks at the queue while paused.
PAUSED_POLL = 0.05
#: Real-time factors a run accepts.
MIN_SPEED, MAX_SPEED = 0.05, 100.0


class TickStats:
    """Lateness of real-time ticks: how long after its due time each wake-up ran."""

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

    @property
    def worst(self) -> float:
        """The largest lateness kept, s."""
        return max(self.lateness, default=0.0)


class Attachment:
    """Something that runs beside the line: a protocol server, the recorder, the window's feed, a program.

    Every hook runs in the runtime's thread; the defaults do nothing.
    """

    async def start(self, runtime: Runtime) -> None:
        """Called once before the first tick (bind a port, open a file); raising stops the run."""

    def before_tick(self, plant: Plant) -> None:
        """At a tick boundary, before the plant steps: apply queued inputs (this hook may write the plant)."""

    async def on_tick(self, plant: Plant) -> None:
        """After the tick(s) of one wake-up: read the plant (never write it here)."""

    async def stop(self) -> None:
        """Called once at the end, also after a failed start of a later attachment."""


class Runtime:
    """Runs ``plant`` in real time (x ``speed``) with its attachments.

    Args:
        plant: the plant; from :meth:`run` on only the runtime's thread touches it.
        speed: real-time factor, 0.05..100 (1 = real time).
        attachments: started in this order, stopped in reverse.
        snapshot_rate: the most snapshots published per second of wall time.
        early_wake: how long before a tick is due the loop stops sleeping and
            yields until it comes, s (:data:`EARLY_WAKE`; 0: sleep until it
            is due, up to 1 ms late; for many lines in one process, where
            yielding in a loop would keep the processor busy).
        phase: when in the period the ticks fall due, 0..1 of a tick (lines
            of one process spread over the period instead of all at once).
    """

    def __init__(
        self,
        plant: Plant,
        *,
        speed: float = 1.0,
        attachments: Iterable[Attachment] = (),
        snapshot_rate: float = 60.0,
        early_wake: float = EARLY_WAKE,
        phase: float = 0.0,
    ) -> None:
        _check_speed(speed)
        if not 0.0 <= phase < 1.0:
            raise ValueError(f"phase is a fraction of a tick, 0 <= phase < 1, got {phase!r}")
        self.early_wake = max(0.0, float(early_wake))
        self.phase = float(phase)
        self.plant = plant
        self.attachments = list(attachments)
        self.stats = TickStats()
        self.snapshot_rate = snapshot_rate
        self._speed = float(speed)
        self._paused = False
        self._commands: deque[tuple[Command, Future]] = deque()
        self._anchor: tuple[float, int] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._sleeper: asyncio.Future | None = None
        self._stopping = False
        self._done = threading.Event()
        # snapshots: published by the loop, taken by readers in other threads
        self._published = threading.Condition()
        self._snapshot: Snapshot | None = None
        self._taken = True
        self._snapshot_at = -math.inf
        self._changed = True  # something a reader sees changed since the last snapshot
        self._next_due = 0.0  # wall time (time.monotonic) the next tick is due
        self._born = time.monotonic()

    # --- state ------------------------------------------------------------------------
    @property
    def speed(self) -> float:
        """Real-time factor (change it with ``submit(SetSpeed(x))``)."""
        return self._speed

    @property
    def paused(self) -> bool:
        """True while paused (change it with ``submit(Pause(True))``)."""
        return self._paused

    @property
    def stopped(self) -> bool:
        """True once :meth:`run` has finished."""
        return self._done.is_set()

    def uptime(self) -> float:
        """Wall-clock seconds since this runtime was made (e.g. for frames per second)."""
        return time.monotonic() - self._born

    # --- from any thread ---------------------------------------------------------------
    def submit(self, command: Command) -> Future:
        """Queue ``command`` for the next tick boundary; thread-safe.

        Returns:
            A future with the command's result, or its error (a FaultError for a
            fault that cannot be injected, ValueError for a bad speed ...).
        """
        future: Future = Future()
        self._commands.append((command, future))
        self._wake()
        return future

    def stop(self) -> None:
        """End :meth:`run` soon (it stops the attachments first); thread-safe, idempotent."""
        self._stopping = True
        self._wake()

    def latest(self) -> Snapshot | None:
        """The newest snapshot (None before :meth:`run` published one); thread-safe.

        Taking it asks the loop for a fresh one (made lazily, see :attr:`snapshot_rate`).
        """
        with self._published:
            self._taken = True
            return self._snapshot

    @property
    def published(self) -> int:
        """The version of the newest snapshot (0: none yet), without taking it."""
        snapshot = self._snapshot
        return snapshot.version if snapshot is not None else 0

    def next_frame(self, after: int, budget: float) -> Snapshot | None:
        """Wait until a reader may draw a frame, and return the newest snapshot; thread-safe.

        A frame may be drawn when a snapshot newer than version ``after`` is
        published, or, when nothing changed, after ``1 / snapshot_rate`` s if no
        tick falls due within ``budget`` s (so drawing never holds up a tick).
        Returns at once with the last snapshot once the run has ended.
        """
        frame = 1.0 / self.snapshot_rate
        deadline = time.monotonic() + frame
        with self._published:
            self._taken = True
            while not self._done.is_set():
                snapshot = self._snapshot
                if snapshot is not None and snapshot.version > after:
                    return snapshot
                now = time.monotonic()
                if now >= deadline and (self._paused or self._next_due - now > budget):
                    return snapshot
                wait = deadline - now if now < deadline else max(0.0005, self._next_due - now)
                self._published.wait(min(wait, frame))
            return self._snapshot

    def _wake(self) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            loop.call_soon_threadsafe(self._interrupt)
        except RuntimeError:  # the loop closed meanwhile
            pass

    def _interrupt(self) -> None:
        sleeper = self._sleeper
        if sleeper is not None and not sleeper.done():
            sleeper.set_result(None)

    # --- the loop ----------------------------------------------------------------------
    async def run(self) -> None:
        """Start the attachments, run until :meth:`stop` or cancelled, stop the attachments."""
        self._loop = asyncio.get_running_loop()
        plant = self.plant
        started: list[Attachment] = []
        try:
            for attachment in self.attachments:
                await attachment.start(self)
                started.append(attachment)
            plant.system.speed = self._speed
            plant.system.running = not self._paused
            for attachment in started:
                await attachment.on_tick(plant)
            self._publish(force=True)
            await self._run(plant)
        finally:
            plant.system.running = False
            self._stopping = True
            try:
                for attachment in reversed(started):
                    await attachment.stop()
            finally:
                with self._published:
                    self._done.set()
                    self._published.notify_all()

    async def _run(self, plant: Plant) -> None:
        loop = asyncio.get_running_loop()
        stats = self.stats
        attachments = self.attachments
        inputs = [a.before_tick for a in attachments if type(a).before_tick is not Attachment.before_tick]
        outputs = [a.on_tick for a in attachments if type(a).on_tick is not Attachment.on_tick]
        while not self._stopping:
            if self._commands:
                self._apply_commands(plant)
            if self._paused:
                for before in inputs:  # writes still reach the plant (a paused PLC's outputs ...)
                    before(plant)
                for after in outputs:
                    await after(plant)
                self._publish()
                await self._sleep_until(loop.time() + PAUSED_POLL)
                continue
            if self._anchor is None:
                self._anchor = (loop.time() + self.phase * plant.dt / self._speed, plant.tick)
            anchor_time, anchor_tick = self._anchor
            period = plant.dt / self._speed
            due_time = anchor_time + (plant.tick - anchor_tick + 1) * period
            self._next_due = time.monotonic() + (due_time - loop.time())
            early = self.early_wake
            if due_time - loop.time() > 0:
                if due_time - loop.time() > early:
                    await self._sleep_until(due_time - early)
                    if self._commands or self._stopping:
                        continue  # a command or a stop woke us: apply it between two ticks
                while loop.time() < due_time:
                    await asyncio.sleep(0)
            now = loop.time()
            stats.lateness.append(now - due_time)
            due_ticks = int((now - anchor_time) / period) - (plant.tick - anchor_tick)
            if due_ticks > MAX_CATCH_UP:
                stats.slips += 1
                self._anchor = (now, plant.tick + 1)
                due_ticks = 1
            for before in inputs:
                before(plant)
            step = plant.step
            for _ in range(max(1, due_ticks)):
                step()
            stats.ticks += max(1, due_ticks)
            self._changed = True
            for after in outputs:
                await after(plant)
            self._publish()

    async def _sleep_until(self, when: float) -> None:
        """Sleep until loop time ``when``, or until :meth:`submit` / :meth:`stop` wake us."""
        loop = asyncio.get_running_loop()
        sleeper = loop.create_future()
        self._sleeper = sleeper
        handle = loop.call_at(when, self._interrupt)
        try:
            await sleeper
        finally:
            handle.cancel()
            self._sleeper = None

    def _apply_commands(self, plant: Plant) -> None:
        commands = self._commands
        while commands:
            command, future = commands.popleft()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                if isinstance(command, Pause):
                    result = self._set_paused(command.paused)
                elif isinstance(command, SetSpeed):
                    result = self._set_speed(command.speed)
                else:
                    result = apply(plant, command)
            except Exception as exc:  # handed to whoever submitted it; the line goes on
                future.set_exception(exc)
            else:
                future.set_result(result)
            self._changed = True

    def _set_paused(self, paused: bool) -> None:
        self._paused = bool(paused)
        self.plant.system.running = not self._paused
        self._anchor = None

    def _set_speed(self, speed: float) -> None:
        _check_speed(speed)
        self._speed = float(speed)
        self.plant.system.speed = self._speed
        self._anchor = None  # re-anchor the clock at the new speed

    def _publish(self, *, force: bool = False) -> None:
        """A new snapshot if a reader took the last one and it is time (see :attr:`snapshot_rate`)."""
        if not (force or (self._taken and self._changed)):
            return
        now = time.monotonic()
        if not force and now - self._snapshot_at < 1.0 / self.snapshot_rate:
            return
        plant = self.plant
        version = self._snapshot.version + 1 if self._snapshot is not None else 1
        snapshot = Snapshot(version, plant.tick, plant.time, self._speed, self._paused, freeze(plant))
        with self._published:
            self._snapshot = snapshot
            self._taken = False
            self._changed = False
            self._snapshot_at = now
            self._published.notify_all()

    def snapshot_now(self) -> Snapshot:
        """A snapshot of the plant as it is (loop thread only, e.g. from an attachment)."""
        return Snapshot.of(self.plant, speed=self._speed, paused=self._paused)


def _check_speed(speed: Any) -> None:
    if not isinstance(speed, (int, float)) or not MIN_SPEED <= speed <= MAX_SPEED:
        raise ValueError(f"speed must be between {MIN_SPEED} and {MAX_SPEED}, got {speed!r}")
