"""Answers to ``stack_light`` (lab 3-1, exercise 3-4): seal-in with E-stop and overload fault, and the tower lamp
rule green = running, amber = stopped and ready, red = E-stop or fault."""

from __future__ import annotations

from factorylab import plc

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "stack_light"


def _fault(line) -> bool:
    return line.conveyor1.overload or line.conveyor2.overload


# --- correct, written in different ways --------------------------------------------------------------


def stack_light(line, t, m):
    """Reference: the seal-in rung with the fault as one more NC contact, then one rung per lamp."""
    ok = line.panel.safety_ok
    fault = line.conveyor1.overload or line.conveyor2.overload
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok and not fault
    line.conveyor1.run = run
    line.conveyor2.run = run
    red = not ok or fault
    line.stack_light.green = run
    line.stack_light.red = red
    line.stack_light.amber = not run and not red


def with_m_and_if(line, t, m):
    """State in m; the lamps from one if/elif/else, which sets all three in every branch."""
    if line.panel.stop or not line.panel.safety_ok or _fault(line):
        m["run"] = False
    elif line.panel.start:
        m["run"] = True
    line.conveyor1.run = line.conveyor2.run = m["run"]
    if not line.panel.safety_ok or _fault(line):
        lamps = (True, False, False)
    elif m["run"]:
        lamps = (False, False, True)
    else:
        lamps = (False, True, False)
    line.stack_light.red, line.stack_light.amber, line.stack_light.green = lamps


latch = plc.RS()


def with_an_rs_latch(line, t):
    """A reset-dominant latch; the stop, E-stop and fault reset it."""
    fault = _fault(line)
    run = latch(line.panel.start, line.panel.stop or not line.panel.safety_ok or fault)
    line.conveyor1.run = line.conveyor2.run = run
    line.stack_light.green = run
    line.stack_light.red = fault or not line.panel.safety_ok
    line.stack_light.amber = not (run or fault or not line.panel.safety_ok)


class TowerLamp:
    """An object: its attribute is its memory; the green lamp follows the motors' feedback."""

    def __init__(self) -> None:
        self.on = False

    def __call__(self, line, t):
        panel = line.panel
        alarm = not panel.safety_ok or line.conveyor1.overload or line.conveyor2.overload
        self.on = not alarm and not panel.stop and (panel.start or self.on)
        line.conveyor1.run = line.conveyor2.run = self.on
        line.stack_light.green = self.on and line.conveyor1.running
        line.stack_light.red = alarm
        line.stack_light.amber = not self.on and not alarm


as_an_object = TowerLamp()


CORRECT = [stack_light, with_m_and_if, with_an_rs_latch, as_an_object]
REFERENCE = stack_light


# --- wrong ------------------------------------------------------------------------------------------------


def last_exercise(line, t):
    """The answer of 3-3 as it was: no fault, no amber."""
    ok = line.panel.safety_ok
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok
    line.conveyor1.run = line.conveyor2.run = run
    line.stack_light.green = run
    line.stack_light.red = not ok


def fault_only_gates(line, t, m):
    """The fault switches the outputs off but leaves the seal-in set: the belts restart when the relay cools."""
    ok = line.panel.safety_ok
    m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and ok
    fault = _fault(line)
    run = m["run"] and not fault
    line.conveyor1.run = line.conveyor2.run = run
    line.stack_light.green = run
    line.stack_light.red = not ok or fault
    line.stack_light.amber = not run and not (not ok or fault)


def only_conveyor1_overload(line, t):
    """Right idea, wrong tag: only conveyor1's overload counts as a fault."""
    ok = line.panel.safety_ok
    fault = line.conveyor1.overload
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok and not fault
    line.conveyor1.run = line.conveyor2.run = run
    line.stack_light.green = run
    line.stack_light.red = not ok or fault
    line.stack_light.amber = not run and ok and not fault


