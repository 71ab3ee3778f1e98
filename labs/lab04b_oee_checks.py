"""Checks of lab 4-2 (OEE, the six big losses and a production dashboard): ``oee_shift``, ``six_losses``, ``dashboard``.

The lab's shift: one hour of the whole line (:func:`shift_line`, :func:`shift_controller`) with the operator's
start at 1 s, a 10-minute break (the operator presses stop, then start: the controller switches the whole line off,
oven included, so parts left in the line and the first parts after it come out soft), a jam on a conveyor and a
broken tool, all at times drawn from the seed.

* ``oee_shift`` (value, unit 4): a function ``oee(k)`` of a shift's counters (``k`` holds the ``production.*``
  values named in :data:`SHIFT_KEYS`, without the ``production.`` prefix) returning
  ``{"availability": %, "performance": %, "quality": %, "oee": %}``, judged on hidden counter sets and, with
  ``line=``, on the student's own shift, whose truth is the plant's own ``production.availability`` ...
  ``production.oee``. The plant's planned time is all the time (run + idle + stop + down, the break included)
  and idle time (starved or blocked) is operating time. Named mistakes: fractions instead of %, availability from
  run time only, idle not counted as operating, performance from parts in or from good parts, quality from the
  inspection's verdict (the outfeed count), the break left out of planned time, planned time fixed (e.g. 3600 s,
  one's own shift), and (through ``oee_by_hand``'s recognisers) A, P, Q added, averaged or multiplied in %
  without dividing by 10,000. An answer that calls the plant's own formula (``oee_figures``, which reading
  ``line.production.oee`` does too) gets ``plant_formula``: the exercise is the calculation.
* ``six_losses`` (value, unit 4): the seconds of a shift lost to each of the six big losses (설비 6대 로스) plus
  the planned stop, from ``result=`` (a run of the lab's shift, with a break and a tool change, that recorded
  ``production.state`` and ``cnc.state``). Named mistakes: minutes for seconds, a tool change as a breakdown,
  all the down time as set-up (caught even inside the split's tolerance), idle time or the break as a breakdown, start-up
  scrap as a process defect, defects as part counts, the whole run time as speed loss, sums that do not add up.
* ``dashboard`` (value, unit 4): ``dashboard(snapshot)`` of a ``line.snapshot()`` returning the state's name, the
  finished and good counts, OEE in %, the operating time in minutes and the ``panel.display`` value (OEE in
  0.1 %), judged on hidden snapshots of a real line (the start, where every count is 0, included). Named
  mistakes: a state number not named, division by zero at the start, OEE as a fraction, the display in whole %,
  seconds for minutes, run time only, parts in counted as finished, parts out counted as good.
"""

from __future__ import annotations

import functools
import random
import sys
from collections.abc import Callable, Mapping
from typing import Any

from factorylab.control.checks.base import register
from factorylab.control.checks.kinds import ValueCheck, need_result
from factorylab.control.checks.kinds import finite_number as _number
from factorylab.control.checks.result import CheckResult, Finding, Item
from factorylab.control.checks.values import OeeByHand
from factorylab.control.student import Watchdog
from factorylab.errors import FactoryLabError
from factorylab.plant.line import oee_figures

# --- the lab's shift ---------------------------------------------------------------------------------------------

#: s, one shift of the lab
SHIFT_SECONDS = 3600.0
#: s, the break in the middle of the shift
BREAK_LENGTH = 600.0
#: the counters ``oee(k)`` receives: ``production.<key>`` tags
SHIFT_KEYS = (
    "run_time",
    "idle_time",
    "stop_time",
    "down_time",
    "ideal_cycle_time",
    "parts_in",
    "parts_out",
    "parts_rejected",
    "parts_good",
)
FIGURES = ("availability", "performance", "quality", "oee")


def shift_plan(seed: int) -> dict[str, Any]:
    """When things happen in the shift of ``seed``: break start (s), jam time (s) and belt, tool breakage time (s)."""
    rng = random.Random(f"oee_shift|{seed}")
    break_at = round(rng.uniform(1500.0, 2100.0), 1)
    return {
        "start": 1.0,
        "break_at": break_at,
        "break_end": break_at + BREAK_LENGTH,
        "jam_at": round(rng.uniform(400.0, 1300.0), 1),
        "jam_belt": rng.choice(["conveyor1", "conveyor2"]),
        "breakage_at": round(rng.uniform(break_at + BREAK_LENGTH + 300.0, 3400.0), 1),
    }


def shift_scenario(seed: int, estop_at: float | None = None):
    """The ``line`` scenario with the shift of ``seed``: operator start, break, a jam and a broken tool."""
    from factorylab.plant import load_scenario
    from factorylab.plant.scenario import Action, FaultSettings, ScheduledFault

    plan = shift_plan(seed)
    actions = [
        Action(at=plan["start"], press="start"),
        Action(at=plan["break_at"], press="stop"),
        Action(at=plan["break_end"], press="start"),
    ]
    if estop_at is not None:
        actions.append(Action(at=estop_at, estop="pushed"))
    actions.sort(key=lambda action: action.at)
    faults = FaultSettings(
        schedule=[
            ScheduledFault(at=plan["jam_at"], kind="jam", target=plan["jam_belt"], duration=60.0),
            ScheduledFault(at=plan["breakage_at"], kind="tool_breakage", target="cnc"),
        ]
    )
    return load_scenario("line").model_copy(update={"actions": actions, "faults": faults})


def shift_line(seed: int, variant: int | None = None):
    """A local ``line`` with the lab's shift for ``seed`` (your own seed: your own shift)."""
    import factorylab

    return factorylab.connect(scenario=shift_scenario(seed), seed=seed, variant=variant)


def shift_controller(feed_from: float = 185.0) -> Callable[..., None]:
    """The reference line controller, run only between the operator's start and stop (a seal-in).

    While stopped (before the start, in the break) every output is off, the oven's heater too. Parts are fed
    once the oven reaches ``feed_from`` (°C), a little before it is fully hot, as a hurried shift does.
    """
    from factorylab.control.reference import make_line_controller

    inner = make_line_controller(feed_from=feed_from)

    def controller(line, t, m):
        if line.panel.start:
            m["run"] = True
        if line.panel.stop or not line.panel.safety_ok:
            m["run"] = False
        if m["run"]:
            inner(line, t)
            return
        for device in ("feeder", "conveyor1", "conveyor2", "cnc"):
            getattr(line, device).run = False
        line.oven.heater = 0.0
        line.tank.inflow = 0.0
        line.sorter.extend = False

    return controller


# --- helpers -----------------------------------------------------------------------------------------------------


def _show(value: Any) -> str:
    number = _number(value)
    if number is None:
        return repr(value)
    return str(int(number)) if number.is_integer() else f"{number:.1f}"


