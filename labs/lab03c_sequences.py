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
#     id: timers_sequences
#     unit: 3
#     hours: 3.5
#     checks: [exit_blocked, pusher_cycle, sort_b]
#     title_ko: 타이머와 시퀀스 - 배출 막힘, 푸셔 1 사이클, 추적·분류
#     title_en: Timers and sequences - blocked outfeed, one pusher cycle, tracking and sorting
# ---

# %% [markdown]
# # 실습 3-3. 타이머와 시퀀스: 배출 막힘, 푸셔 1 사이클, 추적·분류
#
# 지금까지의 컨트롤러는 "지금 버튼이 눌렸는가"만 보았습니다. 이 실습에서는 **시간**과 **순서**를 다룹니다.
# 광전센서가 **2초 동안** 가려져 있으면 막힘으로 보는 **온딜레이 타이머(TON)**, 푸셔가 **전진 → 전진 끝 →
# 후진 → 후진 끝**의 순서로 움직이는 **시퀀스 제어**, 그리고 색상 센서에서 본 부품을 500 mm 뒤의 푸셔까지
# **따라가는 추적(FIFO)** 입니다.
#
# ---
#
# # Lab 3-3. Timers and sequences: blocked outfeed, one pusher cycle, tracking and sorting
#
# So far a controller only asked "is the button pressed now?". This lab adds **time** and **order**: an
# **on-delay timer (TON)** that calls the outfeed blocked when its photo-eye has been covered **for 2 s**,
# **sequence control** that moves the pusher **extend → extended → retract → retracted**, and **tracking (a
# FIFO)** that follows a part from the colour sensor to the pusher 500 mm further on.

# %% [markdown]
# ## 교육목표 / Objectives
#
# | # | 과제 (분) | 목표 | 검사 |
# |---|---|---|---|
# | 1 | 배출 막힘 (25) | 온딜레이 타이머(TON)로 "2초 동안 계속"을 판단하고, 막히면 공급기까지 모두 멈춘 뒤 기동 버튼으로만 다시 돌린다 | `exit_blocked` |
# | 2 | 푸셔 1 사이클 (30) | 리밋스위치로 단계를 넘기는 시퀀스를 만들고, 1초 안에 전진 끝이 안 오면 경보를 낸다 | `pusher_cycle` |
# | 3 | 추적·분류 (30) | B형 부품을 FIFO로 추적해 푸셔 앞에 왔을 때만 불량함으로 민다 (벨트 속도가 달라도) | `sort_b` |
#
# 1. Use an on-delay timer (TON) for "covered for 2 s without a break"; stop everything, the feeder included,
#    and restart only with start (`exit_blocked`).
# 2. Write a sequence that moves on at the limit switches, with an alarm if the extended switch has not come
#    within 1 s (`pusher_cycle`).
# 3. Track the type B parts in a FIFO and push each one when it is in front of the pusher, at any belt speed
#    (`sort_b`).

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# 이 실습은 `sorting` 시나리오(공급기 → 컨베이어1 → 컨베이어2, 색상 센서와 푸셔)와 `conveyor` 시나리오를
# 씁니다. 아래 표는 태그 표에서 바로 읽은 것입니다 (주소는 0부터 센 Modbus 주소와 PLC 교재식 5자리 번호).
#
# This lab uses the `sorting` scenario (feeder → conveyor1 → conveyor2 with a colour sensor and a pusher) and the
# `conveyor` scenario. The table below is read from the tag table (0-based Modbus address and the 5-digit PLC
# notation).

# %%
import pandas as pd

import factorylab
from factorylab import plc

