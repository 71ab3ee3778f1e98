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
from pymodbus.server import ModbusTcpServer
from pymodbus.server.requesthandler import ServerRequestHandler
from pymodbus.simulator import DataType, SimData, SimDevice

from ..plant import Plant
from ..tags import BIT_TABLES, Tag, is_operator_tag, tags_for
from .protocol import (
    DEVICE_FAILURE,
    GATEWAY_TARGET_FAILED,
    ILLEGAL_FUNCTION,
    MAX_ADU,
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
#: Bytes a client may leave unanswered in its buffer before it is cut off.
_MAX_BUFFER = 64 * MAX_ADU


@dataclass
class ServerStats:
    """Counters of the server's work since start."""

    requests: int = 0
    exceptions: dict[int, int] = field(default_factory=dict)
    connections: int = 0
    refused_connections: int = 0
    framing_errors: int = 0


class _Connection(ServerRequestHandler):
    """One client connection: our framing and checks, pymodbus's datastore."""

    def __init__(self, owner: _TcpServer) -> None:
        super().__init__(owner, None, None, None)
        self.adapter: PlantModbusServer = owner.adapter
        self._buffer = bytearray()
        self._queue: deque[Frame] = deque()
        self._worker: asyncio.Task | None = None
        self._closing = False  # a bad header came: answer what is queued, then close

    def callback_connected(self) -> None:
        super().callback_connected()
        stats = self.adapter.stats
        stats.connections += 1
        if len(self.server.active_connections) > self.adapter.max_connections:
            stats.refused_connections += 1
            self.close()

    def callback_disconnected(self, exc: Exception | None) -> None:
        self._queue.clear()
        if self._worker is not None and not self._worker.done():
            self._worker.cancel()
        self.running = False

    def datagram_received(self, data: bytes, addr: tuple | None) -> None:
        """Bytes from the client: cut them into frames and queue them in order."""
        if self.transport is None or self._closing:
            return
        buffer = self._buffer
        buffer += data
        try:
            frames = split_frames(buffer)
        except FramingError as exc:
            self.adapter.stats.framing_errors += 1
            log.info("closing connection: bad Modbus TCP header (%s)", exc)
            # the requests that came complete before the bad header are answered first
            self._closing = True
            buffer.clear()
            self._queue.extend(exc.frames)
            if self._worker is None or self._worker.done():
                if self._queue:
                    self._worker = self.loop.create_task(self._serve_queue())
                else:
                    self.close()
            return
        if len(buffer) > _MAX_BUFFER:  # pragma: no cover - split_frames keeps it below one ADU
            self.close()
            return
        if not frames:
            return
        self._queue.extend(frames)
        if self._worker is None or self._worker.done():
            self._worker = self.loop.create_task(self._serve_queue())

    async def _serve_queue(self) -> None:
        queue = self._queue
        while queue:
            frame = queue.popleft()
            try:
                reply = await self.adapter.handle(frame, self.server.context, self.framer)
            except Exception:  # a bug of ours must not kill the connection
                log.exception("request failed")
                reply = self.framer.buildFrame(
                    ExceptionResponse(
                        frame.pdu[0] if frame.pdu else 0, DEVICE_FAILURE, frame.unit_id, frame.transaction_id
                    )
                )
            if self.transport is None:
                return
            self.transport.write(reply)
        if self._closing:  # close() sends what is written before it closes
            self.close()


class _TcpServer(ModbusTcpServer):
    """pymodbus's TCP server with our connection handler."""

    def __init__(self, adapter: PlantModbusServer, device: SimDevice, address: tuple[str, int]) -> None:
        self.adapter = adapter
        super().__init__(device, framer=FramerType.SOCKET, address=address)

    def callback_new_connection(self) -> _Connection:
        return _Connection(self)


class PlantModbusServer:
    """Serves one plant over Modbus TCP (unit id 1).

    Args:
        plant: the plant to serve.
        host: address to bind; ``127.0.0.1`` (this computer only) by default.
        port: TCP port; 5020 by default (502 needs administrator rights).
        max_connections: clients served at once; more are closed at once.
        operator_writes: False: writes to the simulator-operator block
            (``operator.start`` ..., the trainer's hand at the panel, simulation
            only) are refused with exception 01 (a read-only server: nobody
            presses the panel's buttons over the network); reading it still works.

    Call :meth:`start`, then for every tick :meth:`apply_writes` before
    stepping the plant and :meth:`publish` after it; :meth:`stop` at the end.
    """

    def __init__(
        self,
        plant: Plant,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        *,
        max_connections: int = 64,
        operator_writes: bool = True,
    ) -> None:
        self.plant = plant
        self.operator_writes = operator_writes
        self.tags = tags_for(plant)
        self.registers = RegisterMap(self.tags)
        self.host = host
        self.port = port
        self.max_connections = max_connections
        self.stats = ServerStats()
        self._pending: list[tuple[Tag, object]] = []
        self._runs = _contiguous_runs(self.tags)
        self._server: _TcpServer | None = None

    # --- lifecycle -----------------------------------------------------------
    async def start(self) -> None:
        """Bind and start serving (returns once listening)."""
        device = SimDevice(id=UNIT_ID, simdata=_simdata(self._runs), use_bit_addressing=True)
        self._server = _TcpServer(self, device, (self.host, self.port))
        try:
            await self._server.serve_forever(background=True)
        except RuntimeError:
            self._server = None
            _raise_bind_error(self.host, self.port)
        sockets = getattr(self._server.transport, "sockets", None)
        if sockets and self.port == 0:
            self.port = sockets[0].getsockname()[1]
        await self.publish()

    async def stop(self) -> None:
        """Close the listener and every connection."""
        if self._server is not None:
            await self._server.shutdown()
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
        """Copy the plant's current tag values into the register image."""
        server = self._server
        if server is None:
            return
        plant = self.plant
        for table, start, tags in self._runs:
            words: list = []
            for tag in tags:
                words.extend(tag.words(plant))
            if table in BIT_TABLES:
                words = [bool(w) for w in words]
            await server.async_setValues(UNIT_ID, _PUBLISH_FC[table], start, words)

    # --- one request ---------------------------------------------------------------
    async def handle(self, frame: Frame, context, framer) -> bytes:
        """Answer one frame: an exception or pymodbus's datastore response."""
        stats = self.stats
        stats.requests += 1
        pdu = frame.pdu
        function_code = pdu[0]
        if frame.unit_id not in ACCEPTED_UNITS:
            return self._exception(framer, frame, function_code, GATEWAY_TARGET_FAILED)
        checked = check_request(pdu, self.registers)
        if isinstance(checked, int):
            return self._exception(framer, frame, function_code, checked)
        if not self.operator_writes and any(is_operator_tag(tag) for tag, _ in checked.writes):
            return self._exception(framer, frame, function_code, ILLEGAL_FUNCTION)  # not on this server
        request = self._server.decoder.decode(pdu)
        if request is None:  # pragma: no cover - check_request accepted it
            return self._exception(framer, frame, function_code, DEVICE_FAILURE)
        request.dev_id = UNIT_ID
        request.transaction_id = frame.transaction_id
        response = await request.datastore_update(context, UNIT_ID)
        if isinstance(response, ExceptionResponse):  # pragma: no cover - checked above
            stats.exceptions[response.exception_code] = stats.exceptions.get(response.exception_code, 0) + 1
        elif checked.writes:
            self._pending.extend(checked.writes)
        response.transaction_id = frame.transaction_id
        response.dev_id = frame.unit_id
        return framer.buildFrame(response)

    def _exception(self, framer, frame: Frame, function_code: int, code: int) -> bytes:
        self.stats.exceptions[code] = self.stats.exceptions.get(code, 0) + 1
        return framer.buildFrame(ExceptionResponse(function_code & 0x7F, code, frame.unit_id, frame.transaction_id))

    @property
    def pending_writes(self) -> int:
        """Client writes waiting for the next tick."""
        return len(self._pending)


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
