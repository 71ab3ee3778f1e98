"""Cold starts: every run and every hidden seed starts a controller afresh, however it keeps its state."""

from __future__ import annotations

import pytest

import factorylab
from factorylab import plc
from factorylab.control.memory import Program, RunMemory, program_for

count = 0
seen: list[float] = []
timer = plc.TON(1.0)


def counts_scans(line, t):
    global count
    count += 1
    line.panel.display = min(count, 9999)


def remembers_times(line, t):
    seen.append(t)
    line.panel.display = len(seen)


def uses_a_module_timer(line, t):
    line.panel.display = int(timer(True, t))


def with_a_default(line, t, state={"n": 0}):  # noqa: B006 - the classic mistake, on purpose
    state["n"] += 1
    line.panel.display = state["n"]


class Counter:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, line, t):
        self.n += 1
        line.panel.display = self.n


def make_closure():
    n = 0

    def controller(line, t):
        nonlocal n
        n += 1
        line.panel.display = n

    return controller


def with_m(line, t, m):
    m["n"] += 1
    line.panel.display = m["n"]


STYLES = [counts_scans, remembers_times, with_a_default, Counter(), make_closure(), make_closure, with_m]


@pytest.mark.parametrize("controller", STYLES, ids=lambda c: getattr(c, "__name__", type(c).__name__))
def test_each_new_line_starts_the_controller_afresh_and_the_same_line_continues(controller) -> None:
    line = factorylab.connect(scenario="conveyor")
    factorylab.run(controller, line, seconds=1)  # 20 scans
    assert line.panel.display == 20
    factorylab.run(controller, line, seconds=1)  # the same line: it continues
    assert line.panel.display == 40
    fresh = factorylab.connect(scenario="conveyor")
    factorylab.run(controller, fresh, seconds=1)  # a new line: a cold start
    assert fresh.panel.display == 20


def test_a_module_level_timer_restarts_on_a_new_line() -> None:
    for _ in range(2):
        line = factorylab.connect(scenario="conveyor")
        result = factorylab.run(uses_a_module_timer, line, seconds=2, record=["panel.display"], record_every=0.05)
        first_on = result.history.index[result.history["panel.display"] == 1][0]
        assert first_on == pytest.approx(1.05)  # on in the scan at 1.0 s, recorded at the next row


def test_a_check_leaves_the_notebooks_state_as_it_found_it() -> None:
    global count
    count = 7
    factorylab.check(counts_scans, "seal_in")
    assert count == 7


def test_a_change_made_by_hand_between_runs_becomes_the_new_start() -> None:
    global count
    program = Program(counts_scans)
    count = 0
    line = factorylab.connect(scenario="conveyor")
    program.begin(line)
    assert count == 0
    count = 100  # the student sets it on purpose
    program.begin(factorylab.connect(scenario="conveyor"))
    assert count == 100


def test_run_memory_starts_off() -> None:
    m = RunMemory()
    assert m["anything"] == 0 and not m["anything"]
    m["count"] += 1
    assert m["count"] == 1


def test_a_factory_makes_a_fresh_controller_per_seed_and_programs_are_remembered() -> None:
    assert program_for(counts_scans) is program_for(counts_scans)
    assert Program(make_closure).factory and not Program(counts_scans).factory


def test_a_controller_that_uses_the_notebooks_line_is_told_so() -> None:
    notebook_line = factorylab.connect(scenario="conveyor")
    namespace = {"line_of_notebook": notebook_line}
    exec("def controller(l, t):\n    line_of_notebook.conveyor1.run = True\n", namespace)  # noqa: S102
    result = factorylab.check(namespace["controller"], "seal_in")
    assert result.codes == ["error"]
    assert "line_of_notebook" in result.message("en") and "def controller(line, t)" in result.message("en")


def test_wrong_signatures_are_explained() -> None:
    with pytest.raises(factorylab.FactoryLabError) as caught:
        factorylab.run(lambda line: None, factorylab.connect(scenario="conveyor"), seconds=1)
    assert "(line, t)" in caught.value.en
    with pytest.raises(factorylab.FactoryLabError):
        factorylab.run("controller", factorylab.connect(scenario="conveyor"), seconds=1)
