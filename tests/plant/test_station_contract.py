"""The station contract: every station keeps it, a broken one is caught, a new one plugs in.

:func:`contract_problems` is the contract as checks on one station of a
running plant. Every built-in station passes it in every scenario; a
deliberately broken toy station fails it (or is refused when added); a toy
gate joins a plant through ``Plant.add_station`` without any change to the
plant's code, and its stop works beside the pusher's.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from factorylab.plant import PHASES, Plant, Station, TickContext, TrackStop, builtin_ids, load_scenario
from factorylab.plant.catalogue import CATALOGUE, SPECS, STATION_SENSORS, STATIONS
from factorylab.plant.conveyor import Track
from factorylab.plant.faults import KINDS, fault_targets
from factorylab.plant.layout import SLOW_STEPS
from factorylab.plant.parts import Part
from factorylab.plant.rng import NAMED_CHANNELS, PlantRandom, channel_id
from factorylab.plant.scenario import STATIONS as SCENARIO_STATIONS
from factorylab.plant.station import SLOW_PHASES

# --- the contract as checks ----------------------------------------------------------------


def run_in_motion(scenario: str, seconds: float = 240.0, seed: int = 3) -> Plant:
    """A plant with parts everywhere: belts, oven and CNC running, pusher pushing."""
    plant = Plant(scenario, seed=seed)
    for name in ("feeder", "conveyor1", "conveyor2", "cnc"):
        device = getattr(plant, name)
        if device is not None:
            device.run = True
    if plant.feeder is not None:
        plant.feeder.interval = 5.0
    if plant.oven is not None:
        plant.oven.heater = 80.0
    if plant.tank is not None:
        plant.tank.inflow = 30.0
    run_on(plant, seconds)
    return plant


def run_on(plant: Plant, seconds: float) -> None:
    """Step a plant started by :func:`run_in_motion`, tending the oven gate, the pusher and the CNC."""
    for _ in range(round(seconds / plant.dt)):
        if plant.oven is not None:
            plant.oven.gate = plant.oven.front_dwell > 15.0
        if plant.sorter is not None:  # push the blue parts
            front = plant.outfeed_track.covers(plant.sorter.position)
            plant.sorter.extend = front is not None and front.kind == "B"
        if plant.cnc is not None:
            plant.cnc.reset = plant.cnc.failed and not plant.cnc.reset
        plant.step()


class Services:
    """The line services of a probe's tick context, recording what a station asks of them."""

    def __init__(self) -> None:
        self.events: list[tuple] = []
        self.finished: list[Part] = []
        self.fed: list[Part] = []

    def context(self, plant: Plant, *, powered: bool) -> TickContext:
        ctx = TickContext(
            record_event=lambda *args, **kwargs: self.events.append(args),
            finish=lambda part, place, time: self.finished.append(part),
            part_fed=lambda part, time: self.fed.append(part),
            dt=plant.dt,
        )
        ctx.tick = plant.tick
        ctx.now = plant.time
        ctx.end = plant.time + plant.dt
        ctx.powered = powered
        ctx.outfeed_blocked = plant.outfeed_blocked
        ctx.next_part_id = 1_000_000
        return ctx


def members(plant: Plant) -> dict[str, object]:
    """Stations and tracks by name."""
    return {**plant.stations, **{track.name: track for track in plant.tracks}}


def read_everything(station: Station) -> None:
    """Read every public attribute and property of a station, and its sensors."""
    for attribute in dir(station):
        if not attribute.startswith("_"):
            getattr(station, attribute)
    for sensor in station.sensor_names():
        getattr(station, sensor, None)


