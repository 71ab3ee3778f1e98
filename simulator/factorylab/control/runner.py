"""Running a controller: the same function fast-forward or live.

A controller is any callable ``controller(line, t)``, called once per scan
with the line and the line's simulated time ``t`` (s). ``t`` only ever goes
forward, so a controller (and its timers) may be run again on the same line. Keep state
between scans in a closure or a class with ``__call__``::

    def make_controller():
        running = False                      # state lives in the closure
        def controller(line, t):
            nonlocal running
            if line.panel.start: running = True
            if line.panel.stop or not line.panel.safety_ok: running = False
            line.conveyor1.run = running
        return controller

    class Controller:                        # or in an object
        def __init__(self):
            self.running = False
        def __call__(self, line, t):
            ...

    result = factorylab.run(make_controller(), line, seconds=60)

On a local line, :func:`run` steps the plant between scans and never sleeps
(fast-forward, thousands of times real time). On a remote line it paces to
the wall clock, reading every tag at the start of a scan and writing the
outputs at its end, like a PLC, and counts scans that overran.
"""

from __future__ import annotations

import math
import operator
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import FactoryLabError
from ..i18n import current_language
from ..plant.line import COUNTERS
from ..tags import Tag
from .line import Line, LocalLine, RemoteLine

Controller = Callable[[Line, float], Any]

#: Counters of the production device that a run reports as differences.
_COUNTS = COUNTERS

#: Outputs that must be off while the safety relay is tripped (an E-stop).
_POWER_OUTPUTS = ("feeder.run", "conveyor1.run", "conveyor2.run", "cnc.run", "sorter.extend")
_ANALOG_OUTPUTS = ("oven.heater", "tank.inflow")
#: seconds a running feeder waits for conveyor1's running feedback before it counts as an interlock violation
FEEDBACK_GRACE = 0.5


@dataclass
class Result:
    """What a run produced.

    Attributes:
        history: pandas DataFrame, one row per recording (index ``t``, the
            line's simulated time, s), one column per tag.
        kpis: the run's key figures (see :meth:`summary`).
        events: pandas DataFrame of what happened (time, kind, part, detail).
        faults: pandas DataFrame of the faults during the run with their
            ground-truth label, target, start and end (local lines only: a
            remote line does not reveal them).
        scans: controller calls made.
        overruns: scans that took longer than the scan time (remote lines).
        scan_lateness: seconds each scan started after its due time (remote).
    """

    history: Any
    kpis: dict[str, Any]
    events: Any
    faults: Any
    scans: int
    overruns: int = 0
    scan_lateness: list[float] = field(default_factory=list)
    mode: str = "local"

    def summary(self, lang: str | None = None) -> str:
        """The key figures as short text in ``lang`` (default: the current language)."""
        k = self.kpis
        lang = lang or current_language()
        if lang == "ko":
            lines = [
                f"실행: {k['seconds']:.0f} s ({'빨리감기' if self.mode == 'local' else '실시간'}), 스캔 {self.scans}회"
                + (f", 초과 {self.overruns}회" if self.mode == "remote" else ""),
                f"부품: 투입 {k['parts_in']}, 배출 {k['parts_out']}, 불량함 {k['rejected']}, 양품 {k['good']}, "
                f"오분류 {k['missorted']}, 불량률 {k['defect_rate']:.1f} %",
                f"OEE {k['oee']:.1f} % = 가용성 {k['availability']:.1f} % x 성능 {k['performance']:.1f} % x "
                f"품질 {k['quality']:.1f} %",
                f"경보 {k['alarms']}회, 비상정지 중 출력 {k['estop_violations']}회, 인터록 위반 {k['interlock_violations']}회, "
                f"고장 {k['faults']}건",
            ]
        else:
            lines = [
                f"run: {k['seconds']:.0f} s ({'fast-forward' if self.mode == 'local' else 'live'}), {self.scans} scans"
                + (f", {self.overruns} overruns" if self.mode == "remote" else ""),
                f"parts: in {k['parts_in']}, out {k['parts_out']}, rejected {k['rejected']}, good {k['good']}, "
                f"mis-sorted {k['missorted']}, defect rate {k['defect_rate']:.1f} %",
                f"OEE {k['oee']:.1f} % = availability {k['availability']:.1f} % x performance "
                f"{k['performance']:.1f} % x quality {k['quality']:.1f} %",
                f"alarms {k['alarms']}, outputs on during E-stop {k['estop_violations']}, "
                f"interlock violations {k['interlock_violations']}, faults {k['faults']}",
            ]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()


