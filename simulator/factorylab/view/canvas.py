"""Drawing in design pixels: a surface, the layout, fonts, the plant's tags.

Station modules draw through a :class:`Canvas` with design coordinates (the
1280 x 720 design) and it scales them to the window. It also collects the
hotspots (clickable or hoverable devices) and the address-overlay labels
that the stations declare.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pygame

from ..plant import Plant
from ..tags import TagTable
from . import theme
from .layout import Layout
from .strings import say
from .text import TextCache

Colour = tuple[int, int, int]
Point = tuple[float, float]


@dataclass(frozen=True)
class Hotspot:
    """A device on screen: hovering shows its tags; ``action`` (if any) is what a click does.

    ``rect`` is in window pixels; ``title`` is a ``(ko, en)`` pair.
    """

    key: str
    rect: pygame.Rect
    tags: tuple[str, ...]
    title: tuple[str, str]
    action: str | None = None


@dataclass(frozen=True)
class Chip:
    """Where the address overlay labels a device: its tags, at a design point.

    ``anchor`` is the pygame.Rect attribute of the label placed at (x, y).
    """

    tags: tuple[str, ...]
    x: float
    y: float
    anchor: str = "midbottom"


class Canvas:
    """One surface to draw on, in design pixels.

    Args:
        surface: the target (window or off-screen surface).
        layout: geometry at the surface's size.
        text: fonts and text cache at the layout's scale.
        lang: ``ko`` or ``en``.
        tags: the plant's tag table (values and addresses come from it only).
        plant: the plant being drawn (None while drawing the static layer).
    """

    def __init__(
        self,
        surface: pygame.Surface,
        layout: Layout,
        text: TextCache,
        lang: str,
        tags: TagTable,
        plant: Plant | None = None,
    ) -> None:
        self.surface = surface
        self.layout = layout
        self.text_cache = text
        self.lang = lang
        self.tags = tags
        self.plant = plant
        self.hotspots: list[Hotspot] = []
        self.chips: list[Chip] = []
        #: the scenario's title in the canvas's language (top bar)
        self.title = ""

    # --- plant values --------------------------------------------------------------
    def value(self, name: str, default: Any = None) -> Any:
        """A tag's value as a Modbus client reads it (stuck sensors included), or ``default``."""
        tag = self.tags.get(name)
        if tag is None or self.plant is None:
            return default
        return tag.reader(self.plant)

    def say(self, key: str, **values: object) -> str:
        """A view string in the canvas's language."""
        return say(key, self.lang, **values)

    # --- declarations ----------------------------------------------------------------
    def hotspot(
        self,
        key: str,
        rect: Sequence[float],
        tags: Sequence[str],
        title: tuple[str, str],
        action: str | None = None,
    ) -> None:
        """Declare a device at a design rectangle (only the tags this plant has are kept)."""
        kept = tuple(t for t in tags if t in self.tags)
        self.hotspots.append(Hotspot(key, self.layout.r(*rect), kept, title, action))

    def chip(self, tags: Sequence[str], x: float, y: float, anchor: str = "midbottom") -> None:
        """Declare an overlay label for ``tags`` at a design point."""
        kept = tuple(t for t in tags if t in self.tags)
        if kept:
            self.chips.append(Chip(kept, x, y, anchor))

    # --- drawing (design coordinates) ---------------------------------------------------
    def r(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        return self.layout.r(x, y, w, h)

    def p(self, x: float, y: float) -> tuple[int, int]:
        return self.layout.p(x, y)

    def s(self, value: float) -> int:
        return self.layout.s(value)

    def rect(
        self,
        colour: Colour,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        width: float = 0,
        radius: float = 0,
    ) -> pygame.Rect:
        """A filled (``width`` 0) or outlined rectangle."""
        rect = self.r(x, y, w, h)
        pygame.draw.rect(
            self.surface,
            colour,
            rect,
            self.s(width) if width else 0,
            border_radius=self.s(radius) if radius else 0,
        )
        return rect

    def box(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        fill: Colour = theme.PANEL,
        edge: Colour = theme.PANEL_EDGE,
        radius: float = 6,
    ) -> pygame.Rect:
        """A panel: filled rounded rectangle with an edge."""
        self.rect(fill, x, y, w, h, radius=radius)
        return self.rect(edge, x, y, w, h, width=1.5, radius=radius)

    def circle(self, colour: Colour, x: float, y: float, radius: float, *, width: float = 0) -> None:
        pygame.draw.circle(self.surface, colour, self.p(x, y), self.s(radius), self.s(width) if width else 0)

    def line(self, colour: Colour, a: Point, b: Point, width: float = 1) -> None:
        pygame.draw.line(self.surface, colour, self.p(*a), self.p(*b), self.s(width))

    def polygon(self, colour: Colour, points: Sequence[Point], *, width: float = 0) -> None:
        pygame.draw.polygon(self.surface, colour, [self.p(*pt) for pt in points], self.s(width) if width else 0)

    def text(
        self,
        text: str,
        x: float,
        y: float,
        size: float = 13,
        colour: Colour = theme.TEXT,
        *,
        bold: bool = False,
        anchor: str = "topleft",
        max_width: float | None = None,
    ) -> pygame.Rect:
        """Text at a design point; shrunk to ``max_width`` design px if given."""
        if max_width is not None:
            size = self.text_cache.fit(text, size, self.s(max_width), bold)
        return self.text_cache.blit(self.surface, text, self.p(x, y), size, colour, bold=bold, anchor=anchor)

    def led(self, name: str, on: bool, colours: tuple[Colour, Colour] = theme.LED_SENSOR) -> pygame.Rect:
        """The indicator ``led.<name>`` of the layout: bright with a halo when on, dim when off."""
        rect = self.layout.rect("led." + name)
        radius = max(2, rect.width // 2)
        if on:
            pygame.draw.circle(
                self.surface, theme.mix(colours[0], theme.BACKGROUND, 0.55), rect.center, radius + max(2, radius // 2)
            )
        pygame.draw.circle(self.surface, colours[0] if on else colours[1], rect.center, radius)
        pygame.draw.circle(self.surface, theme.TEXT_DARK, rect.center, radius, max(1, radius // 5))
        if on and radius >= 7:  # a small highlight, off the centre
            pygame.draw.circle(
                self.surface,
                theme.mix(colours[0], (255, 255, 255), 0.6),
                (rect.centerx - radius // 3, rect.centery - radius // 3),
                max(1, radius // 3),
            )
        return rect

    def valve(self, x: float, y: float, w: float, h: float, opening: float) -> None:
        """A valve symbol (bow tie); ``opening`` 0..1 fills it with coolant."""
        colour = (
            theme.mix(theme.STEEL_DARK, theme.WATER, 0.25 + 0.75 * opening) if opening > 0.005 else theme.STEEL_DARK
        )
        left = [(x, y), (x + w / 2, y + h / 2), (x, y + h)]
        right = [(x + w, y), (x + w / 2, y + h / 2), (x + w, y + h)]
        for points in (left, right):
            self.polygon(colour, points)
            self.polygon(theme.STEEL_LIGHT, points, width=1)

    def spokes(
        self, colour: Colour, x: float, y: float, radius: float, angle: float, count: int = 3, width: float = 2
    ) -> None:
        """Spokes of a turning wheel at ``angle`` (radians)."""
        for index in range(count):
            a = angle + index * 2 * math.pi / count
            self.line(colour, (x, y), (x + radius * math.cos(a), y + radius * math.sin(a)), width)


@dataclass
class Hud:
    """What the view shows besides the plant: run state of the simulator and the pointer.

    Attributes:
        paused: the real-time run is paused.
        speed: real-time factor (1 = real time).
        address: Modbus server address ``host:port`` ("" when there is none).
        mouse: pointer position in window pixels, or None (no tooltip).
        hint: a :mod:`.strings` key of advice shown in the banner while no
            alarm is on ("" = none).
    """

    paused: bool = False
    speed: float = 1.0
    address: str = ""
    mouse: tuple[int, int] | None = None
    hint: str = ""
