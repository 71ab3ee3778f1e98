"""Scenario files: the built-ins, `extends`, and errors that name file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from factorylab.plant import Plant, ScenarioError, builtin_ids, list_scenarios, load_scenario


def write(tmp_path: Path, text: str, name: str = "my.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_builtins_are_listed_in_course_order() -> None:
    scenarios = list_scenarios()
    assert [s.id for s in scenarios][:2] == ["conveyor", "sorting"]
    assert builtin_ids() == [s.id for s in scenarios]
    numbers = [s.number for s in scenarios]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    for scenario in scenarios:
        assert scenario.title.ko and scenario.title.en and scenario.summary.ko and scenario.summary.en


def test_sorting_adds_the_sorter_to_the_conveyor_line() -> None:
    conveyor, sorting = load_scenario("conveyor"), load_scenario("sorting")
    assert set(sorting.stations) - set(conveyor.stations) == {"sorter"}
    assert Plant("conveyor").sorter is None
    assert Plant("sorting").sorter is not None


def test_extends_changes_only_what_it_says(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        extends: sorting
        feeder:
          interval: 2.5
        actions:
          - {at: 1.0, press: start}
        """,
        name="fast-feed.yaml",
    )
    scenario = load_scenario(str(path))
    base = load_scenario("sorting")
    assert scenario.id == "fast-feed"
    assert scenario.feeder.interval == 2.5
    assert scenario.feeder.type_b_share == base.feeder.type_b_share
    assert scenario.stations == base.stations and scenario.number == base.number
    assert scenario.actions[0].press == "start"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            """
            extends: sorting
            feeder:
              interval: 2.5
              intervall: 3
            """,
            4,
            "feeder.intervall: unknown field",
        ),
        (
            """
            extends: sorting
            conveyor1:
              speed: 150
            """,
            3,
            "conveyor1.speed: must be at most 100",
        ),
        (
            """
            extends: sorting
            feeder:
              interval: fast
            """,
            3,
            "feeder.interval: must be a number",
        ),
        (
            """
            extends: sorting
            feeder: {interval: 2}
            feeder: {interval: 3}
            """,
            3,
            "duplicate key 'feeder'",
        ),
        (
            """
            extends: sorting
            feeder: [interval
            """,
            3,
            "YAML syntax error",
        ),
        (
            """
            id: mine
            number: 9
            title: {ko: 내 라인, en: My line}
            summary: {ko: 요약, en: Summary}
            stations: [panel, sorter]
            """,
            5,
            "station 'sorter' needs station 'conveyor2'",
        ),
        (
            """
            id: mine
            number: 9
            title: {ko: 내 라인, en: My line}
            summary: {ko: 요약, en: Summary}
            stations: [panel, robot]
            """,
            5,
            "stations.1: must be one of",
        ),
        (
            """
            id: mine
            number: 9
            title: {ko: 내 라인}
            summary: {ko: 요약, en: Summary}
            stations: [panel]
            """,
            3,
            "title.en: this field is required",
        ),
        (
            """
            extends: sortng
            """,
            1,
            "there is no scenario 'sortng'",
        ),
        (
            """
            extends: sorting
            actions:
              - {at: 1.0}
            """,
            3,
            "exactly one of",
        ),
        (
            """
            - just
            - a list
            """,
            1,
            "must be a mapping",
        ),
    ],
)
def test_errors_name_the_file_the_line_and_the_problem(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(str(path))
    error = caught.value
    assert error.path == path
    assert error.line == line
    assert f"{path}:{line}: " in error.en
    assert words in error.en
    assert f"{path}:{line}: " in error.ko and error.ko != error.en


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(str(tmp_path / "nope.yaml"))
    assert "file not found" in caught.value.en and "찾을 수 없습니다" in caught.value.ko
    empty = write(tmp_path, "# nothing here\n", "empty.yaml")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(str(empty))
    assert "empty" in caught.value.en


def test_extends_cycles_are_caught(tmp_path: Path) -> None:
    write(tmp_path, "extends: b.yaml\n", "a.yaml")
    write(tmp_path, "extends: a.yaml\n", "b.yaml")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(str(tmp_path / "a.yaml"))
    assert "circle" in caught.value.en


def test_unknown_scenario_name_lists_the_known_ones() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario("sortin")
    assert "conveyor" in caught.value.en and "sorting" in caught.value.en
