"""The check registry and what every kind of check shares.

A check is an object with a ``name``, a bilingual ``title`` and a ``kind``
(``behaviour``, ``value``, ``quiz``, ``scored``, ``model``) whose
:meth:`Check.judge` turns a student's answer and a list of hidden seeds into a
:class:`~factorylab.control.checks.result.CheckResult`.

The registry is open: any module may declare a check with the
:func:`register` decorator. Checks shipped with FactoryLab live in this
package; a lab declares its own in a module next to its source named
``<lab>_checks.py`` (found in the ``factorylab.labs`` package), and other
packages through the ``factorylab.checks`` entry-point group.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any, ClassVar

from ...errors import FactoryLabError
from .result import CheckResult, Finding


class Check:
    """A check. Subclasses set the class attributes and implement :meth:`judge`."""

    #: registry name, e.g. ``seal_in``
    name: ClassVar[str] = ""
    #: (Korean, English)
    title: ClassVar[tuple[str, str]] = ("", "")
    kind: ClassVar[str] = "behaviour"
    #: how many hidden seeds the check uses
    count: ClassVar[int] = 1

    def judge(self, answer: Any, seeds: list[int]) -> CheckResult:  # pragma: no cover - abstract
        """Judge ``answer`` on ``seeds`` (one per hidden run or dataset)."""
        raise NotImplementedError

    def result(self, passed: bool, findings: list[Finding], **extra: Any) -> CheckResult:
        """A result for this check."""
        return CheckResult(self.name, self.title[0], self.title[1], passed, findings, kind=self.kind, **extra)


_CHECKS: dict[str, Check] = {}
_LOADED = False

#: modules of this package that hold machinery, not checks; every other module holds shipped checks
_MACHINERY = {"base", "behaviour", "result", "seeds", "kinds", "guard", "report"}


def register(check_class: type[Check]) -> type[Check]:
    """Add a check to the registry (a class decorator). A later check of the same name replaces it."""
    if not check_class.name:
        raise ValueError(f"{check_class.__name__} has no name")
    _CHECKS[check_class.name] = check_class()
    return check_class


def _load() -> None:
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    package = importlib.import_module(__package__)
    for info in pkgutil.iter_modules(package.__path__):
        if info.name not in _MACHINERY and not info.name.startswith("_"):
            importlib.import_module(f"{__package__}.{info.name}")
    _load_labs()
    _load_entry_points()


def _load_labs() -> None:
    """Import every ``*_checks`` module of the lab sources (a lab declares its checks beside it)."""
    try:
        labs = importlib.import_module("factorylab.labs")
    except ImportError:  # pragma: no cover - the labs are not installed
        return
    for info in pkgutil.iter_modules(labs.__path__):
        if info.name.endswith("_checks"):
            importlib.import_module(f"factorylab.labs.{info.name}")


def _load_entry_points() -> None:
    from importlib.metadata import entry_points

    for entry in entry_points(group="factorylab.checks"):
        entry.load()


def names() -> list[str]:
    """The names of all checks."""
    _load()
    return list(_CHECKS)


def get(name: str) -> Check:
    """A check by name."""
    _load()
    if not isinstance(name, str) or name not in _CHECKS:
        import difflib

        known = ", ".join(_CHECKS)
        close = difflib.get_close_matches(str(name), list(_CHECKS), n=1)
        hint_ko = f" 혹시 '{close[0]}'인가요?" if close else ""
        hint_en = f" Did you mean '{close[0]}'?" if close else ""
        raise FactoryLabError(
            f"'{name}' 검사는 없습니다.{hint_ko} 있는 검사: {known}",
            f"there is no check '{name}'.{hint_en} Checks: {known}",
        )
    return _CHECKS[name]


def all_checks() -> dict[str, Check]:
    """Every check by name."""
    _load()
    return dict(_CHECKS)


CheckFunction = Callable[..., CheckResult]

__all__ = ["Check", "all_checks", "get", "names", "register"]
