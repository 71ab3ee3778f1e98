"""Checks of lab 7-1 (``cnc_data``): exploring the CNC's failure data, and why accuracy lies.

* ``failure_modes`` (value): ``explore(parts)`` returns a dict with the failure rate of each AI4I mode in %
  (``TWF``, ``HDF``, ``PWF``, ``OSF``, ``RNF``: parts with that mode / all parts x 100), the overstrain
  limit of grade L estimated from the data (``osf_limit_L``, tool wear x torque in min·Nm) and the power band
  outside which PWF fires (``pwf_low``, ``pwf_high``, torque x speed in rad/s = W). Judged on the student's
  own parts (``parts=``; truth: the plant's constants in :mod:`factorylab.plant.cnc`, limit and edges ±5 %,
  or anywhere between the nearest part that did not fail and the nearest that did: :func:`data_ranges`)
  and on hidden parts tables of *other machines* drawn by the same AI4I rules with their own limits (so a
  constant copied from ``cnc.py`` fails). Rates in % must match exactly (±0.01 percentage points).
* ``metrics_by_hand`` (value): ``metrics(y_true, y_pred)`` (lists of 0/1, 1 = failure, the positive class)
  returns the majority baseline's accuracy, the model's accuracy, the confusion matrix (tp, fp, fn, tn),
  precision, recall, F1 (fractions 0..1) and ``beats_baseline`` (accuracy > baseline accuracy). Judged on
  hidden label sets with about 3 % failures.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping
from typing import Any

from factorylab.control.checks.base import Check, register
from factorylab.control.checks.kinds import _number, call_student, function_error
from factorylab.control.checks.result import CheckResult, Finding, Item
from factorylab.plant import cnc

MODES = ("TWF", "HDF", "PWF", "OSF", "RNF")
LIMIT_KEYS = ("osf_limit_L", "pwf_low", "pwf_high")
FM_KEYS = MODES + LIMIT_KEYS
#: relative tolerance of the estimated limit and band edges
REL = 0.05
#: absolute tolerance of a rate, percentage points
RATE_TOL = 0.01
#: hidden parts tables per check
HIDDEN_TABLES = 3
HIDDEN_PARTS = 4000


def _finding(code: str, ko: str, en: str, next_ko: str = "", next_en: str = "") -> Finding:
    return Finding(code, ko, en, next_ko, next_en)


def _call(function: Callable, *args: Any, name: str, limit: float = 5.0) -> tuple[Any, Finding | None]:
    """Call the student's function under a watchdog: (value, None) or (None, what went wrong)."""
    value, error = call_student(function, *args, limit=limit)
    return (value, None) if error is None else (None, function_error(error, name, limit))


def _as_dict(value: Any, keys: tuple[str, ...], name: str) -> dict[str, float | None] | Finding:
    """The student's dict with a number (or None) per key, or a finding saying what shape to give."""
    shape = "{" + ", ".join(f'"{k}": ...' for k in keys[:3]) + ", ...}"
    if not isinstance(value, Mapping):
        return _finding(
            "not_a_dict",
            f"{name} 함수는 {shape} 모양의 사전(dict)을 돌려주어야 합니다 (돌려준 값: {type(value).__name__}).",
            f"{name} must return a dict like {shape} (it returned a {type(value).__name__})",
            "함수 끝에 return 문이 있는지 보세요.",
            "look for the return line at the end of your function",
        )
    missing = [k for k in keys if k not in value]
    if missing:
        return _finding(
            "missing_key",
            f"{name} 함수가 돌려준 사전에 {', '.join(missing)} 값이 없습니다.",
            f"the dict from {name} has no {', '.join(missing)}",
            "빈칸 템플릿의 열쇠(key) 이름을 그대로 쓰세요.",
            "use the key names of the blank template as they are",
        )
    out: dict[str, float | None] = {}
    for key in keys:
        raw = value[key]
        if key == "beats_baseline" and hasattr(raw, "item") and getattr(raw, "shape", ()) == ():
            raw = raw.item()
        number = float(raw) if isinstance(raw, bool) and key == "beats_baseline" else _number(raw)
        out[key] = number if number is not None and math.isfinite(number) else None
    return out


