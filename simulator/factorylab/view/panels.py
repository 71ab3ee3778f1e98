"""The frame around the line: top bar, alarm banner, help line, operator panel,
stack light, KPI panel and counters."""

from __future__ import annotations

import math

from ..plant.panel import BUTTONS
from . import theme
from .canvas import Canvas, Hud
from .strings import STATES, fault_name, pick

_BUTTON_COLOURS = {
    "start": ((40, 200, 80), (22, 110, 46)),
    "stop": ((240, 50, 40), (130, 28, 24)),
    "reset": ((60, 140, 255), (30, 70, 140)),
}
_BUTTON_TITLES = {
    "start": ("기동 버튼", "Start button"),
    "stop": ("정지 버튼", "Stop button"),
    "reset": ("리셋 버튼", "Reset button"),
}
_LAMPS = {"red": theme.LED_RED, "amber": theme.LED_AMBER, "green": theme.LED_GREEN}


def draw_static(c: Canvas) -> None:
    """Backgrounds, titles and labels; hotspots of the panel."""
    layout = c.layout
    c.rect(theme.BAR, *layout.base["top"])
    c.text(c.say("title"), 16, 23, 20, theme.TEXT, bold=True, anchor="midleft")
    title = c.title
    if title:
        c.text(
            title,
            16 + c.text_cache.size(c.say("title"), 20, True)[0] / layout.scale + 18,
            23,
            16,
            theme.TEXT_DIM,
            anchor="midleft",
        )
    c.rect(theme.BAR, *layout.base["help"])
    c.text(c.say("help"), 640, 707, 12, theme.TEXT_DIM, anchor="center", max_width=1260)
    if "panel" in layout.base:
        _static_panel(c)
        _static_stack(c)
    else:
        c.box(16, 486, 652, 202)
        c.text(c.say("no_panel"), 342, 587, 14, theme.TEXT_DIM, anchor="center")
    _static_kpi(c)
    _static_counters(c)


def draw_dynamic(c: Canvas, hud: Hud) -> None:
    """Sim time, speed, alarms, panel state, lamps and KPIs now."""
    _top(c, hud)
    _banner(c, hud.hint)
    if "panel" in c.layout.base and c.plant.panel is not None:
        _panel(c)
        _stack(c)
    _kpi(c)
    _counters(c)


# --- top bar and banner ------------------------------------------------------------------


