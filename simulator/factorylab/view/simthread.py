"""The simulator (Modbus server + real-time loop) in a background thread.

A window must own the main thread (macOS insists), so ``factorylab sim``
with a window runs its asyncio loop here and the window talks to it only
through :meth:`SimThread.call`, which hands a function to the loop
(``loop.call_soon_threadsafe``): the plant is only ever changed between two
ticks, in the loop's thread. This module does not import pygame.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from ..modbus.live import LiveSimulation
from ..modbus.server import PlantModbusServer

log = logging.getLogger("factorylab.view")

Ready = Callable[[LiveSimulation, PlantModbusServer], None]


class SimThread:
    """Runs ``serve(ready)`` (a coroutine function) in its own thread and event loop.

    ``serve`` must call ``ready(live, server)`` once the server listens and
    then run until cancelled, returning an exit status (0 = fine). If it
    returns before calling ``ready`` (the port is busy ...), :meth:`start`
    returns False and :attr:`result` holds its status.
    """

    def __init__(self, serve: Callable[[Ready], Awaitable[int]]) -> None:
        self._serve = serve
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._main, name="factorylab-sim", daemon=True)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.task: asyncio.Task | None = None
        self.live: LiveSimulation | None = None
        self.server: PlantModbusServer | None = None
        #: exit status returned by ``serve`` (None while it runs)
        self.result: int | None = None
        self.error: BaseException | None = None

    def _main(self) -> None:
        async def runner() -> int:
            self.loop = asyncio.get_running_loop()
            self.task = asyncio.current_task()
            return await self._serve(self._on_ready)

        try:
            self.result = asyncio.run(runner())
        except asyncio.CancelledError:
            self.result = 0
        except BaseException as exc:  # reported by stop(); the window closes
            self.error = exc
            self.result = 1
        finally:
            self._ready.set()

    def _on_ready(self, live: LiveSimulation, server: PlantModbusServer) -> None:
        self.live = live
        self.server = server
        self._ready.set()

    def start(self, timeout: float = 60.0) -> bool:
        """Start the thread; True once the server listens, False if ``serve`` ended first."""
        self._thread.start()
        self._ready.wait(timeout)
        return self.live is not None and self.alive

    @property
    def alive(self) -> bool:
        """True while ``serve`` runs."""
        return self._thread.is_alive() and self.result is None

    def call(self, function: Callable[..., Any], *args: Any) -> None:
        """Run ``function(*args)`` in the simulator's thread, between two ticks."""
        loop = self.loop
        if loop is None or loop.is_closed():
            return

        def guarded() -> None:
            try:
                function(*args)
            except Exception:  # an operator action must not stop the line
                log.exception("view action failed")

        try:
            loop.call_soon_threadsafe(guarded)
        except RuntimeError:  # the loop closed meanwhile
            pass

    def stop(self, timeout: float = 5.0) -> int:
        """Cancel ``serve``, wait for it to finish and return its exit status."""
        loop, task = self.loop, self.task
        if loop is not None and task is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(task.cancel)
            except RuntimeError:
                pass
        self._thread.join(timeout)
        if self.error is not None:
            raise self.error
        return self.result if self.result is not None else 0
