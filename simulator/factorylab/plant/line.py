"""Whole-line status: the simulator's own status and the line's KPIs."""

from __future__ import annotations

from typing import TYPE_CHECKING

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


class SystemStatus:
    """Simulator status: time, tick, scenario, and how it is being run.

    ``running`` and ``speed`` are set by whoever drives the plant in real time
    (the simulator command); in fast-forward they stay False and 0.
    """

    __slots__ = ("_plant", "scenario_id", "running", "speed", "time_step", "seed")

    def __init__(self, plant: Plant) -> None:
        self._plant = plant
        self.scenario_id = plant.scenario.number
        self.running = False
        self.speed = 0.0  # real-time factor; 0 = fast-forward
        self.time_step = plant.dt
        self.seed = plant.seed

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
    availability, performance, quality, oee: OEE so far, % (planned time =
        simulated time; operating time = run + idle; performance = ideal cycle
        time x finished parts / operating time; quality = good / finished).
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

    @property
    def availability(self) -> float:
        """Operating time / planned time, % (0..100)."""
        planned = self.planned_time
        return 100.0 * (self.run_time + self.idle_time) / planned if planned > 0 else 0.0

    @property
    def performance(self) -> float:
        """Ideal cycle time x finished parts / operating time, % (0..100)."""
        operating = self.run_time + self.idle_time
        if operating <= 0:
            return 0.0
        return min(100.0, 100.0 * self.ideal_cycle_time * self.finished / operating)

    @property
    def quality(self) -> float:
        """Good parts / finished parts, % (0..100)."""
        return 100.0 * self.parts_good / self.finished if self.finished else 0.0

    @property
    def oee(self) -> float:
        """Availability x performance x quality, % (0..100)."""
        return self.availability * self.performance * self.quality / 10000.0
