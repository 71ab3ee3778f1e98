"""One capstone run: a team's controller on one seed's line, measured.

The controller gets a :class:`~factorylab.control.checks.behaviour.JudgedLine`
(its tags only, no ``line.plant``), a cold start, and the scan watchdog, as
in a behaviour check. What the run measures is raw (counts and seconds);
:mod:`factorylab.capstone.formula` turns it into points.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..control.checks.behaviour import Judge, run_seed
from ..control.memory import Program
from ..control.runner import FEEDBACK_GRACE
from ..control.student import Watchdog
from ..plant import Plant
from ..plant.line import oee_figures
from .episodes import Plan

#: the controller's scan, s (the plant's time step: a PLC scanning every 50 ms)
SCAN = 0.05
#: an output may still be on this long after the safety relay tripped, s (then the seed scores 0)
ESTOP_GRACE = 0.5
#: outputs that must be off while the safety relay is tripped (on/off, then analog)
ESTOP_OUTPUTS = ("feeder.run", "conveyor1.run", "conveyor2.run", "cnc.run", "sorter.extend")
ESTOP_ANALOG = ("oven.heater", "tank.inflow")
#: after STOP, the feeder must be off within this many s, until START is pressed again
STOP_GRACE = 1.0
#: an alarm counts as detecting a fault if it comes on from the fault's start until this long after its end, s
DETECT_AFTER = 60.0
#: alarm time is justified until this long after a fault ended (latched until acknowledged), s
JUSTIFIED_AFTER = 60.0
#: ... and this long after one of the CNC's own failures or tool-change requests ended (the operator's ack), s
CNC_JUSTIFIED_AFTER = 15.0
#: the buzzer must go quiet this long after the operator's acknowledge (RESET), s
ACK_WITHIN = 2.0
#: a recovery that has not happened by the run's end counts as this long at most, s
RECOVERY_CAP = 600.0


@dataclass
class SeedRun:
    """What one seed's run produced (raw measurements, no points).

    Attributes:
        seed: the seed; seconds: simulated s.
        good: good parts that left at the outfeed (ground truth: no defect).
        shipped_defects: parts with a defect that left at the outfeed.
        finished: parts that left the line (outfeed + reject bin).
        oee: OEE of the run, %.
        lateness: s of order lateness summed over orders due by the end
            (an order still open counts until the end).
        alarm_time: s the team's alarm (``stack_light.red`` or
            ``stack_light.buzzer``) was on, outside E-stops and blocked outfeeds.
        justified_time: of alarm_time, s inside a fault, a CNC failure or
            :data:`JUSTIFIED_AFTER` s after one.
        faults: (kind, target, start, detected) per fault of the fault log
            (a jam that never found a part to stick is left out).
        acks: operator acknowledges (RESET while the buzzer sounded);
            acks_ok: of them, followed by a quiet buzzer within :data:`ACK_WITHIN` s.
        recoveries: (kind, end, s until the next part left at the outfeed).
        interlocks: times the feeder ran while conveyor1 stood, for
            :data:`FEEDBACK_GRACE` s on end; stops_ignored: STOPs after which the feeder
            ran on.
        estop: (t, tag) of the first output on during an E-stop, or None.
        error: (ko, en, detail, code) if the team's code failed, else None
            (code: the finding's, e.g. ``python_error``, ``watchdog``, ``not_written``).
    """

    seed: int
    seconds: float
    good: int = 0
    shipped_defects: int = 0
    finished: int = 0
    oee: float = 0.0
    lateness: float = 0.0
    orders_due: int = 0
    alarm_time: float = 0.0
    justified_time: float = 0.0
    faults: list[tuple[str, str, float, bool]] = field(default_factory=list)
    acks: int = 0
    acks_ok: int = 0
    recoveries: list[tuple[str, float, float]] = field(default_factory=list)
    interlocks: int = 0
    stops_ignored: int = 0
    estop: tuple[float, str] | None = None
    error: tuple[str, str, str, str] | None = None


class _Stop(Exception):
    """Ends a run early: its verdict is certain (an output on during an E-stop)."""


class CapstoneJudge(Judge):
    """Measures a run scan by scan; the operator acknowledges alarms (before each scan)."""

    wants_steps = False

    def __init__(self, plant: Plant, plan: Plan) -> None:
        from ..tags import tags_for

        super().__init__(plant, None, 1)  # type: ignore[arg-type]
        self.plan = plan
        table = tags_for(plant)
        self._outputs = [(name, table[name].reader) for name in ESTOP_OUTPUTS]
        self._analog = [(name, table[name].reader) for name in ESTOP_ANALOG]
        self.panel = plant.panel
        self.lamps = plant.stack_light
        self.cnc = plant.cnc
        self.feeder = plant.feeder
        self.belt1 = plant.conveyor("conveyor1")
        self.tripped_since: float | None = None
        self.feeding_since: float | None = None
        self.interlock_on = False
        self.buzzer_since: float | None = None
        self.ack_at: float | None = None
        self.ack_pending: float | None = None
        self.alarm_was = False
        self.cnc_windows: list[list[float]] = []  # [start, end] of the CNC's failures / tool-change requests
        self.alarm_spans: list[list[float]] = []  # [start, end] of the team's alarm
        self.part_mark = 0
        self.shipped: list[tuple[float, bool]] = []  # (time, good) per part out at the outfeed
        self.finished = 0
        self.stop_windows = [(a + STOP_GRACE, b) for a, b in plan.stops]
        self.stop_bad = [False] * len(plan.stops)
        self.run = SeedRun(plan.seed, plan.seconds)

    # --- the operator ---------------------------------------------------------------------------------
    def before_scan(self, t: float) -> None:
        """The operator acknowledges a sounding buzzer (RESET) after their reaction time."""
        if self.buzzer_since is not None and self.ack_pending is None and self.panel.safety_ok:
            if t - self.buzzer_since >= self.plan.ack_delay and (self.ack_at is None or t - self.ack_at > 5.0):
                self.panel.press("reset", t, 0.3)
                self.ack_at = t
                self.ack_pending = t
                self.run.acks += 1

    # --- after each scan --------------------------------------------------------------------------------
    def after_scan(self, t: float) -> None:
        lamps = self.lamps
        # E-stop: every output off once the relay has been tripped ESTOP_GRACE s
        if not self.panel.safety_ok:
            if self.tripped_since is None:
                self.tripped_since = t
            elif t - self.tripped_since > ESTOP_GRACE - 1e-9:
                for name, read in self._outputs:
                    if read(self.plant):
                        self._estop(t, name)
                for name, read in self._analog:
                    if read(self.plant) > 0:
                        self._estop(t, name)
        else:
            self.tripped_since = None
        # interlock: the feeder runs while conveyor1 stands, FEEDBACK_GRACE s on end (the belt's time to answer)
        if self.feeder.run:
            if self.belt1.running:
                self.feeding_since = None
            elif self.feeding_since is None:
                self.feeding_since = t
            bad = self.feeding_since is not None and t - self.feeding_since >= FEEDBACK_GRACE - 1e-9
            if bad and not self.interlock_on:
                self.run.interlocks += 1
            self.interlock_on = bad
            for k, (a, b) in enumerate(self.stop_windows):
                if a <= t < b:
                    self.stop_bad[k] = True
        else:
            self.feeding_since = None
            self.interlock_on = False
        # the team's alarm and the buzzer's acknowledge
        alarm = bool(lamps.red or lamps.buzzer)
        if alarm and not self.alarm_was:
            self.alarm_spans.append([t, t])
        elif alarm:
            self.alarm_spans[-1][1] = t
        self.alarm_was = alarm
        if lamps.buzzer:
            if self.buzzer_since is None:
                self.buzzer_since = t
        else:
            self.buzzer_since = None
        if self.ack_pending is not None:
            if not lamps.buzzer:
                self.run.acks_ok += 1
                self.ack_pending = None
            elif t - self.ack_pending > ACK_WITHIN:
                self.ack_pending = None
        # the CNC's own failures and tool-change requests (ground truth, justify an alarm)
        cnc = self.cnc
        trouble = cnc.failed or cnc.tool_change_required
        windows = self.cnc_windows
        if trouble:
            if windows and windows[-1][1] >= t - SCAN * 1.5:
                windows[-1][1] = t
            else:
                windows.append([t, t])
        # parts that left (the plant keeps the newest 2000: drained every 30 s)
        if round(t / SCAN) % 600 == 0:
            self._drain()

    def _estop(self, t: float, name: str) -> None:
        self.run.estop = (round(t, 2), name)
        raise _Stop

    def _drain(self) -> None:
        parts = self.plant.finished_parts
        for part in parts.since(self.part_mark):
            self.finished += 1
            if part.location == "outfeed":
                self.shipped.append((part.history[-1][0], not part.defects))
        self.part_mark = parts.total

    # --- at the end --------------------------------------------------------------------------------------
    def measure(self, end: float) -> SeedRun:
        """The run's measurements, once it is over (at simulated time ``end``)."""
        run = self.run
        plant = self.plant
        self._drain()
        run.finished = self.finished
        run.good = sum(1 for _, good in self.shipped if good)
        run.shipped_defects = sum(1 for _, good in self.shipped if not good)
        line = plant.production
        figures = oee_figures(
            run_time=line.run_time,
            idle_time=line.idle_time,
            finished=line.parts_out + line.parts_rejected,
            good=line.parts_good,
            planned_time=max(end, 1.0),
            ideal_cycle_time=plant.scenario.ideal_cycle_time,
        )
        run.oee = round(figures.oee, 2)
        due = [o for o in plant.orders.orders if o.due <= end]
        run.orders_due = len(due)
        run.lateness = round(
            sum(max(0.0, (o.completed_at if o.completed_at is not None else end) - o.due) for o in due), 1
        )
        run.stops_ignored = sum(self.stop_bad)
        # alarms: neutral during E-stops and blocked outfeeds
        happenings = self.plan.happenings
        neutral = [(h.start, h.end + 10.0) for h in happenings if h.kind in ("estop", "outfeed")]
        causes = [(h.start, (h.end if h.kind != "tool" else h.start + 60.0) + JUSTIFIED_AFTER) for h in happenings]
        causes += [(a, b + CNC_JUSTIFIED_AFTER) for a, b in self.cnc_windows]
        causes = [c for c in causes if c[0] <= end]
        spans = [(a, b + SCAN) for a, b in self.alarm_spans]
        total = _length(spans) - _overlap(spans, neutral)
        justified = _overlap(spans, causes) - _overlap(_intersect(spans, causes), neutral)
        run.alarm_time = round(max(0.0, total), 2)
        run.justified_time = round(max(0.0, min(justified, total)), 2)
        own = _subtract(spans, neutral)  # a red lamp during an E-stop does not catch a fault
        idle_jams = [r.start for r in plant.faults.log if r.kind == "jam" and not r.applied]  # no part ever stuck
        for h in happenings:
            if h.kind == "jam" and any(abs(start - h.start) < 0.1 for start in idle_jams):
                continue
            if h.is_fault and h.start <= end:
                last = (h.end if h.kind != "tool" else h.start + 60.0) + DETECT_AFTER
                detected = any(a <= last and b >= h.start for a, b in own)
                run.faults.append((h.kind, h.target, h.start, detected))
        # recovery: from the end of each episode to the next good part out at the outfeed
        times = [when for when, good in self.shipped if good]
        for h in happenings:
            if h.kind in ("jam", "tool", "stop", "estop", "outfeed") and h.end <= end:
                later = [when for when in times if when > h.end]
                took = (later[0] - h.end) if later else end - h.end
                run.recoveries.append((h.kind, h.end, round(min(took, RECOVERY_CAP), 2)))
        return run


def _length(spans: list[tuple[float, float]]) -> float:
    return sum(b - a for a, b in spans)


def _intersect(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out = []
    for a0, a1 in a:
        for b0, b1 in _merged(b):
            lo, hi = max(a0, b0), min(a1, b1)
            if hi > lo:
                out.append((lo, hi))
    return out


def _merged(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[list[float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _subtract(spans: list[tuple[float, float]], holes: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """``spans`` with the parts inside ``holes`` cut out."""
    out = []
    for a, b in spans:
        pieces = [(a, b)]
        for h0, h1 in _merged(holes):
            pieces = [
                piece for p0, p1 in pieces for piece in ((p0, min(p1, h0)), (max(p0, h1), p1)) if piece[1] > piece[0]
            ]
        out.extend(pieces)
    return out


def _overlap(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> float:
    return _length(_intersect(a, b))


def run_plan(program: Program, plan: Plan, dog: Watchdog) -> SeedRun:
    """Run ``program`` (cold start) on the plan's line and measure it; never raises for the team's code."""
    plant = Plant(plan.scenario, seed=plan.seed)
    judge = CapstoneJudge(plant, plan)
    end = plan.seconds
    try:
        problem = run_seed(program, plant, judge, plan.seconds, SCAN, dog, 1, before_scan=judge.before_scan)
    except _Stop:  # pragma: no cover - run_seed turns every exception into a finding
        problem = None
    if problem is not None and problem.code == "python_error" and judge.run.estop is not None:
        problem = None  # our own early stop, seen by run_seed as an error
    if judge.run.estop is not None:
        end = plant.time
    elif problem is not None:
        end = plant.time
        judge.run.error = (problem.text("ko"), problem.text("en"), problem.detail or "", problem.code)
    run = judge.measure(end)
    return run


__all__ = ["ACK_WITHIN", "ESTOP_GRACE", "SCAN", "CapstoneJudge", "SeedRun", "run_plan"]
