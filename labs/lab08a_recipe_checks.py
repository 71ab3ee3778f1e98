"""Checks of lab 8-1 (``recipe``): an oven recipe found by a grid search, and the line's bottleneck.

* ``oven_recipe`` (scored on hidden seeds): the oven setpoint and dwell of
  :func:`factorylab.control.reference.make_line_controller` chosen from the
  student's own grid table (one row per run: setpoint, dwell, seed, defects %,
  good parts per hour), given with ``seed=MY_SEED``. The table must use 2
  seeds or more, hold the chosen point on the student's seed, not show another
  point that is clearly better on both axes (the Pareto front), and be what the
  plant gives: one row of the student's seed, picked from the table's own
  numbers (:func:`row_to_verify`), is run again (one run, as before; a table
  with invented rows, or copied from another seed, fails). Then the point runs on 5 hidden
  seeds (a different thermocouple calibration and heater health each, as in
  :func:`recipe_plant`): oven defects (soft + overheated) at most
  :data:`MAX_DEFECTS` % and at least :data:`TARGET_PER_HOUR` good parts an
  hour on every seed. It stops at the first failing seed, and a run stops
  as soon as its verdict is certain (:func:`run_point`). A setpoint above
  240 °C is refused without a run: a part that follows such an oven goes
  above 240 °C and is scorched.
* ``bottleneck`` (value): the student's ``capacity(cnc_cycle, oven_places,
  dwell, feeder_interval)`` on hidden parameter sets and 2 drawn for each
  answer (:func:`extra_sets`: a lookup of the fixed sets fails; the check's own
  ``true_capacity`` handed in is refused), giving the station with the
  smallest capacity in parts an hour and that capacity, then Little's law on
  the student's own run (:func:`little_run`): output rate, mean WIP and the
  lead time from WIP / output, against the mean lead time of the parts the
  plant really finished.

Run lengths: 8 min warm-up (the oven heats from 25 °C and the first parts
pass through) and 15 min measured: about 200 parts, so one soft part is
0.5 % and 2 % is 4 parts; shorter windows make the share jump by whole
percents.
"""

from __future__ import annotations

import math
import random
import zlib
from collections.abc import Callable
from typing import Any

from factorylab.control.checks.base import Check, register
from factorylab.control.checks.kinds import _number, call_student, not_written
from factorylab.control.checks.result import CheckResult, Finding, Item
from factorylab.errors import FactoryLabError
from factorylab.plant import load_scenario
from factorylab.plant.cnc import MACHINE_CYCLE
from factorylab.plant.oven import CAPACITY, OVERHEAT_LIMIT

#: warm-up and measured window of one run, s
WARM_UP = 480.0
MEASURE = 900.0
#: the controller's scan, s (a PLC task of 0.1 s: half the calls of a 0.05 s scan, the same counts)
SCAN = 0.1
#: the limits of oven_recipe: oven defects %, good parts an hour
MAX_DEFECTS = 2.0
TARGET_PER_HOUR = 720.0
#: the safe top of the oven's setpoint: a part above it is overheated (the plant's rule)
SAFE_SETPOINT = OVERHEAT_LIMIT
#: what the check accepts at all (the oven reaches about 275 °C at full heater)
SETPOINT_RANGE = (100.0, 300.0)
DWELL_RANGE = (5.0, 120.0)
#: the Pareto front: another point is clearly better if it gives 2 % more good parts with no more defects,
#: or 1 point (pp) fewer defects with no fewer good parts (less is run-to-run noise)
FRONT_GOOD = 0.02
FRONT_DEFECTS = 1.0
#: the chosen point's row must match the plant's own numbers within these (the same run gives the same numbers)
ROW_DEFECTS = 0.6  # pp
ROW_GOOD = 0.02  # relative
#: the line scenario's feeder interval, s: the most parts a window can get
FEED_INTERVAL = float(load_scenario("line").feeder.interval)
COLUMNS = ("setpoint", "dwell", "seed", "defects", "good_per_hour")
#: Little's law run: a hot oven and a long dwell, so the oven is the bottleneck and parts queue
LITTLE_SETPOINT = 230.0
LITTLE_DWELL = 45.0


def recipe_plant(seed: int):
    """The line of one run: its thermocouple's calibration (±4 °C) and heater health (88-100 %) depend on ``seed``."""
    from factorylab.plant import Plant, load_scenario

    rng = random.Random(f"oven_recipe|{seed}")
    plant = Plant(load_scenario("line"), seed=seed)
    plant.oven.temperature_drift = round(rng.uniform(-4.0, 4.0), 1)  # the transmitter reads this much too high, °C
    plant.oven.health = round(rng.uniform(0.88, 1.0), 2)  # an ageing heater
    return plant


def _controller(setpoint: float, dwell: float):
    from factorylab.control.reference import make_line_controller

    return make_line_controller(oven_setpoint=setpoint, dwell=dwell, feed_from=setpoint - 10.0)


def _run(setpoint: float, dwell: float, plant, stop: Callable[[dict[str, Any]], bool] | None = None) -> dict[str, Any]:
    """Warm up, then measure; ``stop(counts)`` (every 30 s of the window) may end the run early."""
    from factorylab.control.line import LocalLine

    controller = _controller(setpoint, dwell)
    line = LocalLine(plant)
    dt = plant.dt
    p = plant.production
    every = max(1, round(SCAN / dt))
    for step in range(round(WARM_UP / dt)):
        if step % every == 0:
            controller(line, plant.time)
        plant.step()
    start = {
        "in": p.parts_in,
        "out": p.parts_out + p.parts_rejected,
        "soft": p.defects_soft,
        "hot": p.defects_overheated,
        "inside": p.parts_in - p.parts_out - p.parts_rejected,
    }
    wip_sum, samples, stopped = 0.0, 0, False
    per_second = round(1.0 / dt)
    steps = round(MEASURE / dt)
    counts: dict[str, Any] = {}
    for step in range(steps):
        if step % every == 0:
            controller(line, plant.time)
        plant.step()
        if step % per_second == per_second - 1:
            wip_sum += p.parts_in - p.parts_out - p.parts_rejected
            samples += 1
            if stop is not None and samples % 30 == 0:
                counts = _counts(p, start, samples, wip_sum)
                if stop(counts):
                    stopped = True
                    break
    counts = _counts(p, start, samples, wip_sum)
    counts["stopped"] = stopped
    window_start = plant.time - counts["seconds"]
    leads = [
        part.history[-1][0] - part.history[0][0]
        for part in plant.finished_parts.since(0)
        if part.history and part.history[-1][0] >= window_start
    ]
    counts["lead_time"] = sum(leads) / len(leads) if leads else 0.0
    return counts


