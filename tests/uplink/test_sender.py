"""The uplink's sender against a real Mosquitto and a real paho subscriber.

A plant is stepped by hand with the channel's hooks called as the runtime
calls them (one wake-up per tick), so the simulated side is exact; the
broker is stopped, killed and restarted for real.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.client import CallbackAPIVersion
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from factorylab.control import LocalLine
from factorylab.control.reference import make_demo_controller
from factorylab.data.dataset import part_record
from factorylab.errors import FactoryLabError
from factorylab.plant import Plant
from factorylab.runtime import Attachment, Runtime
from factorylab.uplink import command, schema
from factorylab.uplink.buffer import UplinkBuffer
from factorylab.uplink.sender import UplinkChannel, UplinkSender
from tests.services import free_port, mosquitto  # noqa: F401

SITE, LINE = "school-7", "line-03"


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


class Subscriber:
    """A data centre's stand-in: a paho client subscribed to factorylab/v1/# with QoS 1.

    ``persistent``: a session the broker keeps while it is away (clean_start off, a fixed client id).
    """

    def __init__(self, port: int, *, persistent: bool = False, client_id: str | None = None) -> None:
        self.records: list[dict] = []
        self.retained: list[bool] = []
        self.lock = threading.Lock()
        self.subscribed = threading.Event()
        self.client = mqtt.Client(
            callback_api_version=CallbackAPIVersion.VERSION2,
            client_id=client_id or f"test-{uuid.uuid4().hex[:8]}",
            protocol=mqtt.MQTTv5,
        )
        self.client.reconnect_delay_set(1, 1)
        self.client.on_connect = lambda client, *_: client.subscribe(schema.SUBSCRIPTION, qos=1)
        self.client.on_subscribe = lambda *_: self.subscribed.set()
        self.client.on_disconnect = lambda *_: self.subscribed.clear()
        self.client.on_message = self._message
        properties = Properties(PacketTypes.CONNECT)
        properties.SessionExpiryInterval = 3600 if persistent else 0
        self.client.connect("127.0.0.1", port, 5, clean_start=not persistent, properties=properties)
        self.client.loop_start()
        assert self.subscribed.wait(10), "the subscriber did not subscribe"

    def _message(self, client, userdata, message) -> None:
        record = schema.decode(message.payload, message.topic)  # every message must pass the collector's check
        with self.lock:
            self.records.append(record)
            self.retained.append(bool(message.retain))

    def of(self, kind: str | None = None, run: str | None = None) -> list[dict]:
        with self.lock:
            return [r for r in self.records if (kind is None or r["kind"] == kind) and (run is None or r["run"] == run)]

    def seqs(self, run: str) -> list[int]:
        return [r["seq"] for r in self.of(run=run) if r["kind"] != "meta"]

    def has_all(self, run: str, last: int) -> bool:
        return set(self.seqs(run)) >= set(range(1, last + 1))

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


class Drive:
    """A line run by hand: the demo program, ``plant.step()`` and the channel's hooks, as the runtime calls them."""

    def __init__(self, channel: UplinkChannel, plant: Plant) -> None:
        self.channel = channel
        self.plant = plant
        line = LocalLine(plant)
        controller = make_demo_controller(line, operator=False, wait_for_oven=False)
        self.program = lambda: controller(line, plant.time)
        asyncio.run(channel.start(SimpleNamespace(plant=plant)))

    def run(self, seconds: float, *, at: dict[float, Callable[[Plant], object]] | None = None) -> None:
        async def go() -> None:
            plant = self.plant
            for _ in range(round(seconds / plant.dt)):
                for when, action in (at or {}).items():
                    if abs(plant.time - when) < plant.dt / 2:
                        action(plant)
                self.program()
                plant.step()
                await self.channel.on_tick(plant)

        asyncio.run(go())

    def stop(self) -> None:
        asyncio.run(self.channel.stop())


def _sender(url: str, tmp_path: Path, **options) -> UplinkSender:
    notices = options.pop("notices", None)
    return UplinkSender(
        url, tmp_path / "uplink.sqlite", on_notice=(notices.append if notices is not None else None), **options
    )


# --- what a line publishes ----------------------------------------------------------------------------


