"""Behaviour checks: run a student's controller on hidden seeds and explain what went wrong.

::

    result = factorylab.check(controller, "seal_in")
    result            # 통과 / passed, or what happened, when, and on which tag

A check runs the controller fast-forward on a few seeds the student does not
see, watches the line, and judges *behaviour*, never the code's text. Give
it your controller function, or a function that makes a fresh controller
(best when your controller keeps state between scans, so each seed starts
clean).

Checks shipped (``factorylab.checks.names()``): ``seal_in``, ``exit_blocked``,
``sort_b``, ``tank_level``, ``oven_pid``, ``jam_alarm``, ``tool_change``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...errors import FactoryLabError
from ...i18n import current_language
from ...plant import Plant, Scenario, load_scenario
from ..line import LocalLine

#: Findings shown per result (the rest are counted).
SHOWN = 3


@dataclass
class Finding:
    """One thing the check saw go wrong."""

    ko: str
    en: str
    t: float | None = None
    tag: str | None = None
    seed: int | None = None

    def text(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en


@dataclass
class CheckResult:
    """The verdict of a check. True when passed: ``if result: ...``."""

    check: str
    title_ko: str
    title_en: str
    passed: bool
    findings: list[Finding] = field(default_factory=list)
    seeds: int = 0
    notes: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.passed

    def message(self, lang: str | None = None) -> str:
        """The verdict and the first findings in ``lang`` (default: the current language)."""
        lang = lang or current_language()
        title = self.title_ko if lang == "ko" else self.title_en
        if self.passed:
            head = (
                f"✅ 통과: {title} (숨은 시드 {self.seeds}개)"
                if lang == "ko"
                else f"✅ passed: {title} ({self.seeds} hidden seeds)"
            )
        else:
            head = f"❌ 아직 아닙니다: {title}" if lang == "ko" else f"❌ not yet: {title}"
        lines = [head]
        for finding in self.findings[:SHOWN]:
            lines.append("  - " + finding.text(lang))
        extra = len(self.findings) - SHOWN
        if extra > 0:
            lines.append(f"  (그 밖에 {extra}개 더)" if lang == "ko" else f"  (and {extra} more)")
        for ko, en in self.notes:
            lines.append("  " + (ko if lang == "ko" else en))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.message()

    def __str__(self) -> str:
        return self.message()


class Judge:
    """Watches one seed's run. Subclasses record what they need in
    :meth:`after_scan` (after the controller wrote its outputs) and
    :meth:`after_step` (after the plant moved), then return findings."""

    def __init__(self, plant: Plant, seed: int) -> None:
        self.plant = plant
        self.seed = seed
        self.findings: list[Finding] = []

    def fail(self, ko: str, en: str, t: float | None = None, tag: str | None = None) -> None:
        self.findings.append(Finding(ko, en, t, tag, self.seed))

    def after_scan(self, t: float) -> None:
        """Called after the controller's scan, before the plant steps."""

    def after_step(self, t: float) -> None:
        """Called after the plant stepped through one scan."""

    def finish(self) -> list[Finding]:
        """The findings of this seed."""
        return self.findings


class Check:
    """A behaviour check: what to run, on which seeds, and how to judge."""

    name = ""
    title = ("", "")
    scenario = "line"
    seeds: tuple[int, ...] = (11, 23, 37)
    seconds = 60.0
    scan = 0.05
    judge: type[Judge] = Judge

    def build(self, seed: int) -> Plant:
        """The plant for one seed (subclasses set operator actions and faults)."""
        return Plant(self.make_scenario(seed, load_scenario(self.scenario)), seed=seed)

    def make_scenario(self, seed: int, base: Scenario) -> Scenario:
        """The scenario for one seed (subclasses add actions, faults, settings)."""
        return base

    def make_judge(self, plant: Plant, seed: int) -> Judge:
        """The judge watching one seed's run."""
        return self.judge(plant, seed)


_CHECKS: dict[str, Check] = {}


def register(check_class: type[Check]) -> type[Check]:
    """Add a check to the registry (a class decorator)."""
    _CHECKS[check_class.name] = check_class()
    return check_class


