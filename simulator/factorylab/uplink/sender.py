"""The uplink's sender: one MQTT client, in a thread of its own, for one line or a classroom's lines.

::

    sender = UplinkSender("mqtt://192.168.0.10:1883", "uplink.sqlite")
    runtime = Runtime(plant, attachments=[sender.channel("school-7", "line-01", plant, every=1.0)])
    ...                          # run the line
    sender.close(timeout=5.0)    # after the runtime stopped: send what it can, keep the rest on disk

Each line gets a *channel* (:meth:`UplinkSender.channel`), an attachment of
its runtime. After every wake-up of the line the channel turns what happened
into records (a ``tags`` sample every ``every`` simulated s, the new events,
faults that began or ended, finished parts; see :mod:`.schema`), numbers them
(``seq``) and hands them to the sender's in-memory queue. That is all the tick
does: it never waits on the disk or the network.

The sender's thread writes the records into the on-disk buffer
(:class:`~.buffer.UplinkBuffer`) and publishes them in order with QoS 1; a row
is acknowledged when the broker's PUBACK says it took it. So:

* with the broker away, records wait on disk (bounded; the oldest ``tags``
  rows go first, counted) and are sent in order once it is back; rows of an
  earlier run of the simulator go first, with their run's ``meta``;
* the client keeps its MQTT session (a fixed client id, ``clean_start`` off);
  when the broker comes back *without* the session (it crashed and lost its
  queue) the sender publishes again every row acknowledged within the replay
  window: the broker may have acknowledged them without delivering them;
* a PUBACK saying *no matching subscribers* (nobody collects yet: the data
  centre starts after the class) or refusing a message leaves the row pending:
  the sender tries again from that row after a pause (1 s, up to 5 s).

The data centre stores by ``(run, seq)``, so what arrives twice is stored once.
Nothing here prints: what a user should hear (waiting for the broker,
connected, rows dropped ...) goes to ``on_notice`` as a :class:`Notice` in
Korean and English.
"""

from __future__ import annotations

import hashlib
import math
import numbers
import select
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.client import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from .. import __version__
from ..data.dataset import part_record
from ..errors import FactoryLabError
from ..plant import Plant
from ..runtime import Attachment, Runtime
from ..tags import Tag, is_numpy_bool, tags_for
from . import schema
from .buffer import DEFAULT_MAX_MESSAGES, DEFAULT_REPLAY_SECONDS, Message, RunMeta, UplinkBuffer
from .schema import parse_url

#: Seconds between two MQTT pings when nothing else is sent (a dead broker is noticed after 1.5 times this).
KEEPALIVE = 15
#: How long the broker keeps the sender's session after it went away, s (one day).
SESSION_EXPIRY = 86_400
#: Messages on their way to the broker at once (fewer if the broker says so: its Receive Maximum).
MAX_INFLIGHT = 64
#: Seconds between two attempts to reach the broker: doubling from the first to the second.
RETRY = (0.5, 5.0)
#: Seconds to wait for the broker's answer (CONNACK) after the TCP connection.
CONNACK_TIMEOUT = 5.0
#: Pause before publishing again from a row nobody took (no subscriber, refused), s: doubling.
HOLD_OFF = (1.0, 5.0)
#: Seconds of wall time between two trims of the replay window.
TRIM_EVERY = 1.0
#: Seconds of wall time between two notices that rows were dropped.
DROP_NOTICE_EVERY = 60.0
#: Records the in-memory queue holds at most (the disk stalled); beyond it new tag samples are dropped, counted.
MEMORY_MAX = 50_000
#: Records written to disk in one transaction at most.
BATCH = 5000
#: The simulated interval between ``tags`` samples a channel accepts, s.
MIN_EVERY, MAX_EVERY = 0.05, 86_400.0
#: PUBACK reason: the broker took the message, but no subscription matched it.
NO_MATCHING_SUBSCRIBERS = 16


@dataclass(frozen=True)
class Notice:
    """Something a user should hear about the uplink, in Korean and English.

    Attributes:
        key: what kind of news: ``waiting`` (the broker cannot be reached),
            ``connected``, ``lost`` (the connection broke), ``dropped`` (the
            buffer was full), ``unheard`` (no subscriber took a message),
            ``refused`` (the broker refused a message), ``invalid`` (a record
            the scheme refused: a bug), ``failed`` (the buffer file failed).
    """

    key: str
    ko: str
    en: str

    def message(self, lang: str) -> str:
        """The notice in ``lang`` (``ko`` or ``en``)."""
        return self.ko if lang == "ko" else self.en


