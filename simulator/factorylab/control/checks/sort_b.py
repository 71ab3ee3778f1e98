"""``sort_b`` (exercise 3-10): track the blue type B parts and push them into the reject bin (FIFO).

The line of the ``sorting`` scenario: feeder -> conveyor1 -> conveyor2 with
the colour sensor ``sorter.type_b`` at 600 mm and the pusher with its
photo-eye ``sorter.photo_eye`` at 1100 mm of conveyor2, 500 mm further on.

Expected behaviour:

* the controller runs the line: ``feeder.run``, ``conveyor1.run`` and
  ``conveyor2.run`` on (and left on);
* every type B part the colour sensor saw is pushed into the reject bin when
  it is in front of the pusher (``sorter.extend`` until ``sorter.extended``,
  then back); every type A part rides on to the outfeed;
* complements: never push an A part, never extend with nothing in front of
  the pusher (pushing air), always retract after extending.

The colour sensor sees only blue parts and parts come close together, so
while a part travels the 500 mm from the sensor to the pusher the next one or
two are already between them: the controller must remember the colours in
order (a FIFO) and know which part has arrived, either by the distance the
belt moved (``conveyor2.belt_speed`` x scan time) or by the pusher's
photo-eye. A fixed delay tuned at one speed fails at another.

Each hidden run (6, 70-125 s) draws from its seed:

* the belt speeds: ``conveyor2.speed`` 60-100 % (spread over the runs: each
  run index has its own band, so a delay tuned at 80 % meets 60-70 % and
  90-100 %), ``conveyor1.speed`` 50-100 %, at least 20 % away from
  conveyor2's and never 74-86 % (so a delay from the wrong belt shows);
* the feed interval, so that parts are 270-460 mm apart on conveyor2 (always
  another part between the sensor and the pusher, never so close that the
  pusher head holds the next part back);
* the share of type B, 30-50 %;
* 0, 2 or 3 E-stops (runs 1 and 4: none; the others two or three) at times
  drawn from 18-34 s and then 14-24 s after each reset, held 1.5-4 s and
  reset 1-2.5 s after the release: the belts stop with parts between the
  sensor and the pusher and start again. A stop comes when the last part fed
  has gone far enough that the feeder's first part after the reset keeps the
  usual distance (if the feeder runs from the start).

The belt speeds, the feed interval and the magazine are the run's: a
controller that writes ``conveyor1.speed``, ``conveyor2.speed``,
``feeder.interval`` or ``feeder.select`` is told so, and the check puts the
run's value back after each scan (the run stays as drawn).

Tolerances: a push must hold the part (the plant's pusher physics decide:
the part's middle is within the 80 mm head when the head reaches it). Not
judged: parts in front of the pusher when an E-stop came; a part held back by
the pusher head while it pushed the part ahead (and strokes in the 1.5 s
after); strokes from 0.5 s before an E-stop to 0.5 s after its reset. The
pusher may stay out up to 1.5 s; the line may be off for up to 10 % of the
time after the first second.

Open loop: a stroke (``sorter.extend`` switched on) may follow the pusher's
photo-eye (on from one scan before to three after, with a type B part seen
within the travel time + 1.5 s before), the colour sensor (on in the two scans
before) or a steady delay after colour readings (+-0.1 s). If no one of these
explains two thirds of the strokes (at least two left over), or the strokes
start at whole seconds, the outputs follow a timetable. Strokes from 0.5 s
before an E-stop to the travel time + 1 s after its reset are left out.

Findings, in the order they are looked for: ``push_all`` (nearly every type A
part pushed), ``open_loop``, ``setting_changed``, ``line_not_running``, then
the first thing that went wrong, explained by the run as a whole:
``never_retracts``, ``push_nothing``, ``push_at_colour_sensor`` (strokes come
with colour readings), ``fixed_delay`` / ``conveyor1_speed`` /
``speed_percent`` (strokes come a steady delay after the colour readings that
is wrong for this belt speed; it fits conveyor1's speed, or the speed in %
taken as mm/s), and else by itself: ``belt_stop`` (a timing that ran on while
the belts stood still), ``no_fifo`` (the part ahead of a remembered type B
part was pushed, or a second type B part in flight was forgotten),
``pushed_a``, ``retracted_too_soon``, ``push_timing``, ``missed_b``,
``push_air``.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass, field
from typing import Any

from ...plant import Plant, Scenario, layout, load_scenario
from ...plant.scenario import Action
from .base import register
from .behaviour import (
    BehaviourCheck,
    Episode,
    Judge,
    Planned,
    Recorder,
    falling,
    last_before,
    rising,
    run_behaviour,
    runs,
)
from .result import CheckResult, Trace, at
from .seeds import formative_seeds

SCAN = 0.05
#: colour sensor to the pusher's photo-eye, mm
COLOUR_TO_PUSHER = layout.PUSHER_POSITION - layout.COLOUR_SENSOR
HALF_HEAD = 0.5 * layout.PUSHER_HEAD_WIDTH
#: conveyor2.speed band (%) of each hidden run, by its index
BANDS = ((60, 70), (88, 100), (60, 100), (72, 88), (60, 75), (85, 100))
#: E-stops in each hidden run, by its index
STOPS = (0, 2, 3, 0, 2, 2)
#: settings that belong to the hidden run (the check puts them back)
SETTINGS = ("conveyor2.speed", "conveyor1.speed", "feeder.interval", "feeder.select")

INPUTS = ("sorter.type_b", "sorter.photo_eye", "sorter.extended", "panel.safety_ok")
OUTPUTS = ("sorter.extend", "feeder.run", "conveyor1.run", "conveyor2.run")


# --- the hidden runs ------------------------------------------------------------------------------------------


def _ticks(seconds: float) -> int:
    return round(seconds / SCAN)


def draw_episode(rng: random.Random, base: Scenario, index: int | None) -> Episode:
    """One hidden run: speeds, feed interval, share of B and E-stops drawn from ``rng``.

    ``index`` (the run's place among the hidden runs) picks the speed band and
    the number of E-stops, so every set of hidden runs has slow and fast
    belts, runs with and without a stop; None (a run on its own) draws them.
    """
    band = BANDS[index % len(BANDS)] if index is not None else (60, 100)
    stop_count = STOPS[index % len(STOPS)] if index is not None else rng.choice((0, 1, 1, 2))
    c2 = rng.randint(*band)
    v2 = c2 * layout.BELT_MAX_SPEED / 100.0
    # parts at least this far apart are never held back by the pusher head at the part ahead
    clear = 80.0 + v2
    interval = round(rng.uniform(clear + 40.0, 430.0) / v2, 1)
    # parts keep their distance, and do not come at the same fraction of every second (x.0 or x.5 s apart)
    while interval * v2 < clear + 35.0 or round(interval * 10) % 5 == 0:
        interval = round(interval + 0.1, 1)
    while True:
        c1 = rng.randint(50, 100)
        if abs(c1 - c2) >= 0.2 * c2 and not 74 <= c1 <= 86:
            break
    share = round(rng.uniform(0.3, 0.5), 2)

    # E-stops: when the last part fed has gone `clear` mm, so the first part after the reset keeps its distance
    period = _ticks(interval)
    need = math.ceil(clear / v2 / SCAN)
    origin = 0  # tick of a feed (the feeder feeds at once when switched on, and after each reset)
    actions: list[Action] = []
    stops: list[tuple[float, float, float]] = []
    t = rng.uniform(18.0, 34.0)
    for _ in range(stop_count):
        nominal = _ticks(t)
        fed = origin + (nominal - origin) // period * period
        low, high = fed + need + 1, fed + period - 1
        tick = nominal if low <= nominal <= high else rng.randint(low, max(low, high))
        pushed = round(tick * SCAN, 2)
        released = round(pushed + round(rng.uniform(1.5, 4.0) / SCAN) * SCAN, 2)
        reset = round(released + round(rng.uniform(1.0, 2.5) / SCAN) * SCAN, 2)
        actions += [
            Action(at=pushed, estop="pushed"),
            Action(at=released, estop="released"),
            Action(at=reset, press="reset", hold=0.3),
        ]
        stops.append((pushed, released, reset))
        origin = _ticks(reset)
        t = reset + rng.uniform(14.0, 24.0)
    last = stops[-1][2] if stops else 0.0
    seconds = round(max(70.0, last + 25.0) + rng.uniform(0.0, 6.0), 1)
    scenario = base.model_copy(
        update={
            "conveyor1": base.conveyor1.model_copy(update={"speed": float(c1)}),
            "conveyor2": base.conveyor2.model_copy(update={"speed": float(c2)}),
            "feeder": base.feeder.model_copy(update={"interval": interval, "type_b_share": share}),
            "actions": actions,
        }
    )
    script = {"conveyor1": c1, "conveyor2": c2, "interval": interval, "type_b_share": share, "stops": stops}
    return Episode(scenario, seconds, script)


# --- what happened to each part and each stroke -----------------------------------------------------------


@dataclass
class _Part:
    id: int
    kind: str
    length: float
    colour: int | None = None  # scan at which the controller could first see it at the colour sensor
    eye: int | None = None  # ... at the pusher's photo-eye
    gone: int | None = None  # ... past the pusher head, still on the belt
    binned: int | None = None  # ... fell into the reject bin
    excused: bool = False  # in front of the pusher when an E-stop came
    held_back: int | None = None  # last scan it stood against the pusher head while the head pushed another part
    lead: float = 0.0  # where it was after the last step, mm


@dataclass
class _Cycle:
    start: int  # scan whose step moved the head out
    reach: float = 0.0  # furthest stroke, 0..1
    held: set[int] = field(default_factory=set)  # parts the head held


@dataclass
class _Problem:
    k: int  # scan
    kind: str  # held_out, air, a_pushed, b_missed
    part: _Part | None = None
    cycle: _Cycle | None = None


class SortJudge(Judge):
    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        super().__init__(plant, episode, run)
        names = INPUTS if plant.panel is not None else INPUTS[:-1]
        self.recorder = Recorder(plant, names + OUTPUTS + SETTINGS)
        self.script = episode.script
        self.v1 = self.script["conveyor1"] * layout.BELT_MAX_SPEED / 100.0
        self.v2 = self.script["conveyor2"] * layout.BELT_MAX_SPEED / 100.0
        sorter = plant.sorter
        assert sorter is not None and plant.outfeed_track is not None
        self.sorter = sorter
        self.track = plant.outfeed_track
        self.colour_at = sorter.colour_position
        self.eye_at = sorter.position
        self.parts: dict[int, _Part] = {}
        self.cycles: list[_Cycle] = []
        self._cycle: _Cycle | None = None
        self._finished = 0
        self._powered = True
        from ...tags import tags_for

        table = tags_for(plant)
        scenario = plant.scenario
        self.wanted = {
            "conveyor2.speed": scenario.conveyor2.speed,
            "conveyor1.speed": scenario.conveyor1.speed,
            "feeder.interval": scenario.feeder.interval,
            "feeder.select": 0,
        }
        self._settings = [(name, table[name].reader) for name in SETTINGS]
        self.changed: tuple[int, str, Any] | None = None

    # --- during the run ---------------------------------------------------------------------------------
    def after_scan(self, t: float) -> None:
        self.recorder.sample(t)
        plant = self.plant
        for name, reader in self._settings:
            value = reader(plant)
            wanted = self.wanted[name]
            if abs(value - wanted) > 1e-6:
                if self.changed is None:
                    self.changed = (len(self.recorder.t) - 1, name, value)
                device, attribute = name.split(".")
                setattr(getattr(plant, device), attribute, wanted)  # the run keeps its own speeds and interval

    def after_step(self, t: float) -> None:
        plant = self.plant
        k = _ticks(t)  # the scan that will first see this state
        panel = plant.panel
        powered = panel is None or panel.safety_ok
        if self._powered and not powered:
            self._excuse(k)
        self._powered = powered
        colour_at, eye_at = self.colour_at, self.eye_at
        parts = self.parts
        # the head pushing a part holds back the next one if it comes too close (after a stop, say)
        pushing = self._cycle is not None and bool(self._cycle.held) and plant.conveyor2.belt_speed > 0.0
        for part in self.track.parts:
            lead = part.lead
            if lead < colour_at:
                break
            record = parts.get(part.id)
            if record is None:
                record = parts[part.id] = _Part(part.id, part.kind, part.length, colour=k, lead=lead)
            elif pushing and lead <= record.lead and not part.held and lead < eye_at:
                record.held_back = k
            record.lead = lead
            if record.eye is None and lead >= eye_at:
                record.eye = k
            if record.gone is None and lead - part.length >= eye_at + HALF_HEAD:
                record.gone = k
        finished = plant.finished_parts
        while self._finished < len(finished):
            part = finished[self._finished]
            self._finished += 1
            record = parts.get(part.id)
            if record is not None and part.location == "reject_bin":
                record.binned = k
        stroke = self.sorter.stroke
        cycle = self._cycle
        if stroke > 0.0:
            if cycle is None:
                cycle = self._cycle = _Cycle(start=k - 1)
                self.cycles.append(cycle)
            cycle.reach = max(cycle.reach, stroke)
            for part in self.track.parts:
                if part.held:
                    cycle.held.add(part.id)
                elif part.lead < eye_at - HALF_HEAD:
                    break
        elif cycle is not None:
            self._cycle = None

    def _excuse(self, k: int) -> None:
        """An E-stop: the parts at the pusher now are not judged."""
        low = self.eye_at - HALF_HEAD - 0.3 * self.v2
        for part in self.track.parts:
            if part.lead < low:
                break
            if part.lead - part.length <= self.eye_at + HALF_HEAD:
                record = self.parts.get(part.id)
                if record is None:
                    record = self.parts[part.id] = _Part(part.id, part.kind, part.length, colour=k)
                record.excused = True

    # --- the plot ---------------------------------------------------------------------------------------------
    def expected(self) -> list[bool | None]:
        n = len(self.recorder.t)
        wanted: list[bool | None] = [None] * n
        for part in self.parts.values():
            if part.eye is None or part.excused:
                continue
            if part.kind == "B":
                for j in range(part.eye, min(n, part.eye + 8)):
                    wanted[j] = True
            else:
                for j in range(part.eye, min(n, part.eye + max(1, _ticks(part.length / self.v2)))):
                    if wanted[j] is None:
                        wanted[j] = False
        return wanted

    def trace(self) -> Trace:
        c = self.recorder.columns()
        inputs = {name: c[name] for name in INPUTS if name in c}
        if "panel.safety_ok" in inputs and all(inputs["panel.safety_ok"]):
            del inputs["panel.safety_ok"]
        return Trace(
            self.recorder.t,
            inputs,
            {"sorter.extend": c["sorter.extend"]},
            {"sorter.extend": self.expected()},
            [f.t for f in self.findings if f.t is not None],
        )

    # --- judging ---------------------------------------------------------------------------------------------
    def finish(self) -> list:
        c = self.recorder.columns()
        self.t = self.recorder.t
        self.extend = c["sorter.extend"]
        self.eye = c["sorter.photo_eye"]
        self.type_b = c["sorter.type_b"]
        self.extended = c["sorter.extended"]
        self.powered = c.get("panel.safety_ok") or [True] * len(self.t)
        self.stops = [(a, b) for a, b in runs(not p for p in self.powered)]
        self.b_rises = rising(self.type_b)
        self.strokes = [k for k in rising(self.extend)]
        self.delay = self._constant_delay()
        if self._push_all() or self._open_loop():
            return self.findings
        if self.changed is not None:
            self._setting_changed()
            return self.findings
        if self._line_not_running(c):
            return self.findings
        problems = self._problems()
        if problems:
            self._explain(problems)
        return self.findings

    def _near_stop(self, k: int, before: float, after: float) -> bool:
        for start, end in self.stops:
            if start - _ticks(before) <= k <= end + _ticks(after):
                return True
        return False

    def _eye_near(self, k: int) -> bool:
        return any(self.eye[j] for j in range(max(0, k - 1), min(len(self.eye), k + 4)))

    def _colour_near(self, k: int) -> bool:
        return any(self.type_b[j] for j in range(max(0, k - 2), k + 1))

    def _b_seen(self, k: int, scans: int) -> bool:
        """True if the colour sensor saw a type B part in the ``scans`` before scan ``k``."""
        last = last_before(self.b_rises, k)
        return last is not None and k - last <= scans

    def _lags(self, k: int) -> list[int]:
        rises = self.b_rises
        first = bisect.bisect_left(rises, k - 200)
        last = bisect.bisect_right(rises, k - 6)
        return [k - b for b in rises[first:last]]

    def _constant_delay(self) -> int | None:
        """The delay (scans) after a colour reading at which most strokes come, if there is one."""
        strokes = [k for k in self.strokes if not self._near_stop(k, 0.5, 0.5)]
        if len(strokes) < 3:
            return None
        lags = [set(self._lags(k)) for k in strokes]
        best, count = None, 0
        for candidate in sorted(set().union(*lags)):
            n = sum(1 for found in lags if any(abs(lag - candidate) <= 2 for lag in found))
            if n > count:
                best, count = candidate, n
        return best if count >= max(3, 0.6 * len(strokes)) else None

    def _eye_driven(self, strokes: list[int]) -> bool:
        """True if nearly every stroke comes right after the pusher's photo-eye changed, not after a delay.

        Right after the eye goes on: a controller that waits for the part. Right
        after it goes off: one that pushes too late, whose delay after the colour
        reading is then close to the travel time (a longer delay is a timer's).
        """
        transit = COLOUR_TO_PUSHER / self.v2
        if not strokes or (self.delay is not None and self.delay * SCAN > transit + 1.0):
            return False  # the part seen that long ago has passed the pusher: a timer, not the eye
        on = rising(self.eye)
        off = falling(self.eye)

        def after(edges: list[int]) -> int:
            return sum(1 for k in strokes if (last := last_before(edges, k)) is not None and k - last <= 2)

        if after(on) >= 0.8 * len(strokes):
            return True
        close = self.delay is None or abs(self.delay * SCAN - transit) <= 1.0
        return close and after(off) >= 0.8 * len(strokes)

    def _delay_fits(self, k: int) -> bool:
        return self.delay is not None and any(abs(lag - self.delay) <= 2 for lag in self._lags(k))

    # --- outputs that ignore the inputs ---------------------------------------------------------------
    def _open_loop(self) -> bool:
        """Fail (and say so) when the strokes follow the clock, not the sensors.

        A stroke may follow the pusher's photo-eye (a part there, and a type B
        part seen by the colour sensor within the travel time before), the
        colour sensor (a part there) or a steady delay after colour readings.
        The outputs are open loop if no one of these explains two thirds of the
        strokes (or, with only two strokes, neither is explained), or if nearly
        all of at least two strokes start at whole seconds (a timetable; with up
        to four strokes, all of them).
        Strokes around an E-stop are left out.
        """
        transit = COLOUR_TO_PUSHER / self.v2
        judged = [k for k in self.strokes if k > 0 and not self._near_stop(k, 0.5, transit + 1.0)]
        seen = _ticks(transit + 1.5)
        ways = (
            [k for k in judged if self._eye_near(k) and self._b_seen(k, seen)],
            [k for k in judged if self._colour_near(k)],
            [k for k in judged if self._delay_fits(k)],
        )
        best = max(ways, key=len)
        unexplained = [k for k in judged if k not in best]
        whole = sum(1 for k in judged if k % round(1.0 / SCAN) == 0)  # strokes at whole seconds
        clocked = len(judged) >= 2 and (whole == len(judged) if len(judged) <= 4 else whole >= 0.8 * len(judged))
        if not clocked and (len(unexplained) < 2 or 3 * len(unexplained) <= len(judged)):
            return False
        k = unexplained[0] if unexplained else judged[0]
        when_ko, when_en = at(self.t[k])
        self.fail(
            "open_loop",
            f"{when_ko} sorter.extend가 켜졌지만 센서에는 그럴 까닭이 없었습니다: 출력이 입력(센서)을 따르지 않고 "
            f"시간표대로 움직입니다.",
            f"sorter.extend came on {when_en} at a time the sensors do not explain: your outputs do not follow the "
            f"inputs (the sensors), they follow a timetable",
            "시간이 아니라 sorter.type_b와 sorter.photo_eye를 읽어서 미세요.",
            "decide when to push from sorter.type_b and sorter.photo_eye, not from the time",
            self.t[k],
            "sorter.extend",
        )
        return True

    # --- the run's settings and the line ------------------------------------------------------------------
    def _setting_changed(self) -> None:
        assert self.changed is not None
        k, name, value = self.changed
        wanted = self.wanted[name]
        when_ko, when_en = at(self.t[k])
        shown = f"{value:g}"
        self.fail(
            "setting_changed",
            f"{when_ko} {name} 값을 바꿨습니다 (이번 검사의 값 {wanted:g}, 쓴 값 {shown}): "
            f"속도와 공급 간격은 숨은 조건마다 다르고 검사가 원래 값으로 되돌립니다.",
            f"you changed {name} {when_en} (this run's value {wanted:g}, you wrote {shown}): the speeds and the feed "
            f"interval differ from run to run and the check puts them back",
            f"{name}에는 쓰지 말고 읽기만 하세요: 어떤 속도에서도 맞게 밀어야 합니다.",
            f"do not write {name}, only read it: your sorting must work at any speed",
            self.t[k],
            name,
        )

    def _line_not_running(self, c: dict[str, list[Any]]) -> bool:
        names = ("feeder.run", "conveyor1.run", "conveyor2.run")
        start = _ticks(1.0)
        judged = [k for k in range(start, len(self.t)) if self.powered[k]]
        off = [k for k in judged if not all(c[name][k] for name in names)]
        seen = sum(1 for part in self.parts.values() if not part.excused)
        if seen >= 3 and len(off) <= 0.1 * len(judged):
            return False
        k = off[0] if off else 0
        name = next((n for n in names if not c[n][k]), names[0])
        when_ko, when_en = at(self.t[k])
        self.fail(
            "line_not_running",
            f"{when_ko} {name}이 꺼져 있었습니다: 이 검사에서는 공급기와 두 컨베이어가 계속 돌아야 합니다.",
            f"{name} was off {when_en}: in this check the feeder and both belts keep running",
            "feeder.run, conveyor1.run, conveyor2.run을 처음부터 True로 쓰고 계속 켜 두세요.",
            "write True to feeder.run, conveyor1.run and conveyor2.run from the start and leave them on",
            self.t[k],
            name,
        )
        return True

    # --- what went wrong, in time order --------------------------------------------------------------------
    def _problems(self) -> list[_Problem]:
        problems: list[_Problem] = []
        powered, extended = self.powered, self.extended
        hold = _ticks(1.5)
        for start, end in runs(e and p for e, p in zip(extended, powered, strict=True)):
            if end - start >= hold:
                problems.append(_Problem(max(0, start - 8), "held_out"))
                break
        held_back = sorted(p.held_back for p in self.parts.values() if p.held_back is not None)
        for cycle in self.cycles:
            if cycle.reach >= 0.5 and not cycle.held and not self._near_stop(cycle.start, 0.5, 0.5):
                last = last_before(held_back, cycle.start)
                if last is None or cycle.start - last > _ticks(1.5):
                    problems.append(_Problem(cycle.start, "air", cycle=cycle))
        for part in self.parts.values():
            if part.excused or part.held_back is not None:
                continue
            if part.kind == "A" and part.binned is not None:
                problems.append(_Problem(part.eye if part.eye is not None else part.binned, "a_pushed", part))
            elif part.kind == "B" and part.binned is None and part.gone is not None:
                problems.append(_Problem(part.eye if part.eye is not None else part.gone, "b_missed", part))
        problems.sort(key=lambda p: p.k)
        return problems

    def _explain(self, problems: list[_Problem]) -> None:
        first = problems[0]
        held = next((p for p in problems if p.kind == "held_out"), None)
        if held is not None:
            self._never_retracts(held.k)
            return
        judged = [k for k in self.strokes if not self._near_stop(k, 0.5, 0.5)]
        if not self.cycles and not judged:
            missed = next((p for p in problems if p.kind == "b_missed"), first)
            self._push_nothing(missed.k)
            return
        at_colour = [k for k in judged if (b := last_before(self.b_rises, k)) is not None and k - b <= 2]
        if judged and len(at_colour) >= 0.8 * len(judged):
            self._push_at_colour(at_colour[0])
            return
        if self.delay is not None and self._delay_wrong() and not self._eye_driven(judged):
            self._wrong_delay(first.k)
            return
        if first.kind == "a_pushed":
            self._a_pushed(first)
        elif first.kind == "b_missed":
            self._b_missed(first)
        else:
            self._air(first, problems)

    # --- findings ----------------------------------------------------------------------------------------------
    def _never_retracts(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "never_retracts",
            f"{when_ko} sorter.extend를 켠 뒤 끄지 않아서 푸셔가 나간 채로 있습니다: 뒤에 오는 부품이 모두 막힙니다.",
            f"sorter.extend came on {when_en} and stayed on, so the pusher stayed out and blocked the parts behind",
            "전진 끝 리밋스위치 sorter.extended가 켜지면 sorter.extend를 끄세요.",
            "switch sorter.extend off when the limit switch sorter.extended comes on",
            self.t[k],
            "sorter.extend",
        )

    def _push_nothing(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "push_nothing",
            f"{when_ko} B형(파란색) 부품이 푸셔 앞을 지나갔는데 sorter.extend를 한 번도 켜지 않았습니다.",
            f"a type B (blue) part passed the pusher {when_en} and sorter.extend never came on",
            "sorter.type_b로 본 B형을 기억해 두었다가, 그 부품이 sorter.photo_eye 앞에 오면 sorter.extend를 켜세요.",
            "remember each type B part sorter.type_b sees and switch sorter.extend on when it is in front of "
            "sorter.photo_eye",
            self.t[k],
            "sorter.extend",
        )

    def _push_at_colour(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "push_at_colour_sensor",
            f"{when_ko} B형 부품이 아직 색상 센서(sorter.type_b) 앞, 푸셔보다 500 mm 앞에 있는데 푸셔를 전진시켰습니다.",
            f"the pusher went out {when_en} while the type B part was still at the colour sensor (sorter.type_b), "
            f"500 mm before the pusher",
            "B형을 봤다는 것만 기억해 두고, 그 부품이 푸셔 앞(sorter.photo_eye)에 왔을 때 미세요.",
            "only remember that a type B part passed, and push it when it is in front of the pusher (sorter.photo_eye)",
            self.t[k],
            "sorter.type_b",
        )

    def _delay_wrong(self) -> bool:
        assert self.delay is not None
        travelled = self.delay * SCAN * self.v2
        return not COLOUR_TO_PUSHER - 20.0 <= travelled <= COLOUR_TO_PUSHER + 45.0

    def _wrong_delay(self, k: int) -> None:
        assert self.delay is not None
        delay = self.delay * SCAN
        transit = COLOUR_TO_PUSHER / self.v2
        when_ko, when_en = at(self.t[k])
        c1, c2 = self.script["conveyor1"], self.script["conveyor2"]
        if abs(delay * self.v1 / COLOUR_TO_PUSHER - 1.0) <= 0.06:
            self.fail(
                "conveyor1_speed",
                f"{when_ko} 푸셔가 B형 부품과 맞지 않았습니다: 미는 시간이 conveyor1의 속도({self.v1:.0f} mm/s)에 맞춰져 "
                f"있는데, 색상 센서와 푸셔는 conveyor2({self.v2:.0f} mm/s) 위에 있습니다.",
                f"the pusher missed the type B part {when_en}: your timing follows conveyor1's speed "
                f"({self.v1:.0f} mm/s), but the colour sensor and the pusher are on conveyor2 ({self.v2:.0f} mm/s)",
                "conveyor2.belt_speed로 부품이 간 거리를 계산하세요.",
                "work out how far the part went from conveyor2.belt_speed",
                self.t[k],
                "conveyor2.belt_speed",
            )
        elif any(abs(delay * pct / COLOUR_TO_PUSHER - 1.0) <= 0.06 for pct in (c1, c2)):
            self.fail(
                "speed_percent",
                f"{when_ko} 푸셔가 너무 늦게 전진했습니다: conveyor2.speed는 mm/s가 아닌 % 설정값이라서 {delay:.1f}초를 "
                f"기다렸지만, 부품은 {transit:.1f}초 만에 푸셔에 옵니다.",
                f"the pusher went out too late {when_en}: conveyor2.speed is a setpoint in %, not mm/s, so you waited "
                f"{delay:.1f} s, but the part reaches the pusher in {transit:.1f} s",
                "mm/s 단위인 conveyor2.belt_speed를 쓰세요 (100 % = 250 mm/s).",
                "use conveyor2.belt_speed, which is in mm/s (100 % = 250 mm/s)",
                self.t[k],
                "conveyor2.belt_speed",
            )
        else:
            early = delay < transit
            self.fail(
                "fixed_delay",
                f"{when_ko} 푸셔가 B형 부품보다 {'먼저' if early else '늦게'} 전진했습니다: 색상 센서가 본 뒤 늘 "
                f"{delay:.1f}초 만에 미는데, 이번 벨트 속도({self.v2:.0f} mm/s)에서는 {transit:.1f}초 걸립니다.",
                f"the pusher went out {when_en}, {'before' if early else 'after'} the type B part was there: you always push "
                f"{delay:.1f} s after the colour sensor, but at this belt speed ({self.v2:.0f} mm/s) it takes "
                f"{transit:.1f} s",
                "고정된 시간 대신 sorter.photo_eye로 도착을 확인하거나 conveyor2.belt_speed로 간 거리를 계산하세요.",
                "instead of a fixed time, wait for sorter.photo_eye or work out the distance from conveyor2.belt_speed",
                self.t[k],
                "conveyor2.belt_speed",
            )

    def _push_all(self) -> bool:
        """Fail (and say so) when nearly every type A part was pushed: the pushes follow the photo-eye only."""
        a_parts = [p for p in self.parts.values() if p.kind == "A" and p.eye is not None and not p.excused]
        pushed = [p.eye for p in a_parts if p.binned is not None and p.eye is not None]
        if len(pushed) < 2 or len(pushed) < 0.9 * len(a_parts):
            return False
        k = min(pushed)
        when_ko, when_en = at(self.t[k])
        self.fail(
            "push_all",
            f"{self.t[k]:.1f}초부터 A형(빨간색) 부품도 불량함으로 밀어냈습니다: 색을 보지 않고 sorter.photo_eye만 보고 밉니다.",
            f"from {self.t[k]:.1f} s type A (red) parts were pushed into the reject bin too: you push on "
            f"sorter.photo_eye without looking at the colour",
            "색상 센서 sorter.type_b로 B형을 본 부품만 미세요.",
            "push only the parts that sorter.type_b saw as type B",
            self.t[k],
            "sorter.type_b",
        )
        return True

    def _stop_before(self, k: int, seconds: float) -> bool:
        """True if the belts stood still in the ``seconds`` before scan ``k``."""
        return any(start <= k and end >= k - _ticks(seconds) for start, end in self.stops)

    def _b_in_flight(self, k: int, behind_of: _Part | None = None) -> _Part | None:
        """A type B part between the colour sensor and the pusher at scan ``k``."""
        for part in self.parts.values():
            if part.kind != "B" or part.excused or part is behind_of or part.colour is None:
                continue
            if part.colour < k and (part.eye is None or part.eye > k):
                return part
        return None

    def _a_pushed(self, problem: _Problem) -> None:
        part = problem.part
        assert part is not None
        k = problem.k
        when_ko, when_en = at(self.t[k])
        transit = COLOUR_TO_PUSHER / self.v2
        if self._stop_before(k, transit + 1.0):
            self._belt_stop(k)
            return
        if self._b_in_flight(k) is not None:
            self.fail(
                "no_fifo",
                f"{when_ko} 푸셔 앞의 A형(빨간색) 부품을 밀었습니다: 기억한 B형 부품은 아직 그 뒤에 오고 있었습니다.",
                f"{when_en} you pushed the type A (red) part in front of the pusher: the type B part you remembered "
                f"was still on its way behind it",
                "색상 센서와 푸셔 사이에는 부품이 여러 개 있으니, 본 색을 순서대로 목록(FIFO)에 넣고 푸셔에 온 순서대로 "
                "꺼내세요.",
                "there are several parts between the colour sensor and the pusher: keep the colours in a list in order "
                "(a FIFO) and take them out in the order the parts reach the pusher",
                self.t[k],
                "sorter.photo_eye",
            )
            return
        self.fail(
            "pushed_a",
            f"{when_ko} A형(빨간색) 부품을 불량함으로 밀었습니다 (sorter.extend).",
            f"a type A (red) part was pushed into the reject bin {when_en} (sorter.extend)",
            "sorter.type_b로 B형을 본 부품만 미세요.",
            "push only the parts that sorter.type_b saw as type B",
            self.t[k],
            "sorter.extend",
        )

    def _belt_stop(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "belt_stop",
            f"비상정지로 벨트가 멈췄다가 다시 돈 뒤, {when_ko} 푸셔가 B형 부품과 맞지 않았습니다: "
            f"벨트가 멈춘 동안에도 시간을 셌습니다.",
            f"after the E-stop stopped the belts and they started again, the pusher missed the type B part {when_en}: "
            f"you counted time while the belt stood still",
            "시간 대신 벨트가 간 거리(conveyor2.belt_speed × 스캔 시간)로 추적하거나 sorter.photo_eye로 도착을 확인하세요.",
            "track the distance the belt moved (conveyor2.belt_speed × scan time) instead of time, or wait for "
            "sorter.photo_eye",
            self.t[k],
            "conveyor2.belt_speed",
        )

    def _cycle_near(self, part: _Part) -> _Cycle | None:
        """The stroke that was meant for ``part``: around its arrival, and holding no other part."""
        if part.eye is None:
            return None
        high = part.gone + 2 if part.gone is not None else part.eye + 20
        near = [c for c in self.cycles if part.eye - 10 <= c.start <= high and not (c.held and part.id not in c.held)]
        return min(near, key=lambda c: abs(c.start - part.eye)) if near else None

    def _b_missed(self, problem: _Problem) -> None:
        part = problem.part
        assert part is not None and part.colour is not None
        k = problem.k
        when_ko, when_en = at(self.t[k])
        if self._stop_before(k, (k - part.colour) * SCAN + 0.3):
            self._belt_stop(k)
            return
        cycle = self._cycle_near(part)
        if cycle is not None:
            if part.id in cycle.held or (
                part.eye is not None and abs(cycle.start - part.eye) <= 6 and cycle.reach < 0.7
            ):
                self.fail(
                    "retracted_too_soon",
                    f"{when_ko} B형 부품을 밀다가 푸셔가 끝까지 나가기 전에 sorter.extend를 껐습니다: 부품이 벨트에 남았습니다.",
                    f"{when_en} sorter.extend went off before the pusher was fully out, so the type B part stayed on "
                    f"the belt",
                    "전진 끝 리밋스위치 sorter.extended가 켜질 때까지 sorter.extend를 켜 두세요.",
                    "keep sorter.extend on until the limit switch sorter.extended comes on",
                    self.t[k],
                    "sorter.extended",
                )
                return
            self._timing(cycle, part)
            return
        ahead = self._b_in_flight(part.colour, behind_of=part)
        if ahead is not None:
            self.fail(
                "no_fifo",
                f"{when_ko} B형 부품이 푸셔 앞을 그냥 지나갔습니다: 이 부품을 볼 때 앞의 B형 부품이 아직 푸셔로 가는 중이었고, "
                f"하나만 기억했습니다.",
                f"{when_en} a type B part passed the pusher: when it was seen, the type B part ahead of it was still on "
                f"its way to the pusher, and only one was remembered",
                "본 색을 순서대로 목록(FIFO)에 넣고, 부품이 푸셔에 올 때마다 맨 앞의 것을 꺼내세요.",
                "keep the colours in a list in order (a FIFO) and take out the first one each time a part reaches the "
                "pusher",
                self.t[k],
                "sorter.type_b",
            )
            return
        self.fail(
            "missed_b",
            f"{when_ko} B형(파란색) 부품이 푸셔 앞을 지나갔는데 밀지 않았습니다 (sorter.extend).",
            f"a type B (blue) part passed the pusher {when_en} and was not pushed (sorter.extend)",
            "sorter.type_b로 본 B형을 기억해 두었다가, 그 부품이 sorter.photo_eye 앞에 오면 sorter.extend를 켜세요.",
            "remember each type B part sorter.type_b sees and switch sorter.extend on when it is in front of "
            "sorter.photo_eye",
            self.t[k],
            "sorter.extend",
        )

    def _timing(self, cycle: _Cycle, part: _Part) -> None:
        k = cycle.start
        early = part.eye is None or k < part.eye
        when_ko, when_en = at(self.t[k])
        self.fail(
            "push_timing",
            f"{when_ko} 푸셔가 B형 부품이 {'앞에 오기 전에' if early else '지나간 뒤에'} 전진해서 부품을 밀지 못했습니다.",
            f"the pusher went out {when_en}, {'before' if early else 'after'} the type B part was in front of it, and "
            f"missed it",
            "부품이 sorter.photo_eye 앞에 있을 때 sorter.extend를 켜세요.",
            "switch sorter.extend on while the part is in front of sorter.photo_eye",
            self.t[k],
            "sorter.photo_eye",
        )

    def _air(self, problem: _Problem, problems: list[_Problem]) -> None:
        cycle = problem.cycle
        assert cycle is not None
        k = cycle.start
        transit = COLOUR_TO_PUSHER / self.v2
        if self._stop_before(k, transit + 1.0):
            self._belt_stop(k)
            return
        if self._colour_near(k) and not self._eye_near(k):
            self._push_at_colour(k)
            return
        for other in problems:
            part = other.part
            if other.kind == "b_missed" and part is not None and part.eye is not None and -20 <= part.eye - k <= 40:
                self._timing(cycle, part)
                return
        when_ko, when_en = at(self.t[k])
        self.fail(
            "push_air",
            f"{when_ko} 푸셔 앞에 부품이 없는데 sorter.extend를 켜서 빈 곳을 밀었습니다.",
            f"sorter.extend came on {when_en} with no part in front of the pusher: it pushed air",
            "sorter.photo_eye가 켜져 있고 그 부품이 B형일 때만 미세요.",
            "push only while sorter.photo_eye is on and the part there is type B",
            self.t[k],
            "sorter.photo_eye",
        )


@register
class SortB(BehaviourCheck):
    """Push the blue type B parts into the reject bin, at any belt speed, with parts close together."""

    name = "sort_b"
    title = ("추적·분류: B형 부품을 불량함으로 (FIFO)", "tracking and sorting: type B parts into the reject bin (FIFO)")
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

    def judge(self, answer: Any, seeds: list[int]) -> CheckResult:
        return run_behaviour(Planned(self, seeds), answer, seeds)  # type: ignore[arg-type]

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return SortJudge(plant, episode, run)
