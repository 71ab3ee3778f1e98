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
#     id: cnc_data
#     unit: 7
#     hours: 2
#     checks: [failure_modes, metrics_by_hand]
#     title_ko: CNC 데이터 탐색과 정확도의 함정
#     title_en: Exploring the CNC data, and why accuracy lies
# ---

# %% [markdown]
# # 실습 7-1. CNC 데이터 탐색과 정확도의 함정
#
# 고장을 예측하는 모델을 만들기 전에 데이터를 먼저 봅니다. CNC는 AI4I 2020 데이터셋의 규칙으로 고장 납니다: 공구 마모
# 고장(TWF), 열 방출 고장(HDF), 동력 고장(PWF), 과부하 고장(OSF), 무작위 고장(RNF). 여러분은 유형별 고장률을 세고,
# 과부하 한계와 동력 구간을 **데이터에서** 찾아냅니다. 그다음 고장이 3 % 정도로 드물 때 "정확도 97 %"가 왜 아무 뜻이
# 없을 수 있는지 혼동 행렬, 정밀도, 재현율, F1을 손으로 계산하며 확인합니다.
#
# **교육목표**
# 1. 부품 표에서 고장 유형별 고장률(%)을 계산하고, 마모 × 토크와 동력(토크 × 각속도)의 그림에서 과부하(OSF) 한계와
#    동력 고장(PWF) 구간을 단위(min·Nm, W)와 함께 추정한다.
# 2. 불균형 데이터에서 기준 모델(늘 "정상")의 정확도를 구하고, 혼동 행렬, 정밀도, 재현율, F1을 손으로 계산해 모델을 판단한다.
#
# ---
#
# # Lab 7-1. Exploring the CNC data, and why accuracy lies
#
# Before building a model that predicts failures, look at the data. The CNC fails by the rules of the AI4I 2020
# dataset: tool wear failure (TWF), heat dissipation failure (HDF), power failure (PWF), overstrain failure (OSF) and
# random failure (RNF). You count the failure rate of each mode and find the overstrain limit and the power band
# **from the data**. Then, with failures as rare as about 3 %, you see why "97 % accuracy" can mean nothing, computing
# the confusion matrix, precision, recall and F1 by hand.
#
# **Objectives**
# 1. Compute the failure rate (%) of each mode from the parts table, and estimate the overstrain (OSF) limit and the
#    power-failure (PWF) band, with their units (min·Nm, W), from plots of wear × torque and power (torque × angular
#    speed).
# 2. Compute the accuracy of a baseline that always says "fine" on imbalanced data, and judge a model by the confusion
#    matrix, precision, recall and F1 computed by hand.

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# 부품 표의 열은 CNC의 태그에서 옵니다. 아래 표는 태그 표에서 바로 읽은 것입니다.
#
# The parts table's columns come from the CNC's tags; the table below is read from the tag table.

# %%
import math

import matplotlib.pyplot as plt

import factorylab

MY_SEED = 1  # 여러분의 번호 / your number

line = factorylab.connect(scenario="cnc", seed=MY_SEED)
for name in ["cnc.grade", "cnc.torque", "cnc.spindle_speed", "cnc.tool_wear", "cnc.failure_modes"]:
    tag = line.info(name).tag
    print(f"{name:18} {tag.unit or '-':4} {tag.description_ko}")

# %% [markdown]
# 3시간짜리 교대를 공구를 고장 날 때까지 쓰는 방식(`tool_policy="run-to-failure"`)으로 만듭니다 (약 3초). 부품 한 개가
# 한 행입니다. `tool_wear`는 **분(min)** 단위의 공구 사용 시간, `torque`는 Nm, `rotational_speed`는 rpm입니다.
#
# We make a 3-hour shift in which each tool is used until it fails (`tool_policy="run-to-failure"`, about 3 s). One
# row per part. `tool_wear` is the tool's use in **minutes**, `torque` in Nm, `rotational_speed` in rpm.

# %%
parts, machines = factorylab.data.shift(seed=MY_SEED, hours=3, scenario="cnc", tool_policy="run-to-failure")
# 가공을 시작하기 전에 공구가 부러졌을 때 기계에 들어오던 부품은 가공 기록(토크, 회전수 ...)이 비어 있습니다(NaN): 뺍니다.
# A part being loaded when the tool broke, before machining started, has an empty machining record (torque, speed ...
# are NaN): drop it.
no_record = parts["torque"].isna()
print("가공 기록이 없는 부품 / parts without a machining record:", no_record.sum())
parts = parts[~no_record].copy()
for column in ["grade", "rotational_speed", "torque", "tool_wear", "machine_failure", "TWF", "OSF", "PWF"]:
    unit, english, korean = parts.attrs["columns"][column]
    print(f"{column:17} {unit or '-':4} {korean}")
