"""Checks: a student's answer judged on hidden seeds, explained in Korean and English.

::

    result = factorylab.check(controller, "seal_in")
    result            # ✅ 통과 / passed, or what happened, when, on which tag, and what to do next
    result.plot()     # the failing run: inputs, your outputs, and what was expected

Five kinds of check, one :class:`CheckResult`:

* **behaviour** (``seal_in``, ``exit_blocked``, ``sort_b``, ``jam_alarm``,
  ``tank_level``, ``oven_pid``): a controller on the plant, on hidden seeds
  whose operator actions and faults come at different times;
* **value**: a function or number against the truth for your own run or data;
* **quiz**: item by item, with a reason for each wrong item;
* **scored** (``tool_change``): a score against published baselines on hidden
  seeds, with the formula shown;
* **model**: a fitted scikit-learn model on a hidden-seed dataset, and the
  columns that leak the answer named.

A controller may keep its state in ``m`` (``def controller(line, t, m):``,
recommended), in variables of the notebook, in a closure or an object, or in
PLC blocks: every hidden run starts it afresh, like a PLC after power-up.
"""

from __future__ import annotations

from typing import Any

from . import guard
from .base import Check, all_checks, get, names, register
from .report import send_attempt
from .result import CheckResult, Finding, Item, Trace
from .seeds import log_attempts, record_attempt, seeds_for, teacher_secret


def check(
    answer: Any, name: str, *, student: str | None = None, secret: str | None = None, **options: Any
) -> CheckResult:
    """Judge ``answer`` with the check called ``name``.

    Args:
        answer: what the check asks for: a controller ``controller(line, t)``
            or ``controller(line, t, m)`` (or a function with no arguments that
            makes one), a function or a number (value checks), a dict of
            answers (quizzes), a fitted model (model checks).
        name: which check (see :func:`names`).
        student: the student's id, for summative mode and the attempt log.
        secret: the teacher's secret (summative mode: each student gets their
            own hidden seeds); default ``FACTORYLAB_TEACHER_SECRET``.
        options: what a check needs besides the answer (e.g. ``result=`` for a
            value check on your own run); each check's description says.

    Returns:
        A :class:`CheckResult`: true when passed; it prints and shows itself in
        Jupyter, and ``result.plot()`` draws a failing behaviour run.
    """
    the_check = get(name)
    key = teacher_secret(secret)
    seeds = seeds_for(the_check.name, the_check.count, key, student)
    if the_check.kind in guard.WATCHED_KINDS:
        with guard.watching() as peeks:
            result = the_check.judge(answer, seeds, **options) if options else the_check.judge(answer, seeds)
        if peeks:
            result = the_check.result(False, [guard.peek_finding(peeks[0])])
    else:
        result = the_check.judge(answer, seeds, **options) if options else the_check.judge(answer, seeds)
    record_attempt(result, key is not None, student)
    send_attempt(result, student)  # to the teacher's console, if the student opted in (report_to)
    return result


__all__ = [
    "Check",
    "CheckResult",
    "Finding",
    "Item",
    "Trace",
    "all_checks",
    "check",
    "get",
    "log_attempts",
    "names",
    "register",
]
