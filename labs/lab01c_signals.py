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
#     id: signal_quality
#     unit: 1
#     hours: 1.5
#     checks: [noise_filter, stuck_switch]
#     title_ko: 신호의 품질 - 잡음, 필터, 타당성 검사
#     title_en: Signal quality - noise, filters and plausibility checks
# ---

# %% [markdown]
# # 실습 1-3. 신호의 품질: 잡음, 필터, 타당성 검사
#
# 밸브를 모두 잠가도 수위 전송기의 값은 가만히 있지 않습니다. 측정값에는 언제나 **잡음**이 섞이고, ADC는 값을
# 정수 **카운트**로 잘라 냅니다(**양자화**). 잡음은 **필터**로 줄일 수 있지만, 필터는 값을 **늦게** 만듭니다. 또 센서는
# 고장 날 수 있습니다: 고수위 스위치가 늘 0에 붙어 버리면(고착) 탱크가 넘치기 직전에도 PLC는 모릅니다. 같은 것을
# 재는 두 센서를 비교하는 **타당성 검사**(plausibility check)로 이런 고장을 잡습니다.
#
# **교육목표**
# 1. 수위 전송기의 잡음(표준편차)과 양자화(1 카운트 = 0.25 mm)를 기록에서 잰다.
# 2. 이동평균이나 1차 필터로 잡음을 ⅓ 이하로 줄이면서, 늦음(지연)은 3초 이하로 지킨다.
# 3. 레벨스위치(`tank.high`)와 수위 전송기(`tank.level`)를 비교해 고착된 스위치를 10초 안에 알린다.
#
# ---
#
# # Lab 1-3. Signal quality: noise, filters and plausibility checks
#
# Even with every valve shut, the level transmitter's value does not stand still. A measurement always carries
# **noise**, and the ADC cuts it into whole **counts** (**quantisation**). A **filter** reduces the noise, but it makes the
# value **late**. And sensors fail: when the high level switch sticks at 0, the PLC does not know the tank is about to
# overflow. A **plausibility check** that compares two sensors measuring the same thing catches such faults.
#
# **Objectives**
# 1. Measure the level transmitter's noise (standard deviation) and quantisation (1 count = 0.25 mm) from a recording.
# 2. Cut the noise to a third or less with a moving average or a first-order filter, while keeping the lag at 3 s or less.
# 3. Compare the level switch (`tank.high`) with the level transmitter (`tank.level`) and report a stuck switch within 10 s.

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# 냉각수 탱크(`tank` 시나리오)에는 수위 전송기(아날로그)와 레벨스위치 세 개(디지털)가 있습니다. 패널에는 4자리
# 표시기(`panel.display`)와 타워램프가 있습니다.
#
# The coolant tank (`tank` scenario) has a level transmitter (analog) and three level switches (digital). The panel has a
# four-digit display (`panel.display`) and a stack light.

# %%
import matplotlib.pyplot as plt

import factorylab

line = factorylab.connect(scenario="tank")
for name in [
    "tank.level_raw",
    "tank.level",
    "tank.high",
    "tank.low",
    "tank.overflow",
    "panel.display",
    "stack_light.red",
]:
    print(line.info(name), end="\n\n")

# %% [markdown]
# **레벨스위치의 1은 무엇을 뜻할까요?** 스위치의 1은 "빛이 있다"나 "물이 있다"가 아니라, 그 스위치가 **알리기로 한
# 상태**입니다. `tank.high`는 물이 900 mm에 **닿으면** 1, `tank.low`는 물이 150 mm **이하로 내려가면** 1입니다.
# 실제 배선에서는 접점이 평소 열려 있는 **a접점(NO)** 인지, 평소 닫혀 있는 **b접점(NC)** 인지에 따라 같은 상태가 1도
# 0도 될 수 있으니, 늘 태그 설명을 확인하세요.
#
# **What does 1 mean for a level switch?** A switch's 1 does not mean "light" or "water is there": it means the state it
# was made to report. `tank.high` is 1 when the water **reaches** 900 mm, `tank.low` is 1 when the water is **at or below**
# 150 mm. In real wiring the same state can read 1 or 0 depending on whether the contact is **normally open (NO, a접점)**
# or **normally closed (NC, b접점)**, so always read the tag's description.
#
# ## 2. 예측 질문 / Prediction questions
#
# 1. 밸브를 모두 잠그면 수위는 그대로입니다. 그때 `tank.level_raw`를 스캔마다(0.05초) 읽으면 값이 늘 같을까요?
# 2. 최근 값 100개를 평균하면 흔들림은 줄어들까요? 수위가 갑자기 변하기 시작하면 평균값은 어떻게 될까요?
# 3. 고수위 스위치가 고장 나서 늘 0이면, PLC는 어떻게 그것을 알 수 있을까요?
#
# 1. With every valve shut the level stays put. Read `tank.level_raw` every scan (0.05 s): is it always the same?
# 2. Averaging the last 100 values, does the wobble get smaller? What happens to the average when the level starts to move?
# 3. If the high level switch breaks and always reads 0, how can the PLC tell?

