"""Checks of lab 0-1 (Python for the line): ``lamp_follows_button``.

``lamp_follows_button`` (behaviour, unit 0): the green lamp of the stack light
is on exactly while the start button is held, the amber lamp exactly while it
is not. Expected, scan by scan, from what the controller read::

    stack_light.green = panel.start
    stack_light.amber = not panel.start

Each hidden run (6 of them, about 30-45 s each, scenario ``conveyor``) plays
the operator's presses in an order and at times drawn from its seed: a short
tap, a long hold, two presses in quick succession, a medium press, a press of
stop alone and a press of reset alone. Gaps of 2.5-5 s between them move
every press by more than ±2 s from one seed to the next, so a timetable
cannot pass. Mistakes named: a lamp that ignores the button, a timetable,
latching (seal-in), an inverted lamp, the wrong lamp or output, the wrong
button, ``==`` instead of ``=`` (nothing written), amber missing or wrong;
writing ``panel.start`` (a read-only input) is refused by the runner itself
(finding ``read_only_tag``).
"""

from __future__ import annotations

import random

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
from factorylab.control.checks.result import Trace, at
from factorylab.plant import Plant, Scenario
from factorylab.plant.scenario import Action

INPUTS = ("panel.start", "panel.stop", "panel.reset")
LAMPS = ("stack_light.green", "stack_light.amber")
#: outputs a student may drive by mistake instead of the lamp asked for
OTHERS = ("stack_light.red", "stack_light.buzzer", "conveyor1.run", "conveyor2.run", "feeder.run")
#: scans a lamp may lag behind the button (0.6 s): a beginner's lamp answers in one scan
GRACE = 12
#: seconds after an input change within which any lamp change counts as an answer to it: a program answers in
#: the scan that reads the change (or the next); a replayed or timed lamp rarely lands this close
CAUSE = 0.05
#: seconds after a press within which a lamp change that agrees with the held button is a late answer to it
LATE = 1.5
#: lamp changes that no button change explains that make a lamp a time table
OPEN_LOOP_SWITCHES = 2

_NAMES_KO = {
    "stack_light.green": "녹색등",
    "stack_light.amber": "황색등",
    "stack_light.red": "적색등",
    "stack_light.buzzer": "부저",
    "conveyor1.run": "컨베이어1 운전 명령",
    "conveyor2.run": "컨베이어2 운전 명령",
    "feeder.run": "공급기 운전 명령",
}
_NAMES_EN = {
    "stack_light.green": "green lamp",
    "stack_light.amber": "amber lamp",
    "stack_light.red": "red lamp",
    "stack_light.buzzer": "buzzer",
    "conveyor1.run": "conveyor1 run command",
    "conveyor2.run": "conveyor2 run command",
    "feeder.run": "feeder run command",
}


def _press(when: float, button: str, hold: float) -> Action:
    return Action(at=round(when, 2), press=button, hold=round(hold, 2))


def episode_actions(rng: random.Random) -> tuple[list[Action], float, list[tuple[str, float, float]]]:
    """The operator's presses of one hidden run, its length (s) and the script (what, when, how long).

    Six episodes in an order drawn from ``rng``: a tap (0.25-0.5 s), a long
    hold (3.5-6 s), a double press (two 0.2-0.35 s presses 0.45-0.8 s
    apart), a medium press (0.8-2 s), stop alone and reset alone. The first
    starts at 1.5-4.5 s; gaps of 2.5-5 s follow each.
    """
    actions: list[Action] = []
    script: list[tuple[str, float, float]] = []
    t = rng.uniform(1.5, 4.5)

    def press(name: str, button: str, hold: float) -> None:
        actions.append(_press(t, button, hold))
        script.append((name, round(t, 2), round(hold, 2)))

    def tap() -> float:
        hold = rng.uniform(0.25, 0.5)
        press("tap", "start", hold)
        return hold

    def long_hold() -> float:
        hold = rng.uniform(3.5, 6.0)
        press("long", "start", hold)
        return hold

    def double() -> float:
        nonlocal t
        first = rng.uniform(0.2, 0.35)
        press("double", "start", first)
        between = rng.uniform(0.45, 0.8)
        t += between
        second = rng.uniform(0.2, 0.35)
        press("double", "start", second)
        return second

    def medium() -> float:
        hold = rng.uniform(0.8, 2.0)
        press("medium", "start", hold)
        return hold

    def stop_alone() -> float:
        hold = rng.uniform(0.4, 1.2)
        press("stop", "stop", hold)
        return hold

    def reset_alone() -> float:
        hold = rng.uniform(0.3, 0.8)
        press("reset", "reset", hold)
        return hold

    episodes = [tap, long_hold, double, medium, stop_alone, reset_alone]
    rng.shuffle(episodes)
    while episodes[0] in (stop_alone, reset_alone):  # the first thing that happens is a start press
        episodes.append(episodes.pop(0))
    for episode in episodes:
        held = episode()
        t += held + rng.uniform(2.5, 5.0)
    actions.sort(key=lambda a: a.at)
    return actions, t + 1.0, script


