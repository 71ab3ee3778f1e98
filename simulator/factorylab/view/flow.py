"""The material flow: feeder, belts with their parts and photo-eyes, inspection,
colour sensor, pusher, reject bin and outfeed.

``draw_static`` draws what never moves (into the cached background) and
declares hotspots and overlay labels; ``draw_dynamic`` draws the state of
the plant each frame. Only the plant's state is read: positions of parts,
belt speeds, sensor and actuator values. Belt stripes move by the belt
speed times the simulated time between frames (an animation, not physics).
"""

from __future__ import annotations

import math

import pygame

from ..plant import layout as plant_layout
from ..plant.conveyor import Track
from ..plant.parts import Part
from . import theme
from .canvas import Canvas
from .layout import Belt
from .strings import S

STRIPE_MM = 60.0  # distance between belt stripes

_EYES = {
    "conveyor1.photo_eye_infeed": "eye_infeed",
    "conveyor1.photo_eye_exit": "eye_c1_exit",
    "conveyor2.photo_eye_entry": "eye_c2_entry",
    "conveyor2.photo_eye_exit": "eye_c2_exit",
    "sorter.photo_eye": "eye_pusher",
}
_PART_HALF_WIDTH = 0.5 * plant_layout.PART_WIDTH


def draw_static(c: Canvas) -> None:
    """Belts, housings, labels, hotspots and overlay labels of the material flow."""
    layout = c.layout
    for belt in layout.belts.values():
        _static_belt(c, belt)
    if layout.has("feeder") and "feeder" in layout.base:
        _static_feeder(c)
    for name, x in layout.eyes.items():
        _static_eye(c, name, x)
    if "inspection" in layout.base:
        _static_inspection(c)
    if "colour_sensor" in layout.base:
        _static_sorter(c)
    if "outfeed" in layout.base:
        x, y, w, h = layout.base["outfeed"]
        c.rect(theme.STEEL_DARK, x, y + 20, w, h - 20, radius=4)
        c.rect(theme.WINDOW, x + 4, y + 24, w - 8, h - 28, radius=3)
        c.text(c.say("outfeed"), x + w / 2, y + h + 4, 12, theme.TEXT_DIM, anchor="midtop")
        c.hotspot("outfeed", (x, y, w, h), ["production.parts_out"], ("배출구", "Outfeed"))
        c.chip(["production.parts_out"], x + w, y + h + 22, "topright")


def _static_belt(c: Canvas, belt: Belt) -> None:
    top = belt.y - belt.half
    length = belt.x1 - belt.x0
    c.rect(theme.STEEL_DARK, belt.x0 - 4, top - 5, length + 8, 2 * belt.half + 10, radius=8)
    c.rect(theme.BELT, belt.x0, top, length, 2 * belt.half, radius=5)
    for y in (top - 3, belt.y + belt.half + 3):
        c.line(theme.BELT_EDGE, (belt.x0, y), (belt.x1, y), 2)
    label = c.say(belt.name)
    c.text(label, belt.x0 + 6, belt.y + belt.half + 8, 14, theme.TEXT, bold=True)
    mx, my, mw, mh = c.layout.base["motor." + belt.name]
    c.rect(theme.STEEL, mx, my, mw, mh, radius=4)
    c.text("M", mx + mw / 2, my + mh / 2, 14, theme.TEXT_DARK, bold=True, anchor="center")
    c.line(theme.STEEL, (mx + mw / 2, my), (mx + mw / 2, belt.y + belt.half + 5), 3)
    name = belt.name
    c.hotspot(
        name,
        (belt.x0, top - 4, length, 2 * belt.half + 8),
        [f"{name}.run", f"{name}.speed", f"{name}.running", f"{name}.belt_speed"],
        (f"컨베이어{name[-1]}", f"Conveyor {name[-1]}"),
    )
    c.hotspot(
        "motor." + name,
        (mx - 16, my, mw + 16, mh),
        [f"{name}.running", f"{name}.current", f"{name}.vibration", f"{name}.overload"],
        (f"컨베이어{name[-1]} 모터", f"Conveyor {name[-1]} motor"),
    )
    c.chip([f"{name}.run", f"{name}.speed"], belt.x0 + 6, belt.y + belt.half + 30, "topleft")
    if name == "conveyor1":  # a short belt: under the run label, leaving the belt's end in view
        c.chip([f"{name}.running", f"{name}.current"], belt.x0 + 6, belt.y + belt.half + 70, "topleft")
    else:
        c.chip([f"{name}.running", f"{name}.current"], mx + mw, my + mh + 4, "topright")


