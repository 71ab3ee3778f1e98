"""One controller, a local line and a remote line: the same values, KPIs and history.

A remote run is paced by the wall clock and a live simulator steps on its
own clock, so the two can only be compared tick for tick if the remote
plant moves in lock-step with the scans. :class:`LockStepLine` does that
with a real Modbus server on loopback (``tests.conftest.ServerThread``,
whose plant steps only when told): at the end of every scan, once the
scan's outputs are written over Modbus, the server applies them, steps its
plant and publishes, which is what ``factorylab sim`` does on its clock.

The remote run uses a 0.05 s scan and ``TICKS`` plant steps per scan (the
server at 10x), the local run a 0.5 s scan: the same scans at the same
simulated times, a tenth of the wall time.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import factorylab
from factorylab import ConnectionProblem, ModbusError, TagError
from factorylab.control.line import LocalLine, RemoteLine
from factorylab.modbus.client import ModbusLink
from factorylab.plant import Plant, Scenario, load_scenario
from tests.conftest import ServerThread

#: plant steps of 0.05 s per remote scan: the local run's scan is TICKS x 0.05 s
TICKS = 10
LOCAL_SCAN = TICKS * 0.05

#: a line without an operator panel (no stack light, no safety relay) and a sensor that sticks
BELTS_ONLY = """\
id: belts_only
number: 1
title: {ko: 벨트만, en: Belts only}
summary: {ko: 패널 없는 공급기와 컨베이어, en: Feeder and belts without a panel}
stations: [feeder, conveyor1, conveyor2]
feeder: {interval: 3.0}
faults:
  schedule:
    - {at: 8.0, kind: sensor_stuck_off, target: conveyor1.running, duration: 4.0}