def _call(
    check: ValueCheck, function: Callable[..., Any], argument: Any, watch: Mapping[Any, str] | None = None
) -> tuple[Any, BaseException | None, str | None]:
    """The student's function on one input, stopped after the check's time limit: (value, error, used).

    ``watch`` maps code objects the answer must not call (the plant's own formula) to their names; ``used`` is the
    first one it called (None if none).
    """
    used: list[str] = []
    previous = sys.getprofile()

    def profile(frame, event, arg):  # noqa: ANN001 - sys.setprofile's signature
        if event == "call" and frame.f_code in watch and not used:
            used.append(watch[frame.f_code])
        if previous is not None:
            previous(frame, event, arg)

    try:
        with Watchdog(limit=check.time_limit) as dog:
            dog.beat += 1
            dog.busy = True
            if watch:
                sys.setprofile(profile)
            try:
                value = function(argument)
            finally:
                if watch:
                    sys.setprofile(previous)
            dog.busy = False
    except BaseException as error:  # noqa: BLE001 - the student's mistake, explained
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        return None, error, used[0] if used else None
    return value, None, used[0] if used else None


# --- oee_shift -----------------------------------------------------------------------------------------------------


def true_figures(k: Mapping[str, float]) -> dict[str, float]:
    """A, P, Q and OEE in % as the plant computes them (planned time = run + idle + stop + down)."""
    planned = k["run_time"] + k["idle_time"] + k["stop_time"] + k["down_time"]
    figures = oee_figures(
        run_time=k["run_time"],
        idle_time=k["idle_time"],
        finished=k["parts_out"] + k["parts_rejected"],
        good=k["parts_good"],
        planned_time=planned,
        ideal_cycle_time=k["ideal_cycle_time"],
    )
    return dict(zip(FIGURES, figures, strict=True))


def _figures(k: Mapping[str, float], *, planned=None, operating_a=None, operating_p=None, made=None, good=None):
    """A, P, Q, OEE in % with one part of the formula swapped (the wrong answers)."""
    finished = k["parts_out"] + k["parts_rejected"]
    operating = k["run_time"] + k["idle_time"]
    planned = planned if planned is not None else operating + k["stop_time"] + k["down_time"]
    a = 100.0 * (operating_a if operating_a is not None else operating) / planned
    p = min(
        100.0, 100.0 * k["ideal_cycle_time"] * (made if made is not None else finished) / (operating_p or operating)
    )
    q = 100.0 * (good if good is not None else k["parts_good"]) / finished
    return {"availability": a, "performance": p, "quality": q, "oee": a * p * q / 10000.0}


def _as_kpis(k: Mapping[str, float]) -> dict[str, float]:
    """``k`` in the form of ``result.kpis`` (what ``oee_by_hand``'s recognisers read)."""
    return {
        "planned_time": k["run_time"] + k["idle_time"] + k["stop_time"] + k["down_time"],
        "run_time": k["run_time"],
        "idle_time": k["idle_time"],
        "ideal_cycle_time": k["ideal_cycle_time"],
        "parts_in": k["parts_in"],
        "parts_out": k["parts_out"],
        "rejected": k["parts_rejected"],
        "good": k["parts_good"],
    }


#: (code, wrong formula, what it means ko/en, next step ko/en): checked on all four figures
SHIFT_RECOGNISERS: tuple[tuple[str, Callable[[Mapping[str, float]], dict[str, float]], str, str, str, str], ...] = (
    (
        "fractions",
        lambda k: {name: value / 100.0 for name, value in true_figures(k).items()},
        "네 값을 0~1의 비율로 돌려주었습니다: 이 과제는 %(0~100)로 답합니다.",
        "you returned the four figures as fractions (0-1): this exercise answers in % (0-100)",
        "각 비율에 100을 곱해 돌려주세요.",
        "multiply each ratio by 100 before you return it",
    ),
    (
        "break_excluded",
        lambda k: _figures(k, planned=k["run_time"] + k["idle_time"] + k["down_time"]),
        "계획 시간에서 정지 시간(stop_time, 휴식)을 뺐습니다: FactoryLab은 휴식을 포함한 모든 시간을 계획 시간으로 셉니다.",
        "you left the stop time (stop_time, the break) out of planned time: FactoryLab counts all the time as "
        "planned, the break included",
        "계획 시간 = run_time + idle_time + stop_time + down_time으로 쓰세요 (회사마다 정의가 다르니, 여기서는 설비의 정의를 따릅니다).",
        "use planned time = run_time + idle_time + stop_time + down_time (companies differ: here follow the plant)",
    ),
    (
        "idle_not_operating",
        lambda k: _figures(k, operating_a=k["run_time"], operating_p=k["run_time"]),
        "가용성과 성능 모두 가동 시간을 run_time으로만 셌습니다: OEE는 맞지만, FactoryLab에서 대기 시간(idle_time)은 가동 시간이라 "
        "가용성과 성능의 몫이 다릅니다.",
        "you took operating time as run_time alone in both availability and performance: the OEE comes out right, "
        "but in FactoryLab idle_time is operating time, so A and P differ",
        "가동 시간 = run_time + idle_time으로 두 곳 모두 고치세요.",
        "use operating time = run_time + idle_time in both places",
    ),
    (
        "availability_run_only",
        lambda k: _figures(k, operating_a=k["run_time"]),
        "가용성에 운전 시간(run_time)만 넣었습니다: FactoryLab에서는 대기 시간(idle_time)도 가동 시간입니다.",
        "your availability uses run_time only: in FactoryLab idle_time is operating time too",
        "가동 시간 = run_time + idle_time으로 쓰세요.",
        "use operating time = run_time + idle_time",
    ),
    (
        "performance_from_parts_in",
        lambda k: _figures(k, made=k["parts_in"]),
        "성능에 투입 수(parts_in)를 썼습니다: 아직 라인 안에 있는 부품은 완성되지 않았습니다.",
        "your performance counts parts_in: the parts still inside the line are not finished",
        "완성 수 = parts_out + parts_rejected로 쓰세요.",
        "use finished = parts_out + parts_rejected",
    ),
    (
        "performance_from_good",
        lambda k: _figures(k, made=k["parts_good"]),
        "성능에 양품 수(parts_good)를 썼습니다: 성능은 불량까지 포함한 완성 수로 계산하고, 불량은 품질에서 한 번만 뺍니다.",
        "your performance counts parts_good: performance counts every finished part, defects included; defects come "
        "off once, in quality",
        "성능의 완성 수 = parts_out + parts_rejected로 쓰세요.",
        "use finished = parts_out + parts_rejected in performance",
    ),
    (
        "quality_from_inspection",
        lambda k: _figures(k, good=k["parts_out"]),
        "품질을 검사의 판정(배출 수 parts_out, 곧 완성 수 − parts_rejected)으로 계산했습니다: 실제 양품 수는 parts_good입니다.",
        "your quality counts the inspection's verdict (parts_out, that is finished - parts_rejected) as good: the "
        "true good count is parts_good",
        "품질 = parts_good / (parts_out + parts_rejected)로 쓰세요.",
        "use quality = parts_good / (parts_out + parts_rejected)",
    ),
)
#: ``oee_by_hand``'s recognisers of the last step (A, P, Q right, OEE combined wrongly), reused as they are
OEE_STEP = ("added", "averaged", "percent_product")


