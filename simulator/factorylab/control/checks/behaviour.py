"""Behaviour checks: a student's controller on the plant, on hidden seeds, judged by what it does.

Each hidden seed gives a different *episode*: the operator's actions and the
faults at times drawn independently from that seed (varied by more than ±2 s
and, where it makes sense, in a different order), so a controller that
follows a timetable, counts, or replays another run's outputs cannot pass.

The controller runs as on a PLC: a cold start for every seed (see
:mod:`factorylab.control.memory`), a scan watchdog, and errors told in plain
words with the student's own line.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...errors import FactoryLabError, TagError
from ...plant import Plant, Scenario, load_scenario
from .. import plc
from ..line import LocalLine
from ..memory import NotWrittenYet, Program, program_for
from ..plc import BlockReuseError
from ..student import ScanTimeout, StudentCodeError, Watchdog, student_error
from .base import Check
from .result import CheckResult, Finding, Trace, at


@dataclass
class Episode:
    """One hidden run: the scenario (with its operator actions and faults), how long, and the script.

    ``script`` holds whatever the judge needs to know (event times, fault
    times); it is never shown for another seed than the failing one.
    """

    scenario: Scenario
    seconds: float
    script: dict[str, Any] = field(default_factory=dict)


class Recorder:
    """Samples tags of a plant once per scan, as the controller saw (inputs) and left them (outputs)."""

    def __init__(self, plant: Plant, names: Sequence[str]) -> None:
        from ...tags import tags_for

        table = tags_for(plant)
        self.names = list(names)
        readers = [table[name].reader for name in self.names]
        self._read = lambda: tuple(reader(plant) for reader in readers)
        self.t: list[float] = []
        self.rows: list[tuple] = []

    def sample(self, t: float) -> None:
        self.t.append(t)
        self.rows.append(self._read())

    def column(self, name: str) -> list[Any]:
        index = self.names.index(name)
        return [row[index] for row in self.rows]

    def columns(self) -> dict[str, list[Any]]:
        return {name: [row[i] for row in self.rows] for i, name in enumerate(self.names)}


class Judge:
    """Watches one seed's run and says what went wrong.

    Subclasses record in :meth:`after_scan` (after the controller wrote its
    outputs, before the plant moves) and :meth:`after_step` (after the plant
    moved one scan), and judge in :meth:`finish`.
    """

    #: set to False in a subclass that does not need after_step (speed)
    wants_steps = True
    #: set to True (in after_scan or after_step) once the verdict is certain: the run stops there
    done = False

    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        self.plant = plant
        self.episode = episode
        self.run = run
        self.findings: list[Finding] = []

    def fail(
        self,
        code: str,
        ko: str,
        en: str,
        next_ko: str = "",
        next_en: str = "",
        t: float | None = None,
        tag: str | None = None,
    ) -> None:
        """Record a finding of this run."""
        self.findings.append(Finding(code, ko, en, next_ko, next_en, t, tag, self.run))

    def after_scan(self, t: float) -> None:
        """Called after the controller's scan, before the plant steps."""

    def after_step(self, t: float) -> None:
        """Called after the plant stepped through one scan."""

    def finish(self) -> list[Finding]:
        """The findings of this run."""
        return self.findings

    def trace(self) -> Trace | None:
        """The run as signals over time, for the plot (None if the judge keeps none)."""
        return None


class BehaviourCheck(Check):
    """A controller on a plant, on hidden seeds."""

    kind = "behaviour"
    count = 6
    scenario = "conveyor"
    scan = 0.05

    def episode(self, rng: random.Random, base: Scenario) -> Episode:  # pragma: no cover - abstract
        """The hidden run drawn from ``rng`` (one per seed)."""
        raise NotImplementedError

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:  # pragma: no cover - abstract
        raise NotImplementedError

    def plant_for(self, seed: int) -> tuple[Plant, Episode]:
        """The plant and episode of one hidden seed."""
        rng = random.Random(f"{self.name}|{seed}")
        episode = self.episode(rng, load_scenario(self.scenario))
        return Plant(episode.scenario, seed=seed), episode

    def judge(self, answer: Any, seeds: list[int]) -> CheckResult:
        return run_behaviour(self, answer, seeds)


class Planned:
    """A check whose hidden runs are planned as a set: each run knows its place among the seeds.

    The check's ``plant_for(seed, index)`` gets the seed's place (None for a
    seed outside the set), so the runs can cover bands (speeds, faults) together.
    """

    def __init__(self, check: Any, seeds: list[int]) -> None:
        self._check = check
        self._index = {seed: index for index, seed in enumerate(seeds)}

    def plant_for(self, seed: int) -> tuple[Plant, Episode]:
        return self._check.plant_for(seed, self._index.get(seed))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._check, name)


# --- running the student's program ---------------------------------------------------------------------


def run_behaviour(check: BehaviourCheck, answer: Any, seeds: list[int]) -> CheckResult:
    """Run ``answer`` on each seed's plant; the first seed that fails is explained."""
    program = program_for(answer)
    with borrowed(program):
        with Watchdog() as dog:
            for run, seed in enumerate(seeds, start=1):
                plant, episode = check.plant_for(seed)
                judge = check.make_judge(plant, episode, run)
                problem = run_seed(program, plant, judge, episode.seconds, check.scan, dog, run)
                findings = [problem] if problem is not None else judge.finish()
                if problem is None and findings and program.clock.made_in_scans > 20:
                    findings.insert(0, block_in_scan(run))
                if findings:
                    result = check.result(False, findings, seeds=len(seeds), trace=judge.trace())
                    if run > 1 and program.state.unresettable:
                        result.notes.append(_leak_note())
                    return result
    return check.result(True, [], seeds=len(seeds))


class borrowed:
    """Use a student's program for a check and leave it as it was (state, m, PLC run, last line)."""

    def __init__(self, program: Program) -> None:
        self.program = program

    def __enter__(self) -> Program:
        p = self.program
        self.fields = (p.call, p.memory, p.clock, p.line_ref, p.last_t, p.left, p.pristine)
        self.state = p.state.capture()
        p._adopt_changes()
        return p

    def __exit__(self, *exc: object) -> None:
        p = self.program
        p.state.restore(self.state)
        p.call, p.memory, p.clock, p.line_ref, p.last_t, p.left, _ = self.fields  # a pristine state adopted stays


class PlantHidden(FactoryLabError):
    """A controller in a check reached for ``line.plant``."""


class JudgedLine(LocalLine):
    """The line a controller gets in a check: its tags, as on a PLC's terminals, and not the simulator behind them.

    ``line.plant`` (the fault list, the parts' true state) would let a controller
    know what its sensors cannot tell it; in a check it is refused in plain words.
    """

    @property
    def plant(self) -> Plant:
        raise PlantHidden(
            "컨트롤러가 line.plant를 쓰려고 했습니다: 검사에서는 진짜 PLC처럼 센서와 버튼의 태그만 읽을 수 "
            "있습니다 (예: line.conveyor1.current).",
            "your controller reached for line.plant: in a check, like a real PLC, it can read only the tags of "
            "the sensors and buttons (e.g. line.conveyor1.current).",
        )


def run_seed(
    program: Program,
    plant: Plant,
    judge: Judge,
    seconds: float,
    scan: float,
    dog: Watchdog,
    run: int,
    before_scan: Callable[[float], None] | None = None,
) -> Finding | None:
    """Run the program on one plant from a cold start; a Finding if its code failed, else None."""
    line = JudgedLine(plant)
    ticks = round(scan / plant.dt)
    scans = round(seconds / scan)
    step = plant.step
    after_scan = judge.after_scan
    after_step = judge.after_step if judge.wants_steps else None
    t = 0.0
    token = None
    try:
        program.cold_start()
        clock = program.clock
        call = program.call
        token = plc.CURRENT_RUN.set(clock)
        for _ in range(scans):
            t = plant.time
            clock.scan += 1
            clock.t = t
            if before_scan is not None:
                before_scan(t)
            dog.beat += 1
            dog.busy = True
            call(line, t)
            dog.busy = False
            after_scan(t)
            for _ in range(ticks):
                step()
            if after_step is not None:
                after_step(plant.time)
            if judge.done:
                break
    except ScanTimeout as error:
        dog.busy = False
        return error_finding(error, t, run)
    except (KeyboardInterrupt, SystemExit):
        dog.busy = False
        raise
    except BaseException as error:  # the student's mistake: explain it, never crash the notebook
        dog.busy = False
        return error_finding(error, t, run)
    finally:
        if token is not None:
            plc.CURRENT_RUN.reset(token)
    return None


_NEXT = {
    "watchdog": ("", ""),
    "not_written": ("", ""),
    "read_only_tag": (
        "출력(코일·홀딩 레지스터)에만 쓰고, 입력은 읽기만 하세요: line.info('이름')이 알려 줍니다",
        "write outputs (coils, holding registers) only and just read inputs: line.info('name') tells you which",
    ),
    "unknown_tag": ("태그 이름의 철자를 확인하세요", "check the tag's spelling"),
    "wrong_value": ("태그의 범위 안의 값을 쓰세요", "write a value inside the tag's range"),
    "block_reused": ("", ""),
    "python_error": ("그 줄을 고치고 다시 검사하세요", "fix that line and check again"),
    "plant_in_check": ("", ""),
    "error": ("", ""),
}


