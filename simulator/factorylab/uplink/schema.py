"""The uplink's message scheme: MQTT topics and JSON payloads, version ``factorylab/v1``.

Pure Python (no MQTT client, no I/O): the simulator's sender builds its
messages with it and the data centre's collector checks every message it
receives with :func:`decode`.

Topics
------
``factorylab/v1/{site}/{line}/{kind}``: ``site`` (a school, a computer) and
``line`` (a line of that site) are slugs, 1 to 32 of ``a-z 0-9 -``, not
starting with ``-``; ``kind`` is one of :data:`KINDS`. A collector subscribes
``factorylab/v1/#``. MQTT 5, QoS 1; ``meta`` is retained.

Payloads
--------
One UTF-8 JSON object per record, at most :data:`MAX_PAYLOAD` bytes. Every
payload has:

========  =====================================================================
schema    ``"factorylab/v1"``
kind      the topic's kind
site      the topic's site
line      the topic's line
run       32 lowercase hex digits: a new uuid4 at every start of a line
seq       whole number: 0 for ``meta``; 1, 2, 3 ... for the other kinds,
          strictly increasing per run across all kinds (the order the
          simulator made them); ``(run, seq)`` identifies a message, so a
          message delivered twice is stored once
t         simulated time, s (rounded to 0.001 s)
wall      when the simulator made it: UTC, ISO 8601 with milliseconds and
          ``Z`` (``2025-03-14T09:26:53.589Z``)
========  =====================================================================

and, by kind:

* ``meta`` (published at every connection to the broker, retained):
  ``scenario`` (str), ``seed`` (int), ``variant`` (int), ``version``
  (factorylab's version), ``every`` (s between two ``tags`` messages), ``tags``:
  a list of ``{name, table, unit, type, description_en, description_ko}`` for
  the tags the ``tags`` messages carry;
* ``tags``: ``values`` ``{tag name: number}`` (bits as 0/1) and ``units``
  ``{tag name: unit}`` for the tags that have a unit;
* ``event``: ``event`` ``{kind, part, detail}`` (``part``: the part number or null);
* ``fault``: ``fault`` ``{id, label, target, state, start, end}``: ``state``
  ``"start"`` when the fault begins to act (a jam: when it catches a part) and
  ``"end"`` when it ends; ``start`` and ``end`` in simulated s (``end`` null
  while it lasts);
* ``part``: ``part``: one finished part, with exactly the columns of
  :data:`factorylab.data.dataset.PART_COLUMNS` (same names and units; a value
  that does not exist is null).

A payload may carry keys this version does not name (a later ``v1`` may add
some); a reader ignores them. Anything else that does not match is refused by
:func:`decode` with a :class:`PayloadError` saying why.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from ..data.dataset import PART_COLUMNS
from ..errors import FactoryLabError

#: The scheme's version, in every payload's ``schema`` and at the root of every topic.
SCHEMA = "factorylab/v1"
TOPIC_ROOT = SCHEMA
#: The kinds of message, each on its own topic.
KINDS: tuple[str, ...] = ("meta", "tags", "event", "fault", "part")
#: The largest payload a reader accepts, bytes.
MAX_PAYLOAD = 64 * 1024
#: A site or line name.
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,31}")
#: What a collector subscribes to.
SUBSCRIPTION = f"{TOPIC_ROOT}/#"
#: Modbus tables a ``meta`` tag may name.
TABLES = ("coil", "discrete_input", "input_register", "holding_register")
#: The columns of a ``part`` message, in order.
PART_FIELDS: tuple[str, ...] = tuple(column[0] for column in PART_COLUMNS)
#: Fault states.
FAULT_STATES = ("start", "end")

#: The tags a ``tags`` message carries by default: what a class compares its lines with
#: (``--uplink-all-tags`` sends every tag of the scenario instead). A tag the scenario
#: lacks (no oven on the sorting line) is left out of that line's messages.
DEFAULT_TAGS: tuple[str, ...] = (
    # the production block: state, counts, times, OEE
    "production.state",
    "production.parts_in",
    "production.parts_out",
    "production.parts_rejected",
    "production.parts_missorted",
    "production.parts_good",
    "production.run_time",
    "production.idle_time",
    "production.stop_time",
    "production.down_time",
    "production.defects_machining",
    "production.defects_dimension",
    "production.defects_overheated",
    "production.defects_soft",
    "production.ideal_cycle_time",
    "production.availability",
    "production.performance",
    "production.quality",
    "production.oee",
    # the operator panel and the stack light
    "panel.start",
    "panel.stop",
    "panel.reset",
    "panel.estop",
    "panel.auto",
    "panel.safety_ok",
    "panel.remote_estop",
    "stack_light.red",
    "stack_light.amber",
    "stack_light.green",
    "stack_light.buzzer",
    # the motors' condition
    "conveyor1.current",
    "conveyor1.vibration",
    "conveyor2.current",
    "conveyor2.vibration",
    # the process stations
    "tank.level",
    "tank.temperature",
    "oven.temperature",
    "cnc.state",
    "cnc.tool_wear",
    "cnc.torque",
    "cnc.spindle_speed",
    # inspection
    "inspection.measured_count",
)

_RUN = re.compile(r"[0-9a-f]{32}")
_WALL = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")
_COMMON = ("schema", "kind", "site", "line", "run", "seq", "t", "wall")
_last_date = [""]  # the date of the last wall time checked in full (the next ones check the time of day only)


class PayloadError(ValueError):
    """A message that does not match the scheme.

    Attributes:
        reason: what is wrong, one English line (a collector logs and counts it).
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_slug(text: Any) -> bool:
    """True if ``text`` may be a site or line name (1 to 32 of ``a-z 0-9 -``, not starting with ``-``)."""
    return isinstance(text, str) and SLUG.fullmatch(text) is not None


