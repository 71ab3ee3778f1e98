"""Answers to ``tank_level``: the inflow valve on/off with hysteresis, open below 300 mm, close above 700 mm."""

from __future__ import annotations

from factorylab import plc
from factorylab.control.reference import Hysteresis

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "tank_level"


# --- correct, written in different ways --------------------------------------------------------------


def with_m(line, t, m):
    """Reference, the recommended pattern: what the valve should do is remembered in m."""
    level = line.tank.level
    if level < 300:
        m["open"] = True
    elif level > 700:
        m["open"] = False
    line.tank.inflow = 100 if m["open"] else 0


valve_open = False


def with_a_global(line, t):
    """State in a module-level variable (``global``); limits written with <= and >=."""
    global valve_open
    if line.tank.level <= 300:
        valve_open = True
    if line.tank.level >= 700:
        valve_open = False
    line.tank.inflow = 100 if valve_open else 0


class TankController:
    """An object with ``__call__``; its attribute is its memory. Passed as an instance."""

    def __init__(self, low: float = 300, high: float = 700) -> None:
        self.low = low
        self.high = high
        self.filling = False

    def __call__(self, line, t):
        level = line.tank.level
        if level < self.low:
            self.filling = True
        elif level > self.high:
            self.filling = False
        line.tank.inflow = 100 if self.filling else 0


as_an_object = TankController()


def make_with_a_closure():
    """A factory: a fresh closure for each run."""
    filling = False

    def controller(line, t):
        nonlocal filling
        if line.tank.level < 300:
            filling = True
        elif line.tank.level > 700:
            filling = False
        line.tank.inflow = 100.0 if filling else 0.0

    return controller


hysteresis = Hysteresis(300, 700)


def with_the_reference_block(line, t):
    """FactoryLab's own Hysteresis block, made once at module level."""
    line.tank.inflow = 100 if hysteresis(line.tank.level) else 0


latch = plc.SR()


def with_a_plc_latch(line, t):
    """A PLC set/reset latch: set below 300 mm, reset above 700 mm."""
    line.tank.inflow = 100 if latch(line.tank.level < 300, line.tank.level > 700) else 0


def in_raw_counts(line, t, m):
    """The same rule on the ADC counts: 300 mm = 1200 counts, 700 mm = 2800 counts."""
    raw = line.tank.level_raw
    if raw < 1200:
        m["open"] = True
    elif raw > 2800:
        m["open"] = False
    line.tank.inflow = 100 if m["open"] else 0


def with_a_moving_average(line, t, m):
    """Smooths the level over the last 5 readings (2.5 s) before comparing."""
    readings = m["readings"] or []
    readings = (readings + [line.tank.level])[-5:]
    m["readings"] = readings
    level = sum(readings) / len(readings)
    if level < 300:
        m["open"] = True
    elif level > 700:
        m["open"] = False
    line.tank.inflow = 100 if m["open"] else 0


def writes_only_on_a_change(line, t, m):
    """Writes the valve only when it should change; leaves it alone in between."""
    level = line.tank.level
    if level < 300 and not m["open"]:
        m["open"] = True
        line.tank.inflow = 100
    elif level > 700 and m["open"]:
        m["open"] = False
        line.tank.inflow = 0


CORRECT = [
    with_m,
    with_a_global,
    as_an_object,
    make_with_a_closure,
    with_the_reference_block,
    with_a_plc_latch,
    in_raw_counts,
    with_a_moving_average,
    writes_only_on_a_change,
]
REFERENCE = with_m


# --- wrong ------------------------------------------------------------------------------------------------


def single_threshold(line, t):
    """One switching level, no hysteresis: the valve chatters around 500 mm."""
    line.tank.inflow = 100 if line.tank.level < 500 else 0


def backwards(line, t):
    """Opens when the level is high."""
    line.tank.inflow = 100 if line.tank.level > 700 else 0


def always_open(line, t):
    """Never closes: the tank overflows."""
    line.tank.inflow = 100


def forgets_to_open(line, t):
    """Only closes above 700 mm; nothing opens the valve."""
    if line.tank.level > 700:
        line.tank.inflow = 0


def proportional(line, t):
    """A proportional controller around 500 mm: a good controller, but not this exercise."""
    line.tank.inflow = min(100.0, max(0.0, 0.5 * (500 - line.tank.level)))


def half_open(line, t, m):
    """On/off with hysteresis, but opens the valve only 40 %."""
    if line.tank.level < 300:
        m["open"] = True
    elif line.tank.level > 700:
        m["open"] = False
    line.tank.inflow = 40 if m["open"] else 0


def limits_400_600(line, t, m):
    """Hysteresis with the limits in the wrong place."""
    if line.tank.level < 400:
        m["open"] = True
    elif line.tank.level > 600:
        m["open"] = False
    line.tank.inflow = 100 if m["open"] else 0


def uses_the_level_switches(line, t, m):
    """Right idea, wrong tags: the level switches sit at 150 mm and 900 mm, not 300 and 700."""
    if line.tank.low:
        m["open"] = True
    elif line.tank.high:
        m["open"] = False
    line.tank.inflow = 100 if m["open"] else 0


def timetable(line, t):
    """Open loop: the valve by the clock, 150 s open in every 400 s."""
    line.tank.inflow = 100 if t % 400 < 150 else 0


def writes_true(line, t, m):
    """Writes True/False to a valve that takes a percentage."""
    if line.tank.level < 300:
        m["open"] = True
    elif line.tank.level > 700:
        m["open"] = False
    line.tank.inflow = m["open"]


def writes_the_level(line, t):
    """Tries to write an input."""
    line.tank.level = 500


def waits_for_the_level(line, t):
    """Waits inside the scan: the watchdog stops it."""
    while line.tank.level > 300:
        pass
    line.tank.inflow = 100


WRONG = [
    Wrong(single_threshold, "chatter"),
    Wrong(backwards, "backwards"),
    Wrong(always_open, "never_closes"),
    Wrong(forgets_to_open, "never_opens"),
    Wrong(proportional, "proportional"),
    Wrong(half_open, "partly_open"),
    Wrong(limits_400_600, "wrong_limits"),
    Wrong(uses_the_level_switches, "level_switches", WRONG_TAG),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(writes_true, "wrong_value"),
    Wrong(writes_the_level, "read_only_tag"),
    Wrong(waits_for_the_level, "watchdog"),
]
