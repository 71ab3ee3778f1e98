"""The data centre's store: what the lines uplink, in SQLite (the default) or PostgreSQL.

Tables (the same in both; ``wall`` is UTC: ISO-8601 text in SQLite, ``timestamptz`` in PostgreSQL)::

    runs    (run PK, site, line, scenario, seed, variant, version, every, first_wall, meta)
    samples (run, seq, site, line, t, wall, "values")            -- one tags message; values as JSON
    events  (run, seq, site, line, t, wall, kind, part, detail)
    faults  (run, seq, site, line, t, wall, fault_id, label, target, state, start, "end")
    parts   (run, seq, site, line, t, wall, <factorylab.data.dataset.PART_COLUMNS>)
    rejects (id, received_at, topic, reason, payload_excerpt)

``run`` is the simulator run's id (32 hex), ``seq`` the message's number in that run, ``t``
the simulated time (s). Every table but ``runs`` and ``rejects`` has the primary key
``(run, seq)`` and every insert is ``ON CONFLICT DO NOTHING``: a message delivered twice is
stored once (:meth:`Store.ingest` counts it as a duplicate). A run's row is made by its first
message and filled in by its ``meta`` message (scenario, seed, variant, version, every, tags),
which may come later or, if it was lost, never.

SQLite runs in WAL mode with ``synchronous=FULL``: a committed batch survives a power cut, so
the collector may acknowledge it to the broker. PostgreSQL goes through psycopg 3; when the
TimescaleDB extension is available, the four time tables become hypertables on ``wall`` (then
their primary key is ``(run, seq, wall)``, as TimescaleDB requires the time column in every
unique index; a message repeated is byte-identical, so it still conflicts).

::

    store = open_store("sqlite:///class.sqlite")       # or "postgresql://user@host/db"
    result = store.ingest(records)                     # decoded messages (factorylab.uplink.schema.decode)
    frame = store.frame("SELECT * FROM parts")         # pandas
"""

from __future__ import annotations

import contextlib
import datetime
import json
import math
import sqlite3
import urllib.parse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data.dataset import PART_COLUMNS
from ..data.paths import check_sqlite_header, check_writable
from ..errors import FactoryLabError

if TYPE_CHECKING:
    import pandas

#: The store used when none is given: an SQLite file in the current folder.
DEFAULT_URL = "sqlite:///datacenter.sqlite"
#: Bytes of a rejected payload kept in ``rejects`` (the rest is dropped).
EXCERPT = 300
#: Seconds to wait for PostgreSQL to answer a connection, and SQLite for another writer.
CONNECT_TIMEOUT = 5
BUSY_TIMEOUT = 10.0
#: Message kinds stored in a table of their own (``meta`` fills ``runs``).
KIND_TABLE = {"tags": "samples", "event": "events", "fault": "faults", "part": "parts"}
COMMON = (("run", "text"), ("seq", "int"), ("site", "text"), ("line", "text"), ("t", "real"), ("wall", "time"))
_PART_TEXT = {"type", "grade", "defect_cause", "destination"}
_PART_INT = {"part_id", "machine_failure", "TWF", "HDF", "PWF", "OSF", "RNF", "TBF", "inspection_ok", "defect"}
_PART_INT |= {"missorted"}
PART_NAMES = [column[0] for column in PART_COLUMNS]
#: Each time table's own columns (after :data:`COMMON`), with their logical types.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "samples": [("values", "json")],
    "events": [("kind", "text"), ("part", "int"), ("detail", "text")],
    "faults": [
        ("fault_id", "int"),
        ("label", "text"),
        ("target", "text"),
        ("state", "text"),
        ("start", "real"),
        ("end", "real"),
    ],
    "parts": [(name, "text" if name in _PART_TEXT else "int" if name in _PART_INT else "real") for name in PART_NAMES],
}
RUN_COLUMNS = (
    ("run", "text"),
    ("site", "text"),
    ("line", "text"),
    ("scenario", "text"),
    ("seed", "int"),
    ("variant", "int"),
    ("version", "text"),
    ("every", "real"),
    ("first_wall", "time"),
    ("meta", "json"),
)
_SQL_TYPES = {
    "sqlite": {"text": "TEXT", "int": "INTEGER", "real": "REAL", "json": "TEXT", "time": "TEXT"},
    "postgresql": {
        "text": "TEXT",
        "int": "BIGINT",
        "real": "DOUBLE PRECISION",
        "json": "JSONB",
        "time": "TIMESTAMPTZ",
    },
}
#: what a record the tables cannot take raises before the database sees it
_BAD_VALUE = (ValueError, TypeError, OverflowError, KeyError, AttributeError)