def _near(given: float | None, truth: float, rel: float = REL) -> bool:
    return given is not None and abs(given - truth) <= rel * abs(truth)


def _function_right_data_missing(call: str) -> Finding:
    return _finding(
        "no_data",
        "함수는 숨은 데이터에서 맞습니다. 여러분의 데이터로도 확인해야 통과합니다.",
        "your function is right on the hidden data; it passes once it is checked on your own data too",
        f"{call}처럼 부르세요.",
        f"call {call}",
    )


# --- 7-1: failure_modes ------------------------------------------------------------------------------------


def machine_limits(scale: tuple[float, float, float] = (1.0, 1.0, 1.0)) -> dict[str, float]:
    """A machine's limits: the plant's AI4I constants (min·Nm, W), each multiplied by its scale."""
    osf, low, high = scale
    return {
        "osf_limit_L": cnc.OVERSTRAIN_LIMIT["L"] * osf,
        "osf_limit_M": cnc.OVERSTRAIN_LIMIT["M"] * osf,
        "osf_limit_H": cnc.OVERSTRAIN_LIMIT["H"] * osf,
        "pwf_low": cnc.PWF_LOW * low,
        "pwf_high": cnc.PWF_HIGH * high,
    }


def hidden_parts(seed: int | str, count: int = HIDDEN_PARTS):
    """Parts of another machine drawn by the AI4I rules of :mod:`factorylab.plant.cnc`, with its own limits.

    Returns (parts table, limits). The overstrain limits are scaled by 0.88..0.93 or 1.07..1.12, the PWF
    band's low edge by 1.07..1.12 and its high edge by 0.88..0.93 (the band narrows, so both of its edges
    have enough failed parts next to them to be estimated within 5 %).
    """
    import pandas as pd

    rng = random.Random(f"failure_modes|{seed}")

    def off() -> float:
        return rng.uniform(0.88, 0.93) if rng.random() < 0.5 else rng.uniform(1.07, 1.12)

    limits = machine_limits((off(), rng.uniform(1.07, 1.12), rng.uniform(0.88, 0.93)))
    rows = []
    for i in range(count):
        grade = rng.choices(cnc.GRADES, weights=cnc.GRADE_SHARE)[0]
        air = rng.gauss(cnc.AIR_MEAN, cnc.AIR_SD)
        process = air + cnc.PROCESS_OFFSET + rng.gauss(0.0, cnc.PROCESS_SD)
        torque = max(0.0, rng.gauss(cnc.TORQUE_MEAN, cnc.TORQUE_SD))
        speed = cnc.SPEED_AT_40NM + cnc.SPEED_PER_NM * (torque - cnc.TORQUE_MEAN) + rng.gauss(0.0, cnc.SPEED_SD)
        wear = rng.uniform(0.0, 230.0)
        wear_limit = rng.uniform(*cnc.WEAR_LIMIT_RANGE)
        power = torque * speed * 2.0 * math.pi / 60.0
        modes = {
            "TWF": wear >= wear_limit,
            "HDF": process - air < cnc.HDF_DELTA_T and speed < cnc.HDF_SPEED,
            "PWF": power < limits["pwf_low"] or power > limits["pwf_high"],
            "OSF": wear * torque > limits[f"osf_limit_{grade}"],
            "RNF": rng.random() < 0.003,
        }
        row = {
            "part_id": i + 1,
            "grade": grade,
            "air_temperature": air,
            "process_temperature": process,
            "rotational_speed": speed,
            "torque": torque,
            "tool_wear": wear,
            "machine_failure": int(any(modes.values())),
        }
        row.update({mode: int(v) for mode, v in modes.items()})
        row["TBF"] = 0
        rows.append(row)
    return pd.DataFrame(rows), limits


