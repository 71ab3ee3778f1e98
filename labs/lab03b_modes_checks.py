"""Checks of lab 3-2 (``modes_interlocks``): manual/auto, start order with an interlock, a CTU batch.

* ``manual_auto`` (labs-plan 3-5): ``panel.auto`` chooses the mode. Manual (0)
  is jogging: the belts run only while start is held. Auto (1) is the seal-in
  with stop priority. Turning the selector stops the line, whatever the mode:
  the line then waits for start in the new mode (it never keeps running, never
  starts by itself).
* ``start_order`` (3-6): start conveyor2, then conveyor1 1 s later, then the
  feeder 1 s after that; stop in reverse (feeder, 1 s, conveyor1, 1 s,
  conveyor2). The feeder runs only while conveyor1 turns: its *running
  feedback* ``conveyor1.running``, not the run command. Some hidden runs stop
  conveyor1's motor (a jam trips its overload relay) or make its running
  signal read 0 (a stuck feedback contact) while the command stays on.
* ``batch_count`` (3-8): count the parts the feeder places (the infeed
  photo-eye, a rising edge per part: ``plc.CTU``); after ``BATCH`` = 5 parts
  stop the feeder and light the amber lamp; ``panel.reset`` clears the
  counter for the next batch.

Every check plays the operator on hidden runs (6 seeds) at times drawn from
the seed (every event moved by more than ±2 s from one seed to the next) and
judges what the controller wrote, scan by scan, against what it read.
Where more than one answer is right (how long a 1-s step may take, what the
line does after its motor failed) the expected value is ``None``: anything goes.

Findings, the first of the failing run (outputs that ignore the inputs,
``open_loop``, always first):

* ``manual_auto``: ``inverted_mode``, ``manual_sealed`` (mode ignored, always a
  seal-in), ``auto_not_sealed`` (mode ignored, always a jog),
  ``keeps_running_in_manual``, ``restart_on_mode_change``, then the seal-in's
  own (``stop_ignored``, ``estop_not_safety``, ``restart_after_reset`` ...).
* ``start_order``: ``feeder_without_running`` (the command, not the feedback),
  ``all_at_once``, ``wrong_order``, ``too_soon``, ``too_slow``,
  ``no_reverse_stop``, ``stop_wrong_order``, ``stop_too_fast``,
  ``stop_too_slow``, ``restarts_after_stop`` (sealed in on an output),
  ``estop_ignored`` ...
* ``batch_count``: ``counted_level``, ``one_too_many``, ``too_few``,
  ``too_many``, ``feeder_not_stopped``, ``not_reset``,
  ``count_cleared_by_start``, ``wrong_eye``, ``no_amber``,
  ``amber_while_feeding`` ...
"""

from __future__ import annotations

import copy
import random
from collections.abc import Sequence
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
from factorylab.plant.scenario import Action, ConveyorSettings, FaultSettings, FeederSettings, ScheduledFault

#: scan time of every hidden run, s
SCAN = 0.05
#: scans a controller may lag behind its inputs (0.3 s)
GRACE = 6
#: scans after a button within which an output change counts as its answer (0.6 s)
CAUSE = 12


def _press(at_: float, button: str, hold: float) -> Action:
    return Action(at=round(at_, 2), press=button, hold=round(hold, 2))


def _scans(seconds: float) -> int:
    return round(seconds / SCAN)


def _recent(indices: Sequence[int], k: int, window: int) -> bool:
    """True if one of ``indices`` lies in [k - window, k]."""
    last = last_before(indices, k)
    return last is not None and k - last <= window


def _intent(start: Sequence[bool], stop: Sequence[bool], ok: Sequence[bool]) -> list[bool]:
    """What the operator asked for, scan by scan: the seal-in with stop priority and the safety relay."""
    on = False
    found = []
    for pressed, stopped, safe in zip(start, stop, ok, strict=True):
        on = bool(safe and not stopped and (pressed or on))
        found.append(on)
    return found


def _first_change(signal: Sequence[bool], start: int, value: bool, end: int | None = None) -> int | None:
    """The first scan from ``start`` (up to ``end``) where ``signal`` becomes ``value`` (or already is)."""
    stop = len(signal) if end is None else min(end, len(signal))
    for k in range(max(start, 0), stop):
        if bool(signal[k]) == value:
            return k
    return None


def _open_loop_text(judge: Judge, t: float, tag: str, on: bool, inputs_ko: str, inputs_en: str) -> None:
    """Say that ``tag`` switched at ``t`` (s) with no input to answer: the outputs follow a timetable."""
    what = "켜졌습니다" if on else "꺼졌습니다"
    what_en = "came on" if on else "went off"
    when_ko, when_en = at(t)
    judge.fail(
        "open_loop",
        f"아무도 버튼을 누르지 않았는데 {when_ko} {tag}이 {what}: 출력이 입력(버튼, 센서)을 따르지 않고 시간표대로 움직입니다.",
        f"{tag} {what_en} {when_en} although nobody touched a button: your outputs do not follow the inputs "
        f"(buttons, sensors), they follow a timetable",
        f"시간이나 개수가 아니라 입력({inputs_ko})을 읽어서 출력을 정하세요.",
        f"decide the outputs from {inputs_en}, not from the time",
        t,
        tag,
    )


# =====================================================================================================
# manual_auto (3-5)
# =====================================================================================================

MA_INPUTS = ("panel.start", "panel.stop", "panel.reset", "panel.estop", "panel.safety_ok", "panel.auto")
MA_OUTPUTS = ("conveyor1.run", "conveyor2.run")


def manual_auto_actions(rng: random.Random) -> tuple[list[Action], float, dict[str, Any]]:
    """The operator's actions of one hidden ``manual_auto`` run, its length (s) and its script.

    Blocks, shuffled: two jogs in manual, a run and a stop in auto, a run in
    auto ended by turning the selector to manual, and an E-stop while running
    in auto (start pressed after the release, before the reset). The selector is turned (while stopped)
    wherever the next block needs the other mode, and back to auto before the
    end; a switch is followed by 2.5-5 s of nothing, so a line that starts by
    itself shows. One jog comes before the run ended by the selector, so it
    starts from a stopped line. Every gap is drawn from 2.5-5 s.
    """
    actions: list[Action] = []
    mode = rng.choice(("auto", "manual"))
    if mode == "manual":
        actions.append(Action(at=0.0, mode="manual"))
    t = rng.uniform(1.5, 4.5)
    script: dict[str, Any] = {"first_mode": mode, "blocks": []}

    def gap() -> float:
        return rng.uniform(2.5, 5.0)

    def switch(to: str) -> None:
        nonlocal t, mode
        actions.append(Action(at=round(t, 2), mode=to))
        mode = to
        t += gap()

    def start(hold: float) -> None:
        actions.append(_press(t, "start", hold))

    def jog() -> None:
        nonlocal t
        hold = rng.uniform(1.0, 3.0)
        start(hold)
        t += hold + gap()

    def auto_run() -> None:
        nonlocal t
        start(rng.uniform(0.2, 0.7))
        t += rng.uniform(3.0, 5.0)
        if rng.random() < 0.5:  # start again while running: keeps running
            start(rng.uniform(0.2, 0.5))
            t += rng.uniform(2.5, 4.0)
        actions.append(_press(t, "stop", rng.uniform(0.2, 0.6)))
        t += gap()

    def switch_while_running() -> None:
        nonlocal t
        start(rng.uniform(0.2, 0.7))
        t += rng.uniform(3.0, 5.0)
        switch("manual")

    def estop() -> None:
        nonlocal t
        start(rng.uniform(0.2, 0.7))
        t += rng.uniform(3.0, 4.5)
        actions.append(Action(at=round(t, 2), estop="pushed"))
        t += rng.uniform(2.0, 3.5)
        actions.append(Action(at=round(t, 2), estop="released"))
        t += rng.uniform(1.5, 2.5)
        start(rng.uniform(0.2, 0.5))  # before the reset: the safety relay is still off
        t += rng.uniform(2.0, 3.0)
        actions.append(_press(t, "reset", rng.uniform(0.2, 0.5)))
        t += gap()

    blocks = {"jog": ("manual", jog), "auto_run": ("auto", auto_run), "switch": ("auto", switch_while_running)}
    blocks["estop"] = ("auto", estop)
    order = ["jog", "jog", "auto_run", "switch", "estop"]
    rng.shuffle(order)
    if order.index("jog") > order.index("switch"):  # one jog from a stopped line before any switch while running
        first, switch_at = order.index("jog"), order.index("switch")
        order[first], order[switch_at] = order[switch_at], order[first]
    for name in order:
        needs, play = blocks[name]
        if mode != needs:
            switch(needs)
        play()
        script["blocks"].append(name)
    if mode != "auto":
        switch("auto")
    start(rng.uniform(0.2, 0.7))
    return actions, round(t + 3.0, 1), script


