"""Inspection measures with noise and judges by the specification; line KPIs."""

from __future__ import annotations

import statistics

import pytest

from factorylab.plant import Plant
from factorylab.plant import inspection as gauge

from .helpers import run_until, start_line


def run_cnc_line(seconds: float, seed: int = 1) -> Plant:
    plant = Plant("cnc", seed=seed)
    start_line(plant, interval=4.5)
    plant.cnc.run = True
    for _ in range(round(seconds / plant.dt)):
        plant.cnc.reset = plant.cnc.failed and not plant.cnc.reset
        # late changes: the last parts of each tool come out of spec
        plant.cnc.tool_change = plant.cnc.tool_wear >= 196 or plant.cnc.failure_modes & 1
        plant.step()
    return plant


def test_each_part_is_measured_once_with_gauge_noise() -> None:
    plant = run_cnc_line(1800.0)
    measured = [p for p in plant.finished_parts if p.measured is not None]
    assert len(measured) == plant.inspection.measured_count - sum(1 for p in plant.parts if p.measured)
    errors = [p.measured[0] - p.dimension for p in measured]
    assert statistics.fmean(errors) == pytest.approx(0.0, abs=0.001)
    assert statistics.stdev(errors) == pytest.approx(gauge.DIMENSION_NOISE, rel=0.15)
    weights = [p.measured[1] - p.weight * 1000 for p in measured]
    assert statistics.stdev(weights) == pytest.approx(gauge.WEIGHT_NOISE, rel=0.15)
    for part in measured:
        assert part.inspected_ok == (abs(part.measured[0] - 20.0) <= 0.10)  # no oven: hardness not judged
    assert any(not p.inspected_ok for p in measured) and any(p.inspected_ok for p in measured)


def test_the_verdict_mostly_agrees_with_the_truth() -> None:
    plant = run_cnc_line(3600.0, seed=2)
    measured = [p for p in plant.finished_parts if p.measured is not None]
    agree = sum((not p.defects) == p.inspected_ok for p in measured)
    assert agree / len(measured) > 0.97


def test_outputs_show_the_last_part_measured() -> None:
    plant = Plant("oven", seed=3)
    plant.oven.heater = 78.0
    plant.advance(900.0)
    start_line(plant, interval=6.0)
    plant.oven.gate = True
    run_until(plant, lambda p: p.inspection.measured_count == 1, 120)
    part = plant.part(plant.inspection.part_id)
    assert (plant.inspection.dimension, plant.inspection.weight, plant.inspection.hardness) == part.measured
    assert plant.inspection.reject == (not part.inspected_ok)
    assert part.defects == ["soft"] and plant.inspection.reject  # no dwell: under-treated


def test_kpis_add_up() -> None:
    plant = run_cnc_line(3600.0, seed=4)
    line = plant.production
    causes = line.defects_machining + line.defects_dimension + line.defects_overheated + line.defects_soft
    assert line.parts_good + causes == line.finished == len(plant.finished_parts)
    assert line.run_time + line.idle_time + line.stop_time + line.down_time == pytest.approx(plant.time)
    assert line.availability == pytest.approx(100 * (line.run_time + line.idle_time) / plant.time)
    assert line.quality == pytest.approx(100 * line.parts_good / line.finished)
    assert line.performance == pytest.approx(
        min(100.0, 100 * line.ideal_cycle_time * line.finished / (line.run_time + line.idle_time))
    )
    assert line.oee == pytest.approx(line.availability * line.performance * line.quality / 1e4)
    assert line.down_time > 0  # tool changes and failures
    assert 40 < line.oee < 100
