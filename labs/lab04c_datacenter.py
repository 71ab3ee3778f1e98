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
#     id: datacenter
#     unit: 4
#     hours: 1.5
#     checks: [compare_lines]
#     title_ko: "반의 데이터 센터: 라인 비교와 모은 데이터로 만든 모델"
#     title_en: "The class's data centre: comparing lines and a model on pooled data"
# ---

# %% [markdown]
# # 실습 4-3. 반의 데이터 센터: 라인 비교와 모은 데이터로 만든 모델
#
# 스마트공장 지원 사업은 공장 한 곳의 데이터를 넘어, 여러 공장의 데이터를 **제조 데이터 센터**에 모아 AI로 분석하고
# 스타트업에 **공개 데이터**로 내놓습니다. 이 실습에서는 그 길을 반의 라인으로 따라갑니다. 학생마다 라인 하나를 돌리고,
# 각 라인은 데이터를 MQTT로 선생님의 데이터 센터에 **업링크**합니다. 데이터 센터에 모인 표로 라인들을 비교하고, 모든
# 라인의 부품을 **모은 데이터**로 불량 예측 모델을 만들어 라인 하나의 데이터로 만든 모델과 비교합니다.
#
# **교육목표**
# 1. 데이터 센터의 태그 표본에서 라인마다 가용성, 성능, 품질, OEE를 구하고, 가장 나쁜 라인과 그 라인의 가장 큰 로스를
#    찾는다. (과제 4-6)
# 2. 여러 라인의 부품 데이터를 모아 만든 불량 예측 모델과 한 라인의 데이터로 만든 모델을 처음 보는 라인에서 비교하고,
#    모은 데이터가 왜 도움이 되는지 설명한다. (과제 4-7)
#
# ---
#
# # Lab 4-3. The class's data centre: comparing lines and a model on pooled data
#
# Smart-factory programmes go beyond one factory's data: they gather many factories' data in a **manufacturing data
# centre**, analyse it with AI and open it to startups as **open data**. In this lab you follow that chain with the
# class's lines. Each student runs a line, and each line **uplinks** its data over MQTT to the teacher's data centre.
# You compare the lines from the data centre's tables, and train a defect model on the **pooled** parts of all lines
# and compare it with a model trained on one line's data.
#
# **Objectives**
# 1. From the data centre's tag samples, find each line's availability, performance, quality and OEE, the worst line
#    and that line's biggest loss. (Exercise 4-6)
# 2. Compare, on a line it has never seen, a defect model trained on the pooled parts of many lines with one trained
#    on a single line, and explain why pooled data helps. (Exercise 4-7)

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# 수업에서는 선생님이 데이터 센터를 켜고(`factorylab datacenter collect --embedded-broker`), 학생은 자기 라인을
# `factorylab sim --uplink mqtt://선생님PC:1883`으로 돌립니다. 라인은 5초마다 태그 값(**표본**), 사건, 고장, 완성된
# 부품 하나하나를 보냅니다. 집이나 연습에서는 `practice.class_store()`가 라인 여섯 대를 빠르게 돌려 같은 모양의 데이터
# 센터를 만듭니다(약 10초). 수업에서는 `DATACENTER`에 선생님의 주소를 넣기만 하면 됩니다. 아래 표는 표본이 싣는 태그의
# 일부로, 태그 표에서 읽은 것입니다.
#
# In class the teacher starts the data centre (`factorylab datacenter collect --embedded-broker`) and each student runs
# a line with `factorylab sim --uplink mqtt://TEACHER-PC:1883`. A line sends its tag values every 5 s (a **sample**),
# its events, faults and every finished part. At home or for practice, `practice.class_store()` runs six lines
# fast-forward into a data centre of the same shape (about 10 s). In class, just put the teacher's URL in
# `DATACENTER`. The table shows some of the tags a sample carries, read from the tag table.

# %%
import matplotlib.pyplot as plt
import pandas as pd
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.tree import DecisionTreeClassifier

import factorylab
from factorylab import practice
from factorylab.datacenter import queries
from factorylab.uplink.schema import DEFAULT_TAGS

MY_SEED = 1  # 여러분의 번호 / your number

DATACENTER = practice.class_store("class.sqlite", lines=6, hours=1, seed=MY_SEED)
# 수업에서는 / in class: DATACENTER = "sqlite:///선생님이/알려준/class.sqlite"  (또는 postgresql://...)

