"""The coolant tank: a mass balance with valves, level switches and ADC sensors.

Model (volumes in litres, flows in L/s, level in mm):

    dV/dt = Q_in - Q_drain - Q_cnc - Q_overflow
    level = V / area

* inflow: ``Q_in = 1.0 L/s x valve opening``; the valve positioner moves at
  most 25 %/s toward its command.
* drain (on/off): ``Q_drain = 0.8 L/s x sqrt(level / 1000 mm)`` (gravity).
* coolant to the CNC: 0.2 L/s while the CNC machines, if the level is above
  the pump's suction (100 mm); below it the CNC runs short of coolant.
* demand: a steady draw by other machines (a scenario setting, L/s), also
  only above the suction.
* overflow: above 1000 mm the excess spills (``overflow_total``).

Coolant temperature (deg C) mixes with fresh inflow water (15 deg C), gains
heat from the CNC while it machines and loses heat to the room (25 deg C,
time constant 30 min).

Sensors are 4-20 mA transmitters read by a 12-bit ADC as 0-4000 counts:
level 0-1000 mm and temperature 0-100 deg C. Counts carry noise and are
quantised; the engineering values are the counts scaled back.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .layout import SLOW_STEPS
from .rng import PlantRandom, channel_id
from .station import BuildContext, Station, StationSpec, TickContext

if TYPE_CHECKING:  # pragma: no cover
    from .plant import Plant

AREA = 250.0  # L per metre of level (0.25 m2)
HEIGHT = 1000.0  # mm
CAPACITY = AREA * HEIGHT / 1000.0  # L (250)
INFLOW_MAX = 1.0  # L/s at 100 % opening
DRAIN_MAX = 0.8  # L/s at full level
CNC_DRAW = 0.2  # L/s while the CNC machines
SUCTION_LEVEL = 100.0  # mm: below this the CNC pump sucks air
VALVE_RATE = 25.0  # %/s positioner speed
HIGH_SWITCH = 900.0  # mm
LOW_SWITCH = 150.0  # mm
OVERFLOW_SWITCH = 980.0  # mm
INFLOW_TEMPERATURE = 15.0  # deg C
ROOM_TEMPERATURE = 25.0  # deg C
LOSS_TAU = 1800.0  # s
CNC_HEAT = 0.5  # deg C * L / s carried into the coolant while the CNC machines (about 2 kW)
ADC_FULL = 4000  # counts at 20 mA
_MM_PER_COUNT = HEIGHT / ADC_FULL
_DEGREES_PER_COUNT = 100.0 / ADC_FULL
LEVEL_NOISE = 0.6  # counts (sd)
TEMPERATURE_NOISE = 0.8  # counts (sd)


class CoolantTank(Station):
    """Coolant tank with inflow valve, drain valve, level and temperature sensors.

    Controller outputs:
        inflow: inflow valve command, % open (0..100).
        drain: drain valve, True = open.

    Measurements:
        level / level_raw: level in mm (0..1000) / ADC counts (0..4000).
        temperature / temperature_raw: coolant deg C (0..100) / counts (0..4000).
        inflow_rate: measured inflow, L/min.
        high / low: level switches (900 mm / 150 mm).
        overflow: overflow alarm switch (980 mm).

    It supplies coolant to the stations that draw it (``draws_coolant``: the
    CNC): their ``machining`` draws it, and it tells them whether there is
    any (``coolant_ok``). Noise channels: ``tank.level``, ``tank.temperature``.
    """

    #: on/off sensor attributes (targets for stuck-sensor faults)
    SENSORS = ("high", "low", "overflow")
    phases = ("process",)

    __slots__ = (
        "name",
        "consumers",
        "area",
        "capacity",
        "inflow",
        "drain",
        "valve_position",
        "volume",
        "coolant_temperature",
        "inflow_total",
        "drain_total",
        "drawn_total",
        "overflow_total",
        "demand",
        "valve_stuck",
        "level_drift",
        "temperature_drift",
        "level_raw",
        "level",
        "temperature_raw",
        "temperature",
        "_rng",
        "_level_channel",
        "_temperature_channel",
        "_cnc_flow",
    )

    def __init__(
        self,
        rng: PlantRandom,
        *,
        name: str = "tank",
        level: float = 400.0,
        inflow: float = 0.0,
        demand: float = 0.0,
        area: float = AREA,
    ) -> None:
        self.name = name
        self.consumers: tuple[Station, ...] = ()  # stations that draw coolant (set by connect)
        self.area = area  # L per metre of level (a plant variant may change it)
        self.capacity = area * HEIGHT / 1000.0  # L
        self.demand = demand
        self.inflow = inflow
        self.drain = False
        self.valve_position = inflow
        self.volume = area * level / 1000.0
        self.coolant_temperature = 22.0
        self.inflow_total = 0.0
        self.drain_total = 0.0
        self.drawn_total = 0.0
        self.overflow_total = 0.0
        self.valve_stuck = False  # fault: the valve ignores its command
        self.level_drift = 0.0  # fault: offset on the level transmitter, mm
        self.temperature_drift = 0.0  # fault: offset on the temperature transmitter, deg C
        self._rng = rng
        self._level_channel = channel_id(f"{name}.level")
        self._temperature_channel = channel_id(f"{name}.temperature")
        self._cnc_flow = 0.0
        self.level_raw = self.temperature_raw = 0
        self.level = self.temperature = 0.0
        self._measure()

    # --- the contract --------------------------------------------------------------
    def connect(self, line: Plant) -> None:
        """Supply the stations that draw coolant."""
        self.consumers = tuple(s for s in line.stations.values() if getattr(s, "draws_coolant", False))

    @property
    def channels(self) -> dict[str, int]:
        return {f"{self.name}.level": self._level_channel, f"{self.name}.temperature": self._temperature_channel}

    def observed_state(self) -> tuple:
        return (self.volume, self.coolant_temperature, self.valve_position)

    # --- per tick (phase "process") ------------------------------------------------
    def process(self, ctx: TickContext) -> None:
        """Advance the tank by a slow step and tell its consumers whether there is coolant."""
        machining = False
        for consumer in self.consumers:
            if consumer.machining:
                machining = True
        self.step(ctx.slow_dt, ctx.powered, machining)
        coolant_ok = self.coolant_ok
        for consumer in self.consumers:
            consumer.coolant_ok = coolant_ok

    # --- physics -------------------------------------------------------------
    @property
    def true_level(self) -> float:
        """Actual level, mm (no sensor effects)."""
        return self.volume * 1000.0 / self.area

    @property
    def coolant_ok(self) -> bool:
        """True if the CNC's coolant pump has liquid to draw."""
        return self.true_level > SUCTION_LEVEL

    def step(self, dt: float, powered: bool, cnc_machining: bool) -> None:
        """Advance the tank by ``dt`` seconds (a consumer machining draws coolant)."""
        if not self.valve_stuck:
            target = self.inflow if powered else 0.0  # fail-closed valve
            delta = target - self.valve_position
            limit = VALVE_RATE * dt
            self.valve_position += limit if delta > limit else -limit if delta < -limit else delta
        q_in = INFLOW_MAX * self.valve_position * 0.01
        level = self.true_level
        q_drain = DRAIN_MAX * math.sqrt(level / HEIGHT) if (self.drain and powered and level > 0.0) else 0.0
        q_cnc = (CNC_DRAW if cnc_machining else 0.0) + self.demand if level > SUCTION_LEVEL else 0.0
        self._cnc_flow = q_cnc
        volume_in = q_in * dt
        volume_drain = min(q_drain * dt, self.volume)
        volume_cnc = min(q_cnc * dt, self.volume - volume_drain)
        old_volume = self.volume
        volume = old_volume + volume_in - volume_drain - volume_cnc
        capacity = self.capacity
        spilled = volume - capacity if volume > capacity else 0.0
        volume -= spilled
        self.volume = volume
        self.inflow_total += volume_in
        self.drain_total += volume_drain
        self.drawn_total += volume_cnc
        self.overflow_total += spilled
        # coolant temperature: mixing, machining heat, losses to the room
        if volume > 1.0:
            t = self.coolant_temperature
            mixing = volume_in * (INFLOW_TEMPERATURE - t) / volume
            heating = CNC_HEAT * dt / volume if q_cnc else 0.0
            losses = (ROOM_TEMPERATURE - t) * dt / LOSS_TAU
            self.coolant_temperature = t + mixing + heating + losses
        self._measure()

    # --- sensors -------------------------------------------------------------
    def _measure(self) -> None:
        """Sample both transmitters (each slow step, 5 times a second).

        ``level_raw``: counts (0 = 0 mm / 4 mA, 4000 = 1000 mm / 20 mA);
        ``level``: mm. ``temperature_raw``: counts (0 = 0 degC, 4000 =
        100 degC); ``temperature``: deg C.
        """
        rng = self._rng
        level = (self.true_level + self.level_drift) / HEIGHT * ADC_FULL + LEVEL_NOISE * rng.noise(
            self._level_channel, rng.tick // SLOW_STEPS
        )
        self.level_raw = _adc(level)
        self.level = self.level_raw * _MM_PER_COUNT
        temperature = (self.coolant_temperature + self.temperature_drift) / 100.0 * ADC_FULL
        temperature += TEMPERATURE_NOISE * rng.noise(self._temperature_channel, rng.tick // SLOW_STEPS)
        self.temperature_raw = _adc(temperature)
        self.temperature = self.temperature_raw * _DEGREES_PER_COUNT

    @property
    def inflow_rate(self) -> float:
        """Flow meter on the inflow, L/min."""
        return INFLOW_MAX * self.valve_position * 0.6

    @property
    def high(self) -> bool:
        """High level switch (900 mm)."""
        return self.true_level >= HIGH_SWITCH

    @property
    def low(self) -> bool:
        """Low level switch: True while the level is at or below 150 mm."""
        return self.true_level <= LOW_SWITCH

    @property
    def overflow(self) -> bool:
        """Overflow alarm switch (980 mm)."""
        return self.true_level >= OVERFLOW_SWITCH


def _adc(value: float) -> int:
    """A 12-bit ADC reading 0..4000 counts (saturating)."""
    counts = int(round(value))
    return 0 if counts < 0 else ADC_FULL if counts > ADC_FULL else counts


def build(kit: BuildContext) -> CoolantTank:
    """The tank of a scenario: its start level, inflow and demand, the variant's area."""
    settings = kit.scenario.tank
    return CoolantTank(
        kit.rng, level=settings.level, inflow=settings.inflow, demand=settings.demand, area=kit.variant.tank_area
    )


SPEC = StationSpec(
    "tank",
    build,
    sensors=CoolantTank.SENSORS,
    fault_kinds=("valve_stuck",),
    drifts={"level": 30.0, "temperature": 3.0},
)
