"""``sort_b``: the hidden runs are varied as promised, the check keeps each run as drawn, and its feedback."""

from __future__ import annotations

import math

import pytest

import factorylab
from factorylab.control.checks import get
from factorylab.control.checks.behaviour import Planned, run_seed
from factorylab.control.checks.seeds import formative_seeds, seeds_for
from factorylab.control.checks.sort_b import BANDS, STOPS, SortJudge
from factorylab.control.memory import Program
from factorylab.control.student import Watchdog
from factorylab.plant import layout

from .answers import sort_b as answers

CHECK = get("sort_b")
SEEDS = formative_seeds("sort_b", CHECK.count)
FRAMEWORK = {"read_only_tag", "unknown_tag", "watchdog"}


def _episodes(seeds: list[int]):
    planned = Planned(CHECK, seeds)
    return [planned.plant_for(seed)[1] for seed in seeds]


def _run(controller, seed: int, index: int) -> SortJudge:
    plant, episode = CHECK.plant_for(seed, index)
    judge = CHECK.make_judge(plant, episode, index + 1)
    with Watchdog() as dog:
        assert run_seed(Program(controller), plant, judge, episode.seconds, CHECK.scan, dog, index + 1) is None
    judge.finish()
    return judge


def test_speeds_intervals_and_shares_vary() -> None:
    scripts = [episode.script for episode in _episodes(SEEDS)]
    speeds = [s["conveyor2"] for s in scripts]
    assert all(60 <= v <= 100 for v in speeds)
    assert min(speeds) <= 70 and max(speeds) >= 88, "a delay tuned at 80 % must meet slower and faster belts"
    for index, s in enumerate(scripts):
        low, high = BANDS[index]
        assert low <= s["conveyor2"] <= high
        c1, c2 = s["conveyor1"], s["conveyor2"]
        assert 50 <= c1 <= 100 and abs(c1 - c2) >= 0.2 * c2 and not 74 <= c1 <= 86
        v2 = c2 * layout.BELT_MAX_SPEED / 100
        spacing = s["interval"] * v2
        assert 80 + v2 + 35 <= spacing <= 480, "close parts, but none held back by the pusher head"
        assert spacing < layout.PUSHER_POSITION - layout.COLOUR_SENSOR, "another part is always in flight"
        assert round(s["interval"] * 10) % 5, "parts must not come at the same fraction of every second"
        assert 0.3 <= s["type_b_share"] <= 0.5
    assert len({s["interval"] for s in scripts}) >= 3
    assert len({s["type_b_share"] for s in scripts}) >= 4


def test_stops_are_planned_and_their_times_vary() -> None:
    scripts = [episode.script for episode in _episodes(SEEDS)]
    counts = [len(s["stops"]) for s in scripts]
    assert counts == list(STOPS[: len(SEEDS)])
    assert 0 in counts and max(counts) >= 2, "a run without a disturbance and runs with one"
    for n in range(2):
        for field in range(3):  # pushed, released, reset
            times = [s["stops"][n][field] for s in scripts if len(s["stops"]) > n]
            assert max(times) - min(times) >= 4.0, f"stop {n + 1}, event {field}: {times}"
    for s in scripts:
        for pushed, released, reset in s["stops"]:
            assert 1.5 <= released - pushed <= 4.05 and 1.0 <= reset - released <= 2.55


def test_any_hidden_seeds_get_the_plan() -> None:
    seeds = seeds_for("sort_b", CHECK.count, b"a teacher's secret", "student 7")
    scripts = [episode.script for episode in _episodes(seeds)]
    for index, s in enumerate(scripts):
        low, high = BANDS[index]
        assert low <= s["conveyor2"] <= high
        assert len(s["stops"]) == STOPS[index]
    alone = CHECK.plant_for(12345)[1].script  # a run on its own is drawn whole
    assert 60 <= alone["conveyor2"] <= 100


def test_the_first_part_after_a_reset_keeps_its_distance() -> None:
    """The reference never has a part held back by the pusher head, even after the E-stops."""
    for index, seed in enumerate(SEEDS):
        if not STOPS[index]:
            continue
        judge = _run(answers.REFERENCE(), seed, index)
        assert judge.stops, "the E-stops happened"
        assert not [p.id for p in judge.parts.values() if p.held_back is not None]
        assert not judge.findings


def test_the_run_keeps_its_speed_and_interval() -> None:
    def slows_the_belt(line, t):
        line.conveyor2.speed = 50
        line.feeder.interval = 6.0
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = True

    plant, episode = CHECK.plant_for(SEEDS[0], 0)
    judge = CHECK.make_judge(plant, episode, 1)
    with Watchdog() as dog:
        run_seed(Program(slows_the_belt), plant, judge, 20.0, CHECK.scan, dog, 1)
    assert plant.conveyor2.speed == episode.script["conveyor2"]
    assert plant.feeder.interval == episode.script["interval"]
    assert judge.changed is not None and judge.changed[1] == "conveyor2.speed"


@pytest.mark.parametrize("answer", answers.CORRECT, ids=lambda a: getattr(a, "__name__", type(a).__name__))
def test_correct_answers_pass_on_a_students_own_seeds(answer) -> None:
    result = factorylab.check(answer, "sort_b", student="student 7", secret="a teacher's secret")
    assert result.passed, result.message("en")


def test_wrong_answers_fail_on_a_students_own_seeds() -> None:
    for wrong in answers.WRONG:
        result = factorylab.check(wrong.answer, "sort_b", student="student 7", secret="a teacher's secret")
        assert not result.passed, wrong.id


@pytest.mark.parametrize("wrong", [w for w in answers.WRONG if w.code not in FRAMEWORK], ids=lambda w: w.id)
def test_findings_say_when_and_which_tag(wrong) -> None:
    finding = factorylab.check(wrong.answer, "sort_b").findings[0]
    assert finding.t is not None and finding.tag
    assert f"{finding.t:.1f}초" in finding.ko and f"{finding.t:.1f} s" in finding.en
    assert finding.next_ko and finding.next_en
    for text in (finding.ko, finding.next_ko):
        assert "(가)" not in text and "(으)" not in text and "(를)" not in text


def test_a_delay_is_explained_with_this_runs_speed() -> None:
    finding = factorylab.check(answers.make_fixed_delay, "sort_b").findings[0]
    script = _episodes(SEEDS)[finding.seed - 1].script
    v2 = script["conveyor2"] * layout.BELT_MAX_SPEED / 100
    assert f"{v2:.0f} mm/s" in finding.en
    assert f"{(layout.PUSHER_POSITION - layout.COLOUR_SENSOR) / v2:.1f} s" in finding.en


def test_plot_of_a_failing_run() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    result = factorylab.check(answers.make_last_colour_only, "sort_b")
    assert not result.passed and result.trace is not None
    trace = result.trace
    assert set(trace.outputs) == {"sorter.extend"}
    assert {"sorter.type_b", "sorter.photo_eye"} <= set(trace.inputs)
    expected = trace.expected["sorter.extend"]
    assert True in expected and False in expected
    assert trace.marks and not math.isnan(trace.marks[0])
    figure = result.plot("ko")
    assert len(figure.axes) == len(trace.inputs) + len(trace.outputs)
    plt.close(figure)