def true_rates(parts) -> dict[str, float]:
    """Failure rate of each mode, % of all parts."""
    n = len(parts)
    return {mode: 100.0 * float(parts[mode].astype(float).sum()) / n for mode in MODES}


def machined(parts):
    """The parts with a machining record (a part in the machine while a fault struck has none), modes as int."""
    import pandas as pd

    rows = parts[pd.to_numeric(parts["torque"], errors="coerce").notna()].copy()
    for column in ("machine_failure", *MODES):
        rows[column] = pd.to_numeric(rows[column], errors="coerce").fillna(0).astype(int)
    return rows


def data_ranges(parts) -> dict[str, tuple[float, float]]:
    """What the data allows for each limit: between the nearest part that did not fail and the nearest that did.

    ``osf_limit_L``: [largest wear × torque of a grade L part without OSF, smallest with OSF]; ``pwf_low``:
    [largest power of a PWF part below the median power, smallest power without PWF]; ``pwf_high``: [largest
    power without PWF, smallest power of a PWF part above the median]. The true limit lies in each range.
    """
    grade_l = parts[parts["grade"] == "L"]
    strain = grade_l["tool_wear"].astype(float) * grade_l["torque"].astype(float)
    power = parts["torque"].astype(float) * parts["rotational_speed"].astype(float) * 2.0 * math.pi / 60.0
    middle = power.median()
    failed, fine = power[parts["PWF"] == 1], power[parts["PWF"] == 0]
    return {
        "osf_limit_L": (float(strain[grade_l["OSF"] == 0].max()), float(strain[grade_l["OSF"] == 1].min())),
        "pwf_low": (float(failed[failed < middle].max()), float(fine.min())),
        "pwf_high": (float(fine.max()), float(failed[failed > middle].min())),
    }


def _parts_problem(parts: Any) -> Finding | None:
    import pandas as pd

    need = ("grade", "torque", "rotational_speed", "tool_wear", "machine_failure", *MODES)
    if not isinstance(parts, pd.DataFrame) or any(c not in parts.columns for c in need):
        return _finding(
            "not_parts",
            'parts=에는 factorylab.data.shift(scenario="cnc")가 만든 부품 표를 그대로 넘기세요.',
            'pass parts= the parts table from factorylab.data.shift(scenario="cnc") as it is',
        )
    parts = machined(parts)
    grade_l = parts[parts["grade"] == "L"]
    power = parts["torque"] * parts["rotational_speed"]
    pwf = power[parts["PWF"] == 1]
    both_sides = (pwf < power.median()).any() and (pwf > power.median()).any()
    if len(parts) < 1000 or int(grade_l["OSF"].sum()) < 3 or not both_sides:
        return _finding(
            "too_little_data",
            "여러분의 데이터가 너무 짧아 L 등급 과부하 고장(OSF)이 거의 없거나 동력 고장(PWF)이 구간의 한쪽에만 있습니다.",
            "your data is too short: it has almost no overstrain (OSF) failures of grade L, or power failures (PWF) "
            "on one side of the band only",
            '더 긴 교대(hours=6, tool_policy="run-to-failure")를 만드세요.',
            'make a longer shift (hours=6, tool_policy="run-to-failure")',
        )
    return None


