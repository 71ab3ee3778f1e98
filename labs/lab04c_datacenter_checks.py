"""Checks of lab 4-3 (the class's data centre: compare the lines, a model on the pooled data): ``compare_lines``.

* ``compare_lines`` (value, unit 4): a function ``compare_lines(db)`` of a data-centre store (its URL, or an open
  store) returning one row per line, indexed by the line's name, with the columns ``availability``,
  ``performance``, ``quality`` and ``oee`` in %: each line's own figures at its **last** sample (the line counts
  OEE from its start, so the last sample is the line's OEE so far; when a line ran more than once, its newest
  run's last sample). Judged on two hidden stores (lines that start at different times, samples of all lines
  interleaved as a collector stores them) and, with ``db=``, on the student's own store (the class's, or the
  practice class of :func:`factorylab.practice.class_store`); the truth is read from the same store with SQL.
  Named mistakes: A, P and Q averaged for OEE, the first sample of the day instead of the last, the mean of all
  samples, the lines mixed (the same figures on every line, from the class's last sample or the class mean),
  fractions instead of %, A x P x Q in % without dividing by 10,000, a line left out.
"""

from __future__ import annotations

import datetime
import functools
import json
import random
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from factorylab.control.checks.base import register
from factorylab.control.checks.kinds import ValueCheck, call_student, function_error
from factorylab.control.checks.kinds import finite_number as _number
from factorylab.control.checks.result import CheckResult, Finding, Item
from factorylab.datacenter import queries
from factorylab.errors import FactoryLabError

#: the four figures, as columns of the answer
FIGURES = ("availability", "performance", "quality", "oee")
#: the tags of a sample that hold them
FIGURE_TAGS = {name: f"production.{name}" for name in FIGURES}
#: percentage points (A, P, Q and OEE arrive rounded to 0.1 %: OEE multiplied from them may be 0.2 off)
TOLERANCE = 0.25


# --- the store as tables --------------------------------------------------------------------------------------------


def true_lines(db: Any) -> dict[str, dict[str, float]]:
    """Each line's A, P, Q and OEE (%) at its newest run's last sample, read with SQL: the check's truth."""
    with queries.opened(db) as store:
        _, rows = store.rows(
            'SELECT s.line, s."values" FROM samples s JOIN ('
            "  SELECT line, max(wall) AS wall FROM samples GROUP BY line"
            ") last ON s.line = last.line AND s.wall = last.wall ORDER BY s.line, s.seq"
        )
    truth: dict[str, dict[str, float]] = {}
    for line, raw in rows:  # the last of equal walls (seq order) wins
        values = raw if isinstance(raw, dict) else json.loads(raw)
        truth[line] = {name: float(values[tag]) for name, tag in FIGURE_TAGS.items()}
    return truth


# --- hidden stores ------------------------------------------------------------------------------------------------


