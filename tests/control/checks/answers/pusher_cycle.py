"""Answers to ``pusher_cycle``: one pusher cycle per press of start on the limit switches, 1 s alarm."""

from __future__ import annotations

from factorylab import plc

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "pusher_cycle"


# --- correct, written in different ways --------------------------------------------------------------


def with_m(line, t, m):
    """Reference: a step number in m (0 home, 1 extending, 2 retracting), the press edge and a TON in m."""
    pressed = line.panel.start and not m["was_pressed"]
    m["was_pressed"] = line.panel.start
    if line.panel.reset:
        m["alarm"] = False
    if m["step"] == 0 and pressed and line.sorter.retracted and not m["alarm"]:
        m["step"] = 1
        m["since"] = t
    elif m["step"] == 1:
        if line.sorter.extended:
            m["step"] = 2
        elif t - m["since"] >= 1.0:
            m["step"] = 2
            m["alarm"] = True
    elif m["step"] == 2 and line.sorter.retracted:
        m["step"] = 0
    line.sorter.extend = m["step"] == 1
    line.stack_light.red = bool(m["alarm"])


def make_with_plc_blocks():
    """A factory: R_TRIG for the press, TON(1.0) on 'extending and not extended', an SR latch for the alarm."""
    press = plc.R_TRIG()
    timeout = plc.TON(1.0)
    alarm = plc.SR()
    state = {"step": "home"}

    def controller(line, t):
        start = press(line.panel.start)
        late = timeout(state["step"] == "out" and not line.sorter.extended, t)
        red = alarm(late, line.panel.reset)
        if state["step"] == "home" and start and line.sorter.retracted and not red:
            state["step"] = "out"
        elif state["step"] == "out" and (line.sorter.extended or late):
            state["step"] = "back"
        elif state["step"] == "back" and line.sorter.retracted:
            state["step"] = "home"
        line.sorter.extend = state["step"] == "out"
        line.stack_light.red = red

    return controller


class PusherSequence:
    """An object with ``__call__``: ladder-style relays (M0 extending, M1 retracting, M10 alarm)."""

    def __init__(self) -> None:
        self.extending = False
        self.retracting = False
        self.alarm = False
        self.before = False
        self.timer = plc.TON(1.0)

    def __call__(self, line, t):
        edge = line.panel.start and not self.before
        self.before = line.panel.start
        timed_out = self.timer(self.extending, t)
        if timed_out:
            self.alarm = True
        if line.panel.reset:
            self.alarm = False
        start_ok = edge and line.sorter.retracted and not self.retracting and not self.alarm
        # extending: set by the press, sealed, broken by the extended switch or the timeout
        self.extending = (start_ok or self.extending) and not line.sorter.extended and not timed_out
        # retracting: set when the stroke ends, broken by the retracted switch
        ended = line.sorter.extended or timed_out
        self.retracting = (ended or self.retracting) and not (line.sorter.retracted and not ended)
        line.sorter.extend = self.extending
        line.stack_light.red = self.alarm


as_an_object = PusherSequence()

step = 0
alarm_on = False
started_at = 0.0
start_before = False


def with_globals(line, t):
    """Module-level state, the timeout done by hand from t; reset is checked last."""
    global step, alarm_on, started_at, start_before
    edge = line.panel.start and not start_before
    start_before = line.panel.start
    if step == 0:
        if edge and not alarm_on and line.sorter.retracted:
            step, started_at = 1, t
    elif step == 1:
        if line.sorter.extended:
            step = 2
        elif t - started_at > 1.0:
            step, alarm_on = 2, True
    elif line.sorter.retracted:
        step = 0
    if line.panel.reset:
        alarm_on = False
    line.sorter.extend = step == 1
    line.stack_light.red = alarm_on
    line.stack_light.buzzer = alarm_on


CORRECT = [with_m, make_with_plc_blocks, as_an_object, with_globals]
REFERENCE = make_with_plc_blocks  # a factory: recording it leaves no state behind


# --- wrong ------------------------------------------------------------------------------------------------


def make_cycle(timeout: float | None = 1.0, edge: bool = True, wait_home: bool = True, latch: bool = True,
               lamp: str = "red", retract_on_alarm: bool = True, end: str = "extended", block_in_alarm: bool = True,
               reset_clears: bool = True):  # fmt: skip
    """A one-cycle sequence with one thing changed (the wrong answers below name which)."""
    press = plc.R_TRIG()
    timer = plc.TON(timeout if timeout is not None else 1.0)
    s = {"step": 0, "alarm": False, "lamp": False}

    def controller(line, t):
        start = press(line.panel.start) if edge else line.panel.start
        if reset_clears and line.panel.reset:
            s["alarm"] = False
        late = timeout is not None and timer(s["step"] == 1, t)
        home = line.sorter.retracted if wait_home else not line.sorter.extend
        if s["step"] == 0 and start and home and not (block_in_alarm and s["alarm"]):
            s["step"] = 1
        elif s["step"] == 1:
            if getattr(line.sorter, end):
                s["step"] = 2
            elif late:
                s["alarm"] = True
                s["step"] = 2 if retract_on_alarm else 1
        elif s["step"] == 2 and (line.sorter.retracted or not wait_home):
            s["step"] = 0
        line.sorter.extend = s["step"] == 1
        lit = s["alarm"] if latch else bool(late)
        setattr(line.stack_light, lamp, lit)

    return controller


def make_held_forever():
    """Extends on a press and never switches extend off."""
    press = plc.R_TRIG()

    def controller(line, t):
        if press(line.panel.start):
            line.sorter.extend = True

    return controller


