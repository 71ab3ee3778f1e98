"""Answers to ``count_parts``: count the parts passing conveyor2.photo_eye_exit and show the count on panel.display."""

from __future__ import annotations

from factorylab import plc

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "count_parts"

# --- correct, written in different ways --------------------------------------------------------------

edge = plc.R_TRIG()


def count_parts(line, t, m):
    """Reference: a rising-edge block made once, the count in m."""
    if edge(line.conveyor2.photo_eye_exit):
        m["count"] += 1
    line.panel.display = m["count"]


def by_hand(line, t, m):
    """The edge by hand: now on, and off in the last scan."""
    eye = line.conveyor2.photo_eye_exit
    if eye and not m["was_on"]:
        m["count"] += 1
    m["was_on"] = eye
    line.panel.display = m["count"]


leaving = plc.F_TRIG()


def on_the_falling_edge(line, t, m):
    """Counted when the part leaves the eye (1 to 0): each part once, a little later."""
    if leaving(line.conveyor2.photo_eye_exit):
        m["count"] += 1
    line.panel.display = m["count"]


counter = plc.CTU(9999)


def with_a_ctu(line, t):
    """An up counter: CTU counts the rising edges of CU by itself."""
    counter(line.conveyor2.photo_eye_exit)
    line.panel.display = counter.CV


class Counter:
    """An object with ``__call__``; its attributes are its memory."""

    def __init__(self) -> None:
        self.count = 0
        self.before = False

    def __call__(self, line, t):
        eye = line.conveyor2.photo_eye_exit
        if eye and not self.before:
            self.count += 1
        self.before = eye
        line.panel.display = self.count


def make_counter():
    """A factory: a fresh closure and a fresh R_TRIG for each run; it also runs the belts, as in exercise 1-1."""
    rising = plc.R_TRIG()
    count = 0

    def controller(line, t):
        nonlocal count
        line.conveyor1.run = line.conveyor2.run = line.feeder.run = True
        if rising(line.conveyor2.photo_eye_exit):
            count += 1
        line.panel.display = count

    return controller


CORRECT = [count_parts, by_hand, on_the_falling_edge, with_a_ctu, Counter(), make_counter]
REFERENCE = count_parts


# --- wrong ------------------------------------------------------------------------------------------------


def counts_scans(line, t, m):
    """Counts every scan the eye is on."""
    if line.conveyor2.photo_eye_exit:
        m["count"] += 1
    line.panel.display = m["count"]


def both_edges(line, t, m):
    """Counts every change of the eye: on and off."""
    eye = line.conveyor2.photo_eye_exit
    if eye != m["before"]:
        m["count"] += 1
    m["before"] = eye
    line.panel.display = m["count"]


def timetable(line, t, m):
    """Open loop: one part every 3 s (the feed interval seen once)."""
    line.panel.display = int(t // 3)


c1_edge = plc.R_TRIG()


def wrong_eye(line, t, m):
    """Right idea, wrong photo-eye: conveyor1's exit eye."""
    if c1_edge(line.conveyor1.photo_eye_exit):
        m["count"] += 1
    line.panel.display = m["count"]


def forgets(line, t):
    """The count is a plain variable of the scan: it starts at 0 in every scan."""
    count = 0
    if line.conveyor2.photo_eye_exit and not line.conveyor2.photo_eye_entry:
        count = count + 1
    line.panel.display = count


never_shown = plc.R_TRIG()


def never_shown_on_the_display(line, t, m):
    """Counts right, but keeps the count to itself."""
    if never_shown(line.conveyor2.photo_eye_exit):
        m["count"] += 1


def copies_parts_out(line, t):
    """Copies the line's own counter."""
    line.panel.display = line.production.parts_out


def stops_the_line(line, t):
    """Trips the safety relay from the program, so no part passes and 0 is right."""
    line.panel.remote_estop = True
    line.panel.display = 0


def edge_made_in_every_scan(line, t, m):
    """A new R_TRIG in every scan remembers nothing: it fires in every scan the eye is on."""
    if plc.R_TRIG()(line.conveyor2.photo_eye_exit):
        m["count"] += 1
    line.panel.display = m["count"]


def waits_for_the_part(line, t, m):
    """Waits inside the scan until the part has gone: the watchdog stops it."""
    if line.conveyor2.photo_eye_exit:
        while line.conveyor2.photo_eye_exit:
            pass
        m["count"] += 1
    line.panel.display = m["count"]


slow = plc.R_TRIG()


def looks_twice_a_second(line, t, m):
    """Reads the eye only every 0.5 s (10 scans): short pulses go unseen."""
    if round(t * 20) % 10 == 0:
        if slow(line.conveyor2.photo_eye_exit):
            m["count"] += 1
    line.panel.display = m["count"]


first = plc.R_TRIG()


def starts_at_one(line, t, m):
    """Shows the count plus one."""
    if first(line.conveyor2.photo_eye_exit):
        m["count"] += 1
    line.panel.display = m["count"] + 1


WRONG = [
    Wrong(counts_scans, "counted_scans"),
    Wrong(both_edges, "both_edges"),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(wrong_eye, "wrong_eye", WRONG_TAG),
    Wrong(forgets, "not_remembered"),
    Wrong(never_shown_on_the_display, "display_not_written"),
    Wrong(copies_parts_out, "copied_parts_out"),
    Wrong(stops_the_line, "line_stopped"),
    Wrong(edge_made_in_every_scan, "block_made_in_scan"),
    Wrong(waits_for_the_part, "watchdog"),
    Wrong(looks_twice_a_second, "missed_part"),
    Wrong(starts_at_one, "counted_too_many"),
]
