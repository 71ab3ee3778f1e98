"""A controller's memory, and a cold start for every new run.

A PLC starts every run from the same memory: its internal relays (the M area)
are off and its timers at zero. FactoryLab does the same for a Python
controller, however the student keeps state:

* ``def controller(line, t, m):`` gets ``m``, a fresh :class:`RunMemory` per
  run (every name in it starts at 0, which is also off): the recommended way;
* module-level variables the controller assigns (``global running``) or
  containers and PLC blocks it uses (``seen = []``, ``timer = plc.TON(2)``),
  the cells of a closure, an object's attributes (a class with ``__call__``)
  and mutable default arguments are all put back, at each cold start, to how
  they were when FactoryLab first met the controller;
* a function with no arguments is a *factory*: it is called for a fresh
  controller at each cold start.

A cold start happens for each hidden seed of a check and when
:func:`factorylab.run` starts on a new line (not when it continues on the line
it ran on last). A check leaves the notebook's state as it found it.
"""

from __future__ import annotations

import copy
import dis
import functools
import inspect
import types
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import FactoryLabError
from . import plc


class NotWrittenYet(FactoryLabError):
    """The function that makes a controller still has the student copy's ``raise NotImplementedError``."""


Controller = Callable[..., Any]


class RunMemory(dict):
    """The ``m`` of ``controller(line, t, m)``: a dict that lives for one run.

    Like a PLC's internal relays and data registers, every name starts off:
    reading a name never set gives 0 (which counts as False), so
    ``m["count"] += 1``, ``if m["running"]:`` and ``line.conveyor1.run =
    m["running"]`` work from the first scan.
    """

    def __missing__(self, key: Any) -> int:
        return 0


# --- what state a controller has -------------------------------------------------------------------

#: immutable values: state only when the controller assigns the name
_IMMUTABLE = (bool, int, float, complex, str, bytes, type(None), tuple, frozenset, range)


def _is_code_like(value: Any) -> bool:
    return isinstance(value, (types.ModuleType, type, types.FunctionType, types.BuiltinFunctionType, types.MethodType))


def _is_line(value: Any) -> bool:
    from .line import Device, Line

    return isinstance(value, (Line, Device))


def _is_state(value: Any) -> bool:
    """True for a value that can hold run state: containers, PLC blocks, the student's objects."""
    if _is_code_like(value) or isinstance(value, _IMMUTABLE) or _is_line(value):
        return False
    module = getattr(type(value), "__module__", "") or ""
    if module.startswith("factorylab"):  # of FactoryLab's own objects, the controller helpers hold state
        return isinstance(value, plc.BLOCKS) or module == "factorylab.control.reference"
    return True


def _global_names(code: types.CodeType) -> tuple[set[str], set[str]]:
    """(names assigned with ``global``, names read) of a code object and the code nested in it."""
    stored: set[str] = set()
    loaded: set[str] = set()
    for instruction in dis.get_instructions(code):
        if instruction.opname in ("STORE_GLOBAL", "DELETE_GLOBAL"):
            stored.add(instruction.argval)
        elif instruction.opname == "LOAD_GLOBAL":
            loaded.add(instruction.argval)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            inner_stored, inner_loaded = _global_names(constant)
            stored |= inner_stored
            loaded |= inner_loaded
    return stored, loaded


@dataclass
class _Slots:
    """Where a controller's state lives: (container, key) pairs to snapshot and restore."""

    globals_: list[tuple[dict, str]] = field(default_factory=list)
    cells: list[types.CellType] = field(default_factory=list)
    objects: list[Any] = field(default_factory=list)  # objects whose __dict__ is state
    defaults: list[types.FunctionType] = field(default_factory=list)
    line_globals: list[str] = field(default_factory=list)  # module-level Line objects the code uses
    seen: set[int] = field(default_factory=set)


