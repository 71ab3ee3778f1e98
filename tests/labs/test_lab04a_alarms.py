"""Lab 4-1 ``alarms``: the hidden runs of ``alarm_states`` hold what they promise (every role, times varied by
more than 2 s, the scripted jams really take effect, reset pressed during, after, twice, late and with no alarm),
outputs replayed from any hidden run fail as open loop, the check is fast, and the teacher pack lists every wrong
answer of the catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

import factorylab
from factorylab.control.checks import get
from factorylab.control.checks.seeds import formative_seeds, summative_seeds
from factorylab.labs import lab04a_alarms_checks as checks

from ..control.checks.answers import alarm_states as answers
from ..control.checks.catalogue import record_outputs, replay

DOCS = Path(__file__).resolve().parents[2] / "docs"
CHECK = "alarm_states"


def _script(seed: int, roles: dict[int, str]) -> dict:
    check = get(CHECK)
    rng = __import__("random").Random(f"{CHECK}|{seed}")
    return check.episode(rng, factorylab.plant.load_scenario("conveyor"), roles[seed]).script


def _scripts(seeds: list[int]) -> list[dict]:
    roles = checks.roles_for(CHECK, seeds)
    return [_script(seed, roles) for seed in seeds]


@pytest.mark.parametrize("seeds", [formative_seeds(CHECK, 6), summative_seeds(CHECK, 6, "secret", "student-7")])
def test_every_role_is_played_and_the_first_is_the_richest(seeds: list[int]) -> None:
    scripts = _scripts(seeds)
    assert scripts[0]["role"] == "rich"
    assert {s["role"] for s in scripts} == set(checks.ROLES)
    rich = scripts[0]
    (first_at, first_belt, first_long), (second_at, second_belt, second_long) = rich["jams"]
    assert first_belt != second_belt
    resets = rich["resets"]
    assert resets[0] < first_at - 1  # a reset with no alarm before the first jam
    assert first_at + checks.ON_BOUND + 1 <= resets[1] <= first_at + first_long - 2  # acknowledged during the jam
    assert resets[2] >= second_at + second_long + 4  # the second jam ends unacknowledged
    assert len(resets) == 4
    assert any(s["role"] == "none" and not s["jams"] and len(s["resets"]) == 2 for s in scripts)


def test_times_vary_by_more_than_two_seconds_across_seeds() -> None:
    seeds = list(range(300))
    by_role: dict[str, list[dict]] = {}
    for seed in seeds:
        script = _script(seed, {s: checks.ROLES[s % len(checks.ROLES)] for s in seeds})
        by_role.setdefault(script["role"], []).append(script)
    for role, scripts in by_role.items():
        starts = [s["start"] for s in scripts]
        first_reset = [s["resets"][0] for s in scripts]
        assert max(starts) - min(starts) > 4, role
        assert max(first_reset) - min(first_reset) > 4, role
        if role != "none":
            jams = [s["jams"][0][0] for s in scripts]
            assert max(jams) - min(jams) > 4, role
            # the press varies independently of the jam
            offsets = [s["resets"][0] - s["jams"][0][0] for s in scripts if s["role"] != "rich"]
            if offsets:
                assert max(offsets) - min(offsets) > 4, (role, sorted(offsets))


def test_scripted_jams_really_take_effect_and_are_seen_by_the_judge() -> None:
    check = get(CHECK)
    for seed in formative_seeds(CHECK, 6):
        plant, episode = check.plant_for(seed)
        judge = check.make_judge(plant, episode, 1)
        from factorylab.control.checks.behaviour import run_seed
        from factorylab.control.memory import Program
        from factorylab.control.student import Watchdog

        with Watchdog() as dog:
            assert run_seed(Program(answers.REFERENCE), plant, judge, episode.seconds, check.scan, dog, 1) is None
        judge._states()
        assert len(judge.jams) == len(episode.script["jams"]), episode.script
        for (s, _e, belt), (at, scripted_belt, _long) in zip(judge.jams, episode.script["jams"], strict=True):
            assert belt == scripted_belt and abs(judge.recorder.t[s] - at) < 0.2
            assert max(judge.c[f"{belt}.current"][s : s + 20]) > 3.4


@pytest.mark.parametrize("index", [1, 2, 3, 4, 5])
def test_outputs_replayed_from_any_hidden_run_fail_as_open_loop(index: int) -> None:
    """(A run with no jam has no alarm to replay: its outputs are 'never an alarm', a missed jam.)"""
    seeds = formative_seeds(CHECK, 6)
    if checks.roles_for(CHECK, seeds)[seeds[index]] == "none":
        assert factorylab.check(replay(record_outputs(CHECK, answers.REFERENCE, index)), CHECK).codes[0] == "missed_jam"
        return
    rows = record_outputs(CHECK, answers.REFERENCE, index)
    result = factorylab.check(replay(rows), CHECK)
    assert not result.passed and result.codes[0] == "open_loop", result.message("en")


def test_the_reference_passes() -> None:
    """(Speed is measured by benchmarks/checks.py, not asserted in tests.)"""
    assert factorylab.check(answers.REFERENCE, CHECK).passed


def test_feedback_names_the_time_and_the_tag_in_both_languages() -> None:
    result = factorylab.check(answers.buzzer_never_stops, CHECK)
    finding = result.findings[0]
    assert finding.tag == "stack_light.buzzer" and finding.t is not None
    assert f"{finding.t:.1f}초" in finding.ko or "초에" in finding.ko
    assert "부저(stack_light.buzzer)가" in finding.ko


@pytest.mark.parametrize("lang", ["", ".en"])
def test_the_teacher_pack_lists_every_wrong_answer(lang: str) -> None:
    text = (DOCS / "labs" / f"alarms{lang}.md").read_text("utf-8")
    for wrong in answers.WRONG:
        assert f"`{wrong.code}`" in text, wrong.code
    for code in ("open_loop", "no_delay", "overload_relay", "never_clears", "one_belt"):  # jam_alarm's
        assert f"`{code}`" in text, code


def test_acknowledging_on_the_release_of_reset_passes() -> None:
    """Acting on either edge of the button is right: the grace after a press lasts until 0.3 s after its release."""
    assert factorylab.check(answers.acks_on_release, CHECK).passed


def test_reading_the_jams_from_the_simulator_itself_fails() -> None:
    """In a check the controller's line has no ``.plant``: it cannot read the fault list (run_seed's JudgedLine)."""

    def from_the_simulator(line, t, m):
        answers._run(line)
        jam = any(fault.kind == "jam" for fault in line.plant.faults.active)
        if jam and not m["alarm"]:
            m["alarm"], m["ack"] = True, False
        if m["alarm"] and line.panel.reset:
            m["ack"] = True
        if m["alarm"] and m["ack"] and not jam:
            m["alarm"] = m["ack"] = False
        line.stack_light.red = m["alarm"]
        line.stack_light.buzzer = m["alarm"] and not m["ack"]

    result = factorylab.check(from_the_simulator, CHECK)
    assert not result.passed and "line.plant" in str(result)
