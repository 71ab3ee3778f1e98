"""Check of lab 9-2 (fault-diagnosis drill): ``fault_diagnosis``.

The drill: faults start on the line while the reference controller runs it;
a team records the line with its historian and names each fault from the
history alone: ``[{"fault": kind, "target": device, "start": s}, ...]``. The
check compares the list with the line's fault log: the fault kind (the log's
label, e.g. ``jam``), its target (``conveyor1``, ``sorter.photo_eye``) and its
start within ±30 s (:data:`START_TOLERANCE`).

Where the truth comes from (never from a value the student holds):

* ``seed=`` (the notebook and CI): :func:`fault_drill` runs a local line
  fast-forward with the reference controller and a hidden fault script drawn
  from the seed, and hands out the recorded history only (no ``result.faults``,
  no line). The check runs the same seeded line itself and reads the fault log
  from its own plant (``plant.faults.log``; a jam starts when it takes hold of a
  part, the ``jam`` event).
* ``line=``: a local line a teammate injected faults into
  (``line.plant.inject_fault``): the log of that line's plant.
* ``fault_log=`` (in class): the teacher's log of the live simulator's faults
  (kind, target, start s): the CSV file ``factorylab sim --fault-log FILE``
  keeps, a list of dicts or a DataFrame shaped like ``result.faults``. A remote line
  shows no fault log to a student's notebook (``result.faults`` is empty for a
  remote line), so only the teacher holds it.

Named mistakes: the symptom instead of the fault (``overload`` for a jam),
the right fault on the wrong device, a tag or a device where the fault list
names the other, a start in minutes, the time the alarm was noticed (more than
30 s late; how late is not told, it would give the start), a stuck sensor
called a jam, stuck-on and stuck-off swapped, a missed fault, an ordinary CNC
failure called a tool breakage, a fault that did not happen, and guessing
(more entries than the drill can hold).

What it cannot promise: the answer is a list, so the guard has nothing to
fence. ``drill_plan``/``hidden_log`` (open source) give the faults of a
``seed=`` drill, and a loop of guesses passes in about 20-30 checks; the
result names how many checks of that drill this process made, and only one of
``seed=``/``line=``/``fault_log=`` is taken. Marks come from the class drill
(see the teacher pack, "What a seed= drill can promise").
"""

from __future__ import annotations

import functools
import numbers
import random
import sys
from pathlib import Path
from typing import Any

from factorylab.control.checks.base import Check, register
from factorylab.control.checks.kinds import finite_number
from factorylab.control.checks.result import CheckResult, Finding, Item
from factorylab.errors import FactoryLabError
from factorylab.plant.faults import KINDS

#: simulated seconds of one drill (30 min: warm-up, then three faults about 7 minutes apart)
DRILL_SECONDS = 1800.0
#: s between two records of the drill's history: a part passes a photo-eye in 0.2-0.5 s, so a 1 s record misses most
#: blinks (a flow of one part every 4 s, sampled every 1 s, can show an eye at 0 for minutes) and a stuck-off eye
#: could not be told from a working one
RECORD_EVERY = 0.1
#: a start counts if it is within this many seconds of the log's start
START_TOLERANCE = 30.0
#: how many seconds after the start an answer still counts as "the alarm noticed late"
NOTICED_WINDOW = 600.0
#: extra entries beyond the log's count that count as guessing rather than one false alarm
GUESS_EXTRA = 3

#: the tags the drill records by default: currents, vibration, temperatures, photo-eyes, CNC, state
DRILL_TAGS = [
    "production.state",
    "production.parts_out",
    "conveyor1.current",
    "conveyor2.current",
    "conveyor1.vibration",
    "conveyor2.vibration",
    "conveyor1.overload",
    "conveyor2.overload",
    "conveyor1.photo_eye_exit",
    "conveyor2.photo_eye_entry",
    "conveyor2.photo_eye_exit",
    "sorter.photo_eye",
    "oven.temperature",
    "oven.heater",
    "tank.level",
    "tank.temperature",
    "cnc.failed",
    "cnc.failures",
    "cnc.state",
    "stack_light.red",
]

