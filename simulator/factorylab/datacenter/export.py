"""Open data out of the data centre: the lines' records as CSV (or Parquet) with a JSON sidecar.

``factorylab datacenter export --db sqlite:///class.sqlite --out class-data`` writes into
``class-data/``:

* ``parts.csv``: one row per finished part: the columns of ``factorylab dataset``'s parts
  file (:data:`factorylab.data.dataset.PART_COLUMNS`, AI4I 2020 names at the CNC);
* ``samples.csv``: one row per tag sample, *wide*: one column per tag (``production.oee``,
  ``conveyor1.current`` ...), empty where a line did not send that tag;
* ``events.csv``: what happened on the lines (a part fed, out, rejected, a safety trip ...);
* ``faults.csv``: each fault when it began to act and when it ended (the ground truth);
* ``dataset.json``: the sidecar: every column of every file (unit, meaning in English and
  Korean), the generating parameters of every run (scenario, seed, variant, factorylab
  version, sample period), the lines' ids, the licence (CC BY 4.0) and the layout.

Every file begins with the same columns: ``run``, ``site``, ``line``, ``seq``, ``t`` (simulated
s since the run started) and ``wall`` (UTC). With ``anonymise`` (the default) the sites, lines
and runs get ids by order of first appearance (``site-1``, ``line-A``, ``run-1`` ...): stable
within one export, meaningless outside it (nothing in the files or the sidecar leads back to a
school's or a student's name; a later export may number them otherwise).
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import json
import math
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .. import __version__
from ..data.dataset import LICENCE, LICENCE_URL, PART_COLUMNS
from ..data.paths import check_writable, write_problem
from ..errors import FactoryLabError
from .store import COLUMNS, Store, open_store, utc_now

FORMATS = ("csv", "parquet")
FILES = ("parts", "samples", "events", "faults")
SIDECAR = "dataset.json"

#: (name, unit, English, Korean) of the columns every file begins with
COMMON_COLUMNS: list[tuple[str, str, str, str]] = [
    ("run", "", "The simulator run (a line from one start to its stop); see the sidecar's runs",
     "시뮬레이터 실행 (라인을 한 번 켜서 끌 때까지); 사이드카의 runs 참고"),
    ("site", "", "The site (a school, a computer room) the line belongs to", "라인이 속한 곳 (학교, 실습실)"),
    ("line", "", "The production line", "생산 라인"),
    ("seq", "", "The message's number in its run (all kinds share it: the order the line made them)",
     "실행 안에서 메시지 번호 (모든 종류가 함께 씀: 라인이 만든 순서)"),
    ("t", "s", "Simulated time since the run started", "실행 시작부터의 시뮬레이션 시각"),
    ("wall", "", "When the line made the record: UTC, ISO 8601", "라인이 기록을 만든 때: UTC, ISO 8601"),
]  # fmt: skip
EVENT_COLUMNS: list[tuple[str, str, str, str]] = [
    ("kind", "", "What happened: part_fed, part_at, part_out, part_rejected, missorted, jam, fault_start, "
     "fault_end, overload_trip, safety_trip, safety_reset, order_complete", "일어난 일: part_fed(공급), part_at(도착), "
     "part_out(출하), part_rejected(불량함), missorted(오분류), jam(막힘), fault_start/fault_end(고장 시작/끝), "
     "overload_trip(과부하), safety_trip/safety_reset(안전 정지/복귀), order_complete(주문 완료)"),
    ("part", "", "The part's number, if a part is concerned", "관련된 부품 번호 (있으면)"),
    ("detail", "", "More about it (where, which type, which fault ...)", "자세한 내용 (장소, 형식, 고장 ...)"),
]  # fmt: skip
FAULT_COLUMNS: list[tuple[str, str, str, str]] = [
    ("fault_id", "", "The fault's number in its run", "실행 안에서 고장 번호"),
    ("label", "", "The fault: jam, bearing_wear, heater_degradation, sensor_stuck_on, sensor_stuck_off, "
     "analog_drift, valve_stuck, tool_breakage", "고장 종류: jam(막힘), bearing_wear(베어링 마모), heater_degradation(히터 "
     "열화), sensor_stuck_on/off(센서 고착), analog_drift(아날로그 드리프트), valve_stuck(밸브 고착), tool_breakage(공구 파손)"),
    ("target", "", "The device it acts on", "고장이 작용하는 장치"),
    ("state", "", "start: it began to act (a jam: when it caught a part); end: it ended",
     "start: 작용하기 시작함 (막힘은 부품이 걸린 때); end: 끝남"),
    ("start", "s", "Simulated time it began to act", "작용하기 시작한 시뮬레이션 시각"),
    ("end", "s", "Simulated time it ended (empty while it lasted)", "끝난 시뮬레이션 시각 (진행 중이면 빈칸)"),
]  # fmt: skip

T: dict[str, tuple[str, str]] = {
    "format": (
        "형식은 csv 또는 parquet입니다 (입력: {value})",
        "the format is csv or parquet (got {value})",
    ),
    "no_pyarrow": (
        'Parquet으로 쓰려면 pyarrow가 필요합니다: pip install "factorylab[parquet]" (또는 --format csv)',
        'Parquet needs pyarrow: pip install "factorylab[parquet]" (or use --format csv)',
    ),
    "not_folder": (
        "{path}는 폴더가 아니라 파일입니다. 내보낼 폴더 이름을 쓰세요.",
        "{path} is a file, not a folder. Give a folder to export into.",
    ),
}


def _error(key: str, **values: Any) -> FactoryLabError:
    ko, en = T[key]
    return FactoryLabError(ko.format(**values), en.format(**values))


def export(
    store_url: str | Store,
    out_dir: str | Path,
    *,
    format: str = "csv",  # noqa: A002 - the option's own name
    anonymise: bool = True,
) -> list[Path]:
    """Write the store's records as an open dataset into ``out_dir`` (made if missing).

    Args:
        store_url: a store URL (``sqlite:///class.sqlite``, ``postgresql://...``) or a :class:`Store`.
        out_dir: the folder for ``parts``, ``samples``, ``events``, ``faults`` and ``dataset.json``
            (files of the same names there are replaced).
        format: ``csv`` or ``parquet`` (Parquet needs pyarrow: ``pip install "factorylab[parquet]"``).
        anonymise: give sites, lines and runs ids of their own (``site-1``, ``line-A``, ``run-1``)
            instead of their names.

    Returns:
        The files written (the sidecar last).

    Raises:
        FactoryLabError: a wrong format, no pyarrow for Parquet, a folder that cannot take the files,
            a store that cannot be read.
    """
    if format not in FORMATS:
        raise _error("format", value=format)
    if format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise _error("no_pyarrow") from None
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise _error("not_folder", path=out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_problem(out, exc) from None
    check_writable(out / f"parts.{format}", f"parts.{format}")
    owned = not isinstance(store_url, Store)
    store = open_store(store_url)
    try:
        return _export(store, out, format, anonymise)
    finally:
        if owned:
            store.close()


class _Names:
    """Ids for sites, lines and runs: their own, or ``site-1``, ``line-A``, ``run-1`` by first appearance."""

    def __init__(self, runs: list[tuple], anonymise: bool) -> None:
        self.anonymise = anonymise
        self.sites: dict[str, str] = {}
        self.lines: dict[tuple[str, str], str] = {}
        self.runs: dict[str, str] = {}
        for run, site, line, *_ in runs:  # ordered by their first message
            self.sites.setdefault(site, f"site-{len(self.sites) + 1}")
            self.lines.setdefault((site, line), f"line-{_letters(len(self.lines))}")
            self.runs.setdefault(run, f"run-{len(self.runs) + 1}")

    def ids(self, run: str, site: str, line: str) -> tuple[str, str, str]:
        if not self.anonymise:
            return run, site, line
        return self.runs[run], self.sites[site], self.lines[(site, line)]


def _letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA ... (spreadsheet columns)."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def _wall(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        value = value.astimezone(datetime.timezone.utc)
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    return "" if value is None else str(value)


def _cell(value: Any) -> str:
    """Text for one CSV cell (empty for a value that does not exist)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return repr(value)
    return str(value)


def _export(store: Store, out: Path, format: str, anonymise: bool) -> list[Path]:  # noqa: A002
    run_rows = store.rows(
        "SELECT run, site, line, scenario, seed, variant, version, every, first_wall, meta FROM runs "
        "ORDER BY first_wall, run"
    )[1]
    names = _Names(run_rows, anonymise)
    tag_info = _tag_info(store, run_rows)
    tag_names = list(tag_info)
    common = [c[0] for c in COMMON_COLUMNS]
    specs = {
        "parts": (COMMON_COLUMNS + PART_COLUMNS, [c[0] for c in PART_COLUMNS]),
        "samples": (COMMON_COLUMNS + [(n, *tag_info[n]) for n in tag_names], None),
        "events": (COMMON_COLUMNS + EVENT_COLUMNS, ["kind", "part", "detail"]),
        "faults": (COMMON_COLUMNS + FAULT_COLUMNS, [name for name, _ in COLUMNS["faults"]]),
    }
    written: list[Path] = []
    counts: dict[str, int] = {}
    temporary: list[Path] = []
    try:
        for table in FILES:
            columns, own = specs[table]
            if table == "samples":
                sql = 'SELECT run, site, line, seq, t, wall, "values" FROM samples ORDER BY wall, run, seq'
            else:
                listed = ", ".join(f'"{name}"' for name in own)
                sql = f"SELECT run, site, line, seq, t, wall, {listed} FROM {table} ORDER BY wall, run, seq"
            rows = _rows(store.stream(sql), names, tag_names if table == "samples" else None)
            path = out / f"{table}.{format}"
            part = path.with_name(f".{path.name}.{os.getpid()}.part")
            temporary.append(part)
            header = [c[0] for c in columns]
            counts[table] = _write(part, header, rows, format)
            written.append(path)
        sidecar = out / SIDECAR
        description = _describe(store, run_rows, names, specs, counts, format, anonymise, common)
        part = sidecar.with_name(f".{SIDECAR}.{os.getpid()}.part")
        temporary.append(part)
        with open(part, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(description, ensure_ascii=False, indent=2) + "\n")
        written.append(sidecar)
        for path in written:
            os.replace(path.with_name(f".{path.name}.{os.getpid()}.part"), path)
    except OSError as exc:
        raise write_problem(out, exc) from None
    finally:
        for part in temporary:  # gone once moved into place; left only by a failure
            with contextlib.suppress(OSError):
                part.unlink()
    return written


def _rows(source: Iterable[tuple], names: _Names, tags: list[str] | None) -> Iterator[list[Any]]:
    for row in source:
        run, site, line = names.ids(row[0], row[1], row[2])
        head = [run, site, line, row[3], row[4], _wall(row[5])]
        if tags is None:
            yield head + list(row[6:])
        else:
            values = row[6] if isinstance(row[6], dict) else json.loads(row[6])
            yield head + [values.get(name) for name in tags]


def _write(path: Path, header: list[str], rows: Iterator[list[Any]], format: str) -> int:  # noqa: A002
    count = 0
    if format == "csv":
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            for row in rows:
                writer.writerow([_cell(value) for value in row])
                count += 1
        return count
    import pandas as pd

    frame = pd.DataFrame.from_records(list(rows), columns=header)
    frame.to_parquet(path, index=False)
    return len(frame)


def _tag_info(store: Store, run_rows: list[tuple]) -> dict[str, tuple[str, str, str]]:
    """Every tag the samples carry -> (unit, English, Korean): from the runs' meta, else the tag table."""
    from ..tags import ALL_TAGS

    described: dict[str, tuple[str, str, str]] = {}
    for row in run_rows:
        meta = row[9]
        if meta is None:
            continue
        meta = meta if isinstance(meta, dict) else json.loads(meta)
        for tag in meta.get("tags", []):
            if isinstance(tag, dict) and tag.get("name") and tag["name"] not in described:
                described[tag["name"]] = (
                    str(tag.get("unit", "")),
                    str(tag.get("description_en", "")),
                    str(tag.get("description_ko", "")),
                )
    if store.kind == "postgresql":
        sql = 'SELECT DISTINCT jsonb_object_keys("values") FROM samples'
    else:
        sql = 'SELECT DISTINCT key FROM samples, json_each(samples."values")'
    present = {row[0] for row in store.rows(sql)[1]}
    result: dict[str, tuple[str, str, str]] = {}
    order = list(described) + sorted(present - set(described))
    for name in order:
        if name not in present:
            continue
        if name in described:
            result[name] = described[name]
        elif name in ALL_TAGS:
            tag = ALL_TAGS[name]
            result[name] = (tag.unit, tag.description_en, tag.description_ko)
        else:
            result[name] = ("", f"Tag {name} (not described by the line)", f"태그 {name} (라인이 설명하지 않음)")
    return result


def _describe(
    store: Store,
    run_rows: list[tuple],
    names: _Names,
    specs: dict[str, tuple[list[tuple[str, str, str, str]], Any]],
    counts: dict[str, int],
    format: str,  # noqa: A002
    anonymise: bool,
    common: list[str],
) -> dict[str, Any]:
    def columns(spec: list[tuple[str, str, str, str]]) -> list[dict[str, str]]:
        return [{"name": n, "unit": u, "description_en": en, "description_ko": ko} for n, u, en, ko in spec]

    runs = []
    for run, site, line, scenario, seed, variant, version, every, first_wall, _meta in run_rows:
        run_id, site_id, line_id = names.ids(run, site, line)
        runs.append(
            {
                "run": run_id,
                "site": site_id,
                "line": line_id,
                "scenario": scenario,
                "seed": seed,
                "variant": variant,
                "factorylab_version": version,
                "every_s": every,
                "first_wall": _wall(first_wall),
            }
        )
    lines: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in runs:
        line = lines.setdefault(
            (entry["site"], entry["line"]), {"site": entry["site"], "line": entry["line"], "runs": 0}
        )
        line["runs"] += 1
    if anonymise:
        method = {
            "en": "Sites, lines and runs are numbered in the order they first appear in the data (the time of "
            "their first message): site-1, site-2 ...; line-A, line-B ...; run-1, run-2 .... The numbers are stable "
            "within this export and say nothing of the real names, which are not in any file; another export may "
            "number them otherwise.",
            "ko": "사이트, 라인, 실행은 데이터에 처음 나온 순서(첫 메시지 시각)로 번호를 붙였습니다: site-1, site-2 ...; "
            "line-A, line-B ...; run-1, run-2 .... 번호는 이 내보내기 안에서만 일정하며 실제 이름과 관계없고, 실제 이름은 "
            "어느 파일에도 없습니다. 다른 내보내기에서는 번호가 달라질 수 있습니다.",
        }
    else:
        method = {
            "en": "Not anonymised: sites and lines keep the names their uplinks gave; runs keep their uuid4 ids.",
            "ko": "익명화하지 않음: 사이트와 라인은 업링크가 준 이름, 실행은 uuid4 번호 그대로입니다.",
        }
    files = {}
    for table in FILES:
        spec = specs[table][0]
        files[table] = {"file": f"{table}.{format}", "rows": counts.get(table, 0), "columns": columns(spec)}
    files["samples"]["wide"] = True
    return {
        "title": {"en": "FactoryLab data centre: the lines' records", "ko": "FactoryLab 데이터센터: 라인들의 기록"},
        "description": {
            "en": "Records uplinked over MQTT by FactoryLab simulator lines (a class's or a school's) and stored by a "
            "FactoryLab data centre: tag samples, events, faults and every finished part. The lines are simulated: "
            "parts follow the AI4I 2020 generation rules at the CNC (Matzka 2020, doi 10.1109/AI4I49448.2020.00023; "
            "UCI doi 10.24432/C5HS5C), quality the documented oven and machining rules; fault labels are the "
            "simulator's ground truth. What the students' programs did with their lines is in the data too.",
            "ko": "FactoryLab 시뮬레이터 라인들(한 반이나 학교)이 MQTT로 올려 보내고 FactoryLab 데이터센터가 저장한 기록: 태그 "
            "샘플, 이벤트, 고장, 완성된 모든 부품. 라인은 시뮬레이션입니다: CNC는 AI4I 2020 생성 규칙을 따르고 "
            "(Matzka 2020), 품질은 문서화된 오븐·가공 규칙을 따릅니다. 고장 레이블은 시뮬레이터가 아는 정답입니다. "
            "학생 프로그램이 라인을 어떻게 운전했는지도 데이터에 담겨 있습니다.",
        },
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": "FactoryLab contributors and the classes whose lines made the data",
        "exported": {"software": "factorylab", "version": __version__, "at": utc_now(), "format": format},
        "anonymised": anonymise,
        "anonymisation": method,
        "layout": {
            "en": "Four tables, one file each (parts, samples, events, faults), and this sidecar. Every table begins "
            f"with the columns {', '.join(common)}: (run, seq) identifies a row across all four tables (seq is shared "
            "by all kinds of a run, in the order the line made them), so the tables merge on run and are ordered by "
            "seq; t is the simulated time of that run (s), wall the UTC time it was made. samples is wide: one column "
            "per tag (its unit and meaning below), empty where a line did not send that tag. parts has the columns of "
            "FactoryLab's own datasets (factorylab dataset) and of AI4I 2020 at the CNC: pool the lines' parts to "
            "train a model, and compare lines through the runs below (scenario, seed, plant variant). Empty cells "
            "mean a value that does not exist (a part never machined, a fault still going on).",
            "ko": "표 네 개를 파일 하나씩(parts, samples, events, faults) 담고 이 사이드카가 붙습니다. 모든 표는 "
            f"{', '.join(common)} 열로 시작합니다: (run, seq)가 네 표 전체에서 한 행을 가리키고 (seq는 한 실행의 모든 종류가 "
            "라인이 만든 순서대로 함께 씀), 표들은 run으로 합치고 seq로 정렬합니다. t는 그 실행의 시뮬레이션 시각(초), wall은 "
            "만들어진 UTC 시각입니다. samples는 넓은 표입니다: 태그마다 열 하나(단위와 뜻은 아래), 라인이 보내지 않은 태그는 "
            "빈칸. parts는 FactoryLab 데이터셋(factorylab dataset)과 AI4I 2020(CNC)의 열을 그대로 씁니다: 라인들의 부품을 "
            "모아 모델을 학습하고, 아래 runs(시나리오, 시드, 설비 변형)로 라인을 비교하세요. 빈칸은 존재하지 않는 값입니다 "
            "(가공되지 않은 부품, 아직 끝나지 않은 고장).",
        },
        "runs": runs,
        "lines": list(lines.values()),
        "files": files,
    }
