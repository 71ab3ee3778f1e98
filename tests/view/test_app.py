"""The window's event handling with real pygame events (dummy video driver)."""

from __future__ import annotations

import asyncio
import time

import pygame
import pytest

from factorylab.modbus import PlantModbusServer
from factorylab.modbus.live import LiveSimulation
from factorylab.plant import FAULT_KINDS, Plant
from factorylab.tags import tags_for
from factorylab.view.app import App, LiveDriver, LocalDriver
from factorylab.view.simthread import SimThread

from .conftest import close, colour_at


def click(app: App, key: str, *, up: bool = True) -> None:
    """A left click on a layout rectangle, as pygame events."""
    pos = app.renderer.layout.rect(key).center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    if up:
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.frame()


def press(app: App, *keys: int) -> None:
    for key in keys:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    app.frame()


@pytest.fixture
def app(screen: pygame.Surface) -> App:
    return App(LocalDriver(Plant("sorting", seed=1)), screen, lang="ko")


def test_clicking_start_sets_the_panels_start_input(app: App) -> None:
    start = tags_for(app.plant)["panel.start"]
    assert start.reader(app.plant) is False
    click(app, "button.start", up=False)
    assert start.reader(app.plant) is True  # held while the mouse button is down
    app.plant.advance(1.0)
    assert start.reader(app.plant) is True
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(0, 0), button=1))
    app.frame()
    assert start.reader(app.plant) is True  # a short click still lasts 0.2 s for the controller
    app.plant.advance(0.25)
    assert start.reader(app.plant) is False


def test_a_pressed_button_lights_up(app: App) -> None:
    rect = app.renderer.layout.rect("button.stop")
    before = colour_at(app.screen, rect)
    click(app, "button.stop", up=False)
    after = colour_at(app.screen, rect)
    assert app.plant.panel.stop and sum(after) > sum(before) + 60
    click(app, "button.stop")


def test_the_estop_latches_and_reset_restores_safety(app: App) -> None:
    click(app, "button.estop")
    app.plant.advance(1.0)
    assert app.plant.panel.estop and not app.plant.panel.safety_ok
    click(app, "button.reset")
    app.plant.advance(0.5)
    assert not app.plant.panel.safety_ok  # the E-stop is still pushed in
    click(app, "button.estop")  # twist it out
    assert not app.plant.panel.estop
    click(app, "button.reset")
    app.plant.advance(0.5)
    assert app.plant.panel.safety_ok


def test_the_mode_selector_toggles_auto_and_manual(app: App) -> None:
    assert app.plant.panel.auto
    click(app, "button.mode")
    assert not app.plant.panel.auto
    click(app, "button.mode")
    assert app.plant.panel.auto


def test_keys_pause_speed_overlay_language_and_reset(app: App) -> None:
    driver = app.driver
    press(app, pygame.K_SPACE)
    assert driver.paused
    press(app, pygame.K_SPACE, pygame.K_PLUS, pygame.K_PLUS)
    assert not driver.paused and driver.speed == 5.0
    press(app, pygame.K_MINUS, pygame.K_MINUS, pygame.K_MINUS)
    assert driver.speed == 0.5
    press(app, pygame.K_t)
    assert app.renderer.overlay_on and app.renderer.overlay_labels
    press(app, pygame.K_l)
    assert app.renderer.lang == "en"
    app.plant.panel.set_estop(True)
    app.plant.step()
    app.plant.panel.set_estop(False)
    press(app, pygame.K_r)  # R presses the panel's reset: the safety relay closes again
    assert app.plant.panel.reset
    app.plant.step()
    assert app.plant.panel.safety_ok


def test_the_fault_menu_injects_and_clears_a_fault(app: App) -> None:
    press(app, pygame.K_f)
    menu = app.renderer.fault_menu
    assert menu.open
    jam = FAULT_KINDS.index("jam") + 1
    press(app, getattr(pygame, f"K_{jam}"))
    assert menu.kind == "jam"
    press(app, pygame.K_2)
    active = app.plant.faults.active
    assert [(f.kind, f.target) for f in active] == [("jam", "conveyor2")]
    app.frame()
    clear = next(item for item in menu.items if item.action is not None and item.action.kind == "clear")
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=clear.rect.center, button=1))
    app.frame()
    assert app.plant.faults.active == []
    press(app, pygame.K_ESCAPE)
    assert not menu.open


