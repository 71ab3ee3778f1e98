"""The stations the line knows, in line order: the one list the plant, scenarios and faults read.

Each station's module declares its :class:`~factorylab.plant.station.StationSpec`
(``SPEC``: name, builder, required stations, sensors, fault kinds, drifting
signals); this module only puts them in line order. The scenario's station
names, the stations each needs, the stuck-sensor and fault targets and the
plant's stations all come from here. To add a station: write its module
(a :class:`~factorylab.plant.station.Station` and its ``SPEC``) and add the
spec below, where it stands on the line.
"""

from __future__ import annotations

from . import cnc, feeder, inspection, orders, oven, panel, sorter, tank
from .conveyor import CONVEYOR1, CONVEYOR2
from .station import StationSpec

#: Every station the plant knows, in line order (the order the plant builds and steps them).
CATALOGUE: tuple[StationSpec, ...] = (
    panel.SPEC,
    tank.SPEC,
    feeder.SPEC,
    CONVEYOR1,
    cnc.SPEC,
    oven.SPEC,
    CONVEYOR2,
    inspection.SPEC,
    sorter.SPEC,
    orders.SPEC,
)

#: Station name -> its spec, in line order.
SPECS: dict[str, StationSpec] = {spec.name: spec for spec in CATALOGUE}

#: Every station name, in line order.
STATIONS: tuple[str, ...] = tuple(SPECS)

#: Station -> the stations it needs (only stations that need some).
REQUIRES: dict[str, tuple[str, ...]] = {spec.name: spec.requires for spec in CATALOGUE if spec.requires}

#: On/off sensors of each station that has some, in the line's sensor order:
#: the operator panel, the belts, then the other stations (see
#: ``StationSpec.sensor_group``), each in line order. Random stuck-sensor
#: faults pick their target by its place in this order.
STATION_SENSORS: dict[str, tuple[str, ...]] = {
    spec.name: spec.sensors for spec in sorted(CATALOGUE, key=lambda spec: spec.sensor_group) if spec.sensors
}

#: Analog signals whose transmitter can drift (``<station>.<signal>``), with the default rate per hour.
DRIFTS: dict[str, float] = {f"{spec.name}.{signal}": rate for spec in CATALOGUE for signal, rate in spec.drifts.items()}


def stations_with_fault(kind: str) -> tuple[str, ...]:
    """Stations a fault of ``kind`` can hit, in line order (for a stuck sensor: in sensor order)."""
    if kind in ("sensor_stuck_on", "sensor_stuck_off"):
        return tuple(STATION_SENSORS)
    if kind == "analog_drift":
        return tuple(spec.name for spec in CATALOGUE if spec.drifts)
    return tuple(spec.name for spec in CATALOGUE if kind in spec.fault_kinds)
