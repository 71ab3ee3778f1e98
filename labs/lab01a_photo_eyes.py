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
#     id: photo_eyes
#     unit: 1
#     hours: 2
#     checks: [part_type, belt_speed, count_parts]
#     title_ko: "광전센서: 펄스 길이, 벨트 속도, 부품 세기"
#     title_en: "Photo-eyes: pulse length, belt speed, counting parts"
# ---

# %% [markdown]
# # 실습 1-1. 광전센서: 펄스 길이, 벨트 속도, 부품 세기
#
# 컨베이어 위의 **광전센서**는 부품이 빛을 가리는 동안 1, 빛이 통하는 동안 0을 냅니다. 이 0과 1의 줄(펄스)만
# 보고도 많은 것을 알 수 있습니다: 부품이 얼마나 긴지(A형인지 B형인지), 벨트가 얼마나 빠른지, 부품이 몇 개
# 지나갔는지. 이 실습에서는 세 가지를 차례로 해 봅니다.
#
# **교육목표**
# 1. 광전센서가 1인 시간과 벨트 속도로 부품의 길이를 구하고 A형(60 mm)과 B형(80 mm)을 가린다 (과제 1-1).
#    기록 간격(샘플링)이 펄스보다 길면 무엇을 놓치는지 설명한다.
# 2. 두 광전센서 사이를 지나가는 시간으로 벨트 속도(mm/s)를 잰다. 어느 에지(0→1, 1→0)를 재야 하는지 안다 (과제 1-2).
# 3. 상승 에지(`plc.R_TRIG`)로 부품 수를 세어 조작 패널의 표시기(`panel.display`)에 보여 준다 (과제 1-3).
#
# ---
#
# # Lab 1-1. Photo-eyes: pulse length, belt speed, counting parts
#
# A **photo-eye** over a conveyor gives 1 while a part blocks its beam and 0 while the light gets through. These
# pulses of 0 and 1 tell a lot: how long a part is (type A or B), how fast the belt runs, how many parts went by.
#
# **Objectives**
# 1. Work out a part's length from how long the photo-eye is 1 and the belt speed, and tell type A (60 mm) from
#    type B (80 mm) (exercise 1-1); explain what a recording interval longer than the pulse misses.
# 2. Measure the belt speed (mm/s) from the time a part takes between two photo-eyes, and know which edge
#    (0 to 1, 1 to 0) to time (exercise 1-2).
# 3. Count parts with a rising edge (`plc.R_TRIG`) and show the count on the panel's display (`panel.display`)
#    (exercise 1-3).

# %% [markdown]
# ## 장치와 태그 / Devices and tags
#
# 이 실습은 조작 패널, 공급기, 컨베이어 두 대만 있는 `conveyor` 시나리오를 씁니다. 부품은 이렇게 지나갑니다:
#
# ```
# 공급기 ─▶ 컨베이어1 (1200 mm) ───────────────────▶ 컨베이어2 (2000 mm) ───────────▶ 배출
#           ▲ 30 mm                 ▲ 1150 mm          ▲ 50 mm              ▲ 1950 mm
#           photo_eye_infeed        photo_eye_exit     photo_eye_entry      photo_eye_exit
# ```
#
# 센서의 위치, 범위, Modbus 주소는 모두 태그 표에 있습니다. 아래 셀이 태그 표에서 읽어 보여 줍니다.
#
# The `conveyor` scenario has the operator panel, the feeder and two belts. The cell below reads each sensor's
# position, range and Modbus address from the tag table.

# %%
import factorylab
from factorylab import plc

line = factorylab.connect(scenario="conveyor")
for name in [
    "conveyor1.photo_eye_infeed",
    "conveyor1.photo_eye_exit",
    "conveyor2.photo_eye_exit",
    "conveyor1.speed",
    "conveyor1.belt_speed",
    "panel.display",
    "production.parts_out",
]:
    print(line.info(name))

