"""The class's queries on a small hand-made stream whose numbers are known."""

from __future__ import annotations

import datetime
import math
from pathlib import Path

import pytest

from factorylab.data.dataset import PART_COLUMNS
from factorylab.datacenter import queries
from factorylab.errors import FactoryLabError

UTC = datetime.timezone.utc
EVENING = datetime.datetime(2025, 3, 14, 23, 0, tzinfo=UTC)  # as in conftest.hand_made


@pytest.fixture
def store(hand_made):
    """The hand-made store (conftest.py): its numbers are known."""
    return hand_made


def test_lines(store) -> None:
    lines = queries.lines(store)
    assert list(lines["line"]) == ["a", "b"]
    a, b = lines.to_dict("records")
    assert (a["runs"], a["samples"], a["parts"], a["faults"], a["events"]) == (1, 4, 5, 3, 0)
    assert (b["runs"], b["samples"], b["parts"]) == (2, 3, 1)
    assert a["first_wall"] == EVENING and a["last_wall"] == EVENING + datetime.timedelta(seconds=4200)


def test_oee_by_line_day_is_the_last_sample_of_each_run_and_day(store) -> None:
    table = queries.oee_by_line_day(store, "UTC")
    assert len(table) == 4  # a on the 14th and the 15th; b's two runs on the 14th
    a14 = table[(table["line"] == "a") & (table["day"] == "2025-03-14")].iloc[0]
    assert (a14["oee"], a14["availability"], a14["performance"], a14["quality"]) == (76.0, 92.0, 87.0, 94.7)
    assert a14["parts_good"] == 3 and a14["t"] == 3540.0
    a15 = table[(table["line"] == "a") & (table["day"] == "2025-03-15")].iloc[0]
    assert a15["oee"] == 77.5 and a15["t"] == 4200.0
    b = table[table["line"] == "b"].sort_values("wall")
    assert list(b["oee"]) == [61.0, 50.0] and math.isnan(b.iloc[0]["availability"])  # b sent no availability
    # in Seoul (UTC+9) all of it is the morning of the 15th
    seoul = queries.oee_by_line_day(store, "Asia/Seoul")
    assert set(seoul["day"]) == {"2025-03-15"} and len(seoul) == 3


def test_defects_and_failures_by_line_day(store) -> None:
    defects = queries.defects_by_line_day(store, "UTC").set_index(["line", "day"])
    a14, a15 = defects.loc[("a", "2025-03-14")], defects.loc[("a", "2025-03-15")]
    assert (a14["parts"], a14["good"], a14["defects"], a14["soft"], a14["machining"]) == (3, 2, 1, 1, 0)
    assert a14["defect_rate"] == pytest.approx(1 / 3)
    assert (a15["parts"], a15["good"], a15["defects"], a15["machining"]) == (2, 1, 1, 1)
    assert defects.loc[("b", "2025-03-14")]["parts"] == 1
    failures = queries.failures_by_line_day(store, "UTC").set_index(["line", "day"])
    f14, f15 = failures.loc[("a", "2025-03-14")], failures.loc[("a", "2025-03-15")]
    assert (f14["cnc_failures"], f14["faults"], f14["fault_labels"]) == (0, 1, "jam 1")  # the end is not counted
    assert (f15["cnc_failures"], f15["TWF"], f15["HDF"], f15["faults"]) == (1, 1, 0, 1)
    assert f15["fault_labels"] == "bearing_wear 1"
    assert failures.loc[("b", "2025-03-14")]["faults"] == 0


def test_compare_takes_the_days_last_run(store) -> None:
    table = queries.compare(store, "UTC").set_index(["line", "day"])
    assert list(table.index) == [("a", "2025-03-14"), ("a", "2025-03-15"), ("b", "2025-03-14")]
    b = table.loc[("b", "2025-03-14")]
    assert (b["oee"], b["runs"], b["parts"], b["good"]) == (50.0, 2, 1, 1)
    a = table.loc[("a", "2025-03-15")]
    assert (a["oee"], a["quality"], a["parts"], a["defects"], a["cnc_failures"], a["faults"]) == (
        77.5,
        94.0,
        2,
        1,
        1,
        1,
    )


def test_parts_for_training(store) -> None:
    pooled = queries.parts(store)
    assert len(pooled) == 6
    only_a = queries.parts(store, "a", site="s1")
    assert list(only_a["part_id"]) == [1, 2, 3, 4, 5]
    assert list(only_a.columns[6:]) == [c[0] for c in PART_COLUMNS]
    assert only_a["defect"].sum() == 2 and only_a["TWF"].sum() == 1
    assert only_a.attrs["columns"]["torque"][0] == "Nm"
    assert len(queries.parts(store, "nobody")) == 0


def test_an_empty_store_and_a_wrong_time_zone(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    for query in (queries.oee_by_line_day, queries.defects_by_line_day, queries.failures_by_line_day, queries.compare):
        assert len(query(url)) == 0
    assert len(queries.lines(url)) == 0 and len(queries.parts(url)) == 0
    with pytest.raises(FactoryLabError) as error:
        queries.compare(url, "Mars/Olympus")
    assert "unknown time zone" in error.value.en
