"""``exit_blocked``: the hidden runs really vary and hold what the check promises, the expected model accepts
every right timer, the wrong answers outside the catalogue are recognised, and the plant clears its outfeed."""

from __future__ import annotations

import pytest

import factorylab
from factorylab import plc
from factorylab.control.checks import get
from factorylab.control.checks.behaviour import run_seed
from factorylab.control.checks.exit_blocked import EARLY, LATE, TRIP, covered_for, expected_run
from factorylab.control.checks.seeds import formative_seeds, summative_seeds
from factorylab.control.memory import Program
from factorylab.control.student import Watchdog
from factorylab.plant import Plant
from factorylab.plant.scenario import Action

from .answers import exit_blocked as answers
from .catalogue import _Recording

CHECK = get("exit_blocked")
SEEDS = formative_seeds("exit_blocked", CHECK.count)


def _events(seed: int) -> dict[str, float]:
    """The first time of each scripted event of one hidden run, by name."""
    _, episode = CHECK.plant_for(seed)
    first: dict[str, float] = {}
    for what, at in episode.script["events"]:
        first.setdefault(what, at)
    return first


def _reference_run(seed: int) -> tuple[list[float], dict[str, list]]:
    """What the reference controller read and wrote in every scan of one hidden run."""
    plant, episode = CHECK.plant_for(seed)
    judge = _Recording(plant, episode, 1)
    rows: dict[str, list] = {"eye": [], "run": [], "start": [], "stop": []}
    times: list[float] = []

    def sample(t: float) -> None:
        times.append(t)
        rows["eye"].append(plant.conveyor2.photo_eye_exit)
        rows["run"].append(plant.conveyor2.run)
        rows["start"].append(plant.panel.start)
        rows["stop"].append(plant.panel.stop)

    judge.after_scan = sample  # type: ignore[method-assign]
    with Watchdog() as dog:
        assert run_seed(Program(answers.REFERENCE), plant, judge, episode.seconds, CHECK.scan, dog, 1) is None
    return times, rows


# --- the hidden runs ----------------------------------------------------------------------------------


def test_every_event_moves_by_more_than_2_s_and_the_order_changes() -> None:
    seen: dict[str, list[float]] = {}
    orders = set()
    speeds, intervals = set(), set()
    for seed in range(40):
        _, episode = CHECK.plant_for(seed)
        orders.add(tuple(episode.script["order"]))
        speeds.add(episode.script["speed"])
        intervals.add(episode.script["interval"])
        for name, at in _events(seed).items():
            seen.setdefault(name, []).append(at)
    assert CHECK.count >= 5
    for name, times in seen.items():
        assert len(times) == 40, name
        assert max(times) - min(times) > 4.0, (name, times)
    assert len(orders) > 10
    assert len(speeds) > 5 and len(intervals) > 5, "part counts must not predict the blocks"


@pytest.mark.parametrize("seed", SEEDS)
def test_each_run_has_every_episode(seed: int) -> None:
    _, episode = CHECK.plant_for(seed)
    events = [what for what, _ in episode.script["events"]]
    order = episode.script["order"]
    assert 1 <= order.count("long") <= 2 and order.count("short") >= 1
    for name in ("start", "start_again", "stop_at_conveyor1_exit", "stop_at_feed", "long_clear", "long_restart"):
        assert name in events, name
    first_long = events.index("long_block")
    assert events.index("stop_at_conveyor1_exit") < first_long and events.index("stop_at_feed") < first_long
    assert not episode.scenario.faults.schedule and not episode.scenario.faults.random, "no plant faults"


