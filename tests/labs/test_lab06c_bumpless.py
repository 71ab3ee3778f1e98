"""Lab 6-3 ``bumpless``: its checks' hidden runs hold what they promise (switch and feed times vary by more than
±2 s on formative and summative seeds, every ``bumpless`` run switches modes as documented, the pause runs of
``oven_load`` really pause the feed), outputs replayed from any hidden run fail as open loop, and the teacher pack
lists every wrong answer of both catalogues."""

from __future__ import annotations

import copy
import re

import pytest

import factorylab
from factorylab import lab
from factorylab.control.checks import get
from factorylab.control.checks.behaviour import run_seed
from factorylab.control.checks.seeds import formative_seeds, summative_seeds
from factorylab.control.memory import Program
from factorylab.control.reference import PI
from factorylab.control.student import Watchdog
from factorylab.labs import lab06c_bumpless_checks as checks
from tests.conftest import REPO

from ..control.checks.answers import bumpless as bumpless_answers
from ..control.checks.answers import oven_load as load_answers
from ..control.checks.catalogue import record_outputs, replay

MINE = {"bumpless": bumpless_answers, "oven_load": load_answers}
PAGES = [REPO / "docs" / "labs" / "bumpless.md", REPO / "docs" / "labs" / "bumpless.en.md"]


def _scripts(name: str, seeds: list[int]) -> list[dict]:
    """The hidden runs' scripts, each shaped by its place in ``seeds`` as when the check judges them."""
    check = copy.copy(get(name))
    check._positions = {seed: index for index, seed in enumerate(seeds)}
    return [check.plant_for(seed)[1].script for seed in seeds]


def _seed_lists(name: str) -> list[list[int]]:
    """The formative seeds and the summative seeds of 24 students."""
    return [formative_seeds(name, 6)] + [summative_seeds(name, 6, "class-secret", f"s{who:02d}") for who in range(24)]


def _events(name: str, script: dict) -> dict[str, float]:
    """The times (s) of what the check does in one hidden run: switches, the operator's writes, the feed."""
    if name == "bumpless":
        found = {f"switch_{n}": t for n, (t, _) in enumerate(script["switches"])}
        found.update({f"write_{n}": t for n, (t, _) in enumerate(script["writes"])})
        return found
    found = {"feed": script["feed"]}
    if script["pause"] is not None:
        found.update(pause=script["pause"][0], resume=script["pause"][0] + script["pause"][1])
    return found


def _played(name: str, seed: int, judge_class=None):
    """The judge of the catalogue's reference after one formative hidden run (it must pass)."""
    check = get(name)
    plant, episode = check.plant_for(seed)
    judge = (judge_class or type(check.make_judge(plant, episode, 1)))(plant, episode, 1)
    program = Program(MINE[name].REFERENCE)
    saved = program.state.capture()
    try:
        with Watchdog() as dog:
            assert run_seed(program, plant, judge, episode.seconds, check.scan, dog, 1) is None
    finally:
        program.state.restore(saved)
    assert judge.finish() == []
    return judge, episode


# --- the hidden runs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [*MINE])
def test_every_time_moves_by_more_than_4_s_between_hidden_runs(name: str) -> None:
    assert get(name).count >= 5
    runs = [(index, script) for seeds in _seed_lists(name) for index, script in enumerate(_scripts(name, seeds))]
    for position in range(6):
        events = [_events(name, script) for index, script in runs if index == position]
        for what in set().union(*events):
            times = [found[what] for found in events if what in found]
            assert len(times) == len(events), (position, what)  # every run of that shape has it
            assert max(times) - min(times) > 4.0, (name, position, what, times)  # more than ±2 s


@pytest.mark.parametrize("name", [*MINE])
def test_summative_runs_differ_from_formative_ones(name: str) -> None:
    formative = [_events(name, s) for s in _scripts(name, formative_seeds(name, 6))]
    summative = [_events(name, s) for s in _scripts(name, summative_seeds(name, 6, "class-secret", "kim"))]
    assert not any(run in formative for run in summative)


def test_every_list_of_seeds_has_every_shape() -> None:
    for name, shapes in (("bumpless", checks.SHAPES), ("oven_load", checks.LOAD_SHAPES)):
        for seeds in _seed_lists(name)[:5]:
            assert [s["shape"] for s in _scripts(name, seeds)] == list(shapes)


