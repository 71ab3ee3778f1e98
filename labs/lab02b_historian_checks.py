"""Check of lab 2-2 (``historian``): a 30-minute recording, its per-minute table and one figure from it.

``historian`` (value) judges the student's own file and what they made of it::

    answer = {"store": "shift.sqlite", "per_minute": per_minute, "oven_mean": oven_mean}
    factorylab.check(answer, "historian")

* the file (its newest run): the ten tags asked for, by their real names
  (``REQUIRED_TAGS``), one row every 1 s, 30 simulated minutes, no rows
  missing. Recording every scan (a file 20 times too big), every tag of the
  line, wrong names (``oven.temperature_raw`` for ``oven.temperature``),
  30 seconds for 30 minutes, and a shift split over several runs are each
  named;
* ``per_minute``: the recording resampled to one row per minute, the mean of
  each minute (any index: a ``resample("1min")`` of a time index, a
  ``groupby`` of the minute number ...). Not resampled, a wrong period, the
  sum or the last value instead of the mean are each named;
* ``oven_mean``: the mean oven temperature (°C) over minutes 20-30 of the
  recording, within 1 % of the value recomputed from the file. The mean of
  the whole run (with the warm-up), of the first ten minutes and of the
  heater are each named.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

from factorylab.control.checks.base import Check, register
from factorylab.control.checks.kinds import _number
from factorylab.control.checks.result import CheckResult, Finding, Item
from factorylab.errors import FactoryLabError
from factorylab.tags import ALL_TAGS

#: what the shift's recording holds (lab 2-2, task 1)
REQUIRED_TAGS = (
    "production.state",
    "production.parts_in",
    "production.parts_out",
    "production.oee",
    "conveyor1.current",
    "conveyor1.belt_speed",
    "oven.temperature",
    "oven.heater",
    "oven.parts_inside",
    "tank.level",
)
MINUTES = 30
EVERY = 1.0  # s between rows
WINDOW = (20, 30)  # minutes of the recording the oven's mean is taken over
#: the columns of the per-minute table compared with the file (where the student's table has them)
JUDGED = ("oven.temperature", "production.parts_out", "conveyor1.current", "tank.level", "oven.heater")
#: a recording with more columns than this holds every tag of the line, not the ten asked for
EVERY_TAG = 40


def _finding(code: str, ko: str, en: str, next_ko: str = "", next_en: str = "") -> Finding:
    return Finding(code, ko, en, next_ko, next_en)


@register
class HistorianCheck(Check):
    """A shift's recording (file), its per-minute table and the mean oven temperature in minutes 20-30."""

    name = "historian"
    title = (
        "기록기: 30분 기록, 분 단위 표, 오븐 평균 온도",
        "historian: 30-minute recording, per-minute table, oven mean",
    )
    kind = "value"
    count = 1

    def judge(self, answer: Any, seeds: list[int], **options: Any) -> CheckResult:
        if not isinstance(answer, dict):
            return self.result(
                False,
                [
                    _finding(
                        "not_a_dict",
                        '답은 {"store": 파일 이름, "per_minute": 표, "oven_mean": 숫자} 모양의 사전(dict)으로 주세요.',
                        'give your answer as a dict {"store": file name, "per_minute": table, "oven_mean": number}',
                    )
                ],
            )
        loaded = self._load(answer.get("store"))
        if isinstance(loaded, Finding):
            return self.result(False, [loaded])
        frame, runs, path = loaded
        findings = self._file(frame, runs, path)
        if findings:
            return self.result(False, findings)
        times = [float(t) for t in frame.index]
        start = times[0]
        minute = [int((t - start) // 60) for t in times]
        items = [Item("store", str(path), True)]
        notes = []
        if len(runs) > 1:
            notes.append(
                (
                    f"파일에 기록(run)이 {len(runs)}개 있어 마지막 기록(run {runs[-1]})을 보았습니다.",
                    f"the file holds {len(runs)} runs: the check looked at the newest (run {runs[-1]})",
                )
            )
        problem = self._per_minute(answer.get("per_minute"), frame, minute)
        items.append(Item("per_minute", _shape(answer.get("per_minute")), problem is None))
        if problem is not None:
            return self.result(False, [problem], items=items, notes=notes, seeds=1)
        problem = self._oven_mean(answer.get("oven_mean"), frame, times, start)
        items.append(Item("oven_mean", answer.get("oven_mean"), problem is None))
        if problem is not None:
            return self.result(False, [problem], items=items, notes=notes, seeds=1)
        return self.result(True, [], items=items, notes=notes, seeds=1)

    # --- the file -----------------------------------------------------------------------------------------
    def _load(self, store: Any) -> tuple[Any, list[int], Path] | Finding:
        """(newest run's frame without the run column, the run numbers, the path), or what is wrong."""
        from factorylab import data

        if store is None or not isinstance(store, (str, os.PathLike)) or not str(store).strip():
            return _finding(
                "no_store",
                '"store"에 기록 파일의 이름을 주세요 (받은 것: ' + repr(store) + ").",
                f'give the history file\'s name as "store" (got {store!r})',
                'factorylab.run(..., store="shift.sqlite")에 준 이름 그대로 쓰세요.',
                'use the name you gave factorylab.run(..., store="shift.sqlite")',
            )
        path = Path(store)
        if not path.is_file():
            return _finding(
                "no_file",
                f"{path} 파일이 없습니다: 기록하는 셀을 아직 실행하지 않았거나 이름이 다릅니다.",
                f"there is no file {path}: the recording cell has not run yet, or the name differs",
                "기록 셀을 실행하고, 같은 이름을 쓰세요.",
                "run the recording cell and use the same name",
            )
        try:
            frame = data.load(path)
        except FactoryLabError as error:
            return _finding(
                "not_a_history",
                f"{path} 파일을 기록으로 읽을 수 없습니다 ({error.ko}).",
                f"{path} cannot be read as a recording ({error.en})",
                "factorylab.run(..., store=)으로 다시 기록하세요.",
                "record it again with factorylab.run(..., store=)",
            )
        runs = sorted(int(r) for r in frame["run"].unique()) if len(frame) else []
        if not runs:
            return _finding(
                "empty_file",
                f"{path} 파일에 기록된 행이 없습니다.",
                f"{path} holds no rows",
                "기록 셀을 다시 실행하세요.",
                "run the recording cell again",
            )
        newest = frame[frame["run"] == runs[-1]].drop(columns="run")
        newest.attrs["all_runs"] = {int(r): int((frame["run"] == r).sum()) for r in runs}
        return newest, runs, path

    def _file(self, frame: Any, runs: list[int], path: Path) -> list[Finding]:
        findings: list[Finding] = []
        columns = [str(c) for c in frame.columns]
        if len(columns) > EVERY_TAG:
            findings.append(
                _finding(
                    "every_tag",
                    f"태그를 {len(columns)}개 기록했습니다: record를 주지 않으면 라인의 모든 태그가 들어갑니다.",
                    f"you recorded {len(columns)} tags: without record every tag of the line goes in",
                    f"record=에 태그 {len(REQUIRED_TAGS)}개의 이름 목록을 주세요.",
                    f"give record= the list of the {len(REQUIRED_TAGS)} tag names",
                )
            )
        else:
            missing = [name for name in REQUIRED_TAGS if name not in columns]
            extra = [name for name in columns if name not in REQUIRED_TAGS]
            if missing or extra:
                findings.append(_wrong_tags(missing, extra))
        times = [float(t) for t in frame.index]
        rows = len(times)
        steps = sorted(b - a for a, b in zip(times, times[1:], strict=False))
        spacing = steps[len(steps) // 2] if steps else 0.0
        duration = (times[-1] - times[0] + spacing) if rows > 1 else 0.0
        if rows > 1 and spacing < 0.5:
            size = path.stat().st_size / 1e6
            findings.append(
                _finding(
                    "every_scan",
                    f"행 사이 간격이 {spacing:g}초(스캔마다)라 행이 {rows}개, 파일이 {size:.1f} MB입니다: 1초 간격의 "
                    f"{1 / spacing:.0f}배입니다.",
                    f"rows are {spacing:g} s apart (every scan): {rows} rows and a {size:.1f} MB file, "
                    f"{1 / spacing:.0f} times what 1 s gives",
                    "record_every=1로 다시 기록하세요.",
                    "record again with record_every=1",
                )
            )
        elif rows > 1 and abs(spacing - EVERY) > 1e-6:
            findings.append(
                _finding(
                    "wrong_spacing",
                    f"행 사이 간격이 {spacing:g}초입니다: 과제는 1초마다 한 행입니다.",
                    f"rows are {spacing:g} s apart: the task asks for one row every 1 s",
                    "record_every=1로 다시 기록하세요.",
                    "record again with record_every=1",
                )
            )
        gaps = [(a, b) for a, b in zip(times, times[1:], strict=False) if b - a > 1.5 * spacing > 0]
        if gaps:
            lost = sum(round((b - a) / spacing) - 1 for a, b in gaps)
            findings.append(
                _finding(
                    "rows_missing",
                    f"{gaps[0][0]:.1f}초 뒤에 행이 비어 있습니다: 모두 {lost}개 행이 빠졌습니다.",
                    f"rows are missing after {gaps[0][0]:.1f} s: {lost} rows in all",
                    "한 번의 factorylab.run()으로 처음부터 다시 기록하세요.",
                    "record again from the start with one factorylab.run()",
                )
            )
        want = MINUTES * 60.0
        if rows <= 1 or duration < want - 10:
            all_runs = frame.attrs.get("all_runs", {})
            if len(runs) > 1 and sum(all_runs.values()) * max(spacing, 1e-9) >= want - 10:
                findings.append(
                    _finding(
                        "several_runs",
                        f"파일에 기록(run)이 {len(runs)}개이고 마지막 run은 {duration / 60:.1f}분뿐입니다: "
                        "run()을 부를 때마다 새 run이 생깁니다.",
                        f"the file holds {len(runs)} runs and the newest is only {duration / 60:.1f} min long: every "
                        "call of run() adds a run",
                        "파일을 지우고 run() 한 번으로 30분(1800초)을 기록하세요.",
                        "delete the file and record the 30 minutes (1800 s) with one run()",
                    )
                )
            elif 20 <= duration <= 40:
                findings.append(
                    _finding(
                        "seconds_not_minutes",
                        f"{duration:.0f}초만 기록했습니다: seconds는 초 단위라 30분은 1800초입니다.",
                        f"you recorded {duration:.0f} s only: seconds counts seconds, so 30 minutes is 1800",
                        "seconds=30 * 60으로 쓰세요.",
                        "use seconds=30 * 60",
                    )
                )
            else:
                findings.append(
                    _finding(
                        "too_short",
                        f"기록이 {duration / 60:.1f}분입니다: 과제는 30분입니다.",
                        f"the recording is {duration / 60:.1f} min long: the task asks for 30 min",
                        "seconds=1800으로 다시 기록하세요.",
                        "record again with seconds=1800",
                    )
                )
        elif duration > want + 10:
            findings.append(
                _finding(
                    "too_long",
                    f"기록이 {duration / 60:.1f}분입니다: 과제는 30분입니다.",
                    f"the recording is {duration / 60:.1f} min long: the task asks for 30 min",
                    "seconds=1800으로 다시 기록하세요.",
                    "record again with seconds=1800",
                )
            )
        return findings

    # --- the per-minute table ---------------------------------------------------------------------------------
    def _per_minute(self, table: Any, frame: Any, minute: list[int]) -> Finding | None:
        import numpy as np
        import pandas as pd

        if table is None:
            return _finding(
                "no_per_minute",
                '"per_minute"가 아직 None입니다.',
                '"per_minute" is still None',
                "1분마다 평균을 낸 표(DataFrame)를 만드세요.",
                "make the table of each minute's mean (a DataFrame)",
            )
        if not isinstance(table, pd.DataFrame):
            return _finding(
                "per_minute_not_a_table",
                f'"per_minute"는 표(DataFrame)여야 합니다 (받은 것: {type(table).__name__}).',
                f'"per_minute" must be a table (a DataFrame; got a {type(table).__name__})',
                "frame.resample(...).mean()이 돌려주는 표를 그대로 주세요.",
                "give the table frame.resample(...).mean() returns",
            )
        grouped = frame.groupby(np.asarray(minute))
        if len(table) == len(frame):
            return _finding(
                "not_resampled",
                f'"per_minute"의 행이 기록과 같은 {len(table)}개입니다: 1분 단위로 묶지 않았습니다.',
                f'"per_minute" has the same {len(table)} rows as the recording: it is not grouped by minute',
                'frame.resample("1min").mean()처럼 1분마다 한 행으로 만드세요.',
                'make one row per minute, e.g. frame.resample("1min").mean()',
            )
        if len(table) != len(grouped):
            return _finding(
                "wrong_period",
                f'"per_minute"의 행이 {len(table)}개입니다: 30분을 1분씩 묶으면 {len(grouped)}개입니다.',
                f'"per_minute" has {len(table)} row{"" if len(table) == 1 else "s"}: 30 minutes in minutes make '
                f"{len(grouped)}",
                '묶는 간격을 "1min"(60초)으로 쓰세요.',
                'group by "1min" (60 s)',
            )
        if "oven.temperature" not in table.columns:
            return _finding(
                "per_minute_columns",
                '"per_minute"에 `oven.temperature` 열이 없습니다.',
                '"per_minute" has no oven.temperature column',
                "기록한 모든 열의 평균을 내세요 (열을 고르지 말고).",
                "take the mean of every recorded column (do not pick columns)",
            )
        for name in JUDGED:
            if name not in table.columns or name not in frame.columns:
                continue
            given = pd.to_numeric(table[name], errors="coerce").to_numpy(dtype=float)
            column = grouped[name]
            if _same(given, column.mean().to_numpy(dtype=float)):
                continue
            if _same(given, column.sum().to_numpy(dtype=float)):
                return _finding(
                    "resample_sum",
                    f"1분마다 `{name}`의 합(sum)을 냈습니다: 과제는 1분 동안의 평균입니다.",
                    f"you added up {name} in each minute (sum): the task asks for each minute's mean",
                    ".sum() 대신 .mean()을 쓰세요.",
                    "use .mean() instead of .sum()",
                )
            for how, how_ko in _NOT_MEANS:
                if _same(given, getattr(column, how)().to_numpy(dtype=float)):
                    return _finding(
                        "not_the_mean",
                        f"`{name}`의 1분 값이 평균이 아니라 {how_ko}({how})입니다.",
                        f"each minute of {name} is the {how}, not the mean",
                        f".{how}() 대신 .mean()을 쓰세요.",
                        f"use .mean() instead of .{how}()",
                    )
            return _finding(
                "per_minute_wrong",
                f"`{name}`의 1분 평균이 기록에서 다시 계산한 값과 다릅니다.",
                f"the per-minute means of {name} differ from those recomputed from the recording",
                "파일을 다시 읽고(data.load) 아무것도 빼지 않은 채 1분씩 평균을 내세요.",
                "load the file again (data.load) and take each minute's mean without dropping rows",
            )
        return None

    # --- the figure ---------------------------------------------------------------------------------------------
    def _oven_mean(self, given: Any, frame: Any, times: list[float], start: float) -> Finding | None:
        if given is None:
            return _finding(
                "no_oven_mean",
                '"oven_mean"이 아직 None입니다.',
                '"oven_mean" is still None',
                "20~30분 구간의 오븐 평균 온도(°C)를 숫자로 주세요.",
                "give the mean oven temperature (°C) over minutes 20-30 as a number",
            )
        number = _number(given)
        if number is None or not math.isfinite(number):
            return _finding(
                "oven_mean_not_a_number",
                f'"oven_mean"은 숫자여야 합니다 (받은 것: {given!r}).',
                f'"oven_mean" must be a number (got {given!r})',
                "표에서 꺼낸 값에 float()을 씌우거나 .mean()의 결과를 그대로 주세요.",
                "give the result of .mean() as it is, or wrap it in float()",
            )
        low, high = (start + 60.0 * m for m in WINDOW)
        temperature = frame["oven.temperature"]
        truth = _mean(temperature, times, low, high)
        if abs(number - truth) <= 0.01 * abs(truth):
            return None
        unit = ALL_TAGS["oven.temperature"].unit
        candidates = [
            (
                "whole_run_mean",
                _mean(temperature, times, -math.inf, math.inf),
                "기록 전체(데우는 시간 포함)의 평균을 냈습니다",
                "you took the mean of the whole recording (with the warm-up)",
            ),
            (
                "first_ten_minutes",
                _mean(temperature, times, start, start + 600.0),
                "처음 10분(0~10분)의 평균을 냈습니다",
                "you took the mean of the first ten minutes (0-10)",
            ),
            (
                "wrong_column",
                _mean(frame["oven.heater"], times, low, high) if "oven.heater" in frame else math.nan,
                "온도가 아니라 히터 출력(`oven.heater`, %)의 평균을 냈습니다",
                "you took the mean of the heater (oven.heater, %), not of the temperature",
            ),
        ]
        for code, value, ko, en in candidates:
            if math.isfinite(value) and abs(number - value) <= max(1e-6, 1e-4 * abs(value)):
                if code == "wrong_column":
                    next_ko, next_en = (
                        "`oven.temperature` 열의 평균을 내세요.",
                        "take the mean of the oven.temperature column",
                    )
                else:
                    next_ko = "시간이 1200초 이상, 1800초 미만인 행(또는 표의 20~29번째 분)만 쓰세요."
                    next_en = (
                        "use only the rows from 1200 s up to (not including) 1800 s (or minutes 20-29 of the table)"
                    )
                return _finding(
                    code,
                    f"{ko}: 20~30분의 평균 온도는 {truth:.1f} {unit}입니다.",
                    f"{en}: the mean temperature over minutes 20-30 is {truth:.1f} {unit}",
                    next_ko,
                    next_en,
                )
        return _finding(
            "oven_mean_wrong",
            f"오븐 평균 온도가 {number:.1f} {unit}인데, 기록에서 다시 계산하면 {truth:.1f} {unit}입니다 (1 % 이내여야 함).",
            f"your mean oven temperature is {number:.1f} {unit}; recomputed from the recording it is {truth:.1f} "
            f"{unit} (it must be within 1 %)",
            "20~30분 구간을 고른 식을 한 줄씩 확인하세요.",
            "check line by line how you chose minutes 20-30",
        )


_NOT_MEANS = (("last", "마지막 값"), ("first", "첫 값"), ("max", "최댓값"), ("min", "최솟값"), ("median", "중앙값"))


def _same(given: Any, truth: Any) -> bool:
    import numpy as np

    return given.shape == truth.shape and bool(np.allclose(given, truth, rtol=1e-6, atol=1e-6, equal_nan=True))


def _mean(column: Any, times: list[float], low: float, high: float) -> float:
    values = [float(v) for v, t in zip(column.to_numpy(), times, strict=True) if low <= t < high]
    return sum(values) / len(values) if values else math.nan


def _shape(table: Any) -> str:
    shape = getattr(table, "shape", None)
    return f"{shape[0]} x {shape[1]}" if shape is not None and len(shape) == 2 else repr(table)[:40]


def _wrong_tags(missing: list[str], extra: list[str]) -> Finding:
    """The finding for a recording without the tags asked for, with the near misses named."""
    swaps = []
    for name in missing:
        device = name.split(".", 1)[0]
        near = next((e for e in extra if e.split(".", 1)[0] == device), None)
        if near is not None:
            swaps.append((near, name))
    if swaps:
        near, name = swaps[0]
        ko = f"`{name}` 자리에 다른 태그가 기록되었습니다: `{near}` = {ALL_TAGS[near].description_ko}."
        en = f"you recorded {near} instead of {name}: {ALL_TAGS[near].description_en}"
    elif missing:
        ko = f"기록에 없는 태그: {', '.join(missing)}."
        en = f"the recording lacks {', '.join(missing)}"
    else:
        ko = f"과제에 없는 태그를 기록했습니다: {', '.join(extra)}."
        en = f"you recorded tags the task does not ask for: {', '.join(extra)}"
    return _finding(
        "wrong_tags",
        ko,
        en,
        "`line.info(이름)`으로 설명과 단위를 확인해 10개를 고르고, 파일을 지운 뒤 다시 기록하세요.",
        "check each description and unit with line.info(name), then delete the file and record again",
    )


__all__ = ["EVERY", "MINUTES", "REQUIRED_TAGS", "WINDOW", "HistorianCheck"]
