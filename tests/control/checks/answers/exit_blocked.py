"""Answers to ``exit_blocked``: a TON on the exit photo-eye stops everything, feeder included; start restarts."""

from __future__ import annotations

from factorylab import plc

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "exit_blocked"


def _write(line, run: bool) -> None:
    line.feeder.run = run
    line.conveyor1.run = run
    line.conveyor2.run = run


# --- correct, written in different ways --------------------------------------------------------------

blocked_for_2_s = plc.TON(2.0)


def exit_blocked(line, t):
    """Reference: the seal-in rung (sealed by conveyor2.run) broken by a module-level TON on the exit eye."""
    blocked = blocked_for_2_s(line.conveyor2.photo_eye_exit, t)
    ok = line.panel.safety_ok
    run = (line.panel.start or line.conveyor2.run) and not line.panel.stop and ok and not blocked
    _write(line, run)


exit_timer = plc.TON(2.0)
running = False


def with_a_global(line, t):
    """A module-level TON and a global seal-in state; stop, E-stop and the timer all break it."""
    global running
    blocked = exit_timer(line.conveyor2.photo_eye_exit, t)
    if line.panel.start:
        running = True
    if line.panel.stop or not line.panel.safety_ok or blocked:
        running = False
    _write(line, running)


class ExitBlockedController:
    """An object with ``__call__``; the timer only runs while the line runs (TON(eye and running))."""

    def __init__(self) -> None:
        self.on = False
        self.timer = plc.TON(2.0)

    def __call__(self, line, t):
        blocked = self.timer(line.conveyor2.photo_eye_exit and self.on, t)
        self.on = line.panel.safety_ok and not line.panel.stop and (line.panel.start or self.on) and not blocked
        _write(line, self.on)


as_an_object = ExitBlockedController()


def make_with_a_closure():
    """A factory: the ladder rung sealed by the output's own contact, start on the rising edge."""
    timer = plc.TON(2.0)
    start = plc.R_TRIG()

    def controller(line, t):
        blocked = timer(line.conveyor2.photo_eye_exit, t)
        run = (start(line.panel.start) or line.conveyor2.run) and not line.panel.stop
        run = run and line.panel.safety_ok and not blocked
        _write(line, run)

    return controller


def with_m(line, t, m):
    """The recommended pattern, with the timer done by hand in m: when did the eye get covered?"""
    if line.conveyor2.photo_eye_exit:
        if not m["covered"]:
            m["covered"] = True
            m["since"] = t
    else:
        m["covered"] = False
    blocked = m["covered"] and t - m["since"] >= 2.0
    if blocked or line.panel.stop or not line.panel.safety_ok:
        m["run"] = False
    elif line.panel.start:
        m["run"] = True
    _write(line, m["run"])


latch = plc.RS()
full = plc.TON(2.0)
fault = False


def with_a_fault_latch(line, t):
    """A 'blocked' fault remembered apart; start clears it only while the eye is clear; an RS latch for run."""
    global fault
    if full(line.conveyor2.photo_eye_exit, t):
        fault = True
    if line.panel.start and not line.conveyor2.photo_eye_exit:
        fault = False
    run = latch(line.panel.start and not fault, line.panel.stop or fault or not line.panel.safety_ok)
    _write(line, run)


CORRECT = [exit_blocked, with_a_global, as_an_object, make_with_a_closure, with_m, with_a_fault_latch]
REFERENCE = exit_blocked


# --- wrong ------------------------------------------------------------------------------------------------


def _seal(line) -> bool:
    """Start/stop seal-in on conveyor2.run."""
    return (line.panel.start or line.conveyor2.run) and not line.panel.stop and line.panel.safety_ok


def stops_for_every_part(line, t):
    """No delay: stops as soon as a part reaches the exit eye."""
    run = _seal(line) and not line.conveyor2.photo_eye_exit
    _write(line, run)


def never_stops(line, t):
    """Start/stop only: ignores the exit eye."""
    _write(line, _seal(line))


feeder_timer = plc.TON(2.0)
belts_on = False


def feeder_keeps_feeding(line, t):
    """Stops the belts after 2 s of blocking, but the feeder only follows start and stop."""
    global belts_on
    if line.panel.start:
        belts_on = True
        line.feeder.run = True
    if line.panel.stop:
        line.feeder.run = False
    if line.panel.stop or feeder_timer(line.conveyor2.photo_eye_exit, t):
        belts_on = False
    line.conveyor1.run = line.conveyor2.run = belts_on


