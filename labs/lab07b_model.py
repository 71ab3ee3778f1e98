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
#     id: failure_prediction
#     unit: 7
#     hours: 3
#     checks: [leakage, failure_model]
#     title_ko: "고장 예측 모델: 누설, 분할, 클래스 가중치, 임계값"
#     title_en: "A failure-prediction model: leakage, splits, class weights, a threshold"
# ---

# %% [markdown]
# # 실습 7-2. 고장 예측 모델: 누설, 분할, 클래스 가중치, 임계값
#
# 인터넷의 AI4I 2020 노트북들은 CNC 고장을 F1 0.99로 "예측"합니다. 대부분은 답이 들어 있는 열(고장 유형 TWF, HDF ...)을
# 특성으로 넣었거나, 학습한 데이터로 다시 평가했기 때문입니다. 이 실습에서는 먼저 **언제 예측하는가**를 정하고 그때 아는
# 열만 고른 뒤(누설 막기), 시간으로 나눈 데이터로 클래스 가중치를 준 모델을 학습하고 판정 임계값을 직접 고릅니다.
#
# **교육목표**
# 1. 예지(가공 전에 예측)와 진단(가공 중 측정으로 판정)을 구별하고, 부품 표의 열마다 그 시점에 아는 값인지 따져 누설되는
#    열을 이유와 함께 찾는다.
# 2. 데이터를 무작위가 아니라 시간(또는 공구)으로 나누고, 훈련 데이터로 잰 점수와 시험 데이터로 잰 점수를 구별한다.
# 3. scikit-learn 파이프라인(범주 인코딩 + 클래스 가중치를 준 랜덤 포레스트)을 학습하고, 임계값을 골라 숨은 데이터에서
#    재현율 0.20 이상, 정밀도 0.25 이상을 얻는다.
#
# ---
#
# # Lab 7-2. A failure-prediction model: leakage, splits, class weights, a threshold
#
# The AI4I 2020 notebooks on the internet "predict" CNC failures with an F1 of 0.99. Most of them put columns that
# hold the answer (the failure modes TWF, HDF ...) among the features, or scored the model on the data it learned
# from. In this lab you first decide **when you predict** and keep only the columns known then (no leakage), then
# train a class-weighted model on data split by time and choose the decision threshold yourself.
#
# **Objectives**
# 1. Tell prognosis (predict before the part starts) from diagnosis (judge from what is measured while it is
#    machined), and for every column of the parts table decide whether it is known at that moment, naming each
#    leaking column with its reason.
# 2. Split the data by time (or by tool), not at random, and tell a score measured on the training data from one
#    measured on test data.
# 3. Train a scikit-learn pipeline (category encoding + a class-weighted random forest), choose a threshold, and
#    reach recall 0.20 or more and precision 0.25 or more on hidden data.

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# 부품 표의 CNC 열은 아래 태그에서 옵니다. 설명을 읽고 **언제** 값이 생기는지 보세요 (가공 시작 때? 가공 중?).
#
# The CNC columns of the parts table come from these tags. Read the descriptions and see **when** each value exists
# (when machining starts? while machining?).

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import FixedThresholdClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder

import factorylab

MY_SEED = 1  # 여러분의 번호 / your number

line = factorylab.connect(scenario="cnc", seed=MY_SEED)
for name in ["cnc.grade", "cnc.air_temperature", "cnc.process_temperature", "cnc.spindle_speed", "cnc.torque",
             "cnc.tool_wear", "cnc.failure_modes"]:  # fmt: skip
    tag = line.info(name).tag
    print(f"{name:24} {tag.unit or '-':4} {tag.description_ko}")

# %% [markdown]
# 여러분의 교대 데이터 8시간을 만듭니다 (10초쯤). 부품 표의 열과 설명입니다.
#
# Make eight hours of your own shift's data (about 10 s). These are the parts table's columns and what they mean.

