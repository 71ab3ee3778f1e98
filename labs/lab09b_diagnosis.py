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
#     id: diagnosis
#     unit: 9
#     hours: 3
#     checks: [fault_diagnosis]
#     title_ko: "고장 진단 훈련과 현장 견학 비교 활동지"
#     title_en: "Fault-diagnosis drill and the site-visit comparison sheet"
# ---

# %% [markdown]
# # 실습 9-2. 고장 진단 훈련과 현장 견학 비교 활동지
#
# 라인이 돌다가 고장이 납니다. 정비 담당자는 고장을 직접 보지 못해도 **기록기(히스토리언)의 데이터**에서 무엇이, 어디에서,
# 언제 고장 났는지 찾아야 합니다. 이 실습의 앞부분(과제 9-3)에서는 숨겨진 고장이 들어간 라인의 기록을 보고 고장을 진단하고
# 조치 절차서를 씁니다. 수업에서는 선생님이 시뮬레이터의 고장 메뉴(F 키)로 실시간으로 고장을 넣습니다. 뒷부분(과제 9-4)은
# 현장 견학에서 본 실제 설비와 이 가상 라인을 비교하는 활동지입니다.
#
# **교육목표**
# 1. 전류, 진동, 온도, 광전센서의 기록에서 평소와 다른 신호를 찾아 고장 종류, 대상 장치, 시작 시각(초)을 진단한다.
# 2. 증상(과부하 트립, 적색등)과 원인(걸림, 센서 고착)을 구별하고, 고장이 시작된 때와 경보를 알아챈 때를 구별한다.
# 3. 진단한 고장마다 안전을 먼저 생각한 조치 절차서를 쓴다.
# 4. 현장 견학에서 본 센서, PLC, HMI, 데이터 수집, OEE, 보전, 안전을 가상 라인과 비교하고 스마트공장 수준으로 설명한다.
#
# ---
#
# # Lab 9-2. Fault-diagnosis drill and the site-visit comparison sheet
#
# The line runs, and faults happen. A maintenance technician who did not see the fault must still find out from the
# **historian's data** what failed, where and when. In the first part of this lab (exercise 9-3) you diagnose the
# faults of a line with hidden faults from its recording and write a response procedure. In class the teacher injects
# faults live from the simulator's fault menu (key F). The second part (exercise 9-4) is a sheet that compares this
# virtual line with the real equipment you see on the site visit.
#
# **Objectives**
# 1. Find the signals that leave their normal pattern in recorded current, vibration, temperatures and photo-eyes, and
#    diagnose the fault kind, the device and the start time (s).
# 2. Tell a symptom (an overload trip, the red lamp) from its cause (a jam, a stuck sensor), and the time a fault
#    started from the time its alarm was noticed.
# 3. Write a response procedure, safety first, for every fault you diagnosed.
# 4. Compare the sensors, PLC, HMI, data collection, OEE, maintenance and safety you saw on the site visit with the
#    virtual line, and place them on the smart-factory levels.

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# 훈련의 기록기는 아래 태그를 0.1초마다 기록합니다(부품이 광전센서를 지나는 데 0.2~0.5초밖에 걸리지 않습니다). 표는 태그
# 표에서 바로 읽은 것입니다.
#
# The drill's historian records the tags below every 0.1 s (a part passes a photo-eye in only 0.2-0.5 s). The table
# is read from the tag table.

# %%
from pathlib import Path

import matplotlib.pyplot as plt

import factorylab
from factorylab.labs.lab09b_diagnosis_checks import DRILL_TAGS, fault_drill
from factorylab.plant.faults import KIND_NAMES_KO, fault_targets

MY_SEED = 1  # 여러분 팀의 번호 (선생님이 알려 줍니다) / your team's number (from your teacher)

line = factorylab.connect(scenario="line", seed=MY_SEED)
for name in DRILL_TAGS:
    tag = line.info(name).tag
    print(f"{name:28} {tag.unit or '-':5} {tag.description_ko}")

