"""Checks of lab 5-1 (``spc_charts``): gauge spread, the X̄-R chart and the Western Electric rules.

All three judge the diameter of the CNC's parts (``factorylab.data.shift``): ``dimension`` is the true
diameter, ``measured_dimension`` the gauge's reading (true + gauge noise). The plant's model
(:mod:`factorylab.plant.cnc`, :mod:`factorylab.plant.inspection`): 20.000 mm + 0.0004 mm/min x tool wear
(+ 0.03 mm without coolant) + N(0, 0.012 mm); gauge noise N(0, 0.005 mm).

* ``gauge_sigma`` (value): ``{"gauge": σ, "process": σ}`` in mm for the student's own parts
  (``parts=``), over the good parts of a fresh tool (``machine_failure == 0`` and ``tool_wear < 30``):
  gauge σ = sd of ``measured_dimension - dimension``, process σ = sd of ``dimension``. A variance for an
  sd, the measured sd taken as the process's, sds subtracted instead of variances, the two swapped and
  all rows (worn tools, ruined parts) are each named.
* ``xbar_r`` (value): ``xbar_r_limits(df)`` returns the centre lines and limits of X̄ and R. Phase I:
  the good parts; a new tool starts where ``tool_wear`` drops; the first 5 parts of each tool are one
  subgroup (tools with fewer than 5 good parts are skipped); the first 25 such subgroups. Factors for
  n = 5 (KS Q ISO 7870-2): A2 = 0.577, D3 = 0, D4 = 2.114. Judged on hidden shifts drawn from the
  plant's model (other seeds, other means and spreads) and on the student's own shift (``parts=``).
* ``western_electric`` (value): ``western_electric(points, center, sigma)`` returns
  ``{1: [...], 2: [...], 3: [...], 4: [...]}``: the 0-based index of each point that completes a rule's
  pattern. Judged on hidden planted sequences and on the real tool-wear drift (every complete subgroup
  of the shift against its phase I limits); ``parts=`` and ``sigma=`` (the student's σ of X̄) are required.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping
from typing import Any

from factorylab.control.checks.base import Check, register
from factorylab.control.checks.kinds import _number, call_student, function_error
from factorylab.control.checks.result import CheckResult, Finding, Item
from factorylab.plant import cnc, inspection

# --- the chart's constants ----------------------------------------------------------------------------------

#: subgroup size and how many subgroups phase I uses
N = 5
PHASE_ONE = 25
#: factors for the X̄-R chart by subgroup size (KS Q ISO 7870-2 / ISO 7870-2:2023, table 2)
A2 = {2: 1.880, 3: 1.023, 4: 0.729, 5: 0.577, 6: 0.483, 7: 0.419, 8: 0.373, 9: 0.337, 10: 0.308}
D3 = {2: 0.0, 3: 0.0, 4: 0.0, 5: 0.0, 6: 0.0, 7: 0.076, 8: 0.136, 9: 0.184, 10: 0.223}
D4 = {2: 3.267, 3: 2.574, 4: 2.282, 5: 2.114, 6: 2.004, 7: 1.924, 8: 1.864, 9: 1.816, 10: 1.777}
d2 = {2: 1.128, 3: 1.693, 4: 2.059, 5: 2.326, 6: 2.534, 7: 2.704, 8: 2.847, 9: 2.970, 10: 3.078}
#: a fresh tool for the gauge study: wear below this, min
FRESH_WEAR = 30.0
KEYS = ("xbar_cl", "xbar_ucl", "xbar_lcl", "r_cl", "r_ucl", "r_lcl")
#: columns a parts table needs
COLUMNS = ("tool_wear", "dimension", "measured_dimension", "machine_failure")
SPEC = (cnc.NOMINAL_DIAMETER - cnc.DIAMETER_TOLERANCE, cnc.NOMINAL_DIAMETER + cnc.DIAMETER_TOLERANCE)


def _finding(code: str, ko: str, en: str, next_ko: str = "", next_en: str = "") -> Finding:
    return Finding(code, ko, en, next_ko, next_en)


# --- the truth ------------------------------------------------------------------------------------------------


def good_parts(df):
    """The parts machined without a failure (a failed part is ruined: +0.35 mm), in the order made."""
    import pandas as pd

    return df[pd.to_numeric(df["machine_failure"], errors="coerce").fillna(1) == 0]


def tool_numbers(ok):
    """A tool number per good part: a new tool starts where ``tool_wear`` drops."""
    return (ok["tool_wear"].astype(float).diff() < 0).cumsum()


def subgroups(df, column: str = "measured_dimension"):
    """Every complete subgroup of 5 consecutive good parts of one tool, in order: a table with
    ``tool`` (number), ``xbar`` and ``r`` (mm). The first subgroup of each tool is its first 5 parts."""
    ok = good_parts(df)
    tool = tool_numbers(ok)
    position = ok.groupby(tool).cumcount() // N
    grouped = ok[column].astype(float).groupby([tool.to_numpy(), position.to_numpy()])
    table = grouped.agg(["mean", "max", "min", "count"])
    table = table[table["count"] == N]
    out = table.reset_index(names=["tool", "group"])
    out["xbar"] = out["mean"]
    out["r"] = out["max"] - out["min"]
    return out[["tool", "group", "xbar", "r"]]


def phase_one(df, column: str = "measured_dimension"):
    """The phase I subgroups: the first complete subgroup of each of the first 25 tools."""
    table = subgroups(df, column)
    first = table[table["group"] == 0]
    return first.iloc[:PHASE_ONE]


def limits_from(xbar: list[float], r: list[float], n: int = N) -> dict[str, float]:
    """Centre lines and limits of X̄ and R from subgroup means and ranges (mm)."""
    xbarbar = sum(xbar) / len(xbar)
    rbar = sum(r) / len(r)
    return {
        "xbar_cl": xbarbar,
        "xbar_ucl": xbarbar + A2[n] * rbar,
        "xbar_lcl": xbarbar - A2[n] * rbar,
        "r_cl": rbar,
        "r_ucl": D4[n] * rbar,
        "r_lcl": D3[n] * rbar,
    }


def true_limits(df) -> dict[str, float]:
    """The X̄-R limits of a shift (phase I as above)."""
    first = phase_one(df)
    return limits_from(list(first["xbar"]), list(first["r"]))


def enough_tools(df) -> bool:
    return len(phase_one(df)) >= PHASE_ONE


# --- hidden shifts from the plant's model ----------------------------------------------------------------------


def synthetic_shift(seed: int, tools: int = 30):
    """A shift's parts table drawn from the CNC's documented model (fast: no simulation).

    Each hidden shift has its own mean offset (±0.01 mm) and spread (x0.8-1.3), tool changes at a wear
    of 180-245 min, about 3 % ruined parts (``machine_failure``, +0.35 mm, the wear not counted), one
    ruined part among the first five of an early tool and one tool broken after a few parts.
    """
    import numpy as np
    import pandas as pd

    rng = random.Random(f"xbar_r|shift|{seed}")
    noise = np.random.default_rng(rng.randrange(2**32))
    offset = rng.uniform(-0.01, 0.01)
    spread = cnc.DIAMETER_SD * rng.uniform(0.8, 1.3)
    short_tool = rng.randrange(3, 20)
    ruined_tool = rng.randrange(2, 20)
    grades, shares = list(cnc.GRADES), list(cnc.GRADE_SHARE)
    rows = []
    for tool in range(tools):
        wear = 0.0
        change_at = rng.uniform(180.0, 245.0) if tool != short_tool else rng.uniform(5.5, 8.0)  # 2-4 parts
        made = 0
        while wear < change_at:
            grade = rng.choices(grades, shares)[0]
            failed = rng.random() < 0.03 or (tool == ruined_tool and made == 2)
            if failed:
                dimension = cnc.NOMINAL_DIAMETER + cnc.RUINED_GROWTH
            else:
                dimension = cnc.NOMINAL_DIAMETER + offset + cnc.WEAR_GROWTH * wear + noise.normal(0.0, spread)
            measured = dimension + noise.normal(0.0, inspection.DIMENSION_NOISE)
            rows.append((grade, wear, dimension, measured, int(failed)))
            made += 1
            if not failed:
                wear += cnc.WEAR_PER_PART[grade]
    frame = pd.DataFrame(rows, columns=["grade", "tool_wear", "dimension", "measured_dimension", "machine_failure"])
    frame.insert(0, "part_id", range(1, len(frame) + 1))
    return _as_shift_table(frame, seed)


def _as_shift_table(frame, seed: int):
    """The same columns, in the same order, as a real shift's parts table (``factorylab.data.shift``).

    A student's right function may use any column of the real table (``defect_cause``, ``fed_at``,
    ``finished_at`` ...): the hidden shifts must have them too, with the meaning they have there. Drawn from
    their own random stream, so the columns above stay what they were.
    """
    import numpy as np
    import pandas as pd

    from factorylab.data.dataset import PART_COLUMNS

    extra = np.random.default_rng(random.Random(f"xbar_r|columns|{seed}").randrange(2**32))
    count = len(frame)
    failed = frame["machine_failure"].to_numpy() == 1
    new_tool = np.r_[False, np.diff(frame["tool_wear"].to_numpy()) < 0]
    gaps = np.where(new_tool, cnc.TOOL_CHANGE_TIME, 0.0) + extra.uniform(4.0, 4.6, count)
    fed = np.round(np.cumsum(gaps) - gaps[0] + 0.05, 2)
    out_of_spec = (frame["dimension"] - cnc.NOMINAL_DIAMETER).abs() > cnc.DIAMETER_TOLERANCE
    measured_ok = (frame["measured_dimension"] - cnc.NOMINAL_DIAMETER).abs() <= cnc.DIAMETER_TOLERANCE
    hardness = extra.normal(46.0, 1.0, count)
    kind = np.where(extra.random(count) < 0.7, "A", "B")
    mode = extra.choice(["HDF", "PWF", "OSF", "TWF", "RNF"], count)
    columns = {
        "type": kind,
        "fed_at": fed,
        "air_temperature": extra.normal(300.0, 2.0, count),
        "process_temperature": extra.normal(310.0, 1.0, count),
        "rotational_speed": extra.normal(1540.0, 180.0, count),
        "torque": extra.normal(40.0, 10.0, count),
        **{m: (failed & (mode == m)).astype(int) for m in ("TWF", "HDF", "PWF", "OSF", "RNF")},
        "TBF": np.zeros(count, dtype=int),
        "oven_in": np.full(count, np.nan),  # no oven on the cnc line: NaN, as in a real shift
        "dwell": np.full(count, np.nan),
        "peak_temperature": np.full(count, np.nan),
        "soak": np.full(count, np.nan),
        "hardness": hardness,
        "measured_weight": np.where(kind == "A", 250.0, 350.0) + extra.normal(0.0, 1.0, count),
        "measured_hardness": hardness + extra.normal(0.0, inspection.HARDNESS_NOISE, count),
        "inspection_ok": (measured_ok & ~failed).astype(int),
        "defect": (failed | out_of_spec).astype(int),
        "defect_cause": np.where(failed, "machining", np.where(out_of_spec, "dimension", "")),
        "destination": ["outfeed"] * count,
        "missorted": (kind == "B").astype(int),
        "finished_at": np.round(fed + extra.uniform(15.0, 20.0, count), 2),
    }
    table = frame.assign(**columns)
    return pd.DataFrame({name: table[name] for name, *_ in PART_COLUMNS})


def _parts_problem(parts: Any, need_tools: bool) -> Finding | None:
    """What is wrong with ``parts=`` (None if it is a usable parts table)."""
    if parts is None:
        return _finding(
            "no_parts",
            "parts=에 여러분의 부품 표를 함께 주세요.",
            "give your parts table as parts= too",
            'factorylab.check(..., "검사 이름", parts=parts)처럼 쓰세요.',
            'write factorylab.check(..., "check name", parts=parts)',
        )
    missing = [c for c in COLUMNS if c not in getattr(parts, "columns", ())]
    if missing:
        return _finding(
            "not_parts",
            f"parts=로 준 것은 부품 표가 아닙니다 (없는 열: {', '.join(missing)}).",
            f"what you gave as parts= is not a parts table (missing columns: {', '.join(missing)})",
            "factorylab.data.shift()가 돌려준 parts 표를 그대로 주세요.",
            "give the parts table factorylab.data.shift() returned, unchanged",
        )
    if need_tools and not enough_tools(parts):
        return _finding(
            "too_little_data",
            f"이 표에는 공구가 {PHASE_ONE}개보다 적어 1단계 부분군 {PHASE_ONE}개를 만들 수 없습니다.",
            f"this table has fewer than {PHASE_ONE} tools, too few for {PHASE_ONE} phase I subgroups",
            "hours=3으로 데이터를 다시 만드세요.",
            "make the data again with hours=3",
        )
    return None


def _call(function: Callable, *args: Any, name: str, limit: float = 5.0) -> tuple[Any, Finding | None]:
    """Call the student's function under a watchdog: (value, None) or (None, what went wrong)."""
    value, error = call_student(function, *args, limit=limit)
    return (value, None) if error is None else (None, function_error(error, name, limit))


