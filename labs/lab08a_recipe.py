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
#     id: recipe
#     unit: 8
#     hours: 2
#     checks: [oven_recipe, bottleneck]
#     title_ko: 오븐 레시피 최적화와 병목
#     title_en: Optimising the oven recipe, and the bottleneck
# ---

# %% [markdown]
# # 실습 8-1. 오븐 레시피 최적화와 병목
#
# 오븐의 **레시피**는 설정 온도(°C)와 체류 시간(초) 두 숫자입니다. 온도가 낮거나 체류가 짧으면 부품이 덜 단단해지고(연질
# 불량), 온도가 너무 높으면 부품이 타 버립니다(과열 불량). 체류가 길면 오븐이 꽉 차서 라인 전체가 느려집니다. 이 실습에서는
# 여러 레시피를 시뮬레이션으로 하나씩 돌려 보는 **격자 탐색**으로 불량과 생산량을 재고, **파레토 그림**에서 좋은 레시피를
# 고릅니다. 그다음 라인의 **병목**이 어디인지 계산하고, **리틀의 법칙**(재공 = 처리량 × 리드 타임)을 여러분의 실행으로
# 확인합니다.
#
# **교육목표**
# 1. 설정 온도 × 체류 시간의 격자를 여러 시드로 시뮬레이션해 오븐 불량률(%)과 시간당 양품을 표로 만든다.
# 2. 불량률과 시간당 양품의 파레토 그림을 그리고 파레토 앞면 위의 점을 골라, 숨은 시드에서도 불량 2 % 이하와 목표 생산량을
#    지키는 레시피를 정한다 (한 시드에만 맞춘 과적합을 피한다).
# 3. 스테이션마다 능력(시간당 개수)을 계산해 병목을 찾고, 리틀의 법칙으로 리드 타임을 구해 실제와 비교한다.
#
# ---
#
# # Lab 8-1. Optimising the oven recipe, and the bottleneck
#
# The oven's **recipe** is two numbers: the setpoint (°C) and the dwell (s). Too cold or too short and parts come out
# soft; too hot and they are scorched (overheated); too long a dwell and the full oven slows the whole line. In this
# lab you run many recipes one by one in simulation (a **grid search**), measure defects and output, and choose a
# good recipe on a **Pareto chart**. Then you compute where the line's **bottleneck** is and check **Little's law**
# (WIP = throughput × lead time) on your own run.
#
# **Objectives**
# 1. Simulate a grid of setpoint × dwell on several seeds and tabulate oven defects (%) and good parts per hour.
# 2. Draw the Pareto chart of defects against good parts per hour, choose a point on the Pareto front that keeps
#    defects at 2 % or less and reaches the output target on hidden seeds too (no overfitting to one seed).
# 3. Find the bottleneck from each station's capacity (parts per hour), and compute the lead time by Little's law and
#    compare it with the real one.

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# 레시피가 움직이는 태그와 결과를 세는 태그입니다. 아래 표는 태그 표에서 바로 읽은 것입니다.
#
# The tags the recipe drives and the tags that count the outcome, read from the tag table.

# %%
import matplotlib.pyplot as plt
import pandas as pd

import factorylab
from factorylab.labs.lab08a_recipe_checks import little_run, run_point

MY_SEED = 1  # 여러분의 번호 / your number

line = factorylab.connect(scenario="line", seed=MY_SEED)
for name in [
    "oven.temperature",
    "oven.heater",
    "oven.gate",
    "oven.front_dwell",
    "oven.parts_inside",
    "feeder.interval",
    "production.parts_good",
    "production.defects_soft",
    "production.defects_overheated",
]:
    tag = line.info(name).tag
    print(f"{name:30} {tag.unit or '-':5} {tag.min:g}..{tag.max:g}  {tag.description_ko}")

