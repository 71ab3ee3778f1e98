"""The operator's hands on a line: ``line.press`` and ``line.estop``, local and remote.

A remote line writes the simulator-operator block of the tag table
(``operator.start`` ..., simulation only), so a simulator without a window
can be reset and started from a notebook; a server can refuse it. The tests
use a real ``factorylab sim --headless`` subprocess or a real Modbus server
on loopback (``tests.conftest``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pymodbus.client import ModbusTcpClient

import factorylab
from factorylab import FactoryLabError, ModbusError
from factorylab.control.operator import BUTTONS
from factorylab.docsgen import register_map
from factorylab.plant import Plant, builtin_ids, load_scenario
from factorylab.plant.panel import BUTTONS as PANEL_BUTTONS
from factorylab.tags import ALL_TAGS, OPERATOR, PRESS_SECONDS, TAGS, is_operator_tag, tags_for
from tests.conftest import ServerThread, Sim

OPERATOR_TAGS = [tag for tag in TAGS if is_operator_tag(tag)]

#: the conveyor line whose safety relay starts tripped: nothing moves before a reset
LOCKED = """\
extends: conveyor
safety:
  reset_required_at_start: true
"""

#: a line without an operator panel
BELTS_ONLY = """\
id: belts_only
number: 1
title: {ko: 벨트만, en: Belts only}
summary: {ko: 패널 없는 공급기와 컨베이어, en: Feeder and belts without a panel}
stations: [feeder, conveyor1, conveyor2]
"""


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Poll ``condition`` until it holds (True) or ``timeout`` wall seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def stays(condition: Callable[[], bool], seconds: float) -> bool:
    """True if ``condition`` holds at every poll for ``seconds`` wall seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not condition():
            return False
        time.sleep(0.05)
    return condition()


class Stopped(Exception):
    """Raised by :class:`SealIn` to end its run when the test is over."""


class SealIn:
    """A student's start/stop program (seal-in), run by ``factorylab.run`` over Modbus in a thread.

    It runs on a connection of its own, as a notebook's program would while
    the operator uses the panel, until :meth:`stop` (the program then raises
    :class:`Stopped` in its next scan, which ends the run).
    """

    def __init__(self, address: str) -> None:
        self.line = factorylab.connect(address)
        self.on = False
        self.done = threading.Event()
        self.scanning = threading.Event()  # set by the first scan
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def __call__(self, line, t: float) -> None:
        if self.done.is_set():
            raise Stopped
        self.scanning.set()
        panel = line.panel
        self.on = (panel.start or self.on) and not panel.stop and panel.safety_ok
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = self.on

    def _serve(self) -> None:
        try:
            factorylab.run(self, self.line, seconds=120.0, record=[])
        except BaseException as error:  # reported by stop(), unless it is the end of the test
            ended = isinstance(error, FactoryLabError) and f"{Stopped.__name__}:" in error.en
            if not (self.done.is_set() and ended):
                self.error = error

    def stop(self) -> None:
        self.done.set()
        self.thread.join(timeout=10)
        self.line.close()
        assert self.error is None, self.error


@pytest.fixture
def locked_sim(tmp_path: Path, free_port: int) -> Iterator[Sim]:
    """``factorylab sim --headless`` on the conveyor line whose safety relay starts tripped."""
    scenario = tmp_path / "locked.yaml"
    scenario.write_text(LOCKED, encoding="utf-8")
    sim = Sim(free_port, "--scenario", str(scenario))
    yield sim
    code, _, err = sim.stop()
    assert code == 0 and "Traceback" not in err, err


