"""The collector with real servers: Mosquitto, PostgreSQL, the embedded amqtt broker; nothing lost, nothing twice."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from factorylab.datacenter.broker import EmbeddedBroker
from factorylab.datacenter.collector import Collector, parse_broker_url, probe_mqtt5
from factorylab.datacenter.store import open_store
from factorylab.errors import FactoryLabError
from tests.datacenter.messages import FakeLine, Publisher, payload
from tests.services import free_port


def wait_until(condition: Callable[[], bool], timeout: float = 30.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        time.sleep(0.05)


def expected_counts(records) -> dict[str, int]:
    table = {"tags": "samples", "event": "events", "fault": "faults", "part": "parts"}
    counted = {name: 0 for name in table.values()}
    for record in records:
        if record["kind"] in table:
            counted[table[record["kind"]]] += 1
    counted["runs"] = len({record["run"] for record in records})
    return counted


def stored(store_url: str) -> dict[str, int]:
    with open_store(store_url) as store:
        counts = store.counts()
    counts.pop("rejects")
    return counts


def three_lines(n: int) -> list[dict]:
    """3 lines' messages (each ``n``), interleaved as three uplinks would send them."""
    streams = [FakeLine(site="school-a", line=f"line-{i:02d}", seed=i).stream(n) for i in range(1, 4)]
    return [record for group in zip(*streams, strict=True) for record in group]


class PublishingThread(threading.Thread):
    """Publishes records at about ``rate`` messages/s, so things can happen mid-stream."""

    def __init__(self, url: str, records: list[dict], rate: float = 1500.0) -> None:
        super().__init__(daemon=True)
        self.publisher = Publisher(url)
        self.records = records
        self.rate = rate
        self.sent = 0

    def run(self) -> None:
        start = time.monotonic()
        for index, record in enumerate(self.records):
            self.publisher.send(record)
            self.sent = index + 1
            ahead = start + index / self.rate - time.monotonic()
            if ahead > 0:
                time.sleep(ahead)
        self.publisher.flush()


def test_bad_payloads_are_rejected_counted_logged_and_the_collector_goes_on(
    mosquitto, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="factorylab.datacenter")
    url = f"sqlite:///{tmp_path / 'dc.sqlite'}"
    line = FakeLine()
    good_before = [line.meta()] + [line.tags() for _ in range(10)]
    good_after = [line.part(1), line.event()] + [line.tags() for _ in range(5)]
    other = line.tags()
    wrong_schema = {**line.tags(), "schema": "factorylab/v0"}
    big = {**line.tags(), "values": {f"tag.{i}": i for i in range(6000)}}
    refused = line.part(9)
    refused["part"]["torque"] = "a lot"  # the scheme takes text there; the table refuses it
    bad = [
        ("factorylab/v1/school-a/line-01/tags", b"not json"),
        ("factorylab/v1/school-a/line-01/tags", b"[1, 2, 3]"),
        ("factorylab/v1/school-a/line-01/tags", json.dumps(wrong_schema).encode()),
        ("factorylab/v1/school-a/line-02/tags", payload(other)[1]),  # another line's topic
        ("factorylab/v1/Bad Site/line-01/tags", payload(line.tags())[1]),
        ("factorylab/v1/school-a/line-01/tags", json.dumps(big).encode()),  # > 64 KiB
        payload(refused),
    ]
    with Collector(mosquitto.url, url, client_id="dc-bad", lang="en") as collector:
        assert collector.wait_connected()
        publisher = Publisher(mosquitto.url)
        for record in good_before:
            publisher.send(record)
        for name, data in bad:
            publisher.raw(name, data)
        for record in good_after:
            publisher.send(record)
        publisher.close()
        total = len(good_before) + len(good_after)
        wait_until(lambda: collector.stats["stored"] + collector.stats["rejected"] >= total + len(bad))
        stats = collector.stats
    assert stats["rejected"] == len(bad) and stats["stored"] == total and stats["duplicates"] == 0
    with open_store(url) as store:
        names, rows = store.rows("SELECT topic, reason, payload_excerpt FROM rejects ORDER BY id")
    assert len(rows) == len(bad)
    reasons = [row[1] for row in rows]
    assert reasons[0].startswith("not JSON") and "not a JSON object" in reasons[1]
    assert "schema" in reasons[2] and "not the topic's" in reasons[3] and "larger than" in reasons[5]
    assert reasons[6].startswith("the database refused it")
    assert all(len(row[2]) <= 300 for row in rows)
    logged = [r.getMessage() for r in caplog.records if "rejected a message" in r.getMessage()]
    assert len(logged) == len(bad)  # one line each


