"""Progress bars (tqdm) for the long commands, shown only where someone watches.

``factorylab dataset`` and ``factorylab screenshot`` show one on an
interactive terminal; ``--progress`` asks for it anywhere, ``--no-progress``
never. Library calls show none unless asked (``progress=True``), so a
notebook or a script's log stays clean.

::

    with progress_bar(3600.0, "dataset", enabled=True) as bar:
        bar.update(60.0)      # one simulated minute done
"""

from __future__ import annotations

import sys
from typing import Any


def wanted(asked: bool | None) -> bool:
    """Whether to show a bar: as ``asked`` (True/False), or when None only if stderr is a terminal."""
    if asked is not None:
        return asked
    stream = sys.stderr
    return stream is not None and hasattr(stream, "isatty") and stream.isatty()


class _NoBar:
    """What :func:`progress_bar` gives when no bar is wanted: the same calls, doing nothing."""

    def update(self, amount: float = 1) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def progress_bar(total: float, label: str, *, enabled: bool, unit: str = "s") -> Any:
    """A tqdm bar on stderr counting to ``total`` (in ``unit``), or a silent stand-in.

    Args:
        total: the amount of work (e.g. simulated seconds), above 0.
        label: what is being done, before the bar (a name, such as the scenario's id).
        enabled: False gives a bar that shows nothing.
        unit: the unit of ``total`` shown after the counts.
    """
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(
        total=total,
        desc=label,
        unit=unit,
        file=sys.stderr,
        dynamic_ncols=True,
        leave=False,  # the command prints its own result line when done
        bar_format="{desc}: {percentage:3.0f}%|{bar}| {n:.0f}/{total:.0f} " + unit + " [{elapsed}<{remaining}]",
    )
