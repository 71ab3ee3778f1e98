"""Checks of lab 2-1 (``modbus_basics``): mbpoll commands, address notation, words, exception codes.

* ``mbpoll_commands`` (quiz): the student's mbpoll command line for each task
  (read conveyor1's three input bits, switch ``conveyor1.run`` on, set
  ``conveyor1.speed``, read two input registers, read one without ``-0``) is
  parsed, not run, so it is judged on a PC without mbpoll. Table (``-t``),
  reference (``-r``) with and without ``-0``, count (``-c``), port, host,
  unit id, write value and "poll once" (``-1``) are compared with what the tag
  table says; the usual mistakes (``-0`` missing: off by one, a 40001-style
  number given to ``-r``, coil for input, input for holding register, the
  default port 502 ...) are each named, with the tag the command really
  reaches.
* ``address_notation`` (quiz): ten textbook addresses (00001 / 10001 / 30001 /
  40001, five and six digits) to (table, 0-based address) and back, each wrong
  item with the reason its mistake shows (off by one, the table digit kept in
  the address, 3xxxx for 4xxxx, a six-digit number read as five digits).
* ``decode_words`` (value): ``decode(words, kind, scale)`` turns register
  words into the engineering value for ``uint16``/``int16`` (scaled),
  ``uint32`` and ``float32`` (two words, high word first, as the line sends
  them); hidden words come from real tags of the tag table (and one signed
  16-bit value). Word order CDAB, unsigned for signed, a forgotten or
  multiplied scale, x65535, the first word only, a float read as an integer
  and integer division are each named.
* ``exception_codes`` (quiz): which Modbus exception (01, 02, 03, 0B) or no
  answer at all (``timeout``) each request gets; the expected codes are
  provoked on a real local line when the check runs, not copied.
"""

from __future__ import annotations

import random
import shlex
import struct
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from factorylab.control.checks.base import Check, register
from factorylab.control.checks.kinds import Case, Question, QuizCheck, Recogniser, ValueCheck, _number
from factorylab.control.checks.result import CheckResult, Finding, Item
from factorylab.plant import Plant
from factorylab.tags import ALL_TAGS, NOTATION_PREFIX, TABLES, Tag, parse_notation, tags_for

#: the port ``factorylab sim`` listens on
SIM_PORT = 5020
#: mbpoll's ``-t`` for each table (16-bit registers; ``:hex`` only changes the display)
MBPOLL_TABLE = {"coil": "0", "discrete_input": "1", "input_register": "3", "holding_register": "4"}
TABLE_OF_T = {code: table for table, code in MBPOLL_TABLE.items()}
#: the Korean name of each table, for messages
TABLE_KO = {
    "coil": "코일",
    "discrete_input": "입력 비트",
    "input_register": "입력 레지스터",
    "holding_register": "홀딩 레지스터",
}
TABLE_EN = {"coil": "coil", "discrete_input": "discrete input", "input_register": "input register",
            "holding_register": "holding register"}  # fmt: skip


def _a(table: str) -> str:
    """'a coil', 'an input register' ..."""
    name = TABLE_EN[table]
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def _where_ko(table: str, address: int) -> str:
    return f"{TABLE_KO[table]} {address}"


def _where_en(table: str, address: int) -> str:
    return f"{TABLE_EN[table]} {address}"


# --- mbpoll commands ------------------------------------------------------------------------------------------

#: mbpoll options that take a value, and options that are flags (mbpoll 1.0, ``mbpoll -h``)
_VALUE_OPTIONS = set("marctlopbdsP")
_FLAG_OPTIONS = set("01BRFuvhVw")


@dataclass(frozen=True)
class MbpollTask:
    """One task: what the command must do, in the tag table's terms.

    Attributes:
        key: the task's name in the answer dict.
        tags: the tags it reads or writes (consecutive addresses of one table).
        ko, en: the task as the student reads it.
        value: for a write, the engineering value to write (None: a read).
        zero: True: must use ``-0``; False: must not; None: either, if the
            reference matches.
    """

    key: str
    tags: tuple[str, ...]
    ko: str
    en: str
    value: float | None = None
    zero: bool | None = None

    @property
    def first(self) -> Tag:
        return ALL_TAGS[self.tags[0]]

    @property
    def table(self) -> str:
        return self.first.table

    @property
    def address(self) -> int:
        return self.first.address

    @property
    def count(self) -> int:
        return sum(ALL_TAGS[name].registers for name in self.tags)

    @property
    def raw(self) -> int | None:
        """The word (or bit) to write."""
        return None if self.value is None else self.first.encode(self.value)[0]


MBPOLL_TASKS: tuple[MbpollTask, ...] = (
    MbpollTask(
        "read_inputs",
        ("conveyor1.running", "conveyor1.photo_eye_infeed", "conveyor1.photo_eye_exit"),
        "conveyor1의 입력 비트 3개(running, photo_eye_infeed, photo_eye_exit)를 한 번에, 한 번만 읽기",
        "read conveyor1's three input bits (running, photo_eye_infeed, photo_eye_exit) in one request, once",
    ),
    MbpollTask("run_on", ("conveyor1.run",), "`conveyor1.run`을 켜기(1)", "switch conveyor1.run on (1)", value=1),
    MbpollTask(
        "set_speed", ("conveyor1.speed",), "`conveyor1.speed`를 60 %로 쓰기", "write 60 % to conveyor1.speed", value=60
    ),
    MbpollTask(
        "read_registers",
        ("conveyor1.current", "conveyor1.belt_speed"),
        "`conveyor1.current`와 `conveyor1.belt_speed`를 한 번에, 한 번만 읽기",
        "read conveyor1.current and conveyor1.belt_speed in one request, once",
    ),
    MbpollTask(
        "belt_speed_without_0",
        ("conveyor1.belt_speed",),
        "`conveyor1.belt_speed` 하나를 `-0` 없이(1부터 세는 번호로) 한 번만 읽기",
        "read conveyor1.belt_speed alone without -0 (numbers counted from 1), once",
        zero=False,
    ),
)
_TASKS_BY_KEY = {task.key: task for task in MBPOLL_TASKS}
#: the tags of the simulator the tasks talk to (``factorylab sim --scenario conveyor``)
_CONVEYOR = tags_for(Plant("conveyor").scenario)


@dataclass
class MbpollCommand:
    """An mbpoll command line, parsed as mbpoll reads it."""

    options: dict[str, str]
    flags: set[str]
    positional: list[str]
    unknown: list[str]

    @property
    def host(self) -> str | None:
        return self.positional[0] if self.positional else None

    @property
    def values(self) -> list[str]:
        return self.positional[1:]


