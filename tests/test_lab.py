"""Labs: one source gives a student and a solution notebook; both run for real."""

from __future__ import annotations

import re
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


CHECK_CALL = re.compile(r"factorylab\.check\(\s*[^,]+,\s*[\"']([a-z0-9_]+)[\"']")


def check_cells(notebook) -> list:
    """The code cells that run a check, in order."""
    return [c for c in notebook.cells if c.cell_type == "code" and CHECK_CALL.search(c.source)]


def checks_used(notebook) -> list[str]:
    return [name for cell in check_cells(notebook) for name in CHECK_CALL.findall(cell.source)]


def _student_errors() -> set[str]:
    """Exceptions that show a student a message (FactoryLabError renders itself; no traceback)."""
    from factorylab.errors import FactoryLabError

    names, todo = set(), [FactoryLabError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


@pytest.mark.parametrize("source", lab.sources(), ids=lambda source: source.id)
def test_lab_header_names_the_checks_its_exercises_use(source: lab.Lab) -> None:
    from factorylab.control.checks import names

    notebook = lab.notebook(source, "solution")
    used = checks_used(notebook)
    assert used, "a lab has at least one exercise with a check"
    assert list(dict.fromkeys(used)) == list(source.checks), (used, source.checks)
    assert set(source.checks) <= set(names())


@pytest.mark.parametrize("source", lab.sources(), ids=lambda source: source.id)
def test_solution_notebook_runs_and_passes_every_check(built: Path, source: lab.Lab) -> None:
    notebook = execute(built / "solution" / f"{source.path.stem}.ipynb")
    for cell in check_cells(notebook):
        text = outputs(cell)
        assert "passed" in text or "통과" in text, (cell.source, text[:2000])


@pytest.mark.parametrize("source", lab.sources(), ids=lambda source: source.id)
def test_student_notebook_fails_its_checks_with_a_message_not_a_traceback(built: Path, source: lab.Lab) -> None:
    notebook = execute(built / "student" / f"{source.path.stem}.ipynb", allow_errors=True)
    allowed = _student_errors()
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":  # only our own messages, never a Python traceback
                assert output["ename"] in allowed, (cell.source, output["ename"], output["evalue"])
    for cell in check_cells(notebook):
        assert not any(o.get("output_type") == "error" for o in cell.get("outputs", [])), cell.source
        text = outputs(cell)
        assert text and "Traceback" not in text, (cell.source, text[:2000])
        assert "passed" not in text.split("\n")[0] and "통과" not in text.split("\n")[0], (cell.source, text[:500])


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
        assert re.search("[가-힣]", markdown) and re.search(r"^# Lab ", markdown, re.M), path.name
