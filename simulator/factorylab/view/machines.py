"""The process stations: CNC machine, heat-treatment oven and coolant tank.

As in :mod:`.flow`, ``draw_static`` draws the enclosures and labels once and
``draw_dynamic`` the plant's state each frame: the spindle and tool wear, the
oven's temperature and heater glow, the tank's level and switches.
"""

from __future__ import annotations

import math

from ..plant import tank as tank_model
from . import theme
from .canvas import Canvas
from .flow import draw_part
from .strings import CNC_STATES, pick

WEAR_SCALE = 250.0  # min at the end of the tool-wear bar
WEAR_WARN = 150.0  # min: the bar turns amber
WEAR_DANGER = 200.0  # min: tools may fail from here (AI4I: 200-240 min)
OVEN_SCALE = 400.0  # deg C at the top of the oven gauge


def draw_static(c: Canvas) -> None:
    """Enclosures, labels, hotspots and overlay labels of the stations present."""
    layout = c.layout
    if "cnc" in layout.base:
        _static_cnc(c)
    if "oven" in layout.base:
        _static_oven(c)
    if "tank.vessel" in layout.base:
        _static_tank(c)


def draw_dynamic(c: Canvas) -> None:
    """The stations' state now."""
    layout = c.layout
    if "cnc" in layout.base and c.plant.cnc is not None:
        _cnc(c)
    if "oven" in layout.base and c.plant.oven is not None:
        _oven(c)
    if "tank.vessel" in layout.base and c.plant.tank is not None:
        _tank(c)


# --- CNC -------------------------------------------------------------------------------


def _static_cnc(c: Canvas) -> None:
    x, y, w, h = c.layout.base["cnc"]
    c.box(x, y, w, h, fill=theme.MACHINE, edge=theme.MACHINE_EDGE, radius=6)
    c.text(c.say("cnc"), x + w / 2, y + 4, 14, theme.TEXT, bold=True, anchor="midtop", max_width=w - 8)
    wx, wy, ww, wh = c.layout.base["cnc.window"]
    c.rect(theme.WINDOW, wx, wy, ww, wh, radius=4)
    bx, by, bw, bh = c.layout.base["cnc.wear"]
    c.rect(theme.WINDOW, bx, by, bw, bh, radius=3)
    danger = bx + bw * WEAR_DANGER / WEAR_SCALE
    c.line(theme.LED_RED[0], (danger, by - 3), (danger, by + bh + 1), 1.5)
    tags = [
        "cnc.run",
        "cnc.state",
        "cnc.spindle_speed",
        "cnc.torque",
        "cnc.tool_wear",
        "cnc.failure_modes",
        "cnc.reset",
        "cnc.tool_change",
        "cnc.tool_change_required",
    ]
    c.hotspot("cnc", (x, y, w, h), tags, ("CNC 가공기", "CNC machine"))
    c.chip(["cnc.run", "cnc.state", "cnc.tool_wear"], x + w, y + h + 20, "topright")


