# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   factorylab:
#     id: spc_charts
#     unit: 5
#     hours: 3
#     checks: [gauge_sigma, xbar_r, western_electric]
#     title_ko: "관리도: 측정 산포, X̄-R 관리도, 판정 규칙"
#     title_en: "Control charts: gauge spread, the X̄-R chart, run rules"
# ---

# %% [markdown]
# # 실습 5-1. 관리도: 측정 산포, X̄-R 관리도, 판정 규칙
#
# CNC 가공기는 지름 20.00 mm인 부품을 깎습니다. 하지만 부품마다 지름이 조금씩 다르고, 공구가 닳을수록 지름이
# 커집니다. **통계적 공정 관리(SPC)**는 이 흔들림 가운데 "늘 있는 흔들림(우연 원인)"과 "무언가 바뀐 신호(이상
# 원인)"를 **관리도**로 가려냅니다. 이 실습에서는 3시간 교대의 부품 데이터로 먼저 측정기의 잡음을 재고, X̄-R
# 관리도의 관리 한계를 구하고, 판정 규칙으로 공구 마모를 찾아냅니다. 용어는 KS Q ISO 7870-2(관리도 — 제2부:
# 슈하트 관리도)를 따릅니다.
#
# **교육목표**
# 1. 측정값의 산포를 측정기(게이지)의 산포와 공정의 산포로 나누고, 분산이 더해진다는 것을 설명한다.
# 2. 부분군(n = 5)을 만들어 1단계(Phase I) X̄-R 관리도의 중심선과 관리 한계를 계산하고 그린다.
# 3. 웨스턴 일렉트릭 판정 규칙 1~4를 X̄에 적용해 공구 마모의 드리프트를 찾는다.
# 4. 관리 한계와 규격 한계를 구별한다.
#
# ---
#
# # Lab 5-1. Control charts: gauge spread, the X̄-R chart, run rules
#
# The CNC machine cuts parts to a diameter of 20.00 mm. Yet every part's diameter differs a little, and the diameter
# grows as the tool wears. **Statistical process control (SPC)** uses **control charts** to tell the variation that
# is always there (common causes) from a signal that something changed (special causes). In this lab you take a
# 3-hour shift's parts: first you measure the gauge's noise, then compute the control limits of an X̄-R chart, then
# find the tool wear with the run rules. The terms follow KS Q ISO 7870-2 (Control charts — Part 2: Shewhart control
# charts).
#
# **Objectives**
# 1. Split the spread of the measurements into the gauge's spread and the process's spread, and explain that
#    variances add.
# 2. Build subgroups (n = 5) and compute and draw the centre lines and control limits of a phase I X̄-R chart.
# 3. Apply the Western Electric rules 1-4 to X̄ and find the drift of the tool wear.
# 4. Tell control limits from specification limits.

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# 지름은 검사 스테이션의 게이지가 잽니다(`inspection.dimension`). 공구 마모는 CNC가 알려 줍니다(`cnc.tool_wear`,
# 분 단위의 사용 시간). 아래 표는 태그 표에서 읽은 것입니다. 규격(20.00 ± 0.10 mm)도 태그 설명에 있습니다.
#
# The gauge of the inspection station measures the diameter (`inspection.dimension`); the CNC reports its tool wear
# (`cnc.tool_wear`, minutes of use). The table below is read from the tag table; the specification (20.00 ± 0.10 mm)
# is in the tag's description too.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import factorylab

line = factorylab.connect(scenario="cnc")
rows = [line.tags[name].as_record() for name in ("inspection.dimension", "cnc.tool_wear", "cnc.tool_changes")]
pd.DataFrame(rows)[["name", "table", "type", "unit", "description_ko", "description_en"]]

