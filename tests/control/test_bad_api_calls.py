"""Every bad API call a student can make is a FactoryLabError in plain words, never a crash.

Each bad call is a case of a catalogue; where a line is involved it runs on a
local line and on a remote one (a real ``factorylab sim`` subprocess on a
loopback port), and both must answer the same way. Beside each bad call, its
correct twin shows that the check refuses only what it should.
"""

from __future__ import annotations

import math
import re
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import factorylab
from factorylab import FactoryLabError, ModbusError
from factorylab.control.line import Line
from tests.conftest import Sim

HANGUL = re.compile("[가-힣]")


def assert_plain_error(error: BaseException) -> None:
    """A FactoryLabError with a Korean and an English message (not the same text)."""
    assert isinstance(error, FactoryLabError), f"{type(error).__name__}: {error}"
    assert error.ko.strip() and error.en.strip()
    assert error.ko != error.en
    assert HANGUL.search(error.ko), error.ko
    assert not HANGUL.search(error.en), error.en
    assert "Traceback" not in error.ko + error.en


def refused(call: Callable[[], Any]) -> FactoryLabError:
    with pytest.raises(Exception) as caught:
        call()
    assert_plain_error(caught.value)
    return caught.value


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def sim() -> Iterator[Sim]:
    """One ``factorylab sim`` (scenario line, seed 0) for the remote cases of this module."""
    server = Sim(_port(), "--scenario", "line")
    yield server
    server.stop()


@pytest.fixture(params=["local", "remote"])
def line(request: pytest.FixtureRequest) -> Iterator[Line]:
    """The line scenario, in this process or over Modbus."""
    if request.param == "local":
        yield factorylab.connect(scenario="line")
        return
    remote = factorylab.connect(port=request.getfixturevalue("sim").port)
    try:
        yield remote
    finally:
        remote.close()


def idle(line: Line, t: float) -> None:
    """A controller that does nothing."""


# --- connect --------------------------------------------------------------------------

BAD_CONNECT: dict[str, Callable[[], Any]] = {
    "port as target": lambda: factorylab.connect(5020),
    "float as target": lambda: factorylab.connect(5020.0),
    "empty target": lambda: factorylab.connect(""),
    "port out of range in target": lambda: factorylab.connect("127.0.0.1:70000"),
    "seed -1": lambda: factorylab.connect(seed=-1),
    "seed text": lambda: factorylab.connect(seed="abc"),
    "seed 1.5": lambda: factorylab.connect(seed=1.5),
    "seed True": lambda: factorylab.connect(seed=True),
    "seed None": lambda: factorylab.connect(seed=None),
    "scenario a number": lambda: factorylab.connect(scenario=123),
    "port 0": lambda: factorylab.connect(port=0),
    "port 70000": lambda: factorylab.connect(port=70000),
    "port text": lambda: factorylab.connect(port="5020"),
    "port True": lambda: factorylab.connect(port=True),
    "host a number": lambda: factorylab.connect(host=127),
}


@pytest.mark.parametrize("call", list(BAD_CONNECT.values()), ids=list(BAD_CONNECT))
def test_bad_connect_calls_are_told_in_plain_words(call: Callable[[], Any]) -> None:
    refused(call)


def test_an_int_target_is_told_to_use_port_by_name() -> None:
    error = refused(lambda: factorylab.connect(5020))
    assert "connect(port=5020)" in error.en and "connect(port=5020)" in error.ko


@pytest.mark.parametrize("name", ["oven", "line", "my_line.yaml"])
def test_a_scenario_given_where_the_address_goes_is_told_to_use_scenario_by_name(name: str) -> None:
    with pytest.raises(FactoryLabError) as caught:
        factorylab.connect(name)
    assert f'connect(scenario="{name}")' in caught.value.ko and f'connect(scenario="{name}")' in caught.value.en


@pytest.mark.parametrize("seed", [0, 3, np.int64(7), 2**40])
def test_a_whole_seed_of_0_or_more_still_makes_a_line(seed: Any) -> None:
    line = factorylab.connect(seed=seed)
    assert line.plant.seed == int(seed) and type(line.plant.seed) is int


