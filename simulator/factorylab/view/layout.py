"""Scalable geometry of the view.

Everything is designed on a 1280 x 720 canvas (design pixels) and scaled to
the window by ``min(width / 1280, height / 720)``, centred. Which stations
exist (the scenario) decides where they go: one row for the material flow,
left to right (feeder and conveyor1, then the CNC and the oven when present,
then conveyor2 with inspection, colour sensor, pusher and reject bin, then
the outfeed); the coolant tank above the CNC; a bottom strip for the
operator panel, stack light, KPIs and counters.

Named rectangles (:meth:`Layout.rect`) let tests sample pixels: the LED of
each sensor is ``led.<tag name>`` (``led.conveyor1.photo_eye_exit``), each
stack-light lamp ``lamp.red`` / ``lamp.amber`` / ``lamp.green``, each panel
button ``button.start`` / ``button.stop`` / ``button.reset`` /
``button.estop`` / ``button.mode``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pygame

from ..plant import layout as plant_layout

BASE_WIDTH = 1280
BASE_HEIGHT = 720
BASE_SIZE = (BASE_WIDTH, BASE_HEIGHT)

BaseRect = tuple[float, float, float, float]

# vertical bands (design px)
TOP = (0, 0, BASE_WIDTH, 46)
BANNER = (0, 46, BASE_WIDTH, 34)
PROCESS = (0, 80, BASE_WIDTH, 402)
BOTTOM = (0, 484, BASE_WIDTH, 208)
HELP = (0, 694, BASE_WIDTH, 26)

BELT_Y = 352.0  # centre line of the belts
LATERAL = 0.36  # design px per mm across the belt (parts drawn a little wider than true scale)
MARGIN_LEFT = 30.0
MARGIN_RIGHT = 22.0
GAP = 22.0  # between a belt and a machine
CNC_WIDTH = 118.0
OVEN_WIDTH = 170.0
OUTFEED_WIDTH = 56.0
MACHINE_TOP = 290.0
MACHINE_HEIGHT = 132.0


@dataclass(frozen=True)
class Belt:
    """Where one conveyor is drawn (design px).

    ``x0`` is the belt's start, ``k`` design px per mm along it, ``y`` its
    centre line and ``lateral`` design px per mm across it.
    """

    name: str
    x0: float
    length: float  # mm
    k: float
    y: float = BELT_Y
    lateral: float = LATERAL

    @property
    def x1(self) -> float:
        """Design x of the belt's end."""
        return self.x0 + self.length * self.k

    @property
    def half(self) -> float:
        """Half the belt's drawn width, design px."""
        return 0.5 * plant_layout.BELT_WIDTH * self.lateral

    def x(self, mm: float) -> float:
        """Design x of a position ``mm`` from the start of this belt."""
        return self.x0 + mm * self.k

    def y_at(self, lateral_mm: float) -> float:
        """Design y of a lateral position (mm, + toward the reject bin side)."""
        return self.y + lateral_mm * self.lateral


