"""Data from the line: the historian (SQLite) and labelled datasets."""

from .historian import Historian, export, load

__all__ = ["Historian", "export", "load"]
