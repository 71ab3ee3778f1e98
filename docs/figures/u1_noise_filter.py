"""Unit 1 figure: the level transmitter's noise and what a filter does to it (exercise 1-6).

Drawn from a real fast-forward run of the tank scenario recorded every scan (0.05 s), as a student records it: the
valves shut for 20 s, then the inflow valve opened for 12 s. The reading (``tank.level_raw`` in mm, whole counts of 0.25 mm)
is drawn with two filters run on it scan by scan: a first-order filter with a 2 s time constant (what the lab's
answer shows on ``panel.display``) and a moving average of 200 scans (10 s), smooth but late. The lower strip zooms
into the still part: quantisation steps and noise against the filtered value.
"""

from __future__ import annotations

import factorylab

SECONDS = 45.0
OPEN, CLOSE = 20.0, 32.0  # s: the inflow valve
TAU = 2.0  # s, first-order filter
LONG = 200  # scans, the moving average that is too long
SCAN = 0.05


def record() -> tuple[list[float], list[float]]:
    """Times and the level every scan of the run, in mm from ``tank.level_raw`` (whole counts of 0.25 mm)."""
    line = factorylab.connect(scenario="tank")

    def step(line, t):
        line.tank.inflow = 100 if OPEN <= t < CLOSE else 0

    history = factorylab.run(step, line, SECONDS, record=["tank.level_raw"], record_every=SCAN).history
    mm_per_count = line.info("tank.level").tag.max / line.info("tank.level_raw").tag.max
    return [float(t) for t in history.index], [float(v) * mm_per_count for v in history["tank.level_raw"]]


def first_order(values: list[float], tau: float) -> list[float]:
    """The first-order filter a controller runs each scan, started at the first reading."""
    out, value = [], values[0]
    for reading in values:
        value += SCAN / tau * (reading - value)
        out.append(value)
    return out


def moving_average(values: list[float], scans: int) -> list[float]:
    """The mean of the last ``scans`` readings (fewer at the start)."""
    out = []
    for k in range(len(values)):
        window = values[max(0, k - scans + 1) : k + 1]
        out.append(sum(window) / len(window))
    return out


def figure(lang: str):
    """Two strips: the whole run (reading, a 2 s filter, a 10 s average), and a zoom into the still part."""
    import matplotlib.pyplot as plt

    ko = lang == "ko"
    times, level = record()
    smooth = first_order(level, TAU)
    late = moving_average(level, LONG)
    fig, (whole, zoom) = plt.subplots(2, 1, figsize=(9, 5.2), gridspec_kw={"height_ratios": [3, 2]})
    labels = (
        ("측정값 tank.level_raw × 0.25", "1차 필터 (시정수 2초)", "이동평균 10초 (너무 느림)")
        if ko
        else ("reading tank.level_raw x 0.25", "first-order filter (2 s)", "moving average 10 s (too slow)")
    )
    for axis in (whole, zoom):
        axis.step(times, level, where="post", color="#90a4ae", linewidth=0.8, label=labels[0])
        axis.plot(times, smooth, color="#e65100", linewidth=1.8, label=labels[1])
        axis.plot(times, late, color="#6a1b9a", linewidth=1.4, linestyle="--", label=labels[2])
        axis.grid(alpha=0.3)
        axis.set_ylabel("mm")
    whole.axvspan(OPEN, CLOSE, color="#1565c0", alpha=0.08)
    whole.text(
        0.5 * (OPEN + CLOSE),
        max(level) - 4,
        "유입 밸브 열림" if ko else "inflow valve open",
        ha="center",
        fontsize=8,
        color="#1565c0",
    )
    whole.legend(loc="upper left", fontsize=8, frameon=False)
    whole.set_title(
        "밸브를 잠근 뒤 열었을 때의 수위 신호" if ko else "the level signal, valves shut, then the inflow open",
        fontsize=10,
    )
    still = [(t, v) for t, v in zip(times, level, strict=True) if 5.0 <= t < OPEN]
    zoom.set_xlim(5.0, OPEN)
    centre = sum(v for _, v in still) / len(still)
    zoom.set_ylim(centre - 0.8, centre + 0.8)
    zoom.set_title(
        "확대: 양자화(1 카운트 = 0.25 mm)와 잡음" if ko else "zoom: quantisation (1 count = 0.25 mm) and noise",
        fontsize=9,
    )
    zoom.set_xlabel("시간 t (초), 0.05초마다 기록" if ko else "time t (s), recorded every 0.05 s")
    fig.tight_layout()
    return fig
