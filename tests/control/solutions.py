"""Reference solutions and typical wrong solutions for each check.

Each ``make_*`` function returns a fresh controller (state in a closure);
stateless controllers are plain functions.
"""

from __future__ import annotations

from factorylab import plc

# --- seal_in ----------------------------------------------------------------------------------


def seal_in(line, t):
    """Reference: the classic ladder seal-in, with E-stop and stack light."""
    ok = line.panel.safety_ok
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok
    line.conveyor1.run = run
    line.conveyor2.run = run
    line.stack_light.green = run
    line.stack_light.red = not ok


def seal_in_without_seal(line, t):
    """Wrong: the conveyors run only while start is held."""
    line.conveyor1.run = line.conveyor2.run = line.panel.start and not line.panel.stop
    line.stack_light.green = line.conveyor1.run
    line.stack_light.red = not line.panel.safety_ok


def seal_in_ignoring_estop(line, t):
    """Wrong: the seal-in survives an E-stop, so the line restarts on reset."""
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop
    line.conveyor1.run = line.conveyor2.run = run
    line.stack_light.green = run
    line.stack_light.red = not line.panel.safety_ok


def seal_in_without_lamps(line, t):
    """Wrong: forgets the stack light."""
    ok = line.panel.safety_ok
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok
    line.conveyor1.run = line.conveyor2.run = run


# --- exit_blocked -------------------------------------------------------------------------------


def make_exit_blocked():
    """Reference: stop everything once the exit eye has been blocked for 2 s."""
    blocked = plc.TON(2.0)

    def controller(line, t):
        stop = blocked(line.conveyor2.photo_eye_exit, t)
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = not stop

    return controller


def exit_blocked_without_delay(line, t):
    """Wrong: stops as soon as any part passes the exit eye."""
    run = not line.conveyor2.photo_eye_exit
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = run


def exit_blocked_never_stops(line, t):
    """Wrong: ignores the exit eye."""
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = True


# --- sort_b ----------------------------------------------------------------------------------------

PUSH_DELAY = (1100.0 - 600.0) / 200.0  # s from the colour sensor to the pusher at 80 % speed


def make_sort_b():
    """Reference: remember when each blue part passed the colour sensor; push it at the pusher."""
    blue = plc.R_TRIG()
    arrive = plc.R_TRIG()
    seen: list[float] = []

    def controller(line, t):
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = True
        if blue(line.sorter.type_b):
            seen.append(t)
        if arrive(line.sorter.photo_eye):
            while seen and t - seen[0] > PUSH_DELAY + 1.0:
                seen.pop(0)  # a part that never arrived
            if seen and abs(t - seen[0] - PUSH_DELAY) < 1.0:
                seen.pop(0)
                line.sorter.extend = True
        if line.sorter.extended:
            line.sorter.extend = False

    return controller


def sort_everything(line, t):
    """Wrong: pushes every part."""
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = True
    line.sorter.extend = line.sorter.photo_eye and not line.sorter.extended


def sort_at_the_colour_sensor(line, t):
    """Wrong: fires while the blue part is still at the colour sensor, far from the pusher."""
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = True
    line.sorter.extend = line.sorter.type_b


# --- tank_level ----------------------------------------------------------------------------------


def make_tank_level():
    """Reference: on/off with hysteresis (open below 300 mm, close above 700 mm)."""
    state = {"open": False}

    def controller(line, t):
        level = line.tank.level
        if level < 300:
            state["open"] = True
        elif level > 700:
            state["open"] = False
        line.tank.inflow = 100 if state["open"] else 0

    return controller


def tank_single_threshold(line, t):
    """Wrong: one switching level, no hysteresis: the valve chatters."""
    line.tank.inflow = 100 if line.tank.level < 500 else 0


def tank_always_open(line, t):
    """Wrong: never closes."""
    line.tank.inflow = 100


def tank_backwards(line, t):
    """Wrong: opens when the level is high."""
    line.tank.inflow = 100 if line.tank.level > 700 else 0


# --- oven_pid ------------------------------------------------------------------------------------

SETPOINT = 200.0


def make_oven_pi(kc: float = 1.8, ti: float = 160.0, anti_windup: bool = True):
    """Reference: PI (SIMC tuning for K = 2.5 degC/%, tau = 180 s, dead time 20 s) with anti-windup."""
    state = {"integral": 0.0, "last": None}

    def controller(line, t):
        dt = 0.0 if state["last"] is None else t - state["last"]
        state["last"] = t
        error = SETPOINT - line.oven.temperature
        output = kc * error + state["integral"]
        saturated = output > 100 or output < 0
        if not (anti_windup and saturated):
            state["integral"] += kc * error * dt / ti
        line.oven.heater = min(100.0, max(0.0, output))

    return controller


def oven_on_off(line, t):
    """Wrong: bang-bang: full power below the setpoint."""
    line.oven.heater = 100 if line.oven.temperature < SETPOINT else 0


def oven_p_only(line, t):
    """Wrong: proportional only: it settles short of the setpoint."""
    line.oven.heater = min(100.0, max(0.0, 2.0 * (SETPOINT - line.oven.temperature)))


# --- jam_alarm ------------------------------------------------------------------------------------


def make_jam_alarm():
    """Reference: current above 2.5 A for 1 s means a jam."""
    high = plc.TON(1.0)

    def controller(line, t):
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = True
        jam = high(line.conveyor2.current > 2.5, t)
        line.stack_light.red = jam
        line.stack_light.buzzer = jam

    return controller


def jam_alarm_without_delay(line, t):
    """Wrong: no delay: the inrush at start-up raises a false alarm."""
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = True
    line.stack_light.red = line.conveyor2.current > 2.5


def jam_alarm_on_overload(line, t):
    """Wrong: waits for the overload relay, which trips only after about 15 s."""
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = True
    line.stack_light.red = line.conveyor2.overload


# --- tool_change ------------------------------------------------------------------------------------


def tool_change_at(wear: float, reset: bool = True):
    """A controller that changes the tool at ``wear`` minutes (and resets failures)."""

    def controller(line, t):
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = line.cnc.run = True
        line.cnc.tool_change = line.cnc.tool_wear >= wear
        if reset:
            line.cnc.reset = line.cnc.failed

    return controller