def test_a_headless_simulator_is_reset_started_and_stopped_from_a_remote_line(locked_sim: Sim) -> None:
    address = f"127.0.0.1:{locked_sim.port}"
    operator = factorylab.connect(address)  # the notebook's line
    program = SealIn(address)  # the notebook's program, running
    try:
        assert program.scanning.wait(timeout=30)  # its first scan (a press before it would go unseen)

        def belt_moves() -> bool:
            return operator.conveyor1.running and operator.conveyor1.belt_speed > 0

        assert not operator.panel.safety_ok  # the scenario starts with the safety relay tripped
        operator.press("start")
        assert stays(lambda: not belt_moves(), 0.6)  # START does nothing while the relay is tripped

        operator.press("reset")
        assert wait_for(lambda: operator.panel.safety_ok)
        assert stays(lambda: not belt_moves(), 0.6)  # a reset powers the line but starts nothing
        operator.press("start")
        assert wait_for(belt_moves)  # the line runs

        operator.estop(True)
        assert wait_for(lambda: not belt_moves())
        assert operator.panel.estop and operator.operator.estop and not operator.panel.safety_ok

        operator.estop(False)
        assert wait_for(lambda: not operator.panel.estop)
        assert stays(lambda: not operator.panel.safety_ok, 0.4)  # released, but the relay waits for a reset
        operator.press("reset")
        assert wait_for(lambda: operator.panel.safety_ok)
        assert stays(lambda: not belt_moves(), 0.6)  # nothing restarts by itself after the reset
        operator.press("start")
        assert wait_for(belt_moves)  # runs again

        operator.press("stop")
        assert wait_for(lambda: not belt_moves())  # STOP from the network stops it too
        assert operator.panel.safety_ok
    finally:
        program.stop()
        operator.close()


def test_a_long_remote_press_holds_the_button(locked_sim: Sim) -> None:
    line = factorylab.connect(f"127.0.0.1:{locked_sim.port}")
    watcher = factorylab.connect(f"127.0.0.1:{locked_sim.port}")
    try:
        start = line.time
        presser = threading.Thread(target=line.press, args=("stop", 1.5))
        presser.start()
        assert wait_for(lambda: watcher.time >= start + 0.6)  # a single press (0.2 s) is over by now
        held = [watcher.panel.stop for _ in range(5)]
        presser.join(timeout=10)
        assert any(held), held
        assert line.time >= start + 1.5 - PRESS_SECONDS - 0.05  # press() waited until the end of the press
        assert wait_for(lambda: not watcher.panel.stop)  # then the button springs back
    finally:
        line.close()
        watcher.close()


# --- the same on a local and a remote line ---------------------------------------------------------


@pytest.fixture
def remote(served: ServerThread) -> Iterator[factorylab.control.line.RemoteLine]:
    line = factorylab.connect(f"127.0.0.1:{served.port}")
    yield line
    line.close()


def test_a_remote_press_presses_the_panel_for_a_moment(served: ServerThread, remote) -> None:
    panel = served.plant.panel
    remote.press("start")
    assert not panel.start  # a write acts on the next tick
    served.tick()
    assert panel.start and remote.panel.start and remote.operator.start
    served.tick(round(PRESS_SECONDS / 0.05))
    assert not panel.start and not remote.operator.start  # released by itself
    remote.operator.reset = True  # the tag itself does the same
    served.tick()
    assert panel.reset
    remote.operator.reset = False  # 0 lets it go at once (an HMI's momentary button)
    served.tick()
    assert not panel.reset and not remote.operator.reset


def test_local_and_remote_lines_act_alike(served: ServerThread, remote) -> None:
    local = factorylab.connect(scenario="sorting", seed=1)
    for line in (local, remote):
        line.estop(True)
    served.tick()
    local.step(0.05)
    assert local.panel.estop == remote.panel.estop is True
    assert local.panel.safety_ok == remote.panel.safety_ok is False
    for line in (local, remote):
        line.estop(False)
        line.press("reset")
    served.tick()
    local.step(0.05)
    assert local.panel.safety_ok == remote.panel.safety_ok is True
    assert local.operator.estop == remote.operator.estop is False
    local.press("stop", seconds=1.0)  # a local press keeps its length exactly
    local.step(0.95)
    assert local.panel.stop
    local.step(0.1)
    assert not local.panel.stop
    local.operator.start = True  # the operator tag of a local line presses too
    assert local.panel.start and local.plant.panel.start


