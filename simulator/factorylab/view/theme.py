"""Colours of the view (RGB tuples), chosen for a classroom projector.

A dark grey background so lit indicators stand out; equipment in greys;
colour only where it means something (part types, lit lamps, alarms), as
high-performance HMI guidelines recommend.
"""

from __future__ import annotations

Colour = tuple[int, int, int]

BACKGROUND: Colour = (30, 34, 41)
PANEL: Colour = (43, 48, 57)
PANEL_EDGE: Colour = (72, 80, 93)
BAR: Colour = (22, 25, 31)
TEXT: Colour = (232, 236, 241)
TEXT_DIM: Colour = (152, 161, 174)
HINT: Colour = (255, 196, 84)  # advice in the banner (no alarm): amber, readable on the dark ground
TEXT_DARK: Colour = (20, 22, 26)

# equipment
STEEL: Colour = (120, 128, 140)
STEEL_DARK: Colour = (84, 91, 103)
STEEL_LIGHT: Colour = (170, 178, 190)
BELT: Colour = (56, 60, 68)
BELT_STRIPE: Colour = (76, 81, 91)
BELT_EDGE: Colour = (128, 135, 146)
MACHINE: Colour = (64, 72, 86)
MACHINE_EDGE: Colour = (130, 140, 156)
WINDOW: Colour = (24, 28, 34)

# parts by type
PART = {"A": (226, 52, 48), "B": (40, 112, 240)}
PART_EDGE = {"A": (120, 20, 18), "B": (14, 44, 120)}

# indicators: (lit, unlit)
LED_SENSOR = ((255, 210, 0), (78, 70, 40))
LED_GREEN = ((46, 230, 96), (34, 68, 46))
LED_RED = ((255, 54, 44), (84, 34, 34))
LED_AMBER = ((255, 166, 0), (92, 64, 22))
LED_BLUE = ((70, 160, 255), (34, 52, 84))
BEAM = (255, 70, 60)

# process
WATER: Colour = (42, 130, 220)
WATER_DARK: Colour = (26, 84, 150)
HOT: Colour = (255, 120, 20)

# states and alarms
ALARM: Colour = (196, 28, 28)
ALARM_TEXT: Colour = (255, 255, 255)
WARN: Colour = (230, 150, 0)
OK: Colour = (40, 170, 80)
TOOLTIP: Colour = (250, 250, 236)
TOOLTIP_EDGE: Colour = (40, 40, 40)
CHIP: Colour = (255, 236, 120)
CHIP_EDGE: Colour = (120, 100, 20)

#: line state (production.state) -> badge colour
STATE_COLOURS = {
    0: (110, 118, 130),  # stopped
    1: (34, 160, 74),  # running
    2: (200, 140, 0),  # idle
    3: (200, 30, 30),  # E-stop
    4: (214, 90, 20),  # down
}


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """Blend colour ``a`` toward ``b`` by ``t`` (0..1)."""
    t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
    return (int(a[0] + (b[0] - a[0]) * t), int(a[1] + (b[1] - a[1]) * t), int(a[2] + (b[2] - a[2]) * t))
