"""Reference controllers: a sound way to run each part of the line.

Used by ``factorylab dataset`` to produce realistic data, by the benchmarks,
and by teachers as a model answer. Each ``make_*`` returns a fresh
controller ``controller(line, t)``.
"""

from __future__ import annotations

from . import plc


class PI:
    """A PI controller with output limits and anti-windup (conditional integration).

    Args:
        kc: proportional gain, output units per unit of error.
        ti: integral time, s.
        low, high: output limits.
    """

    def __init__(self, kc: float, ti: float, low: float = 0.0, high: float = 100.0) -> None:
        self.kc = kc
        self.ti = ti
        self.low = low
        self.high = high
        self.integral = 0.0
        self._last: float | None = None

    def __call__(self, setpoint: float, measurement: float, t: float) -> float:
        dt = 0.0 if self._last is None else t - self._last
        self._last = t
        error = setpoint - measurement
        output = self.kc * error + self.integral
        if self.low < output < self.high:
            self.integral += self.kc * error * dt / self.ti
        return self.low if output < self.low else self.high if output > self.high else output


class Hysteresis:
    """On below ``low``, off above ``high``, unchanged in between (an on/off controller)."""

    def __init__(self, low: float, high: float) -> None:
        self.low = low
        self.high = high
        self.on = False

    def __call__(self, value: float) -> bool:
        if value < self.low:
            self.on = True
        elif value > self.high:
            self.on = False
        return self.on


def make_line_controller(
    oven_setpoint: float = 220.0,
    dwell: float = 30.0,
    tool_change_wear: float = 190.0,
    level_low: float = 400.0,
    level_high: float = 700.0,
    slow_every: float = 0.5,
):
    """The whole line: start-up, oven PI and dwell gate, coolant on/off with
    hysteresis, tool changes and fault resets, sorting by the inspection
    verdict, jam alarm, stack light.

    Like a PLC program it has tasks at different rates: every scan for the
    pusher (parts move 10 mm per scan), every 0.25 s for the oven's dwell
    gate, and every ``slow_every`` seconds for the slow processes (oven PI,
    coolant, tool, alarms, lamps).
    """
    oven_pi = PI(kc=1.8, ti=160.0)
    coolant = Hysteresis(level_low, level_high)
    jam = plc.TON(1.0)
    pusher_eye = plc.R_TRIG()
    verdicts: list[bool] = []
    state = {"last_id": 0, "next_slow": None, "next_gate": None}

    def slow_task(line, t):
        ok = line.panel.safety_ok
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = line.cnc.run = ok
        line.oven.heater = oven_pi(oven_setpoint, line.oven.temperature, t) if ok else 0.0
        line.tank.inflow = 40.0 if coolant(line.tank.level) and ok else 0.0
        cnc = line.cnc
        cnc.tool_change = cnc.tool_wear >= tool_change_wear
        failed = cnc.failed
        cnc.reset = failed
        jammed = jam(line.conveyor1.current > 2.8 or line.conveyor2.current > 2.8, t)
        state_now = line.production.state
        lamps = line.stack_light
        lamps.red = jammed or not ok or failed
        lamps.green = ok and state_now == 1
        lamps.amber = state_now in (2, 4)

    def controller(line, t):
        # fast task: sorting by the inspection verdict, and the oven's dwell gate
        sorter = line.sorter
        part_id = line.inspection.part_id
        if part_id != state["last_id"]:
            state["last_id"] = part_id
            verdicts.append(line.inspection.reject)
        if pusher_eye(sorter.photo_eye) and verdicts:
            sorter.extend = verdicts.pop(0)
        elif sorter.extend and sorter.extended:
            sorter.extend = False
        # every 0.25 s: the oven's dwell gate
        if state["next_gate"] is None or t >= state["next_gate"] - 1e-9:
            state["next_gate"] = t + 0.25
            oven = line.oven
            oven.gate = oven.part_in and oven.front_dwell >= dwell
        # slow task
        if state["next_slow"] is None or t >= state["next_slow"] - 1e-9:
            state["next_slow"] = t + slow_every
            slow_task(line, t)

    return controller


