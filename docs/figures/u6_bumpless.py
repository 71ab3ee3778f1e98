"""Unit 6 figure: a manual → auto switch of the oven with and without tracking (bumpless transfer, lab 6-3).

Drawn from two real fast-forward runs of the ``oven`` scenario, as the lab's notebook does it: the mode selector
``panel.auto`` in manual, the operator's heater at 75 % from a cold start for 400 s, then auto for 600 s with the PI
of lab 6-2 (Kc = 1.8 %/°C, Ti = 160 s, 200 °C). With tracking the integral was kept at heater − Kc × error in every
manual scan, so the first output in auto is the operator's 75 %; without it the integral starts at 0 and the heater
drops to Kc × error at the switch.
"""

from __future__ import annotations

from typing import Any

import factorylab

SETPOINT = 200.0  # °C
KC = 1.8  # %/°C
TI = 160.0  # s
MANUAL_HEATER = 75.0  # % the operator holds in manual
SWITCH = 400.0  # s in manual before the switch to auto
AUTO = 600.0  # s in auto
TAGS = ["oven.temperature", "oven.heater", "panel.auto"]


def make_pi(tracking: bool):
    """The PI of lab 6-2 with a mode selector; in manual it tracks the heater only if ``tracking``."""

    def controller(line, t, m):
        error = SETPOINT - line.oven.temperature
        dt = t - m["last_t"] if m["started"] else 0.0
        m["started"] = True
        m["last_t"] = t
        if not line.panel.auto:
            if tracking:
                m["integral"] = line.oven.heater - KC * error
            return
        output = KC * error + m["integral"]
        if 0.0 < output < 100.0:
            m["integral"] += KC * error * dt / TI
        line.oven.heater = min(100.0, max(0.0, output))

    return controller


def run(tracking: bool) -> dict[str, list[Any]]:
    """One run: manual with the operator's heater, then auto. Columns ``t`` (s) and the tags, every second."""
    line = factorylab.connect(scenario="oven")
    controller = make_pi(tracking)
    line.plant.panel.set_auto(False)
    line.oven.heater = MANUAL_HEATER
    manual = factorylab.run(controller, line, seconds=SWITCH, scan=0.5, record=TAGS, record_every=1)
    line.plant.panel.set_auto(True)
    auto = factorylab.run(controller, line, seconds=AUTO, scan=0.5, record=TAGS, record_every=1)
    rows: dict[str, list[Any]] = {"t": []}
    for part in (manual.history, auto.history):
        rows["t"] += [float(x) for x in part.index]
        for name in TAGS:
            rows.setdefault(name, []).extend(part[name].tolist())
    return rows


def record() -> dict[str, dict[str, list[Any]]]:
    """Both runs, by label: ``tracking`` and ``no_tracking``."""
    return {"tracking": run(True), "no_tracking": run(False)}


def figure(lang: str):
    """Temperature above, heater below, both runs; the switch to auto marked."""
    import matplotlib.pyplot as plt

    ko = lang == "ko"
    runs = record()
    styles = {
        "tracking": ("tab:blue", "-", "트래킹 있음 (무충격)" if ko else "with tracking (bumpless)"),
        "no_tracking": ("tab:red", "--", "트래킹 없음 (적분 0에서 시작)" if ko else "no tracking (integral from 0)"),
    }
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(9, 5.4), sharex=True, gridspec_kw={"height_ratios": [3, 2]}, constrained_layout=True
    )
    for label, rows in runs.items():
        color, style, text = styles[label]
        top.plot(rows["t"], rows["oven.temperature"], color=color, ls=style, lw=1.4, label=text)
        bottom.plot(rows["t"], rows["oven.heater"], color=color, ls=style, lw=1.4, drawstyle="steps-post")
    top.axhline(SETPOINT, color="grey", lw=0.8, ls=":")
    top.axhspan(SETPOINT - 3.0, SETPOINT + 3.0, color="grey", alpha=0.12)
    for axis in (top, bottom):
        axis.axvline(SWITCH, color="black", lw=0.9, ls="-.")
        axis.grid(alpha=0.3)
    top.annotate(
        "자동으로 전환" if ko else "switch to auto",
        (SWITCH, 60.0),
        xytext=(6, 0),
        textcoords="offset points",
        fontsize=9,
    )
    top.text(20.0, 180.0, "수동: 작업자가 히터 75 %" if ko else "manual: the operator's heater at 75 %", fontsize=9)
    top.set_ylabel("오븐 온도 (°C)" if ko else "oven temperature (°C)")
    bottom.set_ylabel("히터 (%)" if ko else "heater (%)")
    bottom.set_xlabel("시간 (초)" if ko else "time (s)")
    bottom.set_ylim(-5, 105)
    top.legend(loc="lower right", fontsize=9)
    top.set_title(
        "수동에서 자동으로: 트래킹이 있으면 히터가 뛰지 않는다"
        if ko
        else "Manual to auto: with tracking the heater does not jump"
    )
    return fig
