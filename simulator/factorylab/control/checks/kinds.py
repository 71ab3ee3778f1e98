"""Value, quiz, scored and model checks: the same CheckResult and the same feedback rules as behaviour checks.

* :class:`ValueCheck`: a student's function (or a number) against the truth
  computed for hidden inputs or for the student's own run or data, with
  *recognisers* that name known wrong formulas.
* :class:`QuizCheck`: item-by-item classification with a reason for each
  wrong item.
* :class:`ScoredCheck`: a controller's continuous score on hidden seeds
  against published baselines run on the same seeds, with a pass threshold
  and the formula shown.
* model checks live in :mod:`.failure_model` (a fitted scikit-learn model on a
  hidden-seed dataset plus a leakage check of its features).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ...errors import FactoryLabError
from ..memory import program_for
from ..student import StudentCodeError, Watchdog, student_error
from .base import Check
from .behaviour import Judge, borrowed, error_finding, run_seed
from .result import CheckResult, Finding, Item

# --- value checks ----------------------------------------------------------------------------------------


@dataclass
class Case:
    """One hidden input of a value check and its true answer."""

    inputs: tuple
    truth: float
    label: str = ""  # how the input is shown to the student


@dataclass
class Recogniser:
    """A known wrong formula: what it computes, and what to tell a student whose answers match it."""

    code: str
    formula: Callable[..., float]
    ko: str
    en: str
    next_ko: str = ""
    next_en: str = ""


def _number(value: Any) -> float | None:
    """A float from a Python or numpy number (None if it is not one)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        return float(value)
    if hasattr(value, "item") and getattr(value, "shape", ()) == ():
        return _number(value.item())
    return None


def finite_number(value: Any) -> float | None:
    """A float from a Python or numpy number that is finite (None for anything else, NaN and infinity too)."""
    number = _number(value)
    return number if number is not None and math.isfinite(number) else None


class ValueCheck(Check):
    """A function or number compared with the truth.

    Subclasses give :meth:`cases` (hidden inputs with their truth), the
    ``tolerance`` (absolute, in the answer's unit), :attr:`recognisers`, and,
    for a number answered about the student's own run, :meth:`own_truth`.
    """

    kind = "value"
    count = 1
    tolerance = 1e-6
    unit = ""
    #: name of the student's function, for messages (``raw_to_mm``)
    function = "answer"
    #: wall-clock seconds one call of the student's function may take (a loop that never ends is stopped)
    time_limit = 5.0
    recognisers: Sequence[Recogniser] = ()

    def cases(self, seed: int) -> list[Case]:  # pragma: no cover - abstract
        raise NotImplementedError

    def own_truth(self, **options: Any) -> tuple[float, tuple] | None:
        """(truth, inputs) for the student's own run or data given in ``options``, or None."""
        return None

    def close(self, given: float, truth: float) -> bool:
        return abs(given - truth) <= self.tolerance

    def judge(self, answer: Any, seeds: list[int], **options: Any) -> CheckResult:
        number = _number(answer)
        if number is not None:
            return self._judge_number(number, **options)
        if not callable(answer):
            return self.result(False, [self._not_an_answer(answer)])
        cases = [case for seed in seeds for case in self.cases(seed)]
        own = self.own_truth(**options)
        if own is not None:
            cases.insert(0, Case(own[1], own[0], "your run"))
        given: list[float] = []
        items: list[Item] = []
        for case in cases:
            value, error = call_student(answer, *case.inputs, limit=self.time_limit)
            if error is not None:
                return self.result(False, [self._function_error(error)])
            number = _number(value)
            if number is None or not math.isfinite(number):
                return self.result(False, [self._not_a_number(value, case)])
            given.append(number)
            right = self.close(number, case.truth)
            items.append(Item(case.label or _show(case.inputs), _show_number(number), right))
        wrong = [i for i, item in enumerate(items) if not item.right]
        if not wrong:
            return self.result(True, [], seeds=len(cases), items=items)
        finding = self._recognise(cases, given) or self._mismatch(cases[wrong[0]], given[wrong[0]])
        return self.result(False, [finding], seeds=len(cases), items=items)

    def _judge_number(self, number: float, **options: Any) -> CheckResult:
        own = self.own_truth(**options)
        if own is None:
            raise FactoryLabError(
                f'이 검사에는 함수를 넘기세요 (예: factorylab.check({self.function}, "{self.name}")).',
                f'pass a function to this check (e.g. factorylab.check({self.function}, "{self.name}")).',
            )
        truth, inputs = own
        if self.close(number, truth):
            return self.result(True, [], seeds=1, items=[Item("your run", _show_number(number), True)])
        case = Case(inputs, truth, "your run")
        finding = self._recognise([case], [number]) or self._mismatch(case, number)
        return self.result(False, [finding], seeds=1, items=[Item("your run", _show_number(number), False)])

    def _function_error(self, error: BaseException) -> Finding:
        """The student's function failed: said about a function, not a controller."""
        return function_error(error, self.function, self.time_limit)

    def _recognise(self, cases: list[Case], given: list[float]) -> Finding | None:
        for recogniser in self.recognisers:
            try:
                matches = all(
                    self.close(g, recogniser.formula(*case.inputs)) for case, g in zip(cases, given, strict=True)
                )
            except (ArithmeticError, ValueError, TypeError):
                continue
            if matches:
                return Finding(recogniser.code, recogniser.ko, recogniser.en, recogniser.next_ko, recogniser.next_en)
        return None

    def _mismatch(self, case: Case, given: float) -> Finding:
        unit = f" {self.unit}" if self.unit else ""
        shown = case.label or _show(case.inputs)
        return Finding(
            "wrong_value",
            f"{self.function}({shown})의 답이 {_show_number(given)}{unit}인데, 맞는 값은 {_show_number(case.truth)}{unit}입니다.",
            f"{self.function}({shown}) gave {_show_number(given)}{unit}, but the right value is "
            f"{_show_number(case.truth)}{unit}",
            "식을 한 단계씩 종이에 계산해 보고 코드와 비교하세요.",
            "work the formula out on paper step by step and compare it with your code",
        )

    def _not_a_number(self, value: Any, case: Case) -> Finding:
        shown = case.label or _show(case.inputs)
        return Finding(
            "not_a_number",
            f"{self.function}({shown})의 결과가 숫자가 아닙니다 (돌려준 값: {value!r}).",
            f"{self.function}({shown}) returned {value!r}, which is not a number",
            "함수 끝에서 return으로 계산한 숫자를 돌려주세요 (print가 아니라).",
            "return the number you computed at the end of the function (return, not print)",
        )

    def _not_an_answer(self, answer: Any) -> Finding:
        return Finding(
            "not_an_answer",
            f"이 검사에는 함수 {self.function} 또는 숫자를 넘기세요 (받은 것: {type(answer).__name__}).",
            f"this check takes the function {self.function} or a number (got a {type(answer).__name__})",
        )


