"""The operator's hands on a line: checks and messages for ``line.press`` and ``line.estop``.

A local line presses the plant's panel directly; a remote line writes the
simulator-operator block of the tag table (``operator.start`` ...,
simulation only: see :class:`factorylab.tags.OperatorTag`). Both check what
they are asked here, so a misspelt button gets the same message on both.
"""

from __future__ import annotations

import difflib
import math
import numbers
import time
from typing import Any

from ..errors import FactoryLabError, ModbusError
from ..tags import ALL_TAGS, OPERATOR, PRESS_SECONDS, TagTable, as_word, is_numpy_bool

#: The panel's push buttons, in the order of the operator block (the E-stop is not one).
BUTTONS = tuple(tag.attribute for tag in ALL_TAGS.of_device(OPERATOR) if tag.attribute != "estop")
#: The longest press, s.
MAX_PRESS_SECONDS = 60.0


def check_button(button: Any) -> str:
    """``button`` if it is one of :data:`BUTTONS`, else a clear error (with a suggestion)."""
    if isinstance(button, str) and button in BUTTONS:
        return button
    names = ", ".join(BUTTONS)
    if isinstance(button, str) and button.strip().lower().replace("-", "").replace("_", "") in ("estop", "emergency"):
        raise FactoryLabError(
            "비상정지는 누르는 버튼이 아닙니다: line.estop(True)로 누르고 line.estop(False)로 풉니다.",
            "the E-stop is not a push button: line.estop(True) pushes it in, line.estop(False) releases it.",
        )
    close = difflib.get_close_matches(button, BUTTONS, n=1) if isinstance(button, str) else []
    hint_ko = f" 혹시 '{close[0]}'인가요?" if close else ""
    hint_en = f" Did you mean '{close[0]}'?" if close else ""
    raise FactoryLabError(
        f"패널에 {button!r} 버튼은 없습니다.{hint_ko} 버튼: {names} (비상정지는 line.estop())",
        f"the panel has no button {button!r}.{hint_en} Buttons: {names} (the E-stop is line.estop())",
    )


def check_seconds(seconds: Any) -> float:
    """How long to press, s: a number above 0 and at most :data:`MAX_PRESS_SECONDS`."""
    if (
        isinstance(seconds, numbers.Real)
        and not isinstance(seconds, bool)
        and math.isfinite(seconds)
        and 0 < seconds <= MAX_PRESS_SECONDS
    ):
        return float(seconds)
    raise FactoryLabError(
        f"seconds는 0보다 크고 {MAX_PRESS_SECONDS:g} 이하인 숫자입니다 (입력: {seconds!r})",
        f"seconds is a number above 0 and at most {MAX_PRESS_SECONDS:g} (got {seconds!r})",
    )


def check_pushed(pushed: Any) -> bool:
    """``pushed`` as a bool: True/False, 0/1 or a numpy bool; anything else is a clear error."""
    if pushed is True or pushed is False or is_numpy_bool(pushed):
        return bool(pushed)
    if isinstance(pushed, numbers.Integral) and as_word(pushed) in (0, 1):
        return bool(pushed)
    raise FactoryLabError(
        f"estop()에는 True(누르기) 또는 False(풀기)를 주세요 (입력: {pushed!r})",
        f"estop() takes True (push in) or False (release) (got {pushed!r})",
    )


def check_panel(tags: TagTable, scenario_id: str) -> None:
    """A clear error if the line has no operator panel (so nothing to press)."""
    if f"{OPERATOR}.start" not in tags:
        raise FactoryLabError(
            f"이 라인(시나리오 '{scenario_id}')에는 조작 패널이 없어서 누를 버튼이 없습니다.",
            f"this line (scenario '{scenario_id}') has no operator panel, so there is nothing to press.",
        )


def refused(code: int) -> FactoryLabError:
    """The error for a simulator that answered an operator write with Modbus exception ``code``."""
    if code == 1:
        return FactoryLabError(
            "이 시뮬레이터는 원격 조작(버튼, 비상정지)을 받지 않습니다: 읽기 전용으로 시작되었습니다. "
            "시뮬레이터 창의 패널을 쓰거나 선생님께 물어보세요.",
            "this simulator does not take operator actions (buttons, E-stop) over the network: it was started "
            "read-only. Use the panel in the simulator's window, or ask your teacher.",
        )
    return FactoryLabError(
        f"이 서버에는 시뮬레이터 조작 블록이 없습니다 (Modbus 예외 {code:02d}). FactoryLab 시뮬레이터가 맞나요?",
        f"this server has no simulator-operator block (Modbus exception {code:02d}). Is it a FactoryLab simulator?",
    )


# --- a remote line: writes to the simulator-operator block ----------------------------------------


def _write(link: Any, tags: TagTable, attribute: str, value: bool) -> None:
    """Write one coil of the operator block; a refusal becomes a clear error."""
    tag = tags[f"{OPERATOR}.{attribute}"]
    try:
        link.write(tag.table, tag.address, [1 if value else 0])
    except ModbusError as error:
        raise refused(error.code) from None


def _read(link: Any, tags: TagTable, name: str) -> Any:
    """A tag's value straight from the server (not from a scan's input image)."""
    tag = tags[name]
    return tag.decode(link.read(tag.table, tag.address, tag.registers))


def press_remote(link: Any, tags: TagTable, button: str, seconds: float) -> None:
    """Press ``button`` on a remote simulator for ``seconds`` of simulated time.

    One write presses it for :data:`~factorylab.tags.PRESS_SECONDS` (0.2 s,
    also the shortest press over the network); for a longer press the button
    is pressed again before each 0.2 s runs out, until ``seconds`` of the
    simulator's time have passed (the call waits that long). A simulator
    that does not advance (paused) is given up on after ten times ``seconds``
    plus 5 s of wall time: the button then springs back by itself.
    """
    _write(link, tags, button, True)
    if seconds <= PRESS_SECONDS:
        return
    speed = _read(link, tags, "system.speed") or 1.0
    pause = min(0.05, PRESS_SECONDS / 4 / speed)  # wall seconds between presses: four per 0.2 s simulated
    end = _read(link, tags, "system.sim_time") + seconds - PRESS_SECONDS
    give_up = time.monotonic() + 10 * seconds + 5
    while _read(link, tags, "system.sim_time") < end and time.monotonic() < give_up:
        time.sleep(pause)
        _write(link, tags, button, True)


def estop_remote(link: Any, tags: TagTable, pushed: bool) -> None:
    """Push in (True) or release (False) the E-stop of a remote simulator."""
    _write(link, tags, "estop", pushed)