@dataclass(frozen=True)
class UplinkStats:
    """Counts of a sender since it was made.

    Attributes:
        queued: records the channels handed over (tags, events, faults, parts).
        sent: rows published that the broker had not acknowledged before (again after a reconnection).
        acked: rows the broker acknowledged for the first time.
        replayed: acknowledged rows published again after the broker lost its session.
        dropped: records dropped because a queue was full (never silently: see ``dropped_by_kind``).
        connected: connected to the broker now.
        reconnects: connections after the first.
        pending: records not acknowledged yet (in memory and on disk).
        unheard: acknowledgements that said no subscriber took the message (tried again).
        refused: messages the broker refused (tried again).
        invalid: records the scheme refused (a bug; dropped).
        dropped_by_kind: ``dropped`` by kind.
    """

    queued: int
    sent: int
    acked: int
    replayed: int
    dropped: int
    connected: bool
    reconnects: int
    pending: int
    unheard: int = 0
    refused: int = 0
    invalid: int = 0
    dropped_by_kind: dict[str, int] = field(default_factory=dict)


def default_client_id(buffer_path: str | Path) -> str:
    """A client id that stays the same for one buffer file (so the broker keeps its session) and differs between files."""
    digest = hashlib.sha256(str(Path(buffer_path).resolve()).encode("utf-8")).hexdigest()[:12]
    return f"factorylab-uplink-{digest}"


