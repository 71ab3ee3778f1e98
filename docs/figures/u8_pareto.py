"""Unit 8 figure: a real grid search of the oven recipe and its Pareto front, as lab 8-1 does it.

The reference line controller with each recipe (setpoint 200..240 °C × dwell 20..50 s) on seed 1 of lab 8-1's
plants (:func:`factorylab.labs.lab08a_recipe_checks.run_point`: 8 min warm-up, 15 min measured): oven defects
(soft + overheated, %) across, good parts per hour up. The points no other point beats on both axes (the Pareto
front) are joined in red; the lab's limits (2 % defects, 720 good parts an hour) are the dashed lines.
"""

from __future__ import annotations

import functools

SETPOINTS = (200, 215, 230, 240)  # °C
DWELLS = (20, 25, 30, 35, 40, 50)  # s
SEED = 1


@functools.cache
def _grid() -> tuple[tuple[int, int, float, float], ...]:
    """(setpoint, dwell, defects %, good parts an hour) of every recipe, run once for both languages."""
    from factorylab.labs.lab08a_recipe_checks import run_point

    rows = []
    for setpoint in SETPOINTS:
        for dwell in DWELLS:
            c = run_point(setpoint, dwell, seed=SEED)
            bad = c["soft"] + c["overheated"]
            rows.append((setpoint, dwell, 100 * bad / c["finished"], (c["finished"] - bad) * 3600 / c["seconds"]))
    return tuple(rows)


def _front(rows):
    """The rows no other row beats on both axes, by defects."""
    front = [
        r
        for r in rows
        if not any(q[2] <= r[2] and q[3] >= r[3] and (q[2] < r[2] or q[3] > r[3]) for q in rows if q is not r)
    ]
    return sorted(front, key=lambda r: r[2])


def figure(lang: str):
    """Defects against good parts per hour of every recipe, coloured by dwell, with the Pareto front."""
    import matplotlib.pyplot as plt

    from factorylab.labs.lab08a_recipe_checks import MAX_DEFECTS, TARGET_PER_HOUR

    ko = lang == "ko"
    rows = _grid()
    fig, ax = plt.subplots(figsize=(8, 4.6))
    colours = plt.get_cmap("viridis")
    for i, dwell in enumerate(DWELLS):
        mine = [r for r in rows if r[1] == dwell]
        ax.scatter([r[2] for r in mine], [r[3] for r in mine], color=colours(i / (len(DWELLS) - 1)), s=36,
                   label=f"체류 {dwell}초" if ko else f"dwell {dwell} s")  # fmt: skip
    for setpoint, dwell, defects, good in rows:
        if 0 < defects < 50:  # the recipes just short of enough soak
            ax.annotate(
                f"{setpoint} °C, {dwell}초" if ko else f"{setpoint} °C, {dwell} s",
                (defects, good),
                fontsize=7,
                xytext=(4, -10),
                textcoords="offset points",
            )
    front = _front(rows)
    ax.plot([r[2] for r in front], [r[3] for r in front], color="#c62828", linewidth=1.5, marker="o",
            markerfacecolor="none", markersize=11, label="파레토 앞면" if ko else "Pareto front")  # fmt: skip
    best = front[0]
    ax.annotate(
        f"{best[0]} °C, {best[1]}초" if ko else f"{best[0]} °C, {best[1]} s",
        (best[2], best[3]),
        fontsize=8,
        color="#c62828",
        xytext=(10, 4),
        textcoords="offset points",
    )
    ax.axvline(MAX_DEFECTS, color="#ef6c00", linestyle="--", linewidth=1)
    ax.axhline(TARGET_PER_HOUR, color="#2e7d32", linestyle="--", linewidth=1)
    ax.text(MAX_DEFECTS, 420, " 불량 2 %" if ko else " 2 % defects", fontsize=8, color="#ef6c00")
    ax.text(55, TARGET_PER_HOUR + 12, "목표 720개/시간" if ko else "target 720/h", fontsize=8, color="#2e7d32")
    ax.set_xscale("symlog", linthresh=10.0)
    ax.set_xlim(-0.3, 110)
    ax.set_ylim(0, 850)
    ax.set_xlabel("오븐 불량률 (%, 연질 + 과열)" if ko else "oven defects (%, soft + overheated)")
    ax.set_ylabel("시간당 양품 (개)" if ko else "good parts per hour")
    ax.set_title(
        "오븐 레시피 격자 탐색 (시드 1)" if ko else "Grid search of the oven recipe (seed 1)",
        fontsize=10,
    )
    ax.legend(fontsize=8, loc="center right", ncol=2)
    fig.tight_layout()
    return fig
