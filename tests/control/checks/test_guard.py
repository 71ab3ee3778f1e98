"""A value or quiz check notices a student's function that asks the check for the answer instead of computing it:
it calls the check's own code (imported, or through the registry) or reads the check's frames."""

from __future__ import annotations

import inspect
import sys

import pytest

import factorylab
from factorylab.control.checks import guard

from .answers import xbar_r as xbar_answers


def imports_the_truth(df):
    from factorylab.labs.lab05a_spc_checks import true_limits

    return true_limits(df)


def through_the_registry(df):
    return factorylab.checks.get("xbar_r").truth(df)  # whatever it offers: the call itself is the peek


def reads_the_stack(df):
    for frame in inspect.stack():
        if "truth" in frame.frame.f_locals:
            return frame.frame.f_locals["truth"]
    return {}


def reads_a_frame(df):
    caller = sys._getframe(1)
    return dict(caller.f_locals.get("truth", {}))


@pytest.mark.parametrize("cheat", [imports_the_truth, through_the_registry, reads_the_stack, reads_a_frame])
def test_a_function_that_asks_the_check_is_told_so_at_its_own_line(cheat) -> None:
    result = factorylab.check(cheat, "xbar_r", parts=xbar_answers.own_parts())
    assert not result.passed and result.codes == ["asked_the_check"], result.message("en")
    finding = result.findings[0]
    assert "test_guard.py" in finding.ko and "번째 줄" in finding.ko and "직접 계산" in finding.next_ko


def test_a_function_that_computes_passes_and_leaves_no_profiler_behind() -> None:
    before = sys.getprofile()
    result = factorylab.check(xbar_answers.REFERENCE, "xbar_r", parts=xbar_answers.own_parts())
    assert result.passed, result.message("en")
    assert sys.getprofile() is before


def test_the_check_machinery_and_every_lab_check_module_are_guarded() -> None:
    files = guard.check_files()
    assert any(f.endswith("lab05a_spc_checks.py") for f in files)
    assert any(f.endswith("kinds.py") for f in files) and any(f.endswith("values.py") for f in files)
    assert not any(f.endswith("plc.py") or f.endswith("reference.py") for f in files)  # students may use these


def test_behaviour_checks_are_not_watched() -> None:
    assert factorylab.checks.get("seal_in").kind not in guard.WATCHED_KINDS
    assert factorylab.checks.get("xbar_r").kind in guard.WATCHED_KINDS
