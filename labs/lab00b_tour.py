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
#     id: tour
#     unit: 0
#     hours: 3
#     checks: [isa95_levels, oee_by_hand, follow_part, smart_factory_levels]
#     title_ko: 스마트공장 라인 둘러보기
#     title_en: A tour of the smart-factory line
# ---

# %% [markdown]
# # 실습 0-2. 스마트공장 라인 둘러보기
#
# 스마트공장은 **데이터로 더 잘 움직이는 공장**입니다. 로봇이 많거나 사람이 없는 공장이 아닙니다. 이 실습에서는
# FactoryLab의 가상 라인을 한 바퀴 돌아보고, 라인의 데이터가 어느 층(ISA-95)에 속하는지 나누고, 기준 제어기로 라인을
# 30분 돌려 생산 수, 오븐 온도, OEE를 봅니다. 부품 하나를 골라 라인을 지나는 길을 따라가고, 마지막으로 우리나라
# 스마트공장 수준 사다리에 공장 카드를 놓아 봅니다.
#
# **교육목표**
# 1. 라인의 스테이션(공급기 → 컨베이어1 → CNC → 오븐 → 컨베이어2·검사 → 배출구/불량함)과 그 태그를 찾는다.
# 2. 라인의 장치와 데이터를 ISA-95의 다섯 층(L0~L4)에 놓는다.
# 3. 30분 실행의 생산 수·오븐 온도·OEE를 그래프로 읽고, 처음에 OEE가 낮은 까닭을 설명하며, 카운터로 OEE를 직접 계산한다.
# 4. `result.events`에서 부품 하나의 공급·검사·배출 시각을 찾고, 부품 번호와 개수를 구별한다.
# 5. 공장이 하는 일을 보고 스마트공장 수준확인 단계(1~3)와 지원 단계(기초 / 고도화)를 고른다.
#
# ---
#
# # Lab 0-2. A tour of the smart-factory line
#
# A smart factory is a **factory that runs better with data**, not one full of robots or empty of people. In this
# lab you walk round FactoryLab's virtual line, sort its data onto the ISA-95 levels, run the line for 30 minutes
# with the reference controller and look at output, oven temperature and OEE, follow one part of your own run
# through the line, and place factory cards on the Korean smart-factory ladders.
#
# **Objectives**
# 1. Find the line's stations (feeder → conveyor1 → CNC → oven → conveyor2 and inspection → outfeed or reject bin)
#    and their tags.
# 2. Place the line's devices and data on the five ISA-95 levels (L0-L4).
# 3. Read output, oven temperature and OEE of a 30-minute run from plots, explain why OEE starts low, and compute
#    OEE from the counters.
# 4. Find when one part was fed, inspected and left in `result.events`, and tell a part's id from a count.
# 5. From what a factory does, choose its 수준확인 level (1-3) and its support step (기초 / 고도화).

# %% [markdown]
# ## 1. 라인 둘러보기 / The tour
#
# 부품은 왼쪽에서 오른쪽으로 흐릅니다: **공급기 → 컨베이어1 → CNC 가공기 → 열처리 오븐 → 컨베이어2(검사, 색상 센서,
# 푸셔) → 배출구 또는 불량함**. 라인의 모습은 문서의 "라인 둘러보기" 쪽(`factorylab docs`)에 화면 그림으로 있고,
# 다른 터미널에서 `factorylab sim --scenario line --demo`를 실행하면 데모 프로그램으로 움직이는 라인을 볼 수 있습니다
# (창에서 키 **T**를 누르면 장치마다 태그 이름이 보입니다).
#
# 모든 학생이 같은 답을 베끼지 않도록, 라인의 **시드**(난수의 씨앗)를 여러분의 번호로 바꾸세요. 같은 시드는 언제나
# 같은 실행을 줍니다.
#
# Parts flow left to right: **feeder → conveyor1 → CNC → heat-treatment oven → conveyor2 (inspection, colour sensor,
# pusher) → outfeed or reject bin**. The docs page "Tour of the line" (`factorylab docs`) shows screenshots; run
# `factorylab sim --scenario line --demo` in another terminal to watch the line move under a demo program (press
# **T** in its window to see each device's tag names). Set the line's **seed** to your own number so your run is
# your own: the same seed always gives the same run.

# %%
import factorylab
from factorylab.control.reference import make_line_controller

MY_SEED = 1  # 여러분의 번호 / your number

