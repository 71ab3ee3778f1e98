"""The pusher only rejects a part that is in front of it."""

from __future__ import annotations

import pytest

from factorylab.plant import Plant, layout

from .helpers import run_until, start_line


def one_part_line(seed: int = 1, kind: str | None = None) -> Plant:
    """Sorting line with the feeder set so parts come one at a time."""
    plant = Plant("sorting", seed=seed)
    if kind is not None:
        plant.feeder.type_b_share = 1.0 if kind == "B" else 0.0
    start_line(plant, interval=30.0)
    return plant


def pusher_x(plant: Plant) -> float:
    return plant.sorter.position


def test_firing_when_the_photo_eye_sees_the_part_rejects_it() -> None:
    plant = one_part_line(kind="B")
    run_until(plant, lambda p: p.sorter.photo_eye)
    plant.sorter.extend = True
    run_until(plant, lambda p: p.sorter.extended, 2)
    plant.sorter.extend = False
    run_until(plant, lambda p: p.sorter.retracted, 2)
    assert plant.production.parts_rejected == 1
    assert plant.production.parts_missorted == 0
    part = plant.finished_parts[0]
    assert [place for _, place in part.history][-1] == "reject_bin"


def test_limit_switches_follow_the_stroke_time() -> None:
    plant = Plant("sorting", seed=0)
    assert plant.sorter.retracted and not plant.sorter.extended
    plant.sorter.extend = True
    ticks = run_until(plant, lambda p: p.sorter.extended, 2) / plant.dt
    assert ticks == pytest.approx(layout_stroke_ticks(plant), abs=1)
    plant.sorter.extend = False
    plant.step()
    assert not plant.sorter.extended and not plant.sorter.retracted
    run_until(plant, lambda p: p.sorter.retracted, 2)


def layout_stroke_ticks(plant: Plant) -> float:
    return plant.scenario.sorter.stroke_time / plant.dt


def test_firing_with_no_part_in_front_rejects_nothing() -> None:
    plant = one_part_line()
    run_until(plant, lambda p: any(part.lead > 300 for part in p.parts))
    plant.sorter.extend = True  # part still far upstream
    plant.advance(1.0)
    plant.sorter.extend = False
    run_until(plant, lambda p: p.production.parts_out == 1, 30)
    assert plant.production.parts_rejected == 0


def test_a_part_arriving_at_the_extended_head_waits_against_it() -> None:
    plant = one_part_line()
    plant.sorter.extend = True
    run_until(plant, lambda p: any(part.lead > pusher_x(p) - 200 for part in p.parts))
    plant.advance(3.0)
    (part,) = plant.parts
    assert part.lead == pytest.approx(pusher_x(plant) - layout.PUSHER_HEAD_WIDTH / 2)
    assert plant.production.state == 2  # idle: belts run, nothing moves
    plant.sorter.extend = False
    run_until(plant, lambda p: p.production.parts_out == 1, 30)
    assert plant.production.parts_rejected == 0


def test_a_part_clipped_by_the_head_is_knocked_clear_not_rejected() -> None:
    plant = one_part_line()
    # fire when the part's centre is already past the head but its tail is not
    half_head = layout.PUSHER_HEAD_WIDTH / 2
    run_until(plant, lambda p: p.parts and p.parts[0].centre > pusher_x(p) + half_head + 8)
    part = plant.parts[0]
    assert part.tail < pusher_x(plant) + half_head
    plant.sorter.extend = True
    run_until(plant, lambda p: p.sorter.extended, 2)
    plant.sorter.extend = False
    assert plant.sorter.glancing_hits == 1
    assert part.tail >= pusher_x(plant) + half_head - 1e-9
    run_until(plant, lambda p: p.production.parts_out == 1, 30)
    assert plant.production.parts_rejected == 0


def test_a_short_pulse_leaves_the_part_off_centre_on_the_belt() -> None:
    plant = one_part_line()
    run_until(plant, lambda p: p.sorter.photo_eye)
    plant.sorter.extend = True
    run_until(plant, lambda p: p.sorter.stroke >= 0.5, 2)
    plant.sorter.extend = False
    part = plant.parts[0]
    plant.advance(1.0)
    assert 0 < part.lateral < layout.BELT_WIDTH / 2
    assert not part.held
    run_until(plant, lambda p: p.production.parts_out == 1, 30)
    assert plant.production.parts_rejected == 0


def test_missorted_counts_type_a_in_the_bin_and_type_b_at_the_outfeed() -> None:
    plant = one_part_line(kind="A")
    run_until(plant, lambda p: p.sorter.photo_eye)
    plant.sorter.extend = True
    plant.advance(1.0)
    plant.sorter.extend = False
    assert plant.production.parts_rejected == 1 and plant.production.parts_missorted == 1
    plant.feeder.type_b_share = 1.0
    run_until(plant, lambda p: p.production.parts_out == 1, 60)
    assert plant.production.parts_missorted == 2
    assert [e.kind for e in plant.events].count("missorted") == 2


def test_the_colour_sensor_sees_only_blue_parts() -> None:
    seen = {}
    for kind in ("A", "B"):
        plant = one_part_line(kind=kind, seed=3)
        position = plant.sorter.colour_position
        run_until(plant, lambda p, at=position: p.track.covers(at) is not None)
        seen[kind] = plant.sorter.type_b
    assert seen == {"A": False, "B": True}


def test_a_sorting_controller_sorts_every_part() -> None:
    """A simple tracking controller: remember blue parts, fire at the pusher."""
    plant = Plant("sorting", seed=11)
    start_line(plant, interval=3.0)
    pending_blue = []
    was_colour = was_eye = False
    for _ in range(round(600 / plant.dt)):
        sorter = plant.sorter
        colour = plant.track.covers(sorter.colour_position) is not None
        if colour and not was_colour:
            pending_blue.append(sorter.type_b)
        was_colour = colour
        eye = sorter.photo_eye
        if eye and not was_eye and pending_blue:
            sorter.extend = pending_blue.pop(0)
        if sorter.extended:
            sorter.extend = False
        was_eye = eye
        plant.step()
    line = plant.production
    assert line.parts_rejected > 20 and line.parts_out > 60
    assert line.parts_missorted == 0