def _hidden_shifts(seed: int) -> list[dict[str, float]]:
    """Counters of plausible shifts: a break, down time, idle time, rejects that differ from the true defects."""
    rng = random.Random(f"oee_shift|hidden|{seed}")
    sets = []
    for hours in (1, 2, 8):
        planned = 3600.0 * hours
        stop = round(rng.uniform(0.06, 0.14) * planned, 1)
        down = round(rng.uniform(0.04, 0.10) * planned, 1)
        idle = round(rng.uniform(0.05, 0.12) * planned, 1)
        run = round(planned - stop - down - idle, 1)
        ideal = rng.choice([4.0, 4.0, 5.0])
        finished = int(run / ideal * rng.uniform(0.75, 0.92))
        rejected = int(finished * rng.uniform(0.03, 0.08))
        good = finished - int(finished * rng.uniform(0.04, 0.10))
        sets.append(
            {
                "run_time": run,
                "idle_time": idle,
                "stop_time": stop,
                "down_time": down,
                "ideal_cycle_time": ideal,
                "parts_in": finished + rng.randint(8, 20),
                "parts_out": finished - rejected,
                "parts_rejected": rejected,
                "parts_good": good,
            }
        )
    return sets


def shift_counters(snapshot: Mapping[str, Any]) -> dict[str, float]:
    """The counters ``oee(k)`` receives, from a snapshot: ``production.<key>`` for each key of :data:`SHIFT_KEYS`."""
    return {key: snapshot[f"production.{key}"] for key in SHIFT_KEYS}


def _label(k: Mapping[str, float]) -> str:
    return ", ".join(f"{key}={_show(k[key])}" for key in ("run_time", "idle_time", "stop_time", "down_time"))


#: the plant's own formula (and the check's truth, which uses it): an ``oee(k)`` that calls it computes nothing
def _plant_formula() -> dict[Any, str]:
    return {oee_figures.__code__: "oee_figures", true_figures.__code__: "true_figures"}


@register
class OeeShift(ValueCheck):
    """``oee(k)``: a shift's counters to ``{"availability", "performance", "quality", "oee"}`` in %.

    The answer is called on every case before the hidden cases' truths are worked out, so nothing the check holds
    while the answer runs (the caller's frames included) gives them away (your own shift's figures are the plant's
    tags anyway, and a right answer there alone does not pass); an answer that calls the plant's own
    formula (:func:`factorylab.plant.line.oee_figures`) gets ``plant_formula``.
    """

    name = "oee_shift"
    title = ("교대 근무의 OEE: 가용성, 성능, 품질", "OEE of a shift: availability, performance, quality")
    function = "oee"
    unit = "%"
    tolerance = 0.5  # percentage points
    count = 2

    def cases(self, seed: int) -> list[tuple[dict[str, float], dict[str, float], str]]:  # type: ignore[override]
        return [(k, true_figures(k), _label(k)) for k in _hidden_shifts(seed)]

    def _own(self, line: Any) -> tuple[dict[str, float], dict[str, float]]:
        """(the counters, the plant's own figures) of the student's shift."""
        snapshot = getattr(line, "snapshot", None)
        if not callable(snapshot):
            raise FactoryLabError(
                'line=에는 factorylab.connect()가 돌려준 라인을 넘기세요: factorylab.check(oee, "oee_shift", line=line)',
                'pass the line factorylab.connect() returned as line=: factorylab.check(oee, "oee_shift", line=line)',
            )
        values = snapshot()
        k = {key: float(values[f"production.{key}"]) for key in SHIFT_KEYS}
        if k["parts_out"] + k["parts_rejected"] == 0 or k["run_time"] + k["idle_time"] <= 0:
            raise FactoryLabError(
                "이 라인에서는 아직 완성된 부품이 없어 OEE를 계산할 수 없습니다: 교대 근무를 먼저 돌리세요.",
                "no part was finished on this line yet, so there is no OEE to compute: run the shift first",
            )
        return k, {name: float(values[f"production.{name}"]) for name in FIGURES}

    def judge(self, answer: Any, seeds: list[int], line: Any = None, **options: Any) -> CheckResult:
        if options:
            raise FactoryLabError(
                f"이 검사가 모르는 값입니다: {', '.join(options)} (line=만 받습니다)",
                f"this check does not take {', '.join(options)} (only line=)",
            )
        own = self._own(line) if line is not None else None
        inputs = [k for seed in seeds for k in _hidden_shifts(seed)]
        labels = [(_label(k), _label(k)) for k in inputs]
        if own is not None:
            inputs.insert(0, own[0])
            labels.insert(0, ("여러분의 교대 근무", "your shift"))
        if not callable(answer):
            return self.result(False, [self._not_an_answer(answer)])
        watch = _plant_formula()
        given: list[dict[str, float]] = []
        for k, (label_ko, label_en) in zip(inputs, labels, strict=True):
            value, error, used = _call(self, answer, dict(k), watch)
            if used is not None:
                return self.result(False, [_plant_formula_used(used)])
            if error is not None:
                return self.result(False, [self._function_error(error)])
            figures = _four(value)
            if figures is None:
                return self.result(False, [_not_four(value, label_ko, label_en)])
            given.append(figures)
        truths = [true_figures(k) for k in inputs]
        if own is not None:
            truths[0] = own[1]
        cases = [(k, truth, label) for k, truth, label in zip(inputs, truths, labels, strict=True)]
        items: list[Item] = []
        for (_k, truth, (_label_ko, label_en)), figures in zip(cases, given, strict=True):
            right = all(abs(figures[name] - truth[name]) <= self.tolerance for name in FIGURES)
            shown = ", ".join(f"{name[0].upper()} {figures[name]:.1f}" for name in FIGURES[:3])
            items.append(Item(label_en, f"{shown}, OEE {figures['oee']:.1f} %", right))
        if all(item.right for item in items):
            return self.result(True, [], seeds=len(cases), items=items)
        finding = self._recognise_figures(cases, given)
        return self.result(False, [finding], seeds=len(cases), items=items)

    def _recognise_figures(self, cases: list, given: list[dict[str, float]]) -> Finding:
        def near(a: dict[str, float], b: dict[str, float], names=FIGURES) -> bool:
            return all(abs(a[name] - b[name]) <= self.tolerance for name in names)

        for code, formula, ko, en, next_ko, next_en in SHIFT_RECOGNISERS:
            if all(near(g, formula(k)) for (k, _, _), g in zip(cases, given, strict=True)):
                return Finding(code, ko, en, next_ko, next_en)
        fixed = _fixed_planned_time(cases, given, self.tolerance)
        if fixed is not None:
            return fixed
        if all(near(g, truth, FIGURES[:3]) for (_, truth, _), g in zip(cases, given, strict=True)):
            for recogniser in OeeByHand.recognisers:
                if recogniser.code not in OEE_STEP:
                    continue
                if all(
                    abs(g["oee"] - recogniser.formula(_as_kpis(k))) <= self.tolerance
                    for (k, _, _), g in zip(cases, given, strict=True)
                ):
                    return Finding(
                        recogniser.code, recogniser.ko, recogniser.en, recogniser.next_ko, recogniser.next_en
                    )
        for (_, truth, (label_ko, label_en)), g in zip(cases, given, strict=True):
            wrong = [name for name in FIGURES if abs(g[name] - truth[name]) > self.tolerance]
            if wrong:
                name = wrong[0]
                ko_name = {"availability": "가용성(availability)이", "performance": "성능(performance)이",
                           "quality": "품질(quality)이", "oee": "OEE가"}[name]  # fmt: skip
                return Finding(
                    "wrong_value",
                    f"{label_ko}의 {ko_name} {g[name]:.1f} %인데, 맞는 값은 {truth[name]:.1f} %입니다.",
                    f"for {label_en} your {name} is {g[name]:.1f} %, but the right value is {truth[name]:.1f} %",
                    "그 값의 식을 종이에 한 단계씩 계산해 보고 코드와 비교하세요.",
                    "work that figure out on paper step by step and compare it with your code",
                )
        raise AssertionError("a wrong case without a wrong figure")  # pragma: no cover