restart_timer = plc.TON(2.0)
restart_latch = plc.RS()


def restarts_by_itself(line, t):
    """The timer switches the outputs off but does not break the seal-in: the line restarts when the eye clears."""
    on = restart_latch(line.panel.start, line.panel.stop or not line.panel.safety_ok)
    _write(line, on and not restart_timer(line.conveyor2.photo_eye_exit, t))


def stops_at_40_s(line, t):
    """Open loop: start/stop, and everything off at t = 40 s (when the outfeed 'usually' blocks)."""
    run = (line.panel.start or line.conveyor2.run) and not line.panel.stop and t < 40.0
    _write(line, run)


def stops_after_10_parts(line, t):
    """A count: stops once 10 parts have left (when the outfeed 'usually' blocks)."""
    run = _seal(line) and line.production.parts_out < 10
    _write(line, run)


slow_timer = plc.TON(6.0)
slow = False


def timer_of_6_s(line, t):
    """The right idea with a far too long timer."""
    global slow
    if line.panel.start:
        slow = True
    if line.panel.stop or slow_timer(line.conveyor2.photo_eye_exit, t):
        slow = False
    _write(line, slow)


wrong_eye_timer = plc.TON(2.0)
wrong_eye_on = False


def times_conveyor1_exit(line, t):
    """Right idea, wrong tag: times conveyor1's exit eye instead of conveyor2's."""
    global wrong_eye_on
    if line.panel.start:
        wrong_eye_on = True
    if line.panel.stop or wrong_eye_timer(line.conveyor1.photo_eye_exit, t):
        wrong_eye_on = False
    _write(line, wrong_eye_on)


only_timer = plc.TON(2.0)
last_on = False


def only_conveyor2(line, t):
    """Stops conveyor2 only; conveyor1 and the feeder follow start and stop."""
    global last_on
    if line.panel.start:
        last_on = True
    if line.panel.stop or only_timer(line.conveyor2.photo_eye_exit, t):
        last_on = False
    line.conveyor2.run = last_on
    line.feeder.run = line.conveyor1.run = (line.panel.start or line.conveyor1.run) and not line.panel.stop


old_timer = plc.TON(2.0)


def without_start_button(line, t):
    """The old reference: runs from t = 0 without a start button."""
    _write(line, not old_timer(line.conveyor2.photo_eye_exit, t))


stuck_timer = plc.TON(2.0)
stuck = False


def never_restarts(line, t):
    """The 'blocked' memory is never cleared: start cannot restart the line."""
    global stuck
    if stuck_timer(line.conveyor2.photo_eye_exit, t):
        stuck = True
    run = _seal(line) and not stuck
    _write(line, run)


careless_timer = plc.TON(2.0)
careless = False


def ignores_stop(line, t):
    """Forgets the stop button."""
    global careless
    if line.panel.start:
        careless = True
    if careless_timer(line.conveyor2.photo_eye_exit, t):
        careless = False
    _write(line, careless)


def make_timer_in_every_scan(line, t):
    """Makes a new timer in every scan, so it never times."""
    timer = plc.TON(2.0)
    _write(line, _seal(line) and not timer(line.conveyor2.photo_eye_exit, t))


WRONG = [
    Wrong(stops_for_every_part, "no_delay"),
    Wrong(never_stops, "never_stops"),
    Wrong(feeder_keeps_feeding, "feeder_keeps_feeding"),
    Wrong(restarts_by_itself, "restart_by_itself"),
    Wrong(stops_at_40_s, "open_loop", OPEN_LOOP),
    Wrong(stops_after_10_parts, "count_stop", OPEN_LOOP),
    Wrong(timer_of_6_s, "timer_too_long"),
    Wrong(times_conveyor1_exit, "wrong_eye", WRONG_TAG),
    Wrong(only_conveyor2, "only_conveyor2", WRONG_TAG),
    Wrong(without_start_button, "on_before_start"),
    Wrong(never_restarts, "no_restart"),
    Wrong(ignores_stop, "stop_ignored"),
    Wrong(make_timer_in_every_scan, "block_made_in_scan"),
]
