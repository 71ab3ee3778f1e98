"""Answers to ``seal_in``: start/stop seal-in with stop priority, E-stop and reset, stack light."""

from __future__ import annotations

from factorylab import plc

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "seal_in"


def _lamps(line, run: bool) -> None:
    line.stack_light.green = run
    line.stack_light.red = not line.panel.safety_ok


# --- correct, written in different ways --------------------------------------------------------------


def seal_in(line, t):
    """Reference: the classic ladder rung, sealed by the output's own contact."""
    ok = line.panel.safety_ok
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok
    line.conveyor1.run = run
    line.conveyor2.run = run
    line.stack_light.green = run
    line.stack_light.red = not ok


running = False


def with_a_global(line, t):
    """State in a module-level variable (``global``)."""
    global running
    if line.panel.start:
        running = True
    if line.panel.stop or not line.panel.safety_ok:
        running = False
    line.conveyor1.run = line.conveyor2.run = running
    _lamps(line, running)


latch = plc.RS()


def with_a_module_rs(line, t):
    """A reset-dominant PLC latch made once at module level."""
    run = latch(line.panel.start, line.panel.stop or not line.panel.safety_ok)
    line.conveyor1.run = line.conveyor2.run = run
    _lamps(line, run)


class SealInController:
    """An object with ``__call__``; its attribute is its memory. Passed as an instance."""

    def __init__(self) -> None:
        self.on = False

    def __call__(self, line, t):
        start, stop, ok = line.panel.start, line.panel.stop, line.panel.safety_ok
        self.on = ok and not stop and (start or self.on)
        line.conveyor1.run = self.on
        line.conveyor2.run = self.on
        _lamps(line, self.on)


as_an_object = SealInController()


def make_with_a_closure():
    """A factory: a fresh closure for each run; start on the rising edge."""
    on = False
    edge = plc.R_TRIG()

    def controller(line, t):
        nonlocal on
        if edge(line.panel.start):
            on = True
        if line.panel.stop or not line.panel.safety_ok:
            on = False
        line.conveyor1.run = line.conveyor2.run = on
        _lamps(line, on)

    return controller


def with_m(line, t, m):
    """The recommended pattern: what a scan remembers lives in m."""
    if line.panel.stop or not line.panel.safety_ok:
        m["run"] = False
    elif line.panel.start:
        m["run"] = True
    line.conveyor1.run = m["run"]
    line.conveyor2.run = m["run"]
    _lamps(line, m["run"])


CORRECT = [seal_in, with_a_global, with_a_module_rs, as_an_object, make_with_a_closure, with_m]
REFERENCE = seal_in


# --- wrong ------------------------------------------------------------------------------------------------


def jog(line, t):
    """Runs only while start is held."""
    run = line.panel.start and not line.panel.stop and line.panel.safety_ok
    line.conveyor1.run = line.conveyor2.run = run
    _lamps(line, run)


def start_dominant(line, t):
    """start or (run and not stop): start wins when both are pressed."""
    ok = line.panel.safety_ok
    run = (line.panel.start or (line.conveyor1.run and not line.panel.stop)) and ok
    line.conveyor1.run = line.conveyor2.run = run
    _lamps(line, run)


toggled = False
start_edge = plc.R_TRIG()


def toggle(line, t):
    """Each press of start switches on or off."""
    global toggled
    if start_edge(line.panel.start):
        toggled = not toggled
    if line.panel.stop or not line.panel.safety_ok:
        toggled = False
    line.conveyor1.run = line.conveyor2.run = toggled
    _lamps(line, toggled)


def ignores_the_estop(line, t):
    """The seal-in survives an E-stop."""
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop
    line.conveyor1.run = line.conveyor2.run = run
    _lamps(line, run)


def uses_estop_not_safety_ok(line, t):
    """Right idea, wrong tag: panel.estop is off again before the reset."""
    ok = not line.panel.estop
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok
    line.conveyor1.run = line.conveyor2.run = run
    _lamps(line, run)


def timetable(line, t):
    """Open loop: on and off by the clock."""
    run = 4 < t < 20 or 28 < t < 45 or 55 < t < 70
    line.conveyor1.run = line.conveyor2.run = run
    _lamps(line, run)


def ignores_stop(line, t):
    """Forgets the stop button."""
    ok = line.panel.safety_ok
    run = (line.panel.start or line.conveyor1.run) and ok
    line.conveyor1.run = line.conveyor2.run = run
    _lamps(line, run)


def make_restart_after_reset():
    """Remembers 'running' through the E-stop, so the line restarts at the reset."""
    state = {"on": False}

    def controller(line, t):
        if line.panel.start:
            state["on"] = True
        if line.panel.stop:
            state["on"] = False
        run = state["on"] and line.panel.safety_ok
        line.conveyor1.run = line.conveyor2.run = run
        _lamps(line, run)

    return controller


def only_conveyor1(line, t):
    """Right idea, forgets the second belt."""
    ok = line.panel.safety_ok
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok
    line.conveyor1.run = run
    _lamps(line, run)


def amber_for_running(line, t):
    """Right idea, wrong lamp."""
    ok = line.panel.safety_ok
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok
    line.conveyor1.run = line.conveyor2.run = run
    line.stack_light.amber = run
    line.stack_light.red = not ok


def no_red_lamp(line, t):
    """Forgets the red lamp."""
    ok = line.panel.safety_ok
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok
    line.conveyor1.run = line.conveyor2.run = line.stack_light.green = run


def always_on(line, t):
    """Ignores every button."""
    line.conveyor1.run = line.conveyor2.run = line.stack_light.green = True


def writes_the_button(line, t):
    """Tries to write an input."""
    line.panel.start = False


def misspelt(line, t):
    """A misspelt tag name."""
    line.conveyor1.runn = True


def waits_for_start(line, t):
    """Waits inside the scan: the watchdog stops it."""
    while not line.panel.start:
        pass
    line.conveyor1.run = True


def divides_by_zero(line, t):
    """A Python error in the student's code."""
    line.conveyor1.run = 1 / 0 > 1


def make_timer_in_every_scan(line, t):
    """Makes a new timer in every scan, so it never times."""
    delay = plc.TON(0.1)
    run = delay(line.panel.start, t) or line.conveyor1.run
    line.conveyor1.run = line.conveyor2.run = run and line.panel.safety_ok and not line.panel.stop
    _lamps(line, line.conveyor1.run)


WRONG = [
    Wrong(jog, "no_seal"),
    Wrong(start_dominant, "start_dominant"),
    Wrong(toggle, "toggle"),
    Wrong(ignores_the_estop, "estop_ignored"),
    Wrong(uses_estop_not_safety_ok, "estop_not_safety", WRONG_TAG),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(ignores_stop, "stop_ignored"),
    Wrong(make_restart_after_reset, "restart_after_reset"),
    Wrong(only_conveyor1, "conveyor2_missing", WRONG_TAG),
    Wrong(amber_for_running, "amber_for_running"),
    Wrong(no_red_lamp, "red_off_in_estop"),
    Wrong(always_on, "on_before_start"),
    Wrong(writes_the_button, "read_only_tag"),
    Wrong(misspelt, "unknown_tag"),
    Wrong(waits_for_start, "watchdog"),
    Wrong(divides_by_zero, "python_error"),
    Wrong(make_timer_in_every_scan, "block_made_in_scan"),
]
