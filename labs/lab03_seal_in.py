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
#     id: seal_in
#     unit: 3
#     check: seal_in
#     title_ko: 기동/정지 자기유지와 비상정지
#     title_en: Start/stop seal-in with an E-stop
# ---

# %% [markdown]
# # 실습 3-1. 기동/정지 자기유지와 비상정지
#
# 공장의 컨베이어는 **기동 버튼**을 한 번 눌렀다 떼어도 계속 돌고, **정지 버튼**을 누르면 멈춥니다.
# 버튼에서 손을 뗀 뒤에도 "켜져 있음"을 기억하는 회로를 **자기유지(seal-in)** 라고 합니다.
# 또 **비상정지** 버튼을 누르면 안전 릴레이가 모든 구동기의 전원을 끊고, 비상정지를 풀고 **리셋**해도
# 라인이 **저절로 다시 돌면 안 됩니다**. 작업자가 기동 버튼을 다시 눌러야 합니다.
#
# **목표**
# 1. 기동 버튼(`panel.start`)을 누르면 `conveyor1.run`과 `conveyor2.run`을 켜고, 버튼을 떼도 계속 켜 둡니다.
#    운전 중에 기동을 다시 눌러도 계속 돕니다.
# 2. 정지 버튼(`panel.stop`)을 누르면 둘 다 끕니다. 기동과 정지를 함께 누르면 정지가 이깁니다(**정지 우선**).
# 3. 비상정지로 안전 릴레이가 끊기면(`panel.safety_ok` 가 `False`) 둘 다 끄고, 리셋 뒤에도 기동 버튼을 기다립니다.
# 4. 타워 램프: 컨베이어가 돌 때 초록등(`stack_light.green`), 비상정지 중에는 빨간등(`stack_light.red`).
#
# ---
#
# # Lab 3-1. Start/stop seal-in with an E-stop
#
# A conveyor keeps running after you press and release **start**, and stops when you press **stop**.
# The logic that remembers "on" after the button is let go is a **seal-in**. When the **E-stop** is pushed,
# the safety relay cuts power to every actuator; after the E-stop is released and **reset**, the line must
# **not** restart by itself: the operator presses start again.
#
# **Goals**: start latches `conveyor1.run` and `conveyor2.run` on (pressing it again keeps them on); stop switches
# them off, and wins when both are pressed (**stop priority**); an E-stop
# (`panel.safety_ok` is `False`) switches them off and they wait for start after the reset; the green lamp
# shows running, the red lamp shows the E-stop.

# %% [markdown]
# ## 1. 라인에 연결하기 / Connect to the line
#
# `factorylab.connect()` 는 이 노트북 안에서 도는 라인을 만듭니다 (빨리감기). 이 실습은 조작 패널과
# 컨베이어만 있는 `conveyor` 시나리오를 씁니다.
#
# `factorylab.connect()` makes a line that runs inside this notebook (fast-forward).

# %%
import factorylab

line = factorylab.connect(scenario="conveyor")
line.info("panel.start")

# %% [markdown]
# 태그는 장치별 속성입니다. `line.panel.` 뒤에서 Tab 을 누르면 목록이 나옵니다.
#
# Tags are attributes grouped by device; press Tab after `line.panel.` to list them.

# %%
print(line.panel.start, line.panel.stop, line.panel.safety_ok)
print(line.conveyor1.run, line.stack_light.green)

# %% [markdown]
# ## 2. 컨트롤러 작성 / Write the controller
#
# 컨트롤러는 스캔마다(0.05초) 불리는 함수 `controller(line, t)` 입니다. 힌트: 자기유지는 출력 자신을
# 조건에 넣는 것입니다. `켜짐 = (기동 또는 지금_켜짐) 그리고 정지_아님 그리고 안전_정상`
#
# A controller is a function `controller(line, t)` called every scan (0.05 s). Hint: a seal-in uses the
# output itself: `on = (start or on_now) and not stop and safety_ok`.


# %%
def controller(line, t):
    ### BEGIN SOLUTION
    safety_ok = line.panel.safety_ok
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and safety_ok
    line.conveyor1.run = run
    line.conveyor2.run = run
    line.stack_light.green = run
    line.stack_light.red = not safety_ok
    ### END SOLUTION


# %% [markdown]
# ## 3. 검사 / Check
#
# 검사는 여러분의 컨트롤러를 숨은 조건 6가지(버튼을 누르는 순서와 시각이 모두 다름)에서 돌려 보고, 무엇이
# 언제 잘못됐는지 알려 줍니다. 통과하지 못하면 `result.plot()`으로 입력, 여러분의 출력, 기대한 출력을 그래프로
# 볼 수 있습니다. 스캔과 스캔 사이에 기억할 값은 `def controller(line, t, m):`의 `m`(내부 릴레이)에 두면 됩니다:
# 숨은 조건마다 `m`은 비어서 시작합니다.
#
# The check runs your controller on 6 hidden runs (the buttons come in a different order and at different times)
# and tells you what went wrong and when. If it does not pass, `result.plot()` draws the inputs, your outputs and
# what was expected. Keep what a scan must remember in `m` with `def controller(line, t, m):` (the internal
# relays): every hidden run starts with an empty `m`.

# %%
result = factorylab.check(controller, "seal_in")
result

# %% [markdown]
# ## 4. 직접 돌려 보기 / Watch it run
#
# 작업자 역할도 해 봅시다: 1초 뒤 기동, 5초 뒤 정지.
#
# Be the operator: press start after 1 s and stop after 5 s.

# %%
line = factorylab.connect(scenario="conveyor")
factorylab.run(controller, line, seconds=1)
line.press("start")
factorylab.run(controller, line, seconds=4)
line.press("stop")
result = factorylab.run(
    controller, line, seconds=2, record=["panel.start", "panel.stop", "conveyor1.run"], record_every=0.5
)
result.history

# %% [markdown]
# ## 5. 실제 라인에서 / On the live line
#
# 다른 터미널에서 `factorylab sim --scenario conveyor` 를 실행하고 `LIVE = True` 로 바꾸면, 같은 함수가
# Modbus 로 시뮬레이터를 움직입니다. 시뮬레이터 창의 버튼을 눌러 보세요.
#
# Run `factorylab sim --scenario conveyor` in another terminal and set `LIVE = True`: the same function
# drives the simulator over Modbus. Press the buttons in its window.

# %%
LIVE = False
if LIVE:
    live_line = factorylab.connect("127.0.0.1:5020")
    factorylab.run(controller, live_line, seconds=60)
