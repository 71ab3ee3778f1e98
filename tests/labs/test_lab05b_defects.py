"""Lab 5-2 (defects): the checks' truths are the plant's, the troubled shift holds what the exercise asks about,
the hidden runs of ``fix_defects`` differ, the lab starts from settings that fail, and the teacher pack lists
every wrong answer the lab's checks recognise."""

from __future__ import annotations

import statistics

import pandas as pd
import pytest

import factorylab
from factorylab.errors import FactoryLabError
from factorylab.lab import get as get_lab
from factorylab.labs import lab05b_defects_checks as checks
from factorylab.plant import cnc, inspection, oven
from tests.conftest import REPO
from tests.control.checks.answers import cp_cpk, defect_causes, fix_defects


def test_the_spec_limits_are_the_plants_and_the_tag_tables() -> None:
    assert checks.DIAMETER_LSL == pytest.approx(cnc.NOMINAL_DIAMETER - cnc.DIAMETER_TOLERANCE) == pytest.approx(19.9)
    assert checks.DIAMETER_USL == pytest.approx(20.1)
    assert checks.HARDNESS_MIN == oven.HARDNESS_MIN == inspection.HARDNESS_LIMITS[0] == 42.0
    line = factorylab.connect(scenario="line")
    assert "20.00 ± 0.10 mm" in line.info("inspection.dimension").tag.description_ko
    assert "42" in line.info("inspection.hardness").tag.description_ko


def test_the_hidden_data_sets_follow_the_plants_diameter_rule() -> None:
    rng = __import__("random").Random(5)
    worn = checks._diameters(rng, 170.0, 400)
    # about 2.9 min of wear a part: the mean wear of 400 parts is 170 + 200 x 2.9 min
    expected = cnc.NOMINAL_DIAMETER + cnc.WEAR_GROWTH * (170.0 + 199.5 * 3.0)
    assert statistics.mean(worn) == pytest.approx(expected, abs=0.02)
    # the within-subgroup sigma is the machining and gauge noise combined
    fresh = checks._diameters(rng, 0.0, 2000)
    combined = (cnc.DIAMETER_SD**2 + inspection.DIMENSION_NOISE**2) ** 0.5
    assert checks.sigma_within(fresh) == pytest.approx(combined, rel=0.1)


def test_capability_truth_on_a_real_shift_and_the_worn_tool_loses_cpk_not_cp() -> None:
    s = cp_cpk.samples()
    fresh_cp, worn_cp = checks.true_cp(s["fresh"], 19.9, 20.1), checks.true_cp(s["worn"], 19.9, 20.1)
    fresh_cpk, worn_cpk = checks.true_cpk(s["fresh"], 19.9, 20.1), checks.true_cpk(s["worn"], 19.9, 20.1)
    assert abs(fresh_cp - worn_cp) < 0.5 * fresh_cp  # the spread stays
    assert worn_cpk < 1.0 < 1.33 < fresh_cpk  # the mean moves towards USL
    assert checks.true_cpk(s["hardness"], 42.0, None) > 1.33
    # the overall sigma of a worn tool's data is larger than the within-subgroup one (drift): Ppk < Cpk
    assert checks._overall_cpk(s["worn"], 19.9, 20.1) < worn_cpk


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_troubled_shift_holds_soft_parts_from_a_cold_oven_and_dimension_defects_from_dry_machining(seed) -> None:
    parts, machines = checks.defect_shift(seed=seed)
    shares = checks.shares(parts, machines)
    soft = parts[parts["defect_cause"] == "soft"]
    assert len(soft) >= 50
    assert (soft["peak_temperature"] < checks.COLD_PEAK).mean() > 0.9  # soft parts were not heated enough
    assert shares["soft_share_cold"] > 50
    assert machines["oven_heater"].max() == pytest.approx(100.0)  # the PI at full power while the oven cooled
    assert shares["_dry_count"] >= 20 and machines["tank_level"].min() < checks.DRY_LEVEL
    dry = checks.tank_level_at_cnc(parts, machines) < checks.DRY_LEVEL
    assert shares["dimension_share_dry"] > 2 * (parts[~dry]["defect_cause"] == "dimension").mean() * 100


def test_the_hidden_runs_of_fix_defects_differ_and_repeat() -> None:
    plants = [checks.hidden_plant(seed, run) for run, seed in enumerate([11, 12, 13, 14, 15], start=1)]
    wear = [p.cnc.tool_wear for p in plants]
    drift = [p.oven.temperature_drift for p in plants]
    assert max(wear) - min(wear) > 30 and len(set(drift)) >= 4
    again = checks.hidden_plant(13, 3)
    assert (again.cnc.tool_wear, again.oven.temperature_drift, again.oven.health) == (
        plants[2].cnc.tool_wear,
        plants[2].oven.temperature_drift,
        plants[2].oven.health,
    )


def test_the_lab_starts_from_settings_that_fail() -> None:
    start = {"oven_setpoint": 250, "dwell": 40, "tool_change_wear": 230}
    result = factorylab.check(start, "fix_defects")
    assert not result.passed and result.codes[0] == "overheated"


@pytest.mark.parametrize("lang", ["", ".en"])
def test_the_teacher_pack_lists_every_wrong_answer(lang: str) -> None:
    text = (REPO / "docs" / "labs" / f"defects{lang}.md").read_text(encoding="utf-8")
    for catalogue in (cp_cpk, defect_causes, fix_defects):
        for wrong in catalogue.WRONG:
            assert f"`{wrong.code}`" in text, (catalogue.CHECK, wrong.code)
    assert get_lab("defects").checks == ("cp_cpk", "defect_causes", "fix_defects")


def test_defect_causes_judges_the_tables_defect_shift_made_not_the_ones_passed() -> None:
    parts, machines = defect_causes.tables()
    assert parts.attrs["defect_shift"] == machines.attrs["defect_shift"] == {"seed": 2, "minutes": 60.0}
    answer = defect_causes.REFERENCE.answer
    # rows re-ordered and a column added: still the same tables
    result = factorylab.check(answer, "defect_causes", parts=parts.sort_values("peak_temperature"), machines=machines)
    assert result.passed, result.message("en")
    # the cold rows only: changed
    cold = parts[parts["peak_temperature"] < checks.COLD_PEAK]
    result = factorylab.check(answer, "defect_causes", parts=cold, machines=machines)
    assert result.codes == ["changed_tables"]
    # tables rebuilt without the stamp cannot be judged
    with pytest.raises(FactoryLabError):
        factorylab.check(answer, "defect_causes", parts=pd.DataFrame(parts.to_dict("list")), machines=machines)