@register
class FailureModes(Check):
    """``explore(parts)``: failure rate per mode (%), the OSF limit of grade L and the PWF power band."""

    name = "failure_modes"
    title = ("고장 유형별 비율과 고장 한계 추정", "failure rate per mode and the failure limits, estimated")
    kind = "value"
    count = 1

    def judge(self, answer: Any, seeds: list[int], parts: Any = None, **options: Any) -> CheckResult:
        if not callable(answer):
            return self.result(
                False,
                [
                    _finding(
                        "not_a_function",
                        '이 검사에는 함수를 넘기세요: factorylab.check(explore, "failure_modes", parts=parts).',
                        'pass a function to this check: factorylab.check(explore, "failure_modes", parts=parts)',
                    )
                ],
            )
        cases: list[tuple[str, Any, dict[str, float]]] = []
        ranges: dict[str, tuple[float, float]] = {}
        if parts is not None:
            problem = _parts_problem(parts)
            if problem is not None:
                return self.result(False, [problem])
            parts = machined(parts)
            ranges = data_ranges(parts)
            cases.append(("your data", parts, {**true_rates(parts), **machine_limits()}))
        for seed in seeds:
            for index in range(HIDDEN_TABLES):
                table, limits = hidden_parts(f"{seed}.{index + 1}")
                cases.append((f"hidden machine {seed}.{index + 1}", table, {**true_rates(table), **limits}))
        items: list[Item] = []
        given_all: list[dict[str, float | None]] = []
        for label, table, truth in cases:
            value, error = _call(answer, table.copy(), name="explore")
            if error is not None:
                return self.result(False, [error], items=items)
            given = _as_dict(value, FM_KEYS, "explore")
            if isinstance(given, Finding):
                return self.result(False, [given], items=items)
            given_all.append(given)
            wrong = self._wrong_keys(given, truth, ranges if label == "your data" else None)
            shown = ", ".join(f"{k}={_show(given[k])}" for k in FM_KEYS)
            items.append(Item(label, shown, not wrong))
        bad = [i for i, item in enumerate(items) if not item.right]
        if bad:
            i = bad[0]
            finding = self._recognise(cases[i], given_all[i], cases, given_all)
            return self.result(False, [finding], items=items, seeds=len(cases))
        if parts is None:
            return self.result(
                False,
                [_function_right_data_missing('factorylab.check(explore, "failure_modes", parts=parts)')],
                items=items,
                seeds=len(cases),
            )
        return self.result(True, [], items=items, seeds=len(cases))

    @staticmethod
    def _wrong_keys(given: dict[str, float | None], truth: dict[str, float], ranges=None) -> list[str]:
        """The keys whose value is wrong; a limit inside what the student's own data allows is right too."""

        def allowed(key: str) -> bool:
            g = given[key]
            if _near(g, truth[key]):
                return True
            if ranges is None or g is None:
                return False
            low, high = ranges[key]
            return low - 1e-6 <= g <= high + 1e-6

        wrong = []
        for mode in MODES:
            g = given[mode]
            if g is None or abs(g - truth[mode]) > RATE_TOL + 1e-3 * abs(truth[mode]):
                wrong.append(mode)
        wrong += [k for k in LIMIT_KEYS if not allowed(k)]
        return wrong

    def _recognise(self, case, given, cases, given_all) -> Finding:
        label, table, truth = case
        wrong = self._wrong_keys(given, truth, data_ranges(table) if label == "your data" else None)
        rates_wrong = [m for m in MODES if m in wrong]
        if rates_wrong:
            return self._rates(table, truth, given, rates_wrong)
        if "osf_limit_L" in wrong:
            return self._limit(truth, given, cases, given_all)
        return self._band(truth, given, cases, given_all)

    def _rates(self, table, truth, given, wrong) -> Finding:
        def all_match(formula: Callable[[str], float]) -> bool:
            return all(
                given[m] is not None and abs(given[m] - formula(m)) <= 1e-3 + 1e-3 * abs(formula(m)) for m in MODES
            )

        failed = max(int(table["machine_failure"].astype(float).sum()), 1)
        if all_match(lambda m: truth[m] / 100.0):
            return _finding(
                "rates_fraction",
                "고장률이 %가 아니라 비율(0~1)로 나왔습니다. 이 과제는 고장률을 %로 묻습니다.",
                "your failure rates are fractions (0..1), not %; this exercise asks for the rates in %",
                "비율에 100을 곱하세요.",
                "multiply the fraction by 100",
            )
        if all_match(lambda m: truth[m] * len(table) / 100.0):
            return _finding(
                "rates_count",
                "고장률 대신 고장 난 부품의 개수를 돌려주었습니다.",
                "you returned the number of failed parts, not the failure rate",
                "개수를 전체 부품 수로 나누고 100을 곱하세요.",
                "divide the count by the number of all parts and multiply by 100",
            )
        if all_match(lambda m: 100.0 * float(table[m].astype(float).sum()) / failed):
            return _finding(
                "rates_of_failures",
                "고장 난 부품 가운데 그 유형의 몫을 계산했습니다: 고장률은 전체 부품으로 나눕니다.",
                "you computed each mode's share of the failed parts; a failure rate divides by all parts",
                "len(parts)로 나누세요.",
                "divide by len(parts)",
            )
        mode = wrong[0]
        return _finding(
            "wrong_rate",
            f"{mode} 고장률이 {_show(given[mode])} %인데, 맞는 값은 {_show(truth[mode])} %입니다.",
            f"your {mode} failure rate is {_show(given[mode])} %, the right value is {_show(truth[mode])} %",
            f'parts["{mode}"]가 1인 부품 수를 전체 부품 수로 나누고 100을 곱하세요.',
            f'count the parts with parts["{mode}"] == 1, divide by all parts and multiply by 100',
        )

    def _limit(self, truth, given, cases, given_all) -> Finding:
        g = given["osf_limit_L"]
        t = truth["osf_limit_L"]
        hidden = [(c, gv) for c, gv in zip(cases, given_all, strict=True) if c[0].startswith("hidden")]
        if hidden and all(gv["osf_limit_L"] == cnc.OVERSTRAIN_LIMIT["L"] for _, gv in hidden):
            return _finding(
                "copied_constant",
                "다른 설비의 데이터에서도 osf_limit_L이 늘 11000입니다: cnc.py의 숫자를 옮겨 적었나요?",
                "osf_limit_L is always 11000, on other machines' data too: did you copy the number from cnc.py?",
                "한계는 데이터에서 추정하세요: L 등급 OSF 부품의 마모 × 토크 가운데 가장 작은 값.",
                "estimate the limit from the data: the smallest wear × torque among grade L parts with OSF",
            )
        if g is not None and (_near(g, t * 60.0) or _near(g, t / 60.0)):
            return _finding(
                "minutes_as_seconds",
                f"과부하 한계가 {_show(g)}로 60배 차이 납니다: tool_wear는 분(min) 단위입니다.",
                f"your overstrain limit {_show(g)} is 60 times off: tool_wear is in minutes",
                "초로 바꾸지 말고 tool_wear × torque를 그대로 쓰세요 (min·Nm).",
                "do not convert to seconds: use tool_wear × torque as it is (min·Nm)",
            )
        for grade in ("M", "H"):
            if _near(g, truth[f"osf_limit_{grade}"]):
                return _finding(
                    "other_grade",
                    f"과부하 한계 {_show(g)}은(는) {grade} 등급의 한계입니다: 한계는 등급마다 다릅니다.",
                    f"the overstrain limit {_show(g)} is grade {grade}'s: each grade has its own limit",
                    'parts["grade"] == "L"인 부품만 고르세요.',
                    'keep only the parts with parts["grade"] == "L"',
                )
        return _finding(
            "wrong_limit",
            f"과부하 한계 추정값 {_show(g)} min·Nm가 맞는 값 {_show(t)} min·Nm에서 5 % 넘게 벗어났습니다.",
            f"your overstrain limit {_show(g)} min·Nm is more than 5 % away from the right {_show(t)} min·Nm",
            "L 등급에서 OSF가 1인 부품의 tool_wear × torque를 그려 보고 가장 작은 값을 찾으세요.",
            "plot tool_wear × torque of grade L parts with OSF == 1 and find the smallest value",
        )

    def _band(self, truth, given, cases, given_all) -> Finding:
        low, high = given["pwf_low"], given["pwf_high"]
        t_low, t_high = truth["pwf_low"], truth["pwf_high"]
        rpm = 60.0 / (2.0 * math.pi)
        hidden = [gv for c, gv in zip(cases, given_all, strict=True) if c[0].startswith("hidden")]
        if hidden and all(gv["pwf_low"] == cnc.PWF_LOW and gv["pwf_high"] == cnc.PWF_HIGH for gv in hidden):
            return _finding(
                "copied_constant",
                "다른 설비의 데이터에서도 동력 구간이 늘 3500~9000 W입니다: cnc.py의 숫자를 옮겨 적었나요?",
                "the power band is always 3500..9000 W, on other machines' data too: did you copy the numbers from cnc.py?",
                "구간은 데이터에서 추정하세요: PWF 부품의 동력을 그려 보세요.",
                "estimate the band from the data: plot the power of the PWF parts",
            )
        if _near(low, t_high) and _near(high, t_low):
            return _finding(
                "band_swapped",
                "pwf_low와 pwf_high가 뒤바뀌었습니다: 정상 구간은 낮은 끝에서 높은 끝까지입니다.",
                "pwf_low and pwf_high are swapped: the normal band runs from the low edge to the high edge",
                "pwf_low에 작은 값(동력이 모자란 쪽), pwf_high에 큰 값을 넣으세요.",
                "put the smaller edge (too little power) in pwf_low and the larger in pwf_high",
            )
        if _near(low, t_low * rpm) or _near(high, t_high * rpm):
            return _finding(
                "power_in_rpm",
                "동력 구간이 약 9.5배 큽니다: 토크에 rpm을 그대로 곱했습니다.",
                "your power band is about 9.5 times too large: you multiplied torque by rpm",
                "회전수를 rad/s로 바꾸세요: rpm × 2π / 60. 그러면 토크 × 각속도가 W입니다.",
                "convert the speed to rad/s first (rpm × 2π / 60); torque × rad/s is then in W",
            )
        key, g, t = ("pwf_low", low, t_low) if not _near(low, t_low) else ("pwf_high", high, t_high)
        return _finding(
            "wrong_band",
            f"{key} 추정값 {_show(g)} W가 맞는 값 {_show(t)} W에서 5 % 넘게 벗어났습니다.",
            f"your {key} {_show(g)} W is more than 5 % away from the right {_show(t)} W",
            "PWF가 1인 부품의 동력을 그려 보세요: 낮은 무리의 가장 큰 값과 높은 무리의 가장 작은 값이 경계입니다.",
            "plot the power of the PWF parts: the largest of the low group and the smallest of the high group are the edges",
        )


