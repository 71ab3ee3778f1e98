"""Checks of lab 7-3 (from risk to policy: tool changes and anomaly detection).

Exercise 7-5 uses the shipped scored check ``tool_change`` as it is.

* ``anomaly_detection`` (value, on data): the student's ``detect(machines)``
  returns ``{"bearing": [s, ...], "heater": [s, ...]}``, the times (s) it
  raises each alarm, from the machines table of a shift (one row every 10 s).
  It is judged on :data:`HIDDEN` hidden shifts made by :func:`anomaly_shift`:
  each has a pause of 2-4 min with both belts stopped in its first 15 minutes,
  motors whose healthy vibration differs (a motor mounted differently), an
  oven setpoint between 195 and 215 °C, and, at seed-dependent times, a
  bearing wearing on one conveyor (vibration and current creep up) and a
  heater degrading (more heater for the same temperature); each fault starts
  early (12.5-13.5 min) in one shift, late (34-35 min) in another and not at
  all in the third. Every fault must be alarmed within
  :data:`MAX_DELAY` s of its start, and a shift may have at most
  :data:`MAX_FALSE` false alarm (an alarm before the fault started, or of a
  fault the shift does not have). The findings name an alarm on every sample,
  an alarm while the belts stood (running state ignored), a heater alarm
  while the oven warmed up (not even one: it would come at every start-up), a raw threshold that does not fit another motor
  or setpoint (no baseline), a detector that fires only at the end, a late
  and a missed detection.
"""

from __future__ import annotations

import functools
import math
import numbers
import random
import sys
from typing import Any

from factorylab.control.checks.base import Check, register
from factorylab.control.checks.kinds import call_student, not_written
from factorylab.control.checks.result import CheckResult, Finding
from factorylab.errors import FactoryLabError

#: one shift's length, min, and the judged limits
SHIFT_MINUTES = 50.0
MACHINE_EVERY = 10.0  # s between the rows of a machines table (factorylab.data.dataset.MACHINE_EVERY)
MAX_DELAY = 1200.0  # s from a fault's start to its first alarm
MAX_FALSE = 1  # false alarms a shift may have (both kinds together)
HIDDEN = 3
KINDS = ("bearing", "heater")
#: an answer with more alarms than this in one shift alarms on (almost) every sample
MANY = 40
#: s after a belt starts during which its current still carries the start (and a detector should wait)
SETTLE = 30.0
#: s between the reference controller's scans in a simulated shift (a PLC's 100 ms; the plant steps every 50 ms)
SCAN = 0.1


def _finding(code: str, ko: str, en: str, next_ko: str = "", next_en: str = "", tag: str | None = None, t=None):
    return Finding(code, ko, en, next_ko, next_en, t=t, tag=tag)


def _plan(seed: int, hidden_index: int | None = None) -> dict[str, Any]:
    """What happens in a shift: pause, setpoint, motor mounting, fault times and rates (all from the seed)."""
    rng = random.Random(f"anomaly_detection|{seed}")
    plan: dict[str, Any] = {
        "setpoint": rng.choice([195.0, 200.0, 205.0, 210.0, 215.0]),
        "pause_at": round(rng.uniform(4.0, 5.5) * 60.0, 1),
        "pause_s": round(rng.uniform(100.0, 150.0), 1),
        "mount": {"conveyor1": round(rng.uniform(0.8, 1.4), 2), "conveyor2": round(rng.uniform(0.8, 1.4), 2)},
        "belt": rng.choice(["conveyor1", "conveyor2"]),
        "bearing_at": round(rng.uniform(15.0, 30.0) * 60.0, 1),
        "bearing_rate": round(rng.uniform(1.2, 2.0), 2),
        "heater_at": round(rng.uniform(15.0, 30.0) * 60.0, 1),
        "heater_rate": round(rng.uniform(1.0, 1.5), 2),
    }
    if hidden_index is not None:
        # three hidden shifts cover the cases: for each fault one early start, one late start (more than MAX_DELAY
        # apart: no fixed time catches both) and one shift without it; the faulty belt's motor mounted as usual,
        # softer (a raw threshold misses its wear) or stiffer (a raw threshold alarms on a healthy motor)
        case = hidden_index % 3
        plan["mount"][plan["belt"]] = (1.0, 0.7, 1.7)[case]
        early = round(rng.uniform(12.5, 13.5) * 60.0, 1)
        late = round(rng.uniform(34.0, 35.0) * 60.0, 1)
        plan["bearing_at"], plan["heater_at"] = ((early, late), (late, None), (None, early))[case]
    return plan


