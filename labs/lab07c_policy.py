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
#     id: maintenance_policy
#     unit: 7
#     hours: 2.5
#     checks: [tool_change, anomaly_detection]
#     title_ko: "위험에서 정책으로: 공구 교체와 이상 감지"
#     title_en: "From risk to policy: tool changes and anomaly detection"
# ---

# %% [markdown]
# # 실습 7-3. 위험에서 정책으로: 공구 교체와 이상 감지
#
# 예측 모델(실습 7-2)은 "이 부품에서 고장 날 확률"을 줍니다. 공장에 필요한 것은 확률이 아니라 **결정**입니다: 공구를
# 지금 바꿀까, 한 개 더 가공할까? 이 실습에서는 고장 확률을 **비용**으로 바꾸어 공구 교체 정책을 만들고, 설비 표의 신호로
# 베어링 마모와 히터 열화를 일찍 알아채는 이상 감지기를 만듭니다.
#
# **교육목표**
# 1. 공구 마모에서의 과부하 고장(OSF) 확률을 부품 하나당 기대 비용으로 바꾸고, 공구값과 비교해 교체 시점을 정한다.
# 2. 위험 규칙으로 공구를 바꾸는 제어기를 만들어 "190 min에 교체"보다 양품 하나당 비용을 5 % 이상 줄인다.
# 3. 운전 상태를 고려한 기준(baseline)과 비교해 베어링 마모와 히터 열화를 고장 시작 20분 안에, 교대마다 오경보 1번
#    이하로 감지한다.
#
# ---
#
# # Lab 7-3. From risk to policy: tool changes and anomaly detection
#
# A prediction model (lab 7-2) gives "the chance this part fails". A plant needs a **decision**, not a chance: change
# the tool now, or machine one more part? In this lab you turn failure chances into **costs** to build a tool-change
# policy, and you build an anomaly detector that notices bearing wear and heater degradation early from the machine
# signals.
#
# **Objectives**
# 1. Turn the chance of an overstrain failure (OSF) at a tool wear into an expected cost per part, and set the change
#    point by comparing it with the tool's price.
# 2. Build a controller that changes the tool by a risk rule and costs at least 5 % less per good part than "change
#    at 190 min".
# 3. Detect bearing wear and heater degradation within 20 minutes of the fault's start, with at most one false alarm a
#    shift, by comparing with a baseline that takes the running state into account.

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# 아래 표는 태그 표에서 바로 읽은 것입니다.
#
# The table below is read from the tag table.

# %%
import math

import matplotlib.pyplot as plt

import factorylab
from factorylab.labs.lab07c_policy_checks import anomaly_shift

MY_SEED = 1  # 여러분의 번호 / your number

line = factorylab.connect(scenario="cnc", seed=MY_SEED)
for name in ["cnc.tool_wear", "cnc.grade", "cnc.tool_change", "cnc.tool_changing", "cnc.failed", "cnc.reset"]:
    tag = line.info(name).tag
    print(f"{name:20} {tag.unit or '-':4} {tag.description_ko}")

# %% [markdown]
# ## 2. 예측 질문 / Prediction
#
# 공구 하나는 20,000원, 마모 고장 한 번은 100,000원입니다. 공구를 **100 min**에 바꾸는 정책과 **고장 날 때까지 쓰는**
# 정책 중 어느 쪽이 양품 하나당 더 비쌀까요? 가장 싼 교체 시점은 어디쯤일까요? 답을 적어 두고 과제 7-5에서 확인하세요.
#
# A tool costs 20,000 won, a wear failure 100,000 won. Which costs more per good part: changing at **100 min**, or
# running **until it fails**? Where is the cheapest change point? Write your answer down and check it in exercise 7-5.

