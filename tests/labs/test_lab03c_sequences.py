"""Lab ``timers_sequences`` (3-7, 3-9, 3-10): the hidden runs of ``pusher_cycle`` test what they claim,
tolerances hold, and the teacher pack matches the catalogues and the tag table."""

from __future__ import annotations

import re

import pytest

import factorylab
from factorylab import lab, plc
from factorylab.control.checks import get
from factorylab.control.checks.behaviour import rising, run_seed
from factorylab.control.checks.seeds import formative_seeds
from factorylab.control.memory import Program
from factorylab.control.student import Watchdog
from factorylab.tags import tags_for
from tests.conftest import REPO
from tests.control.checks.answers import exit_blocked, pusher_cycle, sort_b

CHECK = "pusher_cycle"
PAGES = [REPO / "docs" / "labs" / "timers_sequences.md", REPO / "docs" / "labs" / "timers_sequences.en.md"]


def _runs() -> list[tuple[int, object, object]]:
    """Each hidden run played with the reference: (index, episode, judge after the run)."""
    check = get(CHECK)
    played = []
    for index, seed in enumerate(formative_seeds(CHECK, check.count)):
        plant, episode = check.plant_for(seed)
        judge = check.make_judge(plant, episode, 1)
        with Watchdog() as dog:
            assert run_seed(Program(pusher_cycle.REFERENCE()), plant, judge, episode.seconds, 0.05, dog, 1) is None
        assert judge.finish() == []
        played.append((index, episode, judge, plant))
    return played


@pytest.fixture(scope="module")
def runs():
    return _runs()


def test_fault_runs_really_have_a_stuck_extended_switch_and_end_in_the_alarm(runs) -> None:
    for index, episode, judge, plant in runs:
        stuck = [f for f in plant.faults.log if f.kind == "sensor_stuck_off" and f.target == "sorter.extended"]
        alarms = rising(judge.recorder.column("stack_light.red"))
        fault = episode.script["fault"]
        assert fault == ("none", "once", "twice")[index % 3]
        if fault == "none":
            assert not stuck and not alarms, index
        else:
            assert len(stuck) == 1 and stuck[0].end is not None, index  # repaired before the run ends
            assert len(alarms) == (1 if fault == "once" else 2), index
            t = judge.recorder.t
            assert all(stuck[0].start < t[k] < stuck[0].end + 0.1 for k in alarms)


def test_hidden_runs_differ_by_more_than_two_seconds_and_in_cylinder_speed(runs) -> None:
    def first(events, what):
        return next(at for name, at in events if name == what)

    starts = [first(e.script["events"], "cycle") for _, e, _, _ in runs]
    assert max(starts) - min(starts) >= 2.0
    stuck = [first(e.script["events"], "stuck_cycle") for _, e, _, _ in runs if e.script["fault"] != "none"]
    assert max(stuck) - min(stuck) >= 2.0
    strokes = [e.script["stroke_time"] for _, e, _, _ in runs]
    assert min(strokes) <= 0.35 and max(strokes) >= 0.6 and len(set(strokes)) >= 5


def test_the_episodes_test_what_they_claim(runs) -> None:
    """A press while busy falls inside a cycle; start held outlasts a cycle; no press at a whole second."""
    for index, episode, judge, _ in runs:
        t = judge.recorder.t
        extend = judge.recorder.column("sorter.extend")
        home = rising(judge.recorder.column("sorter.retracted"))
        cycles = [(t[k], t[next(h for h in home if h > k)]) for k in rising(extend)]
        for name, at in episode.script["events"]:
            if name == "press_while_busy":
                assert any(a + 0.1 < at < b - 0.1 for a, b in cycles), (index, at, cycles)
            if name in ("cycle", "held", "stuck_cycle", "press_while_busy", "start_in_alarm", "reset"):
                assert abs(at - round(at)) > 0.01, (index, name, at)
        for action in episode.scenario.actions:
            if action.press == "start" and action.hold > 1.5:
                assert action.hold > 2 * episode.script["stroke_time"] + 0.5


