"""The renderer: every scenario draws, indicators follow the plant, the overlay reads the tag table."""

from __future__ import annotations

import dataclasses
import re

import pygame
import pytest

from factorylab.control.line import LocalLine
from factorylab.plant import Plant, builtin_ids
from factorylab.tags import TagTable, tags_for
from factorylab.view import theme
from factorylab.view.canvas import Hud
from factorylab.view.overlay import tooltip_lines
from factorylab.view.renderer import Renderer
from factorylab.view.screenshot import render, run_demo
from factorylab.view.text import BOLD, FONT_DIR, REGULAR, TextCache

from .conftest import LIT_SENSOR, SIZE, UNLIT_SENSOR, close, colour_at


def draw(plant: Plant, renderer: Renderer | None = None, **hud) -> tuple[pygame.Surface, Renderer]:
    renderer = renderer or Renderer(plant.scenario, SIZE, lang="en")
    surface = pygame.Surface(renderer.size)
    renderer.draw(surface, plant, Hud(**hud))
    return surface, renderer


@pytest.mark.parametrize("scenario", builtin_ids())
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_scenario_renders(scenario: str, lang: str) -> None:
    plant = run_demo(scenario, 30.0)
    surface = render(plant, SIZE, lang)
    assert surface.get_size() == SIZE
    colours = {tuple(surface.get_at((x, y)))[:3] for x in range(0, SIZE[0], 7) for y in range(0, SIZE[1], 7)}
    assert len(colours) > 40  # a picture, not a blank screen
    overlay = render(plant, (1920, 1080), lang, overlay=True)
    assert overlay.get_size() == (1920, 1080)


def test_the_stations_of_each_scenario_are_drawn() -> None:
    full = Renderer(Plant("line").scenario)
    for key in ("cnc", "oven", "tank", "pusher", "inspection", "colour_sensor", "bin", "feeder", "button.estop"):
        full.hotspot(key)
    tank_only = Renderer(Plant("tank").scenario)
    tank_only.hotspot("tank")
    with pytest.raises(KeyError):
        tank_only.hotspot("conveyor1")


def test_a_blocked_photo_eye_lights_its_indicator() -> None:
    plant = Plant("conveyor", seed=1)
    surface, renderer = draw(plant)
    led = renderer.layout.rect("led.conveyor1.photo_eye_infeed")
    assert close(colour_at(surface, led), UNLIT_SENSOR)
    plant.feeder.run = True  # the feeder places a part over the infeed photo-eye
    plant.step()
    assert plant.conveyor1.photo_eye_infeed
    surface, _ = draw(plant, renderer)
    assert close(colour_at(surface, led), LIT_SENSOR)
    # the indicator shows what the controller reads: a sensor stuck off stays dark though the beam is broken
    plant.inject_fault("sensor_stuck_off", "conveyor1.photo_eye_infeed")
    surface, _ = draw(plant, renderer)
    assert close(colour_at(surface, led), UNLIT_SENSOR)


def test_the_pusher_limit_switches_follow_the_stroke() -> None:
    plant = Plant("sorting")
    surface, renderer = draw(plant)
    retracted = renderer.layout.rect("led.sorter.retracted")
    extended = renderer.layout.rect("led.sorter.extended")
    assert close(colour_at(surface, retracted), LIT_SENSOR) and close(colour_at(surface, extended), UNLIT_SENSOR)
    plant.sorter.extend = True
    plant.advance(1.0)
    surface, _ = draw(plant, renderer)
    assert close(colour_at(surface, retracted), UNLIT_SENSOR) and close(colour_at(surface, extended), LIT_SENSOR)


@pytest.mark.parametrize(
    "lamps", [(True, False, False), (False, True, False), (False, False, True), (True, True, True)]
)
def test_the_stack_light_matches_the_tags(lamps: tuple[bool, bool, bool]) -> None:
    plant = Plant("sorting")
    line = LocalLine(plant)
    line.stack_light.red, line.stack_light.amber, line.stack_light.green = lamps
    surface, renderer = draw(plant)
    table = tags_for(plant)
    colours = {"red": theme.LED_RED, "amber": theme.LED_AMBER, "green": theme.LED_GREEN}
    for lamp, (lit, unlit) in colours.items():
        on = table[f"stack_light.{lamp}"].reader(plant)
        assert on == lamps[list(colours).index(lamp)]
        assert close(colour_at(surface, renderer.layout.rect("lamp." + lamp)), lit if on else unlit), lamp