class UplinkSender:
    """Sends the records of one or many lines to one broker (see the module's docstring).

    The sender's thread starts at once: rows an earlier run left in the
    buffer go out as soon as the broker answers. A broker that cannot be
    reached is not an error: the sender keeps trying (``on_notice`` hears
    ``waiting`` once) and the records wait on disk.

    Args:
        url: the broker, ``mqtt://HOST:PORT``.
        buffer_path: the buffer's SQLite file (its folder must exist).
        max_messages: the most records kept on disk (the memory queue before it holds :data:`MEMORY_MAX`).
        replay_seconds: how long acknowledged rows are kept to be published
            again if the broker loses its session, s of wall time.
        client_id: the MQTT client id (default: one of this buffer file's own).
        on_notice: told what a user should hear (called in the sender's thread).

    Raises:
        FactoryLabError: a bad URL, a buffer file that cannot be made or used.
    """

    def __init__(
        self,
        url: str,
        buffer_path: str | Path,
        *,
        max_messages: int = DEFAULT_MAX_MESSAGES,
        replay_seconds: float = DEFAULT_REPLAY_SECONDS,
        client_id: str | None = None,
        on_notice: Callable[[Notice], Any] | None = None,
    ) -> None:
        self.url = url
        self.host, self.port = parse_url(url)
        self.buffer = UplinkBuffer(buffer_path, max_messages=max_messages, replay_seconds=replay_seconds)
        self.buffer_path = self.buffer.path
        self.client_id = client_id or default_client_id(self.buffer.path)
        self.on_notice = on_notice
        self.channels: list[UplinkChannel] = []
        # handed over by the channels (the runtime's thread), taken by the sender's thread
        self._incoming: deque[tuple] = deque()
        self._memory_max = MEMORY_MAX
        self._memory_dropped: dict[str, int] = {}  # never queued: the memory queue was full, or closed
        self._disk_dropped: dict[str, int] = {}  # the buffer file failed to take them
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        self._sleeping = False
        self._closing = False
        self._accepting = True
        self._deadline = math.inf
        # the sender thread's own state
        self._client: mqtt.Client | None = None
        self._protocol = mqtt.MQTTv5
        self._connected = False
        self._connack: tuple[bool, int] | None = None  # (session present, Receive Maximum) once CONNACK came
        self._refused_connect: str | None = None
        self._lost = False
        self._connect_started = 0.0
        self._next_attempt = 0.0
        self._retry = RETRY[0]
        self._hold_off = HOLD_OFF[0]
        self._hold_until = 0.0
        self._window = MAX_INFLIGHT
        self._inflight: dict[int, tuple[int, bool]] = {}  # mid -> (row id, was acknowledged before)
        self._meta_mids: set[int] = set()
        self._metas_sent: set[str] = set()
        self._metas_due = True
        self._acks: list[int] = []
        self._rewind: int | None = None
        self._cursor = 0
        self._replay_until = 0
        self._newest = self.buffer.last_id()
        self._trimmed_at = 0.0
        self._told: set[str] = set()  # notices told once per outage
        self._memory_dropped_told = 0
        self._last_told: dict[str, float] = {}  # notices told at most every so often: when, last
        self._refusals: set[str] = set()
        self._connections = 0
        self._draining = 0  # records taken from memory, not on disk yet
        self._handled = 0  # records taken from memory: stored, or dropped as invalid or by a failed disk
        self._sent = self._acked = self._replayed = self._unheard = self._refused = self._invalid = 0
        self._buffer_failed = False
        self._idle = threading.Event()
        self._thread = threading.Thread(target=self._main, name="factorylab-uplink", daemon=True)
        self._thread.start()

    # --- channels (any thread, before their runtime runs) ---------------------------------------
    def channel(
        self,
        site: str,
        line: str,
        plant: Plant,
        every: float = 1.0,
        *,
        tags: Iterable[Tag | str] | str | None = None,
    ) -> UplinkChannel:
        """The attachment that uplinks ``plant``'s line as ``line`` of ``site``.

        Args:
            site: the site's slug (a school, a computer).
            line: the line's slug, unique within the site.
            plant: the line's plant (its runtime's).
            every: simulated seconds between two ``tags`` samples, 0.05..86400 (rounded to whole ticks).
            tags: the tags a sample carries: None for :data:`~.schema.DEFAULT_TAGS`
                (those the scenario has), ``"all"`` for every tag of the
                scenario, or tag names / tags.

        Raises:
            FactoryLabError: a bad site or line name, a bad ``every``, a tag the scenario lacks.
        """
        if self._closing:
            raise RuntimeError("the uplink sender is closed")
        channel = UplinkChannel(self, site, line, plant, every, _pick_tags(plant, tags))
        meta = channel.meta_record()
        self.buffer.add_run(
            RunMeta(channel.run, site, line, channel.topics["meta"], schema.encode(meta)), created=time.time()
        )
        self.channels.append(channel)
        self._metas_due = True
        self._wake()
        return channel

    # --- from the channels (the runtime's thread): never waits -----------------------------------
    def _take(self, records: list[tuple]) -> None:
        """Queue records made by a channel's tick (in memory; the sender's thread stores them)."""
        incoming = self._incoming
        if not self._accepting:
            for record in records:
                self._count_memory_drop(record[1])
            return
        for record in records:
            if len(incoming) >= self._memory_max and record[1] == "tags":
                self._count_memory_drop("tags")  # the disk cannot keep up: a sample goes, never an event
                continue
            incoming.append(record)
        if self._sleeping:
            self._wake()

    def _count_memory_drop(self, kind: str) -> None:
        self._memory_dropped[kind] = self._memory_dropped.get(kind, 0) + 1

    def _wake(self) -> None:
        self._sleeping = False
        try:
            self._wake_w.send(b"\0")
        except OSError:  # its buffer is full (it is awake anyway) or it is closed
            pass

    # --- state ---------------------------------------------------------------------------------
    @property
    def stats(self) -> UplinkStats:
        """The counts so far (see :class:`UplinkStats`); thread-safe."""
        by_kind: dict[str, int] = {}
        for counts in (
            self.buffer.dropped_by_kind,
            self._memory_dropped,
            self._disk_dropped,
            *(c.lost for c in self.channels),
        ):
            for kind, number in list(counts.items()):
                by_kind[kind] = by_kind.get(kind, 0) + number
        return UplinkStats(
            queued=sum(channel.queued for channel in self.channels),
            sent=self._sent,
            acked=self._acked,
            replayed=self._replayed,
            dropped=sum(by_kind.values()),
            connected=self._connected,
            reconnects=max(0, self._connections - 1),
            pending=self.buffer.pending + len(self._incoming) + self._draining,
            unheard=self._unheard,
            refused=self._refused,
            invalid=self._invalid,
            dropped_by_kind=by_kind,
        )

    @property
    def connected(self) -> bool:
        """Connected to the broker now."""
        return self._connected

    def wait_sent(self, timeout: float) -> bool:
        """Wait until every record handed over so far is stored and acknowledged; False if ``timeout`` s passed first."""
        target = sum(channel.queued for channel in self.channels)
        deadline = time.monotonic() + timeout
        while True:
            handled = self._handled + sum(self._memory_dropped.values())
            if handled >= target and self.buffer.pending == 0 and not self._incoming:
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._thread.is_alive():
                return False
            self._idle.wait(min(0.05, remaining))
            self._idle.clear()

    def close(self, timeout: float = 5.0) -> UplinkStats:
        """Stop the sender: store what the channels handed over, send what it can within ``timeout`` s, close.

        What is not acknowledged by then stays in the buffer file and is sent
        first at the next start. Call it after the lines stopped (what a
        channel hands over later is dropped, counted). Idempotent.
        """
        if not self._closing:
            self._deadline = time.monotonic() + max(0.0, timeout)
            self._closing = True
            self._wake()
        self._thread.join(max(0.0, timeout) + 10.0)
        return self.stats

    # --- the sender's thread -----------------------------------------------------------------------
    def _main(self) -> None:
        try:
            while True:
                try:
                    if self._step():
                        break
                except Exception as exc:  # never die silently: say so and go on after a pause
                    self._notice(
                        "failed",
                        f"업링크 오류: {exc!r}. 잠시 후 다시 시도합니다.",
                        f"uplink error: {exc!r}; trying again shortly.",
                        every=DROP_NOTICE_EVERY,
                    )
                    self._drop_client()
                    if self._closing:
                        break
                    threading.Event().wait(1.0)
        finally:
            self._shutdown()

    def _step(self) -> bool:
        """One turn of the sender's loop; True when it is time to stop."""
        now = time.monotonic()
        self._drain()
        if self._closing:
            self._accepting = False
            self._drain()
            done = not self._incoming and self.buffer.pending == 0 and not self._inflight
            if done or now >= self._deadline or (self._client is None and not self._connected):
                return True
        client = self._client
        if client is None:
            if now >= self._next_attempt:
                self._connect(now)
        elif self._connack is not None and not self._connected:
            self._on_connected()
        elif not self._connected and now - self._connect_started > CONNACK_TIMEOUT:
            self._give_up("no CONNACK")
        if self._lost:
            self._connection_lost()
        if self._connected:
            if self._acks:
                self._store_acks()
            if self._rewind is not None:
                self._rewind_now(now)
            self._publish_metas()
            if now >= self._hold_until:
                self._publish_rows()
        elif self._acks:
            self._store_acks()
        wall = time.time()
        if wall - self._trimmed_at >= TRIM_EVERY:
            self._trimmed_at = wall
            if not self._buffer_failed:
                self.buffer.trim(wall)
        memory_dropped = sum(self._memory_dropped.values())
        if memory_dropped != self._memory_dropped_told:
            self._memory_dropped_told = memory_dropped
            self._notice(
                "dropped",
                f"업링크가 디스크에 쓰는 속도를 따라가지 못해 태그 표본 {memory_dropped}개를 버렸습니다 (이벤트는 지킵니다).",
                f"the uplink cannot write to disk fast enough: {memory_dropped} tag samples dropped so far "
                "(events are kept).",
                every=DROP_NOTICE_EVERY,
            )
        self._idle.set()  # wakes wait_sent() to look again
        self._wait(now)
        return False

    def _wait(self, now: float) -> None:
        client = self._client
        sock = client.socket() if client is not None else None
        readers: list[Any] = [self._wake_r]
        writers: list[Any] = []
        if sock is not None:
            readers.append(sock)
            if client.want_write():
                writers.append(sock)
        timeout = 1.0
        if client is None:
            timeout = max(0.0, min(timeout, self._next_attempt - now))
        if self._connected and self._hold_until > now:
            timeout = min(timeout, self._hold_until - now)
        if self._closing:
            timeout = min(timeout, 0.05)
        self._sleeping = True
        if self._incoming or self._acks or (self._connected and self._can_publish(now)):
            timeout = 0.0
        try:
            readable, writable, _ = select.select(readers, writers, [], timeout)
        except (OSError, ValueError):  # the client's socket closed meanwhile
            readable, writable = [], []
        self._sleeping = False
        if self._wake_r in readable:
            try:
                while self._wake_r.recv(4096):
                    pass
            except OSError:
                pass
        if client is not None and client is self._client:
            if sock is not None and sock in readable:
                client.loop_read(max_packets=100)
            if sock is not None and sock in writable and client is self._client:
                client.loop_write()
            if client is self._client:
                client.loop_misc()

    def _can_publish(self, now: float) -> bool:
        return now >= self._hold_until and len(self._inflight) < self._window and self._cursor <= self._newest

    # --- storing -------------------------------------------------------------------------------------
    def _drain(self) -> None:
        """Records handed over by the channels -> payloads -> the buffer file."""
        incoming = self._incoming
        while incoming:
            batch: list[Message] = []
            taken = 0
            while incoming and taken < BATCH:
                self._draining += 1  # (first: a record is never out of every count)
                item = incoming.popleft()
                channel, kind, seq = item[0], item[1], item[2]
                taken += 1
                record = channel_record(item)
                try:
                    payload = schema.encode(record)
                except schema.PayloadError as exc:
                    self._invalid += 1
                    self._notice(
                        "invalid",
                        f"업링크 메시지 하나가 규격에 맞지 않아 버렸습니다 (버그입니다: 알려 주세요): {exc.reason}",
                        f"an uplink record did not match the scheme and was dropped (a bug: please report it): "
                        f"{exc.reason}",
                        once=True,
                    )
                    continue
                batch.append(Message(channel.run, seq, kind, channel.topics[kind], payload))
            self._store(batch)
            self._handled += taken
            self._draining = 0

    def _store(self, batch: Sequence[Message]) -> None:
        try:
            dropped = self.buffer.append(batch, protect={row_id for row_id, _ in self._inflight.values()})
        except Exception as exc:  # a full disk: these records are lost (counted, told); the next batch tries again
            self._buffer_failed = True
            for message in batch:
                self._disk_dropped[message.kind] = self._disk_dropped.get(message.kind, 0) + 1
            self._notice(
                "failed",
                f"업링크 버퍼 {self.buffer.path}에 쓸 수 없어 메시지 {len(batch)}개를 버렸습니다: {exc}",
                f"cannot write the uplink buffer {self.buffer.path}; {len(batch)} records dropped: {exc}",
                every=DROP_NOTICE_EVERY,
            )
            return
        self._buffer_failed = False
        self._newest = self.buffer.last_id()
        if dropped:
            self._tell_dropped()

    def _tell_dropped(self) -> None:
        counts = self.buffer.dropped_by_kind
        text = ", ".join(f"{kind} {number}" for kind, number in sorted(counts.items()))
        self._notice(
            "dropped",
            f"업링크 버퍼가 가득 찼습니다 (메시지 {self.buffer.max_messages}개): 가장 오래된 태그 표본부터 버립니다 "
            f"(지금까지 {text}). 브로커에 연결되면 남은 것을 보냅니다.",
            f"the uplink buffer is full ({self.buffer.max_messages} messages): dropping the oldest tag samples first "
            f"(so far {text}). The rest is sent once the broker is back.",
            every=DROP_NOTICE_EVERY,
        )

    def _store_acks(self) -> None:
        acks, self._acks = self._acks, []
        self._acked += self.buffer.mark_acked(acks, time.time())

    # --- connecting --------------------------------------------------------------------------------
    def _connect(self, now: float) -> None:
        self._next_attempt = now + self._retry
        self._retry = min(self._retry * 2.0, RETRY[1])
        client = mqtt.Client(
            callback_api_version=CallbackAPIVersion.VERSION2,
            client_id=self.client_id,
            protocol=self._protocol,
            clean_session=False if self._protocol != mqtt.MQTTv5 else None,
        )
        client.max_inflight_messages_set(MAX_INFLIGHT)
        client.max_queued_messages_set(0)
        client.connect_timeout = 5.0
        client.on_connect = self._on_connect
        client.on_disconnect = self._on_disconnect
        client.on_publish = self._on_publish
        self._connack = None
        self._refused_connect = None
        self._lost = False
        try:
            if self._protocol == mqtt.MQTTv5:
                properties = Properties(PacketTypes.CONNECT)
                properties.SessionExpiryInterval = SESSION_EXPIRY
                client.connect(self.host, self.port, KEEPALIVE, clean_start=False, properties=properties)
            else:
                client.connect(self.host, self.port, KEEPALIVE)
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            self._notice(
                "waiting",
                f"브로커 {self.host}:{self.port}에 연결할 수 없습니다 ({reason}): 메시지를 버퍼에 모으며 계속 연결을 "
                f"시도합니다 ({self.buffer.path}).",
                f"cannot reach the broker at {self.host}:{self.port} ({reason}): keeping the messages in the buffer "
                f"and trying again ({self.buffer.path}).",
                once=True,
            )
            return
        self._client = client
        self._connect_started = now

    def _on_connect(self, client, userdata, flags, reason, properties) -> None:
        if client is not self._client:
            return
        if reason.is_failure:
            self._refused_connect = str(reason)
            self._lost = True
            return
        maximum = getattr(properties, "ReceiveMaximum", None) if properties is not None else None
        self._connack = (bool(flags.session_present), int(maximum) if maximum else 65535)

    def _on_connected(self) -> None:
        session_present, receive_maximum = self._connack or (False, 65535)
        self._connected = True
        self._connections += 1
        self._retry = RETRY[0]
        self._hold_off = HOLD_OFF[0]
        self._hold_until = 0.0
        self._window = max(1, min(MAX_INFLIGHT, receive_maximum))
        self._inflight.clear()
        self._meta_mids.clear()
        self._metas_sent.clear()
        self._metas_due = True
        self._rewind = None
        if session_present:  # the broker kept what it acknowledged: send what it has not
            first = self.buffer.first_pending()
            self._replay_until = 0
        else:  # a new session (a first connection, or a broker that lost its queue): the window again
            first = self.buffer.replay_from(time.time())
            self._replay_until = self._newest
        self._cursor = first if first is not None else self._newest + 1
        if self._told & {"waiting", "lost"} or self._connections == 1:
            self._notice(
                "connected",
                f"브로커 {self.host}:{self.port}에 연결했습니다 (MQTT {'5' if self._protocol == mqtt.MQTTv5 else '3.1.1'}"
                f", 보낼 메시지 {self.buffer.pending}개).",
                f"connected to the broker at {self.host}:{self.port} (MQTT "
                f"{'5' if self._protocol == mqtt.MQTTv5 else '3.1.1'}, {self.buffer.pending} messages to send).",
            )
        self._told.clear()

    def _on_disconnect(self, client, userdata, flags, reason, properties) -> None:
        if client is self._client:
            self._lost = True

    def _give_up(self, why: str) -> None:
        self._refused_connect = self._refused_connect or why
        self._lost = True

    def _connection_lost(self) -> None:
        was_connected = self._connected
        refused = self._refused_connect
        self._drop_client()
        if was_connected:
            # a broker that went away may come back speaking MQTT 5 (a restarted Mosquitto closes connections while it
            # starts, which looks like a 3.1.1-only broker): the next connection tries 5 first again
            self._protocol = mqtt.MQTTv5
            self._notice(
                "lost",
                f"브로커 {self.host}:{self.port}와 연결이 끊겼습니다: 메시지를 버퍼에 모으며 다시 연결합니다.",
                f"lost the connection to the broker at {self.host}:{self.port}: keeping the messages in the buffer "
                "and reconnecting.",
                once=True,
            )
            return
        if refused is not None and (refused == "no CONNACK" or "protocol" in refused.lower()):
            # no answer on an open connection, or the protocol refused: perhaps a broker that speaks only MQTT 3.1.1
            # (an embedded one); the next attempt tries the other version. (A connection closed or refused before any
            # answer is a broker not there yet, e.g. restarting: no reason to change versions.)
            self._protocol = mqtt.MQTTv311 if self._protocol == mqtt.MQTTv5 else mqtt.MQTTv5
        why = refused or "closed"
        self._notice(
            "waiting",
            f"브로커 {self.host}:{self.port}가 연결을 받지 않았습니다 ({why}): 메시지를 버퍼에 모으며 계속 시도합니다.",
            f"the broker at {self.host}:{self.port} did not take the connection ({why}): keeping the messages in "
            "the buffer and trying again.",
            once=True,
        )

    def _drop_client(self) -> None:
        client, self._client = self._client, None
        self._connected = False
        self._connack = None
        self._lost = False
        self._inflight.clear()
        self._meta_mids.clear()
        if client is not None:
            sock = client.socket()
            if sock is not None:
                try:
                    sock.close()
                except OSError:
                    pass

    # --- publishing --------------------------------------------------------------------------------
    def _publish_metas(self) -> None:
        """Each run's meta before its rows: the current lines' (retained) and earlier runs' that still have rows."""
        client = self._client
        if client is None or not self._metas_due:
            return
        self._metas_due = False
        current = {channel.run for channel in self.channels}
        with_rows = {meta.run for meta in self.buffer.runs_with_rows()}
        for meta in self.buffer.runs():  # oldest first
            if meta.run in self._metas_sent or (meta.run not in current and meta.run not in with_rows):
                continue
            info = client.publish(meta.topic, meta.payload, qos=1, retain=meta.run in current)
            if info.rc != mqtt.MQTT_ERR_SUCCESS:
                self._lost = True
                return
            self._meta_mids.add(info.mid)
            self._metas_sent.add(meta.run)

    def _publish_rows(self) -> None:
        client = self._client
        free = self._window - len(self._inflight)
        if client is None or free <= 0 or self._cursor > self._newest:
            return
        rows = self.buffer.rows(self._cursor, free, replay_until=self._replay_until)
        if not rows:
            self._cursor = self._newest + 1
            return
        for row in rows:
            info = client.publish(row.topic, row.payload, qos=1)
            if info.rc != mqtt.MQTT_ERR_SUCCESS:
                self._lost = True
                return
            self._inflight[info.mid] = (row.id, row.acked)
            self._cursor = row.id + 1
            if row.acked:
                self._replayed += 1
            else:
                self._sent += 1

    def _on_publish(self, client, userdata, mid, reason, properties) -> None:
        if client is not self._client:
            return
        if mid in self._meta_mids:
            self._meta_mids.discard(mid)
            return
        entry = self._inflight.pop(mid, None)
        if entry is None:
            return
        row_id, _ = entry
        code = reason.value if reason is not None else 0
        if code == 0:
            self._acks.append(row_id)
            self._hold_off = HOLD_OFF[0]
            return
        # nobody took it (no subscriber yet) or the broker refused it: from this row again, after a pause
        self._rewind = row_id if self._rewind is None else min(self._rewind, row_id)
        if code == NO_MATCHING_SUBSCRIBERS:
            self._unheard += 1
            self._notice(
                "unheard",
                "브로커에 메시지를 받아 갈 곳(데이터 센터)이 아직 없습니다: 메시지를 버퍼에 두고 다시 보냅니다.",
                "nobody subscribes to the messages at the broker yet (no data centre): keeping them in the buffer "
                "and sending them again.",
                once=True,
            )
        else:
            self._refused += 1
            if str(reason) not in self._refusals:
                self._refusals.add(str(reason))
                self._notice(
                    "refused",
                    f"브로커가 메시지를 거절했습니다 ({reason}): 버퍼에 두고 다시 보냅니다.",
                    f"the broker refused a message ({reason}): keeping it in the buffer and sending it again.",
                )

    def _rewind_now(self, now: float) -> None:
        self._cursor = min(self._cursor, self._rewind)
        self._rewind = None
        self._hold_until = now + self._hold_off
        self._hold_off = min(self._hold_off * 2.0, HOLD_OFF[1])
        self._metas_sent.clear()  # the metas again too: they may not have been heard either
        self._metas_due = True

    # --- closing ------------------------------------------------------------------------------------
    def _shutdown(self) -> None:
        self._accepting = False
        try:
            self._drain()
            if self._acks:
                self._store_acks()
        except Exception:  # the file failed: what is on disk stays there
            pass
        client = self._client
        if client is not None and self._connected:
            try:
                client.disconnect()
                client.loop_write()
            except Exception:
                pass
        self._drop_client()
        try:
            self.buffer.forget_runs(keep=())
        except Exception:
            pass
        self.buffer.close()
        for sock in (self._wake_r, self._wake_w):
            sock.close()

    def _notice(self, key: str, ko: str, en: str, *, once: bool = False, every: float = 0.0) -> None:
        """Tell ``on_notice``: ``once`` per outage (until the next connection), or at most ``every`` s apart."""
        if once:
            if key in self._told:
                return
            self._told.add(key)
        if every:
            now = time.monotonic()
            if now - self._last_told.get(key, -math.inf) < every:
                return
            self._last_told[key] = now
        if self.on_notice is not None:
            try:
                self.on_notice(Notice(key, ko, en))
            except Exception:
                pass


