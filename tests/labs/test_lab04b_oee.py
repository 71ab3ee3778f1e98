"""Lab 4-2 (OEE, six big losses, dashboard): the shift holds what the lab says (a break, a jam, a broken tool,
tool changes, start-up scrap only after a start), the checks' truths are the plant's own figures, the hidden
snapshots cover every line state, and the teacher pack lists every wrong answer of the lab's catalogues."""

from __future__ import annotations

import re
from functools import cache

import pytest

import factorylab
from factorylab.control.checks import get
from factorylab.labs.lab04b_oee_checks import (
    SHIFT_KEYS,
    Losses,
    hidden_snapshots,
    shift_controller,
    shift_line,
    shift_plan,
    true_figures,
)
from tests.conftest import REPO
from tests.control.checks.answers import dashboard, oee_shift, six_losses

PACKS = [REPO / "docs" / "labs" / "oee.md", REPO / "docs" / "labs" / "oee.en.md"]
SEEDS = [1, 2, 3]


@cache
def shift(seed: int):
    """The lab's shift on ``seed``: (line, result)."""
    line = shift_line(seed)
    result = factorylab.run(shift_controller(), line, seconds=3600, record=["production.state", "cnc.state"])
    return line, result


@pytest.mark.parametrize("seed", SEEDS)
def test_the_shift_has_a_break_a_jam_a_broken_tool_and_tool_changes(seed: int) -> None:
    line, result = shift(seed)
    plan = shift_plan(seed)
    k = result.kpis
    assert k["stop_time"] == pytest.approx(plan["start"] + 600.0, abs=0.5)  # before the start and the break
    labels = set(result.faults["label"])
    assert {"jam", "tool_breakage"} <= labels
    assert (result.events.kind == "overload_trip").any() or k["down_time"] > 0
    changes = ((result.history["production.state"] == 4) & (result.history["cnc.state"] == 4)).sum()
    assert changes >= 60  # at least two 30 s tool changes
    # start-up scrap: every soft part was fed in the 10 minutes after the shift's start, or was left in the line
    # when the break began (fed up to 2 minutes before it), or was fed in the 10 minutes after the break
    windows = [(plan["start"], plan["start"] + 600.0), (plan["break_at"] - 120.0, plan["break_end"] + 600.0)]
    soft = [p for p in line.plant.finished_parts if p.defects and p.defects[0] == "soft"]
    assert soft, "the shift must make start-up scrap"
    for part in soft:
        fed = part.history[0][0]
        assert any(begin <= fed <= end for begin, end in windows), fed


def test_the_shifts_differ_by_seed() -> None:
    plans = [shift_plan(seed) for seed in range(1, 8)]
    for key in ("break_at", "jam_at", "breakage_at"):
        values = sorted(plan[key] for plan in plans)
        assert values[-1] - values[0] >= 4.0, key  # at least +-2 s apart
    assert {plan["jam_belt"] for plan in plans} == {"conveyor1", "conveyor2"}


@pytest.mark.parametrize("seed", SEEDS)
def test_oee_shift_truth_is_the_plant_s_own_figures(seed: int) -> None:
    line, result = shift(seed)
    snapshot = line.snapshot()
    k = {key: snapshot[f"production.{key}"] for key in SHIFT_KEYS}
    figures = true_figures(k)
    for name, value in figures.items():
        assert value == pytest.approx(snapshot[f"production.{name}"], abs=0.1)
        assert value == pytest.approx(result.kpis[name], abs=0.1)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_losses_add_up_to_planned_minus_fully_productive_time(seed: int) -> None:
    _, result = shift(seed)
    losses = Losses(result)
    k = result.kpis
    assert sum(losses.truth.values()) == pytest.approx(k["planned_time"] - k["ideal_cycle_time"] * k["good"], abs=0.5)
    assert all(value >= 0 for value in losses.truth.values()), losses.truth
    assert losses.truth["startup"] > 0 and losses.truth["setup"] > 0


def test_hidden_snapshots_cover_every_state_and_start_at_zero() -> None:
    for seed in (1, 2, 3):
        shots = dict(hidden_snapshots(seed))
        states = {name: shot["production.state"] for name, shot in shots.items()}
        assert states == {"start": 0, "warming_up": 2, "running": 1, "down": 4, "stopped": 0, "estop": 3}, states
        start = shots["start"]
        assert start["production.parts_out"] == start["production.run_time"] == start["production.oee"] == 0
        assert shots["running"]["production.oee"] > 0


