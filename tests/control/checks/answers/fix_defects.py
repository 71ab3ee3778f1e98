"""Answers to ``fix_defects``: settings of the line controller (oven setpoint, dwell, tool-change wear)."""

from __future__ import annotations

import numpy as np

from ..catalogue import Wrong

CHECK = "fix_defects"


def as_dict(setpoint: float, dwell: float, wear: float) -> dict[str, float]:
    return {"oven_setpoint": setpoint, "dwell": dwell, "tool_change_wear": wear}


class Settings(dict):
    """Settings written as a dict subclass with a name (for test ids)."""

    def __init__(self, name: str, **values: float) -> None:
        super().__init__(values)
        self.__name__ = name


REFERENCE = Settings("lab_solution", oven_setpoint=225, dwell=30, tool_change_wear=170)
CORRECT = [
    REFERENCE,
    Settings("hotter_shorter", oven_setpoint=232, dwell=26, tool_change_wear=160),
    Settings("numpy_numbers", oven_setpoint=np.float64(220.0), dwell=np.int64(32), tool_change_wear=np.int64(180)),
]

WRONG = [
    Wrong(Settings("lab_start_values", oven_setpoint=250, dwell=40, tool_change_wear=170), "overheated"),
    Wrong(Settings("dwell_too_short", oven_setpoint=215, dwell=18, tool_change_wear=170), "soft"),
    Wrong(Settings("tool_changed_too_late", oven_setpoint=225, dwell=30, tool_change_wear=240), "tool_too_late"),
    Wrong(Settings("dwell_too_long", oven_setpoint=220, dwell=40, tool_change_wear=170), "oven_starved"),
    Wrong(Settings("tool_changed_too_early", oven_setpoint=225, dwell=30, tool_change_wear=60), "tool_too_early"),
    Wrong(Settings("passes_some_runs_only", oven_setpoint=225, dwell=30, tool_change_wear=100), "one_seed_only"),
    Wrong(Settings("setpoint_in_kelvin", oven_setpoint=498, dwell=30, tool_change_wear=170), "out_of_range"),
    Wrong(Settings("wear_left_blank", oven_setpoint=225, dwell=30, tool_change_wear=None), "missing"),
]
