"""The store: idempotent ingest in SQLite and in a real PostgreSQL, rejects, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factorylab.datacenter.store import EXCERPT, Reject, StoreError, open_store
from factorylab.uplink.schema import decode
from tests.datacenter.messages import FakeLine, payload


def decoded(records):
    """The records as the collector has them: encoded by the uplink's rules, decoded by the collector's."""
    return [decode(payload(record)[1], payload(record)[0]) for record in records]


def kinds(records) -> dict[str, int]:
    table = {"tags": "samples", "event": "events", "fault": "faults", "part": "parts"}
    counted = {name: 0 for name in table.values()}
    for record in records:
        if record["kind"] in table:
            counted[table[record["kind"]]] += 1
    return counted


def check_idempotent(store) -> None:
    line = FakeLine()
    records = decoded(line.stream(200))
    first = store.ingest(records)
    assert (first.stored, first.duplicates, first.rejected) == (200, 0, 0)
    # the same message twice in one batch, and a batch replayed (an uplink re-sending its window)
    again = store.ingest(records[50:80] + records[60:61])
    assert (again.stored, again.duplicates) == (0, 31)
    more = [line.tags() for _ in range(5)]
    mixed = store.ingest(decoded(records[-3:] + more + more[:1]))
    assert (mixed.stored, mixed.duplicates) == (5, 4)
    counts = store.counts()
    expected = kinds(records + more)
    assert {k: counts[k] for k in expected} == expected
    assert counts["runs"] == 1 and counts["rejects"] == 0


def test_sqlite_ingest_is_idempotent(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'dc.sqlite'}") as store:
        check_idempotent(store)
        assert store.kind == "sqlite" and not store.hypertables
        mode = store.rows("PRAGMA journal_mode")[1][0][0]
        assert mode == "wal"
    # the file keeps it all: opened again, the same numbers
    with open_store(str(tmp_path / "dc.sqlite")) as store:  # a bare path works too
        assert store.counts()["samples"] > 0


def test_postgres_ingest_is_idempotent_and_plain_tables_without_timescaledb(postgres) -> None:
    with open_store(postgres.dsn) as store:
        check_idempotent(store)
        assert store.kind == "postgresql"
        available = store.rows("SELECT count(*) FROM pg_available_extensions WHERE name = 'timescaledb'")[1][0][0]
        if available:  # pragma: no cover - Debian's PostgreSQL has no TimescaleDB
            pytest.skip("this PostgreSQL has TimescaleDB: the plain-table path is not what runs here")
        assert not store.hypertables  # no extension: plain tables, and nothing failed on the way
        names, rows = store.rows("SELECT data_type FROM information_schema.columns WHERE column_name = 'values'")
        assert rows == [("jsonb",)]
        # a NUL character PostgreSQL refuses in text: that message is rejected, the rest of the batch stored
        line = FakeLine(line="line-09")
        good = line.tags()
        bad = line.event(detail="a\x00b")
        result = store.ingest(decoded([good, bad]))
        assert (result.stored, result.rejected) == (1, 1)
        reason = store.rows("SELECT reason FROM rejects")[1][0][0]
        assert "refused" in reason
    # opened again: the tables are there, nothing is created twice
    with open_store(postgres.dsn) as store:
        assert store.counts()["rejects"] == 1


def test_meta_fills_the_run_once_and_a_run_exists_without_it(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'dc.sqlite'}") as store:
        line = FakeLine(seed=7)
        store.ingest(decoded([line.tags(), line.part(1)]))  # the meta was lost (or comes later)
        names, rows = store.rows("SELECT run, site, line, scenario, seed FROM runs")
        assert rows == [(line.run, "school-a", "line-01", None, None)]
        result = store.ingest(decoded([line.meta()]))
        assert (result.stored, result.duplicates) == (1, 0)
        again = store.ingest(decoded([line.meta()]))  # published again at every reconnection
        assert (again.stored, again.duplicates) == (0, 1)
        names, rows = store.rows("SELECT scenario, seed, variant, version, every, first_wall, meta FROM runs")
        scenario, seed, variant, version, every, first_wall, meta = rows[0]
        assert (scenario, seed, variant, version, every) == ("line", 7, 0, "0.1.0", 1.0)
        assert first_wall == "2025-03-14T00:30:01.000Z"  # the first message's, not the later meta's
        assert [tag["name"] for tag in json.loads(meta)["tags"]][0] == "production.oee"


def test_refused_values_become_rejects_and_the_batch_goes_on(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'dc.sqlite'}") as store:
        line = FakeLine()
        part = line.part(1)
        part["part"]["torque"] = "a lot"  # text where a number belongs: the scheme allows text, the table not
        records = decoded([line.tags(), part, line.tags()])
        result = store.ingest(records, [Reject("factorylab/v1/x/y/tags", "not JSON", b"\xff" * 2 * EXCERPT)])
        assert (result.stored, result.duplicates, result.rejected) == (2, 0, 2)
        assert [r.topic for r in result.refused] == ["factorylab/v1/school-a/line-01/part"]  # the collector logs it
        names, rows = store.rows("SELECT topic, reason, payload_excerpt FROM rejects ORDER BY id")
        assert rows[0][0] == "factorylab/v1/x/y/tags" and rows[0][1] == "not JSON"
        assert len(rows[0][2]) == EXCERPT  # bounded
        assert "not a number" in rows[1][1] and rows[1][0].endswith("/part")


def test_clear_errors(tmp_path: Path) -> None:
    for url in ("mysql://x/y", "sqlite://relative.sqlite", "datacenter.txt", ""):
        with pytest.raises(StoreError) as error:
            open_store(url)
        assert "sqlite:///" in error.value.en and "sqlite:///" in error.value.ko
    with pytest.raises(StoreError) as error:
        open_store(f"sqlite:///{tmp_path / 'missing' / 'dc.sqlite'}")
    assert "no folder" in error.value.en and "폴더가 없습니다" in error.value.ko
    other = tmp_path / "notes.sqlite"
    other.write_text("hello", encoding="utf-8")
    with pytest.raises(StoreError) as error:
        open_store(f"sqlite:///{other}")
    assert "not a FactoryLab data-centre file" in error.value.en
    # an SQLite file of another program with a table of the same name: refused, not changed
    import sqlite3

    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE samples (run INTEGER, t REAL, x REAL)")
    with pytest.raises(StoreError) as error:
        open_store(f"sqlite:///{foreign}")
    assert "not a FactoryLab data-centre table" in error.value.en
    with pytest.raises(StoreError) as error:
        open_store("postgresql://nobody@127.0.0.1:1/factorylab")
    assert error.value.transient and "unavailable" in error.value.en