def _counts(p, start: dict[str, int], samples: int, wip_sum: float) -> dict[str, Any]:
    finished = p.parts_out + p.parts_rejected - start["out"]
    soft = p.defects_soft - start["soft"]
    hot = p.defects_overheated - start["hot"]
    return {
        "seconds": float(samples),
        "parts_in": p.parts_in - start["in"],
        "finished": finished,
        "soft": soft,
        "overheated": hot,
        "wip": wip_sum / samples if samples else 0.0,
        "inside_at_start": start["inside"],
        "inside": p.parts_in - p.parts_out - p.parts_rejected,
    }


def figures(counts: dict[str, Any]) -> tuple[float, float]:
    """(oven defects %, good parts an hour) of a run's counts: the check's own arithmetic."""
    finished = counts["finished"]
    bad = counts["soft"] + counts["overheated"]
    defects = 100.0 * bad / finished if finished else 100.0
    return defects, (finished - bad) * 3600.0 / counts["seconds"]


def run_point(setpoint: float, dwell: float, seed: int = 1) -> dict[str, Any]:
    """Run the line with one oven recipe: 8 min warm-up, then 15 min measured (about 0.4 s).

    Args:
        setpoint: oven setpoint, °C (the reference controller's PI holds it; the feeder waits
            until the oven is 10 °C below it).
        dwell: s each part stays in the oven.
        seed: the run's seed; each seed's oven has its own thermocouple error and heater health.

    Returns:
        Counts of the measured 15 minutes: ``seconds`` (900), ``parts_in`` (parts fed),
        ``finished`` (parts that left the line: outfeed + reject bin), ``soft`` and ``overheated``
        (oven defects among them), ``wip`` (mean parts inside the line,
        sampled every second).
    """
    for name, value, (low, high) in (("setpoint", setpoint, SETPOINT_RANGE), ("dwell", dwell, DWELL_RANGE)):
        number = _number(value)
        if number is None or not low <= number <= high:
            raise FactoryLabError(
                f"{name} 값은 {low:g}~{high:g} 사이의 숫자여야 합니다 (입력: {value!r})",
                f"{name} must be a number from {low:g} to {high:g} (got {value!r})",
            )
    if _number(seed) is None or int(seed) != seed:
        raise FactoryLabError(f"seed는 정수입니다 (입력: {seed!r})", f"seed is a whole number (got {seed!r})")
    counts = _run(float(setpoint), float(dwell), recipe_plant(int(seed)))
    return {k: counts[k] for k in ("seconds", "parts_in", "finished", "soft", "overheated", "wip")}


def little_run(seed: int = 1) -> dict[str, Any]:
    """The run of Little's law: 230 °C and a 45 s dwell (the oven is the bottleneck), with the counts of
    :func:`run_point` (``seconds``, ``parts_in``, ``finished``, ``soft``, ``overheated``, ``wip``)."""
    return run_point(LITTLE_SETPOINT, LITTLE_DWELL, seed)


def _finding(code: str, ko: str, en: str, next_ko: str = "", next_en: str = "", **kw: Any) -> Finding:
    return Finding(code, ko, en, next_ko, next_en, **kw)


def _rows(grid: Any) -> list[dict[str, float]] | Finding:
    """The grid table as rows of floats, or what is wrong with it."""
    if hasattr(grid, "to_dict") and hasattr(grid, "columns"):
        grid = grid.to_dict("records")
    bad = _finding(
        "no_grid",
        '"grid"에는 격자 탐색 표(행마다 setpoint, dwell, seed, defects, good_per_hour)를 주세요.',
        'give your grid-search table as "grid" (each row: setpoint, dwell, seed, defects, good_per_hour)',
        "과제 8-1 (나)의 grid 표를 그대로 넘기세요.",
        "pass the grid table of exercise 8-1 (b) as it is",
    )
    if not isinstance(grid, (list, tuple)) or len(grid) < 2:
        return bad
    rows = []
    for row in grid:
        if not isinstance(row, dict) or any(_number(row.get(c)) is None for c in COLUMNS):
            return bad
        values = {c: float(_number(row[c])) for c in COLUMNS}
        if not all(math.isfinite(v) for v in values.values()):
            return bad
        rows.append(values)
    return rows


def _points(rows: list[dict[str, float]]) -> dict[tuple[float, float], dict[str, Any]]:
    """Mean defects and good parts per (setpoint, dwell) over the seeds the table has for it."""
    points: dict[tuple[float, float], dict[str, Any]] = {}
    for r in rows:
        entry = points.setdefault((r["setpoint"], r["dwell"]), {"rows": []})
        entry["rows"].append(r)
    for entry in points.values():
        n = len(entry["rows"])
        entry["defects"] = sum(r["defects"] for r in entry["rows"]) / n
        entry["good"] = sum(r["good_per_hour"] for r in entry["rows"]) / n
    return points