def need_result(result: Any, options: dict[str, Any], function: str, check: str) -> None:
    """Refuse options other than ``result=`` and a missing ``result`` (a check of the student's own run); the
    message shows the call ``factorylab.check(function, "check", result=result)``."""
    if options:
        raise FactoryLabError(
            f"이 검사가 모르는 값입니다: {', '.join(options)} (result=만 받습니다)",
            f"this check does not take {', '.join(options)} (only result=)",
        )
    if result is None:
        raise FactoryLabError(
            f'여러분의 실행 결과를 함께 넘기세요: factorylab.check({function}, "{check}", result=result)',
            f'pass your run\'s result too: factorylab.check({function}, "{check}", result=result)',
        )


def _show(inputs: tuple) -> str:
    return ", ".join(_show_number(v) if _number(v) is not None else repr(v) for v in inputs)


def _show_number(value: Any) -> str:
    number = _number(value)
    if number is None:
        return repr(value)
    return str(int(number)) if float(number).is_integer() and abs(number) < 1e15 else f"{number:.6g}"


# --- quizzes -------------------------------------------------------------------------------------------------


@dataclass
class Question:
    """One quiz item: its right answer, and the reason to give for each wrong answer (``"*"`` for any)."""

    item: str
    answer: str
    reasons: dict[str, tuple[str, str]]