def _find(value: Any, slots: _Slots, depth: int = 0) -> None:
    """Collect the state reachable from a controller (or factory) ``value``."""
    if id(value) in slots.seen or depth > 4:
        return
    slots.seen.add(id(value))
    if isinstance(value, types.MethodType):
        _find(value.__self__, slots, depth + 1)
        _find(value.__func__, slots, depth + 1)
        return
    if isinstance(value, functools.partial):
        _find(value.func, slots, depth + 1)
        return
    if isinstance(value, types.FunctionType):
        _find_function(value, slots, depth)
        return
    if _is_state(value) and hasattr(value, "__dict__") and not isinstance(value, plc.BLOCKS):
        slots.objects.append(value)  # an object with __call__: its attributes are its memory
        call = type(value).__dict__.get("__call__")
        if isinstance(call, types.FunctionType):
            _find_function(call, slots, depth + 1)


def _find_function(function: types.FunctionType, slots: _Slots, depth: int) -> None:
    module_globals = function.__globals__
    stored, loaded = _global_names(function.__code__)
    for name in sorted(stored | loaded):
        if name not in module_globals:
            continue
        value = module_globals[name]
        if _is_line(value):
            slots.line_globals.append(name)
            continue
        if isinstance(value, types.FunctionType) and value.__globals__ is module_globals:
            _find(value, slots, depth + 1)  # a helper function of the same module
            continue
        if name in stored or _is_state(value):
            key = (id(module_globals), name)
            if key not in slots.seen:
                slots.seen.add(key)  # type: ignore[arg-type]
                slots.globals_.append((module_globals, name))
    for cell in function.__closure__ or ():
        try:
            content = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        if isinstance(content, types.FunctionType):
            _find(content, slots, depth + 1)
        elif _is_state(content) or not _is_code_like(content) and not _is_line(content):
            slots.cells.append(cell)
    if any(_is_state(v) for v in (function.__defaults__ or ())) or any(
        _is_state(v) for v in (function.__kwdefaults__ or {}).values()
    ):
        slots.defaults.append(function)


_MISSING = object()


class ControllerState:
    """The state of one controller: found once, snapshotted and restored on a cold start."""

    def __init__(self, controller: Controller) -> None:
        self.slots = _Slots()
        _find(controller, self.slots)
        self.unresettable: list[str] = []

    @property
    def uses_notebook_line(self) -> list[str]:
        """Names of module-level lines the controller's code reads instead of its ``line`` argument."""
        return self.slots.line_globals

    def capture(self) -> dict[str, Any] | None:
        """A deep copy of the state now (None if nothing to keep)."""
        s = self.slots
        raw: dict[str, Any] = {
            "globals": [module.get(name, _MISSING) for module, name in s.globals_],
            "cells": [_cell_value(cell) for cell in s.cells],
            "objects": [dict(vars(obj)) for obj in s.objects],
            "defaults": [(f.__defaults__, f.__kwdefaults__) for f in s.defaults],
        }
        if not any(raw.values()):
            return None
        return self._copy(raw)

    def restore(self, snapshot: dict[str, Any] | None) -> None:
        """Put the state back as it was in ``snapshot`` (a fresh copy of it, so it can be reused).

        Containers and objects are refilled in place, so other names for them
        (a list the notebook keeps, an object a plot reads) still see them.
        """
        if snapshot is None or same_state(self.capture(), snapshot):
            return
        fresh = self._copy(snapshot)
        s = self.slots
        for (module, name), value in zip(s.globals_, fresh["globals"], strict=True):
            if value is _MISSING:
                module.pop(name, None)
            elif not _refill(module.get(name, _MISSING), value):
                module[name] = value
        for cell, value in zip(s.cells, fresh["cells"], strict=True):
            if value is not _MISSING and not _refill(_cell_value(cell), value):
                cell.cell_contents = value
        for obj, attributes in zip(s.objects, fresh["objects"], strict=True):
            vars(obj).clear()
            vars(obj).update(attributes)
        for function, (defaults, kwdefaults) in zip(s.defaults, fresh["defaults"], strict=True):
            function.__defaults__ = defaults
            function.__kwdefaults__ = kwdefaults

    def _copy(self, raw: dict[str, Any]) -> dict[str, Any]:
        memo: dict[int, Any] = {id(_MISSING): _MISSING}
        copied: dict[str, Any] = {}
        for key, values in raw.items():
            copied[key] = [self._copy_one(value, memo, key, index) for index, value in enumerate(values)]
        return copied

    def _copy_one(self, value: Any, memo: dict[int, Any], key: str, index: int) -> Any:
        try:
            return copy.deepcopy(value, memo)
        except Exception:  # noqa: BLE001 - something that cannot be copied (a file, a socket): keep it
            label = f"{key}[{index}]"
            if label not in self.unresettable:
                self.unresettable.append(label)
            return value