line = factorylab.connect(scenario="sorting")
TAGS = [
    "panel.start", "panel.stop", "panel.reset", "panel.safety_ok",
    "feeder.run", "conveyor1.run", "conveyor2.run", "conveyor2.photo_eye_exit", "conveyor2.belt_speed",
    "sorter.type_b", "sorter.photo_eye", "sorter.extend", "sorter.extended", "sorter.retracted",
    "stack_light.red",
]  # fmt: skip
pd.DataFrame(
    [
        {
            "태그 / tag": info.tag.name,
            "Modbus": f"{info.tag.table} {info.tag.address}",
            "PLC": info.tag.notation,
            "설명": info.tag.description_ko,
            "description": info.tag.description_en,
        }
        for info in (line.info(name) for name in TAGS)
    ]
)

# %% [markdown]
# 색상 센서 `sorter.type_b`는 컨베이어2의 600 mm, 푸셔와 그 앞의 광전센서 `sorter.photo_eye`는 1100 mm에
# 있습니다. 푸셔에는 리밋스위치가 둘 있습니다: 전진 끝 `sorter.extended`, 후진 끝 `sorter.retracted`.
#
# The colour sensor `sorter.type_b` sits at 600 mm of conveyor2, the pusher and its photo-eye `sorter.photo_eye` at
# 1100 mm. The pusher has two limit switches: `sorter.extended` (fully out) and `sorter.retracted` (home).

# %% [markdown]
# ## 2. 예측 질문 / Prediction
#
# 1. 부품 하나가 배출 광전센서 앞을 지나가는 데 0.3초쯤 걸립니다. "센서가 1이면 멈춘다"로 짜면 무슨 일이
#    생길까요?
# 2. 푸셔를 "0.4초 전진한 뒤 후진"으로 짜면, 실린더가 조금 느려진 날에는 무슨 일이 생길까요?
# 3. 벨트 속도가 80 %일 때 색상 센서에서 푸셔까지 500 mm를 가는 데 몇 초 걸릴까요 (100 % = 250 mm/s)?
#    60 %일 때는요?
#
# 답을 적어 두고, 과제를 마친 뒤 맞춰 보세요.
#
# 1. A part takes about 0.3 s to pass the exit photo-eye. What happens if you write "stop when the eye reads 1"?
# 2. If the pusher "extends for 0.4 s, then retracts", what happens on a day the cylinder is a little slow?
# 3. At 80 % belt speed, how long does a part take for the 500 mm from the colour sensor to the pusher
#    (100 % = 250 mm/s)? And at 60 %?

# %% [markdown]
# ## 3. 스캔 안에서 시간 재기: `plc.TON` / Timing inside a scan: `plc.TON`
#
# 컨트롤러는 스캔마다(0.05초) 호출되는 함수입니다. 그 안에서 `time.sleep(2)`나 `while`로 기다리면 그동안
# 다른 입력을 하나도 읽지 못합니다 (PLC라면 워치독이 CPU를 멈춥니다). 대신 **타이머 블록**을 씁니다.
# `timer = plc.TON(2.0)`은 입력 `IN`이 **끊김 없이 2초** 켜져 있으면 출력 `Q`가 켜지고, `IN`이 꺼지면 바로
# 처음으로 돌아가는 **온딜레이 타이머**입니다. 블록은 함수 **밖에서 한 번** 만들고, 스캔마다 `timer(IN, t)`로
# 부릅니다.
#
# A controller is a function called every scan (0.05 s). Waiting inside it with `time.sleep(2)` or a `while` loop
# reads no input meanwhile (a PLC's watchdog would stop the CPU). Use a **timer block** instead: `timer =
# plc.TON(2.0)` is an **on-delay timer** whose output `Q` comes on once its input `IN` has been on **for 2 s
# without a break**, and goes back to the start as soon as `IN` goes off. Make the block **once, outside** the
# function, and call `timer(IN, t)` every scan.

# %%
demo = plc.TON(2.0)
for t, covered in [(0.0, True), (1.0, True), (1.5, False), (2.0, True), (3.5, True), (4.0, True)]:
    print(f"{t:.1f}초: IN={covered!s:5}  Q={demo(covered, t)!s:5}  ET={demo.ET:.1f}")