def _mm(value: float) -> str:
    return f"{value:.4f}"


def _function_right_data_missing(call: str) -> Finding:
    """The function passed on the hidden data, but the student's own data (and numbers) were not given."""
    return _finding(
        "no_data",
        "함수는 숨은 데이터에서 맞습니다. 여러분의 데이터로도 확인해야 통과합니다.",
        "your function is right on the hidden data; it passes once it is checked on your own data too",
        f"{call}처럼 부르세요.",
        f"call {call}",
    )


# --- 5-1: gauge_sigma ------------------------------------------------------------------------------------------


def gauge_rows(df):
    """The rows of the gauge study: good parts of a fresh tool (wear below 30 min)."""
    ok = good_parts(df)
    return ok[ok["tool_wear"].astype(float) < FRESH_WEAR]


def _numeric(column):
    import pandas as pd

    return pd.to_numeric(column, errors="coerce")


def _sd(values) -> float:
    return float(values.astype(float).std(ddof=1))


@register
class GaugeSigma(Check):
    """``{"gauge": σ, "process": σ}`` (mm) for your own parts: the gauge's spread and the machine's."""

    name = "gauge_sigma"
    title = ("측정 산포: 측정기의 σ와 공정의 σ", "gauge spread: the gauge's σ and the process's σ")
    kind = "value"
    count = 1
    #: relative tolerance (ddof 0 or 1 both pass on a few hundred parts)
    tolerance = 0.005

    def _close(self, given: float, truth: float) -> bool:
        return abs(given - truth) <= self.tolerance * abs(truth)

    def judge(self, answer: Any, seeds: list[int], parts: Any = None, **options: Any) -> CheckResult:
        if not isinstance(answer, Mapping) or set(answer) != {"gauge", "process"}:
            return self.result(
                False,
                [
                    _finding(
                        "not_a_dict",
                        '답은 {"gauge": 숫자, "process": 숫자} 모양의 사전(dict)으로 주세요.',
                        'give your answer as a dict {"gauge": number, "process": number}',
                    )
                ],
            )
        problem = _parts_problem(parts, need_tools=False)
        if problem is not None:
            return self.result(False, [problem])
        rows = gauge_rows(parts)
        error = rows["measured_dimension"].astype(float) - rows["dimension"].astype(float)
        truth = {"gauge": _sd(error), "process": _sd(rows["dimension"])}
        implausible = _implausible(len(rows), truth)
        if implausible is not None:
            return self.result(False, [implausible])
        # a textbook's other way (gauge R&R): σ_process = √(σ_measured² - σ_gauge²), the same up to sampling
        measured = rows["measured_dimension"].astype(float)
        subtracted = [math.sqrt(max(measured.var(ddof=d) - error.var(ddof=d), 0.0)) for d in (0, 1)]
        given = {key: _number(answer[key]) for key in ("gauge", "process")}

        def right(key: str) -> bool:
            value = given[key]
            if value is None:
                return False
            return self._close(value, truth[key]) or (key == "process" and _near_any(value, subtracted))

        items = [Item(key, "—" if given[key] is None else _mm(given[key]), right(key)) for key in ("gauge", "process")]
        for key in ("gauge", "process"):
            if given[key] is None or not math.isfinite(given[key]):
                return self.result(
                    False,
                    [
                        _finding(
                            "not_a_number",
                            f'"{key}"의 값이 숫자가 아닙니다 (받은 것: {answer[key]!r}).',
                            f'the value of "{key}" is not a number (got {answer[key]!r})',
                            "표준편차를 mm 단위의 숫자로 계산해 넣으세요.",
                            "compute the standard deviation as a number in mm",
                        )
                    ],
                    items=items,
                    seeds=1,
                )
        if all(item.right for item in items):
            return self.result(True, [], items=items, seeds=1)
        finding = self._recognise(given, truth, rows, parts) or self._mismatch(given, truth)
        return self.result(False, [finding], items=items, seeds=1)

    def _recognise(self, given, truth, rows, parts) -> Finding | None:
        everything = parts[list(COLUMNS)].apply(_numeric)
        inclusive = good_parts(everything)
        inclusive = inclusive[inclusive["tool_wear"] <= FRESH_WEAR]
        if len(inclusive) != len(rows):
            wrong_error = inclusive["measured_dimension"] - inclusive["dimension"]
            g, p = given["gauge"], given["process"]
            both = _near_any(g, [wrong_error.std(ddof=1), wrong_error.std(ddof=0)]) and _near_any(
                p, [inclusive["dimension"].std(ddof=1), inclusive["dimension"].std(ddof=0)]
            )
            if both and not (self._close(g, truth["gauge"]) and self._close(p, truth["process"])):
                return _finding(
                    "wear_boundary",
                    f"tool_wear가 {FRESH_WEAR:g}분인 부품도 넣었습니다: {FRESH_WEAR:g}분 미만(<)만 씁니다.",
                    f"you included the parts at a tool wear of {FRESH_WEAR:g} min: use below {FRESH_WEAR:g} (<) only",
                    f"<= 대신 < {FRESH_WEAR:g}으로 고르세요.",  # 삼십으로
                    f"select with < {FRESH_WEAR:g} instead of <=",
                )
        dimension = rows["dimension"].astype(float)
        measured = rows["measured_dimension"].astype(float)
        error = measured - dimension
        g, p = given["gauge"], given["process"]
        everything = parts[list(COLUMNS)].apply(_numeric)
        all_error = everything["measured_dimension"] - everything["dimension"]
        checks = [
            (
                self._close(g, truth["process"]) and self._close(p, truth["gauge"]),
                "swapped",
                "측정기 σ와 공정 σ를 바꿔 넣었습니다.",
                "you swapped the gauge's σ and the process's σ",
                "측정기 σ는 (잰 값 - 실제 값)의 표준편차, 공정 σ는 실제 지름의 표준편차입니다.",
                "the gauge's σ is the sd of (measured - true), the process's the sd of the true diameter",
            ),
            (
                _near_any(g, [error.var(ddof=1), error.var(ddof=0)]) or _near_any(p, [dimension.var(ddof=1),
                                                                                      dimension.var(ddof=0)]),
                "variance",
                "분산(σ²)을 넣었습니다: 답은 mm 단위의 표준편차(σ)입니다.",
                "you gave a variance (σ²): the answer is a standard deviation (σ) in mm",
                "분산의 제곱근을 구하거나 .std()를 쓰세요.",
                "take the square root of the variance, or use .std()",
            ),
            (
                self._close(g, truth["gauge"]) and _near_any(p, [measured.std(ddof=1), measured.std(ddof=0)]),
                "measured_as_process",
                "측정값의 σ를 공정 σ로 썼습니다: 측정값에는 측정기의 잡음이 섞여 있습니다.",
                "you took the measured values' σ as the process's σ: the measurements carry the gauge's noise",
                "공정 σ는 실제 지름(dimension)의 표준편차로 구하세요.",
                "compute the process's σ from the true diameter (dimension)",
            ),
            (
                _near_any(p, [measured.std(ddof=1) - error.std(ddof=1), measured.std(ddof=0) - error.std(ddof=0)]),
                "sd_subtracted",
                "표준편차끼리 뺐습니다: 더하고 빼지는 것은 분산(σ²)입니다.",
                "you subtracted standard deviations: it is the variances (σ²) that add up",
                "σ측정² = σ공정² + σ측정기²를 떠올리세요.",
                "remember σ_measured² = σ_process² + σ_gauge²",
            ),
            (
                _near_any(g, [measured.std(ddof=1) - dimension.std(ddof=1), measured.std(ddof=0) -
                              dimension.std(ddof=0)]),
                "gauge_sd_difference",
                "측정기 σ를 두 표준편차의 차이로 구했습니다: 잡음은 부품마다의 (잰 값 - 실제 값)입니다.",
                "you took the gauge's σ as a difference of two sds: the noise is (measured - true) part by part",
                "(measured_dimension - dimension)의 표준편차를 구하세요.",
                "take the sd of (measured_dimension - dimension)",
            ),
            (
                _near_any(g, [all_error.std(ddof=1), all_error.std(ddof=0)]) and not self._close(g, truth["gauge"])
                or _near_any(p, [everything["dimension"].std(ddof=1), good_parts(everything)["dimension"].std(
                    ddof=1), everything["dimension"].std(ddof=0), good_parts(everything)["dimension"].std(ddof=0)]),
                "all_rows",
                "모든 부품으로 계산했습니다: 망가진 부품과 마모된 공구의 부품이 섞였습니다.",
                "you used every part: ruined parts and parts from a worn tool are mixed in",
                f"machine_failure == 0이고 tool_wear < {FRESH_WEAR:g}인 행만 쓰세요.",
                f"use only the rows with machine_failure == 0 and tool_wear < {FRESH_WEAR:g}",
            ),
        ]  # fmt: skip
        fresh_all = everything[everything["tool_wear"] < FRESH_WEAR]
        fresh_error = fresh_all["measured_dimension"] - fresh_all["dimension"]
        checks.append(
            (
                _near_any(p, [fresh_all["dimension"].std(ddof=1), fresh_all["dimension"].std(ddof=0)])
                or (
                    _near_any(g, [fresh_error.std(ddof=1), fresh_error.std(ddof=0)])
                    and not self._close(g, truth["gauge"])
                ),
                "kept_failures",
                "고장 난 부품도 넣었습니다: CNC가 고장 나며 깎은 부품은 0.35 mm 커서 산포를 크게 부풀립니다.",
                "you kept the failed parts: a part cut while the CNC failed is 0.35 mm too big and blows up the spread",
                "machine_failure == 0인 행만 남기세요.",
                "keep only the rows with machine_failure == 0",
            )
        )
        for matched, code, ko, en, next_ko, next_en in checks:
            if matched:
                return _finding(code, ko, en, next_ko, next_en)
        return None

    def _mismatch(self, given, truth) -> Finding:
        key = "gauge" if not self._close(given["gauge"], truth["gauge"]) else "process"
        return _finding(
            "wrong_value",
            f'"{key}"가 {_mm(given[key])} mm인데, 여러분의 데이터로 계산한 값은 {_mm(truth[key])} mm입니다.',
            f'"{key}" is {_mm(given[key])} mm, but your data gives {_mm(truth[key])} mm',
            "어떤 행과 어떤 열로 계산했는지 다시 보세요.",
            "look again at which rows and which column you used",
        )


