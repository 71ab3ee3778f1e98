"""The fault log file: every fault of the running line, for the teacher's drill.

``factorylab sim --fault-log faults.csv`` keeps a CSV file with one row per
fault that has begun to act on the line (injected from the window's F menu,
scheduled by the scenario, or random)::

    id,label,target,start,end,injected
    1,jam,conveyor1,512.3,604.0,508.0

``start`` is when the fault began to act (a jam: when it caught a part),
``end`` is empty while the fault lasts, ``injected`` is when it was injected;
times are simulated seconds. The file is rewritten whole (never half-written)
each time a fault starts or ends, so a teacher can hand it to the
``fault_diagnosis`` check (``fault_log="faults.csv"``) at any moment. Students
should not see it: it is the answer key of the drill.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import FactoryLabError
from ..plant import Plant
from .loop import Attachment, Runtime

COLUMNS = ("id", "label", "target", "start", "end", "injected")


def fault_rows(plant: Plant) -> list[dict[str, Any]]:
    """The faults that have begun to act, oldest first, as the file's rows (times in s, rounded to 0.1 s)."""
    rows = []
    for record in plant.faults.log:
        start = record.effective_start
        if start is None:  # a jam still waiting for a part: it has not begun yet
            continue
        rows.append(
            {
                "id": record.id,
                "label": record.label,
                "target": record.target,
                "start": round(start, 1),
                "end": "" if record.end is None else round(record.end, 1),
                "injected": round(record.start, 1),
            }
        )
    return rows


class FaultLogWriter(Attachment):
    """Keeps ``path`` a CSV of the line's faults (see the module's docstring).

    A disk that cannot take the file stops the writing (``on_stop`` is told
    once, with a bilingual error); the line and its servers go on.
    """

    def __init__(self, path: str | Path, *, on_stop: Callable[[FactoryLabError], Any] | None = None) -> None:
        self.path = Path(path)
        self.on_stop = on_stop
        self._written: tuple | None = None
        self._events_seen = -1
        self._stopped = False

    async def start(self, runtime: Runtime) -> None:
        self._write(runtime.plant)  # an empty log at once: the teacher sees the file is there

    async def on_tick(self, plant: Plant) -> None:
        # a fault that starts, ends or catches a part logs an event: no new event, nothing to look at
        if plant.events.total != self._events_seen:
            self._events_seen = plant.events.total
            self._write(plant)

    def _write(self, plant: Plant) -> None:
        if self._stopped:
            return
        log = plant.faults.log
        state = (len(log), sum(r.end is not None for r in log), sum(r.applied for r in log))
        if state == self._written:
            return
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(fault_rows(plant))
        partial = self.path.with_name(f".{self.path.name}.partial")
        try:
            partial.write_text(buffer.getvalue(), encoding="utf-8")
            os.replace(partial, self.path)
        except OSError as exc:
            self._stopped = True
            if self.on_stop is not None:
                self.on_stop(
                    FactoryLabError(
                        f"고장 기록 파일 {self.path}에 쓸 수 없습니다: {exc.strerror or exc}.",
                        f"cannot write the fault log {self.path}: {exc.strerror or exc}.",
                    )
                )
            return
        self._written = state