@contextmanager
def noise_channels_used() -> Iterator[set[int]]:
    """The noise channels read while the block runs (any plant)."""
    used: set[int] = set()
    noise, noise_at = PlantRandom.noise, PlantRandom.noise_at

    def recording_noise(self: PlantRandom, channel: int, sample: int | None = None) -> float:
        used.add(channel)
        return noise(self, channel, sample)

    def recording_noise_at(self: PlantRandom, channel: int, sample: int | None = None) -> float:
        used.add(channel)
        return noise_at(self, channel, sample)

    PlantRandom.noise, PlantRandom.noise_at = recording_noise, recording_noise_at
    try:
        yield used
    finally:
        PlantRandom.noise, PlantRandom.noise_at = noise, noise_at


def belt_positions(plant: Plant) -> dict[int, tuple[str, float, float]]:
    """Part id -> (track, lead, lateral) for every part on a belt."""
    return {part.id: (track.name, part.lead, part.lateral) for track in plant.tracks for part in track.parts}


#: Ticks a station runs without power in :func:`unpowered_problems` (the pusher strokes in 8).
PROBE_TICKS = 40


def unpowered_problems(plant: Plant, name: str, ticks: int = PROBE_TICKS) -> list[tuple[str, str]]:
    """Without power, station ``name`` moves no part along a belt, takes none off, feeds or removes none.

    The rest of the line first runs one tick without power (its belts
    stop); then the station runs ``ticks`` ticks without power, each
    followed by the tracks' transport. A machine may still hand a part it
    has finished to the start of a belt (the CNC does); a part already on a
    belt must stay where it is. The plant is used up.
    """
    station = plant.stations[name]
    services = Services()
    ctx = services.context(plant, powered=False)
    everything = members(plant)
    for phase, member in plant.phase_plan():
        if member != name:
            getattr(everything[member], phase)(ctx)
            ctx.powered = False  # (the panel's safety phase sets it from its relay)
    before, parts_before = belt_positions(plant), {id(part) for part in plant.parts}
    services.finished.clear()
    services.fed.clear()
    phases = [phase for phase in PHASES if phase in station.phases and callable(getattr(station, phase, None))]
    for tick in range(plant.tick, plant.tick + ticks):
        ctx.tick, ctx.now, ctx.end = tick, tick * plant.dt, (tick + 1) * plant.dt
        for phase in phases:
            if phase not in SLOW_PHASES or tick % SLOW_STEPS == 0:
                getattr(station, phase)(ctx)
                ctx.powered = False
        for track in plant.tracks:
            track.transport(ctx)
    after = belt_positions(plant)
    moved = sorted(part for part, where in before.items() if after.get(part) != where)
    if moved or services.fed or services.finished or {id(part) for part in plant.parts} != parts_before:
        return [("unpowered", f"{name} moved, fed or removed parts without power (moved: {moved})")]
    return []


