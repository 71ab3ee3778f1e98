"""Checks of lab 4-1 (``alarms``): exercise 4-1 uses the shipped ``jam_alarm``; exercise 4-2 is ``alarm_states``.

``alarm_states`` (labs-plan 4-2): the jam alarm of exercise 4-1 with the
alarm states of ISA-18.2 (경보 발생·미확인 / 확인 / 해제), on the ``conveyor``
line (``feeder.run``, ``conveyor1.run``, ``conveyor2.run`` kept running;
waiting for ``panel.start`` is as right as switching them on at once):

==========================  =====================  ====================
state                       ``stack_light.red``    ``stack_light.buzzer``
==========================  =====================  ====================
normal                      off                    off
active, unacknowledged      on                     on
active, acknowledged        on                     off
returned, unacknowledged    on                     on
==========================  =====================  ====================

* a jam (a motor current above a limit for a while, as in 4-1) makes the
  alarm *active and unacknowledged*: red lamp and buzzer on, within 5 s
  (``ON_BOUND``) of the jam;
* ``panel.reset`` *acknowledges*: the buzzer stops and the red lamp stays on
  while the jam lasts; the alarm *clears* (red off) once the jam is gone,
  within 3 s (``CLEAR_BOUND``) of it;
* a jam that ends before anyone acknowledged it keeps red lamp and buzzer on
  (*returned to normal, unacknowledged*) until reset, which then switches both off;
* a reset pressed with no alarm does nothing, and it is not remembered for the next alarm.

A blinking lamp or a pulsing buzzer is fine (on at least once a second).
The judge knows from the plant when a part really was jammed; the expected
outputs come from the jams and the reset presses of the run, with "anything
goes" while a jam is being detected (up to 5 s), while it is clearing (3 s)
and for 0.3 s after a press that changes the state (or after its release: acting on
either edge of the button is right).

**Hidden runs** (6; ``count``): each run's role comes from its place in the
list of seeds (the first is always the richest, the others shuffled); every
time comes from the seed, drawn from a window at least 4 s wide after the
event before, so each varies by more than ±2 s independently. The operator
presses start once at 0.3-4.8 s; reset is pressed at least 1 s away from the
moments a correct controller may still be changing its state.

* ``rich`` (always first): reset with no alarm; a jam on one belt acknowledged
  while it lasts; a jam on the other belt that ends unacknowledged, then
  reset; reset once more with no alarm.
* ``after``: a jam that ends unacknowledged; reset 4.5-9 s after it ended.
* ``twice``: a jam; reset twice while it lasts; reset again after it cleared.
* ``late``: a jam left unacknowledged for a long time (reset 12-18 s after it ended).
* ``none``: no jam; reset twice and the outfeed blocked for 5-8 s (parts pile
  up and the currents rise a little).
* ``two``: two jams on either belt, one acknowledged while it lasts and one
  after it ended, in either order.

**Findings**, the first of the failing run: the line not run
(``line_not_running``, ``belts_stopped``); outputs that do not follow the
inputs (``open_loop``); then the first scan where the red lamp or the buzzer
differs from the expected, explained as ``buzzer_never_stops``,
``ack_clears_alarm``, ``never_clears``, ``cleared_unacknowledged``,
``reset_before_alarm`` (a reset with no alarm silenced the next alarm),
``ack_remembered`` (the acknowledgement of the alarm before silenced the next),
``lamp_on_reset``, ``no_buzzer``, ``no_red``, ``amber_lamp``, ``one_belt``,
``no_delay``, ``threshold_too_low``, ``missed_jam`` or ``false_alarm``.
"""

from __future__ import annotations

import random
from typing import Any

from factorylab.control.checks.base import register
from factorylab.control.checks.behaviour import Episode, falling, rising
from factorylab.control.checks.jam_alarm import BELTS, EYES, INPUTS, OUTPUTS, JamAlarm, JamJudge
from factorylab.control.checks.jam_alarm import roles_for as jam_roles_for
from factorylab.control.checks.result import Trace, at
from factorylab.plant import Plant
from factorylab.plant.scenario import Action, ScheduledFault

