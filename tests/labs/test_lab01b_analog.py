"""Lab 1-4/1-5 (``analog_signals``): the truth of ``raw_to_celsius`` is the plant's and the tag table's, and the
teacher pack lists every wrong answer the lab's checks recognise."""

from __future__ import annotations

import pytest

import factorylab
from factorylab.lab import get as get_lab
from factorylab.labs.lab01b_analog_checks import SENSORS, RawToCelsius, _counts, sensor_range, true_celsius
from factorylab.tags import ALL_TAGS
from tests.conftest import REPO
from tests.control.checks.answers import raw_to_celsius, raw_to_ma, raw_to_mm


def test_the_ranges_come_from_the_tag_table() -> None:
    for sensor in SENSORS:
        raw, degrees = ALL_TAGS.get(sensor), ALL_TAGS.get(sensor.removesuffix("_raw"))
        assert sensor_range(sensor) == (raw.min, raw.max, degrees.min, degrees.max)
    assert sensor_range("tank.temperature_raw")[3] == 100 and sensor_range("oven.temperature_raw")[3] == 400


def test_the_truth_is_what_the_plant_shows_for_a_real_run() -> None:
    """Counts the plant produced, converted by the check's truth, give the plant's own °C (to its 0.1 °C register)."""

    def heat(line, t):
        line.oven.heater = 70
        line.tank.inflow = 40  # fresh 15 °C water cools the coolant

    line = factorylab.connect(scenario="line", seed=4)
    names = ["tank.temperature_raw", "tank.temperature", "oven.temperature_raw", "oven.temperature"]
    history = factorylab.run(heat, line, seconds=400, record=names, record_every=2.0).history
    for sensor in SENSORS:
        raw, shown = history[sensor], history[sensor.removesuffix("_raw")]
        assert raw.nunique() > 20  # the values really moved
        for counts, degrees in zip(raw, shown, strict=True):
            assert true_celsius(counts, sensor) == pytest.approx(degrees, abs=0.05 + 1e-9)


def test_the_hidden_values_differ_per_seed_and_show_integer_division() -> None:
    first, second = _counts(1), _counts(2)
    assert first != second
    for counts, sensor in first + second:
        assert sensor in SENSORS and 0 <= counts <= 4000
        assert counts in (0, 4000) or counts % 2 == 1  # odd: // and int() show
    assert {c for c, _ in first} & {0, 4000}
    assert RawToCelsius.count >= 2


def test_a_wrong_sensor_name_is_told_not_crashed() -> None:
    with pytest.raises(factorylab.FactoryLabError):
        sensor_range("oven.temperature")


@pytest.mark.parametrize("lang", ["", ".en"])
def test_the_teacher_pack_lists_every_wrong_answer(lang: str) -> None:
    text = (REPO / "docs" / "labs" / f"analog_signals{lang}.md").read_text(encoding="utf-8")
    for catalogue in (raw_to_ma, raw_to_mm, raw_to_celsius):
        for wrong in catalogue.WRONG:
            assert f"`{wrong.code}`" in text, (catalogue.CHECK, wrong.code)
    assert get_lab("analog_signals").checks == ("raw_to_ma", "raw_to_mm", "raw_to_celsius")
