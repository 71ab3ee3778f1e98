"""The pygame view of the line: the only package that imports pygame.

* :class:`~factorylab.view.renderer.Renderer` draws one frame of a plant;
* :mod:`~factorylab.view.app` is the window of ``factorylab sim``;
* :mod:`~factorylab.view.screenshot` renders PNG files headless
  (``factorylab screenshot``).

Importing this package does not import pygame; :func:`display_available`
tells whether a window can be opened.
"""

from __future__ import annotations

import os
import sys

# pygame greets on import; library code prints nothing
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def display_available() -> bool:
    """True if a window can be opened here.

    Windows and macOS always have a display; elsewhere one is needed
    (``DISPLAY`` or ``WAYLAND_DISPLAY``). An explicitly chosen SDL video
    driver (``SDL_VIDEODRIVER``, e.g. ``dummy`` for tests) counts as a display.
    """
    if os.environ.get("SDL_VIDEODRIVER"):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
