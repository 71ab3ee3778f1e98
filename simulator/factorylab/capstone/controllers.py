"""Controllers the capstone compares teams with.

* :func:`make_reference_controller`: the reference capstone controller, a
  model answer built on :func:`factorylab.control.reference.make_line_controller`
  (oven PI, dwell gate, coolant hysteresis, tool tending, sorting by the
  inspection verdict) plus what the capstone asks for: START/STOP with a
  seal-in, the E-stop in every scan, the feeder interlock, and alarms
  (red lamp while a fault is seen, buzzer until the operator acknowledges
  with RESET). Its good parts, OEE, lateness and recovery times are the
  yardstick of the formula.
* :func:`make_baseline_controller`: the published baseline, the demo
  controller of ``factorylab sim --demo`` (START/STOP/E-stop, oven, coolant,
  tools, sorting; no alarms).
* :func:`make_estop_ignoring_controller`: the reference with its E-stop
  handling taken out (for tests and the teacher's demonstration: it scores
  0 on every seed with an E-stop).
"""

from __future__ import annotations

from typing import Any

from ..control import plc
from ..control.reference import make_demo_controller, make_line_controller

#: motor current above which a belt counts as jammed, A (a jam adds 2.5 A to the 1-1.5 A of a running belt)
JAM_CURRENT = 3.3
#: the tags the reference switches off when the line must not run (STOP or E-stop)
_MOTION = ("feeder", "conveyor1", "conveyor2", "cnc")


def make_reference_controller(honour_estop: bool = True) -> Any:
    """The reference capstone controller ``controller(line, t)`` (a fresh one per call).

    Args:
        honour_estop: False gives the same controller with its E-stop handling
            removed (only for demonstrating the zero rule).
    """
    inner = make_line_controller()
    jam = plc.TON(1.0)
    stuck = plc.TON(5.0)
    weak_heater = plc.TON(60.0)
    state = {"running": False, "hot": False, "fault": False, "acked": False, "next": 0.0, "slow": False}

    def alarms(line, t, safe, run):
        """Every 0.5 s: the faults it can see, the lamps and the buzzer."""
        c1, c2 = line.conveyor1, line.conveyor2
        # a queue waiting at the CNC also draws current (parts held back): a jam shows with the exit eye free
        heavy = (c1.current > JAM_CURRENT and not c1.photo_eye_exit) or c2.current > JAM_CURRENT
        jammed = jam(heavy or c1.overload or c2.overload, t)
        eye_stuck = stuck((c2.photo_eye_exit or line.sorter.photo_eye) and c2.running, t)
        oven = line.oven
        temperature = oven.temperature
        if not safe:
            state["hot"] = False  # the oven cools during an E-stop: heating up again is no fault
        elif temperature >= 215.0:
            state["hot"] = True
        heater_weak = weak_heater(state["hot"] and oven.heater >= 95.0 and temperature < 205.0, t)
        cnc = line.cnc
        fault = jammed or eye_stuck or heater_weak or cnc.failed or cnc.tool_change_required
        if fault and not state["fault"]:
            state["acked"] = False  # a new alarm: the buzzer sounds until RESET
        state["fault"] = fault
        lamps = line.stack_light
        lamps.red = fault or not safe
        lamps.buzzer = fault and not state["acked"]
        lamps.green = run and line.production.state == 1
        lamps.amber = safe and not run

    def task(line, t):
        """Every 0.25 s (a PLC task; buttons are pressed longer than that)."""
        panel = line.panel
        safe = panel.safety_ok if honour_estop else True
        # START / STOP with a seal-in; a tripped safety relay drops it (START needed again)
        run = state["running"] = (panel.start or state["running"]) and not panel.stop and safe
        if not run:
            for name in _MOTION:
                getattr(line, name).run = False
            if not safe:
                line.sorter.extend = False
                line.oven.heater = 0.0
                line.tank.inflow = 0.0
        elif not honour_estop:  # the wrong variant: the belts run on, whatever the safety relay says
            line.conveyor1.run = line.conveyor2.run = line.cnc.run = True
        if run and line.feeder.run and not line.conveyor1.running:
            line.feeder.run = False  # interlock: no parts onto a belt that stands
        if state["fault"] and panel.reset:
            state["acked"] = True  # the operator acknowledged: the buzzer goes quiet
            line.stack_light.buzzer = False
        state["slow"] = not state["slow"]
        if state["slow"]:  # every 0.5 s
            alarms(line, t, safe, run)

    def controller(line, t):
        inner(line, t)  # the process, with its own tasks (every scan: sorting; 0.25 s: dwell; 0.5 s: the rest)
        if t >= state["next"] - 1e-9:  # aligned with the process's tasks, so its writes never slip through
            state["next"] = t + 0.25
            task(line, t)

    return controller


def make_estop_ignoring_controller() -> Any:
    """The reference controller with its E-stop handling removed (scores 0 on seeds with an E-stop)."""
    return make_reference_controller(honour_estop=False)


def make_baseline_controller() -> Any:
    """The published baseline: the demo controller (START/STOP/E-stop, process, sorting; no alarms)."""
    made: dict[str, Any] = {}

    def controller(line, t):
        if "demo" not in made:
            made["demo"] = make_demo_controller(line, operator=True)
        made["demo"](line, t)

    return controller


__all__ = ["make_baseline_controller", "make_estop_ignoring_controller", "make_reference_controller"]
