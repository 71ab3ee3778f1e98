"""Real-time fidelity of `factorylab sim`: tick lateness with the window open and 4 clients polling.

    python benchmarks/tick_lateness.py [--seconds 480] [--clients 4] [--speed 1] [--no-window] [--no-demo]

Starts `factorylab sim --demo --stats` (the line driven by the built-in demo
program) with its window on SDL's dummy video driver, lets ``--clients``
client processes poll it flat out (each a blocking raw socket reading 10
holding registers, FC3, back to back) for ``--seconds`` of wall time, then
stops it with Ctrl-C (SIGINT) and prints the simulator's own figures: how late
each real-time tick ran after its due time, p50 / p99 / max in ms, the clock
slips, the frames the window drew and the requests served.

Target (issue 11): p99 <= 2 ms for 8 minutes (the default duration).
Set FACTORYLAB_PYTHONPATH to measure another checkout's code (it is put in
front of PYTHONPATH for the simulator process).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import re
import signal
import socket
import subprocess
import sys
import time

from modbus_latency import REQUEST, free_port, wait_for_port  # the benchmarks' helpers (this folder is on sys.path)

STATS = re.compile(
    r"(?P<ticks>\d+) ticks, lateness p50 (?P<p50>[\d.]+) ms, p99 (?P<p99>[\d.]+) ms, "
    r"max (?P<max>[\d.]+) ms, slips (?P<slips>\d+); (?P<requests>\d+) requests"
)
WINDOW = re.compile(r"window: (?P<frames>\d+) frames in (?P<seconds>[\d.]+) s")


def _poll(port: int, stop_at: float, out: mp.Queue) -> None:
    """One client: FC3 reads back to back until ``stop_at`` (time.time())."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    count = 0
    while time.time() < stop_at:
        sock.sendall(REQUEST)
        received = 0
        while received < 29:  # 7 MBAP + fc + byte count + 20 data bytes
            chunk = sock.recv(64)
            if not chunk:
                raise ConnectionError("server closed the connection")
            received += len(chunk)
        count += 1
    sock.close()
    out.put(count)


def measure(seconds: float, clients: int, speed: float, window: bool, demo: bool) -> dict:
    """Run the simulator under load for ``seconds``; its figures as a dict."""
    port = free_port()
    env = {**os.environ, "FACTORYLAB_LANG": "en", "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    if os.environ.get("FACTORYLAB_PYTHONPATH"):
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [os.environ["FACTORYLAB_PYTHONPATH"], env.get("PYTHONPATH")]))
    args = [sys.executable, "-m", "factorylab", "sim", "--port", str(port), "--speed", str(speed), "--stats"]
    args += ["--demo"] if demo else []
    args += [] if window else ["--headless"]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        wait_for_port(port, process)
        time.sleep(1.0)  # let the window open and draw its first frame
        out: mp.Queue = mp.Queue()
        stop_at = time.time() + seconds
        pollers = [mp.Process(target=_poll, args=(port, stop_at, out)) for _ in range(clients)]
        for poller in pollers:
            poller.start()
        polled = sum(out.get(timeout=seconds + 60) for _ in pollers)
        for poller in pollers:
            poller.join()
    finally:
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    found = STATS.search(stdout)
    if found is None:
        raise SystemExit(f"no statistics from the simulator:\n{stdout}\n{stderr}")
    result = {key: float(value) for key, value in found.groupdict().items()}
    frames = WINDOW.search(stdout)
    if frames is not None:
        result["frames"] = float(frames["frames"])
        result["fps"] = float(frames["frames"]) / float(frames["seconds"])
    result["polled"] = polled
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=480.0, help="wall-clock seconds of load (default 480)")
    parser.add_argument("--clients", type=int, default=4, help="client processes polling flat out (default 4)")
    parser.add_argument("--speed", type=float, default=1.0, help="real-time factor of the simulator (default 1)")
    parser.add_argument("--no-window", dest="window", action="store_false", help="run the simulator headless")
    parser.add_argument("--no-demo", dest="demo", action="store_false", help="no demo program driving the line")
    args = parser.parse_args()
    r = measure(args.seconds, args.clients, args.speed, args.window, args.demo)
    setup = (
        f"{args.seconds:g} s, speed {args.speed:g}, {args.clients} clients, "
        f"{'window' if args.window else 'headless'}, {'demo' if args.demo else 'no demo'}"
    )
    print(f"tick lateness ({setup}):")
    print(
        f"  ticks {r['ticks']:.0f}, p50 {r['p50']:.3f} ms, p99 {r['p99']:.3f} ms, max {r['max']:.3f} ms, "
        f"slips {r['slips']:.0f}"
    )
    print(f"  requests answered {r['requests']:.0f} ({r['polled'] / args.seconds:.0f}/s)", end="")
    print(f", window {r['frames']:.0f} frames ({r['fps']:.1f}/s)" if "frames" in r else "")
    print(f"  target p99 <= 2 ms: {'met' if r['p99'] <= 2.0 else 'NOT met'}")


if __name__ == "__main__":
    main()
