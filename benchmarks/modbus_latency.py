"""Modbus TCP throughput and latency of `factorylab sim`, next to a bare pymodbus server.

    python benchmarks/modbus_latency.py [--seconds 5]

Each client is a separate process with a blocking raw socket that reads 10
holding registers (FC3, addresses 0-9) back to back, as fast as the server
answers. Prints requests/s and round-trip p50/p99 for 1 and 4 clients against

* `factorylab sim` running the `sorting` scenario in real time, and
* a bare pymodbus 3.16.1 server with the same registers (benchmarks/bare_pymodbus_server.py),

the ratio of the two, and the simulator's real-time tick lateness (p50/p99)
while the clients poll. Targets: >= 80 % of the bare server's requests/s,
p99 <= 1 ms, tick lateness p99 <= 2 ms with 4 clients.
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
from pathlib import Path

REQUEST = struct.pack(">HHHBBHH", 0, 0, 6, 1, 3, 0, 10)
ROOT = Path(__file__).resolve().parent.parent


def client(port: int, seconds: float, start_at: float, out: mp.Queue) -> None:
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    while time.time() < start_at:
        time.sleep(0.001)
    latencies = []
    end = time.perf_counter() + seconds
    while True:
        begin = time.perf_counter()
        if begin > end:
            break
        sock.sendall(REQUEST)
        received = 0
        while received < 29:  # 7 MBAP + fc + byte count + 20 data bytes
            chunk = sock.recv(64)
            if not chunk:
                raise ConnectionError("server closed the connection")
            received += len(chunk)
        latencies.append(time.perf_counter() - begin)
    sock.close()
    out.put(latencies)


def load(port: int, clients: int, seconds: float) -> tuple[float, float, float]:
    """(requests/s, p50 ms, p99 ms) for ``clients`` parallel clients."""
    out: mp.Queue = mp.Queue()
    start_at = time.time() + 0.5
    procs = [mp.Process(target=client, args=(port, seconds, start_at, out)) for _ in range(clients)]
    for proc in procs:
        proc.start()
    results = [out.get(timeout=seconds + 30) for _ in procs]
    for proc in procs:
        proc.join()
    latencies = sorted(x for r in results for x in r)
    rate = len(latencies) / seconds
    p50 = latencies[len(latencies) // 2] * 1e3
    p99 = latencies[int(len(latencies) * 0.99)] * 1e3
    return rate, p50, p99


def wait_for_port(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {proc.communicate()}") from None
            time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_server(kind: str, clients: int, seconds: float) -> dict:
    port = free_port()
    env = {**os.environ, "FACTORYLAB_LANG": "en"}
    if kind == "factorylab":
        cmd = [
            sys.executable,
            "-m",
            "factorylab",
            "sim",
            "--scenario",
            "sorting",
            "--port",
            str(port),
            "--headless",
            "--stats",
        ]
    else:
        cmd = [sys.executable, str(ROOT / "benchmarks" / "bare_pymodbus_server.py"), str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        wait_for_port(port, proc)
        rate, p50, p99 = load(port, clients, seconds)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=10)
    result = {"rate": rate, "p50": p50, "p99": p99}
    match = re.search(r"lateness p50 ([\d.]+) ms, p99 ([\d.]+) ms, max ([\d.]+) ms", out)
    if match:
        result["tick_p50"], result["tick_p99"], result["tick_max"] = map(float, match.groups())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="load duration per case")
    args = parser.parse_args()
    print(f"read 10 holding registers (FC3), {args.seconds:.0f} s per case, {os.cpu_count()} CPUs")
    for clients in (1, 4):
        ours = run_server("factorylab", clients, args.seconds)
        bare = run_server("bare", clients, args.seconds)
        print(
            f"  {clients} client{'s' if clients > 1 else ' '}: factorylab sim {ours['rate']:>7,.0f} req/s "
            f"p50 {ours['p50']:.3f} ms p99 {ours['p99']:.3f} ms | bare pymodbus {bare['rate']:>7,.0f} req/s "
            f"p50 {bare['p50']:.3f} ms p99 {bare['p99']:.3f} ms | ratio {ours['rate'] / bare['rate']:.0%}"
        )
        if "tick_p99" in ours:
            print(
                f"             tick lateness while polled: p50 {ours['tick_p50']:.3f} ms, "
                f"p99 {ours['tick_p99']:.3f} ms, max {ours['tick_max']:.3f} ms"
            )


if __name__ == "__main__":
    main()