def run(
    controller: Controller,
    line: Line,
    seconds: float,
    scan: float = 0.05,
    *,
    record: Iterable[str] | None = None,
    record_every: float = 1.0,
    store: str | Path | None = None,
) -> Result:
    """Call ``controller(line, t)`` every ``scan`` seconds for ``seconds``.

    Args:
        controller: a function (or object with ``__call__``) taking the line
            and its simulated time, s.
        line: from :func:`factorylab.connect`, local or remote.
        seconds: how long to run, simulated seconds.
        scan: the scan time, s; a multiple of the plant's 0.05 s step.
        record: tag names to keep in the history (None: all tags; ``[]``: none).
        record_every: seconds between history rows (a multiple of ``scan``).
        store: also write the history to this SQLite file as it is recorded
            (see :mod:`factorylab.data`), so it survives a crash.

    Returns:
        A :class:`Result` with history, KPIs, events and faults.

    KPIs count what happened during this run only. ``estop_violations`` are
    scans in which an output stayed on while the safety relay was tripped
    (a real program switches its outputs off, so nothing restarts on reset);
    ``interlock_violations`` are scans in which the feeder had run for
    FEEDBACK_GRACE (0.5 s) or longer while conveyor1 stood (so a program that
    starts both at once is fine) or the tank filled above its high-level switch; ``alarms`` count the times
    the controller switched the red lamp or the buzzer on.
    """
    if not callable(controller):
        raise FactoryLabError(
            "controller 에는 함수를 넘기세요 (예: def controller(line, t): ...)",
            "pass a function as the controller (e.g. def controller(line, t): ...)",
        )
    if not (isinstance(seconds, (int, float)) and seconds > 0 and math.isfinite(seconds)):
        raise FactoryLabError(
            f"seconds 는 0보다 큰 숫자여야 합니다 (입력: {seconds!r})",
            f"seconds must be a number above 0 (got {seconds!r})",
        )
    step = 0.05
    ticks_per_scan = round(scan / step) if isinstance(scan, (int, float)) else 0
    if ticks_per_scan < 1 or abs(ticks_per_scan * step - scan) > 1e-9:
        raise FactoryLabError(
            f"scan 은 0.05 초의 배수여야 합니다 (예: 0.05, 0.1, 0.5; 입력: {scan!r})",
            f"scan must be a multiple of 0.05 s (e.g. 0.05, 0.1, 0.5; got {scan!r})",
        )
    scans = max(1, round(seconds / scan))
    record_tags = list(line.tags) if record is None else [_tag(line, name) for name in record]
    every = max(1, round(record_every / scan))
    try:
        return _run(controller, line, scans, ticks_per_scan, scan, record_tags, every, store)
    except NotImplementedError:
        raise FactoryLabError(
            "아직 컨트롤러를 완성하지 않았습니다: '# YOUR CODE HERE' 부분을 채우고 raise NotImplementedError 줄을 지우세요.",
            "the controller is not written yet: fill in '# YOUR CODE HERE' and delete the 'raise NotImplementedError' line.",
        ) from None


def _run(controller, line, scans, ticks_per_scan, scan, record_tags, every, store) -> Result:
    historian = None
    if store is not None:
        from ..data.historian import Historian

        meta = {"scenario": line.scenario.id, "mode": "local" if line.is_local else "remote", "scan": scan}
        if isinstance(line, LocalLine):
            meta["seed"] = line.plant.seed
        historian = Historian(store, record_tags, meta)
    try:
        if isinstance(line, LocalLine):
            return _run_local(controller, line, scans, ticks_per_scan, scan, record_tags, every, historian)
        if isinstance(line, RemoteLine):
            return _run_remote(controller, line, scans, scan, record_tags, every, historian)
    finally:
        if historian is not None:
            historian.close()
    raise FactoryLabError("line 에는 factorylab.connect() 의 결과를 넘기세요", "pass a line from factorylab.connect()")


def _tag(line: Line, name: str) -> Tag:
    line.info(name)  # raises a clear error for a wrong name
    return line.tags[name]


class _Watch:
    """Counts alarms and violations from the line's outputs, scan by scan."""

    def __init__(self, line: Line) -> None:
        tags = line.tags
        self.safety = tags.get("panel.safety_ok")
        self.power = [tags[n] for n in _POWER_OUTPUTS if n in tags]
        self.analog = [tags[n] for n in _ANALOG_OUTPUTS if n in tags]
        self.alarm = [tags[n] for n in ("stack_light.red", "stack_light.buzzer") if n in tags]
        self.feeder = tags.get("feeder.run")
        self.belt = tags.get("conveyor1.running")
        self.inflow = tags.get("tank.inflow")
        self.high = tags.get("tank.high")
        self.alarms = self.estop = self.interlocks = 0
        self._alarm_was = False
        self._feeding_since: float | None = None

    def _feeding(self, feeder_on: bool, t: float) -> bool:
        """True once the feeder has run for FEEDBACK_GRACE seconds (the belt's time to answer)."""
        if not feeder_on:
            self._feeding_since = None
            return False
        if self._feeding_since is None:
            self._feeding_since = t
        return t - self._feeding_since >= FEEDBACK_GRACE

    def check(self, read: Callable[[Tag], Any], t: float) -> None:
        alarm = any(read(tag) for tag in self.alarm)
        if alarm and not self._alarm_was:
            self.alarms += 1
        self._alarm_was = alarm
        if self.safety is not None and not read(self.safety):
            if any(read(tag) for tag in self.power) or any(read(tag) > 0 for tag in self.analog):
                self.estop += 1
        feeding = self._feeding(self.feeder is not None and read(self.feeder), t)
        if feeding and not read(self.belt):
            self.interlocks += 1
        elif self.inflow is not None and read(self.inflow) > 0 and read(self.high):
            self.interlocks += 1


