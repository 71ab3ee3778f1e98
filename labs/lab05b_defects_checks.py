"""Checks of lab 5-2 (``defects``): process capability, the causes of defects, and settings that fix them.

* ``cp_cpk`` (value): ``cp(values, lsl, usl)`` and ``cpk(values, lsl, usl)``
  (``usl=None``: a one-sided limit) with the **within-subgroup** sigma of
  lab 5-1's X̄-R chart, sigma = R̄ / d2 (consecutive subgroups of 5 in
  production order, d2 = 2.326, a last incomplete subgroup left out), judged
  on hidden data sets made by the plant's own rules (diameter vs tool wear
  and coolant, hardness), and five numbers of the student's own shift
  (``parts=``): Cp and Cpk of the measured diameter for a fresh tool (wear up
  to 60 min) and a worn one (150 min and more), and Cpk of the measured
  hardness (one-sided, LSL 42 HRC). The spec limits come from the plant
  (:mod:`factorylab.plant.cnc`, :mod:`factorylab.plant.oven`). Named: 6 sigma
  in Cpk, 3 sigma in Cp, the mean left out (Cpk = Cp), the overall standard
  deviation (that is Pp/Ppk), and control limits (X̄ chart or individuals)
  given instead of the spec limits, or mixed with them (one finding names both:
  a mix gives the same value, as the control limit is always the nearer one).
* ``defect_causes`` (quiz + value): seven observations from a troubled shift
  (:func:`defect_shift`), each with its cause by the documented rules (oven:
  hardness from soak and peak; CNC: diameter from tool wear and coolant;
  inspection: gauge noise), and two shares from the student's own tables:
  the % of soft parts among parts whose peak stayed under 200 °C, and the %
  of dimension defects among parts machined while ``tank.level`` was under
  100 mm. A correlation read as a cause without the rule, the gauge blamed,
  the wrong direction, fractions for %, the wrong group are each named.
* ``fix_defects`` (scored on hidden seeds): the oven setpoint, the dwell and
  the tool-change wear of :func:`factorylab.control.reference.make_line_controller`
  on 5 hidden runs of the line (8 min warm-up, then 20 min judged; the first
  tool's wear, the oven thermocouple's calibration and the heater's health
  differ per run): defects the settings cause (soft, overheated, dimension,
  tool-wear failures) at most 2 % on every run, and at least
  :data:`TARGET_PER_MIN` parts a minute.
"""

from __future__ import annotations

import functools
import math
import numbers
import random
from typing import Any

from factorylab.control.checks.base import Check, register
from factorylab.control.checks.kinds import _number, _show_number, call_student, not_written
from factorylab.control.checks.result import CheckResult, Finding, Item
from factorylab.errors import FactoryLabError
from factorylab.plant.cnc import DIAMETER_SD, DIAMETER_TOLERANCE, DRY_GROWTH, NOMINAL_DIAMETER, WEAR_GROWTH
from factorylab.plant.inspection import DIMENSION_NOISE, HARDNESS_NOISE
from factorylab.plant.oven import HARDNESS_MIN, OVERHEAT_LIMIT

#: subgroup size and the X̄-R constants for it (lab 5-1)
N = 5
D2 = 2.326
A2 = 0.577
#: spec limits of the diameter, mm, and the lower limit of hardness, HRC (from the plant)
DIAMETER_LSL = NOMINAL_DIAMETER - DIAMETER_TOLERANCE
DIAMETER_USL = NOMINAL_DIAMETER + DIAMETER_TOLERANCE
#: what "fresh" and "worn" mean in the lab, min of tool wear
FRESH_WEAR = 60.0
WORN_WEAR = 150.0
#: defect_causes: parts whose peak stayed under this were heated too little; coolant runs short under this level
COLD_PEAK = 200.0  # °C
DRY_LEVEL = 100.0  # mm (the pump's suction, factorylab.plant.tank.SUCTION_LEVEL)
#: fix_defects: warm-up and judged window, s (about 0.4 s a run); the limits
WARM_UP = 480.0
JUDGED = 1200.0
MAX_DEFECT_SHARE = 0.02
#: parts a minute: good settings give 13.0-13.4 on the hidden runs (the feeder places one every 4.5 s = 13.3)
TARGET_PER_MIN = 12.5


# --- capability -------------------------------------------------------------------------------------------------
def _floats(values: Any) -> list[float]:
    return [float(v) for v in list(values) if v is not None and not (isinstance(v, float) and math.isnan(v))]


def sigma_within(values: Any, n: int = N) -> float:
    """Within-subgroup sigma R̄ / d2 of values in production order (subgroups of ``n``; a last short one left out)."""
    x = _floats(values)
    groups = [x[i : i + n] for i in range(0, len(x) - n + 1, n)]
    if not groups:
        raise ValueError("fewer values than one subgroup")
    return sum(max(g) - min(g) for g in groups) / len(groups) / D2


def _mean(values: Any) -> float:
    x = _floats(values)
    return sum(x) / len(x)


def _std(values: Any, ddof: int = 1) -> float:
    x = _floats(values)
    m = sum(x) / len(x)
    return math.sqrt(sum((v - m) ** 2 for v in x) / (len(x) - ddof))


def true_cp(values: Any, lsl: float, usl: float) -> float:
    """Cp = (USL - LSL) / (6 sigma_within)."""
    return (usl - lsl) / (6.0 * sigma_within(values))


def _cpk(mean: float, sigma: float, lsl: float | None, usl: float | None, k: float = 3.0) -> float:
    sides = []
    if usl is not None:
        sides.append(usl - mean)
    if lsl is not None:
        sides.append(mean - lsl)
    return min(sides) / (k * sigma)


def true_cpk(values: Any, lsl: float | None, usl: float | None) -> float:
    """Cpk = min(USL - mean, mean - LSL) / (3 sigma_within); a missing limit (None) is left out."""
    return _cpk(_mean(values), sigma_within(values), lsl, usl)


def _subgroup_means(values: Any) -> tuple[float, float]:
    """(grand mean of the subgroup means, R̄)."""
    x = _floats(values)
    groups = [x[i : i + N] for i in range(0, len(x) - N + 1, N)]
    return sum(sum(g) / N for g in groups) / len(groups), sum(max(g) - min(g) for g in groups) / len(groups)


def control_limits(values: Any) -> dict[str, tuple[float, float]]:
    """Control limits a student may take for spec limits: the X̄ chart's and the individuals' mean ± 3 sigma."""
    centre, rbar = _subgroup_means(values)
    sigma = rbar / D2
    mean = _mean(values)
    return {
        "xbar": (centre - A2 * rbar, centre + A2 * rbar),
        "individuals": (mean - 3.0 * sigma, mean + 3.0 * sigma),
    }


def own_samples(parts: Any) -> dict[str, Any]:
    """The lab's selections from a parts table: fresh / worn diameters and hardness, in production order."""
    table = parts.sort_values("part_id")
    ok = table[table["defect_cause"] != "machining"]  # parts ruined by a CNC failure are not the process
    return {
        "fresh": ok[ok["tool_wear"] <= FRESH_WEAR]["measured_dimension"],
        "worn": ok[ok["tool_wear"] >= WORN_WEAR]["measured_dimension"],
        "hardness": ok["measured_hardness"],
    }