"""


class LockStepLine(RemoteLine):
    """A remote line whose server's plant steps ``ticks`` times after each scan's outputs are written."""

    def __init__(self, server: ServerThread, ticks: int, scenario: Scenario | None = None) -> None:
        super().__init__(ModbusLink("127.0.0.1", server.port), scenario)
        self.server = server
        self.ticks = ticks
        self.scanned = False  # set by the controller (see lock_step): a scan ran since the last flush

    def flush(self) -> None:
        super().flush()
        if self.scanned:
            self.scanned = False
            self.server.tick(self.ticks)


def lock_step(controller: Any) -> Any:
    """The controller, telling a LockStepLine that a scan ran (its outputs end the scan)."""

    def scan(line: Any, t: float) -> None:
        if isinstance(line, LockStepLine):
            line.scanned = True
        controller(line, t)

    return scan


def make_controller(seen: list[tuple]) -> Any:
    """A controller that needs no operator: it writes every kind of value on a timetable.

    It starts the feeder a second before the belts (two interlock scans),
    writes values between two register steps (55.7 % -> 56 %) and numpy
    numbers, switches the red lamp once (one alarm) and keeps, in ``seen``,
    what it reads back right after writing.
    """

    def controller(line: Any, t: float) -> None:
        devices = line.devices
        line.feeder.run = t >= 1.0
        line.conveyor1.run = np.bool_(t >= 2.0)
        line.conveyor2.run = np.int64(1) if t >= 2.0 else 0
        line.conveyor1.speed = 55.7
        line.conveyor2.speed = np.float32(72.3)
        line.feeder.interval = np.float64(2.57)
        row: list[Any] = [t, line.conveyor1.speed, line.conveyor2.speed, line.feeder.interval]
        if "panel" in devices:
            line.panel.display = np.int64(round(t * 10) % 10000)
            line.stack_light.red = 10.0 <= t < 12.0
            line.stack_light.green = line.conveyor1.running
            row += [line.panel.display, line.stack_light.red]
        if "sorter" in devices:
            line.sorter.extend = line.sorter.photo_eye and line.sorter.type_b
        if "oven" in devices:
            line.oven.heater = np.float32(33.33)
            line.oven.gate = line.oven.part_in
            row.append(line.oven.heater)
        if "tank" in devices:
            line.tank.inflow = 12.34 if t < 10.0 else np.float64(0.0)
            row.append(line.tank.inflow)
        if "cnc" in devices:
            line.cnc.run = np.bool_(True)
        seen.append(tuple(row))

    return controller


@pytest.fixture
def belts_only(tmp_path: Path) -> Scenario:
    path = tmp_path / "belts_only.yaml"
    path.write_text(BELTS_ONLY, encoding="utf-8")
    return load_scenario(path)


def run_both(scenario: Scenario, seconds: float, seed: int = 3):
    """Run make_controller on a local line and on a lock-stepped remote line of ``scenario``."""
    local = LocalLine(Plant(scenario, seed=seed))
    local_seen: list[tuple] = []
    local_result = factorylab.run(
        lock_step(make_controller(local_seen)), local, seconds=seconds, scan=LOCAL_SCAN, record_every=1.0
    )
    server = ServerThread(Plant(scenario, seed=seed))
    try:
        remote = LockStepLine(server, TICKS, scenario)
        remote_seen: list[tuple] = []
        remote_result = factorylab.run(
            lock_step(make_controller(remote_seen)),
            remote,
            seconds=seconds / TICKS,
            scan=0.05,
            record_every=1.0 / TICKS,
        )
        remote.close()
    finally:
        server.stop()
    return (local, local_result, local_seen), (server.plant, remote_result, remote_seen)


@pytest.mark.parametrize(("scenario_id", "seconds"), [("sorting", 30.0), ("line", 20.0), ("belts_only", 20.0)])
def test_one_controller_gives_the_same_run_on_a_local_and_a_remote_line(
    scenario_id: str, seconds: float, belts_only: Scenario
) -> None:
    scenario = belts_only if scenario_id == "belts_only" else load_scenario(scenario_id)
    (local, mine, local_seen), (served, theirs, remote_seen) = run_both(scenario, seconds)
    assert (mine.mode, theirs.mode) == ("local", "remote")
    assert mine.scans == theirs.scans == round(seconds / LOCAL_SCAN)
    # what the controller read back right after writing: the register's value on both
    assert local_seen == remote_seen
    assert {row[1:4] for row in local_seen} == {(56, 72, 2.6)}
    # every tag, recorded once a second
    assert len(mine.history) == seconds and list(mine.history.index[:2]) == [0.0, 1.0]
    pd.testing.assert_frame_equal(mine.history, theirs.history)
    # the KPIs; a remote line does not reveal faults, so those are the local run's only
    assert {k: v for k, v in mine.kpis.items() if k != "faults"} == {
        k: v for k, v in theirs.kpis.items() if k != "faults"
    }
    assert mine.kpis["parts_in"] > 0 and mine.kpis["seconds"] == seconds
    assert mine.kpis["interlock_violations"] >= 2  # the feeder ran 1 s before the belt
    # the two plants hold the same values for every writable tag, as Python numbers
    for tag in local.tags:
        if tag.writable:
            where = operator.attrgetter(tag.source or tag.name)  # the plant value behind the tag
            here, there = where(local.plant), where(served)
            assert (here, type(here)) == (there, type(there)), tag.name
    if scenario_id == "sorting":
        assert mine.kpis["parts_out"] > 0 and mine.kpis["oee"] > 0 and mine.kpis["alarms"] == 1
    if scenario_id == "belts_only":
        # no stack light: the watcher still counts the interlock, and reads the stuck sensor as the controller does
        running = mine.history["conveyor1.running"]
        assert running[7.0] and not running.loc[9.0:11.0].any() and running[12.0]
        assert local.plant.faults.log[0].kind == "sensor_stuck_off"
        assert mine.kpis["interlock_violations"] == theirs.kpis["interlock_violations"] == 2 + 7
        assert mine.kpis["alarms"] == mine.kpis["estop_violations"] == 0 and mine.kpis["faults"] == 1


@pytest.fixture
def both() -> Iterator[tuple[LocalLine, RemoteLine, ServerThread]]:
    server = ServerThread(Plant("line", seed=2))
    remote = factorylab.connect(f"127.0.0.1:{server.port}")
    yield factorylab.connect(scenario="line", seed=2), remote, server
    remote.close()
    server.stop()


def values_for(tag) -> list[Any]:
    """Values a student might write to ``tag``: Python and numpy, between two register steps."""
    if tag.type == "bool":
        return [True, 0, np.bool_(True), np.bool_(False), np.int64(1), np.uint8(0)]
    between = tag.min + (tag.max - tag.min) * 0.557 + 0.37 / tag.scale  # never on a register step
    return [between, np.float64(between), np.float32(between), np.int64(round(between)), int(tag.max), tag.min]


def test_every_writable_tag_reads_back_the_same_locally_and_over_modbus(both) -> None:
    local, remote, server = both
    writable = [tag for tag in local.tags if tag.writable]
    assert {"conveyor1.speed", "oven.heater", "tank.inflow", "feeder.interval", "panel.display"} <= {
        tag.name for tag in writable
    }
    for tag in writable:
        device, attribute = tag.device, tag.attribute
        for value in values_for(tag):
            setattr(getattr(local, device), attribute, value)
            setattr(getattr(remote, device), attribute, value)
            server.tick()
            expected = tag.quantize(value)
            mine, theirs = getattr(getattr(local, device), attribute), getattr(getattr(remote, device), attribute)
            assert (mine, type(mine)) == (theirs, type(theirs)) == (expected, tag.value_type), (tag.name, value)
            where = operator.attrgetter(tag.source or tag.name)  # the plant value behind the tag
            here, there = where(local.plant), where(server.plant)
            assert (here, type(here)) == (there, type(there)), (tag.name, value)
    assert local.conveyor1.speed == server.plant.conveyor1.speed == 0  # the last value written: the range's bottom


def test_fifty_five_point_seven_percent_is_fifty_six_everywhere(both) -> None:
    local, remote, server = both
    local.conveyor1.speed = 55.7
    remote.conveyor1.speed = 55.7
    local.oven.heater = 40.04
    remote.oven.heater = 40.04
    server.tick()
    assert local.plant.conveyor1.speed == server.plant.conveyor1.speed == 56
    assert local.plant.oven.heater == server.plant.oven.heater == 40.0
    assert local.raw.read("40301") == remote.raw.read("40301") == [56]
    local.step(0.05)
    assert local.snapshot()["conveyor1.speed"] == remote.snapshot()["conveyor1.speed"] == 56


@pytest.mark.parametrize("wrong", [float("nan"), np.float64("inf"), "55", None, np.bool_(True), 150, np.int64(-1)])
def test_wrong_values_are_refused_alike(both, wrong: Any) -> None:
    local, remote, server = both
    for line in (local, remote):
        with pytest.raises(TagError) as caught:
            line.conveyor1.speed = wrong
        assert "conveyor1.speed" in caught.value.en and "conveyor1.speed" in caught.value.ko
    server.tick()
    assert local.plant.conveyor1.speed == server.plant.conveyor1.speed == 80  # nothing was written


def test_raw_writes_take_python_and_numpy_whole_numbers(both) -> None:
    local, remote, server = both
    for line in (local, remote):
        line.raw.write("40301", np.int64(55))
        line.raw.write("coil", np.int64(300), np.bool_(True))
        line.raw.write("holding_register", 300, np.array([60], dtype=np.uint16))
        line.raw.write("40701", 333.0)  # oven.heater, x10: 33.3 %
    server.tick()
    for plant in (local.plant, server.plant):
        assert (plant.conveyor1.speed, plant.conveyor1.run, plant.oven.heater) == (60, True, 33.3)
    for line in (local, remote):
        for wrong in (55.7, float("nan"), None, "55"):
            with pytest.raises(TagError) as caught:
                line.raw.write("40301", wrong)
            assert "whole numbers" in caught.value.en and "정수" in caught.value.ko
        with pytest.raises(ModbusError):
            line.raw.write("40301", np.int64(101))


def test_a_remote_line_can_be_told_its_custom_scenario(belts_only: Scenario) -> None:
    server = ServerThread(Plant(belts_only, seed=0))
    try:
        line = RemoteLine(ModbusLink("127.0.0.1", server.port), belts_only)
        assert line.devices == ["system", "production", "feeder", "conveyor1", "conveyor2"]
        line.feeder.run = np.bool_(True)
        server.tick()
        assert server.plant.feeder.run is True
        line.close()
        link = ModbusLink("127.0.0.1", server.port)
        with pytest.raises(ConnectionProblem) as caught:
            RemoteLine(link, load_scenario("oven"))  # the server runs number 1, the oven is number 4
        link.close()
        assert "number 1" in caught.value.en and "4" in caught.value.ko
    finally:
        server.stop()
