"""Answers to ``historian``: a real 30-minute recording of the line, its per-minute table, the oven's mean.

Each answer is a dict built the first time the check looks at it (the
recordings are made when a test runs, not when the catalogue is imported),
from real fast-forward runs of the reference line controller, recorded into
files in a temporary folder that lives as long as the test process.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

import factorylab
from factorylab import data
from factorylab.control.reference import make_line_controller
from factorylab.data import Historian
from factorylab.tags import ALL_TAGS

from ..catalogue import Wrong

CHECK = "historian"

TAGS = [
    "production.state",
    "production.parts_in",
    "production.parts_out",
    "production.oee",
    "conveyor1.current",
    "conveyor1.belt_speed",
    "oven.temperature",
    "oven.heater",
    "oven.parts_inside",
    "tank.level",
]

_FOLDER: list[Path] = []
_FILES: dict[str, Path] = {}


def _folder() -> Path:
    if not _FOLDER:
        folder = Path(tempfile.mkdtemp(prefix="factorylab-historian-"))
        atexit.register(shutil.rmtree, folder, True)
        _FOLDER.append(folder)
    return _FOLDER[0]


def record(name: str, *runs: dict[str, Any]) -> Path:
    """A file of one or more recordings (each a run() of the reference controller on a fresh line), made once."""
    if name not in _FILES:
        path = _folder() / f"{name}.sqlite"
        for options in runs:
            options = {"seconds": 1800, "record": TAGS, "record_every": 1, **options}
            line = factorylab.connect(scenario="line")
            factorylab.run(make_line_controller(), line, store=path, **options)
        _FILES[name] = path
    return _FILES[name]


def good() -> Path:
    return record("good", {})


class Recorded(dict):
    """An answer dict made on first use (the recording runs when the check looks at it)."""

    def __init__(self, name: str, build: Callable[[], dict[str, Any]]) -> None:
        super().__init__()
        self.__name__ = name
        self._build = build
        self._built = False

    def _fill(self) -> None:
        if not self._built:
            self._built = True
            self.update(self._build())

    def __getitem__(self, key: str) -> Any:
        self._fill()
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._fill()
        return super().get(key, default)

    def __iter__(self):
        self._fill()
        return super().__iter__()

    def __len__(self) -> int:
        self._fill()
        return super().__len__()

    def __contains__(self, key: object) -> bool:
        self._fill()
        return super().__contains__(key)

    def keys(self):
        self._fill()
        return super().keys()

    def items(self):
        self._fill()
        return super().items()

    def __repr__(self) -> str:
        return f"Recorded({self.__name__})"


def per_minute_resampled(path: Path) -> pd.DataFrame:
    frame = data.load(path, run=-1)
    frame.index = pd.to_timedelta(frame.index, unit="s")
    return frame.resample("1min").mean()


def reference() -> dict[str, Any]:
    """Reference: a timedelta index, resample("1min").mean(), minutes 20-29 of the table."""
    path = good()
    per_minute = per_minute_resampled(path)
    return {
        "store": str(path),
        "per_minute": per_minute,
        "oven_mean": per_minute["oven.temperature"].iloc[20:30].mean(),
    }


def grouped_by_minute() -> dict[str, Any]:
    """groupby(minute number) on the seconds; the figure from the raw rows with .loc."""
    path = good()
    frame = data.load(path).drop(columns="run")
    per_minute = frame.groupby(frame.index // 60).mean()
    return {
        "store": path,
        "per_minute": per_minute,
        "oven_mean": float(frame.loc[1200:1799, "oven.temperature"].mean()),
    }


def datetime_index_two_runs() -> dict[str, Any]:
    """A file with a 1-minute try first (same tags, other order, scan 0.1 s), a datetime index, "60s" bins."""
    path = record("two_runs", {"seconds": 60, "record": list(reversed(TAGS))}, {"scan": 0.1})
    frame = data.load(path, run=-1)
    seconds = frame.index.to_numpy()
    frame.index = pd.to_datetime(seconds, unit="s")
    per_minute = frame.resample("60s").mean()
    window = frame["oven.temperature"][(seconds >= 20 * 60) & (seconds < 30 * 60)]
    return {"store": path, "per_minute": per_minute, "oven_mean": window.mean()}


CORRECT = [
    Recorded("reference", reference),
    Recorded("grouped_by_minute", grouped_by_minute),
    Recorded("datetime_index_two_runs", datetime_index_two_runs),
]
REFERENCE = CORRECT[0]


def _from(path_of: Callable[[], Path]) -> Callable[[], dict[str, Any]]:
    """The reference's table and figure, made from another file."""

    def build() -> dict[str, Any]:
        path = path_of()
        try:
            per_minute = per_minute_resampled(path)
            oven_mean = per_minute["oven.temperature"].iloc[20:30].mean()
        except Exception:  # noqa: BLE001 - a broken recording: the file's finding comes first anyway
            per_minute, oven_mean = None, None
        return {"store": str(path), "per_minute": per_minute, "oven_mean": oven_mean}

    return build


