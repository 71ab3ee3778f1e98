"""Checks of lab 3-1 (``start_stop``): ``jog`` (3-1), ``seal_in_stop`` (3-2) and ``stack_light`` (3-4).

Exercise 3-3 (E-stop, reset, no restart) uses the shipped ``seal_in`` check as it is. The other three share
its judge (:class:`~factorylab.control.checks.seal_in.SealInJudge`) where they can: ``seal_in_stop`` is
``seal_in`` without the E-stop and the lamps, ``stack_light`` is ``seal_in`` with a motor fault and the
three-lamp rule. ``jog`` has a judge of its own.

**jog** (3-1, inching): ``conveyor1.run = conveyor2.run = panel.start and not panel.stop``, scan by scan.
Each hidden run (6, 30-50 s) plays, in an order and with gaps drawn from its seed: a short tap, a long hold
(3-5.5 s), a medium hold, start pressed twice in a row, stop pressed alone, and start held while stop is
pressed (stop let go after start). Findings: ``open_loop``, ``inverted`` (the b-contact mistake: on while
start is *not* pressed), ``on_before_start``, ``stop_ignored``, ``runs_after_release`` (a seal-in: "this
exercise runs only while the button is held"), ``on_without_start``, ``no_start``, ``off_while_held`` (an
edge instead of the level), ``conveyor2_missing`` / ``conveyor1_missing``.

**seal_in_stop** (3-2): ``run = not stop and (start or run)``, conveyor1 and conveyor2. Each hidden run (6,
45-70 s): stop and start+stop together while stopped, start held down while stop is held (stop first),
start pressed again while running, a plain stop, start held while stop is pressed, stop held while start is
pressed; order and times from the seed. No E-stop and no lamps: the findings are those of ``seal_in``
(``no_seal``, ``start_dominant``, ``toggle``, ``stop_ignored``, ``off_without_stop``, ``open_loop``...),
with next steps that do not mention ``panel.safety_ok`` (the students meet it in 3-3).

**stack_light** (3-4): ``seal_in`` plus a motor fault and the three-lamp rule::

    fault = conveyor1.overload or conveyor2.overload        (the thermal overload relay, THR)
    run   = safety_ok and not stop and not fault and (start or run)
    green = run;  red = not safety_ok or fault;  amber = not run and not red   (exactly one lamp)

Every hidden run (6, about 210-290 s) has the ``seal_in`` operator episodes (stop and E-stop while stopped,
start twice, stop, start held while stop, E-stop while running with start pressed before the reset) and a
jam on *each* conveyor, in an order drawn from the seed: the feeder runs (a part every 8 s), a part sticks,
the motor current rises and an overload relay trips 15-70 s later (the jammed belt's; rarely the other one,
when parts held back pile onto it: then the missing belt is jammed again, so that both relays trip in every
run); start is pressed during the trip (the line must stay off); the relay resets itself about 45 s later
(the line must not restart by itself: the seal-in has to be broken by the fault); start again. The actions are placed by playing the run with the ideal controller
(:class:`_Planner`), so every trip, press and reset falls where it tests something. Findings: the run
command first (``fault_ignored``, ``fault_one_belt``, ``restart_after_fault``, then those of ``seal_in``),
then green, red (``red_off_in_fault``, ``red_off_before_reset``, ``red_off_in_estop``, ``red_stays_on``) and
amber (``amber_never``, ``amber_while_running``, ``two_lamps``, ``amber_off_stopped``).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
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
    runs,
)
from factorylab.control.checks.result import Finding, Trace, at
from factorylab.control.checks.seal_in import CAUSE, GRACE, INPUTS, OUTPUTS, SealInJudge
from factorylab.plant import Plant, Scenario, load_scenario
from factorylab.plant.scenario import Action, ScheduledFault

#: scans within which an output change counts as an answer to an input change (0.6 s)
CAUSE_SCANS = round(CAUSE / 0.05)


def _press(at: float, button: str, hold: float) -> Action:
    return Action(at=round(round(at / 0.05) * 0.05, 2), press=button, hold=round(hold, 2))


def unexplained_switches(output: Sequence[bool], inputs_changed: Sequence[int]) -> list[int]:
    """Scan indices where ``output`` switches with no input change in the 0.6 s before (the first scan counts)."""
    found = []
    for k in sorted(rising(output) + falling(output)):
        last = last_before(inputs_changed, k)
        if k == 0 or last is None or last == 0 or k - last > CAUSE_SCANS:
            found.append(k)
    return found


def open_loop_finding(t: float, on: bool, tag: str, inputs: str, inputs_en: str) -> tuple[str, ...]:
    """(code, ko, en, next_ko, next_en) for an output that follows a timetable, not the inputs.

    ``inputs`` is Korean with its object particle (``panel.start와 panel.stop을``).
    """
    when_ko, when_en = at(t)
    what = "켜졌습니다" if on else "꺼졌습니다"
    what_en = "came on" if on else "went off"
    return (
        "open_loop",
        f"아무도 버튼을 누르지 않았는데 {when_ko} {tag}이 {what}: 출력이 입력(버튼)을 따르지 않고 시간표대로 움직입니다.",
        f"{tag} {what_en} {when_en} although nobody touched a button: your outputs do not follow the inputs "
        f"(the buttons), they follow a timetable",
        f"시간이나 개수가 아니라 {inputs} 읽어서 출력을 정하세요.",
        f"decide the outputs from {inputs_en}, not from the time or a count",
    )


# ======================================================================================================
# jog (3-1)
# ======================================================================================================

JOG_INPUTS = ("panel.start", "panel.stop")
JOG_OUTPUTS = ("conveyor1.run", "conveyor2.run")


def jog_actions(rng: random.Random) -> tuple[list[Action], float]:
    """The operator's actions of one hidden ``jog`` run and its length, s.

    Seven episodes in an order drawn from the seed, 2-4 s apart, so every press moves by more than ±2 s
    from one seed to the next.
    """
    actions: list[Action] = []
    t = rng.uniform(1.0, 6.0)

    def tap() -> float:
        hold = rng.uniform(0.2, 0.5)
        actions.append(_press(t, "start", hold))
        return hold

    def long_hold() -> float:
        hold = rng.uniform(3.0, 5.5)
        actions.append(_press(t, "start", hold))
        return hold

    def medium_hold() -> float:
        hold = rng.uniform(1.0, 2.0)
        actions.append(_press(t, "start", hold))
        return hold

    def twice() -> float:
        first, pause, second = rng.uniform(0.4, 0.8), rng.uniform(0.6, 1.2), rng.uniform(0.4, 0.8)
        actions.append(_press(t, "start", first))
        actions.append(_press(t + first + pause, "start", second))
        return first + pause + second

    def stop_alone() -> float:
        hold = rng.uniform(0.3, 0.8)
        actions.append(_press(t, "stop", hold))
        return hold

    def stop_while_held() -> float:
        # start held 2.5-3.5 s; stop pressed into it and let go after start is let go
        hold = rng.uniform(2.5, 3.5)
        into = rng.uniform(0.8, 1.6)
        actions.append(_press(t, "start", hold))
        stop_hold = hold - into + rng.uniform(0.4, 0.8)
        actions.append(_press(t + into, "stop", stop_hold))
        return into + stop_hold

    episodes: list[Callable[[], float]] = [tap, long_hold, medium_hold, twice, stop_alone, stop_while_held, tap]
    rng.shuffle(episodes)
    for episode in episodes:
        t += episode() + rng.uniform(2.0, 4.0)
    return actions, t + 1.0


class JogJudge(Judge):
    """Inching: the belts run while start is held and stop is not."""

    wants_steps = False

    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        super().__init__(plant, episode, run)
        self.recorder = Recorder(plant, JOG_INPUTS + JOG_OUTPUTS)

    def after_scan(self, t: float) -> None:
        self.recorder.sample(t)

    def expected(self) -> list[bool]:
        c = self.recorder.columns()
        return [bool(start) and not stop for start, stop in zip(c["panel.start"], c["panel.stop"], strict=True)]

    def trace(self) -> Trace:
        c = self.recorder.columns()
        expected = self.expected()
        return Trace(
            self.recorder.t,
            {name: c[name] for name in JOG_INPUTS},
            {name: c[name] for name in JOG_OUTPUTS},
            {"conveyor1.run": expected, "conveyor2.run": expected},
            [f.t for f in self.findings if f.t is not None],
        )

    def finish(self) -> list[Finding]:
        c = self.recorder.columns()
        t = self.recorder.t
        start, stop = c["panel.start"], c["panel.stop"]
        run1, run2 = c["conveyor1.run"], c["conveyor2.run"]
        expected = self.expected()
        inputs_changed = changes(start, stop)
        odd = unexplained_switches(run1, inputs_changed)
        if len(odd) >= 2:
            k = odd[0] if odd[0] > 0 else odd[1]
            self.fail(
                *open_loop_finding(
                    t[k], bool(run1[k]), "conveyor1.run", "panel.start와 panel.stop을", "panel.start and panel.stop"
                ),
                t=t[k],
                tag="conveyor1.run",
            )
            return self.findings
        if not any(run1) and any(run2):
            run1 = run2  # judge the belt they did drive; conveyor1 is named below
        bad = mismatches(run1, expected, inputs_changed, GRACE)
        if bad:
            self._explain(bad[0][0], run1)
            return self.findings
        if run1 is not c["conveyor1.run"]:
            self._missing("conveyor1.run", "conveyor2.run", t[rising(expected)[0]])
            return self.findings
        bad = mismatches(run2, expected, inputs_changed, GRACE)
        if bad:
            self._missing("conveyor2.run", "conveyor1.run", t[bad[0][0]])
        return self.findings

    def _inverted(self, run: list[bool]) -> bool:
        """True if the output is on when start is released and off when it is pressed (a b-contact)."""
        c = self.recorder.columns()
        idle = [r for s, p, r in zip(c["panel.start"], c["panel.stop"], run, strict=True) if not s and not p]
        held = [r for s, r in zip(c["panel.start"], run, strict=True) if s]
        return bool(idle and held) and sum(idle) >= 0.8 * len(idle) and sum(not r for r in held) >= 0.8 * len(held)

    def _explain(self, k: int, run: list[bool]) -> None:
        c = self.recorder.columns()
        t = self.recorder.t
        start, stop = c["panel.start"], c["panel.stop"]
        now = t[k]
        when_ko, when_en = at(now)
        presses = rising(start)
        if run[k]:  # on when it should be off
            press = last_before(presses, k)
            if self._inverted(run):
                self.fail(
                    "inverted",
                    f"{when_ko} 기동 버튼을 누르지 않았는데 컨베이어가 돌고, 누르면 멈춥니다: 조건이 거꾸로입니다 (conveyor1.run).",
                    f"{when_en} the conveyors ran with start not pressed and stopped when it was pressed: the condition is "
                    f"upside down (conveyor1.run)",
                    "기동 버튼은 a접점입니다: 눌렀을 때 panel.start가 True이니 not을 붙이지 마세요.",
                    "start is a normally open (NO) contact: panel.start is True while pressed, so do not put not in front",
                    now,
                    "conveyor1.run",
                )
            elif press is None:
                self.fail(
                    "on_before_start",
                    f"기동 버튼을 누르기 전인데 {when_ko} 컨베이어 운전 명령(conveyor1.run)이 켜졌습니다.",
                    f"the run command conveyor1.run came on {when_en}, before anyone pressed start",
                    "panel.start가 눌려 있을 때만 켜세요.",
                    "switch it on only while panel.start is pressed",
                    now,
                    "conveyor1.run",
                )
            elif stop[k] or self._recent(rising(stop), k) or self._recent(falling(stop), k):
                self.fail(
                    "stop_ignored",
                    f"{when_ko} 정지 버튼(panel.stop)이 눌려 있었는데 컨베이어가 돌았습니다.",
                    f"stop (panel.stop) was pressed {when_en} but the conveyors ran",
                    "정지 버튼이 눌려 있으면 기동을 누르고 있어도 끄세요: 정지는 b접점(not panel.stop)으로 넣습니다.",
                    "switch off while stop is pressed, even with start held: stop goes in as a normally closed contact "
                    "(not panel.stop)",
                    now,
                    "panel.stop",
                )
            elif not start[k] and all(run[press : k + 1]):
                self.fail(
                    "runs_after_release",
                    f"{when_ko} 기동 버튼에서 손을 뗐는데 컨베이어가 계속 돕니다: 이 과제는 누르는 동안만 도는 "
                    f"인칭(촌동) 운전입니다.",
                    f"start was let go {when_en} but the conveyors kept running: this exercise is inching (jog), "
                    f"running only while the button is held",
                    "기억해 두지 말고 스캔마다 panel.start를 그대로 따르게 하세요 (자기유지는 다음 과제입니다).",
                    "do not remember anything: follow panel.start in every scan (the seal-in is the next exercise)",
                    now,
                    "conveyor1.run",
                )
            else:
                self.fail(
                    "on_without_start",
                    f"{when_ko} 기동 버튼이 눌려 있지 않은데 컨베이어가 돌았습니다 (conveyor1.run).",
                    f"the conveyors ran {when_en} although start was not pressed (conveyor1.run)",
                    "출력을 시간이나 기억이 아니라 panel.start로 정하세요.",
                    "decide the output from panel.start, not from the time or a memory",
                    now,
                    "conveyor1.run",
                )
            return
        if not any(run):
            first = presses[0] if presses else k
            press_ko, press_en = at(t[first])
            self.fail(
                "no_start",
                f"{press_ko} 기동 버튼을 눌렀는데 컨베이어가 돌지 않았습니다 (conveyor1.run).",
                f"start was pressed {press_en} but the conveyors did not run (conveyor1.run)",
                "panel.start를 읽어서 conveyor1.run과 conveyor2.run에 쓰세요.",
                "read panel.start and write it to conveyor1.run and conveyor2.run",
                t[first],
                "conveyor1.run",
            )
            return
        self.fail(
            "off_while_held",
            f"{when_ko} 기동 버튼을 누르고 있는데 컨베이어가 멈춰 있습니다 (conveyor1.run).",
            f"start was held {when_en} but the conveyors were stopped (conveyor1.run)",
            "누르는 순간(에지)만이 아니라 눌려 있는 모든 스캔에서 켜 두세요.",
            "keep them on in every scan the button is held, not only at the moment it is pressed (the edge)",
            now,
            "conveyor1.run",
        )

    @staticmethod
    def _recent(indices: list[int], k: int) -> bool:
        last = last_before(indices, k)
        return last is not None and k - last <= CAUSE_SCANS

    def _missing(self, missing: str, driven: str, t: float) -> None:
        """One belt follows the buttons and the other does not (``conveyor2_missing``)."""
        self.fail(
            f"{missing.split('.')[0]}_missing",
            f"{driven}만 움직이고 {missing}은 따라오지 않습니다 ({t:.1f}초부터).",
            f"only {driven} follows the buttons; {missing} does not (from {t:.1f} s)",
            f"{missing}에도 같은 운전 명령을 쓰세요.",
            f"write the same run command to {missing} too",
            t,
            missing,
        )


@register
class Jog(BehaviourCheck):
    """Inching (jog): the belts run only while start is held, never while stop is pressed."""

    name = "jog"
    title = ("인칭(촌동) 운전: 누르는 동안만 운전", "inching (jog): run only while start is held")
    scenario = "conveyor"
    count = 6

    def episode(self, rng: random.Random, base: Scenario) -> Episode:
        actions, seconds = jog_actions(rng)
        return Episode(base.model_copy(update={"actions": actions}), round(seconds, 1), {"actions": actions})

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return JogJudge(plant, episode, run)


# ======================================================================================================
# seal_in_stop (3-2)
# ======================================================================================================


def seal_in_stop_actions(rng: random.Random) -> tuple[list[Action], float]:
    """The operator's actions of one hidden ``seal_in_stop`` run and its length, s.

    As ``seal_in`` without the E-stop: stopped-state episodes and three run/stop cycles (one per way to
    stop), shuffled, with gaps of 2.5-5 s.
    """
    actions: list[Action] = []
    t = rng.uniform(1.0, 6.0)

    def gap() -> float:
        return rng.uniform(2.5, 5.0)

    def stop_while_stopped() -> None:
        nonlocal t
        actions.append(_press(t, "stop", rng.uniform(0.2, 0.6)))
        t += gap()

    def together_while_stopped() -> None:
        nonlocal t
        hold = rng.uniform(0.3, 0.8)
        actions.append(_press(t, "start", hold))
        actions.append(_press(t, "stop", hold))
        t += gap()

    def start_during_stop() -> None:
        # stop held 2-3 s; start pressed and let go inside it: stays off (stop first, then start)
        nonlocal t
        hold = rng.uniform(2.0, 3.0)
        actions.append(_press(t, "stop", hold))
        into = rng.uniform(0.5, 1.0)
        actions.append(_press(t + into, "start", rng.uniform(0.3, hold - into - 0.4)))
        t += hold + gap()

    def start() -> None:
        nonlocal t
        actions.append(_press(t, "start", rng.uniform(0.2, 0.7)))
        t += gap()

    def stop() -> None:
        nonlocal t
        actions.append(_press(t, "stop", rng.uniform(0.2, 0.6)))
        t += gap()

    def start_held_while_stop() -> None:
        # start held 3-4 s; stop pressed during it and let go after start is let go
        nonlocal t
        hold = rng.uniform(3.0, 4.0)
        actions.append(_press(t, "start", hold))
        into = rng.uniform(1.0, 2.0)
        actions.append(_press(t + into, "stop", hold - into + rng.uniform(0.5, 1.0)))
        t += hold + 1.0 + gap()

    stopped = [stop_while_stopped, together_while_stopped, start_during_stop]
    ways_to_stop = [stop, start_held_while_stop, start_during_stop]
    rng.shuffle(stopped)
    rng.shuffle(ways_to_stop)
    first = rng.randint(1, 2)
    for episode in stopped[:first]:
        episode()
    rest = stopped[first:]
    for index, way in enumerate(ways_to_stop):
        start()
        if index == 0 or rng.random() < 0.5:
            start()  # pressed again while running
        way()
        if rest and (index == 1 or rng.random() < 0.4):
            rest.pop()()
    for episode in rest:
        episode()
    start()
    return actions, t + 2.0


#: next steps of ``seal_in`` that name panel.safety_ok, said without it (the students meet it in 3-3)
_NEXT_WITHOUT_SAFETY = {
    "open_loop": (
        "시간이나 개수가 아니라 panel.start와 panel.stop을 읽어서 출력을 정하세요.",
        "decide the outputs from panel.start and panel.stop, not from the time or a count",
    ),
    "start_dominant": (
        "식이라면 and not panel.stop을 맨 끝에 두고, if 문이라면 정지를 나중에 검사하세요: 나중에 쓴 값이 남습니다.",
        "in one expression put and not panel.stop last; with if statements test stop last: the last value written stays",
    ),
    "toggle": (
        "기동 버튼은 켜기만 하고, 끄는 것은 정지 버튼만 하게 하세요.",
        "let start only switch on and only stop switch off",
    ),
    "off_without_stop": (
        "정지 버튼을 누를 때까지 켜진 상태를 유지하세요.",
        "keep them running until stop is pressed",
    ),
}


class SealInStopJudge(SealInJudge):
    """``seal_in`` without the E-stop and the stack light."""

    _fail_output = JogJudge._missing  # "11.3초부터" (seal_in's own says "11.3초에부터")

    def _lamps(self, c: dict, expected: list[bool], inputs_changed: list[int]) -> None:
        """No lamps in 3-2."""

    def trace(self) -> Trace:
        c = self.recorder.columns()
        expected = self.expected()
        return Trace(
            self.recorder.t,
            {name: c[name] for name in ("panel.start", "panel.stop")},
            {name: c[name] for name in ("conveyor1.run", "conveyor2.run")},
            {"conveyor1.run": expected, "conveyor2.run": expected},
            [f.t for f in self.findings if f.t is not None],
        )

    def finish(self) -> list[Finding]:
        findings = super().finish()
        for finding in findings:
            if finding.code in _NEXT_WITHOUT_SAFETY:
                finding.next_ko, finding.next_en = _NEXT_WITHOUT_SAFETY[finding.code]
        return findings


@register
class SealInStop(BehaviourCheck):
    """Start/stop seal-in with stop priority (no E-stop, no lamps)."""

    name = "seal_in_stop"
    title = ("기동/정지 자기유지(정지 우선)", "start/stop seal-in (stop priority)")
    scenario = "conveyor"
    count = 6

    def episode(self, rng: random.Random, base: Scenario) -> Episode:
        actions, seconds = seal_in_stop_actions(rng)
        return Episode(base.model_copy(update={"actions": actions}), round(seconds, 1), {"actions": actions})

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return SealInStopJudge(plant, episode, run)


# ======================================================================================================
# stack_light (3-4)
# ======================================================================================================

FAULTS = ("conveyor1.overload", "conveyor2.overload")
#: a jam trips an overload relay within this long, s (15-70 s after the part sticks, by the load behind it)
TRIP_WITHIN = 150.0
#: seconds between parts from the feeder: parts held back by a jam on conveyor2 stay on conveyor2
FEED_INTERVAL = 8.0
_EPS = 1e-9


class _Planner:
    """Plays one hidden ``stack_light`` run with the ideal controller and places the operator's actions.

    An action decided at a scan is applied just before the plant steps, exactly where the real run applies
    ``Action(at=...)`` and a ``ScheduledFault(at=...)``.
    """

    def __init__(self, scenario: Scenario, seed: int, rng: random.Random) -> None:
        self.plant = Plant(scenario, seed=seed)
        self.rng = rng
        self.actions: list[Action] = []
        self.faults: list[ScheduledFault] = []
        self.run = False
        self._controlled = -1
        #: what happened when: (what, s); the relays' trips and resets as the controller sees them
        self.events: list[tuple[str, float]] = []
        self._overloads = (False, False)

    @property
    def now(self) -> float:
        return self.plant.time

    def tripped(self, belt: str) -> bool:
        """True if ``belt``'s overload relay has tripped at least once so far."""
        return any(what == f"trip_{belt}" for what, _ in self.events)

    def _control(self) -> None:
        plant = self.plant
        if plant.tick == self._controlled:
            return
        self._controlled = plant.tick
        overloads = (plant.conveyor1.overload, plant.conveyor2.overload)
        for belt, now, before in zip(("conveyor1", "conveyor2"), overloads, self._overloads, strict=True):
            if now != before:
                self.note(f"{'trip' if now else 'relay_reset'}_{belt}")
        self._overloads = overloads
        panel = plant.panel
        fault = plant.conveyor1.overload or plant.conveyor2.overload
        self.run = panel.safety_ok and not panel.stop and not fault and (panel.start or self.run)
        plant.conveyor1.run = plant.conveyor2.run = self.run

    def wait(self, done: Callable[[], bool], limit: float) -> bool:
        """Scan until ``done()`` holds after a scan; False after ``limit`` s."""
        end = self.now + limit
        while True:
            self._control()
            if done():
                return True
            if self.now >= end - _EPS:
                return False
            self.plant.step()

    def run_for(self, seconds: float) -> None:
        end = round((self.now + seconds) / 0.05) * 0.05
        self.wait(lambda: self.now >= end - _EPS, seconds + 1.0)

    def note(self, what: str) -> None:
        self.events.append((what, round(self.now, 2)))

    def press(self, button: str, hold: float, what: str) -> None:
        hold = round(hold, 2)
        self.plant.panel.press(button, self.now, hold)
        self.actions.append(Action(at=round(self.now, 2), press=button, hold=hold))
        self.note(what)

    def estop(self, pushed: bool) -> None:
        self.plant.panel.set_estop(pushed)
        self.actions.append(Action(at=round(self.now, 2), estop="pushed" if pushed else "released"))
        self.note("estop_pushed" if pushed else "estop_released")

    def jam(self, belt: str) -> Any:
        """A part sticks on ``belt`` (the next one to come if none is aboard); its end is set at the trip."""
        record = self.plant.inject_fault("jam", belt)
        self.note(f"jam_{belt}")
        return record

    def end_jam(self, record: Any, belt: str, at: float) -> None:
        """The jam ends at ``at`` (s), while the tripped belt stands: the stuck part is taken away."""
        duration = round(round((at - record.start) / 0.05) * 0.05, 2)
        record.planned_end = record.start + duration
        self.faults.append(ScheduledFault(at=round(record.start, 2), kind="jam", target=belt, duration=duration))

    # --- the episodes --------------------------------------------------------------------------------
    def gap(self) -> None:
        self.run_for(self.rng.uniform(2.5, 5.0))

    def start(self, what: str = "start") -> None:
        self.press("start", self.rng.uniform(0.2, 0.7), what)

    def stop_while_stopped(self) -> None:
        self.press("stop", self.rng.uniform(0.2, 0.6), "stop_while_stopped")
        self.gap()

    def estop_while_stopped(self) -> None:
        self.estop(True)
        self.run_for(self.rng.uniform(2.0, 3.5))
        self.estop(False)
        self.run_for(self.rng.uniform(1.0, 2.5))
        self.press("reset", self.rng.uniform(0.2, 0.5), "reset")
        self.gap()

    def cycle(self, way: str) -> None:
        """Start, maybe start again, then stop one way."""
        self.start()
        self.gap()
        if self.rng.random() < 0.5:
            self.start("start_again")
            self.gap()
        if way == "stop":
            self.press("stop", self.rng.uniform(0.2, 0.6), "stop")
            self.gap()
        elif way == "start_held_while_stop":
            hold = self.rng.uniform(3.0, 4.0)
            self.press("start", hold, "start_held")
            self.run_for(self.rng.uniform(1.0, 2.0))
            self.press("stop", hold, "stop_while_start_held")
            self.run_for(hold + 1.0)
            self.gap()
        else:  # E-stop while running; start before the reset; reset
            self.estop(True)
            self.run_for(self.rng.uniform(2.0, 3.5))
            self.estop(False)
            self.run_for(self.rng.uniform(1.5, 2.5))
            self.press("start", self.rng.uniform(0.2, 0.5), "start_before_reset")
            self.run_for(self.rng.uniform(2.0, 3.0))
            self.press("reset", self.rng.uniform(0.2, 0.5), "reset")
            self.gap()

    def fault(self, belt: str) -> None:
        """Start; a jam trips an overload relay (mostly the jammed belt's); start during the trip; it resets itself.

        Parts held back behind a jam on conveyor2 may pile onto conveyor1 and trip its relay first: whichever
        trips is the fault. A jam that trips nothing in ``TRIP_WITHIN`` s is ended by a stop.
        """
        plant = self.plant
        self.start()
        self.run_for(self.rng.uniform(2.0, 5.0))
        record = self.jam(belt)
        if self.rng.random() < 0.5:
            self.run_for(self.rng.uniform(4.0, 10.0))
            self.start("start_again")
        if not self.wait(lambda: plant.conveyor1.overload or plant.conveyor2.overload, TRIP_WITHIN):
            self.end_jam(record, belt, self.now + 1.0)
            self.press("stop", self.rng.uniform(0.2, 0.6), "stop")
            self.gap()
            return
        self.end_jam(record, belt, self.now + self.rng.uniform(3.0, 8.0))
        self.run_for(self.rng.uniform(2.0, 6.0))
        self.start("start_in_fault")
        self.wait(lambda: not (plant.conveyor1.overload or plant.conveyor2.overload), 300.0)
        self.gap()


