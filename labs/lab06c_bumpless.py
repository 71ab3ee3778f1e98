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
#     id: bumpless
#     unit: 6
#     hours: 1.5
#     checks: [bumpless, oven_load]
#     title_ko: "무충격 전환과 외란"
#     title_en: "Bumpless transfer and disturbances"
# ---

# %% [markdown]
# # 실습 6-3. 무충격 전환과 외란
#
# 실습 6-2에서 만든 PI 제어기는 오븐을 200 °C로 데려갑니다. 실제 공장에서는 작업자가 오븐을 **수동**으로 예열한 뒤
# **자동**으로 넘기고, 생산이 시작되면 차가운 부품이 오븐의 열을 빼앗습니다(**부하 외란**). 이 실습에서는 모드를 바꿀
# 때 히터가 뛰지 않게 하는 **무충격 전환(bumpless transfer)** 과, 부하가 걸려도 온도를 지키는 PI를 만듭니다.
#
# **교육목표**
# 1. 수동/자동 전환에서 적분을 현재 히터 값으로 맞추는 **트래킹**으로 히터가 5 % 넘게 뛰지 않게 한다. (과제 6-7)
# 2. 수동에서는 작업자가 정한 히터를 건드리지 않고, 자동에서는 PI가 200 °C로 제어하게 모드를 나눈다. (과제 6-7)
# 3. 부품이 들어오는 부하 외란에서 적분 동작이 오차를 없애는 것을 확인하고, 비례 제어만으로는 오차가 남는 까닭을
#    설명한다. (과제 6-8)
#
# ---
#
# # Lab 6-3. Bumpless transfer and disturbances
#
# The PI controller of lab 6-2 brings the oven to 200 °C. In a plant an operator often warms the oven up in
# **manual** and hands it over to **auto**; once production starts, cold parts draw heat from the oven (a **load
# disturbance**). In this lab you make the change of mode without a jump of the heater (**bumpless transfer**) and a
# PI that holds its temperature under load.
#
# **Objectives**
# 1. Keep the heater from jumping more than 5 % at a manual → auto switch by **tracking**: the integral is set from
#    the present heater value. (Exercise 6-7)
# 2. Split the modes: in manual the controller leaves the operator's heater alone, in auto the PI controls to 200 °C.
#    (Exercise 6-7)
# 3. See integral action remove the offset of a load disturbance (parts coming in) and explain why proportional
#    control alone leaves one. (Exercise 6-8)

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# `oven` 시나리오: 조작 패널, 공급기, 컨베이어, 열처리 오븐, 검사기. 아래 표는 태그 표에서 읽은 것입니다.
#
# The `oven` scenario: the operator panel, the feeder, the belts, the heat-treatment oven and inspection. The table is
# read from the tag table.

# %%
import matplotlib.pyplot as plt
import pandas as pd

import factorylab

line = factorylab.connect(scenario="oven")
TAGS = ["panel.auto", "oven.heater", "oven.temperature", "oven.parts_inside", "feeder.run", "feeder.interval"]
rows = []
for name in TAGS:
    tag = line.info(name).tag
    rows.append(
        {
            "태그 / tag": name,
            "주소 / address": tag.notation,
            "읽기·쓰기 / access": "쓰기 (출력)" if tag.writable else "읽기 (입력)",
            "설명": tag.description_ko,
            "description": tag.description_en,
        }
    )
pd.DataFrame(rows)

# %% [markdown]
# **수동과 자동**: 모드 선택 스위치 `panel.auto`가 0(수동)이면 **작업자가** 히터 출력 `oven.heater`를 손으로
# 정합니다(시뮬레이터에서는 `line.oven.heater = 75`처럼 셀에서 씁니다). 컨트롤러는 수동일 때 히터에 **쓰지 않고**
# 읽기만 합니다. `panel.auto`가 1(자동)이면 PI가 히터를 정합니다.
#
# **Manual and auto**: while the selector `panel.auto` is 0 (manual), **the operator** sets the heater `oven.heater`
# by hand (here: `line.oven.heater = 75` in a cell). The controller then **does not write** the heater; it only reads
# it. While `panel.auto` is 1 (auto), the PI sets the heater.