# %% [markdown]
# 1.5초에 `IN`이 한 번 꺼졌기 때문에 타이머는 2.0초부터 다시 셉니다: `Q`는 4.0초에 켜집니다.
# 꺼짐을 늦추는 것은 **오프딜레이 타이머** `plc.TOF`입니다 (이 실습에서는 쓰지 않습니다).
#
# `IN` went off at 1.5 s, so the timer starts again at 2.0 s: `Q` comes on at 4.0 s. Delaying the *off* is the
# **off-delay timer** `plc.TOF` (not used in this lab).

# %% [markdown]
# ## 4. 과제 3-8: 배출 막힘 2초 → 모두 정지 / Exercise 3-8: blocked outfeed for 2 s → stop everything
#
# 배출구가 막히면 마지막 부품이 배출 광전센서 `conveyor2.photo_eye_exit` 앞에 멈춰 서서 센서가 계속 1입니다.
# 지나가는 부품은 0.3초쯤만 가립니다.
#
# **할 일** (`conveyor` 시나리오):
# 1. 자기유지(실습 3-1과 같이): `panel.start`로 `feeder.run`, `conveyor1.run`, `conveyor2.run`을 켜고,
#    `panel.stop`이나 `panel.safety_ok`가 `False`이면 끕니다 (정지 우선).
# 2. 배출 광전센서가 **2초 동안 끊김 없이** 1이면 **공급기까지 셋 다** 끕니다 (`exit_timer`).
# 3. 다시 돌리는 것은 배출구가 비고 나서 **기동 버튼을 눌렀을 때만**입니다: 막힘이 풀렸다고 저절로 돌면 안 됩니다.
#
# A blocked outfeed leaves the last part standing in front of the exit photo-eye `conveyor2.photo_eye_exit`, which
# then reads 1 for good; a passing part covers it for about 0.3 s. **To do** (`conveyor` scenario): the seal-in of
# lab 3-1 on `feeder.run`, `conveyor1.run` and `conveyor2.run` (stop priority, `panel.safety_ok`); when the exit eye
# has read 1 for **2 s without a break**, switch **all three** off, feeder included; restart only when start is
# pressed after the outfeed is clear, never by itself.
#
# 힌트: 타이머의 출력 `blocked`를 자기유지 회로의 "정지 조건"에 하나 더 넣으면 됩니다.
#
# Hint: the timer's output `blocked` is one more "stop" condition in the seal-in rung.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# `운전 = (기동 또는 운전) 그리고 정지 아님 그리고 safety_ok 그리고 막힘 아님`. 막힘 = `exit_timer(배출 센서, t)`.
# 배출구가 막혀 있는 동안은 타이머 출력이 계속 켜져 있으니, 기동을 눌러도 돌지 않습니다.
#
# `run = (start or run) and not stop and safety_ok and not blocked`, with `blocked = exit_timer(exit eye, t)`.
# While the outfeed stays blocked the timer's output stays on, so start cannot restart the line.
# </details>

# %%
exit_timer = plc.TON(2.0)


def outfeed_controller(line, t):
    ### BEGIN SOLUTION
    blocked = exit_timer(line.conveyor2.photo_eye_exit, t)
    run = (line.panel.start or line.conveyor2.run) and not line.panel.stop and line.panel.safety_ok and not blocked
    line.feeder.run = run
    line.conveyor1.run = run
    line.conveyor2.run = run
    ### END SOLUTION


# %%
result = factorylab.check(outfeed_controller, "exit_blocked")
result

# %% [markdown]
# 통과하지 못하면 `result.plot()`으로 실패한 숨은 조건의 입력, 여러분의 출력, 기대한 출력을 볼 수 있습니다.
# 직접 돌려 봅시다: 기동 → 10초 운전 → 배출구를 막음 (선생님이 라인에서 하는 일) → 12초.
#
# If it does not pass, `result.plot()` draws the failing hidden run. Try it yourself: start, run 10 s, block the
# outfeed (what the teacher does on the line), run 12 s.

