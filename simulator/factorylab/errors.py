"""The errors students and teachers meet, each with a message in Korean and English.

A leaf module: every layer may raise these. ``str(error)`` is in the current
language (``FACTORYLAB_LANG``, Korean by default); ``error.ko`` and
``error.en`` hold both.
"""

from __future__ import annotations

from .i18n import BilingualError


class FactoryLabError(BilingualError):
    """Something asked of FactoryLab cannot be done."""


class TagError(FactoryLabError, AttributeError):
    """A tag was written wrongly (read-only, out of range, wrong kind of
    value) or does not exist."""


class ConnectionProblem(FactoryLabError, ConnectionError):
    """The remote line cannot be reached or stopped answering."""


class ModbusError(FactoryLabError):
    """A raw Modbus request was answered with an exception code (1-4, 11)."""

    def __init__(self, code: int, ko: str, en: str) -> None:
        super().__init__(ko, en)
        self.code = code


EXCEPTION_TEXT = {
    1: ("지원하지 않는 기능 코드 (Illegal function)", "Illegal function"),
    2: ("주소표에 없는 주소 (Illegal data address)", "Illegal data address"),
    3: ("허용되지 않는 값 또는 개수 (Illegal data value)", "Illegal data value"),
    4: ("서버 장치 오류 (Server device failure)", "Server device failure"),
    6: ("서버가 바쁨: 연결이 너무 많음 (Server device busy)", "Server device busy: too many connections"),
    11: (
        "대상 장치가 응답하지 않음: 유닛 ID를 확인하세요",
        "Gateway target device failed to respond: check the unit id",
    ),
}


def write_refused(what: str, where: str) -> ModbusError:
    """The error for a write the server refused with exception 01 (a read-only line, or not this computer's line)."""
    return ModbusError(
        1,
        f"Modbus 예외 01: 시뮬레이터({where})가 이 쓰기를 받지 않았습니다 — {what}. 이 라인이 지금 읽기 전용이거나 "
        "(선생님이 잠갔습니다) 이 컴퓨터가 쓸 수 있는 라인이 아닙니다: 내 라인의 주소(포트나 유닛 ID)가 맞는지 확인하세요. "
        "시뮬레이터 조작 블록(operator.*)은 서버가 허락할 때만 쓸 수 있습니다.",
        f"Modbus exception 01: the simulator at {where} refused this write — {what}. This line is read-only now "
        "(your teacher locked it) or this computer may not write to it: check that the address (port or unit id) "
        "is your own line's. The simulator-operator block (operator.*) can be written only where the server allows it.",
    )


def modbus_error(code: int, what: str) -> ModbusError:
    """The error for Modbus exception ``code`` on a request described by ``what``."""
    ko, en = EXCEPTION_TEXT.get(code, (f"예외 코드 {code}", f"exception code {code}"))
    return ModbusError(code, f"Modbus 예외 {code:02d}: {ko} — {what}", f"Modbus exception {code:02d}: {en} — {what}")
