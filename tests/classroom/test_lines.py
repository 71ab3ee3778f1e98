"""A class's lines in one process: own ports, unit ids on a shared port, isolation, the command."""

from __future__ import annotations

import asyncio
import csv
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import factorylab
from factorylab.classroom import Classroom, RosterEntry, read_roster
from factorylab.errors import FactoryLabError, ModbusError
from factorylab.modbus.client import ModbusLink
from factorylab.runtime import InjectFault
from tests.conftest import factorylab_command

SEED = 8  # holding register: system.seed (uint32, 2 words)
GREEN = 112  # coil: stack_light.green


def free_ports(count: int) -> list[int]:
    socks = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            socks.append(sock)
        return [s.getsockname()[1] for s in socks]
    finally:
        for sock in socks:
            sock.close()


class Running:
    """A Classroom run in a thread, for a test."""

    def __init__(self, room: Classroom) -> None:
        self.room = room
        self.ready = threading.Event()
        self.error: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        assert self.ready.wait(20) and not self.error, self.error

    def _run(self) -> None:
        try:
            asyncio.run(self.room.run(on_ready=lambda room: self.ready.set()))
        except BaseException as exc:
            self.error.append(exc)
            self.ready.set()

    def stop(self) -> None:
        self.room.stop()
        self.thread.join(10)
        assert not self.thread.is_alive()


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Classroom]:
    roster = {2: RosterEntry(2, "김민수", frozenset({"10.9.9.9"}))}
    room = Classroom(3, seed=10, first_port=0, shared_port=0, out=tmp_path, roster=roster)
    running = Running(room)
    yield room
    running.stop()


def seed_of(link: ModbusLink) -> int:
    high, low = link.read("holding_register", SEED, 2)
    return high << 16 | low


def test_each_line_has_its_own_plant_on_its_own_port_and_unit_id(room: Classroom) -> None:
    ports = [line.server.port for line in room.lines]
    assert len(set(ports)) == 3
    for line in room.lines:
        own = ModbusLink("127.0.0.1", line.server.port)
        shared = ModbusLink("127.0.0.1", room.shared_port, unit=line.number)
        assert seed_of(own) == seed_of(shared) == 10 + line.number
        own.close()
        shared.close()
    with pytest.raises(ModbusError) as caught:  # no line 9 in this class
        ModbusLink("127.0.0.1", room.shared_port, unit=9).read("holding_register", SEED, 2)
    assert caught.value.code == 11


def test_a_write_reaches_only_its_own_line(room: Classroom) -> None:
    line1 = factorylab.connect(f"127.0.0.1:{room.shared_port}", unit=1)
    line1.stack_light.green = True
    time.sleep(0.3)
    assert room.call(lambda: [line.plant.stack_light.green for line in room.lines]).result(5) == [True, False, False]
    own3 = factorylab.connect(f"127.0.0.1:{room.line(3).server.port}")
    assert own3.stack_light.green is False


def test_only_the_rosters_address_may_write_to_a_line_and_refusals_are_counted(room: Classroom) -> None:
    line2 = ModbusLink("127.0.0.1", room.line(2).server.port)
    with pytest.raises(ModbusError) as caught:  # this computer (127.0.0.1) is not the student's 10.9.9.9
        line2.write("coil", GREEN, [1])
    assert caught.value.code == 1
    assert "may not write" in caught.value.en
    via_shared = ModbusLink("127.0.0.1", room.shared_port, unit=2)
    with pytest.raises(ModbusError):
        via_shared.write("coil", GREEN, [1])
    assert line2.read("coil", GREEN, 1) == [0]  # reading is allowed
    assert room.line(2).server.stats.refused_writes == 2
    assert room.line(1).server.stats.refused_writes == 0
    clients = room.call(lambda: room.line(2).server.clients()).result(5)
    assert sorted((c.shared_port, c.refused_writes) for c in clients) == [(False, 1), (True, 1)]
    # the console switches a line read-only
    room.call(lambda: setattr(room.line(1).server, "read_only", True)).result(5)
    with pytest.raises(ModbusError):
        ModbusLink("127.0.0.1", room.line(1).server.port).write("coil", GREEN, [1])


