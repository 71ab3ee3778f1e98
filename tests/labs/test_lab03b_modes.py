"""Lab 3-2 ``modes_interlocks``: its checks' hidden runs hold what they promise (times vary by more than 2 s, the
fault runs of ``start_order`` really stop conveyor1's feedback, every ``batch_count`` run feeds two batches of 5 with
one paused), outputs replayed from any hidden run fail as open loop, wrong answers outside the catalogues are
recognised, and the teacher pack lists every wrong answer with its ladder."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

import factorylab
from factorylab import plc
from factorylab.control.checks import get
from factorylab.control.checks.behaviour import run_seed
from factorylab.control.checks.seeds import formative_seeds, summative_seeds
from factorylab.control.memory import Program
from factorylab.control.student import Watchdog
from factorylab.labs import lab03b_modes_checks as checks

from ..control.checks.answers import batch_count as batch_answers
from ..control.checks.answers import manual_auto as mode_answers
from ..control.checks.answers import start_order as order_answers
from ..control.checks.catalogue import record_outputs, replay

DOCS = Path(__file__).resolve().parents[2] / "docs"
MINE = {"manual_auto": mode_answers, "start_order": order_answers, "batch_count": batch_answers}


def _actions(name: str, seed: int) -> list:
    _, episode = get(name).plant_for(seed)
    return list(episode.scenario.actions)


def _first_times(name: str, seed: int) -> dict[str, float]:
    """The first time of each kind of operator action in one hidden run (a mode at 0 s is the starting mode)."""
    first: dict[str, float] = {}
    for action in _actions(name, seed):
        if action.mode is not None and action.at == 0.0:
            continue
        what = action.press or (f"estop_{action.estop}" if action.estop else f"mode_{action.mode}")
        first.setdefault(what, action.at)
    return first


def _reference_run(name: str, seed: int, role: str | None = None):
    """The judge of the catalogue's reference on one hidden run (with its recorded columns)."""
    check = get(name)
    if role is not None:
        check = copy.copy(check)
        check._roles = {seed: role}
    plant, episode = check.plant_for(seed)
    judge = check.make_judge(plant, episode, 1)
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


def test_every_manual_auto_run_turns_the_selector_while_running_and_back() -> None:
    for seed in formative_seeds("manual_auto", 6):
        judge, episode = _reference_run("manual_auto", seed)
        c = judge.recorder.columns()
        auto, run = c["panel.auto"], c["conveyor1.run"]
        to_manual = [k for k in range(1, len(auto)) if auto[k - 1] and not auto[k]]
        to_auto = [k for k in range(1, len(auto)) if not auto[k - 1] and auto[k]]
        assert any(run[k - 1] for k in to_manual), "turned to manual while running"
        assert any(k > min(j for j in to_manual if run[j - 1]) for k in to_auto), "and back to auto afterwards"
        assert episode.script["blocks"].index("jog") < episode.script["blocks"].index("switch")
        assert not any(c["panel.start"][k] for k in to_manual + to_auto), "never turned while start is held"


def test_start_order_roles_put_both_faults_in_every_list_of_seeds() -> None:
    lists = [formative_seeds("start_order", 6)] + [
        summative_seeds("start_order", 6, "s", str(who)) for who in range(10)
    ]
    for seeds in lists:
        roles = checks.roles_for("start_order", seeds, checks.SO_ROLES)
        assert roles[seeds[0]] == "plain"
        assert {"stuck", "jam", "plain"} <= set(roles.values())


@pytest.mark.parametrize("role", ["stuck", "jam"])
def test_start_order_fault_runs_stop_conveyor1s_feedback_while_its_command_is_on(role: str) -> None:
    for seed in formative_seeds("start_order", 6)[:3]:
        judge, episode = _reference_run("start_order", seed, role)
        c = judge.recorder.columns()
        dropped = [
            k for k in range(1, len(c["conveyor1.run"])) if c["conveyor1.run"][k - 1] and not c["conveyor1.running"][k]
        ]
        assert len(dropped) * checks.SCAN >= 2.0, (role, seed)
        assert not any(c["feeder.run"][k] for k in dropped), "the reference feeder is off meanwhile"
        if role == "jam":
            trip = c["conveyor1.overload"].index(True)
            stops = [a.at for a in episode.scenario.actions if a.press == "stop" and a.at > episode.script["jam"]]
            assert judge.recorder.t[trip] < stops[0] - 5.0, "the relay trips well before the operator stops"


