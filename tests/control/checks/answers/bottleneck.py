"""Answers to ``bottleneck``: the bottleneck's capacity function and Little's law on the student's own run (seed 1)."""

from __future__ import annotations

import functools

from factorylab.labs.lab08a_recipe_checks import true_capacity

from ..catalogue import With, Wrong

CHECK = "bottleneck"
SEED = 1


@functools.cache
def counts() -> dict:
    """The student's own Little's-law run (a helper of the lab, as the notebook calls it)."""
    from factorylab.labs.lab08a_recipe_checks import little_run

    return little_run(seed=SEED)


def capacity(cnc_cycle, oven_places, dwell, feeder_interval):
    per_hour = {"feeder": 3600 / feeder_interval, "cnc": 3600 / cnc_cycle, "oven": oven_places * 3600 / dwell}
    station = min(per_hour, key=per_hour.get)
    return station, per_hour[station]


def capacity_with_ifs(cnc_cycle, oven_places, dwell, feeder_interval):
    feeder = 3600 / feeder_interval
    cnc = 3600 / cnc_cycle
    oven = 3600 / (dwell / oven_places)  # one part leaves every dwell / places seconds
    if feeder <= cnc and feeder <= oven:
        return "feeder", feeder
    if cnc <= oven:
        return "cnc", cnc
    return "oven", oven


def capacity_sorted(cnc_cycle, oven_places, dwell, feeder_interval):
    seconds_per_part = [(feeder_interval, "feeder"), (cnc_cycle, "cnc"), (dwell / oven_places, "oven")]
    seconds_per_part.sort()
    slowest, name = seconds_per_part[-1]
    return [name, round(3600 / slowest, 3)]


class Answer(dict):
    """An answer dict with a name (for test ids). The run is made here, before any check runs (about 0.5 s
    once): the check's guard rightly refuses an answer that calls the lab's helpers while it is judged."""

    def __init__(self, name: str, function, make) -> None:
        super().__init__(capacity=function, **make(counts()))
        self.__name__ = name


def little(c: dict) -> dict:
    throughput = c["finished"] * 3600 / c["seconds"]
    return {"throughput": throughput, "wip": c["wip"], "lead_time": c["wip"] / throughput * 3600}


def little_in_minutes(c: dict) -> dict:
    per_second = c["finished"] / c["seconds"]
    return {"throughput": per_second * 3600, "wip": round(c["wip"], 2), "lead_time": round(c["wip"] / per_second, 1)}


def with_seed(answer) -> With:
    return With(answer, {"seed": SEED}, getattr(answer, "__name__", ""))


REFERENCE = with_seed(Answer("lab_solution", capacity, little))
CORRECT = [
    REFERENCE,
    with_seed(Answer("ifs_and_seconds", capacity_with_ifs, little_in_minutes)),
    with_seed(Answer("sorted_list", capacity_sorted, little)),
]


def slowest_single_time(cnc_cycle, oven_places, dwell, feeder_interval):
    times = {"feeder": feeder_interval, "cnc": cnc_cycle, "oven": dwell}
    station = max(times, key=times.get)
    return station, 3600 / times[station]


def per_minute(cnc_cycle, oven_places, dwell, feeder_interval):
    station, per_hour = capacity(cnc_cycle, oven_places, dwell, feeder_interval)
    return station, per_hour / 60


def seconds_per_part(cnc_cycle, oven_places, dwell, feeder_interval):
    station, per_hour = capacity(cnc_cycle, oven_places, dwell, feeder_interval)
    return station, 3600 / per_hour


def feeder_forgotten(cnc_cycle, oven_places, dwell, feeder_interval):
    per_hour = {"cnc": 3600 / cnc_cycle, "oven": oven_places * 3600 / dwell}
    station = min(per_hour, key=per_hour.get)
    return station, per_hour[station]


def not_written(cnc_cycle, oven_places, dwell, feeder_interval):
    raise NotImplementedError()


def arrivals(c: dict) -> dict:
    throughput = c["parts_in"] * 3600 / c["seconds"]
    return {"throughput": throughput, "wip": c["wip"], "lead_time": c["wip"] / throughput * 3600}


def inverted(c: dict) -> dict:
    throughput = c["finished"] * 3600 / c["seconds"]
    return {"throughput": throughput, "wip": c["wip"], "lead_time": throughput / c["wip"]}


def hours(c: dict) -> dict:
    throughput = c["finished"] * 3600 / c["seconds"]
    return {"throughput": throughput, "wip": c["wip"], "lead_time": c["wip"] / throughput}


def throughput_per_minute(c: dict) -> dict:
    throughput = c["finished"] * 60 / c["seconds"]
    return {"throughput": throughput, "wip": c["wip"], "lead_time": c["wip"] / throughput * 60}


WRONG = [
    Wrong(with_seed(Answer("longest_time_is_the_bottleneck", slowest_single_time, little)), "slowest_time"),
    Wrong(with_seed(Answer("capacity_per_minute", per_minute, little)), "capacity_per_minute"),
    Wrong(with_seed(Answer("seconds_not_parts", seconds_per_part, little)), "time_not_rate"),
    Wrong(with_seed(Answer("feeder_forgotten", feeder_forgotten, little)), "wrong_capacity"),
    Wrong(with_seed(Answer("function_not_written", not_written, little)), "not_written"),
    Wrong(with_seed(Answer("arrivals_as_throughput", capacity, arrivals)), "arrivals"),
    Wrong(with_seed(Answer("little_upside_down", capacity, inverted)), "little_inverted"),
    Wrong(with_seed(Answer("lead_time_in_hours", capacity, hours)), "little_units"),
    Wrong(with_seed(Answer("throughput_per_minute", capacity, throughput_per_minute)), "throughput_per_minute"),
    Wrong(Answer("seed_left_out", capacity, little), "no_seed"),
    Wrong(with_seed(Answer("the_checks_own_function", true_capacity, little)), "asked_the_check"),
    Wrong(with_seed({"capacity": capacity, "throughput": None, "wip": 1.0, "lead_time": 1.0}), "missing"),
]
