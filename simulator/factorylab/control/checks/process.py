"""Checks for the process-control exercises: tank hysteresis, oven PID, tool changes."""

from __future__ import annotations

from ...plant import Plant, Scenario
from . import Check, Judge, register

# --- keep the tank level between two limits (on/off with hysteresis) ------------------------

TANK_LOW, TANK_HIGH = 300.0, 700.0  # mm: the exercise's switching levels
TANK_MARGIN = 50.0  # mm the level may overshoot a limit (valve and sensor lag)


class TankJudge(Judge):
    def __init__(self, plant: Plant, seed: int) -> None:
        super().__init__(plant, seed)
        self.switches: list[float] = []
        self.valve_was: bool | None = None
        self.lowest = (1e9, 0.0)
        self.highest = (-1e9, 0.0)

    def after_scan(self, t: float) -> None:
        open_now = self.plant.tank.inflow > 0.0
        if self.valve_was is not None and open_now != self.valve_was:
            self.switches.append(t)
        self.valve_was = open_now

    def after_step(self, t: float) -> None:
        if t < 20.0:
            return
        level = self.plant.tank.true_level
        if level < self.lowest[0]:
            self.lowest = (level, t)
        if level > self.highest[0]:
            self.highest = (level, t)

    def finish(self) -> list:
        tank = self.plant.tank
        if tank.overflow_total > 0:
            self.fail(
                f"탱크가 넘쳤습니다 ({tank.overflow_total:.1f} L): {TANK_HIGH:.0f} mm 위에서는 유입 밸브(tank.inflow)를 닫으세요.",
                f"the tank overflowed ({tank.overflow_total:.1f} L): close the inflow valve (tank.inflow) above "
                f"{TANK_HIGH:.0f} mm.",
                None,
                "tank.inflow",
            )
        elif self.highest[0] > TANK_HIGH + TANK_MARGIN:
            level, t = self.highest
            self.fail(
                f"수위가 t={t:.0f} s 에 {level:.0f} mm 까지 올라갔습니다: {TANK_HIGH:.0f} mm 를 넘으면 밸브를 닫으세요 "
                f"(tank.inflow = 0).",
                f"the level rose to {level:.0f} mm at t={t:.0f} s: close the valve above {TANK_HIGH:.0f} mm "
                f"(tank.inflow = 0).",
                t,
                "tank.level",
            )
        elif self.lowest[0] < TANK_LOW - TANK_MARGIN:
            level, t = self.lowest
            self.fail(
                f"수위가 t={t:.0f} s 에 {level:.0f} mm 까지 내려갔습니다: {TANK_LOW:.0f} mm 아래에서는 밸브를 여세요 "
                f"(tank.inflow = 100).",
                f"the level fell to {level:.0f} mm at t={t:.0f} s: open the valve below {TANK_LOW:.0f} mm "
                f"(tank.inflow = 100).",
                t,
                "tank.level",
            )
        else:
            gaps = [(b - a, a) for a, b in zip(self.switches, self.switches[1:], strict=False)]
            short = [(gap, t) for gap, t in gaps if gap < 20.0]
            if len(short) >= 3:
                self.fail(
                    f"밸브를 t={short[0][1]:.0f} s 부터 몇 초마다 껐다 켰다 합니다 (채터링, {len(self.switches)}번 전환). "
                    f"여는 수위({TANK_LOW:.0f} mm)와 닫는 수위({TANK_HIGH:.0f} mm)를 다르게 두고, 그 사이에서는 "
                    f"밸브를 그대로 두세요 (히스테리시스).",
                    f"the valve toggles every few seconds from t={short[0][1]:.0f} s (chattering, "
                    f"{len(self.switches)} switches). Open at {TANK_LOW:.0f} mm, close at {TANK_HIGH:.0f} mm, and "
                    f"leave it alone in between (hysteresis).",
                    short[0][1],
                    "tank.inflow",
                )
            elif len(self.switches) < 2:
                self.fail(
                    "밸브를 한 번도 여닫지 않았습니다: 수위에 따라 tank.inflow 를 바꾸세요.",
                    "the valve never switched: change tank.inflow as the level moves.",
                    None,
                    "tank.inflow",
                )
        return self.findings


@register
class TankLevel(Check):
    """Keep the level between 300 and 700 mm with an on/off valve and hysteresis."""

    name = "tank_level"
    title = ("히스테리시스로 탱크 수위 유지 (300~700 mm)", "keep the tank level between 300 and 700 mm with hysteresis")
    scenario = "tank"
    seconds = 900.0

    def make_scenario(self, seed: int, base: Scenario) -> Scenario:
        demand = 0.22 + (seed % 5) * 0.02  # L/s drawn by the machines
        level = 380.0 + (seed % 7) * 40.0
        tank = base.tank.model_copy(update={"demand": demand, "level": level})
        return base.model_copy(update={"tank": tank})

    judge = TankJudge


