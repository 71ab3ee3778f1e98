"""Checks of lab 1-1 (photo-eyes): ``part_type``, ``belt_speed`` and ``count_parts``.

All three use the ``conveyor`` scenario and the geometry of
:mod:`factorylab.plant.layout` (photo-eyes at 30 mm and 1150 mm of conveyor1
and at 1950 mm of conveyor2; type A parts 60 mm long, type B 80 mm, each
+-0.5 mm).

``part_type`` (value, exercise 1-1): the student's ``part_type(duration_s,
belt_speed_mm_s)`` returns ``"A"`` or ``"B"`` for one pulse of
``conveyor1.photo_eye_exit``. It is judged on pulses the check measures
itself, scan by scan (0.05 s), on 4 hidden runs of the real plant, each at
its own ``conveyor1.speed``: 60-63 %, 97-100 %, 70-90 % and 63-97 % (by the
run's place, so every set of hidden runs has a slow and a fast belt, and no
fixed time threshold can sort both). Truth: the kind of the part that made
the pulse. A pulse measured at 0.05 s is the part's length +- one belt step
(up to 12.5 mm at 100 %), so pulses whose measured length (duration x speed)
lies within 5 mm of the midpoint, 70 mm, say nothing about the part and are
left out: any length threshold from 65 to 75 mm passes. With ``result=`` (the
student's own recording) the check first looks at the recording: an interval
longer than 0.05 s cannot tell a 0.30 s pulse from a 0.40 s one, and one
longer than the pulse itself misses pulses (``sampled_too_slowly``).
Mistakes named: a fixed time threshold (the function ignores the speed,
found by asking it the same duration at other speeds), duration / speed,
swapped types, a length threshold at a part's own length, the same answer
for everything, an answer that is not "A" or "B".

``belt_speed`` (value, exercise 1-2): the student's ``belt_speed(history)``
gets a recording (``result.history``: index ``t`` in s, the columns
``conveyor1.photo_eye_infeed`` and ``conveyor1.photo_eye_exit``, every 0.05
s, the line started at t = 0) and returns the belt speed in mm/s, checked
against ``conveyor1.belt_speed`` of 4 hidden runs (speeds 60-100 %) and, with
``result=``, of the student's own run (or a number for the student's own run).
Tolerance +-1.5 %: the part leaves the infeed eye when its trailing edge
passes 30 mm and the exit eye when it passes 1150 mm, 1120 mm later; timed
scan by scan that is within 1 % of the truth, while 1150 mm instead of 1120
mm is 2.7 % off (the plan's +-3 % would pass it). The hidden runs' speeds are
drawn so that every named mistake is at least 2.5 % off. The feeder drops a
part straight onto the infeed eye, so the infeed eye's rising edge is the
drop, not a front edge passing: only the trailing edges (falling edges) of
both eyes are 1120 mm apart. Mistakes named: 1150 mm (the exit eye's
position, not the distance between the eyes), falling edge to rising edge,
rising edge to rising edge, rows instead of seconds, m/s, the time instead of
the speed, reading ``conveyor1.belt_speed`` (not in the hidden recordings).

``count_parts`` (behaviour, exercise 1-3): the controller counts the parts
that pass ``conveyor2.photo_eye_exit`` and shows the count on
``panel.display`` (a holding register the controller writes). The check runs
the belts and the feeder itself (whatever the controller writes to their run
commands, speeds or feed interval is put back after every scan) on 6 hidden
runs of 115-125 s: ``conveyor2.speed`` 60-100 % (each run its own band),
``conveyor1.speed`` 60-100 %, a feed interval of 1.5-4.5 s, 20-60 % type B.
Runs 2, 3, 5 and 6 stop the line 1 or 2 times for 3-8 s while a part is in
front of the eye (placed by playing the run ahead; first stop 25-45 s, the
next 20-35 s later): a rising edge still counts that part once. Expected, scan
by scan: falling edges so far <= ``panel.display`` <= rising edges so far
(counting on the rising edge, or on the falling edge, is right). The count of
parts that really passed must equal the rising edges of the eye (a test
checks it) and production.parts_out trails it by the parts between the eye
and the drop-off. Mistakes named, in this order: ``line_stopped`` (fewer
parts passed than the run would make: the controller stopped the line),
``display_not_written``, ``not_remembered`` (the count goes back to 0),
``counted_scans`` (the scans the eye was 1: "부품 수가 아니라 스캔 수를
셌습니다"), ``both_edges``, ``copied_parts_out``, ``wrong_eye`` (the count
follows another photo-eye), ``open_loop`` (the count goes up at times that
follow no photo-eye: a timetable or a replay), then ``counted_too_many`` or
``missed_part`` at the first scan out of bounds.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from factorylab.control.checks.base import Check, register
from factorylab.control.checks.behaviour import (
    BehaviourCheck,
    Episode,
    Judge,
    Planned,
    Recorder,
    error_finding,
    run_behaviour,
)
from factorylab.control.checks.kinds import Case, Recogniser, ValueCheck
from factorylab.control.checks.result import CheckResult, Finding, Item, Trace, at
from factorylab.control.checks.seeds import formative_seeds
from factorylab.control.student import ScanTimeout, Watchdog
from factorylab.errors import FactoryLabError
from factorylab.plant import Plant, Scenario, layout, load_scenario
from factorylab.tags import tags_for

SCAN = layout.TIME_STEP  # s: the checks sample every scan, the finest a recording can be
EYE_INFEED = layout.PHOTO_EYES["conveyor1"]["photo_eye_infeed"]  # mm from the start of conveyor1
EYE_EXIT = layout.PHOTO_EYES["conveyor1"]["photo_eye_exit"]  # mm from the start of conveyor1
#: how far a part's trailing edge travels from the infeed eye to the exit eye, mm
EYE_DISTANCE = EYE_EXIT - EYE_INFEED
LENGTH_A = layout.PART_TYPES["A"]["length"]  # mm
LENGTH_B = layout.PART_TYPES["B"]["length"]  # mm
#: the length that splits A from B, mm (halfway)
MIDPOINT = 0.5 * (LENGTH_A + LENGTH_B)
#: pulses whose measured length is this close to the midpoint (mm) are left out: the sampling cannot tell
AMBIGUOUS = 5.0
#: the most a function may take for one answer, wall-clock s
CALL_LIMIT = 2.0
#: (ko, en) what a part type is called in messages
KIND_NAMES = {"A": ("A형(빨강, 60 mm)", "type A (red, 60 mm)"), "B": ("B형(파랑, 80 mm)", "type B (blue, 80 mm)")}


def conveyor_scenario(
    speed1: float, speed2: float | None = None, interval: float = 3.0, share_b: float = 0.5, run: bool = True
) -> Scenario:
    """The ``conveyor`` scenario with its belts (speeds in %) and feeder (interval s, share of B) set and running."""
    base = load_scenario("conveyor")
    speed2 = speed1 if speed2 is None else speed2
    return base.model_copy(
        update={
            "conveyor1": base.conveyor1.model_copy(update={"speed": float(speed1), "run": run}),
            "conveyor2": base.conveyor2.model_copy(update={"speed": float(speed2), "run": run}),
            "feeder": base.feeder.model_copy(update={"interval": float(interval), "type_b_share": share_b, "run": run}),
        }
    )


def _history(record: Any) -> Any:
    """The history DataFrame of a run's result (or the DataFrame itself); a clear error for anything else."""
    history = getattr(record, "history", record)
    if not hasattr(history, "columns") or not hasattr(history, "index"):
        raise FactoryLabError(
            "result=에는 factorylab.run()이 돌려준 결과를 넘기세요 (예: result=result).",
            "pass the result factorylab.run() returned as result= (e.g. result=result).",
        )
    return history


def _no_other_options(options: dict[str, Any]) -> None:
    if options:
        names = ", ".join(options)
        raise FactoryLabError(
            f"이 검사가 모르는 값입니다: {names} (result=만 받습니다)",
            f"this check does not take {names} (only result=)",
        )


def call_guarded(function: Callable[..., Any], *args: Any) -> tuple[Any, Finding | None]:
    """``function(*args)`` stopped after CALL_LIMIT s of wall time; (value, None) or (None, what went wrong)."""
    dog = Watchdog(limit=CALL_LIMIT)
    try:
        with dog:
            dog.beat += 1
            dog.busy = True
            try:
                value = function(*args)
            finally:
                dog.busy = False
    except ScanTimeout:
        name = getattr(function, "__name__", "function")
        return None, Finding(
            "too_slow",
            f"{name} 함수가 {CALL_LIMIT:.0f}초 안에 끝나지 않았습니다: 끝나지 않는 while 반복이 있는 것 같습니다.",
            f"{name} did not finish within {CALL_LIMIT:.0f} s: a while loop seems never to end",
            "반복문이 언젠가 끝나는지 확인하세요 (for 반복이 더 안전합니다).",
            "check that each loop ends (a for loop is safer)",
        )
    except (KeyboardInterrupt, SystemExit):
        raise
    except NotImplementedError as error:
        if isinstance(error, FactoryLabError):  # pragma: no cover - none of ours is one
            raise
        name = getattr(function, "__name__", "function")
        return None, Finding(
            "not_written",
            f"{name} 함수를 아직 완성하지 않았습니다: '# YOUR CODE HERE' 부분을 채우고 raise NotImplementedError 줄을 지우세요.",
            f"the function {name} is not written yet: fill in '# YOUR CODE HERE' and delete the "
            "'raise NotImplementedError' line",
        )
    except BaseException as error:  # noqa: BLE001 - the student's mistake, explained
        finding = error_finding(error, None, None)  # type: ignore[arg-type]
        name = getattr(function, "__name__", "function")
        finding.ko = finding.ko.replace("컨트롤러에서", f"{name} 함수에서", 1)  # it is a function, not a controller
        finding.en = finding.en.replace("our controller raised", f"our function {name} raised", 1)
        return None, finding
    if dog.fired:
        return call_guarded(function, *args)  # pragma: no cover - a timeout that arrived after the call
    return value, None


# --- 1-1 part_type --------------------------------------------------------------------------------------------

#: conveyor1.speed band (%) of each hidden run, by its place: slow A parts and fast B parts meet in every set
TYPE_BANDS = ((60, 63), (97, 100), (70, 90), (63, 97))


@dataclass(frozen=True)
class Pulse:
    """One pulse of ``conveyor1.photo_eye_exit`` measured scan by scan, and the part that made it."""

    duration: float  # s
    speed: float  # mm/s, conveyor1.belt_speed as its tag reads
    kind: str  # "A" or "B"
    length: float  # mm, the part's true length

    @property
    def measured_length(self) -> float:
        return self.duration * self.speed


def measure_pulses(speed: float, interval: float, share_b: float, seed: int, seconds: float = 60.0) -> list[Pulse]:
    """The pulses of ``conveyor1.photo_eye_exit`` on the plant at ``speed`` %, sampled every scan.

    Runs until at least 3 parts of each type have passed (or ``seconds``).
    """
    plant = Plant(conveyor_scenario(speed, interval=interval, share_b=share_b), seed=seed)
    table = tags_for(plant)
    eye_tag = table["conveyor1.photo_eye_exit"].reader
    speed_tag = table["conveyor1.belt_speed"].reader
    eye = plant.conveyor1.photo_eyes["photo_eye_exit"]
    pulses: list[Pulse] = []
    start: int | None = None
    part = None
    for k in range(round(seconds / SCAN)):
        blocked = eye_tag(plant)
        if blocked and start is None:
            start, part = k, eye.track.covers(eye.position)
        elif not blocked and start is not None and part is not None:
            pulses.append(Pulse(round((k - start) * SCAN, 2), float(speed_tag(plant)), part.kind, part.length))
            start = None
            kinds = [p.kind for p in pulses]
            if kinds.count("A") >= 3 and kinds.count("B") >= 3:
                break
        plant.step()
    return pulses


def possible_pulses() -> list[Pulse]:
    """Pulses the plant can make at 60-100 % and 0.05 s sampling, besides those the hidden runs happened to make.

    A pulse of n scans at v mm/s measures n x 0.05 x v mm: the part's length
    +- one belt step (up to 12.5 mm). Every such length from the lowest an A
    part can give to 65 mm is an A; from 75 mm to the highest a B part can
    give, a B.
    """
    pulses = []
    for percent in (60, 70, 80, 90, 100):
        speed = layout.BELT_MAX_SPEED * percent / 100.0
        step = speed * SCAN
        for n in range(1, 40):
            length = n * step
            if LENGTH_A - step < length <= MIDPOINT - AMBIGUOUS:
                pulses.append(Pulse(round(n * SCAN, 2), speed, "A", LENGTH_A))
            elif MIDPOINT + AMBIGUOUS <= length < LENGTH_B + step:
                pulses.append(Pulse(round(n * SCAN, 2), speed, "B", LENGTH_B))
    return pulses


def _kind(value: Any) -> str | None:
    """ "A" or "B" from what a student returned (any case, spaces around), else None."""
    if isinstance(value, str) and value.strip().upper() in ("A", "B"):
        return value.strip().upper()
    return None


def _secs(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


@register
class PartType(Check):
    """``part_type(duration_s, belt_speed_mm_s)``: "A" or "B" from how long a part blocked the photo-eye."""

    name = "part_type"
    title = ("광전센서 펄스로 부품 종류 알아내기: part_type", "part type from a photo-eye pulse: part_type")
    kind = "value"
    count = len(TYPE_BANDS)
    function = "part_type"

    def pulses(self, seed: int, index: int) -> list[Pulse]:
        """The clear pulses of one hidden run (``index``: its place among the hidden runs)."""
        rng = random.Random(f"{self.name}|{seed}")
        speed = rng.randint(*TYPE_BANDS[index % len(TYPE_BANDS)])
        interval = round(rng.uniform(2.0, 3.5), 1)
        share_b = round(rng.uniform(0.4, 0.6), 2)
        found = measure_pulses(speed, interval, share_b, seed)
        return [p for p in found if abs(p.measured_length - MIDPOINT) >= AMBIGUOUS]

    def judge(self, answer: Any, seeds: list[int], result: Any = None, **options: Any) -> CheckResult:
        _no_other_options(options)
        if result is not None:
            finding = sampling_finding(_history(result))
            if finding is not None:
                return self.result(False, [finding])
        if not callable(answer):
            return self.result(False, [self._not_a_function(answer)])
        measured = [p for index, seed in enumerate(seeds) for p in self.pulses(seed, index)]
        pulses = measured + possible_pulses()
        items: list[Item] = []
        given: list[str] = []
        for number, pulse in enumerate(pulses):
            value, problem = call_guarded(answer, pulse.duration, pulse.speed)
            if problem is not None:
                return self.result(False, [problem])
            kind = _kind(value)
            if kind is None:
                return self.result(False, [self._not_a_type(value, pulse)])
            given.append(kind)
            if number < len(measured) or kind != pulse.kind:  # made-up pulses are listed only when wrong
                items.append(Item(_label(pulse), kind, kind == pulse.kind))
        if all(item.right for item in items):
            return self.result(True, [], seeds=len(seeds), items=items)
        finding = self._recognise(answer, pulses, given)
        return self.result(False, [finding], seeds=len(seeds), items=items)

    # --- what the wrong answers look like ------------------------------------------------------------------
    def _recognise(self, answer: Callable[..., Any], pulses: list[Pulse], given: list[str]) -> Finding:
        wrong = [p for p, g in zip(pulses, given, strict=True) if g != p.kind]
        first = wrong[0]
        if len(set(given)) == 1:
            return self._always(given[0])
        if sum(g != p.kind for p, g in zip(pulses, given, strict=True)) >= 0.9 * len(pulses):
            return Finding(
                "swapped_types",
                "A형과 B형을 거꾸로 돌려줍니다: 펄스가 짧은 부품이 60 mm인 A형입니다.",
                "you return A and B the wrong way round: the part with the shorter pulse is type A (60 mm)",
                '짧으면 "A", 길면 "B"가 되도록 고치세요.',
                'make it return "A" for the short one and "B" for the long one',
            )
        probe = _Probe(answer)
        if probe.ignores_speed(pulses):
            return self._fixed_threshold(wrong)
        if probe.follows_ratio(pulses):
            return Finding(
                "divided_by_speed",
                f"시간을 속도로 나누었습니다: part_type({_secs(first.duration)}, {first.speed:.0f})은 "
                f"{first.kind}형이어야 합니다.",
                f"you divided the time by the speed: part_type({_secs(first.duration)}, {first.speed:.0f}) is type "
                f"{first.kind}",
                "길이(mm) = duration_s × belt_speed_mm_s로 곱해서 계산하세요.",
                "multiply: length (mm) = duration_s * belt_speed_mm_s",
            )
        threshold = probe.length_threshold()
        if threshold is not None and abs(threshold - MIDPOINT) > AMBIGUOUS:
            return Finding(
                "threshold_length",
                f"A형과 B형을 가르는 길이가 {threshold:.0f} mm쯤입니다: 측정한 길이는 한 스캔 동안 벨트가 가는 거리"
                f"(최대 12.5 mm)만큼 틀릴 수 있어서, {LENGTH_A:.0f} mm나 {LENGTH_B:.0f} mm에 가까운 기준은 틀립니다.",
                f"your split between A and B is at about {threshold:.0f} mm: a measured length can be off by the "
                f"distance the belt moves in one scan (up to 12.5 mm), so a split near {LENGTH_A:.0f} or "
                f"{LENGTH_B:.0f} mm goes wrong",
                f"두 길이의 한가운데인 {MIDPOINT:.0f} mm를 기준으로 쓰세요.",
                f"split at {MIDPOINT:.0f} mm, halfway between the two lengths",
            )
        return Finding(
            "wrong_type",
            f"part_type({_secs(first.duration)}, {first.speed:.0f})이 {'B' if first.kind == 'A' else 'A'}인데, 이 "
            f"펄스는 {KIND_NAMES[first.kind][0]} 부품입니다.",
            f"part_type({_secs(first.duration)}, {first.speed:.0f}) gave {'B' if first.kind == 'A' else 'A'}, but this "
            f"pulse was a {KIND_NAMES[first.kind][1]} part",
            "이 시간과 속도로 부품 길이를 종이에 계산해 보고 코드와 비교하세요.",
            "work out the part's length from this time and speed on paper and compare it with your code",
        )

    def _always(self, kind: str) -> Finding:
        return Finding(
            "always_same",
            f'part_type이 어떤 펄스에도 "{kind}"만 돌려줍니다.',
            f'part_type returns "{kind}" for every pulse',
            "펄스 시간과 벨트 속도로 부품 길이를 계산해서 그 길이로 A와 B를 나누세요.",
            "work out the part's length from the pulse time and the belt speed and split A from B by it",
        )

    def _fixed_threshold(self, wrong: list[Pulse]) -> Finding:
        pulse = max(wrong, key=lambda p: abs(p.speed - 200.0))  # the one furthest from 80 % (200 mm/s)
        name_ko, name_en = KIND_NAMES[pulse.kind]
        return Finding(
            "fixed_threshold",
            f"벨트 속도를 쓰지 않고 시간만으로 나눕니다: 벨트가 {pulse.speed:.0f} mm/s로 돌면 {name_ko}도 "
            f"{_secs(pulse.duration)}초 동안 가립니다.",
            f"you split by time alone and ignore the belt speed: at {pulse.speed:.0f} mm/s a {name_en} part blocks "
            f"the eye for {_secs(pulse.duration)} s",
            "길이(mm) = 시간(초) × 속도(mm/s)로 바꾼 뒤 길이로 나누세요.",
            "turn the time into a length first, length (mm) = time (s) x speed (mm/s), and split by the length",
        )

    def _not_a_type(self, value: Any, pulse: Pulse) -> Finding:
        if value is None:
            what_ko, what_en = "None(아무것도 돌려주지 않음)", "None (nothing returned)"
        else:
            what_ko = what_en = repr(value)
        return Finding(
            "not_a_type",
            f'part_type({_secs(pulse.duration)}, {pulse.speed:.0f})의 결과가 {what_ko}입니다: "A"나 "B"가 아닙니다.',
            f'part_type({_secs(pulse.duration)}, {pulse.speed:.0f}) returned {what_en}, which is not "A" or "B"',
            'return "A" 또는 return "B"로 돌려주세요 (print가 아니라).',
            'end with return "A" or return "B" (return, not print)',
        )

    def _not_a_function(self, answer: Any) -> Finding:
        return Finding(
            "not_an_answer",
            f"이 검사에는 함수 part_type을 넘기세요 (받은 것: {type(answer).__name__}).",
            f"this check takes the function part_type (got a {type(answer).__name__})",
            'factorylab.check(part_type, "part_type")처럼 괄호 없이 함수 이름만 넘기세요.',
            'pass the function name without brackets: factorylab.check(part_type, "part_type")',
        )


def _label(pulse: Pulse) -> str:
    return f"{_secs(pulse.duration)} s, {pulse.speed:.0f} mm/s"


class _Probe:
    """Asks a student's part_type about made-up pulses, to see what rule it follows."""

    SPEEDS = (150.0, 175.0, 200.0, 225.0, 250.0)

    def __init__(self, answer: Callable[..., Any]) -> None:
        self.answer = answer

    def ask(self, duration: float, speed: float) -> str | None:
        value, problem = call_guarded(self.answer, round(duration, 4), speed)
        return None if problem is not None else _kind(value)

    def ignores_speed(self, pulses: Sequence[Pulse]) -> bool:
        """Every duration gets one answer whatever the speed (and the answers do depend on the duration)."""
        answers = set()
        for pulse in pulses:
            said = {self.ask(pulse.duration, speed) for speed in self.SPEEDS}
            if len(said) != 1:
                return False
            answers |= said
        return len(answers) == 2

    def follows_ratio(self, pulses: Sequence[Pulse]) -> bool:
        """Answers stay when duration and speed grow together (duration / speed), not when only the product stays."""
        same_ratio = same_product = 0
        for pulse in pulses:
            here = self.ask(pulse.duration, pulse.speed)
            for k in (0.8, 1.25):
                same_ratio += self.ask(pulse.duration * k, pulse.speed * k) == here
                same_product += self.ask(pulse.duration / k, pulse.speed * k) == here
        total = 2 * len(pulses)
        return same_ratio == total and same_product < total

    def length_threshold(self) -> float | None:
        """The length (mm) at which the answer turns from A to B at 200 mm/s, if it does so once."""
        speed = 200.0
        lengths = [40.0 + 0.5 * i for i in range(121)]  # 40 .. 100 mm
        said = [self.ask(length / speed, speed) for length in lengths]
        turns = [i for i in range(1, len(said)) if said[i] != said[i - 1]]
        if len(turns) != 1 or said[0] != "A" or said[-1] != "B":
            return None
        return lengths[turns[0]]


def sampling_finding(history: Any) -> Finding | None:
    """What is wrong with a recording of ``conveyor1.photo_eye_exit`` for measuring pulses, or None."""
    column = "conveyor1.photo_eye_exit"
    if column not in history.columns:
        return Finding(
            "not_recorded",
            f"기록(result.history)에 {column}가 없습니다.",
            f"the recording (result.history) has no {column}",
            f'run(..., record=["{column}", "conveyor1.belt_speed"], record_every=0.05)로 다시 기록하세요.',
            f'record again with run(..., record=["{column}", "conveyor1.belt_speed"], record_every=0.05)',
        )
    times = [float(t) for t in history.index]
    if len(times) < 2:
        return None
    steps = sorted(b - a for a, b in zip(times, times[1:], strict=False))
    interval = steps[len(steps) // 2]
    if interval <= SCAN + 1e-6:
        return None
    speed = float(history["conveyor1.belt_speed"].max()) if "conveyor1.belt_speed" in history.columns else 0.0
    if speed <= 0.0:
        speed = layout.BELT_MAX_SPEED  # the fastest belt: the shortest pulse
    pulse_a, pulse_b = LENGTH_A / speed, LENGTH_B / speed
    if interval >= pulse_a:
        return Finding(
            "sampled_too_slowly",
            f"기록 간격이 부품이 지나가는 시간보다 깁니다: {_secs(interval)}초마다 기록했는데 A형 부품은 "
            f"{_secs(pulse_a)}초 만에 광전센서를 지나가서, 펄스를 놓치거나 길이를 잴 수 없습니다.",
            f"the recording interval is longer than a part takes to pass: you recorded every {_secs(interval)} s, "
            f"but a type A part passes the photo-eye in {_secs(pulse_a)} s, so pulses are missed or cannot be timed",
            "record_every=0.05로 다시 기록하세요 (한 스캔마다).",
            "record again with record_every=0.05 (every scan)",
        )
    return Finding(
        "sampled_too_slowly",
        f"기록 간격 {_secs(interval)}초는 A형({_secs(pulse_a)}초)과 B형({_secs(pulse_b)}초)의 차이 "
        f"{_secs(pulse_b - pulse_a)}초를 가려내기에 너무 깁니다: 펄스 길이가 기록 간격만큼 틀립니다.",
        f"a recording interval of {_secs(interval)} s is too long to tell type A ({_secs(pulse_a)} s) from type B "
        f"({_secs(pulse_b)} s), {_secs(pulse_b - pulse_a)} s apart: each pulse is off by up to one interval",
        "record_every=0.05로 다시 기록하세요 (한 스캔마다).",
        "record again with record_every=0.05 (every scan)",
    )


# --- 1-2 belt_speed --------------------------------------------------------------------------------------------

INFEED_TAG = "conveyor1.photo_eye_infeed"
EXIT_TAG = "conveyor1.photo_eye_exit"
#: conveyor1.speed band (%) of each hidden run, by its place
SPEED_BANDS = ((60, 70), (88, 100), (70, 88), (60, 100))
#: seconds each hidden run records (the first part leaves the exit eye by 8.2 s at 60 %)
HISTORY_SECONDS = 15.0
#: a hidden run is used only if each named mistake is at least this far from the truth (relative)
MISTAKE_MARGIN = 0.025


def edge_times(history: Any, column: str) -> tuple[list[float], list[float]]:
    """(rising, falling) edge times (s) of an on/off column of a history."""
    values = [bool(v) for v in history[column]]
    times = [float(t) for t in history.index]
    rises = [times[k] for k in range(1, len(values)) if values[k] and not values[k - 1]]
    falls = [times[k] for k in range(1, len(values)) if not values[k] and values[k - 1]]
    if values and values[0]:
        rises.insert(0, times[0])
    return rises, falls


def _first_edges(history: Any) -> tuple[float, float, float, float]:
    """(rise at the infeed, fall at the infeed, rise at the exit, fall at the exit) of the first part, s."""
    rise_in, fall_in = edge_times(history, INFEED_TAG)
    rise_out, fall_out = edge_times(history, EXIT_TAG)
    if not (rise_in and fall_in and rise_out and fall_out):
        return (math.nan,) * 4  # type: ignore[return-value]
    return rise_in[0], fall_in[0], rise_out[0], fall_out[0]


def _trailing_edges(history: Any) -> float:
    """Reference: the first part's trailing edge from the infeed eye to the exit eye, mm/s."""
    _, fall_in, _, fall_out = _first_edges(history)
    return EYE_DISTANCE / (fall_out - fall_in)


def _exit_position(history: Any) -> float:
    _, fall_in, _, fall_out = _first_edges(history)
    return EYE_EXIT / (fall_out - fall_in)


def _falling_to_rising(history: Any) -> float:
    _, fall_in, rise_out, _ = _first_edges(history)
    return EYE_DISTANCE / (rise_out - fall_in)


def _rising_edges(history: Any) -> float:
    rise_in, _, rise_out, _ = _first_edges(history)
    return EYE_DISTANCE / (rise_out - rise_in)


def _rows(history: Any) -> float:
    _, fall_in, _, fall_out = _first_edges(history)
    step = float(history.index[1]) - float(history.index[0])
    return EYE_DISTANCE / round((fall_out - fall_in) / step)


def _metres(history: Any) -> float:
    return _trailing_edges(history) / 1000.0


def _transit_time(history: Any) -> float:
    _, fall_in, _, fall_out = _first_edges(history)
    return fall_out - fall_in


SPEED_RECOGNISERS = (
    Recogniser(
        "exit_position",
        _exit_position,
        f"{EYE_EXIT:.0f} mm로 나누었습니다: {EYE_EXIT:.0f} mm는 출구 광전센서의 위치이고, 부품이 두 센서 사이에서 간 거리는 "
        f"{EYE_EXIT:.0f} - {EYE_INFEED:.0f} = {EYE_DISTANCE:.0f} mm입니다.",
        f"you divided {EYE_EXIT:.0f} mm: that is where the exit photo-eye is; between the two eyes the part travels "
        f"{EYE_EXIT:.0f} - {EYE_INFEED:.0f} = {EYE_DISTANCE:.0f} mm",
        "거리로 두 광전센서 위치의 차이를 쓰세요.",
        "use the difference of the two photo-eye positions as the distance",
    ),
    Recogniser(
        "falling_to_rising",
        _falling_to_rising,
        "투입부 센서의 하강 에지(부품 뒤끝)에서 출구 센서의 상승 에지(부품 앞끝)까지 쟀습니다: 같은 끝을 재야 거리가 "
        f"{EYE_DISTANCE:.0f} mm입니다.",
        "you timed from the infeed eye's falling edge (the part's trailing edge) to the exit eye's rising edge (its "
        f"leading edge): only the same edge travels {EYE_DISTANCE:.0f} mm",
        "두 센서 모두 하강 에지(1→0)의 시각을 쓰세요.",
        "use the falling edges (1 to 0) of both eyes",
    ),
    Recogniser(
        "rising_at_infeed",
        _rising_edges,
        "투입부 센서의 상승 에지를 썼습니다: 공급기가 부품을 센서 바로 위에 내려놓기 때문에, 이 에지는 부품 앞끝이 "
        "지나간 때가 아니라 부품이 놓인 때입니다.",
        "you used the infeed eye's rising edge: the feeder drops the part right onto that eye, so this edge is when "
        "the part was put down, not when its leading edge passed",
        "부품 뒤끝이 지나가는 하강 에지(1→0)를 두 센서 모두에서 쓰세요.",
        "use the falling edges (1 to 0), when the trailing edge passes, at both eyes",
    ),
    Recogniser(
        "rows_not_seconds",
        _rows,
        "시간 대신 기록의 줄 수(행 번호의 차이)로 나누었습니다: 한 줄은 0.05초입니다.",
        "you divided by a number of rows (the difference of row numbers) instead of seconds: one row is 0.05 s",
        "history.index의 시각(초)을 쓰세요.",
        "use the times (s) in history.index",
    ),
    Recogniser(
        "metres",
        _metres,
        "m/s로 계산했습니다: 이 검사와 conveyor1.belt_speed는 mm/s를 씁니다.",
        "you computed m/s: this check and conveyor1.belt_speed use mm/s",
        "거리를 mm로 쓰세요.",
        "give the distance in mm",
    ),
    Recogniser(
        "transit_time",
        _transit_time,
        "속도가 아니라 걸린 시간(초)을 돌려주었습니다.",
        "you returned the travel time (s), not the speed",
        "속도(mm/s) = 거리(mm) / 시간(초)을 돌려주세요.",
        "return speed (mm/s) = distance (mm) / time (s)",
    ),
)


def _recorded_speed(history: Any) -> float | None:
    """conveyor1.belt_speed while the belt ran in a recording (the most common value above 0), or None."""
    column = "conveyor1.belt_speed"
    if column not in history.columns:
        return None
    running = [float(v) for v in history[column] if float(v) > 0.0]
    if not running:
        return None
    return max(set(running), key=running.count)


def hidden_history(speed: float, seed: int) -> tuple[Any, float]:
    """A recording of a fresh line at ``speed`` % (both conveyor1 eyes every 0.05 s) and its true belt speed."""
    from factorylab.control.line import LocalLine
    from factorylab.control.runner import run

    plant = Plant(conveyor_scenario(speed, interval=4.0), seed=seed)
    line = LocalLine(plant)

    def belts_run_by_the_scenario(line: Any, t: float) -> None:
        """The scenario runs the belts and the feeder."""

    result = run(
        belts_run_by_the_scenario, line, HISTORY_SECONDS, record=[INFEED_TAG, EXIT_TAG, "conveyor1.belt_speed"],
        record_every=SCAN,
    )  # fmt: skip
    truth = _recorded_speed(result.history)
    assert truth is not None
    return result.history[[INFEED_TAG, EXIT_TAG]], truth


def _clear(history: Any, truth: float, tolerance: float) -> bool:
    """True if the reference is right on this history and every named mistake is clearly wrong."""
    try:
        if abs(_trailing_edges(history) / truth - 1.0) > tolerance * 2 / 3:
            return False
        return all(abs(r.formula(history) / truth - 1.0) >= MISTAKE_MARGIN for r in SPEED_RECOGNISERS)
    except (ArithmeticError, ValueError):
        return False


@register
class BeltSpeed(ValueCheck):
    """``belt_speed(history)``: conveyor1's belt speed (mm/s) from the times the parts pass its two photo-eyes."""

    name = "belt_speed"
    title = ("광전센서 두 개로 벨트 속도 재기: belt_speed", "belt speed from two photo-eyes: belt_speed")
    function = "belt_speed"
    unit = "mm/s"
    #: relative: +-1.5 %
    tolerance = 0.015
    count = len(SPEED_BANDS)
    recognisers = SPEED_RECOGNISERS

    def close(self, given: float, truth: float) -> bool:
        return abs(given - truth) <= self.tolerance * abs(truth)

    def hidden_run(self, seed: int, index: int) -> Case:
        """One hidden recording (``index``: its place among the hidden runs) with its true speed."""
        rng = random.Random(f"{self.name}|{seed}")
        low, high = SPEED_BANDS[index % len(SPEED_BANDS)]
        for _ in range(30):
            speed = rng.randint(low, high)
            history, truth = hidden_history(speed, seed)
            if _clear(history, truth, self.tolerance):
                break
        return Case((history,), truth, f"{index + 1} ({speed} %)")

    def cases(self, seed: int) -> list[Case]:  # the place among the hidden runs comes from judge
        return [self.hidden_run(seed, 0)]

    def own_truth(self, result: Any = None, **options: Any) -> tuple[float, tuple] | None:
        _no_other_options(options)
        if result is None:
            return None
        history = _history(result)
        truth = _recorded_speed(history)
        missing = [name for name in (INFEED_TAG, EXIT_TAG) if name not in history.columns]
        if truth is None or missing:
            raise FactoryLabError(
                f'내 실행으로 검사하려면 run(..., record=["{INFEED_TAG}", "{EXIT_TAG}", "conveyor1.belt_speed"], '
                "record_every=0.05)로 기록한 결과를 result=로 넘기세요.",
                f'to check your own run, record it with run(..., record=["{INFEED_TAG}", "{EXIT_TAG}", '
                '"conveyor1.belt_speed"], record_every=0.05) and pass it as result=',
            )
        return truth, (history[[INFEED_TAG, EXIT_TAG]].copy(),)

    def judge(self, answer: Any, seeds: list[int], **options: Any) -> CheckResult:
        if callable(answer):
            hidden = [self.hidden_run(seed, index) for index, seed in enumerate(seeds)]
            own = self.own_truth(**options)
            cases = ([Case(own[1], own[0], OWN_RUN)] if own is not None else []) + hidden
            return self._judge_function(answer, cases)
        return super().judge(answer, seeds, **options)

    def _judge_function(self, answer: Callable[..., Any], cases: list[Case]) -> CheckResult:
        given: list[float] = []
        items: list[Item] = []
        for case in cases:
            value, problem = call_guarded(answer, case.inputs[0].copy())
            if problem is not None:
                return self.result(False, [_read_belt_speed(problem) or problem])
            number = _float(value)
            if number is None:
                return self.result(False, [self._not_a_number(value, case)])
            given.append(number)
            items.append(Item(_run_name(case, "en"), f"{number:.1f} mm/s", self.close(number, case.truth)))
        wrong = [i for i, item in enumerate(items) if not item.right]
        if not wrong:
            return self.result(True, [], seeds=len(cases), items=items)
        finding = self._recognise(cases, given) or self._off(cases[wrong[0]], given[wrong[0]])
        return self.result(False, [finding], seeds=len(cases), items=items)

    def _mismatch(self, case: Case, given: float) -> Finding:
        return self._off(case, given)

    def _not_a_number(self, value: Any, case: Case) -> Finding:
        return Finding(
            "not_a_number",
            f"{_run_name(case, 'ko')}: belt_speed의 결과가 숫자가 아닙니다 (돌려준 값: {value!r}).",
            f"{_run_name(case, 'en')}: belt_speed returned {value!r}, which is not a number",
            "함수 끝에서 return으로 계산한 속도를 돌려주세요 (print가 아니라).",
            "return the speed you computed at the end of the function (return, not print)",
        )

    def _off(self, case: Case, given: float) -> Finding:
        return Finding(
            "wrong_value",
            f"{_run_name(case, 'ko')}: belt_speed가 {given:.1f} mm/s인데, conveyor1.belt_speed는 {case.truth:.0f} mm/s입니다 "
            f"(±{self.tolerance:.1%} 안이어야 합니다).",
            f"{_run_name(case, 'en')}: belt_speed gave {given:.1f} mm/s, but conveyor1.belt_speed was {case.truth:.0f} mm/s "
            f"(it must be within {self.tolerance:.1%})",
            "result.plot()으로 두 센서의 펄스를 보고, 같은 부품의 같은 에지를 골랐는지 확인하세요.",
            "look at both eyes' pulses with result.plot() and check you took the same edge of the same part",
        )


#: the label of the case made from the student's own run
OWN_RUN = "your run"


def _run_name(case: Case, lang: str) -> str:
    """'숨은 실행 2 (65 %)' / 'hidden run 2 (65 %)', or the student's own run."""
    if case.label == OWN_RUN:
        return "내 실행" if lang == "ko" else OWN_RUN
    return f"숨은 실행 {case.label}" if lang == "ko" else f"hidden run {case.label}"


def _float(value: Any) -> float | None:
    from factorylab.control.checks.kinds import _number

    number = _number(value)
    return number if number is not None and math.isfinite(number) else None


def _read_belt_speed(problem: Finding) -> Finding | None:
    """A KeyError for conveyor1.belt_speed: the function read the answer from the recording."""
    if problem.code == "python_error" and "belt_speed" in (problem.ko + problem.en + problem.detail):
        return Finding(
            "read_belt_speed",
            "belt_speed가 기록의 conveyor1.belt_speed 열을 읽었습니다: 숨은 기록에는 광전센서 두 개만 있습니다.",
            "belt_speed read the conveyor1.belt_speed column: the hidden recordings hold the two photo-eyes only",
            "두 광전센서의 에지 시각과 두 센서 사이의 거리로 속도를 계산하세요.",
            "compute the speed from the two eyes' edge times and the distance between them",
        )
    return None


# --- 1-3 count_parts -------------------------------------------------------------------------------------------

COUNT_EYE = "conveyor2.photo_eye_exit"
#: the other photo-eyes a count may follow by mistake
OTHER_EYES = ("conveyor1.photo_eye_exit", "conveyor2.photo_eye_entry", "conveyor1.photo_eye_infeed")
DISPLAY = "panel.display"
#: what the check keeps as the run's (the controller's writes are put back after every scan)
FORCED = ("conveyor1.run", "conveyor2.run", "feeder.run", "conveyor1.speed", "conveyor2.speed", "feeder.interval")
#: conveyor2.speed band (%) of each hidden run, by its place
COUNT_BANDS = ((60, 70), (88, 100), (70, 88), (60, 100), (60, 75), (85, 100))
#: line stops with a part in front of the eye, by the run's place
COUNT_STOPS = (0, 1, 2, 0, 1, 1)


@dataclass
class _Schedule:
    """What the check drives in one hidden run: speeds, feed, and the stops."""

    speed1: float
    speed2: float
    interval: float
    stops: list[tuple[float, float]]  # (stop, go) s

    def running(self, t: float) -> bool:
        return not any(stop <= t < go for stop, go in self.stops)

    def drive(self, plant: Plant, t: float) -> None:
        """Put the run's settings on the plant (after the controller's scan)."""
        on = self.running(t)
        plant.conveyor1.run = plant.conveyor2.run = plant.feeder.run = on
        plant.conveyor1.speed = self.speed1
        plant.conveyor2.speed = self.speed2
        plant.feeder.interval = self.interval


def _play(plant: Plant, schedule: _Schedule, seconds: float, eye: Callable[[Plant], Any]) -> list[bool]:
    """Run the plant as the check does and return the eye's value in every scan."""
    values = []
    for _ in range(round(seconds / SCAN)):
        t = plant.time
        values.append(bool(eye(plant)))
        schedule.drive(plant, t)
        plant.step()
    return values


def count_episode(rng: random.Random, base: Scenario, index: int | None, seed: int) -> Episode:
    """One hidden run of ``count_parts``: speeds, feed and line stops with a part in front of the eye."""
    band = COUNT_BANDS[index % len(COUNT_BANDS)] if index is not None else (60, 100)
    stops_wanted = COUNT_STOPS[index % len(COUNT_STOPS)] if index is not None else rng.choice((0, 1, 2))
    speed2 = rng.randint(*band)
    speed1 = rng.randint(60, 100)
    interval = round(rng.uniform(1.5, 4.5), 1)
    share_b = round(rng.uniform(0.2, 0.6), 2)
    seconds = round(rng.uniform(115.0, 125.0), 1)
    scenario = base.model_copy(
        update={
            "conveyor1": base.conveyor1.model_copy(update={"speed": float(speed1), "run": True}),
            "conveyor2": base.conveyor2.model_copy(update={"speed": float(speed2), "run": True}),
            "feeder": base.feeder.model_copy(update={"interval": interval, "type_b_share": share_b, "run": True}),
        }
    )
    schedule = _Schedule(float(speed1), float(speed2), interval, [])
    earliest = rng.uniform(25.0, 45.0)
    for _ in range(stops_wanted):
        plant = Plant(scenario, seed=seed)
        eye = tags_for(plant)[COUNT_EYE].reader
        values = _play(plant, schedule, seconds, eye)
        start = round(earliest / SCAN)
        # the second scan of a pulse: a part is in front of the eye
        k = next((k for k in range(max(start, 1), len(values)) if values[k] and values[k - 1]), None)
        if k is None or k * SCAN > seconds - 20.0:
            break
        stop = round(k * SCAN, 2)
        go = round(stop + round(rng.uniform(3.0, 8.0) / SCAN) * SCAN, 2)
        schedule.stops.append((stop, go))
        earliest = go + rng.uniform(20.0, 35.0)
    plant = Plant(scenario, seed=seed)
    expected = _play(plant, schedule, seconds, tags_for(plant)[COUNT_EYE].reader)
    script = {
        "schedule": schedule,
        "expected_parts": sum(1 for k in range(len(expected)) if expected[k] and (k == 0 or not expected[k - 1])),
    }
    return Episode(scenario, seconds, script)


def _parts(n: int) -> str:
    return "1 part" if n == 1 else f"{n} parts"


def _cumulative(flags: Sequence[bool]) -> list[int]:
    total, out = 0, []
    for flag in flags:
        total += bool(flag)
        out.append(total)
    return out


def _rises(values: Sequence[Any]) -> list[bool]:
    return [bool(values[k]) and (k == 0 or not values[k - 1]) for k in range(len(values))]


def _falls(values: Sequence[Any]) -> list[bool]:
    return [k > 0 and not values[k] and bool(values[k - 1]) for k in range(len(values))]


class CountJudge(Judge):
    """Watches panel.display against the parts that passed conveyor2.photo_eye_exit."""

    wants_steps = False

    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        super().__init__(plant, episode, run)
        self.schedule: _Schedule = episode.script["schedule"]
        self.expected_parts: int = episode.script["expected_parts"]
        self.recorder = Recorder(plant, (COUNT_EYE, *OTHER_EYES, DISPLAY, "production.parts_out"))

    def after_scan(self, t: float) -> None:
        self.recorder.sample(t)
        self.schedule.drive(self.plant, t)  # the check runs the belts and the feeder

    # --- judging ----------------------------------------------------------------------------------------
    def finish(self) -> list[Finding]:
        rec = self.recorder
        self.t = rec.t
        eye = rec.column(COUNT_EYE)
        shown = [int(v) for v in rec.column(DISPLAY)]
        self.shown = shown
        self.high = _cumulative(_rises(eye))
        self.low = _cumulative(_falls(eye))
        high, low = self.high, self.low
        if high[-1] < self.expected_parts:
            self._line_stopped(high[-1])
            return self.findings
        bad = next((k for k in range(len(shown)) if not low[k] <= shown[k] <= high[k]), None)
        if bad is None:
            return self.findings
        self._explain(bad, eye)
        return self.findings

    def _fits(self, low: Sequence[int], high: Sequence[int], slack: int = 0, share: float = 0.9) -> bool:
        """The count stays between ``low`` and ``high`` (+-slack) in most scans and at the end."""
        shown = self.shown
        inside = sum(lo - slack <= s <= hi + slack for s, lo, hi in zip(shown, low, high, strict=True))
        return inside >= share * len(shown) and low[-1] - slack <= shown[-1] <= high[-1] + slack

    def _explain(self, bad: int, eye: Sequence[Any]) -> None:
        shown, high, low = self.shown, self.high, self.low
        rec = self.recorder
        parts = high[-1]
        if max(shown) == 0:
            self._display_not_written()
            return
        if max(shown) <= 1 and parts >= 2:
            self._not_remembered(shown.index(1))
            return
        scans = _cumulative([bool(v) for v in eye])
        if shown[-1] >= 2 * max(parts, 1) and self._fits(scans, scans, slack=max(3, scans[-1] // 10), share=0.8):
            self._counted_scans(bad)
            return
        both = [a + b for a, b in zip(high, low, strict=True)]
        if shown[-1] > parts and self._fits(both, both, slack=1):
            self._both_edges(bad)
            return
        outfeed = [int(v) for v in rec.column("production.parts_out")]
        if outfeed[-1] > 0 and sum(s == o for s, o in zip(shown, outfeed, strict=True)) >= 0.95 * len(shown):
            self._copied(bad)
            return
        for name in OTHER_EYES:
            other = rec.column(name)
            o_high, o_low = _cumulative(_rises(other)), _cumulative(_falls(other))
            if o_high[-1] != parts and self._fits(o_low, o_high):
                self._wrong_eye(bad, name)
                return
        if self._open_loop(eye):
            return
        if shown[bad] > high[bad]:
            self._too_many(bad)
        else:
            self._missed(bad)

    def _open_loop(self, eye: Sequence[Any]) -> bool:
        """The count goes up at times that follow none of the photo-eyes (a timetable, a replay)."""
        shown = self.shown
        steps = [k for k in range(len(shown)) if shown[k] > (shown[k - 1] if k else 0)]
        if len(steps) < 3:
            return False
        whole = all(abs(self.t[k] - round(self.t[k])) < 1e-6 for k in steps)
        followed = False
        for name in (COUNT_EYE, *OTHER_EYES):
            values = eye if name == COUNT_EYE else self.recorder.column(name)
            # a count that follows an eye goes up while the eye is on, or in the scans just after it changed
            near = sum(
                any(values[j] or bool(values[j]) != bool(values[j - 1]) for j in range(max(1, k - 2), k + 1))
                for k in steps
            )
            followed = followed or near >= 0.5 * len(steps)
        if followed and not whole:
            return False
        outside = [k for k in steps if not self.low[k] <= shown[k] <= self.high[k]]
        k = outside[0] if outside else steps[0]
        when_ko, when_en = at(self.t[k])
        self.fail(
            "open_loop",
            f"{when_ko} panel.display의 값이 바뀌었는데(값: {shown[k]}) 그때 광전센서에는 아무 변화가 없었습니다: 수가 "
            "입력을 따르지 않고 시간표를 따릅니다.",
            f"panel.display went to {shown[k]} {when_en} while no photo-eye changed: your outputs do not follow the "
            "inputs, they follow a timetable",
            f"시간이 아니라 {COUNT_EYE}의 상승 에지(0→1)마다 1을 더하세요.",
            f"add 1 at every rising edge (0 to 1) of {COUNT_EYE}, not by the clock",
            self.t[k],
            DISPLAY,
        )
        return True

    # --- the findings ----------------------------------------------------------------------------------------
    def _line_stopped(self, passed: int) -> None:
        self.fail(
            "line_stopped",
            f"부품이 {passed}개만 지나갔습니다 (라인이 계속 돌면 {self.expected_parts}개): 컨트롤러가 라인을 멈췄습니다.",
            f"only {_parts(passed)} passed (with the line running, {self.expected_parts}): your controller stopped "
            "the line",
            "이 과제의 컨트롤러는 부품을 세기만 하고, 컨베이어·공급기·비상정지 출력은 건드리지 마세요.",
            "in this exercise the controller only counts: leave the belts, the feeder and the E-stop outputs alone",
            None,
            COUNT_EYE,
        )

    def _display_not_written(self) -> None:
        self.fail(
            "display_not_written",
            f"부품이 {self.high[-1]}개 지나갔는데 panel.display가 끝까지 0입니다.",
            f"{_parts(self.high[-1])} passed and panel.display stayed 0 to the end",
            'm["count"]에 센 값을 line.panel.display = m["count"]처럼 스캔마다 표시기에 쓰세요.',
            'write the count to the display in every scan: line.panel.display = m["count"]',
            None,
            DISPLAY,
        )

    def _not_remembered(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "not_remembered",
            f"{when_ko} panel.display가 1이 되었다가 다시 0으로 돌아갑니다: 센 값을 다음 스캔까지 기억하지 못합니다.",
            f"panel.display went to 1 {when_en} and back to 0: the count is not remembered until the next scan",
            '센 값은 컨트롤러 안의 보통 변수가 아니라 m["count"]에 두세요 (스캔마다 새로 0이 되지 않습니다).',
            'keep the count in m["count"], not in a plain variable of the controller (it would start at 0 each scan)',
            self.t[k],
            DISPLAY,
        )

    def _counted_scans(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "counted_scans",
            f"{when_ko} panel.display가 {self.shown[k]}인데 지나간 부품은 {self.high[k]}개입니다: 부품 수가 아니라 "
            f"{COUNT_EYE}가 1인 스캔 수를 셌습니다.",
            f"panel.display was {self.shown[k]} {when_en} while {_parts(self.high[k])} had passed: you counted the scans "
            f"in which {COUNT_EYE} was 1, not the parts",
            "센서가 0에서 1로 바뀌는 스캔(상승 에지)에서만 1을 더하세요: plc.R_TRIG가 그 스캔에만 True를 줍니다.",
            "add 1 only in the scan where the sensor goes from 0 to 1 (the rising edge): plc.R_TRIG is True in that "
            "scan only",
            self.t[k],
            COUNT_EYE,
        )

    def _both_edges(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "both_edges",
            f"{when_ko} panel.display가 {self.shown[k]}인데 지나간 부품은 {self.high[k]}개입니다: 부품 하나를 들어올 때"
            "(0→1)와 나갈 때(1→0) 두 번 셌습니다.",
            f"panel.display was {self.shown[k]} {when_en} while {_parts(self.high[k])} had passed: each part was counted "
            "twice, when it came (0 to 1) and when it left (1 to 0)",
            "상승 에지(0→1) 하나만 세세요.",
            "count the rising edge (0 to 1) only",
            self.t[k],
            COUNT_EYE,
        )

    def _copied(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "copied_parts_out",
            f"panel.display가 production.parts_out을 그대로 옮겨 적습니다: {when_ko} 부품이 {COUNT_EYE}를 지나갔는데도 "
            "수가 늦게 바뀝니다.",
            f"panel.display copies production.parts_out: {when_en} a part had passed {COUNT_EYE} and the count "
            "changed late",
            f"라인의 카운터를 옮기지 말고 {COUNT_EYE}의 상승 에지로 직접 세세요.",
            f"do not copy the line's counter: count the rising edges of {COUNT_EYE} yourself",
            self.t[k],
            "production.parts_out",
        )

    def _wrong_eye(self, k: int, name: str) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "wrong_eye",
            f"{when_ko} panel.display가 {self.shown[k]}인데 배출부를 지나간 부품은 {self.high[k]}개입니다: {name}의 "
            "부품을 셌습니다.",
            f"panel.display was {self.shown[k]} {when_en} while {_parts(self.high[k])} had passed the outfeed: you "
            f"counted the parts at {name}",
            f"배출부 광전센서 {COUNT_EYE}의 상승 에지를 세세요.",
            f"count the rising edges of the outfeed photo-eye {COUNT_EYE}",
            self.t[k],
            name,
        )

    def _too_many(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "counted_too_many",
            f"{when_ko} panel.display가 {self.shown[k]}인데 {COUNT_EYE}를 지나간 부품은 {self.high[k]}개입니다.",
            f"panel.display was {self.shown[k]} {when_en}, but {_parts(self.high[k])} had passed {COUNT_EYE}",
            "result.plot()으로 그 시각의 센서와 수를 보고, 부품이 없는데 1을 더한 곳을 찾으세요.",
            "look at the sensor and the count at that time with result.plot() and find where you added 1 without "
            "a part",
            self.t[k],
            DISPLAY,
        )

    def _missed(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "missed_part",
            f"{when_ko} 부품이 {COUNT_EYE}를 지나갔는데 panel.display는 {self.shown[k]}에 머물렀습니다 "
            f"(지나간 부품 {self.low[k]}개).",
            f"a part passed {COUNT_EYE} {when_en} and panel.display stayed at {self.shown[k]} "
            f"({_parts(self.low[k])} had passed)",
            "상승 에지마다 빠짐없이 1을 더하고, 센 값을 스캔마다 표시기에 쓰는지 확인하세요.",
            "check that you add 1 at every rising edge and write the count to the display in every scan",
            self.t[k],
            COUNT_EYE,
        )

    def trace(self) -> Trace | None:
        rec = self.recorder
        if not rec.t:
            return None
        return Trace(
            rec.t,
            {COUNT_EYE: [int(bool(v)) for v in rec.column(COUNT_EYE)]},
            {DISPLAY: [int(v) for v in rec.column(DISPLAY)]},
            {DISPLAY: list(self.high) if hasattr(self, "high") else []},
            [f.t for f in self.findings if f.t is not None],
        )


@register
class CountParts(BehaviourCheck):
    """Count the parts passing conveyor2.photo_eye_exit with a rising edge and show the count on panel.display."""

    name = "count_parts"
    title = ("상승 에지로 부품 세기: panel.display", "counting parts with a rising edge: panel.display")
    scenario = "conveyor"
    count = len(COUNT_BANDS)

    def episode(self, rng: random.Random, base: Scenario) -> Episode:  # pragma: no cover - plant_for draws it
        raise NotImplementedError

    def plant_for(self, seed: int, index: int | None = None) -> tuple[Plant, Episode]:
        """The plant and episode of one hidden seed (``index``: its place among the hidden runs)."""
        if index is None:
            formative = formative_seeds(self.name, self.count)
            index = formative.index(seed) if seed in formative else None
        rng = random.Random(f"{self.name}|{seed}")
        episode = count_episode(rng, load_scenario(self.scenario), index, seed)
        return Plant(episode.scenario, seed=seed), episode

    def judge(self, answer: Any, seeds: list[int]) -> CheckResult:
        return run_behaviour(Planned(self, seeds), answer, seeds)  # type: ignore[arg-type]

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return CountJudge(plant, episode, run)


__all__ = [
    "BeltSpeed",
    "CountParts",
    "PartType",
    "conveyor_scenario",
    "count_episode",
    "edge_times",
    "hidden_history",
    "measure_pulses",
    "sampling_finding",
]
