"""Everything the view shows a student, in Korean and English.

``S[key] = (ko, en)``; :func:`say` picks the language. Tag names, units and
Modbus addresses stay as they are in both languages.
"""

from __future__ import annotations

from ..plant.faults import KIND_NAMES_KO

S: dict[str, tuple[str, str]] = {
    # top bar and help
    "title": ("FactoryLab 스마트공장", "FactoryLab smart factory"),
    "sim_time": ("시뮬레이션 시간", "sim time"),
    "speed": ("배속", "speed"),
    "paused": ("일시정지", "PAUSED"),
    "modbus": ("Modbus TCP", "Modbus TCP"),
    "no_server": ("서버 없음 (스크린샷)", "no server (screenshot)"),
    "help": (
        "스페이스 일시정지 · +/- 배속 · R 리셋 · T 주소 표시 · L English · F 고장 주입 · 버튼은 마우스로 클릭, 장치에 마우스를 올리면 값",
        "Space pause · +/- speed · R reset · T addresses · L 한국어 · F faults · click the panel buttons, hover a device for its values",
    ),
    # alarm banner
    "no_alarm": ("알람 없음", "no alarms"),
    "hint_no_controller": (
        "기동 버튼은 제어 프로그램의 입력입니다: 아직 라인을 운전하는 프로그램이 없습니다. "
        "내 프로그램을 실행하거나 factorylab sim --demo로 시작해 보세요",
        "START is an input for a control program, and none is driving the line yet: "
        "run your program, or try factorylab sim --demo",
    ),
    "alarm_estop": ("비상정지 눌림", "E-stop pushed"),
    "alarm_safety": (
        "안전 릴레이 차단 — 비상정지를 풀고 리셋을 누르세요",
        "safety relay tripped — release the E-stop and press reset",
    ),
    "alarm_cnc": ("CNC 고장", "CNC failed"),
    "alarm_overload": ("{name} 모터 과부하", "{name} motor overload"),
    "alarm_overflow": ("탱크 넘침", "tank overflow"),
    "alarm_fault": ("고장 주입: {kind} ({target})", "fault injected: {kind} ({target})"),
    # stations
    "feeder": ("공급기", "Feeder"),
    "conveyor1": ("컨베이어1", "Conveyor 1"),
    "conveyor2": ("컨베이어2", "Conveyor 2"),
    "photo_eye": ("광전 센서", "Photo-eye"),
    "eye_infeed": ("투입", "infeed"),
    "eye_c1_exit": ("C1 끝", "C1 end"),
    "eye_c2_entry": ("C2 시작", "C2 start"),
    "eye_c2_exit": ("배출", "exit"),
    "eye_pusher": ("푸셔", "pusher"),
    "colour_sensor": ("색상 센서", "Colour sensor"),
    "pusher": ("푸셔", "Pusher"),
    "extended": ("전진", "ext."),
    "retracted": ("후진", "ret."),
    "reject_bin": ("불량함", "Reject bin"),
    "outfeed": ("배출구", "Outfeed"),
    "inspection": ("검사기", "Inspection"),
    "cnc": ("CNC 가공기", "CNC machine"),
    "spindle": ("주축", "spindle"),
    "tool_wear": ("공구 마모", "tool wear"),
    "oven": ("열처리 오븐", "Oven"),
    "heater": ("히터", "heater"),
    "gate": ("게이트", "gate"),
    "gate_open": ("열림", "open"),
    "gate_closed": ("닫힘", "closed"),
    "dwell": ("체류", "dwell"),
    "tank": ("냉각수 탱크", "Coolant tank"),
    "inflow": ("유입", "inflow"),
    "drain": ("배수", "drain"),
    "open": ("열림", "open"),
    "closed": ("닫힘", "closed"),
    "motor": ("모터", "motor"),
    "overload": ("과부하", "overload"),
    # operator panel
    "panel": ("조작 패널", "Operator panel"),
    "start": ("기동", "START"),
    "stop": ("정지", "STOP"),
    "reset": ("리셋", "RESET"),
    "estop": ("비상정지", "E-STOP"),
    "auto": ("자동", "AUTO"),
    "manual": ("수동", "MAN"),
    "safety_ok": ("안전 정상", "safety OK"),
    "safety_tripped": ("안전 차단", "safety tripped"),
    "display": ("표시기", "display"),
    "stack_light": ("타워램프", "Stack light"),
    "buzzer": ("부저", "buzzer"),
    "no_panel": ("이 시나리오에는 조작 패널이 없습니다", "this scenario has no operator panel"),
    # KPIs and counters
    "kpi": ("생산 현황", "Production"),
    "good": ("양품", "good"),
    "rejects": ("불량함", "rejects"),
    "oee": ("OEE", "OEE"),
    "availability": ("가용성", "avail."),
    "performance": ("성능", "perf."),
    "quality": ("품질", "quality"),
    "counters": ("카운터", "Counters"),
    "parts_in": ("투입", "in"),
    "parts_out": ("배출", "out"),
    "parts_rejected": ("불량함", "rejected"),
    "parts_missorted": ("오분류", "missorted"),
    "measured": ("검사", "inspected"),
    "machined": ("가공", "machined"),
    "order": ("작업 지시", "Work order"),
    "order_none": ("남은 지시 없음", "no open order"),
    "due": ("납기", "due"),
    "orders_done": ("완료 {done} · 지연 {late}", "done {done} · late {late}"),
    # fault menu
    "fault_menu": ("고장 주입 (교사용)", "Inject a fault (teacher)"),
    "fault_targets": ("대상 고르기: {kind}", "choose a target: {kind}"),
    "fault_active": ("진행 중인 고장 (눌러서 해제)", "active faults (click to clear)"),
    "fault_none": ("진행 중인 고장 없음", "no active faults"),
    "fault_close": ("Esc 닫기 · 숫자 키로 고르기", "Esc close · number keys choose"),
    "fault_back": ("← 뒤로", "← back"),
    "fault_unavailable": ("(이 시나리오에 없음)", "(not in this scenario)"),
    # tooltip
    "tooltip_address": ("{table} {address} (0부터) = {notation}", "{table} {address} (0-based) = {notation}"),
}

