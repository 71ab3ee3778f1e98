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
#     id: historian
#     unit: 2
#     hours: 2
#     checks: [historian]
#     title_ko: "기록기(히스토리언)로 한 교대의 데이터 모으기, 그리고 교실 라인"
#     title_en: "Collecting a shift's data with the historian, and the class line"
# ---

# %% [markdown]
# # 실습 2-2. 기록기(히스토리언)로 한 교대의 데이터 모으기
#
# 스마트공장의 첫걸음은 **설비 데이터가 자동으로 모이는 것**입니다. SCADA와 MES 옆에는 보통 **기록기(히스토리언,
# historian)**가 있어서 태그 값을 일정한 간격으로 시간과 함께 저장합니다. 이 실습에서는 라인을 30분 돌리며
# 태그 10개를 1초마다 SQLite 파일에 기록하고, 그 파일을 표(pandas DataFrame)로 읽어 1분 단위로 정리합니다.
#
# **교육목표**
# 1. 기록할 태그를 태그 표에서 이름으로 고르고, 알맞은 간격으로 SQLite 기록기에 기록한다.
# 2. 기록 파일을 표로 읽어 1분 단위로 묶고(리샘플링), 한 구간의 평균을 구한다.
# 3. 여러 사람이 한 라인에 접속할 때 Modbus 쓰기가 부딪히는 문제를 설명한다.
#
# ---
#
# # Lab 2-2. Collecting a shift's data with the historian
#
# The first step of a smart factory is **equipment data collected automatically**. Next to SCADA and MES there is
# usually a **historian** that stores tag values at a fixed interval with their time. In this lab you run the line
# for 30 minutes, record ten tags every second into an SQLite file, read the file as a table (a pandas DataFrame)
# and summarise it per minute.
#
# **Objectives**
# 1. Choose the tags to record by name from the tag table and record them into the SQLite historian at a sensible
#    interval.
# 2. Read the recording as a table, group it per minute (resample) and take the mean of one period.
# 3. Explain what goes wrong when several people write to one line over Modbus.

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# 기록할 태그는 생산 실적(`production`), 컨베이어1, 오븐, 냉각수 탱크에 있습니다. 아래 표는 태그 표에서 읽은
# 것입니다. 이름이 비슷한 태그가 많으니 **설명과 단위**를 잘 보세요.
#
# The tags to record belong to the production counters, conveyor1, the oven and the coolant tank. The table below
# is read from the tag table; many names look alike, so read the **description and unit**.

# %%
from pathlib import Path

import pandas as pd

import factorylab
from factorylab import data
from factorylab.control.reference import make_line_controller

line = factorylab.connect(scenario="line")
rows = [
    tag.as_record() for device in ("production", "conveyor1", "oven", "tank") for tag in line.tags.of_device(device)
]
pd.DataFrame(rows)[["name", "table", "type", "unit", "description_ko", "description_en"]]

# %% [markdown]
# ## 2. 예측 질문 / Prediction
#
# 1. 30분 동안 1초마다 기록하면 몇 행이 될까요? 스캔마다(0.05초) 기록하면요?
# 2. 그 기록을 1분 단위로 묶으면 몇 행이 될까요?
# 3. 라인을 켠 직후 오븐은 차갑습니다. 30분 전체의 오븐 평균 온도와 20~30분의 평균 온도 중 어느 쪽이 높을까요?
#
# 1. Recording every second for 30 minutes gives how many rows? Every scan (0.05 s)?
# 2. How many rows when grouped per minute?
# 3. The oven is cold when the line starts. Which is higher: the oven's mean over all 30 minutes or over minutes
#    20-30?