def parse_mbpoll(command: str) -> MbpollCommand | None:
    """An mbpoll command line as options, flags and positional arguments (None: not an mbpoll command).

    Options may be apart or attached (``-r 300``, ``-r300``), flags grouped
    (``-01``); ``--`` ends the options (negative values to write follow it).
    """
    text = command.replace("\\\n", " ").strip()
    if text[:1] in ("$", ">", "%"):  # a shell prompt copied with the command
        text = text[1:]
    try:
        tokens = shlex.split(text, comments=True)  # a "# comment" after the command is not an argument
    except ValueError:
        return None
    if not tokens:
        return None
    program = tokens[0].replace("\\", "/").rsplit("/", 1)[-1].lower()
    if not program.endswith(("mbpoll", "mbpoll.exe")):  # also a Windows path (C:\\tools\\mbpoll.exe)
        return None
    options: dict[str, str] = {}
    flags: set[str] = set()
    positional: list[str] = []
    unknown: list[str] = []
    index = 1
    only_positional = False
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if only_positional or not token.startswith("-") or token == "-":
            positional.append(token)
            continue
        if token == "--":
            only_positional = True
            continue
        letter = token[1]
        if letter in _VALUE_OPTIONS:
            if len(token) > 2:
                options[letter] = token[2:]
            elif index < len(tokens):
                options[letter] = tokens[index]
                index += 1
            else:
                options[letter] = ""
        elif all(c in _FLAG_OPTIONS for c in token[1:]):
            flags.update(token[1:])
        else:
            unknown.append(token)
    return MbpollCommand(options, flags, positional, unknown)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _as_int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text.strip(), 0) if text.strip().lower().startswith("0x") else int(text.strip())
    except ValueError:
        return None


def _what_is_at(table: str, address: int) -> tuple[str, str]:
    """(ko, en): which tag a request reaches at ``address`` of ``table`` in the conveyor scenario."""
    if address < 0:
        return "주소 -1(없는 주소)", "address -1 (no such address)"
    tag = _CONVEYOR.at(table, address)
    if tag is None:
        return f"{_where_ko(table, address)}(주소표에 없는 주소)", f"{_where_en(table, address)} (not in the map)"
    return f"{_where_ko(table, address)}(`{tag.name}`)", f"{_where_en(table, address)} ({tag.name})"


class _Wrong(Exception):
    """A task's command is wrong: the finding to give."""

    def __init__(self, code: str, ko: str, en: str, next_ko: str = "", next_en: str = "") -> None:
        super().__init__(code)
        self.finding = (code, ko, en, next_ko, next_en)


def judge_command(task: MbpollTask, command: str) -> None:
    """Nothing if ``command`` does ``task`` against ``factorylab sim`` on this PC; else raises :class:`_Wrong`."""
    parsed = parse_mbpoll(command)
    if parsed is None:
        raise _Wrong(
            "not_mbpoll",
            "mbpoll 명령이 아닙니다 (명령은 `mbpoll`로 시작합니다).",
            "this is not an mbpoll command (it starts with mbpoll)",
            "터미널에 치는 모양 그대로 쓰세요: `mbpoll -m tcp -p 5020 (옵션) 127.0.0.1`",
            "write it as you would type it in a terminal: mbpoll -m tcp -p 5020 (options) 127.0.0.1",
        )
    if parsed.unknown:
        bad = parsed.unknown[0]
        raise _Wrong(
            "unknown_option",
            f"mbpoll에는 `{bad}` 옵션이 없습니다.",
            f"mbpoll has no option {bad}",
            "`mbpoll -h`로 옵션 목록을 보세요.",
            "see the options with mbpoll -h",
        )
    options, flags = parsed.options, parsed.flags
    if options.get("m", "tcp").lower() != "tcp":
        raise _Wrong(
            "rtu_mode",
            f"`-m {options['m']}`은 직렬(RTU) 통신입니다: 시뮬레이터는 Modbus TCP로 답합니다.",
            f"-m {options['m']} is serial (RTU): the simulator answers Modbus TCP",
            "`-m tcp`로 쓰거나 빼세요 (TCP가 기본값).",
            "write -m tcp or leave it out (TCP is the default)",
        )
    port = options.get("p")
    if port is None:
        raise _Wrong(
            "default_port",
            "`-p`가 없어 mbpoll이 기본 포트 502로 연결합니다: 시뮬레이터는 5020에서 기다립니다.",
            "without -p mbpoll connects to the default port 502: the simulator listens on 5020",
            "`-p 5020`을 넣으세요.",
            "add -p 5020",
        )
    if _as_int(port) != SIM_PORT:
        raise _Wrong(
            "wrong_port",
            f"포트 `{port}`에는 시뮬레이터가 없습니다: `factorylab sim`은 {SIM_PORT}번 포트에서 기다립니다.",
            f"no simulator listens on port {port}: factorylab sim listens on {SIM_PORT}",
            f"`-p {SIM_PORT}` 옵션을 쓰세요.",
            f"use -p {SIM_PORT}",
        )
    host = parsed.host
    if host is None:
        raise _Wrong(
            "no_host",
            "어느 컴퓨터에 물을지(호스트) 없습니다.",
            "the command does not say which computer to ask (the host)",
            "옵션 뒤에 `127.0.0.1`(이 컴퓨터)을 쓰세요.",
            "put 127.0.0.1 (this computer) after the options",
        )
    if _is_number(host):
        raise _Wrong(
            "value_before_host",
            f"호스트 자리에 숫자가 있습니다(`{host}`): mbpoll은 호스트를 먼저, 쓸 값을 그 뒤에 받습니다.",
            f"the number {host} stands where the host goes: mbpoll takes the host first, then the values to write",
            "순서를 `... 127.0.0.1 값`으로 바꾸세요.",
            "put them in the order ... 127.0.0.1 value",
        )
    unit = _as_int(options.get("a", "1"))
    if unit not in (1, 255):
        raise _Wrong(
            "wrong_unit_id",
            f"`-a {options.get('a')}`: 시뮬레이터의 유닛(슬레이브) ID는 1이라 예외 0B가 옵니다.",
            f"-a {options.get('a')}: the simulator's unit (slave) id is 1, so it answers exception 0B",
            "`-a`를 빼세요 (기본값 1).",
            "leave -a out (1 is the default)",
        )
    _judge_table(task, options.get("t"))
    _judge_reference(task, options, flags)
    _judge_count_and_values(task, options, flags, parsed.values)