def _static_feeder(c: Canvas) -> None:
    x, y, w, h = c.layout.base["feeder"]
    belt = c.layout.belts["conveyor1"]
    for cx in (x + 16, x + w - 16):
        c.line(theme.STEEL, (cx, y + h - 6), (cx, belt.y - belt.half - 24), 2)
    c.polygon(theme.STEEL, [(x, y), (x + w, y), (x + w - 12, y + h - 6), (x + 12, y + h - 6)])
    c.polygon(theme.STEEL_LIGHT, [(x, y), (x + w, y), (x + w - 12, y + h - 6), (x + 12, y + h - 6)], width=1)
    for index in range(3):
        c.rect(theme.STEEL_DARK, x + 14, y + 6 + index * 9, w - 28, 7, radius=2)
    c.text(c.say("feeder"), x + 2, y - 4, 14, theme.TEXT, bold=True, anchor="bottomleft")
    c.hotspot(
        "feeder", (x, y - 20, w + 20, h + 20), ["feeder.run", "feeder.interval", "feeder.select"], ("공급기", "Feeder")
    )
    c.chip(["feeder.run"], x, y - 22, "bottomleft")


def _static_eye(c: Canvas, name: str, beam_x: float) -> None:
    layout = c.layout
    belt = layout.belts["conveyor1" if name.startswith("conveyor1") else "conveyor2"]
    led = layout.base["led." + name]
    head_x = led[0] + led[2] / 2
    top = belt.y - belt.half
    bottom = belt.y + belt.half
    c.rect(theme.STEEL_LIGHT, head_x - 8, top - 22, 16, 20, radius=3)  # sensor head
    if head_x != beam_x:  # bracket from the head to the beam
        c.line(theme.STEEL_LIGHT, (head_x, top - 3), (beam_x, top - 3), 2)
    c.rect(theme.STEEL_LIGHT, beam_x - 5, bottom + 1, 10, 4)  # reflector
    label = c.say(_EYES[name])
    if name == "conveyor1.photo_eye_infeed":  # under the feeder's chute: label beside the head
        c.text(label, head_x + 11, top - 14, 11, theme.TEXT_DIM, anchor="midleft")
    else:
        c.text(label, head_x, top - 24, 11, theme.TEXT_DIM, anchor="midbottom")
    x, y, w, h = layout.base["eye." + name]
    ko, en = S[_EYES[name]]
    c.hotspot("eye." + name, (x, y - 14, w, h + 14), [name], (f"광전 센서 · {ko}", f"Photo-eye · {en}"))
    c.chip([name], head_x, top - 38, "midbottom")


def _static_inspection(c: Canvas) -> None:
    layout = c.layout
    belt = layout.belts["conveyor2"]
    gx, gy, gw, gh = layout.base["inspection.gauge"]
    top = belt.y - belt.half
    c.rect(theme.STEEL, gx, gy, gw, 8, radius=2)  # bridge over the belt
    c.rect(theme.STEEL, gx, gy, 4, gh)
    c.rect(theme.STEEL, gx + gw - 4, gy, 4, gh)
    c.rect(theme.STEEL_LIGHT, gx + gw / 2 - 2, gy + 8, 4, top - gy - 4)  # probe
    x, y, w, h = layout.base["inspection"]
    c.line(theme.STEEL, (gx + gw / 2, y + h), (gx + gw / 2, gy), 2)
    c.box(x, y, w, h, fill=theme.WINDOW)
    c.text(c.say("inspection"), x + 8, y + 5, 14, theme.TEXT, bold=True)
    c.hotspot(
        "inspection",
        (x, y, w, h),
        ["inspection.part_id", "inspection.dimension", "inspection.weight", "inspection.hardness", "inspection.reject"],
        ("검사기", "Inspection"),
    )
    c.hotspot(
        "inspection.gauge",
        (gx - 4, gy, gw + 8, gh),
        ["inspection.dimension", "inspection.reject"],
        ("검사기", "Inspection"),
    )
    c.chip(["inspection.reject", "inspection.dimension"], x, y - 4, "bottomleft")


