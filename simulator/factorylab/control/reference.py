"""Reference controllers: a sound way to run each part of the line.

Used by ``factorylab dataset`` to produce realistic data, by the benchmarks,
and by teachers as a model answer. Each ``make_*`` returns a fresh
controller ``controller(line, t)``.
"""

from __future__ import annotations

import math
import random

from ..errors import FactoryLabError
from . import plc

#: the tool policies of ``factorylab dataset --tool-policy``
TOOL_POLICIES = ("mixed", "run-to-failure", "fixed:MINUTES")


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


class Pulse:
    """An edge-triggered command, sent as a pulse and repeated while it is still needed.

    Devices such as the CNC act on a rising edge of a command (0 -> 1:
    ``cnc.tool_change``, ``cnc.reset``). Holding the command on gives one
    edge only: if that request is lost (the device failed meanwhile, or the
    write did not arrive) it is never sent again. So while ``needed`` holds,
    the output is on for ``width`` seconds, then off, and a new pulse starts
    every ``every`` seconds; when ``needed`` ends the output goes off at once.

    Args:
        width: pulse length, s (at least one scan of the task that calls it).
        every: s from the start of one pulse to the next (more than ``width``).
    """

    def __init__(self, width: float = 0.5, every: float = 3.0) -> None:
        if not 0.0 < width < every:
            raise ValueError(f"a pulse needs 0 < width < every (got width {width}, every {every})")
        self.width = width
        self.every = every
        self._start: float | None = None

    def __call__(self, needed: bool, t: float) -> bool:
        """The command's value at time ``t`` (s)."""
        if not needed:
            self._start = None
            return False
        if self._start is None or t >= self._start + self.every - 1e-9:
            self._start = t
        return t < self._start + self.width - 1e-9


class ToolPolicy:
    """When each new tool is changed: the tool wear (min) at which its change is requested.

    * ``fixed:MINUTES``: every tool at MINUTES of wear (``fixed:190``: the
      reference controller's habit; tools fail from 200 min, so no tool wear
      failures at all).
    * ``run-to-failure``: never before it fails; every tool ends in a tool wear
      failure (TWF) between 200 and 240 min, then it is changed.
    * ``mixed``: each tool at a wear drawn uniformly between 180 and 245 min,
      as a real maintenance crew does (the default of ``factorylab dataset``).
      A tool whose draw lies beyond its life (200 to 240 min, unknown to the
      controller) fails first: about 38 % of the tools, as in the AI4I 2020
      data (tools replaced or failed between 200 and 240 min, 69 of 189
      failed). So every failure mode appears, overstrain at high wear too.

    Args:
        kind: ``mixed``, ``run-to-failure`` or ``fixed``.
        minutes: the wear for ``fixed``, 1 .. 500 min.
        rng: the generator for ``mixed`` (use ``plant.rng.stream("tool_policy")``
            so that the same seed gives the same draws).
    """

    MIXED_RANGE = (180.0, 245.0)  # min

    def __init__(self, kind: str = "fixed", minutes: float = 190.0, rng: random.Random | None = None) -> None:
        if kind not in ("mixed", "run-to-failure", "fixed"):
            raise ValueError(f"unknown tool policy {kind!r}")
        self.kind = kind
        self.minutes = minutes
        self._rng = rng if rng is not None else random.Random(0)

    @classmethod
    def parse(cls, text: str, rng: random.Random | None = None) -> ToolPolicy:
        """``mixed``, ``run-to-failure`` or ``fixed:MINUTES`` as a policy; a clear error for anything else."""
        words = str(text).strip().lower()
        if words in ("mixed", "run-to-failure"):
            return cls(words, rng=rng)
        kind, _, minutes = words.partition(":")
        if kind == "fixed":
            try:
                value = float(minutes)
            except ValueError:
                value = math.nan
            if math.isfinite(value) and 1.0 <= value <= 500.0:
                return cls("fixed", value, rng)
            raise FactoryLabError(
                f"fixed: 뒤에는 공구를 바꿀 마모 시간(분)을 1에서 500 사이의 수로 적으세요 (예: fixed:190, 입력: {text})",
                f"after fixed: give the tool wear (min) at which to change the tool, 1 .. 500 "
                f"(e.g. fixed:190; got {text})",
            )
        raise FactoryLabError(
            f"공구 정책은 mixed, run-to-failure, fixed:분 중 하나입니다 (예: fixed:190, 입력: {text})",
            f"the tool policy is one of mixed, run-to-failure, fixed:MINUTES (e.g. fixed:190; got {text})",
        )

    def next_change(self) -> float:
        """The wear (min) at which to change the next tool (``inf``: when it fails)."""
        if self.kind == "fixed":
            return self.minutes
        if self.kind == "run-to-failure":
            return math.inf
        low, high = self.MIXED_RANGE
        return low + (high - low) * self._rng.random()

    def __str__(self) -> str:
        return f"fixed:{self.minutes:g}" if self.kind == "fixed" else self.kind