#: photo-eyes a drill may stick: each pulses with every part in a normal run
STUCK_TARGETS = ("conveyor2.photo_eye_entry", "conveyor2.photo_eye_exit", "sorter.photo_eye")
#: windows (s) in which the three faults of a drill start, in an order drawn from the seed
WINDOWS = ((480.0, 650.0), (850.0, 1050.0), (1250.0, 1450.0))

#: words for a symptom, and the fault kind they stand for (the symptom instead of the fault)
SYMPTOMS = {
    "overload": "jam",
    "overload_trip": "jam",
    "motor_overload": "jam",
    "high_current": "jam",
    "과부하": "jam",
    "과부하 트립": "jam",
    "line_stop": "jam",
    "high_vibration": "bearing_wear",
    "vibration": "bearing_wear",
    "진동": "bearing_wear",
    "low_temperature": "heater_degradation",
    "oven_cold": "heater_degradation",
    "heater_100": "heater_degradation",
    "온도 저하": "heater_degradation",
    "cnc_failed": "tool_breakage",
    "cnc_failure": "tool_breakage",
    "cnc 고장": "tool_breakage",
    "no_parts": "sensor_stuck_off",
    "alarm": "",
    "경보": "",
}

#: Korean names a student may write for a kind (the GUI's names and short forms)
_KIND_ALIASES = {
    "걸림": "jam",
    "컨베이어 걸림": "jam",
    "센서 고착 (항상 1)": "sensor_stuck_on",
    "센서 고착 (항상 0)": "sensor_stuck_off",
    "베어링 마모": "bearing_wear",
    "히터 열화": "heater_degradation",
    "공구 파손": "tool_breakage",
    "밸브 고착": "valve_stuck",
    "아날로그 센서 드리프트": "analog_drift",
}

_KEYS = ("fault", "target", "start")


# --- the hidden drill ----------------------------------------------------------------------------------------------
def drill_plan(seed: int) -> list[dict[str, Any]]:
    """The hidden fault script of drill ``seed``: a jam, a stuck photo-eye and one of bearing wear, heater
    degradation or a tool breakage, one in each window of :data:`WINDOWS` in an order drawn from the seed."""
    rng = random.Random(f"fault_diagnosis|{seed}")
    third = rng.choice(["bearing_wear", "heater_degradation", "tool_breakage"])
    kinds = ["jam", "stuck", third]
    rng.shuffle(kinds)
    plan: list[dict[str, Any]] = []
    for kind, (low, high) in zip(kinds, WINDOWS, strict=True):
        at = round(rng.uniform(low, high), 1)
        if kind == "jam":
            plan.append({"at": at, "kind": "jam", "target": rng.choice(["conveyor1", "conveyor2"]),
                         "duration": round(rng.uniform(100.0, 150.0), 1)})  # fmt: skip
        elif kind == "stuck":
            plan.append({"at": at, "kind": rng.choice(["sensor_stuck_on", "sensor_stuck_off"]),
                         "target": rng.choice(STUCK_TARGETS), "duration": round(rng.uniform(120.0, 180.0), 1)})  # fmt: skip
        elif kind == "bearing_wear":
            plan.append({"at": at, "kind": kind, "target": rng.choice(["conveyor1", "conveyor2"]),
                         "duration": round(rng.uniform(150.0, 220.0), 1), "rate": round(rng.uniform(80.0, 120.0))})  # fmt: skip
        elif kind == "heater_degradation":
            # fast but shallow: the heater output steps up by about 10 %, the oven stays hot enough to keep feeding
            plan.append({"at": at, "kind": kind, "target": "oven", "rate": 20.0, "floor": 0.9})
        else:
            plan.append({"at": at, "kind": kind, "target": "cnc"})
    return plan


def _run_drill(seed: int, tags: tuple[str, ...], store: str | Path | None = None):
    """(history, fault log) of drill ``seed``: the line under the reference controller with the hidden faults."""
    import factorylab
    from factorylab.control.line import LocalLine
    from factorylab.control.reference import make_line_controller
    from factorylab.plant import Plant, load_scenario
    from factorylab.plant.scenario import FaultSettings, ScheduledFault

    # the simulation is the check's own code: it runs without the guard's profiler (which would slow it down)
    profiler = sys.getprofile()
    sys.setprofile(None)
    try:
        base = load_scenario("line")
        schedule = [ScheduledFault(**item) for item in drill_plan(seed)]
        plant = Plant(base.model_copy(update={"faults": FaultSettings(schedule=schedule)}), seed=seed)
        line = LocalLine(plant)
        result = factorylab.run(
            make_line_controller(),
            line,
            seconds=DRILL_SECONDS,
            record=list(tags),
            record_every=RECORD_EVERY,
            store=store,
        )
    finally:
        sys.setprofile(profiler)
    return result.history, tuple(log_of_plant(plant))


@functools.lru_cache(maxsize=8)
def _simulate(seed: int, tags: tuple[str, ...]):
    """:func:`_run_drill` without a store, kept for the next call (the check and the notebook share it)."""
    return _run_drill(seed, tags)


def fault_drill(seed: int = 1, tags: list[str] | None = None, store: str | Path | None = None):
    """The history of a 30-minute fault drill: the line runs fast-forward with the reference controller while
    hidden faults start and end; only the recorded history comes back (the faults are yours to find).

    Args:
        seed: the drill's seed (same seed, same faults and history).
        tags: tags to record every 0.1 s (default :data:`DRILL_TAGS`).
        store: an SQLite file to write the history to as well (your historian, as in lab 2-2).

    Returns:
        pandas DataFrame, index ``t`` (s of simulated time, every 0.1 s), one column per tag. About 2 s.
    """
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise FactoryLabError(f"seed는 정수여야 합니다 (입력: {seed!r})", f"seed must be a whole number (got {seed!r})")
    names = tuple(tags) if tags is not None else tuple(DRILL_TAGS)
    if store is not None:
        history, _log = _run_drill(int(seed), names, store)
    else:
        history, _log = _simulate(int(seed), names)
    return history.copy(deep=True)


def log_of_plant(plant: Any) -> list[dict[str, Any]]:
    """The fault log of a plant as the check compares it: kind, target, start (s).

    A fault starts when it began to act on the line (``FaultRecord.effective_start``, the same time the
    ``factorylab sim --fault-log`` file writes): a jam when it took hold of a part (the plant's ``jam`` event); a
    jam that never held a part left no trace and is left out.
    """
    log = []
    for record in plant.faults.log:
        start = record.effective_start
        if start is None:
            continue
        log.append({"fault": record.kind, "target": record.target, "start": float(start)})
    return log


def hidden_log(seed: int) -> list[dict[str, Any]]:
    """The fault log of drill ``seed`` (the check's truth)."""
    return [dict(item) for item in _simulate(int(seed), tuple(DRILL_TAGS))[1]]


# --- reading answers and logs ---------------------------------------------------------------------------------------
def _kind_of(value: Any) -> str | None:
    text = str(value).strip()
    if text.lower() in KINDS:
        return text.lower()
    return _KIND_ALIASES.get(text)


def _log_from(fault_log: Any) -> list[dict[str, Any]]:
    """A teacher's fault log (list of dicts, DataFrame like ``result.faults``, or a CSV path) as the check's list."""
    import pandas as pd

    if isinstance(fault_log, (str, Path)):
        fault_log = pd.read_csv(fault_log)
    if hasattr(fault_log, "to_dict"):
        fault_log = fault_log.to_dict("records")
    entries = []
    for row in fault_log:
        kind = _kind_of(row.get("fault", row.get("label", row.get("kind"))))
        start = finite_number(row.get("start"))
        if kind is None or start is None:
            raise FactoryLabError(
                f"고장 기록의 한 줄을 읽을 수 없습니다: {row!r} (label/fault, target, start 열이 필요합니다)",
                f"cannot read a row of the fault log: {row!r} (it needs label/fault, target and start)",
            )
        entries.append({"fault": kind, "target": str(row.get("target")), "start": start})
    return entries


#: drill seed -> how many times this process checked a diagnosis of it: named in the result, because a loop that
#: tries guesses until one passes needs only about 20-30 checks (the answer is a list; nothing can fence it)
_TRIES: dict[int, int] = {}


def _compared_with(seed: Any, line: Any, fault_log: Any) -> tuple[str, str]:
    """The note that says what the diagnosis was compared with (a teacher sees whose log judged it)."""
    if fault_log is not None:
        return ("넘겨준 고장 기록(fault_log=)과 비교했습니다.", "compared with the fault log given (fault_log=)")
    if line is not None:
        return (
            "넘겨준 로컬 라인(line=)의 고장 기록과 비교했습니다.",
            "compared with the fault log of the local line given (line=)",
        )
    return (
        f"훈련 {seed}번(seed={seed})의 고장 기록과 비교했습니다.",
        f"compared with the fault log of drill {seed} (seed={seed})",
    )


