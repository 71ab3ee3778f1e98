"""Answers to ``jam_alarm``: a jam on either belt from the motor current with an on-delay; an alarm that clears."""

from __future__ import annotations

from factorylab import plc

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "jam_alarm"
LIMIT = 2.5


def _run(line) -> None:
    line.feeder.run = True
    line.conveyor1.run = True
    line.conveyor2.run = True


# --- correct, written in different ways --------------------------------------------------------------


jam1 = plc.TON(1.0)
jam2 = plc.TON(1.0)


def with_module_timers(line, t):
    """Reference: one module-level on-delay timer per belt."""
    _run(line)
    jammed = jam1(line.conveyor1.current > LIMIT, t) or jam2(line.conveyor2.current > LIMIT, t)
    line.stack_light.red = jammed
    line.stack_light.buzzer = jammed


high_since = {"conveyor1": None, "conveyor2": None}


def with_a_global(line, t):
    """Its own timing in a module-level dict: when did each current go high? Buzzer only."""
    _run(line)
    alarm = False
    for name in ("conveyor1", "conveyor2"):
        if getattr(line, name).current > 2.8:
            if high_since[name] is None:
                high_since[name] = t
            if t - high_since[name] >= 2.0:
                alarm = True
        else:
            high_since[name] = None
    line.stack_light.buzzer = alarm


class JamWatcher:
    """An object with ``__call__``: its own timing for the larger of the two currents; red also for the E-stop."""

    def __init__(self, limit: float = 3.0, delay: float = 0.8) -> None:
        self.limit = limit
        self.delay = delay
        self.high_for = 0.0
        self.last_t = 0.0

    def __call__(self, line, t):
        _run(line)
        if max(line.conveyor1.current, line.conveyor2.current) > self.limit:
            self.high_for += t - self.last_t
        else:
            self.high_for = 0.0
        self.last_t = t
        line.stack_light.red = self.high_for >= self.delay or not line.panel.safety_ok


as_an_object = JamWatcher()


def make_with_a_closure():
    """A factory: waits for start (seal-in), a 3.3 s delay, a blinking red lamp."""
    on = False
    timers = {"conveyor1": plc.TON(3.3), "conveyor2": plc.TON(3.3)}

    def controller(line, t):
        nonlocal on
        if line.panel.start:
            on = True
        if not line.panel.safety_ok:
            on = False
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = on
        jammed = False
        for name, timer in timers.items():
            if timer(getattr(line, name).current > 2.3, t):
                jammed = True
        line.stack_light.red = jammed and int(t * 2) % 2 == 0

    return controller


def with_m(line, t, m):
    """The recommended pattern: the timing lives in m (counts scans above the limit)."""
    _run(line)
    m["scans1"] = m["scans1"] + 1 if line.conveyor1.current > 3.4 else 0
    m["scans2"] = m["scans2"] + 1 if line.conveyor2.current > 3.4 else 0
    line.stack_light.red = m["scans1"] >= 30 or m["scans2"] >= 30


CORRECT = [with_module_timers, with_a_global, as_an_object, make_with_a_closure, with_m]
REFERENCE = with_module_timers


# --- wrong ------------------------------------------------------------------------------------------------


def no_delay(line, t):
    """The current alone: the inrush at start-up rings the alarm."""
    _run(line)
    line.stack_light.red = line.conveyor1.current > LIMIT or line.conveyor2.current > LIMIT


def ignores_the_start(line, t):
    """Ignores the first 3 s instead of a delay: the inrush at a restart rings the alarm."""
    _run(line)
    line.stack_light.red = t > 3.0 and (line.conveyor1.current > LIMIT or line.conveyor2.current > LIMIT)


def overload_relay(line, t):
    """Waits for the overload relay, which trips about 30 s after the jam."""
    _run(line)
    line.stack_light.red = line.conveyor1.overload or line.conveyor2.overload


only2 = plc.TON(1.0)


def only_conveyor2(line, t):
    """Right idea, one belt: watches conveyor2.current only."""
    _run(line)
    line.stack_light.red = only2(line.conveyor2.current > LIMIT, t)


