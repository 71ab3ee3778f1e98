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
#     id: modes_interlocks
#     unit: 3
#     hours: 3.5
#     checks: [manual_auto, start_order, batch_count]
#     title_ko: "운전 모드와 인터록: 수동/자동, 기동 순서, CTU 배치"
#     title_en: "Modes and interlocks: manual/auto, start order, a CTU batch"
# ---

# %% [markdown]
# # 실습 3-2. 운전 모드와 인터록: 수동/자동, 기동 순서, CTU 배치
#
# 실습 3-1에서 만든 기동·정지 회로는 라인 하나를 켜고 끄는 것이었습니다. 실제 라인에는 **운전 모드**(정비할 때
# 쓰는 수동, 생산할 때 쓰는 자동)가 있고, 여러 장치를 **정해진 순서**로 켜고 끄며, 앞 장치가 정말 돌고 있을 때만
# 뒤 장치를 돌리는 **인터록**이 있습니다. 또 정해진 개수만큼 만들고 멈추는 **배치 생산**에는 **카운터**가 쓰입니다.
#
# **교육목표**
# 1. 모드 선택 스위치(`panel.auto`)로 **수동(인칭)** 과 **자동(자기유지)** 을 나누고, 모드를 바꾸면 라인을 안전하게
#    멈춘다. (과제 3-5)
# 2. 타이머(`plc.TON`, `plc.TOF`)로 **기동 순서**(배출 쪽부터)와 **역순 정지**를 만든다. (과제 3-6)
# 3. 명령(`conveyor1.run`)이 아니라 **회전 신호**(`conveyor1.running`)로 확인하는 **선후 인터록**을 만든다. (과제 3-6)
# 4. 업카운터(`plc.CTU`)로 부품을 **상승 에지**에서 세어 배치를 끝내고, 리셋으로 카운터를 지운다. (과제 3-7)
#
# ---
#
# # Lab 3-2. Modes and interlocks: manual/auto, start order, a CTU batch
#
# The start/stop circuits of lab 3-1 switched one line on and off. A real line also has **operating modes** (manual
# for maintenance, auto for production), starts and stops its machines **in a set order**, and runs a machine only
# while the one it feeds really turns (an **interlock**). Making a set number of parts and stopping (**batch
# production**) takes a **counter**.
#
# **Objectives**
# 1. Split **manual (jog)** and **auto (seal-in)** with the mode selector (`panel.auto`) and stop the line safely when
#    the mode changes. (Exercise 3-5)
# 2. Build a **start order** (from the outfeed end) and a **reverse stop** with timers (`plc.TON`, `plc.TOF`).
#    (Exercise 3-6)
# 3. Build an **interlock** that checks the **running feedback** (`conveyor1.running`), not the command
#    (`conveyor1.run`). (Exercise 3-6)
# 4. Count parts on the **rising edge** with an up-counter (`plc.CTU`), end a batch, and clear the counter with reset.
#    (Exercise 3-7)

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# 이 실습은 조작 패널, 공급기, 컨베이어 두 대가 있는 `conveyor` 시나리오를 씁니다. 아래 표는 태그 표에서 읽은
# 것입니다: 이름, Modbus 주소(교과서 표기), 읽기/쓰기, 설명.
#
# The `conveyor` scenario: the operator panel, the feeder and two conveyors. The table is read from the tag table:
# name, Modbus address (textbook notation), read/write, description.

# %%
import pandas as pd

import factorylab
from factorylab import plc