# --- oven temperature control -----------------------------------------------------------------

OVEN_SETPOINT = 200.0  # degC
OVEN_OVERSHOOT = 5.0  # degC allowed above the setpoint
OVEN_BAND = 2.0  # degC settling band
OVEN_SETTLE_BY = 900.0  # s


class OvenJudge(Judge):
    def __init__(self, plant: Plant, seed: int) -> None:
        super().__init__(plant, seed)
        self.peak = (-1e9, 0.0)
        self.last_outside = 0.0
        self.late_low = self.late_high = None  # extremes after the settling time

    def after_step(self, t: float) -> None:
        temperature = self.plant.oven.true_temperature
        if temperature > self.peak[0]:
            self.peak = (temperature, t)
        if abs(temperature - OVEN_SETPOINT) > OVEN_BAND:
            self.last_outside = t
        if t >= OVEN_SETTLE_BY:
            self.late_low = temperature if self.late_low is None else min(self.late_low, temperature)
            self.late_high = temperature if self.late_high is None else max(self.late_high, temperature)

    def finish(self) -> list:
        final = self.plant.oven.true_temperature
        peak, t_peak = self.peak
        if peak > OVEN_SETPOINT + OVEN_OVERSHOOT:
            self.fail(
                f"온도가 t={t_peak:.0f} s 에 {peak:.1f} °C 까지 올라갔습니다 (목표 {OVEN_SETPOINT:.0f} °C, 허용 "
                f"{OVEN_SETPOINT + OVEN_OVERSHOOT:.0f} °C 까지): 오버슈트가 큽니다. 불감시간(20 s) 때문에 늦게 반응하니 "
                f"비례 이득을 줄이거나, 적분이 쌓이지 않게 하세요 (와인드업).",
                f"the temperature reached {peak:.1f} °C at t={t_peak:.0f} s (setpoint {OVEN_SETPOINT:.0f} °C, "
                f"allowed up to {OVEN_SETPOINT + OVEN_OVERSHOOT:.0f} °C): too much overshoot. The 20 s dead time "
                f"delays the response: lower the proportional gain or stop the integral winding up.",
                t_peak,
                "oven.heater",
            )
        elif self.late_low is not None and self.late_high - self.late_low > 2 * OVEN_BAND:
            self.fail(
                f"t={OVEN_SETTLE_BY:.0f} s 뒤에도 온도가 {self.late_low:.1f}~{self.late_high:.1f} °C 사이에서 "
                f"흔들립니다: 진동입니다. 이득을 줄이세요.",
                f"after t={OVEN_SETTLE_BY:.0f} s the temperature still swings between {self.late_low:.1f} and "
                f"{self.late_high:.1f} °C: it oscillates. Lower the gains.",
                OVEN_SETTLE_BY,
                "oven.temperature",
            )
        elif self.last_outside > OVEN_SETTLE_BY:
            self.fail(
                f"{OVEN_SETTLE_BY:.0f} s 까지 목표 ±{OVEN_BAND:.0f} °C 안에 자리 잡지 못했습니다 (마지막 온도 "
                f"{final:.1f} °C). 목표에 못 미친 채 머무르면 정상상태 오차입니다: 적분(I) 동작을 더하세요.",
                f"the temperature did not settle within ±{OVEN_BAND:.0f} °C by t={OVEN_SETTLE_BY:.0f} s (last "
                f"{final:.1f} °C). Staying short of the setpoint is a steady-state error: add integral (I) action.",
                self.last_outside,
                "oven.temperature",
            )
        return self.findings


@register
class OvenPID(Check):
    """Bring the oven to 200 °C: overshoot at most 5 °C, settled within ±2 °C by 900 s."""

    name = "oven_pid"
    title = (
        "오븐을 200 °C 로 (오버슈트 5 °C 이하, 900 s 안에 ±2 °C 안정)",
        "oven to 200 °C (overshoot at most 5 °C, settled within ±2 °C by 900 s)",
    )
    scenario = "oven"
    seconds = 1200.0
    scan = 0.5

    def make_scenario(self, seed: int, base: Scenario) -> Scenario:
        oven = base.oven.model_copy(update={"temperature": 25.0 + (seed % 4) * 10.0})
        return base.model_copy(update={"oven": oven})

    judge = OvenJudge


# --- change the CNC tool before it fails ---------------------------------------------------------

MIN_WEAR_AT_CHANGE = 120.0  # min: changing earlier wastes tools


