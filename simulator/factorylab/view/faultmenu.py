"""The teacher's fault menu (key F): inject the plant's faults on the running line.

Page one lists the fault kinds; choosing one lists its targets in this
plant; choosing a target injects the fault (until cleared). Active faults
are listed at the bottom: clicking one clears it. Number keys choose items,
Backspace goes back, Esc closes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ..plant import FAULT_KINDS, Plant
from . import theme
from .canvas import Canvas
from .layout import Layout
from .strings import fault_name

#: menu box in design px
BOX = (760.0, 84.0, 508.0, 396.0)
ROW = 21.0


@dataclass(frozen=True)
class MenuAction:
    """What a choice in the menu asks for: ``open`` (a kind's targets), ``inject``, ``clear``, ``back``."""

    kind: str
    fault: str = ""
    target: str = ""
    record_id: int = 0


@dataclass(frozen=True)
class _Item:
    label: str
    action: MenuAction | None
    rect: pygame.Rect
    number: int  # 1..9 for the number keys, 0 for none


class FaultMenu:
    """State of the fault menu: open or not, which page."""

    def __init__(self) -> None:
        self.open = False
        self.kind: str | None = None  # None: the list of kinds
        self.message = ""
        #: the items drawn last (labels, actions, window rects)
        self.items: list[_Item] = []

    def toggle(self) -> None:
        """Open or close the menu (it opens on the list of kinds)."""
        self.open = not self.open
        self.kind = None
        self.message = ""

    def choose(self, action: MenuAction) -> MenuAction | None:
        """Follow a menu choice; returns the action for the line (inject / clear), if any."""
        if action.kind == "open":
            self.kind = action.fault
            return None
        if action.kind == "back":
            self.kind = None
            return None
        if action.kind == "inject":
            self.kind = None
        return action

    def click(self, pos: tuple[int, int]) -> MenuAction | None:
        """The action of the item under ``pos`` (window px), if any."""
        for item in self.items:
            if item.action is not None and item.rect.collidepoint(pos):
                return self.choose(item.action)
        return None

    def key(self, key: int) -> MenuAction | None:
        """Handle a key press while open: Esc, Backspace, 1..9."""
        if key == pygame.K_ESCAPE:
            if self.kind is not None:
                self.kind = None
            else:
                self.open = False
            return None
        if key == pygame.K_BACKSPACE:
            self.kind = None
            return None
        number = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}.get(key)
        if number is None:
            number = {getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)}.get(key)
        for item in self.items:
            if number and item.number == number and item.action is not None:
                return self.choose(item.action)
        return None

    def contains(self, pos: tuple[int, int], layout: Layout) -> bool:
        """True if ``pos`` (window px) is on the open menu (clicks there do not reach the line)."""
        return self.open and layout.r(*BOX).collidepoint(pos)

    def draw(self, c: Canvas) -> None:
        """Draw the open menu (nothing when closed)."""
        self.items = []
        if not self.open:
            return
        plant: Plant = c.plant
        x, y, w, h = BOX
        c.rect((16, 18, 22), x + 4, y + 4, w, h, radius=8)  # shadow
        c.box(x, y, w, h, fill=(52, 46, 40), edge=theme.WARN, radius=8)
        c.text(c.say("fault_menu"), x + 14, y + 10, 16, theme.WARN, bold=True)
        c.text(c.say("fault_close"), x + w - 14, y + 14, 11, theme.TEXT_DIM, anchor="topright")
        top = y + 40
        if self.kind is None:
            for index, kind in enumerate(FAULT_KINDS):
                targets = plant.faults.targets(kind)
                label = f"{index + 1}  {fault_name(kind, c.lang)}"
                action = MenuAction("open", kind) if targets else None
                if not targets:
                    label += "  " + c.say("fault_unavailable")
                self._item(c, label, action, x + 14, top + index * ROW, w - 28, index + 1 if targets else 0)
            top += len(FAULT_KINDS) * ROW + 8
        else:
            targets = plant.faults.targets(self.kind)
            c.text(c.say("fault_targets", kind=fault_name(self.kind, c.lang)), x + 14, top, 13, theme.TEXT, bold=True)
            self._item(c, c.say("fault_back"), MenuAction("back"), x + w - 90, top - 2, 76, 0)
            top += 22
            rows = 11 if len(targets) > 11 else len(targets)
            columns = 1 if len(targets) <= 11 else 3 if len(targets) > 22 else 2
            column_width = (w - 28) / columns
            size = 12 if columns < 3 else 10.5
            for index, target in enumerate(targets):
                column, row = divmod(index, rows) if rows else (0, 0)
                number = index + 1 if index < 9 else 0
                label = f"{number}  {target}" if number else f"    {target}"
                self._item(
                    c,
                    label,
                    MenuAction("inject", self.kind, target),
                    x + 14 + column * column_width,
                    top + row * (ROW - 2),
                    column_width - 4,
                    number,
                    size,
                )
            top += rows * (ROW - 2) + 8
        c.line(theme.PANEL_EDGE, (x + 10, top), (x + w - 10, top), 1)
        active = list(plant.faults.active)
        c.text(c.say("fault_active") if active else c.say("fault_none"), x + 14, top + 6, 13, theme.TEXT, bold=True)
        for index, record in enumerate(active[:5]):
            label = f"×  {fault_name(record.kind, c.lang)} · {record.target}  ({record.start:.0f} s)"
            self._item(
                c,
                label,
                MenuAction("clear", record.kind, record.target, record.id),
                x + 14,
                top + 28 + index * ROW,
                w - 28,
                0,
            )
        if self.message:
            c.text(self.message, x + 14, y + h - 8, 12, theme.LED_RED[0], anchor="bottomleft", max_width=w - 28)

    def _item(
        self,
        c: Canvas,
        label: str,
        action: MenuAction | None,
        x: float,
        y: float,
        w: float,
        number: int,
        size: float = 13,
    ) -> None:
        rect = c.r(x, y, w, ROW - 3)
        if action is not None:
            c.rect((70, 62, 52), x, y, w, ROW - 3, radius=4)
        colour = theme.TEXT if action is not None else theme.TEXT_DIM
        c.text(label, x + 6, y + (ROW - 3) / 2, size, colour, anchor="midleft", max_width=w - 10)
        self.items.append(_Item(label, action, rect, number))
