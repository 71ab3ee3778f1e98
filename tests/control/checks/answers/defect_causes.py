"""Answers to ``defect_causes``: the causes of seven observations, and two shares of a real troubled shift.

The tables come from :func:`defect_shift` (seed 2), made the first time a test asks for them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..catalogue import With, Wrong

CHECK = "defect_causes"
_DATA: dict[str, Any] = {}

RIGHT = {
    "soft_heater_100": "oven_cold",
    "soft_dwell_15": "dwell_short",
    "overheated_243": "oven_hot",
    "dimension_worn_tool": "tool_wear",
    "dimension_low_tank": "no_coolant",
    "dimension_hot_process": "no_coolant",
    "misjudged_near_limit": "gauge",
}


def tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The troubled hour, seed 2 (made once), with the coolant level at the CNC joined as in the lab."""
    if "parts" not in _DATA:
        from factorylab.labs.lab05b_defects_checks import defect_shift

        parts, machines = defect_shift(seed=2)
        joined = pd.merge_asof(
            parts[["part_id", "oven_in"]].dropna().sort_values("oven_in"),
            machines[["t", "tank_level"]].sort_values("t"),
            left_on="oven_in",
            right_on="t",
            direction="backward",
        )
        parts["tank_level_at_cnc"] = joined.set_index("part_id")["tank_level"].reindex(parts["part_id"]).to_numpy()
        _DATA["parts"], _DATA["machines"] = parts, machines
    return _DATA["parts"], _DATA["machines"]


def shares_masks(parts: pd.DataFrame) -> dict[str, float]:
    """The reference: boolean masks and mean."""
    cold = parts[parts["peak_temperature"] < 200]
    dry = parts[parts["tank_level_at_cnc"] < 100]
    return {
        "soft_share_cold": 100 * (cold["defect_cause"] == "soft").mean(),
        "dimension_share_dry": 100 * (dry["defect_cause"] == "dimension").mean(),
    }


def shares_counted(parts: pd.DataFrame) -> dict[str, float]:
    """Counting with loops, rounded to one decimal."""
    cold = soft = dry = dim = 0
    for peak, level, cause in zip(
        parts["peak_temperature"], parts["tank_level_at_cnc"], parts["defect_cause"], strict=True
    ):
        if peak < 200:
            cold += 1
            soft += cause == "soft"
        if level < 100:
            dry += 1
            dim += cause == "dimension"
    return {"soft_share_cold": round(100 * soft / cold, 1), "dimension_share_dry": round(100 * dim / dry, 1)}


def shares_groupby(parts: pd.DataFrame) -> dict[str, float]:
    """groupby on a True/False column and value_counts(normalize=True)."""
    by_cold = parts.groupby(parts["peak_temperature"] < 200)["defect_cause"].value_counts(normalize=True)
    by_dry = parts.groupby(parts["tank_level_at_cnc"] < 100)["defect_cause"].value_counts(normalize=True)
    return {
        "soft_share_cold": float(by_cold.get((True, "soft"), 0.0)) * 100,
        "dimension_share_dry": float(by_dry.get((True, "dimension"), 0.0)) * 100,
    }


class Answer(With):
    """The answer dict, built from the tables the first time it is used."""

    def __init__(self, name: str, shares=shares_masks, tables_given: bool = True, **override: Any) -> None:
        self.name, self._shares, self._tables, self._override, self._built = name, shares, tables_given, override, None

    @property
    def answer(self) -> dict[str, Any]:  # type: ignore[override]
        if self._built is None:
            parts, _ = tables()
            answer = {**RIGHT, **self._shares(parts)}
            for key, value in self._override.items():
                answer[key] = value(parts) if callable(value) else value
            self._built = answer
        return self._built

    @property
    def options(self) -> dict[str, Any]:  # type: ignore[override]
        if not self._tables:
            return {}
        parts, machines = tables()
        return {"parts": parts, "machines": machines}

    @property
    def __name__(self) -> str:
        return self.name


class Doctored(Answer):
    """A cheat: every defect_cause blanked in the tables passed, both shares answered 0."""

    @property
    def options(self) -> dict[str, Any]:  # type: ignore[override]
        parts, machines = tables()
        return {"parts": parts.assign(defect_cause=""), "machines": machines}


CORRECT = [
    Answer("masks"),
    Answer("loops_rounded", shares_counted),
    Answer("groupby_value_counts", shares_groupby, soft_heater_100=" Oven_Cold "),
]
REFERENCE = CORRECT[0]


def _cold(parts):
    return parts[parts["peak_temperature"] < 200]


WRONG = [
    Wrong(Answer("heater_blamed", soft_heater_100="heater_high"), "wrong_direction"),
    Wrong(Answer("process_temperature_blamed", dimension_hot_process="process_temperature"), "correlation_not_cause"),
    Wrong(Answer("gauge_blamed_for_wear", dimension_worn_tool="gauge"), "gauge_blamed"),
    Wrong(Answer("short_dwell_read_as_cold_oven", soft_dwell_15="oven_cold"), "wrong:soft_dwell_15"),
    Wrong(Answer("not_a_choice", overheated_243="too hot"), "not_a_choice"),
    Wrong(
        Answer("share_as_fraction", soft_share_cold=lambda p: (_cold(p)["defect_cause"] == "soft").mean()),
        "fraction_not_percent",
    ),
    Wrong(
        Answer("share_of_all_parts", soft_share_cold=lambda p: 100 * (p["defect_cause"] == "soft").mean()),
        "wrong_group",
    ),
    Wrong(
        Answer("every_defect_counted", soft_share_cold=lambda p: 100 * (_cold(p)["defect_cause"] != "").mean()),
        "every_cause",
    ),
    Wrong(Answer("share_guessed", dimension_share_dry=50.0), "wrong_share"),
    Wrong(Answer("an_item_left_blank", dimension_low_tank=None), "missing"),
    Wrong(Answer("no_tables_given", tables_given=False), "no_data"),
    Wrong(Answer("misspelt_item", soft_heatr_100="oven_cold"), "unknown_item"),
    Wrong(Doctored("doctored_tables", soft_share_cold=0.0, dimension_share_dry=0.0), "changed_tables"),
]
_ = np  # numpy is what students use beside pandas
