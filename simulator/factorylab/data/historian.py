"""The historian: tag values over time in an SQLite file, loaded as pandas DataFrames.

The file has three tables:

* ``meta`` (key, value): the file's format (2) and its tags (name, type,
  unit, descriptions) as JSON;
* ``runs`` (run, started, meta): one row per recording run: its number
  (1, 2, ...), when it started (UTC) and its facts (scenario, seed, ...);
* ``samples`` (``run``, ``t`` in simulated seconds, then one column per tag).

Every :class:`Historian` is one run. Appending to a file (another run of the
same study, or two simulators recording into one file at once) adds a run;
rows are written by column name, so a value never lands in another tag's
column, whatever order the tags come in. The file runs in WAL mode and
commits at least once a second of wall-clock time, so a recorder killed
outright (even with SIGKILL) loses at most the last second, and the file
stays readable. A full disk stops the recording, not the program: the rows
so far stay in the file and :attr:`Historian.stopped` says why.

::

    from factorylab import data
    frame = data.load("shift.sqlite")            # index t, a run column, one column per tag
    frame = data.load("shift.sqlite", run=-1)    # the newest run only
    data.export("shift.sqlite", "shift.csv")     # or .parquet with pip install "factorylab[parquet]"
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import sqlite3
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

from ..errors import FactoryLabError
from ..tags import Tag
from .paths import check_sqlite_header, check_writable

FORMAT = 2  # the file layout written here; format 1 (no runs) still loads
COMMIT_EVERY = 0.5  # s of wall-clock time between commits (the most a crash can lose)
BUSY_TIMEOUT = 10.0  # s to wait for another writer of the same file
COMMIT_ROWS = 5_000  # rows held at most before a commit (a fast run saves in chunks, so a full disk keeps some)
MAX_PENDING = 200_000  # rows held while another writer keeps the file busy, then recording stops


class Historian:
    """Records chosen tags into an SQLite file, as one run.

    Args:
        path: the file. A new file is created; an existing one recorded with
            the same tags (in any order) gets another run; one with other
            tags, an older format or something else is refused with a clear
            error. The folder must exist.
        tags: what to record.
        meta: facts about the run stored with it (scenario, seed, ...), as JSON.
        on_stop: called once with the error if recording has to stop (a full
            disk ...); the default warns (``RuntimeWarning``).

    Attributes:
        run: this run's number in the file (1, 2, ...).
        stopped: why recording stopped, or None while it goes on.
        rows: rows written into the file so far.
    """

    def __init__(
        self,
        path: str | Path,
        tags: Sequence[Tag],
        meta: dict[str, Any] | None = None,
        *,
        on_stop: Callable[[FactoryLabError], Any] | None = None,
    ) -> None:
        self.path = Path(path)
        self.tags = list(tags)
        if not self.tags:
            raise FactoryLabError("기록할 태그를 하나 이상 고르세요", "choose at least one tag to record")
        names = [tag.name for tag in self.tags]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise FactoryLabError(
                f"같은 태그를 두 번 기록할 수 없습니다: {', '.join(repeated)}",
                f"a tag can be recorded only once: {', '.join(repeated)}",
            )
        self.stopped: FactoryLabError | None = None
        self.rows = 0
        self._on_stop = on_stop
        self._pending: list[tuple] = []
        self._saved_until: float | None = None
        self._commit_rows = COMMIT_ROWS  # pending rows that make record() commit
        self._closed = False
        check_path(self.path)
        created = not self.path.exists()
        self._db: sqlite3.Connection | None = None
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT)  # we manage transactions
            self.run = self._begin(names, meta or {})
        except BaseException as exc:
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._db.close()
                self._db = None
            if created:  # leave nothing behind
                for suffix in ("", "-wal", "-shm", "-journal"):
                    with contextlib.suppress(OSError):
                        Path(f"{self.path}{suffix}").unlink()
            if isinstance(exc, sqlite3.Error):
                raise _open_problem(self.path, exc) from None
            raise
        columns = ", ".join(_quote(name) for name in ["run", "t", *names])
        self._insert = f"INSERT INTO samples ({columns}) VALUES ({', '.join('?' * (len(names) + 2))})"
        self._last_commit = time.monotonic()

    def _begin(self, names: list[str], meta: dict[str, Any]) -> int:
        """Check the file (creating its tables if it is new), add this run, return its number."""
        db = self._db
        assert db is not None
        _check_ours(self.path, _tables(db))  # before changing anything in a file that is not ours
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("BEGIN IMMEDIATE")  # one writer at a time from here: two new recorders cannot both create
        try:
            if not _tables(db):
                columns = ", ".join(f"{_quote(tag.name)} {_sql_type(tag)}" for tag in self.tags)
                db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                db.execute(
                    "CREATE TABLE runs (run INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL, meta TEXT NOT NULL)"
                )
                db.execute(f"CREATE TABLE samples (run INTEGER NOT NULL, t REAL NOT NULL, {columns})")
                described = [
                    {"name": t.name, "type": t.type, "unit": t.unit, "description_en": t.description_en,
                     "description_ko": t.description_ko} for t in self.tags
                ]  # fmt: skip
                db.executemany(
                    "INSERT INTO meta VALUES (?, ?)",
                    [("format", json.dumps(FORMAT)), ("tags", json.dumps(described, ensure_ascii=False))],
                )
            else:
                _check_ours(self.path, _tables(db))
                stored = [row[1] for row in db.execute("PRAGMA table_info(samples)")][2:]
                if set(stored) != set(names):
                    raise _other_tags(self.path, stored, names)
            started = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
            cursor = db.execute(
                "INSERT INTO runs (started, meta) VALUES (?, ?)", (started, json.dumps(meta, ensure_ascii=False))
            )
            db.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                if db.in_transaction:
                    db.execute("ROLLBACK")
            raise
        return int(cursor.lastrowid)

    def record(self, t: float, values: Sequence[Any]) -> None:
        """Add one row: time ``t`` (s) and the tags' values in the order of ``tags``.

        After recording stopped (see :attr:`stopped`) rows are let go quietly:
        the stop was told once.
        """
        if self._db is None:
            if self.stopped is not None:
                return
            raise FactoryLabError("이 기록기는 이미 닫혔습니다", "this historian is closed")
        if len(values) != len(self.tags):
            raise FactoryLabError(
                f"값 {len(values)}개를 받았지만 태그는 {len(self.tags)}개입니다",
                f"got {len(values)} values for {len(self.tags)} tags",
            )
        self._pending.append((self.run, t, *values))
        if len(self._pending) >= self._commit_rows or time.monotonic() - self._last_commit >= COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        """Write the rows so far to the file (a full disk stops the recording, see :attr:`stopped`)."""
        db = self._db
        if db is None:
            return
        pending = self._pending
        if pending:
            try:
                db.execute("BEGIN IMMEDIATE")
                db.executemany(self._insert, pending)
                db.execute("COMMIT")
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                if _busy(exc) and len(pending) < MAX_PENDING:
                    # another writer holds the file: again after a while, not on every row
                    self._last_commit = time.monotonic()
                    self._commit_rows = len(pending) + COMMIT_ROWS
                    return
                self._stop(exc)
                return
            self.rows += len(pending)
            self._commit_rows = COMMIT_ROWS
            self._saved_until = pending[-1][1]
            self._pending = []
        self._last_commit = time.monotonic()

    def _stop(self, exc: sqlite3.Error) -> None:
        """Stop recording after a write failed: keep what is in the file, tell why once."""
        self.stopped = _stop_problem(self.path, exc, self._saved_until)
        self._pending = []
        db, self._db = self._db, None
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()
        if self._on_stop is not None:
            self._on_stop(self.stopped)
        else:
            warnings.warn(self.stopped.message(), RuntimeWarning, stacklevel=4)

    def close(self) -> None:
        """Commit and close the file."""
        if self._db is not None:
            self.commit()
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):  # the rows are committed; a failed checkpoint loses none
                self._db.close()
            self._db = None
        self._closed = True

    def __enter__(self) -> Historian:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def check_path(path: str | Path) -> None:
    """Raise a clear :class:`FactoryLabError` unless ``path`` can take a recording; writes nothing.

    A missing or read-only folder, a folder given for a file, a file that is
    not an SQLite database: told here. (Whether an existing history file
    holds the same tags is told when the :class:`Historian` opens it.)
    """
    path = Path(path)
    check_writable(path, "history.sqlite")
    _check_header(path)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_type(tag: Tag) -> str:
    if tag.type == "bool":
        return "INTEGER"
    return "REAL" if tag.value_type is float else "INTEGER"


def _tables(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} - {"sqlite_sequence"}


def _not_ours(path: Path) -> FactoryLabError:
    return FactoryLabError(
        f"{path} 파일은 FactoryLab 기록 파일(SQLite)이 아닙니다. 파일 이름을 확인하거나 다른 이름을 쓰세요.",
        f"{path} is not a FactoryLab history file (SQLite). Check the name or use another one.",
    )


def _check_header(path: Path) -> None:
    """A clear error if ``path`` holds something other than an SQLite database (an empty file is fine)."""
    check_sqlite_header(path, _not_ours)


def _check_ours(path: Path, tables: set[str]) -> None:
    """A clear error unless ``tables`` are none yet or a FactoryLab file of this format."""
    if not tables:
        return
    if not {"meta", "samples"} <= tables:
        raise _not_ours(path)
    if "runs" not in tables:
        raise FactoryLabError(
            f"{path} 파일은 예전 형식의 기록 파일입니다. 불러오기(data.load)는 되지만 이어서 기록할 수는 없으니 새 파일에 기록하세요.",
            f"{path} is a history file of an older format: data.load reads it, but it takes no more runs. "
            "Record into a new file.",
        )


def _other_tags(path: Path, stored: list[str], names: list[str]) -> FactoryLabError:
    only_file = [n for n in stored if n not in names]
    only_now = [n for n in names if n not in stored]
    ko = f"{path} 파일에는 다른 태그들이 기록되어 있습니다 (파일에만: {', '.join(only_file) or '-'}; 이번에만: {', '.join(only_now) or '-'}). 다른 파일 이름을 쓰세요."
    en = f"{path} already holds other tags (only in the file: {', '.join(only_file) or '-'}; only now: {', '.join(only_now) or '-'}). Record into another file."
    return FactoryLabError(ko, en)


def _busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _reason(exc: sqlite3.Error) -> tuple[str, str] | None:
    """(Korean, English) for a full disk or a refused write, from SQLite's error; None for others."""
    text = f"{getattr(exc, 'sqlite_errorname', '')} {exc}".lower()
    if "full" in text:
        return "디스크가 가득 찼습니다", "the disk is full"
    if "i/o error" in text or "ioerr" in text:
        return (
            "디스크에 쓰지 못했습니다 (디스크가 가득 찼거나 파일 크기 제한)",
            "the disk refused the write (full, or a file size limit)",
        )
    if "readonly" in text:
        return "파일이나 폴더가 읽기 전용입니다", "the file or its folder is read-only"
    return None


