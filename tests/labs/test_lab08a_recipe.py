"""Lab 8-1 (recipe): the runs count what the plant finished, the hidden seeds' ovens differ, a hidden run can
overheat and stops early once it must fail, the bottleneck's hidden sets tell the capacity from the longest time,
Little's law's run has a queue, and the teacher pack lists every wrong answer the lab's checks recognise."""

from __future__ import annotations

import functools

import pytest

import factorylab
from factorylab.control.checks import get
from factorylab.control.checks.seeds import formative_seeds
from factorylab.lab import get as get_lab
from factorylab.labs import lab08a_recipe_checks as checks
from factorylab.plant import oven
from tests.conftest import REPO
from tests.control.checks.answers import bottleneck, oven_recipe


def test_the_limits_are_the_plants() -> None:
    assert checks.SAFE_SETPOINT == oven.OVERHEAT_LIMIT == 240.0
    assert checks.FEED_INTERVAL == 4.5
    assert checks.PARAMETER_SETS[0] == (4.0, oven.CAPACITY, 30.0, 4.5)


def test_the_hidden_seeds_ovens_differ() -> None:
    plants = [checks.recipe_plant(seed) for seed in formative_seeds("oven_recipe", 5)]
    drifts = [p.oven.temperature_drift for p in plants]
    healths = [p.oven.health for p in plants]
    assert max(drifts) - min(drifts) >= 3.0
    assert max(healths) - min(healths) >= 0.05
    assert min(drifts) < 0  # an oven whose thermocouple reads low: a setpoint near 240 °C overheats there


def test_a_run_counts_what_the_plant_finished_in_its_window() -> None:
    plant = checks.recipe_plant(1)
    counts = checks._run(220.0, 30.0, plant)
    start = plant.time - counts["seconds"]
    finished = [p for p in plant.finished_parts.since(0) if p.history[-1][0] >= start]
    assert counts["seconds"] == checks.MEASURE
    assert counts["finished"] == pytest.approx(len(finished), abs=1)
    soft = sum(1 for p in finished if p.defects and p.defects[0] == "soft")
    assert counts["soft"] == pytest.approx(soft, abs=1)
    assert 740 <= checks.figures(counts)[1] <= 800  # the feeder's 800 an hour, less a few stops


def test_a_setpoint_above_the_safe_range_really_scorches_parts() -> None:
    # the check refuses such a setpoint without a run: here the plant shows why
    counts = checks._run(250.0, 40.0, checks.recipe_plant(2))
    assert counts["overheated"] > 0.5 * counts["finished"]


def test_a_hidden_run_stops_once_it_must_fail() -> None:
    result = get("oven_recipe")
    rows = [oven_recipe.row(200, 30, 1), oven_recipe.row(200, 30, 2), oven_recipe.row(200, 40, 1)]
    verdict = result.judge({"setpoint": 200, "dwell": 30, "grid": rows}, formative_seeds("oven_recipe", 5), seed=1)
    assert verdict.codes == ["too_many_defects"]
    assert len(verdict.items) == 1  # the first hidden seed failed: no other seed ran
    counts = checks._run(200.0, 20.0, checks.recipe_plant(3), stop=lambda c: c["soft"] > 10)
    assert counts["stopped"] and counts["seconds"] < checks.MEASURE


def test_the_hidden_parameter_sets_tell_capacity_from_the_longest_time() -> None:
    truths = [checks.true_capacity(*a) for a in checks.PARAMETER_SETS]
    assert {t[0] for t in truths} == set(checks.STATIONS)
    longest = [max(zip(("cnc", "oven", "feeder"), (a[0], a[2], a[3]), strict=True), key=lambda x: x[1])[0]
               for a in checks.PARAMETER_SETS]  # fmt: skip
    assert sum(1 for t, s in zip(truths, longest, strict=True) if t[0] != s) >= 3


def test_littles_run_has_a_queue_so_arrivals_differ_from_output() -> None:
    c = bottleneck.counts()
    output, arrivals = c["finished"], c["parts_in"]
    assert arrivals > output * 1.05
    law = c["wip"] / (output * 3600 / c["seconds"]) * 3600
    assert 100 < law < 200  # s: the oven's 45 s, the queue before it, the belts and the CNC


def test_the_row_run_again_can_be_any_row_of_the_students_seed() -> None:
    # the teacher pack's seed means typed in as a table: only a re-run of a made-up row shows it, so every row of the
    # student's seed must be a candidate (not only the chosen point's, whose numbers the pack gives)
    points = [(s, d) for s in (200, 220, 240) for d in (20, 30, 40)]
    picked = set()
    for good in range(700, 800, 5):
        rows = [
            {"setpoint": s, "dwell": d, "seed": seed, "defects": 0.0, "good_per_hour": float(good + s + d)}
            for s, d in points
            for seed in (1, 2)
        ]
        mine = checks.row_to_verify(rows, 1, (220, 30))
        assert mine["seed"] == 1
        picked.add((mine["setpoint"], mine["dwell"]))
    assert len(picked) >= 6


def test_the_checks_own_capacity_or_a_lookup_of_its_sets_fails() -> None:
    table = {a: checks.true_capacity(*a) for a in checks.PARAMETER_SETS}

    def looked_up(cnc_cycle, oven_places, dwell, feeder_interval):
        return table[(cnc_cycle, oven_places, dwell, feeder_interval)]

    numbers = {"throughput": 552.0, "wip": 22.8, "lead_time": 149.0}
    for function in (checks.true_capacity, functools.partial(checks.true_capacity), functools.cache(looked_up)):
        result = factorylab.check({"capacity": function, **numbers}, "bottleneck", seed=1)
        assert not result.passed and result.codes[0] in ("asked_the_check", "function_error"), result.codes
    assert factorylab.check({"capacity": checks.true_capacity, **numbers}, "bottleneck", seed=1).codes == [
        "asked_the_check"
    ]
    sets = checks.extra_sets(bottleneck.capacity, [1])
    assert sets == checks.extra_sets(bottleneck.capacity, [1]) and not set(sets) & set(checks.PARAMETER_SETS)


@pytest.mark.parametrize("lang", ["", ".en"])
def test_the_teacher_pack_lists_every_wrong_answer(lang: str) -> None:
    text = (REPO / "docs" / "labs" / f"recipe{lang}.md").read_text(encoding="utf-8")
    for module in (oven_recipe, bottleneck):
        for wrong in module.WRONG:
            assert f"`{wrong.code}`" in text, wrong.code
    assert get_lab("recipe").checks == ("oven_recipe", "bottleneck")