def make_cnc_controller(tool_change_wear: float = 190.0, level_low: float = 400.0, level_high: float = 700.0):
    """The cnc scenario: feed, machine, keep the coolant up, change tools, reset failures."""
    coolant = Hysteresis(level_low, level_high)

    def controller(line, t):
        ok = line.panel.safety_ok
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = line.cnc.run = ok
        line.tank.inflow = 40.0 if coolant(line.tank.level) and ok else 0.0
        line.cnc.tool_change = line.cnc.tool_wear >= tool_change_wear
        line.cnc.reset = line.cnc.failed
        line.stack_light.red = line.cnc.failed or not ok
        line.stack_light.green = ok and line.production.state == 1

    return controller


def make_demo_controller(line, *, operator: bool = False, wait_for_oven: bool = True):
    """Keeps any scenario busy (for screenshots and demonstrations).

    Starts what the line has, heats the oven to 220 °C, keeps the coolant
    between 400 and 700 mm, sorts blue parts (or, on the full line, the parts
    the inspection rejected) and handles the CNC's tool changes and failures.

    Args:
        line: the line it will drive (decides which devices it touches).
        operator: False: the line runs by itself whenever the safety relay
            is on. True (``factorylab sim --demo`` with a window): the panel
            decides: START runs the line (a seal-in), STOP or the E-stop
            stops it. The oven preheats whenever the safety relay is on.
        wait_for_oven: the feeder waits until the oven is at 210 °C (no soft
            parts; screenshots). False: parts move at once and the first,
            under-hardened ones are rejected.
    """
    devices = set(line.devices)
    oven_pi = PI(kc=1.8, ti=160.0)
    pusher_eye = plc.R_TRIG()
    colour = plc.R_TRIG()
    verdicts: list[bool] = []
    blue_seen: list[float] = []
    coolant = Hysteresis(400.0, 700.0)
    state = {"last_id": 0, "running": False, "oven_ready": False}
    panel_decides = operator and "panel" in devices

    def controller(line, t):
        safe = line.panel.safety_ok if "panel" in devices else True
        if panel_decides:  # seal-in: START runs, STOP or a tripped safety relay stops
            panel = line.panel
            state["running"] = (panel.start or state["running"]) and not panel.stop and safe
            ok = state["running"]
        else:
            ok = safe
        for name in ("feeder", "conveyor1", "conveyor2", "cnc"):
            if name in devices:
                getattr(line, name).run = ok
        if "feeder" in devices and "oven" in devices and wait_for_oven:  # feed once the oven is hot
            state["oven_ready"] = line.oven.temperature >= (200.0 if state["oven_ready"] else 210.0)
            line.feeder.run = ok and state["oven_ready"]
        if "oven" in devices:
            line.oven.heater = oven_pi(220.0, line.oven.temperature, t) if safe else 0.0  # preheats
            line.oven.gate = line.oven.part_in and line.oven.front_dwell >= 30.0
        if "tank" in devices:
            line.tank.inflow = 40.0 if coolant(line.tank.level) and ok else 0.0
        if "cnc" in devices:
            line.cnc.tool_change = line.cnc.tool_wear >= 190.0
            line.cnc.reset = line.cnc.failed
        if "sorter" in devices:
            arrived = pusher_eye(line.sorter.photo_eye)
            if "inspection" in devices:  # push what the inspection rejected
                part_id = line.inspection.part_id
                if part_id != state["last_id"]:
                    state["last_id"] = part_id
                    verdicts.append(line.inspection.reject)
                if arrived and verdicts:
                    line.sorter.extend = verdicts.pop(0)
            else:  # push the blue parts: seen by the colour sensor 2.5 s earlier at 200 mm/s
                if colour(line.sorter.type_b):
                    blue_seen.append(t)
                while blue_seen and blue_seen[0] < t - 4.0:
                    blue_seen.pop(0)
                if arrived and blue_seen and t - blue_seen[0] > 1.5:
                    blue_seen.pop(0)
                    line.sorter.extend = True
            if line.sorter.extended:
                line.sorter.extend = False
        if "stack_light" in devices:
            running = line.production.state == 1
            line.stack_light.red = not safe
            if panel_decides:  # green: running, amber: safe but stopped
                line.stack_light.green = ok
                line.stack_light.amber = safe and not ok
                line.panel.display = line.production.parts_out % 10000  # parts shipped
            else:
                line.stack_light.green = ok and running
                line.stack_light.amber = line.production.state in (2, 4)

    return controller
