"""Answers to ``oee_shift``: availability, performance, quality and OEE in % from a shift's counters.

Answers judged on the student's own shift too (``line=``) get it from :func:`own_shift`, run the first time a
test submits one (``OwnShift``), not when the catalogue is imported.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

import factorylab
from factorylab.labs.lab04b_oee_checks import shift_controller, shift_line
from factorylab.plant.line import oee_figures

from ..catalogue import With, Wrong

CHECK = "oee_shift"


def oee(k):
    """Reference: the plant's definitions (planned = all the time, idle is operating time), as ratios, then %."""
    operating = k["run_time"] + k["idle_time"]
    planned = operating + k["stop_time"] + k["down_time"]
    finished = k["parts_out"] + k["parts_rejected"]
    availability = operating / planned
    performance = min(1.0, k["ideal_cycle_time"] * finished / operating)
    quality = k["parts_good"] / finished
    return {
        "availability": 100 * availability,
        "performance": 100 * performance,
        "quality": 100 * quality,
        "oee": 100 * availability * performance * quality,
    }


def in_percent(k):
    """Each factor in % first, the product divided by 10,000."""
    planned = k["run_time"] + k["idle_time"] + k["stop_time"] + k["down_time"]
    a = 100 * (k["run_time"] + k["idle_time"]) / planned
    p = 100 * k["ideal_cycle_time"] * (k["parts_out"] + k["parts_rejected"]) / (k["run_time"] + k["idle_time"])
    p = min(p, 100)
    q = 100 * k["parts_good"] / (k["parts_out"] + k["parts_rejected"])
    return dict(availability=a, performance=p, quality=q, oee=a * p * q / 10000)


def from_losses(k):
    """Through the lost time: availability from the lost time, OEE from the fully productive time."""
    planned = k["run_time"] + k["idle_time"] + k["stop_time"] + k["down_time"]
    finished = k["parts_out"] + k["parts_rejected"]
    lost = k["stop_time"] + k["down_time"]
    a = (planned - lost) / planned
    p = min(1, k["ideal_cycle_time"] * finished / (planned - lost))
    q = k["parts_good"] / finished
    return {"availability": a * 100, "performance": p * 100, "quality": q * 100, "oee": a * p * q * 100}


@cache
def own_shift():
    """The lab's one-hour shift on seed 5, run once: its line after the shift."""
    line = shift_line(5)
    factorylab.run(shift_controller(), line, seconds=3600, record=[])
    return line


class OwnShift(With):
    """A function checked on hidden counters and on the student's own shift (``line=``), run when first used."""

    def __init__(self, function, name: str) -> None:
        self._answer, self.name = function, name

    @property
    def answer(self) -> Any:
        return self._answer

    @property
    def options(self) -> dict[str, Any]:
        return {"line": own_shift()}


def with_pandas(k):
    """A pandas Series in, a Series out (the four figures as its index)."""
    s = pd.Series(k, dtype=float)
    operating = s.run_time + s.idle_time
    planned = operating + s.stop_time + s.down_time
    finished = s.parts_out + s.parts_rejected
    ratios = pd.Series(
        {
            "availability": operating / planned,
            "performance": min(1.0, s.ideal_cycle_time * finished / operating),
            "quality": s.parts_good / finished,
        }
    )
    ratios["oee"] = ratios.prod()
    return ratios * 100


class Shift:
    """A class with one method per factor, called like a function."""

    def __call__(self, k):
        a, p, q = self.availability(k), self.performance(k), self.quality(k)
        return {"availability": a, "performance": p, "quality": q, "oee": a * p * q / 10000}

    def availability(self, k):
        planned = sum(k[n] for n in ("run_time", "idle_time", "stop_time", "down_time"))
        return 100 * (k["run_time"] + k["idle_time"]) / planned

    def performance(self, k):
        return 100 * k["ideal_cycle_time"] * (k["parts_out"] + k["parts_rejected"]) / (k["run_time"] + k["idle_time"])

    def quality(self, k):
        return 100 * k["parts_good"] / (k["parts_out"] + k["parts_rejected"])


CORRECT = [
    oee,
    in_percent,
    from_losses,
    with_pandas,
    Shift(),
    OwnShift(oee, "own_shift"),
    OwnShift(with_pandas, "own_shift_pandas"),
]
REFERENCE = oee


