"""Answers to ``exception_codes``: the Modbus exception (or no answer) each request of lab 2-1 gets."""

from __future__ import annotations

from ..catalogue import Wrong

CHECK = "exception_codes"

RIGHT = {
    "write_discrete_input": "01",
    "read_unmapped": "02",
    "read_past_the_map": "02",
    "oven_on_conveyor": "02",
    "speed_150": "03",
    "write_read_only": "03",
    "coil_value_2": "03",
    "read_200_registers": "03",
    "unit_id_5": "0B",
    "simulator_stopped": "timeout",
}

CORRECT = [
    RIGHT,
    # numbers, as the exception's code attribute gives them
    {**{k: int(v, 16) for k, v in RIGHT.items() if v != "timeout"}, "simulator_stopped": "no answer"},
    # hex text and Korean
    {**{k: f"0x{v}" for k, v in RIGHT.items() if v != "timeout"}, "unit_id_5": "11", "simulator_stopped": "응답 없음"},
]
REFERENCE = RIGHT

WRONG = [
    # "an input cannot take that value": 03 for a table nothing can write
    Wrong({**RIGHT, "write_discrete_input": "03"}, "wrong:write_discrete_input"),
    # an exception where nothing answers
    Wrong({**RIGHT, "simulator_stopped": "02"}, "wrong:simulator_stopped"),
    # a timeout where the server did answer
    Wrong({**RIGHT, "read_past_the_map": "timeout"}, "wrong:read_past_the_map"),
    # "the address is wrong" for a value out of range
    Wrong({**RIGHT, "speed_150": "02"}, "wrong:speed_150"),
    Wrong({**RIGHT, "unit_id_5": "02"}, "wrong:unit_id_5"),
    Wrong({**RIGHT, "oven_on_conveyor": "04"}, "wrong:oven_on_conveyor"),
    Wrong({**RIGHT, "read_200_registers": "Illegal data value"}, "not_a_choice"),
    Wrong({k: v for k, v in RIGHT.items() if k != "coil_value_2"}, "missing"),
    Wrong({**{k: v for k, v in RIGHT.items() if k != "write_read_only"}, "write_readonly": "03"}, "unknown_item"),
    Wrong(list(RIGHT.values()), "not_a_dict"),
]
