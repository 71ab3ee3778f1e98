"""Headless screenshots: run a scenario for a while and save a PNG.

::

    factorylab screenshot --scenario line --seconds 60 --lang ko --out line.png

The line runs in fast-forward under the demo controller
(:func:`factorylab.control.reference.make_demo_controller`), so there is
something to see in every scenario. No window and no display are needed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pygame

from ..control.line import LocalLine
from ..control.reference import make_demo_controller
from ..plant import Plant, Scenario
from ..plant.plant import TICKS_PER_SECOND
from ..progress import progress_bar
from .canvas import Hud
from .layout import BASE_SIZE
from .renderer import Renderer


def run_demo(scenario: Scenario | str, seconds: float, seed: int = 0, *, progress: bool = False) -> Plant:
    """A plant after ``seconds`` of simulated time under the demo controller.

    With ``progress``, a progress bar on stderr counts the simulated seconds.
    """
    plant = Plant(scenario, seed=seed)
    line = LocalLine(plant)
    controller = make_demo_controller(line)
    ticks = round(seconds / plant.dt)
    chunk = TICKS_PER_SECOND * 60  # the bar moves once a simulated minute
    with progress_bar(ticks * plant.dt, plant.scenario.id, enabled=progress) as bar:
        for tick in range(ticks):
            controller(line, plant.time)
            plant.step()
            if tick % chunk == chunk - 1:
                bar.update(chunk * plant.dt)
    return plant


def png_bytes(
    plant: Plant,
    size: tuple[int, int] = BASE_SIZE,
    lang: str = "ko",
    overlay: bool = False,
    hud: Hud | None = None,
) -> bytes:
    """One frame of ``plant`` as PNG bytes (the teacher console's picture of a line)."""
    buffer = io.BytesIO()
    pygame.image.save(render(plant, size, lang, overlay, hud), buffer, "frame.png")
    return buffer.getvalue()


def render(
    plant: Plant,
    size: tuple[int, int] = BASE_SIZE,
    lang: str = "ko",
    overlay: bool = False,
    hud: Hud | None = None,
) -> pygame.Surface:
    """One frame of ``plant`` on a new surface of ``size``."""
    if not pygame.font.get_init():
        pygame.font.init()
    renderer = Renderer(plant.scenario, size, lang=lang, overlay=overlay)
    surface = pygame.Surface(size)
    renderer.draw(surface, plant, hud or Hud(speed=1.0))
    return surface


def screenshot(
    scenario: Scenario | str,
    seconds: float,
    lang: str,
    out: str | Path,
    *,
    size: tuple[int, int] = BASE_SIZE,
    overlay: bool = False,
    seed: int = 0,
    progress: bool = False,
) -> Path:
    """Run ``scenario`` for ``seconds`` (simulated) and save the frame in ``lang`` as a PNG at ``out``.

    With ``progress``, a progress bar on stderr counts the simulated seconds.
    """
    plant = run_demo(scenario, seconds, seed, progress=progress)
    surface = render(plant, size, lang, overlay)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(out))
    return out