# %% [markdown]
# 데이터는 CNC 시나리오의 3시간 교대를 빨리감기로 돌려 만듭니다 (4~5초 걸립니다). `SEED`를 여러분의 번호로
# 바꾸면 여러분만의 데이터가 됩니다. `parts`는 부품 한 개가 한 행입니다. 이 실습에서 쓰는 열:
#
# | 열 / column | 뜻 | meaning |
# |---|---|---|
# | `tool_wear` | 가공을 시작할 때 공구 마모 (분). 공구를 바꾸면 0으로 돌아갑니다 | tool wear when machining started (min); back to 0 after a tool change |
# | `dimension` | 실제 지름 (mm). 시뮬레이터만 아는 값 | true diameter (mm), only the simulator knows it |
# | `measured_dimension` | 검사에서 잰 지름 (mm) = 실제 지름 + 측정 잡음 | diameter measured at inspection (mm) = true + gauge noise |
# | `machine_failure` | 이 부품을 깎다가 CNC가 고장 났으면 1 (부품이 망가짐) | 1 if the CNC failed on this part (the part is ruined) |
#
# The data comes from a 3-hour shift of the CNC scenario run fast-forward (4-5 s). Set `SEED` to your number for data
# of your own. `parts` has one row per part; the columns this lab uses are in the table above.

# %%
SEED = 5  # 여러분의 번호 / your number
parts, machines = factorylab.data.shift(seed=SEED, hours=3, scenario="cnc")
print(len(parts), "개 부품 / parts")
parts[["part_id", "tool_wear", "dimension", "measured_dimension", "machine_failure"]].head(8)

# %% [markdown]
# ## 2. 예측 질문 / Prediction
#
# 1. 게이지의 잡음이 없다면, 잰 지름의 흩어짐(표준편차)은 지금보다 클까요, 작을까요?
# 2. 공구를 바꾼 직후와 바꾸기 직전, 어느 쪽 부품의 지름이 더 클까요?
# 3. 관리 한계(UCL, LCL)는 규격 한계(19.90 mm, 20.10 mm)보다 넓을까요, 좁을까요?
#
# 1. Without the gauge's noise, would the spread (sd) of the measured diameters be larger or smaller?
# 2. Which parts are bigger: just after a tool change or just before one?
# 3. Are the control limits (UCL, LCL) wider or narrower than the specification limits (19.90 mm, 20.10 mm)?

# %% [markdown]
# ## 3. 과제 5-1: 측정기의 산포와 공정의 산포 (15분) / Exercise 5-1: the gauge's spread and the process's (15 min)
#
# 잰 값 = 실제 값 + 측정 잡음입니다. 시뮬레이터는 실제 지름(`dimension`)을 알려 주므로 측정 잡음을 부품마다 볼 수
# 있습니다. 새 공구로 깎은 부품만 씁니다: **`machine_failure`가 0이고 `tool_wear`가 30분 미만인 행**.
#
# 1. 측정기 σ: 부품마다 `measured_dimension - dimension`을 구하고 그 표준편차를 `gauge["gauge"]`에 넣으세요 (mm).
# 2. 공정 σ: 기계가 실제로 깎은 지름(`dimension`)의 표준편차를 `gauge["process"]`에 넣으세요 (mm).
#
# Measured = true + gauge noise. The simulator gives the true diameter (`dimension`), so the gauge's noise can be
# seen part by part. Use only parts cut with a fresh tool: **rows with `machine_failure` 0 and `tool_wear` below 30
# min**. (1) The gauge's σ: the sd of `measured_dimension - dimension`, in `gauge["gauge"]` (mm). (2) The process's
# σ: the sd of the diameter the machine really cut (`dimension`), in `gauge["process"]` (mm).
#
# <details><summary>힌트 / Hint</summary>
#
# 행을 고르는 조건 두 개는 `&`로 묶고 각각 괄호로 감쌉니다: `parts[(조건1) & (조건2)]`. 열끼리 빼면 부품마다
# 뺀 열이 나오고, `.std()`는 표준편차, `.var()`는 분산(σ²)입니다.
#
# Join the two row conditions with `&`, each in brackets: `parts[(cond1) & (cond2)]`. Subtracting two columns gives a
# column, part by part; `.std()` is the standard deviation, `.var()` the variance (σ²).
# </details>

# %%
gauge = {"gauge": None, "process": None}
### BEGIN SOLUTION
fresh = parts[(parts["machine_failure"] == 0) & (parts["tool_wear"] < 30)]
gauge = {
    "gauge": (fresh["measured_dimension"] - fresh["dimension"]).std(),
    "process": fresh["dimension"].std(),
}
### END SOLUTION
gauge

# %%
result = factorylab.check(gauge, "gauge_sigma", parts=parts)
result

# %% [markdown]
# 세 값을 비교해 봅시다: σ측정² = σ공정² + σ측정기² 가 (거의) 맞나요? 표준편차끼리는 더해지지 않습니다.
#
# Compare the three: does σ_measured² = σ_process² + σ_gauge² (nearly) hold? Standard deviations do not add.

# %%
if gauge["gauge"] is not None and gauge["process"] is not None:
    fresh_rows = parts[(parts["machine_failure"] == 0) & (parts["tool_wear"] < 30)]
    measured_sd = fresh_rows["measured_dimension"].std()
    print(f"측정값 σ / measured σ        = {measured_sd:.4f} mm")
    print(f"√(공정² + 측정기²) / √(p² + g²) = {np.sqrt(gauge['process'] ** 2 + gauge['gauge'] ** 2):.4f} mm")
    print(f"공정 + 측정기 / p + g          = {gauge['process'] + gauge['gauge']:.4f} mm")

# %% [markdown]
# ## 4. 과제 5-2: X̄-R 관리도의 관리 한계 (30분) / Exercise 5-2: the X̄-R chart's control limits (30 min)
#
# 부품 5개씩을 한 **부분군**으로 묶어, 부분군마다 평균 X̄와 범위 R(최댓값 - 최솟값)을 구합니다. 관리 한계는
# 먼저 **1단계(Phase I)**, 곧 공정이 안정된 구간의 데이터로 정합니다. 공구는 닳으면서 지름을 키우므로(드리프트),
# 안정된 구간은 **공구를 바꾼 직후**입니다. 그래서 1단계 부분군을 이렇게 만듭니다:
#
# 1. 고장 난 부품(`machine_failure == 1`)을 뺍니다. 망가진 부품은 0.35 mm 크게 나옵니다.
# 2. `tool_wear`가 앞 부품보다 작아지는 곳에서 새 공구가 시작됩니다 (첫 부품의 공구가 공구 0).
# 3. 공구마다 **처음 5개**가 한 부분군입니다. 좋은 부품이 5개가 안 되는 공구는 건너뜁니다.
# 4. 앞에서부터 공구 **25개**의 부분군 25개로 한계를 계산합니다.
#
# 함수 `xbar_r_limits(df)`를 완성해 `measured_dimension`으로 계산한 여섯 값의 사전을 돌려주세요:
# `"xbar_cl"`(X̄̄), `"xbar_ucl"`, `"xbar_lcl"`, `"r_cl"`(R̄), `"r_ucl"`, `"r_lcl"`.
#
# | 관리도 | 중심선 | 관리 상한 UCL | 관리 하한 LCL |
# |---|---|---|---|
# | X̄ | X̄̄ (부분군 평균들의 평균) | X̄̄ + A2·R̄ | X̄̄ − A2·R̄ |
# | R | R̄ (부분군 범위들의 평균) | D4·R̄ | D3·R̄ |
#
# n = 5일 때 계수: **A2 = 0.577, D3 = 0, D4 = 2.114** (d2 = 2.326; KS Q ISO 7870-2의 관리도 계수 표).
#
# Put every 5 parts in a **subgroup** and take each subgroup's mean X̄ and range R (max − min). The limits are set in
# **phase I**, from data of a stable stretch. The tool makes the parts grow as it wears (a drift), so the stable
# stretch is **just after a tool change**. Phase I subgroups: (1) drop the failed parts (`machine_failure == 1`),
# ruined 0.35 mm too big; (2) a new tool starts where `tool_wear` is smaller than the part before's (the first part's
# tool is tool 0); (3) the **first 5 parts** of each tool are one subgroup, and a tool with fewer than 5 good parts is
# skipped; (4) the limits come from the subgroups of the first **25** tools. Complete `xbar_r_limits(df)` so that it
# returns a dict of six values from `measured_dimension`: `"xbar_cl"` (X̄̄), `"xbar_ucl"`, `"xbar_lcl"`, `"r_cl"`
# (R̄), `"r_ucl"`, `"r_lcl"`, with the formulas in the table and the factors for n = 5: **A2 = 0.577, D3 = 0,
# D4 = 2.114** (d2 = 2.326; the factor table of KS Q ISO 7870-2). The check runs your function on hidden shifts and
# on your own data.
#
# <details><summary>힌트 / Hint</summary>
#
# `df["tool_wear"].diff()`는 앞 행과의 차이입니다. 그것이 음수인 곳에 `True`를 두고 `.cumsum()`으로 누적하면
# 부품마다 공구 번호가 생깁니다. `df.groupby(공구번호).head(5)`는 공구마다 처음 5행입니다.
#
# `df["tool_wear"].diff()` is the difference from the row before. Mark where it is negative with `True` and add
# them up with `.cumsum()`: that numbers each part's tool. `df.groupby(tool_number).head(5)` keeps each tool's
# first 5 rows.
# </details>
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 부분군 표를 만들면 쉽습니다: `first.groupby(공구번호)["measured_dimension"].agg(["mean", "max", "min",
# "count"])`. `count`가 5인 행만 남기고 `.head(25)`로 앞의 25개를 고르세요.
#
# A table of subgroups makes it easy: `first.groupby(tool_number)["measured_dimension"].agg(["mean", "max", "min",
# "count"])`. Keep the rows whose `count` is 5 and take the first 25 with `.head(25)`.
# </details>

