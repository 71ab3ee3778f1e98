"""Raw Modbus TCP over a plain socket, to test what a library would hide."""

from __future__ import annotations

import socket
import struct


def adu(pdu: bytes, tid: int = 1, unit: int = 1, protocol: int = 0, length: int | None = None) -> bytes:
    """A Modbus TCP frame (MBAP header + PDU)."""
    if length is None:
        length = len(pdu) + 1
    return struct.pack(">HHHB", tid, protocol, length, unit) + pdu


def read_pdu(fc: int, address: int, count: int) -> bytes:
    return struct.pack(">BHH", fc, address, count)


def connect(port: int, timeout: float = 3.0) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def recv_exact(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("connection closed")
        data += chunk
    return data


def recv_frame(sock: socket.socket) -> tuple[int, int, bytes]:
    """(transaction id, unit id, PDU) of the next response."""
    header = recv_exact(sock, 7)
    tid, protocol, length, unit = struct.unpack(">HHHB", header)
    assert protocol == 0
    return tid, unit, recv_exact(sock, length - 1)


def request(port: int, pdu: bytes, tid: int = 7, unit: int = 1) -> tuple[int, int, bytes]:
    with connect(port) as sock:
        sock.sendall(adu(pdu, tid, unit))
        return recv_frame(sock)


def is_closed(sock: socket.socket) -> bool:
    """True if the server closed the connection (reads EOF or reset)."""
    try:
        return sock.recv(1) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False