# %% [markdown]
# 오븐의 규칙은 문서에 적혀 있고 시뮬레이터가 정말로 따릅니다:
#
# * 부품은 오븐 온도를 시정수 10초로 따라 데워집니다. **soak** = 부품 온도가 150 °C를 넘은 만큼의 시간 적분(°C·s).
# * 경도 = 28 + 22 × (1 − e^(−soak/400)) HRC. 42 HRC 미만이면 **연질(soft)** 불량입니다.
# * 부품이 한 번이라도 240 °C를 넘으면 **과열(overheated)** 불량입니다. 그래서 설정 온도의 안전 범위는 240 °C 이하입니다.
# * 오븐에는 부품이 **8개**까지 들어갑니다. 공급기는 4.5초마다 부품을 하나 올리고, CNC는 부품 하나에 4초가 걸립니다.
#
# `run_point(setpoint, dwell, seed)`는 기준 제어기(`make_line_controller`)에 레시피를 넣고 라인을 8분 예열한 다음
# 15분을 재서 개수를 돌려줍니다 (0.5초쯤). 시드마다 오븐의 온도 전송기 교정 오차(±4 °C)와 히터 노후(최대 출력 88~100 %)가
# 다릅니다: 실제 공장에서 날마다, 설비마다 조금씩 다른 것과 같습니다.
#
# The oven's rules are documented and the simulator really follows them: a part follows the oven's temperature with a
# 10 s time constant; **soak** = the time integral of the part's temperature above 150 °C (°C·s); hardness = 28 + 22
# × (1 − e^(−soak/400)) HRC, under 42 HRC is **soft**; a part that ever goes above 240 °C is **overheated**, so the
# setpoint's safe range is 240 °C or less. The oven holds **8** parts; the feeder places one every 4.5 s and the CNC
# takes 4 s a part. `run_point(setpoint, dwell, seed)` puts the recipe into the reference controller
# (`make_line_controller`), warms the line up for 8 minutes, measures 15 minutes and returns the counts (about 0.5 s).
# Each seed's oven has its own thermocouple calibration error (±4 °C) and heater health (88-100 % of full power), as a
# real plant differs from day to day and machine to machine.

# %% [markdown]
# ## 2. 예측 질문 / Predict first
#
# (1) 체류 시간을 20초에서 40초로 늘리면 불량률과 시간당 양품은 각각 어떻게 될까요? (2) 설정 온도를 240 °C보다 높이면
# 왜 안 될까요? (3) 한 시드에서 불량 0 %였던 레시피는 다른 시드에서도 0 %일까요?
#
# (1) What happens to defects and to good parts per hour when the dwell goes from 20 s to 40 s? (2) Why not set the
# oven above 240 °C? (3) Is a recipe with 0 % defects on one seed also 0 % on another seed?

# %% [markdown]
# ## 과제 8-1. 격자 탐색과 파레토 그림 (40분) / Exercise 8-1. Grid search and Pareto chart (40 min)
#
# **(가) 한 점 재기.** 레시피 (220 °C, 30초)를 여러분의 시드로 한 번 돌립니다. 돌려준 개수로 두 값을 계산하세요:
#
# * 오븐 불량률(%) = 100 × (`soft` + `overheated`) / `finished`
# * 시간당 양품 = (`finished` − 오븐 불량) × 3600 / `seconds`
#
# CNC의 무작위 고장은 레시피와 관계없으므로 여기서는 오븐 불량만 셉니다.
#
# **(a) Measure one point.** Run the recipe (220 °C, 30 s) once on your seed and compute two values from the counts:
# oven defects (%) = 100 × (`soft` + `overheated`) / `finished`; good parts per hour = (`finished` − oven defects) ×
# 3600 / `seconds`. Random CNC failures do not depend on the recipe, so only the oven's defects count here.

# %%
counts = run_point(220, 30, seed=MY_SEED)
print(counts)

