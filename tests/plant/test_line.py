"""Line state, counts and the time accounting OEE needs; scheduled actions."""

from __future__ import annotations

import pytest

from factorylab.plant import ESTOP, IDLE, RUNNING, STOPPED, Plant
from factorylab.plant.line import oee_figures
from factorylab.plant.scenario import Action, load_scenario

from .helpers import start_line


def test_times_add_up_to_the_simulated_time() -> None:
    plant = Plant("sorting", seed=0)
    plant.advance(5.0)
    assert plant.production.state == STOPPED
    plant.conveyor1.run = plant.conveyor2.run = True
    plant.advance(5.0)
    assert plant.production.state == IDLE  # belts run, nothing on them
    plant.feeder.run = True
    plant.advance(20.0)
    assert plant.production.state == RUNNING
    plant.panel.set_estop(True)
    plant.advance(5.0)
    assert plant.production.state == ESTOP
    line = plant.production
    assert line.run_time + line.idle_time + line.stop_time == pytest.approx(plant.time)
    assert line.stop_time == pytest.approx(10.0, abs=0.06)
    assert line.idle_time == pytest.approx(5.0, abs=0.06)


def test_counts_balance() -> None:
    plant = Plant("sorting", seed=5)
    start_line(plant, interval=2.0)
    plant.advance(300.0)
    line = plant.production
    assert line.parts_in == line.parts_out + line.parts_rejected + len(plant.parts)
    assert len(plant.finished_parts) == line.parts_out + line.parts_rejected
    # without sorting, every blue part is mis-sorted at the outfeed
    assert line.parts_missorted == sum(p.kind == "B" for p in plant.finished_parts)


def test_scenario_actions_press_buttons_and_block_the_outfeed() -> None:
    base = load_scenario("conveyor")
    scenario = base.model_copy(
        update={
            "actions": [
                Action(at=1.0, press="start"),
                Action(at=2.0, estop="pushed"),
                Action(at=3.0, outfeed="blocked"),
                Action(at=4.0, mode="manual"),
            ]
        }
    )
    plant = Plant(scenario, seed=0)
    starts = []
    for _ in range(round(5.0 / plant.dt)):
        plant.step()
        starts.append(plant.panel.start)
    assert any(starts)
    assert plant.panel.estop and not plant.panel.safety_ok
    assert plant.outfeed_blocked
    assert not plant.panel.auto


def test_part_lookup_and_history() -> None:
    plant = Plant("sorting", seed=1)
    start_line(plant)
    plant.advance(30.0)
    first = plant.part(1)
    assert first is not None and first.history[0][1] == "conveyor1"
    assert plant.part(10_000) is None


def test_oee_is_one_function_of_the_counters() -> None:
    figures = oee_figures(run_time=80.0, idle_time=10.0, finished=20, good=18, planned_time=100.0, ideal_cycle_time=4.0)
    assert figures == pytest.approx((90.0, 100.0 * 4.0 * 20 / 90.0, 90.0, 90.0 * (800 / 9) * 90.0 / 1e4))
    assert figures.availability == 90.0 and figures.quality == 90.0
    capped = oee_figures(run_time=10.0, idle_time=0.0, finished=5, good=5, planned_time=10.0, ideal_cycle_time=4.0)
    assert capped.performance == 100.0  # faster than ideal counts as 100 %
    nothing = oee_figures(run_time=0.0, idle_time=0.0, finished=0, good=0, planned_time=0.0, ideal_cycle_time=4.0)
    assert nothing == (0.0, 0.0, 0.0, 0.0)
    plant = Plant("sorting", seed=0)
    start_line(plant)
    plant.advance(60.0)
    line = plant.production
    assert line.figures() == oee_figures(
        run_time=line.run_time,
        idle_time=line.idle_time,
        finished=line.parts_out + line.parts_rejected,
        good=line.parts_good,
        planned_time=plant.time,
        ideal_cycle_time=line.ideal_cycle_time,
    )
    assert (line.availability, line.performance, line.quality, line.oee) == tuple(line.figures())
    assert line.oee > 0


@pytest.mark.parametrize("seed", [2, 7])
def test_the_event_log_follows_every_part_through_the_stations(seed: int) -> None:
    """fed -> cnc -> oven -> the next belt -> inspection -> out or rejected, at the times of the part's own history."""
    import factorylab
    from factorylab.control.reference import make_line_controller

    line = factorylab.connect(scenario="line", seed=seed)
    events = factorylab.run(make_line_controller(), line, seconds=900).events
    plant = line.plant
    finished = [part for part in plant.finished_parts if part.measured is not None]
    assert len(finished) >= 5
    stations = set(plant.scenario.stations)
    for part in finished:
        route = events[events.part == part.id]
        kinds = list(route.kind)
        assert kinds[0] == "part_fed" and kinds[-1] in ("part_out", "part_rejected"), kinds
        places = list(route[route.kind == "part_at"].detail)
        assert {"cnc", "oven", "inspection"} <= stations
        assert places == ["cnc", "oven", "conveyor2", "inspection"], (part.id, places)
        at = {place: t for t, place in part.history}
        for t, place in zip(route[route.kind == "part_at"].t, places, strict=True):
            assert t == pytest.approx(at[place]), (part.id, place)
        assert list(route.t) == sorted(route.t)