def dominates(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True if point ``a`` is clearly better than ``b`` (see FRONT_GOOD, FRONT_DEFECTS)."""
    return (a["defects"] <= b["defects"] and a["good"] >= b["good"] * (1.0 + FRONT_GOOD)) or (
        a["defects"] <= b["defects"] - FRONT_DEFECTS and a["good"] >= b["good"]
    )


def _point(p: tuple[float, float]) -> str:
    return f"({p[0]:g} °C, {p[1]:g}초)"


def _point_en(p: tuple[float, float]) -> str:
    return f"({p[0]:g} °C, {p[1]:g} s)"


@register
class OvenRecipe(Check):
    """An oven recipe (setpoint, dwell) from the student's grid search that keeps defects low and output up."""

    name = "oven_recipe"
    title = ("오븐 레시피: 격자 탐색과 파레토", "oven recipe: grid search and Pareto front")
    kind = "scored"
    count = 5
    unit = "/h"

    def judge(self, answer: Any, seeds: list[int], seed: Any = None, **options: Any) -> CheckResult:
        if options:
            raise FactoryLabError(
                f"이 검사가 모르는 값입니다: {', '.join(options)}", f"this check does not take {', '.join(options)}"
            )
        early = self._before_runs(answer, seed)
        if isinstance(early, Finding):
            return self.result(False, [early])
        setpoint, dwell, rows, points = early
        chosen = points[(setpoint, dwell)]
        # one row of the student's seed, re-run: the table must be what the plant gives
        mine = row_to_verify(rows, int(seed), (setpoint, dwell))
        here = (mine["setpoint"], mine["dwell"])
        defects, good = figures(_run(here[0], here[1], recipe_plant(int(mine["seed"]))))
        if abs(defects - mine["defects"]) > ROW_DEFECTS or abs(good - mine["good_per_hour"]) > ROW_GOOD * good:
            per_minute = abs(mine["good_per_hour"] * 60.0 - good) <= ROW_GOOD * good
            said_ko = (
                f"표의 {_point(here)}, 시드 {mine['seed']:g} 줄은 불량 {mine['defects']:.1f} %, 시간당 "
                f"{mine['good_per_hour']:.0f}개인데 같은 실행을 다시 돌리면 {defects:.1f} %, {good:.0f}개입니다"
            )
            said_en = (
                f"your table's row {_point_en(here)}, seed {mine['seed']:g} says {mine['defects']:.1f} % defects and "
                f"{mine['good_per_hour']:.0f} good parts an hour, but the same run gives {defects:.1f} % and {good:.0f}"
            )
            if per_minute:
                finding = _finding(
                    "table_per_minute",
                    said_ko + ": 분당 개수를 적은 것 같습니다.",
                    said_en + " (you wrote parts a minute)",
                    "시간당 양품 = (finished − 불량) × 3600 / seconds로 다시 계산하세요.",
                    "recompute good per hour = (finished - defects) x 3600 / seconds",
                    tag="production.parts_good",
                )
            else:
                fraction = defects > ROW_DEFECTS and abs(mine["defects"] * 100.0 - defects) <= ROW_DEFECTS
                finding = _finding(
                    "table_mismatch",
                    said_ko
                    + (
                        ": 불량률을 비율(0~1)로 적은 것 같습니다 (퍼센트는 × 100)."
                        if fraction
                        else ": 표의 줄은 run_point의 실행 결과를 (가)의 두 식으로 계산한 값이어야 합니다."
                    ),
                    said_en
                    + (
                        " (you wrote defects as a fraction, 0 to 1: a percent is x 100)"
                        if fraction
                        else ": each row must be a run_point run, computed with the two formulas of (a)"
                    ),
                    "run_point(setpoint, dwell, seed)로 돌리고 불량률 = 100 × (soft + overheated) / finished, "
                    "시간당 양품 = (finished − 불량) × 3600 / seconds로 계산하세요.",
                    "run run_point(setpoint, dwell, seed) and compute defects = 100 x (soft + overheated) / finished "
                    "and good per hour = (finished - defects) x 3600 / seconds",
                    tag="production.parts_good",
                )
            return self.result(False, [finding])
        items, outcomes = [], []
        own_pass = all(r["defects"] <= MAX_DEFECTS and r["good_per_hour"] >= TARGET_PER_HOUR for r in chosen["rows"])
        own_seeds = {r["seed"] for r in chosen["rows"]}
        for run, seed in enumerate(seeds, start=1):
            counts = _run(setpoint, dwell, recipe_plant(seed), stop=_certain_fail)
            defects, good = figures(counts) if not counts["stopped"] else _stopped_figures(counts)
            ok = defects <= MAX_DEFECTS and good >= TARGET_PER_HOUR and not counts["stopped"]
            outcomes.append((defects, good))
            items.append(Item(f"run {run}", f"{defects:.1f} %, {good:.0f}/h", ok))
            if not ok:
                finding = self._explain(setpoint, dwell, counts, defects, good, run, own_pass, own_seeds)
                return self.result(False, [finding], **self._extra(items, outcomes, len(seeds)))
        return self.result(True, [], **self._extra(items, outcomes, len(seeds)))

    def _extra(self, items: list[Item], outcomes: list[tuple[float, float]], count: int) -> dict[str, Any]:
        return {
            "items": items,
            "seeds": count,
            "score": min(g for _, g in outcomes),
            "threshold": TARGET_PER_HOUR,
            "formula": (
                f"숨은 시드 {count}개 모두: 오븐 불량(연질 + 과열) ≤ {MAX_DEFECTS:g} %, 시간당 양품 ≥ {TARGET_PER_HOUR:g}개 "
                "(점수 = 가장 적은 시간당 양품)",
                f"on all {count} hidden seeds: oven defects (soft + overheated) <= {MAX_DEFECTS:g} % and good parts "
                f">= {TARGET_PER_HOUR:g} an hour (score = the lowest good parts an hour)",
            ),
            "unit": self.unit,
        }

    def _before_runs(self, answer: Any, own_seed: Any):
        """Everything judged without a run: the point, the range, the table, the seeds, the front."""
        keys = ("setpoint", "dwell", "grid")
        if not isinstance(answer, dict):
            shown = ", ".join(f'"{k}"' for k in keys)
            return _finding(
                "not_a_dict",
                f"답은 {shown} 칸이 있는 사전(dict)으로 주세요.",
                f"give your answer as a dict with the keys {shown}",
            )
        missing = [k for k in keys if answer.get(k) is None]
        if missing:
            shown = ", ".join(f'"{k}"' for k in missing)
            return _finding(
                "missing",
                f"답하지 않은 칸이 있습니다: {shown}.",
                f"these answers are missing: {shown}",
                "None 대신 고른 값과 격자 표를 넣으세요.",
                "put your chosen values and your grid table instead of None",
            )
        values = {}
        for key, (low, high), unit in (("setpoint", SETPOINT_RANGE, "°C"), ("dwell", DWELL_RANGE, "s")):
            value = _number(answer[key])
            if value is None or not low <= value <= high:
                return _finding(
                    "out_of_range",
                    f'"{key}" 값은 {low:g}~{high:g} {unit} 사이의 숫자여야 합니다 (받은 것: {answer[key]!r}).',
                    f'"{key}" must be a number from {low:g} to {high:g} {unit} (got {answer[key]!r})',
                )
            values[key] = value
        setpoint, dwell = values["setpoint"], values["dwell"]
        if setpoint > SAFE_SETPOINT:
            return _finding(
                "overheated",
                f"설정 온도 {setpoint:g} °C는 오븐의 안전 범위 밖입니다: 부품은 오븐 온도를 따라가므로 "
                f"{OVERHEAT_LIMIT:g} °C를 넘어 과열(타 버림) 불량이 됩니다.",
                f"a {setpoint:g} °C setpoint is outside the oven's safe range: parts follow the oven's temperature, "
                f"go above {OVERHEAT_LIMIT:g} °C and are scorched (overheated)",
                f"설정 온도는 {OVERHEAT_LIMIT:g} °C 이하에서 고르세요.",
                f"choose a setpoint of {OVERHEAT_LIMIT:g} °C or less",
                tag="oven.heater",
            )
        rows = _rows(answer["grid"])
        if isinstance(rows, Finding):
            return rows
        if own_seed is None or _number(own_seed) is None or int(own_seed) != own_seed:
            return _finding(
                "no_seed",
                "격자 표는 여러분의 시드로 돌린 것인지 확인합니다: seed=MY_SEED를 함께 주세요.",
                "the check looks whether your grid ran on your own seed: also give seed=MY_SEED",
                'factorylab.check(recipe, "oven_recipe", seed=MY_SEED)처럼 부르세요.',
                'call factorylab.check(recipe, "oven_recipe", seed=MY_SEED)',
            )
        seeds = {r["seed"] for r in rows}
        if len(seeds) < 2:
            return _finding(
                "one_seed",
                f"한 시드에만 맞춘 과적합: 격자 표가 시드 {min(seeds):g} 하나로만 돌린 것입니다. 시드마다 오븐의 "
                "온도 전송기 오차와 히터 노후가 달라, 한 시드에서 좋은 점이 다른 시드에서는 떨어질 수 있습니다.",
                f"overfitting to one seed: your grid ran on seed {min(seeds):g} only. Each seed's oven has its own "
                "thermocouple error and heater health, so a point that is good on one seed can fail on another",
                "SEEDS에 시드를 2개 이상 넣고 표를 다시 만드세요.",
                "put 2 seeds or more in SEEDS and make the table again",
            )
        points = _points(rows)
        here = (setpoint, dwell)
        if here not in points:
            return _finding(
                "not_on_grid",
                f"고른 점 {_point(here)}가 여러분의 격자 표에 없습니다: 시험하지 않은 점은 고를 수 없습니다.",
                f"the chosen point {_point_en(here)} is not in your grid table: you cannot choose a point you did "
                "not try",
                "표에 있는 점 중에서 고르거나, 그 점을 격자에 넣어 다시 돌리세요.",
                "choose a point of your table, or add it to the grid and run it",
            )
        if not any(r["seed"] == own_seed for r in points[here]["rows"]):
            shown = ", ".join(f"{x:g}" for x in sorted(seeds))
            return _finding(
                "not_own_seed",
                f"표의 고른 점 {_point(here)}에 여러분의 시드({int(own_seed)}) 줄이 없습니다 (표의 시드: {shown}): "
                "다른 사람의 표나 다른 시드의 표는 낼 수 없습니다.",
                f"your table has no row of the chosen point {_point_en(here)} on your seed ({int(own_seed)}) (the "
                f"table's seeds: {shown}): you cannot hand in a table made on other seeds",
                "SEEDS = [MY_SEED, MY_SEED + 1]로 격자를 직접 돌리세요.",
                "run the grid yourself with SEEDS = [MY_SEED, MY_SEED + 1]",
            )
        better = [p for p, v in points.items() if p != here and dominates(v, points[here])]
        if better:
            best = max(better, key=lambda p: (points[p]["good"], -points[p]["defects"]))
            b, c = points[best], points[here]
            return _finding(
                "not_on_front",
                f"고른 점 {_point(here)}는 여러분의 파레토 앞면 위에 있지 않습니다: {_point(best)}가 불량 "
                f"{b['defects']:.1f} %(≤ {c['defects']:.1f} %)에 시간당 {b['good']:.0f}개(≥ {c['good']:.0f}개)로 두 축 모두 "
                "낫습니다.",
                f"the chosen point {_point_en(here)} is not on your Pareto front: {_point_en(best)} is better on both "
                f"axes ({b['defects']:.1f} % <= {c['defects']:.1f} % defects, {b['good']:.0f} >= {c['good']:.0f} "
                "good parts an hour)",
                "파레토 그림에서 다른 점에 '지배되지 않는' 점(앞선 점)을 고르세요.",
                "choose a point that no other point beats on both axes (the front of your Pareto chart)",
            )
        return setpoint, dwell, rows, points

    def _explain(self, setpoint, dwell, counts, defects, good, run, own_pass, own_seeds) -> Finding:
        also_ko = " 하지만 여러분의 표에서는 통과했습니다." if own_pass else ""
        also_en = "; it passed in your table" if own_pass else ""
        if own_pass and len(own_seeds) < 2:
            code = "overfit"
            ko_head, en_head = "한 시드에만 맞춘 과적합: ", "overfitting to one seed: "
            also_ko = f" 여러분의 표는 이 점을 시드 {min(own_seeds):g} 하나로만 돌렸습니다."
            also_en = f"; your table tried this point on seed {min(own_seeds):g} only"
            next_ko, next_en = (
                "고른 점을 여러 시드로 돌려 가장 나쁜 시드에서도 여유가 있는 점을 고르세요.",
                "run your point on several seeds and choose one with a margin on the worst seed",
            )
        else:
            code, ko_head, en_head, next_ko, next_en = "", "", "", "", ""
        if defects > MAX_DEFECTS and counts["overheated"] >= counts["soft"]:
            return _finding(
                code or "overheated",
                f"{ko_head}숨은 시드 {run}번에서 {_point((setpoint, dwell))}로 부품 {counts['overheated']}개가 "
                f"{OVERHEAT_LIMIT:g} °C를 넘어 과열되었습니다 (불량 {defects:.1f} %).{also_ko}",
                f"{en_head}on hidden seed {run}, {_point_en((setpoint, dwell))} overheated {counts['overheated']} "
                f"parts above {OVERHEAT_LIMIT:g} °C ({defects:.1f} % defects){also_en}",
                next_ko or "온도 전송기가 몇 °C 낮게 읽는 오븐도 있습니다: 설정 온도를 낮추어 여유를 두세요.",
                next_en or "some ovens' thermocouples read a few °C low: lower the setpoint to leave a margin",
                tag="oven.temperature",
                seed=run,
            )
        if defects > MAX_DEFECTS:
            return _finding(
                code or "too_many_defects",
                f"{ko_head}숨은 시드 {run}번에서 {_point((setpoint, dwell))}의 연질(경도 부족) 불량이 "
                f"{defects:.1f} %로 {MAX_DEFECTS:g} %를 넘었습니다.{also_ko}",
                f"{en_head}on hidden seed {run}, {_point_en((setpoint, dwell))} gave {defects:.1f} % soft parts "
                f"(too little hardening), above {MAX_DEFECTS:g} %{also_en}",
                next_ko or "soak(150 °C 넘는 온도 × 시간)가 모자랍니다: 체류 시간을 늘리거나 설정 온도를 올리세요.",
                next_en
                or "the soak (temperature above 150 °C x time) is short: lengthen the dwell or raise the setpoint",
                tag="oven.front_dwell",
                seed=run,
            )
        return _finding(
            code or "too_few_parts",
            f"{ko_head}숨은 시드 {run}번에서 {_point((setpoint, dwell))}는 시간당 양품이 {good:.0f}개로 목표 "
            f"{TARGET_PER_HOUR:g}개보다 적습니다.{also_ko}",
            f"{en_head}on hidden seed {run}, {_point_en((setpoint, dwell))} gave {good:.0f} good parts an hour, "
            f"under the target {TARGET_PER_HOUR:g}{also_en}",
            next_ko
            or f"오븐은 {CAPACITY}칸이라 체류가 길면 병목이 됩니다(시간당 최대 {CAPACITY} × 3600 / 체류): 체류를 줄이세요.",
            next_en
            or f"the oven holds {CAPACITY} parts, so a long dwell makes it the bottleneck (at most {CAPACITY} x 3600 / "
            "dwell an hour): shorten the dwell",
            tag="oven.parts_inside",
            seed=run,
        )


def row_to_verify(rows: list[dict[str, float]], seed: int, chosen: tuple[float, float]) -> dict[str, float]:
    """The row of the student's ``seed`` the check runs again, picked by a checksum of the table's numbers.

    Any row of that seed may be picked (the chosen point's too), so a table is
    only safe if every row is real; still one run, as when only the chosen
    point's row was checked. Rows outside the ranges :func:`run_point` takes
    are never picked.
    """
    candidates = [
        r
        for r in rows
        if r["seed"] == seed
        and SETPOINT_RANGE[0] <= r["setpoint"] <= SETPOINT_RANGE[1]
        and DWELL_RANGE[0] <= r["dwell"] <= DWELL_RANGE[1]
    ]
    candidates.sort(key=lambda r: (r["setpoint"], r["dwell"]))
    if not candidates:  # pragma: no cover - the chosen point has a row of the seed (not_own_seed)
        return next(r for r in rows if (r["setpoint"], r["dwell"]) == chosen)
    text = ";".join(f"{r['setpoint']:g},{r['dwell']:g},{r['defects']:.2f},{r['good_per_hour']:.1f}" for r in rows)
    return candidates[zlib.crc32(text.encode()) % len(candidates)]


def _stopped_figures(counts: dict[str, Any]) -> tuple[float, float]:
    """A run stopped early: its defects so far, and the good parts an hour it can still reach at most."""
    finished = counts["finished"]
    bad = counts["soft"] + counts["overheated"]
    defects = 100.0 * bad / finished if finished else 0.0
    return defects, (finished - bad + most_parts(counts, counts["seconds"])) * 3600.0 / MEASURE


def _certain_fail(c: dict[str, Any]) -> bool:
    """True once a run must fail: more defects than 2 % of all the window can finish, or the target out of reach."""
    bad = c["soft"] + c["overheated"]
    if bad > MAX_DEFECTS / 100.0 * most_parts(c, 0.0):
        return True
    return (c["finished"] - bad + most_parts(c, c["seconds"])) * 3600.0 / MEASURE < TARGET_PER_HOUR


def most_parts(counts: dict[str, Any], after: float) -> float:
    """The most parts the window can still finish ``after`` s into it: those inside the line then and those the
    feeder can place in the time left (one a feed interval; 10 % and 3 parts more for restarts, which feed at once).
    Counting too many only stops a failing run later; too few could fail a good one, so it errs high."""
    inside = counts["inside_at_start"] if after <= 0.0 else counts["inside"]
    return inside + 1.1 * (MEASURE - after) / FEED_INTERVAL + 3.0


# --- the bottleneck and Little's law -------------------------------------------------------------------------
STATIONS = ("feeder", "cnc", "oven")
#: hidden parameter sets: (cnc_cycle s, oven_places, dwell s, feeder_interval s); in several the longest single
#: time (the dwell) is not the bottleneck, and each station is the bottleneck somewhere
PARAMETER_SETS = (
    (MACHINE_CYCLE, CAPACITY, 30.0, 4.5),  # the line as it is: the feeder
    (MACHINE_CYCLE, CAPACITY, 45.0, 4.5),  # a long dwell: the oven
    (6.0, CAPACITY, 30.0, 4.5),  # a slow CNC
    (5.0, 12, 50.0, 6.0),  # a bigger oven: the feeder
    (3.5, 4, 20.0, 3.0),  # a small oven: the oven
    (7.5, 10, 60.0, 4.0),  # the CNC, while the dwell is long
)
#: parameter sets made for each answer (:func:`extra_sets`), after the fixed ones: a function that looks the fixed
#: sets up (they are in this open module) instead of computing meets sets it has never seen
EXTRA_SETS = 2


def extra_sets(function: Any, seeds: list[int]) -> list[tuple[float, int, float, float]]:
    """Parameter sets drawn for this function and these seeds (the same answer always gets the same sets), each
    with a clear bottleneck (the smallest capacity at least 5 % under the next)."""
    code = getattr(_unwrapped(function), "__code__", None)
    key = zlib.crc32(code.co_code + repr(code.co_consts).encode()) if code is not None else 0
    rng = random.Random(f"bottleneck|{tuple(seeds)}|{key}")
    sets: list[tuple[float, int, float, float]] = []
    while len(sets) < EXTRA_SETS:
        args = (
            round(rng.uniform(3.0, 8.0), 1),
            rng.randint(4, 12),
            float(rng.randint(15, 60)),
            round(rng.uniform(3.0, 6.0), 1),
        )
        per_hour = sorted([3600.0 / args[3], 3600.0 / args[0], 3600.0 * args[1] / args[2]])
        if per_hour[0] <= 0.95 * per_hour[1]:
            sets.append(args)
    return sets


def _unwrapped(function: Any) -> Any:
    """The function under ``functools.partial``, decorators (``__wrapped__``) and bound methods."""
    for _ in range(10):
        inner = getattr(function, "func", None) or getattr(function, "__wrapped__", None)
        inner = inner or getattr(function, "__func__", None)
        if inner is None or inner is function:
            break
        function = inner
    return function


#: Little's law: the student's lead time must be within this of WIP / throughput (relative; rounding only)
LITTLE_TOLERANCE = 0.01


def true_capacity(cnc_cycle: float, oven_places: float, dwell: float, feeder_interval: float) -> tuple[str, float]:
    """(the bottleneck station, its capacity in parts an hour)."""
    capacity = {
        "feeder": 3600.0 / feeder_interval,
        "cnc": 3600.0 / cnc_cycle,
        "oven": 3600.0 * oven_places / dwell,
    }
    station = min(capacity, key=capacity.get)
    return station, capacity[station]


#: recognisers of capacity(): (code, formula, ko, en, next_ko, next_en)
CAPACITY_WRONG = (
    (
        "slowest_time",
        lambda c, n, d, f: max((("feeder", f), ("cnc", c), ("oven", d)), key=lambda x: x[1])[0],
        "가장 오래 걸리는 시간 하나(체류 시간)로 병목을 골랐습니다: 오븐은 {n}개를 한꺼번에 처리하므로 능력은 칸 수 / 체류입니다.",
        "you picked the station with the longest single time (the dwell): the oven works on its places at once, so "
        "its capacity is places / dwell",
        "스테이션마다 시간당 처리 개수(능력)를 구하고 가장 작은 것을 고르세요: 오븐 = 칸 수 × 3600 / 체류.",
        "compute each station's parts an hour and take the smallest: oven = places x 3600 / dwell",
    ),
)


def _call_capacity(function: Any, args: tuple) -> tuple[str, float] | Finding:
    value, error = call_student(function, *args)
    if error is not None:
        return not_written(error, "capacity") or _finding(
            "function_error",
            f"capacity 함수에서 오류가 났습니다: {type(error).__name__}: {error}.",
            f"your function capacity raised {type(error).__name__}: {error}",
            "오류가 난 줄을 고치세요.",
            "fix the line the error points to",
        )
    if (
        not isinstance(value, (tuple, list))
        or len(value) != 2
        or value[0] not in STATIONS
        or _number(value[1]) is None
        or not math.isfinite(_number(value[1]))
    ):
        return _finding(
            "not_a_pair",
            f"capacity 함수는 (스테이션 이름, 시간당 개수)를 돌려주어야 합니다 (돌려준 값: {value!r:.80}).",
            f"capacity must return (station name, parts an hour) (it returned {value!r:.80})",
            '이름은 "feeder", "cnc", "oven" 중 하나입니다: return station, per_hour',
            'the name is one of "feeder", "cnc", "oven": return station, per_hour',
        )
    return str(value[0]), float(_number(value[1]))


@register
class Bottleneck(Check):
    """The line's bottleneck from station times (hidden parameter sets) and Little's law on the student's run."""

    name = "bottleneck"
    title = ("병목과 리틀의 법칙", "the bottleneck and Little's law")
    kind = "value"
    count = 1

    def judge(self, answer: Any, seeds: list[int], seed: Any = None, **options: Any) -> CheckResult:
        if options:
            raise FactoryLabError(
                f"이 검사가 모르는 값입니다: {', '.join(options)}", f"this check does not take {', '.join(options)}"
            )
        keys = ("capacity", "throughput", "wip", "lead_time")
        if not isinstance(answer, dict):
            return self.result(
                False,
                [
                    _finding(
                        "not_a_dict",
                        f"답은 {', '.join(keys)} 칸이 있는 사전(dict)으로 주세요.",
                        f"give your answer as a dict with the keys {', '.join(keys)}",
                    )
                ],
            )
        missing = [k for k in keys if answer.get(k) is None]
        if missing:
            return self.result(
                False,
                [
                    _finding(
                        "missing",
                        f"답하지 않은 칸이 있습니다: {', '.join(missing)}.",
                        f"these answers are missing: {', '.join(missing)}",
                        "None 대신 함수와 계산한 값을 넣으세요.",
                        "put your function and your numbers instead of None",
                    )
                ],
            )
        if not callable(answer["capacity"]):
            return self.result(
                False,
                [
                    _finding(
                        "not_a_function",
                        '"capacity"에는 함수 이름을 괄호 없이 넣으세요 (capacity, capacity()가 아니라).',
                        'give the function itself as "capacity" (capacity, not capacity())',
                    )
                ],
            )
        own = _unwrapped(answer["capacity"])
        if getattr(own, "__module__", None) == __name__ or getattr(type(own), "__module__", None) == __name__:
            name = getattr(own, "__name__", type(own).__name__)
            return self.result(
                False,
                [
                    _finding(
                        "asked_the_check",
                        f'"capacity"에 검사의 함수 `{name}`를 넣었습니다: 검사는 여러분이 직접 만든 함수를 봅니다.',
                        f'you gave the check\'s own function `{name}` as "capacity": the check wants the function you '
                        "wrote",
                        "노트북의 capacity 함수를 완성해 그 함수를 넣으세요.",
                        "complete the notebook's capacity function and give that one",
                    )
                ],
            )
        items, findings = [], []
        given = []
        sets = [*PARAMETER_SETS, *extra_sets(answer["capacity"], seeds)]
        for args in sets:
            got = _call_capacity(answer["capacity"], args)
            if isinstance(got, Finding):
                return self.result(False, [got])
            given.append(got)
        truths = [true_capacity(*a) for a in sets]
        for args, got, truth in zip(sets, given, truths, strict=True):
            label = f"cnc {args[0]:g} s, oven {args[1]:g} x {args[2]:g} s, feeder {args[3]:g} s"
            ok = got[0] == truth[0] and abs(got[1] - truth[1]) <= 0.01 * truth[1]
            items.append(Item(label, f"{got[0]} {got[1]:.0f}/h", ok))
        if not all(i.right for i in items):  # fail fast: Little's law needs a run, the capacity does not
            return self.result(False, [self._capacity_finding(given, truths, sets)], items=items)
        if seed is None or _number(seed) is None or int(seed) != seed:
            findings.append(
                _finding(
                    "no_seed",
                    "리틀의 법칙은 여러분의 실행으로 확인합니다: seed=MY_SEED를 함께 주세요.",
                    "Little's law is checked on your own run: also give seed=MY_SEED",
                    'factorylab.check(answer, "bottleneck", seed=MY_SEED)처럼 부르세요.',
                    'call factorylab.check(answer, "bottleneck", seed=MY_SEED)',
                )
            )
            return self.result(False, findings, items=items)
        little = self._little(answer, int(seed), items)
        findings.extend(little)
        return self.result(not findings, findings, items=items)

    def _capacity_finding(self, given, truths, sets) -> Finding:
        for code, formula, ko, en, next_ko, next_en in CAPACITY_WRONG:
            if all(g[0] == formula(*a) for g, a in zip(given, sets, strict=True)) and any(
                g[0] != t[0] for g, t in zip(given, truths, strict=True)
            ):
                return _finding(code, ko.format(n=CAPACITY), en, next_ko, next_en, tag="oven.parts_inside")
        names_right = all(g[0] == t[0] for g, t in zip(given, truths, strict=True))
        ratios = [g[1] / t[1] for g, t in zip(given, truths, strict=True) if t[1]]
        if names_right and all(abs(r - 1 / 60) < 1e-3 for r in ratios):
            return _finding(
                "capacity_per_minute",
                "병목은 맞게 골랐지만 능력을 분당 개수로 주었습니다: 이 과제의 단위는 시간당 개수입니다.",
                "the bottleneck is right but you gave its capacity per minute: this exercise uses parts an hour",
                "1시간 = 3600초이므로 3600 / 초당 시간으로 계산하세요.",
                "an hour is 3600 s: use 3600 / seconds per part",
            )
        if names_right and all(
            abs(g[1] - 1.0 / t[1] * 3600.0) < 0.01 * abs(g[1]) + 1e-9 for g, t in zip(given, truths, strict=True)
        ):
            return _finding(
                "time_not_rate",
                "병목은 맞게 골랐지만 시간당 개수 대신 부품 하나에 걸리는 초를 주었습니다.",
                "the bottleneck is right but you gave the seconds per part instead of parts an hour",
                "능력 = 3600 / (부품 하나당 초)입니다.",
                "capacity = 3600 / (seconds per part)",
            )
        bad = next(
            i
            for i, (g, t) in enumerate(zip(given, truths, strict=True))
            if g[0] != t[0] or abs(g[1] - t[1]) > 0.01 * t[1]
        )
        a, g, t = sets[bad], given[bad], truths[bad]
        return _finding(
            "wrong_capacity",
            f"CNC {a[0]:g}초, 오븐 {a[1]:g}칸 × {a[2]:g}초, 공급 {a[3]:g}초 간격에서 답은 {g[0]} {g[1]:.0f}개/시간이지만 "
            f"병목은 {t[0]}, 시간당 {t[1]:.0f}개입니다.",
            f"with CNC {a[0]:g} s, oven {a[1]:g} places x {a[2]:g} s, feeder every {a[3]:g} s you gave {g[0]} "
            f"{g[1]:.0f}/h, but the bottleneck is {t[0]} at {t[1]:.0f}/h",
            "세 스테이션의 시간당 능력을 모두 계산해 출력해 보고 가장 작은 것을 고르세요.",
            "print all three stations' parts an hour and take the smallest",
        )

    def _little(self, answer: dict[str, Any], seed: int, items: list[Item]) -> list[Finding]:
        values = {k: _number(answer[k]) for k in ("throughput", "wip", "lead_time")}
        bad = [k for k, v in values.items() if v is None or not math.isfinite(v) or v <= 0]
        if bad:
            return [
                _finding(
                    "not_a_number",
                    f"{', '.join(bad)}에는 0보다 큰 숫자를 넣으세요.",
                    f"give numbers above 0 for {', '.join(bad)}",
                )
            ]
        counts = _run(LITTLE_SETPOINT, LITTLE_DWELL, recipe_plant(seed))
        output = counts["finished"] * 3600.0 / counts["seconds"]
        arrivals = counts["parts_in"] * 3600.0 / counts["seconds"]
        wip = counts["wip"]
        lead = counts["lead_time"]
        thr, w, lt = values["throughput"], values["wip"], values["lead_time"]

        def near(a: float, b: float, rel: float = 0.01) -> bool:
            return abs(a - b) <= rel * abs(b) + 1e-9

        items.append(Item("throughput", f"{thr:.0f}/h", near(thr, output)))
        items.append(Item("wip", f"{w:.2f}", near(w, wip)))
        by_law = wip / output * 3600.0  # the truth: Little's law on the run's own output and mean WIP
        items.append(
            Item(
                "lead_time",
                f"{lt:.0f} s",
                near(lt, by_law, LITTLE_TOLERANCE),
                f"부품의 실제 평균 리드 타임: {lead:.0f}초",
                f"the parts' real mean lead time: {lead:.0f} s",
            )
        )
        if not near(thr, output):
            if near(thr, arrivals) and not near(arrivals, output):
                return [
                    _finding(
                        "arrivals",
                        f"처리량으로 들어온 부품(parts_in, 시간당 {arrivals:.0f}개)을 썼습니다: 병목 앞에 부품이 쌓이는 동안 "
                        f"라인을 나간 부품은 시간당 {output:.0f}개뿐입니다.",
                        f"you used the parts that came in (parts_in, {arrivals:.0f} an hour) as throughput: while parts "
                        f"queue before the bottleneck only {output:.0f} an hour leave the line",
                        "처리량 = finished × 3600 / seconds (나간 부품)로 계산하세요.",
                        "use throughput = finished x 3600 / seconds (parts that left)",
                        tag="production.parts_out",
                    )
                ]
            if near(thr * 60.0, output):
                return [
                    _finding(
                        "throughput_per_minute",
                        f"처리량을 분당 개수({thr:.1f})로 주었습니다: 시간당 개수({output:.0f})로 주세요.",
                        f"you gave the throughput per minute ({thr:.1f}): give it per hour ({output:.0f})",
                        "finished × 3600 / seconds로 계산하세요.",
                        "use finished x 3600 / seconds",
                    )
                ]
            return [
                _finding(
                    "wrong_throughput",
                    f"처리량 {thr:.0f}개/시간이 여러분의 실행(시드 {seed})과 다릅니다: 실행에서는 시간당 {output:.0f}개가 나갔습니다.",
                    f"the throughput {thr:.0f}/h is not your run's (seed {seed}): {output:.0f} an hour left the line",
                    "finished × 3600 / seconds로 계산하세요.",
                    "use finished x 3600 / seconds",
                )
            ]
        if not near(w, wip):
            return [
                _finding(
                    "wrong_wip",
                    f"재공(WIP) {w:.2f}개가 여러분의 실행의 평균 재공 {wip:.2f}개와 다릅니다.",
                    f"the WIP {w:.2f} is not your run's mean WIP {wip:.2f}",
                    'little_run()이 돌려준 "wip" 값을 그대로 쓰세요.',
                    'use the "wip" value little_run() returned',
                )
            ]
        if near(lt, by_law, LITTLE_TOLERANCE):
            return []
        if near(lt, thr / w, 0.02) or near(lt, thr / w / 3600.0, 0.02) or near(lt, thr / 3600.0 / w, 0.02):
            code, ko, en = (
                "little_inverted",
                f"리틀의 법칙을 거꾸로 썼습니다: 리드 타임 = 재공 / 처리량입니다 (처리량 / 재공이 아니라). 값은 {by_law:.0f}초쯤입니다.",
                f"you turned Little's law upside down: lead time = WIP / throughput (not throughput / WIP), about "
                f"{by_law:.0f} s",
            )
        elif near(lt, w / thr, 0.02) or near(lt, w / thr * 60.0, 0.02):
            code, ko, en = (
                "little_units",
                f"단위를 섞었습니다: 재공 / (시간당 처리량)은 시간 단위입니다. 초로 바꾸면 {by_law:.0f}초입니다.",
                f"units mixed: WIP / (parts an hour) is in hours; in seconds it is {by_law:.0f} s",
            )
        elif near(lt, w * thr, 0.02) or near(lt, w * thr / 3600.0, 0.02):
            code, ko, en = (
                "little_inverted",
                f"리틀의 법칙을 잘못 썼습니다: 재공 = 처리량 × 리드 타임이므로 리드 타임 = 재공 / 처리량입니다 ({by_law:.0f}초쯤).",
                f"Little's law misused: WIP = throughput x lead time, so lead time = WIP / throughput (about {by_law:.0f} s)",
            )
        else:
            code, ko, en = (
                "wrong_lead_time",
                f"리드 타임 {lt:.0f}초가 리틀의 법칙 값(재공 / 처리량 = {by_law:.0f}초)과 다릅니다.",
                f"the lead time {lt:.0f} s is not Little's law (WIP / throughput = {by_law:.0f} s)",
            )
        return [
            _finding(
                code,
                ko,
                en,
                "리드 타임(초) = 재공 / 처리량(개/시간) × 3600으로 계산하세요.",
                "use lead time (s) = WIP / throughput (parts an hour) x 3600",
            )
        ]