def _static_sorter(c: Canvas) -> None:
    layout = c.layout
    x, y, w, h = layout.base["colour_sensor"]
    c.rect(theme.STEEL_LIGHT, x, y, w, h, radius=4)
    c.text(c.say("colour_sensor"), x + w / 2, y - 3, 11, theme.TEXT_DIM, anchor="midbottom")
    c.hotspot("colour_sensor", (x - 6, y - 16, w + 12, h + 40), ["sorter.type_b"], ("색상 센서", "Colour sensor"))
    c.chip(["sorter.type_b"], x + w / 2, y - 18, "midbottom")
    px, py, pw, ph = layout.base["pusher"]
    body_bottom = py + 80
    c.rect(theme.STEEL, px + 4, py, pw - 8, body_bottom - py, radius=4)  # cylinder
    c.rect(theme.STEEL_LIGHT, px + 4, py, pw - 8, body_bottom - py, width=1, radius=4)
    c.text(c.say("pusher"), px + pw / 2, py - 4, 14, theme.TEXT, bold=True, anchor="midbottom")
    for name in ("retracted", "extended"):
        lx, ly, lw, lh = layout.base["led.sorter." + name]
        c.text(c.say(name), lx - 3, ly + lh / 2, 11, theme.TEXT_DIM, anchor="midright")
    c.hotspot(
        "pusher",
        (px - 60, py - 18, pw + 60, ph + 18),
        ["sorter.extend", "sorter.extended", "sorter.retracted"],
        ("푸셔", "Pusher"),
    )
    c.chip(["sorter.extend", "sorter.retracted", "sorter.extended"], px + pw + 4, py - 22, "topleft")
    bx, by, bw, bh = layout.base["bin"]
    c.polygon(theme.STEEL_DARK, [(bx, by), (bx + bw, by), (bx + bw - 6, by + bh), (bx + 6, by + bh)])
    c.polygon(theme.STEEL_LIGHT, [(bx, by), (bx + bw, by), (bx + bw - 6, by + bh), (bx + 6, by + bh)], width=1)
    c.text(c.say("reject_bin"), bx + bw + 4, by + bh, 12, theme.TEXT_DIM, anchor="bottomleft")
    c.hotspot(
        "bin", (bx, by, bw, bh), ["production.parts_rejected", "production.parts_missorted"], ("불량함", "Reject bin")
    )


# --- each frame ------------------------------------------------------------------------


def draw_dynamic(c: Canvas, phases: dict[str, float], textures: dict[str, pygame.Surface]) -> None:
    """The moving part of the flow.

    ``phases`` (belt name -> stripe offset, mm) animates the belts;
    ``textures`` keeps each belt's stripes, drawn once per size (the caller
    empties it when the size changes).
    """
    plant = c.plant
    layout = c.layout
    for belt in layout.belts.values():
        conveyor = getattr(plant, belt.name)
        _belt(c, belt, conveyor, phases.get(belt.name, 0.0), textures)
    tracks = [t for t in (plant.infeed_track, plant.outfeed_track) if t is not None]
    if len(tracks) == 2 and tracks[0] is tracks[1]:
        tracks = tracks[:1]
    for name in layout.eyes:
        _eye(c, name)
    for track in tracks:
        belt = layout.belts[track.belts[0].name]
        for part in list(track.parts):
            _part_on_belt(c, belt, track, part)
    if layout.has("feeder") and "feeder" in layout.base:
        c.led("feeder.run", bool(c.value("feeder.run")), theme.LED_GREEN)
    if "inspection" in layout.base:
        _inspection(c)
    if "colour_sensor" in layout.base:
        _sorter(c)
    if "outfeed" in layout.base:
        x, y, w, h = layout.base["outfeed"]
        finished = _recent(plant, "outfeed", 8)
        _stack(c, finished, x + 7, y + h - 8, w - 14)
        c.text(str(c.value("production.parts_out", 0)), x + w / 2, y + 6, 16, theme.TEXT, bold=True, anchor="midtop")


