"""What a check's catalogue of answers is, and the cheats every behaviour check must catch.

Each ``answers/<check>.py`` module defines:

* ``CHECK``: the check's name;
* ``REFERENCE``: the reference solution;
* ``CORRECT``: at least 3 differently written correct answers (a function with
  module state, a class with ``__call__``, PLC blocks, a closure, ``m``...);
* ``WRONG``: at least 6 typical wrong answers, each a :class:`Wrong` naming the
  finding code it must get (each code different), at least one open-loop
  (a timetable or a count) and one "right idea, wrong tag".
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from factorylab.control.checks import get
from factorylab.control.checks.behaviour import BehaviourCheck, Judge, run_seed
from factorylab.control.checks.seeds import formative_seeds
from factorylab.control.memory import Program
from factorylab.control.student import Watchdog
from factorylab.tags import is_operator_tag, tags_for

OPEN_LOOP = "open-loop"
WRONG_TAG = "wrong tag"


@dataclass
class With:
    """An answer given with options, e.g. a number with ``result=`` (its own run)."""

    answer: Any
    options: dict[str, Any]
    name: str = ""

    @property
    def __name__(self) -> str:  # noqa: D401 - shown in test ids
        return self.name or f"{type(self.answer).__name__}_with_{'_'.join(self.options)}"


def submit(check_name: str, answer: Any):
    """``factorylab.check`` with a catalogue entry (plain, or :class:`With` options)."""
    import factorylab

    if isinstance(answer, With):
        return factorylab.check(answer.answer, check_name, **answer.options)
    return factorylab.check(answer, check_name)


@dataclass
class Wrong:
    """A wrong answer and the finding it must get."""

    answer: Callable[..., Any]
    code: str
    kind: str = ""  # OPEN_LOOP, WRONG_TAG or ""

    @property
    def id(self) -> str:
        return getattr(self.answer, "__name__", None) or type(self.answer).__name__


class _Recording(Judge):
    """Records every output (a writable tag of the PLC side, not the simulator-operator block) after each scan."""

    wants_steps = False

    def __init__(self, plant, episode, run) -> None:
        super().__init__(plant, episode, run)
        self.writable = [tag for tag in tags_for(plant) if tag.writable and not is_operator_tag(tag)]
        self.rows: list[tuple[float, dict[str, Any]]] = []

    def after_scan(self, t: float) -> None:
        self.rows.append((t, {tag.name: tag.reader(self.plant) for tag in self.writable}))


def record_outputs(check_name: str, controller: Any, seed_index: int = 0) -> list[tuple[float, dict[str, Any]]]:
    """The outputs ``controller`` wrote in every scan of one hidden run of a behaviour check."""
    check = get(check_name)
    assert isinstance(check, BehaviourCheck)
    seed = formative_seeds(check.name, check.count)[seed_index]
    plant, episode = check.plant_for(seed)
    judge = _Recording(plant, episode, 1)
    program = Program(controller)
    saved = program.state.capture()
    try:
        with Watchdog() as dog:
            problem = run_seed(program, plant, judge, episode.seconds, check.scan, dog, 1)
    finally:
        program.state.restore(saved)  # leave the answer's module state as it was
    assert problem is None, problem
    return judge.rows


def replay(rows: list[tuple[float, dict[str, Any]]]) -> Callable[..., None]:
    """A controller that writes the recorded outputs at the recorded times and reads nothing."""
    by_time = {round(t, 6): values for t, values in rows}
    last = rows[-1][1]

    def replayed(line, t):
        values = by_time.get(round(t, 6), last)
        for name, value in values.items():
            device, attribute = name.split(".")
            setattr(getattr(line, device), attribute, value)

    replayed.__name__ = "replayed_outputs"
    return replayed


def clock_only(rows: list[tuple[float, dict[str, Any]]]) -> Callable[..., None]:
    """A timetable: each output switched at the whole second nearest to when the reference switched it."""
    changes: list[tuple[float, str, Any]] = []
    previous: dict[str, Any] = {}
    for t, values in rows:
        for name, value in values.items():
            if previous.get(name) != value:
                changes.append((math.floor(t + 0.5), name, value))
                previous[name] = value
    by_second: dict[int, list[tuple[str, Any]]] = {}
    for when, name, value in changes:
        by_second.setdefault(int(when), []).append((name, value))
    done = [-1]  # the last whole second applied (a cold start puts it back for every hidden run)

    def timetable(line, t):
        second = math.floor(t + 1e-9)
        while done[0] < second:
            done[0] += 1
            for name, value in by_second.get(done[0], ()):
                device, attribute = name.split(".")
                setattr(getattr(line, device), attribute, value)

    timetable.__name__ = "clock_only"
    return timetable
