"""Answers to ``six_losses``: the seconds of the lab's shift lost to each of the six big losses, plus the break.

Every answer is worked out from :func:`shift`, run the first time a test submits one (``Late``), not when the
catalogue is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import factorylab
from factorylab.labs.lab04b_oee_checks import shift_controller, shift_line

from ..catalogue import With, Wrong

CHECK = "six_losses"


@cache
def shift():
    """The lab's one-hour shift on seed 11, run once, recording the states every second."""
    line = shift_line(11)
    return factorylab.run(shift_controller(), line, seconds=3600, record=["production.state", "cnc.state"])


def losses_by_history(result):
    """Reference: the tool changes from the history (state 4 with cnc.state 4), everything else from the counters."""
    k = result.kpis
    h = result.history
    finished = k["parts_out"] + k["rejected"]
    soft = k["defects_by_cause"]["soft"]
    setup = float(((h["production.state"] == 4) & (h["cnc.state"] == 4)).sum())  # one row per second
    return {
        "planned_stop": k["stop_time"],
        "breakdown": k["down_time"] - setup,
        "setup": setup,
        "minor_stops": k["idle_time"],
        "speed": k["run_time"] - k["ideal_cycle_time"] * finished,
        "defects": k["ideal_cycle_time"] * (finished - k["good"] - soft),
        "startup": k["ideal_cycle_time"] * soft,
    }


def rounded(result):
    """The same, each rounded to the whole second."""
    return {key: round(value) for key, value in losses_by_history(result).items()}


def by_tool_change_count(result):
    """Set-up as 30 s per tool change started (counted in the history), breakdown the rest of down_time."""
    k = result.kpis
    cnc = list(result.history["cnc.state"])
    changes = sum(1 for before, now in zip(cnc, cnc[1:], strict=False) if now == 4 and before != 4)
    ideal = k["ideal_cycle_time"]
    made = k["parts_out"] + k["rejected"]
    bad = made - k["good"]
    soft = k["defects_by_cause"]["soft"]
    return {
        "planned_stop": k["stop_time"],
        "setup": 30.0 * changes,
        "breakdown": k["down_time"] - 30.0 * changes,
        "minor_stops": k["idle_time"],
        "speed": k["run_time"] - ideal * made,
        "startup": soft * ideal,
        "defects": (bad - soft) * ideal,
    }


class Late(With):
    """An answer made from the shift's result (``make(result)``) when a test first submits it, with ``result=``."""

    def __init__(self, make: Callable[[Any], Any], name: str) -> None:
        self._make, self.name = make, name

    @property
    def answer(self) -> Any:
        return self._make(shift())

    @property
    def options(self) -> dict[str, Any]:
        return {"result": shift()}


CORRECT = [
    Late(losses_by_history, "by_history"),
    Late(rounded, "rounded"),
    Late(by_tool_change_count, "by_tool_change_count"),
]
REFERENCE = CORRECT[0]


def _changed(name: str, **changes) -> Late:
    """The reference answer with some entries changed (``changes`` are functions of the right answer and kpis)."""

    def make(result):
        right = losses_by_history(result)
        wrong = dict(right)
        for key, change in changes.items():
            wrong[key] = change(right, result.kpis)
        return wrong

    return Late(make, name)


WRONG = [
    Wrong(Late(lambda r: {key: value / 60 for key, value in losses_by_history(r).items()}, "minutes"), "minutes"),
    Wrong(
        _changed("tool_change_as_breakdown", breakdown=lambda r, k: k["down_time"], setup=lambda r, k: 0.0),
        "tool_change_as_breakdown",
    ),
    Wrong(
        _changed("down_as_setup", breakdown=lambda r, k: 0.0, setup=lambda r, k: k["down_time"]),
        "down_as_setup",
    ),
    Wrong(
        _changed(
            "idle_as_breakdown", breakdown=lambda r, k: r["breakdown"] + k["idle_time"], minor_stops=lambda r, k: 0.0
        ),
        "idle_as_breakdown",
    ),
    Wrong(
        _changed(
            "break_as_breakdown", breakdown=lambda r, k: r["breakdown"] + k["stop_time"], planned_stop=lambda r, k: 0.0
        ),
        "break_as_breakdown",
    ),
    Wrong(
        _changed("startup_as_defect", defects=lambda r, k: r["defects"] + r["startup"], startup=lambda r, k: 0.0),
        "startup_as_defect",
    ),
    Wrong(
        _changed("defects_as_counts", defects=lambda r, k: r["defects"] / 4.0, startup=lambda r, k: r["startup"] / 4.0),
        "defects_as_counts",
    ),
    Wrong(_changed("speed_whole_run", speed=lambda r, k: k["run_time"]), "speed_whole_run"),
    Wrong(_changed("down_time_twice", breakdown=lambda r, k: k["down_time"]), "sum_mismatch"),
    Wrong(_changed("swapped", defects=lambda r, k: r["startup"], startup=lambda r, k: r["defects"]), "wrong_value"),
    Wrong(Late(lambda r: {"breakdown": 10.0}, "only_breakdown"), "missing"),
    Wrong(Late(lambda r: [1, 2, 3], "a_list"), "not_a_dict"),
]
