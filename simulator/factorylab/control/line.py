"""The line object students program: the same attributes locally and over Modbus.

::

    import factorylab
    line = factorylab.connect()                    # the line in this notebook (fast-forward)
    line = factorylab.connect("127.0.0.1:5020")    # a running 'factorylab sim' (live)

    line.conveyor1.run = True        # write a tag (a coil)
    line.oven.temperature            # read a tag, in engineering units (degC)
    line.info("oven.temperature")    # unit, range, access, Modbus address, in ko and en

Tags are grouped by device and generated from the tag table. Writing a
read-only tag, a value out of range or a misspelt name raises
:class:`~factorylab.errors.TagError` with a message in the student's
language. Values may be Python or numpy numbers; a value is stored as its
register holds it, rounded to the tag's resolution, so
``line.conveyor1.speed = 55.7`` gives 56 on a local line as over Modbus.
"""

from __future__ import annotations

import functools
import numbers
import os
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import ConnectionProblem, FactoryLabError, TagError, modbus_error
from ..modbus.protocol import RegisterMap, check_read, check_read_count, check_write, check_write_values
from ..plant import Plant, Scenario, builtin_ids, list_scenarios, load_scenario
from ..plant.variant import MAX_VARIANT, PlantVariant, check_number, plant_variant
from ..tags import (
    ALL_TAGS,
    BIT_TABLES,
    TABLES,
    Tag,
    TagTable,
    as_word,
    is_operator_tag,
    parse_notation,
    plant_values,
    tags_for,
)
from .errors import unknown_attribute, unknown_device, write_error
from .operator import (
    PRESS_SECONDS,
    check_button,
    check_panel,
    check_pushed,
    check_seconds,
    estop_remote,
    press_remote,
)


class TagInfo:
    """Everything about one tag, shown in Korean and English."""

    def __init__(self, tag: Tag) -> None:
        self.tag = tag

    def text(self, lang: str | None = None) -> str:
        """A few lines describing the tag (``lang``: ``ko``, ``en`` or both when None)."""
        tag = self.tag
        unit = tag.unit or "-"
        low = _number(tag.min)
        high = _number(tag.max)
        access_ko = "읽기/쓰기" if tag.writable else "읽기 전용"
        access_en = "read/write" if tag.writable else "read-only"
        table_ko = {"coil": "코일", "discrete_input": "입력 비트", "input_register": "입력 레지스터",
                    "holding_register": "홀딩 레지스터"}[tag.table]  # fmt: skip
        words = f", {tag.registers} registers" if tag.registers > 1 else ""
        scale = f", x{_number(tag.scale)}" if tag.scale != 1 else ""
        ko = (
            f"{tag.name}: {tag.description_ko}\n"
            f"  단위 {unit}, 범위 {low}..{high}, {access_ko}\n"
            f"  Modbus: {table_ko} {tag.address} (0부터) = {tag.notation}, 형식 {tag.type}{scale}"
        )
        en = (
            f"{tag.name}: {tag.description_en}\n"
            f"  unit {unit}, range {low}..{high}, {access_en}\n"
            f"  Modbus: {tag.table} {tag.address} (0-based) = {tag.notation}, {tag.type}{scale}{words}"
        )
        if tag.states:
            ko += "\n  값: " + ", ".join(f"{k} {v[1]}" for k, v in tag.states.items())
            en += "\n  values: " + ", ".join(f"{k} {v[0]}" for k, v in tag.states.items())
        if lang == "ko":
            return ko
        if lang == "en":
            return en
        return ko + "\n" + en

    def __repr__(self) -> str:
        return self.text()

    def __str__(self) -> str:
        return self.text()


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.10g}"


class Snapshot(dict):
    """All tag values at one moment: ``{name: value}``, with ``time`` (s)."""

    def __init__(self, values: dict[str, Any], time: float) -> None:
        super().__init__(values)
        self.time = time

    def to_series(self):
        """The snapshot as a pandas Series (index: tag names, name: time)."""
        import pandas as pd

        return pd.Series(dict(self), name=self.time, dtype=object)