def _hidden_records(seed: int) -> list[dict[str, Any]]:
    """The uplink records of a hidden class: 3-5 lines with production counters that make sense, by wall time."""
    from factorylab.plant.line import oee_figures
    from factorylab.uplink import schema

    rng = random.Random(f"compare_lines|hidden|{seed}")
    start = datetime.datetime(2025, 3, 11, 1, 0, tzinfo=datetime.timezone.utc).timestamp()
    records = []
    for number in range(1, rng.randint(3, 5) + 1):
        line = f"line-{rng.randint(1, 30):02d}-{number}"
        run = f"{rng.getrandbits(128):032x}"
        offset = rng.uniform(0.0, 600.0)  # lines start at different times
        ideal = 4.0
        k = dict(run=0.0, idle=0.0, stop=0.0, down=0.0, finished=0, good=0)
        odds = {"run": rng.uniform(0.55, 0.85), "idle": rng.uniform(0.05, 0.2), "stop": rng.uniform(0.0, 0.1)}
        speed = rng.uniform(0.6, 1.0)
        defects = rng.uniform(0.01, 0.2)
        seq = 0
        for step in range(rng.randint(120, 200)):
            if step:
                draw = rng.random()
                state = "run" if draw < odds["run"] else "idle" if draw < odds["run"] + odds["idle"] else "stop"
                if state == "stop" and rng.random() < 0.5:
                    state = "down"
                k[state] += 5.0
                if state == "run":
                    made = sum(rng.random() < speed for _ in range(round(5.0 / ideal)))
                    k["finished"] += made
                    k["good"] += sum(rng.random() >= defects for _ in range(made))
            figures = oee_figures(
                run_time=k["run"],
                idle_time=k["idle"],
                finished=k["finished"],
                good=k["good"],
                planned_time=k["run"] + k["idle"] + k["stop"] + k["down"],
                ideal_cycle_time=ideal,
            )
            values = {
                "production.state": 1,
                "production.run_time": k["run"],
                "production.idle_time": k["idle"],
                "production.stop_time": k["stop"],
                "production.down_time": k["down"],
                "production.parts_out": k["finished"],
                "production.parts_good": k["good"],
                **{tag: round(float(value), 1) for tag, value in zip(FIGURE_TAGS.values(), figures, strict=True)},
            }
            seq += 1
            t = 5.0 * step
            records.append(
                {
                    "schema": schema.SCHEMA,
                    "kind": "tags",
                    "site": "school",
                    "line": line,
                    "run": run,
                    "seq": seq,
                    "t": t,
                    "wall": schema.wall_time(start + offset + t),
                    "values": values,
                    "units": {},
                }
            )
    records.sort(key=lambda record: record["wall"])
    return [schema.decode(schema.encode(record)) for record in records]


@functools.cache
def _scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="factorylab-compare-lines-"))


@functools.cache
def hidden_store(seed: int) -> str:
    """The URL of the hidden store of ``seed`` (made once per process, in a scratch folder)."""
    from factorylab.datacenter.store import open_store

    url = f"sqlite:///{_scratch() / f'hidden-{seed}.sqlite'}"
    store = open_store(url)
    try:
        if not store.counts()["samples"]:
            store.ingest(_hidden_records(seed))
    finally:
        store.close()
    return url


# --- the wrong answers the check names -------------------------------------------------------------------------------


def _per_line(db: Any, pick: Callable[[Any], Any]) -> dict[str, dict[str, float]]:
    """Figures per line from ``pick(group)`` of each line's samples (a row or a Series of the four tags)."""
    frame = queries.samples(db)
    result = {}
    for line, group in frame.groupby("line"):
        row = pick(group[list(FIGURE_TAGS.values())])
        result[str(line)] = {name: float(row[tag]) for name, tag in FIGURE_TAGS.items()}
    return result


def _mixed(db: Any, row: Mapping[str, float]) -> dict[str, dict[str, float]]:
    return {line: dict(row) for line in true_lines(db)}


def _class_last(db: Any) -> dict[str, dict[str, float]]:
    frame = queries.samples(db)
    last = frame.iloc[-1]
    return _mixed(db, {name: float(last[tag]) for name, tag in FIGURE_TAGS.items()})


def _class_mean(db: Any) -> dict[str, dict[str, float]]:
    truth = true_lines(db)
    return _mixed(db, {name: sum(t[name] for t in truth.values()) / len(truth) for name in FIGURES})


def _apq(db: Any, combine: Callable[[float, float, float], float]) -> dict[str, dict[str, float]]:
    result = {}
    for line, figures in true_lines(db).items():
        a, p, q = figures["availability"], figures["performance"], figures["quality"]
        result[line] = {"availability": a, "performance": p, "quality": q, "oee": combine(a, p, q)}
    return result


