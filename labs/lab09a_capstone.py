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
#     id: capstone
#     unit: 9
#     hours: 3
#     checks: [capstone_ready]
#     title_ko: "캡스톤: 라인 전체 제어기를 팀으로 설계하고 숨은 시드로 채점받기"
#     title_en: "Capstone: a team designs the full-line controller, scored on hidden seeds"
# ---

# %% [markdown]
# # 실습 9-1. 캡스톤: 라인 전체 제어기를 팀으로 설계하고 숨은 시드로 채점받기
#
# 지금까지 배운 것을 모두 모읍니다: 기동·정지와 비상정지(3단원), 인터록, 오븐 PI(6단원), 냉각수 히스테리시스, 공구
# 교체(7단원), 검사 판정에 따른 분류(5단원), 확인이 있는 경보, 히스토리언과 대시보드(2·4단원). 팀이 만든
# `make_controller`를 선생님이 **숨은 시드** 5개(시드마다 2시간, 고장과 작업자 동작이 들어 있음)로 채점하고, 반 전체의
# 순위표를 만듭니다.
#
# **교육목표**
# 1. 라인 전체 제어기를 팀으로 설계한다: 비상정지 중에는 모든 출력이 꺼지고, STOP과 인터록을 지키며, 고장마다 경보를
#    내고 작업자의 확인(RESET)에 부저를 끈다.
# 2. 히스토리언에 기록한 자기 실행으로 대시보드를 만들고, 공개된 채점 공식의 항목(양품, OEE, 경보 정밀도·재현율, 복구
#    시간)으로 자기 제어기를 평가한다.
#
# ---
#
# # Lab 9-1. Capstone: a team designs the full-line controller, scored on hidden seeds
#
# Everything comes together: start/stop and the E-stop (unit 3), interlocks, the oven PI (unit 6), coolant hysteresis,
# tool changes (unit 7), sorting by the inspection verdict (unit 5), alarms with acknowledge, a historian and a
# dashboard (units 2 and 4). Your teacher scores your team's `make_controller` on 5 **hidden seeds** (2 hours each,
# with faults and operator actions) and makes the class leaderboard.
#
# **Objectives**
# 1. Design the full-line controller as a team: every output off during an E-stop, STOP and the interlock kept, an
#    alarm for each fault and a buzzer that the operator's acknowledge (RESET) silences.
# 2. Build a dashboard from your own run recorded by the historian and judge your controller by the components of the
#    published scoring formula (good parts, OEE, alarm precision and recall, recovery time).

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# 아래 표는 태그 표에서 바로 읽은 것입니다. 공정(오븐, 냉각수, 공구, 분류)은 앞 단원의 기준 제어기
# `make_line_controller`가 맡을 수 있습니다. 팀이 새로 쓰는 것은 안전, 운전, 경보입니다.
#
# The table below is read from the tag table. The process (oven, coolant, tool, sorting) can be left to the reference
# controller of the earlier units, `make_line_controller`; what your team writes anew is safety, operation and alarms.

# %%
import matplotlib.pyplot as plt

import factorylab
from factorylab import capstone, plc
from factorylab.control.reference import make_line_controller
from factorylab.labs.lab09a_capstone_checks import practice_line, run_team

MY_SEED = 1  # 팀 번호 / your team's number

line = factorylab.connect(scenario="line", seed=MY_SEED)
for name in [
    "panel.start",
    "panel.stop",
    "panel.reset",
    "panel.safety_ok",
    "feeder.run",
    "conveyor1.running",
    "conveyor1.current",
    "conveyor1.overload",
    "conveyor2.photo_eye_exit",
    "sorter.photo_eye",
    "cnc.failed",
    "cnc.tool_change_required",
    "stack_light.red",
    "stack_light.buzzer",
]:
    tag = line.info(name).tag
    print(f"{name:26} {tag.unit or '-':4} {tag.description_ko}")

# %% [markdown]
# ## 2. 예측 질문 / Prediction
#
# 비상정지 버튼이 눌리면 안전 릴레이가 구동기의 전원을 끊습니다. 그런데도 채점 공식은 비상정지 중 출력이 하나라도
# 켜져 있으면 그 시드를 0점으로 합니다. 왜 그럴까요? 답을 적어 두고 분석 질문에서 다시 보세요.
#
# When the E-stop is pushed, the safety relay cuts the actuators' power. Still, the formula scores a seed 0 if any
# output is on during an E-stop. Why? Write your answer down and come back to it in the questions.

