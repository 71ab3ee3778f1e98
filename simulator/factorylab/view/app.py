"""The window of ``factorylab sim``: the line drawn at 60 frames/s, operated by mouse and keys.

Mouse: the operator panel's buttons (start / stop / reset are momentary:
held while the mouse button is down, then 0.2 s more), the E-stop (push in
/ twist out, latching as in the plant) and the auto/manual selector;
hovering a device shows its tags' live values.
Keys: Space pause, + / - speed, R the panel's reset button, T address
overlay, L language, F the teacher's fault menu.

The window only reads the plant. Every change (an operator action, a
fault, pause, speed) goes through a driver: :class:`LiveDriver` hands it to
the simulator's thread (:class:`~.simthread.SimThread`), :class:`LocalDriver`
applies it at once (tests, a plant in this thread).
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import pygame

from ..plant import Plant
from ..plant.faults import FaultError
from .canvas import Hud
from .faultmenu import MenuAction
from .layout import BASE_SIZE
from .renderer import Renderer
from .simthread import SimThread
from .strings import pick

log = logging.getLogger("factorylab.view")

FPS = 60
#: real-time factors that + and - step through
SPEEDS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0)
#: the GIL is handed to the simulator's thread this often (s) while the window draws
SWITCH_INTERVAL = 0.0001
#: consecutive frames that may fail while the plant changes under the window
_TORN_FRAMES = 30
#: simulated seconds after START before the view says no program answered it, and how long it says so
HINT_AFTER = 3.0
HINT_FOR = 20.0


def _anything_runs(plant: Plant) -> bool:
    """True if a program switched any drive on (feeder, belts, CNC)."""
    drives = [plant.feeder, plant.cnc, *plant.conveyors]
    return any(drive is not None and drive.run for drive in drives)


class NoWindow(RuntimeError):
    """No window could be opened (no usable display)."""


class LocalDriver:
    """A plant in this thread: actions apply at once; the plant steps only if someone steps it."""

    def __init__(self, plant: Plant, address: str = "") -> None:
        self.plant = plant
        self.address = address
        self.paused = False
        self.speed = 1.0

    def post(self, action: Callable[[Plant], Any]) -> None:
        """Apply ``action(plant)`` now."""
        action(self.plant)

    def set_paused(self, paused: bool) -> None:
        self.paused = paused

    def set_speed(self, speed: float) -> None:
        self.speed = speed


class LiveDriver:
    """The plant of a running simulator thread: actions run in its thread, between ticks."""

    def __init__(self, sim: SimThread, plant: Plant, address: str = "") -> None:
        self.sim = sim
        self.plant = plant
        self.address = address

    @property
    def paused(self) -> bool:
        return bool(self.sim.live and self.sim.live.paused)

    @property
    def speed(self) -> float:
        return self.sim.live.speed if self.sim.live else 1.0

    def post(self, action: Callable[[Plant], Any]) -> None:
        """Run ``action(plant)`` in the simulator's thread."""
        self.sim.call(action, self.plant)

    def set_paused(self, paused: bool) -> None:
        live = self.sim.live
        self.sim.call(live.pause, paused)

    def set_speed(self, speed: float) -> None:
        live = self.sim.live

        def change() -> None:
            live.speed = speed

        self.sim.call(change)


