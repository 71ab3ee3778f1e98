"""Answers to ``sort_b``: track the type B parts from the colour sensor and push them at the pusher (FIFO)."""

from __future__ import annotations

from collections import deque

from factorylab import plc

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "sort_b"

DISTANCE = 500.0  # mm from the colour sensor (600 mm) to the pusher's photo-eye (1100 mm)
SCAN = 0.05


def _run_line(line) -> None:
    line.feeder.run = True
    line.conveyor1.run = True
    line.conveyor2.run = True


# --- correct, written in different ways --------------------------------------------------------------

queue = []  # how far each type B part seen has gone since the colour sensor, mm
was_blue = False
was_there = False


def fifo_global(line, t):
    """Reference: a FIFO of distances in a module-level list; the pusher's photo-eye says a part arrived."""
    global was_blue, was_there
    _run_line(line)
    step = line.conveyor2.belt_speed * SCAN
    for i in range(len(queue)):
        queue[i] += step
    blue = line.sorter.type_b
    if blue and not was_blue:
        queue.append(0.0)
    was_blue = blue
    there = line.sorter.photo_eye
    if there and not was_there and queue and queue[0] > DISTANCE - 100:
        queue.pop(0)  # the part in front of the pusher is the first blue one
        line.sorter.extend = True
    was_there = there
    if line.sorter.extended:
        line.sorter.extend = False


class PositionTracker:
    """Tracking by position only: belt speed x time; push when the part's middle reaches the pusher."""

    def __init__(self) -> None:
        self.positions = []  # mm travelled by each blue part since the colour sensor
        self.blue_before = False
        self.last_t = 0.0

    def __call__(self, line, t):
        _run_line(line)
        dt = t - self.last_t
        self.last_t = t
        speed = line.conveyor2.belt_speed
        self.positions = [p + speed * dt for p in self.positions]
        blue = line.sorter.type_b
        if blue and not self.blue_before:
            self.positions.append(0.0)
        self.blue_before = blue
        if self.positions and self.positions[0] >= DISTANCE + 20 and line.sorter.retracted:
            self.positions.pop(0)
            line.sorter.extend = True
        if line.sorter.extended:
            line.sorter.extend = False


as_an_object = PositionTracker()


def make_with_plc_blocks():
    """A factory: edge blocks, a deque, and a latch for the stroke; the photo-eye confirms each arrival."""
    blue_edge = plc.R_TRIG()
    arrive = plc.R_TRIG()
    stroke = plc.RS()
    travelled = deque()

    def controller(line, t):
        _run_line(line)
        moved = line.conveyor2.belt_speed * SCAN
        for i in range(len(travelled)):
            travelled[i] += moved
        if blue_edge(line.sorter.type_b):
            travelled.append(0.0)
        push = False
        if arrive(line.sorter.photo_eye):
            while travelled and travelled[0] > DISTANCE + 150:
                travelled.popleft()  # never arrived (should not happen)
            if travelled and travelled[0] > DISTANCE - 120:
                travelled.popleft()
                push = True
        line.sorter.extend = stroke(push, line.sorter.extended)

    return controller


def with_m(line, t, m):
    """The recommended pattern: the FIFO and the edges live in m."""
    _run_line(line)
    if not m["fifo"]:
        m["fifo"] = []
    fifo = m["fifo"]
    for i in range(len(fifo)):
        fifo[i] = fifo[i] + line.conveyor2.belt_speed * SCAN
    if line.sorter.type_b and not m["blue"]:
        fifo.append(0)
    m["blue"] = line.sorter.type_b
    if line.sorter.photo_eye and not m["eye"]:
        if fifo and fifo[0] >= 400:
            fifo.pop(0)
            m["push"] = True
    m["eye"] = line.sorter.photo_eye
    if line.sorter.extended:
        m["push"] = False
    line.sorter.extend = m["push"]