#: (code, what the wrong answer gives for a store, ko, en, next ko, next en), tried in order
RECOGNISERS: tuple[tuple[str, Callable[[Any], dict[str, dict[str, float]]], str, str, str, str], ...] = (
    (
        "averaged",
        lambda db: _apq(db, lambda a, p, q: (a + p + q) / 3),
        "OEE를 가용성, 성능, 품질의 평균으로 계산했습니다: OEE는 세 비율의 곱입니다.",
        "your OEE is the average of availability, performance and quality: OEE is the product of the three ratios",
        "OEE = 가용성 × 성능 × 품질 / 10000 (% 단위일 때)으로 고치거나, 라인이 보낸 production.oee를 쓰세요.",
        "use OEE = availability x performance x quality / 10000 (in %), or the production.oee the line sent",
    ),
    (
        "percent_product",
        lambda db: _apq(db, lambda a, p, q: a * p * q),
        "%로 된 세 값을 그대로 곱했습니다: 80 × 90 × 95는 684,000이지 68.4 %가 아닙니다.",
        "you multiplied the three figures in %: 80 x 90 x 95 is 684,000, not 68.4 %",
        "곱한 뒤 10000으로 나누세요 (또는 0~1 비율끼리 곱하고 100을 곱하세요).",
        "divide the product by 10,000 (or multiply the 0-1 ratios and then by 100)",
    ),
    (
        "fractions",
        lambda db: {line: {n: v / 100.0 for n, v in f.items()} for line, f in true_lines(db).items()},
        "네 값을 0~1의 비율로 돌려주었습니다: 이 과제는 %(0~100)로 답합니다.",
        "you returned the figures as fractions (0-1): this exercise answers in % (0-100)",
        "라인이 보낸 값(production.oee 같은 태그)은 이미 %입니다: 100으로 나누지 마세요.",
        "the values the lines sent (tags such as production.oee) are in % already: do not divide them by 100",
    ),
    (
        "first_sample",
        lambda db: _per_line(db, lambda group: group.iloc[0]),
        "각 라인의 첫 번째 표본(그날 처음 보낸 값)을 썼습니다: 라인은 OEE를 시작부터 누적해 세므로, 라인의 OEE는 마지막 표본의 값입니다.",
        "you took each line's first sample (the first of the day): a line counts OEE from its start, so its OEE "
        "is the value of its last sample",
        "라인마다 시각(t 또는 wall)이 가장 늦은 표본을 고르세요: groupby('line').last()나 tail(1).",
        "pick each line's latest sample (t or wall): groupby('line').last() or tail(1)",
    ),
    (
        "mean_of_samples",
        lambda db: _per_line(db, lambda group: group.mean()),
        "라인마다 모든 표본의 평균을 냈습니다: 표본의 값은 시작부터의 누적 OEE라, 평균은 어느 시각의 OEE도 아닙니다.",
        "you averaged all of each line's samples: each sample is the OEE so far, so their mean is the OEE of no "
        "moment at all",
        "평균 대신 라인마다 마지막 표본을 고르세요 (groupby('line').last()).",
        "pick each line's last sample instead of the mean (groupby('line').last())",
    ),
    (
        "lines_mixed",
        _class_last,
        "모든 라인에 같은 값을 넣었습니다 (반 전체의 마지막 표본): 표에는 여러 라인의 표본이 섞여 있으니 라인별로 나누어야 합니다.",
        "every line got the same figures (the class's last sample): the table mixes the samples of all lines, "
        "so split it by line first",
        "line 열로 나누세요: samples.groupby('line')이나 라인마다 반복문.",
        "split by the line column: samples.groupby('line') or a loop over the lines",
    ),
    (
        "class_mean",
        _class_mean,
        "모든 라인에 반 전체의 평균을 넣었습니다: 라인을 비교하려면 라인마다 따로 값을 구해야 합니다.",
        "every line got the class's mean: to compare lines, give each line its own figures",
        "라인마다 마지막 표본의 값을 구하세요 (groupby('line').last()).",
        "give each line the figures of its own last sample (groupby('line').last())",
    ),
)


# --- the check ----------------------------------------------------------------------------------------------------


