"""Answers to ``start_order``: conveyor2, 1 s, conveyor1, 1 s, feeder; stop in reverse; the feeder only while
conveyor1.running (the feedback, not the command)."""

from __future__ import annotations

from factorylab import plc

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "start_order"


def _seal(line, m) -> bool:
    """The line's seal-in on an internal relay, stop priority, safety relay."""
    m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and line.panel.safety_ok
    return m["run"]


def _write(line, c2: bool, c1: bool, feeder: bool) -> None:
    line.conveyor2.run = c2
    line.conveyor1.run = c1
    line.feeder.run = feeder


# --- correct, written in different ways --------------------------------------------------------------

c1_after_c2 = plc.TON(1.0)
feeder_after_c1 = plc.TON(1.0)
c1_stop_delay = plc.TOF(1.0)
c2_stop_delay = plc.TOF(2.0)


def start_order(line, t, m):
    """Reference: a seal-in on m['run']; TONs start the next step, TOFs hold the belts on the stop."""
    ok = line.panel.safety_ok
    run = _seal(line, m)
    c2 = c2_stop_delay(run, t) and ok
    c1 = c1_after_c2(c2, t) and c1_stop_delay(run, t) and ok
    feeder = run and feeder_after_c1(c1, t) and line.conveyor1.running
    _write(line, c2, c1, feeder)


def with_times_in_m(line, t, m):
    """No blocks: the times of the start and of the stop kept in m."""
    ok = line.panel.safety_ok
    run = _seal(line, m)
    if run and not m["was"]:
        m["t_on"] = t
    if not run and m["was"]:
        m["t_off"] = t
    m["was"] = run
    if not ok:
        c2 = c1 = feeder = False
    elif run:
        c2 = True
        c1 = t - m["t_on"] >= 1.0
        feeder = t - m["t_on"] >= 2.0 and line.conveyor1.running
    else:
        c1 = bool(m["c1"]) and t - m["t_off"] < 1.0
        c2 = bool(m["c2"]) and t - m["t_off"] < 2.0
        feeder = False
    m["c1"], m["c2"] = c1, c2
    _write(line, c2, c1, feeder)


def make_feedback_chain():
    """A factory: each step waits 1 s for the running feedback of the one before it; on the stop each step
    holds 1 s after the next one went off (TOF), read back from the outputs."""
    c1_on = plc.TON(1.0)
    feeder_on = plc.TON(1.0)
    c1_hold = plc.TOF(1.0)
    c2_hold = plc.TOF(1.0)

    def controller(line, t, m):
        ok = line.panel.safety_ok
        run = _seal(line, m)
        feeder = run and feeder_on(line.conveyor1.running, t) and line.conveyor1.running and ok
        c1_holding = c1_hold(feeder, t)
        c1 = ok and ((run and c1_on(line.conveyor2.running, t)) or (line.conveyor1.run and c1_holding))
        c2_holding = c2_hold(c1, t)
        c2 = ok and (run or (line.conveyor2.run and c2_holding))
        _write(line, c2, c1, feeder)

    return controller


class Sequencer:
    """An object with ``__call__``: a step number 0..3 stepped up by start and down by stop, one step a second."""

    def __init__(self) -> None:
        self.step = 0  # 0 stopped, 1 conveyor2, 2 + conveyor1, 3 + feeder
        self.since = 0.0
        self.run = False

    def __call__(self, line, t):
        ok = line.panel.safety_ok
        self.run = (line.panel.start or self.run) and not line.panel.stop and ok
        if not ok:
            self.step = 0
        elif self.run and self.step == 0:
            self.step, self.since = 1, t
        elif self.run and self.step < 3 and t - self.since >= 1.0:
            self.step, self.since = self.step + 1, t
        elif not self.run and self.step == 3:
            self.step, self.since = 2, t
        elif not self.run and 0 < self.step < 3 and t - self.since >= 1.0:
            self.step, self.since = self.step - 1, t
        _write(line, self.step >= 1, self.step >= 2, self.step == 3 and line.conveyor1.running)


as_an_object = Sequencer()

ov_c1 = plc.TON(1.0)
ov_f = plc.TON(1.0)
ov_c1_hold = plc.TOF(1.0)
ov_c2_hold = plc.TOF(2.0)


def stops_on_overload(line, t, m):
    """As in lab 3-4: a tripped overload relay breaks the seal-in (and refuses a start) besides the interlock."""
    ok = line.panel.safety_ok
    fault = line.conveyor1.overload or line.conveyor2.overload
    m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and ok and not fault
    c2 = ov_c2_hold(m["run"], t) and ok
    c1 = ov_c1(c2, t) and ov_c1_hold(m["run"], t) and ok
    feeder = m["run"] and ov_f(c1, t) and line.conveyor1.running
    _write(line, c2, c1, feeder)


CORRECT = [start_order, with_times_in_m, make_feedback_chain, as_an_object, stops_on_overload]
REFERENCE = start_order


# --- wrong ------------------------------------------------------------------------------------------------


