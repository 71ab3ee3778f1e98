"""Every snippet on the site runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factorylab.plant import load_scenario
from tests.conftest import REPO, Sim

SNIPPETS = REPO / "docs" / "snippets"
PYTHON = sorted(SNIPPETS.glob("*.py"))
ENV = {**os.environ, "FACTORYLAB_LANG": "en"}


#: A snippet that talks to a running simulator says so with this address: it gets one (on a free port).
SIMULATOR = "127.0.0.1:5020"


@pytest.mark.parametrize("snippet", PYTHON, ids=lambda p: p.name)
def test_python_snippet_runs(snippet: Path, tmp_path: Path, free_port: int) -> None:
    source = snippet.read_text(encoding="utf-8")
    sim = None
    if SIMULATOR in source:  # 'factorylab sim --headless' is running, as the snippet's page says
        sim = Sim(free_port)
        snippet = tmp_path / snippet.name
        snippet.write_text(source.replace(SIMULATOR, f"127.0.0.1:{free_port}"), encoding="utf-8")
    try:
        result = subprocess.run(
            [sys.executable, str(snippet)], cwd=tmp_path, capture_output=True, text=True, timeout=300, env=ENV
        )
    finally:
        if sim is not None:
            sim.stop()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip()  # each snippet shows its result


def test_the_scenario_file_snippet_loads() -> None:
    scenario = load_scenario(str(SNIPPETS / "fast_feed.yaml"))
    assert scenario.feeder.interval == 2.5 and scenario.stations == load_scenario("sorting").stations


def run_line(line: str, cwd: Path, port: int | None = None) -> subprocess.CompletedProcess | int:
    """Run one command of a shell snippet; a simulator runs a moment and is stopped."""
    command = line.split("#")[0].strip()
    parts = command.split()
    parts[0] = str(Path(sys.executable).with_name("factorylab")) if parts[0] == "factorylab" else parts[0]
    if parts[1:2] == ["sim"]:
        parts += ["--port", str(port), "--headless"]
        process = subprocess.Popen(parts, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
        time.sleep(3.0)
        assert process.poll() is None, process.communicate()  # still serving
        process.terminate()
        return process.wait(timeout=10)
    return subprocess.run(parts, cwd=cwd, capture_output=True, text=True, timeout=300, env=ENV)


def test_scenario_commands_run(tmp_path: Path, free_port: int) -> None:
    shutil.copy(SNIPPETS / "fast_feed.yaml", tmp_path)
    for line in (SNIPPETS / "scenarios.sh").read_text(encoding="utf-8").splitlines():
        outcome = run_line(line, tmp_path, free_port)
        code = outcome if isinstance(outcome, int) else outcome.returncode
        assert code == 0, line


def test_dataset_command_runs(tmp_path: Path) -> None:
    text = (SNIPPETS / "dataset.sh").read_text(encoding="utf-8")
    line = next(command for command in text.splitlines() if command.startswith("factorylab"))
    result = run_line(line, tmp_path)
    assert result.returncode == 0, result.stderr
    assert {p.name for p in tmp_path.iterdir()} == {"shift.csv", "shift.machines.csv", "shift.json"}


@pytest.mark.skipif(shutil.which("mbpoll") is None, reason="mbpoll is not installed (CI installs it)")
def test_mbpoll_commands_run_against_the_simulator(tmp_path: Path, free_port: int) -> None:
    sim = Sim(free_port)
    try:
        text = (SNIPPETS / "mbpoll.sh").read_text(encoding="utf-8")
        lines = [command for command in text.splitlines() if command.startswith("mbpoll")]
        for line in lines:
            command = line.split("#")[0].split()
            command[command.index("-p") + 1] = str(free_port)
            result = subprocess.run(command, capture_output=True, text=True, timeout=30)
            output = result.stdout + result.stderr
            if "-r 50" in line:
                assert "Illegal data address" in output
            else:
                assert result.returncode == 0 and "failed" not in output.lower(), output
    finally:
        sim.stop()


@pytest.mark.parametrize(
    "name", ["classroom_try.sh", "classroom_class.sh", "datacenter_classroom.sh", "datacenter_use.sh"]
)
def test_the_classroom_and_data_centre_commands_are_the_commands_options(name: str) -> None:
    """Every `factorylab ...` line of these snippets is accepted by the command's own parser (nothing is started)."""
    import shlex

    from factorylab.cli import build_parser

    lines = [line.split("#")[0].strip() for line in (SNIPPETS / name).read_text(encoding="utf-8").splitlines()]
    commands = [shlex.split(line)[1:] for line in lines if line.startswith("factorylab ")]
    assert commands
    for argv in commands:
        build_parser("en").parse_args(argv)  # SystemExit (argparse's error) fails the test
