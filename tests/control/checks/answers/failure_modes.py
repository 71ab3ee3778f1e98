"""Answers to ``failure_modes``: ``explore(parts)`` (lab 7-1, exercise 7-1).

Judged on a real 4-hour run-to-failure CNC shift (``parts=``, made the first time a test submits it) and on
hidden tables of other machines.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

import factorylab

from ..catalogue import With, Wrong

CHECK = "failure_modes"
MODES = ["TWF", "HDF", "PWF", "OSF", "RNF"]
_DATA: dict[str, Any] = {}


def own_parts() -> pd.DataFrame:
    """The lab's real 3-hour run-to-failure shift of the CNC scenario, seed 1 (made once per test process)."""
    if "parts" not in _DATA:
        _DATA["parts"], _ = factorylab.data.shift(seed=1, hours=3, scenario="cnc", tool_policy="run-to-failure")
    return _DATA["parts"]


class Own(With):
    """An answer submitted with the student's own parts table (``parts=``), built when first used."""

    def __init__(self, answer: Any) -> None:
        self._answer, self.name = answer, getattr(answer, "__name__", "answer")

    @property
    def answer(self) -> Any:
        return self._answer

    @property
    def options(self) -> dict[str, Any]:
        return {"parts": own_parts()}


def _explore(parts, rates=1.0, per_failed=False, wear=1.0, grade="L", swap=False, rpm=False, copied=False):
    n = parts["machine_failure"].sum() if per_failed else len(parts)
    answer = {m: parts[m].sum() / n * 100 * rates for m in MODES}
    g = parts[parts["grade"] == grade]
    strain = g["tool_wear"] * wear * g["torque"]
    answer["osf_limit_L"] = 11000.0 if copied else strain[g["OSF"] == 1].min()
    omega = parts["rotational_speed"] if rpm else parts["rotational_speed"] * 2 * math.pi / 60
    power = parts["torque"] * omega
    failed = power[parts["PWF"] == 1]
    low, high = failed[failed < power.median()].max(), failed[failed > power.median()].min()
    answer["pwf_low"], answer["pwf_high"] = (high, low) if swap else (low, high)
    return answer


def explore(parts):
    """Reference: the smallest wear × torque of grade L's OSF parts, the edges of the PWF groups."""
    return _explore(parts)


def from_the_fine_side(parts):
    """The other side of each edge: the largest wear × torque without OSF, the extremes of fine power."""
    answer = {m: 100 * parts[m].mean() for m in MODES}
    grade_l = parts.query("grade == 'L'")
    strain = grade_l.tool_wear * grade_l.torque
    answer["osf_limit_L"] = strain[grade_l.OSF == 0].max()
    power = parts.torque * parts.rotational_speed * 2 * math.pi / 60
    fine = power[parts.PWF == 0]
    answer["pwf_low"], answer["pwf_high"] = fine.min(), fine.max()
    return answer


def midpoints(parts):
    """Midway between the last fine part and the first failed one, in a loop."""
    answer = {}
    for mode in MODES:
        answer[mode] = 100 * sum(parts[mode]) / len(parts)
    l_parts = parts[parts["grade"] == "L"]
    strain = l_parts["tool_wear"] * l_parts["torque"]
    bad, ok = strain[l_parts["OSF"] == 1].min(), strain[l_parts["OSF"] == 0].max()
    answer["osf_limit_L"] = (bad + ok) / 2
    watts = parts["torque"] * parts["rotational_speed"] * math.pi / 30
    fine = watts[parts["PWF"] == 0]
    answer["pwf_low"] = (fine.min() + watts[(parts["PWF"] == 1) & (watts < fine.min())].max()) / 2
    answer["pwf_high"] = (fine.max() + watts[(parts["PWF"] == 1) & (watts > fine.max())].min()) / 2
    return answer


def _wrong(name, **how):
    def answer(parts):
        return _explore(parts, **how)

    answer.__name__ = name
    return Own(answer)


REFERENCE = Own(explore)
CORRECT = [Own(explore), Own(from_the_fine_side), Own(midpoints)]
WRONG = [
    Wrong(_wrong("rates_fraction", rates=0.01), "rates_fraction"),
    Wrong(_wrong("rates_of_failures", per_failed=True), "rates_of_failures"),
    Wrong(_wrong("minutes_as_seconds", wear=60.0), "minutes_as_seconds"),
    Wrong(_wrong("other_grade", grade="M"), "other_grade"),
    Wrong(_wrong("band_swapped", swap=True), "band_swapped"),
    Wrong(_wrong("power_in_rpm", rpm=True), "power_in_rpm"),
    Wrong(_wrong("copied_constant", copied=True), "copied_constant"),
    Wrong(explore, "no_data"),
]
