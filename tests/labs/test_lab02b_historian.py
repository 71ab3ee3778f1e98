"""Lab 2-2 (historian): the check's truth is the run's, and the teacher pack lists every wrong answer.

* a real 30-minute recording made as the lab's solution makes it holds the
  same values as the run's own history (the file the check recomputes from is
  the plant's record), and the check's figure equals the mean of that history;
* the check judges the newest run of a file and is not fooled by an answer
  copied from another recording;
* the teacher pack lists every wrong answer the catalogue recognises.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import factorylab
from factorylab import data, lab
from factorylab.control.reference import make_line_controller
from factorylab.labs.lab02b_historian_checks import REQUIRED_TAGS
from tests.conftest import REPO
from tests.control.checks.answers import historian

LAB = "historian"


def solution_tags() -> list[str]:
    """The tag list of the lab's solution notebook."""
    namespace: dict = {}
    for cell in lab.notebook(lab.get(LAB), "solution").cells:
        if cell.cell_type == "code" and cell.source.startswith("STORE ="):
            exec(compile(cell.source, LAB, "exec"), namespace)  # noqa: S102 - our own lab's solution
    return namespace["tags"]


def test_the_solutions_tags_are_the_ones_the_check_asks_for() -> None:
    assert sorted(solution_tags()) == sorted(REQUIRED_TAGS) == sorted(historian.TAGS)


def test_the_recording_is_the_runs_history_and_the_figure_its_mean(tmp_path: Path) -> None:
    store = tmp_path / "shift.sqlite"
    line = factorylab.connect(scenario="line")
    result = factorylab.run(
        make_line_controller(), line, seconds=1800, record=solution_tags(), record_every=1, store=store
    )
    frame = data.load(store, run=-1)
    history = result.history
    assert list(frame.index) == list(history.index) and len(frame) == 1800
    for name in REQUIRED_TAGS:
        assert frame[name].astype(float).tolist() == history[name].astype(float).tolist(), name
    window = history["oven.temperature"][(history.index >= 1200) & (history.index < 1800)]
    per_minute = frame.set_axis(pd.to_timedelta(frame.index, unit="s")).resample("1min").mean()
    answer = {"store": str(store), "per_minute": per_minute, "oven_mean": float(window.mean())}
    assert factorylab.check(answer, "historian").passed
    # the warm-up is in the first minutes: the whole run's mean is more than 1 % lower (the check can tell them)
    assert history["oven.temperature"].mean() < 0.99 * window.mean()
    # a figure 1.5 % off fails
    assert not factorylab.check({**answer, "oven_mean": 1.015 * window.mean()}, "historian").passed


def test_an_answer_from_another_recording_fails(tmp_path: Path) -> None:
    """A table and figure from seed 0 handed in with a file of another run (another seed, a colder oven)."""
    answer = historian.reference()
    other = tmp_path / "other.sqlite"
    cold = make_line_controller(oven_setpoint=150.0)  # the same line with the oven at 150 °C
    line = factorylab.connect(scenario="line", seed=5)
    factorylab.run(cold, line, seconds=1800, record=list(REQUIRED_TAGS), record_every=1, store=other)
    result = factorylab.check({**answer, "store": str(other)}, "historian")
    assert not result.passed and result.codes[0] in ("per_minute_wrong", "oven_mean_wrong"), result.message("en")


@pytest.mark.parametrize("lang", ["", ".en"])
def test_the_teacher_pack_lists_every_wrong_answer_the_check_recognises(lang: str) -> None:
    page = (REPO / "docs" / "labs" / f"{LAB}{lang}.md").read_text(encoding="utf-8")
    for wrong in historian.WRONG:
        assert f"`{wrong.code}`" in page, wrong.code
