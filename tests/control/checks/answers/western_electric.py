"""Answers to ``western_electric``: rules 1-4 on X̄ (lab 5-1, exercise 5-3), on hidden planted sequences and on
the real tool-wear drift of the student's shift (``parts=``, ``sigma=``)."""

from __future__ import annotations

from collections import deque

import numpy as np

from ..catalogue import Wrong
from .xbar_r import A2, D2, Own, own_parts, xbar_r_limits

CHECK = "western_electric"


def sigma_xbar():
    return A2 * xbar_r_limits(own_parts())["r_cl"] / 3


def western_electric(points, center, sigma):
    """Reference: the solution of lab 5-1."""
    z = [(x - center) / sigma for x in points]
    flags = {1: [], 2: [], 3: [], 4: []}
    for i in range(len(z)):
        if abs(z[i]) > 3:
            flags[1].append(i)
        if i >= 2:
            window = z[i - 2 : i + 1]
            if sum(v > 2 for v in window) >= 2 or sum(v < -2 for v in window) >= 2:
                flags[2].append(i)
        if i >= 4:
            window = z[i - 4 : i + 1]
            if sum(v > 1 for v in window) >= 4 or sum(v < -1 for v in window) >= 4:
                flags[3].append(i)
        if i >= 7:
            window = z[i - 7 : i + 1]
            if all(v > 0 for v in window) or all(v < 0 for v in window):
                flags[4].append(i)
    return flags


def with_numpy(points, center, sigma):
    """numpy: signs and counts over sliding windows."""
    z = (np.asarray(points, dtype=float) - center) / sigma
    flags = {1: list(np.flatnonzero(np.abs(z) > 3))}
    for rule, width, need, level in ((2, 3, 2, 2), (3, 5, 4, 1)):
        found = []
        for i in range(width - 1, len(z)):
            window = z[i - width + 1 : i + 1]
            if (window > level).sum() >= need or (window < -level).sum() >= need:
                found.append(i)
        flags[rule] = found
    sign = np.sign(z)
    flags[4] = [i for i in range(7, len(z)) if abs(sign[i - 7 : i + 1].sum()) == 8]
    return flags


def with_counters(points, center, sigma):
    """A run counter for rule 4 and deques for the windows, as a PLC would do it."""
    flags = {"1": [], "2": [], "3": [], "4": []}
    last3, last5 = deque(maxlen=3), deque(maxlen=5)
    run, side = 0, 0
    for i, x in enumerate(points):
        d = x - center
        if d > 3 * sigma or d < -3 * sigma:
            flags["1"].append(i)
        last3.append(d)
        last5.append(d)
        if len(last3) == 3 and (
            sum(1 for v in last3 if v > 2 * sigma) >= 2 or sum(1 for v in last3 if v < -2 * sigma) >= 2
        ):
            flags["2"].append(i)
        if len(last5) == 5 and (sum(1 for v in last5 if v > sigma) >= 4 or sum(1 for v in last5 if v < -sigma) >= 4):
            flags["3"].append(i)
        now = 1 if d > 0 else (-1 if d < 0 else 0)
        run = run + 1 if now != 0 and now == side else (1 if now != 0 else 0)
        side = now
        if run >= 8:
            flags["4"].append(i)
    return flags


REFERENCE = Own(western_electric, "reference_own_data", sigma=sigma_xbar)
CORRECT = [
    REFERENCE,
    Own(with_numpy, "numpy_own_data", sigma=sigma_xbar),
    Own(with_counters, "counters_own_data", sigma=sigma_xbar),
]


def _we_rules():
    """The check's rules with their switches for the typical wrong versions, as the student's own code.

    A student's function that calls the check's ``we_rules`` is told so (``asked_the_check``); these wrong
    answers are the mistakes themselves, so the catalogue compiles its own copy of that function's text.
    """
    import inspect
    import textwrap

    from factorylab.labs import lab05a_spc_checks

    source = textwrap.dedent(inspect.getsource(lab05a_spc_checks.we_rules))
    space = {"__builtins__": __builtins__}
    exec(compile("from __future__ import annotations\n" + source, __file__, "exec"), space)  # noqa: S102
    return space["we_rules"]


_WE_RULES = _we_rules()


def _variant(**changes):
    we_rules = _WE_RULES

    def rules(points, center, sigma):
        return we_rules(points, center, sigma, **changes)

    return rules


def both_sides(points, center, sigma):
    return _variant(both_sides=True)(points, center, sigma)


def centre_counts(points, center, sigma):
    z = [(x - center) / sigma for x in points]
    flags = western_electric(points, center, sigma)
    flags[4] = [i for i in range(7, len(z)) if all(v >= 0 for v in z[i - 7 : i + 1]) or all(
        v <= 0 for v in z[i - 7 : i + 1])]  # fmt: skip
    return flags