defects = None  # 오븐 불량률, % / oven defects, %
good_per_hour = None  # 시간당 양품 / good parts per hour
### BEGIN SOLUTION
oven_bad = counts["soft"] + counts["overheated"]
defects = 100 * oven_bad / counts["finished"]
good_per_hour = (counts["finished"] - oven_bad) * 3600 / counts["seconds"]
### END SOLUTION
print(defects, good_per_hour)

# %% [markdown]
# **(나) 격자 탐색.** 설정 온도 `SETPOINTS`와 체류 시간 `DWELLS`의 모든 조합을, `SEEDS`의 시드마다 돌려 `rows`에 한 줄씩
# 넣으세요. 한 줄은 `{"setpoint": ..., "dwell": ..., "seed": ..., "defects": ..., "good_per_hour": ...}`입니다.
# 여기서는 수업 시간에 맞게 3 × 3 점, 시드 2개(18번, 10초쯤)만 돌립니다. 시드를 하나만 쓰면 그 시드에만 맞는 레시피를
# 고르게 됩니다.
#
# **(b) Grid search.** Run every pair of a setpoint in `SETPOINTS` and a dwell in `DWELLS` on every seed in `SEEDS`,
# and put one row per run into `rows`: `{"setpoint": ..., "dwell": ..., "seed": ..., "defects": ..., "good_per_hour":
# ...}`. To fit the lesson this grid is 3 × 3 points on 2 seeds (18 runs, about 10 s). With one seed only you would
# choose a recipe that suits that seed alone.
#
# **힌트**: `for`를 세 번 겹쳐 쓰고, 가장 안쪽에서 `run_point`를 부른 뒤 (가)의 두 식을 그대로 쓰세요.
#
# **Hint**: nest three `for` loops; in the innermost call `run_point` and use the two formulas of (a).

# %%
SETPOINTS = [200, 220, 240]  # °C
DWELLS = [20, 30, 40]  # s
SEEDS = [MY_SEED, MY_SEED + 1]
rows = []
### BEGIN SOLUTION
for setpoint in SETPOINTS:
    for dwell in DWELLS:
        for seed in SEEDS:
            c = run_point(setpoint, dwell, seed=seed)
            bad = c["soft"] + c["overheated"]
            rows.append(
                {
                    "setpoint": setpoint,
                    "dwell": dwell,
                    "seed": seed,
                    "defects": 100 * bad / c["finished"],
                    "good_per_hour": (c["finished"] - bad) * 3600 / c["seconds"],
                }
            )
### END SOLUTION
grid = pd.DataFrame(rows, columns=["setpoint", "dwell", "seed", "defects", "good_per_hour"])
grid

# %% [markdown]
# **(다) 파레토 그림.** 점마다(설정 온도, 체류) 시드의 평균을 내어 가로축에 불량률, 세로축에 시간당 양품을 그립니다.
# 좋은 점은 왼쪽 위(불량 적고 양품 많음)입니다. 다른 어떤 점보다도 두 축에서 동시에 나쁘지 않은 점, 곧 **어떤 점에도
# 지배되지 않는 점**을 `front`에 `(setpoint, dwell)`로 넣으세요. 그 점들이 **파레토 앞면**입니다.
#
# **(c) Pareto chart.** Average each point (setpoint, dwell) over the seeds and plot defects across and good parts per
# hour up: good points are top left. Put into `front`, as `(setpoint, dwell)`, each point that no other point beats on
# both axes at once (it is **not dominated**): they are the **Pareto front**.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 점 p가 점 q에 지배된다 = q의 불량률 ≤ p의 불량률 그리고 q의 양품 ≥ p의 양품 (둘 중 하나는 엄격히). 모든 쌍을 비교하세요.
#
# p is dominated by q when q's defects ≤ p's and q's good parts ≥ p's (one of them strictly). Compare every pair.
#
# </details>