def test_a_line_publishes_tags_events_faults_and_parts_in_order(mosquitto, tmp_path: Path) -> None:  # noqa: F811
    subscriber = Subscriber(mosquitto.port)
    sender = _sender(mosquitto.url, tmp_path)
    plant = Plant("line", seed=4)
    channel = sender.channel(SITE, LINE, plant, every=2.0)
    drive = Drive(channel, plant)
    jam = {}
    drive.run(300.0, at={30.0: lambda p: jam.setdefault("fault", p.inject_fault("jam", "conveyor1", duration=20.0))})
    drive.stop()
    assert sender.wait_sent(20), sender.stats
    queued = sender.stats.queued
    assert wait_until(lambda: len(subscriber.of(run=channel.run)) >= queued + 1, 20)
    records = subscriber.of(run=channel.run)

    # the meta first (retained, seq 0), then 1, 2, 3 ... in order, each on its documented topic
    meta = records[0]
    assert meta["kind"] == "meta" and meta["seq"] == 0
    assert (meta["site"], meta["line"], meta["scenario"], meta["seed"], meta["every"]) == (SITE, LINE, "line", 4, 2.0)
    assert [t["name"] for t in meta["tags"]] == list(schema.DEFAULT_TAGS)
    assert [r["seq"] for r in records[1:]] == list(range(1, queued + 1))

    # tags: every 2 simulated s from the start, the default set, bits as 0/1, the units
    samples = subscriber.of("tags", channel.run)
    assert [s["t"] for s in samples] == [round(2.0 * n, 3) for n in range(151)]
    assert all(list(s["values"]) == list(schema.DEFAULT_TAGS) for s in samples)
    last = samples[-1]["values"]
    assert last["production.parts_out"] == plant.production.parts_out
    assert {last["panel.safety_ok"], last["stack_light.green"]} <= {0, 1}
    assert samples[-1]["units"]["oven.temperature"] == "°C" and "panel.start" not in samples[-1]["units"]

    # events: every event of the plant, in its order
    events = subscriber.of("event", channel.run)
    assert [(e["t"], e["event"]["kind"], e["event"]["part"]) for e in events] == [
        (round(e.time, 3), e.kind, e.part) for e in plant.events
    ]

    # the jam: started when it caught a part, ended after 20 s
    fault = jam["fault"]
    faults = [(f["fault"]["state"], f["fault"]["label"], f["fault"]["target"], f["t"]) for f in subscriber.of("fault")]
    assert faults == [
        ("start", "jam", "conveyor1", round(fault.effective_start, 3)),
        ("end", "jam", "conveyor1", round(fault.end, 3)),
    ]

    # parts: one message per finished part, exactly the dataset's columns and values
    parts = subscriber.of("part", channel.run)
    assert len(parts) == len(plant.finished_parts) > 30
    for message, part in zip(parts, plant.finished_parts, strict=True):
        assert message["part"] == json.loads(json.dumps(part_record(part, plant)))

    stats = sender.close(5)
    assert (stats.queued, stats.sent, stats.acked, stats.dropped, stats.replayed) == (queued, queued, queued, 0, 0)
    subscriber.close()


def test_a_runtime_at_speed_20_carries_the_channel(mosquitto, tmp_path: Path) -> None:  # noqa: F811
    subscriber = Subscriber(mosquitto.port)
    sender = _sender(mosquitto.url, tmp_path)
    plant = Plant("line", seed=2)
    channel = sender.channel(SITE, LINE, plant, every=1.0, tags="all")
    line = LocalLine(plant)
    controller = make_demo_controller(line, operator=False, wait_for_oven=False)

    class Demo(Attachment):
        def before_tick(self, plant: Plant) -> None:
            controller(line, plant.time)

    runtime = Runtime(plant, speed=20.0, attachments=[Demo(), channel])
    threading.Timer(1.5, runtime.stop).start()
    asyncio.run(runtime.run())
    assert sender.wait_sent(20), sender.stats
    samples = subscriber.of("tags", channel.run)
    assert wait_until(lambda: len(subscriber.of(run=channel.run)) == sender.stats.queued + 1, 10)
    assert samples[0]["t"] == 0.0 and samples[-1]["t"] == round(plant.time, 3)  # the last tick's sample at the stop
    assert len(samples) >= 20 and len(samples[0]["values"]) == len(meta_tags := subscriber.of("meta")[0]["tags"])
    assert {t["name"] for t in meta_tags} >= {"system.sim_time", "cnc.grade"}  # every tag
    seqs = subscriber.seqs(channel.run)
    assert seqs == list(range(1, len(seqs) + 1))
    sender.close(5)
    subscriber.close()


