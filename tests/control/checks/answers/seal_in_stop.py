"""Answers to ``seal_in_stop`` (lab 3-1, exercise 3-2): start/stop seal-in with stop priority, no E-stop, no lamps."""

from __future__ import annotations

import time

from factorylab import plc

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "seal_in_stop"


# --- correct, written in different ways --------------------------------------------------------------


def seal_in(line, t, m):
    """Reference: the ladder rung, sealed by the output's own contact."""
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop
    line.conveyor1.run = run
    line.conveyor2.run = run


def with_m(line, t, m):
    """An internal relay in m; stop tested last, so it wins."""
    if line.panel.start:
        m["run"] = True
    if line.panel.stop:
        m["run"] = False
    line.conveyor1.run = m["run"]
    line.conveyor2.run = m["run"]


latch = plc.RS()


def with_an_rs_latch(line, t):
    """A reset-dominant latch (RS) made once at module level."""
    run = latch(line.panel.start, line.panel.stop)
    line.conveyor1.run = line.conveyor2.run = run


def sealed_by_the_contactor(line, t):
    """Sealed by the motor's feedback (the contactor's auxiliary contact), as on many panels."""
    run = (line.panel.start or line.conveyor1.running) and not line.panel.stop
    line.conveyor1.run = line.conveyor2.run = run


def make_with_an_edge():
    """A factory: start on its rising edge, state in a closure."""
    on = False
    edge = plc.R_TRIG()

    def controller(line, t):
        nonlocal on
        if edge(line.panel.start):
            on = True
        if line.panel.stop:
            on = False
        line.conveyor1.run = line.conveyor2.run = on

    return controller


CORRECT = [seal_in, with_m, with_an_rs_latch, sealed_by_the_contactor, make_with_an_edge]
REFERENCE = seal_in


# --- wrong ------------------------------------------------------------------------------------------------


def jog(line, t):
    """The previous exercise: runs only while start is held."""
    run = line.panel.start and not line.panel.stop
    line.conveyor1.run = line.conveyor2.run = run


def if_order_start_last(line, t, m):
    """'The if order is the priority': stop tested first, start last, so start wins when both are pressed."""
    if line.panel.stop:
        m["run"] = False
    if line.panel.start:
        m["run"] = True
    line.conveyor1.run = line.conveyor2.run = m["run"]


toggled = False
start_edge = plc.R_TRIG()


def toggle(line, t):
    """Each press of start switches on or off."""
    global toggled
    if start_edge(line.panel.start):
        toggled = not toggled
    if line.panel.stop:
        toggled = False
    line.conveyor1.run = line.conveyor2.run = toggled


def ignores_stop(line, t):
    """Forgets the stop button."""
    run = line.panel.start or line.conveyor1.run
    line.conveyor1.run = line.conveyor2.run = run


def timetable(line, t):
    """Open loop: on and off by the clock."""
    run = 6 < t < 20 or 27 < t < 40 or 46 < t < 55
    line.conveyor1.run = line.conveyor2.run = run


def only_conveyor1(line, t):
    """Right idea, forgets the second belt."""
    line.conveyor1.run = (line.panel.start or line.conveyor1.run) and not line.panel.stop


def sleeps_in_the_scan(line, t):
    """Waits with time.sleep inside the scan: the watchdog stops it."""
    if line.panel.start:
        line.conveyor1.run = line.conveyor2.run = True
        time.sleep(1.0)


running = False


def forgot_global(line, t):
    """Assigns a module variable inside the function without ``global``: Python's UnboundLocalError."""
    if line.panel.start:
        running = True
    if line.panel.stop:
        running = False
    line.conveyor1.run = line.conveyor2.run = running


def always_on(line, t):
    """Ignores every button."""
    line.conveyor1.run = line.conveyor2.run = True


WRONG = [
    Wrong(jog, "no_seal"),
    Wrong(if_order_start_last, "start_dominant"),
    Wrong(toggle, "toggle"),
    Wrong(ignores_stop, "stop_ignored"),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(only_conveyor1, "conveyor2_missing", WRONG_TAG),
    Wrong(sleeps_in_the_scan, "watchdog"),
    Wrong(forgot_global, "python_error"),
    Wrong(always_on, "on_before_start"),
]
