"""Unit 9 figure: the history of fault drill 4 with where its first two faults begin.

Drawn from a real fast-forward run (``fault_drill(4)`` of lab ``diagnosis``: the reference controller on the line,
faults from the drill's hidden script): conveyor2's motor current, its overload relay, the red lamp and conveyor2's
exit photo-eye, with each fault's start from the plant's own fault log (a jam on conveyor2, then that photo-eye
stuck on).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from factorylab.labs.lab09b_diagnosis_checks import fault_drill, hidden_log

SEED = 4
START, END = 400.0, 1100.0


def figure(lang: str) -> Figure:
    """Current on top, then the overload relay, the red lamp and the exit photo-eye as lanes; fault starts marked."""
    ko = lang == "ko"
    history = fault_drill(SEED).loc[START:END]
    faults = [f for f in hidden_log(SEED) if START <= f["start"] <= END]
    t = history.index.to_numpy()
    fig, axes = plt.subplots(
        4, 1, figsize=(8, 5.4), sharex=True, gridspec_kw={"height_ratios": [3, 1, 1, 1]}, layout="constrained"
    )
    axes[0].plot(t, history["conveyor2.current"], color="tab:blue", linewidth=0.8, label="conveyor2.current")
    axes[0].set_ylabel("전류 (A)" if ko else "current (A)")
    axes[0].legend(loc="upper right", fontsize=8)
    lanes = [
        ("conveyor2.overload", "과부하" if ko else "overload", "tab:orange"),
        ("stack_light.red", "적색등" if ko else "red lamp", "tab:red"),
        ("conveyor2.photo_eye_exit", "배출부 광전센서" if ko else "exit photo-eye", "tab:green"),
    ]
    for axis, (name, label, colour) in zip(axes[1:], lanes, strict=True):
        values = history[name].astype(int).to_numpy()
        axis.fill_between(t, values, step="post", color=colour, alpha=0.6)
        axis.set_ylim(-0.1, 1.2)
        axis.set_yticks([])
        axis.set_ylabel(label, rotation=0, ha="right", va="center", fontsize=9)
    names = {
        "jam": ("걸림 conveyor2", "jam conveyor2"),
        "sensor_stuck_on": ("센서 고착 (항상 1)", "sensor stuck on"),
    }
    for fault in faults:
        for axis in axes:
            axis.axvline(fault["start"], color="tab:red", linestyle="--", linewidth=1.0)
        label = names.get(fault["fault"], (fault["fault"], fault["fault"]))[0 if ko else 1]
        axes[0].annotate(
            f"{label}\n{fault['start']:.0f} s",
            (fault["start"], axes[0].get_ylim()[1] * 0.85),
            xytext=(6, 0),
            textcoords="offset points",
            fontsize=8,
            color="tab:red",
        )
    axes[-1].set_xlabel("시간 t (s)" if ko else "time t (s)")
    axes[0].set_title(
        "고장 진단 훈련 4번: 고장 기록의 시작 시각과 기록된 신호"
        if ko
        else "Fault drill 4: the log's start times and the recorded signals",
        fontsize=10,
    )
    return fig
