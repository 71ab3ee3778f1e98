"""Language selection for everything a student or teacher reads.

Korean is the default. Set ``FACTORYLAB_LANG=en`` (or pass ``--lang en`` to the
command line) for English. This module has no dependencies so that every layer
may use it.
"""

from __future__ import annotations

import os

LANGUAGES = ("ko", "en")


def current_language() -> str:
    """The language chosen by ``FACTORYLAB_LANG`` (``ko`` or ``en``; default ``ko``)."""
    value = os.environ.get("FACTORYLAB_LANG", "ko").strip().lower()
    return value[:2] if value[:2] in LANGUAGES else "ko"


class BilingualError(Exception):
    """An error whose message exists in Korean and English.

    ``str(error)`` gives the message in the current language; ``error.ko`` and
    ``error.en`` give each one.
    """

    def __init__(self, ko: str, en: str) -> None:
        super().__init__(en)
        self.ko = ko
        self.en = en

    def message(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the current language)."""
        return self.ko if (lang or current_language()) == "ko" else self.en

    def __str__(self) -> str:
        from .console import fit  # stand-ins for what the console cannot show (a cp949 pipe)

        return fit(self.message())

    def _render_traceback_(self) -> list[str]:
        """What Jupyter shows: the message, not a wall of traceback."""
        return [f"\x1b[31m{type(self).__name__}\x1b[0m: {self.message()}"]
