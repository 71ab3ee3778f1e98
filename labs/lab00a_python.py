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
#     id: python_for_the_line
#     unit: 0
#     hours: 1
#     checks: [lamp_follows_button]
#     title_ko: 라인을 위한 파이썬
#     title_en: Python for the line
# ---

# %% [markdown]
# # 실습 0-1. 라인을 위한 파이썬
#
# 이 과정의 실습은 모두 파이썬으로 합니다. 처음 프로그래밍을 하는 사람도 괜찮습니다: 이 실습에서는 라인을 움직이는 데
# 꼭 필요한 것만 씁니다. 값에 이름 붙이기(변수), 비교하고 고르기(`if`), 조건 묶기(`and`, `or`, `not`), 그리고
# 함수입니다. 마지막에는 기동 버튼을 누르는 동안 녹색등이 켜지는 프로그램을 직접 만듭니다.
#
# **교육목표**
# 1. 주피터 노트북에서 셀을 실행하고, 실행 순서가 결과를 바꾼다는 것을 안다.
# 2. 라인의 태그 다섯 개를 읽어 변수에 담고, 비교(`>`, `==`)와 `if`, `and`·`or`·`not`으로 판단한다.
# 3. 입력(버튼, 센서: 읽기 전용)과 출력(램프, 모터: 쓰기)을 구별한다.
# 4. 스캔마다 호출되는 함수 `controller(line, t)`로 타워램프를 켜고 검사를 통과한다.
#
# ---
#
# # Lab 0-1. Python for the line
#
# Every lab of this course is in Python, and you need no programming yet: this lab uses only what driving the
# line takes. Names for values (variables), comparing and choosing (`if`), combining conditions (`and`, `or`,
# `not`), and functions. At the end you write a program that lights the green lamp while the start button is held.
#
# **Objectives**
# 1. Run the cells of a Jupyter notebook and know that the order you run them in matters.
# 2. Read five tags of the line into variables; decide with comparisons (`>`, `==`), `if`, `and`, `or`, `not`.
# 3. Tell inputs (buttons, sensors: read-only) from outputs (lamps, motors: written).
# 4. Light the stack light from a function called every scan, `controller(line, t)`, and pass its check.

# %% [markdown]
# ## 1. 주피터 사용법 / Using Jupyter
#
# 회색 칸 하나가 **셀**입니다. 셀을 누르고 **Shift+Enter**를 누르면 실행되고, 결과가 바로 아래에 나옵니다. 셀은 위에서
# 아래로 차례대로 실행하세요. 중간에 꼬이면 메뉴의 **Kernel → Restart Kernel and Run All Cells**로 처음부터 다시
# 실행합니다. `#` 뒤의 글은 **주석**입니다: 파이썬은 읽지 않고 사람만 읽습니다.
#
# A grey box is a **cell**. Click it and press **Shift+Enter**: it runs and its result appears below it. Run the
# cells from top to bottom; if things get muddled, **Kernel → Restart Kernel and Run All Cells** starts again. Text
# after `#` is a **comment**: Python skips it, people read it.

# %%
import factorylab  # FactoryLab을 불러옵니다 / load FactoryLab

print("안녕하세요, 라인! / Hello, line!")  # print shows a value
1 + 2 * 3

# %% [markdown]
# ## 2. 장치와 태그 / Devices and tags
#
# `factorylab.connect()`는 이 노트북 안에서 도는 가상 라인을 만듭니다 (빨리감기). 라인의 값 하나하나를 **태그**라고
# 부르고, 태그 이름은 `장치.항목` 모양입니다. 아래 표는 태그 표(`factorylab tags`)에서 바로 읽어 온 것입니다.
# **입력**은 라인이 프로그램에 알려 주는 값(버튼, 센서, 측정값)이고, **출력**은 프로그램이 라인에 쓰는 값(램프, 모터)입니다.
#
# `factorylab.connect()` makes a virtual line that runs inside this notebook (fast-forward). Each value of the line
# is a **tag**, named `device.item`. The table below is read straight from the tag table (`factorylab tags`).
# **Inputs** are what the line tells the program (buttons, sensors, measurements); **outputs** are what the program
# writes to the line (lamps, motors).

# %%
line = factorylab.connect(scenario="line")
TAGS = [
    "panel.start",
    "conveyor1.photo_eye_exit",
    "oven.temperature",
    "tank.level",
    "production.parts_out",
    "stack_light.green",
    "stack_light.amber",
]
for name in TAGS:
    tag = line.info(name).tag
    kind = "출력 / output" if tag.writable else "입력 / input "
    print(f"{name:26} {tag.notation}  {kind}  {tag.unit or '-':5} {tag.description_ko}")