# %%
points = grid.groupby(["setpoint", "dwell"])[["defects", "good_per_hour"]].mean()
front = []  # [(setpoint, dwell), ...]
### BEGIN SOLUTION
for p, a in points.iterrows():
    dominated = False
    for q, b in points.iterrows():
        if q != p and b["defects"] <= a["defects"] and b["good_per_hour"] >= a["good_per_hour"]:
            if b["defects"] < a["defects"] or b["good_per_hour"] > a["good_per_hour"]:
                dominated = True
    if not dominated:
        front.append(p)
### END SOLUTION

fig, ax = plt.subplots(figsize=(7, 4.5))
ax.scatter(points["defects"], points["good_per_hour"], color="tab:gray", label="격자의 점 / grid point")
for (setpoint, dwell), row in points.iterrows():
    ax.annotate(f"{setpoint}°C {dwell}s", (row["defects"], row["good_per_hour"]), fontsize=8)
on_front = points.loc[front] if front else points.iloc[:0]
ax.scatter(on_front["defects"], on_front["good_per_hour"], color="tab:red", s=80, label="파레토 앞면 / Pareto front")
ax.axvline(2.0, color="tab:orange", linestyle="--", label="불량 2 % / 2 % defects")
ax.axhline(720, color="tab:green", linestyle=":", label="목표 720개/시간 / target 720/h")
ax.set_xlabel("오븐 불량률 (%) / oven defects (%)")
ax.set_ylabel("시간당 양품 (개) / good parts per hour")
ax.set_title("레시피의 파레토 그림 / Pareto chart of the recipes")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# **(라) 레시피 고르기.** 파레토 앞면 위에서 불량 2 % 이하, 시간당 양품 720개 이상인 점을 고르세요. 검사는 그 점을
# **숨은 시드 5개**에서 돌려 모두에서 두 조건을 지키면 통과합니다. 여러분의 표(`grid`)도 함께 냅니다: 검사는 고른 점이
# 표에 있는지, 파레토 앞면 위에 있는지, 시드를 2개 이상 썼는지 보고, 여러분의 시드(`seed=MY_SEED`) 줄 하나를 다시
# 돌려 표가 실제 실행인지 봅니다 (어느 줄일지는 모르니 모든 줄을 `run_point`로 돌려 채우세요).
#
# **(d) Choose the recipe.** On the Pareto front choose a point with 2 % defects or less and 720 good parts per hour
# or more. The check runs it on **5 hidden seeds** and passes if both limits hold on every one. Hand in your table
# (`grid`) too: the check looks whether the point is in your table and on its Pareto front, whether you used 2 seeds
# or more, and runs one row of your seed (`seed=MY_SEED`) again to see that the table is real (any row may be the
# one, so fill every row from `run_point`).

# %%
recipe = {"setpoint": None, "dwell": None, "grid": grid}
### BEGIN SOLUTION
recipe = {"setpoint": 220, "dwell": 30, "grid": grid}
### END SOLUTION

# %%
result_recipe = factorylab.check(recipe, "oven_recipe", seed=MY_SEED)
result_recipe

