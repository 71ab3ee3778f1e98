"""Request checks by the Modbus specification, without a network."""

from __future__ import annotations

import struct

import pytest

from factorylab.modbus.protocol import (
    ILLEGAL_ADDRESS,
    ILLEGAL_FUNCTION,
    ILLEGAL_VALUE,
    FramingError,
    RegisterMap,
    Request,
    check_request,
    split_frames,
)
from factorylab.plant import load_scenario
from factorylab.tags import tags_for

from .raw import adu, read_pdu

MAP = RegisterMap(tags_for(load_scenario("sorting")))


def test_split_frames_takes_every_complete_frame_and_keeps_the_rest() -> None:
    one, two = adu(read_pdu(3, 0, 2), tid=1), adu(read_pdu(4, 20, 1), tid=2)
    buffer = bytearray(one + two + two[:5])
    frames = split_frames(buffer)
    assert [f.transaction_id for f in frames] == [1, 2]
    assert frames[1].pdu == read_pdu(4, 20, 1)
    assert bytes(buffer) == two[:5]
    buffer += two[5:]
    assert [f.transaction_id for f in split_frames(buffer)] == [2]
    assert buffer == bytearray()


@pytest.mark.parametrize(
    "frame", [adu(b"\x03\x00\x00\x00\x01", protocol=1), adu(b"\x03", length=1), adu(b"\x03", length=300)]
)
def test_headers_no_client_sends_are_framing_errors(frame: bytes) -> None:
    with pytest.raises(FramingError):
        split_frames(bytearray(frame))


@pytest.mark.parametrize(
    ("pdu", "expected"),
    [
        (read_pdu(3, 0, 10), None),
        (read_pdu(3, 0, 0), ILLEGAL_VALUE),  # quantity 0
        (read_pdu(3, 0, 126), ILLEGAL_VALUE),  # over 125 registers
        (read_pdu(1, 100, 2001), ILLEGAL_VALUE),  # over 2000 bits
        (read_pdu(3, 0, 11), None),  # 0-10: the system registers
        (read_pdu(3, 0, 12), ILLEGAL_ADDRESS),  # 11 is not a tag
        (read_pdu(3, 65535, 2), ILLEGAL_ADDRESS),  # past the end of the table
        (read_pdu(4, 20, 15), None),
        (read_pdu(2, 500, 4), None),
        (read_pdu(2, 500, 5), ILLEGAL_ADDRESS),
        (read_pdu(3, 0, 1) + b"\x00", ILLEGAL_VALUE),  # wrong length
        (b"\x07", ILLEGAL_FUNCTION),
        (b"\x2b\x0e\x01\x00", ILLEGAL_FUNCTION),
        (b"\x17" + bytes(9), ILLEGAL_FUNCTION),  # read/write multiple: not offered
        (struct.pack(">BHH", 5, 300, 0xFF00), None),
        (struct.pack(">BHH", 5, 300, 0x1234), ILLEGAL_VALUE),
        (struct.pack(">BHH", 5, 301, 0xFF00), ILLEGAL_ADDRESS),
        (struct.pack(">BHH", 6, 300, 50), None),
        (struct.pack(">BHH", 6, 300, 101), ILLEGAL_VALUE),  # over 100 %
        (struct.pack(">BHH", 6, 0, 1), ILLEGAL_VALUE),  # read-only status register
        (struct.pack(">BHH", 6, 1, 1), ILLEGAL_VALUE),  # second word of a read-only uint32
        (struct.pack(">BHHBB", 15, 110, 3, 1, 0b101), None),
        (struct.pack(">BHHBB", 15, 110, 3, 2, 0b101), ILLEGAL_VALUE),  # byte count
        (struct.pack(">BHHB", 15, 110, 0, 0), ILLEGAL_VALUE),
        (struct.pack(">BHHBHH", 16, 0, 2, 4, 0, 1), ILLEGAL_VALUE),  # read-only uint32
        (struct.pack(">BHHBH", 16, 1, 1, 2, 0), ILLEGAL_VALUE),  # half of a read-only uint32
        (struct.pack(">BHHBH", 16, 300, 1, 2, 30), None),
        (struct.pack(">BHHBH", 16, 300, 1, 3, 30), ILLEGAL_VALUE),
        (struct.pack(">BHHB", 16, 300, 124, 248) + bytes(248), ILLEGAL_VALUE),  # over 123
    ],
)
def test_check_request(pdu: bytes, expected: int | None) -> None:
    result = check_request(pdu, MAP)
    if expected is None:
        assert isinstance(result, Request), result
    else:
        assert result == expected


def test_write_requests_carry_engineering_values() -> None:
    result = check_request(struct.pack(">BHH", 6, 200, 25), MAP)  # feeder.interval, scale 10
    assert isinstance(result, Request)
    ((tag, value),) = result.writes
    assert tag.name == "feeder.interval" and value == 2.5
    result = check_request(struct.pack(">BHHBB", 15, 110, 4, 1, 0b0100), MAP)
    assert [(t.name, v) for t, v in result.writes] == [
        ("stack_light.red", False),
        ("stack_light.amber", False),
        ("stack_light.green", True),
        ("stack_light.buzzer", False),
    ]


def test_a_write_may_not_cut_a_32_bit_value_in_half() -> None:
    from factorylab.tags import Tag, TagTable

    counter = Tag("x.total", "holding_register", 10, "uint32", "", 0, 1e6, "rw", "total", "합계", "system")
    speed = Tag("x.speed", "holding_register", 12, "uint16", "", 0, 100, "rw", "speed", "속도", "system")
    registers = RegisterMap(TagTable([counter, speed]))
    assert check_request(struct.pack(">BHH", 6, 10, 0), registers) == ILLEGAL_ADDRESS
    assert check_request(struct.pack(">BHH", 6, 11, 0), registers) == ILLEGAL_ADDRESS
    assert check_request(struct.pack(">BHHBHH", 16, 11, 2, 4, 0, 5), registers) == ILLEGAL_ADDRESS
    whole = check_request(struct.pack(">BHHBHHH", 16, 10, 3, 6, 0x0001, 0x0002, 7), registers)
    assert isinstance(whole, Request)
    assert [(t.name, v) for t, v in whole.writes] == [("x.total", 65538), ("x.speed", 7)]
    assert check_request(struct.pack(">BHHBHH", 16, 10, 2, 4, 0x00FF, 0), registers) == ILLEGAL_VALUE  # > 1e6
