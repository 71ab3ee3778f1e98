"""Each check passes its reference solution and explains typical mistakes."""

from __future__ import annotations

import pytest

import factorylab
from factorylab import checks

from . import solutions as s


def verdict(controller, name: str):
    result = factorylab.check(controller, name)
    return result, result.message("en"), result.message("ko")


CASES = [
    ("seal_in", s.seal_in, None),
    ("seal_in", s.seal_in_without_seal, "you need a seal-in"),
    ("seal_in", s.seal_in_ignoring_estop, "switch them off when panel.safety_ok goes off"),
    ("seal_in", s.seal_in_without_lamps, "green lamp is off"),
    ("exit_blocked", s.make_exit_blocked, None),
    ("exit_blocked", s.exit_blocked_without_delay, "simply passing the exit eye"),
    ("exit_blocked", s.exit_blocked_never_stops, "stayed blocked"),
    ("sort_b", s.make_sort_b, None),
    ("sort_b", s.sort_everything, "(type A, red) was pushed into the reject bin"),
    ("sort_b", s.sort_at_the_colour_sensor, "reached the sorter and the pusher did not push it"),
    ("tank_level", s.make_tank_level, None),
    ("tank_level", s.tank_single_threshold, "chattering"),
    ("tank_level", s.tank_always_open, "overflowed"),
    ("tank_level", s.tank_backwards, "the level fell to"),
    ("oven_pid", s.make_oven_pi, None),
    ("oven_pid", s.oven_on_off, "too much overshoot"),
    ("oven_pid", s.oven_p_only, "steady-state error"),
    ("oven_pid", lambda: s.make_oven_pi(anti_windup=False), "too much overshoot"),
    ("jam_alarm", s.make_jam_alarm, None),
    ("jam_alarm", s.jam_alarm_without_delay, "false alarm"),
    ("jam_alarm", s.jam_alarm_on_overload, "no alarm"),
    ("tool_change", lambda: s.tool_change_at(150.0), None),
    ("tool_change", lambda: s.tool_change_at(10_000.0), "failure"),
    ("tool_change", lambda: s.tool_change_at(30.0), "too early"),
    ("tool_change", lambda: s.tool_change_at(150.0, reset=False), "stood failed"),
]


@pytest.mark.parametrize(("name", "controller", "expected"), CASES, ids=[f"{c[0]}-{c[1].__name__}" for c in CASES])
def test_check(name: str, controller, expected: str | None) -> None:
    result, english, korean = verdict(controller, name)
    if expected is None:
        assert result.passed, english
        assert "passed" in english and "통과" in korean
    else:
        assert not result.passed
        assert expected in english, english
        assert korean != english and "아직 아닙니다" in korean


def test_every_shipped_check_is_covered() -> None:
    assert {name for name, _, _ in CASES} == set(checks.names())


def test_a_controller_that_raises_gets_an_explanation_not_a_traceback() -> None:
    def broken(line, t):
        return line.conveyor1.speed / 0

    result = factorylab.check(broken, "seal_in")
    assert not result.passed and "ZeroDivisionError" in result.message("en")


def test_an_unfinished_controller_is_told_so() -> None:
    def todo(line, t):
        # YOUR CODE HERE
        raise NotImplementedError()

    assert "not written yet" in factorylab.check(todo, "seal_in").message("en")


def test_a_wrong_write_is_explained_with_the_tag() -> None:
    def too_fast(line, t):
        line.conveyor1.speed = 150

    message = factorylab.check(too_fast, "seal_in").message("ko")
    assert "conveyor1.speed" in message and "0..100" in message


def test_unknown_check() -> None:
    with pytest.raises(factorylab.FactoryLabError) as caught:
        factorylab.check(s.seal_in, "seal")
    assert "seal_in" in caught.value.en
