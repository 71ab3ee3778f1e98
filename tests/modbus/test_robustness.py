"""Pipelining, split frames, malformed frames, vanishing clients, many clients."""

from __future__ import annotations

import os
import socket
import struct
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ServerThread

from .raw import adu, connect, is_closed, read_pdu, recv_frame, request

HEALTHY = read_pdu(3, 4, 1)  # scenario id: always answered with 2


def assert_healthy(port: int, scenario_number: int = 2) -> None:
    assert request(port, HEALTHY)[2] == b"\x03\x02\x00" + bytes([scenario_number])


def test_pipelined_requests_in_one_segment_are_all_answered_in_order(served: ServerThread) -> None:
    frames = [
        adu(read_pdu(3, 4, 1), tid=1),
        adu(read_pdu(4, 20, 1), tid=2),
        adu(b"\x07", tid=3),  # illegal function in the middle
        adu(struct.pack(">BHH", 5, 300, 0xFF00), tid=4),
        adu(read_pdu(1, 300, 1), tid=5),
    ] + [adu(read_pdu(3, 0, 10), tid=100 + i) for i in range(60)]  # > pymodbus's 516-byte buffer
    with connect(served.port) as sock:
        sock.sendall(b"".join(frames))
        answers = [recv_frame(sock) for _ in frames]
    assert [tid for tid, _, _ in answers] == [1, 2, 3, 4, 5] + [100 + i for i in range(60)]
    assert answers[2][2] == b"\x87\x01"
    assert answers[4][2] == b"\x01\x01\x01"  # the coil written just before, in the same segment


def test_a_request_split_across_segments_is_answered_once_complete(served: ServerThread) -> None:
    frame = adu(read_pdu(3, 4, 1), tid=9)
    with connect(served.port, timeout=0.3) as sock:
        for byte in frame[:-1]:
            sock.sendall(bytes([byte]))
            time.sleep(0.01)
        try:
            sock.recv(1)
            raise AssertionError("answered before the request was complete")
        except TimeoutError:
            pass
        sock.sendall(frame[-1:])
        sock.settimeout(3)
        assert recv_frame(sock) == (9, 1, b"\x03\x02\x00\x02")


def test_bad_headers_close_that_connection_only(served: ServerThread) -> None:
    for bad in (
        adu(HEALTHY, protocol=7),  # not Modbus
        adu(HEALTHY, length=0),
        adu(HEALTHY, length=1),
        adu(HEALTHY, length=255),  # oversized
        adu(HEALTHY, length=0xFFFF),
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
    ):
        with connect(served.port) as sock:
            sock.sendall(bad)
            assert is_closed(sock), bad
        assert_healthy(served.port)
    assert served.server.stats.framing_errors >= 5


def test_clients_that_vanish_mid_frame_do_no_harm(served: ServerThread) -> None:
    for cut in range(1, 12):
        sock = connect(served.port)
        sock.sendall(adu(read_pdu(3, 0, 10))[:cut])
        sock.close()
    sock = connect(served.port)
    sock.sendall(adu(read_pdu(3, 0, 10)) * 50)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, not FIN
    sock.close()
    assert_healthy(served.port)


def test_many_clients_at_once(served: ServerThread) -> None:
    socks = [connect(served.port) for _ in range(50)]
    try:
        for index, sock in enumerate(socks):
            sock.sendall(adu(HEALTHY, tid=index))
        for index, sock in enumerate(socks):
            assert recv_frame(sock) == (index, 1, b"\x03\x02\x00\x02")
    finally:
        for sock in socks:
            sock.close()
    assert_healthy(served.port)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pdu=st.binary(min_size=1, max_size=253), unit=st.integers(0, 255))
def test_any_well_framed_pdu_gets_a_well_formed_answer(served: ServerThread, pdu: bytes, unit: int) -> None:
    with connect(served.port) as sock:
        sock.sendall(adu(pdu, tid=0xBEEF, unit=unit))
        tid, echoed_unit, answer = recv_frame(sock)
    assert (tid, echoed_unit) == (0xBEEF, unit)
    if answer[0] & 0x80:
        assert answer[0] == (pdu[0] | 0x80) and answer[1] in (1, 2, 3, 0x0B) and len(answer) == 2
    else:
        assert answer[0] == pdu[0] and pdu[0] in (1, 2, 3, 4, 5, 6, 15, 16)
    served.tick()  # any write it made is applied without error


def test_random_byte_streams_never_stop_the_server(served: ServerThread) -> None:
    rng = __import__("random").Random(42)
    for _ in range(40):
        with connect(served.port, timeout=0.5) as sock:
            sock.sendall(os.urandom(0) + bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 600))))
            try:
                while sock.recv(4096):
                    pass
            except (TimeoutError, ConnectionResetError):
                pass
    assert_healthy(served.port)
