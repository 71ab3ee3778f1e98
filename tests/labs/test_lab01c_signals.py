"""Lab 1-6/1-7 (``signal_quality``): the hidden runs of noise_filter and stuck_switch are what they claim (levels,
steps, the stuck switch, clean runs, times that differ), the noise is the plant's, and the teacher pack lists every
wrong answer of the catalogues."""

from __future__ import annotations

import random
import re
import statistics

import pytest

import factorylab
from factorylab.control.checks import get
from factorylab.control.checks.behaviour import Judge, Recorder, run_seed
from factorylab.control.checks.seeds import formative_seeds
from factorylab.control.memory import Program
from factorylab.control.student import Watchdog
from factorylab.labs import lab01c_signals_checks as checks
from factorylab.plant import load_scenario
from factorylab.plant import tank as tank_model
from tests.conftest import REPO
from tests.control.checks.answers import noise_filter as filter_answers
from tests.control.checks.answers import stuck_switch as switch_answers


class _Watch(Judge):
    """Records the tank's readings, its true level and its faults, whatever the controller does."""

    wants_steps = False

    def __init__(self, plant, episode, run) -> None:
        super().__init__(plant, episode, run)
        self.recorder = Recorder(plant, ["tank.level_raw", "tank.level", "tank.high"])
        self.true: list[float] = []
        self.stuck: list[bool] = []

    def after_scan(self, t: float) -> None:
        self.recorder.sample(t)
        self.true.append(self.plant.tank.true_level)
        self.stuck.append(self.plant.sensor_overrides.get("tank.high") is False)


def _watch(name: str) -> list[tuple[dict, _Watch]]:
    """Every formative hidden run of a check, played with a controller that does nothing."""
    check = get(name)
    runs = []
    for seed in formative_seeds(name, check.count):
        plant, episode = check.plant_for(seed)
        watch = _Watch(plant, episode, 1)
        with Watchdog() as dog:
            assert run_seed(Program(lambda line, t: None), plant, watch, episode.seconds, check.scan, dog, 1) is None
        runs.append((episode.script, watch))
    return runs


# --- noise_filter --------------------------------------------------------------------------------------------


def test_noise_filter_runs_each_have_their_own_level_and_step_time() -> None:
    runs = _watch("noise_filter")
    assert len(runs) >= 5
    levels = sorted(script["level"] for script, _ in runs)
    assert min(b - a for a, b in zip(levels, levels[1:], strict=False)) > 2 * checks.FOLLOW  # no display fits two runs
    steps = [script["step"] for script, _ in runs]
    assert max(steps) - min(steps) >= 4.0  # every step time varied by more than ±2 s
    assert {script["direction"] for script, _ in runs} == {"rise", "fall"}
    for script, watch in runs:
        t, true = watch.recorder.t, watch.true
        still = [true[k] for k, when in enumerate(t) if when < script["step"]]
        assert max(still) - min(still) < 0.01  # the level really stands still before the step
        moved = true[-1] - still[0]
        assert abs(moved) > 25.0 and (moved > 0) == (script["direction"] == "rise")


def test_noise_filter_noise_is_the_plants_transmitter() -> None:
    """The raw readings in the still part have the plant's noise: about 0.6 count, whole counts (quantised)."""
    for script, watch in _watch("noise_filter"):
        raw = [r for r, when in zip(watch.recorder.column("tank.level_raw"), watch.recorder.t, strict=True)
               if checks.SETTLE <= when < script["step"]]  # fmt: skip
        assert all(isinstance(r, int) for r in raw)
        assert 0.5 < statistics.pstdev(raw) < 0.8
    assert tank_model.LEVEL_NOISE == pytest.approx(0.6)


def test_noise_filter_lag_is_measured_against_the_true_level() -> None:
    """A pure delay of 2 s (no smoothing) is not too slow, it is not filtered; a delay of 4 s is too slow."""

    def delayed(seconds: float):
        def controller(line, t, m):
            readings = (m["readings"] or []) + [line.tank.level]
            m["readings"] = readings[-round(seconds / 0.05) - 1 :]
            line.panel.display = m["readings"][0] * 10

        return controller

    assert factorylab.check(delayed(2.0), "noise_filter").codes[0] == "no_filter"
    result = factorylab.check(delayed(4.0), "noise_filter")
    assert result.codes[0] == "too_slow"
    lag = float(re.search(r"followed ([0-9.]+) s behind", result.message("en")).group(1))
    assert lag == pytest.approx(4.0, abs=0.3)  # the reading's noise moves the crossing by a scan or a few


