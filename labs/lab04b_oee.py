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
#     id: oee
#     unit: 4
#     hours: 3
#     checks: [oee_shift, six_losses, dashboard]
#     title_ko: OEE와 설비 6대 로스, 생산 현황판
#     title_en: OEE, the six big losses and a production dashboard
# ---

# %% [markdown]
# # 실습 4-2. OEE와 설비 6대 로스, 생산 현황판
#
# 공장장은 아침마다 묻습니다. "어제 라인은 얼마나 잘 돌았나?" 그 답이 **OEE**(설비 종합 효율)입니다. 이 실습에서는
# 휴식과 고장이 있는 1시간 교대 근무를 돌리고, 카운터(`production.*`)로 가용성·성능·품질·OEE를 직접 계산하고,
# 잃어버린 시간을 **설비 6대 로스**로 나누어 어디서 시간이 새는지 찾고, 마지막으로 라인의 상태와 OEE를 보여 주는
# **생산 현황판**을 만들어 패널의 4자리 표시기(`panel.display`)에 띄웁니다.
#
# **교육목표**
# 1. 교대 근무의 카운터로 가용성, 성능, 품질, OEE를 계산하고, 계획 시간과 가동 시간을 설비의 정의대로 잡는다.
# 2. 실제 실행의 사건과 고장을 설비 6대 로스로 나누고, 로스의 합이 계획 시간 − 완전 생산 시간임을 보인다.
# 3. `line.snapshot()`으로 라인 상태(이름), 수량, OEE를 보여 주는 현황판 함수를 만들고, 시작할 때(모든 수가 0)에도
#    멈추지 않게 한다.
#
# ---
#
# # Lab 4-2. OEE, the six big losses and a production dashboard
#
# Every morning the plant manager asks: "how well did the line run yesterday?" The answer is **OEE (overall equipment
# effectiveness)**. In this lab you run a one-hour shift with a break and faults, compute availability,
# performance, quality and OEE from the counters (`production.*`), split the lost time into the **six big losses**
# to find where time leaks away, and build a **production dashboard** of the line's state and OEE that you show on
# the panel's four-digit display (`panel.display`).
#
# **Objectives**
# 1. Compute availability, performance, quality and OEE from a shift's counters, taking planned and operating time
#    as the plant defines them.
# 2. Sort the events and faults of a real run into the six big losses and show that they add up to planned time −
#    fully productive time.
# 3. Build a dashboard function that shows the line's state (by name), counts and OEE from `line.snapshot()`, and
#    does not stop at the start, when every count is 0.

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# 라인(`production`)은 스스로 시간을 네 가지로 나누어 셉니다: 부품이 움직이며 운전(`run_time`), 벨트는 돌지만 부품이
# 움직이지 않음(`idle_time`: 공급 부족·막힘), 정지 또는 비상정지(`stop_time`), 설비 정지(`down_time`: 고장, 공구 교체,
# 모터 과부하). 이 넷을 더하면 라인이 켜진 뒤의 모든 시간입니다. 부품은 투입(`parts_in`), 배출(`parts_out`),
# 불량함(`parts_rejected`), 그리고 실제 양품(`parts_good`)으로 셉니다. 아래 표는 태그 표에서 읽은 것입니다.
#
# The line (`production`) splits its time four ways: running with parts moving (`run_time`), belts running with
# nothing moving (`idle_time`: starved or blocked), stopped or E-stop (`stop_time`), down (`down_time`: a failure,
# a tool change, a motor overload). The four add up to all the time since the line started. Parts are counted in
# (`parts_in`), out (`parts_out`), into the reject bin (`parts_rejected`) and truly good (`parts_good`). The table
# below is read from the tag table.

# %%
import matplotlib.pyplot as plt
import pandas as pd

import factorylab
from factorylab.control.reference import make_line_controller
from factorylab.labs.lab04b_oee_checks import shift_controller, shift_line, shift_plan

MY_SEED = 1  # 여러분의 번호 / your number

line = shift_line(MY_SEED)
rows = []
for name in [
    "production.state",
    "production.run_time",
    "production.idle_time",
    "production.stop_time",
    "production.down_time",
    "production.ideal_cycle_time",
    "production.parts_in",
    "production.parts_out",
    "production.parts_rejected",
    "production.parts_good",
    "production.availability",
    "production.performance",
    "production.quality",
    "production.oee",
    "cnc.state",
    "panel.display",
]:
    tag = line.info(name).tag
    rows.append(
        {"tag": name, "unit": tag.unit or "-", "Modbus": f"{tag.table} {tag.address}", "설명": tag.description_ko}
    )
pd.DataFrame(rows)

# %% [markdown]
# ## 2. 예측 질문 / Predict first
#
# 여러분의 교대 근무는 1시간(3600초)입니다. 1초에 작업자가 기동 버튼을 누르고, 중간에 10분 휴식 동안 라인 전체를
# 끄고(오븐도 식습니다), 컨베이어 걸림과 공구 파손이 한 번씩 일어납니다. 실행하기 전에 적어 보세요. (1) 가용성,
# 성능, 품질 가운데 무엇이 가장 낮을까요? (2) OEE는 몇 %쯤일까요? 흔히 말하는 "세계 수준" 85 %보다 높을까요?
#
# Your shift is one hour (3600 s). The operator presses start at 1 s, switches the whole line off for a 10-minute
# break (the oven cools too), and a belt jams and a tool breaks once each. Write down before you run it: (1) which of
# availability, performance and quality will be lowest? (2) about what OEE? Above the often quoted "world class"
# 85 %?

# %%
plan = shift_plan(MY_SEED)
print(f"휴식 / break: {plan['break_at']:.0f} s ~ {plan['break_end']:.0f} s")
print(
    f"걸림 / jam: {plan['jam_at']:.0f} s ({plan['jam_belt']}), 공구 파손 / tool breakage: {plan['breakage_at']:.0f} s"
)
result = factorylab.run(
    shift_controller(),
    line,
    seconds=3600,
    record=["production.state", "cnc.state", "oven.temperature", "production.oee"],
    record_every=1,
)
figure = result.plot(["production.state", "oven.temperature", "production.oee"])
result

# %% [markdown]
# ## 3. 과제 4-3: 교대 근무의 OEE (25분) / Exercise 4-3: OEE of a shift (25 min)
#
# OEE는 세 비율의 **곱**입니다 (단원 0에서 해 보았습니다).
#
# * **가용성** = 가동 시간 / 계획 시간
# * **성능** = 이상 사이클 타임 × 완성 수 / 가동 시간
# * **품질** = 양품 수 / 완성 수
# * **OEE** = 가용성 × 성능 × 품질
#
# 예: 계획 480분, 가동 420분, 이상 사이클 1분에 400개 완성, 양품 380개 → 420/480 × 400/420 × 380/400 = 79.2 %.
#
# 어려운 것은 **어떤 시간과 어떤 수를 넣을까**입니다. 이 라인(설비)의 정의를 따르세요:
#
# * 계획 시간 = 라인이 켜진 뒤의 **모든** 시간 = `run_time + idle_time + stop_time + down_time`. 휴식도 들어갑니다.
#   휴식을 계획 시간에서 빼는 회사도 많습니다. 회사마다 정의가 다르니, 숫자를 비교할 때는 정의부터 확인하세요.
# * 가동 시간 = `run_time + idle_time`. FactoryLab은 벨트가 돌며 부품을 기다린 시간(대기)도 가동 시간으로 세므로,
#   그 손실은 가용성이 아니라 **성능**에 나타납니다.
# * 완성 수 = `parts_out + parts_rejected` (라인을 떠난 부품). 양품 수 = `parts_good` (실제로 결함이 없는 부품).
#
# 함수 `oee(k)`를 완성하세요. `k`는 `k["run_time"]`처럼 읽는 카운터 사전이고(키는 `production.`을 뺀 태그 이름),
# 돌려줄 값은 **퍼센트**(0~100) 네 개가 든 사전 `{"availability": ..., "performance": ..., "quality": ..., "oee": ...}`
# 입니다. 검사는 숨은 교대 근무 여섯 개와 **여러분의 교대 근무**(`line=line`: 설비가 계산한 `production.availability`
# ... `production.oee`와 비교, ±0.5 %p)로 함수를 확인합니다. 계산이 과제이므로 `oee()` 안에서 설비의 값
# (`line.production.oee` 같은 태그)을 읽으면 검사가 알려 줍니다.
#
# **힌트**: 먼저 아래에 출력된 여러분의 카운터로 종이에 계산해 보세요. 비율(0~1)끼리 곱한 뒤 마지막에 100을 곱합니다.
#
# OEE is the **product** of three ratios (you met it in unit 0): availability = operating / planned time;
# performance = ideal cycle time × finished / operating time; quality = good / finished. Example: 420/480 × 400/420 ×
# 380/400 = 79.2 %. The hard part is **which times and counts go in**; follow this plant's definitions: planned time
# is **all** the time since the line started, `run_time + idle_time + stop_time + down_time`, the break included
# (many companies leave breaks out: definitions vary, so check them before comparing numbers); operating time is
# `run_time + idle_time` (FactoryLab counts belts waiting for parts as operating, so that loss shows in
# **performance**); finished = `parts_out + parts_rejected`; good = `parts_good` (truly without a defect). Complete
# `oee(k)`: `k` is a dict of counters read as `k["run_time"]` (tag names without `production.`); return a dict of
# four **percentages (0-100)**. The check tries it on six hidden shifts and on **your shift** (`line=line`: against
# the plant's own `production.availability` ... `production.oee`, ±0.5 pp). The calculation is the exercise: reading
# the plant's figures (tags such as `line.production.oee`) inside `oee()` is reported. **Hint**: first work it out
# on paper from your counters printed below; multiply the ratios (0-1), then by 100 at the end.