# %% [markdown]
# `conveyor1.speed`는 **설정값(%)**이고 `conveyor1.belt_speed`는 실제 벨트 속도(**mm/s**)입니다: 100 % = 250 mm/s.
# 부품은 A형(빨강)이 60 mm, B형(파랑)이 80 mm입니다.
#
# `conveyor1.speed` is a **setpoint (%)**, `conveyor1.belt_speed` the actual belt speed (**mm/s**): 100 % = 250 mm/s.
# Type A parts (red) are 60 mm long, type B parts (blue) 80 mm.

# %% [markdown]
# ## 예측 질문 / Predict first
#
# 종이에 먼저 답을 적고 실습을 시작하세요.
#
# 1. 광전센서 값이 1이면 센서에 빛이 **들어오고** 있을까요, **가려졌을까요**? (태그 설명을 다시 읽어 보세요.)
# 2. 벨트가 200 mm/s로 돌 때 A형 부품(60 mm)은 광전센서를 몇 초 동안 가릴까요? B형(80 mm)은요?
# 3. 벨트를 150 mm/s로 늦추면 두 시간은 어떻게 될까요? "0.35초보다 짧으면 A형"이라는 규칙은 그때도 맞을까요?
#
# Write your answers on paper first: (1) when the photo-eye reads 1, is light reaching it or is it blocked?
# (2) At 200 mm/s, how long does a type A part (60 mm) block the eye? A type B part (80 mm)? (3) What if the belt
# slows down to 150 mm/s: does "shorter than 0.35 s means type A" still work?

# %% [markdown]
# ## 과제 1-1. 펄스 길이로 부품 종류 알아내기 (25분) / Exercise 1-1. Part type from the pulse length (25 min)
#
# 먼저 벨트와 공급기를 돌리는 컨트롤러입니다. 컨트롤러는 스캔마다(0.05초) 호출되는 함수입니다.
#
# First, a controller that runs the belts and the feeder. A controller is a function called every scan (0.05 s).


# %%
def run_belts(line, t):
    line.conveyor1.run = True
    line.conveyor2.run = True
    line.feeder.run = True


# %% [markdown]
# 30초 동안 돌리면서 `conveyor1.photo_eye_exit`와 `conveyor1.belt_speed`를 기록합니다. `record_every`는 기록
# 간격(초)입니다. **먼저 그대로(1초) 실행하고** 그래프에서 펄스가 몇 개 보이는지 세어 보세요. 30초 동안 부품은
# 일곱 개쯤 지나갑니다. 그다음 `RECORD_EVERY`를 알맞게 바꾸고 다시 실행하세요.
#
# Run for 30 s and record `conveyor1.photo_eye_exit` and `conveyor1.belt_speed`; `record_every` is the time between
# rows (s). **Run it as it is first (1 s)** and count the pulses in the plot: about seven parts pass in 30 s. Then
# change `RECORD_EVERY` and run it again.
#
# <details><summary>힌트 / Hint</summary>
#
# 부품이 센서를 가리는 시간은 0.3초쯤입니다. 기록 간격이 그보다 길면 펄스 사이를 건너뛸 수 있습니다. 컨트롤러의
# 스캔은 0.05초마다입니다: 이보다 촘촘하게는 기록할 수 없습니다.
#
# A part blocks the eye for about 0.3 s; a longer interval can step over a pulse. The scan is 0.05 s: you cannot
# record more often than that.
# </details>

# %%
RECORD_EVERY = 1.0  # 기록 간격(초) / seconds between rows
### BEGIN SOLUTION
RECORD_EVERY = 0.05
### END SOLUTION
line = factorylab.connect(scenario="conveyor")
recording = factorylab.run(
    run_belts,
    line,
    seconds=30,
    record=["conveyor1.photo_eye_exit", "conveyor1.belt_speed"],
    record_every=RECORD_EVERY,
)
_ = recording.plot()

# %% [markdown]
# 펄스마다 센서가 1이었던 시간을 재는 함수입니다. 기록을 위에서부터 한 줄씩 보면서, 0→1이 된 시각을 기억해 두고
# 1→0이 되면 그 차이를 목록에 넣습니다. 읽고 실행해 보세요.
#
# This function times each pulse: it walks through the rows, remembers when the value went from 0 to 1, and when it
# goes back to 0 it adds the difference to a list. Read it and run it.


