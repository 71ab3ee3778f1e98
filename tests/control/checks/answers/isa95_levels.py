"""Answers to ``isa95_levels``: ten things of the line on the ISA-95 levels."""

from __future__ import annotations

from ..catalogue import Wrong

CHECK = "isa95_levels"

RIGHT = {
    "parts_on_the_belt": "L0",
    "heat_in_the_oven": "L0",
    "conveyor1.photo_eye_exit": "L1",
    "cnc.torque": "L1",
    "oven.heater": "L1",
    "plc_program": "L2",
    "hmi_screen": "L2",
    "production.oee": "L3",
    "orders.current_due": "L3",
    "monthly_sales_plan": "L4",
}

CORRECT = [
    RIGHT,
    {item: int(level[1]) for item, level in RIGHT.items()},  # 0-4
    {item: f"level {level[1]}" for item, level in RIGHT.items()},
    {item: level.lower() for item, level in RIGHT.items()},
]
REFERENCE = RIGHT


def _with(**changes):
    answer = dict(RIGHT)
    for key, value in changes.items():
        answer[key.replace("__", ".")] = value
    return answer


WRONG = [
    Wrong({**RIGHT, "plc_program": "L1"}, "wrong:plc_program"),
    Wrong({**RIGHT, "production.oee": "L2"}, "wrong:production.oee"),
    Wrong({**RIGHT, "orders.current_due": "L4"}, "wrong:orders.current_due"),
    Wrong({**RIGHT, "conveyor1.photo_eye_exit": "L2"}, "wrong:conveyor1.photo_eye_exit"),
    Wrong({k: v for k, v in RIGHT.items() if k != "hmi_screen"}, "missing"),
    Wrong({**RIGHT, "parts_on_the_belt": "L5"}, "not_a_choice"),
    Wrong({**{k: v for k, v in RIGHT.items() if k != "cnc.torque"}, "cnc.torqe": "L1"}, "unknown_item"),
    Wrong(list(RIGHT.values()), "not_a_dict"),
]