@functools.lru_cache(maxsize=8)
def _simulate(seed: int, hidden_index: int | None):
    import pandas as pd

    from factorylab.control.line import LocalLine
    from factorylab.control.reference import make_line_controller
    from factorylab.data.dataset import MACHINE_EVERY, MACHINE_SIGNALS
    from factorylab.plant import Plant, load_scenario
    from factorylab.tags import tags_for

    plan = _plan(seed, hidden_index)
    plant = Plant(load_scenario("line"), seed=seed)
    line = LocalLine(plant)
    controller = make_line_controller(oven_setpoint=plan["setpoint"], feed_from=plan["setpoint"] - 30.0)
    tags = tags_for(plant)
    readers = [(column, tags[tag].reader) for column, tag, *_ in MACHINE_SIGNALS if tag in tags]
    every = round(MACHINE_EVERY / plant.dt)
    pause_from, pause_to = plan["pause_at"], plan["pause_at"] + plan["pause_s"]
    started: set[str] = set()
    rows: list[dict[str, Any]] = []
    scan = round(SCAN / plant.dt)
    for tick in range(round(SHIFT_MINUTES * 60.0 / plant.dt)):
        t = plant.time
        if tick % scan == 0:  # the PLC scans every SCAN s (the plant steps every dt)
            controller(line, t)
            if pause_from <= t < pause_to:  # a pause: both belts and the feeder stand
                line.conveyor1.run = line.conveyor2.run = line.feeder.run = False
        if plan["bearing_at"] is not None and "bearing" not in started and t >= plan["bearing_at"]:
            plant.inject_fault("bearing_wear", plan["belt"], rate=plan["bearing_rate"])
            started.add("bearing")
        if plan["heater_at"] is not None and "heater" not in started and t >= plan["heater_at"]:
            plant.inject_fault("heater_degradation", "oven", rate=plan["heater_rate"], floor=0.4)
            started.add("heater")
        if tick % every == 0:
            rows.append({"t": round(t, 1), **{column: reader(plant) for column, reader in readers}})
        plant.step()
    table = pd.DataFrame(rows)
    for belt, factor in plan["mount"].items():  # the motor's mounting scales its vibration
        table[f"{belt}_vibration"] = (table[f"{belt}_vibration"] * factor).round(2)
    return table, plan


def anomaly_shift(seed: int = 1):
    """A 50-minute shift of the line with a bearing wearing and a heater degrading, as a machines table.

    One row every 10 s (columns as in :func:`factorylab.data.shift`, ``t`` in s).
    The belts stand for 2-4 minutes in the first quarter of an hour; the faults
    start between 18 and 32 minutes and last to the end; ``machines.attrs["faults"]``
    says when each started (s) and where. About 1 s.

    Args:
        seed: the shift's seed (same seed, same table).
    """
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise FactoryLabError(f"seed는 정수여야 합니다 (입력: {seed!r})", f"seed must be a whole number (got {seed!r})")
    table, plan = _simulate(int(seed), None)
    table = table.copy(deep=True)
    table.attrs["faults"] = {
        "bearing": {"start": plan["bearing_at"], "target": plan["belt"]},
        "heater": {"start": plan["heater_at"], "target": "oven"},
    }
    return table


def hidden_shift(seed: int, index: int):
    """A hidden shift of the check (its table, without the fault labels, and its plan)."""
    # the simulation is the check's own code: it runs without the guard's profiler (which would slow it 3 times)
    profiler = sys.getprofile()
    sys.setprofile(None)
    try:
        table, plan = _simulate(int(seed), int(index))
    finally:
        sys.setprofile(profiler)
    return table.copy(deep=True), plan


# --- judging -----------------------------------------------------------------------------------------------------
def _times(value: Any) -> list[float] | None:
    """A list of alarm times, s, or None if it is not one."""
    if value is None:
        return []
    if isinstance(value, (str, bytes, dict)) or isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        value = [value]
    try:
        items = list(value)
    except TypeError:
        return None
    out = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, numbers.Real):
            try:
                item = float(item)
            except (TypeError, ValueError):
                return None
        item = float(item)
        if not math.isfinite(item):
            return None
        out.append(item)
    return sorted(out)