# %%
snapshot = line.snapshot()
k = {
    name: snapshot["production." + name]
    for name in [
        "run_time",
        "idle_time",
        "stop_time",
        "down_time",
        "ideal_cycle_time",
        "parts_in",
        "parts_out",
        "parts_rejected",
        "parts_good",
    ]
}
k


# %%
def oee(k):
    ### BEGIN SOLUTION
    operating = k["run_time"] + k["idle_time"]
    planned = operating + k["stop_time"] + k["down_time"]
    finished = k["parts_out"] + k["parts_rejected"]
    availability = operating / planned
    performance = min(1.0, k["ideal_cycle_time"] * finished / operating)
    quality = k["parts_good"] / finished
    return {
        "availability": 100 * availability,
        "performance": 100 * performance,
        "quality": 100 * quality,
        "oee": 100 * availability * performance * quality,
    }
    ### END SOLUTION


# %%
result_oee = factorylab.check(oee, "oee_shift", line=line)
result_oee

# %% [markdown]
# 생각해 보기: 품질에 `parts_good` 대신 검사의 판정(`parts_out`, 배출구로 보낸 수)을 쓰면 어떻게 될까요? 진짜 공장은
# 실제 양품 수를 모르고 검사 결과만 압니다. 검사가 놓친 불량(`production.parts_missorted`)이 있으면 두 값은 다릅니다.
#
# Think: what if quality used the inspection's verdict (`parts_out`, sent to the outfeed) instead of `parts_good`?
# A real plant knows only its inspection results, never the true good count; whenever the inspection or the sorting
# missed (`production.parts_missorted`), the two differ.
#
# ## 4. 과제 4-4: 설비 6대 로스 (25분) / Exercise 4-4: the six big losses (25 min)
#
# OEE가 60 %라면 나머지 40 %의 시간은 어디로 갔을까요? TPM(전원 참가 생산 보전)은 잃어버린 시간을 **설비 6대
# 로스**로 나눕니다. 여러분의 교대 근무에서 각 로스가 몇 **초**인지 구하세요.
#
# | 키 | 로스 | OEE 요소 | 이 라인에서 |
# |---|---|---|---|
# | `planned_stop` | 계획 정지(휴식) | (6대 로스 밖) | 작업자가 멈춘 시간: `stop_time` |
# | `breakdown` | 고장 | 가용성 | `down_time` 가운데 공구 교체가 아닌 시간 (CNC 고장, 걸림으로 모터 과부하) |
# | `setup` | 작업 준비·조정(공구 교환) | 가용성 | `down_time` 가운데 `cnc.state`가 4(공구 교체)인 시간 |
# | `minor_stops` | 일시 정지·공회전 | 성능 | 벨트는 돌지만 부품이 없거나 막힌 시간: `idle_time` |
# | `speed` | 속도 저하 | 성능 | 운전 시간 − 이상 사이클 타임 × 완성 수 |
# | `defects` | 공정 불량 | 품질 | 이상 사이클 타임 × (정상 운전 중에 생긴 불량 수) |
# | `startup` | 초기 수율(시작 불량) | 품질 | 이상 사이클 타임 × (오븐이 덜 데워졌을 때 나온 경도 부족 `soft` 불량 수) |
#
# 계획 정지는 TPM에서 6대 로스에 넣지 않습니다(계획 시간에서 먼저 뺍니다). 이 라인은 휴식도 계획 시간으로 세므로,
# 설비의 계획 시간에 맞추려고 따로 한 줄로 둡니다. 불량 하나는 이상 사이클 타임만큼의 시간을 버린 것입니다. 마지막에
# 일곱 항목을 더하면 **계획 시간 − 완전 생산 시간**(완전 생산 시간 = 이상 사이클 타임 × 양품 수)과 같아야 합니다.
#
# 공구 교체 시간은 기록(`result.history`)에서 셉니다: 1초마다 기록했으므로, `production.state`가 4(설비 정지)이고
# `cnc.state`가 4(공구 교체)인 줄의 수가 곧 초입니다. 불량의 원인별 수는 `result.kpis["defects_by_cause"]`에 있습니다.
#
# **힌트**: 아래 표에서 사건과 고장을 먼저 살펴보세요. 걸림(`jam`) 뒤의 `overload_trip`은 무엇을 멈추게 했나요? 휴식이
# 끝난 뒤 처음 나온 부품은 왜 불량일까요?
#
# If OEE is 60 %, where did the other 40 % of the time go? TPM sorts the lost time into the **six big losses**. Find
# how many **seconds** of your shift went to each (table above: key, loss, OEE factor, what it is on this line).
# TPM keeps planned stops out of the six losses (they come off planned time first); this plant counts the break as
# planned time, so it gets its own row to match the plant's planned time. Each defective part wasted one ideal cycle
# time. The seven entries must add up to **planned time − fully productive time** (fully productive time = ideal
# cycle time × good parts). Count the tool changes in the history: recorded every second, the rows where
# `production.state` is 4 (down) and `cnc.state` is 4 (tool change) are its seconds. Defects by cause are in
# `result.kpis["defects_by_cause"]`. **Hint**: look at the events and faults below first. What did the
# `overload_trip` after the jam stop? Why are the first parts after the break defective?