def _table(value: Any) -> dict[str, dict[str, float]] | None:
    """The answer as ``{line: {figure: %}}`` (a DataFrame indexed by line or with a ``line`` column, or a dict)."""
    if hasattr(value, "to_dict") and hasattr(value, "columns"):
        frame = value
        if "line" in frame.columns:
            frame = frame.set_index("line")
        if any(name not in frame.columns for name in FIGURES):
            return None
        value = {str(line): {name: row[name] for name in FIGURES} for line, row in frame.iterrows()}
    if not isinstance(value, Mapping):
        return None
    table = {}
    for line, row in value.items():
        if not isinstance(row, Mapping) and not hasattr(row, "keys"):
            return None
        try:
            figures = {name: _number(row[name]) for name in FIGURES}
        except (KeyError, TypeError):
            return None
        if any(v is None for v in figures.values()):
            return None
        table[str(line)] = figures
    return table  # type: ignore[return-value]


def _close(a: Mapping[str, Mapping[str, float]], b: Mapping[str, Mapping[str, float]], tol: float) -> bool:
    if set(a) != set(b):
        return False
    return all(abs(a[line][name] - b[line][name]) <= tol for line in a for name in FIGURES)


def _url(db: Any) -> Any:
    from factorylab.datacenter.store import Store

    if isinstance(db, Store):
        return db
    if isinstance(db, (str, Path)):
        text = str(db)
        if "://" not in text and not Path(text).is_file():
            raise FactoryLabError(
                f"db=의 데이터베이스 파일이 없습니다: {text}. practice.class_store(...)가 돌려준 주소를 넘기세요.",
                f"there is no database file {text} for db=: pass the URL practice.class_store(...) returned",
            )
        return text
    raise FactoryLabError(
        'db=에는 데이터 센터의 주소를 넘기세요: factorylab.check(compare_lines, "compare_lines", db=DATACENTER)',
        'pass the data centre\'s URL as db=: factorylab.check(compare_lines, "compare_lines", db=DATACENTER)',
    )