def _stripes(c: Canvas, belt: Belt) -> pygame.Surface:
    """The belt's chevrons, one period longer than the belt (window px)."""
    rect = c.r(belt.x0, belt.y - belt.half, belt.x1 - belt.x0, 2 * belt.half)
    period = STRIPE_MM * belt.k * c.layout.scale
    surface = pygame.Surface((rect.width + 2 * math.ceil(period), rect.height))
    surface.fill(theme.BELT)
    surface.set_colorkey(theme.BELT)
    tip = 6 * c.layout.scale
    width = c.s(2)
    x = 0.0
    while x < surface.get_width():
        pygame.draw.line(surface, theme.BELT_STRIPE, (x, c.s(2)), (x + tip, rect.height / 2), width)
        pygame.draw.line(surface, theme.BELT_STRIPE, (x + tip, rect.height / 2), (x, rect.height - c.s(2)), width)
        x += period
    return surface


def _belt(c: Canvas, belt: Belt, conveyor, phase: float, textures: dict[str, pygame.Surface]) -> None:
    name = belt.name
    stripes = textures.get(name)
    if stripes is None:
        stripes = textures[name] = _stripes(c, belt)
    rect = c.r(belt.x0, belt.y - belt.half, belt.x1 - belt.x0, 2 * belt.half)
    period = STRIPE_MM * belt.k * c.layout.scale
    shift = (phase % STRIPE_MM) * belt.k * c.layout.scale
    clip = c.surface.get_clip()
    c.surface.set_clip(rect.inflate(-c.s(3), 0))
    c.surface.blit(stripes, (round(rect.left - period + shift), rect.top))
    c.surface.set_clip(clip)
    running = bool(c.value(f"{name}.running"))
    overload = bool(c.value(f"{name}.overload"))
    if overload:
        blink = int(c.plant.time * 2) % 2 == 0
        c.led("motor." + name, blink, theme.LED_RED)
    else:
        c.led("motor." + name, running, theme.LED_GREEN)
    label = c.say(name)
    width = c.text_cache.size(label, 14, True)[0] / c.layout.scale
    speed = c.value(f"{name}.speed", 0)
    belt_speed = c.value(f"{name}.belt_speed", 0)
    arrow = "▶ " if running else "■ "
    info = f"{arrow}{speed:.0f} % · {belt_speed:.0f} mm/s"
    if overload:
        info += " · " + c.say("overload")
    colour = theme.LED_RED[0] if overload else theme.LED_GREEN[0] if running else theme.TEXT_DIM
    mx, my, mw, mh = c.layout.base["motor." + name]
    room = mx - 62 - (belt.x0 + 14 + width)  # up to the motor's current reading
    c.text(info, belt.x0 + 14 + width, belt.y + belt.half + 9, 13, colour, max_width=room)
    current = conveyor.current if conveyor is not None else 0.0
    c.text(f"{c.value(f'{name}.current', current):.2f} A", mx - 14, my + mh / 2, 12, theme.TEXT_DIM, anchor="midright")


def _eye(c: Canvas, name: str) -> None:
    plant = c.plant
    belt = c.layout.belts["conveyor1" if name.startswith("conveyor1") else "conveyor2"]
    if name == "sorter.photo_eye":
        eye = plant.sorter.photo_eye_sensor
    else:
        device, attribute = name.split(".")
        eye = getattr(plant, device).photo_eyes[attribute]
    x = c.layout.eyes[name]
    top = belt.y - belt.half
    part = eye.track.covers(eye.position)
    end = belt.y + belt.half + 1
    if part is not None:  # the beam stops at the part
        end = belt.y_at(part.lateral - _PART_HALF_WIDTH)
    c.line(theme.BEAM, (x, top - 2), (x, end), 1.5)
    c.led(name, bool(c.value(name)), theme.LED_SENSOR)


def part_rect(belt: Belt, track: Track, part: Part) -> tuple[float, float, float, float]:
    """Design rectangle of a part on a belt's track."""
    x_lead = belt.x0 + part.lead * belt.k
    length = part.length * belt.k
    half = _PART_HALF_WIDTH * belt.lateral
    y = belt.y_at(part.lateral)
    return (x_lead - length, y - half, length, 2 * half)