def _finding(code: str, **v: Any) -> Finding:
    n = v.get("n", 0)
    texts: dict[str, tuple[str, str, str, str]] = {
        "not_a_list": (
            '진단은 [{"fault": 고장, "target": 대상, "start": 초}, ...] 모양의 목록(list)입니다.',
            'a diagnosis is a list [{"fault": kind, "target": device, "start": s}, ...]',
            "노트북의 diagnosis 틀을 채우세요.",
            "fill in the diagnosis template of the notebook",
        ),
        "empty": (
            "진단 목록이 비어 있습니다: 이 훈련에서는 고장이 일어났습니다.",
            "the diagnosis is empty, but faults happened in this drill",
            "그래프에서 평소와 다르게 바뀌는 신호를 찾아 한 줄씩 적으세요.",
            "find the signals that change in an unusual way in the plots and write one entry for each",
        ),
        "bad_entry": (
            f"{n}번째 항목은 fault, target, start 세 칸이 있는 사전(dict)이어야 합니다.",
            f"entry {n} must be a dict with the three items fault, target and start",
            '예: {"fault": "jam", "target": "conveyor1", "start": 512}',
            'e.g. {"fault": "jam", "target": "conveyor1", "start": 512}',
        ),
        "not_filled": (
            f"{n}번째 항목에 아직 채우지 않은 칸(None)이 있습니다.",
            f"entry {n} still has an item that is not filled in (None)",
            "None 자리에 그래프에서 찾은 고장 종류, 대상, 시작 시각(초)을 넣으세요.",
            "put the fault kind, device and start (s) you found in the plots where it says None",
        ),
        "symptom_not_fault": (
            f"{n}번째 항목의 '{v.get('given')}'은(는) 고장이 아니라 고장이 만든 증상입니다.",
            f"'{v.get('given')}' in entry {n} is a symptom the fault caused, not the fault",
            f"그 증상을 만든 원인을 고장 종류({', '.join(KINDS)}) 가운데에서 고르세요.",
            f"choose the cause from the fault kinds ({', '.join(KINDS)})",
        ),
        "unknown_fault": (
            f"{n}번째 항목의 '{v.get('given')}'은(는) 고장 종류가 아닙니다.",
            f"'{v.get('given')}' in entry {n} is not a fault kind",
            f"고장 종류는 {', '.join(KINDS)} 가운데 하나입니다.",
            f"the fault kinds are {', '.join(KINDS)}",
        ),
        "start_not_a_number": (
            f"{n}번째 항목의 start는 초 단위 숫자여야 합니다 (지금: {v.get('given')!r}).",
            f"start in entry {n} must be a number of seconds (now: {v.get('given')!r})",
            "기록(history)의 t 열에서 읽은 초를 따옴표 없이 넣으세요.",
            "put the seconds you read from the history's t column, without quotes",
        ),
        "guessing": (
            f"항목이 {v.get('given')}개로, 이 훈련에서 일어난 고장보다 훨씬 많습니다: 모든 고장을 모든 시각에 적으면 "
            "진단이 아니라 추측입니다.",
            f"{v.get('given')} entries are far more than the faults of this drill: naming every fault at every "
            "time is guessing, not diagnosis",
            "그래프에서 근거(바뀐 신호)를 찾은 고장만 남기세요.",
            "keep only the faults for which a plot shows evidence (a signal that changed)",
        ),
        "stuck_called_jam": (
            f"{n}번째 항목은 걸림(jam)이라고 했지만, 모터 전류는 평소와 같고 광전센서 하나만 값이 변하지 않습니다.",
            f"entry {n} says jam, but the motor current stayed normal while one photo-eye stopped changing",
            "걸림이면 전류가 오릅니다; 전류가 그대로이면 센서 자체를 의심하고 어느 센서인지 적으세요.",
            "a jam raises the current; if the current stays normal, suspect the sensor itself and name it",
        ),
        "stuck_on_off": (
            f"{n}번째 항목의 센서와 시각은 맞지만, 항상 1인지 항상 0인지가 반대입니다.",
            f"entry {n} has the right sensor and time, but stuck-on and stuck-off are swapped",
            "그 구간에서 센서 값이 1에 머무는지 0에 머무는지 다시 보세요.",
            "look again whether the sensor stays at 1 or at 0 in that period",
        ),
        "wrong_target": (
            f"{n}번째 항목의 고장 종류와 시각은 맞지만 대상 장치가 다릅니다 ('{v.get('given')}').",
            f"entry {n} has the right fault and time but the wrong device ('{v.get('given')}')",
            "증상은 옆 장치로 번집니다: 가장 먼저 변한 신호가 어느 장치의 태그인지 보세요.",
            "symptoms spread to the next device: see which device's tag changed first",
        ),
        "target_name": (
            f"{n}번째 항목의 대상 '{v.get('given')}'은(는) 고장 목록의 대상 이름이 아닙니다.",
            f"the target '{v.get('given')}' of entry {n} is not a target name of the fault list",
            "대상은 목록 그대로 적습니다: 걸림·베어링 마모는 장치('conveyor2'), 센서 고착은 센서('conveyor2.photo_eye_entry')입니다.",
            "write targets as the list does: a device for a jam or bearing wear ('conveyor2'), the sensor for a stuck "
            "sensor ('conveyor2.photo_eye_entry')",
        ),
        "ordinary_cnc_failure": (
            f"{n}번째 항목의 공구 파손(tool_breakage)은 이 훈련의 고장 기록에 없습니다: cnc.failures는 CNC의 평소 가공 "
            "고장으로도 늘어납니다.",
            f"the tool breakage of entry {n} is not in this drill's fault log: cnc.failures also goes up with the "
            "CNC's ordinary machining failures",
            "공구가 부러지면 다음 부품을 받기 전에 공구 교체(cnc.state 4)가 이어집니다: 그 시각 뒤의 cnc.state를 확대해 보세요.",
            "a broken tool is followed by a tool change (cnc.state 4) before the next part is loaded: zoom into "
            "cnc.state after that time",
        ),
        "minutes": (
            f"{n}번째 항목의 start는 분 단위로 보입니다 ({v.get('given')}).",
            f"start in entry {n} looks like minutes ({v.get('given')})",
            "기록의 t는 초 단위입니다: 분이면 60을 곱하세요.",
            "the history's t is in seconds: multiply minutes by 60",
        ),
        "noticed_late": (
            f"{n}번째 항목의 고장과 대상은 맞지만, start가 고장이 시작된 때보다 {START_TOLERANCE:.0f}초 넘게 늦습니다.",
            f"entry {n} names the right fault and device, but its start is more than {START_TOLERANCE:.0f} s after "
            "the fault began",
            "경보가 울리거나 라인이 멈춘 때가 아니라, 신호가 처음 평소와 달라진 때를 찾으세요.",
            "look for the moment a signal first left its normal pattern, not when the alarm came or the line stopped",
        ),
        "wrong_start": (
            f"{n}번째 항목의 고장과 대상은 맞지만, start가 ±{START_TOLERANCE:.0f}초 안에 들지 않습니다.",
            f"entry {n} names the right fault and device, but its start is not within ±{START_TOLERANCE:.0f} s",
            "그 장치의 신호를 확대해서(history.loc[a:b]) 처음 변한 시각을 읽으세요.",
            "zoom into that device's signals (history.loc[a:b]) and read when they first changed",
        ),
        "missed": (
            f"고장 기록에 있는 고장 {n}건이 진단에 없습니다.",
            f"{n} fault(s) of the log are missing from the diagnosis",
            "전류, 진동, 온도, 광전센서 그래프를 처음부터 끝까지 하나씩 훑어보세요.",
            "go through the current, vibration, temperature and photo-eye plots from start to end, one by one",
        ),
        "false_alarm": (
            f"{n}번째 항목 ('{v.get('given')}')은 이 훈련에서 일어나지 않은 고장입니다.",
            f"entry {n} ('{v.get('given')}') is a fault that did not happen in this drill",
            "그 고장이라면 어떤 신호가 변해야 하는지 생각하고, 그 신호가 정말 변했는지 확인하세요.",
            "think which signal that fault would change, and check whether it really changed",
        ),
        "no_truth": (
            "이 검사는 무엇과 비교할지 알아야 합니다: seed=(훈련 번호), line=, fault_log= 가운데 하나를 넘기세요.",
            "this check needs something to compare with: pass one of seed= (the drill), line= or fault_log=",
            'factorylab.check(diagnosis, "fault_diagnosis", seed=DRILL_SEED)처럼 부르세요.',
            'call it like factorylab.check(diagnosis, "fault_diagnosis", seed=DRILL_SEED)',
        ),
    }
    ko, en, next_ko, next_en = texts[code]
    return Finding(code, ko, en, next_ko, next_en, t=v.get("t"), tag=v.get("tag"))