def contract_problems(plant: Plant, station: Station) -> list[tuple[str, str]]:
    """What a station of ``plant`` does against the station contract, as (check, problem) pairs.

    The plant is used up: the checks step the station with probe contexts.
    """
    problems: list[tuple[str, str]] = []
    name = station.name

    # name: an identifier, registered under it; a catalogue station only where the scenario lists it
    if not name.isidentifier() or plant.stations.get(name) is not station or getattr(plant, name, None) is not station:
        problems.append(("name", f"{name!r} is not the plant's station of that name"))
    if name in STATIONS and name not in plant.scenario.stations:
        problems.append(("name", f"{name} is a catalogue station the scenario does not list"))

    # phases: known, each with its method, and called by the plant in that order
    phases = []  # the ones the probes below can call
    for phase in station.phases:
        if phase not in PHASES:
            problems.append(("phases", f"{name} declares phase {phase!r}, which does not exist"))
        elif not callable(getattr(station, phase, None)):
            problems.append(("phases", f"{name} declares phase {phase!r} without a method for it"))
        else:
            phases.append(phase)
    planned = [phase for phase, member in plant.phase_plan() if member == name]
    if planned != [phase for phase in PHASES if phase in station.phases]:
        problems.append(("phases", f"the plant calls {name} in {planned}, it declares {station.phases}"))

    # noise channels: named after the station, numbered by their names, unique in the plant
    others = [other for other in plant.stations.values() if other is not station]
    other_names = {channel for other in others for channel in other.channels}
    other_numbers = {number for other in others for number in other.channels.values()}
    for channel, number in station.channels.items():
        if not channel.startswith(f"{name}.") or channel_id(channel) != number:
            problems.append(("channels", f"{name}'s channel {channel!r} ({number}) is not its named channel"))
        if channel in other_names or number in other_numbers:
            problems.append(("channels", f"{name}'s channel {channel!r} ({number}) is another station's"))

    # stops: on one of the plant's tracks, within it, collected by it, owned by the station
    for stop in station.stops:
        if stop.owner != name or stop.track not in plant.tracks or stop not in stop.track.stops:
            problems.append(("stops", f"{name}'s stop is not a collected stop of its own on the plant's tracks"))
        elif not 0.0 <= stop.position <= stop.track.length:
            problems.append(("stops", f"{name}'s stop at {stop.position} mm is off its track"))

    # sensors: on/off attributes the line lists (a catalogue station: the ones its spec names)
    for sensor in station.sensor_names():
        if not isinstance(getattr(station, sensor, None), bool):
            problems.append(("sensors", f"{name}.{sensor} is not an on/off sensor"))
        elif f"{name}.{sensor}" not in plant.discrete_sensors():
            problems.append(("sensors", f"{name}.{sensor} is missing from the plant's sensors"))
    if name in SPECS and tuple(station.sensor_names()) != SPECS[name].sensors:
        problems.append(("sensors", f"{name}'s sensors differ from its spec's"))

    # devices it brings: plant attributes (a catalogue station: the ones its spec names)
    for attribute, device in station.devices().items():
        if getattr(plant, attribute, None) is not device:
            problems.append(("devices", f"{name}'s device {attribute} is not the plant's {attribute}"))
    if name in SPECS and set(station.devices()) != set(SPECS[name].devices):
        problems.append(("devices", f"{name}'s devices differ from its spec's"))

    # held parts: on the line, not on a belt
    on_belts = {id(part) for track in plant.tracks for part in track.parts}
    line_parts = {id(part) for part in plant.parts}
    if any(id(part) in on_belts or id(part) not in line_parts for part in station.held_parts()):
        problems.append(("parts", f"{name} holds parts that are on a belt or not on the line"))

    # without power: no part on a belt moves, none enters or leaves the line (a station of the line)
    if plant.stations.get(name) is station:
        problems += unpowered_problems(copy.deepcopy(plant), name)

    # reading the station draws nothing from the plant's stream; its state is plain and stable
    stream = copy.deepcopy(plant.rng)
    read_everything(station)
    state = station.observed_state()
    if (plant.rng.uniform(), plant.rng.normal()) != (stream.uniform(), stream.normal()):
        problems.append(("stream", f"reading {name} draws from the plant's random stream"))
    plain = (bool, int, float, str)
    if not isinstance(state, tuple) or not all(isinstance(v, plain) for v in state):
        problems.append(("state", f"{name}'s observed state {state!r} is not a tuple of plain values"))
    elif station.observed_state() != state:
        problems.append(("state", f"{name}'s observed state changes when read"))

    # noise: read only from the station's own channels, by reading it or stepping it
    services = Services()
    with noise_channels_used() as used:
        read_everything(station)
        for powered in (True, False):
            for phase in phases:
                getattr(station, phase)(services.context(plant, powered=powered))
        read_everything(station)
    undeclared = used - set(station.channels.values())
    if undeclared:
        problems.append(("channels", f"{name} reads noise channels it does not declare: {sorted(undeclared)}"))
    return problems


# --- every built-in station keeps it --------------------------------------------------------

CASES = [(scenario, name) for scenario in builtin_ids() for name in load_scenario(scenario).stations]