def timetable(line, t):
    """Open loop: the alarm by the clock."""
    _run(line)
    line.stack_light.red = 20 < t < 30 or 50 < t < 60


latch1 = plc.TON(1.0)
latch2 = plc.TON(1.0)
latched = plc.SR()


def never_clears(line, t):
    """The alarm is latched (set, never reset)."""
    _run(line)
    jammed = latch1(line.conveyor1.current > LIMIT, t) or latch2(line.conveyor2.current > LIMIT, t)
    line.stack_light.red = latched(jammed, False)


low1 = plc.TON(1.0)
low2 = plc.TON(1.0)


def threshold_too_low(line, t):
    """A limit just above normal running: bunched parts and a worn bearing trip it."""
    _run(line)
    line.stack_light.red = low1(line.conveyor1.current > 1.6, t) or low2(line.conveyor2.current > 1.6, t)


shake1 = plc.TON(1.0)
shake2 = plc.TON(1.0)


def uses_vibration(line, t):
    """Right idea, wrong tag: the vibration, which a jam does not change."""
    _run(line)
    line.stack_light.red = shake1(line.conveyor1.vibration > 2.0, t) or shake2(line.conveyor2.vibration > 2.0, t)


cmp1 = plc.TON(1.0)
cmp2 = plc.TON(1.0)


def compares_instead_of_writing(line, t):
    """The lamp is never lit: == instead of =."""
    _run(line)
    jammed = cmp1(line.conveyor1.current > LIMIT, t) or cmp2(line.conveyor2.current > LIMIT, t)
    line.stack_light.red == jammed  # noqa: B015 - the mistake this answer shows


amber1 = plc.TON(1.0)
amber2 = plc.TON(1.0)


def amber_lamp(line, t):
    """Right idea, wrong output: the amber lamp."""
    _run(line)
    line.stack_light.amber = amber1(line.conveyor1.current > LIMIT, t) or amber2(line.conveyor2.current > LIMIT, t)


slow1 = plc.TON(8.0)
slow2 = plc.TON(8.0)


def too_slow(line, t):
    """An on-delay of 8 s: later than needed."""
    _run(line)
    line.stack_light.red = slow1(line.conveyor1.current > LIMIT, t) or slow2(line.conveyor2.current > LIMIT, t)


stop1 = plc.TON(1.0)
stop2 = plc.TON(1.0)


def stops_the_line(line, t):
    """Stops the belts at the jam (the next exercise, not this one)."""
    jammed = stop1(line.conveyor1.current > LIMIT, t) or stop2(line.conveyor2.current > LIMIT, t)
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = not jammed
    line.stack_light.red = jammed


def no_feeder(line, t):
    """Runs the belts but not the feeder: nothing to jam."""
    line.conveyor1.run = line.conveyor2.run = True
    line.stack_light.red = False


def timer_in_every_scan(line, t):
    """Makes a new timer in every scan, so it never times."""
    _run(line)
    line.stack_light.red = plc.TON(1.0)(line.conveyor2.current > LIMIT, t)


def misspelt(line, t):
    """A misspelt tag name."""
    _run(line)
    line.stack_light.red = line.conveyor2.curent > LIMIT


WRONG = [
    Wrong(no_delay, "no_delay"),
    Wrong(ignores_the_start, "restart_inrush"),
    Wrong(overload_relay, "overload_relay"),
    Wrong(only_conveyor2, "one_belt", WRONG_TAG),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(never_clears, "never_clears"),
    Wrong(threshold_too_low, "threshold_too_low"),
    Wrong(uses_vibration, "vibration_not_current", WRONG_TAG),
    Wrong(compares_instead_of_writing, "no_alarm"),
    Wrong(amber_lamp, "amber_lamp", WRONG_TAG),
    Wrong(too_slow, "too_slow"),
    Wrong(stops_the_line, "belts_stopped"),
    Wrong(no_feeder, "line_not_running"),
    Wrong(timer_in_every_scan, "block_made_in_scan"),
    Wrong(misspelt, "unknown_tag"),
]
