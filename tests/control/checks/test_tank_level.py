"""``tank_level``: the hidden runs, the disturbances a correct controller must ride through, the tolerances,
more wrong answers than the catalogue, the plot, and the scheduled step in demand it needs from the plant."""

from __future__ import annotations

import random

import pytest

import factorylab
from factorylab.control.checks import get
from factorylab.control.checks.behaviour import run_seed
from factorylab.control.checks.seeds import formative_seeds, summative_seeds
from factorylab.control.checks.tank_level import HIGH, LOW, TOLERANCE, TankLevel, draw_episode, ideal, plan
from factorylab.control.memory import Program
from factorylab.control.student import Watchdog
from factorylab.plant import Plant, ScenarioError, load_scenario
from factorylab.plant.scenario import Action, load_scenario_file

from .answers import tank_level as answers

CHECK = get("tank_level")
assert isinstance(CHECK, TankLevel)

SEED_LISTS = [formative_seeds("tank_level", 6)] + [
    summative_seeds("tank_level", 6, "a teacher's secret", f"student{n}") for n in range(8)
]


def _episodes(seeds):
    CHECK._plan = plan(seeds)
    try:
        return [CHECK.plant_for(seed)[1] for seed in seeds]
    finally:
        CHECK._plan = {}


def _run(controller, seeds, run):
    """The judge of one hidden run (1-based) after ``controller`` ran on it."""
    CHECK._plan = plan(seeds)
    try:
        plant, episode = CHECK.plant_for(seeds[run - 1])
    finally:
        CHECK._plan = {}
    judge = CHECK.make_judge(plant, episode, run)
    with Watchdog() as dog:
        assert run_seed(Program(controller), plant, judge, episode.seconds, CHECK.scan, dog, run) is None
    return judge


# --- the hidden runs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("seeds", SEED_LISTS[:4])
def test_every_check_has_the_flush_first_a_quiet_run_and_the_disturbances(seeds) -> None:
    episodes = _episodes(seeds)
    kinds = [e.script["kind"] for e in episodes]
    assert kinds[0] == "flush" and episodes[0].script["level"] > HIGH
    assert sorted(kinds[1:]) == ["overdraw", "quiet", "quiet", "stuck_closed", "stuck_open"]
    assert {e.script["zone"] for e in episodes[1:]} == {"low", "band", "high"}
    for episode in episodes:
        faults = episode.scenario.faults.schedule
        demands = [a.demand for a in episode.scenario.actions]
        kind = episode.script["kind"]
        assert episode.script["step"][0] < episode.seconds - 300.0, "a step in demand, well inside the run"
        if kind in ("stuck_closed", "stuck_open"):
            assert [f.kind for f in faults] == ["valve_stuck"]
            assert faults[0].at + faults[0].duration < episode.seconds
        else:
            assert faults == []
        if kind in ("flush", "overdraw"):
            assert max(demands) > 1.0, "more than the open valve gives"
        else:
            assert max(demands) <= 0.75


def test_event_times_vary_by_more_than_two_seconds_across_seeds() -> None:
    episodes = [e for seeds in SEED_LISTS for e in _episodes(seeds)]
    steps = [e.script["step"][0] for e in episodes]
    assert max(steps) - min(steps) > 4.0 and len(set(steps)) == len(steps)
    for kind in ("flush", "overdraw", "stuck_closed", "stuck_open"):
        starts = [
            e.scenario.actions[0].at if kind == "flush" else e.script["disturbance"][0]
            for e in episodes
            if e.script["kind"] == kind
        ]
        assert len(starts) >= 8
        assert max(starts) - min(starts) > 4.0, kind
    within = {}
    for e in episodes:
        within.setdefault(e.script["kind"], []).append(e.script["level"])
    assert all(max(levels) - min(levels) > 20.0 for levels in within.values())


def test_draws_are_the_same_for_the_same_seed_and_planned_kind() -> None:
    base = load_scenario("tank")
    one = draw_episode(random.Random("x"), base, "overdraw", "low")
    two = draw_episode(random.Random("x"), base, "overdraw", "low")
    assert one.scenario == two.scenario and one.seconds == two.seconds
    drawn = CHECK.episode(random.Random("x"), base)  # without a plan: kind and zone from the seed
    assert drawn.script["kind"] in ("flush", "quiet", "overdraw", "stuck_closed", "stuck_open")