def _open_problem(path: Path, exc: sqlite3.Error) -> FactoryLabError:
    """The clear error for an SQLite failure while opening ``path`` for recording."""
    text = f"{getattr(exc, 'sqlite_errorname', '')} {exc}".lower()
    if "not a database" in text or "notadb" in text or "malformed" in text:
        return _not_ours(path)
    reason = _reason(exc)
    if reason is not None:
        return FactoryLabError(f"{path}에 기록할 수 없습니다: {reason[0]}.", f"cannot record into {path}: {reason[1]}.")
    return FactoryLabError(f"{path}에 기록할 수 없습니다: {exc}", f"cannot record into {path}: {exc}")


def _stop_problem(path: Path, exc: sqlite3.Error, saved_until: float | None) -> FactoryLabError:
    """The error told when recording stops midway: why, and what stays in the file."""
    ko, en = _reason(exc) or (str(exc), str(exc))
    if saved_until is None:
        kept_ko, kept_en = "이번 실행의 기록은 저장되지 않았습니다", "nothing of this run was saved"
    else:
        kept_ko = f"시뮬레이션 시각 {saved_until:.1f}초까지의 기록은 파일에 남아 있습니다"
        kept_en = f"the rows up to t = {saved_until:.1f} s are in the file"
    return FactoryLabError(
        f"{path}에 기록을 멈췄습니다: {ko}. {kept_ko}.", f"recording into {path} stopped: {en}; {kept_en}."
    )


