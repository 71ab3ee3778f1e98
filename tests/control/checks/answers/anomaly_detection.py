"""Answers to ``anomaly_detection``: alarm times of bearing wear and heater degradation from a machines table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalogue import Wrong

CHECK = "anomaly_detection"


def _settled(machines: pd.DataFrame) -> pd.DataFrame:
    running = machines["conveyor1_running"].astype(bool) & machines["conveyor2_running"].astype(bool)
    settled = running
    for lag in (1, 2, 3):
        settled = settled & running.shift(lag, fill_value=False)
    return machines[settled & (machines["t"] >= 300)]


def _edges(times, high) -> list[float]:
    out, was = [], False
    for t, h in zip(times, high, strict=True):
        if h and not was:
            out.append(float(t))
        was = bool(h)
    return out


def reference(machines: pd.DataFrame) -> dict[str, list[float]]:
    """Baseline from the first 4 settled running minutes; rolling means; rising edges."""
    rows = _settled(machines)
    healthy = rows.head(18)
    alarms: dict[str, list[float]] = {"bearing": [], "heater": []}
    for column, kind, window, sds, margin in [
        ("conveyor1_vibration", "bearing", 3, 5, 0.0),
        ("conveyor2_vibration", "bearing", 3, 5, 0.0),
        ("oven_heater", "heater", 6, 4, 3.0),
    ]:
        limit = healthy[column].mean() + max(sds * healthy[column].std(), margin)
        alarms[kind] += _edges(rows["t"], rows[column].rolling(window).mean() > limit)
    return alarms


def ratio_to_median(machines: pd.DataFrame) -> dict[str, list[float]]:
    """Ratio to the healthy median, numpy arrays, one alarm per kind (latched)."""
    rows = _settled(machines)
    healthy = rows.head(18)
    t = rows["t"].to_numpy()
    out: dict[str, list[float]] = {}
    vib = np.maximum(
        rows["conveyor1_vibration"].rolling(4).mean() / healthy["conveyor1_vibration"].median(),
        rows["conveyor2_vibration"].rolling(4).mean() / healthy["conveyor2_vibration"].median(),
    ).to_numpy()
    hit = np.nonzero(vib > 1.2)[0]
    out["bearing"] = [float(t[hit[0]])] if len(hit) else []
    heat = (rows["oven_heater"].rolling(8).mean() / healthy["oven_heater"].median()).to_numpy()
    hit = np.nonzero(heat > 1.05)[0]
    out["heater"] = [float(t[hit[0]])] if len(hit) else []
    return out


class Cusum:
    """A one-sided CUSUM per signal against its healthy mean, with a loop over rows (a class with __call__)."""

    def __call__(self, machines: pd.DataFrame) -> dict[str, list[float]]:
        rows = _settled(machines)
        healthy = rows.head(18)
        alarms: dict[str, list[float]] = {"bearing": [], "heater": []}
        for column, kind in [
            ("conveyor1_vibration", "bearing"),
            ("conveyor2_vibration", "bearing"),
            ("oven_heater", "heater"),
        ]:
            mean, sd = healthy[column].mean(), max(healthy[column].std(), 0.02 if kind == "bearing" else 0.5)
            total, on = 0.0, False
            for t, value in zip(rows["t"], rows[column], strict=True):
                total = max(0.0, total + (value - mean) / sd - 1.0)
                if total > 25 and not on:
                    alarms[kind].append(float(t))
                on = total > 25
        return alarms


CORRECT = [reference, ratio_to_median, Cusum()]
REFERENCE = reference


# --- wrong -------------------------------------------------------------------------------------------------------
def every_sample(machines):
    """An alarm on every sample above the limit (no edge)."""
    rows = _settled(machines)
    healthy = rows.head(18)
    limit = healthy["conveyor1_vibration"].mean() + 5 * healthy["conveyor1_vibration"].std()
    high = rows[(rows["conveyor1_vibration"] > limit) | (rows["conveyor2_vibration"] > limit)]
    return {
        "bearing": list(high["t"]),
        "heater": list(rows[rows["oven_heater"] > healthy["oven_heater"].mean() + 3]["t"]),
    }


def running_state_ignored(machines):
    """Baseline from the first running minutes, but a low alarm too: a stopped belt reads zero."""
    alarms = reference(machines)
    rows = machines[machines["t"] >= 300]
    healthy = _settled(machines).head(18)
    for belt in ("conveyor1", "conveyor2"):
        low = healthy[f"{belt}_vibration"].mean() - 5 * healthy[f"{belt}_vibration"].std()
        alarms["bearing"] += _edges(rows["t"], (rows[f"{belt}_vibration"] < low) | (rows[f"{belt}_vibration"] > 99))
    alarms["bearing"].sort()
    return alarms


def heater_raw_from_start(machines):
    """The heater compared with a fixed 95 % from t = 0: the warm-up runs at 100 %."""
    alarms = reference(machines)
    alarms["heater"] = _edges(machines["t"], machines["oven_heater"] > 95)
    return alarms


def raw_vibration_threshold(machines):
    """A fixed 1.8 mm/s on the raw vibration, no baseline (edges, running belts only)."""
    alarms = reference(machines)
    rows = _settled(machines)
    high = (rows["conveyor1_vibration"] > 1.8) | (rows["conveyor2_vibration"] > 1.8)
    alarms["bearing"] = _edges(rows["t"], high)
    return alarms


def only_at_the_end(machines):
    """Compares the last rows with the first ones: knows only at the end of the shift."""
    alarms = reference(machines)
    rows = _settled(machines)
    last = float(machines["t"].iloc[-1])
    for column, kind in [("oven_heater", "heater")]:
        alarms[kind] = [last] if rows[column].tail(10).mean() > rows[column].head(18).mean() + 3 else []
    return alarms


def midpoint_of_the_shift(machines):
    """The heater's limit halfway between its first and last minutes: it needs the end of the shift to know."""
    alarms = reference(machines)
    rows = _settled(machines)
    limit = (rows["oven_heater"].head(18).mean() + rows["oven_heater"].tail(18).mean()) / 2
    alarms["heater"] = _edges(
        rows["t"], rows["oven_heater"].rolling(6).mean() > max(limit, rows["oven_heater"].head(18).mean() + 3)
    )
    return alarms


