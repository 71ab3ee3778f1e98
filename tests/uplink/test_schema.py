"""The uplink's message scheme: what round-trips, and every kind of bad payload refused with its reason."""

from __future__ import annotations

import copy
import json

import pytest

from factorylab.data.dataset import PART_COLUMNS
from factorylab.plant import Plant
from factorylab.tags import tags_for
from factorylab.uplink import schema
from factorylab.uplink.schema import PayloadError, decode, encode, parse_topic, topic

RUN = "0123456789abcdef0123456789abcdef"
WALL = "2025-03-14T09:26:53.589Z"


def _common(kind: str, seq: int = 1) -> dict:
    return {
        "schema": "factorylab/v1",
        "kind": kind,
        "site": "school-7",
        "line": "line-03",
        "run": RUN,
        "seq": seq,
        "t": 12.35,
        "wall": WALL,
    }


def _part() -> dict:
    part = {name: 1.5 for name, *_ in PART_COLUMNS}
    part.update(part_id=7, type="A", grade="M", defect_cause="", destination="outfeed", torque=None, defect=0)
    return part


RECORDS = {
    "meta": {
        **_common("meta", 0),
        "scenario": "line",
        "seed": 3,
        "variant": 0,
        "version": "0.1.0",
        "every": 1.0,
        "tags": [
            {
                "name": "oven.temperature",
                "table": "input_register",
                "unit": "°C",
                "type": "uint16",
                "description_en": "Oven temperature",
                "description_ko": "오븐 온도",
            },
            {
                "name": "panel.start",
                "table": "discrete_input",
                "unit": "",
                "type": "bool",
                "description_en": "Start button",
                "description_ko": "기동 버튼",
            },
        ],
    },
    "tags": {
        **_common("tags", 5),
        "values": {"oven.temperature": 181.3, "panel.start": 1, "production.parts_out": 12},
        "units": {"oven.temperature": "°C", "production.parts_out": "pcs"},
    },
    "event": {**_common("event", 6), "event": {"kind": "part_fed", "part": 13, "detail": "B"}},
    "fault": {
        **_common("fault", 7),
        "fault": {"id": 2, "label": "jam", "target": "conveyor1", "state": "end", "start": 500.25, "end": 560.0},
    },
    "part": {**_common("part", 8), "part": _part()},
}


@pytest.mark.parametrize("kind", schema.KINDS)
def test_every_kind_round_trips(kind: str) -> None:
    record = RECORDS[kind]
    payload = encode(record)
    assert isinstance(payload, bytes) and len(payload) < schema.MAX_PAYLOAD
    assert decode(payload, topic("school-7", "line-03", kind)) == record
    assert decode(payload) == record  # without a topic too
    assert "°C".encode() in payload or kind not in ("meta", "tags")  # UTF-8, not \u escapes


def test_topics() -> None:
    assert topic("school-7", "line-03", "tags") == "factorylab/v1/school-7/line-03/tags"
    assert parse_topic("factorylab/v1/school-7/line-03/part") == ("school-7", "line-03", "part")
    assert schema.SUBSCRIPTION == "factorylab/v1/#"
    for site, line, kind in (
        ("School", "l", "tags"),
        ("s", "-l", "tags"),
        ("s", "l", "parts"),
        ("s", "x" * 33, "meta"),
    ):
        with pytest.raises(ValueError):
            topic(site, line, kind)
    for bad in (
        "factorylab/v2/s/l/tags",
        "factorylab/v1/s/l",
        "factorylab/v1/s/l/tags/extra",
        "factorylab/v1/S/l/tags",
        "factorylab/v1/s/l!/tags",
        "factorylab/v1/s/l/parts",
    ):
        with pytest.raises(PayloadError):
            parse_topic(bad)


def test_the_documented_constants() -> None:
    assert schema.PART_FIELDS == tuple(column[0] for column in PART_COLUMNS)
    table = tags_for(Plant("line"))
    missing = [name for name in schema.DEFAULT_TAGS if name not in table]
    assert not missing, f"DEFAULT_TAGS names tags the full line lacks: {missing}"
    assert len(set(schema.DEFAULT_TAGS)) == len(schema.DEFAULT_TAGS)
    assert {t.name for t in table.of_device("production")} <= set(schema.DEFAULT_TAGS)


def _edit(kind: str, change) -> dict:
    record = copy.deepcopy(RECORDS[kind])
    change(record)
    return record


