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
#     id: analog_signals
#     unit: 1
#     hours: 1.5
#     checks: [raw_to_ma, raw_to_mm, raw_to_celsius]
#     title_ko: 4~20 mA 아날로그 신호 변환 (수위와 온도)
#     title_en: 4-20 mA analog signals (level and temperature)
# ---

# %% [markdown]
# # 실습 1-2. 4~20 mA 아날로그 신호 변환: 수위와 온도
#
# 광전센서는 0과 1만 알려 줍니다. 하지만 탱크의 **수위**나 오븐의 **온도**는 0과 1 사이의 모든 값을 가질 수 있습니다.
# 이런 값을 재는 센서를 **전송기(transmitter)** 라고 하고, 공장에서는 대부분 측정값을 **4~20 mA 전류**로 보냅니다.
# PLC의 아날로그 입력 카드는 이 전류를 숫자(**ADC 카운트**)로 바꿉니다. 이 실습에서는 카운트를 다시 mA, mm, °C로
# 바꾸는 식을 직접 만듭니다.
#
# **교육목표**
# 1. 4~20 mA 전류 신호에서 4 mA가 0(범위의 맨 아래)인 까닭을 설명한다.
# 2. 수위 전송기의 ADC 카운트(`tank.level_raw`)를 전류(mA)와 수위(mm)로 바꾼다.
# 3. 센서마다 다른 범위를 태그 표에서 읽어, 온도 전송기의 카운트를 °C로 바꾼다 (`tank.temperature_raw`, `oven.temperature_raw`).
#
# ---
#
# # Lab 1-2. 4-20 mA analog signals: level and temperature
#
# A photo-eye only says 0 or 1. A tank's **level** or an oven's **temperature** can take any value in between. Sensors
# that measure such values are **transmitters**, and in a factory most of them send the value as a **4-20 mA current**.
# The PLC's analog input card turns the current into a number (**ADC counts**). In this lab you write the formulas that
# turn counts back into mA, mm and °C.
#
# **Objectives**
# 1. Explain why 4 mA, not 0 mA, is the bottom of a 4-20 mA signal.
# 2. Turn the level transmitter's ADC counts (`tank.level_raw`) into loop current (mA) and level (mm).
# 3. Read each sensor's range from the tag table and turn a temperature transmitter's counts into °C
#    (`tank.temperature_raw`, `oven.temperature_raw`).

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# 태그 표가 모든 신호의 이름, 주소, 범위를 알려 줍니다. `line.info("이름")`으로 읽어 봅시다. 원시값 태그(`_raw`)와
# 공학 단위 태그(mm, °C)가 짝을 이룹니다. (`line` 시나리오에는 탱크와 오븐이 모두 있습니다.)
#
# The tag table gives every signal's name, address and range. Read it with `line.info("name")`. Each raw tag (`_raw`)
# has a partner in engineering units (mm, °C). (The `line` scenario has both the tank and the oven.)

# %%
import factorylab

line = factorylab.connect(scenario="line")
for name in ["tank.level_raw", "tank.level", "tank.temperature_raw", "tank.temperature"]:
    print(line.info(name), end="\n\n")
for name in ["oven.temperature_raw", "oven.temperature"]:
    print(line.info(name), end="\n\n")