# %%
my_predictions = {1: None, 2: None, 3: None}

# %% [markdown]
# ## 3. 과제 1-7: 잡음 재기와 필터 / Exercise 1-7: measure the noise, then filter it (30분 / 30 min)
#
# **1단계: 잡음과 양자화 재기.** 밸브를 잠그고 30초 동안 스캔마다 기록합니다.
#
# **Step 1: measure the noise and the quantisation.** Shut the valves and record every scan for 30 s.

# %%
line = factorylab.connect(scenario="tank")


def valves_shut(line, t):
    line.tank.inflow = 0
    line.tank.drain = False


quiet = factorylab.run(valves_shut, line, seconds=30, record=["tank.level_raw", "tank.level"], record_every=0.05)
history = quiet.history
print(history.head(10))
print(history["tank.level_raw"].value_counts().sort_index())

# %% [markdown]
# 위의 표를 보세요. 값은 모두 **정수 카운트**이고(1 카운트 = 0.25 mm), 같은 값이 **4스캔(0.2초)** 씩 이어집니다: 이
# 전송기는 0.2초마다 새 값을 냅니다. 이제 `tank.level_raw`의 **표준편차**(흔들림의 크기)를 구하세요.
# (pandas: `history["tank.level_raw"].std()`)
#
# Look at the table: every value is a **whole count** (1 count = 0.25 mm) and each value lasts **4 scans (0.2 s)**: the
# transmitter gives a new value every 0.2 s. Now compute the **standard deviation** of `tank.level_raw` (the size of the
# wobble), e.g. with pandas: `history["tank.level_raw"].std()`.

# %%
sigma_counts = None
### BEGIN SOLUTION
sigma_counts = history["tank.level_raw"].std()
### END SOLUTION
print("잡음의 표준편차 / noise standard deviation:", sigma_counts, "counts")

# %% [markdown]
# **2단계: 필터.** 흔들리는 값을 그대로 표시하면 읽기 어렵고, 이 값으로 경보를 내면 경보가 깜박입니다. 두 가지
# 필터가 흔히 쓰입니다.
#
# * **이동평균**: 최근 N개의 평균. 창(window)이 N스캔이면 N × 0.05초 길이이고, 값은 창 길이의 **절반**만큼 늦습니다.
# * **1차 필터**(지수 평활): `새 필터값 = 필터값 + a × (측정값 − 필터값)`. 시정수 τ = 0.05초 ÷ a이고, 값은 약 τ만큼 늦습니다.
#
# 서로 다른 값 n개를 평균하면 흔들림은 √n 분의 1로 줄어듭니다. 전송기는 0.2초마다 새 값을 내므로, 흔들림을 ⅓로
# 줄이려면 새 값이 9개 넘게(1.8초 넘게) 필요하고, 3초 안에 따라가려면 창은 6초보다 짧아야 합니다. **창 3~5초
# (60~100스캔)** 나 **시정수 1.5~2.5초**(a = 0.02~0.033)가 알맞습니다.
#
# 컨트롤러를 완성하세요: `tank.level_raw`(또는 `tank.level`)를 걸러서, 패널 표시기 `panel.display`에 **0.1 mm 단위**로
# 씁니다 (452.3 mm → 4523, `tank.level`의 레지스터처럼 배율 10). 스캔과 스캔 사이에 기억할 값(필터값, 최근 값 목록)은
# `m`에 두세요: `m`은 숨은 조건마다 비어서(모든 값 0) 시작합니다.
#
# 힌트: 1차 필터는 `m["filtered"]`가 0에서 시작하면 실제 수위까지 올라오는 데 한참 걸립니다. 첫 스캔에서는 필터값을
# 그때의 측정값으로 시작하세요 (`if m["started"] == 0: ...`).
#
# **Step 2: the filter.** A wobbling value is hard to read, and an alarm on it flickers. Two filters are common:
#
# * **moving average**: the mean of the last N values. A window of N scans is N × 0.05 s long and the value is late by
#   **half** of it.
# * **first-order filter** (exponential smoothing): `new filtered = filtered + a × (reading − filtered)`. Its time constant
#   is τ = 0.05 s ÷ a and the value is late by about τ.
#
# Averaging n different values divides the wobble by √n. The transmitter gives a new value every 0.2 s, so cutting the
# wobble to a third takes more than 9 new values (more than 1.8 s), and following within 3 s needs a window shorter than
# 6 s. **A window of 3-5 s (60-100 scans)** or **a time constant of 1.5-2.5 s** (a = 0.02-0.033) fits.
#
# Complete the controller: filter `tank.level_raw` (or `tank.level`) and write it to the panel display `panel.display` in
# **tenths of a mm** (452.3 mm -> 4523, scale 10 like the register of `tank.level`). Keep what a scan must remember (the
# filtered value, the list of recent values) in `m`: every hidden run starts with an empty `m` (every value 0).
#
# Hint: a first-order filter whose `m["filtered"]` starts at 0 takes a long time to climb to the real level. Start it at the
# reading of the first scan (`if m["started"] == 0: ...`).


