"""Labs: one jupytext source per lab, built into a student and a solution notebook.

A lab source (``labs/*.py``, jupytext percent format) marks the answer in
code cells between ``### BEGIN SOLUTION`` and ``### END SOLUTION``. The
solution notebook keeps the answer (markers removed); the student notebook
gets ``# YOUR CODE HERE`` and ``raise NotImplementedError()`` in its place,
at the same indentation, as nbgrader does. A block at the top level of a
cell (not indented: an answer such as ``answers = {...}`` or ``oee = 71.2``)
becomes ``# YOUR CODE HERE`` alone, so the student notebook still runs to its
checks, which then say what is missing; the cell keeps the blank template
written above the block (``answers = {"cnc.torque": None, ...}``).

The header's ``factorylab`` metadata names the lab (``id``, ``unit``,
``title_ko``, ``title_en``, ``hours``) and the checks its exercises use, in
order (``checks: [part_type, belt_speed]``; the older ``check: name`` is one).

Building never overwrites a notebook that already exists (a student's work)
unless asked to.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import FactoryLabError

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
_BLOCK = re.compile(r"^([ \t]*)### BEGIN SOLUTION[^\n]*\n(.*?)^[ \t]*### END SOLUTION[^\n]*(\n|$)", re.S | re.M)


@dataclass(frozen=True)
class Lab:
    """A lab source and what its header says about it."""

    id: str
    path: Path
    unit: int
    check: str | None
    title_ko: str
    title_en: str
    #: the checks of the lab's exercises, in order
    checks: tuple[str, ...] = ()
    #: class hours (50-minute periods) the lab takes
    hours: float = 0.0


def sources() -> list[Lab]:
    """Every lab shipped with FactoryLab, in teaching order (unit, then file name: lab01a_..., lab01b_...).

    A lab's header is read once while its file stays the same (the course
    file's checks ask for the labs of every unit).
    """
    folder = resources.files("factorylab.labs")
    files = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".py") or entry.name.startswith("_") or entry.name.endswith("_checks.py"):
            continue
        path = Path(str(entry))
        stat = path.stat()
        files.append((path, stat.st_mtime_ns, stat.st_size))
    labs = [_read_header(*file) for file in files]
    return sorted(labs, key=lambda lab: (lab.unit, lab.path.stem))  # file names give the teaching order


@functools.lru_cache(maxsize=64)
def _read_header(path: Path, mtime_ns: int, size: int) -> Lab:
    """The lab a source file's header describes (cached by the file's modification time and size)."""
    import jupytext

    meta = jupytext.read(path).metadata.get("factorylab", {})
    checks = tuple(meta.get("checks") or ([meta["check"]] if meta.get("check") else []))
    return Lab(
        id=meta.get("id", path.stem),
        path=path,
        unit=int(meta.get("unit", 0)),
        check=checks[0] if checks else None,
        title_ko=meta.get("title_ko", path.stem),
        title_en=meta.get("title_en", path.stem),
        checks=checks,
        hours=float(meta.get("hours", 0)),
    )


def get(lab_id: str) -> Lab:
    """A lab by id."""
    for lab in sources():
        if lab.id == lab_id:
            return lab
    known = ", ".join(lab.id for lab in sources())
    raise FactoryLabError(
        f"'{lab_id}' 실습은 없습니다. 있는 실습: {known}", f"there is no lab '{lab_id}'. Labs: {known}"
    )


def student_code(source: str) -> str:
    """Code with each solution block replaced by a TODO and a NotImplementedError."""

    def placeholder(match: re.Match) -> str:
        indent = match.group(1)
        if not indent:  # a top-level answer: the template above it stays, the notebook runs on
            return "# YOUR CODE HERE\n"
        return f"{indent}# YOUR CODE HERE\n{indent}raise NotImplementedError()\n"

    return _BLOCK.sub(placeholder, source)


def solution_code(source: str) -> str:
    """Code with the solution markers removed."""
    return "\n".join(line for line in source.split("\n") if line.strip() not in (BEGIN, END))


def notebook(lab: Lab, kind: str):
    """The ``student`` or ``solution`` notebook of a lab (an nbformat notebook, no outputs)."""
    import jupytext

    if kind not in ("student", "solution"):
        raise ValueError("kind is 'student' or 'solution'")
    nb = jupytext.read(lab.path)
    transform = student_code if kind == "student" else solution_code
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = transform(cell.source).rstrip("\n")
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("jupytext", None)
    nb.metadata["factorylab"] = {**nb.metadata.get("factorylab", {}), "kind": kind}
    return nb


def build(
    out: str | Path, *, force: bool = False, labs: list[Lab] | None = None, solutions: bool = False
) -> list[tuple[Path, str]]:
    """Write ``out/student/<lab>.ipynb`` for each lab, and ``out/solution/<lab>.ipynb`` with ``solutions``.

    Solutions are the teacher's: they never go where students work (``factorylab start``
    copies student notebooks only).

    Returns:
        (path, status) pairs; status is ``written`` or ``kept`` (it existed
        and ``force`` was not given).
    """
    import nbformat

    out = Path(out)
    results = []
    kinds = ("student", "solution") if solutions else ("student",)
    for lab in labs if labs is not None else sources():
        for kind in kinds:
            path = out / kind / f"{lab.path.stem}.ipynb"
            if path.exists() and not force:
                results.append((path, "kept"))
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook(lab, kind), path)
            results.append((path, "written"))
    return results
