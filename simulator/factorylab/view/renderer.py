"""One frame of a plant on a surface.

::

    renderer = Renderer(plant.scenario, (1280, 720), lang="ko")
    renderer.draw(surface, plant, Hud(speed=1.0, address="127.0.0.1:5020"))

What never changes (panels, belts, labels) is drawn once into a cached
background and redrawn only when the size, language or scenario changes;
each frame then draws the plant's state on top. The renderer only reads the
plant (no physics, no writes), so it may draw a plant that another thread
steps; see :mod:`.app` for how the window does that.
"""

from __future__ import annotations

import pygame

from ..plant import Plant, Scenario
from ..tags import TagTable, tags_for
from . import flow, machines, panels, theme
from .canvas import Canvas, Chip, Hotspot, Hud
from .faultmenu import FaultMenu
from .layout import BASE_SIZE, Layout
from .overlay import Overlay, OverlayLabel, draw_tooltip
from .strings import pick
from .text import TextCache


class Renderer:
    """Draws plants of one scenario.

    Args:
        scenario: the scenario (decides which stations are drawn).
        size: window size in pixels; the 1280 x 720 design scales to it.
        lang: ``ko`` or ``en``.
        overlay: show every device's tag name and Modbus address.
        tags: the tag table to read values and addresses from (default: the
            scenario's table from :mod:`factorylab.tags`).
    """

    def __init__(
        self,
        scenario: Scenario,
        size: tuple[int, int] = BASE_SIZE,
        lang: str = "ko",
        overlay: bool = False,
        tags: TagTable | None = None,
    ) -> None:
        self.scenario = scenario
        self.tags = tags if tags is not None else tags_for(scenario)
        self.lang = lang
        self.overlay_on = overlay
        self.layout = Layout(scenario.stations, size)
        self.text = TextCache(self.layout.scale)
        self.overlay = Overlay()
        self.fault_menu = FaultMenu()
        #: devices on screen (window px), for clicks and tooltips
        self.hotspots: list[Hotspot] = []
        self._chips: list[Chip] = []
        self._background: pygame.Surface | None = None
        self._phases: dict[str, float] = {}
        self._belt_textures: dict[str, pygame.Surface] = {}
        self._last_time: float | None = None

    # --- settings -----------------------------------------------------------------------
    @property
    def size(self) -> tuple[int, int]:
        """Window size drawn for, pixels."""
        return self.layout.size

    def resize(self, size: tuple[int, int]) -> None:
        """Draw for a new window size from the next frame on."""
        if tuple(size) != self.layout.size:
            self.layout = Layout(self.scenario.stations, size)
            self.text.set_scale(self.layout.scale)
            self.overlay.clear()
            self._background = None

    def set_lang(self, lang: str) -> None:
        """Switch the language (``ko`` / ``en``)."""
        if lang != self.lang:
            self.lang = lang
            self.overlay.clear()
            self._background = None

    def set_overlay(self, on: bool) -> None:
        """Show or hide the address overlay."""
        self.overlay_on = bool(on)

    @property
    def overlay_labels(self) -> list[OverlayLabel]:
        """The overlay labels of the last frame (empty when the overlay is off)."""
        return self.overlay.labels if self.overlay_on else []

    # --- drawing ------------------------------------------------------------------------
    def _canvas(self, surface: pygame.Surface, plant: Plant | None) -> Canvas:
        canvas = Canvas(surface, self.layout, self.text, self.lang, self.tags, plant)
        canvas.title = pick((self.scenario.title.ko, self.scenario.title.en), self.lang)
        return canvas

    def background(self) -> pygame.Surface:
        """The static layer at the current size and language (built on first use)."""
        if self._background is None:
            surface = pygame.Surface(self.layout.size)
            if pygame.display.get_init() and pygame.display.get_surface() is not None:
                surface = surface.convert()
            surface.fill(theme.BACKGROUND)
            canvas = self._canvas(surface, None)
            machines.draw_static(canvas)
            flow.draw_static(canvas)
            panels.draw_static(canvas)
            self._belt_textures = {}
            self.hotspots = canvas.hotspots
            self._chips = canvas.chips
            self._background = surface
        return self._background

    def draw(self, surface: pygame.Surface, plant: Plant, hud: Hud | None = None) -> None:
        """Draw one frame of ``plant`` on ``surface`` (which has the renderer's size)."""
        hud = hud or Hud(speed=plant.system.speed or 1.0)
        if surface.get_size() != self.layout.size:
            self.resize(surface.get_size())
        surface.blit(self.background(), (0, 0))
        self._advance_belts(plant)
        canvas = self._canvas(surface, plant)
        machines.draw_dynamic(canvas)
        flow.draw_dynamic(canvas, self._phases, self._belt_textures)
        panels.draw_dynamic(canvas, hud)
        if self.overlay_on:
            self.overlay.draw(canvas, self._chips)
        else:
            self.overlay.labels = []
        self.fault_menu.draw(canvas)
        if hud.mouse is not None and not self.fault_menu.contains(hud.mouse, self.layout):
            hotspot = self.hotspot_at(hud.mouse)
            if hotspot is not None and hotspot.tags:
                draw_tooltip(canvas, hotspot, hud.mouse)

    def hotspot_at(self, pos: tuple[int, int]) -> Hotspot | None:
        """The device under a window point (the smallest one if they overlap)."""
        self.background()
        found = [h for h in self.hotspots if h.rect.collidepoint(pos)]
        if not found:
            return None
        return min(found, key=lambda h: h.rect.width * h.rect.height)

    def hotspot(self, key: str) -> Hotspot:
        """A hotspot by key (``button.start``, ``eye.conveyor1.photo_eye_exit`` ...)."""
        self.background()
        for hotspot in self.hotspots:
            if hotspot.key == key:
                return hotspot
        raise KeyError(key)

    def _advance_belts(self, plant: Plant) -> None:
        """Move the belt stripes by belt speed x simulated time since the last frame."""
        now = plant.time
        last = self._last_time
        self._last_time = now
        if last is None or now < last:
            self._phases = {}
            return
        elapsed = now - last
        if elapsed <= 0.0 or elapsed > 10.0:
            return
        for conveyor in plant.conveyors:
            self._phases[conveyor.name] = (
                self._phases.get(conveyor.name, 0.0) + conveyor.belt_speed * elapsed
            ) % 6000.0