def test_start_order_plain_runs_have_no_fault() -> None:
    judge, episode = _reference_run("start_order", formative_seeds("start_order", 6)[0], "plain")
    assert not episode.scenario.faults.schedule
    c = judge.recorder.columns()
    assert all(c["conveyor1.running"][k] for k in range(1, len(c["conveyor1.run"])) if c["conveyor1.run"][k - 1])


def test_every_batch_run_feeds_two_batches_of_5_and_pauses_one() -> None:
    for seed in formative_seeds("batch_count", 6):
        judge, episode = _reference_run("batch_count", seed)
        c = judge.recorder.columns()
        parts = c["production.parts_in"]
        assert parts[-1] == 2 * checks.BATCH
        starts = [round(a.at / checks.SCAN) + 2 for a in episode.scenario.actions if a.press == "start"]
        assert any(0 < parts[k] % checks.BATCH for k in starts), "one batch is stopped and started again midway"
        assert any(c["stack_light.amber"]), "the amber lamp shows a finished batch"


def test_batch_speeds_and_intervals_vary() -> None:
    scripts = [get("batch_count").plant_for(seed)[1].script for seed in formative_seeds("batch_count", 6)]
    assert max(s["interval"] for s in scripts) - min(s["interval"] for s in scripts) >= 1.0
    assert max(s["speed"] for s in scripts) - min(s["speed"] for s in scripts) >= 15


# --- open loop from any hidden run ----------------------------------------------------------------------


@pytest.mark.parametrize("name", [*MINE])
@pytest.mark.parametrize("index", [1, 3, 5])
def test_outputs_replayed_from_any_hidden_run_fail_as_open_loop(name: str, index: int) -> None:
    rows = record_outputs(name, MINE[name].REFERENCE, index)
    result = factorylab.check(replay(rows), name)
    assert not result.passed and result.codes[0] == "open_loop", result.message("en")


# --- wrong answers outside the catalogues ---------------------------------------------------------------------

no_lock_c1 = plc.TON(1.0)
no_lock_f = plc.TON(1.0)
no_lock_c1_hold = plc.TOF(1.0)
no_lock_c2_hold = plc.TOF(2.0)


def no_interlock_at_all(line, t, m):
    """The start order and the reverse stop, but the feeder reads no feedback at all."""
    ok = line.panel.safety_ok
    m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and ok
    c2 = no_lock_c2_hold(m["run"], t) and ok
    c1 = no_lock_c1(c2, t) and no_lock_c1_hold(m["run"], t) and ok
    line.conveyor2.run, line.conveyor1.run = c2, c1
    line.feeder.run = m["run"] and no_lock_f(c1, t)


ov_c1 = plc.TON(1.0)
ov_f = plc.TON(1.0)
ov_c1_hold = plc.TOF(1.0)
ov_c2_hold = plc.TOF(2.0)


def interlock_on_the_overload_only(line, t, m):
    """The feeder stops on conveyor1's overload relay, not on its running feedback: a stuck contact goes unseen."""
    ok = line.panel.safety_ok
    m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and ok
    c2 = ov_c2_hold(m["run"], t) and ok
    c1 = ov_c1(c2, t) and ov_c1_hold(m["run"], t) and ok
    line.conveyor2.run, line.conveyor1.run = c2, c1
    line.feeder.run = m["run"] and ov_f(c1, t) and not line.conveyor1.overload


@pytest.mark.parametrize("answer", [no_interlock_at_all, interlock_on_the_overload_only])
def test_a_feeder_without_the_feedback_is_told_to_check_the_feedback(answer) -> None:
    result = factorylab.check(answer, "start_order")
    assert not result.passed and result.codes[0] == "feeder_without_running", result.message("en")
    assert "회전 신호" in result.message("ko")


