"""The tag table: one address per tag, stable across scenarios, in both languages."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factorylab.plant import Plant, builtin_ids, load_scenario
from factorylab.tags import ALL_TAGS, TABLES, TAGS, as_word, parse_notation, plant_values, tags_for

HANGUL = re.compile("[\uac00-\ud7a3]")
GOLDEN = Path(__file__).parent / "data" / "tag_addresses.json"


def test_no_two_tags_share_an_address() -> None:
    seen: dict[tuple[str, int], str] = {}
    for tag in TAGS:
        for address in tag.addresses:
            key = (tag.table, address)
            assert key not in seen, f"{tag.name} overlaps {seen[key]} at {key}"
            seen[key] = tag.name


def test_names_are_unique_and_well_formed() -> None:
    names = [tag.name for tag in TAGS]
    assert len(names) == len(set(names))
    for tag in TAGS:
        assert re.fullmatch(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*", tag.name), tag.name


def test_addresses_match_the_published_register_map() -> None:
    """Addresses are a contract with students' code: changing one must be deliberate.

    If you really mean to move a tag, update tests/data/tag_addresses.json too.
    """
    published = json.loads(GOLDEN.read_text(encoding="utf-8"))
    current = {tag.name: [tag.table, tag.address] for tag in TAGS}
    for name, where in published.items():
        assert current.get(name) == where, f"{name} moved from {where} to {current.get(name)}"


@pytest.mark.parametrize("scenario", builtin_ids())
def test_every_scenario_uses_the_same_addresses(scenario: str) -> None:
    table = tags_for(load_scenario(scenario))
    for tag in table:
        assert ALL_TAGS[tag.name] is tag
    assert "system.sim_time" in table and "production.state" in table


def test_scenarios_only_differ_in_which_devices_exist() -> None:
    conveyor = {t.name for t in tags_for(load_scenario("conveyor"))}
    sorting = {t.name for t in tags_for(load_scenario("sorting"))}
    assert conveyor < sorting
    assert {name.split(".")[0] for name in sorting - conveyor} == {"sorter"}


def test_both_languages_are_present() -> None:
    for tag in TAGS:
        assert tag.description_en.strip() and tag.description_ko.strip()
        assert HANGUL.search(tag.description_ko), tag.name
        assert not HANGUL.search(tag.description_en), tag.name


def test_every_field_is_sane() -> None:
    for tag in TAGS:
        assert tag.table in TABLES
        assert 0 <= tag.address <= 65535 - tag.registers + 1
        assert tag.min <= tag.max
        assert tag.access in ("ro", "rw")
        if tag.table in ("discrete_input", "input_register"):
            assert tag.access == "ro", tag.name
        if tag.table in ("coil", "discrete_input"):
            assert tag.type == "bool", tag.name
        else:
            assert tag.type != "bool", tag.name
        # each device owns one block of 100 addresses in every table
        assert tag.address // 100 == ALL_TAGS.of_device(tag.device)[0].address // 100, tag.name


@pytest.mark.parametrize(
    ("table", "address", "notation"),
    [
        ("coil", 0, "00001"),
        ("coil", 299, "00300"),
        ("discrete_input", 100, "10101"),
        ("input_register", 20, "30021"),
        ("holding_register", 0, "40001"),
        ("holding_register", 9998, "49999"),
        ("holding_register", 9999, "410000"),
        ("coil", 65535, "065536"),
    ],
)
def test_notation(table: str, address: int, notation: str) -> None:
    from factorylab.tags import Tag

    tag = Tag(
        "x.y",
        table,
        address,
        "bool" if table in ("coil", "discrete_input") else "uint16",
        "",
        0,
        1,
        "ro",
        "e",
        "한",
        "system",
    )
    assert tag.notation == notation
    assert parse_notation(notation) == (table, address)


@pytest.mark.parametrize("text", ["2001", "20001", "40000", "4000000", "abcde", "465537"])
def test_parse_notation_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        parse_notation(text)


@pytest.mark.parametrize("tag", [t for t in TAGS if t.type != "bool"], ids=lambda t: t.name)
def test_encode_decode_round_trip(tag) -> None:
    @given(st.floats(min_value=tag.min, max_value=tag.max, allow_nan=False))
    def check(value: float) -> None:
        words = tag.encode(value)
        assert len(words) == tag.registers
        assert all(0 <= w <= 0xFFFF for w in words)
        back = tag.decode(words)
        if tag.type == "float32":
            assert back == pytest.approx(value, rel=1e-6)
        else:
            assert abs(back - value) <= 0.5 / tag.scale + 1e-9
        assert tag.min - 1e-9 <= back <= tag.max + 1e-9

    check()


def test_values_outside_the_range_saturate() -> None:
    current = ALL_TAGS["conveyor1.current"]
    assert current.decode(current.encode(99.0)) == current.max
    assert current.decode(current.encode(-1.0)) == 0.0
    assert current.encode(1.234) == [123]
    sim_time = ALL_TAGS["system.sim_time"]
    assert sim_time.encode(70.0) == [1, 70000 - 65536]  # high word first


@pytest.mark.parametrize("scenario", builtin_ids())
def test_every_tag_reads_from_a_plant_and_writable_ones_write(scenario: str) -> None:
    plant = Plant(scenario, seed=0)
    plant.advance(1.0)
    for tag in tags_for(plant):
        value = tag.read(plant)
        assert isinstance(value, tag.value_type), tag.name
        if tag.writable:
            new = (not value) if tag.type == "bool" else tag.max
            tag.write(plant, new)
            assert tag.read(plant) == new, tag.name


def test_check_refuses_read_only_and_out_of_range() -> None:
    assert ALL_TAGS["production.state"].check(1) == "read-only"
    speed = ALL_TAGS["conveyor1.speed"]
    assert speed.check(50) is None
    assert speed.check(101) == "out of range"
    assert speed.check(float("nan")) == "not a number"
    assert ALL_TAGS["conveyor1.run"].check(2) == "not 0/1"


def test_records_have_the_documented_fields() -> None:
    record = ALL_TAGS["production.state"].as_record()
    for key in (
        "name",
        "device",
        "table",
        "address",
        "notation",
        "type",
        "scale",
        "unit",
        "min",
        "max",
        "access",
        "description_en",
        "description_ko",
    ):
        assert key in record
    assert record["states"]["3"]["en"] == "E-stop"


# --- one rule for what a value means ----------------------------------------------------------

NUMERIC = [t for t in TAGS if t.type != "bool"]


@pytest.mark.parametrize("tag", NUMERIC, ids=lambda t: t.name)
def test_quantize_is_what_the_register_gives(tag) -> None:
    """Tag.quantize, Tag.quantize_column and encode/decode are one rule, in and out of range."""
    import numpy as np

    span = tag.max - tag.min

    @given(st.floats(min_value=tag.min - span, max_value=tag.max + span, allow_nan=False))
    def check(value: float) -> None:
        quantized = tag.quantize(value)
        assert quantized == tag.decode(tag.encode(value))
        assert type(quantized) is tag.value_type
        assert tag.min <= quantized <= tag.max
        assert tag.quantize(quantized) == quantized  # a register value stays what it is
        column = tag.quantize_column(np.array([value, quantized]))
        assert column.tolist() == [quantized, quantized]

    check()


def test_a_value_is_rounded_to_the_resolution_half_to_even() -> None:
    speed = ALL_TAGS["conveyor1.speed"]  # uint16, scale 1
    assert speed.quantize(55.7) == 56 and speed.quantize(55.2) == 55 and speed.quantize(55.5) == 56
    assert speed.quantize(54.5) == 54 and speed.quantize(150) == 100 and speed.quantize(-3) == 0
    heater = ALL_TAGS["oven.heater"]  # scale 10
    assert heater.quantize(33.33) == 33.3 and heater.quantize(40) == 40.0 and type(heater.quantize(40)) is float
    floating = ALL_TAGS["oven.temperature_float"]
    assert floating.quantize(212.3) == struct.unpack(">f", struct.pack(">f", 212.3))[0] != 212.3
    assert ALL_TAGS["conveyor1.run"].quantize(2) is True and ALL_TAGS["conveyor1.run"].quantize(0) is False


def test_numpy_scalars_are_accepted_like_python_numbers() -> None:
    import numpy as np

    speed = ALL_TAGS["conveyor1.speed"]
    for value in (np.int64(55), np.int32(55), np.uint16(55), np.float64(55.7), np.float32(55.7), 55, 55.7):
        assert speed.check(value) is None, repr(value)
        assert speed.quantize(value) == (55 if value == 55 else 56)
        assert type(speed.quantize(value)) is int
    heater = ALL_TAGS["oven.heater"]
    assert heater.quantize(np.float32(33.33)) == 33.3 and type(heater.quantize(np.float32(33.33))) is float
    run = ALL_TAGS["conveyor1.run"]
    for value in (np.bool_(True), np.bool_(False), np.int64(1), np.uint8(0), True, 0):
        assert run.check(value) is None, repr(value)
        assert run.quantize(value) is bool(value)
    for value in (np.float64(1.0), np.int64(2), "1", None, 1.5):
        assert run.check(value) == "not 0/1", repr(value)
    for value in (np.float64("nan"), float("nan"), np.bool_(True), True, "55", None, [55], 3 + 0j):
        assert speed.check(value) == "not a number", repr(value)
    for value in (np.float32("inf"), float("-inf"), np.int64(101), np.float64(-0.5)):
        assert speed.check(value) == "out of range", repr(value)


def test_writes_store_the_quantized_value_as_a_python_number() -> None:
    import numpy as np

    plant = Plant("line", seed=0)
    ALL_TAGS["conveyor1.speed"].write(plant, 55.7)
    assert plant.conveyor1.speed == 56 and type(plant.conveyor1.speed) is int
    ALL_TAGS["oven.heater"].write(plant, np.float32(33.33))
    assert plant.oven.heater == 33.3 and type(plant.oven.heater) is float
    ALL_TAGS["feeder.run"].write(plant, np.bool_(True))
    assert plant.feeder.run is True


def test_as_word_takes_whole_numbers_only() -> None:
    import numpy as np

    whole = (5, np.int64(5), np.uint16(65535), 5.0, np.float32(7.0), True, np.bool_(False))
    assert [as_word(value) for value in whole] == [5, 5, 65535, 5, 7, 1, 0]
    for value in (5.5, float("nan"), float("inf"), "5", None, [5]):
        assert as_word(value) is None, repr(value)


def test_plant_values_read_many_tags_at_once_with_stuck_sensors() -> None:
    plant = Plant("sorting", seed=0)
    plant.conveyor1.run = True
    plant.advance(1.0)
    tags = [ALL_TAGS[n] for n in ("conveyor1.run", "conveyor1.running", "conveyor1.current", "conveyor2.running")]
    values = plant_values(tags)
    bound = plant_values(tags, plant)
    assert tuple(values(plant)) == tuple(bound()) == (True, True, plant.conveyor1.current, False)
    assert [tag.quantize(v) for tag, v in zip(tags, values(plant), strict=True)] == [t.read(plant) for t in tags]
    plant.inject_fault("sensor_stuck_off", "conveyor1.running", duration=5)
    plant.inject_fault("sensor_stuck_on", "conveyor2.running", duration=5)
    plant.step()
    assert tuple(values(plant))[1::2] == (False, True) == (tags[1].read(plant), tags[3].read(plant))
    assert plant.conveyor1.running  # the belt itself still runs: only its sensor lies
    assert tuple(plant_values([ALL_TAGS["conveyor1.speed"]])(plant)) == (plant.conveyor1.speed,)
    assert tuple(plant_values([])(plant)) == ()


def test_generated_code_takes_attribute_paths_only() -> None:
    tag = ALL_TAGS["conveyor1.speed"]
    for path in ("conveyor1.speed; import os", "conveyor1..speed", "", "class.speed"):
        with pytest.raises(ValueError):
            tag.reading(path)
    assert "round" in tag.rule("v") and "_low" in tag.rule("v")