def no_amber(line, t):
    """Everything but the amber lamp."""
    ok = line.panel.safety_ok
    fault = _fault(line)
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok and not fault
    line.conveyor1.run = line.conveyor2.run = run
    line.stack_light.green = run
    line.stack_light.red = not ok or fault


def amber_when_not_running(line, t):
    """Amber = not running: amber and red together in an E-stop or a fault."""
    ok = line.panel.safety_ok
    fault = _fault(line)
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok and not fault
    line.conveyor1.run = line.conveyor2.run = run
    line.stack_light.green = run
    line.stack_light.red = not ok or fault
    line.stack_light.amber = not run


def red_for_estop_only(line, t):
    """The fault stops the line, but the red lamp still shows the E-stop only."""
    ok = line.panel.safety_ok
    fault = _fault(line)
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok and not fault
    line.conveyor1.run = line.conveyor2.run = run
    line.stack_light.green = run
    line.stack_light.red = not ok
    line.stack_light.amber = not run and ok


def red_from_the_button(line, t):
    """Right idea, wrong tag: the red lamp from panel.estop, so it goes off before the reset."""
    ok = line.panel.safety_ok
    fault = _fault(line)
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok and not fault
    red = line.panel.estop or fault
    line.conveyor1.run = line.conveyor2.run = run
    line.stack_light.green = run
    line.stack_light.red = red
    line.stack_light.amber = not run and not red


def lamps_only_switched_on(line, t):
    """The lamps are only ever written True, in if branches: once on, they stay on."""
    ok = line.panel.safety_ok
    fault = _fault(line)
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok and not fault
    line.conveyor1.run = line.conveyor2.run = run
    if run:
        line.stack_light.green = True
    if not ok or fault:
        line.stack_light.red = True
    if not run and ok and not fault:
        line.stack_light.amber = True


def timetable(line, t):
    """Open loop: on and off by the clock."""
    run = 20 < t < 40 or 60 < t < 100
    line.conveyor1.run = line.conveyor2.run = line.stack_light.green = run
    line.stack_light.amber = not run


def amber_unless_red(line, t):
    """Amber = not red: amber also lights while running."""
    ok = line.panel.safety_ok
    fault = _fault(line)
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok and not fault
    line.conveyor1.run = line.conveyor2.run = run
    line.stack_light.green = run
    line.stack_light.red = not ok or fault
    line.stack_light.amber = ok and not fault


def red_latched(line, t, m):
    """The red lamp is latched by an E-stop or fault and never let go."""
    ok = line.panel.safety_ok
    fault = _fault(line)
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok and not fault
    line.conveyor1.run = line.conveyor2.run = run
    m["red"] = m["red"] or not ok or fault
    line.stack_light.green = run
    line.stack_light.red = m["red"]
    line.stack_light.amber = not run and not m["red"]


def amber_only_while_stop_pressed(line, t):
    """Amber follows the stop button instead of the line's state."""
    ok = line.panel.safety_ok
    fault = _fault(line)
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok and not fault
    line.conveyor1.run = line.conveyor2.run = run
    line.stack_light.green = run
    line.stack_light.red = not ok or fault
    line.stack_light.amber = line.panel.stop


WRONG = [
    Wrong(last_exercise, "fault_ignored"),
    Wrong(fault_only_gates, "restart_after_fault"),
    Wrong(only_conveyor1_overload, "fault_one_belt", WRONG_TAG),
    Wrong(no_amber, "amber_never"),
    Wrong(amber_when_not_running, "two_lamps"),
    Wrong(red_for_estop_only, "red_off_in_fault"),
    Wrong(red_from_the_button, "red_off_before_reset", WRONG_TAG),
    Wrong(lamps_only_switched_on, "green_on_stopped"),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(amber_unless_red, "amber_while_running"),
    Wrong(red_latched, "red_stays_on"),
    Wrong(amber_only_while_stop_pressed, "amber_off_stopped"),
]