@register
class CompareLines(ValueCheck):
    """``compare_lines(db)``: each line's availability, performance, quality and OEE (%) from the data centre."""

    name = "compare_lines"
    title = ("데이터 센터에서 라인 비교하기", "Comparing the lines in the data centre")
    function = "compare_lines"
    unit = "%"
    tolerance = TOLERANCE
    count = 2
    time_limit = 10.0

    def judge(self, answer: Any, seeds: list[int], db: Any = None, **options: Any) -> CheckResult:
        if options:
            raise FactoryLabError(
                f"이 검사가 모르는 값입니다: {', '.join(options)} (db=만 받습니다)",
                f"this check does not take {', '.join(options)} (only db=)",
            )
        stores: list[tuple[Any, str, str]] = []
        if db is not None:
            own = _url(db)
            if not true_lines(own):
                raise FactoryLabError(
                    "이 데이터 센터에는 아직 태그 표본이 없습니다: 라인이 업링크했는지, 주소가 맞는지 확인하세요.",
                    "this data centre has no tag samples yet: check that the lines uplinked and the URL is right",
                )
            stores.append((own, "여러분의 데이터 센터", "your data centre"))
        for seed in seeds:
            stores.append((hidden_store(seed), f"숨은 반 {seed % 1000}", f"hidden class {seed % 1000}"))
        if not callable(answer):
            return self.result(False, [_not_a_function(answer)])
        given = []
        for url, label_ko, label_en in stores:
            value, error = call_student(answer, url, limit=self.time_limit)
            if error is not None:
                return self.result(False, [function_error(error, self.function, self.time_limit)])
            table = _table(value)
            if table is None:
                return self.result(False, [_not_a_table(value, label_ko, label_en)])
            given.append(table)
        truths = [true_lines(url) for url, _, _ in stores]
        items = []
        for (_, _, label_en), table, truth in zip(stores, given, truths, strict=True):
            right = _close(table, truth, self.tolerance)
            shown = ", ".join(f"{line} {figures['oee']:.1f}" for line, figures in sorted(table.items())[:6])
            items.append(Item(label_en, f"OEE {shown}", right))
        if all(item.right for item in items):
            return self.result(True, [], seeds=len(stores), items=items)
        return self.result(False, [self._explain(stores, given, truths)], seeds=len(stores), items=items)

    def _explain(self, stores: list, given: list, truths: list) -> Finding:
        for code, formula, ko, en, next_ko, next_en in RECOGNISERS:
            try:
                if all(_close(g, formula(url), self.tolerance) for (url, _, _), g in zip(stores, given, strict=True)):
                    return Finding(code, ko, en, next_ko, next_en)
            except (ArithmeticError, KeyError, ValueError, TypeError):
                continue
        for (_, label_ko, label_en), table, truth in zip(stores, given, truths, strict=True):
            missing = sorted(set(truth) - set(table))
            if missing:
                return Finding(
                    "missing_line",
                    f"{label_ko}에서 라인 {', '.join(missing[:3])}이(가) 답에 없습니다 (라인 {len(truth)}개 중 {len(table)}개).",
                    f"in {label_en} your answer lacks the line(s) {', '.join(missing[:3])} ({len(table)} of "
                    f"{len(truth)} lines)",
                    "정해진 라인 이름을 쓰지 말고, 표의 line 열에 있는 모든 라인을 돌려주세요.",
                    "do not write the line names in; return every line in the table's line column",
                )
            extra = sorted(set(table) - set(truth))
            if extra:
                return Finding(
                    "unknown_line",
                    f"{label_ko}에 없는 라인이 답에 있습니다: {', '.join(extra[:3])}.",
                    f"your answer for {label_en} has lines it does not have: {', '.join(extra[:3])}",
                    "답의 행 이름(index)이 line 열의 라인 이름인지 확인하세요.",
                    "check that your rows (the index) are named by the line column's names",
                )
            for line in sorted(truth):
                for name in FIGURES:
                    if abs(table[line][name] - truth[line][name]) > self.tolerance:
                        return Finding(
                            "wrong_value",
                            f"{label_ko}의 {line}: {name}이(가) {table[line][name]:.1f} %인데, 맞는 값은 "
                            f"{truth[line][name]:.1f} %입니다.",
                            f"{label_en}, {line}: your {name} is {table[line][name]:.1f} %, but the right value is "
                            f"{truth[line][name]:.1f} %",
                            "그 라인의 마지막 표본을 직접 출력해 보고 코드와 비교하세요.",
                            "print that line's last sample and compare it with your code",
                        )
        raise AssertionError("a wrong answer without a wrong value")  # pragma: no cover


def _not_a_function(answer: Any) -> Finding:
    return Finding(
        "not_a_function",
        f"이 검사에는 함수 compare_lines를 넘기세요 (받은 것: {type(answer).__name__}): 숨은 반의 데이터로도 확인합니다.",
        f"this check takes the function compare_lines (got a {type(answer).__name__}): it is tried on hidden "
        "classes' data too",
    )


def _not_a_table(value: Any, label_ko: str, label_en: str) -> Finding:
    return Finding(
        "not_a_table",
        f"{label_ko}에서 compare_lines가 라인마다 네 값(availability, performance, quality, oee)이 든 표를 돌려주지 "
        f"않았습니다 (돌려준 값: {value!r:.80}).",
        f"for {label_en} compare_lines did not return a table of the four figures (availability, performance, "
        f"quality, oee) per line (it returned {value!r:.80})",
        "행 이름(index)이 라인이고 열이 네 값인 DataFrame을 돌려주세요.",
        "return a DataFrame indexed by line with the four figures as columns",
    )


__all__ = ["FIGURES", "RECOGNISERS", "CompareLines", "hidden_store", "true_lines"]
