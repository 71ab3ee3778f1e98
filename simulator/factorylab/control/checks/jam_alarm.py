"""``jam_alarm`` (exercise 4-1): detect a jam from the motor current with a delay, and raise an alarm that clears.

The exercise: keep the line running (``feeder.run``, ``conveyor1.run``,
``conveyor2.run``; waiting for ``panel.start`` is as right as switching them
on at once) and raise an alarm when a part jams on either belt. A jammed part
lifts its motor's current (``conveyor1.current``, ``conveyor2.current``) from
about 1-1.5 A to 3.6 A or more at once; the overload relay
(``conveyor*.overload``) trips only about 30 s later. A motor also draws an
inrush current of about 5 A for a few tenths of a second whenever it starts.
So the rule is: a current above a limit for a while, with an on-delay timer::

    jam = plc.TON(1.0)
    alarm = jam(line.conveyor1.current > 2.5 or line.conveyor2.current > 2.5, t)

**The alarm** is ``stack_light.red`` or ``stack_light.buzzer`` (either, or
both, on): expected, scan by scan, from what the plant did (the judge knows
when a part really was jammed):

* on within 5 s (``ON_BOUND``) after a jam takes effect on a running belt,
  and on until it clears; a blinking lamp is fine (on at least once a second);
* off again within 3 s (``CLEAR_BOUND``) after the jam clears, and off
  whenever no belt is jammed: before the first jam, between jams, with a
  worn bearing, during the inrush at a start or restart, while parts pile up;
* anything goes while the safety relay is off (a red lamp for the E-stop is
  fine) and while an overload relay has tripped (the motor stands, so the
  current says nothing).

A limit between about 2.4 A and 3.4 A with an on-delay between 1 s and 4 s
passes: parts piled up at the outfeed or bunched up after a jam give up to
about 2.25 A, a worn bearing lifts a belt to at most about 2.15 A, and the
inrush at a restart onto a loaded belt stays above 2.4 A for up to 0.55 s.

**Hidden runs** (6; ``count``): each run's role comes from its place in the
list of seeds (the first is always the richest, the order of the others is
shuffled per list of seeds, so each student meets them in another order);
every time comes from the seed, drawn from a window at least 4 s wide after
the event before, so each varies by more than ±2 s independently. The
operator presses start once at 0.3-4.8 s.

* ``both_belts`` (always first): a jam on one belt (7-10 s long), later a
  bearing that wears fast on a belt (the current creeps up by 0.55-0.7 A and
  the vibration rises, then the bearing is replaced), then a jam on the other
  belt that never clears, so its overload relay trips (8-14 s) before the run
  ends. Every typical mistake shows in this run.
* ``none``: no jam; an E-stop, release, reset and start in the middle (the
  motors restart with an inrush) and the outfeed blocked for 5-8 s (parts
  pile up and the current rises a little), in either order.
* ``one``: one jam on conveyor1 or conveyor2.
* ``two``: two jams, each on either belt, 18-24 s apart.
* ``wear``: a jam, then a worn bearing (on either belt) until the end.
* ``restart``: a jam and an E-stop restart, in either order.

**Findings**, in this order: the line not run (``line_not_running``) or
stopped (``belts_stopped``); outputs that do not follow the inputs
(``open_loop``): the alarm comes on with no cause present (no jam, both
currents below 1.5 A, normal vibration, no part standing at a photo-eye, no
E-stop, no tripped relay) or goes off for good while a belt is still jammed;
then the first scan where the alarm differs from the expected one, explained
as ``no_delay`` (inrush at the start), ``restart_inrush`` (inrush at a
restart), ``never_clears``, ``vibration_not_current``, ``threshold_too_low``
(a false alarm while a current was a little high), ``overload_relay``,
``one_belt``, ``too_slow``, ``no_alarm``, ``amber_lamp``, or generically
``missed_jam`` / ``false_alarm``. An open-loop alarm can look like a rule in
a busy run, so when the first failing run shows one of these, every run is
searched for open-loop outputs before the finding is given.
"""

from __future__ import annotations

import copy
import random
from typing import Any

from ...plant import Plant, Scenario, layout, load_scenario
from ...plant.scenario import Action, FaultSettings, ScheduledFault
from .base import register
from .behaviour import BehaviourCheck, Episode, Judge, Recorder, falling, rising, run_behaviour, runs
from .result import CheckResult, Trace, at
from .seeds import formative_seeds

BELTS = ("conveyor1", "conveyor2")
INPUTS = (
    "conveyor1.current",
    "conveyor2.current",
    "conveyor1.vibration",
    "conveyor2.vibration",
    "conveyor1.overload",
    "conveyor2.overload",
    "conveyor1.running",
    "conveyor2.running",
    "panel.safety_ok",
    "panel.start",
)
EYES = (
    "conveyor1.photo_eye_infeed",
    "conveyor1.photo_eye_exit",
    "conveyor2.photo_eye_entry",
    "conveyor2.photo_eye_exit",
)
OUTPUTS = ("stack_light.red", "stack_light.buzzer", "stack_light.amber", "feeder.run", "conveyor1.run", "conveyor2.run")
RUN_TAGS = ("feeder.run", "conveyor1.run", "conveyor2.run")