@register
class FaultDiagnosis(Check):
    """A diagnosis (fault kind, target, start s) compared with the line's fault log."""

    name = "fault_diagnosis"
    title = ("고장 진단 (종류, 대상, 시작 시각)", "fault diagnosis (kind, target, start time)")
    kind = "value"
    count = 1

    def judge(
        self,
        answer: Any,
        seeds: list[int],
        seed: int | None = None,
        line: Any = None,
        fault_log: Any = None,
        **options: Any,
    ) -> CheckResult:
        truth = self._truth(seed, line, fault_log)
        if truth is None:
            return self.result(False, [_finding("no_truth")])
        result = self._judge(answer, truth)
        result.notes.append(_compared_with(seed, line, fault_log))
        if seed is not None and line is None and fault_log is None:
            _TRIES[int(seed)] = _TRIES.get(int(seed), 0) + 1
            tries = _TRIES[int(seed)]
            result.notes.append(
                (
                    f"이 노트북에서 훈련 {seed}번을 {tries}번째 검사했습니다.",
                    f"check {tries} of drill {seed} in this notebook",
                )
            )
        return result

    def _judge(self, answer: Any, truth: list[dict[str, Any]]) -> CheckResult:
        if hasattr(answer, "to_dict") and hasattr(answer, "columns"):  # a pandas table with one row per fault
            answer = answer.to_dict("records")
        if not isinstance(answer, (list, tuple)):
            return self.result(False, [_finding("not_a_list")])
        entries, problem = self._read(answer)
        if problem is not None:
            return self.result(False, [problem])
        if not entries and not truth:  # a line that had no fault: "nothing happened" is the diagnosis
            return self.result(True, [], seeds=1)
        if not entries:
            return self.result(False, [_finding("empty")])
        if len(entries) >= len(truth) + GUESS_EXTRA:
            return self.result(False, [_finding("guessing", given=len(entries))], items=self._items(entries, set()))
        matched: dict[int, int] = {}  # truth index -> entry index
        for i, fault in enumerate(truth):
            for j, entry in enumerate(entries):
                if j not in matched.values() and self._same(entry, fault):
                    matched[i] = j
                    break
        used = set(matched.values())
        items = self._items(entries, used)
        if len(matched) == len(truth) and len(used) == len(entries):
            return self.result(True, [], seeds=1, items=items)
        missing = [fault for i, fault in enumerate(truth) if i not in matched]
        extra = [(j, entry) for j, entry in enumerate(entries) if j not in used]
        for j, entry in extra:  # an extra entry that is a near miss of a missing fault explains both
            finding = self._near_miss(j + 1, entry, missing)
            if finding is not None:
                return self.result(False, [finding], seeds=1, items=items)
        if missing:
            return self.result(False, [_finding("missed", n=len(missing))], seeds=1, items=items)
        j, entry = extra[0]
        if entry["fault"] == "tool_breakage":  # cnc.failures also counts the CNC's ordinary machining failures
            return self.result(
                False, [_finding("ordinary_cnc_failure", n=j + 1, t=entry["start"])], seeds=1, items=items
            )
        return self.result(False, [_finding("false_alarm", n=j + 1, given=entry["fault"])], seeds=1, items=items)

    # --- truth ------------------------------------------------------------------------------------------------
    @staticmethod
    def _truth(seed: Any, line: Any, fault_log: Any) -> list[dict[str, Any]] | None:
        if sum(x is not None for x in (seed, line, fault_log)) > 1:
            raise FactoryLabError(
                "seed=, line=, fault_log= 가운데 하나만 주세요: 진단은 한 훈련의 고장 기록과 비교합니다.",
                "give only one of seed=, line= and fault_log=: a diagnosis is compared with the fault log of one drill",
            )
        if fault_log is not None:
            return _log_from(fault_log)
        if line is not None:
            plant = getattr(line, "plant", None)
            if plant is None:
                raise FactoryLabError(
                    "line=에는 고장 기록을 가진 로컬 라인이 필요합니다: 실시간 시뮬레이터에서는 선생님이 fault_log=로 "
                    "채점합니다.",
                    "line= needs a local line that keeps its fault log: on the live simulator the teacher marks "
                    "with fault_log=",
                )
            return log_of_plant(plant)
        if seed is not None:
            if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
                raise FactoryLabError(
                    f"seed는 정수여야 합니다 (입력: {seed!r})", f"seed must be a whole number (got {seed!r})"
                )
            return hidden_log(int(seed))
        return None

    # --- answers -------------------------------------------------------------------------------------------------
    @staticmethod
    def _read(answer: Any) -> tuple[list[dict[str, Any]], Finding | None]:
        entries = []
        for n, item in enumerate(answer, start=1):
            if not isinstance(item, dict) or any(key not in item for key in _KEYS):
                return [], _finding("bad_entry", n=n)
            if any(item[key] is None for key in _KEYS):
                return [], _finding("not_filled", n=n)
            given = item["fault"]
            kind = _kind_of(given)
            if kind is None:
                word = str(given).strip().lower()
                code = (
                    "symptom_not_fault" if word in SYMPTOMS or word.replace(" ", "_") in SYMPTOMS else "unknown_fault"
                )
                return [], _finding(code, n=n, given=given)
            start = finite_number(item["start"])
            if start is None:
                return [], _finding("start_not_a_number", n=n, given=item["start"])
            entries.append({"fault": kind, "target": str(item["target"]).strip().lower(), "start": start})
        return entries, None

    @staticmethod
    def _same(entry: dict[str, Any], fault: dict[str, Any]) -> bool:
        return (
            entry["fault"] == fault["fault"]
            and entry["target"] == fault["target"]
            and abs(entry["start"] - fault["start"]) <= START_TOLERANCE + 1e-9
        )

    @staticmethod
    def _near_miss(n: int, entry: dict[str, Any], missing: list[dict[str, Any]]) -> Finding | None:
        """The named mistake that makes ``entry`` miss one of the ``missing`` faults, if any."""
        close = [f for f in missing if abs(entry["start"] - f["start"]) <= START_TOLERANCE + 1e-9]
        for fault in close:
            if fault["fault"].startswith("sensor_stuck") and entry["fault"] == "jam":
                # a photo-eye on a belt (the sorter's sits on conveyor2) read as that belt jamming
                return _finding("stuck_called_jam", n=n, tag=fault["target"])
            if (
                fault["fault"].startswith("sensor_stuck")
                and entry["fault"].startswith("sensor_stuck")
                and entry["target"] == fault["target"]
                and entry["fault"] != fault["fault"]
            ):
                return _finding("stuck_on_off", n=n, tag=fault["target"])
            if entry["fault"] == fault["fault"] and entry["target"] != fault["target"]:
                if (
                    entry["target"].startswith(f"{fault['target']}.")
                    or fault["target"].endswith(f".{entry['target']}")
                    or fault["target"].startswith(f"{entry['target']}.")
                ):
                    return _finding("target_name", n=n, given=entry["target"])  # a tag for its device, or a part of it
                return _finding("wrong_target", n=n, given=entry["target"])
        same = [f for f in missing if f["fault"] == entry["fault"] and f["target"] == entry["target"]]
        for fault in same:
            if (
                abs(entry["start"] * 60.0 - fault["start"]) <= max(START_TOLERANCE, 60.0)
                and entry["start"] < fault["start"] / 10.0
            ):
                return _finding("minutes", n=n, given=entry["start"])
            late = entry["start"] - fault["start"]
            if START_TOLERANCE < late <= NOTICED_WINDOW:
                return _finding("noticed_late", n=n, t=entry["start"])  # how late is not told: it would give the start
            return _finding("wrong_start", n=n, t=entry["start"])
        return None

    @staticmethod
    def _items(entries: list[dict[str, Any]], used: set[int]) -> list[Item]:
        return [Item(f"{e['fault']} · {e['target']}", f"{e['start']:g} s", j in used) for j, e in enumerate(entries)]