def _show(value: float | None) -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.4g}"


# --- 7-2: metrics_by_hand ----------------------------------------------------------------------------------

MB_KEYS = ("baseline", "accuracy", "tp", "fp", "fn", "tn", "precision", "recall", "f1", "beats_baseline")
FRACTIONS = ("baseline", "accuracy", "precision", "recall", "f1")
COUNTS = ("tp", "fp", "fn", "tn")
METRIC_TOL = 1e-3


def true_metrics(y_true: list[int], y_pred: list[int], positive: int = 1) -> dict[str, float]:
    """The majority baseline's accuracy, the model's accuracy, the confusion matrix and P, R, F1 (0..1)."""
    n = len(y_true)
    tp = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t == positive and p == positive)
    fp = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t != positive and p == positive)
    fn = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t == positive and p != positive)
    tn = n - tp - fp - fn
    ones = sum(y_true)
    baseline = max(ones, n - ones) / n
    accuracy = (tp + tn) / n
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "baseline": baseline,
        "accuracy": accuracy,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "beats_baseline": float(accuracy > baseline),
    }


def hidden_labels(seed: int) -> list[tuple[str, list[int], list[int]]]:
    """Hidden label sets, about 3 % failures: a model that beats the baseline and one that does not."""
    rng = random.Random(f"metrics_by_hand|{seed}")
    sets = []
    for k, (hit, false_alarm) in enumerate(((0.7, 0.004), (0.8, 0.05), (0.45, 0.015))):
        n = rng.randint(300, 900)
        y_true = [int(rng.random() < 0.035) for _ in range(n)]
        y_true[rng.randrange(n)] = 1
        y_pred = [int(rng.random() < (hit if t else false_alarm)) for t in y_true]
        first_one = y_true.index(1)
        y_pred[first_one] = 1  # at least one true positive
        zero = y_true.index(0)
        y_pred[zero] = 1  # at least one false alarm
        sets.append((f"hidden set {seed}.{k + 1} ({n} parts)", y_true, y_pred))
    return sets


