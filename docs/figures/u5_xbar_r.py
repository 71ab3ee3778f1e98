"""Unit 5 figure: the phase I X̄-R chart of a real shift, and the phase II drift with the points the run rules flag.

Drawn from a real fast-forward shift of the CNC scenario (``factorylab.data.shift(seed=5, hours=3,
scenario="cnc")``, the data of lab 5-1): phase I is the first 5 good parts after each of the first 25 tool
changes (n = 5, A2 = 0.577, D4 = 2.114, KS Q ISO 7870-2); phase II holds those limits against every subgroup of
5 consecutive parts of the first tools, the Western Electric rules 1-4 marking the points the tool wear pushes up.
The specification (20.00 ± 0.10 mm) is drawn dotted for comparison: control limits are not specification limits.
"""

from __future__ import annotations

import factorylab
from factorylab.labs.lab05a_spc_checks import phase_one, subgroups, true_limits, we_rules

SEED = 5
SUBGROUPS = 120  # phase II subgroups shown (about 8 tools)

TEXT = {
    "ko": {
        "phase1": "1단계: 공구를 바꾼 직후 부분군 25개 (n = 5)",
        "xbar": r"$\bar{X}$ 지름 (mm)",
        "r": "R 범위 (mm)",
        "group": "부분군 (공구) 번호",
        "spec": "규격 한계",
        "phase2": "2단계: 1단계 한계에 댄 부분군 (세로선: 공구 교체)",
        "rule": "규칙",
        "subgroup": "부분군 번호",
    },
    "en": {
        "phase1": "Phase I: 25 subgroups just after tool changes (n = 5)",
        "xbar": r"$\bar{X}$ diameter (mm)",
        "r": "R range (mm)",
        "group": "subgroup (tool) number",
        "spec": "specification limits",
        "phase2": "Phase II: subgroups against the phase I limits (lines: tool changes)",
        "rule": "rule",
        "subgroup": "subgroup number",
    },
}


def figure(lang: str = "ko"):
    """The phase I X̄-R chart (top two panels) and the phase II drift with flagged points (bottom)."""
    import matplotlib.pyplot as plt

    text = TEXT[lang]
    parts, _ = factorylab.data.shift(seed=SEED, hours=3, scenario="cnc")
    limits = true_limits(parts)
    first = phase_one(parts)
    fig, (ax_x, ax_r, ax_2) = plt.subplots(3, 1, figsize=(9, 8.5), gridspec_kw={"height_ratios": [2, 1.2, 2.2]})
    number = range(1, len(first) + 1)
    ax_x.plot(number, first["xbar"], "o-", color="tab:blue", markersize=4)
    for key in ("xbar_cl", "xbar_ucl", "xbar_lcl"):
        ax_x.axhline(limits[key], color="tab:red", linestyle="-" if key == "xbar_cl" else "--", linewidth=1)
    for spec, label in ((19.90, text["spec"]), (20.10, None)):
        ax_x.axhline(spec, color="grey", linestyle=":", linewidth=1, label=label)
    ax_x.set_ylim(19.88, 20.12)
    ax_x.set_ylabel(text["xbar"])
    ax_x.set_title(text["phase1"])
    ax_x.legend(loc="upper right", fontsize=8)
    ax_r.plot(number, first["r"], "o-", color="tab:green", markersize=4)
    for key in ("r_cl", "r_ucl", "r_lcl"):
        ax_r.axhline(limits[key], color="tab:red", linestyle="-" if key == "r_cl" else "--", linewidth=1)
    ax_r.set_ylabel(text["r"])
    ax_r.set_xlabel(text["group"])
    table = subgroups(parts).head(SUBGROUPS).reset_index(drop=True)
    sigma = (limits["xbar_ucl"] - limits["xbar_cl"]) / 3.0
    flags = we_rules(list(table["xbar"]), limits["xbar_cl"], sigma)
    ax_2.plot(table.index, table["xbar"], "-", color="tab:blue", linewidth=0.8)
    for rule, colour in ((4, "gold"), (3, "orange"), (2, "tab:purple"), (1, "tab:red")):
        ax_2.plot(flags[rule], table["xbar"].iloc[flags[rule]], "o", color=colour, markersize=4,
                  label=f"{text['rule']} {rule}")  # fmt: skip
    for key in ("xbar_cl", "xbar_ucl", "xbar_lcl"):
        ax_2.axhline(limits[key], color="tab:red", linestyle="-" if key == "xbar_cl" else "--", linewidth=1)
    for change in table.index[table["tool"].diff() > 0]:
        ax_2.axvline(change - 0.5, color="grey", linewidth=0.6)
    ax_2.set_ylabel(text["xbar"])
    ax_2.set_xlabel(text["subgroup"])
    ax_2.set_title(text["phase2"])
    ax_2.legend(loc="upper left", ncol=4, fontsize=8)
    fig.tight_layout()
    return fig
