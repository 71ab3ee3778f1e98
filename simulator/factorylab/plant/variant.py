"""Per-student plant variants: the same line with its physics shifted a little.

Variant 0 is the documented plant. Variant N (1 .. 9999) scales four
parameters, each by its own factor between 0.8 and 1.2 drawn from N alone
(not from the run's seed, so a student's plant is the same in every run):

* the oven's steady-state gain (deg C per % of heater) and its time constant (s);
* the coolant tank's area (L per metre of level): the same flow moves the level
  faster or slower;
* the belts' nominal speed (mm/s at 100 % speed setpoint).

So identification, SPC and PID answers differ from student to student, while
a check computes each student's truth from :func:`plant_variant` (or from
``line.variant`` / the ``system.variant`` register)::

    v = plant_variant(7)
    v.oven_gain, v.oven_time_constant, v.tank_area, v.belt_speed
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .layout import BELT_MAX_SPEED
from .oven import GAIN, TAU
from .tank import AREA

#: the highest variant number
MAX_VARIANT = 9999
#: each parameter is scaled by a factor in [1 - SPREAD, 1 + SPREAD]
SPREAD = 0.2
#: the documented plant's values (a scenario's own oven settings replace the oven's)
OVEN_GAIN = GAIN  # deg C per % of heater
OVEN_TIME_CONSTANT = TAU  # s
TANK_AREA = AREA  # L per metre of level
BELT_SPEED = BELT_MAX_SPEED  # mm/s at 100 %


@dataclass(frozen=True)
class Factors:
    """How variant ``number`` scales each parameter (1.0 for variant 0)."""

    number: int
    oven_gain: float
    oven_time_constant: float
    tank_area: float
    belt_speed: float


@dataclass(frozen=True)
class PlantVariant:
    """A plant's variant and the parameters it ends up with.

    Attributes:
        number: 0 (the documented plant) .. 9999.
        oven_gain: deg C per % of heater.
        oven_time_constant: s.
        tank_area: L per metre of level (the level in mm is volume in L x 1000 / area).
        belt_speed: mm/s of a belt at 100 % speed setpoint.
    """

    number: int
    oven_gain: float
    oven_time_constant: float
    tank_area: float
    belt_speed: float


def check_number(number: object) -> int:
    """``number`` as a variant number; ValueError (in plain words) for anything else."""
    if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= MAX_VARIANT:
        raise ValueError(f"variant must be a whole number from 0 to {MAX_VARIANT}, got {number!r}")
    return number


def factors(number: int) -> Factors:
    """The scale factors of variant ``number``: 1.0 for 0, else each in [0.8, 1.2]."""
    number = check_number(number)
    if number == 0:
        return Factors(0, 1.0, 1.0, 1.0, 1.0)
    draw = random.Random(f"factorylab-variant-{number}").random  # str seeds hash with SHA-512: stable
    values = [round(1.0 + SPREAD * (2.0 * draw() - 1.0), 3) for _ in range(4)]
    return Factors(number, *values)


def plant_variant(
    number: int, oven_gain: float = OVEN_GAIN, oven_time_constant: float = OVEN_TIME_CONSTANT
) -> PlantVariant:
    """The parameters of variant ``number``, starting from the oven settings given (the scenario's)."""
    f = factors(number)
    return PlantVariant(
        number=f.number,
        oven_gain=round(oven_gain * f.oven_gain, 4),
        oven_time_constant=round(oven_time_constant * f.oven_time_constant, 4),
        tank_area=round(TANK_AREA * f.tank_area, 4),
        belt_speed=round(BELT_SPEED * f.belt_speed, 4),
    )
