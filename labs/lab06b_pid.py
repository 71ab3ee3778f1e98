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
#     id: pi_control
#     unit: 6
#     hours: 2
#     checks: [p_offset, oven_pid, anti_windup]
#     title_ko: "P와 PI 제어: 오프셋, 튜닝 규칙, 와인드업"
#     title_en: "P and PI control: offset, a tuning rule, windup"
# ---

# %% [markdown]
# # 실습 6-2. P와 PI 제어: 오프셋, 튜닝 규칙, 와인드업
#
# 실습 6-1에서 여러분 오븐의 **공정 이득 K**(°C/%), **시정수 τ**(초), **불감시간 θ**(초)를 구했습니다. 이번에는 그
# 숫자로 오븐 온도를 200 °C에 맞추는 **폐루프 제어기**를 만듭니다. 먼저 비례(P) 제어만 써 보고 왜 목표에 닿지 못하는지
# 계산으로 예측한 뒤, 적분(I)을 더한 PI 제어를 튜닝 규칙(SIMC)으로 맞춥니다. 마지막으로 히터가 고장 나 목표에 닿을 수
# 없을 때 적분이 쌓이는 **와인드업**을 보고 막습니다.
#
# **교육목표**
# 1. P 제어의 정상상태 오차(오프셋)를 식으로 예측하고, 오븐에서 실제로 확인한다. (과제 6-4)
# 2. 공정 모델(K, τ, θ)에서 SIMC 튜닝 규칙으로 PI 제어기의 Kc와 Ti를 정해, 오버슈트 5 °C 이하로 200 °C에 맞춘다. (과제 6-5)
# 3. 출력이 포화된 동안 적분이 쌓이는 와인드업을 설명하고, 안티와인드업으로 막는다. (과제 6-6)
#
# ---
#
# # Lab 6-2. P and PI control: offset, a tuning rule, windup
#
# In lab 6-1 you found your oven's **process gain K** (°C/%), **time constant τ** (s) and **dead time θ** (s). Now you
# use them to build a **closed-loop controller** that holds the oven at 200 °C. First proportional (P) control alone:
# you predict by calculation why it never reaches the setpoint. Then you add integral (I) action and tune the PI
# controller with a rule (SIMC). Last, when a heater fault keeps the oven from reaching the setpoint, you watch the
# integral pile up (**windup**) and stop it.
#
# **Objectives**
# 1. Predict the steady-state error (offset) of P control with a formula and confirm it on the oven. (Exercise 6-4)
# 2. Set Kc and Ti of a PI controller from the process model (K, τ, θ) with the SIMC rule and bring the oven to
#    200 °C with at most 5 °C overshoot. (Exercise 6-5)
# 3. Explain windup (the integral piling up while the output is saturated) and prevent it with anti-windup.
#    (Exercise 6-6)

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# `oven` 시나리오의 오븐입니다. 제어기는 매 스캔 `oven.temperature`(°C)를 읽고 `oven.heater`(0~100 %)를 씁니다.
# 아래 표는 태그 표에서 읽은 것입니다.
#
# The oven of the `oven` scenario. In every scan the controller reads `oven.temperature` (°C) and writes
# `oven.heater` (0-100 %). The table is read from the tag table.

# %%
import matplotlib.pyplot as plt
import pandas as pd

import factorylab
from factorylab.control.reference import PI
from factorylab.plant import load_scenario
from factorylab.plant.scenario import FaultSettings, ScheduledFault

rows = []
for name in ["oven.heater", "oven.temperature", "oven.temperature_raw", "system.variant"]:
    tag = factorylab.connect(scenario="oven").info(name).tag
    rows.append(
        {
            "태그 / tag": name,
            "주소 / address": tag.notation,
            "단위 / unit": tag.unit,
            "읽기·쓰기 / access": "쓰기 (출력)" if tag.writable else "읽기 (입력)",
            "설명": tag.description_ko,
            "description": tag.description_en,
        }
    )
pd.DataFrame(rows)

