"""``exit_blocked`` (labs-plan 3-7): a TON on the exit photo-eye stops the whole line; only start restarts it.

The exercise: the operator starts the line with ``panel.start`` (a seal-in
with stop priority and ``panel.safety_ok``, as in ``seal_in``) that drives
``feeder.run``, ``conveyor1.run`` and ``conveyor2.run``. When the exit
photo-eye ``conveyor2.photo_eye_exit`` has read 1 for 2 s without a break
(an on-delay timer, ``plc.TON(2.0)``), the outfeed is blocked: stop
everything, the feeder included, and stay stopped, also after the outfeed is
cleared, until start is pressed again.

**Expected**, scan by scan, from what the controller read through the tag
table (stuck sensors included)::

    blocked = the exit eye has read 1 for 2 s without a break       (TON 2 s)
    run     = safety_ok and not stop and (start or run) and not blocked

and feeder.run = conveyor1.run = conveyor2.run = run. Every right answer is
followed side by side (:func:`expected_run`): a timer of 1.8 s (``EARLY``)
to 2.5 s (``LATE``), fed with the eye alone (``TON(eye)``) or with the eye
while running (``TON(eye and run)``); where they disagree anything goes. So a
controller may stop from 1.8 s to 2.5 s of covering, never before, and may
answer a button up to 0.3 s (``GRACE``) late.

**The hidden runs** (6 seeds, 58-115 s each), planned per seed
(:func:`plan`): belt speed 70-95 % and feeder interval 2.5-5 s, so part
counts and times say nothing about when the outfeed blocks. The start comes
at 1-5.5 s; then, in an order drawn from the seed, with 3-8 s of running
before each:

* one or two **long blocks** (``Action(outfeed="blocked")``): the eye stays
  covered 7-11 s from the moment the next part reaches it; the outfeed is
  then cleared (the waiting part is taken away, so the eye clears while the
  line stands) and start is pressed 1.5-4 s later;
* one or two **short blocks**: 0.9-1.2 s from just before a part reaches the
  eye, so it covers the eye about 0.5-1.1 s (never 1.5 s): no stop, as for
  every passing part (0.25-0.45 s);
* a **plain stop** while a part sits under conveyor1's exit eye, and one just
  as the feeder places a part (under the infeed eye), start 3-5 s later each:
  the line must start whatever those eyes show; both come before the first
  long block;
* start pressed **again while running**: the line keeps running.

The actions are placed by playing the run first with the exercise's answer
(:class:`_Planner`), so blocks and stops fall on parts where they test
something; a controller that stops a little earlier or later moves the parts,
and every episode still holds. No run has a plant fault; every run has
passing parts and short blocks to tolerate.

**Findings**: open-loop outputs first (an output switching with no button,
eye or counter change just before, or stopping at a covering it ignored
longer at another time: ``open_loop``), then the first wrong stretch of
conveyor2.run, told by what it looks like (``no_delay``, ``count_stop``,
``timer_too_short``, ``timer_too_long``, ``never_stops``, ``wrong_eye``,
``restart_by_itself``, ``no_restart``, ``stop_ignored``, ``toggle``...),
then conveyor1.run and feeder.run (``only_conveyor2``,
``feeder_keeps_feeding``...). A finding that shows the outputs ignore the
eye on any run (``TELLING``) is told before the first failing run's.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

from ...plant import Plant, Scenario, layout, load_scenario
from ...plant.scenario import Action
from .base import register
from .behaviour import (
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
from .result import CheckResult, Trace, at

EXIT = "conveyor2.photo_eye_exit"
#: eyes a student might time by mistake, with their Korean names
OTHER_EYES = {
    "conveyor1.photo_eye_exit": "컨베이어1 끝 광전센서",
    "conveyor1.photo_eye_infeed": "투입 광전센서",
    "conveyor2.photo_eye_entry": "컨베이어2 입구 광전센서",
}
BUTTONS = ("panel.start", "panel.stop", "panel.reset", "panel.safety_ok")
COUNTERS = ("production.parts_in", "production.parts_out")
#: the outputs, the one the timer must stop first
OUTPUTS = ("conveyor2.run", "conveyor1.run", "feeder.run")

#: the exercise's delay, s
TRIP = 2.0
#: stopping from this much covering on is accepted, s
EARLY = 1.8
#: a stop must have come by this much covering, s
LATE = 2.5
#: scans a controller may lag behind a button (0.3 s)
GRACE = 6
#: scans after a button press (or release) within which an output change counts as its answer (0.6 s)
CAUSE = 12
#: scans after a sensor or counter change within which an output change counts as its answer
QUICK = 2
#: covering shorter than this at a stop: the part had only just reached the eye, s
BLINK = 0.25
#: another eye covered this long when the line would not start or stopped: the timer watches it, s
OTHER = 1.5

_EPS = 1e-6

#: findings that show, on any one run, that the outputs ignore the eye: told before the first failing run's
TELLING = ("open_loop", "count_stop")
#: every finding of this check's own (the others come from the framework: the student's code failed)
CODES = frozenset(
    {
        "open_loop", "count_stop", "on_before_start", "restart_by_itself", "stop_ignored", "on_without_start",
        "timer_too_long", "wrong_eye", "never_stops", "toggle", "no_delay", "timer_too_short", "no_seal",
        "off_without_reason", "no_restart", "no_start", "conveyor1_missing", "conveyor2_missing", "feeder_missing",
        "only_conveyor2", "conveyor1_keeps_running", "conveyor1_off", "feeder_keeps_feeding", "feeder_off",
    }
)  # fmt: skip


# --- the hidden runs -----------------------------------------------------------------------------------


class _Planner:
    """Plays one hidden run with an ideal controller and places the operator's actions on it.

    The controller is the exercise's answer; the run is the plant of the
    hidden seed. An action decided at a scan is applied just before the
    plant steps, exactly where the real run applies ``Action(at=...)``.
    """

    def __init__(self, scenario: Scenario, seed: int, rng: random.Random) -> None:
        self.plant = Plant(scenario, seed=seed)
        self.rng = rng
        self.actions: list[Action] = []
        self.run = False
        self.covered_since: float | None = None
        self._controlled = -1
        #: the tick after the step that placed the last part, while the line has run since (else None)
        self.fed: int | None = None
        plant = self.plant
        self.exit_at = plant.conveyor2.offset + layout.PHOTO_EYE_C2_EXIT
        self.c1_exit_at = plant.conveyor1.offset + layout.PHOTO_EYE_C1_EXIT
        #: what happened when, for the judge and the tests: (what, s)
        self.events: list[tuple[str, float]] = []

    @property
    def now(self) -> float:
        return self.plant.time

    # --- the ideal controller and the clock ------------------------------------------------------
    def _control(self) -> None:
        plant = self.plant
        if plant.tick == self._controlled:
            return
        self._controlled = plant.tick
        now = plant.time
        if plant.conveyor2.photo_eye_exit:
            if self.covered_since is None:
                self.covered_since = now
        else:
            self.covered_since = None
        blocked = self.covered_since is not None and now - self.covered_since >= TRIP - _EPS
        panel = plant.panel
        self.run = panel.safety_ok and not panel.stop and (panel.start or self.run) and not blocked
        plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = self.run
        if not self.run:
            self.fed = None

    def _step(self) -> None:
        plant = self.plant
        count = plant.production.parts_in
        plant.step()
        if plant.production.parts_in != count:
            self.fed = plant.tick

    def wait(self, done: Callable[[], bool], limit: float) -> bool:
        """Scan until ``done()`` holds after a scan (then act before the plant steps); False after ``limit`` s."""
        end = self.now + limit
        while True:
            self._control()
            if done():
                return True
            if self.now >= end - _EPS:
                return False
            self._step()

    def run_for(self, seconds: float) -> None:
        end = self.now + seconds
        self.wait(lambda: self.now >= end - _EPS, seconds + 1.0)

    # --- the operator ---------------------------------------------------------------------------------
    def note(self, what: str, at: float | None = None) -> None:
        self.events.append((what, round(self.now if at is None else at, 2)))

    def press(self, button: str, hold: float, what: str) -> None:
        hold = round(hold, 2)
        self.plant.panel.press(button, self.now, hold)
        self.actions.append(Action(at=round(self.now, 2), press=button, hold=hold))
        self.note(what)

    def outfeed(self, blocked: bool, what: str) -> None:
        self.plant.set_outfeed(blocked)
        self.actions.append(Action(at=round(self.now, 2), outfeed="blocked" if blocked else "clear"))
        self.note(what)

    # --- where the parts are --------------------------------------------------------------------------
    def _travel(self) -> float:
        """How far the parts move in one step, mm."""
        return self.plant.conveyor2.belt_speed * self.plant.dt

    def _clear_of_exit(self, step: float) -> bool:
        """True if after the next step no part will be in or just before conveyor2's exit eye."""
        for part in self.plant.outfeed_track.parts:
            lead = part.lead + step
            if self.exit_at - 4 * step <= lead <= self.exit_at + part.length + _EPS:
                return False
        return True

    def _next_to_exit(self) -> float | None:
        """Seconds until the next part reaches the exit eye (None if the eye is covered or nothing comes)."""
        speed = self.plant.conveyor2.belt_speed
        if speed <= 0.0 or self.plant.conveyor2.photo_eye_exit:
            return None
        for part in self.plant.outfeed_track.parts:
            if part.lead < self.exit_at:
                return (self.exit_at - part.lead) / speed
        return None

    def _part_under_conveyor1_exit(self) -> bool:
        """True if after the next step a part will sit well under conveyor1's exit eye and none near conveyor2's."""
        step = self._travel()
        if step <= 0.0 or not self._clear_of_exit(step):
            return False
        for part in self.plant.outfeed_track.parts:
            lead = part.lead + step
            if self.c1_exit_at + 0.2 * part.length <= lead <= self.c1_exit_at + 0.5 * part.length:
                return True
        return False

    def _feeding_next(self) -> bool:
        """True if the feeder places a part in the next step (and none will be near conveyor2's exit eye)."""
        if self.fed is None or not self._clear_of_exit(self._travel()):
            return False
        every = round(self.plant.feeder.interval / self.plant.dt)
        return self.plant.tick == self.fed - 1 + every

    # --- the episodes ---------------------------------------------------------------------------------
    def start(self, what: str = "start") -> None:
        self.press("start", self.rng.uniform(0.2, 0.7), what)

    def start_again(self) -> None:
        """Start pressed again while the line runs: it must keep running."""
        self.start("start_again")

    def long_block(self) -> None:
        """Block; the next part covers the eye; clear 7-11 s later; start again 1.5-4 s after."""
        rng = self.rng
        covering = rng.uniform(7.0, 11.0)
        restart = rng.uniform(1.5, 4.0)
        self.outfeed(True, "long_block")
        if not self.wait(lambda: self.covered_since is not None, 30.0):  # pragma: no cover - parts always come
            self.outfeed(False, "long_clear")
            return
        covered = self.covered_since
        assert covered is not None
        self.note("long_covered", covered)
        self.wait(lambda: self.now >= covered + covering - _EPS, covering + 1.0)
        self.outfeed(False, "long_clear")
        self.run_for(restart)
        self.start("long_restart")

    def short_block(self) -> None:
        """Block 0.1-0.35 s before a part reaches the eye, for 0.9-1.2 s in all.

        The part covers the eye about 0.55-1.1 s. Had it come earlier (after a
        controller that stopped a little later before), it covers the eye no
        longer than the block plus the 0.3 s it takes to the end of the belt:
        well under ``EARLY``.
        """
        rng = self.rng
        ahead = rng.uniform(0.1, 0.35)
        duration = rng.uniform(0.9, 1.2)

        def part_coming() -> bool:
            left = self._next_to_exit()
            return left is not None and left <= ahead

        if not self.wait(part_coming, 30.0):  # pragma: no cover - parts always come
            return
        blocked_at = self.now
        self.outfeed(True, "short_block")
        covered = None

        def over() -> bool:
            nonlocal covered
            if covered is None:
                covered = self.covered_since
            return self.now >= blocked_at + duration - _EPS

        self.wait(over, duration + 1.0)
        if covered is not None:
            self.note("short_covered", covered)
        self.outfeed(False, "short_clear")

    def stop_at_conveyor1_exit(self) -> None:
        """Stop while a part sits under conveyor1's exit eye; start again 3-5 s later."""
        self._stop_when(self._part_under_conveyor1_exit, "conveyor1_exit")

    def stop_at_feed(self) -> None:
        """Stop just as the feeder places a part (it stays under the infeed eye); start again 3-5 s later."""
        self._stop_when(self._feeding_next, "feed")

    def _stop_when(self, ready: Callable[[], bool], where: str) -> None:
        rng = self.rng
        hold = rng.uniform(0.2, 0.6)
        wait = rng.uniform(3.0, 5.0)
        if not self.wait(ready, 30.0):  # pragma: no cover - parts always come
            return
        self.press("stop", hold, f"stop_at_{where}")
        self.run_for(wait)
        self.start(f"restart_after_{where}")


def _spacing_ok(spacing: float) -> bool:
    """True if, with parts ``spacing`` mm apart, none is at conveyor2's exit eye when one is at
    conveyor1's exit eye or has just been placed by the feeder."""
    exit_at = layout.CONVEYOR1_LENGTH + layout.PHOTO_EYE_C2_EXIT
    between = (exit_at - layout.PHOTO_EYE_C1_EXIT - 10.0, exit_at - 70.0)
    return all(abs(n * spacing - d) >= 130.0 for n in range(1, 8) for d in between)


def plan(rng: random.Random, base: Scenario, seed: int) -> Episode:
    """The hidden run of one seed: its belt speed, feeder interval and operator actions."""
    while True:  # a spacing of parts that lets the plain stops find parts under the other eyes alone
        speed = float(rng.randint(70, 95))
        interval = round(rng.uniform(2.5, 5.0), 1)
        if _spacing_ok(interval * layout.BELT_MAX_SPEED * speed / 100.0):
            break
    scenario = base.model_copy(
        update={
            "feeder": base.feeder.model_copy(update={"interval": interval}),
            "conveyor1": base.conveyor1.model_copy(update={"speed": speed}),
            "conveyor2": base.conveyor2.model_copy(update={"speed": speed}),
            "actions": [],
        }
    )
    order = ["long", "short", "stop_at_conveyor1_exit", "stop_at_feed", "start_again"]
    if rng.random() < 0.5:
        order.append("long")
    if rng.random() < 0.5:
        order.append("short")
    rng.shuffle(order)
    for trap in ("stop_at_conveyor1_exit", "stop_at_feed"):  # the plain stops come before the first long block
        first_long = order.index("long")
        if order.index(trap) > first_long:
            order.remove(trap)
            order.insert(first_long, trap)
    gaps = [rng.uniform(3.0, 8.0) for _ in order]
    first_start = rng.uniform(1.0, 5.5)
    end_gap = rng.uniform(4.0, 8.0)

    planner = _Planner(scenario, seed, rng)
    planner.run_for(round(first_start / 0.05) * 0.05)
    planner.start()
    episodes = {
        "long": planner.long_block,
        "short": planner.short_block,
        "stop_at_conveyor1_exit": planner.stop_at_conveyor1_exit,
        "stop_at_feed": planner.stop_at_feed,
        "start_again": planner.start_again,
    }
    for name, gap in zip(order, gaps, strict=True):
        planner.run_for(gap)
        episodes[name]()
    planner.run_for(end_gap)
    seconds = round(planner.now / 0.05) * 0.05
    script = {"order": order, "speed": speed, "interval": interval, "events": planner.events}
    return Episode(scenario.model_copy(update={"actions": planner.actions}), round(seconds, 2), script)


