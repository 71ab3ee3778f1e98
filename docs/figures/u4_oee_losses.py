"""Unit 4 figure: where the time of a shift goes, from planned time through the six big losses to OEE.

Drawn from a real fast-forward run of lab 4-2's one-hour shift (``line`` scenario, seed 1: the operator's start at
1 s, a 10-minute break with the whole line off, a jam and a broken tool) under the lab's shift controller, recording
``production.state`` and ``cnc.state`` every second. The losses are the lab's (exercise 4-4, check ``six_losses``):
the planned stop (``stop_time``), breakdowns and set-up (``down_time`` split by ``cnc.state`` 4, tool change),
minor stops and idling (``idle_time``), reduced speed (``run_time`` - ideal cycle time x finished parts), process
defects and start-up scrap (ideal cycle time x defective parts; soft parts from a cold oven are start-up scrap).
A waterfall: planned time at the top, each loss taken off in turn, the fully productive time at the bottom; its
share of planned time is the shift's OEE.
"""

from __future__ import annotations

import factorylab
from factorylab.labs.lab04b_oee_checks import LOSS_NAMES, LOSSES, Losses, shift_controller, shift_line

SEED = 1
#: the OEE factor each loss lowers (the planned stop: availability, as the plant counts it)
FACTOR = {
    "planned_stop": "availability",
    "breakdown": "availability",
    "setup": "availability",
    "minor_stops": "performance",
    "speed": "performance",
    "defects": "quality",
    "startup": "quality",
}
COLOURS = {"availability": "#c0504d", "performance": "#f39c12", "quality": "#8e44ad"}


def shift_losses():
    """(losses of the shift by key in s, planned time s, fully productive time s, the run's kpis)."""
    line = shift_line(SEED)
    result = factorylab.run(shift_controller(), line, seconds=3600, record=["production.state", "cnc.state"])
    losses = Losses(result)
    return losses.truth, losses.planned, losses.productive, result.kpis


def figure(lang: str):
    """A horizontal waterfall in minutes: planned time, the seven losses, the fully productive time."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    ko = lang == "ko"
    truth, planned, productive, kpis = shift_losses()
    fig, ax = plt.subplots(figsize=(9, 4.8))
    labels = ["계획 시간 (모든 시간)" if ko else "planned time (all the time)"]
    ax.barh(0, planned / 60, color="#5b8def")
    left = planned
    for row, key in enumerate(LOSSES, start=1):
        minutes = truth[key] / 60
        left -= truth[key]
        ax.barh(row, minutes, left=left / 60, color=COLOURS[FACTOR[key]])
        ax.text(left / 60 + minutes + 0.4, row, f"{minutes:.1f}", va="center", fontsize=8)
        labels.append(LOSS_NAMES[key][0 if ko else 1])
    last = len(LOSSES) + 1
    ax.barh(last, productive / 60, color="#2e7d32")
    oee = 100 * productive / planned
    ax.text(productive / 60 + 0.4, last, f"{productive / 60:.1f}  (OEE {oee:.1f} %)", va="center", fontsize=8)
    labels.append("완전 생산 시간" if ko else "fully productive time")
    ax.set_yticks(range(last + 1), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, planned / 60 * 1.08)
    ax.set_xlabel("시간 (분)" if ko else "time (min)")
    names = (
        {"availability": "가용성 로스", "performance": "성능 로스", "quality": "품질 로스"}
        if ko
        else {"availability": "availability loss", "performance": "performance loss", "quality": "quality loss"}
    )
    ax.legend(handles=[Patch(color=c, label=names[f]) for f, c in COLOURS.items()], loc="lower right", fontsize=8)
    title = (
        f"1시간 교대 근무의 설비 6대 로스 (시드 {SEED}): 가용성 {kpis['availability']:.1f} % × 성능 "
        f"{kpis['performance']:.1f} % × 품질 {kpis['quality']:.1f} % = OEE {kpis['oee']:.1f} %"
        if ko
        else f"Six big losses of a one-hour shift (seed {SEED}): availability {kpis['availability']:.1f} % x "
        f"performance {kpis['performance']:.1f} % x quality {kpis['quality']:.1f} % = OEE {kpis['oee']:.1f} %"
    )
    ax.set_title(title, fontsize=9)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig
