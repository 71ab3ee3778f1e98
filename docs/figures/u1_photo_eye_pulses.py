"""Unit 1 figure: photo-eye pulses of type A and type B parts at two belt speeds.

Drawn from real fast-forward runs of the conveyor scenario, recorded every scan (0.05 s), as a student records them
in exercise 1-1: ``conveyor1.photo_eye_exit`` while A and B parts come in turn, at 60 % (150 mm/s) and at 100 %
(250 mm/s). Each pulse is labelled with its part type and how long it lasted.
"""

from __future__ import annotations

import factorylab

SPEEDS = (60, 100)  # % of 250 mm/s
SECONDS = 16.0
INTERVAL = 2.0  # s between parts
TAG = "conveyor1.photo_eye_exit"


def record(speed: int) -> tuple[list[float], list[int], list[str], float]:
    """One run at ``speed`` %: times, the eye every scan, the type of each part in order, the belt speed (mm/s)."""
    line = factorylab.connect(scenario="conveyor")

    def a_then_b(line, t):
        line.conveyor1.speed = speed
        line.conveyor1.run = line.conveyor2.run = line.feeder.run = True
        line.feeder.interval = INTERVAL
        line.feeder.select = 1 if int(t // INTERVAL) % 2 == 0 else 2  # magazine A, then B, in turn

    result = factorylab.run(a_then_b, line, SECONDS, record=[TAG, "conveyor1.belt_speed"], record_every=0.05)
    history = result.history
    kinds = list(result.events[result.events.kind == "part_fed"].detail)
    return (
        [float(t) for t in history.index],
        [int(v) for v in history[TAG]],
        kinds,
        float(history["conveyor1.belt_speed"].max()),
    )


def pulses(times: list[float], values: list[int]) -> list[tuple[float, float]]:
    """(start, end) s of each complete pulse."""
    found, start = [], None
    for t, value in zip(times, values, strict=True):
        if value and start is None:
            start = t
        elif not value and start is not None:
            found.append((start, t))
            start = None
    return found


def figure(lang: str):
    """Two strips, one per belt speed: the exit photo-eye over time, each pulse named A or B with its length in s."""
    import matplotlib.pyplot as plt

    ko = lang == "ko"
    fig, axes = plt.subplots(len(SPEEDS), 1, figsize=(9, 4.2), sharex=True)
    for axis, speed in zip(axes, SPEEDS, strict=True):
        times, values, kinds, belt = record(speed)
        axis.step(times, values, where="post", color="#1565c0", linewidth=1.4)
        for (start, end), kind in zip(pulses(times, values), kinds, strict=False):
            colour = "#c62828" if kind == "A" else "#1565c0"
            axis.axvspan(start, end, color=colour, alpha=0.15)
            label = f"{kind}형\n{end - start:.2f}초" if ko else f"{kind}\n{end - start:.2f} s"
            axis.text(0.5 * (start + end), 1.12, label, ha="center", va="bottom", fontsize=8, color=colour)
        axis.set_ylim(-0.15, 1.75)
        axis.set_yticks([0, 1])
        title = f"벨트 {speed} % = {belt:.0f} mm/s" if ko else f"belt at {speed} % = {belt:.0f} mm/s"
        axis.set_ylabel(title, rotation=0, ha="right", va="center", fontsize=9)
        axis.grid(axis="x", alpha=0.3)
    axes[-1].set_xlabel("시간 t (초), 0.05초마다 기록" if ko else "time t (s), recorded every 0.05 s")
    axes[-1].set_xlim(3.0, SECONDS)
    fig.suptitle(
        "conveyor1.photo_eye_exit: A형 60 mm, B형 80 mm. 펄스 시간 = 길이 / 속도"
        if ko
        else "conveyor1.photo_eye_exit: type A 60 mm, type B 80 mm. Pulse time = length / speed",
        fontsize=10,
    )
    fig.tight_layout()
    return fig