def _diameters(rng: random.Random, start_wear: float, count: int, dry: bool = False, shift: float = 0.0) -> list[float]:
    """Measured diameters by the plant's rule, wear growing part by part (about 3 min a part)."""
    wear = start_wear
    out = []
    for i in range(count):
        true = NOMINAL_DIAMETER + WEAR_GROWTH * wear + (DRY_GROWTH if dry else 0.0) + rng.gauss(0.0, DIAMETER_SD)
        true += shift if (i // N) % 2 else 0.0  # a set-up shift between subgroups (overall sigma > within)
        out.append(round(true + rng.gauss(0.0, DIMENSION_NOISE), 3))
        wear += rng.choice((2.0, 2.0, 3.0, 5.0))
    return out


def _hardness(rng: random.Random, mean: float, count: int) -> list[float]:
    return [round(rng.gauss(mean, 0.6) + rng.gauss(0.0, HARDNESS_NOISE), 1) for _ in range(count)]


def capability_cases(seed: int) -> list[tuple[str, list[float], float | None, float | None]]:
    """Hidden data sets: (label, values, lsl, usl)."""
    rng = random.Random(f"cp_cpk|{seed}")
    return [
        ("fresh tool", _diameters(rng, rng.uniform(0, 20), 50), DIAMETER_LSL, DIAMETER_USL),
        ("worn tool", _diameters(rng, rng.uniform(150, 170), 40, shift=0.02), DIAMETER_LSL, DIAMETER_USL),
        ("no coolant", _diameters(rng, rng.uniform(60, 100), 45, dry=True, shift=-0.015), DIAMETER_LSL, DIAMETER_USL),
        ("hardness", _hardness(rng, rng.uniform(44.5, 47.5), 60), HARDNESS_MIN, None),
    ]


def _close(given: float, truth: float, rel: float = 0.01) -> bool:
    return abs(given - truth) <= max(rel * abs(truth), 0.005)


def _finding(code: str, ko: str, en: str, next_ko: str = "", next_en: str = "", tag: str | None = None) -> Finding:
    return Finding(code, ko, en, next_ko, next_en, tag=tag)


def _not_a_dict(keys: tuple[str, ...]) -> Finding:
    shown = ", ".join(f'"{k}"' for k in keys)
    return _finding(
        "not_a_dict",
        f"답은 {shown} 칸이 있는 사전(dict)으로 주세요.",
        f"give your answer as a dict with the keys {shown}",
    )


def _missing(keys: list[str]) -> Finding:
    shown = ", ".join(f'"{k}"' for k in keys)
    return _finding(
        "missing",
        f"답하지 않은 칸이 있습니다: {shown}.",
        f"these answers are missing: {shown}",
        "None 대신 계산한 값을 넣으세요.",
        "put what you computed instead of None",
    )


def _call(function: Any, name: str, *args: Any) -> float | Finding:
    """The student's function on args, or what went wrong (explained about a function)."""
    value, error = call_student(function, *args)
    if error is not None:
        unfinished = not_written(error, name)
        if unfinished is not None:
            return unfinished
        one_sided = args[-1] is None and isinstance(error, TypeError)
        return _finding(
            "function_error",
            f"{name} 함수에서 오류가 났습니다: {type(error).__name__}: {error}."
            + (" usl이 None인 한쪽 규격(경도)에서 났습니다." if one_sided else ""),
            f"your function {name} raised {type(error).__name__}: {error}"
            + (" (with usl None: a one-sided limit, hardness)" if one_sided else ""),
            "usl이 None이면 아래쪽 (평균 - LSL)만 쓰도록 if로 나누세요." if one_sided else "오류가 난 줄을 고치세요.",
            "with usl None use the lower side (mean - LSL) only: split the cases with if"
            if one_sided
            else "fix the line the error points to",
        )
    number = _number(value)
    if number is None or not math.isfinite(number):
        return _finding(
            "not_a_number",
            f"{name} 함수의 결과가 숫자가 아닙니다 (돌려준 값: {value!r}).",
            f"your function {name} returned {value!r}, which is not a number",
            "함수 끝에서 return으로 계산한 숫자를 돌려주세요 (print가 아니라).",
            "return the number you computed at the end of the function (return, not print)",
        )
    return number


# recognisers of cpk(values, lsl, usl) and cp(values, lsl, usl): (code, formula, ko, en, next_ko, next_en)
def _overall_cpk(values, lsl, usl, ddof=1):
    return _cpk(_mean(values), _std(values, ddof), lsl, usl)


CPK_WRONG = (
    (
        "six_sigma_cpk",
        lambda v, lsl, usl: _cpk(_mean(v), sigma_within(v), lsl, usl, 6.0),
        "Cpk를 6σ로 나누었습니다: Cpk는 평균에서 가까운 규격 한계까지의 거리를 3σ로 나눕니다 (6σ는 Cp의 양쪽 폭).",
        "your Cpk divides by 6 sigma: Cpk divides the distance from the mean to the nearer spec limit by 3 sigma "
        "(6 sigma is the whole width, for Cp)",
        "Cpk = min(USL - 평균, 평균 - LSL) / (3σ)로 쓰세요.",
        "use Cpk = min(USL - mean, mean - LSL) / (3 sigma)",
    ),
    (
        "mean_not_used",
        lambda v, lsl, usl: (usl - lsl) / (6.0 * sigma_within(v)),
        "Cpk에 평균을 쓰지 않아 Cp와 같아졌습니다: 공구가 닳아 평균이 한쪽으로 가도 Cpk가 그대로입니다.",
        "your Cpk does not use the mean, so it equals Cp: it stays the same when a worn tool moves the mean "
        "towards a limit",
        "평균에서 USL까지, LSL까지의 거리 중 작은 쪽을 쓰세요.",
        "use the smaller of the distances from the mean to USL and to LSL",
    ),
    (
        "overall_sigma",
        _overall_cpk,
        "σ로 전체 표준편차(np.std)를 썼습니다: 그렇게 구한 값은 공정 성능 지수 Ppk입니다. 이 실습의 Cpk는 군내 σ = R̄/d2입니다.",
        "you used the overall standard deviation (np.std): that gives the performance index Ppk; this lab's Cpk "
        "uses the within-subgroup sigma R̄/d2",
        "5개씩 묶은 부분군의 범위 평균 R̄를 d2 = 2.326으로 나누세요.",
        "divide the mean range R̄ of the subgroups of 5 by d2 = 2.326",
    ),
    (
        "overall_sigma_ddof0",
        lambda v, lsl, usl: _overall_cpk(v, lsl, usl, 0),
        "σ로 전체 표준편차(np.std)를 썼습니다: 그렇게 구한 값은 공정 성능 지수 Ppk입니다. 이 실습의 Cpk는 군내 σ = R̄/d2입니다.",
        "you used the overall standard deviation (np.std): that gives the performance index Ppk; this lab's Cpk "
        "uses the within-subgroup sigma R̄/d2",
        "5개씩 묶은 부분군의 범위 평균 R̄를 d2 = 2.326으로 나누세요.",
        "divide the mean range R̄ of the subgroups of 5 by d2 = 2.326",
    ),
    (
        "rbar_not_divided",
        lambda v, lsl, usl: _cpk(_mean(v), sigma_within(v) * D2, lsl, usl),
        "σ 대신 R̄를 그대로 썼습니다: 범위의 평균은 σ보다 d2 = 2.326배 큽니다.",
        "you used R̄ itself as sigma: the mean range is d2 = 2.326 times sigma",
        "σ = R̄ / 2.326으로 쓰세요.",
        "use sigma = R̄ / 2.326",
    ),
)
CP_WRONG = (
    (
        "three_sigma_cp",
        lambda v, lsl, usl: (usl - lsl) / (3.0 * sigma_within(v)),
        "Cp를 3σ로 나누었습니다: Cp는 규격의 폭 전체(USL - LSL)를 공정의 폭 6σ로 나눕니다.",
        "your Cp divides by 3 sigma: Cp divides the whole spec width (USL - LSL) by the process width 6 sigma",
        "Cp = (USL - LSL) / (6σ)로 쓰세요.",
        "use Cp = (USL - LSL) / (6 sigma)",
    ),
    (
        "overall_sigma",
        lambda v, lsl, usl: (usl - lsl) / (6.0 * _std(v)),
        "σ로 전체 표준편차(np.std)를 썼습니다: 그렇게 구한 값은 Pp입니다. 이 실습의 Cp는 군내 σ = R̄/d2입니다.",
        "you used the overall standard deviation (np.std): that gives Pp; this lab's Cp uses the "
        "within-subgroup sigma R̄/d2",
        "5개씩 묶은 부분군의 범위 평균 R̄를 d2 = 2.326으로 나누세요.",
        "divide the mean range R̄ of the subgroups of 5 by d2 = 2.326",
    ),
    (
        "overall_sigma_ddof0",
        lambda v, lsl, usl: (usl - lsl) / (6.0 * _std(v, 0)),
        "σ로 전체 표준편차(np.std)를 썼습니다: 그렇게 구한 값은 Pp입니다. 이 실습의 Cp는 군내 σ = R̄/d2입니다.",
        "you used the overall standard deviation (np.std): that gives Pp; this lab's Cp uses the "
        "within-subgroup sigma R̄/d2",
        "5개씩 묶은 부분군의 범위 평균 R̄를 d2 = 2.326으로 나누세요.",
        "divide the mean range R̄ of the subgroups of 5 by d2 = 2.326",
    ),
)


def _recognise_function(wrongs, cases, given) -> Finding | None:
    for code, formula, ko, en, next_ko, next_en in wrongs:
        try:
            hits = [_close(g, formula(v, lsl, usl), 0.005) for (_, v, lsl, usl), g in zip(cases, given, strict=True)]
        except (ArithmeticError, TypeError, ValueError):
            continue
        if hits and all(hits):
            return _finding(code.replace("_ddof0", ""), ko, en, next_ko, next_en)
    return None


def _limit_candidates(values: Any, lsl: float | None, usl: float | None) -> list[tuple[str, float]]:
    """Cpk from control limits instead of (or mixed with) the spec limits: (code, value)."""
    mean, sigma = _mean(values), sigma_within(values)
    out = []
    for low, high in control_limits(values).values():
        out.append(("control_limits", _cpk(mean, sigma, low, high if usl is not None else None)))
        if usl is not None:
            out.append(("mixed_limits", _cpk(mean, sigma, lsl, high)))
            out.append(("mixed_limits", _cpk(mean, sigma, low, usl)))
    return out


LIMIT_TEXT = (
    "규격 한계 대신 관리 한계를 썼습니다 (한쪽에만 관리 한계를 섞어 써도 같은 값이 나옵니다): 관리 한계(X̄ 관리도의 UCL/LCL, "
    "평균 ± 3σ)는 공정에서 계산하고, 규격 한계는 도면이 정합니다.",
    "you used control limits instead of the spec limits (a mix, a control limit on one side only, gives the same "
    "value): control limits (the X̄ chart's UCL/LCL, mean ± 3 sigma) come from the process, spec limits from the "
    "drawing",
    "양쪽 모두 태그 표(line.info('inspection.dimension'))의 규격 한계 19.90 mm, 20.10 mm를 쓰세요 (경도는 42 HRC).",
    "use the spec limits of the tag table (line.info('inspection.dimension')) on both sides: 19.90 mm and 20.10 mm "
    "(hardness: 42 HRC)",
)

CP_CPK_KEYS = ("cp", "cpk", "fresh_cp", "fresh_cpk", "worn_cp", "worn_cpk", "hardness_cpk")


@register
class CpCpk(Check):
    """Cp and Cpk with the within-subgroup sigma, on hidden data sets and on your own shift (``parts=``)."""

    name = "cp_cpk"
    title = ("공정 능력 지수 Cp와 Cpk", "process capability: Cp and Cpk")
    kind = "value"
    count = 2

    def judge(self, answer: Any, seeds: list[int], parts: Any = None, **options: Any) -> CheckResult:
        if options:
            raise FactoryLabError(
                f"이 검사가 모르는 값입니다: {', '.join(options)} (parts=만 받습니다)",
                f"this check does not take {', '.join(options)} (only parts=)",
            )
        if not isinstance(answer, dict):
            return self.result(False, [_not_a_dict(CP_CPK_KEYS)])
        missing = [k for k in CP_CPK_KEYS if answer.get(k) is None]
        if missing:
            return self.result(False, [_missing(missing)])
        for name in ("cp", "cpk"):
            if not callable(answer[name]):
                return self.result(
                    False,
                    [
                        _finding(
                            "not_a_function",
                            f'"{name}"에는 함수 {name}(values, lsl, usl)을 넣으세요 (괄호 없이 이름만).',
                            f'put the function {name}(values, lsl, usl) under "{name}" (its name, no brackets)',
                        )
                    ],
                )
        cases = [case for seed in seeds for case in capability_cases(seed)]
        items: list[Item] = []
        for name, wrongs, truth in (("cp", CP_WRONG, true_cp), ("cpk", CPK_WRONG, true_cpk)):
            use = [c for c in cases if c[3] is not None] if name == "cp" else cases
            given = []
            for label, values, lsl, usl in use:
                value = _call(answer[name], name, list(values), lsl, usl)
                if isinstance(value, Finding):
                    return self.result(False, [value], items=items)
                given.append(value)
                right = _close(value, truth(values, lsl, usl), 0.005)
                items.append(Item(f"{name}: {label}", _show_number(value), right))
            wrong = [
                i for i, (case, g) in enumerate(zip(use, given, strict=True)) if not _close(g, truth(*case[1:]), 0.005)
            ]
            if wrong:
                two_sided = [(c, g) for c, g in zip(use, given, strict=True) if c[3] is not None]
                finding = _recognise_function(wrongs, [c for c, _ in two_sided], [g for _, g in two_sided])
                if finding is None:
                    label, values, lsl, usl = use[wrong[0]]
                    finding = _finding(
                        "wrong_value",
                        f"숨은 데이터 '{label}'에서 {name}의 답이 {_show_number(given[wrong[0]])}인데, 맞는 값은 "
                        f"{_show_number(truth(values, lsl, usl))}입니다.",
                        f"on the hidden data set '{label}' your {name} gave {_show_number(given[wrong[0]])}, but the "
                        f"right value is {_show_number(truth(values, lsl, usl))}",
                        "평균, R̄, σ = R̄/2.326을 차례로 print해 보고 종이 계산과 비교하세요.",
                        "print the mean, R̄ and sigma = R̄/2.326 one by one and compare them with a paper calculation",
                    )
                return self.result(False, [finding], items=items, seeds=len(cases))
        if parts is None:
            return self.result(
                False,
                [
                    _finding(
                        "no_data",
                        "함수는 맞습니다. 여러분의 데이터로 구한 값을 확인하려면 parts=parts도 넘기세요.",
                        "your functions are right; to check the numbers of your own shift, pass parts=parts too",
                        'factorylab.check(capability, "cp_cpk", parts=parts)로 부르세요.',
                        'call factorylab.check(capability, "cp_cpk", parts=parts)',
                    )
                ],
                items=items,
                seeds=len(cases),
            )
        samples = _own_samples_checked(parts)
        own = (
            ("fresh_cp", samples["fresh"], DIAMETER_LSL, DIAMETER_USL, true_cp),
            ("fresh_cpk", samples["fresh"], DIAMETER_LSL, DIAMETER_USL, true_cpk),
            ("worn_cp", samples["worn"], DIAMETER_LSL, DIAMETER_USL, true_cp),
            ("worn_cpk", samples["worn"], DIAMETER_LSL, DIAMETER_USL, true_cpk),
            ("hardness_cpk", samples["hardness"], HARDNESS_MIN, None, true_cpk),
        )
        findings = []
        for key, values, lsl, usl, truth in own:
            given = _number(answer[key])
            if given is None:
                findings.append(
                    _finding(
                        "not_a_number",
                        f'"{key}"의 값이 숫자가 아닙니다 (받은 것: {answer[key]!r}).',
                        f'"{key}" is not a number (got {answer[key]!r})',
                        "함수로 계산한 숫자를 넣으세요.",
                        "put the number your function computed",
                    )
                )
                items.append(Item(key, answer[key], False))
                continue
            expected = truth(values, lsl, usl)
            right = _close(given, expected, 0.02)
            items.append(Item(key, _show_number(given), right))
            if not right and not findings:
                findings.append(self._own_wrong(key, given, expected, values, lsl, usl, truth))
        return self.result(not findings, findings, items=items, seeds=len(cases) + 1)

    def _own_wrong(self, key, given, expected, values, lsl, usl, truth) -> Finding:
        if truth is true_cpk:
            for _, value in _limit_candidates(values, lsl, usl):
                if _close(given, value, 0.02) and not _close(given, expected, 0.02):
                    return _finding("control_limits", *LIMIT_TEXT, tag="inspection.dimension")
        swapped = {"fresh": "worn", "worn": "fresh"}
        group = key.split("_")[0]
        if group in swapped:
            return _finding(
                "wrong_own_value",
                f'"{key}"의 값 {_show_number(given)}이 여러분의 데이터에서 맞는 값 {_show_number(expected)}과 다릅니다.',
                f'"{key}" is {_show_number(given)}, but your data gives {_show_number(expected)}',
                f"{group} 데이터(공구 마모 {'60 min 이하' if group == 'fresh' else '150 min 이상'})에 여러분의 함수를 "
                "그대로 적용했는지 보세요.",
                f"check that you applied your function to the {group} data (tool wear "
                f"{'up to 60' if group == 'fresh' else '150 and more'} min)",
            )
        return _finding(
            "wrong_own_value",
            f'"{key}"의 값 {_show_number(given)}이 여러분의 데이터에서 맞는 값 {_show_number(expected)}과 다릅니다.',
            f'"{key}" is {_show_number(given)}, but your data gives {_show_number(expected)}',
            "경도는 한쪽 규격입니다: cpk(hardness, 42, None)처럼 LSL만 주세요.",
            "hardness has a one-sided limit: give the LSL only, as in cpk(hardness, 42, None)",
        )


def _own_samples_checked(parts: Any) -> dict[str, Any]:
    needed = ("part_id", "tool_wear", "measured_dimension", "measured_hardness", "defect_cause")
    columns = getattr(parts, "columns", ())
    if any(c not in columns for c in needed):
        raise FactoryLabError(
            "parts=에는 factorylab.data.shift()가 돌려준 parts 표를 넘기세요.",
            "pass the parts table factorylab.data.shift() returned as parts=",
        )
    samples = own_samples(parts)
    if len(samples["fresh"]) < 2 * N or len(samples["worn"]) < 2 * N:
        raise FactoryLabError(
            "이 표에는 새 공구나 닳은 공구의 부품이 너무 적습니다: hours=2 이상으로 데이터를 만드세요.",
            "this table has too few parts of a fresh or a worn tool: make the data with hours=2 or more",
        )
    return samples


# --- a troubled shift --------------------------------------------------------------------------------------------
def defect_shift(seed: int = 1, minutes: float = 60.0):
    """A troubled hour of the line, as ``parts, machines`` tables like :func:`factorylab.data.shift`.

    The reference controller with two habits of a night shift: the feeder's
    oven interlock turned down to 150 °C (``feed_from=150``), and each tool
    changed at a wear drawn between 180 and 245 min (``mixed``). Two faults
    come at seed-dependent times: the heater degrades to 55 % for 15 minutes
    (the oven cools although the heater runs at 100 %), and the coolant
    inflow valve sticks shut for 30 minutes (the tank runs low). About 1 s.

    Args:
        seed: the run's seed (same seed, same tables).
        minutes: simulated minutes (30 .. 120).
    """
    if not (isinstance(minutes, numbers.Real) and 30 <= minutes <= 120):
        raise FactoryLabError(
            f"minutes는 30에서 120 사이여야 합니다 (입력: {minutes})", f"minutes must be 30 .. 120 (got {minutes})"
        )
    parts, machines = _troubled(int(seed), float(minutes))
    # the stamp lets defect_causes remake the tables and judge on them, not on tables a student may have changed
    stamp = {"seed": int(seed), "minutes": float(minutes)}
    parts, machines = parts.copy(deep=True), machines.copy(deep=True)
    parts.attrs["defect_shift"], machines.attrs["defect_shift"] = dict(stamp), dict(stamp)
    return parts, machines


@functools.lru_cache(maxsize=4)
def _troubled(seed: int, minutes: float):
    """The simulation behind :func:`defect_shift` (kept: the check remakes the student's tables from the stamp)."""
    import pandas as pd

    from factorylab.control.line import LocalLine
    from factorylab.control.reference import ToolPolicy, make_line_controller
    from factorylab.data.dataset import MACHINE_EVERY, MACHINE_SIGNALS, PART_COLUMNS, _part_record
    from factorylab.plant import Plant, load_scenario
    from factorylab.tags import tags_for

    plant = Plant(load_scenario("line"), seed=seed)
    line = LocalLine(plant)
    rng = random.Random(f"defect_shift|{seed}")
    policy = ToolPolicy.parse("mixed", plant.rng.stream("tool_policy"))
    controller = make_line_controller(feed_from=150.0, tool_policy=policy)
    tags = tags_for(plant)
    readers = [(column, tags[tag].reader) for column, tag, *_ in MACHINE_SIGNALS if tag in tags]
    heater_at = rng.uniform(0.15, 0.25) * minutes * 60.0
    valve_after = rng.uniform(0.35, 0.45) * minutes * 60.0
    valve_done = False
    machines: list[dict[str, Any]] = []
    every = round(MACHINE_EVERY / plant.dt)
    heater_done = False
    for tick in range(round(minutes * 60.0 / plant.dt)):
        t = plant.time
        controller(line, t)
        if not heater_done and t >= heater_at:
            plant.inject_fault("heater_degradation", "oven", duration=900.0, rate=3.0, floor=0.55)
            heater_done = True
        if not valve_done and t >= valve_after and plant.tank.valve_position == 0.0:
            plant.inject_fault("valve_stuck", "tank", duration=1800.0)
            valve_done = True
        if tick % every == 0:
            machines.append({"t": t, **{column: reader(plant) for column, reader in readers}})
        plant.step()
    finished = sorted(plant.finished_parts.since(0), key=lambda p: p.id)
    parts = pd.DataFrame([_part_record(p, plant) for p in finished], columns=[c[0] for c in PART_COLUMNS])
    table = pd.DataFrame(machines)
    parts.attrs["columns"] = {name: (unit, en, ko) for name, unit, en, ko in PART_COLUMNS}
    return parts, table


def tank_level_at_cnc(parts: Any, machines: Any) -> Any:
    """The coolant level (mm) each part was machined at: the machines row at or before it entered the oven."""
    import pandas as pd

    left = parts[["part_id", "oven_in"]].dropna().sort_values("oven_in")
    right = machines[["t", "tank_level"]].sort_values("t")
    joined = pd.merge_asof(left, right, left_on="oven_in", right_on="t", direction="backward")
    return joined.set_index("part_id")["tank_level"].reindex(parts["part_id"]).to_numpy()


def shares(parts: Any, machines: Any) -> dict[str, float]:
    """The two shares of ``defect_causes`` (%): soft among parts that peaked under 200 °C, dimension among dry parts."""
    cold = parts[parts["peak_temperature"] < COLD_PEAK]
    level = tank_level_at_cnc(parts, machines)
    dry = parts[level < DRY_LEVEL]
    return {
        "soft_share_cold": 100.0 * float((cold["defect_cause"] == "soft").mean()),
        "dimension_share_dry": 100.0 * float((dry["defect_cause"] == "dimension").mean()),
        # what typical mistakes give
        "_soft_fraction": float((cold["defect_cause"] == "soft").mean()),
        "_dimension_fraction": float((dry["defect_cause"] == "dimension").mean()),
        "_soft_of_all": 100.0 * float((parts["defect_cause"] == "soft").sum()) / max(len(parts), 1),
        "_dimension_of_all": 100.0 * float((parts["defect_cause"] == "dimension").sum()) / max(len(parts), 1),
        "_cold_any_defect": 100.0 * float((cold["defect_cause"] != "").mean()),
        "_dry_any_defect": 100.0 * float((dry["defect_cause"] != "").mean()),
        "_cold_count": float(len(cold)),
        "_dry_count": float(len(dry)),
    }


# --- the causes of defects ---------------------------------------------------------------------------------------
CAUSES = (
    "oven_cold",
    "dwell_short",
    "oven_hot",
    "tool_wear",
    "no_coolant",
    "gauge",
    "heater_high",
    "process_temperature",
)

_GAUGE_BLAMED = (
    "게이지 잡음(표준편차 0.005 mm)은 작고 평균을 옮기지 않아 불량을 늘리지 못합니다: 부품 자체가 바뀌었습니다.",
    "the gauge's noise (sd 0.005 mm) is small and does not move the mean, so it cannot raise the defects: the parts "
    "themselves changed",
)
_NO_RULE = (
    "함께 늘었다고 원인은 아닙니다: 지름 규칙에는 공구 마모와 냉각수만 있습니다. 냉각수가 모자라면 공정 온도도 같이 오릅니다.",
    "rising together is not a cause: the diameter rule has tool wear and coolant only; short coolant raises the "
    "process temperature too",
)
QUESTIONS: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "soft_heater_100": (
        "oven_cold",
        {
            "heater_high": (
                "방향이 거꾸로입니다: 히터가 열화되어 오븐이 식자 PI 제어가 히터를 100 %로 올린 것입니다. 경도는 온도와 시간(soak)으로 정해집니다.",
                "that is the wrong direction: the heater degraded, the oven cooled, and the PI raised the heater to "
                "100 %; hardness comes from temperature and time (soak)",
            ),
            "gauge": _GAUGE_BLAMED,
            "*": (
                "연질 부품의 peak_temperature를 보세요: 오븐이 충분히 뜨겁지 않았습니다.",
                "look at the soft parts' peak_temperature: the oven was not hot enough",
            ),
        },
    ),
    "soft_dwell_15": (
        "dwell_short",
        {
            "oven_cold": (
                "설정 온도(220 °C)는 그대로였습니다: 바뀐 것은 오븐에 머문 시간입니다.",
                "the setpoint (220 °C) stayed the same: what changed is the time in the oven",
            ),
            "*": (
                "soak = 150 °C 넘는 온도의 시간 적분: 시간이 짧으면 soak가 작아 경도가 42 HRC에 못 미칩니다.",
                "soak is the time integral above 150 °C: a short stay gives a small soak and less than 42 HRC",
            ),
        },
    ),
    "overheated_243": (
        "oven_hot",
        {
            "*": (
                "규칙: 부품 온도가 240 °C를 넘으면 과열 불량입니다. 설정 온도나 체류 시간이 지나쳤습니다.",
                "the rule: a part above 240 °C is overheated; the setpoint or the dwell was too much",
            ),
        },
    ),
    "dimension_worn_tool": (
        "tool_wear",
        {
            "gauge": _GAUGE_BLAMED,
            "*": (
                "규칙: 지름 = 20.000 mm + 0.0004 mm/min × 공구 마모 (+ 냉각수 없으면 0.03 mm). 190 min이면 +0.076 mm입니다.",
                "the rule: diameter = 20.000 mm + 0.0004 mm/min x tool wear (+ 0.03 mm without coolant); 190 min "
                "gives +0.076 mm",
            ),
        },
    ),
    "dimension_low_tank": (
        "no_coolant",
        {
            "gauge": _GAUGE_BLAMED,
            "*": (
                "tank.level이 100 mm(펌프 흡입구) 아래면 CNC에 냉각수가 모자라 지름이 0.03 mm 커집니다.",
                "below 100 mm of tank.level (the pump's suction) the CNC runs short of coolant and the diameter grows "
                "by 0.03 mm",
            ),
        },
    ),
    "dimension_hot_process": (
        "no_coolant",
        {"process_temperature": _NO_RULE, "gauge": _GAUGE_BLAMED, "*": _NO_RULE},
    ),
    "misjudged_near_limit": (
        "gauge",
        {
            "*": (
                "실제 지름(20.103 mm)은 규격 밖인데 측정값(20.098 mm)이 안이었습니다: 한계 가까이에서는 게이지 잡음이 판정을 바꿉니다.",
                "the true diameter (20.103 mm) was out of spec and the measurement (20.098 mm) in: near a limit the "
                "gauge's noise changes the verdict",
            ),
        },
    ),
}
SHARE_KEYS = ("soft_share_cold", "dimension_share_dry")


