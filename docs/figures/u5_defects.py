"""Unit 5 figure: where defects come from, drawn from real fast-forward runs as lab 5-2 uses them.

Left: two hours of the whole line (``factorylab.data.shift``, seed 1, the reference controller with the mixed
tool policy and random faults): each part's measured diameter against the tool wear when it was machined, with the
spec limits (20.00 ± 0.10 mm, from the plant) and the documented rule 20.000 mm + 0.0004 mm/min × wear; parts
ruined by a CNC failure are left out. Right: the troubled night shift of exercise 5-5 (``defect_shift``, seed 1:
heater degraded, feed interlock at 150 °C, coolant valve stuck shut): each part's measured hardness against its
peak temperature in the oven, soft parts in red, with the lower limit 42 HRC and the overheating limit 240 °C.
"""

from __future__ import annotations

import factorylab
from factorylab.labs.lab05b_defects_checks import DIAMETER_LSL, DIAMETER_USL, defect_shift
from factorylab.plant.cnc import NOMINAL_DIAMETER, WEAR_GROWTH
from factorylab.plant.oven import HARDNESS_MIN, OVERHEAT_LIMIT


def figure(lang: str):
    """Diameter vs tool wear with the spec limits; hardness vs peak temperature with the hardness and heat limits."""
    import matplotlib.pyplot as plt

    ko = lang == "ko"
    parts, _ = factorylab.data.shift(seed=1, hours=2)
    ok = parts[parts["defect_cause"] != "machining"]
    night, _ = defect_shift(seed=1)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.scatter(ok["tool_wear"], ok["measured_dimension"], s=4, alpha=0.35, color="#1565c0")
    for limit in (DIAMETER_LSL, DIAMETER_USL):
        left.axhline(limit, color="#c62828", linestyle="--", linewidth=1)
    wear = [0.0, float(ok["tool_wear"].max())]
    left.plot(wear, [NOMINAL_DIAMETER + WEAR_GROWTH * w for w in wear], color="black", linewidth=1,
              label="규칙: 20.000 + 0.0004 × 마모" if ko else "rule: 20.000 + 0.0004 × wear")  # fmt: skip
    left.text(2, DIAMETER_USL + 0.004, "USL 20.10 mm", color="#c62828", fontsize=8)
    left.text(2, DIAMETER_LSL + 0.004, "LSL 19.90 mm", color="#c62828", fontsize=8)
    left.set_xlabel("공구 마모 (min)" if ko else "tool wear (min)")
    left.set_ylabel("측정 지름 (mm)" if ko else "measured diameter (mm)")
    left.set_title("지름과 공구 마모 (2시간, 시드 1)" if ko else "diameter vs tool wear (2 h, seed 1)", fontsize=10)
    left.legend(loc="center right", fontsize=8)
    soft = night["defect_cause"] == "soft"
    right.scatter(night[~soft]["peak_temperature"], night[~soft]["measured_hardness"], s=5, alpha=0.4,
                  color="#1565c0", label="양품 등" if ko else "good and other")  # fmt: skip
    right.scatter(night[soft]["peak_temperature"], night[soft]["measured_hardness"], s=5, alpha=0.5,
                  color="#c62828", label="연질 (soft)" if ko else "soft")  # fmt: skip
    right.axhline(HARDNESS_MIN, color="#c62828", linestyle="--", linewidth=1)
    right.axvline(OVERHEAT_LIMIT, color="#ef6c00", linestyle=":", linewidth=1)
    right.text(OVERHEAT_LIMIT - 2, HARDNESS_MIN - 8, "240 °C", color="#ef6c00", fontsize=8, ha="right")
    right.text(float(night["peak_temperature"].min()), HARDNESS_MIN + 0.5, "42 HRC", color="#c62828", fontsize=8)
    right.set_xlabel("부품 최고 온도 (°C)" if ko else "part's peak temperature (°C)")
    right.set_ylabel("측정 경도 (HRC)" if ko else "measured hardness (HRC)")
    right.set_title("경도와 최고 온도 (야간 근무, 시드 1)" if ko else "hardness vs peak temperature (night shift)",
                    fontsize=10)  # fmt: skip
    right.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig
