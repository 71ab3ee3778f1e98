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
#     id: orders
#     unit: 8
#     hours: 2
#     checks: [tool_cost, work_orders]
#     title_ko: "비용과 납기: 공구 교체 비용 모델과 작업 지시"
#     title_en: "Costs and due dates: a tool cost model and work orders"
# ---

# %% [markdown]
# # 실습 8-2. 비용과 납기: 공구 교체 비용 모델과 작업 지시
#
# 최적화는 "무엇이 더 좋은가"를 숫자로 정하는 일입니다. 이 실습에서는 공구값과 고장 비용이 바뀌면 교체 시점도 바뀌는
# 정책을 만들고, 작업 지시(주문)를 보고 공급기가 무엇을 만들지 정해 납기 지연을 줄입니다.
#
# **교육목표**
# 1. 공구값, 고장 비용, 1분 비용을 데이터로 받아 교체 시점을 계산하는 정책을 만든다.
# 2. 현재 작업 지시의 주문 수량과 출하한 양품 수로 공급기의 부품 종류(`feeder.select`)를 정해, "항상 혼합"보다 늦은
#    지시와 총 지연을 절반 이하로 줄인다.
#
# ---
#
# # Lab 8-2. Costs and due dates: a tool cost model and work orders
#
# Optimisation decides "what is better" with numbers. In this lab you build a tool policy whose change point moves when
# the tool price and the failure cost change, and you choose what the feeder makes from the work orders to cut late
# deliveries.
#
# **Objectives**
# 1. Build a policy that takes the tool price, the failure cost and the minute cost as data and computes its change
#    point from them.
# 2. Choose the feeder's part type (`feeder.select`) from the current order's quantities and the good parts shipped,
#    with at most half the late orders and half the lateness of "always mix".

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# 아래 표는 태그 표에서 바로 읽은 것입니다.
#
# The table below is read from the tag table.

# %%
import math

import factorylab
from factorylab.labs.lab08b_orders_checks import with_line

MY_SEED = 1  # 여러분의 번호 / your number

line = factorylab.connect(scenario="line", seed=MY_SEED)
for name in [
    "cnc.tool_wear",
    "cnc.tool_change",
    "cnc.tool_changing",
    "feeder.select",
    "orders.current_quantity_a",
    "orders.current_quantity_b",
    "orders.current_done_a",
    "orders.current_done_b",
    "orders.current_due",
    "orders.late",
    "orders.lateness_total",
]:
    tag = line.info(name).tag
    print(f"{name:27} {tag.unit or '-':4} {tag.description_ko}")

# %% [markdown]
# ## 2. 예측 질문 / Prediction
#
# 공구가 2,000원이고 고장이 1,000,000원이라면, 공구를 190 min보다 일찍 바꿀까요, 늦게 바꿀까요? 공구가 100,000원이고
# 고장이 10,000원이라면요? 답을 적어 두고 과제 8-3에서 확인하세요.
#
# If a tool costs 2,000 won and a failure 1,000,000 won, do you change earlier or later than 190 min? And if a tool
# costs 100,000 won and a failure 10,000 won? Write your answer down and check it in exercise 8-3.

# %% [markdown]
# ## 과제 8-3. 비용 모델로 정하는 공구 교체 (30분) / Exercise 8-3. A tool policy priced by a cost model (30 min)
#
# 실습 7-3의 `osf_chance(wear, grade)`를 다시 씁니다. 이번에는 비용이 **데이터**로 들어옵니다:
# `costs = {"tool": 공구값, "failure": 마모 고장 비용, "minute": 1분 비용}` (원). `make_controller(costs)`를 완성하세요.
# 이 함수는 그 비용에 맞는 제어기 `controller(line, t, m)`를 돌려줍니다. 검사는 숨은 실행 4번(15분씩)마다 **다른 비용**을
# 주고, 여러분의 비용을 그 비용에서 가장 좋은 고정 교체 마모(130/145/190 min)와 비교합니다: 10 % 안이면 통과입니다.
#
# 생각할 것: 다음 부품의 기대 고장 비용은 `osf_chance(마모, 등급) × costs["failure"]`입니다. 공구값의 몫은 부품
# 하나당 `costs["tool"] ÷ (이 공구로 가공한 부품 수)`이고, 부품 하나에 마모가 평균 약 2.9 min 늘어납니다. 앞의 것이 뒤의
# 것보다 커지면 바꿀 때입니다. 200 min부터는 공구 마모 고장(TWF)이 날 수 있습니다.
#
# We reuse `osf_chance(wear, grade)` of lab 7-3. This time the costs come as **data**:
# `costs = {"tool": tool price, "failure": wear failure cost, "minute": cost of a minute}` (won). Complete
# `make_controller(costs)`: it returns a controller `controller(line, t, m)` for those costs. The check gives **different
# costs** on each of 4 hidden runs (15 min each) and compares your cost with the best fixed change wear (130/145/190 min)
# for those costs: within 10 % passes.
#
# Think: the next part's expected failure cost is `osf_chance(wear, grade) × costs["failure"]`. The tool's share per part
# is `costs["tool"] ÷ (parts machined with this tool)`, and each part adds about 2.9 min of wear on average. When the
# first passes the second, it is time to change. From 200 min a tool wear failure (TWF) may come.
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 가공한 부품 수는 `cnc.tool_wear ÷ 2.9`로 어림할 수 있습니다. 가장 약한 L 등급으로 위험을 재고, 190 min은 넘기지 마세요.
#
# The parts machined can be estimated as `cnc.tool_wear ÷ 2.9`. Measure the risk for the weakest grade, L, and never go
# past 190 min.
#
# </details>

# %%
LIMITS = {"L": 11_000.0, "M": 12_000.0, "H": 13_000.0}  # min·Nm (AI4I 2020)


def osf_chance(wear: float, grade: str) -> float:
    """Chance (0..1) of an overstrain failure for one part of this grade machined at this tool wear (min)."""
    if wear <= 0:
        return 0.0
    torque_limit = LIMITS[grade] / wear
    return 0.5 * math.erfc((torque_limit - 40.0) / (10.0 * math.sqrt(2.0)))


def make_controller(costs):
    """A CNC controller for these costs (won per tool, per wear failure, per minute)."""

    ### BEGIN SOLUTION
    def controller(line, t, m):
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = line.cnc.run = True
        line.cnc.reset = line.cnc.failed
        wear = line.cnc.tool_wear
        risk = osf_chance(wear + 2.0, "L") * costs["failure"]
        tool_share = costs["tool"] / max(wear / 2.9, 1.0)
        line.cnc.tool_change = (risk > tool_share or wear >= 190) and not line.cnc.tool_changing

    return controller
    ### END SOLUTION


# %%
result = factorylab.check(make_controller, "tool_cost")
result