@register
class DefectCauses(Check):
    """Causes of soft parts and dimension defects from the documented rules, and two shares from your own tables."""

    name = "defect_causes"
    title = ("불량 원인 분석: 연질과 지름 불량", "cause analysis: soft parts and dimension defects")
    kind = "quiz"
    count = 1

    def judge(self, answer: Any, seeds: list[int], parts: Any = None, machines: Any = None, **options: Any):
        if options:
            raise FactoryLabError(
                f"이 검사가 모르는 값입니다: {', '.join(options)} (parts=, machines=만 받습니다)",
                f"this check does not take {', '.join(options)} (only parts= and machines=)",
            )
        keys = (*QUESTIONS, *SHARE_KEYS)
        if not isinstance(answer, dict):
            return self.result(False, [_not_a_dict(keys)])
        unknown = [k for k in answer if k not in keys]
        if unknown:
            return self.result(
                False,
                [
                    _finding(
                        "unknown_item",
                        f"이 과제에 없는 칸입니다: '{unknown[0]}'.",
                        f"'{unknown[0]}' is not one of this exercise's items",
                        "칸 이름의 철자를 확인하세요.",
                        "check the spelling of the item",
                    )
                ],
            )
        missing = [k for k in keys if answer.get(k) is None]
        if missing:
            return self.result(False, [_missing(missing)])
        items: list[Item] = []
        findings: list[Finding] = []
        for item, (right, reasons) in QUESTIONS.items():
            given = str(answer[item]).strip().lower()
            if given not in CAUSES:
                items.append(Item(item, answer[item], False))
                findings.append(
                    _finding(
                        "not_a_choice",
                        f"'{item}'의 답으로 고를 수 없는 값입니다: {answer[item]!r}.",
                        f"the answer {answer[item]!r} for '{item}' is not one of the choices",
                        f"다음 중에서 고르세요: {', '.join(CAUSES)}.",
                        f"choose one of: {', '.join(CAUSES)}",
                    )
                )
                continue
            if given == right:
                items.append(Item(item, given, True))
                continue
            ko, en = reasons.get(given) or reasons["*"]
            items.append(Item(item, given, False, ko, en))
            code = {
                "heater_high": "wrong_direction",
                "process_temperature": "correlation_not_cause",
                "gauge": "gauge_blamed",
            }
            findings.append(
                _finding(
                    code.get(given, f"wrong:{item}") if right != "gauge" else f"wrong:{item}",
                    f"'{item}'의 답 {given}: 틀렸습니다. {ko}",
                    f"'{item}' is not {given}. {en[:1].upper() + en[1:]}",
                )
            )
        if parts is None or machines is None:
            findings.append(
                _finding(
                    "no_data",
                    "두 비율을 확인하려면 여러분의 표도 넘기세요: parts=parts, machines=machines.",
                    "to check the two shares, pass your tables too: parts=parts, machines=machines",
                    'factorylab.check(causes, "defect_causes", parts=parts, machines=machines)로 부르세요.',
                    'call factorylab.check(causes, "defect_causes", parts=parts, machines=machines)',
                )
            )
            return self.result(False, findings, items=items, seeds=1)
        for name in ("peak_temperature", "defect_cause", "oven_in", "part_id"):
            if name not in getattr(parts, "columns", ()) or "tank_level" not in getattr(machines, "columns", ()):
                raise FactoryLabError(
                    "parts=, machines=에는 defect_shift()가 돌려준 두 표를 넘기세요.",
                    "pass the two tables defect_shift() returned as parts= and machines=",
                )
        original = _remade(parts, machines)
        if isinstance(original, Finding):
            findings.append(original)
            return self.result(False, findings, items=items, seeds=1)
        truth = shares(*original)
        if truth["_cold_count"] < 5 or truth["_dry_count"] < 5:
            raise FactoryLabError(
                "이 표에는 200 °C 미만으로 데워진 부품이나 수위 100 mm 미만에서 깎은 부품이 거의 없습니다: defect_shift()의 표를 넘기세요.",
                "these tables hardly have parts heated under 200 °C or machined under 100 mm of level: pass the tables "
                "defect_shift() returned",
            )
        for key in SHARE_KEYS:
            given = _number(answer[key])
            expected = truth[key]
            right = given is not None and abs(given - expected) <= max(0.5, 0.02 * expected)
            items.append(Item(key, answer[key], right))
            if not right:
                findings.append(self._share_wrong(key, given, expected, truth, answer[key]))
        return self.result(not findings, findings, items=items, seeds=1)

    def _share_wrong(self, key: str, given: float | None, expected: float, truth: dict[str, float], raw: Any):
        soft = key == "soft_share_cold"
        group_ko = "peak_temperature가 200 °C 미만인 부품" if soft else "tank_level이 100 mm 미만일 때 가공한 부품"
        group_en = (
            "parts whose peak_temperature stayed under 200 °C"
            if soft
            else "parts machined while tank_level was under 100 mm"
        )
        cause = "soft" if soft else "dimension"
        if given is None:
            return _finding(
                "not_a_number",
                f'"{key}"의 값이 숫자가 아닙니다 (받은 것: {raw!r}).',
                f'"{key}" is not a number (got {raw!r})',
                "계산한 %를 숫자로 넣으세요.",
                "put the % you computed as a number",
            )

        def near(value: float) -> bool:
            return abs(given - value) <= max(0.5 if value > 1.5 else 0.005, 0.02 * abs(value))

        if near(truth["_soft_fraction" if soft else "_dimension_fraction"]):
            return _finding(
                "fraction_not_percent",
                f'"{key}"에 0~1 사이의 비율을 넣었습니다: 이 칸은 %입니다.',
                f'"{key}" holds a fraction (0-1): this item is in %',
                "100을 곱하세요.",
                "multiply by 100",
            )
        if near(truth["_soft_of_all" if soft else "_dimension_of_all"]):
            return _finding(
                "wrong_group",
                f'"{key}": 전체 부품 중의 %를 구했습니다. 과제는 {group_ko} 중에서 {cause}인 부품의 %입니다.',
                f'"{key}": you took the % of all parts; the task asks for the % of {cause} among {group_en}',
                "먼저 그 부품만 골라낸 표를 만들고 그 안에서 세세요.",
                "first make a table of those parts only, then count inside it",
            )
        if near(truth["_cold_any_defect" if soft else "_dry_any_defect"]):
            return _finding(
                "every_cause",
                f'"{key}": 모든 불량을 셌습니다. 과제는 defect_cause가 "{cause}"인 부품만 셉니다.',
                f'"{key}": you counted every defect; the task counts only defect_cause "{cause}"',
                f'(표["defect_cause"] == "{cause}")으로 세세요.',
                f'count with (table["defect_cause"] == "{cause}")',
            )
        return _finding(
            "wrong_share",
            f'"{key}"의 값 {given:g} %가 여러분의 표에서 구한 {expected:.1f} %와 다릅니다.',
            f'"{key}" is {given:g} %, but your tables give {expected:.1f} %',
            f"{group_ko}의 수({truth['_cold_count' if soft else '_dry_count']:.0f}개)부터 print해 보세요.",
            f"print the number of {group_en} first ({truth['_cold_count' if soft else '_dry_count']:.0f})",
        )