def manual_auto_expected(
    start: Sequence[bool], stop: Sequence[bool], ok: Sequence[bool], auto: Sequence[bool]
) -> list[bool]:
    """The run command, scan by scan: jog in manual, seal-in in auto, stopped by every turn of the selector."""
    expected = []
    latch = False
    mode = auto[0] if auto else True
    for pressed, stopped, safe, automatic in zip(start, stop, ok, auto, strict=True):
        if automatic != mode:
            mode = automatic
            latch = False
        if not safe or stopped:
            latch = False
            run = False
        elif automatic:
            latch = bool(pressed or latch)
            run = latch
        else:
            latch = False
            run = bool(pressed)
        expected.append(run)
    return expected


#: the order in which the kinds of mistake of one run are told (the most telling first)
MA_ORDER = (
    "inverted_mode",
    "manual_sealed",
    "auto_not_sealed",
    "keeps_running_in_manual",
    "restart_on_mode_change",
)


class ManualAutoJudge(Judge):
    wants_steps = False

    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        super().__init__(plant, episode, run)
        self.recorder = Recorder(plant, MA_INPUTS + MA_OUTPUTS)

    def after_scan(self, t: float) -> None:
        self.recorder.sample(t)

    def expected(self) -> list[bool]:
        c = self.recorder.columns()
        return manual_auto_expected(c["panel.start"], c["panel.stop"], c["panel.safety_ok"], c["panel.auto"])

    def trace(self) -> Trace:
        c = self.recorder.columns()
        expected = self.expected()
        return Trace(
            self.recorder.t,
            {name: c[name] for name in ("panel.auto", "panel.start", "panel.stop", "panel.safety_ok")},
            {name: c[name] for name in MA_OUTPUTS},
            {name: expected for name in MA_OUTPUTS},
            [f.t for f in self.findings if f.t is not None],
        )

    def finish(self) -> list:
        c = self.recorder.columns()
        run1, run2 = c["conveyor1.run"], c["conveyor2.run"]
        expected = self.expected()
        inputs_changed = changes(*(c[name] for name in MA_INPUTS))
        driven = run1 if any(run1) or not any(run2) else run2
        if self._open_loop(driven, "conveyor1.run" if driven is run1 else "conveyor2.run", inputs_changed):
            return self.findings
        bad = mismatches(driven, expected, inputs_changed, GRACE)
        if bad:
            self._explain(bad, driven, "conveyor1.run" if driven is run1 else "conveyor2.run")
            return self.findings
        missing, other = ("conveyor1.run", run1) if driven is run2 else ("conveyor2.run", run2)
        bad = mismatches(other, expected, inputs_changed, GRACE)
        if bad:
            k = bad[0][0]
            first = next((j for j, e in enumerate(expected) if e), k)
            when = self.recorder.t[min(k, first)]
            driver = "conveyor2.run" if missing == "conveyor1.run" else "conveyor1.run"
            self.fail(
                f"{missing.split('.')[0]}_missing",
                f"{driver}만 모드와 버튼을 따르고 {missing}은 따라오지 않습니다 ({when:.1f}초부터).",
                f"only {driver} follows the mode and the buttons; {missing} does not (from {when:.1f} s)",
                f"{missing}에도 같은 운전 명령을 쓰세요.",
                f"write the same run command to {missing} too",
                when,
                missing,
            )
        return self.findings

    def _open_loop(self, output: list[bool], tag: str, inputs_changed: list[int]) -> bool:
        """Fail when the output switches at least twice with no input change just before."""
        t = self.recorder.t
        unexplained = []
        for k in sorted(rising(output) + falling(output)):
            last = last_before(inputs_changed, k)
            if k == 0 or last is None or last == 0 or k - last > CAUSE:
                unexplained.append(k)
        if len(unexplained) < 2:
            return False
        k = unexplained[0] if unexplained[0] > 0 else unexplained[1]
        _open_loop_text(
            self,
            t[k],
            tag,
            bool(output[k]),
            "panel.start, panel.stop, panel.auto",
            "panel.start, panel.stop and panel.auto",
        )
        return True

    # --- what kind of mistake -------------------------------------------------------------------------
    def _kind(self, k: int, run: list[bool]) -> str:
        c = self.recorder.columns()
        start, stop, auto = c["panel.start"], c["panel.stop"], c["panel.auto"]
        ok, estop, reset = c["panel.safety_ok"], c["panel.estop"], c["panel.reset"]
        switches = [j for j in range(1, len(auto)) if auto[j] != auto[j - 1]]
        releases = falling(start)
        presses = rising(start)
        if run[k]:  # on when it should be off
            if not ok[k]:
                return "estop_ignored" if estop[k] else "estop_not_safety"
            if not auto[k]:
                switch = last_before(switches, k)
                if switch is not None and k - switch <= GRACE and k > 0 and run[k - 1]:
                    return "keeps_running_in_manual"
                press = last_before(presses, k)
                if _recent(releases, k, GRACE) and press is not None and (press == 0 or not run[press - 1]):
                    return "manual_sealed"
                if switch is not None and all(run[switch - 1 : k + 1]):
                    return "keeps_running_in_manual"
            else:
                switch = last_before(switches, k)
                if switch is not None and k - switch <= CAUSE and not any(start[switch : k + 1]):
                    return "restart_on_mode_change"
                if _recent(rising(reset), k, 2 * CAUSE) or _recent(rising(ok), k, 2 * CAUSE):
                    return "restart_after_reset"
            if stop[k] or _recent(rising(stop), k, CAUSE) or _recent(falling(stop), k, CAUSE):
                return "stop_ignored"
            if not presses or k < presses[0]:
                return "on_before_start"
            return "on_without_start"
        # off when it should be on
        if auto[k]:
            if _recent(releases, k, GRACE):
                return "auto_not_sealed"
            press = last_before(presses, k)
            if press is not None and not any(run[press : k + 1]):
                return "no_start"
            return "off_without_stop"
        return "no_jog"

    def _explain(self, bad: list[tuple[int, int]], run: list[bool], tag: str) -> None:
        kinds: dict[str, int] = {}
        for begin, _ in bad:
            kinds.setdefault(self._kind(begin, run), begin)
        if "manual_sealed" in kinds and "auto_not_sealed" in kinds:
            kinds = {"inverted_mode": min(kinds["manual_sealed"], kinds["auto_not_sealed"]), **kinds}
        chosen = next((kind for kind in MA_ORDER if kind in kinds), next(iter(kinds)))
        self._tell(chosen, kinds[chosen], run, tag)

    def _tell(self, kind: str, k: int, run: list[bool], tag: str) -> None:
        t = self.recorder.t
        now = t[k]
        when_ko, when_en = at(now)
        texts = {
            "inverted_mode": (
                f"자동 모드에서는 기동 버튼을 떼자 멈추고 수동 모드에서는 계속 돕니다 (처음은 {now:.1f}초): 모드를 거꾸로 읽었습니다.",
                f"in auto the belts stop when start is let go, in manual they keep running (first {when_en}): you read "
                f"the mode the wrong way round",
                "panel.auto가 1(True)이면 자동(자기유지), 0(False)이면 수동(인칭)입니다.",
                "panel.auto = 1 (True) is auto (seal-in), 0 (False) is manual (jog)",
                "panel.auto",
            ),
            "manual_sealed": (
                f"{when_ko} 수동 모드(panel.auto = 0)에서 기동 버튼을 뗐는데 컨베이어가 계속 돕니다: 수동은 누르는 동안만 도는 인칭(촌동) 운전입니다.",
                f"{when_en} in manual (panel.auto = 0) start was let go but the belts kept running: manual is jogging, "
                f"running only while the button is held",
                "panel.auto가 0이면 자기유지 없이 panel.start를 그대로 출력에 쓰세요.",
                "when panel.auto is 0, write panel.start straight to the outputs, without a seal-in",
                "panel.auto",
            ),
            "auto_not_sealed": (
                f"{when_ko} 자동 모드(panel.auto = 1)에서 기동 버튼을 떼자 컨베이어가 멈췄습니다: 자동에서는 자기유지가 필요합니다.",
                f"{when_en} in auto (panel.auto = 1) the belts stopped when start was let go: auto needs a seal-in",
                "panel.auto가 1일 때는 자기유지 회로로 운전 상태를 기억하세요.",
                "when panel.auto is 1, remember the running state with a seal-in",
                "panel.auto",
            ),
            "keeps_running_in_manual": (
                f"운전 중 {when_ko} 모드를 수동으로 바꿨는데 컨베이어가 계속 돕니다: 수동에서는 누르는 동안만 돌아야 합니다.",
                f"{when_en} the selector was turned to manual while running and the belts kept running: in manual they "
                f"run only while start is held",
                "모드가 바뀌면 자기유지를 끊어 멈추고, 새 모드에서 기동을 기다리게 하세요.",
                "when the mode changes, break the seal-in so the line stops and waits for start in the new mode",
                "panel.auto",
            ),
            "restart_on_mode_change": (
                f"{when_ko} 모드를 자동으로 바꾸자 아무도 기동을 누르지 않았는데 컨베이어가 저절로 돌았습니다.",
                f"{when_en} the selector was turned to auto and the belts started by themselves, with nobody pressing start",
                "수동으로 바꿀 때 자기유지 기억(m['run'])도 지우세요: 모드를 바꾸면 언제나 멈춘 상태에서 시작합니다.",
                "clear the seal-in memory (m['run']) when the mode changes: after every change the line starts stopped",
                "panel.auto",
            ),
            "estop_ignored": (
                f"비상정지로 안전 릴레이가 차단됐는데(OFF) {when_ko} 운전 명령({tag})이 켜져 있습니다.",
                f"the E-stop tripped the safety relay, yet the run command ({tag}) was on {when_en}",
                "panel.safety_ok가 False이면 모든 출력을 끄세요.",
                "switch every output off while panel.safety_ok is False",
                "panel.safety_ok",
            ),
            "estop_not_safety": (
                f"비상정지를 풀었지만 리셋 전이라 안전 릴레이가 꺼져 있는데 {when_ko} 운전 명령({tag})이 켜졌습니다.",
                f"the E-stop was released but not reset, so the safety relay was still off, and the run command ({tag}) "
                f"came on {when_en}",
                "panel.estop이 아니라 panel.safety_ok를 보세요: 리셋 전까지 False입니다.",
                "use panel.safety_ok, not panel.estop: it stays False until the reset",
                "panel.safety_ok",
            ),
            "restart_after_reset": (
                f"비상정지를 풀고 리셋하자 {when_ko} 컨베이어가 저절로 다시 돌았습니다.",
                f"after the E-stop was reset the belts restarted by themselves {when_en}",
                "비상정지 때 운전 기억을 지워서, 리셋 뒤에는 기동 버튼을 다시 기다리게 하세요.",
                "forget the running state at the E-stop, so after the reset the line waits for start",
                tag,
            ),
            "stop_ignored": (
                f"{when_ko} 정지 버튼을 눌렀는데 컨베이어가 멈추지 않았습니다 ({tag}).",
                f"stop was pressed {when_en} but the belts kept running ({tag})",
                "panel.stop이 눌리면 자동이든 수동이든 출력을 끄세요.",
                "switch the outputs off when panel.stop is pressed, in either mode",
                "panel.stop",
            ),
            "on_before_start": (
                f"기동 버튼을 누르기 전인데 {when_ko} 컨베이어 운전 명령({tag})이 켜졌습니다.",
                f"the run command ({tag}) came on {when_en} before anyone pressed start",
                "기동 버튼(panel.start)을 누르기 전에는 출력을 꺼 두세요.",
                "keep the outputs off until start (panel.start) is pressed",
                tag,
            ),
            "on_without_start": (
                f"아무도 기동을 누르지 않았는데 {when_ko} 컨베이어가 켜졌습니다 ({tag}).",
                f"the belts came on {when_en} although nobody pressed start ({tag})",
                "기동 버튼(panel.start)이 눌렸을 때만 켜세요.",
                "switch them on only when start (panel.start) is pressed",
                tag,
            ),
            "no_start": (
                f"{when_ko} 자동 모드에서 기동 버튼을 눌렀는데 컨베이어가 켜지지 않았습니다 ({tag}).",
                f"start was pressed in auto {when_en} but the belts did not start ({tag})",
                "panel.auto가 1일 때 panel.start가 눌리면 conveyor1.run과 conveyor2.run을 켜세요.",
                "when panel.auto is 1 and panel.start is pressed, switch conveyor1.run and conveyor2.run on",
                tag,
            ),
            "off_without_stop": (
                f"아무도 정지를 누르지 않았고 모드도 그대로인데 {when_ko} 컨베이어가 멈췄습니다 ({tag}).",
                f"the belts stopped {when_en} although nobody pressed stop or turned the selector ({tag})",
                "자동에서는 정지 버튼, 비상정지, 모드 전환이 아니면 계속 돌게 하세요.",
                "in auto keep running until stop, an E-stop or a turn of the selector",
                tag,
            ),
            "no_jog": (
                f"{when_ko} 수동 모드에서 기동 버튼을 누르고 있는데 컨베이어가 돌지 않습니다 ({tag}).",
                f"{when_en} start was held in manual but the belts did not run ({tag})",
                "수동(panel.auto = 0)에서는 panel.start가 눌려 있는 동안 출력을 켜세요.",
                "in manual (panel.auto = 0) switch the outputs on while panel.start is held",
                tag,
            ),
        }
        ko, en, next_ko, next_en, about = texts[kind]
        self.fail(kind, ko, en, next_ko, next_en, now, about)


