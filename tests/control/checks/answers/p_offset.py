"""Answers to ``p_offset``: the steady-state error of P-only control of the oven, (SP - 25) / (1 + Kc K)."""

from __future__ import annotations

from ..catalogue import With, Wrong

CHECK = "p_offset"


def p_offset(K, Kc, SP):
    """Reference: the formula from the two steady-state equations."""
    return (SP - 25) / (1 + Kc * K)


def from_the_final_temperature(K, Kc, SP):
    """Solve for the final temperature first, then subtract it from the setpoint."""
    final = (25 + Kc * K * SP) / (1 + Kc * K)
    return SP - final


def loop_gain_first(K, Kc, SP):
    """With the loop gain named and the ambient as a variable."""
    ambient = 25.0
    loop_gain = Kc * K
    return (SP - ambient) / (1.0 + loop_gain)


def by_iteration(K, Kc, SP):
    """Step the heat balance to its steady state (slow but right)."""
    temperature = 25.0
    for _ in range(20000):
        heater = Kc * (SP - temperature)
        temperature += 0.01 * (K * heater - (temperature - 25.0))
    return SP - temperature


REFERENCE = p_offset
CORRECT = [
    p_offset,
    from_the_final_temperature,
    loop_gain_first,
    by_iteration,
    With(p_offset, {"variant": 7, "kc": 1.0, "setpoint": 200}, "own_variant_7"),
    With(loop_gain_first, {"variant": 0, "kc": 0.5, "setpoint": 180}, "own_variant_0"),
]


def no_offset(K, Kc, SP):
    """'P control removes the error.'"""
    return 0


def forgot_ambient(K, Kc, SP):
    return SP / (1 + Kc * K)


def no_one_plus(K, Kc, SP):
    return (SP - 25) / (Kc * K)


def gain_in_degrees(K, Kc, SP):
    """K taken as the rise at 100 % heater (°C) instead of °C per %."""
    return (SP - 25) / (1 + Kc * K * 100)


def forgot_gain(K, Kc, SP):
    return (SP - 25) / (1 + Kc)


def final_temperature(K, Kc, SP):
    return (25 + Kc * K * SP) / (1 + Kc * K)


def sign_flipped(K, Kc, SP):
    return -(SP - 25) / (1 + Kc * K)


def documented_gain_written_in(K, Kc, SP):
    """The documented oven's 2.5 °C/% written in: the parameter K is not used."""
    return (SP - 25) / (1 + Kc * 2.5)


def no_brackets(K, Kc, SP):
    return SP - 25 / (1 + Kc * K)


def prints_instead_of_returning(K, Kc, SP):
    print((SP - 25) / (1 + Kc * K))


def p_offset_unfinished(K, Kc, SP):
    raise NotImplementedError()


WRONG = [
    Wrong(no_offset, "offset_zero"),
    Wrong(forgot_ambient, "forgot_ambient"),
    Wrong(no_one_plus, "no_one_plus"),
    Wrong(gain_in_degrees, "gain_in_degrees"),
    Wrong(forgot_gain, "forgot_gain"),
    Wrong(final_temperature, "final_temperature"),
    Wrong(sign_flipped, "sign_flipped"),
    Wrong(documented_gain_written_in, "gain_written_in"),
    Wrong(no_brackets, "no_brackets"),
    Wrong(prints_instead_of_returning, "not_a_number"),
    Wrong(p_offset_unfinished, "not_written"),
    Wrong(52.4, "not_a_function"),
]
