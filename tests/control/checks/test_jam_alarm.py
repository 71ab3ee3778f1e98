"""``jam_alarm``: the hidden runs really vary, hold what the check promises, and the plant behaves as the check assumes."""

from __future__ import annotations

import copy
import random
from collections import Counter

import pytest

import factorylab
from factorylab import plc
from factorylab.control.checks import get
from factorylab.control.checks.behaviour import run_seed
from factorylab.control.checks.jam_alarm import ROLES, JamJudge, episode_for, roles_for
from factorylab.control.checks.seeds import formative_seeds, summative_seeds
from factorylab.control.memory import Program
from factorylab.control.student import Watchdog

from .answers import jam_alarm as answers
from .catalogue import _Recording, clock_only, replay

CHECK = get("jam_alarm")


def _events(role: str, rng: random.Random) -> dict[str, float]:
    """Every scripted time of one run, by name."""
    actions, faults, seconds, script = episode_for(role, rng)
    events: dict[str, float] = {"end": seconds}
    counts: Counter[str] = Counter()
    for action in actions:
        name = action.press or action.estop or action.outfeed or action.mode
        events[f"{name}{counts[name]}"] = action.at
        counts[name] += 1
    for fault in faults:
        events[f"{fault.kind}{counts[fault.kind]}"] = fault.at
        counts[fault.kind] += 1
        if fault.duration is not None:
            events[f"{fault.kind}_end{counts[fault.kind] - 1}"] = fault.at + fault.duration
    return events


@pytest.mark.parametrize("role", ROLES)
def test_every_event_moves_by_more_than_2_s(role: str) -> None:
    """Each scripted time, over many seeds, spreads over more than 4 s (±2 s); the order of episodes changes."""
    seen: dict[str, list[float]] = {}
    orders = set()
    for n in range(60):
        events = _events(role, random.Random(f"jam_alarm|{n}"))
        orders.add(tuple(sorted(events, key=events.get)))
        for name, at in events.items():
            seen.setdefault(name, []).append(at)
    for name, times in seen.items():
        if len(times) >= 10:
            assert max(times) - min(times) > 4.0, (role, name, times)
    if role in ("none", "restart"):
        assert len(orders) > 1, "the episodes come in either order"


def test_the_formative_runs_cover_every_role() -> None:
    seeds = formative_seeds("jam_alarm", CHECK.count)
    roles = roles_for("jam_alarm", seeds)
    assert roles[seeds[0]] == "both_belts"
    assert sorted(roles.values()) == sorted(ROLES)
    jams = []
    for seed in seeds:
        _plant, episode = CHECK.plant_for(seed)
        faults = episode.scenario.faults.schedule
        jams.append(sum(f.kind == "jam" for f in faults))
    assert 0 in jams and 2 in jams and 1 in jams
    assert {
        f.target for seed in seeds for f in CHECK.plant_for(seed)[1].scenario.faults.schedule if f.kind == "jam"
    } == {
        "conveyor1",
        "conveyor2",
    }


def test_each_student_gets_the_roles_in_another_order() -> None:
    orders = set()
    for student in ("a", "b", "c", "d", "e"):
        seeds = summative_seeds("jam_alarm", CHECK.count, "secret", student)
        roles = roles_for("jam_alarm", seeds)
        assert roles[seeds[0]] == "both_belts"
        assert sorted(roles.values()) == sorted(ROLES)
        orders.add(tuple(roles[s] for s in seeds))
    assert len(orders) > 1


def test_judging_leaves_the_shared_check_alone() -> None:
    factorylab.check(answers.REFERENCE, "jam_alarm")
    assert not hasattr(CHECK, "_roles") or CHECK._roles is None
    assert not getattr(CHECK, "_open_loop_only", False)


def _watch(controller, seed: int, role: str) -> JamJudge:
    planned = copy.copy(CHECK)
    planned._roles = {seed: role}
    plant, episode = planned.plant_for(seed)
    judge = planned.make_judge(plant, episode, 1)
    with Watchdog() as dog:
        assert run_seed(Program(controller), plant, judge, episode.seconds, CHECK.scan, dog, 1) is None
    judge.finish()
    return judge


