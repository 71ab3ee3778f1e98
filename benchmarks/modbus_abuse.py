"""Abuse of `factorylab sim`'s Modbus TCP server: one client that never reads, idle and over-limit connections.

    python benchmarks/modbus_abuse.py [--seconds 30] [--pollers 4] [--requests 60000] [--idle 200]
                                      [--active 300] [--skip-phase burst,chunked,...]

Black box: starts `factorylab sim --headless --stats --lang en` on a free port
(FACTORYLAB_PYTHONPATH, if set, goes in front of the simulator's PYTHONPATH, to
measure another checkout's code) and runs, one after the other so that they do
not disturb each other's figures:

* baseline: ``--pollers`` honest poller processes, each a blocking raw socket
  reading 10 holding registers (FC3 at 0) with a 10 ms pause between answers,
  for min(5, seconds / 2) s; the reference;
* burst: the same pollers for ``--seconds`` beside one abusive client process
  that sends ``--requests`` pipelined FC3 requests (distinct transaction ids)
  as fast as it can and never reads its answers (it holds the socket until the
  phase ends; it tells how many bytes it sent, whether the server closed it,
  and how many answer bytes lay unread in its socket);
* chunked: the same with the abuser sending chunks of 1,000 requests with a
  0.1 s pause between them;
* idle: one slow client that sends half a frame and stops, then ``--idle``
  connections that connect and send nothing; held for 2 s, then a fresh
  client connects and reads (FC3, 5 s timeout);
* refusal: ``--active`` connections, each reading once every 0.5 s (none is
  ever idle); what each of them got first (read OK, a Modbus exception and its
  code, closed without an answer), then what a new client gets, raw and
  through the client library (`factorylab.connect`: the message a student
  would read);
* all along, the simulator's RSS (/proc/PID/status VmRSS) every 0.5 s; at the
  end it is stopped with SIGINT and its --stats line gives the tick lateness
  over the whole run (for one phase's alone, skip the others:
  ``--skip-phase baseline,chunked,idle,refusal`` leaves the burst).

The pollers' latency is each request's round trip (time.perf_counter); a
request unanswered within 2 s (the client library's timeout) is counted as a
timeout with a latency of 2 s, and the poller reconnects. A poller blocked for
a long time sends one request where it would have sent many, so the p99 is
also given corrected for that (HdrHistogram's expected-interval correction,
10 ms): the figure a 100 Hz client would see. The pollers also note the
longest time they saw the simulator's tick counter (holding registers 2-3)
stand still: a per-phase view of stalled ticks (normally about one 50 ms tick).

Targets (issue 15, section 1): honest pollers' p99 <= 5 ms beside the abuser
(judged on the corrected p99, with no timeouts or errors), tick lateness p99
<= 2 ms, memory bounded (read here as: the RSS never grows more than 20 MB
above its start; the abuser's 60,000 requests are 0.7 MB of requests and
1.7 MB of answers), 200 idle connections do not lock a new client out, and a
client over the connection limit gets a clear refusal (Modbus exception 06,
server device busy). Figures only: nothing here asserts a wall-clock value.
The run has an overall deadline; every child process has its own timeouts and
the simulator is killed at the end whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import math
import multiprocessing as mp
import os
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

from modbus_latency import free_port, wait_for_port  # the benchmarks' helpers (this folder is on sys.path)
from tick_lateness import STATS

PHASES = ("baseline", "burst", "chunked", "idle", "refusal")
#: Seconds a client waits for an answer (the client library's default).
TIMEOUT = 2.0
#: Pause of an honest poller between an answer and its next request, s.
POLL_PAUSE = 0.010
#: The chunked abuser: requests per chunk, pause between chunks (s).
CHUNK, CHUNK_PAUSE = 1000, 0.1
#: The refusal phase: each active connection reads once every this many s.
ACTIVE_PERIOD = 0.5
#: How long the idle connections are held before the fresh client tries, s.
IDLE_SETTLE = 2.0
#: Answer to FC3 for 10 registers: 7 MBAP + function code + byte count + 20 data bytes.
ANSWER = 29
EXCEPTION_NAMES = {1: "illegal function", 2: "illegal address", 3: "illegal value", 4: "device failure"}
EXCEPTION_NAMES |= {6: "server device busy", 11: "gateway target failed"}
CLOSED_EVENTS = select.POLLRDHUP | select.POLLHUP | select.POLLERR
EXCEPTIONS = re.compile(r"exceptions (\{.*\})")
ROOT = Path(__file__).resolve().parent.parent


def fc3(tid: int) -> bytes:
    """Read 10 holding registers at 0, transaction id ``tid`` (1..65535)."""
    return struct.pack(">HHHBBHH", (tid - 1) % 0xFFFF + 1, 0, 6, 1, 3, 0, 10)


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("closed by the server")
        data += chunk
    return data


def _read_answer(sock: socket.socket) -> tuple[int, bytes]:
    """(transaction id, PDU) of the next answer."""
    tid, _, length, _ = struct.unpack(">HHHB", _recv_exact(sock, 7))
    return tid, _recv_exact(sock, max(0, length - 1))


def _connect(port: int, timeout: float) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


# --- the client processes ------------------------------------------------------------------------------


def honest_poller(port: int, seconds: float, ready, go, out) -> None:
    """Blocking FC3 reads with a pause of POLL_PAUSE for ``seconds`` after ``go``; its figures to ``out``."""
    result = {"latencies": [], "timeouts": 0, "errors": 0, "codes": {}, "still": 0.0, "note": ""}
    sock = None
    try:
        sock = _connect(port, TIMEOUT)
    except OSError as exc:
        result["note"] = f"connect: {exc}"
    ready.put(1)
    if not go.wait(60):
        out.put(result)
        return
    end = time.monotonic() + seconds
    tid = 0
    last_tick = last_change = None
    latencies = result["latencies"]
    while time.monotonic() < end:
        if sock is None:
            try:
                sock = _connect(port, TIMEOUT)
            except OSError:
                result["errors"] += 1
                time.sleep(0.05)
                continue
        tid += 1
        expected = (tid - 1) % 0xFFFF + 1
        begin = time.perf_counter()
        try:
            sock.sendall(fc3(tid))
            while True:
                got, pdu = _read_answer(sock)
                if got == expected:
                    break
        except TimeoutError:
            result["timeouts"] += 1
            latencies.append(TIMEOUT)
            sock.close()
            sock = None
            continue
        except OSError:  # closed or reset by the server
            result["errors"] += 1
            sock.close()
            sock = None
            time.sleep(0.05)
            continue
        now = time.perf_counter()
        latencies.append(now - begin)
        if pdu[:1] and pdu[0] & 0x80:
            code = pdu[1] if len(pdu) > 1 else -1
            result["codes"][code] = result["codes"].get(code, 0) + 1
        elif len(pdu) >= 10:
            tick = struct.unpack(">I", pdu[6:10])[0]  # registers 2-3 after function code and byte count
            if tick != last_tick:
                if last_change is not None:
                    result["still"] = max(result["still"], now - last_change)
                last_tick, last_change = tick, now
        time.sleep(POLL_PAUSE)
    if sock is not None:
        sock.close()
    out.put(result)


def abuser(port: int, requests: int, chunk: int, seconds: float, ready, go, out) -> None:
    """Pipelines ``requests`` FC3 requests (in chunks of ``chunk``, 0: at once) and never reads."""
    result = {"sent": 0, "all_sent": None, "blocked": None, "closed": None, "unread": None, "note": ""}
    payload = b"".join(fc3(i + 1) for i in range(requests))
    try:
        sock = _connect(port, 5.0)
    except OSError as exc:
        result["note"] = f"connect: {exc}"
        ready.put(1)
        out.put(result)
        return
    sock.settimeout(0.2)
    ready.put(1)
    if not go.wait(60):
        out.put(result)
        return
    begin = time.monotonic()
    end = begin + seconds
    view = memoryview(payload)
    step = chunk * 12 if chunk else len(payload)
    offset = 0
    while offset < len(payload) and time.monotonic() < end and result["closed"] is None:
        stop = min(offset + step, len(payload))
        while offset < stop and time.monotonic() < end:
            try:
                offset += sock.send(view[offset:stop])
            except TimeoutError:  # the kernel's buffers are full: the server stopped reading
                if result["blocked"] is None:
                    result["blocked"] = (offset, time.monotonic() - begin)
            except OSError:
                result["closed"] = time.monotonic() - begin
                break
        if chunk and offset < len(payload):
            time.sleep(CHUNK_PAUSE)
    result["sent"] = offset
    if offset == len(payload):
        result["all_sent"] = time.monotonic() - begin
    poller = select.poll()
    poller.register(sock, CLOSED_EVENTS)
    while result["closed"] is None and time.monotonic() < end:  # hold it, never read
        if poller.poll(100):
            result["closed"] = time.monotonic() - begin
    try:
        result["unread"] = struct.unpack("i", fcntl.ioctl(sock, termios.FIONREAD, b"\0\0\0\0"))[0]
    except OSError:
        pass
    sock.close()
    out.put(result)


def idle_holder(port: int, count: int, ready, release, max_hold: float, out) -> None:
    """One connection that sends half a frame, then ``count`` that send nothing; held until ``release``."""
    socks, failed = [], 0
    slow = None
    try:  # first, so that it is within any connection limit
        slow = _connect(port, 5.0)
        slow.sendall(fc3(1)[:6])
    except OSError:
        failed += 1
    for _ in range(count):
        try:
            socks.append(_connect(port, 5.0))
        except OSError:
            failed += 1
    opened = time.monotonic()
    ready.put({"connected": len(socks), "failed": failed})
    poller = select.poll()
    which = {}
    for sock in socks + ([slow] if slow else []):
        poller.register(sock, CLOSED_EVENTS)
        which[sock.fileno()] = sock
    closed: dict[int, float] = {}
    deadline = opened + max_hold
    while not release.is_set() and time.monotonic() < deadline:
        for fd, _ in poller.poll(100):
            closed[fd] = time.monotonic() - opened
            poller.unregister(fd)
    idle_closed = sorted(t for fd, t in closed.items() if slow is None or fd != slow.fileno())
    result = {
        "closed": len(idle_closed),
        "first": idle_closed[0] if idle_closed else None,
        "last": idle_closed[-1] if idle_closed else None,
        "slow": closed.get(slow.fileno()) if slow else None,
        "held": time.monotonic() - opened,
    }
    for sock in which.values():
        sock.close()
    out.put(result)


def active_clients(port: int, count: int, ready, release, max_hold: float, out) -> None:
    """``count`` connections reading once every ACTIVE_PERIOD s until ``release``; what each got."""
    out.put(asyncio.run(_active(port, count, ready, release, max_hold)))


async def _active(port: int, count: int, ready, release, max_hold: float) -> dict:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    first: list[str | None] = [None] * count
    later_closed = [False] * count
    told = asyncio.Event()

    def note(index: int, what: str) -> None:
        if first[index] is None:
            first[index] = what
            if all(f is not None for f in first):
                told.set()

    async def one(index: int) -> None:
        await asyncio.sleep(index * 0.005)  # the listen backlog would drop a burst of connects
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 5.0)
        except (OSError, asyncio.TimeoutError):
            note(index, "connect failed")
            return
        tid = 0
        try:
            while not stop.is_set():
                tid += 1
                writer.write(fc3(tid))
                header = await asyncio.wait_for(reader.readexactly(7), TIMEOUT)
                length = struct.unpack(">HHHB", header)[2]
                pdu = await asyncio.wait_for(reader.readexactly(max(0, length - 1)), TIMEOUT)
                if pdu[:1] and pdu[0] & 0x80:
                    note(index, f"exception {pdu[1]:02d}" if len(pdu) > 1 else "exception ?")
                else:
                    note(index, "read OK")
                try:
                    await asyncio.wait_for(stop.wait(), ACTIVE_PERIOD)
                except asyncio.TimeoutError:
                    pass
        except asyncio.TimeoutError:
            note(index, f"no answer in {TIMEOUT:g} s")
        except (OSError, asyncio.IncompleteReadError):
            if first[index] is None:
                note(index, "closed without an answer")
            else:
                later_closed[index] = True
        finally:
            writer.close()

    async def watch() -> None:
        deadline = loop.time() + max_hold
        while not release.is_set() and loop.time() < deadline:
            await asyncio.sleep(0.05)
        stop.set()

    async def tell() -> None:
        try:
            await asyncio.wait_for(told.wait(), max_hold)
        except asyncio.TimeoutError:
            pass
        ready.put(1)

    await asyncio.gather(watch(), tell(), *(one(i) for i in range(count)))
    firsts: dict[str, int] = {}
    for what in first:
        firsts[what or "nothing"] = firsts.get(what or "nothing", 0) + 1
    return {"first": firsts, "later_closed": sum(later_closed)}


# --- the run ---------------------------------------------------------------------------------------------


class Run:
    """The simulator, its memory samples, the child processes and the overall deadline."""

    def __init__(self, deadline: float) -> None:
        self.ctx = mp.get_context("spawn")
        self.children: list = []
        self.phase = "start"
        self.samples: list[tuple[str, float]] = []  # (phase, RSS MB)
        self.folder = tempfile.TemporaryDirectory(prefix="modbus_abuse_")
        self.port = free_port()
        self.env = {**os.environ, "FACTORYLAB_LANG": "en"}
        if os.environ.get("FACTORYLAB_PYTHONPATH"):
            paths = [os.environ["FACTORYLAB_PYTHONPATH"], self.env.get("PYTHONPATH")]
            self.env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
        self.stdout = open(Path(self.folder.name) / "stdout", "w+")  # files: a full pipe would block the server
        self.stderr = open(Path(self.folder.name) / "stderr", "w+")
        command = [sys.executable, "-m", "factorylab", "sim", "--headless", "--stats", "--lang", "en"]
        self.sim = subprocess.Popen(
            command + ["--port", str(self.port)], stdout=self.stdout, stderr=self.stderr, env=self.env
        )
        self._stop = threading.Event()
        self._watchdog = threading.Timer(deadline, self._deadline)
        self._watchdog.daemon = True
        self._watchdog.start()
        try:
            wait_for_port(self.port, self.sim)
        except BaseException:
            self.kill()
            self._watchdog.cancel()
            raise
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _sample(self) -> None:
        status = Path(f"/proc/{self.sim.pid}/status")
        while not self._stop.is_set():
            try:
                found = re.search(r"VmRSS:\s+(\d+) kB", status.read_text())
            except OSError:
                return
            if found:
                self.samples.append((self.phase, int(found[1]) / 1024))
            self._stop.wait(0.5)

    def _deadline(self) -> None:
        print(f"modbus_abuse: the overall deadline passed during phase '{self.phase}'; stopping", flush=True)
        self.kill()
        self.folder.cleanup()
        os._exit(3)

    def kill(self) -> None:
        for child in self.children:
            if child.is_alive():
                child.kill()
        if self.sim.poll() is None:
            self.sim.kill()
            self.sim.wait(10)

    def start(self, target, *args):
        child = self.ctx.Process(target=target, args=args, daemon=True)
        child.start()
        self.children.append(child)
        return child

    def join(self, children, timeout: float) -> None:
        end = time.monotonic() + timeout
        for child in children:
            child.join(max(0.1, end - time.monotonic()))
            if child.is_alive():
                child.kill()
                child.join(5)

    def alive(self) -> None:
        if self.sim.poll() is not None:
            raise SystemExit(f"modbus_abuse: the simulator ended (status {self.sim.returncode}):\n{self.output()[1]}")

    def output(self) -> tuple[str, str]:
        self.stdout.seek(0)
        self.stderr.seek(0)
        return self.stdout.read(), self.stderr.read()

    def finish(self) -> tuple[dict | None, str]:
        """SIGINT the simulator; its --stats figures (None if it gave none) and its stderr."""
        self._stop.set()
        self._sampler.join(2)
        if self.sim.poll() is None:
            self.sim.send_signal(signal.SIGINT)
            try:
                self.sim.wait(30)
            except subprocess.TimeoutExpired:
                self.sim.kill()
                self.sim.wait(10)
        self._watchdog.cancel()
        out, err = self.output()
        found = STATS.search(out)
        figures = {k: float(v) for k, v in found.groupdict().items()} if found else None
        exceptions = EXCEPTIONS.search(out)
        if figures is not None and exceptions:
            figures["exceptions"] = exceptions[1]
        self.stdout.close()
        self.stderr.close()
        self.folder.cleanup()
        return figures, err


def probe(port: int, timeout: float = 5.0) -> tuple[str, float]:
    """A fresh client connects and reads (FC3): (what it got, seconds)."""
    begin = time.perf_counter()
    try:
        with _connect(port, timeout) as sock:
            sock.sendall(fc3(1))
            _, pdu = _read_answer(sock)
    except TimeoutError:
        return f"no answer in {timeout:g} s", time.perf_counter() - begin
    except OSError as exc:
        what = "closed without an answer" if isinstance(exc, ConnectionError) else f"failed ({exc})"
        return what, time.perf_counter() - begin
    elapsed = time.perf_counter() - begin
    if pdu[:1] and pdu[0] & 0x80 and len(pdu) > 1:
        return f"exception {pdu[1]:02d} ({EXCEPTION_NAMES.get(pdu[1], '?')})", elapsed
    return "read OK", elapsed


def library_probe(run: Run) -> str:
    """What `factorylab.connect` says to a student (the simulator's checkout, FACTORYLAB_PYTHONPATH)."""
    code = (
        "import sys, factorylab\n"
        "try:\n"
        "    line = factorylab.connect(sys.argv[1]); line.time\n"
        "    print('connected and read OK')\n"
        "except Exception as exc:\n"
        "    print(f'{type(exc).__name__}: {exc}')\n"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, f"127.0.0.1:{run.port}"],
            capture_output=True,
            text=True,
            env=run.env,
            timeout=30,
        )
    except subprocess.TimeoutExpired:
        return "no answer in 30 s"
    lines = done.stdout.strip().splitlines() or done.stderr.strip().splitlines()[-1:] or ["(nothing)"]
    return lines[0]


