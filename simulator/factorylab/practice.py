"""A practice class for the data centre: several lines run fast-forward, their uplink stored with no broker.

::

    from factorylab import practice
    db = practice.class_store("class.sqlite", lines=6, hours=1, seed=7)   # "sqlite:///.../class.sqlite"
    from factorylab.datacenter import queries
    queries.compare(db)          # the same tables as the teacher's data centre gives

In class the lines of the students uplink to the teacher's data centre (``factorylab sim --uplink
mqtt://TEACHER:1883``, ``factorylab datacenter collect --embedded-broker``). With no broker and no
teacher (homework, CI, a notebook at home) :func:`class_store` makes the same store: every line runs
the ``line`` scenario fast-forward with its own seed and its own settings of the reference controller
(oven setpoint, dwell, tool-change wear, when feeding starts), and the records its uplink channel
makes (:class:`factorylab.uplink.sender.UplinkChannel`, :func:`~factorylab.uplink.sender.channel_record`)
go through the scheme (:func:`~factorylab.uplink.schema.encode` / :func:`~factorylab.uplink.schema.decode`)
into the data centre's store (:meth:`factorylab.datacenter.store.Store.ingest`), exactly as the
collector would store them. Everything comes from ``seed``: run ids, wall times (a class that starts
at :data:`CLASS_START`, UTC) and data; the same arguments give the same rows.

This module sits above the runtime, control, uplink and the data centre (which may not import the
simulator's control code): nothing of the package imports it but the labs.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import FactoryLabError

#: when a practice class starts (UTC): 11:00 in Seoul on a school day
CLASS_START = datetime.datetime(2025, 3, 10, 2, 0, tzinfo=datetime.timezone.utc)
#: the practice site's name in the topics and the store
SITE = "practice"
#: simulated s between two tag samples (what ``factorylab sim --uplink`` sends by default)
EVERY = 5.0
#: each line's settings of the reference controller (lines after the sixth reuse them, jittered)
LINE_SETTINGS: tuple[dict[str, float], ...] = (
    {"oven_setpoint": 220.0, "dwell": 30.0, "tool_change_wear": 190.0, "feed_from": 210.0},
    {"oven_setpoint": 225.0, "dwell": 28.0, "tool_change_wear": 200.0, "feed_from": 205.0},
    {"oven_setpoint": 207.0, "dwell": 27.0, "tool_change_wear": 190.0, "feed_from": 195.0},  # a cool oven: soft parts
    {"oven_setpoint": 220.0, "dwell": 30.0, "tool_change_wear": 240.0, "feed_from": 210.0},  # tools run to failure
    {"oven_setpoint": 215.0, "dwell": 40.0, "tool_change_wear": 170.0, "feed_from": 212.0},  # a long dwell: slow
    {"oven_setpoint": 211.0, "dwell": 26.0, "tool_change_wear": 185.0, "feed_from": 200.0},  # cool and short: soft
)


def line_name(number: int) -> str:
    """The slug of line ``number`` (1-based): ``line-01``."""
    return f"line-{number:02d}"


def line_settings(lines: int, seed: int) -> list[dict[str, Any]]:
    """Each line's name, seed and controller settings for a class of ``lines`` lines made from ``seed``."""
    rng = random.Random(f"practice|{seed}")
    result = []
    for index in range(lines):
        settings = dict(LINE_SETTINGS[index % len(LINE_SETTINGS)])
        if index >= len(LINE_SETTINGS):
            settings["oven_setpoint"] += rng.uniform(-5.0, 5.0)
            settings["tool_change_wear"] += rng.uniform(-15.0, 15.0)
        result.append({"line": line_name(index + 1), "seed": seed * 100 + index + 1, **settings})
    return result


def _run_id(seed: int, line: str) -> str:
    return hashlib.md5(f"factorylab-practice|{seed}|{line}".encode()).hexdigest()  # 32 hex digits


class _Items:
    """Stands in for the uplink sender: keeps what a channel hands over (``_take``) in a list."""

    def __init__(self) -> None:
        self.items: list[tuple] = []

    def _take(self, records: list[tuple]) -> None:
        self.items.extend(records)