# %%
line = factorylab.connect(scenario="conveyor")
line.press("start")
factorylab.run(outfeed_controller, line, seconds=10)
line.plant.set_outfeed(True)  # the outfeed is blocked
watch = factorylab.run(
    outfeed_controller,
    line,
    seconds=12,
    record=["conveyor2.photo_eye_exit", "conveyor2.run", "feeder.run"],
    record_every=0.5,
)
watch.history

# %% [markdown]
# ## 5. 과제 3-9: 푸셔 1 사이클과 1초 경보 / Exercise 3-9: one pusher cycle and a 1 s alarm
#
# 정비를 마친 뒤 작업자는 푸셔를 **한 번씩** 왕복시켜 보며 리밋스위치를 확인합니다. 푸셔는 밸브
# `sorter.extend`가 1이면 전진, 0이면 후진합니다 (스프링 복귀 밸브).
#
# **할 일** (`sorting` 시나리오, 벨트는 서 있어도 됩니다):
# 1. 기동 버튼을 **누른 순간**(상승 에지), 푸셔가 후진 끝(`sorter.retracted`)에 있고 경보가 없으면 한 사이클을
#    시작합니다: `sorter.extend`를 켭니다 (단계 1: 전진).
# 2. 전진 끝 리밋스위치 `sorter.extended`가 켜지면 `sorter.extend`를 끕니다 (단계 2: 후진).
# 3. 후진 끝 `sorter.retracted`가 켜지면 사이클 끝입니다 (단계 0: 대기). 사이클 도중에 누른 기동, 계속 누르고
#    있는 기동은 무시합니다: **한 번 누르면 한 사이클**.
# 4. **경보**: 전진 명령 뒤 **1초** 안에 `sorter.extended`가 안 오면 (센서 고장이나 걸림) 후진하고 적색등
#    `stack_light.red`를 켭니다. 적색등은 `panel.reset`을 누를 때까지 켜 두고, 그동안 기동은 받지 않습니다.
#
# 검사의 숨은 조건은 실린더마다 속도가 다르고(0.3~0.7초), 몇몇에서는 `sorter.extended` 센서가 고장 나서
# 항상 0입니다.
#
# After maintenance the operator cycles the pusher **once per press** to test its limit switches. The valve
# `sorter.extend` extends the pusher at 1 and retracts it at 0 (a spring-return valve). **To do** (`sorting`
# scenario; the belts may stand still): at the **moment start is pressed** (rising edge), with the pusher home
# (`sorter.retracted`) and no alarm, start a cycle: `sorter.extend` on (step 1, extending); when the limit switch
# `sorter.extended` comes on, `sorter.extend` off (step 2, retracting); when `sorter.retracted` comes on the cycle is
# over (step 0, waiting). Presses during a cycle, and start held down, are ignored: **one press, one cycle**.
# **Alarm**: if `sorter.extended` has not come **1 s** after the extend command (a broken sensor or a jam), retract
# and light the red lamp `stack_light.red`; keep it on until `panel.reset` is pressed, and ignore start meanwhile.
# The hidden runs have cylinders of different speeds (0.3-0.7 s), and on some the `sorter.extended` sensor is broken
# and always reads 0.
#
# 힌트: 단계 번호 `m["step"]`(0, 1, 2)를 내부 릴레이 `m`에 두고, 단계마다 "무엇을 기다리는지"만 쓰세요.
# 출력은 맨 끝에서 단계로 정합니다: `line.sorter.extend = m["step"] == 1`.
#
# Hint: keep a step number `m["step"]` (0, 1, 2) in the internal relays `m` and write, per step, only what it waits
# for. Set the outputs from the step at the end: `line.sorter.extend = m["step"] == 1`.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# `pressed = start_edge(line.panel.start)`는 누른 순간 한 스캔만 `True`입니다.
# `late = pusher_timer(m["step"] == 1 and not line.sorter.extended, t)`는 단계 1에 1초 넘게 머물면 `True`가
# 됩니다. 단계 1에서 `late`이면 `m["alarm"] = True`로 하고 단계 2로 넘어가세요.
#
# `pressed = start_edge(line.panel.start)` is `True` for one scan when start is pressed;
# `late = pusher_timer(m["step"] == 1 and not line.sorter.extended, t)` becomes `True` after 1 s in step 1. In step 1,
# when `late`, set `m["alarm"] = True` and go to step 2.
# </details>

