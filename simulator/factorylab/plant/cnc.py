"""The CNC machining station, generating data by the AI4I 2020 rules.

Follows the generation rules of the AI4I 2020 Predictive Maintenance Dataset
(S. Matzka, "Explainable Artificial Intelligence for Predictive Maintenance
Applications", AI4I 2020, doi 10.1109/AI4I49448.2020.00023; data: UCI, doi
10.24432/C5HS5C):

* product quality (grade) L / M / H for 50 / 30 / 20 % of parts;
* air temperature: a random walk around 300 K with a standard deviation of
  2 K (here a mean-reverting walk, time constant 2 h);
* process temperature: air temperature + 10 K plus its own random walk with a
  standard deviation of 1 K (time constant 10 min), and up to 6 K more while
  the coolant runs short;
* torque ~ N(40, 10) Nm per part, never negative;
* rotational speed from the spindle drive's power characteristic plus normal
  noise (see :data:`SPEED_AT_40NM`);
* tool wear: + 5 / 3 / 2 minutes per part for H / M / L (x 1.5 without
  coolant). AI4I counts wear in minutes of use; here a part spends
  :data:`MACHINE_CYCLE` = 4 s in the machine, so wear runs
  :func:`wear_speedup` = 30 / 45 / 75 times faster than real time for
  L / M / H parts (43.5x for the AI4I grade mix): 190 min of wear (where
  the reference controller changes the tool) take about 65 parts, 4.4
  minutes of machining;
* failure modes, checked when a part starts (:func:`failure_modes`):
  TWF tool wear failure at a wear drawn per tool between 200 and 240 min;
  HDF heat dissipation: process - air < 8.6 K and speed < 1380 rpm;
  PWF power: torque x speed (rad/s) < 3500 W or > 9000 W;
  OSF overstrain: wear x torque > 11,000 / 12,000 / 13,000 min Nm for L / M / H;
  RNF random: 0.1 % of parts.

A failure stops the station until it is reset; the part in the machine is
ruined. A tool wear failure (TWF) or a tool breakage (TBF, an injected fault)
leaves the tool unusable: after the reset the station stands in "tool change
required" (state 6, ``tool_change_required``) and machines nothing until a
tool change. A tool change (30 s) resets the wear. A tool-change request (a
rising edge of ``tool_change``) is kept until the change starts: it waits for
the part in the machine and for a failure's reset; a failure during a change
interrupts it, and the change starts again from the beginning after the reset.

On speed: AI4I's description says speed is "calculated from a power of 2860 W
with normal noise". Taken as speed = 2860 W / torque, 40 Nm would give 683 rpm,
but the published data has a mean of 1538 rpm at a mean torque of 40 Nm, a
standard deviation of 179 rpm and a correlation of -0.88 with torque. We use
the drive characteristic that reproduces those published figures:
speed = 1538 rpm - 15.7 rpm/Nm * (torque - 40 Nm) + N(0, 86 rpm).

Dimension rule (for inspection): the machined diameter is
20.000 mm + 0.0004 mm/min x tool wear + 0.03 mm without coolant + N(0, 0.012)
mm; the specification is 20.00 +/- 0.10 mm. A part in the machine when it
fails is ruined (+0.35 mm).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .parts import Part
from .rng import PlantRandom
from .station import BuildContext, Receiver, Station, StationSpec, TickContext

if TYPE_CHECKING:  # pragma: no cover
    from .conveyor import Track
    from .plant import Plant

# --- AI4I constants --------------------------------------------------------------
GRADES = ("L", "M", "H")
GRADE_SHARE = (0.5, 0.3, 0.2)
WEAR_PER_PART = {"L": 2.0, "M": 3.0, "H": 5.0}  # min
OVERSTRAIN_LIMIT = {"L": 11000.0, "M": 12000.0, "H": 13000.0}  # min * Nm
WEAR_LIMIT_RANGE = (200.0, 240.0)  # min
HDF_DELTA_T = 8.6  # K
HDF_SPEED = 1380.0  # rpm
PWF_LOW = 3500.0  # W
PWF_HIGH = 9000.0  # W
RANDOM_FAILURE = 0.001  # per part
AIR_MEAN, AIR_SD, AIR_TAU = 300.0, 2.0, 7200.0  # K, K, s
PROCESS_OFFSET, PROCESS_SD, PROCESS_TAU = 10.0, 1.0, 600.0  # K, K, s
TORQUE_MEAN, TORQUE_SD = 40.0, 10.0  # Nm
SPEED_AT_40NM = 1538.0  # rpm
SPEED_PER_NM = -15.7  # rpm per Nm above 40
SPEED_SD = 86.0  # rpm
COOLANT_HEAT = 6.0  # K more process temperature without coolant
COOLANT_TAU = 60.0  # s for that to build up or fade
COOLANT_WEAR = 1.5  # wear factor without coolant

# --- station timing and quality -------------------------------------------------
LOAD_TIME = 0.5  # s
CYCLE_TIME = 3.0  # s machining
UNLOAD_TIME = 0.5  # s
TOOL_CHANGE_TIME = 30.0  # s
#: s a part spends in the machine: load, machine, unload
MACHINE_CYCLE = LOAD_TIME + CYCLE_TIME + UNLOAD_TIME
NOMINAL_DIAMETER = 20.0  # mm
DIAMETER_TOLERANCE = 0.10  # mm
WEAR_GROWTH = 0.0004  # mm per min of wear
DRY_GROWTH = 0.03  # mm without coolant
DIAMETER_SD = 0.012  # mm
RUINED_GROWTH = 0.35  # mm

#: failure mode names, in the bit order of ``failure_modes``
MODES = ("TWF", "HDF", "PWF", "OSF", "RNF", "TBF")
#: failure modes that leave the tool unusable: a tool change is required
TOOL_LOST_MODES = ("TWF", "TBF")

# station states
IDLE, LOADING, MACHINING, UNLOADING, TOOL_CHANGE, FAILED, TOOL_REQUIRED = range(7)
STATE_NAMES = ("idle", "loading", "machining", "unloading", "tool_change", "failed", "tool_change_required")


def wear_speedup(grade: str) -> float:
    """How many times faster than real time a part of ``grade`` wears the tool.

    The AI4I wear per part (minutes of use) over the :data:`MACHINE_CYCLE`
    the part spends in the machine: 30 (L), 45 (M), 75 (H).
    """
    return WEAR_PER_PART[grade] * 60.0 / MACHINE_CYCLE


def failure_modes(
    grade: str,
    air_temperature: float,
    process_temperature: float,
    speed: float,
    torque: float,
    tool_wear: float,
    wear_limit: float,
    random_draw: float,
) -> list[str]:
    """The AI4I failure modes a process (one part) triggers.

    Args:
        grade: product quality L / M / H.
        air_temperature, process_temperature: K.
        speed: rotational speed, rpm.
        torque: Nm.
        tool_wear: min, at the start of the process.
        wear_limit: min, this tool's wear at which it fails (200..240).
        random_draw: a uniform draw in [0, 1) for the random failure.

    Returns:
        The modes among TWF, HDF, PWF, OSF, RNF that fire (empty: no failure).
    """
    modes = []
    if tool_wear >= wear_limit:
        modes.append("TWF")
    if process_temperature - air_temperature < HDF_DELTA_T and speed < HDF_SPEED:
        modes.append("HDF")
    power = torque * speed * 2.0 * math.pi / 60.0
    if power < PWF_LOW or power > PWF_HIGH:
        modes.append("PWF")
    if tool_wear * torque > OVERSTRAIN_LIMIT[grade]:
        modes.append("OSF")
    if random_draw < RANDOM_FAILURE:
        modes.append("RNF")
    return modes


class CNC(Station):
    """CNC machining station between conveyor1 and the oven (or conveyor2).

    Controller outputs:
        run: work automatically: load the part waiting at the end of
            conveyor1, machine it, unload it downstream.
        tool_change: a rising edge requests a tool change. The request is kept
            until the change starts: at once when idle, else after the part in
            the machine is unloaded or the failure is reset. An edge during a
            change is ignored.
        reset: a rising edge clears a failure (the ruined part is unloaded).
            A broken or worn-out tool (``tool_change_required``) still needs a
            tool change before the station machines again.

    Measurements (AI4I signals):
        air_temperature, process_temperature: K.
        spindle_speed: rpm (0 when not machining).
        torque: Nm (0 when not machining).
        tool_wear: min.
        grade: product quality of the part in the machine (0 none, 1 L, 2 M, 3 H).
        failure_modes: bit mask of the modes of the last failure
            (1 TWF, 2 HDF, 4 PWF, 8 OSF, 16 RNF, 32 tool breakage).
        state: 0 idle, 1 loading, 2 machining, 3 unloading, 4 tool change,
            5 failed, 6 tool change required (reset, but the tool is broken or
            worn out: nothing is machined until a tool change).
        tool_change_required: True from a tool wear failure or a tool
            breakage until a tool change is done.
        busy / failed / tool_changing / part_present: status bits.
        parts_machined, tool_changes, failures: counters.

    A machine between the belts: it loads from its ``upstream`` (the infeed
    track) and hands machined parts to its ``downstream`` (the oven, or the
    outfeed track). It draws coolant from the tank while machining
    (``draws_coolant``). Its randomness comes from the plant's stream (no
    noise channels).
    """

    #: on/off sensor attributes (targets for stuck-sensor faults)
    SENSORS = ("busy", "failed", "tool_changing", "part_present", "tool_change_required")
    phases = ("machine",)
    between_belts = True
    #: the tank supplies it (``machining`` draws coolant; the tank sets ``coolant_ok``)
    draws_coolant = True

    __slots__ = (
        "name",
        "upstream",
        "downstream",
        "run",
        "tool_change",
        "reset",
        "state",
        "tool_wear",
        "wear_limit",
        "air_offset",
        "process_offset",
        "coolant_heat",
        "coolant_ok",
        "part",
        "tool_change_required",
        "failure_modes",
        "parts_machined",
        "tool_changes",
        "failures",
        "_timer",
        "_change_was",
        "_reset_was",
        "_change_pending",
        "_rng",
        "_torque",
        "_speed",
    )

    def __init__(self, rng: PlantRandom, *, name: str = "cnc", run: bool = False, tool_wear: float = 0.0) -> None:
        self.name = name
        self.upstream: Track | None = None  # set when the line chains its machines
        self.downstream: Receiver | None = None
        self.run = run
        self.tool_change = False
        self.reset = False
        self.state = IDLE
        self._rng = rng
        self.tool_wear = tool_wear
        self.wear_limit = rng.uniform(*WEAR_LIMIT_RANGE)
        # the two random walks start in their stationary distributions
        self.air_offset = rng.normal(0.0, AIR_SD)
        self.process_offset = rng.normal(0.0, PROCESS_SD)
        self.coolant_heat = 0.0
        self.coolant_ok = True
        self.part: Part | None = None
        self.tool_change_required = False
        self.failure_modes = 0
        self.parts_machined = 0
        self.tool_changes = 0
        self.failures = 0
        self._timer = 0.0
        self._change_was = False
        self._reset_was = False
        self._change_pending = False
        self._torque = 0.0
        self._speed = 0.0

    # --- signals -------------------------------------------------------------
    @property
    def air_temperature(self) -> float:
        """Air temperature, K."""
        return AIR_MEAN + self.air_offset

    @property
    def process_temperature(self) -> float:
        """Process temperature, K."""
        return self.air_temperature + PROCESS_OFFSET + self.process_offset + self.coolant_heat

    @property
    def spindle_speed(self) -> float:
        """Rotational speed, rpm (0 unless machining)."""
        return self._speed if self.state == MACHINING else 0.0

    @property
    def torque(self) -> float:
        """Torque, Nm (0 unless machining)."""
        return self._torque if self.state == MACHINING else 0.0

    @property
    def grade(self) -> int:
        """Product quality of the part in the machine: 0 none, 1 L, 2 M, 3 H."""
        return GRADES.index(self.part.grade) + 1 if self.part is not None else 0

    @property
    def busy(self) -> bool:
        """True while machining."""
        return self.state == MACHINING

    @property
    def failed(self) -> bool:
        """True while the station has failed (until reset)."""
        return self.state == FAILED

    @property
    def tool_changing(self) -> bool:
        """True during a tool change."""
        return self.state == TOOL_CHANGE

    @property
    def part_present(self) -> bool:
        """True while a part is in the machine."""
        return self.part is not None

    @property
    def machining(self) -> bool:
        """True while the spindle cuts (coolant flows)."""
        return self.state == MACHINING

    # --- faults --------------------------------------------------------------
    def break_tool(self, now: float) -> None:
        """Tool breakage (an injected fault): fail at once; the tool must be changed.

        Already failed, the station stays failed and its failure modes gain
        the tool breakage bit.
        """
        if self.state == FAILED:
            self.tool_change_required = True
            self.failure_modes |= 1 << MODES.index("TBF")
        else:
            self._fail(["TBF"], now)

    def _fail(self, modes: list[str], now: float) -> None:
        if self.state == TOOL_CHANGE:  # the interrupted change starts again after the reset
            self._change_pending = True
        self.state = FAILED
        self.failures += 1
        self.failure_modes = sum(1 << MODES.index(m) for m in modes)
        if any(m in TOOL_LOST_MODES for m in modes):
            self.tool_change_required = True
        part = self.part
        if part is not None:
            part.ruined = True
            part.history.append((now, "cnc_failure"))
            if part.failure_modes is not None:  # machining had started: the breakage is this part's failure too
                part.failure_modes += [m for m in modes if m not in part.failure_modes]
            # (a part still being loaded was never machined: no machine record, only ruined)

    def _idle_state(self) -> int:
        """Where the station rests without a part: idle, or waiting for a tool change."""
        return TOOL_REQUIRED if self.tool_change_required else IDLE

    # --- the contract --------------------------------------------------------------
    def connect(self, line: Plant) -> None:
        """Check the line gave it somewhere to take parts from and to hand them to."""
        if self.upstream is None or self.downstream is None:
            raise ValueError(f"{self.name} needs a track before it and a place after it")

    def held_parts(self) -> Sequence[Part]:
        return () if self.part is None else (self.part,)

    def observed_state(self) -> tuple:
        return (self.state, self.tool_wear, self.air_offset, self.process_offset)

    # --- per tick --------------------------------------------------------------------
    def machine(self, ctx: TickContext) -> None:
        """Phase "machine": random walks, commands and the sequence for one tick, then the hand-offs.

        The sequence pauses without power (a failure can still be reset). A
        finished part waits until there is room downstream; a new part is
        loaded (with power) from the end of the upstream track.
        """
        end = ctx.end
        powered = ctx.powered
        rng = self._rng
        if ctx.tick % 20 == 0:  # the temperature walks move once a second
            self.air_offset += -self.air_offset / AIR_TAU + AIR_SD * math.sqrt(2.0 / AIR_TAU) * rng.normal()
            self.process_offset += (
                -self.process_offset / PROCESS_TAU + PROCESS_SD * math.sqrt(2.0 / PROCESS_TAU) * rng.normal()
            )
            target = 0.0 if self.coolant_ok else COOLANT_HEAT
            self.coolant_heat += (target - self.coolant_heat) * min(1.0, 1.0 / COOLANT_TAU)
        change_edge = self.tool_change and not self._change_was
        self._change_was = self.tool_change
        reset_edge = self.reset and not self._reset_was
        self._reset_was = self.reset
        state = self.state
        if change_edge and state != TOOL_CHANGE:
            self._change_pending = True
        if state == FAILED:
            if reset_edge:
                self.failure_modes = 0
                part = self.part
                if part is not None:  # the ruined part is unloaded as scrap
                    part.dimension = NOMINAL_DIAMETER + RUINED_GROWTH
                    part.machined = True
                    part.defects.append("machining")
                    self.state = UNLOADING
                    self._timer = UNLOAD_TIME
                else:
                    self.state = self._idle_state()
        elif not powered:
            pass  # the sequence pauses without power
        elif self._change_pending and (state == IDLE or state == TOOL_REQUIRED):
            self.state = TOOL_CHANGE
            self._timer = TOOL_CHANGE_TIME
            self._change_pending = False
        elif state in (LOADING, MACHINING, TOOL_CHANGE) or (state == UNLOADING and self._timer > 0.0):
            self._timer -= ctx.dt
            if self._timer <= 1e-9:
                if state == LOADING:
                    self._start_machining(end)
                elif state == MACHINING:
                    self._finish_machining()
                elif state == TOOL_CHANGE:
                    self.tool_wear = 0.0
                    self.wear_limit = rng.uniform(*WEAR_LIMIT_RANGE)
                    self.tool_changes += 1
                    self.tool_change_required = False
                    self.state = IDLE
                else:
                    self._timer = 0.0  # unloaded: waiting for downstream room
        # hand-offs
        # part_ready() and wants_part(), inlined (this runs every tick)
        part = self.part
        if part is not None and self.state == UNLOADING and self._timer <= 0.0:
            downstream = self.downstream
            if downstream.can_take(part):
                downstream.put(self.unload(), end)
                ctx.record_event(end, "part_at", part.id, part.location)  # the oven, or the belt after the CNC
        if powered and self.run and self.state == IDLE and not self._change_pending:
            upstream = self.upstream
            if upstream.front_at_end():
                self.take(upstream.take_front(), end)
                ctx.record_event(end, "part_at", self.part.id, "cnc")
        state = self.state
        if state >= TOOL_CHANGE:
            ctx.down = True  # changing its tool, failed, or waiting for a tool
        elif state == MACHINING:
            ctx.working = True

    def take(self, part: Part, now: float) -> None:
        """Load a part (the station must be idle and running)."""
        self.part = part
        self.state = LOADING
        self._timer = LOAD_TIME
        part.move_to("cnc", now)

    def wants_part(self) -> bool:
        """True if the station would load a part now."""
        return self.run and self.state == IDLE and not self._change_pending

    def part_ready(self) -> bool:
        """True if a machined part waits to be unloaded."""
        return self.state == UNLOADING and self._timer <= 0.0 and self.part is not None

    def unload(self) -> Part:
        """Hand the finished (or ruined) part downstream."""
        part = self.part
        self.part = None
        self.state = self._idle_state()
        return part

    def _start_machining(self, now: float) -> None:
        rng = self._rng
        part = self.part
        torque = max(0.0, rng.normal(TORQUE_MEAN, TORQUE_SD))
        speed = SPEED_AT_40NM + SPEED_PER_NM * (torque - TORQUE_MEAN) + rng.normal(0.0, SPEED_SD)
        self._torque = torque
        self._speed = speed
        part.air_temperature = self.air_temperature
        part.process_temperature = self.process_temperature
        part.torque = torque
        part.speed = speed
        part.tool_wear = self.tool_wear
        modes = failure_modes(
            part.grade,
            self.air_temperature,
            self.process_temperature,
            speed,
            torque,
            self.tool_wear,
            self.wear_limit,
            rng.uniform(),
        )
        part.failure_modes = modes
        self.state = MACHINING
        self._timer = CYCLE_TIME
        if modes:
            self._fail(modes, now)

    def _finish_machining(self) -> None:
        part = self.part
        wear = WEAR_PER_PART[part.grade] * (1.0 if self.coolant_ok else COOLANT_WEAR)
        diameter = NOMINAL_DIAMETER + WEAR_GROWTH * self.tool_wear + self._rng.normal(0.0, DIAMETER_SD)
        if not self.coolant_ok:
            diameter += DRY_GROWTH
        part.dimension = diameter
        part.machined = True
        if abs(diameter - NOMINAL_DIAMETER) > DIAMETER_TOLERANCE:
            part.defects.append("dimension")
        self.tool_wear += wear
        self.parts_machined += 1
        self.state = UNLOADING
        self._timer = UNLOAD_TIME


def build(kit: BuildContext) -> CNC:
    """The CNC of a scenario: its start run command and tool wear."""
    settings = kit.scenario.cnc
    return CNC(kit.rng, run=settings.run, tool_wear=settings.tool_wear)


SPEC = StationSpec(
    "cnc", build, requires=("conveyor1", "conveyor2"), sensors=CNC.SENSORS, fault_kinds=("tool_breakage",)
)
