"""The plant: pure physics of the virtual line (no I/O, no pygame, no pymodbus)."""

from .layout import TIME_STEP
from .parts import Part
from .plant import ESTOP, IDLE, RUNNING, STATE_NAMES, STOPPED, Event, Plant
from .rng import PlantRandom
from .scenario import STATIONS, Scenario, ScenarioError, builtin_ids, list_scenarios, load_scenario

__all__ = [
    "ESTOP",
    "IDLE",
    "RUNNING",
    "STATE_NAMES",
    "STATIONS",
    "STOPPED",
    "TIME_STEP",
    "Event",
    "Part",
    "Plant",
    "PlantRandom",
    "Scenario",
    "ScenarioError",
    "builtin_ids",
    "list_scenarios",
    "load_scenario",
]
