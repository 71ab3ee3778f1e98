"""Valid requests followed by a bad header in the same TCP segment: answered, then closed.

The Modbus TCP implementation guide asks a server to close a stream it cannot
frame; the requests that came complete before the bad header are still the
client's, so they get their answers first, in order.
"""

from __future__ import annotations

import struct

import pytest

from tests.conftest import ServerThread

from .raw import adu, connect, is_closed, read_pdu, recv_frame

SCENARIO_ID = read_pdu(3, 4, 1)  # holding register 4: the scenario number (2 for sorting)

BAD_HEADERS = {
    "protocol 7": adu(SCENARIO_ID, tid=99, protocol=7),
    "length 0": adu(SCENARIO_ID, tid=99, length=0),
    "length 255": adu(SCENARIO_ID, tid=99, length=255),
    "http": b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
}


@pytest.mark.parametrize("bad", list(BAD_HEADERS.values()), ids=list(BAD_HEADERS))
@pytest.mark.parametrize("valid_count", [1, 3])
def test_valid_frames_before_a_bad_header_are_answered_then_the_connection_closes(
    served: ServerThread, bad: bytes, valid_count: int
) -> None:
    valid = [adu(SCENARIO_ID, tid=10 + i) for i in range(valid_count)]
    with connect(served.port) as sock:
        sock.sendall(b"".join(valid) + bad)  # one segment (TCP_NODELAY, one send)
        answers = [recv_frame(sock) for _ in valid]
        assert is_closed(sock)
    assert answers == [(10 + i, 1, b"\x03\x02\x00\x02") for i in range(valid_count)]
    assert served.server.stats.framing_errors == 1


def test_a_write_before_a_bad_header_is_answered_and_applied(served: ServerThread) -> None:
    write = adu(struct.pack(">BHH", 5, 300, 0xFF00), tid=5)  # conveyor coil 300 on
    with connect(served.port) as sock:
        sock.sendall(write + adu(SCENARIO_ID, protocol=1))
        assert recv_frame(sock) == (5, 1, b"\x05\x01\x2c\xff\x00")
        assert is_closed(sock)
    served.tick()
    with connect(served.port) as sock:
        sock.sendall(adu(read_pdu(1, 300, 1), tid=6))
        assert recv_frame(sock) == (6, 1, b"\x01\x01\x01")


def test_a_bad_header_alone_is_still_closed_unanswered(served: ServerThread) -> None:
    with connect(served.port) as sock:
        sock.sendall(adu(SCENARIO_ID, protocol=3))
        assert is_closed(sock)
    with connect(served.port) as sock:  # the server goes on serving others
        sock.sendall(adu(SCENARIO_ID, tid=1))
        assert recv_frame(sock) == (1, 1, b"\x03\x02\x00\x02")
