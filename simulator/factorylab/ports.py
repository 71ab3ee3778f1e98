"""Is a TCP port free to listen on? Used to tell a busy port and suggest a free one, before starting a server."""

from __future__ import annotations

import socket
import sys


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    """True if nothing listens on ``host:port`` and we may bind it (IPv6 for a host with ``:``)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            if sys.platform != "win32":  # as the servers bind: a port in TIME_WAIT counts as free
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError:
        return False
    return True


def free_port_from(port: int, host: str = "127.0.0.1", tries: int = 50) -> int | None:
    """The first free port from ``port`` on (None if ``tries`` ports are all busy)."""
    for candidate in range(port, min(port + tries, 65536)):
        if port_free(candidate, host):
            return candidate
    return None
