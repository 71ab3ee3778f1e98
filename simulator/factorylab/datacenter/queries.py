"""The class's questions to the data centre, answered as pandas tables.

::

    from factorylab.datacenter import queries
    db = "sqlite:///class.sqlite"
    queries.lines(db)                  # every line that sent something: runs, messages, first and last
    queries.oee_by_line_day(db)        # OEE and its parts as each line reports them, per line, run and day
    queries.defects_by_line_day(db)    # finished parts, good, defects by cause, per line and day
    queries.failures_by_line_day(db)   # CNC failures by mode and faults, per line and day
    queries.compare(db)                # one row per line and day: what the page and `report` show
    queries.parts(db, line="line-07")  # every finished part (the dataset's columns) to train a model on
    queries.samples(db)                # every tag sample, one column per tag (the class's own analysis)

``db`` is a store URL or an open :class:`~factorylab.datacenter.store.Store`. A **day** is a
calendar day of the wall clock (when the simulator made the message) in ``tz``: the computer's
own time zone unless told (``tz="Asia/Seoul"``, ``tz="UTC"``). Times come back as pandas
timestamps in UTC (``wall``), simulated times in seconds (``t``).
"""

from __future__ import annotations

import contextlib
import datetime
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..data.dataset import PART_COLUMNS
from ..errors import FactoryLabError
from .store import KIND_TABLE, Store, open_store

if TYPE_CHECKING:
    import pandas

#: The production.* tags whose value at a day's last sample :func:`oee_by_line_day` reports, and their columns.
OEE_TAGS = {
    "production.availability": "availability",
    "production.performance": "performance",
    "production.quality": "quality",
    "production.oee": "oee",
    "production.parts_out": "parts_out",
    "production.parts_good": "parts_good",
    "production.parts_rejected": "parts_rejected",
}
DEFECT_CAUSES = ("machining", "dimension", "overheated", "soft")
FAILURE_MODES = ("TWF", "HDF", "PWF", "OSF", "RNF", "TBF")
LINE = ["site", "line"]


@contextlib.contextmanager
def opened(db: str | Store) -> Iterator[Store]:
    """``db`` as an open store (a Store as it is; a URL opened here and closed after)."""
    if isinstance(db, Store):
        yield db
        return
    store = open_store(db)
    try:
        yield store
    finally:
        store.close()


def timezone(tz: str | datetime.tzinfo | None) -> datetime.tzinfo:
    """``tz`` as a tzinfo: None is this computer's own time zone; a name (``Asia/Seoul``, ``UTC``) is looked up."""
    if tz is None:
        local = datetime.datetime.now().astimezone().tzinfo
        assert local is not None
        return local
    if isinstance(tz, str):
        from zoneinfo import ZoneInfo

        if tz.upper() == "UTC":
            return datetime.timezone.utc
        try:
            return ZoneInfo(tz)
        except (KeyError, ValueError):  # ZoneInfoNotFoundError is a KeyError; a malformed name a ValueError
            raise FactoryLabError(
                f"시간대를 알 수 없습니다: {tz} (예: Asia/Seoul, UTC)",
                f"unknown time zone: {tz} (e.g. Asia/Seoul, UTC)",
            ) from None
    return tz


def _walls(frame: pandas.DataFrame) -> pandas.DataFrame:
    """``wall`` as UTC timestamps (SQLite stores text, PostgreSQL timestamptz)."""
    import pandas as pd

    if "wall" in frame and len(frame):
        frame["wall"] = pd.to_datetime(frame["wall"], utc=True, format="ISO8601")
    elif "wall" in frame:
        frame["wall"] = pd.to_datetime(frame["wall"], utc=True)
    return frame


def _days(frame: pandas.DataFrame, tz: str | datetime.tzinfo | None) -> pandas.DataFrame:
    """Add ``day`` (``YYYY-MM-DD`` in ``tz``) from ``wall``."""
    import pandas as pd

    _walls(frame)
    zone = timezone(tz)
    if len(frame):
        frame["day"] = frame["wall"].dt.tz_convert(zone).dt.strftime("%Y-%m-%d")
    else:
        frame["day"] = pd.Series(dtype="object")
        for name in LINE:
            if name in frame:
                frame[name] = frame[name].astype("object")
    return frame


