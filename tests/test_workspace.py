"""The student workspace: notebooks delivered once, never overwritten; JupyterLab's language set, other settings kept."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from factorylab import lab
from factorylab.errors import FactoryLabError
from factorylab.workspace import LOCALE_KEY, MANIFEST, START_HERE, prepare, set_jupyter_language


def test_a_new_workspace_gets_the_student_notebooks_and_a_start_here_notebook(tmp_path: Path) -> None:
    workspace = tmp_path / "factorylab"
    results = prepare(workspace, lang="ko", port=5021)
    names = [r.name for r in results]
    assert names[0] == START_HERE and {r.status for r in results} == {"new"}
    assert names[1:] == [f"{source.path.stem}.ipynb" for source in lab.sources()]
    for source in lab.sources():  # student copies: the solution is not there
        text = (workspace / f"{source.path.stem}.ipynb").read_text(encoding="utf-8")
        assert "YOUR CODE HERE" in text and "### BEGIN SOLUTION" not in text
    assert not list(workspace.rglob("*solution*"))
    start = nbformat.read(workspace / START_HERE, as_version=4)
    assert "커널 다시 시작" in start.cells[0].source and "connect(port=5021)" in start.cells[1].source
    assert (workspace / MANIFEST).is_file()


def test_a_second_start_keeps_the_students_work(tmp_path: Path) -> None:
    prepare(tmp_path / "ws")
    first = tmp_path / "ws" / f"{lab.sources()[0].path.stem}.ipynb"
    first.write_text(first.read_text(encoding="utf-8").replace("YOUR CODE HERE", "my answer"), encoding="utf-8")
    results = prepare(tmp_path / "ws")
    assert {r.status for r in results} == {"kept"}
    assert "my answer" in first.read_text(encoding="utf-8")


def test_a_deleted_notebook_comes_back(tmp_path: Path) -> None:
    prepare(tmp_path / "ws")
    (tmp_path / "ws" / START_HERE).unlink()
    results = prepare(tmp_path / "ws")
    assert results[0].status == "new" and (tmp_path / "ws" / START_HERE).exists()


def test_a_newer_lab_goes_beside_the_students_copy(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    prepare(workspace)
    name = f"{lab.sources()[0].path.stem}.ipynb"
    manifest = json.loads((workspace / MANIFEST).read_text(encoding="utf-8"))
    manifest[name] = "an-older-version"  # as if this lab was copied from an older FactoryLab
    (workspace / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (workspace / name).write_text((workspace / name).read_text(encoding="utf-8") + " ", encoding="utf-8")
    before = (workspace / name).read_text(encoding="utf-8")
    results = {r.name: r for r in prepare(workspace)}
    assert results[name].status == "beside"
    assert results[name].path.name.startswith(name.removesuffix(".ipynb") + ".new-")
    assert results[name].path.exists() and (workspace / name).read_text(encoding="utf-8") == before


def test_a_workspace_that_is_a_file_or_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(FactoryLabError) as caught:
        prepare(tmp_path / "file")
    assert "is a file" in caught.value.en
    with pytest.raises(FactoryLabError) as caught:
        prepare(tmp_path / "missing" / "ws")
    assert "there is no folder" in caught.value.en
    assert not (tmp_path / "missing").exists()


def test_the_language_setting_keeps_other_settings(tmp_path: Path) -> None:
    settings = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}))
    assert set_jupyter_language("ko", prefix=tmp_path) == settings
    data = json.loads(settings.read_text(encoding="utf-8"))
    assert data[LOCALE_KEY] == {"locale": "ko_KR"}
    assert data["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    set_jupyter_language("en", prefix=tmp_path)
    assert json.loads(settings.read_text(encoding="utf-8"))[LOCALE_KEY] == {"locale": "en"}
    settings.write_text("{ not json")
    with pytest.raises(FactoryLabError):
        set_jupyter_language("ko", prefix=tmp_path)
    assert settings.read_text() == "{ not json"  # left alone


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_start_here_lists_the_labs_in_teaching_order_with_their_hours(tmp_path: Path, lang: str) -> None:
    prepare(tmp_path / "ws", lang=lang)
    text = nbformat.read(tmp_path / "ws" / START_HERE, as_version=4).cells[0].source
    rows = [line for line in text.splitlines() if line.startswith("| ") and ".ipynb" in line]
    sources = lab.sources()
    assert [row.split("`")[1] for row in rows] == [f"{s.path.stem}.ipynb" for s in sources]
    assert [s.unit for s in sources] == sorted(s.unit for s in sources)
    for row, source in zip(rows, sources, strict=True):
        assert (source.title_ko if lang == "ko" else source.title_en) in row and f"| {source.hours:g} |" in row