def test_a_fault_injected_on_one_line_shows_in_its_fault_log_only(room: Classroom, tmp_path: Path) -> None:
    record = room.submit(2, InjectFault("sensor_stuck_on", "conveyor1.photo_eye_exit")).result(5)
    assert record.id >= 1
    log2 = tmp_path / "line-02-faults.csv"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and "photo_eye_exit" not in (log2.read_text() if log2.exists() else ""):
        time.sleep(0.1)
    rows = list(csv.DictReader(log2.open()))
    assert [r["target"] for r in rows] == ["conveyor1.photo_eye_exit"]
    for other in (1, 3):
        path = tmp_path / f"line-{other:02d}-faults.csv"
        assert not path.exists() or list(csv.DictReader(path.open())) == []


def test_a_busy_port_stops_the_whole_class_with_the_port_named(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        room = Classroom(2, first_port=0, shared_port=port)
        with pytest.raises(OSError) as caught:
            asyncio.run(room.run())
        assert caught.value.factorylab_port == port
        assert caught.value.factorylab_what == "shared port"
    assert all(line.runtime.stopped for line in room.lines)


def test_the_roster_names_the_file_and_line_of_a_mistake(tmp_path: Path) -> None:
    good = tmp_path / "class.csv"
    good.write_text("line,student,address\n1,김민수,192.168.0.21\n# a comment\n2,이서연,\n", encoding="utf-8")
    roster = read_roster(good)
    assert roster[1] == RosterEntry(1, "김민수", frozenset({"192.168.0.21"}))
    assert roster[2].writers is None
    bad = tmp_path / "bad.csv"
    bad.write_text("line,student,address\n1,김민수,192.168.0.21\n1,박지훈,192.168.0.22\n", encoding="utf-8")
    with pytest.raises(FactoryLabError) as caught:
        read_roster(bad)
    assert f"{bad}:3" in caught.value.en and "twice" in caught.value.en
    bad.write_text("line,student,address\n1,김민수,pc-21\n", encoding="utf-8")
    with pytest.raises(FactoryLabError) as caught:
        read_roster(bad)
    assert f"{bad}:2" in caught.value.ko and "IP 주소가 아닙니다" in caught.value.ko


def test_the_command_starts_the_class_says_how_to_connect_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    shared, first = free_ports(2)
    env = {**os.environ, "FACTORYLAB_LANG": "en"}
    cmd = factorylab_command() + ["classroom", "--lines", "3", "--port", str(shared), "--first-port", str(first)]
    cmd += ["--no-console", "--stats", "--out", str(tmp_path / "class")]
    if first <= shared <= first + 2:
        pytest.skip("free ports overlap")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                link = ModbusLink("127.0.0.1", first + 2)
                break
            except FactoryLabError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
                time.sleep(0.1)
        assert seed_of(link) == 3
        link.close()
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert f'factorylab.connect("127.0.0.1:{first}") (line 1)' in out
    assert f'factorylab.connect("127.0.0.1:{shared}", unit=1)' in out
    assert "3 lines: tick lateness" in out
    assert (tmp_path / "class" / "line-03-faults.csv").exists()


@pytest.mark.parametrize(
    "args, words",
    [
        (["--lines", "0"], "--lines must be 1..247"),
        (["--lines", "3", "--port", "5022", "--first-port", "5021"], "overlap the shared port"),
        (["--lines", "3", "--record"], "--record needs an --out folder"),
        (["--lines", "3", "--roster", "missing.csv"], "cannot read the roster file"),
    ],
)
def test_bad_options_are_told_in_words(args: list[str], words: str, tmp_path: Path) -> None:
    done = subprocess.run(
        factorylab_command() + ["classroom", "--lang", "en", "--no-console", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 2
    assert words in done.stderr
    assert "Traceback" not in done.stderr


def test_a_busy_port_is_told_in_words(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        (first,) = free_ports(1)
        done = subprocess.run(
            factorylab_command()
            + [
                "classroom",
                "--lang",
                "ko",
                "--no-console",
                "--lines",
                "2",
                "--port",
                str(port),
                "--first-port",
                str(first),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert f"127.0.0.1:{port} 포트를 열 수 없습니다" in done.stderr and "shared port" in done.stderr


def test_the_docs_roster_example_is_a_valid_roster() -> None:
    from tests.conftest import REPO

    roster = read_roster(REPO / "docs" / "snippets" / "class-roster.csv")
    assert sorted(roster) == [1, 2, 3]
    assert roster[1].writers == frozenset({"192.168.0.21"}) and roster[3].writers is None