line = factorylab.connect(scenario="line", seed=MY_SEED)
for device in line.devices:
    names = [tag.name for tag in line.tags if tag.name.startswith(device + ".")]
    print(f"{device:12} {len(names):3} 태그 / tags   예 / e.g. {names[0]}")

# %% [markdown]
# ## 2. 장치와 태그 / Devices and tags
#
# 이 실습에서 쓰는 태그입니다 (태그 표에서 바로 읽음). 카운터(`production.*`)는 라인이 켜진 뒤 센 값입니다.
#
# The tags this lab uses, read from the tag table. The counters (`production.*`) count from when the line started.

# %%
for name in [
    "conveyor1.photo_eye_exit",
    "cnc.torque",
    "oven.heater",
    "oven.temperature",
    "inspection.part_id",
    "production.parts_out",
    "production.run_time",
    "production.idle_time",
    "production.oee",
    "orders.current_due",
]:
    tag = line.info(name).tag
    print(f"{name:26} {tag.unit or '-':4} {tag.description_ko}")

# %% [markdown]
# ## 3. 예측 질문 / Predict first
#
# 기준 제어기로 라인을 30분 돌립니다. 실행하기 전에 적어 보세요. (1) 부품은 몇 개쯤 나올까요? (2) 처음 5분의 OEE는 높을까요,
# 낮을까요? 왜 그렇게 생각하나요? (3) 오븐 온도는 처음에 몇 °C이고, 얼마 만에 220 °C에 이를까요?
#
# You will run the line for 30 minutes with the reference controller. Write down first: (1) about how many parts come
# out? (2) is OEE high or low in the first 5 minutes, and why? (3) how hot is the oven at first, and how long until it
# reaches 220 °C?

# %% [markdown]
# ## 4. 과제 0-2: ISA-95 계층 (15분) / Exercise 0-2: ISA-95 levels (15 min)
#
# ISA-95는 공장의 정보 시스템을 다섯 층으로 나눕니다. 위로 갈수록 다루는 시간이 길어집니다.
#
# | 층 | 하는 일 | 시간 | 예 |
# |---|---|---|---|
# | L0 | 물리 공정 | 실시간 | 움직이는 부품, 오븐 속 열 |
# | L1 | 감지와 구동 (센서·액추에이터(구동기)) | 초 이하 | 광전센서, 토크 센서, 히터 |
# | L2 | 감시와 제어 (PLC, SCADA·HMI) | 초~분 | 여러분의 `controller`, 시뮬레이터 화면 |
# | L3 | 제조 운영 (MES) | 시간~일 | 생산 실적, OEE, 작업 지시와 납기 |
# | L4 | 경영 계획 (ERP) | 일~월 | 판매·구매 계획 |
#
# 아래 열 가지를 층에 놓으세요 (`"L0"`~`"L4"`): 벨트 위의 부품(`parts_on_the_belt`), 오븐 속의 열(`heat_in_the_oven`),
# 컨베이어1 끝의 광전센서(`conveyor1.photo_eye_exit`), CNC 주축 토크(`cnc.torque`), 오븐 히터(`oven.heater`),
# PLC 프로그램(`plc_program`, 여러분의 `controller`), 조작 화면(`hmi_screen`), OEE(`production.oee`),
# 작업 지시의 납기(`orders.current_due`), 월간 판매 계획(`monthly_sales_plan`).
#
# **힌트**: "이것이 공정 그 자체인가, 공정을 재고 움직이는 장치인가, 그 장치를 읽고 판단하는 제어인가, 하루의 생산을
# 관리하는 것인가, 회사의 계획인가?"를 차례로 물어보세요.
#
# Put the ten things on the levels (`"L0"` to `"L4"`). **Hint**: ask in turn: is it the process itself, a device that
# measures or moves it, the control that reads and decides, the management of the day's production, or the company's
# plans?

# %%
isa95 = {
    "parts_on_the_belt": None,
    "heat_in_the_oven": None,
    "conveyor1.photo_eye_exit": None,
    "cnc.torque": None,
    "oven.heater": None,
    "plc_program": None,
    "hmi_screen": None,
    "production.oee": None,
    "orders.current_due": None,
    "monthly_sales_plan": None,
}
### BEGIN SOLUTION
isa95 = {
    "parts_on_the_belt": "L0",
    "heat_in_the_oven": "L0",
    "conveyor1.photo_eye_exit": "L1",
    "cnc.torque": "L1",
    "oven.heater": "L1",
    "plc_program": "L2",
    "hmi_screen": "L2",
    "production.oee": "L3",
    "orders.current_due": "L3",
    "monthly_sales_plan": "L4",
}
### END SOLUTION