parts[["grade", "rotational_speed", "torque", "tool_wear", "machine_failure", "TWF", "HDF", "PWF", "OSF", "RNF"]].head()

# %% [markdown]
# ## 2. 예측 질문 / Prediction question
#
# 계산하기 전에 적어 보세요: (1) 부품 100개 가운데 몇 개에서 CNC가 고장 날까요? (2) 모든 부품을 "정상"이라고만 답하는
# 모델의 정확도는 몇 %일까요? (3) 그 모델은 고장을 몇 개 찾아낼까요?
#
# Before computing, write down: (1) in how many of 100 parts does the CNC fail? (2) what accuracy does a model get
# that answers "fine" for every part? (3) how many failures does that model find?

# %% [markdown]
# ## 3. 과제 7-1: 고장 유형과 고장 한계 / Exercise 7-1: failure modes and their limits (30분 / 30 min)
#
# 먼저 그림을 봅니다. 왼쪽은 L 등급 부품의 공구 마모와 토크입니다: 과부하 고장(OSF)은 **마모 × 토크**가 어떤 값을
# 넘으면 일어납니다. 오른쪽은 동력(토크 × 각속도)의 분포입니다: 동력 고장(PWF)은 동력이 너무 작거나 너무 클 때
# 일어납니다. 각속도(rad/s) = rpm × 2π / 60이고, 토크(Nm) × 각속도(rad/s)는 와트(W)입니다.
#
# `explore(parts)`를 완성하세요. 돌려줄 사전:
# * `"TWF"`, `"HDF"`, `"PWF"`, `"OSF"`, `"RNF"`: 유형별 고장률, **%** (그 유형이 1인 부품 수 / 전체 부품 수 × 100);
# * `"osf_limit_L"`: L 등급의 과부하 한계 추정값, min·Nm;
# * `"pwf_low"`, `"pwf_high"`: 동력 고장이 없는 구간의 아래 끝과 위 끝 추정값, W.
#
# 검사는 여러분의 데이터와 **다른 설비**(한계가 조금씩 다른 숨은 데이터 3개)에서 함수를 부릅니다. 그래서 `cnc.py`의
# 숫자를 옮겨 적으면 통과하지 못합니다: 한계는 데이터에서 추정하세요. 한계와 구간 끝은 ±5 %까지 맞으면 됩니다.
#
# First look at the plots. Left: tool wear and torque of the grade L parts: an overstrain failure (OSF) happens when
# **wear × torque** exceeds some value. Right: the distribution of power (torque × angular speed): a power failure
# (PWF) happens when the power is too small or too large. Angular speed (rad/s) = rpm × 2π / 60, and torque (Nm) ×
# angular speed (rad/s) is in watts (W).
#
# Complete `explore(parts)`. The dict to return:
# * `"TWF"`, `"HDF"`, `"PWF"`, `"OSF"`, `"RNF"`: failure rate of each mode in **%** (parts with that mode = 1 / all
#   parts × 100);
# * `"osf_limit_L"`: your estimate of grade L's overstrain limit, min·Nm;
# * `"pwf_low"`, `"pwf_high"`: your estimates of the low and high edge of the band without power failures, W.
#
# The check calls your function on your data and on **other machines** (3 hidden tables whose limits differ a
# little), so numbers copied from `cnc.py` do not pass: estimate the limits from the data. Limits and edges may be
# off by up to ±5 %.

# %%
grade_l = parts[parts["grade"] == "L"]
power = parts["torque"] * parts["rotational_speed"] * 2 * math.pi / 60
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
ok, osf = grade_l[grade_l["OSF"] == 0], grade_l[grade_l["OSF"] == 1]
left.scatter(ok["tool_wear"], ok["torque"], s=4, color="tab:gray", label="정상 / fine")
left.scatter(osf["tool_wear"], osf["torque"], s=14, color="tab:red", label="OSF")
left.set_xlabel("공구 마모 / tool wear (min)")
left.set_ylabel("토크 / torque (Nm)")
left.set_title("L 등급 / grade L")
left.legend()
right.hist(power[parts["PWF"] == 0], bins=60, color="tab:gray", label="정상 / fine")
right.hist(power[parts["PWF"] == 1], bins=60, color="tab:red", label="PWF")
right.set_xlabel("동력 / power (W)")
right.set_ylabel("부품 수 / parts")
right.legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# **힌트**: 고장률은 `parts["OSF"].sum()`처럼 센 다음 전체 부품 수로 나눕니다. 한계는 "고장 난 부품 가운데 가장 작은
# 마모 × 토크"처럼 경계에 가장 가까운 부품에서 읽습니다. 등급을 먼저 고르는 것을 잊지 마세요.
#
# **Hint**: count a rate like `parts["OSF"].sum()` and divide by the number of all parts. Read a limit from the parts
# closest to the edge, like "the smallest wear × torque among the parts that failed". Do not forget to keep one grade
# first.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 동력 고장 부품은 두 무리입니다: 동력이 작은 무리와 큰 무리. 중앙값(`power.median()`)보다 작은 PWF 부품 가운데 가장 큰
# 동력이 아래 끝, 중앙값보다 큰 PWF 부품 가운데 가장 작은 동력이 위 끝에 가깝습니다.
#
# The power-failure parts form two groups, low and high. The largest power among the PWF parts below the median
# (`power.median()`) is close to the low edge; the smallest among those above it is close to the high edge.
#
# </details>