@pytest.mark.parametrize("seed", formative_seeds("jam_alarm", 3))
def test_the_plant_behaves_as_the_check_assumes(seed: int) -> None:
    """Normal running stays below 1.5 A, a jam lifts the current above 3.5 A, a worn bearing stays below 2.4 A,
    bunched parts below 2.3 A, the inrush is over within a second, and the last jam of the first run trips
    the overload relay before the run ends."""
    judge = _watch(answers.REFERENCE, seed, "both_belts")
    c = judge.c
    t = judge.recorder.t
    (first_jam, _end, first_belt), (second_jam, _, second_belt) = judge.jams[0], judge.jams[-1]
    assert first_belt != second_belt
    wear_at, worn, ramp = judge.episode.script["wear"]
    for belt in ("conveyor1", "conveyor2"):
        current = c[f"{belt}.current"]
        quiet = [current[k] for k in range(len(t)) if 2.0 < t[k] < t[first_jam] - 0.1]
        assert max(quiet) < 1.5
        inrush = [current[k] for k in range(len(t)) if 0.0 < t[k] < 1.0]
        assert max(inrush) > 4.0 and current[next(k for k in range(len(t)) if t[k] >= 1.0)] < 2.3
        jammed = [current[k] for s, e, b in judge.jams if b == belt for k in range(s, e)]
        assert min(jammed) > 3.5
        between = [current[k] for k in range(len(t)) if t[judge.jams[0][1]] + 0.2 < t[k] < t[second_jam] - 0.1]
        assert max(between) < 2.3
    worn_current = c[f"{worn}.current"]
    lift = max(worn_current[k] for k in range(len(t)) if wear_at + ramp - 1.0 < t[k] < wear_at + ramp)
    assert lift < 2.3
    assert max(c[f"{worn}.vibration"]) > 3.0
    assert any(c[f"{second_belt}.overload"])


@pytest.mark.parametrize(("limit", "delay"), [(2.4, 1.5), (2.5, 1.0), (3.0, 2.0), (3.4, 4.0)])
def test_any_sensible_limit_and_delay_passes(limit: float, delay: float) -> None:
    def make():
        one, two = plc.TON(delay), plc.TON(delay)

        def controller(line, t):
            line.feeder.run = line.conveyor1.run = line.conveyor2.run = True
            line.stack_light.red = one(line.conveyor1.current > limit, t) or two(line.conveyor2.current > limit, t)

        return controller

    result = factorylab.check(make, "jam_alarm")
    assert result.passed, result.message("en")


@pytest.mark.parametrize("student", ["kim", "lee", "park"])
def test_replayed_outputs_fail_as_open_loop_for_other_students_too(student: str) -> None:
    seeds = summative_seeds("jam_alarm", CHECK.count, "a teacher's secret", student)
    planned = copy.copy(CHECK)
    planned._roles = roles_for("jam_alarm", seeds)
    plant, episode = planned.plant_for(seeds[0])
    recording = _Recording(plant, episode, 1)
    with Watchdog() as dog:
        assert run_seed(Program(answers.REFERENCE), plant, recording, episode.seconds, CHECK.scan, dog, 1) is None
    for cheat in (replay(recording.rows), clock_only(recording.rows), answers.timetable):
        result = factorylab.check(cheat, "jam_alarm", student=student, secret="a teacher's secret")
        assert result.codes[:1] == ["open_loop"], result.message("en")


def test_a_wrong_rule_is_not_called_open_loop() -> None:
    """The second look for open-loop outputs keeps the finding of a rule that follows the inputs."""
    for student in ("kim", "lee"):
        for wrong in (answers.threshold_too_low, answers.overload_relay, answers.uses_vibration, answers.too_slow):
            result = factorylab.check(wrong, "jam_alarm", student=student, secret="a teacher's secret")
            assert result.codes[0] != "open_loop", result.message("en")


def test_the_plot_of_a_failing_run(monkeypatch) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    result = factorylab.check(answers.too_slow, "jam_alarm")
    assert not result.passed and result.trace is not None
    assert "stack_light.red" in result.trace.expected
    assert "conveyor1.current" in result.trace.inputs
    figure = result.plot("ko")
    assert figure is not None
    plt.close(figure)


def test_a_jam_on_conveyor1_sticks_a_part_on_conveyor1() -> None:
    """Plant: the part a jam sticks is on the target belt by its position now, also in the tick when its
    centre has just crossed onto conveyor2 (``part.belt`` is updated only at the next move)."""
    from factorylab.plant import Plant, load_scenario

    plant = Plant(load_scenario("conveyor"), seed=3)
    plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = True
    track = plant.conveyor1.track
    split = plant.conveyor1.length
    crossing = []
    for _ in range(4000):
        plant.step()
        crossing = [p for p in track.parts if p.belt == 0 and p.lead - 0.5 * p.length >= split]
        if crossing:
            break
    assert crossing, "a part crosses onto conveyor2"
    assert track.front_part_on(plant.conveyor1) is not crossing[0]
    fault = plant.inject_fault("jam", "conveyor1")
    assert fault.applied and fault.params["part"] != crossing[0].id
    plant.step()
    assert track.has_jam(plant.conveyor1) and not track.has_jam(plant.conveyor2)


def test_the_scheduled_jams_land_on_their_belts() -> None:
    seeds = formative_seeds("jam_alarm", CHECK.count)
    for seed in seeds[:3]:
        judge = _watch(answers.REFERENCE, seed, roles_for("jam_alarm", seeds)[seed])
        assert [belt for _s, _e, belt in judge.jams] == [belt for _at, belt, _d in judge.episode.script["jams"]]