class App:
    """The window's state and event handling; :meth:`frame` draws one frame.

    Args:
        driver: how to reach the plant (:class:`LiveDriver` or :class:`LocalDriver`).
        screen: the display surface (or any surface of the window's size).
        lang: ``ko`` or ``en``.
        overlay: start with the address overlay shown.
    """

    def __init__(
        self, driver: LocalDriver | LiveDriver, screen: pygame.Surface, *, lang: str = "ko", overlay: bool = False
    ) -> None:
        self.driver = driver
        self.screen = screen
        self.renderer = Renderer(driver.plant.scenario, screen.get_size(), lang=lang, overlay=overlay)
        self.running = True
        self.mouse: tuple[int, int] | None = None
        self._held: str | None = None
        self._torn = 0
        #: sim time START was clicked (to check that something answered), or None
        self._start_clicked: float | None = None
        #: the banner's hint and the sim time it shows until
        self.hint = ""
        self._hint_until = 0.0

    @property
    def plant(self) -> Plant:
        return self.driver.plant

    # --- events ---------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        """React to one pygame event."""
        if event.type == pygame.QUIT:
            self.running = False
        elif event.type == pygame.VIDEORESIZE:
            surface = pygame.display.get_surface()
            if surface is not None:
                self.screen = surface
            self.renderer.resize(self.screen.get_size())
        elif event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
        elif event.type == pygame.WINDOWLEAVE:
            self.mouse = None
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.mouse = event.pos
            self._press(event.pos)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self._release()
        elif event.type == pygame.KEYDOWN:
            self._key(event)

    def _press(self, pos: tuple[int, int]) -> None:
        menu = self.renderer.fault_menu
        if menu.open:
            if menu.contains(pos, self.renderer.layout):
                action = menu.click(pos)
                if action is not None:
                    self._fault(action)
                return
        hotspot = self.renderer.hotspot_at(pos)
        if hotspot is None or hotspot.action is None or self.plant.panel is None:
            return
        action = hotspot.action
        if action in ("start", "stop", "reset"):
            self._held = action
            self.driver.post(lambda plant: plant.panel.hold(action, True))
        elif action == "estop":
            self.driver.post(lambda plant: plant.panel.set_estop(not plant.panel.estop))
        elif action == "mode":
            self.driver.post(lambda plant: plant.panel.set_auto(not plant.panel.auto))

    def _release(self) -> None:
        button, self._held = self._held, None
        if button is not None:  # let go: the contact stays made 0.2 s more, so a short click is seen
            self.driver.post(lambda plant: plant.panel.press(button, plant.time, 0.2))
            if button == "start":
                self._start_clicked = self.plant.time

    def _check_start_answered(self) -> None:
        """A few seconds after START, explain if no program started anything."""
        plant = self.plant
        if self._start_clicked is not None and plant.time - self._start_clicked >= HINT_AFTER:
            self._start_clicked = None
            if not _anything_runs(plant):
                self.hint = "hint_no_controller"
                self._hint_until = plant.time + HINT_FOR
        if self.hint and (plant.time > self._hint_until or _anything_runs(plant)):
            self.hint = ""

    def _key(self, event: pygame.event.Event) -> None:
        key = event.key
        menu = self.renderer.fault_menu
        if menu.open and key not in (pygame.K_f, pygame.K_SPACE, pygame.K_t, pygame.K_l):
            action = menu.key(key)
            if action is not None:
                self._fault(action)
            return
        if key == pygame.K_SPACE:
            self.driver.set_paused(not self.driver.paused)
        elif key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self._step_speed(+1)
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_UNDERSCORE):
            self._step_speed(-1)
        elif key == pygame.K_r:  # the panel's reset button, as on the keyboard of an HMI
            self.driver.post(lambda plant: plant.panel.press("reset", plant.time, 0.2) if plant.panel else None)
        elif key == pygame.K_t:
            self.renderer.set_overlay(not self.renderer.overlay_on)
        elif key == pygame.K_l:
            self.renderer.set_lang("en" if self.renderer.lang == "ko" else "ko")
            self._caption()
        elif key == pygame.K_f:
            menu.toggle()

    def _step_speed(self, direction: int) -> None:
        speed = self.driver.speed
        if direction > 0:
            faster = [s for s in SPEEDS if s > speed + 1e-9]
            new = faster[0] if faster else SPEEDS[-1]
        else:
            slower = [s for s in SPEEDS if s < speed - 1e-9]
            new = slower[-1] if slower else SPEEDS[0]
        self.driver.set_speed(new)

    def _fault(self, action: MenuAction) -> None:
        menu = self.renderer.fault_menu
        menu.message = ""

        def apply(plant: Plant) -> None:
            try:
                if action.kind == "inject":
                    plant.inject_fault(action.fault, action.target)
                elif action.kind == "clear":
                    plant.clear_fault(action.record_id)
            except FaultError as exc:
                menu.message = exc.message(self.renderer.lang)

        self.driver.post(apply)

    def _caption(self) -> None:
        if pygame.display.get_surface() is None:
            return
        title = pick((self.plant.scenario.title.ko, self.plant.scenario.title.en), self.renderer.lang)
        address = f" — Modbus {self.driver.address}" if self.driver.address else ""
        pygame.display.set_caption(f"FactoryLab — {title}{address}")

    # --- frames ---------------------------------------------------------------------------
    def draw(self) -> None:
        """Draw the line as it is now on the screen surface."""
        self._check_start_answered()
        hud = Hud(
            paused=self.driver.paused,
            speed=self.driver.speed,
            address=self.driver.address,
            mouse=self.mouse,
            hint=self.hint,
        )
        try:
            self.renderer.draw(self.screen, self.plant, hud)
            self._torn = 0
        except (AttributeError, IndexError, KeyError, RuntimeError, TypeError, ValueError):
            # the simulator's thread changed the plant while we read it: skip this frame
            self._torn += 1
            if self._torn > _TORN_FRAMES or isinstance(self.driver, LocalDriver):
                raise

    def frame(self) -> None:
        """Handle pending events, draw, show."""
        for event in pygame.event.get():
            self.handle(event)
        if self.running:
            self.draw()
            if pygame.display.get_surface() is not None:
                pygame.display.flip()