def _cnc(c: Canvas) -> None:
    x, y, w, h = c.layout.base["cnc"]
    cnc = c.plant.cnc
    state = int(c.value("cnc.state", 0))
    failed = state == 5
    tool_required = state == 6  # reset, but the tool is broken or worn out
    blink = int(c.plant.time * 2) % 2 == 0
    if failed:
        c.rect(theme.LED_RED[0] if blink else theme.ALARM, x, y, w, h, width=3, radius=6)
    elif tool_required:
        c.rect(theme.WARN if blink else theme.MACHINE_EDGE, x, y, w, h, width=3, radius=6)
    elif state == 4:
        c.rect(theme.WARN, x, y, w, h, width=3, radius=6)
    wx, wy, ww, wh = c.layout.base["cnc.window"]
    cx, cy = wx + ww / 2, wy + 18
    speed = c.value("cnc.spindle_speed", 0)
    c.rect(theme.STEEL, cx - 6, wy, 12, 8)
    c.circle(theme.STEEL_LIGHT if speed else theme.STEEL, cx, cy, 13)
    angle = c.plant.time * 2 * math.pi * 0.8 if speed else 0.0  # a visible turn, not the true rpm
    c.spokes(theme.TEXT_DARK, cx, cy, 12, angle)
    if speed:
        c.circle(theme.LED_GREEN[0], cx, cy, 16, width=1.5)
    if c.value("cnc.tool_change_required", False):  # a broken tool: crossed out until it is changed
        c.line(theme.LED_RED[0], (cx - 11, cy - 11), (cx + 11, cy + 11), 3)
        c.line(theme.LED_RED[0], (cx - 11, cy + 11), (cx + 11, cy - 11), 3)
    part = cnc.part
    if part is not None:
        draw_part(c, part, cx - 9, wy + 34, 18, 14)
    label = pick(CNC_STATES.get(state, ("?", "?")), c.lang)
    colour = {2: theme.LED_GREEN[0], 4: theme.WARN, 5: theme.LED_RED[0], 6: theme.WARN}.get(state, theme.TEXT)
    c.text(label, x + w / 2, wy + wh + 2, 14, colour, bold=True, anchor="midtop", max_width=w - 8)
    bx, by, bw, bh = c.layout.base["cnc.wear"]
    wear = float(c.value("cnc.tool_wear", 0.0))
    fill = min(1.0, wear / WEAR_SCALE)
    bar = theme.LED_RED[0] if wear >= WEAR_DANGER else theme.WARN if wear >= WEAR_WARN else theme.OK
    if fill > 0:
        c.rect(bar, bx, by, bw * fill, bh, radius=3)
    c.text(
        f"{c.say('tool_wear')} {wear:.0f} min",
        x + w / 2,
        by - 1,
        11,
        theme.TEXT if wear >= WEAR_WARN else theme.TEXT_DIM,
        anchor="midbottom",
    )
    torque = c.value("cnc.torque", 0.0)
    c.text(
        f"{speed:.0f} rpm · {torque:.1f} Nm",
        x + w / 2,
        y + h + 6,
        12,
        theme.TEXT if speed else theme.TEXT_DIM,
        anchor="midtop",
    )


# --- oven -------------------------------------------------------------------------------


def _static_oven(c: Canvas) -> None:
    x, y, w, h = c.layout.base["oven"]
    c.box(x, y, w, h, fill=theme.MACHINE, edge=theme.MACHINE_EDGE, radius=6)
    c.text(c.say("oven"), x + w / 2, y - 4, 14, theme.TEXT, bold=True, anchor="midbottom")
    gx, gy, gw, gh = c.layout.base["oven.gauge"]
    c.rect(theme.WINDOW, gx, gy, gw, gh, radius=5)
    for degrees in (100, 200, 300):
        ty = gy + gh * (1 - degrees / OVEN_SCALE)
        c.line(theme.TEXT_DIM, (gx + gw, ty), (gx + gw + 5, ty), 1)
        c.text(str(degrees), gx + gw + 6, ty, 9, theme.TEXT_DIM, anchor="midleft")
    tags = ["oven.temperature", "oven.heater", "oven.gate", "oven.part_in", "oven.parts_inside", "oven.front_dwell"]
    c.hotspot("oven", (x, y, w, h), tags, ("열처리 오븐", "Heat-treatment oven"))
    c.chip(["oven.heater", "oven.temperature", "oven.gate", "oven.part_in"], x, y + h + 20, "topleft")