@pytest.mark.parametrize("seed", SEEDS)
def test_the_reference_meets_long_and_short_blocks_as_planned(seed: int) -> None:
    """From what the controller read: a long covering (it stops at 2 s, restarts only at the next start),
    a short one it rides through, and parts passing in 0.2-0.5 s."""
    times, rows = _reference_run(seed)
    covered = covered_for(times, rows["eye"])
    lengths = []
    for k in range(1, len(times)):
        if covered[k] is None and covered[k - 1] is not None:
            lengths.append(covered[k - 1] + CHECK.scan)
    long = [x for x in lengths if x >= 6.5]
    short = [x for x in lengths if 0.5 <= x < 1.5]
    passing = [x for x in lengths if x < 0.5]
    assert long and short and passing, lengths
    assert not [x for x in lengths if 1.5 <= x < 6.5], lengths
    assert all(0.2 <= x <= 0.5 for x in passing), passing
    # it stopped at the stop button or at 2 s of covering, and started only at the start button
    stops = 0
    for k in range(1, len(times)):
        if rows["run"][k - 1] and not rows["run"][k]:
            assert rows["stop"][k] or abs((covered[k] or 0.0) - TRIP) < 0.06, times[k]
            stops += not rows["stop"][k]
        if rows["run"][k] and not rows["run"][k - 1]:
            assert rows["start"][k], times[k]
    assert stops == len(long)


# --- the expected model ---------------------------------------------------------------------------------


def _signals(seconds: float, start_at: float, covered: tuple[float, float]) -> tuple:
    n = round(seconds / 0.05)
    t = [k * 0.05 for k in range(n)]
    start = [abs(x - start_at) < 0.01 for x in t]
    eye = [covered[0] <= x < covered[1] for x in t]
    return t, start, [False] * n, [True] * n, eye


def test_the_model_stops_between_early_and_late_and_waits_for_start() -> None:
    t, start, stop, ok, eye = _signals(20.0, 1.0, (5.0, 12.0))
    expected, why = expected_run(t, start, stop, ok, eye)
    at = {round(x, 2): e for x, e in zip(t, expected, strict=True)}
    assert at[4.0] is True and at[5.0 + EARLY - 0.05] is True
    assert at[5.0 + EARLY] is None and at[5.0 + LATE - 0.05] is None
    assert at[5.0 + LATE] is False and at[12.0] is False and at[19.95] is False  # cleared: still off
    assert why[-1] == "trip"


def test_the_model_rides_through_a_short_covering() -> None:
    t, start, stop, ok, eye = _signals(10.0, 1.0, (5.0, 5.0 + EARLY - 0.1))
    expected, _ = expected_run(t, start, stop, ok, eye)
    assert all(expected[k] for k in range(21, len(t)))


def test_a_covering_between_early_and_late_leaves_either_answer_right_until_start() -> None:
    t, start, stop, ok, eye = _signals(12.0, 1.0, (5.0, 5.0 + TRIP + 0.2))
    start[round(10.0 / 0.05)] = True
    expected, _ = expected_run(t, start, stop, ok, eye)
    assert expected[round(8.0 / 0.05)] is None  # a 1.8 s timer stopped, a 2.5 s one did not
    assert expected[round(10.0 / 0.05)] is True


# --- answers outside the catalogue ------------------------------------------------------------------------


def _timer_on(tag: str, preset: float = 2.0, gated: bool = False):
    def factory():
        timer = plc.TON(preset)

        def controller(line, t):
            device, attribute = tag.split(".")
            eye = getattr(getattr(line, device), attribute)
            blocked = timer(eye and (line.conveyor2.run or not gated), t)
            run = (line.panel.start or line.conveyor2.run) and not line.panel.stop and not blocked
            line.feeder.run = line.conveyor1.run = line.conveyor2.run = run

        return controller

    factory.__name__ = f"timer_{tag}_{preset}"
    return factory


@pytest.mark.parametrize("answer", [_timer_on("conveyor2.photo_eye_exit", 1.85), _timer_on("conveyor2.photo_eye_exit", 2.4),
                                    _timer_on("conveyor2.photo_eye_exit", 2.0, gated=True)], ids=lambda a: a.__name__)  # fmt: skip
def test_every_right_timer_passes(answer) -> None:
    result = factorylab.check(answer, "exit_blocked")
    assert result.passed, result.message("en")


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (_timer_on("conveyor1.photo_eye_infeed"), "wrong_eye"),
        (_timer_on("conveyor2.photo_eye_exit", 1.0), "timer_too_short"),
        (_timer_on("conveyor2.photo_eye_exit", 3.0), "timer_too_long"),
    ],
    ids=lambda a: getattr(a, "__name__", str(a)),
)
def test_other_wrong_timers(answer, code: str) -> None:
    result = factorylab.check(answer, "exit_blocked")
    assert result.codes[0] == code, result.message("en")


