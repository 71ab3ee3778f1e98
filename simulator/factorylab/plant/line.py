"""Whole-line status: the simulator's own status and the line's KPIs."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    from .plant import Plant

#: Line states (``line.state``).
STOPPED, RUNNING, IDLE, ESTOP, DOWN = 0, 1, 2, 3, 4
STATE_NAMES = {STOPPED: "stopped", RUNNING: "running", IDLE: "idle", ESTOP: "estop", DOWN: "down"}

#: Defect causes, in the order they are counted when a part has several.
DEFECT_CAUSES = ("machining", "dimension", "overheated", "soft")

#: The LineStatus attributes that only ever grow (counts and times): a run
#: reports them as the difference between its end and its start.
COUNTERS = (
    "parts_in",
    "parts_out",
    "parts_rejected",
    "parts_missorted",
    "parts_good",
    *(f"defects_{cause}" for cause in DEFECT_CAUSES),
    "run_time",
    "idle_time",
    "stop_time",
    "down_time",
)


class OEE(NamedTuple):
    """Overall equipment effectiveness and its three factors, each in % (0..100)."""

    availability: float
    performance: float
    quality: float
    oee: float


def oee_figures(
    *,
    run_time: float,
    idle_time: float,
    finished: float,
    good: float,
    planned_time: float,
    ideal_cycle_time: float,
) -> OEE:
    """OEE from a line's counters: the one definition (the line's own and a run's).

    * availability = operating time / planned time, with operating time =
      run time + idle time (the belts ran);
    * performance = ideal cycle time x finished parts / operating time
      (capped at 100 %);
    * quality = good parts / finished parts;
    * OEE = availability x performance x quality.

    A factor whose denominator is 0 is 0. Pass totals for the line so far or
    differences over a run.

    Args:
        run_time: seconds running with parts moving.
        idle_time: seconds running with nothing moving.
        finished: parts that left the line (outfeed + reject bin).
        good: finished parts without a defect.
        planned_time: planned production time, s.
        ideal_cycle_time: ideal seconds per part.
    """
    operating = run_time + idle_time
    availability = 100.0 * operating / planned_time if planned_time > 0 else 0.0
    performance = min(100.0, 100.0 * ideal_cycle_time * finished / operating) if operating > 0 else 0.0
    quality = 100.0 * good / finished if finished else 0.0
    return OEE(availability, performance, quality, availability * performance * quality / 10000.0)


class SystemStatus:
    """Simulator status: time, tick, scenario, and how it is being run.

    ``running`` and ``speed`` are set by whoever drives the plant in real time
    (the simulator command); in fast-forward they stay False and 0.
    """

    __slots__ = ("_plant", "scenario_id", "running", "speed", "time_step", "seed", "variant")

    def __init__(self, plant: Plant) -> None:
        self._plant = plant
        self.scenario_id = plant.scenario.number
        self.running = False
        self.speed = 0.0  # real-time factor; 0 = fast-forward
        self.time_step = plant.dt
        self.seed = plant.seed
        self.variant = plant.variant.number

    @property
    def sim_time(self) -> float:
        """Simulated time since start, s."""
        return self._plant.time

    @property
    def tick(self) -> int:
        """Number of time steps done since start."""
        return self._plant.tick


class LineStatus:
    """Line state, part counts, quality by cause and the inputs OEE needs.

    state: 0 stopped (no belt running), 1 running (belts running and parts
        moving), 2 idle (belts running but nothing moving: starved or
        blocked), 3 E-stop (safety relay tripped), 4 down (a machine has
        failed, is changing its tool, or a motor overload has tripped).
    parts_in / parts_out / parts_rejected: placed by the feeder / left at the
        outfeed / pushed into the reject bin.
    parts_missorted: parts in the wrong place by the scenario's sort rule.
    parts_good: finished parts (outfeed or bin) without a defect.
    defects_<cause>: finished parts whose first defect is that cause.
    run_time / idle_time / stop_time / down_time: seconds in each state
        (stop_time includes E-stop time).
    availability, performance, quality, oee: OEE so far, % (see :func:`oee_figures`;
        planned time = simulated time).
    """

    __slots__ = ("_plant", "state", "ideal_cycle_time", *COUNTERS)

    def __init__(self, plant: Plant) -> None:
        self._plant = plant
        self.state = STOPPED
        for name in COUNTERS:
            setattr(self, name, 0.0 if name.endswith("_time") else 0)
        self.ideal_cycle_time = plant.scenario.ideal_cycle_time

    def count_finished(self, defects: list[str]) -> None:
        """Count a finished part by its first defect (or as good)."""
        if not defects:
            self.parts_good += 1
            return
        cause = defects[0]
        setattr(self, f"defects_{cause}", getattr(self, f"defects_{cause}") + 1)

    @property
    def finished(self) -> int:
        """Parts that left the line (outfeed + reject bin)."""
        return self.parts_out + self.parts_rejected

    @property
    def planned_time(self) -> float:
        """Planned production time so far, s (all simulated time)."""
        return self._plant.time

    def figures(self) -> OEE:
        """OEE so far and its factors (see :func:`oee_figures`)."""
        return oee_figures(
            run_time=self.run_time,
            idle_time=self.idle_time,
            finished=self.finished,
            good=self.parts_good,
            planned_time=self.planned_time,
            ideal_cycle_time=self.ideal_cycle_time,
        )

    @property
    def availability(self) -> float:
        """Operating time / planned time, % (0..100)."""
        return self.figures().availability

    @property
    def performance(self) -> float:
        """Ideal cycle time x finished parts / operating time, % (0..100)."""
        return self.figures().performance

    @property
    def quality(self) -> float:
        """Good parts / finished parts, % (0..100)."""
        return self.figures().quality

    @property
    def oee(self) -> float:
        """Availability x performance x quality, % (0..100)."""
        return self.figures().oee
