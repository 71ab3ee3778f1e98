"""``tank_level`` (lab 6-1): keep the coolant tank between 300 and 700 mm by on/off control with hysteresis.

The exercise asks for **on/off control with hysteresis**: the inflow valve
``tank.inflow`` is either fully open (100 %) or closed (0 %); it opens when
the level ``tank.level`` falls below 300 mm, closes when it rises above
700 mm, and between the two it stays as it is. A proportional (or any
modulating) valve controller is a fine controller, but not the one this
exercise asks for: it is recognised and told so (``proportional``), never
"the valve did not move".

Expected, scan by scan, from the level the controller read::

    open = True  if level < 300
    open = False if level > 700
    open unchanged otherwise (starting in the band, what it chooses in the first 5 s stands)

and its complement: never open while the level is above 700 mm, never close
while it is below 300 mm, and never switch inside the band without having
crossed a limit (that is chatter, or limits in the wrong place). Only the
command is judged, not the level: a stuck valve or a surge that the valve
cannot keep up with is no fault of the controller.

Tolerances: a switch counts as on time when it comes before the level read
is 20 mm past the limit or within 5 s of crossing it, so ``< 300`` and
``<= 300``, raw counts (1200/2800), a short moving average, a 2 s debounce
and limits within ±20 mm (290/710, 315/685) pass; 400/600, 350/650,
250/750, 200/800 or the level switches (150/900 mm) do not. Starting inside
the band, either choice is right until the level reaches a limit.

Hidden runs (6, each about 1100-1800 s at a 0.5 s scan: the tank is slow,
its model steps every 0.2 s and its level moves at most 4 mm/s): each
draws the machines' steady draw (0.3-0.6 L/s), the start level and a step
in that draw (a surge of +0.1-0.25 or a drop of 0.1-0.2 L/s, at 400-700 s);
the run lasts until an ideal controller would have opened and closed the
valve three times after the start, and at least 400 s after the step. The
first run of a check starts above 700 mm (730-770) with a flush at 2-8 s
(1.8-2.1 L/s for 35-45 s, more than the open valve gives), so a valve that
works backwards opens and then closes again and shows it. The other five
start below (180-280 mm), inside (380-620 mm) or above (725-850 mm) the
band, in an order shuffled per check, and have: nothing else (twice, the
runs without a disturbance), a surge beyond the valve's 1 L/s (1.15-1.4 L/s
for 25-45 s) 5-20 s after the valve should open (the level falls below
300 mm with the valve open: keep it open), or the valve stuck
(``valve_stuck``) for 20-40 s from 3-15 s before it should open or close
(the level goes past the limit: the command must still be right). Every
time is drawn from the seed; the disturbances are placed with a quick model
of the ideal controller (:func:`ideal`). Which run gets which disturbance is
planned from the list of seeds (:func:`plan`), so every check has them all.

Findings, in this order: in-between openings (``proportional``, or
``partly_open`` for one opening below 100 %); ``open_loop`` (switching
levels that do not hang together: a timetable or a count); then the first
break of the rule in time, told as ``never_opens``, ``never_closes``,
``backwards``, ``chatter``, ``wrong_limits`` or ``level_switches`` (the
level switches ``tank.low``/``tank.high`` at 150 and 900 mm used instead of
``tank.level``). An opening above 700 mm (or closing below 300 mm) that is
undone within 5 s, e.g. an output written one scan late, is let go.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from ...plant import Plant, Scenario, load_scenario
from ...plant.scenario import Action, FaultSettings, ScheduledFault
from .base import register
from .behaviour import BehaviourCheck, Episode, Judge, Recorder, run_behaviour
from .result import CheckResult, Trace, at

LOW, HIGH = 300.0, 700.0  # mm: open below, close above
#: mm a switch may come past the limit (reading, filter lag)
TOLERANCE = 20.0
#: scan of this check, s (the tank model steps every 0.2 s; its level moves at most 4 mm/s)
SCAN = 0.5
#: scans a switch may lag the level crossing a limit (5 s)
LAG = round(5.0 / SCAN)
#: mm: switching levels of one kind further apart than this do not follow the level
SPREAD = 60.0
#: scans the level must stay past a level where the valve switched before, without a switch, for open loop (10 s)
HOLD = round(10.0 / SCAN)
#: mm: opening and closing at levels closer than this is chatter (no hysteresis)
CHATTER_GAP = 50.0
#: commands at or above this are "open", at or below CLOSED "closed"; anything between is an in-between opening
FULL, CLOSED = 99.5, 0.5
INPUTS = ("tank.level", "tank.low", "tank.high")
OUTPUT = "tank.inflow"
SHORTEST, LONGEST = 900.0, 2000.0  # s
#: a run lasts until an ideal controller has opened and closed the valve this many times after the start
CYCLES = 3
#: s a run goes on after the step in demand, at least
AFTER_STEP = 400.0

# --- the hidden runs ----------------------------------------------------------------------------------

#: what else happens in a run besides the step in demand
KINDS = ("flush", "quiet", "overdraw", "stuck_closed", "stuck_open")
#: where the level starts
ZONES = {"low": (180.0, 280.0), "band": (380.0, 620.0), "high": (725.0, 850.0)}
#: runs 2.. of a check: kinds and start zones, each list shuffled per check
REST_KINDS = ("quiet", "overdraw", "stuck_closed", "stuck_open", "quiet")
REST_ZONES = ("low", "band", "high", "low", "band")


def ideal(
    level: float,
    demand: list[tuple[float, float]],
    stuck: list[tuple[float, float]],
    seconds: float,
) -> list[tuple[float, bool, float]]:
    """The switches (time, opened, level) an ideal on/off controller makes, on a simple model of the tank.

    The controller acts every 0.2 s here (the check scans every 0.5 s): close
    enough to place the disturbances and choose the run's length.

    ``demand``: (time, L/s) from time 0 on; ``stuck``: (start, end) of valve
    faults. Same physics as :mod:`factorylab.plant.tank` without noise: 1 L
    is 4 mm, the valve gives 1 L/s at 100 % and moves 25 %/s, the draw stops
    at the suction level (100 mm), the tank spills over at 1000 mm.
    """
    edges: list[tuple[float, bool, float]] = []
    position = 0.0
    command = level < LOW
    draw = demand[0][1]
    next_demand = 1
    for i in range(round(seconds / 0.2)):
        t = i * 0.2
        while next_demand < len(demand) and demand[next_demand][0] <= t + 1e-9:
            draw = demand[next_demand][1]
            next_demand += 1
        if level < LOW and not command:
            command = True
            edges.append((t, True, level))
        elif level > HIGH and command:
            command = False
            edges.append((t, False, level))
        if not (stuck and any(a <= t < b for a, b in stuck)):
            position += max(-5.0, min(5.0, (100.0 if command else 0.0) - position))
        level += 0.8 * (position / 100.0 - (draw if level > 100.0 else 0.0))
        level = 1000.0 if level > 1000.0 else 0.0 if level < 0.0 else level
    return edges


def _between(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high), 2)


def draw_episode(rng: random.Random, base: Scenario, kind: str | None = None, zone: str | None = None) -> Episode:
    """One hidden run. ``kind``/``zone`` as planned for its place in the check; drawn from ``rng`` if None."""
    drawn_kind = rng.choice(KINDS)
    drawn_zone = rng.choice(tuple(ZONES))
    kind = kind or drawn_kind
    zone = zone or drawn_zone
    d0 = _between(rng, 0.3, 0.6)
    level = _between(rng, 730.0, 770.0) if kind == "flush" else _between(rng, *ZONES[zone])
    step_at = _between(rng, 400.0, 700.0)
    surge = rng.random() < 0.5
    d1 = round(min(0.75, d0 + rng.uniform(0.1, 0.25)) if surge else max(0.25, d0 - rng.uniform(0.1, 0.2)), 3)
    windows: list[tuple[float, float, float]] = []  # (start, end, L/s): a temporary draw
    stuck: list[tuple[float, float]] = []
    if kind == "flush":
        start = _between(rng, 2.0, 8.0)
        windows.append((start, round(start + rng.uniform(35.0, 45.0), 2), _between(rng, 1.8, 2.1)))

    def schedule() -> list[tuple[float, float]]:
        points = [(0.0, d0), (step_at, d1)]
        for a, b, value in windows:
            points = [p for p in points if not a <= p[0] < b]
            after = [v for when, v in points if when <= b][-1]
            points += [(a, value), (b, after)]
        return sorted(points)

    script: dict[str, Any] = {"kind": kind, "zone": zone, "level": level, "demand": d0, "step": (step_at, d1)}
    if kind in ("overdraw", "stuck_closed", "stuck_open"):
        edges = ideal(level, schedule(), [], LONGEST)
        wanted = kind != "stuck_open"  # the switch to place the disturbance at: an opening, or a closing
        times = [t for t, opened, _ in edges if opened == wanted]
        offset = rng.uniform(5.0, 20.0) if kind == "overdraw" else -rng.uniform(3.0, 15.0)
        length = rng.uniform(25.0, 45.0) if kind == "overdraw" else rng.uniform(20.0, 40.0)
        for t in times:
            a = round(t + offset, 2)
            b = round(a + length, 2)
            if 5.0 < a < LONGEST - 300.0 and not (a - 15.0 < step_at < b + 15.0):
                if kind == "overdraw":
                    windows.append((a, b, _between(rng, 1.15, 1.4)))
                else:
                    stuck.append((a, b))
                script["disturbance"] = (a, b)
                break
    demand = schedule()
    edges = ideal(level, demand, stuck, LONGEST)
    opens = [t for t, opened, _ in edges if opened]
    closes = [t for t, opened, _ in edges if not opened]
    seconds = LONGEST
    if len(opens) >= CYCLES and len(closes) >= CYCLES:
        last = max(opens[CYCLES - 1], closes[CYCLES - 1], step_at + AFTER_STEP, *(w[1] + 60.0 for w in windows + stuck))
        seconds = min(LONGEST, max(SHORTEST, last + rng.uniform(15.0, 30.0)))
    actions = [Action(at=when, demand=value) for when, value in demand[1:]]
    faults = FaultSettings(
        schedule=[ScheduledFault(at=a, kind="valve_stuck", target="tank", duration=round(b - a, 2)) for a, b in stuck]
    )
    tank = base.tank.model_copy(update={"level": level, "inflow": 0.0, "demand": d0})
    scenario = base.model_copy(update={"tank": tank, "actions": actions, "faults": faults})
    script["demand_schedule"] = demand
    script["stuck"] = stuck
    return Episode(scenario, round(seconds / SCAN) * SCAN, script)


def plan(seeds: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Kind and start zone of each hidden run: the first a flush from above 700 mm, the rest shuffled."""
    rng = random.Random("tank_level|" + "|".join(str(s) for s in seeds))
    kinds = list(REST_KINDS)
    zones = list(REST_ZONES)
    rng.shuffle(kinds)
    rng.shuffle(zones)
    planned: dict[int, tuple[str, str]] = {}
    for index, seed in enumerate(seeds):
        if index == 0:
            planned[seed] = ("flush", "high")
        else:
            planned[seed] = (kinds[(index - 1) % len(kinds)], zones[(index - 1) % len(zones)])
    return planned


