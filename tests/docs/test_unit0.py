"""Unit 0's data-flow activity: the snippet gives the answers its page states, in both languages."""

from __future__ import annotations

import contextlib
import io
import re
import runpy
from typing import Any

import pytest

from factorylab.plant import layout
from tests.conftest import REPO

DOCS = REPO / "docs"
SNIPPET = DOCS / "snippets" / "dataflow.py"
ANSWERS = re.compile(r'^\?\?\? success "[^"]*"\n((?:    .*\n|\n)+)', re.M)
BOLD_NUMBER = re.compile(r"\*\*(\d+(?:\.\d+)?)\*\*")


@pytest.fixture(scope="module")
def activity() -> dict[str, Any]:
    """Run the snippet as a student does and gather what its output and the line show."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        names = runpy.run_path(str(SNIPPET), run_name="__main__")
    plant = names["line"].plant
    lines = out.getvalue().splitlines()
    seen = int(lines[0].split()[0])
    parts_in = int(lines[1].split()[0])
    oee = {float(row.split()[0]): float(row.split()[2]) for row in lines if re.match(r"^\d+\.\d\s", row)}
    orders = re.search(r"orders completed: (\d+) - now open: order (\d+)", lines[-1])
    parts = list(plant.finished_parts) + plant.parts
    reached = sum(1 for p in parts if any(where == "cnc" for _, where in p.history))
    reached += sum(1 for p in plant.infeed_track.parts if p.lead >= layout.PHOTO_EYE_C1_EXIT)
    finished = sorted(plant.finished_parts, key=lambda p: p.history[-1][0])
    first_good = next(p for p in finished if p.good)
    return {
        "seen": seen,
        "parts_in": parts_in,
        "reached": reached,
        "oee": oee,
        "orders": (int(orders.group(1)), int(orders.group(2))),
        "failures": plant.cnc.failures,
        "tool_changes": plant.cnc.tool_changes,
        "soft": [p for p in finished if "soft" in p.defects],
        "finished": finished,
        "first_good": first_good,
        "seen_times": names["seen"],
        "cnc_failed": plant.cnc.failed,
        "cnc_state": names["line"].cnc.state,
        "line_state": names["line"].production.state,
        "tool_change_required": names["line"].cnc.tool_change_required,
        "line": names["line"],
        "controller": names["controller"],
    }


def expected_answers(a: dict[str, Any]) -> list[float]:
    """The numbers the answers state, in the order they state them."""
    oee = a["oee"]
    return [
        a["seen"],
        a["parts_in"],
        a["parts_in"] - a["reached"],  # still on the way to the photo-eye
        a["reached"] - a["seen"],  # passed it nose to tail, without a gap a scan could see
        a["failures"],
        a["tool_changes"],
        oee[240.0],
        oee[300.0],
        oee[540.0],
        len(a["soft"]),
        sum(1 for p in a["soft"] if "machining" in p.defects),
        round(a["first_good"].history[-1][0]),
        a["orders"][0],
        a["orders"][1],
    ]


@pytest.mark.parametrize("page", ["unit0.md", "unit0.en.md"])
def test_the_page_states_the_answers_the_activity_gives(activity: dict[str, Any], page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    block = ANSWERS.search(text)
    assert block, f"{page}: no answers block"
    stated = [float(n) for n in BOLD_NUMBER.findall(block.group(1))]
    assert stated == pytest.approx(expected_answers(activity)), page


def test_the_answers_hold_together(activity: dict[str, Any]) -> None:
    a = activity
    # counted on a rising edge: never the same standing part twice (the old version counted one 285 times)
    assert a["seen"] <= a["reached"] <= a["parts_in"]
    gaps = [later - earlier for earlier, later in zip(a["seen_times"], a["seen_times"][1:], strict=False)]
    assert min(gaps) >= 1.0
    # the OEE is 0 while no good part has left, then it rises
    oee = a["oee"]
    first_good = a["first_good"].history[-1][0]
    assert all(value == 0.0 for t, value in oee.items() if t < first_good)
    assert 0.0 < oee[300.0] < oee[540.0]
    # the soft parts are the first ones, which passed the oven while it was heating up: every one before the first good
    before = [p for p in a["finished"] if p.history[-1][0] < first_good]
    assert before == a["soft"]
    # the CNC is reset after its failures and its tool changed: it ends working, not stalled
    assert a["failures"] > 0 and a["tool_changes"] >= 1
    assert a["orders"][0] >= 1 and a["orders"][1] == a["orders"][0] + 1


def test_the_snippet_leaves_the_line_running_not_failed(activity: dict[str, Any]) -> None:
    """The page's controller resets the CNC after its failures: at the end nothing stands failed, the line runs."""
    a = activity
    assert a["failures"] > 0, "the activity talks about CNC failures: there are some"
    assert not a["cnc_failed"] and not a["tool_change_required"]
    assert a["cnc_state"] not in (5, 6)  # 5 failed, 6 tool change required
    assert a["line_state"] == 1  # running


def test_the_line_goes_on_running_after_the_activity(activity: dict[str, Any]) -> None:
    """Run on: the CNC keeps machining and the line never stays down, so the page's answers are no lucky moment."""
    import factorylab

    line = activity["line"]
    machined = line.cnc.parts_machined
    result = factorylab.run(
        activity["controller"], line, seconds=300, record=["cnc.state", "production.state"], record_every=5
    )
    states = result.history["cnc.state"].tolist()
    longest_failed = max((len(run) for run in "".join("F" if s == 5 else "." for s in states).split(".")), default=0)
    assert longest_failed <= 2, states  # a failure is reset within seconds (rows are 5 s apart)
    assert line.cnc.parts_machined - machined > 30
    assert not line.cnc.failed and line.production.state == 1


@pytest.mark.parametrize("page", ["unit0.md", "unit0.en.md"])
def test_the_page_links_the_unit_s_labs_and_figure(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    for link in ("labs/python_for_the_line.md", "labs/tour.md", "assets/figures/unit0_reference_run-"):
        assert link in text, (page, link)
    assert (DOCS / "labs" / "python_for_the_line.md").exists() and (DOCS / "labs" / "tour.md").exists()
    assert (DOCS / "figures" / "unit0_reference_run.py").exists()
    assert ("4시간" if page == "unit0.md" else "4 hours") in text  # the unit's time


def test_what_the_page_says_about_the_reference_run() -> None:
    """The figure's run: no part fed before about 6.5 min (oven below 210 °C), OEE 0 % until then, about 60 % at 30 min."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("unit0_figure", DOCS / "figures" / "unit0_reference_run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.reference_run()
    events, history = result.events, result.history
    first_fed = float(events[events.kind == "part_fed"].t.iloc[0])
    assert 360.0 <= first_fed <= 420.0  # "about six and a half minutes"
    before = history[history.index < first_fed]
    assert (before["production.oee"] == 0).all()
    assert before["oven.temperature"].max() < 212.0
    assert 50.0 <= result.kpis["oee"] <= 70.0  # "around 60 %"
    assert result.kpis["performance"] < min(result.kpis["availability"], result.kpis["quality"])  # a performance loss
