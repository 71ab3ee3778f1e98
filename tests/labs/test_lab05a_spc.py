"""Lab 5-1 (spc_charts): the checks' truth is the plant's, hidden data really differ, every recogniser can be told
from the truth, and the teacher pack lists every wrong answer.

* on a real shift the gauge's and the process's σ found by ``gauge_sigma`` are the plant's (inspection noise
  0.005 mm, machining 0.012 mm), and the diameter grows 0.0004 mm per minute of tool wear;
* the hidden shifts of ``xbar_r`` follow the same model as the plant, differ from seed to seed, and each holds
  the traps the recognisers need (a ruined part in phase I, a tool broken after a few parts);
* the X̄-R factors are consistent (A2 = 3 / (d2 √5)); a hard-coded answer fails;
* each rule fires on its planted sequence, each wrong version of the rules differs from the truth on the
  hidden sequences, and the real drift is flagged as the tool wears;
* the teacher pack lists every wrong answer the catalogues recognise.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import factorylab
from factorylab.labs import lab05a_spc_checks as spc
from factorylab.plant import cnc, inspection
from tests.conftest import REPO
from tests.control.checks.answers import gauge_sigma, western_electric, xbar_r

LAB = "spc_charts"


def test_the_gauge_and_process_sigma_are_the_plants() -> None:
    parts = xbar_r.own_parts()
    rows = spc.gauge_rows(parts)
    gauge = (rows["measured_dimension"] - rows["dimension"]).std()
    assert abs(gauge - inspection.DIMENSION_NOISE) < 0.15 * inspection.DIMENSION_NOISE
    process = rows["dimension"].std()  # wear < 30 min adds at most 0.012 mm of drift
    assert cnc.DIAMETER_SD < process < 1.2 * cnc.DIAMETER_SD
    answer = gauge_sigma.reference()
    assert factorylab.check(answer, "gauge_sigma", parts=parts).passed
    # the measured σ is the sum of the variances (not of the sds), within sampling
    measured = rows["measured_dimension"].std()
    assert abs(measured**2 - (gauge**2 + process**2)) < 0.1 * measured**2


def test_the_diameter_grows_with_wear_in_the_real_and_the_hidden_shifts() -> None:
    for frame in (xbar_r.own_parts(), spc.synthetic_shift(1)):
        good = spc.good_parts(frame)
        slope = np.polyfit(good["tool_wear"].astype(float), good["dimension"].astype(float), 1)[0]
        assert abs(slope - cnc.WEAR_GROWTH) < 0.1 * cnc.WEAR_GROWTH
        ruined = frame[frame["machine_failure"] == 1]["dimension"]
        assert len(ruined) and np.allclose(ruined, cnc.NOMINAL_DIAMETER + cnc.RUINED_GROWTH)


def test_phase_one_of_a_real_shift_estimates_the_measured_spread() -> None:
    limits = spc.true_limits(xbar_r.own_parts())
    sigma = limits["r_cl"] / spc.d2[5]
    expected = math.hypot(cnc.DIAMETER_SD, inspection.DIMENSION_NOISE)
    assert abs(sigma - expected) < 0.25 * expected
    assert spc.SPEC[0] < limits["xbar_lcl"] < limits["xbar_ucl"] < spc.SPEC[1]


def test_the_factors_are_consistent() -> None:
    for n in spc.A2:
        assert abs(spc.A2[n] - 3 / (spc.d2[n] * math.sqrt(n))) < 2e-3, n


def test_hidden_shifts_differ_and_hold_the_traps() -> None:
    limits = [spc.true_limits(spc.synthetic_shift(seed)) for seed in range(5)]
    centres = [round(x["xbar_cl"], 4) for x in limits]
    assert len(set(centres)) == 5
    for seed in range(5):
        frame = spc.synthetic_shift(seed)
        # a ruined part among phase I's parts and a tool too short for a subgroup
        assert spc.true_limits(frame) != spc._kept_failures(frame)
        assert spc.true_limits(frame) != spc._short_groups(frame)


def test_a_hard_coded_answer_fails() -> None:
    parts = xbar_r.own_parts()
    mine = spc.true_limits(parts)
    result = factorylab.check(lambda df: dict(mine), "xbar_r", parts=parts)
    assert not result.passed and result.codes[0] == "wrong_value"
    result = factorylab.check(lambda points, center, sigma: {1: [], 2: [], 3: [], 4: []}, "western_electric")
    assert not result.passed


@pytest.mark.parametrize("seed", range(6))
def test_each_rule_fires_on_its_planted_sequence(seed: int) -> None:
    for label, points, center, sigma in spc._planted(seed):
        flags = spc.we_rules(points, center, sigma)
        if label.startswith("rule"):
            assert flags[int(label[-1])], (label, flags)


@pytest.mark.parametrize("seed", range(6))
def test_every_wrong_version_of_the_rules_differs_on_the_hidden_sequences(seed: int) -> None:
    cases = spc._planted(seed)
    for code, options, *_ in spc.WE_RECOGNISERS:
        assert any(spc.we_rules(p, c, s, **options) != spc.we_rules(p, c, s) for _, p, c, s in cases), (code, options)


def test_the_real_drift_is_flagged_as_the_tool_wears() -> None:
    parts = xbar_r.own_parts()
    points, center, sigma = spc.real_sequence(parts)
    flags = spc.we_rules(points, center, sigma)
    table = spc.subgroups(parts)
    worn = set(table.index[table["group"] >= 8])  # from about 40 parts (115 min of wear) on
    fresh = set(table.index[table["group"] == 0])
    assert len(worn & set(flags[1])) > 0.9 * len(worn)
    assert len(fresh & set(flags[1])) < 0.1 * len(fresh)


@pytest.mark.parametrize("lang", ["", ".en"])
def test_the_teacher_pack_lists_every_wrong_answer_the_checks_recognise(lang: str) -> None:
    page = (REPO / "docs" / "labs" / f"{LAB}{lang}.md").read_text(encoding="utf-8")
    for module in (gauge_sigma, xbar_r, western_electric):
        for wrong in module.WRONG:
            assert f"`{wrong.code}`" in page, wrong.code


def test_hidden_shifts_have_every_column_of_a_real_shift_with_its_meaning() -> None:
    """A right function may use any column of the student's table (``defect_cause`` as lab 5-2 does, ``fed_at``)."""
    real = xbar_r.own_parts()
    for seed in range(3):
        hidden = spc.synthetic_shift(seed)
        assert list(hidden.columns) == list(real.columns)
        assert hidden.dtypes.equals(real.dtypes)
        assert ((hidden["defect_cause"] == "machining") == (hidden["machine_failure"] == 1)).all()
        assert (hidden["fed_at"].diff().dropna() > 0).all() and (hidden["finished_at"] > hidden["fed_at"]).all()


def test_the_planted_sequences_keep_clear_of_every_line() -> None:
    """No planted point sits on 1σ, 2σ or 3σ, where `x > center + 2 * sigma` and `(x - center) / sigma > 2` could
    disagree by rounding; only the centre line is hit exactly (rule 4's trap), and that comparison is exact."""
    for seed in range(6):
        for _label, points, center, sigma in spc._planted(seed):
            for x in points:
                z = (x - center) / sigma
                assert z == 0.0 or min(abs(abs(z) - k) for k in (1, 2, 3)) > 1e-6, z


def test_the_rules_need_the_students_own_data_and_sigma() -> None:
    result = factorylab.check(western_electric.western_electric, "western_electric")
    assert not result.passed and result.codes == ["no_data"]
    result = factorylab.check(xbar_r.xbar_r_limits, "xbar_r")
    assert not result.passed and result.codes == ["no_data"]