# %%
A2, D3, D4 = 0.577, 0.0, 2.114  # n = 5 (KS Q ISO 7870-2)


def xbar_r_limits(df: pd.DataFrame) -> dict:
    """Phase I X̄-R limits (mm) of a shift's parts table: one subgroup of the first 5 good parts of each of the
    first 25 tools; returns xbar_cl, xbar_ucl, xbar_lcl, r_cl, r_ucl, r_lcl."""
    ### BEGIN SOLUTION
    good = df[df["machine_failure"] == 0]
    tool = (good["tool_wear"].diff() < 0).cumsum()
    first = good.groupby(tool).head(5)
    groups = first.groupby(tool[first.index])["measured_dimension"].agg(["mean", "max", "min", "count"])
    groups = groups[groups["count"] == 5].head(25)
    xbarbar = groups["mean"].mean()
    rbar = (groups["max"] - groups["min"]).mean()
    return {
        "xbar_cl": xbarbar,
        "xbar_ucl": xbarbar + A2 * rbar,
        "xbar_lcl": xbarbar - A2 * rbar,
        "r_cl": rbar,
        "r_ucl": D4 * rbar,
        "r_lcl": D3 * rbar,
    }
    ### END SOLUTION


# %%
result = factorylab.check(xbar_r_limits, "xbar_r", parts=parts)
result

# %% [markdown]
# 검사를 통과했으면 1단계 관리도를 그립니다. 아래 셀은 여러분의 함수가 준 한계로 X̄ 관리도와 R 관리도를 위아래로
# 그립니다. 규격 한계는 회색 점선으로 함께 그렸습니다: 관리 한계와 얼마나 다른가요?
#
# Once the check passes, draw the phase I chart: the cell below draws the X̄ chart above the R chart with your
# function's limits. The specification limits are the grey dotted lines: how far are they from the control limits?


# %%
def phase_one_table(df: pd.DataFrame) -> pd.DataFrame:
    """Phase I subgroups (X̄ and R, mm) of a shift, as in exercise 5-2."""
    good = df[df["machine_failure"] == 0]
    tool = (good["tool_wear"].diff() < 0).cumsum()
    first = good.groupby(tool).head(5)
    groups = first.groupby(tool[first.index])["measured_dimension"].agg(["mean", "max", "min", "count"])
    groups = groups[groups["count"] == 5].head(25)
    return pd.DataFrame({"xbar": groups["mean"], "r": groups["max"] - groups["min"]}).reset_index(drop=True)


if result:
    limits = xbar_r_limits(parts)
    table = phase_one_table(parts)
    fig, (ax_x, ax_r) = plt.subplots(2, 1, figsize=(9, 6), sharex=True)
    number = np.arange(1, len(table) + 1)
    ax_x.plot(number, table["xbar"], "o-", label=r"$\bar{X}$")
    for key, style in (("xbar_cl", "-"), ("xbar_ucl", "--"), ("xbar_lcl", "--")):
        ax_x.axhline(limits[key], color="tab:red", linestyle=style)
    for spec in (19.90, 20.10):
        ax_x.axhline(spec, color="grey", linestyle=":")
    ax_x.set_ylabel(r"$\bar{X}$ 지름 (mm)")
    ax_x.set_title(r"1단계 $\bar{X}$-R 관리도 (n = 5, 공구를 바꾼 직후)")
    ax_r.plot(number, table["r"], "o-", color="tab:green")
    for key, style in (("r_cl", "-"), ("r_ucl", "--"), ("r_lcl", "--")):
        ax_r.axhline(limits[key], color="tab:red", linestyle=style)
    ax_r.set_ylabel("R 범위 (mm)")
    ax_r.set_xlabel("부분군 번호 (공구)")
    plt.show()