def _refill(target: Any, value: Any) -> bool:
    """Make ``target`` hold ``value``'s contents in place; False if it cannot (then rebind the name)."""
    if target is _MISSING or type(target) is not type(value):
        return False
    if isinstance(target, (list, bytearray)):
        target[:] = value
        return True
    if isinstance(target, dict):
        target.clear()
        target.update(value)
        return True
    if isinstance(target, set):
        target.clear()
        target.update(value)
        return True
    if hasattr(target, "__dict__") and not isinstance(target, type) and not _is_code_like(target):
        try:
            vars(target).clear()
            vars(target).update(vars(value))
        except TypeError:  # pragma: no cover - a read-only __dict__
            return False
        return True
    return False


def _cell_value(cell: types.CellType) -> Any:
    try:
        return cell.cell_contents
    except ValueError:
        return _MISSING


# --- the controller as the runner calls it -----------------------------------------------------------


def _required_arguments(function: Any) -> int | None:
    """How many positional arguments ``function`` needs (None if it cannot be told)."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return None
    if any(p.kind == p.VAR_POSITIONAL for p in parameters):
        return None
    return len(
        [p for p in parameters if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    )


def not_a_controller(what: Any) -> FactoryLabError:
    """The error for something that is not a controller."""
    return FactoryLabError(
        f"컨트롤러로 함수를 넘기세요: def controller(line, t): ... (받은 것: {type(what).__name__})",
        f"pass a function as the controller: def controller(line, t): ... (got a {type(what).__name__})",
    )


def _wrong_arguments(count: int) -> FactoryLabError:
    return FactoryLabError(
        f"컨트롤러 함수는 (line, t) 또는 (line, t, m)을 받아야 하는데, 이 함수는 값을 {count}개 받습니다.",
        f"a controller takes (line, t) or (line, t, m), but this function takes {count} arguments.",
    )


class Program:
    """A student's controller as the runner runs it: cold starts, ``m``, and PLC runs.

    Args:
        controller: ``controller(line, t)``, ``controller(line, t, m)``, an
            object with such a ``__call__``, or a factory (no arguments) that
            returns one.
    """

    def __init__(self, controller: Controller) -> None:
        if not callable(controller):
            raise not_a_controller(controller)
        count = _required_arguments(controller)
        self.source = controller
        self.factory = count == 0
        if count is not None and count not in (0, 2, 3):
            raise _wrong_arguments(count)
        self.state = ControllerState(controller)
        self.pristine = self.state.capture()
        self.left: dict[str, Any] | None = self.pristine
        self.call: Callable[[Any, float], Any] = _no_call
        self.memory = RunMemory()
        self.clock = plc.RunClock()
        self.line_ref: Any = None
        self.last_t: float | None = None

    # --- cold start ----------------------------------------------------------------------------
    def cold_start(self) -> None:
        """Start from the controller's first state: fresh ``m``, fresh PLC blocks, fresh variables."""
        if self.state.uses_notebook_line:
            name = self.state.uses_notebook_line[0]
            raise FactoryLabError(
                f"컨트롤러가 받은 line 대신 노트북에 있는 변수({name})를 씁니다. def controller(line, t):로 받은 "
                f"line을 쓰세요 (검사는 자기 라인을 넘겨 줍니다).",
                f"your controller uses the notebook's variable {name} instead of the line it is given. Use the "
                f"line from def controller(line, t): (a check passes its own line).",
            )
        self.state.restore(self.pristine)
        self.memory = RunMemory()
        self.clock = plc.RunClock()
        controller = self.source
        if self.factory:
            token = plc.CURRENT_RUN.set(self.clock)
            try:
                controller = controller()
            except NotImplementedError as error:  # the student copy's blank: say so, not a traceback
                if isinstance(error, FactoryLabError):
                    raise
                raise NotWrittenYet(
                    "아직 컨트롤러를 만드는 함수를 완성하지 않았습니다: '# YOUR CODE HERE' 부분을 채우고 "
                    "raise NotImplementedError 줄을 지우세요.",
                    "the function that makes your controller is not written yet: fill in '# YOUR CODE HERE' and "
                    "delete the 'raise NotImplementedError' line.",
                ) from None
            finally:
                plc.CURRENT_RUN.reset(token)
            if not callable(controller):
                raise FactoryLabError(
                    "컨트롤러를 만드는 함수가 함수를 돌려주지 않았습니다 (return controller를 잊었나요?)",
                    "the function that makes your controller did not return one (forgot 'return controller'?)",
                )
        count = _required_arguments(controller)
        if count == 3:
            memory = self.memory
            self.call = lambda line, t, _c=controller: _c(line, t, memory)
        elif count in (2, None):
            self.call = controller
        else:
            raise _wrong_arguments(count)

    def begin(self, line: Any) -> None:
        """Before a run on ``line``: a cold start unless it continues the last run on the same line."""
        same_line = self.line_ref is not None and self.line_ref() is line
        if not (same_line and self.last_t is not None and line.time >= self.last_t) or self.call is _no_call:
            self._adopt_changes()
            self.cold_start()
        self.line_ref = weakref.ref(line)

    def end(self, t: float) -> None:
        """After a run: remember where it stopped."""
        self.last_t = t
        self.left = self.state.capture()

    def _adopt_changes(self) -> None:
        """If the student changed the state by hand since the last run, that is the new first state."""
        now = self.state.capture()
        if not same_state(now, self.left):
            self.pristine = now


