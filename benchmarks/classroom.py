"""A class in one process: `factorylab classroom --lines 30`, every line polled at 10 Hz by its own client.

    python benchmarks/classroom.py [--lines 30] [--seconds 60] [--rate 10] [--shared] [--console]

Starts `factorylab classroom --lines N --stats` (each line its own plant in
real time, its own port 5021+ and unit id on the shared port), then N
clients, each a blocking raw socket on its own line's port (or the shared
port by unit id with ``--shared``), spread over a few client processes. Every
1/rate s each client reads what a student's monitoring loop reads: the
production block (32 input registers, FC4) and the first conveyor's inputs
(4 discrete inputs, FC2); every 10th cycle it also writes a coil (FC5,
`stack_light.green`). Each client times every request (round trip, ms).

Prints: the clients' round-trip p50/p99/max and errors; the classroom
process's CPU (of one core, and of the machine) over the polled window, from
/proc; and the classroom's own tick lateness p50/p99/max over all lines
(`--stats`, printed after SIGINT). Targets (issue 15): CPU <= 50 %, tick
lateness p99 <= 5 ms, polling p99 <= 5 ms, on a 2-core machine.
With ``--console``, the teacher's console runs too and one client fetches
its grid every 2 s (as an open browser tab would). With ``--abuser``, one
more client pipelines 60,000 requests to line 1's port and never reads the
answers (issue 15's abusive client), the whole polled window long.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.request

from modbus_latency import free_port, wait_for_port  # the benchmarks' helpers (this folder is on sys.path)

STATS = re.compile(
    r"(?P<lines>\d+) lines: tick lateness p50 (?P<p50>[\d.]+) ms, p99 (?P<p99>[\d.]+) ms, max (?P<max>[\d.]+) ms, "
    r"slips (?P<slips>\d+); (?P<requests>\d+) requests"
)
GREEN = 112  # coil stack_light.green


def _frame(tid: int, unit: int, pdu: bytes) -> bytes:
    return struct.pack(">HHHB", tid, 0, len(pdu) + 1, unit) + pdu


def _recv(sock: socket.socket) -> bytes:
    data = b""
    while len(data) < 7:
        chunk = sock.recv(7 - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    length = struct.unpack(">H", data[4:6])[0]
    body = b""
    while len(body) < length - 1:
        chunk = sock.recv(length - 1 - len(body))
        if not chunk:
            raise ConnectionError("closed")
        body += chunk
    return body


def _clients(targets: list[tuple[int, int]], rate: float, start_at: float, seconds: float, out: mp.Queue) -> None:
    """Poll each (port, unit) target at ``rate`` Hz, one after another in this process's loop of slots."""
    socks = []
    for port, _unit in targets:
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        socks.append(sock)
    latencies: list[float] = []
    errors = 0
    period = 1.0 / rate
    time.sleep(max(0.0, start_at - time.time()))
    begin = time.perf_counter()
    cycle = 0
    tid = 0
    while True:
        slot = begin + cycle * period
        now = time.perf_counter()
        if now - begin > seconds:
            break
        if slot > now:
            time.sleep(slot - now)
        for index, ((_port, unit), sock) in enumerate(zip(targets, socks, strict=True)):
            # spread this process's clients over the period, as students' loops are
            target = slot + index * period / len(socks)
            wait = target - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            requests = [
                struct.pack(">BHH", 4, 20, 32),  # production block
                struct.pack(">BHH", 2, 300, 4),  # conveyor1 inputs
            ]
            if cycle % 10 == 0:
                requests.append(struct.pack(">BHH", 5, GREEN, 0xFF00 if cycle % 20 == 0 else 0))
            for pdu in requests:
                tid = (tid + 1) % 65536
                t0 = time.perf_counter()
                try:
                    sock.sendall(_frame(tid, unit, pdu))
                    reply = _recv(sock)
                except OSError:
                    errors += 1
                    continue
                latencies.append(time.perf_counter() - t0)
                if reply[0] & 0x80:
                    errors += 1
        cycle += 1
    for sock in socks:
        sock.close()
    out.put((latencies, errors))


