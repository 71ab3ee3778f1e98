"""The historian: SQLite in WAL mode, crash-safe, loaded as DataFrames."""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pandas as pd
import pytest

import factorylab
from factorylab import data
from factorylab.tags import ALL_TAGS
from tests.conftest import Sim


def test_run_stores_the_history_and_load_gives_it_back(tmp_path: Path) -> None:
    line = factorylab.connect(scenario="conveyor", seed=1)

    def go(line, t):
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = True

    store = tmp_path / "run.sqlite"
    result = factorylab.run(go, line, seconds=30, record=["conveyor1.run", "conveyor1.current", "production.parts_in"],
                            record_every=0.5, store=store)  # fmt: skip
    everything = data.load(store)
    assert list(everything["run"].unique()) == [1]  # all runs: a run column first
    frame = data.load(store, run=-1)
    pd.testing.assert_frame_equal(frame, result.history, check_dtype=False)
    assert frame["conveyor1.run"].dtype == bool
    assert frame.attrs["scenario"] == "conveyor" and frame.attrs["seed"] == 1
    assert [t["unit"] for t in frame.attrs["tags"]] == ["", "A", "pcs"]
    mode = sqlite3.connect(store).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_history_equals_what_the_tags_read(tmp_path: Path) -> None:
    line = factorylab.connect(scenario="line", seed=3)
    factorylab.run(lambda line, t: None, line, seconds=5)  # let the line settle a little
    snapshot = line.snapshot()
    result = factorylab.run(lambda line, t: None, line, seconds=0.05)
    row = result.history.iloc[0]
    for name, value in snapshot.items():
        assert row[name] == pytest.approx(value), name


def test_export_to_csv_and_parquet(tmp_path: Path) -> None:
    line = factorylab.connect(scenario="tank", seed=2)
    store = tmp_path / "tank.sqlite"
    factorylab.run(lambda line, t: None, line, seconds=10, record=["tank.level", "tank.high"], store=store)
    csv_path = data.export(store, tmp_path / "tank.csv")
    parquet_path = data.export(store, tmp_path / "tank.parquet")
    from_csv = pd.read_csv(csv_path, index_col="t")
    from_parquet = pd.read_parquet(parquet_path)
    assert len(from_csv) == len(from_parquet) == 10
    assert from_parquet["tank.level"].iloc[0] == pytest.approx(400.0, abs=1)
    with pytest.raises(factorylab.FactoryLabError):
        data.export(store, tmp_path / "tank.xlsx")


def test_the_same_file_takes_the_same_tags_only(tmp_path: Path) -> None:
    store = tmp_path / "h.sqlite"
    tags = [ALL_TAGS["conveyor1.run"]]
    with data.Historian(store, tags) as historian:
        historian.record(0.0, [True])
    with data.Historian(store, tags) as historian:  # another run of the same study: appended
        historian.record(1.0, [False])
    assert list(data.load(store)["conveyor1.run"]) == [True, False]
    with pytest.raises(factorylab.FactoryLabError) as caught:
        data.Historian(store, [ALL_TAGS["conveyor1.speed"]])
    assert "other tags" in caught.value.en


def test_loading_something_else_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(factorylab.FactoryLabError):
        data.load(tmp_path / "none.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database")
    with pytest.raises(factorylab.FactoryLabError):
        data.load(junk)


def test_sim_record_survives_sigkill(tmp_path: Path, free_port: int) -> None:
    store = tmp_path / "live.sqlite"
    sim = Sim(free_port, "--scenario", "conveyor", "--record", str(store), "--record-every", "0.1")
    started = time.monotonic()
    time.sleep(3.0)
    sim.process.send_signal(signal.SIGKILL)
    sim.process.communicate(timeout=10)
    lived = time.monotonic() - started
    frame = data.load(store)  # readable after a hard kill
    assert len(frame) > 10
    assert frame.index[-1] >= lived - 1.0 - 1.5  # at most the last second lost (plus start-up)
    assert set(frame.columns) >= {"conveyor1.run", "system.sim_time"}
