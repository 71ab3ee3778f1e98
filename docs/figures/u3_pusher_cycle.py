"""Unit 3 figure: one pusher cycle on its limit switches, then the same press with a broken extended switch.

Drawn from a real fast-forward run of the sorting scenario with the answer of exercise 3-9
(lab ``timers_sequences``): start pressed at 0.5 s (a healthy cycle), the switch ``sorter.extended``
stuck at 0 from 2.0 s, start pressed again at 2.5 s (the 1 s alarm), reset at 5.0 s.
"""

from __future__ import annotations

from _signals import add_history, draw_lanes, new_rows

import factorylab
from factorylab import plc

TAGS = ["panel.start", "sorter.extend", "sorter.extended", "sorter.retracted", "stack_light.red", "panel.reset"]
#: (time s, what): the operator and the fault
SCRIPT = [(0.5, "start"), (2.0, "fault"), (2.5, "start"), (5.0, "reset"), (6.0, None)]


def make_controller():
    """The answer of exercise 3-9: a step number in m, a rising edge for start, TON(1.0) for the alarm."""
    start_edge = plc.R_TRIG()
    timer = plc.TON(1.0)

    def controller(line, t, m):
        pressed = start_edge(line.panel.start)
        late = timer(m["step"] == 1 and not line.sorter.extended, t)
        if line.panel.reset:
            m["alarm"] = False
        if m["step"] == 0 and pressed and line.sorter.retracted and not m["alarm"]:
            m["step"] = 1
        elif m["step"] == 1 and (line.sorter.extended or late):
            m["step"] = 2
            m["alarm"] = m["alarm"] or (late and not line.sorter.extended)
        elif m["step"] == 2 and line.sorter.retracted:
            m["step"] = 0
        line.sorter.extend = m["step"] == 1
        line.stack_light.red = bool(m["alarm"])

    return controller


def record() -> dict[str, list]:
    """Every scan of the scripted run: time and the tags above."""
    line = factorylab.connect(scenario="sorting")
    controller = make_controller()
    rows = new_rows(TAGS)
    done = 0.0
    for at, what in SCRIPT:
        if at > done:
            history = factorylab.run(controller, line, seconds=at - done, record=TAGS, record_every=0.05).history
            add_history(rows, history, TAGS)
            done = at
        if what == "fault":
            line.plant.faults.inject("sensor_stuck_off", "sorter.extended")
        elif what is not None:
            line.press(what, 0.3)
    return rows


def figure(lang: str):
    """The pusher's command, its two limit switches and the alarm over time."""
    ko = lang == "ko"
    rows = record()
    names = {
        "panel.start": ("기동 버튼", "start button", "tab:blue"),
        "sorter.extend": ("전진 명령 (출력)", "extend command (output)", "tab:green"),
        "sorter.extended": ("전진 끝 리밋스위치", "extended limit switch", "tab:orange"),
        "sorter.retracted": ("후진 끝 리밋스위치", "retracted limit switch", "tab:purple"),
        "stack_light.red": ("적색등 (경보)", "red lamp (alarm)", "tab:red"),
        "panel.reset": ("리셋 버튼", "reset button", "tab:gray"),
    }
    lanes = [(tag, rows["t"], rows[tag], names[tag][0 if ko else 1], names[tag][2]) for tag in TAGS]
    fig, axes = draw_lanes(lanes, height=5.6)
    for ax in axes:
        ax.axvspan(2.0, 6.0, color="tab:red", alpha=0.05)
    axes[2].annotate(
        "센서 고장: 항상 0" if ko else "broken sensor: always 0",
        xy=(3.0, 0.5),
        fontsize=9,
        color="tab:red",
    )
    axes[-1].set_xlabel("시간 (초)" if ko else "time (s)")
    axes[0].set_title(
        "푸셔 1 사이클: 전진, 전진 끝, 후진, 후진 끝. 전진 끝이 1초 안에 안 오면 후진하고 적색등 (리셋까지)"
        if ko
        else "One pusher cycle: extend, extended, retract, retracted. No extended switch within 1 s: "
        "retract + red lamp until reset",
        fontsize=10,
    )
    fig.tight_layout()
    return fig