#: the least good fresh-tool parts a gauge study needs; the plausible band of the two σ, x the plant's
MIN_GAUGE_ROWS = 50
PLAUSIBLE = (0.5, 2.5)


def _implausible(count: int, truth: dict[str, float]) -> Finding | None:
    """A table too small or too far from the plant for a gauge study (a doctored or cut table), else None."""
    low, high = PLAUSIBLE
    gauge_ok = low * inspection.DIMENSION_NOISE <= truth["gauge"] <= high * inspection.DIMENSION_NOISE
    process_ok = low * cnc.DIAMETER_SD <= truth["process"] <= high * cnc.DIAMETER_SD
    if count >= MIN_GAUGE_ROWS and gauge_ok and process_ok:
        return None
    return _finding(
        "implausible_parts",
        f"parts=로 준 표는 교대 데이터 같지 않습니다: 새 공구로 깎은 양품이 {count}개이고 측정기 σ가 "
        f"{truth['gauge']:.4f} mm입니다.",
        f"the table given as parts= does not look like a shift: {count} good parts of a fresh tool and a gauge σ of "
        f"{truth['gauge']:.4f} mm",
        'factorylab.data.shift(seed=SEED, hours=3, scenario="cnc")가 돌려준 parts 표를 그대로 주세요.',
        'give the parts table factorylab.data.shift(seed=SEED, hours=3, scenario="cnc") returned, unchanged',
    )


