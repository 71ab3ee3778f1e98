"""`factorylab start`: workspace, JupyterLab in Korean and the simulator from one command; Ctrl-C stops all."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

import factorylab
from factorylab.workspace import START_HERE, overrides_path
from tests.conftest import factorylab_command

URL = re.compile(r"(http://127\.0\.0\.1:(\d+)/lab\?token=([0-9a-f]+))")


@pytest.fixture
def keep_jupyter_settings():
    """The test writes this environment's JupyterLab language setting: put the file back afterwards."""
    path = overrides_path()
    before = path.read_bytes() if path.exists() else None
    try:
        yield path
    finally:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(before)


class Start:
    """`factorylab start` in a subprocess, as a student runs it (no browser, no display here)."""

    def __init__(self, workspace: Path, port: int, *extra: str) -> None:
        env = {**os.environ, "FACTORYLAB_LANG": "en"}
        env.pop("DISPLAY", None)
        self.process = subprocess.Popen(
            factorylab_command() + ["start", "--no-browser", "--workspace", str(workspace), "--port", str(port)]
            + list(extra),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        self.lines: list[str] = []
        deadline = time.monotonic() + 120
        while True:
            line = self.process.stdout.readline()
            assert line or self.process.poll() is None, self.process.communicate()
            self.lines.append(line)
            found = URL.search(line)
            if found:
                self.url, self.jupyter_port, self.token = found.group(1), int(found.group(2)), found.group(3)
                break
            assert time.monotonic() < deadline, self.lines
        self.port = port
        wait_for_port(port)

    def api(self, path: str):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.jupyter_port}{path}", headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.loads(answer.read())

    def ctrl_c(self) -> tuple[int, str, str, float]:
        started = time.monotonic()
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=30)
        return self.process.returncode, "".join(self.lines) + out, err, time.monotonic() - started


def wait_for_port(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            assert time.monotonic() < deadline, f"nothing listens on {port}"
            time.sleep(0.1)


def port_closed(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return False
    except OSError:
        return True


@pytest.mark.timeout(300)
def test_start_opens_the_workspace_in_korean_jupyterlab_with_the_simulator(
    tmp_path: Path, free_port: int, keep_jupyter_settings: Path
) -> None:
    workspace = tmp_path / "factorylab"
    start = Start(workspace, free_port, "--lang", "ko")  # as a Korean student: Korean messages, Korean JupyterLab
    try:
        names = {item["name"] for item in start.api("/api/contents")["content"]}
        from factorylab import lab

        assert START_HERE in names and {f"{source.path.stem}.ipynb" for source in lab.sources()} <= names
        assert len(lab.sources()) >= 10  # the labs of units 0-3, each opens in the workspace
        assert not any("solution" in name for name in names)
        locale = start.api("/lab/api/settings/@jupyterlab/translation-extension:plugin")
        assert locale["schema"]["properties"]["locale"]["default"] == "ko_KR"  # Korean unless --lang en
        languages = start.api("/lab/api/translations/")["data"]
        assert "ko_KR" in languages  # the language pack is installed
        line = factorylab.connect(port=free_port)  # the simulator serves the line
        first = line.system.sim_time
        time.sleep(0.6)
        assert line.system.sim_time > first
        line.close()
        # the start-here notebook's code runs against this simulator
        from nbclient import NotebookClient

        notebook = nbformat.read(workspace / START_HERE, as_version=4)
        NotebookClient(notebook, timeout=60, kernel_name="python3").execute()
        assert "line -" in notebook.cells[1].outputs[0]["text"]
    finally:
        code, out, err, took = start.ctrl_c()
    assert code == 0, err
    assert "Traceback" not in err
    assert "FactoryLab을 끝냈습니다." in out and "작업 폴더" in out
    assert port_closed(start.jupyter_port) and port_closed(free_port)  # both stopped
    print(f"stopped in {took:.1f} s")


@pytest.mark.timeout(300)
def test_a_second_start_keeps_the_students_edits(tmp_path: Path, free_port: int, keep_jupyter_settings: Path) -> None:
    workspace = tmp_path / "ws"
    first = Start(workspace, free_port, "--lang", "en")
    first.ctrl_c()
    notebook = workspace / "lab03a_start_stop.ipynb"
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("YOUR CODE HERE", "my own answer"), "utf-8")
    again = Start(workspace, free_port, "--lang", "en")
    code, out, err, _ = again.ctrl_c()
    assert code == 0, err
    assert "notebooks kept as they are (your work)" in out
    assert "my own answer" in notebook.read_text(encoding="utf-8")
    assert json.loads(keep_jupyter_settings.read_text())["@jupyterlab/translation-extension:plugin"]["locale"] == "en"


def test_a_busy_port_is_told_with_a_free_one_to_use(tmp_path: Path, free_port: int) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", free_port))
        busy.listen()
        done = subprocess.run(
            factorylab_command() + ["start", "--no-browser", "--workspace", str(tmp_path / "ws"), "--port", str(free_port),
                                    "--lang", "en"],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"port {free_port} is already in use" in done.stderr
    suggested = int(re.search(r"--port (\d+)", done.stderr).group(1))
    assert suggested != free_port
    assert not (tmp_path / "ws").exists()  # nothing started, nothing written


def test_lab_build_writes_no_solutions_unless_asked(tmp_path: Path) -> None:
    done = subprocess.run(
        factorylab_command() + ["lab", "build", "--out", str(tmp_path / "labs"), "--lang", "en"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "labs" / "solution").exists() and "factorylab start" in done.stdout
    done = subprocess.run(
        factorylab_command() + ["lab", "build", "--solutions", "--out", str(tmp_path / "labs"), "--lang", "en"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0 and (tmp_path / "labs" / "solution").is_dir()


@pytest.mark.timeout(300)
def test_jupyterlab_goes_when_start_is_killed_outright(
    tmp_path: Path, free_port: int, keep_jupyter_settings: Path
) -> None:
    """SIGKILL leaves no time to stop JupyterLab: it notices by itself and frees its port."""
    start = Start(tmp_path / "ws", free_port, "--lang", "en")
    start.process.send_signal(signal.SIGKILL)
    start.process.communicate(timeout=10)
    deadline = time.monotonic() + 30
    while not port_closed(start.jupyter_port):
        assert time.monotonic() < deadline, "JupyterLab outlived factorylab start"
        time.sleep(0.25)
