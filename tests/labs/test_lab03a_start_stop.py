"""Lab 3-1 ``start_stop``: its checks' hidden runs hold what they promise (times vary by more than 2 s, every
``stack_light`` run has a trip of each belt's overload relay, planned and real runs agree), wrong answers outside
the catalogues are recognised, and the teacher pack lists every wrong answer with the message it gets."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import pytest

import factorylab
from factorylab import plc
from factorylab.control.checks import get
from factorylab.control.checks.behaviour import Judge, run_seed
from factorylab.control.checks.seeds import formative_seeds, summative_seeds
from factorylab.control.memory import Program
from factorylab.control.student import Watchdog

from ..control.checks.answers import jog as jog_answers
from ..control.checks.answers import seal_in_stop as seal_answers
from ..control.checks.answers import stack_light as lamp_answers

DOCS = Path(__file__).resolve().parents[2] / "docs"
MINE = ("jog", "seal_in_stop", "stack_light")
#: codes told by the shared machinery (the watchdog, Python errors, tag errors), not by this lab's judges
SHARED_CODES = {"watchdog", "python_error", "read_only_tag", "unknown_tag", "block_made_in_scan", "not_written"}


def _actions(name: str, seed: int) -> list:
    _, episode = get(name).plant_for(seed)
    return list(episode.scenario.actions)


def _first_times(name: str, seed: int) -> dict[str, float]:
    """The first time of each kind of operator action in one hidden run."""
    first: dict[str, float] = {}
    for action in _actions(name, seed):
        what = action.press or f"estop_{action.estop}"
        first.setdefault(what, action.at)
    return first


# --- the hidden runs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [*MINE])
def test_every_action_moves_by_more_than_2_s_between_hidden_runs(name: str) -> None:
    assert get(name).count >= 5
    seeds = formative_seeds(name, 6) + [seed for who in range(24) for seed in summative_seeds(name, 1, "s", str(who))]
    firsts = [_first_times(name, seed) for seed in seeds]
    for what in set().union(*firsts):
        times = [first[what] for first in firsts if what in first]
        assert max(times) - min(times) > 4.0, (what, times)  # more than ±2 s around the middle


@pytest.mark.parametrize("name", [*MINE])
def test_summative_runs_differ_from_formative_ones(name: str) -> None:
    formative = [_actions(name, seed) for seed in formative_seeds(name, 6)]
    summative = [_actions(name, seed) for seed in summative_seeds(name, 6, "class-secret", "kim")]
    assert not any(run in formative for run in summative)


def test_jog_runs_hold_every_episode() -> None:
    for seed in formative_seeds("jog", 6):
        actions = _actions("jog", seed)
        starts = [a for a in actions if a.press == "start"]
        stops = [a for a in actions if a.press == "stop"]
        assert any(a.hold >= 3.0 for a in starts), "a long hold (a fixed-time pulse cannot pass)"
        assert any(a.hold <= 0.5 for a in starts), "a short tap (a seal-in shows at once)"
        held_through_stop = [
            s for s in starts for p in stops if s.at < p.at < s.at + s.hold and p.at + p.hold > s.at + s.hold
        ]
        assert held_through_stop, "stop pressed while start is held, let go after start"


def test_seal_in_stop_runs_have_no_estop_and_press_start_and_stop_both_ways() -> None:
    for seed in formative_seeds("seal_in_stop", 6):
        actions = _actions("seal_in_stop", seed)
        assert not any(a.estop for a in actions)
        starts = [a for a in actions if a.press == "start"]
        stops = [a for a in actions if a.press == "stop"]
        together = [s for s in starts for p in stops if abs(s.at - p.at) < 1e-6]
        stop_first = [s for s in starts for p in stops if p.at < s.at and s.at + s.hold < p.at + p.hold]
        start_first = [s for s in starts for p in stops if s.at < p.at < s.at + s.hold]
        assert together and stop_first and start_first


class _Overloads(Judge):
    """Notes when each overload relay trips and resets, and the run command, in a real run."""

    wants_steps = False

    def __init__(self, plant, episode, run) -> None:
        super().__init__(plant, episode, run)
        self.last = (False, False)
        self.switches: list[tuple[str, float]] = []

    def after_scan(self, t: float) -> None:
        now = (self.plant.conveyor1.overload, self.plant.conveyor2.overload)
        for index, belt in enumerate(("conveyor1", "conveyor2")):
            if now[index] != self.last[index]:
                self.switches.append((f"{'trip' if now[index] else 'relay_reset'}_{belt}", round(t, 2)))
        self.last = now


@pytest.mark.parametrize("seed", formative_seeds("stack_light", 6))
def test_every_stack_light_run_trips_both_belts_where_the_plan_says(seed: int) -> None:
    check = get("stack_light")
    plant, episode = check.plant_for(seed)
    planned = [(what, at) for what, at in episode.script["events"] if what.startswith(("trip", "relay_reset"))]
    assert {what for what, _ in planned} == {
        "trip_conveyor1",
        "trip_conveyor2",
        "relay_reset_conveyor1",
        "relay_reset_conveyor2",
    }
    judge = _Overloads(plant, episode, 1)
    with Watchdog() as dog:
        assert run_seed(Program(lamp_answers.REFERENCE), plant, judge, episode.seconds, check.scan, dog, 1) is None
    assert judge.switches == planned  # the real run with the answer meets the faults exactly as planned
    events = [what for what, _ in episode.script["events"]]
    assert "start_in_fault" in events and "start_before_reset" in events and "estop_pushed" in events


def test_stack_light_trip_times_vary() -> None:
    trips = []
    for seed in formative_seeds("stack_light", 6):
        _, episode = get("stack_light").plant_for(seed)
        trips.append(next(at for what, at in episode.script["events"] if what == "trip_conveyor1"))
    assert max(trips) - min(trips) > 4.0, trips


# --- wrong answers outside the catalogues --------------------------------------------------------------


def ladder_start_dominant(line, t):
    """Start priority written as one rung: start or (run and not stop)."""
    run = line.panel.start or (line.conveyor1.run and not line.panel.stop)
    line.conveyor1.run = line.conveyor2.run = run


pulse = plc.TP(2.0)


def jog_by_pulse(line, t):
    """A fixed 2 s run after each press, whatever the button does."""
    run = pulse(line.panel.start, t) and not line.panel.stop
    line.conveyor1.run = line.conveyor2.run = run


off_timer = plc.TON(5.0)


def seal_in_with_a_time_limit(line, t):
    """Switches off by itself after 5 s of running."""
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop
    if off_timer(run, t):
        run = False
    line.conveyor1.run = line.conveyor2.run = run


def test_start_dominant_as_one_rung_is_told_as_start_dominant() -> None:
    result = factorylab.check(ladder_start_dominant, "seal_in_stop")
    assert result.codes[0] == "start_dominant", result.message("en")


@pytest.mark.parametrize(("answer", "name"), [(jog_by_pulse, "jog"), (seal_in_with_a_time_limit, "seal_in_stop")])
def test_timed_outputs_fail(answer, name: str) -> None:
    result = factorylab.check(answer, name)
    assert not result.passed
    assert result.codes[0] in {"open_loop", "runs_after_release", "off_while_held", "off_without_stop"}


def test_stack_light_with_a_red_lamp_latched_until_reset_fails() -> None:
    def latched_until_reset(line, t, m):
        ok = line.panel.safety_ok
        fault = line.conveyor1.overload or line.conveyor2.overload
        m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and ok and not fault
        m["alarm"] = (m["alarm"] or fault or not ok) and not line.panel.reset
        line.conveyor1.run = line.conveyor2.run = line.stack_light.green = m["run"]
        line.stack_light.red = m["alarm"]
        line.stack_light.amber = not m["run"] and not m["alarm"]

    result = factorylab.check(latched_until_reset, "stack_light")
    assert not result.passed and result.codes[0] == "red_stays_on", result.message("en")


def test_seal_in_stop_never_asks_for_safety_ok() -> None:
    for wrong in seal_answers.WRONG:
        result = factorylab.check(wrong.answer, "seal_in_stop")
        assert "safety_ok" not in result.message("ko") and "safety_ok" not in result.message("en"), wrong.id


def test_each_exercise_asks_for_more_than_the_one_before() -> None:
    assert factorylab.check(seal_answers.REFERENCE, "seal_in_stop").passed
    assert not factorylab.check(seal_answers.REFERENCE, "seal_in").passed
    assert factorylab.check(lamp_answers.last_exercise, "seal_in").passed
    assert not factorylab.check(lamp_answers.last_exercise, "stack_light").passed
    assert factorylab.check(jog_answers.REFERENCE, "jog").passed
    assert not factorylab.check(jog_answers.REFERENCE, "seal_in_stop").passed


# --- the teacher pack --------------------------------------------------------------------------------------


def _catalogue(name: str):
    return importlib.import_module(f"tests.control.checks.answers.{name}")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_teacher_pack_lists_every_wrong_answer_with_its_message(lang: str) -> None:
    page = (DOCS / "labs" / ("start_stop.md" if lang == "ko" else "start_stop.en.md")).read_text(encoding="utf-8")
    for name in (*MINE, "seal_in"):
        for wrong in _catalogue(name).WRONG:
            assert f"`{wrong.code}`" in page, (name, wrong.code)
            if name in MINE and wrong.code not in SHARED_CODES:
                finding = factorylab.check(wrong.answer, name).findings[0]
                assert finding.text(lang) in page, (name, wrong.code, finding.text(lang))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_teacher_pack_has_a_ladder_for_every_exercise(lang: str) -> None:
    page = (DOCS / "labs" / ("start_stop.md" if lang == "ko" else "start_stop.en.md")).read_text(encoding="utf-8")
    for exercise in ("3-1", "3-2", "3-3", "3-4"):
        assert f"{exercise}" in page
    assert page.count("( )") >= 8, "a coil in every rung of the ladders"
    for anchor in ("{#lesson-plan}", "{#answer-key}", "{#misconceptions}", "{#wrong-answers}", "{#ladder}"):
        assert anchor in page


def test_unit_page_figure_draws_from_a_real_run() -> None:
    from factorylab.docsgen import figure_module

    module = figure_module("u3_seal_in_signals")
    jogged, sealed = module.record(module.jog), module.record(module.seal_in)
    assert sum(sealed["conveyor1.run"]) > 2 * sum(jogged["conveyor1.run"]) > 0
    together = module.PRESSES[-2][0]  # start and stop pressed together: the seal-in stays off
    assert not any(on for t, on in zip(sealed["t"], sealed["conveyor1.run"], strict=True) if together + 0.1 < t < 14.0)