# %% [markdown]
# 태그 하나를 자세히 보려면 `line.info("이름")`을 씁니다. 단위, 범위, 읽기 전용인지, Modbus 주소가 나옵니다.
#
# `line.info("name")` tells you everything about one tag: unit, range, whether it is read-only, its Modbus address.

# %%
line.info("panel.start")

# %% [markdown]
# ## 3. 예측 질문 / Predict first
#
# 아래 셀을 실행하기 전에 짝과 예측해 보세요. 지금 아무도 기동 버튼을 누르지 않았습니다. `line.panel.start`의 값은
# 무엇일까요? 라인은 방금 켜졌습니다. 오븐 온도(`oven.temperature`)는 몇 °C쯤일까요? 배출된 부품 수는요?
#
# Before you run the next cell, predict with a partner: nobody is pressing start, so what is `line.panel.start`?
# The line has just been switched on: about how hot is the oven? How many parts have left?

# %% [markdown]
# ## 4. 변수: 값에 이름 붙이기 / Variables: names for values
#
# `이름 = 값`은 "오른쪽 값을 왼쪽 이름에 담아라"는 뜻입니다(**대입**). 수학의 "같다"가 아닙니다. 태그는 `line.장치.항목`으로
# 읽습니다.
#
# `name = value` means "put the value on the right into the name on the left" (**assignment**), not "is equal".
# Read a tag with `line.device.item`.

# %%
start = line.panel.start
eye = line.conveyor1.photo_eye_exit
temperature = line.oven.temperature
level = line.tank.level
parts_out = line.production.parts_out
print("기동 버튼 / start:", start)
print("광전센서 / photo-eye:", eye)
print("오븐 온도 / oven:", temperature, "°C")
print("탱크 수위 / tank:", level, "mm =", level / 1000, "m")
print("배출한 부품 / parts out:", parts_out)

# %% [markdown]
# `True`(참)와 `False`(거짓)는 켜짐/꺼짐, 1/0과 같습니다. 버튼을 눌러 봅시다. `line.press("start", 2)`는 작업자가 기동
# 버튼을 2초 동안 누르는 것이고, `factorylab.run(...)`은 라인의 시간을 흘려보냅니다. 아래 `controller`는 아무것도 하지
# 않는 프로그램입니다(`pass`). 1초 뒤에는 버튼이 눌려 있을까요?
#
# `True` and `False` are on/off, 1/0. Press the button: `line.press("start", 2)` is the operator holding start for
# 2 s, and `factorylab.run(...)` lets the line's time go by. The `controller` below does nothing (`pass`). Is the
# button held 1 s later?


# %%
def do_nothing(line, t):
    pass


line.press("start", 2)
factorylab.run(do_nothing, line, seconds=1)
print("1초 뒤 / after 1 s:", line.panel.start, " 오븐 / oven:", line.oven.temperature, "°C")
factorylab.run(do_nothing, line, seconds=2)
print("3초 뒤 / after 3 s:", line.panel.start)

# %% [markdown]
# ## 5. 비교와 `if`: 고르기 / Comparing and choosing with `if`
#
# 비교는 `True`나 `False`를 줍니다: `>` 큼, `<` 작음, `>=` 크거나 같음, `==` **같음**, `!=` 다름.
# **`=` 하나는 값을 담고(대입), `==` 둘은 같은지 묻습니다(비교).** `if 조건:` 아래에 네 칸 들여 쓴 줄은 조건이
# `True`일 때만 실행되고, `else:` 아래는 아닐 때 실행됩니다. 줄 끝의 `:`와 들여쓰기를 빼먹지 마세요.
#
# A comparison gives `True` or `False`: `>`, `<`, `>=`, `==` (**equal**), `!=`. **One `=` stores a value
# (assignment); two `==` ask whether two values are equal (comparison).** The lines indented by four spaces under
# `if condition:` run only when it is `True`; those under `else:` run when it is not. Mind the `:` and the indent.

# %%
temperature = line.oven.temperature
print(temperature > 200, temperature == 25, line.production.parts_out == 0)

if temperature >= 210:
    print("오븐이 뜨겁습니다: 부품을 보내도 됩니다 / the oven is hot: parts may go")
else:
    print("오븐이 아직 차갑습니다: 부품이 물러집니다 / the oven is still cold: parts would come out soft")

# %% [markdown]
# 숫자 `210`을 `20`으로 바꾸고 다시 실행해 보세요. `if temperature = 210:`처럼 `=`를 하나만 쓰면 어떻게 될까요? 써 보고,
# 나오는 빨간 메시지(`SyntaxError`)를 읽은 뒤 되돌려 놓으세요.
#
# Change `210` to `20` and run it again. What happens with one `=` (`if temperature = 210:`)? Try it, read the red
# message (`SyntaxError`), then put it back.
#
# ## 6. `and`, `or`, `not`: 조건 묶기 / Combining conditions
#
# * `A and B`: 둘 다 참일 때만 참 (안전 릴레이 정상 **그리고** 오븐이 뜨거움)
# * `A or B`: 하나라도 참이면 참 (컨베이어1 끝 **또는** 컨베이어2 끝에 부품)
# * `not A`: 반대 (버튼이 눌려 있지 **않음**)
#
# `A and B` is true only when both are; `A or B` when at least one is; `not A` is the opposite.