# %% [markdown]
# ## 과제 9-1. 팀 설계: 라인 전체 제어기 (2시간) / Exercise 9-1. Team design: the full-line controller (2 h)
#
# 역할을 나누세요: **안전·운전** (비상정지, 기동·정지 자기 유지, 인터록), **공정** (오븐, 냉각수, 공구, 분류),
# **경보** (고장 찾기, 부저와 확인), **데이터** (히스토리언, 대시보드, 채점 결과 읽기). `make_controller()`를 완성하세요.
# 인자가 없고, 호출할 때마다 **새** 제어기 `controller(line, t, m)`를 돌려줍니다 (시드마다 처음부터 시작).
#
# 채점에서 작업자는 이렇게 합니다: 시작 몇 초 뒤 START, 중간에 STOP 뒤 START, 비상정지를 눌렀다 풀고 RESET 뒤 START,
# 배출구 막힘. 고장: 컨베이어 걸림(전류가 오르고 과부하 계전기가 떨어짐), 광전 센서 고착(센서가 오래 켜져 있음), 히터
# 열화, 공구 파손(`cnc.failed`, `cnc.tool_change_required`). 경보는 `stack_light.red`(고장이 있는 동안)와
# `stack_light.buzzer`(새 경보부터 작업자가 RESET으로 확인할 때까지)입니다.
#
# Split the roles: **safety and operation** (E-stop, start/stop seal-in, interlock), **process** (oven, coolant, tool,
# sorting), **alarms** (finding faults, buzzer and acknowledge), **data** (historian, dashboard, reading the score).
# Complete `make_controller()`: it takes no arguments and returns a **new** controller `controller(line, t, m)` each
# time it is called (every seed starts from scratch).
#
# In the scoring the operator presses START a few seconds in, later STOP then START, pushes and releases the E-stop and
# presses RESET then START, and blocks the outfeed. Faults: conveyor jams (the current rises, then the overload relay
# trips), stuck photo eyes (a sensor on for long), heater degradation, tool breakage (`cnc.failed`,
# `cnc.tool_change_required`). The alarm is `stack_light.red` (while there is a fault) and `stack_light.buzzer` (from a
# new alarm until the operator acknowledges with RESET).
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 공정은 `process = make_line_controller()`로 만들고 스캔마다 `process(line, t)`를 부른 **뒤에** 여러분의 안전 규칙을
# 쓰세요: 나중에 쓴 값이 출력이 됩니다. 걸림: 짐이 많은 벨트도 3 A 가까이 쓰니, 전류 기준과 `plc.TON`을 함께 쓰세요.
#
# Make the process with `process = make_line_controller()` and write your safety rules **after** calling
# `process(line, t)` in every scan: the value written last is the output. Jams: a loaded belt draws nearly 3 A too, so
# combine a current limit with a `plc.TON`.
#
# </details>


# %%
def make_controller():
    """A new full-line controller controller(line, t, m) (one per hidden seed)."""
    ### BEGIN SOLUTION
    process = make_line_controller()
    jam = plc.TON(1.0)
    stuck = plc.TON(5.0)

    def controller(line, t, m):
        panel = line.panel
        safe = panel.safety_ok
        process(line, t)
        # safety and operation: seal-in; STOP or a tripped safety relay stops (START needed again)
        m["run"] = (panel.start or m["run"]) and not panel.stop and safe
        if not m["run"]:
            line.feeder.run = line.conveyor1.run = line.conveyor2.run = line.cnc.run = False
        if not safe:
            line.sorter.extend = False
            line.oven.heater = 0
            line.tank.inflow = 0
        if not line.conveyor1.running:
            line.feeder.run = False  # interlock
        # alarms: faults the tags show
        c1, c2 = line.conveyor1, line.conveyor2
        heavy = (c1.current > 3.3 and not c1.photo_eye_exit) or c2.current > 3.3 or c1.overload or c2.overload
        fault = jam(heavy, t) or stuck((c2.photo_eye_exit or line.sorter.photo_eye) and c2.running, t)
        fault = fault or line.cnc.failed or line.cnc.tool_change_required
        if fault and not m["fault"]:
            m["acked"] = False  # a new alarm
        if panel.reset:
            m["acked"] = True  # the operator acknowledged
        m["fault"] = fault
        line.stack_light.red = fault or not safe
        line.stack_light.buzzer = fault and not m["acked"]

    return controller
    ### END SOLUTION


# %%
result = factorylab.check(make_controller, "capstone_ready")
result

# %% [markdown]
# ### 히스토리언과 대시보드 / Historian and dashboard
#
# `practice_line(MY_SEED)`은 고장과 작업자 동작이 들어 있는 연습 라인입니다 (오븐은 데워져 있음). 20분을 돌려
# 히스토리언 파일 `capstone_run.sqlite`에 기록하고, 대시보드에 부품 수, 오븐 온도, 경보를 그립니다.
#
# `practice_line(MY_SEED)` is a practice line with faults and operator actions (the oven warm). Run it for 20 minutes
# into the historian file `capstone_run.sqlite` and draw a dashboard of parts, oven temperature and alarms.

# %%
practice = practice_line(MY_SEED)
record = ["production.parts_out", "oven.temperature", "stack_light.red", "stack_light.buzzer", "panel.safety_ok"]
run = run_team(make_controller, practice, 1200, record=record, store="capstone_run.sqlite")
history = run.history
figure, axes = plt.subplots(3, 1, figsize=(8, 6), sharex=True)
axes[0].plot(history.index, history["production.parts_out"])
axes[0].set_ylabel("배출 부품 / parts out")
axes[1].plot(history.index, history["oven.temperature"], color="tab:red")
axes[1].set_ylabel("오븐 °C / oven °C")
axes[2].step(history.index, history["stack_light.red"], label="적색등 / red")
axes[2].step(history.index, history["stack_light.buzzer"], label="부저 / buzzer")
axes[2].step(history.index, 1 - history["panel.safety_ok"], label="비상정지 / E-stop")
axes[2].set_ylabel("경보 / alarm")
axes[2].set_xlabel("시간 t (s) / time t (s)")
axes[2].legend(loc="upper right")
figure.suptitle("팀 대시보드 / team dashboard")
print(run.summary())