def test_a_port_by_name_still_connects(sim: Sim) -> None:
    with factorylab.connect(port=sim.port) as line:
        assert line.scenario.id == "line" and not line.is_local
    with factorylab.connect(f"127.0.0.1:{sim.port}") as line:
        assert line.scenario.id == "line"


def test_a_scenario_object_is_taken_as_it_is() -> None:
    scenario = factorylab.connect(scenario="oven").scenario
    assert factorylab.connect(scenario=scenario).scenario is scenario


# --- raw access ----------------------------------------------------------------------

BAD_RAW: dict[str, Callable[[Line], Any]] = {
    "coil None": lambda line: line.raw.write("coil", 300, None),
    "coil text": lambda line: line.raw.write("coil", 300, "x"),
    "coil nan": lambda line: line.raw.write("coil", 300, math.nan),
    "coil 2": lambda line: line.raw.write("coil", 300, 2),
    "coil without a value": lambda line: line.raw.write("coil", 300),
    "register 70000": lambda line: line.raw.write("40301", 70000),
    "register -1": lambda line: line.raw.write("40301", -1),
    "register 55.7": lambda line: line.raw.write("40301", 55.7),
    "register list with 70000": lambda line: line.raw.write("holding_register", 300, [50, 70000]),
    "no values": lambda line: line.raw.write("holding_register", 300, []),
    "an input register": lambda line: line.raw.write("30001", 5),
    "read address -1": lambda line: line.raw.read("holding_register", -1),
    "read address 70000": lambda line: line.raw.read("holding_register", 70000),
    "read address text": lambda line: line.raw.read("coil", "300"),
    "read address 1.5": lambda line: line.raw.read("coil", 1.5),
    "read count 0": lambda line: line.raw.read("holding_register", 0, 0),
    "read count -1": lambda line: line.raw.read("holding_register", 0, -1),
    "read count 70000": lambda line: line.raw.read("holding_register", 0, 70000),
    "read count 126": lambda line: line.raw.read("holding_register", 0, 126),
    "read count text": lambda line: line.raw.read("holding_register", 0, "2"),
    "reference and a count by position": lambda line: line.raw.read("40301", 3),
    "reference as a number": lambda line: line.raw.read(40301),
    "unknown table": lambda line: line.raw.read("register", 0),
}


@pytest.mark.parametrize("call", list(BAD_RAW.values()), ids=list(BAD_RAW))
def test_bad_raw_calls_are_told_in_plain_words_locally_and_remotely(line: Line, call: Callable[[Line], Any]) -> None:
    refused(lambda: call(line))


@pytest.mark.parametrize(
    "call", [BAD_RAW[k] for k in BAD_RAW if "register" in k or "coil 2" in k or "count" in k or "input" in k]
)
def test_a_local_and_a_remote_line_refuse_a_raw_call_alike(sim: Sim, call: Callable[[Line], Any]) -> None:
    local = refused(lambda: call(factorylab.connect(scenario="line")))
    with factorylab.connect(port=sim.port) as remote_line:
        remote = refused(lambda: call(remote_line))
    assert type(local) is type(remote)
    assert (local.ko, local.en) == (remote.ko, remote.en)
    if isinstance(local, ModbusError):
        assert local.code == remote.code


def test_a_register_out_of_range_is_modbus_exception_03_on_both_lines(line: Line) -> None:
    error = refused(lambda: line.raw.write("40301", 70000))
    assert isinstance(error, ModbusError) and error.code == 3
    assert line.raw.read("40301") == line.raw.read("40301")  # the connection still answers


def test_correct_raw_calls_still_work(line: Line) -> None:
    line.raw.write("40301", 55)  # conveyor1.speed, %
    line.raw.write("coil", 300, True)
    line.raw.write("coil", 300, np.int64(1))
    line.raw.write("holding_register", 300, [np.uint16(60)])
    if line.is_local:
        assert line.raw.read("40301") == [60] and line.raw.read("coil", 300) == [1]
    else:  # a remote write acts on the simulator's next tick
        assert len(line.raw.read("holding_register", 0, 11)) == 11
    assert len(line.raw.read("40001", count=2)) == 2
    line.raw.write("coil", 300, 0)