# %% [markdown]
# ## 5. 과제 5-3: 판정 규칙 (25분) / Exercise 5-3: run rules (25 min)
#
# 점이 관리 한계 안에 있어도 **모양**이 이상하면 이상 원인이 있다는 신호입니다. 중심선 CL과 X̄의 σ로 재어, 웨스턴
# 일렉트릭 규칙 1~4는 이렇습니다:
#
# | 규칙 | 패턴 (연속한 점) |
# |---|---|
# | 1 | 한 점이 3σ 밖 |
# | 2 | 연속한 3점 중 2점이 **같은 쪽**의 2σ 밖 |
# | 3 | 연속한 5점 중 4점이 **같은 쪽**의 1σ 밖 |
# | 4 | 연속한 8점이 중심선의 한쪽 (중심선 위에 딱 놓인 점은 연속을 끊습니다) |
#
# 함수 `western_electric(points, center, sigma)`를 완성하세요. `points`는 X̄의 목록, `center`는 중심선, `sigma`는
# X̄의 σ입니다. `{1: [...], 2: [...], 3: [...], 4: [...]}`를 돌려주는데, 각 목록은 그 규칙의 패턴을 **완성한 점**(창의
# 마지막 점)의 인덱스(0부터)입니다. "밖"은 경계를 넘는 것(`>`)입니다. 창은 한 점씩 밀며 보므로 한 점이 여러
# 규칙을 함께 완성할 수 있고(그러면 그 규칙의 목록마다 넣습니다), 한쪽 연속이 10개면 8번째, 9번째, 10번째 점이
# 모두 규칙 4입니다. 창의 마지막 점 자신은 선 밖이 아니어도 됩니다.
#
# 그리고 여러분의 데이터에서 **X̄의 σ**를 `sigma_xbar`에 넣으세요: X̄ 관리도의 한계가 X̄̄ ± 3σ이므로
# σ = A2·R̄/3 입니다.
#
# A point inside the limits can still signal a special cause by its **pattern**. Measured from the centre line CL
# in σ of X̄, the Western Electric rules 1-4 are in the table: (1) one point beyond 3σ; (2) 2 of 3 points in a row
# beyond 2σ on **the same side**; (3) 4 of 5 in a row beyond 1σ on **the same side**; (4) 8 in a row on one side of
# the centre line (a point exactly on it breaks the run). Complete `western_electric(points, center, sigma)`:
# `points` are the X̄ values, `center` the centre line, `sigma` the σ of X̄. It returns `{1: [...], 2: [...], 3:
# [...], 4: [...]}`, each list holding the 0-based indices of the points that **complete** that rule's pattern
# (the window's last point). "Beyond" means over the line (`>`). The window slides one point at a time, so one point
# can complete several rules (it goes in each of their lists), a run of 10 on one side makes the 8th, 9th and 10th
# points rule 4, and the window's last point itself need not be beyond the line. Then put the **σ of X̄** of your data in
# `sigma_xbar`: the X̄ limits are X̄̄ ± 3σ, so σ = A2·R̄/3.
#
# <details><summary>힌트 / Hint</summary>
#
# 먼저 점마다 `z = (x - center) / sigma`를 구하면 규칙이 간단해집니다. 점 `i`에서 끝나는 3점의 창은
# `z[i - 2 : i + 1]`입니다 (슬라이스의 끝은 들어가지 않습니다). 위쪽 개수와 아래쪽 개수는 따로 셉니다.
#
# First turn each point into `z = (x - center) / sigma`; the rules get simple. The window of 3 points ending at `i`
# is `z[i - 2 : i + 1]` (a slice leaves out its end). Count the points above and below separately.
# </details>