class QuizCheck(Check):
    """Item-by-item classification: the answer is a dict ``{item: choice}``."""

    kind = "quiz"
    choices: Sequence[str] = ()
    questions: Sequence[Question] = ()
    #: what the items are called in messages, (ko, en)
    noun = ("항목", "item")

    def normalise(self, choice: Any) -> str | None:
        """A student's choice in canonical form (None if it is not one of :attr:`choices`)."""
        text = str(choice).strip()
        for known in self.choices:
            if text.lower() == known.lower():
                return known
        return None

    def judge(self, answer: Any, seeds: list[int], **options: Any) -> CheckResult:
        if not isinstance(answer, dict):
            return self.result(
                False,
                [
                    Finding(
                        "not_a_dict",
                        f"답은 {{{self.noun[0]}: 답}} 모양의 사전(dict)으로 주세요.",
                        f"give your answers as a dict {{{self.noun[1]}: answer}}",
                    )
                ],
            )
        items: list[Item] = []
        findings: list[Finding] = []
        missing: list[str] = []
        known = {q.item for q in self.questions}
        extra = [key for key in answer if key not in known]
        for key in extra:  # a misspelt item first: it explains the missing one
            findings.append(
                Finding(
                    "unknown_item",
                    f"이 퀴즈에 없는 {self.noun[0]}입니다: '{key}'.",
                    f"'{key}' is not one of this quiz's {self.noun[1]}s",
                    "항목 이름의 철자를 확인하세요.",
                    "check the spelling of the item",
                )
            )
        for question in self.questions:
            given = answer.get(question.item)
            choice = self.normalise(given) if given is not None else None
            if given is None:
                items.append(Item(question.item, "—", False, "답이 없습니다", "no answer"))
                missing.append(question.item)
            elif choice is None:
                choices = ", ".join(self.choices)
                items.append(
                    Item(question.item, given, False, f"고를 수 있는 답: {choices}", f"choose one of {choices}")
                )
                findings.append(
                    Finding(
                        "not_a_choice",
                        f"'{question.item}'의 답으로 고를 수 없는 값입니다: {given!r}.",
                        f"the answer {given!r} for '{question.item}' is not one of the choices",
                        f"다음 중에서 고르세요: {choices}.",
                        f"choose one of: {choices}",
                    )
                )
            elif choice == question.answer:
                items.append(Item(question.item, choice, True))
            else:
                ko, en = question.reasons.get(choice) or question.reasons.get("*") or ("", "")
                items.append(Item(question.item, choice, False, ko, en))
                findings.append(
                    Finding(
                        f"wrong:{question.item}",
                        f"'{question.item}'의 답 {choice}: 틀렸습니다. {ko}",
                        f"'{question.item}' is not {choice}. {en[:1].upper() + en[1:]}",
                    )
                )
        if missing:
            shown = ", ".join(f"'{item}'" for item in missing)
            findings.append(
                Finding(
                    "missing",
                    f"답하지 않은 {self.noun[0]} {len(missing)}개: {shown}.",
                    f"you did not answer {len(missing)} {self.noun[1]}(s): {shown}",
                    f"{self.noun[0]} {len(self.questions)}개에 모두 답하세요.",
                    f"answer all {len(self.questions)} {self.noun[1]}s",
                )
            )
        right = sum(item.right for item in items)
        notes = [(f"{len(items)}개 중 {right}개 맞음", f"{right} of {len(items)} right")]
        return self.result(not findings, findings, seeds=1, items=items, notes=notes)


# --- scored checks -----------------------------------------------------------------------------------------------


class ScoreJudge(Judge):
    """Watches one seed of a scored check: records what the score needs, and hard rules (findings)."""

    def score(self) -> float:  # pragma: no cover - abstract
        """This seed's score (the check's formula)."""
        raise NotImplementedError