@pytest.mark.parametrize(("scenario", "name"), CASES, ids=[f"{s}-{n}" for s, n in CASES])
def test_every_station_keeps_the_contract(scenario: str, name: str) -> None:
    plant = run_in_motion(scenario)
    assert contract_problems(plant, plant.stations[name]) == []


@pytest.mark.parametrize("scenario", [s for s in builtin_ids() if "conveyor1" in load_scenario(s).stations])
def test_without_power_no_station_moves_a_part(scenario: str) -> None:
    """The power check at many moments of a running line (parts at the pusher, at the gate, in the CNC ...)."""
    plant = run_in_motion(scenario, seconds=120.0)
    for _ in range(24):
        run_on(plant, 2.35)  # not a multiple of the feed interval: the moments fall on different places
        for name in plant.stations:
            assert unpowered_problems(copy.deepcopy(plant), name) == [], f"at {plant.time} s"


def test_the_probe_had_parts_to_move() -> None:
    """The full line under test has parts on both belts, in the CNC and the oven, and sorted some."""
    plant = run_in_motion("line")
    assert plant.infeed_track.parts and plant.outfeed_track.parts
    assert plant.oven.parts and plant.production.parts_rejected and plant.production.parts_out
    assert plant.cnc.parts_machined > 10


def test_the_plant_runs_the_phases_in_the_order_of_a_tick() -> None:
    """The order the physics has always had (it decides who sees what first, and the random draws)."""
    assert list(PHASES) == [
        "safety",
        "drive",
        "process",
        "release",
        "machine",
        "feed",
        "transport",
        "deliver",
        "measure",
        "record",
    ]
    assert Plant("line").phase_plan() == [
        ("safety", "panel"),
        ("drive", "conveyor1"),
        ("drive", "conveyor2"),
        ("process", "tank"),
        ("process", "oven"),
        ("release", "oven"),
        ("machine", "cnc"),
        ("machine", "sorter"),
        ("feed", "feeder"),
        ("transport", "outfeed"),
        ("transport", "infeed"),
        ("deliver", "sorter"),
        ("measure", "inspection"),
        ("record", "orders"),
    ]
    # without a CNC the oven loads from conveyor1 itself, after releasing
    assert [entry for entry in Plant("oven").phase_plan() if entry[1] == "oven"] == [
        ("process", "oven"),
        ("release", "oven"),
        ("machine", "oven"),
    ]


class EveryPhase(Station):
    """A toy station in every phase: it notes each call (tick, phase, start and end of the tick)."""

    phases = tuple(PHASES)
    __slots__ = ("name", "calls")

    def __init__(self) -> None:
        self.name = "watcher"
        self.calls: list[tuple[int, str, float, float]] = []


for _phase in PHASES:
    setattr(
        EveryPhase, _phase, lambda self, ctx, _phase=_phase: self.calls.append((ctx.tick, _phase, ctx.now, ctx.end))
    )


def test_an_added_station_is_called_in_every_phase_it_declares_and_the_slow_one_every_fourth_tick() -> None:
    plant = Plant("conveyor", seed=1)
    watcher = EveryPhase()
    plant.add_station(watcher)
    plan = plant.phase_plan()
    assert plan.index(("drive", "conveyor2")) < plan.index(("drive", "watcher"))  # after the built-in stations
    assert plan.index(("transport", "watcher")) < plan.index(("transport", "main"))  # before the tracks
    plant.advance(0.4)
    expected = [
        (tick, phase, tick * plant.dt, (tick + 1) * plant.dt)
        for tick in range(8)
        for phase in PHASES
        if phase != "process" or tick % 4 == 0
    ]
    assert [(t, p) for t, p, _, _ in watcher.calls] == [(t, p) for t, p, _, _ in expected]
    for (_, _, now, end), (_, _, expected_now, expected_end) in zip(watcher.calls, expected, strict=True):
        assert now == pytest.approx(expected_now) and end == pytest.approx(expected_end)