# %% [markdown]
# **내 오븐의 숫자.** 선생님이 알려 준 **변형 번호**를 `MY_VARIANT`에 쓰세요 (모르면 0: 문서의 기본 오븐). 실습 6-1을
# 했다면 그때 구한 K, τ, θ를 아래에 그대로 쓰세요. 하지 않았다면 이 셀이 여러분 오븐의 값을 설비에서 읽어 줍니다:
# K와 τ는 `line.variant`에, 불감시간 θ는 시나리오 설정(20초)에 있습니다.
#
# **Your oven's numbers.** Put the **variant number** your teacher gave you in `MY_VARIANT` (0 if you have none: the
# documented oven). If you did lab 6-1, write the K, τ, θ you found there below. If you skipped it, this cell reads
# your oven's values from the plant: K and τ from `line.variant`, the dead time θ from the scenario (20 s).

# %%
MY_VARIANT = 0

line = factorylab.connect(scenario="oven", variant=MY_VARIANT)
K = line.variant.oven_gain  # °C per % of heater (or your fit from lab 6-1)
TAU = line.variant.oven_time_constant  # s
THETA = line.scenario.oven.dead_time  # s
print(f"변형 {MY_VARIANT}: K = {K:.3f} °C/%, τ = {TAU:.0f} s, θ = {THETA:.0f} s")

# %% [markdown]
# ## 2. 예측 질문 / Predict first
#
# 1. 히터 = Kc × (200 - 온도)인 **P 제어**로 오븐이 200 °C에 정확히 머물 수 있을까요? 200 °C라면 히터는 몇 %가 될까요?
# 2. Kc를 두 배로 하면 남는 오차는 어떻게 될까요? Kc를 아주 크게 하면요?
# 3. 히터가 고장 나 힘이 절반이 되었습니다. 오븐은 200 °C에 닿지 못하고, PI 제어기의 히터는 100 %에 붙어 있습니다.
#    그동안 적분은 어떻게 될까요? 5분 뒤 히터가 고쳐지면요?
#
# 1. With **P control**, heater = Kc × (200 - temperature), can the oven sit exactly at 200 °C? At 200 °C, what
#    would the heater be? 2. What happens to the remaining error if Kc doubles? If Kc is huge? 3. The heater fails and
#    delivers half its power: the oven cannot reach 200 °C and a PI controller's heater sits at 100 %. What does the
#    integral do meanwhile? And when the heater is repaired 5 minutes later?

# %% [markdown]
# ## 과제 6-4. P 제어의 오프셋 예측 (15분) / Exercise 6-4. Predict the offset of P control (15 min)
#
# **P 제어**: 히터 = Kc × 오차, 오차 = SP - 온도 (바이어스 없음, SP는 목표 온도). 오븐이 자리 잡으면(정상상태) 두 식이
# 함께 맞습니다:
#
# * 오븐의 열 균형: 온도 - 25 °C = K × 히터 (주위 온도 25 °C, K는 히터 1 %당 °C)
# * 제어기: 히터 = Kc × (SP - 온도)
#
# 두 식을 풀어 **오프셋** = SP - 최종 온도를 K, Kc, SP로 나타내는 함수 `p_offset(K, Kc, SP)`를 완성하세요 (°C). 히터가
# 100 %에 닿지 않는 경우만 생각합니다.
#
# 힌트: 첫 식의 히터 자리에 둘째 식을 넣고, 최종 온도를 구한 다음 SP에서 빼 보세요.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 오프셋을 e라고 하면 최종 온도 = SP - e이고, 히터 = Kc × e입니다. 첫 식에 넣으면 SP - e - 25 = K × Kc × e. e가 있는
# 항을 한쪽으로 모아 보세요.
#
# Call the offset e: the final temperature is SP - e and the heater is Kc × e. Put them into the first equation:
# SP - e - 25 = K × Kc × e. Collect the terms with e on one side.
# </details>
#
# **P control**: heater = Kc × error, error = SP - temperature (no bias; SP is the setpoint). Once the oven has
# settled (steady state) two equations hold together: the oven's heat balance, temperature - 25 °C = K × heater
# (ambient 25 °C, K in °C per % of heater), and the controller, heater = Kc × (SP - temperature). Solve them and
# complete `p_offset(K, Kc, SP)`, the **offset** = SP - final temperature in °C, as a function of K, Kc and SP. Think
# only of cases where the heater stays below 100 %. Hint: put the second equation in place of the heater in the first,
# find the final temperature, and subtract it from SP.


# %%
def p_offset(K, Kc, SP):
    """Steady-state error (°C) of P-only control of the oven: K in °C/%, Kc in %/°C, SP in °C."""
    ### BEGIN SOLUTION
    return (SP - 25) / (1 + Kc * K)
    ### END SOLUTION


