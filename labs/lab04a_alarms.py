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
#     id: alarms
#     unit: 4
#     hours: 2
#     checks: [jam_alarm, alarm_states]
#     title_ko: "걸림 감지와 경보: 모터 전류, 지연, 경보 상태"
#     title_en: "Jam detection and alarms: motor current, a delay, alarm states"
# ---

# %% [markdown]
# # 실습 4-1. 걸림 감지와 경보: 모터 전류, 지연, 경보 상태
#
# 컨베이어에서 부품이 걸리면 벨트가 부품을 밀지 못해 **모터 전류**가 크게 오릅니다. 그대로 두면 약 30초 뒤에
# **과부하 계전기(THR/EOCR)** 가 트립되어 모터를 멈추지만, 그때는 이미 늦습니다. 이 실습에서는 전류로 걸림을 바로
# 알아내고(**감시**, ISA-95 2단계), 작업자에게 **경보**를 냅니다. 경보는 켜고 끄기만 하는 것이 아니라 **상태**가
# 있습니다: 작업자가 보았다고 **확인**해야 부저가 멈추고, 원인이 없어져야 **해제**됩니다.
#
# **교육목표**
# 1. 모터 전류(`conveyor1.current`, `conveyor2.current`)와 **온딜레이 타이머**로 걸림을 감지하고, 기동할 때의
#    **돌입 전류**와 걸림을 구별한다. (과제 4-1)
# 2. 경보 상태(**경보 발생·미확인 → 확인 → 해제**, ISA-18.2)를 적색등, 부저, 리셋 버튼으로 구현한다. (과제 4-2)
#
# ---
#
# # Lab 4-1. Jam detection and alarms: motor current, a delay, alarm states
#
# When a part jams on a conveyor the belt cannot push it and the **motor current** jumps. Left alone, the **overload
# relay (THR/EOCR)** trips some 30 s later and stops the motor, which is too late. In this lab you detect the jam
# from the current at once (**monitoring**, ISA-95 level 2) and **alarm** the operator. An alarm is more than on and
# off: it has **states**. The buzzer stops when the operator **acknowledges** it, and it **clears** when the cause
# is gone.
#
# **Objectives**
# 1. Detect a jam from the motor currents (`conveyor1.current`, `conveyor2.current`) with an **on-delay timer**, and
#    tell the **inrush current** at a start from a jam. (Exercise 4-1)
# 2. Build the alarm states (**active-unacknowledged → acknowledged → cleared**, ISA-18.2) with the red lamp, the
#    buzzer and the reset button. (Exercise 4-2)

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# `conveyor` 시나리오: 조작 패널, 공급기, 컨베이어 두 대, 타워램프(시그널 타워). 아래 표는 태그 표에서 읽은 것입니다.
#
# The `conveyor` scenario: the operator panel, the feeder, two conveyors and the stack light. The table is read from
# the tag table.

# %%
import matplotlib.pyplot as plt
import pandas as pd

import factorylab
from factorylab import plc

line = factorylab.connect(scenario="conveyor")
TAGS = [
    "conveyor1.current", "conveyor2.current", "conveyor1.overload", "conveyor2.overload", "panel.start",
    "panel.reset", "feeder.run", "conveyor1.run", "conveyor2.run", "stack_light.red", "stack_light.buzzer",
    "stack_light.amber",
]  # fmt: skip
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
# ## 2. 예측 질문 / Predict first
#
# 공책에 답을 적어 두세요. 실습이 끝나면 다시 봅니다.
#
# 1. 모터가 처음 켜지는 순간 전류는 평소(약 1~1.5 A)보다 클까요, 작을까요? 얼마나 오래 그럴까요?
# 2. "전류가 2.5 A를 넘으면 바로 경보"라고 만들면 어떤 일이 생길까요?
# 3. 부저가 울리고 있을 때 작업자가 리셋을 눌렀습니다. 부품은 아직 걸려 있습니다. 적색등은 꺼져야 할까요?
#
# Write your answers down. 1. When a motor starts, is its current larger or smaller than usual (about 1-1.5 A), and
# for how long? 2. What happens with "alarm as soon as the current is above 2.5 A"? 3. The buzzer sounds and the
# operator presses reset while the part is still jammed: should the red lamp go off?