# %%
events = result.events
print(events[~events.kind.isin(["part_fed", "part_at", "part_out", "part_rejected", "order_complete", "missorted"])])
print(result.faults)
history = result.history
print(history.groupby(["production.state", "cnc.state"]).size().rename("초 / s"))
result.kpis

# %%
losses = {
    "planned_stop": None,
    "breakdown": None,
    "setup": None,
    "minor_stops": None,
    "speed": None,
    "defects": None,
    "startup": None,
}
### BEGIN SOLUTION
kpis = result.kpis
ideal = kpis["ideal_cycle_time"]
finished = kpis["parts_out"] + kpis["rejected"]
soft = kpis["defects_by_cause"]["soft"]
tool_change = float(((history["production.state"] == 4) & (history["cnc.state"] == 4)).sum())
losses = {
    "planned_stop": kpis["stop_time"],
    "breakdown": kpis["down_time"] - tool_change,
    "setup": tool_change,
    "minor_stops": kpis["idle_time"],
    "speed": kpis["run_time"] - ideal * finished,
    "defects": ideal * (finished - kpis["good"] - soft),
    "startup": ideal * soft,
}
### END SOLUTION

# %%
result_losses = factorylab.check(losses, "six_losses", result=result)
result_losses

# %% [markdown]
# 로스를 큰 것부터 막대그래프로 그려 보세요. 어느 로스부터 줄이겠습니까? 휴식 동안 오븐을 켜 두면 어떤 로스가
# 줄어들까요?
#
# Draw the losses as bars, biggest first. Which loss would you attack first? Which losses would shrink if the oven
# stayed on during the break?