# %%
def western_electric(points: list, center: float, sigma: float) -> dict:
    """Western Electric rules 1-4 on X̄ values (mm): for each rule, the 0-based indices of the points that complete
    its pattern."""
    ### BEGIN SOLUTION
    z = [(x - center) / sigma for x in points]
    flags = {1: [], 2: [], 3: [], 4: []}
    for i in range(len(z)):
        if abs(z[i]) > 3:
            flags[1].append(i)
        if i >= 2:
            window = z[i - 2 : i + 1]
            if sum(v > 2 for v in window) >= 2 or sum(v < -2 for v in window) >= 2:
                flags[2].append(i)
        if i >= 4:
            window = z[i - 4 : i + 1]
            if sum(v > 1 for v in window) >= 4 or sum(v < -1 for v in window) >= 4:
                flags[3].append(i)
        if i >= 7:
            window = z[i - 7 : i + 1]
            if all(v > 0 for v in window) or all(v < 0 for v in window):
                flags[4].append(i)
    return flags
    ### END SOLUTION


# %%
sigma_xbar = None
### BEGIN SOLUTION
sigma_xbar = A2 * xbar_r_limits(parts)["r_cl"] / 3
### END SOLUTION
sigma_xbar

# %% [markdown]
# 검사는 여러분의 함수를 숨은 수열(규칙마다 심어 둔 패턴)과 실제 공구 마모 데이터에 적용해 봅니다.
#
# The check runs your function on hidden sequences (a pattern planted for each rule) and on real tool-wear data.

# %%
result = factorylab.check(western_electric, "western_electric", parts=parts, sigma=sigma_xbar)
result

# %% [markdown]
# 이제 2단계(Phase II)입니다: 1단계 한계를 교대 전체에 대어 봅니다. 아래 셀은 공구마다 연속한 5개씩의 부분군을
# 모두 만들고(5개가 안 되는 마지막 묶음은 버림), 처음 300개 부분군의 X̄를 그리고 여러분의 규칙이 표시한 점을
# 색으로 칠합니다. 공구를 바꿀 때마다 무엇이 보이나요?
#
# Now phase II: hold the phase I limits against the whole shift. The cell below makes every subgroup of 5
# consecutive parts within a tool (an incomplete last group is dropped), draws the X̄ of the first 300 subgroups and
# colours the points your rules flagged. What do you see at every tool change?


# %%
def all_subgroups(df: pd.DataFrame) -> pd.DataFrame:
    """Every complete subgroup of 5 consecutive good parts within one tool: tool number and X̄ (mm)."""
    good = df[df["machine_failure"] == 0]
    tool = (good["tool_wear"].diff() < 0).cumsum()
    group = good.groupby(tool).cumcount() // 5
    table = good.groupby([tool, group])["measured_dimension"].agg(["mean", "count"])
    table = table[table["count"] == 5]
    return pd.DataFrame({"tool": table.index.get_level_values(0), "xbar": table["mean"].to_numpy()})


if result:
    limits = xbar_r_limits(parts)
    phase_two = all_subgroups(parts).head(300)
    flags = western_electric(list(phase_two["xbar"]), limits["xbar_cl"], sigma_xbar)
    fig, ax = plt.subplots(figsize=(10, 4))
    ax.plot(phase_two.index, phase_two["xbar"], "-", color="tab:blue", linewidth=0.8, label=r"$\bar{X}$")
    for rule, colour in ((4, "gold"), (3, "orange"), (2, "tab:purple"), (1, "tab:red")):
        shown = [i for i in flags[rule] if i < len(phase_two)]
        ax.plot(shown, phase_two["xbar"].iloc[shown], "o", color=colour, markersize=4, label=f"규칙 {rule}")
    for key in ("xbar_cl", "xbar_ucl", "xbar_lcl"):
        ax.axhline(limits[key], color="tab:red", linestyle="-" if key == "xbar_cl" else "--")
    changes = phase_two.index[phase_two["tool"].diff() > 0]
    for change in changes:
        ax.axvline(change, color="grey", linewidth=0.5)
    ax.set_xlabel("부분군 번호 (회색 세로선: 공구 교체)")
    ax.set_ylabel(r"$\bar{X}$ 지름 (mm)")
    ax.set_title(r"2단계: 1단계 한계에 댄 교대 전체의 $\bar{X}$")
    ax.legend(loc="upper left", ncol=5, fontsize=8)
    plt.show()
    print({rule: len(found) for rule, found in flags.items()}, "개 표시 / flagged")

