"""Check of lab 9-1 (``capstone``): is the team's full-line controller ready for the hidden scoring?

* ``capstone_ready`` (scored, on 3 hidden short runs): the team's
  ``make_controller`` on the capstone's own episodes
  (:mod:`factorylab.capstone.episodes`, the oven already warm, 9 simulated
  minutes a run, so a check takes seconds, not the 2 hours of the real
  scoring): every output off during an E-stop, the feeder off after STOP,
  the interlock kept, at least 80 % of the reference's good parts, no more
  than 1 extra defective part shipped, an alarm (red lamp or buzzer) for
  every jam, stuck sensor and tool breakage, at most 30 s of alarm without
  a cause, and a buzzer that goes quiet when the operator acknowledges
  (RESET). It stops at the first run that fails. Passing it does not
  give the capstone score: that comes from the teacher's hidden 2-hour runs.
"""

from __future__ import annotations

from typing import Any

from factorylab.capstone.episodes import plan_for
from factorylab.capstone.run import run_plan
from factorylab.capstone.scoring import reference_plan_run
from factorylab.control.checks.base import Check, register
from factorylab.control.checks.result import CheckResult, Finding, Item
from factorylab.control.memory import program_for
from factorylab.control.student import Watchdog
from factorylab.errors import FactoryLabError

#: simulated hours of one hidden run of the check (the oven starts warm)
HOURS = 0.15
MIN_GOOD_SHARE = 0.8
MAX_EXTRA_DEFECTS = 1
#: s of alarm without a cause a run may have (a short run is dense with faults: a share would not tell)
MAX_FALSE_ALARM = 30.0
#: faults the alarm must catch in a short run (a heater degradation needs longer to show)
MUST_CATCH = ("jam", "stuck", "tool")
KIND_KO = {"jam": "컨베이어 걸림", "stuck": "센서 고착", "tool": "공구 파손", "heater": "히터 열화"}
KIND_EN = {"jam": "conveyor jam", "stuck": "stuck sensor", "tool": "tool breakage", "heater": "heater degradation"}


def _f(
    code: str,
    ko: str,
    en: str,
    next_ko: str,
    next_en: str,
    t: float | None = None,
    tag: str | None = None,
    run: int | None = None,
) -> Finding:
    return Finding(code, ko, en, next_ko, next_en, t, tag, run)


@register
class CapstoneReady(Check):
    """The team's full-line controller on three short capstone runs: safety, production, alarms."""

    name = "capstone_ready"
    title = ("캡스톤 준비: 라인 전체 제어기", "capstone ready: the full-line controller")
    kind = "scored"
    count = 3

    def judge(self, answer: Any, seeds: list[int], **options: Any) -> CheckResult:
        if options:
            raise FactoryLabError(
                f"이 검사가 모르는 값입니다: {', '.join(options)}", f"this check does not take {', '.join(options)}"
            )
        if not callable(answer):
            return self.result(
                False,
                [
                    _f(
                        "not_a_maker",
                        'make_controller 함수를 넘기세요: factorylab.check(make_controller, "capstone_ready").',
                        'pass the make_controller function: factorylab.check(make_controller, "capstone_ready")',
                        "괄호 없이 함수 이름만 넘깁니다.",
                        "give the function's name, without brackets",
                    )
                ],
            )
        program = program_for(answer)
        items: list[Item] = []
        with Watchdog() as dog:
            for number, seed in enumerate(seeds, start=1):
                plan = plan_for(seed, HOURS, warm=True)
                reference = reference_plan_run(seed, HOURS, warm=True)
                run = run_plan(program, plan, dog)
                finding = _first_problem(run, reference, number)
                items.append(Item(f"run {number}", f"good {run.good} (ref. {reference.good})", finding is None))
                if finding is not None:
                    return self.result(False, [finding], seeds=len(seeds), items=items)
        return self.result(True, [], seeds=len(seeds), items=items)


def _first_problem(run: Any, ref: Any, number: int) -> Finding | None:
    if run.error is not None:
        ko, en, detail, code = run.error
        finding = Finding(code, ko, en, seed=number, detail=detail)
        return finding
    if run.estop is not None:
        t, tag = run.estop
        return _f(
            "estop_output",
            f"비상정지 중 {t:g}초에 `{tag}` 출력이 아직 켜져 있었습니다: 캡스톤 채점에서 그 시드는 0점입니다.",
            f"{tag} was still on at {t:g} s during an E-stop: in the capstone scoring that seed scores 0",
            "스캔마다 `panel.safety_ok`가 0이면 모든 출력을 끄세요.",
            "in every scan, switch every output off while panel.safety_ok is 0",
            t,
            tag,
            number,
        )
    if run.stops_ignored:
        stop = next(h for h in plan_for(run.seed, HOURS, warm=True).happenings if h.kind == "stop")
        return _f(
            "stop_ignored",
            f"{stop.start:g}초에 STOP을 눌렀는데 1초 뒤에도 `feeder.run`이 켜져 있었습니다.",
            f"STOP was pressed at {stop.start:g} s and feeder.run was still on 1 s later",
            "STOP은 자기 유지를 끊어야 합니다: START로 켜고 STOP으로 끄는 실습 3-1의 회로를 쓰세요.",
            "STOP must break the seal-in: use the start/stop circuit of lab 3-1",
            stop.start,
            "feeder.run",
            number,
        )
    if run.interlocks:
        return _f(
            "interlock",
            "`conveyor1`이 멈춰 있는데 `feeder.run`이 0.5초 넘게 켜져 있었습니다 (인터록 위반).",
            "feeder.run stayed on for more than 0.5 s while conveyor1 stood (an interlock violation)",
            "`conveyor1.running`이 1일 때만 공급기를 켜세요.",
            "switch the feeder on only while conveyor1.running is 1",
            None,
            "feeder.run",
            number,
        )
    if ref.good and run.good < MIN_GOOD_SHARE * ref.good:
        return _f(
            "few_good_parts",
            f"양품이 {run.good}개로 기준 컨트롤러({ref.good}개)의 80 %보다 적습니다.",
            f"only {run.good} good parts, less than 80 % of the reference controller's {ref.good}",
            "오븐 온도, 체류 시간, 분류, 공구 교체가 돌아가는지 대시보드로 확인하세요.",
            "check on your dashboard that the oven, the dwell, the sorting and the tool changes work",
            None,
            None,
            number,
        )
    if run.shipped_defects > ref.shipped_defects + MAX_EXTRA_DEFECTS:
        return _f(
            "defects_shipped",
            f"불량 부품 {run.shipped_defects}개가 배출구로 나갔습니다 (기준 {ref.shipped_defects}개).",
            f"{run.shipped_defects} defective parts left at the outfeed (reference: {ref.shipped_defects})",
            "`inspection.reject` 판정을 부품마다 기억했다가 `sorter.photo_eye`에서 밀어내세요.",
            "remember each part's inspection.reject and push it out at sorter.photo_eye",
            None,
            "sorter.extend",
            number,
        )
    missed = [f for f in run.faults if f[0] in MUST_CATCH and not f[3]]
    if missed:
        kind, target, start, _ = missed[0]
        return _f(
            "alarm_missed",
            f"{start:g}초에 시작한 {KIND_KO[kind]}({target})에 경보(`stack_light.red`)가 켜지지 않았습니다.",
            f"no alarm (stack_light.red) for the {KIND_EN[kind]} ({target}) that began at {start:g} s",
            "그 고장이 태그에 어떻게 보이는지(전류, 센서가 오래 켜짐, `cnc.failed`) 기록에서 찾아 조건으로 쓰세요.",
            "find in your history how that fault shows in the tags (current, a sensor on too long, cnc.failed) "
            "and alarm on it",
            start,
            "stack_light.red",
            number,
        )
    false_alarm = run.alarm_time - run.justified_time
    if false_alarm > MAX_FALSE_ALARM:
        return _f(
            "alarm_without_cause",
            f"경보가 고장 없이 {false_alarm:.0f}초 동안 켜져 있었습니다: 거짓 경보입니다.",
            f"the alarm was on for {false_alarm:.0f} s without a fault: false alarms",
            "경보 조건을 고장일 때만 참이 되게 좁히세요 (예: 전류 기준을 높이고 타이머로 1초 이상 지속될 때만).",
            "narrow the alarm's condition to faults only (e.g. a higher current limit, held for 1 s with a timer)",
            None,
            "stack_light.red",
            number,
        )
    if run.acks == 0:
        return _f(
            "no_buzzer",
            "고장 때 부저(`stack_light.buzzer`)가 울리지 않아 작업자가 경보를 확인할 수 없었습니다.",
            "the buzzer (stack_light.buzzer) never sounded at a fault, so the operator had no alarm to acknowledge",
            "새 경보가 나면 부저를 켜고, RESET을 누르면 끄세요.",
            "switch the buzzer on at a new alarm and off when RESET is pressed",
            None,
            "stack_light.buzzer",
            number,
        )
    if run.acks_ok < run.acks:
        return _f(
            "ack_ignored",
            "작업자가 RESET으로 경보를 확인했는데 2초 안에 부저가 꺼지지 않았습니다.",
            "the operator acknowledged with RESET but the buzzer did not go quiet within 2 s",
            "`panel.reset`을 보면 '확인됨'을 기억해 부저를 끄세요 (적색등은 고장이 끝날 때까지).",
            "on panel.reset remember 'acknowledged' and switch the buzzer off (the red lamp stays while the fault lasts)",
            None,
            "stack_light.buzzer",
            number,
        )
    return None


def practice_line(seed: int = 1, minutes: float = 20.0):
    """A line with the capstone's faults and operator episodes (the oven warm), for your own runs and historian.

    Args:
        seed: your number: each gives other times for the faults and the operator's actions.
        minutes: how long the episodes are spread over (run your controller that long).
    """
    from factorylab.capstone.scoring import PRACTICE_SEEDS
    from factorylab.control.line import LocalLine
    from factorylab.plant import Plant

    plan = plan_for(PRACTICE_SEEDS[0] * 1000 + int(seed), minutes / 60.0, warm=True)
    return LocalLine(Plant(plan.scenario, seed=plan.seed))


def run_team(make_controller: Any, line: Any, seconds: float, **options: Any) -> Any:
    """``factorylab.run`` of a fresh controller from ``make_controller`` (an unfinished one is told in plain words)."""
    import factorylab

    try:
        return factorylab.run(make_controller, line, seconds=seconds, **options)
    except NotImplementedError:
        raise FactoryLabError(
            "아직 make_controller를 완성하지 않았습니다: '# YOUR CODE HERE' 부분을 채우고 raise NotImplementedError 줄을 지우세요.",
            "make_controller is not written yet: fill in '# YOUR CODE HERE' and delete the 'raise NotImplementedError' line.",
        ) from None


__all__ = ["CapstoneReady", "practice_line", "run_team"]