# %%
def pulse_lengths(history, tag):
    """How long (s) each pulse of an on/off tag lasted in a recording."""
    lengths = []
    start = None
    for t, value in history[tag].items():
        if value and start is None:  # 0 -> 1: a part came
            start = t
        elif not value and start is not None:  # 1 -> 0: it left
            lengths.append(round(t - start, 2))
            start = None
    return lengths


durations = pulse_lengths(recording.history, "conveyor1.photo_eye_exit")
speed = recording.history["conveyor1.belt_speed"].max()
print("펄스 시간(초) / pulse lengths (s):", durations)
print("벨트 속도 / belt speed:", speed, "mm/s")

# %% [markdown]
# 이제 `part_type(duration_s, belt_speed_mm_s)`을 완성하세요: 펄스 시간(초)과 벨트 속도(mm/s)를 받아 `"A"`나 `"B"`를
# 돌려줍니다. 검사는 숨은 실행 4개의 실제 펄스로 확인합니다. 숨은 실행마다 벨트 속도가 60~100 %로 다릅니다.
#
# Now complete `part_type(duration_s, belt_speed_mm_s)`: it gets a pulse time (s) and the belt speed (mm/s) and
# returns `"A"` or `"B"`. The check uses real pulses from 4 hidden runs, each at its own belt speed (60-100 %).
#
# <details><summary>힌트 / Hint</summary>
#
# 시간만 보는 규칙은 한 속도에서만 맞습니다. 거리 = 속도 × 시간: 펄스 시간과 벨트 속도로 **부품의 길이**를 구하면
# 속도가 바뀌어도 같은 규칙을 쓸 수 있습니다.
#
# A rule on time alone fits one speed only. Distance = speed × time: turn the pulse into the **part's length** and
# the same rule works at every speed.
# </details>
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 0.05초마다 재면 길이가 한 스캔 동안 벨트가 가는 거리(200 mm/s라면 10 mm)만큼 틀릴 수 있습니다. 그래서 60 mm나
# 80 mm에 딱 맞추지 말고, 두 길이의 **한가운데**를 기준으로 나누세요.
#
# Measured every 0.05 s, a length can be off by the distance the belt moves in one scan (10 mm at 200 mm/s): split
# at the **midpoint** of the two lengths, not at 60 or 80 mm.
# </details>


# %%
def part_type(duration_s, belt_speed_mm_s):
    """Type "A" (60 mm) or "B" (80 mm) from how long a part blocked the photo-eye (s) and the belt speed (mm/s)."""
    ### BEGIN SOLUTION
    length = duration_s * belt_speed_mm_s  # mm
    if length < 70:  # halfway between 60 mm and 80 mm
        return "A"
    return "B"
    ### END SOLUTION


# %% [markdown]
# 검사에 `result=recording`을 주면 여러분의 기록 간격도 함께 봅니다.
#
# With `result=recording` the check also looks at your recording interval.

# %%
result = factorylab.check(part_type, "part_type", result=recording)
result

# %% [markdown]
# ## 과제 1-2. 광전센서 두 개로 벨트 속도 재기 (20분) / Exercise 1-2. Belt speed from two photo-eyes (20 min)
#
# 부품은 투입부 센서(`conveyor1.photo_eye_infeed`, 30 mm)를 지나 출구 센서(`conveyor1.photo_eye_exit`, 1150 mm)에
# 닿습니다. 같은 부품이 두 센서를 지나간 시각의 차이와 두 센서 사이의 거리로 속도를 구할 수 있습니다:
# 속도 = 거리 / 시간. 새 라인에서 15초를 0.05초마다 기록하고, 두 센서의 펄스를 그래프로 보세요.
# 투입부 센서는 공급기가 부품을 내려놓는 자리 바로 아래에 있습니다.
#
# A part passes the infeed eye (30 mm) and then reaches the exit eye (1150 mm): speed = distance / time between the
# same part passing both. Record 15 s of a fresh line every 0.05 s and look at both eyes' pulses. The infeed eye
# sits right under the spot where the feeder puts the parts down.