@register
class ManualAuto(BehaviourCheck):
    """Manual = jog, auto = seal-in; turning the selector stops the line and never starts it."""

    name = "manual_auto"
    title = (
        "수동/자동 운전: 수동은 인칭, 자동은 자기유지, 모드 전환 시 정지",
        "manual/auto: manual jogs, auto seals in, a mode change stops the line",
    )
    scenario = "conveyor"
    count = 6

    def episode(self, rng: random.Random, base: Scenario) -> Episode:
        actions, seconds, script = manual_auto_actions(rng)
        return Episode(base.model_copy(update={"actions": actions}), seconds, script)

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return ManualAutoJudge(plant, episode, run)


# =====================================================================================================
# start_order (3-6)
# =====================================================================================================

SO_INPUTS = (
    "panel.start",
    "panel.stop",
    "panel.reset",
    "panel.estop",
    "panel.safety_ok",
    "conveyor1.running",
    "conveyor2.running",
    "conveyor1.overload",
)
#: the outputs in the order they start
SO_OUTPUTS = ("conveyor2.run", "conveyor1.run", "feeder.run")
#: a 1-s step of the sequence may take from STEP_MIN to STEP_MAX scans (0.8-1.6 s)
STEP_MIN = 16
STEP_MAX = 32
#: scans after a start (or a stop) within which a mistake is told as a mistake of the sequence (4 s)
WINDOW = 80
#: what each hidden run adds to the plain start/stop cycles; the first seed of a list is ``plain``
SO_ROLES = ("plain", "stuck", "jam", "estop", "restart")

_SHORT = {"conveyor2.run": "conveyor2", "conveyor1.run": "conveyor1", "feeder.run": "feeder"}


def start_order_plan(rng: random.Random, role: str) -> tuple[list[Action], list[ScheduledFault], float, dict[str, Any]]:
    """The operator's actions, the faults, the length (s) and the script of one hidden ``start_order`` run.

    Every run: (maybe a stop while stopped), a start, 6-9 s of running (start
    pressed again in half of them), a stop, then the role's own part, then a
    last start. Roles: ``plain`` / ``restart`` (a second plain cycle), ``stuck``
    (``conveyor1.running`` stuck at 0 for 2.5-5 s while running: the motor
    turns but its feedback says it does not), ``jam`` (a part jams on
    conveyor1; its overload relay trips about 26-30 s later and resets itself
    about 45 s after that; the operator stops, clears the jam and starts again
    while the relay is still tripped), ``estop`` (an E-stop while running,
    released and reset with no restart).
    """
    actions: list[Action] = []
    faults: list[ScheduledFault] = []
    script: dict[str, Any] = {"role": role}
    t = rng.uniform(1.5, 4.5)

    def press(button: str) -> None:
        actions.append(_press(t, button, rng.uniform(0.2, 0.6)))

    if rng.random() < 0.5:
        press("stop")
        t += rng.uniform(2.5, 4.0)

    def cycle(again: bool) -> None:
        nonlocal t
        press("start")
        t += rng.uniform(6.0, 9.0)
        if again:
            press("start")
            t += rng.uniform(2.5, 4.0)
        press("stop")
        t += rng.uniform(4.5, 6.5)

    cycle(rng.random() < 0.5)
    if role in ("plain", "restart"):
        cycle(True)
    elif role == "stuck":
        press("start")
        t += rng.uniform(5.0, 8.0)
        lasts = round(rng.uniform(2.5, 5.0), 2)
        faults.append(
            ScheduledFault(at=round(t, 2), kind="sensor_stuck_off", target="conveyor1.running", duration=lasts)
        )
        script["stuck"] = (round(t, 2), lasts)
        t += lasts + rng.uniform(2.0, 4.0)
        press("stop")
        t += rng.uniform(4.5, 6.5)
    elif role == "jam":
        press("start")
        t += rng.uniform(4.0, 7.0)
        jam_at = round(t, 2)
        t += rng.uniform(38.0, 41.0)  # the overload relay trips about 26-30 s after the jam
        press("stop")
        faults.append(ScheduledFault(at=jam_at, kind="jam", target="conveyor1", duration=round(t - jam_at + 0.5, 2)))
        script["jam"] = jam_at
        t += rng.uniform(3.0, 5.0)
        press("start")  # the relay is still tripped: conveyor1 cannot turn, the feeder must wait
        t = max(t + rng.uniform(6.0, 9.0), jam_at + rng.uniform(80.0, 83.0))  # it resets on its own meanwhile
        press("stop")
        t += rng.uniform(4.5, 6.5)
    elif role == "estop":
        press("start")
        t += rng.uniform(4.0, 7.0)
        actions.append(Action(at=round(t, 2), estop="pushed"))
        t += rng.uniform(2.0, 3.5)
        actions.append(Action(at=round(t, 2), estop="released"))
        t += rng.uniform(1.0, 2.5)
        press("reset")
        t += rng.uniform(3.0, 5.0)
    press("start")
    t += rng.uniform(5.0, 7.0)
    return actions, faults, round(t, 1), script


