"""The hidden runs of the capstone: what happens on the line, seed by seed.

Every seed gives one run of ``hours`` simulated hours of the full line
(scenario ``line``), with, at times drawn from the seed (each in its own
slot of the run, in a shuffled order, never before :data:`QUIET_START` s):

* faults (the fault log, ground truth): two conveyor jams, a stuck-on
  photo eye, a heater degradation, a tool breakage;
* operator episodes: STOP then START again, one or two E-stops (pushed,
  released, RESET, START) and a blocked outfeed.

The operator presses START a few seconds after the run begins, and
acknowledges an alarm (presses RESET) a few seconds after the buzzer
starts, as a person at the panel would.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from ..plant import Scenario, load_scenario
from ..plant.scenario import Action, ScheduledFault

#: no fault or operator episode during the first seconds of a run (the oven heats up), s
QUIET_START = 300.0
#: the photo eyes a stuck-on fault hits (a part passes each of them in under a second)
STUCK_TARGETS = ("conveyor2.photo_eye_exit", "sorter.photo_eye")
#: the episodes of every run; a second E-stop is added to about half of them
EPISODES = ("jam", "jam", "stuck", "heater", "tool", "stop", "estop", "outfeed")


@dataclass
class Happening:
    """One fault or operator episode of a run.

    Attributes:
        kind: ``jam``, ``stuck``, ``heater``, ``tool`` (faults) or ``stop``,
            ``estop``, ``outfeed`` (operator episodes).
        start: s when it begins.
        end: s when it is over (a fault ends; the operator pressed START
            again after a stop or an E-stop; the outfeed is clear again).
        target: the device or tag (faults).
    """

    kind: str
    start: float
    end: float
    target: str = ""

    @property
    def is_fault(self) -> bool:
        return self.kind in ("jam", "stuck", "heater", "tool")


@dataclass
class Plan:
    """A seed's run: the scenario to load, how long, the happenings and the operator's habits."""

    seed: int
    seconds: float
    scenario: Scenario
    happenings: list[Happening] = field(default_factory=list)
    start_at: float = 0.0
    ack_delay: float = 5.0
    #: (start, end) of each STOP: the feeder must be off from start + 1 s until the next START
    stops: list[tuple[float, float]] = field(default_factory=list)


def _r(value: float) -> float:
    return round(round(value / 0.05) * 0.05, 2)


def plan_for(seed: int, hours: float = 2.0, warm: bool = False) -> Plan:
    """The plan of one seed's run (the same on every computer).

    Args:
        seed: the seed (hidden or practice).
        hours: simulated hours.
        warm: start with the oven already at 215 °C and the first episode
            after 60 s (short runs: a check), instead of a cold line.
    """
    rng = random.Random(f"capstone|{seed}")
    seconds = round(hours * 3600.0, 2)
    kinds = list(EPISODES) + (["estop"] if rng.random() < 0.5 else [])
    rng.shuffle(kinds)
    quiet = 60.0 if warm else min(QUIET_START, seconds * 0.3)
    slot = (seconds - quiet - 60.0) / len(kinds)
    start_at = _r(rng.uniform(3.0, 12.0))
    actions: list[Action] = [Action(at=start_at, press="start", hold=0.3)]
    faults: list[ScheduledFault] = []
    happenings: list[Happening] = []
    stops: list[tuple[float, float]] = []
    for index, kind in enumerate(kinds):
        begin = quiet + index * slot
        at = _r(begin + rng.uniform(0.05, 0.3) * slot)
        room = begin + 0.95 * slot - at  # s left in the slot
        if kind == "jam":
            target = rng.choice(("conveyor1", "conveyor2"))
            duration = _r(min(rng.uniform(40.0, 90.0), 0.5 * room))
            faults.append(ScheduledFault(at=at, kind="jam", target=target, duration=duration))
            happenings.append(Happening(kind, at, round(at + duration, 2), target))
        elif kind == "stuck":
            target = rng.choice(STUCK_TARGETS)
            duration = _r(min(rng.uniform(60.0, 150.0), 0.6 * room))
            faults.append(ScheduledFault(at=at, kind="sensor_stuck_on", target=target, duration=duration))
            happenings.append(Happening(kind, at, round(at + duration, 2), target))
        elif kind == "heater":
            duration = _r(rng.uniform(0.6, 0.8) * room)
            rate = round(0.6 / (0.4 * duration / 3600.0), 2)  # the floor (0.4) after 40 % of the fault
            faults.append(
                ScheduledFault(at=at, kind="heater_degradation", target="oven", duration=duration, rate=rate, floor=0.4)
            )
            happenings.append(Happening(kind, at, round(at + duration, 2), "oven"))
        elif kind == "tool":
            faults.append(ScheduledFault(at=at, kind="tool_breakage", target="cnc"))
            happenings.append(Happening(kind, at, at, "cnc"))
        elif kind == "stop":
            again = _r(at + min(rng.uniform(40.0, 120.0), 0.6 * room))
            actions += [Action(at=at, press="stop", hold=0.3), Action(at=again, press="start", hold=0.3)]
            happenings.append(Happening(kind, at, again, "panel.stop"))
            stops.append((at, again))
        elif kind == "estop":
            release = _r(at + min(rng.uniform(15.0, 45.0), 0.3 * room))
            reset = _r(release + rng.uniform(3.0, 8.0))
            again = _r(reset + rng.uniform(3.0, 8.0))
            actions += [
                Action(at=at, estop="pushed"),
                Action(at=release, estop="released"),
                Action(at=reset, press="reset", hold=0.3),
                Action(at=again, press="start", hold=0.3),
            ]
            happenings.append(Happening(kind, at, again, "panel.estop"))
        else:  # outfeed
            clear = _r(at + min(rng.uniform(40.0, 90.0), 0.6 * room))
            actions += [Action(at=at, outfeed="blocked"), Action(at=clear, outfeed="clear")]
            happenings.append(Happening(kind, at, clear, "outfeed"))
    base = load_scenario("line")
    if warm:
        base = base.model_copy(update={"oven": base.oven.model_copy(update={"temperature": 215.0})})
    actions.sort(key=lambda a: a.at)
    faults.sort(key=lambda f: f.at)
    scenario = base.model_copy(
        update={"actions": actions, "faults": base.faults.model_copy(update={"schedule": faults, "random": {}})}
    )
    return Plan(seed, seconds, scenario, happenings, start_at, round(rng.uniform(3.0, 10.0), 1), stops)


__all__ = ["EPISODES", "QUIET_START", "Happening", "Plan", "plan_for"]