# %%
parts, machines = factorylab.data.shift(seed=MY_SEED, hours=8, scenario="cnc", faults=True, tool_policy="mixed")
parts = parts[parts["torque"].notna()].reset_index(drop=True)  # 가공 기록이 있는 부품만 / parts with a machining record
for column, (unit, _english, korean) in parts.attrs["columns"].items():
    print(f"{column:20} {unit or '-':5} {korean}")
print(len(parts), "부품 / parts,", int(parts["machine_failure"].sum()), "고장 / failures")

# %% [markdown]
# ## 2. 예측 질문 / Predict first
#
# (1) 모든 열을 넣고 학습하면 F1이 얼마나 나올까요? 그 모델을 공장에서 쓸 수 있을까요? (2) 부품 데이터를 무작위로 섞어
# 나누면 시험 점수는 시간으로 나눌 때보다 높을까요, 낮을까요? (3) 임계값을 0.5에서 0.2로 낮추면 재현율과 정밀도는
# 어떻게 변할까요?
#
# (1) If you train on every column, what F1 will you get? Could the factory use that model? (2) If you shuffle the
# parts at random before splitting, will the test score be higher or lower than with a split by time? (3) If you lower
# the threshold from 0.5 to 0.2, what happens to recall and precision?

# %% [markdown]
# ## 과제 7-3. 누설: 가공 전에 예측할 때 쓸 수 있는 열 (25분) / Exercise 7-3. Leakage: the columns you may use before the part starts (25 min)
#
# 과제: **"부품을 가공하기 전에, 이 부품에서 CNC가 고장 날지 예측한다"** (예지, prognosis). 예측이 쓸모 있으려면
# 예측하는 그 순간에 이미 아는 값만 써야 합니다. 나중에야 아는 값을 쓰면 **누설**(leakage)입니다: 학습 때 점수는
# 아주 좋지만, 공장에서는 그 값이 아직 없어서 쓸 수 없습니다.
#
# 부품 표의 열마다 "가공을 시작하기 전에 이 값을 아는가?"를 물어, 쓸 수 있는 열만 리스트 `prognosis_columns`에 넣으세요.
# 검사는 빠뜨린 열과 누설되는 열을 하나하나 이유와 함께 알려 줍니다.
#
# Task: **"before the part is machined, predict whether the CNC will fail on it"** (prognosis). A useful prediction
# uses only values already known at the moment it is made. Using a value known only later is **leakage**: the score
# is excellent in training, but in the factory the value does not exist yet.
#
# Ask of every column "do I know this value before machining starts?" and put only the usable ones in the list
# `prognosis_columns`. The check names every missing column and every leaking one with its reason.
#
# *힌트 / Hint:* 위 표의 설명에 "가공 시작 때"와 "가공 중"이 있습니다. 고장 유형, 검사, 오븐, 출하는 모두 CNC 다음에
# 일어납니다. 부품 번호는 원인일까요? / The descriptions say "when machining started" or "while machining". Failure
# modes, inspection, the oven and shipping all happen after the CNC. Is a part number a cause?
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 토크와 회전수는 가공하는 동안에만 잽니다: 진단(가공 중 판정)에는 쓰지만, 가공 전 예측에는 아직 없는 값입니다.
# 쓸 수 있는 열은 다섯 개(공급 시각까지 여섯 개)입니다.
#
# Torque and speed are measured only while the part is machined: fine for diagnosis, not there yet for prognosis.
# Five columns are usable (six with the feed time).
# </details>

# %%
prognosis_columns = []
### BEGIN SOLUTION
prognosis_columns = ["type", "grade", "air_temperature", "process_temperature", "tool_wear"]
### END SOLUTION

# %%
result = factorylab.check(prognosis_columns, "leakage")
result

# %% [markdown]
# 누설이 점수를 얼마나 부풀리는지 직접 보세요: 고장 유형을 특성으로 넣은 모델은 훈련 데이터에서 거의 완벽합니다. 과제 7-4의
# 검사 `failure_model`은 이런 모델을 `leak:HDF`처럼 열 이름으로 알려 줍니다. 가공 중 측정값까지 쓰는 **진단** 목록은
# `task="diagnosis"`로 검사할 수 있습니다.
#
# See how much leakage inflates a score: a model given the failure modes is nearly perfect on its training data. The
# check `failure_model` of exercise 7-4 names such a model by its columns, e.g. `leak:HDF`. A **diagnosis** list
# (values measured while machining allowed) is checked with `task="diagnosis"`.

