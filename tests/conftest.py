"""Shared fixtures: a real Modbus server over a real plant, on a loopback port."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from factorylab.modbus import PlantModbusServer
from factorylab.plant import Plant

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
REPO = Path(__file__).resolve().parent.parent


class ServerThread:
    """A PlantModbusServer on 127.0.0.1:<free port>, its loop in a thread.

    The plant does not run by itself: tests call :meth:`tick` to apply the
    queued writes, step the plant and publish, exactly as the live loop does,
    so every test is deterministic.
    """

    def __init__(self, plant: Plant, **server_options) -> None:
        self.plant = plant
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.server = PlantModbusServer(plant, "127.0.0.1", 0, **server_options)
        self.call(self.server.start())
        self.port = self.server.port

    def call(self, coroutine):
        """Run a coroutine on the server's loop and return its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=10)

    def tick(self, count: int = 1) -> None:
        """Apply writes, step the plant ``count`` times, publish."""

        async def _tick() -> None:
            for _ in range(count):
                self.server.apply_writes()
                self.plant.step()
            await self.server.publish()

        self.call(_tick())

    def stop(self) -> None:
        self.call(self.server.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)
        self.loop.close()


@pytest.fixture
def served() -> Iterator[ServerThread]:
    """The sorting scenario served on a free loopback port."""
    server = ServerThread(Plant("sorting", seed=1))
    yield server
    server.stop()


@pytest.fixture
def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def factorylab_command() -> list[str]:
    """How to run the ``factorylab`` command of this checkout."""
    return [sys.executable, "-m", "factorylab"]


class Sim:
    """``factorylab sim`` in a subprocess."""

    def __init__(self, port: int, *args: str) -> None:
        env = {**os.environ, "FACTORYLAB_LANG": "en"}
        self.port = port
        self.process = subprocess.Popen(
            factorylab_command() + ["sim", "--port", str(port), "--headless", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"simulator did not start: {self.process.communicate()}") from None
                time.sleep(0.05)

    def stop(self, signum: int = signal.SIGTERM) -> tuple[int, str, str]:
        self.process.send_signal(signum)
        out, err = self.process.communicate(timeout=10)
        return self.process.returncode, out, err
