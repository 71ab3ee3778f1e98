"""`factorylab screenshot` and the windowed `factorylab sim`, run as a user runs them."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pygame
import pytest
from pymodbus.client import ModbusTcpClient

from factorylab.plant import load_scenario
from factorylab.tags import tags_for

from ..conftest import REPO, factorylab_command

SOURCE = REPO / "simulator" / "factorylab"


def run(*args: str, lang: str = "en") -> subprocess.CompletedProcess:
    env = {**os.environ, "FACTORYLAB_LANG": lang, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    return subprocess.run(factorylab_command() + list(args), capture_output=True, text=True, env=env, timeout=120)


def test_screenshot_writes_a_png_of_the_requested_size(tmp_path: Path) -> None:
    out = tmp_path / "shots" / "sorting.png"
    result = run(
        "screenshot", "--scenario", "sorting", "--seconds", "20", "--lang", "en", "--out", str(out), "--size", "640x360"
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert pygame.image.load(str(out)).get_size() == (640, 360)
    assert str(out) in result.stdout
    default = tmp_path / "line-ko.png"
    result = run("screenshot", "--seconds", "5", "--lang", "ko", "--out", str(default), "--overlay")
    assert result.returncode == 0, result.stderr
    assert pygame.image.load(str(default)).get_size() == (1280, 720)
    assert "저장" in result.stdout


def test_screenshot_refuses_a_bad_size() -> None:
    result = run("screenshot", "--out", "x.png", "--size", "big")
    assert result.returncode == 2 and "--size" in result.stderr


def test_screenshot_help_in_both_languages() -> None:
    assert "PNG" in run("screenshot", "--help", lang="ko").stdout
    assert "save the view as a PNG" in run("screenshot", "--help").stdout


class WindowedSim:
    """`factorylab sim` without --headless, on SDL's dummy video driver: the window path."""

    def __init__(self, port: int, *args: str) -> None:
        env = {**os.environ, "FACTORYLAB_LANG": "en", "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
        self.process = subprocess.Popen(
            factorylab_command() + ["sim", "--port", str(port), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.first_lines = [self.process.stdout.readline() for _ in range(4)]

    def stop(self, signum: int) -> tuple[int, str, str]:
        self.process.send_signal(signum)
        out, err = self.process.communicate(timeout=20)
        return self.process.returncode, "".join(self.first_lines) + out, err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_sim_with_a_window_serves_modbus_and_stops_cleanly(free_port: int, signum: int) -> None:
    sim = WindowedSim(free_port, "--scenario", "conveyor", "--speed", "4", "--stats")
    try:
        assert "Window open (" in sim.first_lines[-1], sim.first_lines
        table = tags_for(load_scenario("conveyor"))
        run_coil, running = table["conveyor1.run"], table["conveyor1.running"]
        client = ModbusTcpClient("127.0.0.1", port=free_port, timeout=3)
        assert client.connect()
        client.write_coil(run_coil.address, True, device_id=1)
        deadline = time.monotonic() + 20
        value = False
        while not value and time.monotonic() < deadline:
            value = client.read_discrete_inputs(running.address, count=1, device_id=1).bits[0]
            time.sleep(0.05)
        client.close()
        assert value
    finally:
        code, out, err = sim.stop(signum)
    assert code == 0, err
    assert "Simulator stopped" in out
    assert re.search(r"\d+ ticks, lateness p50", out)


def test_pygame_is_imported_only_by_the_view() -> None:
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        imports_pygame = re.search(r"^\s*(import pygame|from pygame)", text, re.M)
        if imports_pygame:
            assert path.relative_to(SOURCE).parts[0] == "view", path
    for path in (SOURCE / "plant").rglob("*.py"):
        assert "view" not in re.findall(r"^from \.\.(\w+)", path.read_text(encoding="utf-8"), re.M), path


def test_a_display_is_needed_for_a_window(monkeypatch: pytest.MonkeyPatch) -> None:
    from factorylab import view

    for name in ("SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(view.sys, "platform", "linux")
    assert not view.display_available()  # a server without a screen: `factorylab sim` stays headless
    monkeypatch.setenv("DISPLAY", ":0")
    assert view.display_available()
    monkeypatch.delenv("DISPLAY")
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    assert view.display_available()
    monkeypatch.delenv("SDL_VIDEODRIVER")
    monkeypatch.setattr(view.sys, "platform", "win32")
    assert view.display_available()


def test_sim_without_a_display_runs_headless(free_port: int) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY")}
    env["FACTORYLAB_LANG"] = "en"
    process = subprocess.Popen(
        factorylab_command() + ["sim", "--port", str(free_port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines = [process.stdout.readline() for _ in range(3)]
    process.send_signal(signal.SIGTERM)  # the signal handlers are in place before the greeting
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert lines[0].startswith("No display found: serving without a window")
    assert "Modbus TCP server on" in lines[2]
    assert "Window open" not in out and "Simulator stopped" in out
