"""``oven_pid``: the hidden runs, the oven's scenario settings, open-loop and wall-clock recognition, the plot."""

from __future__ import annotations

import math
import random
import time

import pytest

import factorylab
from factorylab.control.checks import get
from factorylab.control.checks import oven_pid as check_module
from factorylab.control.checks.seeds import formative_seeds
from factorylab.control.reference import PI
from factorylab.plant import Plant, load_scenario
from factorylab.plant import oven as oven_model
from factorylab.plant.scenario import FaultSettings, OvenSettings, ScheduledFault

from .answers import oven_pid as answers
from .catalogue import record_outputs, replay

CHECK = get("oven_pid")
SEEDS = formative_seeds("oven_pid", CHECK.count)


def _episodes(seeds: list[int]) -> list:
    CHECK._positions = {seed: index for index, seed in enumerate(seeds)}
    try:
        return [CHECK.plant_for(seed)[1] for seed in seeds]
    finally:
        CHECK._positions = {}


def _random_lists(count: int, seed: int = 1) -> list[list[int]]:
    rng = random.Random(seed)
    return [[rng.randrange(2**31 - 1) for _ in range(CHECK.count)] for _ in range(count)]


# --- the hidden runs ----------------------------------------------------------------------------------------


def test_the_hidden_runs_have_a_hot_start_without_and_cold_starts_with_a_disturbance() -> None:
    episodes = _episodes(SEEDS)
    hot = episodes[0].script
    assert hot["start"] > 210.0 and hot["disturbance"] is None
    disturbed = [e for e in episodes if e.script["disturbance"] is not None]
    calm = [e for e in episodes if e.script["disturbance"] is None]
    assert len(disturbed) >= 3 and len(calm) >= 2
    assert any(e.script["start"] < 45.0 and e.script["disturbance"] for e in episodes)
    for episode in disturbed:
        (fault,) = episode.scenario.faults.schedule
        assert fault.kind == "heater_degradation" and fault.floor == pytest.approx(
            1 - episode.script["disturbance"]["loss"]
        )
        assert episode.seconds >= fault.at + check_module.RECOVERY + 150.0


def test_every_seed_draws_its_own_times_and_oven() -> None:
    """The disturbance time, start temperature, gain and time constant change from seed to seed (well over ±2 s)."""
    for position in range(CHECK.count):
        scripts = [_episodes(seeds)[position].script for seeds in _random_lists(12)]
        for key in ("start", "gain", "time_constant"):
            values = [s[key] for s in scripts]
            assert len(set(values)) >= len(values) - 1
        assert max(s["gain"] for s in scripts) / min(s["gain"] for s in scripts) > 1.15
        times = [s["disturbance"]["at"] for s in scripts if s["disturbance"]]
        if times:
            assert max(times) - min(times) > 60.0 and len(set(times)) == len(times)
    times = [e.script["disturbance"]["at"] for e in _episodes(SEEDS) if e.script["disturbance"]]
    assert len(set(times)) == len(times) and max(times) - min(times) >= 4.0


def test_the_ovens_stay_within_20_percent_and_keep_headroom_after_the_disturbance() -> None:
    for seeds in _random_lists(40, seed=2):
        for episode in _episodes(seeds):
            script = episode.script
            assert 2.0 <= script["gain"] <= 3.0 and 144.0 <= script["time_constant"] <= 216.0
            oven = episode.scenario.oven
            assert (oven.gain, oven.time_constant, oven.temperature) == (
                script["gain"],
                script["time_constant"],
                script["start"],
            )
            if script["disturbance"]:
                need = 175.0 / (script["gain"] * (1 - script["disturbance"]["loss"]))
                assert need <= 92.0 + 1e-9 and script["disturbance"]["loss"] >= 0.04
                assert 950.0 <= script["disturbance"]["at"] <= 1150.0


def test_summative_seeds_keep_the_plan_the_hot_start_comes_first() -> None:
    result = factorylab.check(answers.make_sign_error, "oven_pid", student="s1", secret="teacher")
    assert result.codes == ["wrong_direction"] and result.findings[0].seed == 1


# --- the oven's scenario settings (plant) ---------------------------------------------------------------------


