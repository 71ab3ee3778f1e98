"""Unit 3 figure: the same button presses, inching (jog) and seal-in side by side, as steps over time.

Drawn from a real fast-forward run of the conveyor scenario with the answers of exercises 3-1 and 3-2.
"""

from __future__ import annotations

from _signals import add_history, draw_lanes, new_rows

import factorylab

#: (time s, button, held s): start tapped, held, pressed again while running, start and stop together, stop
PRESSES = [(1.0, "start", 0.4), (3.0, "start", 1.6), (6.0, "start", 0.4), (8.0, "stop", 0.4), (10.0, "start", 0.4),
           (12.0, "start", 0.6), (12.0, "stop", 0.6), (14.5, "stop", 0.4)]  # fmt: skip
SECONDS = 16.0
TAGS = ["panel.start", "panel.stop", "conveyor1.run"]


def jog(line, t, m):
    """3-1: runs while start is held and stop is not."""
    line.conveyor1.run = line.conveyor2.run = line.panel.start and not line.panel.stop


def seal_in(line, t, m):
    """3-2: seal-in with stop priority."""
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop
    line.conveyor1.run = line.conveyor2.run = run


def record(controller) -> dict[str, list]:
    """Every scan of a run with the presses above: time and the three tags."""
    line = factorylab.connect(scenario="conveyor")
    rows = new_rows(TAGS)
    events = sorted(PRESSES)
    done = 0.0
    for at, button, held in events + [(SECONDS, None, 0.0)]:
        if at > done:
            result = factorylab.run(controller, line, seconds=at - done, record=TAGS, record_every=0.05)
            add_history(rows, result.history, TAGS)
            done = at
        if button is not None:
            line.press(button, held)
    return rows


def figure(lang: str):
    """Start, stop and the run command over time: inching (3-1) and seal-in (3-2)."""
    ko = lang == "ko"
    jogged, sealed = record(jog), record(seal_in)
    lanes = [
        ("panel.start", jogged["t"], jogged["panel.start"], "기동 버튼" if ko else "start button", "tab:blue"),
        ("panel.stop", jogged["t"], jogged["panel.stop"], "정지 버튼" if ko else "stop button", "tab:red"),
        ("conveyor1.run", jogged["t"], jogged["conveyor1.run"], "3-1 인칭" if ko else "3-1 jog", "tab:green"),
        ("conveyor1.run", sealed["t"], sealed["conveyor1.run"], "3-2 자기유지" if ko else "3-2 seal-in", "tab:green"),
    ]
    fig, axes = draw_lanes(lanes, height=4.8)
    axes[-1].set_xlabel("시간 (초)" if ko else "time (s)")
    axes[0].set_title(
        "같은 버튼 조작, 두 회로: 인칭은 누르는 동안만, 자기유지는 정지까지 (기동과 정지를 함께 누르면 정지 우선)"
        if ko
        else "Same presses, two circuits: jog runs while held, seal-in until stop (start and stop together: stop wins)",
        fontsize=10,
    )
    fig.tight_layout()
    return fig