# %% [markdown]
# ## 6. 실시간 시뮬레이터에서 확인 / Check on the live simulator
#
# 다른 터미널에서 `factorylab sim --scenario cnc`를 실행하거나 `factorylab start`가 연 시뮬레이터를 쓰고
# `LIVE = True`로 바꾸세요. 참조 컨트롤러가 CNC를 돌리는 동안 검사 게이지가 잰 지름을 5개씩 모아 X̄를 찍습니다.
# 시뮬레이터 창에서 공구 마모가 커지는 동안 X̄가 1단계 한계를 넘는지 보세요.
#
# Run `factorylab sim --scenario cnc` in another terminal (or use the simulator `factorylab start` opened) and set
# `LIVE = True`. While the reference controller runs the CNC, the inspection gauge's diameters are gathered 5 at a
# time into X̄ values; watch in the simulator window whether X̄ leaves the phase I limits as the tool wears.

# %%
LIVE = False
if LIVE:
    from factorylab.control.reference import make_cnc_controller

    live_line = factorylab.connect("127.0.0.1:5020")
    run_cnc = make_cnc_controller()
    seen = []

    def watch(line, t, m):
        run_cnc(line, t)
        count = line.inspection.measured_count
        if count != m.get("count"):
            m["count"] = count
            seen.append(line.inspection.dimension)

    factorylab.run(watch, live_line, seconds=300)
    live_xbar = [np.mean(seen[k : k + 5]) for k in range(0, len(seen) - 4, 5)]
    print(live_xbar)

# %% [markdown]
# ## 7. 분석 질문 / Questions
#
# 1. 예측 질문의 답을 다시 보세요. 측정 잡음을 빼면 산포는 얼마나 줄어드나요? 측정기 σ가 공정 σ의 몇 %인가요?
# 2. 1단계 X̄ 관리도의 한계(±A2·R̄)는 규격 한계(±0.10 mm)보다 훨씬 좁습니다. 관리 한계 밖의 점이 나왔다면 그
#    부품은 불량인가요? 규격 안의 부품만 나온다면 공정은 "관리 상태"인가요?
# 3. 2단계 그림에서 공구를 바꿀 때마다 X̄는 어떻게 움직이나요? 어떤 규칙이 가장 먼저 알려 주나요? 그 신호로 공구
#    교체 시기를 정한다면 어떻게 정하겠습니까?
# 4. 1단계에 연속한 125개 부품을 썼다면 한계는 넓어질까요, 좁아질까요? 그러면 드리프트를 찾을 수 있을까요?
# 5. 규칙을 개별 부품(n = 1)에 X̄의 σ로 적용하면 무슨 일이 생길까요?
#
# 1. Look at your predictions again. How much smaller is the spread without the gauge's noise? What percentage of the
#    process's σ is the gauge's σ? 2. The phase I X̄ limits (±A2·R̄) are far narrower than the specification (±0.10
#    mm). Is a part whose subgroup falls outside the control limits defective? If all parts are in specification, is
#    the process "in control"? 3. In the phase II plot, how does X̄ move at each tool change? Which rule tells first?
#    How would you set the tool change from that signal? 4. With 125 parts in a row as phase I, would the limits be
#    wider or narrower, and could the drift still be found? 5. What happens if you apply the rules to individual
#    parts (n = 1) with the σ of X̄?
#
# ## 8. 더 해 보기 / Going further
#
# * 같은 데이터로 개별값-이동범위(I-MR) 관리도를 그려 X̄-R 관리도와 비교해 보세요.
# * `tool_policy="fixed:120"`으로 공구를 일찍 바꾸는 데이터를 만들어 2단계 그림이 어떻게 바뀌는지 보세요.
# * 실습 5-2에서는 같은 지름으로 공정 능력(Cp, Cpk)을 구합니다: 관리 상태와 공정 능력은 같은 말일까요?
#
# * Draw an individuals and moving range (I-MR) chart of the same data and compare it with the X̄-R chart.
# * Make data with `tool_policy="fixed:120"` (early tool changes) and see how the phase II plot changes.
# * Lab 5-2 computes the process capability (Cp, Cpk) of the same diameter: are "in control" and "capable" the same?
