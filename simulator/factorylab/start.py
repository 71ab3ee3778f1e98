"""``factorylab start``: the workspace, JupyterLab in Korean and the simulator, from one command.

1. the student notebooks go into the workspace (never over a student's work,
   see :mod:`factorylab.workspace`), JupyterLab's language is set;
2. JupyterLab starts on 127.0.0.1 in the workspace, in a process group of its
   own so that Ctrl-C reaches only us, and the browser opens on it;
3. the simulator runs here with its window (headless where there is no
   display) on 127.0.0.1:5020, until Ctrl-C or the window is closed;
4. then JupyterLab is asked to shut down over its REST API (which works the
   same on Linux, macOS and Windows: no signal to a child is needed), and
   stopped outright if it has not gone within a few seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .ports import free_port_from, port_free
from .workspace import Delivered, prepare, set_jupyter_language

JUPYTER_PORT = 8888
JUPYTER_READY_TIMEOUT = 90.0  # s: a first start on a slow school PC builds caches
SHUTDOWN_WAIT = 3.0  # s for JupyterLab to go after its shutdown request, then it is stopped


def _say(lang: str, ko: str, en: str, *, err: bool = False) -> None:
    print(ko if lang == "ko" else en, file=sys.stderr if err else sys.stdout, flush=True)


def _report(results: list[Delivered], workspace: Path, lang: str) -> None:
    new = [r.name for r in results if r.status == "new"]
    kept = [r.name for r in results if r.status == "kept"]
    if new:
        _say(lang, f"  새로 넣은 노트북: {', '.join(new)}", f"  notebooks added: {', '.join(new)}")
    if kept:
        _say(
            lang,
            f"  그대로 둔 노트북 (작성한 내용 유지): {len(kept)}개",
            f"  notebooks kept as they are (your work): {len(kept)}",
        )
    for r in results:
        if r.status == "beside":
            _say(
                lang,
                f"  '{r.name}' 실습의 새 버전이 나와서 옆에 새 파일로 넣었습니다: {r.path.name}. 작성하던 파일은 그대로입니다.",
                f"  a newer version of '{r.name}' is beside it as {r.path.name}; your file is unchanged.",
            )


def _jupyter_command(workspace: Path, port: int, token: str) -> list[str]:
    root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # a container, a CI runner
    return [
        sys.executable,
        "-m",
        "factorylab.jupyter_child",  # JupyterLab that ends itself if we are killed outright
        str(os.getpid()),
        *root,
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.open_browser=False",
        f"--ServerApp.root_dir={workspace}",
        f"--IdentityProvider.token={token}",
        "--ServerApp.shutdown_no_activity_timeout=0",
    ]


def _request(url: str, token: str, method: str = "GET", timeout: float = 2.0) -> bytes:
    request = urllib.request.Request(url, method=method, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 - our own loopback server
        return answer.read()


class JupyterLab:
    """A JupyterLab server in a process group of its own, stopped over its REST API."""

    def __init__(self, workspace: Path, port: int, log: Path) -> None:
        self.port = port
        self.token = secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{port}"
        self.url = f"{self.base}/lab?token={self.token}"
        self.log = log
        log.parent.mkdir(parents=True, exist_ok=True)
        options: dict = {}
        if sys.platform == "win32":  # Ctrl-C in the console must not reach it: we stop it ourselves
            options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
        else:
            options["start_new_session"] = True
        self._log_file = open(log, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        self.process = subprocess.Popen(
            _jupyter_command(workspace, port, self.token),
            cwd=workspace,
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            env=env,
            **options,
        )

    def wait_ready(self, timeout: float = JUPYTER_READY_TIMEOUT) -> bool:
        """True once the server answers; False if it ended or did not answer in ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                json.loads(_request(f"{self.base}/api/status", self.token))
                return True
            except (OSError, ValueError, urllib.error.URLError):
                time.sleep(0.25)
        return False

    def log_tail(self, lines: int = 15) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        return ""

    def stop(self) -> None:
        """Ask the server to shut down; stop it outright if it is still there after SHUTDOWN_WAIT s."""
        try:
            if self.process.poll() is None:
                with contextlib.suppress(OSError, urllib.error.URLError):
                    _request(f"{self.base}/api/shutdown", self.token, method="POST")
                try:
                    self.process.wait(SHUTDOWN_WAIT)
                except subprocess.TimeoutExpired:
                    self.process.terminate()
                    self.process.wait(1.0)
        except (KeyboardInterrupt, subprocess.TimeoutExpired):  # a second Ctrl-C, or it would not go
            self.process.kill()
            self.process.wait(2.0)
        finally:
            self._log_file.close()