line = factorylab.connect(scenario="conveyor")
TAGS = [
    "panel.auto", "panel.start", "panel.stop", "panel.reset", "panel.safety_ok",
    "conveyor2.run", "conveyor2.running", "conveyor1.run", "conveyor1.running", "conveyor1.overload",
    "feeder.run", "conveyor1.photo_eye_infeed", "production.parts_in", "stack_light.amber",
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
# **명령과 회전 신호**: `conveyor1.run`은 PLC가 모터에 내리는 **명령**(접촉기 코일)입니다. `conveyor1.running`은
# 모터가 **정말 돌고 있다**는 **회전 신호**(피드백)입니다. 안전 릴레이가 차단됐거나 과부하 계전기(THR/EOCR)가
# 동작하면 명령이 1이어도 모터는 돌지 않습니다.
#
# **Command and feedback**: `conveyor1.run` is the PLC's **command** to the motor (the contactor coil);
# `conveyor1.running` is the **feedback** that the motor really turns. With the safety relay tripped or the overload
# relay (THR/EOCR) open, the motor stands although the command is 1.

# %%
print("모드 / mode:", "자동 auto" if line.panel.auto else "수동 manual")
print(line.conveyor1.run, line.conveyor1.running, line.production.parts_in)

# %% [markdown]
# ## 2. 예측 질문 / Predict first
#
# 코드를 쓰기 전에 공책에 답을 적어 두세요. 실습이 끝나면 다시 봅니다.
#
# 1. 자동 모드에서 돌고 있는 컨베이어의 모드 스위치를 **수동**으로 돌렸습니다. 컨베이어는 어떻게 되어야 할까요?
#    다시 **자동**으로 돌리면요?
# 2. 공급기를 "`conveyor1.run`이 1일 때만" 켜도록 만들었습니다. 컨베이어1에 부품이 걸려 과부하 계전기가 모터를
#    멈췄습니다. 공급기는 어떻게 될까요?
# 3. 스캔은 0.05초, 부품 하나가 투입 광전센서를 0.15초 가립니다. 컨트롤러가 매 스캔 `if 센서: 개수 += 1`을
#    하면 부품 한 개에 개수가 얼마나 늘까요?
#
# Write your answers down before coding. 1. A conveyor runs in auto and the selector is turned to **manual**: what
# should the conveyor do? And back to **auto**? 2. The feeder is on "only while `conveyor1.run` is 1". A part jams on
# conveyor1 and the overload relay stops its motor: what does the feeder do? 3. The scan is 0.05 s and a part covers
# the infeed photo-eye for 0.15 s. The controller does `if eye: count += 1` in every scan: by how much does the
# count grow for one part?

# %% [markdown]
# ## 과제 3-5. 수동/자동 운전 (20분) / Exercise 3-5. Manual and auto (20 min)
#
# 패널의 **모드 선택 스위치** `panel.auto`는 자동이면 1(`True`), 수동이면 0(`False`)입니다.
#
# | 모드 | 컨베이어 (`conveyor1.run`, `conveyor2.run`) |
# |---|---|
# | 수동 (`panel.auto` = 0) | **인칭(촌동)**: 기동 버튼을 누르고 있는 동안만 돕니다 |
# | 자동 (`panel.auto` = 1) | **자기유지**: 기동을 누르면 돌고, 정지(정지 우선)나 비상정지(`panel.safety_ok`)까지 계속 돕니다 |
# | 모드를 바꿀 때 | **언제나 멈춥니다.** 새 모드에서 기동을 누를 때까지 돌면 안 됩니다 |
#
# 왜 모드를 바꿀 때 멈출까요? 자동으로 돌던 라인을 수동으로 돌린 사람은 정비하려는 사람입니다: 라인이 계속 돌면
# 위험합니다. 수동에서 자동으로 돌렸을 때 라인이 **저절로** 돌기 시작해도 위험합니다.
#
# `manual_auto(line, t, m)`을 완성하세요. `m`은 PLC의 **내부 릴레이**(M 영역)입니다: `m["run"]`에 자동 운전의
# 자기유지를, `m["last_auto"]`에 지난 스캔의 모드를 기억할 수 있습니다 (처음에는 모두 0).
#
# **힌트**: 먼저 "모드가 바뀌었나?"(`line.panel.auto != m["last_auto"]`)를 보고, 바뀌었으면 자기유지를 지우세요.
# 그다음 모드에 따라 인칭 또는 자기유지로 출력을 정합니다.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 수동일 때도 `m["run"]`을 `False`로 지워 두세요. 안 그러면 자동에서 걸어 둔 자기유지가 수동 동안 남아 있다가,
# 자동으로 돌리는 순간 라인이 저절로 돕니다.
#
# Clear `m["run"]` in manual too: otherwise the seal-in made in auto survives manual and the line starts by itself
# the moment the selector goes back to auto.
# </details>
#
# The panel's **mode selector** `panel.auto` is 1 (`True`) in auto and 0 (`False`) in manual. Manual: **jog**, the
# belts run only while start is held. Auto: **seal-in**, start runs them until stop (stop priority) or an E-stop
# (`panel.safety_ok`). Turning the selector **always stops** the line; it must not run until start is pressed in
# the new mode (whoever turns a running line to manual wants to work on it, and a line that starts by itself when
# turned back to auto is just as dangerous). Complete `manual_auto(line, t, m)`; `m` holds the internal relays
# (`m["run"]` for the seal-in, `m["last_auto"]` for the last scan's mode; every name starts at 0). Hint: first see
# whether the mode changed (`line.panel.auto != m["last_auto"]`) and if so clear the seal-in; then jog or seal in.


# %%
def manual_auto(line, t, m):
    ### BEGIN SOLUTION
    auto = line.panel.auto
    if auto != m["last_auto"]:  # the selector was turned: drop the seal-in
        m["run"] = False
    m["last_auto"] = auto
    ok = line.panel.safety_ok
    if auto:
        m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and ok
        run = m["run"]
    else:
        m["run"] = False
        run = line.panel.start and not line.panel.stop and ok
    line.conveyor1.run = run
    line.conveyor2.run = run
    ### END SOLUTION


# %% [markdown]
# 작업자가 되어 봅시다: 자동에서 기동을 누르고, 3초 뒤 모드 스위치를 수동으로, 다시 3초 뒤 자동으로 돌립니다
# (`line.plant.panel.set_auto`는 시뮬레이터에서 스위치를 돌리는 손입니다). 컨베이어는 언제 멈추고, 다시 도나요?
#
# Be the operator: press start in auto, turn the selector to manual 3 s later and back to auto 3 s after that
# (`line.plant.panel.set_auto` is the hand on the simulator's selector). When do the belts stop, and do they restart?

# %%
line = factorylab.connect(scenario="conveyor")
watch = ["panel.auto", "panel.start", "conveyor1.run"]
factorylab.run(manual_auto, line, seconds=1)
line.press("start")
first = factorylab.run(manual_auto, line, seconds=3, record=watch, record_every=0.5)
line.plant.panel.set_auto(False)
second = factorylab.run(manual_auto, line, seconds=3, record=watch, record_every=0.5)
line.plant.panel.set_auto(True)
third = factorylab.run(manual_auto, line, seconds=3, record=watch, record_every=0.5)
pd.concat([first.history, second.history, third.history])

# %% [markdown]
# 검사는 숨은 조건 6가지에서 작업자 역할을 합니다: 수동에서 인칭, 자동에서 기동·정지, 운전 중 모드 전환, 멈춘 채
# 모드 전환, 비상정지. 순서와 시각은 조건마다 다릅니다. 통과하지 못하면 `result.plot()`으로 그래프를 보세요.
#
# The check plays the operator on 6 hidden runs: jogs in manual, start and stop in auto, the selector turned while
# running and while stopped, an E-stop, in a different order and at different times each run. If it does not pass,
# `result.plot()` shows the failing run.

# %%
result = factorylab.check(manual_auto, "manual_auto")
result

# %% [markdown]
# ## 과제 3-6. 선후 인터록과 기동 순서 (30분) / Exercise 3-6. Start order and interlock (30 min)
#
# 부품은 공급기 → 컨베이어1 → 컨베이어2 → 배출구로 흐릅니다. 앞쪽부터 켜면 뒤쪽 컨베이어가 아직 멈춰 있어 부품이
# 쌓입니다. 그래서 **배출 쪽부터** 켜고, 멈출 때는 **역순**으로 멈춰서 벨트 위의 부품을 비웁니다.
#
# ```
# 기동 ─┐
#       conveyor2.run  ▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇          정지 ─┐
#       conveyor1.run        ▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇                │
#       feeder.run                 ▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇                │
#                     |<- 1초 ->|<- 1초 ->|                 정지 ->|<- 1초 ->|<- 1초 ->|
# ```
#
# **선후 인터록**: 공급기는 컨베이어1이 **정말 돌 때만** 켭니다. 컨베이어1의 모터가 과부하로 멈추면 명령
# `conveyor1.run`은 여전히 1이지만 회전 신호 `conveyor1.running`은 0이 됩니다. **명령이 아니라 회전 신호로
# 확인**하세요. 검사의 숨은 조건 가운데에는 운전 중에 컨베이어1이 걸리는(과부하 트립) 조건과, 회전 신호의 접점이
# 고장 나서 0으로 읽히는 조건이 있습니다: 그동안 공급기는 꺼져 있어야 합니다.
#
# **타이머 블록**: `plc.TON(1.0)`은 **온딜레이**(입력이 1초 동안 계속 1이면 출력 1), `plc.TOF(1.0)`은 **오프
# 딜레이**(입력이 0이 된 뒤에도 1초 동안 출력 1)입니다. 블록은 **함수 밖에서 한 번** 만들고, 함수 안에서는 매 스캔
# `timer(입력, t)`로 부릅니다. 아래 셀에 필요한 블록을 만들어 두었습니다.
#
# `start_order(line, t, m)`을 완성하세요:
# 1. 자기유지는 내부 릴레이 `m["run"]`에 합니다 (기동, 정지 우선, `panel.safety_ok`).
# 2. `conveyor2.run`: 운전이면 켜고, 정지 뒤에는 2초 더 켜 둡니다.
# 3. `conveyor1.run`: `conveyor2.run`이 켜진 지 1초 뒤에 켜고, 정지 뒤에는 1초 더 켜 둡니다.
# 4. `feeder.run`: 운전 중이고, `conveyor1.run`이 켜진 지 1초가 지났고, `conveyor1.running`이 1일 때만 켭니다.
# 5. 비상정지(`panel.safety_ok`가 `False`)면 순서를 기다리지 말고 모두 바로 끕니다.
#
# **힌트**: 2번은 `c2_off_delay(m["run"], t)`, 3번은 `c1_on_delay(conveyor2_명령, t)`와
# `c1_off_delay(m["run"], t)`를 `and`로 묶으면 됩니다.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 자기유지를 `conveyor2.run`으로 걸면 안 됩니다: 정지 버튼을 뗀 뒤에도 `conveyor2.run`은 정지 순서 때문에 2초 동안
# 켜져 있어서, 자기유지가 다시 걸리고 라인이 저절로 다시 돕니다. 그래서 `m["run"]`을 씁니다.
#
# Do not seal in with `conveyor2.run`: it stays on for 2 s of the stop sequence after stop is let go, so the seal-in
# comes back and the line restarts by itself. That is what `m["run"]` is for.
# </details>
#
# Parts flow feeder → conveyor1 → conveyor2 → outfeed. Started from the front, they pile up on a belt that does not
# run yet, so a line starts **from the outfeed end** and stops **in reverse**, emptying the belts: conveyor2, 1 s,
# conveyor1, 1 s, feeder; stop: feeder, 1 s, conveyor1, 1 s, conveyor2. **Interlock**: the feeder runs only while
# conveyor1 **really turns**. When conveyor1's motor stops on an overload, the command `conveyor1.run` is still 1 but
# the feedback `conveyor1.running` is 0: **check the feedback, not the command**. Some hidden runs jam conveyor1
# (its overload relay trips) or break the feedback contact so it reads 0: the feeder must be off meanwhile.
# `plc.TON(1.0)` is an **on-delay** (output 1 once the input has been 1 for 1 s), `plc.TOF(1.0)` an **off-delay**
# (output 1 until 1 s after the input went 0); make a block **once, outside** the function and call it every scan
# as `timer(input, t)` (the cell makes them for you). Complete `start_order(line, t, m)`: seal in on `m["run"]`;
# conveyor2 on while running and 2 s after the stop; conveyor1 on 1 s after conveyor2 and 1 s after the stop; the
# feeder only while running, 1 s after conveyor1 and while `conveyor1.running` is 1; on an E-stop everything off at
# once.

# %%
c1_on_delay = plc.TON(1.0)  # conveyor2가 켜진 지 1초 → conveyor1 / conveyor2 on for 1 s -> conveyor1
feeder_on_delay = plc.TON(1.0)  # conveyor1이 켜진 지 1초 → 공급기 / conveyor1 on for 1 s -> feeder
c1_off_delay = plc.TOF(1.0)  # 정지 뒤 1초 동안 conveyor1 유지 / keep conveyor1 1 s after the stop
c2_off_delay = plc.TOF(2.0)  # 정지 뒤 2초 동안 conveyor2 유지 / keep conveyor2 2 s after the stop


def start_order(line, t, m):
    ### BEGIN SOLUTION
    ok = line.panel.safety_ok
    m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and ok
    conveyor2 = c2_off_delay(m["run"], t) and ok
    conveyor1 = c1_on_delay(conveyor2, t) and c1_off_delay(m["run"], t) and ok
    feeder = m["run"] and feeder_on_delay(conveyor1, t) and line.conveyor1.running
    line.conveyor2.run = conveyor2
    line.conveyor1.run = conveyor1
    line.feeder.run = feeder
    ### END SOLUTION


# %% [markdown]
# 선생님 역할을 해 봅시다: 기동하고 6초 뒤, 컨베이어1의 회전 신호 접점이 3초 동안 0으로 읽히게 합니다(`line.plant`는
# 선생님과 검사가 고장을 넣는 창구입니다). 그다음 정지합니다. 그래프에서 기동 순서, 인터록, 역순 정지를 찾아보세요.
#
# Play the teacher: 6 s after the start, make conveyor1's running feedback read 0 for 3 s (`line.plant` is where
# teachers and checks inject faults), then stop. Find the start order, the interlock and the reverse stop in the plot.

# %%
line = factorylab.connect(scenario="conveyor")
watch = ["conveyor2.run", "conveyor1.run", "conveyor1.running", "feeder.run"]
factorylab.run(start_order, line, seconds=1)
line.press("start")
before = factorylab.run(start_order, line, seconds=6, record=watch, record_every=0.1)
line.plant.inject_fault("sensor_stuck_off", "conveyor1.running", duration=3.0)
during = factorylab.run(start_order, line, seconds=5, record=watch, record_every=0.1)
line.press("stop")
after = factorylab.run(start_order, line, seconds=4, record=watch, record_every=0.1)
history = pd.concat([before.history, during.history, after.history]).astype(int)
axes = history.plot(subplots=True, drawstyle="steps-post", figsize=(8, 5), ylim=(-0.2, 1.2))

# %%
result = factorylab.check(start_order, "start_order")
result

# %% [markdown]
# ## 과제 3-7. 업카운터로 배치 생산 (25분) / Exercise 3-7. A batch with an up-counter (25 min)
#
# 주문이 **5개**씩 들어옵니다. 공급기가 부품 5개를 올리면 멈추고, **황색등**(`stack_light.amber`)으로 "배치 끝,
# 리셋을 기다림"을 알립니다. 작업자가 **리셋**(`panel.reset`)을 누르면 카운터가 0이 되고, 기동을 누르면 다음 배치를
# 시작합니다. 배치 중에 정지했다가 다시 기동하면 **이어서** 셉니다 (카운터는 리셋으로만 지웁니다).
#
# 부품은 **투입 광전센서** `conveyor1.photo_eye_infeed`로 셉니다: 공급기가 부품을 올리면 센서가 가려지고(1), 부품이
# 지나가면 다시 0이 됩니다. 먼저 센서가 한 부품에 몇 스캔 동안 1인지 직접 봅시다.
#
# Orders come in batches of **5**. Once the feeder has placed 5 parts it stops and the **amber lamp**
# (`stack_light.amber`) says "batch done, waiting for reset". **Reset** (`panel.reset`) clears the counter and start
# begins the next batch. A stop in the middle of a batch and a new start go **on** counting (only reset clears the
# counter). Count the parts with the **infeed photo-eye** `conveyor1.photo_eye_infeed`: it reads 1 while a part the
# feeder has just placed covers it. First see for how many scans it reads 1 per part.


# %%
def feed(line, t):
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = True


line = factorylab.connect(scenario="conveyor")
watch = ["conveyor1.photo_eye_infeed", "production.parts_in"]
record = factorylab.run(feed, line, seconds=10, record=watch, record_every=0.05)  # every scan
eye = record.history["conveyor1.photo_eye_infeed"].astype(int)
print("센서가 1이었던 스캔 수 / scans the eye read 1:", eye.sum())
print("상승 에지(0 → 1) 수 / rising edges:", (eye.diff() == 1).sum() + int(eye.iloc[0]))
print("공급기가 올린 부품 수 / parts fed (production.parts_in):", record.history["production.parts_in"].iloc[-1])

# %% [markdown]
# 스캔 수를 세면 부품 수보다 훨씬 많습니다. 부품 수는 **상승 에지**(0 → 1로 바뀌는 순간)의 수입니다. `plc.CTU(5)`는
# 입력의 상승 에지마다 하나씩 세는 **업카운터**입니다: `done = counter(입력, 리셋)`을 매 스캔 부르면 개수가 5 이상일
# 때 `True`가 되고, 리셋 입력이 1이면 0으로 돌아갑니다 (`counter.CV`가 지금 개수).
#
# `batch(line, t, m)`을 완성하세요:
# 1. 자기유지 `m["run"]` (기동, 정지 우선, `panel.safety_ok`): 컨베이어 두 대는 운전 중에 돕니다.
# 2. `counter`로 투입 광전센서를 세고, `panel.reset`으로 지웁니다.
# 3. `feeder.run`은 운전 중이고 배치가 끝나지 않았을 때만, `stack_light.amber`는 배치가 끝났을 때 켭니다.
#
# **힌트**: `done = counter(line.conveyor1.photo_eye_infeed, line.panel.reset)` 한 줄이 카운터 전부입니다.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 직접 센다면 `if 센서 and not m["eye_before"]: m["count"] += 1` 다음에 `m["eye_before"] = 센서`로 지난 스캔의
# 값을 기억하세요. 끝났는지는 `m["count"] >= BATCH`입니다: `>`로 쓰면 한 개를 더 올립니다.
#
# Counting by hand: `if eye and not m["eye_before"]: m["count"] += 1`, then `m["eye_before"] = eye`. Done is
# `m["count"] >= BATCH`: with `>` one more part goes in.
# </details>
#
# Counting scans gives far more than the parts: the parts are the **rising edges** (the moment 0 becomes 1).
# `plc.CTU(5)` is an **up-counter** that adds one at each rising edge of its input: call `done = counter(input,
# reset)` every scan; it is `True` from 5 on and goes back to 0 while reset is 1 (`counter.CV` is the count).
# Complete `batch(line, t, m)`: the seal-in `m["run"]` (start, stop priority, `panel.safety_ok`) runs both belts;
# `counter` counts the infeed eye and `panel.reset` clears it; `feeder.run` is on while running and the batch is not
# done; `stack_light.amber` is on when it is done. Hint: `done = counter(line.conveyor1.photo_eye_infeed,
# line.panel.reset)` is the whole counter.

# %%
BATCH = 5
counter = plc.CTU(BATCH)  # 상승 에지마다 +1, 리셋 입력이 1이면 0 / +1 per rising edge, 0 while reset is 1


def batch(line, t, m):
    ### BEGIN SOLUTION
    done = counter(line.conveyor1.photo_eye_infeed, line.panel.reset)
    m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and line.panel.safety_ok
    line.conveyor1.run = m["run"]
    line.conveyor2.run = m["run"]
    line.feeder.run = m["run"] and not done
    line.stack_light.amber = done
    ### END SOLUTION


# %% [markdown]
# 한 배치를 돌려 봅시다: 기동하고 30초. 공급기는 몇 개를 올렸나요? 황색등은 언제 켜졌나요?
#
# Run one batch: start, then 30 s. How many parts did the feeder place, and when did the amber lamp come on?

# %%
line = factorylab.connect(scenario="conveyor")
factorylab.run(batch, line, seconds=1)
line.press("start")
watch = ["production.parts_in", "feeder.run", "stack_light.amber"]
result = factorylab.run(batch, line, seconds=30, record=watch, record_every=2)
result.history

# %% [markdown]
# 검사는 숨은 조건 6가지에서 두 배치를 돌립니다: 벨트 속도와 공급 간격이 조건마다 다르고, 한 배치는 중간에 정지했다가
# 다시 기동하며, 때로는 리셋 전에 기동을 누릅니다. 배치는 언제나 5개입니다.
#
# The check runs two batches on each of 6 hidden runs: the belt speed and the feed interval differ, one batch is
# stopped in the middle and started again, and sometimes start is pressed before the reset. A batch is always 5.

# %%
result = factorylab.check(batch, "batch_count")
result

# %% [markdown]
# ## 3. 실시간 시뮬레이터에서 확인 / On the live simulator
#
# 다른 터미널에서 `factorylab sim --scenario conveyor`를 실행하고(`factorylab start`로 띄웠다면 그 시뮬레이터 창에서)
# `LIVE = True`로 바꾸세요. 같은 함수가 Modbus로 시뮬레이터를 움직입니다. 시뮬레이터 창에서 실시간으로 기동·정지를
# 누르고, 패널의 **모드 스위치**를 클릭해 수동/자동을 바꿔 보고, `F` 키의 고장 메뉴로 컨베이어1에 걸림을 넣어
# 공급기가 멈추는지 보세요. `CONTROLLER`를 바꾸면 다른 과제의 함수를 돌립니다.
#
# Run `factorylab sim --scenario conveyor` in another terminal (or use the window `factorylab start` opened) and set
# `LIVE = True`: the same function drives the simulator over Modbus. Press start and stop in its window, click the
# panel's **mode selector**, and jam conveyor1 from the fault menu (`F` key) to see the feeder stop. Change
# `CONTROLLER` to run another exercise's function.

# %%
LIVE = False
CONTROLLER = start_order  # manual_auto, start_order or batch
if LIVE:
    live_line = factorylab.connect("127.0.0.1:5020")
    factorylab.run(CONTROLLER, live_line, seconds=300)

# %% [markdown]
# ## 4. 분석 질문 / Questions
#
# 1. 예측 질문 1~3의 답을 다시 보세요. 무엇이 맞았고 무엇이 틀렸나요? 이유를 **스캔**으로 설명해 보세요.
# 2. 과제 3-5에서 모드가 바뀐 것을 알려면 왜 지난 스캔의 모드(`m["last_auto"]`)를 기억해야 하나요? 래더에서는 무엇을
#    쓰나요? (힌트: 상승·하강 펄스)
# 3. 과제 3-6에서 공급기의 조건에 `conveyor1.run`을 넣으면 어떤 숨은 조건에서 틀리나요? 그때 실제 라인에서는 무슨
#    일이 생길까요?
# 4. 과제 3-6의 함수에서 `if`나 대입의 순서를 바꾸면 우선순위가 바뀌나요? 바뀌는 것과 바뀌지 않는 것을 한 가지씩
#    찾아보세요.
# 5. 과제 3-7에서 `>=` 대신 `>`를 쓰면 몇 개가 공급되나요? 카운터를 기동 버튼으로 지우면 어떤 일이 생기나요?
#
# 1. Look at your predictions again: which were right, and why, in terms of the **scan**? 2. In 3-5, why must you
# remember the last scan's mode (`m["last_auto"]`) to see a change, and what does ladder use for it (hint: rising and
# falling pulses)? 3. In 3-6, on which hidden runs does a feeder condition on `conveyor1.run` fail, and what would
# happen on a real line? 4. In 3-6, does changing the order of your `if` statements or assignments change the
# priority? Find one thing that changes and one that does not. 5. In 3-7, how many parts go in with `>` instead of
# `>=`? What happens when start clears the counter?
#
# ## 5. 더 해 보기 / Going further
#
# - 과제 3-6에 "컨베이어2가 돌지 않으면(`conveyor2.running`이 0) 컨베이어1도 멈춘다"는 인터록을 더해 보세요.
# - 배치 개수를 패널의 표시기(`panel.display`)에 보여 주세요: `line.panel.display = counter.CV`.
# - 과제 3-6과 3-7을 합쳐, 기동 순서대로 켜지고 5개를 공급하면 역순으로 멈추는 라인을 만들어 보세요.
# - 교사용 자료의 래더를 XG5000이나 GX Works에 그려 보고, 파이썬 함수와 한 줄씩 비교해 보세요.
#
# - Add an interlock to 3-6: conveyor1 stops when conveyor2 does not turn (`conveyor2.running` is 0).
# - Show the count on the panel's display (`panel.display`): `line.panel.display = counter.CV`.
# - Combine 3-6 and 3-7: a line that starts in order, feeds 5 parts and then stops in reverse.
# - Draw the ladder of the teacher pack in XG5000 or GX Works and compare it rung by rung with your function.
