"""Checks of lab 1-6/1-7 (``signal_quality``): ``noise_filter`` (1-6) and ``stuck_switch`` (1-7).

Both run the student's controller ``controller(line, t, m)`` on the ``tank`` scenario, every 0.05 s, on
hidden seeds. The check drives the tank itself: the inflow valve is held where the hidden run sets it (a
``valve_stuck`` fault from 0 s, so a controller that writes ``tank.inflow`` changes nothing) and the level
moves only through the coolant drawn by other machines (scenario ``demand`` actions), so every level
change happens at a time drawn from the seed.

**noise_filter** (1-6): smooth the level transmitter and show the smoothed level on the panel's
four-digit display in tenths of a millimetre (``panel.display = 4523`` for 452.3 mm, like the register
of ``tank.level``, whose scale is 10). A moving average over 2-6 s or a first-order filter with a time
constant of 1-3 s passes. Each hidden run (6, 60-75 s): the level stands still from 0 s (in a band of
its own, 360-750 mm, so no two runs share a level) until 36-42 s, then rises or falls at 2.4-3.6 mm/s
for 11-15 s (3 runs each way), then stands still again for 14-18 s. Judged:

* the display follows the level: not empty (``no_display``), not another input of the tank filtered
  instead (``not_the_level``: e.g. ``tank.temperature_raw``), not in mm or counts instead of 0.1 mm
  (``display_scale``), not starting from 0 (``starts_at_zero``: start the filter at the first reading),
  moving when the level moves (``not_the_level``), within 5 mm of the level while it stands still
  (``open_loop`` otherwise: a timetable or another run's values), not rounded to whole millimetres
  before or after filtering (``rounded``: the mean is off by more than 0.2 mm and every value is a whole
  mm) and without an offset (``offset``, more than 0.5 mm);
* **lag**: the display crosses the middle of the level's change at most 3 s (+0.3 s) after the true
  level does (``too_slow``: "필터가 너무 느립니다");
* **noise**, over the still part of every run (6 s to the step; about 200 s in all): the standard
  deviation of the display (less the share of its 0.1 mm rounding, Sheppard's correction) is at most
  a third of that of ``tank.level_raw`` in mm, measured on the same samples (``no_filter`` above 0.8,
  ``too_noisy`` otherwise).

The findings of the first run that fails are told, but an ``open_loop`` in any run first: a display that
ignores the level can match it by chance in one run.

**stuck_switch** (1-7): a plausibility check of the high level switch ``tank.high`` (on at 900 mm,
read from the plant: :data:`factorylab.plant.tank.HIGH_SWITCH`) against the level transmitter
``tank.level``. The alarm is ``stack_light.red`` (a fault: the red lamp) or ``stack_light.buzzer``
(either or both; blinking is fine). Expected, scan by scan, from what the plant did:

* **on** from 10 s after the switch is stuck off (``sensor_stuck_off``) and the level reads 930 mm or
  more, for as long as both last;
* **either** while the switch is stuck and the level reads 900 mm or more (a margin of 0-30 mm and a
  delay are the student's choice), and for 10 s after that ends (the level falls below 900 mm or the
  switch is repaired; an operator presses reset 3-7 s after it ends, so a latched alarm that reset
  clears is fine);
* **off** at every other time: the switch works (a level above 900 mm with ``tank.high`` = 1 is fine,
  and so is a level below 900 mm with ``tank.high`` = 0), or the switch is stuck but the level is
  below 900 mm, where nobody can tell.

Hidden runs (6, 150-310 s; the valve is open 100 % and the level follows the coolant drawn; where it
stands still it is 1.1-1.4 mm from a multiple of 2.5 mm, so no comparison with a round level flips on the
noise there): ``rising`` (always first: the switch sticks while the level is low; the level rises to
965-982 mm, stays, falls to 815-840 mm, stays, rises to 945-960 mm, stays, falls to 872-888 mm: two
mismatches), ``clean`` (up to 945-975 mm and back, switch working), ``clean_slow`` (a slow rise to
899.90-899.97 mm, just under the switch, for 20-30 s, then slowly past it: a comparison with exactly
900 mm chatters on the noise), ``high`` (the switch sticks while the level stands at 945-965 mm and is
repaired 25-35 s later), ``low_stuck`` (stuck while the level stays below 900 mm; repaired; then above
900 mm) and ``clean_overflow`` (up to 984-992 mm, past the overflow switch). The order of the last five
is shuffled per list of seeds; every time comes from the seed (windows at least 4 s wide).

Findings: ``open_loop`` first (:func:`not_monotone`, across all runs: any rule of margins, delays up to
10 s, hysteresis and latches cleared by reset is the same in every run and monotone in the level for
given readings of the three level switches, so an alarm that came on at one level and stayed off for
10 s at a level 5 mm higher with the switches reading the same, or the reverse, is no rule; nor is one
that changed while the level stood still for 10 s with the switches and reset unchanged); ``always_on``
(on 90 % of every run); then, in the first failing run, the first scan that breaks the rule, told as
``never_clears`` (latched and not cleared by reset), ``wrong_switch`` (on while ``tank.high`` read 1:
the level compared with ``tank.low`` or ``tank.overflow``, or with no switch at all), ``no_margin`` (on
at 899-905 mm with a working switch: the noise), ``wrong_level`` (on below 899 mm: the switch taken
lower than 900 mm), ``false_alarm``, ``amber_lamp``, ``too_late`` (on only at a higher level: the switch
taken higher than 900 mm or a margin over 30 mm) or ``no_alarm``.
"""

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from factorylab.control.checks.base import register
from factorylab.control.checks.behaviour import (
    BehaviourCheck,
    Episode,
    Judge,
    Recorder,
    block_in_scan,
    borrowed,
    falling,
    rising,
    run_seed,
)
from factorylab.control.checks.result import CheckResult, Finding, Trace, at
from factorylab.control.checks.seeds import formative_seeds
from factorylab.control.memory import program_for
from factorylab.control.student import Watchdog
from factorylab.plant import Plant, Scenario, load_scenario
from factorylab.plant import tank as tank_model
from factorylab.plant.scenario import Action, FaultSettings, ScheduledFault
from factorylab.tags import ALL_TAGS

SCAN = 0.05
#: mm of level per litre in the tank (the plant's area: 0.25 m2)
MM_PER_LITRE = 1000.0 / tank_model.AREA
#: the level transmitter: counts at the top of the range, mm at the top (from the tag table)
RAW_FULL = float(ALL_TAGS.get("tank.level_raw").max)  # type: ignore[union-attr]
LEVEL_FULL = float(ALL_TAGS.get("tank.level").max)  # type: ignore[union-attr]
MM_PER_COUNT = LEVEL_FULL / RAW_FULL


def _s(seconds: float) -> int:
    return round(seconds / SCAN)


def _u(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high), 2)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _stuck_valve() -> ScheduledFault:
    """The inflow valve held where the scenario set it, whatever the controller writes."""
    return ScheduledFault(at=0.0, kind="valve_stuck", target="tank")