def _no_call(line: Any, t: float) -> None:  # pragma: no cover - replaced at the first cold start
    raise AssertionError("cold_start() first")


def same_state(a: Any, b: Any, depth: int = 0) -> bool:
    """Structural equality of two snapshots (objects compared by their attributes)."""
    if a is b:
        return True
    if type(a) is not type(b) or depth > 20:
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same_state(x, y, depth + 1) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_state(a[k], b[k], depth + 1) for k in a)
    if hasattr(a, "__dict__") and not isinstance(a, type) and type(a).__eq__ is object.__eq__:
        return same_state(vars(a), vars(b), depth + 1)
    try:
        result = a == b
        return bool(result)
    except Exception:  # noqa: BLE001 - numpy arrays and the like
        try:
            import numpy as np

            return bool(np.array_equal(a, b))
        except Exception:  # noqa: BLE001
            return False


# --- one Program per controller, kept while the controller lives --------------------------------------

_PROGRAMS: weakref.WeakKeyDictionary[Any, Program] = weakref.WeakKeyDictionary()


def program_for(controller: Controller) -> Program:
    """The :class:`Program` of ``controller``: the same one every time, so its first state is kept."""
    key = controller.__func__ if isinstance(controller, types.MethodType) else controller
    try:
        program = _PROGRAMS.get(key)
    except TypeError:  # not weak-referenceable: a new program each time
        return Program(controller)
    if program is None or (isinstance(controller, types.MethodType) and program.source != controller):
        program = Program(controller)
        try:
            _PROGRAMS[key] = program
        except TypeError:  # pragma: no cover
            pass
    return program


__all__ = ["ControllerState", "Program", "RunMemory", "program_for", "same_state"]