def _plant_formula_used(used: str) -> Finding:
    return Finding(
        "plant_formula",
        f"oee()가 설비가 스스로 계산한 값(production.oee 같은 태그나 그 계산 함수 {used})을 가져다 썼습니다: 이 과제는 그 "
        "계산을 카운터 k로 직접 하는 것입니다.",
        f"oee() used the figures the plant works out itself (tags such as production.oee, or its function {used}): "
        "this exercise is to compute them yourself from the counters k",
        "가용성, 성능, 품질을 카운터로 한 줄씩 계산하고, 셋을 곱해 OEE를 구하세요.",
        "compute availability, performance and quality from the counters one line each, and multiply them for OEE",
    )


def _fixed_planned_time(cases: list, given: list[dict[str, float]], tolerance: float) -> Finding | None:
    """``planned_fixed`` if every availability is operating time / one fixed number (e.g. 3600 s, your own shift)."""
    operating = [k["run_time"] + k["idle_time"] for k, _, _ in cases]
    if any(g["availability"] <= 0 for g in given):
        return None
    fixed = 100.0 * operating[0] / given[0]["availability"]
    if not all(abs(g["availability"] - 100.0 * o / fixed) <= tolerance for g, o in zip(given, operating, strict=True)):
        return None
    if all(
        abs(g["availability"] - truth["availability"]) <= tolerance
        for g, (_, truth, _) in zip(given, cases, strict=True)
    ):
        return None
    return Finding(
        "planned_fixed",
        f"계획 시간을 {fixed:.0f}초로 정해 두었습니다: 교대 근무마다 길이가 달라서, 숨은 교대 근무에서는 맞지 않습니다.",
        f"you fixed planned time at {fixed:.0f} s: shifts differ in length, so it is wrong for the hidden shifts",
        "계획 시간을 카운터에서 구하세요: run_time + idle_time + stop_time + down_time.",
        "work planned time out from the counters: run_time + idle_time + stop_time + down_time",
    )


def _four(value: Any) -> dict[str, float] | None:
    """The four figures of an answer dict (or pandas Series), as floats (None if it is not such a thing)."""
    if isinstance(value, (str, bytes)) or not (hasattr(value, "keys") and hasattr(value, "__getitem__")):
        return None
    if any(name not in value.keys() for name in FIGURES):
        return None
    figures = {name: _number(value[name]) for name in FIGURES}
    if any(v is None for v in figures.values()):
        return None
    return figures  # type: ignore[return-value]


def _not_four(value: Any, label_ko: str, label_en: str) -> Finding:
    return Finding(
        "not_four_figures",
        f"oee({label_ko})가 네 값이 든 사전(dict)을 돌려주지 않았습니다 (돌려준 값: {value!r:.80}).",
        f"oee({label_en}) did not return a dict of the four figures (it returned {value!r:.80})",
        'return {"availability": ..., "performance": ..., "quality": ..., "oee": ...}처럼 네 숫자를 돌려주세요.',
        'return the four numbers as {"availability": ..., "performance": ..., "quality": ..., "oee": ...}',
    )


# --- six_losses ----------------------------------------------------------------------------------------------------

#: the answer's keys: the planned stop, then the six big losses in TPM order
LOSSES = ("planned_stop", "breakdown", "setup", "minor_stops", "speed", "defects", "startup")
LOSS_NAMES = {
    "planned_stop": ("계획 정지(휴식)", "planned stop (break)"),
    "breakdown": ("고장", "breakdowns"),
    "setup": ("작업 준비·조정(공구 교환)", "set-up and adjustment (tool change)"),
    "minor_stops": ("일시 정지·공회전", "minor stops and idling"),
    "speed": ("속도 저하", "reduced speed"),
    "defects": ("공정 불량", "process defects"),
    "startup": ("초기 수율(시작 불량)", "start-up losses (reduced yield)"),
}
#: s: the split of down time comes from a history recorded every second or faster
SPLIT_TOLERANCE = 15.0
#: s: the losses read from the counters (times to 0.1 s, parts x the ideal cycle time)
COUNTER_TOLERANCE = 1.0
#: line and CNC states (production.state, cnc.state)
DOWN, TOOL_CHANGE = 4, 4


