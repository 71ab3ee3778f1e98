"""PLC function blocks with IEC 61131-3 semantics: timers, counters, edges, latches.

Each block is an object you create once (outside the controller, or in its
state) and call every scan. Timers take the run's clock ``t`` (the second
argument of your controller), never the wall clock, so they behave the same
fast-forward and live::

    from factorylab import plc

    def make_controller():
        jam_timer = plc.TON(2.0)           # 2 s on-delay
        start_edge = plc.R_TRIG()

        def controller(line, t):
            if jam_timer(line.conveyor2.photo_eye_exit, t):   # blocked for 2 s
                line.conveyor2.run = False
            if start_edge(line.panel.start):
                ...
        return controller

After a call, the outputs are also attributes: ``Q`` (and ``ET`` for timers,
``CV`` for counters), named as in IEC 61131-3.
"""

from __future__ import annotations

from ..errors import FactoryLabError


def _check_time(block: str, t: object, last: float | None) -> float:
    if not isinstance(t, (int, float)) or isinstance(t, bool):
        raise FactoryLabError(
            f"{block} 를 부를 때 두 번째 값으로 시간 t 를 넘기세요: 예) timer(입력, t)",
            f"call {block} with the time t as its second argument: e.g. timer(input, t)",
        )
    if last is not None and t < last:
        raise FactoryLabError(
            f"{block}: 시간이 거꾸로 갔습니다 ({last} s 다음에 {t} s). 같은 타이머를 두 실행에 같이 쓰지 마세요.",
            f"{block}: time went backwards ({t} s after {last} s). Do not share one timer between two runs.",
        )
    return float(t)


def _check_preset(block: str, preset: float) -> float:
    if not isinstance(preset, (int, float)) or isinstance(preset, bool) or preset < 0:
        raise FactoryLabError(
            f"{block} 의 설정 시간은 0 이상의 초 단위 숫자여야 합니다 (입력: {preset!r})",
            f"{block}'s preset time must be a number of seconds, 0 or more (got {preset!r})",
        )
    return float(preset)


class TON:
    """On-delay timer. ``Q`` turns on once ``IN`` has been on for ``PT``
    seconds and stays on while ``IN`` stays on; ``ET`` is the time ``IN``
    has been on (up to ``PT``). ``IN`` off resets both at once.

    Args:
        PT: preset time, s (0 or more).
    """

    def __init__(self, PT: float) -> None:  # noqa: N803 - IEC names
        self.PT = _check_preset("TON", PT)
        self.Q = False
        self.ET = 0.0
        self._start: float | None = None
        self._last: float | None = None

    def __call__(self, IN: bool, t: float | None = None) -> bool:  # noqa: N803
        t = self._last = _check_time("TON", t, self._last)
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


class TOF:
    """Off-delay timer. ``Q`` is on while ``IN`` is on and for ``PT`` seconds
    after ``IN`` goes off; ``ET`` counts that time. ``IN`` on again restarts it.

    Args:
        PT: preset time, s (0 or more).
    """

    def __init__(self, PT: float) -> None:  # noqa: N803
        self.PT = _check_preset("TOF", PT)
        self.Q = False
        self.ET = 0.0
        self._off_since: float | None = None
        self._last: float | None = None

    def __call__(self, IN: bool, t: float | None = None) -> bool:  # noqa: N803
        t = self._last = _check_time("TOF", t, self._last)
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


class TP:
    """Pulse timer. A rising edge of ``IN`` starts a pulse: ``Q`` is on for
    exactly ``PT`` seconds whatever ``IN`` does meanwhile (a new edge during
    the pulse is ignored). ``ET`` runs during the pulse, stays at ``PT`` while
    ``IN`` is still on after it, and resets when ``IN`` is off.

    Args:
        PT: pulse length, s (0 or more; 0 gives no pulse).
    """

    def __init__(self, PT: float) -> None:  # noqa: N803
        self.PT = _check_preset("TP", PT)
        self.Q = False
        self.ET = 0.0
        self._start: float | None = None
        self._in_was = False
        self._last: float | None = None

    def __call__(self, IN: bool, t: float | None = None) -> bool:  # noqa: N803
        t = self._last = _check_time("TP", t, self._last)
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