class ScoredCheck(Check):
    """A controller scored on hidden seeds against baselines run on the same seeds.

    Subclasses give ``seconds``, ``scenario``, :meth:`plant_for`,
    :meth:`make_judge`, ``baselines`` (name -> controller factory),
    ``reference`` (the baseline the pass threshold is set from), ``margin``
    (the fraction by which the student must beat it), ``lower_is_better`` and
    ``formula``.
    """

    kind = "scored"
    count = 5
    scan = 0.05
    seconds = 600.0
    unit = ""
    lower_is_better = True
    margin = 0.0
    reference = ""
    formula: tuple[str, str] = ("", "")

    def __init__(self) -> None:
        self._baseline_cache: dict[tuple[int, ...], dict[str, float]] = {}

    def baselines(self) -> dict[str, Callable[[], Any]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def plant_for(self, seed: int):  # pragma: no cover - abstract
        raise NotImplementedError

    def make_judge(self, plant, seed: int, run: int) -> ScoreJudge:  # pragma: no cover - abstract
        raise NotImplementedError

    def run_scores(self, answer: Any, seeds: list[int]) -> tuple[list[float], list[Finding]]:
        """Per-seed scores of ``answer`` and the findings of its hard rules (first failing seed)."""
        program = program_for(answer)
        scores: list[float] = []
        self.judges: list[ScoreJudge] = []
        with borrowed(program), Watchdog() as dog:
            for run, seed in enumerate(seeds, start=1):
                plant = self.plant_for(seed)
                judge = self.make_judge(plant, seed, run)
                self.judges.append(judge)
                problem = run_seed(program, plant, judge, self.seconds, self.scan, dog, run)
                if problem is not None:
                    return scores, [problem]
                findings = judge.finish()
                if findings:
                    return scores, findings
                scores.append(judge.score())
        return scores, []

    def baseline_scores(self, seeds: list[int]) -> dict[str, float]:
        """The mean score of each baseline on these seeds (computed once per process)."""
        key = tuple(seeds)
        if key not in self._baseline_cache:
            means = {}
            for name, make in self.baselines().items():
                scores, findings = self.run_scores(make, seeds)
                if findings:  # pragma: no cover - a broken baseline is our bug
                    raise AssertionError(f"baseline {name} of {self.name} failed: {findings[0].en}")
                means[name] = sum(scores) / len(scores)
            self._baseline_cache[key] = means
        return self._baseline_cache[key]

    def threshold(self, baselines: dict[str, float]) -> float:
        """The score needed to pass."""
        base = baselines[self.reference]
        return base * (1.0 - self.margin) if self.lower_is_better else base * (1.0 + self.margin)

    def judge(self, answer: Any, seeds: list[int], **options: Any) -> CheckResult:
        baselines = self.baseline_scores(seeds)
        threshold = self.threshold(baselines)
        scores, findings = self.run_scores(answer, seeds)
        extra = {
            "seeds": len(seeds),
            "baselines": baselines,
            "threshold": threshold,
            "formula": self.formula,
            "unit": self.unit,
        }
        if findings:
            trace = self.judges[-1].trace() if self.judges else None
            return self.result(False, findings, trace=trace, **extra)
        score = sum(scores) / len(scores)
        passed = score <= threshold if self.lower_is_better else score >= threshold
        if passed:
            return self.result(True, [], score=score, **extra)
        return self.result(False, [self.not_good_enough(score, threshold, baselines)], score=score, **extra)

    def not_good_enough(self, score: float, threshold: float, baselines: dict[str, float]) -> Finding:
        unit = f" {self.unit}" if self.unit else ""
        better_ko = "낮춰야" if self.lower_is_better else "높여야"
        better_en = "lower" if self.lower_is_better else "higher"
        return Finding(
            "not_good_enough",
            f"점수 {score:.3g}{unit}: 기준선 '{self.reference}'({baselines[self.reference]:.3g}{unit})보다 "
            f"{self.margin:.0%} 더 좋아야 통과입니다 ({threshold:.3g}{unit}).",
            f"your score is {score:.3g}{unit}: to pass it must beat the baseline '{self.reference}' "
            f"({baselines[self.reference]:.3g}{unit}) by {self.margin:.0%} ({threshold:.3g}{unit})",
            f"점수를 {better_ko} 합니다: 공식을 보고 어느 항을 줄일 수 있는지 찾아보세요.",
            f"the score must be {better_en}: look at the formula and find the term you can improve",
        )


__all__ = [
    "Case",
    "Question",
    "QuizCheck",
    "Recogniser",
    "ScoreJudge",
    "ScoredCheck",
    "StudentCodeError",
    "ValueCheck",
    "student_error",
]


def call_student(function: Callable[..., Any], *args: Any, limit: float = 5.0) -> tuple[Any, BaseException | None]:
    """Call a student's function under the watchdog: ``(value, None)``, or ``(None, the exception it raised)``.

    A call that runs longer than ``limit`` s is stopped (``ScanTimeout``);
    Ctrl-C (``KeyboardInterrupt``) and ``SystemExit`` go through.
    """
    try:
        with Watchdog(limit=limit) as dog:
            dog.beat += 1
            dog.busy = True
            value = function(*args)
            dog.busy = False
        return value, None
    except BaseException as error:  # noqa: BLE001 - the student's mistake, explained by the caller
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        return None, error


def not_written(error: BaseException, name: str) -> Finding | None:
    """``not_written`` if ``error`` is the student copy's ``raise NotImplementedError`` in the function ``name``."""
    if not isinstance(error, NotImplementedError) or isinstance(error, FactoryLabError):
        return None
    return Finding(
        "not_written",
        f"아직 {name} 함수를 완성하지 않았습니다: '# YOUR CODE HERE' 부분을 채우고 raise NotImplementedError 줄을 지우세요.",
        f"the function {name} is not written yet: fill in '# YOUR CODE HERE' and delete the "
        "'raise NotImplementedError' line.",
    )


def function_error(error: BaseException, name: str, limit: float) -> Finding:
    """What went wrong in the student's function ``name`` (stopped after ``limit`` s, not written, a Python error)."""
    from ..student import ScanTimeout

    if isinstance(error, ScanTimeout):
        return Finding(
            "watchdog",
            f"{name} 함수가 {limit:g}초 안에 끝나지 않아 멈췄습니다. 끝나지 않는 반복(while)이 있는지 보세요.",
            f"the function {name} did not finish within {limit:g} s and was stopped: look for a loop "
            "that never ends (while)",
        )
    unfinished = not_written(error, name)
    if unfinished is not None:
        return unfinished
    finding = error_finding(error, None, None)  # type: ignore[arg-type]
    finding.ko = finding.ko.replace("컨트롤러에서", f"{name} 함수에서")
    finding.en = finding.en.replace("your controller", f"your function {name}")
    return finding