def _call(function: Any, table: Any) -> dict[str, list[float]] | Finding:
    value, error = call_student(function, table)
    if error is not None:
        return not_written(error, "detect") or _finding(
            "function_error",
            f"detect 함수에서 오류가 났습니다: {type(error).__name__}: {error}.",
            f"your function detect raised {type(error).__name__}: {error}",
            "오류가 난 줄을 고치세요. 숨은 교대의 표는 여러분의 표와 열이 같습니다.",
            "fix the line the error points to; the hidden shifts' tables have the same columns as yours",
        )
    if not isinstance(value, dict) or set(value) != set(KINDS):
        return _finding(
            "not_a_dict",
            f'detect는 {{"bearing": [...], "heater": [...]}} 사전을 돌려주어야 합니다 (돌려준 값: {_short(value)}).',
            f'detect must return a dict {{"bearing": [...], "heater": [...]}} (it returned {_short(value)})',
            "각 칸에 경보를 낸 시각(초)의 리스트를 넣으세요.",
            "put a list of the times (s) you raised each alarm in each key",
        )
    out = {}
    for kind in KINDS:
        times = _times(value[kind])
        if times is None:
            return _finding(
                "not_times",
                f'"{kind}" 칸이 시각(초)의 리스트가 아닙니다 (돌려준 값: {_short(value[kind])}).',
                f'"{kind}" is not a list of times in s (it is {_short(value[kind])})',
                "경보가 켜진 표의 t 값을 리스트에 append하세요.",
                "append the table's t of each alarm to a list",
            )
        out[kind] = times
    return out


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _standing(table: Any, t: float) -> str | None:
    """The belt that stood (or had just started) at t, or None."""
    rows = table[(table["t"] >= t - SETTLE) & (table["t"] <= t)]
    for belt in ("conveyor1", "conveyor2"):
        if len(rows) and not bool(rows[f"{belt}_running"].all()):
            return belt
    return None


def _fits_one_motor(table: Any, plan: dict[str, Any], alarms: dict[str, list[float]], rerun: Any) -> bool:
    """True if the bearing's false alarms go away when every motor vibrates like the lab's (1.2 mm/s healthy)."""
    normal = table.copy(deep=True)
    for belt, factor in plan["mount"].items():
        normal[f"{belt}_vibration"] = normal[f"{belt}_vibration"] / factor
    again = rerun(normal)
    if isinstance(again, Finding):
        return False
    start = plan["bearing_at"]
    false = [t for t in again["bearing"] if start is None or t < start]
    return len(false) < len([t for t in alarms["bearing"] if start is None or t < start]) and len(false) <= MAX_FALSE


