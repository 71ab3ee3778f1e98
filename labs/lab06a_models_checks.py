"""Checks of lab 6-1 (``process_models``): the oven's step test and its first-order-plus-dead-time model.

``step_test`` (value) judges the DATA a student's step test collects::

    def step_test(line):          # heater 0 % -> 50 % at 60 s, 1200 s, every 1 s
        ...
        return result.history     # a table: index t (s), columns oven.heater and oven.temperature

    factorylab.check(step_test, "step_test")

The check calls ``step_test`` on three hidden ovens (fresh local lines of the
``oven`` scenario, each its own plant variant: gain and time constant ±20 %,
chosen low / high / middle so no two are alike) and looks at each table it
returns: the tags (``oven.temperature`` in °C, not ``oven.temperature_raw``
counts; ``oven.heater`` recorded too), the spacing of the rows (at most 2 s:
the dead time is 20 s), a baseline before the step (the heater at 0 % for
the first 60 s), the step itself (0 -> 50 % at 60 s, held), the length (to
1150 s at least, so the oven has settled) and that the temperatures really
come from the line the function was given (the end temperature is that oven's
within 3 °C: a table recorded earlier, or a step run on another line, is named),
that the line it was given really ran to the table's end and its oven is where the table ends (a table
computed from ``line.variant``, or recorded on a new line, is ``line_not_run``) and that the table starts
at 0 s (``not_from_start``: a second recording on a line that had run before).

``fopdt_fit`` (value) judges a student's ``fit_fopdt(table)`` that returns
``(K, tau, theta)``: gain K in °C per % of heater, time constant τ in s, dead
time θ in s::

    factorylab.check(fit_fopdt, "fopdt_fit", data=step_data, line=line)

It is called on the step tests of three hidden ovens (plant variants; the
step at 40-100 s, 30-60 % in size, dead times of 10-13, 32-35 and 19-22 s so
that no θ written in fits them all, one of them starting from a heater already
at 15-25 % and its steady temperature) and, when ``data=`` and ``line=`` are
given, on the student's own table, whose truth is the student's own plant
variant (``line.variant``) and the oven's dead time. Within K ±10 %, τ ±15 %,
θ ±5 s everything passes. Wrong answers named: the three numbers in another
order (``order_swapped``); θ taken at the heater change (``theta_zero``) or
counted from t = 0 (``theta_from_zero``); K in °C, ΔT not divided by Δu
(``k_not_per_percent``); K from the final temperature, the start temperature
not taken off (``k_from_final``); τ counted from t = 0 (``tau_from_zero``);
τ from 63 % of the final temperature instead of 63 % of the change
(``tau_63_of_final``); τ counted from the heater step, θ + τ (``tau_from_step``:
18 % or more too long on the short oven with the long dead time); the same
three numbers for every oven (``same_for_every_oven``: numbers written in), or
one of them (``written_in``, e.g. θ = 20 s).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from factorylab.control.checks.base import register
from factorylab.control.checks.kinds import ValueCheck, _number
from factorylab.control.checks.result import CheckResult, Finding, Item
from factorylab.control.student import Watchdog
from factorylab.errors import FactoryLabError
from factorylab.plant.variant import MAX_VARIANT, factors

HEATER = "oven.heater"
TEMPERATURE = "oven.temperature"
TAGS = (HEATER, TEMPERATURE)
STEP_AT = 60.0  # s: the heater steps at this time
STEP_SIZE = 50.0  # %: from 0 to this
SECONDS = 1200.0  # s recorded
#: s the recording must reach, at least (the slowest oven, τ = 216 s, is within 1 % of its end 5 τ after the step)
LAST_ROW = 1150.0
EVERY_MAX = 2.0  # s: rows further apart than this miss the dead time's detail
STEP_WINDOW = (55.0, 66.0)  # s: the step counts as "at 60 s" in this window
BASELINE_MIN = 30.0  # s of steady heater before the step, at least
SMALL_STEP = 10.0  # %: a step below this is lost in the noise of a real oven
SAME_HEATER = 0.5  # %: heater values closer than this are the same
END_MATCH = 3.0  # °C: the table's end temperature must be the oven's within this
FRESH_START = 5.0  # s: a table whose first row is later was recorded on a line that had run before
K_TOL, TAU_TOL, THETA_TOL = 0.10, 0.15, 5.0  # relative, relative, s


def _finding(code: str, ko: str, en: str, next_ko: str = "", next_en: str = "", **extra: Any) -> Finding:
    return Finding(code, ko, en, next_ko, next_en, **extra)


# --- reading a step table ------------------------------------------------------------------------------------


@dataclass
class Step:
    """What a step table shows: times (s), heater (%), temperature (°C) as lists, and the step found in them."""

    t: list[float]
    u: list[float]
    temperature: list[float]
    at: float  # s: first row with the new heater value
    u0: float  # % before the step
    u1: float  # % after
    t0: float  # °C: mean before the step
    t_end: float  # °C: mean of the last 60 s

    @property
    def written(self) -> float:
        """s: the row before the first row with the new value (a row shows the heater before that scan's write)."""
        k = self.t.index(self.at)
        return self.t[k - 1] if k > 0 else self.at

    @property
    def du(self) -> float:
        return self.u1 - self.u0

    @property
    def d_temperature(self) -> float:
        return self.t_end - self.t0

    def crossing(self, level: float) -> float:
        """The first time after the step the temperature reaches ``level`` (°C), interpolated; nan if never."""
        rising = self.t_end >= self.t0
        for i in range(1, len(self.t)):
            if self.t[i] < self.at:
                continue
            a, b = self.temperature[i - 1], self.temperature[i]
            if (b >= level) if rising else (b <= level):
                if a == b or not ((a < level) if rising else (a > level)):
                    return self.t[i]
                return self.t[i - 1] + (self.t[i] - self.t[i - 1]) * (level - a) / (b - a)
        return math.nan


def as_table(data: Any) -> Any:
    """``data`` as a DataFrame indexed by time in seconds (a ``t`` column or a time index), or None."""
    import pandas as pd

    if not isinstance(data, pd.DataFrame):
        return None
    table = data
    if "t" in table.columns:
        table = table.set_index("t")
    if isinstance(table.index, pd.TimedeltaIndex):
        table = table.set_axis(table.index.total_seconds())
    try:
        seconds = pd.Index(table.index.to_numpy(dtype=float))
    except (TypeError, ValueError):
        return None
    return table.set_axis(seconds).sort_index()


def read_step(table: Any) -> Step | None:
    """The step in a table with ``oven.heater`` and ``oven.temperature`` (None if the heater never changes)."""
    t = [float(v) for v in table.index]
    u = [float(v) for v in table[HEATER]]
    temperature = [float(v) for v in table[TEMPERATURE]]
    k = next((i for i, v in enumerate(u) if abs(v - u[0]) > SAME_HEATER), None)
    if k is None:
        return None
    before = [x for x, when in zip(temperature, t, strict=True) if when < t[k]]
    last = [x for x, when in zip(temperature, t, strict=True) if when >= t[-1] - 60.0]
    return Step(t, u, temperature, t[k], u[0], u[k], sum(before) / len(before), sum(last) / len(last))


def model_end(gain: float, tau: float, dead_time: float, step: Step) -> float:
    """°C the oven (from its steady start) reaches at the table's last row, by the first-order model."""
    elapsed = max(0.0, step.t[-1] - step.at - dead_time)
    return step.t0 + gain * step.du * (1.0 - math.exp(-elapsed / tau))


# --- step_test -------------------------------------------------------------------------------------------------


def _variant_in(rng: random.Random, position: int) -> int:
    """A plant variant whose oven gain and time constant factors are in the bands of ``position`` (from ``rng``)."""
    (k_low, k_high), (tau_low, tau_high) = BANDS[position % len(BANDS)]
    while True:
        number = rng.randrange(1, MAX_VARIANT + 1)
        f = factors(number)
        if k_low <= f.oven_gain <= k_high and tau_low <= f.oven_time_constant <= tau_high:
            return number


#: the hidden ovens' (gain, time constant) factor bands, by position in the seed list: no two ovens alike
BANDS = (((0.8, 0.9), (1.05, 1.2)), ((1.1, 1.2), (0.8, 0.92)), ((0.95, 1.05), (0.92, 1.05)))


def judge_table(data: Any, gain: float | None, tau: float | None, dead_time: float) -> Finding | None:
    """The first thing wrong with a step table (None: a good step test of this oven).

    ``gain``/``tau``: the oven the table should come from (None: not compared).
    """
    import pandas as pd

    if data is None:
        return _finding(
            "no_table",
            "step_test가 표를 돌려주지 않았습니다 (None).",
            "step_test returned nothing (None)",
            "함수 끝에서 return result.history로 기록한 표를 돌려주세요.",
            "end the function with return result.history",
        )
    if hasattr(data, "history") and hasattr(data, "kpis"):
        return _finding(
            "returned_result",
            "run()의 결과 전체(Result)를 돌려주었습니다: 검사는 기록된 표를 봅니다.",
            "you returned the whole Result of run(): the check looks at the recorded table",
            "return result.history로 표만 돌려주세요.",
            "return result.history, the table",
        )
    table = as_table(data)
    if table is None:
        return _finding(
            "not_a_table",
            f"step_test가 표(DataFrame)가 아닌 {type(data).__name__}을(를) 돌려주었습니다.",
            f"step_test returned a {type(data).__name__}, not a table (DataFrame)",
            "return result.history로 기록한 표를 돌려주세요.",
            "return result.history, the recorded table",
        )
    columns = [str(c) for c in table.columns]
    if TEMPERATURE not in columns:
        if "oven.temperature_raw" in columns:
            return _finding(
                "wrong_tag",
                "`oven.temperature_raw`(ADC 카운트, 0~4000)를 기록했습니다: 모델에는 °C로 된 `oven.temperature`가 "
                "필요합니다.",
                "you recorded oven.temperature_raw (ADC counts, 0-4000): the model needs oven.temperature in °C",
                'record=에 "oven.temperature"를 쓰세요.',
                'put "oven.temperature" in record=',
                tag=TEMPERATURE,
            )
        return _finding(
            "no_temperature",
            "표에 오븐 온도 `oven.temperature` 열이 없습니다.",
            "the table has no oven.temperature column",
            'record=에 "oven.temperature"와 "oven.heater"를 쓰세요.',
            'put "oven.temperature" and "oven.heater" in record=',
            tag=TEMPERATURE,
        )
    if HEATER not in columns:
        return _finding(
            "no_heater",
            "표에 히터 출력 `oven.heater` 열이 없습니다: 계단이 언제, 얼마나 들어갔는지 데이터로 보여야 합니다.",
            "the table has no oven.heater column: the data must show when and how big the step was",
            'record=에 "oven.heater"도 쓰세요.',
            'put "oven.heater" in record= too',
            tag=HEATER,
        )
    table = table[[HEATER, TEMPERATURE]].apply(pd.to_numeric, errors="coerce").dropna()
    if len(table) < 10:
        return _finding(
            "too_few_rows",
            f"표의 행이 {len(table)}개뿐입니다.",
            f"the table has only {len(table)} rows",
            "seconds=1200, record_every=1로 기록하세요.",
            "record with seconds=1200 and record_every=1",
        )
    t = [float(v) for v in table.index]
    steps = sorted(b - a for a, b in zip(t, t[1:], strict=False))
    spacing = steps[len(steps) // 2]
    if spacing > EVERY_MAX:
        return _finding(
            "too_sparse",
            f"행 사이 간격이 {spacing:g}초입니다: 불감시간(약 20초)을 읽으려면 {EVERY_MAX:g}초 이하여야 합니다.",
            f"rows are {spacing:g} s apart: to read the dead time (about 20 s) they must be {EVERY_MAX:g} s apart "
            "or less",
            "record_every=1로 기록하세요.",
            "record with record_every=1",
        )
    if t[0] > FRESH_START:
        return _finding(
            "not_from_start",
            f"표가 0초가 아니라 {t[0]:g}초에서 시작합니다: 이미 돌린 라인에서 이어서 기록해 오븐이 처음 상태(25 °C, "
            "히터 0 %)가 아니었습니다.",
            f"the table starts at {t[0]:g} s, not at 0 s: it was recorded on a line that had run before, so the oven "
            "did not start from 25 °C with the heater at 0 %",
            "factorylab.connect(...)로 라인을 새로 연결하고 step_test를 한 번만 돌리세요.",
            "connect a fresh line with factorylab.connect(...) and run step_test on it once",
            t=t[0],
            tag=TEMPERATURE,
        )
    step = read_step(table)
    if step is None:
        level = float(table[HEATER].iloc[0])
        if level <= SAME_HEATER:
            return _finding(
                "no_step",
                f"기록하는 동안 히터(`oven.heater`)가 계속 {level:g} %였습니다: 계단 입력이 없습니다.",
                f"the heater (oven.heater) stayed at {level:g} % all the time: there is no step",
                "t가 60초 이상이면 line.oven.heater = 50으로 쓰는 컨트롤러를 돌리세요.",
                "run a controller that writes line.oven.heater = 50 once t is 60 s or more",
                tag=HEATER,
            )
        return _finding(
            "no_baseline",
            f"히터(`oven.heater`)가 처음부터 {level:g} %였습니다: 계단 전의 기준(0 %)이 기록되지 않았습니다.",
            f"the heater (oven.heater) was at {level:g} % from the first row: there is no baseline (0 %) before "
            "the step",
            "처음 60초는 히터를 0으로 두고, 60초에 50으로 올리세요.",
            "keep the heater at 0 for the first 60 s and raise it to 50 at 60 s",
            t=0.0,
            tag=HEATER,
        )
    if step.at - t[0] < BASELINE_MIN:
        return _finding(
            "no_baseline",
            f"히터가 {step.written:g}초에 바뀌었습니다: 계단 전의 기준 구간이 너무 짧아 처음 온도를 알 수 없습니다.",
            f"the heater changed at {step.written:g} s: the baseline before the step is too short to know the start "
            "temperature",
            "처음 60초는 히터를 0으로 두고, 60초에 50으로 올리세요.",
            "keep the heater at 0 for the first 60 s and raise it to 50 at 60 s",
            t=step.written,
            tag=HEATER,
        )
    if abs(step.u0) > SAME_HEATER:
        return _finding(
            "wrong_start",
            f"계단 전 히터가 {step.u0:g} %였습니다: 과제는 0 %에서 시작합니다.",
            f"the heater was at {step.u0:g} % before the step: the task starts from 0 %",
            "처음 60초는 line.oven.heater = 0으로 쓰세요.",
            "write line.oven.heater = 0 for the first 60 s",
            tag=HEATER,
        )
    moved = next((i for i in range(len(t)) if t[i] > step.at and abs(step.u[i] - step.u1) > SAME_HEATER), None)
    if moved is not None:
        return _finding(
            "not_held",
            f"히터가 {step.written:g}초에 {step.u1:g} %로 올라갔다가 {t[moved - 1]:g}초에 {step.u[moved]:g} %로 다시 "
            "바뀌었습니다: 계단은 끝까지 그대로 둡니다.",
            f"the heater went to {step.u1:g} % at {step.written:g} s and changed again to {step.u[moved]:g} % at "
            f"{t[moved - 1]:g} s: a step stays where it is to the end",
            "60초부터 끝까지 line.oven.heater = 50을 유지하세요.",
            "keep line.oven.heater = 50 from 60 s to the end",
            t=t[moved],
            tag=HEATER,
        )
    if abs(step.du) < SMALL_STEP:
        rise = abs(step.d_temperature)
        return _finding(
            "too_small",
            f"계단이 {step.du:g} %뿐이라 온도가 {rise:.1f} °C만 변했습니다: 잡음과 실내 온도 변화에 묻혀 "
            "K, τ, θ를 정확히 읽을 수 없습니다.",
            f"the step is only {step.du:g} %, so the temperature moved only {rise:.1f} °C: in a real oven that is "
            "lost in noise and room drift, and K, tau and theta cannot be read well",
            "히터를 0에서 50 %로 올리세요.",
            "step the heater from 0 to 50 %",
            t=step.at,
            tag=HEATER,
        )
    if abs(step.du - STEP_SIZE) > SAME_HEATER:
        return _finding(
            "wrong_step_size",
            f"히터를 0에서 {step.u1:g} %로 올렸습니다: 과제는 50 %입니다.",
            f"you stepped the heater from 0 to {step.u1:g} %: the task asks for 50 %",
            "line.oven.heater = 50으로 쓰세요.",
            "write line.oven.heater = 50",
            t=step.at,
            tag=HEATER,
        )
    if not STEP_WINDOW[0] <= step.at <= STEP_WINDOW[1]:
        return _finding(
            "wrong_step_time",
            f"히터가 {step.written:g}초에 올라갔습니다: 과제는 60초입니다.",
            f"the heater went up at {step.written:g} s: the task asks for 60 s",
            "`if t >= 60:`으로 계단 시각을 정하세요.",
            "decide the step time with `if t >= 60:`",
            t=step.at,
            tag=HEATER,
        )
    if t[-1] < LAST_ROW:
        tail = [x for x, when in zip(step.temperature, t, strict=True) if when >= t[-1] - 60.0]
        climb = tail[-1] - tail[0] if tail else 0.0
        return _finding(
            "too_short",
            f"기록이 {t[-1]:g}초에서 끝났습니다: 마지막 60초에도 온도가 {climb:.1f} °C 올라 아직 정상상태가 아닙니다.",
            f"the recording ends at {t[-1]:g} s: the temperature still rose {climb:.1f} °C in the last 60 s, it has "
            "not settled",
            "seconds=1200으로 기록하세요.",
            "record with seconds=1200",
            t=t[-1],
            tag=TEMPERATURE,
        )
    if gain is not None and tau is not None:
        expected = model_end(gain, tau, dead_time, step)
        start_ok = abs(step.t0 - 25.0) <= END_MATCH
        if abs(step.t_end - expected) > END_MATCH or not start_ok:
            return _finding(
                "not_this_line",
                f"표의 마지막 온도가 {step.t_end:.1f} °C인데, 검사가 넘겨준 오븐이라면 {expected:.1f} °C쯤이어야 "
                "합니다: 다른 라인에서 기록했거나 전에 만든 표를 돌려준 것 같습니다.",
                f"the table ends at {step.t_end:.1f} °C, but the oven the check gave you ends near {expected:.1f} "
                "°C: it was recorded on another line, or made earlier",
                "함수 안에서 매개변수 line으로 factorylab.run(...)을 돌리고 그 기록을 돌려주세요.",
                "run factorylab.run(...) on the parameter line inside the function and return that recording",
                tag=TEMPERATURE,
            )
    return None


def judge_recorded_here(table: Any, plant: Any) -> Finding | None:
    """None if the table was recorded on ``plant``: it ran to the table's last row and ends where the table ends.

    A table computed from the oven's model (``line.variant``) or recorded on another line of the same variant fits
    the oven's numbers, but the line the check gave did not run.
    """
    t_last = float(table.index[-1])
    last = table[TEMPERATURE].iloc[-5:].astype(float).mean()
    heater = float(table[HEATER].iloc[-1])
    oven = plant.oven
    if (
        plant.time + 1e-6 >= t_last
        and abs(oven.true_temperature - last) <= END_MATCH
        and abs(oven.heater - heater) <= (SAME_HEATER)
    ):
        return None
    if plant.time + 1e-6 < t_last:
        what_ko = f"검사가 넘겨준 라인은 {plant.time:g}초에 멈춰 있습니다"
        what_en = f"the line the check gave stayed at {plant.time:g} s"
    else:
        what_ko = f"검사가 넘겨준 라인의 오븐은 {oven.true_temperature:.1f} °C(히터 {oven.heater:g} %)로 끝났습니다"
        what_en = (
            f"the oven of the line the check gave ended at {oven.true_temperature:.1f} °C (heater {oven.heater:g} %)"
        )
    return _finding(
        "line_not_run",
        f"표는 {t_last:g}초, {last:.1f} °C까지 있는데 {what_ko}: 이 라인에서 기록한 표가 아닙니다.",
        f"the table goes to {t_last:g} s and {last:.1f} °C, but {what_en}: it was not recorded on this line",
        "표를 계산으로 만들거나 새 라인을 연결하지 말고, 매개변수 line으로 factorylab.run(...)을 돌려 그 기록을 "
        "돌려주세요.",
        "do not compute the table or connect a new line: run factorylab.run(...) on the parameter line and return its "
        "recording",
        tag=TEMPERATURE,
    )


@register
class StepTestCheck(ValueCheck):
    """A step test of the oven: heater 0 -> 50 % at 60 s, 1200 s, recorded every 1-2 s; judged on its data."""

    name = "step_test"
    title = (
        "오븐 계단 응답 시험: 히터 0→50 %, 60초에, 1200초 기록",
        "oven step test: heater 0 -> 50 % at 60 s, 1200 s recorded",
    )
    function = "step_test"
    count = 3
    time_limit = 20.0

    def ovens(self, seeds: list[int]) -> list[tuple[int, int]]:
        """(seed, plant variant) of each hidden oven: gains low, high and middle by position."""
        out = []
        for position, seed in enumerate(seeds):
            rng = random.Random(f"{self.name}|{seed}")
            out.append((seed, _variant_in(rng, position)))
        return out

    def judge(self, answer: Any, seeds: list[int], **options: Any) -> CheckResult:
        import factorylab

        if not callable(answer):
            return self.result(
                False,
                [
                    _finding(
                        "not_a_function",
                        f"이 검사에는 함수 step_test를 넘기세요 (받은 것: {type(answer).__name__}).",
                        f"this check takes the function step_test (got a {type(answer).__name__})",
                        'factorylab.check(step_test, "step_test")로 부르세요.',
                        'call factorylab.check(step_test, "step_test")',
                    )
                ],
            )
        items: list[Item] = []
        for run, (seed, number) in enumerate(self.ovens(seeds), start=1):
            line = factorylab.connect(scenario="oven", seed=seed, variant=number)
            plant = line.plant
            try:
                with Watchdog(limit=self.time_limit) as dog:
                    dog.beat += 1
                    dog.busy = True
                    table = answer(line)
                    dog.busy = False
            except BaseException as error:  # noqa: BLE001 - the student's mistake, explained
                if isinstance(error, (KeyboardInterrupt, SystemExit)):
                    raise
                return self.result(False, [self._function_error(error)], seeds=run, items=items)
            finding = judge_table(
                table, plant.variant.oven_gain, plant.variant.oven_time_constant, plant.scenario.oven.dead_time
            )
            if finding is None:
                finding = judge_recorded_here(as_table(table), plant)
            label = f"오븐 {run} / oven {run}"
            if finding is not None:
                finding.seed = run
                items.append(Item(label, finding.code, False))
                return self.result(False, [finding], seeds=run, items=items)
            items.append(Item(label, "ok", True))
        return self.result(True, [], seeds=len(items), items=items)


# --- fopdt_fit -------------------------------------------------------------------------------------------------


@dataclass
class StepCase:
    """One step table for ``fit_fopdt`` and the true model of the oven that made it."""

    table: Any
    gain: float  # °C/%
    tau: float  # s
    theta: float  # s
    label: str


#: the hidden ovens' dead times (s) by position: no one number is within THETA_TOL of them all (a θ written in fails),
#: and on the short, long-dead-time oven τ counted from the heater step (θ + τ) is 18 % or more too long
DEAD_TIMES = ((10.0, 13.0), (32.0, 35.0), (19.0, 22.0))


def hidden_case(seed: int, position: int) -> StepCase:
    """A hidden oven's step test: its variant, step time, size and dead time drawn from ``seed``; position 1 starts
    warm."""
    import factorylab
    from factorylab.plant import load_scenario
    from factorylab.plant.variant import plant_variant

    rng = random.Random(f"fopdt_fit|{seed}")
    number = _variant_in(rng, position)
    at = round(rng.uniform(40.0, 100.0))
    u0 = float(rng.randint(15, 25)) if position % len(BANDS) == 1 else 0.0
    u1 = u0 + float(rng.randint(30, 60))
    seconds = at + round(rng.uniform(1140.0, 1200.0))
    dead_time = round(rng.uniform(*DEAD_TIMES[position % len(DEAD_TIMES)]) * 2.0) / 2.0  # drawn last: the rest stays
    base = load_scenario("oven")
    v = plant_variant(number, base.oven.gain, base.oven.time_constant)
    warm = {"heater": u0, "temperature": round(25.0 + v.oven_gain * u0, 2), "dead_time": dead_time}
    oven = base.oven.model_copy(update=warm)
    scenario = base.model_copy(update={"oven": oven})

    def step(line: Any, t: float) -> None:
        line.oven.heater = u1 if t >= at else u0

    line = factorylab.connect(scenario=scenario, seed=seed, variant=number)
    result = factorylab.run(step, line, seconds=seconds, scan=0.5, record=list(TAGS), record_every=1)
    variant = line.plant.variant
    label = f"oven {position + 1}: {u0:g}→{u1:g} % @ {at:g} s"
    return StepCase(result.history, variant.oven_gain, variant.oven_time_constant, oven.dead_time, label)


def graphical(table: Any, *, k_mode: str = "", theta_mode: str = "", tau_mode: str = "") -> tuple[float, float, float]:
    """The five-step graphical fit (a 63 % point), with a mistake switched on by a mode (for the recognisers).

    k_mode: ``celsius`` (ΔT not divided by Δu), ``final`` (final temperature / u after the step).
    theta_mode: ``zero`` (θ at the heater change), ``absolute`` (θ counted from t = 0).
    tau_mode: ``absolute`` (τ counted from t = 0), ``of_final`` (63 % of the final temperature).
    """
    step = read_step(as_table(table))
    assert step is not None
    k = step.d_temperature / step.du
    if k_mode == "celsius":
        k = step.d_temperature
    elif k_mode == "final":
        k = step.t_end / step.u1
    start = step.crossing(step.t0 + 0.02 * step.d_temperature)
    theta = start - step.at
    target = step.t0 + 0.632 * step.d_temperature
    if tau_mode == "of_final":
        target = 0.632 * step.t_end
    t63 = step.crossing(target)
    tau = t63 - start
    if tau_mode == "absolute":
        tau = t63
    if theta_mode == "zero":
        theta = 0.0
    elif theta_mode == "absolute":
        theta = start
    return k, tau, theta


@dataclass
class FitMistake:
    """A known wrong way to fit: which parameter it spoils, how to compute it, what to say."""

    code: str
    index: int  # 0 K, 1 tau, 2 theta
    formula: Callable[[StepCase], float]
    ko: str
    en: str
    next_ko: str
    next_en: str


def _g(index: int, **modes: str) -> Callable[[StepCase], float]:
    return lambda case: graphical(case.table, **modes)[index]


MISTAKES = (
    FitMistake(
        "theta_zero",
        2,
        lambda case: 0.0,
        "θ가 0초쯤입니다: 불감시간은 히터가 바뀐 시각이 아니라, 그때부터 온도가 움직이기 시작할 때까지 걸린 시간입니다",
        "theta is about 0 s: the dead time is not the moment the heater changed but the time from then until the "
        "temperature starts to move",
        "온도가 처음 값보다 조금(변화량의 2 %쯤) 올라간 시각에서 계단 시각을 빼세요.",
        "subtract the step time from the time the temperature first rises a little (about 2 % of the change)",
    ),
    FitMistake(
        "theta_from_zero",
        2,
        _g(2, theta_mode="absolute"),
        "θ를 t = 0부터 쟀습니다: 계단 시각까지 더해졌습니다",
        "you measured theta from t = 0: the step time is added in",
        "온도가 움직이기 시작한 시각에서 히터가 바뀐 시각을 빼세요.",
        "subtract the time the heater changed from the time the temperature starts to move",
    ),
    FitMistake(
        "k_not_per_percent",
        0,
        lambda case: case.gain * float(read_step(as_table(case.table)).du),
        "K가 °C 단위입니다: 온도 변화 ΔT를 히터 변화 Δu(%)로 나누지 않았습니다",
        "K is in °C: you did not divide the temperature change by the heater change (%)",
        "K = ΔT / Δu (°C/%)로 쓰세요.",
        "use K = delta T / delta u (°C per %)",
    ),
    FitMistake(
        "k_from_final",
        0,
        _g(0, k_mode="final"),
        "K를 마지막 온도 ÷ 히터로 구했습니다: 처음 온도(실내 온도)를 빼지 않았습니다",
        "you took K as the final temperature / heater: the start temperature (room temperature) was not taken off",
        "K = (마지막 온도 − 처음 온도) / (나중 히터 − 처음 히터)로 쓰세요.",
        "use K = (final - start temperature) / (heater after - heater before)",
    ),
    FitMistake(
        "tau_from_zero",
        1,
        _g(1, tau_mode="absolute"),
        "τ를 t = 0부터 쟀습니다: 계단 시각과 불감시간까지 더해졌습니다",
        "you measured tau from t = 0: the step time and the dead time are added in",
        "τ = (63 % 지점의 시각) − (계단 시각) − θ로 쓰세요.",
        "use tau = (time of the 63 % point) - (step time) - theta",
    ),
    FitMistake(
        "tau_from_step",
        1,
        lambda case: sum(graphical(case.table)[1:]),
        "τ를 히터 계단 시각부터 쟀습니다: 온도가 움직이기 시작한 때부터 재야 하는데 불감시간 θ까지 더해졌습니다",
        "you measured tau from the heater step: it starts when the temperature starts to move, so theta is added in",
        "τ = (63 % 지점의 시각) − (계단 시각) − θ로 쓰세요.",
        "use tau = (time of the 63 % point) - (step time) - theta",
    ),
    FitMistake(
        "tau_63_of_final",
        1,
        _g(1, tau_mode="of_final"),
        "τ를 '마지막 온도의 63 %'에서 읽었습니다: 63 %는 온도 '변화량'의 63 %입니다",
        "you read tau at 63 % of the final temperature: the 63 % is of the temperature CHANGE",
        "63 % 지점 = 처음 온도 + 0.632 × (마지막 온도 − 처음 온도)로 구하세요.",
        "use the 63 % point = start + 0.632 x (final - start temperature)",
    ),
)

NAMES = (("K", "°C/%"), ("τ", "s"), ("θ", "s"))


def _close(index: int, given: float, truth: float) -> bool:
    if index == 2:
        return abs(given - truth) <= THETA_TOL
    tolerance = K_TOL if index == 0 else TAU_TOL
    return abs(given - truth) <= tolerance * abs(truth)


def _three(value: Any) -> tuple[float, float, float] | None:
    """Three finite numbers from a tuple, list or array; None otherwise."""
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__len__"):
        return None
    try:
        items = list(value)
    except TypeError:
        return None
    if len(items) != 3:
        return None
    numbers = [_number(v) for v in items]
    if any(n is None or not math.isfinite(n) for n in numbers):
        return None
    return numbers[0], numbers[1], numbers[2]  # type: ignore[return-value]


@register
class FopdtFitCheck(ValueCheck):
    """``fit_fopdt(table)`` -> (K °C/%, τ s, θ s) on hidden ovens' step tests and on the student's own."""

    name = "fopdt_fit"
    title = (
        "1차 지연 + 불감시간(FOPDT) 모델 맞추기: K, τ, θ",
        "fit a first-order-plus-dead-time (FOPDT) model: K, tau, theta",
    )
    function = "fit_fopdt"
    count = 3
    time_limit = 10.0

    def __init__(self) -> None:
        self._cases: dict[tuple[int, int], StepCase] = {}

    def cases_for(self, seeds: list[int]) -> list[StepCase]:
        """The hidden step tests (made once per process and seed)."""
        out = []
        for position, seed in enumerate(seeds):
            key = (seed, position % len(BANDS))
            if key not in self._cases:
                self._cases[key] = hidden_case(seed, position)
            out.append(self._cases[key])
        return out

    def own_case(self, data: Any, line: Any) -> StepCase | Finding:
        """The student's own table with its truth from ``line.variant``, or what is wrong with the table."""
        variant = line.variant
        dead_time = float(line.scenario.oven.dead_time)
        finding = judge_table(data, variant.oven_gain, variant.oven_time_constant, dead_time)
        if finding is not None and finding.code == "not_this_line":
            step = read_step(as_table(data))
            end = model_end(variant.oven_gain, variant.oven_time_constant, dead_time, step)
            return _finding(
                "not_this_line",
                f"내 계단 응답 데이터(data=)는 {step.t_end:.1f} °C에서 끝나는데, line=의 오븐(변형 {variant.number})이라면 "
                f"{end:.1f} °C쯤이어야 합니다.",
                f"your step data (data=) ends at {step.t_end:.1f} °C, but the oven of line= (variant {variant.number}) "
                f"ends near {end:.1f} °C",
                "data=에는 line=의 오븐에서 step_test로 기록한 표를 주세요.",
                "give data= the table step_test recorded on the oven of line=",
                tag=TEMPERATURE,
            )
        if finding is not None:
            finding.ko = "내 계단 응답 데이터(data=): " + finding.ko
            finding.en = "your step data (data=): " + finding.en
            return finding
        return StepCase(as_table(data), variant.oven_gain, variant.oven_time_constant, dead_time, "your oven")

    def judge(self, answer: Any, seeds: list[int], **options: Any) -> CheckResult:
        if not callable(answer):
            return self.result(False, [self._not_an_answer(answer)])
        data, line = options.get("data"), options.get("line")
        if data is not None and line is None:
            raise FactoryLabError(
                "내 오븐으로도 검사하려면 data=(계단 응답 표)와 함께 line=(그 표를 기록한 라인)을 주세요.",
                "to be judged on your own oven too, give line= (the line that recorded it) with data= (the step table)",
            )
        cases = self.cases_for(seeds)
        if data is not None:
            own = self.own_case(data, line)
            if isinstance(own, Finding):
                return self.result(False, [own])
            cases = [own, *cases]
        given: list[tuple[float, float, float]] = []
        items: list[Item] = []
        for case in cases:
            try:
                with Watchdog(limit=self.time_limit) as dog:
                    dog.beat += 1
                    dog.busy = True
                    value = answer(case.table.copy())
                    dog.busy = False
            except BaseException as error:  # noqa: BLE001 - the student's mistake, explained
                if isinstance(error, (KeyboardInterrupt, SystemExit)):
                    raise
                return self.result(False, [self._function_error(error)], items=items)
            three = _three(value)
            if three is None:
                return self.result(False, [self._not_three(value)], items=items)
            given.append(three)
            right = all(_close(i, three[i], truth) for i, truth in enumerate((case.gain, case.tau, case.theta)))
            shown = f"K={three[0]:.3g} °C/%, τ={three[1]:.0f} s, θ={three[2]:.0f} s"
            items.append(Item(case.label, shown, right))
        if all(item.right for item in items):
            if line is not None and data is None:  # the own oven was asked for, but there is no step data yet
                return self.result(False, [_NO_OWN_DATA], seeds=len(cases), items=items)
            return self.result(True, [], seeds=len(cases), items=items)
        return self.result(False, [self._explain(cases, given)], seeds=len(cases), items=items)

    def _explain(self, cases: list[StepCase], given: list[tuple[float, float, float]]) -> Finding:
        truths = [(c.gain, c.tau, c.theta) for c in cases]
        if len(given) > 1 and all(
            math.isclose(g[i], given[0][i], rel_tol=1e-6, abs_tol=1e-9) for g in given for i in range(3)
        ):
            k, tau, theta = given[0]
            return _finding(
                "same_for_every_oven",
                f"오븐 {len(given)}대에 모두 같은 값(K={k:.3g}, τ={tau:.0f} s, θ={theta:.0f} s)을 돌려주었습니다: "
                "오븐마다 K와 τ가 다르니 숫자를 적어 두지 말고 받은 표(df)에서 구해야 합니다.",
                f"you returned the same values for all {len(given)} ovens (K={k:.3g}, tau={tau:.0f} s, "
                f"theta={theta:.0f} s): every oven has its own K and tau, so compute them from the table (df), do not "
                "write numbers in",
                'df["oven.heater"]와 df["oven.temperature"]에서 5단계 레시피로 K, τ, θ를 계산하세요.',
                'compute K, tau, theta from df["oven.heater"] and df["oven.temperature"] with the five-step recipe',
            )
        if all(
            not all(_close(i, g[i], t[i]) for i in range(3))
            and any(all(_close(i, g[p[i]], t[i]) for i in range(3)) for p in _ORDERS)
            for g, t in zip(given, truths, strict=True)
        ):
            return _finding(
                "order_swapped",
                "세 값은 맞지만 순서가 다릅니다: 돌려주는 순서는 (K, τ, θ)입니다.",
                "the three values are right but in another order: return them as (K, tau, theta)",
                "return K, tau, theta로 쓰세요.",
                "write return K, tau, theta",
            )
        for index in (0, 2, 1):  # K, then θ (τ is read after it), then τ
            wrong = [
                k for k, (g, t) in enumerate(zip(given, truths, strict=True)) if not _close(index, g[index], t[index])
            ]
            if not wrong:
                continue
            for mistake in MISTAKES:
                if mistake.index != index:
                    continue
                try:
                    matches = all(
                        _close(index, g[index], mistake.formula(case)) for case, g in zip(cases, given, strict=True)
                    )
                except (ArithmeticError, ValueError, TypeError, AssertionError):
                    continue
                if matches:
                    return _finding(mistake.code, mistake.ko, mistake.en, mistake.next_ko, mistake.next_en)
            name, unit = NAMES[index]
            if len(given) > 1 and all(math.isclose(g[index], given[0][index], rel_tol=1e-6) for g in given):
                value = given[0][index]
                return _finding(
                    "written_in",
                    f"{name}가 오븐 {len(given)}대에서 모두 {value:.3g} {unit}입니다: {name}도 오븐마다 다르니 숫자를 적어 "
                    "두지 말고 받은 표(df)에서 구하세요.",
                    f"{name} is {value:.3g} {unit} for all {len(given)} ovens: it differs from oven to oven too, so "
                    "compute it from the table (df), do not write a number in",
                    "그래프에 계단 시각, 처음·마지막 온도, 63 % 지점을 그려 보고 표에서 읽는 식을 쓰세요.",
                    "mark the step time, the start and final temperatures and the 63 % point on the plot and read "
                    "them from the table",
                )
            k = wrong[0]
            tolerance = f"±{THETA_TOL:g} s" if index == 2 else f"±{(K_TOL if index == 0 else TAU_TOL):.0%}"
            return _finding(
                f"{('k', 'tau', 'theta')[index]}_wrong",
                f"{cases[k].label}: {name} = {given[k][index]:.3g} {unit}인데 참값은 {truths[k][index]:.3g} {unit}입니다 "
                f"({tolerance} 안이어야 함).",
                f"{cases[k].label}: {name} = {given[k][index]:.3g} {unit}, the true value is {truths[k][index]:.3g} "
                f"{unit} (it must be within {tolerance})",
                "그래프에 계단 시각, 처음·마지막 온도, 63 % 지점을 그려 보고 식과 비교하세요.",
                "mark the step time, the start and final temperatures and the 63 % point on the plot and compare",
            )
        raise AssertionError("unreachable: some value was wrong")  # pragma: no cover

    def _not_three(self, value: Any) -> Finding:
        return _finding(
            "not_three_numbers",
            f"fit_fopdt는 숫자 세 개 (K, τ, θ)를 돌려주어야 합니다 (돌려준 것: {type(value).__name__}).",
            f"fit_fopdt must return three numbers (K, tau, theta); it returned a {type(value).__name__}",
            "함수 끝에 return K, tau, theta를 쓰세요.",
            "end the function with return K, tau, theta",
        )


_NO_OWN_DATA = Finding(
    "no_own_data",
    "숨은 오븐 3대는 모두 맞았지만 내 오븐의 계단 응답 데이터가 없습니다 (data=None).",
    "all 3 hidden ovens are right, but there is no step data of your own oven (data=None)",
    "과제 6-2의 step_test를 완성하고 step_data를 만든 셀을 다시 실행하세요.",
    "complete step_test (exercise 6-2) and run the cell that makes step_data again",
)

_ORDERS = [(0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)]

__all__ = [
    "HEATER",
    "SECONDS",
    "STEP_AT",
    "STEP_SIZE",
    "TAGS",
    "TEMPERATURE",
    "FopdtFitCheck",
    "StepTestCheck",
    "as_table",
    "graphical",
    "hidden_case",
    "judge_table",
    "read_step",
]