def lines(db: str | Store) -> pandas.DataFrame:
    """Every line that sent something, one row each.

    Columns: ``site``, ``line``, ``runs`` (simulator runs), ``samples``, ``events``,
    ``faults``, ``parts`` (messages of each kind stored), ``first_wall`` and ``last_wall``
    (UTC: the first and last message).
    """
    import pandas as pd

    with opened(db) as store:
        result = store.frame(
            "SELECT site, line, count(*) AS runs, min(first_wall) AS first_wall FROM runs GROUP BY site, line"
        )
        result = _walls(result.rename(columns={"first_wall": "wall"})).rename(columns={"wall": "first_wall"})
        last = None
        for table in KIND_TABLE.values():
            counted = store.frame(
                f"SELECT site, line, count(*) AS n, max(wall) AS wall FROM {table} GROUP BY site, line"
            )
            counted = _walls(counted).rename(columns={"n": table})
            result = result.merge(counted[[*LINE, table]], on=LINE, how="left")
            last = counted[[*LINE, "wall"]] if last is None else pd.concat([last, counted[[*LINE, "wall"]]])
    for table in KIND_TABLE.values():
        result[table] = result[table].fillna(0).astype("int64")
    if last is not None and len(last):
        result = result.merge(last.groupby(LINE, as_index=False)["wall"].max(), on=LINE, how="left")
    else:
        result["wall"] = pd.NaT
    result = result.rename(columns={"wall": "last_wall"})
    columns = [*LINE, "runs", *KIND_TABLE.values(), "first_wall", "last_wall"]
    return result[columns].sort_values(LINE, ignore_index=True)


def _values(raw: Any) -> dict[str, Any]:
    return raw if isinstance(raw, dict) else json.loads(raw)


def oee_by_line_day(db: str | Store, tz: str | datetime.tzinfo | None = None) -> pandas.DataFrame:
    """OEE as each line reports it: the production.* values of each run's last sample of each day.

    The line counts OEE from its own start (``production.oee`` is "so far"), so the value at a
    day's last sample is that run's OEE up to then; a run that spans midnight has a row per day.

    Columns: ``site``, ``line``, ``day``, ``run``, ``wall`` (of that sample, UTC), ``t`` (s),
    ``availability``, ``performance``, ``quality``, ``oee`` (%), ``parts_out``, ``parts_good``,
    ``parts_rejected`` (pcs, since the run started); NaN where the line did not send that tag.
    """
    import pandas as pd

    columns = [*LINE, "day", "run", "wall", "t", *OEE_TAGS.values()]
    with opened(db) as store:
        samples = _days(store.frame("SELECT run, seq, site, line, t, wall FROM samples"), tz)
        if not len(samples):
            return pd.DataFrame(columns=columns)
        last = samples.sort_values(["wall", "seq"]).groupby([*LINE, "run", "day"], as_index=False).tail(1)
        rows = []
        for row in last.itertuples(index=False):
            found = store.rows('SELECT "values" FROM samples WHERE run = ? AND seq = ?', (row.run, int(row.seq)))[1]
            values = _values(found[0][0]) if found else {}
            rows.append({name: values.get(tag) for tag, name in OEE_TAGS.items()})
    result = pd.concat([last.reset_index(drop=True), pd.DataFrame(rows, columns=list(OEE_TAGS.values()))], axis=1)
    for name in OEE_TAGS.values():
        result[name] = pd.to_numeric(result[name], errors="coerce")
    return result[columns].sort_values([*LINE, "day", "wall"], ignore_index=True)