# %% [markdown]
# ## 과제 7-5. 위험에서 정책으로 (40분) / Exercise 7-5. From risk to policy (40 min)
#
# AI4I 규칙(실습 7-1): 부품의 토크는 평균 40 Nm, 표준편차 10 Nm인 정규분포이고, **마모 × 토크**가 등급의 한계(L 11,000,
# M 12,000, H 13,000 min·Nm)를 넘으면 과부하 고장(OSF)이 납니다. 그러니 마모 `w`에서 OSF 확률은 "토크가 한계 ÷ w보다
# 클 확률"입니다.
#
# **(가)** `osf_chance(wear, grade)`를 완성하세요. 정규분포에서 값이 `x`보다 클 확률은
# `0.5 * math.erfc((x - 평균) / (표준편차 * math.sqrt(2)))`입니다.
#
# AI4I rule (lab 7-1): a part's torque is normal with mean 40 Nm and standard deviation 10 Nm, and an overstrain
# failure (OSF) happens when **wear × torque** passes the grade's limit (L 11,000, M 12,000, H 13,000 min·Nm). So the
# OSF chance at wear `w` is "the chance the torque is above limit ÷ w".
#
# **(a)** Complete `osf_chance(wear, grade)`. For a normal distribution the chance of a value above `x` is
# `0.5 * math.erfc((x - mean) / (sd * math.sqrt(2)))`.

# %%
LIMITS = {"L": 11_000.0, "M": 12_000.0, "H": 13_000.0}  # min·Nm (AI4I 2020)


def osf_chance(wear: float, grade: str) -> float:
    """Chance (0..1) of an overstrain failure for one part of this grade machined at this tool wear (min)."""
    ### BEGIN SOLUTION
    if wear <= 0:
        return 0.0
    torque_limit = LIMITS[grade] / wear
    return 0.5 * math.erfc((torque_limit - 40.0) / (10.0 * math.sqrt(2.0)))
    ### END SOLUTION


# %% [markdown]
# 그래프에서 L 부품 하나당 기대 고장 비용 `osf_chance(w, "L") × 100,000원`이 마모에 따라 어떻게 오르는지 보세요.
# 공구를 바꾸면 20,000원과 30초(약 6개 부품)를 씁니다. 한 공구로 200개쯤 가공하면 공구값은 부품 하나당 약 100원입니다.
#
# In the chart, see how the expected failure cost of one L part, `osf_chance(w, "L") × 100,000 won`, rises with wear. A
# change costs 20,000 won and 30 s (about 6 parts). With about 200 parts per tool the tool costs about 100 won a part.

# %%
wears = list(range(100, 231, 5))
fig, ax = plt.subplots(figsize=(7, 3.5))
for grade in ["L", "M", "H"]:
    try:
        costs = [osf_chance(w, grade) * 100_000 for w in wears]
    except NotImplementedError:
        print("osf_chance를 먼저 완성하세요. / Complete osf_chance first.")
        break
    ax.plot(wears, costs, label=f"{grade} 등급")
ax.axhline(100, color="gray", linestyle="--", label="공구값 ÷ 200개 ≈ 100원")
ax.set_xlabel("공구 마모 (min)")
ax.set_ylabel("부품 하나당 기대 고장 비용 (원)")
ax.set_ylim(0, 1000)
ax.legend()
plt.show()

# %% [markdown]
# **(나)** 위험 규칙으로 공구를 바꾸는 제어기를 만드세요. 라인을 돌리고(`feeder.run`, `conveyor1.run`, `conveyor2.run`,
# `cnc.run`), 고장 나면 `cnc.reset`으로 되살리고, 다음 부품의 기대 고장 비용이 여러분이 정한 한계(원)를 넘으면
# `cnc.tool_change`로 교체하세요. 교체는 **상승 에지**에서만 시작합니다: `cnc.tool_changing`이 켜지면 명령을 끄세요.
# 검사는 숨은 실행 5번(25분씩)에서 양품 하나당 비용을 "190 min에 교체"와 비교합니다.
#
# **(b)** Build a controller that changes the tool by a risk rule. Run the line (`feeder.run`, `conveyor1.run`,
# `conveyor2.run`, `cnc.run`), reset the CNC with `cnc.reset` after a failure, and change the tool with
# `cnc.tool_change` once the next part's expected failure cost passes a limit (won) you choose. A change starts on a
# **rising edge** only: switch the command off once `cnc.tool_changing` is on. The check compares the cost per good
# part on 5 hidden runs (25 min each) with "change at 190 min".
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 등급은 부품마다 바뀝니다. 가장 약한 L 등급으로 위험을 재면 안전합니다. 한계를 50, 100, 200원으로 바꿔 보며 점수를
# 비교하세요.
#
# The grade changes from part to part; measuring the risk for the weakest grade, L, is safe. Try limits of 50, 100 and
# 200 won and compare the scores.
#
# </details>

# %%