class R_TRIG:  # noqa: N801 - IEC name
    """Rising-edge detector: ``Q`` is on for one call when ``CLK`` goes from off to on."""

    def __init__(self) -> None:
        self.Q = False
        self._m = False

    def __call__(self, CLK: bool) -> bool:  # noqa: N803
        self.Q = bool(CLK) and not self._m
        self._m = bool(CLK)
        return self.Q


class F_TRIG:  # noqa: N801
    """Falling-edge detector: ``Q`` is on for one call when ``CLK`` goes from on to off."""

    def __init__(self) -> None:
        self.Q = False
        self._m = False

    def __call__(self, CLK: bool) -> bool:  # noqa: N803
        self.Q = not CLK and self._m
        self._m = bool(CLK)
        return self.Q


class CTU:
    """Up counter. Each rising edge of ``CU`` adds one to ``CV``; ``R`` resets
    ``CV`` to 0 (and wins over ``CU``). ``Q`` is on while ``CV >= PV``.

    Args:
        PV: preset value.
    """

    def __init__(self, PV: int) -> None:  # noqa: N803
        self.PV = int(PV)
        self.CV = 0
        self.Q = self.CV >= self.PV
        self._cu = R_TRIG()

    def __call__(self, CU: bool, R: bool = False) -> bool:  # noqa: N803
        edge = self._cu(CU)
        if R:
            self.CV = 0
        elif edge and self.CV < 32767:
            self.CV += 1
        self.Q = self.CV >= self.PV
        return self.Q


class CTD:
    """Down counter. ``LD`` loads ``CV`` with ``PV``; each rising edge of
    ``CD`` takes one off ``CV``. ``Q`` is on while ``CV <= 0``.

    Args:
        PV: preset value.
    """

    def __init__(self, PV: int) -> None:  # noqa: N803
        self.PV = int(PV)
        self.CV = 0
        self.Q = True
        self._cd = R_TRIG()

    def __call__(self, CD: bool, LD: bool = False) -> bool:  # noqa: N803
        edge = self._cd(CD)
        if LD:
            self.CV = self.PV
        elif edge and self.CV > -32768:
            self.CV -= 1
        self.Q = self.CV <= 0
        return self.Q


class CTUD:
    """Up-down counter. Rising edges of ``CU`` count up and of ``CD`` count
    down; ``R`` resets ``CV`` to 0 (it wins over everything), ``LD`` loads
    ``PV``. ``QU`` is on while ``CV >= PV``, ``QD`` while ``CV <= 0``.

    Args:
        PV: preset value.
    """

    def __init__(self, PV: int) -> None:  # noqa: N803
        self.PV = int(PV)
        self.CV = 0
        self.QU = self.CV >= self.PV
        self.QD = True
        self._cu = R_TRIG()
        self._cd = R_TRIG()

    def __call__(self, CU: bool = False, CD: bool = False, R: bool = False, LD: bool = False) -> tuple[bool, bool]:  # noqa: N803
        up = self._cu(CU)
        down = self._cd(CD)
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


class SR:
    """Set-dominant latch: ``Q1 = S1 or (Q1 and not R)``."""

    def __init__(self) -> None:
        self.Q1 = False

    def __call__(self, S1: bool, R: bool) -> bool:  # noqa: N803
        self.Q1 = bool(S1) or (self.Q1 and not R)
        return self.Q1


class RS:
    """Reset-dominant latch: ``Q1 = not R1 and (S or Q1)``."""

    def __init__(self) -> None:
        self.Q1 = False

    def __call__(self, S: bool, R1: bool) -> bool:  # noqa: N803
        self.Q1 = not R1 and (bool(S) or self.Q1)
        return self.Q1


__all__ = ["CTD", "CTU", "CTUD", "F_TRIG", "RS", "R_TRIG", "SR", "TOF", "TON", "TP"]