def defects_by_line_day(db: str | Store, tz: str | datetime.tzinfo | None = None) -> pandas.DataFrame:
    """Finished parts per line and day (of the ``part`` messages' wall time).

    Columns: ``site``, ``line``, ``day``, ``parts`` (finished), ``good``, ``defects``,
    ``defect_rate`` (defects / parts), one column per first defect cause (``machining``,
    ``dimension``, ``overheated``, ``soft``), ``rejected`` (pushed into the reject bin) and
    ``missorted`` (a defect shipped or a good part rejected).
    """
    import pandas as pd

    columns = [*LINE, "day", "parts", "good", "defects", "defect_rate", *DEFECT_CAUSES, "rejected", "missorted"]
    with opened(db) as store:
        parts = _days(
            store.frame("SELECT site, line, wall, defect, defect_cause, destination, missorted FROM parts"), tz
        )
    if not len(parts):
        return pd.DataFrame(columns=columns)
    parts["defect"] = pd.to_numeric(parts["defect"], errors="coerce").fillna(0).astype("int64")
    parts["good"] = 1 - parts["defect"]
    parts["rejected"] = (parts["destination"] == "reject_bin").astype("int64")
    parts["missorted"] = pd.to_numeric(parts["missorted"], errors="coerce").fillna(0).astype("int64")
    for cause in DEFECT_CAUSES:
        parts[cause] = ((parts["defect"] == 1) & (parts["defect_cause"] == cause)).astype("int64")
    grouped = parts.groupby([*LINE, "day"], as_index=False).agg(
        parts=("defect", "size"),
        good=("good", "sum"),
        defects=("defect", "sum"),
        **{cause: (cause, "sum") for cause in DEFECT_CAUSES},
        rejected=("rejected", "sum"),
        missorted=("missorted", "sum"),
    )
    grouped["defect_rate"] = grouped["defects"] / grouped["parts"]
    return grouped[columns].sort_values([*LINE, "day"], ignore_index=True)


def failures_by_line_day(db: str | Store, tz: str | datetime.tzinfo | None = None) -> pandas.DataFrame:
    """CNC failures and faults per line and day.

    Columns: ``site``, ``line``, ``day``, ``cnc_failures`` (finished parts the CNC failed on,
    ``machine_failure`` = 1), one column per failure mode (``TWF`` ... ``TBF``: parts with that
    mode), ``faults`` (faults that began to act that day, from the ``fault`` messages with state
    ``start``) and ``fault_labels`` (how many of each: ``jam 2, bearing_wear 1``).
    """
    import pandas as pd

    columns = [*LINE, "day", "cnc_failures", *FAILURE_MODES, "faults", "fault_labels"]
    with opened(db) as store:
        modes = ", ".join(f'"{mode}"' for mode in FAILURE_MODES)
        parts = _days(store.frame(f"SELECT site, line, wall, machine_failure, {modes} FROM parts"), tz)
        faults = _days(store.frame("SELECT site, line, wall, label FROM faults WHERE state = 'start'"), tz)
    for name in ("machine_failure", *FAILURE_MODES):
        parts[name] = pd.to_numeric(parts[name], errors="coerce").fillna(0).astype("int64")
    failed = parts.groupby([*LINE, "day"], as_index=False).agg(
        cnc_failures=("machine_failure", "sum"), **{mode: (mode, "sum") for mode in FAILURE_MODES}
    )
    if len(faults):
        counted = faults.groupby([*LINE, "day"], as_index=False).agg(
            faults=("label", "size"),
            fault_labels=("label", lambda labels: ", ".join(f"{k} {v}" for k, v in labels.value_counts().items())),
        )
    else:
        counted = pd.DataFrame(columns=[*LINE, "day", "faults", "fault_labels"])
    result = failed.merge(counted, on=[*LINE, "day"], how="outer")
    if not len(result):
        return pd.DataFrame(columns=columns)
    for name in ("cnc_failures", *FAILURE_MODES, "faults"):
        result[name] = pd.to_numeric(result[name], errors="coerce").fillna(0).astype("int64")
    result["fault_labels"] = result["fault_labels"].fillna("")
    return result[columns].sort_values([*LINE, "day"], ignore_index=True)