def _remade(parts: Any, machines: Any) -> tuple[Any, Any] | Finding:
    """The tables :func:`defect_shift` made for the stamp on ``parts``; a finding if the given ones were changed."""
    import numpy as np

    stamp = getattr(parts, "attrs", {}).get("defect_shift")
    if not isinstance(stamp, dict) or getattr(machines, "attrs", {}).get("defect_shift") != stamp:
        raise FactoryLabError(
            "parts=, machines=에는 defect_shift()가 돌려준 두 표를 (같은 시드로) 넘기세요.",
            "pass the two tables defect_shift() returned (with the same seed) as parts= and machines=",
        )
    true_parts, true_machines = defect_shift(seed=stamp.get("seed"), minutes=stamp.get("minutes"))

    def same(given, truth, key: str, columns: tuple[str, ...]) -> bool:
        if len(given) != len(truth):
            return False
        a, b = given.sort_values(key), truth.sort_values(key)
        for column in columns:
            x = np.asarray(a[column].to_numpy(), dtype=object)
            y = np.asarray(b[column].to_numpy(), dtype=object)
            if not all(u == v or (u != u and v != v) or (u is None and v is None) for u, v in zip(x, y, strict=True)):
                return False
        return True

    if not (
        same(parts, true_parts, "part_id", ("part_id", "peak_temperature", "defect_cause", "oven_in"))
        and same(machines, true_machines, "t", ("t", "tank_level"))
    ):
        return _finding(
            "changed_tables",
            "parts=, machines=로 준 표가 defect_shift()가 만든 표와 다릅니다: 행을 고르거나 값을 바꾸지 말고 그대로 넘기세요.",
            "the tables given as parts= and machines= differ from those defect_shift() made: pass them whole and "
            "unchanged",
            "열을 더하는 것은 괜찮습니다. 고른 행은 새 변수(cold, dry)에 담으세요.",
            "adding columns is fine; keep selected rows in new variables (cold, dry)",
        )
    return true_parts, true_machines