def open_window(size: tuple[int, int] | None = None) -> pygame.Surface:
    """Initialise pygame's display and open the resizable window (NoWindow if impossible)."""
    try:
        pygame.display.init()
        pygame.font.init()
        if size is None:
            size = BASE_SIZE
            desktops = pygame.display.get_desktop_sizes()
            if desktops:
                width, height = desktops[0]
                scale = min(1.0, 0.92 * width / BASE_SIZE[0], 0.88 * height / BASE_SIZE[1])
                size = (round(BASE_SIZE[0] * scale), round(BASE_SIZE[1] * scale))
        return pygame.display.set_mode(size, pygame.RESIZABLE)
    except pygame.error as exc:
        pygame.display.quit()
        raise NoWindow(str(exc)) from None


def stop_on_signals() -> tuple[threading.Event, Callable[[], None]]:
    """An event that Ctrl-C (SIGINT) and SIGTERM set, and a function restoring the old handlers.

    Install it before the simulator starts, so no signal can kill the process midway.
    """
    stop = threading.Event()
    previous = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            previous[signum] = signal.signal(signum, lambda *_: stop.set())
        except (ValueError, OSError):  # not the main thread
            pass

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    return stop, restore


def run_window(
    sim: SimThread,
    plant: Plant,
    screen: pygame.Surface,
    stop: threading.Event,
    *,
    lang: str = "ko",
    address: str = "",
) -> tuple[int, float]:
    """Show the line in the window (see :func:`open_window`) until it is closed, ``stop``
    is set (see :func:`stop_on_signals`) or the simulator ends.

    Runs in the main thread while ``sim`` serves the plant in its own.

    Returns:
        Frames drawn and the wall-clock seconds the window was open.
    """
    interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    app = App(LiveDriver(sim, plant, address), screen, lang=lang)
    app._caption()
    clock = pygame.time.Clock()
    frames = 0
    started = time.perf_counter()
    try:
        while app.running and not stop.is_set() and sim.alive:
            app.frame()
            frames += 1
            clock.tick(FPS)
    except KeyboardInterrupt:
        pass
    finally:
        sys.setswitchinterval(interval)
        pygame.display.quit()
    return frames, time.perf_counter() - started