# %%
if all(isinstance(value, (int, float)) for value in losses.values()):
    names = {
        "planned_stop": "계획 정지",
        "breakdown": "고장",
        "setup": "작업 준비·조정",
        "minor_stops": "일시 정지·공회전",
        "speed": "속도 저하",
        "defects": "공정 불량",
        "startup": "초기 수율",
    }
    ordered = sorted(losses, key=losses.get, reverse=True)
    fig, ax = plt.subplots(figsize=(8, 3.5))
    ax.bar([names[key] for key in ordered], [losses[key] / 60 for key in ordered], color="#c0504d")
    ax.set_ylabel("잃어버린 시간 (분)")
    ax.set_title("설비 6대 로스와 계획 정지 / six big losses and the planned stop")
    ax.tick_params(axis="x", labelrotation=20)
    fig.tight_layout()

# %% [markdown]
# ## 5. 과제 4-5: 생산 현황판 (25분) / Exercise 4-5: a production dashboard (25 min)
#
# 현장의 현황판(앤돈, SCADA 화면)은 라인의 상태와 수량, OEE를 한눈에 보여 줍니다. `line.snapshot()`은 모든 태그의
# 지금 값을 `{"production.state": 1, ...}` 모양의 사전으로 줍니다. 함수 `dashboard(snapshot)`을 완성하세요. 돌려줄
# 사전의 여섯 항목:
#
# * `"state"`: 라인 상태의 **이름** (예: `"운전"`, `"대기"` 또는 `"running"`): 번호는 `line.info("production.state")`에서
#   이름을 찾으세요.
# * `"finished"`: 완성 수 (배출 + 불량함), `"good"`: 양품 수
# * `"oee"`: OEE, % (0~100): 과제 4-3의 `oee()`를 쓰거나 `production.oee`를 읽어도 됩니다.
# * `"operating_min"`: 가동 시간(`run_time + idle_time`), **분**
# * `"display"`: `panel.display`에 보낼 정수: 0~9999의 4자리 표시기에 OEE를 **0.1 % 단위**로 (58.7 % → 587)
#
# 검사는 실제 라인의 숨은 스냅숏 열두 개(시작할 때, 예열 중, 운전 중, 설비 정지, 정지, 비상정지)로 확인합니다.
# **시작할 때는 모든 수가 0입니다**: 0으로 나누지 않도록 하세요.
#
# A plant's dashboard (andon board, SCADA screen) shows the line's state, counts and OEE at a glance.
# `line.snapshot()` gives every tag's value now as a dict `{"production.state": 1, ...}`. Complete
# `dashboard(snapshot)`, returning six entries: `"state"`, the state's **name** (e.g. `"running"`, `"idle"` or the
# Korean names; look the numbers up in `line.info("production.state")`); `"finished"` (outfeed + reject bin) and
# `"good"`; `"oee"` in % (0-100: your `oee()` of exercise 4-3, or `production.oee`); `"operating_min"`, the
# operating time (`run_time + idle_time`) in **minutes**; `"display"`, the whole number to send to `panel.display`,
# a four-digit 0-9999 display, OEE in **tenths of a %** (58.7 % → 587). The check uses twelve hidden snapshots of a
# real line (the start, warming up, running, down, stopped, E-stop). **At the start every count is 0**: do not
# divide by zero.

# %%
line.info("production.state")


# %%
def dashboard(snapshot):
    ### BEGIN SOLUTION
    names = {0: "정지", 1: "운전", 2: "대기", 3: "비상정지", 4: "설비 정지"}
    oee_percent = snapshot["production.oee"]
    return {
        "state": names[snapshot["production.state"]],
        "finished": snapshot["production.parts_out"] + snapshot["production.parts_rejected"],
        "good": snapshot["production.parts_good"],
        "oee": oee_percent,
        "operating_min": (snapshot["production.run_time"] + snapshot["production.idle_time"]) / 60,
        "display": round(oee_percent * 10),
    }
    ### END SOLUTION


