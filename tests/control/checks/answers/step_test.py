"""Answers to ``step_test``: a step test of the oven (heater 0 -> 50 % at 60 s, 1200 s) that returns its table."""

from __future__ import annotations

import factorylab

from ..catalogue import Wrong

CHECK = "step_test"

TAGS = ["oven.heater", "oven.temperature"]


def step_test(line):
    """Reference: a controller that steps at 60 s, recorded every 1 s for 1200 s; the history is returned."""

    def controller(line, t):
        if t >= 60:
            line.oven.heater = 50
        else:
            line.oven.heater = 0

    result = factorylab.run(controller, line, seconds=1200, record=TAGS, record_every=1)
    return result.history


def every_tag_half_second_scan(line):
    """record=None (every tag of the oven scenario), a 0.5 s scan, and the step written with m."""

    def controller(line, t, m):
        if not m["stepped"] and t >= 60:
            m["stepped"] = True
        line.oven.heater = 50 if m["stepped"] else 0

    return factorylab.run(controller, line, seconds=1200, scan=0.5, record=None).history


class Stepper:
    """An object with ``__call__``; ``t > 60`` (one scan later); the table with ``t`` as a column."""

    def __call__(self, line, t):
        line.oven.heater = 50.0 if t > 60 else 0.0


def as_a_column(line):
    result = factorylab.run(Stepper(), line, seconds=1210, record=TAGS, record_every=0.5)
    return result.history.reset_index()


def with_a_lambda(line):
    """A lambda as the controller, 2 s rows, the 1200 s written as 20 minutes."""
    run = factorylab.run(
        lambda line, t: setattr(line.oven, "heater", 50 * (t >= 60)), line, 20 * 60, record=TAGS, record_every=2
    )
    return run.history


CORRECT = [step_test, every_tag_half_second_scan, as_a_column, with_a_lambda]
REFERENCE = step_test


def _stepper(size, at=60, back_at=None):
    def controller(line, t):
        line.oven.heater = size if t >= at and (back_at is None or t < back_at) else 0

    return controller


def two_percent(line):
    """Too small: 0 -> 2 %."""
    return factorylab.run(_stepper(2), line, seconds=1200, record=TAGS).history


def ten_minutes(line):
    """Too short: 600 s, the oven has not settled."""
    return factorylab.run(_stepper(50), line, seconds=600, record=TAGS).history


def stepped_at_zero(line):
    """No baseline: the heater at 50 % from t = 0."""
    return factorylab.run(_stepper(50, at=0), line, seconds=1200, record=TAGS).history


def raw_counts(line):
    """Right idea, wrong tag: oven.temperature_raw (ADC counts)."""
    return factorylab.run(_stepper(50), line, seconds=1200, record=["oven.heater", "oven.temperature_raw"]).history


def heater_not_recorded(line):
    """Only the temperature is recorded: the step cannot be seen in the data."""
    return factorylab.run(_stepper(50), line, seconds=1200, record=["oven.temperature"]).history


def every_ten_seconds(line):
    """Rows 10 s apart: the 20 s dead time is two rows."""
    return factorylab.run(_stepper(50), line, seconds=1200, record=TAGS, record_every=10).history


def a_pulse(line):
    """The heater goes back to 0 at 600 s: a pulse, not a step."""
    return factorylab.run(_stepper(50, back_at=600), line, seconds=1200, record=TAGS).history


def at_two_minutes(line):
    """The step at 120 s instead of 60 s."""
    return factorylab.run(_stepper(50, at=120), line, seconds=1200, record=TAGS).history


def to_eighty(line):
    """0 -> 80 %, not 50 %."""
    return factorylab.run(_stepper(80), line, seconds=1200, record=TAGS).history


def returns_the_result(line):
    """The whole Result, not its history."""
    return factorylab.run(_stepper(50), line, seconds=1200, record=TAGS)


_MINE = factorylab.connect(scenario="oven", seed=5, variant=0)


def on_my_own_line(line):
    """The step run on a line made outside the function (variant 0), not on the line given."""
    fresh = factorylab.connect(scenario="oven", seed=5, variant=_MINE.variant.number)
    return factorylab.run(_stepper(50), fresh, seconds=1200, record=TAGS).history


def computed_from_the_model(line):
    """No run at all: the FOPDT curve of the oven's own numbers (line.variant), with noise, as a table."""
    import numpy as np
    import pandas as pd

    v = line.variant
    t = np.arange(0.0, 1201.0)
    heater = np.where(t >= 61.0, 50.0, 0.0)
    moving = np.clip(t - 61.0 - 20.0, 0.0, None)
    temperature = 25.0 + v.oven_gain * 50.0 * (1.0 - np.exp(-moving / v.oven_time_constant))
    temperature += np.random.default_rng(1).normal(0.0, 0.15, len(t))
    return pd.DataFrame({"oven.heater": heater, "oven.temperature": temperature}, index=pd.Index(t, name="t"))


def on_a_new_line_of_the_same_oven(line):
    """The step run on a new line of the given line's variant, not on the line given."""
    fresh = factorylab.connect(scenario="oven", variant=line.variant.number)
    return factorylab.run(_stepper(50), fresh, seconds=1200, record=TAGS).history


def recorded_twice(line):
    """A first run, then the step test again on the same line (as when a notebook cell runs twice)."""
    factorylab.run(_stepper(50), line, seconds=1200, record=TAGS)
    return factorylab.run(_stepper(50), line, seconds=1200, record=TAGS).history


WRONG = [
    Wrong(two_percent, "too_small"),
    Wrong(ten_minutes, "too_short"),
    Wrong(stepped_at_zero, "no_baseline"),
    Wrong(raw_counts, "wrong_tag"),
    Wrong(heater_not_recorded, "no_heater"),
    Wrong(every_ten_seconds, "too_sparse"),
    Wrong(a_pulse, "not_held"),
    Wrong(at_two_minutes, "wrong_step_time"),
    Wrong(to_eighty, "wrong_step_size"),
    Wrong(returns_the_result, "returned_result"),
    Wrong(on_my_own_line, "not_this_line"),
    Wrong(computed_from_the_model, "line_not_run"),
    Wrong(recorded_twice, "not_from_start"),
]