# %%
result_isa95 = factorylab.check(isa95, "isa95_levels")
result_isa95

# %% [markdown]
# ## 5. 과제 0-3: 기준 제어기로 30분 (20분) / Exercise 0-3: 30 minutes of the reference controller (20 min)
#
# `make_line_controller()`는 라인 전체를 움직이는 **기준 제어기**입니다: 오븐을 220 °C로 데우고(PI 제어), 오븐이
# 210 °C가 되면 부품을 공급하고, 냉각수를 채우고, 공구를 바꾸고, 검사 결과대로 분류합니다. 30분(1800초)을 빨리감기로
# 돌리고 1초마다 기록합니다. 1초도 걸리지 않습니다.
#
# `make_line_controller()` is the **reference controller** for the whole line: it heats the oven to 220 °C (PI
# control), feeds parts once the oven reaches 210 °C, keeps the coolant up, changes tools and sorts by the
# inspection. Run it fast-forward for 30 minutes (1800 s), recording every second: it takes under a second.

# %%
line = factorylab.connect(scenario="line", seed=MY_SEED)
result = factorylab.run(
    make_line_controller(),
    line,
    seconds=1800,
    record=["production.parts_out", "oven.temperature", "production.oee", "inspection.part_id"],
    record_every=1,
)
figure = result.plot(["production.parts_out", "oven.temperature", "production.oee"])

# %% [markdown]
# 그래프를 보고 짝과 이야기해 보세요. 처음 몇 분 동안 OEE가 0 %인 까닭은 무엇일까요? 오븐 온도 그래프와 부품 수
# 그래프를 나란히 보세요. OEE 그래프가 30분 동안 천천히만 올라가는 것은 왜일까요? (`production.oee`는 라인이 켜진 뒤
# **지금까지**의 OEE입니다.)
#
# Discuss with a partner: why is OEE 0 % for the first minutes? Compare the oven temperature with the parts count.
# Why does OEE climb only slowly over the 30 minutes? (`production.oee` is the OEE **so far**, since the line
# started.)
#
# ### OEE를 직접 계산하기 / OEE by hand
#
# OEE(설비 종합 효율)는 세 비율의 **곱**입니다. 비율은 0~1이고, 마지막에 100을 곱해 %로 씁니다.
#
# * **가용성**(availability) = 가동 시간 / 계획 시간. FactoryLab에서 가동 시간은 `run_time`(부품이 움직이며 운전) +
#   `idle_time`(벨트는 돌지만 부품이 없거나 막힘)입니다. 계획 시간은 이 실행의 길이 `planned_time`입니다.
# * **성능**(performance) = 이상 사이클 타임 × 완성 수 / 가동 시간. 완성 수 = 배출(`parts_out`) + 불량함(`rejected`).
# * **품질**(quality) = 양품 수(`good`) / 완성 수.
#
# 예: 계획 480분 중 420분 가동, 이상 사이클 1분에 400개 완성, 그중 양품 380개이면
# 420/480 × 400/420 × 380/400 = 0.875 × 0.952 × 0.95 = 0.7917 → 79.17 %.
#
# OEE is the **product** of three ratios (0-1), times 100 for %. Availability = operating time / planned time
# (in FactoryLab operating = `run_time` + `idle_time`); performance = ideal cycle time × finished / operating time
# (finished = `parts_out` + `rejected`); quality = `good` / finished. Example: 420/480 × 400/420 × 380/400 = 79.17 %.
#
# 먼저 아래 카운터로 종이에 계산해 보고, 그 계산을 함수 `oee(k)`로 옮기세요. `k`는 카운터가 든 사전(dict)이고,
# `k["run_time"]`처럼 읽습니다. 검사는 여러분의 실행(`result=result`)과 숨은 카운터 세 묶음으로 함수를 확인합니다.
#
# First work it out on paper from the counters below, then turn your working into a function `oee(k)`. `k` is a dict
# of counters, read as `k["run_time"]`. The check tries your function on your own run (`result=result`) and on three
# hidden sets of counters.

# %%
k = result.kpis
for name in ["planned_time", "run_time", "idle_time", "ideal_cycle_time", "parts_out", "rejected", "good"]:
    print(f"{name:17} {k[name]}")