def topic(site: str, line: str, kind: str) -> str:
    """The topic of ``kind`` messages of ``line`` at ``site``.

    Raises:
        ValueError: ``site`` or ``line`` is not a slug, or ``kind`` is not one of :data:`KINDS`.
    """
    for what, name in (("site", site), ("line", line)):
        if not is_slug(name):
            raise ValueError(f"{what} must be 1 to 32 of a-z 0-9 - (not starting with -), got {name!r}")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    return f"{TOPIC_ROOT}/{site}/{line}/{kind}"


def parse_topic(topic: str) -> tuple[str, str, str]:
    """``(site, line, kind)`` of a topic of this scheme.

    Raises:
        PayloadError: not a ``factorylab/v1/{site}/{line}/{kind}`` topic.
    """
    if not isinstance(topic, str):
        raise PayloadError(f"the topic is not text: {topic!r}")
    parts = topic.split("/")
    if len(parts) != 5 or "/".join(parts[:2]) != TOPIC_ROOT:
        raise PayloadError(f"not a {TOPIC_ROOT}/SITE/LINE/KIND topic: {topic[:200]!r}")
    site, line, kind = parts[2:]
    if not is_slug(site):
        raise PayloadError(f"bad site in the topic: {site[:64]!r}")
    if not is_slug(line):
        raise PayloadError(f"bad line in the topic: {line[:64]!r}")
    if kind not in KINDS:
        raise PayloadError(f"unknown kind in the topic: {kind[:64]!r}")
    return site, line, kind