class LampJudge(Judge):
    """Records the buttons and the outputs after every scan, then compares the lamps with the button."""

    wants_steps = False

    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        super().__init__(plant, episode, run)
        self.recorder = Recorder(plant, INPUTS + LAMPS + OTHERS)

    def after_scan(self, t: float) -> None:
        self.recorder.sample(t)

    def trace(self) -> Trace:
        c = self.recorder.columns()
        start = c["panel.start"]
        return Trace(
            self.recorder.t,
            {name: c[name] for name in INPUTS},
            {name: c[name] for name in LAMPS},
            {"stack_light.green": list(start), "stack_light.amber": [not s for s in start]},
            [f.t for f in self.findings if f.t is not None],
        )

    def finish(self) -> list:
        c = self.recorder.columns()
        start = c["panel.start"]
        changed = changes(*(c[name] for name in INPUTS))
        green, amber = c["stack_light.green"], c["stack_light.amber"]
        wanted = [not s for s in start]
        for name, expected in (("stack_light.green", start), ("stack_light.amber", wanted)):
            if self._open_loop(name, c[name], expected, start, changed):
                return self.findings
        bad = mismatches(green, start, changed, GRACE)
        if bad:
            self._explain_green(bad[0][0], c, changed)
            return self.findings
        bad = mismatches(amber, wanted, changed, GRACE)
        if bad:
            self._explain_amber(bad[0][0], c, changed)
        return self.findings

    # --- a lamp that ignores the inputs ---------------------------------------------------------------
    def _open_loop(self, name: str, output: list, expected: list, held: list, changed: list[int]) -> bool:
        """Fail when the lamp switches at least twice with no button change just before.

        A change within CAUSE of a button change answers it; one that puts
        the lamp where the button says while start is held, within LATE of
        a button change, is a late answer (a timer before lighting), wrong
        but no time table.
        """
        t = self.recorder.t
        window = round(CAUSE / 0.05)
        unexplained = []
        late = round(LATE / 0.05)
        for k in sorted(rising(output) + falling(output)):
            if k == 0:
                continue  # how a lamp starts is judged by the comparison with the button
            last = last_before(changed, k)
            since = None if last is None or last == 0 else k - last
            if since is not None and since <= window:
                continue  # an answer to the button
            if since is not None and since <= late and held[k] and bool(output[k]) == bool(expected[k]):
                continue  # a late answer to the button (a timer): wrong, but no time table
            unexplained.append(k)
        if len(unexplained) < OPEN_LOOP_SWITCHES:
            return False
        k = unexplained[0]
        when_ko, when_en = at(t[k])
        what_ko = "켜졌습니다" if output[k] else "꺼졌습니다"
        what_en = "came on" if output[k] else "went off"
        self.fail(
            "open_loop",
            f"아무도 버튼을 건드리지 않았는데 {when_ko} {_NAMES_KO[name]}(`{name}`)이 {what_ko}: 램프가 입력(버튼)을 "
            f"따르지 않고 시간표대로 움직입니다.",
            f"the {_NAMES_EN[name]} ({name}) {what_en} {when_en} although nobody touched a button: your outputs do "
            f"not follow the inputs (the buttons), they follow a time table",
            "시간(t)이 아니라 `panel.start`를 읽어서 램프를 정하세요.",
            "decide the lamps from panel.start, not from the time t",
            t[k],
            name,
        )
        return True

    def _follows(self, output: list, pattern: list, changed: list[int]) -> bool:
        """True if ``output`` is on when, and only when, ``pattern`` is (each stretch of one meets one of the other)."""
        if not any(output) or mismatches(output, pattern, changed, GRACE):
            return False
        on, wanted = runs(output), runs(pattern)
        meets = lambda a, b: a[0] < b[1] and b[0] < a[1]  # noqa: E731
        return all(any(meets(a, b) for b in wanted) for a in on) and all(any(meets(b, a) for a in on) for b in wanted)

    # --- the green lamp -----------------------------------------------------------------------------------
    def _explain_green(self, k: int, c: dict, changed: list[int]) -> None:
        t = self.recorder.t
        start, green, amber = c["panel.start"], c["stack_light.green"], c["stack_light.amber"]
        presses = rising(start)
        first_ko, first_en = at(t[presses[0]])
        if not any(green):
            for other in ("stack_light.amber", *OTHERS):
                if self._follows(c[other], start, changed):
                    self.fail(
                        "wrong_lamp",
                        f"기동 버튼을 따라 켜진 것은 녹색등이 아니라 {_NAMES_KO[other]}(`{other}`)입니다 "
                        f"({first_ko} 처음 눌렀을 때).",
                        f"what followed the start button was the {_NAMES_EN[other]} ({other}), not the green lamp "
                        f"(first press {first_en})",
                        "녹색등의 태그 이름은 `stack_light.green`입니다: line.info('stack_light.green')으로 확인하세요.",
                        "the green lamp's tag is stack_light.green: check with line.info('stack_light.green')",
                        t[presses[0]],
                        "stack_light.green",
                    )
                    return
            if not any(amber) and not any(any(c[other]) for other in OTHERS):
                self.fail(
                    "nothing_written",
                    f"{first_ko} 기동 버튼을 눌렀는데 녹색등도 황색등도 한 번도 켜지지 않았습니다: 램프에 값을 쓰지 "
                    f"않았습니다.",
                    f"start was pressed {first_en} but neither the green nor the amber lamp ever came on: nothing was "
                    f"written to the lamps",
                    "`==`는 비교만 합니다: 값을 쓰려면 `line.stack_light.green = ...`처럼 `=` 하나를 쓰세요.",
                    "== only compares: to write a value use one =, as in line.stack_light.green = ...",
                    t[presses[0]],
                    "stack_light.green",
                )
                return
            self.fail(
                "green_never_on",
                f"{first_ko} 기동 버튼(`panel.start`)을 눌렀는데 녹색등(`stack_light.green`)이 켜지지 않았습니다.",
                f"start (panel.start) was pressed {first_en} but the green lamp (stack_light.green) did not come on",
                "버튼이 눌려 있는 동안 `stack_light.green`에 True를 쓰세요 (값을 쓰는 것은 `=`, `==`는 비교).",
                "write True to stack_light.green while the button is held (= writes a value, == compares)",
                t[presses[0]],
                "stack_light.green",
            )
            return
        when_ko, when_en = at(t[k])
        if all(green):
            self.fail(
                "ignores_button",
                f"녹색등(`stack_light.green`)이 처음부터 끝까지 켜져 있습니다: {when_ko} 아무도 기동 버튼을 누르지 "
                f"않았는데도 켜져 있었습니다.",
                f"the green lamp (stack_light.green) was on from start to end: {when_en} nobody was pressing start, "
                f"yet it was on",
                "True를 그냥 쓰지 말고, `panel.start`의 값을 읽어서 쓰세요.",
                "do not just write True: read panel.start and write its value",
                t[k],
                "stack_light.green",
            )
            return
        for button in ("panel.stop", "panel.reset"):
            if self._follows(green, c[button], changed):
                self.fail(
                    "wrong_button",
                    f"녹색등이 기동 버튼이 아니라 `{button}`을 따라 켜집니다 ({when_ko}).",
                    f"the green lamp follows {button}, not the start button ({when_en})",
                    "기동 버튼의 태그는 `panel.start`입니다.",
                    "the start button's tag is panel.start",
                    t[k],
                    button,
                )
                return
        if self._follows(green, [not s for s in start], changed):
            self.fail(
                "inverted",
                f"녹색등이 거꾸로입니다: {when_ko} 기동 버튼을 누르지 않았는데 켜져 있고, 누르면 꺼집니다.",
                f"the green lamp is upside down: {when_en} start was not pressed and it was on, and pressing start "
                f"switches it off",
                "`not`을 빼세요: 녹색등 = 버튼이 눌려 있음.",
                "leave out the not: green lamp = the button is pressed",
                t[k],
                "stack_light.green",
            )
            return
        if green[k] and not start[k]:
            released = last_before(falling(start), k)
            if released is not None and all(green[released : k + 1]):
                off_ko, off_en = at(t[released])
                self.fail(
                    "latched",
                    f"{off_ko} 기동 버튼에서 손을 뗐는데 녹색등(`stack_light.green`)이 계속 켜져 있습니다: 이 과제는 "
                    f"누르는 동안만 켜는 것입니다 (자기유지가 아님).",
                    f"start was let go {off_en} but the green lamp (stack_light.green) stayed on: this exercise "
                    f"lights it only while the button is held (no seal-in)",
                    "켜진 상태를 기억하지 말고, 스캔마다 지금 버튼 값을 그대로 쓰세요.",
                    "do not remember the on state: in every scan write the button's value as it is now",
                    t[released],
                    "stack_light.green",
                )
                return
            self.fail(
                "green_on_without_start",
                f"{when_ko} 기동 버튼(`panel.start`)이 눌려 있지 않은데 녹색등(`stack_light.green`)이 켜져 있습니다.",
                f"{when_en} start (panel.start) was not pressed but the green lamp (stack_light.green) was on",
                "녹색등은 `panel.start`가 True인 동안에만 켜세요.",
                "light the green lamp only while panel.start is True",
                t[k],
                "stack_light.green",
            )
            return
        late = self._late(start, green)
        if late is not None:
            pressed, lit = late
            delay = t[lit] - t[pressed]
            self.fail(
                "green_late",
                f"{at(t[pressed])[0]} 기동 버튼을 눌렀는데 녹색등(`stack_light.green`)이 {delay:.1f}초 늦게 켜졌습니다.",
                f"start was pressed {at(t[pressed])[1]} but the green lamp (stack_light.green) came on {delay:.1f} s "
                f"late",
                "타이머로 기다리지 말고, 버튼이 눌린 그 스캔에 바로 켜세요.",
                "do not wait with a timer: switch it on in the very scan the button is pressed",
                t[pressed],
                "stack_light.green",
            )
            return
        self.fail(
            "green_off_while_held",
            f"{when_ko} 기동 버튼(`panel.start`)을 누르고 있는데 녹색등(`stack_light.green`)이 꺼져 있습니다.",
            f"{when_en} start (panel.start) was held but the green lamp (stack_light.green) was off",
            "버튼이 눌려 있는 동안은 매 스캔 녹색등을 켜 두세요.",
            "keep the green lamp on in every scan while the button is held",
            t[k],
            "stack_light.green",
        )

    @staticmethod
    def _late(start: list, green: list) -> tuple[int, int] | None:
        """(press, lit) of the first press the green lamp answered late (after the grace), else None."""
        releases = falling(start)
        for pressed in rising(start):
            released = next((j for j in releases if j > pressed), len(start))
            lit = next((j for j in range(pressed, released) if green[j]), None)
            if lit is not None and lit - pressed > GRACE:
                return pressed, lit
        return None

    # --- the amber lamp --------------------------------------------------------------------------------------
    def _explain_amber(self, k: int, c: dict, changed: list[int]) -> None:
        t = self.recorder.t
        start, amber = c["panel.start"], c["stack_light.amber"]
        wanted = [not s for s in start]
        when_ko, when_en = at(t[k])
        if not any(amber):
            for other in OTHERS:
                if self._follows(c[other], wanted, changed):
                    self.fail(
                        "amber_wrong_lamp",
                        f"버튼을 누르지 않은 동안 켜진 것은 황색등이 아니라 {_NAMES_KO[other]}(`{other}`)입니다.",
                        f"what was on while the button was not pressed was the {_NAMES_EN[other]} ({other}), not "
                        f"the amber lamp",
                        "황색등의 태그 이름은 `stack_light.amber`입니다.",
                        "the amber lamp's tag is stack_light.amber",
                        t[k],
                        "stack_light.amber",
                    )
                    return
            self.fail(
                "amber_missing",
                f"녹색등은 맞습니다. 그런데 {when_ko} 기동 버튼이 눌려 있지 않은데 황색등(`stack_light.amber`)이 "
                f"꺼져 있습니다.",
                f"the green lamp is right, but {when_en} start was not pressed and the amber lamp (stack_light.amber) "
                f"was off",
                "황색등에는 녹색등의 반대, `not line.panel.start`를 쓰세요.",
                "write the opposite of the green lamp to the amber lamp: not line.panel.start",
                t[k],
                "stack_light.amber",
            )
            return
        if amber[k]:
            self.fail(
                "amber_with_green",
                f"{when_ko} 기동 버튼을 누르고 있는데 황색등(`stack_light.amber`)도 켜져 있습니다: 황색등은 버튼을 누르지 "
                f"않은 동안만 켭니다.",
                f"{when_en} start was held and the amber lamp (stack_light.amber) was on too: amber is only for while "
                f"the button is not pressed",
                "버튼을 누르면 황색등을 끄세요 (`not`을 쓰면 됩니다).",
                "switch the amber lamp off while the button is pressed (use not)",
                t[k],
                "stack_light.amber",
            )
            return
        self.fail(
            "amber_off",
            f"{when_ko} 기동 버튼이 눌려 있지 않은데 황색등(`stack_light.amber`)이 꺼져 있습니다.",
            f"{when_en} start was not pressed but the amber lamp (stack_light.amber) was off",
            "매 스캔 황색등 = `not line.panel.start`로 쓰세요.",
            "in every scan write amber = not line.panel.start",
            t[k],
            "stack_light.amber",
        )


@register
class LampFollowsButton(BehaviourCheck):
    """Green lamp on exactly while start is held, amber while it is not."""

    name = "lamp_follows_button"
    title = ("기동 버튼을 따르는 타워램프", "a stack light that follows the start button")
    scenario = "conveyor"
    count = 6

    def episode(self, rng: random.Random, base: Scenario) -> Episode:
        actions, seconds, script = episode_actions(rng)
        scenario = base.model_copy(update={"actions": actions})
        return Episode(scenario, round(seconds, 1), {"presses": script})

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return LampJudge(plant, episode, run)