def compare(db: str | Store, tz: str | datetime.tzinfo | None = None) -> pandas.DataFrame:
    """One row per line and day: what ``factorylab datacenter report`` and the page show.

    Columns: ``site``, ``line``, ``day``, ``availability``, ``performance``, ``quality``,
    ``oee`` (%, the line's own figures at its last sample that day: of the day's last run
    when a line ran more than once), ``runs`` (runs that sent samples that day), ``parts``,
    ``good``, ``defects``, ``defect_rate`` (finished parts that day), ``cnc_failures``, ``faults``.
    """
    import pandas as pd

    with opened(db) as store:
        oee = oee_by_line_day(store, tz)
        defects = defects_by_line_day(store, tz)
        failures = failures_by_line_day(store, tz)
    keys = [*LINE, "day"]
    if len(oee):
        runs = oee.groupby(keys, as_index=False)["run"].nunique().rename(columns={"run": "runs"})
        latest = oee.sort_values("wall").groupby(keys, as_index=False).tail(1)
        latest = latest[[*keys, "availability", "performance", "quality", "oee"]].merge(runs, on=keys)
    else:
        latest = pd.DataFrame(columns=[*keys, "availability", "performance", "quality", "oee", "runs"])
    result = latest.merge(defects[[*keys, "parts", "good", "defects", "defect_rate"]], on=keys, how="outer").merge(
        failures[[*keys, "cnc_failures", "faults"]], on=keys, how="outer"
    )
    for name in ("runs", "parts", "good", "defects", "cnc_failures", "faults"):
        result[name] = pd.to_numeric(result[name], errors="coerce").fillna(0).astype("int64")
    for name in ("availability", "performance", "quality", "oee", "defect_rate"):
        result[name] = pd.to_numeric(result[name], errors="coerce")
    columns = [*keys, "availability", "performance", "quality", "oee", "runs", "parts", "good", "defects"]
    columns += ["defect_rate", "cnc_failures", "faults"]
    return result[columns].sort_values(keys, ignore_index=True)


def parts(db: str | Store, line: str | None = None, *, site: str | None = None) -> pandas.DataFrame:
    """Every finished part the lines sent (all lines pooled, or one ``line`` / ``site``), to train a model on.

    Columns: ``site``, ``line``, ``run``, ``seq``, ``t`` (s), ``wall`` (UTC), then the columns
    of ``factorylab dataset``'s parts file (:data:`factorylab.data.dataset.PART_COLUMNS`, same
    names and units). ``attrs["columns"]`` maps each of those to ``(unit, English, Korean)``,
    as :func:`factorylab.data.shift` does.
    """
    where, params = [], []
    if line is not None:
        where.append("line = ?")
        params.append(line)
    if site is not None:
        where.append("site = ?")
        params.append(site)
    names = ", ".join(f'"{name}"' for name, *_ in PART_COLUMNS)
    sql = f"SELECT site, line, run, seq, t, wall, {names} FROM parts"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY site, line, wall, seq"
    with opened(db) as store:
        result = _walls(store.frame(sql, params))
    if not len(result):
        import pandas as pd

        result = pd.DataFrame(columns=["site", "line", "run", "seq", "t", "wall", *(c[0] for c in PART_COLUMNS)])
    result.attrs["columns"] = {name: (unit, en, ko) for name, unit, en, ko in PART_COLUMNS}
    return result


def samples(db: str | Store, line: str | None = None, *, site: str | None = None) -> pandas.DataFrame:
    """Every tag sample the lines sent (all lines, or one ``line`` / ``site``), one row each.

    Columns: ``site``, ``line``, ``run``, ``seq``, ``t`` (simulated s), ``wall`` (UTC), then one
    column per tag the samples carry (``production.oee`` ...; NaN where a sample lacks it). Rows in
    time order (``wall``), the lines interleaved as the data centre received them; the
    ``production.*`` values are each line's figures *so far* (since its start).
    """
    import pandas as pd

    where, params = [], []
    if line is not None:
        where.append("line = ?")
        params.append(line)
    if site is not None:
        where.append("site = ?")
        params.append(site)
    sql = 'SELECT site, line, run, seq, t, wall, "values" FROM samples'
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY wall, site, line, seq"
    with opened(db) as store:
        frame = store.frame(sql, params)
    values = pd.DataFrame([_values(raw) for raw in frame.pop("values")], index=frame.index)
    return pd.concat([_walls(frame), values], axis=1)
