"""How many lines one data-centre collector stores: messages/s into SQLite and PostgreSQL through Mosquitto.

    python benchmarks/datacenter.py [--messages 40000] [--lines 30] [--db postgresql://...] [--no-postgres]

1. **What one line sends** at the default uplink rate: the line scenario runs one simulated
   hour fast-forward with the reference controller; its events and finished parts per hour and
   one ``tags`` message every ``--every`` s (the uplink's default, 5 s; the default tag set,
   :data:`factorylab.uplink.schema.DEFAULT_TAGS`, with the line's real values) give messages/s
   and bytes/day per line (payloads as the uplink encodes them; MQTT adds the topic and ~5
   bytes a message). The same with a tags message every second is printed too.
2. **What one collector stores**: a real Mosquitto started here (tests/services.py); a
   collector subscribes once (its persistent session), goes away, ``--messages`` contract
   messages of ``--lines`` lines (that mix of kinds) are published and queued by Mosquitto,
   then the collector comes back and the time until all are committed is measured: the
   collector's drain rate (broker -> paho -> decode -> one transaction per batch -> PUBACK),
   for an SQLite file (WAL, ``synchronous=FULL``, on this disk) and for PostgreSQL (a cluster
   started here with fsync on, or ``--db``). The publisher does not share the CPU with it.
3. **Lines one collector takes** = stored messages/s / messages/s per line; the figure is for
   this machine (2 cores shared by everything), with the broker on the same machine.

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.services: the Mosquitto and PostgreSQL of the tests

from factorylab.data.dataset import PART_COLUMNS  # noqa: E402
from factorylab.datacenter.collector import Collector  # noqa: E402
from factorylab.datacenter.store import open_store  # noqa: E402
from factorylab.uplink.command import DEFAULT_EVERY  # noqa: E402
from factorylab.uplink.schema import DEFAULT_TAGS, encode, topic, wall_time  # noqa: E402
from tests.services import PG_BIN, Mosquitto, Postgres, service_folder  # noqa: E402


class DurablePostgres(Postgres):
    """The tests' PostgreSQL, but with fsync on (the tests turn it off for speed)."""

    def start(self) -> None:
        subprocess.run(
            [
                *self.as_user,
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.folder / "postgres.log"),
                "-o",
                f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1",
                "-w",
                "start",
            ],
            check=True,
            capture_output=True,
        )


