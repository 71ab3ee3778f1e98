"""The window of ``factorylab sim``: the line drawn at up to 60 frames/s, operated by mouse and keys.

Mouse: the operator panel's buttons (start / stop / reset are momentary:
held while the mouse button is down, then 0.2 s more), the E-stop (push in
/ twist out, latching as in the plant) and the auto/manual selector;
hovering a device shows its tags' live values.
Keys: Space pause, + / - speed, R the panel's reset button, T address
overlay, L language, F the teacher's fault menu.

The window never reads or changes a live plant from another thread. It draws
a :class:`~factorylab.runtime.Snapshot` (an immutable copy made between two
ticks) and turns every click and key into a command
(:mod:`factorylab.runtime.commands`) that the runtime applies at the next
tick boundary, through a driver: :class:`RuntimeDriver` for a running line
(:class:`~factorylab.runtime.Runtime` in another thread), :class:`LocalDriver`
for a plant stepped by hand in this thread (tests).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future

import pygame

from ..plant import Plant
from ..plant.faults import FaultError
from ..runtime import (
    ClearFault,
    Command,
    HoldButton,
    InjectFault,
    Pause,
    PressButton,
    Runtime,
    SetSpeed,
    Snapshot,
    ToggleAuto,
    ToggleEstop,
    apply,
)
from .canvas import Hud
from .faultmenu import MenuAction
from .layout import BASE_SIZE
from .renderer import Renderer
from .strings import pick

#: the most frames drawn per second
FPS = 60
#: real-time factors that + and - step through
SPEEDS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0)
#: wall-clock seconds a frame may take: a frame between two snapshots is drawn only
#: if no tick falls due within this time, so drawing does not hold up the line
FRAME_BUDGET = 0.004
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
    """A plant in this thread (tests): commands apply at once; the plant steps only if someone steps it.

    Its snapshots show the live plant itself (nothing else touches it).
    """

    def __init__(self, plant: Plant, address: str = "") -> None:
        self.plant = plant
        self.address = address
        self.paused = False
        self.speed = 1.0

    @property
    def scenario(self):
        return self.plant.scenario

    def snapshot(self) -> Snapshot:
        """The plant as it is now (not a copy)."""
        plant = self.plant
        return Snapshot(0, plant.tick, plant.time, self.speed, self.paused, plant)

    def submit(self, command: Command) -> Future:
        """Apply ``command`` now; a completed future with its result or error."""
        future: Future = Future()
        try:
            if isinstance(command, Pause):
                self.paused = command.paused
                result = None
            elif isinstance(command, SetSpeed):
                self.speed = command.speed
                result = None
            else:
                result = apply(self.plant, command)
        except Exception as exc:  # handed over in the future, as the runtime does
            future.set_exception(exc)
        else:
            future.set_result(result)
        return future


class RuntimeDriver:
    """A running line (:class:`~factorylab.runtime.Runtime`, in another thread): snapshots and queued commands."""

    def __init__(self, runtime: Runtime, address: str = "") -> None:
        self.runtime = runtime
        self.address = address
        #: what this window last asked for (the snapshots tell what the line does)
        self.paused = runtime.paused
        self.speed = runtime.speed

    @property
    def scenario(self):
        return self.runtime.plant.scenario  # set at start, never changes

    def snapshot(self) -> Snapshot:
        """The newest snapshot the runtime published."""
        snapshot = self.runtime.latest()
        if snapshot is None:
            raise RuntimeError("the runtime has not published a snapshot yet: start it first")
        return snapshot

    def submit(self, command: Command) -> Future:
        """Queue ``command`` for the runtime's next tick boundary."""
        if isinstance(command, Pause):
            self.paused = command.paused
        elif isinstance(command, SetSpeed):
            self.speed = command.speed
        return self.runtime.submit(command)


Driver = LocalDriver | RuntimeDriver