SCAN = 0.05
#: s after a jam takes effect by which the alarm must be on (as in jam_alarm)
ON_BOUND = 5.0
#: s after a jam clears by which an acknowledged alarm must be off (as in jam_alarm)
CLEAR_BOUND = 3.0
#: s after a reset press that changes the state in which the outputs may still be the old ones
GRACE = 0.3
#: a blinking lamp (or a pulsing buzzer) counts as on if it was on at least once in this many seconds
BLINK = 1.0
#: a current at least this high (A) explains an alarm coming on: normal running stays below it
CAUSE_CURRENT = 1.5
#: a current at least this high (A) explains an alarm going off a few seconds later: parts bunched up stay below
JAM_LIMIT = 2.4
#: s before an output changes in which its cause must be present (a controller may answer a scan or two late)
CAUSE_LAG = 0.3
#: s after a reset press in which an output change counts as its answer
PRESS_CAUSE = 0.8
#: s after a high current in which the alarm may still go off because the jam cleared
CLEAR_CAUSE = CLEAR_BOUND + 1.0
#: s after a motor starts in which its current is the inrush
INRUSH = 1.5

ROLES = ("rich", "after", "twice", "late", "none", "two")
#: findings of the rule after which every run is searched for outputs that ignore the inputs
SECOND_LOOK = frozenset(
    {
        "buzzer_never_stops",
        "ack_clears_alarm",
        "never_clears",
        "cleared_unacknowledged",
        "reset_before_alarm",
        "ack_remembered",
        "lamp_on_reset",
        "no_buzzer",
        "no_red",
        "amber_lamp",
        "one_belt",
        "no_delay",
        "threshold_too_low",
        "missed_jam",
        "false_alarm",
    }
)

NORMAL, UNACK, ACK, RETURNED = "normal", "unack", "ack", "returned"
#: (red, buzzer) expected in each state
LAMPS = {NORMAL: (False, False), UNACK: (True, True), ACK: (True, False), RETURNED: (True, True)}


#: the Korean name of an output and its subject particle (이/가)
SUBJECT = {
    "stack_light.red": "적색등(stack_light.red)이",
    "stack_light.buzzer": "부저(stack_light.buzzer)가",
    "stack_light.amber": "황색등(stack_light.amber)이",
}


def _s(seconds: float) -> int:
    return round(seconds / SCAN)


# --- the hidden runs -----------------------------------------------------------------------------------------


def _u(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high), 2)


