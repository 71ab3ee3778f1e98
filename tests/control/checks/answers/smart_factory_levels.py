"""Answers to ``smart_factory_levels``: cards on the 수준확인 levels and the support steps (lab 0-2)."""

from __future__ import annotations

from ..catalogue import Wrong

CHECK = "smart_factory_levels"

RIGHT = {
    "paper_check_sheet": 1,
    "robots_on_paper": 1,
    "plc_hand_count": 1,
    "live_status_board": 2,
    "historian_dashboard": 2,
    "oven_data_control": 3,
    "support_paper_factory": "기초",
    "support_robot_factory": "기초",
    "support_plc_factory": "기초",
    "support_monitoring_factory": "고도화1",
}

CORRECT = [
    RIGHT,
    {card: (f"레벨 {answer}" if isinstance(answer, int) else answer) for card, answer in RIGHT.items()},
    {card: (str(answer) if isinstance(answer, int) else answer) for card, answer in RIGHT.items()}
    | {"support_monitoring_factory": "고도화2"},
    {card: (f"{answer}단계" if isinstance(answer, int) else answer) for card, answer in RIGHT.items()}
    | {"support_monitoring_factory": "고도화"},
]
REFERENCE = RIGHT

WRONG = [
    Wrong({**RIGHT, "robots_on_paper": 3}, "wrong:robots_on_paper"),  # robots = smart
    Wrong({**RIGHT, "support_plc_factory": "고도화1"}, "wrong:support_plc_factory"),  # PLC = 고도화
    Wrong({**RIGHT, "plc_hand_count": 3}, "wrong:plc_hand_count"),
    Wrong({**RIGHT, "live_status_board": 3}, "wrong:live_status_board"),
    Wrong({**RIGHT, "oven_data_control": 5}, "wrong:oven_data_control"),
    Wrong({**RIGHT, "support_monitoring_factory": "기초"}, "wrong:support_monitoring_factory"),
    Wrong({**RIGHT, "paper_check_sheet": "기초"}, "wrong:paper_check_sheet"),
    Wrong({**RIGHT, "support_paper_factory": 1}, "wrong:support_paper_factory"),
    Wrong({k: v for k, v in RIGHT.items() if k != "historian_dashboard"}, "missing"),
    Wrong({**RIGHT, "historian_dashboard": "L2"}, "not_a_choice"),
    Wrong({**RIGHT, "robot_factory": 1}, "unknown_item"),
    Wrong(list(RIGHT.values()), "not_a_dict"),
]
