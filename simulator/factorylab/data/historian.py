"""The historian: tag values over time in an SQLite file, loaded as pandas DataFrames.

The file has two tables: ``meta`` (key, value: scenario, seed, tags, units,
...) and ``samples`` (``t`` in simulated seconds, then one column per tag).
It runs in WAL mode and commits at least once a second of wall-clock time,
so a recorder killed outright (even with SIGKILL) loses at most the last
second, and the file stays readable.

::

    from factorylab import data
    frame = data.load("shift.sqlite")       # index t, one column per tag
    data.export("shift.sqlite", "shift.parquet")   # or .csv
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import FactoryLabError
from ..tags import Tag

COMMIT_EVERY = 0.5  # s of wall-clock time between commits (the most a crash can lose)


class Historian:
    """Records chosen tags into an SQLite file.

    Args:
        path: the file. A new file is created; an existing one recorded with
            the same tags is appended to (another run of the same study); one
            with other tags is refused rather than mixed.
        tags: what to record.
        meta: extra facts stored with the data (scenario, seed, ...).
    """

    def __init__(self, path: str | Path, tags: Sequence[Tag], meta: dict[str, Any] | None = None) -> None:
        self.path = Path(path)
        self.tags = list(tags)
        if not self.tags:
            raise FactoryLabError("기록할 태그를 하나 이상 고르세요", "choose at least one tag to record")
        names = [tag.name for tag in self.tags]
        self._db = sqlite3.connect(self.path, isolation_level=None)  # we manage transactions
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        existing = {row[1] for row in self._db.execute("PRAGMA table_info(samples)")}
        if existing and existing != {"t", *names}:
            self._db.close()
            raise FactoryLabError(
                f"{self.path} 에는 이미 다른 태그들이 기록되어 있습니다. 다른 파일 이름을 쓰세요.",
                f"{self.path} already holds other tags. Record into another file.",
            )
        if not existing:
            columns = ", ".join(f'"{name}" {_sql_type(tag)}' for name, tag in zip(names, self.tags, strict=True))
            self._db.execute("CREATE TABLE samples (t REAL NOT NULL, " + columns + ")")
            self._db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            facts = {
                "tags": json.dumps(
                    [{"name": t.name, "type": t.type, "unit": t.unit, "description_en": t.description_en,
                      "description_ko": t.description_ko} for t in self.tags],
                    ensure_ascii=False,
                ),
                **{key: json.dumps(value, ensure_ascii=False) for key, value in (meta or {}).items()},
            }  # fmt: skip
            self._db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(facts.items()))
        placeholders = ", ".join("?" for _ in range(len(names) + 1))
        self._insert = f"INSERT INTO samples VALUES ({placeholders})"
        self._pending: list[tuple] = []
        self._last_commit = time.monotonic()

    def record(self, t: float, values: Sequence[Any]) -> None:
        """Add one row: time ``t`` (s) and the tags' values in order."""
        self._pending.append((t, *values))
        if time.monotonic() - self._last_commit >= COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        """Write the rows so far to the file."""
        if self._pending:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany(self._insert, self._pending)
            self._pending = []
        self._last_commit = time.monotonic()

    def close(self) -> None:
        """Commit and close the file."""
        if self._db is not None:
            self.commit()
            self._db.close()
            self._db = None  # type: ignore[assignment]

    def __enter__(self) -> Historian:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _sql_type(tag: Tag) -> str:
    if tag.type == "bool":
        return "INTEGER"
    return "REAL" if tag.value_type is float else "INTEGER"


def load(path: str | Path):
    """A historian file as a pandas DataFrame (index ``t``, a column per tag).

    ``frame.attrs`` holds the file's metadata (scenario, seed, units ...).
    """
    import pandas as pd

    path = Path(path)
    if not path.exists():
        raise FactoryLabError(f"{path} 파일이 없습니다", f"there is no file {path}")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        frame = pd.read_sql_query("SELECT * FROM samples ORDER BY rowid", db, index_col="t")
        meta = {key: json.loads(value) for key, value in db.execute("SELECT key, value FROM meta")}
    except (sqlite3.DatabaseError, pd.errors.DatabaseError) as exc:
        raise FactoryLabError(
            f"{path} 는 FactoryLab 기록 파일이 아닙니다 ({exc})", f"{path} is not a FactoryLab history file ({exc})"
        ) from None
    finally:
        db.close()
    for tag in meta.get("tags", []):
        if tag.get("type") == "bool" and tag["name"] in frame:
            frame[tag["name"]] = frame[tag["name"]].astype(bool)
    frame.attrs.update(meta)
    return frame


def export(path: str | Path, out: str | Path) -> Path:
    """Write a historian file as CSV or Parquet (chosen by ``out``'s suffix)."""
    out = Path(out)
    frame = load(path)
    frame.attrs = {}
    if out.suffix == ".csv":
        frame.to_csv(out)
    elif out.suffix == ".parquet":
        frame.to_parquet(out)
    else:
        raise FactoryLabError(
            f"{out.name}: .csv 또는 .parquet 로 끝나는 파일 이름을 쓰세요",
            f"{out.name}: use a file name ending in .csv or .parquet",
        )
    return out
