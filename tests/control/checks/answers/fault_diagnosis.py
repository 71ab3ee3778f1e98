"""Answers to ``fault_diagnosis``: the faults of drill 4 named from its history (lab 9-2).

Drill 4 (see ``drill_plan``): a jam on conveyor2 (about 488 s), conveyor2's exit photo-eye stuck on
(about 872 s) and a heater degradation (about 1400 s). The answers are written from what the history
shows, as the lab teaches: the first second a signal leaves its normal pattern.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from factorylab.labs.lab09b_diagnosis_checks import fault_drill

from ..catalogue import With, Wrong

CHECK = "fault_diagnosis"
SEED = 4


@cache
def history() -> pd.DataFrame:
    return fault_drill(SEED)


def _first(mask: pd.Series, after: float = 0.0) -> float:
    """The first t (s) at which ``mask`` is true, from ``after`` on."""
    hit = mask[mask.index >= after]
    return float(hit[hit].index[0])


@cache
def starts() -> dict[str, float]:
    """Starts read from the history: current jump, a photo-eye stuck at 1, the heater output stepping up."""
    h = history()
    rows = round(1.0 / (h.index[1] - h.index[0]))  # records per second
    jam = _first(h["conveyor2.current"] > 2.5, after=450)  # after the start-up inrush of the first 0.3 s
    eye = h["conveyor2.photo_eye_exit"].astype(int)
    stuck = _first(eye.rolling(60 * rows).min() == 1, after=jam + 200) - 60 + 1.0 / rows
    heater = h["oven.heater"].rolling(20 * rows).mean()
    degraded = _first(heater > heater.loc[1000:1300].mean() + 4.0, after=1100) - 10
    return {"jam": jam, "stuck": stuck, "heater": degraded}


def diagnosis(**changes) -> list[dict]:
    s = starts()
    entries = {
        "jam": {"fault": "jam", "target": "conveyor2", "start": s["jam"]},
        "stuck": {"fault": "sensor_stuck_on", "target": "conveyor2.photo_eye_exit", "start": s["stuck"]},
        "heater": {"fault": "heater_degradation", "target": "oven", "start": s["heater"]},
    }
    for key, change in changes.items():
        if change is None:
            entries.pop(key)
        else:
            entries[key] = {**entries[key], **change}
    return list(entries.values())


def answer(name: str, entries: list) -> With:
    return With(entries, {"seed": SEED}, name)


def _korean_names_rounded() -> With:
    s = starts()
    return answer(
        "korean_names_rounded",
        [
            {"fault": "히터 열화", "target": "oven", "start": round(s["heater"], -1)},
            {"fault": "컨베이어 걸림", "target": "conveyor2", "start": round(s["jam"])},
            {"fault": "센서 고착 (항상 1)", "target": "conveyor2.photo_eye_exit", "start": int(s["stuck"])},
        ],
    )


def _tuple_of_dicts_in_log_order_minus_10() -> With:
    entries = [{**e, "start": e["start"] - 10.0} for e in diagnosis()]
    return answer("earlier_by_10_s_tuple", tuple(entries))


def _pandas_table_upper_case() -> With:
    """A pandas user's answer: a table, one row per fault, kinds written in capitals."""
    table = pd.DataFrame(diagnosis())
    table["fault"] = table["fault"].str.upper()
    return answer("pandas_table_upper_case", table.sort_values("start", ascending=False))


CORRECT = [
    answer("read_from_history", diagnosis()),
    _korean_names_rounded(),
    _tuple_of_dicts_in_log_order_minus_10(),
    _pandas_table_upper_case(),
]
REFERENCE = CORRECT[0]

# --- wrong --------------------------------------------------------------------------------------------------------
_late = starts()["jam"] + 75.0  # the overload relay tripped and the red lamp came on: the alarm noticed

WRONG = [
    Wrong(answer("overload_for_jam", diagnosis(jam={"fault": "overload"})), "symptom_not_fault"),
    Wrong(answer("jam_on_conveyor1", diagnosis(jam={"target": "conveyor1"})), "wrong_target", kind="WRONG_TAG"),
    Wrong(answer("start_in_minutes", diagnosis(jam={"start": round(starts()["jam"] / 60.0, 1)})), "minutes"),
    Wrong(answer("alarm_noticed", diagnosis(jam={"start": _late})), "noticed_late"),
    Wrong(answer("missed_heater", diagnosis(heater=None)), "missed"),
    Wrong(
        answer(
            "every_fault_every_time",
            [
                {"fault": kind, "target": target, "start": t}
                for kind, target in (("jam", "conveyor1"), ("jam", "conveyor2"), ("bearing_wear", "conveyor1"))
                for t in range(300, 1800, 60)
            ],
        ),
        "guessing",
        kind="OPEN_LOOP",
    ),
    Wrong(
        answer("stuck_sensor_called_jam", diagnosis(stuck={"fault": "jam", "target": "conveyor2"})), "stuck_called_jam"
    ),
    Wrong(answer("stuck_off_for_on", diagnosis(stuck={"fault": "sensor_stuck_off"})), "stuck_on_off"),
    Wrong(answer("start_much_earlier", diagnosis(heater={"start": starts()["heater"] - 200.0})), "wrong_start"),
    Wrong(
        answer("one_extra_fault", [*diagnosis(), {"fault": "bearing_wear", "target": "conveyor1", "start": 1600}]),
        "false_alarm",
    ),
    Wrong(answer("unknown_kind", diagnosis(heater={"fault": "oven_broken"})), "unknown_fault"),
    Wrong(answer("tag_for_device", diagnosis(jam={"target": "conveyor2.current"})), "target_name", kind="WRONG_TAG"),
    Wrong(
        # cnc.failures goes up at 1008 s without a tool change: the CNC's ordinary machining failure, no fault
        answer("ordinary_cnc_failure", [*diagnosis(), {"fault": "tool_breakage", "target": "cnc", "start": 1008}]),
        "ordinary_cnc_failure",
    ),
    Wrong(answer("start_as_text", diagnosis(jam={"start": "8분"})), "start_not_a_number"),
    Wrong(answer("empty", []), "empty"),
    Wrong(answer("template", [{"fault": None, "target": None, "start": None}]), "not_filled"),
    Wrong(answer("a_dict", {"fault": "jam"}), "not_a_list"),
    Wrong(answer("missing_key", [{"fault": "jam", "target": "conveyor2"}]), "bad_entry"),
    Wrong(With(diagnosis(), {}, "no_truth_given"), "no_truth"),
]
