"""Answers to ``oee_by_hand``: OEE in % from a run's counters."""

from __future__ import annotations

import factorylab
from factorylab.control.reference import make_line_controller

from ..catalogue import With, Wrong

CHECK = "oee_by_hand"


def oee(k):
    """Reference: availability x performance x quality, as ratios, times 100."""
    operating = k["run_time"] + k["idle_time"]
    finished = k["parts_out"] + k["rejected"]
    availability = operating / k["planned_time"]
    performance = min(1.0, k["ideal_cycle_time"] * finished / operating)
    quality = k["good"] / finished
    return 100 * availability * performance * quality


def in_percent(k):
    """The same in percentages, divided by 10,000."""
    a = 100 * (k["run_time"] + k["idle_time"]) / k["planned_time"]
    p = min(100, 100 * k["ideal_cycle_time"] * (k["parts_out"] + k["rejected"]) / (k["run_time"] + k["idle_time"]))
    q = 100 * k["good"] / (k["parts_out"] + k["rejected"])
    return a * p * q / 10000


_run = {}


def own_run():
    """A short run of the whole line with the reference controller (made once)."""
    if "result" not in _run:
        line = factorylab.connect(scenario="line", seed=3)
        _run["result"] = factorylab.run(make_line_controller(), line, seconds=900, record=[])
    return _run["result"]


class OwnNumber(With):
    """The OEE of the student's own run, worked out by hand and given as a number."""

    def __init__(self, shift: float = 0.0, name: str = "own_number") -> None:
        result = own_run()
        super().__init__(oee(result.kpis) + shift, {"result": result}, name)


CORRECT = [oee, in_percent, OwnNumber(), OwnNumber(0.3, "own_number_rounded")]
REFERENCE = oee


def added(k):
    finished = k["parts_out"] + k["rejected"]
    operating = k["run_time"] + k["idle_time"]
    return 100 * (operating / k["planned_time"] + min(1, 4.0 * finished / operating) + k["good"] / finished)


def averaged(k):
    finished = k["parts_out"] + k["rejected"]
    operating = k["run_time"] + k["idle_time"]
    return (
        100
        * (operating / k["planned_time"] + min(1, k["ideal_cycle_time"] * finished / operating) + k["good"] / finished)
        / 3
    )


def percent_product(k):
    a = 100 * (k["run_time"] + k["idle_time"]) / k["planned_time"]
    p = min(100, 100 * k["ideal_cycle_time"] * (k["parts_out"] + k["rejected"]) / (k["run_time"] + k["idle_time"]))
    q = 100 * k["good"] / (k["parts_out"] + k["rejected"])
    return a * p * q


def run_time_only(k):
    finished = k["parts_out"] + k["rejected"]
    availability = k["run_time"] / k["planned_time"]
    performance = min(1, k["ideal_cycle_time"] * finished / (k["run_time"] + k["idle_time"]))
    return 100 * availability * performance * k["good"] / finished


def parts_in(k):
    operating = k["run_time"] + k["idle_time"]
    finished = k["parts_out"] + k["rejected"]
    performance = min(1, k["ideal_cycle_time"] * k["parts_in"] / operating)
    return 100 * operating / k["planned_time"] * performance * k["good"] / finished


def outfeed_as_good(k):
    operating = k["run_time"] + k["idle_time"]
    finished = k["parts_out"] + k["rejected"]
    return 100 * operating / k["planned_time"] * min(1, 4.0 * finished / operating) * k["parts_out"] / finished


def forgets_quality(k):
    operating = k["run_time"] + k["idle_time"]
    finished = k["parts_out"] + k["rejected"]
    return 100 * operating / k["planned_time"] * min(1, k["ideal_cycle_time"] * finished / operating)


class WrongNumber(With):
    def __init__(self) -> None:
        result = own_run()
        super().__init__(oee(result.kpis) + 5.0, {"result": result}, "own_number_off_by_5")


WRONG = [
    Wrong(added, "added"),
    Wrong(averaged, "averaged"),
    Wrong(percent_product, "percent_product"),
    Wrong(run_time_only, "availability_run_only"),
    Wrong(parts_in, "performance_from_parts_in"),
    Wrong(outfeed_as_good, "quality_from_outfeed"),
    Wrong(forgets_quality, "wrong_value"),
    Wrong(lambda k: None, "not_a_number"),
]
