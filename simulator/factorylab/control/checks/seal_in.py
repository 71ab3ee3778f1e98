"""``seal_in``: start/stop with seal-in and stop priority, E-stop with reset and no restart, stack light.

Expected, scan by scan, from what the controller read::

    run = panel.safety_ok and not panel.stop and (panel.start or run)

conveyor1.run = conveyor2.run = run; stack_light.green = run;
stack_light.red = not panel.safety_ok. A controller that starts on the
rising edge of start instead of its level is just as right: no episode tells
them apart.

Each hidden run (6 of them, about 90 s each) plays the operator's episodes in
an order and at times drawn from its seed: stop and E-stop while stopped,
start and stop pressed together, start pressed again while running, start
held while stop is pressed, start pressed after the E-stop is released but
before the reset, and a plain stop.
"""

from __future__ import annotations

import random

from ...plant import Plant, Scenario
from ...plant.scenario import Action
from .base import register
from .behaviour import BehaviourCheck, Episode, Judge, Recorder, changes, falling, last_before, mismatches, rising
from .result import Trace, at

INPUTS = ("panel.start", "panel.stop", "panel.reset", "panel.estop", "panel.safety_ok")
OUTPUTS = ("conveyor1.run", "conveyor2.run", "stack_light.green", "stack_light.red", "stack_light.amber")
#: scans a controller may lag behind its inputs (0.3 s)
GRACE = 6
#: seconds after an input change within which an output change counts as an answer to it
CAUSE = 0.6


def _press(at: float, button: str, hold: float = 0.3) -> Action:
    return Action(at=round(at, 2), press=button, hold=round(hold, 2))


def episode_actions(rng: random.Random) -> tuple[list[Action], float]:
    """The operator's actions of one hidden run and its length, s.

    Stopped-state episodes and running-state episodes are shuffled; gaps
    between events are drawn from 2.5-5 s, so every event moves by more than
    ±2 s from one seed to the next.
    """
    actions: list[Action] = []
    t = rng.uniform(1.5, 4.5)

    def gap() -> float:
        return rng.uniform(2.5, 5.0)

    def stop_while_stopped() -> None:
        nonlocal t
        actions.append(_press(t, "stop", rng.uniform(0.2, 0.6)))
        t += gap()

    def estop_while_stopped() -> None:
        nonlocal t
        actions.append(Action(at=round(t, 2), estop="pushed"))
        t += rng.uniform(2.0, 3.5)
        actions.append(Action(at=round(t, 2), estop="released"))
        t += rng.uniform(1.0, 2.5)
        actions.append(_press(t, "reset", rng.uniform(0.2, 0.5)))
        t += gap()

    def together_while_stopped() -> None:
        nonlocal t
        hold = rng.uniform(0.3, 0.8)
        actions.append(_press(t, "start", hold))
        actions.append(_press(t, "stop", hold))
        t += gap()

    def start() -> None:
        nonlocal t
        actions.append(_press(t, "start", rng.uniform(0.2, 0.7)))
        t += gap()

    def start_again() -> None:
        nonlocal t
        actions.append(_press(t, "start", rng.uniform(0.2, 0.7)))
        t += gap()

    def stop() -> None:
        nonlocal t
        actions.append(_press(t, "stop", rng.uniform(0.2, 0.6)))
        t += gap()

    def start_held_while_stop() -> None:
        # start held for 3-4 s; stop pressed during it and released after start is let go
        nonlocal t
        hold = rng.uniform(3.0, 4.0)
        actions.append(_press(t, "start", hold))
        into = rng.uniform(1.0, 2.0)
        actions.append(_press(t + into, "stop", hold - into + rng.uniform(0.5, 1.0)))
        t += hold + 1.0 + gap()

    def estop_while_running() -> None:
        # E-stop; released; start pressed before the reset (the relay is still off); reset
        nonlocal t
        actions.append(Action(at=round(t, 2), estop="pushed"))
        t += rng.uniform(2.0, 3.5)
        actions.append(Action(at=round(t, 2), estop="released"))
        t += rng.uniform(1.5, 2.5)
        actions.append(_press(t, "start", rng.uniform(0.2, 0.5)))
        t += rng.uniform(2.0, 3.0)
        actions.append(_press(t, "reset", rng.uniform(0.2, 0.5)))
        t += gap()

    stopped_episodes = [stop_while_stopped, estop_while_stopped, together_while_stopped]
    running_episodes = [start_again]
    ways_to_stop = [stop, start_held_while_stop, estop_while_running]
    rng.shuffle(stopped_episodes)
    rng.shuffle(ways_to_stop)
    # stopped: one or two stopped episodes first, then run/stop cycles, one per way to stop
    first = rng.randint(1, 2)
    for episode in stopped_episodes[:first]:
        episode()
    rest = stopped_episodes[first:]
    for index, way in enumerate(ways_to_stop):
        start()
        if index == 0 or rng.random() < 0.5:
            running_episodes[0]()
        way()
        if rest and (index == 1 or rng.random() < 0.4):
            rest.pop()()
    for episode in rest:
        episode()
    start()
    return actions, t + 2.0