def _oven(c: Canvas) -> None:
    x, y, w, h = c.layout.base["oven"]
    oven = c.plant.oven
    temperature = float(c.value("oven.temperature", 25.0))
    heater = float(c.value("oven.heater", 0.0))
    cx, cy, cw, ch = c.layout.base["oven.chamber"]
    warmth = max(0.0, min(1.0, (oven.true_temperature - 25.0) / 250.0))
    c.rect(theme.mix(theme.WINDOW, (150, 52, 10), warmth), cx, cy, cw, ch, radius=4)
    # heater element: a zigzag along the floor, glowing with the heater power
    glow = heater / 100.0
    element = theme.mix((70, 60, 56), (255, 90, 20), glow)
    points = []
    for index in range(13):
        px = cx + 6 + index * (cw - 12) / 12
        points.append((px, cy + ch - 6 - (5 if index % 2 else 0)))
    for a, b in zip(points, points[1:], strict=False):
        c.line(element, a, b, 2.5 if glow > 0.01 else 1.5)
    if glow > 0.01:
        c.rect(theme.mix(theme.WINDOW, (255, 110, 30), 0.25 + 0.5 * glow), cx + 2, cy + ch - 16, cw - 4, 3, radius=1)
    # parts inside, the one at the gate on the right
    parts = list(oven.parts)
    size = min(13.0, (cw - 16) / 8)
    for index, part in enumerate(parts[:8]):
        px = cx + cw - 10 - (index + 1) * (size + 1)
        draw_part(c, part, px, cy + ch / 2 - size / 2 - 4, size, size)
    gate_open = bool(c.value("oven.gate"))
    gate_x = cx + cw - 6
    if gate_open:
        c.rect(theme.STEEL_LIGHT, gate_x, cy - 4, 5, 12)
    else:
        c.rect(theme.STEEL_LIGHT, gate_x, cy, 5, ch)
    c.led("oven.part_in", bool(c.value("oven.part_in")), theme.LED_SENSOR)
    gx, gy, gw, gh = c.layout.base["oven.gauge"]
    fill = max(0.0, min(1.0, temperature / OVEN_SCALE))
    c.rect(
        theme.mix(theme.LED_AMBER[0], theme.LED_RED[0], fill), gx + 3, gy + gh * (1 - fill), gw - 6, gh * fill, radius=3
    )
    c.text(f"{temperature:.1f} °C", cx + 2, y + 6, 16, theme.TEXT, bold=True)
    dwell = c.value("oven.front_dwell", 0.0)
    gate = c.say("gate_open" if gate_open else "gate_closed")
    info = f"{c.say('heater')} {heater:.0f} % · {c.say('dwell')} {dwell:.0f} s · {c.say('gate')} {gate}"
    c.text(
        info, x + w / 2, y + h + 6, 12, theme.HOT if heater > 0.5 else theme.TEXT_DIM, anchor="midtop", max_width=w + 40
    )


# --- coolant tank ---------------------------------------------------------------------------


def _static_tank(c: Canvas) -> None:
    layout = c.layout
    x, y, w, h = layout.base["tank.vessel"]
    big = h > 200
    c.rect(theme.WINDOW, x, y, w, h)
    c.line(theme.STEEL_LIGHT, (x, y - 4), (x, y + h), 3)
    c.line(theme.STEEL_LIGHT, (x + w, y - 4), (x + w, y + h), 3)
    c.line(theme.STEEL_LIGHT, (x, y + h), (x + w, y + h), 3)
    for level in (250, 500, 750):
        ty = y + h * (1 - level / 1000)
        c.line(theme.STEEL_DARK, (x + 1, ty), (x + 7, ty), 1)
    c.text(c.say("tank"), x + w / 2, y - 12, 16 if big else 14, theme.TEXT, bold=True, anchor="midbottom")
    names = {"overflow": ("넘침", "overflow"), "high": ("상한", "high"), "low": ("하한", "low")}
    for name, label in names.items():
        lx, ly, lw, lh = layout.base["led.tank." + name]
        level_y = y + h * (0.02 if name == "overflow" else 1.0 - (900 if name == "high" else 150) / 1000)
        c.line(theme.STEEL, (x + w, level_y), (lx, ly + lh / 2), 1)
        c.text(pick(label, c.lang), lx + lw + 4, ly + lh / 2, 12 if big else 11, theme.TEXT_DIM, anchor="midleft")
    ix, iy, iw, ih = layout.base["tank.inflow"]
    c.line(theme.STEEL, (ix - 24, iy + ih / 2), (ix, iy + ih / 2), 4)
    c.line(theme.STEEL, (ix + iw, iy + ih / 2), (x + 14, iy + ih / 2), 4)
    c.line(theme.STEEL, (x + 14, iy + ih / 2), (x + 14, y + 6), 4)
    dx, dy, dw, dh = layout.base["tank.drain"]
    c.line(theme.STEEL, (x + w - 10, y + h), (x + w - 10, dy + dh / 2), 4)
    c.line(theme.STEEL, (x + w - 10, dy + dh / 2), (dx, dy + dh / 2), 4)
    c.line(theme.STEEL, (dx + dw, dy + dh / 2), (dx + dw + 16, dy + dh / 2), 4)
    if "cnc" in layout.base:  # coolant to the CNC
        cx, cy, cw, ch = layout.base["cnc"]
        c.line(theme.WATER_DARK, (x + w / 2, y + h + 1), (x + w / 2, cy), 4)
    c.hotspot(
        "tank",
        (x, y, w, h),
        ["tank.level", "tank.level_raw", "tank.temperature", "tank.inflow", "tank.inflow_rate", "tank.drain"],
        ("냉각수 탱크", "Coolant tank"),
    )
    c.hotspot(
        "tank.inflow",
        (ix - 4, iy - 4, iw + 8, ih + 8),
        ["tank.inflow", "tank.inflow_rate"],
        ("유입 밸브", "Inflow valve"),
    )
    c.hotspot("tank.drain", (dx - 4, dy - 4, dw + 70, dh + 8), ["tank.drain"], ("배수 밸브", "Drain valve"))
    for name, label in names.items():
        lx, ly, lw, lh = layout.base["led.tank." + name]
        c.hotspot(
            "tank." + name,
            (lx - 4, ly - 4, lw + 44, lh + 8),
            ["tank." + name],
            (f"{label[0]} 스위치", f"{label[1]} switch"),
        )
    c.chip(["tank.inflow"], ix - 26, iy - 4, "bottomleft")
    if big:
        c.chip(["tank.level", "tank.drain"], x - 8, y + h + 26, "topleft")
    else:
        c.chip(["tank.level", "tank.drain"], x - 40, y + h / 2, "midright")
    c.chip(["tank.overflow", "tank.high", "tank.low"], x + w + 58, y + 10, "topleft")


