"""Docs sources: Korean and English pages pair up; every snippet is a tested file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO

DOCS = REPO / "docs"
SNIPPETS = DOCS / "snippets"
HEADING = re.compile(r"^(#{1,6}) (.+?)\s*$", re.M)
ANCHOR = re.compile(r"\{#([a-z0-9-]+)\}\s*$")
FENCE = re.compile(r"^[ \t]*```[a-z]*\n(.*?)^[ \t]*```", re.M | re.S)  # also fences indented in a list item
#: a ```text block is a diagram in the page's language, not code: it is neither a snippet nor the same in both
DIAGRAM = re.compile(r"^[ \t]*```text\n.*?^[ \t]*```[ \t]*$", re.M | re.S)


def code_blocks(text: str) -> list[str]:
    """The code blocks of a page (diagrams left out)."""
    return FENCE.findall(DIAGRAM.sub("", text))


INCLUDE = re.compile(r'--8<-- "([^"]+)"')
PLACEHOLDER = re.compile(r"<!--\s*factorylab:[^>]*-->")
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")

KOREAN_PAGES = sorted(p for p in DOCS.glob("*.md") if not p.name.endswith(".en.md"))


def english(page: Path) -> Path:
    return page.with_name(page.stem + ".en.md")


def test_every_page_has_both_languages() -> None:
    assert len(KOREAN_PAGES) >= 10
    for page in KOREAN_PAGES:
        assert english(page).exists(), page.name
    for page in DOCS.glob("*.en.md"):
        assert page.with_name(page.name.replace(".en.md", ".md")).exists(), page.name


@pytest.mark.parametrize("page", KOREAN_PAGES, ids=lambda p: p.stem)
def test_korean_and_english_pages_have_the_same_anchors_code_and_generated_parts(page: Path) -> None:
    ko, en = page.read_text(encoding="utf-8"), english(page).read_text(encoding="utf-8")
    for text, name in ((ko, page.name), (en, english(page).name)):
        for _, title in HEADING.findall(text):
            assert ANCHOR.search(title), f"{name}: heading without an explicit anchor: {title}"
    anchors = [ANCHOR.search(title).group(1) for _, title in HEADING.findall(ko)]
    assert anchors == [ANCHOR.search(title).group(1) for _, title in HEADING.findall(en)]
    assert code_blocks(ko) == code_blocks(en)
    assert PLACEHOLDER.findall(ko) == PLACEHOLDER.findall(en)
    assert [i.replace("-ko", "") for i in IMAGE.findall(ko)] == [i.replace("-en", "") for i in IMAGE.findall(en)]


def test_code_blocks_come_from_snippet_files() -> None:
    used: set[str] = set()
    for page in DOCS.glob("*.md"):
        for block in code_blocks(page.read_text(encoding="utf-8")):
            includes = INCLUDE.findall(block)
            assert includes and block.strip() == f'--8<-- "{includes[0]}"', f"{page.name}: inline code block:\n{block}"
            used.update(includes)
    files = {p.name for p in SNIPPETS.iterdir() if p.is_file()}
    assert used == files, f"unused snippet files: {files - used}; missing: {used - files}"


def test_quick_start_is_the_readme_s_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in ("quickstart.sh", "quickstart.bat"):
        for line in (SNIPPETS / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith(("#", "::")):
                assert line in readme, line