def plan_stack_light(rng: random.Random, base: Scenario, seed: int) -> Episode:
    """The hidden ``stack_light`` run of one seed: operator actions and jams, placed on a played run."""
    scenario = base.model_copy(
        update={"feeder": base.feeder.model_copy(update={"run": True, "interval": FEED_INTERVAL}), "actions": []}
    )
    planner = _Planner(scenario, seed, rng)
    planner.run_for(rng.uniform(1.0, 6.0))
    stopped = [planner.stop_while_stopped, planner.estop_while_stopped]
    rng.shuffle(stopped)
    stopped[0]()
    segments: list[Callable[[], None]] = [
        lambda: planner.cycle("stop"),
        lambda: planner.cycle("start_held_while_stop"),
        lambda: planner.cycle("estop"),
        lambda: planner.fault("conveyor1"),
        lambda: planner.fault("conveyor2"),
        stopped[1],
    ]
    rng.shuffle(segments)
    for segment in segments:
        segment()
    for belt in ("conveyor1", "conveyor2"):  # each belt's relay trips in every run (at most two more tries)
        for _ in range(2):
            if not planner.tripped(belt):
                planner.fault(belt)
    planner.start()
    planner.gap()
    planner.press("stop", rng.uniform(0.2, 0.6), "stop")
    planner.run_for(2.0)
    faults = base.faults.model_copy(update={"schedule": planner.faults})
    final = scenario.model_copy(update={"actions": planner.actions, "faults": faults})
    return Episode(final, round(planner.now, 2), {"events": planner.events})