# %% [markdown]
# 여러분의 오븐, Kc = 1 %/°C, SP = 200 °C로 예측해 두고, 실제로 25분 동안 P 제어를 돌려 봅시다.
#
# Predict it for your oven with Kc = 1 %/°C and SP = 200 °C, then run P control on the oven for 25 minutes.

# %%
KC_P = 1.0  # %/°C
predicted = None
### BEGIN SOLUTION
predicted = p_offset(K, KC_P, 200)
### END SOLUTION


def p_only(line, t):
    line.oven.heater = min(100, max(0, KC_P * (200 - line.oven.temperature)))


line = factorylab.connect(scenario="oven", variant=MY_VARIANT)
p_run = factorylab.run(p_only, line, seconds=1500, scan=0.5, record=["oven.temperature", "oven.heater"], record_every=5)
history = p_run.history
final = history["oven.temperature"].iloc[-40:].mean()  # the last 200 s
print(f"예측한 오프셋 / predicted offset: {predicted} °C")
print(f"관찰한 오프셋 / observed offset: 200 - {final:.1f} = {200 - final:.1f} °C")
history.plot(subplots=True, figsize=(8, 4), title="P 제어 (Kc = 1 %/°C) / P control")
plt.show()

# %% [markdown]
# 검사는 숨은 (K, Kc, SP) 조합과 **여러분의 오븐**(`variant=line.variant`, 여러분의 `kc=`)으로 함수를 불러 봅니다.
# 오븐의 참값은 검사가 설비 변형에서 직접 계산합니다.
#
# The check calls your function with hidden (K, Kc, SP) sets and for **your own oven** (`variant=line.variant`, your
# `kc=`); the check computes the truth for your oven from the plant variant itself.

# %%
result = factorylab.check(p_offset, "p_offset", variant=line.variant, kc=KC_P, setpoint=200)
result

# %% [markdown]
# **왜 오프셋이 남을까요?** 오븐을 200 °C로 유지하려면 히터가 (200 - 25) / K %만큼 켜져 있어야 합니다. 그런데 P 제어의
# 히터는 오차에 비례하므로, 오차가 0이면 히터도 0 %입니다. 그래서 히터를 켜 둘 만큼의 오차가 **반드시** 남습니다.
# Kc를 키우면 오프셋은 줄지만, 불감시간 때문에 너무 키우면 진동합니다.
#
# **Why does an offset remain?** To hold 200 °C the heater must stay at (200 - 25) / K %. But a P controller's heater
# is proportional to the error: no error, no heater. So there **must** be enough error left to keep the heater on. A
# larger Kc shrinks the offset, but because of the dead time too large a Kc makes the loop oscillate.

# %% [markdown]
# ## 과제 6-5. SIMC 규칙으로 PI 튜닝 (30분) / Exercise 6-5. PI tuned by the SIMC rule (30 min)
#
# **PI 제어**: 히터 = Kc × 오차 + 적분, 적분은 매 스캔 Kc × 오차 × dt / Ti만큼 더해집니다. 오차가 남아 있는 한 적분이
# 자라서 히터를 밀어 주므로 오프셋이 사라집니다. Kc와 Ti는 **SIMC 규칙**(Skogestad)으로 공정 모델에서 정합니다:
#
# * Kc = τ / (K × (τc + θ))
# * Ti = min(τ, 4 × (τc + θ))
#
# τc는 원하는 **폐루프 시정수**입니다. 빠르면서도 안정한 선택은 τc = θ입니다. 목표: 200 °C, 오버슈트 5 °C 이하,
# 900초부터 ±2 °C 안.
#
# 함수 `simc(K, tau, theta, tau_c)`를 완성하세요: `(Kc, Ti)`를 돌려줍니다. 제어기 `pi_oven`은 첫 스캔에 여러분 오븐의
# 숫자로 `simc`를 불러 FactoryLab의 PI 블록(`PI`: 출력 0~100 %로 제한,
# 안티와인드업 포함)을 내부 릴레이 `m`에 한 번만 만듭니다.
#
# 힌트: K = 2.5 °C/%, τ = 180초, θ = 20초인 기본 오븐이라면 Kc = 1.8 %/°C, Ti = 160초가 나옵니다.
#
# **PI control**: heater = Kc × error + integral, and the integral grows by Kc × error × dt / Ti in every scan. As
# long as an error remains the integral grows and pushes the heater, so the offset goes away. The **SIMC rule**
# (Skogestad) sets Kc and Ti from the process model: Kc = τ / (K × (τc + θ)), Ti = min(τ, 4 × (τc + θ)), where τc is
# the **closed-loop time constant** you want; τc = θ is fast and still safe. Target: 200 °C, overshoot at most 5 °C,
# within ±2 °C from 900 s on. Complete `simc(K, tau, theta, tau_c)`, which returns `(Kc, Ti)`. In its first scan
# the controller `pi_oven` calls `simc` with your oven's numbers and makes FactoryLab's PI block (`PI`: output
# limited to 0-100 %, with anti-windup) once in the internal relays `m`. Hint: for the
# documented oven (K = 2.5 °C/%, τ = 180 s, θ = 20 s) you get Kc = 1.8 %/°C and Ti = 160 s.


