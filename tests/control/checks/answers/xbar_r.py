"""Answers to ``xbar_r``: ``xbar_r_limits(df)``, the phase I limits of the X̄-R chart (lab 5-1, exercise 5-2).

Each answer is judged on hidden shifts and on a real 3-hour CNC shift (``parts=``), made the first time a
test submits it (``Own``), not when the catalogue is imported.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

import factorylab

from ..catalogue import With, Wrong

CHECK = "xbar_r"
A2, D3, D4, D2 = 0.577, 0.0, 2.114, 2.326

_DATA: dict[str, Any] = {}


def own_parts() -> pd.DataFrame:
    """A real 3-hour shift of the CNC scenario (made once per test process)."""
    if "parts" not in _DATA:
        _DATA["parts"], _ = factorylab.data.shift(seed=5, hours=3, scenario="cnc")
    return _DATA["parts"]


class Own(With):
    """An answer submitted with the student's own parts table (``parts=``), built when first used."""

    def __init__(self, answer: Any, name: str, **options: Any) -> None:
        self._answer, self._options, self.name = answer, options, name

    @property
    def answer(self) -> Any:
        return self._answer

    @property
    def options(self) -> dict[str, Any]:
        return {"parts": own_parts(), **{k: v() if callable(v) else v for k, v in self._options.items()}}


def _phase_one(df: pd.DataFrame, column: str = "measured_dimension", count: int = 25) -> pd.DataFrame:
    good = df[df["machine_failure"] == 0]
    tool = (good["tool_wear"].diff() < 0).cumsum()
    first = good.groupby(tool).head(5)
    groups = first.groupby(tool[first.index])[column].agg(["mean", "max", "min", "count"])
    groups = groups[groups["count"] == 5]
    return groups.head(count) if count else groups


def _limits(xbarbar: float, rbar: float, a2: float = A2, d4: float = D4) -> dict[str, float]:
    return {
        "xbar_cl": xbarbar,
        "xbar_ucl": xbarbar + a2 * rbar,
        "xbar_lcl": xbarbar - a2 * rbar,
        "r_cl": rbar,
        "r_ucl": d4 * rbar,
        "r_lcl": D3 * rbar,
    }


def xbar_r_limits(df):
    """Reference: the solution of lab 5-1."""
    good = df[df["machine_failure"] == 0]
    tool = (good["tool_wear"].diff() < 0).cumsum()
    first = good.groupby(tool).head(5)
    groups = first.groupby(tool[first.index])["measured_dimension"].agg(["mean", "max", "min", "count"])
    groups = groups[groups["count"] == 5].head(25)
    xbarbar = groups["mean"].mean()
    rbar = (groups["max"] - groups["min"]).mean()
    return _limits(xbarbar, rbar)


def with_loops(df):
    """Plain Python: walk the parts, start a tool where the wear drops, keep its first 5 good parts."""
    subgroups, current, last_wear = [], [], None
    for wear, measured, failed in zip(df["tool_wear"], df["measured_dimension"], df["machine_failure"], strict=True):
        if failed:
            continue
        if last_wear is not None and wear < last_wear:
            if len(current) == 5:
                subgroups.append(current)
            current = []
        last_wear = wear
        if len(current) < 5:
            current.append(measured)
    if len(current) == 5:
        subgroups.append(current)
    subgroups = subgroups[:25]
    xbars = [sum(g) / 5 for g in subgroups]
    ranges = [max(g) - min(g) for g in subgroups]
    xbarbar, rbar = sum(xbars) / len(xbars), sum(ranges) / len(ranges)
    return _limits(xbarbar, rbar)


def with_d2(df):
    """σ̂ = R̄ / d2 and X̄̄ ± 3σ̂/√5 (the same limits as A2·R̄), numpy arrays, tool_wear == 0 after a failure filter."""
    good = df[df["machine_failure"] == 0].reset_index(drop=True)
    starts = list(np.flatnonzero(np.diff(good["tool_wear"].to_numpy()) < 0) + 1)
    bounds = [0, *starts, len(good)]
    values = good["measured_dimension"].to_numpy()
    groups = [values[a : a + 5] for a, b in zip(bounds, bounds[1:], strict=False) if b - a >= 5][:25]
    matrix = np.array(groups)
    rbar = float((matrix.max(axis=1) - matrix.min(axis=1)).mean())
    xbarbar = float(matrix.mean())
    sigma = rbar / D2
    return {
        "xbar_cl": xbarbar,
        "xbar_ucl": xbarbar + 3 * sigma / math.sqrt(5),
        "xbar_lcl": xbarbar - 3 * sigma / math.sqrt(5),
        "r_cl": rbar,
        "r_ucl": D4 * rbar,
        "r_lcl": 0,
    }


def as_series(df):
    """A pandas Series with the six names as its index."""
    return pd.Series(xbar_r_limits(df))


