"""Modbus TCP framing and request checks, by the specification.

Modbus Application Protocol Specification v1.1b3 and the Modbus Messaging on
TCP/IP Implementation Guide v1.0b. This module decides what a request means
and which exception (if any) it deserves; it does not touch pymodbus, so each
rule can be tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..tags import BIT_TABLES, Tag, TagTable

MBAP_SIZE = 7  # transaction id (2), protocol id (2), length (2), unit id (1)
MAX_PDU = 253  # function code + data
MAX_ADU = MBAP_SIZE + MAX_PDU  # 260 bytes on the wire

ILLEGAL_FUNCTION = 0x01
ILLEGAL_ADDRESS = 0x02
ILLEGAL_VALUE = 0x03
DEVICE_FAILURE = 0x04
GATEWAY_TARGET_FAILED = 0x0B

READ_COILS = 1
READ_DISCRETE_INPUTS = 2
READ_HOLDING_REGISTERS = 3
READ_INPUT_REGISTERS = 4
WRITE_SINGLE_COIL = 5
WRITE_SINGLE_REGISTER = 6
WRITE_MULTIPLE_COILS = 15
WRITE_MULTIPLE_REGISTERS = 16

#: function code -> Modbus table it works on
FUNCTION_TABLE = {
    READ_COILS: "coil",
    READ_DISCRETE_INPUTS: "discrete_input",
    READ_HOLDING_REGISTERS: "holding_register",
    READ_INPUT_REGISTERS: "input_register",
    WRITE_SINGLE_COIL: "coil",
    WRITE_SINGLE_REGISTER: "holding_register",
    WRITE_MULTIPLE_COILS: "coil",
    WRITE_MULTIPLE_REGISTERS: "holding_register",
}
SUPPORTED_FUNCTIONS = frozenset(FUNCTION_TABLE)

#: quantity limits (spec 6.1-6.4, 6.11, 6.12)
MAX_READ_BITS = 2000
MAX_READ_REGISTERS = 125
MAX_WRITE_BITS = 1968
MAX_WRITE_REGISTERS = 123

EXCEPTION_NAMES = {
    ILLEGAL_FUNCTION: "Illegal function",
    ILLEGAL_ADDRESS: "Illegal data address",
    ILLEGAL_VALUE: "Illegal data value",
    DEVICE_FAILURE: "Server device failure",
    GATEWAY_TARGET_FAILED: "Gateway target device failed to respond",
}


class FramingError(Exception):
    """The byte stream cannot be a Modbus TCP stream: the connection must close.

    ``frames`` holds the complete frames that came before the bad header (in
    order): they are the client's requests and still get their answers.
    """

    def __init__(self, message: str, frames: list[Frame] | None = None) -> None:
        super().__init__(message)
        self.frames: list[Frame] = frames if frames is not None else []


@dataclass(slots=True)
class Frame:
    """One complete Modbus TCP frame: MBAP header fields and the PDU."""

    transaction_id: int
    unit_id: int
    pdu: bytes


@dataclass(slots=True)
class Request:
    """A checked request.

    ``writes`` lists (tag, engineering value) for write requests.
    """

    function_code: int
    table: str
    address: int
    count: int
    writes: list[tuple[Tag, object]]


def split_frames(buffer: bytearray, limit: int | None = None) -> list[Frame]:
    """Take every complete frame (at most ``limit``) off the front of ``buffer``.

    Incomplete trailing bytes stay in the buffer (a request split across TCP
    segments is answered once complete).

    Raises:
        FramingError: a header that no correct client sends (protocol id not
            0, or a length field outside 2..254). The stream cannot be
            re-synchronised, so the caller answers the error's ``frames``
            (those complete before the bad header) and closes the connection.
    """
    frames: list[Frame] = []
    offset = 0
    size = len(buffer)
    while size - offset >= MBAP_SIZE and (limit is None or len(frames) < limit):
        protocol_id = (buffer[offset + 2] << 8) | buffer[offset + 3]
        length = (buffer[offset + 4] << 8) | buffer[offset + 5]
        if protocol_id != 0:
            del buffer[:offset]
            raise FramingError(f"protocol id {protocol_id} (must be 0)", frames)
        if length < 2 or length > MAX_PDU + 1:
            del buffer[:offset]
            raise FramingError(f"length field {length} (must be 2..254)", frames)
        end = offset + 6 + length
        if end > size:
            break
        frames.append(
            Frame(
                (buffer[offset] << 8) | buffer[offset + 1],
                buffer[offset + 6],
                bytes(buffer[offset + 7 : end]),
            )
        )
        offset = end
    if offset:
        del buffer[:offset]
    return frames


class RegisterMap:
    """Which addresses exist and which may be written, per table.

    Built from a tag table (the tags of one scenario).
    """

    def __init__(self, tags: TagTable) -> None:
        self.tags = tags
        self._valid: dict[str, bytearray] = {}
        for table in FUNCTION_TABLE.values():
            self._valid.setdefault(table, bytearray(65536))
        for tag in tags:
            for address in tag.addresses:
                self._valid[tag.table][address] = 1

    def all_valid(self, table: str, address: int, count: int) -> bool:
        """True if every address in [address, address + count) is a tag's."""
        if address + count > 65536:
            return False
        return 0 not in self._valid[table][address : address + count]