# %%
leaky = ["tool_wear", "torque", "rotational_speed", "TWF", "HDF", "PWF", "OSF"]
cheat = RandomForestClassifier(30, random_state=0).fit(parts[leaky], parts["machine_failure"].astype(int))
print(
    "누설 모델의 F1 / the leaky model's F1:",
    round(f1_score(parts["machine_failure"].astype(int), cheat.predict(parts[leaky])), 2),
)

# %% [markdown]
# ## 과제 7-4. 시간으로 나누고, 클래스 가중치와 임계값을 고른 모델 (40분) / Exercise 7-4. Split by time, class weights and a threshold (40 min)
#
# 이번 모델은 **진단**입니다: 가공 중에 잰 값(회전수, 토크)까지 써서 "이 부품에서 CNC가 고장 났는가"를 판정합니다.
# 검사 `failure_model`은 여러분의 모델을 학습에 쓰지 않은 숨은 교대 두 개(2시간씩)에서 채점합니다.
#
# **(1) 나누기.** `fed_at`(공급 시각)으로 앞의 70 %를 `train`, 뒤의 30 %를 `test`로 나누세요. 무작위로 섞지 않는 까닭:
# 공장에서는 과거로 학습해 미래를 예측합니다. 이웃한 부품은 공기 온도와 공구 마모가 비슷해서, 섞으면 시험 데이터가
# 훈련 데이터의 "이웃"이 됩니다. 공구마다 나누기(`tool = (parts["tool_wear"].diff() < 0).cumsum()`)도 좋습니다.
#
# **(1) Split.** Put the first 70 % by `fed_at` (feed time) in `train` and the last 30 % in `test`. Why not shuffle:
# a factory learns from the past to predict the future, and neighbouring parts share air temperature and tool wear, so
# a shuffled test set is made of the training set's "neighbours". Splitting by tool
# (`tool = (parts["tool_wear"].diff() < 0).cumsum()`) is fine too.

# %%
FEATURES = ["type", "grade", "air_temperature", "process_temperature", "rotational_speed", "torque", "tool_wear"]
train, test = None, None
### BEGIN SOLUTION
cut = parts["fed_at"].quantile(0.7)
train = parts[parts["fed_at"] < cut]
test = parts[parts["fed_at"] >= cut]
### END SOLUTION
if train is not None:
    print(len(train), "train,", len(test), "test; 고장 / failures:", int(train["machine_failure"].sum()),
          int(test["machine_failure"].sum()))  # fmt: skip

# %% [markdown]
# **(2) 파이프라인.** 고장은 부품 100개 중 5개쯤뿐이라, 보통 모델은 "늘 고장 없음"으로 답해 정확도 95 %를 얻습니다.
# `class_weight="balanced"`는 드문 고장 하나를 흔한 정상 부품 여러 개만큼 무겁게 셉니다. `type`과 `grade`는 글자라
# `OneHotEncoder`로 숫자 열로 바꿉니다. 파이프라인(`make_pipeline`)은 이 변환과 모델을 하나로 묶어, 숨은 데이터에도
# 똑같이 적용합니다. `train`으로만 학습하세요.
#
# **(2) The pipeline.** Only about 5 parts in 100 fail, so a plain model answers "never fails" and gets 95 %
# accuracy. `class_weight="balanced"` counts one rare failure as much as many common good parts. `type` and `grade`
# are letters: `OneHotEncoder` turns them into number columns. A pipeline (`make_pipeline`) ties the conversion and
# the model together so hidden data gets exactly the same treatment. Fit on `train` only.

