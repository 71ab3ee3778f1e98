"""Data from the line: the historian (SQLite, one run per recording) and labelled datasets.

``from factorylab import data`` and ``factorylab.data`` both work in a fresh
interpreter; :mod:`factorylab.data.dataset` makes the labelled datasets, and
:func:`shift` gives one as pandas tables.
"""

from .dataset import shift
from .historian import Historian, export, load

__all__ = ["Historian", "export", "load", "shift"]