def roles_for(name: str, seeds: Sequence[int], roles: Sequence[str]) -> dict[int, str]:
    """The role of each seed of a list: the first plays ``roles[0]``, the others the rest, shuffled (cycled)."""
    rest = list(roles[1:])
    random.Random(f"{name}|roles|{','.join(map(str, seeds))}").shuffle(rest)
    found: dict[int, str] = {}
    for index, seed in enumerate(seeds):
        found.setdefault(seed, roles[0] if index == 0 else rest[(index - 1) % len(rest)])
    return found


class StartOrderJudge(Judge):
    wants_steps = False

    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        super().__init__(plant, episode, run)
        self.recorder = Recorder(plant, SO_INPUTS + SO_OUTPUTS)
        self._expected: dict[str, list[bool | None]] | None = None

    def after_scan(self, t: float) -> None:
        self.recorder.sample(t)

    # --- what was expected ------------------------------------------------------------------------------
    def expected(self) -> dict[str, list[bool | None]]:
        """Each output's expected value per scan (None: either), from the inputs and the other outputs' timing."""
        if self._expected is not None:
            return self._expected
        c = self.recorder.columns()
        ok, feedback, overload = c["panel.safety_ok"], c["conveyor1.running"], c["conveyor1.overload"]
        on = self.intent = _intent(c["panel.start"], c["panel.stop"], ok)
        c2, c1, feeder = (c[name] for name in SO_OUTPUTS)
        n = len(on)
        e2: list[bool | None] = [False] * n
        e1: list[bool | None] = [False] * n
        ef: list[bool | None] = [False] * n
        rose = {"c2": -1, "c1": -1, "f": -1}
        fell = {"c2": -1, "c1": -1, "f": -1}
        self.cycle = [-1] * n  # scan of the start of the cycle each scan belongs to
        self.stopped_at = [-1] * n  # scan of the stop each scan follows (-1: none yet, or running)
        self.dropout = [False] * n
        cycle = stop_at = -1
        tripped = dropout = False
        was = {"c2": False, "c1": False, "f": False}
        for k in range(n):
            for key, signal in (("c2", c2), ("c1", c1), ("f", feeder)):
                if signal[k] and (k == 0 or not signal[k - 1]):
                    rose[key] = k
                if not signal[k] and k > 0 and signal[k - 1]:
                    fell[key] = k
            if on[k] and (k == 0 or not on[k - 1]):
                cycle, stop_at, dropout, tripped = k, -1, False, False
            if not on[k] and k > 0 and on[k - 1]:
                stop_at, tripped = k, not ok[k]
                was = {"c2": bool(c2[k - 1]), "c1": bool(c1[k - 1]), "f": bool(feeder[k - 1])}
            if on[k] and ((k > 0 and c1[k - 1] and ok[k] and not feedback[k]) or overload[k]):
                dropout = True  # conveyor1 was told to run but does not turn (or says so), or its relay tripped
            self.cycle[k], self.stopped_at[k], self.dropout[k] = cycle, stop_at, dropout
            if not ok[k] or (not on[k] and (stop_at < 0 or tripped)):
                continue  # all off: E-stop, before the first start, after an E-stop
            # conveyor2: runs while the line runs; after a stop, until conveyor1 has stopped for 1 s
            if on[k]:
                e2[k] = None if dropout else True
            elif c1[k]:
                e2[k] = True
            elif not was["c1"] or fell["c1"] < stop_at:
                e2[k] = None if k - stop_at < 2 * STEP_MAX else False
            else:
                e2[k] = _step(k - fell["c1"])
            # conveyor1: only after conveyor2 has run 1 s; after a stop, until the feeder has stopped for 1 s
            if not c2[k] or k - rose["c2"] < STEP_MIN:
                e1[k] = False
            elif on[k]:
                e1[k] = None if dropout or k - rose["c2"] < STEP_MAX else True
            elif not was["c1"]:
                e1[k] = False
            elif feeder[k]:
                e1[k] = True
            elif not was["f"] or fell["f"] < stop_at:
                e1[k] = None if k - stop_at < STEP_MAX else False
            else:
                e1[k] = _step(k - fell["f"])
            # the feeder: only while the line runs, conveyor1 has run 1 s and turns (its feedback)
            if not on[k] or not feedback[k] or not c1[k] or k - rose["c1"] < STEP_MIN:
                ef[k] = False
            else:
                ef[k] = None if dropout or k - rose["c1"] < STEP_MAX else True
        self._expected = {"conveyor2.run": e2, "conveyor1.run": e1, "feeder.run": ef}
        return self._expected

    def trace(self) -> Trace:
        c = self.recorder.columns()
        return Trace(
            self.recorder.t,
            {name: c[name] for name in ("panel.start", "panel.stop", "panel.safety_ok", "conveyor1.running")},
            {name: c[name] for name in SO_OUTPUTS},
            self.expected(),
            [f.t for f in self.findings if f.t is not None],
        )

    # --- judging ----------------------------------------------------------------------------------------
    def finish(self) -> list:
        c = self.recorder.columns()
        if self._open_loop(c):
            return self.findings
        expected = self.expected()
        inputs_changed = changes(*(c[name] for name in SO_INPUTS))
        first: tuple[int, int, str] | None = None
        for order, name in enumerate(SO_OUTPUTS):
            bad = mismatches(c[name], expected[name], inputs_changed, GRACE)
            if bad and (first is None or (bad[0][0], order) < first[:2]):
                first = (bad[0][0], order, name)
        if first is not None:
            self._explain(first[2], first[0])
        return self.findings

    def _open_loop(self, c: dict[str, list[Any]]) -> bool:
        """Fail when the outputs switch at least twice with no button or feedback to answer."""
        buttons = changes(*(c[name] for name in ("panel.start", "panel.stop", "panel.reset", "panel.safety_ok")))
        presses = rising(c["panel.start"])
        stops = rising(c["panel.stop"]) + falling(c["panel.safety_ok"])
        stops.sort()
        drops, recovers = falling(c["conveyor1.running"]), rising(c["conveyor1.running"])
        unexplained: list[tuple[int, str]] = []
        for name in SO_OUTPUTS:
            signal = c[name]
            for k in rising(signal):
                reach = CAUSE if name == "conveyor2.run" else WINDOW
                if k == 0 or not (
                    _recent(presses, k, reach) or _recent(buttons, k, CAUSE) or _recent(recovers, k, WINDOW)
                ):
                    unexplained.append((k, name))
            for k in falling(signal):
                reach = {"feeder.run": CAUSE, "conveyor1.run": 50, "conveyor2.run": WINDOW}[name]
                if not (_recent(stops, k, reach) or _recent(drops, k, WINDOW) or _recent(buttons, k, CAUSE)):
                    unexplained.append((k, name))
        if len(unexplained) < 2:
            return False
        unexplained.sort()
        k, name = unexplained[0]
        _open_loop_text(
            self,
            self.recorder.t[k],
            name,
            bool(c[name][k]),
            "panel.start, panel.stop, conveyor1.running",
            "panel.start, panel.stop and conveyor1.running",
        )
        return True

    def _explain(self, name: str, k: int) -> None:
        c = self.recorder.columns()
        on = self.intent
        value = bool(c[name][k])
        ok = c["panel.safety_ok"]
        c1 = c["conveyor1.run"]
        if value and not ok[k]:
            self._say("estop_ignored", k, name)
            return
        if value and name == "feeder.run" and on[k] and not c["conveyor1.running"][k] and c1[k]:
            rose = last_before(rising(c1), k)
            if rose is not None and k - rose >= STEP_MIN:
                self._say("feeder_without_running", k, name)
                return
        cycle, stop_at = self.cycle[k], self.stopped_at[k]
        if on[k] and cycle >= 0 and k - cycle <= WINDOW:
            self._start_sequence(cycle, k, name)
            return
        if not on[k] and stop_at >= 0 and not ok[stop_at] and value:
            self._say("restart_after_reset", k, name)
            return
        if not on[k] and stop_at >= 0 and k - stop_at <= WINDOW:
            self._stop_sequence(stop_at, k, name)
            return
        presses = rising(c["panel.start"])
        if value and not on[k]:
            if stop_at >= 0 and not ok[stop_at]:
                code = "restart_after_reset"
            elif not presses or k < presses[0]:
                code = "on_before_start"
            else:
                code = "on_without_start"
            self._say(code, k, name)
            return
        if not value and on[k]:
            code = "no_seal" if _recent(falling(c["panel.start"]), k, GRACE) else "off_without_stop"
            self._say(code, k, name)
            return
        self._say("on_without_start", k, name)  # pragma: no cover - every case is told above

    def _start_sequence(self, cycle: int, k: int, name: str) -> None:
        """Tell what is wrong with the start at scan ``cycle`` (the first mismatch is at ``k``, on ``name``)."""
        c = self.recorder.columns()
        end = cycle + WINDOW
        r2, r1, rf = (_first_change(c[n], cycle, True, end) for n in SO_OUTPUTS)
        release = _recent(falling(c["panel.start"]), k, GRACE)
        if r2 is None and r1 is None and rf is None:
            self._say("no_start", cycle, "conveyor2.run")
            return
        if rf is not None and (r1 is None or rf < r1):
            self._say("wrong_order", rf, "feeder.run", early="feeder.run", late="conveyor1.run")
            return
        if r1 is not None and (r2 is None or r1 < r2):
            self._say("wrong_order", r1, "conveyor1.run", early="conveyor1.run", late="conveyor2.run")
            return
        if not c[name][k] and release and k > 0 and c[name][k - 1]:
            self._say("no_seal", k, name)
            return
        steps = [(r1 - r2) if r1 is not None else None, (rf - r1) if rf is not None and r1 is not None else None]
        if steps[0] is not None and steps[1] is not None and steps[0] <= GRACE and steps[1] <= GRACE:
            self._say("all_at_once", cycle, "conveyor1.run")
            return
        if steps[0] is not None and steps[0] < STEP_MIN:
            self._say("too_soon", r1, "conveyor1.run", steps[0])
            return
        if steps[1] is not None and steps[1] < STEP_MIN:
            self._say("too_soon", rf, "feeder.run", steps[1])
            return
        if r1 is None:
            self._say("conveyor1_not_started", cycle + STEP_MAX, "conveyor1.run")
            return
        if rf is None:
            self._say("feeder_not_started", r1 + STEP_MAX, "feeder.run")
            return
        if steps[0] is not None and steps[0] > STEP_MAX:
            self._say("too_slow", r2 + STEP_MAX, "conveyor1.run", steps[0])
            return
        if steps[1] is not None and steps[1] > STEP_MAX:
            self._say("too_slow", r1 + STEP_MAX, "feeder.run", steps[1])
            return
        self._say("off_without_stop" if not c[name][k] else "on_without_start", k, name)

    def _stop_sequence(self, stop_at: int, k: int, name: str) -> None:
        """Tell what is wrong with the stop at scan ``stop_at`` (the first mismatch is at ``k``, on ``name``)."""
        c = self.recorder.columns()
        value = bool(c[name][k])
        was = [bool(c[n][stop_at - 1]) for n in SO_OUTPUTS]  # conveyor2, conveyor1, feeder on before the stop
        if value and any(not c[name][j] for j in range(max(stop_at - 1, 0), k)):
            self._say("restarts_after_stop", k, name)
            return
        end = stop_at + 2 * WINDOW
        f2, f1, ff = (
            _first_change(c[n], stop_at, False, end) if w else None for n, w in zip(SO_OUTPUTS, was, strict=True)
        )
        falls = [x for x in (ff, f1, f2) if x is not None]
        if not falls:
            self._say("stop_ignored", stop_at, "feeder.run" if was[2] else name)
            return
        big = 10**9
        if (was[2] and was[1] and (f1 or big) < (ff or big)) or (was[1] and was[0] and (f2 or big) < (f1 or big)):
            self._say("stop_wrong_order", min(falls), name)
            return
        if len(falls) >= 2 and max(falls) - min(falls) <= GRACE:
            self._say("no_reverse_stop", stop_at, name)
            return
        if value:
            self._say("stop_too_slow" if name != "feeder.run" else "stop_ignored", k, name)
        else:
            self._say("stop_too_fast", k, name)

    def _say(self, code: str, k: int, name: str, step: int | None = None, early: str = "", late: str = "") -> None:
        t = self.recorder.t[k]
        when_ko, when_en = at(t)
        seconds = f"{step * SCAN:.2f}" if step is not None else ""
        before = {"conveyor1.run": "conveyor2.run", "feeder.run": "conveyor1.run"}.get(name, "panel.start")
        texts = {
            "feeder_without_running": (
                f"{when_ko} conveyor1의 회전 신호(conveyor1.running)가 0인데 공급기(feeder.run)가 켜져 있습니다: 멈춘 벨트 위에 부품이 쌓입니다.",
                f"{when_en} conveyor1's running feedback (conveyor1.running) was 0 but the feeder (feeder.run) was on: "
                f"parts pile up on a belt that does not move",
                "명령이 아니라 회전 신호로 확인하세요: feeder.run에 conveyor1.run 대신 conveyor1.running을 조건으로 넣으세요.",
                "check the feedback, not the command: make feeder.run depend on conveyor1.running instead of conveyor1.run",
                "conveyor1.running",
            ),
            "wrong_order": (
                f"{when_ko} 기동 순서가 틀렸습니다: {early}이 {late}보다 먼저 켜졌습니다.",
                f"{when_en} the start order was wrong: {early} came on before {late}",
                "conveyor2.run → 1초 → conveyor1.run → 1초 → feeder.run 순서로, 배출 쪽부터 켜세요.",
                "start from the outfeed end: conveyor2.run, 1 s, conveyor1.run, 1 s, feeder.run",
                name,
            ),
            "all_at_once": (
                f"{when_ko} conveyor2.run, conveyor1.run, feeder.run이 한꺼번에 켜졌습니다: 기동 순서가 없습니다.",
                f"{when_en} conveyor2.run, conveyor1.run and feeder.run came on all at once: there is no start order",
                "타이머(plc.TON(1.0))로 conveyor2 → 1초 → conveyor1 → 1초 → 공급기 순서로 켜세요.",
                "use timers (plc.TON(1.0)): conveyor2, 1 s, conveyor1, 1 s, the feeder",
                "conveyor1.run",
            ),
            "too_soon": (
                f"{when_ko} {name}이 {before}보다 {seconds}초 뒤에 켜졌습니다: 1초를 기다려야 합니다.",
                f"{when_en} {name} came on {seconds} s after {before}: it must wait 1 s",
                f"{before}이 켜진 뒤 plc.TON(1.0)이 끝나면 {name}을 켜세요.",
                f"switch {name} on when a plc.TON(1.0) fed by {before} is done",
                name,
            ),
            "too_slow": (
                f"{name}이 {before}보다 {seconds}초 늦게 켜졌습니다 ({when_ko} 이미 켜져 있어야 했습니다): 간격은 1초입니다.",
                f"{name} came on {seconds} s after {before} (it should have been on {when_en}): the step is 1 s",
                "타이머의 설정 시간을 1초로 하세요: plc.TON(1.0).",
                "set the timer to 1 s: plc.TON(1.0)",
                name,
            ),
            "conveyor1_not_started": (
                f"기동 뒤 {when_ko}까지 conveyor1.run이 켜지지 않았습니다: conveyor2가 돈 지 1초 뒤에 켜야 합니다.",
                f"after the start conveyor1.run was still off {when_en}: it must come on 1 s after conveyor2",
                "conveyor2.run이 켜진 뒤 plc.TON(1.0)이 끝나면 conveyor1.run을 켜세요.",
                "switch conveyor1.run on when a plc.TON(1.0) fed by conveyor2.run is done",
                "conveyor1.run",
            ),
            "feeder_not_started": (
                f"conveyor1이 돌았는데 {when_ko}까지 공급기(feeder.run)가 켜지지 않았습니다.",
                f"conveyor1 ran but the feeder (feeder.run) was still off {when_en}",
                "conveyor1이 돈 지 1초 뒤, conveyor1.running이 1이면 feeder.run을 켜세요.",
                "switch feeder.run on 1 s after conveyor1 started, while conveyor1.running is 1",
                "feeder.run",
            ),
            "no_start": (
                f"{when_ko} 기동 버튼을 눌렀는데 conveyor2.run이 켜지지 않았습니다.",
                f"start was pressed {when_en} but conveyor2.run did not come on",
                "기동하면 배출 쪽 conveyor2.run부터 바로 켜세요.",
                "on start, switch conveyor2.run (the outfeed end) on at once",
                "conveyor2.run",
            ),
            "no_seal": (
                f"기동 버튼에서 손을 떼자 {when_ko} 라인이 멈췄습니다 ({name}): 자기유지가 필요합니다.",
                f"the line stopped {when_en} when start was let go ({name}): you need a seal-in",
                "운전 상태를 내부 릴레이 m['run']에 자기유지하고, 출력은 m['run']과 타이머로 정하세요.",
                "seal the running state in an internal relay m['run'] and drive the outputs from it and the timers",
                "panel.start",
            ),
            "off_without_stop": (
                f"아무도 정지를 누르지 않았는데 {when_ko} {name}이 꺼졌습니다.",
                f"{name} went off {when_en} although nobody pressed stop",
                "정지 버튼이나 비상정지가 아니면 계속 돌게 하세요.",
                "keep running until stop or an E-stop",
                name,
            ),
            "on_before_start": (
                f"기동 버튼을 누르기 전인데 {when_ko} {name}이 켜졌습니다.",
                f"{name} came on {when_en} before anyone pressed start",
                "기동 버튼(panel.start)을 누르기 전에는 출력을 모두 꺼 두세요.",
                "keep every output off until start (panel.start) is pressed",
                name,
            ),
            "on_without_start": (
                f"아무도 기동을 누르지 않았는데 {when_ko} {name}이 켜졌습니다.",
                f"{name} came on {when_en} although nobody pressed start",
                "기동 버튼(panel.start)이 눌렸을 때만 기동 순서를 시작하세요.",
                "begin the start sequence only when start (panel.start) is pressed",
                name,
            ),
            "restarts_after_stop": (
                f"정지 뒤에 {when_ko} {name}이 다시 켜졌습니다: 정지 순서 동안 아직 도는 컨베이어가 자기유지를 다시 걸었습니다.",
                f"after the stop {name} came on again {when_en}: a belt still running in the stop sequence sealed the "
                f"line in again",
                "자기유지는 출력(conveyor2.run)이 아니라 내부 릴레이 m['run']으로 하세요.",
                "seal in with an internal relay m['run'], not with an output such as conveyor2.run",
                name,
            ),
            "stop_ignored": (
                f"{when_ko} 정지 버튼을 눌렀는데 공급기(feeder.run)가 바로 멈추지 않았습니다.",
                f"stop was pressed {when_en} but the feeder (feeder.run) did not stop at once",
                "정지하면 공급기부터 바로 끄세요.",
                "on stop, switch the feeder off first, at once",
                "feeder.run",
            ),
            "no_reverse_stop": (
                f"{when_ko} 정지할 때 모두 한꺼번에 꺼졌습니다: 벨트 위의 부품이 그대로 남습니다.",
                f"everything went off at once on the stop {when_en}: the parts stay where they are on the belts",
                "정지는 역순입니다: feeder.run → 1초 → conveyor1.run → 1초 → conveyor2.run.",
                "stop in reverse order: feeder.run, 1 s, conveyor1.run, 1 s, conveyor2.run",
                "conveyor1.run",
            ),
            "stop_wrong_order": (
                f"{when_ko} 정지 순서가 틀렸습니다: 앞쪽 장치가 아직 도는데 뒤쪽 컨베이어가 먼저 멈췄습니다.",
                f"{when_en} the stop order was wrong: a belt further down stopped while the machines before it still ran",
                "정지는 기동의 역순입니다: feeder.run → 1초 → conveyor1.run → 1초 → conveyor2.run.",
                "stop in the reverse of the start order: feeder.run, 1 s, conveyor1.run, 1 s, conveyor2.run",
                name,
            ),
            "stop_too_fast": (
                f"{when_ko} 정지 순서에서 {name}이 1초를 기다리지 않고 꺼졌습니다.",
                f"{when_en} {name} went off in the stop sequence without waiting 1 s",
                "앞 단계가 꺼진 뒤 plc.TON(1.0)이 끝나면 다음 것을 끄세요.",
                "switch the next one off when a plc.TON(1.0) started by the step before is done",
                name,
            ),
            "stop_too_slow": (
                f"정지 뒤 {when_ko}에도 {name}이 켜져 있습니다: 앞 단계가 꺼지고 1초 뒤에 꺼야 합니다.",
                f"{name} was still on {when_en}, after the stop: it must go off 1 s after the step before it",
                "정지 순서의 각 단계는 1초입니다: plc.TON(1.0).",
                "each step of the stop sequence is 1 s: plc.TON(1.0)",
                name,
            ),
            "estop_ignored": (
                f"비상정지로 안전 릴레이가 차단됐는데(OFF) {when_ko} {name}이 켜져 있습니다.",
                f"the E-stop tripped the safety relay, yet {name} was on {when_en}",
                "panel.safety_ok가 False이면 순서를 기다리지 말고 모든 출력을 바로 끄세요.",
                "while panel.safety_ok is False, switch every output off at once, without a sequence",
                "panel.safety_ok",
            ),
            "restart_after_reset": (
                f"비상정지를 리셋하자 {when_ko} {name}이 저절로 켜졌습니다.",
                f"after the E-stop was reset {name} came on by itself {when_en}",
                "비상정지 때 운전 기억 m['run']을 지워서, 리셋 뒤에는 기동 버튼을 다시 기다리게 하세요.",
                "clear the running memory m['run'] at the E-stop, so after the reset the line waits for start",
                name,
            ),
        }
        ko, en, next_ko, next_en, about = texts[code]
        self.fail(code, ko, en, next_ko, next_en, t, about)