# %%
start_edge = plc.R_TRIG()
pusher_timer = plc.TON(1.0)


def pusher_controller(line, t, m):
    ### BEGIN SOLUTION
    pressed = start_edge(line.panel.start)
    late = pusher_timer(m["step"] == 1 and not line.sorter.extended, t)
    if line.panel.reset:
        m["alarm"] = False
    if m["step"] == 0:
        if pressed and line.sorter.retracted and not m["alarm"]:
            m["step"] = 1
    elif m["step"] == 1:
        if line.sorter.extended:
            m["step"] = 2
        elif late:
            m["step"] = 2
            m["alarm"] = True
    elif m["step"] == 2:
        if line.sorter.retracted:
            m["step"] = 0
    line.sorter.extend = m["step"] == 1
    line.stack_light.red = bool(m["alarm"])
    ### END SOLUTION


# %%
result = factorylab.check(pusher_controller, "pusher_cycle")
result

# %% [markdown]
# 직접 돌려 봅시다: 한 번 누르고 2초, 그다음 선생님처럼 `sorter.extended` 센서를 고장 내고 (항상 0) 다시 누릅니다.
# 표에서 `sorter.extend`가 켜진 시각, `sorter.extended`가 켜진 시각, 적색등이 켜진 시각을 찾아보세요.
#
# Try it: press once and run 2 s; then break the `sorter.extended` sensor (always 0), as the teacher can, and press
# again. Find in the table when `sorter.extend`, `sorter.extended` and the red lamp come on.

# %%
line = factorylab.connect(scenario="sorting")
watched = ["panel.start", "sorter.extend", "sorter.extended", "sorter.retracted", "stack_light.red"]
line.press("start")
first = factorylab.run(pusher_controller, line, seconds=2, record=watched, record_every=0.05)
line.plant.faults.inject("sensor_stuck_off", "sorter.extended")  # the switch is broken
line.press("start")
second = factorylab.run(pusher_controller, line, seconds=3, record=watched, record_every=0.05)
pd.concat([first.history.head(18), second.history.iloc[::4]])