# %% [markdown]
# 고장 종류(라벨)와 대상은 시뮬레이터의 고장 목록에서 옵니다. 진단에는 이 이름을 그대로 씁니다.
#
# The fault kinds (labels) and their targets come from the simulator's list of faults. A diagnosis uses these names.

# %%
stations = line.plant.scenario.stations
for kind, name_ko in KIND_NAMES_KO.items():
    print(f"{kind:20} {name_ko:18} {', '.join(fault_targets(kind, stations))}")

# %% [markdown]
# ## 2. 예측 질문 / Prediction
#
# 컨베이어2에 부품이 걸리면 어떤 태그가 **가장 먼저** 바뀔까요? 과부하 계전기(THR/EOCR)는 그보다 먼저일까요, 나중일까요?
# 광전센서 하나가 "항상 1"로 고착되면 모터 전류는 어떻게 될까요? 답을 적어 두고 과제 9-3에서 확인하세요.
#
# When a part jams on conveyor2, which tag changes **first**? Does the overload relay trip before or after it? When
# a photo-eye sticks at 1, what happens to the motor current? Write your answers down and check them in exercise 9-3.

# %% [markdown]
# ## 과제 9-3. 고장 진단 훈련 (75분) / Exercise 9-3. Fault-diagnosis drill (75 min)
#
# **(가) 기록하기 (10분).** `fault_drill(MY_SEED, store=STORE)`는 라인을 30분(시뮬레이션 시간) 빨리감기로 돌립니다.
# 라인은 기준 제어기가 움직이고, 그동안 숨겨진 고장 몇 개가 시작되고 끝납니다. 돌아오는 것은 **기록(history)뿐**입니다:
# 고장 기록은 검사만 가지고 있습니다. 기록은 실습 2-2처럼 SQLite 파일 `STORE`에도 저장됩니다.
#
# **(a) Record (10 min).** `fault_drill(MY_SEED, store=STORE)` runs the line fast-forward for 30 simulated minutes
# under the reference controller while a few hidden faults start and end. Only the **history** comes back: the
# fault log stays with the check. As in lab 2-2 the history is also written to the SQLite file `STORE`.

# %%
STORE = Path("diagnosis_drill.sqlite")
STORE.unlink(missing_ok=True)
history = fault_drill(MY_SEED, store=STORE)
history.head()


# %% [markdown]
# **(나) 그래프로 훑어보기 (20분).** 아래 함수는 태그를 무리별로 그립니다. 한 구간을 확대하려면 `start`, `end`(초)를
# 주세요. 평소 모습(처음 8분쯤)을 먼저 익히고, 그 모습에서 벗어나는 곳을 찾으세요.
#
# **(b) Scan the plots (20 min).** The function below draws the tags in groups. Give `start` and `end` (s) to zoom
# in. Learn the normal pattern first (the first 8 minutes or so), then look for where it changes.

# %%
GROUPS = {
    "모터 전류 (A) / motor current": ["conveyor1.current", "conveyor2.current"],
    "진동 (mm/s) / vibration": ["conveyor1.vibration", "conveyor2.vibration"],
    "오븐 / oven (°C, %)": ["oven.temperature", "oven.heater"],
    "광전센서 / photo-eyes": ["conveyor2.photo_eye_entry", "sorter.photo_eye", "conveyor2.photo_eye_exit"],
    "과부하·CNC·적색등 / overload, CNC, red lamp": [
        "conveyor1.overload",
        "conveyor2.overload",
        "cnc.failures",
        "cnc.state",
        "stack_light.red",
    ],
}