def _step(scans: int) -> bool | None:
    """Expected of the next output ``scans`` after the step before it changed: True, then either, then False."""
    if scans < STEP_MIN:
        return True
    return None if scans < STEP_MAX else False


class _RoleCheck(BehaviourCheck):
    """A behaviour check whose hidden runs play roles by their place in the list of seeds (see :func:`roles_for`)."""

    roles: tuple[str, ...] = ("plain",)

    def role_of(self, seed: int) -> str:
        """The role of ``seed``: by its place in the seeds being judged, else in the formative seeds."""
        roles = getattr(self, "_roles", None) or roles_for(
            self.name, formative_seeds(self.name, self.count), self.roles
        )
        if seed in roles:
            return roles[seed]
        return self.roles[seed % len(self.roles)]

    def judge(self, answer: Any, seeds: list[int]) -> CheckResult:
        planned = copy.copy(self)  # the roles of this list of seeds, without touching the shared check
        planned._roles = roles_for(self.name, seeds, self.roles)
        return run_behaviour(planned, answer, seeds)


@register
class StartOrder(_RoleCheck):
    """Start conveyor2, conveyor1, the feeder 1 s apart, stop in reverse; the feeder only while conveyor1 turns."""

    name = "start_order"
    title = (
        "기동 순서(conveyor2, conveyor1, 공급기 순)와 역순 정지, 회전 신호 인터록",
        "start order (conveyor2, conveyor1, feeder), reverse stop, interlock on the running feedback",
    )
    scenario = "conveyor"
    count = 6
    roles = SO_ROLES

    def plant_for(self, seed: int) -> tuple[Plant, Episode]:
        role = self.role_of(seed)
        rng = random.Random(f"{self.name}|{seed}")
        base = load_scenario(self.scenario)
        speed = round(rng.uniform(70, 95))
        interval = round(rng.uniform(2.5, 4.5), 1)
        actions, faults, seconds, script = start_order_plan(rng, role)
        scenario = base.model_copy(
            update={
                "actions": actions,
                "faults": FaultSettings(schedule=faults),
                "conveyor1": ConveyorSettings(speed=speed),
                "conveyor2": ConveyorSettings(speed=speed),
                "feeder": FeederSettings(interval=interval, type_b_share=base.feeder.type_b_share),
            }
        )
        return Plant(scenario, seed=seed), Episode(scenario, seconds, {**script, "speed": speed, "interval": interval})

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return StartOrderJudge(plant, episode, run)