SCAN = 0.05
#: s after a jam takes effect by which the alarm must be on
ON_BOUND = 5.0
#: s after a jam clears by which the alarm must be off
CLEAR_BOUND = 3.0
#: a blinking alarm counts as on if it was on at least once in this many seconds
BLINK = 1.0
#: s after the safety relay comes back in which the alarm may still be on (a red lamp for the E-stop)
SAFETY_GRACE = 0.15
#: a current at least this high (A) explains an alarm: normal running never reaches it (at most about 1.45 A)
CAUSE_CURRENT = 1.5
#: a vibration at least this high (mm/s) explains an alarm (normal: 1.2 mm/s, at most about 1.45)
CAUSE_VIBRATION = 1.6
#: a photo-eye blocked at least this long (s) explains an alarm (a passing part blocks it for 0.3-0.4 s)
CAUSE_EYE = 1.0
#: s before an alarm comes on in which its cause must be present (a controller may answer a scan or two late)
CAUSE_LAG = 0.3
#: s after a motor starts in which its current is the inrush
INRUSH = 1.5
#: s after the overload relay trips in which an alarm "came with the relay"
WITH_RELAY = 2.0
#: the least current of a jammed belt, A (for the feedback)
JAM_CURRENT = 3.5

ROLES = ("both_belts", "none", "one", "two", "wear", "restart")
#: findings of the rule after which every run is searched for an open-loop alarm
SECOND_LOOK = frozenset(
    {
        "no_delay",
        "restart_inrush",
        "never_clears",
        "threshold_too_low",
        "vibration_not_current",
        "overload_relay",
        "one_belt",
        "too_slow",
        "no_alarm",
        "amber_lamp",
        "missed_jam",
        "false_alarm",
    }
)


def _s(seconds: float) -> int:
    return round(seconds / SCAN)


# --- the hidden runs -----------------------------------------------------------------------------------------


def _u(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high), 2)


def _press(at: float, button: str, rng: random.Random) -> Action:
    return Action(at=round(at, 2), press=button, hold=_u(rng, 0.2, 0.6))


def _jam(at: float, belt: str, duration: float | None) -> ScheduledFault:
    return ScheduledFault(
        at=round(at, 2), kind="jam", target=belt, duration=None if duration is None else round(duration, 2)
    )


def _wear(rng: random.Random, at: float, belt: str, ramp: float, replaced: bool) -> ScheduledFault:
    """A bearing that wears so fast that the current creeps up by 0.55-0.7 A over ``ramp`` s."""
    lift = rng.uniform(0.55, 0.7)
    rate = lift / layout.MOTOR_WEAR_CURRENT / (ramp / 3600.0)
    return ScheduledFault(
        at=round(at, 2),
        kind="bearing_wear",
        target=belt,
        duration=round(ramp, 2) if replaced else None,
        rate=round(rate, 1),
    )


def _estop(rng: random.Random, t: float) -> tuple[list[Action], float]:
    """E-stop, release, reset and start from ``t``; returns the actions and the time of the start press."""
    push = t
    release = push + _u(rng, 2.0, 4.0)
    reset = release + _u(rng, 1.0, 2.5)
    start = reset + _u(rng, 0.5, 2.0)
    actions = [
        Action(at=round(push, 2), estop="pushed"),
        Action(at=round(release, 2), estop="released"),
        _press(reset, "reset", rng),
        _press(start, "start", rng),
    ]
    return actions, start