class StoreError(FactoryLabError):
    """The store cannot do what was asked. ``transient``: the database is away (try again later)."""

    def __init__(self, ko: str, en: str, *, transient: bool = False) -> None:
        super().__init__(ko, en)
        self.transient = transient


@dataclass
class Reject:
    """A message that could not be stored: where it came, why, and its first bytes."""

    topic: str
    reason: str
    payload: bytes
    received_at: str = ""  # UTC ISO-8601; now when empty


@dataclass
class IngestResult:
    """What one :meth:`Store.ingest` did: new rows, messages already stored, messages rejected.

    ``refused`` lists the messages the database itself refused (they are among ``rejected``).
    """

    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    refused: list[Reject] = field(default_factory=list)


def q(name: str) -> str:
    """``name`` as a quoted SQL identifier (``"values"``, ``"end"``, ``"TWF"`` keep their spelling)."""
    return '"' + name.replace('"', '""') + '"'


def utc_now() -> str:
    """Now, UTC, ISO-8601 with milliseconds and ``Z`` (the contract's ``wall`` format)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def redact(url: str) -> str:
    """``url`` with its password replaced by ``***`` (for messages and logs)."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(":" + parts.password + "@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def open_store(url: str | Store = DEFAULT_URL) -> Store:
    """Open (creating its tables if needed) the store at ``url``.

    Args:
        url: ``sqlite:///relative/path.sqlite``, ``sqlite:////absolute/path.sqlite`` (a bare
            path ending in ``.sqlite`` or ``.db`` works too) or ``postgresql://user:password@host:port/db``.
            A :class:`Store` is returned as it is.

    Raises:
        StoreError: a URL of another kind, a folder that cannot take the file, a file that is
            not a data-centre store, a database server that cannot be reached (``transient``).
    """
    if isinstance(url, Store):
        return url
    text = str(url).strip()
    scheme = text.split(":", 1)[0].lower() if "://" in text else ""
    if scheme == "sqlite":
        rest = text.split("://", 1)[1]
        if not rest.startswith("/") or rest == "/":
            raise _bad_url(text)
        return SqliteStore(Path(rest[1:]))
    if scheme in ("postgresql", "postgres"):
        return PostgresStore(text)
    if not scheme and Path(text).suffix in (".sqlite", ".sqlite3", ".db"):
        return SqliteStore(Path(text))
    raise _bad_url(text)


def _bad_url(text: str) -> StoreError:
    return StoreError(
        f"데이터베이스 주소를 알 수 없습니다: {redact(text)}. sqlite:///파일.sqlite 또는 postgresql://사용자@호스트/DB 형식으로 쓰세요.",
        f"cannot tell what database this is: {redact(text)}. Use sqlite:///file.sqlite or postgresql://user@host/db.",
    )


