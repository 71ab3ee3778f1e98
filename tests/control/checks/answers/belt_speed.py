"""Answers to ``belt_speed``: conveyor1's belt speed (mm/s) from the times a part passes its two photo-eyes."""

from __future__ import annotations

import factorylab

from ..catalogue import With, Wrong

CHECK = "belt_speed"

INFEED = "conveyor1.photo_eye_infeed"
EXIT = "conveyor1.photo_eye_exit"
_run: dict[str, object] = {}


def own_run():
    """The student's recording of exercise 1-2: a fresh line at 72 %, both eyes and the belt speed (made once)."""
    if "result" not in _run:
        line = factorylab.connect(scenario="conveyor", seed=5)

        def run_belts(line, t):
            line.conveyor1.speed = 72
            line.conveyor1.run = True
            line.conveyor2.run = True
            line.feeder.run = True

        _run["result"] = factorylab.run(
            run_belts, line, 15, record=[INFEED, EXIT, "conveyor1.belt_speed"], record_every=0.05
        )
    return _run["result"]


def edges(history, tag):
    """(rising, falling) edge times of one photo-eye, s: the helper the lab gives."""
    rising, falling = [], []
    before = False
    for t, value in history[tag].items():
        if value and not before:
            rising.append(t)
        if before and not value:
            falling.append(t)
        before = value
    return rising, falling


# --- correct, written in different ways --------------------------------------------------------------


def belt_speed(history):
    """Reference: the first part's trailing edge leaves the infeed eye (30 mm) and then the exit eye (1150 mm)."""
    _, falls_in = edges(history, INFEED)
    _, falls_out = edges(history, EXIT)
    return (1150 - 30) / (falls_out[0] - falls_in[0])


def averaged(history):
    """Every part that left both eyes, averaged."""
    _, falls_in = edges(history, INFEED)
    _, falls_out = edges(history, EXIT)
    times = [out - fed for fed, out in zip(falls_in, falls_out, strict=False)]
    return 1120 / (sum(times) / len(times))


def with_pandas(history):
    """pandas: the rows where the eye goes from 1 to 0."""
    gone_in = history[INFEED].astype(int).diff() == -1
    gone_out = history[EXIT].astype(int).diff() == -1
    return 1120 / (history.index[gone_out][0] - history.index[gone_in][0])


def _own_number() -> With:
    """The speed of the student's own run, worked out from its edges and given as a number."""
    result = own_run()
    return With(round(belt_speed(result.history), 1), {"result": result}, "own_number")


CORRECT = [belt_speed, averaged, with_pandas, With(belt_speed, {"result": own_run()}, "with_own_run"), _own_number()]
REFERENCE = belt_speed


# --- wrong ------------------------------------------------------------------------------------------------


def exit_position(history):
    """The exit eye's position as the distance."""
    _, falls_in = edges(history, INFEED)
    _, falls_out = edges(history, EXIT)
    return 1150 / (falls_out[0] - falls_in[0])


def falling_to_rising(history):
    """From the part leaving the infeed eye to the part reaching the exit eye."""
    _, falls_in = edges(history, INFEED)
    rises_out, _ = edges(history, EXIT)
    return 1120 / (rises_out[0] - falls_in[0])


def rising_edges(history):
    """Rising edges at both eyes: the infeed eye's rising edge is the drop, not a passing edge."""
    rises_in, _ = edges(history, INFEED)
    rises_out, _ = edges(history, EXIT)
    return 1120 / (rises_out[0] - rises_in[0])


def row_numbers(history):
    """Row numbers instead of seconds."""
    values_in = list(history[INFEED])
    values_out = list(history[EXIT])
    row_in = next(k for k in range(1, len(values_in)) if values_in[k - 1] and not values_in[k])
    row_out = next(k for k in range(1, len(values_out)) if values_out[k - 1] and not values_out[k])
    return 1120 / (row_out - row_in)


def in_metres(history):
    """m/s."""
    _, falls_in = edges(history, INFEED)
    _, falls_out = edges(history, EXIT)
    return 1.12 / (falls_out[0] - falls_in[0])


def travel_time(history):
    """The time, not the speed."""
    _, falls_in = edges(history, INFEED)
    _, falls_out = edges(history, EXIT)
    return falls_out[0] - falls_in[0]


def reads_the_answer(history):
    """Reads conveyor1.belt_speed from the recording (the hidden recordings do not have it)."""
    return history["conveyor1.belt_speed"].max()


def prints(history):
    """Prints the speed instead of returning it."""
    _, falls_in = edges(history, INFEED)
    _, falls_out = edges(history, EXIT)
    print(1120 / (falls_out[0] - falls_in[0]))


def two_hundred(history):
    """The speed at 80 %, written in."""
    return 200


WRONG = [
    Wrong(exit_position, "exit_position"),
    Wrong(falling_to_rising, "falling_to_rising"),
    Wrong(rising_edges, "rising_at_infeed"),
    Wrong(row_numbers, "rows_not_seconds"),
    Wrong(in_metres, "metres"),
    Wrong(travel_time, "transit_time"),
    Wrong(reads_the_answer, "read_belt_speed"),
    Wrong(prints, "not_a_number"),
    Wrong(two_hundred, "wrong_value"),
]