def draw(start: float = 0.0, end: float = 1800.0):
    """Draw the drill's history from ``start`` to ``end`` (s), one subplot per group of tags."""
    part = history.loc[start:end]
    fig, axes = plt.subplots(len(GROUPS), 1, figsize=(10, 11), sharex=True)
    for ax, (title, tags) in zip(axes, GROUPS.items(), strict=True):
        for offset, tag in enumerate(tags):
            values = part[tag].astype(float)
            if tag == "cnc.failures":  # a counter: a pulse each time it goes up
                values, tag = (values.diff() > 0).astype(float), "cnc.failures +1"
            elif tag == "cnc.state":  # 4: changing its tool
                values, tag = (values == 4).astype(float), "cnc.state = 4"
            if title.startswith("광전") or title.startswith("과부하"):
                values = values.clip(upper=1) + 1.5 * offset  # on/off signals stacked
            ax.plot(part.index, values, label=tag, linewidth=0.8)
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=7, loc="upper left")
    axes[-1].set_xlabel("시간 t (s) / time t (s)")
    fig.tight_layout()
    return fig


fig = draw()

# %% [markdown]
# **(다) 진단 쓰기 (30분).** 고장마다 한 줄: `{"fault": 고장 종류, "target": 대상, "start": 시작 시각(초)}`. 시작 시각은
# ±30초 안이면 맞습니다.
#
# * 증상이 아니라 **원인**을 적습니다. 과부하 트립이나 적색등은 원인이 아닙니다.
# * 시작 시각은 경보가 울린 때가 아니라 **신호가 처음 평소와 달라진 때**입니다. `history.loc[480:560]`처럼 확대하세요.
# * 증상은 옆 장치로 번집니다. **가장 먼저** 변한 장치가 대상입니다.
#
# **(c) Write the diagnosis (30 min).** One entry per fault: `{"fault": kind, "target": device, "start": s}`. A
# start within ±30 s is right.
#
# * Write the **cause**, not a symptom: an overload trip or the red lamp is not a cause.
# * The start is when a signal **first left its normal pattern**, not when the alarm came. Zoom in with
#   `history.loc[480:560]`.
# * Symptoms spread to the next device: the target is the device that changed **first**.
#
# <details><summary>힌트 / Hint</summary>
#
# 걸림이면 그 벨트의 모터 전류가 몇 초 만에 평소의 세 배 넘게 오르고 과부하 트립까지 높게 머뭅니다(기동할 때 1초도 안 되는
# 돌입 전류와 다릅니다). 센서 고착이면 전류는 그대로인데 광전센서 하나가 부품이 지나가도 깜빡이지 않습니다. 공구가 부러지면
# `cnc.failures`가 하나 늘고 다음 부품을 받기 전에 공구 교체(`cnc.state` 4)가 이어집니다. 그렇지 않은 `cnc.failures`는
# CNC의 평소 가공 고장이라(처음 8분에 보이기도 합니다) 진단에 넣지 않습니다. 히터가 열화되면 같은 온도를 지키려고
# 히터 출력(`oven.heater`)이 한 단계 올라갑니다. 베어링이 마모되면 진동이 몇 분에 걸쳐 커집니다.
#
# A jam raises that belt's motor current to more than three times its normal value within seconds, and it stays high
# until the overload trips (unlike the inrush of less than a second at start-up). A stuck sensor leaves the current
# alone, but one photo-eye stops blinking while parts pass. A broken tool adds one to `cnc.failures` and a tool change
# (`cnc.state` 4) follows before the next part is loaded; any other rise of `cnc.failures` is the CNC's ordinary
# machining failure (you may see it in the first 8 minutes too) and is not part of the diagnosis. A degraded heater
# makes the heater output (`oven.heater`) step up to hold the same temperature. A worn bearing makes the vibration grow
# over minutes.
# </details>

# %%
fig = draw(480, 560)

# %%
diagnosis = [
    {"fault": None, "target": None, "start": None},
]
### BEGIN SOLUTION
diagnosis = [
    # conveyor2's current jumps from 1.2 A to 3.8 A at 503 s; its overload trips later (a symptom)
    {"fault": "jam", "target": "conveyor2", "start": 503},
    # conveyor2's entry photo-eye stays at 1 from 913 s while the current stays normal: the sensor, not a jam
    {"fault": "sensor_stuck_on", "target": "conveyor2.photo_eye_entry", "start": 913},
    # cnc.failures goes up by one at 1297 s and the CNC changes its tool out of turn
    {"fault": "tool_breakage", "target": "cnc", "start": 1297},
]
### END SOLUTION