def recover(port: int, limit: float = 30.0) -> float | None:
    """Seconds until a fresh client reads again (None: not within ``limit``)."""
    begin = time.perf_counter()
    while time.perf_counter() - begin < limit:
        if probe(port, 2.0)[0] == "read OK":
            return time.perf_counter() - begin
        time.sleep(0.1)
    return None


def corrected(latencies: list[float], interval: float) -> list[float]:
    """HdrHistogram's correction for coordinated omission: the requests a blocked poller did not send."""
    values = list(latencies)
    for latency in latencies:
        missed = latency - interval
        while missed > interval:
            values.append(missed)
            missed -= interval
    return values


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return math.nan
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def poll_phase(run: Run, name: str, args, seconds: float, chunk: int | None) -> dict:
    """Honest pollers for ``seconds``, beside an abuser unless ``chunk`` is None; the figures."""
    run.phase = name
    ready, out, abuse_out = run.ctx.Queue(), run.ctx.Queue(), run.ctx.Queue()
    go = run.ctx.Event()
    children = [run.start(honest_poller, run.port, seconds, ready, go, out) for _ in range(args.pollers)]
    if chunk is not None:
        children.append(run.start(abuser, run.port, args.requests, chunk, seconds, ready, go, abuse_out))
    for _ in children:
        ready.get(timeout=60)
    go.set()
    results = [out.get(timeout=seconds + 60) for _ in range(args.pollers)]
    abuse = abuse_out.get(timeout=seconds + 60) if chunk is not None else None
    run.join(children, 10)
    run.alive()
    latencies = [x for r in results for x in r["latencies"]]
    codes: dict[int, int] = {}
    for r in results:
        for code, n in r["codes"].items():
            codes[code] = codes.get(code, 0) + n
    figures = {
        "requests": len(latencies),
        "p50": percentile(latencies, 50) * 1e3,
        "p99": percentile(latencies, 99) * 1e3,
        "max": max(latencies, default=math.nan) * 1e3,
        "p99c": percentile(corrected(latencies, POLL_PAUSE), 99) * 1e3,
        "timeouts": sum(r["timeouts"] for r in results),
        "errors": sum(r["errors"] for r in results),
        "codes": codes,
        "still": max(r["still"] for r in results) * 1e3,
        "notes": [r["note"] for r in results if r["note"]],
        "abuse": abuse,
        "recovery": recover(run.port) if chunk is not None else 0.0,
    }
    print(f"{name} ({seconds:g} s, {args.pollers} honest pollers{describe_abuser(args, chunk)}):")
    print(
        f"  honest pollers: {figures['requests']} answers, p50 {figures['p50']:.3f} ms, p99 {figures['p99']:.3f} ms, "
        f"max {figures['max']:.3f} ms, p99 corrected for stalls {figures['p99c']:.3f} ms, "
        f"timeouts {figures['timeouts']}, errors {figures['errors']}, exceptions {codes or '{}'}"
    )
    print(f"  tick counter seen standing still at most {figures['still']:.0f} ms")
    for note in figures["notes"]:
        print(f"  poller: {note}")
    if abuse is not None:
        print(f"  abuser: {abuser_text(abuse, args.requests)}")
        recovery = figures["recovery"]
        print(
            f"  a fresh client reads again {f'after {recovery:.2f} s' if recovery is not None else 'NOT within 30 s'}"
        )
    return figures