class Store:
    """A data-centre store: SQLite (:class:`SqliteStore`) or PostgreSQL (:class:`PostgresStore`).

    Attributes:
        kind: ``sqlite`` or ``postgresql``.
        url: the URL, its password hidden.
        hypertables: True when the time tables are TimescaleDB hypertables.
    """

    kind = ""
    hypertables = False
    _placeholder = "?"

    def __init__(self) -> None:
        self.url = ""
        self._db: Any = None

    # -- the connection ---------------------------------------------------------------------------------
    def _connect(self) -> Any:  # pragma: no cover - each store its own
        raise NotImplementedError

    def _transient(self, exc: BaseException) -> bool:  # pragma: no cover - each store its own
        raise NotImplementedError

    def _db_errors(self) -> tuple[type[BaseException], ...]:  # pragma: no cover - each store its own
        raise NotImplementedError

    def _away(self, exc: BaseException) -> StoreError:
        return StoreError(
            f"데이터베이스({self.url})를 쓸 수 없습니다: {_first_line(exc)}",
            f"the database ({self.url}) is unavailable: {_first_line(exc)}",
            transient=True,
        )

    def reconnect(self) -> None:
        """Drop the connection and open a new one (after the database came back).

        Raises:
            StoreError: still unavailable (``transient``).
        """
        self._drop()
        try:
            self._db = self._connect()
        except self._db_errors() as exc:
            self._db = None
            raise self._away(exc) from None

    def _drop(self) -> None:
        if self._db is not None:
            with contextlib.suppress(Exception):
                self._db.close()
        self._db = None

    def close(self) -> None:
        """Close the connection (committed rows are in the database)."""
        self._drop()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _sql(self, text: str) -> str:
        return text if self._placeholder == "?" else text.replace("?", self._placeholder)

    # -- reading ----------------------------------------------------------------------------------------
    def rows(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
        """Run a query (``?`` placeholders in both stores): its column names and rows.

        Raises:
            StoreError: the database is away (``transient``).
        """
        if self._db is None:
            self.reconnect()
        try:
            cursor = self._db.cursor()
            cursor.execute(self._sql(sql), tuple(params))
            names = [d[0] for d in cursor.description] if cursor.description else []
            found = cursor.fetchall()
            self._end_read()
        except self._db_errors() as exc:
            self._rollback()
            if self._transient(exc):
                self._drop()
                raise self._away(exc) from None
            raise StoreError(f"질의 실패: {_first_line(exc)}", f"query failed: {_first_line(exc)}") from None
        return names, [tuple(row) for row in found]

    def stream(self, sql: str, params: Sequence[Any] = (), size: int = 2000) -> Iterable[tuple]:
        """Rows of a query a few thousand at a time (for exports larger than memory)."""
        if self._db is None:
            self.reconnect()
        cursor = self._cursor_for_stream()
        try:
            cursor.execute(self._sql(sql), tuple(params))
            while True:
                chunk = cursor.fetchmany(size)
                if not chunk:
                    break
                yield from (tuple(row) for row in chunk)
        except self._db_errors() as exc:
            self._rollback()
            if self._transient(exc):
                self._drop()
                raise self._away(exc) from None
            raise StoreError(f"질의 실패: {_first_line(exc)}", f"query failed: {_first_line(exc)}") from None
        finally:
            with contextlib.suppress(Exception):
                cursor.close()
            self._end_read()

    def _cursor_for_stream(self) -> Any:
        return self._db.cursor()

    def _end_read(self) -> None:
        """End the read transaction (PostgreSQL opens one for every query)."""

    def frame(self, sql: str, params: Sequence[Any] = ()) -> pandas.DataFrame:
        """A query's result as a pandas DataFrame (JSON columns stay as text in SQLite, dicts in PostgreSQL)."""
        import pandas as pd

        names, found = self.rows(sql, params)
        return pd.DataFrame.from_records(found, columns=names)

    def tables(self) -> set[str]:
        """The store's tables."""
        raise NotImplementedError  # pragma: no cover

    def counts(self) -> dict[str, int]:
        """Rows in each table (runs, samples, events, faults, parts, rejects)."""
        result = {}
        for table in ("runs", *KIND_TABLE.values(), "rejects"):
            result[table] = int(self.rows(f"SELECT count(*) FROM {table}")[1][0][0])
        return result

    # -- writing ----------------------------------------------------------------------------------------
    def ingest(self, records: Iterable[dict[str, Any]], rejects: Sequence[Reject] = ()) -> IngestResult:
        """Store decoded messages (and the rejects of the same batch) in one transaction.

        A message already stored (same ``run`` and ``seq``; a ``meta`` for a run already
        described) is counted as a duplicate and changes nothing. A message the database
        refuses (a NUL character in a text, a number out of range ...) is moved to ``rejects``
        with the database's reason; the others of the batch are stored.

        Args:
            records: decoded payloads (dicts as :func:`factorylab.uplink.schema.decode` returns).
            rejects: messages found bad before, stored in ``rejects`` in the same transaction.

        Raises:
            StoreError: the database is away (``transient``: nothing of the batch was committed;
                call :meth:`reconnect` and ingest the same batch again).
        """
        records = list(records)
        rejects = list(rejects)
        if self._db is None:
            self.reconnect()
        try:
            try:
                result = self._write(records, rejects)
            except self._db_errors() + _BAD_VALUE as exc:
                self._rollback()
                if self._transient(exc):
                    raise
                result = self._write_one_by_one(records, rejects)
        except self._db_errors() as exc:
            self._rollback()
            self._drop()
            raise self._away(exc) from None
        return result

    def _write(self, records: list[dict[str, Any]], rejects: list[Reject]) -> IngestResult:
        cursor = self._db.cursor()
        self._begin(cursor)
        result = IngestResult(rejected=len(rejects))
        self._put(cursor, records, result)
        self._put_rejects(cursor, rejects)
        self._db.commit()
        return result

    def _write_one_by_one(self, records: list[dict[str, Any]], rejects: list[Reject]) -> IngestResult:
        """The batch again, each message in a savepoint: those the database refuses become rejects."""
        cursor = self._db.cursor()
        self._begin(cursor)
        result = IngestResult(rejected=len(rejects))
        refused: list[Reject] = []
        for record in records:
            cursor.execute("SAVEPOINT one")
            try:
                self._put(cursor, [record], result)
            except self._db_errors() + _BAD_VALUE as exc:
                if self._transient(exc):
                    raise
                cursor.execute("ROLLBACK TO SAVEPOINT one")
                refused.append(_refused(record, exc))
            cursor.execute("RELEASE SAVEPOINT one")
        result.rejected += len(refused)
        result.refused = refused
        self._put_rejects(cursor, rejects + refused)
        self._db.commit()
        return result

    def _begin(self, cursor: Any) -> None:
        """Open the batch's transaction."""

    def _rollback(self) -> None:
        if self._db is not None:
            with contextlib.suppress(Exception):
                self._db.rollback()

    def _put(self, cursor: Any, records: list[dict[str, Any]], result: IngestResult) -> None:
        first: dict[str, tuple] = {}
        metas = []
        rows: dict[str, list[tuple]] = {table: [] for table in COLUMNS}
        for record in records:
            run = record["run"]
            wall = self._time(record["wall"])
            if run not in first or wall < first[run][3]:
                first[run] = (run, record["site"], record["line"], wall)
            kind = record["kind"]
            if kind == "meta":
                metas.append(record)
                continue
            table = KIND_TABLE[kind]
            rows[table].append(self._row(table, record, wall))
        if first:
            cursor.executemany(
                self._sql(
                    "INSERT INTO runs (run, site, line, first_wall) VALUES (?, ?, ?, ?) ON CONFLICT (run) DO UPDATE "
                    "SET first_wall = excluded.first_wall WHERE excluded.first_wall < runs.first_wall"
                ),
                list(first.values()),
            )
        for meta in metas:
            cursor.execute(
                self._sql(
                    "INSERT INTO runs (run, site, line, scenario, seed, variant, version, every, first_wall, meta) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run) DO UPDATE SET scenario = excluded.scenario, "
                    "seed = excluded.seed, variant = excluded.variant, version = excluded.version, "
                    "every = excluded.every, meta = excluded.meta WHERE runs.meta IS NULL"
                ),
                (
                    meta["run"],
                    meta["site"],
                    meta["line"],
                    _text(meta.get("scenario")),
                    _int(meta.get("seed")),
                    _int(meta.get("variant")),
                    _text(meta.get("version")),
                    _real(meta.get("every")),
                    self._time(meta["wall"]),
                    self._json(meta),
                ),
            )
            new = max(cursor.rowcount, 0)
            result.stored += new
            result.duplicates += 1 - new
        for table, table_rows in rows.items():
            if not table_rows:
                continue
            names = [name for name, _ in COMMON] + [name for name, _ in COLUMNS[table]]
            sql = (
                f"INSERT INTO {table} ({', '.join(q(n) for n in names)}) VALUES ({', '.join('?' * len(names))}) "
                "ON CONFLICT DO NOTHING"
            )
            cursor.executemany(self._sql(sql), table_rows)
            new = max(cursor.rowcount, 0)
            result.stored += new
            result.duplicates += len(table_rows) - new

    def _row(self, table: str, record: dict[str, Any], wall: Any) -> tuple:
        head = (record["run"], int(record["seq"]), record["site"], record["line"], float(record["t"]), wall)
        if table == "samples":
            return (*head, self._json(record["values"]))
        if table == "events":
            event = record["event"]
            return (*head, _text(event.get("kind")), _int(event.get("part")), _text(event.get("detail")))
        if table == "faults":
            fault = record["fault"]
            return (
                *head,
                _int(fault.get("id")),
                _text(fault.get("label")),
                _text(fault.get("target")),
                _text(fault.get("state")),
                _real(fault.get("start")),
                _real(fault.get("end")),
            )
        part = record["part"]
        values = []
        for name, kind in COLUMNS["parts"]:
            value = part.get(name)
            values.append(_text(value) if kind == "text" else _int(value) if kind == "int" else _real(value))
        return (*head, *values)

    def _put_rejects(self, cursor: Any, rejects: list[Reject]) -> None:
        if not rejects:
            return
        now = utc_now()
        cursor.executemany(
            self._sql("INSERT INTO rejects (received_at, topic, reason, payload_excerpt) VALUES (?, ?, ?, ?)"),
            [
                (
                    self._time(r.received_at or now),
                    _clean(r.topic)[:256],
                    _clean(r.reason)[:500],
                    _clean(bytes(r.payload[:EXCERPT]).decode("utf-8", "replace")),
                )
                for r in rejects
            ],
        )

    def _time(self, wall: str) -> Any:
        return wall

    def _json(self, value: Any) -> Any:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)

    # -- the tables -------------------------------------------------------------------------------------
    def _create_sql(self, key_with_wall: bool = False) -> list[str]:
        types = _SQL_TYPES[self.kind]
        statements = [
            f"CREATE TABLE IF NOT EXISTS runs ({', '.join(f'{q(n)} {types[k]}' for n, k in RUN_COLUMNS)}, "
            "PRIMARY KEY (run))"
        ]
        key = "run, seq, wall" if key_with_wall else "run, seq"
        for table, own in COLUMNS.items():
            columns = ", ".join(
                f"{q(n)} {types[k]}{' NOT NULL' if n in ('run', 'seq', 'wall') else ''}" for n, k in (*COMMON, *own)
            )
            statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({columns}, PRIMARY KEY ({key}))")
            statements.append(f"CREATE INDEX IF NOT EXISTS {table}_line ON {table} (site, line, wall)")
        identity = (
            "INTEGER PRIMARY KEY AUTOINCREMENT"
            if self.kind == "sqlite"
            else "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
        )
        statements.append(
            f"CREATE TABLE IF NOT EXISTS rejects (id {identity}, received_at {types['time']}, topic TEXT, reason TEXT, "
            "payload_excerpt TEXT)"
        )
        return statements

    def _check_ours(self, found: dict[str, set[str]]) -> None:
        """A clear error when the database holds tables of ours' names with other columns."""
        expected = {"runs": {n for n, _ in RUN_COLUMNS}, "rejects": {"id", "received_at", "topic", "reason"}}
        for table, own in COLUMNS.items():
            expected[table] = {n for n, _ in (*COMMON, *own)}
        for table, columns in found.items():
            if table in expected and not expected[table] <= columns:
                raise StoreError(
                    f"{self.url}에 있는 '{table}' 표는 FactoryLab 데이터센터의 것이 아닙니다 (열이 다릅니다). "
                    "다른 파일이나 데이터베이스를 쓰세요.",
                    f"the table '{table}' in {self.url} is not a FactoryLab data-centre table (other columns). "
                    "Use another file or database.",
                )