class CncTending:
    """Tool changes and failure resets for the CNC, as pulses repeated while needed.

    A tool change is needed once the wear reaches ``change_wear`` or the CNC
    reports ``tool_change_required`` (a broken or worn-out tool), until the
    change is under way; a reset is needed while the CNC has failed.

    Args:
        change_wear: tool wear at which to change the tool, min (below the
            200 min where tools may fail), or a :class:`ToolPolicy` that
            chooses it anew for each tool.
    """

    def __init__(self, change_wear: float | ToolPolicy = 190.0) -> None:
        self.policy = change_wear if isinstance(change_wear, ToolPolicy) else ToolPolicy("fixed", change_wear)
        self.change_wear = self.policy.next_change()  # for the tool in the machine now
        self.change = Pulse()
        self.reset = Pulse()
        self._was_changing = False

    def __call__(self, cnc, t: float) -> None:
        """Write ``cnc.tool_change`` and ``cnc.reset`` (``cnc`` is ``line.cnc``)."""
        changing = cnc.tool_changing
        if self._was_changing and not changing:  # a new tool: when is it changed?
            self.change_wear = self.policy.next_change()
        self._was_changing = changing
        worn = cnc.tool_wear >= self.change_wear or cnc.tool_change_required
        cnc.tool_change = self.change(worn and not changing, t)
        cnc.reset = self.reset(cnc.failed, t)


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
    feed_from: float = 210.0,
    tool_policy: ToolPolicy | None = None,
):
    """The whole line: start-up, oven PI and dwell gate, feeding once the oven
    is hot, coolant on/off with hysteresis, tool changes and fault resets
    (pulses, repeated while needed), sorting by the inspection verdict, jam
    alarm, stack light.

    Like a PLC program it has tasks at different rates: every scan for the
    pusher (parts move 10 mm per scan), every 0.25 s for the oven's dwell
    gate, and every ``slow_every`` seconds for the slow processes (oven PI,
    feeding, coolant, tool, alarms, lamps).

    Args:
        oven_setpoint: oven temperature, °C.
        dwell: s a part stays in the oven.
        tool_change_wear: tool wear at which the tool is changed, min.
        level_low, level_high: coolant level band, mm.
        slow_every: period of the slow task, s.
        feed_from: the feeder starts once the oven reaches this temperature
            (°C) and stops if it falls 10 °C below it: parts that pass a
            cold oven come out soft.
        tool_policy: when to change each tool (instead of ``tool_change_wear``).
    """
    oven_pi = PI(kc=1.8, ti=160.0)
    coolant = Hysteresis(level_low, level_high)
    oven_cold = Hysteresis(feed_from - 10.0, feed_from)  # on below feed_from - 10, off above feed_from
    tending = CncTending(tool_policy or tool_change_wear)
    jam = plc.TON(1.0)
    pusher_eye = plc.R_TRIG()
    verdicts: list[bool] = []
    state = {"last_id": 0, "next_slow": None, "next_gate": None}

    def slow_task(line, t):
        ok = line.panel.safety_ok
        line.conveyor1.run = line.conveyor2.run = line.cnc.run = ok
        line.oven.heater = oven_pi(oven_setpoint, line.oven.temperature, t) if ok else 0.0
        line.feeder.run = ok and not oven_cold(line.oven.temperature)
        line.tank.inflow = 40.0 if coolant(line.tank.level) and ok else 0.0
        cnc = line.cnc
        tending(cnc, t)
        failed = cnc.failed
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


def make_cnc_controller(
    tool_change_wear: float = 190.0,
    level_low: float = 400.0,
    level_high: float = 700.0,
    tool_policy: ToolPolicy | None = None,
):
    """The cnc scenario: feed, machine, keep the coolant up, change tools, reset failures (pulses).

    ``tool_policy`` (a :class:`ToolPolicy`) replaces the fixed ``tool_change_wear`` (min).
    """
    coolant = Hysteresis(level_low, level_high)
    tending = CncTending(tool_policy or tool_change_wear)

    def controller(line, t):
        ok = line.panel.safety_ok
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = line.cnc.run = ok
        line.tank.inflow = 40.0 if coolant(line.tank.level) and ok else 0.0
        tending(line.cnc, t)
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
    tending = CncTending(190.0)
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
            tending(line.cnc, t)
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