class Device:
    """One device of the line (e.g. ``line.conveyor1``): its tags as attributes."""

    __slots__ = ("_line", "_plant", "_target")
    _device_name = ""
    _tag_names: tuple[str, ...] = ()

    def __init__(self, line: Line) -> None:
        object.__setattr__(self, "_line", line)
        plant = getattr(line, "_plant", None)  # a local line: reach the plant directly
        object.__setattr__(self, "_plant", plant)
        object.__setattr__(self, "_target", getattr(plant, self._device_name, None) if plant is not None else None)

    def __dir__(self) -> list[str]:
        return list(self._tag_names) + ["info"]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        raise unknown_attribute(self._device_name, name, list(self._tag_names))

    def __setattr__(self, name: str, value: Any) -> None:  # replaced in each generated class
        raise unknown_attribute(self._device_name, name, list(self._tag_names))

    def info(self, name: str | None = None) -> TagInfo | str:
        """About one tag (``info("run")``) or, without a name, the whole device."""
        tags = self._line.tags
        if name is not None:
            if name not in self._tag_names:
                raise unknown_attribute(self._device_name, name, list(self._tag_names))
            return TagInfo(tags[f"{self._device_name}.{name}"])
        return "\n".join(TagInfo(tags[f"{self._device_name}.{n}"]).text() for n in self._tag_names)

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._tag_names)
        return f"<{self._device_name}: {values}>"


def _doc(tag: Tag) -> str:
    return TagInfo(tag).text()


def refuse_inside_a_program(what: str) -> None:
    """A clear error if a control program (inside :func:`factorylab.run` or a check) acts as the operator.

    The panel's buttons and the E-stop are the operator's hands: a program
    reads them (``line.panel.start``), it never presses them. Outside a run,
    in a notebook cell, ``line.press(...)`` is the trainer's hand.
    """
    from . import plc

    if plc.CURRENT_RUN.get() is not None:
        raise FactoryLabError(
            f"제어 프로그램은 조작 패널을 누를 수 없습니다 ({what}). 프로그램은 `line.panel.start` 같은 입력을 "
            '읽기만 하고, 버튼은 사람이 누릅니다: 노트북의 다른 셀에서 `line.press("start")`를 쓰세요.',
            f"a control program cannot press the operator panel ({what}). A program only reads inputs such as "
            '`line.panel.start`; a person presses the buttons: use `line.press("start")` in another notebook cell.',
        )


@functools.cache
def _device_class(device: str, local: bool) -> type[Device]:
    """A Device subclass with one property per tag (generated from the tag table).

    A device's tags come with its station, so they are the same in every
    scenario that has the device.
    """
    tags = ALL_TAGS.of_device(device)
    namespace: dict[str, Any] = {
        "__slots__": (),
        "_device_name": device,
        "_tag_names": tuple(tag.attribute for tag in tags),
        "__doc__": f"{device}\n\n" + "\n\n".join(_doc(tag) for tag in tags),
    }
    setters: dict[str, Callable[[Device, Any], None]] = {}
    for tag in tags:
        setter = _setter(tag, local)
        setters[tag.attribute] = setter
        namespace[tag.attribute] = property(_getter(tag, local), setter, doc=_doc(tag))
    names = list(namespace["_tag_names"])

    def __setattr__(self: Device, name: str, value: Any, _setters: dict = setters) -> None:  # noqa: N807
        setter = _setters.get(name)
        if setter is None:
            raise unknown_attribute(device, name, names)
        setter(self, value)

    namespace["__setattr__"] = __setattr__
    return type(f"{device.title().replace('_', '')}Device", (Device,), namespace)


def _local_path(tag: Tag) -> str:
    """Where a local device finds the tag's plant value: ``_target.<attribute>`` (its own device)."""
    source = tag.source or tag.name
    device, attribute = source.split(".", 1)
    return f"_target.{attribute}" if device == tag.device else f"_plant.{source}"


def _getter(tag: Tag, local: bool) -> Callable[[Device], Any]:
    if local:
        # compiled from the tag's own rule (Tag.rule): plain attribute loads, no call
        return tag.reading(_local_path(tag), "_plant.sensor_overrides")

    def get_remote(self: Device) -> Any:
        return self._line._read(tag)

    return get_remote


def _setter(tag: Tag, local: bool) -> Callable[[Device, Any], None]:
    plain = _plain_setter(tag, local)
    if not is_operator_tag(tag):
        return plain

    def operator_setter(self: Device, value: Any) -> None:
        refuse_inside_a_program(tag.name)
        plain(self, value)

    return operator_setter


