"""The uplink: lines publishing to a real Mosquitto through one sender, and a subscriber timing them.

    python benchmarks/uplink.py [--lines 1] [--speed 20] [--seconds 20] [--every 1.0] [--all-tags]
                                [--broker mqtt://HOST:PORT] [--without-uplink]

Starts its own Mosquitto on a free loopback port (or uses ``--broker``), a
subscriber in a process of its own (``factorylab/v1/#``, QoS 1, as a data
centre would), and N lines in real time x speed in one event loop (each its
own plant driven by the demo program, its own runtime, one channel each),
all through one :class:`~factorylab.uplink.sender.UplinkSender`, for the
given wall-clock seconds.

Prints: messages/s through the broker and by kind; bytes per message by kind
(payload, and on the wire with the MQTT header and topic); bytes per
simulated day per line at the chosen rate (every ``--every`` simulated s: 1 s
is the default of ``factorylab sim --uplink``); the sender thread's CPU (of
one core) and the ticks' own cost (the channels' hook, µs per wake-up); and
the end-to-end latency p50/p99/max, from the record's making in the tick
(its ``wall``, ms resolution) to the subscriber; the lines' tick lateness
(``--without-uplink``: the same lines without an uplink, for comparison).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

MOSQUITTO = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
KINDS = ("meta", "tags", "event", "fault", "part")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_broker(folder: Path) -> tuple[subprocess.Popen, int]:
    """A Mosquitto of our own (no persistence, unlimited queues) on a free loopback port."""
    port = free_port()
    config = folder / "mosquitto.conf"
    config.write_text(
        f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 0\n", encoding="utf-8"
    )
    folder.chmod(0o755)
    process = subprocess.Popen([MOSQUITTO, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"mosquitto did not start (is it installed? {MOSQUITTO})") from None
            time.sleep(0.05)


def _wall(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc).timestamp()


def subscriber(host: str, port: int, ready, stop, out) -> None:
    """Count and time every message until ``stop``; put (counts, payload bytes, wire bytes, latencies, last seen)."""
    import paho.mqtt.client as mqtt
    from paho.mqtt.client import CallbackAPIVersion

    counts = dict.fromkeys(KINDS, 0)
    payload_bytes = dict.fromkeys(KINDS, 0)
    wire_bytes = dict.fromkeys(KINDS, 0)
    latencies: list[float] = []
    last = [0.0]

    def on_message(client, userdata, message) -> None:
        now = time.time()
        record = json.loads(message.payload)
        kind = record["kind"]
        counts[kind] += 1
        size = len(message.payload)
        payload_bytes[kind] += size
        # PUBLISH on the wire: fixed header (1 + 1..4 length bytes) + topic (2 + n) + packet id (2) + properties (1)
        rest = 2 + len(message.topic.encode()) + 2 + 1 + size
        wire_bytes[kind] += 1 + (1 if rest < 128 else 2 if rest < 16384 else 3) + rest
        if kind != "meta":
            latencies.append(now - _wall(record["wall"]))
        last[0] = now

    client = mqtt.Client(callback_api_version=CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
    client.on_message = on_message
    client.on_subscribe = lambda *_: ready.set()
    client.on_connect = lambda c, *_: c.subscribe("factorylab/v1/#", qos=1)
    client.connect(host, port, 30)
    client.loop_start()
    stop.wait()
    client.disconnect()
    client.loop_stop()
    out.put((counts, payload_bytes, wire_bytes, latencies, last[0]))


def thread_cpu(native_id: int) -> float:
    """CPU seconds (user + system) of a thread of this process (Linux /proc)."""
    try:
        fields = Path(f"/proc/self/task/{native_id}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_lines(sender, lines: int, speed: float, seconds: float, every: float, all_tags: bool) -> dict:
    """N lines in real time (one loop) for ``seconds`` wall seconds; the hooks' cost and the simulated time."""
    from factorylab.control import LocalLine
    from factorylab.control.reference import make_demo_controller
    from factorylab.plant import Plant
    from factorylab.runtime import Attachment, Runtime

    class Demo(Attachment):
        def __init__(self, plant) -> None:
            self.line = LocalLine(plant)
            self.controller = make_demo_controller(self.line, operator=False, wait_for_oven=False)

        def before_tick(self, plant) -> None:
            self.controller(self.line, plant.time)

    hook = {"calls": 0, "seconds": 0.0}
    runtimes = []
    for number in range(1, lines + 1):
        plant = Plant("line", seed=number)
        if sender is None:  # the baseline: the same lines without an uplink
            runtimes.append(
                Runtime(
                    plant,
                    speed=speed,
                    attachments=[Demo(plant)],
                    snapshot_rate=1.0,
                    early_wake=0.0 if lines > 1 else 0.0015,
                    phase=(number - 1) / lines,
                )
            )
            continue
        channel = sender.channel("bench", f"line-{number:02d}", plant, every, tags="all" if all_tags else None)
        collect = channel.collect

        def timed(plant, *, final: bool = False, collect=collect) -> int:
            started = time.perf_counter()
            made = collect(plant, final=final)
            hook["seconds"] += time.perf_counter() - started
            hook["calls"] += 1
            return made

        channel.collect = timed
        runtimes.append(
            Runtime(
                plant,
                speed=speed,
                attachments=[Demo(plant), channel],
                snapshot_rate=1.0,
                early_wake=0.0 if lines > 1 else 0.0015,
                phase=(number - 1) / lines,
            )
        )

    async def main() -> None:
        loop = asyncio.get_running_loop()
        loop.call_later(seconds, lambda: [runtime.stop() for runtime in runtimes])
        await asyncio.gather(*(runtime.run() for runtime in runtimes))

    asyncio.run(main())
    lateness = sorted(x for runtime in runtimes for x in runtime.stats.lateness)
    return {
        "simulated": sum(runtime.plant.time for runtime in runtimes),
        "hook_calls": hook["calls"],
        "hook_seconds": hook["seconds"],
        "lateness_p99": lateness[int(0.99 * (len(lateness) - 1))] if lateness else 0.0,
        "slips": sum(runtime.stats.slips for runtime in runtimes),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1)
    parser.add_argument("--speed", type=float, default=20.0)
    parser.add_argument("--seconds", type=float, default=20.0, help="wall-clock seconds the lines run")
    parser.add_argument("--every", type=float, default=1.0, help="simulated s between tag samples")
    parser.add_argument("--all-tags", action="store_true")
    parser.add_argument("--broker", default=None, help="mqtt://HOST:PORT (default: start a Mosquitto of our own)")
    parser.add_argument("--without-uplink", action="store_true", help="the same lines without an uplink (baseline)")
    args = parser.parse_args()
    if args.without_uplink:
        figures = run_lines(None, args.lines, args.speed, args.seconds, args.every, args.all_tags)
        print(
            f"baseline: {args.lines} line(s) at speed {args.speed:g} without an uplink, {args.seconds:g} s wall: "
            f"tick lateness p99 {1e3 * figures['lateness_p99']:.2f} ms, slips {figures['slips']}"
        )
        return 0

    from factorylab.uplink.sender import UplinkSender, parse_url

    folder = Path(tempfile.mkdtemp(prefix="factorylab-uplink-bench-"))
    broker = None
    try:
        if args.broker:
            host, port = parse_url(args.broker)
        else:
            broker, port = start_broker(folder)
            host = "127.0.0.1"
        ready, stop, out = mp.Event(), mp.Event(), mp.Queue()
        listener = mp.Process(target=subscriber, args=(host, port, ready, stop, out), daemon=True)
        listener.start()
        if not ready.wait(10):
            raise SystemExit("the subscriber did not subscribe")
        sender = UplinkSender(f"mqtt://{host}:{port}", folder / "uplink.sqlite")
        native = sender._thread.native_id
        cpu_before = thread_cpu(native)
        started = time.perf_counter()
        figures = run_lines(sender, args.lines, args.speed, args.seconds, args.every, args.all_tags)
        sent_all = sender.wait_sent(60)
        wall = time.perf_counter() - started
        cpu = thread_cpu(native) - cpu_before
        size = sum(p.stat().st_size for p in folder.glob("uplink.sqlite*"))
        stats = sender.close(10)
        time.sleep(0.5)
        stop.set()
        counts, payload_bytes, wire_bytes, latencies, _last = out.get(timeout=30)
        listener.join(10)
    finally:
        if broker is not None:
            broker.terminate()
            broker.wait(10)
        shutil.rmtree(folder, ignore_errors=True)

    messages = sum(counts[k] for k in KINDS if k != "meta")
    simulated = figures["simulated"]  # simulated seconds, all lines together
    print(
        f"uplink: {args.lines} line(s) at speed {args.speed:g}, tags every {args.every:g} simulated s"
        f"{' (every tag)' if args.all_tags else ''}, {args.seconds:g} s wall ({simulated / args.lines:.0f} simulated s "
        f"per line); broker {'given' if args.broker else 'mosquitto (ours)'}"
    )
    print(
        f"  sender: queued {stats.queued}, acked {stats.acked}, dropped {stats.dropped}, all acknowledged: {sent_all}; "
        f"subscriber got {messages} (+{counts['meta']} meta)"
    )
    print(f"  messages/s through the broker: {messages / wall:.0f} (over {wall:.1f} s wall)")
    print("  by kind:    messages   per sim-s/line   payload B/msg   wire B/msg")
    day_bytes = 0.0
    day_wire = 0.0
    for kind in KINDS:
        if not counts[kind]:
            continue
        rate = counts[kind] / simulated if kind != "meta" else 0.0
        payload = payload_bytes[kind] / counts[kind]
        wire = wire_bytes[kind] / counts[kind]
        day_bytes += rate * payload * 86400
        day_wire += rate * wire * 86400
        print(f"    {kind:<6} {counts[kind]:>10} {rate:>16.3f} {payload:>15.0f} {wire:>12.0f}")
    print(
        f"  per line per simulated day: {day_bytes / 1e6:.1f} MB payload, {day_wire / 1e6:.1f} MB on the wire "
        f"({day_wire * 8 / 86400 / 1e3:.1f} kbit/s at speed 1)"
    )
    print(
        f"  sender thread CPU: {cpu:.2f} s = {100 * cpu / wall:.1f} % of one core "
        f"({1e6 * cpu / max(1, stats.queued):.0f} µs per message: encode, check, store, publish, acknowledge)"
    )
    print(
        f"  the ticks' hook: {1e6 * figures['hook_seconds'] / max(1, figures['hook_calls']):.1f} µs per wake-up "
        f"({figures['hook_calls']} wake-ups); tick lateness p99 {1e3 * figures['lateness_p99']:.2f} ms, "
        f"slips {figures['slips']}"
    )
    if latencies:
        ordered = sorted(latencies)
        p = lambda q: 1e3 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
        print(
            f"  latency tick -> subscriber: p50 {p(0.50):.1f} ms, p99 {p(0.99):.1f} ms, max {1e3 * ordered[-1]:.1f} ms "
            f"(mean {1e3 * statistics.fmean(ordered):.1f} ms; 'wall' has ms resolution)"
        )
    print(f"  buffer file at the end: {size / 1e6:.1f} MB (rows kept {stats.pending} pending + the replay window)")
    return 0 if sent_all else 1


if __name__ == "__main__":
    sys.exit(main())
