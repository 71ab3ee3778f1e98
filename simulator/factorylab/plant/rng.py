"""The one seeded random source of a plant run.

Every random draw of a plant (part types, sensor noise, faults) comes from the
single :class:`PlantRandom` the plant owns, so the same seed gives the same run,
bit for bit. It has two faces, both keyed by the one seed:

* a **stream** (:meth:`uniform`, :meth:`normal`, :meth:`chance`) for things that
  happen (a part's type, a failure). It is built only on
  :meth:`random.Random.random`, whose sequence Python keeps stable across
  versions for a given seed; normal draws use the Box-Muller transform.
* **sensor noise** (:meth:`noise`): a counter-based generator keyed by the
  seed, the tick and a channel number. Reading a sensor never consumes the
  stream, so the trajectory does not depend on who reads what, and a sensor
  nobody reads costs nothing.
"""

from __future__ import annotations

import math
import random

_M64 = 0xFFFFFFFFFFFFFFFF
_INV_2_32 = 1.0 / 4294967296.0
_TWO_PI = 2.0 * math.pi


def _mix(x: int) -> int:
    """SplitMix64 finaliser: a well-spread 64-bit hash of a 64-bit integer."""
    x = (x + 0x9E3779B97F4A7C15) & _M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _M64
    return x ^ (x >> 31)


class PlantRandom:
    """Seeded random numbers for one plant run (no module globals).

    Args:
        seed: any non-negative integer; the same seed gives the same sequence.
    """

    __slots__ = ("seed", "tick", "_random", "_spare", "_key")

    def __init__(self, seed: int) -> None:
        if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
            raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
        self.seed = seed
        self.tick = 0  # kept current by the plant; keys the sensor noise
        self._random = random.Random(seed)
        self._spare: float | None = None
        self._key = _mix(seed & _M64 ^ 0x5851F42D4C957F2D)

    def noise(self, channel: int) -> float:
        """Standard normal noise for sensor ``channel`` at the current tick.

        The same (seed, tick, channel) always gives the same value.
        """
        bits = _mix(self._key ^ (self.tick * 0x9E3779B97F4A7C15 + channel * 0xD1B54A32D192ED03) & _M64)
        u1 = ((bits >> 32) + 1) * _INV_2_32  # (0, 1]
        u2 = (bits & 0xFFFFFFFF) * _INV_2_32
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(_TWO_PI * u2)

    def uniform(self, low: float = 0.0, high: float = 1.0) -> float:
        """A float drawn uniformly from [low, high)."""
        return low + (high - low) * self._random.random()

    def chance(self, probability: float) -> bool:
        """True with the given probability (0..1)."""
        return self._random.random() < probability

    def normal(self, mean: float = 0.0, sd: float = 1.0) -> float:
        """A normally distributed float (Box-Muller, two values per pair of draws)."""
        spare = self._spare
        if spare is not None:
            self._spare = None
            return mean + sd * spare
        rand = self._random.random
        u1 = 1.0 - rand()  # (0, 1]: log is finite
        u2 = rand()
        radius = math.sqrt(-2.0 * math.log(u1))
        angle = 2.0 * math.pi * u2
        self._spare = radius * math.sin(angle)
        return mean + sd * radius * math.cos(angle)

    def choice_index(self, weights: list[float]) -> int:
        """Index i drawn with probability weights[i] / sum(weights)."""
        total = sum(weights)
        x = self._random.random() * total
        for index, weight in enumerate(weights):
            x -= weight
            if x < 0.0:
                return index
        return len(weights) - 1
