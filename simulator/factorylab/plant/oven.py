"""The heat-treatment oven: a first-order process with dead time, and its parts.

Oven temperature T (deg C), heater command u (0..100 %):

    tau * dT/dt = K * h * u(t - theta) - (T - T_amb) - sum_parts k_p * (T - T_part)

* K = 2.5 deg C per %: at 100 % an empty oven settles at 25 + 250 = 275 deg C.
* tau = 180 s (3 minutes), dead time theta = 20 s, T_amb = 25 deg C.
  (These are the defaults; a scenario may set K, tau and theta of its oven:
  ``oven: {gain, time_constant, dead_time}``.)
* h = heater health (1.0; the heater-degradation fault lowers it).
* each part inside heats up as ``dT_part/dt = (T - T_part) / 10 s`` and, while
  colder than the oven, draws heat: k_p = 0.05 per part.

Parts enter at the back and queue to the dwell gate at the front (it takes a
part 1 s to roll up to the gate). While the gate is open, the part at the gate
leaves onto conveyor2 if its entry is clear. The oven holds 8 parts.

Heat-treatment quality rules (documented for the course; see :func:`hardness`):
the part's *soak* is the time integral of its temperature above 150 deg C
(deg C * s); hardness = 28 + 22 * (1 - exp(-soak / 400)) HRC, minus 0.25 HRC
per deg C the part's peak temperature exceeded 240 deg C. A part below 42 HRC
is *soft*; a part that peaked above 240 deg C is *overheated*.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .layout import SLOW_STEPS
from .parts import Part
from .rng import PlantRandom, channel_id
from .station import BuildContext, Receiver, Station, StationSpec, TickContext

if TYPE_CHECKING:  # pragma: no cover
    from .conveyor import Track
    from .plant import Plant

AMBIENT = 25.0  # deg C
GAIN = 2.5  # deg C per % at steady state
TAU = 180.0  # s
DEAD_TIME = 20.0  # s
PART_TAU = 10.0  # s
PART_LOAD = 0.05  # extra loss conductance per part, relative to the oven's own
CAPACITY = 8
ROLL_TIME = 1.0  # s for the next part to reach the gate
SOAK_THRESHOLD = 150.0  # deg C
SOAK_SCALE = 400.0  # deg C * s
OVERHEAT_LIMIT = 240.0  # deg C
HARDNESS_MIN = 42.0  # HRC, lower specification limit
TEMPERATURE_NOISE = 0.15  # deg C (sd) on the thermocouple transmitter
ADC_FULL = 4000  # counts at 400 deg C


def hardness(soak: float, peak: float) -> float:
    """Hardness (HRC) of a part from its soak (deg C * s) and peak temperature (deg C)."""
    value = 28.0 + 22.0 * (1.0 - math.exp(-soak / SOAK_SCALE))
    if peak > OVERHEAT_LIMIT:
        value -= 0.25 * (peak - OVERHEAT_LIMIT)
    return value


class Oven(Station):
    """Heat-treatment oven with heater, thermocouple, dwell gate and part sensor.

    Controller outputs:
        heater: heater power, % (0..100).
        gate: dwell gate at the exit, True = open.

    Measurements:
        temperature / temperature_raw: oven temperature, deg C (0..400) /
            ADC counts (0..4000).
        part_in: True while a part waits at the gate.
        parts_inside: parts in the oven (0..8).
        front_dwell: seconds the part at the gate has been inside.

    A machine between the belts: the part at the open gate leaves for its
    ``downstream`` (the outfeed track). Its ``upstream`` is the infeed track
    when no machine hands it parts (no CNC): then it loads the part waiting
    at the end of conveyor1 itself. Noise channel: ``oven.temperature``.
    """

    #: on/off sensor attributes (targets for stuck-sensor faults)
    SENSORS = ("part_in",)
    between_belts = True

    __slots__ = (
        "name",
        "phases",
        "upstream",
        "downstream",
        "heater",
        "gain",
        "time_constant",
        "gate",
        "true_temperature",
        "health",
        "temperature_drift",
        "parts",
        "_delay",
        "_gate_ready_at",
        "now",
        "temperature_raw",
        "temperature",
        "_rng",
        "_channel",
    )

    def __init__(
        self,
        rng: PlantRandom,
        dt: float,
        *,
        name: str = "oven",
        heater: float = 0.0,
        temperature: float = AMBIENT,
        gain: float = GAIN,
        time_constant: float = TAU,
        dead_time: float = DEAD_TIME,
    ) -> None:
        self.name = name
        self.phases: tuple[str, ...] = ("process", "release")  # and "machine" if it loads from a track
        self.upstream: Track | None = None  # set when the line chains its machines
        self.downstream: Receiver | None = None
        self.heater = heater
        self.gain = gain  # deg C per %
        self.time_constant = time_constant  # s
        self.gate = False
        self.true_temperature = temperature
        self.health = 1.0  # heater degradation fault lowers it
        self.temperature_drift = 0.0  # fault: offset on the transmitter, deg C
        self.parts: list[Part] = []
        steps = max(1, round(dead_time / dt))
        self._delay: deque[float] = deque([heater] * steps, maxlen=steps)
        self._gate_ready_at = 0.0
        self.now = 0.0  # the plant keeps it at the end of the current tick
        self._rng = rng
        self._channel = channel_id(f"{name}.temperature")
        self.temperature_raw = 0
        self.temperature = 0.0
        self._measure()

    # --- the contract --------------------------------------------------------------
    def connect(self, line: Plant) -> None:
        """Load parts from the upstream track, if the line gave it one (no machine before it)."""
        if self.downstream is None:
            raise ValueError(f"{self.name} has nowhere to release its parts")
        self.phases = ("process", "release", "machine") if self.upstream is not None else ("process", "release")

    @property
    def channels(self) -> dict[str, int]:
        return {f"{self.name}.temperature": self._channel}

    def held_parts(self) -> Sequence[Part]:
        """The parts inside, the one at the gate first."""
        return self.parts[::-1]

    def observed_state(self) -> tuple:
        return (self.true_temperature,)

    # --- parts in and out ---------------------------------------------------------
    def can_accept(self) -> bool:
        """True if there is room for another part."""
        return len(self.parts) < CAPACITY

    def can_take(self, part: Part) -> bool:
        """True if there is room for ``part`` (a machine upstream hands it over)."""
        return self.can_accept()

    def accept(self, part: Part, now: float) -> None:
        """A part enters at the back of the oven (at room temperature)."""
        if not self.parts:
            self._gate_ready_at = now + ROLL_TIME
        part.oven_in = now
        part.temperature = AMBIENT
        part.peak_temperature = AMBIENT
        part.soak = 0.0
        self.parts.append(part)
        part.move_to("oven", now)

    put = accept

    def take_out(self, now: float) -> Part:
        """Take the part at the gate out (it leaves for conveyor2)."""
        part = self.parts.pop(0)
        part.oven_out = now
        part.hardness = hardness(part.soak, part.peak_temperature)
        if part.peak_temperature > OVERHEAT_LIMIT:
            part.defects.append("overheated")
        elif part.hardness < HARDNESS_MIN:
            part.defects.append("soft")
        self._gate_ready_at = now + ROLL_TIME
        return part

    def ready_to_release(self, now: float, powered: bool) -> bool:
        """True if the gate is open and a part is waiting at it."""
        return self.gate and powered and bool(self.parts) and now >= self._gate_ready_at

    # --- per tick ------------------------------------------------------------------
    def release(self, ctx: TickContext) -> None:
        """Phase "release": the part at the open gate leaves if there is room downstream."""
        end = ctx.end
        self.now = end
        parts = self.parts
        if self.gate and ctx.powered and parts and end >= self._gate_ready_at:  # ready_to_release(), inlined
            downstream = self.downstream
            if downstream.can_take(parts[0]):
                part = self.take_out(end)
                downstream.put(part, end)
                ctx.record_event(end, "part_at", part.id, part.location)  # out of the oven, onto the next belt

    def machine(self, ctx: TickContext) -> None:
        """Phase "machine" (without a machine before it): load the part waiting at the end of the upstream track."""
        upstream = self.upstream
        if ctx.powered and self.can_accept() and upstream.front_at_end():
            part = upstream.take_front()
            self.accept(part, ctx.end)
            ctx.record_event(ctx.end, "part_at", part.id, "oven")

    def process(self, ctx: TickContext) -> None:
        """Phase "process": heat the oven and its parts for a slow step."""
        self.step(ctx.slow_dt, ctx.powered)

    def step(self, dt: float, powered: bool) -> None:
        """Heat the oven and its parts for ``dt`` seconds (the plant's slow step)."""
        delay = self._delay
        u = delay[0]
        delay.append(self.heater if powered else 0.0)
        t = self.true_temperature
        load = 0.0
        follow = dt / PART_TAU
        for part in self.parts:
            tp = part.temperature
            load += PART_LOAD * (t - tp)
            tp += (t - tp) * follow
            part.temperature = tp
            if tp > part.peak_temperature:
                part.peak_temperature = tp
            if tp > SOAK_THRESHOLD:
                part.soak += (tp - SOAK_THRESHOLD) * dt
        self.true_temperature = t + (self.gain * self.health * u - (t - AMBIENT) - load) * dt / self.time_constant
        self._measure()

    # --- sensors ------------------------------------------------------------------
    def _measure(self) -> None:
        """Sample the thermocouple transmitter (each slow step, 5 times a second).

        ``temperature_raw``: ADC counts (0 = 0 degC, 4000 = 400 degC);
        ``temperature``: the counts in deg C (0..400, 0.1 degC resolution).
        """
        value = (
            self.true_temperature
            + self.temperature_drift
            + TEMPERATURE_NOISE * self._rng.noise(self._channel, self._rng.tick // SLOW_STEPS)
        ) * 10.0
        counts = int(round(value))
        counts = 0 if counts < 0 else ADC_FULL if counts > ADC_FULL else counts
        self.temperature_raw = counts
        self.temperature = counts / 10.0

    @property
    def part_in(self) -> bool:
        """True while a part waits at the dwell gate."""
        return bool(self.parts) and self.now >= self._gate_ready_at

    @property
    def parts_inside(self) -> int:
        """Parts in the oven."""
        return len(self.parts)

    @property
    def front_dwell(self) -> float:
        """Seconds the part at the front has spent in the oven (0 if empty)."""
        return self.now - self.parts[0].oven_in if self.parts else 0.0


def build(kit: BuildContext) -> Oven:
    """The oven of a scenario: start heater and temperature, dead time; the variant's gain and time constant."""
    settings = kit.scenario.oven
    return Oven(
        kit.rng,
        kit.dt * SLOW_STEPS,
        heater=settings.heater,
        temperature=settings.temperature,
        gain=kit.variant.oven_gain,
        time_constant=kit.variant.oven_time_constant,
        dead_time=settings.dead_time,
    )


SPEC = StationSpec(
    "oven",
    build,
    requires=("conveyor1", "conveyor2"),
    sensors=Oven.SENSORS,
    fault_kinds=("heater_degradation",),
    drifts={"temperature": 3.0},
)
