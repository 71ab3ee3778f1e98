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
    # drawn here for real (not taken from the cache), and kept in the cache for the docs builds of this run
    ko, en = docsgen.render_figure(name, "ko", reuse=False), docsgen.render_figure(name, "en", reuse=False)
    for png in (ko, en):
        assert png.startswith(b"\x89PNG") and len(png) > 10_000
    assert ko != en  # the labels are in the page's language


def test_a_cached_figure_is_used_only_for_the_very_same_sources(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(docsgen.CACHE_SETTING, str(tmp_path))
    name = "u1_photo_eye_pulses"
    drawn = docsgen.render_figure(name, "en", reuse=False)
    kept = tmp_path / docsgen.source_digest() / f"{name}-en.png"
    assert kept.read_bytes() == drawn
    kept.write_bytes(b"marker")  # the build takes what is kept for these sources ...
    assert docsgen.render_figure(name, "en") == b"marker"
    monkeypatch.setattr(docsgen, "_DIGEST", ["other-sources"])  # ... and draws again when a source changed
    assert docsgen.render_figure(name, "en") == drawn
    monkeypatch.setenv(docsgen.CACHE_SETTING, "off")
    assert docsgen.render_figure(name, "en") == drawn
    assert not (tmp_path / "off").exists()


def test_the_digest_changes_when_a_figure_source_changes(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(docsgen, "_DIGEST", [])
    before = docsgen.source_digest()
    figures = tmp_path / "docs" / "figures"
    figures.mkdir(parents=True)
    for path in docsgen.FIGURES.glob("*.py"):
        (figures / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(docsgen, "FIGURES", figures)
    monkeypatch.setattr(docsgen, "_DIGEST", [])
    assert docsgen.source_digest() != before  # no labs/ folder next to these figures
    (tmp_path / "labs").symlink_to(REPO / "labs")
    monkeypatch.setattr(docsgen, "_DIGEST", [])
    assert docsgen.source_digest() == before
    (figures / "u1_photo_eye_pulses.py").write_text("# changed\n" + (figures / "u1_photo_eye_pulses.py").read_text())
    monkeypatch.setattr(docsgen, "_DIGEST", [])
    assert docsgen.source_digest() != before