def _one_scan_late():
    """The reference, writing every output one scan late."""
    inner = pusher_cycle.make_with_plc_blocks()
    before = {"extend": False, "red": False}

    def controller(line, t):
        extend, red = before["extend"], before["red"]
        inner(line, t)
        before["extend"], before["red"] = line.sorter.extend, line.stack_light.red
        line.sorter.extend, line.stack_light.red = extend, red

    return controller


def _minimal():
    """No step number: extend on the press edge when home, off at the switch or after 1 s (TON on extend)."""
    edge, timer = plc.R_TRIG(), plc.TON(1.0)
    state = {"alarm": False}

    def controller(line, t):
        if line.panel.reset:
            state["alarm"] = False
        if edge(line.panel.start) and line.sorter.retracted and not state["alarm"]:
            line.sorter.extend = True
        if line.sorter.extended:
            line.sorter.extend = False
        if timer(line.sorter.extend and not line.sorter.extended, t):
            line.sorter.extend = False
            state["alarm"] = True
        line.stack_light.red = state["alarm"]

    return controller


def _timed_from_the_press_with_lamps():
    """Time from the press, 'more than 1 s' by hand, and the green and buzzer lamps written too."""
    edge = plc.R_TRIG()
    s = {"step": 0, "alarm": False, "t0": 0.0}

    def controller(line, t):
        pressed = edge(line.panel.start)
        if line.panel.reset:
            s["alarm"] = False
        if s["step"] == 0 and pressed and not s["alarm"] and line.sorter.retracted:
            s["step"], s["t0"] = 1, t
        if s["step"] == 1 and line.sorter.extended:
            s["step"] = 2
        if s["step"] == 1 and t - s["t0"] > 1.05:
            s["step"], s["alarm"] = 2, True
        if s["step"] == 2 and line.sorter.retracted:
            s["step"] = 0
        line.sorter.extend = s["step"] == 1
        line.stack_light.red = line.stack_light.buzzer = s["alarm"]
        line.stack_light.green = s["step"] != 0

    return controller


@pytest.mark.parametrize("make", [_one_scan_late, _minimal, _timed_from_the_press_with_lamps])
def test_tolerated_ways_pass(make) -> None:
    result = factorylab.check(make(), CHECK)
    assert result.passed, result.message("en")


def test_summative_seeds_judge_the_same_way() -> None:
    right = factorylab.check(pusher_cycle.make_with_plc_blocks(), CHECK, secret="class-3", student="s07")
    assert right.passed, right.message("en")
    wrong = factorylab.check(pusher_cycle.make_no_timeout(), CHECK, secret="class-3", student="s07")
    assert not wrong.passed and wrong.codes[0] == "no_timeout"


def test_lab_header_names_its_checks_and_hours() -> None:
    source = lab.get("timers_sequences")
    assert source.checks == ("exit_blocked", "pusher_cycle", "sort_b")
    assert source.unit == 3 and source.hours == 3.5


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_teacher_pack_lists_every_wrong_answer_the_checks_recognise(page) -> None:
    text = page.read_text("utf-8")
    for catalogue in (exit_blocked, pusher_cycle, sort_b):
        section = text.split(f"### `{catalogue.CHECK}`", 1)[1].split("\n### ", 1)[0]
        for wrong in catalogue.WRONG:
            assert f"| `{wrong.code}` |" in section, (page.name, catalogue.CHECK, wrong.code)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_teacher_pack_has_the_sections_and_a_ladder_per_exercise(page) -> None:
    text = page.read_text("utf-8")
    for anchor in ("lesson-plan", "objectives", "io-assignment", "misconceptions", "wrong-answers"):
        assert f"{{#{anchor}}}" in text
    for n in (1, 2, 3):
        ladder = text.split(f"{{#ladder-{n}}}", 1)[1].split("\n### ", 1)[0]
        assert "```text" in ladder and "|---|" in ladder
    assert len(re.findall(r"^\d\. \*\*", text.split("{#misconceptions}")[1], re.M)) >= 3


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_teacher_pack_addresses_come_from_the_tag_table(page) -> None:
    table = tags_for(factorylab.connect(scenario="sorting").plant)
    rows = re.findall(r"^\| P\d{4} \| `([a-z0-9_.]+)` \| [^|]+ \| (\d{5}) \|$", page.read_text("utf-8"), re.M)
    assert len(rows) == 14
    for name, number in rows:
        assert table[name].notation == number, name