# %% [markdown]
# ## 3. 걸림이 생기면 전류는? / What a jam does to the current
#
# 공급기와 두 컨베이어를 켜고, 15초에 선생님 역할로 컨베이어2에 부품을 8초 동안 걸리게 합니다(`line.plant`는
# 선생님과 검사가 고장을 넣는 창구입니다). 그래프에서 **돌입 전류**(맨 처음), **걸림**, 걸림이 풀린 뒤를 찾아보세요.
#
# Switch on the feeder and both conveyors; at 15 s play the teacher and jam a part on conveyor2 for 8 s (`line.plant`
# is where teachers and checks inject faults). Find the **inrush** (at the very start), the **jam** and what comes
# after it in the plot.


# %%
def run_all(line, t):
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = True


line = factorylab.connect(scenario="conveyor")
watch = ["conveyor1.current", "conveyor2.current"]
before = factorylab.run(run_all, line, seconds=15, record=watch, record_every=0.05)
line.plant.inject_fault("jam", "conveyor2", duration=8.0)
after = factorylab.run(run_all, line, seconds=15, record=watch, record_every=0.05)
currents = pd.concat([before.history, after.history])
axes = currents.plot(figsize=(8, 3), ylabel="전류 / current (A)", xlabel="시간 / time (s)")
axes.axhline(2.5, color="grey", linestyle="--", label="기준 2.5 A / limit")
plt.show()
print("처음 1초 최대 / max in the first second:", currents.loc[:1.0].max().round(2).to_dict())

# %% [markdown]
# ## 과제 4-1. 모터 전류로 걸림 감지 (25분) / Exercise 4-1. A jam from the motor current (25 min)
#
# 라인은 계속 돌립니다(`feeder.run`, `conveyor1.run`, `conveyor2.run`을 `True`로; `panel.start`를 기다려도 됩니다).
# 두 벨트 가운데 **하나라도** 부품이 걸리면 경보(`stack_light.red`, 원하면 `stack_light.buzzer`도)를 켜고, 걸림이
# 풀리면 끕니다.
#
# | 상황 | 전류 | 경보 |
# |---|---|---|
# | 평소, 부품이 몰릴 때 | 약 1~2.3 A | 끔 |
# | 모터가 켜지는 순간(돌입 전류) | 약 5 A, 1초 안 | **끔** |
# | 부품 걸림 | 3.6 A 이상, 계속 | **5초 안에 켬**, 풀리면 3초 안에 끔 |
#
# **힌트**: 기준(예: 2.5 A)만 보면 돌입 전류에도 울립니다. "기준을 넘은 상태가 **1초 동안 이어지면**"을 만드는
# 것이 **온딜레이 타이머** `plc.TON(1.0)`입니다. 블록은 함수 밖에서 벨트마다 하나씩 만들고, 함수 안에서 매 스캔
# `timer(조건, t)`로 부르세요.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 검사의 숨은 조건에는 베어링이 닳아 전류가 조금(0.7 A까지) 오르는 경우, 배출구가 막혀 부품이 몰리는 경우, 비상정지 뒤
# 다시 켜질 때의 돌입 전류가 있습니다. 과부하 계전기(`conveyor1.overload`)는 30초쯤 뒤에야 트립되니 기다리지 마세요.
#
# The hidden runs include a worn bearing (the current rises by up to 0.7 A), a blocked outfeed (parts pile up) and
# the inrush after an E-stop restart. The overload relay (`conveyor1.overload`) trips only about 30 s later: do not
# wait for it.
# </details>
#
# Keep the line running (`feeder.run`, `conveyor1.run`, `conveyor2.run` True; waiting for `panel.start` is fine).
# When a part jams on **either** belt, switch on the alarm (`stack_light.red`, and `stack_light.buzzer` if you
# like) and switch it off when the jam clears. Normal running and bunched parts: about 1-2.3 A, no alarm; a motor
# starting (inrush): about 5 A for under a second, **no** alarm; a jam: 3.6 A or more for as long as it lasts, alarm
# **within 5 s**, off within 3 s after it clears. Hint: a limit alone (e.g. 2.5 A) also rings on the inrush; "above
# the limit **for 1 s**" is what an **on-delay timer** `plc.TON(1.0)` does. Make one block per belt, outside the
# function, and call it every scan as `timer(condition, t)`.

