"""Work orders: allocation of good parts, completion, lateness."""

from __future__ import annotations

import pytest

from factorylab.plant import Plant
from factorylab.plant.orders import Order, WorkOrders
from factorylab.plant.parts import Part


def part(kind: str, good: bool = True) -> Part:
    p = Part(id=0, kind=kind, colour="", length=60, weight=0.25)
    if not good:
        p.defects.append("dimension")
    return p


def test_lateness_counts_right() -> None:
    book = WorkOrders([Order(1, 2, 1, due=100.0), Order(2, 1, 0, due=150.0), Order(3, 0, 2, due=400.0)])
    book.ship(part("A"), 10.0)
    book.ship(part("B", good=False), 20.0)  # a defective part counts for nothing
    assert (book.current_id, book.current_done_a, book.current_done_b) == (1, 1, 0)
    book.ship(part("B"), 30.0)
    book.ship(part("A"), 120.0)  # order 1 complete, 20 s late
    assert book.completed == 1 and book.late == 1 and book.lateness_total == pytest.approx(20.0)
    assert book.current_id == 2
    book.now = 200.0
    assert book.overdue == 1  # order 2 is open past its due time
    book.ship(part("B"), 210.0)  # order 2 needs no B: goes to order 3
    assert book.orders[2].done_b == 1
    book.ship(part("A"), 250.0)  # order 2 complete, 100 s late
    book.ship(part("B"), 300.0)  # order 3 complete, on time
    assert book.completed == 3 and book.late == 2
    assert book.lateness_total == pytest.approx(120.0)
    assert book.open_orders == 0 and book.current_id == 0 and book.overdue == 0


def test_orders_are_generated_from_the_seed() -> None:
    first, second = Plant("line", seed=3), Plant("line", seed=3)
    book = [(o.id, o.quantity_a, o.quantity_b, o.due) for o in first.orders.orders]
    assert book == [(o.id, o.quantity_a, o.quantity_b, o.due) for o in second.orders.orders]
    assert len(book) == 48
    assert all(10 <= a + b <= 30 for _, a, b, _ in book)
    assert book[0][3] == 1800.0 and book[1][3] == 2400.0


def test_the_line_ships_good_parts_to_orders() -> None:
    plant = Plant("line", seed=4)
    plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = plant.cnc.run = True
    plant.oven.heater = 78.0
    for _ in range(round(3600 / plant.dt)):
        plant.oven.gate = plant.oven.part_in and plant.oven.front_dwell >= 30.0
        plant.cnc.tool_change = plant.cnc.tool_wear > 150
        plant.cnc.reset = plant.cnc.failed and not plant.cnc.reset
        plant.step()
    shipped_good = sum(1 for p in plant.finished_parts if p.location == "outfeed" and p.good)
    allocated = sum(o.done_a + o.done_b for o in plant.orders.orders)
    assert shipped_good > 100
    assert 0.8 * shipped_good < allocated <= shipped_good  # surplus of one type fits no open order
    assert plant.orders.completed >= 1
