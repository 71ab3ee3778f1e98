"""Lab 8-2 (orders): the hidden order books really differ, "always mix" really is late on them, the summative
mode judges 4-hour books, the cost sets of ``tool_cost`` really pull the best fixed wear apart, and the teacher pack
lists every wrong answer the lab's checks recognise."""

from __future__ import annotations

import random

import pytest

import factorylab
from factorylab.control.checks import get
from factorylab.control.checks.seeds import formative_seeds
from factorylab.lab import get as get_lab
from factorylab.labs import lab08b_orders_checks as checks
from tests.conftest import REPO
from tests.control.checks.answers import tool_cost, work_orders

ORDERS = get("work_orders")
BOOKS = formative_seeds("work_orders", ORDERS.count)


def _book(seed: int, seconds: float = checks.PRACTICE_SECONDS) -> list[tuple[int, int, float]]:
    plant = ORDERS.plant_for(seed, seconds)
    return [(o.quantity_a, o.quantity_b, o.due) for o in plant.orders.orders]


def test_the_hidden_books_differ_and_keep_their_rate_in_both_modes() -> None:
    books = [_book(seed) for seed in BOOKS]
    firsts = sorted(book[0][2] for book in books)  # first due time: the lead time of each book
    assert all(b - a >= 2.0 for a, b in zip(firsts, firsts[1:], strict=False))
    assert len({tuple(book) for book in books}) == len(books)
    for book in books:
        assert any(b > 0 for _, b, _ in book) and any(b == 0 or a > 0 for a, b, _ in book)
        assert book[-1][2] - book[0][2] >= checks.PRACTICE_SECONDS  # orders keep coming to the end of the hour
    # a summative 4-hour book has the same orders, due times and rate, only more of them
    long = _book(BOOKS[0], checks.BOOK_SECONDS)
    assert long[: len(books[0])] == books[0] and long[-1][2] - long[0][2] >= checks.BOOK_SECONDS


def test_always_mix_is_late_on_every_hidden_book() -> None:
    for run, seed in enumerate(BOOKS, start=1):
        late, lateness = ORDERS.mix_on(seed, run)
        assert late >= 1 and lateness > 60.0, (seed, late, lateness)


def test_an_open_order_past_its_due_time_counts_as_late() -> None:
    plant = ORDERS.plant_for(BOOKS[0])
    plant.orders.now = plant.orders.orders[0].due + 120.0
    late, lateness = checks.book_late(plant.orders)
    assert late >= 1 and lateness >= 120.0


def test_the_summative_mode_judges_four_hour_books(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ORDERS, "count", 1)  # one 4-hour book, not three: the same path at a third of the cost
    monkeypatch.delenv("FACTORYLAB_TEACHER_SECRET", raising=False)
    monkeypatch.delenv("FACTORYLAB_TEACHER_SECRET_FILE", raising=False)
    result = factorylab.check(work_orders.REFERENCE, "work_orders", secret="teacher's secret", student="s01")
    assert result.passed, result.message("en")
    assert ORDERS.judges[0].plant.time >= checks.BOOK_SECONDS - 1.0
    assert ORDERS.book_seconds(formative_seeds("work_orders", 3)) == checks.PRACTICE_SECONDS


def test_the_cost_kinds_pull_the_best_fixed_wear_apart() -> None:
    check = get("tool_cost")
    seeds = formative_seeds("tool_cost", check.count)
    kinds = check.kinds(seeds)
    wears = {kind: check.best_fixed(seed, kind)[0] for seed, kind in zip(seeds, kinds, strict=True) if kind}
    assert wears["dear_tools"] - wears["cheap_tools"] >= 40.0
    for kind in checks.COST_KINDS:
        costs = checks.hidden_costs(kind, random.Random(1))
        assert set(costs) == {"tool", "failure", "minute"}


def test_the_order_of_the_cost_kinds_comes_with_the_seeds() -> None:
    check = get("tool_cost")
    orders = {tuple(check.kinds([s, s + 1, s + 2, s + 3])) for s in range(0, 400, 4)}
    assert all(sorted(o) == sorted(checks.COST_KINDS * 2) for o in orders)  # each kind on half the runs
    assert len(orders) == 6  # every arrangement: no fixed order to count along


def test_a_factory_that_counts_its_calls_instead_of_reading_the_costs_fails() -> None:
    calls = []

    def alternating(costs):  # ignores costs: 140 min on odd calls, 190 on even ones (the old fixed order)
        calls.append(1)
        wear = 140.0 if len(calls) % 2 else 190.0

        def controller(line, t):
            line.feeder.run = line.conveyor1.run = line.conveyor2.run = line.cnc.run = True
            line.cnc.reset = line.cnc.failed
            line.cnc.tool_change = line.cnc.tool_wear >= wear and not line.cnc.tool_changing

        return controller

    assert not factorylab.check(alternating, "tool_cost").passed


@pytest.mark.parametrize("lang", ["", ".en"])
def test_the_teacher_pack_lists_every_wrong_answer(lang: str) -> None:
    text = (REPO / "docs" / "labs" / f"orders{lang}.md").read_text(encoding="utf-8")
    for wrong in tool_cost.WRONG + work_orders.WRONG:
        assert f"`{wrong.code}`" in text, wrong.code
    assert get_lab("orders").checks == ("tool_cost", "work_orders")
