"""Answers to ``lamp_follows_button``: green lamp while start is held, amber while it is not (lab 0-1)."""

from __future__ import annotations

from factorylab import plc

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "lamp_follows_button"


# --- correct, written in different ways --------------------------------------------------------------


def lamp(line, t):
    """Reference: two assignments, the lamps copy the button."""
    line.stack_light.green = line.panel.start
    line.stack_light.amber = not line.panel.start


def with_if(line, t):
    """The beginner's if/else."""
    if line.panel.start:
        line.stack_light.green = True
        line.stack_light.amber = False
    else:
        line.stack_light.green = False
        line.stack_light.amber = True


def with_a_variable_and_m(line, t, m):
    """A named variable, and m (the run's memory) used to count presses for the display."""
    pressed = line.panel.start == True  # noqa: E712 - a beginner's comparison, still right
    if pressed and not m["was"]:
        m["presses"] += 1
    m["was"] = pressed
    line.stack_light.green = pressed
    line.stack_light.amber = not pressed
    line.panel.display = m["presses"]


def _show(line, on: bool) -> None:
    line.stack_light.green = on
    line.stack_light.amber = not on


def with_a_helper(line, t):
    """A helper function with a parameter."""
    _show(line, line.panel.start)


class LampController:
    """An object with ``__call__``."""

    def __call__(self, line, t):
        start = bool(line.panel.start)
        line.stack_light.green, line.stack_light.amber = start, not start


CORRECT = [lamp, with_if, with_a_variable_and_m, with_a_helper, LampController()]
REFERENCE = lamp


# --- wrong ------------------------------------------------------------------------------------------------


def always_on(line, t):
    """Ignores the button: green always on."""
    line.stack_light.green = True
    line.stack_light.amber = False


def compares_instead_of_writing(line, t):
    """``==`` instead of ``=``: compares and throws the answer away."""
    line.stack_light.green == line.panel.start  # noqa: B015 - the mistake
    line.stack_light.amber == (not line.panel.start)  # noqa: B015


def timetable(line, t):
    """Open loop: lamps switched by the clock."""
    on = 3.0 < t < 5.0 or 9.0 < t < 11.0 or 16.0 < t < 18.0
    line.stack_light.green = on
    line.stack_light.amber = not on


def latched(line, t):
    """Seal-in: stays on after start is released."""
    on = line.panel.start or line.stack_light.green
    line.stack_light.green = on
    line.stack_light.amber = not on


def inverted(line, t):
    """Upside down."""
    line.stack_light.green = not line.panel.start
    line.stack_light.amber = line.panel.start


def red_instead_of_green(line, t):
    """Right idea, wrong lamp tag."""
    line.stack_light.red = line.panel.start
    line.stack_light.amber = not line.panel.start


def follows_stop(line, t):
    """The wrong button."""
    line.stack_light.green = line.panel.stop
    line.stack_light.amber = not line.panel.stop


def writes_the_button(line, t):
    """Writes panel.start, an input (read-only)."""
    line.panel.start = True
    line.stack_light.green = line.panel.start


def green_only(line, t):
    """Forgets the amber lamp."""
    line.stack_light.green = line.panel.start


def amber_always(line, t):
    """Amber on all the time."""
    line.stack_light.green = line.panel.start
    line.stack_light.amber = True


def red_for_amber(line, t):
    """Amber's job given to the red lamp."""
    line.stack_light.green = line.panel.start
    line.stack_light.red = not line.panel.start


def first_press_only(line, t, m):
    """Green on only during the first press (the next presses are ignored)."""
    if line.panel.start and not m["seen"]:
        m["on"] = True
    if m["on"] and not line.panel.start:
        m["on"] = False
        m["seen"] = True
    line.stack_light.green = m["on"]
    line.stack_light.amber = not m["on"]


_slow = plc.TON(1.0)


def needs_a_long_press(line, t):
    """Waits 1 s before lighting: a short press never shows."""
    on = _slow(line.panel.start, t)
    line.stack_light.green = on
    line.stack_light.amber = not on


WRONG = [
    Wrong(always_on, "ignores_button"),
    Wrong(compares_instead_of_writing, "nothing_written"),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(latched, "latched"),
    Wrong(inverted, "inverted"),
    Wrong(red_instead_of_green, "wrong_lamp", WRONG_TAG),
    Wrong(follows_stop, "wrong_button"),
    Wrong(writes_the_button, "read_only_tag"),
    Wrong(green_only, "amber_missing"),
    Wrong(amber_always, "amber_with_green"),
    Wrong(red_for_amber, "amber_wrong_lamp"),
    Wrong(first_press_only, "green_off_while_held"),
    Wrong(needs_a_long_press, "green_late"),
]
