"""Answers to ``address_notation``: textbook addresses to (table, 0-based address), and tags to the notation."""

from __future__ import annotations

from ..catalogue import Wrong

CHECK = "address_notation"

RIGHT = {
    "40301": ("holding_register", 300),
    "30301": ("input_register", 300),
    "10303": ("discrete_input", 302),
    "00301": ("coil", 300),
    "00001": ("coil", 0),
    "40001": ("holding_register", 0),
    "300022": ("input_register", 21),
    "400101": ("holding_register", 100),
    "oven.heater": "40701",
    "panel.start": "10101",
}

CORRECT = [
    RIGHT,
    # text and short table names; six-digit notation and a number for the reverse items
    {
        "40301": "HR 300",
        "30301": "IR 300",
        "10303": "DI 302",
        "00301": "coil 300",
        "00001": "coil, 0",
        "40001": "holding register 0",
        "300022": "input_register 21",
        "400101": ["hr", 100],
        "oven.heater": "400701",
        "panel.start": 10101,
    },
    # Korean table names, numpy-free floats that are whole
    {
        "40301": ("홀딩 레지스터", 300.0),
        "30301": ("입력 레지스터", 300),
        "10303": ("입력 비트", "302"),
        "00301": ("코일", 300),
        "00001": ("코일", 0),
        "40001": ("홀딩레지스터", 0),
        "300022": ("입력레지스터", 21),
        "400101": ("holding_register", 100),
        "oven.heater": " 40701 ",
        "panel.start": "10101",
    },
]
REFERENCE = RIGHT

WRONG = [
    Wrong({**RIGHT, "40301": ("holding_register", 301)}, "off_by_one"),
    Wrong({**RIGHT, "40001": ("holding_register", 40001)}, "prefix_kept"),
    Wrong({**RIGHT, "30301": ("holding_register", 300)}, "input_vs_holding"),
    Wrong({**RIGHT, "10303": ("coil", 302)}, "coil_vs_input"),
    Wrong({**RIGHT, "300022": ("input_register", 1)}, "six_digits"),
    Wrong({**RIGHT, "oven.heater": "40700"}, "forgot_plus_one"),
    Wrong({**RIGHT, "panel.start": "30101"}, "wrong_prefix"),
    Wrong({**RIGHT, "oven.heater": "4701"}, "not_a_notation"),
    Wrong({**RIGHT, "00001": 0}, "not_a_pair"),
    Wrong({**RIGHT, "400101": ("holding_register", 400)}, "wrong:400101"),
    Wrong({**{k: v for k, v in RIGHT.items() if k != "00301"}, "301": ("coil", 300)}, "unknown_item"),
    Wrong({k: v for k, v in RIGHT.items() if k != "panel.start"}, "missing"),
    Wrong(list(RIGHT.items()), "not_a_dict"),
]
