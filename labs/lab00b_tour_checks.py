"""Checks of lab 0-2 (the tour of the line): ``follow_part`` and ``smart_factory_levels``.

* ``follow_part`` (value, unit 0): follow one part of your own run. The answer
  is a dict ``{"part": id, "fed": s, "inspected": s, "left": s, "where":
  "outfeed" | "reject_bin"}`` checked against ``result=`` (what
  :func:`factorylab.run` returned): ``fed`` and ``left`` against the part's
  own rows of ``result.events`` (``part_fed``; ``part_out`` or
  ``part_rejected``), ``inspected`` against the first row of
  ``result.history`` where ``inspection.part_id`` shows the part. Named
  mistakes: a part id taken for a count (the time ``production.parts_out``
  reached the id), a row number taken for a part id, minutes for seconds,
  times out of order, the wrong exit, a part not in the run or not finished.
* ``smart_factory_levels`` (quiz, unit 0): a card sort on the current Korean
  ladders: six cards (what a factory does) on the 5-level 수준확인 (since
  2019; levels 1-3 as described in the course: 점검, 모니터링, process data
  analysed with real-time control) and four on the support steps (since 2022:
  기초 / 고도화1 / 고도화2; the quiz asks only 기초 or 고도화, which of the
  two 고도화 steps is a target a factory chooses). "Robots = smart" and
  "PLC = 고도화" get their own reasons.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from factorylab.control.checks.base import Check, register
from factorylab.control.checks.kinds import Question, QuizCheck, need_result
from factorylab.control.checks.kinds import finite_number as _number
from factorylab.control.checks.result import CheckResult, Finding, Item
from factorylab.errors import FactoryLabError

# --- follow_part ------------------------------------------------------------------------------------------

KEYS = ("part", "fed", "inspected", "left", "where")
TIMES = ("fed", "inspected", "left")
#: s: an event time may be rounded to the whole second
TOLERANCE = 0.5
_PLACES = {
    "outfeed": "outfeed",
    "배출구": "outfeed",
    "part_out": "outfeed",
    "out": "outfeed",
    "reject_bin": "reject_bin",
    "reject": "reject_bin",
    "rejected": "reject_bin",
    "part_rejected": "reject_bin",
    "불량함": "reject_bin",
}
_KEY_KO = {
    "part": "부품 번호",
    "fed": "공급된 시각",
    "inspected": "검사된 시각",
    "left": "떠난 시각",
    "where": "나간 곳",
}
_KEY_EN = {"part": "part id", "fed": "time fed", "inspected": "time inspected", "left": "time it left", "where": "exit"}


class Journey:
    """What the run says about one part: when it was fed, inspected and left, and where it went."""

    def __init__(self, result: Any) -> None:
        events = getattr(result, "events", None)
        history = getattr(result, "history", None)
        if events is None or history is None or not hasattr(events, "columns"):
            raise FactoryLabError(
                'result=에는 factorylab.run()이 돌려준 결과를 넘기세요: factorylab.check(my_part, "follow_part", '
                "result=result)",
                'pass the result factorylab.run() returned as result=: factorylab.check(my_part, "follow_part", '
                "result=result)",
            )
        if "inspection.part_id" not in history.columns:
            raise FactoryLabError(
                '이 실행은 inspection.part_id를 기록하지 않았습니다: run(..., record=[..., "inspection.part_id"])로 '
                "다시 돌리세요.",
                'this run did not record inspection.part_id: run again with run(..., record=[..., "inspection.part_id"])',
            )
        self.events = events
        self.history = history
        times = [float(t) for t in history.index]
        self.spacing = min((b - a for a, b in zip(times, times[1:], strict=False)), default=1.0)
        kinds = list(events["kind"])
        parts = list(events["part"])
        stamps = [float(t) for t in events["t"]]
        self.rows = stamps
        self.fed: dict[int, float] = {}
        self.left: dict[int, tuple[float, str]] = {}
        self.out_times: list[float] = []  # the n-th part_out event's time (production.parts_out reaching n)
        for kind, part, when in zip(kinds, parts, stamps, strict=True):
            if part is None or (isinstance(part, float) and math.isnan(part)):
                continue
            part = int(part)
            if kind == "part_fed":
                self.fed[part] = when
            elif kind == "part_out":
                self.left[part] = (when, "outfeed")
                self.out_times.append(when)
            elif kind == "part_rejected":
                self.left[part] = (when, "reject_bin")
        ids = list(history["inspection.part_id"])
        self.inspected: dict[int, float] = {}
        for when, part in zip(times, ids, strict=True):
            self.inspected.setdefault(int(part), when)

    def row_time(self, row: int) -> list[float]:
        """Times of the event rows ``row`` and ``row - 1`` (a row number taken for a part id), if they exist."""
        return [self.rows[r] for r in (row, row - 1) if 0 <= r < len(self.rows)]


def _close(given: float, truth: float, early: float = 0.0, late: float = 0.0) -> bool:
    """True if ``given`` is ``truth`` within the tolerance, widened by ``early`` / ``late`` seconds."""
    return truth - TOLERANCE - early - 1e-9 <= given <= truth + TOLERANCE + late + 1e-9


@register
class FollowPart(Check):
    """One part of your own run: when it was fed, inspected and left, and where it went."""

    name = "follow_part"
    title = ("부품 하나 따라가기 (result.events)", "follow one part (result.events)")
    kind = "value"
    count = 1

    def judge(self, answer: Any, seeds: list[int], result: Any = None, **options: Any) -> CheckResult:
        need_result(result, options, "my_part", self.name)
        journey = Journey(result)
        if not isinstance(answer, dict):
            return self.result(False, [_finding("not_a_dict")])
        unknown = [key for key in answer if key not in KEYS]
        if unknown:
            return self.result(False, [_finding("unknown_item", key=unknown[0])])
        missing = [key for key in KEYS if answer.get(key) is None]
        if missing:
            return self.result(False, [_finding("missing", keys=missing)], items=self._blank_items(answer))
        part = _number(answer["part"])
        if part is None or part != int(part):
            return self.result(False, [_finding("part_not_a_number", value=answer["part"])])
        part = int(part)
        if part not in journey.fed:
            return self.result(False, [_finding("not_in_run", part=part, last=max(journey.fed, default=0))])
        if part not in journey.left:
            return self.result(False, [_finding("not_finished", part=part)])
        given = {}
        for key in TIMES:
            number = _number(answer[key])
            if number is None:
                return self.result(False, [_finding("not_a_number", key=key, value=answer[key])])
            given[key] = number
        where = _PLACES.get(str(answer["where"]).strip().lower())
        if where is None:
            return self.result(False, [_finding("not_a_place", value=answer["where"])])
        truth_left, truth_where = journey.left[part]
        truth = {"fed": journey.fed[part], "inspected": journey.inspected.get(part), "left": truth_left}
        if truth["inspected"] is None:
            return self.result(False, [_finding("inspection_not_seen", part=part)])
        early = {"fed": 0.0, "inspected": journey.spacing, "left": 0.0}
        right = {key: _close(given[key], truth[key], early[key]) for key in TIMES}
        right_where = where == truth_where
        items = [Item("part", part, True)]
        items += [Item(key, _show(given[key]), right[key]) for key in TIMES]
        items.append(Item("where", where, right_where))
        if all(right.values()) and right_where:
            return self.result(True, [], seeds=1, items=items)
        finding = self._explain(part, given, truth, right, where, truth_where, journey)
        return self.result(False, [finding], seeds=1, items=items)

    @staticmethod
    def _blank_items(answer: dict) -> list[Item]:
        return [Item(key, answer.get(key) if answer.get(key) is not None else "—", False) for key in KEYS]

    def _explain(
        self,
        part: int,
        given: dict[str, float],
        truth: dict[str, float],
        right: dict[str, bool],
        where: str,
        truth_where: str,
        journey: Journey,
    ) -> Finding:
        if not given["fed"] <= given["inspected"] <= given["left"]:
            return _finding("out_of_order", part=part)
        for key in TIMES:
            if right[key]:
                continue
            counted = journey.out_times[part - 1] if len(journey.out_times) >= part else None
            if key == "left" and counted is not None and _close(given[key], counted, late=journey.spacing):
                return _finding("count_not_id", part=part)
            if any(_close(given[key], t) for t in journey.row_time(part)):
                return _finding("row_not_id", part=part, key=key)
            if 0 < given[key] < truth[key] / 10 and abs(given[key] * 60.0 - truth[key]) <= 60.0:
                return _finding("minutes", key=key)
            return _finding("wrong_time", part=part, key=key)
        return _finding("wrong_where", part=part, where=where)


def _show(value: float) -> str:
    return f"{value:g}"


def _finding(code: str, **v: Any) -> Finding:
    """The finding ``code`` in both languages, with its next step."""
    part = v.get("part")
    key = v.get("key", "")
    ko_key, en_key = _KEY_KO.get(key, key), _KEY_EN.get(key, key)
    texts: dict[str, tuple[str, str, str, str]] = {
        "not_a_dict": (
            '답은 {"part": 번호, "fed": 초, "inspected": 초, "left": 초, "where": "outfeed"} 모양의 사전(dict)입니다.',
            'the answer is a dict {"part": id, "fed": s, "inspected": s, "left": s, "where": "outfeed"}',
            "노트북에 있는 my_part 틀을 채우세요.",
            "fill in the my_part template of the notebook",
        ),
        "unknown_item": (
            f"이 검사에 없는 항목입니다: '{key}'.",
            f"'{key}' is not one of this check's items",
            "항목은 part, fed, inspected, left, where 다섯 개입니다.",
            "the items are part, fed, inspected, left and where",
        ),
        "missing": (
            f"아직 채우지 않은 항목이 있습니다: {', '.join(v.get('keys', []))}.",
            f"some items are not filled in yet: {', '.join(v.get('keys', []))}",
            "None 자리에 여러분이 찾은 값을 넣으세요.",
            "put the values you found where it says None",
        ),
        "part_not_a_number": (
            f"part에는 부품 번호(정수)를 넣으세요 (지금: {v.get('value')!r}).",
            f"part takes a part id, a whole number (now: {v.get('value')!r})",
            "result.events의 part 열에서 번호 하나를 고르세요.",
            "pick an id from the part column of result.events",
        ),
        "not_a_number": (
            f"{ko_key}({key})은 초 단위의 숫자여야 합니다 (지금: {v.get('value')!r}).",
            f"{en_key} ({key}) must be a number of seconds (now: {v.get('value')!r})",
            "result.events의 t 열에 있는 숫자를 그대로 넣으세요 (따옴표 없이).",
            "copy the number from the t column of result.events (no quotes)",
        ),
        "not_a_place": (
            f'where에는 "outfeed"(배출구) 또는 "reject_bin"(불량함)을 넣으세요 (지금: {v.get("value")!r}).',
            f'where takes "outfeed" or "reject_bin" (now: {v.get("value")!r})',
            "부품의 마지막 사건이 part_out이면 outfeed, part_rejected이면 reject_bin입니다.",
            "if the part's last event is part_out it is outfeed; part_rejected means reject_bin",
        ),
        "not_in_run": (
            f"부품 {part}번은 이 실행에서 공급되지 않았습니다 (이 실행의 부품 번호는 1~{v.get('last')}번).",
            f"part {part} was never fed in this run (its parts are 1 to {v.get('last')})",
            "result.events에 part_fed로 나오는 번호 가운데 하나를 고르세요.",
            "choose an id that appears with part_fed in result.events",
        ),
        "not_finished": (
            f"부품 {part}번은 실행이 끝날 때까지 라인을 떠나지 않았습니다.",
            f"part {part} had not left the line when the run ended",
            "part_out이나 part_rejected 사건이 있는 부품을 고르세요.",
            "choose a part that has a part_out or part_rejected event",
        ),
        "inspection_not_seen": (
            f"기록(result.history)에서 inspection.part_id가 {part}번인 줄이 없습니다: 기록 간격이 너무 깁니다.",
            f"no row of result.history shows inspection.part_id = {part}: the recording interval is too long",
            "record_every=1로 다시 돌리거나 다른 부품을 고르세요.",
            "run again with record_every=1, or choose another part",
        ),
        "out_of_order": (
            f"부품 {part}번의 시각이 순서대로가 아닙니다: 부품은 공급되고(fed), 검사받고(inspected), 그다음 떠납니다(left).",
            f"the times of part {part} are out of order: a part is fed, then inspected, then it leaves",
            "fed < inspected < left가 되는지 확인하세요.",
            "check that fed < inspected < left",
        ),
        "count_not_id": (
            f"left에 넣은 것은 배출 수(production.parts_out)가 {part}이 된 시각입니다: 그건 {part}번째로 배출구에 나간 "
            f"부품이고, 부품 번호 {part}번이 아닙니다.",
            f"your time for left is when the count production.parts_out reached {part}: that is the {part}th part to "
            f"reach the outfeed, not the part whose id is {part}",
            f"result.events에서 part 열이 {part}인 줄만 골라 보세요 (불량함으로 간 부품은 배출 수에 들어가지 않습니다).",
            f"look only at the rows of result.events whose part is {part} (parts sent to the reject bin are not in "
            f"the outfeed count)",
        ),
        "row_not_id": (
            f"{ko_key}({key})에 result.events의 {part}번째 줄의 시각을 넣었습니다: 줄 번호는 사건의 순서이고, 부품 번호가 "
            f"아닙니다.",
            f"for {en_key} ({key}) you took the time of row {part} of result.events: a row number counts events, it is "
            f"not a part id",
            f"part 열이 {part}인 줄을 찾으세요: result.events[result.events.part == {part}].",
            f"find the rows whose part column is {part}: result.events[result.events.part == {part}]",
        ),
        "minutes": (
            f"{ko_key}({key})을 분으로 적은 것 같습니다: t는 초 단위입니다.",
            f"{en_key} ({key}) looks like minutes: t is in seconds",
            "t 열의 숫자(초)를 그대로 쓰세요.",
            "use the number of the t column (seconds) as it is",
        ),
        "wrong_time": (
            f"부품 {part}번의 {ko_key}({key})이 여러분의 실행 기록과 맞지 않습니다.",
            f"the {en_key} ({key}) of part {part} does not match your run",
            "fed와 left는 result.events의 part_fed·part_out·part_rejected 줄에서, inspected는 detail이 inspection인 "
            "part_at 줄에서 찾으세요.",
            "take fed and left from the part_fed, part_out and part_rejected rows of result.events, and inspected "
            "from the part_at row whose detail is inspection",
        ),
        "wrong_where": (
            f"부품 {part}번이 나간 곳은 {'배출구(outfeed)가' if v.get('where') == 'outfeed' else '불량함(reject_bin)이'} "
            f"아닙니다.",
            f"part {part} did not go to the {v.get('where')}",
            "부품의 마지막 사건이 part_out인지 part_rejected인지 보세요.",
            "look whether the part's last event is part_out or part_rejected",
        ),
    }
    ko, en, next_ko, next_en = texts[code]
    return Finding(code, ko, en, next_ko, next_en)


# --- smart_factory_levels ----------------------------------------------------------------------------------

_ROBOTS = (
    "로봇이 있다고 스마트공장은 아닙니다: 수준은 기계가 얼마나 자동인지가 아니라 데이터를 어떻게 모으고 쓰는지로 "
    "정합니다. 이 공장의 데이터는 아직 종이에 있습니다(1단계 점검).",
    "robots do not make a factory smart: the level is about how data is collected and used, not how automatic the "
    "machines are. This factory's data is still on paper (level 1, check).",
)
_PLC = (
    "PLC 자동 운전이 곧 고도화는 아닙니다: PLC는 설비를 움직이는 제어기(ISA-95 L2)이고, 이 공장의 생산 실적은 "
    "아직 손으로 적습니다(1단계 점검).",
    "running on PLCs is not 고도화 (advanced): a PLC is the control that drives the machines (ISA-95 L2), and this "
    "factory still writes its output down by hand (level 1, check).",
)
_PLC_LEVEL = (
    "PLC로 자동 운전한다고 수준이 높은 것은 아닙니다: PLC는 설비를 움직이는 제어기(ISA-95 L2)이고, 이 공장의 생산 "
    "실적은 아직 손으로 적습니다(1단계 점검).",
    "running on PLCs does not make the level high: a PLC is the control that drives the machines (ISA-95 L2), and "
    "this factory still writes its output down by hand (level 1, check).",
)
_LEVEL_4_5 = (
    "4~5단계도 있지만 이 과정은 그 공식 설명을 다루지 않습니다. 카드의 내용을 1~3단계의 설명과 맞춰 보세요.",
    "levels 4-5 exist, but this course does not give their official description: match the card with the "
    "descriptions of levels 1-3.",
)
_NOT_SUPPORT = (
    "이 문항은 수준확인 단계(1~5)를 묻습니다: 기초·고도화는 지원 사업의 단계입니다.",
    "this item asks for a 수준확인 level (1-5): 기초 and 고도화 are steps of the support programme.",
)
_NOT_LEVEL = (
    "이 문항은 지원 사업의 단계(기초 또는 고도화)를 묻습니다: 1~5는 수준확인 단계입니다.",
    "this item asks for a support step (기초 or 고도화): 1-5 are 수준확인 levels.",
)
_BASIC_FIRST = (
    "고도화는 이미 갖춘 스마트공장(데이터를 자동으로 모으는 시스템)을 한 단계 끌어올리는 것입니다. 그런 시스템이 "
    "없는 공장은 사다리의 첫 단계 기초부터 밟습니다.",
    "고도화 (advanced) builds on a smart factory the company already has (a system that collects data "
    "automatically); a factory without one starts on the first step, 기초 (basic).",
)


def _level_question(item: str, answer: str, **special: tuple[str, str]) -> Question:
    described = {
        "1": (
            "1단계(점검)는 사람이 점검표에 손으로 적는 단계입니다",
            "level 1 (check) is people writing on check sheets",
        ),
        "2": (
            "2단계(모니터링)는 ICT가 생산·상태 데이터를 자동으로 모아 보여 주는 단계입니다",
            "level 2 (monitoring) is ICT collecting output and status data automatically and showing it",
        ),
        "3": (
            "3단계는 공정 데이터를 모아 분석하고 실시간으로 제어하는 단계입니다",
            "level 3 collects and analyses process data and controls in real time",
        ),
    }
    ko, en = described[answer]
    reasons: dict[str, tuple[str, str]] = {
        "*": (f"정답은 {answer}단계: {ko}.", f"it is level {answer}: {en}."),
        "4": _LEVEL_4_5,
        "5": _LEVEL_4_5,
        "기초": _NOT_SUPPORT,
        "고도화": _NOT_SUPPORT,
    }
    reasons.update(special)
    return Question(item, answer, reasons)


def _support_question(item: str, answer: str, **special: tuple[str, str]) -> Question:
    reasons: dict[str, tuple[str, str]] = {str(n): _NOT_LEVEL for n in range(1, 6)}
    if answer == "기초":
        reasons["고도화"] = _BASIC_FIRST
    else:
        reasons["기초"] = (
            "이 공장은 데이터를 자동으로 모으는 시스템(기초 단계의 스마트공장)을 이미 갖췄습니다. 그 위로 올라가는 "
            "지원은 고도화(1 또는 2)입니다.",
            "this factory already has a system that collects data automatically (a basic smart factory); going "
            "further up is 고도화 (1 or 2).",
        )
    reasons.update(special)
    return Question(item, answer, reasons)


@register
class SmartFactoryLevels(QuizCheck):
    """Cards (what a factory does) on the 수준확인 levels and the support steps 기초 / 고도화."""

    name = "smart_factory_levels"
    title = ("스마트공장 수준 카드 분류", "smart-factory ladder card sort")
    choices = ("1", "2", "3", "4", "5", "기초", "고도화")
    noun = ("카드", "card")
    questions = (
        _level_question(
            "paper_check_sheet",
            "1",
            **{
                "2": (
                    "엑셀에 있어도 사람이 옮겨 적은 데이터입니다: 2단계는 ICT가 데이터를 자동으로 모읍니다.",
                    "it is in Excel, but people typed it in: at level 2 ICT collects the data automatically.",
                )
            },
        ),
        _level_question("robots_on_paper", "1", **{"2": _ROBOTS, "3": _ROBOTS, "4": _ROBOTS, "5": _ROBOTS}),
        _level_question("plc_hand_count", "1", **{"2": _PLC_LEVEL, "3": _PLC_LEVEL, "4": _PLC_LEVEL, "5": _PLC_LEVEL}),
        _level_question(
            "live_status_board",
            "2",
            **{
                "1": (
                    "데이터를 사람이 적지 않고 ICT가 자동으로 모읍니다: 2단계(모니터링)입니다.",
                    "nobody writes the data down, ICT collects it: level 2 (monitoring).",
                ),
                "3": (
                    "보여 주기만 하고 판단과 조치는 사람이 합니다: 분석해서 실시간으로 제어해야 3단계입니다.",
                    "it only shows the data and people decide: level 3 analyses and controls in real time.",
                ),
            },
        ),
        _level_question(
            "historian_dashboard",
            "2",
            **{
                "3": (
                    "기록하고 화면에 보여 주는 것은 모니터링(2단계)입니다: 제어에 쓰지 않습니다.",
                    "recording and showing the data is monitoring (level 2): nothing is controlled with it.",
                )
            },
        ),
        _level_question(
            "oven_data_control",
            "3",
            **{
                "2": (
                    "보여 주기만 하는 게 아니라 분석해서 실시간으로 설정을 바꿉니다: 3단계입니다.",
                    "it does not just show the data, it analyses it and changes the setting in real time: level 3.",
                )
            },
        ),
        _support_question("support_paper_factory", "기초"),
        _support_question("support_robot_factory", "기초", 고도화=_ROBOTS),
        _support_question("support_plc_factory", "기초", 고도화=_PLC),
        _support_question("support_monitoring_factory", "고도화"),
    )

    def normalise(self, choice: Any) -> str | None:
        if isinstance(choice, bool):
            return None
        if isinstance(choice, numbers.Integral) and 1 <= int(choice) <= 5:
            return str(int(choice))
        text = str(choice).strip().lower().replace(" ", "")
        for prefix in ("레벨", "level", "단계", "수준"):
            text = text.removeprefix(prefix)
        text = text.removesuffix("단계")
        if text in ("1", "2", "3", "4", "5"):
            return text
        if text in ("기초", "basic"):
            return "기초"
        if text in ("고도화", "고도화1", "고도화2", "advanced", "advanced1", "advanced2"):
            return "고도화"
        return None