# %%
def simc(K, tau, theta, tau_c):
    """SIMC tuning of a PI controller: (Kc in %/°C, Ti in s) from K (°C/%), tau, theta and tau_c (s)."""
    ### BEGIN SOLUTION
    kc = tau / (K * (tau_c + theta))
    ti = min(tau, 4 * (tau_c + theta))
    return kc, ti
    ### END SOLUTION


def pi_oven(line, t, m):
    if not m["pi"]:  # the first scan: make the PI block once, tuned for your oven
        kc, ti = simc(K, TAU, THETA, tau_c=THETA)
        m["pi"] = PI(kc=kc, ti=ti)
    line.oven.heater = m["pi"](200, line.oven.temperature, t)


# %% [markdown]
# 여러분의 오븐에서 20분 동안 돌려 봅시다. / Run it on your oven for 20 minutes.

# %%
line = factorylab.connect(scenario="oven", variant=MY_VARIANT)
pi_run = factorylab.run(pi_oven, line, seconds=1200, scan=0.5, record=["oven.temperature", "oven.heater"])
temperature = pi_run.history["oven.temperature"]
print(f"최고 온도 / peak: {temperature.max():.1f} °C, 1200초 / at 1200 s: {temperature.iloc[-1]:.1f} °C")
pi_run.history.plot(subplots=True, figsize=(8, 4), title="PI 제어 / PI control")
plt.show()

# %% [markdown]
# 검사는 오븐마다 K와 τ가 다른(±20 %) 숨은 조건 6가지에서 제어기를 돌립니다: 차가운 오븐, 따뜻한 오븐, 아직 뜨거운
# 오븐, 그리고 히터가 조금 약해지는 부하 변화. / The check runs the controller on 6 hidden runs, each oven with its
# own K and τ (±20 %): cold, warm and still-hot starts, and a load change when the heater weakens a little.

# %%
result = factorylab.check(pi_oven, "oven_pid")
result

# %% [markdown]
# ## 과제 6-6. 와인드업과 안티와인드업 (20분) / Exercise 6-6. Windup and anti-windup (20 min)
#
# 이제 PI 블록 안을 직접 씁니다. 먼저 **안티와인드업이 없는** PI가 히터 고장을 만나면 어떻게 되는지 봅시다. 아래
# 셀은 600초부터 300초 동안 히터의 힘이 45 %로 떨어지는(`heater_degradation` 고장) 오븐을 만들어, 안티와인드업 없는
# PI로 돌립니다. 고장 동안 오븐은 100 %로도 200 °C에 닿지 못합니다.
#
# Now you write the inside of the PI block yourself. First see what a PI **without anti-windup** does when the heater
# fails. The cell below makes an oven whose heater drops to 45 % of its power from 600 s for 300 s (a
# `heater_degradation` fault) and runs a PI without anti-windup. During the fault even 100 % cannot reach 200 °C.

# %%
fault = ScheduledFault(at=600, kind="heater_degradation", target="oven", duration=300, rate=9000, floor=0.45)
oven_with_fault = load_scenario("oven").model_copy(update={"faults": FaultSettings(schedule=[fault])})
KC_6, TI_6 = 1.8, 160.0  # SIMC for the documented oven