def _collect(check: BehaviourCheck, answer: Any, seeds: list[int]) -> tuple[list[Judge], CheckResult | None]:
    """Run ``answer`` on every seed and judge each run (``finish``).

    Returns (the judges, None), or (the judges so far, the result) when the student's code failed in a run.
    """
    program = program_for(answer)
    judges: list[Judge] = []
    with borrowed(program):
        with Watchdog() as dog:
            for run, seed in enumerate(seeds, start=1):
                plant, episode = check.plant_for(seed)
                judge = check.make_judge(plant, episode, run)
                problem = run_seed(program, plant, judge, episode.seconds, check.scan, dog, run)
                if problem is not None:
                    return judges, check.result(False, [problem], seeds=len(seeds), trace=judge.trace())
                findings = judge.finish()
                if findings and program.clock.made_in_scans > 20:
                    return judges, check.result(False, [block_in_scan(run)], seeds=len(seeds))
                judges.append(judge)
    return judges, None


# =========================================================================================================
# noise_filter (1-6)
# =========================================================================================================

#: s at the start of a run the filter may take to start (not judged)
SETTLE = 6.0
#: the most the display may lag the level, s (and the tolerance on it)
LAG_LIMIT, LAG_TOLERANCE = 3.0, 0.3
#: the display's noise must be at most this share of the transmitter's
NOISE_RATIO = 1.0 / 3.0
#: above this share the display is not filtered at all
NO_FILTER = 0.8
#: the display shows the level in tenths of a millimetre
DISPLAY_PER_MM = 10
#: mm the display may be off the level while it stands still before it is not following it at all
FOLLOW = 5.0
#: mm of mean offset that a filter of rounded values shows (and any offset that fails)
ROUNDED_BIAS, OFFSET = 0.2, 0.5
#: the tank's other measurements, which a filter of the wrong tag follows
OTHER_INPUTS = tuple(
    tag.name
    for tag in ALL_TAGS.of_device("tank")
    if tag.table == "input_register" and tag.name not in ("tank.level", "tank.level_raw")
)
#: a band of start levels per hidden run, mm: runs never share a level
BANDS = ((360.0, 400.0), (430.0, 470.0), (500.0, 540.0), (570.0, 610.0), (640.0, 680.0), (710.0, 750.0))
DIRECTIONS = ("rise", "fall", "rise", "fall", "rise", "fall")


def filter_plan(seeds: Sequence[int]) -> dict[int, tuple[int, str]]:
    """(band index, direction) of each seed of a list: every band once, three rises and three falls."""
    rng = random.Random("noise_filter|plan|" + ",".join(map(str, seeds)))
    bands = list(range(len(BANDS)))
    directions = list(DIRECTIONS)
    rng.shuffle(bands)
    rng.shuffle(directions)
    planned: dict[int, tuple[int, str]] = {}
    for index, seed in enumerate(seeds):
        planned.setdefault(seed, (bands[index % len(bands)], directions[index % len(directions)]))
    return planned


def filter_episode(rng: random.Random, base: Scenario, band: int, direction: str) -> Episode:
    """A hidden run: still, a ramp up or down from 36-42 s for 11-15 s, still again."""
    level = _u(rng, *BANDS[band])
    valve = _u(rng, 70.0, 90.0)  # %
    balance = valve / 100.0  # L/s drawn while the level stands still
    change = _u(rng, 0.6, min(0.9, balance))  # L/s
    step = round(_u(rng, 36.0, 42.0) / 0.2) * 0.2
    ramp = round(_u(rng, 11.0, 15.0) / 0.2) * 0.2
    tail = _u(rng, 14.0, 18.0)
    during = max(0.0, balance - change) if direction == "rise" else balance + change
    actions = [Action(at=round(step, 2), demand=round(during, 6)), Action(at=round(step + ramp, 2), demand=balance)]
    tank = base.tank.model_copy(update={"level": level, "inflow": valve, "demand": balance})
    scenario = base.model_copy(
        update={"tank": tank, "actions": actions, "faults": FaultSettings(schedule=[_stuck_valve()])}
    )
    script = {"direction": direction, "level": level, "step": round(step, 2), "ramp": round(ramp, 2)}
    return Episode(scenario, round((step + ramp + tail) / SCAN) * SCAN, script)


@dataclass
class _Still:
    """The still part of a run before the step: deviations from its mean, mm."""

    display: list[float] = field(default_factory=list)
    raw: list[float] = field(default_factory=list)