def _near_any(value: float, candidates, rel: float = 0.005) -> bool:
    return any(abs(value - float(c)) <= rel * abs(float(c)) for c in candidates if math.isfinite(float(c)))


# --- 5-2: xbar_r ----------------------------------------------------------------------------------------------


def _from_groups(groups_x: list[list[float]], n: int = N) -> dict[str, float]:
    xbar = [sum(g) / len(g) for g in groups_x]
    r = [max(g) - min(g) for g in groups_x]
    return limits_from(xbar, r, n)


def _phase_one_consecutive(df) -> dict[str, float]:
    """Phase I on the first 125 good parts in a row (the tool's drift inside, across tool changes)."""
    values = list(good_parts(df)["measured_dimension"].astype(float))[: N * PHASE_ONE]
    return _from_groups([values[i : i + N] for i in range(0, len(values), N)])


def _every_tool(df) -> dict[str, float]:
    first = subgroups(df)
    first = first[first["group"] == 0]
    return limits_from(list(first["xbar"]), list(first["r"]))


def _kept_failures(df) -> dict[str, float]:
    frame = df.copy()
    frame["machine_failure"] = 0
    return true_limits(frame)


def _true_dimension(df) -> dict[str, float]:
    first = phase_one(df, "dimension")
    return limits_from(list(first["xbar"]), list(first["r"]))


def _short_groups(df) -> dict[str, float]:
    """The first (up to) 5 parts of each of the first 25 tools, a tool with fewer parts included."""
    ok = good_parts(df)
    tool = tool_numbers(ok)
    heads = ok.groupby(tool)["measured_dimension"].apply(lambda s: list(s.astype(float))[:N])
    groups = list(heads)[:PHASE_ONE]
    return _from_groups(groups)


def _sigma_individuals(ddof: int, root_n: bool) -> Callable[[Any], dict[str, float]]:
    def limits(df) -> dict[str, float]:
        first_parts = _phase_one_parts(df)
        mean = float(first_parts.mean())
        sd = float(first_parts.std(ddof=ddof)) * (1 / math.sqrt(N) if root_n else 1.0)
        out = true_limits(df)
        out.update({"xbar_cl": mean, "xbar_ucl": mean + 3 * sd, "xbar_lcl": mean - 3 * sd})
        return out

    return limits


def _phase_one_parts(df):
    ok = good_parts(df)
    tool = tool_numbers(ok)
    first = phase_one(df)
    keep = set(first["tool"])
    position = ok.groupby(tool).cumcount()
    return ok["measured_dimension"].astype(float)[(tool.isin(keep)) & (position < N)]


def _spec(df) -> dict[str, float]:
    out = true_limits(df)
    out.update({"xbar_ucl": SPEC[1], "xbar_lcl": SPEC[0]})
    return out