SLOT = 10.0  # mm per place of the shift register
PLACES = int(DISTANCE // SLOT) + 3
register = [False] * PLACES  # one bit per 10 mm of belt between the colour sensor and the pusher
shifted = 0.0


def shift_register(line, t):
    """A PLC-style bit shift register clocked by the belt's travel (an encoder), as on real sorting lines."""
    global shifted
    _run_line(line)
    if line.sorter.type_b:
        register[0] = True
    shifted += line.conveyor2.belt_speed * SCAN
    while shifted >= SLOT:
        shifted -= SLOT
        register.insert(0, False)
        register.pop()
    at_pusher = register[-3] or register[-2] or register[-1]
    if at_pusher and line.sorter.photo_eye and line.sorter.retracted and not line.sorter.extend:
        for i in range(PLACES - 8, PLACES):  # this part's bits are used: clear them
            register[i] = False
        line.sorter.extend = True
    if line.sorter.extended:
        line.sorter.extend = False


CORRECT = [fifo_global, as_an_object, make_with_plc_blocks, with_m, shift_register]
REFERENCE = make_with_plc_blocks  # a factory: recording it leaves no state behind


# --- wrong ------------------------------------------------------------------------------------------------


def push_at_the_colour_sensor(line, t):
    """Pushes while the blue part is still at the colour sensor, 500 mm before the pusher."""
    _run_line(line)
    line.sorter.extend = line.sorter.type_b


def make_fixed_delay():
    """A FIFO of times with the delay measured once at 80 % (2.5 s): wrong at any other speed."""
    seen = []
    edge = plc.R_TRIG()

    def controller(line, t):
        _run_line(line)
        if edge(line.sorter.type_b):
            seen.append(t)
        if seen and t - seen[0] >= 2.5:
            seen.pop(0)
            line.sorter.extend = True
        if line.sorter.extended:
            line.sorter.extend = False

    return controller


def push_everything(line, t):
    """Pushes every part that reaches the pusher."""
    _run_line(line)
    line.sorter.extend = line.sorter.photo_eye and not line.sorter.extended


def push_nothing(line, t):
    """Runs the line and never pushes."""
    _run_line(line)


def make_last_colour_only():
    """Remembers only 'a blue part was seen': no FIFO, so the part in front of the pusher may be another one."""
    state = {"blue": False, "eye": False}

    def controller(line, t):
        _run_line(line)
        if line.sorter.type_b:
            state["blue"] = True
        eye = line.sorter.photo_eye
        if eye and not state["eye"] and state["blue"]:
            state["blue"] = False
            line.sorter.extend = True
        state["eye"] = eye
        if line.sorter.extended:
            line.sorter.extend = False

    return controller


def make_never_retracts():
    """The right FIFO, but the pusher is never switched back."""
    fifo = []
    blue = plc.R_TRIG()
    arrive = plc.R_TRIG()

    def controller(line, t):
        _run_line(line)
        for i in range(len(fifo)):
            fifo[i] += line.conveyor2.belt_speed * SCAN
        if blue(line.sorter.type_b):
            fifo.append(0.0)
        if arrive(line.sorter.photo_eye) and fifo and fifo[0] > 400:
            fifo.pop(0)
            line.sorter.extend = True

    return controller


def timetable(line, t):
    """Open loop: a push every 4 s by the clock."""
    _run_line(line)
    line.sorter.extend = t > 6 and (t % 4.0) < 0.45


def make_delay_from_conveyor1():
    """Right idea, wrong tag: the delay from conveyor1's belt speed, but the sensors sit on conveyor2."""
    due = []
    edge = plc.R_TRIG()

    def controller(line, t):
        _run_line(line)
        if edge(line.sorter.type_b):
            due.append(t + DISTANCE / line.conveyor1.belt_speed)
        if due and t >= due[0]:
            due.pop(0)
            line.sorter.extend = True
        if line.sorter.extended:
            line.sorter.extend = False

    return controller


def make_delay_from_speed_percent():
    """Right idea, wrong tag: conveyor2.speed is in %, not mm/s."""
    due = []
    edge = plc.R_TRIG()

    def controller(line, t):
        _run_line(line)
        if edge(line.sorter.type_b):
            due.append(t + DISTANCE / line.conveyor2.speed)
        if due and t >= due[0]:
            due.pop(0)
            line.sorter.extend = True
        if line.sorter.extended:
            line.sorter.extend = False

    return controller


def make_delay_ignores_stops():
    """The delay from the belt speed, but timed by the clock: wrong when the belt stops and starts again."""
    due = []
    edge = plc.R_TRIG()

    def controller(line, t):
        _run_line(line)
        if edge(line.sorter.type_b) and line.conveyor2.belt_speed > 0:
            due.append(t + DISTANCE / line.conveyor2.belt_speed)
        if due and t >= due[0]:
            due.pop(0)
            line.sorter.extend = True
        if line.sorter.extended:
            line.sorter.extend = False

    return controller


def make_one_scan_pulse():
    """A FIFO, but the pusher gets a one-scan pulse, not held until it is out."""
    fifo = []
    blue = plc.R_TRIG()
    arrive = plc.R_TRIG()

    def controller(line, t):
        _run_line(line)
        for i in range(len(fifo)):
            fifo[i] += line.conveyor2.belt_speed * SCAN
        if blue(line.sorter.type_b):
            fifo.append(0.0)
        line.sorter.extend = False
        if arrive(line.sorter.photo_eye) and fifo and fifo[0] > 400:
            fifo.pop(0)
            line.sorter.extend = True

    return controller


def make_push_when_it_has_passed():
    """A FIFO, but pushes on the falling edge of the photo-eye: the part has already passed the head."""
    fifo = []
    blue = plc.R_TRIG()
    leave = plc.F_TRIG()

    def controller(line, t):
        _run_line(line)
        for i in range(len(fifo)):
            fifo[i] += line.conveyor2.belt_speed * SCAN
        if blue(line.sorter.type_b):
            fifo.append(0.0)
        if leave(line.sorter.photo_eye) and fifo and fifo[0] > 400:
            fifo.pop(0)
            line.sorter.extend = True
        if line.sorter.extended:
            line.sorter.extend = False

    return controller


def make_slows_the_belt():
    """Sets conveyor2 to the speed its fixed delay was measured at."""
    inner = make_fixed_delay()

    def controller(line, t):
        line.conveyor2.speed = 80
        inner(line, t)

    return controller


def forgets_the_feeder(line, t):
    """Runs the belts but never switches the feeder on: no part comes."""
    line.conveyor1.run = line.conveyor2.run = True
    line.sorter.extend = line.sorter.photo_eye and not line.sorter.extended


def make_tests_the_pusher_first():
    """The reference, but it first strokes the pusher once to 'test' it: a push with nothing in front."""
    fifo = []
    blue = plc.R_TRIG()
    arrive = plc.R_TRIG()

    def controller(line, t):
        _run_line(line)
        if t < 0.3:
            line.sorter.extend = True
        for i in range(len(fifo)):
            fifo[i] += line.conveyor2.belt_speed * SCAN
        if blue(line.sorter.type_b):
            fifo.append(0.0)
        if arrive(line.sorter.photo_eye) and fifo and fifo[0] > 400:
            fifo.pop(0)
            line.sorter.extend = True
        if line.sorter.extended:
            line.sorter.extend = False

    return controller


def writes_the_colour_sensor(line, t):
    """Tries to write an input."""
    _run_line(line)
    line.sorter.type_b = False


def misspelt(line, t):
    """A misspelt tag name."""
    _run_line(line)
    line.sorter.push = line.sorter.photo_eye


def waits_for_the_part(line, t):
    """Waits inside the scan for the part: the watchdog stops it."""
    _run_line(line)
    while line.sorter.type_b:
        pass


WRONG = [
    Wrong(push_at_the_colour_sensor, "push_at_colour_sensor"),
    Wrong(make_fixed_delay, "fixed_delay"),
    Wrong(push_everything, "push_all"),
    Wrong(push_nothing, "push_nothing"),
    Wrong(make_last_colour_only, "no_fifo"),
    Wrong(make_never_retracts, "never_retracts"),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(make_delay_from_conveyor1, "conveyor1_speed", WRONG_TAG),
    Wrong(make_delay_from_speed_percent, "speed_percent", WRONG_TAG),
    Wrong(make_delay_ignores_stops, "belt_stop"),
    Wrong(make_one_scan_pulse, "retracted_too_soon"),
    Wrong(make_push_when_it_has_passed, "push_timing"),
    Wrong(make_slows_the_belt, "setting_changed"),
    Wrong(forgets_the_feeder, "line_not_running"),
    Wrong(make_tests_the_pusher_first, "push_air"),
    Wrong(writes_the_colour_sensor, "read_only_tag"),
    Wrong(misspelt, "unknown_tag"),
    Wrong(waits_for_the_part, "watchdog"),
]
