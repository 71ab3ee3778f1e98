"""Answers to ``oven_pid``: PI control of the oven to 200 °C (overshoot ≤ 5 °C, ±2 °C from 900 s)."""

from __future__ import annotations

import time

from factorylab.control.reference import PI

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "oven_pid"
SETPOINT = 200.0
KC = 1.8  # %/°C: SIMC for K = 2.5 °C/%, tau = 180 s, theta = 20 s with tau_c = theta
TI = 160.0  # s


def _limit(value: float) -> float:
    return min(100.0, max(0.0, value))


# --- correct, written in different ways --------------------------------------------------------------


def make_with_the_reference_pi():
    """Reference: the course's PI block (conditional integration), SIMC tuning, in a factory."""
    pi = PI(kc=KC, ti=TI)

    def controller(line, t):
        line.oven.heater = pi(SETPOINT, line.oven.temperature, t)

    return controller


class MyPI:
    """A student's own PI class: the integral is clamped so that the output stays within 0-100 %."""

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
        self.integral += self.kc * error * dt / self.ti
        # anti-windup: keep the integral where the output can still answer
        self.integral = min(100.0 - proportional, max(0.0 - proportional, self.integral))
        self.integral = min(100.0, max(0.0, self.integral))
        line.oven.heater = _limit(proportional + self.integral)


as_an_object = MyPI(kc=1.5, ti=175.0)  # IMC-like, a little gentler


def make_with_a_closure():
    """A factory: velocity (incremental) form, which cannot wind up."""
    heater = 0.0
    last_error = None
    last_t = None

    def controller(line, t):
        nonlocal heater, last_error, last_t
        error = SETPOINT - line.oven.temperature
        if last_t is not None:
            dt = t - last_t
            heater = _limit(heater + KC * (error - last_error) + KC * error * dt / TI)
        last_error, last_t = error, t
        line.oven.heater = heater

    return controller


def with_m(line, t, m):
    """The recommended pattern: the integral and the last time live in m; integrate only when not saturated."""
    error = SETPOINT - line.oven.temperature
    dt = t - m["last_t"] if m["started"] else 0.0
    m["started"] = True
    m["last_t"] = t
    output = 1.2 * error + m["integral"]  # SIMC with tau_c = 2 theta: Kc 1.2, Ti 180 s
    if 0.0 < output < 100.0:
        m["integral"] += 1.2 * error * dt / 180.0
    line.oven.heater = _limit(output)


integral = 0.0
last_t = None


def with_globals(line, t):
    """Module-level variables with ``global``; back-calculation anti-windup; reads the raw counts correctly."""
    global integral, last_t
    temperature = line.oven.temperature_raw / 10.0  # 0-4000 counts = 0-400 °C
    dt = 0.0 if last_t is None else t - last_t
    last_t = t
    error = SETPOINT - temperature
    wanted = 2.0 * error + integral
    heater = _limit(wanted)
    integral += (2.0 * error / 170.0 + (heater - wanted) / 60.0) * dt
    line.oven.heater = heater


CORRECT = [make_with_the_reference_pi, as_an_object, make_with_a_closure, with_m, with_globals]
REFERENCE = make_with_the_reference_pi


# --- wrong ------------------------------------------------------------------------------------------------


def on_off(line, t):
    """Bang-bang: full power below the setpoint, off above."""
    line.oven.heater = 100 if line.oven.temperature < SETPOINT else 0


def p_only(line, t):
    """Proportional only: it settles short of the setpoint."""
    line.oven.heater = _limit(2.0 * (SETPOINT - line.oven.temperature))


def make_no_anti_windup():
    """PI whose integral keeps growing while the heater is at 100 %."""
    state = {"integral": 0.0, "last": None}

    def controller(line, t):
        dt = 0.0 if state["last"] is None else t - state["last"]
        state["last"] = t
        error = SETPOINT - line.oven.temperature
        state["integral"] += KC * error * dt / TI
        line.oven.heater = _limit(KC * error + state["integral"])

    return controller


def make_sign_error():
    """error = measurement - setpoint: the heater is off when the oven is cold (and on when it is hot)."""
    state = {"integral": 0.0, "last": None}

    def controller(line, t):
        dt = 0.0 if state["last"] is None else t - state["last"]
        state["last"] = t
        error = line.oven.temperature - SETPOINT
        output = KC * error + state["integral"]
        if 0.0 < output < 100.0:
            state["integral"] += KC * error * dt / TI
        line.oven.heater = _limit(output)

    return controller


def make_wall_clock_dt():
    """dt from the computer's clock: in a fast-forward check the integral hardly grows."""
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


def make_gains_too_high():
    """Far too much gain for a 20 s dead time: the loop oscillates."""
    pi = PI(kc=8.0, ti=30.0)

    def controller(line, t):
        line.oven.heater = pi(SETPOINT, line.oven.temperature, t)

    return controller


def make_raw_counts_as_celsius():
    """Right idea, wrong tag: oven.temperature_raw counts (10 per °C) compared with 200 as if they were °C."""
    pi = PI(kc=KC, ti=TI)

    def controller(line, t):
        line.oven.heater = pi(SETPOINT, line.oven.temperature_raw, t)

    return controller


def timetable(line, t):
    """Open loop: full power for the warm-up, then the nominal holding value, by the clock."""
    line.oven.heater = 100 if t < 330 else 70


def make_integral_far_too_slow():
    """Ti of 25 minutes: the oven creeps towards 200 °C and is not there by 900 s."""
    pi = PI(kc=0.4, ti=1500.0)

    def controller(line, t):
        line.oven.heater = pi(SETPOINT, line.oven.temperature, t)

    return controller


def make_integral_too_fast():
    """Ti of 30 s instead of about 160 s: the integral overshoots the setpoint."""
    pi = PI(kc=2.0, ti=30.0)

    def controller(line, t):
        line.oven.heater = pi(SETPOINT, line.oven.temperature, t)

    return controller


def make_capped_integral():
    """The integral is capped at 60 %: fine for a strong oven, but after the heater loses power it cannot catch up."""
    state = {"integral": 0.0, "last": None}

    def controller(line, t):
        dt = 0.0 if state["last"] is None else t - state["last"]
        state["last"] = t
        error = SETPOINT - line.oven.temperature
        output = KC * error + state["integral"]
        if 0.0 < output < 100.0:
            state["integral"] = min(60.0, state["integral"] + KC * error * dt / TI)
        line.oven.heater = _limit(output)

    return controller


def writes_the_temperature(line, t):
    """Tries to write an input."""
    line.oven.temperature = SETPOINT


def heater_as_a_fraction_over_range(line, t):
    """Writes 0-1000 (per mille) instead of 0-100 %: a value out of range."""
    line.oven.heater = _limit(KC * (SETPOINT - line.oven.temperature)) * 10


WRONG = [
    Wrong(on_off, "on_off"),
    Wrong(p_only, "offset"),
    Wrong(make_no_anti_windup, "windup"),
    Wrong(make_sign_error, "wrong_direction"),
    Wrong(make_wall_clock_dt, "wall_clock_dt"),
    Wrong(make_gains_too_high, "oscillation"),
    Wrong(make_raw_counts_as_celsius, "heater_off_cold", WRONG_TAG),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(make_integral_far_too_slow, "too_slow"),
    Wrong(make_integral_too_fast, "overshoot"),
    Wrong(make_capped_integral, "no_recovery"),
    Wrong(writes_the_temperature, "read_only_tag"),
    Wrong(heater_as_a_fraction_over_range, "wrong_value"),
]
