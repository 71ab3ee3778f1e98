"""The window's event handling with real pygame events (dummy video driver)."""

from __future__ import annotations

import threading
import time

import pygame
import pytest
from pymodbus.client import ModbusTcpClient

from factorylab.cli import Serving, serve
from factorylab.plant import FAULT_KINDS, Plant
from factorylab.tags import tags_for
from factorylab.view.app import App, LocalDriver

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


def test_clicks_and_keys_reach_a_line_that_serve_runs(screen: pygame.Surface, capsys) -> None:
    """`factorylab sim`'s own path: serve(window=True) runs the line in its thread, the window in this one.

    A helper thread plays the user (pygame events into the window's queue) and
    watches the line as a Modbus client does; the window draws only snapshots.
    """
    pygame.display.quit()  # serve opens its own window
    table = tags_for(Plant("sorting"))
    start, running = table["panel.start"], table["system.running"]
    result: dict[str, object] = {}

    def user(serving: Serving) -> None:
        client = ModbusTcpClient("127.0.0.1", port=serving.port, timeout=3)

        def until(condition) -> bool:
            deadline = time.monotonic() + 20
            while not condition() and time.monotonic() < deadline:
                time.sleep(0.02)
            return condition()

        def bit(tag) -> bool:
            if tag.table == "holding_register":
                return bool(client.read_holding_registers(tag.address, count=1, device_id=1).registers[0])
            return client.read_discrete_inputs(tag.address, count=1, device_id=1).bits[0]

        def window_up() -> bool:
            return pygame.display.get_init() and pygame.display.get_surface() is not None

        try:
            assert client.connect()
            assert until(window_up)
            time.sleep(0.5)  # the first frames are drawn: the layout is there
            size = pygame.display.get_surface().get_size()
            from factorylab.view.layout import Layout

            layout = Layout(serving.runtime.plant.scenario.stations, size)
            pos = layout.rect("button.start").center
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
            result["held"] = until(lambda: bit(start))  # held while the mouse button is down
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
            result["released"] = until(lambda: not bit(start))  # 0.2 s (simulated) after the mouse
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ", scancode=0))
            result["paused"] = until(lambda: serving.runtime.paused and not bit(running))
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ", scancode=0))
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PLUS, mod=0, unicode="+", scancode=0))
            result["faster"] = until(lambda: not serving.runtime.paused and serving.runtime.speed == 5.0)
            result["drawn"] = serving.runtime.latest().version > 1
        finally:
            client.close()
            serving.stop()

    def on_ready(serving: Serving) -> None:
        threading.Thread(target=user, args=(serving,), daemon=True).start()

    code = serve("sorting", seed=1, port=0, speed=2.0, window=True, stats=True, on_ready=on_ready)
    out = capsys.readouterr().out
    assert code == 0
    assert result == {"held": True, "released": True, "paused": True, "faster": True, "drawn": True}
    assert "Window open" in out and "Simulator stopped" in out and "frames" in out


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
