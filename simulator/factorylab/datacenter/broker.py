"""An MQTT broker inside the collector's process, for a classroom with no administrator.

``factorylab datacenter collect --embedded-broker`` starts it on 127.0.0.1:1883 (``--broker-port``
another port; ``--broker-host 0.0.0.0`` lets the students' computers in) and the collector
subscribes to it. It is amqtt 0.12 (pure Python, maintained), which speaks **MQTT 3.1.1 only**:
the collector and the uplinks fall back from MQTT 5 to 3.1.1 by themselves. It keeps its
sessions and queues in memory: when the process stops, what the broker held is gone, and the
uplinks (which keep their messages on disk until acknowledged and replay a window after they
connect to a broker with no session for them) send it again. amqtt drops a message it sent
that is not acknowledged within 5 s, or that was on its way when the client disconnected; so
with it the collector acknowledges on receipt and holds in memory what the database has not
taken yet (``Collector(ack_after_commit=False)``, as ``--embedded-broker`` does), and the
embedded broker is for one classroom's SQLite store on the teacher's computer. A store that
may be away for a while (PostgreSQL on another machine) is for a real broker.

A school or a region runs a real broker instead, Mosquitto from the Linux distribution
(``apt install mosquitto``; ``max_queued_messages 0`` so a collector that is away loses
nothing) or an EMQX cluster, and points the collector at it with ``--broker mqtt://HOST:1883``.
No TLS and no passwords in this version: keep the broker on the school's own network.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import errno
import logging
import threading
from dataclasses import dataclass
from typing import Any

from amqtt.plugins.base import BaseAuthPlugin

from ..errors import FactoryLabError

DEFAULT_PORT = 1883
#: amqtt's loggers: it logs every connection at INFO and, as warnings, every MQTT 5 client it turns away
_QUIET = ("amqtt", "transitions")


class OpenAuth(BaseAuthPlugin):
    """Lets every client in, as a named (not anonymous) client.

    amqtt keeps no session and queues nothing for an anonymous client (its own
    AnonymousAuthPlugin marks every client so): with this plugin a collector's persistent
    session gets the messages that came while it was away, as with Mosquitto.
    """

    @dataclass
    class Config:
        """No options."""

    async def authenticate(self, *, session: Any) -> bool:
        return True


class EmbeddedBroker:
    """amqtt's broker on ``host:port``, its event loop in a thread of its own.

    Args:
        host: the address to listen on (127.0.0.1: this computer only).
        port: the TCP port (1883, MQTT's own).
    """

    def __init__(self, host: str = "127.0.0.1", port: int = DEFAULT_PORT) -> None:
        self.host = host
        self.port = port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._broker: Any = None

    @property
    def url(self) -> str:
        """The URL a client on this computer connects to."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "", "::") else self.host
        return f"mqtt://{host}:{self.port}"

    def start(self, timeout: float = 15.0) -> EmbeddedBroker:
        """Start listening; returns once it listens.

        Raises:
            FactoryLabError: the port is taken (another broker?) or cannot be opened.
        """
        from amqtt.broker import Broker

        for name in _QUIET:  # a taken port is told below, in words, not as amqtt's traceback
            logging.getLogger(name).setLevel(logging.CRITICAL)
        config = {
            "listeners": {"default": {"type": "tcp", "bind": f"{self.host}:{self.port}"}},
            "plugins": {f"{__name__}.OpenAuth": {}},
        }
        started: concurrent.futures.Future[None] = concurrent.futures.Future()
        loop = asyncio.new_event_loop()
        self._loop = loop

        async def begin() -> None:
            self._broker = Broker(config, loop=loop)
            await self._broker.start()

        def quiet(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
            # amqtt closes a refused client's socket after the client did (ENOTCONN): nothing to tell
            if not isinstance(context.get("exception"), OSError):
                loop.default_exception_handler(context)

        def serve() -> None:
            asyncio.set_event_loop(loop)
            loop.set_exception_handler(quiet)
            try:
                loop.run_until_complete(begin())
            except BaseException as exc:  # noqa: BLE001 - told to the starting thread
                started.set_exception(exc)
                loop.close()
                return
            started.set_result(None)
            loop.run_forever()
            loop.close()

        self._thread = threading.Thread(target=serve, name="factorylab-mqtt-broker", daemon=True)
        self._thread.start()
        try:
            started.result(timeout)
        except BaseException as exc:
            self._thread.join(1.0)
            self._thread = None
            raise self._problem(exc) from None
        for name in _QUIET:
            logging.getLogger(name).setLevel(logging.ERROR)
        return self

    def _problem(self, exc: BaseException) -> FactoryLabError:
        cause: BaseException | None = exc
        while cause is not None and not isinstance(cause, OSError):
            cause = cause.__cause__ or cause.__context__
        if isinstance(cause, OSError) and cause.errno == errno.EADDRINUSE:
            return FactoryLabError(
                f"{self.host}:{self.port} 포트를 열 수 없습니다: 이미 사용 중입니다 (다른 MQTT 브로커가 돌고 있나요? "
                f"그렇다면 --embedded-broker 없이 --broker mqtt://{self.host}:{self.port}로 그 브로커를 쓰거나 "
                "--broker-port로 다른 포트를 고르세요).",
                f"cannot listen on {self.host}:{self.port}: the port is in use (is another MQTT broker running? Then "
                f"use it with --broker mqtt://{self.host}:{self.port} instead of --embedded-broker, or pick another "
                "port with --broker-port).",
            )
        reason = (cause.strerror if isinstance(cause, OSError) else None) or str(exc)
        return FactoryLabError(
            f"내장 MQTT 브로커를 {self.host}:{self.port}에서 시작할 수 없습니다: {reason}",
            f"cannot start the embedded MQTT broker on {self.host}:{self.port}: {reason}",
        )

    def stop(self, timeout: float = 10.0) -> None:
        """Shut the broker down (its sessions and queues are dropped)."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        if self._broker is not None:
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(self._broker.shutdown(), loop).result(timeout)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout)
        self._loop = self._thread = self._broker = None

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
