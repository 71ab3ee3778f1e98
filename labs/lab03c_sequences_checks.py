"""Checks of lab 3-7/3-9/3-10 (``timers_sequences``): ``pusher_cycle`` (labs-plan 3-9).

``pusher_cycle``: one cycle of the sorter's pusher per press of start, with a 1 s alarm
=====================================================================================

The exercise, on the ``sorting`` scenario (belts may stand still): a press of
``panel.start`` (its rising edge) starts **one cycle** of the pusher, if the
pusher is home (``sorter.retracted``) and no alarm is on:

1. extend: ``sorter.extend`` on;
2. when the extended limit switch ``sorter.extended`` comes on: retract
   (``sorter.extend`` off);
3. when the retracted limit switch ``sorter.retracted`` comes on: the cycle is
   over; the next press starts the next one.

A press while a cycle runs is ignored, and so is start held down: one press,
one cycle. If ``sorter.extended`` has not come on 1 s after the extend
command, the **alarm**: retract (``sorter.extend`` off) and light the red lamp
``stack_light.red``; it stays on until ``panel.reset`` is pressed, and while
it is on a press of start does nothing.

**Expected**, scan by scan, from what the controller read (a stuck switch
reads 0): the state machine above (:func:`model`), followed side by side with
a timeout of 0.85 s (``EARLY``) and 1.35 s (``LATE``); where the two disagree
anything goes. A controller may answer an input up to 0.1 s (``GRACE``) late.

**The hidden runs** (6 seeds, 30-60 s each, :func:`draw_episode`): the
cylinder's stroke time differs per run (0.3-0.7 s by the run's index,
``STROKES``: a fast cylinder and a slow one that still makes it well inside
1 s), so a retract on a timer misses the limit switch. The operator's episodes
come in an order and at times drawn from the seed, 3-5.5 s apart (the first
press at 1-4 s): plain presses, start held 1.6-3 s (one cycle only), a second
press while the pusher moves (ignored), reset pressed with no alarm (nothing
happens). Runs 2, 3, 5 and 6 (``FAULTS``) have a ``sensor_stuck_off`` fault on
``sorter.extended``, starting 1-2.5 s before a press while the pusher is home
(so nothing shows it before the stroke): the pusher reaches its end but the
switch never says so. Then the alarm, and, drawn per run, a press of start
during the alarm (ignored), the switch repaired before the reset or still stuck
(a second alarm after the reset), and a healthy cycle after the last reset.
Runs 1 and 4 have no fault. Presses never come at a whole second.

**Findings**: open-loop outputs first, on any run (strokes that no input
explains, or strokes at whole seconds: ``open_loop``); then the first wrong
stretch of ``sorter.extend`` or ``stack_light.red`` on the first failing run,
told by what it looks like (:data:`CODES`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from factorylab.control.checks.base import register
from factorylab.control.checks.behaviour import (
    BehaviourCheck,
    Episode,
    Judge,
    Recorder,
    changes,
    falling,
    last_before,
    mismatches,
    rising,
    run_behaviour,
)
from factorylab.control.checks.result import CheckResult, Trace, at
from factorylab.control.checks.seeds import formative_seeds
from factorylab.plant import Plant, Scenario, load_scenario
from factorylab.plant.scenario import Action, ScheduledFault

SCAN = 0.05
#: the exercise's alarm delay, s
TIMEOUT = 1.0
#: an alarm from this long after the extend command on is accepted (scans: 0.85 s)
EARLY = 17
#: the alarm must have come by this long after the extend command (scans: 1.35 s)
LATE = 27
#: scans a controller may lag behind an input (0.1 s)
GRACE = 2
#: scans before a stroke within which an input change explains it (0.6 s)
CAUSE = 12
#: extend held this long after the extended switch came on: held for good (scans, 1.5 s)
FOREVER = 30
#: stroke time bands (s) of the hidden runs, by index: fast and slow cylinders in every set
STROKES = ((0.3, 0.35), (0.6, 0.7), (0.4, 0.5), (0.3, 0.4), (0.55, 0.7), (0.35, 0.45))
#: the stuck extended switch of each hidden run, by index: none, once (repaired before the reset), twice
FAULTS = ("none", "once", "twice", "none", "once", "twice")

INPUTS = ("panel.start", "panel.reset", "sorter.extended", "sorter.retracted")
OUTPUTS = ("sorter.extend", "stack_light.red", "stack_light.amber")

IDLE, EXTENDING, RETRACTING = 0, 1, 2

#: every finding of this check's own (the others come from the framework: the student's code failed)
CODES = frozenset(
    {
        "open_loop", "extend_without_start", "repeat_while_held", "start_during_alarm", "no_wait_retracted",
        "held_forever", "limit_switch_ignored", "follows_button", "retract_on_timer", "no_timeout",
        "timeout_too_long", "alarm_no_retract", "no_cycle", "command_not_feedback", "alarm_on_healthy",
        "timeout_too_short", "reset_ignored", "alarm_not_latched", "wrong_lamp", "no_alarm_lamp",
    }
)  # fmt: skip


# --- the hidden runs ----------------------------------------------------------------------------------------


def _off_whole(t: float) -> float:
    """``t`` rounded to 0.05 s, moved off a whole second (a timetable's favourite)."""
    t = round(t / SCAN) * SCAN
    if abs(t - round(t)) < 1e-6:
        t += 2 * SCAN
    return round(t, 2)


def draw_episode(rng: random.Random, base: Scenario, index: int | None) -> Episode:
    """One hidden run: the cylinder's stroke time, the operator's presses and the stuck switch.

    ``index`` (the run's place among the hidden runs) picks the stroke band
    and the fault, so every set of hidden runs has a fast and a slow cylinder
    and runs with and without the fault; None (a run on its own) draws them.
    """
    band = STROKES[index % len(STROKES)] if index is not None else (0.3, 0.7)
    fault = FAULTS[index % len(FAULTS)] if index is not None else rng.choice(FAULTS)
    stroke = round(rng.uniform(*band), 2)
    n, moved = 0, 0.0
    while moved < 1.0:  # scans a full stroke takes, as the plant counts them
        moved, n = min(1.0, moved + SCAN / stroke), n + 1
    cycle = 2 * n * SCAN  # extend and retract, s
    actions: list[Action] = []
    faults: list[ScheduledFault] = []
    events: list[tuple[str, float]] = []
    t = rng.uniform(1.0, 4.0)

    def press(button: str, when: float, hold: float, what: str) -> float:
        when = _off_whole(when)
        actions.append(Action(at=when, press=button, hold=round(hold, 2)))
        events.append((what, when))
        return when

    def gap() -> float:
        return rng.uniform(3.0, 5.5)

    def plain() -> None:
        nonlocal t
        press("start", t, rng.uniform(0.2, 0.6), "cycle")
        t += gap()

    def held() -> None:
        nonlocal t
        hold = rng.uniform(max(1.6, cycle + 0.8), 3.0)
        press("start", t, hold, "held")
        t += hold + gap()

    def while_busy() -> None:
        nonlocal t
        first = press("start", t, rng.uniform(0.2, 0.4), "cycle")
        second = first + rng.uniform(0.15, cycle - 0.15)
        press("start", second, min(0.25, max(0.1, first + cycle - 0.05 - second)), "press_while_busy")
        t += gap()

    def reset_idle() -> None:
        nonlocal t
        press("reset", t, rng.uniform(0.2, 0.5), "reset_no_alarm")
        t += rng.uniform(2.5, 4.0)

    def stuck() -> None:
        nonlocal t
        begin = _off_whole(t)
        when = begin + rng.uniform(1.0, 2.5)
        press("start", when, rng.uniform(0.2, 0.5), "stuck_cycle")
        events.append(("fault", begin))
        alarm = when + LATE * SCAN
        now = alarm + rng.uniform(0.8, 1.8)
        if rng.random() < 0.6 or (index is not None and index >= 3):
            press("start", now, rng.uniform(0.2, 0.4), "start_in_alarm")
            now += rng.uniform(1.2, 2.2)
        else:
            now += rng.uniform(1.2, 2.2)  # the switch is repaired well after a 2 s timer would have run out
        if fault == "twice":
            press("reset", now, rng.uniform(0.2, 0.5), "reset")
            now += rng.uniform(2.0, 3.5)
            press("start", now, rng.uniform(0.2, 0.5), "stuck_cycle")
            now += LATE * SCAN + rng.uniform(2.0, 3.0)
        end = now - rng.uniform(0.3, 0.8)  # repaired while the pusher is home, before the reset
        faults.append(
            ScheduledFault(at=begin, kind="sensor_stuck_off", target="sorter.extended", duration=round(end - begin, 2))
        )
        events.append(("repaired", round(end, 2)))
        press("reset", now, rng.uniform(0.2, 0.5), "reset")
        t = now + rng.uniform(2.5, 4.0)

    plain()
    middle = [held, while_busy, plain] + ([reset_idle] if rng.random() < 0.6 else [])
    rng.shuffle(middle)
    if fault != "none":
        middle.insert(rng.randint(1, len(middle)), stuck)
    for segment in middle:
        segment()
    plain()
    sorter = base.sorter.model_copy(update={"stroke_time": stroke})
    scenario = base.model_copy(
        update={
            "sorter": sorter,
            "actions": actions,
            "faults": base.faults.model_copy(update={"schedule": faults}),
        }
    )
    script = {"stroke_time": stroke, "fault": fault, "events": events}
    return Episode(scenario, round(t, 1), script)


# --- what a right controller does -------------------------------------------------------------------------


@dataclass
class Model:
    """The expected outputs and the state of the cycle, scan by scan, for one timeout."""

    extend: list[bool]
    red: list[bool]
    state: list[int]
    #: scan the current (or last) cycle started
    since: list[int]
    #: the last cycle ended in an alarm (a timeout), not at the limit switch
    timed_out: list[bool]
    #: scans where the extended switch ended a stroke
    reached: list[int]


def model(start: list[bool], reset: list[bool], extended: list[bool], retracted: list[bool], timeout: int) -> Model:
    """The one-cycle sequence with a latched alarm after ``timeout`` scans, on what the controller read."""
    out = Model([], [], [], [], [], [])
    state, alarm, since, timed_out, before = IDLE, False, -1, False, False
    for k, (pressed, clear, end, home) in enumerate(zip(start, reset, extended, retracted, strict=True)):
        edge = pressed and not before
        before = pressed
        if clear:
            alarm = False
        if state == IDLE:
            if edge and not alarm and home:
                state, since, timed_out = EXTENDING, k, False
        elif state == EXTENDING:
            if end:
                state = RETRACTING
                out.reached.append(k)
            elif k - since >= timeout:
                state, alarm, timed_out = RETRACTING, True, True
        elif home:
            state = IDLE
        out.extend.append(state == EXTENDING)
        out.red.append(alarm)
        out.state.append(state)
        out.since.append(since)
        out.timed_out.append(timed_out)
    return out


def _agree(a: list[bool], b: list[bool]) -> list[bool | None]:
    return [x if x == y else None for x, y in zip(a, b, strict=True)]


# --- the judge ----------------------------------------------------------------------------------------------


class CycleJudge(Judge):
    """Follows one hidden run and explains the first thing that went wrong."""

    wants_steps = False

    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        super().__init__(plant, episode, run)
        self.recorder = Recorder(plant, INPUTS + OUTPUTS)

    def after_scan(self, t: float) -> None:
        self.recorder.sample(t)

    # --- the expected outputs ---------------------------------------------------------------------------
    def _models(self) -> tuple[Model, Model]:
        c = self.recorder.columns()
        args = (c["panel.start"], c["panel.reset"], c["sorter.extended"], c["sorter.retracted"])
        return model(*args, EARLY), model(*args, LATE)

    def trace(self) -> Trace:
        c = self.recorder.columns()
        early, late = self._models()
        return Trace(
            self.recorder.t,
            {name: c[name] for name in INPUTS},
            {name: c[name] for name in OUTPUTS[:2]},
            {"sorter.extend": _agree(early.extend, late.extend), "stack_light.red": _agree(early.red, late.red)},
            [f.t for f in self.findings if f.t is not None],
        )

    def finish(self) -> list:
        c = self.recorder.columns()
        self.c = c
        self.t = self.recorder.t
        self.early, self.late = self._models()
        self.inputs_changed = changes(*(c[name] for name in INPUTS))
        if self.open_loop():
            return self.findings
        extend = c["sorter.extend"]
        red = c["stack_light.red"]
        bad_extend = mismatches(extend, _agree(self.early.extend, self.late.extend), self.inputs_changed, GRACE)
        bad_red = mismatches(red, _agree(self.early.red, self.late.red), self.inputs_changed, GRACE)
        first_extend = bad_extend[0][0] if bad_extend else None
        first_red = bad_red[0][0] if bad_red else None
        if first_extend is not None and (first_red is None or first_extend <= first_red):
            self._explain_extend(first_extend)
        elif first_red is not None:
            self._explain_red(first_red)
        return self.findings

    # --- outputs that ignore the inputs -----------------------------------------------------------------------
    def open_loop(self) -> bool:
        """Fail (and say so) when the strokes follow the clock: two or more with no input change or held start
        in the 0.6 s before, or (nearly) all of them at whole seconds."""
        start = self.c["panel.start"]
        strokes = [k for k in rising(self.c["sorter.extend"]) if k > 0]
        unexplained = []
        for k in strokes:
            last = last_before(self.inputs_changed, k)
            if start[k] or (last is not None and last > 0 and k - last <= CAUSE):
                continue
            unexplained.append(k)
        whole = sum(1 for k in strokes if k % round(1.0 / SCAN) == 0)
        clocked = len(strokes) >= 2 and (whole == len(strokes) if len(strokes) <= 4 else whole >= 0.8 * len(strokes))
        if len(unexplained) < 2 and not clocked:
            return False
        k = unexplained[0] if unexplained else strokes[0]
        when_ko, when_en = at(self.t[k])
        self.fail(
            "open_loop",
            f"{when_ko} 아무도 기동 버튼을 누르지 않았는데 sorter.extend가 켜졌습니다: 출력이 입력(버튼과 리밋스위치)을 "
            f"따르지 않고 시간표대로 움직입니다.",
            f"sorter.extend came on {when_en} although nobody pressed start: your outputs do not follow the inputs "
            f"(the button and the limit switches), they follow a timetable",
            "시간이 아니라 panel.start, sorter.extended, sorter.retracted를 읽어서 출력을 정하세요.",
            "decide the outputs from panel.start, sorter.extended and sorter.retracted, not from the time",
            self.t[k],
            "sorter.extend",
        )
        return True

    # --- helpers -----------------------------------------------------------------------------------------------
    def _recent_press(self, k: int, window: int = CAUSE) -> int | None:
        press = last_before(rising(self.c["panel.start"]), k)
        return press if press is not None and k - press <= window else None

    def _off_after(self, k: int) -> int | None:
        """The first scan from ``k`` on with sorter.extend off."""
        extend = self.c["sorter.extend"]
        return next((j for j in range(k, len(extend)) if not extend[j]), None)

    def _follows_everywhere(self) -> bool:
        """True if every stroke of the run ended as start was let go or at the extended switch, and one at a
        release: the pusher follows the button (a jog), not a timer."""
        extend, start, extended = self.c["sorter.extend"], self.c["panel.start"], self.c["sorter.extended"]
        releases, ends = falling(start), rising(extended)
        by_release = 0
        for off in falling(extend):
            if any(off - GRACE - 1 <= i <= off for i in releases):
                by_release += 1
            elif not any(off - GRACE - 1 <= i <= off for i in ends):
                return False
        return by_release > 0

    def _on_since(self, k: int) -> int:
        """The scan sorter.extend last came on, at or before ``k``."""
        extend = self.c["sorter.extend"]
        j = k
        while j > 0 and extend[j - 1]:
            j -= 1
        return j

    # --- sorter.extend wrong ---------------------------------------------------------------------------------
    def _explain_extend(self, k: int) -> None:
        extend = self.c["sorter.extend"]
        late = self.late
        if extend[k]:
            if late.state[k] == IDLE:
                self._extend_when_idle(k)
            elif k > 0 and extend[k - 1]:
                if late.timed_out[k]:
                    self._no_alarm(k)
                else:
                    self._held(k)
            elif late.timed_out[k] and late.red[k]:
                self._start_in_alarm(k)
            elif self.c["panel.start"][k] and self._follows_everywhere():
                self._follows_button(k)
            elif self._recent_press(k) is not None:
                self._no_wait(k)
            else:
                self._without_start(k)
            return
        # off while the stroke should go on
        since = late.since[k]
        on = [j for j in rising(extend) if since - GRACE <= j <= k]
        if not on:
            self._no_cycle(since)
            return
        j = on[0]
        length = next((i for i in range(j, len(extend)) if not extend[i]), len(extend)) - j
        start = self.c["panel.start"]
        released = [i for i in falling(start) if k - GRACE - 1 <= i <= k]
        if length <= 2:
            self._command(j)
        elif released and self._follows_everywhere():
            self._follows_button(k)
        elif self.c["stack_light.red"][k] and self._stroke_times_out(k):
            self._too_short(since, k)
        elif self.c["stack_light.red"][k]:
            self._alarm_healthy(k, during=True)
        else:
            self._timer_retract(k, early=True)

    def _extend_when_idle(self, k: int) -> None:
        if self.late.red[k] and self._recent_press(k) is not None:
            self._start_in_alarm(k)
        elif self.c["panel.start"][k]:
            self._repeat(k)
        else:
            self._without_start(k)

    def _held(self, k: int) -> None:
        """Extend still on after the extended switch ended the stroke."""
        reached = last_before(self.late.reached, k)
        off = self._off_after(k)
        red = self.c["stack_light.red"]
        end = off if off is not None else len(red) - 1
        start = self.c["panel.start"]
        if reached is not None and any(red[reached : end + GRACE + 1]) and not red[reached]:
            self._limit_ignored(reached, next(i for i in range(reached, len(red)) if red[i]))
        elif (
            off is not None
            and [i for i in falling(start) if off - GRACE - 1 <= i <= off]
            and self._follows_everywhere()
        ):
            self._follows_button(off)
        elif off is None or reached is None or off - reached > FOREVER:
            self._forever(reached if reached is not None else k)
        else:
            self._timer_retract(k, early=False)

    def _no_alarm(self, k: int) -> None:
        """Extend still on after the timeout: late, never, or the lamp came without the retract."""
        red = self.c["stack_light.red"]
        since = self.late.since[k]
        if red[k]:
            self._alarm_no_retract(k)
            return
        off = self._off_after(k)
        if off is not None and [i for i in rising(self.c["sorter.extended"]) if off - GRACE - 1 <= i <= off]:
            off = None  # it went back only when the switch was repaired: no timeout of its own
        lamp = next((i for i in range(k, len(red)) if red[i]), None)
        ends = [i for i in (off, lamp) if i is not None]
        if ends and min(ends) - since <= round(10.0 / SCAN):
            self._too_long(since, min(ends))
        else:
            self._no_timeout(since)

    # --- red wrong ------------------------------------------------------------------------------------------------
    def _explain_red(self, k: int) -> None:
        red = self.c["stack_light.red"]
        late, early = self.late, self.early
        if red[k]:
            resets = [i for i in rising(self.c["panel.reset"]) if i <= k]
            alarms = [i for i in rising(late.red) if i <= k]
            if resets and alarms and resets[-1] > alarms[-1] and any(red[alarms[-1] : resets[-1] + 1]):
                self._reset_ignored(resets[-1])
            elif early.state[k] == EXTENDING and late.state[k] == EXTENDING and self._stroke_times_out(k):
                self._too_short(late.since[k], k)
            else:
                self._alarm_healthy(k, during=late.state[k] != IDLE)
            return
        since = late.since[k]
        came = [i for i in rising(red) if since <= i < k]
        if came:
            self._not_latched(k)
        elif self.c["stack_light.amber"][k]:
            self._wrong_lamp(k)
        else:
            self._no_lamp(k)

    def _stroke_times_out(self, k: int) -> bool:
        """True if the stroke under way at ``k`` ends in the alarm (the switch never came)."""
        late = self.late
        j = k
        while j < len(late.state) and late.state[j] == EXTENDING:
            j += 1
        return j < len(late.state) and late.timed_out[j]

    # --- the findings --------------------------------------------------------------------------------------------
    def _without_start(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        before = not rising(self.c["panel.start"]) or rising(self.c["panel.start"])[0] > k
        self.fail(
            "extend_without_start",
            f"{when_ko} {'기동 버튼을 누르기도 전에' if before else '기동 버튼을 누르지 않았는데'} 푸셔가 전진했습니다 "
            f"(sorter.extend).",
            f"the pusher went out {when_en} {'before anyone pressed start' if before else 'without a press of start'} "
            f"(sorter.extend)",
            "panel.start를 누른 순간(상승 에지)에만 한 사이클을 시작하세요.",
            "start a cycle only at the moment panel.start is pressed (its rising edge)",
            self.t[k],
            "sorter.extend",
        )

    def _repeat(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "repeat_while_held",
            f"기동 버튼을 누르고 있는 동안 {when_ko} 푸셔가 또 전진했습니다: 한 번 누르면 한 사이클만 해야 합니다.",
            f"start was held down and the pusher went out again {when_en}: one press must give one cycle only",
            "버튼의 값(레벨)이 아니라 눌린 순간(상승 에지, plc.R_TRIG)에 사이클을 시작하세요.",
            "start the cycle on the moment the button is pressed (its rising edge, plc.R_TRIG), not on its level",
            self.t[k],
            "panel.start",
        )

    def _start_in_alarm(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "start_during_alarm",
            f"경보 중(적색등)인데 {when_ko} 기동 버튼을 누르자 푸셔가 전진했습니다.",
            f"the alarm (red lamp) was on, yet the pusher went out when start was pressed {when_en}",
            "경보가 켜져 있으면 panel.reset을 누를 때까지 기동을 받지 마세요.",
            "while the alarm is on, ignore start until panel.reset is pressed",
            self.t[k],
            "stack_light.red",
        )

    def _no_wait(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "no_wait_retracted",
            f"푸셔가 아직 후진 중인데 {when_ko} 기동 버튼을 누르자 다시 전진했습니다: 후진 끝까지 기다리지 않았습니다.",
            f"the pusher was still going back when start was pressed {when_en}, and it went out again: the cycle "
            f"did not wait for the retracted end",
            "후진 끝 리밋스위치 sorter.retracted가 켜져야 사이클이 끝난 것입니다: 그 전에 누른 기동은 무시하세요.",
            "a cycle is over only when the limit switch sorter.retracted comes on: ignore start before that",
            self.t[k],
            "sorter.retracted",
        )

    def _forever(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "held_forever",
            f"{when_ko} 전진 끝 리밋스위치 sorter.extended가 켜졌는데 sorter.extend를 끄지 않아 푸셔가 나간 채로 있습니다.",
            f"the limit switch sorter.extended came on {when_en} but sorter.extend stayed on, so the pusher stayed out",
            "sorter.extended가 켜지면 sorter.extend를 끄세요(후진).",
            "switch sorter.extend off (retract) when sorter.extended comes on",
            self.t[k],
            "sorter.extended",
        )

    def _limit_ignored(self, reached: int, alarm: int) -> None:
        when_ko, when_en = at(self.t[reached])
        self.fail(
            "limit_switch_ignored",
            f"{when_ko} 전진 끝 리밋스위치 sorter.extended가 켜졌는데도 전진을 계속하다가 {self.t[alarm]:.1f}초에 경보를 "
            f"냈습니다: 다른 신호를 전진 끝으로 보고 있습니다.",
            f"the limit switch sorter.extended came on {when_en}, yet the pusher kept extending and the alarm came at "
            f"{self.t[alarm]:.1f} s: you watch another signal as the extended end",
            "전진 끝은 sorter.extended(리밋스위치)입니다: sorter.photo_eye나 sorter.extend가 아닙니다.",
            "the extended end is sorter.extended (the limit switch), not sorter.photo_eye or sorter.extend",
            self.t[reached],
            "sorter.extended",
        )

    def _follows_button(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "follows_button",
            f"기동 버튼에서 손을 떼자 {when_ko} 푸셔가 사이클 도중에 후진했습니다: 푸셔가 버튼을 따라 움직입니다.",
            f"start was let go and the pusher went back {when_en}, in the middle of the cycle: it follows the button",
            "버튼을 누른 순간 '전진 중' 상태를 기억해 두고(자기유지나 m), 리밋스위치로 다음 단계로 넘어가세요.",
            "remember 'extending' when the button is pressed (a seal-in or m) and move on at the limit switches",
            self.t[k],
            "panel.start",
        )

    def _timer_retract(self, k: int, early: bool) -> None:
        when_ko, when_en = at(self.t[k])
        stroke = self.episode.script["stroke_time"]
        if early:
            ko = f"{when_ko} 푸셔가 전진 끝(sorter.extended)에 닿기 전에 후진했습니다: 이 실린더는 {stroke:.2f}초 걸립니다."
            en = f"the pusher went back {when_en} before it reached the end (sorter.extended): this cylinder takes {stroke:.2f} s"
        else:
            ko = f"{when_ko} 전진 끝(sorter.extended)에 닿은 뒤에도 한참 동안 전진을 계속했습니다: 시간으로 후진시킵니다."
            en = f"the pusher kept extending {when_en}, well after it reached the end (sorter.extended): you retract on a timer"
        self.fail(
            "retract_on_timer",
            ko,
            en,
            "실린더마다 속도가 다르니 시간 대신 리밋스위치 sorter.extended가 켜지면 후진하세요.",
            "cylinders differ in speed: retract when the limit switch sorter.extended comes on, not after a time",
            self.t[k],
            "sorter.extended",
        )

    def _no_timeout(self, since: int) -> None:
        when_ko, when_en = at(self.t[since])
        self.fail(
            "no_timeout",
            f"{when_ko} 전진했는데 전진 끝 리밋스위치 sorter.extended가 오지 않았고, 경보도 후진도 없었습니다 (센서 고장).",
            f"the pusher went out {when_en}, the limit switch sorter.extended never came (a faulty sensor), and there "
            f"was no alarm and no retract",
            "전진 명령 뒤 1초 동안 sorter.extended가 안 오면(plc.TON(1.0)) 후진하고 stack_light.red를 켜세요.",
            "if sorter.extended has not come 1 s after the extend command (plc.TON(1.0)), retract and light "
            "stack_light.red",
            self.t[since],
            "sorter.extended",
        )

    def _too_long(self, since: int, end: int) -> None:
        when_ko, when_en = at(self.t[since])
        delay = (end - since) * SCAN
        self.fail(
            "timeout_too_long",
            f"{when_ko} 전진했는데 sorter.extended가 오지 않자 {delay:.1f}초 뒤에야 경보를 냈습니다: 1초여야 합니다.",
            f"the pusher went out {when_en} and sorter.extended never came, but the alarm came only {delay:.1f} s "
            f"later: it should come after 1 s",
            "타이머를 1초로 하고, 전진 명령이 켜진 순간부터 재세요 (plc.TON(1.0)).",
            "use a 1 s timer that starts with the extend command (plc.TON(1.0))",
            self.t[since],
            "sorter.extended",
        )

    def _alarm_no_retract(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "alarm_no_retract",
            f"{when_ko} 적색등은 켰지만 sorter.extend를 끄지 않아 푸셔가 나간 채로 있습니다.",
            f"the red lamp came on but sorter.extend stayed on {when_en}, so the pusher stayed out",
            "경보가 나면 적색등과 함께 sorter.extend도 끄세요(후진).",
            "when the alarm comes, switch sorter.extend off (retract) as well as lighting the red lamp",
            self.t[k],
            "sorter.extend",
        )

    def _no_cycle(self, since: int) -> None:
        when_ko, when_en = at(self.t[since])
        self.fail(
            "no_cycle",
            f"{when_ko} 푸셔가 제자리(sorter.retracted)에 있을 때 기동 버튼을 눌렀는데 전진하지 않았습니다.",
            f"start was pressed {when_en} with the pusher home (sorter.retracted), and it did not go out",
            "panel.start가 눌린 순간 sorter.extend를 켜고, sorter.extended가 올 때까지 켜 두세요.",
            "switch sorter.extend on when panel.start is pressed and keep it on until sorter.extended comes",
            self.t[since],
            "sorter.extend",
        )

    def _command(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "command_not_feedback",
            f"{when_ko} sorter.extend가 {SCAN:.2f}초 만에 꺼져서 푸셔가 거의 나가지 못했습니다: 명령(sorter.extend)을 "
            f"리밋스위치처럼 읽은 것 같습니다.",
            f"sorter.extend went off {SCAN:.2f} s after it came on {when_en}, so the pusher hardly moved: you seem to "
            f"read the command (sorter.extend) as if it were the limit switch",
            "명령이 아니라 피드백인 전진 끝 리밋스위치 sorter.extended를 보세요.",
            "watch the feedback, the limit switch sorter.extended, not the command",
            self.t[k],
            "sorter.extended",
        )

    def _alarm_healthy(self, k: int, during: bool) -> None:
        when_ko, when_en = at(self.t[k])
        stroke = self.episode.script["stroke_time"]
        if during:
            ko = f"{when_ko} 경보(stack_light.red)를 냈지만 푸셔는 {stroke:.2f}초 만에 전진 끝에 닿는 정상 동작이었습니다."
            en = f"the alarm (stack_light.red) came {when_en}, but the pusher was fine: it reaches its end in {stroke:.2f} s"
        else:
            ko = f"{when_ko} 고장이 없는데 경보(stack_light.red)가 켜졌습니다."
            en = f"the alarm (stack_light.red) came on {when_en} with nothing wrong"
        self.fail(
            "alarm_on_healthy",
            ko,
            en,
            "전진 명령 뒤 1초가 지나도 sorter.extended가 안 올 때만 경보를 내세요.",
            "raise the alarm only if sorter.extended has not come 1 s after the extend command",
            self.t[k],
            "stack_light.red",
        )

    def _too_short(self, since: int, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        delay = (k - since) * SCAN
        self.fail(
            "timeout_too_short",
            f"{when_ko} 전진 명령 뒤 {delay:.2f}초 만에 경보를 냈습니다: 1초는 기다려야 합니다.",
            f"the alarm came {when_en}, {delay:.2f} s after the extend command: wait 1 s",
            "타이머 설정값을 1초로 하세요 (plc.TON(1.0)).",
            "set the timer to 1 s (plc.TON(1.0))",
            self.t[k],
            "stack_light.red",
        )

    def _reset_ignored(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "reset_ignored",
            f"{when_ko} 리셋 버튼(panel.reset)을 눌렀는데 적색등이 꺼지지 않았습니다.",
            f"reset (panel.reset) was pressed {when_en} but the red lamp stayed on",
            "panel.reset이 눌리면 기억해 둔 경보를 지우고 stack_light.red를 끄세요.",
            "when panel.reset is pressed, clear the remembered alarm and switch stack_light.red off",
            self.t[k],
            "panel.reset",
        )

    def _not_latched(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "alarm_not_latched",
            f"{when_ko} 아무도 리셋을 누르지 않았는데 적색등(stack_light.red)이 꺼졌습니다: 경보는 리셋할 때까지 남아야 합니다.",
            f"the red lamp (stack_light.red) went off {when_en} although nobody pressed reset: an alarm stays until "
            f"it is reset",
            "경보를 m이나 자기유지로 기억해 두고, panel.reset을 누를 때만 지우세요.",
            "remember the alarm (in m or with a seal-in) and clear it only when panel.reset is pressed",
            self.t[k],
            "stack_light.red",
        )

    def _wrong_lamp(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "wrong_lamp",
            f"{when_ko} 경보를 황색등(stack_light.amber)으로 냈습니다: 고장 경보는 적색등입니다.",
            f"the alarm was shown {when_en} with the amber lamp (stack_light.amber): a fault alarm is the red lamp",
            "stack_light.red를 켜세요.",
            "light stack_light.red",
            self.t[k],
            "stack_light.red",
        )

    def _no_lamp(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "no_alarm_lamp",
            f"sorter.extended가 오지 않아 {when_ko} 푸셔는 후진했지만 적색등(stack_light.red)이 켜지지 않았습니다.",
            f"sorter.extended never came and the pusher went back {when_en}, but the red lamp (stack_light.red) "
            f"stayed off",
            "시간 초과로 후진할 때 stack_light.red도 켜서 작업자에게 알리세요.",
            "when the timeout makes the pusher go back, light stack_light.red too, to tell the operator",
            self.t[k],
            "stack_light.red",
        )


class _Indexed:
    """The check with one hidden run's place known (see :data:`STROKES`)."""

    def __init__(self, check: PusherCycle, index: int) -> None:
        self._check = check
        self._index = index

    def plant_for(self, seed: int) -> tuple[Plant, Episode]:
        return self._check.plant_for(seed, self._index)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._check, name)


@register
class PusherCycle(BehaviourCheck):
    """One pusher cycle per press of start, on the limit switches, with a 1 s alarm for a missing switch."""

    name = "pusher_cycle"
    title = (
        "푸셔 1 사이클: 전진 → 전진 끝 → 후진 → 후진 끝, 1초 경보",
        "one pusher cycle: extend → extended → retract → retracted, 1 s alarm",
    )
    scenario = "sorting"
    count = 6

    def episode(self, rng: random.Random, base: Scenario) -> Episode:
        return draw_episode(rng, base, None)

    def plant_for(self, seed: int, index: int | None = None) -> tuple[Plant, Episode]:
        """The plant and episode of one hidden seed (``index``: its place among the hidden runs)."""
        if index is None:
            formative = formative_seeds(self.name, self.count)
            index = formative.index(seed) if seed in formative else None
        rng = random.Random(f"{self.name}|{seed}")
        episode = draw_episode(rng, load_scenario(self.scenario), index)
        return Plant(episode.scenario, seed=seed), episode

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return CycleJudge(plant, episode, run)

    def judge(self, answer: Any, seeds: list[int]) -> CheckResult:
        """The first failing run is explained, unless another run shows open-loop outputs (told first)."""
        first: CheckResult | None = None
        for index, seed in enumerate(seeds):
            result = run_behaviour(_Indexed(self, index), answer, [seed])  # type: ignore[arg-type]
            if result.passed:
                continue
            result.seeds = len(seeds)
            for finding in result.findings:
                finding.seed = index + 1
            code = result.codes[0] if result.codes else ""
            if code == "open_loop" or code not in CODES:
                return result
            if first is None:
                first = result
        return first if first is not None else self.result(True, [], seeds=len(seeds))