# %%
def controller(line, t, m):
    raw = line.tank.level_raw  # counts, 1 count = 0.25 mm
    ### BEGIN SOLUTION
    if m["started"] == 0:  # the first scan: start the filter at the reading
        m["filtered"] = raw
        m["started"] = 1
    m["filtered"] = m["filtered"] + 0.025 * (raw - m["filtered"])  # time constant 0.05 s / 0.025 = 2 s
    line.panel.display = m["filtered"] * 0.25 * 10  # counts -> mm -> tenths of a mm
    ### END SOLUTION


# %% [markdown]
# 직접 돌려 보기: 처음 20초는 밸브를 잠그고, 20초에 유입 밸브를 열었다가 32초에 닫습니다. 측정값과 표시값(÷10)을
# 한 그래프에 그립니다. 표시값이 덜 흔들리나요? 얼마나 늦게 따라가나요?
#
# Try it: the valves shut for 20 s, the inflow valve opened at 20 s and shut at 32 s. The reading and the display (÷ 10)
# are drawn on one plot. Does the display wobble less? How late does it follow?


# %%
def with_a_step(line, t, m):
    line.tank.inflow = 100 if 20 <= t < 32 else 0
    controller(line, t, m)


step_line = factorylab.connect(scenario="tank")
step = factorylab.run(with_a_step, step_line, seconds=45, record=["tank.level", "panel.display"], record_every=0.05)
h = step.history
fig, ax = plt.subplots(figsize=(8, 3))
ax.plot(h.index, h["tank.level"], label="tank.level", linewidth=0.8)
ax.plot(h.index, h["panel.display"] / 10, label="panel.display / 10", linewidth=1.5)
ax.set_xlabel("t (s)")
ax.set_ylabel("mm")
ax.legend()
plt.show()

# %% [markdown]
# 검사는 숨은 조건 6가지(수위와, 수위가 오르거나 내리기 시작하는 시각이 모두 다름)에서 여러분의 컨트롤러를 돌립니다.
# 이 검사에서는 검사가 탱크를 움직이므로, 밸브는 건드리지 않아도 됩니다. 수위가 그대로인 동안 표시값의 흔들림이
# 전송기의 ⅓ 이하인지, 수위가 움직일 때 3초 안에 따라가는지 봅니다.
#
# The check runs your controller on 6 hidden runs (each its own level, and its own time when the level starts to rise or
# fall). The check moves the tank itself, so you need not touch the valves. It looks at whether the display wobbles a third
# as much as the transmitter or less while the level stands still, and follows within 3 s when the level moves.

# %%
result = factorylab.check(controller, "noise_filter")
result