# %% [markdown]
# ## 2. 예측 질문 / Predict first
#
# 1. 작업자가 수동으로 히터를 75 %에 두어 오븐이 190 °C가 되었습니다. 적분이 0인 PI(Kc = 1.8 %/°C)로 자동 전환하면
#    첫 스캔의 히터는 몇 %일까요? 오븐은 어떻게 될까요?
# 2. 수동인 5분 동안에도 PI가 적분을 계속 더했다면 전환 순간 히터는 어떻게 될까요?
# 3. 220 °C를 지키던 빈 오븐에 차가운 부품이 4초마다 들어옵니다. 히터를 78 %에 고정하면 온도는? 비례 제어만
#    쓰면? PI라면?
#
# 1. The operator held the heater at 75 % in manual and the oven is at 190 °C. You switch to auto with a PI whose
# integral is 0 (Kc = 1.8 %/°C): what is the heater in the first scan, and what does the oven do? 2. What if the PI
# kept adding to its integral during five minutes of manual? 3. Cold parts enter an empty oven held at 220 °C, one
# every 4 s. With the heater fixed at 78 %, what happens to the temperature? With P-only? With PI?

# %% [markdown]
# ## 과제 6-7. 무충격 전환 (20분) / Exercise 6-7. Bumpless transfer (20 min)
#
# PI의 출력은 `히터 = Kc × 오차 + 적분`입니다. 자동으로 바뀌는 순간 히터가 작업자의 값 그대로이려면, 수동인 동안
# 매 스캔 **적분 = 히터 − Kc × 오차**로 맞춰 두면 됩니다. 이것을 **트래킹**이라고 합니다.
#
# `bumpless(line, t, m)`을 완성하세요. `m`은 PLC의 내부 릴레이처럼 숨은 조건마다 새로 시작합니다(처음에는 모두 0).
# 1. 매 스캔 `dt`(지난 스캔부터의 시간)와 오차 `200 - oven.temperature`를 구합니다.
# 2. 수동(`line.panel.auto`가 0)이면 히터에 쓰지 말고 `m["integral"]`만 트래킹합니다.
# 3. 자동이면 실습 6-2의 PI(안티와인드업 포함)로 `oven.heater`를 씁니다.
#
# **힌트**: 실습 6-2의 PI를 붙여 넣어도 됩니다. 바뀌는 곳은 "수동이면" 부분 두 줄뿐입니다.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 자동에서 수동으로 바뀔 때도 아무것도 하지 않는 것이 정답입니다: 히터는 PI가 마지막에 쓴 값에 머물고, 작업자가 거기서
# 이어 받습니다. 수동에서 히터를 0으로 쓰면 오븐이 갑자기 식습니다.
#
# From auto to manual the right thing is to do nothing: the heater stays where the PI left it and the operator takes
# over from there. Writing 0 in manual cools the oven suddenly.
# </details>
#
# The PI's output is `heater = Kc × error + integral`. For the heater to stay at the operator's value at the switch,
# set **integral = heater − Kc × error** in every manual scan: **tracking**. Complete `bumpless(line, t, m)` (`m` is
# fresh for every hidden run, every name starts at 0): compute `dt` and the error `200 - oven.temperature` in every
# scan; in manual (`line.panel.auto` is 0) do not write the heater, only track `m["integral"]`; in auto write
# `oven.heater` with the PI of lab 6-2 (with anti-windup). Hint: you may paste your PI of lab 6-2; only the two lines
# of "if manual" are new.

# %%
SETPOINT = 200.0  # °C
KC = 1.8  # %/°C: SIMC from lab 6-2 (your own values are fine)
TI = 160.0  # s


def bumpless(line, t, m):
    ### BEGIN SOLUTION
    error = SETPOINT - line.oven.temperature
    dt = t - m["last_t"] if m["started"] else 0.0
    m["started"] = True
    m["last_t"] = t
    if not line.panel.auto:
        m["integral"] = line.oven.heater - KC * error  # tracking
        return
    output = KC * error + m["integral"]
    if 0.0 < output < 100.0:  # anti-windup: integrate only while the heater is not at a limit
        m["integral"] += KC * error * dt / TI
    line.oven.heater = min(100.0, max(0.0, output))
    ### END SOLUTION


# %% [markdown]
# 작업자가 되어 봅시다: 수동에서 히터를 75 %로 두고 400초 예열, 자동으로 돌려 400초. 전환 순간(400초) 히터 그래프에
# 계단이 있나요?
#
# Be the operator: heater at 75 % in manual for 400 s, then auto for 400 s. Is there a step in the heater at 400 s?

