"""Lab 7-1 (cnc_data): the truths are the plant's AI4I constants, the hidden machines' data let the reference's
estimate land within 5 % of their limits, the label sets are imbalanced like the plant's data, the checks are
fast, and the teacher pack lists every wrong answer the lab's checks recognise."""

from __future__ import annotations

import math

import pytest

import factorylab
from factorylab.lab import get as get_lab
from factorylab.labs import lab07a_data_checks as checks
from factorylab.plant import cnc
from tests.conftest import REPO
from tests.control.checks.answers import failure_modes, metrics_by_hand


def test_the_truth_is_the_plants_constants() -> None:
    limits = checks.machine_limits()
    assert limits["osf_limit_L"] == cnc.OVERSTRAIN_LIMIT["L"] == 11000.0
    assert (limits["pwf_low"], limits["pwf_high"]) == (cnc.PWF_LOW, cnc.PWF_HIGH) == (3500.0, 9000.0)


def test_a_real_run_to_failure_shift_shows_every_mode_and_the_limits() -> None:
    parts = checks.machined(failure_modes.own_parts())
    assert 0.01 < parts["machine_failure"].mean() < 0.08
    for mode in ("TWF", "HDF", "PWF", "OSF"):
        assert parts[mode].sum() >= 3, mode
    found = failure_modes.explore(parts)
    assert found["osf_limit_L"] == pytest.approx(11000, rel=0.05)
    assert found["osf_limit_L"] > 11000  # the smallest failed part lies above the limit
    assert found["pwf_low"] == pytest.approx(3500, rel=0.05)
    assert found["pwf_high"] == pytest.approx(9000, rel=0.05)
    # the rule of the plant: every OSF part of grade L is above the limit, every other below
    grade_l = parts[parts["grade"] == "L"]
    strain = grade_l["tool_wear"] * grade_l["torque"]
    assert ((strain > 11000) == (grade_l["OSF"] == 1)).all()
    power = parts["torque"] * parts["rotational_speed"] * 2 * math.pi / 60
    assert (((power < 3500) | (power > 9000)) == (parts["PWF"] == 1)).all()


@pytest.mark.parametrize("seed", range(1, 61))
def test_the_hidden_machines_let_every_correct_estimate_pass(seed: int) -> None:
    table, limits = checks.hidden_parts(f"{seed}.1")
    for answer in (failure_modes.explore, failure_modes.from_the_fine_side, failure_modes.midpoints):
        found = answer(table)
        for key in checks.LIMIT_KEYS:
            assert found[key] == pytest.approx(limits[key], rel=0.04), (answer.__name__, key)
    # the hidden machines' limits differ from the plant's by more than the tolerance: a copied constant fails
    assert abs(limits["osf_limit_L"] / 11000 - 1) > 0.06
    assert abs(limits["pwf_high"] / 9000 - 1) > 0.06
    assert abs(limits["pwf_low"] / 3500 - 1) > 0.06


def test_the_hidden_label_sets_are_imbalanced_and_include_a_model_below_the_baseline() -> None:
    sets = [s for seed in range(1, 6) for s in checks.hidden_labels(seed)]
    beats = [checks.true_metrics(t, p)["beats_baseline"] for _, t, p in sets]
    assert 0 < sum(beats) < len(beats)
    for _, y_true, _ in sets:
        assert 0.94 < 1 - sum(y_true) / len(y_true) < 0.995


def test_the_reference_answers_pass_on_the_students_own_data() -> None:
    """(Speed is measured by benchmarks/checks.py, not asserted here.)"""
    parts = failure_modes.own_parts()
    assert factorylab.check(failure_modes.explore, "failure_modes", parts=parts).passed
    assert factorylab.check(metrics_by_hand.metrics, "metrics_by_hand").passed


@pytest.mark.parametrize("lang", ["", ".en"])
def test_the_teacher_pack_lists_every_wrong_answer(lang: str) -> None:
    text = (REPO / "docs" / "labs" / f"cnc_data{lang}.md").read_text(encoding="utf-8")
    for catalogue in (failure_modes, metrics_by_hand):
        for wrong in catalogue.WRONG:
            assert f"`{wrong.code}`" in text, (catalogue.CHECK, wrong.code)
    assert get_lab("cnc_data").checks == ("failure_modes", "metrics_by_hand")


def test_the_teacher_packs_expected_numbers_for_seed_1() -> None:
    raw = failure_modes.own_parts()  # the lab's shift: seed 1, 3 hours, tools run to failure
    parts = checks.machined(raw)
    assert len(parts) == 2386
    found = failure_modes.explore(parts)
    expected = {"TWF": 1.17, "HDF": 1.17, "PWF": 1.17, "OSF": 1.26, "RNF": 0.17}
    for mode, value in expected.items():
        assert round(found[mode], 2) == value, mode
    assert round(found["osf_limit_L"]) == 11021
    assert round(found["pwf_low"]) == 3497 and round(found["pwf_high"]) == 9245
    assert factorylab.check(failure_modes.explore, "failure_modes", parts=raw).passed
    y_true = parts["machine_failure"].tolist()
    y_pred = (parts["tool_wear"] > 200).astype(int).tolist()
    m = checks.true_metrics(y_true, y_pred)
    assert (m["tp"], m["fp"], m["fn"], m["tn"]) == (52, 172, 56, 2106)
    assert round(m["baseline"], 3) == 0.955 and round(m["accuracy"], 3) == 0.904
    assert (round(m["precision"], 3), round(m["recall"], 3), round(m["f1"], 3)) == (0.232, 0.481, 0.313)
    assert m["beats_baseline"] == 0.0
