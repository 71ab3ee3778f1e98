"""Answers to ``work_orders`` (scored): ``dispatch(line, t, m)`` sets ``feeder.select`` from the current order."""

from __future__ import annotations

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "work_orders"


def _needs(line) -> tuple[int, int]:
    orders = line.orders
    return (
        orders.current_quantity_a - orders.current_done_a,
        orders.current_quantity_b - orders.current_done_b,
    )


# --- correct -------------------------------------------------------------------------------------------------


def dispatch(line, t, m):
    """Reference: A until the order has its good A parts, then B, else the mix."""
    need_a, need_b = _needs(line)
    line.feeder.select = 1 if need_a > 0 else 2 if need_b > 0 else 0


def b_first(line, t):
    """B first (the feeder's mix makes few B), then A."""
    need_a, need_b = _needs(line)
    if need_b > 0:
        line.feeder.select = 2
    elif need_a > 0:
        line.feeder.select = 1
    else:
        line.feeder.select = 0


class LargerShortfall:
    """Keeps the type it makes until that type is done, then takes the larger shortfall (no thrashing)."""

    def __init__(self) -> None:
        self.making = 0

    def __call__(self, line, t, m):
        need_a, need_b = _needs(line)
        if m.get("making") == 1 and need_a > 0 or m.get("making") == 2 and need_b > 0:
            pass
        elif need_a > 0 or need_b > 0:
            m["making"] = 1 if need_a >= need_b else 2
        else:
            m["making"] = 0
        line.feeder.select = m["making"]


CORRECT = [dispatch, b_first, LargerShortfall()]
REFERENCE = dispatch


# --- wrong ---------------------------------------------------------------------------------------------------


def every_part(line, t, m):
    """Thrashing: A and B in turn, part after part, while the order needs both."""
    need_a, need_b = _needs(line)
    if need_a > 0 and need_b > 0:
        line.feeder.select = 1 if line.production.parts_in % 2 == 0 else 2
    else:
        line.feeder.select = 1 if need_a > 0 else 2 if need_b > 0 else 0


def only_a(line, t):
    """Starves B."""
    line.feeder.select = 1


def always_mix(line, t):
    """The baseline itself."""
    line.feeder.select = 0


def by_the_clock(line, t):
    """Open loop: A for 5 minutes, then B for 5 minutes, whatever the orders."""
    line.feeder.select = 1 if int(t // 300) % 2 == 0 else 2


def counts_parts_made(line, t, m):
    """Counts every part the feeder placed (defects too, and parts still in the line), not the good parts shipped."""
    if m.get("order") != line.orders.current_id:
        m["order"], m["a"], m["b"] = line.orders.current_id, 0, 0
        m["count"] = line.production.parts_in
    made = line.production.parts_in - m["count"]
    m["count"] = line.production.parts_in
    if m.get("select") == 1:
        m["a"] += made
    elif m.get("select") == 2:
        m["b"] += made
    need_a = line.orders.current_quantity_a - m["a"]
    need_b = line.orders.current_quantity_b - m["b"]
    m["select"] = 1 if need_a > 0 else 2 if need_b > 0 else 1
    line.feeder.select = m["select"]


def wrong_tag(line, t):
    """Right idea, a tag that does not exist."""
    line.feeder.select = 1 if line.orders.quantity_a > line.orders.current_done_a else 2


def peeks_the_order_book(line, t, m):
    """Reads the whole order book (future orders too) through the device's hidden ``_target``, not the tags."""
    book = [o for o in line.orders._target.orders if o.completed_at is None]
    if not book:
        line.feeder.select = 0
        return
    need_a = book[0].quantity_a - line.orders.current_done_a
    need_b = book[0].quantity_b - line.orders.current_done_b
    line.feeder.select = 1 if need_a > 0 else 2 if need_b > 0 else 0


WRONG = [
    Wrong(every_part, "thrashing"),
    Wrong(only_a, "starved_b"),
    Wrong(always_mix, "always_mix"),
    Wrong(by_the_clock, "open_loop", OPEN_LOOP),
    Wrong(counts_parts_made, "counts_all_parts"),
    Wrong(wrong_tag, "unknown_tag", WRONG_TAG),
    Wrong(peeks_the_order_book, "reads_hidden"),
]
