"""Hangul in matplotlib plots after `import factorylab`, whichever is imported first; matplotlib only when used."""

from __future__ import annotations

import subprocess
import sys

import pytest

DRAW = """
import warnings
warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)" for a box
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
fig, ax = plt.subplots()
ax.set_title("오븐 온도 (°C)")
ax.plot([0, 1], [25, 220])
fig.canvas.draw()
print(plt.rcParams["font.sans-serif"][0])
"""


@pytest.mark.parametrize("first", ["import factorylab\n", "import matplotlib\nimport factorylab\n"])
def test_hangul_draws_without_missing_glyphs(first: str) -> None:
    done = subprocess.run([sys.executable, "-c", first + DRAW], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "FactoryLab Gothic"


def test_without_factorylab_the_boxes_are_there() -> None:
    """The test above can fail: plain matplotlib warns about the missing Hangul glyphs."""
    done = subprocess.run([sys.executable, "-c", DRAW], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "missing from font" in done.stderr


def test_importing_factorylab_does_not_import_matplotlib() -> None:
    code = "import sys, factorylab; print('matplotlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
