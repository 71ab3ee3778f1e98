"""Operator panel: E-stop latch and safety relay, buttons, stack light."""

from __future__ import annotations

import pytest

from factorylab.plant import ESTOP, Plant

from .helpers import start_line


def test_estop_cuts_power_and_latches_until_reset_after_release() -> None:
    plant = Plant("sorting", seed=0)
    start_line(plant)
    plant.advance(3.0)
    assert plant.conveyor1.running and plant.panel.safety_ok
    plant.panel.set_estop(True)
    plant.step()
    assert not plant.panel.safety_ok
    assert not plant.conveyor1.running and plant.conveyor1.belt_speed == 0
    assert plant.production.state == ESTOP
    # reset while the E-stop is still pushed in does nothing
    plant.panel.press("reset", plant.time)
    plant.advance(1.0)
    assert not plant.panel.safety_ok
    # releasing the E-stop alone does not restore power
    plant.panel.set_estop(False)
    plant.advance(1.0)
    assert not plant.panel.safety_ok and not plant.conveyor1.running
    # reset after release does
    plant.panel.press("reset", plant.time)
    plant.advance(0.5)
    assert plant.panel.safety_ok and plant.conveyor1.running
    kinds = [e.kind for e in plant.events if e.kind.startswith("safety")]
    assert kinds == ["safety_trip", "safety_reset"]


def test_reset_held_through_the_release_needs_a_fresh_press() -> None:
    plant = Plant("sorting", seed=0)
    plant.panel.set_estop(True)
    plant.step()
    plant.panel.hold("reset", True)
    plant.step()
    plant.panel.set_estop(False)
    plant.advance(1.0)
    assert not plant.panel.safety_ok  # a held (or stuck) reset button is not a reset
    plant.panel.hold("reset", False)
    plant.step()
    plant.panel.hold("reset", True)
    plant.step()
    assert plant.panel.safety_ok


def test_remote_estop_trips_and_clearing_it_does_not_release() -> None:
    plant = Plant("sorting", seed=0)
    plant.panel.remote_estop = True
    plant.step()
    assert not plant.panel.safety_ok
    plant.panel.remote_estop = False
    plant.advance(2.0)
    assert not plant.panel.safety_ok
    plant.panel.press("reset", plant.time)
    plant.advance(0.5)
    assert plant.panel.safety_ok


def test_the_pusher_and_feeder_lose_power_in_estop() -> None:
    plant = Plant("sorting", seed=0)
    plant.sorter.extend = True
    plant.feeder.run = True
    plant.panel.set_estop(True)
    plant.advance(2.0)
    assert plant.sorter.retracted  # spring return with the valve unpowered
    assert plant.production.parts_in == 0


def test_buttons_are_momentary() -> None:
    plant = Plant("sorting", seed=0)
    plant.panel.press("start", plant.time, duration=0.2)
    plant.step()
    assert plant.panel.start
    plant.advance(0.25)
    assert not plant.panel.start
    with pytest.raises(ValueError):
        plant.panel.press("launch", 0.0)


def test_safety_relay_can_start_tripped() -> None:
    from factorylab.plant.scenario import load_scenario

    scenario = load_scenario("sorting").model_copy(
        update={"safety": load_scenario("sorting").safety.model_copy(update={"reset_required_at_start": True})}
    )
    plant = Plant(scenario, seed=0)
    assert not plant.panel.safety_ok
    plant.panel.press("reset", 0.0)
    plant.step()
    assert plant.panel.safety_ok


def test_stack_light_and_display_are_plain_outputs() -> None:
    plant = Plant("conveyor", seed=0)
    plant.stack_light.green = True
    plant.panel.display = 42
    plant.advance(1.0)
    assert plant.stack_light.green and plant.panel.display == 42