def _plain_setter(tag: Tag, local: bool) -> Callable[[Device, Any], None]:
    if not tag.writable:

        def refuse(self: Device, value: Any) -> None:
            raise write_error(tag, value, "read-only")

        return refuse
    check = tag.check
    if local:

        def refuse_wrong(value: Any) -> None:
            reason = check(value)
            if reason is not None:
                raise write_error(tag, value, reason)

        # the plant gets what the same write over Modbus stores (Tag.rule: 55.7 -> 56)
        return tag.setter(f"_target.{tag.attribute}", refuse_wrong)

    def set_remote(self: Device, value: Any) -> None:
        reason = check(value)
        if reason is not None:
            raise write_error(tag, value, reason)
        self._line._write(tag, value)

    return set_remote


class RawAccess:
    """Read and write the Modbus tables directly, as a PLC programmer would.

    ``table`` is ``coil``, ``discrete_input``, ``input_register`` or
    ``holding_register``, or give the textbook address (``"40301"``) instead
    of table and address. Addresses are 0-based. Bits read as 0/1.
    """

    def __init__(self, line: Line) -> None:
        self._line = line

    def _where(self, table: str, address: int | None) -> tuple[str, int]:
        """(table, 0-based address) from a table and an address, or from a textbook reference."""
        if not isinstance(table, str):
            raise TagError(
                f"테이블 이름이나 Modbus 주소는 글자로 씁니다: read('holding_register', 0) 또는 read('40001') "
                f"(입력: {table!r})",
                f"give the table or the Modbus reference as text: read('holding_register', 0) or read('40001') "
                f"(got {table!r})",
            )
        if address is None:
            try:
                return parse_notation(table)
            except ValueError:
                raise TagError(
                    f"40001 같은 Modbus 주소가 아닙니다: '{table}'. 테이블과 주소를 함께 쓰세요: "
                    f"read('holding_register', 0)",
                    f"'{table}' is not a Modbus reference like 40001. Or give a table and an address: "
                    f"read('holding_register', 0)",
                ) from None
        if table not in TABLES:
            try:
                parse_notation(table)
            except ValueError:
                raise TagError(
                    f"테이블은 {', '.join(TABLES)} 중 하나입니다 (입력: {table!r})",
                    f"the table must be one of {', '.join(TABLES)} (got {table!r})",
                ) from None
            raise TagError(  # read("40301", 3): the address is in the reference already
                f"'{table}'에는 주소가 이미 들어 있습니다. 개수는 이름을 붙여 쓰세요: read('{table}', count={address!r})",
                f"'{table}' holds the address already. Give a count by name: read('{table}', count={address!r})",
            )
        word = as_word(address)
        if word is None or isinstance(address, bool) or not 0 <= word <= 0xFFFF:
            raise TagError(
                f"Modbus 주소는 0에서 65535 사이의 정수입니다 (0부터 셉니다, 입력: {address!r})",
                f"a Modbus address is a whole number from 0 to 65535 (counted from 0; got {address!r})",
            )
        return table, word

    def read(self, table: str, address: int | None = None, count: int = 1) -> list[int]:
        """Read ``count`` values from ``table`` starting at ``address``.

        ``count`` is 1 .. 2000 for bits, 1 .. 125 for registers (one Modbus
        request); more is answered with Modbus exception 03, as by a server.
        """
        table, address = self._where(table, address)
        number = as_word(count)
        if number is None or isinstance(count, bool):
            raise TagError(
                f"count는 읽을 값의 개수, 정수입니다 (예: read('40001', count=2); 입력: {count!r})",
                f"count is how many values to read, a whole number (e.g. read('40001', count=2); got {count!r})",
            )
        return self._line._raw_read(table, address, number)

    def write(self, table: str, address: int | Any = None, values: Any = None) -> None:
        """Write one value or a list of values: ``write("coil", 300, 1)`` or ``write("40301", 50)``.

        Values are whole numbers (bits 0/1 or True/False, registers 0..65535),
        Python or numpy; a list, tuple or numpy array writes several. A value
        out of the table's range is answered with Modbus exception 03, as by a
        server (the same on a local and a remote line).
        """
        if values is None and not (as_word(address) is not None and table in TABLES):
            values, address = address, None
        table, address = self._where(table, address)
        if values is None:
            raise TagError(
                f"{table} {address}에 쓸 값이 없습니다 (None). 비트와 레지스터에는 정수를 씁니다: "
                f"write('coil', 300, 1), write('40301', 50)",
                f"no value to write to {table} {address} (None). Bits and registers take whole numbers: "
                f"write('coil', 300, 1), write('40301', 50)",
            )
        if hasattr(values, "tolist"):  # a numpy array or scalar
            values = values.tolist()
        words: list[int] = []
        for value in values if isinstance(values, (list, tuple)) else [values]:
            word = as_word(value)
            if word is None:
                raise _not_a_word(table, value)
            words.append(word)
        self._line._raw_write(table, address, words)