# %%
line = factorylab.connect(scenario="conveyor")
recording2 = factorylab.run(
    run_belts,
    line,
    seconds=15,
    record=["conveyor1.photo_eye_infeed", "conveyor1.photo_eye_exit", "conveyor1.belt_speed"],
    record_every=0.05,
)
_ = recording2.plot(["conveyor1.photo_eye_infeed", "conveyor1.photo_eye_exit"])

# %% [markdown]
# `edges(history, tag)`는 한 센서의 상승 에지(0→1)와 하강 에지(1→0) 시각의 목록을 돌려줍니다.
#
# `edges(history, tag)` returns the times of a sensor's rising edges (0 to 1) and falling edges (1 to 0).


# %%
def edges(history, tag):
    """(rising, falling): the times (s) a tag went from 0 to 1 and from 1 to 0 in a recording."""
    rising, falling = [], []
    before = False
    for t, value in history[tag].items():
        if value and not before:
            rising.append(t)
        if before and not value:
            falling.append(t)
        before = value
    return rising, falling


for tag in ["conveyor1.photo_eye_infeed", "conveyor1.photo_eye_exit"]:
    rising, falling = edges(recording2.history, tag)
    print(tag, "상승/rising:", rising[:3], "하강/falling:", falling[:3])

# %% [markdown]
# `belt_speed(history)`를 완성하세요: 기록(`recording2.history`처럼 0.05초마다 두 광전센서가 든 표, 라인이 0초에
# 출발)을 받아 벨트 속도를 mm/s로 돌려줍니다. 검사는 `conveyor1.belt_speed`와 비교합니다 (±1.5 %). 숨은 기록에는
# 두 광전센서 열만 있습니다.
#
# Complete `belt_speed(history)`: it gets a recording (like `recording2.history`: both photo-eyes every 0.05 s, the
# line started at 0 s) and returns the belt speed in mm/s. The check compares it with `conveyor1.belt_speed`
# (±1.5 %); the hidden recordings hold the two photo-eye columns only.
#
# <details><summary>힌트 / Hint</summary>
#
# 같은 부품의 **같은 끝**이 두 센서를 지나간 시각을 재야 합니다. 그러면 그 끝이 간 거리는 두 센서 위치의 차이입니다.
#
# Time the **same edge** of the same part at both eyes: that edge then travels the difference of the two positions.
# </details>
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 투입부 센서의 첫 펄스를 보세요: 공급기가 부품을 센서 **위에** 내려놓으니, 0→1은 부품 앞끝이 지나간 때가 아니라
# 부품이 놓인 때입니다. 부품 뒤끝이 지나가는 1→0은 두 센서에서 모두 제대로 잴 수 있습니다.
#
# Look at the infeed eye's first pulse: the feeder puts the part down **on** the eye, so its 0 to 1 is the drop,
# not a leading edge passing. The 1 to 0 (the trailing edge passing) is a real edge at both eyes.
# </details>


# %%
def belt_speed(history):
    """conveyor1's belt speed, mm/s, from when the first part left the infeed eye and the exit eye."""
    ### BEGIN SOLUTION
    rising_in, falling_in = edges(history, "conveyor1.photo_eye_infeed")
    rising_out, falling_out = edges(history, "conveyor1.photo_eye_exit")
    distance = 1150 - 30  # mm between the two eyes
    return distance / (falling_out[0] - falling_in[0])
    ### END SOLUTION


# %%
result = factorylab.check(belt_speed, "belt_speed", result=recording2)
result