# --- nothing lost -----------------------------------------------------------------------------------


def test_a_broker_stopped_and_restarted_mid_run_loses_nothing(mosquitto, tmp_path: Path) -> None:  # noqa: F811
    subscriber = Subscriber(mosquitto.port, persistent=True, client_id="test-collector")
    sender = _sender(mosquitto.url, tmp_path)
    plant = Plant("line", seed=5)
    channel = sender.channel(SITE, LINE, plant, every=0.5)
    drive = Drive(channel, plant)
    drive.run(60.0)
    mosquitto.stop(signal.SIGTERM)  # saves its queues and sessions
    assert wait_until(lambda: not sender.connected, 10)
    drive.run(60.0)  # the line goes on; the records wait on disk
    assert sender.stats.pending > 100
    mosquitto.start()
    drive.run(60.0)
    drive.stop()
    assert sender.wait_sent(30), sender.stats
    last = channel._seq
    assert wait_until(lambda: subscriber.has_all(channel.run, last), 30), sorted(
        set(range(1, last + 1)) - set(subscriber.seqs(channel.run))
    )[:20]
    stats = sender.close(5)
    assert stats.reconnects >= 1 and stats.dropped == 0 and stats.acked == last
    subscriber.close()


def test_a_broker_killed_without_its_queue_gets_the_window_again(mosquitto, tmp_path: Path) -> None:  # noqa: F811
    subscriber = Subscriber(mosquitto.port, persistent=True, client_id="test-collector")
    sender = _sender(mosquitto.url, tmp_path)
    plant = Plant("line", seed=6)
    channel = sender.channel(SITE, LINE, plant, every=0.5)
    drive = Drive(channel, plant)
    drive.run(30.0)
    assert sender.wait_sent(20)
    assert wait_until(lambda: subscriber.has_all(channel.run, channel._seq), 10)
    delivered = channel._seq
    subscriber.close()  # the collector is away: the broker queues for its session ...
    drive.run(30.0)
    assert sender.wait_sent(20)  # ... and acknowledges to the sender
    acknowledged = channel._seq
    mosquitto.stop(signal.SIGKILL)  # a crash ...
    for saved in mosquitto.folder.glob("*.db"):
        saved.unlink()  # ... and its disk is gone: the queued messages with it
    drive.run(10.0)
    mosquitto.start()
    subscriber = Subscriber(mosquitto.port, persistent=True, client_id="test-collector")  # a new session
    drive.run(10.0)
    drive.stop()
    assert sender.wait_sent(30), sender.stats
    last = channel._seq
    assert wait_until(lambda: subscriber.has_all(channel.run, last), 30), sorted(
        set(range(1, last + 1)) - set(subscriber.seqs(channel.run))
    )[:20]
    received = set(subscriber.seqs(channel.run))
    assert set(range(delivered + 1, acknowledged + 1)) <= received  # acknowledged by the dead broker, sent again
    stats = sender.close(5)
    assert stats.replayed >= acknowledged - delivered and stats.dropped == 0
    subscriber.close()


