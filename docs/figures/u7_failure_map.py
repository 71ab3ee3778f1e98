"""Unit 7 figure: where the CNC fails, drawn from a real fast-forward run as lab 7-1 uses it.

Three hours of the ``cnc`` scenario (``factorylab.data.shift``, seed 1, tools run to failure, random faults), parts
without a machining record left out. Left: tool wear against torque of the grade L parts, overstrain failures (OSF)
in red, with the plant's limit wear × torque = 11,000 min·Nm (:data:`factorylab.plant.cnc.OVERSTRAIN_LIMIT`) as a
curve. Right: the distribution of power (torque × angular speed, W), power failures (PWF) in red, with the plant's
band 3,500..9,000 W (:data:`~factorylab.plant.cnc.PWF_LOW`, :data:`~factorylab.plant.cnc.PWF_HIGH`).
"""

from __future__ import annotations

import functools
import math

import factorylab
from factorylab.labs.lab07a_data_checks import machined
from factorylab.plant.cnc import OVERSTRAIN_LIMIT, PWF_HIGH, PWF_LOW


@functools.cache
def _parts():
    """The machined parts of the shift, made once for both languages."""
    raw, _ = factorylab.data.shift(seed=1, hours=3, scenario="cnc", tool_policy="run-to-failure")
    return machined(raw)


def figure(lang: str):
    """Wear vs torque of grade L with the overstrain curve; the power histogram with the PWF band."""
    import matplotlib.pyplot as plt
    import numpy as np

    ko = lang == "ko"
    parts = _parts()
    grade_l = parts[parts["grade"] == "L"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    ok, osf = grade_l[grade_l["OSF"] == 0], grade_l[grade_l["OSF"] == 1]
    left.scatter(ok["tool_wear"], ok["torque"], s=4, alpha=0.35, color="#1565c0", label="정상" if ko else "fine")
    left.scatter(
        osf["tool_wear"], osf["torque"], s=14, color="#c62828", label="과부하 고장 OSF" if ko else "overstrain OSF"
    )
    wear = np.linspace(150.0, float(grade_l["tool_wear"].max()), 50)
    limit = OVERSTRAIN_LIMIT["L"]
    left.plot(wear, limit / wear, color="black", linewidth=1,
              label="마모 × 토크 = 11,000 min·Nm" if ko else "wear × torque = 11,000 min·Nm")  # fmt: skip
    left.set_xlabel("공구 마모 (min)" if ko else "tool wear (min)")
    left.set_ylabel("토크 (Nm)" if ko else "torque (Nm)")
    left.set_title(
        "L 등급: 과부하 한계 (3시간, 시드 1)" if ko else "grade L: overstrain limit (3 h, seed 1)", fontsize=10
    )
    left.legend(loc="lower left", fontsize=8)
    power = parts["torque"] * parts["rotational_speed"] * 2 * math.pi / 60
    bins = np.linspace(float(power.min()), float(power.max()), 70)
    right.hist(power[parts["PWF"] == 0], bins=bins, color="#1565c0", alpha=0.6, label="정상" if ko else "fine")
    right.hist(
        power[parts["PWF"] == 1], bins=bins, color="#c62828", label="동력 고장 PWF" if ko else "power failure PWF"
    )
    for edge in (PWF_LOW, PWF_HIGH):
        right.axvline(edge, color="black", linestyle="--", linewidth=1)
        right.text(edge, right.get_ylim()[1] * 0.9, f" {edge:,.0f} W", fontsize=8)
    right.set_yscale("log")
    right.set_xlabel("동력 = 토크 × 각속도 (W)" if ko else "power = torque × angular speed (W)")
    right.set_ylabel("부품 수" if ko else "parts")
    right.set_title("동력 고장 구간" if ko else "power-failure band", fontsize=10)
    right.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    return fig
