"""Answers to ``batch_count``: count the parts fed on the infeed eye's rising edge, stop the feeder at 5 with
the amber lamp on; panel.reset clears the counter."""

from __future__ import annotations

from factorylab import plc

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "batch_count"
BATCH = 5


def _seal(line, m) -> bool:
    m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and line.panel.safety_ok
    return m["run"]


def _write(line, run: bool, done: bool) -> None:
    line.feeder.run = run and not done
    line.conveyor1.run = run
    line.conveyor2.run = run
    line.stack_light.amber = done


# --- correct, written in different ways --------------------------------------------------------------

counter = plc.CTU(BATCH)


def batch_count(line, t, m):
    """Reference: a CTU on the infeed eye (it counts rising edges), reset by panel.reset."""
    done = counter(line.conveyor1.photo_eye_infeed, line.panel.reset)
    _write(line, _seal(line, m), done)


def edge_by_hand(line, t, m):
    """The rising edge and the count kept in m."""
    eye = line.conveyor1.photo_eye_infeed
    if eye and not m["eye_before"]:
        m["count"] += 1
    m["eye_before"] = eye
    if line.panel.reset:
        m["count"] = 0
    _write(line, _seal(line, m), m["count"] >= BATCH)


def from_the_production_counter(line, t, m):
    """Counts with production.parts_in: the number of parts fed since the last reset."""
    if line.panel.reset:
        m["base"] = line.production.parts_in
    _write(line, _seal(line, m), line.production.parts_in - m["base"] >= BATCH)


class Batch:
    """An object with ``__call__``: an R_TRIG on the eye and an RS latch for the run."""

    def __init__(self) -> None:
        self.edge = plc.R_TRIG()
        self.latch = plc.RS()
        self.count = 0

    def __call__(self, line, t):
        if self.edge(line.conveyor1.photo_eye_infeed):
            self.count += 1
        if line.panel.reset:
            self.count = 0
        run = self.latch(line.panel.start, line.panel.stop or not line.panel.safety_ok)
        _write(line, run, self.count >= BATCH)


as_an_object = Batch()

CORRECT = [batch_count, edge_by_hand, from_the_production_counter, as_an_object]
REFERENCE = batch_count


# --- wrong ------------------------------------------------------------------------------------------------


def counts_the_level(line, t, m):
    """Adds one in every scan the eye is covered: scans, not parts."""
    if line.conveyor1.photo_eye_infeed:
        m["count"] += 1
    if line.panel.reset:
        m["count"] = 0
    _write(line, _seal(line, m), m["count"] >= BATCH)


def greater_than(line, t, m):
    """Off by one: count > 5 instead of count >= 5."""
    eye = line.conveyor1.photo_eye_infeed
    if eye and not m["eye_before"]:
        m["count"] += 1
    m["eye_before"] = eye
    if line.panel.reset:
        m["count"] = 0
    _write(line, _seal(line, m), m["count"] > BATCH)


lamp_counter = plc.CTU(BATCH)


def lamp_only(line, t, m):
    """The amber lamp comes on at 5, but the feeder only follows start and stop."""
    done = lamp_counter(line.conveyor1.photo_eye_infeed, line.panel.reset)
    run = _seal(line, m)
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = run
    line.stack_light.amber = done


no_reset_counter = plc.CTU(BATCH)


def never_reset(line, t, m):
    """The counter has no reset: after the first batch the feeder never runs again."""
    done = no_reset_counter(line.conveyor1.photo_eye_infeed)
    _write(line, _seal(line, m), done)


start_counter = plc.CTU(BATCH)


def reset_by_start(line, t, m):
    """Clears the counter with the start button: a paused batch starts again from 0."""
    done = start_counter(line.conveyor1.photo_eye_infeed, line.panel.start or line.panel.reset)
    _write(line, _seal(line, m), done)


exit_counter = plc.CTU(BATCH)


def counts_conveyor1_exit(line, t, m):
    """Right idea, wrong tag: counts the eye at the end of conveyor1, so parts still on the belt are not seen."""
    done = exit_counter(line.conveyor1.photo_eye_exit, line.panel.reset)
    _write(line, _seal(line, m), done)


def timetable(line, t):
    """Open loop: feeds from 3 s to 20 s and from 40 s to 57 s, the amber lamp in between."""
    feeding = 3.0 <= t < 20.0 or 40.0 <= t < 57.0
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = feeding
    line.stack_light.amber = 20.0 <= t < 40.0 or t >= 57.0


amber_counter = plc.CTU(BATCH)


def no_amber(line, t, m):
    """Stops the feeder at 5 but forgets the lamp."""
    done = amber_counter(line.conveyor1.photo_eye_infeed, line.panel.reset)
    run = _seal(line, m)
    line.feeder.run = run and not done
    line.conveyor1.run = line.conveyor2.run = run


WRONG = [
    Wrong(counts_the_level, "counted_level"),
    Wrong(greater_than, "one_too_many"),
    Wrong(lamp_only, "feeder_not_stopped"),
    Wrong(never_reset, "not_reset"),
    Wrong(reset_by_start, "count_cleared_by_start"),
    Wrong(counts_conveyor1_exit, "wrong_eye", WRONG_TAG),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(no_amber, "no_amber"),
]
