"""Answers to ``anti_windup``: a PI that comes back to 200 °C without overshooting after a heater fault."""

from __future__ import annotations

import time

from factorylab.control.reference import PI

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "anti_windup"
SETPOINT = 200.0
KC = 1.8  # %/°C: SIMC for K = 2.5 °C/%, tau = 180 s, theta = 20 s, tau_c = theta
TI = 160.0  # s


def _limit(value: float) -> float:
    return min(100.0, max(0.0, value))


# --- correct ------------------------------------------------------------------------------------------


def conditional_integration(line, t, m):
    """Reference (the lab's solution): integrate only while the heater is between 0 and 100 %."""
    dt = t - m["last_t"] if m["started"] else 0.0
    m["started"] = True
    m["last_t"] = t
    error = SETPOINT - line.oven.temperature
    output = KC * error + m["integral"]
    if 0 < output < 100:
        m["integral"] += KC * error * dt / TI
    line.oven.heater = _limit(output)


def make_with_the_pi_block():
    """The course's PI block (conditional integration inside)."""
    pi = PI(kc=KC, ti=TI)

    def controller(line, t):
        line.oven.heater = pi(SETPOINT, line.oven.temperature, t)

    return controller


class ClampedPI:
    """Clamping: the integral is kept where P + I stays within 0-100 %."""

    def __init__(self) -> None:
        self.integral = 0.0
        self.last_t = None

    def __call__(self, line, t):
        dt = 0.0 if self.last_t is None else t - self.last_t
        self.last_t = t
        error = SETPOINT - line.oven.temperature
        p = KC * error
        self.integral += KC * error * dt / TI
        self.integral = min(100.0 - p, max(0.0 - p, self.integral))
        line.oven.heater = _limit(p + self.integral)


clamped = ClampedPI()


def make_back_calculation():
    """Back-calculation: the integral is pulled back by what the limit cut off (tracking time 40 s)."""
    state = {"integral": 0.0, "last": None}

    def controller(line, t):
        dt = 0.0 if state["last"] is None else t - state["last"]
        state["last"] = t
        error = SETPOINT - line.oven.temperature
        wanted = KC * error + state["integral"]
        heater = _limit(wanted)
        state["integral"] += (KC * error / TI + (heater - wanted) / 40.0) * dt
        line.oven.heater = heater

    return controller


def make_velocity_form():
    """Velocity (incremental) form: the output itself is limited, so nothing can pile up."""
    state = {"heater": 0.0, "error": None, "last": None}

    def controller(line, t):
        error = SETPOINT - line.oven.temperature
        if state["last"] is not None:
            step = KC * (error - state["error"]) + KC * error * (t - state["last"]) / TI
            state["heater"] = _limit(state["heater"] + step)
        state["error"], state["last"] = error, t
        line.oven.heater = state["heater"]

    return controller


REFERENCE = conditional_integration
CORRECT = [conditional_integration, make_with_the_pi_block, clamped, make_back_calculation, make_velocity_form]


# --- wrong --------------------------------------------------------------------------------------------------


def no_anti_windup(line, t, m):
    """The integral keeps adding while the heater is stuck at 100 %."""
    dt = t - m["last_t"] if m["started"] else 0.0
    m["started"] = True
    m["last_t"] = t
    error = SETPOINT - line.oven.temperature
    m["integral"] += KC * error * dt / TI
    line.oven.heater = _limit(KC * error + m["integral"])


def p_only(line, t):
    line.oven.heater = _limit(2.0 * (SETPOINT - line.oven.temperature))


def on_off(line, t):
    line.oven.heater = 100 if line.oven.temperature < SETPOINT else 0


def timetable(line, t):
    """Open loop: warm up by the clock, then hold a fixed value."""
    line.oven.heater = 100 if t < 300 else 70


def raw_counts_as_celsius(line, t, m):
    """Right idea, wrong tag: oven.temperature_raw counts (10 per °C) taken for °C."""
    dt = t - m["last_t"] if m["started"] else 0.0
    m["started"] = True
    m["last_t"] = t
    error = SETPOINT - line.oven.temperature_raw
    output = KC * error + m["integral"]
    if 0 < output < 100:
        m["integral"] += KC * error * dt / TI
    line.oven.heater = _limit(output)


def sign_error(line, t, m):
    """error = measurement - setpoint."""
    dt = t - m["last_t"] if m["started"] else 0.0
    m["started"] = True
    m["last_t"] = t
    error = line.oven.temperature - SETPOINT
    output = KC * error + m["integral"]
    if 0 < output < 100:
        m["integral"] += KC * error * dt / TI
    line.oven.heater = _limit(output)


def make_integral_too_fast():
    """Anti-windup is there, but Ti = 25 s: the integral overshoots on its own."""
    pi = PI(kc=1.0, ti=25.0)

    def controller(line, t):
        line.oven.heater = pi(SETPOINT, line.oven.temperature, t)

    return controller


def make_integral_far_too_slow():
    """Ti of 40 minutes: after the fault the oven creeps back and is not within ±2 °C in time."""
    pi = PI(kc=0.6, ti=2400.0)

    def controller(line, t):
        line.oven.heater = pi(SETPOINT, line.oven.temperature, t)

    return controller


def make_wall_clock_dt():
    state = {"integral": 0.0, "last": None}

    def controller(line, t):
        now = time.time()
        dt = 0.0 if state["last"] is None else now - state["last"]
        state["last"] = now
        error = SETPOINT - line.oven.temperature
        output = KC * error + state["integral"]
        if 0.0 < output < 100.0:
            state["integral"] += KC * error * dt / TI
        line.oven.heater = _limit(output)

    return controller


def waits_in_a_loop(line, t):
    """Waits for the oven to heat up inside the scan."""
    line.oven.heater = 100
    while line.oven.temperature < SETPOINT:
        pass


WRONG = [
    Wrong(no_anti_windup, "windup"),
    Wrong(p_only, "offset"),
    Wrong(on_off, "on_off"),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(raw_counts_as_celsius, "heater_off_cold", WRONG_TAG),
    Wrong(sign_error, "wrong_direction"),
    Wrong(make_integral_too_fast, "overshoot"),
    Wrong(make_integral_far_too_slow, "no_recovery"),
    Wrong(make_wall_clock_dt, "wall_clock_dt"),
    Wrong(waits_in_a_loop, "watchdog"),
]