# %%
forest = None
### BEGIN SOLUTION
encoder = make_column_transformer((OneHotEncoder(handle_unknown="ignore"), ["type", "grade"]), remainder="passthrough")
forest = make_pipeline(
    encoder, RandomForestClassifier(100, class_weight="balanced", min_samples_leaf=3, random_state=0)
)
forest.fit(train[FEATURES], train["machine_failure"].astype(int))
### END SOLUTION

# %% [markdown]
# **(3) 임계값.** 모델은 부품마다 고장 확률 `predict_proba`를 냅니다. 보통 0.5 이상을 "고장"으로 판정하지만, 놓친 고장과
# 헛경보 중 무엇이 더 비싼지에 따라 임계값을 고릅니다. 아래 표는 `test`에서 임계값마다 재현율, 정밀도, F1입니다.
# 공장장의 요구는 "놓친 고장이 헛경보보다 조금 더 비싸다"입니다: `test`에서 재현율이 정밀도 이상인 임계값 중 가장 높은
# 것을 골라 `threshold`에 넣고, 그 임계값으로 판정하는 모델 `model`과 **`test`에서 잰** F1 `f1_test`를 만드세요.
# 검사에 `reported=f1_test`와 `train=train`을 주면, 검사가 `train`에서 모델의 F1을 직접 재어 여러분의 점수가 훈련
# 데이터로 잰 것인지도 알려 줍니다.
#
# **(3) The threshold.** The model gives each part a failure probability (`predict_proba`). Usually 0.5 or more
# means "failure", but you choose the threshold by what costs more: a missed failure or a false alarm. The table
# below gives recall, precision and F1 on `test` for each threshold. The plant manager says "a missed failure costs
# a little more than a false alarm": put the highest threshold whose recall on `test` is at least its precision in
# `threshold`, make `model`, which
# decides with that threshold, and `f1_test`, its F1 **measured on `test`**. Given `reported=f1_test` and
# `train=train`, the check measures the model's F1 on `train` itself and tells you whether your score was measured on
# the training data.
#
# *힌트 / Hint:* `FixedThresholdClassifier(forest, threshold=...)`(`sklearn.model_selection`)는 모델을 감싸 임계값을
# 바꿉니다. `.fit(...)`을 한 번 더 하세요. / `FixedThresholdClassifier(forest, threshold=...)` (in
# `sklearn.model_selection`) wraps a model with another threshold; call `.fit(...)` on it once more.

# %%
if forest is not None:
    truth = test["machine_failure"].astype(int)
    risk = forest.predict_proba(test[FEATURES])[:, 1]
    thresholds = np.arange(0.1, 0.95, 0.1)
    rows = []
    for th in thresholds:
        said = (risk >= th).astype(int)
        rows.append((round(th, 1), recall_score(truth, said), precision_score(truth, said, zero_division=0),
                     f1_score(truth, said)))  # fmt: skip
    table = pd.DataFrame(rows, columns=["threshold", "recall", "precision", "F1"]).round(2)
    print(table.to_string(index=False))
    figure, ax = plt.subplots(figsize=(7, 3.5))
    ax.plot(table["threshold"], table["recall"], "o-", label="재현율 / recall")
    ax.plot(table["threshold"], table["precision"], "s-", label="정밀도 / precision")
    ax.plot(table["threshold"], table["F1"], "^-", label="F1")
    ax.set_xlabel("임계값 / threshold")
    ax.set_ylabel("시험 데이터 점수 / test score")
    ax.legend()
    plt.show()

# %%
threshold = None
model = None
f1_test = None
### BEGIN SOLUTION
catches = table[table["recall"] >= table["precision"]]  # 재현율 ≥ 정밀도 / recall ≥ precision
threshold = float(catches["threshold"].max())
model = FixedThresholdClassifier(forest, threshold=threshold).fit(train[FEATURES], train["machine_failure"].astype(int))
f1_test = f1_score(test["machine_failure"].astype(int), model.predict(test[FEATURES]))
print("임계값 / threshold", threshold, " test F1", round(f1_test, 2))
### END SOLUTION

# %%
result = factorylab.check(model, "failure_model", reported=f1_test, train=train)
result