class _LocalWatch(_Watch):
    """The same counts, read straight from a local plant (fast-forward speed)."""

    def __init__(self, line: LocalLine) -> None:
        super().__init__(line)
        plant = line.plant
        self.panel = plant.panel
        self.lamps = plant.stack_light
        self.motors = [d for d in (plant.feeder, plant.conveyor1, plant.conveyor2, plant.cnc) if d is not None]
        self.extras = [d for d in (plant.sorter,) if d is not None]
        self.heaters = [d for d in (plant.oven,) if d is not None]
        self.tank = plant.tank
        self.plant = plant

    def check(self, read: Callable[[Tag], Any], t: float) -> None:
        lamps = self.lamps
        if lamps is None:
            return
        alarm = lamps.red or lamps.buzzer
        if alarm and not self._alarm_was:
            self.alarms += 1
        self._alarm_was = alarm
        if not self.panel.safety_ok:
            if (
                any(d.run for d in self.motors)
                or any(d.extend for d in self.extras)
                or any(d.heater > 0 for d in self.heaters)
                or (self.tank is not None and self.tank.inflow > 0)
            ):
                self.estop += 1
        plant = self.plant
        feeding = self._feeding(plant.feeder is not None and plant.feeder.run, t)
        if feeding and not plant.conveyor1.running:
            self.interlocks += 1
        elif self.tank is not None and self.tank.inflow > 0 and self.tank.high:
            self.interlocks += 1


def _kpis(start: dict[str, float], end: dict[str, float], ideal_cycle: float, seconds: float) -> dict[str, Any]:
    d = {name: end[name] - start[name] for name in _COUNTS}
    finished = d["parts_out"] + d["parts_rejected"]
    operating = d["run_time"] + d["idle_time"]
    planned = seconds
    availability = 100.0 * operating / planned if planned > 0 else 0.0
    performance = min(100.0, 100.0 * ideal_cycle * finished / operating) if operating > 0 else 0.0
    quality = 100.0 * d["parts_good"] / finished if finished else 0.0
    defects = finished - d["parts_good"]
    return {
        "seconds": seconds,
        "parts_in": int(d["parts_in"]),
        "parts_out": int(d["parts_out"]),
        "rejected": int(d["parts_rejected"]),
        "good": int(d["parts_good"]),
        "missorted": int(d["parts_missorted"]),
        "defects": int(defects),
        "defect_rate": 100.0 * defects / finished if finished else 0.0,
        "defects_by_cause": {
            cause: int(d[f"defects_{cause}"]) for cause in ("machining", "dimension", "overheated", "soft")
        },
        "planned_time": planned,
        "run_time": d["run_time"],
        "idle_time": d["idle_time"],
        "stop_time": d["stop_time"],
        "down_time": d["down_time"],
        "ideal_cycle_time": ideal_cycle,
        "availability": availability,
        "performance": performance,
        "quality": quality,
        "oee": availability * performance * quality / 10000.0,
    }


def _frame(times: list[float], rows: list[Any], tags: list[Tag], raw: bool = False):
    """The history DataFrame. With ``raw``, rows hold plant values that still
    need what a register does to them (clamp to the range, round to 1/scale),
    done here on whole columns at once."""
    import numpy as np
    import pandas as pd

    index = pd.Index(times, name="t", dtype=float)
    names = [tag.name for tag in tags]
    if not raw or not rows:
        return pd.DataFrame(list(rows), columns=names, index=index)
    table = np.array(rows, dtype=float).reshape(len(rows), len(tags))
    columns: dict[str, Any] = {}
    for position, tag in enumerate(tags):
        column = table[:, position]
        if tag.type == "bool":
            columns[tag.name] = column != 0.0
            continue
        column = np.clip(column, tag.min, tag.max)
        if tag.type == "float32":
            columns[tag.name] = column.astype(np.float32).astype(float)
        elif tag.value_type is int:
            columns[tag.name] = np.round(column).astype(np.int64)
        else:
            columns[tag.name] = np.round(column * tag.scale) / tag.scale
    return pd.DataFrame(columns, index=index)


def _run_local(
    controller: Controller,
    line: LocalLine,
    scans: int,
    ticks_per_scan: int,
    scan: float,
    record_tags: list[Tag],
    every: int,
    historian: Any = None,
) -> Result:
    import pandas as pd

    plant = line.plant
    readers = [tag.reader for tag in record_tags]
    production = plant.production
    start = {name: getattr(production, name) for name in _COUNTS}
    t0 = plant.time
    events_from = len(plant.events)
    faults_from = len(plant.faults.log)
    # one C-level call captures a row of raw plant values; _frame rounds them like registers
    capture = operator.attrgetter(*[tag.source or tag.name for tag in record_tags]) if record_tags else None
    sensors = [(index, tag.name) for index, tag in enumerate(record_tags) if tag.table == "discrete_input"]
    watch = _LocalWatch(line)
    check = watch.check
    read = line._read
    step = plant.step
    times: list[float] = []
    rows: list[list[Any]] = []
    for index in range(scans):
        t = plant.time
        if index % every == 0 and capture is not None:
            times.append(round(t, 6))
            row = capture(plant)
            overrides = plant.sensor_overrides
            if overrides or len(record_tags) == 1:
                row = list(row) if len(record_tags) > 1 else [row]
                for position, name in sensors:
                    if name in overrides:
                        row[position] = overrides[name]
            rows.append(row)
            if historian is not None:
                historian.record(t, [reader(plant) for reader in readers])
        controller(line, t)
        check(read, t)
        for _ in range(ticks_per_scan):
            step()
    seconds = plant.time - t0
    end = {name: getattr(production, name) for name in _COUNTS}
    kpis = _kpis(start, end, production.ideal_cycle_time, seconds)
    faults = [f for f in plant.faults.log[faults_from:]] + [
        f for f in plant.faults.log[:faults_from] if f.end is None or f.end > t0
    ]
    kpis.update(alarms=watch.alarms, estop_violations=watch.estop, interlock_violations=watch.interlocks)
    kpis["faults"] = len(faults)
    events = pd.DataFrame(
        [(e.time, e.kind, e.part, e.detail) for e in plant.events[events_from:]],
        columns=["t", "kind", "part", "detail"],
    )
    fault_frame = pd.DataFrame(
        [(f.label, f.target, f.start, f.end) for f in faults],
        columns=["label", "target", "start", "end"],
    )
    return Result(_frame(times, rows, record_tags, raw=True), kpis, events, fault_frame, scans, mode="local")


def _run_remote(
    controller: Controller,
    line: RemoteLine,
    scans: int,
    scan: float,
    record_tags: list[Tag],
    every: int,
    historian: Any = None,
) -> Result:
    import pandas as pd

    production = {name: line.tags[f"production.{name}"] for name in _COUNTS}
    line.refresh()
    start = {name: line._read(tag) for name, tag in production.items()}
    ideal_cycle = line._read(line.tags["production.ideal_cycle_time"])
    sim_start = line.time
    line.flush()
    watch = _Watch(line)
    times: list[float] = []
    rows: list[list[Any]] = []
    events: list[tuple] = []
    lateness: list[float] = []
    overruns = 0
    state_tag = line.tags["production.state"]
    last_state = None
    clock = time.perf_counter
    due = clock()
    try:
        for index in range(scans):
            now = clock()
            lateness.append(max(0.0, now - due))
            line.refresh()
            t = line.time
            if index % every == 0 and record_tags:
                times.append(round(t, 6))
                rows.append([line._read(tag) for tag in record_tags])
                if historian is not None:
                    historian.record(t, rows[-1])
            state = line._read(state_tag)
            if state != last_state:
                events.append((t, "state", None, str(state)))
                last_state = state
            controller(line, t)
            watch.check(line._read, t)
            line.flush()
            due += scan
            remaining = due - clock()
            if remaining > 0:
                time.sleep(remaining)
            else:
                overruns += 1
                if -remaining > scan:  # far behind: start counting again from now
                    due = clock()
    finally:
        line._image = None
        line._pending = {}
    line.refresh()
    end = {name: line._read(tag) for name, tag in production.items()}
    seconds = line.time - sim_start
    line.flush()
    kpis = _kpis(start, end, ideal_cycle, seconds)
    kpis.update(alarms=watch.alarms, estop_violations=watch.estop, interlock_violations=watch.interlocks, faults=0)
    return Result(
        _frame(times, rows, record_tags),
        kpis,
        pd.DataFrame(events, columns=["t", "kind", "part", "detail"]),
        pd.DataFrame([], columns=["label", "target", "start", "end"]),
        scans,
        overruns,
        lateness,
        mode="remote",
    )