def _abuser(port: int, requests: int, stop_at: float, out: mp.Queue) -> None:
    """Pipeline ``requests`` reads at once and never read an answer; hold the socket until ``stop_at``."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.setblocking(False)
    data = b"".join(_frame(i % 65536, 1, struct.pack(">BHH", 3, 0, 10)) for i in range(requests))
    sent = 0
    closed = False
    while time.time() < stop_at:
        if sent < len(data):
            try:
                sent += sock.send(data[sent : sent + 65536])
                continue
            except BlockingIOError:
                pass
            except OSError:
                closed = True
                break
        time.sleep(0.05)
    sock.close()
    out.put((sent, closed))


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _console_reader(url: str, token: str, stop_at: float, out: mp.Queue) -> None:
    """An open console tab: the grid every 2 s."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    times: list[float] = []
    try:
        opener.open(urllib.request.Request(f"{url}/login", data=f"token={token}".encode()), timeout=5).read()
        while time.time() < stop_at:
            t0 = time.perf_counter()
            opener.open(f"{url}/grid", timeout=5).read()
            times.append(time.perf_counter() - t0)
            time.sleep(2.0)
    except OSError as exc:
        out.put(("error", str(exc)))
        return
    out.put(("ok", times))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0, help="polled window, wall s")
    parser.add_argument("--rate", type=float, default=10.0, help="polls per second per client")
    parser.add_argument("--processes", type=int, default=5, help="client processes the clients are spread over")
    parser.add_argument("--shared", action="store_true", help="poll by unit id on the shared port")
    parser.add_argument("--console", action="store_true", help="run the teacher's console and keep its grid open")
    parser.add_argument("--abuser", action="store_true", help="one more client floods line 1 and never reads")
    args = parser.parse_args()

    shared = free_port()
    first = free_port()
    while first <= shared < first + args.lines or any(_busy(p) for p in range(first, first + args.lines)):
        first = free_port()
    console_port = free_port()
    token = "bench-token"
    env = {**os.environ, "FACTORYLAB_LANG": "en"}
    extra_path = os.environ.get("FACTORYLAB_PYTHONPATH")
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (extra_path, env.get("PYTHONPATH")) if p)
    cmd = [sys.executable, "-m", "factorylab", "classroom", "--lines", str(args.lines), "--port", str(shared)]
    cmd += ["--first-port", str(first), "--stats", "--lang", "en"]
    cmd += ["--console-port", str(console_port), "--token", token] if args.console else ["--no-console"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        wait_for_port(shared, proc)
        wait_for_port(first + args.lines - 1, proc)
        time.sleep(1.0)  # past the start-up
        if args.shared:
            targets = [(shared, n) for n in range(1, args.lines + 1)]
        else:
            targets = [(first + n - 1, 1) for n in range(1, args.lines + 1)]
        groups = [targets[i :: args.processes] for i in range(args.processes) if targets[i :: args.processes]]
        out: mp.Queue = mp.Queue()
        start_at = time.time() + 1.0
        procs = [mp.Process(target=_clients, args=(g, args.rate, start_at, args.seconds, out)) for g in groups]
        for p in procs:
            p.start()
        console_out: mp.Queue = mp.Queue()
        reader = None
        if args.console:
            reader = mp.Process(
                target=_console_reader,
                args=(f"http://127.0.0.1:{console_port}", token, start_at + args.seconds, console_out),
            )
            reader.start()
        abuse_out: mp.Queue = mp.Queue()
        abuser = None
        if args.abuser:
            abuser = mp.Process(target=_abuser, args=(first, 60_000, start_at + args.seconds, abuse_out))
            abuser.start()
        time.sleep(max(0.0, start_at - time.time()))
        cpu0, wall0 = _cpu_seconds(proc.pid), time.monotonic()
        results = [out.get(timeout=args.seconds + 60) for _ in procs]
        cpu1, wall1 = _cpu_seconds(proc.pid), time.monotonic()
        for p in procs:
            p.join(timeout=10)
        console = console_out.get(timeout=30) if reader is not None else None
        abuse = abuse_out.get(timeout=30) if abuser is not None else None
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            stdout, stderr = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            stdout, stderr = proc.communicate()
    latencies = sorted(x for r in results for x in r[0])
    errors = sum(r[1] for r in results)
    cpu = (cpu1 - cpu0) / (wall1 - wall0)
    where = "shared port by unit id" if args.shared else "each line's own port"
    print(
        f"{args.lines} lines, each polled at {args.rate:g} Hz on {where} for {args.seconds:g} s "
        f"({len(latencies):,} requests, {os.cpu_count()} CPUs)"
    )
    if latencies:
        p = lambda q: latencies[min(len(latencies) - 1, int(q / 100 * len(latencies)))] * 1e3  # noqa: E731
        print(
            f"  polling round trip: p50 {p(50):.3f} ms, p99 {p(99):.3f} ms, max {latencies[-1] * 1e3:.3f} ms, "
            f"errors {errors}   (target p99 <= 5 ms)"
        )
    print(
        f"  classroom CPU: {cpu:.0%} of one core ({cpu / (os.cpu_count() or 1):.0%} of the machine)   (target <= 50 %)"
    )
    match = STATS.search(stdout)
    if match:
        print(
            f"  tick lateness, all lines: p50 {float(match['p50']):.3f} ms, p99 {float(match['p99']):.3f} ms, "
            f"max {float(match['max']):.3f} ms, slips {match['slips']}   (target p99 <= 5 ms)"
        )
    else:
        print(f"  (no --stats line from the classroom)\n{stdout}\n{stderr}")
        return 1
    if abuse is not None:
        sent, closed = abuse
        print(
            f"  abusive client on line 1: sent {sent / 1024:.0f} KB of pipelined requests, never read; "
            f"{'closed by the server' if closed else 'not closed by the server (its answers sit in kernel buffers)'}"
        )
    if console is not None:
        kind, value = console
        if kind == "ok" and value:
            value.sort()
            print(
                f"  console grid: {len(value)} fetches, median {value[len(value) // 2] * 1e3:.1f} ms, max {value[-1] * 1e3:.1f} ms"
            )
        else:
            print(f"  console grid: {value}")
    return 0


def _busy(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


if __name__ == "__main__":
    sys.exit(main())