@register
class MetricsByHand(Check):
    """``metrics(y_true, y_pred)``: baseline and model accuracy, confusion matrix, precision, recall, F1."""

    name = "metrics_by_hand"
    title = (
        "정확도, 혼동 행렬, 정밀도, 재현율, F1 손으로 계산",
        "accuracy, confusion matrix, precision, recall, F1 by hand",
    )
    kind = "value"
    count = 2

    def judge(self, answer: Any, seeds: list[int], **options: Any) -> CheckResult:
        if not callable(answer):
            return self.result(
                False,
                [
                    _finding(
                        "not_a_function",
                        '이 검사에는 함수를 넘기세요: factorylab.check(metrics, "metrics_by_hand").',
                        'pass a function to this check: factorylab.check(metrics, "metrics_by_hand")',
                    )
                ],
            )
        cases = [case for seed in seeds for case in hidden_labels(seed)]
        items: list[Item] = []
        for label, y_true, y_pred in cases:
            truth = true_metrics(y_true, y_pred)
            value, error = _call(answer, list(y_true), list(y_pred), name="metrics")
            if error is not None:
                return self.result(False, [error], items=items)
            given = _as_dict(value, MB_KEYS, "metrics")
            if isinstance(given, Finding):
                return self.result(False, [given], items=items)
            wrong = [k for k in MB_KEYS if not _same(given[k], truth[k])]
            items.append(Item(label, ", ".join(f"{k}={_show(given[k])}" for k in MB_KEYS), not wrong))
            if wrong:
                finding = self._recognise(y_true, y_pred, given, truth, wrong, label)
                return self.result(False, [finding], items=items, seeds=len(cases))
        return self.result(True, [], items=items, seeds=len(cases))

    def _recognise(self, y_true, y_pred, given, truth, wrong, label) -> Finding:
        def match(keys, other: Mapping[str, float]) -> bool:
            return all(_same(given[k], other[k]) for k in keys)

        if any(k in wrong for k in COUNTS):
            other = true_metrics(y_true, y_pred, positive=0)
            if match(("tp", "tn"), other):
                return self._positive_mixed()
            if match(("fp", "fn"), {"fp": truth["fn"], "fn": truth["fp"]}):
                return _finding(
                    "fp_fn_swapped",
                    "fp와 fn이 뒤바뀌었습니다: fp는 '고장이라고 했는데 정상', fn은 '정상이라고 했는데 고장'입니다.",
                    "fp and fn are swapped: fp is 'said failure, was fine', fn is 'said fine, was a failure'",
                    "두 목록을 한 칸씩 비교하며 네 칸을 다시 세어 보세요.",
                    "compare the two lists item by item and count the four cells again",
                )
            k = next(k for k in COUNTS if k in wrong)
            return self._mismatch(k, given, truth, label)
        fractions_wrong = [k for k in FRACTIONS if k in wrong]
        if fractions_wrong and all(_same(given[k], truth[k] * 100.0) for k in fractions_wrong):
            return _finding(
                "percent",
                "값이 % 단위로 나왔습니다: 이 과제는 scikit-learn처럼 0~1 사이의 비율로 묻습니다.",
                "your values are in %: this exercise asks for fractions between 0 and 1, as scikit-learn gives them",
                "100을 곱하지 마세요.",
                "do not multiply by 100",
            )
        if "baseline" in wrong:
            share = sum(y_true) / len(y_true)
            if _same(given["baseline"], share):
                return _finding(
                    "baseline_minority",
                    "기준 정확도에 고장 비율을 썼습니다: 기준 모델은 늘 '많은 쪽'(정상)이라고 답합니다.",
                    "your baseline is the share of failures: the baseline always answers the majority class (fine)",
                    "정상(0)인 부품의 비율을 쓰세요.",
                    "use the share of parts that are fine (0)",
                )
            return self._mismatch("baseline", given, truth, label)
        if "precision" in wrong or "recall" in wrong:
            if _same(given["precision"], truth["recall"]) and _same(given["recall"], truth["precision"]):
                return _finding(
                    "precision_recall_swapped",
                    "정밀도와 재현율이 뒤바뀌었습니다: 정밀도는 '고장이라고 한 것 중 진짜 고장', 재현율은 '진짜 고장 중 찾은 것'입니다.",
                    "precision and recall are swapped: precision is 'of the parts called failures, how many were', "
                    "recall is 'of the real failures, how many were found'",
                    "정밀도 = tp / (tp + fp), 재현율 = tp / (tp + fn)입니다.",
                    "precision = tp / (tp + fp), recall = tp / (tp + fn)",
                )
            other = true_metrics(y_true, y_pred, positive=0)
            if _same(given["precision"], other["precision"]) and _same(given["recall"], other["recall"]):
                return self._positive_mixed()
            k = "precision" if "precision" in wrong else "recall"
            return self._mismatch(k, given, truth, label)
        if "f1" in wrong:
            if _same(given["f1"], truth["accuracy"]):
                return _finding(
                    "f1_from_accuracy",
                    "F1에 정확도를 썼습니다: F1은 정밀도와 재현율로만 계산합니다.",
                    "you used the accuracy as F1: F1 is made from precision and recall only",
                    "F1 = 2 × 정밀도 × 재현율 / (정밀도 + 재현율)입니다.",
                    "F1 = 2 × precision × recall / (precision + recall)",
                )
            if _same(given["f1"], (truth["precision"] + truth["recall"]) / 2):
                return _finding(
                    "f1_mean",
                    "F1을 정밀도와 재현율의 보통 평균으로 계산했습니다: F1은 조화 평균입니다.",
                    "you took the ordinary mean of precision and recall: F1 is their harmonic mean",
                    "F1 = 2 × 정밀도 × 재현율 / (정밀도 + 재현율)입니다.",
                    "F1 = 2 × precision × recall / (precision + recall)",
                )
            return self._mismatch("f1", given, truth, label)
        if "beats_baseline" in wrong:
            if truth["beats_baseline"] == 0.0 and given["beats_baseline"] == 1.0:
                return _finding(
                    "accuracy_looks_good",
                    f"정확도 {truth['accuracy']:.3f}가 높아 보여도, 늘 '정상'이라고 답하는 기준 모델({truth['baseline']:.3f})보다 낮습니다.",
                    f"an accuracy of {truth['accuracy']:.3f} looks high, but the baseline that always says 'fine' "
                    f"scores {truth['baseline']:.3f}",
                    "beats_baseline은 accuracy > baseline으로 정하세요.",
                    "set beats_baseline to accuracy > baseline",
                )
            return self._mismatch("beats_baseline", given, truth, label)
        k = wrong[0]
        return self._mismatch(k, given, truth, label)

    @staticmethod
    def _positive_mixed() -> Finding:
        return _finding(
            "positive_mixed",
            "양성 클래스가 뒤바뀌었습니다: 여기서 '양성'(1)은 고장입니다.",
            "the positive class is mixed up: here 'positive' (1) means a failure",
            "tp는 진짜 고장(1)을 고장(1)이라고 맞힌 수입니다.",
            "tp counts the real failures (1) predicted as failures (1)",
        )

    @staticmethod
    def _mismatch(key: str, given, truth, label: str) -> Finding:
        return _finding(
            "wrong_value",
            f"{label}에서 {key}가 {_show(given[key])}인데, 맞는 값은 {_show(truth[key])}입니다.",
            f"on {label}, {key} is {_show(given[key])}, the right value is {_show(truth[key])}",
            "작은 목록(예: 10개)으로 네 칸을 손으로 세어 보고 코드와 비교하세요.",
            "count the four cells by hand on a short list (say 10 items) and compare with your code",
        )


def _same(given: float | None, truth: float) -> bool:
    return given is not None and abs(given - truth) <= METRIC_TOL
