"""Work orders: what the customer ordered, by when, and how late it shipped.

An order asks for a quantity of type A and of type B parts by a due time
(simulation seconds). Every *good* part (no defect, ground truth) that
leaves at the outfeed counts toward the earliest open order that still
needs its type. An order is complete when both quantities are met; it is
late if it completes after its due time, and its lateness is
completion time - due time. Orders still open past their due time are
*overdue*.
"""

from __future__ import annotations

from dataclasses import dataclass

from .parts import Part
from .station import BuildContext, Station, StationSpec, TickContext


@dataclass(slots=True)
class Order:
    """One work order."""

    id: int
    quantity_a: int
    quantity_b: int
    due: float  # s
    done_a: int = 0
    done_b: int = 0
    completed_at: float | None = None

    @property
    def complete(self) -> bool:
        return self.done_a >= self.quantity_a and self.done_b >= self.quantity_b

    @property
    def lateness(self) -> float:
        """Seconds late at completion (0 if on time or still open)."""
        if self.completed_at is None:
            return 0.0
        return max(0.0, self.completed_at - self.due)


class WorkOrders(Station):
    """The order book and its delivery counts.

    Measurements:
        current_id / current_quantity_a / current_quantity_b / current_done_a /
        current_done_b / current_due: the earliest open order (0 when none).
        open_orders, completed, late, overdue: counts.
        lateness_total: seconds of lateness summed over completed orders.

    Its clock (``now``, for the overdue count) follows the line in the
    ``record`` phase; the line ships good parts to it as they leave.
    """

    phases = ("record",)

    __slots__ = ("name", "orders", "completed", "late", "lateness_total", "now")

    def __init__(self, orders: list[Order], *, name: str = "orders") -> None:
        self.name = name
        self.orders = sorted(orders, key=lambda o: (o.due, o.id))
        self.completed = 0
        self.late = 0
        self.lateness_total = 0.0
        self.now = 0.0  # simulation time, kept current by the plant

    def record(self, ctx: TickContext) -> None:
        """Phase "record": the book's clock moves to the end of the tick."""
        self.now = ctx.end

    def ship(self, part: Part, now: float) -> Order | None:
        """Count a good part that left at the outfeed; return the order it went to."""
        self.now = now
        if not part.good:
            return None
        for order in self.orders:
            if order.completed_at is not None:
                continue
            if part.kind == "A" and order.done_a < order.quantity_a:
                order.done_a += 1
            elif part.kind == "B" and order.done_b < order.quantity_b:
                order.done_b += 1
            else:
                continue
            if order.complete:
                order.completed_at = now
                self.completed += 1
                if now > order.due:
                    self.late += 1
                    self.lateness_total += now - order.due
            return order
        return None

    def _current(self) -> Order | None:
        for order in self.orders:
            if order.completed_at is None:
                return order
        return None

    @property
    def current_id(self) -> int:
        order = self._current()
        return order.id if order else 0

    @property
    def current_quantity_a(self) -> int:
        order = self._current()
        return order.quantity_a if order else 0

    @property
    def current_quantity_b(self) -> int:
        order = self._current()
        return order.quantity_b if order else 0

    @property
    def current_done_a(self) -> int:
        order = self._current()
        return order.done_a if order else 0

    @property
    def current_done_b(self) -> int:
        order = self._current()
        return order.done_b if order else 0

    @property
    def current_due(self) -> float:
        order = self._current()
        return order.due if order else 0.0

    @property
    def open_orders(self) -> int:
        return sum(1 for o in self.orders if o.completed_at is None)

    @property
    def overdue(self) -> int:
        return sum(1 for o in self.orders if o.completed_at is None and o.due < self.now)


def build(kit: BuildContext) -> WorkOrders:
    """The order book of a scenario: its listed orders, then those generated from the seed."""
    settings = kit.scenario.orders
    rng = kit.rng
    orders = [Order(index + 1, o.quantity_a, o.quantity_b, o.due) for index, o in enumerate(settings.book)]
    generator = settings.generate
    if generator is not None:
        low, high = generator.quantity
        for index in range(generator.count):
            quantity = low + int(rng.uniform() * (high - low + 1))
            quantity_b = int(round(quantity * rng.uniform()))
            release = index * generator.every
            orders.append(Order(len(orders) + 1, quantity - quantity_b, quantity_b, release + generator.lead_time))
    return WorkOrders(orders)


SPEC = StationSpec("orders", build, requires=("conveyor2",))
