"""The tag table: the single source of truth for every signal of the line.

Each tag has a name (``device.attribute``), a Modbus table and 0-based
address, a data type, a scale, a unit, a range, an access mode and a
description in English and Korean. The Modbus server, the student API, the
GUI overlay, the docs' register map and ``factorylab tags`` all read this
table; an address is written nowhere else.

Conventions
-----------
* Addresses: each device owns a block of 100 in every table (``conveyor1``
  lives at 300-399 as coil, discrete input, input and holding register), so
  ``40301`` is always a conveyor1 setting. Blocks not used yet are reserved
  for the process stations.
* Scaled integers: the register holds ``round(value * scale)``. A current of
  1.23 A with scale 100 reads 123.
* 32-bit values (``uint32``, ``int32``, ``float32``) use two registers, high
  word first (big-endian word order, "ABCD"); this is pymodbus's default and
  mbpoll's ``-B`` option.
* Reading a value outside a sensor's range gives the range limit (the sensor
  saturates); writing a value outside a tag's range is refused.
* What a signal means is decided here and nowhere else: :meth:`Tag.rule`
  (compiled into ``Tag.reader``, ``Tag.writer``, ``Tag.quantize`` and a
  local line's attributes) and :meth:`Tag.quantize_column` clamp a value to
  the tag's range and round it to the tag's resolution (1 / scale) exactly
  as its register does, and a stuck sensor (a fault) reads its stuck value.
  A local line, a remote line, the Modbus server and a run's history and
  KPIs all read and write through them, so ``conveyor1.speed = 55.7``
  stores 56 everywhere.
* Values may be Python numbers or numpy scalars (``np.bool_``, ``np.int64``,
  ``np.float32`` ...); NaN, infinity, strings and None are refused.
"""

from __future__ import annotations

import keyword
import math
import numbers
import operator
import struct
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .plant import Plant, Scenario

Table = Literal["coil", "discrete_input", "input_register", "holding_register"]
TABLES: tuple[Table, ...] = ("coil", "discrete_input", "input_register", "holding_register")
#: First digit of the textbook notation (00001 / 10001 / 30001 / 40001).
NOTATION_PREFIX = {"coil": 0, "discrete_input": 1, "input_register": 3, "holding_register": 4}
#: Tables that hold single bits.
BIT_TABLES = ("coil", "discrete_input")

DataType = Literal["bool", "uint16", "int16", "uint32", "int32", "float32"]
_TYPE_LIMITS = {
    "bool": (0, 1),
    "uint16": (0, 0xFFFF),
    "int16": (-0x8000, 0x7FFF),
    "uint32": (0, 0xFFFFFFFF),
    "int32": (-0x80000000, 0x7FFFFFFF),
}
_REGISTERS = {"bool": 1, "uint16": 1, "int16": 1, "uint32": 2, "int32": 2, "float32": 2}

#: Tags whose device is always there, whatever the scenario.
ALWAYS = ("system", "production")

_FLOAT32 = struct.Struct(">f")


def _attribute_path(path: str) -> str:
    """``path`` if it is a dotted path of attribute names (it goes into generated code)."""
    if not path or not all(part.isidentifier() and not keyword.iskeyword(part) for part in path.split(".")):
        raise ValueError(f"not an attribute path: {path!r}")
    return path


def is_numpy_bool(value: Any) -> bool:
    """True for a numpy bool scalar (``np.bool_``), recognised without importing numpy.

    numpy's bool is not one of the :mod:`numbers` types (numpy's integers
    and floats are), so it is told by its type: ``numpy.bool_`` (numpy 1) or
    ``numpy.bool`` (numpy 2).
    """
    kind = type(value)
    return kind.__module__ == "numpy" and kind.__name__ in ("bool_", "bool")


def as_word(value: Any) -> int | None:
    """``value`` as a raw Modbus value: a whole number (bools as 0/1), or None if it is not one.

    Accepts Python and numpy integers and bools, and floats with nothing
    after the point (``55.0``); refuses 55.7, NaN, infinity, strings and None.
    The range of the table (0/1 or 0..65535) is checked by the request.
    """
    if value is True or value is False or is_numpy_bool(value):
        return 1 if value else 0
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real) and math.isfinite(value) and float(value).is_integer():
        return int(value)
    return None


