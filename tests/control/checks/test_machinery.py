"""What every check shares: the registry, hidden seeds, summative mode, the attempt log, HTML and plots."""

from __future__ import annotations

import json
import sys
import textwrap
import warnings

import pytest

import factorylab
from factorylab.control.checks import base, get, names
from factorylab.control.checks.seeds import formative_seeds, summative_seeds

from .answers import seal_in as seal


def test_checks_import_every_way() -> None:
    import factorylab.checks
    from factorylab import checks
    from factorylab.checks import CheckResult, check  # noqa: F401

    assert checks is factorylab.checks and factorylab.checks.check is factorylab.check
    import factorylab.data
    from factorylab.data import load  # noqa: F401


def test_every_kind_is_shipped() -> None:
    kinds = {get(name).kind for name in names()}
    assert kinds == {"behaviour", "value", "quiz", "scored", "model"}
    behaviour = [name for name in names() if get(name).kind == "behaviour"]
    assert all(get(name).count >= 5 for name in behaviour)


def test_a_lab_declares_its_checks_next_to_its_source(tmp_path, monkeypatch) -> None:
    import factorylab.labs

    (tmp_path / "lab99_demo_checks.py").write_text(
        textwrap.dedent(
            """
            from factorylab.control.checks import register
            from factorylab.control.checks.kinds import Question, QuizCheck

            @register
            class Demo(QuizCheck):
                name = "hidden_test_check"
                title = ("시연", "demo")
                choices = ("yes", "no")
                questions = (Question("sky_is_blue", "yes", {"*": ("하늘은 파랗습니다", "the sky is blue")}),)
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(factorylab.labs, "__path__", [*factorylab.labs.__path__, str(tmp_path)])
    monkeypatch.setattr(base, "_LOADED", False)
    try:
        assert "hidden_test_check" in names()
        assert factorylab.check({"sky_is_blue": "yes"}, "hidden_test_check").passed
        result = factorylab.check({"sky_is_blue": "no"}, "hidden_test_check")
        assert result.codes == ["wrong:sky_is_blue"] and "The sky is blue" in result.message("en")
    finally:
        base._CHECKS.pop("hidden_test_check", None)
        sys.modules.pop("factorylab.labs.lab99_demo_checks", None)


def test_an_unknown_check_suggests_the_closest_name() -> None:
    with pytest.raises(factorylab.FactoryLabError) as caught:
        factorylab.check(seal.seal_in, "seal")
    assert "seal_in" in caught.value.en and "seal_in" in caught.value.ko


def test_formative_seeds_are_fixed_and_summative_seeds_belong_to_each_student() -> None:
    assert formative_seeds("seal_in", 6) == formative_seeds("seal_in", 6)
    assert len(set(formative_seeds("seal_in", 6))) == 6
    kim = summative_seeds("seal_in", 6, "class-secret", "kim")
    lee = summative_seeds("seal_in", 6, "class-secret", "lee")
    other_secret = summative_seeds("seal_in", 6, "another", "kim")
    assert kim != lee and kim != other_secret and not set(kim) & set(formative_seeds("seal_in", 6))
    assert kim == summative_seeds("seal_in", 6, "class-secret", " kim ")


def test_summative_mode_runs_the_students_own_seeds(monkeypatch, tmp_path) -> None:
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text("class-secret\n", encoding="utf-8")
    monkeypatch.setenv("FACTORYLAB_TEACHER_SECRET_FILE", str(secret_file))
    monkeypatch.setenv("FACTORYLAB_STUDENT", "kim")
    assert factorylab.check(seal.seal_in, "seal_in").passed
    assert not factorylab.check(seal.start_dominant, "seal_in").passed
    monkeypatch.delenv("FACTORYLAB_STUDENT")
    with pytest.raises(factorylab.FactoryLabError) as caught:
        factorylab.check(seal.seal_in, "seal_in")
    assert "student" in caught.value.en


def test_the_package_ships_no_secret() -> None:
    from pathlib import Path

    package = Path(factorylab.__file__).parent
    for path in package.rglob("*"):
        if path.suffix in (".py", ".yaml", ".json", ".txt"):
            assert "FACTORYLAB_TEACHER_SECRET=" not in path.read_text(encoding="utf-8", errors="ignore")


def test_the_attempt_log_is_opt_in(monkeypatch, tmp_path) -> None:
    log = tmp_path / "attempts.jsonl"
    factorylab.check(seal.seal_in, "seal_in")
    assert not log.exists()
    monkeypatch.setenv("FACTORYLAB_ATTEMPT_LOG", str(log))
    monkeypatch.setenv("FACTORYLAB_STUDENT", "kim")
    factorylab.check(seal.seal_in, "seal_in")
    factorylab.check(seal.jog, "seal_in")
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(x["check"], x["passed"], x["code"], x["student"]) for x in lines] == [
        ("seal_in", True, None, "kim"),
        ("seal_in", False, "no_seal", "kim"),
    ]
    assert "seal-in" in lines[1]["finding"] and lines[1]["summative"] is False


def test_results_render_as_html_in_both_languages(monkeypatch) -> None:
    failed = factorylab.check(seal.jog, "seal_in")
    passed = factorylab.check(seal.seal_in, "seal_in")
    for lang in ("ko", "en"):
        monkeypatch.setenv("FACTORYLAB_LANG", lang)
        html = failed._repr_html_()
        assert "factorylab-check" in html and "result.plot()" in html
        assert ("아직 아닙니다" if lang == "ko" else "not yet") in html
        assert ("통과" if lang == "ko" else "passed") in passed._repr_html_()
        line = factorylab.connect(scenario="conveyor")
        assert "OEE" in factorylab.run(seal.seal_in, line, seconds=2)._repr_html_()
    quiz = factorylab.check({"plc_program": "L1"}, "isa95_levels")
    assert "<table" in quiz._repr_html_() and "plc_program" in quiz._repr_html_()


def test_the_plot_shows_the_failing_run_with_hangul(monkeypatch) -> None:
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.setenv("FACTORYLAB_LANG", "ko")
    result = factorylab.check(seal.start_dominant, "seal_in")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph (Hangul as boxes) is a warning: make it fail
        figure = result.plot()
        figure.canvas.draw()
    labels = [axis.get_ylabel() for axis in figure.axes]
    assert "panel.start" in labels and "conveyor1.run" in labels
    assert any(line.get_linestyle() == "--" for axis in figure.axes for line in axis.get_lines())  # the finding's time
    assert "정지 우선" in figure._suptitle.get_text()
    with pytest.raises(factorylab.FactoryLabError):
        factorylab.check(seal.seal_in, "seal_in").plot()


def test_findings_are_short_and_timed_in_korean_style() -> None:
    result = factorylab.check(seal.jog, "seal_in")
    finding = result.findings[0]
    assert finding.t is not None and f"{finding.t:.1f}초에" in finding.ko and f"at {finding.t:.1f} s" in finding.en
    assert finding.tag == "conveyor1.run" and finding.next_ko and finding.next_en
    assert " 을 " not in finding.ko and " 초에" not in finding.ko


def test_one_timer_for_two_things_gets_its_own_finding() -> None:
    from factorylab import plc

    delay = plc.TON(0.5)

    def controller(line, t):
        start_late = delay(line.panel.start, t)
        stop_late = delay(line.panel.stop, t)  # the same timer for a second condition
        line.conveyor1.run = start_late and not stop_late

    result = factorylab.check(controller, "seal_in")
    assert result.codes == ["block_reused"]
    assert "each use" in result.message("en") and "TON" in result.message("ko")


def test_a_controller_that_is_not_written_yet_is_told_so() -> None:
    def controller(line, t):
        # YOUR CODE HERE
        raise NotImplementedError()

    result = factorylab.check(controller, "seal_in")
    assert result.codes == ["not_written"] and "YOUR CODE HERE" in result.message("ko")
    with pytest.raises(factorylab.FactoryLabError) as caught:
        factorylab.run(controller, factorylab.connect(scenario="conveyor"), seconds=1)
    assert "not written yet" in caught.value.en


def test_a_value_check_stops_an_endless_function_and_speaks_of_a_function() -> None:
    import factorylab

    def raw_to_ma(counts):
        while True:
            pass

    result = factorylab.check(raw_to_ma, "raw_to_ma")
    assert not result.passed and result.codes == ["watchdog"]
    assert "raw_to_ma 함수가" in result.message("ko") and "did not finish" in result.message("en")

    def broken(counts):
        return counts / 0

    result = factorylab.check(broken, "raw_to_ma")
    assert result.codes == ["python_error"]
    assert "컨트롤러" not in result.message("ko") and "controller" not in result.message("en")


def test_a_controller_in_a_check_reads_tags_not_the_simulator_behind_them() -> None:
    """A controller that peeks at ``line.plant`` (faults, true states) is told so; outside a check it still works."""

    def peeks(line, t):
        seal.REFERENCE(line, t)
        line.plant.faults.active  # noqa: B018 - the peek is the point

    result = factorylab.check(peeks, "seal_in")
    assert not result.passed
    assert "line.plant" in str(result) and "센서와 버튼의 태그만" in str(result)
    assert result.codes[0] == "plant_in_check"
    line = factorylab.connect(scenario="conveyor")
    assert line.plant.faults.active == []
