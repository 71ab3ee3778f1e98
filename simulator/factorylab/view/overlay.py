"""The address overlay (key T) and the tooltip of the device under the pointer.

Every tag name and address shown here comes from the tag table the view was
given (``factorylab.tags``): the overlay never types an address itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame

from ..tags import Tag, TagTable
from . import theme
from .canvas import Canvas, Chip, Hotspot
from .strings import pick, say, table_name
from .text import TextCache

CHIP_SIZE = 11.0  # design px
TIP_SIZE = 13.0


def address_text(tag: Tag, lang: str) -> str:
    """A tag's address in both notations, short: ``Coil 300 · 00301``."""
    return f"{table_name(tag.table, lang, short=True)} {tag.address} · {tag.notation}"


def chip_lines(tags: TagTable, chip: Chip, lang: str) -> list[str]:
    """The lines of one overlay label: tag name and both addresses, one tag per line."""
    return [f"{name}  {address_text(tags[name], lang)}" for name in chip.tags]


@dataclass(frozen=True)
class OverlayLabel:
    """An overlay label as drawn: its lines and where (window pixels)."""

    lines: tuple[str, ...]
    rect: pygame.Rect


class Overlay:
    """Draws the address labels; keeps the rendered labels and their places for reuse.

    Labels are placed where their station asks; one that would cover an
    earlier label moves up or down (then sideways) until it is free, and a
    leader line ties it to its device.
    """

    def __init__(self) -> None:
        self._cache: dict[tuple, pygame.Surface] = {}
        self._placed: tuple[tuple, list[tuple[Chip, tuple[str, ...], pygame.Rect]]] | None = None
        self.labels: list[OverlayLabel] = []

    def clear(self) -> None:
        """Forget rendered labels (scale or language changed)."""
        self._cache.clear()
        self._placed = None

    def draw(self, c: Canvas, chips: list[Chip]) -> list[OverlayLabel]:
        """Draw every label; returns what was drawn."""
        key = (id(chips), c.lang, c.text_cache.scale, c.surface.get_size())
        if self._placed is None or self._placed[0] != key:
            self._placed = (key, self._place(c, chips))
        drawn: list[OverlayLabel] = []
        for chip, _lines, rect in self._placed[1]:
            anchor = c.p(chip.x, chip.y)
            if not rect.collidepoint(anchor):
                end = (min(max(anchor[0], rect.left), rect.right - 1), min(max(anchor[1], rect.top), rect.bottom - 1))
                pygame.draw.line(c.surface, theme.CHIP, anchor, end, 1)
                pygame.draw.circle(c.surface, theme.CHIP, anchor, max(2, c.s(2)))
        for _chip, lines, rect in self._placed[1]:
            c.surface.blit(self._label(c.text_cache, lines), rect)
            drawn.append(OverlayLabel(lines, rect))
        self.labels = drawn
        return drawn

    def _place(self, c: Canvas, chips: list[Chip]) -> list[tuple[Chip, tuple[str, ...], pygame.Rect]]:
        bounds = c.surface.get_rect()
        taken: list[pygame.Rect] = []
        placed = []
        for chip in chips:
            lines = tuple(chip_lines(c.tags, chip, c.lang))
            surface = self._label(c.text_cache, lines)
            start = surface.get_rect(**{chip.anchor: c.p(chip.x, chip.y)})
            start.clamp_ip(bounds)
            step = start.height + c.s(3)
            candidates = [start]
            for distance in range(1, 9):
                for sign in (-1, 1):
                    candidates.append(start.move(0, sign * distance * step))
            for shift in (1, -1, 2, -2):
                candidates.append(start.move(shift * (start.width // 2 + c.s(4)), 0))
            rect = start
            for candidate in candidates:
                candidate = candidate.clamp(bounds)
                if candidate.collidelist(taken) < 0:
                    rect = candidate
                    break
            taken.append(rect.inflate(c.s(2), c.s(2)))
            placed.append((chip, lines, rect))
        return placed

    def _label(self, text: TextCache, lines: tuple[str, ...]) -> pygame.Surface:
        key = (lines, text.scale)
        surface = self._cache.get(key)
        if surface is None:
            rendered = [text.render(line, CHIP_SIZE, theme.TEXT_DARK) for line in lines]
            pad = max(2, round(3 * text.scale))
            width = max(s.get_width() for s in rendered) + 2 * pad
            height = sum(s.get_height() for s in rendered) + 2 * pad
            surface = pygame.Surface((width, height))
            surface.fill(theme.CHIP)
            pygame.draw.rect(surface, theme.CHIP_EDGE, surface.get_rect(), 1)
            y = pad
            for line in rendered:
                surface.blit(line, (pad, y))
                y += line.get_height()
            self._cache[key] = surface
        return surface


def format_value(tag: Tag, value: Any, lang: str) -> str:
    """A tag value for people: ``1``, ``2 (machining)``, ``218.4 °C``."""
    if value is None:
        return "—"
    if tag.type == "bool":
        return "1" if value else "0"
    if tag.states:
        label = tag.states.get(int(value))
        return f"{int(value)} ({pick((label[1], label[0]), lang)})" if label else str(int(value))
    if isinstance(value, float):
        decimals = 2 if tag.type == "float32" else max(0, len(str(int(tag.scale))) - 1)
        text = f"{value:.{decimals}f}"
    else:
        text = str(value)
    return f"{text} {tag.unit}" if tag.unit else text


def tooltip_lines(hotspot: Hotspot, tags: TagTable, plant, lang: str) -> list[tuple[str, str]]:
    """(kind, text) lines of a device's tooltip; kind is ``title``, ``value``, ``note`` or ``address``."""
    lines: list[tuple[str, str]] = [("title", pick(hotspot.title, lang))]
    for name in hotspot.tags:
        tag = tags[name]
        value = tag.reader(plant) if plant is not None else None
        lines.append(("value", f"{name} = {format_value(tag, value, lang)}"))
        lines.append(("note", tag.description(lang)))
        lines.append(
            (
                "address",
                say(
                    "tooltip_address",
                    lang,
                    table=table_name(tag.table, lang, short=False),
                    address=tag.address,
                    notation=tag.notation,
                ),
            )
        )
    return lines


def draw_tooltip(c: Canvas, hotspot: Hotspot, mouse: tuple[int, int]) -> pygame.Rect:
    """A tooltip box next to the pointer with the device's live values."""
    text = c.text_cache
    lines = tooltip_lines(hotspot, c.tags, c.plant, c.lang)
    styles = {
        "title": (TIP_SIZE + 1, theme.TEXT_DARK, True),
        "value": (TIP_SIZE, (10, 60, 140), True),
        "note": (TIP_SIZE - 2, (70, 70, 70), False),
        "address": (TIP_SIZE - 2, (120, 80, 0), False),
    }
    rendered = [text.render(line, *styles[kind][:2], bold=styles[kind][2]) for kind, line in lines]
    pad = max(3, round(8 * text.scale))
    width = max(s.get_width() for s in rendered) + 2 * pad
    height = sum(s.get_height() for s in rendered) + 2 * pad
    height += (pad // 2) * sum(1 for kind, _ in lines if kind == "value")
    rect = pygame.Rect(mouse[0] + 18, mouse[1] + 18, width, height)
    bounds = c.surface.get_rect()
    if rect.right > bounds.right:
        rect.right = mouse[0] - 8
    if rect.bottom > bounds.bottom:
        rect.bottom = mouse[1] - 8
    rect.clamp_ip(bounds)
    pygame.draw.rect(c.surface, theme.TOOLTIP, rect, border_radius=max(2, pad // 2))
    pygame.draw.rect(c.surface, theme.TOOLTIP_EDGE, rect, 1, border_radius=max(2, pad // 2))
    y = rect.top + pad
    for kind, surface in zip((k for k, _ in lines), rendered, strict=True):
        if kind == "value":
            y += pad // 2
        c.surface.blit(surface, (rect.left + pad, y))
        y += surface.get_height()
    return rect