# %%
result = factorylab.check(diagnosis, "fault_diagnosis", seed=MY_SEED)
result

# %% [markdown]
# **(라) 조치 절차서 (15분).** 진단한 고장마다 아래 칸에 조치 절차서를 쓰세요. 선생님이 루브릭(안전, 순서, 확인, 기록)으로
# 평가합니다. 자동 검사는 없습니다. 각 절차서에는 다음이 들어가야 합니다.
#
# 1. 안전: 라인 정지, 비상정지, 잠금·표지(LOTO)가 필요한가?
# 2. 점검: 무엇을 보고 원인을 확인하는가 (어느 태그, 어느 부품)?
# 3. 조치: 무엇을 고치거나 바꾸는가?
# 4. 재가동과 확인: 어떤 순서로 다시 돌리고, 어느 신호로 정상임을 확인하는가?
# 5. 기록: 고장 기록에 무엇을 남기는가 (시각, 원인, 조치, 걸린 시간)?
#
# **(d) Response procedure (15 min).** Write a response procedure for every fault you diagnosed in the cell below.
# Your teacher marks it with the rubric (safety, order, verification, record); there is no automatic check. Each
# procedure covers:
#
# 1. Safety: stop the line, E-stop, lock-out/tag-out (LOTO) needed?
# 2. Inspection: what do you look at to confirm the cause (which tag, which part)?
# 3. Action: what do you fix or replace?
# 4. Restart and verification: in what order do you restart, and which signal shows it is normal again?
# 5. Record: what goes into the fault log (time, cause, action, time taken)?

# %% [markdown]
# *조치 절차서 / Response procedure:*
#
# 1. 고장 / fault: ...
#    - 안전 / safety: ...
#    - 점검 / inspection: ...
#    - 조치 / action: ...
#    - 재가동과 확인 / restart and verification: ...
#    - 기록 / record: ...

# %% [markdown]
# ## 3. 실시간 시뮬레이터에서 확인: 교실 훈련 / On the live simulator: the class drill
#
# 수업에서는 선생님의 컴퓨터에서 시뮬레이터 하나가 돌고(`factorylab sim --scenario line --host 0.0.0.0`), 선생님의 기준
# 제어기가 라인을 움직입니다. 여러분 팀은 **읽기만** 합니다: 아무것도 쓰지 않는 제어기로 태그를 기록기에 기록하세요.
# 선생님이 F 메뉴로 고장을 넣고, 훈련이 끝나면 여러분의 진단(`class_diagnosis`)을 받아 선생님만 가진 고장 기록과
# 비교합니다(`fault_log=`). 원격 라인은 학생 노트북에 고장 기록을 보여 주지 않습니다(`result.faults`가 비어 있음).
# `TEACHER`에 선생님이 알려 준 주소를 넣고 `LIVE = True`로 바꾸세요.
#
# In class one simulator runs on the teacher's computer (`factorylab sim --scenario line --host 0.0.0.0`) and the
# teacher's reference controller drives the line. Your team **only reads**: record the tags into your historian with a
# controller that writes nothing. The teacher injects faults from the F menu; after the drill the teacher takes your
# diagnosis (`class_diagnosis`) and compares it with the fault log only the teacher holds (`fault_log=`). A remote line
# shows no fault log to a student's notebook (`result.faults` is empty). Put the address your teacher gives in
# `TEACHER` and set `LIVE = True`.

# %%
LIVE = False
TEACHER = "192.168.0.10:5020"


def listen(line, t):
    """Write nothing: the teacher's controller drives the class line; we only record."""


if LIVE:
    class_line = factorylab.connect(TEACHER)
    shared = factorylab.run(
        listen, class_line, seconds=20 * 60, record=DRILL_TAGS, record_every=0.1, store=Path("class_drill.sqlite")
    )
    history = shared.history
    draw(float(history.index[0]), float(history.index[-1]))
    class_diagnosis = []  # 여러분의 진단을 여기에 / your diagnosis here; the teacher checks it with fault_log=

