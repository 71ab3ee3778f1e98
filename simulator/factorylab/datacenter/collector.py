"""The collector: subscribes ``factorylab/v1/#`` and stores every message, acknowledging it only once committed.

::

    collector = Collector("mqtt://127.0.0.1:1883", "sqlite:///class.sqlite", client_id="dc-3-2")
    collector.start()
    ...
    print(collector.stats)   # received, stored, duplicates, rejected, db_retries, batches
    collector.stop()

How nothing is lost (with the uplink's own buffer, see :mod:`factorylab.uplink`):

* a **persistent session**: a fixed client id, ``clean_start`` False and a session expiry of
  a day (MQTT 5; MQTT 3.1.1: ``clean_session`` False), so while the collector is away the
  broker keeps its subscription and queues the messages for it;
* **manual acknowledgement**: a message is acknowledged (PUBACK) only after the batch that
  holds it is committed, so a message in a batch the collector could not store (it was
  stopped, the database went away) is delivered again; the store drops what it already has;
* **batches**: a commit every :data:`BATCH_SECONDS` or :data:`BATCH_SIZE` messages, or as soon
  as no message came for :data:`IDLE_SECONDS`; MQTT 5's receive maximum lets the broker send
  :data:`RECEIVE_MAXIMUM` messages before their acknowledgements;
* a database that goes away: the batch waits, the collector reconnects every few seconds
  (``db_retries`` counts the attempts) and stores it when the database is back; meanwhile the
  broker holds the rest (it sends no more than the receive maximum unacknowledged);
* a bad payload (not JSON, not the scheme, too large ...): stored in ``rejects`` with the reason,
  counted (``rejected``), logged once, acknowledged: it never stops the collector.

The broker may speak only MQTT 3.1.1 (amqtt, the embedded broker): the collector then
connects again with 3.1.1 by itself. With the embedded broker the collector acknowledges on
receipt (``ack_after_commit=False``) and holds what it has not stored yet in memory: amqtt
drops a message it delivered that is not acknowledged within 5 s, and broker and collector
live and die together (the uplinks then send their last two minutes again, see :mod:`.broker`).
No TLS and no passwords in this version.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import socket
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from typing import Any

from ..i18n import current_language
from ..uplink.schema import SUBSCRIPTION, PayloadError, decode, parse_url
from .store import Reject, Store, StoreError, open_store, utc_now

LOG = logging.getLogger("factorylab.datacenter")
DEFAULT_CLIENT_ID = "factorylab-datacenter"
DEFAULT_BROKER = "mqtt://127.0.0.1:1883"
BATCH_SECONDS = 0.2  # s: the longest a message waits before its batch is committed
BATCH_SIZE = 500  # messages: a batch this large is committed at once
IDLE_SECONDS = 0.02  # s without a message: the batch so far is committed
RECEIVE_MAXIMUM = 2000  # messages the broker may send before their acknowledgements (MQTT 5)
SESSION_EXPIRY = 86_400  # s the broker keeps the session (and queues messages) while the collector is away
RETRY_FIRST, RETRY_MAX = 0.5, 5.0  # s between attempts to reach the database again (doubling)
KEEPALIVE = 30  # s
PROBE_EVERY = 10.0  # s not connected with MQTT 5 before asking the broker whether it speaks it

T: dict[str, tuple[str, str]] = {
    "rejected": ("거부한 메시지 ({topic}): {reason}", "rejected a message ({topic}): {reason}"),
    "db_away": (
        "{error} — 연결될 때까지 다시 시도합니다 (저장하지 못한 메시지 {waiting}개는 확인 응답 없이 브로커에 남습니다)",
        "{error} — retrying until it is back (the {waiting} messages not stored stay unacknowledged at the broker)",
    ),
    "db_back": (
        "데이터베이스가 돌아왔습니다: 밀린 메시지를 저장합니다 ({retries}번 다시 시도함)",
        "the database is back: storing what waited ({retries} retries)",
    ),
    "connected": (
        "브로커 {broker}에 연결했습니다 (MQTT {version}, 세션 {session})",
        "connected to the broker {broker} (MQTT {version}, session {session})",
    ),
    "session_new": ("새로 만듦", "new"),
    "session_kept": ("이어짐", "resumed"),
    "refused": ("브로커가 연결을 거부했습니다: {reason}", "the broker refused the connection: {reason}"),
    "refused_subscription": (
        "브로커가 {topic} 구독을 거부했습니다: {reason}",
        "the broker refused the subscription to {topic}: {reason}",
    ),
    "disconnected": (
        "브로커와의 연결이 끊겼습니다 ({reason}); 다시 연결합니다",
        "lost the broker ({reason}); reconnecting",
    ),
    "lost": (
        "데이터베이스 없이 멈춥니다: 받은 메시지 {count}개를 저장하지 못했습니다 (업링크가 최근 것을 다시 보냅니다)",
        "stopping without the database: {count} received messages were not stored (the uplinks send recent ones again)",
    ),
    "mqtt311": (
        "브로커가 MQTT 5를 쓰지 않아 MQTT 3.1.1로 다시 연결합니다",
        "the broker does not speak MQTT 5: connecting again with MQTT 3.1.1",
    ),
}


def _(key: str, lang: str, **values: Any) -> str:
    ko, en = T[key]
    return (ko if lang == "ko" else en).format(**values)


def parse_broker_url(url: str) -> tuple[str, int]:
    """``(host, port)`` of ``mqtt://HOST[:PORT]`` (port 1883 when not given): the uplink's own rule.

    Raises:
        FactoryLabError: another scheme, no host, a port outside 1..65535, a path, a user name.
    """
    return parse_url(url)


@dataclass
class CollectorStats:
    """The collector's counters, since it started.

    Attributes:
        received: messages the broker delivered (a message delivered again counts again).
        stored: new rows in the store.
        duplicates: messages the store already had (delivered twice, replayed by an uplink).
        rejected: bad payloads (stored in ``rejects``, logged).
        db_retries: attempts to reach the database again after it went away.
        batches: committed batches.
    """

    received: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    db_retries: int = 0
    batches: int = 0


@dataclass
class _Message:
    generation: int  # the connection it came on: an acknowledgement goes only on that connection
    mid: int
    qos: int
    topic: str
    payload: bytes
    received_at: str


class Collector:
    """An MQTT subscriber that stores every ``factorylab/v1`` message into a store.

    Args:
        broker_url: ``mqtt://HOST:PORT``.
        store_url: a store URL (see :func:`factorylab.datacenter.store.open_store`) or a :class:`Store`.
        client_id: the MQTT client id: keep it the same from one start to the next, so the
            broker keeps this collector's session (and its queued messages).
        batch_seconds: the longest a message waits before its batch is committed (s).
        batch_size: a batch this large is committed at once (messages).
        session_expiry: how long the broker keeps the session while the collector is away (s).
        mqtt_version: 5, or 4 for MQTT 3.1.1; 5 falls back to 4 when the broker refuses it.
        ack_after_commit: acknowledge a message only once it is committed (the default). False
            acknowledges on receipt and holds the message in memory until it is stored: for the
            embedded broker (amqtt drops a message it sent that is not acknowledged within 5 s, and
            it lives and dies with this process anyway; see :mod:`.broker`).
        lang: the language of the log lines (``ko`` or ``en``; default: the current language).
    """

    def __init__(
        self,
        broker_url: str,
        store_url: str | Store,
        *,
        client_id: str = DEFAULT_CLIENT_ID,
        batch_seconds: float = BATCH_SECONDS,
        batch_size: int = BATCH_SIZE,
        session_expiry: int = SESSION_EXPIRY,
        mqtt_version: int = 5,
        ack_after_commit: bool = True,
        lang: str | None = None,
    ) -> None:
        self.lang = lang or current_language()
        self.host, self.port = parse_broker_url(broker_url)
        self.broker_url = f"mqtt://{self.host}:{self.port}"
        self.store_url = store_url
        self.client_id = client_id
        self.batch_seconds = batch_seconds
        self.batch_size = batch_size
        self.session_expiry = session_expiry
        self.mqtt_version = mqtt_version
        self.ack_after_commit = ack_after_commit
        self.store: Store | None = None
        self._stats = CollectorStats()
        self._lock = threading.Lock()
        self._queue: queue.Queue[_Message] = queue.Queue()
        self._generation = 0
        self._connected = threading.Event()
        self._stopping = threading.Event()
        self._leaving = threading.Event()  # our own disconnection: nothing to tell
        self._downgrade = threading.Event()
        self._client: Any = None
        self._writer: threading.Thread | None = None
        self._started = False
        self._probed = 0.0

    # -- the public side --------------------------------------------------------------------------------
    @property
    def stats(self) -> dict[str, int]:
        """A copy of the counters (:class:`CollectorStats`) as a dict."""
        with self._lock:
            return asdict(self._stats)

    @property
    def connected(self) -> bool:
        """True while connected to the broker and subscribed."""
        return self._connected.is_set()

    def start(self) -> Collector:
        """Open the store (told at once if it cannot be), then connect and collect in background threads.

        A broker that is not there yet is waited for (paho tries again every few seconds).

        Raises:
            StoreError: the store cannot be opened.
        """
        if self._started:
            return self
        self.store = open_store(self.store_url)
        self._started = True
        self._stopping.clear()
        self._leaving.clear()
        self._queue = queue.Queue()  # what a previous start left unacknowledged comes again
        if self.mqtt_version == 5 and probe_mqtt5(self.host, self.port) is False:
            LOG.warning(_("mqtt311", self.lang))
            self.mqtt_version = 4
        self._probed = time.monotonic()
        self._client = self._make_client(self.mqtt_version)
        self._writer = threading.Thread(target=self._write_loop, name="factorylab-datacenter-writer", daemon=True)
        self._writer.start()
        return self

    def wait_connected(self, timeout: float = 10.0) -> bool:
        """Wait until connected to the broker and subscribed (True) or ``timeout`` s (False)."""
        return self._connected.wait(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        """Store and acknowledge what came (if the database is there), then disconnect, keeping the session.

        What cannot be stored within ``timeout`` s stays unacknowledged: the broker delivers it
        again to the next collector with this client id. (Acknowledging on receipt, the collector
        disconnects first, then stores what it holds.)
        """
        if not self._started:
            return
        if not self.ack_after_commit:
            self._disconnect()  # nothing more comes in (and is acknowledged) while the rest is stored
        self._stopping.set()
        if self._writer is not None:
            self._writer.join(timeout)
        self._disconnect()
        if self.store is not None and (self._writer is None or not self._writer.is_alive()):
            if not isinstance(self.store_url, Store):  # a store we opened: we close it
                self.store.close()
        self._started = False

    def _disconnect(self) -> None:
        self._leaving.set()
        client, self._client = self._client, None
        if client is not None:
            try:
                client.disconnect()
            finally:
                client.loop_stop()

    def __enter__(self) -> Collector:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- MQTT (paho's network thread) -------------------------------------------------------------------
    def _make_client(self, version: int) -> Any:
        import paho.mqtt.client as mqtt
        from paho.mqtt.enums import CallbackAPIVersion
        from paho.mqtt.packettypes import PacketTypes
        from paho.mqtt.properties import Properties

        if version == 5:
            client = mqtt.Client(
                callback_api_version=CallbackAPIVersion.VERSION2, client_id=self.client_id, protocol=mqtt.MQTTv5
            )
            properties = Properties(PacketTypes.CONNECT)
            properties.SessionExpiryInterval = int(self.session_expiry)
            properties.ReceiveMaximum = RECEIVE_MAXIMUM
            connect = {"clean_start": False, "properties": properties}
        else:
            client = mqtt.Client(
                callback_api_version=CallbackAPIVersion.VERSION2,
                client_id=self.client_id,
                protocol=mqtt.MQTTv311,
                clean_session=False,
            )
            connect = {}
        client.manual_ack_set(self.ack_after_commit)
        client.reconnect_delay_set(min_delay=1, max_delay=5)
        client.on_connect = self._on_connect
        client.on_disconnect = self._on_disconnect
        client.on_subscribe = self._on_subscribe
        client.on_message = self._on_message
        client.user_data_set(version)
        client.connect_async(self.host, self.port, keepalive=KEEPALIVE, **connect)
        client.loop_start()
        return client

    def _on_connect(self, client: Any, version: int, flags: Any, reason: Any, properties: Any) -> None:
        if reason.is_failure:
            if version == 5 and "protocol version" in str(reason).lower():
                self._downgrade.set()
                client.disconnect()
                return
            LOG.warning(_("refused", self.lang, reason=reason))
            return
        with self._lock:
            self._generation += 1
        if version == 5:
            from paho.mqtt.subscribeoptions import SubscribeOptions

            # retain handling 1: the retained meta messages only when the subscription is new
            client.subscribe(SUBSCRIPTION, options=SubscribeOptions(qos=1, retainHandling=1))
        else:
            client.subscribe(SUBSCRIPTION, qos=1)
        session = _("session_kept" if flags.session_present else "session_new", self.lang)
        LOG.info(
            _("connected", self.lang, broker=self.broker_url, version="5" if version == 5 else "3.1.1", session=session)
        )

    def _on_subscribe(self, client: Any, version: Any, mid: int, reasons: list[Any], properties: Any) -> None:
        failed = [reason for reason in reasons if reason.is_failure]
        if failed:
            LOG.warning(_("refused_subscription", self.lang, topic=SUBSCRIPTION, reason=failed[0]))
            return
        self._connected.set()  # subscribed: from now on the broker keeps what comes for this collector

    def _on_disconnect(self, client: Any, version: Any, flags: Any, reason: Any, properties: Any) -> None:
        was = self._connected.is_set()
        self._connected.clear()
        with self._lock:
            self._generation += 1  # acknowledgements of what came before go nowhere: it comes again
        if was and not self._leaving.is_set():
            LOG.warning(_("disconnected", self.lang, reason=reason))

    def _on_message(self, client: Any, userdata: Any, message: Any) -> None:
        with self._lock:
            self._stats.received += 1
            generation = self._generation
        self._queue.put(
            _Message(generation, message.mid, message.qos, message.topic, bytes(message.payload), utc_now())
        )

    # -- the writer thread ------------------------------------------------------------------------------
    def _write_loop(self) -> None:
        while True:
            if (
                self.mqtt_version == 5
                and not self._connected.is_set()
                and not self._stopping.is_set()
                and time.monotonic() - self._probed > PROBE_EVERY
            ):
                # not connected for a while: a broker that takes no MQTT 5 (amqtt) may not even answer it
                self._probed = time.monotonic()
                if probe_mqtt5(self.host, self.port) is False:
                    self._downgrade.set()
            if self._downgrade.is_set() and not self._stopping.is_set():
                self._downgrade.clear()
                LOG.warning(_("mqtt311", self.lang))
                old, self._client = self._client, None
                if old is not None:
                    old.loop_stop()
                self.mqtt_version = 4
                self._client = self._make_client(4)
            if self._stopping.is_set():
                # what came so far, once; what comes after stays unacknowledged and comes again
                batch = []
                while True:
                    try:
                        batch.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                if batch:
                    self._store_batch(batch)
                return
            batch = self._next_batch()
            if batch and not self._store_batch(batch):
                return  # stopping with the database away: the batch stays unacknowledged

    def _next_batch(self) -> list[_Message]:
        """The messages of the next batch (empty after :data:`BATCH_SECONDS` with none, or when stopping)."""
        batch: list[_Message] = []
        try:
            batch.append(self._queue.get(timeout=self.batch_seconds))
        except queue.Empty:
            return batch
        deadline = time.monotonic() + self.batch_seconds
        while len(batch) < self.batch_size:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                batch.append(self._queue.get(timeout=min(left, IDLE_SECONDS)))
            except queue.Empty:
                break
        return batch

    def _store_batch(self, batch: list[_Message]) -> bool:
        """Decode, store and acknowledge one batch; False if stopping before the database came back."""
        records: list[dict[str, Any]] = []
        rejects: list[Reject] = []
        for message in batch:
            try:
                records.append(decode(message.payload, message.topic))
            except PayloadError as exc:
                rejects.append(Reject(message.topic, exc.reason, message.payload, message.received_at))
                LOG.warning(_("rejected", self.lang, topic=message.topic[:200], reason=exc.reason))
        delay = RETRY_FIRST
        retries = 0
        store = self.store
        assert store is not None
        while True:
            try:
                result = store.ingest(records, rejects)
                break
            except StoreError as exc:
                if retries == 0:
                    LOG.warning(_("db_away", self.lang, error=exc.message(self.lang), waiting=len(batch)))
                if self._stopping.wait(delay):
                    if not self.ack_after_commit:
                        LOG.warning(_("lost", self.lang, count=len(batch) + self._queue.qsize()))
                    return False
                delay = min(delay * 2, RETRY_MAX)
                retries += 1
                with self._lock:
                    self._stats.db_retries += 1
                try:
                    store.reconnect()
                except StoreError:
                    continue
        if retries:
            LOG.warning(_("db_back", self.lang, retries=retries))
        for refused in result.refused:
            LOG.warning(_("rejected", self.lang, topic=refused.topic[:200], reason=refused.reason))
        with self._lock:
            self._stats.stored += result.stored
            self._stats.duplicates += result.duplicates
            self._stats.rejected += result.rejected
            self._stats.batches += 1
            generation = self._generation
        client = self._client
        if client is not None and self.ack_after_commit:
            for message in batch:
                if message.generation == generation and message.qos > 0:
                    client.ack(message.mid, message.qos)
        return True


def probe_mqtt5(host: str, port: int, timeout: float = 3.0) -> bool | None:
    """Whether the broker at ``host:port`` takes MQTT 5: True, False, or None when it cannot be told.

    A bare MQTT 5 CONNECT (clean start, no properties, a client id of its own) and its CONNACK,
    then DISCONNECT. A broker of MQTT 3.1.1 only answers "unacceptable protocol version" or
    closes the connection.
    """
    client_id = f"factorylab-probe-{uuid.uuid4().hex[:8]}".encode()
    body = b"\x00\x04MQTT\x05\x02\x00\x0a\x00" + len(client_id).to_bytes(2, "big") + client_id
    packet = b"\x10" + bytes([len(body)]) + body
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            sock.sendall(packet)
            answer = b""
            while len(answer) < 4:
                chunk = sock.recv(4 - len(answer))
                if not chunk:
                    return False if not answer else None  # closed without a word: not MQTT 5
                answer += chunk
            if answer[0] != 0x20:
                return None
            if answer[3] == 0x00:
                with contextlib.suppress(OSError):
                    sock.sendall(b"\xe0\x00")
                return True
            return False if answer[3] in (0x01, 0x84) else None
    except OSError:
        return None


def new_client_id() -> str:
    """A client id of its own (for a one-off collector; a lasting one keeps a fixed id)."""
    return f"factorylab-dc-{uuid.uuid4().hex[:12]}"
