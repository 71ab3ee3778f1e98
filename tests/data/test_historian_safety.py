"""The historian never mixes columns, never crashes on a bad path or a full disk, and imports cleanly."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import factorylab
from factorylab import data
from factorylab.errors import FactoryLabError
from factorylab.plant.plant import EVENTS_KEPT, FINISHED_PARTS_KEPT
from factorylab.plant.recent import RecentList
from factorylab.tags import ALL_TAGS
from tests.conftest import factorylab_command

ROOT = Path(__file__).resolve().parents[2]


def _tags(*names: str):
    return [ALL_TAGS[name] for name in names]


def test_rows_go_by_column_name_whatever_the_tag_order(tmp_path: Path) -> None:
    store = tmp_path / "h.sqlite"
    with data.Historian(store, _tags("system.tick", "conveyor1.speed")) as first:
        first.record(0.0, [6, 0.25])
    with data.Historian(store, _tags("conveyor1.speed", "system.tick")) as second:  # another order
        second.record(1.0, [0.5, 7])
    frame = data.load(store)
    assert list(frame["run"]) == [1, 2]
    assert list(frame["system.tick"]) == [6, 7]
    assert list(frame["conveyor1.speed"]) == [0.25, 0.5]
    assert data.load(store, run=2)["system.tick"].tolist() == [7]
    assert data.load(store, run=-2)["system.tick"].tolist() == [6]
    with pytest.raises(FactoryLabError) as caught:
        data.load(store, run=3)
    assert "runs: 1, 2" in caught.value.en


def test_two_simulators_writing_one_file_keep_their_rows_apart(tmp_path: Path) -> None:
    store = tmp_path / "shared.sqlite"
    one = data.Historian(store, _tags("system.tick", "conveyor1.speed"), {"seed": 1})
    two = data.Historian(store, _tags("conveyor1.speed", "system.tick"), {"seed": 2})
    for n in range(50):  # interleaved, committing each time
        one.record(n * 0.1, [n, 0.1])
        one.commit()
        two.record(n * 0.1, [0.9, 1000 + n])
        two.commit()
    one.close()
    two.close()
    frame = data.load(store)
    assert sorted(frame["run"].unique()) == [one.run, two.run] and one.run != two.run
    first = frame[frame["run"] == one.run]
    second = frame[frame["run"] == two.run]
    assert first["system.tick"].tolist() == list(range(50)) and set(first["conveyor1.speed"]) == {0.1}
    assert second["system.tick"].tolist() == [1000 + n for n in range(50)] and set(second["conveyor1.speed"]) == {0.9}
    assert frame.attrs["runs"][one.run]["seed"] == 1 and frame.attrs["runs"][two.run]["seed"] == 2
    assert "seed" not in frame.attrs  # the runs disagree: no top-level fact


@pytest.mark.parametrize(
    "code",
    [
        "from factorylab import data; print(data.load.__module__)",
        "import factorylab; print(factorylab.data.load.__module__)",
        "import factorylab.data; print(factorylab.data.Historian.__module__)",
    ],
)
def test_data_imports_in_a_fresh_interpreter(code: str) -> None:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("factorylab.data.historian")


def test_a_path_with_hash_and_question_mark_records_and_loads(tmp_path: Path) -> None:
    folder = tmp_path / "class #3? a"
    folder.mkdir()
    store = folder / "run #1?.sqlite"
    with data.Historian(store, _tags("system.tick")) as historian:
        historian.record(0.0, [1])
    assert data.load(store)["system.tick"].tolist() == [1]
    assert sorted(p.name for p in folder.iterdir()) == ["run #1?.sqlite"]  # no WAL files left, nothing else
    out = data.export(store, folder / "run #1?.csv")
    assert out.read_text().splitlines()[0] == "t,run,system.tick"


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FACTORYLAB_LANG": "en", "PYTHONPATH": str(ROOT / "simulator")}
    return subprocess.run(factorylab_command() + list(args), capture_output=True, text=True, timeout=120, env=env)


def _no_traceback(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("factorylab: ")


def test_sim_record_into_a_missing_folder_a_folder_or_a_foreign_file(tmp_path: Path) -> None:
    missing = _cli("sim", "--headless", "--record", str(tmp_path / "nowhere" / "x.sqlite"))
    _no_traceback(missing)
    assert "there is no folder" in missing.stderr and not (tmp_path / "nowhere").exists()

    folder = _cli("sim", "--headless", "--record", str(tmp_path))
    _no_traceback(folder)
    assert "is a folder" in folder.stderr

    foreign = tmp_path / "notes.sqlite"
    foreign.write_text("my homework, not a database")
    other = _cli("sim", "--headless", "--record", str(foreign))
    _no_traceback(other)
    assert "not a FactoryLab history file" in other.stderr
    assert foreign.read_text() == "my homework, not a database"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]  # no stray files


def test_loading_a_folder_or_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FactoryLabError) as caught:
        data.load(tmp_path)
    assert "folder" in caught.value.en
    with pytest.raises(FactoryLabError):
        data.load(tmp_path / "none.sqlite")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def locked_folder(tmp_path: Path):
    """A folder no file can be written into, even by root (who ignores permissions): immutable then."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    immutable = False
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("running as root on a file system without chattr +i: nothing is read-only for root")
        immutable = True
    try:
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_a_read_only_folder_is_told_with_exit_2(locked_folder: Path) -> None:
    done = _cli("sim", "--headless", "--record", str(locked_folder / "x.sqlite"))
    _no_traceback(done)
    assert "read-only" in done.stderr
    out = _cli("dataset", "--hours", "0.01", "--out", str(locked_folder / "shift.csv"))
    _no_traceback(out)
    assert "read-only" in out.stderr
    with pytest.raises(FactoryLabError) as caught:
        data.Historian(locked_folder / "x.sqlite", _tags("system.tick"))
    assert "read-only" in caught.value.en
    assert list(locked_folder.iterdir()) == []