class Losses:
    """The six big losses of one run, s, and what goes into them (from ``result.kpis`` and ``result.history``)."""

    def __init__(self, result: Any) -> None:
        kpis = getattr(result, "kpis", None)
        history = getattr(result, "history", None)
        if not isinstance(kpis, dict) or history is None or not hasattr(history, "columns"):
            raise FactoryLabError(
                'result=에는 factorylab.run()이 돌려준 결과를 넘기세요: factorylab.check(losses, "six_losses", '
                "result=result)",
                'pass the result factorylab.run() returned as result=: factorylab.check(losses, "six_losses", '
                "result=result)",
            )
        missing = [name for name in ("production.state", "cnc.state") if name not in history.columns]
        if missing:
            shown = ", ".join(missing)
            raise FactoryLabError(
                f'이 실행은 {shown}를 기록하지 않았습니다: run(..., record=["production.state", "cnc.state"], '
                "record_every=1)로 다시 돌리세요.",
                f'this run did not record {shown}: run again with run(..., record=["production.state", "cnc.state"], '
                "record_every=1)",
            )
        times = [float(t) for t in history.index]
        spacing = min((b - a for a, b in zip(times, times[1:], strict=False)), default=0.0)
        if not 0.0 < spacing <= 1.0 + 1e-9:
            raise FactoryLabError(
                "공구 교환 시간을 재려면 1초마다(또는 더 자주) 기록해야 합니다: run(..., record_every=1)로 다시 돌리세요.",
                "to time the tool changes, record every second (or more often): run again with run(..., record_every=1)",
            )
        finished = kpis["parts_out"] + kpis["rejected"]
        if finished == 0:
            raise FactoryLabError(
                "이 실행에서는 완성된 부품이 없습니다: 교대 근무를 먼저 돌리세요.",
                "no part was finished in this run: run the shift first",
            )
        state = history["production.state"].to_numpy()
        cnc = history["cnc.state"].to_numpy()
        ideal = float(kpis["ideal_cycle_time"])
        soft = int(kpis["defects_by_cause"]["soft"])
        self.kpis = kpis
        self.ideal = ideal
        self.finished = int(finished)
        self.defective = int(finished - kpis["good"])
        self.soft = soft
        self.planned = float(kpis["planned_time"])
        self.productive = ideal * kpis["good"]
        setup = spacing * float(((state == DOWN) & (cnc == TOOL_CHANGE)).sum())
        setup = min(setup, float(kpis["down_time"]))
        if setup <= 0.0 or float(kpis["stop_time"]) < 60.0:
            raise FactoryLabError(
                "이 실행에는 휴식이나 공구 교환이 없습니다: 실습의 1시간 교대 근무(shift_line, shift_controller)를 "
                "돌린 결과를 넘기세요.",
                "this run has no break or no tool change: pass the result of the lab's one-hour shift (shift_line, "
                "shift_controller)",
            )
        self.truth = {
            "planned_stop": float(kpis["stop_time"]),
            "breakdown": float(kpis["down_time"]) - setup,
            "setup": setup,
            "minor_stops": float(kpis["idle_time"]),
            "speed": float(kpis["run_time"]) - ideal * finished,
            "defects": ideal * (self.defective - soft),
            "startup": ideal * soft,
        }

    def tolerance(self, key: str) -> float:
        return SPLIT_TOLERANCE if key in ("breakdown", "setup") else COUNTER_TOLERANCE

    def close(self, given: Mapping[str, float], wrong: Mapping[str, float], tolerance: float | None = None) -> bool:
        """True if the answers named in ``wrong`` are what that wrong way gives (to ``tolerance`` s, else each
        loss's own)."""
        return all(
            abs(given[key] - value) <= (self.tolerance(key) if tolerance is None else tolerance)
            for key, value in wrong.items()
        )

    def wrong_ways(self) -> list[tuple[str, dict[str, float], tuple[str, str, str, str]]]:
        """(code, the answers that wrong way gives, (ko, en, next ko, next en)), in the order they are tried."""
        t, k = self.truth, self.kpis
        down = float(k["down_time"])
        return [
            (
                "minutes",
                {key: value / 60.0 for key, value in t.items()},
                (
                    "로스를 분으로 적었습니다: 이 과제는 초로 답합니다 (카운터의 시간 단위가 s입니다).",
                    "you gave the losses in minutes: this exercise answers in seconds (the counters' unit is s)",
                    "60으로 나누지 말고 카운터의 초 값을 그대로 쓰세요.",
                    "keep the counters' seconds, do not divide by 60",
                ),
            ),
            (
                "tool_change_as_breakdown",
                {"breakdown": down, "setup": 0.0},
                (
                    "공구 교환 시간을 고장에 넣었습니다: 공구 교환은 계획된 작업 준비·조정 로스입니다.",
                    "you put the tool changes into breakdowns: a tool change is a planned set-up and adjustment loss",
                    "down_time 가운데 cnc.state가 4(공구 교체)인 시간을 setup으로 옮기세요.",
                    "move the part of down_time with cnc.state 4 (tool change) to setup",
                ),
            ),
            (
                "down_as_setup",
                {"breakdown": 0.0, "setup": down},
                (
                    "설비 정지 시간(down_time)을 모두 공구 교환(setup)에 넣었습니다: 걸림으로 인한 과부하나 공구 파손 같은 고장도 "
                    "그 안에 있습니다.",
                    "you put all the down time (down_time) into set-up: breakdowns such as the overload after the jam "
                    "or the broken tool are in it too",
                    "down_time 가운데 cnc.state가 4(공구 교체)인 시간만 setup에 넣고, 나머지는 breakdown에 넣으세요.",
                    "put only the part of down_time with cnc.state 4 (tool change) into setup, the rest into breakdown",
                ),
            ),
            (
                "idle_as_breakdown",
                {"breakdown": t["breakdown"] + t["minor_stops"]},
                (
                    "대기 시간(idle_time)을 고장에 넣었습니다: 부품이 없거나 막혀서 기다린 것은 설비 고장이 아닙니다.",
                    "you put the idle time (idle_time) into breakdowns: waiting for parts or for room is not a "
                    "machine failure",
                    "idle_time은 일시 정지·공회전(minor_stops)에 넣으세요.",
                    "put idle_time into minor stops and idling (minor_stops)",
                ),
            ),
            (
                "break_as_breakdown",
                {"breakdown": t["breakdown"] + t["planned_stop"]},
                (
                    "휴식(stop_time)을 고장에 넣었습니다: 작업자가 계획해서 멈춘 시간은 고장이 아닙니다.",
                    "you put the break (stop_time) into breakdowns: a stop the operator planned is not a failure",
                    "stop_time은 계획 정지(planned_stop)에 넣으세요.",
                    "put stop_time into the planned stop (planned_stop)",
                ),
            ),
            (
                "startup_as_defect",
                {"defects": t["defects"] + t["startup"], "startup": 0.0},
                (
                    "시작할 때 오븐이 덜 데워져 나온 경도 부족(soft) 불량을 공정 불량에 넣었습니다: 그것은 초기 수율 로스입니다.",
                    "you put the soft parts made while the oven was warming up into process defects: they are a "
                    "start-up loss",
                    "defects_by_cause의 soft를 startup으로 옮기세요.",
                    "move the soft parts of defects_by_cause to startup",
                ),
            ),
            (
                "defects_as_counts",
                {"defects": float(self.defective - self.soft), "startup": float(self.soft)},
                (
                    "불량 로스를 부품 수로 적었습니다: 로스는 시간(초)이므로 불량 하나는 이상 사이클 타임만큼의 시간입니다.",
                    "you gave the defect losses as part counts: losses are times (s), and each defective part cost "
                    "one ideal cycle time",
                    "불량 수에 ideal_cycle_time을 곱하세요.",
                    "multiply the defective parts by ideal_cycle_time",
                ),
            ),
            (
                "speed_whole_run",
                {"speed": float(k["run_time"])},
                (
                    "속도 저하에 운전 시간(run_time) 전체를 넣었습니다: 운전 시간 중 이상 속도로 만든 시간은 로스가 아닙니다.",
                    "you put the whole run time (run_time) into reduced speed: the time that made parts at the ideal "
                    "speed is not a loss",
                    "run_time에서 ideal_cycle_time × 완성 수를 빼세요.",
                    "subtract ideal_cycle_time x finished parts from run_time",
                ),
            ),
        ]