def fixed_times(machines):
    """A timetable: every fault is said to start around 20 min, whatever the data."""
    return {"bearing": [1320.0], "heater": [1320.0]}


def one_sample_tight(machines):
    """One sample against mean + 2 standard deviations: noise crosses it."""
    rows = _settled(machines)
    healthy = rows.head(18)
    alarms = reference(machines)
    alarms["bearing"] = []
    for belt in ("conveyor1", "conveyor2"):
        limit = healthy[f"{belt}_vibration"].mean() + 2 * healthy[f"{belt}_vibration"].std()
        alarms["bearing"] += _edges(rows["t"], rows[f"{belt}_vibration"] > limit)
    alarms["bearing"].sort()
    return alarms


def heater_ignored(machines):
    """Only the bearing: the heater is never alarmed."""
    return {"bearing": reference(machines)["bearing"], "heater": []}


def a_list_not_a_dict(machines):
    """All alarm times in one list."""
    alarms = reference(machines)
    return alarms["bearing"] + alarms["heater"]


WRONG = [
    Wrong(every_sample, "every_sample"),
    Wrong(running_state_ignored, "running_state"),
    Wrong(heater_raw_from_start, "warm_up"),
    Wrong(raw_vibration_threshold, "no_baseline"),
    Wrong(only_at_the_end, "end_only"),
    Wrong(heater_ignored, "missed"),
    Wrong(one_sample_tight, "false_alarms"),
    Wrong(midpoint_of_the_shift, "uses_future"),
    Wrong(fixed_times, "open_loop"),
    Wrong(a_list_not_a_dict, "not_a_dict"),
]
