"""The classroom: many lines in one process, a shared Modbus port, the teacher's web console.

``factorylab classroom --lines 30`` runs :class:`Classroom`. Layering: this
package sits beside the cli (it creates runtimes, Modbus servers and the
console); nothing below it imports it::

    cli -> classroom -> view, modbus, control -> runtime -> data -> tags -> plant
"""

from .lines import FIRST_PORT, MAX_LINES, SHARED_PORT, ClassLine, Classroom, RosterEntry, read_roster

__all__ = ["FIRST_PORT", "MAX_LINES", "SHARED_PORT", "ClassLine", "Classroom", "RosterEntry", "read_roster"]