def load(path: str | Path, run: int | None = None) -> pandas.DataFrame:
    """A historian file as a pandas DataFrame.

    Args:
        path: the file.
        run: which run (1, 2, ...; -1 the newest, -2 the one before ...);
            None for all of them.

    Returns:
        Index ``t`` (simulated seconds) and one column per tag; for all runs, a ``run`` column comes first and the rows go run by run. ``frame.attrs`` holds the tags (units ...), ``runs`` (each run's facts: started, scenario, seed ...) and, at the top level, the facts the runs shown agree on.
    """
    import pandas as pd

    path = Path(path)
    if not path.exists():
        raise FactoryLabError(f"{path} 파일이 없습니다", f"there is no file {path}")
    if path.is_dir():
        raise FactoryLabError(
            f"파일이 아니라 폴더입니다: {path}. 기록 파일의 이름까지 적으세요.",
            f"{path} is a folder: give the history file's name.",
        )
    _check_header(path)
    # as_uri() escapes '#', '?' and spaces in the name. Read-write where we may, so that the last
    # connection to close tidies the WAL files away; read-only (leaving them) where we may not.
    writable = os.access(path, os.W_OK) and os.access(path.resolve().parent, os.W_OK)
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode={'rw' if writable else 'ro'}", uri=True)
    try:
        db.execute("PRAGMA query_only = 1")  # loading never changes the file
        tables = _tables(db)
        if not {"meta", "samples"} <= tables:
            raise _not_ours(path)
        meta = {key: json.loads(value) for key, value in db.execute("SELECT key, value FROM meta")}
        if "runs" in tables:
            runs = {
                number: {"started": started, **json.loads(facts)}
                for number, started, facts in db.execute("SELECT run, started, meta FROM runs ORDER BY run")
            }
            chosen = _choose_run(path, runs, run)
            where = "" if chosen is None else f" WHERE run = {chosen}"
            query = f"SELECT * FROM samples{where} ORDER BY run, rowid"
        else:  # format 1: one table of rows, the facts in meta
            runs = {1: {key: value for key, value in meta.items() if key != "tags"}}
            chosen = _choose_run(path, runs, run)
            query = "SELECT 1 AS run, * FROM samples ORDER BY rowid"
        frame = pd.read_sql_query(query, db, index_col="t")
    except (sqlite3.DatabaseError, pd.errors.DatabaseError) as exc:
        raise FactoryLabError(
            f"{path} 파일은 FactoryLab 기록 파일이 아닙니다 ({exc})", f"{path} is not a FactoryLab history file ({exc})"
        ) from None
    finally:
        db.close()
    columns = ["run", *[c for c in frame.columns if c != "run"]]
    frame = frame[columns[1:]] if chosen is not None else frame[columns]
    for tag in meta.get("tags", []):
        name = tag.get("name")
        if tag.get("type") == "bool" and name in frame and not frame[name].isna().any():
            frame[name] = frame[name].astype(bool)
    shown = runs if chosen is None else {chosen: runs[chosen]}
    frame.attrs["tags"] = meta.get("tags", [])
    frame.attrs["runs"] = shown
    facts = list(shown.values())
    for key in dict.fromkeys(k for f in facts for k in f):
        if all(key in f and f[key] == facts[0][key] for f in facts):
            frame.attrs[key] = facts[0][key]
    if chosen is not None:
        frame.attrs["run"] = chosen
    return frame


