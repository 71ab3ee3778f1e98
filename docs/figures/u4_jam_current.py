"""Unit 4 figure: a jam on conveyor2 seen in its motor current, the delayed alarm, the acknowledgement and the clear.

Drawn from a real fast-forward run of the conveyor scenario with the answer of exercise 4-2 (lab ``alarms``):
the line starts at 0 s (the inrush), a part jams on conveyor2 at 8 s for 10 s, the operator presses reset at
13 s (the buzzer stops, the red lamp stays), the jam clears at 18 s (the red lamp goes off).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

import factorylab
from factorylab import plc

LIMIT = 2.5  # A
JAM_AT, JAM_FOR, RESET_AT, END = 8.0, 10.0, 13.0, 24.0
TAGS = ["conveyor2.current", "stack_light.red", "stack_light.buzzer", "panel.reset"]


def make_controller():
    """The answer of exercise 4-2: the detection of 4-1 (TON 1 s per belt) and two relays, alarm and ack."""
    detect1, detect2 = plc.TON(1.0), plc.TON(1.0)

    def controller(line, t, m):
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = True
        jam = detect1(line.conveyor1.current > LIMIT, t) or detect2(line.conveyor2.current > LIMIT, t)
        if jam and not m["alarm"]:
            m["alarm"], m["ack"] = True, False
        if m["alarm"] and line.panel.reset:
            m["ack"] = True
        if m["alarm"] and m["ack"] and not jam:
            m["alarm"] = m["ack"] = False
        line.stack_light.red = m["alarm"]
        line.stack_light.buzzer = m["alarm"] and not m["ack"]

    return controller


def record():
    """The history (one row per scan) of the scripted run."""
    import pandas as pd

    line = factorylab.connect(scenario="conveyor")
    controller = make_controller()
    parts = [factorylab.run(controller, line, seconds=JAM_AT, record=TAGS, record_every=0.05)]
    line.plant.inject_fault("jam", "conveyor2", duration=JAM_FOR)
    parts.append(factorylab.run(controller, line, seconds=RESET_AT - JAM_AT, record=TAGS, record_every=0.05))
    line.press("reset")
    parts.append(factorylab.run(controller, line, seconds=END - RESET_AT, record=TAGS, record_every=0.05))
    return pd.concat([p.history for p in parts])


def figure(lang: str) -> Figure:
    """Motor current with the limit, then the red lamp, the buzzer and the reset button as lanes."""
    ko = lang == "ko"
    history = record()
    t = history.index.to_numpy()
    fig, axes = plt.subplots(
        4, 1, figsize=(8, 5.2), sharex=True, gridspec_kw={"height_ratios": [3, 1, 1, 1]}, layout="constrained"
    )
    axes[0].plot(t, history["conveyor2.current"], color="tab:blue", label="conveyor2.current")
    axes[0].axhline(LIMIT, color="grey", linestyle="--", label=("걸림 기준 2.5 A" if ko else "jam limit 2.5 A"))
    axes[0].axvspan(JAM_AT, JAM_AT + JAM_FOR, color="tab:red", alpha=0.08)
    axes[0].set_ylabel("전류 (A)" if ko else "current (A)")
    axes[0].legend(loc="upper right", fontsize=8)
    axes[0].annotate(
        "돌입 전류" if ko else "inrush", (0.2, 5.0), xytext=(2.0, 4.6), fontsize=8, arrowprops={"arrowstyle": "->"}
    )
    axes[0].text(JAM_AT + 0.2, 0.3, "걸림 (10초)" if ko else "jam (10 s)", fontsize=8, color="tab:red")
    lanes = [
        ("stack_light.red", "적색등" if ko else "red lamp", "tab:red"),
        ("stack_light.buzzer", "부저" if ko else "buzzer", "tab:orange"),
        ("panel.reset", "리셋" if ko else "reset", "tab:green"),
    ]
    for axis, (name, label, colour) in zip(axes[1:], lanes, strict=True):
        values = history[name].astype(int).to_numpy()
        axis.fill_between(t, values, step="post", color=colour, alpha=0.6)
        axis.set_ylim(-0.1, 1.2)
        axis.set_yticks([])
        axis.set_ylabel(label, rotation=0, ha="right", va="center")
    axes[-1].set_xlabel("시간 (초)" if ko else "time (s)")
    axes[0].set_title(
        "걸림, 1초 뒤 경보 발생·미확인, 리셋으로 확인, 걸림이 풀리면 해제"
        if ko
        else "jam; 1 s later active, unacknowledged; acknowledged with reset; cleared when the jam clears",
        fontsize=9,
    )
    return fig