# %%
LIMIT = 2.5  # A: 걸림 기준 / jam limit
jam1 = plc.TON(1.0)  # conveyor1 전류가 1초 동안 기준 위 / conveyor1 above the limit for 1 s
jam2 = plc.TON(1.0)  # conveyor2


def jam_alarm(line, t, m):
    ### BEGIN SOLUTION
    line.feeder.run = True
    line.conveyor1.run = True
    line.conveyor2.run = True
    jammed = jam1(line.conveyor1.current > LIMIT, t) or jam2(line.conveyor2.current > LIMIT, t)
    line.stack_light.red = jammed
    line.stack_light.buzzer = jammed
    ### END SOLUTION


# %% [markdown]
# 검사는 숨은 조건 6가지에서 돌립니다: 걸림 0~2번(두 벨트 중 아무 쪽, 시각은 조건마다 다름), 베어링 마모, 배출구
# 막힘, 비상정지 뒤 재기동. 통과하지 못하면 `result.plot()`으로 그래프를 보세요.
#
# The check runs 6 hidden runs: 0-2 jams (either belt, at different times), a worn bearing, a blocked outfeed, an
# E-stop restart. If it does not pass, `result.plot()` shows the failing run.

# %%
result = factorylab.check(jam_alarm, "jam_alarm")
result

# %% [markdown]
# ## 과제 4-2. 경보 상태: 발생, 확인, 해제 (25분) / Exercise 4-2. Alarm states: active, acknowledged, cleared (25 min)
#
# 과제 4-1의 경보는 걸림이 풀리면 저절로 꺼졌습니다. 그러면 잠깐 걸렸다 풀린 것을 아무도 모를 수 있고, 걸림이
# 계속되는 동안 부저가 멈추지 않습니다. 그래서 경보 관리 표준(ISA-18.2)은 경보에 **상태**를 둡니다:
#
# | 상태 | 적색등 `stack_light.red` | 부저 `stack_light.buzzer` | 다음 상태로 |
# |---|---|---|---|
# | 정상 | 끔 | 끔 | 걸림 감지 → 경보 발생·미확인 |
# | **경보 발생·미확인** | 켬 | 켬 | 리셋 → 확인 / 걸림이 풀림 → 정상 복귀·미확인 |
# | **확인** (걸림은 그대로) | 켬 | **끔** | 걸림이 풀림 → **해제**(정상) |
# | **정상 복귀·미확인** | 켬 | 켬 | 리셋 → 해제(정상) |
#
# 작업자는 패널의 **리셋** 버튼(`panel.reset`)으로 확인합니다. 경보가 없을 때 누른 리셋은 **아무것도 바꾸지
# 않습니다** (다음 경보를 미리 확인해 두는 것이 아닙니다).
#
# 걸림 감지는 과제 4-1과 같습니다. 아래 셀의 `jam_now(line, t)`가 과제 4-1의 감지를 해 줍니다: 걸려 있으면 `True`.
# `alarm_states(line, t, m)`을 완성하세요. 내부 릴레이 두 개면 됩니다: `m["alarm"]`(경보가 있음, 자기유지)과
# `m["ack"]`(확인됨). 처음에는 모두 0입니다.
#
# **힌트**: 매 스캔 세 가지를 차례로 보세요. (1) 걸림이 있는데 경보가 없으면: 경보를 걸고 확인을 지웁니다.
# (2) 경보가 있고 리셋이 눌렸으면: 확인. (3) 경보가 확인되었고 걸림이 없으면: 해제(두 릴레이 모두 지움).
# 출력은 릴레이에서 바로 나옵니다.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 적색등은 `m["alarm"]`, 부저는 `m["alarm"] and not m["ack"]`입니다. 리셋을 경보가 있을 때만 받으면(`if m["alarm"]
# and line.panel.reset:`) 경보 없이 누른 리셋은 저절로 무시됩니다.
#
# The red lamp is `m["alarm"]`, the buzzer `m["alarm"] and not m["ack"]`. Take reset only while there is an alarm
# (`if m["alarm"] and line.panel.reset:`) and a reset with no alarm is ignored by itself.
# </details>
#
# The alarm of 4-1 went off by itself when the jam cleared: a short jam may go unseen, and the buzzer sounds for as
# long as the jam lasts. The alarm management standard ISA-18.2 gives an alarm **states**: normal (red off, buzzer
# off; a jam → active-unacknowledged); **active, unacknowledged** (red on, buzzer on; reset → acknowledged, the jam
# clearing → returned-unacknowledged); **acknowledged** while the jam lasts (red on, buzzer **off**; the jam clearing
# → **cleared**, normal); **returned to normal, unacknowledged** (red on, buzzer on; reset → cleared). The operator
# acknowledges with the panel's **reset** button (`panel.reset`); a reset with no alarm **changes nothing** (it does
# not acknowledge the next alarm in advance). The cell below gives you `jam_now(line, t)`: the detection of 4-1,
# `True` while a part is jammed. Complete `alarm_states(line, t, m)` with two internal relays: `m["alarm"]` (there is
# an alarm, sealed in) and `m["ack"]` (acknowledged); both start at 0. Hint: look at three things in every scan:
# (1) a jam and no alarm: set the alarm, clear the ack; (2) an alarm and reset pressed: ack; (3) an acknowledged alarm
# and no jam: cleared (both relays off). The outputs come straight from the relays.