def _judge_table(task: MbpollTask, given: str | None) -> None:
    table = task.table
    want = MBPOLL_TABLE[table]
    if given is None:
        if table == "holding_register":
            return
        raise _Wrong(
            "default_table",
            f"`-t`가 없어 mbpoll이 기본값인 홀딩 레지스터(-t 4)를 읽습니다: `{task.first.name}`의 테이블은 "
            f"{TABLE_KO[table]}입니다.",
            f"without -t mbpoll uses its default, the holding registers (-t 4): {task.first.name} is {_a(table)}",
            f"`-t {want}` 옵션을 넣으세요.",
            f"add -t {want}",
        )
    kind, _, form = given.partition(":")
    if kind == want and form in ("", "hex"):
        return
    if kind == want:
        raise _Wrong(
            "wrong_data_type",
            f"`-t {given}` 형식은 레지스터 두 개를 32비트 값 하나로 읽습니다: `{task.first.name}`의 형식은 16비트입니다.",
            f"-t {given} reads two registers as one 32-bit value: {task.first.name} is a 16-bit value",
            f"맞는 옵션은 `-t {want}`입니다.",
            f"use -t {want}",
        )
    other = TABLE_OF_T.get(kind)
    if other is None:
        raise _Wrong(
            "wrong_table",
            f"없는 테이블 번호입니다(`-t {given}`): 0 코일, 1 입력 비트, 3 입력 레지스터, 4 홀딩 레지스터입니다.",
            f"there is no table -t {given}: 0 coil, 1 discrete input, 3 input register, 4 holding register",
            f"`{task.first.name}`의 테이블은 {TABLE_KO[table]}, `-t {want}`입니다.",
            f"{task.first.name} is {_a(table)}: -t {want}",
        )
    if {table, other} == {"coil", "discrete_input"}:
        raise _Wrong(
            "coil_vs_input",
            f"고른 테이블이 {TABLE_KO[other]}입니다(`-t {kind}`): 코일은 PLC가 쓰는 출력, 입력 비트는 센서가 주는 입력이라 "
            f"`{task.first.name}`의 테이블은 {TABLE_KO[table]}입니다.",
            f"-t {kind} is the {TABLE_EN[other]}s: coils are outputs the PLC writes, discrete inputs come from "
            f"sensors, so {task.first.name} is {_a(table)}",
            f"맞는 옵션은 `-t {want}`입니다.",
            f"use -t {want}",
        )
    if {table, other} == {"input_register", "holding_register"}:
        raise _Wrong(
            "input_vs_holding",
            f"고른 테이블이 {TABLE_KO[other]}입니다(`-t {kind}`): 측정값은 입력 레지스터(3), 설정값은 홀딩 레지스터(4)라 "
            f"`{task.first.name}`의 테이블은 {TABLE_KO[table]}입니다.",
            f"-t {kind} is the {TABLE_EN[other]}s: measurements are input registers (3), settings holding "
            f"registers (4), so {task.first.name} is {_a(table)}",
            f"맞는 옵션은 `-t {want}`입니다.",
            f"use -t {want}",
        )
    raise _Wrong(
        "bits_vs_registers",
        f"고른 테이블이 {TABLE_KO[other]}입니다(`-t {kind}`): `{task.first.name}`의 테이블은 {TABLE_KO[table]}입니다 "
        f"(비트와 16비트 레지스터는 다른 테이블).",
        f"-t {kind} is the {TABLE_EN[other]}s: {task.first.name} is {_a(table)} (bits and 16-bit "
        "registers are different tables)",
        f"맞는 옵션은 `-t {want}`입니다.",
        f"use -t {want}",
    )


def _judge_reference(task: MbpollTask, options: dict[str, str], flags: set[str]) -> None:
    zero = "0" in flags
    name, address, table = task.first.name, task.address, task.table
    if task.zero is False and zero:
        raise _Wrong(
            "used_zero_flag",
            "이 과제는 `-0` 없이 1부터 세는 번호로 읽는 과제입니다.",
            "this task reads without -0, with the numbers counted from 1",
            f"`-0`을 빼고 `-r`에 주소 {address}에 1을 더한 번호를 쓰세요.",
            f"leave -0 out and give -r the address {address} plus 1",
        )
    given = options.get("r")
    if given is None:
        raise _Wrong(
            "no_reference",
            "`-r`이 없어 mbpoll이 기본값 1(-0이 있으면 0)부터 읽습니다.",
            "without -r mbpoll starts at its default 1 (0 with -0)",
            f"`{name}`의 주소(`line.info('{name}')`)로 `-r`을 쓰세요.",
            f"give -r from {name}'s address (line.info('{name}'))",
        )
    reference = _as_int(given)
    right = address if zero else address + 1
    if reference == right:
        return
    reaches_ko, reaches_en = _what_is_at(table, (reference if zero else (reference or 0) - 1))
    if reference in _notation_numbers(task.first) and table != "coil":
        raise _Wrong(
            "notation_as_reference",
            f"`-r {given}`: 교재 표기({task.first.notation})를 그대로 넣었지만, 맨 앞자리는 테이블 표시일 뿐이고 "
            "테이블은 `-t`로 고릅니다.",
            f"-r {given}: you gave the textbook notation ({task.first.notation}); its first digit only names the "
            "table, which -t chooses",
            f"`-0`과 함께 0부터 센 주소(`-r {address}`), 또는 `-0` 없이 1부터 센 번호(`-r {address + 1}`)를 쓰세요.",
            f"use the 0-based address -r {address} with -0, or -r {address + 1} without -0",
        )
    if not zero and reference == address:
        raise _Wrong(
            "missing_zero_flag",
            f"`-0` 없이 쓴 `-r {reference}`: 1부터 센 번호라 {reaches_ko}에 닿습니다 (하나 어긋남).",
            f"without -0, -r {reference} counts from 1 and reaches {reaches_en} (off by one)",
            f"`-0`을 넣거나, 1부터 센 번호(`-r {address + 1}`)를 쓰세요.",
            f"add -0, or use -r {address + 1}",
        )
    if zero and reference == address + 1:
        raise _Wrong(
            "extra_one",
            f"`-0`과 함께 쓴 `-r {reference}`: 0부터 센 주소라 {reaches_ko}에 닿습니다 (하나 어긋남).",
            f"with -0, -r {reference} is a 0-based address and reaches {reaches_en} (off by one)",
            f"`-0`이 있으면 주소를 그대로 씁니다: `-r {address}`.",
            f"with -0 give the address as it is: -r {address}",
        )
    raise _Wrong(
        "wrong_reference",
        f"`-r {given}` 옵션은 {reaches_ko}에 닿습니다: `{name}`의 주소는 {address}입니다.",
        f"-r {given} reaches {reaches_en}: {name} is at address {address}",
        f"`line.info('{name}')`로 주소를 확인하세요.",
        f"look the address up with line.info('{name}')",
    )


