"""Unit 3 figure: the start order, the reverse stop and the feeder's interlock on conveyor1's running feedback.

Drawn from a real fast-forward run of the conveyor scenario with the answer of exercise 3-6 (lab
``modes_interlocks``): start at 1 s; at 6 s conveyor1's running feedback reads 0 for 2 s (a stuck contact, as in
one of the check's hidden runs) while its command stays on, so the feeder stops; stop at 11 s.
"""

from __future__ import annotations

from _signals import add_history, draw_lanes, new_rows

import factorylab
from factorylab import plc

START, STUCK, STUCK_FOR, STOP, SECONDS = 1.0, 6.0, 2.0, 11.0, 15.0
TAGS = ["panel.start", "panel.stop", "conveyor2.run", "conveyor1.run", "conveyor1.running", "feeder.run"]


def make_controller():
    """The answer of exercise 3-6: TONs start each step 1 s after the one before, TOFs hold the belts on the stop."""
    c1_on_delay, feeder_on_delay = plc.TON(1.0), plc.TON(1.0)
    c1_off_delay, c2_off_delay = plc.TOF(1.0), plc.TOF(2.0)

    def start_order(line, t, m):
        ok = line.panel.safety_ok
        m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and ok
        conveyor2 = c2_off_delay(m["run"], t) and ok
        conveyor1 = c1_on_delay(conveyor2, t) and c1_off_delay(m["run"], t) and ok
        line.conveyor2.run = conveyor2
        line.conveyor1.run = conveyor1
        line.feeder.run = m["run"] and feeder_on_delay(conveyor1, t) and line.conveyor1.running

    return start_order


def record() -> dict[str, list]:
    """Every scan of the run described above: time and the tags."""
    line = factorylab.connect(scenario="conveyor")
    controller = make_controller()
    rows = new_rows(TAGS)

    def run_until(end: float) -> None:
        result = factorylab.run(controller, line, seconds=end - line.time, record=TAGS, record_every=0.05)
        add_history(rows, result.history, TAGS)

    run_until(START)
    line.press("start", 0.4)
    run_until(STUCK)
    line.plant.inject_fault("sensor_stuck_off", "conveyor1.running", duration=STUCK_FOR)
    run_until(STOP)
    line.press("stop", 0.4)
    run_until(SECONDS)
    return rows


def figure(lang: str):
    """The buttons, the three run commands and conveyor1's running feedback over time."""
    ko = lang == "ko"
    rows = record()
    names = {
        "panel.start": ("기동 버튼", "start button", "tab:blue"),
        "panel.stop": ("정지 버튼", "stop button", "tab:red"),
        "conveyor2.run": ("컨베이어2 명령", "conveyor2 command", "tab:green"),
        "conveyor1.run": ("컨베이어1 명령", "conveyor1 command", "tab:green"),
        "conveyor1.running": ("컨베이어1 회전 신호", "conveyor1 feedback", "tab:purple"),
        "feeder.run": ("공급기 명령", "feeder command", "tab:orange"),
    }
    lanes = [(tag, rows["t"], rows[tag], names[tag][0 if ko else 1], names[tag][2]) for tag in TAGS]
    fig, axes = draw_lanes(lanes, height=5.6)
    for ax in axes:
        ax.axvspan(STUCK, STUCK + STUCK_FOR, color="#c62828", alpha=0.08)
    axes[4].text(STUCK + STUCK_FOR / 2, 0.5, "접점 고장" if ko else "stuck contact", ha="center", fontsize=8)
    axes[-1].set_xlabel("시간 (초)" if ko else "time (s)")
    axes[0].set_title(
        "기동은 배출 쪽부터 1초 간격, 정지는 역순; 공급기는 회전 신호가 1일 때만"
        if ko
        else "Start from the outfeed end, 1 s apart; stop in reverse; the feeder only while the feedback is 1",
        fontsize=10,
    )
    fig.tight_layout()
    return fig
