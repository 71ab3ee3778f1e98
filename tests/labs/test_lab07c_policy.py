"""Lab 7-3 (maintenance_policy): the anomaly shifts really hold their faults, the hidden shifts cover early and late
faults more than the allowed delay apart, the check judges what it claims (delay, false alarms, the future), the lab's
OSF chance is the plant's rule, and the teacher pack lists every wrong answer the lab's checks recognise."""

from __future__ import annotations

import pytest

import factorylab
from factorylab.control.checks.seeds import formative_seeds
from factorylab.control.checks.tool_change import overstrain_chance
from factorylab.lab import get as get_lab
from factorylab.labs import lab07c_policy_checks as checks
from tests.conftest import REPO
from tests.control.checks.answers import anomaly_detection

SEEDS = formative_seeds("anomaly_detection", checks.HIDDEN)


def _vibration_rise(table, belt: str, start: float) -> float:
    running = table[table[f"{belt}_running"].astype(bool)]
    before = running[(running["t"] < start) & (running["t"] > start - 300)][f"{belt}_vibration"].mean()
    after = running[running["t"] > start + 900][f"{belt}_vibration"].mean()
    return after - before


def test_the_lab_shift_holds_its_faults_and_its_pause() -> None:
    machines = checks.anomaly_shift(seed=1)
    faults = machines.attrs["faults"]
    belt, start = faults["bearing"]["target"], faults["bearing"]["start"]
    assert 15 * 60 <= start <= 30 * 60 and 15 * 60 <= faults["heater"]["start"] <= 30 * 60
    assert _vibration_rise(machines, belt, start) > 0.3  # mm/s: the bearing wears
    assert not machines["conveyor1_running"].iloc[30:60].all()  # the pause in the first 10 minutes
    # heater degradation: more heater after the fault than before at about the same temperature
    heater_start = faults["heater"]["start"]
    before = machines[(machines["t"] > heater_start - 300) & (machines["t"] < heater_start)]["oven_heater"].mean()
    after = machines[(machines["t"] > heater_start + 600) & (machines["t"] < heater_start + 900)]["oven_heater"].mean()
    assert after > before + 5.0


def test_the_hidden_shifts_cover_early_late_and_missing_faults() -> None:
    plans = [checks.hidden_shift(seed, index)[1] for index, seed in enumerate(SEEDS)]
    for kind in checks.KINDS:
        starts = [plan[f"{kind}_at"] for plan in plans if plan[f"{kind}_at"] is not None]
        # no single alarm time can be within MAX_DELAY after every start
        assert max(starts) - min(starts) > checks.MAX_DELAY
        assert any(plan[f"{kind}_at"] is None for plan in plans)
    mounts = [plan["mount"][plan["belt"]] for plan in plans]
    assert min(mounts) < 0.85 and max(mounts) > 1.5
    table, plan = checks.hidden_shift(SEEDS[1], 1)
    assert "faults" not in table.attrs  # the hidden tables carry no labels
    assert _vibration_rise(table, plan["belt"], plan["bearing_at"]) > 0.3


def test_the_reference_catches_every_fault_in_time_and_a_shifted_alarm_is_judged_late() -> None:
    result = factorylab.check(anomaly_detection.reference, "anomaly_detection")
    assert result.passed, result.codes

    def delayed(machines):
        alarms = anomaly_detection.reference(machines)
        return {"bearing": [t + 1500.0 for t in alarms["bearing"]], "heater": alarms["heater"]}

    result = factorylab.check(delayed, "anomaly_detection")
    assert not result.passed and result.codes[0] in ("late", "end_only", "missed")


def test_the_labs_osf_chance_is_the_plants_rule() -> None:
    namespace: dict = {}
    source = (REPO / "labs" / "lab07c_policy.py").read_text(encoding="utf-8")
    start = source.index("LIMITS = {")
    end = source.index("# %% [markdown]", start)
    exec(compile("import math\n" + source[start:end], "lab07c", "exec"), namespace)  # noqa: S102 - our own lab
    for wear in (120.0, 180.0, 210.0):
        for grade in "LMH":
            assert namespace["osf_chance"](wear, grade) == pytest.approx(overstrain_chance(wear, grade), rel=1e-6)


@pytest.mark.parametrize("lang", ["", ".en"])
def test_the_teacher_pack_lists_every_wrong_answer(lang: str) -> None:
    text = (REPO / "docs" / "labs" / f"maintenance_policy{lang}.md").read_text(encoding="utf-8")
    for wrong in anomaly_detection.WRONG:
        assert f"`{wrong.code}`" in text, wrong.code
    for code in ("changes_too_early", "level_held", "tool_wear_failure", "never_changed", "open_loop"):
        assert f"`{code}`" in text, code
    assert get_lab("maintenance_policy").checks == ("tool_change", "anomaly_detection")
