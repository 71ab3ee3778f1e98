"""Lab 9-1 (capstone): the teacher pack names every wrong answer of the catalogue; the check's runs differ by seed."""

from __future__ import annotations

from factorylab.capstone.episodes import plan_for
from factorylab.control.checks.seeds import formative_seeds
from factorylab.labs.lab09a_capstone_checks import HOURS, practice_line
from tests.conftest import REPO
from tests.control.checks.answers import capstone_ready


def test_every_wrong_code_is_in_both_teacher_packs():
    for name in ("capstone.md", "capstone.en.md"):
        text = (REPO / "docs" / "labs" / name).read_text(encoding="utf-8")
        for wrong in capstone_ready.WRONG:
            assert f"`{wrong.code}`" in text, (name, wrong.code)


def test_hidden_runs_of_the_check_differ_by_more_than_two_seconds():
    plans = [plan_for(seed, HOURS, warm=True) for seed in formative_seeds("capstone_ready", 3)]
    for kind in ("estop", "stop", "tool"):
        starts = [min(h.start for h in p.happenings if h.kind == kind) for p in plans]
        assert max(starts) - min(starts) > 2.0, (kind, starts)
    assert all(p.scenario.oven.temperature == 215.0 for p in plans)


def test_practice_line_has_faults_and_operator_actions():
    line = practice_line(3)
    scenario = line.plant.scenario
    assert {f.kind for f in scenario.faults.schedule} >= {"jam", "tool_breakage", "sensor_stuck_on"}
    assert any(a.estop == "pushed" for a in scenario.actions) and scenario.actions[0].press == "start"
