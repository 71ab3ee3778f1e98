"""PLC function blocks against the IEC 61131-3 timing diagrams."""

from __future__ import annotations

import pytest

from factorylab import FactoryLabError, plc


def drive(block, signal: list[tuple[float, bool]], dt: float = 0.1, until: float = 10.0):
    """Call a timer every dt with IN from a piecewise-constant signal; return (t, Q, ET) samples."""
    samples = []
    t = 0.0
    level = False
    changes = list(signal)
    while t <= until + 1e-9:
        while changes and changes[0][0] <= t + 1e-9:
            level = changes.pop(0)[1]
        q = block(level, round(t, 10))
        samples.append((round(t, 10), q, round(block.ET, 10)))
        t += dt
    return samples


def q_at(samples, t):
    return next(q for time, q, _ in samples if abs(time - t) < 1e-9)


def et_at(samples, t):
    return next(et for time, _, et in samples if abs(time - t) < 1e-9)


def test_ton_timing_diagram() -> None:
    # IN: on at 1, off at 2 (shorter than PT), on at 3, off at 7
    s = drive(plc.TON(2.0), [(1.0, True), (2.0, False), (3.0, True), (7.0, False)])
    assert not q_at(s, 1.9) and et_at(s, 1.9) == pytest.approx(0.9)
    assert not q_at(s, 2.0) and et_at(s, 2.0) == 0.0  # too short: never fires, ET resets
    assert not q_at(s, 4.9) and q_at(s, 5.0)  # 2 s after the rising edge at 3
    assert et_at(s, 6.5) == pytest.approx(2.0)  # ET stops at PT
    assert not q_at(s, 7.0) and et_at(s, 7.0) == 0.0


def test_tof_timing_diagram_with_retrigger() -> None:
    s = drive(plc.TOF(2.0), [(1.0, True), (2.0, False), (3.0, True), (3.5, False)])
    assert not q_at(s, 0.5) and et_at(s, 0.5) == 0.0
    assert q_at(s, 1.0)
    assert q_at(s, 2.9) and et_at(s, 2.9) == pytest.approx(0.9)
    assert q_at(s, 3.0) and et_at(s, 3.0) == 0.0  # re-triggered before PT: restarts
    assert q_at(s, 5.4) and not q_at(s, 5.5)  # 2 s after the last falling edge
    assert et_at(s, 8.0) == pytest.approx(2.0)  # ET stays at PT while IN stays off


def test_tp_ignores_retrigger_and_in_during_the_pulse() -> None:
    s = drive(plc.TP(2.0), [(1.0, True), (1.5, False), (2.0, True), (2.2, False), (5.0, True), (9.0, False)])
    assert q_at(s, 1.0) and q_at(s, 2.9) and not q_at(s, 3.0)  # exactly PT, edges inside ignored
    assert et_at(s, 3.5) == 0.0  # pulse over, IN off: ET resets
    assert q_at(s, 5.0) and not q_at(s, 7.0)
    assert et_at(s, 8.0) == pytest.approx(2.0)  # IN still on after the pulse: ET holds PT
    assert et_at(s, 9.0) == 0.0


def test_preset_zero() -> None:
    ton, tof, tp = plc.TON(0), plc.TOF(0), plc.TP(0)
    assert ton(True, 0.0) and not ton(False, 0.1)
    assert tof(True, 0.0) and not tof(False, 0.1)
    assert not tp(True, 0.0) and not tp(True, 0.1)


def test_edge_triggers() -> None:
    rising, falling = plc.R_TRIG(), plc.F_TRIG()
    signal = [False, True, True, False, True, False, False]
    assert [rising(x) for x in signal] == [False, True, False, False, True, False, False]
    assert [falling(x) for x in signal] == [False, False, False, True, False, True, False]
    first = plc.R_TRIG()
    assert first(True)  # on at the first call is a rising edge


def test_ctu_counts_edges_and_reset_wins() -> None:
    ctu = plc.CTU(3)
    pulses = [True, True, False, True, False, True]
    results = [ctu(x) for x in pulses]
    assert ctu.CV == 3 and results[-1] and not results[3]
    assert not ctu(True, R=True) and ctu.CV == 0  # reset while CU is on: reset wins
    ctu(False)
    assert not ctu(True) and ctu.CV == 1  # the next edge counts again


def test_ctd_load_and_count_down() -> None:
    ctd = plc.CTD(2)
    assert ctd.Q  # CV = 0
    assert not ctd(False, LD=True) and ctd.CV == 2
    ctd(True)
    assert ctd.CV == 1 and not ctd.Q
    ctd(False)
    assert ctd(True) and ctd.CV == 0


