"""Answers to ``gauge_sigma``: the gauge's σ and the process's σ (mm) for the student's own shift (lab 5-1, 5-1)."""

from __future__ import annotations

import statistics

import numpy as np

from ..catalogue import Wrong
from .xbar_r import Own, own_parts

CHECK = "gauge_sigma"


def _fresh():
    parts = own_parts()
    return parts[(parts["machine_failure"] == 0) & (parts["tool_wear"] < 30)]


def reference():
    fresh = _fresh()
    return {"gauge": (fresh["measured_dimension"] - fresh["dimension"]).std(), "process": fresh["dimension"].std()}


def with_numpy():
    fresh = _fresh()
    error = fresh["measured_dimension"].to_numpy() - fresh["dimension"].to_numpy()
    return {"gauge": np.std(error), "process": np.std(fresh["dimension"].to_numpy())}


def with_statistics():
    parts = own_parts()
    errors, diameters = [], []
    for _, row in parts.iterrows():
        if row["machine_failure"] == 0 and row["tool_wear"] < 30:
            errors.append(row["measured_dimension"] - row["dimension"])
            diameters.append(row["dimension"])
    return {"process": statistics.stdev(diameters), "gauge": statistics.pstdev(errors)}


class Given(Own):
    """A dict of numbers worked out from the own shift when first submitted."""

    def __init__(self, make, name: str) -> None:
        super().__init__(None, name)
        self._make = make

    @property
    def answer(self):
        return self._make()


class NoParts(Given):
    """The right numbers, but without parts=."""

    @property
    def options(self):
        return {}


def variances_subtracted():
    """Gauge R&R's way: σ_process = √(σ_measured² - σ_gauge²) (what a plant without the true value does)."""
    fresh = _fresh()
    gauge = (fresh["measured_dimension"] - fresh["dimension"]).std()
    return {"gauge": gauge, "process": (fresh["measured_dimension"].var() - gauge**2) ** 0.5}


REFERENCE = Given(reference, "pandas_std")
CORRECT = [
    REFERENCE,
    Given(with_numpy, "numpy_std"),
    Given(with_statistics, "statistics_loop"),
    Given(variances_subtracted, "variances_subtracted"),
]


def _swap():
    right = reference()
    return {"gauge": right["process"], "process": right["gauge"]}


def _variance():
    fresh = _fresh()
    return {"gauge": (fresh["measured_dimension"] - fresh["dimension"]).var(), "process": fresh["dimension"].std()}


def _measured():
    fresh = _fresh()
    return {"gauge": reference()["gauge"], "process": fresh["measured_dimension"].std()}


def _subtracted():
    fresh = _fresh()
    gauge = (fresh["measured_dimension"] - fresh["dimension"]).std()
    return {"gauge": gauge, "process": fresh["measured_dimension"].std() - gauge}


def _difference():
    fresh = _fresh()
    return {
        "gauge": fresh["measured_dimension"].std() - fresh["dimension"].std(),
        "process": fresh["dimension"].std(),
    }


def _all_rows():
    parts = own_parts()
    return {"gauge": (parts["measured_dimension"] - parts["dimension"]).std(), "process": parts["dimension"].std()}


def _worn_tools():
    parts = own_parts()
    rows = parts[(parts["machine_failure"] == 0) & (parts["tool_wear"] < 100)]
    return {"gauge": (rows["measured_dimension"] - rows["dimension"]).std(), "process": rows["dimension"].std()}


def _wear_up_to_30():
    parts = own_parts()
    rows = parts[(parts["machine_failure"] == 0) & (parts["tool_wear"] <= 30)]
    return {"gauge": (rows["measured_dimension"] - rows["dimension"]).std(), "process": rows["dimension"].std()}


def _failures_kept():
    parts = own_parts()
    rows = parts[parts["tool_wear"] < 30]
    return {"gauge": (rows["measured_dimension"] - rows["dimension"]).std(), "process": rows["dimension"].std()}


class Doctored(Given):
    """A cheat: a two-row table whose diameters are all 20.000 mm, answered with zeros."""

    @property
    def options(self):
        tiny = own_parts().head(2).assign(machine_failure=0, tool_wear=0.0, dimension=20.0, measured_dimension=20.0)
        return {"parts": tiny}


WRONG = [
    Wrong(Given(_swap, "swapped"), "swapped"),
    Wrong(Given(_wear_up_to_30, "wear_up_to_30"), "wear_boundary"),
    Wrong(Given(_failures_kept, "failures_kept"), "kept_failures"),
    Wrong(Doctored(lambda: {"gauge": 0.0, "process": 0.0}, "doctored_table"), "implausible_parts"),
    Wrong(Given(_variance, "variance"), "variance"),
    Wrong(Given(_measured, "measured_as_process"), "measured_as_process"),
    Wrong(Given(_subtracted, "sd_subtracted"), "sd_subtracted"),
    Wrong(Given(_difference, "gauge_sd_difference"), "gauge_sd_difference"),
    Wrong(Given(_all_rows, "all_rows"), "all_rows"),
    Wrong(Given(_worn_tools, "wear_below_100"), "wrong_value"),
    Wrong(Given(lambda: {"gauge": None, "process": None}, "blank_template"), "not_a_number"),
    Wrong(Given(lambda: 0.005, "one_number"), "not_a_dict"),
    Wrong(NoParts(reference, "without_parts"), "no_parts"),
]