def test_oven_settings_default_to_the_documented_model() -> None:
    settings = OvenSettings()
    assert (settings.gain, settings.time_constant, settings.dead_time) == (
        oven_model.GAIN,
        oven_model.TAU,
        oven_model.DEAD_TIME,
    )
    plant = Plant("oven", seed=0)
    assert plant.oven.gain == oven_model.GAIN and plant.oven.time_constant == oven_model.TAU


def test_a_scenario_sets_the_ovens_gain_time_constant_and_dead_time() -> None:
    base = load_scenario("oven")
    oven = base.oven.model_copy(update={"gain": 2.0, "time_constant": 150.0, "dead_time": 10.0})
    plant = Plant(base.model_copy(update={"oven": oven}), seed=0)
    plant.oven.heater = 50.0
    trace = {}
    for _ in range(round(800 / plant.dt)):
        plant.step()
        trace[round(plant.time, 2)] = plant.oven.true_temperature
    assert trace[9.95] == pytest.approx(25.0, abs=1e-9)  # nothing during the dead time
    assert trace[11.0] > 25.0
    rise = 2.0 * 50.0
    assert trace[160.0] == pytest.approx(25.0 + rise * (1 - math.exp(-1)), abs=0.3)
    assert trace[800.0] == pytest.approx(25.0 + rise * (1 - math.exp(-790.0 / 150.0)), abs=0.3)


def test_a_scheduled_heater_degradation_can_stop_at_a_floor() -> None:
    base = load_scenario("oven")
    fault = ScheduledFault(at=100.0, kind="heater_degradation", rate=3600.0, floor=0.9)
    plant = Plant(base.model_copy(update={"faults": FaultSettings(schedule=[fault])}), seed=0)
    plant.oven.heater = 60.0
    plant.advance(200.0)
    assert plant.oven.health == pytest.approx(0.9)
    assert fault.params() == {"rate": 3600.0, "floor": 0.9}
    assert ScheduledFault(at=0.0, kind="heater_degradation").params() == {}


# --- the wall clock -----------------------------------------------------------------------------------------


class _ClockPI:
    def __init__(self) -> None:
        self.last = None

    def __call__(self, line, t):
        now = time.perf_counter()
        self.last = now


_clock_pi = _ClockPI()


def _uses_a_clock_object(line, t):
    _clock_pi(line, t)


def _sleeps_only(line, t):
    time.sleep(0)


def test_reading_the_wall_clock_is_recognised_in_every_style() -> None:
    reads = check_module.reads_wall_clock
    assert reads(answers.make_wall_clock_dt)
    assert reads(_ClockPI())
    assert reads(_uses_a_clock_object)
    from time import monotonic

    assert reads(lambda line, t: monotonic())
    assert not reads(_sleeps_only)

    def make_with_its_own_import():
        import time as clock

        state = {"last": clock.perf_counter()}

        def controller(line, t):
            state["last"] = clock.perf_counter()

        return controller

    def make_importing_a_name():
        from time import time as now

        def controller(line, t):
            return now()

        return controller

    assert reads(make_importing_a_name)
    assert reads(make_importing_a_name())
    assert reads(make_with_its_own_import())
    assert reads(make_with_its_own_import)
    for answer in answers.CORRECT:
        assert not reads(answer)


def test_a_wall_clock_integral_is_told_apart_from_p_only() -> None:
    assert factorylab.check(answers.p_only, "oven_pid").codes[0] == "offset"
    result = factorylab.check(answers.make_wall_clock_dt, "oven_pid")
    assert result.codes[0] == "wall_clock_dt"
    assert "time.time()" in result.message("en") and "dt = t" in result.message("en")


# --- more correct styles: no false fails ---------------------------------------------------------------------


def _make_filtered(alpha: float = 0.1):
    def make():
        pi = PI(1.8, 160.0)
        state = {"filtered": None}

        def controller(line, t):
            reading = line.oven.temperature
            state["filtered"] = (
                reading if state["filtered"] is None else state["filtered"] + alpha * (reading - state["filtered"])
            )
            line.oven.heater = pi(200.0, state["filtered"], t)

        return controller

    make.__name__ = f"filtered_{alpha}"
    return make


def make_sampled_every_5_s():
    pi = PI(1.8, 160.0)
    state = {"next": 0.0}

    def controller(line, t):
        if t >= state["next"]:
            state["next"] = t + 5.0
            line.oven.heater = pi(200.0, line.oven.temperature, t)

    return controller