# --- fix the defects ---------------------------------------------------------------------------------------------
SETTINGS = ("oven_setpoint", "dwell", "tool_change_wear")
RANGES = {"oven_setpoint": (100.0, 270.0), "dwell": (5.0, 120.0), "tool_change_wear": (20.0, 300.0)}
UNITS = {"oven_setpoint": "°C", "dwell": "s", "tool_change_wear": "min"}


def hidden_plant(seed: int, run: int):
    """A hidden run's plant: the first tool's wear, the thermocouple's calibration and the heater's health vary."""
    from factorylab.plant import Plant, load_scenario

    rng = random.Random(f"fix_defects|{seed}|{run}")
    base = load_scenario("line")
    cnc = base.cnc.model_copy(update={"tool_wear": round(rng.uniform(0.0, 150.0), 1)})
    plant = Plant(base.model_copy(update={"cnc": cnc}), seed=seed * 100 + run)
    plant.oven.temperature_drift = round(rng.uniform(-4.0, 4.0), 1)  # a calibration error of the transmitter, °C
    plant.oven.health = round(rng.uniform(0.88, 1.0), 2)  # an ageing heater: at most 245-275 °C at 100 %
    return plant


def run_settings(settings: dict[str, float], plant) -> dict[str, Any]:
    """Run the reference line controller with these settings; count what the judged window gives."""
    from factorylab.control.line import LocalLine
    from factorylab.control.reference import make_line_controller

    setpoint = settings["oven_setpoint"]
    controller = make_line_controller(
        oven_setpoint=setpoint,
        dwell=settings["dwell"],
        tool_change_wear=settings["tool_change_wear"],
        feed_from=min(210.0, setpoint - 10.0),
    )
    line = LocalLine(plant)
    for _ in range(round((WARM_UP + JUDGED) / plant.dt)):
        controller(line, plant.time)
        plant.step()
    judged = [p for p in plant.finished_parts.since(0) if p.history[-1][0] >= WARM_UP]
    causes = {"soft": 0, "overheated": 0, "dimension": 0, "wear_failure": 0, "other_failure": 0}
    for part in judged:
        if not part.defects:
            continue
        cause = part.defects[0]
        if cause == "machining":
            modes = part.failure_modes or []
            cause = "wear_failure" if ("OSF" in modes or "TWF" in modes) else "other_failure"
        causes[cause] = causes.get(cause, 0) + 1
    count = len(judged)
    counted = count - causes["other_failure"]  # failures no setting changes (heat, power, random) are left out
    settable = causes["soft"] + causes["overheated"] + causes["dimension"] + causes["wear_failure"]
    return {
        "parts": count,
        "per_min": count / (JUDGED / 60.0),
        "share": settable / counted if counted else 0.0,
        "causes": causes,
        "peak": max((p.peak_temperature or 0.0 for p in judged), default=0.0),
    }


