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
#     id: start_stop
#     unit: 3
#     hours: 3
#     checks: [jog, seal_in_stop, seal_in, stack_light]
#     title_ko: "기동·정지 회로: 인칭, 자기유지, 비상정지, 타워램프"
#     title_en: "Start/stop circuits: jog, seal-in, E-stop, stack light"
# ---

# %% [markdown]
# # 실습 3-1. 기동·정지 회로: 인칭, 자기유지, 비상정지, 타워램프
#
# 공장의 컨베이어는 조작 패널의 버튼으로 움직입니다. 이 실습에서는 PLC 교과서의 첫 회로들을 파이썬으로 만들고,
# 검사가 숨은 조건에서 여러분의 회로를 시험합니다.
#
# **교육목표**
# 1. PLC의 **스캔**(입력 읽기 → 프로그램 → 출력 쓰기를 되풀이)을 설명하고, 스캔마다 호출되는 함수로 제어한다.
# 2. **a접점**(누르면 1)과 **b접점**(누르면 0, `not`)으로 **인칭(촌동) 운전**을 만든다. (과제 3-1)
# 3. **자기유지**와 **정지 우선** 회로를 만든다. (과제 3-2)
# 4. **비상정지**와 **리셋** 뒤에 저절로 다시 돌지 않게(**재기동 금지**) 만든다. (과제 3-3)
# 5. **타워램프(시그널 타워)** 규칙대로 녹색등·황색등·적색등을 켜고, 모터 **과부하** 고장을 처리한다. (과제 3-4)
#
# ---
#
# # Lab 3-1. Start/stop circuits: jog, seal-in, E-stop, stack light
#
# A factory conveyor is run from the buttons of an operator panel. In this lab you build the first circuits of a PLC
# textbook in Python, and a check tries your circuit on hidden runs.
#
# **Objectives**
# 1. Explain the PLC **scan** (read the inputs → run the program → write the outputs, again and again) and control
#    the line with a function called every scan.
# 2. Build **inching (jog)** from a **normally open (NO)** contact (1 while pressed) and a **normally closed (NC)**
#    contact (0 while pressed, `not`). (Exercise 3-1)
# 3. Build a **seal-in** with **stop priority**. (Exercise 3-2)
# 4. After an **E-stop** and a **reset**, the line must **not restart by itself**. (Exercise 3-3)
# 5. Light the green, amber and red lamps of the **stack light** by the rule, and handle a motor **overload** fault.
#    (Exercise 3-4)

# %% [markdown]
# ## 1. PLC의 스캔 / The PLC scan
#
# PLC는 프로그램을 한 번 실행하고 끝나지 않습니다. **스캔**을 끝없이 되풀이합니다.
#
# 1. 입력(버튼, 센서)을 모두 읽는다 → 2. 프로그램을 위에서 아래로 한 번 실행한다 → 3. 출력(모터, 램프)을 모두 쓴다 → 1로.
#
# FactoryLab에서는 여러분의 함수 `controller(line, t, m)`가 **스캔마다 호출되는 함수**입니다 (0.05초마다).
# `line`으로 태그를 읽고 쓰고, `t`는 시간(초), `m`은 PLC의 **내부 릴레이**(M 영역)처럼 스캔과 스캔 사이에
# 기억할 값을 두는 곳입니다 (`m["run"]`처럼 쓰고, 처음에는 모두 0입니다).
#
# 그래서 함수 안에서 `while`이나 `time.sleep`으로 **기다리면 안 됩니다**: 한 스캔 안에서는 입력이 바뀌지 않으니
# 기다림이 끝나지 않습니다. 기다릴 일이 있으면 바로 돌아오고, 다음 스캔에서 다시 보세요.
#
# **a접점과 b접점**: 버튼을 누르면 닫히는 접점이 a접점(NO), 누르면 열리는 접점이 b접점(NC)입니다. 파이썬에서는
# a접점이 `line.panel.start`, b접점이 `not line.panel.stop`입니다. 래더에서 접점을 **직렬**로 그리면 `and`,
# **병렬**로 그리면 `or`입니다.
#
# A PLC does not run its program once: it repeats a **scan** forever: read every input → run the program once, top
# to bottom → write every output. In FactoryLab your function `controller(line, t, m)` is called every scan
# (every 0.05 s): `line` reads and writes tags, `t` is the time in s and `m` keeps what one scan must remember for
# the next, like the PLC's **internal relays (M area)** (`m["run"]`; every name starts at 0). So never **wait** inside
# the function with `while` or `time.sleep`: the inputs do not change during one scan, so the wait never ends.
# **NO and NC contacts**: an NO contact closes when the button is pressed (`line.panel.start`), an NC contact opens
# (`not line.panel.stop`). Contacts drawn in **series** are `and`, in **parallel** `or`.