@pytest.mark.parametrize("where", ["local", "remote"])
def test_a_misspelt_button_gets_a_suggestion_in_both_languages(where: str, served: ServerThread, remote) -> None:
    line = remote if where == "remote" else factorylab.connect(scenario="sorting")
    with pytest.raises(FactoryLabError) as caught:
        line.press("strat")
    assert "혹시 'start'인가요?" in caught.value.ko and "'strat'" in caught.value.ko
    assert "Did you mean 'start'?" in caught.value.en and "'strat'" in caught.value.en
    with pytest.raises(FactoryLabError) as caught:
        line.press("estop")
    assert "line.estop(True)" in caught.value.en and "line.estop(True)" in caught.value.ko
    with pytest.raises(FactoryLabError) as caught:
        line.press(3)
    assert "start, stop, reset" in caught.value.en and "Did you mean" not in caught.value.en
    for seconds in (0, -1, float("nan"), float("inf"), True, "1", 61):
        with pytest.raises(FactoryLabError) as caught:
            line.press("start", seconds)
        assert "seconds" in caught.value.en and "seconds" in caught.value.ko
    for pushed in ("yes", 2, None, 0.5):
        with pytest.raises(FactoryLabError) as caught:
            line.estop(pushed)
        assert "True" in caught.value.en and "True" in caught.value.ko
    served.tick()
    panel = (served.plant if where == "remote" else line.plant).panel
    assert not (panel.start or panel.stop or panel.reset or panel.estop)  # nothing was pressed


def test_a_line_without_a_panel_says_there_is_nothing_to_press(tmp_path: Path) -> None:
    path = tmp_path / "belts_only.yaml"
    path.write_text(BELTS_ONLY, encoding="utf-8")
    line = factorylab.connect(scenario=str(path))
    assert "operator" not in line.devices
    with pytest.raises(FactoryLabError) as caught:
        line.press("start")
    assert "no operator panel" in caught.value.en and "조작 패널이 없어서" in caught.value.ko
    with pytest.raises(FactoryLabError):
        line.estop()


# --- a server that refuses the operator block ---------------------------------------------------------


@pytest.fixture
def refusing() -> Iterator[ServerThread]:
    server = ServerThread(Plant("sorting", seed=1), operator_writes=False)
    yield server
    server.stop()


def test_a_server_can_refuse_operator_writes_with_exception_01(refusing: ServerThread) -> None:
    line = factorylab.connect(f"127.0.0.1:{refusing.port}")
    try:
        with pytest.raises(FactoryLabError) as caught:
            line.press("start")
        assert "read-only" in caught.value.en and "읽기 전용" in caught.value.ko
        with pytest.raises(FactoryLabError):
            line.estop(True)
        with pytest.raises(ModbusError) as raw:  # the tag itself: the same refusal, as a Modbus error
            line.operator.stop = True
        assert raw.value.code == 1
        client = ModbusTcpClient("127.0.0.1", port=refusing.port)
        assert client.connect()
        try:
            start = ALL_TAGS["operator.start"].address
            assert client.write_coil(start, True, device_id=1).exception_code == 1
            assert client.write_coils(start, [True] * len(OPERATOR_TAGS), device_id=1).exception_code == 1
            # the PLC-side coils are written as ever, and the operator block can still be read
            assert not client.write_coil(ALL_TAGS["conveyor1.run"].address, True, device_id=1).isError()
            assert client.read_coils(start, count=len(OPERATOR_TAGS), device_id=1).bits[: len(OPERATOR_TAGS)] == [
                False
            ] * len(OPERATOR_TAGS)
        finally:
            client.close()
        refusing.tick()
        panel = refusing.plant.panel
        assert not (panel.start or panel.estop) and panel.safety_ok
        assert refusing.plant.conveyor1.run
        assert refusing.server.stats.exceptions.get(1) == 5
    finally:
        line.close()