def _notation_numbers(tag: Tag) -> set[int]:
    """The textbook numbers of a tag as plain numbers, five and six digits (40301, 400301)."""
    prefix, number = NOTATION_PREFIX[tag.table], tag.address + 1
    return {prefix * 10000 + number, prefix * 100000 + number}


def _judge_count_and_values(task: MbpollTask, options: dict[str, str], flags: set[str], values: list[str]) -> None:
    name = task.first.name
    count = _as_int(options.get("c", "1"))
    if task.value is None:
        if values:
            raise _Wrong(
                "writes_on_read",
                f"호스트 뒤에 쓴 `{' '.join(values)}`: 쓸 값이라 이 명령은 읽지 않고 씁니다.",
                f"{' '.join(values)} after the host are values to write: this command writes instead of reading",
                "읽을 때는 호스트 뒤에 아무것도 쓰지 마세요.",
                "to read, put nothing after the host",
            )
        if count != task.count:
            shown = ", ".join(f"`{n}`" for n in task.tags)
            code = "count_missing" if "c" not in options else "wrong_count"
            raise _Wrong(
                code,
                f"개수가 {count}개입니다: 태그 {len(task.tags)}개({shown})를 한 번에 읽으려면 {task.count}개입니다.",
                f"the count is {count}: reading {', '.join(task.tags)} in one request takes {task.count}",
                f"맞는 개수는 `-c {task.count}`입니다.",
                f"use -c {task.count}",
            )
        if "1" not in flags:
            raise _Wrong(
                "poll_forever",
                "`-1`이 없어 mbpoll이 1초마다 끝없이 다시 읽습니다 (Ctrl+C로 멈춤).",
                "without -1 mbpoll reads again every second, forever (Ctrl+C stops it)",
                "한 번만 읽으려면 `-1`을 넣으세요.",
                "add -1 to read once",
            )
        return
    if not values:
        raise _Wrong(
            "no_write_value",
            "쓸 값이 없습니다: 호스트 뒤에 값이 없으면 mbpoll은 읽기만 합니다.",
            "there is no value to write: with nothing after the host, mbpoll only reads",
            f"호스트 뒤에 쓸 값 `{task.raw}`을 넣으세요.",
            f"put {task.raw} after the host",
        )
    written = _as_int(values[0])
    if len(values) != 1 or written != task.raw:
        unit = f" {task.first.unit}" if task.first.unit else ""
        raise _Wrong(
            "wrong_write_value",
            f"쓰는 값이 `{' '.join(values)}`입니다: `{name}`에 {task.value:g}{unit} 쓰기는 레지스터 값 "
            f"{task.raw} 하나입니다.",
            f"the value written is {' '.join(values)}: {task.value:g}{unit} for {name} is the register value "
            f"{task.raw}, once",
            "mbpoll은 숫자만 씁니다 (켜기 = 1, 끄기 = 0; 배율이 있으면 값 × 배율).",
            "write a number: on = 1, off = 0 (with a scale, value x scale)",
        )
    if count not in (None, 1) and "c" in options:
        raise _Wrong(
            "wrong_count",
            f"`-c {count}`: 값 하나를 쓰는데 개수가 {count}입니다.",
            f"-c {count}: one value is written but the count is {count}",
            "쓰기에서는 `-c`를 빼세요 (값의 개수만큼 씁니다).",
            "leave -c out when writing (mbpoll writes as many values as you give)",
        )


@register
class MbpollCommands(Check):
    """Each task's mbpoll command line, judged by its options against the tag table (mbpoll not needed)."""

    name = "mbpoll_commands"
    title = ("mbpoll 명령 만들기: 테이블, 주소, -0, 개수", "mbpoll commands: table, reference, -0, count")
    kind = "quiz"
    count = 1

    def judge(self, answer: Any, seeds: list[int], **options: Any) -> CheckResult:
        if not isinstance(answer, dict):
            return self.result(
                False,
                [
                    Finding(
                        "not_a_dict",
                        "답은 {과제: 'mbpoll ...'} 모양의 사전(dict)으로 주세요.",
                        "give your answers as a dict {task: 'mbpoll ...'}",
                    )
                ],
            )
        findings: list[Finding] = []
        items: list[Item] = []
        for key in answer:
            if key not in _TASKS_BY_KEY:
                findings.append(
                    Finding(
                        "unknown_item",
                        f"이 과제에 없는 항목입니다: '{key}'.",
                        f"'{key}' is not one of the tasks",
                        f"항목 이름은 {', '.join(_TASKS_BY_KEY)}입니다.",
                        f"the tasks are {', '.join(_TASKS_BY_KEY)}",
                    )
                )
        missing = []
        for task in MBPOLL_TASKS:
            command = answer.get(task.key)
            if command is None or (isinstance(command, str) and not command.strip()):
                missing.append(task.key)
                items.append(Item(task.key, "—", False, "답이 없습니다", "no answer"))
                continue
            if not isinstance(command, str):
                items.append(Item(task.key, repr(command), False, "명령은 글자입니다", "a command is text"))
                findings.append(
                    Finding(
                        "not_text",
                        f"'{task.key}'의 답은 글자(따옴표 안의 명령)여야 합니다 (받은 것: {command!r}).",
                        f"the answer for '{task.key}' must be text (the command in quotes; got {command!r})",
                    )
                )
                continue
            try:
                judge_command(task, command)
            except _Wrong as wrong:
                code, ko, en, next_ko, next_en = wrong.finding
                items.append(Item(task.key, command, False, ko, en))
                findings.append(Finding(code, f"'{task.key}': {ko}", f"'{task.key}': {en}", next_ko, next_en))
                continue
            items.append(Item(task.key, command, True))
        if missing:
            findings.append(
                Finding(
                    "missing",
                    f"답하지 않은 과제 {len(missing)}개: {', '.join(missing)}.",
                    f"you did not answer {len(missing)} task(s): {', '.join(missing)}",
                    f"과제 {len(MBPOLL_TASKS)}개에 모두 명령을 쓰세요.",
                    f"write a command for all {len(MBPOLL_TASKS)} tasks",
                )
            )
        right = sum(item.right for item in items)
        notes = [(f"{len(items)}개 중 {right}개 맞음", f"{right} of {len(items)} right")]
        return self.result(not findings, findings, seeds=1, items=items, notes=notes)