def wall_time(epoch: float) -> str:
    """``epoch`` (s since 1970, UTC) as a payload's ``wall``: ``2025-03-14T09:26:53.589Z``."""
    stamp = datetime.fromtimestamp(epoch, tz=timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"


def encode(record: Mapping[str, Any]) -> bytes:
    """A record as its payload: compact UTF-8 JSON.

    The record is checked first (:func:`validate`), so the sender never
    publishes what a collector would refuse.

    Raises:
        PayloadError: the record does not match the scheme, or is larger than :data:`MAX_PAYLOAD`.
    """
    validate(record)
    try:
        payload = json.dumps(record, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise PayloadError(f"not JSON-serialisable: {exc}") from None
    if len(payload) > MAX_PAYLOAD:
        raise PayloadError(f"payload of {len(payload)} bytes, larger than {MAX_PAYLOAD}")
    return payload


def decode(payload: bytes | bytearray | memoryview | str, topic: str | None = None) -> dict[str, Any]:
    """The record in ``payload``, checked against the scheme.

    Args:
        payload: the message's payload.
        topic: the topic it came on; when given, its site, line and kind must be the payload's.

    Raises:
        PayloadError: anything that does not match: too large, not UTF-8, not
            JSON, not an object, a missing or wrong-typed key, an unknown kind,
            a topic that names another site, line or kind ...
    """
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    size = len(payload)
    if size > MAX_PAYLOAD:
        raise PayloadError(f"payload of {size} bytes, larger than {MAX_PAYLOAD}")
    if size == 0:
        raise PayloadError("empty payload")
    try:
        text = bytes(payload).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PayloadError(f"not UTF-8 (byte {exc.start})") from None
    try:
        record = json.loads(text, parse_constant=_refuse_constant)
    except ValueError as exc:
        raise PayloadError(f"not JSON: {exc}") from None
    if not isinstance(record, dict):
        raise PayloadError(f"not a JSON object but {_json_type(record)}")
    validate(record)
    if topic is not None:
        site, line, kind = parse_topic(topic)
        for key, expected in (("kind", kind), ("site", site), ("line", line)):
            if record[key] != expected:
                raise PayloadError(f"the payload's {key} {record[key]!r} is not the topic's {expected!r}")
    return record


def validate(record: Mapping[str, Any]) -> None:
    """Check a record (a decoded payload) against the scheme.

    Raises:
        PayloadError: the first thing that does not match.
    """
    if not isinstance(record, Mapping):
        raise PayloadError(f"not a JSON object but {_json_type(record)}")
    for key in _COMMON:
        if key not in record:
            raise PayloadError(f"missing key {key!r}")
    if record["schema"] != SCHEMA:
        raise PayloadError(f"schema is {_short(record['schema'])}, not {SCHEMA!r}")
    kind = record["kind"]
    if kind not in KINDS:
        raise PayloadError(f"unknown kind {_short(kind)}")
    for key in ("site", "line"):
        if not is_slug(record[key]):
            raise PayloadError(f"{key} {_short(record[key])} is not 1 to 32 of a-z 0-9 - (not starting with -)")
    run = record["run"]
    if not isinstance(run, str) or _RUN.fullmatch(run) is None:
        raise PayloadError(f"run {_short(run)} is not 32 lowercase hex digits")
    seq = record["seq"]
    if not _is_int(seq):
        raise PayloadError(f"seq {_short(seq)} is not a whole number")
    if seq < 0:
        raise PayloadError(f"seq {seq} is negative")
    if kind == "meta" and seq != 0:
        raise PayloadError(f"a meta message has seq 0, not {seq}")
    if kind != "meta" and seq < 1:
        raise PayloadError(f"a {kind} message has seq 1 or more, not {seq}")
    _number(record["t"], "t", minimum=0.0)
    wall = record["wall"]
    match = _WALL.fullmatch(wall) if isinstance(wall, str) else None
    if match is None:
        raise PayloadError(f"wall {_short(wall)} is not UTC ISO 8601 with milliseconds (2025-03-14T09:26:53.589Z)")
    if wall[:10] != _last_date[0]:  # a new day (rare): is it a real date and time?
        try:
            datetime.strptime(wall, "%Y-%m-%dT%H:%M:%S.%fZ")
        except ValueError:
            raise PayloadError(f"wall {wall!r} is not a real date and time") from None
        _last_date[0] = wall[:10]
    elif not (wall[11:13] < "24" and wall[14:16] < "60" and wall[17:19] < "60"):
        raise PayloadError(f"wall {wall!r} is not a real date and time")
    _CHECKS[kind](record)


# --- each kind's own keys ---------------------------------------------------------------------


def _check_meta(record: Mapping[str, Any]) -> None:
    for key in ("scenario", "version"):
        _text(_get(record, key), key)
    for key in ("seed", "variant"):
        value = _get(record, key)
        if not _is_int(value) or value < 0:
            raise PayloadError(f"{key} {_short(value)} is not a whole number >= 0")
    every = _number(_get(record, "every"), "every", minimum=0.0)
    if every <= 0:
        raise PayloadError(f"every is {every}, not more than 0")
    tags = _get(record, "tags")
    if not isinstance(tags, list):
        raise PayloadError(f"tags is {_json_type(tags)}, not a list")
    names = set()
    for index, tag in enumerate(tags):
        where = f"tags[{index}]"
        if not isinstance(tag, dict):
            raise PayloadError(f"{where} is {_json_type(tag)}, not an object")
        for key in ("name", "table", "unit", "type", "description_en", "description_ko"):
            _text(_get(tag, key, where), f"{where}.{key}", empty=key == "unit")
        if tag["table"] not in TABLES:
            raise PayloadError(f"{where}.table {_short(tag['table'])} is not one of {', '.join(TABLES)}")
        if tag["name"] in names:
            raise PayloadError(f"tag {tag['name']!r} is in tags twice")
        names.add(tag["name"])


def _check_tags(record: Mapping[str, Any]) -> None:
    values = _get(record, "values")
    if not isinstance(values, dict):
        raise PayloadError(f"values is {_json_type(values)}, not an object")
    isfinite = math.isfinite
    for name, value in values.items():
        kind = type(value)
        if not (kind is int or (kind is float and isfinite(value))):
            _number(value, f"values[{name!r}]")  # says what is wrong (or accepts an int or float subclass)
    units = _get(record, "units")
    if not isinstance(units, dict):
        raise PayloadError(f"units is {_json_type(units)}, not an object")
    for name, unit in units.items():
        if name not in values:
            raise PayloadError(f"units names {name[:64]!r}, which has no value")
        _text(unit, f"units[{name!r}]")


def _check_event(record: Mapping[str, Any]) -> None:
    event = _get(record, "event")
    if not isinstance(event, dict):
        raise PayloadError(f"event is {_json_type(event)}, not an object")
    _text(_get(event, "kind", "event"), "event.kind")
    part = _get(event, "part", "event")
    if part is not None and (not _is_int(part) or part < 0):
        raise PayloadError(f"event.part {_short(part)} is not a part number or null")
    _text(_get(event, "detail", "event"), "event.detail", empty=True)


def _check_fault(record: Mapping[str, Any]) -> None:
    fault = _get(record, "fault")
    if not isinstance(fault, dict):
        raise PayloadError(f"fault is {_json_type(fault)}, not an object")
    number = _get(fault, "id", "fault")
    if not _is_int(number) or number < 1:
        raise PayloadError(f"fault.id {_short(number)} is not a whole number >= 1")
    for key in ("label", "target"):
        _text(_get(fault, key, "fault"), f"fault.{key}")
    state = _get(fault, "state", "fault")
    if state not in FAULT_STATES:
        raise PayloadError(f"fault.state {_short(state)} is not 'start' or 'end'")
    start = _number(_get(fault, "start", "fault"), "fault.start", minimum=0.0)
    end = _get(fault, "end", "fault")
    if end is not None:
        if _number(end, "fault.end", minimum=0.0) < start:
            raise PayloadError(f"fault.end {end} is before fault.start {start}")
    elif state == "end":
        raise PayloadError("fault.state is 'end' but fault.end is null")


def _check_part(record: Mapping[str, Any]) -> None:
    part = _get(record, "part")
    if not isinstance(part, dict):
        raise PayloadError(f"part is {_json_type(part)}, not an object")
    missing = [name for name in PART_FIELDS if name not in part]
    if missing:
        raise PayloadError(f"part lacks {', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}")
    extra = sorted(set(part) - set(PART_FIELDS))
    if extra:
        raise PayloadError(f"part has columns the dataset does not: {', '.join(map(str, extra[:5]))}")
    for name, value in part.items():
        if value is None or isinstance(value, str):
            continue
        _number(value, f"part.{name}")
    number = part["part_id"]
    if not _is_int(number) or number < 0:
        raise PayloadError(f"part.part_id {_short(number)} is not a part number")


_CHECKS = {"meta": _check_meta, "tags": _check_tags, "event": _check_event, "fault": _check_fault, "part": _check_part}


# --- small helpers ----------------------------------------------------------------------------


def _get(mapping: Mapping[str, Any], key: str, where: str = "") -> Any:
    if key not in mapping:
        raise PayloadError(f"missing key {f'{where}.' if where else ''}{key}")
    return mapping[key]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: Any, what: str, minimum: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PayloadError(f"{what} {_short(value)} is not a number")
    if not math.isfinite(value):
        raise PayloadError(f"{what} is {value}, not a finite number")
    if minimum is not None and value < minimum:
        raise PayloadError(f"{what} is {value}, less than {minimum:g}")
    return value


def _text(value: Any, what: str, *, empty: bool = False) -> str:
    if not isinstance(value, str):
        raise PayloadError(f"{what} {_short(value)} is not text")
    if not empty and not value:
        raise PayloadError(f"{what} is empty")
    return value


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "a list"
    return "an object" if isinstance(value, Mapping) else type(value).__name__


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 64 else text[:61] + "..."


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


# --- the broker's address ------------------------------------------------------------------------------------
#: The MQTT port when a broker URL names none.
DEFAULT_PORT = 1883


def parse_url(url: str) -> tuple[str, int]:
    """``(host, port)`` of a broker URL ``mqtt://HOST:PORT`` (port 1883 by default).

    Raises:
        FactoryLabError: anything else (another scheme, no host, a bad port,
            a path, a user name: none of them is supported).
    """
    example = "mqtt://호스트:포트, 예: mqtt://192.168.0.10:1883"
    example_en = "mqtt://HOST:PORT, e.g. mqtt://192.168.0.10:1883"
    if not isinstance(url, str) or "://" not in url:
        raise FactoryLabError(
            f"브로커 주소 {url!r}는 mqtt://호스트:포트 꼴이어야 합니다 (예: mqtt://192.168.0.10:1883)",
            f"the broker address {url!r} must look like mqtt://HOST:PORT (e.g. mqtt://192.168.0.10:1883)",
        )
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise FactoryLabError(
            f"브로커 주소 {url!r}의 포트가 잘못되었습니다: 1에서 65535 사이의 수를 쓰세요 ({example})",
            f"the port of the broker address {url!r} is wrong: use a number from 1 to 65535 ({example_en})",
        ) from None
    if parts.scheme.lower() != "mqtt":
        raise FactoryLabError(
            f"브로커 주소 {url!r}: mqtt://만 지원합니다 (이 버전에는 TLS(mqtts)와 웹소켓이 없습니다; {example})",
            f"the broker address {url!r}: only mqtt:// is supported (no TLS (mqtts) or websockets in this version; "
            f"{example_en})",
        )
    if parts.username is not None or parts.password is not None:
        raise FactoryLabError(
            f"브로커 주소 {url!r}: 이 버전은 사용자 이름과 암호를 지원하지 않습니다 (학교 네트워크 안에서만 쓰세요)",
            f"the broker address {url!r}: user names and passwords are not supported in this version "
            "(use it inside the school's network)",
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise FactoryLabError(
            f"브로커 주소 {url!r}에는 호스트와 포트만 씁니다 ({example})",
            f"the broker address {url!r} takes a host and a port only ({example_en})",
        )
    host = parts.hostname
    if not host:
        raise FactoryLabError(
            f"브로커 주소 {url!r}에 호스트가 없습니다 ({example})",
            f"the broker address {url!r} names no host ({example_en})",
        )
    if port == 0:
        raise FactoryLabError(
            f"브로커 주소 {url!r}의 포트가 잘못되었습니다: 1에서 65535 사이의 수를 쓰세요 ({example})",
            f"the port of the broker address {url!r} is wrong: use a number from 1 to 65535 ({example_en})",
        )
    return host, port if port is not None else DEFAULT_PORT
