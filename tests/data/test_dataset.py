"""Datasets: labelled, described, licensed, byte-identical for a seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from factorylab import FactoryLabError
from factorylab.data import dataset


def make(tmp_path: Path, name: str, *args: str) -> list[Path]:
    out = tmp_path / name / "shift.csv"
    out.parent.mkdir()  # the command makes no folders
    subprocess.run(
        [sys.executable, "-m", "factorylab", "dataset", "--out", str(out), "--lang", "en", *args],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return [out, out.with_name("shift.machines.csv"), out.with_name("shift.json")]


@pytest.mark.parametrize("scenario", ["line", "cnc"])
def test_same_seed_gives_byte_identical_files(tmp_path: Path, scenario: str) -> None:
    first = make(tmp_path, "a", "--scenario", scenario, "--hours", "0.5", "--seed", "7")
    second = make(tmp_path, "b", "--scenario", scenario, "--hours", "0.5", "--seed", "7")
    other = make(tmp_path, "c", "--scenario", scenario, "--hours", "0.5", "--seed", "8")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert first[0].read_bytes() != other[0].read_bytes()


def test_records_are_labelled_and_every_column_is_described(tmp_path: Path) -> None:
    parts_path, machines_path, sidecar_path = make(tmp_path, "d", "--hours", "1", "--seed", "2")
    parts = pd.read_csv(parts_path)
    machines = pd.read_csv(machines_path)
    sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
    assert sidecar["licence"] == "CC BY 4.0"
    assert sidecar["generator"]["seed"] == 2 and sidecar["generator"]["scenario"] == "line"
    for key, frame in (("parts", parts), ("machines", machines)):
        described = sidecar["files"][key]
        assert [c["name"] for c in described["columns"]] == list(frame.columns)
        assert described["rows"] == len(frame)
        for column in described["columns"]:
            assert column["description_en"] and column["description_ko"]
    assert len(parts) > 500 and len(machines) == 360
    # AI4I columns and labels
    machined = parts.dropna(subset=["torque"])
    assert machined["torque"].between(0, 100).all()
    failures = machined[machined["machine_failure"] == 1]
    assert (failures[["TWF", "HDF", "PWF", "OSF", "RNF", "TBF"]].sum(axis=1) >= 1).all()
    assert set(parts["defect_cause"].dropna()) <= {"machining", "dimension", "overheated", "soft"}
    assert (parts["defect"] == parts["defect_cause"].notna().astype(int)).all()
    assert set(parts["destination"]) <= {"outfeed", "reject_bin"}
    # faults were injected and labelled in the machine records
    labels = machines[[c for c in machines.columns if c.startswith("fault_")]]
    labelled = {c for c in labels.columns if labels[c].notna().any()}
    assert {"fault_jam", "fault_valve_stuck", "fault_sensor_stuck_on", "fault_bearing_wear"} <= labelled
    assert set(labels["fault_jam"].dropna()) <= {"conveyor1", "conveyor2"}


def test_bad_requests(tmp_path: Path) -> None:
    with pytest.raises(FactoryLabError) as caught:
        dataset.generate("sorting", 1, 1)
    assert "line" in caught.value.en
    with pytest.raises(FactoryLabError):
        dataset.generate("line", 0, 1)
    with pytest.raises(FactoryLabError):
        dataset.write(dataset.generate("cnc", 0.02, 1), tmp_path / "x.txt")


def test_the_command_takes_a_tool_policy_and_says_the_failure_rate(tmp_path: Path) -> None:
    out = tmp_path / "shift.csv"
    env = {**os.environ, "FACTORYLAB_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-m", "factorylab", "dataset", "--hours", "0.5", "--seed", "2", "--out", str(out)]
        + ["--tool-policy", "run-to-failure", "--lang", "en"],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "tool policy run-to-failure" in done.stdout and "machine failures" in done.stdout
    assert "%|" not in done.stderr  # not a terminal: no progress bar unless asked
    sidecar = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["generator"]["tool_policy"] == "run-to-failure"


def test_a_wrong_tool_policy_is_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "factorylab", "dataset", "--out", str(tmp_path / "s.csv"), "--tool-policy", "often"]
        + ["--lang", "en"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and "the tool policy is one of mixed, run-to-failure, fixed:MINUTES" in done.stderr
    assert "Traceback" not in done.stderr and list(tmp_path.iterdir()) == []


def test_progress_shows_a_bar_when_asked(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "factorylab", "dataset", "--hours", "0.2", "--out", str(tmp_path / "s.csv")]
        + ["--progress", "--lang", "en"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "line:" in done.stderr and "%|" in done.stderr and "/720 s" in done.stderr


def test_shift_gives_the_dataset_as_pandas_tables_with_units():
    from factorylab import data

    parts, machines = data.shift(seed=2, hours=0.2)
    same = dataset.generate("line", 0.2, 2)
    assert len(parts) == len(same.parts) > 0 and len(machines) == len(same.machines)
    assert parts["measured_dimension"].round(6).tolist() == [round(row["measured_dimension"], 6) for row in same.parts]
    assert list(parts.columns) == [c[0] for c in dataset.PART_COLUMNS]
    assert parts.attrs["columns"]["dimension"][0] == "mm" and machines.attrs["columns"]["t"][0] == "s"
    again, _ = data.shift(seed=2, hours=0.2)
    assert again.equals(parts)


@pytest.mark.parametrize("scenario", ["line", "cnc"])
def test_shift_is_what_read_csv_gives_for_the_files_flags_are_integers(tmp_path: Path, scenario: str) -> None:
    from factorylab import data

    parts, machines = data.shift(seed=3, hours=0.3, scenario=scenario)
    out = tmp_path / "shift.csv"
    dataset.write(dataset.generate(scenario, 0.3, 3), out)
    pd.testing.assert_frame_equal(parts, pd.read_csv(out))
    pd.testing.assert_frame_equal(machines, pd.read_csv(out.with_name("shift.machines.csv")))
    for flag in ("machine_failure", "TWF", "HDF", "PWF", "OSF", "RNF", "TBF", "defect"):
        assert parts[flag].dtype == "int64" and set(parts[flag]) <= {0, 1}, flag
    assert int(parts["OSF"].sum()) >= 0  # sums without a TypeError
    for column in ("torque", "tool_wear", "dwell", "measured_dimension", "air_temperature", "fed_at"):
        assert parts[column].dtype == "float64", column  # NaN where there is no value
    assert parts["defect_cause"].isna().sum() == (parts["defect"] == 0).sum()


def test_a_part_ruined_while_loading_has_integer_flags_and_no_machine_record() -> None:
    from factorylab.plant import Plant, load_scenario
    from factorylab.plant.parts import Part

    plant = Plant(load_scenario("cnc"), seed=1)
    loading = Part(id=7, kind="A", colour="red", length=60.0, weight=100.0, grade="L")
    loading.history += [(0.0, "feeder"), (5.0, "cnc"), (5.2, "cnc_failure"), (9.0, "outfeed")]
    waiting = Part(id=8, kind="A", colour="red", length=60.0, weight=100.0, grade="M")
    waiting.history += [(0.0, "feeder"), (9.0, "outfeed")]
    ruined, untouched = (dataset._part_record(part, plant) for part in (loading, waiting))
    assert ruined["machine_failure"] == ruined["TBF"] == 1 and ruined["OSF"] == ruined["TWF"] == 0
    assert untouched["machine_failure"] == 0 and all(
        untouched[m] == 0 for m in ("TWF", "HDF", "PWF", "OSF", "RNF", "TBF")
    )
    assert ruined["torque"] is None and ruined["tool_wear"] is None  # NaN in the tables
    assert dataset._format(ruined["machine_failure"]) == "1" and dataset._format(ruined["torque"]) == ""