XBAR_R_RECOGNISERS: list[tuple[str, Callable[[Any], dict[str, float]], str, str, str, str, tuple[str, ...]]] = [
    (
        "spec_limits",
        _spec,
        "X̄의 관리 한계에 규격 한계(20.00 ± 0.10 mm)를 넣었습니다: 관리 한계는 규격 한계가 아닙니다.",
        "you gave the specification (20.00 ± 0.10 mm) as the X̄ control limits: control limits are not "
        "specification limits",
        "관리 한계는 공정 데이터에서 X̄̄ ± A2·R̄로 계산하세요.",
        "compute the control limits from the process data: X̄̄ ± A2·R̄",
        ("xbar_ucl", "xbar_lcl"),
    ),
    (
        "sigma_individuals",
        _sigma_individuals(1, False),
        "X̄ 한계를 개별값의 np.std로 ±3σ 했습니다: X̄-R 관리도에는 맞지 않는 σ입니다.",
        "your X̄ limits are ±3 np.std of the individual values: the wrong sigma for an X̄-R chart",
        "부분군의 범위로 X̄̄ ± A2·R̄ (A2 = 0.577)를 쓰세요.",
        "use the subgroup ranges: X̄̄ ± A2·R̄ (A2 = 0.577)",
        ("xbar_ucl", "xbar_lcl"),
    ),
    (
        "sigma_individuals",
        _sigma_individuals(0, False),
        "X̄ 한계를 개별값의 np.std로 ±3σ 했습니다: X̄-R 관리도에는 맞지 않는 σ입니다.",
        "your X̄ limits are ±3 np.std of the individual values: the wrong sigma for an X̄-R chart",
        "부분군의 범위로 X̄̄ ± A2·R̄ (A2 = 0.577)를 쓰세요.",
        "use the subgroup ranges: X̄̄ ± A2·R̄ (A2 = 0.577)",
        ("xbar_ucl", "xbar_lcl"),
    ),
    (
        "sigma_from_std",
        _sigma_individuals(1, True),
        "X̄ 한계의 σ를 개별값 전체의 표준편차/√5로 구했습니다: X̄-R 관리도는 부분군 안의 산포(R̄)로 구합니다.",
        "your X̄ limits use the sd of all individual values / √5: an X̄-R chart takes the spread within subgroups (R̄)",
        "X̄̄ ± A2·R̄ (A2 = 0.577)를 쓰세요.",
        "use X̄̄ ± A2·R̄ (A2 = 0.577)",
        ("xbar_ucl", "xbar_lcl"),
    ),
    (
        "sigma_from_std",
        _sigma_individuals(0, True),
        "X̄ 한계의 σ를 개별값 전체의 표준편차/√5로 구했습니다: X̄-R 관리도는 부분군 안의 산포(R̄)로 구합니다.",
        "your X̄ limits use the sd of all individual values / √5: an X̄-R chart takes the spread within subgroups (R̄)",
        "X̄̄ ± A2·R̄ (A2 = 0.577)를 쓰세요.",
        "use X̄̄ ± A2·R̄ (A2 = 0.577)",
        ("xbar_ucl", "xbar_lcl"),
    ),
    (
        "phase1_with_drift",
        _phase_one_consecutive,
        "1단계에 연속한 부품 125개를 썼습니다: 공구가 닳는 동안의 변화(드리프트)가 한계 안에 들어갔습니다.",
        "your phase I is 125 parts in a row: the drift while the tool wears went into the limits",
        "공구를 바꾼 뒤 처음 5개씩만, 공구 25개에서 부분군을 만드세요.",
        "make one subgroup of the first 5 parts after each tool change, from 25 tools",
        KEYS,
    ),
    (
        "too_many_subgroups",
        _every_tool,
        f"부분군을 {PHASE_ONE}개보다 많이 썼습니다: 1단계는 처음 공구 {PHASE_ONE}개의 부분군입니다.",
        f"you used more than {PHASE_ONE} subgroups: phase I is the subgroups of the first {PHASE_ONE} tools",
        f"부분군 표에서 앞의 {PHASE_ONE}개만 쓰세요 (.iloc[:25] 또는 .head(25)).",
        f"use only the first {PHASE_ONE} rows of the subgroup table (.iloc[:25] or .head(25))",
        KEYS,
    ),
    (
        "kept_failures",
        _kept_failures,
        "고장 난(망가진) 부품을 빼지 않았습니다: 0.35 mm 큰 부품이 범위 R을 키웠습니다.",
        "you kept the failed (ruined) parts: parts 0.35 mm too big blew up the range R",
        "먼저 machine_failure == 0인 부품만 남기세요.",
        "first keep only the parts with machine_failure == 0",
        KEYS,
    ),
    (
        "true_dimension",
        _true_dimension,
        "실제 지름(dimension)으로 관리도를 그렸습니다: 공장에서 아는 것은 측정값뿐입니다.",
        "you charted the true diameter (dimension): a plant only knows the measurements",
        "measured_dimension 열을 쓰세요.",
        "use the measured_dimension column",
        KEYS,
    ),
    (
        "short_subgroup",
        _short_groups,
        "부품이 5개가 안 되는 공구까지 부분군으로 썼습니다: A2, D4는 n = 5일 때의 값입니다.",
        "you used a tool with fewer than 5 parts as a subgroup: A2 and D4 are the values for n = 5",
        "5개가 다 찬 부분군만 쓰세요.",
        "use only complete subgroups of 5",
        KEYS,
    ),
]


@register
class XbarR(Check):
    """``xbar_r_limits(df)``: centre lines and control limits of X̄ and R (mm) from phase I."""

    name = "xbar_r"
    title = ("X̄-R 관리도의 관리 한계", "control limits of the X̄-R chart")
    kind = "value"
    count = 3
    #: mm: A2 = 0.577 or 3 / (d2 √5) both pass
    tolerance = 1e-4

    def cases(self, seeds: list[int], parts: Any) -> list[tuple[str, Any]]:
        cases = [(f"hidden shift {i}", synthetic_shift(seed)) for i, seed in enumerate(seeds, start=1)]
        if parts is not None:
            cases.insert(0, ("your data", parts))
        return cases

    def judge(self, answer: Any, seeds: list[int], parts: Any = None, **options: Any) -> CheckResult:
        if not callable(answer):
            return self.result(
                False,
                [
                    _finding(
                        "not_a_function",
                        f"이 검사에는 함수 xbar_r_limits를 넘기세요 (받은 것: {type(answer).__name__}).",
                        f"this check takes the function xbar_r_limits (got a {type(answer).__name__})",
                    )
                ],
            )
        if parts is not None:
            problem = _parts_problem(parts, need_tools=True)
            if problem is not None:
                return self.result(False, [problem])
        cases = self.cases(seeds, parts)
        given: list[dict[str, float]] = []
        items: list[Item] = []
        for label, frame in cases:
            value, problem = _call(answer, frame.copy(), name="xbar_r_limits")
            if problem is not None:
                return self.result(False, [problem], items=items)
            limits = self._limits(value)
            if isinstance(limits, Finding):
                return self.result(False, [limits], items=items)
            given.append(limits)
            truth = true_limits(frame)
            items.append(Item(label, ", ".join(f"{k}={_mm(limits[k])}" for k in KEYS), self._same(limits, truth)))
        if all(item.right for item in items):
            if parts is None:
                missing = _function_right_data_missing('factorylab.check(xbar_r_limits, "xbar_r", parts=parts)')
                return self.result(False, [missing], items=items, seeds=len(cases))
            return self.result(True, [], items=items, seeds=len(cases))
        finding = self._recognise(cases, given) or self._mismatch(cases, given)
        return self.result(False, [finding], items=items, seeds=len(cases))

    def _same(self, given: dict[str, float], truth: dict[str, float], keys=KEYS) -> bool:
        return all(abs(given[k] - truth[k]) <= self.tolerance for k in keys)

    def _limits(self, value: Any) -> dict[str, float] | Finding:
        shown = ", ".join(f'"{k}"' for k in KEYS)
        if not isinstance(value, Mapping) and not hasattr(value, "keys"):
            return _finding(
                "not_a_dict",
                f"xbar_r_limits는 {shown} 여섯 값의 사전(dict)을 돌려주어야 합니다 (받은 것: {type(value).__name__}).",
                f"xbar_r_limits must return a dict of the six values {shown} (got a {type(value).__name__})",
            )
        missing = [k for k in KEYS if k not in value.keys()]
        if missing:
            return _finding(
                "missing_key",
                f"돌려준 사전에 {', '.join(missing)}가 없습니다.",
                f"the dict you returned has no {', '.join(missing)}",
                f"여섯 값 {shown}를 모두 넣으세요.",
                f"put in all six values {shown}",
            )
        numbers = {k: _number(value[k]) for k in KEYS}
        bad = [k for k, v in numbers.items() if v is None or not math.isfinite(v)]
        if bad:
            return _finding(
                "not_a_number",
                f'"{bad[0]}"의 값이 숫자가 아닙니다 (받은 것: {value[bad[0]]!r}).',
                f'the value of "{bad[0]}" is not a number (got {value[bad[0]]!r})',
                "mm 단위의 숫자를 넣으세요.",
                "put in a number in mm",
            )
        return numbers  # type: ignore[return-value]

    def _recognise(self, cases, given) -> Finding | None:
        for code, formula, ko, en, next_ko, next_en, keys in XBAR_R_RECOGNISERS:
            try:
                if all(self._same(g, formula(frame), keys) for (_, frame), g in zip(cases, given, strict=True)):
                    return _finding(code, ko, en, next_ko, next_en)
            except (ArithmeticError, ValueError, KeyError, IndexError):
                continue
        for n in A2:
            if n == N:
                continue
            if all(
                self._same(g, limits_from(list(phase_one(f)["xbar"]), list(phase_one(f)["r"]), n), ("xbar_ucl",))
                or self._same(g, limits_from(list(phase_one(f)["xbar"]), list(phase_one(f)["r"]), n), ("r_ucl",))
                for (_, f), g in zip(cases, given, strict=True)
            ):
                return _finding(
                    "wrong_n_factor",
                    f"n = {n}일 때의 계수(A2 = {A2[n]}, D4 = {D4[n]})를 썼습니다: 부분군은 5개씩입니다.",
                    f"you used the factors for n = {n} (A2 = {A2[n]}, D4 = {D4[n]}): the subgroups hold 5 parts",
                    "계수 표에서 n = 5의 행(A2 = 0.577, D4 = 2.114)을 쓰세요.",
                    "use the n = 5 row of the factor table (A2 = 0.577, D4 = 2.114)",
                )
        return None

    def _mismatch(self, cases, given) -> Finding:
        for (label, frame), g in zip(cases, given, strict=True):
            truth = true_limits(frame)
            for key in KEYS:
                if abs(g[key] - truth[key]) > self.tolerance:
                    where_ko = "여러분의 데이터" if label == "your data" else f"숨은 데이터 {label.split()[-1]}"
                    where_en = "your data" if label == "your data" else label
                    return _finding(
                        "wrong_value",
                        f'{where_ko}에서 "{key}"가 {_mm(g[key])} mm인데, 맞는 값은 {_mm(truth[key])} mm입니다.',
                        f'on {where_en} "{key}" is {_mm(g[key])} mm, but the right value is {_mm(truth[key])} mm',
                        "부분군을 만드는 단계와 공식을 한 단계씩 확인하세요.",
                        "check how you made the subgroups and the formula, step by step",
                    )
        raise AssertionError("no difference")  # pragma: no cover


