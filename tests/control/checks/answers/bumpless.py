"""Answers to ``bumpless``: manual → auto without a bump (tracking), then PI to 200 °C."""

from __future__ import annotations

import time

from factorylab.control.reference import PI

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "bumpless"
SETPOINT = 200.0
KC = 1.8  # %/°C: SIMC for K = 2.5 °C/%, tau = 180 s, theta = 20 s
TI = 160.0  # s


def _limit(value: float) -> float:
    return min(100.0, max(0.0, value))


# --- correct, written in different ways --------------------------------------------------------------


def with_m(line, t, m):
    """Reference: PI in m; in manual leave the heater and track it (integral = heater - Kc × error)."""
    error = SETPOINT - line.oven.temperature
    dt = t - m["last_t"] if m["started"] else 0.0
    m["started"] = True
    m["last_t"] = t
    if not line.panel.auto:
        m["integral"] = line.oven.heater - KC * error  # tracking: the first output in auto is the heater
        return
    output = KC * error + m["integral"]
    if 0.0 < output < 100.0:
        m["integral"] += KC * error * dt / TI
    line.oven.heater = _limit(output)


class TrackingPI:
    """A student's own class: the integral tracks the heater in manual, clamped anti-windup in auto."""

    def __init__(self, kc: float, ti: float) -> None:
        self.kc = kc
        self.ti = ti
        self.integral = 0.0
        self.last_t = None

    def __call__(self, line, t):
        dt = 0.0 if self.last_t is None else t - self.last_t
        self.last_t = t
        error = SETPOINT - line.oven.temperature
        proportional = self.kc * error
        if line.panel.auto:
            self.integral += self.kc * error * dt / self.ti
            self.integral = min(100.0 - proportional, max(0.0 - proportional, self.integral))
            line.oven.heater = _limit(proportional + self.integral)
        else:
            self.integral = line.oven.heater - proportional


as_an_object = TrackingPI(kc=1.5, ti=175.0)


def make_velocity_form():
    """Velocity (incremental) form: it starts from the heater as it is, so it is bumpless by itself."""
    last_error = None
    last_t = None

    def controller(line, t):
        nonlocal last_error, last_t
        error = SETPOINT - line.oven.temperature
        if line.panel.auto and last_t is not None:
            heater = line.oven.heater + KC * (error - last_error) + KC * error * (t - last_t) / TI
            line.oven.heater = _limit(heater)
        last_error, last_t = error, t

    return controller


def make_with_the_reference_pi():
    """The course's PI block; in manual its integral is set from the heater."""
    pi = PI(kc=KC, ti=TI)

    def controller(line, t):
        if line.panel.auto:
            line.oven.heater = pi(SETPOINT, line.oven.temperature, t)
        else:
            pi.integral = line.oven.heater - pi.kc * (SETPOINT - line.oven.temperature)
            pi._last = t

    return controller


CORRECT = [with_m, as_an_object, make_velocity_form, make_with_the_reference_pi]
REFERENCE = with_m


# --- wrong ------------------------------------------------------------------------------------------------


def no_tracking(line, t, m):
    """The PI runs in auto only; its integral starts where it was (0 at first): a bump at the switch."""
    error = SETPOINT - line.oven.temperature
    if line.panel.auto:
        dt = t - m["last_t"] if m["started"] else 0.0
        m["started"] = True
        output = KC * error + m["integral"]
        if 0.0 < output < 100.0:
            m["integral"] += KC * error * dt / TI
        line.oven.heater = _limit(output)
    m["last_t"] = t


def windup_in_manual(line, t, m):
    """The integral keeps adding the error in manual too (only the write waits for auto)."""
    error = SETPOINT - line.oven.temperature
    dt = t - m["last_t"] if m["started"] else 0.0
    m["started"] = True
    m["last_t"] = t
    m["integral"] = min(100.0, max(0.0, m["integral"] + KC * error * dt / TI))
    if line.panel.auto:
        line.oven.heater = _limit(KC * error + m["integral"])


def tracking_without_p(line, t, m):
    """Tracks the heater but forgets the proportional part: integral = heater."""
    error = SETPOINT - line.oven.temperature
    dt = t - m["last_t"] if m["started"] else 0.0
    m["started"] = True
    m["last_t"] = t
    if not line.panel.auto:
        m["integral"] = line.oven.heater
        return
    output = KC * error + m["integral"]
    if 0.0 < output < 100.0:
        m["integral"] += KC * error * dt / TI
    line.oven.heater = _limit(output)


def ignores_mode(line, t, m):
    """A plain PI that never looks at panel.auto."""
    error = SETPOINT - line.oven.temperature
    dt = t - m["last_t"] if m["started"] else 0.0
    m["started"] = True
    m["last_t"] = t
    output = KC * error + m["integral"]
    if 0.0 < output < 100.0:
        m["integral"] += KC * error * dt / TI
    line.oven.heater = _limit(output)


def heater_off_in_manual(line, t, m):
    """Tracks, but writes 0 % in manual: the heater drops when the operator turns to manual."""
    with_m(line, t, m)
    if not line.panel.auto:
        line.oven.heater = 0


def never_takes_over(line, t, m):
    """Only tracks: in auto it never writes the heater."""
    m["integral"] = line.oven.heater - KC * (SETPOINT - line.oven.temperature)


def timetable(line, t):
    """Open loop: heater values by the clock."""
    line.oven.heater = 80 if t < 300 else 70


def mode_from_a_wrong_tag(line, t, m):
    """Right idea, wrong tag: the selector read from 'panel.mode', which does not exist."""
    if not line.panel.mode:
        m["integral"] = line.oven.heater - KC * (SETPOINT - line.oven.temperature)
        return
    line.oven.heater = _limit(KC * (SETPOINT - line.oven.temperature) + m["integral"])


def waits_for_auto(line, t, m):
    """Waits inside the scan until the selector turns to auto: the watchdog stops it."""
    while not line.panel.auto:
        time.sleep(0.01)
    with_m(line, t, m)


def make_gains_too_high():
    """Tracks correctly, but the gains are far too high for the 20 s dead time: the oven swings around 200 °C."""
    pi = PI(kc=4.0, ti=40.0)

    def controller(line, t):
        if line.panel.auto:
            line.oven.heater = pi(SETPOINT, line.oven.temperature, t)
        else:
            pi.integral = line.oven.heater - pi.kc * (SETPOINT - line.oven.temperature)
            pi._last = t

    return controller


def forces_auto(line, t, m):
    """A plain PI that turns the selector to auto itself (line.plant.panel.set_auto, as the lab's demo cell does):
    in a check the controller's line has no ``plant``."""
    line.plant.panel.set_auto(True)
    ignores_mode(line, t, m)


def forces_manual(line, t):
    """Keeps the selector in manual and writes nothing: no auto stretch left to judge."""
    line.plant.panel.set_auto(False)


WRONG = [
    Wrong(no_tracking, "no_tracking"),
    Wrong(windup_in_manual, "windup_in_manual"),
    Wrong(tracking_without_p, "tracking_without_p"),
    Wrong(ignores_mode, "ignores_mode"),
    Wrong(heater_off_in_manual, "bump_to_manual"),
    Wrong(never_takes_over, "stays_manual"),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(mode_from_a_wrong_tag, "unknown_tag", WRONG_TAG),
    Wrong(waits_for_auto, "watchdog"),
    Wrong(make_gains_too_high, "not_settled"),
    Wrong(forces_auto, "plant_in_check"),
]