def make_no_timeout():
    """The cycle on the limit switches without the 1 s alarm: a broken switch leaves the pusher out."""
    return make_cycle(timeout=None)


def make_retract_on_timer():
    """Retracts 0.4 s after extending (the stroke time of the usual cylinder) instead of on the switch."""
    press = plc.R_TRIG()
    out = plc.TP(0.4)

    def controller(line, t):
        line.sorter.extend = out(press(line.panel.start), t)

    return controller


def make_alarm_every_cycle():
    """The alarm timer counts from the press and ignores the extended switch: every cycle ends in the alarm."""
    press = plc.R_TRIG()
    timer = plc.TON(1.0)
    s = {"step": 0, "alarm": False}

    def controller(line, t):
        if line.panel.reset:
            s["alarm"] = False
        if s["step"] == 0 and press(line.panel.start) and not s["alarm"]:
            s["step"] = 1
        elif s["step"] == 1 and line.sorter.extended:
            s["step"] = 2
        elif s["step"] == 2 and line.sorter.retracted:
            s["step"] = 0
        if timer(s["step"] > 0, t):  # still 'busy' 1 s after the press: the alarm
            s["alarm"] = True
        line.sorter.extend = s["step"] == 1
        line.stack_light.red = s["alarm"]

    return controller


def timetable(line, t):
    """Open loop: a 0.45 s stroke at 3, 8, 13, ... s (when the operator 'usually' presses)."""
    line.sorter.extend = any(s <= t < s + 0.45 for s in range(3, 60, 5))


def make_extend_while_held():
    """The press's level, not its edge: start held down gives cycle after cycle."""
    return make_cycle(edge=False)


def make_jog():
    """The pusher follows the button: extend = start, no memory of the cycle."""

    def controller(line, t):
        line.sorter.extend = line.panel.start and not line.sorter.extended

    return controller


def make_reads_the_command():
    """Right idea, wrong tag: retracts when it reads sorter.extend (its own command) instead of sorter.extended."""
    press = plc.R_TRIG()

    def controller(line, t):
        if press(line.panel.start):
            line.sorter.extend = True
        elif line.sorter.extend:
            line.sorter.extend = False

    return controller


def make_amber_alarm():
    """Right idea, wrong tag: the alarm on the amber lamp."""
    return make_cycle(lamp="amber")


def make_photo_eye_as_end():
    """Right idea, wrong tag: waits for sorter.photo_eye (the part sensor) as the extended end; the 1 s alarm ends it."""
    return make_cycle(end="photo_eye")


def make_alarm_not_latched():
    """The red lamp is the timer's output: it goes out as soon as the pusher retracts."""
    return make_cycle(latch=False)


def make_no_retract_on_alarm():
    """Lights the red lamp at the timeout but keeps extending."""
    return make_cycle(retract_on_alarm=False)


def make_timer_of_2_s():
    """The alarm after 2 s instead of 1 s."""
    return make_cycle(timeout=2.0)


def make_timer_of_0_75_s():
    """The alarm after 0.75 s: never on a healthy cylinder here, but earlier than the 1 s asked."""
    return make_cycle(timeout=0.75)


def make_no_wait_for_home():
    """The cycle ends at the extended switch: a press while the pusher goes back sends it out again."""
    return make_cycle(wait_home=False)


def make_starts_during_alarm():
    """Start works while the alarm is on."""
    return make_cycle(block_in_alarm=False)


def make_reset_forgotten():
    """The alarm is never cleared: reset does nothing."""
    return make_cycle(reset_clears=False)


def make_no_lamp():
    """Retracts at the timeout but tells nobody (the alarm written to the buzzer only)."""
    return make_cycle(lamp="buzzer")


def make_never_starts():
    """Lights the lamps but never writes sorter.extend."""

    def controller(line, t):
        line.stack_light.green = line.sorter.retracted

    return controller


def forgets_the_button(line, t):
    """Strokes whenever the pusher is home: no start button at all."""
    if line.sorter.retracted:
        line.sorter.extend = True
    if line.sorter.extended:
        line.sorter.extend = False


def waits_in_the_scan(line, t):
    """Waits inside the scan for the extended switch: the watchdog stops it."""
    if line.panel.start:
        line.sorter.extend = True
        while not line.sorter.extended:
            pass
        line.sorter.extend = False


WRONG = [
    Wrong(make_held_forever, "held_forever"),
    Wrong(make_no_timeout, "no_timeout"),
    Wrong(make_retract_on_timer, "retract_on_timer"),
    Wrong(make_alarm_every_cycle, "alarm_on_healthy"),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(make_extend_while_held, "repeat_while_held"),
    Wrong(make_jog, "follows_button"),
    Wrong(make_reads_the_command, "command_not_feedback", WRONG_TAG),
    Wrong(make_amber_alarm, "wrong_lamp", WRONG_TAG),
    Wrong(make_photo_eye_as_end, "limit_switch_ignored", WRONG_TAG),
    Wrong(make_alarm_not_latched, "alarm_not_latched"),
    Wrong(make_no_retract_on_alarm, "alarm_no_retract"),
    Wrong(make_timer_of_2_s, "timeout_too_long"),
    Wrong(make_timer_of_0_75_s, "timeout_too_short"),
    Wrong(make_no_wait_for_home, "no_wait_retracted"),
    Wrong(make_starts_during_alarm, "start_during_alarm"),
    Wrong(make_reset_forgotten, "reset_ignored"),
    Wrong(make_no_lamp, "no_alarm_lamp"),
    Wrong(make_never_starts, "no_cycle"),
    Wrong(forgets_the_button, "extend_without_start"),
    Wrong(waits_in_the_scan, "watchdog"),
]