# %%
import pandas as pd

import factorylab

line = factorylab.connect(scenario="conveyor")

# %% [markdown]
# ## 2. 장치와 태그 / Devices and tags
#
# 이 실습은 조작 패널, 공급기, 컨베이어 두 대가 있는 `conveyor` 시나리오를 씁니다. 아래 표는 태그 표에서 읽은
# 것입니다: 이름, Modbus 주소(교과서 표기), 읽기/쓰기, 설명.
#
# The `conveyor` scenario: the operator panel, the feeder and two conveyors. The table below is read from the tag
# table: name, Modbus address (textbook notation), read/write, description.

# %%
TAGS = [
    "panel.start", "panel.stop", "panel.estop", "panel.reset", "panel.safety_ok",
    "conveyor1.run", "conveyor2.run", "conveyor1.running", "conveyor1.overload", "conveyor2.overload",
    "stack_light.green", "stack_light.amber", "stack_light.red",
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
# 태그는 장치별 속성입니다: `line.panel.start`, `line.conveyor1.run`. 한 태그를 자세히 보려면
# `line.info("panel.safety_ok")`를 실행하세요.
#
# Tags are attributes grouped by device; `line.info("panel.safety_ok")` tells everything about one tag.

# %%
print(line.panel.start, line.panel.stop, line.panel.safety_ok)
print(line.conveyor1.run, line.stack_light.green)

# %% [markdown]
# ## 3. 예측 질문 / Predict first
#
# 코드를 쓰기 전에 공책에 답을 적어 두세요. 실습이 끝나면 다시 봅니다.
#
# 1. 컨트롤러가 `line.conveyor1.run = line.panel.start` 한 줄뿐입니다. 기동 버튼을 0.3초 눌렀다 떼면 컨베이어는
#    얼마 동안 돌까요?
# 2. 함수 안에 `if 정지: 끄기`를 먼저 쓰고 그 아래에 `if 기동: 켜기`를 씁니다. 기동과 정지를 **함께** 누르면
#    컨베이어는 돌까요, 멈출까요?
# 3. 비상정지 버튼을 눌렀다가 풀었습니다. 아직 리셋은 누르지 않았습니다. 컨베이어에 전원이 들어올까요?
#
# Write your answers down before coding; we come back to them at the end. 1. The controller is the single line
# `line.conveyor1.run = line.panel.start`. Start is pressed for 0.3 s: how long does the belt run? 2. The function
# first says `if stop: off` and below it `if start: on`. Start and stop are pressed **together**: does the belt run?
# 3. The E-stop was pushed and released, reset not yet pressed: do the conveyors have power?

# %% [markdown]
# ## 과제 3-1. 인칭(촌동) 운전 (10분) / Exercise 3-1. Inching (jog) (10 min)
#
# 정비할 때는 컨베이어를 조금씩만 움직입니다: **기동 버튼을 누르고 있는 동안만** 돌고, 손을 떼면 멈춥니다. 이것을
# **인칭(촌동) 운전**이라고 합니다. 정지 버튼이 눌려 있으면 기동을 누르고 있어도 돌면 안 됩니다.
#
# `jog(line, t, m)`을 완성하세요: `conveyor1.run`과 `conveyor2.run`을 **매 스캔** 정합니다.
#
# ```
#  panel.start   panel.stop                     conveyor1.run
# ----| |-----------|/|---------------------------(   )----
#      a접점          b접점                           출력
# ```
#
# **힌트**: a접점은 버튼 태그 그대로, b접점은 `not`을 붙인 것, 직렬은 `and`입니다.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 매 스캔 두 출력에 True나 False를 **모두** 써야 합니다. `if`를 쓴다면 `else`에서 끄는 것도 잊지 마세요:
# 끄는 줄이 없으면 한 번 켜진 출력은 켜진 채로 남습니다.
#
# Write True or False to both outputs in **every** scan. With an `if`, switch them off in the `else`: an output
# nobody switches off stays on.
# </details>
#
# For maintenance a conveyor is moved a little at a time: it runs **only while start is held** and stops when the
# button is let go (**inching** or **jog**). While stop is pressed it must not run, even with start held.
# Complete `jog(line, t, m)`: decide `conveyor1.run` and `conveyor2.run` in **every** scan. Hint: an NO contact is
# the button's tag, an NC contact has `not`, contacts in series are `and`.


# %%
def jog(line, t, m):
    ### BEGIN SOLUTION
    run = line.panel.start and not line.panel.stop
    line.conveyor1.run = run
    line.conveyor2.run = run
    ### END SOLUTION


# %% [markdown]
# 작업자가 되어 봅시다: 1초 뒤에 기동 버튼을 1.5초 동안 누릅니다. `conveyor1.run`이 버튼을 따라가나요?
#
# Be the operator: after 1 s, hold start for 1.5 s. Does `conveyor1.run` follow the button?

# %%
line = factorylab.connect(scenario="conveyor")
factorylab.run(jog, line, seconds=1)
line.press("start", 1.5)
result = factorylab.run(jog, line, seconds=3, record=["panel.start", "conveyor1.run"], record_every=0.25)
result.history

# %% [markdown]
# 검사는 여러분의 함수를 숨은 조건 6가지(누르는 순서, 시각, 길이가 모두 다름)에서 돌려 보고, 무엇이 언제
# 잘못됐는지 알려 줍니다. 통과하지 못하면 `result.plot()`으로 입력, 여러분의 출력, 기대한 출력을 볼 수 있습니다.
#
# The check runs your function on 6 hidden runs (different order, times and lengths of presses) and tells you what
# went wrong and when; `result.plot()` draws the inputs, your outputs and what was expected.

# %%
result = factorylab.check(jog, "jog")
result

# %% [markdown]
# ## 과제 3-2. 자기유지와 정지 우선 (15분) / Exercise 3-2. Seal-in with stop priority (15 min)
#
# 생산할 때는 기동 버튼을 **한 번** 눌렀다 떼도 컨베이어가 계속 돌아야 합니다. 버튼에서 손을 뗀 뒤에도 "켜져
# 있음"을 기억하는 회로가 **자기유지**(seal-in)입니다. 래더에서는 출력 자신의 접점을 기동 버튼과 **병렬**로 그립니다.
#
# ```
#  panel.start   panel.stop                     conveyor1.run
# --+--| |--+-------|/|---------------------------(   )----
#   |       |
#   +--| |--+
#  conveyor1.run (자기유지 접점)
# ```
#
# `start_stop(line, t, m)`을 완성하세요.
# - 기동을 눌렀다 떼도 `conveyor1.run`, `conveyor2.run`이 계속 켜져 있습니다. 운전 중에 기동을 다시 눌러도 계속 돕니다.
# - 정지를 누르면 둘 다 꺼지고, 기동과 정지를 **함께** 누르면 정지가 이깁니다(**정지 우선**).
#
# **힌트**: 지금 켜져 있는지는 출력 태그(`line.conveyor1.run`)를 읽거나 `m["run"]`에 기억해 두면 알 수 있습니다.
# `if` 문을 여러 개 쓰면 **나중에 쓴 값이 남습니다**: 어느 것을 나중에 검사해야 정지가 이길까요?
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 래더 한 줄을 식 하나로 옮기면 `켜짐 = (기동 또는 지금_켜짐) 그리고 정지_아님`입니다. 괄호가 어디에 있는지가
# 정지 우선과 기동 우선을 가릅니다.
#
# One rung as one expression: `on = (start or on_now) and not stop`. Where the brackets are decides stop priority
# or start priority.
# </details>
#
# In production one press of start must keep the conveyor running after the button is let go. The circuit that
# remembers "on" is a **seal-in**: in ladder, the output's own contact is drawn **in parallel** with start.
# Complete `start_stop(line, t, m)`: start latches `conveyor1.run` and `conveyor2.run` on (pressing it again keeps
# them on); stop switches them off and wins when both are pressed (**stop priority**). Hint: read the output tag
# (`line.conveyor1.run`) or keep the state in `m["run"]`. With several `if` statements **the last value written
# stays**: which one must come last for stop to win?


# %%
def start_stop(line, t, m):
    ### BEGIN SOLUTION
    if line.panel.start:
        m["run"] = True
    if line.panel.stop:  # tested last: the last value written wins, so stop has priority
        m["run"] = False
    line.conveyor1.run = m["run"]
    line.conveyor2.run = m["run"]
    ### END SOLUTION


# %%
result = factorylab.check(start_stop, "seal_in_stop")
result

# %% [markdown]
# ## 과제 3-3. 비상정지, 리셋, 재기동 금지 (15분) / Exercise 3-3. E-stop, reset, no restart (15 min)
#
# **비상정지 버튼**(`panel.estop`)을 누르면 **안전 릴레이**가 차단되어(OFF) 모든 액추에이터(구동기)의 전원을 끊습니다.
# 안전 릴레이의 상태가 `panel.safety_ok`입니다. 비상정지 버튼을 풀어도 `panel.safety_ok`는 **리셋 버튼**
# (`panel.reset`)을 누를 때까지 `False`입니다.
#
# 프로그램이 할 일: 안전 릴레이가 차단되면 자기유지를 **끊어서**, 리셋한 뒤에도 컨베이어가 **저절로 다시 돌지 않게**
# 합니다(재기동 금지). 작업자가 기동 버튼을 다시 눌러야 돕니다. 운전과 비상정지는 타워램프로 알립니다.
#
# `with_estop(line, t, m)`을 완성하세요: 과제 3-2에 더해
# - `panel.safety_ok`가 `False`이면 두 컨베이어를 끄고, 운전 상태도 지웁니다.
# - 녹색등 `stack_light.green`은 운전 중에, 적색등 `stack_light.red`는 `panel.safety_ok`가 `False`인 동안 켭니다.
#
# **힌트**: 왜 `panel.estop`이 아니라 `panel.safety_ok`일까요? 비상정지 버튼을 **풀었지만 아직 리셋하지 않은**
# 순간을 생각해 보세요.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 래더에서는 정지 b접점 옆에 안전 릴레이의 a접점을 **직렬**로 하나 더 넣습니다. 안전 릴레이가 끊기는 순간 자기유지
# 접점도 떨어지므로, 리셋으로 안전 릴레이가 다시 붙어도 기동 버튼 없이는 켜지지 않습니다.
#
# In ladder, put the safety relay's NO contact **in series** next to stop's NC contact: the moment the relay drops,
# the seal-in drops too, so when the reset closes the relay again nothing runs until start is pressed.
# </details>
#
# Pushing the **E-stop** (`panel.estop`) trips the **safety relay**, which cuts the power of every actuator. The
# relay's state is `panel.safety_ok`: after the E-stop is released it stays `False` until **reset** (`panel.reset`)
# is pressed. Your program must **break the seal-in** when the relay trips, so that after the reset the conveyors do
# **not restart by themselves**: the operator presses start again. Complete `with_estop(line, t, m)`: as 3-2, plus:
# while `panel.safety_ok` is `False` both conveyors are off and the running state is cleared; the green lamp
# `stack_light.green` shows running, the red lamp `stack_light.red` shows that `panel.safety_ok` is `False`.
# Hint: why `panel.safety_ok` and not `panel.estop`? Think of the moment the E-stop is released but not yet reset.


# %%
def with_estop(line, t, m):
    ### BEGIN SOLUTION
    ok = line.panel.safety_ok
    if line.panel.start:
        m["run"] = True
    if line.panel.stop or not ok:
        m["run"] = False
    line.conveyor1.run = m["run"]
    line.conveyor2.run = m["run"]
    line.stack_light.green = m["run"]
    line.stack_light.red = not ok
    ### END SOLUTION


# %%
result = factorylab.check(with_estop, "seal_in")
result

# %% [markdown]
# ## 과제 3-4. 타워램프 규칙과 과부하 고장 (20분) / Exercise 3-4. Stack light rule and an overload fault (20 min)
#
# 타워램프(시그널 타워)는 멀리서도 라인의 상태를 알려 줍니다. 이 라인의 규칙은 다음과 같습니다. **언제나 한 개만**
# 켜집니다.
#
# | 램프 | 켜는 때 |
# |---|---|
# | 녹색등 `stack_light.green` | 운전 중 (운전 명령이 켜져 있음) |
# | 황색등 `stack_light.amber` | 정지·대기 (운전도 아니고 적색등도 아님) |
# | 적색등 `stack_light.red` | 비상정지 (`panel.safety_ok`가 `False`) 또는 **고장** |
#
# **고장**: 컨베이어에 부품이 걸리면 모터 전류가 커지고, 얼마 뒤 모터의 **과부하 계전기**(THR/EOCR)가 동작해 모터를
# 멈춥니다 (`conveyor1.overload` 또는 `conveyor2.overload`가 1). 이 계전기는 모터가 식으면(약 45초) **저절로
# 복귀**합니다. 그때 운전 명령이 아직 켜져 있으면 컨베이어가 **저절로 다시 돕니다**: 위험합니다. 그래서 과부하는
# 정지 버튼처럼 **자기유지를 끊어야** 합니다. 과부하 계전기가 복귀하면 적색등이 꺼지고 황색등(대기)이 켜지며,
# 작업자가 기동을 눌러야 다시 돕니다. 과부하 중에는 기동을 눌러도 돌면 안 됩니다.
#
# `tower_lamp(line, t, m)`을 완성하세요: 과제 3-3의 회로에 고장을 넣고, 세 램프를 규칙대로 켭니다.
#
# **힌트**: 먼저 `고장 = 컨베이어1 과부하 또는 컨베이어2 과부하`를 만들고, 운전 조건과 적색등 조건에 넣으세요.
# 램프 세 개는 모두 매 스캔 True나 False로 씁니다.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 적색등 조건을 먼저 한 변수(`red`)로 만들면 황색등은 "운전도 아니고 `red`도 아님"으로 짧게 쓸 수 있습니다.
#
# Make the red condition one variable (`red`) first: amber is then "not running and not `red`".
# </details>
#
# A stack light shows the line's state from far away. The rule of this line: **exactly one lamp** is on. Green:
# running (the run command is on). Amber: stopped and ready (not running, not red). Red: E-stop (`panel.safety_ok` is
# `False`) or a **fault**. The fault: a part jams, the motor current rises and after a while the motor's **thermal
# overload relay** trips and stops the motor (`conveyor1.overload` or `conveyor2.overload` reads 1). The relay
# **resets by itself** when the motor has cooled (about 45 s): if the run command is still on then, the belt
# **starts by itself**, which is dangerous. So an overload must **break the seal-in**, like stop. When the relay has
# reset, red goes off, amber (ready) comes on, and the line runs again only when start is pressed; during the
# overload start must not run it. Complete `tower_lamp(line, t, m)`: the circuit of 3-3 with the fault, and the three
# lamps by the rule. Hint: make `fault = overload of conveyor1 or of conveyor2` and use it in the run condition and
# the red lamp; write all three lamps in every scan.


# %%
def tower_lamp(line, t, m):
    ### BEGIN SOLUTION
    ok = line.panel.safety_ok
    fault = line.conveyor1.overload or line.conveyor2.overload
    if line.panel.start:
        m["run"] = True
    if line.panel.stop or not ok or fault:
        m["run"] = False
    line.conveyor1.run = m["run"]
    line.conveyor2.run = m["run"]
    red = not ok or fault
    line.stack_light.green = m["run"]
    line.stack_light.red = red
    line.stack_light.amber = not m["run"] and not red
    ### END SOLUTION


# %% [markdown]
# 선생님 역할도 해 봅시다: 공급기를 켜 두고 기동한 뒤, 컨베이어1에 부품이 걸리게 합니다(`line.plant`는 선생님과
# 검사가 쓰는 고장 주입 창구입니다). 150초를 빨리감기로 돌리고 그래프를 봅니다: 과부하 계전기가 언제 동작하고
# 언제 복귀하나요? 램프는 어떻게 바뀌나요? 복귀한 뒤 컨베이어가 다시 돌았나요?
#
# Play the teacher: keep the feeder on, start, and jam conveyor1 (`line.plant` is where teachers and checks inject
# faults). Run 150 s fast-forward and look at the plot: when does the overload relay trip and reset, how do the lamps
# change, did the belts restart after the reset?

# %%
line = factorylab.connect(scenario="conveyor")
line.feeder.run = True  # the feeder places parts (this lab's controllers leave it alone)
line.press("start")
line.plant.inject_fault("jam", "conveyor1")
watch = ["conveyor1.overload", "conveyor1.run", "stack_light.green", "stack_light.amber", "stack_light.red"]
result = factorylab.run(tower_lamp, line, seconds=150, record=watch, record_every=0.5)
result.plot()

# %%
result = factorylab.check(tower_lamp, "stack_light")
result

# %% [markdown]
# ## 4. 실시간 시뮬레이터에서 확인 / On the live simulator
#
# 다른 터미널에서 `factorylab sim --scenario conveyor`를 실행하거나(`factorylab start`로 띄웠다면 `--scenario
# conveyor`를 붙여서) `LIVE = True`로 바꾸세요. 같은 함수가 Modbus로 시뮬레이터를 움직입니다. 시뮬레이터 창에서
# 실시간으로 버튼과 비상정지를 눌러 보고(리셋은 `R` 키), `F` 키의 고장 메뉴로 컨베이어 걸림을 넣어 보세요.
#
# Run `factorylab sim --scenario conveyor` in another terminal (or `factorylab start --scenario conveyor`) and set
# `LIVE = True`: the same function drives the simulator over Modbus. Press the buttons and the E-stop in its window
# (reset: the `R` key) and jam a conveyor from the fault menu (`F` key).

# %%
LIVE = False
if LIVE:
    live_line = factorylab.connect("127.0.0.1:5020")
    live_line.feeder.run = True
    factorylab.run(tower_lamp, live_line, seconds=300)

# %% [markdown]
# ## 5. 분석 질문 / Questions
#
# 1. 예측 질문 1~3의 답을 다시 보세요. 무엇이 맞았고 무엇이 틀렸나요? 이유를 **스캔**으로 설명해 보세요.
# 2. 과제 3-2에서 `if` 두 개의 순서를 바꾸면 어떻게 되나요? 래더에서 정지 우선은 무엇으로 정해지나요?
# 3. 안전 릴레이가 이미 구동기의 전원을 끊는데, 왜 프로그램에서도 자기유지를 끊어야 하나요?
# 4. 과부하 계전기가 저절로 복귀하는 것은 왜 편리하고, 왜 위험할 수 있나요?
# 5. 적색등과 황색등이 함께 켜지면 멀리 있는 작업자는 무엇을 헷갈릴까요?
#
# 1. Look at your predictions again: which were right, and why, in terms of the **scan**? 2. What happens in 3-2 when
# the two `if` statements swap places, and what decides stop priority in ladder? 3. The safety relay already cuts the
# power: why must the program break the seal-in too? 4. Why is a relay that resets by itself handy, and why can it be
# dangerous? 5. What would an operator far away misread if red and amber were on together?
#
# ## 6. 더 해 보기 / Going further
#
# - 고장이 나면 부저(`stack_light.buzzer`)를 3초 동안 울리세요: `from factorylab import plc` 뒤에 `plc.TP(3.0)`을
#   컨트롤러 밖에서 한 번 만들어 씁니다.
# - 정지·대기 중 황색등을 1초마다 깜빡이게 해 보세요 (`t`나 `plc.TON` 두 개로).
# - 교사용 자료의 래더를 XG5000이나 GX Works에 그려 보고, 파이썬 함수와 한 줄씩 비교해 보세요.
#
# - Sound the buzzer (`stack_light.buzzer`) for 3 s at a fault: `from factorylab import plc`, then make `plc.TP(3.0)`
#   once, outside the controller.
# - Blink the amber lamp once a second while stopped (from `t`, or with two `plc.TON`).
# - Draw the ladder of the teacher pack in XG5000 or GX Works and compare it rung by rung with your function.
