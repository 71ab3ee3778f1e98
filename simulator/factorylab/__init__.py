"""FactoryLab: a virtual smart-factory line for teaching sensors, control and AI.

스마트공장 교육용 가상 생산 라인.

::

    import factorylab
    line = factorylab.connect()                        # the line, here, fast-forward
    def controller(line, t):
        line.conveyor1.run = line.panel.start or line.conveyor1.run
    result = factorylab.run(controller, line, seconds=60)
    factorylab.check(controller, "seal_in")
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

__version__ = "0.1.0"

from .control import checks, plc
from .control.checks import CheckResult
from .control.checks import check as check
from .control.checks.report import report_to
from .control.line import Line, connect
from .control.runner import Result, run
from .errors import ConnectionProblem, FactoryLabError, ModbusError, TagError

__all__ = [
    "CheckResult",
    "ConnectionProblem",
    "FactoryLabError",
    "Line",
    "ModbusError",
    "Result",
    "TagError",
    "__version__",
    "check",
    "checks",
    "connect",
    "data",
    "plc",
    "report_to",
    "run",
]


# `from factorylab.plc import TON` and `import factorylab.checks` work: one module, two names
sys.modules[f"{__name__}.plc"] = plc
sys.modules[f"{__name__}.checks"] = checks

from .plotting import register_on_import  # noqa: E402

register_on_import()  # Hangul in matplotlib plots, from the first plot on (matplotlib is imported only when used)


def __getattr__(name: str) -> Any:
    # heavier parts load on first use. Not `from . import data`: that asks this module for
    # `data` first, which lands here again (a RecursionError in a fresh interpreter).
    if name == "data":
        return importlib.import_module(f"{__name__}.data")  # importing binds factorylab.data too
    raise AttributeError(f"module 'factorylab' has no attribute {name!r}")