# --- address notation --------------------------------------------------------------------------------------

#: forward items: textbook address -> (table, 0-based address); reverse items: tag -> textbook address
NOTATION_ITEMS = ("40301", "30301", "10303", "00301", "00001", "40001", "300022", "400101")
REVERSE_ITEMS = ("oven.heater", "panel.start")

_TABLE_ALIASES = {
    **{table: table for table in TABLES},
    **{table.replace("_", " "): table for table in TABLES},
    **{table.replace("_", ""): table for table in TABLES},
    "co": "coil", "coils": "coil", "di": "discrete_input", "input bit": "discrete_input",
    "ir": "input_register", "hr": "holding_register", "코일": "coil", "입력 비트": "discrete_input",
    "입력비트": "discrete_input", "입력 레지스터": "input_register", "입력레지스터": "input_register",
    "홀딩 레지스터": "holding_register", "홀딩레지스터": "holding_register",
}  # fmt: skip


def parse_pair(answer: Any) -> tuple[str, int] | None:
    """(table, address) from ``("holding_register", 300)``, ``["hr", 300]`` or ``"holding_register 300"``."""
    if isinstance(answer, str):
        text = answer.strip().replace(",", " ").replace(":", " ")
        head, _, tail = text.rpartition(" ")
        answer = (head.strip(), tail.strip())
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return None
    table_text, address = answer
    if not isinstance(table_text, str):
        return None
    table = _TABLE_ALIASES.get(table_text.strip().lower())
    if isinstance(address, str):
        address = address.strip()
        if not address.isdigit():
            return None
        address = int(address)
    number = _number(address)
    if table is None or number is None or not float(number).is_integer():
        return None
    return table, int(number)


def _notation_text(answer: Any) -> str | None:
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int):
        return f"{answer:05d}"
    if isinstance(answer, str):
        return answer.strip()
    return None


@register
class AddressNotation(Check):
    """Textbook addresses (00001/10001/30001/40001, five and six digits) to (table, 0-based address) and back."""

    name = "address_notation"
    title = ("주소 표기 ↔ 0부터 세는 주소", "address notation and 0-based addresses")
    kind = "quiz"
    count = 1

    def judge(self, answer: Any, seeds: list[int], **options: Any) -> CheckResult:
        if not isinstance(answer, dict):
            return self.result(
                False,
                [
                    Finding(
                        "not_a_dict",
                        "답은 {항목: 답} 모양의 사전(dict)으로 주세요.",
                        "give your answers as a dict {item: answer}",
                    )
                ],
            )
        findings: list[Finding] = []
        items: list[Item] = []
        known = set(NOTATION_ITEMS) | set(REVERSE_ITEMS)
        for key in answer:
            if key not in known:
                findings.append(
                    Finding(
                        "unknown_item",
                        f"이 퀴즈에 없는 항목입니다: '{key}'.",
                        f"'{key}' is not one of this quiz's items",
                        "항목 이름은 따옴표 안의 글자 그대로 두세요 (예: '00301'의 앞 0도).",
                        "keep the item names as they are, in quotes (the leading 0s of '00301' too)",
                    )
                )
        missing = []
        for key in NOTATION_ITEMS + REVERSE_ITEMS:
            given = answer.get(key)
            if given is None:
                missing.append(key)
                items.append(Item(key, "—", False, "답이 없습니다", "no answer"))
                continue
            problem = self._forward(key, given) if key in NOTATION_ITEMS else self._reverse(key, given)
            if problem is None:
                items.append(Item(key, given, True))
                continue
            code, ko, en, next_ko, next_en = problem
            items.append(Item(key, given, False, ko, en))
            findings.append(
                Finding(code, f"'{key}' → {given!r}: {ko}", f"'{key}' -> {given!r}: {en}", next_ko, next_en)
            )
        if missing:
            findings.append(
                Finding(
                    "missing",
                    f"답하지 않은 항목 {len(missing)}개: {', '.join(missing)}.",
                    f"you did not answer {len(missing)} item(s): {', '.join(missing)}",
                    "항목 10개에 모두 답하세요.",
                    "answer all 10 items",
                )
            )
        right = sum(item.right for item in items)
        notes = [(f"{len(items)}개 중 {right}개 맞음", f"{right} of {len(items)} right")]
        return self.result(not findings, findings, seeds=1, items=items, notes=notes)

    def _forward(self, key: str, given: Any) -> tuple[str, str, str, str, str] | None:
        table, address = parse_notation(key)
        pair = parse_pair(given)
        if pair is None:
            return (
                "not_a_pair",
                "(테이블, 주소) 모양이 아닙니다.",
                "this is not a (table, address) pair",
                "예: ('holding_register', 5)처럼 테이블 이름과 0부터 센 주소를 쓰세요.",
                "write the table's name and the 0-based address, e.g. ('holding_register', 5)",
            )
        given_table, given_address = pair
        if pair == (table, address):
            return None
        prefix = key[0]
        if given_table == table:
            if given_address == address + 1:
                return (
                    "off_by_one",
                    f"표기는 1부터, 통신 주소는 0부터 셉니다: {key} = {TABLE_KO[table]} {address}.",
                    f"the notation counts from 1, the wire from 0: {key} is {TABLE_EN[table]} {address}",
                    "번호에서 1을 빼세요.",
                    "subtract 1 from the number",
                )
            if given_address in (int(key), int(key) - 1):
                return (
                    "prefix_kept",
                    f"맨 앞자리 {prefix}: 테이블 표시라 주소에 넣지 않습니다.",
                    f"the leading {prefix} only names the table; it is not part of the address",
                    "앞자리를 떼고 남은 번호에서 1을 빼세요.",
                    "drop the leading digit and subtract 1 from what is left",
                )
            if len(key) == 6 and given_address == int(key[1:5]) - 1:
                return (
                    "six_digits",
                    "여섯 자리 표기를 다섯 자리처럼 읽었습니다: 앞의 한 자리가 테이블, 뒤의 다섯 자리가 번호입니다.",
                    "you read a six-digit reference as five digits: the first digit is the table, the last five the "
                    "number",
                    f"{key[1:]}에서 1을 빼세요.",
                    f"subtract 1 from {key[1:]}",
                )
        elif {table, given_table} == {"input_register", "holding_register"}:
            return (
                "input_vs_holding",
                "3으로 시작하면 입력 레지스터(읽기 전용 측정값), 4로 시작하면 홀딩 레지스터(설정값)입니다.",
                "3xxxx is an input register (a read-only measurement), 4xxxx a holding register (a setting)",
                "첫 자리로 테이블을 고르세요.",
                "choose the table by the first digit",
            )
        elif {table, given_table} == {"coil", "discrete_input"}:
            return (
                "coil_vs_input",
                "0으로 시작하면 코일(PLC가 쓰는 출력), 1로 시작하면 입력 비트(센서)입니다.",
                "0xxxx is a coil (an output the PLC writes), 1xxxx a discrete input (a sensor)",
                "첫 자리로 테이블을 고르세요.",
                "choose the table by the first digit",
            )
        return (
            f"wrong:{key}",
            f"{key} = {TABLE_KO[table]} {address}.",
            f"{key} is {TABLE_EN[table]} {address}",
            "첫 자리는 테이블(0 코일, 1 입력 비트, 3 입력 레지스터, 4 홀딩 레지스터), 나머지 번호 - 1이 주소입니다.",
            "the first digit is the table (0 coil, 1 discrete input, 3 input register, 4 holding register); the "
            "rest minus 1 is the address",
        )

    def _reverse(self, key: str, given: Any) -> tuple[str, str, str, str, str] | None:
        tag = ALL_TAGS[key]
        text = _notation_text(given)
        try:
            table, address = parse_notation(text) if text is not None else (None, None)
        except ValueError:
            table = address = None
        if table is None:
            return (
                "not_a_notation",
                "다섯 자리(또는 여섯 자리) 교재 표기가 아닙니다.",
                "this is not a five- (or six-) digit textbook reference",
                "예: 홀딩 레지스터 주소 5는 '40006'입니다.",
                "e.g. holding register address 5 is '40006'",
            )
        if (table, address) == (tag.table, tag.address):
            return None
        if table == tag.table and address == tag.address - 1:
            return (
                "forgot_plus_one",
                f"`{key}`의 주소는 {tag.address}, 표기는 1부터 세므로 {tag.address + 1}번입니다.",
                f"{key} is at address {tag.address}; the notation counts from 1, so it is number {tag.address + 1}",
                "주소에 1을 더한 뒤 테이블의 앞자리를 붙이세요.",
                "add 1 to the address, then put the table's digit in front",
            )
        if address == tag.address and table != tag.table:
            return (
                "wrong_prefix",
                f"`{key}`의 테이블은 {TABLE_KO[tag.table]}라서 앞자리가 {NOTATION_PREFIX[tag.table]}입니다.",
                f"{key} is {_a(tag.table)}, so the first digit is {NOTATION_PREFIX[tag.table]}",
                "`line.info()`로 테이블을 확인하세요.",
                "check the table with line.info()",
            )
        return (
            f"wrong:{key}",
            f"`{key}`: {TABLE_KO[tag.table]} {tag.address}, 표기로는 {tag.notation}입니다.",
            f"{key} is {TABLE_EN[tag.table]} {tag.address}, so it is {tag.notation}",
            "`line.info()`로 테이블과 주소를 확인하세요.",
            "check the table and address with line.info()",
        )


