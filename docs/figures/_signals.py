"""Shared by the figures of on/off signals: a run recorded in pieces, and the signals drawn as stacked lanes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def new_rows(tags: Sequence[str]) -> dict[str, list]:
    """Empty columns: time ``t`` (s) and one per tag."""
    return {"t": [], **{name: [] for name in tags}}


def add_history(rows: dict[str, list], history: Any, tags: Sequence[str]) -> None:
    """Append a run's history (the line's own clock goes on from run to run), skipping rows already there."""
    for t, row in history.iterrows():
        if rows["t"] and t <= rows["t"][-1]:
            continue
        rows["t"].append(float(t))
        for name in tags:
            rows[name].append(int(row[name]))


def draw_lanes(lanes: Sequence[tuple[str, Sequence[float], Sequence[int], str, str]], height: float) -> tuple:
    """One subplot per lane ``(tag, times, values, label, colour)``: a filled 0/1 step, the label and tag at the left."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(len(lanes), 1, figsize=(9, height), sharex=True)
    for ax, (tag, t, values, label, colour) in zip(axes, lanes, strict=True):
        ax.step(t, values, where="post", color=colour, linewidth=2)
        ax.fill_between(t, values, step="post", color=colour, alpha=0.15)
        ax.set_ylim(-0.2, 1.3)
        ax.set_yticks([0, 1])
        ax.set_ylabel(f"{label}\n{tag}", rotation=0, ha="right", va="center", fontsize=9)
        ax.grid(axis="x", alpha=0.3)
    return fig, axes