def _judge_shift(
    table: Any, plan: dict[str, Any], alarms: dict[str, list[float]], rerun: Any = None
) -> list[tuple[float, Finding]]:
    """(priority, finding) of every problem in one shift; a lower priority is reported first."""
    problems: list[tuple[float, Finding]] = []
    end = float(table["t"].iloc[-1])
    total = sum(len(v) for v in alarms.values())
    if total > MANY:
        problems.append(
            (
                0,
                _finding(
                    "every_sample",
                    f"한 교대({SHIFT_MINUTES:.0f}분)에 경보를 {total}번 냈습니다: 조건이 참인 표본마다 경보를 낸 것 같습니다.",
                    f"you raised {total} alarms in one {SHIFT_MINUTES:.0f}-minute shift: an alarm on every sample where the condition "
                    "holds",
                    "조건이 거짓에서 참으로 바뀔 때(상승 에지) 한 번만 경보를 내세요.",
                    "raise the alarm once, when the condition goes from false to true (a rising edge)",
                ),
            )
        )
        return problems
    false: list[tuple[float, str]] = []
    for kind in KINDS:
        start = plan[f"{kind}_at"]
        for t in alarms[kind]:
            if start is None or t < start:
                false.append((t, kind))
    false.sort()
    warming = [
        t
        for t, kind in false
        if kind == "heater"
        and float(table[table["t"] <= t].iloc[-1]["oven_temperature"] if (table["t"] <= t).any() else 0.0)
        < plan["setpoint"] - 10.0
    ]
    if warming:  # an alarm at every start-up is a nuisance alarm: not even one is allowed
        false = [(warming[0], "heater")] + false
    if len(false) > MAX_FALSE:
        t, kind = next(((t, k) for t, k in false if k == "bearing" and _standing(table, t)), false[0])
        if warming:
            t, kind = warming[0], "heater"
        belt = _standing(table, t) if kind == "bearing" else None
        at_t = table[table["t"] <= t].iloc[-1] if (table["t"] <= t).any() else table.iloc[0]
        if belt is not None:
            problems.append(
                (
                    1,
                    _finding(
                        "running_state",
                        f"{t:.0f}초에 베어링 경보를 냈는데 그때 {belt}가 멈춰 있었거나 막 다시 돌기 시작했습니다 "
                        f"(오경보 {len(false)}번).",
                        f"you raised a bearing alarm at {t:.0f} s while {belt} stood or had just restarted "
                        f"({len(false)} false alarms)",
                        f"{belt}_running이 True이고 다시 돈 지 {SETTLE:.0f}초가 지난 표본만 기준과 비교하세요 (멈춘 벨트는 0을 읽습니다).",
                        f"compare only samples where {belt}_running is True and the belt has run for {SETTLE:.0f} s "
                        "(a stopped belt reads zero)",
                        f"{belt}.running",
                        t,
                    ),
                )
            )
        elif kind == "heater" and float(at_t["oven_temperature"]) < plan["setpoint"] - 10.0:
            problems.append(
                (
                    2,
                    _finding(
                        "warm_up",
                        f"{t:.0f}초에 히터 경보를 냈는데 그때 오븐은 아직 데워지는 중이었습니다 "
                        f"({float(at_t['oven_temperature']):.0f} °C, 히터 {float(at_t['oven_heater']):.0f} %).",
                        f"you raised a heater alarm at {t:.0f} s while the oven was still warming up "
                        f"({float(at_t['oven_temperature']):.0f} °C, heater {float(at_t['oven_heater']):.0f} %)",
                        "히터 열화는 '같은 온도를 지키는 데 히터가 더 필요한 것'입니다: 온도가 설정값 근처일 때만 히터를 비교하세요.",
                        "heater degradation is 'more heater for the same temperature': compare the heater only while "
                        "the temperature is near its setpoint",
                        "oven.heater",
                        t,
                    ),
                )
            )
        elif kind == "bearing" and rerun is not None and _fits_one_motor(table, plan, alarms, rerun):
            problems.append((3.5, _no_baseline(plan, kind, t, len(false))))
        else:
            problems.append((3, _false_alarms(plan, kind, t, len(false))))
    for kind in KINDS:
        start = plan[f"{kind}_at"]
        if start is None:
            continue
        late = [t for t in alarms[kind] if t >= start]
        tag = f"{plan['belt']}.vibration" if kind == "bearing" else "oven.heater"
        name_ko = {"bearing": f"{plan['belt']}의 베어링 마모", "heater": "히터 열화"}[kind]
        name_en = {"bearing": f"the bearing wear on {plan['belt']}", "heater": "the heater degradation"}[kind]
        if late and late[0] - start <= MAX_DELAY:
            continue
        odd = _odd_baseline(plan, kind)
        if late and late[0] >= end - 60.0:
            problems.append(
                (
                    4,
                    _finding(
                        "end_only",
                        f"{name_ko}가 {start:.0f}초에 시작했는데 경보는 교대가 끝날 때({late[0]:.0f}초)에야 났습니다.",
                        f"{name_en} started at {start:.0f} s but your alarm came only at the end of the shift "
                        f"({late[0]:.0f} s)",
                        "표 전체를 보고 한 번 판단하지 말고, 표본을 시간 순서로 보며 그때까지의 값만으로 판단하세요.",
                        "do not judge the whole table at once: go through the samples in time order and decide from "
                        "what is known by then",
                        tag,
                        late[0],
                    ),
                )
            )
        elif odd:
            problems.append((7, _no_baseline(plan, kind, late[0] if late else None, len(false), start)))
        elif late:
            problems.append(
                (
                    5,
                    _finding(
                        "late",
                        f"{name_ko}가 {start:.0f}초에 시작했는데 경보는 {late[0] - start:.0f}초 뒤에 났습니다 "
                        f"(최대 {MAX_DELAY:.0f}초).",
                        f"{name_en} started at {start:.0f} s and your alarm came {late[0] - start:.0f} s later "
                        f"(at most {MAX_DELAY:.0f} s)",
                        "기준에서 얼마나 벗어나면 경보를 낼지 더 작게 정하거나, 평균을 내는 구간을 줄이세요.",
                        "alarm at a smaller departure from the baseline, or average over fewer samples",
                        tag,
                        start,
                    ),
                )
            )
        else:
            problems.append(
                (
                    6,
                    _finding(
                        "missed",
                        f"{name_ko}가 {start:.0f}초에 시작했는데 경보를 내지 않았습니다.",
                        f"{name_en} started at {start:.0f} s and you raised no alarm",
                        "베어링은 진동, 히터는 같은 온도에서의 히터 명령을 정상 구간의 기준과 비교하세요.",
                        "compare the vibration (bearing) and the heater at the same temperature (heater) with a "
                        "baseline from the healthy minutes",
                        tag,
                        start,
                    ),
                )
            )
    return problems


