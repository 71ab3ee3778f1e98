"""The line object: the same attributes locally and over Modbus, clear errors."""

from __future__ import annotations

import pytest

import factorylab
from factorylab import ConnectionProblem, ModbusError, TagError
from factorylab.control.line import LocalLine, RemoteLine
from factorylab.plant import Plant
from factorylab.tags import ALL_TAGS
from tests.conftest import ServerThread


@pytest.fixture
def local() -> LocalLine:
    return factorylab.connect(scenario="line", seed=2)


@pytest.fixture
def remote():
    server = ServerThread(Plant("line", seed=2))
    line = factorylab.connect(f"127.0.0.1:{server.port}")
    yield line, server
    line.close()
    server.stop()


def test_connect_gives_a_local_line_by_default() -> None:
    line = factorylab.connect()
    assert isinstance(line, LocalLine) and line.scenario.id == "line" and line.plant.seed == 0


def test_connect_with_only_a_port_reaches_the_simulator_on_this_computer(free_port: int) -> None:
    with pytest.raises(ConnectionProblem):  # not a silent local line when nobody serves that port
        factorylab.connect(port=free_port)
    server = ServerThread(Plant("sorting", seed=0))
    try:
        line = factorylab.connect(port=server.port)
        assert not line.is_local and line.scenario.id == "sorting"
        line.close()
    finally:
        server.stop()


def test_tags_are_attributes_in_engineering_units(local: LocalLine) -> None:
    local.conveyor1.run = True
    local.oven.heater = 55.5
    assert local.plant.conveyor1.run is True and local.plant.oven.heater == 55.5
    local.step(1.0)
    assert local.conveyor1.running is True
    assert local.conveyor1.belt_speed == 200
    assert isinstance(local.oven.temperature, float) and 20 < local.oven.temperature < 30
    assert local.panel.estop is False and local.sorter.retracted is True


def test_tab_completion_lists_the_tags(local: LocalLine) -> None:
    assert {"run", "speed", "photo_eye_exit", "current"} <= set(dir(local.conveyor1))
    assert {"conveyor1", "oven", "cnc", "production", "info", "snapshot", "raw"} <= set(dir(local))


def test_help_shows_unit_range_access_and_address_in_both_languages(local: LocalLine) -> None:
    text = local.info("conveyor1.speed").text()
    tag = ALL_TAGS["conveyor1.speed"]
    assert "%" in text and "0..100" in text and "read/write" in text and "읽기/쓰기" in text
    assert f"{tag.address}" in text and tag.notation in text
    assert type(local.conveyor1).speed.__doc__ == text  # what help() and Jupyter's ? show
    assert "40301" in local.conveyor1.info("speed").text("en")


def test_writing_a_read_only_tag_or_out_of_range_raises_one_clear_error(local, monkeypatch) -> None:
    with pytest.raises(TagError) as caught:
        local.oven.temperature = 100
    assert "oven.temperature" in caught.value.en and "read-only" in caught.value.en
    assert "읽기 전용" in caught.value.ko
    with pytest.raises(TagError) as caught:
        local.conveyor1.speed = 150
    assert "conveyor1.speed" in caught.value.en and "0..100 %" in caught.value.en
    monkeypatch.setenv("FACTORYLAB_LANG", "en")
    assert str(caught.value) == caught.value.en
    monkeypatch.setenv("FACTORYLAB_LANG", "ko")
    assert str(caught.value) == caught.value.ko
    for wrong in ("fast", None, float("nan")):
        with pytest.raises(TagError):
            local.conveyor1.speed = wrong
    with pytest.raises(TagError) as caught:
        local.conveyor1.run = "yes"
    assert "True" in caught.value.en
    assert local.plant.conveyor1.speed == 80  # nothing was written


def test_misspelt_names_are_caught_not_silently_added(local: LocalLine) -> None:
    with pytest.raises(TagError) as caught:
        local.conveyor1.rn = True
    assert "Did you mean 'run'" in caught.value.en
    with pytest.raises(TagError) as caught:
        _ = local.convyor1
    assert "conveyor1" in caught.value.en
    with pytest.raises(AttributeError):  # TagError is an AttributeError: hasattr() works
        _ = local.oven.temprature
    assert not hasattr(local.oven, "temprature")


def test_raw_access_compares_with_the_named_tag(local: LocalLine) -> None:
    local.step(3.0)
    assert local.raw.read("holding_register", 300) == [80]
    assert local.raw.read("40301") == [80]
    words = local.raw.read("40001", count=10)
    assert (words[2] << 16 | words[3]) == 60  # ticks after 3 s
    local.raw.write("40301", 55)
    assert local.conveyor1.speed == 55
    local.raw.write("coil", 300, 1)
    assert local.conveyor1.run is True
    assert local.raw.read("30701") == [round(local.oven.temperature * 10)]
    with pytest.raises(ModbusError) as caught:
        local.raw.read("40051")
    assert caught.value.code == 2 and "Illegal data address" in caught.value.en
    with pytest.raises(ModbusError) as caught:
        local.raw.write("40301", 101)
    assert caught.value.code == 3
    with pytest.raises(ModbusError) as caught:
        local.raw.write("input_register", 300, 5)
    assert caught.value.code == 1
    with pytest.raises(TagError):
        local.raw.read("50001")


def test_snapshot_as_dict_and_series(local: LocalLine) -> None:
    local.conveyor1.run = True
    snap = local.snapshot()
    assert snap["conveyor1.run"] is True and len(snap) == len(local.tags)
    series = snap.to_series()
    assert series["conveyor1.speed"] == 80 and series.name == snap.time


def test_operator_actions_on_a_local_line(local: LocalLine) -> None:
    local.press("start")
    local.step(0.05)
    assert local.panel.start
    local.estop()
    local.step(0.05)
    assert not local.panel.safety_ok


def test_remote_line_has_exactly_the_same_attributes(local, remote) -> None:
    line, _ = remote
    assert isinstance(line, RemoteLine) and line.scenario.id == "line"
    assert line.devices == local.devices
    for device in local.devices:
        assert dir(getattr(line, device)) == dir(getattr(local, device))


def test_remote_reads_and_writes_go_over_modbus(remote) -> None:
    line, server = remote
    line.conveyor1.run = True
    line.oven.heater = 40
    server.tick()
    assert server.plant.conveyor1.run is True and server.plant.oven.heater == 40
    server.tick(20)
    assert line.conveyor1.running is True
    assert line.system.tick == 21
    assert line.oven.temperature == ALL_TAGS["oven.temperature"].read(server.plant)
    assert line.raw.read("40301") == [80]
    with pytest.raises(TagError) as caught:
        line.conveyor1.speed = 150
    assert "0..100" in caught.value.en
    with pytest.raises(ModbusError) as caught:
        line.raw.read("40051")
    assert caught.value.code == 2


def test_remote_connection_problems_are_one_clear_message(free_port: int) -> None:
    with pytest.raises(ConnectionProblem) as caught:
        factorylab.connect(f"127.0.0.1:{free_port}")
    assert "factorylab sim" in caught.value.en and "시뮬레이터" in caught.value.ko
    error = caught.value
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)  # no pymodbus chain
    with pytest.raises(ConnectionProblem):
        factorylab.connect("127.0.0.1:port")


def test_a_lost_connection_is_reported_plainly() -> None:
    server = ServerThread(Plant("conveyor", seed=0))
    line = factorylab.connect(host="127.0.0.1", port=server.port)
    assert line.scenario.id == "conveyor"
    server.stop()
    with pytest.raises(ConnectionProblem) as caught:
        _ = line.conveyor1.running
    assert "lost" in caught.value.en
