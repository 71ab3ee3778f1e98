"""Answers to ``follow_part``: one part of the student's own run, followed through result.events (lab 0-2)."""

from __future__ import annotations

from functools import cache

import factorylab
from factorylab.control.reference import make_line_controller

from ..catalogue import With, Wrong

CHECK = "follow_part"
RECORD = ["production.parts_out", "oven.temperature", "production.oee", "inspection.part_id"]


@cache
def own_run():
    """The lab's run: the reference controller for 30 min on the student's seed, recorded every second."""
    line = factorylab.connect(scenario="line", seed=1)
    return factorylab.run(make_line_controller(), line, seconds=1800, record=RECORD, record_every=1)


def _rows(part: int):
    events = own_run().events
    return events[events.part == part]


def journey(part: int) -> dict:
    """The right answer for ``part``, worked out as the lab shows."""
    rows = _rows(part)
    fed = rows[rows.kind == "part_fed"].t.iloc[0]
    last = rows[rows.kind.isin(["part_out", "part_rejected"])].iloc[0]
    history = own_run().history
    inspected = history[history["inspection.part_id"] == part].index[0]
    where = "outfeed" if last.kind == "part_out" else "reject_bin"
    return {"part": part, "fed": fed, "inspected": inspected, "left": last.t, "where": where}


@cache
def chosen() -> int:
    """A part that went to the outfeed after some parts were rejected: its id is not its place in the count."""
    events = own_run().events
    outs = list(events[events.kind == "part_out"].part)
    for part in range(20, 200):
        if part in outs and outs.index(part) + 1 != part:
            return part
    raise AssertionError("no part whose id differs from its outfeed count")


@cache
def rejected_part() -> int:
    events = own_run().events
    return int(events[events.kind == "part_rejected"].part.iloc[-1])


def answer(part: int | None = None, **changes) -> With:
    """The journey of ``part`` (default: the chosen one) with ``changes``, given with result=."""
    values = journey(part if part is not None else chosen())
    values.update(changes)
    name = "_".join(f"{key}" for key in changes) or f"part_{values['part']}"
    return With(values, {"result": own_run()}, name)


def _rounded() -> With:
    values = journey(chosen())
    given = {**values, "fed": round(float(values["fed"])), "left": round(float(values["left"])), "where": "배출구"}
    return With(given, {"result": own_run()}, "rounded_korean_place")


def _rejected() -> With:
    values = journey(rejected_part())
    return With(values, {"result": own_run()}, "a_rejected_part")


def _plain_floats() -> With:
    values = {key: (float(v) if key in ("fed", "inspected", "left") else v) for key, v in journey(chosen()).items()}
    return With(values, {"result": own_run()}, "plain_floats")


CORRECT = [answer(), _rounded(), _rejected(), _plain_floats()]
REFERENCE = CORRECT[0]


# --- wrong ------------------------------------------------------------------------------------------------


def _count_not_id() -> With:
    events = own_run().events
    part = chosen()
    nth_out = events[events.kind == "part_out"].t.iloc[part - 1]  # production.parts_out reached `part`
    return answer(left=nth_out)


def _row_not_id() -> With:
    events = own_run().events
    part = chosen()
    return answer(fed=events.t.loc[part])  # row `part` of the table, not part `part`


def _minutes() -> With:
    values = journey(chosen())
    return answer(fed=round(float(values["fed"]) / 60.0, 1))


def _swapped() -> With:
    values = journey(chosen())
    return answer(fed=values["left"], left=values["fed"])


def _wrong_where() -> With:
    return answer(where="reject_bin")


def _not_in_run() -> With:
    return With({**journey(chosen()), "part": 99999}, {"result": own_run()}, "not_in_run")


def _not_finished() -> With:
    events = own_run().events
    fed = set(events[events.kind == "part_fed"].part)
    left = set(events[events.kind.isin(["part_out", "part_rejected"])].part)
    part = int(max(fed - left))
    return With({**journey(chosen()), "part": part}, {"result": own_run()}, "not_finished")


def _template() -> With:
    return With(dict.fromkeys(("part", "fed", "inspected", "left", "where")), {"result": own_run()}, "template")


def _inspected_off() -> With:
    values = journey(chosen())
    return answer(inspected=float(values["inspected"]) + 5.0)


def _time_as_text() -> With:
    values = journey(chosen())
    return answer(fed=f"{float(values['fed'])}")


def _place_in_words() -> With:
    return answer(where="the good box")


def _unknown_key() -> With:
    values = journey(chosen())
    values["fed_time"] = values.pop("fed")
    return With(values, {"result": own_run()}, "unknown_key")


WRONG = [
    Wrong(_count_not_id(), "count_not_id"),
    Wrong(_row_not_id(), "row_not_id"),
    Wrong(_minutes(), "minutes"),
    Wrong(_swapped(), "out_of_order"),
    Wrong(_wrong_where(), "wrong_where"),
    Wrong(_not_in_run(), "not_in_run"),
    Wrong(_not_finished(), "not_finished"),
    Wrong(_template(), "missing"),
    Wrong(_inspected_off(), "wrong_time"),
    Wrong(_time_as_text(), "not_a_number"),
    Wrong(_place_in_words(), "not_a_place"),
    Wrong(_unknown_key(), "unknown_item"),
    Wrong(With([1, 2, 3], {"result": own_run()}, "a_list"), "not_a_dict"),
]