@dataclass(frozen=True)
class Tag:
    """One signal of the line.

    Attributes:
        name: ``device.attribute``, e.g. ``conveyor1.run``.
        table: Modbus table.
        address: 0-based protocol address (the first of two for 32-bit types).
        type: data type on the wire.
        unit: engineering unit ("" for none).
        min, max: range in engineering units.
        scale: register value = round(engineering value * scale).
        access: ``ro`` (read only) or ``rw``.
        description_en, description_ko: what it is, in English and Korean.
        station: the scenario station that provides it (``system`` = always).
        states: for enumerations, value -> (English, Korean) label.
        source: attribute path on the plant (defaults to ``name``).
    """

    name: str
    table: Table
    address: int
    type: DataType
    unit: str
    min: float
    max: float
    access: Literal["ro", "rw"]
    description_en: str
    description_ko: str
    station: str
    scale: float = 1
    states: dict[int, tuple[str, str]] | None = None
    source: str = ""
    _get: Callable[[Plant], Any] = field(init=False, repr=False, compare=False)
    #: fast ``read(plant)`` and ``write(plant, value)`` for this tag (see :meth:`read`, :meth:`write`)
    reader: Callable[[Plant], Any] = field(init=False, repr=False, compare=False)
    writer: Callable[[Plant, Any], None] = field(init=False, repr=False, compare=False)
    #: ``quantize(value)``: the value the tag's register holds for ``value`` (see :meth:`rule`)
    quantize: Callable[[Any], Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        source = self.source or self.name
        reader = self.reading(source, "sensor_overrides")
        object.__setattr__(self, "reader", reader)
        # the register words come from the plant value (encode does the rest), a sensor's from its reading
        object.__setattr__(self, "_get", reader if self.table == "discrete_input" else operator.attrgetter(source))
        rule, plain = self.rule("v"), self._plain("v")
        object.__setattr__(self, "quantize", self._compile("def quantize(v):", plain, f"return {rule}"))
        store = f"plant.{_attribute_path(self.name)} = {rule}"
        object.__setattr__(self, "writer", self._compile("def write(plant, v):", plain, store))

    # --- the rule: what a register makes of a value -------------------------------
    def rule(self, value: str) -> str:
        """The tag's rule, as Python source: the value its register gives for ``value``.

        This is the one place where a signal's meaning is written down:
        clamped to the tag's range (a sensor saturates) and rounded to its
        resolution (1 / scale, round half to even like :meth:`encode`), as a
        ``bool``, an ``int`` (scale 1) or a ``float``; a ``float32`` tag
        rounds to the nearest 32-bit float. ``value`` is a variable name (it
        is used more than once). ``Tag.reader``, ``Tag.writer``,
        ``Tag.quantize``, :meth:`reading`, :meth:`setter` (the attributes of
        a local line) are compiled from it, so reading a value costs plain
        attribute loads and no call; :meth:`quantize_column` is the same rule
        on a numpy column (the tests hold the two to each other).
        """
        if self.type == "bool":
            return f"(True if {value} else False)"
        clamped = f"(_low if {value} < _low else _high if {value} > _high else {value})"
        if self.type == "float32":
            return f"_unpack(_pack({clamped}))[0]"
        if self.scale == 1:
            return f"int(round({clamped}))"
        return f"round({clamped} * _scale) / _scale"

    def _plain(self, value: str) -> str:
        """Source that makes ``value`` a Python float where the rule multiplies or packs it.

        (A numpy float32 would round in 32 bits, and numpy 1's round()
        returns numpy numbers: the plant holds Python values only.)
        """
        if self.type == "float32" or (self.type != "bool" and self.scale != 1):
            return f"if {value}.__class__ is not float: {value} = float({value})"
        return ""

    def _compile(self, header: str, *body: str, **names: Any) -> Callable[..., Any]:
        """Compile one function (``header`` and the lines of its ``body``) with the tag's constants."""
        namespace: dict[str, Any] = {
            "_low": self.min,
            "_high": self.max,
            "_scale": self.scale,
            "_pack": _FLOAT32.pack,
            "_unpack": _FLOAT32.unpack,
            "_name": self.name,
            **names,
        }
        lines = "".join(f"    {line}\n" for line in body if line)
        exec(
            compile(f"{header}\n{lines}", f"<tag {self.name}>", "exec"), namespace
        )  # source built from the tag table only
        return namespace[header[4 : header.index("(")]]

    def reading(self, path: str, overrides: str | None = None) -> Callable[[Any], Any]:
        """A fast function ``obj -> value``: ``obj.<path>`` as the tag's register gives it (see :meth:`rule`).

        For a sensor (discrete input), ``obj.<overrides>`` is the plant's
        ``sensor_overrides`` (tag name -> stuck value): a stuck sensor reads
        its stuck value. ``Tag.reader`` is ``reading(source, "sensor_overrides")``
        (``obj`` is the plant); a local line's attributes read
        ``reading("_target.speed", "_plant.sensor_overrides")`` (``obj`` is
        one of its devices).

        Args:
            path: attribute path from ``obj`` to the plant's value.
            overrides: attribute path from ``obj`` to the plant's stuck
                sensors; None: no stuck sensors.
        """
        body = []
        if self.table == "discrete_input" and overrides is not None:
            body += [
                f"stuck = obj.{_attribute_path(overrides)}",
                "if stuck and _name in stuck:",
                "    return stuck[_name]",
            ]
        body += [f"v = obj.{_attribute_path(path)}", f"return {self.rule('v')}"]
        return self._compile("def read(obj):", *body)

    def setter(self, path: str, refuse: Callable[[Any], None]) -> Callable[[Any, Any], None]:
        """A fast function ``(obj, value)`` that sets ``obj.<path>`` as a write of the tag would.

        ``refuse(value)`` is called first for anything but True/False (a bit)
        or an int or float in range (a number), and must raise if the value
        may not be written (see :meth:`check`). The value stored is what the
        same write over Modbus stores: ``quantize(value)``.
        """
        path = _attribute_path(path)
        if self.type == "bool":
            body = [
                "if v is not True and v is not False:",
                "    refuse(v)",
                f"    v = {self.rule('v')}",
                f"obj.{path} = v",
            ]
        else:
            body = [
                "if v.__class__ is not int and v.__class__ is not float or not _low <= v <= _high:",
                "    refuse(v)",
                self._plain("v"),
                f"obj.{path} = {self.rule('v')}",
            ]
        return self._compile("def set(obj, v):", *body, refuse=refuse)

    def quantize_column(self, values: Any) -> Any:
        """:meth:`rule` on a whole column at once (a numpy array of plant values).

        Returns a numpy array: bool, int64 (scale 1) or float64. Element by
        element it equals ``Tag.quantize`` (the tests hold it to that).
        """
        import numpy as np

        column = np.asarray(values, dtype=float)
        if self.type == "bool":
            return column != 0.0
        column = np.clip(column, self.min, self.max)
        if self.type == "float32":
            return column.astype(np.float32).astype(float)
        if self.scale == 1:
            return np.round(column).astype(np.int64)
        return np.round(column * self.scale) / self.scale

    # --- derived facts ---------------------------------------------------
    @property
    def device(self) -> str:
        """The device the tag belongs to (``conveyor1``)."""
        return self.name.split(".", 1)[0]

    @property
    def attribute(self) -> str:
        """The attribute name on the device (``run``)."""
        return self.name.split(".", 1)[1]

    @property
    def registers(self) -> int:
        """How many addresses the tag takes (2 for 32-bit types)."""
        return _REGISTERS[self.type]

    @property
    def addresses(self) -> range:
        """All addresses the tag takes."""
        return range(self.address, self.address + self.registers)

    @property
    def notation(self) -> str:
        """Textbook (1-based, table-prefixed) address: 00001 / 10001 / 30001 / 40001.

        Five digits up to address 9998, six digits above (400001 style).
        """
        number = self.address + 1
        prefix = NOTATION_PREFIX[self.table]
        if number <= 9999:
            return f"{prefix * 10000 + number:05d}"
        return f"{prefix * 100000 + number:06d}"

    @property
    def value_type(self) -> type:
        """Python type of the engineering value: bool, int or float."""
        if self.type == "bool":
            return bool
        if self.type == "float32" or self.scale != 1:
            return float
        return int

    @property
    def writable(self) -> bool:
        """True if a controller may write the tag."""
        return self.access == "rw"

    def description(self, lang: str) -> str:
        """The description in ``lang`` (``ko`` or ``en``)."""
        return self.description_ko if lang == "ko" else self.description_en

    # --- values ------------------------------------------------------------
    def read(self, plant: Plant) -> Any:
        """The tag's engineering value in a plant, as a register would give it.

        Values are clamped to the tag's range and rounded to its resolution
        (1 / scale), so a local read equals a Modbus read (see :meth:`rule`).
        """
        return self.reader(plant)

    def words(self, plant: Plant) -> list[int]:
        """The tag's register words (or [0/1] for a bit) in a plant now."""
        return self.encode(self._get(plant))

    def write(self, plant: Plant, value: Any) -> None:
        """Set the tag in a plant (no range check: see :meth:`check`).

        The plant gets ``quantize(value)``: what the same write over Modbus
        stores (``conveyor1.speed`` 55.7 -> 56, ``oven.heater`` 40.04 -> 40.0).
        """
        self.writer(plant, value)

    def check(self, value: Any) -> str | None:
        """None if ``value`` may be written, else a short English reason.

        A bool tag takes True/False, 0/1 or a numpy bool or integer 0/1; a
        number tag takes a Python or numpy integer or float (not a bool) in
        the tag's range. NaN, infinity, strings and None are refused.
        """
        if self.access != "rw":
            return "read-only"
        if self.type == "bool":
            if value is True or value is False or is_numpy_bool(value):
                return None
            return None if isinstance(value, numbers.Integral) and value in (0, 1) else "not 0/1"
        if not isinstance(value, numbers.Real) or isinstance(value, bool) or value != value:
            return "not a number"
        if value < self.min - 1e-9 or value > self.max + 1e-9:
            return "out of range"
        return None

    def encode(self, value: Any) -> list[int]:
        """Engineering value -> register words (or [0/1] for a bit).

        The value is first quantised (clamped to the range, rounded to the
        resolution) by ``Tag.quantize``, so ``decode(encode(v)) == quantize(v)``.
        """
        kind = self.type
        if kind == "bool":
            return [1 if value else 0]
        value = self.quantize(value)
        if kind == "float32":
            high, low = struct.unpack(">HH", _FLOAT32.pack(value))
            return [high, low]
        raw = round(value * self.scale)
        low_limit, high_limit = _TYPE_LIMITS[kind]
        raw = low_limit if raw < low_limit else high_limit if raw > high_limit else raw
        if kind == "uint16":
            return [raw]
        if kind == "int16":
            return [raw & 0xFFFF]
        raw &= 0xFFFFFFFF
        return [raw >> 16, raw & 0xFFFF]

    def decode(self, words: list[int]) -> Any:
        """Register words (or a bit) -> engineering value."""
        kind = self.type
        if kind == "bool":
            return bool(words[0])
        if kind == "float32":
            return struct.unpack(">f", struct.pack(">HH", words[0], words[1]))[0]
        if kind == "uint16":
            raw = words[0]
        elif kind == "int16":
            raw = words[0] - 0x10000 if words[0] & 0x8000 else words[0]
        else:
            raw = (words[0] << 16) | words[1]
            if kind == "int32" and raw & 0x80000000:
                raw -= 0x100000000
        if self.scale == 1:
            return raw if self.value_type is int else float(raw)
        return raw / self.scale

    def raw_range(self) -> tuple[int, int]:
        """Range of the register value (for documentation)."""
        if self.type == "bool":
            return (0, 1)
        if self.type == "float32":
            return (self.min, self.max)  # type: ignore[return-value]
        return (round(self.min * self.scale), round(self.max * self.scale))

    def as_record(self) -> dict[str, Any]:
        """The tag as a plain dict (JSON/CSV output and docs)."""
        record: dict[str, Any] = {
            "name": self.name,
            "device": self.device,
            "table": self.table,
            "address": self.address,
            "notation": self.notation,
            "type": self.type,
            "scale": self.scale,
            "unit": self.unit,
            "min": self.min,
            "max": self.max,
            "access": self.access,
            "description_en": self.description_en,
            "description_ko": self.description_ko,
        }
        if self.states:
            record["states"] = {str(k): {"en": en, "ko": ko} for k, (en, ko) in self.states.items()}
        return record


def _t(
    name: str,
    table: Table,
    address: int,
    type: DataType,
    unit: str,
    range_: tuple[float, float],
    access: Literal["ro", "rw"],
    en: str,
    ko: str,
    *,
    station: str,
    scale: float = 1,
    states: dict[int, tuple[str, str]] | None = None,
    source: str = "",
) -> Tag:
    return Tag(name, table, address, type, unit, range_[0], range_[1], access, en, ko, station, scale, states, source)


BOOL = (0, 1)

# --- the simulator-operator block ------------------------------------------------------------------
#: Device name of the simulator-operator block: the trainer's hand at the panel.
OPERATOR = "operator"
#: How long a write of 1 to a push-button coil of the operator block holds the button, s (four ticks).
PRESS_SECONDS = 0.2
#: What the register map and ``line.info`` say about the whole block, (Korean, English).
OPERATOR_NOTE = (
    "시뮬레이션 전용: 교사가 패널에서 손으로 하는 조작(강제 입력)입니다. PLC의 출력이 아니며 실제 설비에는 없습니다. "
    "PLC 프로그램은 panel 태그(입력 비트)를 읽고, 이 블록은 창 없이 실행한 시뮬레이터를 원격으로 기동·리셋할 때 "
    "씁니다. 읽기 전용으로 시작한 서버는 이 블록에 쓰기를 거부합니다 (예외 01).",
    "Simulation only: the trainer's hand at the panel (forced inputs). Not PLC outputs, and not on real "
    "equipment: a PLC program reads the panel tags (discrete inputs); this block starts and resets a simulator "
    "that runs without a window. A server started read-only refuses writes to it (exception 01).",
)


class OperatorTag(Tag):
    """A tag of the simulator-operator block: the trainer's hand at the panel, simulation only.

    Not a PLC output: writing it acts on the plant's operator panel through
    its public API, as a person at the panel would (a forced input in a
    trainer), and the PLC sees the result on the panel's own tags
    (``panel.start`` ...). Reading it gives the button's state now.

    * ``start``, ``stop``, ``reset``: a write of 1 presses the button; it
      springs back by itself :data:`PRESS_SECONDS` later (from the tick the
      write is applied; writing 1 again while it is down keeps it down 0.2 s
      longer). 0 lets it go at once (an HMI's momentary button writes 1 on
      touch and 0 on release; a touch shorter than one tick, 0.05 s, goes
      unseen, as on a real panel).
    * ``estop``: 1 pushes the E-stop in, 0 releases it (the safety relay then
      still needs a reset).

    So every coil reads back what was written last, until a button springs back.
    """

    def __post_init__(self) -> None:
        super().__post_init__()
        button = self.attribute
        if button == "estop":

            def act(plant: Plant, value: Any) -> None:
                plant.panel.set_estop(bool(value))

        else:

            def act(plant: Plant, value: Any) -> None:
                if value:
                    plant.panel.press(button, plant.time, PRESS_SECONDS)
                else:
                    plant.panel.hold(button, False)

        object.__setattr__(self, "writer", act)

    def setter(self, path: str, refuse: Callable[[Any], None]) -> Callable[[Any, Any], None]:
        """A function ``(device, value)`` that writes the tag on a local line's device.

        ``path`` is not used: the tag acts on ``device._plant`` (the plant of a
        local line's device) through its panel, like :attr:`Tag.writer`.
        ``refuse(value)`` is called first for anything but True/False.
        """
        act = self.writer

        def set_operator(obj: Any, value: Any) -> None:
            if value is not True and value is not False:
                refuse(value)
            act(obj._plant, value)

        return set_operator


def is_operator_tag(tag: Tag) -> bool:
    """True for a tag of the simulator-operator block (simulation only, not a PLC signal)."""
    return isinstance(tag, OperatorTag)


def _operator(button: str, address: int, action_en: str, action_ko: str) -> OperatorTag:
    """One coil of the simulator-operator block (see :class:`OperatorTag`)."""
    if button == "estop":
        write_en = "1 pushes it in, 0 releases it (then reset)"
        write_ko = "1이면 눌림, 0이면 풀림 (그다음 리셋)"
        read_en, read_ko = "reads 1 while it is pushed in", "눌려 있는 동안 1로 읽힘"
    else:
        write_en = f"1 presses it (it springs back {PRESS_SECONDS:g} s later), 0 lets it go"
        write_ko = f"1이면 눌림 ({PRESS_SECONDS:g}초 뒤 저절로 올라옴), 0이면 바로 놓음"
        read_en, read_ko = "reads 1 while it is pressed", "눌려 있는 동안 1로 읽힘"
    return OperatorTag(
        f"{OPERATOR}.{button}", "coil", address, "bool", "", 0, 1, "rw",
        f"Simulation only: the trainer's hand {action_en} on the panel (a forced input, not a PLC output); "
        f"{write_en}; {read_en}",
        f"시뮬레이션 전용: 교사의 손이 패널의 {action_ko} (강제 입력, PLC 출력 아님). {write_ko}, {read_ko}",
        "panel", source=f"panel.{button}",
    )  # fmt: skip


_LINE_STATES = {
    0: ("stopped", "정지"),
    1: ("running", "운전"),
    2: ("idle (running, nothing moving)", "대기 (운전 중이나 부품 이동 없음)"),
    3: ("E-stop", "비상정지"),
    4: ("down (machine failure, tool change or motor overload)", "설비 정지 (고장, 공구 교체, 모터 과부하)"),
}
_CNC_STATES = {
    0: ("idle", "대기"),
    1: ("loading", "공작물 투입"),
    2: ("machining", "가공 중"),
    3: ("unloading", "공작물 배출"),
    4: ("tool change", "공구 교체"),
    5: ("failed", "고장"),
    6: ("tool change required", "공구 교체 필요"),
}
_GRADES = {
    0: ("no part", "부품 없음"),
    1: ("L (low)", "L (하)"),
    2: ("M (medium)", "M (중)"),
    3: ("H (high)", "H (상)"),
}
_FEEDER_SELECT = {0: ("mix", "혼합"), 1: ("type A only", "A형만"), 2: ("type B only", "B형만")}

# fmt: off
#: Every tag of the line. Addresses are written here and nowhere else.
TAGS: tuple[Tag, ...] = (
    # --- system: simulator status (holding registers 0-10, read only) -----------
    _t("system.sim_time", "holding_register", 0, "uint32", "s", (0, 4294967.295), "ro",
       "Simulated time since start", "시작 후 흐른 시뮬레이션 시간", station="system", scale=1000),
    _t("system.tick", "holding_register", 2, "uint32", "", (0, 4294967295), "ro",
       "Time steps done since start (one every 0.05 s)", "시작 후 진행한 시간 단계 수 (0.05초마다 1)", station="system"),
    _t("system.scenario_id", "holding_register", 4, "uint16", "", (0, 65535), "ro",
       "Scenario number (1 conveyor, 2 sorting, 3 tank, 4 oven, 5 cnc, 6 line)",
       "시나리오 번호 (1 컨베이어, 2 분류, 3 탱크, 4 오븐, 5 CNC, 6 전체 라인)", station="system"),
    _t("system.running", "holding_register", 5, "uint16", "", BOOL, "ro",
       "1 while the simulator runs in real time, 0 when paused or in fast-forward",
       "시뮬레이터가 실시간으로 돌고 있으면 1, 일시정지나 빨리감기면 0", station="system"),
    _t("system.speed", "holding_register", 6, "uint16", "x", (0, 655.35), "ro",
       "Real-time factor (1.00 = real time, 0 = fast-forward)", "실시간 배속 (1.00 = 실시간, 0 = 빨리감기)",
       station="system", scale=100),
    _t("system.time_step", "holding_register", 7, "uint16", "s", (0, 1), "ro",
       "Simulation time step", "시뮬레이션 시간 단계", station="system", scale=1000),
    _t("system.seed", "holding_register", 8, "uint32", "", (0, 4294967295), "ro",
       "Random seed of this run", "이번 실행의 난수 시드", station="system"),
    _t("system.variant", "holding_register", 10, "uint16", "", (0, 9999), "ro",
       "Plant variant: 0 the documented plant; 1-9999 scale the oven's gain and time constant, the tank's area and "
       "the belts' speed by 0.8-1.2 each (factorylab.plant.variant)",
       "설비 변형 번호: 0은 문서의 기본 설비, 1~9999는 오븐의 이득과 시간 상수, 탱크 단면적, 벨트 속도를 각각 "
       "0.8~1.2배로 바꿈 (factorylab.plant.variant)", station="system"),

    # --- line: state and counts (input registers 20-34) --------------------------
    _t("production.state", "input_register", 20, "uint16", "", (0, 4), "ro",
       "Line state: 0 stopped, 1 running, 2 idle, 3 E-stop, 4 down", "라인 상태: 0 정지, 1 운전, 2 대기, 3 비상정지, 4 설비 정지",
       station="system", states=_LINE_STATES),
    _t("production.parts_in", "input_register", 21, "uint32", "pcs", (0, 4294967295), "ro",
       "Parts placed on the line by the feeder", "공급기가 라인에 올린 부품 수", station="system"),
    _t("production.parts_out", "input_register", 23, "uint32", "pcs", (0, 4294967295), "ro",
       "Parts that left the line at the outfeed", "배출구로 나간 부품 수", station="system"),
    _t("production.parts_rejected", "input_register", 25, "uint32", "pcs", (0, 4294967295), "ro",
       "Parts pushed into the reject bin", "불량함으로 밀려난 부품 수", station="system"),
    _t("production.parts_missorted", "input_register", 27, "uint32", "pcs", (0, 4294967295), "ro",
       "Parts that ended in the wrong place (type A in the reject bin or type B at the outfeed)",
       "잘못 분류된 부품 수 (A형이 불량함에, 또는 B형이 배출구로)", station="system"),
    _t("production.run_time", "input_register", 29, "uint32", "s", (0, 429496729.5), "ro",
       "Time the line ran with parts moving", "부품이 움직이며 라인이 운전한 시간", station="system", scale=10),
    _t("production.idle_time", "input_register", 31, "uint32", "s", (0, 429496729.5), "ro",
       "Time belts ran with nothing moving (starved or blocked)", "벨트는 돌지만 부품이 움직이지 않은 시간 (공급 부족·막힘)",
       station="system", scale=10),
    _t("production.stop_time", "input_register", 33, "uint32", "s", (0, 429496729.5), "ro",
       "Time the line was stopped or in E-stop", "라인이 정지했거나 비상정지 상태였던 시간", station="system", scale=10),
    _t("production.parts_good", "input_register", 35, "uint32", "pcs", (0, 4294967295), "ro",
       "Finished parts without a defect (true quality)", "결함 없이 완성된 부품 수 (실제 품질)", station="system"),
    _t("production.defects_machining", "input_register", 37, "uint32", "pcs", (0, 4294967295), "ro",
       "Finished parts ruined by a CNC failure", "CNC 고장으로 망가진 부품 수", station="system"),
    _t("production.defects_dimension", "input_register", 39, "uint32", "pcs", (0, 4294967295), "ro",
       "Finished parts out of dimension (worn tool, no coolant)", "치수 불량 부품 수 (공구 마모, 냉각수 부족)", station="system"),
    _t("production.defects_overheated", "input_register", 41, "uint32", "pcs", (0, 4294967295), "ro",
       "Finished parts overheated in the oven (above 240 °C)", "오븐에서 과열된 부품 수 (240 °C 초과)", station="system"),
    _t("production.defects_soft", "input_register", 43, "uint32", "pcs", (0, 4294967295), "ro",
       "Finished parts too soft (under-treated, below 42 HRC)", "경도 부족 부품 수 (열처리 부족, 42 HRC 미만)", station="system"),
    _t("production.down_time", "input_register", 45, "uint32", "s", (0, 429496729.5), "ro",
       "Time lost to machine failures, tool changes and motor overloads", "설비 고장, 공구 교체, 모터 과부하로 멈춘 시간",
       station="system", scale=10),
    _t("production.ideal_cycle_time", "input_register", 47, "uint16", "s", (0, 6553.5), "ro",
       "Ideal cycle time per part (for OEE performance)", "부품당 이상 사이클 타임 (OEE 성능 계산용)", station="system", scale=10),
    _t("production.availability", "input_register", 48, "uint16", "%", (0, 100), "ro",
       "OEE availability so far: operating time / planned time", "지금까지의 OEE 가용성: 가동 시간 / 계획 시간", station="system", scale=10),
    _t("production.performance", "input_register", 49, "uint16", "%", (0, 100), "ro",
       "OEE performance so far: ideal cycle time x parts / operating time", "지금까지의 OEE 성능: 이상 사이클 타임 x 생산 수 / 가동 시간",
       station="system", scale=10),
    _t("production.quality", "input_register", 50, "uint16", "%", (0, 100), "ro",
       "OEE quality so far: good parts / finished parts", "지금까지의 OEE 품질: 양품 수 / 완성 부품 수", station="system", scale=10),
    _t("production.oee", "input_register", 51, "uint16", "%", (0, 100), "ro",
       "OEE so far: availability x performance x quality", "지금까지의 OEE: 가용성 x 성능 x 품질", station="system", scale=10),

    # --- operator panel (block 100) ------------------------------------------------
    _t("panel.start", "discrete_input", 100, "bool", "", BOOL, "ro",
       "Start push button (1 while pressed)", "기동 버튼 (누르고 있는 동안 1)", station="panel"),
    _t("panel.stop", "discrete_input", 101, "bool", "", BOOL, "ro",
       "Stop push button (1 while pressed)", "정지 버튼 (누르고 있는 동안 1)", station="panel"),
    _t("panel.reset", "discrete_input", 102, "bool", "", BOOL, "ro",
       "Reset push button (1 while pressed)", "리셋 버튼 (누르고 있는 동안 1)", station="panel"),
    _t("panel.estop", "discrete_input", 103, "bool", "", BOOL, "ro",
       "E-stop button (1 while pushed in; stays in until released)", "비상정지 버튼 (눌려 있으면 1, 풀 때까지 유지)",
       station="panel"),
    _t("panel.auto", "discrete_input", 104, "bool", "", BOOL, "ro",
       "Mode selector (1 = automatic, 0 = manual)", "모드 선택 스위치 (1 = 자동, 0 = 수동)", station="panel"),
    _t("panel.safety_ok", "discrete_input", 105, "bool", "", BOOL, "ro",
       "Safety relay closed: actuators have power (0 after an E-stop until reset)",
       "안전 릴레이 정상: 구동기에 전원 공급 (비상정지 후 리셋 전까지 0)", station="panel"),
    _t("panel.remote_estop", "coil", 100, "bool", "", BOOL, "rw",
       "Remote E-stop request (1 trips the safety relay; only the panel's reset releases it)",
       "원격 비상정지 요청 (1이면 안전 릴레이 차단, 해제는 패널의 리셋 버튼으로만)", station="panel"),
    _t("panel.display", "holding_register", 100, "uint16", "", (0, 9999), "rw",
       "Four-digit display on the panel", "패널의 4자리 표시기", station="panel"),
    _t("stack_light.red", "coil", 110, "bool", "", BOOL, "rw",
       "Stack light, red lamp", "타워램프 적색등", station="panel"),
    _t("stack_light.amber", "coil", 111, "bool", "", BOOL, "rw",
       "Stack light, amber lamp", "타워램프 황색등", station="panel"),
    _t("stack_light.green", "coil", 112, "bool", "", BOOL, "rw",
       "Stack light, green lamp", "타워램프 녹색등", station="panel"),
    _t("stack_light.buzzer", "coil", 113, "bool", "", BOOL, "rw",
       "Buzzer", "부저", station="panel"),

    # --- feeder (block 200) ----------------------------------------------------------
    _t("feeder.run", "coil", 200, "bool", "", BOOL, "rw",
       "Feed parts onto conveyor1", "컨베이어1에 부품 공급", station="feeder"),
    _t("feeder.interval", "holding_register", 200, "uint16", "s", (1.0, 60.0), "rw",
       "Seconds between parts", "부품 공급 간격", station="feeder", scale=10),
    _t("feeder.select", "holding_register", 201, "uint16", "", (0, 2), "rw",
       "Magazine: 0 mix of A and B, 1 type A only, 2 type B only", "매거진 선택: 0 A·B 혼합, 1 A형만, 2 B형만",
       station="feeder", states=_FEEDER_SELECT),

    # --- conveyor1 (block 300) ---------------------------------------------------------
    _t("conveyor1.run", "coil", 300, "bool", "", BOOL, "rw",
       "Conveyor1 motor run command", "컨베이어1 모터 운전 명령", station="conveyor1"),
    _t("conveyor1.speed", "holding_register", 300, "uint16", "%", (0, 100), "rw",
       "Conveyor1 speed setpoint (100 % = 250 mm/s)", "컨베이어1 속도 설정 (100 % = 250 mm/s)", station="conveyor1"),
    _t("conveyor1.running", "discrete_input", 300, "bool", "", BOOL, "ro",
       "Conveyor1 motor is turning", "컨베이어1 모터 회전 중", station="conveyor1"),
    _t("conveyor1.photo_eye_infeed", "discrete_input", 301, "bool", "", BOOL, "ro",
       "Photo-eye at the infeed, 30 mm (1 = part in the beam)", "투입부 광전 센서, 30 mm (1 = 부품 감지)",
       station="conveyor1"),
    _t("conveyor1.photo_eye_exit", "discrete_input", 302, "bool", "", BOOL, "ro",
       "Photo-eye at the end of conveyor1, 1150 mm (1 = part in the beam)",
       "컨베이어1 끝 광전 센서, 1150 mm (1 = 부품 감지)", station="conveyor1"),
    _t("conveyor1.overload", "discrete_input", 303, "bool", "", BOOL, "ro",
       "Conveyor1 motor overload relay tripped (resets itself once cooled)",
       "컨베이어1 모터 과부하 계전기 동작 (식으면 자동 복귀)", station="conveyor1"),
    _t("conveyor1.current", "input_register", 300, "uint16", "A", (0, 20), "ro",
       "Conveyor1 motor current", "컨베이어1 모터 전류", station="conveyor1", scale=100),
    _t("conveyor1.belt_speed", "input_register", 301, "uint16", "mm/s", (0, 250), "ro",
       "Conveyor1 belt speed", "컨베이어1 벨트 속도", station="conveyor1"),
    _t("conveyor1.vibration", "input_register", 302, "uint16", "mm/s", (0, 50), "ro",
       "Conveyor1 motor vibration (RMS velocity)", "컨베이어1 모터 진동 (RMS 속도)", station="conveyor1", scale=100),

    # --- conveyor2 (block 400) -------------------------------------------------------------
    _t("conveyor2.run", "coil", 400, "bool", "", BOOL, "rw",
       "Conveyor2 motor run command", "컨베이어2 모터 운전 명령", station="conveyor2"),
    _t("conveyor2.speed", "holding_register", 400, "uint16", "%", (0, 100), "rw",
       "Conveyor2 speed setpoint (100 % = 250 mm/s)", "컨베이어2 속도 설정 (100 % = 250 mm/s)", station="conveyor2"),
    _t("conveyor2.running", "discrete_input", 400, "bool", "", BOOL, "ro",
       "Conveyor2 motor is turning", "컨베이어2 모터 회전 중", station="conveyor2"),
    _t("conveyor2.photo_eye_entry", "discrete_input", 401, "bool", "", BOOL, "ro",
       "Photo-eye at the start of conveyor2, 50 mm (1 = part in the beam)",
       "컨베이어2 시작 광전 센서, 50 mm (1 = 부품 감지)", station="conveyor2"),
    _t("conveyor2.photo_eye_exit", "discrete_input", 402, "bool", "", BOOL, "ro",
       "Photo-eye at the outfeed, 1950 mm (1 = part in the beam)", "배출부 광전 센서, 1950 mm (1 = 부품 감지)",
       station="conveyor2"),
    _t("conveyor2.overload", "discrete_input", 403, "bool", "", BOOL, "ro",
       "Conveyor2 motor overload relay tripped (resets itself once cooled)",
       "컨베이어2 모터 과부하 계전기 동작 (식으면 자동 복귀)", station="conveyor2"),
    _t("conveyor2.current", "input_register", 400, "uint16", "A", (0, 20), "ro",
       "Conveyor2 motor current", "컨베이어2 모터 전류", station="conveyor2", scale=100),
    _t("conveyor2.belt_speed", "input_register", 401, "uint16", "mm/s", (0, 250), "ro",
       "Conveyor2 belt speed", "컨베이어2 벨트 속도", station="conveyor2"),
    _t("conveyor2.vibration", "input_register", 402, "uint16", "mm/s", (0, 50), "ro",
       "Conveyor2 motor vibration (RMS velocity)", "컨베이어2 모터 진동 (RMS 속도)", station="conveyor2", scale=100),

    # --- sorter (block 500) ------------------------------------------------------------------
    _t("sorter.extend", "coil", 500, "bool", "", BOOL, "rw",
       "Pusher valve (1 = extend, 0 = retract)", "푸셔 밸브 (1 = 전진, 0 = 후진)", station="sorter"),
    _t("sorter.photo_eye", "discrete_input", 500, "bool", "", BOOL, "ro",
       "Photo-eye in front of the pusher, conveyor2 1100 mm (1 = part in the beam)",
       "푸셔 앞 광전 센서, 컨베이어2 1100 mm (1 = 부품 감지)", station="sorter"),
    _t("sorter.type_b", "discrete_input", 501, "bool", "", BOOL, "ro",
       "Colour sensor, conveyor2 600 mm: 1 while a blue (type B) part is in front of it",
       "색상 센서, 컨베이어2 600 mm: 파란색(B형) 부품이 앞에 있으면 1", station="sorter"),
    _t("sorter.extended", "discrete_input", 502, "bool", "", BOOL, "ro",
       "Pusher fully extended (limit switch)", "푸셔 전진 끝 (리밋 스위치)", station="sorter"),
    _t("sorter.retracted", "discrete_input", 503, "bool", "", BOOL, "ro",
       "Pusher fully retracted (limit switch)", "푸셔 후진 끝 (리밋 스위치)", station="sorter"),
    # --- coolant tank (block 600) ------------------------------------------------------------
    _t("tank.drain", "coil", 600, "bool", "", BOOL, "rw",
       "Drain valve (1 = open)", "배수 밸브 (1 = 열림)", station="tank"),
    _t("tank.inflow", "holding_register", 600, "uint16", "%", (0, 100), "rw",
       "Inflow valve opening (100 % = 1 L/s)", "유입 밸브 열림 (100 % = 1 L/s)", station="tank", scale=10),
    _t("tank.high", "discrete_input", 600, "bool", "", BOOL, "ro",
       "High level switch (900 mm)", "고수위 스위치 (900 mm)", station="tank"),
    _t("tank.low", "discrete_input", 601, "bool", "", BOOL, "ro",
       "Low level switch (1 at or below 150 mm)", "저수위 스위치 (150 mm 이하에서 1)", station="tank"),
    _t("tank.overflow", "discrete_input", 602, "bool", "", BOOL, "ro",
       "Overflow alarm switch (980 mm)", "넘침 경보 스위치 (980 mm)", station="tank"),
    _t("tank.level", "input_register", 600, "uint16", "mm", (0, 1000), "ro",
       "Tank level (0-1000 mm)", "탱크 수위 (0-1000 mm)", station="tank", scale=10),
    _t("tank.level_raw", "input_register", 601, "uint16", "counts", (0, 4000), "ro",
       "Level transmitter, raw ADC counts (4-20 mA = 0-4000 = 0-1000 mm)",
       "수위 전송기 ADC 원시값 (4-20 mA = 0-4000 = 0-1000 mm)", station="tank"),
    _t("tank.temperature", "input_register", 602, "uint16", "°C", (0, 100), "ro",
       "Coolant temperature", "냉각수 온도", station="tank", scale=10),
    _t("tank.temperature_raw", "input_register", 603, "uint16", "counts", (0, 4000), "ro",
       "Temperature transmitter, raw ADC counts (4-20 mA = 0-4000 = 0-100 °C)",
       "온도 전송기 ADC 원시값 (4-20 mA = 0-4000 = 0-100 °C)", station="tank"),
    _t("tank.inflow_rate", "input_register", 604, "uint16", "L/min", (0, 60), "ro",
       "Inflow measured by the flow meter", "유량계로 잰 유입 유량", station="tank", scale=10),

    # --- heat-treatment oven (block 700) ----------------------------------------------------------
    _t("oven.gate", "coil", 700, "bool", "", BOOL, "rw",
       "Dwell gate at the oven exit (1 = open: the part at the gate leaves)",
       "오븐 출구 체류 게이트 (1 = 열림: 게이트의 부품이 나감)", station="oven"),
    _t("oven.heater", "holding_register", 700, "uint16", "%", (0, 100), "rw",
       "Heater power", "히터 출력", station="oven", scale=10),
    _t("oven.part_in", "discrete_input", 700, "bool", "", BOOL, "ro",
       "A part waits at the dwell gate", "체류 게이트에 부품이 있음", station="oven"),
    _t("oven.temperature", "input_register", 700, "uint16", "°C", (0, 400), "ro",
       "Oven temperature", "오븐 온도", station="oven", scale=10),
    _t("oven.temperature_raw", "input_register", 701, "uint16", "counts", (0, 4000), "ro",
       "Thermocouple transmitter, raw ADC counts (4-20 mA = 0-4000 = 0-400 °C)",
       "열전대 전송기 ADC 원시값 (4-20 mA = 0-4000 = 0-400 °C)", station="oven"),
    _t("oven.parts_inside", "input_register", 702, "uint16", "pcs", (0, 8), "ro",
       "Parts in the oven (it holds 8)", "오븐 안의 부품 수 (최대 8)", station="oven"),
    _t("oven.front_dwell", "input_register", 703, "uint16", "s", (0, 6553.5), "ro",
       "Time the part at the gate has spent in the oven", "게이트의 부품이 오븐에 머문 시간", station="oven", scale=10),
    _t("oven.temperature_float", "input_register", 704, "float32", "°C", (0, 400), "ro",
       "Oven temperature as a 32-bit float (high word first)", "오븐 온도, 32비트 실수 (상위 워드 먼저)",
       station="oven", source="oven.temperature"),

    # --- CNC machining station (block 800) -----------------------------------------------------
    _t("cnc.run", "coil", 800, "bool", "", BOOL, "rw",
       "Work automatically: load, machine and unload parts", "자동 운전: 공작물 투입, 가공, 배출", station="cnc"),
    _t("cnc.tool_change", "coil", 801, "bool", "", BOOL, "rw",
       "Tool change request (rising edge; kept until the change starts: after the part in the machine or a reset; "
       "takes 30 s, resets tool wear)",
       "공구 교체 요청 (0→1에서 요청, 가공 중인 부품이나 리셋을 기다렸다가 시작, 30초, 공구 마모 초기화)", station="cnc"),
    _t("cnc.reset", "coil", 802, "bool", "", BOOL, "rw",
       "Fault reset (rising edge; the ruined part is unloaded; a broken or worn-out tool still needs a tool change)",
       "고장 리셋 (0→1에서 동작, 망가진 부품은 배출, 부러지거나 닳은 공구는 따로 교체해야 함)",
       station="cnc"),
    _t("cnc.busy", "discrete_input", 800, "bool", "", BOOL, "ro",
       "Machining", "가공 중", station="cnc"),
    _t("cnc.failed", "discrete_input", 801, "bool", "", BOOL, "ro",
       "Failed: stopped until reset", "고장: 리셋할 때까지 정지", station="cnc"),
    _t("cnc.tool_changing", "discrete_input", 802, "bool", "", BOOL, "ro",
       "Tool change in progress", "공구 교체 중", station="cnc"),
    _t("cnc.part_present", "discrete_input", 803, "bool", "", BOOL, "ro",
       "A part is in the machine", "기계 안에 공작물이 있음", station="cnc"),
    _t("cnc.tool_change_required", "discrete_input", 804, "bool", "", BOOL, "ro",
       "Tool broken or worn out (TWF, tool breakage): nothing is machined until a tool change",
       "공구 파손 또는 마모 한계 (TWF, 공구 파손): 공구를 교체할 때까지 가공하지 않음", station="cnc"),
    _t("cnc.state", "input_register", 800, "uint16", "", (0, 6), "ro",
       "Station state: 0 idle, 1 loading, 2 machining, 3 unloading, 4 tool change, 5 failed, "
       "6 tool change required",
       "스테이션 상태: 0 대기, 1 투입, 2 가공, 3 배출, 4 공구 교체, 5 고장, 6 공구 교체 필요", station="cnc",
       states=_CNC_STATES),
    _t("cnc.air_temperature", "input_register", 801, "uint16", "K", (250, 350), "ro",
       "Air temperature", "공기 온도", station="cnc", scale=10),
    _t("cnc.process_temperature", "input_register", 802, "uint16", "K", (250, 350), "ro",
       "Process temperature", "공정 온도", station="cnc", scale=10),
    _t("cnc.spindle_speed", "input_register", 803, "uint16", "rpm", (0, 3000), "ro",
       "Spindle rotational speed (0 unless machining)", "주축 회전수 (가공 중이 아니면 0)", station="cnc"),
    _t("cnc.torque", "input_register", 804, "uint16", "Nm", (0, 100), "ro",
       "Spindle torque (0 unless machining)", "주축 토크 (가공 중이 아니면 0)", station="cnc", scale=10),
    _t("cnc.tool_wear", "input_register", 805, "uint16", "min", (0, 500), "ro",
       "Tool wear (AI4I minutes of use): +5/3/2 per H/M/L part; a part spends 4 s in the machine, so wear runs "
       "75/45/30x faster than real time",
       "공구 마모 (AI4I의 사용 시간, 분): H/M/L 부품마다 +5/3/2, 부품 하나가 기계에 4초 머무르므로 실제 시간보다 "
       "75/45/30배 빠르게 늘어남",
       station="cnc", scale=10),
    _t("cnc.grade", "input_register", 806, "uint16", "", (0, 3), "ro",
       "Product quality of the part in the machine: 0 none, 1 L, 2 M, 3 H",
       "기계 안 부품의 제품 등급: 0 없음, 1 L, 2 M, 3 H", station="cnc", states=_GRADES),
    _t("cnc.failure_modes", "input_register", 807, "uint16", "", (0, 63), "ro",
       "Last failure's modes, bits: 1 TWF, 2 HDF, 4 PWF, 8 OSF, 16 RNF, 32 tool breakage (0 after reset)",
       "마지막 고장 유형 비트: 1 TWF, 2 HDF, 4 PWF, 8 OSF, 16 RNF, 32 공구 파손 (리셋하면 0)", station="cnc"),
    _t("cnc.parts_machined", "input_register", 808, "uint32", "pcs", (0, 4294967295), "ro",
       "Parts machined", "가공한 부품 수", station="cnc"),
    _t("cnc.tool_changes", "input_register", 810, "uint16", "", (0, 65535), "ro",
       "Tool changes done", "공구 교체 횟수", station="cnc"),
    _t("cnc.failures", "input_register", 811, "uint16", "", (0, 65535), "ro",
       "Failures so far", "지금까지의 고장 횟수", station="cnc"),

    # --- inspection (block 900) -------------------------------------------------------------------
    _t("inspection.reject", "discrete_input", 900, "bool", "", BOOL, "ro",
       "Last part measured is out of specification", "마지막으로 잰 부품이 규격을 벗어남", station="inspection"),
    _t("inspection.part_id", "input_register", 900, "uint32", "", (0, 4294967295), "ro",
       "Id of the last part measured (0 before the first)", "마지막으로 잰 부품 번호 (처음에는 0)", station="inspection"),
    _t("inspection.dimension", "input_register", 902, "uint16", "mm", (0, 65.535), "ro",
       "Measured diameter (specification 20.00 ± 0.10 mm)", "측정 지름 (규격 20.00 ± 0.10 mm)",
       station="inspection", scale=1000),
    _t("inspection.weight", "input_register", 903, "uint16", "g", (0, 6553.5), "ro",
       "Measured weight", "측정 무게", station="inspection", scale=10),
    _t("inspection.hardness", "input_register", 904, "uint16", "HRC", (0, 100), "ro",
       "Measured hardness (specification 42-52 HRC where parts are heat-treated)",
       "측정 경도 (열처리 라인 규격 42-52 HRC)", station="inspection", scale=10),
    _t("inspection.measured_count", "input_register", 905, "uint32", "pcs", (0, 4294967295), "ro",
       "Parts measured", "측정한 부품 수", station="inspection"),

    # --- work orders (block 1000) --------------------------------------------------------------------
    _t("orders.current_id", "input_register", 1000, "uint16", "", (0, 65535), "ro",
       "Earliest open order (0 when none)", "가장 이른 미완료 작업 지시 (없으면 0)", station="orders"),
    _t("orders.current_quantity_a", "input_register", 1001, "uint16", "pcs", (0, 65535), "ro",
       "Type A parts the current order asks for", "현재 지시의 A형 주문 수량", station="orders"),
    _t("orders.current_quantity_b", "input_register", 1002, "uint16", "pcs", (0, 65535), "ro",
       "Type B parts the current order asks for", "현재 지시의 B형 주문 수량", station="orders"),
    _t("orders.current_done_a", "input_register", 1003, "uint16", "pcs", (0, 65535), "ro",
       "Good type A parts shipped for the current order", "현재 지시에 출하한 A형 양품 수", station="orders"),
    _t("orders.current_done_b", "input_register", 1004, "uint16", "pcs", (0, 65535), "ro",
       "Good type B parts shipped for the current order", "현재 지시에 출하한 B형 양품 수", station="orders"),
    _t("orders.current_due", "input_register", 1005, "uint32", "s", (0, 4294967295), "ro",
       "Due time of the current order (simulation time)", "현재 지시의 납기 (시뮬레이션 시간)", station="orders"),
    _t("orders.open_orders", "input_register", 1007, "uint16", "", (0, 65535), "ro",
       "Orders not yet complete", "아직 완료되지 않은 지시 수", station="orders"),
    _t("orders.completed", "input_register", 1008, "uint16", "", (0, 65535), "ro",
       "Orders completed", "완료한 지시 수", station="orders"),
    _t("orders.late", "input_register", 1009, "uint16", "", (0, 65535), "ro",
       "Orders completed after their due time", "납기를 넘겨 완료한 지시 수", station="orders"),
    _t("orders.overdue", "input_register", 1010, "uint16", "", (0, 65535), "ro",
       "Open orders already past their due time", "납기가 지났는데 아직 열린 지시 수", station="orders"),
    _t("orders.lateness_total", "input_register", 1011, "uint32", "s", (0, 4294967295), "ro",
       "Total lateness of completed orders", "완료한 지시의 총 지연 시간", station="orders"),

    # --- simulator operator (coils 9000-9003): simulation only, see OperatorTag ---------------------
    _operator("start", 9000, "presses START", "START(기동) 버튼을 누름"),
    _operator("stop", 9001, "presses STOP", "STOP(정지) 버튼을 누름"),
    _operator("reset", 9002, "presses RESET", "RESET(리셋) 버튼을 누름"),
    _operator("estop", 9003, "pushes in the E-stop", "비상정지 버튼을 누름"),
)
# fmt: on


def plant_values(tags: Sequence[Tag], plant: Plant | None = None) -> Callable[..., tuple[Any, ...]]:
    """A fast function ``plant -> values``: the plant values of several tags in one call.

    With ``plant``, a function without arguments that reads that plant.

    The values come before the tags' rule (clamping and rounding: apply
    :meth:`Tag.quantize_column` or ``Tag.quantize``), except that a stuck
    sensor gives its stuck value (through its tag's reader, see
    :meth:`Tag.reading`). A bit's value is therefore truthy exactly when the
    tag reads True. The history of a fast-forward run and the run's watcher
    read the plant this way.

    The function is generated (like :func:`collections.namedtuple`'s
    methods) as ``return (plant.conveyor1.run, plant.oven.heater, ...)``:
    plain attribute loads, which the interpreter specialises, are several
    times faster than ``operator.attrgetter`` on dotted paths.
    """
    tags = list(tags)
    paths = [_attribute_path(tag.source or tag.name) for tag in tags]
    readers = {f"_read{position}": tag.reader for position, tag in enumerate(tags)}
    plain = ", ".join(f"plant.{path}" for path in paths)
    stuck = ", ".join(
        f"_read{position}(plant)" if tag.table == "discrete_input" else f"plant.{path}"
        for position, (tag, path) in enumerate(zip(tags, paths, strict=True))
    )
    if any(tag.table == "discrete_input" for tag in tags):
        # a stuck sensor reads its stuck value: then the sensors are read by their tags' readers
        body = f"    if plant.sensor_overrides:\n        return ({stuck},)\n    return ({plain},)\n"
    else:
        body = f"    return ({plain},)\n" if tags else "    return ()\n"
    namespace: dict[str, Any] = dict(readers)
    if plant is not None:
        namespace["plant"] = plant  # a global of the generated function: no argument to pass
    signature = "" if plant is not None else "plant"
    source = f"def plant_values({signature}):\n{body}"
    exec(compile(source, "<plant values>", "exec"), namespace)  # source built from the tag table only
    return namespace["plant_values"]


class TagTable:
    """A set of tags with lookups by name and by address."""

    def __init__(self, tags: Iterable[Tag]) -> None:
        self.tags: tuple[Tag, ...] = tuple(tags)
        self._by_name = {tag.name: tag for tag in self.tags}
        self._by_address: dict[tuple[str, int], Tag] = {}
        for tag in self.tags:
            for address in tag.addresses:
                self._by_address[(tag.table, address)] = tag

    def __iter__(self) -> Iterator[Tag]:
        return iter(self.tags)

    def __len__(self) -> int:
        return len(self.tags)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __getitem__(self, name: str) -> Tag:
        return self._by_name[name]

    def tags_by_name(self) -> dict[str, Tag]:
        """Name -> tag."""
        return dict(self._by_name)

    def get(self, name: str) -> Tag | None:
        """The tag called ``name``, or None."""
        return self._by_name.get(name)

    def at(self, table: str, address: int) -> Tag | None:
        """The tag that covers ``address`` in ``table``, or None."""
        return self._by_address.get((table, address))

    def in_table(self, table: str) -> list[Tag]:
        """Tags of one Modbus table, by address."""
        return sorted((t for t in self.tags if t.table == table), key=lambda t: t.address)

    def devices(self) -> list[str]:
        """Device names, in table order."""
        seen: dict[str, None] = {}
        for tag in self.tags:
            seen.setdefault(tag.device, None)
        return list(seen)

    def of_device(self, device: str) -> list[Tag]:
        """Tags of one device, in table order."""
        return [t for t in self.tags if t.device == device]


ALL_TAGS = TagTable(TAGS)


def tags_for(scenario: Scenario | Plant) -> TagTable:
    """The tags that exist in a scenario (or in a plant's scenario)."""
    if isinstance(scenario, Plant):
        scenario = scenario.scenario
    stations = set(scenario.stations) | set(ALWAYS)
    return TagTable(t for t in TAGS if t.station in stations)


def parse_notation(text: str) -> tuple[Table, int]:
    """Textbook address (``40001``, ``400001``, ``00017``) -> (table, 0-based address).

    Raises:
        ValueError: the text is not a 5- or 6-digit Modbus reference.
    """
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (5, 6):
        raise ValueError(f"{text!r} is not a 5- or 6-digit Modbus reference such as 40001")
    prefix = int(digits[0])
    number = int(digits[1:])
    tables = {v: k for k, v in NOTATION_PREFIX.items()}
    if prefix not in tables or number < 1 or (len(digits) == 6 and number > 65536):
        raise ValueError(f"{text!r} is not a Modbus reference (0xxxx, 1xxxx, 3xxxx or 4xxxx)")
    return tables[prefix], number - 1