# %%
def oee(k):
    ### BEGIN SOLUTION
    operating = k["run_time"] + k["idle_time"]
    finished = k["parts_out"] + k["rejected"]
    availability = operating / k["planned_time"]
    performance = k["ideal_cycle_time"] * finished / operating
    quality = k["good"] / finished
    return 100 * availability * performance * quality
    ### END SOLUTION


# %%
result_oee = factorylab.check(oee, "oee_by_hand", result=result)
result_oee

# %% [markdown]
# ## 6. 과제 0-4: 부품 하나 따라가기 (15분) / Exercise 0-4: follow one part (15 min)
#
# `result.events`는 실행 중에 일어난 **사건**의 표입니다: 시각(`t`, 초), 종류(`kind`), 부품 번호(`part`), 자세한 내용
# (`detail`: 부품의 형 A/B). 부품은 공급될 때 1, 2, 3 ... 번호를 받고(`part_fed`), 배출구로 나가거나(`part_out`)
# 불량함으로 밀려납니다(`part_rejected`). 그 사이에 CNC에서 깎이고, 오븐에서 30초쯤 열처리되고, 컨베이어2에서 검사를
# 받습니다. 부품이 장치에 들어갈 때마다 `part_at` 사건이 생기고 `detail`에 장치 이름(`cnc`, `oven`, `conveyor2`,
# `inspection`)이 적힙니다. 검사한 부품의 번호는 태그 `inspection.part_id`도 알려 줍니다.
#
# 아래는 부품 3번의 사건입니다. 여러분은 **20번 이후의 부품 하나**를 골라 같은 방법으로 찾으세요.
#
# `result.events` is the table of what happened: time (`t`, s), kind, part id, detail (the part's type A/B). A part gets
# its id 1, 2, 3 ... when fed (`part_fed`) and leaves to the outfeed (`part_out`) or the reject bin
# (`part_rejected`); in between the CNC machines it, the oven heats it for about 30 s and conveyor2 inspects it. Each
# time the part enters a station there is a `part_at` event whose `detail` names it (`cnc`, `oven`, `conveyor2`,
# `inspection`). The tag `inspection.part_id` also tells the id of the part inspected last. Below are part 3's events;
# choose **one part from number 20 on** and find the same for it.

# %%
events = result.events
print(events.head(12))
events[events.part == 3]

# %% [markdown]
# 검사된 시각은 `detail`이 `inspection`인 `part_at` 줄의 시각입니다. 기록(`result.history`)에서 `inspection.part_id`가
# 그 번호가 된 첫 줄로도 확인할 수 있습니다 (기록 간격만큼 늦게 보입니다):
#
# The time inspected is the `part_at` row whose `detail` is `inspection`. The history (`result.history`) shows it too,
# as the first row whose `inspection.part_id` is the part's id (later by up to one recording interval):

# %%
history = result.history
history[history["inspection.part_id"] == 3].head(1)

# %% [markdown]
# 고른 부품의 번호, 공급된 시각(`fed`), 검사된 시각(`inspected`), 라인을 떠난 시각(`left`), 나간 곳(`where`:
# `"outfeed"` 배출구 또는 `"reject_bin"` 불량함)을 채우세요. **주의**: 부품 번호는 "몇 번째로 나간 부품"이 아닙니다.
# 불량함으로 간 부품이 있으면 배출 수(`production.parts_out`)와 부품 번호는 달라집니다.
#
# Fill in the part's id, when it was fed, inspected and left, and where it went (`"outfeed"` or `"reject_bin"`).
# **Careful**: a part's id is not "the how-many-th part out": once some parts went to the reject bin, the outfeed count
# (`production.parts_out`) and the ids differ.

# %%
my_part = {"part": None, "fed": None, "inspected": None, "left": None, "where": None}
### BEGIN SOLUTION
part = 40
rows = events[events.part == part]
last = rows[rows.kind.isin(["part_out", "part_rejected"])].iloc[0]
my_part = {
    "part": part,
    "fed": rows[rows.kind == "part_fed"].t.iloc[0],
    "inspected": rows[(rows.kind == "part_at") & (rows.detail == "inspection")].t.iloc[0],
    "left": last.t,
    "where": "outfeed" if last.kind == "part_out" else "reject_bin",
}
### END SOLUTION

# %%
result_part = factorylab.check(my_part, "follow_part", result=result)
result_part