def test_a_raw_write_to_a_refused_coil_is_modbus_exception_01(refusing: ServerThread) -> None:
    line = factorylab.connect(f"127.0.0.1:{refusing.port}")
    try:
        with pytest.raises(ModbusError) as caught:
            line.raw.write("coil", ALL_TAGS["operator.estop"].address, 1)
        assert caught.value.code == 1
    finally:
        line.close()


# --- the tag table keeps the operator block apart ------------------------------------------------------


def test_the_operator_block_is_apart_from_the_plc_side_tags() -> None:
    assert [tag.attribute for tag in OPERATOR_TAGS] == [*PANEL_BUTTONS, "estop"]
    assert BUTTONS == PANEL_BUTTONS
    assert {tag.device for tag in OPERATOR_TAGS} == {OPERATOR}
    assert all(tag.device == OPERATOR for tag in TAGS if is_operator_tag(tag))
    assert not any(is_operator_tag(tag) for tag in TAGS if tag.device != OPERATOR)
    blocks = {tag.address // 100 for tag in OPERATOR_TAGS}
    assert len(blocks) == 1 and all(tag.table == "coil" for tag in OPERATOR_TAGS)
    block = blocks.pop()
    # no PLC-side tag lives in the operator block, in any table, and no operator tag in a PLC-side block
    assert not [tag.name for tag in TAGS if not is_operator_tag(tag) and tag.address // 100 == block]
    plc_blocks = {(tag.table, tag.address // 100) for tag in TAGS if not is_operator_tag(tag)}
    assert not [tag.name for tag in OPERATOR_TAGS if (tag.table, tag.address // 100) in plc_blocks]
    # the panel's own tags stay the PLC's inputs from the panel
    for name in ("panel.start", "panel.stop", "panel.reset", "panel.estop"):
        assert ALL_TAGS[name].table == "discrete_input" and not ALL_TAGS[name].writable
    for tag in OPERATOR_TAGS:
        assert tag.writable and tag.type == "bool"
        assert tag.description_en.startswith("Simulation only") and "not a PLC output" in tag.description_en
        assert tag.description_ko.startswith("시뮬레이션 전용") and "PLC 출력 아님" in tag.description_ko


@pytest.mark.parametrize("scenario", builtin_ids())
def test_every_scenario_with_a_panel_has_the_operator_block_last(scenario: str) -> None:
    tags = list(tags_for(load_scenario(scenario)))
    assert [tag.name for tag in tags if is_operator_tag(tag)] == [tag.name for tag in OPERATOR_TAGS]
    assert all(is_operator_tag(tag) for tag in tags[-len(OPERATOR_TAGS) :])


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_register_map_shows_the_operator_block_in_its_own_section(lang: str) -> None:
    page = register_map(lang)
    heading = "시뮬레이터 조작 블록 (시뮬레이션 전용)" if lang == "ko" else "Simulator operator (simulation only)"
    for tab in page.split('=== "')[1:]:
        plc, note, operator = tab.partition(f'!!! warning "{heading}"')
        assert note, tab[:40]
        assert "`operator." not in plc and "`panel.start`" in plc
        assert [line.split("`")[1] for line in operator.splitlines() if line.strip().startswith("| `")] == [
            tag.name for tag in OPERATOR_TAGS
        ]


def test_a_control_program_cannot_press_the_panel_itself() -> None:
    """Pressing is the operator's hand: a program that presses its own START is told, in any way it tries."""
    import factorylab

    attempts = {
        "press": lambda line: line.press("start"),
        "estop": lambda line: line.estop(False),
        "tag": lambda line: setattr(line.operator, "start", True),
        "raw": lambda line: line.raw.write("coil", ALL_TAGS["operator.start"].address, [1]),
    }
    for name, attempt in attempts.items():
        line = factorylab.connect(scenario="conveyor")

        def controller(line, t, attempt=attempt):
            attempt(line)

        with pytest.raises(factorylab.FactoryLabError) as caught:
            factorylab.run(controller, line, seconds=1)
        assert "cannot press the operator panel" in caught.value.en, name
        assert "조작 패널을 누를 수 없습니다" in caught.value.ko
        line.press("start")  # outside the program, in a notebook cell: the trainer's hand