# %%
ready = line.panel.safety_ok and line.oven.temperature >= 210
part_at_an_exit = line.conveyor1.photo_eye_exit or line.conveyor2.photo_eye_exit
not_pressed = not line.panel.start
print("보낼 준비 / ready to feed:", ready)
print("출구에 부품 / a part at an exit:", part_at_an_exit)
print("버튼 안 눌림 / button not pressed:", not_pressed)

# %% [markdown]
# ## 7. 함수: 판단에 이름 붙이기 / Functions: a name for a decision
#
# `def 이름(입력):`으로 함수를 만들고, `return`으로 답을 돌려줍니다. 한 번 만들면 몇 번이든 부를 수 있습니다.
# 라인의 프로그램도 함수입니다: FactoryLab이 **스캔마다(0.05초마다) 호출되는 함수** `controller(line, t)`를 부르고,
# 그 안에서 입력을 읽고 출력을 씁니다. `t`는 라인의 시간(초)입니다. 실제 공장의 PLC도 이렇게 스캔을 반복합니다.
#
# `def name(inputs):` makes a function and `return` gives its answer; once made, call it as often as you like. The
# line's program is a function too: FactoryLab calls `controller(line, t)` **every scan (every 0.05 s)**, and it reads
# inputs and writes outputs. `t` is the line's time, s. A real PLC repeats its scan in the same way.


# %%
def oven_ready(temperature):
    """True when the oven is hot enough to harden parts (210 °C or more)."""
    return temperature >= 210


print(oven_ready(25.0), oven_ready(215.5), oven_ready(line.oven.temperature))

# %% [markdown]
# ## 8. 입력은 읽고, 출력은 쓴다 / Read inputs, write outputs
#
# 출력 태그에는 `=`로 값을 씁니다: `line.stack_light.green = True`. 입력 태그는 읽기만 할 수 있습니다. 기동 버튼은
# 작업자의 손가락이 누르는 것이지, 프로그램이 누르는 것이 아니기 때문입니다. 빈 셀에 `line.panel.start = True`를 써서
# 실행해 보세요: FactoryLab이 "읽기 전용 입력"이라고 알려 줍니다. (주소표에서 입력은 입력 비트·입력 레지스터, 출력은
# 코일·홀딩 레지스터입니다.)
#
# Write an output tag with `=`: `line.stack_light.green = True`. Input tags can only be read: the start button is
# pressed by the operator's finger, not by the program. Try `line.panel.start = True` in an empty cell: FactoryLab
# says it is a read-only input. (In the register map inputs are discrete inputs and input registers; outputs are
# coils and holding registers.)

# %%
line.stack_light.amber = True  # an output: the program may write it
print("황색등 / amber:", line.stack_light.amber, " 녹색등 / green:", line.stack_light.green)

# %% [markdown]
# ## 9. 과제 0-1: 버튼을 따르는 타워램프 (15분) / Exercise 0-1: a stack light that follows the button (15 min)
#
# 스캔마다 호출되는 함수 `controller(line, t)`를 완성하세요.
#
# * 기동 버튼(`panel.start`)을 **누르고 있는 동안** 녹색등(`stack_light.green`)을 켭니다.
# * 누르지 **않는** 동안에는 황색등(`stack_light.amber`)을 켭니다. 두 램프가 함께 켜지는 때는 없습니다.
# * 버튼에서 손을 떼면 녹색등은 바로 꺼집니다 (기억하지 않습니다: 기억하는 회로인 자기유지는 3단원에서 배웁니다).
#
# **힌트**: 스캔마다 지금 버튼 값을 읽어서 램프에 쓰면 됩니다. 램프 하나에 한 줄씩, 두 줄이면 충분합니다.
# `if`/`else`로 써도 좋습니다.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 녹색등 = 버튼이 눌려 있음, 황색등 = 버튼이 눌려 있지 **않음**. 값을 쓸 때는 `=` 하나입니다.
#
# Green lamp = the button is pressed; amber lamp = the button is **not** pressed. Writing a value takes one `=`.
# </details>
#
# Complete `controller(line, t)`, called every scan: the green lamp (`stack_light.green`) is on **while** start
# (`panel.start`) is held; the amber lamp (`stack_light.amber`) is on while it is **not**; never both. Letting go of
# the button switches green off at once (nothing is remembered: the seal-in that remembers comes in unit 3).
# **Hint**: in every scan read the button and write the lamps, one line per lamp (or `if`/`else`).