def test_the_reference_rides_through_the_disturbances() -> None:
    """In the disturbed runs the level really goes past the limits with a correct controller, and it still passes."""
    seeds = SEED_LISTS[0]
    kinds = [e.script["kind"] for e in _episodes(seeds)]
    for run, kind in enumerate(kinds, start=1):
        judge = _run(answers.REFERENCE, seeds, run)
        level = judge.recorder.column("tank.level")
        start, end = judge.episode.script.get("disturbance", (0.0, 0.0))
        during = [x for t, x in zip(judge.recorder.t, level, strict=True) if start <= t <= end + 30.0]
        if kind in ("stuck_closed", "overdraw"):
            assert min(during) < LOW - 5.0, kind
        if kind == "stuck_open":
            assert max(during) > HIGH + TOLERANCE, kind
        assert judge.finish() == [], (kind, judge.findings)


def test_the_quick_model_agrees_with_the_plant() -> None:
    """The ideal switches the check plans with are where the reference switches on the plant (2 s + 0.5 %)."""
    seeds = SEED_LISTS[0]
    for run, episode in enumerate(_episodes(seeds), start=1):
        judge = _run(answers.REFERENCE, seeds, run)
        commands = judge.recorder.column("tank.inflow")
        t = judge.recorder.t
        actual = [t[k] for k in range(1, len(t)) if commands[k] != commands[k - 1]]
        script = episode.script
        predicted = [e[0] for e in ideal(script["level"], script["demand_schedule"], script["stuck"], episode.seconds)]
        assert len(actual) == len(predicted) >= 6
        assert all(abs(a - p) < 2.0 + 0.005 * p for a, p in zip(actual, predicted, strict=True)), (actual, predicted)


# --- tolerances and more wrong answers ------------------------------------------------------------


def _hysteresis(low, high, source="level", scale=1.0):
    def controller(line, t, m):
        value = getattr(line.tank, source) * scale
        if value < low:
            m["open"] = True
        elif value > high:
            m["open"] = False
        line.tank.inflow = 100 if m["open"] else 0

    controller.__name__ = f"hysteresis_{low}_{high}_{source}"
    return controller


def _starts_open(line, t, m):
    if not m["started"]:
        m["started"] = m["open"] = True
    if line.tank.level < 300:
        m["open"] = True
    elif line.tank.level > 700:
        m["open"] = False
    line.tank.inflow = 100 if m["open"] else 0


class _OneScanLate:
    """Writes last scan's decision first (like an output image), and starts with the valve wanted open."""

    def __init__(self) -> None:
        self.open = True

    def __call__(self, line, t):
        line.tank.inflow = 100 if self.open else 0
        if line.tank.level < 300:
            self.open = True
        elif line.tank.level > 700:
            self.open = False


def _debounced(line, t, m):
    """Opens once the level has been below 300 mm for 2 s (a debounce)."""
    m["low_for"] = m["low_for"] + 0.5 if line.tank.level < 300 else 0
    if m["low_for"] >= 2.0:
        m["open"] = True
    if line.tank.level > 700:
        m["open"] = False
    line.tank.inflow = 100 if m["open"] else 0


@pytest.mark.parametrize(
    "controller",
    [
        _hysteresis(290, 710),
        _hysteresis(315, 685),
        _hysteresis(1200, 2800, "level_raw"),
        _hysteresis(300, 700, "level_raw", 0.25),
        _starts_open,
        _OneScanLate(),
        _debounced,
    ],
    ids=lambda c: getattr(c, "__name__", type(c).__name__).strip("_"),
)
def test_reasonable_readings_pass(controller) -> None:
    for seeds in SEED_LISTS[:3]:
        result = CHECK.judge(controller, seeds)
        assert result.passed, result.message("en")


def _single(level):
    def controller(line, t):
        line.tank.inflow = 100 if line.tank.level < level else 0

    controller.__name__ = f"single_{level}"
    return controller


def _proportional_to_700(line, t):
    line.tank.inflow = min(100.0, max(0.0, 5.0 * (700.0 - line.tank.level)))


def _pi(line, t, m):
    error = 500.0 - line.tank.level
    m["integral"] += 0.001 * error
    line.tank.inflow = min(100.0, max(0.0, 0.3 * error + m["integral"]))


def _timetable(period, open_for, shift=0):
    def controller(line, t):
        line.tank.inflow = 100 if (t + shift) % period < open_for else 0

    controller.__name__ = f"timetable_{period}_{open_for}_{shift}"
    return controller