def test_a_restarted_simulator_sends_the_old_rows_first(mosquitto, tmp_path: Path) -> None:  # noqa: F811
    mosquitto.stop()
    notices: list = []
    first = _sender(mosquitto.url, tmp_path, notices=notices)
    plant = Plant("line", seed=7)
    old = first.channel(SITE, LINE, plant)
    drive = Drive(old, plant)
    drive.run(30.0)
    drive.stop()
    stats = first.close(0.5)
    assert stats.pending == old._seq and stats.acked == 0  # all still on disk
    assert [n.key for n in notices].count("waiting") == 1  # said once, however often it tried

    mosquitto.start()
    subscriber = Subscriber(mosquitto.port)
    second = _sender(mosquitto.url, tmp_path)
    plant = Plant("line", seed=8)
    new = second.channel(SITE, LINE, plant)
    drive = Drive(new, plant)
    drive.run(30.0)
    drive.stop()
    assert second.wait_sent(20), second.stats
    assert wait_until(lambda: subscriber.has_all(old.run, old._seq) and subscriber.has_all(new.run, new._seq), 10)
    records = [(r["run"], r["kind"], r["seq"]) for r in subscriber.of()]
    old_rows = [i for i, (run, kind, _) in enumerate(records) if run == old.run and kind != "meta"]
    new_rows = [i for i, (run, kind, _) in enumerate(records) if run == new.run and kind != "meta"]
    old_meta = records.index((old.run, "meta", 0))
    assert old_meta < old_rows[0] and old_rows[-1] < new_rows[0]
    assert [records[i][2] for i in old_rows] == list(range(1, old._seq + 1))
    second.close(5)
    subscriber.close()
    buffer = UplinkBuffer(tmp_path / "uplink.sqlite")
    assert buffer.pending == 0 and {m.run for m in buffer.runs()} == {old.run, new.run}  # kept with their window
    count = buffer.count
    assert buffer.trim(time.time() + 1000) == count and buffer.forget_runs(keep=()) == 2
    buffer.close()


def test_a_full_buffer_drops_the_oldest_tag_samples_and_keeps_the_events(mosquitto, tmp_path: Path) -> None:  # noqa: F811
    mosquitto.stop()
    notices: list = []
    sender = _sender(mosquitto.url, tmp_path, max_messages=100, notices=notices)
    plant = Plant("line", seed=9)
    channel = sender.channel(SITE, LINE, plant, every=0.05)  # a sample every tick
    drive = Drive(channel, plant)
    drive.run(40.0)
    drive.stop()
    assert wait_until(lambda: sender.stats.pending <= 100, 10)
    stats = sender.stats
    assert set(stats.dropped_by_kind) == {"tags"} and stats.dropped > 700
    assert "dropped" in [n.key for n in notices]  # told, never silent
    events = len(plant.events)
    assert 0 < events < 100

    mosquitto.start()
    subscriber = Subscriber(mosquitto.port)
    assert sender.wait_sent(30), sender.stats
    assert wait_until(lambda: len(subscriber.of("event")) == events, 10)
    samples = [r["seq"] for r in subscriber.of("tags")]
    assert len(samples) == 100 - events
    every_tag_seq = [seq for seq in range(1, channel._seq + 1) if seq not in {r["seq"] for r in subscriber.of("event")}]
    assert samples == every_tag_seq[-len(samples) :]  # the newest samples made it, the oldest went
    sender.close(5)
    subscriber.close()


def test_the_tick_never_waits_on_the_network_or_the_disk(tmp_path: Path, monkeypatch, record_property) -> None:
    """The broker is away (a connection that hangs) and the disk is slow: the hooks only queue."""
    callers: dict[str, set[int]] = {}

    def watch(owner: type, name: str, pause: float = 0.0) -> None:
        original = getattr(owner, name)

        def watched(*args, **kwargs):
            callers.setdefault(name, set()).add(threading.get_ident())
            if pause:
                time.sleep(pause)
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, watched)

    watch(mqtt.Client, "connect", pause=2.0)  # a broker that does not answer
    for name in ("publish", "loop_read", "loop_write"):
        watch(mqtt.Client, name)
    watch(UplinkBuffer, "append", pause=0.3)  # a slow disk
    for name in ("rows", "mark_acked", "trim", "first_pending", "last_id"):
        watch(UplinkBuffer, name)
    sender = UplinkSender(f"mqtt://127.0.0.1:{free_port()}", tmp_path / "uplink.sqlite")
    plant = Plant("line", seed=1)
    channel = sender.channel(SITE, LINE, plant, every=0.05)
    callers.clear()  # (making the channel stores its run's meta: before the line runs)
    drive = Drive(channel, plant)
    started = time.perf_counter()
    drive.run(500.0)  # 10,000 ticks, each a wake-up with a tag sample
    elapsed = time.perf_counter() - started
    record_property("seconds_for_10000_wake_ups", round(elapsed, 3))
    me = threading.get_ident()
    assert not [name for name, threads in callers.items() if me in threads], callers
    stats = sender.stats
    assert stats.queued >= 10_000 and stats.pending >= 10_000 - 5000  # the queue grew; the sender is behind
    assert stats.acked == 0 and not stats.connected
    sender.close(0.0)