# %% [markdown]
# ## 7. 과제 0-5: 스마트공장 수준 카드 분류 (15분) / Exercise 0-5: the smart-factory ladder card sort (15 min)
#
# 우리나라에는 스마트공장의 수준을 말하는 사다리가 두 가지 있습니다.
#
# * **수준확인 (2019년부터, 5단계)**: 공장이 어느 수준에 있는지 확인해 주는 제도입니다. 1단계는 **점검**(사람이 점검표에
#   손으로 적음), 2단계는 **모니터링**(ICT가 생산·상태 데이터를 자동으로 모음), 3단계는 **공정 데이터를 모아 분석하고
#   실시간으로 제어**하는 단계입니다. 4~5단계도 있지만 이 과정은 그 공식 설명을 다루지 않으므로, 아래 카드는 모두
#   1~3단계의 설명으로 고를 수 있습니다.
# * **구축 지원 단계 (2022년부터)**: 정부가 스마트공장 구축을 지원할 때 목표 수준을 **기초 / 고도화1 / 고도화2**로
#   나눕니다. 기초는 첫 단계이고, 고도화는 이미 갖춘 스마트공장을 한 단계 끌어올리는 것입니다. 이 과제에서는 기초인지
#   고도화인지만 고릅니다 (고도화1인지 2인지는 공장이 정하는 목표에 따라 다릅니다).
#
# 수준은 **데이터를 어떻게 모으고 쓰는가**로 정해집니다. 기계가 얼마나 자동인지, 사람이 얼마나 적은지가 아닙니다.
#
# | 카드 | 공장이 하는 일 |
# |---|---|
# | `paper_check_sheet` | 작업자가 설비마다 종이 점검표에 온도와 생산 수를 적고, 저녁에 엑셀로 옮겨 적는다. |
# | `robots_on_paper` | 용접 로봇 6대를 새로 들였지만, 생산 수와 불량은 여전히 종이 점검표에 적는다. |
# | `plc_hand_count` | 라인은 PLC가 자동으로 돌리지만, 생산 실적은 반장이 하루에 한 번 세어 점검표에 적는다. |
# | `live_status_board` | 설비마다 생산 수와 운전·정지 상태가 자동으로 모여 사무실 화면에 실시간으로 보인다. 문제가 보이면 사람이 판단해 조치한다. |
# | `historian_dashboard` | FactoryLab 라인의 `production.parts_out`과 `production.state`를 기록기에 1초마다 모으고 OEE 대시보드로 본다. |
# | `oven_data_control` | 오븐 온도·체류 시간 같은 공정 데이터를 모아 분석하고, 불량이 늘 조짐이 보이면 시스템이 오븐 설정을 실시간으로 바꾼다. |
# | `support_paper_factory` | `paper_check_sheet`의 공장이 처음으로 구축 지원을 신청한다: 사다리의 어느 단계부터일까? |
# | `support_robot_factory` | `robots_on_paper`의 공장이 구축 지원을 신청한다: 어느 단계부터일까? |
# | `support_plc_factory` | `plc_hand_count`의 공장이 구축 지원을 신청한다: 어느 단계부터일까? |
# | `support_monitoring_factory` | `live_status_board`의 공장이 그 데이터를 분석해 설비를 제어하려고 지원을 신청한다: 어느 단계일까? |
#
# 위의 여섯 카드에는 수준확인 단계(`1`~`5`)를, `support_`로 시작하는 네 카드에는 `"기초"` 또는 `"고도화"`를 쓰세요.
#
# Korea has two ladders. **수준확인** (since 2019, 5 levels): level 1 **check** (people write check sheets by hand),
# level 2 **monitoring** (ICT collects output and status data), level 3 **collects and analyses process data and
# controls in real time**; levels 4-5 exist but their official description is not part of this course, so every card
# here fits levels 1-3. **Support steps** (since 2022): the government supports smart-factory builds with a target of
# **기초 (basic) / 고도화1 / 고도화2 (advanced 1, 2)**; 기초 is the first step, 고도화 raises a smart factory the
# company already has. Here you only choose 기초 or 고도화. The level is about **how data is collected and used**,
# not about how automatic the machines are or how few people work there. Give the six cards a 수준확인 level
# (`1`-`5`) and the four `support_` cards `"기초"` or `"고도화"`. (The cards in English: a paper check sheet typed
# into Excel at night; six new welding robots, output still on paper; a PLC-run line whose output a foreman counts
# once a day; output and run/stop status collected automatically and shown live in the office, people decide; the
# FactoryLab line's counters recorded every second into a historian and shown on an OEE dashboard; process data
# (oven temperature, dwell) collected and analysed, and the system changes the oven's setting in real time when
# defects are about to rise. The support cards ask which step those factories apply for.)

