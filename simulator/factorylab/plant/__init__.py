"""The plant: pure physics of the virtual line (no I/O, no pygame, no pymodbus)."""

from .faults import KINDS as FAULT_KINDS
from .faults import FaultError, FaultRecord
from .layout import TIME_STEP
from .line import DOWN, ESTOP, IDLE, RUNNING, STATE_NAMES, STOPPED
from .parts import Part
from .plant import Event, Plant
from .rng import PlantRandom
from .scenario import STATIONS, Scenario, ScenarioError, builtin_ids, list_scenarios, load_scenario
from .station import PHASES, Station, TickContext, TrackStop

__all__ = [
    "DOWN",
    "ESTOP",
    "FAULT_KINDS",
    "IDLE",
    "PHASES",
    "RUNNING",
    "STATE_NAMES",
    "STATIONS",
    "STOPPED",
    "TIME_STEP",
    "Event",
    "FaultError",
    "FaultRecord",
    "Part",
    "Plant",
    "PlantRandom",
    "Scenario",
    "ScenarioError",
    "Station",
    "TickContext",
    "TrackStop",
    "builtin_ids",
    "list_scenarios",
    "load_scenario",
]