# %%
result_board = factorylab.check(dashboard, "dashboard")
result_board

# %% [markdown]
# ## 6. 실시간 시뮬레이터에서 확인 / On the live simulator
#
# 다른 터미널에서 `factorylab sim --scenario line`을 실행하고(또는 `factorylab start`가 띄운 시뮬레이터를 쓰고)
# `LIVE = True`로 바꿔 실행하세요. 기준 제어기가 라인을 3분 동안 돌리고, 1초마다 여러분의 `dashboard`로 스냅숏을
# 읽어 현황판을 출력하고 OEE를 패널의 4자리 표시기(`panel.display`)에 띄웁니다. 시뮬레이터 창의 표시기를 보세요.
#
# Run `factorylab sim --scenario line` in another terminal (or use the simulator `factorylab start` opened) and set
# `LIVE = True`: the reference controller runs the line for 3 minutes, and every second your `dashboard` reads a
# snapshot, prints the board and puts OEE on the panel's four-digit display (`panel.display`). Watch the display in
# the simulator's window.

# %%
LIVE = False
if LIVE:
    live_line = factorylab.connect("127.0.0.1:5020")
    reference = make_line_controller()

    def with_dashboard(line, t, m):
        reference(line, t)
        if t >= m.get("next_board", 0):
            m["next_board"] = t + 1.0
            board = dashboard(line.snapshot())
            line.panel.display = max(0, min(9999, int(board["display"])))
            print(
                f"{t:6.0f} s  {board['state']:6}  완성 {board['finished']:4}  양품 {board['good']:4}  OEE {board['oee']:5.1f} %"
            )

    live = factorylab.run(with_dashboard, live_line, seconds=180)
    live

# %% [markdown]
# ## 7. 분석 질문 / Questions
#
# 1. 여러분의 교대 근무에서 가장 큰 로스는 무엇이었나요? 그것을 줄이는 방법 두 가지를 적어 보세요.
# 2. 휴식을 계획 시간에서 빼는 회사의 OEE는 여러분의 값보다 높을까요, 낮을까요? 두 공장의 OEE를 비교할 때 무엇을
#    먼저 확인해야 하나요?
# 3. FactoryLab은 대기 시간(부품을 기다림)을 가동 시간으로 셉니다. 이것을 고장처럼 가용성 로스로 세는 회사라면
#    가용성과 성능은 어떻게 바뀌나요? OEE는 바뀌나요?
# 4. 품질을 검사 판정으로 계산하면 실제 품질과 얼마나 다른가요? 검사를 믿을 수 없다면 무엇을 해야 할까요?
#
# 1. Which loss was biggest in your shift? Write two ways to reduce it.
# 2. Would a company that leaves breaks out of planned time report a higher or lower OEE than yours? What must you
#    check first when you compare two plants' OEE?
# 3. FactoryLab counts idle time (waiting for parts) as operating time. For a company that counts it as an
#    availability loss, how would availability and performance change? Would OEE change?
# 4. How far is quality from the inspection's verdict from the true quality? What would you do if you could not
#    trust the inspection?
#
# ## 8. 더 해 보기 / Going further
#
# * `shift_controller(feed_from=210)`으로 오븐이 다 데워진 뒤에만 공급해 보세요. 초기 수율 로스와 일시 정지·공회전
#   로스는 어떻게 바뀌나요?
# * 휴식 동안 오븐 히터를 켜 두는 제어기를 만들어(단원 3의 자기유지를 떠올리세요) 같은 시드로 OEE를 비교해 보세요.
# * 현황판에 불량률과 시간당 생산 수(부품/h)를 더해 보세요.
#
# * Feed only once the oven is fully hot with `shift_controller(feed_from=210)`: how do the start-up and the minor
#   stops losses change?
# * Write a controller that keeps the oven's heater on in the break (remember unit 3's seal-in) and compare OEE on
#   the same seed.
# * Add the defect rate and parts per hour to your dashboard.