@register
class FixDefects(Check):
    """Oven setpoint, dwell and tool-change wear that keep defects at 2 % or less and throughput up, on hidden runs."""

    name = "fix_defects"
    title = ("불량 줄이기: 오븐 온도, 체류 시간, 공구 교체", "fix the defects: oven setpoint, dwell, tool change")
    kind = "scored"
    count = 5
    unit = "/min"

    def judge(self, answer: Any, seeds: list[int], **options: Any) -> CheckResult:
        if options:
            raise FactoryLabError(
                f"이 검사가 모르는 값입니다: {', '.join(options)}", f"this check does not take {', '.join(options)}"
            )
        if not isinstance(answer, dict):
            return self.result(False, [_not_a_dict(SETTINGS)])
        missing = [k for k in SETTINGS if answer.get(k) is None]
        if missing:
            return self.result(False, [_missing(missing)])
        settings = {}
        for key in SETTINGS:
            value = _number(answer[key])
            low, high = RANGES[key]
            if value is None or not low <= value <= high:
                return self.result(
                    False,
                    [
                        _finding(
                            "out_of_range",
                            f'"{key}"는 {low:g}~{high:g} {UNITS[key]} 사이의 숫자여야 합니다 (받은 것: {answer[key]!r}).',
                            f'"{key}" must be a number from {low:g} to {high:g} {UNITS[key]} (got {answer[key]!r})',
                        )
                    ],
                )
            settings[key] = value
        outcomes = []
        for run, seed in enumerate(seeds, start=1):
            outcomes.append(run_settings(settings, hidden_plant(seed, run)))
        items = [
            Item(
                f"run {i}",
                f"{o['per_min']:.2f}/min, {100 * o['share']:.1f} %",
                o["share"] <= MAX_DEFECT_SHARE and o["per_min"] >= TARGET_PER_MIN,
            )
            for i, o in enumerate(outcomes, start=1)
        ]
        score = min(o["per_min"] for o in outcomes)
        extra = {
            "items": items,
            "seeds": len(seeds),
            "score": score,
            "threshold": TARGET_PER_MIN,
            "formula": (
                f"숨은 실행 5번 모두: 설정이 만드는 불량(연질, 과열, 지름, 공구 마모 고장) ≤ 2 %, 생산량 ≥ {TARGET_PER_MIN:g}개/분 "
                "(점수 = 가장 낮은 생산량)",
                f"on all 5 hidden runs: defects the settings cause (soft, overheated, dimension, tool-wear failures) "
                f"<= 2 % and output >= {TARGET_PER_MIN:g} parts/min (score = the lowest output)",
            ),
            "unit": self.unit,
        }
        bad = [i for i, o in enumerate(outcomes) if o["share"] > MAX_DEFECT_SHARE or o["per_min"] < TARGET_PER_MIN]
        if not bad:
            return self.result(True, [], **extra)
        self._outcomes = outcomes
        finding = self._explain(settings, outcomes[bad[0]], bad[0] + 1, len(outcomes) - len(bad))
        return self.result(False, [finding], **extra)

    def _explain(self, s: dict[str, float], o: dict[str, Any], run: int, passed: int) -> Finding:
        c = o["causes"]
        share = 100.0 * o["share"]
        total = len(self._outcomes)
        also_ko = f" 숨은 실행 {total}번 중 {passed}번만 통과했습니다." if passed else ""
        also_en = f"; only {passed} of {total} hidden runs passed" if passed else ""
        if o["share"] > MAX_DEFECT_SHARE:
            worst = max(("overheated", "soft", "dimension", "wear_failure"), key=lambda k: c[k])
            if worst == "overheated":
                return _finding(
                    "overheated" if not passed else "one_seed_only",
                    f"숨은 실행 {run}번에서 부품이 {OVERHEAT_LIMIT:g} °C를 넘어 과열 불량이 {c['overheated']}개({share:.1f} %) "
                    f"났습니다 (최고 {o['peak']:.0f} °C).{also_ko}",
                    f"on hidden run {run} parts went above {OVERHEAT_LIMIT:g} °C: {c['overheated']} overheated "
                    f"({share:.1f} %, peak {o['peak']:.0f} °C){also_en}",
                    "설정 온도를 낮추거나 체류 시간을 줄이세요 (부품은 오븐 온도를 10초 시정수로 따라갑니다).",
                    "lower the setpoint or shorten the dwell (a part follows the oven with a 10 s time constant)",
                    tag="oven.heater",
                )
            if worst == "soft":
                short = s["dwell"] < 25.0
                cold = s["oven_setpoint"] < 215.0
                what_ko = (
                    "체류 시간이 짧고 설정 온도가 낮아"
                    if short and cold
                    else "체류 시간이 짧아"
                    if short
                    else "설정 온도가 낮아"
                )
                what_en = (
                    "the dwell is short and the setpoint low"
                    if short and cold
                    else "the dwell is short"
                    if short
                    else "the setpoint is low"
                )
                return _finding(
                    "soft" if not passed else "one_seed_only",
                    f"숨은 실행 {run}번에서 {what_ko} 연질(42 HRC 미만) 부품이 {c['soft']}개({share:.1f} %) 났습니다.{also_ko}",
                    f"on hidden run {run} {what_en}: {c['soft']} soft parts (under 42 HRC, {share:.1f} %){also_en}",
                    "soak(150 °C 넘는 온도 × 시간)를 키우세요: 설정 온도를 올리거나 체류 시간을 늘리세요.",
                    "raise the soak (temperature above 150 °C x time): raise the setpoint or lengthen the dwell",
                    tag="oven.gate",
                )
            return _finding(
                "tool_too_late" if not passed else "one_seed_only",
                f"숨은 실행 {run}번에서 공구를 늦게 바꿔 지름 불량 {c['dimension']}개, 마모 고장 {c['wear_failure']}개"
                f"({share:.1f} %)가 났습니다.{also_ko}",
                f"on hidden run {run} the tool was changed too late: {c['dimension']} dimension defects and "
                f"{c['wear_failure']} wear failures ({share:.1f} %){also_en}",
                "지름은 마모 1 min마다 0.0004 mm 커지고 공구는 200 min부터 고장 납니다: 더 일찍 바꾸세요.",
                "the diameter grows 0.0004 mm per min of wear and tools fail from 200 min: change earlier",
                tag="cnc.tool_change",
            )
        if s["dwell"] > 33.0:
            code, ko, en = (
                "oven_starved",
                f"체류 {s['dwell']:g}초는 너무 깁니다: 오븐(8개)이 병목이 되어",
                f"a {s['dwell']:g} s dwell is too long: the oven (8 parts) becomes the bottleneck and",
            )
            next_ko, next_en = (
                "체류 시간을 줄이고, 모자란 soak는 설정 온도로 채우세요.",
                "shorten the dwell and make up the soak with the setpoint",
            )
            tag = "oven.gate"
        elif s["tool_change_wear"] < 150.0:
            code, ko, en = (
                "tool_too_early",
                f"공구를 {s['tool_change_wear']:g} min에 바꾸면 교체(30초)가 너무 잦아",
                f"changing the tool at {s['tool_change_wear']:g} min stops the CNC for a 30 s change too often and",
            )
            next_ko, next_en = (
                "불량이 나지 않는 한 공구를 더 오래 쓰세요.",
                "use each tool longer, as long as no defects come",
            )
            tag = "cnc.tool_change"
        else:
            code, ko, en = (
                "throughput_low",
                "생산이 느려",
                "the line is slow and",
            )
            next_ko, next_en = (
                "오븐이 설정 온도에 이르는지(히터 100 %에서 최대 약 245 °C), 체류와 공구 교체가 라인을 세우지 않는지 보세요.",
                "check that the oven reaches its setpoint (at most about 245 °C at 100 %) and that dwell and tool "
                "changes do not hold the line",
            )
            tag = "production.parts_out"
        if passed:
            code = "one_seed_only"
        return _finding(
            code,
            f"숨은 실행 {run}번: {ko} 분당 {o['per_min']:.2f}개만 나왔습니다 (목표 {TARGET_PER_MIN:g}개).{also_ko}",
            f"hidden run {run}: {en} only {o['per_min']:.2f} parts/min came out (target {TARGET_PER_MIN:g}){also_en}",
            next_ko,
            next_en,
            tag=tag,
        )


