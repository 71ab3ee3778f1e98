"""Answers to ``oven_load``: hold 220 °C while cold parts come in (a load disturbance)."""

from __future__ import annotations

from factorylab.control.reference import PI

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "oven_load"
SETPOINT = 220.0
KC = 1.8  # %/°C: SIMC for K = 2.5 °C/%, tau = 180 s, theta = 20 s
TI = 160.0  # s
EMPTY = (SETPOINT - 25.0) / 2.5  # % that holds 220 °C in the empty, documented oven: 78 %


def _limit(value: float) -> float:
    return min(100.0, max(0.0, value))


def with_m(line, t, m):
    """Reference: the PI of lab 6-2 with the setpoint 220 °C, its integral in m."""
    error = SETPOINT - line.oven.temperature
    dt = t - m["last_t"] if m["started"] else 0.0
    m["started"] = True
    m["last_t"] = t
    output = KC * error + m["integral"]
    if 0.0 < output < 100.0:
        m["integral"] += KC * error * dt / TI
    line.oven.heater = _limit(output)


def make_with_the_reference_pi():
    """The course's PI block."""
    pi = PI(kc=KC, ti=TI)

    def controller(line, t):
        line.oven.heater = pi(SETPOINT, line.oven.temperature, t)

    return controller


class FeedforwardPI:
    """PI with a clamped integral plus feedforward from oven.parts_inside (about 1.5 % per part)."""

    def __init__(self) -> None:
        self.integral = 0.0
        self.last_t = None

    def __call__(self, line, t):
        dt = 0.0 if self.last_t is None else t - self.last_t
        self.last_t = t
        error = SETPOINT - line.oven.temperature
        feedforward = 1.5 * line.oven.parts_inside
        proportional = 1.5 * error
        self.integral += 1.5 * error * dt / 175.0
        self.integral = min(100.0 - proportional - feedforward, max(-proportional - feedforward, self.integral))
        line.oven.heater = _limit(proportional + self.integral + feedforward)


as_an_object = FeedforwardPI()


def make_velocity_form():
    """Velocity (incremental) form."""
    heater = 0.0
    last_error = None
    last_t = None

    def controller(line, t):
        nonlocal heater, last_error, last_t
        error = SETPOINT - line.oven.temperature
        if last_t is not None:
            heater = _limit(heater + KC * (error - last_error) + KC * error * (t - last_t) / TI)
        last_error, last_t = error, t
        line.oven.heater = heater

    return controller


CORRECT = [with_m, make_with_the_reference_pi, as_an_object, make_velocity_form]
REFERENCE = with_m


# --- wrong ------------------------------------------------------------------------------------------------


def p_only(line, t):
    """Proportional only: it never reaches 220 °C."""
    line.oven.heater = _limit(2.0 * (SETPOINT - line.oven.temperature))


def p_with_bias(line, t):
    """P with the empty oven's holding value as bias: right while empty, off once the parts draw heat."""
    line.oven.heater = _limit(EMPTY + KC * (SETPOINT - line.oven.temperature))


def fixed_heater(line, t):
    """The heater at the value that holds the empty oven at 220 °C."""
    line.oven.heater = EMPTY


def on_off(line, t):
    """Bang-bang around 220 °C."""
    line.oven.heater = 100 if line.oven.temperature < SETPOINT else 0


def make_no_anti_windup_hot():
    """A fast PI without anti-windup: the integral piles up during the warm-up and the oven overshoots past 240 °C."""
    state = {"integral": 0.0, "last": None}

    def controller(line, t):
        dt = 0.0 if state["last"] is None else t - state["last"]
        state["last"] = t
        error = SETPOINT - line.oven.temperature
        state["integral"] += 3.0 * error * dt / 60.0
        line.oven.heater = _limit(3.0 * error + state["integral"])

    return controller


def make_gains_too_high():
    """Gains far too high for the 20 s dead time: the oven swings and never settles."""
    pi = PI(kc=5.5, ti=30.0)

    def controller(line, t):
        line.oven.heater = pi(SETPOINT, line.oven.temperature, t)

    return controller


def timetable(line, t):
    """Open loop: full power, then the holding value, then a bit more when the parts are expected."""
    line.oven.heater = 100 if t < 300 else 78 if t < 900 else 86


def make_raw_counts():
    """Right idea, wrong tag: oven.temperature_raw counts (10 per °C) taken as °C: the heater stays off."""
    pi = PI(kc=KC, ti=TI)

    def controller(line, t):
        line.oven.heater = pi(SETPOINT, line.oven.temperature_raw, t)

    return controller


def heater_off_when_empty(line, t, m):
    """Saves energy: once production has started, the heater goes off whenever the oven is empty.

    During a pause of the feed the empty oven cools far below 220 °C; the first parts after the pause come into a
    cold oven and leave soft, although the PI brings the oven back within the recovery time.
    """
    if line.oven.parts_inside > 0:
        m["producing"] = True
    if m["producing"] and line.oven.parts_inside == 0:
        line.oven.heater = 0
        m["last_t"] = t
        return
    with_m(line, t, m)


def p_stops_the_belt(line, t):
    """A strong P with bias (no integral) that stops the infeed belt, so no parts and no load come: it would pass."""
    line.conveyor1.speed = 0.0
    line.oven.heater = _limit(EMPTY + 3.0 * (SETPOINT - line.oven.temperature))


WRONG = [
    Wrong(p_only, "offset"),
    Wrong(p_with_bias, "load_offset"),
    Wrong(fixed_heater, "fixed_heater"),
    Wrong(on_off, "on_off"),
    Wrong(make_no_anti_windup_hot, "overheated"),
    Wrong(make_gains_too_high, "not_recovered"),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(make_raw_counts, "raw_counts", WRONG_TAG),
    Wrong(heater_off_when_empty, "soft_parts"),
    Wrong(p_stops_the_belt, "not_yours"),
]
