"""The uplink's on-disk buffer: order, acknowledgements, the replay window, the bound, restarts, one process."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from factorylab.errors import FactoryLabError
from factorylab.uplink.buffer import Message, RunMeta, UplinkBuffer

RUN_A = "a" * 32
RUN_B = "b" * 32


def _messages(run: str, kinds: str, first_seq: int = 1) -> list[Message]:
    """One message per letter: t(ags), e(vent), f(ault), p(art)."""
    names = {"t": "tags", "e": "event", "f": "fault", "p": "part"}
    return [
        Message(run, first_seq + n, names[k], f"factorylab/v1/s/l/{names[k]}", f"{run[0]}{first_seq + n}".encode())
        for n, k in enumerate(kinds)
    ]


def test_rows_come_back_in_order_until_acknowledged(tmp_path: Path) -> None:
    buffer = UplinkBuffer(tmp_path / "b.sqlite")
    buffer.append(_messages(RUN_A, "tetpf"))
    assert (buffer.count, buffer.pending) == (5, 5)
    rows = buffer.rows(0, 10)
    assert [r.payload for r in rows] == [b"a1", b"a2", b"a3", b"a4", b"a5"]
    assert [r.id for r in rows] == sorted(r.id for r in rows) and not any(r.acked for r in rows)
    assert buffer.rows(rows[2].id, 2) == rows[2:4]
    assert buffer.mark_acked([rows[0].id, rows[2].id], now=100.0) == 2
    assert buffer.mark_acked([rows[0].id], now=101.0) == 0  # acknowledged twice: counted once
    assert (buffer.count, buffer.pending) == (5, 3)
    assert buffer.first_pending() == rows[1].id
    assert [r.payload for r in buffer.rows(0, 10)] == [b"a2", b"a4", b"a5"]  # pending only
    assert buffer.kinds() == {"event": 1, "part": 1, "fault": 1}
    buffer.close()


def test_the_replay_window(tmp_path: Path) -> None:
    buffer = UplinkBuffer(tmp_path / "b.sqlite", replay_seconds=120.0)
    buffer.append(_messages(RUN_A, "tttt"))
    ids = [r.id for r in buffer.rows(0, 10)]
    buffer.mark_acked(ids[:2], now=1000.0)
    buffer.mark_acked(ids[2:3], now=1100.0)
    # within the window: everything from the oldest acknowledged row is published again
    assert buffer.replay_from(now=1110.0) == ids[0]
    replay = buffer.rows(ids[0], 10, replay_until=ids[-1])
    assert [(r.id, r.acked) for r in replay] == [(ids[0], True), (ids[1], True), (ids[2], True), (ids[3], False)]
    # later, the first two have left the window: trim deletes them
    assert buffer.replay_from(now=1150.0) == ids[2]
    assert buffer.trim(now=1150.0) == 2
    assert (buffer.count, buffer.pending) == (2, 1)
    # published again and acknowledged again: the window starts again
    buffer.mark_acked([ids[2]], now=1300.0)
    assert buffer.trim(now=1350.0) == 0 and buffer.replay_from(now=1350.0) == ids[2]
    buffer.close()


def test_when_full_the_oldest_tags_go_first_and_are_counted(tmp_path: Path) -> None:
    buffer = UplinkBuffer(tmp_path / "b.sqlite", max_messages=100)
    buffer.append(_messages(RUN_A, "ttttt" + "e" * 40 + "t" * 55))  # 100: full
    assert buffer.dropped == 0
    acked = [r.id for r in buffer.rows(0, 3)]
    buffer.mark_acked(acked, now=5.0)
    # 10 more: first the 3 acknowledged rows, then the 7 oldest pending tag samples
    dropped = buffer.append(_messages(RUN_A, "e" * 10, first_seq=101))
    assert dropped == 7 and buffer.dropped_by_kind == {"tags": 7}
    assert buffer.count == 100 and buffer.pending == 100
    assert buffer.kinds()["event"] == 50
    # only events left and more arriving: the oldest events go last of all, counted too
    buffer.append(_messages(RUN_A, "e" * 60, first_seq=200))
    assert buffer.kinds() == {"event": 100}
    assert buffer.dropped_by_kind == {"tags": 57, "event": 10}
    assert [r.payload for r in buffer.rows(0, 1)] == [b"a16"]  # the oldest event that is left
    buffer.close()


def test_rows_on_their_way_are_not_dropped(tmp_path: Path) -> None:
    buffer = UplinkBuffer(tmp_path / "b.sqlite", max_messages=100)
    buffer.append(_messages(RUN_A, "t" * 100))
    protect = {r.id for r in buffer.rows(0, 5)}
    buffer.append(_messages(RUN_A, "t" * 5, first_seq=101), protect=protect)
    left = {r.id for r in buffer.rows(0, 200)}
    assert protect <= left and len(left) == 100
    buffer.close()


def test_rows_survive_a_restart_and_ids_keep_growing(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite"
    first = UplinkBuffer(path)
    first.add_run(RunMeta(RUN_A, "s", "l", "factorylab/v1/s/l/meta", b"meta-a"), created=1.0)
    first.append(_messages(RUN_A, "tet"))
    rows = first.rows(0, 10)
    first.mark_acked([rows[-1].id], now=10.0)
    first.trim(now=1000.0)  # the newest row is acknowledged and gone
    first.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.sqlite"]  # no WAL left beside it

    again = UplinkBuffer(path)
    assert (again.count, again.pending) == (2, 2)
    again.add_run(RunMeta(RUN_B, "s", "l", "factorylab/v1/s/l/meta", b"meta-b"), created=2.0)
    again.append(_messages(RUN_B, "t"))
    rows = again.rows(0, 10)
    assert [r.payload for r in rows] == [b"a1", b"a2", b"b1"]  # the earlier run's first
    assert rows[-1].id > rows[-2].id + 1  # the id of the deleted row is not given again
    assert [m.run for m in again.runs()] == [RUN_A, RUN_B]
    again.mark_acked([r.id for r in rows if r.payload.startswith(b"a")], now=20.0)
    again.trim(now=1000.0)
    assert [m.run for m in again.runs_with_rows()] == [RUN_B]
    assert again.forget_runs(keep=()) == 1 and [m.run for m in again.runs()] == [RUN_B]
    again.close()


def test_one_process_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite"
    buffer = UplinkBuffer(path)
    code = (
        "import sys\nfrom factorylab.uplink.buffer import UplinkBuffer\n"
        "try:\n    UplinkBuffer(sys.argv[1])\nexcept Exception as exc:\n    print(type(exc).__name__, exc.en)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("FactoryLabError another simulator uses the uplink buffer"), result
    buffer.close()
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert result.stdout == "", result  # free again


def test_files_it_cannot_use_are_told_in_both_languages(tmp_path: Path) -> None:
    other = tmp_path / "notes.sqlite"
    other.write_text("not a database " * 100, encoding="utf-8")
    cases = [
        (other, "is not an uplink buffer"),
        (tmp_path, "is a folder"),
        (tmp_path / "missing" / "b.sqlite", "there is no folder"),
    ]
    for path, words in cases:
        with pytest.raises(FactoryLabError) as caught:
            UplinkBuffer(path)
        assert words in caught.value.en and caught.value.ko
    import sqlite3

    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO info VALUES ('format', 'something-else/9')")
    db.close()
    with pytest.raises(FactoryLabError) as caught:
        UplinkBuffer(foreign)
    assert "another format" in caught.value.en
    # a database of something else (the historian's file given by mistake) is left alone
    historian = tmp_path / "history.sqlite"
    with sqlite3.connect(historian) as db:
        db.execute("CREATE TABLE samples (t REAL)")
    db.close()
    with pytest.raises(FactoryLabError) as caught:
        UplinkBuffer(historian)
    assert "is not an uplink buffer" in caught.value.en
    with sqlite3.connect(historian) as db:
        assert [name for (name,) in db.execute("SELECT name FROM sqlite_master")] == ["samples"]
    db.close()


def test_threads_may_share_it(tmp_path: Path) -> None:
    buffer = UplinkBuffer(tmp_path / "b.sqlite", max_messages=100_000)
    errors: list[BaseException] = []

    def writer(run: str) -> None:
        try:
            for n in range(50):
                buffer.append(_messages(run, "te", first_seq=2 * n + 1))
        except BaseException as exc:  # pragma: no cover - shown by the assert below
            errors.append(exc)

    def acker() -> None:
        try:
            for _ in range(50):
                buffer.mark_acked([r.id for r in buffer.rows(0, 10)], now=1.0)
        except BaseException as exc:  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(run,)) for run in (RUN_A, RUN_B)] + [
        threading.Thread(target=acker)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert buffer.count == 200
    assert buffer.pending == len(buffer.rows(0, 1000))
    buffer.close()
