"""``factorylab docs --out DIR`` in a checkout: it builds the site from docs/ and never deletes a user's files.

Building a site empties its folder (MkDocs), so a folder that holds anything
but an earlier build of ours is refused before anything is touched (exit 2,
a clear message in both languages). The installed-wheel side is in
tests/test_packaging.py.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import factorylab_command


def run(*args: str, lang: str = "en", cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "FACTORYLAB_LANG": lang}
    return subprocess.run(
        factorylab_command() + list(args), capture_output=True, text=True, env=env, timeout=300, cwd=cwd
    )


@pytest.mark.parametrize(("lang", "words"), [("ko", "지워집니다"), ("en", "would delete them")])
def test_a_folder_with_a_users_files_is_refused_and_kept(tmp_path: Path, lang: str, words: str) -> None:
    out = tmp_path / "out"
    (out / "homework").mkdir(parents=True)
    essay = out / "homework" / "essay.txt"
    essay.write_text("my essay", encoding="utf-8")
    result = run("docs", "--build-only", "--out", str(out), lang=lang)
    assert result.returncode == 2
    assert result.stderr.startswith("factorylab: ") and "Traceback" not in result.stderr
    assert words in result.stderr and "homework/essay.txt" in result.stderr
    assert essay.read_text(encoding="utf-8") == "my essay"
    assert sorted(p.name for p in out.rglob("*")) == ["essay.txt", "homework"]


def test_a_file_as_the_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "notes.txt"
    out.write_text("mine")
    result = run("docs", "--build-only", "--out", str(out))
    assert result.returncode == 2 and "is a file" in result.stderr
    assert out.read_text() == "mine"


def test_a_build_marks_its_folder_and_a_users_file_added_later_stops_the_next(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run("docs", "--build-only", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").is_file() and (out / "en" / "index.html").is_file()
    marker = json.loads((out / ".factorylab-docs.json").read_text(encoding="utf-8"))
    assert "index.html" in marker["files"] and "en/index.html" in marker["files"]
    assert set(marker["files"]) == {
        p.relative_to(out).as_posix() for p in out.rglob("*") if p.name != ".factorylab-docs.json"
    }
    (out / "essay.txt").write_text("mine")
    result = run("docs", "--build-only", "--out", str(out))
    assert result.returncode == 2 and "essay.txt" in result.stderr
    assert (out / "essay.txt").read_text() == "mine" and (out / "index.html").is_file()