# --- run -------------------------------------------------------------------------------

BAD_RUN: dict[str, Callable[[Line], Any]] = {
    "scan nan": lambda line: factorylab.run(idle, line, 1, scan=math.nan),
    "scan inf": lambda line: factorylab.run(idle, line, 1, scan=math.inf),
    "scan 0": lambda line: factorylab.run(idle, line, 1, scan=0),
    "scan -1": lambda line: factorylab.run(idle, line, 1, scan=-1),
    "scan 0.07": lambda line: factorylab.run(idle, line, 1, scan=0.07),
    "scan True": lambda line: factorylab.run(idle, line, 1, scan=True),
    "scan text": lambda line: factorylab.run(idle, line, 1, scan="0.1"),
    "seconds nan": lambda line: factorylab.run(idle, line, math.nan),
    "seconds inf": lambda line: factorylab.run(idle, line, math.inf),
    "seconds -5": lambda line: factorylab.run(idle, line, -5),
    "seconds True": lambda line: factorylab.run(idle, line, True),
    "record_every nan": lambda line: factorylab.run(idle, line, 1, record_every=math.nan),
    "record_every inf": lambda line: factorylab.run(idle, line, 1, record_every=math.inf),
    "record_every 0": lambda line: factorylab.run(idle, line, 1, record_every=0),
    "record_every -1": lambda line: factorylab.run(idle, line, 1, record_every=-1),
    "record a number": lambda line: factorylab.run(idle, line, 1, record=5),
    "record a tag twice": lambda line: factorylab.run(idle, line, 1, record=["conveyor1.run", "conveyor1.run"]),
    "record an unknown tag": lambda line: factorylab.run(idle, line, 1, record="conveyor1.rnu"),
    "store a number": lambda line: factorylab.run(idle, line, 1, store=123),
    "store without tags": lambda line: factorylab.run(idle, line, 1, record=[], store="never.sqlite"),
}


@pytest.mark.parametrize("call", list(BAD_RUN.values()), ids=list(BAD_RUN))
def test_bad_run_calls_are_told_in_plain_words_locally_and_remotely(line: Line, call: Callable[[Line], Any]) -> None:
    time_before = line.time
    refused(lambda: call(line))
    if line.is_local:
        assert line.time == time_before  # refused before anything ran


def test_a_folder_as_store_is_told_before_the_run_and_writes_nothing(line: Line, tmp_path: Path) -> None:
    error = refused(lambda: factorylab.run(idle, line, 1, store=tmp_path))
    assert str(tmp_path) in error.en
    assert list(tmp_path.iterdir()) == []


def test_something_else_than_a_line_is_told(tmp_path: Path) -> None:
    for not_a_line in ("notaline", None, 5, tmp_path):
        error = refused(lambda not_a_line=not_a_line: factorylab.run(idle, not_a_line, 1))
        assert "connect()" in error.en and "connect()" in error.ko


def test_one_tag_name_as_text_records_that_tag(line: Line) -> None:
    result = factorylab.run(idle, line, 0.2, scan=0.1, record="conveyor1.run")
    assert list(result.history.columns) == ["conveyor1.run"]
    result = factorylab.run(idle, line, 0.2, scan=0.1, record=("conveyor1.run", "conveyor1.speed"))
    assert list(result.history.columns) == ["conveyor1.run", "conveyor1.speed"]


def test_correct_run_arguments_still_run(tmp_path: Path) -> None:
    line = factorylab.connect()
    store = tmp_path / "run.sqlite"
    result = factorylab.run(idle, line, np.int64(2), scan=np.float64(0.1), record_every=0.5, store=store)
    assert result.scans == 20 and len(result.history) == 4
    assert store.is_file()
    assert len(factorylab.run(idle, line, 1, record=[]).history.columns) == 0
    result = factorylab.run(idle, line, 1, scan=0.5, record_every=0.01)  # less than a scan: every scan
    assert len(result.history) == 2
