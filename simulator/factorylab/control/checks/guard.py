"""Did the student's function ask the check for the answer?

A value or quiz check computes the truth with its own code, in the same
process as the student's function. A student could call that code instead of
computing (``from factorylab.labs.lab05a_spc_checks import true_limits``, or
``factorylab.checks.get("xbar_r")``), or read the truth from the check's
frames (``inspect.stack()``, ``sys._getframe()``). While such a check runs,
:func:`watching` notes every call that goes from the student's code into a
check's own module, into :mod:`inspect`, or to ``sys._getframe``, and
:func:`peek_finding` turns the first into a finding that points at the
student's line.

It is a guard for honest practice, not a sandbox: Python in one process cannot
be sealed (a traceback's frames are reachable without a call). Behaviour and
scored checks are not watched: their truth is a behaviour on hidden runs,
which no function of the check hands out, and a profiler would slow their
simulations down.
"""

from __future__ import annotations

import inspect
import linecache
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from ..student import Place, _cell_number, is_student_file
from .result import Finding

#: the kinds of check whose student functions are watched
WATCHED_KINDS = ("value", "quiz")
_INSPECT = str(Path(inspect.__file__).resolve())


@dataclass(frozen=True)
class Peek:
    """A call from the student's code to what computes or holds the truth."""

    what: str  # the function called, e.g. "true_limits" or "sys._getframe"
    place: Place  # the student's line that called it


def check_files() -> frozenset[str]:
    """The source files of the checks: the check machinery and every registered check's module."""
    from . import base

    files = set()
    for module in list(sys.modules.values()):
        name = getattr(module, "__name__", "")
        path = getattr(module, "__file__", None)
        if not path:
            continue
        if name.startswith(f"{__package__}.") or name == __package__ or name.endswith("_checks"):
            files.add(str(Path(path).resolve()))
    for check in base.all_checks().values():
        path = getattr(sys.modules.get(type(check).__module__), "__file__", None)
        if path:
            files.add(str(Path(path).resolve()))
    return frozenset(files)


def _resolved(filename: str, cache: dict[str, str]) -> str:
    found = cache.get(filename)
    if found is None:
        try:
            found = str(Path(filename).resolve()) if not filename.startswith("<") else filename
        except OSError:  # pragma: no cover - a strange name
            found = filename
        cache[filename] = found
    return found


@contextmanager
def watching() -> Iterator[list[Peek]]:
    """Note, while the block runs in this thread, each call from student code into a check's code.

    Yields the list the peeks are added to (the first few only).
    """
    files = check_files()
    cache: dict[str, str] = {}
    student: dict[str, bool] = {}
    peeks: list[Peek] = []

    def is_student(frame: FrameType | None) -> bool:
        if frame is None:
            return False
        filename = frame.f_code.co_filename
        known = student.get(filename)
        if known is None:
            known = is_student_file(filename) and _resolved(filename, cache) not in files
            student[filename] = known
        return known

    def note(what: str, caller: FrameType) -> None:
        if len(peeks) < 3:
            filename, line = caller.f_code.co_filename, caller.f_lineno
            code = linecache.getline(filename, line).strip()
            peeks.append(Peek(what, Place(filename, line, code, _cell_number(filename))))

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event == "call":
            caller = frame.f_back
            if caller is None or not is_student(caller):
                return
            callee = _resolved(frame.f_code.co_filename, cache)
            if callee in files or callee == _INSPECT:
                note(frame.f_code.co_name, caller)
        elif event == "c_call" and arg is sys._getframe and is_student(frame):
            note("sys._getframe", frame)

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield peeks
    finally:
        sys.setprofile(previous)


def peek_finding(peek: Peek) -> Finding:
    """The finding for a function that asked the check (or the stack) for the answer."""
    ko_place, en_place = peek.place.label("ko"), peek.place.label("en")
    return Finding(
        "asked_the_check",
        f"여러분의 코드({ko_place}: {peek.place.code})가 검사의 코드 `{peek.what}`를 불러 정답을 가져갔습니다: "
        "검사는 여러분이 직접 계산한 값을 봅니다.",
        f"your code ({en_place}: {peek.place.code}) called the check's own `{peek.what}` to fetch the answer: "
        "the check wants the value you compute yourself.",
        "그 줄을 지우고, 노트북의 설명대로 데이터에서 직접 계산하세요.",
        "remove that line and compute it from the data as the notebook explains.",
    )
