"""In a real Jupyter kernel: a student's error names the cell and line, the watchdog stops a waiting scan,
and results show as HTML."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

SETUP = "import factorylab\nline = factorylab.connect(scenario='conveyor')"


def execute(*cells: str, allow_errors: bool = True):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in (SETUP, *cells)]
    client = NotebookClient(
        notebook, timeout=120, kernel_name="python3", allow_errors=allow_errors, resources={"metadata": {"path": "."}}
    )
    client.execute(env={"FACTORYLAB_LANG": "en"})
    return notebook


def text_of(cell) -> str:
    parts = []
    for output in cell.outputs:
        if output.output_type == "error":
            parts.extend(output.traceback)
        elif output.output_type == "stream":
            parts.append(output.text)
        elif "data" in output:
            parts.append(output.data.get("text/html", output.data.get("text/plain", "")))
    return "\n".join(parts)


def test_a_python_error_in_run_names_the_cell_and_line_only() -> None:
    notebook = execute(
        "def controller(line, t):\n    level = line.conveyor1.speed\n    return level / 0",
        "factorylab.run(controller, line, seconds=5)",
    )
    shown = text_of(notebook.cells[2])
    assert "cell [2], line 3" in shown and "return level / 0" in shown and "divided by zero" in shown
    assert "runner.py" not in shown and "site-packages" not in shown
    assert len(shown.splitlines()) <= 8, shown


def test_the_watchdog_stops_a_waiting_scan_in_the_kernel() -> None:
    notebook = execute(
        "def controller(line, t):\n    while not line.panel.start:\n        pass",
        "result = factorylab.check(controller, 'seal_in')\nresult",
        "factorylab.run(controller, line, seconds=5)",
    )
    checked = text_of(notebook.cells[2])
    assert "watchdog" in checked and "cell [2], line 2" in checked and "factorylab-check" in checked
    assert "watchdog" in text_of(notebook.cells[3])


def test_a_passing_check_needs_no_error_handling() -> None:
    try:
        notebook = execute(
            "def controller(line, t, m):\n"
            "    if line.panel.stop or not line.panel.safety_ok:\n        m['on'] = 0\n"
            "    elif line.panel.start:\n        m['on'] = 1\n"
            "    line.conveyor1.run = line.conveyor2.run = line.stack_light.green = m['on']\n"
            "    line.stack_light.red = not line.panel.safety_ok",
            "factorylab.check(controller, 'seal_in')",
            allow_errors=False,
        )
    except CellExecutionError as error:  # pragma: no cover - shows the kernel's error
        pytest.fail(str(error))
    assert "passed" in text_of(notebook.cells[2])