# %% [markdown]
# ## 6. 과제 3-10: 추적·분류 (FIFO) / Exercise 3-10: tracking and sorting (FIFO)
#
# 이제 라인을 돌리며 파란색 B형 부품만 불량함으로 밉니다. 색상 센서(600 mm)와 푸셔(1100 mm) 사이는 500 mm라서,
# B형 하나가 푸셔까지 가는 동안 **다른 부품이 한두 개 더** 그 사이에 들어옵니다. 그리고 검사의 숨은 조건마다
# `conveyor2.speed`가 60~100 %로 다릅니다: "색상 센서 뒤 2.5초에 민다" 같은 **고정 시간은 다른 속도에서 빗나갑니다**.
#
# **할 일** (`sorting` 시나리오):
# 1. `feeder.run`, `conveyor1.run`, `conveyor2.run`을 켜 둡니다.
# 2. 색상 센서가 B형을 볼 때마다(상승 에지) FIFO 목록 맨 뒤에 "간 거리 0 mm"를 넣습니다.
# 3. 스캔마다 목록의 모든 거리에 벨트가 간 거리 `conveyor2.belt_speed`(mm/s) × 0.05초를 더합니다
#    (실제 라인의 엔코더와 시프트 레지스터가 하는 일).
# 4. 푸셔 앞 광전센서 `sorter.photo_eye`에 부품이 **도착한 순간**(상승 에지), 목록 맨 앞 B형이 거의 500 mm를
#    갔으면 그 부품이 B형입니다: 목록에서 꺼내고 과제 3-9처럼 한 번 밉니다 (`sorter.extended`까지 전진, 그 뒤 후진).
#    아니면 A형이니 그냥 보냅니다.
#
# Now run the line and push only the blue type B parts into the reject bin. The colour sensor (600 mm) and the pusher
# (1100 mm) are 500 mm apart, so while a type B part travels to the pusher **one or two more parts** come in between.
# And every hidden run has its own `conveyor2.speed` (60-100 %): a **fixed delay** such as "push 2.5 s after the
# colour sensor" **misses at other speeds**. **To do**: keep `feeder.run`, `conveyor1.run`, `conveyor2.run` on;
# each time the colour sensor sees type B (rising edge) append "0 mm travelled" to a FIFO list; every scan add the
# belt's travel `conveyor2.belt_speed` (mm/s) × 0.05 s to every distance in it (what an encoder and a shift register
# do on a real line); when a part **arrives** at the pusher's photo-eye `sorter.photo_eye` (rising edge) and the
# first type B in the list has gone about 500 mm, that part is the type B one: take it out of the list and push once
# as in exercise 3-9 (out until `sorter.extended`, then back). Otherwise it is type A: let it pass.
#
# 힌트: 푸셔 광전센서는 A형에도 켜집니다. "누구인지"는 FIFO의 거리로, "언제"는 광전센서로 정합니다.
#
# Hint: the pusher's photo-eye comes on for type A parts too. The FIFO's distance says *which* part it is; the
# photo-eye says *when* it is there.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# `fifo = m["fifo"] or []`, 그리고 끝에 `m["fifo"] = fifo`. 도착한 순간 `fifo and fifo[0] > DISTANCE - 120`이면
# `fifo.pop(0)` 하고 `m["push"] = True`. `sorter.extended`가 켜지면 `m["push"] = False`.
# 출력은 `line.sorter.extend = bool(m["push"])`.
#
# `fifo = m["fifo"] or []` and `m["fifo"] = fifo` at the end. On arrival, if `fifo and fifo[0] > DISTANCE - 120`,
# `fifo.pop(0)` and `m["push"] = True`; when `sorter.extended` comes on, `m["push"] = False`; the output is
# `line.sorter.extend = bool(m["push"])`.
# </details>

# %%
DISTANCE = 500.0  # mm from the colour sensor (600 mm) to the pusher's photo-eye (1100 mm)
SCAN = 0.05  # s
blue_edge = plc.R_TRIG()
arrive_edge = plc.R_TRIG()


def sorting_controller(line, t, m):
    ### BEGIN SOLUTION
    line.feeder.run = True
    line.conveyor1.run = True
    line.conveyor2.run = True
    fifo = m["fifo"] or []
    moved = line.conveyor2.belt_speed * SCAN
    fifo = [distance + moved for distance in fifo]
    if blue_edge(line.sorter.type_b):
        fifo.append(0.0)
    if arrive_edge(line.sorter.photo_eye) and fifo and fifo[0] > DISTANCE - 120:
        fifo.pop(0)
        m["push"] = True
    if line.sorter.extended:
        m["push"] = False
    m["fifo"] = fifo
    line.sorter.extend = bool(m["push"])
    ### END SOLUTION


# %%
result = factorylab.check(sorting_controller, "sort_b")
result

# %% [markdown]
# 직접 돌려 봅시다: 60초 동안 몇 개가 불량함으로 갔고, 잘못 분류된 것은 몇 개인가요?
#
# Try it: in 60 s, how many parts went to the reject bin, and how many were sorted wrongly?

# %%
line = factorylab.connect(scenario="sorting")
factorylab.run(sorting_controller, line, seconds=60, record=[])
print("불량함 / reject bin:", line.production.parts_rejected)
print("배출구 / outfeed:", line.production.parts_out)
print("잘못 분류 / missorted:", line.production.parts_missorted)