# --- the expected behaviour ----------------------------------------------------------------------------


def covered_for(t: Sequence[float], eye: Sequence[bool]) -> list[float | None]:
    """For each scan, how long the eye has read 1 without a break (None while it reads 0), s."""
    since = None
    result: list[float | None] = []
    for now, covered in zip(t, eye, strict=True):
        if covered:
            if since is None:
                since = now
            result.append(now - since)
        else:
            since = None
            result.append(None)
    return result


def _follow(
    t: Sequence[float],
    start: Sequence[bool],
    stop: Sequence[bool],
    ok: Sequence[bool],
    eye: Sequence[bool],
    preset: float,
    gated: bool,
) -> tuple[list[bool], list[str]]:
    """One right answer scan by scan: a TON of ``preset`` s on the eye (``gated``: on the eye while running)
    breaking the seal-in; and why it stands where it stands."""
    runs: list[bool] = []
    why: list[str] = []
    run = False
    since = None
    reason = "before_start"
    for k, now in enumerate(t):
        if eye[k] and (run or not gated):
            since = now if since is None else since
        else:
            since = None
        trip = since is not None and now - since >= preset - _EPS
        was = run
        run = ok[k] and not stop[k] and (start[k] or run) and not trip
        if was and not run:
            reason = "stop" if stop[k] else "safety" if not ok[k] else "trip"
        runs.append(run)
        why.append("" if run else reason)
    return runs, why


