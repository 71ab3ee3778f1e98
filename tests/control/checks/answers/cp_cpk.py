"""Answers to ``cp_cpk``: Cp and Cpk with the within-subgroup sigma, and the numbers of a real shift.

The own-data numbers come from a real two-hour shift (``factorylab.data.shift``,
seed 3), made the first time a test asks for them (not at import).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..catalogue import With, Wrong

CHECK = "cp_cpk"
LSL, USL, HARD_LSL = 19.90, 20.10, 42.0
_DATA: dict[str, Any] = {}


def shift_parts() -> pd.DataFrame:
    """Two hours of the line, seed 3 (made once)."""
    if "parts" not in _DATA:
        import factorylab

        _DATA["parts"], _ = factorylab.data.shift(seed=3, hours=2)
    return _DATA["parts"]


def samples() -> dict[str, Any]:
    parts = shift_parts()
    ok = parts[parts["defect_cause"] != "machining"]
    return {
        "fresh": ok[ok["tool_wear"] <= 60]["measured_dimension"],
        "worn": ok[ok["tool_wear"] >= 150]["measured_dimension"],
        "hardness": ok["measured_hardness"],
    }


# --- the reference: loops ---------------------------------------------------------------------------------------
def sigma_within(values):
    values = list(values)
    ranges = [max(values[i : i + 5]) - min(values[i : i + 5]) for i in range(0, len(values) - 4, 5)]
    return np.mean(ranges) / 2.326


def cp(values, lsl, usl):
    return (usl - lsl) / (6 * sigma_within(values))


def cpk(values, lsl, usl):
    mean = np.mean(list(values))
    sigma = sigma_within(values)
    if usl is None:
        return (mean - lsl) / (3 * sigma)
    return min(usl - mean, mean - lsl) / (3 * sigma)


# --- numpy: reshape into rows of 5 ------------------------------------------------------------------------------
def _sigma_reshaped(values):
    x = np.asarray(list(values), dtype=float)
    rows = x[: len(x) // 5 * 5].reshape(-1, 5)
    return np.ptp(rows, axis=1).mean() / 2.326


def cp_numpy(values, lsl, usl):
    return (usl - lsl) / 6 / _sigma_reshaped(values)


def cpk_numpy(values, lsl, usl):
    mu = float(np.mean(np.asarray(list(values), dtype=float)))
    distances = [mu - lsl] if usl is None else [usl - mu, mu - lsl]
    return min(distances) / 3 / _sigma_reshaped(values)


# --- pandas: groupby the subgroup number --------------------------------------------------------------------------
def _sigma_grouped(values):
    s = pd.Series(list(values), dtype=float)
    s = s.iloc[: len(s) // 5 * 5]
    groups = s.groupby(np.arange(len(s)) // 5)
    return (groups.max() - groups.min()).mean() / 2.326


class Capability:
    """Cp and Cpk as methods of one object (the bound methods are the answers)."""

    def cp(self, values, lsl, usl):
        return (usl - lsl) / (6 * _sigma_grouped(values))

    def cpk(self, values, lsl, usl):
        mean = pd.Series(list(values), dtype=float).mean()
        upper = float("inf") if usl is None else usl - mean
        return min(upper, mean - lsl) / (3 * _sigma_grouped(values))


class Own(With):
    """The answer dict with the numbers of the shift, built from the functions the first time it is used."""

    def __init__(self, cp_f, cpk_f, name: str, **override: Any) -> None:
        self._cp, self._cpk, self.name, self._override, self._built = cp_f, cpk_f, name, override, None

    def _build(self) -> dict[str, Any]:
        if self._built is None:
            s = samples()
            plan = {
                "fresh_cp": lambda: self._cp(s["fresh"], LSL, USL),
                "fresh_cpk": lambda: self._cpk(s["fresh"], LSL, USL),
                "worn_cp": lambda: self._cp(s["worn"], LSL, USL),
                "worn_cpk": lambda: self._cpk(s["worn"], LSL, USL),
                "hardness_cpk": lambda: self._cpk(s["hardness"], HARD_LSL, None),
            }
            answer = {"cp": self._cp, "cpk": self._cpk}
            answer.update({key: make() for key, make in plan.items() if key not in self._override})
            for key, change in self._override.items():
                answer[key] = change(answer, s) if callable(change) else change
            self._built = answer
        return self._built

    @property
    def answer(self) -> dict[str, Any]:  # type: ignore[override]
        return self._build()

    @property
    def options(self) -> dict[str, Any]:  # type: ignore[override]
        return {"parts": shift_parts()}

    @property
    def __name__(self) -> str:
        return self.name


def _exact(answer, s, key):
    """The reference number for ``key`` (the rounded answer rounds it)."""
    group, _, what = key.partition("_")
    limits = (HARD_LSL, None) if group == "hardness" else (LSL, USL)
    return (cp if what == "cp" else cpk)(s[group], *limits)


_object = Capability()
CORRECT = [
    Own(cp, cpk, "loops"),
    Own(cp_numpy, cpk_numpy, "numpy_reshape"),
    Own(_object.cp, _object.cpk, "pandas_groupby_methods"),
    Own(
        cp,
        cpk,
        "rounded_to_two_places",
        **{
            k: (lambda a, s, k=k: round(float(_exact(a, s, k)), 2))
            for k in ("fresh_cp", "fresh_cpk", "worn_cp", "worn_cpk", "hardness_cpk")
        },
    ),
]
REFERENCE = CORRECT[0]


# --- wrong ---------------------------------------------------------------------------------------------------------
def cpk_six_sigma(values, lsl, usl):
    mean = np.mean(list(values))
    sides = [mean - lsl] if usl is None else [usl - mean, mean - lsl]
    return min(sides) / (6 * sigma_within(values))


def cpk_without_mean(values, lsl, usl):
    if usl is None:
        return (np.mean(list(values)) - lsl) / (3 * sigma_within(values))
    return (usl - lsl) / (6 * sigma_within(values))


def cp_overall(values, lsl, usl):
    return (usl - lsl) / (6 * np.std(list(values)))


def cpk_overall(values, lsl, usl):
    x = list(values)
    mean, sigma = np.mean(x), np.std(x)
    return ((mean - lsl) if usl is None else min(usl - mean, mean - lsl)) / (3 * sigma)


def cpk_rbar(values, lsl, usl):
    mean = np.mean(list(values))
    rbar = sigma_within(values) * 2.326
    return ((mean - lsl) if usl is None else min(usl - mean, mean - lsl)) / (3 * rbar)


def cp_three_sigma(values, lsl, usl):
    return (usl - lsl) / (3 * sigma_within(values))


def cpk_two_sided_only(values, lsl, usl):
    mean = np.mean(list(values))
    return min(usl - mean, mean - lsl) / (3 * sigma_within(values))


def not_written(values, lsl, usl):
    raise NotImplementedError()


def _individuals(values):
    mean, sigma = np.mean(list(values)), sigma_within(values)
    return mean - 3 * sigma, mean + 3 * sigma


def _with_control_limits(answer, s):
    low, high = _individuals(s["fresh"])
    return cpk(s["fresh"], low, high)


WRONG = [
    Wrong(Own(cp, cpk_six_sigma, "six_sigma_in_cpk"), "six_sigma_cpk"),
    Wrong(Own(cp, cpk_without_mean, "cpk_without_the_mean"), "mean_not_used"),
    Wrong(Own(cp_overall, cpk_overall, "overall_np_std"), "overall_sigma"),
    Wrong(Own(cp, cpk_rbar, "rbar_as_sigma"), "rbar_not_divided"),
    Wrong(Own(cp_three_sigma, cpk, "three_sigma_in_cp"), "three_sigma_cp"),
    Wrong(Own(cp, cpk_two_sided_only, "no_one_sided_case", hardness_cpk=4.0), "function_error"),
    Wrong(Own(cp, cpk, "control_limits_for_spec", fresh_cpk=_with_control_limits), "control_limits"),
    Wrong(Own(cp, cpk, "fresh_and_worn_swapped", fresh_cpk=lambda a, s: cpk(s["worn"], LSL, USL)), "wrong_own_value"),
    Wrong(Own(cp, cpk, "numbers_left_blank", worn_cp=None), "missing"),
    Wrong(
        With(
            {
                "cp": not_written,
                "cpk": not_written,
                **dict.fromkeys(("fresh_cp", "fresh_cpk", "worn_cp", "worn_cpk", "hardness_cpk"), 1.0),
            },
            {},
            "functions_not_written",
        ),
        "not_written",
    ),
    Wrong(
        With(
            {
                "cp": cp,
                "cpk": cpk,
                **dict.fromkeys(("fresh_cp", "fresh_cpk", "worn_cp", "worn_cpk", "hardness_cpk"), 1.0),
            },
            {},
            "no_parts_given",
        ),
        "no_data",
    ),
]
