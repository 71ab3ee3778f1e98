"""Labelled datasets: a shift on the line, fast-forward, written as open data.

``factorylab dataset --scenario line --hours 8 --seed 1 --out shift.csv``
runs the scenario with the built-in reference controller and a mix of random
faults, then writes:

* ``shift.csv``: one row per finished part: process parameters (AI4I 2020
  columns from the CNC, oven temperatures and dwell), measurements, the
  true defect and its cause, where it went;
* ``shift.machines.csv``: one row every 10 s of machine signals (currents,
  vibrations, temperatures, levels, tool wear, states) with the active
  fault and failure labels;
* ``shift.json``: what every column means (unit, English, Korean), how the
  data was generated, and its licence (CC BY 4.0).

The same scenario, hours and seed give byte-identical files.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import FactoryLabError
from ..plant import FAULT_KINDS, Plant, load_scenario
from ..plant.scenario import FaultSettings, RandomFault
from .paths import check_writable, write_problem

#: Faults a dataset run injects at random (per hour, and how long each lasts).
DEFAULT_FAULTS = {
    "jam": RandomFault(rate=0.5, duration=60.0),
    "bearing_wear": RandomFault(rate=0.25, duration=5400.0),
    "heater_degradation": RandomFault(rate=0.2, duration=3600.0),
    "sensor_stuck_on": RandomFault(rate=0.2, duration=300.0),
    "sensor_stuck_off": RandomFault(rate=0.2, duration=300.0),
    "analog_drift": RandomFault(rate=0.25, duration=1800.0),
    "valve_stuck": RandomFault(rate=0.2, duration=600.0),
    "tool_breakage": RandomFault(rate=0.2),
}
MACHINE_EVERY = 10.0  # s between machine records
SUPPORTED = ("line", "cnc")
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

# (name, unit, English, Korean) for each column
PART_COLUMNS: list[tuple[str, str, str, str]] = [
    ("part_id", "", "Part number, in the order the feeder placed parts", "부품 번호 (공급 순서)"),
    ("type", "", "Part type: A (red) or B (blue)", "부품 형식: A(빨강) 또는 B(파랑)"),
    ("grade", "", "Product quality variant L / M / H (AI4I 2020)", "제품 등급 L / M / H (AI4I 2020)"),
    ("fed_at", "s", "Time the feeder placed the part", "공급기가 부품을 올린 시각"),
    ("air_temperature", "K", "Air temperature when machining started", "가공 시작 때 공기 온도"),
    ("process_temperature", "K", "Process temperature when machining started", "가공 시작 때 공정 온도"),
    ("rotational_speed", "rpm", "Spindle speed while machining", "가공 중 주축 회전수"),
    ("torque", "Nm", "Spindle torque while machining", "가공 중 주축 토크"),
    ("tool_wear", "min", "Tool wear when machining started", "가공 시작 때 공구 마모"),
    ("machine_failure", "", "1 if the CNC failed on this part (any mode below)", "이 부품에서 CNC가 고장 났으면 1 (아래 유형 중 하나)"),
    ("TWF", "", "Tool wear failure", "공구 마모 고장"),
    ("HDF", "", "Heat dissipation failure", "열 방출 고장"),
    ("PWF", "", "Power failure", "동력 고장"),
    ("OSF", "", "Overstrain failure", "과부하 고장"),
    ("RNF", "", "Random failure", "무작위 고장"),
    ("TBF", "", "Tool breakage (an injected fault)", "공구 파손 (주입된 고장)"),
    ("oven_in", "s", "Time the part entered the oven", "오븐에 들어간 시각"),
    ("dwell", "s", "Time the part spent in the oven", "오븐에 머문 시간"),
    ("peak_temperature", "°C", "Highest temperature the part reached in the oven", "오븐에서 부품이 도달한 최고 온도"),
    ("soak", "°C·s", "Time integral of the part's temperature above 150 °C", "150 °C 넘는 부품 온도의 시간 적분"),
    ("dimension", "mm", "True diameter after machining", "가공 후 실제 지름"),
    ("hardness", "HRC", "True hardness", "실제 경도"),
    ("measured_dimension", "mm", "Diameter measured at inspection (with gauge noise)", "검사에서 잰 지름 (측정 잡음 포함)"),
    ("measured_weight", "g", "Weight measured at inspection", "검사에서 잰 무게"),
    ("measured_hardness", "HRC", "Hardness measured at inspection", "검사에서 잰 경도"),
    ("inspection_ok", "", "1 if the inspection judged the part in specification", "검사에서 규격 안으로 판정했으면 1"),
    ("defect", "", "1 if the part is truly defective (ground truth)", "실제로 불량이면 1 (정답)"),
    ("defect_cause", "", "First true defect: machining, dimension, overheated, soft (empty if good)",
     "첫 번째 실제 결함 원인: machining, dimension, overheated, soft (양품이면 빈칸)"),
    ("destination", "", "Where the part ended: outfeed or reject_bin", "부품이 간 곳: outfeed(출하) 또는 reject_bin(불량함)"),
    ("missorted", "", "1 if it ended in the wrong place (a defect shipped or a good part rejected)",
     "잘못 분류되었으면 1 (불량 출하 또는 양품 폐기)"),
    ("finished_at", "s", "Time the part left the line", "부품이 라인을 떠난 시각"),
]  # fmt: skip

MACHINE_SIGNALS: list[tuple[str, str, str, str]] = [
    # (column, tag, English, Korean); the unit comes from the tag table
    ("production_state", "production.state", "Line state: 0 stopped, 1 running, 2 idle, 3 E-stop, 4 down",
     "라인 상태: 0 정지, 1 운전, 2 대기, 3 비상정지, 4 설비 정지"),
    ("conveyor1_current", "conveyor1.current", "Conveyor1 motor current", "컨베이어1 모터 전류"),
    ("conveyor1_vibration", "conveyor1.vibration", "Conveyor1 motor vibration", "컨베이어1 모터 진동"),
    ("conveyor1_running", "conveyor1.running", "Conveyor1 motor turning", "컨베이어1 모터 회전 중"),
    ("conveyor2_current", "conveyor2.current", "Conveyor2 motor current", "컨베이어2 모터 전류"),
    ("conveyor2_vibration", "conveyor2.vibration", "Conveyor2 motor vibration", "컨베이어2 모터 진동"),
    ("conveyor2_running", "conveyor2.running", "Conveyor2 motor turning", "컨베이어2 모터 회전 중"),
    ("oven_temperature", "oven.temperature", "Oven temperature (as measured)", "오븐 온도 (측정값)"),
    ("oven_heater", "oven.heater", "Oven heater command", "오븐 히터 명령"),
    ("tank_level", "tank.level", "Coolant level (as measured)", "냉각수 수위 (측정값)"),
    ("tank_temperature", "tank.temperature", "Coolant temperature (as measured)", "냉각수 온도 (측정값)"),
    ("tank_inflow", "tank.inflow", "Inflow valve command", "유입 밸브 명령"),
    ("tank_inflow_rate", "tank.inflow_rate", "Inflow measured by the flow meter", "유량계로 잰 유입 유량"),
    ("cnc_state", "cnc.state", "CNC state: 0 idle, 1 loading, 2 machining, 3 unloading, 4 tool change, 5 failed",
     "CNC 상태: 0 대기, 1 투입, 2 가공, 3 배출, 4 공구 교체, 5 고장"),
    ("cnc_tool_wear", "cnc.tool_wear", "Tool wear", "공구 마모"),
    ("cnc_air_temperature", "cnc.air_temperature", "Air temperature", "공기 온도"),
    ("cnc_process_temperature", "cnc.process_temperature", "Process temperature", "공정 온도"),
    ("cnc_failed", "cnc.failed", "CNC failed, waiting for reset", "CNC 고장, 리셋 대기"),
    ("cnc_failure_modes", "cnc.failure_modes", "Failure mode bits: 1 TWF, 2 HDF, 4 PWF, 8 OSF, 16 RNF, 32 TBF",
     "고장 유형 비트: 1 TWF, 2 HDF, 4 PWF, 8 OSF, 16 RNF, 32 TBF"),
]  # fmt: skip


@dataclass
class Dataset:
    """The generated records and their description."""

    parts: list[dict[str, Any]]
    machines: list[dict[str, Any]]
    machine_columns: list[tuple[str, str, str, str]]
    description: dict[str, Any]


def generate(
    scenario: str = "line",
    hours: float = 8.0,
    seed: int = 1,
    faults: bool = True,
    *,
    tool_policy: str = "mixed",
    progress: bool = False,
) -> Dataset:
    """Run ``hours`` of the scenario fast-forward with the reference controller.

    Args:
        scenario: ``line`` or ``cnc``.
        hours: simulated hours (0.01 .. 200).
        seed: the run's seed (same seed, same data).
        faults: inject random faults (:data:`DEFAULT_FAULTS`) for labelled data.
        tool_policy: when the controller changes each tool: ``mixed`` (each
            tool at a wear drawn between 180 and 245 min; some wear out
            first), ``run-to-failure`` or ``fixed:MINUTES``
            (see :class:`factorylab.control.reference.ToolPolicy`).
        progress: show a progress bar on stderr (in simulated seconds).
    """
    from ..control import reference
    from ..control.line import LocalLine
    from ..progress import progress_bar
    from ..tags import tags_for

    if scenario not in SUPPORTED:
        raise FactoryLabError(
            f"데이터셋은 {', '.join(SUPPORTED)} 시나리오로 만들 수 있습니다 (입력: {scenario})",
            f"datasets come from the {', '.join(SUPPORTED)} scenarios (got {scenario})",
        )
    if not (isinstance(hours, (int, float)) and 0.01 <= hours <= 200):
        raise FactoryLabError(
            f"hours는 0.01에서 200 사이여야 합니다 (입력: {hours})", f"hours must be 0.01 .. 200 (got {hours})"
        )
    base = load_scenario(scenario)
    random_faults = {k: v for k, v in DEFAULT_FAULTS.items()} if faults else {}
    plant = Plant(base.model_copy(update={"faults": FaultSettings(random=random_faults)}), seed=seed)
    line = LocalLine(plant)
    # a wrong policy is told here, before the run; its draws come from the run's own named stream
    policy = reference.ToolPolicy.parse(tool_policy, plant.rng.stream("tool_policy"))
    make = reference.make_line_controller if scenario == "line" else reference.make_cnc_controller
    controller = make(tool_policy=policy)
    tags = tags_for(plant)
    signals = [s for s in MACHINE_SIGNALS if s[1] in tags]
    readers = [(column, tags[tag].reader) for column, tag, *_ in signals]
    fault_targets = {kind: plant.faults.targets(kind) for kind in FAULT_KINDS}
    label_kinds = [kind for kind in FAULT_KINDS if fault_targets[kind]]
    machines: list[dict[str, Any]] = []
    finished: list[Any] = []  # every finished part (the plant keeps only its newest): gathered every record
    finished_seen = 0
    ticks = round(hours * 3600.0 / plant.dt)
    every = round(MACHINE_EVERY / plant.dt)
    with progress_bar(ticks * plant.dt, scenario, enabled=progress) as bar:
        for tick in range(ticks):
            t = plant.time
            controller(line, t)
            if tick % every == 0:
                finished += plant.finished_parts.since(finished_seen)
                finished_seen = plant.finished_parts.total
                bar.update(every * plant.dt if tick else 0.0)
                row: dict[str, Any] = {"t": t}
                for column, reader in readers:
                    row[column] = reader(plant)
                active = plant.faults.active
                for kind in label_kinds:
                    hit = next((f for f in active if f.kind == kind and (kind != "jam" or f.applied)), None)
                    row[f"fault_{kind}"] = hit.target if hit is not None else ""
                machines.append(row)
            plant.step()
    finished += plant.finished_parts.since(finished_seen)
    parts = [part_record(part, plant) for part in sorted(finished, key=lambda p: p.id)]
    machine_columns = [("t", "s", "Simulated time", "시뮬레이션 시각")] + [
        (column, tags[tag].unit, en, ko) for column, tag, en, ko in signals
    ]
    for kind in label_kinds:
        machine_columns.append(
            (
                f"fault_{kind}",
                "",
                f"Ground truth: the target of an active '{kind}' fault (empty when none)",
                f"정답 레이블: 진행 중인 '{kind}' 고장의 대상 (없으면 빈칸)",
            )
        )
    description = _describe(
        scenario, hours, seed, random_faults, len(parts), len(machines), machine_columns, plant, str(policy)
    )
    return Dataset(parts, machines, machine_columns, description)


def shift(
    seed: int = 1,
    hours: float = 2.0,
    scenario: str = "line",
    faults: bool = True,
    *,
    tool_policy: str = "mixed",
):
    """A shift's data as two pandas tables, for the labs: ``parts, machines = factorylab.data.shift(seed=3)``.

    The same run as ``factorylab dataset`` (see :func:`generate`): ``parts`` has one row
    per finished part (columns and units in :data:`PART_COLUMNS`), ``machines`` one row
    every 10 s of machine signals. Each table's ``attrs["columns"]`` maps a column to
    ``(unit, English, Korean)``. About 1 s per simulated hour the first time; the tables are
    then kept on disk and come back at once (:mod:`factorylab.data.cache`).

    The tables are exactly what ``pd.read_csv`` gives for the files ``factorylab dataset``
    writes (same values, same dtypes): failure flags are 0/1 integers, a value that does
    not exist (a part never machined, no oven, no inspection) is NaN, an empty text
    (``defect_cause`` of a good part, no active fault) is NaN too.

    Args:
        seed: the run's seed (same seed, same tables).
        hours: simulated hours (0.01 .. 200).
        scenario: ``line`` or ``cnc``.
        faults: inject random faults.
        tool_policy: ``mixed``, ``run-to-failure`` or ``fixed:MINUTES``.
    """
    import pandas as pd

    from . import cache

    key = f"{scenario}-{hours!r}h-seed{seed}-faults{int(bool(faults))}-{tool_policy}".replace(":", "_")
    names = [f"{key}.parts.csv", f"{key}.machines.csv", f"{key}.columns.json"]
    texts = [cache.read("shifts", name) for name in names]
    if None in texts:  # not kept yet: simulate (a wrong argument is told here, before anything is kept)
        data = generate(scenario, hours, seed, faults, tool_policy=tool_policy)
        texts = [
            _csv(data.parts, [c[0] for c in PART_COLUMNS]),
            _csv(data.machines, [c[0] for c in data.machine_columns]),
            json.dumps(data.machine_columns, ensure_ascii=False),
        ]
        for name, text in zip(names, texts, strict=True):
            cache.write("shifts", name, text)
    machine_columns = [tuple(column) for column in json.loads(texts[2])]
    parts, machines = (pd.read_csv(io.StringIO(text)) for text in texts[:2])
    parts.attrs["columns"] = {name: (unit, en, ko) for name, unit, en, ko in PART_COLUMNS}
    machines.attrs["columns"] = {name: (unit, en, ko) for name, unit, en, ko in machine_columns}
    return parts, machines


def part_record(part, plant: Plant) -> dict[str, Any]:
    """One finished part of ``plant`` as a row of :data:`PART_COLUMNS` (names and units of that table).

    A value that does not exist (a part never machined, no oven, no
    inspection) is None. The datasets' parts files and the uplink's ``part``
    messages are made of these rows.
    """
    dwell = None if part.oven_in is None or part.oven_out is None else part.oven_out - part.oven_in
    destination = part.history[-1][1]
    rule = plant.scenario.sorter.rule
    belongs_in_bin = part.kind == "B" if rule == "type_b" else (not part.good if rule == "defective" else None)
    missorted = None if belongs_in_bin is None else int(belongs_in_bin != (destination == "reject_bin"))
    measured = part.measured or (None, None, None)
    # failure flags are always 0/1: a part that never started machining (in the CNC while it was still
    # loading when the tool broke) has no machine record (NaN measurements) but was ruined by that failure
    if part.failure_modes is not None:
        modes = part.failure_modes
    else:
        modes = ["TBF"] if any(place == "cnc_failure" for _, place in part.history) else []
    return {
        "part_id": part.id,
        "type": part.kind,
        "grade": part.grade,
        "fed_at": part.history[0][0],
        "air_temperature": part.air_temperature,
        "process_temperature": part.process_temperature,
        "rotational_speed": part.speed,
        "torque": part.torque,
        "tool_wear": part.tool_wear,
        "machine_failure": int(bool(modes)),
        **{mode: int(mode in modes) for mode in ("TWF", "HDF", "PWF", "OSF", "RNF", "TBF")},
        "oven_in": part.oven_in,
        "dwell": dwell,
        "peak_temperature": part.peak_temperature,
        "soak": part.soak,
        "dimension": part.dimension,
        "hardness": part.hardness,
        "measured_dimension": measured[0],
        "measured_weight": measured[1],
        "measured_hardness": measured[2],
        "inspection_ok": None if part.inspected_ok is None else int(part.inspected_ok),
        "defect": int(not part.good),
        "defect_cause": part.defects[0] if part.defects else "",
        "destination": destination,
        "missorted": missorted,
        "finished_at": part.history[-1][0],
    }  # fmt: skip


_part_record = part_record  # its name before the uplink used it too


def _describe(scenario, hours, seed, random_faults, parts, machines, machine_columns, plant, policy) -> dict[str, Any]:
    def columns(spec):
        return [{"name": n, "unit": u, "description_en": en, "description_ko": ko} for n, u, en, ko in spec]

    return {
        "title": {
            "en": f"FactoryLab {scenario} shift, seed {seed}",
            "ko": f"FactoryLab {scenario} 교대 근무 데이터, 시드 {seed}",
        },
        "description": {
            "en": "Synthetic smart-factory data from the FactoryLab simulator, run fast-forward with its reference "
            "controller and random faults. Parts follow the AI4I 2020 generation rules at the CNC (Matzka 2020, "
            "doi 10.1109/AI4I49448.2020.00023; UCI doi 10.24432/C5HS5C); quality follows the documented oven and "
            "machining rules. Fault and failure labels are the simulator's ground truth.",
            "ko": "FactoryLab 시뮬레이터를 기준 제어기와 무작위 고장으로 빨리감기 실행해 만든 합성 스마트공장 데이터. CNC는 "
            "AI4I 2020 생성 규칙을 따르고 (Matzka 2020), 품질은 문서화된 오븐·가공 규칙을 따릅니다. 고장 레이블은 "
            "시뮬레이터가 아는 정답입니다.",
        },
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": "FactoryLab contributors",
        "generator": {
            "software": "factorylab",
            "version": __version__,
            "scenario": scenario,
            "hours": hours,
            "seed": seed,
            "time_step_s": plant.dt,
            "controller": "factorylab.control.reference",
            "tool_policy": policy,
            "random_faults_per_hour": {k: {"rate": v.rate, "duration_s": v.duration} for k, v in random_faults.items()},
        },
        "files": {
            "parts": {"rows": parts, "columns": columns(PART_COLUMNS)},
            "machines": {"rows": machines, "every_s": MACHINE_EVERY, "columns": columns(machine_columns)},
        },
    }


def _format(value: Any) -> str:
    """Deterministic text for one CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        # one decimal at least, so pandas reads a float column back as float even when its values are whole
        text = f"{value:.6f}".rstrip("0")
        text = text + "0" if text.endswith(".") else text
        return "0.0" if text == "-0.0" else text
    return str(value)


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_format(row.get(column)) for column in columns])
    return out.getvalue()