# %% [markdown]
# ## 3. 과제 2-5: 30분 기록하기 (25분) / Exercise 2-5: record 30 minutes (25 min)
#
# **(가) 태그 고르기.** 아래 10가지를 기록합니다. 각각 태그 이름을 찾아 `tags`에 쓰세요.
#
# | # | 기록할 것 | what to record |
# |---|---|---|
# | 1 | 라인 상태 (정지, 운전, 대기 ...) | line state |
# | 2 | 공급기가 라인에 올린 부품 수 | parts the feeder put on the line |
# | 3 | 배출구로 나간 부품 수 | parts that left at the outfeed |
# | 4 | 지금까지의 OEE (%) | OEE so far (%) |
# | 5 | 컨베이어1 모터 전류 (A) | conveyor1 motor current (A) |
# | 6 | 컨베이어1 벨트가 실제로 움직이는 속도 (mm/s) | conveyor1's actual belt speed (mm/s) |
# | 7 | 오븐 온도 (°C, 16비트 레지스터) | oven temperature (°C, 16-bit register) |
# | 8 | 히터 출력 (%) | heater power (%) |
# | 9 | 오븐 안의 부품 수 | parts inside the oven |
# | 10 | 냉각수 탱크 수위 (mm) | coolant tank level (mm) |
#
# <details><summary>힌트 / Hint</summary>
#
# 설정값(%)과 측정값(mm/s), 원시값(counts)과 공학 단위(°C, mm)를 구별하세요. 확실하지 않으면
# `line.info("태그 이름")`으로 설명과 단위를 확인합니다.
#
# Tell a setpoint (%) from a measurement (mm/s) and raw counts from engineering units (°C, mm). When unsure,
# `line.info("tag name")` shows the description and unit.
# </details>

# %%
STORE = "shift.sqlite"
tags = [
    # 태그 이름 10개 / ten tag names, e.g. "production.state",
]
### BEGIN SOLUTION
tags = [
    "production.state",
    "production.parts_in",
    "production.parts_out",
    "production.oee",
    "conveyor1.current",
    "conveyor1.belt_speed",
    "oven.temperature",
    "oven.heater",
    "oven.parts_inside",
    "tank.level",
]
### END SOLUTION

# %% [markdown]
# **(나) 기록하기.** 라인 전체를 돌리는 참조 컨트롤러(`make_line_controller()`)로 30분(시뮬레이션 시간)을
# 빨리감기로 돌리며, `tags`를 1초마다 `STORE` 파일에 기록하세요. `factorylab.run()`의 `record=`는 기록할 태그,
# `record_every=`는 기록 간격(초), `store=`는 파일 이름입니다. `seconds=`는 **초** 단위입니다.
# 첫 줄은 이전에 만든 파일을 지웁니다: `run()`을 부를 때마다 파일에 새 기록(run)이 더해지기 때문입니다.
#
# **(b) Record.** Run the reference controller for the whole line (`make_line_controller()`) for 30 minutes of
# simulated time, fast-forward, recording `tags` every second into the file `STORE`. In `factorylab.run()`,
# `record=` is the tags, `record_every=` the interval (s), `store=` the file; `seconds=` counts **seconds**. The
# first line deletes an earlier file: every call of `run()` adds a new run to the file.

# %%
Path(STORE).unlink(missing_ok=True)  # 새 파일로 시작 / start a fresh file
line = factorylab.connect(scenario="line")
controller = make_line_controller()
# result = factorylab.run(controller, line, seconds=..., record=..., record_every=..., store=STORE)
### BEGIN SOLUTION
result = factorylab.run(controller, line, seconds=30 * 60, record=tags, record_every=1, store=STORE)
### END SOLUTION

# %% [markdown]
# **(다) 읽기.** `data.load()`는 기록 파일을 표로 읽습니다. 인덱스 `t`는 시뮬레이션 시간(초), 열은 태그입니다.
# `run=-1`은 파일의 마지막 기록만 읽습니다.
#
# **(c) Load.** `data.load()` reads the file as a table: the index `t` is the simulated time (s), one column per tag;
# `run=-1` reads the file's newest run only.