def episode_for(role: str, rng: random.Random) -> tuple[list[Action], list[ScheduledFault], float, dict[str, Any]]:
    """The operator's actions, the faults, the length and the script of one hidden run of ``role``."""
    start = _u(rng, 0.3, 4.8)
    actions = [_press(start, "start", rng)]
    faults: list[ScheduledFault] = []
    script: dict[str, Any] = {"role": role, "start": start, "jams": [], "wear": None, "estop": None, "pileup": None}

    def jam(at: float, belt: str, duration: float | None) -> float:
        faults.append(_jam(at, belt, duration))
        script["jams"].append((round(at, 2), belt, None if duration is None else round(duration, 2)))
        return at + (duration or 0.0)

    def estop(t: float) -> float:
        more, again = _estop(rng, t)
        actions.extend(more)
        script["estop"] = tuple(a.at for a in more)
        return again

    if role == "both_belts":
        first = rng.choice(BELTS)
        other = BELTS[1 - BELTS.index(first)]
        cleared = jam(_u(rng, 14.0, 22.0), first, _u(rng, 7.0, 10.0))
        wear_at = cleared + _u(rng, 10.0, 14.0)  # after the parts bunched up behind the jam have gone
        ramp = _u(rng, 10.0, 14.0)
        worn = rng.choice(BELTS)
        faults.append(_wear(rng, wear_at, worn, ramp, replaced=True))
        script["wear"] = (round(wear_at, 2), worn, ramp)
        last = jam(wear_at + ramp + _u(rng, 3.0, 7.0), other, None)  # until the overload relay trips
        end = last + _u(rng, 38.0, 42.0)
    elif role == "none":
        t = _u(rng, 12.0, 18.0)
        episodes = ["estop", "pileup"]
        rng.shuffle(episodes)
        for name in episodes:
            if name == "estop":
                t = estop(t) + _u(rng, 8.0, 12.0)
            else:
                clear = t + _u(rng, 5.0, 8.0)
                actions.append(Action(at=round(t, 2), outfeed="blocked"))
                actions.append(Action(at=round(clear, 2), outfeed="clear"))
                script["pileup"] = (round(t, 2), round(clear, 2))
                t = clear + _u(rng, 8.0, 12.0)
        end = t
    elif role == "one":
        end = jam(_u(rng, 12.0, 30.0), rng.choice(BELTS), _u(rng, 7.0, 11.0)) + _u(rng, 10.0, 16.0)
    elif role == "two":
        cleared = jam(_u(rng, 12.0, 20.0), rng.choice(BELTS), _u(rng, 7.0, 11.0))
        # the second after the parts bunched up behind the first have gone (a jam holding them back adds up)
        cleared = jam(cleared + _u(rng, 18.0, 24.0), rng.choice(BELTS), _u(rng, 7.0, 11.0))
        end = cleared + _u(rng, 10.0, 16.0)
    elif role == "wear":
        cleared = jam(_u(rng, 12.0, 20.0), rng.choice(BELTS), _u(rng, 7.0, 10.0))
        wear_at = cleared + _u(rng, 10.0, 14.0)
        ramp = _u(rng, 14.0, 20.0)
        worn = rng.choice(BELTS)
        faults.append(_wear(rng, wear_at, worn, ramp, replaced=False))
        script["wear"] = (round(wear_at, 2), worn, ramp)
        end = wear_at + ramp
    elif role == "restart":
        if rng.random() < 0.5:
            cleared = jam(_u(rng, 12.0, 20.0), rng.choice(BELTS), _u(rng, 7.0, 11.0))
            end = estop(cleared + _u(rng, 12.0, 16.0)) + _u(rng, 10.0, 14.0)
        else:
            again = estop(_u(rng, 12.0, 18.0))
            end = jam(again + _u(rng, 8.0, 12.0), rng.choice(BELTS), _u(rng, 7.0, 11.0)) + _u(rng, 10.0, 14.0)
    else:  # pragma: no cover - a programming error
        raise ValueError(role)
    actions.sort(key=lambda a: a.at)
    return actions, faults, round(end, 1), script


def roles_for(name: str, seeds: list[int], roles: tuple[str, ...] = ROLES) -> dict[int, str]:
    """Which role each seed of a list plays: the first ``roles[0]`` (``both_belts``), the others shuffled
    (cycled if more)."""
    rest = list(roles[1:])
    random.Random(f"{name}|roles|{','.join(map(str, seeds))}").shuffle(rest)
    found: dict[int, str] = {}
    for index, seed in enumerate(seeds):
        found.setdefault(seed, roles[0] if index == 0 else rest[(index - 1) % len(rest)])
    return found


# --- the judge ---------------------------------------------------------------------------------------------