def test_a_copied_plant_steps_its_own_stations() -> None:
    """The compiled tick is rebuilt for a copy (the runtime's snapshots are deep copies)."""
    plant = run_in_motion("line", seconds=60.0)
    twin = copy.deepcopy(plant)
    before = plant.state_vector()
    twin.advance(30.0)
    assert plant.state_vector() == before  # stepping the copy left the original alone
    plant.advance(30.0)
    assert twin.state_vector() == plant.state_vector()


# --- derived lists come from the stations ----------------------------------------------------


def test_station_lists_come_from_the_catalogue() -> None:
    assert STATIONS == SCENARIO_STATIONS == tuple(spec.name for spec in CATALOGUE)
    for spec in CATALOGUE:  # a station needs only other stations the line knows
        assert set(spec.requires) <= set(STATIONS) - {spec.name}, spec.name
    for scenario in builtin_ids():
        plant = Plant(scenario)
        assert list(plant.stations) == plant.scenario.stations
        assert plant.discrete_sensors() == fault_targets("sensor_stuck_on", plant.scenario.stations)
        for spec in CATALOGUE:
            assert (getattr(plant, spec.name) is None) == (spec.name not in plant.scenario.stations)


def test_the_sensor_order_is_the_one_random_faults_have_always_used() -> None:
    """A random stuck-sensor fault picks its target by its place in this list: the order keeps seeded runs."""
    assert list(STATION_SENSORS) == ["panel", "conveyor1", "conveyor2", "tank", "cnc", "oven", "inspection", "sorter"]
    assert fault_targets("sensor_stuck_on", STATIONS)[5:9] == [
        "panel.safety_ok",
        "conveyor1.running",
        "conveyor1.overload",
        "conveyor1.photo_eye_infeed",
    ]
    assert fault_targets("analog_drift", STATIONS) == ["tank.level", "tank.temperature", "oven.temperature"]
    assert fault_targets("jam", STATIONS) == ["conveyor1", "conveyor2"]
    for spec in CATALOGUE:
        assert set(spec.fault_kinds) <= set(KINDS)


def test_named_channels_keep_their_numbers() -> None:
    """The built-in channels keep the numbers they had before they had names: the same noise per seed."""
    assert {name: channel_id(name) for name in NAMED_CHANNELS} == {
        "conveyor1.current": 1,
        "conveyor1.vibration": 2,
        "conveyor2.current": 3,
        "conveyor2.vibration": 4,
        "tank.level": 10,
        "tank.temperature": 11,
        "oven.temperature": 20,
    }
    plant = Plant("line")
    declared = {channel: number for station in plant.stations.values() for channel, number in station.channels.items()}
    assert declared == NAMED_CHANNELS
    new = channel_id("robot.torque")
    assert new == channel_id("robot.torque") >= 2**63
    assert new != channel_id("robot.force")


# --- a broken station is caught --------------------------------------------------------------


class Slider(Station):
    """Breaks the contract at run time, in every way the declarations cannot show.

    It pushes parts along conveyor2 whether or not there is power, reads a
    noise channel it does not declare, draws from the plant's stream when
    its sensor is read, lists a sensor it does not have, and reports its
    state as a list that changes when read.
    """

    phases = ("machine",)
    __slots__ = ("name", "track", "_rng")

    def __init__(self) -> None:
        self.name = "slider"
        self.track: Track | None = None

    def connect(self, line: Plant) -> None:
        self.track = line.outfeed_track
        self._rng = line.rng

    def machine(self, ctx: TickContext) -> None:
        for part in self.track.parts:
            part.lead += 1.0

    @property
    def vibration(self) -> float:
        return self._rng.noise_at(77)

    @property
    def busy(self) -> bool:
        return self._rng.uniform() < 0.5

    def sensor_names(self) -> tuple[str, ...]:
        return ("busy", "gripper")

    def observed_state(self) -> tuple:
        return [self._rng.uniform()]  # type: ignore[return-value]