# %% [markdown]
# ## 과제 1-3. 상승 에지로 부품 세기 (20분) / Exercise 1-3. Counting parts with a rising edge (20 min)
#
# 배출부 광전센서 `conveyor2.photo_eye_exit`를 지나가는 부품을 세어 조작 패널의 4자리 표시기 `panel.display`에
# 보여 줍시다. 부품 하나가 센서를 0.3초쯤 가리는 동안 컨트롤러는 **여러 번**(0.05초마다) 호출됩니다. 그래서
# "센서가 1이면 1을 더한다"는 부품이 아니라 스캔을 셉니다. 부품마다 한 번만 세려면 센서가 0에서 1로 **바뀌는
# 스캔**(상승 에지)만 세야 합니다.
#
# `plc.R_TRIG()`는 상승 에지 검출기입니다: `edge(입력)`은 입력이 0에서 1로 바뀐 스캔에서만 `True`입니다. 블록은
# 컨트롤러 **밖에서** 한 번만 만드세요. 스캔과 스캔 사이에 기억할 값(부품 수)은 `m`(내부 릴레이)에 둡니다:
# `m["count"]`는 처음에 0입니다.
#
# Count the parts passing the outfeed photo-eye `conveyor2.photo_eye_exit` and show the count on the panel's
# four-digit display `panel.display`. While one part blocks the eye (about 0.3 s) the controller is called
# **many times** (every 0.05 s), so "add 1 while the eye is 1" counts scans, not parts. Count only the scan in
# which the eye **changes** from 0 to 1 (the rising edge). `plc.R_TRIG()` is a rising-edge detector: `edge(input)`
# is `True` only in the scan where the input went from 0 to 1. Make the block once, **outside** the controller.
# Keep what a scan must remember (the count) in `m` (the internal relays): `m["count"]` starts at 0.
#
# <details><summary>힌트 / Hint</summary>
#
# 세 줄이면 됩니다: 상승 에지이면 `m["count"]`에 1을 더하고, 스캔마다 `line.panel.display`에 `m["count"]`를 씁니다.
#
# Three lines: on a rising edge add 1 to `m["count"]`, and write `m["count"]` to `line.panel.display` in every scan.
# </details>

# %%
edge = plc.R_TRIG()


def count_parts(line, t, m):
    line.conveyor1.run = True
    line.conveyor2.run = True
    line.feeder.run = True
    ### BEGIN SOLUTION
    if edge(line.conveyor2.photo_eye_exit):
        m["count"] += 1
    line.panel.display = m["count"]
    ### END SOLUTION


# %% [markdown]
# 2분 동안 돌려 보고, 표시기의 수를 라인이 센 배출 수 `production.parts_out`과 비교해 보세요. 같나요? 다르다면
# 왜일까요? (힌트: 배출부 센서는 1950 mm, 벨트 끝은 2000 mm에 있습니다.)
#
# Run it for 2 minutes and compare the display with the line's own outfeed count `production.parts_out`. Are they
# the same? If not, why? (Hint: the outfeed eye is at 1950 mm, the end of the belt at 2000 mm.)

# %%
line = factorylab.connect(scenario="conveyor")
recording3 = factorylab.run(
    count_parts, line, seconds=120, record=["conveyor2.photo_eye_exit", "panel.display"], record_every=0.05
)
print("panel.display:", line.panel.display, " production.parts_out:", line.production.parts_out)

# %% [markdown]
# 검사는 숨은 실행 6개(각 2분쯤)에서 벨트 속도와 공급 간격을 바꾸고, 몇 번은 부품이 센서 앞에 있을 때 라인을 몇
# 초 동안 멈춥니다. 벨트와 공급기는 검사가 직접 돌리니, 여러분의 컨트롤러는 세기만 하면 됩니다. 매 스캔
# `panel.display`가 지금까지 지나간 부품 수와 같아야 합니다.
#
# The check runs 6 hidden runs (about 2 minutes each) with other belt speeds and feed intervals, and in some of them
# the line stops for a few seconds while a part is in front of the eye. The check runs the belts and the feeder
# itself: your controller only counts. In every scan `panel.display` must equal the parts that have passed so far.

# %%
result = factorylab.check(count_parts, "count_parts")
result