# %% [markdown]
# ## 과제 8-4. 작업 지시 맞추기 (50분) / Exercise 8-4. Work orders (50 min)
#
# 작업 지시마다 A형과 B형 **양품** 수량과 납기가 있습니다. `orders.current_*`는 가장 이른 미완료 지시를 보여 줍니다.
# 양품만 지시에 들어갑니다. 공급기는 `feeder.select`로 0(A·B 혼합), 1(A형만), 2(B형만)를 만듭니다. 라인의 나머지(오븐
# PI, 체류 게이트, 냉각수, 공구, 분류)는 기준 제어기가 맡고(`with_line`), 여러분은 `dispatch(line, t, m)`에서
# `feeder.select`만 정합니다. 검사는 숨은 주문장 3개(수업에서는 1시간씩, 선생님의 평가 모드에서는
# 4시간씩)에서 늦은 지시(`orders.late`, 끝날 때 납기가 지난 미완료 지시 포함)와 총 지연(`orders.lateness_total`)이
# "항상 혼합"의 절반 이하인지 봅니다. 지는 주문장이 나오면 거기서 멈춥니다. 부품마다 종류를 바꾸면(10분에 12번 넘게) 안 됩니다.
#
# Every work order asks for a number of **good** type A and type B parts by a due time. `orders.current_*` shows the
# earliest open order; only good parts count. The feeder makes 0 (mix of A and B), 1 (type A only) or 2 (type B only)
# by `feeder.select`. The reference controller runs the rest of the line (oven PI, dwell gate, coolant, tool, sorting:
# `with_line`); you set only `feeder.select` in `dispatch(line, t, m)`. The check uses 3 hidden order books (1 hour
# each in class, 4 hours each in your teacher's summative mode) and asks for late orders (`orders.late`, open orders past
# their due time at the end included) and total lateness (`orders.lateness_total`) at most half of "always mix"; it
# stops at the first losing book. Do not switch the type every part (more than 12 times in 10 minutes).
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# 모자란 양 = 주문 수량 - 출하한 양품 수. 한 종류를 모자란 양이 0이 될 때까지 만든 뒤 다른 종류로 넘어가세요.
#
# Shortfall = ordered quantity - good parts shipped. Make one type until its shortfall is 0, then switch.
#
# </details>


# %%
def dispatch(line, t, m):
    """Set line.feeder.select (0 mix, 1 A only, 2 B only) from the current work order."""
    ### BEGIN SOLUTION
    orders = line.orders
    need_a = orders.current_quantity_a - orders.current_done_a
    need_b = orders.current_quantity_b - orders.current_done_b
    if need_a > 0:
        line.feeder.select = 1
    elif need_b > 0:
        line.feeder.select = 2
    else:
        line.feeder.select = 0
    ### END SOLUTION


# %%
result = factorylab.check(dispatch, "work_orders")
result

# %% [markdown]
# ## 3. 실시간 시뮬레이터에서 확인 / On the live simulator
#
# 다른 터미널에서 `factorylab sim --scenario line`을 실행하고(또는 `factorylab start`가 띄운 시뮬레이터를 쓰고)
# `LIVE = True`로 바꾸세요. 여러분의 `dispatch`가 기준 제어기와 함께 라인을 10분 움직입니다.
#
# Run `factorylab sim --scenario line` in another terminal (or use the simulator `factorylab start` opened) and set
# `LIVE = True`: your `dispatch` drives the line with the reference controller for 10 minutes.

# %%
LIVE = False
if LIVE:
    live_line = factorylab.connect("127.0.0.1:5020")
    live = factorylab.run(with_line(dispatch), live_line, seconds=600, live=["feeder.select", "orders.current_done_a"])

# %% [markdown]
# ## 4. 분석 질문 / Questions
#
# 1. 과제 8-3에서 공구가 싸고 고장이 비쌀 때와 그 반대일 때, 여러분의 정책은 평균 몇 min에서 바꾸나요?
# 2. "항상 190 min"은 어느 비용에서 떨어지나요? 왜 그런가요?
# 3. 과제 8-4에서 불량품을 세면 어떤 일이 생기나요? 라인 안에 있는 부품은 어떻게 생각해야 하나요?
#
# 1. In exercise 8-3, at what mean wear does your policy change with cheap tools and dear failures, and the other way
#    round?
# 2. On which costs does "always 190 min" fail? Why?
# 3. In exercise 8-4, what happens if you count defective parts? How should you think of the parts still in the line?

# %% [markdown]
# ## 5. 더 해 보기 / Going further
#
# * `feeder.interval`도 바꾸어 보세요. 더 빨리 공급하면 지연이 줄까요, 불량이 늘까요?
# * 다음 지시의 납기가 가까우면 현재 지시를 끝내기 전에 준비할 수 있을까요?
#
# * Change `feeder.interval` too. Does feeding faster cut lateness, or raise defects?
# * When the next order is due soon, could you prepare for it before the current one is done?
