"""Unit 6 figure: the oven's step response and its FOPDT model, for two students' ovens side by side.

Drawn from real fast-forward runs of the ``oven`` scenario: plant variants 12 and 4 (gain and time constant
shifted, as two students' ovens are), the heater stepped from 0 to 50 % at 60 s and recorded every second for
1200 s, as exercise 6-2 does. K, τ and θ come from the five-step graphical recipe of exercise 6-3 (the 2 % point
for θ, the 63.2 % point for τ); the dashed curve is the model they give, and the true values of each variant
are printed beside the fitted ones.
"""

from __future__ import annotations

import numpy as np

import factorylab

VARIANTS = (12, 4)
STEP_AT, STEP_SIZE, SECONDS = 60.0, 50.0, 1200.0
TAGS = ["oven.heater", "oven.temperature"]


def step_test(variant: int):
    """The step test of exercise 6-2 on the oven of ``variant``: (history, the line's variant)."""
    line = factorylab.connect(scenario="oven", variant=variant)

    def controller(line, t):
        line.oven.heater = STEP_SIZE if t >= STEP_AT else 0.0

    result = factorylab.run(controller, line, seconds=SECONDS, record=TAGS, record_every=1)
    return result.history, line.variant


def fit(history) -> dict[str, float]:
    """The five-step graphical fit of exercise 6-3, with the points it reads."""
    t = history.index.to_numpy(dtype=float)
    u = history["oven.heater"].to_numpy(dtype=float)
    y = history["oven.temperature"].to_numpy(dtype=float)
    k = int(np.argmax(np.abs(u - u[0]) > 0.5))
    t_step, du = t[k], u[-1] - u[0]
    t0, t_end = y[t < t_step].mean(), y[t >= t[-1] - 60].mean()
    after = t >= t_step
    t_start = t[after & (y > t0 + 0.02 * (t_end - t0))][0]
    t63 = t[after & (y > t0 + 0.632 * (t_end - t0))][0]
    return {
        "t_step": t_step,
        "du": du,
        "T0": t0,
        "T_end": t_end,
        "t_start": t_start,
        "t63": t63,
        "K": (t_end - t0) / du,
        "tau": t63 - t_start,
        "theta": t_start - t_step,
    }


def figure(lang: str):
    """Two columns (two ovens): temperature with the model and K, τ, θ marked, and the heater below."""
    import matplotlib.pyplot as plt

    ko = lang == "ko"
    fig, axes = plt.subplots(
        2, 2, figsize=(11, 5.6), sharex=True, gridspec_kw={"height_ratios": [3, 1]}, constrained_layout=True
    )
    for column, number in enumerate(VARIANTS):
        history, variant = step_test(number)
        p = fit(history)
        t = history.index.to_numpy(dtype=float)
        top, bottom = axes[0][column], axes[1][column]
        moving = np.clip(t - p["t_step"] - p["theta"], 0.0, None)
        model = p["T0"] + p["K"] * p["du"] * (1.0 - np.exp(-moving / p["tau"]))
        top.plot(t, history["oven.temperature"], color="tab:red", lw=1.4, label="측정 온도" if ko else "measured")
        top.plot(t, model, "--", color="black", lw=1.2, label="FOPDT 모델" if ko else "FOPDT model")
        y63 = p["T0"] + 0.632 * (p["T_end"] - p["T0"])
        for level in (p["T0"], p["T_end"], y63):
            top.axhline(level, color="grey", lw=0.7, ls=":")
        top.plot([p["t63"]], [y63], "o", color="tab:blue")
        top.annotate(
            "63.2 %", (p["t63"], y63), xytext=(8, -14), textcoords="offset points", color="tab:blue", fontsize=9
        )
        # θ: from the step to the start of the rise, drawn in a zoom on the first 150 s
        zoom = top.inset_axes([0.42, 0.22, 0.3, 0.36])
        near = t <= 150
        zoom.plot(t[near], history["oven.temperature"].to_numpy()[near], color="tab:red", lw=1.2)
        zoom.plot(t[near], model[near], "--", color="black", lw=1.0)
        for when in (p["t_step"], p["t_start"]):
            zoom.axvline(when, color="tab:green", lw=0.8, ls=":")
        mark = p["T0"] + 6.0
        arrow = {"arrowstyle": "<->", "color": "tab:green"}
        zoom.annotate("", (p["t_start"], mark), (p["t_step"], mark), arrowprops=arrow)
        middle = (p["t_step"] + p["t_start"]) / 2
        zoom.text(middle, mark + 2.0, r"$\theta$", color="tab:green", ha="center", fontsize=11)
        zoom.set_xlim(40, 150)
        zoom.set_ylim(p["T0"] - 3, p["T0"] + 30)
        zoom.tick_params(labelsize=7)
        zoom.set_title("처음 150초" if ko else "the first 150 s", fontsize=8)
        # τ: from the start of the rise to the 63.2 % point
        top.annotate(
            "", (p["t63"], y63 + 8), (p["t_start"], y63 + 8), arrowprops={"arrowstyle": "<->", "color": "tab:blue"}
        )
        top.text((p["t_start"] + p["t63"]) / 2, y63 + 11, r"$\tau$", color="tab:blue", fontsize=11, ha="center")
        top.annotate(
            "",
            (1100, p["T_end"]),
            (1100, p["T0"]),
            arrowprops={"arrowstyle": "<->", "color": "tab:purple"},
        )
        top.text(1090, (p["T0"] + p["T_end"]) / 2, r"$\Delta T$", color="tab:purple", ha="right")
        fitted = f"K = {p['K']:.2f} °C/%   $\\tau$ = {p['tau']:.0f} s   $\\theta$ = {p['theta']:.0f} s"
        truth = f"K = {variant.oven_gain:.2f} °C/%   $\\tau$ = {variant.oven_time_constant:.0f} s   $\\theta$ = 20 s"
        box = (f"맞춘 값  {fitted}\n참값      {truth}") if ko else (f"fitted  {fitted}\ntrue     {truth}")
        top.text(0.98, 0.04, box, transform=top.transAxes, ha="right", va="bottom", fontsize=8.5,
                 bbox={"facecolor": "white", "edgecolor": "lightgrey"})  # fmt: skip
        top.set_title(f"변형 {number}의 오븐" if ko else f"the oven of variant {number}")
        top.set_ylabel("oven.temperature (°C)")
        top.set_ylim(0, 190)
        top.legend(loc="upper left", fontsize=8.5)
        bottom.step(t, history["oven.heater"], where="post", color="tab:orange")
        bottom.set_ylabel("oven.heater (%)")
        bottom.set_ylim(-5, 60)
        bottom.set_xlabel("시간 (초)" if ko else "time (s)")
        bottom.axvline(p["t_step"], color="grey", lw=0.7, ls=":")
    fig.suptitle(
        "계단 응답과 FOPDT 모델: 60초에 히터를 0 %에서 50 %로, 두 학생의 오븐"
        if ko
        else "Step response and FOPDT model: heater from 0 to 50 % at 60 s, two students' ovens"
    )
    return fig
