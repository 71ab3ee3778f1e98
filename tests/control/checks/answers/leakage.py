"""Answers to ``leakage``: the columns of the parts table a CNC failure model may use before the part starts."""

from __future__ import annotations

import pandas as pd

from factorylab.data.dataset import PART_COLUMNS

from ..catalogue import With, Wrong

CHECK = "leakage"

KNOWN_BEFORE = ["type", "grade", "air_temperature", "process_temperature", "tool_wear"]
EVERY_COLUMN = [column[0] for column in PART_COLUMNS]

CORRECT = [
    KNOWN_BEFORE,
    ("tool_wear", "process_temperature", "air_temperature", "grade", "type", "fed_at"),  # a tuple, with the feed time
    pd.DataFrame(columns=[" type", "grade", "air_temperature", "process_temperature", "tool_wear"]),  # a DataFrame
    {"type", "grade", "air_temperature", "process_temperature", "tool_wear"},
    With([*KNOWN_BEFORE, "rotational_speed", "torque"], {"task": "diagnosis"}, "diagnosis_with_torque"),
]
REFERENCE = CORRECT[0]

WRONG = [
    Wrong(EVERY_COLUMN, "all_columns"),  # the AI4I F1 = 0.99 trap
    Wrong([*KNOWN_BEFORE, "torque"], "leak:torque"),  # diagnosis, not prognosis
    Wrong([*KNOWN_BEFORE, "rotational_speed"], "leak:rotational_speed"),
    Wrong(["part_id", *KNOWN_BEFORE], "leak:part_id"),
    Wrong([*KNOWN_BEFORE, "finished_at"], "leak:finished_at"),
    Wrong([*KNOWN_BEFORE, "TWF", "HDF", "PWF", "OSF", "RNF", "TBF"], "leak:TWF"),
    Wrong([*KNOWN_BEFORE, "inspection_ok", "destination"], "leak:inspection_ok"),
    Wrong([*KNOWN_BEFORE, "peak_temperature"], "leak:peak_temperature"),
    Wrong([], "empty"),
    Wrong(["type", "grade", "air_temperature", "process_temperature"], "missing"),  # the wear forgotten
    Wrong([*KNOWN_BEFORE, "tool_wear_min"], "unknown_column"),
    Wrong("type, grade, tool_wear", "not_a_list"),
]