# %% [markdown]
# ## 과제 9-4. 현장 견학 비교 활동지 (75분) / Exercise 9-4. Site-visit comparison sheet (75 min)
#
# 현장 견학(공장 방문)에서 본 실제 설비를 이 가상 라인과 비교합니다. 견학 **전**에 질문을 읽고(15분), 견학 **중**에 칸을
# 채우고, 견학 **후**에 팀별로 정리해 발표합니다(각 팀 5분). 이 과제에는 **자동 검사가 없습니다**: 선생님이 아래 루브릭으로
# 평가하고, 마지막의 자기 점검 목록으로 스스로 확인합니다. 인쇄용 활동지는 교사용 자료에 있습니다.
#
# | 항목 | 가상 라인 (FactoryLab) | 견학한 현장 | 같은 점 / 다른 점 |
# |---|---|---|---|
# | 센서 | 광전센서, 리밋스위치, 4-20 mA 전송기 | | |
# | PLC와 제어 | 스캔마다 호출되는 함수, Modbus TCP | | |
# | HMI | 시뮬레이터 창, 타워램프 | | |
# | 데이터 수집 | SQLite 기록기, 1초 간격 | | |
# | OEE | 가용성 × 성능 × 품질, `production.oee` | | |
# | 보전 | 고장 기록, 공구 교체 정책, 이상 감지 | | |
# | 안전 | 비상정지, 안전 릴레이, 인터록 | | |
# | 스마트공장 수준 | 수준확인 1~5단계 중 어디? | | |
#
# **안내 질문**
# 1. 부품이 왔는지 설비는 무엇으로 알았나요? 광전센서, 근접센서, 비전 카메라 가운데 무엇을 보았나요?
# 2. PLC는 어느 회사 제품이었나요? 제어반 안의 과부하 계전기(THR/EOCR)와 안전 릴레이를 보았나요?
# 3. 작업자는 어디에서 설비 상태를 보나요 (HMI, 타워램프, 현황판)? 경보가 나면 누가 무엇을 하나요?
# 4. 데이터는 자동으로 모이나요, 손으로 적나요? 얼마 간격으로, 어디에(MES, 엑셀, 종이) 저장하나요?
# 5. 설비 종합 효율(OEE)을 재나요? 가장 큰 손실은 설비 6대 로스 가운데 무엇이라고 하나요?
# 6. 고장이 나면 원인을 어떻게 찾나요? 예방 보전이나 예지 보전을 하나요?
# 7. 비상정지 버튼은 어디에 있고, 정비할 때 잠금·표지(LOTO)를 하나요?
# 8. 이 공장은 스마트공장 수준확인의 몇 단계쯤이라고 생각하나요? 근거 두 가지를 적으세요.
#
# **루브릭 (선생님 평가, 항목마다 0~2점)**: 표의 여덟 칸을 관찰한 사실로 채움 / 같은 점과 다른 점을 이유와 함께 씀 /
# 스마트공장 수준을 근거 두 가지로 판단 / 안전에 관한 관찰 하나 이상 / 발표에서 가상 라인의 태그 하나와 현장의 신호 하나를
# 짝지어 설명.
#
# **자기 점검 목록**
# - [ ] 표의 모든 칸에 "보았다 / 못 보았다 / 물어보았다" 가운데 하나가 적혀 있다.
# - [ ] 가상 라인과 다른 점을 세 가지 이상 적었다.
# - [ ] 스마트공장 수준을 근거 두 가지로 적었다.
# - [ ] 견학 중 사진은 허락받은 곳에서만 찍었다.
# - [ ] 현장에서 본 안전장치 하나를 설명할 수 있다.
#
# ---
#
# Compare the real equipment seen on the site visit (a factory visit) with this virtual line. Read the questions
# **before** the visit (15 min), fill in the cells **during** it, and sum up and present as a team **after** it (5 min
# per team). This exercise has **no automatic check**: your teacher marks it with the rubric below and you check
# yourself with the list at the end. The printable sheet is in the teacher pack.
#
# | Item | Virtual line (FactoryLab) | The site | Same / different |
# |---|---|---|---|
# | Sensors | photo-eyes, limit switches, 4-20 mA transmitters | | |
# | PLC and control | a function called every scan, Modbus TCP | | |
# | HMI | the simulator window, the stack light | | |
# | Data collection | SQLite historian, every second | | |
# | OEE | availability × performance × quality, `production.oee` | | |
# | Maintenance | fault log, tool-change policy, anomaly detection | | |
# | Safety | E-stop, safety relay, interlocks | | |
# | Smart-factory level | which of the levels 1-5? | | |
#
# **Guiding questions**
# 1. How did the machines know a part had arrived? Did you see photo-eyes, proximity sensors or vision cameras?
# 2. Which make was the PLC? Did you see the overload relays (THR/EOCR) and the safety relay in the panel?
# 3. Where do operators see the machines' state (HMI, stack light, status board)? Who does what when an alarm comes?
# 4. Is data collected automatically or written by hand? How often, and where (MES, a spreadsheet, paper)?
# 5. Do they measure OEE? Which of the six big losses is their largest?
# 6. How do they find a fault's cause? Do they do preventive or predictive maintenance?
# 7. Where are the E-stop buttons, and do they lock out and tag out (LOTO) for maintenance?
# 8. Which level of the smart-factory assessment do you think this plant is at? Give two reasons.
#
# **Rubric (teacher, 0-2 points each)**: the eight cells filled with observed facts / same and different with
# reasons / the smart-factory level judged with two reasons / at least one safety observation / in the
# presentation, one tag of the virtual line paired with one signal of the site.
#
# **Self-check list**
# - [ ] Every cell of the table says "seen / not seen / asked".
# - [ ] I wrote at least three differences from the virtual line.
# - [ ] I gave the smart-factory level with two reasons.
# - [ ] I took photos only where it was allowed.
# - [ ] I can explain one safety device I saw on the site.