line = factorylab.connect(scenario="line", seed=MY_SEED)
rows = []
for name in [tag for tag in DEFAULT_TAGS if tag.startswith("production.")][:19]:
    tag = line.info(name).tag
    rows.append({"tag": name, "unit": tag.unit or "-", "설명": tag.description_ko})
pd.DataFrame(rows)

# %% [markdown]
# ## 2. 예측 질문 / Predict first
#
# 반의 라인 여섯 대는 같은 설비지만 설정이 조금씩 다릅니다 (오븐 설정 온도, 오븐에 머무는 시간, 공구 교체 시점). 표를
# 보기 전에 적어 보세요. (1) 라인들의 OEE는 몇 %p쯤 차이 날까요? (2) 한 라인의 데이터 700개로 만든 불량 예측 모델과
# 다섯 라인의 데이터 3,500개로 만든 모델 가운데, 처음 보는 여섯 번째 라인에서 어느 쪽이 불량을 더 잘 찾을까요? 왜 그럴까요?
#
# The class's six lines are the same machines with slightly different settings (oven setpoint, time in the oven,
# when tools are changed). Before you look, write down: (1) how many percentage points apart will the lines' OEE be?
# (2) which defect model finds more defects on a sixth line it has never seen: one trained on one line's 700 parts,
# or one trained on five lines' 3,500 parts? Why?

# %%
queries.lines(DATACENTER)

# %% [markdown]
# ## 3. 과제 4-6: 라인 비교 (30분) / Exercise 4-6: comparing the lines (30 min)
#
# `queries.samples(db)`는 데이터 센터의 태그 표본을 한 줄에 하나씩 돌려줍니다: `line`, `t`(시뮬레이션 초), `wall`(보낸
# 시각), 그리고 태그마다 한 열(`production.oee` ...). 여러 라인의 표본이 **섞여** 시간 순서로 들어 있습니다. 라인의
# `production.*` 값은 라인이 켜진 뒤 **지금까지** 센 값입니다. 그래서 라인의 OEE는 그 라인의 **마지막** 표본에 있습니다.
#
# 함수 `compare_lines(db)`를 완성하세요. 라인 이름을 행 이름(index)으로, 열 네 개 `availability`, `performance`,
# `quality`, `oee`(모두 %, 0~100)를 가진 DataFrame을 돌려줍니다. 검사는 숨은 반 두 개와 **여러분의 데이터 센터**
# (`db=DATACENTER`: 같은 데이터 센터에서 SQL로 읽은 값과 비교, ±0.25 %p)로 확인합니다. `groupby`, 반복문, 또는
# `queries.oee_by_line_day(db)` 가운데 무엇을 써도 됩니다.
#
# **힌트**: 먼저 `samples[samples.line == "line-01"].tail()`로 한 라인의 마지막 표본을 보세요. `oee`를 A, P, Q로 직접
# 계산한다면 더하거나 평균 내지 말고 곱하세요.
#
# `queries.samples(db)` gives the data centre's tag samples, one per row: `line`, `t` (simulated s), `wall` (when it
# was sent) and a column per tag (`production.oee` ...). The samples of all lines are **mixed**, in time order. A
# line's `production.*` values count **so far**, since the line started, so a line's OEE is in its **last** sample.
# Complete `compare_lines(db)`: return a DataFrame indexed by line name with four columns `availability`,
# `performance`, `quality`, `oee` (all in %, 0-100). The check tries it on two hidden classes and on **your data
# centre** (`db=DATACENTER`: against the values read from the same store with SQL, ±0.25 pp). Use `groupby`, a loop
# or `queries.oee_by_line_day(db)`, as you like. **Hint**: first look at one line's last samples with
# `samples[samples.line == "line-01"].tail()`. If you compute `oee` from A, P and Q yourself, multiply them: do not
# add or average.

# %%
samples = queries.samples(DATACENTER)
samples[["line", "t", "production.availability", "production.performance", "production.quality", "production.oee"]]


# %%
def compare_lines(db):
    ### BEGIN SOLUTION
    table = queries.samples(db)
    last = table.groupby("line").last()
    return pd.DataFrame(
        {
            "availability": last["production.availability"],
            "performance": last["production.performance"],
            "quality": last["production.quality"],
            "oee": last["production.oee"],
        }
    )
    ### END SOLUTION


# %%
result_lines = factorylab.check(compare_lines, "compare_lines", db=DATACENTER)
result_lines

