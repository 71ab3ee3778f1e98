"""Unit 2 figure: a shift's recording, per second and per minute, as a student makes it in lab 2-2.

Drawn from a real fast-forward run of the whole line (``line`` scenario, seed 0) with the reference controller:
30 simulated minutes, ten tags recorded every second into an SQLite historian file, loaded with
``factorylab.data.load`` and resampled per minute with pandas. Three strips: the oven temperature every second and
each minute's mean (minutes 20-30, the period the lab's figure is taken over, shaded, with its mean); the parts
that left in each minute (the difference of each minute's last ``production.parts_out``); the OEE so far.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import factorylab
from factorylab import data
from factorylab.control.reference import make_line_controller

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
MINUTES = 30
WINDOW = (20, 30)


def recording():
    """(per-second frame, per-minute means, parts out per minute) of a real 30-minute recording."""
    import pandas as pd

    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "shift.sqlite"
        line = factorylab.connect(scenario="line", seed=0)
        factorylab.run(make_line_controller(), line, seconds=MINUTES * 60, record=TAGS, record_every=1, store=store)
        frame = data.load(store, run=-1)
    timed = frame.set_axis(pd.to_timedelta(frame.index, unit="s"))
    per_minute = timed.resample("1min").mean()
    last = timed["production.parts_out"].resample("1min").last()
    made = last.diff().fillna(last.iloc[0])
    return frame, per_minute, made


def figure(lang: str):
    """The oven per second and per minute, parts out per minute, OEE per minute."""
    import matplotlib.pyplot as plt

    ko = lang == "ko"
    frame, per_minute, made = recording()
    minutes = list(range(len(per_minute)))
    fig, axes = plt.subplots(3, 1, figsize=(9, 6.6), sharex=True)
    oven, parts, oee = axes
    oven.plot(frame.index / 60.0, frame["oven.temperature"], color="#90caf9", linewidth=0.8,
              label="1초마다 (1800행)" if ko else "every second (1800 rows)")  # fmt: skip
    oven.step(minutes + [MINUTES], list(per_minute["oven.temperature"]) + [per_minute["oven.temperature"].iloc[-1]],
              where="post", color="#0d47a1", linewidth=1.8,
              label="1분 평균 (30행)" if ko else "mean of each minute (30 rows)")  # fmt: skip
    low, high = WINDOW
    mean = per_minute["oven.temperature"].iloc[low:high].mean()
    oven.axvspan(low, high, color="#ffe082", alpha=0.45, zorder=0)
    oven.annotate(
        f"{low}~{high}분 평균 {mean:.1f} °C" if ko else f"mean over minutes {low}-{high}: {mean:.1f} °C",
        xy=(low + 0.3, mean), xytext=(low - 9.5, mean - 70), fontsize=9,
        arrowprops={"arrowstyle": "->", "color": "#5d4037"},
    )  # fmt: skip
    oven.set_ylabel("oven.temperature\n(°C)", fontsize=8)
    oven.legend(loc="lower right", fontsize=8, frameon=False)
    parts.bar([m + 0.5 for m in minutes], list(made), width=0.8, color="#ef6c00")
    parts.set_ylabel("분마다 나간 부품\n(개)" if ko else "parts out\nper minute", fontsize=8)
    oee.step(minutes + [MINUTES], list(per_minute["production.oee"]) + [per_minute["production.oee"].iloc[-1]],
             where="post", color="#2e7d32", linewidth=1.6)  # fmt: skip
    oee.set_ylabel("production.oee\n(%, 1분 평균)" if ko else "production.oee\n(%, per minute)", fontsize=8)
    oee.set_xlabel("기록 시작 뒤 시간 (분)" if ko else "time since the recording started (min)")
    oee.set_xlim(0, MINUTES)
    fig.suptitle(
        "한 교대(30분)의 기록: 1초마다 기록해 1분 단위로 묶기"
        if ko
        else "A 30-minute shift recorded every second, grouped per minute",
        fontsize=10,
    )
    fig.tight_layout()
    return fig