# %%
watch = ["oven.temperature", "oven.heater", "panel.auto"]
line = factorylab.connect(scenario="oven")
line.plant.panel.set_auto(False)  # 모드 스위치를 수동으로 / the selector to manual
line.oven.heater = 75  # 작업자의 손 / the operator's hand
manual = factorylab.run(bumpless, line, seconds=400, scan=0.5, record=watch, record_every=5)
line.plant.panel.set_auto(True)
auto = factorylab.run(bumpless, line, seconds=400, scan=0.5, record=watch, record_every=5)
history = pd.concat([manual.history, auto.history])
fig, (top, bottom) = plt.subplots(2, 1, sharex=True, figsize=(8, 5))
top.plot(history.index, history["oven.temperature"])
top.set_ylabel("온도 / °C")
bottom.plot(history.index, history["oven.heater"], drawstyle="steps-post")
bottom.set_ylabel("히터 / heater %")
bottom.set_xlabel("시간 / time (s)")
for axis in (top, bottom):
    axis.axvline(400, color="grey", linestyle="--")

# %% [markdown]
# 검사는 숨은 조건 6가지에서 작업자 역할을 합니다: 오븐마다 게인과 시정수가 다르고, 200 °C 아래와 위에서 자동으로
# 돌리며, 자동에서 수동으로 돌린 뒤 히터를 다른 값으로 옮깁니다. 시각은 조건마다 다릅니다.
#
# The check plays the operator on 6 hidden runs: ovens of different gain and time constant, switches to auto below
# and above 200 °C, switches back to manual and the heater moved to another value, at different times each run.

# %%
result = factorylab.check(bumpless, "bumpless")
result

# %% [markdown]
# ## 과제 6-8. 부하 외란: 부품이 들어올 때 (20분) / Exercise 6-8. A load disturbance: parts coming in (20 min)
#
# 이제 오븐을 **220 °C**로 지킵니다. 오븐이 데워진 뒤 숨은 시각부터 공급기가 차가운(25 °C) 부품을 숨은 간격으로
# 보냅니다. 부품 하나하나가 오븐의 열을 빼앗습니다. 라인의 다른 PLC가 컨베이어, 공급기, 체류 게이트(28초)를 맡으니
# 여러분의 컨트롤러는 `oven.heater`만 씁니다.
#
# 합격 기준: 부품이 오기 전 120초와, 공급이 바뀐 뒤 300초(회복 시간)가 지나고부터 220 ± 3 °C; 오븐이 240 °C를
# 넘으면 안에 있는 부품이 과열 불량이 되므로 한 번도 넘지 않기; 나오는 부품의 경도 42 HRC 이상.
#
# `hold_220(line, t, m)`을 완성하세요: 목표 220 °C의 PI입니다(모드 스위치는 이 과제에서 늘 자동).
#
# **힌트**: 비례 제어만으로는 왜 안 될까요? 부품이 들어오면 히터가 더 필요합니다. 비례 동작은 오차가 있어야만 히터를
# 올리니, 오차가 남습니다. 적분은 오차가 0이 될 때까지 히터를 올립니다.
#
# Now hold the oven at **220 °C**. After it has warmed up, from a hidden time the feeder sends cold (25 °C) parts at a
# hidden rate; each draws heat from the oven. The line's other PLC runs the belts, the feeder and the dwell gate
# (28 s); your controller writes `oven.heater` only. To pass: 220 ± 3 °C in the 120 s before the parts come and from
# 300 s (the recovery) after each change of the feed; never above 240 °C (parts inside would be overheated); parts
# leave at 42 HRC or more. Complete `hold_220(line, t, m)`: a PI to 220 °C (the selector stays in auto here). Hint:
# why not P-only? With parts the oven needs more heater; P raises the heater only while there is an error, so an error
# stays. The integral raises it until the error is 0.

# %%
LOAD_SETPOINT = 220.0  # °C


def hold_220(line, t, m):
    ### BEGIN SOLUTION
    error = LOAD_SETPOINT - line.oven.temperature
    dt = t - m["last_t"] if m["started"] else 0.0
    m["started"] = True
    m["last_t"] = t
    output = KC * error + m["integral"]
    if 0.0 < output < 100.0:
        m["integral"] += KC * error * dt / TI
    line.oven.heater = min(100.0, max(0.0, output))
    ### END SOLUTION