# %% [markdown]
# ### 연습 채점 / Practice scoring
#
# 공개된 연습 시드로 채점 공식 그대로 점수를 봅니다. 수업 중에는 `hours=0.5`로 빨리 보고, 마지막에 `hours=2`로 한 번
# 돌려 보세요 (기준 제어기와 여러분의 제어기를 각각 2시간씩 돌리므로 몇십 초 걸립니다).
#
# Score on the public practice seeds with the very formula of the hidden scoring. In class use `hours=0.5` to see it
# quickly; at the end run `hours=2` once (the reference and your controller each run 2 hours: some tens of seconds).

# %%
practice_score = capstone.practice(make_controller, hours=0.5, seeds=1)
practice_score

# %% [markdown]
# ## 과제 9-2. 숨은 시드 채점 (1시간, 선생님) / Exercise 9-2. Hidden-seed scoring (1 h, teacher-run)
#
# 팀 파일을 `teams/<팀 이름>.py`로 내세요: 위의 `make_controller`와 그것이 쓰는 `import`만 담습니다. 선생님은 한 명령으로
# 반 전체를 채점합니다 (팀마다 숨은 시드 5개 x 2시간):
#
# ```
# factorylab capstone score teams --secret-file secret.txt --out results
# ```
#
# `results/leaderboard.html`(순위표)과 `leaderboard.csv`가 나옵니다. 항목마다 점수를 읽고, 가장 많이 잃은 항목부터
# 고치세요. 비상정지 중 출력이 켜진 시드는 0점이며, 순위표에 그 시간과 태그가 적혀 있습니다. 공식의 배점:
#
# Hand in your team file as `teams/<team name>.py`: only the `make_controller` above and the `import`s it needs. Your
# teacher scores the class with one command (5 hidden seeds x 2 h per team) and gets `results/leaderboard.html` and
# `leaderboard.csv`. Read the points per component and fix the one where you lost most first. A seed with an output on
# during an E-stop scores 0; the leaderboard gives the time and the tag. The formula's points:

# %%
for key, points in capstone.POINTS.items():
    print(f"{key:10} {points:5.0f}")
print("E-stop output -> 0 for that seed; interlock / STOP ignored -> -5 each")

# %% [markdown]
# ## 3. 실시간 시뮬레이터에서 확인 / On the live simulator
#
# 다른 터미널에서 `factorylab sim --scenario line`을 실행하고(또는 `factorylab start`가 띄운 시뮬레이터를 쓰고)
# `LIVE = True`로 바꾸세요. 시뮬레이터 창에서 START, STOP, 비상정지, RESET을 직접 눌러 보고 F 메뉴로 고장을 넣어
# 경보를 확인하세요.
#
# Run `factorylab sim --scenario line` in another terminal (or use the simulator `factorylab start` opened) and set
# `LIVE = True`. Press START, STOP, the E-stop and RESET in the simulator window yourself and inject faults from the
# F menu to see your alarms.

# %%
LIVE = False
if LIVE:
    live_line = factorylab.connect("127.0.0.1:5020")
    live = factorylab.run(make_controller, live_line, seconds=600, live=["stack_light.red", "stack_light.buzzer"])

# %% [markdown]
# ## 4. 분석 질문 / Questions
#
# 1. 예측 질문으로 돌아가세요: 전원이 끊겨도 출력을 꺼야 하는 까닭은 무엇인가요? (RESET 뒤에 무슨 일이 생길까요?)
# 2. 여러분의 경보 정밀도와 재현율은 얼마인가요? 하나를 올리면 다른 하나는 어떻게 되나요?
# 3. 기준 제어기보다 복구가 늦은 일화는 어느 것인가요? 대시보드에서 그 시간을 찾아 까닭을 설명하세요.
#
# 1. Back to the prediction: why must the outputs go off although the power is cut? (What would happen after RESET?)
# 2. What are your alarm precision and recall? When you raise one, what happens to the other?
# 3. Which episode did you recover from later than the reference? Find it on your dashboard and explain why.

# %% [markdown]
# ## 5. 더 해 보기 / Going further
#
# * 히터 열화를 찾는 경보를 더해 보세요 (히터가 100 %인데 온도가 오르지 않음).
# * 배출구가 막히면 황색등을 켜고 공급기를 멈춰 보세요. 복구 점수가 어떻게 바뀌나요?
#
# * Add an alarm for heater degradation (the heater at 100 % and the temperature not rising).
# * When the outfeed is blocked, light the amber lamp and stop the feeder. How does the recovery score change?