def _subject(word: str) -> str:
    """The subject particle (이/가) after ``word``, from its last Hangul syllable (a closing bracket skipped)."""
    last = next((c for c in reversed(word) if "가" <= c <= "힣"), "가")
    return "이" if (ord(last) - ord("가")) % 28 else "가"


@register
class SixLosses(ValueCheck):
    """The seconds of your own shift lost to each of the six big losses, plus the planned stop."""

    name = "six_losses"
    title = ("설비 6대 로스로 나누기", "the six big losses of a shift")
    function = "losses"
    unit = "s"
    count = 1

    def judge(self, answer: Any, seeds: list[int], result: Any = None, **options: Any) -> CheckResult:
        need_result(result, options, self.function, self.name)
        losses = Losses(result)
        if not isinstance(answer, Mapping):
            return self.result(
                False,
                [
                    Finding(
                        "not_a_dict",
                        "답은 {로스 이름: 초} 모양의 사전(dict)으로 주세요.",
                        "give your answer as a dict {loss: seconds}",
                    )
                ],
            )
        missing = [key for key in LOSSES if _number(answer.get(key)) is None]
        if missing:
            shown = ", ".join(f"{key}({LOSS_NAMES[key][0]})" for key in missing)
            shown_en = ", ".join(missing)
            return self.result(
                False,
                [
                    Finding(
                        "missing",
                        f"숫자가 없는 로스가 있습니다: {shown}.",
                        f"these losses have no number: {shown_en}",
                        f"{len(LOSSES)}개 항목에 모두 초를 적으세요.",
                        f"give seconds for all {len(LOSSES)} entries",
                    )
                ],
            )
        given = {key: float(_number(answer[key])) for key in LOSSES}  # type: ignore[arg-type]
        truth = losses.truth
        items = [
            Item(
                f"{key} ({LOSS_NAMES[key][1]})",
                f"{given[key]:.1f} s",
                abs(given[key] - truth[key]) <= losses.tolerance(key),
            )
            for key in LOSSES
        ]
        total = sum(given.values())
        target = losses.planned - losses.productive
        notes = [
            (
                f"로스 합계 {total:.1f} s, 계획 시간 - 완전 생산 시간 = {target:.1f} s",
                f"losses add up to {total:.1f} s; planned time - fully productive time = {target:.1f} s",
            )
        ]
        for code, wrong, (ko, en, next_ko, next_en) in losses.wrong_ways():
            # a wrong way met exactly, inside the tolerance of the split (a short breakdown all put into set-up)
            if losses.close(given, wrong, COUNTER_TOLERANCE) and not losses.close(truth, wrong, COUNTER_TOLERANCE):
                return self.result(False, [Finding(code, ko, en, next_ko, next_en)], seeds=1, items=items, notes=notes)
        if all(item.right for item in items):
            return self.result(True, [], seeds=1, items=items, notes=notes)
        for code, wrong, (ko, en, next_ko, next_en) in losses.wrong_ways():
            if losses.close(given, wrong):
                return self.result(False, [Finding(code, ko, en, next_ko, next_en)], seeds=1, items=items, notes=notes)
        if abs(total - target) > 2.0:
            finding = Finding(
                "sum_mismatch",
                f"일곱 항목의 합이 {total:.1f}초인데, 계획 시간 - 완전 생산 시간은 {target:.1f}초입니다: 어떤 시간을 두 번 셌거나 빠뜨렸습니다.",
                f"your seven entries add up to {total:.1f} s, but planned time - fully productive time is "
                f"{target:.1f} s: some time was counted twice or left out",
                "run_time, idle_time, stop_time, down_time이 각각 정확히 한 번씩 들어갔는지 확인하세요.",
                "check that run_time, idle_time, stop_time and down_time each went in exactly once",
            )
            return self.result(False, [finding], seeds=1, items=items, notes=notes)
        key = next(key for key, item in zip(LOSSES, items, strict=True) if not item.right)
        more = given[key] > truth[key]
        ko, en = LOSS_NAMES[key]
        finding = Finding(
            "wrong_value",
            f"합계는 맞지만 {key}({ko}){_subject(ko)} {'너무 큽니다' if more else '너무 작습니다'}: 어떤 시간이 다른 로스와 "
            "바뀌었습니다.",
            f"the total is right but {key} ({en}) is too {'big' if more else 'small'}: some time went to the wrong loss",
            "각 시간이 어느 로스인지 표를 다시 보세요.",
            "look again at which loss each time belongs to",
        )
        return self.result(False, [finding], seeds=1, items=items, notes=notes)


# --- dashboard -------------------------------------------------------------------------------------------------------

BOARD = ("state", "finished", "good", "oee", "operating_min", "display")


def state_names(number: int) -> set[str]:
    """Every way a state may be named: the tag table's English and Korean labels, and their first words."""
    from factorylab.plant.line import STATE_NAMES
    from factorylab.tags import ALL_TAGS

    english, korean = ALL_TAGS["production.state"].states[number]
    names = {english, korean, english.split(" (")[0], korean.split(" (")[0], STATE_NAMES[number]}
    names |= {f"{korean.split(' (')[0]} 중", *STATE_ALIASES.get(number, ())}
    return {_plain(name) for name in names}


#: other names an HMI gives the line's states (RUN / STOP lamps, "운전 중"): a state's name, not a number
STATE_ALIASES = {0: ("stop",), 1: ("run",), 2: ("idling",), 3: ("emergency stop",)}


def _plain(text: str) -> str:
    return "".join(str(text).lower().replace("-", "").split())


def board_truth(snapshot: Mapping[str, Any]) -> dict[str, Any]:
    """What a dashboard shows for ``snapshot``: the state's number, counts, OEE %, operating minutes, display."""
    oee = float(snapshot["production.oee"])
    return {
        "state": int(snapshot["production.state"]),
        "finished": int(snapshot["production.parts_out"]) + int(snapshot["production.parts_rejected"]),
        "good": int(snapshot["production.parts_good"]),
        "oee": oee,
        "operating_min": (float(snapshot["production.run_time"]) + float(snapshot["production.idle_time"])) / 60.0,
        "display": oee * 10.0,
    }


BOARD_TOLERANCE = {"finished": 0.0, "good": 0.0, "oee": 0.5, "operating_min": 0.05, "display": 5.0}


