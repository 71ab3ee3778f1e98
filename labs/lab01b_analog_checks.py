"""Checks of lab 1-4/1-5 (``analog_signals``): ``raw_to_celsius`` (1-5).

Exercise 1-4 (the level transmitter, counts -> mA -> mm) uses the shipped
``raw_to_ma`` and ``raw_to_mm`` checks as they are.

**raw_to_celsius** (1-5, a value check): ``raw_to_celsius(counts, sensor)``
turns the ADC counts of a temperature transmitter into degrees Celsius.
``sensor`` is the raw tag's name, ``"tank.temperature_raw"`` (the coolant,
0-100 °C) or ``"oven.temperature_raw"`` (the oven's thermocouple, 0-400 °C).
Both are 4-20 mA loops read as 0-4000 counts. Every number the truth uses
is read from the tag table: the raw tag's range (0-4000 counts) and the
engineering tag's range (``tank.temperature``: 0-100 °C,
``oven.temperature``: 0-400 °C), so the check follows the table if it ever
changes.

Hidden values: per seed three counts for each sensor (0 or 4000, one below
2000, one above), all odd so that integer division shows. Recognised wrong
formulas (each named, each with a next step): ÷4096 (the 12-bit full
scale), 0 counts as 0 mA (``zero_is_zero_ma``), the temperature taken as a
share of 20 mA (``ma_over_20``: the "4 mA = 0 °C is forgotten" mistake),
the 4 mA left in (``missing_offset``), the range upside down
(``swapped_range``), each sensor given the other one's range
(``other_sensor``), one range for both sensors (``one_range``) and integer
division (``integer_division``).
"""

from __future__ import annotations

import math
import random

from factorylab.control.checks.base import register
from factorylab.control.checks.kinds import Case, Recogniser, ValueCheck
from factorylab.errors import FactoryLabError
from factorylab.tags import ALL_TAGS

#: the raw tags this check knows, in the order the cases use them
SENSORS = ("tank.temperature_raw", "oven.temperature_raw")
#: loop current at the bottom and the top of the range, mA
MA_LOW, MA_HIGH = 4.0, 20.0


def sensor_range(sensor: str) -> tuple[float, float, float, float]:
    """(counts at the bottom, counts at the top, °C at the bottom, °C at the top) of a raw temperature tag.

    Read from the tag table: the raw tag's range and the range of the tag of the same name without ``_raw``.

    Raises:
        FactoryLabError: ``sensor`` is not one of :data:`SENSORS`.
    """
    if sensor not in SENSORS:
        raise FactoryLabError(
            f"'{sensor}'은 온도 전송기의 원시값 태그가 아닙니다: {', '.join(SENSORS)} 중 하나를 쓰세요.",
            f"'{sensor}' is not a temperature transmitter's raw tag: use one of {', '.join(SENSORS)}",
        )
    raw = ALL_TAGS.get(sensor)
    engineering = ALL_TAGS.get(sensor.removesuffix("_raw"))
    assert raw is not None and engineering is not None
    return float(raw.min), float(raw.max), float(engineering.min), float(engineering.max)


def true_celsius(counts: float, sensor: str) -> float:
    """The temperature, °C, that ``counts`` of ``sensor`` stand for (linear over the tag table's ranges)."""
    raw_low, raw_high, low, high = sensor_range(sensor)
    return low + (high - low) * (counts - raw_low) / (raw_high - raw_low)


def _span(sensor: str) -> float:
    _, _, low, high = sensor_range(sensor)
    return high - low


def _full(sensor: str) -> float:
    raw_low, raw_high, _, _ = sensor_range(sensor)
    return raw_high - raw_low


def _other(sensor: str) -> str:
    return SENSORS[1 - SENSORS.index(sensor)]


def _ma(counts: float, sensor: str) -> float:
    return MA_LOW + (MA_HIGH - MA_LOW) * counts / _full(sensor)


def _counts(seed: int) -> list[tuple[int, str]]:
    rng = random.Random(f"raw_to_celsius|{seed}")
    cases = []
    ends = [0, 4000]
    rng.shuffle(ends)
    for sensor, end in zip(SENSORS, ends, strict=True):
        cases += [(end, sensor), (rng.randrange(41, 1999, 2), sensor), (rng.randrange(2001, 3959, 2), sensor)]
    return cases


_SPAN_NEXT = (
    "line.info('oven.temperature')처럼 공학 단위 태그의 범위를 확인하고, 센서마다 그 범위를 쓰세요.",
    "look up the range of the engineering tag, e.g. line.info('oven.temperature'), and use each sensor's own",
)


