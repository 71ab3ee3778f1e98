"""The uplink's buffer: every message on disk until the broker has it, and a while after.

An SQLite file (WAL, ``synchronous=NORMAL``: a crash of the simulator loses
nothing committed; a power cut may lose the last second) with one row per
message, in the order the lines made them (the row id):

* a row is *pending* until the broker acknowledges it (PUBACK), then
  *acknowledged* (``acked_at``, wall-clock s);
* acknowledged rows are kept for the replay window (``replay_seconds`` of
  wall time): a broker that restarts without its queue (it crashed, its disk
  was lost) may have acknowledged messages it never delivered, and the sender
  publishes the window again (the data centre drops the duplicates);
* the file holds at most ``max_messages`` rows: when full, acknowledged
  rows go first, then the oldest pending ``tags`` rows, and only then the
  oldest events, faults and parts; every pending row dropped is counted
  (:attr:`UplinkBuffer.dropped`), never silently;
* the ``runs`` table keeps each run's ``meta`` message, so rows of an earlier
  run (a simulator stopped with the broker away) are sent, with their meta,
  at the next start, before the new run's.

One process uses a file at a time (SQLite's exclusive locking mode): a
second simulator on the same file is told so at once. Every method is
thread-safe.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from ..errors import FactoryLabError

#: The file's format; a file of another format is refused, not changed.
FORMAT = "factorylab-uplink-buffer/1"
DEFAULT_MAX_MESSAGES = 200_000
DEFAULT_REPLAY_SECONDS = 120.0
#: Kinds kept longest when the buffer is full (tags rows go first).
PRECIOUS = ("event", "fault", "part")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    run TEXT PRIMARY KEY, site TEXT NOT NULL, line TEXT NOT NULL,
    topic TEXT NOT NULL, payload BLOB NOT NULL, created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT, run TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL,
    topic TEXT NOT NULL, payload BLOB NOT NULL, acked_at REAL
);
CREATE INDEX IF NOT EXISTS messages_pending ON messages (kind, id) WHERE acked_at IS NULL;
CREATE INDEX IF NOT EXISTS messages_acked ON messages (acked_at) WHERE acked_at IS NOT NULL;
"""


class Message(NamedTuple):
    """A message to store: its run and seq, kind, topic and payload (UTF-8 JSON)."""

    run: str
    seq: int
    kind: str
    topic: str
    payload: bytes


class Stored(NamedTuple):
    """A stored message to publish: its row id, topic, payload and whether the broker already acknowledged it."""

    id: int
    topic: str
    payload: bytes
    acked: bool


class RunMeta(NamedTuple):
    """A run's ``meta`` message, as stored."""

    run: str
    site: str
    line: str
    topic: str
    payload: bytes