def test_a_broken_station_fails_the_contract() -> None:
    plant = run_in_motion("sorting", seconds=60.0)
    slider = Slider()
    plant.add_station(slider)  # its declarations are fine: it joins
    failed = {check for check, _ in contract_problems(plant, slider)}
    assert failed == {"unpowered", "channels", "stream", "sensors", "state"}


class Declared(Station):
    """A toy station whose declarations a test sets."""

    __slots__ = ("name", "phases", "_channels", "_stops", "teleport")

    def __init__(self, name: str = "toy", phases: tuple[str, ...] = ("machine",)) -> None:
        self.name = name
        self.phases = phases
        self._channels: dict[str, int] = {}
        self._stops: tuple[TrackStop, ...] = ()
        self.teleport = 1  # an attribute, not a phase method

    @property
    def channels(self) -> dict[str, int]:
        return self._channels

    @property
    def stops(self) -> tuple[TrackStop, ...]:
        return self._stops

    def machine(self, ctx: TickContext) -> None:
        pass


def broken(kind: str, plant: Plant) -> Declared:
    station = Declared()
    if kind == "unknown phase":
        station.phases = ("machine", "assemble")
    elif kind == "phase without a method":
        station.phases = ("teleport",)
    elif kind == "channel of another station":
        station._channels = {"toy.level": NAMED_CHANNELS["tank.level"]}
    elif kind == "channel named for another station":
        station._channels = {"tank.pressure": channel_id("tank.pressure")}
    elif kind == "stop on another plant's track":
        foreign = Plant("sorting").outfeed_track
        station._stops = (TrackStop("toy", foreign, 100.0, lambda part: None),)
    elif kind == "stop off its track":
        station._stops = (TrackStop("toy", plant.outfeed_track, 1e6, lambda part: None),)
    elif kind == "name of a station":
        station.name = "conveyor1"
    elif kind == "name of a plant attribute":
        station.name = "step"
    return station


BROKEN = [
    "unknown phase",
    "phase without a method",
    "channel of another station",
    "channel named for another station",
    "stop on another plant's track",
    "stop off its track",
    "name of a station",
    "name of a plant attribute",
]


@pytest.mark.parametrize("kind", BROKEN)
def test_the_plant_refuses_a_station_whose_declarations_break_the_contract(kind: str) -> None:
    plant = Plant("line", seed=1)
    plan = plant.phase_plan()
    stations = dict(plant.stations)
    with pytest.raises(ValueError):
        plant.add_station(broken(kind, plant))
    assert plant.phase_plan() == plan and plant.stations == stations
    assert not hasattr(plant, "toy")
    assert all(not track.stops or track.stops[0].owner == "sorter" for track in plant.tracks)


def test_the_refused_declarations_also_fail_the_contract_checks() -> None:
    """The checks do not rely on the plant's refusal: they see the same broken declarations."""
    plant = Plant("line", seed=1)
    for kind, check in [
        ("unknown phase", "phases"),
        ("channel of another station", "channels"),
        ("channel named for another station", "channels"),
        ("stop on another plant's track", "stops"),
    ]:
        station = broken(kind, plant)
        assert check in {found for found, _ in contract_problems(Plant("line", seed=1), station)}, kind


# --- a new station plugs in ------------------------------------------------------------------