class UplinkChannel(Attachment):
    """One line's uplink: the runtime attachment that turns each wake-up into records.

    Made by :meth:`UplinkSender.channel`. Its hooks run in the runtime's
    thread; :meth:`collect` does the work of one wake-up and only appends to
    the sender's in-memory queue (it calls nothing of ``sender`` but
    ``_take(items)``: :mod:`factorylab.practice` gives it a list instead and
    stores :func:`channel_record` of each item with no broker).

    Attributes:
        site, line: the names in its topics.
        run: 32 hex digits, new for every channel (every start of the line).
        every: simulated seconds between two ``tags`` samples (whole ticks).
        tags: the tags a sample carries.
        queued: records handed to the sender so far.
        lost: events or parts the plant let go before the channel read them, by kind (none in practice).
    """

    def __init__(self, sender: UplinkSender, site: str, line: str, plant: Plant, every: float, tags: list[Tag]) -> None:
        for what_ko, what_en, name in (("사이트", "site", site), ("라인", "line", line)):
            if not schema.is_slug(name):
                raise FactoryLabError(
                    f"{what_ko} 이름 {name!r}는 영어 소문자, 숫자, '-'로 1~32자여야 합니다 ('-'로 시작하지 않음; 예: school-7)",
                    f"the {what_en} name {name!r} must be 1 to 32 of a-z, 0-9 and '-' (not starting with '-'; "
                    "e.g. school-7)",
                )
        if not isinstance(every, (int, float)) or not MIN_EVERY <= every <= MAX_EVERY:
            raise FactoryLabError(
                f"업링크 간격은 {MIN_EVERY}에서 {MAX_EVERY:g} 시뮬레이션 초 사이여야 합니다 (입력: {every})",
                f"the uplink interval must be {MIN_EVERY} to {MAX_EVERY:g} simulated seconds (got {every})",
            )
        self.sender = sender
        self.site = site
        self.line = line
        self.plant = plant
        self.run = uuid.uuid4().hex
        self.topics = {kind: schema.topic(site, line, kind) for kind in schema.KINDS}
        self.tags = tags
        self.names = [tag.name for tag in tags]
        self._readers = [(tag.name, tag.reader) for tag in tags]
        self.units = {tag.name: tag.unit for tag in tags if tag.unit}
        self._ticks = max(1, round(every / plant.dt))
        self.every = round(self._ticks * plant.dt, 6)
        self.queued = 0
        self.lost: dict[str, int] = {}
        self._seq = 0
        self._slot = -1
        self._sampled_tick = -1
        self._events = 0
        self._parts = 0
        self._faults_seen = 0
        self._faults: dict[int, Any] = {}  # fault id -> record, while its start or end is still to tell
        self._started: set[int] = set()
        self._created = time.time()
        self._t0 = plant.time

    def meta_record(self) -> dict[str, Any]:
        """The run's ``meta`` record (seq 0)."""
        plant = self.plant
        return {
            "schema": schema.SCHEMA,
            "kind": "meta",
            "site": self.site,
            "line": self.line,
            "run": self.run,
            "seq": 0,
            "t": round(self._t0, 3),
            "wall": schema.wall_time(self._created),
            "scenario": plant.scenario.id,
            "seed": plant.seed,
            "variant": plant.variant.number,
            "version": __version__,
            "every": self.every,
            "tags": [
                {
                    "name": tag.name,
                    "table": tag.table,
                    "unit": tag.unit,
                    "type": tag.type,
                    "description_en": tag.description_en,
                    "description_ko": tag.description_ko,
                }
                for tag in self.tags
            ],
        }

    def units_of(self, values: dict[str, Any]) -> dict[str, str]:
        """The units of the tags in ``values`` (a sample that left a value out)."""
        return {name: unit for name, unit in self.units.items() if name in values}

    # --- the runtime's hooks ------------------------------------------------------------------------
    async def start(self, runtime: Runtime) -> None:
        """The first sample, at the line's start (and everything the plant logged before)."""
        self.collect(runtime.plant)

    async def on_tick(self, plant: Plant) -> None:
        """What happened since the last wake-up, and a sample when one is due."""
        self.collect(plant)

    async def stop(self) -> None:
        """A last sample at the line's last tick (if not taken there already)."""
        self.collect(self.plant, final=True)

    def collect(self, plant: Plant, *, final: bool = False) -> int:
        """Turn what happened since the last call into records and hand them to the sender; how many.

        Runs in the runtime's thread; never waits (appends to the sender's memory queue).
        ``final``: take a sample now even if none is due (the line stops).
        """
        records: list[tuple] = []
        wall = time.time()
        events = plant.events
        if events.total != self._events:
            lost = events.lost_since(self._events)
            if lost:
                self.lost["event"] = self.lost.get("event", 0) + lost
            for event in events.since(self._events):
                self._seq += 1
                body = {"kind": event.kind, "part": event.part, "detail": event.detail}
                records.append((self, "event", self._seq, round(event.time, 3), wall, "event", body))
            self._events = events.total
            self._collect_faults(plant, records, wall)
        elif self._faults_seen != len(plant.faults.log):
            self._collect_faults(plant, records, wall)
        finished = plant.finished_parts
        if finished.total != self._parts:
            lost = finished.lost_since(self._parts)
            if lost:
                self.lost["part"] = self.lost.get("part", 0) + lost
            for part in finished.since(self._parts):
                self._seq += 1
                row = {name: _plain(value) for name, value in part_record(part, plant).items()}
                records.append((self, "part", self._seq, round(row["finished_at"], 3), wall, "part", row))
            self._parts = finished.total
        slot = plant.tick // self._ticks
        if slot != self._slot or (final and plant.tick != self._sampled_tick):
            self._slot = slot
            self._sampled_tick = plant.tick
            values: dict[str, Any] = {}
            for name, reader in self._readers:
                value = reader(plant)
                kind = type(value)
                if kind is float:
                    if value == value and value not in _INFINITIES:
                        values[name] = value
                elif kind is int:
                    values[name] = value
                else:
                    value = _plain(value)
                    if value is not None and not isinstance(value, str):
                        values[name] = value
            self._seq += 1
            records.append((self, "tags", self._seq, round(plant.time, 3), wall, "values", values))
        if records:
            self.queued += len(records)
            self.sender._take(records)
        return len(records)

    def _collect_faults(self, plant: Plant, records: list[tuple], wall: float) -> None:
        log = plant.faults.log
        for record in log[self._faults_seen :]:
            self._faults[record.id] = record
        self._faults_seen = len(log)
        for number in list(self._faults):
            record = self._faults[number]
            start = record.effective_start
            if number not in self._started:
                if start is None:
                    if record.end is not None:  # a jam cleared before it caught a part: it never acted
                        del self._faults[number]
                    continue
                self._started.add(number)
                self._fault(records, wall, record, "start", start)
            if record.end is not None:
                self._fault(records, wall, record, "end", record.end)
                self._started.discard(number)
                del self._faults[number]

    def _fault(self, records: list[tuple], wall: float, record: Any, state: str, t: float) -> None:
        self._seq += 1
        start = record.effective_start
        body = {
            "id": record.id,
            "label": record.label,
            "target": record.target,
            "state": state,
            "start": round(start, 3),
            "end": None if state == "start" or record.end is None else round(max(record.end, start), 3),
        }
        records.append((self, "fault", self._seq, round(t, 3), wall, "fault", body))


