"""The scan watchdog and a student's errors told in plain words with their own line."""

from __future__ import annotations

import time

import pytest

import factorylab
from factorylab.control.student import (
    ScanTimeout,
    StudentCodeError,
    Watchdog,
    is_student_file,
    plain_words,
    student_error,
)


def _wait(watchdog: Watchdog, seconds: float) -> None:
    watchdog.beat += 1
    watchdog.busy = True
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:  # a busy loop, as a student's `while` would be
        pass
    watchdog.busy = False


def test_the_watchdog_stops_a_scan_that_runs_too_long() -> None:
    start = time.monotonic()
    with pytest.raises(ScanTimeout), Watchdog(limit=0.3) as dog:
        _wait(dog, 10.0)
    assert time.monotonic() - start < 2.0
    assert dog.fired


def test_the_watchdog_leaves_quick_scans_alone_and_fires_nothing_after_it_stops() -> None:
    with Watchdog(limit=0.3) as dog:
        for _ in range(2000):
            _wait(dog, 0.0001)
    assert not dog.fired
    time.sleep(0.2)  # nothing arrives later


def test_a_scan_that_swallows_the_first_stop_is_stopped_again() -> None:
    with pytest.raises(ScanTimeout), Watchdog(limit=0.2) as dog:
        dog.beat += 1
        dog.busy = True
        deadline = time.monotonic() + 5.0
        caught = 0
        while time.monotonic() < deadline:
            try:
                while True:
                    pass
            except ScanTimeout:
                caught += 1
                if caught > 1:
                    raise
    assert caught == 2


def test_a_while_wait_in_a_check_is_stopped_within_two_seconds_with_the_watchdog_message() -> None:
    def waits(line, t):
        while not line.panel.start:
            pass

    start = time.monotonic()
    result = factorylab.check(waits, "seal_in")
    assert time.monotonic() - start < 2.0
    assert result.codes == ["watchdog"]
    assert "0.5초" in result.message("ko") and "while" in result.message("ko") and "워치독" in result.message("ko")
    assert "0.5 s" in result.message("en") and "test_student.py" in result.message("en")


def test_a_while_true_in_run_is_stopped_with_the_watchdog_message() -> None:
    line = factorylab.connect(scenario="conveyor")

    def stuck(line, t):
        while True:
            pass

    start = time.monotonic()
    with pytest.raises(StudentCodeError) as caught:
        factorylab.run(stuck, line, seconds=5)
    assert time.monotonic() - start < 2.0
    assert "watchdog" in caught.value.en and "워치독" in caught.value.ko


def test_a_python_error_in_run_names_the_students_line_in_plain_words() -> None:
    line = factorylab.connect(scenario="conveyor")

    def broken(line, t):
        speed = line.conveyor1.speed
        return speed / 0

    with pytest.raises(StudentCodeError) as caught:
        factorylab.run(broken, line, seconds=5)
    error = caught.value
    assert "test_student.py" in error.en and "return speed / 0" in error.en and "divided by zero" in error.en
    assert "0으로 나누었습니다" in error.ko
    trace = error.student_traceback("en")
    assert "test_student.py" in trace and "factorylab" not in trace.replace("test_", "")
    assert all(is_student_file(place.filename) for place in error.places)
    assert error.__suppress_context__  # no chained wall of FactoryLab frames


def test_the_python_error_in_a_check_keeps_the_students_frames_only() -> None:
    def helper(x):
        return x["missing"]

    def broken(line, t):
        return helper({})

    result = factorylab.check(broken, "seal_in")
    assert result.codes == ["python_error"]
    finding = result.findings[0]
    assert 'return x["missing"]' in finding.en and "'missing'" in finding.en
    assert "helper({})" in finding.detail and 'return x["missing"]' in finding.detail
    assert "behaviour.py" not in finding.detail and "runner.py" not in finding.detail


@pytest.mark.parametrize(
    ("error", "english"),
    [
        (NameError("name 'runing' is not defined", name="runing"), "no name runing"),
        (UnboundLocalError("cannot access local variable 'on'", name="on"), 'm, like m["on"]'),
        (IndexError("pop from empty list"), "empty list"),
        (TypeError("unsupported operand"), "wrong kind"),
    ],
)
def test_plain_words(error: Exception, english: str) -> None:
    ko, en = plain_words(error)
    assert english in en and ko and ko != en


def test_a_tag_mistake_keeps_its_own_message_and_gains_the_line() -> None:
    def writes_input(line, t):
        line.panel.start = True

    line = factorylab.connect(scenario="conveyor")
    with pytest.raises(StudentCodeError) as caught:
        factorylab.run(writes_input, line, seconds=1)
    assert "read-only" in caught.value.en and "line.panel.start = True" in caught.value.en
    assert isinstance(student_error(ValueError("x")), StudentCodeError)


def test_a_run_under_a_profiler_ends() -> None:
    """Regression: clearing a pending exception with PyThreadState_SetAsyncExc(id, NULL) hung under a profiler."""
    import cProfile

    line = factorylab.connect(scenario="conveyor")
    profiler = cProfile.Profile()
    profiler.runcall(factorylab.run, lambda line, t: None, line, seconds=2)
    assert line.time == pytest.approx(2.0)