def draw_part(c: Canvas, part: Part, x: float, y: float, w: float, h: float) -> None:
    """A part: its type colour with a dark edge (a cross while it is jammed)."""
    kind = part.kind
    c.rect(theme.PART.get(kind, theme.STEEL), x, y, w, h, radius=2.5)
    c.rect(theme.PART_EDGE.get(kind, theme.STEEL_DARK), x, y, w, h, width=1.2, radius=2.5)
    if part.jammed:
        c.line(theme.LED_SENSOR[0], (x + 2, y + 2), (x + w - 2, y + h - 2), 2)
        c.line(theme.LED_SENSOR[0], (x + w - 2, y + 2), (x + 2, y + h - 2), 2)


def _part_on_belt(c: Canvas, belt: Belt, track: Track, part: Part) -> None:
    draw_part(c, part, *part_rect(belt, track, part))


def _inspection(c: Canvas) -> None:
    x, y, w, h = c.layout.base["inspection"]
    part_id = c.value("inspection.part_id", 0)
    dim = theme.TEXT if part_id else theme.TEXT_DIM
    c.text(f"#{part_id}" if part_id else "—", x + w - 30, y + 6, 13, dim, anchor="topright")
    rows = [
        ("Ø", f"{c.value('inspection.dimension', 0.0):.3f} mm"),
        ("W", f"{c.value('inspection.weight', 0.0):.1f} g"),
        ("HRC", f"{c.value('inspection.hardness', 0.0):.1f}"),
    ]
    for index, (label, value) in enumerate(rows):
        row_y = y + 28 + index * 20
        c.text(label, x + 10, row_y, 13, theme.TEXT_DIM)
        c.text(value, x + 122, row_y, 15, dim, bold=True, anchor="topright")
    reject = bool(c.value("inspection.reject"))
    if part_id:
        c.led("inspection.reject", True, theme.LED_RED if reject else theme.LED_GREEN)
        verdict = "NG" if reject else "OK"
        c.text(
            verdict,
            x + w - 22,
            y + 68,
            18,
            theme.LED_RED[0] if reject else theme.LED_GREEN[0],
            bold=True,
            anchor="midtop",
        )
    else:
        c.led("inspection.reject", False, theme.LED_GREEN)


def _sorter(c: Canvas) -> None:
    layout = c.layout
    plant = c.plant
    sorter = plant.sorter
    belt = layout.belts["conveyor2"]
    c.led("sorter.type_b", bool(c.value("sorter.type_b")), theme.LED_BLUE)
    px, py, pw, ph = layout.base["pusher"]
    centre = px + pw / 2
    head = plant_layout.PUSHER_HEAD_WIDTH * belt.k
    face_y = belt.y_at(sorter.face)
    body_bottom = py + 80
    c.rect(theme.STEEL_LIGHT, centre - 3, body_bottom, 6, max(1.0, face_y - 8 - body_bottom))  # rod
    c.rect(theme.STEEL_LIGHT, centre - head / 2, face_y - 8, head, 8, radius=2)  # head
    c.rect(theme.STEEL_DARK, centre - head / 2, face_y - 8, head, 8, width=1, radius=2)
    c.led("sorter.retracted", bool(c.value("sorter.retracted")), theme.LED_SENSOR)
    c.led("sorter.extended", bool(c.value("sorter.extended")), theme.LED_SENSOR)
    valve = bool(c.value("sorter.extend"))
    c.rect(theme.LED_GREEN[0] if valve else theme.STEEL_DARK, px + 8, py + 6, pw - 16, 8, radius=2)
    bx, by, bw, bh = layout.base["bin"]
    rejected = _recent(plant, "reject_bin", 8)
    _stack(c, rejected, bx + 8, by + bh - 6, bw - 16)
    c.text(
        str(c.value("production.parts_rejected", 0)), bx + bw / 2, by + 4, 15, theme.TEXT, bold=True, anchor="midtop"
    )


def _recent(plant, place: str, count: int) -> list[Part]:
    """The last ``count`` finished parts that went to ``place``, oldest first."""
    recent = plant.finished_parts[-60:]
    return [p for p in recent if p.location == place][-count:]


def _stack(c: Canvas, parts: list[Part], x: float, bottom: float, width: float) -> None:
    """Finished parts as small blocks in rows of four, newest on top."""
    size = width / 4
    for index, part in enumerate(parts):
        row, column = divmod(index, 4)
        c.rect(
            theme.PART.get(part.kind, theme.STEEL),
            x + column * size + 1,
            bottom - (row + 1) * (size * 0.7),
            size - 2,
            size * 0.7 - 2,
            radius=1.5,
        )
