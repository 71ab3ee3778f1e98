"""Every dataset seed the course names is fit for teaching: failure rate, modes, tool life, quality bands.

The seeds are found in the docs, the labs, the curriculum and the README (``factorylab dataset ... --seed N``
and ``dataset.generate(..., seed=N)``), so a seed added to a page is tested without editing this file.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pytest

from factorylab.control.reference import ToolPolicy
from factorylab.data import dataset
from factorylab.plant.cnc import DIAMETER_TOLERANCE, NOMINAL_DIAMETER, WEAR_LIMIT_RANGE, WEAR_PER_PART
from factorylab.plant.inspection import HARDNESS_LIMITS
from tests.conftest import REPO

AI4I_MODES = ("TWF", "HDF", "PWF", "OSF", "RNF")
COMMAND = re.compile(r"factorylab dataset\b[^\n]*?--seed[ =](\d+)")
CALL = re.compile(r"generate\([^)]*\bseed\s*=\s*(\d+)")


def named_seeds() -> list[int]:
    """The seeds the course's pages, labs and README give for datasets."""
    seeds: set[int] = set()
    places = [REPO / "README.md", *(REPO / "docs").rglob("*.md"), *(REPO / "docs").rglob("*.sh")]
    places += [*(REPO / "docs").rglob("*.py"), *(REPO / "labs").rglob("*.py"), *(REPO / "curriculum").rglob("*")]
    for path in places:
        if path.is_file() and path.suffix in (".md", ".sh", ".py", ".yaml", ".yml", ".ipynb"):
            text = path.read_text(encoding="utf-8")
            seeds.update(int(n) for n in COMMAND.findall(text))
            seeds.update(int(n) for n in CALL.findall(text) if "dataset" in text)
    return sorted(seeds)


def test_the_course_names_at_least_the_readme_seed() -> None:
    assert 1 in named_seeds()  # README: factorylab dataset --scenario line --hours 8 --seed 1


@cache
def shift(seed: int, policy: str, hours: float = 8.0) -> dataset.Dataset:
    return dataset.generate("line", hours=hours, seed=seed, tool_policy=policy)


def machined(data: dataset.Dataset) -> list[dict]:
    return [row for row in data.parts if row["torque"] is not None]


def mode_counts(rows: list[dict]) -> Counter:
    return Counter(mode for row in rows if row["machine_failure"] == 1 for mode in (*AI4I_MODES, "TBF") if row[mode])


@pytest.mark.parametrize("seed", named_seeds())
def test_a_named_seed_gives_a_shift_fit_for_teaching(seed: int) -> None:
    data = shift(seed, "mixed")
    rows = machined(data)
    failures = sum(1 for row in rows if row["machine_failure"] == 1)
    rate = 100.0 * failures / len(rows)
    assert 1.0 <= rate <= 6.0, f"seed {seed}: {rate:.1f} % machine failures"
    modes = mode_counts(rows)
    missing = [mode for mode in AI4I_MODES if modes[mode] == 0]
    assert not missing, f"seed {seed}: no {missing} failures ({dict(modes)})"
    assert data.description["generator"]["tool_policy"] == "mixed"
    # no tool runs past its life: a part starts machining below the highest life, plus one part's wear
    top = WEAR_LIMIT_RANGE[1] + max(WEAR_PER_PART.values()) * 1.5
    assert max(row["tool_wear"] for row in rows) <= top
    for row in rows:  # a tool at or past its life fails on the part it starts
        if row["tool_wear"] >= WEAR_LIMIT_RANGE[1]:
            assert row["TWF"] == 1, row
    # quality within the stated bands: diameter near 20.00 mm unless ruined, hardness up to 52 HRC
    intact = [row for row in rows if row["machine_failure"] == 0]
    assert all(abs(row["dimension"] - NOMINAL_DIAMETER) < 2 * DIAMETER_TOLERANCE for row in intact)
    in_spec = sum(1 for row in intact if abs(row["dimension"] - NOMINAL_DIAMETER) <= DIAMETER_TOLERANCE)
    assert in_spec / len(intact) >= 0.97
    late = [row for row in data.parts if row["hardness"] is not None and row["fed_at"] >= 1800.0]
    hard_ok = sum(1 for row in late if HARDNESS_LIMITS[0] <= row["hardness"] <= HARDNESS_LIMITS[1])
    assert hard_ok / len(late) >= 0.95
    assert all(20.0 <= row["hardness"] <= HARDNESS_LIMITS[1] for row in data.parts if row["hardness"] is not None)


@pytest.mark.parametrize("seed", named_seeds())
def test_run_to_failure_ends_every_tool_in_a_tool_wear_failure(seed: int) -> None:
    data = shift(seed, "run-to-failure", 3.0)
    rows = machined(data)
    modes = mode_counts(rows)
    assert modes["TWF"] >= 20
    changes = sum(
        1
        for before, after in zip(data.machines, data.machines[1:], strict=False)
        if after["cnc_tool_wear"] < before["cnc_tool_wear"]
    )
    assert abs(changes - modes["TWF"]) <= 2 + modes["TBF"]  # every change follows a worn-out (or broken) tool
    assert all(WEAR_LIMIT_RANGE[0] <= row["tool_wear"] for row in rows if row["TWF"])


@pytest.mark.parametrize("seed", named_seeds())
def test_a_fixed_policy_below_tool_life_gives_no_tool_wear_failures(seed: int) -> None:
    rows = machined(shift(seed, "fixed:150", 3.0))
    assert mode_counts(rows)["TWF"] == 0
    assert max(row["tool_wear"] for row in rows) < 150.0


@pytest.mark.parametrize("text", ["fixed", "fixed:", "fixed:abc", "fixed:0", "fixed:inf", "sometimes", ""])
def test_a_wrong_tool_policy_is_told_before_any_run(text: str) -> None:
    from factorylab.errors import FactoryLabError

    with pytest.raises(FactoryLabError) as caught:
        dataset.generate("line", hours=200, seed=1, tool_policy=text)  # would take minutes if it ran
    assert "tool policy" in caught.value.en or "fixed:" in caught.value.en


def test_mixed_draws_each_tool_from_its_own_seeded_stream() -> None:
    import random

    one = ToolPolicy.parse("mixed", random.Random(5))
    two = ToolPolicy.parse("mixed", random.Random(5))
    draws = [one.next_change() for _ in range(200)]
    assert draws == [two.next_change() for _ in range(200)]
    assert all(ToolPolicy.MIXED_RANGE[0] <= d < ToolPolicy.MIXED_RANGE[1] for d in draws)
    assert str(ToolPolicy.parse(" Fixed:190 ")) == "fixed:190" and str(ToolPolicy.parse("run-to-failure")) == (
        "run-to-failure"
    )