def describe_abuser(args, chunk: int | None) -> str:
    if chunk is None:
        return ", no abuser"
    if chunk == 0:
        return f", 1 abuser: {args.requests:,} pipelined requests at once, never reads"
    return f", 1 abuser: {args.requests:,} requests in chunks of {chunk:,} every {CHUNK_PAUSE:g} s, never reads"


def abuser_text(abuse: dict, requests: int) -> str:
    if abuse["note"]:
        return abuse["note"]
    parts = [f"sent {abuse['sent'] / 1024:.0f} of {requests * 12 / 1024:.0f} KB"]
    if abuse["all_sent"] is not None:
        parts.append(f"all in {abuse['all_sent']:.2f} s")
    if abuse["blocked"] is not None:
        parts.append(f"send first blocked at {abuse['blocked'][0] / 1024:.0f} KB after {abuse['blocked'][1]:.2f} s")
    parts.append(
        f"closed by the server after {abuse['closed']:.2f} s"
        if abuse["closed"] is not None
        else "not closed by the server"
    )
    if abuse["unread"] is not None:
        parts.append(f"{abuse['unread'] / 1024:.0f} KB of answers lay unread (~{abuse['unread'] // ANSWER:,} answers)")
    return ", ".join(parts)


def idle_phase(run: Run, args) -> dict:
    run.phase = "idle"
    ready, out = run.ctx.Queue(), run.ctx.Queue()
    release = run.ctx.Event()
    holder = run.start(idle_holder, run.port, args.idle, ready, release, 120.0, out)
    opened = ready.get(timeout=90)
    time.sleep(IDLE_SETTLE)
    got, elapsed = probe(run.port, 5.0)
    time.sleep(0.5)
    release.set()
    held = out.get(timeout=60)
    run.join([holder], 10)
    run.alive()
    print(f"idle ({args.idle} connections that send nothing, 1 that sent half a frame, held {held['held']:.1f} s):")
    print(f"  opened {opened['connected']} idle connections ({opened['failed']} failed to connect)")
    when = f" (from {held['first']:.2f} s to {held['last']:.2f} s after all were open)" if held["closed"] else ""
    print(f"  closed by the server while held: {held['closed']} of {opened['connected']}{when}")
    slow = held["slow"]
    print(f"  slow client: {f'closed by the server after {slow:.2f} s' if slow is not None else 'not closed'}")
    print(f"  fresh client after {IDLE_SETTLE:g} s: {got} in {elapsed * 1e3:.1f} ms")
    return {"fresh": got, "fresh_ms": elapsed * 1e3, **held, **opened}


