"""The running line: wall-clock pacing, queued commands, per-tick snapshots.

* :class:`Runtime` steps one plant in real time (x speed): the only place in
  the package that paces anything to the wall clock;
* :class:`Attachment` is how a protocol server (Modbus now; OPC UA and MQTT
  later), the :class:`Recorder` or a program run beside the line;
* commands (:mod:`.commands`) are how other threads change the line: queued,
  applied between two ticks in the runtime's thread;
* a :class:`Snapshot` is how other threads read it: an immutable copy made
  between two ticks.

Layering: ``cli`` creates the runtime and its attachments (the Modbus server
from ``modbus/``, the window from ``view/``, the demo program from
``control/``). ``modbus/`` and ``view/`` use this package's interface
(attachments, commands, snapshots); this package imports neither of them (nor
pymodbus, pygame or ``control/``), only ``data/`` (the historian), ``tags``
and ``plant/``::

    cli -> view, modbus, control -> runtime -> data -> tags -> plant
"""

from .commands import (
    ClearFault,
    Command,
    HoldButton,
    InjectFault,
    Pause,
    PressButton,
    SetAuto,
    SetEstop,
    SetSpeed,
    ToggleAuto,
    ToggleEstop,
    apply,
)
from .faultlog import FaultLogWriter
from .loop import MAX_SPEED, MIN_SPEED, Attachment, Runtime, TickStats
from .recorder import Recorder
from .snapshot import Snapshot, freeze

__all__ = [
    "FaultLogWriter",
    "MAX_SPEED",
    "MIN_SPEED",
    "Attachment",
    "ClearFault",
    "Command",
    "HoldButton",
    "InjectFault",
    "Pause",
    "PressButton",
    "Recorder",
    "Runtime",
    "SetAuto",
    "SetEstop",
    "SetSpeed",
    "Snapshot",
    "TickStats",
    "ToggleAuto",
    "ToggleEstop",
    "apply",
    "freeze",
]