class ToolJudge(Judge):
    def __init__(self, plant: Plant, seed: int) -> None:
        super().__init__(plant, seed)
        self.changes: list[float] = []
        self.wear_was = 0.0
        self.failed_since: float | None = None
        self.longest_failed = (0.0, 0.0)

    def after_step(self, t: float) -> None:
        cnc = self.plant.cnc
        if cnc.tool_wear < self.wear_was:  # a tool change finished
            self.changes.append(self.wear_was)
        self.wear_was = cnc.tool_wear
        if cnc.failed:
            if self.failed_since is None:
                self.failed_since = t
            if t - self.failed_since > self.longest_failed[0]:
                self.longest_failed = (t - self.failed_since, self.failed_since)
        else:
            self.failed_since = None

    def finish(self) -> list:
        plant = self.plant
        parts = [p for p in plant.finished_parts + plant.parts if p.failure_modes]
        wear_failures = [p for p in parts if {"TWF", "OSF"} & set(p.failure_modes)]
        if wear_failures:
            part = wear_failures[0]
            t = next((t for t, where in part.history if where == "cnc_failure"), None)
            mode = next(m for m in part.failure_modes if m in ("TWF", "OSF"))
            if mode == "TWF":
                ko = f"t={t:.0f} s 에 공구 마모 고장(TWF)이 났습니다 (마모 {part.tool_wear:.0f} min)"
                en = f"a tool wear failure (TWF) happened at t={t:.0f} s (wear {part.tool_wear:.0f} min)"
            else:
                ko = (
                    f"t={t:.0f} s 에 과부하 고장(OSF)이 났습니다 (마모 {part.tool_wear:.0f} min x 토크 "
                    f"{part.torque:.0f} Nm = {part.tool_wear * part.torque:,.0f} minNm)"
                )
                en = (
                    f"an overstrain failure (OSF) happened at t={t:.0f} s (wear {part.tool_wear:.0f} min x torque "
                    f"{part.torque:.0f} Nm = {part.tool_wear * part.torque:,.0f} minNm)"
                )
            self.fail(
                ko + ": 그 전에 공구를 바꾸세요 (cnc.tool_wear 를 보고 cnc.tool_change).",
                en + ": change the tool before that (watch cnc.tool_wear, use cnc.tool_change).",
                t,
                "cnc.tool_change",
            )
        elif self.longest_failed[0] > 30.0:
            duration, since = self.longest_failed
            self.fail(
                f"CNC가 t={since:.0f} s 부터 {duration:.0f}초 동안 고장 상태로 멈춰 있었습니다: 막을 수 없는 고장(HDF, PWF, "
                f"RNF)도 있으니 cnc.failed 가 켜지면 cnc.reset 으로 되살리세요.",
                f"the CNC stood failed for {duration:.0f} s from t={since:.0f} s: some failures (HDF, PWF, RNF) "
                f"cannot be prevented, so when cnc.failed is on, reset it with cnc.reset.",
                since,
                "cnc.reset",
            )
        elif plant.cnc.parts_machined < 100:
            self.fail(
                f"CNC가 {plant.time:.0f}초 동안 {plant.cnc.parts_machined}개만 가공했습니다: cnc.run, feeder.run, "
                f"conveyor1.run, conveyor2.run 을 켜세요.",
                f"the CNC machined only {plant.cnc.parts_machined} parts in {plant.time:.0f} s: switch cnc.run, "
                f"feeder.run, conveyor1.run and conveyor2.run on.",
                None,
                "cnc.run",
            )
        elif not self.changes:
            pass  # no change needed in this window (the tool never wore out)
        elif sum(self.changes) / len(self.changes) < MIN_WEAR_AT_CHANGE:
            mean = sum(self.changes) / len(self.changes)
            self.fail(
                f"공구를 너무 일찍 바꿉니다: 평균 마모 {mean:.0f} min 에서 {len(self.changes)}번 교체했습니다. 공구는 "
                f"200 min 까지는 고장 나지 않습니다: {MIN_WEAR_AT_CHANGE:.0f} min 이상 쓰세요.",
                f"you change tools too early: {len(self.changes)} changes at {mean:.0f} min of wear on average. A tool "
                f"does not wear out before 200 min: use it for at least {MIN_WEAR_AT_CHANGE:.0f} min.",
                None,
                "cnc.tool_change",
            )
        return self.findings


@register
class ToolChange(Check):
    """Change the CNC tool before it wears out (no TWF or OSF), without wasting tools."""

    name = "tool_change"
    title = ("고장 나기 전에 CNC 공구 교체", "change the CNC tool before it fails")
    scenario = "cnc"
    seconds = 1200.0

    def make_scenario(self, seed: int, base: Scenario) -> Scenario:
        cnc = base.cnc.model_copy(update={"tool_wear": float(40 + (seed % 5) * 20)})
        return base.model_copy(update={"cnc": cnc})

    judge = ToolJudge
