"""Answers to ``noise_filter``: the level transmitter smoothed and shown on panel.display in tenths of a mm."""

from __future__ import annotations

from collections import deque

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "noise_filter"


# --- correct, written in different ways --------------------------------------------------------------


def first_order(line, t, m):
    """Reference: a first-order filter (exponential smoothing) on the counts, time constant 2 s."""
    raw = line.tank.level_raw
    if m["started"] == 0:
        m["filtered"] = raw
        m["started"] = 1
    m["filtered"] = m["filtered"] + 0.025 * (raw - m["filtered"])  # 0.05 s / 2 s
    line.panel.display = m["filtered"] * 0.25 * 10  # counts -> mm -> tenths of a mm


def moving_average(line, t, m):
    """A moving average of the last 80 scans (4 s) of the counts, in a list kept in m."""
    readings = m["readings"] or []
    readings.append(line.tank.level_raw)
    if len(readings) > 80:
        readings.pop(0)
    m["readings"] = readings
    average = sum(readings) / len(readings)
    line.panel.display = round(average / 4000 * 1000 * 10)


def make_deque_average():
    """A factory: a fresh closure for each run, a deque of 60 readings (3 s) of the level in mm."""
    window = deque(maxlen=60)

    def controller(line, t):
        window.append(line.tank.level)
        line.panel.display = sum(window) / len(window) * 10

    return controller


class Smoother:
    """An object with ``__call__``; a first-order filter on the level in mm, time constant 1.5 s."""

    def __init__(self) -> None:
        self.value = None

    def __call__(self, line, t):
        level = line.tank.level
        if self.value is None:
            self.value = level
        self.value += (level - self.value) * 0.05 / 1.5
        line.panel.display = int(self.value * 10)


as_an_object = Smoother()


def with_the_time(line, t, m):
    """A first-order filter that uses the time between scans (dt), time constant 2.5 s."""
    raw = line.tank.level_raw * 0.25
    if m["started"] == 0:
        m["value"], m["last"], m["started"] = raw, t, 1
    dt = t - m["last"]
    m["last"] = t
    m["value"] += dt / 2.5 * (raw - m["value"])
    line.panel.display = m["value"] * 10


def new_samples_only(line, t, m):
    """Averages the last 15 *new* readings (3 s: the transmitter gives one every 0.2 s)."""
    raw = line.tank.level_raw
    if m["scan"] % 4 == 0:
        samples = (m["samples"] or []) + [raw]
        m["samples"] = samples[-15:]
    m["scan"] += 1
    samples = m["samples"]
    line.panel.display = sum(samples) / len(samples) * 2.5


CORRECT = [first_order, moving_average, make_deque_average, as_an_object, with_the_time, new_samples_only]
REFERENCE = first_order


# --- wrong ------------------------------------------------------------------------------------------------


def no_filter(line, t):
    """Shows the level as it is."""
    line.panel.display = line.tank.level * 10


def short_window(line, t, m):
    """A moving average of 10 scans (0.5 s): only 2 or 3 new readings."""
    readings = ((m["readings"] or []) + [line.tank.level_raw])[-10:]
    m["readings"] = readings
    line.panel.display = sum(readings) / len(readings) * 2.5


def long_window(line, t, m):
    """A moving average of 200 scans (10 s): smooth, but 5 s late."""
    readings = ((m["readings"] or []) + [line.tank.level_raw])[-200:]
    m["readings"] = readings
    line.panel.display = sum(readings) / len(readings) * 2.5


def rounded_first(line, t, m):
    """Rounds the level to a whole mm, then filters: the tenths are lost for good."""
    level = round(line.tank.level)
    if m["started"] == 0:
        m["filtered"], m["started"] = level, 1
    m["filtered"] += 0.025 * (level - m["filtered"])
    line.panel.display = round(m["filtered"]) * 10


def in_millimetres(line, t, m):
    """A good filter, shown in mm instead of tenths of a mm."""
    raw = line.tank.level_raw
    if m["started"] == 0:
        m["filtered"], m["started"] = raw, 1
    m["filtered"] += 0.025 * (raw - m["filtered"])
    line.panel.display = m["filtered"] * 0.25


def starts_from_zero(line, t, m):
    """A first-order filter whose memory starts at 0 (m starts empty)."""
    m["filtered"] += 0.025 * (line.tank.level_raw - m["filtered"])
    line.panel.display = m["filtered"] * 2.5


def filters_the_temperature(line, t, m):
    """Right idea, wrong tag: the temperature transmitter's counts instead of the level's."""
    raw = line.tank.temperature_raw
    if m["started"] == 0:
        m["filtered"], m["started"] = raw, 1
    m["filtered"] += 0.025 * (raw - m["filtered"])
    line.panel.display = m["filtered"] * 2.5


def timetable(line, t):
    """Open loop: the display by the clock."""
    line.panel.display = 5000 if t < 40 else 4800


def nothing_shown(line, t, m):
    """Filters, but never writes the display."""
    m["filtered"] = m["filtered"] + 0.025 * (line.tank.level_raw - m["filtered"])


def waits_for_a_new_value(line, t):
    """Waits inside the scan for the next reading: the watchdog stops it."""
    old = line.tank.level_raw
    while line.tank.level_raw == old:
        pass
    line.panel.display = line.tank.level * 10


WRONG = [
    Wrong(no_filter, "no_filter"),
    Wrong(short_window, "too_noisy"),
    Wrong(long_window, "too_slow"),
    Wrong(rounded_first, "rounded"),
    Wrong(in_millimetres, "display_scale"),
    Wrong(starts_from_zero, "starts_at_zero"),
    Wrong(filters_the_temperature, "not_the_level", WRONG_TAG),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(nothing_shown, "no_display"),
    Wrong(waits_for_a_new_value, "watchdog"),
]
