"""Answers to ``raw_to_ma``: level transmitter counts (0-4000) to loop current (4-20 mA)."""

from __future__ import annotations

import numpy as np

from ..catalogue import Wrong

CHECK = "raw_to_ma"


def raw_to_ma(counts):
    """Reference."""
    return 4 + 16 * counts / 4000


def in_steps(counts):
    fraction = counts / 4000
    span = 20 - 4
    return 4 + fraction * span


def with_numpy(counts):
    return float(np.interp(counts, [0, 4000], [4.0, 20.0]))


CORRECT = [raw_to_ma, in_steps, with_numpy, lambda counts: np.float64(4.0) + counts * 0.004]
REFERENCE = raw_to_ma


def by_4096(counts):
    return 4 + 16 * counts / 4096


def zero_counts_zero_ma(counts):
    return 20 * counts / 4000


def no_offset(counts):
    return 16 * counts / 4000


def upside_down(counts):
    return 20 - 16 * counts / 4000


def integer_division(counts):
    return 4 + 16 * counts // 4000


def prints_instead(counts):
    print(4 + 16 * counts / 4000)


def off_by_a_little(counts):
    return 4 + 16 * counts / 4000 + 0.1


def crashes(counts):
    return 4 + 16 * counts / undefined_span  # noqa: F821 - the student's mistake


WRONG = [
    Wrong(by_4096, "divided_by_4096"),
    Wrong(zero_counts_zero_ma, "zero_is_zero_ma"),
    Wrong(no_offset, "missing_offset"),
    Wrong(upside_down, "swapped_range"),
    Wrong(integer_division, "integer_division"),
    Wrong(prints_instead, "not_a_number"),
    Wrong(off_by_a_little, "wrong_value"),
    Wrong(crashes, "python_error"),
    Wrong("4 + 16 * counts / 4000", "not_an_answer"),
]