def _odd_baseline(plan: dict[str, Any], kind: str) -> bool:
    """True if this shift's healthy level is far from the lab shift's (another motor, another setpoint)."""
    if kind == "bearing":
        return not 0.85 <= plan["mount"][plan["belt"]] <= 1.2
    return False


def _no_baseline(plan: dict[str, Any], kind: str, t: float | None, false: int, start: float | None = None) -> Finding:
    if kind == "bearing":
        normals = " / ".join(f"{belt} {1.2 * factor:.1f}" for belt, factor in plan["mount"].items())
        ko = f"이 교대의 모터는 정상 진동이 여러분의 표와 다릅니다({normals} mm/s): 여러분의 경보는 고정된 원시값 한계에 맞춘 것 같습니다"
        en = f"this shift's motors vibrate differently from yours when healthy ({normals} mm/s): your alarms seem set on a fixed raw limit"
        if start is not None:
            ko += f" (고장 시작 {start:.0f}초)."
            en += f" (the fault started at {start:.0f} s)"
        elif t is not None:
            ko += f" ({t:.0f}초에 오경보, 모두 {false}번)."
            en += f" (a false alarm at {t:.0f} s, {false} in all)"
        else:
            ko += "."
        return _finding(
            "no_baseline",
            ko,
            en,
            "모터마다 처음 정상 구간(운전 중 표본)에서 평균과 표준편차를 구해 기준으로 삼고, 그 기준에서 벗어날 때 경보를 내세요.",
            "take each motor's own mean and standard deviation from its first healthy running minutes as the "
            "baseline, and alarm when it departs from that",
            f"{plan['belt']}.vibration",
            t,
        )
    return _false_alarms(plan, kind, t, false)


def _false_alarms(plan: dict[str, Any], kind: str, t: float | None, false: int) -> Finding:
    name_ko, name_en = ("베어링", "bearing") if kind == "bearing" else ("히터", "heater")
    when_ko = f"{t:.0f}초에 " if t is not None else ""
    when_en = f" at {t:.0f} s" if t is not None else ""
    if kind == "heater":
        next_ko = (
            f"이 교대의 오븐 설정 온도는 {plan['setpoint']:.0f} °C입니다: 고정된 히터 값이 아니라 그 교대의 정상 히터 값을 "
            "기준으로 삼고, 부품이 드나드는 흔들림보다 넓게 여유를 두세요."
        )
        next_en = (
            f"this shift's oven setpoint is {plan['setpoint']:.0f} °C: use that shift's healthy heater as the baseline, "
            "with a margin wider than the swing as parts come and go"
        )
    else:
        next_ko = "한 표본이 아니라 최근 몇 개 표본의 평균을 기준과 비교하고, 한계를 표준편차의 몇 배로 넓게 두세요."
        next_en = "compare the mean of the last few samples, not one sample, with the baseline, and set the limit a few standard deviations wide"
    return _finding(
        "false_alarms",
        f"고장이 없는데 {when_ko}{name_ko} 경보를 냈습니다 (이 교대의 오경보 {false}번, 최대 {MAX_FALSE}번).",
        f"you raised a {name_en} alarm{when_en} with no fault ({false} false alarms in this shift, at most {MAX_FALSE})",
        next_ko,
        next_en,
        "oven.heater" if kind == "heater" else f"{plan['belt']}.vibration",
        t,
    )