def pi_no_antiwindup(line, t, m):
    dt = t - m["last_t"] if m["started"] else 0
    m["started"] = True
    m["last_t"] = t
    error = 200 - line.oven.temperature
    m["integral"] += KC_6 * error * dt / TI_6  # adds up in every scan, even at 100 %
    line.oven.heater = min(100, max(0, KC_6 * error + m["integral"]))


line = factorylab.connect(scenario=oven_with_fault, variant=MY_VARIANT)
wound = factorylab.run(pi_no_antiwindup, line, seconds=1600, scan=0.5, record=["oven.temperature", "oven.heater"])
print(f"고장 뒤 최고 온도 / peak after the fault: {wound.history['oven.temperature'].iloc[900:].max():.1f} °C")
wound.history.plot(subplots=True, figsize=(8, 4), title="안티와인드업 없음 / no anti-windup")
plt.show()

# %% [markdown]
# 고장 동안 오차는 수십 °C인데 히터는 이미 100 %라서 더 올라갈 수 없습니다. 그래도 적분은 매 스캔 계속 쌓입니다
# (**와인드업**). 고장이 끝나고 오븐이 200 °C에 닿아도 쌓인 적분 때문에 히터가 100 %에 머물러 오븐이 크게 넘칩니다.
#
# `my_pi(line, t, m)`를 완성하세요: Kc = `KC_6`, Ti = `TI_6`인 PI로 200 °C를 유지하고, **히터가 0 %나 100 %에 닿아
# 있는 동안에는 적분을 더하지 않습니다**(조건부 적분). `m["integral"]`, `m["last_t"]`, `m["started"]`는 처음에
# 모두 0입니다. 위 `pi_no_antiwindup`에서 한 줄만 바꾸면 됩니다.
#
# 힌트: 먼저 출력 = Kc × 오차 + 적분을 계산하고, 출력이 0과 100 사이일 때만 적분에 더하세요.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 다른 방법도 있습니다. **클램핑**: 적분을 더한 뒤 P + 적분이 0~100 % 안에 머물도록 적분을 자릅니다(적분만 0~100으로
# 자르면 안 됩니다: P가 클 때 여전히 넘칩니다). **역계산(back-calculation)**: 제한 때문에 잘린 만큼(히터 - 원하는
# 출력)을 적분에 조금씩 되돌려 줍니다.
#
# There are other ways. **Clamping**: after adding, cut the integral so that P + integral stays within 0-100 % (cutting
# the integral alone to 0-100 is not enough: with a large P it still overshoots). **Back-calculation**: feed back
# what the limit cut off (heater - wanted output) into the integral, a little every scan.
# </details>
#
# During the fault the error is tens of °C, but the heater is already at 100 % and cannot go higher. The integral
# still grows in every scan (**windup**). When the fault ends and the oven reaches 200 °C, the piled-up integral keeps
# the heater at 100 % and the oven shoots far past. Complete `my_pi(line, t, m)`: a PI with Kc = `KC_6`, Ti = `TI_6`
# holding 200 °C that **does not add to the integral while the heater is at 0 % or 100 %** (conditional
# integration). `m["integral"]`, `m["last_t"]` and `m["started"]` all start at 0. One line of `pi_no_antiwindup`
# changes. Hint: compute output = Kc × error + integral first, and add to the integral only while the output is
# between 0 and 100.


# %%
def my_pi(line, t, m):
    ### BEGIN SOLUTION
    dt = t - m["last_t"] if m["started"] else 0
    m["started"] = True
    m["last_t"] = t
    error = 200 - line.oven.temperature
    output = KC_6 * error + m["integral"]
    if 0 < output < 100:  # anti-windup: integrate only while the heater can still answer
        m["integral"] += KC_6 * error * dt / TI_6
    line.oven.heater = min(100, max(0, output))
    ### END SOLUTION


# %% [markdown]
# 같은 고장에서 여러분의 PI를 돌려 비교해 봅시다. / Run your PI through the same fault and compare.

# %%
line = factorylab.connect(scenario=oven_with_fault, variant=MY_VARIANT)
mine = factorylab.run(my_pi, line, seconds=1600, scan=0.5, record=["oven.temperature", "oven.heater"])
print(f"고장 뒤 최고 온도 / peak after the fault: {mine.history['oven.temperature'].iloc[900:].max():.1f} °C")
fig, ax = plt.subplots(figsize=(8, 3))
ax.plot(wound.history.index, wound.history["oven.temperature"], label="안티와인드업 없음 / none")
ax.plot(mine.history.index, mine.history["oven.temperature"], label="내 PI / my PI")
ax.axvspan(600, 900, color="0.9", label="히터 고장 / heater fault")
ax.set_xlabel("시간 (초) / time (s)")
ax.set_ylabel("oven.temperature (°C)")
ax.legend()
plt.show()