def _capture(seed: int) -> list[tuple[str, dict[str, Any]]]:
    """Snapshots of a real line on ``seed``: the start, warming up, running, down, stopped, E-stop."""
    import factorylab

    rng = random.Random(f"dashboard|{seed}")
    breakage = round(rng.uniform(600.0, 700.0), 1)
    estop = round(breakage + rng.uniform(180.0, 220.0), 1)
    stop = round(rng.uniform(760.0, 790.0), 1)
    times = {
        "start": 0.0,
        "warming_up": round(rng.uniform(60.0, 150.0), 1),
        "running": round(rng.uniform(400.0, 500.0), 1),
        "down": breakage + 10.0,
        "stopped": stop + 5.0,
        "estop": estop + 5.0,
    }
    from factorylab.plant import load_scenario
    from factorylab.plant.scenario import Action, FaultSettings, ScheduledFault

    scenario = load_scenario("line").model_copy(
        update={
            "actions": [
                Action(at=1.0, press="start"),
                Action(at=stop, press="stop"),
                Action(at=stop + 60.0, press="start"),
                Action(at=estop, estop="pushed"),
            ],
            "faults": FaultSettings(schedule=[ScheduledFault(at=breakage, kind="tool_breakage", target="cnc")]),
        }
    )
    line = factorylab.connect(scenario=scenario, seed=seed)
    shots: list[tuple[str, dict[str, Any]]] = [("start", line.snapshot())]
    inner = shift_controller()
    wanted = sorted((t, name) for name, t in times.items() if t > 0)

    def controller(line, t, m):
        inner(line, t, m)
        while wanted and t >= wanted[0][0] - 1e-9:
            shots.append((wanted.pop(0)[1], line.snapshot()))

    factorylab.run(controller, line, seconds=max(times.values()) + 1.0, record=[])
    return shots


@functools.lru_cache(maxsize=16)
def hidden_snapshots(seed: int) -> tuple[tuple[str, dict[str, Any]], ...]:
    """The hidden snapshots of ``seed`` (made once per seed)."""
    return tuple(_capture(seed))


@register
class Dashboard(ValueCheck):
    """``dashboard(snapshot)``: the line's state by name, counts, OEE %, operating minutes and the display value."""

    name = "dashboard"
    title = (
        "생산 현황판: line.snapshot()에서 상태, 수량, OEE",
        "production dashboard: state, counts and OEE from a snapshot",
    )
    function = "dashboard"
    count = 2

    def judge(self, answer: Any, seeds: list[int], **options: Any) -> CheckResult:
        if options:
            raise FactoryLabError(
                f"이 검사가 모르는 값입니다: {', '.join(options)}",
                f"this check does not take {', '.join(options)}",
            )
        if not callable(answer):
            return self.result(False, [self._not_an_answer(answer)])
        cases = [shot for seed in seeds for shot in hidden_snapshots(seed)]
        given: list[dict[str, Any]] = []
        items: list[Item] = []
        for label, snapshot in cases:
            from factorylab.control.line import Snapshot

            shown = f"{label} ({snapshot['system.sim_time']:.0f} s)"
            value, error, _ = _call(self, answer, Snapshot(dict(snapshot), float(snapshot["system.sim_time"])))
            if error is not None:
                if isinstance(error, ZeroDivisionError) and label == "start":
                    return self.result(False, [_zero_division()])
                return self.result(False, [self._function_error(error)])  # type: ignore[arg-type]
            if not isinstance(value, Mapping) or any(key not in value for key in BOARD):
                return self.result(False, [_not_a_board(value, shown)])
            given.append(dict(value))
            right = _board_right(value, board_truth(snapshot))
            items.append(Item(shown, f"{value.get('state')!r}, OEE {value.get('oee')!r}", right))
        if all(item.right for item in items):
            return self.result(True, [], seeds=len(cases), items=items)
        snapshots = [snapshot for _, snapshot in cases]
        finding = _recognise_board(snapshots, given) or _board_mismatch(cases, given)
        return self.result(False, [finding], seeds=len(cases), items=items)


def _board_right(value: Mapping[str, Any], truth: Mapping[str, Any]) -> bool:
    state = value.get("state")
    if not isinstance(state, str) or _plain(state) not in state_names(truth["state"]):
        return False
    for key, tolerance in BOARD_TOLERANCE.items():
        number = _number(value.get(key))
        if number is None or abs(number - truth[key]) > tolerance + 1e-9:
            return False
    return True


def _zero_division() -> Finding:
    return Finding(
        "zero_division",
        "시작할 때(모든 수가 0일 때) dashboard가 0으로 나누다가 멈췄습니다(ZeroDivisionError).",
        "at the start (every count is 0) dashboard stopped dividing by zero (ZeroDivisionError)",
        "완성 수나 가동 시간이 0이면 나누지 말고 OEE를 0으로 두세요.",
        "when the finished count or the operating time is 0, do not divide: show OEE as 0",
    )


def _not_a_board(value: Any, shown: str) -> Finding:
    keys = ", ".join(f'"{key}"' for key in BOARD)
    return Finding(
        "not_a_board",
        f"dashboard({shown})가 여섯 항목이 든 사전(dict)을 돌려주지 않았습니다 (돌려준 값: {value!r:.80}).",
        f"dashboard({shown}) did not return a dict of the six entries (it returned {value!r:.80})",
        f"{keys} 여섯 키가 든 사전을 돌려주세요.",
        f"return a dict with the six keys {keys}",
    )


def _numbers_match(snapshots, given, key: str, wrong: Callable[[Mapping[str, Any]], float], near: float) -> bool:
    tolerance = BOARD_TOLERANCE[key]
    for snapshot, value in zip(snapshots, given, strict=True):
        number = _number(value.get(key))
        if number is None or abs(number - wrong(snapshot)) > near + 1e-9:
            return False
    # the wrong way must differ from the truth somewhere, or it is not what went wrong
    return any(abs(wrong(s) - board_truth(s)[key]) > tolerance + 1e-9 for s in snapshots)


