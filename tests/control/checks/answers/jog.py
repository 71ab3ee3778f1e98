"""Answers to ``jog`` (lab 3-1, exercise 3-1): inching, the belts run only while start is held and stop is not."""

from __future__ import annotations

from factorylab import plc

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "jog"


# --- correct, written in different ways --------------------------------------------------------------


def jog(line, t, m):
    """Reference: one rung, start (NO contact) in series with stop (NC contact)."""
    run = line.panel.start and not line.panel.stop
    line.conveyor1.run = run
    line.conveyor2.run = run


def with_if_else(line, t):
    """An if/else that writes both branches in every scan."""
    if line.panel.start and not line.panel.stop:
        line.conveyor1.run = True
        line.conveyor2.run = True
    else:
        line.conveyor1.run = False
        line.conveyor2.run = False


class Jogger:
    """An object with ``__call__`` and no memory at all."""

    def __call__(self, line, t):
        held = bool(line.panel.start)
        pressed_stop = bool(line.panel.stop)
        line.conveyor1.run = line.conveyor2.run = held and not pressed_stop


as_an_object = Jogger()


def stop_first(line, t, m):
    """Stop tested first, then start: a plain if/elif; ``m`` unused."""
    if line.panel.stop:
        run = False
    elif line.panel.start:
        run = True
    else:
        run = False
    line.conveyor1.run = run
    line.conveyor2.run = run


CORRECT = [jog, with_if_else, as_an_object, stop_first]
REFERENCE = jog


# --- wrong ------------------------------------------------------------------------------------------------


def seal_in(line, t):
    """Jumps ahead to the seal-in: keeps running after start is let go."""
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop
    line.conveyor1.run = line.conveyor2.run = run


def ignores_stop(line, t):
    """Follows start only."""
    line.conveyor1.run = line.conveyor2.run = line.panel.start


def inverted(line, t):
    """An NO contact written as an NC one: runs while start is NOT pressed."""
    line.conveyor1.run = line.conveyor2.run = not line.panel.start and not line.panel.stop


def timetable(line, t):
    """Open loop: on and off by the clock."""
    run = 5 < t < 8 or 14 < t < 19 or 25 < t < 28
    line.conveyor1.run = line.conveyor2.run = run


def only_conveyor1(line, t):
    """Right idea, forgets the second belt."""
    line.conveyor1.run = line.panel.start and not line.panel.stop


start_edge = plc.R_TRIG()


def on_the_edge(line, t):
    """Runs for one scan at the moment start is pressed (the edge, not the level)."""
    run = start_edge(line.panel.start) and not line.panel.stop
    line.conveyor1.run = line.conveyor2.run = run


def waits_while_held(line, t):
    """A ``while`` loop inside the scan: the inputs never change inside one scan, so it never ends."""
    while line.panel.start:
        line.conveyor1.run = line.conveyor2.run = True
    line.conveyor1.run = line.conveyor2.run = False


def writes_the_button(line, t):
    """Tries to press the button from the program."""
    line.panel.start = True


def always_on(line, t):
    """Ignores every button."""
    line.conveyor1.run = line.conveyor2.run = True


def wrong_button(line, t):
    """Right idea, wrong tag: reads the reset button."""
    line.conveyor1.run = line.conveyor2.run = line.panel.reset and not line.panel.stop


WRONG = [
    Wrong(seal_in, "runs_after_release"),
    Wrong(ignores_stop, "stop_ignored"),
    Wrong(inverted, "inverted"),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(only_conveyor1, "conveyor2_missing", WRONG_TAG),
    Wrong(on_the_edge, "off_while_held"),
    Wrong(waits_while_held, "watchdog"),
    Wrong(writes_the_button, "read_only_tag"),
    Wrong(always_on, "on_before_start"),
    Wrong(wrong_button, "no_start", WRONG_TAG),
]
