"""Docs figures: every docs/figures/*.py draws a real PNG in both languages, and every figure a page shows exists."""

from __future__ import annotations

import re

import pytest

from factorylab import docsgen
from tests.conftest import REPO

PAGES = sorted((REPO / "docs").rglob("*.md"))
USED = sorted(
    {m for page in PAGES for m in re.findall(r"assets/figures/([\w-]+)-(?:ko|en)\.png", page.read_text("utf-8"))}
)


def test_every_figure_a_page_shows_is_drawn_by_a_script() -> None:
    assert set(USED) <= set(docsgen.figure_names()), set(USED) - set(docsgen.figure_names())


@pytest.mark.parametrize("name", docsgen.figure_names())
def test_a_figure_draws_a_png_in_each_language(name: str) -> None:
    ko, en = docsgen.render_figure(name, "ko"), docsgen.render_figure(name, "en")
    for png in (ko, en):
        assert png.startswith(b"\x89PNG") and len(png) > 10_000
    assert ko != en  # the labels are in the page's language
