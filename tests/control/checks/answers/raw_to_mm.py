"""Answers to ``raw_to_mm``: level transmitter counts (0-4000) to level (0-1000 mm)."""

from __future__ import annotations

from ..catalogue import Wrong

CHECK = "raw_to_mm"


def raw_to_mm(counts):
    """Reference."""
    return 1000 * counts / 4000


def through_milliamps(counts):
    ma = 4 + 16 * counts / 4000
    return (ma - 4) / 16 * 1000


def per_count(counts):
    mm_per_count = 1000 / 4000
    return counts * mm_per_count


CORRECT = [raw_to_mm, through_milliamps, per_count]
REFERENCE = raw_to_mm


def by_4096(counts):
    return 1000 * counts / 4096


def zero_is_zero_ma(counts):
    ma = 20 * counts / 4000
    return (ma - 4) / 16 * 1000


def span_of_20(counts):
    ma = 4 + 16 * counts / 4000
    return (ma - 4) / 20 * 1000


def upside_down(counts):
    return 1000 - counts / 4


def integer_division(counts):
    return counts * 1000 // 4000


def returns_text(counts):
    return f"{counts / 4} mm"


def metres(counts):
    return counts / 4000


WRONG = [
    Wrong(by_4096, "divided_by_4096"),
    Wrong(zero_is_zero_ma, "zero_is_zero_ma"),
    Wrong(span_of_20, "span_20_ma"),
    Wrong(upside_down, "swapped_range"),
    Wrong(integer_division, "integer_division"),
    Wrong(returns_text, "not_a_number"),
    Wrong(metres, "wrong_value"),
]