# %%
detect1 = plc.TON(1.0)
detect2 = plc.TON(1.0)


def jam_now(line, t):
    """True while a part is jammed on either belt (the detection of exercise 4-1)."""
    return detect1(line.conveyor1.current > LIMIT, t) or detect2(line.conveyor2.current > LIMIT, t)


def alarm_states(line, t, m):
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = True
    jam = jam_now(line, t)
    ### BEGIN SOLUTION
    if jam and not m["alarm"]:  # 경보 발생·미확인 / active, unacknowledged
        m["alarm"] = True
        m["ack"] = False
    if m["alarm"] and line.panel.reset:  # 확인 / acknowledged
        m["ack"] = True
    if m["alarm"] and m["ack"] and not jam:  # 해제 / cleared
        m["alarm"] = False
        m["ack"] = False
    line.stack_light.red = m["alarm"]
    line.stack_light.buzzer = m["alarm"] and not m["ack"]
    ### END SOLUTION


# %% [markdown]
# 작업자가 되어 봅시다: 걸림 8초 동안 한 번은 **걸림 중에** 리셋을 누르고(6초쯤), 한 번은 걸림이 **풀린 뒤에** 누릅니다.
# 표에서 적색등과 부저가 언제 바뀌는지 찾아보세요.
#
# Be the operator: during one 8-s jam press reset **while it lasts** (after about 6 s), for another press it **after**
# it cleared. Find in the table when the red lamp and the buzzer change.

# %%
line = factorylab.connect(scenario="conveyor")
watch = ["conveyor1.current", "conveyor2.current", "panel.reset", "stack_light.red", "stack_light.buzzer"]
parts = [factorylab.run(alarm_states, line, seconds=5, record=watch, record_every=1)]
line.plant.inject_fault("jam", "conveyor2", duration=8.0)
parts.append(factorylab.run(alarm_states, line, seconds=6, record=watch, record_every=1))
line.press("reset")  # 걸림 중에 확인 / acknowledge during the jam
parts.append(factorylab.run(alarm_states, line, seconds=12, record=watch, record_every=1))
line.plant.inject_fault("jam", "conveyor1", duration=8.0)
parts.append(factorylab.run(alarm_states, line, seconds=16, record=watch, record_every=1))
line.press("reset")  # 걸림이 풀린 뒤에 확인 / acknowledge after the jam cleared
parts.append(factorylab.run(alarm_states, line, seconds=3, record=watch, record_every=1))
pd.concat([part.history for part in parts]).round(2)