# %% [markdown]
# 라인의 다른 PLC 역할을 하는 함수 `line_plc`를 만들어 두었습니다: 900초부터 4초마다 부품을 보내고, 부품이 오븐에
# 28초 머물면 게이트를 엽니다. 두 함수를 한 스캔에 함께 부릅니다. 부품이 들어오자 히터는 몇 %에서 몇 %로 갔나요?
#
# `line_plc` plays the line's other PLC: a part every 4 s from 900 s, the gate opens after 28 s in the oven. Both run
# in one scan. From what to what did the heater go once the parts came?

# %%
FEED_AT = 900.0  # s


def line_plc(line, t):
    line.conveyor1.run = line.conveyor2.run = True
    line.feeder.interval = 4.0
    line.feeder.run = t >= FEED_AT
    line.oven.gate = line.oven.front_dwell >= 28.0


def production(line, t, m):
    hold_220(line, t, m)
    line_plc(line, t)


line = factorylab.connect(scenario="oven")
watch = ["oven.temperature", "oven.heater", "oven.parts_inside"]
run = factorylab.run(production, line, seconds=1500, scan=0.5, record=watch, record_every=5)
figure = run.plot()
heater = run.history["oven.heater"]
print("부품 전 히터 / heater before:", heater.loc[800:900].mean().round(1), "%")
print("부품 뒤 히터 / heater with parts:", heater.loc[1300:].mean().round(1), "%")

# %%
result = factorylab.check(hold_220, "oven_load")
result

# %% [markdown]
# ## 3. 실시간 시뮬레이터에서 확인 / Check it live
#
# 다른 터미널에서 `factorylab sim --scenario oven`을 실행하고(또는 `factorylab start`가 연 창) `LIVE = True`로
# 바꾸세요. 시뮬레이터 창에서 패널의 **모드 스위치**를 수동으로 돌리고 히터를 바꾼 뒤 자동으로 돌려, 히터 그래프에
# 계단이 생기는지 보세요.
#
# Run `factorylab sim --scenario oven` in another terminal (or use the window `factorylab start` opened) and set
# `LIVE = True`. Turn the panel's **mode selector** to manual in the simulator window, change the heater, turn it
# back to auto and watch the heater for a step.

# %%
LIVE = False
if LIVE:
    live_line = factorylab.connect("127.0.0.1:5020")
    factorylab.run(bumpless, live_line, seconds=600, scan=0.5, live=["oven.temperature", "oven.heater"])

# %% [markdown]
# ## 4. 분석 질문 / Questions
#
# 1. 예측 질문 1~3의 답을 다시 보세요. 무엇이 맞았고 무엇이 틀렸나요?
# 2. 트래킹에서 `- Kc × 오차`를 빼면 전환 순간 히터는 얼마나 뛸까요? 오븐이 200 °C 근처일 때와 150 °C일 때를
#    비교해 보세요.
# 3. 과제 6-8에서 부품이 들어온 뒤 히터가 몇 % 올랐나요? 이 값에 오븐의 게인(°C/%)을 곱하면 무엇이 나오나요?
# 4. 비례 제어만 쓰면 부품이 많을수록 오차가 커집니다. 왜 그럴까요?
#
# 1. Look at your predictions again: which were right? 2. Without `- Kc × error` in the tracking, how far does the
# heater jump at the switch, with the oven near 200 °C and at 150 °C? 3. In 6-8, by how many % did the heater go up
# with the parts? What do you get when you multiply it by the oven's gain (°C/%)? 4. With P-only the offset grows
# with the number of parts: why?
#
# ## 5. 더 해 보기 / Going further
#
# - **피드포워드**: 부품 수 `oven.parts_inside`를 읽어 부품 하나에 약 1.5 %씩 히터를 미리 더해 보세요. 회복이 얼마나
#   빨라지나요? 적분은 그래도 필요할까요?
# - 자동에서 수동으로 돌릴 때 히터가 PI의 마지막 값에 머무는지 그래프로 확인해 보세요.
#
# - **Feedforward**: read `oven.parts_inside` and add about 1.5 % of heater per part before the error shows. How much
#   faster is the recovery? Is the integral still needed?
# - Check in a plot that the heater stays at the PI's last value when you turn from auto to manual.