class App:
    """The window's state and event handling; :meth:`frame` draws one frame of a snapshot.

    Args:
        driver: how to reach the line (:class:`RuntimeDriver` or :class:`LocalDriver`).
        screen: the display surface (or any surface of the window's size).
        lang: ``ko`` or ``en``.
        overlay: start with the address overlay shown.
    """

    def __init__(self, driver: Driver, screen: pygame.Surface, *, lang: str = "ko", overlay: bool = False) -> None:
        self.driver = driver
        self.screen = screen
        self.renderer = Renderer(driver.scenario, screen.get_size(), lang=lang, overlay=overlay)
        self.running = True
        self.mouse: tuple[int, int] | None = None
        self._held: str | None = None
        #: the snapshot drawn last (None before the first frame)
        self.snapshot: Snapshot | None = None
        #: fault commands whose answer the menu has not shown yet
        self._faults: list[Future] = []
        #: sim time START was clicked (to check that something answered), or None
        self._start_clicked: float | None = None
        #: the banner's hint and the sim time it shows until
        self.hint = ""
        self._hint_until = 0.0

    @property
    def plant(self) -> Plant:
        """The plant of the newest snapshot (with a LocalDriver: the live plant). Read it only."""
        return self._current().plant

    def _current(self) -> Snapshot:
        return self.snapshot if self.snapshot is not None else self.driver.snapshot()

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
        if hotspot is None or hotspot.action is None or self._current().plant.panel is None:
            return
        action = hotspot.action
        if action in ("start", "stop", "reset"):
            self._held = action
            self.driver.submit(HoldButton(action, True))
        elif action == "estop":
            self.driver.submit(ToggleEstop())
        elif action == "mode":
            self.driver.submit(ToggleAuto())

    def _release(self) -> None:
        button, self._held = self._held, None
        if button is not None:  # let go: the contact stays made 0.2 s more, so a short click is seen
            self.driver.submit(PressButton(button))
            if button == "start":
                self._start_clicked = self._current().time

    def _check_start_answered(self, snapshot: Snapshot) -> None:
        """A few seconds after START, explain if no program started anything."""
        plant = snapshot.plant
        if self._start_clicked is not None and snapshot.time - self._start_clicked >= HINT_AFTER:
            self._start_clicked = None
            if not _anything_runs(plant):
                self.hint = "hint_no_controller"
                self._hint_until = snapshot.time + HINT_FOR
        if self.hint and (snapshot.time > self._hint_until or _anything_runs(plant)):
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
            self.driver.submit(Pause(not self.driver.paused))
        elif key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self._step_speed(+1)
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_UNDERSCORE):
            self._step_speed(-1)
        elif key == pygame.K_r:  # the panel's reset button, as on the keyboard of an HMI
            if self._current().plant.panel is not None:
                self.driver.submit(PressButton("reset"))
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
        self.driver.submit(SetSpeed(new))

    def _fault(self, action: MenuAction) -> None:
        self.renderer.fault_menu.message = ""
        if action.kind == "inject":
            self._faults.append(self.driver.submit(InjectFault(action.fault, action.target)))
        elif action.kind == "clear":
            self._faults.append(self.driver.submit(ClearFault(action.record_id)))

    def _fault_answers(self) -> None:
        """Show why a fault could not be injected or cleared (other errors are bugs: raised)."""
        waiting = []
        for future in self._faults:
            if not future.done():
                waiting.append(future)
                continue
            error = future.exception()
            if isinstance(error, FaultError):
                self.renderer.fault_menu.message = error.message(self.renderer.lang)
            elif error is not None:
                raise error
        self._faults = waiting

    def _caption(self) -> None:
        if pygame.display.get_surface() is None:
            return
        title = pick((self.driver.scenario.title.ko, self.driver.scenario.title.en), self.renderer.lang)
        address = f" — Modbus {self.driver.address}" if self.driver.address else ""
        pygame.display.set_caption(f"FactoryLab — {title}{address}")

    # --- frames ---------------------------------------------------------------------------
    def draw(self, snapshot: Snapshot | None = None) -> None:
        """Draw ``snapshot`` (default: the driver's newest) on the screen surface."""
        snapshot = snapshot if snapshot is not None else self.driver.snapshot()
        self.snapshot = snapshot
        self._fault_answers()
        self._check_start_answered(snapshot)
        hud = Hud(
            paused=snapshot.paused,
            speed=snapshot.speed,
            address=self.driver.address,
            mouse=self.mouse,
            hint=self.hint,
        )
        self.renderer.draw(self.screen, snapshot.plant, hud)

    def frame(self, snapshot: Snapshot | None = None) -> None:
        """Handle pending events, draw ``snapshot`` (default: the driver's newest), show."""
        for event in pygame.event.get():
            self.handle(event)
        if self.running:
            self.draw(snapshot)
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
    runtime: Runtime,
    screen: pygame.Surface,
    stop: threading.Event,
    *,
    lang: str = "ko",
    address: str = "",
) -> tuple[int, float]:
    """Show the running line in the window (see :func:`open_window`) until it is closed, ``stop``
    is set (see :func:`stop_on_signals`) or the runtime ends.

    Runs in the main thread while ``runtime`` runs the line in its own; the
    runtime says when a frame may be drawn (:meth:`~factorylab.runtime.Runtime.next_frame`):
    after each snapshot, and in between only when no tick falls due within
    :data:`FRAME_BUDGET`.

    Returns:
        Frames drawn and the wall-clock seconds the window was open.
    """
    app = App(RuntimeDriver(runtime, address), screen, lang=lang)
    app._caption()
    frames = 0
    opened = runtime.uptime()
    version = 0
    try:
        while app.running and not stop.is_set() and not runtime.stopped:
            snapshot = runtime.next_frame(version, FRAME_BUDGET)
            if snapshot is None:
                continue
            version = snapshot.version
            app.frame(snapshot)
            frames += 1
    except KeyboardInterrupt:
        pass
    finally:
        pygame.display.quit()
    return frames, runtime.uptime() - opened
