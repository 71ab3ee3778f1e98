"""The view's frame rate, and Modbus latency of `factorylab sim` with and without the window.

    python benchmarks/view.py [--seconds 10] [--frames 1200]

1. Frames/s of the `line` scenario at 1280x720 (and 1920x1080, and with the
   address overlay), headless on SDL's dummy video driver: the full frame
   (background blit, every station, KPIs) drawn as fast as it goes while the
   plant steps at 20 Hz per 60 frames (as in real time), the demo controller
   keeping the line busy. Target: >= 60 frames/s with margin.
2. Round-trip latency of reading 10 holding registers (FC3) from a
   `factorylab sim --scenario line` subprocess, one client back to back (the
   client of benchmarks/modbus_latency.py), with the window drawing at
   60 frames/s (SDL_VIDEODRIVER=dummy, so the windowed path runs headless)
   and with --headless. Target: p99 <= 1 ms with the view running.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from modbus_latency import free_port, load, wait_for_port  # noqa: E402

from factorylab.control.line import LocalLine  # noqa: E402
from factorylab.control.reference import make_demo_controller  # noqa: E402
from factorylab.view.canvas import Hud  # noqa: E402
from factorylab.view.renderer import Renderer  # noqa: E402
from factorylab.view.screenshot import run_demo  # noqa: E402


def frames_per_second(size: tuple[int, int], frames: int, overlay: bool = False) -> float:
    """Frames/s drawing the busy `line` scenario at ``size`` (a dummy-driver window)."""
    import pygame

    pygame.display.init()
    pygame.font.init()
    screen = pygame.display.set_mode(size)
    plant = run_demo("line", 300.0)  # the oven hot, parts everywhere
    line = LocalLine(plant)
    controller = make_demo_controller(line)
    renderer = Renderer(plant.scenario, size, lang="ko", overlay=overlay)
    hud = Hud(speed=1.0, address="127.0.0.1:5020", mouse=renderer.layout.rect("oven").center)
    renderer.draw(screen, plant, hud)  # build the background once
    begin = time.perf_counter()
    for index in range(frames):
        if index % 3 == 0:  # 20 ticks per 60 frames: real time
            controller(line, plant.time)
            plant.step()
        renderer.draw(screen, plant, hud)
        pygame.display.flip()
    elapsed = time.perf_counter() - begin
    pygame.display.quit()
    return frames / elapsed


def latency(windowed: bool, seconds: float) -> dict:
    """Modbus round trip (1 client, FC3 x 10 registers) against `factorylab sim --scenario line`."""
    port = free_port()
    env = {**os.environ, "FACTORYLAB_LANG": "en", "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    cmd = [sys.executable, "-m", "factorylab", "sim", "--scenario", "line", "--port", str(port), "--stats"]
    if not windowed:
        cmd.append("--headless")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        wait_for_port(port, proc)
        time.sleep(1.0)  # let the window settle into its frame rhythm
        rate, p50, p99 = load(port, 1, seconds)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    result = {"rate": rate, "p50": p50, "p99": p99}
    match = re.search(r"lateness p50 ([\d.]+) ms, p99 ([\d.]+) ms", out)
    if match:
        result["tick_p50"], result["tick_p99"] = map(float, match.groups())
    match = re.search(r"window: \d+ frames in [\d.]+ s \(([\d.]+) frames/s\)", out)
    if match:
        result["fps"] = float(match.group(1))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=1200, help="frames per frame-rate case")
    parser.add_argument("--seconds", type=float, default=10.0, help="load duration per latency case")
    args = parser.parse_args()
    print(f"view frame rate, `line` scenario, headless (SDL dummy driver), {os.cpu_count()} CPUs")
    for size, overlay in (((1280, 720), False), ((1280, 720), True), ((1920, 1080), False)):
        fps = frames_per_second(size, args.frames, overlay)
        print(f"  {size[0]}x{size[1]}{' + overlay' if overlay else '          '}: {fps:7.0f} frames/s")
    print(f"Modbus FC3 x 10 registers, 1 client, {args.seconds:.0f} s per case, `factorylab sim --scenario line`")
    for windowed in (False, True):
        r = latency(windowed, args.seconds)
        label = "with the window" if windowed else "--headless     "
        extra = f", window {r['fps']:.1f} frames/s" if "fps" in r else ""
        ticks = f", tick lateness p99 {r['tick_p99']:.3f} ms" if "tick_p99" in r else ""
        print(f"  {label}: {r['rate']:>7,.0f} req/s  p50 {r['p50']:.3f} ms  p99 {r['p99']:.3f} ms{ticks}{extra}")


if __name__ == "__main__":
    main()