def test_dataset_into_a_missing_folder_says_so_and_makes_none(tmp_path: Path) -> None:
    done = _cli("dataset", "--hours", "0.01", "--out", str(tmp_path / "a" / "b" / "shift.csv"))
    _no_traceback(done)
    assert "there is no folder" in done.stderr
    assert list(tmp_path.iterdir()) == []


def _small_disk() -> None:
    """In the child: files may grow to 600 kB, then writes fail as on a full disk (EFBIG)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (600_000, 600_000))


def test_a_full_disk_stops_recording_and_the_simulator_goes_on_serving(tmp_path: Path, free_port: int) -> None:
    from pymodbus.client import ModbusTcpClient

    store = tmp_path / "full.sqlite"
    env = {**os.environ, "FACTORYLAB_LANG": "en"}
    process = subprocess.Popen(
        factorylab_command()
        + ["sim", "--headless", "--port", str(free_port), "--scenario", "line", "--speed", "100"]
        + ["--record", str(store), "--record-every", "0.05"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=_small_disk,
    )
    try:
        deadline = time.monotonic() + 60
        client = ModbusTcpClient("127.0.0.1", port=free_port)
        while not client.connect():
            assert process.poll() is None and time.monotonic() < deadline, process.communicate()
            time.sleep(0.1)
        time.sleep(8.0)  # 800 simulated seconds, far more rows than 600 kB holds
        assert process.poll() is None, "the simulator died of a full disk"
        tick = ALL_TAGS["system.tick"]
        first = client.read_holding_registers(tick.address, count=2).registers
        time.sleep(1.0)
        second = client.read_holding_registers(tick.address, count=2).registers
        client.close()
        assert first != second  # still simulating and serving
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "recording into" in err and "stopped" in err and "goes on serving" in err
    assert err.count("recording into") == 1  # told once
    assert "Traceback" not in err
    frame = data.load(store)  # what was saved stays readable
    assert len(frame) > 0


def test_a_full_disk_during_a_notebook_run_is_a_note_not_a_crash(tmp_path: Path) -> None:
    code = f"""
