"""The runtime: one loop that paces the plant, applies queued commands and publishes snapshots."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from factorylab import data
from factorylab.plant import Plant
from factorylab.plant.faults import FaultError
from factorylab.runtime import (
    Attachment,
    HoldButton,
    InjectFault,
    Pause,
    PressButton,
    Recorder,
    Runtime,
    SetSpeed,
    Snapshot,
    ToggleEstop,
)
from factorylab.tags import ALL_TAGS


class Running:
    """A runtime in its own thread, as `factorylab sim` runs it under the window."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._main, daemon=True)
        self.thread.start()

    def _main(self) -> None:
        try:
            asyncio.run(self.runtime.run())
        except BaseException as exc:  # raised again by stop()
            self.error = exc

    def stop(self) -> None:
        self.runtime.stop()
        self.thread.join(10)
        assert not self.thread.is_alive()
        if self.error is not None:
            raise self.error


@pytest.fixture
def running() -> Iterator[Running]:
    run = Running(Runtime(Plant("sorting", seed=1), speed=20.0))
    yield run
    run.stop()


def until(condition, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def test_commands_from_another_thread_reach_the_plant_between_ticks(running: Running) -> None:
    runtime = running.runtime
    assert until(lambda: runtime.published >= 1)
    assert runtime.submit(HoldButton("start", True)).result(10) is None
    assert until(lambda: runtime.latest().plant.panel.start)
    runtime.submit(PressButton("start", 0.2)).result(10)
    assert until(lambda: not runtime.latest().plant.panel.start)  # released 0.2 simulated s later
    runtime.submit(ToggleEstop()).result(10)
    assert until(lambda: not runtime.latest().plant.panel.safety_ok)


def test_a_command_that_fails_tells_its_submitter_and_the_line_goes_on(running: Running) -> None:
    runtime = running.runtime
    with pytest.raises(FaultError):
        runtime.submit(InjectFault("jam", "no_such_belt")).result(10)
    with pytest.raises(ValueError):
        runtime.submit(SetSpeed(1000.0)).result(10)
    record = runtime.submit(InjectFault("jam", "conveyor2")).result(10)
    assert record.kind == "jam" and record.target == "conveyor2"
    assert until(lambda: runtime.published >= 1)
    before = runtime.latest().tick
    assert until(lambda: runtime.latest().tick > before)


def test_pause_stops_the_clock_and_speed_changes_it(running: Running) -> None:
    runtime = running.runtime
    assert until(lambda: runtime.published >= 1)
    runtime.submit(Pause(True)).result(10)
    assert until(lambda: runtime.latest().paused)
    frozen = runtime.latest().tick
    time.sleep(0.3)
    assert runtime.latest().tick == frozen and not runtime.plant.system.running
    runtime.submit(Pause(False)).result(10)
    runtime.submit(SetSpeed(5.0)).result(10)
    assert until(lambda: runtime.latest().tick > frozen and runtime.latest().speed == 5.0)


def test_snapshots_are_detached_copies_made_only_when_taken() -> None:
    plant = Plant("line", seed=3)
    runtime = Runtime(plant, speed=100.0)
    run = Running(runtime)
    try:
        assert until(lambda: runtime.published >= 1)
        first = runtime.latest()
        assert until(lambda: runtime.latest().version > first.version)
        old = runtime.latest()
        assert isinstance(old, Snapshot) and old.plant is not plant
        assert until(lambda: plant.tick > old.tick + 40)  # the live plant moved on ...
        assert old.plant.tick == old.tick and old.plant.time == old.time  # ... the snapshot did not
        with pytest.raises(AttributeError):
            old.tick = 0  # frozen
        # nobody takes snapshots: at most the one the last latest() asked for is made, however many ticks run
        ticks = plant.tick
        assert until(lambda: plant.tick > ticks + 400)
        assert runtime.published <= old.version + 1
    finally:
        run.stop()


def test_the_clock_is_never_ahead_of_the_wall_clock() -> None:
    plant = Plant("conveyor")
    runtime = Runtime(plant, speed=10.0)
    started = time.monotonic()
    run = Running(runtime)
    time.sleep(0.5)
    run.stop()
    elapsed = time.monotonic() - started
    assert 0 < plant.time <= elapsed * 10.0 + plant.dt
    assert runtime.stats.ticks == plant.tick and len(runtime.stats.lateness) > 0


class Log(Attachment):
    def __init__(self, name: str, log: list[str], fail: bool = False) -> None:
        self.name, self.log, self.fail = name, log, fail

    async def start(self, runtime: Runtime) -> None:
        self.log.append(f"start {self.name}")
        if self.fail:
            raise OSError(f"{self.name} cannot start")

    def before_tick(self, plant: Plant) -> None:
        plant.conveyor1.run = True  # inputs may write the plant, at a tick boundary

    async def on_tick(self, plant: Plant) -> None:
        if plant.tick >= 3 and f"tick {self.name}" not in self.log:
            self.log.append(f"tick {self.name}")

    async def stop(self) -> None:
        self.log.append(f"stop {self.name}")


def test_attachments_start_in_order_and_stop_in_reverse() -> None:
    log: list[str] = []
    plant = Plant("conveyor")
    run = Running(Runtime(plant, speed=50.0, attachments=[Log("a", log), Log("b", log)]))
    assert until(lambda: "tick b" in log)
    run.stop()
    assert log[:2] == ["start a", "start b"] and log[-2:] == ["stop b", "stop a"]
    assert plant.conveyor1.run


def test_a_failed_start_stops_the_ones_started_and_is_raised() -> None:
    log: list[str] = []
    runtime = Runtime(Plant("conveyor"), attachments=[Log("a", log), Log("b", log, fail=True), Log("c", log)])
    with pytest.raises(OSError, match="b cannot start"):
        asyncio.run(runtime.run())
    assert log == ["start a", "start b", "stop a"] and runtime.stopped


def test_the_recorder_records_while_the_line_runs(tmp_path: Path) -> None:
    store = tmp_path / "run.sqlite"
    tags = [ALL_TAGS["conveyor1.run"], ALL_TAGS["system.sim_time"]]
    plant = Plant("conveyor")
    run = Running(Runtime(plant, speed=50.0, attachments=[Recorder(store, tags, every=0.5)]))
    assert until(lambda: plant.time > 6.0)
    run.stop()
    frame = data.load(store)
    assert len(frame) >= 10
    slots = [round(t / plant.dt) // 10 for t in frame.index]  # 0.5 s = 10 ticks
    assert slots == sorted(set(slots))  # one row per 0.5 s slot, never two (late when a wake-up ran several ticks)


def test_serve_runs_serves_records_and_stops(tmp_path: Path, capsys) -> None:
    """The one entry point of `factorylab sim` (headless), called with plain arguments."""
    from pymodbus.client import ModbusTcpClient

    from factorylab.cli import serve

    store = tmp_path / "sim.sqlite"
    seen: dict[str, object] = {}

    def client_side(serving) -> None:
        client = ModbusTcpClient("127.0.0.1", port=serving.port, timeout=3)
        try:
            assert client.connect()
            run = ALL_TAGS["conveyor1.run"]
            seen["write"] = not client.write_coil(run.address, True, device_id=1).isError()
            seen["ran"] = until(lambda: serving.runtime.latest().plant.conveyor1.run)
        finally:
            client.close()
            serving.stop()

    code = serve(
        "conveyor",
        port=0,
        speed=20.0,
        record=str(store),
        record_every=0.1,
        record_tags=["conveyor1.run"],
        stats=True,
        on_ready=lambda serving: threading.Thread(target=client_side, args=(serving,), daemon=True).start(),
    )
    out = capsys.readouterr().out
    assert code == 0 and seen == {"write": True, "ran": True}
    assert "Modbus TCP server on 127.0.0.1:" in out and "Simulator stopped" in out and "ticks, lateness" in out
    assert data.load(store)["conveyor1.run"].iloc[-1]
