"""Unit 0 figure: what exercise 0-3 shows, 30 minutes of the reference controller on the full line.

Drawn from a real fast-forward run (scenario ``line``, seed 1, recorded every 10 s): parts out, oven
temperature and OEE so far, with the moment the feeder started (once the oven reached 210 °C) marked.
"""

from __future__ import annotations

import factorylab
from factorylab.control.reference import make_line_controller

SEED = 1
SECONDS = 1800
TAGS = ["production.parts_out", "oven.temperature", "production.oee", "production.performance"]


def reference_run():
    """The 30-minute run of exercise 0-3 (seed 1)."""
    line = factorylab.connect(scenario="line", seed=SEED)
    return factorylab.run(make_line_controller(), line, seconds=SECONDS, record=TAGS, record_every=10)


def figure(lang: str):
    """Parts out, oven temperature and OEE over 30 minutes, the start of feeding marked."""
    import matplotlib.pyplot as plt

    ko = lang == "ko"
    result = reference_run()
    history = result.history
    minutes = history.index.to_numpy(dtype=float) / 60.0
    events = result.events
    fed = float(events[events.kind == "part_fed"].t.iloc[0]) / 60.0
    fig, axes = plt.subplots(3, 1, sharex=True, figsize=(8.5, 6.4))
    axes[0].plot(minutes, history["production.parts_out"], color="#1565c0")
    axes[0].set_ylabel("배출한 부품 (개)" if ko else "parts out (pcs)")
    axes[1].plot(minutes, history["oven.temperature"], color="#e65100")
    axes[1].axhline(210, color="#9e9e9e", linestyle=":", linewidth=1)
    axes[1].text(0.3, 213, "210 °C: 공급 시작" if ko else "210 °C: feeding starts", fontsize=8, color="#616161")
    axes[1].set_ylabel("오븐 온도 (°C)" if ko else "oven (°C)")
    axes[2].plot(minutes, history["production.oee"], color="#2e7d32", label="OEE")
    axes[2].plot(
        minutes, history["production.performance"], color="#2e7d32", linestyle="--", linewidth=1,
        label="성능" if ko else "performance",
    )  # fmt: skip
    axes[2].set_ylabel("지금까지 (%)" if ko else "so far (%)")
    axes[2].set_ylim(0, 100)
    axes[2].legend(loc="lower right", fontsize=8, frameon=False)
    for axis in axes:
        axis.axvline(fed, color="#c62828", linestyle="--", linewidth=1)
        axis.grid(alpha=0.3)
    axes[0].text(
        fed + 0.3,
        0.5 * float(history["production.parts_out"].max()),
        "첫 부품 공급" if ko else "first part fed",
        fontsize=8,
        color="#c62828",
    )
    axes[2].set_xlabel("시간 (분)" if ko else "time (min)")
    k = result.kpis
    title = (
        f"기준 제어기 30분 (시드 {SEED}): OEE {k['oee']:.1f} % = 가용성 {k['availability']:.1f} % × "
        f"성능 {k['performance']:.1f} % × 품질 {k['quality']:.1f} %"
        if ko
        else f"Reference controller, 30 min (seed {SEED}): OEE {k['oee']:.1f} % = availability "
        f"{k['availability']:.1f} % × performance {k['performance']:.1f} % × quality {k['quality']:.1f} %"
    )
    fig.suptitle(title, fontsize=9)
    fig.tight_layout()
    return fig