def test_every_bumpless_run_switches_modes_as_documented() -> None:
    """Manual first; to auto below, above and near 200 °C; back to manual; the operator moves the heater."""
    band = checks.BAND
    for index, seed in enumerate(formative_seeds("bumpless", 6)):
        judge, episode = _played("bumpless", seed)
        script = episode.script
        segments = judge.segments()
        modes = [auto for auto, _, _ in segments]
        assert modes[0] is False, "every run starts in manual"
        assert modes == [False] + [auto for _, auto in script["switches"]], (index, modes)
        for (auto, first, _), (when, wanted) in zip(segments[1:], script["switches"], strict=True):
            assert auto is wanted and abs(judge.t[first] - when) <= checks.SCAN, (index, when)
        to_auto = [first for auto, first, _ in segments[1:] if auto]
        temperature = judge.measured[to_auto[0]]
        shape = script["shape"]
        assert shape == checks.SHAPES[index]
        if shape == "below":
            assert temperature < checks.SETPOINT - band, (index, temperature)
        elif shape == "above":
            assert temperature > checks.SETPOINT + band, (index, temperature)
        else:
            assert abs(temperature - checks.SETPOINT) < 10.0, (index, temperature)
        # the first manual stretch is long enough for a wound-up integral to show (30 s at least)
        assert judge.t[to_auto[0]] >= 30.0
        if shape in ("below", "near"):
            assert modes == [False, True, False, True]
            _, first, end = segments[2]  # manual again
            left = judge.heater[first - 1]  # what the PI wrote last
            assert judge.heater[first] == pytest.approx(left), "the reference leaves the heater at the switch"
            moved = [k for k in range(first, end) if abs(judge.before[k] - judge.heater[k - 1]) > checks.HOLD]
            assert len(moved) == 1, "the operator moves the heater once in the second manual stretch"
            assert judge.before[moved[0]] == pytest.approx(script["writes"][0][1], abs=0.05)
            assert abs(judge.before[moved[0]] - left) > 8.0, "to a value well away from the PI's"
            # the switch back to auto comes after the write, and its first output is the operator's heater
            assert judge.heater[segments[3][1]] == pytest.approx(judge.before[segments[3][1]], abs=checks.JUMP)
        # from SETTLE after the last switch the run lasts long enough to judge the settling
        assert judge.t[-1] - script["switches"][-1][0] >= checks.SETTLE + 60.0


class _FeedJudge(checks.LoadJudge):
    """The oven_load judge, recording the feeder's command too."""

    def __init__(self, plant, episode, run) -> None:
        super().__init__(plant, episode, run)
        self.feeder = plant.feeder
        self.feeding_now: list[bool] = []

    def after_scan(self, t: float) -> None:
        super().after_scan(t)
        self.feeding_now.append(bool(self.feeder.run))


@pytest.fixture(scope="module")
def load_runs():
    return [_played("oven_load", seed, _FeedJudge) for seed in formative_seeds("oven_load", 6)]


def test_the_pause_runs_of_oven_load_really_pause_the_feed(load_runs) -> None:
    pauses = 0
    for index, (judge, episode) in enumerate(load_runs):
        script = episode.script
        t, inside, feeding = judge.t, judge.inside, judge.feeding_now
        assert script["shape"] == checks.LOAD_SHAPES[index]
        assert not any(feeding[k] for k in range(len(t)) if t[k] < script["feed"] - 1.0), "no feed before its time"
        assert all(inside[k] == 0 for k in range(len(t)) if t[k] < script["feed"])
        busy = [inside[k] for k in range(len(t)) if script["feed"] + 120.0 <= t[k] < script["feed"] + 300.0]
        assert min(busy) >= 5, "a real load: 5 parts or more in the oven while parts flow"
        if script["pause"] is None:
            later = [inside[k] for k in range(len(t)) if t[k] >= script["feed"] + 60.0]
            assert min(later) >= 4, (index, "parts flow to the end")
            continue
        pauses += 1
        start, length = script["pause"]
        paused = [k for k in range(len(t)) if start + 1.0 <= t[k] < start + length - 1.0]
        assert paused and not any(feeding[k] for k in paused), (index, "the feeder stops")
        emptied = [k for k in paused if t[k] >= start + checks.DWELL + 10.0]
        assert emptied and all(inside[k] == 0 for k in emptied), (index, "the oven empties during the pause")
        again = [inside[k] for k in range(len(t)) if start + length + 60.0 <= t[k]]
        assert min(again) >= 4, (index, "the parts come again after the pause")
    assert pauses == 2


def test_a_load_really_needs_more_heater(load_runs) -> None:
    """With the parts the reference holds 220 °C with more heater than in the empty oven (a load, not noise)."""
    for judge, episode in load_runs:
        feed, t, heater = episode.script["feed"], judge.t, judge.heater
        empty = [heater[k] for k in range(len(t)) if feed - 100.0 <= t[k] < feed]
        loaded = [heater[k] for k in range(len(t)) if feed + checks.RECOVERY <= t[k] < feed + checks.RECOVERY + 60.0]
        assert sum(loaded) / len(loaded) - sum(empty) / len(empty) >= 5.0


def test_summative_seeds_judge_the_same_way() -> None:
    for name, wrong in (("bumpless", bumpless_answers.no_tracking), ("oven_load", load_answers.p_with_bias)):
        right = factorylab.check(MINE[name].REFERENCE, name, secret="class-6", student="s07")
        assert right.passed, right.message("en")
        result = factorylab.check(wrong, name, secret="class-6", student="s07")
        assert not result.passed and result.codes[0] in {"no_tracking", "load_offset"}, result.message("en")


# --- open loop from any hidden run ----------------------------------------------------------------------


@pytest.mark.parametrize("name", [*MINE])
@pytest.mark.parametrize("index", [1, 3, 5])
def test_outputs_replayed_from_any_hidden_run_fail_as_open_loop(name: str, index: int) -> None:
    rows = record_outputs(name, MINE[name].REFERENCE, index)
    result = factorylab.check(replay(rows), name)
    assert not result.passed and result.codes[0] == "open_loop", result.message("en")


def test_a_controller_that_keeps_the_selector_in_manual_fails() -> None:
    """Forcing the selector needs ``line.plant``, which a controller in a check does not get: it is told so."""
    result = factorylab.check(bumpless_answers.forces_manual, "bumpless")
    assert not result.passed and result.codes[0] == "plant_in_check", result.message("en")
    assert "line.plant" in result.findings[0].ko and "set_auto" in result.findings[0].ko


@pytest.mark.parametrize("student", [None, "s01", "s02", "s03"])
def test_a_strong_but_tracked_pi_is_not_blamed_for_its_tracking(student) -> None:
    """Kc 5.5 %/°C, Ti 30 s with right tracking fails (far beyond SIMC), but never as a tracking mistake."""
    options = {} if student is None else {"secret": "class-x", "student": student}
    result = factorylab.check(_tracking_pi(5.5, 30.0, checks.SETPOINT), "bumpless", **options)
    assert not result.passed and result.codes[0] in {"too_strong", "not_settled"}, result.message("en")


def _tracking_pi(kc: float, ti: float, setpoint: float):
    """``make_controller()`` of the course's PI block, tracking the heater in manual."""

    def make_controller():
        pi = PI(kc=kc, ti=ti)

        def controller(line, t):
            if line.panel.auto:
                line.oven.heater = pi(setpoint, line.oven.temperature, t)
            else:
                pi.integral = line.oven.heater - pi.kc * (setpoint - line.oven.temperature)
                pi._last = t

        return controller

    return make_controller


@pytest.mark.parametrize(("kc", "ti"), [(1.2, 144.0), (1.8, 160.0), (2.7, 160.0)])
@pytest.mark.parametrize("student", [None, "s04", "s05"])
def test_simc_pis_of_every_students_oven_pass_both_checks(kc: float, ti: float, student) -> None:
    """SIMC with tau_c = theta for the weakest, documented and strongest student ovens passes on every hidden run."""
    options = {} if student is None else {"secret": "class-x", "student": student}
    for name, setpoint in (("bumpless", checks.SETPOINT), ("oven_load", checks.LOAD_SETPOINT)):
        result = factorylab.check(_tracking_pi(kc, ti, setpoint), name, **options)
        assert result.passed, (name, result.message("en"))


# --- the lab and its teacher pack --------------------------------------------------------------------------------


def test_lab_header_names_its_checks_and_hours() -> None:
    source = lab.get("bumpless")
    assert source.checks == ("bumpless", "oven_load")
    assert source.unit == 6 and source.hours == 1.5


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_teacher_pack_lists_every_wrong_answer_the_checks_recognise(page) -> None:
    text = page.read_text("utf-8")
    wrong_answers = text.split("{#wrong-answers}", 1)[1]
    for catalogue in MINE.values():
        section = wrong_answers.split(f"### `{catalogue.CHECK}`", 1)[1].split("\n### ", 1)[0]
        for wrong in catalogue.WRONG:
            assert f"| `{wrong.code}` |" in section, (page.name, catalogue.CHECK, wrong.code)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_teacher_pack_plans_75_minutes_and_names_three_misconceptions(page) -> None:
    text = page.read_text("utf-8")
    plan = text.split("{#lesson-plan}", 1)[1].split("\n## ", 1)[0]
    minutes = [int(m) for m in re.findall(r"^\| [12] \| (\d+) \|", plan, re.M)]
    assert sum(minutes) == 75, minutes
    assert len(re.findall(r"^\d\. \*\*", text.split("{#misconceptions}")[1].split("\n## ")[0], re.M)) >= 3
    assert "u6_bumpless-" in text


def test_unit_figure_shows_the_bump_without_tracking_only() -> None:
    from factorylab.docsgen import figure_module

    module = figure_module("u6_bumpless")
    runs = module.record()
    switch = module.SWITCH
    jumps = {}
    for label, rows in runs.items():
        t, heater = rows["t"], rows["oven.heater"]
        before = max(k for k, x in enumerate(t) if x < switch)
        after = [heater[k] for k, x in enumerate(t) if switch <= x < switch + 2.0]  # the figure's rows are 1 s apart
        jumps[label] = max(abs(h - heater[before]) for h in after)
    assert jumps["tracking"] <= checks.JUMP < jumps["no_tracking"], jumps
    figure = module.figure("ko")
    assert len(figure.axes) == 2