# %% [markdown]
# ## 4. 분석 질문 / Questions
#
# 1. 걸림이 난 벨트의 과부하 계전기는 걸림이 시작되고 몇 초 뒤에 동작했나요? 과부하만 보고 시작 시각을 적으면 어떻게 되나요?
# 2. 센서 고착과 걸림을 구별하는 데 가장 좋은 태그는 무엇인가요? 그 태그를 기록하지 않았다면 어떻게 구별하나요?
# 3. 기록 간격이 0.1초가 아니라 1초였다면 어떤 고장을 놓쳤을까요? `fault_drill`의 기록을 `history.iloc[::10]`로 줄여 보세요.
#
# 1. How many seconds after the jam began did that belt's overload relay trip? What happens if you take the start
#    from the overload?
# 2. Which tag tells a stuck sensor from a jam best? How would you tell them apart without it?
# 3. Which fault would you have missed with records every second instead of every 0.1 s? Thin the drill's history out
#    with `history.iloc[::10]` and look.

# %% [markdown]
# ## 5. 더 해 보기 / Going further
#
# * 짝과 라인을 바꾸어 보세요: 한 사람이 `line.plant.inject_fault("jam", "conveyor1")`처럼 로컬 라인에 고장을 넣고
#   돌리면, 다른 사람이 기록만 보고 진단합니다. 검사는 `factorylab.check(diagnosis, "fault_diagnosis", line=line)`.
# * 실습 4-1의 걸림 경보처럼, 이 훈련의 고장을 자동으로 찾아 목록을 만드는 함수를 써 보세요.
#
# * Swap lines with a partner: one injects faults into a local line (`line.plant.inject_fault("jam", "conveyor1")`)
#   and runs it, the other diagnoses from the history alone; check with
#   `factorylab.check(diagnosis, "fault_diagnosis", line=line)`.
# * Like the jam alarm of lab 4-1, write a function that finds this drill's faults automatically and lists them.