def try_settings(settings: dict[str, float], seed: int = 1) -> dict[str, Any]:
    """Try settings on your own run of the line (the same 8 + 20 minutes as a hidden run of ``fix_defects``).

    Args:
        settings: ``{"oven_setpoint": °C, "dwell": s, "tool_change_wear": min}``.
        seed: your run's seed.

    Returns:
        ``parts_per_min``, ``defect_percent`` (defects the settings cause), the count of each cause
        (``soft``, ``overheated``, ``dimension``, ``wear_failure``, and ``other_failure``, not counted)
        and ``peak`` (the hottest part, °C).
    """
    from factorylab.plant import Plant, load_scenario

    missing = [k for k in SETTINGS if _number(settings.get(k) if isinstance(settings, dict) else None) is None]
    if missing:
        raise FactoryLabError(
            f"settings에 숫자가 없는 칸이 있습니다: {', '.join(missing)}",
            f"settings has no number for: {', '.join(missing)}",
        )
    outcome = run_settings({k: float(settings[k]) for k in SETTINGS}, Plant(load_scenario("line"), seed=seed))
    return {
        "parts_per_min": round(outcome["per_min"], 2),
        "defect_percent": round(100.0 * outcome["share"], 2),
        **outcome["causes"],
        "peak": round(outcome["peak"], 1),
    }