def _count_scans(line, t, m):
    m["scans"] += 1
    line.tank.inflow = 100 if (m["scans"] // 500) % 2 == 0 else 0


def _temperature_instead(line, t, m):
    value = line.tank.temperature
    if value < 300:
        m["open"] = True
    elif value > 700:
        m["open"] = False
    line.tank.inflow = 100 if m["open"] else 0


@pytest.mark.parametrize(
    ("controller", "code"),
    [
        (_hysteresis(350, 650), "wrong_limits"),
        (_hysteresis(200, 800), "wrong_limits"),
        (_hysteresis(250, 750), "wrong_limits"),
        (_hysteresis(300, 800), "wrong_limits"),
        (_hysteresis(150, 900), "level_switches"),
        (_hysteresis(700, 300), "chatter"),
        (_hysteresis(300, 700, "level_raw"), "never_opens"),  # counts compared with millimetres
        (_single(300), "chatter"),
        (_single(700), "chatter"),
        (_proportional_to_700, "proportional"),
        (_pi, "proportional"),
        (_timetable(300, 100), "open_loop"),
        (_timetable(450, 200), "open_loop"),
        (_timetable(600, 200, 100), "open_loop"),
        (_count_scans, "open_loop"),
        (_temperature_instead, "never_closes"),
    ],
    ids=lambda c: getattr(c, "__name__", str(c)).strip("_"),
)
def test_more_wrong_answers(controller, code) -> None:
    result = factorylab.check(controller, "tank_level")
    assert not result.passed
    assert result.codes[0] == code, result.message("en")


def test_a_proportional_controller_is_told_so_not_that_the_valve_never_moved() -> None:
    """The issue: a good proportional valve controller was told the valve never moved."""
    result = factorylab.check(answers.proportional, "tank_level")
    english = result.message("en")
    assert "proportional" in english and "on/off" in english and "never" not in english
    assert "비례 제어" in result.message("ko")


def test_findings_say_when_and_never_another_runs_times() -> None:
    result = factorylab.check(answers.limits_400_600, "tank_level")
    finding = result.findings[0]
    assert finding.seed == 1 and finding.t is not None
    assert f"{finding.t:.1f}초에" in finding.ko and f"at {finding.t:.1f} s" in finding.en


def test_the_plot_of_a_failing_run() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    result = factorylab.check(answers.single_threshold, "tank_level")
    trace = result.trace
    assert trace is not None and set(trace.inputs) == {"tank.level", "tank.low", "tank.high"}
    assert set(trace.expected["tank.inflow"]) <= {0.0, 100.0, None}
    figure = result.plot("en")
    assert len(figure.axes) == 4
    plt.close(figure)


# --- the plant: a scheduled step in demand ----------------------------------------------------------


def test_a_scheduled_demand_changes_the_tanks_draw_at_its_time() -> None:
    base = load_scenario("tank")
    scenario = base.model_copy(update={"actions": [Action(at=2.0, demand=0.5), Action(at=4.0, demand=1.5)]})
    plant = Plant(scenario, seed=1)
    plant.advance(1.95)
    assert plant.tank.demand == 0.0
    plant.advance(0.1)
    assert plant.tank.demand == 0.5
    plant.advance(2.0)
    assert plant.tank.demand == 1.5
    level = plant.tank.true_level
    plant.advance(1.0)
    assert plant.tank.true_level == pytest.approx(level - 6.0, abs=0.5)  # 1.5 L/s = 6 mm/s


def test_a_demand_action_from_yaml_and_its_mistakes(tmp_path) -> None:
    path = tmp_path / "surge.yaml"
    path.write_text("extends: tank\nactions:\n  - {at: 10, demand: 0.4}\n", encoding="utf-8")
    assert load_scenario_file(path).actions == [Action(at=10.0, demand=0.4)]
    path.write_text("extends: tank\nactions:\n  - {at: 10, demand: 0.4, press: start}\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="demand"):
        load_scenario_file(path)
    path.write_text("extends: tank\nactions:\n  - {at: 10, demand: -1}\n", encoding="utf-8")
    with pytest.raises(ScenarioError):
        load_scenario_file(path)
    conveyor = Plant(load_scenario("conveyor").model_copy(update={"actions": [Action(at=0.0, demand=0.5)]}))
    conveyor.advance(0.1)  # no tank: nothing to draw from, and no error
    assert conveyor.tank is None