# %%
cards = {
    "paper_check_sheet": None,
    "robots_on_paper": None,
    "plc_hand_count": None,
    "live_status_board": None,
    "historian_dashboard": None,
    "oven_data_control": None,
    "support_paper_factory": None,
    "support_robot_factory": None,
    "support_plc_factory": None,
    "support_monitoring_factory": None,
}
### BEGIN SOLUTION
cards = {
    "paper_check_sheet": 1,
    "robots_on_paper": 1,
    "plc_hand_count": 1,
    "live_status_board": 2,
    "historian_dashboard": 2,
    "oven_data_control": 3,
    "support_paper_factory": "기초",
    "support_robot_factory": "기초",
    "support_plc_factory": "기초",
    "support_monitoring_factory": "고도화",
}
### END SOLUTION

# %%
result_cards = factorylab.check(cards, "smart_factory_levels")
result_cards

# %% [markdown]
# ## 8. 실시간 시뮬레이터에서 확인 / On the live simulator
#
# 다른 터미널에서 `factorylab sim --scenario line`을 실행하고(또는 `factorylab start`가 띄운 시뮬레이터를 쓰고)
# `LIVE = True`로 바꿔 실행하세요. 같은 기준 제어기가 Modbus로 시뮬레이터 창의 라인을 5분 동안 움직입니다. 오븐이
# 데워지고 첫 부품이 나오는 것을 보고, 여러분이 고른 부품이 지나간 길(CNC → 오븐 → 검사)을 눈으로 따라가 보세요.
#
# Run `factorylab sim --scenario line` in another terminal (or use the simulator `factorylab start` opened) and set
# `LIVE = True`: the same reference controller drives the line in the simulator's window over Modbus for 5 minutes.
# Watch the oven heat up and the first parts come out, and follow a part's way (CNC → oven → inspection) by eye.

# %%
LIVE = False
if LIVE:
    live_line = factorylab.connect("127.0.0.1:5020")
    live = factorylab.run(make_line_controller(), live_line, seconds=300, live=["oven.temperature"])
    live

# %% [markdown]
# ## 9. 분석 질문 / Questions
#
# 1. 30분 동안 OEE의 세 요소 가운데 무엇이 가장 낮았나요? 오븐이 데워지는 동안 벨트가 돌고 있었다는 것과 어떤 관계가
#    있을까요? (`result.kpis`의 `availability`, `performance`, `quality`)
# 2. 여러분의 부품이 공급되고 검사받을 때까지 걸린 시간에서, CNC(약 4초)와 오븐(30초쯤)에 있던 시간을 빼면 남는
#    시간은 무엇에 쓰였을까요?
# 3. 여러분의 부품이 나갔을 때 `production.parts_out`은 몇이었나요? 부품 번호와 왜 다를까요?
# 4. "스마트공장은 사람이 없는 무인 공장이다"라는 말에 대해, 오늘 본 수준확인 단계를 근거로 반박해 보세요.
#
# 1. Which of the three OEE factors was lowest over the 30 minutes, and how does it relate to the belts running while
#    the oven heated up? (`availability`, `performance`, `quality` in `result.kpis`)
# 2. Between being fed and being inspected, your part spent about 4 s in the CNC and about 30 s in the oven: what
#    was the rest of the time?
# 3. What was `production.parts_out` when your part left, and why does it differ from the part's id?
# 4. Argue against "a smart factory is a factory without people" using the 수준확인 levels.
#
# ## 10. 더 해 보기 / Going further
#
# * `make_line_controller(feed_from=150)`으로 오븐이 덜 데워졌을 때부터 부품을 보내 보세요. 품질과 OEE는 어떻게
#   바뀌나요? (`result.kpis["defects_by_cause"]`)
# * 1시간(3600초)을 돌리면 OEE는 더 높아질까요? 예측한 뒤 확인해 보세요.
#
# * Feed parts from a colder oven with `make_line_controller(feed_from=150)`: what happens to quality and OEE?
#   (`result.kpis["defects_by_cause"]`)
# * Would a 1-hour run (3600 s) give a higher OEE? Predict, then try.