# %% [markdown]
# **4~20 mA 전류 루프.** 전송기, 전원(보통 DC 24 V), PLC 입력이 한 줄로 이어진 회로입니다. 전류는 회로 어디서나
# 같으므로 전선이 길어도, 접점에 저항이 조금 생겨도 값이 변하지 않습니다. PLC 입력 카드 안의 **250 Ω 저항**에 흐르는
# 전류가 전압이 되고(V = I × R), ADC가 그 전압을 숫자로 바꿉니다. FactoryLab의 입력 카드는 4~20 mA를 0~4000
# 카운트로 읽습니다.
#
# | 수위 (mm) | 범위의 % | 전류 (mA) | 250 Ω 양단 전압 (V) | ADC 카운트 |
# |---:|---:|---:|---:|---:|
# | 0 | 0 % | 4 | 1.0 | 0 |
# | 250 | 25 % | 8 | 2.0 | 1000 |
# | 500 | 50 % | 12 | 3.0 | 2000 |
# | 750 | 75 % | 16 | 4.0 | 3000 |
# | 1000 | 100 % | 20 | 5.0 | 4000 |
# | 전선이 끊김 | – | 0 | 0 | (범위 밖: 고장) |
#
# 전선이 끊기면 전류는 0 mA가 됩니다. 0 mA가 "수위 0"이었다면 PLC는 **빈 탱크**와 **끊어진 전선**을 구별할 수
# 없었겠지요. 그래서 0을 4 mA에 둡니다 (**라이브 제로**, live zero).
#
# **4-20 mA current loop.** The transmitter, a power supply (usually 24 V DC) and the PLC input form one loop. The current
# is the same everywhere in a loop, so long wires or a slightly corroded terminal do not change the value. In the PLC's
# input card the current flows through a **250 Ω resistor** and becomes a voltage (V = I × R), which the ADC turns into a
# number. FactoryLab's input card reads 4-20 mA as 0-4000 counts.
#
# | level (mm) | % of range | current (mA) | voltage across 250 Ω (V) | ADC counts |
# |---:|---:|---:|---:|---:|
# | 0 | 0 % | 4 | 1.0 | 0 |
# | 250 | 25 % | 8 | 2.0 | 1000 |
# | 500 | 50 % | 12 | 3.0 | 2000 |
# | 750 | 75 % | 16 | 4.0 | 3000 |
# | 1000 | 100 % | 20 | 5.0 | 4000 |
# | wire broken | – | 0 | 0 | (out of range: a fault) |
#
# A broken wire gives 0 mA. If 0 mA meant "level 0", the PLC could not tell an **empty tank** from a **broken wire**. That
# is why zero sits at 4 mA (a **live zero**).
#
# **분해능(resolution).** 1 카운트가 얼마인지 태그 표에서 계산해 봅시다. / **Resolution**: what one count is worth,
# from the tag table.

# %%
for raw_name in ["tank.level_raw", "tank.temperature_raw", "oven.temperature_raw"]:
    raw = line.info(raw_name).tag
    value = line.info(raw_name.replace("_raw", "")).tag
    counts = raw.max - raw.min
    print(
        f"{raw_name}: {value.min:g}~{value.max:g} {value.unit} / {counts:g} 카운트 → "
        f"1 카운트 = {(value.max - value.min) / counts:g} {value.unit} = {16 / counts * 1000:g} µA "
        f"= {16 / counts * 250:g} mV"
    )

# %% [markdown]
# ## 2. 예측 질문 / Prediction question
#
# 탱크가 **비어 있을 때**(수위 0 mm) 수위 전송기가 보내는 전류는 몇 mA일까요? 그때 `tank.level_raw`는 몇일까요?
# 반쯤 찼을 때(500 mm)는요? 아래 셀에 먼저 적고, 실습을 마친 뒤 맞았는지 확인하세요.
#
# When the tank is **empty** (0 mm), how many mA does the level transmitter send? What does `tank.level_raw` read? And
# half full (500 mm)? Write your guesses below first, and check them when you finish.

# %%
my_guess_empty_ma = None  # 예 / e.g. 0? 4?
my_guess_half_counts = None

# %% [markdown]
# ## 3. 과제 1-4: 카운트 → 전류(mA) / Exercise 1-4: counts to current (mA) (10분 / 10 min)
#
# `raw_to_ma(counts)`를 완성하세요: 0 카운트는 4 mA, 4000 카운트는 20 mA이고, 그 사이는 직선입니다.
#
# 힌트: 카운트 1개가 몇 mA인지(16 mA ÷ 4000) 먼저 구하고, 맨 아래 값 4 mA를 잊지 마세요.
#
# Complete `raw_to_ma(counts)`: 0 counts is 4 mA, 4000 counts is 20 mA, and a straight line in between.
#
# Hint: first find how many mA one count is worth (16 mA / 4000), and do not forget the 4 mA at the bottom.


# %%
def raw_to_ma(counts):
    """Level transmitter counts (0-4000) to loop current, mA (4-20)."""
    ### BEGIN SOLUTION
    return 4 + 16 * counts / 4000
    ### END SOLUTION


# %% [markdown]
# 검사는 숨은 카운트 값 여러 개로 함수를 불러 보고, 틀리면 어떤 실수인지 알려 줍니다.
#
# The check calls your function with hidden counts and names the mistake if it is wrong.

# %%
result = factorylab.check(raw_to_ma, "raw_to_ma")
result

