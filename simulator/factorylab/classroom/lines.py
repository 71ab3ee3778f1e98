"""Many lines in one process: a class of students, each with a line of their own.

:class:`Classroom` runs N independent lines on one event loop, each on the
runtime layer (:class:`~factorylab.runtime.Runtime`) with its own plant (seed
S+N, optionally variant N, so its own random faults), its own Modbus TCP
port (5021 for line 1, 5022 ...), its own fault log and, when asked, its own
historian file. The classroom's shared port (5020) answers every line by its
unit id (line 7 = unit id 7), for a school firewall that opens one port.

Each line may be read-only, and may take writes only from the addresses of
its :class:`RosterEntry` (a student's computer); every other write is
refused with Modbus exception 01 and counted (see
:class:`~factorylab.modbus.server.PlantModbusServer`).

Threads: everything runs in the classroom's loop thread; other threads use
:meth:`Classroom.submit` (a runtime command, thread-safe) and
:meth:`Classroom.call` (a function run in the loop thread).
"""

from __future__ import annotations

import asyncio
import csv
import ipaddress
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..errors import FactoryLabError
from ..modbus.live import ModbusAttachment
from ..modbus.server import DEFAULT_HOST, IDLE_TIMEOUT, PlantModbusServer, SharedPort
from ..plant import Plant
from ..runtime import Attachment, FaultLogWriter, Recorder, Runtime
from ..runtime.commands import Command
from ..tags import tags_for

#: The shared port (every line by unit id) and the first line's own port.
SHARED_PORT = 5020
FIRST_PORT = 5021
#: Lines one classroom runs at most (Modbus unit ids 1..247).
MAX_LINES = 247


@dataclass(frozen=True)
class RosterEntry:
    """One line's student, from the class roster.

    Attributes:
        line: the line number, 1..N.
        student: the student's name or id as the console shows it.
        writers: IP addresses that may write to this line (None: any address).
    """

    line: int
    student: str = ""
    writers: frozenset[str] | None = None


