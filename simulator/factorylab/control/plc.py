"""PLC function blocks with IEC 61131-3 semantics: timers, counters, edges, latches.

Each block is an object you create once (at the top of your notebook, in a
controller factory, or in an object) and call every scan. Timers take the
run's clock ``t`` (the second argument of your controller), never the wall
clock, so they behave the same fast-forward and live::

    from factorylab import plc

    jam_timer = plc.TON(2.0)               # 2 s on-delay
    start_edge = plc.R_TRIG()

    def controller(line, t):
        if jam_timer(line.conveyor2.photo_eye_exit, t):   # blocked for 2 s
            line.conveyor2.run = False
        if start_edge(line.panel.start):
            ...

After a call, the outputs are also attributes: ``Q`` (and ``ET`` for timers,
``CV`` for counters), named as in IEC 61131-3.

**Every run starts the blocks afresh**, like a PLC after power-up: when
:func:`factorylab.run` or :func:`factorylab.check` starts a new run (a new
line, or each hidden seed of a check), a block's timers and counts go back
to zero at its first call. Continuing a run on the same line keeps them.

Inside a run, a block answers once per scan: calling it again in the same
scan with the same inputs gives the same answer; calling it with different
inputs (one timer used for two things) raises :class:`BlockReuseError`. A
timer must be given the scan's ``t``.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from ..errors import FactoryLabError


class BlockReuseError(FactoryLabError):
    """One timer, counter or edge detector was used for two different things."""


class RunClock:
    """The run a block is used in: its scan number and the scan's time ``t``, s.

    The runner makes one per run (cold start) and moves it on every scan;
    blocks read it to restart on a new run and to catch misuse.
    """

    __slots__ = ("scan", "t", "made_in_scans")

    def __init__(self) -> None:
        self.scan = -1
        self.t = 0.0
        #: blocks created during scans after the first (a block made inside the controller)
        self.made_in_scans = 0

    def next_scan(self, t: float) -> None:
        """Start the next scan at time ``t`` (s)."""
        self.scan += 1
        self.t = t


#: the run the current scan belongs to (None outside runs)
CURRENT_RUN: ContextVar[RunClock | None] = ContextVar("factorylab_plc_run", default=None)


def _check_time(block: str, t: object) -> float:
    if not isinstance(t, (int, float)) or isinstance(t, bool):
        if hasattr(t, "item") and not isinstance(t, bool):  # a numpy number
            return _check_time(block, t.item())  # type: ignore[attr-defined]
        raise FactoryLabError(
            f"{block} 블록을 부를 때 두 번째 값으로 시간 t를 넘기세요: 예) timer(입력, t)",
            f"call {block} with the time t as its second argument: e.g. timer(input, t)",
        )
    return float(t)


def _check_preset(block: str, preset: float) -> float:
    if not isinstance(preset, (int, float)) or isinstance(preset, bool) or preset < 0 or preset != preset:
        raise FactoryLabError(
            f"{block}의 설정 시간은 0 이상의 초 단위 숫자여야 합니다 (입력: {preset!r})",
            f"{block}'s preset time must be a number of seconds, 0 or more (got {preset!r})",
        )
    return float(preset)


def _reuse_error(block: str) -> BlockReuseError:
    return BlockReuseError(
        f"{block} 하나를 한 스캔에서 서로 다른 입력으로 두 번 불렀습니다. 타이머·카운터·에지 검출은 쓰는 곳마다 "
        f"따로 만드세요 (예: jam_timer = plc.{block}(...), exit_timer = plc.{block}(...)).",
        f"one {block} was called twice in the same scan with different inputs. Make a separate timer, counter or "
        f"edge detector for each use (e.g. jam_timer = plc.{block}(...), exit_timer = plc.{block}(...)).",
    )


def _wrong_clock(block: str, t: float, now: float) -> FactoryLabError:
    return FactoryLabError(
        f"{block}에 {t:g}초를 넘겼는데 지금 스캔의 시간은 {now:g}초입니다. 컨트롤러가 받은 t를 그대로 넘기세요 "
        f"(time.time() 같은 컴퓨터 시계가 아니라).",
        f"{block} was given {t:g} s but this scan's time is {now:g} s. Pass the t your controller receives "
        f"(not the computer's clock such as time.time()).",
    )


class _Block:
    """What every block shares: a fresh start per run and one answer per scan."""

    _name = "block"

    def __init__(self) -> None:
        self._run: RunClock | None = None
        self._scan = -1
        self._inputs: tuple = ()
        self._answer: Any = None
        run = CURRENT_RUN.get()
        if run is not None and run.scan > 0:
            run.made_in_scans += 1

    def _restart(self) -> None:
        """Back to the state of a new block (subclasses)."""

    def _enter(self, inputs: tuple, t: float | None = None) -> bool:
        """Before a call: restart on a new run; True if this scan already has the answer."""
        run = CURRENT_RUN.get()
        if run is not self._run:
            self._run = run
            self._scan = -1
            self._restart()
        if run is None:
            return False
        if t is not None and abs(t - run.t) > 1e-6:
            raise _wrong_clock(self._name, t, run.t)
        if run.scan == self._scan:
            if inputs != self._inputs:
                raise _reuse_error(self._name)
            return True
        self._scan = run.scan
        self._inputs = inputs
        return False


class _Timer(_Block):
    """A block with a preset time ``PT`` and elapsed time ``ET`` (s)."""

    def __init__(self, PT: float) -> None:  # noqa: N803 - IEC names
        super().__init__()
        self.PT = _check_preset(self._name, PT)
        self._last: float | None = None
        self._restart()

    def _time(self, IN: Any, t: Any) -> float | None:  # noqa: N803
        """The checked time, or None when this scan already has its answer."""
        t = _check_time(self._name, t)
        if self._enter((bool(IN), t), t):
            return None
        if self._last is not None and t < self._last:  # outside runs: time went back, a new test
            self._restart()
        self._last = t
        return t


class TON(_Timer):
    """On-delay timer. ``Q`` turns on once ``IN`` has been on for ``PT``
    seconds and stays on while ``IN`` stays on; ``ET`` is the time ``IN``
    has been on (up to ``PT``). ``IN`` off resets both at once.

    Args:
        PT: preset time, s (0 or more).
    """

    _name = "TON"

    def _restart(self) -> None:
        self.Q = False
        self.ET = 0.0
        self._start: float | None = None
        self._last = None

    def __call__(self, IN: bool, t: float | None = None) -> bool:  # noqa: N803
        t = self._time(IN, t)
        if t is None:
            return self.Q
        if IN:
            if self._start is None:
                self._start = t
            self.ET = min(t - self._start, self.PT)
            self.Q = t - self._start >= self.PT
        else:
            self._start = None
            self.ET = 0.0
            self.Q = False
        return self.Q


class TOF(_Timer):
    """Off-delay timer. ``Q`` is on while ``IN`` is on and for ``PT`` seconds
    after ``IN`` goes off; ``ET`` counts that time. ``IN`` on again restarts it.

    Args:
        PT: preset time, s (0 or more).
    """

    _name = "TOF"

    def _restart(self) -> None:
        self.Q = False
        self.ET = 0.0
        self._off_since: float | None = None
        self._last = None

    def __call__(self, IN: bool, t: float | None = None) -> bool:  # noqa: N803
        t = self._time(IN, t)
        if t is None:
            return self.Q
        if IN:
            self._off_since = None
            self.ET = 0.0
            self.Q = True
        elif self.Q:
            if self._off_since is None:
                self._off_since = t
            self.ET = min(t - self._off_since, self.PT)
            self.Q = t - self._off_since < self.PT
        return self.Q


class TP(_Timer):
    """Pulse timer. A rising edge of ``IN`` starts a pulse: ``Q`` is on for
    exactly ``PT`` seconds whatever ``IN`` does meanwhile (a new edge during
    the pulse is ignored). ``ET`` runs during the pulse, stays at ``PT`` while
    ``IN`` is still on after it, and resets when ``IN`` is off.

    Args:
        PT: pulse length, s (0 or more; 0 gives no pulse).
    """

    _name = "TP"

    def _restart(self) -> None:
        self.Q = False
        self.ET = 0.0
        self._start: float | None = None
        self._in_was = False
        self._last = None

    def __call__(self, IN: bool, t: float | None = None) -> bool:  # noqa: N803
        t = self._time(IN, t)
        if t is None:
            return self.Q
        rising = IN and not self._in_was
        self._in_was = bool(IN)
        if self._start is None and rising:
            self._start = t
        if self._start is not None:
            elapsed = t - self._start
            if elapsed < self.PT:
                self.Q = True
                self.ET = elapsed
            else:
                self.Q = False
                self.ET = self.PT
                if not IN:
                    self._start = None
                    self.ET = 0.0
        else:
            self.Q = False
            self.ET = 0.0
        return self.Q


class R_TRIG(_Block):  # noqa: N801 - IEC name
    """Rising-edge detector: ``Q`` is on for one scan when ``CLK`` goes from off to on."""

    _name = "R_TRIG"

    def __init__(self) -> None:
        super().__init__()
        self._restart()

    def _restart(self) -> None:
        self.Q = False
        self._m = False

    def __call__(self, CLK: bool) -> bool:  # noqa: N803
        if self._enter((bool(CLK),)):
            return self.Q
        self.Q = bool(CLK) and not self._m
        self._m = bool(CLK)
        return self.Q


class F_TRIG(_Block):  # noqa: N801
    """Falling-edge detector: ``Q`` is on for one scan when ``CLK`` goes from on to off."""

    _name = "F_TRIG"

    def __init__(self) -> None:
        super().__init__()
        self._restart()

    def _restart(self) -> None:
        self.Q = False
        self._m = False

    def __call__(self, CLK: bool) -> bool:  # noqa: N803
        if self._enter((bool(CLK),)):
            return self.Q
        self.Q = not CLK and self._m
        self._m = bool(CLK)
        return self.Q


def _edge(previous: bool, now: Any) -> tuple[bool, bool]:
    """(rising edge, new memory) of a counter input."""
    now = bool(now)
    return now and not previous, now


class CTU(_Block):
    """Up counter. Each rising edge of ``CU`` adds one to ``CV``; ``R`` resets
    ``CV`` to 0 (and wins over ``CU``). ``Q`` is on while ``CV >= PV``.

    Args:
        PV: preset value.
    """

    _name = "CTU"

    def __init__(self, PV: int) -> None:  # noqa: N803
        super().__init__()
        self.PV = int(PV)
        self._restart()

    def _restart(self) -> None:
        self.CV = 0
        self.Q = self.CV >= self.PV
        self._cu = False

    def __call__(self, CU: bool, R: bool = False) -> bool:  # noqa: N803
        if self._enter((bool(CU), bool(R))):
            return self.Q
        edge, self._cu = _edge(self._cu, CU)
        if R:
            self.CV = 0
        elif edge and self.CV < 32767:
            self.CV += 1
        self.Q = self.CV >= self.PV
        return self.Q


class CTD(_Block):
    """Down counter. ``LD`` loads ``CV`` with ``PV``; each rising edge of
    ``CD`` takes one off ``CV``. ``Q`` is on while ``CV <= 0``.

    Args:
        PV: preset value.
    """

    _name = "CTD"

    def __init__(self, PV: int) -> None:  # noqa: N803
        super().__init__()
        self.PV = int(PV)
        self._restart()

    def _restart(self) -> None:
        self.CV = 0
        self.Q = True
        self._cd = False

    def __call__(self, CD: bool, LD: bool = False) -> bool:  # noqa: N803
        if self._enter((bool(CD), bool(LD))):
            return self.Q
        edge, self._cd = _edge(self._cd, CD)
        if LD:
            self.CV = self.PV
        elif edge and self.CV > -32768:
            self.CV -= 1
        self.Q = self.CV <= 0
        return self.Q


class CTUD(_Block):
    """Up-down counter. Rising edges of ``CU`` count up and of ``CD`` count
    down; ``R`` resets ``CV`` to 0 (it wins over everything), ``LD`` loads
    ``PV``. ``QU`` is on while ``CV >= PV``, ``QD`` while ``CV <= 0``.

    Args:
        PV: preset value.
    """

    _name = "CTUD"

    def __init__(self, PV: int) -> None:  # noqa: N803
        super().__init__()
        self.PV = int(PV)
        self._restart()

    def _restart(self) -> None:
        self.CV = 0
        self.QU = self.CV >= self.PV
        self.QD = True
        self._cu = False
        self._cd = False

    def __call__(self, CU: bool = False, CD: bool = False, R: bool = False, LD: bool = False) -> tuple[bool, bool]:  # noqa: N803
        if self._enter((bool(CU), bool(CD), bool(R), bool(LD))):
            return self.QU, self.QD
        up, self._cu = _edge(self._cu, CU)
        down, self._cd = _edge(self._cd, CD)
        if R:
            self.CV = 0
        elif LD:
            self.CV = self.PV
        elif not (up and down):
            if up and self.CV < 32767:
                self.CV += 1
            elif down and self.CV > -32768:
                self.CV -= 1
        self.QU = self.CV >= self.PV
        self.QD = self.CV <= 0
        return self.QU, self.QD


class SR(_Block):
    """Set-dominant latch: ``Q1 = S1 or (Q1 and not R)``."""

    _name = "SR"

    def __init__(self) -> None:
        super().__init__()
        self._restart()

    def _restart(self) -> None:
        self.Q1 = False

    def __call__(self, S1: bool, R: bool) -> bool:  # noqa: N803
        if self._enter((bool(S1), bool(R))):
            return self.Q1
        self.Q1 = bool(S1) or (self.Q1 and not R)
        return self.Q1


class RS(_Block):
    """Reset-dominant latch: ``Q1 = not R1 and (S or Q1)``."""

    _name = "RS"

    def __init__(self) -> None:
        super().__init__()
        self._restart()

    def _restart(self) -> None:
        self.Q1 = False

    def __call__(self, S: bool, R1: bool) -> bool:  # noqa: N803
        if self._enter((bool(S), bool(R1))):
            return self.Q1
        self.Q1 = not R1 and (bool(S) or self.Q1)
        return self.Q1


#: every block class (for checks that look for blocks in a controller's state)
BLOCKS = (TON, TOF, TP, R_TRIG, F_TRIG, CTU, CTD, CTUD, SR, RS)

__all__ = [
    "BLOCKS",
    "CTD",
    "CTU",
    "CTUD",
    "CURRENT_RUN",
    "F_TRIG",
    "RS",
    "R_TRIG",
    "SR",
    "TOF",
    "TON",
    "TP",
    "BlockReuseError",
    "RunClock",
]