def test_three_lines_through_mosquitto_into_postgresql_counts_match_exactly(mosquitto, postgres) -> None:
    records = three_lines(400)
    with Collector(mosquitto.url, postgres.dsn, client_id="dc-pg", lang="en") as collector:
        assert collector.wait_connected()
        publisher = Publisher(mosquitto.url)
        for record in records:
            publisher.send(record)
        publisher.close()
        wait_until(lambda: collector.stats["stored"] >= len(records), what="every message stored")
        stats = collector.stats
    assert stats["stored"] == len(records) and stats["rejected"] == 0
    assert stored(postgres.dsn) == expected_counts(records)
    with open_store(postgres.dsn) as store:
        per_line = dict(store.rows("SELECT line, count(*) FROM samples GROUP BY line")[1])
    assert per_line == {f"line-{i:02d}": expected_counts(records)["samples"] // 3 for i in (1, 2, 3)}


def test_a_collector_stopped_and_started_again_mid_stream_loses_nothing(mosquitto, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'dc.sqlite'}"
    records = three_lines(800)
    first = Collector(mosquitto.url, url, client_id="dc-restart", lang="en").start()
    assert first.wait_connected()
    sender = PublishingThread(mosquitto.url, records)
    sender.start()
    wait_until(lambda: sender.sent > len(records) // 3)
    first.stop()  # the broker queues what comes now, for the same client id
    stopped_at = sender.sent
    wait_until(lambda: sender.sent > stopped_at + 300)
    second = Collector(mosquitto.url, url, client_id="dc-restart", lang="en").start()
    sender.join(60)
    sender.publisher.close()
    wait_until(lambda: stored(url) == expected_counts(records), what="every message stored")
    second.stop()
    assert first.stats["stored"] + second.stats["stored"] == len(records)
    assert stored(url) == expected_counts(records)


def test_postgresql_restarted_mid_stream_the_collector_waits_retries_and_catches_up(mosquitto, postgres) -> None:
    records = three_lines(800)
    with Collector(mosquitto.url, postgres.dsn, client_id="dc-pg-restart", lang="en") as collector:
        assert collector.wait_connected()
        sender = PublishingThread(mosquitto.url, records, rate=1000.0)
        sender.start()
        wait_until(lambda: collector.stats["stored"] > 300)
        postgres.restart("immediate", down_for=1.5)  # a crash: what was not committed is not acknowledged
        sender.join(60)
        sender.publisher.close()
        wait_until(lambda: collector.stats["stored"] >= len(records), timeout=60, what="the collector caught up")
        stats = collector.stats
    assert stats["db_retries"] >= 1
    assert stats["stored"] == len(records)  # every message once; the ones delivered again were duplicates
    assert stored(postgres.dsn) == expected_counts(records)


def test_the_session_outlives_a_broker_restart(mosquitto, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'dc.sqlite'}"
    first = Collector(mosquitto.url, url, client_id="dc-session", lang="en").start()
    assert first.wait_connected()
    first.stop()  # subscribed, then away
    records = three_lines(100)
    publisher = Publisher(mosquitto.url)
    for record in records:
        publisher.send(record)
    publisher.close()
    mosquitto.restart()  # SIGTERM: Mosquitto saves its sessions and queues
    with Collector(mosquitto.url, url, client_id="dc-session", lang="en") as collector:
        wait_until(lambda: collector.stats["stored"] >= len(records), what="the queued messages")
    assert stored(url) == expected_counts(records)


def test_through_the_embedded_amqtt_broker(tmp_path: Path) -> None:
    port = free_port()
    url = f"sqlite:///{tmp_path / 'dc.sqlite'}"
    records = three_lines(150)
    with EmbeddedBroker("127.0.0.1", port) as broker:
        assert probe_mqtt5("127.0.0.1", port) is False  # amqtt speaks MQTT 3.1.1 only
        with pytest.raises(FactoryLabError) as error:
            EmbeddedBroker("127.0.0.1", port).start()
        assert "in use" in error.value.en and "사용 중" in error.value.ko
        # as --embedded-broker runs it: MQTT 5 refused, 3.1.1; acknowledged on receipt (amqtt's 5 s limit)
        with Collector(broker.url, url, client_id="dc-embedded", ack_after_commit=False, lang="en") as collector:
            assert collector.wait_connected(15)
            assert collector.mqtt_version == 4
            publisher = Publisher(broker.url, version=4)
            half = len(records) // 2
            for record in records[:half]:
                publisher.send(record)
            publisher.flush()
            wait_until(lambda: collector.stats["received"] >= half)  # (amqtt drops what is on its way)
            collector.stop()  # away for a while: the broker keeps its session and queues (a named client)
            for record in records[half:]:
                publisher.send(record)
            publisher.close()
        with Collector(broker.url, url, client_id="dc-embedded", mqtt_version=4, ack_after_commit=False) as again:
            wait_until(lambda: stored(url) == expected_counts(records), what="every message stored")
            assert again.stats["rejected"] == 0
    assert probe_mqtt5("127.0.0.1", port) is None  # gone


def test_broker_urls() -> None:
    assert parse_broker_url("mqtt://10.0.0.5") == ("10.0.0.5", 1883)
    assert parse_broker_url("mqtt://broker.school:1884") == ("broker.school", 1884)
    for bad in ("http://x:1883", "mqtt://", "mqtt://x:99999", "10.0.0.5:1883", "mqtt://x:1883/path"):
        with pytest.raises(FactoryLabError) as error:
            parse_broker_url(bad)
        assert "mqtt://HOST:PORT" in error.value.en and "mqtt://호스트:포트" in error.value.ko
