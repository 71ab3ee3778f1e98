"""Checks of lab 7-2 (``failure_prediction``): which columns a failure-prediction model may read.

* ``leakage`` (quiz, decide): the student lists the columns of the parts table
  a model may use for a task, ``task="prognosis"`` (the default: *predict
  before the part starts*) or ``task="diagnosis"`` (say, from what is measured
  while the part is machined, whether the CNC failed on it, as
  ``failure_model`` does). Every column that is not known at that moment is
  named with its reason: the label and the failure modes (TWF..TBF), what is
  known only after the part is finished (inspection, defect, where it went,
  when it left), the oven's data, the part's id (column reasons from
  :mod:`factorylab.control.checks.failure_model`), and, for prognosis, the
  spindle speed and torque, which exist only while the part is machined.
  Keeping every column (the AI4I notebooks' "F1 = 0.99" trap) is named as
  such; an empty list, a misspelt column and a forgotten usable column too.

::

    factorylab.check(["type", "grade", "tool_wear", ...], "leakage")
    factorylab.check(X_train, "leakage")                     # a DataFrame: its columns
    factorylab.check(columns, "leakage", task="diagnosis")
"""

from __future__ import annotations

from typing import Any

from factorylab.control.checks.base import Check, register
from factorylab.control.checks.failure_model import ALLOWED, LEAKS
from factorylab.control.checks.result import CheckResult, Finding, Item
from factorylab.data.dataset import PART_COLUMNS
from factorylab.errors import FactoryLabError

#: every column of the parts table
PARTS_COLUMNS = tuple(column[0] for column in PART_COLUMNS)
#: measured only while the part is machined: fine for diagnosis, a leak for prognosis
WHILE_MACHINING: dict[str, tuple[str, str]] = {
    "rotational_speed": (
        "주축 회전수는 가공하는 동안에만 잽니다. 가공 전에 예측(예지)할 때는 아직 없는 값이고, 진단에만 쓸 수 있습니다",
        "the spindle speed is measured only while the part is machined: it does not exist yet before the part "
        "starts (prognosis), it is for diagnosis only",
    ),
    "torque": (
        "토크는 가공하는 동안에만 잽니다. 과부하·동력 고장 규칙이 바로 토크로 정해지니, 가공 전 예측에 넣으면 답을 미리 보는 셈입니다",
        "the torque is measured only while the part is machined, and the overstrain and power rules are made of it: "
        "before the part starts it does not exist yet (diagnosis only)",
    ),
}
#: the columns each task may use; all of them except ``fed_at`` must be listed
TASKS: dict[str, tuple[str, ...]] = {
    "prognosis": tuple(c for c in ALLOWED if c not in WHILE_MACHINING),
    "diagnosis": tuple(ALLOWED),
}
TASK_NAMES = {
    "prognosis": ("예지(가공 전 예측)", "prognosis"),
    "diagnosis": ("진단(가공 중 측정으로 판정)", "diagnosis"),
}
#: allowed but not required: the time the part was fed says little about failures
OPTIONAL = ("fed_at",)
#: this many leaking columns: the student kept (nearly) the whole table
ALL_COLUMNS = 15


def leaking_columns(task: str = "prognosis") -> dict[str, tuple[str, str]]:
    """Every column of the parts table a model for ``task`` must not read, with its reason (ko, en)."""
    reasons = dict(LEAKS)
    if task == "prognosis":
        reasons.update(WHILE_MACHINING)
    allowed = TASKS[task]
    return {c: reasons[c] for c in PARTS_COLUMNS if c not in allowed and c in reasons}


def _columns(answer: Any) -> list[str] | None:
    """The column names in an answer (a list, tuple, set, pandas Index or a DataFrame's columns), None if not one."""
    if hasattr(answer, "columns") and not isinstance(answer, (str, dict)):
        answer = answer.columns
    if isinstance(answer, (str, bytes, dict)) or not hasattr(answer, "__iter__"):
        return None
    names = list(answer)
    if not all(isinstance(name, str) for name in names):
        return None
    return list(dict.fromkeys(name.strip() for name in names))