def by_defect_cause_and_time(df):
    """Columns only the real table seemed to have: ``defect_cause`` (as lab 5-2 drops failures) and ``fed_at``."""
    good = df.sort_values("fed_at")
    good = good[good["defect_cause"] != "machining"]
    tool = (good["tool_wear"].diff() < 0).cumsum()
    groups = [list(g["measured_dimension"].head(5)) for _, g in good.groupby(tool)]
    groups = [g for g in groups if len(g) == 5][:25]
    xbarbar = float(np.mean([np.mean(g) for g in groups]))
    rbar = float(np.mean([max(g) - min(g) for g in groups]))
    return _limits(xbarbar, rbar)


REFERENCE = xbar_r_limits
CORRECT = [
    Own(xbar_r_limits, "reference_own_data"),
    Own(with_loops, "loops_own_data"),
    Own(with_d2, "d2_numpy_own_data"),
    Own(as_series, "series_own_data"),
    Own(by_defect_cause_and_time, "defect_cause_fed_at_own_data"),
]


def spec_limits(df):
    out = xbar_r_limits(df)
    out.update({"xbar_ucl": 20.10, "xbar_lcl": 19.90})
    return out


def std_of_individuals(df):
    good = df[df["machine_failure"] == 0]
    tool = (good["tool_wear"].diff() < 0).cumsum()
    first = good.groupby(tool).head(5)
    keep = _phase_one(df).index
    values = first[tool[first.index].isin(keep)]["measured_dimension"]
    out = xbar_r_limits(df)
    mean, sd = values.mean(), np.std(values)
    out.update({"xbar_cl": mean, "xbar_ucl": mean + 3 * sd, "xbar_lcl": mean - 3 * sd})
    return out


def std_over_root_n(df):
    good = df[df["machine_failure"] == 0]
    tool = (good["tool_wear"].diff() < 0).cumsum()
    first = good.groupby(tool).head(5)
    keep = _phase_one(df).index
    values = first[tool[first.index].isin(keep)]["measured_dimension"]
    out = xbar_r_limits(df)
    mean, sd = values.mean(), values.std() / math.sqrt(5)
    out.update({"xbar_cl": mean, "xbar_ucl": mean + 3 * sd, "xbar_lcl": mean - 3 * sd})
    return out


def consecutive_parts(df):
    values = df[df["machine_failure"] == 0]["measured_dimension"].to_numpy()[:125].reshape(25, 5)
    return _limits(values.mean(), (values.max(axis=1) - values.min(axis=1)).mean())


def every_tool(df):
    groups = _phase_one(df, count=0)
    return _limits(groups["mean"].mean(), (groups["max"] - groups["min"]).mean())


def kept_failures(df):
    tool = (df["tool_wear"].diff() < 0).cumsum()
    first = df.groupby(tool).head(5)
    groups = first.groupby(tool[first.index])["measured_dimension"].agg(["mean", "max", "min", "count"])
    groups = groups[groups["count"] == 5].head(25)
    return _limits(groups["mean"].mean(), (groups["max"] - groups["min"]).mean())


def true_dimension(df):
    groups = _phase_one(df, "dimension")
    return _limits(groups["mean"].mean(), (groups["max"] - groups["min"]).mean())


def short_subgroups(df):
    good = df[df["machine_failure"] == 0]
    tool = (good["tool_wear"].diff() < 0).cumsum()
    first = good.groupby(tool).head(5)
    groups = first.groupby(tool[first.index])["measured_dimension"].agg(["mean", "max", "min"]).head(25)
    return _limits(groups["mean"].mean(), (groups["max"] - groups["min"]).mean())


def factors_for_n4(df):
    groups = _phase_one(df)
    return _limits(groups["mean"].mean(), (groups["max"] - groups["min"]).mean(), a2=0.729, d4=2.282)


def returns_tuple(df):
    out = xbar_r_limits(df)
    return out["xbar_lcl"], out["xbar_ucl"]


def forgets_r_lcl(df):
    out = xbar_r_limits(df)
    del out["r_lcl"]
    return out


def r_from_std(df):
    groups = _phase_one(df)
    out = xbar_r_limits(df)
    out["r_cl"] = (groups["max"] - groups["min"]).std()
    return out


WRONG = [
    Wrong(spec_limits, "spec_limits"),
    Wrong(std_of_individuals, "sigma_individuals"),
    Wrong(std_over_root_n, "sigma_from_std"),
    Wrong(consecutive_parts, "phase1_with_drift"),
    Wrong(every_tool, "too_many_subgroups"),
    Wrong(kept_failures, "kept_failures"),
    Wrong(true_dimension, "true_dimension"),
    Wrong(short_subgroups, "short_subgroup"),
    Wrong(factors_for_n4, "wrong_n_factor"),
    Wrong(returns_tuple, "not_a_dict"),
    Wrong(forgets_r_lcl, "missing_key"),
    Wrong(r_from_std, "wrong_value"),
    Wrong(xbar_r_limits, "no_data"),  # right function, own table not given: parts= is required
]