def slice_too_short(points, center, sigma):
    """z[i - 2 : i] and z[i - 4 : i]: the slice's end left out."""
    z = [(x - center) / sigma for x in points]
    flags = western_electric(points, center, sigma)
    flags[2] = [i for i in range(2, len(z)) if sum(v > 2 for v in z[i - 1 : i + 1]) >= 2 or sum(
        v < -2 for v in z[i - 1 : i + 1]) >= 2]  # fmt: skip
    flags[3] = [i for i in range(4, len(z)) if sum(v > 1 for v in z[i - 3 : i + 1]) >= 4 or sum(
        v < -1 for v in z[i - 3 : i + 1]) >= 4]  # fmt: skip
    return flags


def seven_in_a_row(points, center, sigma):
    z = [(x - center) / sigma for x in points]
    flags = western_electric(points, center, sigma)
    flags[4] = [i for i in range(6, len(z)) if all(v > 0 for v in z[i - 6 : i + 1]) or all(
        v < 0 for v in z[i - 6 : i + 1])]  # fmt: skip
    return flags


def first_of_window(points, center, sigma):
    return _variant(mark="first")(points, center, sigma)


def one_based(points, center, sigma):
    return {rule: [i + 1 for i in found] for rule, found in western_electric(points, center, sigma).items()}


def rule_one_at_two_sigma(points, center, sigma):
    flags = western_electric(points, center, sigma)
    flags[1] = [i for i, x in enumerate(points) if abs(x - center) > 2 * sigma]
    return flags


def elif_chain(points, center, sigma):
    """if / elif: one rule per point (the first that fires)."""
    z = [(x - center) / sigma for x in points]
    flags = {1: [], 2: [], 3: [], 4: []}
    for i in range(len(z)):
        w3, w5, w8 = z[max(i - 2, 0) : i + 1], z[max(i - 4, 0) : i + 1], z[max(i - 7, 0) : i + 1]
        if abs(z[i]) > 3:
            flags[1].append(i)
        elif len(w3) == 3 and (sum(v > 2 for v in w3) >= 2 or sum(v < -2 for v in w3) >= 2):
            flags[2].append(i)
        elif len(w5) == 5 and (sum(v > 1 for v in w5) >= 4 or sum(v < -1 for v in w5) >= 4):
            flags[3].append(i)
        elif len(w8) == 8 and (all(v > 0 for v in w8) or all(v < 0 for v in w8)):
            flags[4].append(i)
    return flags


def last_point_must_be_beyond(points, center, sigma):
    """Rules 2 and 3 only when the newest point itself is beyond the line."""
    z = [(x - center) / sigma for x in points]
    flags = western_electric(points, center, sigma)
    flags[2] = [i for i in flags[2] if abs(z[i]) > 2]
    flags[3] = [i for i in flags[3] if abs(z[i]) > 1]
    return flags


def run_counter_reset(points, center, sigma):
    """Rule 4 with a counter set back to 0 after each flag: a run of 10 is flagged once."""
    flags = western_electric(points, center, sigma)
    flags[4], run, side = [], 0, 0
    for i, x in enumerate(points):
        now = (x > center) - (x < center)
        run = run + 1 if now != 0 and now == side else (1 if now != 0 else 0)
        side = now
        if run == 8:
            flags[4].append(i)
            run = 0
    return flags


def returns_list(points, center, sigma):
    return sorted({i for found in western_electric(points, center, sigma).values() for i in found})


def sigma_of_individuals():
    return xbar_r_limits(own_parts())["r_cl"] / D2


WRONG = [
    Wrong(both_sides, "both_sides"),
    Wrong(centre_counts, "centre_counts"),
    Wrong(slice_too_short, "window_off_by_one"),
    Wrong(seven_in_a_row, "run_off_by_one"),
    Wrong(first_of_window, "window_start"),
    Wrong(one_based, "one_based"),
    Wrong(rule_one_at_two_sigma, "rule1"),
    Wrong(Own(elif_chain, "elif_chain", sigma=sigma_xbar), "one_rule_a_point"),
    Wrong(Own(last_point_must_be_beyond, "last_point_beyond", sigma=sigma_xbar), "last_point_beyond"),
    Wrong(Own(run_counter_reset, "run_counter_reset", sigma=sigma_xbar), "run_flagged_once"),
    Wrong(Own(western_electric, "sigma_not_given"), "no_data"),  # sigma= is required (a test: parts= too)
    Wrong(returns_list, "not_a_dict"),
    Wrong(Own(western_electric, "sigma_of_individuals", sigma=sigma_of_individuals), "individuals"),
    Wrong(Own(western_electric, "sigma_blank", sigma=None), "no_sigma"),
]