def test_the_alarm_banner_turns_red_on_estop() -> None:
    plant = Plant("sorting")
    surface, renderer = draw(plant)
    banner = renderer.layout.rect("banner")
    probe = pygame.Rect(banner.right - 20, banner.top + 2, 4, 4)
    assert not close(colour_at(surface, probe), theme.ALARM)
    plant.panel.set_estop(True)
    plant.step()
    surface, _ = draw(plant, renderer)
    assert close(colour_at(surface, probe), theme.ALARM)


def test_parts_are_drawn_in_their_type_colour_where_they_are() -> None:
    plant = run_demo("sorting", 20.0)
    surface, renderer = draw(plant)
    belt = renderer.layout.belts["conveyor1"]
    seen = 0
    for part in plant.track.parts:
        if part.lead > 1200.0 or part.lead - part.length < 0:
            continue
        x = belt.x0 + (part.lead - part.length / 2) * belt.k
        point = renderer.layout.p(x, belt.y_at(part.lateral))
        assert close(tuple(surface.get_at(point))[:3], theme.PART[part.kind], 2)
        seen += 1
    assert seen


def test_hangul_renders_with_the_shipped_font_not_the_missing_glyph_box() -> None:
    assert REGULAR.is_file() and BOLD.is_file() and (FONT_DIR / "OFL.txt").is_file()
    text = TextCache(1.0)
    missing = pygame.image.tobytes(text.render("\ue000", 24, (255, 255, 255)), "RGBA")
    glyphs = set()
    for char in "컨베이어비상정지타워램프":
        image = pygame.image.tobytes(text.render(char, 24, (255, 255, 255)), "RGBA")
        assert image != missing, char
        glyphs.add(image)
    assert len(glyphs) == len(set("컨베이어비상정지타워램프"))  # every syllable its own shape


def test_the_overlay_shows_the_addresses_of_the_tag_table() -> None:
    plant = Plant("line")
    table = tags_for(plant)
    renderer = Renderer(plant.scenario, SIZE, lang="en", overlay=True)
    draw(plant, renderer)
    lines = [line for label in renderer.overlay_labels for line in label.lines]
    assert len(lines) > 30
    short = {"coil": "Coil", "discrete_input": "DI", "input_register": "IR", "holding_register": "HR"}
    for line in lines:
        name, table_name, address, notation = re.fullmatch(r"(\S+)  (\w+) (\d+) · (\d+)", line).groups()
        tag = table[name]
        assert (table_name, int(address), notation) == (short[tag.table], tag.address, tag.notation)
    run = table["conveyor1.run"]
    assert f"conveyor1.run  Coil {run.address} · {run.notation}" in lines


def test_the_overlay_takes_addresses_from_the_table_it_is_given() -> None:
    plant = Plant("sorting")
    table = tags_for(plant)
    moved = TagTable(dataclasses.replace(t, address=377) if t.name == "conveyor1.run" else t for t in table)
    normal, first = draw(plant, Renderer(plant.scenario, SIZE, lang="en", overlay=True))
    doctored, second = draw(plant, Renderer(plant.scenario, SIZE, lang="en", overlay=True, tags=moved))
    lines = [line for label in second.overlay_labels for line in label.lines]
    assert "conveyor1.run  Coil 377 · 00378" in lines
    assert not any(line.startswith("conveyor1.run  Coil 300") for line in lines)
    label = next(label for label in second.overlay_labels if "conveyor1.run  Coil 377 · 00378" in label.lines)
    region = label.rect
    assert pygame.image.tobytes(normal.subsurface(region), "RGB") != pygame.image.tobytes(
        doctored.subsurface(region), "RGB"
    )


def test_the_overlay_is_drawn_only_when_on() -> None:
    plant = Plant("sorting")
    plain, renderer = draw(plant)
    assert renderer.overlay_labels == []
    renderer.set_overlay(True)
    shown, _ = draw(plant, renderer)
    label = renderer.overlay_labels[0]
    assert close(tuple(shown.get_at((label.rect.left + 1, label.rect.centery)))[:3], theme.CHIP, 40)
    assert pygame.image.tobytes(plain, "RGB") != pygame.image.tobytes(shown, "RGB")