# =====================================================================================================
# batch_count (3-8)
# =====================================================================================================

#: parts in a batch (the exercise's constant ``BATCH``: the same in every hidden run)
BATCH = 5
INFEED = "conveyor1.photo_eye_infeed"
#: eyes a student might count by mistake
OTHER_EYES = ("conveyor1.photo_eye_exit", "conveyor2.photo_eye_entry", "conveyor2.photo_eye_exit")
BC_INPUTS = ("panel.start", "panel.stop", "panel.reset", "panel.safety_ok", INFEED, *OTHER_EYES, "production.parts_in")
BC_OUTPUTS = ("feeder.run", "stack_light.amber", "conveyor1.run", "conveyor2.run")
#: scans after a sensor or counter change within which an output change counts as its answer (0.3 s)
QUICK = 6


def batch_plan(rng: random.Random) -> tuple[list[Action], float, dict[str, Any]]:
    """The operator's actions of one hidden ``batch_count`` run, its length (s) and its script.

    Two batches, each followed by 8-10 s of running (the last part of a batch
    reaches the end of conveyor1 meanwhile). One of them (drawn) is paused: stop after 2 or 3 parts, start
    again 3-5 s later, and the batch must go on where it was. After the first
    batch the operator stops, presses reset and starts the second; in half
    the runs start is pressed once before the reset (the belts may run, the
    feeder must not). The feeder's interval and the belt speed are the
    scenario's (drawn per seed in :meth:`BatchCount.plant_for`).
    """
    actions: list[Action] = []
    script: dict[str, Any] = {"batches": []}
    interval = round(rng.uniform(2.5, 5.0), 1)
    speed = round(rng.uniform(60, 100))
    script.update(interval=interval, speed=speed)
    t = rng.uniform(1.0, 6.0)

    def press(button: str) -> None:
        actions.append(_press(t, button, rng.uniform(0.2, 0.6)))

    paused = rng.choice((1, 2))
    before_reset = rng.random() < 0.5
    for batch in (1, 2):
        press("start")
        begin = t
        if batch == paused:
            fed = rng.choice((2, 3))
            t = begin + (fed - 1 + rng.uniform(0.3, 0.7)) * interval
            press("stop")
            t += rng.uniform(3.0, 5.0)
            press("start")
            t += (BATCH - fed - 1) * interval + rng.uniform(8.0, 10.0)
        else:
            t = begin + (BATCH - 1) * interval + rng.uniform(8.0, 10.0)
        script["batches"].append(round(begin, 2))
        press("stop")
        t += rng.uniform(2.0, 3.5)
        if batch == 1 and before_reset:
            press("start")  # the batch is done and not reset: the feeder must stay off
            t += rng.uniform(3.0, 5.0)
            press("stop")
            t += rng.uniform(2.0, 3.5)
        press("reset")
        t += rng.uniform(2.0, 3.5)
    script.update(paused=paused, before_reset=before_reset)
    return actions, round(t, 1), script