class SealInJudge(Judge):
    wants_steps = False

    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        super().__init__(plant, episode, run)
        self.recorder = Recorder(plant, INPUTS + OUTPUTS)

    def after_scan(self, t: float) -> None:
        self.recorder.sample(t)

    def expected(self) -> list[bool]:
        c = self.recorder.columns()
        expected = []
        run = False
        for start, stop, ok in zip(c["panel.start"], c["panel.stop"], c["panel.safety_ok"], strict=True):
            run = ok and not stop and (start or run)
            expected.append(run)
        return expected

    def trace(self) -> Trace:
        c = self.recorder.columns()
        expected = self.expected()
        return Trace(
            self.recorder.t,
            {name: c[name] for name in INPUTS if name != "panel.estop"},
            {name: c[name] for name in OUTPUTS if name != "stack_light.amber"},
            {
                "conveyor1.run": expected,
                "conveyor2.run": expected,
                "stack_light.green": expected,
                "stack_light.red": [not ok for ok in c["panel.safety_ok"]],
            },
            [f.t for f in self.findings if f.t is not None],
        )

    def finish(self) -> list:
        c = self.recorder.columns()
        t = self.recorder.t
        start, stop, reset, ok = c["panel.start"], c["panel.stop"], c["panel.reset"], c["panel.safety_ok"]
        estop = c["panel.estop"]
        run1, run2 = c["conveyor1.run"], c["conveyor2.run"]
        expected = self.expected()
        inputs_changed = changes(start, stop, reset, estop, ok)
        if self._open_loop(run1, inputs_changed):
            return self.findings
        if not any(run1) and any(run2):
            run1 = run2  # judge the belt they did drive; conveyor1 is named below
        bad = mismatches(run1, expected, inputs_changed, GRACE)
        if bad:
            self._explain_run(bad[0][0], run1, expected)
            return self.findings
        if run1 is not c["conveyor1.run"]:
            self._fail_output("conveyor1.run", "conveyor2.run", t[rising(expected)[0]])
            return self.findings
        bad = mismatches(run2, expected, inputs_changed, GRACE)
        if bad:
            self._fail_output("conveyor2.run", "conveyor1.run", t[bad[0][0]])
            return self.findings
        self._lamps(c, expected, inputs_changed)
        return self.findings

    # --- outputs that ignore the inputs ---------------------------------------------------------
    def _open_loop(self, output: list[bool], inputs_changed: list[int]) -> bool:
        """Fail (and say so) when the output switches at least twice with no input change just before."""
        t = self.recorder.t
        cause = round(CAUSE / 0.05)
        switched = sorted(rising(output) + falling(output))
        unexplained = []
        for k in switched:
            last = last_before(inputs_changed, k)
            if k > 0 and (last is None or last == 0 or k - last > cause):
                unexplained.append(k)
            elif k == 0:
                unexplained.append(k)
        if len(unexplained) < 2:
            return False
        k = unexplained[0] if unexplained[0] > 0 or len(unexplained) < 2 else unexplained[1]
        what = "켜졌습니다" if output[k] else "꺼졌습니다"
        what_en = "came on" if output[k] else "went off"
        when_ko, when_en = at(t[k])
        self.fail(
            "open_loop",
            f"아무도 버튼을 누르지 않았는데 {when_ko} conveyor1.run이 {what}: 출력이 입력(버튼)을 따르지 않고 시간표대로 움직입니다.",
            f"the run command conveyor1.run {what_en} {when_en} although nobody touched a button: your outputs do not follow the "
            f"inputs (the buttons), they follow a timetable",
            "시간이나 개수가 아니라 panel.start, panel.stop, panel.safety_ok를 읽어서 출력을 정하세요.",
            "decide the outputs from panel.start, panel.stop and panel.safety_ok, not from the time or a count",
            t[k],
            "conveyor1.run",
        )
        return True

    # --- a wrong run output ------------------------------------------------------------------------
    def _explain_run(self, k: int, run: list[bool], expected: list[bool]) -> None:
        c = self.recorder.columns()
        t = self.recorder.t
        start, stop, reset, ok = c["panel.start"], c["panel.stop"], c["panel.reset"], c["panel.safety_ok"]
        estop = c["panel.estop"]
        now = t[k]
        when_ko, when_en = at(now)
        window = round(CAUSE / 0.05)
        presses = rising(start)
        if run[k]:  # on when it should be off
            if not presses or k < presses[0]:
                self.fail(
                    "on_before_start",
                    f"기동 버튼을 누르기 전인데 {when_ko} 컨베이어 운전 명령이 켜졌습니다 (conveyor1.run).",
                    f"the conveyors were switched on {when_en} before anyone pressed start (conveyor1.run)",
                    "기동 버튼(panel.start)을 누르기 전에는 출력을 모두 꺼 두세요.",
                    "keep every output off until start (panel.start) is pressed",
                    now,
                    "conveyor1.run",
                )
            elif not ok[k] and not estop[k]:
                self.fail(
                    "estop_not_safety",
                    f"비상정지를 풀었지만 리셋 전이라 안전 릴레이가 꺼져 있는데, {when_ko} 운전 명령이 켜졌습니다: "
                    f"리셋하는 순간 컨베이어가 저절로 돕니다.",
                    f"the E-stop was released but not reset, so the safety relay was still off, and the run command "
                    f"came on {when_en}: the belts would start by themselves at the reset",
                    "panel.estop이 아니라 panel.safety_ok를 보세요: 리셋 전까지 False입니다.",
                    "use panel.safety_ok, not panel.estop: it stays False until the reset",
                    now,
                    "panel.safety_ok",
                )
            elif not ok[k]:
                self.fail(
                    "estop_ignored",
                    f"비상정지로 안전 릴레이가 차단됐는데(OFF) {when_ko} 운전 명령(conveyor1.run)이 켜져 있습니다.",
                    f"the E-stop tripped the safety relay, yet the run command (conveyor1.run) was on {when_en}",
                    "panel.safety_ok가 False이면 모든 출력을 끄세요.",
                    "switch every output off while panel.safety_ok is False",
                    now,
                    "panel.safety_ok",
                )
            elif stop[k] and any(start[j] for j in range(max(0, k - window), k + 1)) and self._stop_works(run):
                self.fail(
                    "start_dominant",
                    f"{when_ko} 기동과 정지가 함께 눌렸는데 컨베이어가 돌았습니다: 정지가 이겨야 합니다 (정지 우선).",
                    f"start and stop were both pressed {when_en} and the conveyors ran: stop must win (stop priority)",
                    "켜짐 = (기동 또는 켜짐) 그리고 정지 아님 그리고 safety_ok처럼 정지를 마지막에 넣으세요.",
                    "write on = (start or on) and not stop and safety_ok, so that stop comes last",
                    now,
                    "panel.stop",
                )
            elif stop[k] or self._recent(falling(stop), k, window) or self._recent(rising(stop), k, window):
                self.fail(
                    "stop_ignored",
                    f"{when_ko} 정지 버튼을 눌렀는데 컨베이어가 멈추지 않았습니다.",
                    f"stop was pressed {when_en} but the conveyors kept running",
                    "panel.stop이 눌리면 conveyor1.run과 conveyor2.run을 끄세요.",
                    "switch conveyor1.run and conveyor2.run off when panel.stop is pressed",
                    now,
                    "panel.stop",
                )
            elif self._recent(rising(reset), k, 2 * window) or self._recent(rising(ok), k, 2 * window):
                self.fail(
                    "restart_after_reset",
                    f"비상정지를 풀고 리셋하자 {when_ko} 컨베이어가 저절로 다시 돌았습니다.",
                    f"after the E-stop was reset the conveyors restarted by themselves {when_en}",
                    "비상정지 때 운전 상태를 지워서, 리셋 뒤에는 기동 버튼을 다시 기다리게 하세요.",
                    "forget the running state at the E-stop, so after the reset the line waits for start",
                    now,
                    "conveyor1.run",
                )
            else:
                self.fail(
                    "on_without_start",
                    f"아무도 기동을 누르지 않았는데 {when_ko} 컨베이어가 켜졌습니다.",
                    f"the conveyors came on {when_en} although nobody pressed start",
                    "기동 버튼(panel.start)이 눌렸을 때만 켜세요.",
                    "switch them on only when start (panel.start) is pressed",
                    now,
                    "conveyor1.run",
                )
            return
        # off when it should be on
        press = last_before(presses, k)
        was_on = press is not None and press > 0 and run[press - 1]
        if press is not None and was_on and k - press <= window:
            self.fail(
                "toggle",
                f"운전 중에 기동 버튼을 다시 눌렀더니 {when_ko} 컨베이어가 멈췄습니다: 기동은 켜기만 해야 합니다.",
                f"start was pressed again while running and the conveyors stopped {when_en}: start must only switch on",
                "기동 버튼으로 켜고 끄기를 번갈아 하지 말고, 끄는 것은 정지 버튼과 safety_ok만 하게 하세요.",
                "do not toggle with start; only stop and safety_ok may switch off",
                now,
                "panel.start",
            )
        elif press is not None and not was_on and not any(run[press : k + 1]):
            press_ko, press_en = at(t[press])
            self.fail(
                "no_start",
                f"{press_ko} 기동 버튼을 눌렀는데 컨베이어가 켜지지 않았습니다 (conveyor1.run).",
                f"start was pressed {press_en} but the conveyors did not start (conveyor1.run)",
                "panel.start가 눌리면 conveyor1.run과 conveyor2.run을 True로 쓰세요.",
                "write True to conveyor1.run and conveyor2.run when panel.start is pressed",
                t[press],
                "conveyor1.run",
            )
        elif self._recent(falling(start), k, window):
            self.fail(
                "no_seal",
                f"기동 버튼에서 손을 떼자 {when_ko} 컨베이어가 멈췄습니다: 자기유지(seal-in)가 필요합니다.",
                f"the conveyors stopped {when_en} when start was let go: you need a seal-in",
                "출력 자신(또는 기억한 상태)을 조건에 넣어, 버튼을 뗀 뒤에도 켜진 상태를 유지하세요.",
                "use the output itself (or a remembered state) in the condition so it stays on after the button is released",
                now,
                "conveyor1.run",
            )
        else:
            self.fail(
                "off_without_stop",
                f"아무도 정지를 누르지 않았는데 {when_ko} 컨베이어가 멈췄습니다.",
                f"the conveyors stopped {when_en} although nobody pressed stop",
                "정지 버튼이나 비상정지(safety_ok)가 아니면 켜진 상태를 유지하세요.",
                "keep them running until stop is pressed or safety_ok goes off",
                now,
                "conveyor1.run",
            )

    def _stop_works(self, run: list[bool]) -> bool:
        """True unless every plain press of stop (start not held) while running was ignored."""
        c = self.recorder.columns()
        start, stop = c["panel.start"], c["panel.stop"]
        plain = [k for k in rising(stop) if k > 0 and run[k - 1] and not start[k]]
        if not plain:
            return True
        return any(not all(run[k : k + GRACE + 1]) for k in plain)

    @staticmethod
    def _recent(indices: list[int], k: int, window: int) -> bool:
        last = last_before(indices, k)
        return last is not None and k - last <= window

    def _fail_output(self, missing: str, driven: str, t: float) -> None:
        self.fail(
            f"{missing.split('.')[0]}_missing",
            f"{driven}만 움직이고 {missing}은 따라오지 않습니다 ({t:.1f}초부터).",
            f"only {driven} follows the buttons; {missing} does not (from {t:.1f} s)",
            f"{missing}에도 같은 운전 명령을 쓰세요.",
            f"write the same run command to {missing} too",
            t,
            missing,
        )

    # --- stack light ----------------------------------------------------------------------------------
    def _lamps(self, c: dict, expected: list[bool], inputs_changed: list[int]) -> None:
        t = self.recorder.t
        ok = c["panel.safety_ok"]
        green, red, amber = c["stack_light.green"], c["stack_light.red"], c["stack_light.amber"]
        bad = mismatches(green, expected, inputs_changed, GRACE)
        if bad:
            k = bad[0][0]
            when_ko, when_en = at(t[k])
            if expected[k] and any(amber[j] == expected[j] for j in range(len(amber))) and amber[k]:
                self.fail(
                    "amber_for_running",
                    f"{when_ko} 컨베이어가 도는데 녹색등 대신 황색등(stack_light.amber)이 켜졌습니다.",
                    f"{when_en} the conveyors ran with the amber lamp (stack_light.amber) on instead of the green one",
                    "운전 중 표시는 녹색등 stack_light.green입니다.",
                    "running is shown by the green lamp, stack_light.green",
                    t[k],
                    "stack_light.green",
                )
            elif expected[k]:
                self.fail(
                    "green_off",
                    f"{when_ko} 컨베이어가 도는데 녹색등(stack_light.green)이 꺼져 있습니다.",
                    f"{when_en} the conveyors ran but the green lamp (stack_light.green) was off",
                    "컨베이어 운전 명령과 같은 값을 stack_light.green에 쓰세요.",
                    "write the conveyors' run command to stack_light.green too",
                    t[k],
                    "stack_light.green",
                )
            else:
                self.fail(
                    "green_on_stopped",
                    f"{when_ko} 컨베이어가 멈춰 있는데 녹색등(stack_light.green)이 켜져 있습니다.",
                    f"{when_en} the conveyors were stopped but the green lamp (stack_light.green) was on",
                    "녹색등은 운전 중에만 켜세요.",
                    "light the green lamp only while running",
                    t[k],
                    "stack_light.green",
                )
            return
        wanted = [not x for x in ok]
        bad = mismatches(red, wanted, inputs_changed, GRACE)
        if bad:
            k = bad[0][0]
            when_ko, when_en = at(t[k])
            if wanted[k]:
                self.fail(
                    "red_off_in_estop",
                    f"{when_ko} 비상정지 중인데 적색등(stack_light.red)이 꺼져 있습니다.",
                    f"{when_en} the line was in E-stop but the red lamp (stack_light.red) was off",
                    "stack_light.red = not panel.safety_ok로 쓰세요.",
                    "write stack_light.red = not panel.safety_ok",
                    t[k],
                    "stack_light.red",
                )
            else:
                self.fail(
                    "red_on_without_estop",
                    f"{when_ko} 비상정지가 아닌데 적색등(stack_light.red)이 켜져 있습니다.",
                    f"{when_en} there was no E-stop but the red lamp (stack_light.red) was on",
                    "적색등은 panel.safety_ok가 False일 때만 켜세요.",
                    "light the red lamp only while panel.safety_ok is False",
                    t[k],
                    "stack_light.red",
                )


@register
class SealIn(BehaviourCheck):
    """Start/stop with seal-in and stop priority, E-stop that needs a new start, stack light."""

    name = "seal_in"
    title = (
        "기동/정지 자기유지(정지 우선), 비상정지, 타워램프",
        "start/stop seal-in (stop priority), E-stop, stack light",
    )
    scenario = "conveyor"
    count = 6

    def episode(self, rng: random.Random, base: Scenario) -> Episode:
        actions, seconds = episode_actions(rng)
        scenario = base.model_copy(update={"actions": actions})
        return Episode(scenario, round(seconds, 1), {"actions": actions})

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return SealInJudge(plant, episode, run)