def _not_a_word(table: str, value: Any) -> TagError:
    """The error for a raw value that is not a whole number (``"x"``, 55.7, NaN, None)."""
    if table in BIT_TABLES:
        return TagError(
            f"비트(코일)에는 정수 0 또는 1 (True 또는 False)만 쓸 수 있습니다 (쓴 값: {value!r})",
            f"bits (coils) hold the whole numbers 0 or 1 (True or False) only (you wrote {value!r})",
        )
    return TagError(
        f"레지스터에는 0에서 65535 사이의 정수만 쓸 수 있습니다 (쓴 값: {value!r}). 단위가 있는 값은 "
        f"이름으로 쓰세요: line.conveyor1.speed = 55.7",
        f"registers hold whole numbers from 0 to 65535 only (you wrote {value!r}). Write a value in "
        f"engineering units by its name: line.conveyor1.speed = 55.7",
    )


class Line:
    """The line: one attribute per device, each with its tags.

    Shared by the local line (the plant in this process, fast-forward) and the
    remote line (a running simulator over Modbus).
    """

    is_local = False

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.tags: TagTable = tags_for(scenario)
        self.raw = RawAccess(self)
        self._registers = RegisterMap(self.tags)
        self._devices: dict[str, Device] = {}
        for device in self.tags.devices():
            cls = _device_class(device, self.is_local)
            self._devices[device] = cls(self)
            self.__dict__[device] = self._devices[device]  # plain attribute: fast to reach

    # --- devices -------------------------------------------------------------
    def __getattr__(self, name: str) -> Device:
        devices = self.__dict__.get("_devices")
        if devices is None or name.startswith("__"):
            raise AttributeError(name)
        if name in devices:
            return devices[name]
        raise unknown_device(name, list(devices))

    def __dir__(self) -> list[str]:
        return list(self._devices) + ["info", "snapshot", "raw", "time", "tags", "scenario", "variant", "close"]

    @property
    def variant(self) -> PlantVariant:
        """The plant's variant (``variant.number``, 0: the documented plant) and its parameters.

        ``oven_gain`` (deg C per %), ``oven_time_constant`` (s), ``tank_area``
        (L per metre of level), ``belt_speed`` (mm/s at 100 %): the truth a
        check compares a student's identification with.
        """
        number = int(self.system.variant)
        return plant_variant(number, self.scenario.oven.gain, self.scenario.oven.time_constant)

    @property
    def devices(self) -> list[str]:
        """Device names, in line order."""
        return list(self._devices)

    def info(self, name: str) -> TagInfo:
        """About one tag, e.g. ``line.info("oven.temperature")``."""
        tag = self.tags.get(name)
        if tag is None:
            device, _, attribute = name.partition(".")
            if device not in self._devices:
                raise unknown_device(device, list(self._devices))
            raise unknown_attribute(device, attribute, list(self._devices[device]._tag_names))
        return TagInfo(tag)

    def snapshot(self) -> Snapshot:
        """Every tag's value now."""
        return Snapshot({tag.name: self._read(tag) for tag in self.tags}, self.time)

    def _reader(self, tag: Tag) -> Callable[[], Any]:
        """A function without arguments that reads ``tag`` now, the fastest way this line can."""
        return functools.partial(self._read, tag)

    def _values(self, tags: Sequence[Tag]) -> Callable[[], Sequence[Any]]:
        """A function without arguments that reads several tags at once.

        A value may come before its tag's rule: ``tag.quantize(value)`` is
        what the tag reads (a local line gives the plant's values, see
        :func:`factorylab.tags.plant_values`; a remote line the registers').
        So a bit's value is truthy exactly when the tag reads True.
        """
        read = self._read
        tags = list(tags)
        return lambda: [read(tag) for tag in tags]

    # --- overridden by the local and remote lines ----------------------------------
    @property
    def time(self) -> float:
        """Simulated time of the plant, s."""
        raise NotImplementedError  # pragma: no cover - abstract

    def _read(self, tag: Tag) -> Any:
        raise NotImplementedError  # pragma: no cover - abstract

    def _write(self, tag: Tag, value: Any) -> None:
        raise NotImplementedError  # pragma: no cover - abstract

    def _raw_read(self, table: str, address: int, count: int) -> list[int]:
        raise NotImplementedError  # pragma: no cover - abstract

    def _raw_write(self, table: str, address: int, values: list[int]) -> None:
        raise NotImplementedError  # pragma: no cover - abstract

    # --- the operator's hands: the same on a local and a remote line --------------------------
    def press(self, button: str, seconds: float = PRESS_SECONDS) -> None:
        """Press a panel button (``start``, ``stop`` or ``reset``) for ``seconds`` (0 < seconds <= 60).

        What the operator does at the panel, not what a PLC program does (a
        program reads ``line.panel.start``). A remote line writes the
        simulator-operator block (``operator.start`` ..., simulation only),
        so a simulator without a window can be reset and started; there a
        press lasts 0.2 s at least, and a longer one waits until it is over.

        Raises:
            FactoryLabError: a misspelt button (with a suggestion), a wrong
                ``seconds``, a line without a panel, or a simulator started
                read-only.
        """
        button = check_button(button)
        seconds = check_seconds(seconds)
        check_panel(self.tags, self.scenario.id)
        refuse_inside_a_program(f"line.press({button!r})")
        self._press(button, seconds)

    def estop(self, pushed: bool = True) -> None:
        """Push in (True) or release (False) the E-stop; after releasing, ``press("reset")``.

        Raises:
            FactoryLabError: ``pushed`` not True/False, a line without a
                panel, or a simulator started read-only.
        """
        pushed = check_pushed(pushed)
        check_panel(self.tags, self.scenario.id)
        refuse_inside_a_program(f"line.estop({pushed})")
        self._set_estop(pushed)

    def _press(self, button: str, seconds: float) -> None:
        raise NotImplementedError  # pragma: no cover - abstract

    def _set_estop(self, pushed: bool) -> None:
        raise NotImplementedError  # pragma: no cover - abstract

    def close(self) -> None:
        """Let go of the line (closes a remote connection)."""

    def __enter__(self) -> Line:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalLine(Line):
    """The plant in this process: fast-forward, deterministic.

    ``line.plant`` is the plant itself (for teachers and checks); the
    operator's hands are ``press`` / ``estop`` (the same as on a remote line).
    """

    is_local = True

    def __init__(self, plant: Plant) -> None:
        self._plant = plant
        super().__init__(plant.scenario)

    @property
    def plant(self) -> Plant:
        """The simulated plant behind the tags (for teachers and checks: faults, operator's hands)."""
        return self._plant

    @property
    def time(self) -> float:
        return self._plant.time

    @property
    def variant(self) -> PlantVariant:
        """The plant's variant and its parameters (see :attr:`Line.variant`)."""
        return self._plant.variant

    def _read(self, tag: Tag) -> Any:
        return tag.reader(self._plant)

    def _reader(self, tag: Tag) -> Callable[[], Any]:
        return functools.partial(tag.reader, self._plant)

    def _values(self, tags: Sequence[Tag]) -> Callable[[], Sequence[Any]]:
        return plant_values(tags, self._plant)

    def _write(self, tag: Tag, value: Any) -> None:
        reason = tag.check(value)
        if reason is not None:
            raise write_error(tag, value, reason)
        tag.writer(self._plant, value)

    def _raw_read(self, table: str, address: int, count: int) -> list[int]:
        problem = check_read(self._registers, table, address, count)
        if problem is not None:
            raise modbus_error(problem, f"{table} {address} x{count}")
        words: list[int] = []
        index = address
        while index < address + count:
            tag = self.tags.at(table, index)
            tag_words = tag.words(self._plant)
            offset = index - tag.address
            take = tag_words[offset : offset + (address + count - index)]
            words.extend(take)
            index += len(take)
        return words

    def _raw_write(self, table: str, address: int, values: list[int]) -> None:
        checked = check_write(self._registers, table, address, values)
        if isinstance(checked, int):
            raise modbus_error(checked, f"{table} {address} <- {values}")
        for tag, _ in checked.writes:
            if is_operator_tag(tag):
                refuse_inside_a_program(f"raw.write {table} {address}")
        for tag, value in checked.writes:
            tag.writer(self._plant, value)

    # --- the operator's hands (press and estop: see Line) ----------------------------------
    def _press(self, button: str, seconds: float) -> None:
        self._plant.panel.press(button, self._plant.time, seconds)

    def _set_estop(self, pushed: bool) -> None:
        self._plant.panel.set_estop(pushed)

    def step(self, seconds: float = 0.05) -> None:
        """Let the plant run for ``seconds`` (a multiple of 0.05 s) without a controller."""
        self._plant.advance(seconds)


