"""Lab 0-2 (tour) and its checks ``follow_part`` and ``smart_factory_levels``: the truth of ``follow_part`` is the
plant's own record of the part, what the lab and its teacher pack say about the 30-minute run holds, and the pack
lists every wrong answer of the catalogues its exercises use."""

from __future__ import annotations

import re
from functools import cache

import pytest

import factorylab
from factorylab.control.checks import get
from factorylab.control.reference import make_line_controller
from factorylab.labs.lab00b_tour_checks import Journey
from tests.conftest import REPO
from tests.control.checks.answers import follow_part, isa95_levels, oee_by_hand, smart_factory_levels

PACKS = [REPO / "docs" / "labs" / "tour.md", REPO / "docs" / "labs" / "tour.en.md"]
RECORD = ["production.parts_out", "oven.temperature", "production.oee", "inspection.part_id"]


@cache
def lab_run(seed: int = 1):
    """The lab's exercise 0-3 on ``seed``: (line, result)."""
    line = factorylab.connect(scenario="line", seed=seed)
    result = factorylab.run(make_line_controller(), line, seconds=1800, record=RECORD, record_every=1)
    return line, result


# --- follow_part: its truth is the plant's record ----------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 7, 23])
def test_the_journey_is_the_plant_s_own_record_of_each_part(seed: int) -> None:
    line, result = lab_run(seed)
    journey = Journey(result)
    finished = line.plant.finished_parts
    assert len(finished) > 200
    for part in finished:
        stations = [where for _, where in part.history]
        assert stations[0] == "conveyor1"
        assert journey.fed[part.id] == pytest.approx(part.history[0][0])
        left, where = journey.left[part.id]
        assert left == pytest.approx(part.history[-1][0]) and where == stations[-1]
        inspected = next(t for t, where in part.history if where == "inspection")
        assert inspected <= journey.inspected[part.id] < inspected + 1.0 + 1e-9  # the next row of a 1 s history
        # the way the lab describes: CNC, then the oven (about 30 s), then inspection
        assert stations.index("cnc") < stations.index("oven") < stations.index("inspection")
        oven = stations.index("oven")
        assert 30.0 <= part.history[oven + 1][0] - part.history[oven][0] < 31.0


@pytest.mark.parametrize("seed", [1, 7, 23])
def test_a_part_s_id_and_the_outfeed_count_differ_in_every_run(seed: int) -> None:
    """The trap of exercise 0-4 exists on any seed: from part 40 on, the outfeed count lags the ids."""
    _, result = lab_run(seed)
    journey = Journey(result)
    outs = [part for part, (_, where) in sorted(journey.left.items(), key=lambda kv: kv[1][0]) if where == "outfeed"]
    late = [part for part in outs if part >= 40]
    assert late and all(outs.index(part) + 1 != part for part in late[:5])


def test_the_check_accepts_any_finished_part_worked_out_as_the_lab_shows() -> None:
    _, result = lab_run(1)
    events, history = result.events, result.history
    for part in (20, 41, 77, 150, int(events[events.kind == "part_rejected"].part.iloc[3])):
        rows = events[events.part == part]
        last = rows[rows.kind.isin(["part_out", "part_rejected"])].iloc[0]
        answer = {
            "part": part,
            "fed": rows[rows.kind == "part_fed"].t.iloc[0],
            "inspected": history[history["inspection.part_id"] == part].index[0],
            "left": last.t,
            "where": "outfeed" if last.kind == "part_out" else "reject_bin",
        }
        assert factorylab.check(answer, "follow_part", result=result), part


def test_an_answer_from_another_run_fails() -> None:
    """The check judges against the run it is given: a neighbour's numbers (another seed) do not pass."""
    _, mine = lab_run(1)
    _, theirs = lab_run(7)
    events, history = theirs.events, theirs.history
    rows = events[events.part == 60]
    last = rows[rows.kind.isin(["part_out", "part_rejected"])].iloc[0]
    answer = {
        "part": 60,
        "fed": rows.t.iloc[0],
        "inspected": history[history["inspection.part_id"] == 60].index[0],
        "left": last.t,
        "where": "outfeed" if last.kind == "part_out" else "reject_bin",
    }
    assert factorylab.check(answer, "follow_part", result=theirs)
    assert not factorylab.check(answer, "follow_part", result=mine)