#: (code, key, wrong value from a snapshot, ko, en, next ko, next en)
BOARD_RECOGNISERS: tuple[tuple[str, str, Callable[[Mapping[str, Any]], float], str, str, str, str], ...] = (
    (
        "oee_fraction",
        "oee",
        lambda s: float(s["production.oee"]) / 100.0,
        "OEE를 0~1의 비율로 돌려주었습니다: 현황판은 %(0~100)로 보여 줍니다.",
        "you returned OEE as a fraction (0-1): the dashboard shows it in % (0-100)",
        "OEE에 100을 곱하거나 production.oee(%)를 그대로 쓰세요.",
        "multiply by 100, or use production.oee (%) as it is",
    ),
    (
        "oee_wrong_tag",
        "oee",
        lambda s: float(s["production.quality"]),
        "OEE 자리에 production.quality(품질)를 읽었습니다.",
        "you read production.quality (quality) where OEE goes",
        "line.info('production.oee')로 OEE 태그를 확인하세요.",
        "look up the OEE tag with line.info('production.oee')",
    ),
    (
        "display_whole_percent",
        "display",
        lambda s: float(round(float(s["production.oee"]))),
        "panel.display에 OEE를 % 단위(예: 59)로 보냈습니다: 이 표시기는 0.1 % 단위(예: 587 = 58.7 %)입니다.",
        "you sent OEE to panel.display in whole % (e.g. 59): the display shows tenths of a % (587 = 58.7 %)",
        "OEE(%)에 10을 곱해 정수로 만드세요.",
        "multiply OEE (%) by 10 and make it a whole number",
    ),
    (
        "display_fraction",
        "display",
        lambda s: float(round(float(s["production.oee"]) / 100.0)),
        "panel.display에 OEE 비율(0~1)을 보냈습니다: 정수 표시기에서는 0이나 1만 보입니다.",
        "you sent the OEE fraction (0-1) to panel.display: a whole-number display shows only 0 or 1",
        "OEE(%)에 10을 곱해 0.1 % 단위의 정수로 보내세요.",
        "send OEE (%) times 10, a whole number in tenths of a %",
    ),
    (
        "operating_seconds",
        "operating_min",
        lambda s: float(s["production.run_time"]) + float(s["production.idle_time"]),
        "가동 시간을 초로 돌려주었습니다: 현황판은 분으로 보여 줍니다.",
        "you returned the operating time in seconds: the dashboard shows minutes",
        "초를 60으로 나누세요.",
        "divide the seconds by 60",
    ),
    (
        "operating_run_only",
        "operating_min",
        lambda s: float(s["production.run_time"]) / 60.0,
        "가동 시간에 production.run_time만 넣었습니다: 대기 시간(production.idle_time)도 가동 시간입니다.",
        "your operating time is production.run_time only: idle time (production.idle_time) is operating time too",
        "run_time + idle_time을 60으로 나누세요.",
        "divide run_time + idle_time by 60",
    ),
    (
        "finished_from_parts_in",
        "finished",
        lambda s: float(s["production.parts_in"]),
        "완성 수에 production.parts_in(투입 수)을 읽었습니다: 라인 안에 있는 부품은 아직 완성되지 않았습니다.",
        "you read production.parts_in (parts put in) as finished: parts still inside the line are not finished",
        "완성 수 = production.parts_out + production.parts_rejected로 쓰세요.",
        "use finished = production.parts_out + production.parts_rejected",
    ),
    (
        "good_from_parts_out",
        "good",
        lambda s: float(s["production.parts_out"]),
        "양품 수에 production.parts_out(배출 수)을 읽었습니다: 검사가 놓친 불량도 배출구로 나갑니다.",
        "you read production.parts_out (the outfeed count) as good: defects the inspection missed leave there too",
        "양품 수는 production.parts_good을 읽으세요.",
        "read the good count from production.parts_good",
    ),
)


def _recognise_board(snapshots, given) -> Finding | None:
    if any(not isinstance(value.get("state"), str) for value in given):
        number = next(value.get("state") for value in given if not isinstance(value.get("state"), str))
        return Finding(
            "state_not_named",
            f"상태를 번호({number!r})로 돌려주었습니다: 현황판을 보는 사람은 번호의 뜻을 모릅니다.",
            f"you returned the state as a number ({number!r}): people reading the dashboard do not know what it means",
            "line.info('production.state')에서 번호의 이름(예: 운전, 대기)을 찾아 글자로 돌려주세요.",
            "look up the names in line.info('production.state') (e.g. running, idle) and return the name",
        )
    changing = [
        key for key in ("finished", "good", "operating_min") if len({board_truth(s)[key] for s in snapshots}) > 1
    ]
    if changing and all(len({_number(value.get(key)) for value in given}) == 1 for key in changing):
        return Finding(
            "ignores_snapshot",
            "dashboard가 받은 snapshot을 읽지 않고 다른 곳(예: 노트북의 line)의 값을 보여 줍니다: 스냅숏마다 수가 달라도 답이 "
            "늘 같습니다.",
            "dashboard does not read the snapshot it is given but shows values from elsewhere (e.g. the notebook's "
            "line): its numbers stay the same while the snapshots' differ",
            'line.snapshot()이나 line.production 대신 인자 snapshot에서 읽으세요: snapshot["production.parts_good"]처럼.',
            'read from the argument snapshot, not line.snapshot() or line.production: snapshot["production.parts_good"]',
        )
    for code, key, wrong, ko, en, next_ko, next_en in BOARD_RECOGNISERS:
        near = 0.005 if code == "oee_fraction" else max(BOARD_TOLERANCE[key], 0.5 if key == "display" else 0.0)
        if _numbers_match(snapshots, given, key, wrong, near):
            return Finding(code, ko, en, next_ko, next_en, tag=key)
    return None


def _board_mismatch(cases, given) -> Finding:
    for (_, snapshot), value in zip(cases, given, strict=True):
        truth = board_truth(snapshot)
        t = float(snapshot["system.sim_time"])
        if _plain(value["state"]) not in state_names(truth["state"]):
            english, korean = snapshot_state_labels(truth["state"])
            return Finding(
                "state_wrong",
                f"{t:.0f}초의 상태가 {value['state']!r}인데, production.state는 {truth['state']}({korean})입니다.",
                f"at {t:.0f} s your state is {value['state']!r}, but production.state is {truth['state']} ({english})",
                "상태 번호와 이름의 표를 line.info('production.state')로 다시 보세요.",
                "check the numbers and names with line.info('production.state')",
                t=t,
                tag="production.state",
            )
        for key, tolerance in BOARD_TOLERANCE.items():
            number = _number(value.get(key))
            if number is None or abs(number - truth[key]) > tolerance + 1e-9:
                return Finding(
                    "wrong_value",
                    f"{t:.0f}초의 {key} 항목이 {value.get(key)!r}인데, 맞는 값은 {_show(truth[key])}입니다.",
                    f"at {t:.0f} s your {key} is {value.get(key)!r}, but the right value is {_show(truth[key])}",
                    "그 항목이 어느 태그에서 오는지, 단위가 무엇인지 확인하세요.",
                    "check which tag that entry comes from and in which unit",
                    t=t,
                    tag=key,
                )
    raise AssertionError("a wrong case without a wrong entry")  # pragma: no cover


def snapshot_state_labels(number: int) -> tuple[str, str]:
    """(English, Korean) short name of a line state (without the explanation in brackets), from the tag table."""
    from factorylab.tags import ALL_TAGS

    english, korean = ALL_TAGS["production.state"].states[number]
    return english.split(" (")[0], korean.split(" (")[0]