class RemoteLine(Line):
    """A running ``factorylab sim`` (or any server with the same tags), over Modbus TCP.

    Reads go to the server each time, except inside :func:`factorylab.run`,
    which reads every tag once per scan (the PLC's input image) and writes the
    changed outputs at the end of the scan (the output image).

    Args:
        link: the Modbus connection (:class:`factorylab.modbus.client.ModbusLink`).
        scenario: the scenario the server runs, when it is not a built-in one
            (a ``.yaml`` file given to ``factorylab sim --scenario``); its
            number must be the one the server reports. None: the built-in
            scenario with the server's number.
    """

    def __init__(self, link: Any, scenario: Scenario | None = None) -> None:
        self.link = link
        number = link.read("holding_register", 4, 1)[0]
        if scenario is None:
            scenario = _scenario_by_number(number)
        elif scenario.number != number:
            raise ConnectionProblem(
                f"서버는 {number}번 시나리오를 실행하는데, 주어진 시나리오 '{scenario.id}'는 {scenario.number}번입니다",
                f"the server runs scenario number {number}, but the scenario given, '{scenario.id}', "
                f"has number {scenario.number}",
            )
        self._image: dict[tuple[str, int], int] | None = None
        self._pending: dict[str, tuple[Tag, Any]] = {}
        super().__init__(scenario)
        self._runs = _runs(self.tags)

    @property
    def time(self) -> float:
        return self._read(self.tags["system.sim_time"])

    def _words(self, tag: Tag) -> list[int]:
        image = self._image
        if image is not None:
            return [image[(tag.table, a)] for a in tag.addresses]
        return self.link.read(tag.table, tag.address, tag.registers)

    def _read(self, tag: Tag) -> Any:
        return tag.decode(self._words(tag))

    def _write(self, tag: Tag, value: Any) -> None:
        reason = tag.check(value)
        if reason is not None:
            raise write_error(tag, value, reason)
        words = tag.encode(value)
        if self._image is not None:  # inside a scan: write at the end of it
            self._pending[tag.name] = (tag, value)
            for address, word in zip(tag.addresses, words, strict=True):
                self._image[(tag.table, address)] = word
        else:
            self.link.write(tag.table, tag.address, words)

    def refresh(self) -> None:
        """Read every tag once (the start of a scan)."""
        image: dict[tuple[str, int], int] = {}
        for table, start, count in self._runs:
            for offset, word in enumerate(self.link.read(table, start, count)):
                image[(table, start + offset)] = word
        self._image = image

    def flush(self) -> None:
        """Write the outputs changed during the scan and end it."""
        pending = self._pending
        self._pending = {}
        self._image = None
        for tag, value in pending.values():
            self.link.write(tag.table, tag.address, tag.encode(value))

    def _raw_read(self, table: str, address: int, count: int) -> list[int]:
        # a count no request can carry is answered here as the server (and a local line) answers it
        problem = check_read_count(table, count)
        if problem is not None:
            raise modbus_error(problem, f"{table} {address} x{count}")
        return self.link.read(table, address, count)

    def _raw_write(self, table: str, address: int, values: list[int]) -> None:
        # values that do not fit the table (70000 in a register, 2 in a coil) never reach the wire:
        # the same exception as a local line, not a crash in the Modbus client
        problem = check_write_values(table, values)
        if problem is not None:
            raise modbus_error(problem, f"{table} {address} <- {values}")
        if table == "coil" and any(
            is_operator_tag(tag) for n in range(len(values)) if (tag := self.tags.at(table, address + n)) is not None
        ):
            refuse_inside_a_program(f"raw.write {table} {address}")
        self.link.write(table, address, values)

    # --- the operator's hands (press and estop: see Line) ----------------------------------
    def _press(self, button: str, seconds: float) -> None:
        press_remote(self.link, self.tags, button, seconds)

    def _set_estop(self, pushed: bool) -> None:
        estop_remote(self.link, self.tags, pushed)

    def close(self) -> None:
        self.link.close()