class FilterJudge(Judge):
    wants_steps = False

    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        super().__init__(plant, episode, run)
        self.recorder = Recorder(plant, ("tank.level_raw", "tank.level", "panel.display", *OTHER_INPUTS))
        self.true: list[float] = []
        self.still = _Still()

    def after_scan(self, t: float) -> None:
        self.recorder.sample(t)
        self.true.append(self.plant.tank.true_level)

    def trace(self) -> Trace:
        c = self.recorder.columns()
        return Trace(
            self.recorder.t,
            {"tank.level": c["tank.level"]},
            {"panel.display": c["panel.display"]},
            {},
            [f.t for f in self.findings if f.t is not None],
        )

    # --- the verdict of one run ---------------------------------------------------------------------
    def finish(self) -> list[Finding]:
        t = self.recorder.t
        c = self.recorder.columns()
        level = c["tank.level"]
        raw_mm = [r * MM_PER_COUNT for r in c["tank.level_raw"]]
        display = [d / DISPLAY_PER_MM for d in c["panel.display"]]
        step = self.episode.script["step"]
        still = [k for k, when in enumerate(t) if SETTLE <= when < step]
        late = [k for k in still if t[k] >= step - 10.0]
        if not any(c["panel.display"]):
            self.fail(
                "no_display",
                "패널 표시기(panel.display)에 아무것도 쓰지 않았습니다.",
                "nothing was written to the panel display (panel.display)",
                "필터로 거른 수위를 0.1 mm 단위로 panel.display에 쓰세요 (452.3 mm → 4523).",
                "write the filtered level to panel.display in tenths of a mm (452.3 mm -> 4523)",
                t[0],
                "panel.display",
            )
            return self.findings
        if self._other_input(c["panel.display"], still):
            return self.findings
        if self._scale(display, level, late) or self._starts_at_zero(display, level, still):
            return self.findings
        if self._not_the_level(display, level) or self._open_loop(display, level, still):
            return self.findings
        if self._offset(c["panel.display"], display, raw_mm, still) or self._lag(display):
            return self.findings
        mean_display = _mean([display[k] for k in still])
        mean_raw = _mean([raw_mm[k] for k in still])
        self.still.display = [display[k] - mean_display for k in still]
        self.still.raw = [raw_mm[k] - mean_raw for k in still]
        return self.findings

    def _scale(self, display: list[float], level: list[float], late: list[int]) -> bool:
        shown = sorted(display[k] for k in late)[len(late) // 2]
        real = sorted(level[k] for k in late)[len(late) // 2]
        ratio = shown / real if real else 0.0
        t = self.recorder.t[late[0]]
        written = shown * DISPLAY_PER_MM
        if abs(ratio - 1.0 / DISPLAY_PER_MM) < 0.01:
            ko, en = f"{real:.1f} mm를 {written:.0f}(mm 그대로)로", f"{real:.1f} mm as {written:.0f} (in mm)"
        elif abs(ratio - 1.0 / (MM_PER_COUNT * DISPLAY_PER_MM)) < 0.01:
            ko, en = f"{real:.1f} mm를 {written:.0f}(카운트)로", f"{real:.1f} mm as {written:.0f} (counts)"
        else:
            return False
        self.fail(
            "display_scale",
            f"표시기가 수위 {ko} 보여 줍니다: 이 표시기는 0.1 mm 단위입니다.",
            f"the display shows the level of {en}: this display counts in tenths of a mm",
            f"mm로 바꾼 필터값에 {DISPLAY_PER_MM}을 곱해 쓰세요 (452.3 mm → 4523).",
            f"multiply the filtered level in mm by {DISPLAY_PER_MM} (452.3 mm -> 4523)",
            t,
            "panel.display",
        )
        return True

    def _starts_at_zero(self, display: list[float], level: list[float], still: list[int]) -> bool:
        t = self.recorder.t
        first = [k for k, when in enumerate(t) if when < 1.0]
        if _mean([display[k] for k in first]) >= 0.5 * _mean([level[k] for k in first]):
            return False
        close = next((k for k in range(len(t)) if abs(display[k] - level[k]) < 1.0), None)
        if close is None or close > still[-1]:
            return False
        k = still[0] if close > still[0] else close
        when_ko, when_en = at(t[k])
        self.fail(
            "starts_at_zero",
            f"필터값이 0에서 출발해서 {when_ko}도 실제 수위보다 {abs(level[k] - display[k]):.1f} mm 낮았습니다.",
            f"your filter started from 0, so {when_en} it was still {abs(level[k] - display[k]):.1f} mm below the "
            f"level",
            "첫 스캔에서는 필터값을 그때의 측정값으로 시작하세요 (if m['started'] == 0: ...).",
            "start the filter at the first reading in the first scan (if m['started'] == 0: ...)",
            t[k],
            "panel.display",
        )
        return True

    def _other_tag(self, register: list[int]) -> str | None:
        """The other input of the tank the display follows (shown in tenths, in counts x 2.5 or as it is), if any.

        Over the whole run after the start, and only an input that moves: a constant one could match a
        display that shows the level in the wrong unit.
        """
        c = self.recorder.columns()
        after = [k for k, when in enumerate(self.recorder.t) if when >= SETTLE]
        for name in OTHER_INPUTS:
            values = [c[name][k] for k in after]
            if max(values) - min(values) <= 0.01 * max(abs(v) for v in values):
                continue
            for factor in (DISPLAY_PER_MM, MM_PER_COUNT * DISPLAY_PER_MM, 1.0):
                errors = sorted(abs(register[k] - factor * v) for k, v in zip(after, values, strict=True))
                typical = sorted(abs(factor * v) for v in values)[len(values) // 2]
                if typical > 0 and errors[int(0.9 * len(errors))] <= max(3.0, 0.02 * typical):
                    return name
        return None

    def _other_input(self, register: list[int], still: list[int]) -> bool:
        t = self.recorder.t
        other = self._other_tag(register)
        if other is not None:
            self.fail(
                "not_the_level",
                f"표시값이 수위가 아니라 {other}를 따라갑니다.",
                f"the display follows {other}, not the level",
                "수위 전송기 tank.level_raw(또는 tank.level)를 읽어 필터에 넣으세요.",
                "read the level transmitter, tank.level_raw (or tank.level), into your filter",
                t[still[0]],
                other,
            )
            return True
        return False

    def _not_the_level(self, display: list[float], level: list[float]) -> bool:
        t = self.recorder.t
        after = [k for k, when in enumerate(t) if when >= SETTLE]
        moved = max(display[k] for k in after) - min(display[k] for k in after)
        changed = max(level[k] for k in after) - min(level[k] for k in after)
        if moved >= 0.05 * changed:
            return False
        step = self.episode.script["step"]
        k = _s(step)
        when_ko, when_en = at(step)
        self.fail(
            "not_the_level",
            f"{when_ko} 수위가 움직이기 시작해 {changed:.0f} mm 변했는데 표시값은 {moved:.1f} mm만 움직였습니다: "
            f"표시값이 수위를 따르지 않습니다.",
            f"the level began to move {when_en} and changed by {changed:.0f} mm, but the display moved only "
            f"{moved:.1f} mm: it does not follow the level",
            "수위 전송기 tank.level_raw(또는 tank.level)를 읽어 필터에 넣었는지 확인하세요.",
            "check that you read the level transmitter, tank.level_raw (or tank.level), into your filter",
            t[k],
            "tank.level_raw",
        )
        return True

    def _open_loop(self, display: list[float], level: list[float], still: list[int]) -> bool:
        t = self.recorder.t
        for k in still:
            if abs(display[k] - level[k]) > FOLLOW:
                when_ko, when_en = at(t[k])
                self.fail(
                    "open_loop",
                    f"{when_ko} 수위는 {level[k]:.1f} mm로 그대로인데 표시값은 {display[k]:.1f} mm였습니다: 표시값이 입력(수위)을 "
                    f"따르지 않고 시간표대로 움직입니다.",
                    f"{when_en} the level stood at {level[k]:.1f} mm but the display showed {display[k]:.1f} mm: your "
                    f"outputs do not follow the inputs (the level), they follow a timetable",
                    "시간이나 다른 실행의 값이 아니라, 매 스캔 tank.level_raw를 읽어 거른 값을 쓰세요.",
                    "read tank.level_raw in every scan and show its filtered value, not the time or another run's values",
                    t[k],
                    "panel.display",
                )
                return True
        return False

    def _offset(self, register: list[int], display: list[float], raw_mm: list[float], still: list[int]) -> bool:
        t = self.recorder.t
        bias = _mean([display[k] for k in still]) - _mean([raw_mm[k] for k in still])
        whole = all(register[k] % DISPLAY_PER_MM == 0 for k in still)
        when_ko, when_en = at(t[still[0]])
        if whole and abs(bias) > ROUNDED_BIAS:
            self.fail(
                "rounded",
                f"표시값이 모두 1 mm 단위이고(0.1 mm 자리가 늘 0) 수위가 그대로인 동안 실제 수위와 평균 {abs(bias):.2f} mm "
                f"차이가 납니다: 측정값이나 필터값을 정수로 반올림했습니다.",
                f"every value on the display is a whole mm (the tenths are always 0) and while the level stood still it "
                f"was {abs(bias):.2f} mm off on average: you rounded the reading or the filtered value to a whole number",
                "반올림(round, int)은 하지 말고 필터값 × 10을 그대로 표시기에 쓰세요: 평균은 반올림하지 않은 값으로 내야 합니다.",
                "do not round (round, int): write the filtered value x 10 to the display, and average unrounded readings",
                t[still[0]],
                "panel.display",
            )
            return True
        if abs(bias) > OFFSET:
            self.fail(
                "offset",
                f"수위가 그대로인 동안 표시값이 실제 수위보다 평균 {bias:+.2f} mm 어긋났습니다.",
                f"while the level stood still the display was off by {bias:+.2f} mm on average",
                "필터는 평균을 바꾸지 않아야 합니다: 더하거나 빼는 값, 나누는 개수를 확인하세요.",
                "a filter must not shift the mean: check what you add or subtract and what you divide by",
                t[still[0]],
                "panel.display",
            )
            return True
        return False

    def lag(self, display: list[float]) -> tuple[float, float | None]:
        """(when the true level crossed the middle of its change, how long after the display did; None: never)."""
        t = self.recorder.t
        step = self.episode.script["step"]
        begin = _s(step)
        up = self.episode.script["direction"] == "rise"
        middle = (self.true[begin] + self.true[-1]) / 2.0
        crossed = next(k for k in range(begin, len(t)) if (self.true[k] >= middle if up else self.true[k] <= middle))
        shown = next((k for k in range(begin, len(t)) if (display[k] >= middle if up else display[k] <= middle)), None)
        return t[crossed], None if shown is None else t[shown] - t[crossed]

    def _lag(self, display: list[float]) -> bool:
        when, lag = self.lag(display)
        if lag is not None and lag <= LAG_LIMIT + LAG_TOLERANCE:
            return False
        step = self.episode.script["step"]
        when_ko, when_en = at(step)
        verb_ko = "올라가기" if self.episode.script["direction"] == "rise" else "내려가기"
        verb_en = "rise" if self.episode.script["direction"] == "rise" else "fall"
        if lag is None:
            ko = f"{when_ko} 수위가 {verb_ko} 시작했는데 표시값은 끝까지 변화의 절반도 따라가지 못했습니다: 필터가 너무 느립니다."
            en = f"the level began to {verb_en} {when_en} and the display never got even halfway: your filter is too slow"
        else:
            ko = (
                f"{when_ko} 수위가 {verb_ko} 시작했는데 표시값은 수위보다 {lag:.1f}초 늦게 따라옵니다: 필터가 너무 느립니다 "
                f"({LAG_LIMIT:.0f}초 이하)."
            )
            en = (
                f"the level began to {verb_en} {when_en} and the display followed {lag:.1f} s behind it: your filter is "
                f"too slow (at most {LAG_LIMIT:.0f} s)"
            )
        self.fail(
            "too_slow",
            ko,
            en,
            "이동평균의 창을 줄이거나(6초 이하) 1차 필터의 새 값 비율을 키우세요(시정수 3초 이하).",
            "shorten the moving average's window (6 s at most) or give the new reading more weight in the first-order "
            "filter (time constant 3 s at most)",
            when,
            "panel.display",
        )
        return True


@register
class NoiseFilter(BehaviourCheck):
    """Smooth the level transmitter and show it on the panel display: a third of the noise, at most 3 s late."""

    name = "noise_filter"
    title = (
        "수위 신호의 잡음 거르기: 잡음 ⅓ 이하, 지연 3초 이하 (panel.display)",
        "filter the level signal: a third of the noise, at most 3 s late (panel.display)",
    )
    scenario = "tank"
    count = 6
    scan = SCAN

    def __init__(self) -> None:
        self._plan: dict[int, tuple[int, str]] = {}

    def planned(self, seed: int) -> tuple[int, str]:
        """The band and direction of ``seed``: from the seeds being judged, else the formative ones, else the seed."""
        plan = self._plan or filter_plan(formative_seeds(self.name, self.count))
        if seed in plan:
            return plan[seed]
        return seed % len(BANDS), DIRECTIONS[seed % len(DIRECTIONS)]

    def plant_for(self, seed: int) -> tuple[Plant, Episode]:
        rng = random.Random(f"{self.name}|{seed}")
        episode = filter_episode(rng, load_scenario(self.scenario), *self.planned(seed))
        return Plant(episode.scenario, seed=seed), episode

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return FilterJudge(plant, episode, run)

    def judge(self, answer: Any, seeds: list[int]) -> CheckResult:
        self._plan = filter_plan(seeds)
        try:
            judges, failed = _collect(self, answer, seeds)
        finally:
            self._plan = {}
        if failed is not None:
            return failed
        failing = [j for j in judges if j.findings]
        if failing:  # a display that ignores the level can match it by chance in one run: open loop first
            judge = next((j for j in failing if j.findings[0].code == "open_loop"), failing[0])
            return self.result(False, judge.findings, seeds=len(seeds), trace=judge.trace())
        return self._noise(judges, len(seeds))

    def _noise(self, judges: list[Judge], seeds: int) -> CheckResult:
        display = [d for j in judges for d in j.still.display]  # type: ignore[attr-defined]
        raw = [r for j in judges for r in j.still.raw]  # type: ignore[attr-defined]
        shown = math.sqrt(sum(d * d for d in display) / len(display))
        rounding = (1.0 / DISPLAY_PER_MM) ** 2 / 12.0  # the display's own 0.1 mm steps (Sheppard's correction)
        filtered = math.sqrt(max(0.0, shown * shown - rounding))
        sigma = math.sqrt(sum(r * r for r in raw) / len(raw))
        ratio = filtered / sigma
        if ratio <= NOISE_RATIO:
            return self.result(True, [], seeds=seeds)
        numbers_ko = (
            f"수위가 그대로인 구간에서 표시값의 흔들림(표준편차)은 {filtered:.3f} mm로, 전송기 신호({sigma:.3f} mm)의 "
            f"{ratio:.2f}배입니다"
        )
        numbers_en = (
            f"while the level stood still the display's noise (standard deviation) was {filtered:.3f} mm, {ratio:.2f} "
            f"times the transmitter's ({sigma:.3f} mm)"
        )
        if ratio > NO_FILTER:
            finding = Finding(
                "no_filter",
                numbers_ko + ": 필터가 거의 없습니다 (⅓ 이하여야 합니다).",
                numbers_en + ": there is hardly any filtering (it must be a third or less)",
                "최근 값 여러 개의 평균(이동평균, 2~6초)이나 1차 필터를 쓰세요.",
                "average the recent readings (a moving average over 2-6 s) or use a first-order filter",
                None,
                "panel.display",
            )
        else:
            finding = Finding(
                "too_noisy",
                numbers_ko + ": 필터가 약합니다 (⅓ 이하여야 합니다).",
                numbers_en + ": your filter is too weak (it must be a third or less)",
                "더 많은 값을 평균하세요: 수위는 0.2초마다 새 값이니 창을 2초(40스캔) 넘게, 시정수는 1초 넘게 잡으세요.",
                "average more readings: the level gets a new value every 0.2 s, so make the window longer than 2 s "
                "(40 scans) or the time constant longer than 1 s",
                None,
                "panel.display",
            )
        judge = judges[0]
        return self.result(False, [finding], seeds=seeds, trace=judge.trace())


# =========================================================================================================
# stuck_switch (1-7)
# =========================================================================================================

#: the high level switch closes at this level, mm (read from the plant)
SWITCH = tank_model.HIGH_SWITCH
#: mm above the switch from which a stuck switch is evident
EVIDENT = 30.0
#: s after the stuck switch is evident by which the alarm must be on
ON_BOUND = 10.0
#: s after it ends by which the alarm must be off
CLEAR_BOUND = 10.0
#: a blinking alarm counts as on if it was on at least once in this many seconds
BLINK = 1.0
#: s before an alarm's change in which its cause must show (the longest delay that passes)
CAUSE_WINDOW = 10.0
#: mm the true level may move in a window and still count as standing still
STILL = 0.01
#: mm a level must be past the level where the alarm changed for a rule to be bound to do the same
MONOTONE = 5.0
#: mm around the switch where a comparison without a margin chatters on the noise
NEAR = 5.0
#: share of every run with the alarm on that counts as "always on"
ALWAYS = 0.9
ALARMS = ("stack_light.red", "stack_light.buzzer")
INPUTS = ("tank.level", "tank.high", "panel.reset")
#: the tank's on/off inputs: a rule may follow any of them (the wrong one, too)
SWITCHES = ("tank.high", "tank.low", "tank.overflow")
OUTPUTS = (*ALARMS, "stack_light.amber")
ROLES = ("rising", "clean", "clean_slow", "high", "low_stuck", "clean_overflow")


def _level(rng: random.Random, low: float, high: float) -> float:
    """A level in [low, high] that is no round number: 1.1-1.4 mm from a multiple of 2.5 mm.

    No comparison with a round level (a multiple of 5 mm, or of 10 counts) can flip on the noise (about
    0.15 mm) while the level stands there.
    """
    choices = [5.0 * n for n in range(math.ceil(low / 5.0), math.floor(high / 5.0) + 1) if 5.0 * n + 3.9 <= high]
    return round(rng.choice(choices) + rng.choice((1.1, 3.6)) + rng.uniform(0.0, 0.3), 2)


class Profile:
    """The level over a hidden run: the valve gives 1 L/s, the coolant drawn (``demand``) sets the slope."""

    def __init__(self, level: float) -> None:
        self.t = 0.0
        self.level = level
        self.actions: list[Action] = []
        self.points: list[tuple[float, float]] = [(0.0, level)]

    def _segment(self, seconds: float, rate: float) -> None:
        seconds = max(0.2, round(seconds / 0.2) * 0.2)  # whole slow steps of the tank: the level lands exactly
        self.actions.append(Action(at=round(self.t, 2), demand=1.0 - rate / MM_PER_LITRE))
        self.t = round(self.t + seconds, 2)
        self.level += rate * seconds
        self.points.append((self.t, self.level))

    def hold(self, seconds: float) -> None:
        """Keep the level where it is for ``seconds``."""
        self._segment(seconds, 0.0)

    def go(self, target: float, speed: float) -> None:
        """Move the level to ``target`` mm at about ``speed`` mm/s."""
        seconds = max(0.2, round(abs(target - self.level) / speed / 0.2) * 0.2)
        self._segment(seconds, (target - self.level) / seconds)

    def when(self, level: float, after: float = 0.0) -> float:
        """The first time after ``after`` the planned level passes ``level``."""
        for (t0, l0), (t1, l1) in zip(self.points, self.points[1:], strict=False):
            if t1 <= after or l0 == l1:
                continue
            if min(l0, l1) <= level <= max(l0, l1):
                crossing = t0 + (level - l0) / (l1 - l0) * (t1 - t0)
                if crossing >= after:
                    return crossing
        raise ValueError(level)


def switch_episode(rng: random.Random, base: Scenario, role: str) -> Episode:
    """One hidden run of ``role``: the level's profile, the stuck switch, the reset presses."""
    faults = [_stuck_valve()]
    presses: list[float] = []

    def stuck(start: float, end: float | None) -> None:
        duration = None if end is None else round(end - start, 2)
        faults.append(
            ScheduledFault(at=round(start, 2), kind="sensor_stuck_off", target="tank.high", duration=duration)
        )

    if role == "rising":
        p = Profile(_level(rng, 851.0, 869.0))
        stuck(_u(rng, 2.0, 6.0), None)
        p.hold(_u(rng, 14.0, 20.0))
        p.go(_level(rng, 965.0, 982.0), _u(rng, 1.5, 2.5))
        p.hold(_u(rng, 8.0, 14.0))
        top = p.t
        p.go(_level(rng, 815.0, 840.0), _u(rng, 2.0, 3.0))
        presses.append(p.when(SWITCH, after=top) + _u(rng, 3.0, 7.0))
        p.hold(_u(rng, 16.0, 24.0))
        p.go(_level(rng, 945.0, 960.0), _u(rng, 1.5, 2.5))
        p.hold(_u(rng, 10.0, 16.0))
        top = p.t
        p.go(_level(rng, 872.0, 888.0), _u(rng, 2.0, 3.0))
        presses.append(p.when(SWITCH, after=top) + _u(rng, 3.0, 7.0))
        p.hold(_u(rng, 12.0, 16.0))
    elif role == "clean":
        p = Profile(_level(rng, 830.0, 860.0))
        p.hold(_u(rng, 15.0, 25.0))
        p.go(_level(rng, 945.0, 975.0), _u(rng, 1.5, 3.0))
        top = p.t
        p.hold(_u(rng, 15.0, 25.0))
        presses.append(top + _u(rng, 4.0, 10.0))
        p.go(_level(rng, 815.0, 845.0), _u(rng, 2.0, 3.0))
        p.hold(_u(rng, 15.0, 25.0))
    elif role == "clean_slow":
        p = Profile(_level(rng, 870.0, 885.0))
        p.hold(_u(rng, 14.0, 20.0))
        p.go(SWITCH - _u(rng, 0.03, 0.1), _u(rng, 0.3, 0.5))
        p.hold(_u(rng, 20.0, 30.0))
        p.go(_level(rng, 912.0, 925.0), _u(rng, 0.3, 0.5))
        p.hold(_u(rng, 10.0, 15.0))
        p.go(_level(rng, 830.0, 850.0), _u(rng, 2.0, 3.0))
        p.hold(_u(rng, 15.0, 20.0))
    elif role == "high":
        p = Profile(_level(rng, 850.0, 870.0))
        p.hold(_u(rng, 14.0, 20.0))
        p.go(_level(rng, 945.0, 965.0), _u(rng, 1.5, 3.0))
        start = p.t + _u(rng, 8.0, 14.0)
        end = start + _u(rng, 25.0, 35.0)
        stuck(start, end)
        presses.append(end + _u(rng, 3.0, 7.0))
        p.hold(end + _u(rng, 15.0, 20.0) - p.t)
        p.go(_level(rng, 820.0, 845.0), _u(rng, 2.0, 3.0))
        p.hold(_u(rng, 12.0, 18.0))
    elif role == "low_stuck":
        p = Profile(_level(rng, 820.0, 845.0))
        start = _u(rng, 3.0, 8.0)
        p.hold(_u(rng, 14.0, 20.0))
        p.go(_level(rng, 876.0, 892.0), _u(rng, 1.5, 2.5))
        p.hold(_u(rng, 15.0, 25.0))
        stuck(start, p.t - _u(rng, 3.0, 6.0))
        p.go(_level(rng, 935.0, 960.0), _u(rng, 1.5, 2.5))
        p.hold(_u(rng, 12.0, 18.0))
        p.go(_level(rng, 820.0, 845.0), _u(rng, 2.0, 3.0))
        p.hold(_u(rng, 10.0, 15.0))
    elif role == "clean_overflow":
        p = Profile(_level(rng, 850.0, 870.0))
        p.hold(_u(rng, 14.0, 20.0))
        p.go(_level(rng, 984.0, 992.0), _u(rng, 2.0, 3.0))
        p.hold(_u(rng, 12.0, 20.0))
        p.go(_level(rng, 820.0, 845.0), _u(rng, 2.0, 3.0))
        p.hold(_u(rng, 15.0, 20.0))
    else:  # pragma: no cover - a programming error
        raise ValueError(role)
    actions = p.actions + [Action(at=round(when, 2), press="reset", hold=0.3) for when in presses]
    actions.sort(key=lambda a: a.at)
    tank = base.tank.model_copy(update={"level": p.points[0][1], "inflow": 100.0, "demand": 1.0})
    scenario = base.model_copy(update={"tank": tank, "actions": actions, "faults": FaultSettings(schedule=faults)})
    script = {"role": role, "profile": p.points, "presses": presses, "faults": [(f.at, f.duration) for f in faults[1:]]}
    return Episode(scenario, round(p.t / SCAN) * SCAN, script)


def switch_roles(seeds: Sequence[int]) -> dict[int, str]:
    """Which role each seed of a list plays: the first ``rising``, the others shuffled (cycled if more)."""
    rest = list(ROLES[1:])
    random.Random("stuck_switch|roles|" + ",".join(map(str, seeds))).shuffle(rest)
    roles: dict[int, str] = {}
    for index, seed in enumerate(seeds):
        roles.setdefault(seed, ROLES[0] if index == 0 else rest[(index - 1) % len(rest)])
    return roles


class SwitchJudge(Judge):
    wants_steps = False

    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        super().__init__(plant, episode, run)
        self.recorder = Recorder(plant, INPUTS + SWITCHES[1:] + OUTPUTS)
        self.stuck: list[bool] = []
        self.true: list[float] = []
        self._extremes: dict[tuple[tuple[int, ...], bool], tuple[float, int]] | None = None

    def after_scan(self, t: float) -> None:
        self.recorder.sample(t)
        self.stuck.append(self.plant.sensor_overrides.get("tank.high") is False)
        self.true.append(self.plant.tank.true_level)

    # --- what was expected -----------------------------------------------------------------------------
    def model(self) -> None:
        c = self.recorder.columns()
        self.c = c
        n = len(self.recorder.t)
        self.alarm = [bool(r or b) for r, b in zip(c["stack_light.red"], c["stack_light.buzzer"], strict=True)]
        last_on = -(10**9)
        self.seen: list[bool] = []  # the alarm, a blink counted as on
        for k, a in enumerate(self.alarm):
            if a:
                last_on = k
            self.seen.append(k - last_on < _s(BLINK))
        level = c["tank.level"]
        self.alarmable = [s and lv >= SWITCH for s, lv in zip(self.stuck, level, strict=True)]
        self.evident = [s and lv >= SWITCH + EVIDENT for s, lv in zip(self.stuck, level, strict=True)]
        expected: list[bool | None] = [False] * n
        last = -(10**9)
        since = None
        for k in range(n):
            if self.alarmable[k]:
                last = k
            if self.evident[k]:
                since = k if since is None else since
            else:
                since = None
            if since is not None and k - since >= _s(ON_BOUND):
                expected[k] = True
            elif k - last <= _s(CLEAR_BOUND):
                expected[k] = None
        self.expected = expected

    def trace(self) -> Trace:
        if not hasattr(self, "expected"):
            self.model()
        c = self.c
        return Trace(
            self.recorder.t,
            {"tank.level": c["tank.level"], "tank.high": c["tank.high"]},
            {"stack_light.red": c["stack_light.red"]},
            {"stack_light.red": [None if e is None else float(e) for e in self.expected]},
            [f.t for f in self.findings if f.t is not None],
        )

    # --- the verdict -------------------------------------------------------------------------------------
    def finish(self) -> list[Finding]:
        self.model()
        if self.open_loop():
            return self.findings
        self._rule()
        return self.findings

    def open_loop(self, found: tuple[int, str, str] | None = None) -> bool:
        """Fail as open loop with ``found`` (scan, ko, en), or if the alarm changed while nothing did.

        Nothing changed: the level had stood still for 10 s (the true level, not the reading: the levels
        where a run stands still are no round numbers, so the noise cannot flip a comparison there) away
        from the switch, ``tank.high`` had not changed and nobody pressed reset.
        """
        found = found or self._changed_while_still()
        if found is None:
            return False
        k, ko, en = found
        self.fail(
            "open_loop",
            ko + ": 경보가 입력을 따르지 않고 시간표대로 움직입니다.",
            en + ": your outputs do not follow the inputs, they follow a timetable",
            "시간이 아니라 매 스캔 tank.level과 tank.high를 읽어 경보를 정하세요.",
            "decide the alarm from tank.level and tank.high in every scan, not from the time",
            self.recorder.t[k],
            "stack_light.red",
        )
        return True

    def edges(self) -> list[tuple[int, bool]]:
        """(scan, came on) of each change of the alarm after the first 10 s; a change at a reset press left out."""
        reset = self.c["panel.reset"]
        near = _s(BLINK)
        found = [(k, True) for k in rising(self.seen)]
        found += [(k, False) for k in falling(self.seen) if not any(reset[max(0, k - near) : k + 1])]
        return sorted((k, on) for k, on in found if self.recorder.t[k] > CAUSE_WINDOW)

    def switches(self, k: int) -> tuple[int, ...]:
        """What the tank's on/off inputs (:data:`SWITCHES`) read at scan ``k``, as 0/1."""
        return tuple(int(bool(self.c[name][k])) for name in SWITCHES)

    def extremes(self) -> dict[tuple[tuple[int, ...], bool], tuple[float, int]]:
        """The highest level at which the alarm stayed off, and the lowest at which it stayed on, for 10 s.

        Keyed by (the switches, alarm on): (level, scan at the end of the 10 s), the switches reading the
        same all along. For "off" the level is the lowest of the 10 s (the highest such), for "on" the
        highest of the 10 s (the lowest such).
        """
        if self._extremes is not None:
            return self._extremes
        level = self.c["tank.level"]
        states = [self.switches(j) for j in range(len(level))]
        window = _s(CAUSE_WINDOW)
        best: dict[tuple[tuple[int, ...], bool], tuple[float, int]] = {}
        for state in set(states):
            for on in (False, True):
                queue: deque[int] = deque()  # scans of the stretch, their levels monotone (min for off, max for on)
                length = 0
                for j, value in enumerate(level):
                    if states[j] != state or self.seen[j] != on:
                        queue.clear()
                        length = 0
                        continue
                    length += 1
                    while queue and (level[queue[-1]] <= value if on else level[queue[-1]] >= value):
                        queue.pop()
                    queue.append(j)
                    while queue[0] <= j - window - 1:
                        queue.popleft()
                    if length > window:
                        edge = level[queue[0]]
                        known = best.get((state, on))
                        if known is None or (edge < known[0] if on else edge > known[0]):
                            best[(state, on)] = (edge, j)
        self._extremes = best
        return best

    def _changed_while_still(self) -> tuple[int, str, str] | None:
        t = self.recorder.t
        c = self.c
        level, reset = c["tank.level"], c["panel.reset"]
        window = _s(CAUSE_WINDOW)
        edges = [(k, True) for k in rising(self.seen)] + [(k, False) for k in falling(self.seen)]
        for k, on in sorted(edges):
            if k <= window:
                continue  # a rule may hold since the start
            span = range(k - window, k + 1)
            true = [self.true[j] for j in span]
            if max(true) - min(true) > STILL or abs(true[-1] - SWITCH) <= NEAR:
                continue
            if any(self.switches(j) != self.switches(k) for j in span) or (not on and any(reset[j] for j in span)):
                continue
            when_ko, when_en = at(t[k])
            verb_ko, verb_en = ("켜졌", "came on") if on else ("꺼졌", "went off")
            return (
                k,
                f"{when_ko} 경보가 {verb_ko}습니다: 그때 수위는 10초 넘게 {level[k]:.0f} mm 그대로였고 tank.high도 바뀌지 "
                f"않았습니다",
                f"the alarm {verb_en} {when_en}, while the level had stood at {level[k]:.0f} mm for more than 10 s and "
                f"tank.high had not changed",
            )
        return None

    def _rule(self) -> None:
        n = len(self.recorder.t)
        for k in range(n):
            wanted = self.expected[k]
            if wanted is False and self.alarm[k]:
                return self._false(k)
            if wanted is True and not self.seen[k]:
                return self._missed(k)
        return None

    def _false(self, k: int) -> None:
        t = self.recorder.t
        c = self.c
        level, high = c["tank.level"][k], c["tank.high"][k]
        when_ko, when_en = at(t[k])
        start = k
        while start > 0 and self.seen[start - 1]:
            start -= 1
        if any(self.alarmable[j] for j in range(start, k)):
            cleared = max(j for j in range(start, k) if self.alarmable[j])
            clear_ko, clear_en = at(t[cleared])
            self.fail(
                "never_clears",
                f"{clear_ko} 어긋남이 풀렸는데(수위가 {SWITCH:.0f} mm 아래로 내려가거나 스위치가 고쳐짐) 경보가 리셋을 눌러도 "
                f"꺼지지 않았습니다.",
                f"the mismatch ended {clear_en} (the level fell below {SWITCH:.0f} mm or the switch was repaired), but "
                f"the alarm stayed on, even after reset",
                "경보는 두 신호가 어긋나 있는 동안만 켜 두거나, 래치했다면 panel.reset으로 풀리게 하세요.",
                "keep the alarm on only while the two signals disagree, or, if you latch it, let panel.reset clear it",
                t[cleared],
                "stack_light.red",
            )
            return
        if high:
            self.fail(
                "wrong_switch",
                f"{when_ko} 수위 {level:.0f} mm에서 경보가 켜졌지만 그때 tank.high는 1이었습니다: 고수위 스위치는 정상이었습니다.",
                f"the alarm came on {when_en} at {level:.0f} mm while tank.high read 1: the high level switch worked",
                "tank.low나 tank.overflow가 아니라 고수위 스위치 tank.high가 0인지 보세요.",
                "check that tank.high, the high level switch, reads 0 (not tank.low or tank.overflow)",
                t[k],
                "tank.high",
            )
            return
        if SWITCH - 1.0 <= level <= SWITCH + NEAR:
            self.fail(
                "no_margin",
                f"{when_ko} 수위가 {level:.1f} mm로 스위치 위치({SWITCH:.0f} mm) 바로 근처일 때 경보가 켜졌습니다: 스위치는 정상이었고, "
                f"측정값의 잡음 때문입니다.",
                f"the alarm came on {when_en} with the level at {level:.1f} mm, right at the switch ({SWITCH:.0f} mm): "
                f"the switch worked, it was the noise on the reading",
                f"비교하는 수위에 여유를 두세요 (예: {SWITCH + 20:.0f} mm): 잡음은 1 mm도 되지 않습니다.",
                f"leave a margin above the switch (e.g. {SWITCH + 20:.0f} mm): the noise is well under 1 mm",
                t[k],
                "tank.level",
            )
            return
        if level < SWITCH - 1.0:
            self.fail(
                "wrong_level",
                f"{when_ko} 수위 {level:.0f} mm에서 경보가 켜졌습니다: 고수위 스위치는 {SWITCH:.0f} mm에 있어서 그보다 낮을 때 "
                f"tank.high가 0인 것은 정상입니다.",
                f"the alarm came on {when_en} at {level:.0f} mm: the high level switch sits at {SWITCH:.0f} mm, so "
                f"below that tank.high = 0 is right",
                "기록에서 tank.high가 켜지는 수위를 찾아 그보다 높은 수위와 비교하세요.",
                "find in a recording the level where tank.high switches on, and compare with a level above it",
                t[k],
                "tank.level",
            )
            return
        self.fail(
            "false_alarm",
            f"{when_ko} 수위 {level:.0f} mm에서 경보가 켜졌지만 스위치는 정상이었습니다.",
            f"the alarm came on {when_en} at {level:.0f} mm, but the switch worked",
            "tank.high가 0인데 수위가 스위치 위치보다 충분히 높을 때만 경보를 켜세요.",
            "switch the alarm on only when tank.high is 0 while the level is well above the switch",
            t[k],
            "stack_light.red",
        )

    def _missed(self, k: int) -> None:
        t = self.recorder.t
        c = self.c
        level = c["tank.level"]
        begin = k
        while begin > 0 and self.evident[begin - 1]:
            begin -= 1
        end = k
        while end < len(t) and self.evident[end]:
            end += 1
        when_ko, when_en = at(t[begin])
        first = f"{when_ko} 수위가 {level[begin]:.0f} mm인데 tank.high는 0이었습니다(스위치 고착)"
        first_en = f"{when_en} the level read {level[begin]:.0f} mm but tank.high read 0 (the switch was stuck)"
        if any(c["stack_light.amber"][j] for j in range(begin, end)):
            self.fail(
                "amber_lamp",
                first + ": 황색등을 켰지만, 고장 경보는 적색등(stack_light.red)입니다.",
                first_en + ": you lit the amber lamp, but a fault alarm is the red lamp (stack_light.red)",
                "경보에는 stack_light.red(또는 부저 stack_light.buzzer)를 쓰세요.",
                "use stack_light.red (or the buzzer, stack_light.buzzer) for the alarm",
                t[begin],
                "stack_light.red",
            )
            return
        later = next((j for j in range(k, end) if self.seen[j]), None)
        if later is not None:
            late_ko, late_en = at(t[later])
            self.fail(
                "too_late",
                first
                + f": 경보는 {late_ko}, 수위 {level[later]:.0f} mm에서야 켜졌습니다 ({ON_BOUND:.0f}초 안에 켜야 함).",
                first_en + f": the alarm came only {late_en}, at {level[later]:.0f} mm (it must come within "
                f"{ON_BOUND:.0f} s)",
                f"고수위 스위치는 {SWITCH:.0f} mm에 있습니다: 여유는 30 mm 안쪽으로 (예: {SWITCH + 20:.0f} mm), 지연은 몇 초로 하세요.",
                f"the high level switch sits at {SWITCH:.0f} mm: keep the margin under 30 mm (e.g. {SWITCH + 20:.0f} "
                f"mm) and the delay to a few seconds",
                t[begin],
                "tank.level",
            )
            return
        self.fail(
            "no_alarm",
            first + f": {ON_BOUND:.0f}초가 지나도 경보(stack_light.red)가 켜지지 않았습니다.",
            first_en + f": no alarm (stack_light.red) came within {ON_BOUND:.0f} s",
            f"tank.level이 스위치 위치({SWITCH:.0f} mm)보다 충분히 높은데(예: {SWITCH + 20:.0f} mm) tank.high가 0이면 적색등을 "
            f"켜세요.",
            f"light the red lamp when tank.level is well above the switch ({SWITCH:.0f} mm, e.g. {SWITCH + 20:.0f} mm) "
            f"but tank.high reads 0",
            t[begin],
            "tank.high",
        )


def not_monotone(judges: list[SwitchJudge]) -> tuple[SwitchJudge, tuple[int, str, str]] | None:
    """A change of the alarm that no rule on (tank.level, tank.high) can make, given every run; None if none.

    Any rule of this exercise (a margin, a delay of up to 10 s, a hysteresis, a latch cleared by reset)
    is the same in every run and monotone in the level for given readings of the switches (``tank.high``,
    and ``tank.low`` and ``tank.overflow`` for a rule that reads the wrong one): it cannot come on at one
    level and, in this run or another, stay off for 10 s at levels 5 mm higher or more with the switches
    reading the same; nor go off (other than at a reset) at one level and stay on for 10 s at levels 5 mm
    lower or less.
    """
    for judge in judges:
        level = judge.c["tank.level"]
        for k, on in judge.edges():
            state = judge.switches(k)
            h = state[0]
            for other in judges:
                stretch = other.extremes().get((state, not on))
                if stretch is None:
                    continue
                value, j = stretch
                if (on and value < level[k] + MONOTONE) or (not on and value > level[k] - MONOTONE):
                    continue
                when_ko, when_en = at(judge.recorder.t[k])
                if other is judge:
                    where_ko = f"{judge.recorder.t[j] - CAUSE_WINDOW:.1f}초부터는"
                    where_en = f"from {judge.recorder.t[j] - CAUSE_WINDOW:.1f} s"
                else:
                    where_ko, where_en = "다른 숨은 조건에서는", "in another hidden run"
                if on:
                    return judge, (
                        k,
                        f"{when_ko} 수위 {level[k]:.0f} mm에서 경보가 켜졌는데, {where_ko} 수위가 더 높은 {value:.0f} mm 이상"
                        f"이었는데도(tank.high는 똑같이 {h}) 10초 넘게 꺼져 있었습니다",
                        f"the alarm came on {when_en} at {level[k]:.0f} mm, but {where_en} it stayed off for more than "
                        f"10 s at a higher level, {value:.0f} mm or more (tank.high {h} both times)",
                    )
                return judge, (
                    k,
                    f"{when_ko} 수위 {level[k]:.0f} mm에서 경보가 꺼졌는데, {where_ko} 수위가 더 낮은 {value:.0f} mm 이하"
                    f"였는데도(tank.high는 똑같이 {h}) 10초 넘게 켜져 있었습니다",
                    f"the alarm went off {when_en} at {level[k]:.0f} mm, but {where_en} it stayed on for more than "
                    f"10 s at a lower level, {value:.0f} mm or less (tank.high {h} both times)",
                )
    return None


@register
class StuckSwitch(BehaviourCheck):
    """Tell a stuck high level switch from the level transmitter: an alarm within 10 s, no false alarm."""

    name = "stuck_switch"
    title = (
        "고수위 스위치 고착 감지: tank.high와 tank.level 비교 (적색등)",
        "detect a stuck high level switch: tank.high against tank.level (red lamp)",
    )
    scenario = "tank"
    count = 6
    scan = SCAN

    def __init__(self) -> None:
        self._roles: dict[int, str] = {}

    def role_of(self, seed: int) -> str:
        """The role of ``seed``: from the seeds being judged, else the formative seeds, else from the seed."""
        roles = self._roles or switch_roles(formative_seeds(self.name, self.count))
        if seed in roles:
            return roles[seed]
        return ROLES[seed % len(ROLES)]

    def plant_for(self, seed: int) -> tuple[Plant, Episode]:
        rng = random.Random(f"{self.name}|{seed}")
        episode = switch_episode(rng, load_scenario(self.scenario), self.role_of(seed))
        return Plant(episode.scenario, seed=seed), episode

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return SwitchJudge(plant, episode, run)

    def judge(self, answer: Any, seeds: list[int]) -> CheckResult:
        """Judge every run; an open-loop alarm in any run is told first (it can look like a rule in one run)."""
        self._roles = switch_roles(seeds)
        try:
            judges, failed = _collect(self, answer, seeds)
        finally:
            self._roles = {}
        if failed is not None:
            return failed
        failing = [j for j in judges if j.findings]
        if not failing:
            return self.result(True, [], seeds=len(seeds))
        crossed = not_monotone(judges)  # type: ignore[arg-type]
        if crossed is not None:
            judge, found = crossed
            judge.findings.clear()
            judge.open_loop(found)
            return self.result(False, judge.findings, seeds=len(seeds), trace=judge.trace())
        if all(sum(j.alarm) >= ALWAYS * len(j.alarm) for j in judges):  # type: ignore[attr-defined]
            finding = Finding(
                "always_on",
                "경보가 모든 실행에서 처음부터 거의 내내 켜져 있습니다: 스위치가 정상일 때에도 켜져 있습니다.",
                "the alarm is on nearly all the time in every run, even while the switch works",
                "tank.high가 0인데 수위가 스위치 위치보다 충분히 높을 때만 경보를 켜세요.",
                "switch the alarm on only when tank.high is 0 while the level is well above the switch",
                0.0,
                "stack_light.red",
                1,
            )
            return self.result(False, [finding], seeds=len(seeds), trace=judges[0].trace())
        looped = next((j for j in failing if j.findings[0].code == "open_loop"), failing[0])
        return self.result(False, looped.findings, seeds=len(seeds), trace=looped.trace())


__all__ = ["NoiseFilter", "StuckSwitch", "filter_episode", "filter_plan", "switch_episode", "switch_roles"]