# %% [markdown]
# 이제 표로 답하세요: OEE가 가장 낮은 라인(`worst_line`)은 어디이고, 그 라인의 세 요소 가운데 가장 낮은 것
# (`biggest_loss`: `"availability"`, `"performance"`, `"quality"` 중 하나)은 무엇인가요? 막대그래프로 확인하세요.
#
# Now answer from the table: which line has the lowest OEE (`worst_line`), and which of its three factors is lowest
# (`biggest_loss`: one of `"availability"`, `"performance"`, `"quality"`)? Check it on the bar chart.

# %%
worst_line = None
biggest_loss = None
### BEGIN SOLUTION
table = compare_lines(DATACENTER)
worst_line = table["oee"].idxmin()
biggest_loss = table.loc[worst_line, ["availability", "performance", "quality"]].idxmin()
### END SOLUTION
print(worst_line, biggest_loss)

# %%
if worst_line is not None:  # once you have answered above
    table = compare_lines(DATACENTER)
    fig, ax = plt.subplots(figsize=(8, 3.5))
    table[["availability", "performance", "quality", "oee"]].plot.bar(ax=ax, rot=0)
    ax.set_ylabel("%")
    ax.set_ylim(0, 100)
    ax.set_title("라인별 가용성, 성능, 품질, OEE / per line")
    fig.tight_layout()

# %% [markdown]
# ## 4. 과제 4-7: 모은 데이터로 만든 불량 예측 모델 (30분) / Exercise 4-7: a defect model on pooled data (30 min)
#
# `queries.parts(db)`는 모든 라인의 완성된 부품을 한 줄에 하나씩 줍니다 (`factorylab dataset`의 부품 표와 같은 열).
# `defect`는 실제 불량이면 1입니다. 한 라인을 **시험용**(`HELD_OUT`)으로 떼어 두고, 두 모델을 학습해 그 라인에서
# 비교하세요.
#
# * 모델 A: 여러분의 라인(`MY_LINE`) 하나의 부품으로 학습
# * 모델 B: 시험용 라인을 뺀 **모든 라인**의 부품을 모아서 학습
#
# 특성(`FEATURES`)은 오븐과 CNC에서 재는 공정 값입니다. 두 모델 모두 같은 `DecisionTreeClassifier(max_depth=4,
# class_weight="balanced", random_state=0)`를 씁니다. `scores` 사전에 두 모델의 재현율(불량 가운데 찾은 비율)과
# F1을 채우세요. 시험용 라인의 부품은 **학습에 쓰면 안 됩니다**.
#
# **힌트**: 행을 고르는 것은 `parts[parts.line == MY_LINE]`, 빼는 것은 `parts[parts.line != HELD_OUT]`입니다.
#
# `queries.parts(db)` gives every finished part of every line, one per row (the columns of `factorylab dataset`'s
# parts table); `defect` is 1 for a truly defective part. Keep one line apart for **testing** (`HELD_OUT`), train two
# models and compare them on it: model A on your own line's parts (`MY_LINE`) only; model B on the parts of **all
# lines but** the test line, pooled. The features (`FEATURES`) are process values the oven and the CNC measure; both
# models use the same `DecisionTreeClassifier(max_depth=4, class_weight="balanced", random_state=0)`. Fill `scores`
# with each model's recall (the share of defects it finds) and F1. The test line's parts must **not** be used for
# training. **Hint**: `parts[parts.line == MY_LINE]` picks rows, `parts[parts.line != HELD_OUT]` leaves some out.

# %%
parts = queries.parts(DATACENTER)
FEATURES = ["peak_temperature", "soak", "dwell", "tool_wear", "torque", "rotational_speed", "process_temperature"]
parts = parts.dropna(subset=FEATURES)
line_names = sorted(parts.line.unique())
MY_LINE, HELD_OUT = line_names[0], line_names[-1]
print(MY_LINE, HELD_OUT)
parts.groupby("line").defect_cause.value_counts().unstack(fill_value=0)