def _tank(c: Canvas) -> None:
    layout = c.layout
    tank = c.plant.tank
    x, y, w, h = layout.base["tank.vessel"]
    big = h > 200
    level = max(0.0, min(1000.0, tank.true_level))
    fill = h * level / 1000.0
    if fill > 0.5:
        c.rect(theme.WATER, x + 2, y + h - fill, w - 4, fill - 1.5)
        c.line(theme.mix(theme.WATER, (255, 255, 255), 0.4), (x + 2, y + h - fill), (x + w - 2, y + h - fill), 1.5)
    c.led("tank.overflow", bool(c.value("tank.overflow")), theme.LED_RED)
    c.led("tank.high", bool(c.value("tank.high")), theme.LED_SENSOR)
    c.led("tank.low", bool(c.value("tank.low")), theme.LED_SENSOR)
    measured = c.value("tank.level", 0.0)
    temperature = c.value("tank.temperature", 0.0)
    c.text(f"{measured:.0f} mm", x + w / 2, y + h - 4, 18 if big else 13, theme.TEXT, bold=True, anchor="midbottom")
    if big:
        c.text(f"{temperature:.1f} °C", x + w / 2, y + 10, 15, theme.TEXT_DIM, anchor="midtop")
    inflow_command = float(c.value("tank.inflow", 0.0))
    ix, iy, iw, ih = layout.base["tank.inflow"]
    c.valve(ix, iy, iw, ih, tank.valve_position / 100.0)
    c.text(f"{c.say('inflow')} {inflow_command:.0f} %", ix + iw / 2, iy + ih + 2, 11, theme.TEXT_DIM, anchor="midtop")
    drain = bool(c.value("tank.drain"))
    dx, dy, dw, dh = layout.base["tank.drain"]
    c.valve(dx, dy, dw, dh, 1.0 if drain else 0.0)
    text = f"{c.say('drain')} {c.say('open' if drain else 'closed')}"
    c.text(text, dx + dw + 20, dy + dh / 2, 11, theme.TEXT if drain else theme.TEXT_DIM, anchor="midleft")
    if not big:
        c.text(f"{temperature:.1f} °C", x - 6, y + h - 2, 11, theme.TEXT_DIM, anchor="bottomright")
    if tank.true_level >= tank_model.OVERFLOW_SWITCH:
        c.rect(theme.LED_RED[0], x, y - 4, w, 3)