# %%
def explore(parts):
    """Failure rate per mode (%), grade L's overstrain limit (min·Nm) and the PWF power band (W), from the data."""
    ### BEGIN SOLUTION
    n = len(parts)
    answer = {mode: parts[mode].sum() / n * 100 for mode in ["TWF", "HDF", "PWF", "OSF", "RNF"]}
    grade_l = parts[parts["grade"] == "L"]
    strain = grade_l["tool_wear"] * grade_l["torque"]
    answer["osf_limit_L"] = strain[grade_l["OSF"] == 1].min()
    power = parts["torque"] * parts["rotational_speed"] * 2 * math.pi / 60
    middle = power.median()
    failed = power[parts["PWF"] == 1]
    answer["pwf_low"] = failed[failed < middle].max()
    answer["pwf_high"] = failed[failed > middle].min()
    return answer
    ### END SOLUTION


# %%
result = factorylab.check(explore, "failure_modes", parts=parts)
result

# %% [markdown]
# ## 4. 과제 7-2: 정확도의 함정 / Exercise 7-2: why accuracy lies (25분 / 25 min)
#
# 아래 "모델"은 아주 단순한 규칙입니다: 공구 마모가 200분을 넘으면 "고장"(1)이라고 예측합니다. `y_true`는 실제
# (`machine_failure`), `y_pred`는 예측입니다. 양성(1)은 **고장**입니다.
#
# `metrics(y_true, y_pred)`를 **scikit-learn 없이** 완성하세요. 돌려줄 사전 (비율은 0~1, scikit-learn과 같게):
# * `"baseline"`: 늘 많은 쪽(정상, 0)이라고 답하는 기준 모델의 정확도;
# * `"accuracy"`: 모델의 정확도;
# * `"tp"`, `"fp"`, `"fn"`, `"tn"`: 혼동 행렬의 네 칸 (tp: 고장을 고장이라고 맞힘, fp: 정상인데 고장이라고 함,
#   fn: 고장인데 정상이라고 함, tn: 정상을 정상이라고 맞힘);
# * `"precision"` = tp / (tp + fp), `"recall"` = tp / (tp + fn), `"f1"` = 2 × P × R / (P + R);
# * `"beats_baseline"`: 모델의 정확도가 기준 모델보다 높으면 True.
#
# The "model" below is a very simple rule: it predicts "failure" (1) when the tool wear exceeds 200 minutes.
# `y_true` is what happened (`machine_failure`), `y_pred` the prediction. Positive (1) means **failure**.
#
# Complete `metrics(y_true, y_pred)` **without scikit-learn**. The dict to return (fractions 0..1, as scikit-learn
# gives them):
# * `"baseline"`: the accuracy of a baseline that always answers the majority (fine, 0);
# * `"accuracy"`: the model's accuracy;
# * `"tp"`, `"fp"`, `"fn"`, `"tn"`: the four cells of the confusion matrix (tp: failure called failure, fp: fine
#   called failure, fn: failure called fine, tn: fine called fine);
# * `"precision"` = tp / (tp + fp), `"recall"` = tp / (tp + fn), `"f1"` = 2 × P × R / (P + R);
# * `"beats_baseline"`: True if the model's accuracy is higher than the baseline's.

# %%
y_true = parts["machine_failure"].astype(int).tolist()
y_pred = (parts["tool_wear"] > 200).astype(int).tolist()
print("부품 / parts:", len(y_true), " 고장 / failures:", sum(y_true), " 예측한 고장 / predicted failures:", sum(y_pred))

# %% [markdown]
# **힌트**: `zip(y_true, y_pred)`로 두 목록을 한 쌍씩 보며 네 칸을 세세요. 분모가 0이면 (예측한 고장이 하나도 없으면)
# 정밀도를 0으로 하세요.
#
# **Hint**: walk through both lists pair by pair with `zip(y_true, y_pred)` and count the four cells. If a denominator
# is 0 (no failure predicted at all), make precision 0.