# %%
frame = data.load(STORE, run=-1)
print(len(frame), "행 / rows,", Path(STORE).stat().st_size // 1024, "KB")
frame.head()

# %% [markdown]
# **(라) 1분 단위로 묶기.** 1초마다 한 행이면 30분에 1800행입니다. 분마다 **평균**을 내어 30행짜리 표
# `per_minute`을 만드세요. pandas의 `resample("1min")`은 시간으로 된 인덱스가 필요합니다: 초를
# `pd.to_timedelta(frame.index, unit="s")`로 바꾸세요.
#
# **(d) Per minute.** One row a second is 1800 rows in 30 minutes. Make `per_minute`, a table of 30 rows holding
# each minute's **mean**. pandas' `resample("1min")` needs a time index: turn the seconds into one with
# `pd.to_timedelta(frame.index, unit="s")`.
#
# <details><summary>힌트 / Hint</summary>
#
# `frame.resample("1min")` 다음에 무엇을 할지(더하기, 마지막 값, 평균 ...)를 골라야 표가 나옵니다.
# `groupby(frame.index // 60)`도 같은 일을 합니다.
#
# After `frame.resample("1min")` you choose what to do with each minute (sum, last value, mean ...) to get a table.
# `groupby(frame.index // 60)` does the same.
# </details>

# %%
per_minute = None
### BEGIN SOLUTION
frame.index = pd.to_timedelta(frame.index, unit="s")
per_minute = frame.resample("1min").mean()
### END SOLUTION
per_minute

# %% [markdown]
# **(마) 한 구간의 값.** 20~30분(1200초 이상 1800초 미만)의 오븐 평균 온도(°C)를 `oven_mean`에 넣으세요.
#
# **(e) One figure.** Put the mean oven temperature (°C) over minutes 20-30 (from 1200 s up to 1800 s) in
# `oven_mean`.

# %%
oven_mean = None
### BEGIN SOLUTION
oven_mean = per_minute["oven.temperature"].iloc[20:30].mean()
### END SOLUTION
oven_mean

# %% [markdown]
# 검사는 여러분의 파일을 직접 열어 태그, 간격, 길이를 보고, 분 단위 표와 평균을 파일에서 다시 계산한 값과
# 비교합니다 (평균은 1 % 안).
#
# The check opens your file to see its tags, spacing and length, and compares your table and mean with the values
# recomputed from the file (the mean within 1 %).

# %%
answer = {"store": STORE, "per_minute": per_minute, "oven_mean": oven_mean}
result = factorylab.check(answer, "historian")
result

# %% [markdown]
# 분 단위 표를 그려 봅시다: 오븐이 데워지는 동안 나온 부품은 OEE를 어떻게 바꿨을까요?
#
# Plot the per-minute table: what did the parts made while the oven warmed up do to the OEE?

# %%
if per_minute is not None:
    minutes = range(len(per_minute))
    axes = pd.DataFrame(
        {
            "oven.temperature (°C)": per_minute["oven.temperature"].to_numpy(),
            "production.parts_out": per_minute["production.parts_out"].to_numpy(),
            "production.oee (%)": per_minute["production.oee"].to_numpy(),
        },
        index=pd.Index(minutes, name="분 / minute"),
    ).plot(subplots=True, figsize=(8, 6), drawstyle="steps-post")

# %% [markdown]
# ## 4. 과제 2-6: 교실 라인 — "Modbus에는 주인이 없다" (15분) / Exercise 2-6: the class line (15 min)
#
# 선생님이 교실 네트워크에 시뮬레이터 하나를 엽니다 (`factorylab sim --scenario conveyor --host 0.0.0.0`).
# 모두가 같은 라인을 **읽고**, 정해진 한 팀만 **씁니다**. `TEACHER`를 선생님이 알려 준 주소로 바꾸고
# `LIVE = True`로 실행하세요. 60초 동안 1초마다 기록해 그래프를 그립니다.
#
# 1. 쓰기 팀이 `conveyor1.speed`를 40 %로, 그다음 80 %로 바꿉니다. 모든 팀의 그래프에 같은 변화가 보이나요?
# 2. 이번에는 두 팀이 동시에, 서로 다른 속도(30 %와 90 %)를 1초마다 씁니다. 라인은 어떻게 될까요?
#
# The teacher opens one simulator on the classroom network (`factorylab sim --scenario conveyor --host 0.0.0.0`).
# Everyone **reads** the same line; only one agreed team **writes**. Set `TEACHER` to the address you are given and
# run with `LIVE = True`: it records every second for 60 s and plots. (1) The writing team sets `conveyor1.speed` to
# 40 %, then 80 %: does every team's plot show it? (2) Now two teams write different speeds (30 % and 90 %) every
# second at the same time: what does the line do?

# %%
TEACHER = "teacher-pc:5020"  # 선생님이 알려 준 주소 / the address your teacher gives
WRITING_TEAM = False  # 쓰기 팀만 True / True for the writing team only
SPEED = 40  # 쓰기 팀이 쓸 속도 (%) / the speed the writing team writes (%)
LIVE = False
if LIVE:
    class_line = factorylab.connect(TEACHER)

    def team(line, t):
        if WRITING_TEAM:
            line.conveyor1.run = True
            line.conveyor1.speed = SPEED

    watched = ["conveyor1.run", "conveyor1.speed", "conveyor1.belt_speed", "conveyor1.current"]
    shared = factorylab.run(team, class_line, seconds=60, record=watched, record_every=1)
    shared.plot()

# %% [markdown]
# **토론: "Modbus에는 주인이 없다"**
# * Modbus 서버는 누가 쓰든 마지막에 쓴 값을 따릅니다. 두 팀이 서로 다른 값을 쓰면 어떤 일이 생겼나요?
# * 실제 공장에서는 같은 출력을 PLC, HMI, SCADA가 모두 쓸 수 있습니다. 누가 언제 써도 되는지는 무엇으로
#   정할까요? (PLC 프로그램이 출력을 가지고, HMI는 설정값만 쓰고, 쓰기 권한과 인터록 ...)
# * `--host 0.0.0.0`으로 연 라인에는 같은 네트워크의 누구나 쓸 수 있습니다. Modbus에는 암호도 로그인도 없습니다.
#   공장에서는 이 위험을 어떻게 줄일까요?
#
# **Discussion: "Modbus has no owner"**
# * A Modbus server follows the last value written, whoever wrote it. What happened when two teams wrote different
#   values?
# * In a plant the PLC, an HMI and SCADA could all write the same output. What decides who may write what, and
#   when? (the PLC program owns the outputs, the HMI writes setpoints only, write permissions, interlocks ...)
# * Anyone on the network can write to a line opened with `--host 0.0.0.0`; Modbus has no password and no login.
#   How do plants keep that risk small?

# %% [markdown]
# ## 5. 분석 질문 / Analysis
#
# 1. 스마트공장 수준에서 "설비 데이터가 자동으로 집계됨"은 어느 수준일까요? 오늘 만든 기록이 그 일을 하나요?
# 2. 1초 간격 대신 스캔마다(0.05초) 기록하면 파일은 몇 배가 될까요? 1초 간격이 놓치는 것은 무엇일까요?
#    (힌트: 광전센서를 부품이 가리는 시간은 0.3초쯤)
# 3. `per_minute`에서 `production.parts_out`의 평균은 "그 분에 나간 부품 수"가 아닙니다. 그 분에 나간 부품 수는
#    어떻게 구할까요?
# 4. 오븐 평균 온도를 20~30분에서 잰 까닭은 무엇일까요?
#
# 1. Which smart-factory level is "equipment data tallied automatically"? Does today's recording do that?
# 2. How many times bigger is the file when recording every scan (0.05 s) instead of every second? What does a 1 s
#    interval miss? (Hint: a part blocks a photo-eye for about 0.3 s.)
# 3. The per-minute mean of `production.parts_out` is not "the parts that left in that minute". How do you get
#    those?
# 4. Why was the oven's mean taken over minutes 20-30?

# %% [markdown]
# ## 6. 더 해 보기 / Going further
#
# * `data.export(STORE, "shift.csv")`로 기록을 CSV로 내보내 엑셀에서 열어 보세요.
# * 같은 기록을 `factorylab sim --record shift_live.sqlite --record-tags ...`로 실시간 시뮬레이터에서도 만들 수
#   있습니다. 빨리감기 기록과 무엇이 다를까요?
# * 분마다 나간 부품 수(`production.parts_out`의 분마다 마지막 값의 차이)를 구해 막대그래프로 그려 보세요.
#
# * Export the recording with `data.export(STORE, "shift.csv")` and open it in a spreadsheet.
# * The live simulator records too: `factorylab sim --record shift_live.sqlite --record-tags ...`. How does it differ
#   from the fast-forward recording?
# * Compute the parts that left in each minute (the difference of each minute's last `production.parts_out`) and
#   draw them as bars.