@register
class Leakage(Check):
    """The columns a CNC failure model may use before the part starts (or while it is machined), each leak named."""

    name = "leakage"
    title = ("데이터 누설: 예측할 때 쓸 수 있는 열", "leakage: the columns a prediction may use")
    kind = "quiz"
    count = 1

    def judge(self, answer: Any, seeds: list[int], task: str = "prognosis", **options: Any) -> CheckResult:
        if options:
            raise FactoryLabError(
                f"이 검사가 모르는 값입니다: {', '.join(options)} (task=만 받습니다)",
                f"this check does not take {', '.join(options)} (only task=)",
            )
        if task not in TASKS:
            raise FactoryLabError(
                f"task는 'prognosis' 또는 'diagnosis'입니다 (받은 값: {task!r}).",
                f"task is 'prognosis' or 'diagnosis' (got {task!r}).",
            )
        task_ko, task_en = TASK_NAMES[task]
        columns = _columns(answer)
        if columns is None:
            return self.result(
                False,
                [
                    Finding(
                        "not_a_list",
                        f"답은 열 이름의 리스트로 주세요 (받은 것: {type(answer).__name__}).",
                        f"give your answer as a list of column names (got a {type(answer).__name__})",
                        '예: ["type", "tool_wear"]처럼 열 이름마다 따옴표를 두르세요.',
                        'e.g. ["type", "tool_wear"]: quote each column name',
                    )
                ],
            )
        if not columns:
            return self.result(
                False,
                [
                    Finding(
                        "empty",
                        "열을 하나도 고르지 않았습니다: 아무 열도 없으면 모델은 늘 같은 답만 합니다.",
                        "you chose no column: with no column a model can only give the same answer every time",
                        f"{task_ko} 시점에 이미 아는 열을 골라 넣으세요.",
                        f"list the columns already known at the moment of {task_en}",
                    )
                ],
            )
        unknown = [c for c in columns if c not in PARTS_COLUMNS]
        if unknown:
            return self.result(
                False,
                [
                    Finding(
                        "unknown_column",
                        f"부품 표에 없는 열입니다: {', '.join(unknown)}.",
                        f"the parts table has no column {', '.join(unknown)}",
                        "parts.columns로 열 이름의 철자를 확인하세요.",
                        "check the spelling with parts.columns",
                    )
                ],
            )
        leaks = leaking_columns(task)
        allowed = TASKS[task]
        items: list[Item] = []
        findings: list[Finding] = []
        for column in columns:
            if column in allowed:
                items.append(Item(column, "사용 / use", True))
                continue
            ko, en = leaks[column]
            items.append(Item(column, "사용 / use", False, ko, en))
            findings.append(
                Finding(
                    f"leak:{column}",
                    f"열 {column}: {ko}.",
                    f"the column {column} leaks: {en}",
                    "이 열을 목록에서 빼세요.",
                    "remove it from your list",
                    tag=column,
                )
            )
        if len(findings) >= ALL_COLUMNS:
            findings.insert(
                0,
                Finding(
                    "all_columns",
                    f"표의 열을 거의 다 넣었습니다: 그중 {len(findings)}개가 답을 미리 알려 줍니다. "
                    "AI4I 노트북들이 F1 0.99를 얻는 함정이 바로 이것입니다.",
                    f"you kept nearly every column of the table, and {len(findings)} of them give the answer away: "
                    "this is the trap behind the AI4I notebooks' F1 of 0.99",
                    f"열마다 '{task_ko} 시점에 이 값을 이미 아는가?'를 물어 골라내세요.",
                    f"ask of each column: is it already known at the moment of {task_en}?",
                ),
            )
        missing = [c for c in allowed if c not in columns and c not in OPTIONAL]
        if missing:
            shown = ", ".join(missing)
            findings.append(
                Finding(
                    "missing",
                    f"{task_ko} 시점에 이미 아는 열을 빠뜨렸습니다: {shown}.",
                    f"you left out columns already known at the moment of {task_en}: {shown}",
                    "고장 규칙(AI4I 규칙)에 쓰이는 값인지 보고 목록에 넣으세요.",
                    "see whether the failure rules use them and add them to your list",
                )
            )
            items.extend(Item(c, "—", False, "쓸 수 있는 열입니다", "a usable column") for c in missing)
        right = sum(item.right for item in items)
        notes = [
            (f"과제: {task_ko}. 고른 열 {len(columns)}개 중 {right}개가 쓸 수 있는 열", f"task: {task_en}. {right} of "
             f"your {len(columns)} columns may be used"),
        ]  # fmt: skip
        return self.result(not findings, findings, seeds=1, items=items, notes=notes)