@pytest.mark.parametrize("name", ["oee_shift", "six_losses", "dashboard"])
def test_each_reference_passes_after_its_caches_are_cleared(name: str) -> None:
    """(Speed is measured by benchmarks/checks.py, not asserted in tests.)"""
    catalogue = {"oee_shift": oee_shift, "six_losses": six_losses, "dashboard": dashboard}[name]
    from tests.control.checks.catalogue import submit

    get(name)  # load the registry first
    submit(name, catalogue.REFERENCE)  # warm caches made once per session (the catalogue's own run)
    hidden_snapshots.cache_clear()
    assert submit(name, catalogue.REFERENCE).passed


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_the_pack_lists_every_wrong_answer_the_checks_recognise(pack) -> None:
    text = pack.read_text(encoding="utf-8")
    for module in (oee_shift, six_losses, dashboard):
        for wrong in module.WRONG:
            assert re.search(rf"`{re.escape(wrong.code)}`", text), f"{pack.name} lacks {wrong.code}"
        assert f"`{module.CHECK}`" in text


def test_oee_shift_cannot_be_read_from_the_plant_or_the_check() -> None:
    """The plant's own formula (read as line.production.*) is ``plant_formula``, the check's truth called
    directly is ``asked_the_check``, and the caller's frames hold no truth of a hidden shift while the answer runs."""
    import inspect

    line, _ = shift(1)

    def from_the_check(k):
        return true_figures(k)

    def from_the_line(k):
        return {name: getattr(line.production, name) for name in ("availability", "performance", "quality", "oee")}

    def from_the_frames(k):
        frame = inspect.currentframe().f_back
        while frame is not None:
            for value in frame.f_locals.values():
                if isinstance(value, dict) and "oee" in value and "availability" in value:
                    return dict(value)
                if isinstance(value, list):
                    for item in value:
                        for part in item if isinstance(item, tuple) else (item,):
                            if isinstance(part, dict) and "oee" in part and "availability" in part:
                                return dict(part)
            frame = frame.f_back
        return {}

    result = factorylab.check(from_the_check, "oee_shift", line=line)
    assert result.codes[0] == "asked_the_check", result.message("en")  # the guard of every value check
    result = factorylab.check(from_the_line, "oee_shift", line=line)
    assert result.codes[0] == "plant_formula", result.message("en")
    assert "production.oee" in result.findings[0].ko
    assert not factorylab.check(from_the_frames, "oee_shift").passed
    assert not factorylab.check(from_the_frames, "oee_shift", line=line).passed


def test_six_losses_knows_all_down_time_as_set_up_inside_the_tolerance() -> None:
    """Seed 2's breakdowns are under 15 s (the split's tolerance): all the down time as set-up is still wrong."""
    _, result = shift(2)
    right = six_losses.losses_by_history(result)
    assert right["breakdown"] < 15.0
    wrong = dict(right, breakdown=0.0, setup=result.kpis["down_time"])
    assert factorylab.check(wrong, "six_losses", result=result).codes[0] == "down_as_setup"
    assert factorylab.check(right, "six_losses", result=result).passed
    assert factorylab.check(six_losses.by_tool_change_count(result), "six_losses", result=result).passed


def test_six_losses_takes_only_a_run_of_the_shift() -> None:
    from factorylab.control.reference import make_line_controller

    line = factorylab.connect(scenario="line", seed=1)
    short = factorylab.run(make_line_controller(), line, seconds=600, record=["production.state", "cnc.state"])
    assert short.kpis["parts_out"] > 0
    with pytest.raises(factorylab.errors.FactoryLabError, match="휴식이나 공구 교환"):
        factorylab.check(six_losses.losses_by_history(short), "six_losses", result=short)


def test_the_catalogues_run_no_shift_when_imported() -> None:
    import subprocess
    import sys

    code = (
        "import factorylab.labs.lab04b_oee_checks as c\n"
        "def no(*a, **k): raise AssertionError('a shift ran at import')\n"
        "c.shift_line = no\n"
        "from tests.control.checks.answers import oee_shift, six_losses\n"
        "[w.id for w in oee_shift.WRONG + six_losses.WRONG]\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