# --- the command's options ----------------------------------------------------------------------------


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    command.add_sim_options(parser, "en")
    return parser.parse_args(list(argv))


def test_bad_options_are_told_in_both_languages(tmp_path: Path) -> None:
    cases = [
        (["--uplink", "http://192.168.0.10"], "only mqtt://"),
        (["--uplink", "mqtts://broker:8883"], "no TLS"),
        (["--uplink", "mqtt://:1883"], "names no host"),
        (["--uplink", "mqtt://broker:70000"], "port"),
        (["--uplink", "mqtt://user:secret@broker"], "user names"),
        (["--uplink", "mqtt://broker/topic"], "host and a port only"),
        (["--uplink", "mqtt://broker", "--site", "Room 3"], "--site"),
        (["--uplink", "mqtt://broker", "--uplink-every", "0"], "--uplink-every"),
        (["--uplink", "mqtt://broker", "--uplink-buffer-max", "10"], "--uplink-buffer-max"),
        (["--uplink", "mqtt://broker", "--uplink-buffer", str(tmp_path)], "is a folder"),
        (["--uplink", "mqtt://broker", "--uplink-buffer", str(tmp_path / "no" / "b.sqlite")], "no folder"),
        (["--site", "school-7"], "only with --uplink"),
    ]
    for argv, words in cases:
        with pytest.raises(FactoryLabError) as caught:
            command.sender_from_args(_args(*argv), "en", quiet=True)
        assert words in caught.value.en, (argv, caught.value.en)
        assert caught.value.ko and caught.value.ko != caught.value.en
    assert command.sender_from_args(_args(), "en") is None


def test_an_unreachable_broker_is_no_error_and_is_told_once(tmp_path: Path, capsys) -> None:
    port = free_port()
    args = _args("--uplink", f"mqtt://127.0.0.1:{port}", "--uplink-buffer", str(tmp_path / "b.sqlite"))
    sender = command.sender_from_args(args, "en")
    assert sender is not None
    seen = []

    def told() -> bool:
        seen.append(capsys.readouterr())
        return "cannot reach the broker" in "".join(c.err for c in seen)

    assert wait_until(told, 5)
    time.sleep(2.0)  # several attempts more
    command.close_sender(sender, "en", timeout=0.2)
    seen.append(capsys.readouterr())
    out, err = "".join(c.out for c in seen), "".join(c.err for c in seen)
    assert err.count("cannot reach the broker") == 1, err
    assert f"uplink: mqtt://127.0.0.1:{port} → factorylab/v1/" in out


def test_names_and_defaults(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FACTORYLAB_CACHE", str(tmp_path / "cache"))
    args = _args("--uplink", "mqtt://broker", "--site", "school-7")
    assert command.line_name(args) == "line-01" and command.line_name(args, 7) == "line-07"
    assert command.buffer_path(args) == tmp_path / "cache" / "uplink" / "school-7-line-01.sqlite"
    assert command.buffer_path(args, classroom=True).name == "school-7-classroom.sqlite"
    named = _args("--uplink", "mqtt://broker", "--line", "room3")
    assert command.line_name(named, 12) == "room3-12"
    assert schema.is_slug(command.default_site())
    assert command.slug("PC-Lab 07.school.kr") == "pc-lab-07-school-kr" and command.slug("컴퓨터") == ""


def test_messages_nobody_took_are_sent_again_once_a_collector_subscribes(mosquitto, tmp_path: Path) -> None:  # noqa: F811
    """The data centre starts after the class: the broker answers 'no matching subscribers' and the rows wait."""
    notices: list = []
    sender = _sender(mosquitto.url, tmp_path, notices=notices)
    plant = Plant("line", seed=10)
    channel = sender.channel(SITE, LINE, plant)
    drive = Drive(channel, plant)
    drive.run(20.0)
    assert wait_until(lambda: sender.stats.unheard > 0, 10)
    assert sender.stats.acked == 0 and "unheard" in [n.key for n in notices]
    subscriber = Subscriber(mosquitto.port)
    drive.run(20.0)
    drive.stop()
    assert sender.wait_sent(30), sender.stats
    assert wait_until(lambda: subscriber.has_all(channel.run, channel._seq), 10)
    assert subscriber.of("meta", channel.run)  # its meta too
    sender.close(5)
    subscriber.close()
