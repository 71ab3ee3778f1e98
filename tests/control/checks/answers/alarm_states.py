"""Answers to ``alarm_states``: the jam alarm with its states (active-unacknowledged, acknowledged, cleared)."""

from __future__ import annotations

import time

from factorylab import plc

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "alarm_states"
LIMIT = 2.5


def _run(line) -> None:
    line.feeder.run = True
    line.conveyor1.run = True
    line.conveyor2.run = True


jam1 = plc.TON(1.0)
jam2 = plc.TON(1.0)


def jam_now(line, t) -> bool:
    """The detector of exercise 4-1 (the lab gives it as a helper)."""
    return jam1(line.conveyor1.current > LIMIT, t) or jam2(line.conveyor2.current > LIMIT, t)


# --- correct, written in different ways --------------------------------------------------------------


def states(m, jam: bool, reset: bool) -> None:
    """The two internal relays of the reference, 'alarm' (latched) and 'ack', from the jam and the reset button."""
    if jam and not m["alarm"]:
        m["alarm"] = True  # a new alarm: active, unacknowledged
        m["ack"] = False
    if m["alarm"] and reset:
        m["ack"] = True  # acknowledged
    if m["alarm"] and m["ack"] and not jam:
        m["alarm"] = False  # cleared
        m["ack"] = False


def with_m(line, t, m):
    """Reference: two internal relays, 'alarm' (latched) and 'ack'."""
    _run(line)
    states(m, jam_now(line, t), line.panel.reset)
    line.stack_light.red = m["alarm"]
    line.stack_light.buzzer = m["alarm"] and not m["ack"]


def with_a_state_name(line, t, m):
    """One state variable with ISA-18.2 names, an if/elif chain."""
    _run(line)
    jam = jam_now(line, t)
    state = m["state"] or "normal"
    if state == "normal" and jam:
        state = "unack"
    elif state == "unack" and line.panel.reset:
        state = "ack" if jam else "normal"
    elif state == "unack" and not jam:
        state = "returned"
    elif state == "ack" and not jam:
        state = "normal"
    elif state == "returned" and line.panel.reset:
        state = "normal"
    elif state == "returned" and jam:
        state = "unack"
    m["state"] = state
    line.stack_light.red = state != "normal"
    line.stack_light.buzzer = state in ("unack", "returned")


class Annunciator:
    """An object with __call__, its own timing (2 s above 2.8 A), a blinking red lamp while unacknowledged."""

    def __init__(self) -> None:
        self.high_since = {"conveyor1": None, "conveyor2": None}
        self.alarm = False
        self.ack = False

    def __call__(self, line, t):
        _run(line)
        jam = False
        for name in ("conveyor1", "conveyor2"):
            if getattr(line, name).current > 2.8:
                if self.high_since[name] is None:
                    self.high_since[name] = t
                jam = jam or t - self.high_since[name] >= 2.0
            else:
                self.high_since[name] = None
        if jam and not self.alarm:
            self.alarm, self.ack = True, False
        if self.alarm and line.panel.reset:
            self.ack = True
        if self.alarm and self.ack and not jam:
            self.alarm = False
        blink = int(t * 2) % 2 == 0
        line.stack_light.red = self.alarm and (self.ack or blink)
        line.stack_light.buzzer = self.alarm and not self.ack


as_an_object = Annunciator()


def make_with_sr_blocks():
    """A factory with PLC blocks: SR latches and a rising edge of reset; waits for start."""
    timers = {"conveyor1": plc.TON(1.5), "conveyor2": plc.TON(1.5)}
    alarm = plc.SR()
    ack = plc.SR()
    pressed = plc.R_TRIG()
    on = [False]

    def controller(line, t):
        on[0] = on[0] or line.panel.start
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = on[0]
        jam = any(timer(getattr(line, name).current > 3.0, t) for name, timer in timers.items())
        press = pressed(line.panel.reset)
        was = alarm.Q1
        active = alarm(jam, ack.Q1 and not jam)
        new = active and not was
        acked = ack(press and active, new or not active)
        line.stack_light.red = active
        line.stack_light.buzzer = active and not acked

    return controller


released = plc.F_TRIG()


def acks_on_release(line, t, m):
    """Acknowledges when the reset button is let go (a falling edge, plc.F_TRIG), not when it is pressed."""
    _run(line)
    jam = jam_now(line, t)
    if jam and not m["alarm"]:
        m["alarm"], m["ack"] = True, False
    if m["alarm"] and released(line.panel.reset):
        m["ack"] = True
    if m["alarm"] and m["ack"] and not jam:
        m["alarm"] = m["ack"] = False
    line.stack_light.red = m["alarm"]
    line.stack_light.buzzer = m["alarm"] and not m["ack"]


CORRECT = [with_m, with_a_state_name, as_an_object, make_with_sr_blocks, acks_on_release]
REFERENCE = with_m


# --- wrong ------------------------------------------------------------------------------------------------


def buzzer_never_stops(line, t):
    """The buzzer follows the alarm; reset is never read."""
    _run(line)
    jam = jam_now(line, t)
    line.stack_light.red = jam
    line.stack_light.buzzer = jam