# %% [markdown]
# ## 7. 시뮬레이터 창에서 실시간으로 / In the simulator window, in real time
#
# 다른 터미널에서 `factorylab sim --scenario sorting`을 실행하거나 (`factorylab start`가 띄운 시뮬레이터도
# 됩니다) `LIVE = True`로 바꾸면, 같은 함수가 Modbus로 시뮬레이터를 움직입니다. 과제 3-9의 컨트롤러로 창의 기동
# 버튼을 눌러 보고, 선생님 키로 `sorter.extended` 고장을 넣어 보세요. 과제 3-8은 `--scenario conveyor`로 합니다.
#
# Run `factorylab sim --scenario sorting` in another terminal (or use the simulator `factorylab start` opened) and
# set `LIVE = True`: the same function drives the simulator over Modbus. Press start in its window with the
# controller of exercise 3-9 and inject a `sorter.extended` fault with the teacher key. Exercise 3-8 uses
# `--scenario conveyor`.

# %%
LIVE = False
if LIVE:
    live_line = factorylab.connect("127.0.0.1:5020")
    factorylab.run(sorting_controller, live_line, seconds=120)

# %% [markdown]
# ## 8. 분석 질문 / Analysis
#
# 1. 과제 3-8에서 타이머를 2초가 아니라 0.2초로 하면 어떻게 될까요? 10초로 하면요? 왜 "2초"처럼 부품 한 개가
#    지나가는 시간보다 충분히 긴 값을 고를까요?
# 2. 과제 3-9에서 후진을 "0.4초 뒤"라는 시간으로 하면 왜 검사를 통과하지 못할까요? 리밋스위치는 무엇을 알려 주나요?
# 3. 과제 3-9의 경보는 고장 자체를 고치지는 않습니다. 경보가 켜진 뒤 작업자는 무엇을 해야 하고, 리셋을 왜
#    버튼으로 따로 받나요?
# 4. 과제 3-10에서 푸셔 광전센서 없이 거리만으로 밀면 무엇이 위험할까요? 거리 없이 광전센서만으로 밀면요?
#
# 1. In exercise 3-8, what happens with a 0.2 s timer instead of 2 s? With 10 s? Why pick a value well above the time
#    one part takes to pass?
# 2. In exercise 3-9, why does "retract after 0.4 s" fail the check? What does a limit switch tell you?
# 3. The alarm of exercise 3-9 does not fix anything. What must the operator do after it, and why is the reset a
#    separate button?
# 4. In exercise 3-10, what could go wrong pushing by distance alone, without the pusher's photo-eye? By the photo-eye
#    alone, without the distance?

# %% [markdown]
# ## 9. 더 해 보기 / Going further
#
# * 과제 3-8에 황색등(`stack_light.amber`)을 더해, 막힘으로 멈춘 동안 깜빡이게 해 보세요 (`plc.TON` 두 개로
#   0.5초 켜짐, 0.5초 꺼짐).
# * 과제 3-9의 사이클을 과제 3-10에 그대로 넣어, 분류 중에도 1초 경보가 동작하게 해 보세요.
# * 과제 3-10의 FIFO를 10 mm마다 한 칸씩 미는 **비트 시프트 레지스터**(`[False] * 53`)로 바꿔 보세요. PLC의
#   `BSFT`/`SFT` 명령이 하는 일입니다.
#
# * Add the amber lamp to exercise 3-8 and make it blink while the line stands blocked (two `plc.TON`s: 0.5 s on, 0.5 s
#   off).
# * Put the cycle of exercise 3-9 into exercise 3-10, so the 1 s alarm also works while sorting.
# * Replace the FIFO of exercise 3-10 by a **bit shift register** shifted one place every 10 mm (`[False] * 53`): what a
#   PLC's `BSFT`/`SFT` instruction does.