def _scenario_by_number(number: int) -> Scenario:
    for scenario in list_scenarios():
        if scenario.number == number:
            return scenario
    raise ConnectionProblem(
        f"서버가 알 수 없는 시나리오 번호를 알려 왔습니다({number}번). FactoryLab 시뮬레이터가 맞나요?",
        f"the server reports an unknown scenario number {number}. Is it a FactoryLab simulator?",
    )


def _runs(tags: TagTable) -> list[tuple[str, int, int]]:
    """(table, start, count) for each run of consecutive addresses."""
    runs: list[tuple[str, int, int]] = []
    for table in TABLES:
        start = end = -1
        for tag in tags.in_table(table):
            if tag.address == end and end - start < (125 if table not in BIT_TABLES else 2000):
                end = tag.address + tag.registers
            else:
                if start >= 0:
                    runs.append((table, start, end - start))
                start, end = tag.address, tag.address + tag.registers
        if start >= 0:
            runs.append((table, start, end - start))
    return runs


def connect(
    target: str | None = None,
    *,
    scenario: str = "line",
    seed: int = 0,
    host: str | None = None,
    port: int | None = None,
    variant: int | None = None,
    unit: int | None = None,
) -> Line:
    """Connect to a line.

    * ``connect()`` or ``connect(scenario="oven", seed=3)``: a local line, the
      plant in this process, run fast-forward by :func:`factorylab.run`.
    * ``connect("192.168.0.10:5020")`` or ``connect(host="127.0.0.1",
      port=5020)``: a remote line, a running ``factorylab sim``.

    Args:
        target: ``"host:port"`` of a simulator (remote), or None (local).
        scenario: scenario id or .yaml file, for a local line.
        seed: random seed, for a local line (same seed, same run).
        host: the remote simulator's address, instead of ``target``
            (default 127.0.0.1 when only ``port`` is given).
        port: the remote simulator's port (default 5020); ``connect(port=5020)``
            alone connects to a simulator on this computer.
        variant: for a local line, the plant variant 0 .. 9999: each student's
            own plant (oven gain and time constant, tank area, belt speed
            shifted by up to 20 %); 0 or None is the documented plant. A
            remote simulator's variant is chosen when it starts
            (``factorylab sim --variant N``); ``line.variant`` tells it.
        unit: the Modbus unit id of your line on a classroom's shared port
            (``connect("teacher-pc:5020", unit=7)``: line 7 of ``factorylab
            classroom``); None: unit 1, a simulator's own port. Each line of
            a classroom also has its own port (5021 for line 1, 5022 ...).
    """
    if variant is not None:
        try:
            check_number(variant)
        except ValueError:
            raise FactoryLabError(
                f"variant는 0에서 {MAX_VARIANT} 사이의 정수입니다 (입력: {variant!r})",
                f"variant is a whole number from 0 to {MAX_VARIANT} (got {variant!r})",
            ) from None
    seed = _checked_seed(seed)
    if target is not None and not (isinstance(target, str) and target.strip()):
        raise _not_an_address(target)
    if isinstance(target, str) and (target.strip() in builtin_ids() or target.strip().endswith((".yaml", ".yml"))):
        name = target.strip()
        raise FactoryLabError(
            f"'{name}': 시뮬레이터의 주소가 아니라 시나리오 이름입니다. 이 컴퓨터 안의 라인은 "
            f'factorylab.connect(scenario="{name}")처럼 scenario=를 붙여 쓰세요 '
            '(시뮬레이터에 연결할 때는 "127.0.0.1:5020"처럼 주소를 씁니다).',
            f"'{name}' is a scenario, not a simulator's address: for a line in this process write "
            f'factorylab.connect(scenario="{name}") (to reach a simulator, give its address, e.g. "127.0.0.1:5020").',
        )
    if host is not None and not (isinstance(host, str) and host.strip()):
        raise FactoryLabError(
            f'host는 시뮬레이터 컴퓨터의 주소, 글자입니다 (예: host="127.0.0.1"; 입력: {host!r})',
            f'host is the simulator computer\'s address, as text (e.g. host="127.0.0.1"; got {host!r})',
        )
    if port is not None:
        _check_port(port)
    if target is None and host is None and port is None:
        return LocalLine(Plant(_scenario(scenario), seed=seed, variant=variant))
    if unit is not None and (isinstance(unit, bool) or not isinstance(unit, numbers.Integral) or not 1 <= unit <= 247):
        raise FactoryLabError(
            f"unit은 1에서 247 사이의 정수, 선생님이 알려 준 내 라인 번호입니다 (예: unit=7; 입력: {unit!r})",
            f"unit is a whole number from 1 to 247, your line's number from your teacher (e.g. unit=7; got {unit!r})",
        )
    if unit is not None and target is None and host is None and port is None:
        raise FactoryLabError(
            'unit=은 원격 시뮬레이터의 라인 번호입니다: connect("선생님PC주소:5020", unit=7)처럼 주소와 함께 쓰세요',
            'unit= picks a line of a remote simulator: give its address too, e.g. connect("teacher-pc:5020", unit=7)',
        )
    if variant is not None:
        raise FactoryLabError(
            "원격 시뮬레이터의 변형 번호는 시뮬레이터를 시작할 때 정합니다: factorylab sim --variant N",
            "a remote simulator's variant is chosen when it starts: factorylab sim --variant N",
        )
    from ..modbus.client import ModbusLink, parse_address

    if target is not None:
        host, port = parse_address(target, port)
        _check_port(port)
    link = ModbusLink(host or "127.0.0.1", port if port is not None else 5020, unit=unit if unit is not None else 1)
    return RemoteLine(link)