# %% [markdown]
# 훈련 데이터로 잰 F1과 비교해 보세요: 이 숫자를 보고했다면 검사가 "훈련 데이터로 평가했나요?"라고 묻습니다.
#
# Compare with the F1 measured on the training data: had you reported this number, the check would ask "did you
# evaluate on the training data?".

# %%
if model is not None:
    print("train F1:", round(f1_score(train["machine_failure"].astype(int), model.predict(train[FEATURES])), 2),
          " test F1:", round(f1_test, 2))  # fmt: skip

# %% [markdown]
# ## 3. 실시간 시뮬레이터에서 확인 / Check on the live simulator
#
# 다른 터미널에서 `factorylab sim --scenario cnc`를 실행하거나 `factorylab start`가 연 시뮬레이터를 쓰고
# `LIVE = True`로 바꾸세요. 참조 제어기가 CNC를 돌리는 동안, 부품 가공이 끝날 때마다 여러분의 모델이 `cnc.torque`,
# `cnc.spindle_speed`, `cnc.tool_wear`로 고장 확률을 계산해 출력합니다. 시뮬레이터 창의 고장과 비교하세요.
#
# Run `factorylab sim --scenario cnc` in another terminal (or use the simulator `factorylab start` opened) and set
# `LIVE = True`. While the reference controller runs the CNC, your model computes a failure probability from
# `cnc.torque`, `cnc.spindle_speed` and `cnc.tool_wear` for every part machined; compare with the failures in the
# simulator's window.

# %%
LIVE = False
if LIVE:
    from factorylab.control.reference import make_cnc_controller

    live_line = factorylab.connect("127.0.0.1:5020")
    run_cnc = make_cnc_controller()

    def watch(line, t, m):
        run_cnc(line, t)
        if line.cnc.busy and line.cnc.torque > 0 and not m.get("seen"):
            m["seen"] = True
            row = pd.DataFrame([{
                "type": "A", "grade": "?LMH"[line.cnc.grade], "air_temperature": line.cnc.air_temperature,
                "process_temperature": line.cnc.process_temperature, "rotational_speed": line.cnc.spindle_speed,
                "torque": line.cnc.torque, "tool_wear": line.cnc.tool_wear,
            }])  # fmt: skip
            print(f"{t:6.0f} s  위험 / risk {model.predict_proba(row)[0, 1]:.2f}")
        if not line.cnc.busy:
            m["seen"] = False

    factorylab.run(watch, live_line, seconds=300)

# %% [markdown]
# ## 4. 분석 질문 / Questions
#
# 1. 과제 7-3의 목록으로 만든 예지 모델은 진단 모델보다 점수가 낮습니다. 그래도 공장에 더 쓸모 있는 경우는 언제인가요?
# 2. 놓친 고장 하나가 공구값의 10배이고 헛경보 하나는 기계를 30초 세우는 값이라면, 임계값을 올려야 할까요, 내려야 할까요?
# 3. 여러분의 `test` F1과 검사가 잰 숨은 데이터의 F1은 얼마나 다른가요? 왜 다를 수 있나요?
#
# 1. A prognosis model built on your list of exercise 7-3 scores lower than the diagnosis model. When is it still more
#    useful in the factory?
# 2. If a missed failure costs 10 tools and a false alarm stops the machine for 30 s, should the threshold go up or
#    down?
# 3. How far is your `test` F1 from the F1 the check measured on hidden data? Why can they differ?

# %% [markdown]
# ## 5. 더 해 보기 / Going further
#
# * `prognosis_columns`만으로 같은 파이프라인을 학습해 `test`에서 재현율과 정밀도를 재고, 진단 모델과 비교하세요.
# * `train_test_split(parts, shuffle=True)`로 무작위로 나눈 시험 점수와 시간으로 나눈 점수를 비교하세요.
#
# * Train the same pipeline on `prognosis_columns` only, measure recall and precision on `test` and compare with the
#   diagnosis model.
# * Compare the test score of a random split (`train_test_split(parts, shuffle=True)`) with the one split by time.
