"""The Modbus TCP server over the plant: a small adapter on pymodbus.

pymodbus provides the TCP listener, the register datastore
(:class:`pymodbus.simulator.SimDevice`) and the request/response PDUs. This
adapter adds what the plant needs and what the specification asks for but
pymodbus 3.16.1 does not do on its own:

* framing by the Modbus TCP messaging guide: every request of a TCP segment
  is answered, in order; a request split over segments is answered once
  complete; a stream with a bad header is closed (after answering the
  requests that came complete before it), never crashes the server;
* request checks (see :mod:`.protocol`): exception 01 for an unsupported
  function, 02 for an address not in the tag table, 03 for a bad quantity,
  byte count, coil value, out-of-range value or a write to a read-only tag,
  with the state unchanged; exception 0B for another unit id;
* writes queued for the plant, applied at the start of the next tick; reads
  see the values published at the end of the latest tick.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
from collections import deque
from dataclasses import dataclass, field

from pymodbus.framer import FramerType
from pymodbus.pdu import ExceptionResponse
from pymodbus.pdu.decoders import DecodePDU
from pymodbus.server import ModbusTcpServer
from pymodbus.server.requesthandler import ServerRequestHandler
from pymodbus.simulator import DataType, SimData, SimDevice
from pymodbus.simulator.simcore import SimCore

from ..plant import Plant
from ..tags import BIT_TABLES, Tag, is_operator_tag, tags_for
from .protocol import (
    DEVICE_FAILURE,
    GATEWAY_TARGET_FAILED,
    ILLEGAL_FUNCTION,
    Frame,
    FramingError,
    RegisterMap,
    check_request,
    split_frames,
)

log = logging.getLogger("factorylab.modbus")

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5020
UNIT_ID = 1
#: Unit ids answered as our own: 1, and 255 which the TCP guide recommends
#: for a device addressed directly by IP.
ACCEPTED_UNITS = frozenset({UNIT_ID, 0xFF})
#: Read function code used to publish each table into the datastore.
_PUBLISH_FC = {"coil": 1, "discrete_input": 2, "holding_register": 3, "input_register": 4}


@dataclass
class ServerStats:
    """Counters of the server's work since start."""

    requests: int = 0
    exceptions: dict[int, int] = field(default_factory=dict)
    connections: int = 0
    refused_connections: int = 0  # over the limit with nobody idle to let go: answered "busy" and closed
    evicted_connections: int = 0  # idle the longest, closed to make room for a new client
    idle_closed: int = 0  # sent nothing for ``idle_timeout`` s
    stalled_closed: int = 0  # did not read its answers for ``STALL_TIMEOUT`` s
    framing_errors: int = 0
    refused_writes: int = 0  # writes refused by :attr:`PlantModbusServer.read_only` / ``writers``


@dataclass(frozen=True)
class ClientInfo:
    """One client connection, as the teacher's console shows it.

    Attributes:
        host: the client's IP address.
        port: the client's TCP port.
        shared_port: it came through the classroom's shared port (by unit id), not the line's own port.
        connected_for: seconds since it connected.
        idle_for: seconds since its last request (or since it connected).
        requests: requests it sent to this line.
        writes: writes of this line's tags it made.
        refused_writes: writes refused (read-only line, or an address that may not write).
    """

    host: str
    port: int
    shared_port: bool
    connected_for: float
    idle_for: float
    requests: int
    writes: int
    refused_writes: int


#: Frames of one connection answered in a row before the others get a turn.
FRAMES_PER_TURN = 8
#: Unsent answers (bytes) a connection may pile up before the server stops reading its requests.
WRITE_HIGH_WATER = 64 * 1024
#: Requests of one connection cut into frames at most at a time (the rest wait as bytes).
MAX_QUEUED_FRAMES = 512
#: Bytes of one connection's requests kept unread at most; past this the server stops reading from it for a while.
MAX_UNPARSED = 16 * 1024
#: A connection that does not read its answers for this long is closed, s.
STALL_TIMEOUT = 10.0
#: At the connection limit, a connection idle at least this long may be closed for a new one, s.
EVICT_IDLE = 1.0
#: A refused connection is answered "busy" (exception 06) for at most this long, then closed, s.
REFUSE_HOLD = 2.0
#: Default idle timeout: a connection that sends nothing for this long is closed, s.
IDLE_TIMEOUT = 120.0
#: Seconds between two looks of the server at its connections (idle, stalled).
JANITOR_PERIOD = 0.5
#: Modbus exception 06, Server Device Busy: the answer to a connection over the limit.
SERVER_DEVICE_BUSY = 0x06