# %% [markdown]
# ## 4. 과제 1-8: 고수위 스위치 고착 감지 / Exercise 1-8: detect a stuck high level switch (25분 / 25 min)
#
# **1단계: 스위치는 어디에 있을까?** 탱크를 채우면서 기록하고, `tank.high`가 1이 되는 수위를 기록에서 찾으세요.
# (pandas: `h[h["tank.high"] == 1]["tank.level"].min()`)
#
# **Step 1: where is the switch?** Fill the tank while recording, and find in the recording the level where `tank.high`
# becomes 1 (e.g. `h[h["tank.high"] == 1]["tank.level"].min()`).

# %%
fill_line = factorylab.connect(scenario="tank")


def fill(line, t):
    line.tank.inflow = 100


filled = factorylab.run(fill, fill_line, seconds=140, record=["tank.level", "tank.high", "tank.low"], record_every=0.2)
h = filled.history
switch_level = None
### BEGIN SOLUTION
switch_level = h[h["tank.high"] == 1]["tank.level"].min()
### END SOLUTION
print("tank.high가 1이 된 수위 / level where tank.high became 1:", switch_level, "mm")

# %% [markdown]
# **2단계: 타당성 검사.** 수위 전송기가 스위치 위치보다 **충분히 높은** 수위를 보이는데 `tank.high`가 0이면, 둘 중
# 하나는 틀렸습니다: 스위치가 0에 붙었다(고착)고 보고 **적색등**(`stack_light.red`, 고장)을 켜세요. 두 신호가 다시
# 맞으면(수위가 스위치 아래로 내려가거나 스위치가 고쳐지면) 적색등은 꺼집니다.
#
# 여유를 얼마나 둘까요? 수위 측정값은 잡음 때문에 ±0.5 mm쯤 흔들립니다. 스위치 위치와 **똑같은** 수위로 비교하면,
# 스위치가 멀쩡해도 물이 스위치 바로 밑에 있을 때 경보가 깜박입니다. 20 mm쯤 여유를 두세요 (30 mm를 넘으면 늦습니다).
# 검사는 스위치가 고착되고 수위가 930 mm를 넘은 뒤 **10초 안에** 경보가 켜지는지, 스위치가 정상일 때는 **한 번도**
# 켜지지 않는지 봅니다.
#
# **Step 2: the plausibility check.** If the level transmitter shows a level **well above** the switch while `tank.high`
# reads 0, one of them is wrong: take the switch to be stuck at 0 and light the **red lamp** (`stack_light.red`, a fault).
# When the two agree again (the level falls below the switch, or the switch is repaired) the red lamp goes off.
#
# How big a margin? The level reading wobbles by about ±0.5 mm. Comparing with **exactly** the switch's level makes the alarm
# flicker while the water stands just below a switch that works. Leave about 20 mm (more than 30 mm is too late). The check
# looks at whether the alarm comes on **within 10 s** once the switch is stuck and the level is above 930 mm, and **never**
# while the switch works.


# %%
def plausibility(line, t, m):
    ### BEGIN SOLUTION
    line.stack_light.red = line.tank.level > 920 and not line.tank.high  # 20 mm above the switch, which says "not high"
    ### END SOLUTION


# %% [markdown]
# 직접 돌려 보기: 고수위 스위치를 고착시키고(`sensor_stuck_off`) 탱크를 960 mm까지 채웁니다. 적색등이 켜지나요?
#
# Try it: stick the high level switch at 0 (`sensor_stuck_off`) and fill the tank to 960 mm. Does the red lamp come on?


# %%
def fill_and_watch(line, t, m):
    line.tank.inflow = 100 if line.tank.level < 960 else 0
    plausibility(line, t, m)


demo_line = factorylab.connect(scenario="tank")
demo_line.plant.inject_fault("sensor_stuck_off", "tank.high")
demo = factorylab.run(
    fill_and_watch, demo_line, seconds=160, record=["tank.level", "tank.high", "stack_light.red"], record_every=0.5
)
print(demo.history.iloc[::20])

# %% [markdown]
# 검사의 숨은 조건 6가지에는 스위치가 고착되는 실행(수위가 오를 때, 수위가 높을 때, 수위가 낮을 때), 스위치가 멀쩡한
# 실행(수위가 스위치 바로 밑에 오래 머무는 실행도)이 섞여 있고, 수위와 시각은 모두 다릅니다. 검사가 탱크를 움직입니다.
#
# The check's 6 hidden runs mix runs where the switch sticks (while the level rises, while it is high, while it is low) and
# runs where it works (one with the water standing just below the switch for a while), all at different levels and times.
# The check moves the tank.

