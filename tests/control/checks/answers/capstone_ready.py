"""Answers to ``capstone_ready``: a team's ``make_controller`` for the whole line (lab 9-1)."""

from __future__ import annotations

from factorylab import plc
from factorylab.capstone import make_reference_controller
from factorylab.control.reference import make_line_controller

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "capstone_ready"


def named(name: str):
    def wrap(function):
        function.__name__ = name
        return function

    return wrap


def reference():
    return make_reference_controller()


REFERENCE = reference


def _team(interlock: bool = True, belt_saver: bool = False):
    """Written as a team would: PLC blocks, the process controller and a dict m for the seal-in and the alarm."""
    process = make_line_controller()
    jam = plc.TON(1.0)
    stuck = plc.TON(5.0)

    def controller(line, t, m):
        panel = line.panel
        safe = panel.safety_ok
        process(line, t)
        m["run"] = (panel.start or m["run"]) and not panel.stop and safe
        if not m["run"]:
            line.feeder.run = line.conveyor1.run = line.conveyor2.run = line.cnc.run = False
        if not safe:
            line.sorter.extend = False
            line.oven.heater = 0
            line.tank.inflow = 0
        if belt_saver and line.cnc.busy:
            line.conveyor1.run = False  # "saves energy" while the CNC works
        if interlock and not line.conveyor1.running:
            line.feeder.run = False
        c1, c2 = line.conveyor1, line.conveyor2
        heavy = (c1.current > 3.3 and not c1.photo_eye_exit) or c2.current > 3.3 or c1.overload or c2.overload
        fault = jam(heavy, t) or stuck((c2.photo_eye_exit or line.sorter.photo_eye) and c2.running, t)
        fault = fault or line.cnc.failed or line.cnc.tool_change_required
        if fault and not m["fault"]:
            m["acked"] = False
        if panel.reset:
            m["acked"] = True
        m["fault"] = fault
        line.stack_light.red = fault or not safe
        line.stack_light.buzzer = fault and not m["acked"]

    return controller


@named("team_with_m")
def team_with_m():
    return _team()


@named("belt_stopped_feeder_on")
def belt_stopped_feeder_on():
    return _team(interlock=False, belt_saver=True)


class Team:
    """The reference wrapped in a class, with the green lamp written every scan."""

    __name__ = "as_a_class"

    def __call__(self):
        inner = make_reference_controller()

        def controller(line, t):
            inner(line, t)
            line.stack_light.green = line.panel.safety_ok and line.production.state == 1

        return controller


CORRECT = [reference, team_with_m, Team()]


def _wrapped(name: str, after):
    def make_controller():
        inner = make_reference_controller()

        def controller(line, t):
            inner(line, t)
            after(line, t)

        return controller

    make_controller.__name__ = name
    return make_controller


def _timetable(line, t):
    on = t > 10.0  # by the clock: START is usually pressed in the first 10 s
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = line.cnc.run = on


def _stop_ignored(line, t):
    if line.panel.safety_ok and t > 15.0:
        line.conveyor1.run = line.conveyor2.run = line.cnc.run = True
        line.feeder.run = line.conveyor1.running


def _gate_shut(line, t):
    line.oven.gate = False


def _never_push(line, t):
    line.sorter.extend = False


def _amber_alarm(line, t):
    lamps = line.stack_light
    lamps.amber, lamps.red, lamps.buzzer = lamps.red or lamps.buzzer, False, False


def _red_always(line, t):
    line.stack_light.red = True


def _no_buzzer(line, t):
    line.stack_light.buzzer = False


def _buzzer_is_red(line, t):
    line.stack_light.buzzer = line.stack_light.red and line.panel.safety_ok


def _crash(line, t):
    if t > 30.0:
        return [][0]


def not_written():
    raise NotImplementedError()


WRONG = [
    Wrong(_wrapped("timetable_outputs", _timetable), "estop_output", OPEN_LOOP),
    Wrong(_wrapped("stop_ignored", _stop_ignored), "stop_ignored"),
    Wrong(belt_stopped_feeder_on, "interlock"),
    Wrong(_wrapped("oven_gate_never_opens", _gate_shut), "few_good_parts"),
    Wrong(_wrapped("pusher_never_extends", _never_push), "defects_shipped"),
    Wrong(_wrapped("alarm_on_amber_lamp", _amber_alarm), "alarm_missed", WRONG_TAG),
    Wrong(_wrapped("red_lamp_always_on", _red_always), "alarm_without_cause"),
    Wrong(_wrapped("no_buzzer", _no_buzzer), "no_buzzer"),
    Wrong(_wrapped("buzzer_ignores_reset", _buzzer_is_red), "ack_ignored"),
    Wrong(_wrapped("index_error_after_30_s", _crash), "python_error"),
    Wrong(not_written, "not_written"),
]