# %%
scores = {"one_line": {"recall": None, "f1": None}, "pooled": {"recall": None, "f1": None}}
### BEGIN SOLUTION
test = parts[parts.line == HELD_OUT]
for name, train in [("one_line", parts[parts.line == MY_LINE]), ("pooled", parts[parts.line != HELD_OUT])]:
    model = DecisionTreeClassifier(max_depth=4, class_weight="balanced", random_state=0)
    model.fit(train[FEATURES], train["defect"])
    predicted = model.predict(test[FEATURES])
    scores[name] = {
        "recall": recall_score(test["defect"], predicted),
        "f1": f1_score(test["defect"], predicted),
        "precision": precision_score(test["defect"], predicted, zero_division=0),
    }
### END SOLUTION
pd.DataFrame(scores)

# %% [markdown]
# 모델 A는 여러분의 라인에서 본 불량만 압니다. 시험용 라인에는 어떤 원인의 불량(`defect_cause`)이 있었나요? 그 원인의
# 불량은 여러분의 라인에 있었나요, 다른 라인에 있었나요?
#
# Model A only knows the defects your line showed it. Which defect causes (`defect_cause`) did the test line have?
# Were they on your line, or on other lines?

# %% [markdown]
# ## 5. 실시간으로: 반 전체의 데이터 센터 / Live: the whole class's data centre
#
# 수업에서는 선생님이 `factorylab datacenter collect --embedded-broker --db sqlite:///class.sqlite`로 데이터 센터를
# 켜고, 학생은 다른 터미널에서 `factorylab sim --scenario line --uplink mqtt://선생님PC:1883 --line line-07`
# 처럼 자기 라인을 돌립니다. 선생님이 알려 준 주소를 넣고 `LIVE = True`로 바꿔 실행하면, 같은 함수로 반 전체의 라인을
# 비교합니다. 선생님의 비교 페이지(`factorylab datacenter serve`)와 같은 값이 나오는지 보세요.
#
# In class the teacher starts the data centre with `factorylab datacenter collect --embedded-broker --db
# sqlite:///class.sqlite` and each student runs a line in another terminal, e.g. `factorylab sim --scenario line
# --uplink mqtt://TEACHER-PC:1883 --line line-07`. Put in the URL the teacher gives you and set `LIVE = True`:
# the same function compares the whole class's lines. Check that it shows what the teacher's comparison page
# (`factorylab datacenter serve`) shows.

# %%
LIVE = False
if LIVE:
    CLASS_DATACENTER = "sqlite:///class.sqlite"  # 선생님이 알려 준 주소 / the URL the teacher gives
    print(compare_lines(CLASS_DATACENTER))
    print(queries.compare(CLASS_DATACENTER))

# %% [markdown]
# ## 6. 분석 질문 / Questions
#
# 1. 가장 나쁜 라인의 가장 큰 로스는 무엇이었나요? 그 라인의 설정(`practice.line_settings(6, MY_SEED)`)에서 원인을
#    찾아 보세요.
# 2. 모은 데이터로 만든 모델이 처음 보는 라인에서 더 잘 맞힌 이유는 무엇일까요? 라인 하나의 데이터에 없던 것은 무엇인가요?
# 3. 데이터 센터는 라인 이름과 학교를 익명으로 바꾼 공개 데이터(`factorylab datacenter export`)를 내놓을 수 있습니다.
#    스타트업은 이 데이터로 무엇을 할 수 있을까요? (예: 불량 예측, 설비 비교 서비스)
# 4. 그 공개 데이터가 보여 주지 **않는** 것은 무엇일까요? (예: 라인의 설정과 작업자, 데이터를 보내지 않은 시간, 가상 라인과
#    실제 공장의 차이)
#
# 1. What was the worst line's biggest loss? Look for its cause in that line's settings
#    (`practice.line_settings(6, MY_SEED)`).
# 2. Why did the pooled model do better on a line it had never seen? What was missing from one line's data?
# 3. A data centre can publish open data with the lines and schools anonymised (`factorylab datacenter export`). What
#    could a startup do with it (e.g. defect prediction, a service that compares machines)?
# 4. What does that open data **not** show (e.g. the lines' settings and operators, the time a line sent nothing, how
#    a virtual line differs from a real plant)?
#
# ## 7. 더 해 보기 / Going further
#
# * `HELD_OUT`을 다른 라인으로 바꿔 보세요. 모은 데이터가 언제나 이기나요?
# * 라인마다 불량률을 `queries.defects_by_line_day(DATACENTER)`로 구해 `quality`와 비교해 보세요.
#
# * Try another `HELD_OUT` line. Does pooled data always win?
# * Get each line's defect rate with `queries.defects_by_line_day(DATACENTER)` and compare it with `quality`.
