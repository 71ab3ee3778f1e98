"""course.yaml: one validated source for the course."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from factorylab import course, lab
from factorylab.control import checks
from factorylab.plant import builtin_ids


def test_the_course_is_about_60_hours_in_10_units_on_the_ladder() -> None:
    c = course.load()
    assert c.hours == 60 and sum(u.hours for u in c.units) == 60
    assert [u.number for u in c.units] == list(range(10))
    assert [u.hours for u in c.units] == [4, 5, 5, 10, 6.5, 6, 6, 7.5, 4, 6]  # 1 h = one 50-minute 차시
    levels = [course.LEVELS.index(u.level) for u in c.units]
    assert levels[0] == 0 and levels[-1] == 3 and max(levels) == 3  # from 기초 to 고도화
    for unit in c.units:
        assert unit.title.ko and unit.title.en and unit.objectives
        assert set(unit.isa95) <= set(course.ISA95)


def test_everything_referenced_exists_or_is_planned() -> None:
    c = course.load()
    labs = {source.id for source in lab.sources()}
    for unit in c.units:
        assert set(unit.scenarios) <= set(builtin_ids())
        for ref in unit.labs:
            assert ref.planned or ref.id in labs, (unit.id, ref.id)
        for ref in unit.checks:
            name, planned = (ref, False) if isinstance(ref, str) else (ref.id, ref.planned)
            assert planned or name in checks.names(), (unit.id, name)
    referenced = {ref.id for unit in c.units for ref in unit.labs}
    assert labs <= referenced  # every shipped lab belongs to a unit
    assert set(checks.names()) <= {name for unit in c.units for name in unit.check_ids}


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = course.default_path().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "course.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("hours: 60\n", "hours: 61\n", "(file)", "the units add up to 60 hours, not the course's 61"),
        ("    hours: 4\n", "    hours: 5\n", "units.0", "the labs add up to 4 hours, not the unit's 5"),
        ("    level: 기초\n", "    level: 기본\n", "units.0.level", "must be one of"),
        ("    scenarios: [line]\n", "    scenarios: [lines]\n", "units.0.scenarios", "no scenario 'lines'"),
        ("      - {id: start_stop}\n", "      - {id: seal_out}\n", "units.3.labs", "no lab 'seal_out'"),
        (
            "    checks: [failure_modes, metrics_by_hand, leakage, failure_model, tool_change, anomaly_detection]\n",
            "    checks: [failure_modes, metrics_by_hand, leakage, failure_model, tool_swap, anomaly_detection]\n",
            "units.7.checks",
            "no check 'tool_swap'",
        ),
        ("    prerequisites: [u0]\n", "    prerequisites: [u5]\n", "(file)", "must be an earlier unit"),
        ("    isa95: [L0, L1]\n", "    isa95: [L0, L7]\n", "units.1.isa95.1", "must be one of"),
        ("    hours: 5\n", "    hour: 5\n", "units.1.hour", "unknown field"),
    ],
)
def test_a_broken_file_names_the_field_and_the_line(tmp_path, old, new, field, words) -> None:
    path = broken(tmp_path, old, new)
    with pytest.raises(course.CourseError) as caught:
        course.load(path)
    error = caught.value
    assert error.path == path and error.line is not None
    assert f"{path}:{error.line}: {field}" in error.en
    assert words in error.en and error.ko != error.en


def test_a_yaml_slip_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "course.yaml"
    path.write_text(textwrap.dedent("title: {ko: x, en: y\nhours: 60\n"), encoding="utf-8")
    with pytest.raises(course.CourseError) as caught:
        course.load(path)
    assert caught.value.line == 2


def test_the_course_command_validates_the_shipped_file_and_shows_the_plan() -> None:
    import subprocess
    import sys

    command = [sys.executable, "-m", "factorylab", "--lang", "en", "course"]
    shown = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert "the course file is valid: 60 hours, 10 units" in shown.stdout
    for unit in course.load().units:
        for ref in unit.labs:
            assert ref.id in shown.stdout
    checked = subprocess.run([*command, "--check"], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0 and checked.stdout.count("\n") == 1, checked.stdout


def test_the_course_command_names_file_and_line_of_a_mistake(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = broken(tmp_path, "hours: 60\n", "hours: 61\n")
    for lang, words in (("en", "add up to 60 hours, not the course's 61"), ("ko", "과정 시간")):
        done = subprocess.run(
            [sys.executable, "-m", "factorylab", "--lang", lang, "course", "--check", "--file", str(path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert f"{path}:" in done.stderr and words in done.stderr, done.stderr


def test_a_units_labs_add_up_to_its_hours(tmp_path: Path) -> None:
    path = broken(
        tmp_path,
        "      - {id: orders}\n",
        "      - {id: orders}\n      - {id: optimisation, planned: true, hours: 1}\n",
    )
    with pytest.raises(course.CourseError) as caught:
        course.load(path)
    assert "the labs add up to 5 hours, not the unit's 4" in caught.value.en
