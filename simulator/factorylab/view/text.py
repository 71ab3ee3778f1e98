"""Fonts and cached text surfaces.

Text is rendered with the Korean font shipped in ``fonts/`` (FactoryLab
Gothic, a renamed subset of NanumGothic under the SIL Open Font License), so
Hangul renders on every platform without system fonts. Rendering text is
the usual frame-rate killer, so every rendered string is cached by
(text, size, colour, weight).
"""

from __future__ import annotations

from pathlib import Path

import pygame

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = FONT_DIR / "FactoryLabGothic-Regular.ttf"
BOLD = FONT_DIR / "FactoryLabGothic-Bold.ttf"
_MAX_CACHED = 6000

Colour = tuple[int, int, int]


class TextCache:
    """Fonts at the view's scale and rendered strings.

    Args:
        scale: factor from the 1280x720 design to the window (sizes given to
            :meth:`render` are design pixels).
    """

    def __init__(self, scale: float = 1.0) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self.scale = scale
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._surfaces: dict[tuple[str, int, Colour, bool], pygame.Surface] = {}

    def set_scale(self, scale: float) -> None:
        """Change the scale; cached fonts and surfaces of the old one are dropped."""
        if scale != self.scale:
            self.scale = scale
            self._fonts.clear()
            self._surfaces.clear()

    def pixels(self, size: float) -> int:
        """Font size in window pixels for a design size."""
        return max(6, round(size * self.scale))

    def font(self, size: float, bold: bool = False) -> pygame.font.Font:
        """The font at a design ``size`` (px)."""
        key = (self.pixels(size), bold)
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(BOLD if bold else REGULAR, key[0])
            self._fonts[key] = font
        return font

    def render(self, text: str, size: float, colour: Colour, bold: bool = False) -> pygame.Surface:
        """A surface with ``text`` (anti-aliased, transparent background)."""
        key = (text, self.pixels(size), colour, bold)
        surface = self._surfaces.get(key)
        if surface is None:
            if len(self._surfaces) >= _MAX_CACHED:
                self._surfaces.clear()
            surface = self.font(size, bold).render(text, True, colour)
            self._surfaces[key] = surface
        return surface

    def size(self, text: str, size: float, bold: bool = False) -> tuple[int, int]:
        """Width and height in window pixels of ``text``."""
        return self.render(text, size, (0, 0, 0), bold).get_size()

    def blit(
        self,
        target: pygame.Surface,
        text: str,
        pos: tuple[int, int],
        size: float,
        colour: Colour,
        *,
        bold: bool = False,
        anchor: str = "topleft",
    ) -> pygame.Rect:
        """Draw ``text`` with its ``anchor`` (a pygame.Rect attribute) at ``pos``; returns its rect."""
        surface = self.render(text, size, colour, bold)
        rect = surface.get_rect(**{anchor: pos})
        target.blit(surface, rect)
        return rect

    def fit(self, text: str, size: float, width: int, bold: bool = False) -> float:
        """The largest design size up to ``size`` at which ``text`` fits ``width`` window pixels."""
        while size > 7 and self.size(text, size, bold)[0] > width:
            size -= 1
        return size