# %% [markdown]
# ## 과제 8-2. 병목과 리틀의 법칙 (20분) / Exercise 8-2. The bottleneck and Little's law (20 min)
#
# **(가) 병목.** 라인의 능력은 가장 느린 스테이션, 곧 **병목**이 정합니다. 스테이션의 **능력**은 한 시간에 처리할 수 있는
# 부품 수입니다: 공급기 = 3600 / 공급 간격, CNC = 3600 / 사이클 타임, 오븐 = 칸 수 × 3600 / 체류 (오븐은 8개를 한꺼번에
# 데웁니다). 아래 값은 태그 표와 라인에서 읽은 것입니다. `capacity` 함수를 완성하세요: 병목 스테이션의 이름(`"feeder"`,
# `"cnc"`, `"oven"`)과 그 능력(개/시간)을 돌려줍니다.
#
# **(a) The bottleneck.** The line's capacity is set by its slowest station, the **bottleneck**. A station's
# **capacity** is the parts it can handle in an hour: feeder = 3600 / feed interval, CNC = 3600 / cycle time, oven =
# places × 3600 / dwell (the oven heats 8 parts at once). The values below are read from the tag table and the line.
# Complete `capacity`: it returns the bottleneck's name (`"feeder"`, `"cnc"`, `"oven"`) and its capacity (parts per
# hour).
#
# **힌트**: 가장 오래 걸리는 시간(체류 30초)이 곧 병목은 아닙니다. 세 능력을 모두 계산해 가장 작은 것을 고르세요. 함수를
# 완성한 뒤 `print(capacity(4.0, 8, 30, 4.5))`로 시험해 보세요.
#
# **Hint**: the longest single time (the 30 s dwell) is not the bottleneck by itself. Compute all three capacities and
# take the smallest. When the function is done, try it: `print(capacity(4.0, 8, 30, 4.5))`.

# %%
feeder_interval = line.feeder.interval  # s
cnc_cycle = line.production.ideal_cycle_time  # s, CNC 한 부품 / one part on the CNC
oven_places = line.info("oven.parts_inside").tag.max  # 칸 / places
print(feeder_interval, cnc_cycle, oven_places)


def capacity(cnc_cycle, oven_places, dwell, feeder_interval):
    """The bottleneck station ("feeder", "cnc" or "oven") and its capacity, parts per hour.

    Args:
        cnc_cycle: s per part on the CNC.
        oven_places: parts the oven holds.
        dwell: s each part stays in the oven.
        feeder_interval: s between two parts from the feeder.
    """
    ### BEGIN SOLUTION
    per_hour = {
        "feeder": 3600 / feeder_interval,
        "cnc": 3600 / cnc_cycle,
        "oven": oven_places * 3600 / dwell,
    }
    station = min(per_hour, key=per_hour.get)
    return station, per_hour[station]
    ### END SOLUTION


# %% [markdown]
# **(나) 리틀의 법칙.** `little_run(seed)`은 (230 °C, 45초) 레시피로 라인을 돌립니다: 체류가 길어 오븐이 병목이고
# 부품이 오븐 앞에 쌓입니다. 돌려준 개수로 세 값을 구하세요:
#
# * 처리량(개/시간) = 라인을 **나간** 부품 `finished` × 3600 / `seconds`
# * 재공(WIP, 개) = 라인 안에 있던 부품 수의 평균 `wip`
# * 리드 타임(초) = 재공 / 처리량 × 3600 (리틀의 법칙: 재공 = 처리량 × 리드 타임)
#
# **(b) Little's law.** `little_run(seed)` runs the recipe (230 °C, 45 s): the long dwell makes the oven the
# bottleneck and parts queue in front of it. From its counts compute: throughput (parts per hour) = parts that **left**
# the line, `finished` × 3600 / `seconds`; WIP (parts) = the mean number of parts in the line, `wip`; lead time (s) =
# WIP / throughput × 3600 (Little's law: WIP = throughput × lead time).

# %%
little = little_run(seed=MY_SEED)
print(little)

throughput = None  # 개/시간 / parts per hour
wip = None  # 개 / parts
lead_time = None  # 초 / s
### BEGIN SOLUTION
throughput = little["finished"] * 3600 / little["seconds"]
wip = little["wip"]
lead_time = wip / throughput * 3600
### END SOLUTION
print(throughput, wip, lead_time)

# %%
answer = {"capacity": capacity, "throughput": throughput, "wip": wip, "lead_time": lead_time}
result_bottleneck = factorylab.check(answer, "bottleneck", seed=MY_SEED)
result_bottleneck

