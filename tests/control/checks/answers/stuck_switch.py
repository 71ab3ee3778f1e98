"""Answers to ``stuck_switch``: the red lamp when the high level switch reads 0 although the level is above it."""

from __future__ import annotations

from factorylab import plc

from ..catalogue import OPEN_LOOP, WRONG_TAG, Wrong

CHECK = "stuck_switch"


# --- correct, written in different ways --------------------------------------------------------------

mismatch_timer = plc.TON(2.0)


def with_a_timer(line, t):
    """Reference: the level 20 mm above the switch while the switch says 'not high', for 2 s."""
    mismatch = line.tank.level > 920 and not line.tank.high
    line.stack_light.red = mismatch_timer(mismatch, t)


def plain(line, t):
    """No delay: the 20 mm margin is far above the noise (about 0.15 mm)."""
    line.stack_light.red = line.tank.level > 920 and not line.tank.high


def counting_scans(line, t, m):
    """A debounce written by hand: 40 scans (2 s) of disagreement in a row, in m."""
    if line.tank.level >= 915 and line.tank.high == 0:
        m["count"] += 1
    else:
        m["count"] = 0
    line.stack_light.red = m["count"] >= 40


def in_counts(line, t):
    """The same rule on the raw counts (925 mm = 3700 counts), with the buzzer too."""
    alarm = line.tank.level_raw > 3700 and not line.tank.high
    line.stack_light.red = alarm
    line.stack_light.buzzer = alarm


latch = plc.RS()
latch_timer = plc.TON(3.0)


def latched_until_reset(line, t):
    """A latched alarm, as many plants do it: set by the disagreement, cleared by the reset button."""
    mismatch = latch_timer(line.tank.level > 925 and not line.tank.high, t)
    line.stack_light.red = latch(mismatch, line.panel.reset)


def blinking(line, t):
    """A blinking red lamp (on half of each second) while the signals disagree."""
    mismatch = line.tank.level > 910 and not line.tank.high
    line.stack_light.red = mismatch and (t % 1.0) < 0.5


class Plausibility:
    """An object with ``__call__``: on above 925 mm, off again below 905 mm or when the switch says high."""

    def __init__(self) -> None:
        self.alarm = False

    def __call__(self, line, t):
        level, high = line.tank.level, line.tank.high
        if level > 925 and not high:
            self.alarm = True
        elif level < 905 or high:
            self.alarm = False
        line.stack_light.red = self.alarm


as_an_object = Plausibility()

CORRECT = [with_a_timer, plain, counting_scans, in_counts, latched_until_reset, blinking, as_an_object]
REFERENCE = with_a_timer


# --- wrong ------------------------------------------------------------------------------------------------


def low_switch(line, t):
    """Right idea, wrong tag: the low level switch instead of the high one."""
    line.stack_light.red = line.tank.level > 920 and not line.tank.low


def timetable(line, t):
    """Open loop: the alarm by the clock."""
    line.stack_light.red = 40 <= t < 80


def always_on(line, t):
    line.stack_light.red = True


never_reset = plc.SR()


def latched_for_good(line, t):
    """Latched, and nothing ever clears it."""
    line.stack_light.red = never_reset(line.tank.level > 920 and not line.tank.high, False)


def no_margin(line, t):
    """Compares with exactly 900 mm and no delay: the noise on the level makes it flicker."""
    line.stack_light.red = line.tank.level > 900 and not line.tank.high


def switch_at_850(line, t):
    """Takes the switch to be at 850 mm."""
    line.stack_light.red = line.tank.level > 850 and not line.tank.high


def margin_too_big(line, t):
    """A margin of 60 mm: the alarm comes too late."""
    line.stack_light.red = line.tank.level > 960 and not line.tank.high


def switch_at_1000(line, t):
    """Takes the switch to be at the top of the tank: the level never gets there."""
    line.stack_light.red = line.tank.level > 1000 and not line.tank.high


def amber(line, t):
    """The right rule on the amber lamp."""
    line.stack_light.amber = line.tank.level > 920 and not line.tank.high


def writes_the_switch(line, t):
    """Tries to write an input."""
    line.tank.high = line.tank.level > 900


WRONG = [
    Wrong(low_switch, "wrong_switch", WRONG_TAG),
    Wrong(timetable, "open_loop", OPEN_LOOP),
    Wrong(always_on, "always_on"),
    Wrong(latched_for_good, "never_clears"),
    Wrong(no_margin, "no_margin"),
    Wrong(switch_at_850, "wrong_level"),
    Wrong(margin_too_big, "too_late"),
    Wrong(switch_at_1000, "no_alarm"),
    Wrong(amber, "amber_lamp"),
    Wrong(writes_the_switch, "read_only_tag"),
]