# --- the judge ------------------------------------------------------------------------------------------


def _mm(value: float) -> str:
    return f"{value:.0f} mm"


def _switched_on(switch: list[bool], k: int) -> bool:
    """True if a level switch is on at scan ``k`` and came on within the three scans before (a controller following it)."""
    return switch[k] and any(not switch[j] for j in range(max(0, k - 3), k))


class TankJudge(Judge):
    wants_steps = False

    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        super().__init__(plant, episode, run)
        self.recorder = Recorder(plant, INPUTS + (OUTPUT,))
        self.overflow: list[float] = []

    def after_scan(self, t: float) -> None:
        self.recorder.sample(t)
        self.overflow.append(self.plant.tank.overflow_total)

    # --- what was expected ------------------------------------------------------------------------
    def expected(self) -> list[bool | None]:
        """Open (True) / closed (False) as the rule says from the level read; None (either) in the band at first."""
        state: bool | None = None
        expected: list[bool | None] = []
        for level in self.recorder.column("tank.level"):
            if level < LOW:
                state = True
            elif level > HIGH:
                state = False
            expected.append(state)
        return expected

    def trace(self) -> Trace:
        c = self.recorder.columns()
        expected = [None if e is None else 100.0 if e else 0.0 for e in self.expected()]
        return Trace(
            self.recorder.t,
            {name: c[name] for name in INPUTS},
            {OUTPUT: c[OUTPUT]},
            {OUTPUT: expected},
            [f.t for f in self.findings if f.t is not None],
        )

    # --- the verdict -----------------------------------------------------------------------------------
    def finish(self) -> list:
        commands = self.recorder.column(OUTPUT)
        if self._modulating(commands):
            return self.findings
        opened = [v >= FULL for v in commands]
        levels = self.recorder.column("tank.level")
        if self._open_loop(opened, levels):
            return self.findings
        self._rule(opened, levels)
        return self.findings

    def _modulating(self, commands: list[float]) -> bool:
        t = self.recorder.t
        between = sorted({round(v, 1) for v in commands if CLOSED < v < FULL})
        if not between:
            return False
        k = next(k for k, v in enumerate(commands) if CLOSED < v < FULL)
        when_ko, when_en = at(t[k])
        if len(between) == 1 and not any(v >= FULL for v in commands):
            value = f"{between[0]:g} %"
            self.fail(
                "partly_open",
                f"{when_ko} 유입 밸브(tank.inflow)를 {value}만 열었습니다: ON/OFF 제어에서는 밸브를 끝까지 엽니다.",
                f"{when_en} the inflow valve (tank.inflow) was opened only {value}: on/off control opens it fully",
                "열 때는 100, 닫을 때는 0을 쓰세요.",
                "write 100 to open it and 0 to close it",
                t[k],
                OUTPUT,
            )
            return True
        value = f"{commands[k]:g} %"
        self.fail(
            "proportional",
            f"{when_ko} tank.inflow에 {value} 같은 중간 열림을 썼습니다: 수위에 따라 밸브를 조금씩 여는 비례 제어이지만, "
            f"이 과제는 히스테리시스가 있는 ON/OFF 제어입니다.",
            f"{when_en} tank.inflow was set to an in-between opening ({value}): that is proportional (modulating) "
            f"control, a good idea, but this exercise asks for on/off control with hysteresis",
            "300 mm 아래에서는 100, 700 mm 위에서는 0을 쓰고, 그 사이에서는 그대로 두세요.",
            "write 100 below 300 mm and 0 above 700 mm, and leave it as it is in between",
            t[k],
            OUTPUT,
        )
        return True

    # --- outputs that ignore the level -----------------------------------------------------------------
    def _open_loop(self, opened: list[bool], levels: list[float]) -> bool:
        """Fail when the valve switches at levels that cannot come from any rule on the level.

        A controller that follows the level opens at about the same level each
        time and closes at about the same level each time (whatever those
        levels are), and never sits past a level where it switched before,
        with the valve as it was, for long. What it does in the first 5 s is
        its first choice (a start-up delay), not a switch.
        """
        opens = [k for k in range(LAG + 1, len(opened)) if opened[k] and not opened[k - 1]]
        closes = [k for k in range(LAG + 1, len(opened)) if opened[k - 1] and not opened[k]]
        found: tuple[int, float, bool, bool] | None = None  # scan, the other level, open, a switch
        for edges, is_open in ((opens, True), (closes, False)):
            for index, k in enumerate(edges):
                j = next((j for j in edges[:index] if abs(levels[k] - levels[j]) > SPREAD), None)
                if j is not None:
                    if found is None or k < found[0]:
                        found = (k, levels[j], is_open, True)
                    break
        first = min(opens + closes, default=None)
        if found is None and first is not None:
            # sitting past a level where it switched before, without switching (after its first switch)
            lowest_open = min((levels[k] for k in opens), default=None)
            highest_close = max((levels[k] for k in closes), default=None)
            run = 0
            for k in range(first, len(opened)):
                if not opened[k] and lowest_open is not None and levels[k] < lowest_open - SPREAD:
                    run += 1
                    other, is_open = lowest_open, False
                elif opened[k] and highest_close is not None and levels[k] > highest_close + SPREAD:
                    run += 1
                    other, is_open = highest_close, True
                else:
                    run = 0
                if run >= HOLD:
                    found = (k - HOLD + 1, other, is_open, False)
                    break
        if found is None:
            return False
        self._say_open_loop(*found)
        return True

    def _say_open_loop(self, k: int, other: float, is_open: bool, switched: bool) -> None:
        """The open-loop finding: at scan ``k`` the valve was (or went) open/closed where at another time it did not."""
        t = self.recorder.t
        levels = self.recorder.column("tank.level")
        when_ko, when_en = at(t[k])
        level = _mm(levels[k])
        if switched and is_open:
            ko = f"{when_ko} 수위 {level}에서 밸브가 열렸는데, 다른 때에는 {_mm(other)}에서 열었습니다"
            en = (
                f"the valve opened {when_en} with the level at {level}, while at another time it opened at {_mm(other)}"
            )
        elif switched:
            ko = f"{when_ko} 수위 {level}에서 밸브가 닫혔는데, 다른 때에는 {_mm(other)}에서 닫았습니다"
            en = (
                f"the valve closed {when_en} with the level at {level}, while at another time it closed at {_mm(other)}"
            )
        elif is_open:
            ko = f"{when_ko} 수위가 {level}인데 밸브가 열려 있었습니다(다른 때에는 {_mm(other)}에서 닫았습니다)"
            en = (
                f"the valve stayed open {when_en} with the level at {level} (at another time it closed at {_mm(other)})"
            )
        else:
            ko = f"{when_ko} 수위가 {level}인데 밸브가 닫혀 있었습니다(다른 때에는 {_mm(other)}에서 열었습니다)"
            en = f"the valve stayed closed {when_en} with the level at {level} (at another time it opened at {_mm(other)})"
        self.fail(
            "open_loop",
            ko + ": 밸브가 입력(수위 tank.level)을 따르지 않고 시간표대로 움직입니다.",
            en + ": your outputs do not follow the inputs (the level, tank.level), they follow a timetable",
            "시간이나 개수가 아니라 tank.level을 읽어서 tank.inflow를 정하세요.",
            "decide tank.inflow from tank.level, not from the time or a count",
            t[k],
            OUTPUT,
        )

    # --- the on/off rule ------------------------------------------------------------------------------
    def _rule(self, opened: list[bool], levels: list[float]) -> None:
        """Find the first scan that breaks the rule, and say which mistake it is."""
        c = self.recorder.columns()
        state: bool | None = None
        choosing = True  # starting in the band, the first 5 s are the controller's own choice
        below = above = None  # scan where the level went past the limit
        previous = False  # the valve is closed when the run starts
        for k, level in enumerate(levels):
            is_open = opened[k]
            if level < LOW:
                state = True
                below = k if below is None else below
                choosing = False
            else:
                below = None
            if level > HIGH:
                state = False
                above = k if above is None else above
                choosing = False
            else:
                above = None
            if choosing and k <= LAG:
                state = is_open  # starting in the band: its first choice stands
            opening = is_open and not previous
            closing = previous and not is_open
            previous = is_open
            if opening and level > HIGH and all(opened[k : k + LAG]):  # a blip of one scan or two is let go
                return self._opened_high(k, opened, levels, c["tank.high"])
            if closing and level < LOW and not any(opened[k : k + LAG]):
                return self._closed_low(k, levels)
            if is_open and above is not None and level > HIGH + TOLERANCE and k - above >= LAG:
                return self._late_close(k, opened, levels, c["tank.high"])
            if not is_open and below is not None and level < LOW - TOLERANCE and k - below >= LAG:
                return self._late_open(k, opened, levels, c["tank.low"])
            if opening and state is False and LOW + TOLERANCE <= level <= HIGH:
                return self._early(k, opened, levels, True)
            if closing and state is True and LOW <= level <= HIGH - TOLERANCE:
                return self._early(k, opened, levels, False)
            if opening:
                state = True
            elif closing:
                state = False
        return None

    def _never_closed(self, since: int) -> tuple[str, str]:
        """How a sentence about a valve that stayed open ends: with the overflow, if the tank spilled."""
        spilled = next((k for k in range(since, len(self.overflow)) if self.overflow[k] > 0.0), None)
        if spilled is None:
            return "닫히지 않았습니다", "never closed"
        when_ko, when_en = at(self.recorder.t[spilled])
        return f"닫히지 않아 {when_ko} 탱크가 넘쳤습니다", f"never closed, and the tank overflowed {when_en}"

    def _opened_high(self, k: int, opened: list[bool], levels: list[float], high: list[bool]) -> None:
        t = self.recorder.t
        when_ko, when_en = at(t[k])
        level = _mm(levels[k])
        later = next((j for j in range(k, len(opened)) if not opened[j]), None)
        if later is None:
            end_ko, end_en = self._never_closed(k)
            self.fail(
                "never_closes",
                f"{when_ko} 수위가 {level}로 700 mm보다 높은데 유입 밸브(tank.inflow)가 열렸고 끝까지 {end_ko}",
                f"the inflow valve (tank.inflow) opened {when_en} with the level at {level}, above 700 mm, and {end_en}",
                "수위가 700 mm를 넘으면 tank.inflow에 0을 쓰세요.",
                "write 0 to tank.inflow when the level is above 700 mm",
                t[k],
                OUTPUT,
            )
        elif levels[later] > levels[k]:  # it closed further up: a late close, not a valve the wrong way round
            self._closed_late(later, levels, high)
        elif (low := self._opens_below(later, opened, levels)) is not None:  # and later it opens low: no rule does both
            self._say_open_loop(k, levels[low], True, True)
        else:
            self.fail(
                "backwards",
                f"{when_ko} 수위가 {level}로 700 mm보다 높은데 유입 밸브(tank.inflow)를 열었습니다: 거꾸로 동작합니다.",
                f"the inflow valve (tank.inflow) opened {when_en} with the level at {level}, above 700 mm: it works "
                f"the wrong way round",
                "300 mm 아래에서 열고(100) 700 mm 위에서 닫도록(0) 부등호 <, >의 방향을 확인하세요.",
                "check the < and > signs: open (100) below 300 mm, close (0) above 700 mm",
                t[k],
                OUTPUT,
            )

    @staticmethod
    def _opens_below(since: int, opened: list[bool], levels: list[float]) -> int | None:
        """The first scan after ``since`` where the valve opens with the level below 300 mm, if any."""
        return next(
            (j for j in range(since + 1, len(opened)) if opened[j] and not opened[j - 1] and levels[j] < LOW), None
        )

    def _closed_low(self, k: int, levels: list[float]) -> None:
        t = self.recorder.t
        when_ko, when_en = at(t[k])
        level = _mm(levels[k])
        self.fail(
            "backwards",
            f"{when_ko} 수위가 {level}로 300 mm보다 낮은데 유입 밸브(tank.inflow)를 닫았습니다: 거꾸로 동작합니다.",
            f"the inflow valve (tank.inflow) closed {when_en} with the level at {level}, below 300 mm: it works the "
            f"wrong way round",
            "300 mm 아래에서 열고(100) 700 mm 위에서 닫도록(0) 부등호 <, >의 방향을 확인하세요.",
            "check the < and > signs: open (100) below 300 mm, close (0) above 700 mm",
            t[k],
            OUTPUT,
        )

    def _late_close(self, k: int, opened: list[bool], levels: list[float], high: list[bool]) -> None:
        t = self.recorder.t
        when_ko, when_en = at(t[k])
        level = _mm(levels[k])
        later = next((j for j in range(k, len(opened)) if not opened[j]), None)
        if later is None:
            peak = max(levels[k:])
            end_ko, end_en = self._never_closed(k)
            self.fail(
                "never_closes",
                f"{when_ko} 수위가 {level}로 700 mm를 넘었는데도(최고 {_mm(peak)}) 유입 밸브(tank.inflow)가 {end_ko}",
                f"the level passed 700 mm ({level} {when_en}, up to {_mm(peak)}) but the inflow valve (tank.inflow) "
                f"{end_en}",
                "수위가 700 mm를 넘으면 tank.inflow에 0을 쓰세요.",
                "write 0 to tank.inflow when the level is above 700 mm",
                t[k],
                OUTPUT,
            )
        else:
            self._closed_late(later, levels, high)

    def _closed_late(self, later: int, levels: list[float], high: list[bool]) -> None:
        t = self.recorder.t
        if _switched_on(high, later) and levels[later] >= HIGH + 100.0:
            self.fail(
                "level_switches",
                f"유입 밸브가 {at(t[later])[0]} 수위 {_mm(levels[later])}에서야 닫혔습니다: 고수위 스위치 "
                f"tank.high(900 mm)를 따른 것 같습니다.",
                f"the inflow valve closed only {at(t[later])[1]} at {_mm(levels[later])}: that follows the high level "
                f"switch tank.high, which sits at 900 mm",
                "레벨 스위치 대신 수위 전송기 tank.level을 읽고 300 mm와 700 mm를 기준으로 하세요.",
                "read the level transmitter tank.level instead of the switches, with limits 300 mm and 700 mm",
                t[later],
                "tank.high",
            )
        else:
            self._wrong_limits(later, levels[later], False, late=True)

    def _late_open(self, k: int, opened: list[bool], levels: list[float], low: list[bool]) -> None:
        t = self.recorder.t
        when_ko, when_en = at(t[k])
        level = _mm(levels[k])
        later = next((j for j in range(k, len(opened)) if opened[j]), None)
        if later is None:
            lowest = min(levels[k:])
            self.fail(
                "never_opens",
                f"{when_ko} 수위가 {level}로 300 mm 아래로 내려갔는데도 유입 밸브(tank.inflow)가 열리지 않았습니다 "
                f"(최저 {_mm(lowest)}).",
                f"the level fell below 300 mm ({level} {when_en}) but the inflow valve (tank.inflow) never opened "
                f"(down to {_mm(lowest)})",
                "수위가 300 mm보다 낮으면 tank.inflow에 100을 쓰세요.",
                "write 100 to tank.inflow when the level is below 300 mm",
                t[k],
                OUTPUT,
            )
        elif _switched_on(low, later) and levels[later] <= LOW - 100.0:
            self.fail(
                "level_switches",
                f"유입 밸브가 {at(t[later])[0]} 수위 {_mm(levels[later])}에서야 열렸습니다: 저수위 스위치 "
                f"tank.low(150 mm)를 따른 것 같습니다.",
                f"the inflow valve opened only {at(t[later])[1]} at {_mm(levels[later])}: that follows the low level "
                f"switch tank.low, which sits at 150 mm",
                "레벨 스위치 대신 수위 전송기 tank.level을 읽고 300 mm와 700 mm를 기준으로 하세요.",
                "read the level transmitter tank.level instead of the switches, with limits 300 mm and 700 mm",
                t[later],
                "tank.low",
            )
        else:
            self._wrong_limits(later, levels[later], True, late=True)

    def _early(self, k: int, opened: list[bool], levels: list[float], opening: bool) -> None:
        """A switch inside the band without crossing a limit: chatter, or a limit in the wrong place."""
        t = self.recorder.t
        back = next((j for j in range(k + 1, len(opened)) if opened[j] != opening), None)
        switches = sum(1 for j in range(k + 1, min(len(opened), k + round(60.0 / SCAN))) if opened[j] != opened[j - 1])
        if (back is not None and abs(levels[back] - levels[k]) < CHATTER_GAP) or switches >= 3:
            count = sum(1 for j in range(max(1, k), len(opened)) if opened[j] != opened[j - 1])
            self.fail(
                "chatter",
                f"{t[k]:.1f}초부터 유입 밸브(tank.inflow)가 수위 {_mm(levels[k])} 근처에서 열렸다 닫혔다 합니다 "
                f"(채터링, {count}번 전환): 여는 수위와 닫는 수위가 같습니다.",
                f"from {t[k]:.1f} s the inflow valve (tank.inflow) opened and closed again and again around "
                f"{_mm(levels[k])} (chatter, {count} switches): it opens and closes at the same level",
                "여는 수위(300 mm)와 닫는 수위(700 mm)를 다르게 두고, 그 사이에서는 밸브를 그대로 두세요 (히스테리시스).",
                "open below 300 mm, close above 700 mm, and leave the valve as it is in between (hysteresis)",
                t[k],
                OUTPUT,
            )
            return
        self._wrong_limits(k, levels[k], opening, late=False)

    def _wrong_limits(self, k: int, level: float, opening: bool, late: bool) -> None:
        t = self.recorder.t
        when_ko, when_en = at(t[k])
        if opening:
            ko = f"{when_ko} 유입 밸브(tank.inflow)가 수위 {_mm(level)}에서 열렸습니다: 300 mm에서 열어야 합니다"
            en = f"the inflow valve (tank.inflow) opened {when_en} at {_mm(level)}: it should open at 300 mm"
            if not late:
                ko += " (그 전에는 닫힌 채로 둡니다)"
                en += " (keep it closed until then)"
        else:
            ko = f"{when_ko} 유입 밸브(tank.inflow)가 수위 {_mm(level)}에서 닫혔습니다: 700 mm에서 닫아야 합니다"
            en = f"the inflow valve (tank.inflow) closed {when_en} at {_mm(level)}: it should close at 700 mm"
            if not late:
                ko += " (그 전에는 열린 채로 둡니다)"
                en += " (keep it open until then)"
        self.fail(
            "wrong_limits",
            ko + ".",
            en,
            "여는 기준은 tank.level < 300, 닫는 기준은 tank.level > 700으로 쓰세요.",
            "use tank.level < 300 to open and tank.level > 700 to close",
            t[k],
            "tank.level",
        )


@register
class TankLevel(BehaviourCheck):
    """Keep the level between 300 and 700 mm: the inflow valve on/off with hysteresis."""

    name = "tank_level"
    title = (
        "히스테리시스 ON/OFF 제어로 탱크 수위 유지 (300~700 mm)",
        "keep the tank level between 300 and 700 mm by on/off control with hysteresis",
    )
    scenario = "tank"
    count = 6
    scan = SCAN

    def __init__(self) -> None:
        self._plan: dict[int, tuple[str, str]] = {}

    def episode(self, rng: random.Random, base: Scenario) -> Episode:
        return draw_episode(rng, base)

    def plant_for(self, seed: int) -> tuple[Plant, Episode]:
        rng = random.Random(f"{self.name}|{seed}")
        kind, zone = self._plan.get(seed, (None, None))
        episode = draw_episode(rng, load_scenario(self.scenario), kind, zone)
        return Plant(episode.scenario, seed=seed), episode

    def judge(self, answer: Any, seeds: list[int]) -> CheckResult:
        self._plan = plan(seeds)
        try:
            return run_behaviour(self, answer, seeds)
        finally:
            self._plan = {}

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return TankJudge(plant, episode, run)