def expected_run(
    t: Sequence[float], start: Sequence[bool], stop: Sequence[bool], ok: Sequence[bool], eye: Sequence[bool]
) -> tuple[list[bool | None], list[str]]:
    """The run command scan by scan (None where anything goes) and why the line stands.

    Every right answer is followed side by side: a timer of ``EARLY`` to
    ``LATE`` s, fed with the eye alone or with the eye while running; where
    they disagree anything goes. The reasons are those of the exercise's
    answer (2 s, the eye alone).
    """
    answers = [
        _follow(t, start, stop, ok, eye, preset, gated)[0] for preset in (EARLY, LATE) for gated in (False, True)
    ]
    expected: list[bool | None] = [
        values[0] if all(v == values[0] for v in values) else None for values in zip(*answers, strict=True)
    ]
    _, why = _follow(t, start, stop, ok, eye, TRIP, False)
    return expected, why


# --- the judge -----------------------------------------------------------------------------------------


def _name_ko(tag: str) -> str:
    return OTHER_EYES.get(tag, "배출 광전센서")


class ExitBlockedJudge(Judge):
    wants_steps = False

    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        super().__init__(plant, episode, run)
        self.recorder = Recorder(plant, (*BUTTONS, EXIT, *OTHER_EYES, *COUNTERS, *OUTPUTS))

    def after_scan(self, t: float) -> None:
        self.recorder.sample(t)

    def _model(self) -> tuple[dict, list[bool | None], list[str]]:
        c = self.recorder.columns()
        expected, why = expected_run(self.recorder.t, c["panel.start"], c["panel.stop"], c["panel.safety_ok"], c[EXIT])
        return c, expected, why

    def trace(self) -> Trace:
        c, expected, _ = self._model()
        return Trace(
            self.recorder.t,
            {name: c[name] for name in ("panel.start", "panel.stop", EXIT)},
            {name: c[name] for name in OUTPUTS},
            {name: expected for name in OUTPUTS},
            [f.t for f in self.findings if f.t is not None],
        )

    def finish(self) -> list:
        c, expected, why = self._model()
        self.c, self.expected, self.why = c, expected, why
        self.covered = covered_for(self.recorder.t, c[EXIT])
        self.others = {name: covered_for(self.recorder.t, c[name]) for name in OTHER_EYES}
        inputs_changed = changes(c["panel.start"], c["panel.stop"], c["panel.safety_ok"], c[EXIT])
        if self._open_loop():
            return self.findings
        main_name = next((name for name in OUTPUTS if any(c[name])), OUTPUTS[0])
        main = c[main_name]
        bad = mismatches(main, expected, inputs_changed, GRACE)
        if bad:
            self._explain(bad[0][0], main, main_name)
            return self.findings
        if main_name != OUTPUTS[0]:
            self._missing(OUTPUTS[0])
            return self.findings
        self._followers(inputs_changed)
        return self.findings

    # --- helpers ------------------------------------------------------------------------------------------
    def _pressed(self, name: str, k: int, window: int = CAUSE) -> bool:
        """The button was down at some scan in the ``window`` scans up to ``k``."""
        column = self.c[name]
        return any(column[j] for j in range(max(0, k - window), k + 1))

    def _changed(self, name: str, k: int, window: int = QUICK) -> bool:
        column = self.c[name]
        return any(column[j] != column[j - 1] for j in range(max(1, k - window), k + 1))

    def _counted(self, k: int) -> bool:
        return any(self._changed(name, k) for name in COUNTERS)

    def _other_eye(self, k: int) -> str | None:
        """Another eye that had been covered at least ``OTHER`` s at scan ``k``."""
        for name, covered in self.others.items():
            if covered[k] is not None and covered[k] >= OTHER - _EPS:
                return name
        return None

    def _exit_covered(self, k: int) -> float | None:
        """How long the exit eye had been covered at ``k`` (or just before: a controller a scan late)."""
        for j in range(k, max(-1, k - QUICK - 1), -1):
            if self.covered[j] is not None:
                return self.covered[j]
        return None

    # --- outputs that ignore the inputs -----------------------------------------------------------------------
    def _open_loop(self) -> bool:
        """Fail when an output switches with nothing to explain it: no button, no eye, no counter just before."""
        c = self.c
        eyes = (EXIT, *OTHER_EYES)
        panel = ("panel.start", "panel.stop", "panel.reset", "panel.safety_ok")
        for name in OUTPUTS:
            output = c[name]
            for k in rising(output):
                if k == 0:
                    continue  # on from the start: told as on_before_start
                if any(self._changed(b, k, GRACE) for b in panel) or any(self._changed(e, k) for e in eyes):
                    continue
                return self._fail_open_loop(name, k, True)
            for k in falling(output):
                if self._pressed("panel.stop", k, GRACE) or not all(c["panel.safety_ok"][max(0, k - GRACE) : k + 1]):
                    continue
                if self._changed("panel.start", k, GRACE):
                    continue  # a toggle or a jog: told below
                covered = self._exit_covered(k)
                if covered is not None and self._consistent(output, k, covered):
                    continue
                if self._counted(k) or self._other_eye(k) is not None:
                    continue
                return self._fail_open_loop(name, k, False, covered)
        return False

    def _consistent(self, output: list[bool], k: int, covered: float) -> bool:
        """False if the output stayed on through a longer covering of the exit eye (while on) at another
        time: a stop at ``covered`` s of covering is then no answer to the eye (a timetable that met a part)."""
        longer = covered + 0.05
        eye = self.c[EXIT]
        t = self.recorder.t
        since = None
        for j in range(1, len(output)):
            if eye[j] and output[j - 1]:
                since = t[j] if since is None else since
                if output[j] and t[j] - since >= longer - _EPS:
                    return False
            else:
                since = None
        return True

    def _fail_open_loop(self, name: str, k: int, on: bool, covered: float | None = None) -> bool:
        t = self.recorder.t[k]
        when_ko, when_en = at(t)
        what_ko = "켜졌습니다" if on else "꺼졌습니다"
        what_en = "came on" if on else "went off"
        if covered is None:
            why_ko = "아무도 버튼을 누르지 않았고 배출 광전센서도 그대로였는데"
            why_en = "although no button was pressed and the exit photo-eye did not change"
        else:
            why_ko = f"부품이 배출 광전센서를 {covered:.1f}초 가렸을 뿐이고 더 오래 가려진 때에도 돌았는데"
            why_en = f"when a part had covered the exit photo-eye for only {covered:.1f} s, though it ran on through longer coverings"
        self.fail(
            "open_loop",
            f"{why_ko} {when_ko} {name}이 {what_ko}: 출력이 입력을 따르지 않고 시간표나 개수대로 움직입니다",
            f"{name} {what_en} {when_en} {why_en}: your outputs do not follow the inputs, they follow a timetable or "
            f"a count",
            "시간이나 개수가 아니라 panel.start, panel.stop과 배출 광전센서(conveyor2.photo_eye_exit)를 읽어서 "
            "출력을 정하세요.",
            "decide the outputs from panel.start, panel.stop and the exit photo-eye conveyor2.photo_eye_exit, "
            "not from the time or a count",
            t,
            name,
        )
        return True

    # --- the run command --------------------------------------------------------------------------------------
    def _explain(self, k: int, run: list[bool], name: str) -> None:
        if run[k]:
            self._on_when_off(k, run, name)
        else:
            self._off_when_on(k, run, name)

    def _on_when_off(self, k: int, run: list[bool], name: str) -> None:
        """The line runs (or came on) where it should stand."""
        t = self.recorder.t
        now = t[k]
        when_ko, when_en = at(now)
        reason = self.why[k]
        came_on = k > 0 and not run[k - 1]
        if reason == "before_start":
            self.fail(
                "on_before_start",
                f"기동 버튼을 누르기 전인데 {when_ko} 운전 명령({name})이 켜졌습니다.",
                f"the line was switched on {when_en} before anyone pressed start ({name})",
                "기동 버튼(panel.start)을 누르기 전에는 feeder.run, conveyor1.run, conveyor2.run을 모두 꺼 두세요.",
                "keep feeder.run, conveyor1.run and conveyor2.run off until start (panel.start) is pressed",
                now,
                name,
            )
        elif reason == "trip" and came_on:
            cleared = self._exit_covered(k) is None
            self.fail(
                "restart_by_itself",
                f"배출이 막혀 멈춘 라인이 {when_ko} 기동 버튼 없이 저절로 다시 돌았습니다"
                + (" (배출 광전센서가 비자마자)." if cleared else "."),
                f"the line that had stopped for the blocked outfeed started again by itself {when_en}, with nobody "
                f"pressing start" + (" (as soon as the exit photo-eye cleared)" if cleared else ""),
                "멈춘 상태를 기억하세요(자기유지를 끊기): 다시 돌리는 것은 기동 버튼(panel.start)뿐입니다.",
                "remember the stop (break the seal-in) so that only the start button (panel.start) runs the line again",
                now,
                name,
            )
        elif reason == "trip":
            self._did_not_stop(k, run, name)
        elif reason in ("stop", "safety") and not came_on:
            self.fail(
                "stop_ignored",
                f"{when_ko} 정지 버튼(panel.stop)을 눌렀는데 라인이 멈추지 않았습니다 ({name}).",
                f"stop (panel.stop) was pressed {when_en} but the line kept running ({name})",
                "panel.stop이 눌리면 feeder.run, conveyor1.run, conveyor2.run을 모두 끄세요.",
                "switch feeder.run, conveyor1.run and conveyor2.run off when panel.stop is pressed",
                now,
                "panel.stop",
            )
        else:
            self.fail(
                "on_without_start",
                f"아무도 기동을 누르지 않았는데 {when_ko} 라인이 켜졌습니다 ({name}).",
                f"the line came on {when_en} although nobody pressed start ({name})",
                "멈춘 뒤에는 기동 버튼(panel.start)이 눌렸을 때만 다시 켜세요.",
                "once stopped, switch on again only when start (panel.start) is pressed",
                now,
                name,
            )

    def _did_not_stop(self, k: int, run: list[bool], name: str) -> None:
        """The exit eye stayed covered past ``LATE`` and the line ran on: which mistake is it?"""
        t = self.recorder.t
        covered = self._exit_covered(k) or LATE
        since = t[k] - covered
        since_ko, since_en = at(since)
        # stopped later in the same covering, without a button: the timer is too long
        j = k
        while j < len(run) and run[j] and self.covered[j] is not None:
            j += 1
        if j < len(run) and not run[j] and self.covered[j] is not None and not self._pressed("panel.stop", j):
            late = self.covered[j] or 0.0
            self.fail(
                "timer_too_long",
                f"배출 광전센서(conveyor2.photo_eye_exit)가 {since_ko} 가려진 뒤 {late:.1f}초가 지나서야 라인이 "
                f"멈췄습니다: 너무 늦습니다.",
                f"the exit photo-eye conveyor2.photo_eye_exit was covered {since_en} and the line stopped only "
                f"{late:.1f} s later: far too late",
                "타이머의 설정 시간을 2초로 하세요: plc.TON(2.0).",
                "set the timer to 2 s: plc.TON(2.0)",
                t[j],
                EXIT,
            )
            return
        evidence = self._wrong_eye_evidence()
        if evidence is not None:
            other, _ = evidence
            self.fail(
                "wrong_eye",
                f"배출 광전센서(conveyor2.photo_eye_exit)가 {since:.1f}초부터 {covered:.1f}초 넘게 가려졌는데 라인이 "
                f"계속 돌았습니다: 타이머가 {_name_ko(other)}({other})를 보는 것 같습니다.",
                f"the exit photo-eye conveyor2.photo_eye_exit was covered from {since:.1f} s for more than "
                f"{covered:.1f} s but the line ran on: your timer seems to watch {other}",
                "배출이 막히면 가려지는 것은 라인 끝의 conveyor2.photo_eye_exit입니다: 타이머에 그 센서를 넣으세요.",
                "a blocked outfeed covers the eye at the end of the line, conveyor2.photo_eye_exit: time that one",
                t[k],
                other,
            )
            return
        counted = self._count_evidence()
        if counted is not None:
            self._fail_count(counted)
            return
        self.fail(
            "never_stops",
            f"배출 광전센서(conveyor2.photo_eye_exit)가 {since:.1f}초부터 {covered:.1f}초 넘게 계속 가려졌는데(배출 막힘) "
            f"라인이 계속 돌았습니다 ({name}).",
            f"the exit photo-eye conveyor2.photo_eye_exit stayed covered from {since:.1f} s for more than "
            f"{covered:.1f} s (the outfeed was blocked) but the line kept running ({name})",
            "센서가 2초 동안 계속 가려지면(plc.TON(2.0)) feeder.run, conveyor1.run, conveyor2.run을 모두 끄세요.",
            "when the eye has been covered for 2 s without a break (plc.TON(2.0)), switch feeder.run, conveyor1.run "
            "and conveyor2.run off",
            t[k],
            EXIT,
        )

    def _off_when_on(self, k: int, run: list[bool], name: str) -> None:
        """The line stands (or stopped) where it should run."""
        t = self.recorder.t
        c = self.c
        now = t[k]
        when_ko, when_en = at(now)
        presses = rising(c["panel.start"])
        press = last_before(presses, k)
        stopped = k > 0 and run[k - 1]
        if not stopped and press is not None and k - press <= GRACE and not any(run[press : k + 1]):
            self._refused_start(press, name)
            return
        if not stopped:
            self._refused_start(press if press is not None else k, name)
            return
        if self._changed("panel.start", k, GRACE) and c["panel.start"][k]:
            self.fail(
                "toggle",
                f"운전 중에 기동 버튼을 다시 눌렀더니 {when_ko} 라인이 멈췄습니다: 기동은 켜기만 해야 합니다.",
                f"start was pressed again while running and the line stopped {when_en}: start must only switch on",
                "기동 버튼으로 켜고 끄기를 번갈아 하지 말고, 끄는 것은 정지 버튼과 타이머만 하게 하세요.",
                "do not toggle with start; only stop and the timer may switch off",
                now,
                "panel.start",
            )
            return
        covered = self._exit_covered(k)
        if covered is not None and covered < BLINK:
            if self._passes_before(k) >= 2:
                self._fail_count(k)
            else:
                self.fail(
                    "no_delay",
                    f"{when_ko} 부품이 배출 광전센서(conveyor2.photo_eye_exit)에 닿자마자 라인을 멈췄습니다: "
                    f"지나가는 부품도 센서를 0.3~0.4초쯤 가립니다.",
                    f"the line stopped {when_en} as soon as a part reached the exit photo-eye "
                    f"conveyor2.photo_eye_exit: every passing part covers it for about 0.3-0.4 s",
                    "센서가 2초 동안 계속 가려질 때만 멈추도록 타이머를 쓰세요: plc.TON(2.0).",
                    "stop only when the eye stays covered for 2 s: use an on-delay timer, plc.TON(2.0)",
                    now,
                    EXIT,
                )
            return
        if covered is not None:
            self.fail(
                "timer_too_short",
                f"배출 광전센서(conveyor2.photo_eye_exit)가 {covered:.1f}초만 가려졌는데 {when_ko} 라인을 멈췄습니다: "
                f"2초가 되기 전입니다.",
                f"the line stopped {when_en} when the exit photo-eye conveyor2.photo_eye_exit had been covered for "
                f"only {covered:.1f} s: before 2 s",
                "타이머의 설정 시간을 2초로 하세요: plc.TON(2.0).",
                "set the timer to 2 s: plc.TON(2.0)",
                now,
                EXIT,
            )
            return
        if self._counted(k):
            self._fail_count(k)
            return
        other = self._other_eye(k)
        if other is not None:
            self._fail_wrong_eye_stop(k, other)
            return
        if self._released(k):
            self.fail(
                "no_seal",
                f"기동 버튼에서 손을 떼자 {when_ko} 라인이 멈췄습니다: 자기유지가 필요합니다.",
                f"the line stopped {when_en} when start was let go: you need a seal-in",
                "출력 자신(또는 기억한 상태)을 조건에 넣어, 버튼을 뗀 뒤에도 켜진 상태를 유지하세요.",
                "use the output itself (or a remembered state) in the condition so it stays on after the button "
                "is released",
                now,
                name,
            )
            return
        self.fail(
            "off_without_reason",
            f"배출 광전센서(conveyor2.photo_eye_exit)는 비어 있었고 아무도 정지를 누르지 않았는데 {when_ko} "
            f"라인이 멈췄습니다 ({name}).",
            f"the line stopped {when_en} although the exit photo-eye conveyor2.photo_eye_exit was clear and "
            f"nobody pressed stop ({name})",
            "정지 버튼(panel.stop)이 눌리거나 배출 광전센서가 2초 동안 계속 가려질 때만 멈추세요.",
            "stop only for the stop button (panel.stop) or when the exit eye stays covered for 2 s",
            now,
            name,
        )

    def _refused_start(self, press: int, name: str) -> None:
        t = self.recorder.t
        run = self.c[name]
        when_ko, when_en = at(t[press])
        after_trip = press > 0 and self.why[press - 1] == "trip"
        evidence = None if after_trip else self._wrong_eye_evidence()
        other = evidence[0] if evidence is not None and evidence[1] == press else None
        if other is not None:
            self.fail(
                "wrong_eye",
                f"{when_ko} 기동 버튼을 눌렀는데 라인이 켜지지 않았습니다: 배출 광전센서는 비어 있었고 "
                f"{_name_ko(other)}({other})만 가려져 있었으니, 타이머가 그 센서를 보는 것 같습니다.",
                f"start was pressed {when_en} but the line did not start: the exit photo-eye was clear and only "
                f"{other} was covered, so your timer seems to watch that eye",
                "배출이 막히면 가려지는 것은 라인 끝의 conveyor2.photo_eye_exit입니다: 타이머에 그 센서를 넣으세요.",
                "a blocked outfeed covers the eye at the end of the line, conveyor2.photo_eye_exit: time that one",
                t[press],
                other,
            )
        elif after_trip:
            self.fail(
                "no_restart",
                f"배출 막힘이 풀리고 {when_ko} 기동 버튼을 눌렀는데 라인이 다시 돌지 않았습니다 ({name}).",
                f"the outfeed was clear again and start was pressed {when_en}, but the line did not restart ({name})",
                "배출 광전센서가 비어 있을 때 기동 버튼(panel.start)이 눌리면 멈춤 기억을 지우고 다시 돌리세요.",
                "when start (panel.start) is pressed while the exit eye is clear, forget the stop and run again",
                t[press],
                name,
            )
        elif not any(run[:press]):
            self.fail(
                "no_start",
                f"{when_ko} 기동 버튼을 눌렀는데 라인이 켜지지 않았습니다 ({name}).",
                f"start was pressed {when_en} but the line did not start ({name})",
                "panel.start가 눌리면 feeder.run, conveyor1.run, conveyor2.run을 True로 쓰세요.",
                "write True to feeder.run, conveyor1.run and conveyor2.run when panel.start is pressed",
                t[press],
                name,
            )
        else:
            self.fail(
                "no_start",
                f"{when_ko} 기동 버튼을 눌렀는데 라인이 다시 켜지지 않았습니다 ({name}).",
                f"start was pressed {when_en} but the line did not start again ({name})",
                "정지한 뒤에도 panel.start가 눌리면 다시 켜지게 하세요.",
                "after a stop, switch on again when panel.start is pressed",
                t[press],
                name,
            )

    def _fail_wrong_eye_stop(self, k: int, other: str) -> None:
        when_ko, when_en = at(self.recorder.t[k])
        self.fail(
            "wrong_eye",
            f"배출 광전센서는 비어 있었는데 {_name_ko(other)}({other})가 가려져 있는 동안 {when_ko} 라인이 "
            f"멈췄습니다: 타이머가 그 센서를 보는 것 같습니다.",
            f"the line stopped {when_en} while the exit photo-eye was clear and {other} was covered: your timer "
            f"seems to watch that eye",
            "배출이 막히면 가려지는 것은 라인 끝의 conveyor2.photo_eye_exit입니다: 타이머에 그 센서를 넣으세요.",
            "a blocked outfeed covers the eye at the end of the line, conveyor2.photo_eye_exit: time that one",
            self.recorder.t[k],
            other,
        )

    def _fail_count(self, k: int) -> None:
        when_ko, when_en = at(self.recorder.t[k])
        self.fail(
            "count_stop",
            f"배출 광전센서(conveyor2.photo_eye_exit)가 2초 동안 가려지지 않았는데 {when_ko} 부품 수에 맞춰 "
            f"라인을 멈췄습니다: 개수로는 배출이 막힌 때를 알 수 없습니다.",
            f"the line stopped {when_en} on a part count although the exit photo-eye conveyor2.photo_eye_exit had "
            f"not been covered for 2 s: a count cannot tell when the outfeed is blocked",
            "부품을 세지 말고, 배출 광전센서가 2초 동안 계속 가려졌는지를 타이머로 보세요: plc.TON(2.0).",
            "do not count parts; time how long the exit eye stays covered: plc.TON(2.0)",
            self.recorder.t[k],
            EXIT,
        )

    def _passes_before(self, k: int) -> int:
        """Parts that passed the exit eye while the student's line ran, before scan ``k``."""
        eye = self.c[EXIT]
        run = self.c[OUTPUTS[0]]
        return sum(1 for j in falling(eye) if j < k and run[j])

    def _released(self, k: int) -> bool:
        releases = falling(self.c["panel.start"])
        last = last_before(releases, k)
        return last is not None and k - last <= QUICK

    def _starts(self) -> list[tuple[int, bool]]:
        """Each press of start that should have started the standing line: (scan, refused)."""
        c = self.c
        run = c[OUTPUTS[0]]
        found = []
        for press in rising(c["panel.start"]):
            if self.expected[press] and (press == 0 or not run[press - 1]):
                found.append((press, not any(run[press : press + GRACE + 1])))
        return found

    def _wrong_eye_evidence(self) -> tuple[str, int] | None:
        """Another eye that tells exactly which starts were refused: covered a while at each refused start,
        not at the others (a timer on the wrong eye), and one of them a start after a plain stop.
        (that eye, that start)."""
        starts = self._starts()
        # refused right after a plain stop (not after a block, where any stuck memory refuses too)
        refused = [press for press, no in starts if no and press > 0 and self.why[press - 1] == "stop"]
        if not refused:
            return None
        for name, covered in self.others.items():
            if all((covered[p] is not None and covered[p] >= OTHER - _EPS) == no for p, no in starts):
                return name, refused[0]
        return None

    def _count_evidence(self) -> int | None:
        """A stop with no button, with the exit eye clear, just as a part counter changed: the scan."""
        run = self.c[OUTPUTS[0]]
        for k in falling(run):
            if self._pressed("panel.stop", k) or self._exit_covered(k) is not None:
                continue
            if self._counted(k):
                return k
        return None

    def _missing(self, missing: str) -> None:
        t = self.recorder.t
        first = next((k for k, e in enumerate(self.expected) if e), 0)
        self.fail(
            f"{missing.split('.')[0]}_missing",
            f"{t[first]:.1f}초부터 라인이 돌아야 하는데 {missing}은 한 번도 켜지지 않습니다.",
            f"the line should run from {t[first]:.1f} s but {missing} never comes on",
            f"{missing}에도 다른 출력과 같은 운전 명령을 쓰세요.",
            f"write the same run command to {missing} as to the other outputs",
            t[first],
            missing,
        )

    # --- conveyor1 and the feeder must follow ----------------------------------------------------------------
    def _followers(self, inputs_changed: list[int]) -> None:
        c = self.c
        t = self.recorder.t
        expected = self.expected
        problems = {
            name: mismatches(c[name], expected, inputs_changed, GRACE) for name in ("conveyor1.run", "feeder.run")
        }
        belt, feeder = problems["conveyor1.run"], problems["feeder.run"]
        if belt:
            k = belt[0][0]
            when_ko, when_en = at(t[k])
            if c["conveyor1.run"][k]:
                if feeder and c["feeder.run"][feeder[0][0]] and feeder[0][0] <= belt[0][1]:
                    self.fail(
                        "only_conveyor2",
                        f"{when_ko} conveyor2.run만 멈추고 conveyor1.run과 feeder.run은 계속 켜져 있습니다: "
                        f"부품이 컨베이어 사이에 쌓입니다.",
                        f"only conveyor2.run stopped {when_en}; conveyor1.run and feeder.run stayed on, so parts pile "
                        f"up between the belts",
                        "멈출 때는 feeder.run, conveyor1.run, conveyor2.run을 모두 끄세요.",
                        "when stopping, switch feeder.run, conveyor1.run and conveyor2.run all off",
                        t[k],
                        "conveyor1.run",
                    )
                else:
                    self.fail(
                        "conveyor1_keeps_running",
                        f"{when_ko} 라인을 멈춰야 하는데 conveyor1.run이 켜져 있습니다.",
                        f"the line should have stopped {when_en} but conveyor1.run stayed on",
                        "멈출 때는 conveyor1.run도 끄세요.",
                        "switch conveyor1.run off too when stopping",
                        t[k],
                        "conveyor1.run",
                    )
            elif not any(c["conveyor1.run"]):
                self._missing("conveyor1.run")
            else:
                self.fail(
                    "conveyor1_off",
                    f"{when_ko} 라인이 돌아야 하는데 conveyor1.run이 꺼져 있습니다.",
                    f"the line should run {when_en} but conveyor1.run was off",
                    "conveyor1.run에도 conveyor2.run과 같은 운전 명령을 쓰세요.",
                    "write the same run command to conveyor1.run as to conveyor2.run",
                    t[k],
                    "conveyor1.run",
                )
            return
        if feeder:
            k = feeder[0][0]
            when_ko, when_en = at(t[k])
            if c["feeder.run"][k]:
                self.fail(
                    "feeder_keeps_feeding",
                    f"{when_ko} 컨베이어는 멈췄는데 공급기(feeder.run)는 켜져 있어서 멈춘 벨트 위에 부품을 올립니다.",
                    f"the belts had stopped {when_en} but the feeder (feeder.run) stayed on, putting parts on a "
                    f"stopped belt",
                    "멈출 때는 feeder.run도 함께 끄세요.",
                    "switch feeder.run off together with the belts",
                    t[k],
                    "feeder.run",
                )
            elif not any(c["feeder.run"]):
                self._missing("feeder.run")
            else:
                self.fail(
                    "feeder_off",
                    f"{when_ko} 라인이 돌아야 하는데 공급기(feeder.run)가 꺼져 있습니다.",
                    f"the line should run {when_en} but the feeder (feeder.run) was off",
                    "feeder.run에도 컨베이어와 같은 운전 명령을 쓰세요.",
                    "write the same run command to feeder.run as to the belts",
                    t[k],
                    "feeder.run",
                )