def check_request(pdu: bytes, registers: RegisterMap) -> Request | int:
    """Check a request PDU; return the :class:`Request` or an exception code.

    Order of checks follows the specification's state diagrams: function
    code (01), then quantity and byte count (03), then addresses (02), then
    values (03).
    """
    function_code = pdu[0]
    if function_code not in SUPPORTED_FUNCTIONS:
        return ILLEGAL_FUNCTION
    table = FUNCTION_TABLE[function_code]
    size = len(pdu)
    if function_code <= READ_INPUT_REGISTERS:
        if size != 5:
            return ILLEGAL_VALUE
        address = (pdu[1] << 8) | pdu[2]
        count = (pdu[3] << 8) | pdu[4]
        problem = check_read(registers, table, address, count)
        if problem is not None:
            return problem
        return Request(function_code, table, address, count, [])

    if function_code == WRITE_SINGLE_COIL:
        if size != 5:
            return ILLEGAL_VALUE
        address = (pdu[1] << 8) | pdu[2]
        raw = (pdu[3] << 8) | pdu[4]
        if raw not in (0x0000, 0xFF00):
            return ILLEGAL_VALUE
        return _writes(registers, function_code, table, address, [1 if raw else 0])

    if function_code == WRITE_SINGLE_REGISTER:
        if size != 5:
            return ILLEGAL_VALUE
        address = (pdu[1] << 8) | pdu[2]
        return _writes(registers, function_code, table, address, [(pdu[3] << 8) | pdu[4]])

    # FC 15 / 16: address, quantity, byte count, values
    if size < 6:
        return ILLEGAL_VALUE
    address = (pdu[1] << 8) | pdu[2]
    count = (pdu[3] << 8) | pdu[4]
    byte_count = pdu[5]
    if function_code == WRITE_MULTIPLE_COILS:
        if not 1 <= count <= MAX_WRITE_BITS or byte_count != (count + 7) // 8 or size != 6 + byte_count:
            return ILLEGAL_VALUE
        data = pdu[6:]
        values = [(data[i >> 3] >> (i & 7)) & 1 for i in range(count)]
    else:
        if not 1 <= count <= MAX_WRITE_REGISTERS or byte_count != 2 * count or size != 6 + byte_count:
            return ILLEGAL_VALUE
        values = [(pdu[6 + 2 * i] << 8) | pdu[7 + 2 * i] for i in range(count)]
    return _writes(registers, function_code, table, address, values)


def check_read_count(table: str, count: int) -> int | None:
    """None if one request may read ``count`` values of ``table``, else ILLEGAL_VALUE (spec 6.1-6.4)."""
    limit = MAX_READ_BITS if table in BIT_TABLES else MAX_READ_REGISTERS
    return None if 1 <= count <= limit else ILLEGAL_VALUE


def check_read(registers: RegisterMap, table: str, address: int, count: int) -> int | None:
    """None if a read of ``count`` values from ``address`` is valid, else the exception code."""
    problem = check_read_count(table, count)
    if problem is not None:
        return problem
    if not registers.all_valid(table, address, count):
        return ILLEGAL_ADDRESS
    return None


def check_write_values(table: str, values: list[int]) -> int | None:
    """None if raw ``values`` can be written to ``table`` by one request, else the exception code.

    What needs no tag table: a table no function code writes (ILLEGAL_FUNCTION),
    too few or too many values, or a value that is not a bit (0/1) for a coil
    or a 16-bit word (0..65535) for a holding register (ILLEGAL_VALUE).
    """
    if table not in ("coil", "holding_register"):
        return ILLEGAL_FUNCTION  # no function code writes inputs
    limit = MAX_WRITE_BITS if table == "coil" else MAX_WRITE_REGISTERS
    if not 1 <= len(values) <= limit:
        return ILLEGAL_VALUE
    if any(not 0 <= v <= (1 if table == "coil" else 0xFFFF) for v in values):
        return ILLEGAL_VALUE
    return None


def check_write(registers: RegisterMap, table: str, address: int, values: list[int]) -> Request | int:
    """Check a write of raw ``values`` (bits 0/1 or register words) to a table.

    Returns the :class:`Request` (with the tag values to apply) or the
    exception code.
    """
    problem = check_write_values(table, values)
    if problem is not None:
        return problem
    function_code = WRITE_MULTIPLE_COILS if table == "coil" else WRITE_MULTIPLE_REGISTERS
    return _writes(registers, function_code, table, address, values)


def _writes(registers: RegisterMap, function_code: int, table: str, address: int, values: list[int]) -> Request | int:
    """Check a write's addresses and values against the tags it touches."""
    count = len(values)
    if not registers.all_valid(table, address, count):
        return ILLEGAL_ADDRESS
    tags = registers.tags
    for offset in range(count):
        if not tags.at(table, address + offset).writable:
            return ILLEGAL_VALUE  # a read-only tag
    first = tags.at(table, address)
    last = tags.at(table, address + count - 1)
    if first is None or last is None or first.address != address or last.addresses[-1] != address + count - 1:
        return ILLEGAL_ADDRESS  # the write would cut a 32-bit value in half
    writes: list[tuple[Tag, object]] = []
    index = 0
    while index < count:
        tag = tags.at(table, address + index)
        assert tag is not None  # all_valid above
        width = tag.registers
        value = tag.decode(values[index : index + width])
        if tag.check(value) is not None:
            return ILLEGAL_VALUE
        writes.append((tag, value))
        index += width
    return Request(function_code, table, address, count, writes)
