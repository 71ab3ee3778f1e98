"""Plots with Hangul: registers FactoryLab's Korean font with matplotlib.

matplotlib's own fonts have no Hangul, so Korean labels come out as boxes.
:func:`use_korean_font` registers the font shipped with FactoryLab
(FactoryLab Gothic, a NanumGothic subset under the SIL Open Font License) and
makes it the default sans-serif font; plots made by FactoryLab call it
themselves.
"""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).parent / "view" / "fonts"
FONT_FILES = ("FactoryLabGothic-Regular.ttf", "FactoryLabGothic-Bold.ttf")


def use_korean_font() -> str:
    """Register the shipped Korean font with matplotlib (once) and use it; returns its family name."""
    import matplotlib
    from matplotlib import font_manager

    names = []
    known = {Path(f.fname).name for f in font_manager.fontManager.ttflist}
    for file in FONT_FILES:
        path = FONT_DIR / file
        if path.name not in known:
            font_manager.fontManager.addfont(str(path))
        names.append(font_manager.FontProperties(fname=str(path)).get_name())
    family = names[0]
    sans = list(matplotlib.rcParams["font.sans-serif"])
    if sans[:1] != [family]:
        matplotlib.rcParams["font.sans-serif"] = [family] + [name for name in sans if name != family]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False  # the font's minus sign, not U+2212
    return family


__all__ = ["FONT_DIR", "use_korean_font"]