def test_hovering_a_photo_eye_shows_its_live_value_and_address() -> None:
    plant = Plant("conveyor")
    renderer = Renderer(plant.scenario, SIZE, lang="en")
    hotspot = renderer.hotspot("eye.conveyor1.photo_eye_exit")
    assert renderer.hotspot_at(hotspot.rect.center) is hotspot
    tag = tags_for(plant)["conveyor1.photo_eye_exit"]
    lines = [text for _, text in tooltip_lines(hotspot, renderer.tags, plant, "en")]
    assert "conveyor1.photo_eye_exit = 0" in lines
    assert f"discrete input {tag.address} (0-based) = {tag.notation}" in lines
    assert tag.description_en in lines
    ko = [text for _, text in tooltip_lines(hotspot, renderer.tags, plant, "ko")]
    assert f"입력 비트 {tag.address} (0부터) = {tag.notation}" in ko and tag.description_ko in ko
    mouse = hotspot.rect.center
    with_tip, _ = draw(plant, renderer, mouse=mouse)
    assert close(tuple(with_tip.get_at((mouse[0] + 24, mouse[1] + 24)))[:3], theme.TOOLTIP, 2)


def test_the_layout_scales_to_the_window() -> None:
    plant = Plant("line")
    small, renderer = draw(plant)
    lamp = renderer.layout.rect("lamp.green")
    renderer.resize((1920, 1080))
    big, _ = draw(plant, renderer)
    assert big.get_size() == (1920, 1080)
    assert renderer.layout.scale == pytest.approx(1.5)
    assert renderer.layout.rect("lamp.green").width == pytest.approx(lamp.width * 1.5, abs=1)
    renderer.resize((1000, 1000))  # another shape: letterboxed, still all inside
    draw(plant, renderer)
    assert renderer.layout.rect("help").bottom <= 1000 and renderer.layout.rect("top").width <= 1000


def test_language_switch_redraws_the_labels() -> None:
    plant = Plant("sorting")
    ko, renderer = draw(plant, Renderer(plant.scenario, SIZE, lang="ko"))
    renderer.set_lang("en")
    en, _ = draw(plant, renderer)
    panel = renderer.layout.rect("panel")
    assert pygame.image.tobytes(ko.subsurface(panel), "RGB") != pygame.image.tobytes(en.subsurface(panel), "RGB")


def test_every_text_the_view_shows_has_its_glyphs_in_the_shipped_font() -> None:
    from factorylab.plant.faults import KIND_NAMES_KO
    from factorylab.tags import ALL_TAGS
    from factorylab.view import strings

    text = TextCache(1.0)
    missing = pygame.image.tobytes(text.render("\ue000", 20, (255, 255, 255)), "RGBA")
    texts = [t for pair in (*strings.S.values(), *strings.STATES.values(), *strings.CNC_STATES.values()) for t in pair]
    texts += list(strings.FAULT_NAMES_EN.values()) + list(KIND_NAMES_KO.values())
    texts += [tag.description_ko + tag.description_en + tag.unit for tag in ALL_TAGS]
    texts += ["▶■Ø°×·←—#%±"]
    chars = {char for t in texts for char in t if char.strip()}
    absent = [c for c in sorted(chars) if pygame.image.tobytes(text.render(c, 20, (255, 255, 255)), "RGBA") == missing]
    assert absent == []


def test_a_broken_tool_is_crossed_out_until_it_is_changed() -> None:
    plant = Plant("cnc", seed=3)
    plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = plant.cnc.run = True
    plant.advance(30.0)
    surface, renderer = draw(plant)
    wx, wy, ww, _ = renderer.layout.base["cnc.window"]
    spindle = renderer.layout.p(wx + ww / 2, wy + 18)  # the crossing of the red cross
    assert not close(tuple(surface.get_at(spindle))[:3], theme.LED_RED[0])
    plant.inject_fault("tool_breakage")
    plant.cnc.reset = True  # reset: the CNC asks for a tool change (state 6)
    plant.advance(1.0)
    assert plant.cnc.state == 6
    surface, _ = draw(plant, renderer)
    assert close(tuple(surface.get_at(spindle))[:3], theme.LED_RED[0])
    plant.cnc.tool_change = True
    plant.advance(31.0)
    assert plant.cnc.state != 6 and not plant.cnc.tool_change_required
    surface, _ = draw(plant, renderer)
    assert not close(tuple(surface.get_at(spindle))[:3], theme.LED_RED[0])