def _good_with(**changes: Callable[[Path], Any]) -> Callable[[], dict[str, Any]]:
    """The reference's answer with some parts made another way from the good file."""

    def build() -> dict[str, Any]:
        answer = reference()
        for key, make in changes.items():
            answer[key] = make(Path(answer["store"]))
        return answer

    return build


def _with_gap() -> Path:
    """The good recording with 20 rows (500-519 s) left out, written by the historian itself."""
    path = _folder() / "gap.sqlite"
    if not path.exists():
        frame = data.load(good(), run=-1)
        kept = frame[(frame.index < 500) | (frame.index >= 520)]
        historian = Historian(path, [ALL_TAGS[name] for name in frame.columns])
        for t, row in kept.iterrows():
            historian.record(float(t), [v.item() if hasattr(v, "item") else v for v in row.to_numpy(object)])
        historian.close()
    return path


def _whole_run_mean(path: Path) -> float:
    return data.load(path, run=-1)["oven.temperature"].mean()


def _first_ten(path: Path) -> float:
    return per_minute_resampled(path)["oven.temperature"].iloc[0:10].mean()


def _heater(path: Path) -> float:
    return per_minute_resampled(path)["oven.heater"].iloc[20:30].mean()


def _resampled(how: str, period: str = "1min") -> Callable[[Path], pd.DataFrame]:
    def make(path: Path) -> pd.DataFrame:
        frame = data.load(path, run=-1)
        frame.index = pd.to_timedelta(frame.index, unit="s")
        return getattr(frame.resample(period), how)()

    return make


WRONG = [
    # record_every left at a scan: 36,000 rows
    Wrong(Recorded("every_scan", _from(lambda: record("every_scan", {"record_every": 0.05}))), "every_scan"),
    # the raw counts of the thermocouple and the belt's setpoint in % for the measured values
    Wrong(
        Recorded(
            "raw_and_setpoint",
            _from(
                lambda: record(
                    "raw_and_setpoint",
                    {
                        "record": [
                            {"oven.temperature": "oven.temperature_raw", "conveyor1.belt_speed": "conveyor1.speed"}.get(
                                n, n
                            )
                            for n in TAGS
                        ]
                    },
                )
            ),  # fmt: skip
        ),
        "wrong_tags",
    ),
    # record left out: every tag of the line
    Wrong(Recorded("every_tag", _from(lambda: record("every_tag", {"record": None}))), "every_tag"),
    # seconds=30 for "30 minutes"
    Wrong(Recorded("thirty_seconds", _from(lambda: record("thirty_seconds", {"seconds": 30}))), "seconds_not_minutes"),
    # the shift recorded in three calls of run(): three runs of 10 minutes
    Wrong(Recorded("three_runs", _from(lambda: record("three_runs", *[{"seconds": 600}] * 3))), "several_runs"),
    # one row every 10 s
    Wrong(Recorded("every_ten", _from(lambda: record("every_ten", {"record_every": 10}))), "wrong_spacing"),
    Wrong(Recorded("gap", _from(_with_gap)), "rows_missing"),
    Wrong(
        Recorded("no_file", lambda: {"store": "never_recorded.sqlite", "per_minute": None, "oven_mean": 220.0}),
        "no_file",
    ),  # fmt: skip
    # the table handed in as loaded, without resampling
    Wrong(Recorded("not_resampled", _good_with(per_minute=lambda p: data.load(p, run=-1))), "not_resampled"),
    Wrong(Recorded("per_hour", _good_with(per_minute=_resampled("mean", "1h"))), "wrong_period"),
    Wrong(Recorded("summed", _good_with(per_minute=_resampled("sum"))), "resample_sum"),
    Wrong(Recorded("last_value", _good_with(per_minute=_resampled("last"))), "not_the_mean"),
    Wrong(Recorded("no_table", _good_with(per_minute=lambda p: None)), "no_per_minute"),
    Wrong(Recorded("whole_run_mean", _good_with(oven_mean=_whole_run_mean)), "whole_run_mean"),
    Wrong(Recorded("first_ten_minutes", _good_with(oven_mean=_first_ten)), "first_ten_minutes"),
    Wrong(Recorded("heater_mean", _good_with(oven_mean=_heater)), "wrong_column"),
    Wrong(Recorded("kelvin", _good_with(oven_mean=lambda p: reference()["oven_mean"] + 273.15)), "oven_mean_wrong"),
    Wrong(
        Recorded("as_text", _good_with(oven_mean=lambda p: f"{reference()['oven_mean']:.1f} °C")),
        "oven_mean_not_a_number",
    ),  # fmt: skip
    Wrong(["shift.sqlite", None, 220.0], "not_a_dict"),
]
