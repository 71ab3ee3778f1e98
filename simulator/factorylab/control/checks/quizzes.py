"""Quizzes shipped with FactoryLab.

* ``isa95_levels`` (unit 0): put ten things of the line on the ISA-95 levels
  L0-L4 (L0 the physical process, L1 sensing and manipulating, L2 monitoring
  and control: PLC, SCADA/HMI, L3 manufacturing operations: MES, L4 business
  planning: ERP). The answer is a dict ``{item: "L0".."L4"}`` (0-4 works
  too); each wrong item gets its own reason.
"""

from __future__ import annotations

from typing import Any

from .base import register
from .kinds import Question, QuizCheck

_L0 = ("L0은 물리적인 공정 그 자체(움직이는 부품, 열)입니다", "L0 is the physical process itself (parts moving, heat)")
_L1 = (
    "L1은 공정을 재고 움직이는 센서와 액추에이터입니다 (초 단위 신호)",
    "L1 is the sensors and actuators that measure and move the process (signals in seconds)",
)
_L2 = (
    "L2는 센서를 읽고 액추에이터를 움직이는 제어(PLC)와 감시(SCADA·HMI)입니다",
    "L2 is the control (PLC) and monitoring (SCADA, HMI) that read sensors and drive actuators",
)
_L3 = (
    "L3는 생산 실적, 작업 지시, 품질을 관리하는 MES입니다 (시간~일 단위)",
    "L3 is MES: production results, work orders and quality (hours to days)",
)
_L4 = ("L4는 판매·구매·월간 계획을 다루는 ERP입니다", "L4 is ERP: sales, purchasing and monthly plans")
_BY_LEVEL = {"L0": _L0, "L1": _L1, "L2": _L2, "L3": _L3, "L4": _L4}


def _question(item: str, answer: str, **special: tuple[str, str]) -> Question:
    """Item with the generic reason (what the right level is) and special reasons for typical mistakes."""
    ko, en = _BY_LEVEL[answer]
    reasons = {"*": (f"정답은 {answer}: {ko}.", f"it is {answer}: {en}.")}
    reasons.update(special)
    return Question(item, answer, reasons)


@register
class Isa95Levels(QuizCheck):
    """Ten things of the line on the ISA-95 levels L0-L4."""

    name = "isa95_levels"
    title = ("ISA-95 계층에 라인의 요소 놓기", "the line's parts on the ISA-95 levels")
    choices = ("L0", "L1", "L2", "L3", "L4")
    noun = ("항목", "item")
    questions = (
        _question("parts_on_the_belt", "L0"),
        _question("heat_in_the_oven", "L0"),
        _question(
            "conveyor1.photo_eye_exit",
            "L1",
            L2=(
                "광전센서는 신호를 만드는 장치(L1)이고, 그 신호를 읽고 판단하는 것이 L2의 PLC입니다.",
                "a photo-eye makes the signal (L1); the PLC that reads and decides on it is L2.",
            ),
        ),
        _question("cnc.torque", "L1"),
        _question("oven.heater", "L1"),
        _question(
            "plc_program",
            "L2",
            L1=(
                "PLC(여러분의 컨트롤러)는 센서·액추에이터 자체가 아니라 그것들을 읽고 움직이는 제어 장치라 L2입니다.",
                "the PLC (your controller) is not a sensor or actuator itself but the control that reads and drives "
                "them: L2.",
            ),
        ),
        _question("hmi_screen", "L2"),
        _question(
            "production.oee",
            "L3",
            L2=(
                "OEE는 한 교대(몇 시간)의 실적을 모아 계산하는 생산 관리(MES) 지표라 L3입니다.",
                "OEE sums up a shift's (hours of) results: a production management (MES) figure, L3.",
            ),
        ),
        _question(
            "orders.current_due",
            "L3",
            L4=(
                "작업 지시와 납기 관리는 공장 안의 MES(L3)가 합니다. L4(ERP)는 월·분기의 판매·구매 계획입니다.",
                "work orders and their due times are run by the MES in the plant (L3); L4 (ERP) is monthly sales and "
                "purchasing plans.",
            ),
        ),
        _question("monthly_sales_plan", "L4"),
    )

    def normalise(self, choice: Any) -> str | None:
        if isinstance(choice, int) and not isinstance(choice, bool) and 0 <= choice <= 4:
            return f"L{choice}"
        text = str(choice).strip().upper().replace("LEVEL", "L").replace(" ", "")
        if text in ("0", "1", "2", "3", "4"):
            text = "L" + text
        return text if text in self.choices else None
