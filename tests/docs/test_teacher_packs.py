"""Teacher packs (docs/labs/<lab>.md): one per lab in both languages, in the nav, with the same anchors and code,
the sections a teacher plans with, and answer-key code that is the lab's own tested solution or passes its check."""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import pytest
import yaml

import factorylab
from factorylab import lab
from tests.conftest import REPO

from .test_pages import ANCHOR, HEADING, IMAGE

PACKS = REPO / "docs" / "labs"
PYTHON = re.compile(r"^[ \t]*```python\n(.*?)^[ \t]*```", re.M | re.S)
CHECK_CALL = re.compile(r"factorylab\.check\(\s*([A-Za-z_]\w*)\s*,\s*[\"']([a-z0-9_]+)[\"']")
#: what a teacher plans a lesson with: every pack has these sections
SECTIONS = ("lesson-plan", "objectives", "misconceptions", "wrong-answers")
SOURCES = lab.sources()


def pack(source: lab.Lab, lang: str) -> Path:
    return PACKS / (f"{source.id}.md" if lang == "ko" else f"{source.id}.en.md")


def _without_docstrings(node: ast.AST) -> str:
    node = ast.parse(ast.unparse(node))  # a copy
    for item in ast.walk(node):
        body = getattr(item, "body", None)
        if isinstance(item, (ast.FunctionDef, ast.ClassDef)) and body and isinstance(body[0], ast.Expr):
            if isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                item.body = body[1:] or [ast.Pass()]
    return ast.dump(node)


def solution_definitions(source: lab.Lab) -> dict[str, list[str]]:
    """Every top-level def of the lab's solution notebook (docstrings aside), by name."""
    found: dict[str, list[str]] = {}
    for cell in lab.notebook(source, "solution").cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # a cell with IPython syntax (!mbpoll ...)
            continue
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                found.setdefault(node.name, []).append(_without_docstrings(node))
    return found


def checks_by_answer(source: lab.Lab) -> dict[str, str]:
    """The check each answer of the lab is judged by (``factorylab.check(NAME, "check")``)."""
    text = "\n".join(c.source for c in lab.notebook(source, "solution").cells if c.cell_type == "code")
    return {name: check for name, check in CHECK_CALL.findall(text)}


def test_every_lab_has_a_teacher_pack_in_both_languages_in_the_nav() -> None:
    nav = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:", 1)[1].join(["nav:", ""]))
    listed = re.findall(r"labs/[a-z0-9_]+\.md", str(nav))
    for source in SOURCES:
        assert pack(source, "ko").exists() and pack(source, "en").exists(), source.id
        assert f"labs/{source.id}.md" in listed, source.id
    assert {p.name for p in PACKS.glob("*.md")} == {pack(s, lang).name for s in SOURCES for lang in ("ko", "en")}


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.id)
def test_a_pack_pairs_up_and_has_what_a_teacher_plans_with(source: lab.Lab) -> None:
    ko, en = pack(source, "ko").read_text("utf-8"), pack(source, "en").read_text("utf-8")
    for text in (ko, en):
        for _, title in HEADING.findall(text):
            assert ANCHOR.search(title), f"{source.id}: heading without an explicit anchor: {title}"
    anchors = [ANCHOR.search(title).group(1) for _, title in HEADING.findall(ko)]
    assert anchors == [ANCHOR.search(title).group(1) for _, title in HEADING.findall(en)]
    assert set(SECTIONS) <= set(anchors), set(SECTIONS) - set(anchors)
    assert [i.replace("-ko", "") for i in IMAGE.findall(ko)] == [i.replace("-en", "") for i in IMAGE.findall(en)]
    # the same code in both languages (comments may speak the page's language)
    code_ko = [ast.dump(ast.parse(textwrap.dedent(b))) for b in PYTHON.findall(ko)]
    code_en = [ast.dump(ast.parse(textwrap.dedent(b))) for b in PYTHON.findall(en)]
    assert code_ko == code_en
    # every check of the lab is in the pack (objectives table and wrong answers)
    for name in source.checks:
        assert f"`{name}`" in ko and f"`{name}`" in en, name
    assert "50" in ko and "차시" in ko  # the lesson plan is in 50-minute periods


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.id)
def test_answer_key_code_is_the_labs_own_solution_or_passes_its_check(source: lab.Lab) -> None:
    """A function in the pack is the solution notebook's (which the lab tests run), or an alternative
    answer that passes the same check."""
    own = solution_definitions(source)
    judged_by = checks_by_answer(source)
    for block in PYTHON.findall(pack(source, "ko").read_text("utf-8")):
        block = textwrap.dedent(block)
        tree = ast.parse(block)
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or _without_docstrings(node) in own.get(node.name, []):
                continue
            check = judged_by.get(node.name)
            assert check is not None, f"{source.id}: {node.name} is neither the lab's solution nor judged by a check"
            # as in the notebook: factorylab, plc and a line to read the tag table from
            namespace: dict = {"factorylab": factorylab, "plc": factorylab.plc, "line": factorylab.connect()}
            exec(compile(block, f"{source.id}-pack", "exec"), namespace)  # noqa: S102 - our own docs
            result = factorylab.check(namespace[node.name], check)
            assert result.passed, f"{source.id}: the pack's {node.name} fails {check}: {result.message('en')}"