# --- decoding words ------------------------------------------------------------------------------------------

KINDS = ("uint16", "int16", "uint32", "float32")
#: a signed 16-bit tag (the line has none): a freezer room's temperature, another vendor's device
FREEZER = replace(
    ALL_TAGS["oven.temperature"],
    name="freezer.temperature",
    type="int16",
    min=-50.0,
    max=50.0,
    description_en="freezer room temperature (another vendor's device)",
    description_ko="냉동실 온도 (다른 회사의 장비)",
)


def _raw(words: list[int], kind: str, *, signed: bool = True, order: str = "ABCD", high: int = 65536) -> float:
    """The raw number in ``words`` (a float for float32)."""
    if kind in ("uint16", "int16"):
        value = words[0]
        return value - 65536 if signed and kind == "int16" and value >= 32768 else value
    first, second = (words[0], words[1]) if order == "ABCD" else (words[1], words[0])
    if kind == "float32":
        return struct.unpack(">f", struct.pack(">HH", first, second))[0]
    return first * high + second


def _true(words: list[int], kind: str, scale: float) -> float:
    return _raw(words, kind) / scale


def _cdab(words, kind, scale):
    return _raw(words, kind, order="CDAB") / scale


def _unsigned(words, kind, scale):
    if kind != "int16":
        return _true(words, kind, scale)
    return _raw(words, kind, signed=False) / scale


def _no_scale(words, kind, scale):
    return _raw(words, kind)


def _times_scale(words, kind, scale):
    return _raw(words, kind) * scale


def _times_65535(words, kind, scale):
    if kind != "uint32":
        return _true(words, kind, scale)
    return _raw(words, kind, high=65535) / scale


def _first_word(words, kind, scale):
    if kind in ("uint32", "float32"):
        return words[0] / scale
    return _true(words, kind, scale)


def _float_as_integer(words, kind, scale):
    if kind != "float32":
        return _true(words, kind, scale)
    return (words[0] * 65536 + words[1]) / scale


def _integer_division(words, kind, scale):
    raw = _raw(words, kind)
    return raw if kind == "float32" else raw // scale