def _jupyter_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("jupyterlab") is not None


def run(args: argparse.Namespace, lang: str, run_simulator) -> int:
    """``factorylab start`` with parsed ``args``; ``run_simulator(sim_args)`` runs the simulator until it stops.

    Returns:
        The exit status: 0 after a clean stop, 2 for a problem the user can fix, 1 otherwise.
    """
    workspace = Path(args.workspace).expanduser().resolve() if args.workspace else None
    if workspace is None:
        from .workspace import default_workspace

        workspace = default_workspace()
    if not port_free(args.port):
        suggestion = free_port_from(args.port + 1)
        _say(
            lang,
            f"factorylab: {args.port}번 포트를 이미 다른 프로그램(다른 시뮬레이터?)이 쓰고 있습니다. "
            f"그 프로그램을 끄거나 다른 포트를 쓰세요: factorylab start --port {suggestion}",
            f"factorylab: port {args.port} is already in use (another simulator?). Stop that program or use "
            f"another port: factorylab start --port {suggestion}",
            err=True,
        )
        return 2
    if not _jupyter_installed():
        _say(
            lang,
            'factorylab: JupyterLab이 설치되어 있지 않습니다. 설치: pip install "factorylab"',
            'factorylab: JupyterLab is not installed. Install it: pip install "factorylab"',
            err=True,
        )
        return 2
    results = prepare(workspace, lang=lang, port=args.port)
    settings = set_jupyter_language(lang)
    _say(lang, f"작업 폴더: {workspace}", f"workspace: {workspace}")
    _report(results, workspace, lang)
    jupyter_port = free_port_from(JUPYTER_PORT)
    if jupyter_port is None:
        _say(
            lang, "factorylab: JupyterLab에 쓸 빈 포트가 없습니다", "factorylab: no free port for JupyterLab", err=True
        )
        return 1
    started = time.monotonic()
    lab = JupyterLab(workspace, jupyter_port, workspace / ".factorylab" / "jupyter.log")
    try:
        if not lab.wait_ready():
            _say(
                lang,
                f"factorylab: JupyterLab이 시작되지 않았습니다. 기록({lab.log}):\n{lab.log_tail()}",
                f"factorylab: JupyterLab did not start. Its log ({lab.log}):\n{lab.log_tail()}",
                err=True,
            )
            return 1
        seconds = time.monotonic() - started
        _say(
            lang,
            f"JupyterLab ({'한국어' if lang == 'ko' else 'English'}, {seconds:.1f}초 만에 시작): {lab.url}\n"
            f"시뮬레이터: 127.0.0.1:{args.port} (노트북에서 factorylab.connect(port={args.port}))\n"
            f"처음이면 {results[0].name} 노트북부터 여세요. 끝내려면 이 터미널에서 Ctrl+C를 누르거나 "
            "시뮬레이터 창을 닫으세요.",
            f"JupyterLab ({'Korean' if lang == 'ko' else 'English'}, started in {seconds:.1f} s): {lab.url}\n"
            f"simulator: 127.0.0.1:{args.port} (from a notebook: factorylab.connect(port={args.port}))\n"
            f"New here? Open the {results[0].name} notebook first. To stop, press Ctrl+C in this terminal or "
            "close the simulator window.",
        )
        _say(lang, f"(JupyterLab 언어 설정: {settings})", f"(JupyterLab language setting: {settings})")
        if args.browser:
            import webbrowser

            with contextlib.suppress(Exception):  # no browser on this machine: the address is printed above
                webbrowser.open(lab.url)
        code = run_simulator(args)
    except KeyboardInterrupt:
        code = 0
    finally:
        lab.stop()
    _say(lang, "FactoryLab을 끝냈습니다.", "FactoryLab stopped.")
    return code


__all__ = ["JupyterLab", "run"]
