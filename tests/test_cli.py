"""The ``factorylab`` command, run as a user runs it (a real process)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from pymodbus.client import ModbusTcpClient

from factorylab import __version__
from factorylab.plant import load_scenario
from factorylab.tags import ALL_TAGS, tags_for

from .conftest import Sim, factorylab_command


def run(*args: str, lang: str = "en", check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "FACTORYLAB_LANG": lang}
    result = subprocess.run(factorylab_command() + list(args), capture_output=True, text=True, env=env, timeout=60)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_version() -> None:
    assert run("--version").stdout.strip() == f"factorylab {__version__}"


def test_help_in_korean_by_default_and_english_on_request() -> None:
    ko = run("--help", lang="ko").stdout
    en = run("--help", lang="en").stdout
    assert "시뮬레이터" in ko and "tag table" in en
    assert "시나리오" in run("sim", "--help", "--lang", "ko", lang="en").stdout


def test_scenarios_lists_each_in_both_languages() -> None:
    out = run("scenarios").stdout
    for scenario in ("conveyor", "sorting"):
        s = load_scenario(scenario)
        assert scenario in out and s.summary.ko in out and s.summary.en in out


def test_tags_json_is_the_tag_table() -> None:
    records = json.loads(run("tags", "--scenario", "sorting", "--format", "json").stdout)
    expected = [t.as_record() for t in tags_for(load_scenario("sorting"))]
    assert records == json.loads(json.dumps(expected))
    for record in records:
        assert record["table"] in ("coil", "discrete_input", "input_register", "holding_register")
        assert record["access"] in ("ro", "rw")
        assert record["notation"] == ALL_TAGS[record["name"]].notation


def test_tags_csv_and_table() -> None:
    rows = list(csv.DictReader(io.StringIO(run("tags", "--scenario", "conveyor", "--format", "csv").stdout)))
    assert len(rows) == len(tags_for(load_scenario("conveyor")))
    assert rows[0]["name"] == "system.sim_time" and rows[0]["notation"] == "40001"
    table_ko = run("tags", lang="ko").stdout
    assert "컨베이어1 모터 운전 명령" in table_ko and "40301" in table_ko
    assert "Conveyor1 motor run command" in run("tags", "--lang", "en").stdout


def test_a_broken_scenario_file_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("extends: sorting\nfeeder:\n  interval: -3\n", encoding="utf-8")
    for command in (["tags", "--scenario", str(bad)], ["sim", "--scenario", str(bad), "--port", "0"]):
        result = run(*command, check=False)
        assert result.returncode == 2
        assert f"{bad}:3: feeder.interval: must be at least 1" in result.stderr
    result = run("tags", "--scenario", str(bad), lang="ko", check=False)
    assert result.returncode == 2 and f"{bad}:3:" in result.stderr and "이상이어야" in result.stderr


def test_unknown_scenario_exits_2() -> None:
    result = run("sim", "--scenario", "nope", check=False)
    assert result.returncode == 2 and "sorting" in result.stderr


@pytest.mark.parametrize("args", [["--speed", "0"], ["--seed", "-1"], ["--port", "70000"]])
def test_bad_sim_options_exit_2(args: list[str]) -> None:
    result = run("sim", *args, check=False)
    assert result.returncode == 2 and "factorylab:" in result.stderr


# --- the simulator as a process -----------------------------------------------------


@pytest.fixture
def sim(free_port: int):
    server = Sim(free_port, "--speed", "4", "--stats")
    yield server
    if server.process.poll() is None:
        server.stop()


def test_sim_serves_the_line_and_stops_cleanly_on_sigterm(sim: Sim) -> None:
    client = ModbusTcpClient("127.0.0.1", port=sim.port, timeout=3)
    assert client.connect()
    try:
        assert client.read_holding_registers(4, count=1, device_id=1).registers == [6]  # line, the default
        for address in (200, 300, 400):  # feeder, conveyor1, conveyor2
            assert not client.write_coil(address, True, device_id=1).isError()
        deadline = time.monotonic() + 20
        while not client.read_discrete_inputs(302, count=1, device_id=1).bits[0]:  # conveyor1 exit eye
            assert time.monotonic() < deadline, "no part reached the conveyor1 exit photo-eye"
            time.sleep(0.02)
        ticks = client.read_holding_registers(2, count=2, device_id=1).registers
        assert (ticks[0] << 16 | ticks[1]) > 100
    finally:
        client.close()
    code, out, err = sim.stop(signal.SIGTERM)
    assert code == 0, err
    assert "Simulator stopped" in out and "ticks, lateness" in out


def test_sim_demo_drives_the_line_without_any_client_writes(free_port: int) -> None:
    demo = Sim(free_port, "--speed", "10", "--demo")
    client = ModbusTcpClient("127.0.0.1", port=demo.port, timeout=3)
    assert client.connect()
    try:
        table = tags_for(load_scenario("line"))
        parts_in = table["production.parts_in"]
        deadline = time.monotonic() + 20
        while True:
            words = client.read_input_registers(parts_in.address, count=2, device_id=1).registers
            if (words[0] << 16 | words[1]) >= 3:
                break
            assert time.monotonic() < deadline, "the demo program fed no parts"
            time.sleep(0.1)
        heater = table["oven.heater"]
        assert client.read_holding_registers(heater.address, count=1, device_id=1).registers[0] > 0
    finally:
        client.close()
    code, out, err = demo.stop()
    assert code == 0, err
    assert "demo program drives the line" in out


def test_sim_stops_cleanly_on_ctrl_c(sim: Sim) -> None:
    code, out, _ = sim.stop(signal.SIGINT)
    assert code == 0 and "Simulator stopped" in out


def test_a_busy_port_is_a_clear_error_with_a_free_port_suggested(sim: Sim) -> None:
    result = run("sim", "--port", str(sim.port), check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "in use" in result.stderr
    suggested = int(re.search(r"--port (\d+)", result.stderr).group(1))
    assert suggested != sim.port
    with socket.socket() as probe:  # the suggestion is free indeed
        probe.bind(("127.0.0.1", suggested))
    korean = run("sim", "--port", str(sim.port), "--lang", "ko", check=False)
    assert korean.returncode == 2 and "사용 중" in korean.stderr and "--port " in korean.stderr


@pytest.mark.parametrize("host", ["999.1.1.1", "nonsense"])
def test_a_host_that_is_not_an_address_here_is_a_clear_error(host: str, free_port: int) -> None:
    for lang, words in (("en", "not an address of this computer"), ("ko", "이 컴퓨터의 주소가 아닙니다")):
        result = run("sim", "--headless", "--host", host, "--port", str(free_port), "--lang", lang, check=False)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1 and words in result.stderr and "127.0.0.1" in result.stderr


MBPOLL = shutil.which("mbpoll")


@pytest.mark.skipif(MBPOLL is None, reason="mbpoll is not installed (CI installs it: apt-get install mbpoll)")
def test_done_when_with_mbpoll(sim: Sim) -> None:
    """The issue's 'done when', with the real mbpoll client."""

    def mbpoll(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [MBPOLL, "-m", "tcp", "-p", str(sim.port), "-0", *args], capture_output=True, text=True, timeout=20
        )

    for tag in ("feeder.run", "conveyor1.run", "conveyor2.run"):
        result = mbpoll("-t", "0", "-r", str(ALL_TAGS[tag].address), "127.0.0.1", "1")
        assert "Written 1 references" in result.stdout, result.stdout + result.stderr
    eye = ALL_TAGS["conveyor1.photo_eye_exit"].address
    deadline = time.monotonic() + 20
    while True:
        result = mbpoll("-t", "1", "-r", str(eye), "-c", "1", "-1", "127.0.0.1")
        if f"[{eye}]: \t1" in result.stdout:
            break
        assert time.monotonic() < deadline, result.stdout
        time.sleep(0.05)
    result = mbpoll("-t", "4", "-r", "50", "-c", "1", "-1", "127.0.0.1")
    assert "Illegal data address" in result.stdout + result.stderr


def test_a_reader_that_leaves_early_is_not_an_error() -> None:
    """``factorylab tags | head -1``: the pipe closes under us; no traceback, exit 0."""
    process = subprocess.Popen(
        factorylab_command() + ["tags"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    process.stdout.close()  # the reader is gone before the first line
    err = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=30) == 0
    assert "Traceback" not in err and "Broken pipe" not in err, err
