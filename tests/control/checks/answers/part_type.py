"""Answers to ``part_type``: type A (60 mm) or B (80 mm) from a photo-eye pulse and the belt speed."""

from __future__ import annotations

import factorylab

from ..catalogue import With, Wrong

CHECK = "part_type"

_runs: dict[float, object] = {}


def own_run(every: float = 0.05, record: tuple[str, ...] = ("conveyor1.photo_eye_exit", "conveyor1.belt_speed")):
    """The student's recording of exercise 1-1: belts and feeder on, 20 s, every ``every`` s (made once)."""
    key = (every, record)
    if key not in _runs:
        line = factorylab.connect(scenario="conveyor", seed=11)

        def run_belts(line, t):
            line.conveyor1.run = True
            line.conveyor2.run = True
            line.feeder.run = True

        _runs[key] = factorylab.run(run_belts, line, 20, record=list(record), record_every=every)
    return _runs[key]


# --- correct, written in different ways --------------------------------------------------------------


def part_type(duration_s, belt_speed_mm_s):
    """Reference: the part's length from time x speed, split halfway between 60 and 80 mm."""
    length = duration_s * belt_speed_mm_s
    if length < 70:
        return "A"
    return "B"


def expected_durations(duration_s, belt_speed_mm_s):
    """How long each type would take at this speed, split halfway between them."""
    time_a = 60 / belt_speed_mm_s
    time_b = 80 / belt_speed_mm_s
    return "A" if duration_s < (time_a + time_b) / 2 else "B"


def nearest_length(duration_s, belt_speed_mm_s):
    """The type whose length is nearer, in centimetres."""
    length_cm = duration_s * belt_speed_mm_s / 10
    return "A" if abs(length_cm - 6) < abs(length_cm - 8) else "B"


CORRECT = [
    part_type,
    expected_durations,
    nearest_length,
    With(part_type, {"result": own_run()}, "with_own_recording"),
]
REFERENCE = part_type


# --- wrong ------------------------------------------------------------------------------------------------


def fixed_time(duration_s, belt_speed_mm_s):
    """A time threshold found at 80 % (0.30 s vs 0.40 s): ignores the speed."""
    return "A" if duration_s < 0.35 else "B"


def divided(duration_s, belt_speed_mm_s):
    """Duration / speed instead of duration x speed."""
    return "A" if duration_s / belt_speed_mm_s < 0.35 / 200 else "B"


def swapped(duration_s, belt_speed_mm_s):
    """The long part called A."""
    return "B" if duration_s * belt_speed_mm_s < 70 else "A"


def at_a_length(duration_s, belt_speed_mm_s):
    """Split at A's own length: a slightly long A becomes B."""
    return "A" if duration_s * belt_speed_mm_s <= 60 else "B"


def always_a(duration_s, belt_speed_mm_s):
    """Always the same answer."""
    return "A"


def prints(duration_s, belt_speed_mm_s):
    """Prints the answer instead of returning it."""
    if duration_s * belt_speed_mm_s < 70:
        print("A")
    else:
        print("B")


def narrow_band(duration_s, belt_speed_mm_s):
    """A only within 60 +- 5 mm: a measured length is off by up to one belt step."""
    length = duration_s * belt_speed_mm_s
    return "A" if 55 <= length <= 65 else "B"


def not_written(duration_s, belt_speed_mm_s):
    """The student notebook as it comes."""
    raise NotImplementedError()


def typo(duration_s, belt_speed_mm_s):
    """A Python error (a misspelt name)."""
    return "A" if duration * belt_speed_mm_s < 70 else "B"  # noqa: F821


WRONG = [
    Wrong(fixed_time, "fixed_threshold"),
    Wrong(divided, "divided_by_speed"),
    Wrong(swapped, "swapped_types"),
    Wrong(at_a_length, "threshold_length"),
    Wrong(always_a, "always_same"),
    Wrong(prints, "not_a_type"),
    Wrong(narrow_band, "wrong_type"),
    Wrong(With(part_type, {"result": own_run(1.0)}, "recorded_every_second"), "sampled_too_slowly"),
    Wrong(With(part_type, {"result": own_run(0.05, ("conveyor1.run",))}, "eye_not_recorded"), "not_recorded"),
    Wrong(not_written, "not_written"),
    Wrong(typo, "python_error"),
]
