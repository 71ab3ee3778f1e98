"""A list that keeps only its newest items, so a plant that runs for days stays small.

The plant's event log and its finished parts grow with every part made
(about 1 600 events and 800 parts per simulated hour on the full line). A
:class:`RecentList` keeps the newest ``keep`` of them and counts the ones it
let go, so memory stays bounded however long the simulator runs::

    log = RecentList(keep=3)
    for n in range(5):
        log.append(n)
    list(log)            # [2, 3, 4] (trimmed in chunks: at most keep + keep // 8 held)
    log.total            # 5 appended so far
    log.since(1)         # [2, 3, 4]: items 1.. still held (item 1 was let go)

It is a real ``list`` (index, slice, iterate, ``+``); :meth:`append` and
:meth:`extend` trim and count. A reader that must see every item remembers :attr:`total` and calls
:meth:`since` with it often enough (before ``keep`` more items arrive).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class RecentList(list[T], Generic[T]):
    """The newest ``keep`` items (1 or more) of everything appended.

    Attributes:
        keep: how many of the newest items are always held.
        dropped: how many of the oldest items were let go.
        total: how many were ever appended.
    """

    def __init__(self, keep: int) -> None:
        super().__init__()
        if keep < 1:
            raise ValueError(f"keep must be 1 or more, got {keep}")
        self.keep = keep
        self.dropped = 0
        #: how many items were ever appended (held ones and dropped ones)
        self.total = 0
        # trim in chunks (amortised O(1) per append): hold at most keep + keep // 8 items
        self._limit = keep + max(1, keep // 8)

    def append(self, item: T) -> None:
        """Add ``item``; the oldest ones go once more than ``keep`` are held."""
        super().append(item)
        self.total += 1
        if len(self) > self._limit:
            cut = len(self) - self.keep
            del self[:cut]
            self.dropped += cut

    def extend(self, items: Iterable[T]) -> None:
        """Append each of ``items``."""
        for item in items:
            self.append(item)

    def since(self, mark: int) -> list[T]:
        """The items appended since :attr:`total` was ``mark`` that are still held."""
        return self[max(0, mark - self.dropped) :]

    def lost_since(self, mark: int) -> int:
        """How many items appended since :attr:`total` was ``mark`` were already let go."""
        return max(0, self.dropped - mark)