class BatchJudge(Judge):
    wants_steps = False

    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        super().__init__(plant, episode, run)
        self.recorder = Recorder(plant, BC_INPUTS + BC_OUTPUTS)
        self._expected: dict[str, list[bool | None]] | None = None

    def after_scan(self, t: float) -> None:
        self.recorder.sample(t)

    def expected(self) -> dict[str, list[bool | None]]:
        """Expected outputs per scan (None: either) from the buttons and the parts the feeder really placed."""
        if self._expected is not None:
            return self._expected
        c = self.recorder.columns()
        on = self.intent = _intent(c["panel.start"], c["panel.stop"], c["panel.safety_ok"])
        parts, reset = c["production.parts_in"], c["panel.reset"]
        n = len(on)
        self.count = [0] * n
        self.begin = [0] * n  # the scan the batch of each scan began (the last reset, or 0)
        base, begin = parts[0] if n else 0, 0
        feeder: list[bool | None] = []
        amber: list[bool | None] = []
        belts: list[bool | None] = []
        for k in range(n):
            if reset[k] and (k == 0 or not reset[k - 1]):
                base, begin = parts[k], k
            count = parts[k] - base
            self.count[k], self.begin[k] = count, begin
            done = count >= BATCH
            feeder.append(on[k] and not done)
            amber.append(True if done else (False if on[k] else None))
            belts.append(None if on[k] and done else on[k])
        self._expected = {
            "feeder.run": feeder,
            "stack_light.amber": amber,
            "conveyor1.run": belts,
            "conveyor2.run": belts,
        }
        return self._expected

    def trace(self) -> Trace:
        c = self.recorder.columns()
        expected = self.expected()
        return Trace(
            self.recorder.t,
            {name: c[name] for name in ("panel.start", "panel.stop", "panel.reset", INFEED)},
            {name: c[name] for name in BC_OUTPUTS[:3]},
            {name: expected[name] for name in BC_OUTPUTS[:3]},
            [f.t for f in self.findings if f.t is not None],
        )

    def finish(self) -> list:
        c = self.recorder.columns()
        if self._open_loop(c):
            return self.findings
        expected = self.expected()
        inputs_changed = changes(*(c[name] for name in BC_INPUTS))
        for name in BC_OUTPUTS:
            bad = mismatches(c[name], expected[name], inputs_changed, GRACE)
            if bad:
                self._explain(name, bad[0][0])
                return self.findings
        return self.findings

    def _open_loop(self, c: dict[str, list[Any]]) -> bool:
        """Fail when the feeder or the amber lamp switches at least twice with no button, eye or count to answer."""
        buttons = changes(*(c[name] for name in ("panel.start", "panel.stop", "panel.reset", "panel.safety_ok")))
        sensed = sorted(
            set(changes(c[INFEED], c["production.parts_in"])[1:]).union(*(rising(c[eye]) for eye in OTHER_EYES))
        )
        unexplained = []
        for name in ("feeder.run", "stack_light.amber"):
            signal = c[name]
            for k in rising(signal):
                quick = name == "stack_light.amber" and _recent(sensed, k, QUICK)
                if k == 0 or not (_recent(buttons, k, CAUSE) or quick):
                    unexplained.append((k, name))
            for k in falling(signal):
                quick = name == "feeder.run" and _recent(sensed, k, QUICK)
                if not (_recent(buttons, k, CAUSE) or quick):
                    unexplained.append((k, name))
        if len(unexplained) < 2:
            return False
        k, name = min(unexplained)
        _open_loop_text(
            self,
            self.recorder.t[k],
            name,
            bool(c[name][k]),
            f"panel.start, panel.stop, panel.reset, {INFEED}",
            f"panel.start, panel.stop, panel.reset and {INFEED}",
        )
        return True

    def _explain(self, name: str, k: int) -> None:
        c = self.recorder.columns()
        value = bool(c[name][k])
        on = self.intent
        if name == "stack_light.amber":
            self._say("no_amber" if not value else "amber_while_feeding", k, name)
            return
        if name != "feeder.run":
            self._say("belts_off" if not value else "belts_not_stopped", k, name)
            return
        feeder = c[name]
        presses = rising(c["panel.start"])
        if value and not on[k]:
            stops = rising(c["panel.stop"])
            if c["panel.stop"][k] or _recent(stops, k, CAUSE):
                self._say("stop_ignored", k, name)
            elif not presses or k < presses[0]:
                self._say("on_before_start", k, name)
            else:
                self._say("on_without_start", k, name)
            return
        if value:  # the batch is done and the feeder still runs
            self._overfed(k)
            return
        # the feeder is off while the batch should go on
        begin = self.begin[k]
        done_before = any(self.count[j] >= BATCH for j in range(0, begin)) if begin > 0 else False
        if begin > 0 and self.count[k] == 0 and done_before and not any(feeder[begin : k + 1]):
            self._say("not_reset", k, name)
            return
        if k > 0 and feeder[k - 1]:
            if _recent(falling(c["panel.start"]), k, GRACE):
                self._say("no_seal", k, name)
                return
            level = sum(1 for j in range(begin + 1, k + 1) if c[INFEED][j])
            if level in (BATCH, BATCH + 1) and self.count[k] < BATCH:
                self._say("counted_level", k, name, fed=self.count[k])
                return
            self._say("too_few", k, name, fed=self.count[k])
            return
        self._say("no_start", k, name)

    def _overfed(self, k: int) -> None:
        """Tell why the feeder still ran at scan ``k`` with the batch done, from every batch of the run.

        Per batch (reset to reset): when the batch was done, when the feeder then stopped and whether the
        count stopped it (the line still on) or a button did, and whether the batch was paused (a start
        after parts were fed). A feeder the count stops at another eye's 5th part in every batch counts the
        wrong eye; one never stopped by the count in an unpaused batch is not stopped at all; one that
        overfeeds only in a paused batch, stopping (if at all) 5 or 6 parts after the new start, has its
        counter cleared by the start.
        """
        c = self.recorder.columns()
        feeder, parts, on = c["feeder.run"], c["production.parts_in"], self.intent
        presses = rising(c["panel.start"])
        infeed = rising(c[INFEED])
        n = len(feeder)
        begins = sorted(set(self.begin))
        never = cleared = None
        stops: list[int] = []  # stops of the feeder by the count, with the batch done
        for index, begin in enumerate(begins):
            end = begins[index + 1] if index + 1 < len(begins) else n
            done = next((j for j in range(begin, end) if self.count[j] >= BATCH), None)
            if done is None:
                continue
            off = _first_change(feeder, done, False, end)
            by_count = off is not None and on[off]
            last = off if off is not None else end - 1
            fed = self.count[last]
            restarts = [p for p in presses if begin < p <= last and self.count[p] > 0 and on[p]]
            if by_count:
                stops.append(off)
            if not restarts and not by_count and fed > BATCH and never is None:
                never = done
            if restarts and fed > BATCH and not (by_count and fed == BATCH + 1) and cleared is None:
                if parts[last] - parts[restarts[-1]] <= BATCH + 1:
                    cleared = last
        for eye in OTHER_EYES:
            edges = rising(c[eye])
            fits = [any(0 <= off - j <= QUICK for j in edges if self.begin[off] < j <= off) and
                    sum(1 for j in edges if self.begin[off] < j <= off) == BATCH for off in stops]  # fmt: skip
            if stops and all(fits) and any(not _recent(infeed, off, QUICK) for off in stops):
                self._say("wrong_eye", stops[0], eye, fed=self.count[stops[0]])
                return
        if never is not None:
            self._say("feeder_not_stopped", never, "feeder.run")
            return
        if cleared is not None:
            self._say("count_cleared_by_start", cleared, "feeder.run", fed=self.count[cleared])
            return
        off = _first_change(feeder, k, False)
        if off is None or not on[off]:
            self._say("feeder_not_stopped", k, "feeder.run")
            return
        code = "one_too_many" if self.count[off] == BATCH + 1 else "too_many"
        self._say(code, off, "feeder.run", fed=self.count[off])

    def _say(self, code: str, k: int, name: str, fed: int | None = None) -> None:
        t = self.recorder.t[k]
        when_ko, when_en = at(t)
        texts = {
            "counted_level": (
                f"{when_ko} 부품 {fed}개만 공급하고 멈췄습니다: 부품 수가 아니라 광전센서가 가려진 스캔 수를 셌습니다.",
                f"the feeder stopped {when_en} after only {fed} parts: you counted the scans the eye was covered, not "
                f"the parts",
                f"{INFEED}의 상승 에지(0 → 1)만 세세요: plc.CTU가 그렇게 셉니다.",
                f"count only the rising edge (0 to 1) of {INFEED}: plc.CTU counts that way",
                INFEED,
            ),
            "too_few": (
                f"{when_ko} 부품 {fed}개를 공급하고 멈췄습니다: 배치는 {BATCH}개입니다.",
                f"the feeder stopped {when_en} after {fed} parts: a batch is {BATCH}",
                f"카운터가 {BATCH}에 닿을 때 공급기를 끄세요: plc.CTU({BATCH}).",
                f"switch the feeder off when the counter reaches {BATCH}: plc.CTU({BATCH})",
                "feeder.run",
            ),
            "one_too_many": (
                f"{when_ko} 부품 {fed}개를 공급하고서야 멈췄습니다: 하나가 더 들어갔습니다.",
                f"the feeder stopped {when_en} only after {fed} parts: one too many",
                f"'>'가 아니라 '>='로 비교하세요: 개수 >= {BATCH}이면 멈춥니다.",
                f"compare with '>=' rather than '>': stop when count >= {BATCH}",
                "feeder.run",
            ),
            "too_many": (
                f"{when_ko} 부품 {fed}개를 공급하고서야 멈췄습니다: 배치는 {BATCH}개입니다.",
                f"the feeder stopped {when_en} only after {fed} parts: a batch is {BATCH}",
                f"공급한 부품을 {INFEED}의 상승 에지로 세고 {BATCH}개에서 멈추세요.",
                f"count the parts fed on the rising edge of {INFEED} and stop at {BATCH}",
                "feeder.run",
            ),
            "wrong_eye": (
                f"{when_ko} {name}이 {BATCH}번째 부품을 본 순간 공급기가 멈췄습니다: 그때는 이미 {fed}개가 공급됐습니다.",
                f"the feeder stopped {when_en}, as {name} saw its {BATCH}th part: by then {fed} parts had been fed",
                f"공급한 부품은 공급기 바로 밑의 {INFEED}로 세세요.",
                f"count the parts fed with the eye under the feeder, {INFEED}",
                name,
            ),
            "count_cleared_by_start": (
                f"정지했다가 다시 기동하자 카운터가 0부터 다시 세어, {when_ko} 부품 {fed}개를 공급하고서야 멈췄습니다.",
                f"after a stop and a new start the counter began again at 0, so the feeder stopped {when_en} only after "
                f"{fed} parts",
                "카운터는 리셋 버튼(panel.reset)으로만 지우세요: plc.CTU의 R 입력에 panel.reset을 넣습니다.",
                "clear the counter with the reset button (panel.reset) only: feed panel.reset to the R input of plc.CTU",
                "panel.reset",
            ),
            "feeder_not_stopped": (
                f"배치 {BATCH}개를 다 공급했는데 {when_ko} 공급기(feeder.run)가 계속 켜져 있습니다.",
                f"the batch of {BATCH} was fed but the feeder (feeder.run) was still on {when_en}",
                f"카운터가 {BATCH}에 닿으면(plc.CTU의 Q) feeder.run을 끄세요.",
                f"switch feeder.run off when the counter reaches {BATCH} (the Q of plc.CTU)",
                "feeder.run",
            ),
            "not_reset": (
                f"리셋 버튼을 누르고 {when_ko} 기동했는데 공급기가 켜지지 않았습니다: 카운터가 지워지지 않았습니다.",
                f"reset was pressed and then start {when_en}, but the feeder did not start: the counter was not cleared",
                "panel.reset이 눌리면 카운터를 0으로 지우세요: plc.CTU(…)(입력, panel.reset).",
                "clear the counter to 0 when panel.reset is pressed: plc.CTU(...)(input, panel.reset)",
                "panel.reset",
            ),
            "no_start": (
                f"{when_ko} 공급기가 돌아야 하는데 꺼져 있습니다 (feeder.run).",
                f"the feeder should have been running {when_en} but was off (feeder.run)",
                "기동하면(자기유지) 배치가 끝날 때까지 feeder.run을 켜 두세요.",
                "once started (seal-in), keep feeder.run on until the batch is done",
                "feeder.run",
            ),
            "no_seal": (
                f"기동 버튼에서 손을 떼자 {when_ko} 공급기가 멈췄습니다: 자기유지가 필요합니다.",
                f"the feeder stopped {when_en} when start was let go: you need a seal-in",
                "운전 상태를 m['run']에 자기유지하세요.",
                "seal the running state in m['run']",
                "panel.start",
            ),
            "stop_ignored": (
                f"{when_ko} 정지 버튼을 눌렀는데 공급기(feeder.run)가 멈추지 않았습니다.",
                f"stop was pressed {when_en} but the feeder (feeder.run) kept running",
                "panel.stop이 눌리면 feeder.run과 컨베이어를 끄세요.",
                "switch feeder.run and the belts off when panel.stop is pressed",
                "panel.stop",
            ),
            "on_before_start": (
                f"기동 버튼을 누르기 전인데 {when_ko} 공급기(feeder.run)가 켜졌습니다.",
                f"the feeder (feeder.run) came on {when_en} before anyone pressed start",
                "기동 버튼을 누르기 전에는 출력을 모두 꺼 두세요.",
                "keep every output off until start is pressed",
                "feeder.run",
            ),
            "on_without_start": (
                f"아무도 기동을 누르지 않았는데 {when_ko} 공급기(feeder.run)가 켜졌습니다.",
                f"the feeder (feeder.run) came on {when_en} although nobody pressed start",
                "기동 버튼(panel.start)이 눌렸을 때만 켜세요.",
                "switch it on only when start (panel.start) is pressed",
                "feeder.run",
            ),
            "no_amber": (
                f"배치 {BATCH}개가 끝났는데 {when_ko} 황색등(stack_light.amber)이 꺼져 있습니다.",
                f"the batch of {BATCH} was done but the amber lamp (stack_light.amber) was off {when_en}",
                "배치가 끝나면(카운터 Q) 리셋할 때까지 stack_light.amber를 켜세요.",
                "when the batch is done (the counter's Q), light stack_light.amber until the reset",
                "stack_light.amber",
            ),
            "amber_while_feeding": (
                f"{when_ko} 배치를 공급하는 중인데 황색등(stack_light.amber)이 켜져 있습니다.",
                f"the amber lamp (stack_light.amber) was on {when_en} while the batch was being fed",
                "황색등은 배치가 끝났을 때 켜고, 리셋으로 카운터를 지우면 끄세요.",
                "light the amber lamp when the batch is done and switch it off when reset clears the counter",
                "stack_light.amber",
            ),
            "belts_off": (
                f"{when_ko} 배치를 공급하는 중인데 {name}이 꺼져 있어서 부품이 나가지 못합니다.",
                f"{name} was off {when_en} while the batch was being fed, so the parts cannot move on",
                "기동하면 conveyor1.run과 conveyor2.run도 켜세요.",
                "switch conveyor1.run and conveyor2.run on too when started",
                name,
            ),
            "belts_not_stopped": (
                f"{when_ko} 정지했는데 {name}이 켜져 있습니다.",
                f"the line was stopped {when_en} but {name} was on",
                "panel.stop이 눌리면 컨베이어도 끄세요.",
                "switch the belts off too when panel.stop is pressed",
                name,
            ),
        }
        ko, en, next_ko, next_en, about = texts[code]
        self.fail(code, ko, en, next_ko, next_en, t, about)


@register
class BatchCount(BehaviourCheck):
    """Feed a batch of BATCH parts (a CTU on the infeed eye's rising edge), stop, amber lamp; reset clears."""

    name = "batch_count"
    title = (
        f"CTU 배치: 부품 {BATCH}개 공급 후 정지와 황색등, 리셋으로 카운터 초기화",
        f"CTU batch: feed {BATCH} parts, then stop with the amber lamp; reset clears the counter",
    )
    scenario = "conveyor"
    count = 6

    def plant_for(self, seed: int) -> tuple[Plant, Episode]:
        rng = random.Random(f"{self.name}|{seed}")
        base = load_scenario(self.scenario)
        actions, seconds, script = batch_plan(rng)
        scenario = base.model_copy(
            update={
                "actions": actions,
                "conveyor1": ConveyorSettings(speed=script["speed"]),
                "conveyor2": ConveyorSettings(speed=script["speed"]),
                "feeder": FeederSettings(interval=script["interval"], type_b_share=base.feeder.type_b_share),
            }
        )
        return Plant(scenario, seed=seed), Episode(scenario, seconds, script)

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return BatchJudge(plant, episode, run)