# %%
result = factorylab.check(plausibility, "stuck_switch")
result

# %% [markdown]
# ## 5. 시뮬레이터 창에서 실시간으로 확인 / Check it live in the simulator window
#
# 다른 터미널에서 `factorylab sim --scenario tank`를 실행하고(또는 `factorylab start`가 띄운 시뮬레이터를 쓰고)
# `LIVE = True`로 바꾸세요. 3분 동안 유입 밸브로 탱크를 960 mm까지 채우면서 필터와 타당성 검사가 함께 돕니다. 수위가
# 900 mm를 넘으면 시뮬레이터 창에서 키 **F**로 고장 메뉴를 열어 `tank.high`를 고착(항상 0)시켜 보세요: 패널 표시기와
# 적색등을 보세요.
#
# Run `factorylab sim --scenario tank` in another terminal (or use the simulator `factorylab start` opened) and set
# `LIVE = True`. For 3 minutes the inflow valve fills the tank to 960 mm while the filter and the plausibility check run
# together. Once the level is above 900 mm, press **F** in the simulator's window for the fault menu and stick `tank.high`
# (always 0): watch the panel display and the red lamp.

# %%
LIVE = False
if LIVE:
    live_line = factorylab.connect("127.0.0.1:5020")

    def both(line, t, m):
        line.tank.inflow = 100 if line.tank.level < 960 else 0
        controller(line, t, m)
        plausibility(line, t, m)

    factorylab.run(both, live_line, seconds=180)

# %% [markdown]
# ## 6. 분석 질문 / Analysis questions
#
# 1. 1단계에서 잰 표준편차는 몇 카운트, 몇 mm였나요? 수위 0.25 mm는 탱크(0.25 m²)에서 몇 L인가요?
# 2. 이동평균의 창을 2배로 늘리면 흔들림과 늦음은 각각 어떻게 되나요? 둘을 함께 좋게 할 수 없는 까닭은?
# 3. 측정값을 먼저 정수 mm로 반올림한 뒤 평균하면 왜 평균이 틀어지나요? (1 mm = 4 카운트, 잡음은 0.15 mm쯤)
# 4. 스위치와 전송기가 어긋날 때, 틀린 쪽이 스위치라고 어떻게 확신할 수 있나요? 전송기가 틀렸을 수도 있지 않나요?
# 5. 여러분 주변(집, 학교, 자동차)에서 같은 것을 두 센서로 재서 서로 확인하는 예를 찾아보세요.
#
# 1. What standard deviation did you measure in step 1, in counts and in mm? How many litres is 0.25 mm in this tank (0.25 m²)?
# 2. If you double a moving average's window, what happens to the wobble and to the lag? Why can you not improve both at once?
# 3. Why does rounding the readings to whole mm before averaging shift the mean? (1 mm = 4 counts, the noise is about 0.15 mm)
# 4. When the switch and the transmitter disagree, how can you be sure the switch is the one that is wrong? Could the
#    transmitter be wrong instead?
# 5. Find an example around you (home, school, a car) where two sensors measure the same thing and check each other.
#
# ## 7. 더 해 보기 / Going further
#
# * 반대 고장도 잡아 보세요: 수위가 스위치보다 한참 낮은데(예: 880 mm 아래) `tank.high`가 1이면 스위치가 1에 붙은
#   것입니다 (`sensor_stuck_on`). 저수위 스위치 `tank.low`에도 같은 검사를 만들어 보세요.
# * 비교할 때 측정값 대신 과제 1-7의 필터값을 쓰면 여유를 얼마나 줄일 수 있나요?
# * 많은 공장은 고장 경보를 **래치**합니다: 원인이 사라져도 작업자가 리셋(`panel.reset`)을 누를 때까지 켜 둡니다.
#   래치하는 경보로 바꾸고 검사를 다시 돌려 보세요 (검사는 두 방식 모두 받아들입니다).
#
# * Catch the opposite fault too: `tank.high` reading 1 while the level is well below the switch (say under 880 mm) means
#   the switch is stuck at 1 (`sensor_stuck_on`). Build the same check for the low level switch `tank.low`.
# * How much smaller can the margin be if you compare the filtered level from exercise 1-7 instead of the reading?
# * Many plants **latch** fault alarms: the alarm stays on after its cause has gone, until the operator presses reset
#   (`panel.reset`). Make your alarm latch and run the check again (it accepts both ways).
