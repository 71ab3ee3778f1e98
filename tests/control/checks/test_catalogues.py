"""Every check against its catalogue: the correct answers pass, each wrong one gets its own finding,
and replayed or clock-only outputs of the reference fail as open loop."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import factorylab
from factorylab.control.checks import get, names
from factorylab.control.checks.behaviour import BehaviourCheck

from . import answers
from .catalogue import OPEN_LOOP, WRONG_TAG, clock_only, record_outputs, replay, submit

CATALOGUES = {
    module.CHECK: module
    for module in (
        importlib.import_module(f"{answers.__name__}.{info.name}") for info in pkgutil.iter_modules(answers.__path__)
    )
}
CORRECT = [(name, answer) for name, module in CATALOGUES.items() for answer in module.CORRECT]
WRONG = [(name, wrong) for name, module in CATALOGUES.items() for wrong in module.WRONG]
BEHAVIOUR = sorted(name for name in CATALOGUES if isinstance(get(name), BehaviourCheck))


def _id(answer) -> str:
    name = getattr(answer, "__name__", None)
    return name if isinstance(name, str) else type(answer).__name__


def test_every_check_has_a_catalogue() -> None:
    assert set(names()) <= set(CATALOGUES) | {"hidden_test_check"}


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_catalogue_size(name: str) -> None:
    module = CATALOGUES[name]
    assert len(module.CORRECT) >= 3, "at least 3 differently written correct answers"
    assert len(module.WRONG) >= 6, "at least 6 typical wrong answers"
    codes = [wrong.code for wrong in module.WRONG]
    assert len(set(codes)) == len(codes), f"each wrong answer has its own finding: {codes}"
    if isinstance(get(name), BehaviourCheck):
        kinds = {wrong.kind for wrong in module.WRONG}
        assert OPEN_LOOP in kinds and WRONG_TAG in kinds


@pytest.mark.parametrize(("name", "answer"), CORRECT, ids=[f"{n}-{_id(a)}" for n, a in CORRECT])
def test_correct_answers_pass(name: str, answer) -> None:
    result = submit(name, answer)
    assert result.passed, result.message("en")
    assert "통과" in result.message("ko")


@pytest.mark.parametrize(("name", "wrong"), WRONG, ids=[f"{n}-{w.id}" for n, w in WRONG])
def test_wrong_answers_fail_with_their_own_finding(name: str, wrong) -> None:
    result = submit(name, wrong.answer)
    assert not result.passed
    assert result.codes[0] == wrong.code, result.message("en")
    english, korean = result.message("en"), result.message("ko")
    assert "아직 아닙니다" in korean and korean != english
    first = result.findings[0]
    assert first.ko and first.en and first.ko != first.en
    # two sentences at most: what happened, and one next step
    assert first.text("en").count(". ") <= 2, first.text("en")


@pytest.mark.parametrize("name", BEHAVIOUR)
def test_replayed_reference_outputs_fail_as_open_loop(name: str) -> None:
    rows = record_outputs(name, CATALOGUES[name].REFERENCE)
    result = factorylab.check(replay(rows), name)
    assert not result.passed
    assert result.codes[0] == "open_loop", result.message("en")
    assert "do not follow the inputs" in result.message("en")
    assert "입력" in result.message("ko")


@pytest.mark.parametrize("name", BEHAVIOUR)
def test_clock_only_outputs_fail_as_open_loop(name: str) -> None:
    rows = record_outputs(name, CATALOGUES[name].REFERENCE)
    result = factorylab.check(clock_only(rows), name)
    assert not result.passed
    assert result.codes[0] == "open_loop", result.message("en")