class StackLightJudge(SealInJudge):
    """``seal_in`` with a motor fault (overload) and green / amber / red."""

    _fail_output = JogJudge._missing

    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        super().__init__(plant, episode, run)
        self.recorder = Recorder(plant, INPUTS + FAULTS + OUTPUTS)

    def fault(self) -> list[bool]:
        c = self.recorder.columns()
        return [bool(a or b) for a, b in zip(c["conveyor1.overload"], c["conveyor2.overload"], strict=True)]

    def expected(self) -> list[bool]:
        c = self.recorder.columns()
        expected = []
        run = False
        for start, stop, ok, fault in zip(
            c["panel.start"], c["panel.stop"], c["panel.safety_ok"], self.fault(), strict=True
        ):
            run = ok and not stop and not fault and (start or run)
            expected.append(run)
        return expected

    def lamps_expected(self) -> tuple[list[bool], list[bool], list[bool]]:
        """Expected green, amber, red."""
        c = self.recorder.columns()
        green = self.expected()
        red = [not ok or fault for ok, fault in zip(c["panel.safety_ok"], self.fault(), strict=True)]
        amber = [not g and not r for g, r in zip(green, red, strict=True)]
        return green, amber, red

    def trace(self) -> Trace:
        c = self.recorder.columns()
        green, amber, red = self.lamps_expected()
        return Trace(
            self.recorder.t,
            {name: c[name] for name in INPUTS + FAULTS if name != "panel.estop"},
            {name: c[name] for name in OUTPUTS},
            {
                "conveyor1.run": green,
                "conveyor2.run": green,
                "stack_light.green": green,
                "stack_light.amber": amber,
                "stack_light.red": red,
            },
            [f.t for f in self.findings if f.t is not None],
        )

    def finish(self) -> list[Finding]:
        c = self.recorder.columns()
        t = self.recorder.t
        inputs_changed = changes(*(c[name] for name in INPUTS + FAULTS))
        run1, run2 = c["conveyor1.run"], c["conveyor2.run"]
        expected = self.expected()
        if self._open_loop(run1, inputs_changed):
            return self.findings
        if not any(run1) and any(run2):
            run1 = run2
        bad = mismatches(run1, expected, inputs_changed, GRACE)
        if bad:
            k = bad[0][0]
            if not self._explain_fault(k, run1):
                self._explain_run(k, run1, expected)
            return self.findings
        if run1 is not c["conveyor1.run"]:
            self._fail_output("conveyor1.run", "conveyor2.run", t[rising(expected)[0]])
            return self.findings
        bad = mismatches(run2, expected, inputs_changed, GRACE)
        if bad:
            self._fail_output("conveyor2.run", "conveyor1.run", t[bad[0][0]])
            return self.findings
        self._three_lamps(inputs_changed)
        return self.findings

    # --- the run command and the fault -------------------------------------------------------------------
    def _explain_fault(self, k: int, run: list[bool]) -> bool:
        """Explain a wrong run command that has to do with a fault; False if it has not."""
        c = self.recorder.columns()
        t = self.recorder.t
        fault = self.fault()
        when_ko, when_en = at(t[k])
        if not run[k]:
            return False
        if fault[k]:
            belt = "conveyor1" if c["conveyor1.overload"][k] else "conveyor2"
            other = "conveyor2" if belt == "conveyor1" else "conveyor1"
            if self._stopped_for(run, c[f"{other}.overload"]):
                self.fail(
                    "fault_one_belt",
                    f"{when_ko} {belt}.overload가 1(과부하 계전기 동작)인데 운전 명령이 켜져 있습니다: "
                    f"{other}의 과부하에서는 멈췄습니다.",
                    f"{belt}.overload was 1 (the overload relay had tripped) {when_en} and the run command stayed on; "
                    f"for {other}'s overload it did stop",
                    "두 컨베이어의 과부하(conveyor1.overload, conveyor2.overload)를 모두 고장으로 보세요.",
                    "treat the overload of both belts (conveyor1.overload and conveyor2.overload) as a fault",
                    t[k],
                    f"{belt}.overload",
                )
            else:
                self.fail(
                    "fault_ignored",
                    f"{when_ko} {belt}.overload가 1(과부하 계전기 동작)인데 운전 명령이 켜져 있습니다: "
                    f"계전기가 식으면 컨베이어가 저절로 다시 돕니다.",
                    f"{belt}.overload was 1 (the overload relay had tripped) {when_en} but the run command stayed on: "
                    f"the belt will start by itself when the relay cools down",
                    "과부하를 정지 버튼처럼 다루어 자기유지를 끊으세요 (and not 고장).",
                    "treat an overload like the stop button and break the seal-in (and not fault)",
                    t[k],
                    f"{belt}.overload",
                )
            return True
        ended = last_before(falling(fault), k)
        if ended is not None and not any(c["panel.start"][ended : k + 1]) and not fault[k]:
            self.fail(
                "restart_after_fault",
                f"과부하 계전기가 식어 복귀하자 {when_ko} 컨베이어가 기동 버튼 없이 다시 돌았습니다.",
                f"when the overload relay had cooled down and reset, the conveyors started again {when_en} without "
                f"anyone pressing start",
                "고장이 나면 운전 상태(자기유지)를 지워서, 복귀 뒤에는 기동 버튼을 다시 기다리게 하세요.",
                "clear the running state (the seal-in) at a fault, so that afterwards the line waits for start",
                t[k],
                "conveyor1.run",
            )
            return True
        return False

    @staticmethod
    def _stopped_for(run: list[bool], overload: list[bool]) -> bool:
        """True if the run command went off soon after some trip of this overload relay."""
        return any(not all(run[s : min(e, s + GRACE + 1)]) for s, e in runs(overload))

    # --- the three lamps -----------------------------------------------------------------------------------
    def _three_lamps(self, inputs_changed: list[int]) -> None:
        c = self.recorder.columns()
        t = self.recorder.t
        green_want, amber_want, red_want = self.lamps_expected()
        green, amber, red = c["stack_light.green"], c["stack_light.amber"], c["stack_light.red"]
        ok, estop = c["panel.safety_ok"], c["panel.estop"]
        bad = mismatches(green, green_want, inputs_changed, GRACE)
        if bad:
            k = bad[0][0]
            when_ko, when_en = at(t[k])
            if green_want[k] and amber[k]:
                self.fail(
                    "amber_for_running",
                    f"{when_ko} 컨베이어가 도는데 녹색등 대신 황색등(stack_light.amber)이 켜졌습니다.",
                    f"{when_en} the conveyors ran with the amber lamp (stack_light.amber) on instead of the green one",
                    "운전 중 표시는 녹색등 stack_light.green입니다.",
                    "running is shown by the green lamp, stack_light.green",
                    t[k],
                    "stack_light.green",
                )
            elif green_want[k]:
                self.fail(
                    "green_off",
                    f"{when_ko} 컨베이어가 도는데 녹색등(stack_light.green)이 꺼져 있습니다.",
                    f"{when_en} the conveyors ran but the green lamp (stack_light.green) was off",
                    "운전 명령과 같은 값을 stack_light.green에 쓰세요.",
                    "write the run command to stack_light.green too",
                    t[k],
                    "stack_light.green",
                )
            else:
                self.fail(
                    "green_on_stopped",
                    f"{when_ko} 컨베이어가 멈춰 있는데 녹색등(stack_light.green)이 켜져 있습니다.",
                    f"{when_en} the conveyors were stopped but the green lamp (stack_light.green) was on",
                    "녹색등에 True만 쓰지 말고 매 스캔 True나 False를 쓰세요: 끄는 줄이 없으면 켜진 채로 남습니다.",
                    "write True or False to the green lamp in every scan: with no line that switches it off it stays on",
                    t[k],
                    "stack_light.green",
                )
            return
        bad = mismatches(red, red_want, inputs_changed, GRACE)
        if bad:
            k = bad[0][0]
            when_ko, when_en = at(t[k])
            if red_want[k] and not ok[k] and not estop[k] and any(r for r, e in zip(red, estop, strict=True) if e):
                self.fail(
                    "red_off_before_reset",
                    f"{when_ko} 비상정지 버튼을 풀었지만 리셋 전인데 적색등(stack_light.red)이 꺼졌습니다.",
                    f"{when_en} the E-stop was released but not yet reset, and the red lamp (stack_light.red) went off",
                    "panel.estop이 아니라 panel.safety_ok로 적색등을 정하세요: 리셋 전까지 False입니다.",
                    "drive the red lamp from panel.safety_ok, not panel.estop: it stays False until the reset",
                    t[k],
                    "panel.safety_ok",
                )
            elif red_want[k] and not ok[k]:
                self.fail(
                    "red_off_in_estop",
                    f"{when_ko} 비상정지 중인데 적색등(stack_light.red)이 꺼져 있습니다.",
                    f"{when_en} the line was in E-stop but the red lamp (stack_light.red) was off",
                    "panel.safety_ok가 False이면 적색등을 켜세요.",
                    "light the red lamp while panel.safety_ok is False",
                    t[k],
                    "stack_light.red",
                )
            elif red_want[k]:
                belt = "conveyor1" if c["conveyor1.overload"][k] else "conveyor2"
                self.fail(
                    "red_off_in_fault",
                    f"{when_ko} {belt}.overload가 1(고장)인데 적색등(stack_light.red)이 꺼져 있습니다.",
                    f"{when_en} {belt}.overload was 1 (a fault) but the red lamp (stack_light.red) was off",
                    "적색등은 비상정지(not panel.safety_ok)와 고장(과부하) 때 켭니다.",
                    "the red lamp is for the E-stop (not panel.safety_ok) and for faults (an overload)",
                    t[k],
                    "stack_light.red",
                )
            else:
                self.fail(
                    "red_stays_on",
                    f"{when_ko} 비상정지도 고장도 없는데 적색등(stack_light.red)이 켜져 있습니다.",
                    f"{when_en} there was neither an E-stop nor a fault, yet the red lamp (stack_light.red) was on",
                    "적색등도 매 스캔 다시 정하세요: 원인이 사라지면 꺼져야 합니다.",
                    "decide the red lamp again in every scan: it goes off when its cause is gone",
                    t[k],
                    "stack_light.red",
                )
            return
        if not any(amber):
            k = next((k for k, want in enumerate(amber_want) if want), 0)
            self.fail(
                "amber_never",
                "황색등(stack_light.amber)이 한 번도 켜지지 않았습니다: 정지·대기 중에는 황색등을 켭니다.",
                "the amber lamp (stack_light.amber) never came on: it shows that the line is stopped and ready",
                "운전도 아니고 적색등도 아닐 때 stack_light.amber를 켜세요.",
                "light stack_light.amber when the line neither runs nor shows red",
                t[k],
                "stack_light.amber",
            )
            return
        bad = mismatches(amber, amber_want, inputs_changed, GRACE)
        if bad:
            k = bad[0][0]
            when_ko, when_en = at(t[k])
            if amber[k] and green_want[k]:
                self.fail(
                    "amber_while_running",
                    f"{when_ko} 컨베이어가 도는데 황색등(stack_light.amber)도 켜져 있습니다: 녹색등과 황색등이 함께 켜졌습니다.",
                    f"{when_en} the conveyors ran and the amber lamp (stack_light.amber) was on too: green and amber at once",
                    "황색등은 운전 중이 아닐 때만 켜세요.",
                    "light the amber lamp only when the line does not run",
                    t[k],
                    "stack_light.amber",
                )
            elif amber[k]:
                self.fail(
                    "two_lamps",
                    f"{when_ko} 적색등과 황색등(stack_light.amber)이 함께 켜졌습니다: 비상정지·고장 때는 적색등만 켭니다.",
                    f"{when_en} the red and the amber lamp (stack_light.amber) were on at once: an E-stop or a fault "
                    f"shows red only",
                    "황색등의 조건에 적색등이 아닐 때(and not 적색)를 넣으세요.",
                    "add 'and not red' to the amber lamp's condition",
                    t[k],
                    "stack_light.amber",
                )
            else:
                self.fail(
                    "amber_off_stopped",
                    f"{when_ko} 라인이 정지·대기 중인데 황색등(stack_light.amber)이 꺼져 있습니다.",
                    f"{when_en} the line was stopped and ready but the amber lamp (stack_light.amber) was off",
                    "운전도 아니고 비상정지·고장도 아니면 황색등을 켜 두세요.",
                    "keep the amber lamp on while the line neither runs nor is in E-stop or fault",
                    t[k],
                    "stack_light.amber",
                )


@register
class StackLight(BehaviourCheck):
    """Seal-in with an overload fault, and the stack light: green running, amber stopped, red E-stop/fault."""

    name = "stack_light"
    title = (
        "타워램프: 녹색등 운전, 황색등 정지·대기, 적색등 비상정지·고장",
        "stack light: green running, amber stopped, red E-stop or fault",
    )
    scenario = "conveyor"
    count = 6

    def episode(self, rng: random.Random, base: Scenario, seed: int = 0) -> Episode:
        return plan_stack_light(rng, base, seed)

    def plant_for(self, seed: int) -> tuple[Plant, Episode]:
        rng = random.Random(f"{self.name}|{seed}")
        episode = self.episode(rng, load_scenario(self.scenario), seed)
        return Plant(episode.scenario, seed=seed), episode

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return StackLightJudge(plant, episode, run)


__all__ = ["Jog", "SealInStop", "StackLight", "jog_actions", "plan_stack_light", "seal_in_stop_actions"]