def controller(line, t, m):
    ### BEGIN SOLUTION
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = line.cnc.run = True
    line.cnc.reset = line.cnc.failed
    next_part_cost = osf_chance(line.cnc.tool_wear + 2.0, "L") * 100_000
    line.cnc.tool_change = next_part_cost > 100 and not line.cnc.tool_changing
    ### END SOLUTION


# %%
result = factorylab.check(controller, "tool_change")
result

# %% [markdown]
# ## 과제 7-6. 이상 감지 (40분) / Exercise 7-6. Anomaly detection (40 min)
#
# `anomaly_shift(seed)`는 라인의 40분 교대를 설비 표(10초마다 한 줄)로 줍니다. 교대 처음 15분 안에 벨트가 2~4분 멈추고,
# 14~22분 사이에 두 고장이 시작됩니다: 컨베이어 하나의 **베어링 마모**(진동과 전류가 천천히 오름)와 **히터 열화**(같은
# 오븐 온도를 지키는 데 히터가 더 필요함). 정답 시각은 `machines.attrs["faults"]`에 있습니다.
#
# `anomaly_shift(seed)` gives a 40-minute shift of the line as a machines table (one row every 10 s). In its first 15
# minutes the belts stand for 2-4 minutes, and between 14 and 22 minutes two faults start: a **bearing wearing** on one
# conveyor (vibration and current creep up) and the **heater degrading** (more heater for the same oven temperature).
# The true start times are in `machines.attrs["faults"]`.

# %%
machines = anomaly_shift(seed=MY_SEED)
faults = machines.attrs["faults"]
print(faults)
fig, axes = plt.subplots(3, 1, figsize=(8, 7), sharex=True)
minutes = machines["t"] / 60
axes[0].plot(minutes, machines["conveyor1_vibration"], label="컨베이어1 진동")
axes[0].plot(minutes, machines["conveyor2_vibration"], label="컨베이어2 진동")
axes[0].set_ylabel("진동 (mm/s)")
axes[1].plot(minutes, machines["oven_heater"], color="tab:red")
axes[1].set_ylabel("히터 (%)")
axes[2].plot(minutes, machines["oven_temperature"], color="tab:orange")
axes[2].set_ylabel("오븐 온도 (°C)")
axes[2].set_xlabel("시간 (분)")
for ax in axes:
    ax.axvline(faults["bearing"]["start"] / 60, color="gray", linestyle="--")
    ax.axvline(faults["heater"]["start"] / 60, color="black", linestyle=":")
axes[0].legend()
plt.show()

# %% [markdown]
# `detect(machines)`를 완성하세요. 돌려줄 값은 `{"bearing": [경보 시각, ...], "heater": [경보 시각, ...]}`입니다(초).
# 검사는 숨은 교대 3개(모터가 달리 달려 정상 진동이 다르고, 오븐 설정 온도가 195~215 °C로 다름; 어떤 교대에는 고장이
# 하나뿐)에서 고장마다 **20분 안에** 경보가 났는지, 교대마다 **오경보가 1번 이하**인지 봅니다.
#
# 1. **기준**: 각 신호의 정상 값은 모터와 설정마다 다릅니다. 교대 처음의 정상 구간(오븐이 데워진 뒤, 벨트가 돌 때)에서
#    평균과 표준편차를 구하세요.
# 2. **운전 상태**: 멈춘 벨트는 0을 읽고, 막 다시 돈 벨트의 값은 아직 흔들립니다. `conveyor1_running`,
#    `conveyor2_running`이 참인 표본만 쓰세요.
# 3. **경보는 한 번**: 조건이 거짓에서 참으로 바뀔 때(상승 에지) 시각을 기록하세요.
#
# Complete `detect(machines)`. It returns `{"bearing": [alarm time, ...], "heater": [alarm time, ...]}` (s). The check
# uses 3 hidden shifts (motors mounted differently, so their healthy vibration differs; oven setpoints from 195 to
# 215 °C; some shifts have one fault only) and asks for an alarm **within 20 minutes** of each fault and **at most one
# false alarm** a shift.
#
# 1. **Baseline**: each signal's healthy value differs between motors and settings. Take the mean and the standard
#    deviation from the healthy minutes at the start of the shift (after the oven warmed up, with the belts running).
# 2. **Running state**: a stopped belt reads zero, and a belt that just restarted is still unsettled. Use only samples
#    where `conveyor1_running` and `conveyor2_running` are true.
# 3. **One alarm**: record the time when the condition goes from false to true (a rising edge).
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 하나의 표본은 잡음으로 튈 수 있습니다: 최근 몇 개 표본의 평균(`rolling(3).mean()`)을 기준 + 5 × 표준편차와 비교하세요.
# 히터는 부품이 드나들며 흔들리므로 더 긴 평균과 최소 3 %의 여유를 쓰세요.
#
# One sample may jump with noise: compare the mean of the last few samples (`rolling(3).mean()`) with baseline + 5 ×
# standard deviation. The heater moves as parts come and go: use a longer mean and a margin of at least 3 %.
#
# </details>


