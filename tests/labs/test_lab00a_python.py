"""Lab 0-1 (python_for_the_line) and its check ``lamp_follows_button``: the hidden runs really vary, the
read-only path explains inputs and outputs, the teacher pack's answers hold and list every wrong answer."""

from __future__ import annotations

import re

import pytest

import factorylab
from factorylab.control.checks import get
from factorylab.control.checks.seeds import formative_seeds
from tests.conftest import REPO
from tests.control.checks.answers import lamp_follows_button as answers

CHECK = get("lamp_follows_button")
SEEDS = formative_seeds(CHECK.name, CHECK.count)
PACKS = [REPO / "docs" / "labs" / "python_for_the_line.md", REPO / "docs" / "labs" / "python_for_the_line.en.md"]
EPISODES = {"tap", "long", "double", "medium", "stop", "reset"}


def _presses(seed: int) -> list[tuple[str, float, float]]:
    _, episode = CHECK.plant_for(seed)
    return episode.script["presses"]


def test_every_press_moves_by_more_than_2_s_and_the_order_changes() -> None:
    first: dict[str, list[float]] = {}
    orders = set()
    for seed in range(40):
        presses = _presses(seed)
        orders.add(tuple(dict.fromkeys(name for name, _, _ in presses)))
        seen: dict[str, float] = {}
        for name, at, _ in presses:
            seen.setdefault(name, at)
        for name, at in seen.items():
            first.setdefault(name, []).append(at)
    assert set(first) == EPISODES
    for name, times in first.items():
        assert len(times) == 40 and max(times) - min(times) > 4.0, (name, times)
    assert len(orders) > 20


@pytest.mark.parametrize("seed", SEEDS)
def test_each_hidden_run_has_every_episode_and_starts_with_a_start_press(seed: int) -> None:
    presses = _presses(seed)
    assert {name for name, _, _ in presses} == EPISODES
    assert presses[0][0] not in ("stop", "reset")
    holds = {name: hold for name, _, hold in presses}
    assert holds["tap"] <= 0.5 and holds["long"] >= 3.5
    doubles = [at for name, at, _ in presses if name == "double"]
    assert len(doubles) == 2 and doubles[1] - doubles[0] < 1.2


def test_the_hidden_runs_differ_from_each_other() -> None:
    """Two formative runs never share a press time within 2 s for every episode (no single timetable fits two)."""
    firsts = []
    for seed in SEEDS:
        seen: dict[str, float] = {}
        for name, at, _ in _presses(seed):
            seen.setdefault(name, at)
        firsts.append(seen)
    for i, a in enumerate(firsts):
        for b in firsts[i + 1 :]:
            assert any(abs(a[name] - b[name]) > 2.0 for name in EPISODES)


def test_writing_the_button_explains_inputs_and_outputs() -> None:
    result = factorylab.check(answers.writes_the_button, CHECK.name)
    finding = result.findings[0]
    assert finding.code == "read_only_tag"
    assert "panel.start" in finding.ko and "읽기 전용 입력" in finding.ko and "출력" in finding.next_ko
    assert "read-only input" in finding.en and "outputs" in finding.next_en


def test_a_while_wait_gets_the_watchdog_quickly() -> None:
    def waits(line, t):
        while not line.panel.start:
            pass
        line.stack_light.green = True

    result = factorylab.check(waits, CHECK.name)
    assert result.codes[0] == "watchdog"


def test_the_reference_passes() -> None:
    """(Speed is measured by benchmarks/checks.py, not asserted in tests.)"""
    assert factorylab.check(answers.REFERENCE, CHECK.name)


# --- the teacher pack ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_the_teacher_pack_lists_every_wrong_answer_of_the_catalogue(pack) -> None:
    text = pack.read_text(encoding="utf-8")
    for wrong in answers.WRONG:
        assert f"`{wrong.code}`" in text, (pack.name, wrong.code)


def _code_blocks(pack) -> list[str]:
    return re.findall(r"```python\n(.*?)```", pack.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_the_teacher_pack_answers_pass_and_do_what_they_say(pack) -> None:
    solution, further = _code_blocks(pack)
    names: dict = {}
    exec(solution, names)  # noqa: S102 - the pack's own answer
    assert factorylab.check(names["controller"], CHECK.name)
    exec(further, names)  # noqa: S102
    assert factorylab.check(names["controller"], CHECK.name)  # the extra lamp and display keep the exercise right
    line = factorylab.connect(scenario="conveyor")
    for _ in range(3):
        line.press("start", 0.4)
        factorylab.run(names["controller"], line, seconds=1)
    line.press("stop", 0.6)
    factorylab.run(names["controller"], line, seconds=0.3)
    assert line.panel.display == 3 and line.stack_light.red and not line.stack_light.green


def test_the_watch_it_run_table_is_what_the_pack_says() -> None:
    """Section 11: at 1.00 s start is held but green not yet written; green 1.25-2.50 s; off again from 2.75 s."""
    line = factorylab.connect(scenario="conveyor")
    factorylab.run(answers.REFERENCE, line, seconds=1)
    line.press("start", 1.5)
    history = factorylab.run(
        answers.REFERENCE, line, seconds=3, record=["panel.start", "stack_light.green", "stack_light.amber"],
        record_every=0.25,
    ).history  # fmt: skip
    assert bool(history.loc[1.0, "panel.start"]) and not history.loc[1.0, "stack_light.green"]
    on = history[history["stack_light.green"]].index
    assert list(on) == [1.25, 1.5, 1.75, 2.0, 2.25, 2.5]
    assert (history["stack_light.amber"] != history["stack_light.green"]).loc[1.25:].all()


def test_replayed_and_clock_only_lamps_are_open_loop_for_every_student_too() -> None:
    """Summative seeds (HMAC per student): the reference's lamps replayed, or rounded to whole seconds, are a time table."""
    from tests.control.checks.catalogue import clock_only, record_outputs, replay

    rows = record_outputs(CHECK.name, answers.REFERENCE)
    for n in range(30):
        for cheat in (replay(rows), clock_only(rows)):
            result = factorylab.check(cheat, CHECK.name, student=f"student{n}", secret="class secret")
            assert not result.passed and result.codes[0] == "open_loop", (n, cheat.__name__, result.message("en"))
        assert factorylab.check(answers.REFERENCE, CHECK.name, student=f"student{n}", secret="class secret")