def plan(role: str, rng: random.Random) -> tuple[list[Action], list[ScheduledFault], float, dict[str, Any]]:
    """The operator's actions, the faults, the length (s) and the script of one hidden run of ``role``."""
    start = _u(rng, 0.3, 4.8)
    actions = [Action(at=start, press="start", hold=_u(rng, 0.2, 0.6))]
    faults: list[ScheduledFault] = []
    script: dict[str, Any] = {"role": role, "start": start, "jams": [], "resets": [], "pileup": None}

    def reset(at_: float) -> float:
        actions.append(Action(at=round(at_, 2), press="reset", hold=_u(rng, 0.2, 0.6)))
        script["resets"].append(round(at_, 2))
        return at_

    def jam(at_: float, belt: str, duration: float) -> tuple[float, float]:
        at_, duration = round(at_, 2), round(duration, 2)
        faults.append(ScheduledFault(at=at_, kind="jam", target=belt, duration=duration))
        script["jams"].append((at_, belt, duration))
        return at_, at_ + duration

    def acked_during(at_: float, belt: str) -> float:
        """A jam of 12.5-15 s, reset 6.5 s or more after it began and 2.5 s or more before it ends."""
        duration = _u(rng, 12.5, 15.0)
        s, e = jam(at_, belt, duration)
        reset(s + _u(rng, 6.5, duration - 2.5))
        return e

    def acked_after(at_: float, belt: str, low: float = 4.5, high: float = 9.0) -> float:
        """A jam of 7-10 s that ends unacknowledged; reset ``low``-``high`` s after it ended."""
        _s_, e = jam(at_, belt, _u(rng, 7.0, 10.0))
        return reset(e + _u(rng, low, high))

    if role == "rich":
        first = rng.choice(BELTS)
        other = BELTS[1 - BELTS.index(first)]
        pressed = reset(start + _u(rng, 5.0, 9.0))  # nothing to acknowledge
        cleared = acked_during(pressed + _u(rng, 6.0, 10.0), first)
        acked = acked_after(cleared + _u(rng, 16.0, 20.0), other)
        end = reset(acked + _u(rng, 3.0, 6.0)) + _u(rng, 3.0, 5.0)
    elif role == "after":
        end = acked_after(_u(rng, 10.0, 20.0), rng.choice(BELTS)) + _u(rng, 4.0, 7.0)
    elif role == "twice":
        duration = _u(rng, 15.0, 18.0)
        s, e = jam(_u(rng, 10.0, 20.0), rng.choice(BELTS), duration)
        first_press = reset(s + _u(rng, 6.5, duration - 4.5))
        reset(first_press + _u(rng, 1.2, 2.5))
        end = reset(e + _u(rng, 5.0, 8.0)) + _u(rng, 3.0, 5.0)
    elif role == "late":
        end = acked_after(_u(rng, 10.0, 20.0), rng.choice(BELTS), 12.0, 18.0) + _u(rng, 3.0, 5.0)
    elif role == "none":
        t = reset(start + _u(rng, 5.0, 10.0))
        blocked = t + _u(rng, 5.0, 9.0)
        clear = blocked + _u(rng, 5.0, 8.0)
        actions.append(Action(at=round(blocked, 2), outfeed="blocked"))
        actions.append(Action(at=round(clear, 2), outfeed="clear"))
        script["pileup"] = (round(blocked, 2), round(clear, 2))
        end = reset(clear + _u(rng, 5.0, 9.0)) + _u(rng, 4.0, 7.0)
    elif role == "two":
        during_first = rng.random() < 0.5
        t = _u(rng, 10.0, 16.0)
        for during in (during_first, not during_first):
            done = acked_during(t, rng.choice(BELTS)) if during else acked_after(t, rng.choice(BELTS))
            t = done + _u(rng, 16.0, 20.0)  # after the parts bunched up behind the jam have gone
        end = done + _u(rng, 4.0, 7.0)
        script["order"] = "during, after" if during_first else "after, during"
    else:  # pragma: no cover - a programming error
        raise ValueError(role)
    actions.sort(key=lambda a: a.at)
    return actions, faults, round(end, 1), script


def roles_for(name: str, seeds: list[int]) -> dict[int, str]:
    """Which role each seed of a list plays: the first ``rich``, the others shuffled (cycled if more)."""
    return jam_roles_for(name, seeds, ROLES)


# --- the judge -------------------------------------------------------------------------------------------