@register
class DecodeWords(ValueCheck):
    """``decode(words, kind, scale)``: register words to the engineering value (16-bit scaled, uint32, float32)."""

    name = "decode_words"
    title = ("레지스터 워드를 값으로 풀기", "decoding register words into values")
    function = "decode"
    count = 2
    tolerance = 1e-6
    recognisers = (
        Recogniser(
            "word_order_cdab",
            _cdab,
            "32비트 값의 두 워드를 거꾸로(하위 워드 먼저, CDAB) 붙였습니다: 이 라인은 상위 워드를 먼저 보냅니다.",
            "you joined the two words of a 32-bit value the other way round (low word first, CDAB): this line "
            "sends the high word first",
            "값 = 첫 워드 × 65536 + 둘째 워드로 쓰세요.",
            "use value = first word x 65536 + second word",
        ),
        Recogniser(
            "unsigned_int16",
            _unsigned,
            "int16 값을 부호 없는 수로 읽었습니다: 32768 이상인 워드는 음수입니다 (워드 - 65536).",
            "you read an int16 as unsigned: a word of 32768 or more is negative (word - 65536)",
            "kind가 'int16'이고 워드가 32768 이상이면 65536을 빼세요.",
            "when kind is 'int16' and the word is 32768 or more, subtract 65536",
        ),
        Recogniser(
            "forgot_scale",
            _no_scale,
            "배율로 나누지 않았습니다: 레지스터에는 값 × 배율이 들어 있습니다.",
            "you did not divide by the scale: the register holds value x scale",
            "마지막에 scale로 나누세요.",
            "divide by scale at the end",
        ),
        Recogniser(
            "multiplied_scale",
            _times_scale,
            "배율을 곱했습니다: 보낼 때 곱했으니 받을 때는 나눕니다.",
            "you multiplied by the scale: the sender multiplied, so the receiver divides",
            "scale로 나누세요.",
            "divide by scale",
        ),
        Recogniser(
            "times_65535",
            _times_65535,
            "상위 워드에 65535를 곱했습니다: 16비트 한 워드는 0~65535, 곧 65536가지라 자리값은 65536입니다.",
            "you multiplied the high word by 65535: one 16-bit word has 65536 values (0-65535), so its place value "
            "is 65536",
            "상위 워드 × 65536 + 하위 워드로 쓰세요.",
            "use high word x 65536 + low word",
        ),
        Recogniser(
            "first_word_only",
            _first_word,
            "32비트 값에서 첫 워드만 썼습니다: 값은 레지스터 두 개에 걸쳐 있습니다.",
            "you used only the first word of a 32-bit value: the value spans two registers",
            "두 워드를 모두 써서 32비트 값을 만드세요.",
            "build the 32-bit value from both words",
        ),
        Recogniser(
            "float_as_integer",
            _float_as_integer,
            "float32를 정수처럼 붙였습니다: 실수의 32비트는 부호·지수·가수로 된 IEEE 754 형식입니다.",
            "you joined a float32 like an integer: its 32 bits are an IEEE 754 sign, exponent and fraction",
            "struct.unpack('>f', struct.pack('>HH', 상위, 하위))로 바꾸세요.",
            "convert with struct.unpack('>f', struct.pack('>HH', high, low))",
        ),
        Recogniser(
            "integer_division",
            _integer_division,
            "정수 나눗셈(//)을 써서 소수점 아래가 잘렸습니다.",
            "you used integer division (//), which cuts off the decimals",
            "나눗셈은 /를 쓰세요.",
            "divide with /, not //",
        ),
    )

    def cases(self, seed: int) -> list[Case]:
        """Six words of real tags (and one signed value), drawn per seed; the truth is the tag table's decode."""
        rng = random.Random(f"{self.name}|{seed}")
        chosen = [
            (ALL_TAGS["oven.temperature"], round(rng.uniform(25.0, 390.0), 1)),
            (ALL_TAGS["conveyor1.current"], round(rng.uniform(0.5, 4.5), 2)),
            (FREEZER, round(rng.uniform(-30.0, -1.0), 1)),
            (ALL_TAGS["production.parts_in"], rng.randrange(70_000, 5_000_000)),
            (ALL_TAGS["production.run_time"], round(rng.uniform(7_000.0, 400_000.0), 1)),
            (ALL_TAGS["oven.temperature_float"], rng.uniform(25.0, 390.0)),
        ]
        cases = []
        for tag, value in chosen:
            words = tag.encode(value)
            cases.append(Case((words, tag.type, tag.scale), float(tag.decode(words)), _case_label(words, tag)))
        return cases

    def close(self, given: float, truth: float) -> bool:
        return abs(given - truth) <= max(self.tolerance, 1e-6 * abs(truth))

    def _recognise(self, cases: list[Case], given: list[float]) -> Finding | None:
        found = super()._recognise(cases, given)
        if found is not None:
            return found
        # two mistakes at once (CDAB and no scale ...): name the one of the first wrong value's kind
        first = next(i for i, (case, g) in enumerate(zip(cases, given, strict=True)) if not self.close(g, case.truth))
        kind = cases[first].inputs[1]
        same = [(case, g) for case, g in zip(cases, given, strict=True) if case.inputs[1] == kind]
        found = super()._recognise([c for c, _ in same], [g for _, g in same])
        # else the mistake the first wrong value shows (fixing it shows the next one)
        return found or super()._recognise([cases[first]], [given[first]])


def _case_label(words: list[int], tag: Tag) -> str:
    scale = int(tag.scale) if float(tag.scale).is_integer() else tag.scale
    return f"{words}, '{tag.type}', {scale}"


# --- exception codes ------------------------------------------------------------------------------------------

EXCEPTION_CHOICES = ("01", "02", "03", "04", "0B", "timeout")
_TIMEOUT_WORDS = {"timeout", "time out", "no answer", "none", "타임아웃", "응답 없음", "응답없음", "무응답"}

_MEANING = {
    "01": ("01 Illegal function: 그 테이블이나 기능 코드로는 그 일을 할 수 없음",
           "01 Illegal function: that table or function code cannot do it"),
    "02": ("02 Illegal data address: 주소표에 없는 주소", "02 Illegal data address: an address not in the map"),
    "03": ("03 Illegal data value: 그 값이나 개수를 받을 수 없음",
           "03 Illegal data value: that value or count cannot be taken"),
    "04": ("04 Server device failure: 서버 안의 고장", "04 Server device failure: the server itself broke"),
    "0B": ("0B: 그 유닛 ID의 장치가 답하지 않음", "0B: no device answers for that unit id"),
    "timeout": ("타임아웃: 아무도 답하지 않음 (예외 코드도 오지 않음)",
                "timeout: nobody answers (not even an exception)"),
}  # fmt: skip


@dataclass(frozen=True)
class Request:
    """One request of the quiz: what it is, and how to provoke it on a local line (None: not locally)."""

    key: str
    ko: str
    en: str
    why_ko: str
    why_en: str
    provoke: Any = None  # line -> None (raises ModbusError); None for fixed answers
    fixed: str | None = None


def _speed_too_high(line) -> None:
    tag = ALL_TAGS["conveyor1.speed"]
    line.raw.write(tag.table, tag.address, int(tag.max * tag.scale) + 50)


def _past_the_map(line) -> None:
    tag = ALL_TAGS["conveyor1.current"]
    line.raw.read(tag.table, tag.address, count=10)