# --- 5-3: western_electric ------------------------------------------------------------------------------------


def we_rules(
    points,
    center: float,
    sigma: float,
    *,
    w2: int = 3,
    w3: int = 5,
    run: int = 8,
    both_sides: bool = False,
    centre_counts: bool = False,
    mark: str = "last",
    late_start: bool = False,
    last_beyond: str = "",
    run_flags: str = "every",
    one_rule_a_point: bool = False,
) -> dict[int, list[int]]:
    """Western Electric rules 1-4: the index of each point that completes a pattern.

    1: a point beyond 3σ; 2: 2 of 3 in a row beyond 2σ on the same side; 3: 4 of 5 in a row beyond 1σ on
    the same side; 4: 8 in a row on one side of the centre line (a point on it breaks the run). The
    keyword arguments make the typical wrong versions (recognisers); ``late_start`` starts a too short
    window where the right one starts (a loop from the right index with a slice one point short);
    ``last_beyond`` flags rules 2 and 3 only when the window's last point is itself beyond the line (on the
    side counted, "same side", or on either, "either side");
    ``run_flags`` "eighth" flags only the 8th point of a longer run, "reset" a counter reset after each flag;
    ``one_rule_a_point`` keeps the first rule that fires at a point (an ``elif`` chain).
    """
    z = [(float(x) - center) / sigma for x in points]
    flags: dict[int, list[int]] = {1: [], 2: [], 3: [], 4: []}

    def mark_at(rule: int, i: int, width: int) -> None:
        index = i if mark == "last" else i - width + 1
        flags[rule].append(index)

    for i, value in enumerate(z):
        if abs(value) > 3:
            flags[1].append(i)
        for rule, width, need, level, right in ((2, w2, 2, 2.0, 3), (3, w3, 4, 1.0, 5)):
            if i + 1 < (max(width, right) if late_start else width):
                continue
            window = z[i - width + 1 : i + 1]
            high = sum(v > level for v in window)
            low = sum(v < -level for v in window)
            if last_beyond == "same side":
                high, low = (high if z[i] > level else 0), (low if z[i] < -level else 0)
            elif last_beyond and abs(z[i]) <= level:
                high = low = 0
            if (high + low >= need) if both_sides else (high >= need or low >= need):
                mark_at(rule, i, width)
        if i + 1 >= (max(run, 8) if late_start else run):
            window = z[i - run + 1 : i + 1]
            if centre_counts:
                above, below = all(v >= 0 for v in window), all(v <= 0 for v in window)
            else:
                above, below = all(v > 0 for v in window), all(v < 0 for v in window)
            if above or below:
                length = 1
                while i - length >= 0 and ((z[i - length] > 0) if above else (z[i - length] < 0)):
                    length += 1
                if run_flags == "every" or length == run or (run_flags == "reset" and length % run == 0):
                    mark_at(4, i, run)
    if one_rule_a_point:
        seen: set[int] = set()
        for rule in (1, 2, 3, 4):
            flags[rule] = [i for i in flags[rule] if i not in seen]
            seen.update(flags[rule])
    return flags


def _planted(seed: int) -> list[tuple[str, list[float], float, float]]:
    """Hidden sequences, each with a planted pattern and the traps the recognisers need."""
    rng = random.Random(f"western_electric|{seed}")
    center = round(rng.uniform(19.99, 20.03), 4)
    sigma = round(rng.uniform(0.004, 0.008), 5)

    def quiet(n: int) -> list[float]:
        """Points inside ±0.9σ alternating sides (no rule fires)."""
        return [(1 if k % 2 else -1) * rng.uniform(0.1, 0.9) for k in range(n)]

    def make(z: list[float]) -> list[float]:
        return [center + v * sigma for v in z]

    side = rng.choice([1, -1])
    sequences = []
    # rule 1, one point far out, and one just inside 3σ
    z = quiet(rng.randrange(4, 10)) + [side * rng.uniform(3.2, 4.0)] + quiet(5) + [-side * 2.8] + quiet(4)
    sequences.append(("rule 1", z))
    # rule 2 on one side, then 2σ points on both sides (not a rule-2 pattern), then 2 beyond 2σ four apart
    z = quiet(rng.randrange(3, 8)) + [side * 2.4, side * 0.3, side * 2.6] + quiet(4)
    z += [side * 2.5, -side * 2.5] + quiet(4) + [-side * 2.3, -side * 0.4, side * 0.5, -side * 2.6] + quiet(4)
    z += [side * 2.3, side * 2.7, side * 0.4] + quiet(4)  # the window ending inside still holds the pattern
    sequences.append(("rule 2", z))
    # rule 3: 4 of 5 beyond 1σ, then 4 of 6 (not a rule-3 pattern), separated by quiet points
    z = quiet(rng.randrange(3, 8)) + [side * v for v in (1.4, 1.6, 0.5, 1.3, 1.8)] + quiet(6)
    z += [-side * v for v in (1.5, 1.2, 0.3, 0.4, 1.6, 1.4)] + quiet(5)
    z += [side * v for v in (1.3, 1.5, 1.6, 1.4, 0.2)] + quiet(5)  # the window ending inside still holds it
    sequences.append(("rule 3", z))
    # rule 4: 8 on one side; 7 on the other; 8 with one exactly on the centre line
    above = [side * rng.uniform(0.1, 0.9) for _ in range(8)]
    below = [-side * rng.uniform(0.1, 0.9) for _ in range(7)]
    on = [side * rng.uniform(0.1, 0.9) for _ in range(8)]
    on[rng.randrange(2, 6)] = 0.0
    z = quiet(3) + above + quiet(3) + below + quiet(3) + on + quiet(3)
    sequences.append(("rule 4", z))
    # a drift: a slow rise (the tool wearing) with small noise
    step = rng.uniform(0.15, 0.3)
    z = [-1.5 + step * k + rng.uniform(-0.4, 0.4) for k in range(25)]
    sequences.append(("drift", z))
    return [(label, make(z), center, sigma) for label, z in sequences]


def real_sequence(df) -> tuple[list[float], float, float]:
    """Every complete subgroup's X̄ of a shift, with the phase I centre line and σ of X̄ (A2·R̄/3)."""
    limits = true_limits(df)
    table = subgroups(df)
    sigma = (limits["xbar_ucl"] - limits["xbar_cl"]) / 3.0
    return list(table["xbar"]), limits["xbar_cl"], sigma