def _choose_run(path: Path, runs: dict[int, dict], run: int | None) -> int | None:
    if run is None:
        return None
    numbers = sorted(runs)
    if isinstance(run, int) and not isinstance(run, bool):
        if run in runs:
            return run
        if run < 0 and -run <= len(numbers):
            return numbers[run]
    listed = ", ".join(str(n) for n in numbers) or "-"
    raise FactoryLabError(
        f"{path} 파일에는 run {run!r} 기록이 없습니다 (있는 run: {listed}; -1은 가장 최근 run).",
        f"{path} has no run {run!r} (its runs: {listed}; -1 is the newest).",
    )


def export(path: str | Path, out: str | Path, run: int | None = None) -> Path:
    """Write a historian file as CSV or Parquet (chosen by ``out``'s suffix).

    CSV needs nothing more; Parquet needs pyarrow (``pip install "factorylab[parquet]"``).
    ``run`` chooses one run as in :func:`load`. The folder must exist.
    """
    out = Path(out)
    if out.suffix not in (".csv", ".parquet"):
        raise FactoryLabError(
            f"{out.name}: .csv 또는 .parquet로 끝나는 파일 이름을 쓰세요",
            f"{out.name}: use a file name ending in .csv or .parquet",
        )
    if out.suffix == ".parquet":
        _need_pyarrow()
    check_writable(out, "history.csv")
    frame = load(path, run)
    frame.attrs = {}
    try:
        if out.suffix == ".csv":
            frame.to_csv(out)
        else:
            frame.to_parquet(out)
    except OSError as exc:
        from .paths import write_problem

        with contextlib.suppress(OSError):
            out.unlink()
        raise write_problem(out.parent, exc) from None
    return out


def _need_pyarrow() -> None:
    """A clear error if pyarrow (for Parquet) is not installed."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise FactoryLabError(
            'Parquet 파일을 쓰려면 pyarrow가 필요합니다. 설치: pip install "factorylab[parquet]" '
            "(CSV는 추가 설치 없이 됩니다: 파일 이름을 .csv로 끝내세요)",
            'writing Parquet needs pyarrow. Install it: pip install "factorylab[parquet]" '
            "(CSV needs nothing more: end the file name in .csv)",
        ) from None