def test_ctud_priorities_and_outputs() -> None:
    counter = plc.CTUD(2)
    counter(CU=True)
    counter(CU=False)
    qu, qd = counter(CU=True)
    assert counter.CV == 2 and qu and not qd
    counter(CU=False, CD=True)
    assert counter.CV == 1
    counter(CU=True, CD=False)  # CD falls, CU rises
    assert counter.CV == 2
    counter(CU=False, CD=False, LD=True)
    assert counter.CV == 2
    counter(CU=True, CD=True, R=True, LD=True)
    assert counter.CV == 0 and counter.QD  # R wins over everything
    counter(CU=False, CD=False)
    counter(CU=True, CD=True)  # both edges at once: no change
    assert counter.CV == 0


def test_sr_and_rs_dominance() -> None:
    sr, rs = plc.SR(), plc.RS()
    assert sr(True, True) and not rs(True, True)  # set wins / reset wins
    assert sr(False, False) and rs(True, False)  # both latch
    assert rs(False, False)
    assert not sr(False, True) and not rs(False, True)  # both reset


def test_timers_need_the_run_clock() -> None:
    ton = plc.TON(1.0)
    with pytest.raises(FactoryLabError) as caught:
        ton(True)  # type: ignore[call-arg]
    assert "t" in caught.value.en
    with pytest.raises(FactoryLabError):
        plc.TON(-1)


def test_outside_a_run_time_going_back_starts_the_block_afresh() -> None:
    ton = plc.TON(1.0)
    assert not ton(True, 5.0) and ton(True, 6.0)
    assert not ton(True, 0.0)  # a new test from t = 0: no error, a fresh timer
    assert ton(True, 1.0)


def test_inside_a_run_a_block_restarts_with_each_new_run_and_answers_once_per_scan() -> None:
    ton, count = plc.TON(1.0), plc.CTU(3)
    first = plc.RunClock()
    token = plc.CURRENT_RUN.set(first)
    try:
        for k in range(30):
            first.next_scan(k * 0.1)
            ton(True, k * 0.1)
            count(k % 2 == 0)
            assert ton(True, k * 0.1) == ton.Q  # asked twice in a scan: the same answer
        assert ton.Q and count.CV == 15 and count.Q
    finally:
        plc.CURRENT_RUN.reset(token)
    second = plc.RunClock()
    token = plc.CURRENT_RUN.set(second)
    try:
        second.next_scan(0.0)
        assert not ton(True, 0.0) and ton.ET == 0.0  # a new run: the timer starts again
        count(True)
        assert count.CV == 1
    finally:
        plc.CURRENT_RUN.reset(token)


def test_one_block_for_two_things_in_a_scan_is_refused_with_its_own_message() -> None:
    ton = plc.TON(2.0)
    clock = plc.RunClock()
    token = plc.CURRENT_RUN.set(clock)
    try:
        clock.next_scan(0.0)
        ton(True, 0.0)
        with pytest.raises(plc.BlockReuseError) as caught:
            ton(False, 0.0)
        assert "TON" in caught.value.en and "TON" in caught.value.ko and "each use" in caught.value.en
    finally:
        plc.CURRENT_RUN.reset(token)


def test_a_timer_given_the_wall_clock_in_a_run_is_told_so() -> None:
    import time

    ton = plc.TON(2.0)
    clock = plc.RunClock()
    token = plc.CURRENT_RUN.set(clock)
    try:
        clock.next_scan(3.0)
        with pytest.raises(FactoryLabError) as caught:
            ton(True, time.time())
        assert "time.time()" in caught.value.en and "t" in caught.value.ko
    finally:
        plc.CURRENT_RUN.reset(token)


def test_blocks_import_every_way() -> None:
    import importlib

    from factorylab.plc import R_TRIG, TON  # noqa: F401 - the import itself is the test

    assert TON is plc.TON and importlib.import_module("factorylab.plc").CTU is plc.CTU


def test_blocks_run_the_same_fast_forward_and_by_the_plants_clock() -> None:
    import factorylab

    line = factorylab.connect(scenario="conveyor", seed=1)
    events = []

    def make():
        timer = plc.TON(1.0)

        def controller(line, t):
            line.conveyor1.run = True
            if timer(line.conveyor1.running, t) and not events:
                events.append(t)

        return controller

    factorylab.run(make(), line, seconds=3)
    assert events == [pytest.approx(1.05)]  # the belt runs from the first tick; 1 s later by sim time