class JamJudge(Judge):
    wants_steps = False

    def __init__(self, plant: Plant, episode: Episode, run: int, open_loop_only: bool = False) -> None:
        super().__init__(plant, episode, run)
        self.open_loop_only = open_loop_only
        self.recorder = Recorder(plant, INPUTS + EYES + OUTPUTS)
        self.jammed: tuple[list[bool], list[bool]] = ([], [])
        self._belts = [(plant.conveyor(name), plant.conveyor(name).track) for name in BELTS]

    def after_scan(self, t: float) -> None:
        self.recorder.sample(t)
        for (belt, track), column in zip(self._belts, self.jammed, strict=True):
            column.append(track.jams > 0 and track.has_jam(belt))

    # --- what was expected ----------------------------------------------------------------------------
    def _model(self) -> None:
        """Jam stretches, expected alarm (True / False / None = anything goes), the alarm as seen."""
        c = self.recorder.columns()
        self.c = c
        n = len(self.recorder.t)
        self.alarm = [bool(r or b) for r, b in zip(c["stack_light.red"], c["stack_light.buzzer"], strict=True)]
        on_bound, clear_bound = _s(ON_BOUND), _s(CLEAR_BOUND)
        # a jam counts while its belt runs (a standing motor draws no current)
        self.jams: list[tuple[int, int, str]] = []
        for index, belt in enumerate(BELTS):
            running = c[f"{belt}.running"]
            effective = [j and r for j, r in zip(self.jammed[index], running, strict=True)]
            self.jams.extend((s, e, belt) for s, e in runs(effective))
        self.jams.sort()
        expected: list[bool | None] = [False] * n
        for index, belt in enumerate(BELTS):
            for k, (jammed, overload) in enumerate(zip(self.jammed[index], c[f"{belt}.overload"], strict=True)):
                if jammed or overload:
                    expected[k] = None
        back = _s(SAFETY_GRACE)
        off = None
        for k, ok in enumerate(c["panel.safety_ok"]):
            if not ok:
                off = k
            if off is not None and k - off <= back:
                expected[k] = None
        for s, e, _belt in self.jams:
            for k in range(s, min(n, e + clear_bound)):
                expected[k] = None
        for s, e, _belt in self.jams:
            for k in range(s + on_bound, e):
                expected[k] = True
        self.expected = expected
        blink = _s(BLINK)
        last_on = -(10**9)
        recent = []
        for k, a in enumerate(self.alarm):
            if a:
                last_on = k
            recent.append(k - last_on < blink)
        self.recent = recent

    def trace(self) -> Trace:
        if not hasattr(self, "expected"):
            self._model()
        c = self.c
        inputs = {name: c[name] for name in ("conveyor1.current", "conveyor2.current")}
        for name in ("conveyor1.overload", "conveyor2.overload"):
            if any(c[name]):
                inputs[name] = c[name]
        if self.episode.script.get("wear"):
            worn = self.episode.script["wear"][1]
            inputs[f"{worn}.vibration"] = c[f"{worn}.vibration"]
        outputs = {"stack_light.red": c["stack_light.red"]}
        if any(c["stack_light.buzzer"]):
            outputs["stack_light.buzzer"] = c["stack_light.buzzer"]
        if any(c["stack_light.amber"]):
            outputs["stack_light.amber"] = c["stack_light.amber"]
        # the expected alarm drawn behind the lamp used (the red one if both or neither)
        shown = (
            "stack_light.buzzer"
            if any(c["stack_light.buzzer"]) and not any(c["stack_light.red"])
            else "stack_light.red"
        )
        return Trace(
            self.recorder.t,
            inputs,
            outputs,
            {shown: self.expected},
            [f.t for f in self.findings if f.t is not None],
        )

    # --- judging -----------------------------------------------------------------------------------------
    def finish(self) -> list:
        self._model()
        if self.open_loop_only:
            self._open_loop()
            return self.findings
        if self._line_runs():
            return self.findings
        if self._open_loop():
            return self.findings
        bad = next(
            (
                k
                for k, e in enumerate(self.expected)
                if (e is True and not self.recent[k]) or (e is False and self.alarm[k])
            ),
            None,
        )
        if bad is None:
            return self.findings
        if self.expected[bad]:
            self._explain_missed(bad)
        else:
            self._explain_false(bad)
        return self.findings

    # --- the line must run ------------------------------------------------------------------------------
    def _line_runs(self) -> bool:
        c = self.c
        t = self.recorder.t
        n = len(t)
        grace = _s(1.0)
        presses = rising(c["panel.start"])
        if not presses:
            return False
        needed = [False] * n
        for k in range(presses[0] + grace, n):
            needed[k] = True
        # after an E-stop, from the trip until a start press after it (plus grace), the line may wait
        ok = c["panel.safety_ok"]
        k = 0
        while k < n:
            if not ok[k]:
                trip = k
                while k < n and not ok[k]:
                    k += 1
                again = next((p for p in presses if p >= k), n)
                for j in range(trip, min(n, again + grace)):
                    needed[j] = False
                k = again
            k += 1
        for name in RUN_TAGS:
            values = c[name]
            late = next((k for k in range(n) if needed[k] and not values[k]), None)
            if late is None:
                continue
            when_ko, when_en = at(t[late])
            if not any(values[k] for k in range(presses[0], n)):
                if name == "feeder.run":
                    ko = "feeder.run을 켜지 않아서 부품이 벨트에 오지 않았습니다: 부품이 없으면 걸림도 없습니다."
                    en = "feeder.run was never switched on, so no part came onto the belts and nothing could jam"
                else:
                    ko = f"{name}을 켜지 않아서 벨트가 돌지 않았습니다: 벨트가 돌아야 걸림을 알아낼 수 있습니다."
                    en = f"{name} was never switched on, so the belt never ran and no jam could be detected"
                self.fail(
                    "line_not_running",
                    ko,
                    en,
                    "feeder.run, conveyor1.run, conveyor2.run을 모두 True로 쓰세요 (panel.start를 기다려도 됩니다).",
                    "write True to feeder.run, conveyor1.run and conveyor2.run (waiting for panel.start is fine)",
                    t[late],
                    name,
                )
            else:
                self.fail(
                    "belts_stopped",
                    f"{when_ko} {name}을 껐습니다: 이 과제에서는 라인을 계속 돌리고 경보만 울립니다.",
                    f"{name} went off {when_en}: in this exercise the line keeps running and only the alarm reacts",
                    "feeder.run, conveyor1.run, conveyor2.run은 계속 True로 두세요 (비상정지 뒤에는 기동 버튼을 기다려도 됩니다).",
                    "keep feeder.run, conveyor1.run and conveyor2.run True (after an E-stop you may wait for start)",
                    t[late],
                    name,
                )
            return True
        return False

    # --- an alarm with no cause ---------------------------------------------------------------------------
    def _causes(self) -> list[bool]:
        c = self.c
        n = len(self.recorder.t)
        cause = [not ok for ok in c["panel.safety_ok"]]
        for index, belt in enumerate(BELTS):
            current, vibration, overload = c[f"{belt}.current"], c[f"{belt}.vibration"], c[f"{belt}.overload"]
            jammed = self.jammed[index]
            for k in range(n):
                if jammed[k] or overload[k] or current[k] >= CAUSE_CURRENT or vibration[k] >= CAUSE_VIBRATION:
                    cause[k] = True
        standing = _s(CAUSE_EYE)
        for name in EYES:
            blocked_for = 0
            for k, blocked in enumerate(c[name]):
                blocked_for = blocked_for + 1 if blocked else 0
                if blocked_for >= standing:
                    cause[k] = True
        return cause

    def _open_loop(self) -> bool:
        """Fail (and say so) when the alarm switches with nothing in the inputs to explain it.

        A rule on the inputs switches the alarm on while its cause is there (a
        jam, a high current or vibration, a part standing at a photo-eye, an
        E-stop, a tripped relay), so a cause must be present when the alarm
        comes on (or a moment before); and it does not switch the alarm off
        for good while a belt is still jammed and running (its current stays
        far above any limit).
        """
        t = self.recorder.t
        n = len(t)
        alarm = self.alarm
        cause = self._causes()
        lag = _s(CAUSE_LAG)
        events: list[tuple[int, str | None]] = [
            (k, None) for k in rising(alarm) if k > 0 and not any(cause[max(0, k - lag) : k + 1])
        ]
        blink = _s(BLINK)
        running_jam = {
            belt: [j and r for j, r in zip(self.jammed[i], self.c[f"{belt}.running"], strict=True)]
            for i, belt in enumerate(BELTS)
        }
        for k in falling(alarm):
            after = range(k, k + blink)
            if k + blink > n or any(alarm[j] for j in after):
                continue  # a blink, or back on at once
            for belt, jammed in running_jam.items():
                if jammed[k - 1] and all(jammed[j] for j in after):
                    events.append((k, belt))
                    break
        if not events:
            return False
        k, belt = min(events, key=lambda e: e[0])
        when_ko, when_en = at(t[k])
        if belt is None:
            ko = (
                f"걸림도 없고 두 모터 전류도 보통({CAUSE_CURRENT:.1f} A 아래)이었는데 {when_ko} 경보가 켜졌습니다: "
                f"출력이 입력(모터 전류)을 따르지 않고 시간표대로 움직입니다."
            )
            en = (
                f"the alarm came on {when_en} with nothing jammed and both motor currents normal (below "
                f"{CAUSE_CURRENT:.1f} A): your outputs do not follow the inputs (the motor currents), they follow a "
                f"timetable"
            )
        else:
            current = self.c[f"{belt}.current"][k]
            ko = (
                f"{when_ko} {belt}에 아직 부품이 걸려 있는데(전류 {current:.1f} A) 경보가 꺼졌습니다: "
                f"출력이 입력(모터 전류)을 따르지 않고 시간표대로 움직입니다."
            )
            en = (
                f"the alarm went off {when_en} while {belt} was still jammed (current {current:.1f} A): your outputs "
                f"do not follow the inputs (the motor currents), they follow a timetable"
            )
        self.fail(
            "open_loop",
            ko,
            en,
            "시간이나 개수가 아니라 conveyor1.current와 conveyor2.current를 읽어서 경보를 정하세요.",
            "decide the alarm from conveyor1.current and conveyor2.current, not from the time or a count",
            t[k],
            "stack_light.red",
        )
        return True

    # --- an alarm that did not come -----------------------------------------------------------------------
    def _in_time(self, s: int, e: int) -> bool:
        """The alarm came on during the jam [s, e) within ON_BOUND."""
        return any(self.alarm[s : min(e, s + _s(ON_BOUND)) + 1])

    def _explain_missed(self, k: int) -> None:
        c = self.c
        t = self.recorder.t
        alarm = self.alarm
        jam = next((j for j in self.jams if j[0] <= k < j[1]), self.jams[0])
        s, e, belt = jam
        when_ko, when_en = at(t[s])
        if not any(alarm):
            amber = c["stack_light.amber"]
            if any(amber[j] for j in range(s, e)):
                self.fail(
                    "amber_lamp",
                    f"{when_ko} {belt}의 걸림은 알아냈지만 황색등(stack_light.amber)을 켰습니다: 걸림 경보는 적색등이나 부저입니다.",
                    f"you noticed the jam on {belt} {when_en} but lit the amber lamp (stack_light.amber): a jam alarm is "
                    f"the red lamp or the buzzer",
                    "걸림 경보는 stack_light.red(또는 stack_light.buzzer)에 쓰세요.",
                    "write the jam alarm to stack_light.red (or stack_light.buzzer)",
                    t[s],
                    "stack_light.amber",
                )
            else:
                self.fail(
                    "no_alarm",
                    f"{when_ko} {belt}에서 부품이 걸렸는데 경보(stack_light.red 또는 stack_light.buzzer)가 한 번도 켜지지 않았습니다.",
                    f"a part jammed on {belt} {when_en} and the alarm (stack_light.red or stack_light.buzzer) never came on",
                    "경보 조건을 stack_light.red에 =로 써 넣으세요 (==는 비교만 하고 아무것도 켜지 않습니다).",
                    "write your alarm condition to stack_light.red with = (== only compares and switches nothing on)",
                    t[s],
                    "stack_light.red",
                )
            return
        in_time = [j for j in self.jams if self._in_time(j[0], j[1])]
        # the alarm came with the overload relay
        if not in_time:
            ups = rising(alarm)
            for name in BELTS:
                for trip in rising(c[f"{name}.overload"]):
                    if any(trip - 2 <= u <= trip + _s(WITH_RELAY) for u in ups):
                        onset = max((j[0] for j in self.jams if j[2] == name and j[0] <= trip), default=s)
                        onset_ko, onset_en = at(t[onset])
                        self.fail(
                            "overload_relay",
                            f"{onset_ko} {name}에서 부품이 걸렸는데, 경보는 {t[trip]:.1f}초에 과부하 계전기"
                            f"({name}.overload)가 트립된 뒤에야 울렸습니다.",
                            f"a part jammed on {name} {onset_en}, but the alarm came only when the overload relay "
                            f"({name}.overload) tripped at {t[trip]:.1f} s",
                            f"과부하 계전기(THR)는 모터를 지키는 장치라 한참 뒤에야 트립됩니다: 모터 전류({name}.current)가 "
                            f"높은 상태가 1초쯤 이어지면 바로 경보하세요.",
                            f"the overload relay protects the motor and trips much later: raise the alarm when the motor "
                            f"current ({name}.current) has stayed high for about a second",
                            t[onset],
                            f"{name}.overload",
                        )
                        return
        # the alarm works for one belt only
        other = [j for j in in_time if j[2] != belt]
        if other and not any(any(alarm[j[0] : j[1]]) for j in self.jams if j[2] == belt):
            self.fail(
                "one_belt",
                f"{when_ko} {belt}에서 부품이 걸렸는데 경보가 울리지 않았습니다({other[0][2]}의 걸림에는 울렸습니다).",
                f"a part jammed on {belt} {when_en} and no alarm came (it did come for the jam on {other[0][2]})",
                f"{belt}.current도 같은 방법(기준 + 온 딜레이 타이머)으로 살펴서, 두 벨트 중 하나라도 걸리면 경보하세요.",
                f"watch {belt}.current the same way (a limit and an on-delay timer) and raise the alarm when either belt jams",
                t[s],
                f"{belt}.current",
            )
            return
        if self._vibration_alarm():
            return
        # the alarm came, but late
        for js, je, jbelt in self.jams:
            came = next((j for j in range(js, je) if alarm[j]), None)
            if came is not None and came - js > _s(ON_BOUND):
                onset_ko, onset_en = at(t[js])
                self.fail(
                    "too_slow",
                    f"{onset_ko} {jbelt}에서 부품이 걸렸는데 경보가 {t[came] - t[js]:.1f}초 뒤에야 울렸습니다: "
                    f"{ON_BOUND:.0f}초 안에 울려야 합니다.",
                    f"a part jammed on {jbelt} {onset_en} but the alarm came only {t[came] - t[js]:.1f} s later: it must "
                    f"come within {ON_BOUND:.0f} s",
                    "온 딜레이 타이머를 1~2초로 줄이세요: 돌입 전류는 1초 안에 끝납니다.",
                    "shorten the on-delay to 1-2 s: the inrush current is over within a second",
                    t[js],
                    f"{jbelt}.current",
                )
                return
        self.fail(
            "missed_jam",
            f"{when_ko} {belt}에서 부품이 걸렸는데 {ON_BOUND:.0f}초 안에 경보가 울리지 않았습니다.",
            f"a part jammed on {belt} {when_en} and no alarm came within {ON_BOUND:.0f} s",
            f"{belt}.current가 기준(예: 2.5 A)을 넘은 채로 1초쯤 이어지면 경보를 켜고, 걸려 있는 동안 켜 두세요.",
            f"switch the alarm on when {belt}.current stays above a limit (e.g. 2.5 A) for about a second, and keep it on "
            f"while the jam lasts",
            t[s],
            f"{belt}.current",
        )

    def _vibration_alarm(self) -> bool:
        """Fail if the alarm follows a vibration: on with nothing jammed while a belt shook, and the currents
        normal or the jams not alarmed."""
        c = self.c
        t = self.recorder.t
        jams_missed = bool(self.jams) and not any(self._in_time(s, e) for s, e, _b in self.jams)
        for k in rising(self.alarm):
            if self.expected[k] is not False:
                continue
            shaking = [b for b in BELTS if c[f"{b}.vibration"][k] >= CAUSE_VIBRATION]
            calm = all(c[f"{b}.current"][k] < CAUSE_CURRENT for b in BELTS)
            if shaking and (calm or jams_missed):
                tag = f"{shaking[0]}.vibration"
                when_ko, when_en = at(t[k])
                self.fail(
                    "vibration_not_current",
                    f"경보가 걸림이 아니라 진동 값 {tag}을 따라갑니다: {when_ko} 걸림이 없는데 베어링이 닳아 진동이 오르자 울렸습니다.",
                    f"your alarm follows {tag} (vibration), not the jams: it came on {when_en} with nothing jammed, when "
                    f"a worn bearing made the belt shake",
                    "걸림은 진동이 아니라 모터 전류(conveyor1.current, conveyor2.current)를 올립니다: 전류를 보세요.",
                    "a jam does not shake the belt, it raises the motor current (conveyor1.current, conveyor2.current): "
                    "watch that",
                    t[k],
                    tag,
                )
                return True
        return False

    # --- an alarm that should not be on ---------------------------------------------------------------------
    def _explain_false(self, k: int) -> None:
        c = self.c
        t = self.recorder.t
        n = len(t)
        alarm, expected = self.alarm, self.expected
        when_ko, when_en = at(t[k])
        # the inrush of a motor that just started
        for belt in BELTS:
            starts = rising(c[f"{belt}.running"])
            current = c[f"{belt}.current"]
            for number, started in enumerate(starts):
                if started <= k <= started + _s(INRUSH):
                    peak = max(current[started : started + _s(INRUSH) + 1])
                    tag = f"{belt}.current"
                    if number == 0:
                        self.fail(
                            "no_delay",
                            f"{when_ko} 모터가 켜질 때 흐르는 돌입 전류({tag} {peak:.1f} A)에 경보가 울렸지만 걸림은 없었습니다.",
                            f"the alarm came on {when_en} from the inrush current when the motor started ({tag} "
                            f"{peak:.1f} A), but nothing was jammed",
                            "전류가 기준을 넘은 채로 1초쯤 이어질 때만 경보하도록 온 딜레이 타이머(plc.TON)를 넣으세요.",
                            "add an on-delay timer (plc.TON) so the alarm comes only when the current stays above your "
                            "limit for about a second",
                            t[k],
                            tag,
                        )
                    else:
                        self.fail(
                            "restart_inrush",
                            f"{when_ko} 모터가 다시 켜질 때의 돌입 전류({tag} {peak:.1f} A)에 경보가 울렸지만 걸림은 없었습니다.",
                            f"the alarm came on {when_en} from the inrush current when the motor started again ({tag} "
                            f"{peak:.1f} A), but nothing was jammed",
                            "돌입 전류는 처음뿐 아니라 모터가 켜질 때마다 흐릅니다: 전류가 높은 상태가 1초쯤 이어질 때만 경보하도록 온 딜레이 타이머(plc.TON)를 쓰세요.",
                            "a motor draws an inrush every time it starts, not only at the beginning: use an on-delay "
                            "timer (plc.TON) so the current must stay high for about a second",
                            t[k],
                            tag,
                        )
                    return
        # latched: on since a jam, and on through the whole stretch that should be quiet
        end = next((j for j in range(k, n) if expected[j] is not False), n)
        if k > 0 and alarm[k - 1] and all(alarm[k:end]):
            since = k
            while since > 0 and alarm[since - 1]:
                since -= 1
            cleared = max((e for s, e, _b in self.jams if s <= k and e <= k), default=None)
            quiet = any(all(c[f"{b}.current"][j] < CAUSE_CURRENT for b in BELTS) for j in range(k, end))
            if cleared is not None and since < cleared and quiet:
                clear_ko, clear_en = at(t[cleared])
                self.fail(
                    "never_clears",
                    f"걸림은 {clear_ko} 풀렸는데 경보가 꺼지지 않고 계속 켜져 있습니다.",
                    f"the jam cleared {clear_en} but the alarm stayed on",
                    "이 과제의 경보는 걸림이 풀려 전류가 내려가면 스스로 꺼져야 합니다: 경보를 자기유지(래치)하지 말고 타이머 출력을 그대로 쓰세요.",
                    "in this exercise the alarm goes off by itself when the jam clears and the current drops: do not "
                    "latch it, write the timer's output straight to the lamp",
                    t[cleared],
                    "stack_light.red",
                )
                return
        if self._vibration_alarm():
            return
        # a current a little high: bunched parts, a pile-up, a worn bearing
        window = range(max(0, k - _s(1.0)), k + 1)
        high = [(max(c[f"{b}.current"][j] for j in window), b) for b in BELTS]
        value, belt = max(high)
        if value >= CAUSE_CURRENT:
            tag = f"{belt}.current"
            self.fail(
                "threshold_too_low",
                f"걸림이 없는데 {when_ko} 경보가 울렸습니다: 그때 {tag}는 {value:.1f} A로, 부품이 몰리거나 베어링이 닳아 조금 오른 정도였습니다.",
                f"the alarm came on {when_en} with nothing jammed, when {tag} was {value:.1f} A: parts bunched up or a "
                f"worn bearing, not a jam",
                f"걸리면 전류가 {JAM_CURRENT:.1f} A 넘게 오릅니다: 기준을 2.5 A 정도로 올리세요.",
                f"a jam lifts the current above {JAM_CURRENT:.1f} A: set your limit higher, at about 2.5 A",
                t[k],
                tag,
            )
            return
        self.fail(
            "false_alarm",
            f"걸림이 없는데 {when_ko} 경보가 울렸습니다.",
            f"the alarm came on {when_en} with nothing jammed",
            "경보는 모터 전류가 기준을 넘은 채로 이어질 때만 켜고, 전류가 내려가면 끄세요.",
            "switch the alarm on only while a motor current stays above your limit, and off when it drops",
            t[k],
            "stack_light.red",
        )