# %%
def detect(machines):
    """Alarm times (s) of a wearing conveyor bearing and of a degrading heater, from a machines table."""
    ### BEGIN SOLUTION
    alarms = {"bearing": [], "heater": []}
    running = machines["conveyor1_running"].astype(bool) & machines["conveyor2_running"].astype(bool)
    settled = running
    for lag in (1, 2, 3):  # running for the last 30 s too
        settled = settled & running.shift(lag, fill_value=False)
    rows = machines[settled & (machines["t"] >= 300)]  # after the oven warmed up
    healthy = rows.head(18)  # the first 3 running minutes
    for column, kind, window, sds, margin in [
        ("conveyor1_vibration", "bearing", 3, 5, 0.0),
        ("conveyor2_vibration", "bearing", 3, 5, 0.0),
        ("oven_heater", "heater", 6, 4, 3.0),
    ]:
        limit = healthy[column].mean() + max(sds * healthy[column].std(), margin)
        smooth = rows[column].rolling(window).mean()  # mean of the last few samples
        was_high = False
        for i in range(len(rows)):
            high = smooth.iloc[i] > limit
            if high and not was_high:  # rising edge: one alarm
                alarms[kind].append(float(rows["t"].iloc[i]))
            was_high = high
    return alarms
    ### END SOLUTION


# %%
result = factorylab.check(detect, "anomaly_detection")
result

# %% [markdown]
# ## 3. 실시간 시뮬레이터에서 확인 / On the live simulator
#
# 다른 터미널에서 `factorylab sim --scenario cnc`를 실행하고(또는 `factorylab start`가 띄운 시뮬레이터를 쓰고)
# `LIVE = True`로 바꾸세요. 여러분의 공구 교체 제어기가 Modbus로 CNC를 5분 움직입니다. 시뮬레이터 창에서 실시간으로
# 공구 마모와 교체를 보세요.
#
# Run `factorylab sim --scenario cnc` in another terminal (or use the simulator `factorylab start` opened) and set
# `LIVE = True`: your tool-change controller drives the CNC over Modbus for 5 minutes. Watch the tool wear and the
# changes in the simulator's window.

# %%
LIVE = False
if LIVE:
    live_line = factorylab.connect("127.0.0.1:5020")
    live = factorylab.run(controller, live_line, seconds=300, live=["cnc.tool_wear", "cnc.tool_changing"])

# %% [markdown]
# ## 4. 분석 질문 / Questions
#
# 1. 과제 7-5에서 한계를 50원, 100원, 200원으로 바꾸면 공구를 평균 몇 min에서 바꾸나요? 점수는 어떻게 바뀌나요?
# 2. "고장 날 때까지 쓰기"와 "100 min에 교체"는 각각 무엇 때문에 비싼가요?
# 3. 이상 감지기의 기준을 교대 전체의 평균으로 잡으면 어떤 일이 생기나요? 멈춘 시간이 포함되면요?
#
# 1. In exercise 7-5, with limits of 50, 100 and 200 won, at what mean wear do you change tools? How does the score
#    change?
# 2. What makes "run until it fails" expensive, and what makes "change at 100 min" expensive?
# 3. What happens if your detector's baseline is the mean of the whole shift? And if the stopped minutes are in it?

# %% [markdown]
# ## 5. 더 해 보기 / Going further
#
# * 실습 7-2의 모델이 준 확률로 `osf_chance`를 바꾸어 보세요. 규칙보다 나은가요?
# * `detect`에 전류(`conveyor1_current`)도 쓰세요. 부품이 실릴 때 전류가 오르는 것을 어떻게 구별하나요?
#
# * Replace `osf_chance` by the probability your model of lab 7-2 gives. Is it better than the rule?
# * Use the current (`conveyor1_current`) in `detect` too. How do you tell the rise when parts are carried apart?
