"""Answers to ``tool_change`` (scored): a tool-change policy cheaper per good part than changing at 190 min."""

from __future__ import annotations

from factorylab import plc
from factorylab.control.checks.tool_change import make_fixed_policy, overstrain_chance

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "tool_change"


def _run_line(line) -> None:
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = line.cnc.run = True
    line.cnc.reset = line.cnc.failed


# --- correct -------------------------------------------------------------------------------------------------


def change_at_180(line, t):
    """Reference: a fixed threshold chosen from the cost curve, as a pulse until the change starts."""
    _run_line(line)
    line.cnc.tool_change = line.cnc.tool_wear >= 180 and not line.cnc.tool_changing


class RiskPolicy:
    """Changes once the next L part's overstrain risk costs more than a share of a new tool."""

    def __init__(self) -> None:
        self.asked = False

    def __call__(self, line, t):
        _run_line(line)
        risk = overstrain_chance(line.cnc.tool_wear + 2.0, "L")
        if risk * 100_000 > 1_000 and not self.asked:
            line.cnc.tool_change = True
            self.asked = True
        else:
            line.cnc.tool_change = False
        if line.cnc.tool_wear < 10:  # a new tool: the next change may be asked for
            self.asked = False


risk_policy = RiskPolicy()
change_edge = plc.R_TRIG()


def with_m_and_a_pulse(line, t, m):
    """One short pulse per change from an edge detector; m remembers nothing but the count."""
    _run_line(line)
    worn = line.cnc.tool_wear >= 175
    line.cnc.tool_change = change_edge(worn) or (worn and not line.cnc.tool_changing and m["waiting"])
    m["waiting"] = worn and not line.cnc.tool_changing


CORRECT = [change_at_180, risk_policy, with_m_and_a_pulse, lambda: make_fixed_policy(178)]
REFERENCE = change_at_180


# --- wrong ---------------------------------------------------------------------------------------------------


def never_changes(line, t):
    _run_line(line)


def runs_to_failure(line, t):
    """Changes the tool only once it has failed (a TWF): run to failure."""
    _run_line(line)
    line.cnc.tool_change = line.cnc.tool_change_required and not line.cnc.tool_changing


def held_on(line, t):
    """Switches the change on and never off: the CNC sees one rising edge only."""
    _run_line(line)
    if line.cnc.tool_wear >= 180:
        line.cnc.tool_change = True


def far_too_early(line, t):
    _run_line(line)
    line.cnc.tool_change = line.cnc.tool_wear >= 100 and not line.cnc.tool_changing


def no_reset(line, t):
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = line.cnc.run = True
    line.cnc.tool_change = line.cnc.tool_wear >= 180 and not line.cnc.tool_changing


def every_250_seconds(line, t):
    """Open loop: a change on a timetable, whatever the wear."""
    _run_line(line)
    line.cnc.tool_change = int(t) % 250 < 2


def forgets_the_cnc(line, t):
    """Right idea, forgets to switch the CNC on (cnc.run)."""
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = True
    line.cnc.reset = line.cnc.failed
    line.cnc.tool_change = line.cnc.tool_wear >= 180 and not line.cnc.tool_changing


def same_as_the_baseline(line, t):
    _run_line(line)
    line.cnc.tool_change = line.cnc.tool_wear >= 190 and not line.cnc.tool_changing


def reads_the_torque(line, t):
    """Wrong tag: the torque is not the wear."""
    _run_line(line)
    line.cnc.tool_change = line.cnc.tool_counter >= 180


WRONG = [
    Wrong(never_changes, "never_changed"),
    Wrong(runs_to_failure, "tool_wear_failure"),
    Wrong(held_on, "level_held"),
    Wrong(far_too_early, "changes_too_early"),
    Wrong(no_reset, "stood_failed"),
    Wrong(every_250_seconds, "open_loop", OPEN_LOOP),
    Wrong(forgets_the_cnc, "line_not_running", WRONG_TAG),
    Wrong(same_as_the_baseline, "not_good_enough"),
    Wrong(reads_the_torque, "unknown_tag", WRONG_TAG),
]
