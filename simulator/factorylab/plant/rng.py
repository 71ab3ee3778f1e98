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
  nobody reads costs nothing. Channels have names, ``"<station>.<signal>"``;
  :func:`channel_id` gives a name's number once, when the station is built.
"""

from __future__ import annotations

import math
import random

_M64 = 0xFFFFFFFFFFFFFFFF
_TWO_PI = 2.0 * math.pi


_BLOCK_BITS = 10
_BLOCK_MASK = (1 << _BLOCK_BITS) - 1

#: The built-in stations' noise channels and their numbers. The numbers are
#: the ones the channels had before they had names: a seed gives the same
#: noise as it always did.
NAMED_CHANNELS = {
    "conveyor1.current": 1,
    "conveyor1.vibration": 2,
    "conveyor2.current": 3,
    "conveyor2.vibration": 4,
    "tank.level": 10,
    "tank.temperature": 11,
    "oven.temperature": 20,
}
_HASHED_CHANNEL = 1 << 63  # numbers from a name's hash have this bit set: never a small fixed number


def _fnv1a(text: str) -> int:
    """64-bit FNV-1a-style hash of ``text`` (from 0): stable across runs and versions (unlike hash())."""
    digest = 0
    for byte in text.encode("utf-8"):
        digest = ((digest ^ byte) * 0x100000001B3) & _M64
    return digest


def channel_id(name: str) -> int:
    """The noise channel number of a named channel (``"tank.level"``).

    A built-in channel has its fixed number (:data:`NAMED_CHANNELS`); any
    other name gets a number from a stable hash of the name, at or above
    2**63, so it never meets a fixed one. The same name always gives the
    same number.
    """
    number = NAMED_CHANNELS.get(name)
    return number if number is not None else _fnv1a(name) | _HASHED_CHANNEL


def _normal_block(key: int) -> list[float]:
    """1024 standard normal values from a generator seeded with ``key``."""
    rand = random.Random(key).random
    values: list[float] = []
    sqrt, log, cos, sin = math.sqrt, math.log, math.cos, math.sin
    for _ in range(1 << (_BLOCK_BITS - 1)):
        radius = sqrt(-2.0 * log(1.0 - rand()))
        angle = _TWO_PI * rand()
        values.append(radius * cos(angle))
        values.append(radius * sin(angle))
    return values


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

    __slots__ = ("seed", "tick", "_random", "_spare", "_key", "_blocks")

    #: the number of a named noise channel (see :func:`channel_id`)
    channel_id = staticmethod(channel_id)

    def __init__(self, seed: int) -> None:
        if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
            raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
        self.seed = seed
        self.tick = 0  # kept current by the plant; keys the sensor noise
        self._random = random.Random(seed)
        self._spare: float | None = None
        self._key = _mix(seed & _M64 ^ 0x5851F42D4C957F2D)
        self._blocks: dict[int, tuple[int, list[float]]] = {}

    def noise_at(self, channel: int, sample: int | None = None) -> float:
        """Like :meth:`noise`, computed on its own (no block): cheaper for a
        sensor read now and then (one hash per read instead of a block of
        1024 values). A channel must use one of the two methods, not both."""
        tick = self.tick if sample is None else sample
        bits = _mix(self._key ^ (tick * 0x9E3779B97F4A7C15 + channel * 0xD1B54A32D192ED03) & _M64)
        u1 = ((bits >> 32) + 1) * 2.3283064365386963e-10  # (0, 1]
        u2 = (bits & 0xFFFFFFFF) * 2.3283064365386963e-10
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(_TWO_PI * u2)

    def noise(self, channel: int, sample: int | None = None) -> float:
        """Standard normal noise for sensor ``channel``.

        ``channel`` is a channel number (:func:`channel_id` of the channel's
        name). ``sample`` numbers the sensor's readings; it defaults to the current
        tick (a sensor read every tick). A sensor sampled every fourth tick
        passes ``tick // 4``. The same (seed, channel, sample) always gives the
        same value. Values come in blocks of 1024 samples per channel, each
        block drawn from its own generator keyed by (seed, channel, block).
        """
        tick = self.tick if sample is None else sample
        block = tick >> _BLOCK_BITS
        cached = self._blocks.get(channel)
        if cached is None or cached[0] != block:
            cached = (
                block,
                _normal_block(_mix(self._key ^ (block * 0x9E3779B97F4A7C15 + channel * 0xD1B54A32D192ED03) & _M64)),
            )
            self._blocks[channel] = cached
        return cached[1][tick & _BLOCK_MASK]

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

    def stream(self, name: str) -> random.Random:
        """A generator of its own for ``name``, keyed by the seed and the name.

        For a part of the run that must not shift the plant's stream (a
        controller's choices, such as when each new tool is changed): drawing
        from it never changes what the plant draws, and the same seed and
        name always give the same sequence.
        """
        return random.Random(_mix(self._key ^ _fnv1a(name)))

    def choice_index(self, weights: list[float]) -> int:
        """Index i drawn with probability weights[i] / sum(weights)."""
        total = sum(weights)
        x = self._random.random() * total
        for index, weight in enumerate(weights):
            x -= weight
            if x < 0.0:
                return index
        return len(weights) - 1