def check_out(out: str | Path) -> Path:
    """``out`` as a Path once it can take a dataset: a ``.csv`` name in a folder that exists and takes files.

    Call it before :func:`generate` so a wrong path is told at once, not after the run.
    No folder is created.
    """
    out = Path(out)
    if out.suffix != ".csv":
        raise FactoryLabError(
            f"{out.name}: .csv로 끝나는 파일 이름을 쓰세요", f"{out.name}: use a file name ending in .csv"
        )
    check_writable(out, "shift.csv")
    return out


def write(dataset: Dataset, out: str | Path) -> list[Path]:
    """Write the parts CSV at ``out``, the machines CSV and the JSON sidecar beside it.

    The folder must exist (see :func:`check_out`). Each file is written in
    full beside its place and then moved there, so a full disk leaves the
    files that were there before and no half-written ones.
    """
    out = check_out(out)
    stem = out.with_suffix("")
    machines_path = stem.with_name(stem.name + ".machines.csv")
    sidecar = stem.with_suffix(".json")
    for path in (machines_path, sidecar):
        check_writable(path, "shift.csv")
    description = json.loads(json.dumps(dataset.description))
    description["files"]["parts"]["file"] = out.name
    description["files"]["machines"]["file"] = machines_path.name
    texts = {
        out: _csv(dataset.parts, [c[0] for c in PART_COLUMNS]),
        machines_path: _csv(dataset.machines, [c[0] for c in dataset.machine_columns]),
        sidecar: json.dumps(description, ensure_ascii=False, indent=2) + "\n",
    }
    written: list[Path] = []
    try:
        for path, text in texts.items():
            part = path.with_name(f".{path.name}.{os.getpid()}.part")
            written.append(part)
            with open(part, "x", encoding="utf-8") as handle:
                handle.write(text)
        for path in texts:
            os.replace(path.with_name(f".{path.name}.{os.getpid()}.part"), path)
    except OSError as exc:
        raise write_problem(out.parent, exc) from None
    finally:
        for part in written:  # gone once moved into place; left only by a failure
            with contextlib.suppress(OSError):
                part.unlink()
    return list(texts)
