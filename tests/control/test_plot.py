"""Plots of a run: result.plot() draws the history, run(..., live=...) draws while a remote run goes on.

The live plot is exercised for real: in a Jupyter kernel (nbclient) against a `factorylab sim --headless`
subprocess, where the picture must be shown and then updated in place (update_display_data messages), and in a
plain script, where nothing is shown and the result says why.
"""

from __future__ import annotations

import base64
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib
import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

import factorylab
from factorylab.tags import ALL_TAGS
from tests.conftest import Sim

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - after choosing the backend

RECORD = ["conveyor1.run", "panel.start", "oven.heater", "oven.temperature", "oven.temperature_raw", "feeder.select"]


def heating(line, t):
    line.oven.heater = 100 if line.oven.temperature < 60 else 0
    line.conveyor1.run = t >= 3


@pytest.fixture(scope="module")
def result():
    line = factorylab.connect(scenario="oven", seed=3)
    return factorylab.run(heating, line, seconds=40, record=RECORD, record_every=0.5)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def axis_with(figure, name):
    return next(axis for axis in figure.axes if name in [line.get_label() for line in axis.get_lines()])


def line_of(figure, name):
    return next(line for line in axis_with(figure, name).get_lines() if line.get_label() == name)


def test_each_line_is_the_recorded_history(result) -> None:
    figure = result.plot()
    history = result.history
    assert isinstance(figure, matplotlib.figure.Figure)
    for name in RECORD:
        line = line_of(figure, name)
        np.testing.assert_array_equal(line.get_xdata(), history.index.to_numpy(dtype=float))
        np.testing.assert_array_equal(line.get_ydata(), history[name].to_numpy(dtype=float))
    assert history["oven.heater"].nunique() == 2 and history["conveyor1.run"].nunique() == 2  # something to see


def test_subplots_group_on_off_tags_and_units_from_the_tag_table(result) -> None:
    figure = result.plot(lang="en")
    # on/off tags stacked in one subplot, one subplot per unit (%, degC, counts), the enumeration on its own
    assert len(figure.axes) == 5
    bits = axis_with(figure, "conveyor1.run")
    assert axis_with(figure, "panel.start") is bits
    assert [label.get_text() for label in bits.get_yticklabels()] == ["conveyor1.run", "panel.start"]
    for name in ("oven.temperature", "oven.heater", "oven.temperature_raw"):
        assert axis_with(figure, name).get_ylabel() == ALL_TAGS[name].unit
    assert axis_with(figure, "oven.temperature").get_title(loc="left") == ALL_TAGS["oven.temperature"].description_en
    states = axis_with(figure, "feeder.select")
    assert [label.get_text() for label in states.get_yticklabels()] == [
        en for _, (en, _) in sorted(ALL_TAGS["feeder.select"].states.items())
    ]
    assert figure.axes[-1].get_xlabel() == "time t (s)"
    assert "run history" in figure.get_suptitle() and "fast-forward" in figure.get_suptitle()


def test_korean_titles_and_labels_draw_without_boxes(result) -> None:
    figure = result.plot(["oven.temperature", "conveyor1.run"], lang="ko")
    assert len(figure.axes) == 2
    assert "실행 기록" in figure.get_suptitle() and "빨리감기" in figure.get_suptitle()
    assert figure.axes[-1].get_xlabel() == "시간 t (초)"
    assert axis_with(figure, "conveyor1.run").get_title(loc="left") == "켜짐(1) / 꺼짐(0)"
    assert axis_with(figure, "oven.temperature").get_title(loc="left") == ALL_TAGS["oven.temperature"].description_ko
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)" for a box
        figure.canvas.draw()