def _checked_seed(seed: Any) -> int:
    """``seed`` as an int, or a clear error: a whole number of 0 or more (Python or numpy)."""
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise FactoryLabError(
            f"seed는 0 이상의 정수입니다 (예: seed=3; 같은 시드면 같은 결과; 입력: {seed!r})",
            f"seed is a whole number of 0 or more (e.g. seed=3; the same seed gives the same run; got {seed!r})",
        )
    return int(seed)


def _not_an_address(target: Any) -> FactoryLabError:
    """The error for ``connect(5020)`` and other targets that are not ``"host:port"`` text."""
    if isinstance(target, numbers.Integral) and not isinstance(target, bool):
        return FactoryLabError(
            f'포트 번호는 이름을 붙여 주세요: connect(port={target}) (또는 connect("127.0.0.1:{target}"))',
            f'give the port by name: connect(port={target}) (or connect("127.0.0.1:{target}"))',
        )
    return FactoryLabError(
        f'connect()에는 시뮬레이터 주소를 글자로 주세요: connect("127.0.0.1:5020") 또는 connect(port=5020) '
        f"(입력: {target!r})",
        f'give connect() the simulator\'s address as text: connect("127.0.0.1:5020") or connect(port=5020) '
        f"(got {target!r})",
    )


def _check_port(port: Any) -> None:
    """A clear error unless ``port`` is a TCP port a simulator can listen on (1..65535)."""
    if isinstance(port, bool) or not isinstance(port, numbers.Integral) or not 1 <= port <= 65535:
        raise FactoryLabError(
            f"port는 1에서 65535 사이의 정수입니다 (기본 5020; 입력: {port!r})",
            f"port is a whole number from 1 to 65535 (5020 by default; got {port!r})",
        )


def _scenario(scenario: Any) -> Scenario:
    """A scenario from its id, a .yaml path or itself; a clear error for anything else."""
    if isinstance(scenario, Scenario):
        return scenario
    if not isinstance(scenario, (str, os.PathLike)):
        known = ", ".join(s.id for s in list_scenarios())
        raise FactoryLabError(
            f"scenario는 시나리오 이름(글자) 또는 .yaml 파일 경로입니다: {known} (입력: {scenario!r})",
            f"scenario is a scenario id (text) or a .yaml file path: {known} (got {scenario!r})",
        )
    return load_scenario(scenario)
