"""The reference controllers: pulses that are repeated while needed, recovery from tool trouble, the line's bands."""

from __future__ import annotations

import pytest

from factorylab.control import reference
from factorylab.control.line import LocalLine
from factorylab.plant import Plant, load_scenario
from factorylab.plant import cnc as cnc_model
from factorylab.plant.scenario import FaultSettings, RandomFault

#: the bands the docs state for the full line under the reference controller (benchmarks/reference_line.py)
WARM_UP = 1800.0  # s
DEFECTS_MAX = 5.0  # % of the parts finished from WARM_UP on
OEE_BAND = (60.0, 85.0)  # % at 1 h


def test_a_pulse_gives_an_edge_at_once_and_again_while_still_needed() -> None:
    pulse = reference.Pulse(width=0.5, every=3.0)
    times = [i * 0.5 for i in range(14)]
    needed = [t < 5.0 or t >= 6.0 for t in times]
    out = [pulse(n, t) for n, t in zip(needed, times, strict=True)]
    on_at = [t for t, o in zip(times, out, strict=True) if o]
    # on at 0 and 3 (repeated), off while not needed (5.0, 5.5), at once again when needed anew (6.0)
    assert on_at == [0.0, 3.0, 6.0]
    with pytest.raises(ValueError):
        reference.Pulse(width=1.0, every=1.0)


def drive(plant: Plant, controller, seconds: float, line: LocalLine | None = None) -> LocalLine:
    line = line or LocalLine(plant)
    for _ in range(round(seconds / plant.dt)):
        controller(line, plant.time)
        plant.step()
    return line


CONTROLLERS = {
    "line": lambda line: reference.make_line_controller(),
    "cnc": lambda line: reference.make_cnc_controller(),
    "demo_line": lambda line: reference.make_demo_controller(line, wait_for_oven=False),
    "demo_cnc": lambda line: reference.make_demo_controller(line),
}


@pytest.mark.parametrize("name", list(CONTROLLERS))
def test_a_breakage_during_a_tool_change_is_recovered_and_the_tool_changed(name: str) -> None:
    """The bug of the issue: a breakage during a change used to cancel it, and a held command never retried."""
    plant = Plant("cnc" if name.endswith("cnc") else "line", seed=1)
    line = LocalLine(plant)
    controller = CONTROLLERS[name](line)
    for _ in range(round(900.0 / plant.dt)):  # until the first tool change starts
        controller(line, plant.time)
        plant.step()
        if plant.cnc.tool_changing:
            break
    assert plant.cnc.tool_changing and plant.cnc.tool_wear >= 190.0
    plant.advance(10.0)
    plant.inject_fault("tool_breakage")
    drive(plant, controller, 60.0, line)
    cnc = plant.cnc
    assert cnc.tool_changes == 1 and cnc.tool_wear < 50.0 and not cnc.tool_change_required
    machined = cnc.parts_machined
    drive(plant, controller, 20.0, line)
    assert cnc.parts_machined > machined


def test_under_frequent_tool_breakage_the_reference_line_never_runs_a_tool_to_failure() -> None:
    base = load_scenario("line")
    faults = FaultSettings(random={"tool_breakage": RandomFault(rate=30.0)})
    plant = Plant(base.model_copy(update={"faults": faults}), seed=1)
    controller = reference.make_line_controller()
    line = LocalLine(plant)
    stuck = longest = 0.0
    for _ in range(round(3600.0 / plant.dt)):
        controller(line, plant.time)
        plant.step()
        waiting = plant.cnc.state in (cnc_model.FAILED, cnc_model.TOOL_REQUIRED)
        stuck = stuck + plant.dt if waiting else 0.0
        longest = max(longest, stuck)
    breakages = [f for f in plant.faults.log if f.kind == "tool_breakage"]
    assert len(breakages) > 15
    parts = list(plant.finished_parts) + plant.parts
    assert not [p for p in parts if p.failure_modes and "TWF" in p.failure_modes]
    assert sum(1 for p in parts if p.failure_modes and "TBF" in p.failure_modes) >= 5  # the label is recorded
    assert longest < 2.0  # reset and tool change asked for within a slow-task period or two
    assert plant.cnc.tool_changes > 10


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_reference_line_meets_the_bands_the_docs_state(seed: int) -> None:
    plant = Plant("line", seed=seed)
    controller = reference.make_line_controller()
    line = LocalLine(plant)
    production = plant.production
    drive(plant, controller, 900.0, line)
    early_soft = production.defects_soft
    drive(plant, controller, WARM_UP - 900.0, line)
    finished, good = production.finished, production.parts_good
    drive(plant, controller, 3600.0 - WARM_UP, line)
    late = production.finished - finished
    late_defects = late - (production.parts_good - good)
    assert late > 350
    assert 100.0 * late_defects / late <= DEFECTS_MAX
    assert OEE_BAND[0] <= production.oee <= OEE_BAND[1]
    assert early_soft == 0  # the feeder waits for a hot oven: no soft parts while it warms up
    assert production.defects_soft == 0 and production.defects_overheated == 0