def with_the_plant_s_function(k):
    """FactoryLab's own oee_figures (a student who found it in the source): computes nothing."""
    figures = oee_figures(
        run_time=k["run_time"],
        idle_time=k["idle_time"],
        finished=k["parts_out"] + k["parts_rejected"],
        good=k["parts_good"],
        planned_time=sum(k[name] for name in ("run_time", "idle_time", "stop_time", "down_time")),
        ideal_cycle_time=k["ideal_cycle_time"],
    )
    return figures._asdict()


def performance_from_good(k):
    figures = oee(k)
    figures["performance"] = 100 * k["ideal_cycle_time"] * k["parts_good"] / (k["run_time"] + k["idle_time"])
    figures["oee"] = figures["availability"] * figures["performance"] * figures["quality"] / 10000
    return figures


def planned_one_hour(k):
    """Planned time fixed at 3600 s: right for the student's own one-hour shift only."""
    figures = oee(k)
    figures["availability"] = 100 * (k["run_time"] + k["idle_time"]) / 3600
    figures["oee"] = figures["availability"] * figures["performance"] * figures["quality"] / 10000
    return figures


def fractions(k):
    figures = oee(k)
    return {name: value / 100 for name, value in figures.items()}


def break_excluded(k):
    operating = k["run_time"] + k["idle_time"]
    planned = operating + k["down_time"]  # a company that leaves the break out of planned time
    finished = k["parts_out"] + k["parts_rejected"]
    a = operating / planned
    p = min(1, k["ideal_cycle_time"] * finished / operating)
    q = k["parts_good"] / finished
    return {"availability": 100 * a, "performance": 100 * p, "quality": 100 * q, "oee": 100 * a * p * q}


def idle_not_operating(k):
    planned = k["run_time"] + k["idle_time"] + k["stop_time"] + k["down_time"]
    finished = k["parts_out"] + k["parts_rejected"]
    a = k["run_time"] / planned
    p = k["ideal_cycle_time"] * finished / k["run_time"]
    q = k["parts_good"] / finished
    return {"availability": 100 * a, "performance": 100 * p, "quality": 100 * q, "oee": 100 * a * p * q}


def availability_run_only(k):
    figures = oee(k)
    planned = k["run_time"] + k["idle_time"] + k["stop_time"] + k["down_time"]
    figures["availability"] = 100 * k["run_time"] / planned
    figures["oee"] = figures["availability"] * figures["performance"] * figures["quality"] / 10000
    return figures


def performance_from_parts_in(k):
    figures = oee(k)
    figures["performance"] = 100 * k["ideal_cycle_time"] * k["parts_in"] / (k["run_time"] + k["idle_time"])
    figures["oee"] = figures["availability"] * figures["performance"] * figures["quality"] / 10000
    return figures


def quality_from_inspection(k):
    figures = oee(k)
    figures["quality"] = 100 * k["parts_out"] / (k["parts_out"] + k["parts_rejected"])
    figures["oee"] = figures["availability"] * figures["performance"] * figures["quality"] / 10000
    return figures


def added(k):
    figures = oee(k)
    figures["oee"] = figures["availability"] + figures["performance"] + figures["quality"]
    return figures


def averaged(k):
    figures = oee(k)
    figures["oee"] = (figures["availability"] + figures["performance"] + figures["quality"]) / 3
    return figures


def percent_product(k):
    figures = oee(k)
    figures["oee"] = figures["availability"] * figures["performance"] * figures["quality"]
    return figures


def forgets_quality(k):
    figures = oee(k)
    figures["oee"] = figures["availability"] * figures["performance"] / 100
    return figures


def only_the_oee(k):
    return oee(k)["oee"]


WRONG = [
    Wrong(fractions, "fractions"),
    Wrong(break_excluded, "break_excluded"),
    Wrong(idle_not_operating, "idle_not_operating"),
    Wrong(OwnShift(availability_run_only, "availability_run_only_own_shift"), "availability_run_only"),
    Wrong(performance_from_parts_in, "performance_from_parts_in"),
    Wrong(performance_from_good, "performance_from_good"),
    Wrong(OwnShift(planned_one_hour, "planned_one_hour_own_shift"), "planned_fixed"),
    Wrong(with_the_plant_s_function, "plant_formula"),
    Wrong(quality_from_inspection, "quality_from_inspection"),
    Wrong(added, "added"),
    Wrong(averaged, "averaged"),
    Wrong(percent_product, "percent_product"),
    Wrong(forgets_quality, "wrong_value"),
    Wrong(only_the_oee, "not_four_figures"),
]