def ack_clears_alarm(line, t, m):
    """Reset switches the whole alarm off, although the part is still jammed."""
    _run(line)
    jam = jam_now(line, t)
    if jam and not m["jam_before"]:
        m["alarm"] = True
    m["jam_before"] = jam
    if line.panel.reset:
        m["alarm"] = False
    line.stack_light.red = m["alarm"]
    line.stack_light.buzzer = m["alarm"]


def never_clears(line, t, m):
    """Latches the red lamp; reset only silences the buzzer, nothing ever clears the alarm."""
    _run(line)
    if jam_now(line, t):
        m["alarm"] = True
    if m["alarm"] and line.panel.reset:
        m["ack"] = True
    line.stack_light.red = m["alarm"]
    line.stack_light.buzzer = m["alarm"] and not m["ack"]


def clears_unacknowledged(line, t, m):
    """The 4-1 alarm with a silence button: when the jam ends the alarm is gone, acknowledged or not."""
    _run(line)
    jam = jam_now(line, t)
    if not jam:
        m["ack"] = False
    elif line.panel.reset:
        m["ack"] = True
    line.stack_light.red = jam
    line.stack_light.buzzer = jam and not m["ack"]


def remembers_the_reset(line, t, m):
    """Takes reset at any time: a reset pressed with no alarm silences the next alarm."""
    _run(line)
    jam = jam_now(line, t)
    if line.panel.reset:
        m["ack"] = True
    if jam and not m["alarm"]:
        m["alarm"] = True
    if m["alarm"] and m["ack"] and not jam:
        m["alarm"] = False
        m["ack"] = False
    line.stack_light.red = m["alarm"]
    line.stack_light.buzzer = m["alarm"] and not m["ack"]


def ack_not_cleared(line, t, m):
    """Clears the alarm but forgets to clear the acknowledgement: the next alarm starts silenced."""
    _run(line)
    jam = jam_now(line, t)
    if jam and not m["alarm"]:
        m["alarm"] = True
    if m["alarm"] and line.panel.reset:
        m["ack"] = True
    if m["alarm"] and m["ack"] and not jam:
        m["alarm"] = False
    line.stack_light.red = m["alarm"]
    line.stack_light.buzzer = m["alarm"] and not m["ack"]


def lamp_test_on_reset(line, t, m):
    """The reference, plus 'reset lights the red lamp': a lamp with no jam."""
    with_m(line, t, m)
    if line.panel.reset:
        line.stack_light.red = True


def no_delay(line, t, m):
    """The states are right, but the detection has no on-delay: the inrush at the start rings."""
    _run(line)
    states(m, line.conveyor1.current > LIMIT or line.conveyor2.current > LIMIT, line.panel.reset)
    line.stack_light.red = m["alarm"]
    line.stack_light.buzzer = m["alarm"] and not m["ack"]


only1 = plc.TON(1.0)


def only_conveyor1(line, t, m):
    """Right idea, one belt: watches conveyor1.current only."""
    _run(line)
    states(m, only1(line.conveyor1.current > LIMIT, t), line.panel.reset)
    line.stack_light.red = m["alarm"]
    line.stack_light.buzzer = m["alarm"] and not m["ack"]


def amber_instead_of_red(line, t, m):
    """Right idea, wrong lamp: the amber lamp for the alarm."""
    _run(line)
    states(m, jam_now(line, t), line.panel.reset)
    line.stack_light.amber = m["alarm"]
    line.stack_light.buzzer = m["alarm"] and not m["ack"]


def no_buzzer(line, t, m):
    """The red lamp goes through the states right, the buzzer is forgotten."""
    _run(line)
    states(m, jam_now(line, t), line.panel.reset)
    line.stack_light.red = m["alarm"]


def timetable(line, t):
    """Open loop: the alarm by the clock."""
    _run(line)
    line.stack_light.red = 25 < t < 40
    line.stack_light.buzzer = 25 < t < 32


def waits_for_reset(line, t, m):
    """Waits in a loop for the operator's reset: the scan never ends (the watchdog)."""
    _run(line)
    if jam_now(line, t):
        line.stack_light.red = True
        line.stack_light.buzzer = True
        while not line.panel.reset:
            time.sleep(0.05)


WRONG = [
    Wrong(buzzer_never_stops, "buzzer_never_stops"),
    Wrong(ack_clears_alarm, "ack_clears_alarm"),
    Wrong(never_clears, "never_clears"),
    Wrong(clears_unacknowledged, "cleared_unacknowledged"),
    Wrong(remembers_the_reset, "reset_before_alarm"),
    Wrong(ack_not_cleared, "ack_remembered"),
    Wrong(lamp_test_on_reset, "lamp_on_reset"),
    Wrong(no_delay, "no_delay"),
    Wrong(only_conveyor1, "one_belt", WRONG_TAG),
    Wrong(amber_instead_of_red, "amber_lamp", WRONG_TAG),
    Wrong(no_buzzer, "no_buzzer"),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(waits_for_reset, "watchdog"),
]