def make_toggle():
    edge = plc.R_TRIG()
    timer = plc.TON(2.0)
    on = False

    def controller(line, t):
        nonlocal on
        if edge(line.panel.start):
            on = not on
        if line.panel.stop or timer(line.conveyor2.photo_eye_exit, t):
            on = False
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = on

    return controller


def jog(line, t):
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = line.panel.start and not line.panel.stop


def forgets_the_feeder(line, t):
    run = (line.panel.start or line.conveyor2.run) and not line.panel.stop
    line.conveyor1.run = line.conveyor2.run = run


@pytest.mark.parametrize(
    ("answer", "code"), [(make_toggle, "toggle"), (jog, "no_seal"), (forgets_the_feeder, "feeder_missing")]
)
def test_other_wrong_answers(answer, code: str) -> None:
    result = factorylab.check(answer, "exit_blocked")
    assert result.codes[0] == code, result.message("en")


def test_timetables_and_counts_are_told_on_other_students_seeds() -> None:
    """Whichever seeds a student gets, a timetable is told as open loop and a count as a count."""
    for student in ("kim", "lee", "park"):
        seeds = summative_seeds("exit_blocked", CHECK.count, "a teacher's secret", student)
        assert CHECK.judge(answers.stops_at_40_s, seeds).codes[0] == "open_loop"
        assert CHECK.judge(answers.stops_after_10_parts, seeds).codes[0] == "count_stop"


def test_a_finding_names_its_own_run() -> None:
    result = factorylab.check(answers.never_stops, "exit_blocked")
    assert result.seeds == CHECK.count
    assert result.findings[0].seed == 1 and result.findings[0].tag == "conveyor2.photo_eye_exit"
    assert "초부터" in result.findings[0].ko and "초에부터" not in result.findings[0].ko


def test_the_plot_of_a_failing_run() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    result = factorylab.check(answers.feeder_keeps_feeding, "exit_blocked")
    assert not result.passed and result.trace is not None
    assert set(result.trace.expected) == {"feeder.run", "conveyor1.run", "conveyor2.run"}
    assert "conveyor2.photo_eye_exit" in result.trace.inputs
    figure = result.plot("ko")
    assert figure is not None
    plt.close(figure)


# --- the plant: clearing the outfeed hands the waiting part over -------------------------------------------


def _blocked_plant() -> Plant:
    """A conveyor line stopped with a part waiting in the blocked exit (the eye covered)."""
    plant = Plant("conveyor", seed=5)
    plant.set_outfeed(True)
    plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = True
    for _ in range(round(60 / plant.dt)):
        plant.step()
        if plant.conveyor2.photo_eye_exit and plant.track.parts[0].lead >= plant.track.length - 1e-6:
            break
    plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = False
    plant.advance(1.0)
    assert plant.conveyor2.photo_eye_exit and plant.production.parts_out == 0
    return plant


def test_clearing_the_outfeed_takes_the_waiting_part_even_with_the_belt_stopped() -> None:
    plant = _blocked_plant()
    parts = len(plant.parts)
    plant.set_outfeed(False)
    assert not plant.outfeed_blocked
    assert not plant.conveyor2.photo_eye_exit
    assert plant.production.parts_out == 1 and len(plant.parts) == parts - 1
    assert plant.events[-1].kind == "part_out"


def test_a_scenario_action_clears_the_outfeed_the_same_way() -> None:
    base = Plant("conveyor").scenario
    scenario = base.model_copy(
        update={"actions": [Action(at=0.5, outfeed="blocked"), Action(at=40.0, outfeed="clear")]}
    )
    plant = Plant(scenario, seed=5)
    plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = True
    while not plant.conveyor2.photo_eye_exit:
        plant.step()
    plant.advance(1.0)
    plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = False
    plant.advance(round(40.05 - plant.time, 2))
    assert not plant.conveyor2.photo_eye_exit and plant.production.parts_out == 1


def test_the_attribute_alone_still_only_unblocks() -> None:
    """Backward compatible: setting outfeed_blocked by hand moves nothing while the belt stands."""
    plant = _blocked_plant()
    plant.outfeed_blocked = False
    plant.advance(1.0)
    assert plant.conveyor2.photo_eye_exit and plant.production.parts_out == 0