def test_the_current_language_is_the_default(result, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTORYLAB_LANG", "ko")
    assert result.plot("oven.temperature").axes[-1].get_xlabel() == "시간 t (초)"
    monkeypatch.setenv("FACTORYLAB_LANG", "en")
    assert result.plot("oven.temperature").axes[-1].get_xlabel() == "time t (s)"


def test_the_default_leaves_out_the_bookkeeping_tags() -> None:
    line = factorylab.connect(scenario="conveyor", seed=1)
    result = factorylab.run(heating_conveyor, line, seconds=5)
    labels = {line.get_label() for axis in result.plot().axes for line in axis.get_lines()}
    drawn = {label for label in labels if not label.startswith("_")}  # not the lanes' dotted zero lines
    assert "conveyor1.run" in drawn and "panel.start" in drawn
    assert not {name for name in drawn if name.split(".")[0] in ("system", "production", "operator")}
    assert drawn == {
        name
        for name in result.history.columns
        if name.split(".")[0] not in ("system", "production", "operator", "orders")
    }


def heating_conveyor(line, t):
    line.conveyor1.run = True


def test_drawing_into_given_axes(result) -> None:
    figure, ax = plt.subplots()
    assert result.plot(["oven.temperature"], ax=ax) is figure
    np.testing.assert_array_equal(ax.get_lines()[0].get_ydata(), result.history["oven.temperature"].to_numpy(float))
    figure, axes = plt.subplots(2, 1)
    assert result.plot(["oven.temperature", "conveyor1.run"], ax=axes) is figure
    with pytest.raises(factorylab.FactoryLabError) as error:
        result.plot(["oven.temperature", "oven.heater"], ax=plt.subplots()[1])  # degC and %: two subplots
    assert "2" in error.value.en and "2" in error.value.ko


def test_a_tag_not_in_the_history_is_told(result) -> None:
    with pytest.raises(factorylab.FactoryLabError) as error:
        result.plot(["oven.temprature"])
    assert "'oven.temperature'" in error.value.en and "'oven.temperature'" in error.value.ko
    with pytest.raises(factorylab.FactoryLabError) as error:
        result.plot("tank.level")  # a real tag this run did not record
    assert "record" in error.value.en and "기록되지 않았습니다" in error.value.ko
    for bad in (5, [], [3]):
        with pytest.raises(factorylab.FactoryLabError):
            result.plot(bad)


def test_nothing_recorded_is_told() -> None:
    line = factorylab.connect(scenario="conveyor", seed=1)
    result = factorylab.run(heating_conveyor, line, seconds=2, record=[])
    with pytest.raises(factorylab.FactoryLabError) as error:
        result.plot()
    assert "nothing to draw" in error.value.en and "그릴 기록이 없습니다" in error.value.ko


def test_live_on_a_local_line_draws_once_at_the_end() -> None:
    line = factorylab.connect(scenario="oven", seed=3)
    result = factorylab.run(heating, line, seconds=20, record=[], live=["oven.temperature", "conveyor1.run"])
    live = result.live
    assert live.shown is False and live.updates == 0  # a plain process: nothing to show it in
    assert any("Jupyter" in en for _, en in result.notes)
    assert len(live.times) == result.scans  # one sample per scan, not per history row
    temperature = next(
        line for axis in live.figure.axes for line in axis.get_lines() if line.get_label() == "oven.temperature"
    )
    assert temperature.get_xdata()[-1] == live.times[-1] and len(temperature.get_ydata()) == result.scans
    assert isinstance(live.png(), bytes)


def test_live_takes_tag_names_or_true() -> None:
    line = factorylab.connect(scenario="oven", seed=3)
    with pytest.raises(factorylab.FactoryLabError) as error:
        factorylab.run(heating, line, seconds=1, live=["oven.temprature"])
    assert "temperature" in error.value.en
    with pytest.raises(factorylab.FactoryLabError):
        factorylab.run(heating, line, seconds=1, live=7)
    assert factorylab.run(heating, line, seconds=1).live is None
    names = [tag.name for tag in factorylab.run(heating, line, seconds=1, record=RECORD, live=True).live.tags]
    assert names == RECORD


# --- in a real Jupyter kernel ------------------------------------------------------------------------------------
class CountingClient(NotebookClient):
    """nbclient, keeping the type of every message the kernel sends for a cell."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kinds: list[list[str]] = []

    def process_message(self, msg, cell, cell_index):
        while len(self.kinds) <= cell_index:
            self.kinds.append([])
        self.kinds[cell_index].append(msg["msg_type"])  # read before nbclient renames an update
        return super().process_message(msg, cell, cell_index)


def execute(*cells: str) -> tuple[nbformat.NotebookNode, CountingClient]:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    client = CountingClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": "."}})
    client.execute(env={"FACTORYLAB_LANG": "ko"})
    return notebook, client


def images(cell) -> list[bytes]:
    return [base64.b64decode(o.data["image/png"]) for o in cell.outputs if "image/png" in o.get("data", {})]


def text(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs)


def test_live_in_jupyter_updates_the_picture_during_a_remote_run(free_port: int) -> None:
    sim = Sim(free_port, "--scenario", "oven")
    try:
        notebook, client = execute(
            "import factorylab\n"
            f"line = factorylab.connect('127.0.0.1:{free_port}')\n"
            "def heating(line, t):\n    line.oven.heater = 100\n    line.conveyor1.run = True",
            "result = factorylab.run(heating, line, seconds=3, record=[], live=['oven.temperature', 'oven.heater'])",
            "print(result.live.updates, len(result.live.times), result.scans, len(result.notes))\nline.close()",
        )
    finally:
        sim.stop()
    run_cell = notebook.cells[1]
    kinds = client.kinds[1]
    assert kinds.count("display_data") == 1  # one picture ...
    assert kinds.count("update_display_data") >= 2  # ... replaced in place while the run went on and at its end
    shown = images(run_cell)
    assert len(shown) == 1 and shown[0].startswith(b"\x89PNG")  # the last picture is the cell's one output
    updates, samples, scans, notes = map(int, text(notebook.cells[2]).split())
    assert updates == 1 + kinds.count("update_display_data")
    assert samples == scans == 60 and notes == 0  # no "needs Jupyter" note in Jupyter


def test_live_in_jupyter_on_a_local_line_shows_one_picture_at_the_end() -> None:
    notebook, client = execute(
        "import factorylab\nline = factorylab.connect(scenario='oven')\n"
        "result = factorylab.run(lambda line, t: None, line, seconds=30, live=['oven.temperature'])"
    )
    assert client.kinds[0].count("display_data") == 1 and "update_display_data" not in client.kinds[0]
    assert len(images(notebook.cells[0])) == 1


SCRIPT = """
import factorylab
line = factorylab.connect("127.0.0.1:{port}")
result = factorylab.run(lambda line, t: None, line, seconds=2, live=True)
print(result.summary("en"))
print("updates", result.live.updates, "samples", len(result.live.times))
"""


def test_live_in_a_plain_script_runs_and_says_it_needs_jupyter(free_port: int, tmp_path: Path) -> None:
    sim = Sim(free_port, "--scenario", "oven")
    try:
        script = tmp_path / "live.py"
        script.write_text(SCRIPT.format(port=free_port), encoding="utf-8")
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    finally:
        sim.stop()
    assert done.returncode == 0, done.stderr
    assert "live plot shows in a Jupyter notebook only" in done.stdout
    assert "updates 0 samples 40" in done.stdout


def test_lamps_are_drawn_in_their_own_colours() -> None:
    from matplotlib.colors import to_hex

    def lamps(line, t):
        line.stack_light.red = t < 1
        line.stack_light.amber = 1 <= t < 2
        line.stack_light.green = t >= 2

    names = ["stack_light.red", "stack_light.amber", "stack_light.green"]
    run = factorylab.run(lamps, factorylab.connect(scenario="conveyor"), seconds=3, record=names, record_every=0.5)
    figure = run.plot()
    hues = {name: to_hex(line_of(figure, name).get_color()) for name in names}
    assert hues == {"stack_light.red": "#d32f2f", "stack_light.amber": "#ffa000", "stack_light.green": "#2e7d32"}