#: line state -> label
STATES = {
    0: ("정지", "stopped"),
    1: ("운전", "running"),
    2: ("대기", "idle"),
    3: ("비상정지", "E-stop"),
    4: ("설비 정지", "down"),
}

#: CNC state -> label
CNC_STATES = {
    0: ("대기", "idle"),
    1: ("투입", "loading"),
    2: ("가공 중", "machining"),
    3: ("배출", "unloading"),
    4: ("공구 교체", "tool change"),
    5: ("고장", "FAILED"),
    6: ("공구 교체 필요", "CHANGE TOOL"),
}

#: Modbus table -> (short, long) label in each language
TABLES = {
    "coil": (("Coil", "코일"), ("Coil", "coil")),
    "discrete_input": (("DI", "입력 비트"), ("DI", "discrete input")),
    "input_register": (("IR", "입력 레지스터"), ("IR", "input register")),
    "holding_register": (("HR", "홀딩 레지스터"), ("HR", "holding register")),
}

FAULT_NAMES_EN = {
    "sensor_stuck_on": "sensor stuck on (always 1)",
    "sensor_stuck_off": "sensor stuck off (always 0)",
    "analog_drift": "analog sensor drift",
    "jam": "conveyor jam",
    "bearing_wear": "bearing wear",
    "heater_degradation": "heater degradation",
    "valve_stuck": "valve stuck",
    "tool_breakage": "tool breakage",
}


def say(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang`` (``ko`` or ``en``), formatted with ``values``."""
    ko, en = S[key]
    text = ko if lang == "ko" else en
    return text.format(**values) if values else text


def pick(pair: tuple[str, str], lang: str) -> str:
    """The Korean or English half of a ``(ko, en)`` pair."""
    return pair[0] if lang == "ko" else pair[1]


def fault_name(kind: str, lang: str) -> str:
    """A fault kind's name for people."""
    return KIND_NAMES_KO.get(kind, kind) if lang == "ko" else FAULT_NAMES_EN.get(kind, kind)


def table_name(table: str, lang: str, *, short: bool) -> str:
    """A Modbus table's name: short (Coil / DI / IR / HR) or long, in ``lang``."""
    ko, en = TABLES[table]
    return (ko if lang == "ko" else en)[0 if short else 1]
