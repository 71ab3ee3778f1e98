"""The open-data export: the files, a sidecar that describes every column of every file, no real names."""

from __future__ import annotations

import csv
import datetime
import json
import os
import sys
from pathlib import Path

import pytest

from factorylab.data.dataset import LICENCE_URL, PART_COLUMNS
from factorylab.datacenter.export import FILES, export
from factorylab.datacenter.store import open_store
from factorylab.errors import FactoryLabError
from tests.datacenter.messages import START, FakeLine

REAL_NAMES = ("hanbit-tech", "kim-minji", "lee-seojun")
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'dc.sqlite'}"
    with open_store(url) as store:
        store.ingest(FakeLine(REAL_NAMES[0], REAL_NAMES[1], seed=3).stream(120))
        store.ingest(FakeLine(REAL_NAMES[0], REAL_NAMES[2], seed=4, start=START + MINUTE).stream(80))
        # a second run of the first line, whose meta never came
        lost_meta = FakeLine(REAL_NAMES[0], REAL_NAMES[1], seed=5, start=START + 2 * MINUTE)
        store.ingest(lost_meta.stream(30)[1:])
    return url


def test_csv_files_and_a_sidecar_that_describes_every_column(url: str, tmp_path: Path) -> None:
    out = tmp_path / "open-data"
    written = export(url, out)
    assert [p.name for p in written] == [f"{name}.csv" for name in FILES] + ["dataset.json"]
    sidecar = json.loads((out / "dataset.json").read_text(encoding="utf-8"))
    assert sidecar["licence"] == "CC BY 4.0" and sidecar["licence_url"] == LICENCE_URL
    assert sidecar["layout"]["en"] and sidecar["layout"]["ko"] and sidecar["anonymised"] is True
    for name in FILES:
        described = sidecar["files"][name]
        with open(out / described["file"], encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header = rows[0]
        assert header == [column["name"] for column in described["columns"]], name
        assert described["rows"] == len(rows) - 1
        for column in described["columns"]:
            assert set(column) == {"name", "unit", "description_en", "description_ko"}
            assert column["description_en"] and column["description_ko"], (name, column["name"])
    units = {c["name"]: c["unit"] for c in sidecar["files"]["samples"]["columns"]}
    assert units["production.oee"] == "%" and units["conveyor1.current"] == "A" and units["t"] == "s"
    parts = {c["name"]: c["unit"] for c in sidecar["files"]["parts"]["columns"]}
    assert all(parts[name] == unit for name, unit, *_ in PART_COLUMNS)
    assert sidecar["files"]["samples"]["rows"] > 0 and sidecar["files"]["faults"]["rows"] > 0
    # the runs' generating parameters; the run without its meta is listed with what is known
    runs = sidecar["runs"]
    assert [(r["run"], r["line"], r["seed"]) for r in runs] == [
        ("run-1", "line-A", 3),
        ("run-2", "line-B", 4),
        ("run-3", "line-A", None),
    ]
    assert runs[0]["scenario"] == "line" and runs[0]["every_s"] == 1.0 and runs[0]["factorylab_version"]
    assert sidecar["lines"] == [
        {"site": "site-1", "line": "line-A", "runs": 2},
        {"site": "site-1", "line": "line-B", "runs": 1},
    ]
    # anonymised: the real names are nowhere, and no run id either
    with open_store(url) as store:
        run_ids = [row[0] for row in store.rows("SELECT run FROM runs")[1]]
    for path in written:
        text = path.read_text(encoding="utf-8")
        for secret in (*REAL_NAMES, *run_ids):
            assert secret not in text, (path.name, secret)


def test_not_anonymised_keeps_the_names(url: str, tmp_path: Path) -> None:
    export(url, tmp_path / "named", anonymise=False)
    text = (tmp_path / "named" / "parts.csv").read_text(encoding="utf-8")
    assert REAL_NAMES[1] in text and REAL_NAMES[0] in text
    assert json.loads((tmp_path / "named" / "dataset.json").read_text(encoding="utf-8"))["anonymised"] is False


def test_parquet(url: str, tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    export(url, tmp_path / "pq", format="parquet")
    sidecar = json.loads((tmp_path / "pq" / "dataset.json").read_text(encoding="utf-8"))
    for name in FILES:
        frame = pandas.read_parquet(tmp_path / "pq" / f"{name}.parquet")
        assert list(frame.columns) == [c["name"] for c in sidecar["files"][name]["columns"]]
        assert len(frame) == sidecar["files"][name]["rows"]


def test_clear_errors(url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if it were not installed
    with pytest.raises(FactoryLabError) as error:
        export(url, tmp_path / "x", format="parquet")
    assert "pyarrow" in error.value.en and "pyarrow" in error.value.ko and not (tmp_path / "x").exists()
    with pytest.raises(FactoryLabError) as error:
        export(url, tmp_path / "x", format="xlsx")
    assert "csv or parquet" in error.value.en
    afile = tmp_path / "afile"
    afile.write_text("", encoding="utf-8")
    with pytest.raises(FactoryLabError) as error:
        export(url, afile)
    assert "not a folder" in error.value.en
    with pytest.raises(FactoryLabError) as error:
        export(url, afile / "inside")  # a folder under a file cannot be made
    assert "cannot write" in error.value.en and "쓸 수 없습니다" in error.value.ko
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if not os.access(locked, os.W_OK):  # (root writes anyway: then there is nothing to see)
            with pytest.raises(FactoryLabError) as error:
                export(url, locked)
            assert "cannot write" in error.value.en
    finally:
        locked.chmod(0o700)