def test_noise_filter_pass_band() -> None:
    """What the lab recommends passes: windows of 3-5 s, time constants of 1.5-2.5 s."""

    def average(scans: int):
        def controller(line, t, m):
            readings = ((m["readings"] or []) + [line.tank.level_raw])[-scans:]
            m["readings"] = readings
            line.panel.display = sum(readings) / len(readings) * 2.5

        return controller

    def smoothing(tau: float):
        def controller(line, t, m):
            if m["started"] == 0:
                m["value"], m["started"] = line.tank.level, 1
            m["value"] += 0.05 / tau * (line.tank.level - m["value"])
            line.panel.display = m["value"] * 10

        return controller

    for answer in (average(60), average(100), smoothing(1.5), smoothing(2.5)):
        assert factorylab.check(answer, "noise_filter").passed


# --- stuck_switch --------------------------------------------------------------------------------------------


def test_stuck_switch_runs_have_a_fault_and_clean_runs() -> None:
    runs = _watch("stuck_switch")
    assert len(runs) >= 5
    roles = [script["role"] for script, _ in runs]
    assert roles[0] == "rising" and sorted(roles) == sorted(checks.ROLES)
    evident = 0
    clean = 0
    for script, watch in runs:
        high, true = watch.recorder.column("tank.high"), watch.true
        scan = get("stuck_switch").scan
        stuck_high = sum(1 for s, level in zip(watch.stuck, true, strict=True) if s and level >= 930.0) * scan
        if script["role"] in ("rising", "high"):
            assert stuck_high >= 20.0  # the stuck switch shows for a good while
            assert all(not h for h, s in zip(high, watch.stuck, strict=True) if s)  # stuck at 0 reads 0
            evident += 1
        if not script["faults"]:
            assert not any(watch.stuck)
            assert any(high) and all(bool(h) == (level >= 900.0) for h, level in zip(high, true, strict=True))
            clean += 1
        if script["role"] == "low_stuck":
            assert any(watch.stuck) and stuck_high == 0.0
    assert evident >= 2 and clean >= 2


def test_stuck_switch_times_differ_between_runs() -> None:
    """The first time the level reaches the switch, and the fault times, vary by more than ±2 s between runs."""
    runs = _watch("stuck_switch")
    first = []
    for _, watch in runs:
        first.append(next(t for t, level in zip(watch.recorder.t, watch.true, strict=True) if level >= 900.0))
    assert max(first) - min(first) >= 4.0
    base = load_scenario("tank")
    starts = [checks.switch_episode(random.Random(n), base, "high").script["faults"][0][0] for n in range(6)]
    assert max(starts) - min(starts) >= 4.0  # when the switch sticks, too


def test_stuck_switch_uses_the_plants_switch_level() -> None:
    assert checks.SWITCH == tank_model.HIGH_SWITCH == 900.0
    line = factorylab.connect(scenario="tank")

    def fill(line, t):
        line.tank.inflow = 100

    history = factorylab.run(fill, line, seconds=140, record=["tank.level", "tank.high"], record_every=0.05).history
    first_on = history[history["tank.high"]]["tank.level"].min()
    assert checks.SWITCH <= first_on <= checks.SWITCH + 1.0


def test_stuck_switch_flats_are_no_round_levels() -> None:
    for _, watch in _watch("stuck_switch"):
        true = watch.true
        for k in range(200, len(true)):
            if abs(true[k] - true[k - 200]) < 1e-6 and abs(true[k] - checks.SWITCH) > checks.NEAR:  # 10 s still
                distance = true[k] % 2.5
                assert min(distance, 2.5 - distance) >= 1.0, true[k]


# --- the teacher pack ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["", ".en"])
def test_the_teacher_pack_lists_every_wrong_answer(lang: str) -> None:
    text = (REPO / "docs" / "labs" / f"signal_quality{lang}.md").read_text(encoding="utf-8")
    for catalogue in (filter_answers, switch_answers):
        for wrong in catalogue.WRONG:
            assert f"`{wrong.code}`" in text, (catalogue.CHECK, wrong.code)