# %% [markdown]
# 검사의 숨은 조건에서는 고장이 오는 시각, 길이, 깊이가 모두 다르고 오븐마다 K와 τ도 다릅니다: 처음부터 히터가 약해
# 200 °C에 닿지 못하다가 고장이 끝나는 조건, 자리 잡은 뒤 고장이 오는 조건, 고장이 없는 조건이 있습니다.
#
# In the check's hidden runs the fault comes at a different time, for a different length and depth, and every oven has
# its own K and τ: runs where the heater is weak from the start and the oven cannot reach 200 °C until the fault ends,
# runs where the fault comes after the oven has settled, and a run with no fault.

# %%
result = factorylab.check(my_pi, "anti_windup")
result

# %% [markdown]
# ## 3. 시뮬레이터 창에서 실시간으로 확인 / Check it live in the simulator window
#
# 다른 터미널에서 `factorylab sim --scenario oven --variant 변형번호`를 실행하고(또는 `factorylab start`가 띄운
# 시뮬레이터를 쓰고) `LIVE = True`로 바꾸세요. 여러분의 PI가 Modbus로 실제 시간 5분 동안 오븐을 제어합니다. 그동안
# 시뮬레이터 창의 F 메뉴에서 히터 열화(heater_degradation) 고장을 넣어 보세요.
#
# Run `factorylab sim --scenario oven --variant <your number>` in another terminal (or use the simulator
# `factorylab start` opened) and set `LIVE = True`: your PI controls the oven over Modbus for 5 minutes of real time.
# Meanwhile inject a heater degradation fault from the simulator's F menu.

# %%
LIVE = False
if LIVE:
    live_line = factorylab.connect("127.0.0.1:5020")
    factorylab.run(my_pi, live_line, seconds=300, scan=0.5, live=["oven.temperature", "oven.heater"])

# %% [markdown]
# ## 4. 분석 질문 / Analysis questions
#
# 1. 예측 질문의 답은 맞았나요? P 제어에서 오프셋이 생기는 까닭을 히터와 오차로 설명하세요.
# 2. Kc를 1에서 3으로 올리면 여러분 오븐의 오프셋은 몇 °C가 되나요? 그런데도 Kc를 아주 크게 하지 않는 까닭은요?
# 3. 적분 동작은 오프셋을 어떻게 없애나요? 오븐이 200 °C에 머물 때 적분의 값은 무엇과 같아지나요?
# 4. SIMC에서 τc를 θ 대신 2θ로 하면 Kc와 Ti는 어떻게 바뀌고, 응답은 어떻게 달라질까요?
# 5. 와인드업은 히터 고장 말고 어떤 때 생길 수 있나요? (예: 차가운 오븐을 켤 때, 목표 온도를 크게 바꿀 때)
#
# 1. Was your prediction right? Explain the offset of P control with the heater and the error. 2. With Kc raised
# from 1 to 3, what is your oven's offset? Why not make Kc huge anyway? 3. How does integral action remove the
# offset? When the oven holds 200 °C, what does the integral equal? 4. In SIMC, with τc = 2θ instead of θ, how do Kc
# and Ti change, and the response? 5. When else can windup happen besides a heater fault (e.g. starting a cold oven,
# a large setpoint change)?
#
# ## 5. 더 해 보기 / Going further
#
# * 역계산(back-calculation) 안티와인드업을 만들어 조건부 적분과 같은 고장에서 비교해 보세요. 추적 시간 Tt를 10초,
#   40초, 160초로 바꾸면 어떻게 되나요?
# * 미분(D) 동작을 더한 PID를 만들어 보세요. 열전대의 잡음(±0.15 °C) 때문에 미분에는 필터가 필요합니다.
#
# * Build back-calculation anti-windup and compare it with conditional integration through the same fault. What
#   happens with a tracking time Tt of 10 s, 40 s, 160 s?
# * Add derivative (D) action for a PID. The thermocouple's noise (±0.15 °C) means the derivative needs a filter.