# %% [markdown]
# 검사는 숨은 조건 6가지에서 작업자 역할을 합니다: 걸림 중 리셋, 걸림이 풀린 뒤 리셋, 리셋 두 번, 한참 동안 리셋
# 없음, 걸림 없이 리셋, 걸림 두 번. 시각과 순서는 조건마다 다릅니다.
#
# The check plays the operator on 6 hidden runs: reset during the jam, after it, twice, not for a long while, with no
# jam, and two jams; the times and the order differ from run to run.

# %%
result = factorylab.check(alarm_states, "alarm_states")
result

# %% [markdown]
# ## 4. 실시간 시뮬레이터에서 확인 / On the live simulator
#
# 다른 터미널에서 `factorylab sim --scenario conveyor`를 실행하고(`factorylab start`로 띄웠다면 그 시뮬레이터 창에서)
# `LIVE = True`로 바꾸세요. 시뮬레이터 창에서 실시간으로 `F` 키의 고장 메뉴로 벨트에 걸림을 넣고, 타워램프와 부저를
# 보면서 패널의 리셋 버튼을 눌러 보세요. `CONTROLLER`를 바꾸면 과제 4-1의 함수를 돌립니다.
#
# Run `factorylab sim --scenario conveyor` in another terminal (or use the window `factorylab start` opened) and set
# `LIVE = True`. In the simulator's window jam a belt from the fault menu (`F` key), watch the stack light and the
# buzzer, and press the panel's reset button. Change `CONTROLLER` to run the function of exercise 4-1.

# %%
LIVE = False
CONTROLLER = alarm_states  # jam_alarm or alarm_states
if LIVE:
    live_line = factorylab.connect("127.0.0.1:5020")
    factorylab.run(CONTROLLER, live_line, seconds=300)

# %% [markdown]
# ## 5. 분석 질문 / Questions
#
# 1. 예측 질문 1~3의 답을 다시 보세요. 무엇이 맞았고 무엇이 틀렸나요?
# 2. 온딜레이를 1초에서 4초로 늘리면 무엇이 좋아지고 무엇이 나빠지나요? 10초로 늘리면요?
# 3. 과부하 계전기(`conveyor1.overload`)로 걸림을 알아내면 왜 늦을까요? 계전기는 무엇을 지키는 장치인가요?
# 4. 확인(부저 끔)과 해제(적색등 끔)를 나누면 작업자에게 무엇이 좋은가요? 걸림이 풀렸는데도 적색등이 켜져 있는
#    '정상 복귀·미확인' 상태는 왜 필요할까요?
# 5. 이 실습의 감시와 경보는 ISA-95의 몇 단계인가요? 경보 기록을 MES(3단계)로 보내면 무엇을 할 수 있을까요?
#
# 1. Look at your predictions again: which were right? 2. What gets better and what worse with a 4-s on-delay
# instead of 1 s? And 10 s? 3. Why is the overload relay (`conveyor1.overload`) late for a jam, and what does it
# protect? 4. What does the operator gain from acknowledging (buzzer off) apart from clearing (red off)? Why keep the
# red lamp on in 'returned to normal, unacknowledged' although the jam is gone? 5. Which ISA-95 level are this
# monitoring and alarm? What could an MES (level 3) do with a log of the alarms?
#
# ## 6. 더 해 보기 / Going further
#
# - 경보가 발생한 횟수와 걸림이 이어진 시간을 세어 패널 표시기(`panel.display`)에 보여 주세요.
# - '경보 발생·미확인' 동안 적색등을 깜박이게(1초에 한 번) 하고, 확인되면 켜 두세요: 현장의 타워램프가 흔히 그렇게 합니다.
# - 베어링 마모(`bearing_wear`)로 전류가 천천히 오를 때, 걸림 경보와 다른 **주의**(황색등)를 내 보세요.
#
# - Count the alarms and how long the jams lasted and show them on the panel display (`panel.display`).
# - Blink the red lamp (once a second) while 'active, unacknowledged' and keep it steady once acknowledged, as stack
#   lights on the shop floor often do.
# - When a worn bearing (`bearing_wear`) slowly lifts the current, raise a **warning** (amber lamp) apart from the
#   jam alarm.