def test_closing_the_window_ends_the_app(app: App) -> None:
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    app.frame()
    assert not app.running


def test_a_resized_window_draws_at_its_new_size(screen: pygame.Surface) -> None:
    app = App(LocalDriver(Plant("line")), screen)
    screen = pygame.display.set_mode((1920, 1080), pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1920, 1080), w=1920, h=1080))
    app.frame()
    assert app.renderer.size == (1920, 1080)
    lamp = app.renderer.layout.rect("lamp.green")
    assert lamp.width == 54 and not close(colour_at(app.screen, lamp), (0, 0, 0))


def test_clicks_reach_a_plant_served_from_another_thread(screen: pygame.Surface) -> None:
    """The windowed `factorylab sim` path: the plant runs in the simulator's thread, the window in this one."""
    plant = Plant("sorting", seed=1)

    async def serve(ready) -> int:
        server = PlantModbusServer(plant, "127.0.0.1", 0)
        await server.start()
        live = LiveSimulation(plant, server, speed=2.0)
        ready(live, server)
        try:
            await live.run()
        except asyncio.CancelledError:
            pass
        finally:
            await server.stop()
        return 0

    sim = SimThread(serve)
    assert sim.start()
    try:
        app = App(LiveDriver(sim, plant, f"127.0.0.1:{sim.server.port}"), screen)

        def until(condition) -> bool:
            deadline = time.monotonic() + 20
            while not condition() and time.monotonic() < deadline:
                app.frame()
                time.sleep(0.01)
            return condition()

        click(app, "button.start", up=False)
        assert until(lambda: plant.panel.start)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(0, 0), button=1))
        assert until(lambda: not plant.panel.start)  # released 0.2 s (simulated) after the mouse
        press(app, pygame.K_SPACE)
        assert until(lambda: sim.live.paused)
        press(app, pygame.K_SPACE, pygame.K_PLUS)
        assert until(lambda: not sim.live.paused and sim.live.speed == 5.0)
        assert until(lambda: plant.time > 1.0)
        press(app, pygame.K_SPACE)
        assert until(lambda: sim.live.paused)
        press(app, pygame.K_r)
        assert until(lambda: plant.panel.reset)
    finally:
        assert sim.stop() == 0


def _pixels_of(surface: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int]) -> int:
    return sum(
        1
        for x in range(rect.left, rect.right, 2)
        for y in range(rect.top, rect.bottom, 2)
        if tuple(surface.get_at((x, y)))[:3] == colour
    )


def test_start_with_no_program_says_why_nothing_moves(app: App) -> None:
    from factorylab.view import theme

    banner = app.renderer.layout.rect("banner")
    click(app, "button.start")
    app.plant.advance(1.0)
    app.frame()
    assert app.hint == ""  # give a program a moment to answer
    app.plant.advance(2.5)
    app.frame()
    assert app.hint == "hint_no_controller"
    assert _pixels_of(app.screen, banner, theme.HINT) > 20  # the advice is drawn, in the hint colour
    app.plant.conveyor1.run = True  # a program answers after all
    app.frame()
    assert app.hint == "" and _pixels_of(app.screen, banner, theme.HINT) == 0


def test_no_hint_when_a_program_answers_start(screen: pygame.Surface) -> None:
    from factorylab.control import LocalLine
    from factorylab.control.reference import make_demo_controller

    plant = Plant("line", seed=2)
    app = App(LocalDriver(plant), screen, lang="en")
    line = LocalLine(plant)
    demo = make_demo_controller(line, operator=True, wait_for_oven=False)

    def run(seconds: float) -> None:
        for _ in range(round(seconds / plant.dt)):
            demo(line, plant.time)
            plant.step()

    run(2.0)
    assert not line.conveyor1.run and plant.production.parts_in == 0  # waits for START
    click(app, "button.start")
    run(20.0)
    app.frame()
    assert line.conveyor1.run and plant.production.parts_in > 0 and app.hint == ""
    click(app, "button.stop")
    run(1.0)
    assert not line.conveyor1.run and line.stack_light.amber and not line.stack_light.green
