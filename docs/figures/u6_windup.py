"""Unit 6 figure: the same heater fault with and without anti-windup (lab 6-2, exercise 6-6).

Drawn from two real fast-forward runs of the oven scenario (the documented oven, variant 0), each with the same
``heater_degradation`` fault: from 600 s for 300 s the heater delivers 45 % of its power, so even 100 % cannot hold
200 °C. Both controllers are the lab's PI (SIMC: Kc = 1.8 %/°C, Ti = 160 s, scan 0.5 s); one adds to its integral in
every scan, the other only while the heater is between 0 and 100 % (conditional integration). Upper strip:
``oven.temperature``; lower strip: ``oven.heater``.
"""

from __future__ import annotations

import factorylab
from factorylab.plant import load_scenario
from factorylab.plant.scenario import FaultSettings, ScheduledFault

SETPOINT = 200.0  # °C
KC, TI = 1.8, 160.0  # %/°C, s
FAULT_AT, FAULT_FOR, HEALTH = 600.0, 300.0, 0.45  # s, s, share of the heater's power
SECONDS = 1600.0


def make_pi(anti_windup: bool):
    """The lab's PI controller, with or without conditional integration."""

    def controller(line, t, m):
        dt = t - m["last_t"] if m["started"] else 0.0
        m["started"], m["last_t"] = True, t
        error = SETPOINT - line.oven.temperature
        output = KC * error + m["integral"]
        if not anti_windup or 0.0 < output < 100.0:
            m["integral"] += KC * error * dt / TI
        line.oven.heater = min(100.0, max(0.0, output))

    return controller


def record(anti_windup: bool):
    """The history (oven.temperature, oven.heater, every second) of one run through the fault."""
    fault = ScheduledFault(
        at=FAULT_AT, kind="heater_degradation", target="oven", duration=FAULT_FOR, rate=9000.0, floor=HEALTH
    )
    scenario = load_scenario("oven").model_copy(update={"faults": FaultSettings(schedule=[fault])})
    line = factorylab.connect(scenario=scenario, seed=1)
    result = factorylab.run(
        make_pi(anti_windup), line, SECONDS, scan=0.5, record=["oven.temperature", "oven.heater"], record_every=1.0
    )
    return result.history


def figure(lang: str):
    """Temperature and heater of both runs, the fault shaded."""
    import matplotlib.pyplot as plt

    ko = lang == "ko"
    runs = {False: record(False), True: record(True)}
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 5.2), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    styles = {
        False: ("#c62828", "안티와인드업 없음" if ko else "no anti-windup"),
        True: ("#1565c0", "조건부 적분 (안티와인드업)" if ko else "conditional integration (anti-windup)"),
    }
    for key, history in runs.items():
        colour, label = styles[key]
        top.plot(history.index, history["oven.temperature"], color=colour, linewidth=1.6, label=label)
        bottom.plot(history.index, history["oven.heater"], color=colour, linewidth=1.4, label=label)
    for axis in (top, bottom):
        axis.axvspan(FAULT_AT, FAULT_AT + FAULT_FOR, color="#757575", alpha=0.12)
        axis.grid(alpha=0.3)
    top.axhline(SETPOINT, color="#424242", linewidth=0.8, linestyle=":")
    top.axhline(SETPOINT + 5.0, color="#424242", linewidth=0.6, linestyle="--")
    top.text(
        FAULT_AT + FAULT_FOR / 2,
        110,
        "히터 고장: 힘 45 %" if ko else "heater fault: 45 % power",
        ha="center",
        fontsize=8,
        color="#424242",
    )
    top.set_ylabel("oven.temperature (°C)")
    bottom.set_ylabel("oven.heater (%)")
    bottom.set_xlabel("시간 (초)" if ko else "time (s)")
    top.legend(loc="lower right", fontsize=8, frameon=False)
    top.set_title(
        "같은 히터 고장, 적분이 쌓이면(와인드업) 고장 뒤에 크게 넘칩니다"
        if ko
        else "the same heater fault: a wound-up integral overshoots after it",
        fontsize=10,
    )
    fig.tight_layout()
    return fig