def read_roster(path: str | Path) -> dict[int, RosterEntry]:
    """A class roster from a CSV file with the columns ``line,student,address``.

    ``address`` is the student's computer (IP address; several separated by
    spaces or ``;``), the only one that may write to that line; empty: any.
    Lines starting with ``#`` are comments.

    Raises:
        FactoryLabError: the file is missing or a row is wrong, naming the file and line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise FactoryLabError(
            f"명단 파일 {path}을 읽을 수 없습니다: {exc.strerror or exc}",
            f"cannot read the roster file {path}: {exc.strerror or exc}",
        ) from None
    except UnicodeDecodeError:
        raise FactoryLabError(
            f"명단 파일 {path}이 UTF-8이 아닙니다: 엑셀에서 'CSV UTF-8'로 저장하세요",
            f"the roster file {path} is not UTF-8: save it from your spreadsheet as 'CSV UTF-8'",
        ) from None
    rows = [
        (n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.lstrip().startswith("#")
    ]
    entries: dict[int, RosterEntry] = {}
    if not rows:
        raise FactoryLabError(f"명단 파일 {path}이 비어 있습니다", f"the roster file {path} is empty")
    header = [c.strip().lower() for c in next(csv.reader([rows[0][1]]))]
    if header[:1] != ["line"]:
        raise FactoryLabError(
            f"{path}:{rows[0][0]}: 첫 줄은 열 이름 line,student,address 여야 합니다 (읽은 것: {rows[0][1]!r})",
            f"{path}:{rows[0][0]}: the first line must name the columns line,student,address (got {rows[0][1]!r})",
        )
    for number, line in rows[1:]:
        cells = [c.strip() for c in next(csv.reader([line]))] + ["", ""]
        where = f"{path}:{number}"
        try:
            line_number = int(cells[0])
        except ValueError:
            line_number = 0
        if not 1 <= line_number <= MAX_LINES:
            raise FactoryLabError(
                f"{where}: 라인 번호 {cells[0]!r}는 1에서 {MAX_LINES} 사이의 정수여야 합니다",
                f"{where}: the line number {cells[0]!r} must be a whole number from 1 to {MAX_LINES}",
            )
        if line_number in entries:
            raise FactoryLabError(
                f"{where}: 라인 {line_number}이 명단에 두 번 있습니다",
                f"{where}: line {line_number} is in the roster twice",
            )
        addresses = [a for a in cells[2].replace(";", " ").split() if a]
        for address in addresses:
            try:
                ipaddress.ip_address(address)
            except ValueError:
                raise FactoryLabError(
                    f"{where}: {address!r}는 IP 주소가 아닙니다 (예: 192.168.0.21)",
                    f"{where}: {address!r} is not an IP address (e.g. 192.168.0.21)",
                ) from None
        entries[line_number] = RosterEntry(line_number, cells[1], frozenset(addresses) if addresses else None)
    return entries


class ClassLine:
    """One line of the classroom.

    Attributes:
        number: 1..N; also its unit id on the shared port.
        student: who it belongs to (the roster's name, or "").
        plant: the plant (touch it only in the classroom's loop thread).
        runtime: its real-time loop: ``runtime.submit(command)`` from any
            thread, ``runtime.latest()`` a snapshot for a picture.
        server: its Modbus server: ``port`` (None without a port of its own),
            ``stats``, ``read_only``, ``writers``, ``clients()``, ``last_writer``.
        fault_log: its fault log CSV (None: not kept).
        record: its historian file (None: not recorded).
    """

    def __init__(
        self,
        number: int,
        plant: Plant,
        runtime: Runtime,
        server: PlantModbusServer,
        *,
        student: str = "",
        fault_log: Path | None = None,
        record: Path | None = None,
    ) -> None:
        self.number = number
        self.student = student
        self.plant = plant
        self.runtime = runtime
        self.server = server
        self.fault_log = fault_log
        self.record = record

    @property
    def seed(self) -> int:
        return self.plant.seed

    @property
    def variant(self) -> int:
        return self.plant.variant.number

    def __repr__(self) -> str:
        return f"ClassLine({self.number}, port={self.server.port}, student={self.student!r})"


class ClassExtra(Protocol):
    """Something that runs beside the classroom's lines (the teacher's web console)."""

    async def start(self, classroom: Classroom) -> None: ...

    async def stop(self) -> None: ...


class _Started(Attachment):
    """Last attachment of a line: tells the classroom the line listens and runs."""

    def __init__(self, started: asyncio.Future) -> None:
        self.started = started

    async def start(self, runtime: Runtime) -> None:
        if not self.started.done():
            self.started.set_result(None)


class Classroom:
    """N lines in real time in one process, each with its own Modbus port, and a shared port by unit id.

    Args:
        lines: how many lines, 1..247.
        scenario: scenario id or .yaml path (every line runs the same one).
        seed: line N runs seed ``seed + N`` (each line its own random faults).
        variants: line N runs plant variant N (each student's own oven, tank
            and belts); False: the documented plant everywhere.
        host: the address to listen on; 127.0.0.1 (this computer only) by default.
        first_port: line N listens on ``first_port + N - 1`` (None: no ports
            of their own, only the shared port).
        shared_port: every line by unit id (None: no shared port).
        speed: real-time factor of every line.
        out: a folder for each line's fault log ``line-07-faults.csv`` (and,
            with ``record``, its historian ``line-07.sqlite``); None: neither.
        record: record every tag of each line into ``out`` every ``record_every`` simulated s.
        roster: line -> its student and the addresses that may write to it.
        read_only: every line starts read-only (the console switches them).
        demo: the built-in demo program drives every line (a class that watches).
        idle_timeout: Modbus connections idle this long are closed, s.
        extras: started once every line runs (the web console), stopped first.
        on_record_stop: told (line number, error) when a line's recording stops (a full disk).
        uplink: makes line N's uplink attachment (:mod:`factorylab.uplink`: one
            sender for the class, a channel per line); None: no uplink.
    """

    def __init__(
        self,
        lines: int,
        *,
        scenario: Any = "line",
        seed: int = 0,
        variants: bool = False,
        host: str = DEFAULT_HOST,
        first_port: int | None = FIRST_PORT,
        shared_port: int | None = SHARED_PORT,
        speed: float = 1.0,
        out: str | Path | None = None,
        record: bool = False,
        record_every: float = 1.0,
        roster: dict[int, RosterEntry] | None = None,
        read_only: bool = False,
        demo: bool = False,
        idle_timeout: float | None = IDLE_TIMEOUT,
        extras: Sequence[ClassExtra] = (),
        on_record_stop: Callable[[int, FactoryLabError], Any] | None = None,
        uplink: Callable[[int, Plant], Attachment] | None = None,
    ) -> None:
        if isinstance(lines, bool) or not isinstance(lines, int) or not 1 <= lines <= MAX_LINES:
            raise ValueError(f"lines must be 1..{MAX_LINES}, got {lines!r}")
        roster = roster or {}
        unknown = sorted(n for n in roster if n > lines)
        if unknown:
            raise FactoryLabError(
                f"명단에 라인 {unknown[0]}이 있지만 라인은 {lines}개뿐입니다 (--lines를 늘리세요)",
                f"the roster names line {unknown[0]}, but there are only {lines} lines (raise --lines)",
            )
        if record and out is None:
            raise ValueError("record needs an out folder")
        self.host = host
        self.shared_port = shared_port
        self.speed = speed
        self.out = Path(out) if out is not None else None
        self.extras = list(extras)
        self.lines: list[ClassLine] = []
        self._shared: SharedPort | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._stop_requested = False
        for number in range(1, lines + 1):
            plant = Plant(scenario, seed=seed + number, variant=number if variants else None)
            if number > 1:
                scenario = plant.scenario  # parse a .yaml once
            entry = roster.get(number, RosterEntry(number))
            port = None if first_port is None else first_port + number - 1
            server = PlantModbusServer(plant, host, port, unit_id=number, idle_timeout=idle_timeout)
            server.read_only = read_only
            server.writers = entry.writers
            attachments: list[Attachment] = [ModbusAttachment(server)]
            if demo:
                attachments.append(_demo_program(plant))
            if uplink is not None:
                attachments.append(uplink(number, plant))
            fault_log = record_file = None
            if self.out is not None:
                fault_log = self.out / f"line-{number:02d}-faults.csv"
                attachments.append(FaultLogWriter(fault_log))
                if record:
                    record_file = self.out / f"line-{number:02d}.sqlite"
                    stop = (lambda n: lambda error: on_record_stop(n, error))(number) if on_record_stop else None
                    attachments.append(Recorder(record_file, list(tags_for(plant)), record_every, on_stop=stop))
            runtime = Runtime(
                plant,
                speed=speed,
                attachments=attachments,
                snapshot_rate=4.0,
                early_wake=0.0,
                phase=(number - 1) / lines,
            )
            self.lines.append(
                ClassLine(
                    number, plant, runtime, server, student=entry.student, fault_log=fault_log, record=record_file
                )
            )

    # --- finding lines -------------------------------------------------------------------------
    def line(self, number: int) -> ClassLine:
        """Line ``number`` (1..N); KeyError for another number."""
        if isinstance(number, int) and 1 <= number <= len(self.lines):
            return self.lines[number - 1]
        raise KeyError(number)

    # --- from any thread -------------------------------------------------------------------------
    def submit(self, number: int, command: Command) -> Future:
        """Queue ``command`` for line ``number`` (thread-safe); the future holds its result or error."""
        return self.line(number).runtime.submit(command)

    def submit_all(self, command: Command) -> list[Future]:
        """Queue ``command`` for every line (thread-safe)."""
        return [line.runtime.submit(command) for line in self.lines]

    def call(self, function: Callable[[], Any]) -> Future:
        """Run ``function()`` in the classroom's loop thread, between two ticks (thread-safe)."""
        future: Future = Future()
        loop = self._loop
        if loop is None or loop.is_closed():
            future.set_exception(RuntimeError("the classroom is not running"))
            return future

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(function())
            except Exception as exc:
                future.set_exception(exc)

        loop.call_soon_threadsafe(run)
        return future

    def stop(self) -> None:
        """End :meth:`run` soon (thread-safe, idempotent)."""
        self._stop_requested = True
        loop, stopping = self._loop, self._stopping
        if loop is not None and stopping is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(stopping.set)
            except RuntimeError:  # the loop closed meanwhile
                pass

    # --- the run -----------------------------------------------------------------------------------
    async def run(self, on_ready: Callable[[Classroom], Any] | None = None) -> None:
        """Start every line, the shared port and the extras; run until :meth:`stop`; stop them all.

        Raises:
            OSError: a port it cannot listen on (nothing is left running).
        """
        loop = asyncio.get_running_loop()
        self._loop = loop
        self._stopping = asyncio.Event()
        if self._stop_requested:
            self._stopping.set()
        started = [loop.create_future() for _ in self.lines]
        for line, future in zip(self.lines, started, strict=True):
            line.runtime.attachments.append(_Started(future))
        tasks = [loop.create_task(line.runtime.run(), name=f"line-{line.number}") for line in self.lines]
        extras_started: list[ClassExtra] = []
        try:
            try:
                await _first_failure(tasks, started)
            except OSError as exc:
                failed = next((line for line, task in zip(self.lines, tasks, strict=True) if task.done()), None)
                if failed is not None:
                    _tag(exc, self.host, failed.server.port, f"line {failed.number}")
                raise
            if self.shared_port is not None:
                self._shared = SharedPort([line.server for line in self.lines], self.host, self.shared_port)
                try:
                    await self._shared.start()
                except OSError as exc:
                    self._shared = None
                    _tag(exc, self.host, self.shared_port, "shared port")
                    raise
                self.shared_port = self._shared.port
            for extra in self.extras:
                try:
                    await extra.start(self)
                except OSError as exc:
                    _tag(exc, getattr(extra, "host", self.host), getattr(extra, "port", None), type(extra).__name__)
                    raise
                extras_started.append(extra)
            if on_ready is not None:
                on_ready(self)
            stopping = loop.create_task(self._stopping.wait())
            await asyncio.wait([stopping, *tasks], return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
        finally:
            for extra in reversed(extras_started):
                try:
                    await extra.stop()
                except Exception:  # pragma: no cover - one extra's trouble must not keep the lines running
                    pass
            if self._shared is not None:
                await self._shared.stop()
            for line in self.lines:
                line.runtime.stop()
            results = await asyncio.gather(*tasks, return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException) and not isinstance(result, asyncio.CancelledError):
                raise result

    @property
    def shared(self) -> SharedPort | None:
        """The shared port's server (its ``stats``), once running."""
        return self._shared


async def _first_failure(tasks: Iterable[asyncio.Task], started: list[asyncio.Future]) -> None:
    """Wait until every line started; raise the first line's error if one failed to start."""
    pending = set(tasks) | set(started)
    while any(not f.done() for f in started):
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        for finished in done:
            if isinstance(finished, asyncio.Task) and finished.done():
                exc = finished.exception()
                if exc is not None:
                    raise exc
                raise RuntimeError(f"{finished.get_name()} ended before it started")


def _tag(exc: OSError, host: str, port: int | None, what: str) -> None:
    """Note on a bind error which server could not listen (for the command's message)."""
    exc.factorylab_host = host  # type: ignore[attr-defined]
    exc.factorylab_port = port  # type: ignore[attr-defined]
    exc.factorylab_what = what  # type: ignore[attr-defined]


def _demo_program(plant: Plant) -> Attachment:
    from ..control import LocalLine
    from ..control.reference import make_demo_controller

    line = LocalLine(plant)
    controller = make_demo_controller(line, operator=False, wait_for_oven=False)

    class DemoProgram(Attachment):
        def before_tick(self, plant: Plant) -> None:
            controller(line, plant.time)

    return DemoProgram()
