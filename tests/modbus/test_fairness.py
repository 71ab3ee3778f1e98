"""A server one client cannot freeze: turns, bounded output, idle timeout, room at the limit, refusal."""

from __future__ import annotations

import socket
import time

import pytest

from factorylab.errors import ConnectionProblem, ModbusError
from factorylab.modbus.client import ModbusLink
from factorylab.modbus.server import (
    MAX_QUEUED_FRAMES,
    MAX_UNPARSED,
    SERVER_DEVICE_BUSY,
    WRITE_HIGH_WATER,
    _Connection,
)
from factorylab.plant import Plant
from tests.conftest import ServerThread

from .raw import adu, connect, is_closed, read_pdu, recv_frame

SCENARIO_NUMBER = read_pdu(3, 4, 1)  # holding register 4: the scenario number
RED = 110  # coil stack_light.red


def wait_until(condition, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def connections(server: ServerThread) -> list[_Connection]:
    async def listing():
        listener = server.server._server
        return [c for c in listener.active_connections.values() if isinstance(c, _Connection)]

    return server.call(listing())


def test_at_the_limit_a_busy_server_answers_busy_and_closes() -> None:
    server = ServerThread(Plant("conveyor", seed=0), max_connections=3)
    try:
        kept = [connect(server.port) for _ in range(3)]
        for sock in kept:  # all three busy: none may be let go
            sock.sendall(adu(SCENARIO_NUMBER))
            recv_frame(sock)
        extra = connect(server.port, timeout=3)
        extra.sendall(adu(SCENARIO_NUMBER, tid=9))
        tid, _, pdu = recv_frame(extra)
        assert (tid, pdu) == (9, bytes([0x83, SERVER_DEVICE_BUSY]))
        assert is_closed(extra)
        extra.close()
        for sock in kept:  # the others go on
            sock.sendall(adu(SCENARIO_NUMBER))
            assert recv_frame(sock)[2] == b"\x03\x02\x00\x01"
            sock.close()
        assert server.server.stats.refused_connections == 1
    finally:
        server.stop()


def test_a_refused_client_is_told_too_many_connections_in_words() -> None:
    server = ServerThread(Plant("conveyor", seed=0), max_connections=1)
    try:
        first = ModbusLink("127.0.0.1", server.port)
        first.read("holding_register", 4, 1)
        with pytest.raises(ConnectionProblem) as caught:
            ModbusLink("127.0.0.1", server.port).read("holding_register", 4, 1)
        assert "too many connections" in caught.value.en
        assert "연결이 너무 많아" in caught.value.ko
        first.close()
    finally:
        server.stop()


def test_at_the_limit_the_connection_idle_the_longest_makes_room() -> None:
    server = ServerThread(Plant("conveyor", seed=0), max_connections=3)
    try:
        oldest = connect(server.port)
        time.sleep(0.3)
        others = [connect(server.port) for _ in range(2)]
        time.sleep(1.1)  # all idle for more than EVICT_IDLE now
        newcomer = connect(server.port)
        newcomer.sendall(adu(SCENARIO_NUMBER))
        assert recv_frame(newcomer)[2] == b"\x03\x02\x00\x01"
        assert is_closed(oldest)
        for sock in others:
            sock.sendall(adu(SCENARIO_NUMBER))
            assert recv_frame(sock)[2] == b"\x03\x02\x00\x01"
        assert server.server.stats.evicted_connections == 1
        for sock in [oldest, newcomer, *others]:
            sock.close()
    finally:
        server.stop()


def test_two_hundred_idle_connections_lock_nobody_out() -> None:
    server = ServerThread(Plant("conveyor", seed=0), max_connections=64)
    idle: list[socket.socket] = []
    try:
        for _ in range(200):
            idle.append(connect(server.port))
        time.sleep(1.2)
        for attempt in range(3):  # fresh clients, one after another, each answered
            sock = connect(server.port)
            sock.sendall(adu(SCENARIO_NUMBER, tid=attempt))
            assert recv_frame(sock) == (attempt, 1, b"\x03\x02\x00\x01")
            sock.close()
        served = [c for c in connections(server) if not c._refused]
        assert len(served) <= 64  # the rest were answered "busy" and are closed within REFUSE_HOLD
        stats = server.server.stats  # the others were turned away or made room (slow machine: some idle > 1 s)
        assert stats.refused_connections + stats.evicted_connections >= 200 - 64
    finally:
        for sock in idle:
            sock.close()
        server.stop()


def test_idle_connections_time_out_and_the_client_library_reconnects() -> None:
    server = ServerThread(Plant("conveyor", seed=0), idle_timeout=0.5)
    try:
        raw = connect(server.port)
        link = ModbusLink("127.0.0.1", server.port)
        assert link.read("holding_register", 4, 1) == [1]
        assert is_closed(raw)  # closed within about idle_timeout + the janitor's period
        raw.close()
        assert wait_until(lambda: server.server.stats.idle_closed >= 2)
        assert link.read("holding_register", 4, 1) == [1]  # opened again by itself
        link.close()
    finally:
        server.stop()


def test_a_client_that_never_reads_is_bounded_and_closed_and_the_others_are_served() -> None:
    server = ServerThread(Plant("sorting", seed=1), stall_timeout=1.0)
    abuser = connect(server.port)
    abuser.setblocking(False)
    request = b"".join(adu(read_pdu(3, 0, 10), tid=i % 65536) for i in range(2000))
    sent = 0
    try:
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:  # as much as the socket takes in 2 s, never reading
            try:
                sent += abuser.send(request)
            except BlockingIOError:
                time.sleep(0.01)
            except OSError:
                break
            # meanwhile an honest client is answered
        honest = connect(server.port)
        honest.sendall(adu(SCENARIO_NUMBER, tid=5))
        assert recv_frame(honest) == (5, 1, b"\x03\x02\x00\x02")
        honest.close()
        for connection in connections(server):  # what the server keeps for the abuser stays bounded
            transport = connection.transport
            if transport is not None:
                assert transport.get_write_buffer_size() <= 2 * WRITE_HIGH_WATER
            assert len(connection._queue) <= MAX_QUEUED_FRAMES
            assert len(connection._buffer) <= MAX_UNPARSED + 256 * 1024  # and one read of the socket
        assert sent > 0
        assert wait_until(lambda: server.server.stats.stalled_closed == 1, timeout=6)
        abuser.setblocking(True)
        abuser.settimeout(3)
        with pytest.raises(OSError):  # reset by the server; what it sent before is dropped
            while abuser.recv(65536):
                pass
            raise ConnectionResetError
    finally:
        abuser.close()
        server.stop()


def test_pipelined_requests_take_turns_with_other_connections() -> None:
    """A long pipeline of one client is answered in order, but another client's request is not stuck behind it."""
    server = ServerThread(Plant("sorting", seed=1))
    order: list[str] = []
    try:
        listener = server.server._server
        original = listener.answer

        async def spy(frame, connection):
            order.append("long" if frame.transaction_id < 60000 else "short")
            return await original(frame, connection)

        listener.answer = spy
        long = connect(server.port)
        short = connect(server.port)
        pipeline = b"".join(adu(SCENARIO_NUMBER, tid=i) for i in range(3000))

        long.sendall(pipeline)
        short.sendall(adu(SCENARIO_NUMBER, tid=60001))
        assert recv_frame(short)[0] == 60001
        for i in range(3000):
            assert recv_frame(long)[0] == i  # in order
        assert order.index("short") < 2900  # not after the whole pipeline
        long.close()
        short.close()
    finally:
        server.stop()


def test_a_read_only_line_refuses_writes_with_exception_01_and_counts_them() -> None:
    server = ServerThread(Plant("conveyor", seed=0))
    try:
        link = ModbusLink("127.0.0.1", server.port)
        link.write("coil", RED, [1])
        server.server.read_only = True
        with pytest.raises(ModbusError) as caught:
            link.write("coil", RED, [0])
        assert caught.value.code == 1
        assert "read-only" in caught.value.en and "읽기 전용" in caught.value.ko
        assert link.read("coil", RED, 1) == [1]  # reading still works; the write changed nothing
        server.server.read_only = False
        server.server.writers = frozenset({"10.1.2.3"})
        with pytest.raises(ModbusError):
            link.write("coil", RED, [0])
        server.server.writers = frozenset({"127.0.0.1"})
        link.write("coil", RED, [0])
        assert server.server.stats.refused_writes == 2
        (client,) = server.call(_clients(server))
        assert (client.host, client.writes, client.refused_writes) == ("127.0.0.1", 4, 2)
        assert server.server.last_writer[0] == "127.0.0.1"
        link.close()
    finally:
        server.stop()


async def _clients(server: ServerThread):
    return server.server.clients()
