"""Fixtures for the view: real pygame on SDL's dummy video driver (no display needed)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from collections.abc import Iterator  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from factorylab.view import theme  # noqa: E402

SIZE = (1280, 720)


@pytest.fixture
def screen() -> Iterator[pygame.Surface]:
    """A 1280 x 720 window on the dummy video driver."""
    pygame.display.init()
    pygame.font.init()
    surface = pygame.display.set_mode(SIZE)
    yield surface
    pygame.display.quit()


def colour_at(surface: pygame.Surface, rect: pygame.Rect) -> tuple[int, int, int]:
    """The colour at the centre of ``rect``."""
    return tuple(surface.get_at(rect.center))[:3]


def close(a: tuple[int, int, int], b: tuple[int, int, int], tolerance: int = 6) -> bool:
    """True if two colours differ by at most ``tolerance`` in every channel."""
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


LIT_SENSOR, UNLIT_SENSOR = theme.LED_SENSOR