WE_RECOGNISERS: list[tuple[str, dict[str, Any], str, str, str, str]] = [
    (
        "both_sides",
        {"both_sides": True},
        "규칙 2, 3에서 위쪽과 아래쪽 점을 함께 셌습니다: 같은 쪽에 있는 점만 셉니다.",
        "for rules 2 and 3 you counted points above and below together: only points on the same side count",
        "위쪽(+) 개수와 아래쪽(-) 개수를 따로 세세요.",
        "count the points above (+) and below (-) separately",
    ),
    (
        "centre_counts",
        {"centre_counts": True},
        "규칙 4에서 중심선 위에 딱 놓인 점도 한쪽으로 셌습니다: 중심선 위의 점은 연속을 끊습니다.",
        "for rule 4 you counted a point exactly on the centre line as one side: a point on the line breaks the run",
        "> 0과 < 0 (같음 없이)으로 비교하세요.",
        "compare with > 0 and < 0 (no equals)",
    ),
    (
        "window_off_by_one",
        {"w2": 4, "w3": 6},
        "규칙 2, 3의 창(연속한 점의 묶음)이 하나 깁니다: 3개 중 2개, 5개 중 4개입니다.",
        "your windows for rules 2 and 3 are one point too long: 2 of 3 and 4 of 5",
        "창의 시작을 i - 2, i - 4로 하고 i까지 포함하세요.",
        "start the windows at i - 2 and i - 4 and include i",
    ),
    (
        "window_off_by_one",
        {"w2": 2, "w3": 4},
        "규칙 2, 3의 창(연속한 점의 묶음)이 하나 짧습니다: 3개 중 2개, 5개 중 4개입니다.",
        "your windows for rules 2 and 3 are one point too short: 2 of 3 and 4 of 5",
        "슬라이스 끝은 포함되지 않으니 points[i - 2 : i + 1]처럼 쓰세요.",
        "a slice leaves out its end: write points[i - 2 : i + 1]",
    ),
    (
        "window_off_by_one",
        {"w2": 2, "w3": 4, "late_start": True},
        "규칙 2, 3의 창(연속한 점의 묶음)이 하나 짧습니다: 3개 중 2개, 5개 중 4개입니다.",
        "your windows for rules 2 and 3 are one point too short: 2 of 3 and 4 of 5",
        "슬라이스 끝은 포함되지 않으니 points[i - 2 : i + 1]처럼 쓰세요.",
        "a slice leaves out its end: write points[i - 2 : i + 1]",
    ),
    (
        "run_off_by_one",
        {"run": 7, "late_start": True},
        "규칙 4를 7개 연속에서 표시했습니다: 8개가 연속이어야 합니다.",
        "you flagged rule 4 after 7 in a row: it takes 8 in a row",
        "창의 길이가 8인지 확인하세요.",
        "check that the window holds 8 points",
    ),
    (
        "run_off_by_one",
        {"run": 7},
        "규칙 4를 7개 연속에서 표시했습니다: 8개가 연속이어야 합니다.",
        "you flagged rule 4 after 7 in a row: it takes 8 in a row",
        "창의 길이가 8인지 확인하세요.",
        "check that the window holds 8 points",
    ),
    (
        "run_off_by_one",
        {"run": 9},
        "규칙 4를 9개 연속에서야 표시했습니다: 8개가 연속이면 됩니다.",
        "you flagged rule 4 only after 9 in a row: 8 in a row is enough",
        "창의 길이가 8인지 확인하세요.",
        "check that the window holds 8 points",
    ),
    (
        "last_point_beyond",
        {"last_beyond": "same side"},
        "규칙 2, 3에서 창의 마지막 점도 선 밖일 때만 표시했습니다: 창 안에 선 밖의 점이 2개(4개) 있으면 마지막 점이 "
        "안쪽이어도 표시합니다.",
        "for rules 2 and 3 you flagged only when the window's last point itself is beyond the line: when the window "
        "holds 2 (4) points beyond it, its last point is flagged even if it is inside",
        "창 안의 개수만 세고, 마지막 점 자신은 따로 보지 마세요.",
        "count inside the window only; do not test the last point on its own",
    ),
    (
        "last_point_beyond",
        {"last_beyond": "either side"},
        "규칙 2, 3에서 창의 마지막 점도 선 밖일 때만 표시했습니다: 창 안에 선 밖의 점이 2개(4개) 있으면 마지막 점이 "
        "안쪽이어도 표시합니다.",
        "for rules 2 and 3 you flagged only when the window's last point itself is beyond the line: when the window "
        "holds 2 (4) points beyond it, its last point is flagged even if it is inside",
        "창 안의 개수만 세고, 마지막 점 자신은 따로 보지 마세요.",
        "count inside the window only; do not test the last point on its own",
    ),
    (
        "run_flagged_once",
        {"run_flags": "eighth"},
        "규칙 4를 연속의 8번째 점에서만 표시했습니다: 9개, 10개로 이어지면 그 점에서 끝나는 8개도 한쪽이므로 표시합니다.",
        "you flagged rule 4 only at the 8th point of a run: when it goes on to 9 or 10, the 8 points ending there are "
        "on one side too, so they are flagged",
        "점마다 그 점에서 끝나는 8개의 창을 보세요 (카운터를 0으로 되돌리지 마세요).",
        "look at the window of 8 ending at each point (do not reset a counter to 0)",
    ),
    (
        "run_flagged_once",
        {"run_flags": "reset"},
        "규칙 4를 연속의 8번째 점에서만 표시했습니다: 9개, 10개로 이어지면 그 점에서 끝나는 8개도 한쪽이므로 표시합니다.",
        "you flagged rule 4 only at the 8th point of a run: when it goes on to 9 or 10, the 8 points ending there are "
        "on one side too, so they are flagged",
        "점마다 그 점에서 끝나는 8개의 창을 보세요 (카운터를 0으로 되돌리지 마세요).",
        "look at the window of 8 ending at each point (do not reset a counter to 0)",
    ),
    (
        "one_rule_a_point",
        {"one_rule_a_point": True},
        "한 점에 규칙을 하나만 표시했습니다: 한 점이 여러 규칙의 패턴을 함께 완성할 수 있습니다.",
        "you flagged one rule per point only: one point can complete the patterns of several rules",
        "규칙마다 따로 if로 검사하세요 (elif 말고).",
        "test each rule with its own if (not elif)",
    ),
    (
        "window_start",
        {"mark": "first"},
        "패턴의 첫 점을 표시했습니다: 패턴을 완성한 마지막 점(지금 점)을 표시합니다.",
        "you flagged the first point of each pattern: flag the last point, the one that completes it",
        "창의 끝 인덱스 i를 목록에 넣으세요.",
        "put the window's end index i in the list",
    ),
]


#: ``sigma=`` not given (None given is a finding)
_MISSING = object()


