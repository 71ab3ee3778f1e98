"""Answers to ``tool_cost`` (scored): ``make_controller(costs)``, near the best fixed change wear for every cost set."""

from __future__ import annotations

import math

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "tool_cost"

LIMITS = {"L": 11_000.0, "M": 12_000.0, "H": 13_000.0}
GRADE_SHARE = {"L": 0.5, "M": 0.3, "H": 0.2}


def osf(wear: float, grade: str) -> float:
    if wear <= 0:
        return 0.0
    return 0.5 * math.erfc((LIMITS[grade] / wear - 40.0) / (10.0 * math.sqrt(2.0)))


def _run_line(line) -> None:
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = line.cnc.run = True
    line.cnc.reset = line.cnc.failed


# --- correct -------------------------------------------------------------------------------------------------


def make_controller(costs):
    """Reference: change once the next L part's expected failure cost passes the tool's share per part."""

    def controller(line, t, m):
        _run_line(line)
        wear = line.cnc.tool_wear
        risk = osf(wear + 2.0, "L") * costs["failure"]
        share = costs["tool"] / max(wear / 2.9, 1.0)
        line.cnc.tool_change = (risk > share or wear >= 190) and not line.cnc.tool_changing

    return controller


class ExpectedRisk:
    """A class: the risk averaged over the grade mix, compared with the tool price over the parts so far."""

    def __init__(self, costs):
        self.costs = costs

    def __call__(self, line, t):
        _run_line(line)
        wear = line.cnc.tool_wear
        risk = sum(share * osf(wear + 3.0, g) for g, share in GRADE_SHARE.items()) * self.costs["failure"]
        tool_share = self.costs["tool"] * 2.9 / max(wear, 1.0)
        line.cnc.tool_change = (risk > tool_share or wear >= 188) and not line.cnc.tool_changing


def make_threshold_policy(costs):
    """Solves for one threshold before the run (the first wear where the risk passes the tool's share), then uses it."""
    threshold = 190.0
    for wear in range(100, 191):
        if osf(wear + 2.0, "L") * costs["failure"] > costs["tool"] * 2.9 / wear:
            threshold = float(wear)
            break

    def controller(line, t, m):
        _run_line(line)
        line.cnc.tool_change = line.cnc.tool_wear >= threshold and not line.cnc.tool_changing

    return controller


CORRECT = [make_controller, ExpectedRisk, make_threshold_policy]
REFERENCE = make_controller


# --- wrong ---------------------------------------------------------------------------------------------------


def fixed_190(costs):
    """Unit 7's habit: 190 min whatever the costs."""

    def controller(line, t):
        _run_line(line)
        line.cnc.tool_change = line.cnc.tool_wear >= 190 and not line.cnc.tool_changing

    return controller


def fixed_100(costs):
    def controller(line, t):
        _run_line(line)
        line.cnc.tool_change = line.cnc.tool_wear >= 100 and not line.cnc.tool_changing

    return controller


def never_changes(costs):
    def controller(line, t):
        _run_line(line)

    return controller


def held_on(costs):
    """Level instead of an edge: switched on and never off."""

    def controller(line, t):
        _run_line(line)
        if osf(line.cnc.tool_wear, "L") * costs["failure"] > costs["tool"] * 2.9 / max(line.cnc.tool_wear, 1.0):
            line.cnc.tool_change = True

    return controller


def no_reset(costs):
    rule = make_controller(costs)

    def controller(line, t, m):
        rule(line, t, m)
        line.cnc.reset = False

    return controller


def stops_the_line(costs):
    """Stops the feeder to save tools."""
    rule = make_controller(costs)

    def controller(line, t, m):
        rule(line, t, m)
        line.feeder.run = False

    return controller


def every_300_seconds(costs):
    """Open loop: a change on a timetable."""

    def controller(line, t):
        _run_line(line)
        line.cnc.tool_change = int(t) % 300 < 2

    return controller


def reads_the_counter(costs):
    """Wrong tag: a tag that does not exist."""

    def controller(line, t):
        _run_line(line)
        line.cnc.tool_change = line.cnc.tool_counter >= 150

    return controller


def a_controller_not_a_factory(line, t, m):
    """Gives the controller itself instead of make_controller(costs)."""
    _run_line(line)


def peeks_the_plant(costs):
    """Reads the simulator behind the tags (the next part's grade) through ``line._plant``."""

    def controller(line, t, m):
        _run_line(line)
        wear = line.cnc.tool_wear
        parts = line._plant.parts
        grade = parts[0].grade if parts and hasattr(parts[0], "grade") else "L"
        risk = osf(wear + 2.0, grade) * costs["failure"]
        line.cnc.tool_change = (
            risk > costs["tool"] / max(wear / 2.9, 1.0) or wear >= 190
        ) and not line.cnc.tool_changing

    return controller


WRONG = [
    Wrong(fixed_190, "fixed_threshold"),
    Wrong(fixed_100, "changes_too_early"),
    Wrong(never_changes, "never_changed"),
    Wrong(held_on, "level_held"),
    Wrong(no_reset, "stood_failed"),
    Wrong(stops_the_line, "line_not_running"),
    Wrong(every_300_seconds, "open_loop", OPEN_LOOP),
    Wrong(reads_the_counter, "unknown_tag", WRONG_TAG),
    Wrong(a_controller_not_a_factory, "not_a_factory"),
    Wrong(peeks_the_plant, "reads_hidden"),
]