def error_finding(error: BaseException, t: float, run: int) -> Finding:
    """A finding for an exception from the student's program at time ``t``."""
    if isinstance(error, NotWrittenYet) or (
        isinstance(error, NotImplementedError) and not isinstance(error, FactoryLabError)
    ):
        return Finding(
            "not_written",
            "아직 컨트롤러를 완성하지 않았습니다: '# YOUR CODE HERE' 부분을 채우고 raise NotImplementedError 줄을 지우세요.",
            "the controller is not written yet: fill in '# YOUR CODE HERE' and delete the 'raise NotImplementedError' line.",
            seed=run,
        )
    if isinstance(error, ScanTimeout):
        code = "watchdog"
    elif isinstance(error, BlockReuseError):
        code = "block_reused"
    elif isinstance(error, TagError):
        code = {"read-only": "read_only_tag", "wrong value": "wrong_value"}.get(
            getattr(error, "reason", ""), "unknown_tag"
        )
    elif isinstance(error, PlantHidden):
        code = "plant_in_check"
    elif isinstance(error, FactoryLabError):
        code = "error"
    else:
        code = "python_error"
    explained = error if isinstance(error, StudentCodeError) else student_error(error, t)
    assert isinstance(explained, StudentCodeError)
    next_ko, next_en = _NEXT[code]
    return Finding(
        code,
        explained.ko,
        explained.en,
        next_ko,
        next_en,
        t,
        None,
        run,
        detail=explained.student_traceback("ko") + "\n\n" + explained.student_traceback("en"),
    )


def block_in_scan(run: int) -> Finding:
    return Finding(
        "block_made_in_scan",
        "PLC 블록(plc.TON 등)이 스캔마다 새로 만들어져서 시간을 세거나 기억하지 못합니다.",
        "a PLC block (plc.TON and the like) is made anew in every scan, so it never counts or remembers anything.",
        "블록은 컨트롤러 함수 밖에서 한 번만 만드세요 (예: 셀 맨 위에 timer = plc.TON(2.0)).",
        "make each block once, outside the controller function (e.g. timer = plc.TON(2.0) at the top of the cell).",
        seed=run,
    )


def _leak_note() -> tuple[str, str]:
    return (
        "참고: 컨트롤러가 기억하는 값 가운데 FactoryLab이 검사마다 처음 상태로 돌려놓지 못한 것이 있습니다. "
        "기억할 값은 def controller(line, t, m):의 m에 두세요.",
        "Note: some of what your controller remembers could not be put back to its first state for each hidden "
        "run. Keep what it remembers in m, with def controller(line, t, m):.",
    )


# --- tools for judges ----------------------------------------------------------------------------------------


def jittered(rng: random.Random, nominal: float, spread: float = 2.5) -> float:
    """``nominal`` moved by a uniform amount in [-spread, spread] s, rounded to 0.05 s."""
    return round((nominal + rng.uniform(-spread, spread)) / 0.05) * 0.05


def gaps(rng: random.Random, start: float, count: int, low: float, high: float) -> list[float]:
    """``count`` event times from ``start``, each gap drawn from [low, high] s, rounded to 0.05 s."""
    times = []
    t = start
    for _ in range(count):
        t += rng.uniform(low, high)
        times.append(round(t / 0.05) * 0.05)
    return times


def changes(*signals: Sequence[Any]) -> list[int]:
    """Indices where any of the signals changes value (index 0 counts as a change)."""
    if not signals or not signals[0]:
        return []
    found = [0]
    for k in range(1, len(signals[0])):
        if any(s[k] != s[k - 1] for s in signals):
            found.append(k)
    return found


def rising(signal: Sequence[Any]) -> list[int]:
    """Indices where a signal goes from off to on (index 0 if it starts on)."""
    return [k for k in range(len(signal)) if signal[k] and (k == 0 or not signal[k - 1])]


def falling(signal: Sequence[Any]) -> list[int]:
    """Indices where a signal goes from on to off."""
    return [k for k in range(1, len(signal)) if not signal[k] and signal[k - 1]]


def runs(flags: Iterable[bool]) -> list[tuple[int, int]]:
    """[start, end) index ranges where ``flags`` is true."""
    result = []
    start = None
    k = -1
    for k, flag in enumerate(flags):
        if flag and start is None:
            start = k
        elif not flag and start is not None:
            result.append((start, k))
            start = None
    if start is not None:
        result.append((start, k + 1))
    return result


def mismatches(
    actual: Sequence[Any], expected: Sequence[Any], input_changes: Sequence[int], grace: int
) -> list[tuple[int, int]]:
    """Stretches where ``actual`` differs from ``expected`` (None = anything goes), not excused.

    A stretch is excused when it starts within ``grace`` scans after an input
    change and lasts at most ``grace`` scans: a controller may answer a scan
    or two late.
    """
    flags = [e is not None and bool(a) != bool(e) for a, e in zip(actual, expected, strict=True)]
    found = []
    import bisect

    for start, end in runs(flags):
        position = bisect.bisect_right(input_changes, start) - 1
        last_change = input_changes[position] if position >= 0 else None
        if last_change is not None and start - last_change <= grace and end - start <= grace:
            continue
        found.append((start, end))
    return found


def last_before(indices: Sequence[int], k: int) -> int | None:
    """The last index in ``indices`` at or before ``k``."""
    import bisect

    position = bisect.bisect_right(indices, k) - 1
    return indices[position] if position >= 0 else None


__all__ = [
    "BehaviourCheck",
    "Episode",
    "Judge",
    "Recorder",
    "at",
    "changes",
    "error_finding",
    "falling",
    "gaps",
    "jittered",
    "last_before",
    "mismatches",
    "rising",
    "run_behaviour",
    "run_seed",
    "runs",
]