@register
class JamAlarm(BehaviourCheck):
    """Detect a jam on either belt from the motor current with a delay; an alarm that clears.

    A check of the same plant and roles (``alarm_states`` of lab 4-1) subclasses it and sets ``roles``,
    ``plan`` (role, rng -> actions, faults, seconds, script), ``second_look`` and ``judge_class``."""

    name = "jam_alarm"
    title = ("모터 전류로 걸림 감지와 경보", "detect a jam from the motor current and raise an alarm")
    scenario = "conveyor"
    count = 6
    roles: tuple[str, ...] = ROLES
    plan = staticmethod(episode_for)
    #: findings of the rule after which every run is searched for open-loop outputs
    second_look: frozenset[str] = SECOND_LOOK
    judge_class: type[JamJudge] = JamJudge

    def episode(self, rng: random.Random, base: Scenario, role: str | None = None) -> Episode:
        actions, faults, seconds, script = self.plan(role or self.roles[0], rng)
        scenario = base.model_copy(update={"actions": actions, "faults": FaultSettings(schedule=faults)})
        return Episode(scenario, seconds, script)

    def role_of(self, seed: int) -> str:
        """The role of ``seed``: its place in the seeds being judged, else in the formative seeds, else from the seed."""
        roles = getattr(self, "_roles", None) or roles_for(
            self.name, formative_seeds(self.name, self.count), self.roles
        )
        if seed in roles:
            return roles[seed]
        return self.roles[1 + seed % (len(self.roles) - 1)]

    def plant_for(self, seed: int) -> tuple[Plant, Episode]:
        rng = random.Random(f"{self.name}|{seed}")
        episode = self.episode(rng, load_scenario(self.scenario), self.role_of(seed))
        return Plant(episode.scenario, seed=seed), episode

    def judge(self, answer: Any, seeds: list[int]) -> CheckResult:
        """Judge on ``seeds``; when the first failing run shows a mistake of the rule, look for outputs
        that ignore the inputs in every run (an open-loop alarm can look like a rule in a busy run)."""
        planned = copy.copy(self)  # the roles of this list of seeds, without touching the shared check
        planned._roles = roles_for(self.name, seeds, self.roles)
        result = run_behaviour(planned, answer, seeds)
        if result.passed or not result.findings or result.codes[0] not in self.second_look:
            return result
        looking = copy.copy(planned)
        looking._open_loop_only = True
        again = run_behaviour(looking, answer, seeds)
        if not again.passed and again.codes and again.codes[0] == "open_loop":
            return again
        return result

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return self.judge_class(plant, episode, run, open_loop_only=getattr(self, "_open_loop_only", False))
