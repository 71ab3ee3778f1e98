"""Answers to ``raw_to_celsius``: a temperature transmitter's counts (0-4000) to °C, per sensor."""

from __future__ import annotations

import factorylab

from ..catalogue import Wrong

CHECK = "raw_to_celsius"

SPAN = {"tank.temperature_raw": 100, "oven.temperature_raw": 400}


def raw_to_celsius(counts, sensor):
    """Reference: the span of each sensor from a table written by hand."""
    return SPAN[sensor] * counts / 4000


def through_milliamps(counts, sensor):
    """Counts -> mA -> °C, the way the loop works."""
    ma = 4 + 16 * counts / 4000
    if sensor == "oven.temperature_raw":
        top = 400
    else:
        top = 100
    return (ma - 4) / 16 * top


_line = factorylab.connect(scenario="line")


def from_the_tag_table(counts, sensor):
    """The ranges read from the tag table (line.info), as the lab suggests."""
    raw = _line.info(sensor).tag
    degrees = _line.info(sensor.replace("_raw", "")).tag
    return degrees.min + (degrees.max - degrees.min) * (counts - raw.min) / (raw.max - raw.min)


def per_count(counts, sensor):
    """Degrees per count first (0.025 °C or 0.1 °C)."""
    step = 0.1 if sensor.startswith("oven") else 0.025
    return counts * step


CORRECT = [raw_to_celsius, through_milliamps, from_the_tag_table, per_count]
REFERENCE = raw_to_celsius


def by_4096(counts, sensor):
    return SPAN[sensor] * counts / 4096


def zero_is_zero_ma(counts, sensor):
    ma = 20 * counts / 4000
    return (ma - 4) / 16 * SPAN[sensor]


def ma_over_20(counts, sensor):
    ma = 4 + 16 * counts / 4000
    return ma / 20 * SPAN[sensor]


def forgot_the_4_ma(counts, sensor):
    ma = 4 + 16 * counts / 4000
    return ma / 16 * SPAN[sensor]


def upside_down(counts, sensor):
    return SPAN[sensor] - SPAN[sensor] * counts / 4000


def ranges_swapped(counts, sensor):
    top = 400 if sensor == "tank.temperature_raw" else 100
    return top * counts / 4000


def one_range(counts, sensor):
    return 100 * counts / 4000


def integer_division(counts, sensor):
    return SPAN[sensor] * counts // 4000


def returns_text(counts, sensor):
    return f"{SPAN[sensor] * counts / 4000} °C"


def fahrenheit(counts, sensor):
    return SPAN[sensor] * counts / 4000 * 9 / 5 + 32


WRONG = [
    Wrong(by_4096, "divided_by_4096"),
    Wrong(zero_is_zero_ma, "zero_is_zero_ma"),
    Wrong(ma_over_20, "ma_over_20"),
    Wrong(forgot_the_4_ma, "missing_offset"),
    Wrong(upside_down, "swapped_range"),
    Wrong(ranges_swapped, "other_sensor"),
    Wrong(one_range, "one_range"),
    Wrong(integer_division, "integer_division"),
    Wrong(returns_text, "not_a_number"),
    Wrong(fahrenheit, "wrong_value"),
]