def _top(c: Canvas, hud: Hud) -> None:
    t = c.plant.time
    hours, rest = divmod(t, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = f"{int(hours):02d}:{int(minutes):02d}:{seconds:04.1f}"
    x = 1264
    if hud.address:
        r = c.text(f"{c.say('modbus')} {hud.address}", x, 23, 14, theme.TEXT_DIM, anchor="midright")
    else:
        r = c.text(c.say("no_server"), x, 23, 14, theme.TEXT_DIM, anchor="midright")
    x = (r.left - c.layout.offset[0]) / c.layout.scale - 24
    speed = f"×{hud.speed:g}"
    r = c.text(f"{c.say('speed')} {speed}", x, 23, 16, theme.TEXT, bold=True, anchor="midright")
    x = (r.left - c.layout.offset[0]) / c.layout.scale - 24
    r = c.text(clock, x, 23, 18, theme.TEXT, bold=True, anchor="midright")
    x = (r.left - c.layout.offset[0]) / c.layout.scale - 8
    r = c.text(c.say("sim_time"), x, 23, 13, theme.TEXT_DIM, anchor="midright")
    if hud.paused:
        x = (r.left - c.layout.offset[0]) / c.layout.scale - 20
        label = c.say("paused")
        width = c.text_cache.size(label, 15, True)[0] / c.layout.scale + 20
        c.rect(theme.WARN, x - width, 10, width, 26, radius=5)
        c.text(label, x - width / 2, 23, 15, theme.TEXT_DARK, bold=True, anchor="center")


def alarms(c: Canvas) -> list[str]:
    """Alarm texts now: E-stop, safety relay, CNC failure, overloads, tank overflow, faults."""
    plant = c.plant
    found: list[str] = []
    panel = plant.panel
    if panel is not None:
        if panel.estop:
            found.append(c.say("alarm_estop"))
        elif not panel.safety_ok:
            found.append(c.say("alarm_safety"))
    if plant.cnc is not None and plant.cnc.failed:
        found.append(c.say("alarm_cnc"))
    for conveyor in plant.conveyors:
        if conveyor.overload:
            found.append(c.say("alarm_overload", name=c.say(conveyor.name)))
    if plant.tank is not None and plant.tank.overflow:
        found.append(c.say("alarm_overflow"))
    for record in list(plant.faults.active):
        found.append(c.say("alarm_fault", kind=fault_name(record.kind, c.lang), target=record.target))
    return found


def _banner(c: Canvas, hint: str = "") -> None:
    x, y, w, h = c.layout.base["banner"]
    found = alarms(c)
    if not found:
        if hint:
            c.text(c.say(hint), 16, y + h / 2, 14, theme.HINT, bold=True, anchor="midleft", max_width=w - 32)
        else:
            c.text(c.say("no_alarm"), 16, y + h / 2, 13, theme.TEXT_DIM, anchor="midleft")
        return
    c.rect(theme.ALARM, x, y, w, h)
    cy = y + h / 2  # a warning triangle, then the alarms
    c.polygon(theme.LED_SENSOR[0], [(16, cy + 10), (28, cy - 11), (40, cy + 10)])
    c.text("!", 28, cy + 2, 15, theme.TEXT_DARK, bold=True, anchor="center")
    c.text("  ·  ".join(found), 50, cy, 16, theme.ALARM_TEXT, bold=True, anchor="midleft", max_width=w - 66)


# --- operator panel ----------------------------------------------------------------------------


def _static_panel(c: Canvas) -> None:
    layout = c.layout
    x, y, w, h = layout.base["panel"]
    c.box(x, y, w, h)
    c.text(c.say("panel"), x + 12, y + 8, 15, theme.TEXT, bold=True)
    for button in BUTTONS:
        bx, by, bw, bh = layout.base["button." + button]
        c.circle(theme.STEEL_DARK, bx + bw / 2, by + bh / 2, bw / 2 + 4)
        c.text(c.say(button), bx + bw / 2, by + bh + 8, 15, theme.TEXT, bold=True, anchor="midtop")
        c.hotspot(
            "button." + button,
            (bx - 4, by - 4, bw + 8, bh + 8),
            ["panel." + button],
            _BUTTON_TITLES[button],
            action=button,
        )
        c.chip(["panel." + button], bx + bw / 2, by - 6, "midbottom")
    ex, ey, ew, eh = layout.base["button.estop"]
    c.circle(theme.LED_AMBER[0], ex + ew / 2, ey + eh / 2, ew / 2)
    c.text(c.say("estop"), ex + ew / 2, ey + eh + 4, 15, theme.TEXT, bold=True, anchor="midtop")
    c.hotspot(
        "button.estop",
        (ex, ey, ew, eh),
        ["panel.estop", "panel.safety_ok", "panel.remote_estop"],
        ("비상정지", "E-stop"),
        action="estop",
    )
    c.chip(["panel.estop"], ex + ew / 2, ey - 2, "midbottom")
    mx, my, mw, mh = layout.base["button.mode"]
    cx, cy = mx + mw / 2, my + mh / 2
    c.circle(theme.STEEL_DARK, cx, cy, mw / 2 + 4)
    c.text(c.say("manual"), cx - 30, cy - 30, 13, theme.TEXT, bold=True, anchor="midbottom")
    c.text(c.say("auto"), cx + 30, cy - 30, 13, theme.TEXT, bold=True, anchor="midbottom")
    c.hotspot(
        "button.mode",
        (mx - 10, my - 10, mw + 20, mh + 20),
        ["panel.auto"],
        ("자동/수동 선택", "Auto/manual selector"),
        action="mode",
    )
    c.chip(["panel.auto"], cx, my + mh + 10, "midtop")
    dx, dy, dw, dh = layout.base["panel.display"]
    c.rect((10, 10, 10), dx, dy, dw, dh, radius=4)
    c.rect(theme.STEEL, dx, dy, dw, dh, width=1.5, radius=4)
    c.text(c.say("display"), dx + dw + 8, dy + dh / 2, 12, theme.TEXT_DIM, anchor="midleft")
    c.hotspot("panel.display", (dx, dy, dw, dh), ["panel.display"], ("4자리 표시기", "Four-digit display"))
    c.chip(["panel.display"], dx, dy - 2, "bottomleft")
    lx, ly, lw, lh = layout.base["led.panel.safety_ok"]
    c.hotspot(
        "panel.safety_ok",
        (lx - 4, ly - 4, lw + 110, lh + 8),
        ["panel.safety_ok", "panel.remote_estop"],
        ("안전 릴레이", "Safety relay"),
    )
    c.chip(["panel.safety_ok"], lx, ly + lh + 4, "topleft")


def _panel(c: Canvas) -> None:
    layout = c.layout
    for button in BUTTONS:
        pressed = bool(c.value("panel." + button))
        bx, by, bw, bh = layout.base["button." + button]
        lit, dim = _BUTTON_COLOURS[button]
        cx, cy = bx + bw / 2, by + bh / 2
        if pressed:
            c.circle(theme.mix(lit, theme.PANEL, 0.5), cx, cy, bw / 2 + 9)
            c.circle(theme.mix(lit, (255, 255, 255), 0.35), cx, cy, bw / 2 - 2)
        else:
            c.circle(dim, cx, cy, bw / 2)
            c.circle(theme.mix(dim, (255, 255, 255), 0.15), cx, cy, bw / 2 - 6)
    ex, ey, ew, eh = layout.base["button.estop"]
    cx, cy = ex + ew / 2, ey + eh / 2
    pushed = bool(c.value("panel.estop"))
    if pushed:
        c.circle((120, 16, 12), cx, cy, ew / 2 - 14)
        c.circle((90, 10, 8), cx, cy, ew / 2 - 20, width=3)
        if int(c.plant.time * 2) % 2 == 0:
            c.circle(theme.LED_RED[0], cx, cy, ew / 2 + 2, width=3)
    else:
        c.circle((110, 18, 14), cx, cy, ew / 2 - 8)
        c.circle((226, 36, 28), cx, cy, ew / 2 - 11)
        c.circle((250, 110, 100), cx - 8, cy - 8, 6)
    mx, my, mw, mh = layout.base["button.mode"]
    cx, cy = mx + mw / 2, my + mh / 2
    auto = bool(c.value("panel.auto"))
    c.circle(theme.STEEL_LIGHT, cx, cy, mw / 2 - 2)
    angle = math.radians(-45 if auto else -135)
    tip = (cx + (mw / 2 - 4) * math.cos(angle), cy + (mw / 2 - 4) * math.sin(angle))
    tail = (cx - (mw / 2 - 4) * math.cos(angle), cy - (mw / 2 - 4) * math.sin(angle))
    c.line(theme.TEXT_DARK, tail, tip, 8)
    c.circle(theme.LED_AMBER[0], tip[0] - 4 * math.cos(angle), tip[1] - 4 * math.sin(angle), 3)
    c.text(
        c.say("auto" if auto else "manual"),
        cx,
        my + mh + 8,
        13,
        theme.LED_GREEN[0] if auto else theme.WARN,
        bold=True,
        anchor="midtop",
    )
    dx, dy, dw, dh = layout.base["panel.display"]
    display = int(c.value("panel.display", 0))
    c.text("8888", dx + dw - 10, dy + dh / 2 + 1, 30, (36, 12, 10), bold=True, anchor="midright")
    c.text(f"{display:4d}", dx + dw - 10, dy + dh / 2 + 1, 30, (255, 60, 40), bold=True, anchor="midright")
    safety = bool(c.value("panel.safety_ok"))
    c.led("panel.safety_ok", True, theme.LED_GREEN if safety else theme.LED_RED)
    lx, ly, lw, lh = layout.base["led.panel.safety_ok"]
    c.text(
        c.say("safety_ok" if safety else "safety_tripped"),
        lx + lw + 8,
        ly + lh / 2,
        13,
        theme.TEXT if safety else theme.LED_RED[0],
        bold=not safety,
        anchor="midleft",
    )


# --- stack light -----------------------------------------------------------------------------


def _static_stack(c: Canvas) -> None:
    layout = c.layout
    x, y, w, h = layout.base["stack"]
    c.box(x, y, w, h)
    c.text(c.say("stack_light"), x + w / 2, y + 6, 12, theme.TEXT, bold=True, anchor="midtop", max_width=w - 6)
    top = layout.base["lamp.red"]
    bottom = layout.base["lamp.green"]
    cx = top[0] + top[2] / 2
    c.rect(theme.STEEL_DARK, cx - 20, top[1] - 3, 40, bottom[1] + bottom[3] - top[1] + 6, radius=5)
    c.rect(theme.STEEL, cx - 3, bottom[1] + bottom[3] + 3, 6, 14)
    bx, by, bw, bh = layout.base["lamp.buzzer"]
    c.rect(theme.STEEL_DARK, bx, by, bw, bh, radius=4)
    for lamp in ("red", "amber", "green", "buzzer"):
        lx, ly, lw, lh = layout.base["lamp." + lamp]
        title = {
            "red": ("적색등", "red lamp"),
            "amber": ("황색등", "amber lamp"),
            "green": ("녹색등", "green lamp"),
            "buzzer": ("부저", "buzzer"),
        }[lamp]
        c.hotspot(
            "lamp." + lamp,
            (lx, ly, lw, lh),
            ["stack_light." + lamp],
            ("타워램프 " + title[0], "Stack light " + title[1]),
        )
    c.chip(
        ["stack_light.red", "stack_light.amber", "stack_light.green", "stack_light.buzzer"],
        x + w + 4,
        y + 112,
        "topleft",
    )


def _stack(c: Canvas) -> None:
    layout = c.layout
    for lamp, colours in _LAMPS.items():
        on = bool(c.value("stack_light." + lamp))
        lx, ly, lw, lh = layout.base["lamp." + lamp]
        colour = colours[0] if on else colours[1]
        if on:
            c.rect(theme.mix(colours[0], theme.PANEL, 0.5), lx - 5, ly - 3, lw + 10, lh + 6, radius=9)
        c.rect(colour, lx, ly, lw, lh, radius=6)
        if on:
            c.rect(theme.mix(colours[0], (255, 255, 255), 0.5), lx + 5, ly + 4, lw - 10, 6, radius=3)
    buzzer = bool(c.value("stack_light.buzzer"))
    bx, by, bw, bh = layout.base["lamp.buzzer"]
    c.circle(theme.LED_AMBER[0] if buzzer else theme.STEEL, bx + bw / 2, by + bh / 2, 6)
    if buzzer and int(c.plant.time * 4) % 2 == 0:
        for r in (11, 16):
            c.circle(theme.LED_AMBER[0], bx + bw / 2, by + bh / 2, r, width=1.5)


# --- KPIs and counters -------------------------------------------------------------------------


def _static_kpi(c: Canvas) -> None:
    x, y, w, h = c.layout.base["kpi"]
    c.box(x, y, w, h)
    c.text(c.say("kpi"), x + 12, y + 8, 15, theme.TEXT, bold=True)
    c.text(c.say("good"), x + 16, y + 44, 13, theme.TEXT_DIM)
    c.text(c.say("rejects"), x + 110, y + 44, 13, theme.TEXT_DIM)
    c.text(c.say("oee"), x + 204, y + 44, 13, theme.TEXT_DIM)
    for index, key in enumerate(("availability", "performance", "quality")):
        c.text(c.say(key), x + 16 + index * 94, y + 118, 12, theme.TEXT_DIM)
    c.hotspot(
        "kpi",
        (x, y, w, h),
        [
            "production.state",
            "production.parts_good",
            "production.parts_rejected",
            "production.oee",
            "production.availability",
            "production.performance",
            "production.quality",
        ],
        ("생산 현황", "Production"),
    )
    c.chip(["production.state", "production.parts_good", "production.oee"], x + w - 4, y + 4, "topright")


def _kpi(c: Canvas) -> None:
    x, y, w, h = c.layout.base["kpi"]
    state = int(c.value("production.state", 0))
    label = pick(STATES.get(state, ("?", "?")), c.lang)
    width = c.text_cache.size(label, 14, True)[0] / c.layout.scale + 20
    c.rect(theme.STATE_COLOURS.get(state, theme.STEEL), x + w - 12 - width, y + 8, width, 24, radius=12)
    c.text(label, x + w - 12 - width / 2, y + 20, 14, theme.TEXT, bold=True, anchor="center")
    good = c.value("production.parts_good", 0)
    rejects = c.value("production.parts_rejected", 0)
    oee = c.value("production.oee", 0.0)
    c.text(str(good), x + 16, y + 62, 30, theme.LED_GREEN[0], bold=True)
    c.text(str(rejects), x + 110, y + 62, 30, theme.LED_RED[0] if rejects else theme.TEXT, bold=True)
    c.text(f"{oee:.1f}%", x + 204, y + 62, 30, theme.TEXT, bold=True)
    for index, key in enumerate(("availability", "performance", "quality")):
        value = c.value("production." + key, 0.0)
        bx = x + 16 + index * 94
        c.text(f"{value:.1f} %", bx, y + 136, 16, theme.TEXT, bold=True)
        c.rect(theme.WINDOW, bx, y + 160, 82, 8, radius=3)
        if value > 0:
            c.rect(theme.OK, bx, y + 160, 82 * min(1.0, value / 100.0), 8, radius=3)


def _static_counters(c: Canvas) -> None:
    x, y, w, h = c.layout.base["counters"]
    c.box(x, y, w, h)
    c.text(c.say("counters"), x + 12, y + 8, 15, theme.TEXT, bold=True)
    c.hotspot(
        "counters",
        (x, y, w, 104),
        ["production.parts_in", "production.parts_out", "production.parts_rejected", "production.parts_missorted"],
        ("카운터", "Counters"),
    )
    c.chip(["production.parts_in", "production.parts_out"], x + w - 4, y + 4, "topright")
    if "orders.current_id" in c.tags:
        c.line(theme.PANEL_EDGE, (x + 10, y + 108), (x + w - 10, y + 108), 1)
        c.text(c.say("order"), x + 12, y + 114, 14, theme.TEXT, bold=True)
        c.hotspot(
            "orders",
            (x, y + 108, w, h - 108),
            [
                "orders.current_id",
                "orders.current_quantity_a",
                "orders.current_quantity_b",
                "orders.current_done_a",
                "orders.current_done_b",
                "orders.current_due",
            ],
            ("작업 지시", "Work order"),
        )


def _counters(c: Canvas) -> None:
    x, y, w, h = c.layout.base["counters"]
    rows = [
        ("parts_in", "production.parts_in"),
        ("parts_out", "production.parts_out"),
        ("parts_rejected", "production.parts_rejected"),
    ]
    if c.plant.sorter is not None:
        rows.append(("parts_missorted", "production.parts_missorted"))
    if c.plant.inspection is not None:
        rows.append(("measured", "inspection.measured_count"))
    if c.plant.cnc is not None:
        rows.append(("machined", "cnc.parts_machined"))
    for index, (key, tag) in enumerate(rows[:6]):
        column, row = divmod(index, 3)
        cx = x + 14 + column * 130
        cy = y + 36 + row * 22
        c.text(c.say(key), cx, cy, 13, theme.TEXT_DIM)
        c.text(str(c.value(tag, 0)), cx + 116, cy - 1, 16, theme.TEXT, bold=True, anchor="topright")
    if "orders.current_id" not in c.tags:
        return
    order = c.value("orders.current_id", 0)
    if not order:
        c.text(c.say("order_none"), x + 14, y + 140, 13, theme.TEXT_DIM)
        return
    due = c.value("orders.current_due", 0)
    hours, rest = divmod(int(due), 3600)
    c.text(
        f"#{order} · {c.say('due')} {hours:02d}:{rest // 60:02d}",
        x + w - 14,
        y + 115,
        13,
        theme.TEXT,
        anchor="topright",
    )
    bar = w - 124
    for index, kind in enumerate(("a", "b")):
        done = c.value(f"orders.current_done_{kind}", 0)
        wanted = c.value(f"orders.current_quantity_{kind}", 0)
        cy = y + 138 + index * 21
        colour = theme.PART["A" if kind == "a" else "B"]
        c.rect(colour, x + 14, cy + 2, 12, 12, radius=2)
        c.text(f"{kind.upper()}  {done}/{wanted}", x + 32, cy, 13, theme.TEXT)
        c.rect(theme.WINDOW, x + 110, cy + 4, bar, 8, radius=3)
        if wanted:
            c.rect(colour, x + 110, cy + 4, bar * min(1.0, done / wanted), 8, radius=3)
    done = c.value("orders.completed", 0)
    late = c.value("orders.late", 0)
    c.text(c.say("orders_done", done=done, late=late), x + w - 14, y + 182, 12, theme.TEXT_DIM, anchor="topright")