EXCEPTION_REQUESTS: tuple[Request, ...] = (
    Request(
        "write_discrete_input",
        "입력 비트 301(`conveyor1.photo_eye_infeed`)에 1 쓰기",
        "write 1 to discrete input 301 (conveyor1.photo_eye_infeed)",
        "입력 비트를 쓰는 기능 코드는 없습니다: 센서 값은 PLC가 바꾸는 것이 아닙니다",
        "no function code writes discrete inputs: a sensor's value is not the PLC's to change",
        lambda line: line.raw.write("discrete_input", ALL_TAGS["conveyor1.photo_eye_infeed"].address, 1),
    ),
    Request(
        "read_unmapped",
        "홀딩 레지스터 50 읽기",
        "read holding register 50",
        "주소 50에는 태그가 없습니다",
        "no tag lives at address 50",
        lambda line: line.raw.read("holding_register", 50),
    ),
    Request(
        "read_past_the_map",
        "입력 레지스터 300부터 10개 읽기 (conveyor1은 300~302)",
        "read 10 input registers from 300 (conveyor1 has 300-302)",
        "303~309가 주소표에 없어 요청 전체가 거절됩니다",
        "303-309 are not in the map, so the whole request is refused",
        _past_the_map,
    ),
    Request(
        "oven_on_conveyor",
        "`conveyor` 시나리오의 시뮬레이터에서 입력 레지스터 700(`oven.temperature`) 읽기",
        "read input register 700 (oven.temperature) from a simulator running the conveyor scenario",
        "이 시나리오에는 오븐이 없어 그 주소도 없습니다",
        "this scenario has no oven, so it has no such address",
        lambda line: line.raw.read("input_register", ALL_TAGS["oven.temperature"].address),
    ),
    Request(
        "speed_150",
        "홀딩 레지스터 300(`conveyor1.speed`, 0~100 %)에 150 쓰기",
        "write 150 to holding register 300 (conveyor1.speed, 0-100 %)",
        "주소는 있지만 150은 범위 밖의 값입니다",
        "the address exists but 150 is out of range",
        _speed_too_high,
    ),
    Request(
        "write_read_only",
        "홀딩 레지스터 0(`system.sim_time`, 읽기 전용)에 5 쓰기",
        "write 5 to holding register 0 (system.sim_time, read-only)",
        "FactoryLab은 읽기 전용 태그에 쓰는 값을 받지 않습니다",
        "FactoryLab does not take a value for a read-only tag",
        lambda line: line.raw.write("holding_register", ALL_TAGS["system.sim_time"].address, 5),
    ),
    Request(
        "coil_value_2",
        "코일 300(`conveyor1.run`)에 2 쓰기",
        "write 2 to coil 300 (conveyor1.run)",
        "코일은 0 또는 1만 받습니다",
        "a coil takes 0 or 1 only",
        lambda line: line.raw.write("coil", ALL_TAGS["conveyor1.run"].address, 2),
    ),
    Request(
        "read_200_registers",
        "홀딩 레지스터 0부터 200개를 한 번에 읽기",
        "read 200 holding registers from 0 in one request",
        "한 요청으로는 레지스터를 125개까지만 읽으니 개수가 잘못된 값입니다",
        "one request reads at most 125 registers, so the count is a wrong value",
        lambda line: line.raw.read("holding_register", 0, count=200),
    ),
    Request(
        "unit_id_5",
        "유닛 ID 5로 묻기 (시뮬레이터는 1)",
        "ask with unit id 5 (the simulator is 1)",
        "게이트웨이처럼 그 유닛의 장치가 없다고 답합니다",
        "like a gateway it answers that no device of that unit responds",
        fixed="0B",
    ),
    Request(
        "simulator_stopped",
        "시뮬레이터를 끈 뒤 읽기",
        "read after the simulator was closed",
        "듣는 서버가 없으니 예외 코드를 보낼 서버도 없습니다",
        "no server listens, so no server can send an exception code",
        fixed="timeout",
    ),
)


def provoke(request: Request, line) -> str:
    """The answer a local line gives ``request``: the exception code ('01'...) or 'ok'."""
    from factorylab.errors import ModbusError

    try:
        request.provoke(line)
    except ModbusError as error:
        return f"{error.code:02X}"
    return "ok"


@register
class ExceptionCodes(QuizCheck):
    """Which exception (01, 02, 03, 0B) or no answer (timeout) each request gets, with the reason per wrong item."""

    name = "exception_codes"
    title = ("Modbus 예외 코드와 타임아웃", "Modbus exception codes and timeouts")
    choices = EXCEPTION_CHOICES
    noun = ("요청", "request")

    @cached_property
    def questions(self) -> tuple[Question, ...]:  # type: ignore[override]
        """The quiz, its answers provoked on a local conveyor line (the unit id and timeout items are fixed)."""
        import factorylab

        line = factorylab.connect(scenario="conveyor")
        questions = []
        for request in EXCEPTION_REQUESTS:
            answer = request.fixed or provoke(request, line)
            assert answer in EXCEPTION_CHOICES, (request.key, answer)
            right_ko, right_en = _MEANING[answer]
            reasons = {
                "*": (
                    f"정답은 {right_ko} ({request.why_ko}).",
                    f"it is {right_en} ({request.why_en}).",
                )
            }
            if answer == "timeout":
                for code in EXCEPTION_CHOICES[:-1]:
                    reasons[code] = (
                        f"예외 코드는 서버가 보내는 답입니다: {request.why_ko}. 그래서 타임아웃(응답 없음)입니다.",
                        f"an exception code is an answer a server sends: {request.why_en}. So it is a timeout "
                        "(no answer).",
                    )
            else:
                reasons["timeout"] = (
                    f"서버는 답했습니다, 예외 {answer}로요: {request.why_ko}. 타임아웃은 아무 답도 없을 때입니다.",
                    f"the server did answer, with exception {answer}: {request.why_en}. A timeout is when no "
                    "answer comes at all.",
                )
            questions.append(Question(request.key, answer, reasons))
        return tuple(questions)

    def normalise(self, choice: Any) -> str | None:
        if isinstance(choice, bool):
            return None
        if isinstance(choice, int):
            number = choice
        else:
            text = str(choice).strip().lower()
            if text in _TIMEOUT_WORDS:
                return "timeout"
            text = text.removeprefix("0x")
            try:
                number = int(text, 16) if text.endswith("b") else int(text)
            except ValueError:
                return None
        shown = f"{number:02X}"
        return shown if shown in EXCEPTION_CHOICES else None


__all__ = [
    "EXCEPTION_REQUESTS",
    "FREEZER",
    "MBPOLL_TASKS",
    "NOTATION_ITEMS",
    "REVERSE_ITEMS",
    "MbpollTask",
    "judge_command",
    "parse_mbpoll",
    "parse_pair",
    "provoke",
]