class AlarmStatesJudge(JamJudge):
    """Judges the alarm states; the line-running rule and the jam truth come from ``jam_alarm``'s judge."""

    def __init__(self, plant: Plant, episode: Episode, run: int, open_loop_only: bool = False) -> None:
        super().__init__(plant, episode, run, open_loop_only)
        from factorylab.control.checks.behaviour import Recorder

        self.recorder = Recorder(plant, INPUTS + EYES + OUTPUTS + ("panel.reset",))

    # --- what was expected ----------------------------------------------------------------------------
    def _states(self) -> None:
        """The state of every scan, the expected red lamp and buzzer (None = anything goes)."""
        self._model()
        c = self.c
        n = len(self.recorder.t)
        presses = rising(c["panel.reset"])
        events: list[tuple[int, int, str]] = []  # (scan, order, what)
        for s, e, _belt in self.jams:
            events.append((s, 0, "jam"))
            events.append((min(n, s + _s(ON_BOUND)), 1, "active"))
            events.append((e, 2, "clear"))
        events.extend((p, 3, "press") for p in presses)
        events.sort()
        state = NORMAL
        states: list[str] = [NORMAL] * n
        red: list[bool | None] = [False] * n
        buzzer: list[bool | None] = [False] * n
        #: for each scan, what the state came from: (what, scan) of the last change
        self.cause: list[tuple[str, int] | None] = [None] * n
        self.idle_presses: list[int] = []  # presses with no alarm to acknowledge
        detecting = False
        clearing: list[tuple[int, int]] = []  # an acknowledged alarm going off (its jam cleared)
        graces: list[int] = []  # presses that changed the state
        last: tuple[str, int] | None = None
        k = 0
        for scan, _order, what in [*events, (n, 9, "end")]:
            while k < min(scan, n):
                states[k] = state
                self.cause[k] = last
                lamp = LAMPS[state]
                red[k] = None if detecting and state == NORMAL else lamp[0]
                buzzer[k] = None if detecting and state == NORMAL else lamp[1]
                k += 1
            if what == "jam":
                detecting = True
            elif what == "active":
                detecting = False
                if state == NORMAL:
                    state, last = UNACK, ("active", scan)
            elif what == "clear":
                detecting = False
                if state == ACK:
                    state, last = NORMAL, ("clear", scan)
                    clearing.append((scan, min(n, scan + _s(CLEAR_BOUND))))
                elif state == UNACK:
                    state, last = RETURNED, ("returned", scan)
            elif what == "press":
                if state == UNACK:
                    state, last = ACK, ("ack", scan)
                    graces.append(scan)
                elif state == RETURNED:
                    state, last = NORMAL, ("reset", scan)
                    graces.append(scan)
                elif state == NORMAL and not detecting:
                    self.idle_presses.append(scan)
        for s, e in clearing:
            for j in range(s, e):
                red[j] = None
        releases = falling(c["panel.reset"])
        for s in graces:
            # an answer to the press or to its release (a controller may act on either edge of the button)
            release = next((r for r in releases if r > s), s)
            for j in range(s, min(n, max(s, release) + _s(GRACE))):
                red[j] = buzzer[j] = None
        self.states, self.want_red, self.want_buzzer = states, red, buzzer
        self.presses = presses
        blink = _s(BLINK)
        self.red_seen = self._recent(c["stack_light.red"], blink)
        self.buzzer_seen = self._recent(c["stack_light.buzzer"], blink)

    @staticmethod
    def _recent(signal: list[Any], blink: int) -> list[bool]:
        last_on = -(10**9)
        seen = []
        for k, value in enumerate(signal):
            if value:
                last_on = k
            seen.append(k - last_on < blink)
        return seen

    def trace(self) -> Trace:
        if not hasattr(self, "states"):
            self._states()
        c = self.c
        inputs = {name: c[name] for name in ("conveyor1.current", "conveyor2.current", "panel.reset")}
        outputs = {name: c[name] for name in ("stack_light.red", "stack_light.buzzer")}
        if any(c["stack_light.amber"]):
            outputs["stack_light.amber"] = c["stack_light.amber"]
        return Trace(
            self.recorder.t,
            inputs,
            outputs,
            {"stack_light.red": self.want_red, "stack_light.buzzer": self.want_buzzer},
            [f.t for f in self.findings if f.t is not None],
        )

    # --- judging -------------------------------------------------------------------------------------
    def finish(self) -> list:
        self._states()
        if self.open_loop_only:
            self._open_loop()
            return self.findings
        if self._line_runs() or self._open_loop():
            return self.findings
        c = self.c
        bad: tuple[int, str] | None = None
        for name, want, seen in (
            ("stack_light.red", self.want_red, self.red_seen),
            ("stack_light.buzzer", self.want_buzzer, self.buzzer_seen),
        ):
            value = c[name]
            k = next(
                (j for j, e in enumerate(want) if (e is True and not seen[j]) or (e is False and value[j])),
                None,
            )
            if k is not None and (bad is None or k < bad[0]):
                bad = (k, name)
        if bad is not None:
            self._explain(*bad)
        return self.findings

    # --- outputs that ignore the inputs --------------------------------------------------------------
    def _open_loop(self) -> bool:
        """Fail when the red lamp or the buzzer switches with nothing in the inputs to explain it.

        On: a jam, a current of 1.5 A or more, or a reset press a moment
        before. Off: a reset press a moment before (or a moment after, for a
        blinking lamp), or a jam (or a current of 2.4 A or more) a few seconds
        before; and not for good while a belt is still jammed and nobody
        pressed reset.
        """
        c = self.c
        t = self.recorder.t
        n = len(t)
        lag, press_cause, clear_cause = _s(CAUSE_LAG), _s(PRESS_CAUSE), _s(CLEAR_CAUSE)
        high = [
            any(c[f"{b}.current"][k] >= CAUSE_CURRENT or self.jammed[i][k] for i, b in enumerate(BELTS))
            for k in range(n)
        ]
        # a jam, or a current no bunching reaches (a detector may let go a few seconds after it)
        ending = [
            any(c[f"{b}.current"][k] >= JAM_LIMIT or self.jammed[i][k] for i, b in enumerate(BELTS)) for k in range(n)
        ]
        pressed = [False] * n
        for p in self.presses:
            for j in range(p, min(n, p + press_cause)):
                pressed[j] = True
        jammed_running = [
            any(self.jammed[i][k] and c[f"{b}.running"][k] for i, b in enumerate(BELTS)) for k in range(n)
        ]
        events: list[tuple[int, str, bool]] = []
        for name in ("stack_light.red", "stack_light.buzzer"):
            signal = c[name]
            for k in rising(signal):
                if any(signal[max(0, k - _s(BLINK)) : k]):
                    continue  # a blink
                if k > 0 and not any(high[max(0, k - lag) : k + 1]) and not pressed[k]:
                    events.append((k, name, True))
            for k in falling(signal):
                if any(pressed[k : k + _s(BLINK)]) or any(signal[k : k + _s(BLINK)]):
                    continue  # answers a press (a blinking lamp may have been off already), or a blink
                if not any(ending[max(0, k - clear_cause) : k + 1]) or (
                    k + _s(BLINK) <= n and all(jammed_running[k - 1 : k + _s(BLINK)])
                ):
                    events.append((k, name, False))
        if not events:
            return False
        k, name, on = min(events)
        when_ko, when_en = at(t[k])
        if on:
            ko = (
                f"걸림도 없고 두 모터 전류도 보통({CAUSE_CURRENT:.1f} A 아래)이고 리셋도 누르지 않았는데 {when_ko} "
                f"{SUBJECT[name]} 켜졌습니다: 출력이 입력을 따르지 않고 시간표대로 움직입니다."
            )
            en = (
                f"{name} came on {when_en} with nothing jammed, both motor currents normal (below "
                f"{CAUSE_CURRENT:.1f} A) and no reset pressed: your outputs do not follow the inputs, they follow a "
                f"timetable"
            )
        else:
            ko = f"{when_ko} {SUBJECT[name]} 꺼졌는데 리셋을 누르지도 않았고 걸림이 풀리지도 않았습니다: 출력이 입력을 따르지 않고 시간표대로 움직입니다."
            en = (
                f"{name} went off {when_en} with no reset pressed and no jam clearing: your outputs do not follow the "
                f"inputs, they follow a timetable"
            )
        self.fail(
            "open_loop",
            ko,
            en,
            "시간이 아니라 모터 전류(conveyor1.current, conveyor2.current)와 panel.reset을 읽어서 경보 상태를 정하세요.",
            "decide the alarm state from the motor currents (conveyor1.current, conveyor2.current) and panel.reset, "
            "not from the time",
            t[k],
            name,
        )
        return True

    # --- explaining the first difference -------------------------------------------------------------
    def _jam_at(self, k: int) -> tuple[int, int, str]:
        """The jam a scan belongs to: the last one that began at or before it (else the first)."""
        return max((j for j in self.jams if j[0] <= k), default=self.jams[0] if self.jams else (k, k, BELTS[0]))

    def _explain(self, k: int, name: str) -> None:
        c = self.c
        state = self.states[k]
        value = bool(c[name][k])
        cause = self.cause[k]
        red = name == "stack_light.red"
        if not value:  # expected on, was off
            if state == UNACK:
                s, e, belt = self._jam_at(k)
                if red and not any(c["stack_light.red"]):
                    if not any(c["stack_light.buzzer"]) or any(c["stack_light.amber"][s:e]):
                        self._missed(k, s, e, belt)
                    else:
                        self._say("no_red", k, name, belt=belt, s=s)
                    return
                if not red and not any(c["stack_light.buzzer"]):
                    self._say("no_buzzer", k, name, belt=belt, s=s)
                    return
                before = [p for p in self.idle_presses if p < s]
                previous_end = max((je for _js, je, _jb in self.jams if je <= s), default=-1)
                if not red and any(p > previous_end for p in before):
                    self._say("reset_before_alarm", k, name, belt=belt, s=s, p=max(before))
                    return
                if not any(self.red_seen[s:k] + self.buzzer_seen[s:k]):
                    self._missed(k, s, e, belt)
                    return
                if not red and ACK in self.states[:s]:
                    self._say("ack_remembered", k, name, belt=belt, s=s)
                    return
                self._say("no_buzzer" if not red else "missed_jam", k, name, belt=belt, s=s)
                return
            if state == ACK and red:
                self._say("ack_clears_alarm", k, name, p=cause[1] if cause else k)
                return
            if state == RETURNED:
                self._say("cleared_unacknowledged", k, name, e=cause[1] if cause else k)
                return
            self._say("missed_jam", k, name, belt=self._jam_at(k)[2], s=self._jam_at(k)[0])
            return
        # expected off, was on
        if state == ACK and not red:
            self._say("buzzer_never_stops", k, name, p=cause[1] if cause else k)
            return
        if state == NORMAL and cause is not None:
            what, scan = cause
            if what == "reset" and not red:
                self._say("buzzer_never_stops", k, name, p=scan)
            else:
                self._say("never_clears", k, name, e=scan, what=what)
            return
        # on with no alarm at all
        window = range(max(0, k - _s(CAUSE_LAG) - _s(PRESS_CAUSE)), k + 1)
        if any(p in window for p in self.presses):
            self._say("lamp_on_reset", k, name, p=max(p for p in self.presses if p in window))
            return
        for belt in BELTS:
            for started in rising(c[f"{belt}.running"]):
                if started <= k <= started + _s(INRUSH):
                    peak = max(c[f"{belt}.current"][started : started + _s(INRUSH) + 1])
                    self._say("no_delay", k, name, belt=belt, value=peak)
                    return
        window = range(max(0, k - _s(1.0)), k + 1)
        value_, belt = max((max(c[f"{b}.current"][j] for j in window), b) for b in BELTS)
        if value_ >= CAUSE_CURRENT:
            self._say("threshold_too_low", k, name, belt=belt, value=value_)
            return
        self._say("false_alarm", k, name)

    def _missed(self, k: int, s: int, e: int, belt: str) -> None:
        c = self.c
        if any(c["stack_light.amber"][s:e]):
            self._say("amber_lamp", s, "stack_light.amber", belt=belt, s=s)
            return
        alarmed = [j for j in self.jams if j[2] != belt and any(self.alarm[j[0] : j[1]])]
        if alarmed and not any(any(self.alarm[js:je]) for js, je, jb in self.jams if jb == belt):
            self._say("one_belt", s, f"{belt}.current", belt=belt, s=s, other=alarmed[0][2])
            return
        self._say("missed_jam", k, "stack_light.red", belt=belt, s=s)

    def _say(self, code: str, k: int, tag: str, **about: Any) -> None:
        t = self.recorder.t
        now_ko, now_en = at(t[k])
        belt = about.get("belt", "")
        s_ko, s_en = at(t[about["s"]]) if "s" in about else ("", "")
        p_ko, p_en = at(t[about["p"]]) if "p" in about else ("", "")
        e_ko, e_en = at(t[about["e"]]) if "e" in about else ("", "")
        value = about.get("value", 0.0)
        subject = SUBJECT.get(tag, f"{tag}이")
        texts: dict[str, tuple[str, str, str, str]] = {
            "missed_jam": (
                f"{s_ko} {belt}에서 부품이 걸렸는데 {ON_BOUND:.0f}초 안에 적색등(stack_light.red)이 켜지지 않았습니다.",
                f"a part jammed on {belt} {s_en} and the red lamp (stack_light.red) did not come on within "
                f"{ON_BOUND:.0f} s",
                "과제 4-1의 걸림 감지(전류가 기준을 넘은 채 1초쯤)가 참이 되면 '경보 발생·미확인' 상태로 바꾸세요.",
                "when the jam detection of exercise 4-1 (a current above the limit for about a second) becomes true, go "
                "to 'active, unacknowledged'",
            ),
            "amber_lamp": (
                f"{s_ko} {belt}의 걸림에 황색등(stack_light.amber)을 켰습니다: 걸림 경보는 적색등과 부저입니다.",
                f"you lit the amber lamp (stack_light.amber) for the jam on {belt} {s_en}: a jam alarm is the red lamp "
                f"and the buzzer",
                "경보는 stack_light.red와 stack_light.buzzer에 쓰세요.",
                "write the alarm to stack_light.red and stack_light.buzzer",
            ),
            "one_belt": (
                f"{s_ko} {belt}에서 부품이 걸렸는데 경보가 울리지 않았습니다({about.get('other', '')}의 걸림에는 울렸습니다).",
                f"a part jammed on {belt} {s_en} and no alarm came (it did for the jam on {about.get('other', '')})",
                f"{belt}.current도 같은 방법으로 살펴서, 두 벨트 중 하나라도 걸리면 경보하세요.",
                f"watch {belt}.current the same way and raise the alarm when either belt jams",
            ),
            "no_red": (
                f"{s_ko} {belt}에서 부품이 걸렸는데 부저만 울리고 적색등(stack_light.red)은 켜지지 않았습니다.",
                f"a part jammed on {belt} {s_en}: the buzzer sounded but the red lamp (stack_light.red) stayed off",
                "경보가 발생하면 적색등과 부저를 함께 켜고, 확인(리셋) 뒤에도 걸림이 있는 동안 적색등은 켜 두세요.",
                "when the alarm comes, switch on the red lamp and the buzzer; keep the red lamp on after the "
                "acknowledgement while the jam lasts",
            ),
            "no_buzzer": (
                f"{s_ko} {belt}에서 부품이 걸렸는데 부저(stack_light.buzzer)가 울리지 않았습니다.",
                f"a part jammed on {belt} {s_en} and the buzzer (stack_light.buzzer) did not sound",
                "'경보 발생·미확인' 상태에서는 적색등과 함께 부저도 켜세요: 부저는 작업자가 리셋으로 확인할 때까지 울립니다.",
                "in 'active, unacknowledged' switch on the buzzer with the red lamp: it sounds until the operator "
                "acknowledges with reset",
            ),
            "reset_before_alarm": (
                f"{p_ko} 경보가 없을 때 누른 리셋이 기억되어서, {s_ko} {belt}의 걸림에 부저(stack_light.buzzer)가 울리지 않았습니다.",
                f"the reset pressed {p_en} with no alarm was remembered, so the buzzer (stack_light.buzzer) stayed "
                f"silent for the jam on {belt} {s_en}",
                "확인(리셋)은 경보가 있을 때만 받고, 새 경보가 발생하면 '미확인'으로 시작하세요.",
                "take the acknowledgement (reset) only while there is an alarm, and start every new alarm as "
                "unacknowledged",
            ),
            "ack_remembered": (
                f"{s_ko} {belt}의 새 걸림에 부저(stack_light.buzzer)가 울리지 않았습니다: 앞 경보의 확인이 지워지지 않고 남아 있었습니다.",
                f"the buzzer (stack_light.buzzer) stayed silent for the new jam on {belt} {s_en}: the acknowledgement "
                f"of the alarm before was still remembered",
                "경보가 해제될 때 확인 표시도 지우세요(예: m[\"ack\"] = False): 새 경보는 늘 '미확인'으로 시작합니다.",
                'clear the acknowledgement when the alarm clears (e.g. m["ack"] = False): every new alarm starts '
                "unacknowledged",
            ),
            "ack_clears_alarm": (
                f"{p_ko} 리셋으로 확인했을 뿐인데 걸림이 아직 있는 {now_ko} 적색등(stack_light.red)이 꺼졌습니다.",
                f"reset acknowledged the alarm {p_en}, but the red lamp (stack_light.red) went off {now_en} while the "
                f"jam was still there",
                "확인은 부저만 끕니다: 적색등은 걸림이 없어지고(해제) 확인도 되었을 때 끄세요.",
                "acknowledging only stops the buzzer: switch the red lamp off when the jam is gone and the alarm was "
                "acknowledged",
            ),
            "buzzer_never_stops": (
                f"{p_ko} 리셋으로 확인했는데 {now_ko}도 부저(stack_light.buzzer)가 울리고 있습니다.",
                f"reset acknowledged the alarm {p_en}, but the buzzer (stack_light.buzzer) was still sounding {now_en}",
                "리셋을 누르면 '확인' 상태로 바꾸고(예: m[\"ack\"] = True), 확인된 경보에서는 부저를 끄세요.",
                "on reset go to 'acknowledged' (e.g. m[\"ack\"] = True) and switch the buzzer off for an acknowledged "
                "alarm",
            ),
            "never_clears": (
                f"걸림이 없어지고 확인도 되었는데({e_ko}) {now_ko}도 {subject} 켜져 있습니다.",
                f"the jam was gone and the alarm acknowledged ({e_en}), but {tag} was still on {now_en}",
                "걸림이 없고 확인된 경보는 '해제'입니다: 적색등과 부저를 끄고, 다음 경보를 위해 확인 표시도 지우세요.",
                "an acknowledged alarm whose jam is gone is cleared: switch off the red lamp and the buzzer, and clear "
                "the acknowledgement for the next alarm",
            ),
            "cleared_unacknowledged": (
                f"{e_ko} 걸림이 풀렸지만 아무도 리셋으로 확인하지 않았는데 {now_ko} {subject} 꺼졌습니다.",
                f"the jam cleared {e_en} but nobody had acknowledged the alarm with reset, and {tag} went off {now_en}",
                "확인되지 않은 경보는 걸림이 풀려도 리셋을 누를 때까지 적색등과 부저를 켜 둡니다('정상 복귀·미확인').",
                "an alarm nobody acknowledged keeps the red lamp and the buzzer on until reset, even after the jam "
                "cleared ('returned to normal, unacknowledged')",
            ),
            "lamp_on_reset": (
                f"경보가 없는데 {p_ko} 리셋을 누르자 {subject} 켜졌습니다.",
                f"with no alarm, pressing reset {p_en} switched {tag} on",
                "경보가 없을 때 리셋은 아무것도 바꾸지 않아야 합니다: 리셋은 있는 경보를 확인할 때만 쓰세요.",
                "with no alarm reset must change nothing: use it only to acknowledge an alarm that is there",
            ),
            "no_delay": (
                f"{now_ko} 모터가 켜질 때의 돌입 전류({belt}.current {value:.1f} A)에 {subject} 켜졌지만 걸림은 없었습니다.",
                f"{tag} came on {now_en} from the inrush current when the motor started ({belt}.current {value:.1f} A), "
                f"but nothing was jammed",
                "과제 4-1처럼 전류가 기준을 넘은 채로 1초쯤 이어질 때만 걸림으로 보세요(온딜레이 타이머 plc.TON).",
                "as in exercise 4-1, count a jam only when the current stays above the limit for about a second (an "
                "on-delay timer, plc.TON)",
            ),
            "threshold_too_low": (
                f"걸림이 없는데 {now_ko} {subject} 켜졌습니다: 그때 {belt}.current는 {value:.1f} A로, 부품이 몰려 조금 오른 정도였습니다.",
                f"{tag} came on {now_en} with nothing jammed, when {belt}.current was {value:.1f} A: parts bunched up, "
                f"not a jam",
                "걸리면 전류가 3.5 A 넘게 오릅니다: 기준을 2.5 A 정도로 올리세요.",
                "a jam lifts the current above 3.5 A: set your limit higher, at about 2.5 A",
            ),
            "false_alarm": (
                f"걸림이 없는데 {now_ko} {subject} 켜졌습니다.",
                f"{tag} came on {now_en} with nothing jammed",
                "경보는 걸림이 감지될 때만 발생시키고, 적색등과 부저는 경보 상태에 따라서만 켜세요.",
                "raise the alarm only when a jam is detected, and switch the red lamp and buzzer only from the alarm "
                "state",
            ),
        }
        ko, en, next_ko, next_en = texts[code]
        self.fail(code, ko, en, next_ko, next_en, t[k], tag)


@register
class AlarmStates(JamAlarm):
    """The jam alarm with ISA-18.2 states: active-unacknowledged, acknowledged with reset, cleared.

    Its roles, hidden runs, judging (a second look for open-loop outputs) and judge are ``jam_alarm``'s
    machinery with this lab's ``ROLES``, :func:`plan`, ``SECOND_LOOK`` and :class:`AlarmStatesJudge`."""

    name = "alarm_states"
    title = (
        "경보 상태: 발생·미확인(적색등+부저) → 리셋으로 확인(부저 끔) → 해제",
        "alarm states: active-unacknowledged (red + buzzer) -> acknowledged with reset (buzzer off) -> cleared",
    )
    scenario = "conveyor"
    count = 6
    roles = ROLES
    plan = staticmethod(plan)
    second_look = SECOND_LOOK
    judge_class = AlarmStatesJudge