class _Connection(ServerRequestHandler):
    """One client connection: our framing and checks, pymodbus's datastore.

    Fair to the others: at most :data:`FRAMES_PER_TURN` requests in a row,
    answers bounded by :data:`WRITE_HIGH_WATER` (a client that does not read
    is not read either, and is closed after :data:`STALL_TIMEOUT`).
    """

    def __init__(self, owner: _TcpServer) -> None:
        super().__init__(owner, None, None, None)
        self.listener_server: _TcpServer = owner
        self._buffer = bytearray()
        self._queue: deque[Frame] = deque()
        self._worker: asyncio.Task | None = None
        self._closing = False  # a bad header came: answer what is queued, then close
        self._refused = False  # over the limit: every request is answered "busy"
        self._can_write = asyncio.Event()
        self._can_write.set()
        self._blocked_since: float | None = None  # output over the high-water mark since (loop time)
        self._queue_full = False
        now = self.loop.time()
        self.connected_at = now
        self.last_activity = now
        self.peer: tuple[str, int] = ("?", 0)
        # per line this connection addressed: requests, writes, refused writes
        self.counts: dict[int, list[int]] = {}

    # --- the connection's life ---------------------------------------------------------------
    def callback_connected(self) -> None:
        super().callback_connected()
        transport = self.transport
        peer = transport.get_extra_info("peername") if transport is not None else None
        if peer:
            self.peer = (str(peer[0]), int(peer[1]))
        if transport is not None:
            transport.set_write_buffer_limits(high=WRITE_HIGH_WATER)
        owner = self.listener_server
        owner.stats.connections += 1
        served = [c for c in owner.active_connections.values() if isinstance(c, _Connection) and not c._refused]
        if len(served) > owner.max_connections:
            victim = _longest_idle(served, self, self.loop.time() - EVICT_IDLE)
            if victim is not None:
                owner.stats.evicted_connections += 1
                log.info("closing the connection idle the longest (%s) to make room", victim.peer)
                victim.abort()
            else:
                owner.stats.refused_connections += 1
                self._refused = True
                self.loop.call_later(REFUSE_HOLD, self.abort)
        owner.connected(self)

    def callback_disconnected(self, exc: Exception | None) -> None:
        self._queue.clear()
        if self._worker is not None and not self._worker.done():
            self._worker.cancel()
        self._can_write.set()
        self.running = False
        self.listener_server.disconnected(self)

    def abort(self) -> None:
        """Close at once, dropping unsent answers (a client that does not read them)."""
        transport = self.transport
        self.close()
        if transport is not None:
            transport.abort()

    # --- flow control: asyncio calls these when our unsent output crosses the limits --------
    def pause_writing(self) -> None:
        self._can_write.clear()
        self._blocked_since = self.loop.time()
        self._pause_reading()

    def resume_writing(self) -> None:
        self._can_write.set()
        self._blocked_since = None
        self._resume_reading()

    def _pause_reading(self) -> None:
        transport = self.transport
        if transport is not None and transport.is_reading():
            transport.pause_reading()

    def _resume_reading(self) -> None:
        transport = self.transport
        if transport is None or self._closing or self._blocked_since is not None or self._queue_full:
            return
        if not transport.is_reading():
            transport.resume_reading()

    def stalled(self, now: float) -> bool:
        """True once the client has not read its answers for the server's ``stall_timeout`` s."""
        limit = self.listener_server.stall_timeout
        return self._blocked_since is not None and now - self._blocked_since > limit

    # --- requests ------------------------------------------------------------------------------
    def datagram_received(self, data: bytes, addr: tuple | None) -> None:
        """Bytes from the client: cut them into frames and queue them in order."""
        if self.transport is None or self._closing:
            return
        self.last_activity = self.loop.time()
        self._buffer += data
        self._take_frames()
        if len(self._buffer) > MAX_UNPARSED:  # a long pipeline: read no more until it is answered
            self._queue_full = True
            self._pause_reading()
        if self._queue and (self._worker is None or self._worker.done()):
            self._worker = self.loop.create_task(self._serve_queue())

    def _take_frames(self) -> None:
        """Move complete frames from the byte buffer to the queue, while the queue has room."""
        room = MAX_QUEUED_FRAMES - len(self._queue)
        if room <= 0 or self._closing:
            return
        try:
            frames = split_frames(self._buffer, room)
        except FramingError as exc:
            self.listener_server.stats.framing_errors += 1
            log.info("closing connection: bad Modbus TCP header (%s)", exc)
            # the requests that came complete before the bad header are answered first
            self._closing = True
            self._buffer.clear()
            self._queue.extend(exc.frames)
            if not self._queue and (self._worker is None or self._worker.done()):
                self.close()
            return
        self._queue.extend(frames)

    async def _serve_queue(self) -> None:
        queue = self._queue
        owner = self.listener_server
        in_turn = 0
        while queue:
            if not self._can_write.is_set():
                await self._can_write.wait()
                if self.transport is None:
                    return
            frame = queue.popleft()
            try:
                if self._refused:
                    owner.stats.requests += 1
                    reply = _counted_exception(
                        owner.stats, self.framer, frame, frame.pdu[0] if frame.pdu else 0, SERVER_DEVICE_BUSY
                    )
                else:
                    reply = await owner.answer(frame, self)
            except Exception:  # a bug of ours must not kill the connection
                log.exception("request failed")
                reply = _exception_frame(self.framer, frame, frame.pdu[0] if frame.pdu else 0, DEVICE_FAILURE)
            if self.transport is None:
                return
            self.transport.write(reply)
            if len(queue) < MAX_QUEUED_FRAMES // 2 and self._buffer:
                self._take_frames()
            if self._queue_full and len(self._buffer) <= MAX_UNPARSED // 2:
                self._queue_full = False
                self._resume_reading()
            in_turn += 1
            if in_turn >= FRAMES_PER_TURN and queue:
                in_turn = 0
                await asyncio.sleep(0)  # the others' turn (and the tick's)
                if self.transport is None:
                    return
        if self._refused and self.transport is not None:
            self.close()  # the client has its answer: "busy"
        elif self._closing:  # close() sends what is written before it closes
            self.close()

    def count(self, line: int, *, write: bool = False, refused: bool = False) -> None:
        """Count a request of this connection to line ``line`` (for the console)."""
        counts = self.counts.get(line)
        if counts is None:
            counts = self.counts[line] = [0, 0, 0]
        counts[0] += 1
        if write:
            counts[1] += 1
        if refused:
            counts[2] += 1

    def info(self, line: int, now: float) -> ClientInfo:
        requests, writes, refused = self.counts.get(line, (0, 0, 0))
        return ClientInfo(
            self.peer[0],
            self.peer[1],
            self.listener_server.shared,
            now - self.connected_at,
            now - self.last_activity,
            requests,
            writes,
            refused,
        )