class Layout:
    """Geometry for one scenario's stations at one window size.

    Args:
        stations: the scenario's stations (``Scenario.stations``).
        size: window size in pixels.
    """

    def __init__(self, stations: Iterable[str], size: tuple[int, int] = BASE_SIZE) -> None:
        self.stations = frozenset(stations)
        self.size = (max(1, int(size[0])), max(1, int(size[1])))
        self.scale = min(self.size[0] / BASE_WIDTH, self.size[1] / BASE_HEIGHT)
        self.offset = (
            (self.size[0] - BASE_WIDTH * self.scale) / 2.0,
            (self.size[1] - BASE_HEIGHT * self.scale) / 2.0,
        )
        self.base: dict[str, BaseRect] = {}
        self.belts: dict[str, Belt] = {}
        #: sensor tag name -> design x of its beam
        self.eyes: dict[str, float] = {}
        self._build()

    def has(self, station: str) -> bool:
        """True if the scenario has this station."""
        return station in self.stations

    # --- scaling -------------------------------------------------------------------
    def s(self, value: float) -> int:
        """A design length in window pixels (at least 1)."""
        return max(1, round(value * self.scale))

    def p(self, x: float, y: float) -> tuple[int, int]:
        """A design point in window pixels."""
        return (round(self.offset[0] + x * self.scale), round(self.offset[1] + y * self.scale))

    def r(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        """A design rectangle in window pixels."""
        left, top = self.p(x, y)
        right, bottom = self.p(x + w, y + h)
        return pygame.Rect(left, top, max(1, right - left), max(1, bottom - top))

    def rect(self, name: str) -> pygame.Rect:
        """A named rectangle in window pixels (KeyError if the scenario lacks it)."""
        return self.r(*self.base[name])

    def to_design(self, pos: tuple[int, int]) -> tuple[float, float]:
        """A window point in design px."""
        return ((pos[0] - self.offset[0]) / self.scale, (pos[1] - self.offset[1]) / self.scale)

    # --- building ---------------------------------------------------------------------
    def _add(self, name: str, x: float, y: float, w: float, h: float) -> None:
        self.base[name] = (x, y, w, h)

    def _led(self, name: str, cx: float, cy: float, size: float = 11.0) -> None:
        self._add("led." + name, cx - size / 2, cy - size / 2, size, size)

    def _build(self) -> None:
        for name, band in (("top", TOP), ("banner", BANNER), ("process", PROCESS), ("bottom", BOTTOM), ("help", HELP)):
            self._add(name, *band)
        self._build_flow()
        if self.has("tank"):
            self._build_tank()
        self._build_bottom()

    def _build_flow(self) -> None:
        if not self.has("conveyor1"):
            return
        machines = [m for m in ("cnc", "oven") if self.has(m)]
        widths = {"cnc": CNC_WIDTH, "oven": OVEN_WIDTH}
        two = self.has("conveyor2")
        total_mm = plant_layout.CONVEYOR1_LENGTH + (plant_layout.CONVEYOR2_LENGTH if two else 0.0)
        fixed = MARGIN_LEFT + MARGIN_RIGHT + OUTFEED_WIDTH + sum(widths[m] + GAP for m in machines)
        if machines:
            fixed += GAP
        k = (BASE_WIDTH - fixed) / total_mm
        x = MARGIN_LEFT
        c1 = Belt("conveyor1", x, plant_layout.CONVEYOR1_LENGTH, k)
        self.belts["conveyor1"] = c1
        x = c1.x1
        if machines:
            x += GAP
            for machine in machines:
                self._add(machine, x, MACHINE_TOP, widths[machine], MACHINE_HEIGHT)
                x += widths[machine] + GAP
        if two:
            c2 = Belt("conveyor2", x, plant_layout.CONVEYOR2_LENGTH, k)
            self.belts["conveyor2"] = c2
            x = c2.x1
        self._add("outfeed", x, BELT_Y - 34, OUTFEED_WIDTH - 8, 92)
        for belt in self.belts.values():
            self._add("belt." + belt.name, belt.x0, belt.y - belt.half, belt.x1 - belt.x0, 2 * belt.half)
            # drive motor under the belt's downstream end
            self._add("motor." + belt.name, belt.x1 - 40, belt.y + belt.half + 10, 34, 24)
            self._led("motor." + belt.name, belt.x1 - 48, belt.y + belt.half + 22, 10)
        eyes = [
            ("conveyor1.photo_eye_infeed", c1, plant_layout.PHOTO_EYE_INFEED),
            ("conveyor1.photo_eye_exit", c1, plant_layout.PHOTO_EYE_C1_EXIT),
        ]
        if two:
            eyes += [
                ("conveyor2.photo_eye_entry", c2, plant_layout.PHOTO_EYE_C2_ENTRY),
                ("conveyor2.photo_eye_exit", c2, plant_layout.PHOTO_EYE_C2_EXIT),
            ]
        for name, belt, mm in eyes:
            self._eye(name, belt, belt.x(mm), belt.x(mm))
        if self.has("feeder"):
            self._add("feeder", c1.x0 - 6, MACHINE_TOP - 52, 62, 50)
            self._led("feeder.run", c1.x0 + 66, MACHINE_TOP - 40)
        if two and self.has("inspection"):
            from ..plant.plant import INSPECTION_POSITION

            gx = c2.x(INSPECTION_POSITION)
            self._add("inspection.gauge", gx - 12, c2.y - c2.half - 22, 24, 2 * c2.half + 30)
            self._add("inspection", gx - 34, 136, 176, 102)
            self._led("inspection.reject", gx + 126, 160, 14)
        if two and self.has("sorter"):
            cx = c2.x(plant_layout.COLOUR_SENSOR)
            self._add("colour_sensor", cx - 14, c2.y - c2.half - 30, 28, 26)
            self._led("sorter.type_b", cx, c2.y - c2.half - 17, 12)
            px = c2.x(plant_layout.PUSHER_POSITION)
            head = plant_layout.PUSHER_HEAD_WIDTH * c2.k
            self._add("pusher", px - 18, 196, 36, c2.y - c2.half - 196)
            self._led("sorter.retracted", px - 30, 214)
            self._led("sorter.extended", px - 30, 262)
            self._eye("sorter.photo_eye", c2, px, px + head / 2 + 12)
            self._add("bin", px - 34, c2.y + c2.half + 16, 68, 58)
        if self.has("oven"):
            x, y, w, h = self.base["oven"]
            self._add("oven.chamber", x + 8, y + 30, w - 48, h - 40)
            self._add("oven.gauge", x + w - 30, y + 12, 14, h - 24)
            self._led("oven.part_in", x + w - 48, y + 16, 10)
        if self.has("cnc"):
            x, y, w, h = self.base["cnc"]
            self._add("cnc.window", x + 10, y + 24, w - 20, 52)
            self._add("cnc.wear", x + 10, y + h - 20, w - 20, 11)

    def _eye(self, name: str, belt: Belt, beam_x: float, head_x: float) -> None:
        """A photo-eye: beam across the belt at ``beam_x``, sensor head above the belt at ``head_x``."""
        self.eyes[name] = beam_x
        top = belt.y - belt.half
        self._add("eye." + name, min(beam_x, head_x) - 8, top - 22, abs(head_x - beam_x) + 16, 2 * belt.half + 26)
        self._led(name, head_x, top - 13, 10)

    def _build_tank(self) -> None:
        if self.has("conveyor1"):
            if "cnc" in self.base:
                cx = self.base["cnc"][0] + CNC_WIDTH / 2
            else:
                c1 = self.belts["conveyor1"]
                cx = (c1.x0 + c1.x1) / 2
            vessel = (cx - 32, 112, 64, 124)
        else:  # the tank on its own: large, in the middle
            vessel = (560, 128, 150, 300)
        x, y, w, h = vessel
        self._add("tank", x - 70, y - 30, w + 150, h + 52)
        self._add("tank.vessel", *vessel)
        self._led("tank.overflow", x + w + 14, y - 9, 11)  # 980 mm: drawn just above the rim, with a leader
        for name, level in (("high", 900.0), ("low", 150.0)):
            self._led("tank." + name, x + w + 14, y + h * (1.0 - level / 1000.0), 11)
        self._add("tank.inflow", x - 40, y - 8, 26, 18)
        self._add("tank.drain", x + w + 4, y + h + 2, 26, 18)

    def _build_bottom(self) -> None:
        top = BOTTOM[1] + 2
        if self.has("panel"):
            x0 = 16.0
            self._add("panel", x0, top, 548, 202)
            row = top + 80
            for index, button in enumerate(("start", "stop", "reset")):
                cx = x0 + 64 + index * 84
                self._add("button." + button, cx - 28, row - 28, 56, 56)
            self._add("button.estop", x0 + 330 - 44, top + 96 - 44, 88, 88)
            self._add("button.mode", x0 + 468 - 24, row - 24, 48, 48)
            self._add("panel.display", x0 + 24, top + 148, 150, 44)
            self._led("panel.safety_ok", x0 + 420, top + 170, 14)
            self._add("stack", 576, top, 92, 202)
            for index, lamp in enumerate(("red", "amber", "green")):
                self._add("lamp." + lamp, 576 + 46 - 18, top + 30 + index * 40, 36, 34)
            self._add("lamp.buzzer", 576 + 46 - 16, top + 150, 32, 26)
        self._add("kpi", 682, top, 300, 202)
        self._add("counters", 996, top, 268, 202)