class Gate(Station):
    """A toy station: a gate across conveyor2 that holds parts back while closed.

    It owns a stop on the track through conveyor2 and a noise channel for
    its load cell; it is added with ``Plant.add_station``, nowhere else.
    """

    SENSORS = ("closed",)
    phases = ("machine",)
    __slots__ = ("name", "closed", "track", "position", "stop", "_rng", "_channel")

    def __init__(self, at: float = 1500.0) -> None:
        self.name = "gate"
        self.closed = False
        self.position = at  # mm on conveyor2 until connected, then on its track

    def connect(self, line: Plant) -> None:
        belt = line.conveyor("conveyor2")
        self.track = belt.track
        self.position += belt.offset
        self.stop = TrackStop(self.name, self.track, self.position, self._limit)
        self._rng = line.rng
        self._channel = channel_id("gate.load")

    @property
    def channels(self) -> dict[str, int]:
        return {"gate.load": self._channel}

    @property
    def stops(self) -> tuple[TrackStop, ...]:
        return (self.stop,)

    @property
    def load(self) -> float:
        """Weight resting against the gate, kg, with load-cell noise."""
        resting = sum(part.weight for part in self.track.parts if abs(part.lead - self.position) < 1e-6)
        return resting + 0.01 * self._rng.noise_at(self._channel)

    def observed_state(self) -> tuple:
        return (self.closed,)

    def machine(self, ctx: TickContext) -> None:
        self.stop.set(self.closed)  # a spring-closed gate: it holds with or without power

    def _limit(self, part: Part) -> float | None:
        return self.position if part.lead <= self.position + 1e-9 else None


def test_a_new_station_joins_without_changing_the_plant() -> None:
    plant = Plant("sorting", seed=2)
    gate = Gate()
    plant.add_station(gate)
    assert plant.gate is gate
    assert ("machine", "gate") in plant.phase_plan()
    assert "gate.closed" in plant.discrete_sensors()
    assert gate.stop in plant.outfeed_track.stops
    checked = run_with_gate(closed=True)
    assert contract_problems(checked, checked.gate) == []


def run_with_gate(*, closed: bool, seconds: float = 60.0, seed: int = 2) -> Plant:
    plant = Plant("sorting", seed=seed)
    plant.add_station(Gate())
    plant.gate.closed = closed
    plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = True
    plant.advance(seconds)
    return plant


def test_a_closed_gate_holds_the_parts_and_an_open_one_lets_them_go() -> None:
    plant = run_with_gate(closed=True)
    position = plant.gate.position
    assert plant.production.parts_out == 0
    front = plant.outfeed_track.parts[0]
    assert front.lead == pytest.approx(position)
    assert plant.gate.load > 0.2  # the front part rests against it
    plant.gate.closed = False
    plant.advance(30.0)
    assert plant.production.parts_out > 3


def test_an_open_gate_changes_nothing_else() -> None:
    """Adding a station that does nothing leaves the run as it was, bit for bit."""

    def trace(with_gate: bool) -> list[tuple]:
        plant = Plant("sorting", seed=4)
        if with_gate:
            plant.add_station(Gate())
        plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = True
        rows = []
        for tick in range(1200):
            plant.sorter.extend = plant.sorter.type_b or (plant.sorter.photo_eye and not plant.sorter.retracted)
            plant.step()
            if tick % 10 == 0:
                tick_, parts, conveyors, stations, line, faults = plant.state_vector()
                rows.append((tick_, parts, conveyors, stations[:1], line, faults))
        return rows

    assert trace(with_gate=True) == trace(with_gate=False)


def test_stops_of_two_stations_on_one_track_do_not_overwrite_each_other() -> None:
    """The pusher engaging and releasing its stop leaves the gate's stop alone (it used to overwrite the list)."""
    plant = Plant("sorting", seed=2)
    plant.add_station(Gate(at=1800.0))
    plant.gate.closed = True
    plant.feeder.run = plant.conveyor1.run = plant.conveyor2.run = True
    track = plant.outfeed_track
    pusher_seen = False
    for tick in range(2400):
        plant.sorter.extend = (tick // 40) % 2 == 0  # in and out, over and over
        plant.step()
        assert plant.gate.stop.engaged and plant.gate.stop.limit in track.limits
        pusher_seen = pusher_seen or plant.sorter.stop.limit in track.limits
        assert all(part.lead <= plant.gate.position + 1e-9 for part in track.parts)
    assert pusher_seen
    assert plant.production.parts_out == 0
