"""Output on a Korean Windows console: a pipe or a file there is cp949, which has Hangul but not ✅, ❌ or —.

Every command runs as a real subprocess with ``PYTHONIOENCODING=cp949`` and
its output to a pipe, as ``factorylab scenarios | more`` or ``factorylab sim >
log.txt`` on Korean Windows; what it writes must decode as cp949 and still
say its Korean. A student's script that prints check results and run
summaries must work the same way.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factorylab.console import fit, stand_in
from tests.conftest import factorylab_command


def _env(lang: str = "ko") -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "cp949", "FACTORYLAB_LANG": lang, "SDL_VIDEODRIVER": "dummy"}


def run_cp949(*args: str, lang: str = "ko", cwd: Path | None = None) -> tuple[int, str, str]:
    """Run ``factorylab ARGS`` with cp949 pipes; (exit status, stdout, stderr), both decoded as cp949 (strictly)."""
    result = subprocess.run(
        factorylab_command() + list(args), capture_output=True, env=_env(lang), timeout=120, cwd=cwd
    )
    return result.returncode, result.stdout.decode("cp949"), result.stderr.decode("cp949")


HELP = [
    [],
    ["sim"],
    ["tags"],
    ["scenarios"],
    ["dataset"],
    ["screenshot"],
    ["lab"],
    ["lab", "build"],
    ["lab", "list"],
    ["docs"],
]


@pytest.mark.parametrize("command", HELP, ids=lambda c: " ".join(c) or "factorylab")
def test_help_of_every_command(command: list[str]) -> None:
    code, out, err = run_cp949(*command, "--help")
    assert code == 0, err
    assert "사용법" in out and "옵션" in out  # Korean help, readable on a cp949 console


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_scenarios_with_its_dashes(lang: str) -> None:
    code, out, err = run_cp949("scenarios", lang=lang)
    assert code == 0, err
    assert "컨베이어 / Conveyor" in out
    assert "광전 센서 - 기동/정지" in out  # "—" in the scenario summary, as "-"
    assert "Traceback" not in err


@pytest.mark.parametrize("format", ["table", "json", "csv"])
def test_tags(format: str) -> None:
    code, out, err = run_cp949("tags", "--format", format)
    assert code == 0, err
    assert "conveyor1.run" in out and "컨베이어" in out


def test_lab_list_and_build(tmp_path: Path) -> None:
    code, out, err = run_cp949("lab", "list")
    assert code == 0, err
    assert "자기유지" in out
    code, out, err = run_cp949("lab", "build", "--out", str(tmp_path / "labs"))
    assert code == 0, err
    assert "만듦" in out


def test_dataset_small(tmp_path: Path) -> None:
    code, out, err = run_cp949("dataset", "--hours", "0.05", "--seed", "1", "--out", str(tmp_path / "shift.csv"))
    assert code == 0, err
    assert "부품" in out and "시드 1" in out
    assert (tmp_path / "shift.csv").is_file()


def test_screenshot(tmp_path: Path) -> None:
    out_file = tmp_path / "shot.png"
    code, out, err = run_cp949("screenshot", "--seconds", "1", "--size", "320x180", "--out", str(out_file))
    assert code == 0, err
    assert "시나리오" in out
    assert out_file.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_bad_input_is_a_clear_cp949_message() -> None:
    code, out, err = run_cp949("tags", "--scenario", "no-such-scenario")
    assert code == 2
    assert err.startswith("factorylab: ") and "Traceback" not in err
    assert any("\uac00" <= char <= "\ud7a3" for char in err)  # Korean, decoded from cp949


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_sim_headless_to_a_pipe_then_sigterm(lang: str) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        factorylab_command() + ["sim", "--headless", "--port", str(port), "--stats"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(lang),
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert process.poll() is None, process.communicate()
                assert time.monotonic() < deadline, "the simulator did not start"
                time.sleep(0.05)
        time.sleep(0.5)  # the start message (with its "—") is written once the port is open
    finally:
        process.send_signal(signal.SIGTERM)
        raw_out, raw_err = process.communicate(timeout=15)
    out, err = raw_out.decode("cp949"), raw_err.decode("cp949")
    assert process.returncode == 0, err
    if lang == "ko":
        assert "FactoryLab 시뮬레이터" in out and " - 시나리오 'line'" in out
        assert "시뮬레이터를 멈췄습니다" in out
    else:
        assert " - scenario 'line'" in out and "Simulator stopped" in out


SCRIPT = """
import factorylab

def good(line, t):
    ok = line.panel.safety_ok
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok
    line.conveyor1.run = line.conveyor2.run = run
    line.stack_light.green = run
    line.stack_light.red = not ok

def bad(line, t):
    line.conveyor1.run = line.panel.start

failing = factorylab.check(bad, "seal_in")
passing = factorylab.check(good, "seal_in")
print(failing)
print(passing)
print(repr(passing))
print(failing.details())
print(factorylab.run(good, factorylab.connect(), seconds=2))
print("done / 끝")
"""


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_script_prints_check_results_and_a_run(tmp_path: Path, lang: str) -> None:
    script = tmp_path / "student.py"
    script.write_text(SCRIPT, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, env=_env(lang), timeout=120)
    out, err = result.stdout.decode("cp949"), result.stderr.decode("cp949")
    assert result.returncode == 0, err
    if lang == "ko":
        assert "× 아직 아닙니다: 기동/정지 자기유지" in out  # ❌ as ×, in cp949
        assert "○ 통과: 기동/정지 자기유지" in out  # ✅ as ○
        assert "실행: 2 s (빨리감기)" in out
    else:
        assert "× not yet:" in out and "○ passed:" in out
        assert "run: 2 s (fast-forward)" in out
    assert out.rstrip().endswith("done / 끝")


def test_utf8_output_keeps_its_symbols(tmp_path: Path) -> None:
    """On a UTF-8 stream (Jupyter, most terminals) nothing changes: the stand-ins are for cp949 only."""
    script = tmp_path / "student.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {**_env("en"), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, str(script)], capture_output=True, env=env, timeout=120)
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "❌ not yet:" in out and "✅ passed:" in out


def test_stand_ins_fit_the_encoding() -> None:
    class Stream:
        def __init__(self, encoding: str) -> None:
            self.encoding = encoding

    text = "✅ 통과 — ❌ 아직 … µ"
    assert fit(text, Stream("utf-8")) == text
    assert fit(text, Stream("cp949")) == "○ 통과 - × 아직 … u"
    assert fit("✅ passed — ❌ not yet", Stream("ascii")) == "[O] passed - [X] not yet"
    assert fit("통과", Stream("ascii")) == "??"  # no stand-in fits: '?' rather than a crash
    assert stand_in("✔", "cp949") == "√" and stand_in("✔", "latin-1") == "v"