def names() -> list[str]:
    """The names of the checks."""
    _load()
    return list(_CHECKS)


def get(name: str) -> Check:
    """A check by name."""
    _load()
    if name not in _CHECKS:
        known = ", ".join(_CHECKS)
        raise FactoryLabError(
            f"'{name}' 검사는 없습니다. 있는 검사: {known}", f"there is no check '{name}'. Checks: {known}"
        )
    return _CHECKS[name]


def _load() -> None:
    if not _CHECKS:
        from . import discrete, process  # noqa: F401 - they register themselves


def _controller_maker(controller: Any) -> Callable[[], Callable]:
    """A function making the controller for each seed."""
    if not callable(controller):
        raise FactoryLabError(
            '검사할 컨트롤러 함수를 넘기세요: factorylab.check(controller, "seal_in")',
            'pass the controller function to check: factorylab.check(controller, "seal_in")',
        )
    try:
        parameters = inspect.signature(controller).parameters.values()
        required = [
            p for p in parameters if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
    except (TypeError, ValueError):  # builtins and the like
        required = [None, None]
    if len(required) == 0:
        return controller  # a factory: a fresh controller per seed
    return lambda: controller


def check(controller: Any, name: str) -> CheckResult:
    """Run ``controller`` on the check's hidden seeds and judge its behaviour.

    Args:
        controller: ``controller(line, t)``, or a function with no arguments
            that returns a fresh controller (use this when it keeps state).
        name: which check (see :func:`names`).
    """
    the_check = get(name)
    make = _controller_maker(controller)
    findings: list[Finding] = []
    notes: list[tuple[str, str]] = []
    for seed in the_check.seeds:
        plant = the_check.build(seed)
        line = LocalLine(plant)
        judge = the_check.make_judge(plant, seed)
        problem = _run_seed(make, line, judge, the_check)
        if problem is not None:
            findings.append(problem)
            break
        seed_findings = judge.finish()
        if seed_findings:
            findings.extend(seed_findings)
            break  # the first seed that fails is explained; more would repeat it
    return CheckResult(
        the_check.name, the_check.title[0], the_check.title[1], not findings, findings, len(the_check.seeds), notes
    )


def _run_seed(make: Callable[[], Callable], line: LocalLine, judge: Judge, the_check: Check) -> Finding | None:
    plant = line.plant
    ticks = round(the_check.scan / plant.dt)
    scans = round(the_check.seconds / the_check.scan)
    step = plant.step
    t = 0.0
    try:
        controller = make()
        if not callable(controller):
            return Finding(
                "컨트롤러를 만드는 함수가 함수를 돌려주지 않았습니다 (return controller 를 잊었나요?)",
                "the function that makes your controller did not return one (forgot 'return controller'?)",
            )
        for _ in range(scans):
            t = plant.time
            controller(line, t)
            judge.after_scan(t)
            for _ in range(ticks):
                step()
            judge.after_step(plant.time)
    except NotImplementedError:
        return Finding(
            "아직 컨트롤러를 완성하지 않았습니다: '# YOUR CODE HERE' 부분을 채우고 raise NotImplementedError 줄을 지우세요.",
            "the controller is not written yet: fill in '# YOUR CODE HERE' and delete the 'raise NotImplementedError' line.",
            t,
        )
    except FactoryLabError as error:
        return Finding(
            f"t={t:.1f} s 에 컨트롤러가 잘못된 값을 썼습니다: {error.ko}",
            f"at t={t:.1f} s your controller made a mistake: {error.en}",
            t,
        )
    except Exception as error:  # the student's bug: explain, do not crash the notebook
        where = _where(error)
        return Finding(
            f"t={t:.1f} s 에 컨트롤러에서 오류가 났습니다: {type(error).__name__}: {error}{where}",
            f"at t={t:.1f} s your controller raised {type(error).__name__}: {error}{where}",
            t,
        )
    return None


def _where(error: Exception) -> str:
    """' (line N)' of the innermost frame in the student's code, if known."""
    tb = error.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is None:
        return ""
    return f" (line {last.tb_lineno})"


__all__ = ["Check", "CheckResult", "Finding", "Judge", "check", "get", "names", "register"]