class UplinkBuffer:
    """The on-disk queue of one sender (see the module's docstring).

    Args:
        path: the SQLite file (made if missing; its folder must exist).
        max_messages: the most rows the file holds, 100 or more.
        replay_seconds: how long acknowledged rows are kept, s of wall time (0: not kept).

    Raises:
        FactoryLabError: the file cannot be made or written, is not a buffer
            (another kind of file, a damaged one), or another process uses it.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        max_messages: int = DEFAULT_MAX_MESSAGES,
        replay_seconds: float = DEFAULT_REPLAY_SECONDS,
    ) -> None:
        if isinstance(max_messages, bool) or not isinstance(max_messages, int) or max_messages < 100:
            raise ValueError(f"max_messages must be a whole number >= 100, got {max_messages!r}")
        if not 0.0 <= replay_seconds < float("inf"):
            raise ValueError(f"replay_seconds must be 0 or more, got {replay_seconds!r}")
        self.path = Path(path)
        self.max_messages = max_messages
        self.replay_seconds = float(replay_seconds)
        #: pending rows dropped because the buffer was full, by kind
        self.dropped_by_kind: dict[str, int] = {}
        self._lock = threading.Lock()
        self._db = _open(self.path)
        try:
            self._count, self._pending = self._db.execute(
                "SELECT count(*), count(*) - count(acked_at) FROM messages"
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise _not_a_buffer(self.path, exc) from None
        self._closed = False

    # --- counts -------------------------------------------------------------------------------
    @property
    def count(self) -> int:
        """Rows in the file (pending and acknowledged)."""
        return self._count

    @property
    def pending(self) -> int:
        """Rows the broker has not acknowledged yet."""
        return self._pending

    @property
    def dropped(self) -> int:
        """Pending rows dropped because the buffer was full (all kinds)."""
        return sum(self.dropped_by_kind.values())

    # --- runs ---------------------------------------------------------------------------------
    def add_run(self, meta: RunMeta, created: float) -> None:
        """Keep ``meta`` (a run's ``meta`` message) while the file holds rows of that run."""
        with self._lock:
            self._check_open()
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO runs (run, site, line, topic, payload, created) VALUES (?, ?, ?, ?, ?, ?)",
                    (meta.run, meta.site, meta.line, meta.topic, meta.payload, created),
                )

    def runs(self) -> list[RunMeta]:
        """Every run kept, oldest first."""
        with self._lock:
            self._check_open()
            rows = self._db.execute("SELECT run, site, line, topic, payload FROM runs ORDER BY created, rowid")
            return [RunMeta(*row) for row in rows]

    def runs_with_rows(self) -> list[RunMeta]:
        """The runs that have rows in the file, oldest first."""
        with self._lock:
            self._check_open()
            rows = self._db.execute(
                "SELECT run, site, line, topic, payload FROM runs r "
                "WHERE EXISTS (SELECT 1 FROM messages m WHERE m.run = r.run) ORDER BY created, rowid"
            )
            return [RunMeta(*row) for row in rows]

    def forget_runs(self, keep: Collection[str]) -> int:
        """Drop the runs (but those in ``keep``) that have no rows left; returns how many."""
        with self._lock:
            self._check_open()
            with self._db:
                runs = [
                    run
                    for (run,) in self._db.execute(
                        "SELECT run FROM runs r WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.run = r.run)"
                    )
                    if run not in keep
                ]
                self._db.executemany("DELETE FROM runs WHERE run = ?", [(run,) for run in runs])
            return len(runs)

    # --- messages -----------------------------------------------------------------------------
    def append(self, messages: Sequence[Message], *, protect: Collection[int] = ()) -> int:
        """Store ``messages`` (pending), in order; drop old rows if the file is over its bound.

        Args:
            messages: what to store.
            protect: row ids not to drop (those on their way to the broker).

        Returns:
            How many pending rows were dropped to make room (counted in :attr:`dropped_by_kind`).
        """
        if not messages:
            return 0
        with self._lock:
            self._check_open()
            with self._db:
                self._db.executemany(
                    "INSERT INTO messages (run, seq, kind, topic, payload) VALUES (?, ?, ?, ?, ?)", messages
                )
                self._count += len(messages)
                self._pending += len(messages)
                return self._make_room(protect)

    def _make_room(self, protect: Collection[int]) -> int:
        excess = self._count - self.max_messages
        if excess <= 0:
            return 0
        db = self._db
        # acknowledged rows first: they are only kept in case a broker lost them
        acked = [
            row_id
            for (row_id,) in db.execute(
                "SELECT id FROM messages WHERE acked_at IS NOT NULL ORDER BY id LIMIT ?", (excess + len(protect),)
            )
            if row_id not in protect
        ][:excess]
        db.executemany("DELETE FROM messages WHERE id = ?", [(row_id,) for row_id in acked])
        self._count -= len(acked)
        excess -= len(acked)
        dropped = 0
        # then the oldest tag samples, and only then the rest
        for kinds in (("tags",), PRECIOUS, None):
            if excess <= 0:
                break
            where = "acked_at IS NULL" + ("" if kinds is None else f" AND kind IN ({','.join('?' * len(kinds))})")
            rows = [
                (row_id, kind)
                for row_id, kind in db.execute(
                    f"SELECT id, kind FROM messages WHERE {where} ORDER BY id LIMIT ?",
                    (*(kinds or ()), excess + len(protect)),
                )
                if row_id not in protect
            ][:excess]
            db.executemany("DELETE FROM messages WHERE id = ?", [(row_id,) for row_id, _ in rows])
            for _, kind in rows:
                self.dropped_by_kind[kind] = self.dropped_by_kind.get(kind, 0) + 1
            self._count -= len(rows)
            self._pending -= len(rows)
            excess -= len(rows)
            dropped += len(rows)
        return dropped

    def first_pending(self) -> int | None:
        """The row id of the oldest pending row (None: nothing pending)."""
        with self._lock:
            self._check_open()
            (row_id,) = self._db.execute("SELECT min(id) FROM messages WHERE acked_at IS NULL").fetchone()
            return row_id

    def last_id(self) -> int:
        """The newest row id ever given (0: none yet)."""
        with self._lock:
            self._check_open()
            row = self._db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'messages'").fetchone()
            return row[0] if row else 0

    def replay_from(self, now: float) -> int | None:
        """The oldest row id to publish again after a broker lost its queue at wall time ``now``.

        The oldest of the rows acknowledged within the replay window and the
        pending rows; None when there are neither.
        """
        with self._lock:
            self._check_open()
            (row_id,) = self._db.execute(
                "SELECT min(id) FROM messages WHERE acked_at IS NULL OR acked_at >= ?", (now - self.replay_seconds,)
            ).fetchone()
            return row_id

    def rows(self, start: int, limit: int, *, replay_until: int = 0) -> list[Stored]:
        """Up to ``limit`` rows to publish, from row id ``start`` on, in order.

        Pending rows, and acknowledged ones too up to row id ``replay_until`` (a replay).
        """
        with self._lock:
            self._check_open()
            rows = self._db.execute(
                "SELECT id, topic, payload, acked_at IS NOT NULL FROM messages "
                "WHERE id >= ? AND (acked_at IS NULL OR id <= ?) ORDER BY id LIMIT ?",
                (start, replay_until, limit),
            )
            return [Stored(row_id, topic, payload, bool(acked)) for row_id, topic, payload, acked in rows]

    def mark_acked(self, row_ids: Iterable[int], now: float) -> int:
        """The broker acknowledged these rows at wall time ``now``; returns how many were pending."""
        ids = [(row_id,) for row_id in row_ids]
        if not ids:
            return 0
        with self._lock:
            self._check_open()
            with self._db:
                before = self._db.total_changes
                self._db.executemany(
                    "UPDATE messages SET acked_at = ? WHERE id = ? AND acked_at IS NULL", [(now, i) for (i,) in ids]
                )
                newly = self._db.total_changes - before
                if newly < len(ids):  # rows published again (a replay): their window starts again now
                    self._db.executemany("UPDATE messages SET acked_at = ? WHERE id = ?", [(now, i) for (i,) in ids])
            self._pending -= newly
            return newly

    def trim(self, now: float) -> int:
        """Delete the acknowledged rows older than the replay window at wall time ``now``; returns how many."""
        with self._lock:
            self._check_open()
            with self._db:
                cursor = self._db.execute(
                    "DELETE FROM messages WHERE acked_at IS NOT NULL AND acked_at < ?", (now - self.replay_seconds,)
                )
            self._count -= cursor.rowcount
            return cursor.rowcount

    def kinds(self, *, pending: bool = True) -> dict[str, int]:
        """Rows by kind (pending ones only, or all)."""
        with self._lock:
            self._check_open()
            where = "WHERE acked_at IS NULL" if pending else ""
            return dict(self._db.execute(f"SELECT kind, count(*) FROM messages {where} GROUP BY kind"))

    def close(self) -> None:
        """Write everything into the main file (no WAL left beside it) and close it; idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                pass
            self._db.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("the uplink buffer is closed")


def _open(path: Path) -> sqlite3.Connection:
    """Open (or make) the buffer file and take it for this process alone."""
    if path.is_dir():
        raise FactoryLabError(
            f"업링크 버퍼 {path}는 폴더입니다: 파일 이름까지 적으세요 (예: {path / 'uplink.sqlite'}).",
            f"the uplink buffer {path} is a folder: give a file name (e.g. {path / 'uplink.sqlite'}).",
        )
    if not path.parent.is_dir():
        raise FactoryLabError(
            f"업링크 버퍼를 둘 폴더 {path.parent}가 없습니다. 폴더 이름을 확인하거나 먼저 만드세요.",
            f"there is no folder {path.parent} for the uplink buffer. Check its name or make it first.",
        )
    try:
        db = sqlite3.connect(path, timeout=0.5, check_same_thread=False, isolation_level=None)
    except sqlite3.Error as exc:
        raise _cannot_write(path, exc) from None
    try:
        db.execute("PRAGMA locking_mode = EXCLUSIVE")  # before WAL: no shared memory, one process
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise sqlite3.OperationalError(f"journal mode {mode}")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("BEGIN IMMEDIATE")  # takes the file's lock now: a second process is told at once
        try:
            tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and "info" not in tables:  # another program's database: leave it alone
                raise sqlite3.DatabaseError("it holds other tables")
            for statement in _SCHEMA.strip().split(";"):
                if statement.strip():
                    db.execute(statement)
            row = db.execute("SELECT value FROM info WHERE key = 'format'").fetchone()
            if row is None:
                db.execute("INSERT INTO info (key, value) VALUES ('format', ?)", (FORMAT,))
            elif row[0] != FORMAT:
                raise _NotABuffer(row[0])
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        db.isolation_level = ""  # from now on ``with db:`` is one transaction
    except _NotABuffer as exc:
        db.close()
        raise FactoryLabError(
            f"{path}는 다른 형식({exc.args[0]})의 업링크 버퍼입니다: 다른 파일 이름을 쓰세요.",
            f"{path} is an uplink buffer of another format ({exc.args[0]}): use another file name.",
        ) from None
    except sqlite3.OperationalError as exc:
        db.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise FactoryLabError(
                f"업링크 버퍼 {path}를 다른 시뮬레이터가 쓰고 있습니다: 라인마다 다른 --line이나 --uplink-buffer를 쓰세요.",
                f"another simulator uses the uplink buffer {path}: give each line its own --line or --uplink-buffer.",
            ) from None
        raise _cannot_write(path, exc) from None
    except sqlite3.DatabaseError as exc:
        db.close()
        raise _not_a_buffer(path, exc) from None
    return db


class _NotABuffer(Exception):
    pass


def _cannot_write(path: Path, exc: Exception) -> FactoryLabError:
    return FactoryLabError(
        f"업링크 버퍼 {path}를 만들거나 쓸 수 없습니다: {exc}. 쓸 수 있는 폴더의 파일을 고르세요 (--uplink-buffer).",
        f"cannot make or write the uplink buffer {path}: {exc}. Choose a file in a folder you can write to "
        "(--uplink-buffer).",
    )


def _not_a_buffer(path: Path, exc: Exception) -> FactoryLabError:
    return FactoryLabError(
        f"{path}는 업링크 버퍼가 아니거나 손상되었습니다 ({exc}): 다른 파일 이름을 쓰세요.",
        f"{path} is not an uplink buffer, or it is damaged ({exc}): use another file name.",
    )
