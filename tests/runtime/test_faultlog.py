"""`factorylab sim --fault-log FILE`: the teacher's answer key of the diagnosis drill, kept while the line runs."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import factorylab
from factorylab.cli import serve
from factorylab.runtime import ClearFault, InjectFault
from factorylab.runtime.faultlog import COLUMNS
from tests.runtime.test_runtime import until


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_fault_log_follows_faults_injected_and_cleared_and_the_drill_check_reads_it(tmp_path: Path) -> None:
    log = tmp_path / "faults.csv"
    seen: dict[str, object] = {}

    def teacher(serving) -> None:  # what the F menu does, from the runtime's other side
        runtime = serving.runtime
        try:
            seen["empty"] = until(lambda: log.exists()) and rows(log) == []
            stuck = runtime.submit(InjectFault("sensor_stuck_on", "conveyor1.photo_eye_exit")).result(10)
            seen["stuck"] = until(lambda: len(rows(log)) == 1)
            runtime.submit(InjectFault("jam", "conveyor1")).result(10)
            seen["jam"] = until(lambda: len(rows(log)) == 2, seconds=60)  # once a part is caught
            runtime.submit(ClearFault(stuck.id)).result(10)
            seen["cleared"] = until(lambda: rows(log)[0]["end"] != "")
        finally:
            serving.stop()

    code = serve(
        "line",
        port=0,
        speed=50.0,
        demo=True,
        fault_log=str(log),
        on_ready=lambda serving: threading.Thread(target=teacher, args=(serving,), daemon=True).start(),
    )
    assert code == 0
    assert seen == {"empty": True, "stuck": True, "jam": True, "cleared": True}
    stuck, jam = rows(log)
    assert tuple(stuck) == COLUMNS
    assert (stuck["label"], stuck["target"], jam["label"], jam["target"]) == (
        "sensor_stuck_on", "conveyor1.photo_eye_exit", "jam", "conveyor1",
    )  # fmt: skip
    assert float(stuck["start"]) == float(stuck["injected"]) < float(stuck["end"])
    assert float(jam["start"]) >= float(jam["injected"])  # a jam begins when it catches a part
    assert not list(tmp_path.glob(".*partial"))  # written whole, nothing left half-done

    # the teacher hands the file to the drill's check: the right diagnosis passes, a wrong target does not
    right = [{"fault": r["label"], "target": r["target"], "start": float(r["start"]) + 5.0} for r in (stuck, jam)]
    assert factorylab.check(right, "fault_diagnosis", fault_log=str(log)).passed
    wrong = [dict(right[0]), {**right[1], "target": "conveyor2"}]
    result = factorylab.check(wrong, "fault_diagnosis", fault_log=str(log))
    assert not result.passed


def test_a_fault_log_that_cannot_be_written_is_told_once_and_the_line_goes_on(tmp_path: Path, capsys) -> None:
    log = tmp_path / "no-such-folder" / "faults.csv"
    seen: dict[str, object] = {}

    def client(serving) -> None:
        try:
            seen["runs"] = until(lambda: (snap := serving.runtime.latest()) is not None and snap.plant.time > 2.0)
        finally:
            serving.stop()

    code = serve(
        "conveyor",
        port=0,
        speed=20.0,
        fault_log=str(log),
        lang="en",
        on_ready=lambda serving: threading.Thread(target=client, args=(serving,), daemon=True).start(),
    )
    err = capsys.readouterr().err
    assert code == 0 and seen == {"runs": True}
    assert err.count("cannot write the fault log") == 1 and "goes on without the fault log" in err