def _as_payload(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


BAD = [
    # (what, kind, change, words in the reason)
    ("schema", "tags", lambda r: r.update(schema="factorylab/v0"), "schema"),
    ("unknown kind", "tags", lambda r: r.update(kind="alarm"), "unknown kind"),
    ("site", "tags", lambda r: r.update(site="School 7"), "site"),
    ("line", "tags", lambda r: r.update(line=""), "line"),
    ("run short", "tags", lambda r: r.update(run="abc"), "run"),
    ("run upper", "tags", lambda r: r.update(run=RUN.upper()), "run"),
    ("run number", "tags", lambda r: r.update(run=12), "run"),
    ("seq text", "tags", lambda r: r.update(seq="5"), "seq"),
    ("seq float", "tags", lambda r: r.update(seq=5.0), "seq"),
    ("seq bool", "tags", lambda r: r.update(seq=True), "seq"),
    ("seq negative", "tags", lambda r: r.update(seq=-1), "negative"),
    ("seq 0 off meta", "event", lambda r: r.update(seq=0), "seq 1 or more"),
    ("meta seq", "meta", lambda r: r.update(seq=4), "seq 0"),
    ("t text", "tags", lambda r: r.update(t="12"), "t "),
    ("t negative", "tags", lambda r: r.update(t=-0.05), "t is"),
    ("wall no Z", "tags", lambda r: r.update(wall="2025-03-14T09:26:53.589"), "wall"),
    ("wall no ms", "tags", lambda r: r.update(wall="2025-03-14T09:26:53Z"), "wall"),
    ("wall date", "tags", lambda r: r.update(wall="2025-02-30T09:26:53.589Z"), "real date"),
    ("meta seed", "meta", lambda r: r.update(seed=-1), "seed"),
    ("meta every", "meta", lambda r: r.update(every=0), "every"),
    ("meta tags", "meta", lambda r: r.update(tags={}), "tags"),
    ("meta tag table", "meta", lambda r: r["tags"][0].update(table="register"), "table"),
    ("meta tag missing", "meta", lambda r: r["tags"][0].pop("description_ko"), "description_ko"),
    ("meta tag twice", "meta", lambda r: r["tags"].append(r["tags"][0]), "twice"),
    ("meta scenario", "meta", lambda r: r.pop("scenario"), "scenario"),
    ("tags values", "tags", lambda r: r.update(values=[1, 2]), "values"),
    ("tags value text", "tags", lambda r: r["values"].update({"panel.start": "on"}), "not a number"),
    ("tags value bool", "tags", lambda r: r["values"].update({"panel.start": True}), "not a number"),
    ("tags value null", "tags", lambda r: r["values"].update({"panel.start": None}), "not a number"),
    ("tags units orphan", "tags", lambda r: r["units"].update({"tank.level": "mm"}), "no value"),
    ("tags units", "tags", lambda r: r.pop("units"), "units"),
    ("event", "event", lambda r: r.update(event="part_fed"), "event"),
    ("event kind", "event", lambda r: r["event"].update(kind=""), "event.kind"),
    ("event part", "event", lambda r: r["event"].update(part=-3), "event.part"),
    ("event detail", "event", lambda r: r["event"].pop("detail"), "detail"),
    ("fault state", "fault", lambda r: r["fault"].update(state="begin"), "fault.state"),
    ("fault id", "fault", lambda r: r["fault"].update(id=0), "fault.id"),
    ("fault end null", "fault", lambda r: r["fault"].update(end=None), "null"),
    ("fault end early", "fault", lambda r: r["fault"].update(end=10.0), "before"),
    ("fault label", "fault", lambda r: r["fault"].update(label=3), "fault.label"),
    ("part missing", "part", lambda r: r["part"].pop("torque"), "lacks torque"),
    ("part extra", "part", lambda r: r["part"].update(colour="red"), "colour"),
    ("part nested", "part", lambda r: r["part"].update(torque=[1]), "part.torque"),
    ("part id", "part", lambda r: r["part"].update(part_id="7"), "part_id"),
]


@pytest.mark.parametrize(("what", "kind", "change", "words"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_record_is_refused_with_its_reason(what, kind, change, words) -> None:
    record = _edit(kind, change)
    with pytest.raises(PayloadError) as caught:
        decode(_as_payload(record))
    assert words in caught.value.reason, caught.value.reason
    with pytest.raises(PayloadError):
        encode(record)  # the sender never publishes what a collector would refuse


@pytest.mark.parametrize("key", ["schema", "kind", "site", "line", "run", "seq", "t", "wall"])
def test_a_missing_common_key_is_refused(key: str) -> None:
    record = _edit("event", lambda r: r.pop(key))
    with pytest.raises(PayloadError, match=f"missing key '{key}'"):
        decode(_as_payload(record))


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        (b"", "empty"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"{'kind': 'tags'}", "not JSON"),
        (b'{"seq": NaN}', "not JSON"),
        (b'{"seq": Infinity}', "not JSON"),
        (b"[1, 2, 3]", "not a JSON object but a list"),
        (b'"tags"', "not a JSON object but text"),
        (b"null", "not a JSON object but null"),
        (b'{"a": "' + b"x" * schema.MAX_PAYLOAD + b'"}', "larger than"),
    ],
)
def test_a_payload_that_is_not_a_record_is_refused(payload: bytes, words: str) -> None:
    with pytest.raises(PayloadError) as caught:
        decode(payload)
    assert words in caught.value.reason


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("factorylab/v1/school-7/line-03/event", "kind"),
        ("factorylab/v1/school-8/line-03/tags", "site"),
        ("factorylab/v1/school-7/line-04/tags", "line"),
        ("factorylab/v1/school-7/line-03/tags/x", "topic"),
    ],
)
def test_a_payload_on_another_topic_is_refused(where: str, words: str) -> None:
    with pytest.raises(PayloadError) as caught:
        decode(encode(RECORDS["tags"]), where)
    assert words in caught.value.reason


def test_payload_error_is_a_value_error_with_a_reason() -> None:
    error = PayloadError("seq -1 is negative")
    assert isinstance(error, ValueError) and error.reason == str(error) == "seq -1 is negative"


def test_wall_time_has_milliseconds_and_z() -> None:
    assert schema.wall_time(1741944413.5891) == "2025-03-14T09:26:53.589Z"
    assert schema.wall_time(0.0) == "1970-01-01T00:00:00.000Z"