def _longest_idle(connections, newcomer: _Connection, idle_before: float) -> _Connection | None:
    """The connection idle the longest, if it has been idle since ``idle_before`` (loop time) or longer."""
    best = None
    for connection in connections:
        if connection is newcomer or connection._queue or connection.last_activity > idle_before:
            continue
        if best is None or connection.last_activity < best.last_activity:
            best = connection
    return best


def _exception_frame(framer, frame: Frame, function_code: int, code: int) -> bytes:
    return framer.buildFrame(ExceptionResponse(function_code & 0x7F, code, frame.unit_id, frame.transaction_id))


def _counted_exception(stats: ServerStats, framer, frame: Frame, function_code: int, code: int) -> bytes:
    """An exception answer, counted in ``stats`` by its code."""
    stats.exceptions[code] = stats.exceptions.get(code, 0) + 1
    return _exception_frame(framer, frame, function_code, code)


class _TcpServer(ModbusTcpServer):
    """pymodbus's TCP server with our connection handler: one line's port, or the classroom's shared port.

    Args:
        lines: unit id -> the server of that line. A line's own port answers
            unit ids 1 and 255 with that line; the shared port answers each
            line's own unit id.
        shared: this is the classroom's shared port.
    """

    def __init__(
        self,
        lines: dict[int, PlantModbusServer],
        address: tuple[str, int],
        *,
        shared: bool,
        max_connections: int,
        idle_timeout: float | None,
        stall_timeout: float,
        stats: ServerStats,
    ) -> None:
        self.lines = lines
        self.stall_timeout = stall_timeout
        self.shared = shared
        self.max_connections = max_connections
        self.idle_timeout = idle_timeout
        self.stats = stats
        first = next(iter(lines.values()))
        super().__init__(first.device, framer=FramerType.SOCKET, address=address)
        self._janitor: asyncio.Task | None = None

    def callback_new_connection(self) -> _Connection:
        return _Connection(self)

    def connected(self, connection: _Connection) -> None:
        if not self.shared and not connection._refused:
            for line in self.lines.values():
                line._clients[id(connection)] = connection

    def disconnected(self, connection: _Connection) -> None:
        for line in self.lines.values():
            line._clients.pop(id(connection), None)

    async def answer(self, frame: Frame, connection: _Connection) -> bytes:
        if self.shared:
            line = self.lines.get(frame.unit_id)
            if line is None:  # no line has this unit id
                self.stats.requests += 1
                return _counted_exception(self.stats, connection.framer, frame, frame.pdu[0], GATEWAY_TARGET_FAILED)
            line._clients.setdefault(id(connection), connection)
        else:
            line = next(iter(self.lines.values()))
            if frame.unit_id not in ACCEPTED_UNITS:
                line.stats.requests += 1
                return line._exception(connection.framer, frame, frame.pdu[0], GATEWAY_TARGET_FAILED)
        return await line.handle(frame, connection)

    async def serve(self) -> None:
        await self.serve_forever(background=True)
        self._janitor = asyncio.get_running_loop().create_task(self._look_after_connections())

    async def close_all(self) -> None:
        if self._janitor is not None:
            self._janitor.cancel()
        await self.shutdown()

    async def _look_after_connections(self) -> None:
        """Close connections idle for ``idle_timeout`` and those that stopped reading their answers."""
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(JANITOR_PERIOD)
            now = loop.time()
            for connection in list(self.active_connections.values()):
                if not isinstance(connection, _Connection):
                    continue
                if connection.stalled(now):
                    self.stats.stalled_closed += 1
                    log.info("closing %s: it does not read its answers", connection.peer)
                    connection.abort()
                elif (
                    self.idle_timeout is not None
                    and not connection._queue
                    and now - connection.last_activity > self.idle_timeout
                ):
                    self.stats.idle_closed += 1
                    connection.abort()