def waits_for_the_belt(line, t, m):
    """Waits inside the scan for conveyor1 to turn."""
    m["run"] = (line.panel.start or m["run"]) and not line.panel.stop
    line.conveyor2.run = line.conveyor1.run = m["run"]
    while m["run"] and not line.conveyor1.running:
        pass
    line.feeder.run = m["run"]


def test_waiting_in_the_scan_is_stopped_by_the_watchdog() -> None:
    result = factorylab.check(waits_for_the_belt, "start_order")
    assert result.codes[0] == "watchdog"


timed_batch = plc.TON(18.0)


def batch_by_the_clock(line, t, m):
    """Stops the feeder 18 s after the start (5 parts at 4 s apart on the notebook's line)."""
    m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and line.panel.safety_ok
    if line.panel.reset:
        m["done"] = False
    if timed_batch(m["run"] and not m["done"], t):
        m["done"] = True
    line.conveyor1.run = line.conveyor2.run = m["run"]
    line.feeder.run = m["run"] and not m["done"]
    line.stack_light.amber = m["done"]


def test_a_batch_timed_by_the_clock_fails() -> None:
    result = factorylab.check(batch_by_the_clock, "batch_count")
    assert not result.passed
    assert result.codes[0] in {"too_few", "too_many", "one_too_many", "feeder_not_stopped", "open_loop"}


def test_manual_auto_with_edge_blocks_made_in_the_scan_is_told() -> None:
    def fresh_edges(line, t, m):
        changed = plc.R_TRIG()(line.panel.auto) or plc.F_TRIG()(line.panel.auto)
        if changed:
            m["run"] = False
        m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and line.panel.auto
        line.conveyor1.run = line.conveyor2.run = m["run"] or (not line.panel.auto and line.panel.start)

    assert not factorylab.check(fresh_edges, "manual_auto").passed


# --- the teacher pack -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_teacher_pack_lists_every_wrong_answer_with_its_message(lang: str) -> None:
    page = (DOCS / "labs" / ("modes_interlocks.md" if lang == "ko" else "modes_interlocks.en.md")).read_text("utf-8")
    for name, module in MINE.items():
        assert f"`{name}`" in page
        for wrong in module.WRONG:
            assert f"| `{wrong.code}` | `{wrong.id}` |" in page, (name, wrong.code)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_teacher_pack_has_a_ladder_and_the_anchors(lang: str) -> None:
    page = (DOCS / "labs" / ("modes_interlocks.md" if lang == "ko" else "modes_interlocks.en.md")).read_text("utf-8")
    for anchor in ("{#lesson-plan}", "{#objectives}", "{#ladder}", "{#answer-key}", "{#misconceptions}",
                   "{#wrong-answers}", "{#ladder-3-5}", "{#ladder-3-6}", "{#ladder-3-7}"):  # fmt: skip
        assert anchor in page, anchor
    assert page.count("```text") >= 3
    assert "P00008" in page and "TOFF" in page and "CTU" in page


def test_unit_figure_draws_the_interlock_from_a_real_run() -> None:
    from factorylab.docsgen import figure_module

    module = figure_module("u3_start_order")
    rows = module.record()
    t = rows["t"]
    during = [k for k, x in enumerate(t) if module.STUCK + 0.1 <= x < module.STUCK + module.STUCK_FOR]
    assert during and not any(rows["feeder.run"][k] for k in during)
    assert all(rows["conveyor1.run"][k] for k in during)
    on = {
        name: next(x for x, v in zip(t, rows[name], strict=True) if v)
        for name in ("conveyor2.run", "conveyor1.run", "feeder.run")
    }
    assert 0.9 <= on["conveyor1.run"] - on["conveyor2.run"] <= 1.2
    assert 0.9 <= on["feeder.run"] - on["conveyor1.run"] <= 1.2
    figure = module.figure("ko")
    assert len(figure.axes) == len(module.TAGS)
