"""Lab 6-1 (process_models): the step_test and fopdt_fit checks' truth is the plant's, and the pack lists every
wrong answer.

* the hidden ovens of both checks are different plant variants (gains low, high
  and middle), the fopdt hidden step tests differ in step time by 2 s or more
  and one starts warm; their truth is the plant's (plant_variant and the oven's
  dead time);
* the lab's own solutions never fail on other hidden seeds: the step test on
  twelve more seeds, the graphical fit on fifteen more ovens (K, tau, theta
  inside the tolerances), and on the ovens of many student variants;
* a table copied from another oven, and a fit that returns constants, fail;
* the teacher pack lists every wrong answer the three checks recognise.
"""

from __future__ import annotations

import math

import pytest

import factorylab
from factorylab.control.checks import get
from factorylab.control.checks.seeds import formative_seeds
from factorylab.labs.lab06a_models_checks import K_TOL, TAU_TOL, THETA_TOL, hidden_case, judge_table
from factorylab.plant.oven import DEAD_TIME
from factorylab.plant.variant import plant_variant
from tests.conftest import REPO
from tests.control.checks.answers import fopdt_fit, step_test, tank_level

LAB = "process_models"


def test_the_hidden_ovens_differ_and_their_truth_is_the_plants() -> None:
    check = get("step_test")
    ovens = check.ovens(formative_seeds("step_test", check.count))
    gains = sorted(plant_variant(number).oven_gain for _, number in ovens)
    assert gains[0] < 2.25 and gains[-1] > 2.75 and gains[1] - gains[0] > 0.2 and gains[2] - gains[1] > 0.2
    seeds = formative_seeds("fopdt_fit", 3)
    cases = [hidden_case(seed, position) for position, seed in enumerate(seeds)]
    assert sorted(case.theta for case in cases) != [DEAD_TIME] * 3
    starts = []
    for case in cases:
        heater = case.table["oven.heater"]
        starts.append(float(heater.index[(heater - heater.iloc[0]).abs() > 0.5][0]))
        variant = [v for v in (plant_variant(n) for n in range(1, 10000)) if v.oven_gain == case.gain]
        assert any(v.oven_time_constant == case.tau for v in variant)
    assert min(abs(a - b) for i, a in enumerate(starts) for b in starts[i + 1 :]) >= 2.0
    assert [float(c.table["oven.heater"].iloc[0]) > 0 for c in cases].count(True) == 1


@pytest.mark.parametrize("seed", range(100, 112))
def test_the_solutions_step_test_passes_on_other_ovens(seed: int) -> None:
    number = 1 + (seed * 797) % 9999
    line = factorylab.connect(scenario="oven", seed=seed, variant=number)
    table = step_test.step_test(line)
    v = line.variant
    assert judge_table(table, v.oven_gain, v.oven_time_constant, DEAD_TIME) is None


def test_a_table_from_another_oven_fails() -> None:
    hot = factorylab.connect(scenario="oven", seed=1, variant=0)
    table = step_test.step_test(hot)
    weak = plant_variant(next(n for n in range(1, 10000) if plant_variant(n).oven_gain < 2.2))
    finding = judge_table(table, weak.oven_gain, weak.oven_time_constant, DEAD_TIME)
    assert finding is not None and finding.code == "not_this_line"


def _close(given: tuple[float, float, float], case) -> bool:
    k, tau, theta = given
    return (
        abs(k - case.gain) <= K_TOL * case.gain
        and abs(tau - case.tau) <= TAU_TOL * case.tau
        and abs(theta - case.theta) <= THETA_TOL
    )


@pytest.mark.parametrize("seed", range(200, 215))
def test_the_solutions_fit_is_inside_the_tolerances_on_other_ovens(seed: int) -> None:
    for position in range(3):
        case = hidden_case(seed, position)
        for fit in (fopdt_fit.fit_fopdt, fopdt_fit.two_points, fopdt_fit.Fitter()):
            assert _close(fit(case.table.copy()), case), (seed, position, fit)


def test_a_fit_that_returns_constants_fails() -> None:
    own = fopdt_fit.own_data()
    k, tau, theta = fopdt_fit.fit_fopdt(own["data"])
    result = factorylab.check(lambda df: (k, tau, theta), "fopdt_fit", data=own["data"], line=own["line"])
    assert not result.passed
    assert all(math.isfinite(x) for x in (k, tau, theta))


def test_the_own_oven_is_judged_against_its_own_variant() -> None:
    """Another student's numbers (variant 7's fit) handed in for a table of a different oven fail."""
    own = fopdt_fit.own_data()
    other = factorylab.connect(scenario="oven", seed=3, variant=4242)
    table = step_test.step_test(other)
    result = factorylab.check(fopdt_fit.fit_fopdt, "fopdt_fit", data=table, line=own["line"])
    assert not result.passed and result.codes[0] == "not_this_line", result.message("en")
    assert "your step data" in result.findings[0].en and "variant 7" in result.findings[0].en


def test_a_step_test_on_a_new_line_of_the_same_oven_fails() -> None:
    """The same variant's oven on a line of its own fits the numbers, but the line the check gave never ran."""
    result = factorylab.check(step_test.on_a_new_line_of_the_same_oven, "step_test")
    assert not result.passed and result.codes[0] == "line_not_run", result.message("en")
    assert "0초에 멈춰 있습니다" in result.findings[0].ko


def test_the_own_ovens_numbers_for_every_table_fail() -> None:
    """The student's own variant read from a global line, for the hidden ovens too: named, with the own data or not."""
    own = fopdt_fit.own_data()
    for options in ({}, {"data": own["data"], "line": own["line"]}):
        result = factorylab.check(fopdt_fit.my_own_oven, "fopdt_fit", **options)
        assert not result.passed and result.codes[0] == "same_for_every_oven", result.message("en")


def test_no_dead_time_written_in_fits_every_hidden_oven() -> None:
    """On formative and summative seeds the hidden dead times are more than 2 × 5 s apart, and τ + θ fails."""
    from factorylab.control.checks.seeds import summative_seeds

    lists = [formative_seeds("fopdt_fit", 3)] + [summative_seeds("fopdt_fit", 3, "class", f"s{n}") for n in range(3)]
    for seeds in lists:
        cases = [hidden_case(seed, position) for position, seed in enumerate(seeds)]
        thetas = [case.theta for case in cases]
        assert max(thetas) - min(thetas) > 2 * THETA_TOL, thetas
        long_dead = max(cases, key=lambda case: case.theta)
        k, tau, theta = fopdt_fit.fit_fopdt(long_dead.table.copy())
        assert tau + theta > (1.0 + TAU_TOL) * long_dead.tau


@pytest.mark.parametrize("lang", ["", ".en"])
def test_the_teacher_pack_lists_every_wrong_answer_the_checks_recognise(lang: str) -> None:
    page = (REPO / "docs" / "labs" / f"{LAB}{lang}.md").read_text(encoding="utf-8")
    for module in (tank_level, step_test, fopdt_fit):
        for wrong in module.WRONG:
            assert f"`{wrong.code}`" in page, (module.CHECK, wrong.code)