# %% [markdown]
# ## 4. 과제 1-5: 카운트 → 수위(mm) / Exercise 1-5: counts to level (mm) (10분 / 10 min)
#
# `raw_to_mm(counts)`를 완성하세요: 0 카운트(4 mA)는 0 mm, 4000 카운트(20 mA)는 1000 mm입니다. 바로 계산해도 되고,
# 과제 1-4의 `raw_to_ma`를 거쳐 mA → mm로 바꿔도 됩니다.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# mA를 거친다면: 4 mA를 빼면 0~16 mA가 되고, 16 mA가 1000 mm입니다. 나눗셈은 `/`로 하세요 (`//`는 소수점을 버립니다).
#
# Through mA: take off 4 mA to get 0-16 mA; 16 mA is 1000 mm. Divide with `/` (`//` drops the decimals).
# </details>
#
# Complete `raw_to_mm(counts)`: 0 counts (4 mA) is 0 mm, 4000 counts (20 mA) is 1000 mm. Compute it directly, or go
# through `raw_to_ma` from exercise 1-4, mA to mm.


# %%
def raw_to_mm(counts):
    """Level transmitter counts (0-4000) to level, mm (0-1000)."""
    ### BEGIN SOLUTION
    return 1000 * counts / 4000
    ### END SOLUTION


# %%
result = factorylab.check(raw_to_mm, "raw_to_mm")
result

# %% [markdown]
# 통과했다면 라인의 값과 비교해 봅시다: 여러분의 `raw_to_mm(tank.level_raw)`와 라인이 계산한 `tank.level`이 같아야 합니다.
#
# If it passed, compare with the line: your `raw_to_mm(tank.level_raw)` should equal the line's own `tank.level`.

# %%
if result:
    raw = line.tank.level_raw
    print(f"tank.level_raw = {raw} 카운트 → {raw_to_ma(raw):.2f} mA → {raw_to_mm(raw):.2f} mm")
    print(f"tank.level     = {line.tank.level} mm")

# %% [markdown]
# ## 5. 과제 1-6: 온도 전송기 / Exercise 1-6: temperature transmitters (15분 / 15 min)
#
# 온도 전송기도 4~20 mA, 0~4000 카운트입니다. 하지만 **범위가 센서마다 다릅니다**: 냉각수 온도(`tank.temperature_raw`)와
# 오븐 열전대(`oven.temperature_raw`)의 범위를 1절의 태그 표에서 찾아보세요. `raw_to_celsius(counts, sensor)`를
# 완성하세요. `sensor`는 원시값 태그의 이름(`"tank.temperature_raw"` 또는 `"oven.temperature_raw"`)입니다.
#
# 힌트: 센서 이름으로 범위를 찾는 사전(`{"tank.temperature_raw": 100, ...}`)을 만들거나, `line.info(이름).tag.max`로
# 태그 표에서 바로 읽을 수 있습니다.
#
# Temperature transmitters are 4-20 mA and 0-4000 counts too, but **each sensor has its own range**: find the ranges of the
# coolant temperature (`tank.temperature_raw`) and the oven's thermocouple (`oven.temperature_raw`) in the tag table of
# section 1. Complete `raw_to_celsius(counts, sensor)`; `sensor` is the raw tag's name (`"tank.temperature_raw"` or
# `"oven.temperature_raw"`).
#
# Hint: a dict from the sensor's name to its range (`{"tank.temperature_raw": 100, ...}`) does it, or read the range straight
# from the tag table with `line.info(name).tag.max`.


# %%
def raw_to_celsius(counts, sensor):
    """A temperature transmitter's counts (0-4000) to °C; ``sensor`` is the raw tag's name."""
    ### BEGIN SOLUTION
    top = {"tank.temperature_raw": 100, "oven.temperature_raw": 400}[sensor]  # °C at 20 mA, from the tag table
    return top * counts / 4000
    ### END SOLUTION


# %%
result = factorylab.check(raw_to_celsius, "raw_to_celsius")
result

# %% [markdown]
# 통과했다면 오븐을 데우면서 비교해 봅시다: 히터를 60 %로 5분 켜고, 여러분의 변환과 `oven.temperature`를 봅니다.
#
# If it passed, heat the oven and compare: the heater at 60 % for 5 minutes, your conversion against `oven.temperature`.

