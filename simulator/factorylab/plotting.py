"""Plots with Hangul: registers FactoryLab's Korean font with matplotlib.

matplotlib's own fonts have no Hangul, so Korean labels come out as boxes.
:func:`use_korean_font` registers the font shipped with FactoryLab
(FactoryLab Gothic, a NanumGothic subset under the SIL Open Font License) and
makes it the default sans-serif font. ``import factorylab`` arranges it
(:func:`register_on_import`): at once if matplotlib is already imported,
otherwise the moment it is, so a student's own ``plt.title("온도")`` shows
Hangul without importing matplotlib (about a second) when no plot is made.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from pathlib import Path
from typing import Any

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


class _AfterMatplotlib(importlib.abc.MetaPathFinder):
    """Finds nothing itself: wraps matplotlib's own loader to register the font once it has loaded."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name != "matplotlib":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return None
        loader = spec.loader
        original = loader.exec_module

        def exec_module(module: Any) -> None:
            original(module)
            _remove_hook()
            try:
                use_korean_font()
            except Exception:  # noqa: BLE001 - a font problem must never break the student's import
                pass

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _remove_hook() -> None:
    sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, _AfterMatplotlib)]


def register_on_import() -> None:
    """Use the Korean font in matplotlib now if it is imported, else as soon as it is (once)."""
    if "matplotlib" in sys.modules:
        try:
            use_korean_font()
        except Exception:  # noqa: BLE001 - a broken matplotlib must not stop `import factorylab`
            pass
        return
    if not any(isinstance(finder, _AfterMatplotlib) for finder in sys.meta_path):
        sys.meta_path.insert(0, _AfterMatplotlib())


__all__ = ["FONT_DIR", "register_on_import", "use_korean_font"]
