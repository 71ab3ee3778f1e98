"""Lab 6-2 (``pi_control``): the offset truth is the plant's, the windup runs really saturate the heater and differ
per seed, and the teacher pack lists every wrong answer the lab's checks recognise."""

from __future__ import annotations

import random

import pytest

import factorylab
from factorylab.control.checks import get
from factorylab.control.checks.seeds import formative_seeds
from factorylab.control.reference import PI
from factorylab.lab import get as get_lab
from factorylab.labs.lab06b_pid_checks import PLAN, SETPOINT, episode_for, offset_cases, steady_heater, true_offset
from factorylab.plant import load_scenario
from tests.conftest import REPO
from tests.control.checks.answers import anti_windup, oven_pid, p_offset
from tests.control.checks.catalogue import clock_only, record_outputs, replay


@pytest.mark.parametrize(("variant", "kc"), [(0, 1.0), (7, 0.6), (123, 2.0)])
def test_the_offset_truth_is_what_the_oven_settles_to(variant: int, kc: float) -> None:
    """P-only control on the student's own oven settles (SP - T) at the check's truth, within the sensor's noise."""

    def p_only(line, t):
        line.oven.heater = min(100, max(0, kc * (SETPOINT - line.oven.temperature)))

    line = factorylab.connect(scenario="oven", variant=variant, seed=3)
    history = factorylab.run(p_only, line, seconds=2000, scan=0.5, record=["oven.temperature"]).history
    observed = SETPOINT - history["oven.temperature"].iloc[-300:].mean()
    assert observed == pytest.approx(true_offset(line.variant.oven_gain, kc, SETPOINT), abs=0.3)


def test_the_hidden_offset_cases_never_saturate_and_differ_per_seed() -> None:
    first, second = offset_cases(1), offset_cases(2)
    assert first != second
    for gain, kc, setpoint in first + second:
        assert steady_heater(gain, kc, setpoint) < 95.0 and 2.0 <= gain <= 3.0


def test_the_own_variant_is_judged_with_its_own_gain() -> None:
    result = factorylab.check(p_offset.p_offset, "p_offset", variant=42, kc=1.0, setpoint=200)
    assert result.passed
    with pytest.raises(factorylab.FactoryLabError):
        factorylab.check(p_offset.p_offset, "p_offset", variant=42, kc=-1.0)  # not a gain


def test_the_own_ovens_gain_written_in_is_named() -> None:
    """K taken from a global line (the student's own oven) instead of the parameter: named, not just a wrong value."""
    mine = factorylab.connect(scenario="oven", variant=7)

    def own_gain(K, Kc, SP):
        return (SP - 25) / (1 + Kc * mine.variant.oven_gain)

    result = factorylab.check(own_gain, "p_offset", variant=mine.variant, kc=1.0, setpoint=200)
    assert not result.passed and result.codes[0] == "gain_written_in", result.message("en")


@pytest.mark.parametrize("index", range(1, 6))
def test_outputs_replayed_from_any_hidden_run_fail_as_open_loop(index: int) -> None:
    rows = record_outputs("anti_windup", anti_windup.REFERENCE, index)
    for controller in (replay(rows), clock_only(rows)):
        result = factorylab.check(controller, "anti_windup")
        assert not result.passed and result.codes[0] == "open_loop", result.message("en")


@pytest.mark.parametrize(("kc", "ti"), [(1.2, 144.0), (1.8, 160.0), (2.7, 160.0), (1.8, 144.0)])
@pytest.mark.parametrize("student", [None, "s01", "s02"])
def test_simc_pis_of_every_students_oven_pass_anti_windup(kc: float, ti: float, student) -> None:
    """SIMC with tau_c = theta for any student oven (K 2-3 °C/%, tau 144-216 s) passes on formative and summative runs."""

    def make_controller():
        pi = PI(kc=kc, ti=ti)

        def controller(line, t):
            line.oven.heater = pi(SETPOINT, line.oven.temperature, t)

        return controller

    options = {} if student is None else {"secret": "class-x", "student": student}
    result = factorylab.check(make_controller, "anti_windup", **options)
    assert result.passed, result.message("en")


def test_each_faulty_run_saturates_the_heater_and_the_windup_is_there() -> None:
    """In every faulty hidden run even 100 % heater settles below 200 °C while the fault lasts."""
    base = load_scenario("oven")
    for seed in formative_seeds("anti_windup", 6):
        for position in range(len(PLAN)):
            episode = episode_for(random.Random(f"anti_windup|{seed}"), base, position)
            fault = episode.script["fault"]
            if PLAN[position] == "hot":
                assert fault is None
                continue
            top = 25.0 + 100.0 * episode.script["gain"] * fault["health"]
            assert SETPOINT - 76.0 < top < SETPOINT - 44.0
            assert episode.seconds > fault["end"] + 800.0


def test_fault_times_vary_by_more_than_2_s_between_seeds() -> None:
    base = load_scenario("oven")
    for position in (1, 2):
        starts = [
            episode_for(random.Random(f"anti_windup|{seed}"), base, position).script["fault"]["at"]
            for seed in formative_seeds("anti_windup", 6)
        ]
        ends = [
            episode_for(random.Random(f"anti_windup|{seed}"), base, position).script["fault"]["end"]
            for seed in formative_seeds("anti_windup", 6)
        ]
        for values in (starts, ends):
            assert max(values) - min(values) > 4.0 and len(set(values)) == len(values), values


def test_clamping_the_integral_alone_is_still_windup() -> None:
    """Cutting the integral to 0-100 % (not P + I) still overshoots after the fault: told as windup."""

    def integral_clamped_alone(line, t, m):
        dt = t - m["last_t"] if m["started"] else 0.0
        m["started"], m["last_t"] = True, t
        error = SETPOINT - line.oven.temperature
        m["integral"] = min(100.0, max(0.0, m["integral"] + 1.8 * error * dt / 160.0))
        line.oven.heater = min(100.0, max(0.0, 1.8 * error + m["integral"]))

    result = factorylab.check(integral_clamped_alone, "anti_windup")
    assert not result.passed and result.codes[0] == "windup", result.message("en")
    assert "와인드업" in result.message("ko") and "windup" in result.message("en")


def test_the_windup_message_names_the_episode_in_plain_words() -> None:
    result = factorylab.check(anti_windup.no_anti_windup, "anti_windup")
    first = result.findings[0]
    assert "적분이 계속 쌓였습니다(와인드업)" in first.ko and first.t is not None and first.tag == "oven.heater"


def test_the_reference_passes() -> None:
    """(Speed is measured by benchmarks/checks.py, not asserted in tests.)"""

    assert get("anti_windup").judge(anti_windup.REFERENCE, formative_seeds("anti_windup", 6)).passed


@pytest.mark.parametrize("lang", ["", ".en"])
def test_the_teacher_pack_lists_every_wrong_answer(lang: str) -> None:
    text = (REPO / "docs" / "labs" / f"pi_control{lang}.md").read_text(encoding="utf-8")
    for catalogue in (p_offset, oven_pid, anti_windup):
        for wrong in catalogue.WRONG:
            assert f"`{wrong.code}`" in text, (catalogue.CHECK, wrong.code)
    assert get_lab("pi_control").checks == ("p_offset", "oven_pid", "anti_windup")