def run_line(
    settings: Mapping[str, Any],
    hours: float,
    *,
    seed: int,
    site: str = SITE,
    start: datetime.datetime = CLASS_START,
    every: float = EVERY,
    faults: bool = True,
) -> list[dict[str, Any]]:
    """One line of a practice class: its uplink records (decoded payloads, ``meta`` first), in order.

    Args:
        settings: from :func:`line_settings`: ``line`` (slug), ``seed`` (the plant's) and the reference
            controller's ``oven_setpoint`` (°C), ``dwell`` (s), ``tool_change_wear`` (min), ``feed_from`` (°C).
        hours: simulated hours, 0.01 .. 24.
        seed: the class's seed (the run id comes from it and the line's name).
        site: the site's slug.
        start: the wall time (UTC) of the line's simulated time 0.
        every: simulated s between two tag samples.
        faults: random faults (jams, bearing wear, tool breakage ...) as ``factorylab dataset`` has them.
    """
    from .control import reference
    from .control.line import LocalLine
    from .data.dataset import DEFAULT_FAULTS
    from .plant import Plant, load_scenario
    from .plant.scenario import FaultSettings
    from .uplink import schema
    from .uplink.sender import UplinkChannel, _pick_tags, channel_record

    base = load_scenario("line")
    random_faults = dict(DEFAULT_FAULTS) if faults else {}
    plant = Plant(base.model_copy(update={"faults": FaultSettings(random=random_faults)}), seed=int(settings["seed"]))
    line = LocalLine(plant)
    names = ("oven_setpoint", "dwell", "tool_change_wear", "feed_from")
    controller = reference.make_line_controller(**{name: float(settings[name]) for name in names})
    sink = _Items()
    channel = UplinkChannel(sink, site, str(settings["line"]), plant, every, _pick_tags(plant, None))  # type: ignore[arg-type]
    channel.run = _run_id(seed, str(settings["line"]))
    epoch = start.timestamp()
    meta = channel.meta_record()
    meta["wall"] = schema.wall_time(epoch + plant.time)
    channel.collect(plant)
    for _ in range(round(hours * 3600.0 / plant.dt)):
        controller(line, plant.time)
        plant.step()
        channel.collect(plant)
    channel.collect(plant, final=True)
    records = [meta]
    for item in sink.items:
        # the wall time the simulator would have stamped had the class run in real time from ``start``
        item = (*item[:4], epoch + item[3], *item[5:])
        records.append(schema.decode(schema.encode(channel_record(item))))
    return records


def class_store(
    path: str | Path,
    lines: int = 6,
    hours: float = 1.0,
    seed: int = 1,
    *,
    faults: bool = True,
    settings: Sequence[Mapping[str, Any]] | None = None,
) -> str:
    """Make (or remake) the SQLite store of a practice class and give its URL, ``sqlite:///...``.

    Every line runs fast-forward (about 1 s per line and simulated hour) and its uplink records are
    ingested as the collector would; the file is replaced if it exists.

    Args:
        path: the SQLite file (its folder must exist).
        lines: how many lines, 1 .. 40.
        hours: simulated hours each line runs, 0.01 .. 24.
        seed: the class's seed: the same seed gives the same store.
        faults: random faults on every line.
        settings: each line's settings instead of :func:`line_settings` (``line``, ``seed`` and the
            controller's settings).

    Raises:
        FactoryLabError: bad ``lines`` or ``hours``; a file that cannot be written.
    """
    from .datacenter.store import open_store

    if not (isinstance(lines, int) and 1 <= lines <= 40):
        raise FactoryLabError(
            f"lines는 1에서 40 사이의 정수입니다 (입력: {lines!r})", f"lines is a whole number 1 .. 40 (got {lines!r})"
        )
    if not (isinstance(hours, (int, float)) and 0.01 <= hours <= 24):
        raise FactoryLabError(
            f"hours는 0.01에서 24 사이입니다 (입력: {hours!r})", f"hours must be 0.01 .. 24 (got {hours!r})"
        )
    path = Path(path).resolve()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    store = open_store(url)
    try:
        for one in settings if settings is not None else line_settings(lines, seed):
            store.ingest(run_line(one, hours, seed=seed, faults=faults))
    finally:
        store.close()
    return url


__all__ = ["CLASS_START", "EVERY", "LINE_SETTINGS", "SITE", "class_store", "line_name", "line_settings", "run_line"]
