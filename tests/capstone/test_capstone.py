"""The capstone engine: plans, hidden seeds, the formula, the zero rule, team errors, the class leaderboard.

Real runs, kept short (0.1-0.25 simulated hours a seed); the reference runs
are cached per process, so the module shares them.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from factorylab import capstone
from factorylab.capstone import classroom
from factorylab.capstone.episodes import EPISODES, plan_for
from factorylab.capstone.formula import POINTS, points
from factorylab.capstone.run import SeedRun
from factorylab.capstone.scoring import PRACTICE_SEEDS, hidden_seeds, score
from factorylab.cli import main
from factorylab.errors import FactoryLabError

SHORT = 0.25  # h a seed in these tests (the class runs 2 h)
SEEDS = list(PRACTICE_SEEDS[:2])


@pytest.fixture(scope="module")
def reference():
    return score(capstone.make_reference_controller, "ref", seeds=SEEDS, hours=SHORT)


@pytest.fixture(scope="module")
def baseline():
    return score(capstone.make_baseline_controller, "base", seeds=SEEDS, hours=SHORT)


# --- plans and seeds ----------------------------------------------------------------------------------------
def test_plans_are_reproducible_and_differ_by_seed():
    a, b, c = plan_for(11), plan_for(11), plan_for(12)
    assert [(h.kind, h.start, h.end) for h in a.happenings] == [(h.kind, h.start, h.end) for h in b.happenings]
    assert [(h.kind, h.start) for h in a.happenings] != [(h.kind, h.start) for h in c.happenings]
    assert a.seconds == 7200.0


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_every_plan_has_every_episode_inside_the_run(seed):
    for hours in (SHORT, 2.0):
        plan = plan_for(seed, hours)
        kinds = [h.kind for h in plan.happenings]
        assert sorted(set(kinds)) == sorted(set(EPISODES))
        assert kinds.count("estop") in (1, 2)
        assert all(0.0 <= h.start <= h.end < plan.seconds for h in plan.happenings)
        ordered = sorted(plan.happenings, key=lambda h: h.start)
        assert all(x.end <= y.start for x, y in zip(ordered, ordered[1:], strict=False))  # one at a time


def test_event_times_vary_by_more_than_two_seconds_between_seeds():
    firsts = {kind: [] for kind in ("jam", "estop", "stop")}
    for seed in range(1, 7):
        for h in plan_for(seed).happenings:
            if h.kind in firsts:
                firsts[h.kind].append(h.start)
    for times in firsts.values():
        assert max(times) - min(times) > 60.0


def test_hidden_seeds_come_from_the_secret_and_the_team():
    one = hidden_seeds("team-a", "secret-1")
    assert one == hidden_seeds("team-a", "secret-1") and len(one) == 5
    assert one != hidden_seeds("team-b", "secret-1")
    assert one != hidden_seeds("team-a", "secret-2")
    assert hidden_seeds("team-a", "secret-1", shared=True) == hidden_seeds("team-b", "secret-1", shared=True)
    assert not set(one) & set(PRACTICE_SEEDS)


def test_hidden_scoring_without_a_secret_says_what_to_do(monkeypatch):
    monkeypatch.delenv("FACTORYLAB_TEACHER_SECRET", raising=False)
    monkeypatch.delenv("FACTORYLAB_TEACHER_SECRET_FILE", raising=False)
    with pytest.raises(FactoryLabError, match="practice"):
        score(capstone.make_reference_controller, "team-a")


# --- the formula ----------------------------------------------------------------------------------------------
def _run(**values) -> SeedRun:
    base = dict(
        seed=1,
        seconds=7200.0,
        good=1000,
        oee=70.0,
        lateness=0.0,
        alarm_time=100.0,
        justified_time=100.0,
        faults=[("jam", "conveyor1", 10.0, True)],
        acks=2,
        acks_ok=2,
        recoveries=[("estop", 100.0, 5.0)],
    )
    base.update(values)
    return SeedRun(**base)


def test_formula_gives_full_points_for_the_reference_itself():
    got = points(_run(), _run())
    assert got.total == pytest.approx(100.0) and sum(POINTS.values()) == 100.0


def test_formula_components():
    ref = _run(shipped_defects=3)
    assert points(_run(good=500), ref).parts["good"] == pytest.approx(17.5)
    assert points(_run(good=2000), ref).parts["good"] == pytest.approx(35.0)  # capped
    assert points(_run(shipped_defects=8), ref).parts["defects"] == pytest.approx(7.5)  # 5 extra of 10
    assert points(_run(alarm_time=0.0, justified_time=0.0), ref).parts["precision"] == 0.0  # never alarming
    assert points(_run(alarm_time=400.0, justified_time=100.0), ref).parts["precision"] == pytest.approx(1.5)
    assert points(_run(faults=[("jam", "c", 1.0, True), ("tool", "cnc", 2.0, False)]), ref).parts["recall"] == 3.0
    assert points(_run(acks=0, acks_ok=0), ref).parts["ack"] == 0.0
    assert points(_run(recoveries=[("estop", 100.0, 305.0)]), ref).parts["recovery"] == 0.0
    assert points(_run(recoveries=[("estop", 100.0, 35.0)]), ref).parts["recovery"] == 10.0  # within 30 s
    assert points(_run(lateness=600.0), ref).parts["lateness"] == pytest.approx(5.0)
    assert points(_run(interlocks=2, stops_ignored=1), ref).penalty == 15.0
    assert points(_run(interlocks=20), ref).penalty == 30.0


def test_formula_zero_for_an_estop_output_or_an_error():
    got = points(_run(estop=(12.5, "feeder.run")), _run())
    assert got.total == 0.0 and "feeder.run" in got.zero_reason[0] and "12.5초" in got.zero_reason[0]
    assert points(_run(error=("오류", "error", "", "python_error")), _run()).total == 0.0


# --- real runs -------------------------------------------------------------------------------------------------
def test_reference_scores_clearly_above_the_baseline(reference, baseline):
    assert reference.total >= 95.0
    assert reference.total >= baseline.total + 15.0
    assert all(s.run.estop is None and s.run.interlocks == 0 and s.run.stops_ignored == 0 for s in reference.seeds)
    # the reference's alarm catches the faults (in two hours all of them; a short run squeezes the heater's)
    assert all(all(f[3] for f in s.run.faults if f[0] != "heater") for s in reference.seeds)
    assert baseline.components()["recall"] < 2.0


def test_a_controller_that_ignores_the_estop_scores_zero(reference):
    got = score(capstone.make_estop_ignoring_controller, "x", seeds=SEEDS, hours=SHORT)
    assert got.total == 0.0
    for s in got.seeds:
        t, tag = s.run.estop
        first = min(h.start for h in plan_for(s.seed, SHORT).happenings if h.kind == "estop")
        assert first <= t <= first + 1.0 and tag.endswith(".run")
        assert tag in s.points.zero_reason[1]


def test_an_alarm_that_is_always_on_earns_little_precision(reference):
    def make_controller():
        inner = capstone.make_reference_controller()

        def controller(line, t):
            inner(line, t)
            line.stack_light.red = True

        return controller

    got = score(make_controller, "x", seeds=SEEDS[:1], hours=SHORT)
    # in a short run faults fill much of the time; in two hours an always-on alarm earns far less
    assert got.components()["precision"] < reference.seeds[0].points.parts["precision"] - 1.5


def test_a_controller_that_ignores_stop_is_penalised(reference):
    def make_controller():
        inner = capstone.make_reference_controller()

        def controller(line, t):
            inner(line, t)
            if line.panel.safety_ok and t > 20:
                line.conveyor1.run = line.conveyor2.run = line.cnc.run = True  # runs on whatever STOP says
                line.feeder.run = line.conveyor1.running

        return controller

    got = score(make_controller, "x", seeds=SEEDS[:1], hours=SHORT)
    assert got.seeds[0].run.stops_ignored == 1 and got.components()["penalty"] >= 5.0


def test_team_errors_become_messages_never_exceptions(reference):
    def crashing():
        def controller(line, t):
            line.conveyor1.run = True
            if t > 5:
                return 1 / 0

        return controller

    def hanging():
        def controller(line, t):
            while t > 5:
                pass

        return controller

    def peeking():
        return lambda line, t: line.plant

    for maker, words in ((crashing, "1 / 0"), (hanging, "0.5"), (peeking, "line.plant"), (None, "make_controller")):
        got = score(maker, "x", seeds=SEEDS[:1], hours=SHORT)
        assert got.total == 0.0 and words in got.message[0] + got.message[1], got.message
    text = score(crashing, "x", seeds=SEEDS[:1], hours=SHORT).summary("en")
    assert "0 points" in text and "line" in text


def test_summary_and_html_in_both_languages(reference):
    assert "점" in reference.summary("ko") and "points" in reference.summary("en")
    assert "<table>" in reference._repr_html_()
    assert "practice seed" in capstone.practice(capstone.make_reference_controller, hours=SHORT, seeds=1).summary("en")


# --- the class ---------------------------------------------------------------------------------------------------
TEAMS = {
    "alpha": "from factorylab.capstone import make_reference_controller as make_controller\n",
    "beta": "from factorylab.capstone import make_baseline_controller as make_controller\n",
    "gamma": "def make_controller(:\n    pass\n",
    "delta": "x = 1\n",
    "epsilon": "import not_a_module_anywhere\n",
    "zeta": "from factorylab.capstone import make_estop_ignoring_controller as make_controller\n",
}


def test_cli_scores_a_class_into_csv_and_html(tmp_path, capsys):
    teams = tmp_path / "teams"
    teams.mkdir()
    for name, code in TEAMS.items():
        (teams / f"{name}.py").write_text(code, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("class-secret\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(
        [
            "--lang",
            "en",
            "capstone",
            "score",
            str(teams),
            "--secret-file",
            str(secret),
            "--out",
            str(out),
            "--hours",
            "0.1",
            "--jobs",
            "1",
            "--class-seeds",
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "alpha" in printed and "leaderboard.csv" in printed
    with (out / "leaderboard.csv").open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    assert [r["team"] for r in rows][:2] == ["alpha", "beta"]
    totals = [float(r["total"]) for r in rows]
    assert totals == sorted(totals, reverse=True) and totals[0] > totals[1] > 0.0
    messages = {r["team"]: r["message_en"] for r in rows}
    assert "line 1" in messages["gamma"] and "make_controller" in messages["delta"]
    assert "ModuleNotFoundError" in messages["epsilon"]
    assert "E-stop" in messages["zeta"] and ".run was on at" in messages["zeta"]  # the time and the tag
    page = (out / "leaderboard.html").read_text(encoding="utf-8")
    assert "캡스톤 순위표" in page and "Capstone leaderboard" in page and "make_controller" in page


def test_cli_without_a_readable_secret_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "a.py").write_text(TEAMS["alpha"], encoding="utf-8")
    code = main(["--lang", "en", "capstone", "score", str(tmp_path), "--secret-file", str(tmp_path / "none.txt")])
    assert code == 2 and "secret" in capsys.readouterr().err


def test_leaderboard_ranks_ties_and_sorts():
    from factorylab.capstone.scoring import CapstoneScore

    scores = [CapstoneScore("b", 50.0), CapstoneScore("a", 70.0), CapstoneScore("c", 50.0)]
    assert [s.team for s in classroom.ranked(scores)] == ["a", "b", "c"]
    assert classroom._ranks(classroom.ranked(scores)) == [1, 2, 2]
    assert "2  c" in classroom.table_text(scores, "en")


def test_team_file_is_loaded_on_its_own(tmp_path: Path):
    path = tmp_path / "omega.py"
    path.write_text("raise ValueError('boom')\n", encoding="utf-8")
    maker, problem = classroom.load_team(path)
    assert maker is None and "line 1" in problem[1] and "boom" in problem[1]