def refusal_phase(run: Run, args) -> dict:
    run.phase = "refusal"
    ready, out = run.ctx.Queue(), run.ctx.Queue()
    release = run.ctx.Event()
    hold = max(3.0, min(5.0, args.seconds))
    limit = hold + args.active * 0.005 + 5.0 + 2 * TIMEOUT + 40.0
    client = run.start(active_clients, run.port, args.active, ready, release, limit, out)
    ready.get(timeout=limit + 30)
    raw, elapsed = probe(run.port, 5.0)
    library = library_probe(run)
    time.sleep(hold)
    release.set()
    result = out.get(timeout=limit + 30)
    run.join([client], 10)
    run.alive()
    first = ", ".join(f"{what} {n}" for what, n in sorted(result["first"].items(), key=lambda kv: -kv[1]))
    print(f"refusal ({args.active} active connections, each reading once every {ACTIVE_PERIOD:g} s):")
    print(f"  first answer of each: {first}; closed later by the server: {result['later_closed']}")
    print(f"  new client (raw): {raw} in {elapsed * 1e3:.1f} ms")
    print(f"  new client (factorylab.connect): {library}")
    return {"raw": raw, "library": library, **result}


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 3] + "..."


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def table(args, polled: dict, idle: dict | None, refusal: dict | None, ticks: dict | None, samples) -> None:
    rows = []
    base = polled.get("baseline")
    if base:
        rows.append(("honest p99, no abuser", f"{base['p99']:.3f} ms (corrected {base['p99c']:.3f})", "reference", ""))
    for name in ("burst", "chunked"):
        f = polled.get(name)
        if f is None:
            rows.append((f"honest p99 beside {name} abuser", "skipped", "<= 5 ms", ""))
            continue
        ok = f["p99c"] <= 5.0 and not f["timeouts"] and not f["errors"]
        measured = f"{f['p99']:.3f} ms (corrected {f['p99c']:.3f}), {f['timeouts']} timeouts, {f['errors']} errors"
        rows.append((f"honest p99 beside {name} abuser", measured, "<= 5 ms", verdict(ok)))
    if ticks is not None:
        measured = (
            f"p99 {ticks['p99']:.3f} ms (p50 {ticks['p50']:.3f}, max {ticks['max']:.1f}, slips {ticks['slips']:.0f})"
        )
        rows.append(("tick lateness, whole run", measured, "p99 <= 2 ms", verdict(ticks["p99"] <= 2.0)))
    else:
        rows.append(("tick lateness, whole run", "no --stats line", "p99 <= 2 ms", "?"))
    if samples:
        mbs = [mb for _, mb in samples]
        peak_phase = samples[mbs.index(max(mbs))][0]
        measured = f"start {mbs[0]:.1f}, max {max(mbs):.1f} ({peak_phase}), end {mbs[-1]:.1f} MB"
        rows.append(("simulator RSS", measured, "bounded (+20 MB)", verdict(max(mbs) - mbs[0] <= 20.0)))
    if idle is not None:
        measured = f"{idle['fresh']} in {idle['fresh_ms']:.0f} ms"
        rows.append((f"fresh client beside {args.idle} idle", measured, "gets in", verdict(idle["fresh"] == "read OK")))
    else:
        rows.append((f"fresh client beside {args.idle} idle", "skipped", "gets in", ""))
    if refusal is not None:
        ok = refusal["raw"].startswith("exception 06") and "too many connections" in refusal["library"]
        rows.append((f"new client beside {args.active} active", refusal["raw"], "exception 06", verdict(ok)))
        rows.append(("  what factorylab.connect says", _cut(refusal["library"], 64), '"too many connections"', ""))
    else:
        rows.append((f"new client beside {args.active} active", "skipped", "exception 06", ""))
    width = max(len(r[0]) for r in rows)
    measured_width = max(len(r[1]) for r in rows)
    print()
    print("  " + "figure".ljust(width + 2) + "measured".ljust(measured_width + 2) + "target (issue 15)")
    for name, measured, target, judged in rows:
        print(f"  {name.ljust(width)}  {measured.ljust(measured_width)}  {target}  {judged}".rstrip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="seconds of each abuse phase (default 30)")
    parser.add_argument("--pollers", type=int, default=4, help="honest poller processes (default 4)")
    parser.add_argument("--requests", type=int, default=60_000, help="the abuser's requests (default 60000)")
    parser.add_argument("--idle", type=int, default=200, help="idle connections of the idle phase (default 200)")
    parser.add_argument("--active", type=int, default=300, help="connections of the refusal phase (default 300)")
    parser.add_argument(
        "--skip-phase",
        action="append",
        default=[],
        metavar="PHASES",
        help=f"phases not to run, comma-separated, from {', '.join(PHASES)} (repeatable)",
    )
    args = parser.parse_args()
    skip = {p.strip() for value in args.skip_phase for p in value.split(",") if p.strip()}
    if skip - set(PHASES):
        parser.error(f"unknown phase(s) {', '.join(sorted(skip - set(PHASES)))}; phases: {', '.join(PHASES)}")
    if args.seconds <= 0 or args.pollers < 1 or args.requests < 1 or args.idle < 0 or args.active < 1:
        parser.error("--seconds, --pollers, --requests and --active must be positive, --idle 0 or more")
    baseline = min(5.0, args.seconds / 2)
    budget = 60 + baseline + 2 * (args.seconds + 40) + (IDLE_SETTLE + 20 + args.idle * 0.01) + 60 + args.active * 0.01
    print(
        f"modbus_abuse: factorylab sim --headless, {os.cpu_count()} CPUs, "
        f"FACTORYLAB_PYTHONPATH={os.environ.get('FACTORYLAB_PYTHONPATH') or '(unset)'}",
        flush=True,
    )
    run = Run(deadline=2 * budget)
    polled: dict[str, dict] = {}
    idle = refusal = None
    try:
        if "baseline" not in skip:
            polled["baseline"] = poll_phase(run, "baseline", args, baseline, None)
        if "burst" not in skip:
            polled["burst"] = poll_phase(run, "burst", args, args.seconds, 0)
        if "chunked" not in skip:
            polled["chunked"] = poll_phase(run, "chunked", args, args.seconds, CHUNK)
        if "idle" not in skip:
            idle = idle_phase(run, args)
        if "refusal" not in skip:
            refusal = refusal_phase(run, args)
        run.phase = "end"
        time.sleep(0.6)  # one more memory sample once everything closed
    except BaseException:
        run.kill()
        raise
    finally:
        for child in run.children:
            if child.is_alive():
                child.kill()
    samples = list(run.samples)
    ticks, err = run.finish()
    if samples:
        mbs = [mb for _, mb in samples]
        print(f"memory (RSS every 0.5 s): start {mbs[0]:.1f} MB, max {max(mbs):.1f} MB, end {mbs[-1]:.1f} MB")
    if ticks is not None:
        print(
            f"tick lateness (whole run): {ticks['ticks']:.0f} ticks, p50 {ticks['p50']:.3f} ms, "
            f"p99 {ticks['p99']:.3f} ms, max {ticks['max']:.3f} ms, slips {ticks['slips']:.0f}; "
            f"{ticks['requests']:.0f} requests, exceptions {ticks.get('exceptions', '?')}"
        )
    else:
        print(f"tick lateness (whole run): no --stats line from the simulator; its stderr:\n{err[-2000:]}")
    table(args, polled, idle, refusal, ticks, samples)
    return 0 if ticks is not None else 1


if __name__ == "__main__":
    sys.exit(main())
