"""Answers to ``dashboard``: the line's state by name, counts, OEE, operating minutes and the display value."""

from __future__ import annotations

import factorylab

from ..catalogue import Wrong

CHECK = "dashboard"

NAMES = {0: "정지", 1: "운전", 2: "대기", 3: "비상정지", 4: "설비 정지"}


def dashboard(snapshot):
    """Reference: the plant's own OEE tag, the state named from a table."""
    oee = snapshot["production.oee"]
    return {
        "state": NAMES[snapshot["production.state"]],
        "finished": snapshot["production.parts_out"] + snapshot["production.parts_rejected"],
        "good": snapshot["production.parts_good"],
        "oee": oee,
        "operating_min": (snapshot["production.run_time"] + snapshot["production.idle_time"]) / 60,
        "display": round(oee * 10),
    }


def computed(snapshot):
    """OEE computed from the counters (as in exercise 4-3), 0 while nothing is finished; English names."""
    p = {name.split(".")[1]: value for name, value in snapshot.items() if name.startswith("production.")}
    operating = p["run_time"] + p["idle_time"]
    planned = operating + p["stop_time"] + p["down_time"]
    finished = p["parts_out"] + p["parts_rejected"]
    if finished == 0 or operating == 0:
        oee = 0.0
    else:
        a = operating / planned
        perf = min(1.0, p["ideal_cycle_time"] * finished / operating)
        oee = 100 * a * perf * p["parts_good"] / finished
    state = ["stopped", "running", "idle", "E-stop", "down"][p["state"]]
    return dict(
        state=state,
        finished=finished,
        good=p["parts_good"],
        oee=oee,
        operating_min=operating / 60,
        display=int(oee * 10),
    )


_line = factorylab.connect(scenario="line")


def from_the_tag_table(snapshot):
    """The state's name read from the tag table (line.info), its Korean label before the brackets."""
    label = _line.tags["production.state"].states[snapshot["production.state"]][1]
    board = dashboard(snapshot)
    board["state"] = label.split(" (")[0]
    return board


class Board:
    """A dashboard object with a method, called like a function."""

    def __call__(self, snapshot):
        return computed(snapshot) | {"state": NAMES[snapshot["production.state"]]}


HMI = {0: "STOP", 1: "RUN", 2: "대기 중", 3: "Emergency stop", 4: "DOWN"}


def hmi_labels(snapshot):
    """The names an HMI's lamps carry (RUN, STOP, ...), OEE and minutes rounded to one decimal for the screen."""
    board = computed(snapshot)
    board["state"] = HMI[snapshot["production.state"]]
    board["oee"] = round(board["oee"], 1)
    board["operating_min"] = round(board["operating_min"], 1)
    return board


CORRECT = [dashboard, computed, from_the_tag_table, Board(), hmi_labels]
REFERENCE = dashboard


def _with(name, **changes):
    def wrong(snapshot):
        board = dashboard(snapshot)
        for key, change in changes.items():
            board[key] = change(snapshot, board)
        return board

    wrong.__name__ = name
    return wrong


def divides_by_zero(snapshot):
    board = dashboard(snapshot)
    finished = board["finished"]
    operating = snapshot["production.run_time"] + snapshot["production.idle_time"]
    a = operating / snapshot["system.sim_time"]
    p = snapshot["production.ideal_cycle_time"] * finished / operating
    board["oee"] = 100 * a * min(1, p) * snapshot["production.parts_good"] / finished
    return board


def reads_the_notebook_line(snapshot):
    """The notebook's line (a fresh one here) instead of the snapshot: the state is right, the numbers never change."""
    board = dashboard(_line.snapshot())
    board["state"] = NAMES[snapshot["production.state"]]
    return board


WRONG = [
    Wrong(_with("state_number", state=lambda s, b: s["production.state"]), "state_not_named"),
    Wrong(divides_by_zero, "zero_division"),
    Wrong(_with("oee_fraction", oee=lambda s, b: s["production.oee"] / 100), "oee_fraction"),
    Wrong(_with("oee_from_quality", oee=lambda s, b: s["production.quality"]), "oee_wrong_tag"),
    Wrong(_with("display_percent", display=lambda s, b: round(s["production.oee"])), "display_whole_percent"),
    Wrong(_with("display_fraction", display=lambda s, b: round(s["production.oee"] / 100)), "display_fraction"),
    Wrong(
        _with("operating_seconds", operating_min=lambda s, b: s["production.run_time"] + s["production.idle_time"]),
        "operating_seconds",
    ),
    Wrong(_with("operating_run_only", operating_min=lambda s, b: s["production.run_time"] / 60), "operating_run_only"),
    Wrong(_with("finished_parts_in", finished=lambda s, b: s["production.parts_in"]), "finished_from_parts_in"),
    Wrong(_with("good_parts_out", good=lambda s, b: s["production.parts_out"]), "good_from_parts_out"),
    Wrong(_with("states_shifted", state=lambda s, b: NAMES[(s["production.state"] + 1) % 5]), "state_wrong"),
    Wrong(_with("good_is_finished", good=lambda s, b: b["finished"]), "wrong_value"),
    Wrong(lambda snapshot: snapshot["production.oee"], "not_a_board"),
    Wrong(reads_the_notebook_line, "ignores_snapshot"),
]