def all_at_once(line, t, m):
    """The seal-in of lab 3-1 on all three outputs: no order at all."""
    run = _seal(line, m)
    _write(line, run, run, run)


wrong_c1 = plc.TON(1.0)
wrong_c2 = plc.TON(1.0)


def feeder_first(line, t, m):
    """The order reversed: feeder, 1 s, conveyor1, 1 s, conveyor2 (parts go onto a belt that does not run)."""
    run = _seal(line, m)
    c1 = wrong_c1(run, t)
    c2 = wrong_c2(c1, t)
    _write(line, c2, c1, run)


stop_c1 = plc.TON(1.0)
stop_f = plc.TON(1.0)


def stops_all_at_once(line, t, m):
    """The right start order, but stop switches everything off at once."""
    run = _seal(line, m)
    c1 = stop_c1(run, t)
    feeder = stop_f(c1, t) and line.conveyor1.running
    _write(line, run, c1, feeder)


cmd_c1 = plc.TON(1.0)
cmd_f = plc.TON(1.0)
cmd_c1_hold = plc.TOF(1.0)
cmd_c2_hold = plc.TOF(2.0)


def feeder_on_the_command(line, t, m):
    """Right idea, wrong tag: the feeder's interlock reads the command conveyor1.run, not conveyor1.running."""
    ok = line.panel.safety_ok
    run = _seal(line, m)
    c2 = cmd_c2_hold(run, t) and ok
    c1 = cmd_c1(c2, t) and cmd_c1_hold(run, t) and ok
    feeder = run and cmd_f(c1, t) and line.conveyor1.run
    _write(line, c2, c1, feeder)


def timetable(line, t):
    """Open loop: every 20 s, conveyor2 at 3 s, conveyor1 at 4 s, the feeder at 5 s; off in reverse from 12 s."""
    s = t % 20.0
    _write(line, 3.0 <= s < 14.0, 4.0 <= s < 13.0, 5.0 <= s < 12.0)


out_c1 = plc.TON(1.0)
out_f = plc.TON(1.0)
out_c1_hold = plc.TOF(1.0)
out_c2_hold = plc.TOF(2.0)


def sealed_by_the_output(line, t):
    """Seals in with conveyor2.run (still on during the stop sequence): the line starts again after a stop."""
    ok = line.panel.safety_ok
    run = (line.panel.start or line.conveyor2.run) and not line.panel.stop and ok
    c2 = out_c2_hold(run, t) and ok
    c1 = out_c1(c2, t) and out_c1_hold(run, t) and ok
    feeder = run and out_f(c1, t) and line.conveyor1.running
    _write(line, c2, c1, feeder)


fast_c1 = plc.TON(0.5)
fast_f = plc.TON(0.5)
fast_c1_hold = plc.TOF(0.5)
fast_c2_hold = plc.TOF(1.0)


def half_second_steps(line, t, m):
    """The right idea with 0.5 s steps."""
    ok = line.panel.safety_ok
    run = _seal(line, m)
    c2 = fast_c2_hold(run, t) and ok
    c1 = fast_c1(c2, t) and fast_c1_hold(run, t) and ok
    feeder = run and fast_f(c1, t) and line.conveyor1.running
    _write(line, c2, c1, feeder)


def stops_in_start_order(line, t, m):
    """Stops in the start order: conveyor2 first, 1 s, conveyor1, 1 s, the feeder."""
    ok = line.panel.safety_ok
    run = _seal(line, m)
    if run and not m["was"]:
        m["t_on"] = t
    if not run and m["was"]:
        m["t_off"] = t
    m["was"] = run
    if run:
        c2, c1, feeder = True, t - m["t_on"] >= 1.0, t - m["t_on"] >= 2.0
    else:
        c2 = False
        c1 = bool(m["c1"]) and t - m["t_off"] < 1.0
        feeder = bool(m["feeder"]) and t - m["t_off"] < 2.0
    m["c1"], m["feeder"] = c1, feeder
    _write(line, c2 and ok, c1 and ok, feeder and ok and line.conveyor1.running)


es_c1 = plc.TON(1.0)
es_f = plc.TON(1.0)
es_c1_hold = plc.TOF(1.0)
es_c2_hold = plc.TOF(2.0)


def stop_sequence_in_estop(line, t, m):
    """Treats the E-stop as a stop: the belts wait their turn to go off while the safety relay is tripped."""
    run = _seal(line, m)
    c2 = es_c2_hold(run, t)
    c1 = es_c1(c2, t) and es_c1_hold(run, t)
    feeder = run and es_f(c1, t) and line.conveyor1.running
    _write(line, c2, c1, feeder)


WRONG = [
    Wrong(all_at_once, "all_at_once"),
    Wrong(feeder_first, "wrong_order"),
    Wrong(stops_all_at_once, "no_reverse_stop"),
    Wrong(feeder_on_the_command, "feeder_without_running", WRONG_TAG),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(sealed_by_the_output, "restarts_after_stop"),
    Wrong(half_second_steps, "too_soon"),
    Wrong(stops_in_start_order, "stop_wrong_order"),
    Wrong(stop_sequence_in_estop, "estop_ignored"),
]
