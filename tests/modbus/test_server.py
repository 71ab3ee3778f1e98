"""The Modbus server over a real socket: every function code and exception code."""

from __future__ import annotations

import struct

import pytest
from pymodbus.client import ModbusTcpClient

from factorylab.tags import ALL_TAGS
from tests.conftest import ServerThread

from .raw import adu, connect, read_pdu, recv_frame, request


@pytest.fixture
def client(served: ServerThread):
    c = ModbusTcpClient("127.0.0.1", port=served.port, timeout=3)
    assert c.connect()
    yield c
    c.close()


def test_server_binds_to_loopback_by_default() -> None:
    from factorylab.modbus import DEFAULT_HOST, PlantModbusServer
    from factorylab.plant import Plant

    assert DEFAULT_HOST == "127.0.0.1"
    assert PlantModbusServer(Plant("conveyor")).host == "127.0.0.1"


def test_fc1_fc5_fc15_coils(served: ServerThread, client: ModbusTcpClient) -> None:
    assert client.write_coil(300, True, device_id=1).isError() is False
    assert client.read_coils(300, count=1, device_id=1).bits[0] is True  # the image shows it at once
    assert served.plant.conveyor1.run is False  # ... the plant sees it at the next tick
    served.tick()
    assert served.plant.conveyor1.run is True
    assert not client.write_coils(110, [True, False, True, True], device_id=1).isError()
    served.tick()
    light = served.plant.stack_light
    assert (light.red, light.amber, light.green, light.buzzer) == (True, False, True, True)
    assert client.read_coils(110, count=4, device_id=1).bits[:4] == [True, False, True, True]


def test_fc2_discrete_inputs_follow_the_plant(served: ServerThread, client: ModbusTcpClient) -> None:
    served.plant.panel.set_estop(True)
    served.tick()
    bits = client.read_discrete_inputs(100, count=6, device_id=1).bits[:6]
    assert bits == [False, False, False, True, True, False]  # estop in, auto, safety relay tripped


def test_fc3_fc6_fc16_holding_registers(served: ServerThread, client: ModbusTcpClient) -> None:
    served.tick(20)
    regs = client.read_holding_registers(0, count=10, device_id=1).registers
    assert (regs[0] << 16 | regs[1]) == 1000  # 20 ticks = 1.000 s in ms
    assert (regs[2] << 16 | regs[3]) == 20
    assert regs[4] == 2  # sorting
    assert regs[7] == 50  # 0.05 s time step
    assert not client.write_register(300, 55, device_id=1).isError()
    assert not client.write_registers(200, [25], device_id=1).isError()
    served.tick()
    assert served.plant.conveyor1.speed == 55
    assert served.plant.feeder.interval == 2.5
    assert client.read_holding_registers(300, count=1, device_id=1).registers == [55]


def test_fc4_input_registers_see_the_latest_tick(served: ServerThread, client: ModbusTcpClient) -> None:
    plant = served.plant
    plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = True
    served.tick(400)
    tags = [ALL_TAGS[n] for n in ("conveyor1.current", "conveyor1.belt_speed")]
    regs = client.read_input_registers(300, count=2, device_id=1).registers
    assert regs == [w for tag in tags for w in tag.words(plant)]
    counts = client.read_input_registers(20, count=15, device_id=1).registers
    assert counts[0] == plant.production.state
    assert (counts[1] << 16 | counts[2]) == plant.production.parts_in > 0


def test_exception_01_illegal_function(served: ServerThread) -> None:
    tid, unit, pdu = request(served.port, b"\x08\x00\x00\x12\x34")  # diagnostics
    assert (tid, unit, pdu) == (7, 1, b"\x88\x01")


def test_exception_02_illegal_address(served: ServerThread, client: ModbusTcpClient) -> None:
    response = client.read_holding_registers(50, count=1, device_id=1)
    assert response.isError() and response.exception_code == 2
    response = client.write_coil(103, True, device_id=1)  # the E-stop is an input, not a coil
    assert response.isError() and response.exception_code == 2