def one_line_per_hour() -> dict:
    """Messages and payload bytes one line sends per simulated hour (reference controller, line scenario)."""
    from factorylab.control import reference
    from factorylab.control.line import LocalLine
    from factorylab.plant import Plant
    from factorylab.tags import tags_for

    plant = Plant("line", seed=1)
    line = LocalLine(plant)
    controller = reference.make_line_controller()
    tags = tags_for(plant)
    names = [name for name in DEFAULT_TAGS if name in tags]
    ticks = round(3600.0 / plant.dt)
    sample_bytes = 0
    record: dict = {}
    every = round(1.0 / plant.dt)
    run = uuid.uuid4().hex
    seq = 0
    wall = time.time()
    for tick in range(ticks):
        controller(line, plant.time)
        plant.step()
        if tick % every == 0:
            seq += 1
            values = {name: tags[name].reader(plant) for name in names}
            values = {k: (int(v) if isinstance(v, bool) else v) for k, v in values.items()}
            units = {name: tags[name].unit for name in names if tags[name].unit}
            record = {
                "schema": "factorylab/v1", "kind": "tags", "site": "school-a", "line": "line-01", "run": run,
                "seq": seq, "t": round(plant.time, 3), "wall": wall_time(wall + plant.time),
                "values": values, "units": units,
            }  # fmt: skip
            sample_bytes += len(encode(record))
    events = plant.events.total
    parts = plant.finished_parts.total
    faults = sum(1 for record in plant.faults.log if record.effective_start is not None) * 2
    return {
        "tags": ticks // every,
        "tags_bytes": sample_bytes / max(1, ticks // every),
        "events": events,
        "parts": parts,
        "faults": faults,
        "names": len(names),
        "values": record.get("values", {}),
        "units": record.get("units", {}),
    }


def messages(count: int, lines: int, mix: dict) -> list[tuple[str, bytes]]:
    """``count`` contract messages of ``lines`` lines, kinds in the proportions of ``mix``."""
    per_hour = mix["tags"] + mix["events"] + mix["parts"] + mix["faults"]
    weights = [("tags", mix["tags"]), ("event", mix["events"]), ("part", mix["parts"]), ("fault", mix["faults"])]
    runs = [uuid.uuid4().hex for _ in range(lines)]
    seqs = [0] * lines
    values, units = mix["values"], mix["units"]  # a real sample of the line
    part = {name: 1.5 for name, *_ in PART_COLUMNS}
    part.update({"part_id": 1, "type": "A", "grade": "M", "defect_cause": "", "destination": "outfeed"})
    flags = ("machine_failure", "TWF", "HDF", "PWF", "OSF", "RNF", "TBF", "inspection_ok", "defect", "missorted")
    part.update(dict.fromkeys(flags, 0))
    start = datetime.datetime(2025, 3, 14, tzinfo=datetime.timezone.utc).timestamp()
    out = []
    credit = {kind: 0.0 for kind, _ in weights}
    for index in range(count):
        line = index % lines
        # pick kinds in proportion: the one furthest behind its share
        for kind, weight in weights:
            credit[kind] += weight / per_hour
        kind = max(credit, key=credit.get)
        credit[kind] -= 1.0
        seqs[line] += 1
        head = {
            "schema": "factorylab/v1", "kind": kind, "site": "school-a", "line": f"line-{line + 1:02d}",
            "run": runs[line], "seq": seqs[line], "t": float(seqs[line]), "wall": wall_time(start + seqs[line]),
        }  # fmt: skip
        if kind == "tags":
            head.update(values=values, units=units)
        elif kind == "event":
            head["event"] = {"kind": "part_at", "part": seqs[line], "detail": "oven"}
        elif kind == "part":
            head["part"] = {**part, "part_id": seqs[line]}
        else:
            head["fault"] = {"id": seqs[line], "label": "jam", "target": "conveyor1", "state": "start",
                             "start": 1.0, "end": None}  # fmt: skip
        out.append((topic(head["site"], head["line"], kind), encode(head)))
    return out


def publish_all(url: str, payloads: list[tuple[str, bytes]]) -> float:
    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion

    host, port = url.removeprefix("mqtt://").rsplit(":", 1)
    client = mqtt.Client(callback_api_version=CallbackAPIVersion.VERSION2, client_id="bench-pub", protocol=mqtt.MQTTv5)
    client.max_inflight_messages_set(1000)
    client.max_queued_messages_set(0)
    client.connect(host, int(port))
    client.loop_start()
    began = time.perf_counter()
    infos = [client.publish(name, data, qos=1) for name, data in payloads]
    for info in infos:
        info.wait_for_publish(120)
    took = time.perf_counter() - began
    client.disconnect()
    client.loop_stop()
    return took


def drain(broker: str, store_url: str, payloads: list[tuple[str, bytes]], client_id: str) -> dict:
    first = Collector(broker, store_url, client_id=client_id, lang="en").start()
    if not first.wait_connected(30):
        raise SystemExit(f"the collector could not connect to {broker}")
    first.stop()  # subscribed: from now on the broker queues for this client id
    publish_seconds = publish_all(broker, payloads)
    collector = Collector(broker, store_url, client_id=client_id, lang="en")
    began = time.perf_counter()
    collector.start()
    deadline = began + 600
    while sum(collector.stats[k] for k in ("stored", "duplicates", "rejected")) < len(payloads) and (
        time.perf_counter() < deadline
    ):
        time.sleep(0.02)
    took = time.perf_counter() - began
    stats = collector.stats
    collector.stop()
    if stats["stored"] + stats["duplicates"] + stats["rejected"] < len(payloads):
        print(f"  (only {stats['stored']} of {len(payloads)} stored after {took:.0f} s)")
    return {"seconds": took, "publish_seconds": publish_seconds, **stats}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=40_000)
    parser.add_argument("--lines", type=int, default=30)
    parser.add_argument("--db", default=None, help="a PostgreSQL URL to use instead of a cluster started here")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--every", type=float, default=DEFAULT_EVERY, help="simulated s between tags messages")
    args = parser.parse_args()

    print(
        f"== one line (line scenario, reference controller, 1 simulated hour fast-forward), tags every {args.every:g} s =="
    )
    began = time.perf_counter()
    measured = one_line_per_hour()  # (tags counted every second: scaled to --every below)
    mix = {**measured, "tags": round(3600 / args.every)}
    per_second = (mix["tags"] + mix["events"] + mix["parts"] + mix["faults"]) / 3600.0
    payload = len(messages(1, 1, {**mix, "tags": 0, "events": 1, "parts": 0, "faults": 0})[0][1])
    part_bytes = len(messages(1, 1, {**mix, "tags": 0, "events": 0, "parts": 1, "faults": 0})[0][1])
    per_day = (mix["tags"] * mix["tags_bytes"] + mix["events"] * payload + mix["parts"] * part_bytes) * 24
    print(
        f"per hour: {mix['tags']} tags messages ({mix['names']} tags, {mix['tags_bytes']:.0f} B each), "
        f"{mix['events']} events (~{payload} B), {mix['parts']} parts (~{part_bytes} B), {mix['faults']} fault messages"
    )
    print(f"= {per_second:.2f} messages/s per line, {per_day / 1e6:.1f} MB/day of payload per line (24 h running)")
    every_second = (3600 + mix["events"] + mix["parts"] + mix["faults"]) / 3600.0
    print(f"  (tags every 1 s instead: {every_second:.2f} messages/s per line)")
    print(f"  ({time.perf_counter() - began:.1f} s to simulate the hour)")

    payloads = messages(args.messages, args.lines, mix)
    size = sum(len(p) for _, p in payloads) / len(payloads)
    folder = service_folder("bench-mosquitto")
    broker = Mosquitto(folder)
    results = {}
    try:
        scratch = Path(tempfile.mkdtemp(prefix="factorylab-bench-"))
        try:
            print(
                f"\n== one collector, {args.messages} queued messages of {args.lines} lines ({size:.0f} B average) =="
            )
            results["SQLite (WAL, synchronous=FULL)"] = drain(
                broker.url, f"sqlite:///{scratch / 'dc.sqlite'}", payloads, "bench-sqlite"
            )
            with open_store(f"sqlite:///{scratch / 'dc.sqlite'}") as store:
                store.rows("PRAGMA wal_checkpoint(TRUNCATE)")
            on_disk = (scratch / "dc.sqlite").stat().st_size / len(payloads)
            print(
                f"SQLite file: {on_disk:.0f} B per message stored = {on_disk * per_second * 86400 / 1e6:.0f} MB per "
                "line per day (24 h)"
            )
            if not args.no_postgres:
                if args.db:
                    results["PostgreSQL (--db)"] = drain(broker.url, args.db, payloads, "bench-pg")
                else:
                    pg_folder = service_folder("bench-postgres")
                    server = DurablePostgres(pg_folder)
                    try:
                        with open_store(server.dsn) as store:
                            tsdb = store.hypertables
                        label = f"PostgreSQL {PG_BIN.parent.name} (fsync on{', TimescaleDB' if tsdb else ''})"
                        results[label] = drain(broker.url, server.dsn, payloads, "bench-pg")
                    finally:
                        server.stop("fast")
                        shutil.rmtree(pg_folder, ignore_errors=True)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    finally:
        broker.stop()
        shutil.rmtree(folder, ignore_errors=True)
    for name, r in results.items():
        rate = r["stored"] / r["seconds"]
        print(
            f"{name}: {r['stored']} stored in {r['seconds']:.2f} s = {rate:,.0f} messages/s "
            f"({rate * size / 1e6:.2f} MB/s), {r['batches']} commits, {r['duplicates']} duplicates, "
            f"{r['rejected']} rejected; = {rate / per_second:,.0f} lines (tags every {args.every:g} s), "
            f"{rate / every_second:,.0f} lines (tags every 1 s) "
            f"(the publisher queued them at {len(payloads) / r['publish_seconds']:,.0f} messages/s)"
        )
    print(f"\n(machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; broker, collector, database on it)")


if __name__ == "__main__":
    main()
