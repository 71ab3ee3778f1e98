"""What may change a running line, as queued commands applied between two ticks.

The window's clicks and keys, a teacher's fault menu and a remote operator
do not touch the plant: they submit one of these to the runtime
(:meth:`~factorylab.runtime.loop.Runtime.submit`), which applies it in its own
thread at the next tick boundary. :func:`apply` is the one place that turns a
command into a change of the plant, for the runtime and for a plant stepped by
hand in one thread (tests, :class:`~factorylab.view.app.LocalDriver`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..plant import Plant

#: how long a released panel button stays made, simulated s (so a short click is seen by a 0.1 s scan)
CLICK_HOLD = 0.2


@dataclass(frozen=True)
class HoldButton:
    """Hold a momentary panel button (``start`` / ``stop`` / ``reset``) down or let it go at once."""

    button: str
    held: bool


@dataclass(frozen=True)
class PressButton:
    """Press a momentary panel button for ``seconds`` of simulated time (a click)."""

    button: str
    seconds: float = CLICK_HOLD


@dataclass(frozen=True)
class SetEstop:
    """Push the E-stop in (True) or twist it out (False)."""

    pushed: bool


@dataclass(frozen=True)
class ToggleEstop:
    """Push the E-stop in if it is out, twist it out if it is in."""


@dataclass(frozen=True)
class SetAuto:
    """Turn the mode selector to auto (True) or manual (False)."""

    auto: bool


@dataclass(frozen=True)
class ToggleAuto:
    """Turn the mode selector to the other position."""


@dataclass(frozen=True)
class InjectFault:
    """Start a fault now (a teacher's fault menu); fails with the plant's FaultError."""

    kind: str
    target: str | None = None


@dataclass(frozen=True)
class ClearFault:
    """End an active fault, by its record id."""

    record_id: int


@dataclass(frozen=True)
class Pause:
    """Pause (True) or resume (False) the real-time run; servers keep answering."""

    paused: bool


@dataclass(frozen=True)
class SetSpeed:
    """Change the real-time factor, 0.05..100."""

    speed: float


#: commands that change the plant (the others change how the runtime runs it)
PlantCommand = HoldButton | PressButton | SetEstop | ToggleEstop | SetAuto | ToggleAuto | InjectFault | ClearFault
Command = PlantCommand | Pause | SetSpeed


def apply(plant: Plant, command: PlantCommand) -> Any:
    """Apply a plant command to ``plant`` now (call it between two ticks, in the plant's thread).

    Returns:
        What the plant returned (the fault record of :class:`InjectFault`), or None.

    Raises:
        FaultError: a fault that cannot be injected or cleared (unknown target ...).
        TypeError: not a plant command (Pause and SetSpeed are the runtime's).
    """
    panel = plant.panel
    match command:
        case HoldButton(button, held):
            if panel is not None:
                panel.hold(button, held)
        case PressButton(button, seconds):
            if panel is not None:
                panel.press(button, plant.time, seconds)
        case SetEstop(pushed):
            if panel is not None:
                panel.set_estop(pushed)
        case ToggleEstop():
            if panel is not None:
                panel.set_estop(not panel.estop)
        case SetAuto(auto):
            if panel is not None:
                panel.set_auto(auto)
        case ToggleAuto():
            if panel is not None:
                panel.set_auto(not panel.auto)
        case InjectFault(kind, target):
            return plant.inject_fault(kind, target)
        case ClearFault(record_id):
            plant.clear_fault(record_id)
        case _:
            raise TypeError(f"not a plant command: {command!r}")
    return None