def test_exception_03_out_of_range_and_read_only_leave_state_unchanged(
    served: ServerThread, client: ModbusTcpClient
) -> None:
    response = client.write_register(300, 150, device_id=1)
    assert response.isError() and response.exception_code == 3
    response = client.write_register(4, 9, device_id=1)  # scenario id is read-only
    assert response.isError() and response.exception_code == 3
    response = client.write_registers(300, [30, 0], device_id=1)  # 301 is not a tag
    assert response.isError() and response.exception_code == 2
    served.tick()
    assert served.plant.conveyor1.speed == 80
    assert client.read_holding_registers(300, count=1, device_id=1).registers == [80]
    assert served.server.pending_writes == 0


def test_exception_04_when_the_datastore_fails(served: ServerThread, monkeypatch) -> None:
    from pymodbus.pdu.register_message import ReadHoldingRegistersRequest

    async def broken(self, context, device_id):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ReadHoldingRegistersRequest, "datastore_update", broken)
    assert request(served.port, read_pdu(3, 0, 1))[2] == b"\x83\x04"
    assert request(served.port, read_pdu(1, 300, 1))[2][0] == 1  # the server lives on


def test_exception_0b_for_another_unit_id_and_255_is_ours(served: ServerThread) -> None:
    assert request(served.port, read_pdu(3, 0, 1), unit=2) == (7, 2, b"\x83\x0b")
    tid, unit, pdu = request(served.port, read_pdu(3, 4, 1), unit=255)
    assert (tid, unit, pdu) == (7, 255, b"\x03\x02\x00\x02")


def test_quantity_zero_is_03_under_the_right_function_code(served: ServerThread) -> None:
    assert request(served.port, read_pdu(3, 0, 0))[2] == b"\x83\x03"
    assert request(served.port, read_pdu(1, 300, 0))[2] == b"\x81\x03"
    assert request(served.port, read_pdu(1, 100, 2001))[2] == b"\x81\x03"
    assert request(served.port, read_pdu(4, 20, 126))[2] == b"\x84\x03"


def test_write_single_coil_accepts_only_0000_and_ff00(served: ServerThread) -> None:
    assert request(served.port, struct.pack(">BHH", 5, 300, 0x1234))[2] == b"\x85\x03"
    served.tick()
    assert served.plant.conveyor1.run is False
    ok = struct.pack(">BHH", 5, 300, 0xFF00)
    assert request(served.port, ok)[2] == ok  # the echo of the request


def test_unknown_function_codes_are_echoed_with_the_high_bit(served: ServerThread) -> None:
    for code in (0x07, 0x11, 0x17, 0x2B, 0x41, 0x7F):
        assert request(served.port, bytes([code, 0, 0, 0, 1]))[2] == bytes([code | 0x80, 0x01])


def test_transaction_and_unit_ids_are_echoed(served: ServerThread) -> None:
    with connect(served.port) as sock:
        for tid in (0, 1, 0x1234, 0xFFFF):
            sock.sendall(adu(read_pdu(3, 4, 1), tid=tid, unit=1))
            assert recv_frame(sock)[:2] == (tid, 1)


def test_estop_cannot_be_released_over_modbus(served: ServerThread, client: ModbusTcpClient) -> None:
    plant = served.plant
    plant.panel.set_estop(True)
    served.tick()
    plant.panel.set_estop(False)  # the operator twists the button out but does not press reset
    served.tick()
    assert not client.write_coil(100, True, device_id=1).isError()  # remote E-stop: allowed
    assert not client.write_coil(100, False, device_id=1).isError()
    for address in (102, 103, 105):  # reset, estop, safety relay are inputs, not coils
        response = client.write_coil(address, True, device_id=1)
        assert response.isError() and response.exception_code == 2
    served.tick(40)
    assert plant.panel.safety_ok is False
    assert client.read_discrete_inputs(105, count=1, device_id=1).bits[0] is False
    plant.panel.press("reset", plant.time)  # only the panel's reset button releases it
    served.tick(2)
    assert plant.panel.safety_ok is True


def test_reads_outside_the_scenario_are_02(free_port: int) -> None:
    from factorylab.plant import Plant

    server = ServerThread(Plant("conveyor", seed=0))
    try:
        assert request(server.port, read_pdu(2, 500, 1))[2] == b"\x82\x02"  # no sorter here
        assert request(server.port, read_pdu(2, 300, 3))[2][:2] == b"\x02\x01"
    finally:
        server.stop()