@register
class RawToCelsius(ValueCheck):
    """``raw_to_celsius(counts, sensor)``: a temperature transmitter's counts (0-4000) to °C, per sensor."""

    name = "raw_to_celsius"
    title = (
        "온도 전송기 ADC 카운트를 °C로: tank.temperature_raw, oven.temperature_raw",
        "temperature transmitter counts to °C: tank.temperature_raw, oven.temperature_raw",
    )
    function = "raw_to_celsius"
    unit = "°C"
    tolerance = 0.01
    count = 2
    recognisers = (
        Recogniser(
            "divided_by_4096",
            lambda c, s: _span(s) * c / 4096,
            "4096으로 나누었습니다: 이 전송기들은 0~4000 카운트를 씁니다 (12비트의 4096이 아니라).",
            "you divided by 4096: these transmitters use 0-4000 counts (not the 12-bit 4096)",
            "최대값으로 태그 표의 4000을 쓰세요 (line.info('oven.temperature_raw')).",
            "use 4000 from the tag table as the top (line.info('oven.temperature_raw'))",
        ),
        Recogniser(
            "zero_is_zero_ma",
            lambda c, s: (MA_HIGH * c / _full(s) - MA_LOW) / (MA_HIGH - MA_LOW) * _span(s),
            "카운트를 mA로 바꿀 때 0 카운트를 0 mA로 보았습니다: 0 카운트는 4 mA, 곧 범위의 맨 아래(0 °C)입니다.",
            "going through milliamps you took 0 counts as 0 mA: 0 counts is 4 mA, the bottom of the range (0 °C)",
            "mA = 4 + 16 × 카운트 / 4000으로 쓰세요.",
            "use mA = 4 + 16 x counts / 4000",
        ),
        Recogniser(
            "ma_over_20",
            lambda c, s: _ma(c, s) / MA_HIGH * _span(s),
            "온도를 mA / 20으로 계산했습니다: 4~20 mA 신호에서 0 °C는 0 mA가 아니라 4 mA입니다.",
            "you computed the temperature as mA / 20: in a 4-20 mA loop 0 °C is 4 mA, not 0 mA",
            "°C = (mA - 4) / 16 × 범위로 쓰세요.",
            "use °C = (mA - 4) / 16 x span",
        ),
        Recogniser(
            "missing_offset",
            lambda c, s: _ma(c, s) / (MA_HIGH - MA_LOW) * _span(s),
            "mA에서 4를 빼지 않았습니다: 4 mA가 0 °C이므로 4 mA만큼을 먼저 빼야 합니다.",
            "you did not subtract the 4 mA: 4 mA is 0 °C, so take the 4 mA off first",
            "°C = (mA - 4) / 16 × 범위로 쓰세요.",
            "use °C = (mA - 4) / 16 x span",
        ),
        Recogniser(
            "swapped_range",
            lambda c, s: _span(s) - _span(s) * c / _full(s),
            "범위를 거꾸로 했습니다: 0 카운트가 범위의 맨 위가 되었습니다.",
            "your range is upside down: 0 counts came out as the top of the range",
            "0 카운트 = 0 °C, 4000 카운트 = 범위의 맨 위를 확인하세요.",
            "check 0 counts = 0 °C and 4000 counts = the top of the range",
        ),
        Recogniser(
            "other_sensor",
            lambda c, s: _span(_other(s)) * c / _full(s),
            "두 센서의 범위를 서로 바꿔 썼습니다: 냉각수는 0~100 °C, 오븐은 0~400 °C입니다.",
            "you gave each sensor the other one's range: the coolant is 0-100 °C, the oven 0-400 °C",
            *_SPAN_NEXT,
        ),
        Recogniser(
            "one_range",
            lambda c, s: _span(SENSORS[0]) * c / _full(s),
            "두 센서에 같은 범위(0~100 °C)를 썼습니다: 오븐의 열전대 전송기는 0~400 °C입니다.",
            "you used one range (0-100 °C) for both sensors: the oven's thermocouple transmitter is 0-400 °C",
            *_SPAN_NEXT,
        ),
        Recogniser(
            "one_range",
            lambda c, s: _span(SENSORS[1]) * c / _full(s),
            "두 센서에 같은 범위(0~400 °C)를 썼습니다: 냉각수 온도 전송기는 0~100 °C입니다.",
            "you used one range (0-400 °C) for both sensors: the coolant's temperature transmitter is 0-100 °C",
            *_SPAN_NEXT,
        ),
        Recogniser(
            "integer_division",
            lambda c, s: math.floor(_span(s) * c / _full(s)),
            "정수 나눗셈(//)이나 int()를 써서 소수점 아래가 잘렸습니다.",
            "you used integer division (//) or int(), which cuts off the decimals",
            "나눗셈은 /를 쓰고, 반올림은 하지 마세요.",
            "divide with / and do not round",
        ),
        Recogniser(
            "integer_division",
            lambda c, s: math.floor(c / _full(s)) * _span(s),
            "정수 나눗셈(//)을 먼저 해서 4000보다 작은 카운트가 모두 0 °C가 되었습니다.",
            "you divided with // first, so every count below 4000 came out as 0 °C",
            "나눗셈은 /를 쓰세요.",
            "divide with /, not //",
        ),
    )

    def cases(self, seed: int) -> list[Case]:
        return [Case((counts, sensor), true_celsius(counts, sensor)) for counts, sensor in _counts(seed)]