@register
class ExitBlocked(BehaviourCheck):
    """Stop the whole line when the exit photo-eye stays covered for 2 s; restart only with start."""

    name = "exit_blocked"
    title = (
        "배출 막힘 2초(TON) → 공급기까지 모두 정지, 기동으로만 재기동",
        "blocked outfeed for 2 s (TON) → stop everything, feeder included; restart only with start",
    )
    scenario = "conveyor"
    count = 6

    def episode(self, rng: random.Random, base: Scenario, seed: int = 0) -> Episode:
        return plan(rng, base, seed)

    def plant_for(self, seed: int) -> tuple[Plant, Episode]:
        rng = random.Random(f"{self.name}|{seed}")
        episode = self.episode(rng, load_scenario(self.scenario), seed)
        return Plant(episode.scenario, seed=seed), episode

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return ExitBlockedJudge(plant, episode, run)

    def judge(self, answer: Any, seeds: list[int]) -> CheckResult:
        """Like every behaviour check, the first failing run is explained, unless another run shows that the
        outputs ignore the eye (``TELLING``, in that order): a timetable can meet a blocked outfeed on one
        seed by chance, never on all of them."""
        found: dict[str, CheckResult] = {}
        for index, seed in enumerate(seeds, start=1):
            result = run_behaviour(self, answer, [seed])
            if result.passed:
                continue
            result.seeds = len(seeds)
            for finding in result.findings:
                finding.seed = index
            code = result.codes[0] if result.codes else ""
            if code == TELLING[0] or code not in CODES:
                return result  # outputs that ignore the inputs, or the student's code failed: no need to run on
            found.setdefault(code if code in TELLING else "first", result)
        for code in (*TELLING, "first"):
            if code in found:
                return found[code]
        return self.result(True, [], seeds=len(seeds))