class PlantModbusServer:
    """Serves one plant over Modbus TCP (unit id 1).

    Args:
        plant: the plant to serve.
        host: address to bind; ``127.0.0.1`` (this computer only) by default.
        port: TCP port; 5020 by default (502 needs administrator rights);
            None: no port of its own (a line of the classroom reached only by
            unit id on the shared port, see :class:`SharedPort`).
        max_connections: clients served at once. A new client over the limit
            takes the place of the connection idle the longest (at least
            :data:`EVICT_IDLE` s); if every connection is busy, its requests
            are answered with exception 06 (server busy) and it is closed
            (the client library says "too many connections").
        idle_timeout: a connection that sends nothing for this long is
            closed, s (None: never). The client library reconnects by itself.
        stall_timeout: a client that does not read its answers for this long is closed, s.
        operator_writes: False: writes to the simulator-operator block
            (``operator.start`` ..., the trainer's hand at the panel, simulation
            only) are refused with exception 01 (a read-only server: nobody
            presses the panel's buttons over the network); reading it still works.
        unit_id: this line's unit id on a shared port (its own port answers 1 and 255).

    Attributes:
        read_only: refuse every write (exception 01), e.g. while the teacher
            shows the line to the class; change it at any time (in the
            server's thread).
        writers: IP addresses that may write (None: any); the others' writes
            are refused with exception 01 and counted.

    Call :meth:`start`, then for every tick :meth:`apply_writes` before
    stepping the plant and :meth:`publish` after it; :meth:`stop` at the end.
    """

    def __init__(
        self,
        plant: Plant,
        host: str = DEFAULT_HOST,
        port: int | None = DEFAULT_PORT,
        *,
        max_connections: int = 64,
        idle_timeout: float | None = IDLE_TIMEOUT,
        stall_timeout: float = STALL_TIMEOUT,
        operator_writes: bool = True,
        unit_id: int = UNIT_ID,
    ) -> None:
        self.plant = plant
        self.operator_writes = operator_writes
        self.tags = tags_for(plant)
        self.registers = RegisterMap(self.tags)
        self.host = host
        self.port = port
        self.unit_id = unit_id
        self.max_connections = max_connections
        self.idle_timeout = idle_timeout
        self.stall_timeout = stall_timeout
        self.read_only = False
        self.writers: frozenset[str] | None = None
        self.stats = ServerStats()
        self._pending: list[tuple[Tag, object]] = []
        self._runs = _contiguous_runs(self.tags)
        self.device = SimDevice(id=UNIT_ID, simdata=_simdata(self._runs), use_bit_addressing=True)
        self.context = SimCore(self.device)
        self.decoder = DecodePDU(True)
        self._server: _TcpServer | None = None
        self._clients: dict[int, _Connection] = {}
        self._stale = True  # the register image is older than the plant
        self.last_writer: tuple[str, float] | None = None  # (address, simulated time) of the latest write

    # --- lifecycle -----------------------------------------------------------
    async def start(self) -> None:
        """Bind and start serving (returns once listening; with ``port=None`` only make the image)."""
        if self.port is not None:
            self._server, self.port = await _listen({self.unit_id: self}, self, shared=False)
        await self.publish()

    async def stop(self) -> None:
        """Close the listener and every connection."""
        if self._server is not None:
            await self._server.close_all()
            self._server = None

    # --- the plant side ---------------------------------------------------------
    def apply_writes(self) -> int:
        """Apply queued client writes to the plant, in arrival order.

        Returns:
            How many tag writes were applied.
        """
        pending = self._pending
        if not pending:
            return 0
        plant = self.plant
        for tag, value in pending:
            tag.write(plant, value)
        count = len(pending)
        pending.clear()
        return count

    async def publish(self) -> None:
        """Mark the register image old: the next request copies the plant's tag values into it first.

        (Copying at every tick would cost a classroom of 30 lines more than
        its clients' requests; a read still sees the values of the latest tick.)
        """
        self._stale = True

    async def _refresh(self) -> None:
        """Copy the plant's current tag values into the register image."""
        self._stale = False
        plant = self.plant
        context = self.context
        for table, start, tags in self._runs:
            words: list = []
            for tag in tags:
                words.extend(tag.words(plant))
            if table in BIT_TABLES:
                words = [bool(w) for w in words]
            await context.async_setValues(UNIT_ID, _PUBLISH_FC[table], start, words)

    # --- clients ---------------------------------------------------------------------
    def clients(self) -> list[ClientInfo]:
        """The clients connected to this line now (call it in the server's thread)."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        return [c.info(self.unit_id, now) for c in self._clients.values() if c.transport is not None]

    def may_write(self, host: str) -> bool:
        """Whether a client at ``host`` may write to this line now."""
        if self.read_only:
            return False
        return self.writers is None or host in self.writers

    # --- one request ---------------------------------------------------------------
    async def handle(self, frame: Frame, connection: _Connection) -> bytes:
        """Answer one frame addressed to this line: an exception or pymodbus's datastore response."""
        stats = self.stats
        stats.requests += 1
        pdu = frame.pdu
        function_code = pdu[0]
        framer = connection.framer
        checked = check_request(pdu, self.registers)
        if isinstance(checked, int):
            connection.count(self.unit_id)
            return self._exception(framer, frame, function_code, checked)
        if checked.writes:
            host = connection.peer[0]
            allowed = self.may_write(host)
            refused = not allowed or (
                not self.operator_writes and any(is_operator_tag(tag) for tag, _ in checked.writes)
            )
            connection.count(self.unit_id, write=True, refused=refused)
            if refused:
                if not allowed:
                    stats.refused_writes += 1
                return self._exception(framer, frame, function_code, ILLEGAL_FUNCTION)  # not for this client
            self.last_writer = (host, self.plant.time)
        else:
            connection.count(self.unit_id)
        if self._stale:
            await self._refresh()
        request = self.decoder.decode(pdu)
        if request is None:  # pragma: no cover - check_request accepted it
            return self._exception(framer, frame, function_code, DEVICE_FAILURE)
        request.dev_id = UNIT_ID
        request.transaction_id = frame.transaction_id
        response = await request.datastore_update(self.context, UNIT_ID)
        if isinstance(response, ExceptionResponse):  # pragma: no cover - checked above
            stats.exceptions[response.exception_code] = stats.exceptions.get(response.exception_code, 0) + 1
        elif checked.writes:
            self._pending.extend(checked.writes)
        response.transaction_id = frame.transaction_id
        response.dev_id = frame.unit_id
        return framer.buildFrame(response)

    def _exception(self, framer, frame: Frame, function_code: int, code: int) -> bytes:
        return _counted_exception(self.stats, framer, frame, function_code, code)

    @property
    def pending_writes(self) -> int:
        """Client writes waiting for the next tick."""
        return len(self._pending)


