"""Answers to ``manual_auto``: manual jogs, auto seals in, turning the selector stops the line."""

from __future__ import annotations

from factorylab import plc

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "manual_auto"


def _write(line, run: bool) -> None:
    line.conveyor1.run = run
    line.conveyor2.run = run


# --- correct, written in different ways --------------------------------------------------------------


def manual_auto(line, t, m):
    """Reference: remember the mode in m; a change drops the seal-in; auto seals in, manual jogs."""
    auto = line.panel.auto
    if auto != m["last_auto"]:  # the selector was turned: forget the seal-in
        m["run"] = False
    m["last_auto"] = auto
    ok = line.panel.safety_ok
    if auto:
        m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and ok
        run = m["run"]
    else:
        m["run"] = False
        run = line.panel.start and not line.panel.stop and ok
    _write(line, run)


to_auto = plc.R_TRIG()
to_manual = plc.F_TRIG()
latch = plc.RS()


def with_edges_and_a_latch(line, t):
    """PLC blocks: the selector's rising and falling edges reset an RS latch set by start in auto."""
    turned_on = to_auto(line.panel.auto)
    turned_off = to_manual(line.panel.auto)
    reset = turned_on or turned_off or line.panel.stop or not line.panel.safety_ok or not line.panel.auto
    sealed = latch(line.panel.auto and line.panel.start, reset)
    jog = not line.panel.auto and line.panel.start and not line.panel.stop and line.panel.safety_ok
    _write(line, sealed or jog)


class ModeController:
    """An object with ``__call__``: a small state machine STOPPED / RUNNING / JOG with the mode it saw."""

    def __init__(self) -> None:
        self.state = "STOPPED"
        self.mode = None

    def __call__(self, line, t):
        mode = "auto" if line.panel.auto else "manual"
        if mode != self.mode:
            self.state = "STOPPED"
            self.mode = mode
        if not line.panel.safety_ok or line.panel.stop:
            self.state = "STOPPED"
        elif mode == "manual":
            self.state = "JOG" if line.panel.start else "STOPPED"
        elif line.panel.start:
            self.state = "RUNNING"
        _write(line, self.state != "STOPPED")


as_an_object = ModeController()

running = False
last_mode = True


def with_globals(line, t):
    """Module-level state: a global seal-in, cleared when the selector moves."""
    global running, last_mode
    if line.panel.auto != last_mode:
        running = False
        last_mode = line.panel.auto
    if not line.panel.auto or line.panel.stop or not line.panel.safety_ok:
        running = False
    elif line.panel.start:
        running = True
    jog = not line.panel.auto and line.panel.start and line.panel.safety_ok and not line.panel.stop
    _write(line, running or jog)


CORRECT = [manual_auto, with_edges_and_a_latch, as_an_object, with_globals]
REFERENCE = manual_auto


# --- wrong ------------------------------------------------------------------------------------------------


def always_seal_in(line, t, m):
    """Mode ignored: the seal-in of lab 3-1 in both modes."""
    m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and line.panel.safety_ok
    _write(line, m["run"])


def always_jog(line, t):
    """Mode ignored: jogging in both modes."""
    _write(line, line.panel.start and not line.panel.stop and line.panel.safety_ok)


def inverted(line, t, m):
    """Reads the selector the wrong way round: 1 taken as manual."""
    manual = line.panel.auto
    if manual != m["last"]:
        m["run"] = False
    m["last"] = manual
    if manual:
        m["run"] = False
        run = line.panel.start and line.panel.safety_ok
    else:
        m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and line.panel.safety_ok
        run = m["run"]
    _write(line, run)


def keeps_running_in_manual(line, t, m):
    """The latch is set only in auto, but nothing clears it when the selector moves to manual."""
    if line.panel.start and line.panel.auto:
        m["run"] = True
    if line.panel.stop or not line.panel.safety_ok:
        m["run"] = False
    _write(line, m["run"] or (not line.panel.auto and line.panel.start))


def keeps_the_latch_in_manual(line, t, m):
    """Manual output is the button, but the auto latch survives manual: back in auto the line restarts."""
    ok = line.panel.safety_ok
    if line.panel.auto:
        m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and ok
        _write(line, m["run"])
    else:
        _write(line, line.panel.start and ok)


def timetable(line, t):
    """Open loop: on from 4 s to 9 s and from 15 s to 30 s."""
    _write(line, 4.0 <= t < 9.0 or 15.0 <= t < 30.0)


def only_conveyor1(line, t, m):
    """Right idea, but conveyor2.run is never written."""
    auto = line.panel.auto
    if auto != m["last_auto"]:
        m["run"] = False
    m["last_auto"] = auto
    if auto:
        m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and line.panel.safety_ok
        line.conveyor1.run = m["run"]
    else:
        m["run"] = False
        line.conveyor1.run = line.panel.start and line.panel.safety_ok


def uses_estop_not_safety_ok(line, t, m):
    """Right idea, wrong tag: not panel.estop instead of panel.safety_ok, so the reset restarts nothing but
    a start before the reset counts."""
    auto = line.panel.auto
    if auto != m["last_auto"]:
        m["run"] = False
    m["last_auto"] = auto
    ok = not line.panel.estop
    if auto:
        m["run"] = (line.panel.start or m["run"]) and not line.panel.stop and ok
        run = m["run"]
    else:
        m["run"] = False
        run = line.panel.start and ok
    _write(line, run)


def ignores_stop(line, t, m):
    """Auto without the stop button."""
    auto = line.panel.auto
    if auto != m["last_auto"]:
        m["run"] = False
    m["last_auto"] = auto
    if auto:
        m["run"] = (line.panel.start or m["run"]) and line.panel.safety_ok
        _write(line, m["run"])
    else:
        m["run"] = False
        _write(line, line.panel.start and line.panel.safety_ok)


WRONG = [
    Wrong(always_seal_in, "manual_sealed"),
    Wrong(always_jog, "auto_not_sealed"),
    Wrong(inverted, "inverted_mode"),
    Wrong(keeps_running_in_manual, "keeps_running_in_manual"),
    Wrong(keeps_the_latch_in_manual, "restart_on_mode_change"),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(only_conveyor1, "conveyor2_missing", WRONG_TAG),
    Wrong(uses_estop_not_safety_ok, "estop_not_safety", WRONG_TAG),
    Wrong(ignores_stop, "stop_ignored"),
]