# %%
def controller(line, t):
    ### BEGIN SOLUTION
    line.stack_light.green = line.panel.start
    line.stack_light.amber = not line.panel.start
    ### END SOLUTION


# %% [markdown]
# ## 10. 검사 / Check
#
# 검사는 여러분의 `controller`를 숨은 조건 6가지에서 돌립니다. 조건마다 작업자가 버튼을 누르는 시각과 길이가 다릅니다
# (짧게 톡, 길게 꾹, 두 번 빠르게, 정지나 리셋만 누르기). 통과하지 못하면 무엇이 언제 틀렸는지 알려 주고,
# `result.plot()`으로 버튼, 여러분의 램프, 기대한 램프(회색 띠)를 그래프로 볼 수 있습니다.
#
# The check runs your `controller` on 6 hidden runs; in each the operator presses at other times and for other
# lengths (a tap, a long hold, a double press, stop or reset alone). If it does not pass it tells you what went wrong
# and when; `result.plot()` draws the buttons, your lamps and the expected lamps (grey bands).

# %%
result = factorylab.check(controller, "lamp_follows_button")
result

# %% [markdown]
# ## 11. 직접 돌려 보기 / Watch it run
#
# 작업자 역할을 해 봅시다: 1초 뒤에 기동 버튼을 1.5초 동안 누릅니다. 0.25초마다 기록한 표에서 `panel.start`와
# 녹색등, 황색등을 비교해 보세요.
#
# Be the operator: after 1 s hold start for 1.5 s. Compare `panel.start` with the lamps in the table, recorded every
# 0.25 s.

# %%
line = factorylab.connect(scenario="conveyor")
factorylab.run(controller, line, seconds=1)
line.press("start", 1.5)
watch = factorylab.run(
    controller,
    line,
    seconds=3,
    record=["panel.start", "stack_light.green", "stack_light.amber"],
    record_every=0.25,
)
watch.history

# %% [markdown]
# ## 12. 실시간 시뮬레이터에서 확인 / On the live simulator
#
# 다른 터미널에서 `factorylab sim --scenario conveyor`를 실행하고(또는 `factorylab start`가 띄운 시뮬레이터를 쓰고)
# 아래 `LIVE = True`로 바꿔 실행하세요. 같은 함수가 Modbus로 시뮬레이터 창의 타워램프를 움직입니다. 창의
# 기동 버튼을 마우스로 누르고 있어 보세요. 60초 동안 돕니다.
#
# Run `factorylab sim --scenario conveyor` in another terminal (or use the simulator `factorylab start` opened) and
# set `LIVE = True`: the same function drives the stack light in the simulator's window over Modbus. Hold the
# window's start button with the mouse. It runs for 60 s.

# %%
LIVE = False
if LIVE:
    live_line = factorylab.connect("127.0.0.1:5020")
    factorylab.run(controller, live_line, seconds=60)

# %% [markdown]
# ## 13. 분석 질문 / Questions
#
# 1. `line.stack_light.green == line.panel.start`라고 쓰면 램프가 켜지지 않습니다. 왜일까요?
# 2. 기동 버튼은 입력이고 녹색등은 출력입니다. 이 라인에서 입력 두 개와 출력 두 개를 더 찾아 보세요
#    (`factorylab tags`의 "접근" 열).
# 3. 스캔이 0.05초마다 돈다면, 버튼을 0.3초 동안 누를 때 `controller`는 몇 번 호출될까요?
#
# 1. Why does `line.stack_light.green == line.panel.start` never light the lamp?
# 2. Start is an input and the green lamp an output: find two more inputs and two more outputs of the line (the
#    "access" column of `factorylab tags`).
# 3. With a scan every 0.05 s, how many times is `controller` called while the button is held for 0.3 s?
#
# ## 14. 더 해 보기 / Going further
#
# * 정지 버튼(`panel.stop`)을 누르고 있는 동안 적색등(`stack_light.red`)도 켜 보세요.
# * `def controller(line, t, m):`의 `m`(내부 릴레이, 처음에는 모두 0)에 버튼을 누른 횟수를 세어 패널의 표시기
#   `panel.display`에 보여 주세요. 힌트: 지난 스캔의 버튼 값을 `m["was"]`에 기억해 두고, 지금 눌렸는데 지난번에는
#   아니었을 때만 셉니다.
#
# * Light the red lamp (`stack_light.red`) while stop (`panel.stop`) is held.
# * Count the presses of start in `m` (`def controller(line, t, m):`, the internal relays, all 0 at first) and show the
#   count on the panel's display `panel.display`. Hint: remember last scan's button in `m["was"]` and count only
#   when it is pressed now but was not then.