class SharedPort:
    """The classroom's one port where every line answers its own unit id.

    Args:
        lines: the lines' servers (each with its ``unit_id``, 1..247), started
            (with or without ports of their own).
        host, port: where to listen.
        max_connections, idle_timeout: as for :class:`PlantModbusServer`.
    """

    def __init__(
        self,
        lines: list[PlantModbusServer],
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        *,
        max_connections: int = 256,
        idle_timeout: float | None = IDLE_TIMEOUT,
        stall_timeout: float = STALL_TIMEOUT,
    ) -> None:
        by_unit: dict[int, PlantModbusServer] = {}
        for line in lines:
            if not 1 <= line.unit_id <= 247 or line.unit_id in by_unit:
                raise ValueError(f"unit id {line.unit_id}: each line needs its own unit id, 1..247")
            by_unit[line.unit_id] = line
        if not by_unit:
            raise ValueError("a shared port needs at least one line")
        self.lines = by_unit
        self.host = host
        self.port = port
        self.max_connections = max_connections
        self.idle_timeout = idle_timeout
        self.stall_timeout = stall_timeout
        self.stats = ServerStats()
        self._server: _TcpServer | None = None

    async def start(self) -> None:
        """Bind and start serving (an OSError says why it could not listen)."""
        self._server, self.port = await _listen(self.lines, self, shared=True)

    async def stop(self) -> None:
        """Close the listener and every connection."""
        if self._server is not None:
            await self._server.close_all()
            self._server = None