class SqliteStore(Store):
    """The store in an SQLite file (WAL, ``synchronous=FULL``)."""

    kind = "sqlite"

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        if not self.path.exists():
            try:
                check_writable(self.path, "datacenter.sqlite")
            except FactoryLabError as exc:
                raise StoreError(exc.ko, exc.en) from None
        _check_header(self.path)
        try:
            self._db = self._connect()
            self._create()
        except sqlite3.Error as exc:
            self._drop()
            text = f"{getattr(exc, 'sqlite_errorname', '')} {exc}".lower()
            if "not a database" in text or "notadb" in text or "malformed" in text:
                raise _not_ours(self.path) from None
            raise StoreError(
                f"{self.path}을(를) 열 수 없습니다: {exc}", f"cannot open {self.path}: {exc}", transient=True
            ) from None
        except BaseException:
            self._drop()
            raise

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")  # an acknowledged message must survive a power cut
        return db

    def _create(self) -> None:
        found = {name: {row[1] for row in self._db.execute(f"PRAGMA table_info({q(name)})")} for name in self.tables()}
        self._check_ours(found)
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for statement in self._create_sql():
                self._db.execute(statement)
            self._db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def tables(self) -> set[str]:
        names, found = self.rows("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row[0] for row in found} - {"sqlite_sequence"}

    def _begin(self, cursor: Any) -> None:
        cursor.execute("BEGIN IMMEDIATE")

    def _rollback(self) -> None:
        if self._db is not None and self._db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")

    def _db_errors(self) -> tuple[type[BaseException], ...]:
        return (sqlite3.Error,)

    def _transient(self, exc: BaseException) -> bool:
        # locked, busy, disk full, I/O error: wait and try again; a bad value is the message's fault
        return isinstance(exc, sqlite3.OperationalError)

    def _away(self, exc: BaseException) -> StoreError:
        text = f"{getattr(exc, 'sqlite_errorname', '')} {exc}".lower()
        if "full" in text:
            ko, en = "디스크가 가득 찼습니다", "the disk is full"
        elif "locked" in text or "busy" in text:
            ko, en = "다른 프로그램이 파일을 잠그고 있습니다", "another program holds the file locked"
        elif "readonly" in text:
            ko, en = "파일이나 폴더가 읽기 전용입니다", "the file or its folder is read-only"
        else:
            ko = en = _first_line(exc)
        return StoreError(f"{self.path}에 쓸 수 없습니다: {ko}", f"cannot write into {self.path}: {en}", transient=True)


class PostgresStore(Store):
    """The store in PostgreSQL (psycopg 3); TimescaleDB hypertables when the extension is available."""

    kind = "postgresql"
    _placeholder = "%s"

    def __init__(self, url: str) -> None:
        super().__init__()
        self._raw_url = url
        self.url = redact(url)
        try:
            import psycopg  # noqa: F401
        except ImportError:  # pragma: no cover - installed with factorylab
            raise StoreError(
                'PostgreSQL에 쓰려면 psycopg가 필요합니다: pip install "factorylab[datacenter]"',
                'PostgreSQL needs psycopg: pip install "factorylab[datacenter]"',
            ) from None
        try:
            self._db = self._connect()
            self._create()
        except self._db_errors() as exc:
            self._drop()
            if self._transient(exc):
                raise self._away(exc) from None
            raise StoreError(
                f"{self.url}에 표를 만들 수 없습니다: {_first_line(exc)}",
                f"cannot create the tables in {self.url}: {_first_line(exc)}",
            ) from None

    def _connect(self) -> Any:
        import psycopg

        try:
            return psycopg.connect(self._raw_url, connect_timeout=CONNECT_TIMEOUT, autocommit=False)
        except psycopg.ProgrammingError as exc:  # a malformed URL
            raise StoreError(
                f"PostgreSQL 주소가 잘못되었습니다: {self.url} ({_first_line(exc)})",
                f"a malformed PostgreSQL URL: {self.url} ({_first_line(exc)})",
            ) from None

    def _db_errors(self) -> tuple[type[BaseException], ...]:
        import psycopg

        return (psycopg.Error,)

    def _transient(self, exc: BaseException) -> bool:
        import psycopg

        return isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError))

    def _end_read(self) -> None:
        self._rollback()

    def _cursor_for_stream(self) -> Any:
        return self._db.cursor(name="factorylab_export")  # a server-side cursor: rows come a chunk at a time

    def _time(self, wall: str) -> Any:
        return datetime.datetime.fromisoformat(wall.replace("Z", "+00:00"))

    def _json(self, value: Any) -> Any:
        from psycopg.types.json import Jsonb

        json.dumps(value, allow_nan=False)  # JSONB takes no NaN: a ValueError makes it a reject
        return Jsonb(value)

    def tables(self) -> set[str]:
        names, found = self.rows(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
        return {row[0] for row in found}

    def _create(self) -> None:
        import psycopg

        existing = self.tables()
        found: dict[str, set[str]] = {}
        for table in existing:
            found[table] = {
                row[0]
                for row in self.rows(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                    "AND table_name = ?",
                    (table,),
                )[1]
            }
        self._check_ours(found)
        db = self._db
        timescale = False
        if db.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'").fetchone():
            try:
                db.execute("CREATE EXTENSION IF NOT EXISTS timescaledb")
                db.commit()
                timescale = True
            except psycopg.Error:  # available but not loadable (shared_preload_libraries): plain tables
                db.rollback()
        else:
            db.rollback()
        new = "samples" not in existing
        for statement in self._create_sql(key_with_wall=timescale and new):
            db.execute(statement)
        if timescale and new:  # tables made before the extension keep their key (run, seq): plain tables
            for table in COLUMNS:
                db.execute(
                    "SELECT create_hypertable(%s, 'wall', if_not_exists => TRUE, migrate_data => TRUE)", (table,)
                )
        db.commit()
        self.hypertables = timescale and self._are_hypertables()

    def _are_hypertables(self) -> bool:
        try:
            names, found = self.rows(
                "SELECT hypertable_name FROM timescaledb_information.hypertables WHERE hypertable_schema = current_schema()"
            )
        except StoreError:
            return False
        return set(COLUMNS) <= {row[0] for row in found}


def _refused(record: dict[str, Any], exc: BaseException) -> Reject:
    topic = f"factorylab/v1/{record.get('site')}/{record.get('line')}/{record.get('kind')}"
    try:
        payload = json.dumps(record, ensure_ascii=False, default=str).encode("utf-8", "replace")
    except ValueError:
        payload = repr(record).encode("utf-8", "replace")
    return Reject(topic, f"the database refused it: {_first_line(exc)}", payload)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def _clean(text: str) -> str:
    """Text any database takes (no NUL)."""
    return text.replace("\x00", "\\0")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _int(value: Any) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    raise ValueError(f"not an integer: {value!r}")


def _real(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    raise ValueError(f"not a number: {value!r}")


def _not_ours(path: Path) -> StoreError:
    return StoreError(
        f"{path} 파일은 FactoryLab 데이터센터 파일(SQLite)이 아닙니다. 파일 이름을 확인하거나 다른 이름을 쓰세요.",
        f"{path} is not a FactoryLab data-centre file (SQLite). Check the name or use another one.",
    )


def _check_header(path: Path) -> None:
    check_sqlite_header(path, _not_ours, StoreError, folder_example="datacenter.sqlite")