# %% [markdown]
# ## 3. 실시간 시뮬레이터에서 확인 / On the live simulator
#
# 다른 터미널에서 `factorylab sim --scenario line`을 실행하고(또는 `factorylab start`가 띄운 시뮬레이터를 쓰고)
# `LIVE = True`로 바꾸세요. 여러분이 고른 레시피로 기준 제어기가 Modbus로 라인을 10분 움직입니다. 오븐 온도와
# `oven.parts_inside`(오븐 안의 부품 수)를 보세요: 체류를 늘리면 오븐이 8개로 꽉 차고 컨베이어1에 부품이 쌓입니다.
#
# Run `factorylab sim --scenario line` in another terminal (or use the simulator `factorylab start` opened) and set
# `LIVE = True`: the reference controller with your recipe drives the line over Modbus for 10 minutes. Watch the oven
# temperature and `oven.parts_inside`: with a longer dwell the oven fills up to 8 and parts queue on conveyor1.

# %%
LIVE = False
if LIVE:
    from factorylab.control.reference import make_line_controller

    live_line = factorylab.connect("127.0.0.1:5020")
    chosen = make_line_controller(
        oven_setpoint=recipe["setpoint"], dwell=recipe["dwell"], feed_from=recipe["setpoint"] - 10
    )
    live = factorylab.run(chosen, live_line, seconds=600, live=["oven.temperature", "oven.parts_inside"])

# %% [markdown]
# ## 4. 분석 질문 / Questions
#
# 1. 여러분의 파레토 앞면에는 점이 몇 개 있나요? 전선 위의 점들 사이에서는 무엇을 얻고 무엇을 잃나요?
# 2. 240 °C, 30초는 어떤 시드에서는 시간당 양품이 적었습니다. 히터가 낡은(최대 출력이 낮은) 오븐에서는 왜 그럴까요?
#    (힌트: 공급기는 오븐이 설정보다 10 °C 이상 식으면 멈춥니다.)
# 3. 리틀의 법칙으로 구한 리드 타임과 실제 부품의 평균 리드 타임이 조금 다릅니다. 부품이 오븐 앞에 계속 쌓이고 있을 때
#    어느 쪽이 더 클까요? 왜 그런가요?
# 4. 병목이 오븐일 때 CNC를 더 빠른 기계로 바꾸면 생산량이 늘까요?
#
# 1. How many points are on your Pareto front? Between points on the front, what do you gain and what do you lose?
# 2. 240 °C, 30 s gave fewer good parts on some seeds. Why on an oven with an aged heater (less full power)? (Hint:
#    the feeder stops when the oven is more than 10 °C below its setpoint.)
# 3. The lead time from Little's law differs a little from the parts' real mean lead time. Which is larger while parts
#    keep piling up in front of the oven, and why?
# 4. With the oven as the bottleneck, would a faster CNC give more output?

# %% [markdown]
# ## 5. 더 해 보기 / Going further
#
# * 전체 격자를 돌려 보세요: 설정 온도 180~240 °C(10 °C 간격) × 체류 10~60초(5초 간격), 시드 3개 (231번, 2분쯤).
#   파레토 앞면이 어떻게 바뀌나요? 고른 레시피가 더 좋아지나요?
# * 시드마다 가장 나쁜 값(최대 불량률, 최소 양품)으로 파레토 그림을 다시 그려 보세요. 평균으로 그린 것과 어떻게 다른가요?
# * 공급 간격(`feeder.interval`)을 4초로 줄이면 병목은 어디로 옮겨 가나요? `capacity`로 계산해 보세요.
#
# * Run the full grid: setpoints 180-240 °C (every 10 °C) × dwell 10-60 s (every 5 s), 3 seeds (231 runs, about 2
#   minutes). How does the Pareto front change? Does your chosen recipe get better?
# * Draw the Pareto chart again with each point's worst seed (highest defects, fewest good parts). How does it differ
#   from the one drawn with means?
# * Where does the bottleneck move if the feed interval (`feeder.interval`) drops to 4 s? Compute it with `capacity`.
