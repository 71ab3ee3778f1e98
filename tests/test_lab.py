"""Labs: one source gives a student and a solution notebook; both run for real."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from factorylab import lab


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("labs")
    lab.build(out, solutions=True)
    return out


def execute(path: Path, allow_errors: bool = False):
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=allow_errors,
                   resources={"metadata": {"path": str(path.parent)}}).execute()  # fmt: skip
    return notebook


def outputs(cell) -> str:
    text = []
    for output in cell.get("outputs", []):
        if "text" in output:
            text.append(output["text"])
        for value in output.get("data", {}).values():
            text.append(value if isinstance(value, str) else "")
    return "\n".join(text)


def check_cell(notebook):
    return next(c for c in notebook.cells if c.cell_type == "code" and "factorylab.check(" in c.source)


@pytest.mark.parametrize("source", lab.sources(), ids=lambda source: source.id)
def test_solution_notebook_runs_and_passes_its_check(built: Path, source: lab.Lab) -> None:
    notebook = execute(built / "solution" / f"{source.path.stem}.ipynb")
    assert "passed" in outputs(check_cell(notebook)) or "통과" in outputs(check_cell(notebook))


@pytest.mark.parametrize("source", lab.sources(), ids=lambda source: source.id)
def test_student_notebook_fails_its_check_with_a_message_not_a_traceback(built: Path, source: lab.Lab) -> None:
    notebook = execute(built / "student" / f"{source.path.stem}.ipynb", allow_errors=True)
    cell = check_cell(notebook)
    index = notebook.cells.index(cell)
    for earlier in notebook.cells[: index + 1]:
        assert not any(o.get("output_type") == "error" for o in earlier.get("outputs", [])), earlier.source
    text = outputs(cell)
    assert "YOUR CODE HERE" in text and "Traceback" not in text


def test_student_code_replaces_each_solution_at_its_indentation() -> None:
    source = "def f():\n    x = 1\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION\n"
    assert lab.student_code(source) == "def f():\n    x = 1\n    # YOUR CODE HERE\n    raise NotImplementedError()\n"
    assert lab.solution_code(source) == "def f():\n    x = 1\n    return x\n"


def test_build_writes_solutions_only_when_asked(tmp_path: Path) -> None:
    lab.build(tmp_path)
    assert (tmp_path / "student").is_dir() and not (tmp_path / "solution").exists()


def test_build_never_overwrites_a_students_work(tmp_path: Path) -> None:
    first = lab.build(tmp_path)
    assert {status for _, status in first} == {"written"}
    student = tmp_path / "student" / f"{lab.sources()[0].path.stem}.ipynb"
    student.write_text(student.read_text(encoding="utf-8").replace("YOUR CODE HERE", "my answer"), encoding="utf-8")
    again = lab.build(tmp_path)
    assert {status for _, status in again} == {"kept"}
    assert "my answer" in student.read_text(encoding="utf-8")
    assert {status for _, status in lab.build(tmp_path, force=True)} == {"written"}


def test_notebooks_have_no_outputs_and_keep_both_languages(built: Path) -> None:
    for path in built.rglob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code")
        markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
        assert "자기유지" in markdown and "seal-in" in markdown