# %%
if result:
    oven_line = factorylab.connect(scenario="oven")

    def heat(line, t):
        line.oven.heater = 60

    factorylab.run(heat, oven_line, seconds=300)
    raw = oven_line.oven.temperature_raw
    mine = raw_to_celsius(raw, "oven.temperature_raw")
    print(f"oven.temperature_raw = {raw} 카운트 → {mine:.2f} °C (oven.temperature: {oven_line.oven.temperature} °C)")
    raw = line.tank.temperature_raw
    mine = raw_to_celsius(raw, "tank.temperature_raw")
    print(f"tank.temperature_raw = {raw} 카운트 → {mine:.2f} °C (tank.temperature: {line.tank.temperature} °C)")

# %% [markdown]
# ## 6. 시뮬레이터 창에서 실시간으로 확인 / Check it live in the simulator window
#
# 다른 터미널에서 `factorylab sim --scenario tank`를 실행하고(또는 `factorylab start`가 띄운 시뮬레이터를 쓰고)
# `LIVE = True`로 바꾸면, 유입 밸브를 열어 둔 채 20초 동안 1초마다 수위 전송기를 읽어 여러분의 함수로 바꿉니다.
# 시뮬레이터 창의 탱크와 숫자를 비교해 보세요.
#
# Run `factorylab sim --scenario tank` in another terminal (or use the simulator `factorylab start` opened) and set
# `LIVE = True`: with the inflow valve open, for 20 s it reads the level transmitter once a second and converts it with
# your functions. Compare the numbers with the tank in the simulator's window.

# %%
LIVE = False
if LIVE:
    live_line = factorylab.connect("127.0.0.1:5020")

    def show(line, t, m):
        line.tank.inflow = 100 if line.tank.level < 950 else 0
        if t >= m["next"]:
            raw = line.tank.level_raw
            print(f"{t:5.1f} s: {raw} 카운트 = {raw_to_ma(raw):.2f} mA = {raw_to_mm(raw):.1f} mm")
            m["next"] = t + 1

    factorylab.run(show, live_line, seconds=20)

# %% [markdown]
# ## 7. 분석 질문 / Analysis questions
#
# 1. 예측 질문의 답은 맞았나요? 빈 탱크에서 전류가 0 mA라면 어떤 문제가 생기나요?
# 2. 수위 전송기의 1 카운트는 몇 mm인가요? 오븐 온도 전송기의 1 카운트는 몇 °C인가요? 같은 4000 카운트인데 왜 다른가요?
# 3. 오븐을 0~400 °C 대신 0~1000 °C 전송기로 바꾸면 분해능은 어떻게 되나요? 센서의 범위는 어떻게 고르는 것이 좋을까요?
# 4. 12비트 ADC는 0~4095까지 셀 수 있는데 이 카드는 4000까지만 씁니다. 4096으로 나누면 500 mm는 몇 mm로 잘못 계산되나요?
#
# 1. Was your prediction right? What would go wrong if an empty tank gave 0 mA?
# 2. How many mm is one count of the level transmitter? How many °C one count of the oven's? Why do they differ when both
#    have 4000 counts?
# 3. If the oven had a 0-1000 °C transmitter instead of 0-400 °C, what would the resolution be? How should a sensor's range
#    be chosen?
# 4. A 12-bit ADC counts up to 4095, but this card uses up to 4000. Dividing by 4096, what would 500 mm come out as?
#
# ## 8. 더 해 보기 / Going further
#
# * 많은 공장은 NAMUR NE 43 권고를 따라 3.6 mA 이하나 21 mA 이상을 **센서 고장**으로 봅니다. 전류(mA)를 받아 `"정상"`,
#   `"단선 또는 고장"`, `"범위 초과"`를 돌려주는 함수를 만들어 보세요.
# * `ma_to_counts(ma)`처럼 거꾸로 바꾸는 함수를 만들고, `raw_to_ma(ma_to_counts(x)) == x`인지 확인해 보세요.
#
# * Many plants follow the NAMUR NE 43 recommendation and treat 3.6 mA or less, or 21 mA or more, as a **sensor fault**. Write a
#   function that takes the current (mA) and returns `"ok"`, `"wire broken or fault"` or `"over range"`.
# * Write the inverse, `ma_to_counts(ma)`, and check that `raw_to_ma(ma_to_counts(x)) == x`.
