"""Belts, photo-eyes, queues, hand-over and motor current."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factorylab.plant import Plant, layout
from factorylab.plant.plant import IDLE, RUNNING

from .helpers import run_until, start_line


def blocked_ticks(plant: Plant, eye: str, conveyor: str = "conveyor1") -> tuple[int, int]:
    """Wait for the next part to block ``eye``; return (ticks blocked, part id)."""
    belt = getattr(plant, conveyor)
    sensor = belt.photo_eyes[eye]
    run_until(plant, lambda p: not sensor.blocked, 60)
    run_until(plant, lambda p: sensor.blocked, 60)
    part = plant.track.covers(sensor.position)
    ticks = 0
    while sensor.blocked:
        ticks += 1
        plant.step()
    return ticks, part.id


@settings(max_examples=25, deadline=None)
@given(speed=st.integers(min_value=20, max_value=100), seed=st.integers(min_value=0, max_value=10_000))
def test_photo_eye_blocked_time_is_length_over_speed(speed: int, seed: int) -> None:
    plant = Plant("conveyor", seed=seed)
    start_line(plant, speed=speed, interval=20.0)
    ticks, part_id = blocked_ticks(plant, "photo_eye_exit")
    part = plant.part(part_id)
    expected = part.length / (layout.BELT_MAX_SPEED * speed / 100)
    assert abs(ticks * plant.dt - expected) <= plant.dt + 1e-9


def test_photo_eye_reads_zero_without_parts() -> None:
    plant = Plant("conveyor", seed=0)
    plant.conveyor1.run = plant.conveyor2.run = True
    plant.advance(5.0)
    assert not plant.conveyor1.photo_eye_infeed
    assert not plant.conveyor1.photo_eye_exit
    assert not plant.conveyor2.photo_eye_exit


def test_parts_stop_when_the_belt_stops() -> None:
    plant = Plant("conveyor", seed=2)
    start_line(plant)
    run_until(plant, lambda p: any(part.location == "conveyor1" and part.lead > 400 for part in p.parts))
    plant.conveyor1.run = False
    plant.feeder.run = False
    before = {part.id: part.lead for part in plant.parts if part.location == "conveyor1"}
    plant.advance(3.0)
    after = {part.id: part.lead for part in plant.parts if part.id in before}
    assert before and after == before
    assert plant.conveyor1.belt_speed == 0.0 and not plant.conveyor1.running


def test_parts_queue_without_overlap_when_the_outfeed_is_blocked() -> None:
    plant = Plant("conveyor", seed=3)
    plant.outfeed_blocked = True
    start_line(plant, speed=100, interval=1.0)
    for _ in range(round(120 / plant.dt)):
        plant.step()
        parts = plant.parts
        for ahead, behind in zip(parts, parts[1:], strict=False):
            assert behind.lead <= ahead.tail + 1e-9, (ahead, behind)
        assert not parts or parts[0].lead <= plant.track.length + 1e-9
    assert plant.production.parts_out == 0
    # the queue has filled the line up to the feeder, which now waits
    count = plant.production.parts_in
    plant.advance(10.0)
    assert plant.production.parts_in == count
    assert plant.production.state == IDLE
    assert plant.conveyor2.photo_eye_exit  # the front part sits in the exit beam
    # clear the outfeed: the queue flows out again
    plant.outfeed_blocked = False
    plant.advance(30.0)
    assert plant.production.parts_out > 5
    assert plant.production.state == RUNNING


def test_parts_hand_over_from_conveyor1_to_conveyor2() -> None:
    plant = Plant("conveyor", seed=4)
    start_line(plant, interval=30.0)
    run_until(plant, lambda p: p.production.parts_out == 1, 60)
    part = plant.finished_parts[0]
    places = [place for _, place in part.history]
    assert places == ["conveyor1", "conveyor2", "outfeed"]
    t_handover = part.history[1][0]
    # the centre crosses 1200 mm at 200 mm/s: (1200 - length/2) / 200 s after placement
    t_fed = part.history[0][0]
    expected = (layout.CONVEYOR1_LENGTH - part.length / 2) / 200.0
    assert abs((t_handover - t_fed) - expected) <= 2 * plant.dt


def test_a_part_waits_at_the_boundary_when_conveyor2_is_stopped() -> None:
    plant = Plant("conveyor", seed=5)
    start_line(plant, interval=30.0)
    plant.conveyor2.run = False
    plant.advance(15.0)
    (part,) = plant.parts
    # pushed by conveyor1 until its centre reaches conveyor2, which does not move
    assert part.centre == pytest.approx(layout.CONVEYOR1_LENGTH, abs=10.0)
    lead = part.lead
    plant.advance(5.0)
    assert part.lead == lead
    plant.conveyor2.run = True
    plant.advance(1.0)
    assert part.lead > lead


def test_feeder_places_parts_at_its_interval_when_the_infeed_is_clear() -> None:
    plant = Plant("conveyor", seed=6)
    start_line(plant, interval=5.0)
    plant.advance(30.0)
    fed = [e.time for e in plant.events if e.kind == "part_fed"]
    assert fed[0] == pytest.approx(plant.dt)
    gaps = [b - a for a, b in zip(fed, fed[1:], strict=False)]
    assert all(gap == pytest.approx(5.0, abs=plant.dt + 1e-9) for gap in gaps)


def test_feeder_waits_while_the_infeed_is_blocked() -> None:
    plant = Plant("conveyor", seed=7)
    plant.feeder.run = True  # belts stay off: the first part sits under the chute
    plant.advance(20.0)
    assert plant.production.parts_in == 1
    assert plant.conveyor1.photo_eye_infeed


def test_part_types_follow_the_share_and_have_sane_sizes() -> None:
    plant = Plant("conveyor", seed=8)
    plant.feeder.type_b_share = 0.3
    start_line(plant, speed=100, interval=1.0)
    plant.advance(1200.0)
    parts = plant.finished_parts + plant.parts
    share_b = sum(p.kind == "B" for p in parts) / len(parts)
    assert len(parts) > 500
    assert 0.25 < share_b < 0.35
    for part in parts:
        spec = layout.PART_TYPES[part.kind]
        assert abs(part.length - spec["length"]) < 5
        assert part.colour == spec["colour"]


def test_motor_current_rises_with_load_and_slip() -> None:
    plant = Plant("conveyor", seed=9)
    plant.conveyor1.run = plant.conveyor2.run = True
    plant.advance(2.0)  # inrush gone
    empty = [plant.conveyor2.current for _ in range(40) if plant.step() is None]
    plant.outfeed_blocked = True
    plant.feeder.interval = 1.0
    plant.feeder.run = True
    plant.advance(60.0)  # conveyor2 carries a queue that slips on the belt
    loaded = [plant.conveyor2.current for _ in range(40) if plant.step() is None]
    assert min(loaded) > max(empty) + 0.5
    assert sum(empty) / len(empty) == pytest.approx(
        layout.MOTOR_IDLE_CURRENT + layout.MOTOR_SPEED_CURRENT * 0.8, abs=0.02
    )


def test_motor_current_has_an_inrush_and_is_zero_when_stopped() -> None:
    plant = Plant("conveyor", seed=10)
    assert plant.conveyor1.current == 0.0
    plant.conveyor1.run = True
    plant.step()
    first = plant.conveyor1.current
    plant.advance(2.0)
    assert first > plant.conveyor1.current + 1.0
    plant.conveyor1.run = False
    plant.step()
    assert plant.conveyor1.current == 0.0


def test_advance_needs_whole_time_steps() -> None:
    plant = Plant("conveyor", seed=0)
    with pytest.raises(ValueError):
        plant.advance(0.07)
    plant.advance(0.1)
    assert plant.tick == 2
    assert plant.time == pytest.approx(0.1)