@register
class WesternElectric(Check):
    """``western_electric(points, center, sigma)``: the points where Western Electric rules 1-4 fire."""

    name = "western_electric"
    title = ("웨스턴 일렉트릭 판정 규칙 1~4", "Western Electric rules 1-4")
    kind = "value"
    count = 2
    tolerance = 0.0005  # relative, for sigma=

    def judge(
        self, answer: Any, seeds: list[int], parts: Any = None, sigma: Any = _MISSING, **options: Any
    ) -> CheckResult:
        if not callable(answer):
            return self.result(
                False,
                [
                    _finding(
                        "not_a_function",
                        f"이 검사에는 함수 western_electric를 넘기세요 (받은 것: {type(answer).__name__}).",
                        f"this check takes the function western_electric (got a {type(answer).__name__})",
                    )
                ],
            )
        cases = [case for seed in seeds for case in _planted(seed)]
        real = None
        if parts is not None:
            problem = _parts_problem(parts, need_tools=True)
            if problem is not None:
                return self.result(False, [problem])
            real = real_sequence(parts)
            cases.append(("your data", *real))
        cases.append(("hidden shift", *real_sequence(synthetic_shift(seeds[0] + 1000))))
        given: list[dict[int, list[int]]] = []
        items: list[Item] = []
        for label, points, center, sig in cases:
            value, problem = _call(answer, list(points), center, sig, name="western_electric")
            if problem is not None:
                return self.result(False, [problem], items=items)
            flags = _flags(value)
            if isinstance(flags, Finding):
                return self.result(False, [flags], items=items)
            given.append(flags)
            truth = we_rules(points, center, sig)
            items.append(Item(label, _show_flags(flags), flags == truth))
        if not all(item.right for item in items):
            finding = self._recognise(cases, given) or self._mismatch(cases, given)
            return self.result(False, [finding], items=items, seeds=len(cases))
        if parts is None or sigma is _MISSING:
            call = 'factorylab.check(western_electric, "western_electric", parts=parts, sigma=sigma_xbar)'
            return self.result(False, [_function_right_data_missing(call)], items=items, seeds=len(cases))
        problem = self._sigma(sigma, parts)
        items.append(Item("sigma", _number(sigma), problem is None))
        if problem is not None:
            return self.result(False, [problem], items=items, seeds=len(cases))
        return self.result(True, [], items=items, seeds=len(cases))

    def _sigma(self, sigma: Any, parts: Any) -> Finding | None:
        value = _number(sigma)
        if value is None:
            return _finding(
                "no_sigma",
                f"sigma_xbar가 숫자가 아닙니다 (받은 것: {sigma!r}).",
                f"sigma_xbar is not a number (got {sigma!r})",
                "X̄의 σ = A2·R̄/3을 mm로 계산해 넣으세요.",
                "compute the σ of X̄ = A2·R̄/3 in mm",
            )
        limits = true_limits(parts)
        truth = (limits["xbar_ucl"] - limits["xbar_cl"]) / 3.0
        alternatives = {truth, limits["r_cl"] / (d2[N] * math.sqrt(N))}
        if value is not None and any(abs(value - t) <= 0.01 * t for t in alternatives):
            return None
        if value is not None and abs(value - limits["r_cl"] / d2[N]) <= 0.01 * limits["r_cl"] / d2[N]:
            return _finding(
                "individuals",
                "sigma에 개별값의 σ(R̄/d2)를 썼습니다: 판정 규칙은 X̄(부분군 평균)에 적용하므로 X̄의 σ를 씁니다.",
                "your sigma is the σ of individual values (R̄/d2): the rules are applied to X̄ (subgroup means), "
                "so they take the σ of X̄",
                "X̄의 σ = A2·R̄/3 = R̄/(d2·√5)를 쓰세요.",
                "use the σ of X̄ = A2·R̄/3 = R̄/(d2·√5)",
            )
        return _finding(
            "wrong_sigma",
            f"sigma가 {sigma!r}인데, 여러분의 데이터로 구한 X̄의 σ는 {truth:.5f} mm입니다.",
            f"sigma is {sigma!r}, but the σ of X̄ from your data is {truth:.5f} mm",
            "X̄의 σ = A2·R̄/3를 쓰세요.",
            "use the σ of X̄ = A2·R̄/3",
        )

    def _recognise(self, cases, given) -> Finding | None:
        for code, options, ko, en, next_ko, next_en in WE_RECOGNISERS:
            if all(we_rules(p, c, s, **options) == g for (_, p, c, s), g in zip(cases, given, strict=True)):
                return _finding(code, ko, en, next_ko, next_en)
        one_based = all(
            {rule: [i + 1 for i in idx] for rule, idx in we_rules(p, c, s).items()} == g
            for (_, p, c, s), g in zip(cases, given, strict=True)
        )
        if one_based:
            return _finding(
                "one_based",
                "인덱스를 1부터 셌습니다: 파이썬의 인덱스는 0부터입니다.",
                "you counted the indices from 1: Python's indices start at 0",
                "enumerate(points)가 주는 i를 그대로 쓰세요.",
                "use the i that enumerate(points) gives, as it is",
            )
        return None

    def _mismatch(self, cases, given) -> Finding:
        for (label, points, center, sig), g in zip(cases, given, strict=True):
            truth = we_rules(points, center, sig)
            for rule in (1, 2, 3, 4):
                missing = sorted(set(truth[rule]) - set(g[rule]))
                extra = sorted(set(g[rule]) - set(truth[rule]))
                if not missing and not extra:
                    continue
                where_ko = {"your data": "여러분의 데이터", "hidden shift": "숨은 교대 데이터"}.get(label, "숨은 수열")
                where_en = {"your data": "your data", "hidden shift": "a hidden shift"}.get(label, "a hidden sequence")
                subject = f"규칙 {rule}{'이' if rule in (1, 3) else '가'}"  # 일, 삼 / 이, 사
                if missing:
                    i = missing[0]
                    ko = f"{where_ko}에서 {subject} 점 {i}에서 성립하는데 표시하지 않았습니다"
                    en = f"on {where_en} rule {rule} holds at point {i}, but you did not flag it"
                else:
                    i = extra[0]
                    ko = f"{where_ko}에서 {subject} 점 {i}에서 성립하지 않는데 표시했습니다"
                    en = f"on {where_en} you flagged rule {rule} at point {i}, where it does not hold"
                z = (points[i] - center) / sig
                return _finding(
                    f"rule{rule}",
                    ko + f" (그 점: 중심선에서 {z:+.2f}σ)",
                    en + f" (that point: {z:+.2f}σ from the centre line)",
                    f"규칙 {rule}의 창과 조건을 그 점에서 손으로 따라가 보세요.",
                    f"follow rule {rule}'s window and condition by hand at that point",
                )
        raise AssertionError("no difference")  # pragma: no cover


def _flags(value: Any) -> dict[int, list[int]] | Finding:
    if not isinstance(value, Mapping):
        return _finding(
            "not_a_dict",
            f"western_electric는 {{1: [...], 2: [...], 3: [...], 4: [...]}} 모양의 사전을 돌려주어야 합니다 "
            f"(받은 것: {type(value).__name__}).",
            f"western_electric must return a dict {{1: [...], 2: [...], 3: [...], 4: [...]}} "
            f"(got a {type(value).__name__})",
        )
    out: dict[int, list[int]] = {}
    for rule in (1, 2, 3, 4):
        found = value.get(rule, value.get(str(rule)))
        if found is None:
            return _finding(
                "missing_rule",
                f"돌려준 사전에 규칙 {rule}의 목록이 없습니다.",
                f"the dict you returned has no list for rule {rule}",
                "키 1, 2, 3, 4에 각각 인덱스 목록을 넣으세요 (없으면 빈 목록 []).",
                "put a list of indices under each key 1, 2, 3, 4 (an empty list [] when none)",
            )
        try:
            out[rule] = sorted({int(i) for i in found})
        except (TypeError, ValueError):
            return _finding(
                "not_indices",
                f"규칙 {rule}의 값이 인덱스(정수)의 목록이 아닙니다.",
                f"the value for rule {rule} is not a list of indices (whole numbers)",
                "점의 번호 i를 목록에 넣으세요.",
                "put the points' numbers i in the list",
            )
    return out


def _show_flags(flags: dict[int, list[int]]) -> str:
    return "; ".join(f"{rule}: {flags[rule]}" for rule in (1, 2, 3, 4))