async def _listen(lines: dict[int, PlantModbusServer], owner, *, shared: bool) -> tuple[_TcpServer, int]:
    """A listening server for ``lines`` with ``owner``'s address, limits and stats; (server, the real port).

    Raises:
        OSError: it cannot listen there (why, as the operating system says it).
    """
    server = _TcpServer(
        lines,
        (owner.host, owner.port),
        shared=shared,
        max_connections=owner.max_connections,
        idle_timeout=owner.idle_timeout,
        stall_timeout=owner.stall_timeout,
        stats=owner.stats,
    )
    try:
        await server.serve()
    except RuntimeError:
        _raise_bind_error(owner.host, owner.port)
    sockets = getattr(server.transport, "sockets", None)
    port = sockets[0].getsockname()[1] if sockets and owner.port == 0 else owner.port
    return server, port


def _raise_bind_error(host: str, port: int) -> None:
    """pymodbus only says it could not listen: find out why, as an OSError."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, _, _, _, address = infos[0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind(address)
    except OSError as exc:
        raise exc from None
    raise OSError(errno.EADDRNOTAVAIL, f"cannot listen on {host}:{port}")


def _contiguous_runs(tags) -> list[tuple[str, int, list[Tag]]]:
    """Group each table's tags into runs of consecutive addresses."""
    runs: list[tuple[str, int, list[Tag]]] = []
    for table in ("coil", "discrete_input", "holding_register", "input_register"):
        current: list[Tag] = []
        start = next_address = -1
        for tag in tags.in_table(table):
            if current and tag.address == next_address:
                current.append(tag)
            else:
                if current:
                    runs.append((table, start, current))
                current = [tag]
                start = tag.address
            next_address = tag.address + tag.registers
        if current:
            runs.append((table, start, current))
    return runs


def _simdata(runs) -> tuple[list[SimData], list[SimData], list[SimData], list[SimData]]:
    """SimData blocks for pymodbus: (coils, discrete inputs, holding, input)."""
    blocks: dict[str, list[SimData]] = {t: [] for t in ("coil", "discrete_input", "holding_register", "input_register")}
    for table, start, tags in runs:
        count = sum(tag.registers for tag in tags)
        if table in BIT_TABLES:
            blocks[table].append(SimData(start, count=count, values=False, datatype=DataType.BITS))
        else:
            blocks[table].append(SimData(start, count=count, values=0, datatype=DataType.REGISTERS))
    for table, entries in blocks.items():
        if not entries:  # pymodbus needs at least one block per table
            entries.append(
                SimData(
                    65535 if table not in BIT_TABLES else 65520,
                    count=1,
                    values=0,
                    datatype=DataType.BITS if table in BIT_TABLES else DataType.REGISTERS,
                )
            )
    return (blocks["coil"], blocks["discrete_input"], blocks["holding_register"], blocks["input_register"])