@register
class AnomalyDetection(Check):
    """Alarm a wearing bearing and a degrading heater within 20 min, with at most one false alarm a shift."""

    name = "anomaly_detection"
    title = ("이상 감지: 베어링 마모와 히터 열화", "anomaly detection: bearing wear and heater degradation")
    kind = "value"
    count = HIDDEN

    @staticmethod
    def _looks_ahead(answer: Any, table: Any, plan: dict[str, Any], alarms: dict[str, list[float]], kind: str):
        """A finding if the first alarm of a fault does not come when the table ends at that alarm (future used)."""
        start = plan[f"{kind}_at"]
        hits = [t for t in alarms[kind] if start is not None and start <= t <= start + MAX_DELAY]
        if not hits:
            return None
        first = hits[0]
        again = _call(answer, table[table["t"] <= first + MACHINE_EVERY].copy(deep=True))
        if isinstance(again, Finding):
            return again
        if any(abs(t - first) <= 2 * MACHINE_EVERY for t in again[kind]):
            return None
        tag = f"{plan['belt']}.vibration" if kind == "bearing" else "oven.heater"
        return _finding(
            "uses_future",
            f"{first:.0f}초의 경보는 그 뒤의 표본을 써서 낸 것입니다: 표가 {first:.0f}초에서 끝나면 그 경보가 나지 않습니다.",
            f"your alarm at {first:.0f} s uses samples that come after it: with the table ending at {first:.0f} s it "
            "does not come",
            "실제 감시에서는 앞으로의 값을 모릅니다: 기준은 처음 정상 구간에서만 구하고, 표본을 시간 순서로 판단하세요.",
            "a live monitor cannot know what comes next: take the baseline from the first healthy minutes only and "
            "decide sample by sample in time order",
            tag,
            first,
        )

    def judge(self, answer: Any, seeds: list[int], **options: Any) -> CheckResult:
        if not callable(answer):
            return self.result(
                False,
                [
                    _finding(
                        "not_a_function",
                        'detect 함수를 주세요: factorylab.check(detect, "anomaly_detection").',
                        'give the function detect: factorylab.check(detect, "anomaly_detection")',
                    )
                ],
            )
        problems: list[tuple[float, int, Finding]] = []
        answers: list[dict[str, list[float]]] = []
        delays: list[str] = []
        for index, seed in enumerate(seeds):
            table, plan = hidden_shift(seed, index)
            alarms = _call(answer, table)
            if isinstance(alarms, Finding):
                return self.result(False, [alarms])
            answers.append(alarms)
            for priority, finding in _judge_shift(table, plan, alarms, lambda other: _call(answer, other)):
                problems.append((priority, index, finding))
            for kind in KINDS:
                finding = self._looks_ahead(answer, table, plan, alarms, kind)
                if isinstance(finding, Finding):
                    problems.append((4, index, finding))
            for kind in KINDS:
                start = plan[f"{kind}_at"]
                hit = [t for t in alarms[kind] if start is not None and t >= start]
                if hit:
                    delays.append(f"{(hit[0] - start) / 60.0:.1f}")
        if problems and all(a == answers[0] for a in answers) and any(answers[0].values()):
            shown = ", ".join(f"{t:.0f}" for kind in KINDS for t in answers[0][kind][:3])
            return self.result(
                False,
                [
                    _finding(
                        "open_loop",
                        f"숨은 교대 {len(answers)}개 모두에서 같은 시각({shown}초)에 경보를 냈습니다: 경보가 데이터를 따르지 않습니다.",
                        f"you raised your alarms at the same times ({shown} s) on all {len(answers)} hidden shifts: "
                        "they do not follow the data",
                        "시각표가 아니라 진동과 히터 값이 기준에서 벗어날 때 경보를 내세요.",
                        "alarm when the vibration or the heater departs from its baseline, not from a timetable",
                    )
                ],
            )
        if problems:
            problems.sort(key=lambda p: (p[0], p[1]))
            return self.result(False, [problems[0][2]])
        return self.result(True, [])