# %%
def metrics(y_true, y_pred):
    """Baseline and model accuracy, confusion matrix, precision, recall, F1 (0..1) for labels 0/1 (1 = failure)."""
    ### BEGIN SOLUTION
    tp = fp = fn = tn = 0
    for t, p in zip(y_true, y_pred):  # noqa: B905 - two lists of the same length
        if t == 1 and p == 1:
            tp += 1
        elif t == 0 and p == 1:
            fp += 1
        elif t == 1 and p == 0:
            fn += 1
        else:
            tn += 1
    n = len(y_true)
    baseline = max(sum(y_true), n - sum(y_true)) / n
    accuracy = (tp + tn) / n
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {
        "baseline": baseline,
        "accuracy": accuracy,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "beats_baseline": accuracy > baseline,
    }
    ### END SOLUTION


# %%
result = factorylab.check(metrics, "metrics_by_hand")
result

# %% [markdown]
# 여러분의 데이터에서 두 모델을 나란히 보세요: 늘 "정상"이라고 답하는 기준 모델과 마모 규칙.
#
# Compare the two models on your data: the baseline that always says "fine", and the wear rule.

# %%
try:
    mine = metrics(y_true, y_pred)
except NotImplementedError:
    print("과제 7-2를 먼저 완성하세요. / Complete exercise 7-2 first.")
else:
    always_fine = metrics(y_true, [0] * len(y_true))
    for label, m in [("늘 정상 / always fine", always_fine), ("마모 > 200분 / wear > 200 min", mine)]:
        print(f"{label:28} 정확도 {m['accuracy']:.3f}  재현율 {m['recall']:.3f}  F1 {m['f1']:.3f}")

# %% [markdown]
# ## 5. 실시간 시뮬레이터에서 확인 / Check on the live simulator
#
# `LIVE = True`로 바꾸세요. 다른 터미널에서 `factorylab sim --scenario cnc`를 켜 두면 (또는 `factorylab start`가
# 띄운 시뮬레이터) Modbus로 CNC의 토크, 회전수, 공구 마모를 1분 동안 읽고, 부품마다 마모 × 토크와 동력을 계산해
# 여러분이 추정한 한계와 비교합니다.
#
# Set `LIVE = True`. With `factorylab sim --scenario cnc` in another terminal (or the simulator that `factorylab
# start` runs), this reads the CNC's torque, speed and tool wear over Modbus for 1 minute, computes wear × torque and
# power and compares them with your estimated limits.

# %%
LIVE = False
if LIVE:
    import time

    found = explore(parts)
    live = factorylab.connect("127.0.0.1:5020")
    for _ in range(60):
        torque, speed, wear = live.cnc.torque, live.cnc.spindle_speed, live.cnc.tool_wear
        watts = torque * speed * 2 * math.pi / 60
        print(f"마모×토크 {wear * torque:7.0f} min·Nm (한계 {found['osf_limit_L']:.0f})  동력 {watts:5.0f} W")
        time.sleep(1.0)

# %% [markdown]
# ## 6. 분석 질문 / Analysis questions
#
# 1. 공구를 고장 날 때까지 쓰면 어느 유형의 고장이 가장 많았나요? 190분에 공구를 바꾸면 어느 유형이 사라질까요?
# 2. 마모 규칙 모델의 정확도가 기준 모델보다 낮은데도 더 쓸모 있을 수 있는 이유는 무엇인가요? (고장 하나를 놓치는 비용과
#    괜히 공구를 바꾸는 비용을 비교하세요.)
# 3. 과부하 한계를 "OSF 부품 가운데 가장 작은 마모 × 토크"로 추정하면 참값보다 크게 나올까요, 작게 나올까요? 왜 그런가요?
#
# 1. With tools run to failure, which mode was the most common? Which mode disappears if the tool is changed at
#    190 minutes?
# 2. Why can the wear-rule model be more useful than the baseline although its accuracy is lower? (Compare the cost of
#    missing one failure with the cost of changing a tool for nothing.)
# 3. If you estimate the overstrain limit as "the smallest wear × torque among the OSF parts", does the estimate come
#    out above or below the true limit? Why?

# %% [markdown]
# ## 7. 더 해 보기 / Going further
#
# * M, H 등급의 과부하 한계도 추정하세요. 등급이 높을수록 한계가 어떻게 변하나요?
# * 열 방출 고장(HDF)의 영역을 그려 보세요: 가로축 공정 온도 − 공기 온도(K), 세로축 회전수(rpm).
# * `tool_policy="mixed"`로 교대를 다시 만들고 유형별 고장률을 비교하세요.
#
# * Estimate the overstrain limits of grades M and H too. How does the limit change with the grade?
# * Plot the heat-dissipation (HDF) region: process − air temperature (K) across, speed (rpm) up.
# * Make the shift again with `tool_policy="mixed"` and compare the failure rates per mode.