# %% [markdown]
# ## 실시간 시뮬레이터에서 확인 / On the live simulator
#
# 다른 터미널에서 `factorylab sim --scenario conveyor`를 실행하고(또는 `factorylab start`가 띄운 시뮬레이터에서)
# `LIVE = True`로 바꾸면, 같은 컨트롤러가 Modbus로 시뮬레이터를 움직입니다. 시뮬레이터 창의 조작 패널 표시기에
# 부품 수가 올라가는 것을 보세요. 시뮬레이터 창에서 벨트 속도를 바꿔도 수가 맞나요?
#
# Run `factorylab sim --scenario conveyor` in another terminal (or use the simulator `factorylab start` opened) and
# set `LIVE = True`: the same controller drives the simulator over Modbus. Watch the count go up on the panel's
# display in the simulator window.

# %%
LIVE = False
if LIVE:
    live_line = factorylab.connect("127.0.0.1:5020")
    factorylab.run(count_parts, live_line, seconds=60)

# %% [markdown]
# ## 분석 질문 / Questions
#
# 1. 과제 1-1에서 벨트가 200 mm/s일 때 A형 펄스가 0.30초와 0.35초 두 가지로 나왔습니다. 부품 길이는 거의 같은데
#    왜 그럴까요? 기록 간격을 0.05초보다 줄일 수 없다면, 벨트가 빠를수록 A형과 B형을 가리기가 쉬워질까요, 어려워질까요?
# 2. 과제 1-2에서 1150 mm로 나누면 답이 몇 % 틀릴까요? 검사가 ±3 %가 아니라 ±1.5 %를 쓰는 까닭은 무엇일까요?
# 3. 부품이 센서 앞에서 5초 동안 멈춰 있으면, "센서가 1이면 1을 더한다"는 컨트롤러는 몇을 더할까요?
# 4. 이 라인의 광전센서는 빛이 **가려지면** 1이 됩니다(다크 온). 빛이 **들어오면** 1이 되는 센서(라이트 온)로 바꾸면
#    펄스는 어떻게 보일까요? 부품을 세려면 어느 에지를 세야 할까요?
# 5. 표시기의 수와 `production.parts_out`이 다른 때가 있습니다. 언제, 왜 그럴까요?
#
# 1. At 200 mm/s type A pulses came out as 0.30 s and 0.35 s, though the parts are nearly the same length. Why?
#    If the interval cannot go below 0.05 s, is telling A from B easier or harder on a faster belt?
# 2. By how many % is the speed off if you divide 1150 mm? Why does the check use ±1.5 % and not ±3 %?
# 3. A part stands in front of the eye for 5 s: how much does "add 1 while the eye is 1" add?
# 4. This line's photo-eyes give 1 when the light is **blocked** (dark-on). With a light-on sensor (1 when the light
#    gets through), what do the pulses look like, and which edge counts the parts?
# 5. Sometimes the display and `production.parts_out` differ: when, and why?

# %% [markdown]
# ## 더 해 보기 / Going further
#
# - **A형과 B형 따로 세기**: 컨트롤러 안에서 센서가 1인 스캔 수를 세고, 하강 에지(`plc.F_TRIG`)에서 그 수 × 0.05초로
#   `part_type`을 불러 A형과 B형을 따로 세어 보세요 (표시기에 A × 100 + B).
# - **실시간 속도계**: 컨트롤러 안에서 두 광전센서의 하강 에지 시각으로 벨트 속도를 재서 표시기에 보여 주세요.
# - **걸림 감지의 시작**: 센서가 1초 넘게 1이면 부품이 멈춘 것입니다. 타워램프의 황색등(`stack_light.amber`)을
#   켜 보세요 (3단원에서 타이머 `plc.TON`으로 다시 합니다).
#
# - **Count A and B separately**: count the scans the eye is 1, and on the falling edge (`plc.F_TRIG`) call
#   `part_type` with that count × 0.05 s (show A × 100 + B on the display).
# - **A live speedometer**: measure the belt speed inside the controller from the falling edges of both eyes.
# - **The start of jam detection**: if the eye stays 1 for more than 1 s, a part has stopped; switch on the amber
#   lamp (`stack_light.amber`). Unit 3 does it again with the timer `plc.TON`.