def test_follow_part_asks_for_the_run_and_for_the_history_it_needs() -> None:
    from factorylab.errors import FactoryLabError

    with pytest.raises(FactoryLabError, match="result"):
        factorylab.check({"part": 1}, "follow_part")
    line = factorylab.connect(scenario="line", seed=1)
    short = factorylab.run(make_line_controller(), line, seconds=5, record=["production.parts_out"])
    with pytest.raises(FactoryLabError, match="inspection.part_id"):
        factorylab.check({"part": 1}, "follow_part", result=short)


# --- smart_factory_levels --------------------------------------------------------------------------------------------


def test_every_wrong_choice_of_every_card_gets_a_reason() -> None:
    check = get("smart_factory_levels")
    for question in check.questions:
        for choice in check.choices:
            if choice == question.answer:
                continue
            ko, en = question.reasons.get(choice) or question.reasons["*"]
            assert ko and en, (question.item, choice)
    reasons = {q.item: q.reasons for q in check.questions}
    assert "로봇" in reasons["robots_on_paper"]["3"][0] and "PLC" in reasons["support_plc_factory"]["고도화"][0]


def test_levels_4_and_5_are_never_the_answer_and_no_card_needs_them() -> None:
    """Official wording exists for levels 1-3 only: no card is placed on 4 or 5."""
    check = get("smart_factory_levels")
    assert {q.answer for q in check.questions} <= {"1", "2", "3", "기초", "고도화"}
    assert check.normalise("고도화1") == check.normalise("고도화2") == "고도화"
    assert check.normalise("L3") is None  # an ISA-95 level is not a 수준확인 level


# --- what the lab and the teacher pack say ---------------------------------------------------------------------------


def test_the_answer_key_numbers_of_exercise_0_3_and_0_4() -> None:
    line, result = lab_run(1)
    k = result.kpis
    assert (k["planned_time"], k["run_time"], k["idle_time"], k["ideal_cycle_time"]) == (1800.0, 1277.0, 393.6, 4.0)
    assert (k["parts_out"], k["rejected"], k["good"]) == (268, 30, 268)
    assert round(oee_by_hand.oee(k), 1) == 59.6 == round(k["oee"], 1)
    assert round(k["availability"], 1) == 92.8 and round(k["performance"], 1) == 71.4 and round(k["quality"], 1) == 89.9
    assert k["defects_by_cause"]["machining"] == 29 and k["defects_by_cause"]["soft"] == 0
    events = result.events
    assert float(events[events.kind == "part_fed"].t.iloc[0]) == 391.55
    assert (result.history.loc[:391.0, "production.oee"] == 0).all()
    journey = follow_part.journey(40)
    assert (float(journey["fed"]), float(journey["inspected"]), float(journey["left"]), journey["where"]) == (
        567.05, 609.0, 616.55, "outfeed",
    )  # fmt: skip
    assert result.history.loc[617.0, "production.parts_out"] == 29
    assert float(events[events.kind == "part_out"].t.iloc[39]) == 679.6
    part = next(p for p in line.plant.finished_parts if p.id == 40)
    assert [round(t, 2) for t, _ in part.history] == [567.05, 572.65, 576.65, 606.8, 608.05, 616.55]


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_the_teacher_pack_states_the_answer_key_numbers(pack) -> None:
    text = pack.read_text(encoding="utf-8")
    for number in ("59.6", "92.8", "71.4", "89.9", "1277.0", "393.6", "391.55", "567.05", "609.0", "616.55",
                   "679.6", "608.05", "30.15"):  # fmt: skip
        assert number in text, (pack.name, number)
    answers = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    names: dict = {}
    exec(answers, names)  # noqa: S102 - the pack's own answer
    assert factorylab.check(names["oee"], "oee_by_hand", result=lab_run(1)[1])


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_the_teacher_pack_lists_every_wrong_answer_of_its_checks(pack) -> None:
    text = pack.read_text(encoding="utf-8")
    for catalogue in (isa95_levels, oee_by_hand, follow_part, smart_factory_levels):
        for wrong in catalogue.WRONG:
            assert f"`{wrong.code}`" in text, (pack.name, catalogue.CHECK, wrong.code)


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_the_teacher_pack_card_answers_pass(pack) -> None:
    text = pack.read_text(encoding="utf-8")
    rows = re.findall(r"^\| `((?:support_)?[a-z_]+)` \| (\d|기초|고도화) \|", text, re.M)
    answer = dict(rows)
    assert len(answer) == 10
    assert factorylab.check(answer, "smart_factory_levels")