import resource, signal
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
import factorylab
line = factorylab.connect(scenario="line", seed=1)
resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))
result = factorylab.run(lambda line, t: None, line, seconds=600, record_every=0.05,
                       record=["system.tick", "conveyor1.speed", "oven.temperature"], store={str(tmp_path / "r.sqlite")!r})
print(len(result.history), result.kpis["parts_in"] >= 0)
print([en for ko, en in result.notes if "stopped" in en])
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "12000 True"  # the run finished with its whole history in memory
    assert "recording into" in lines[1] and "the rows up to t =" in lines[1]  # committed in chunks: some were saved


def test_parquet_needs_the_extra_and_says_how(tmp_path: Path) -> None:
    store = tmp_path / "h.sqlite"
    with data.Historian(store, _tags("system.tick")) as historian:
        historian.record(0.0, [1])
    code = f"""
import sys
sys.modules["pyarrow"] = None  # as if not installed
from factorylab import data
from factorylab.errors import FactoryLabError
try:
    data.export({str(store)!r}, {str(tmp_path / "h.parquet")!r})
except FactoryLabError as exc:
    print(exc.en)
data.export({str(store)!r}, {str(tmp_path / "h.csv")!r})
print("csv ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert 'pip install "factorylab[parquet]"' in done.stdout and "csv ok" in done.stdout
    assert not (tmp_path / "h.parquet").exists()
    pyproject = (ROOT / "pyproject.toml").read_text()
    dependencies = pyproject.split("dependencies = [", 1)[1].split("]", 1)[0]
    assert "pyarrow" not in dependencies and 'parquet = ["pyarrow' in pyproject


def test_recent_list_keeps_the_newest_and_counts_the_rest() -> None:
    log: RecentList[int] = RecentList(keep=8)
    for n in range(100):
        log.append(n)
        assert len(log) <= 9
    assert log.total == 100 and log[-1] == 99 and list(log)[-8:] == list(range(92, 100))
    assert log.since(95) == [95, 96, 97, 98, 99]
    assert log.lost_since(80) == log.dropped - 80 > 0 and log.since(80)[0] == log[0]
    with pytest.raises(ValueError):
        RecentList(0)


def test_the_plant_stays_bounded_and_a_run_still_sees_all_its_events(monkeypatch) -> None:
    from factorylab.control import reference
    from factorylab.plant import plant as plant_module

    # the same mechanism with a tenth of the limits, so an hour shows what ten hours show with the real ones
    events_kept, parts_kept = EVENTS_KEPT // 10, FINISHED_PARTS_KEPT // 10
    monkeypatch.setattr(plant_module, "EVENTS_KEPT", events_kept)
    monkeypatch.setattr(plant_module, "FINISHED_PARTS_KEPT", parts_kept)
    line = factorylab.connect(scenario="line", seed=4)
    factorylab.run(reference.make_line_controller(), line, seconds=0.2 * 3600.0)
    before = line.plant.events.total
    result = factorylab.run(reference.make_line_controller(), line, seconds=0.8 * 3600.0)
    plant = line.plant
    assert plant.events.total > events_kept  # the log did drop old events ...
    assert plant.events.dropped > 0
    assert len(plant.events) <= events_kept * 9 // 8 + 1
    assert len(plant.finished_parts) <= parts_kept * 9 // 8 + 1
    assert plant.finished_parts.total > parts_kept  # (the parts' list did drop old parts too)
    assert len(result.events) == plant.events.total - before > events_kept  # ... the run still got every one
    assert result.events["t"].is_monotonic_increasing
    assert result.events["t"].iloc[0] >= 0.2 * 3600.0