def channel_record(item: tuple) -> dict[str, Any]:
    """The record (a payload before :func:`~.schema.encode`) of one item a channel handed over.

    ``item`` is what :meth:`UplinkChannel.collect` queues: ``(channel, kind, seq, t, wall, key, body)``
    with ``wall`` in s since 1970 (UTC). The sender publishes exactly this record; a practice class
    (:mod:`factorylab.practice`) stores exactly this record with no broker.
    """
    channel, kind, seq, t, wall, key, body = item
    record = {
        "schema": schema.SCHEMA,
        "kind": kind,
        "site": channel.site,
        "line": channel.line,
        "run": channel.run,
        "seq": seq,
        "t": t,
        "wall": schema.wall_time(wall),
        key: body,
    }
    if kind == "tags":
        record["units"] = channel.units if len(body) == len(channel.names) else channel.units_of(body)
    return record


_INFINITIES = (math.inf, -math.inf)


def _plain(value: Any) -> Any:
    """A JSON value for a part column or a tag: None, text, int (bools as 0/1) or a finite float (else None)."""
    if value is None or isinstance(value, str):
        return value
    if value is True or value is False or is_numpy_bool(value):
        return 1 if value else 0
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        value = float(value)
        return value if math.isfinite(value) else None
    return None


def _pick_tags(plant: Plant, tags: Iterable[Tag | str] | str | None) -> list[Tag]:
    table = tags_for(plant)
    if tags is None:
        return [table[name] for name in schema.DEFAULT_TAGS if name in table]
    if tags == "all":
        return list(table)
    if isinstance(tags, str):
        tags = [name.strip() for name in tags.split(",") if name.strip()]
    picked: list[Tag] = []
    for tag in tags:
        name = tag.name if isinstance(tag, Tag) else tag
        if name not in table:
            raise FactoryLabError(
                f"시나리오 '{plant.scenario.id}'에는 태그 {name!r}가 없습니다 (factorylab tags로 확인하세요)",
                f"the scenario '{plant.scenario.id}' has no tag {name!r} (see factorylab tags)",
            )
        picked.append(table[name])
    return picked