def make_pid_on_the_measurement():
    pi = PI(1.8, 160.0)
    state = {"previous": None, "last_t": None}

    def controller(line, t):
        reading = line.oven.temperature
        slope = 0.0 if state["previous"] is None else (reading - state["previous"]) / (t - state["last_t"])
        state["previous"], state["last_t"] = reading, t
        line.oven.heater = min(100.0, max(0.0, pi(200.0, reading, t) - 5.0 * slope))

    return controller


def make_whole_percent():
    pi = PI(1.5, 175.0)

    def controller(line, t):
        line.oven.heater = round(pi(200.0, line.oven.temperature, t))

    return controller


@pytest.mark.parametrize(
    "answer",
    [
        _make_filtered(0.1),
        _make_filtered(0.03),
        make_sampled_every_5_s,
        make_pid_on_the_measurement,
        make_whole_percent,
    ],
    ids=lambda a: a.__name__,
)
def test_other_working_controllers_pass(answer) -> None:
    result = factorylab.check(answer, "oven_pid")
    assert result.passed, result.message("en")


oven_pi = PI(kc=1.8, ti=160.0)


def with_a_module_level_reference_pi(line, t):
    line.oven.heater = oven_pi(200.0, line.oven.temperature, t)


def test_a_module_level_reference_pi_passes() -> None:
    result = factorylab.check(with_a_module_level_reference_pi, "oven_pid")
    assert result.passed, result.message("en")


# --- more open loops -----------------------------------------------------------------------------------------


def _fixed(value: float):
    def fixed(line, t):
        line.oven.heater = value

    fixed.__name__ = f"fixed_{value:g}"
    return fixed


def _wave(line, t):
    line.oven.heater = 70 + 5 * math.sin(t / 30)


@pytest.mark.parametrize("answer", [_fixed(50), _fixed(70), _fixed(100), _wave], ids=lambda a: a.__name__)
def test_heaters_that_ignore_the_temperature_are_open_loop(answer) -> None:
    result = factorylab.check(answer, "oven_pid")
    assert result.codes[0] == "open_loop", result.message("en")
    assert "do not follow the inputs" in result.message("en") and "입력" in result.message("ko")


def test_a_heater_left_off_is_told_to_heat_when_cold() -> None:
    assert factorylab.check(_fixed(0), "oven_pid").codes[0] == "heater_off_cold"


@pytest.mark.parametrize("index", [3, 5])
def test_replayed_outputs_of_another_seed_are_open_loop(index: int) -> None:
    rows = record_outputs("oven_pid", answers.as_an_object, index)
    whole = [(t, {name: round(v) if name == "oven.heater" else v for name, v in values.items()}) for t, values in rows]
    for outputs in (rows, whole):
        result = factorylab.check(replay(outputs), "oven_pid")
        assert result.codes[0] == "open_loop", result.message("en")


def test_noise_answers_tells_a_controller_from_a_replay() -> None:
    rng = random.Random(4)
    readings = [200.0 + round(rng.gauss(0, 0.15), 1) for _ in range(2000)]
    following = [70.0 - 1.8 * (r - 200.0) for r in readings]
    other = [70.0 - 1.8 * rng.gauss(0, 0.15) for _ in readings]
    backwards = [70.0 + 1.8 * (r - 200.0) for r in readings]
    assert check_module.noise_answers(readings, following)["wiggle"] > 20
    assert abs(check_module.noise_answers(readings, other)["wiggle"]) < 3
    assert check_module.noise_answers(readings, backwards)["wiggle"] < -20


# --- the plot -------------------------------------------------------------------------------------------------


def test_a_failing_run_can_be_plotted() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    result = factorylab.check(answers.make_capped_integral, "oven_pid")
    assert result.codes[0] == "no_recovery"
    trace = result.trace
    assert trace is not None and set(trace.outputs) == {"oven.heater"}
    assert set(trace.inputs) == {"oven.temperature", check_module.ERROR_STRIP}
    assert max(trace.inputs[check_module.ERROR_STRIP]) <= 10.0
    assert len(trace.marks) == 2  # the finding and the disturbance
    figure = result.plot("ko")
    assert figure is not None
    plt.close(figure)
