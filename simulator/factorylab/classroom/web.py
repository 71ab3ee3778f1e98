"""The teacher's web console: every line of the class in one browser tab.

``factorylab classroom`` starts it beside the lines (``Classroom(..., extras=[WebConsole(...)])``)
in the classroom's own event loop; it prints the console's address and token. Server-rendered
pages (Starlette, uvicorn), refreshed by htmx (shipped in ``static/``: no CDN, no build step),
Korean by default, English with ``?lang=en`` or the switch at the top:

* ``/login``: the teacher types the token.
* ``/`` (the grid): every line: number, student, state, simulated time, good parts, OEE,
  stack light, E-stop, faults and alarms, connected clients, the last writer, refused writes
  and the read-only switch; a line in trouble is red. It refreshes itself every second. The
  whole-class actions sit above it: a fault on every line, E-stop all / release all / reset
  all, clear every fault, read-only all / none.
* ``/line/N``: one line: the same picture as the window (a PNG of the runtime's latest
  snapshot, drawn by :mod:`factorylab.view` in a worker thread, every 2 s while the page is
  open), its values, faults (active and past), clients, and the panel's actions (start, stop,
  reset, E-stop push/release), fault injection and clearing, read-only on/off.
* ``/progress``: the students' check attempts reported to the console: per student and
  check, the latest result (passed, or failed with its finding code) and the counts.
* ``POST /api/report``: where a student's ``factorylab.check()`` reports when the student
  opted in (:func:`factorylab.report_to`); ``GET /api/lines``: the grid as JSON.

Token and class code. Every page and every action needs the **teacher token** (``token=``,
or one generated with :mod:`secrets`, 60 bits); the login page sets it as an HttpOnly,
SameSite=Strict cookie (an HMAC of the token, compared with :func:`hmac.compare_digest`; a
script may send ``Authorization: Bearer <token>`` instead). Students never get it. The **class
code** is a second, short secret shown at the top of the console: it only lets a check report
to ``/api/report``, where the student's name is taken as given (the code keeps strangers out,
not one student from typing another's name). The console keeps at most ``max_progress``
(student, check) results and answers reports of at most 8 KiB.

Risk. The console binds 127.0.0.1 (this computer only) unless told otherwise. On 0.0.0.0 it
is reachable from the school network over plain HTTP: the token is its only guard and
travels unencrypted, as does everything the console shows; use it on the class's own network
and a new token for each class (the default).

Threads. Handlers run in the classroom's loop, between two ticks of the lines: they read
``line.plant`` and the servers directly (cheap, no lock) and change a line only through
``line.runtime.submit(command)`` (or a server's ``read_only``). The picture is drawn and
encoded in a worker thread, so a tick is never held for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import html
import json
import logging
import os
import secrets
import socket
import threading
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import uvicorn
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..i18n import BilingualError
from ..plant import FAULT_KINDS
from ..runtime import ClearFault, Command, InjectFault, PressButton, SetEstop
from ..view.panels import alarms as view_alarms
from ..view.strings import STATES, fault_name, say

if TYPE_CHECKING:  # pragma: no cover
    from ..plant import Plant
    from .lines import ClassLine, Classroom

log = logging.getLogger("factorylab.classroom.web")

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8020
#: Seconds between two refreshes of the grid, of a line's values, of its picture (in the browser).
GRID_REFRESH = 1
DETAIL_REFRESH = 2
PICTURE_REFRESH = 2
#: How long an action waits for a line to take its command, s.
COMMAND_TIMEOUT = 3.0
#: The largest form (an action, the login) and report the console reads, bytes.
MAX_FORM_BYTES = 16 * 1024
MAX_REPORT_BYTES = 8 * 1024
#: (student, check) results kept at most; the oldest goes first.
MAX_PROGRESS = 3000
#: Attempts listed as "recent" at most.
MAX_RECENT = 100
#: Past faults a line's page lists at most (newest first).
MAX_PAST_FAULTS = 40
#: The longest text kept of a report's fields, characters.
MAX_FIELD = 80

COOKIE = "factorylab_console"
LANG_COOKIE = "factorylab_lang"
#: Letters and digits nobody confuses when reading them off a projector (no 0/O, 1/l/I).
TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

#: Everything the console says: key -> (Korean, English).
T: dict[str, tuple[str, str]] = {
    "title": ("FactoryLab 교사 콘솔", "FactoryLab teacher's console"),
    "nav_grid": ("전체 라인", "All lines"),
    "nav_progress": ("학급 진도", "Class progress"),
    "logout": ("로그아웃", "Log out"),
    "other_lang": ("English", "한국어"),
    "class_code": ("학급 코드", "Class code"),
    "login_title": ("교사 로그인", "Teacher login"),
    "login_label": ("교사 토큰", "Teacher token"),
    "login_button": ("들어가기", "Log in"),
    "login_hint": (
        "토큰은 factorylab classroom을 시작한 창에 표시됩니다. 학생에게 알려 주지 마세요.",
        "The token is shown in the window where factorylab classroom was started. Do not give it to students.",
    ),
    "login_wrong": ("토큰이 맞지 않습니다. 다시 입력하세요.", "That is not the token. Type it again."),
    "login_needed": ("교사 토큰을 입력해야 볼 수 있습니다.", "This console needs the teacher's token."),
    "lines_title": ("전체 라인 ({count}개)", "All lines ({count})"),
    "connect_how": (
        "학생 연결: 라인 N의 포트 {first}+N-1, 또는 공유 포트 {shared}에서 유닛 ID N",
        "Students connect to line N on port {first}+N-1, or on the shared port {shared} with unit id N",
    ),
    "col_line": ("라인", "Line"),
    "col_student": ("학생", "Student"),
    "col_state": ("상태", "State"),
    "col_time": ("시뮬레이션 시간", "Sim time"),
    "col_good": ("양품", "Good parts"),
    "col_oee": ("설비 종합 효율(OEE)", "OEE"),
    "col_light": ("타워램프", "Stack light"),
    "col_estop": ("비상정지", "E-stop"),
    "col_alarms": ("고장·알람", "Faults and alarms"),
    "col_clients": ("접속", "Clients"),
    "col_last_write": ("마지막 쓰기", "Last write"),
    "col_refused": ("거부된 쓰기", "Refused writes"),
    "col_read_only": ("읽기 전용", "Read-only"),
    "red": ("적색등", "red lamp"),
    "amber": ("황색등", "amber lamp"),
    "green": ("녹색등", "green lamp"),
    "lit": ("켜짐", "on"),
    "dark": ("꺼짐", "off"),
    "on": ("켜짐", "on"),
    "off": ("꺼짐", "off"),
    "estop_pushed": ("눌림", "pushed"),
    "estop_tripped": ("안전 차단 (리셋 필요)", "tripped (needs reset)"),
    "estop_normal": ("정상", "normal"),
    "none": ("없음", "none"),
    "any": ("모두", "any"),
    "shared": ("공유 포트", "shared port"),
    "own": ("라인 포트", "own port"),
    "ago_s": ("{n}초 전", "{n} s ago"),
    "ago_min": ("{n}분 전", "{n} min ago"),
    "ago_h": ("{n}시간 전", "{n} h ago"),
    "more": ("외 {n}개", "+{n} more"),
    "estop_push": ("비상정지 누르기", "Push E-stop"),
    "estop_release": ("비상정지 풀기", "Release E-stop"),
    "readonly_on": ("읽기 전용 켜기", "Read-only on"),
    "readonly_off": ("읽기 전용 끄기", "Read-only off"),
    "inject": ("고장 주입", "Inject fault"),
    "clear": ("해제", "Clear"),
    "kind": ("고장 종류", "Fault"),
    "target": ("대상", "Target"),
    "class_title": ("학급 전체", "Whole class"),
    "inject_all": ("모든 라인에 고장 주입", "Inject on every line"),
    "estop_all": ("모두 비상정지", "E-stop all"),
    "release_all": ("모두 비상정지 풀기", "Release all"),
    "reset_all": ("모두 리셋", "Reset all"),
    "clear_all": ("모든 고장 해제", "Clear every fault"),
    "readonly_all": ("모두 읽기 전용", "All read-only"),
    "readonly_none": ("모두 쓰기 허용", "None read-only"),
    "panel_title": ("조작 패널", "Operator panel"),
    "faults_title": ("고장", "Faults"),
    "faults_active": ("진행 중인 고장", "Active faults"),
    "faults_past": ("지난 고장", "Past faults"),
    "waiting_part": ("부품을 기다리는 중", "waiting for a part"),
    "fault_row": ("{id}번 · {kind} · {target}", "#{id} · {kind} · {target}"),
    "fault_times": (
        "주입 {injected} · 시작 {began} · 끝 {ended}",
        "injected {injected} · began {began} · ended {ended}",
    ),
    "fault_log_file": ("고장 기록 파일", "Fault log file"),
    "clients_title": ("접속한 클라이언트", "Connected clients"),
    "client_cols": (
        ("주소", "경로", "접속 시간", "쉰 시간", "요청", "쓰기", "거부"),
        ("Address", "Via", "Connected", "Idle", "Requests", "Writes", "Refused"),
    ),
    "values_title": ("현재 값", "Values now"),
    "parts_in": ("투입", "Parts in"),
    "parts_out": ("배출", "Parts out"),
    "parts_rejected": ("불량함", "Rejected"),
    "apq": ("가용성 · 성능 · 품질", "Availability · performance · quality"),
    "safety": ("안전 릴레이", "Safety relay"),
    "safety_ok": ("정상", "closed"),
    "safety_tripped": ("차단", "tripped"),
    "mode": ("운전 모드", "Mode"),
    "auto": ("자동", "auto"),
    "manual": ("수동", "manual"),
    "port": ("포트 · 유닛 ID", "Port · unit id"),
    "no_port": ("(공유 포트만)", "(shared port only)"),
    "writers": ("쓰기 허용 주소", "May write"),
    "seed": ("시드 · 변형", "Seed · variant"),
    "picture_alt": ("라인 {n}의 화면", "Line {n} as the window shows it"),
    "done_start": ("기동 버튼을 눌렀습니다", "pressed START"),
    "done_stop": ("정지 버튼을 눌렀습니다", "pressed STOP"),
    "done_reset": ("리셋 버튼을 눌렀습니다", "pressed RESET"),
    "done_estop_push": ("비상정지를 눌렀습니다", "pushed the E-stop"),
    "done_estop_release": ("비상정지를 풀었습니다 (다시 돌리려면 리셋)", "released the E-stop (reset to run again)"),
    "done_readonly_on": ("읽기 전용: 학생의 쓰기를 거부합니다", "read-only: students' writes are refused"),
    "done_readonly_off": ("쓰기를 다시 허용합니다", "writes allowed again"),
    "done_clear": ("고장 {id}번을 해제했습니다", "cleared fault #{id}"),
    "done_clear_all": ("고장 {n}개를 해제했습니다", "cleared {n} faults"),
    "done_line": ("라인 {n}: {what}", "Line {n}: {what}"),
    "done_class": ("라인 {ok}/{count}개: {what}", "{ok} of {count} lines: {what}"),
    "failed_some": (" · 실패 {n}개 (라인 {first}: {why})", " · {n} failed (line {first}: {why})"),
    "no_line": ("라인 {n}: 없는 라인입니다 (라인은 1~{count})", "there is no line {n} (lines 1 to {count})"),
    "bad_action": ("알 수 없는 동작입니다: '{a}'", "unknown action: '{a}'"),
    "bad_kind": ("'{kind}' 고장은 없습니다. 가능한 고장: {known}", "there is no fault '{kind}'. Faults: {known}"),
    "no_target": (
        "이 시나리오에는 '{kind}' 고장을 넣을 장치가 없습니다",
        "this scenario has no device for a '{kind}' fault",
    ),
    "bad_target": (
        "'{target}'에는 '{kind}' 고장을 걸 수 없습니다. 가능한 대상: {known}",
        "'{target}' is not a target for '{kind}'. Targets: {known}",
    ),
    "bad_record": ("고장 번호는 정수여야 합니다 (입력: '{id}')", "a fault number is a whole number (got '{id}')"),
    "no_record": ("라인 {n}에 진행 중인 고장 {id}번이 없습니다", "line {n} has no active fault #{id}"),
    "no_answer": ("라인 {n}: {s}초 안에 명령을 받지 않았습니다", "line {n} did not take the command within {s} s"),
    "too_big": ("요청이 너무 큽니다 (최대 {n} 바이트)", "the request is too large (at most {n} bytes)"),
    "not_found": ("없는 페이지입니다", "there is no such page"),
    "bad_method": (
        "이 주소는 이 방식(HTTP 메서드)으로 요청할 수 없습니다",
        "this address does not take that HTTP method",
    ),
    "server_error": (
        "콘솔에서 오류가 났습니다. 라인은 계속 돌아갑니다. 페이지를 다시 열어 보세요.",
        "the console hit an error; the lines keep running. Open the page again.",
    ),
    "back": ("돌아가기", "Back"),
    "progress_title": ("학급 진도", "Class progress"),
    "progress_how": (
        "학생은 노트북에서 다음을 한 번 실행합니다. 그다음 factorylab.check()의 결과가 여기에 보입니다:",
        "Students run this once in their notebook; from then on the results of factorylab.check() show here:",
    ),
    "progress_local": (
        "결과를 받는 곳이 이 컴퓨터(127.0.0.1)에서만 열려 있습니다. 학생 PC에서 보내려면 교실을 --host 0.0.0.0으로 "
        "시작하세요 (결과 받는 포트 --report-port만 열리고 콘솔은 이 컴퓨터에 남습니다).",
        "Reports are taken on this computer only (127.0.0.1): start the classroom with --host 0.0.0.0 for students' PCs "
        "(only the report port --report-port opens; the console stays on this computer).",
    ),
    "teacher_pc": ("교사PC주소", "teacher-pc"),
    "no_reports": ("아직 받은 결과가 없습니다.", "No results yet."),
    "progress_reset": ("진도 지우기", "Clear progress"),
    "done_progress_reset": ("학급 진도를 지웠습니다", "class progress cleared"),
    "passed": ("통과", "passed"),
    "failed": ("실패", "failed"),
    "attempts": ("{n}회", "{n}×"),
    "summary": ("통과 {passed}/{total}명", "{passed}/{total} passed"),
    "recent": ("최근 시도", "Recent attempts"),
    "recent_cols": (("받은 순서", "학생", "검사", "결과", "시각"), ("#", "Student", "Check", "Result", "At")),
    "students": ("학생 {n}명 · 결과 {m}개", "{n} students · {m} results"),
    "unit": ("{n}단원", "unit {n}"),
    "report_ok": ("받았습니다", "received"),
    "report_code": (
        "학급 코드가 맞지 않습니다. 선생님 화면 위쪽의 학급 코드를 확인하세요",
        "wrong class code: check the class code at the top of the teacher's console",
    ),
    "report_json": ("보고 내용이 JSON 객체가 아닙니다", "the report is not a JSON object"),
    "report_field": ("보고에 '{field}' 값이 없거나 잘못되었습니다", "the report's '{field}' is missing or wrong"),
}


def _t(key: str, lang: str, **values: object) -> str:
    """The console's text ``key`` in ``lang``, formatted with ``values``."""
    ko, en = T[key]
    text = ko if lang == "ko" else en
    return text.format(**values) if values else text


def _e(value: object) -> str:
    """``value`` as HTML text (every dynamic string on a page goes through this)."""
    return html.escape(str(value), quote=True)


def _clock(seconds: float) -> str:
    """Simulated seconds as ``HH:MM:SS``."""
    whole = max(0, int(seconds))
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _ago(seconds: float, lang: str) -> str:
    """'12초 전' / '12 s ago' (then minutes, then hours)."""
    seconds = max(0.0, seconds)
    if seconds < 120:
        return _t("ago_s", lang, n=int(seconds))
    if seconds < 7200:
        return _t("ago_min", lang, n=int(seconds // 60))
    return _t("ago_h", lang, n=int(seconds // 3600))


class _Refused(Exception):
    """A request the console answers with a message and a 4xx (or 503) status."""

    def __init__(self, status: int, key: str, **values: object) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.values = values
        self.ko = self.en = ""

    @classmethod
    def said(cls, status: int, error: BilingualError) -> _Refused:
        """From an error that says itself in both languages (a plant's FaultError)."""
        refused = cls(status, "")
        refused.ko, refused.en = error.ko, error.en
        return refused

    def text(self, lang: str) -> str:
        if not self.key:
            return self.ko if lang == "ko" else self.en
        return _t(self.key, lang, **self.values)


# --- class progress -------------------------------------------------------------------------------------


@dataclass
class Attempt:
    """A student's latest attempt at one check, and the counts.

    Attributes:
        student, check, lab: as reported (lab may be empty).
        passed: the latest attempt passed.
        codes: the latest attempt's finding codes (empty when passed).
        at: when the student's computer made it, as it said (ISO 8601 text, or empty).
        attempts, passes: attempts reported and how many passed.
        number: the order the console received the latest one in (1, 2 ...).
    """

    student: str
    check: str
    lab: str
    passed: bool
    codes: tuple[str, ...]
    at: str
    attempts: int
    passes: int
    number: int


class Progress:
    """The students' check attempts reported to the console, bounded.

    Args:
        max_entries: (student, check) results kept at most; past it the one
            updated longest ago goes.
        max_recent: attempts kept for the "recent" list.
    """

    def __init__(self, max_entries: int = MAX_PROGRESS, max_recent: int = MAX_RECENT) -> None:
        self.max_entries = max_entries
        self.entries: OrderedDict[tuple[str, str], Attempt] = OrderedDict()
        self.recent: deque[Attempt] = deque(maxlen=max_recent)
        self.received = 0
        self.dropped = 0  # results let go to stay within max_entries

    def add(self, student: str, check: str, passed: bool, codes: tuple[str, ...], at: str, lab: str = "") -> Attempt:
        """Count one attempt (the report already checked); returns the student's entry for that check."""
        self.received += 1
        key = (student, check)
        old = self.entries.pop(key, None)
        entry = Attempt(
            student,
            check,
            lab or (old.lab if old else ""),
            passed,
            () if passed else codes,
            at,
            (old.attempts if old else 0) + 1,
            (old.passes if old else 0) + int(passed),
            self.received,
        )
        self.entries[key] = entry
        while len(self.entries) > self.max_entries:
            self.entries.popitem(last=False)
            self.dropped += 1
        self.recent.appendleft(
            Attempt(student, check, entry.lab, passed, entry.codes, at, entry.attempts, entry.passes, self.received)
        )
        return entry

    def reset(self) -> None:
        """Forget every attempt."""
        self.entries.clear()
        self.recent.clear()
        self.dropped = 0


def _text_field(data: dict, name: str, *, required: bool) -> str:
    value = data.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _Refused(400, "report_field", field=name)
    return " ".join(value.split())[:MAX_FIELD]


def parse_report(data: Any) -> dict[str, Any]:
    """A student's report, checked and trimmed: ``student``, ``check``, ``lab``, ``passed``, ``codes``, ``at``.

    Raises:
        _Refused: 400, naming the field that is missing or wrong.
    """
    if not isinstance(data, dict):
        raise _Refused(400, "report_json")
    passed = data.get("passed")
    if not isinstance(passed, bool):
        raise _Refused(400, "report_field", field="passed")
    codes = data.get("codes")
    if codes is None:
        codes = [data["code"]] if data.get("code") is not None else []
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise _Refused(400, "report_field", field="codes")
    return {
        "student": _text_field(data, "student", required=True),
        "check": _text_field(data, "check", required=True),
        "lab": _text_field(data, "lab", required=False),
        "at": _text_field(data, "at", required=False)[:40],
        "passed": passed,
        "codes": tuple(" ".join(c.split())[:MAX_FIELD] for c in codes[:5]),
    }


# --- the picture ----------------------------------------------------------------------------------------


class _Pictures:
    """Draws lines' pictures in worker threads, one at a time, each snapshot once per language."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: dict[int, tuple[int, str, bytes]] = {}  # line -> (snapshot version, lang, png)

    def draw(self, line: ClassLine, lang: str) -> bytes:
        """The line's picture now (call it in a worker thread: it waits up to 1/4 s for a fresh snapshot)."""
        from ..view.canvas import Hud
        from ..view.screenshot import png_bytes

        runtime = line.runtime
        snapshot = runtime.next_frame(runtime.published, 0.005)  # asks the loop for a fresh one
        if snapshot is None:
            raise _Refused(503, "no_answer", n=line.number, s=COMMAND_TIMEOUT)
        with self._lock:
            cached = self._last.get(line.number)
            if cached is not None and cached[:2] == (snapshot.version, lang):
                return cached[2]
            server = line.server
            where = f"{server.host}:{server.port}" if server.port is not None else f"unit {server.unit_id}"
            hud = Hud(paused=snapshot.paused, speed=snapshot.speed, address=where)
            png = png_bytes(snapshot.plant, lang=lang, hud=hud)
            self._last[line.number] = (snapshot.version, lang, png)
            return png


# --- what the console shows of a line -----------------------------------------------------------------------


class _Words:
    """What :func:`factorylab.view.panels.alarms` reads of a canvas: the plant and its words."""

    def __init__(self, plant: Plant, lang: str) -> None:
        self.plant = plant
        self.lang = lang

    def say(self, key: str, **values: object) -> str:
        return say(key, self.lang, **values)


def line_status(line: ClassLine, lang: str) -> dict[str, Any]:
    """What the grid shows of ``line`` now (call it in the classroom's loop thread).

    Times are simulated seconds; ``oee`` in %; ``alarms`` in ``lang``.
    """
    plant = line.plant
    server = line.server
    tags = server.tags

    def value(name: str) -> Any:
        tag = tags.get(name)
        return None if tag is None else tag.reader(plant)

    state = value("production.state")
    alarms = view_alarms(_Words(plant, lang))
    panel = plant.panel
    writer = server.last_writer
    clients = server.clients()
    return {
        "number": line.number,
        "student": line.student,
        "port": server.port,
        "unit": server.unit_id,
        "time": round(plant.time, 2),
        "state": state,
        "state_text": say_state(state, lang),
        "parts_good": value("production.parts_good"),
        "parts_out": value("production.parts_out"),
        "parts_in": value("production.parts_in"),
        "parts_rejected": value("production.parts_rejected"),
        "oee": value("production.oee"),
        "availability": value("production.availability"),
        "performance": value("production.performance"),
        "quality": value("production.quality"),
        "stack_light": {lamp: value(f"stack_light.{lamp}") for lamp in ("red", "amber", "green")},
        "estop": None if panel is None else bool(panel.estop),
        "safety_ok": None if panel is None else bool(panel.safety_ok),
        "auto": None if panel is None else bool(panel.auto),
        "alarms": alarms,
        "faults": [
            {"id": r.id, "kind": r.kind, "target": r.target, "injected": round(r.start, 1), "applied": r.applied}
            for r in plant.faults.active
        ],
        "clients": [
            {"host": c.host, "port": c.port, "shared_port": c.shared_port, "requests": c.requests, "writes": c.writes}
            for c in clients
        ],
        "last_writer": None if writer is None else {"host": writer[0], "time": round(writer[1], 2)},
        "refused_writes": server.stats.refused_writes,
        "read_only": bool(server.read_only),
        "writers": None if server.writers is None else sorted(server.writers),
        "trouble": bool(alarms) or state == 4,
    }


def say_state(state: Any, lang: str) -> str:
    """``production.state`` in words ('운전' / 'running')."""
    pair = STATES.get(state) if isinstance(state, int) else None
    if pair is None:
        return "–"
    return pair[0] if lang == "ko" else pair[1]


# --- the web server --------------------------------------------------------------------------------------------


class _Server(uvicorn.Server):
    """uvicorn's server without signal handlers (the classroom process owns Ctrl-C), telling when it listens."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = asyncio.Event()

    @contextlib.contextmanager
    def capture_signals(self):  # noqa: ANN201 - uvicorn's hook
        yield

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        try:
            await super().startup(sockets=sockets)
        finally:
            self.ready.set()


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on (host, port); OSError if it cannot be had (port taken, no such address)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, protocol, _, address = infos[0]
    sock = socket.socket(family, kind, protocol)
    try:
        if os.name == "posix":  # as asyncio does; on Windows it would let another program take the port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
        sock.setblocking(False)
    except OSError:
        sock.close()
        raise
    return sock


def _generated(alphabet: str, groups: int, size: int) -> str:
    return "-".join("".join(secrets.choice(alphabet) for _ in range(size)) for _ in range(groups))


class WebConsole:
    """The teacher's web console of a :class:`~factorylab.classroom.Classroom` (see the module's docstring).

    Args:
        host: the address to listen on; 127.0.0.1 (this computer only) by default.
        port: the TCP port (8020); 0: any free port (:attr:`port` tells which, once started).
        token: the teacher's token; None: a new one (12 letters and digits, 60 bits).
        lang: the console's language when the browser did not choose one, ``ko`` or ``en``.
        class_code: the code students' checks report with; None: a new one (6 characters).
        max_progress: (student, check) results kept at most.

    Start it with ``Classroom(..., extras=[console])``: the classroom calls
    :meth:`start` in its loop once every line runs and :meth:`stop` first at the end.
    """

    def __init__(
        self,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        token: str | None = None,
        lang: str = "ko",
        *,
        class_code: str | None = None,
        max_progress: int = MAX_PROGRESS,
        report_host: str | None = None,
        report_port: int | None = None,
    ) -> None:
        if lang not in ("ko", "en"):
            raise ValueError(f"lang must be 'ko' or 'en', got {lang!r}")
        if token is not None and not (isinstance(token, str) and token.strip()):
            raise ValueError("the token must be a non-empty string (or None for a new one)")
        if class_code is not None and not (isinstance(class_code, str) and class_code.strip()):
            raise ValueError("the class code must be a non-empty string (or None for a new one)")
        self.host = host
        self.port = port
        self.report_host = report_host if report_host is not None else host
        self.report_port = report_port
        self.lang = lang
        self._token_generated = token is None
        self.token = token.strip() if token is not None else _generated(TOKEN_ALPHABET, 3, 4)
        self.class_code = class_code.strip() if class_code is not None else _generated(CODE_ALPHABET, 1, 6)
        self._session = hmac.new(self.token.encode(), b"factorylab console session", hashlib.sha256).hexdigest()
        self.progress = Progress(max_progress)
        self.classroom: Classroom | None = None
        self._server: _Server | None = None
        self._task: asyncio.Task | None = None
        self._report_server: _Server | None = None
        self._report_task: asyncio.Task | None = None
        self._pictures = _Pictures()
        self._units: dict[str, int] = {}
        self._static = {
            "htmx.min.js": ("text/javascript; charset=utf-8", _static("htmx.min.js")),
            "console.css": ("text/css; charset=utf-8", _static("console.css")),
        }
        self.app = self._make_app()

    # --- lifecycle ---------------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """Where the teacher opens the console on this computer (``http://127.0.0.1:8020/``)."""
        host = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(self.host, self.host)
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/"

    async def start(self, classroom: Classroom) -> None:
        """Listen and serve in the running loop (the classroom's); returns once listening.

        Raises:
            OSError: the port is taken or the address is not this computer's.
        """
        self.classroom = classroom
        self._server, self._task, self.port = await self._serve(self.app, self.host, self.port, "web-console")
        if self.report_port is not None:
            try:
                server, task, self.report_port = await self._serve(
                    self._make_report_app(), self.report_host, self.report_port, "report-listener"
                )
            except OSError:
                await self.stop()
                raise
            self._report_server, self._report_task = server, task
        asyncio.get_running_loop().create_task(self._load_units(), name="web-console-units")

    async def _serve(self, app: Starlette, host: str, port: int, name: str) -> tuple[_Server, asyncio.Task, int]:
        """Serve ``app`` on (host, port) in the running loop; returns once listening (OSError if it cannot)."""
        sock = _listen(host, port)
        port = sock.getsockname()[1]
        config = uvicorn.Config(
            app,
            host=host,
            port=port,
            lifespan="off",
            log_level="warning",
            log_config=None,
            access_log=False,
            ws="none",
            server_header=False,
            timeout_graceful_shutdown=2,
        )
        server = _Server(config)
        loop = asyncio.get_running_loop()
        task = loop.create_task(server.serve(sockets=[sock]), name=name)
        ready = loop.create_task(server.ready.wait())
        await asyncio.wait([task, ready], return_when=asyncio.FIRST_COMPLETED)
        ready.cancel()
        if task.done() or not server.started:
            sock.close()
            error = task.exception() if task.done() and not task.cancelled() else None
            raise OSError(f"{name} could not start on {host}:{port}: {error!r}")
        return server, task, port

    async def stop(self) -> None:
        """Stop serving (open pages stop refreshing); idempotent."""
        report_server, report_task = self._report_server, self._report_task
        self._report_server = self._report_task = None
        if report_server is not None and report_task is not None:
            await self._shut(report_server, report_task)
        server, task = self._server, self._task
        self._server = self._task = None
        if server is not None and task is not None:
            await self._shut(server, task)

    async def _shut(self, server: _Server, task: asyncio.Task) -> None:
        server.should_exit = True
        try:
            await asyncio.wait_for(asyncio.shield(task), 5.0)
        except TimeoutError:
            server.force_exit = True
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        except Exception:  # pragma: no cover - a failing server still counts as stopped
            log.exception("the web console stopped with an error")

    async def _load_units(self) -> None:
        """Which unit each check belongs to (course.yaml's lists only), for the progress page.

        Not :func:`factorylab.course.load`: it reads every lab's source (1.5 s of
        processor in a thread, which would make thirty lines' ticks wait for the GIL).
        """

        def units() -> dict[str, int]:
            import yaml

            from ..course import default_path

            data = yaml.safe_load(default_path().read_text(encoding="utf-8"))
            checks = (
                (unit["number"], c if isinstance(c, str) else c["id"])
                for unit in data["units"]
                for c in unit.get("checks", [])
            )
            return {check: number for number, check in checks}

        try:
            self._units = await asyncio.to_thread(units)
        except Exception:  # pragma: no cover - the page shows checks without their units
            log.info("course.yaml could not be read: the progress page shows no units", exc_info=True)

    # --- the app -------------------------------------------------------------------------------------------------
    def _make_report_app(self) -> Starlette:
        """The report listener: only ``POST /api/report`` (the students' network may reach it; the console stays local)."""

        async def about(request: Request) -> Response:
            return PlainTextResponse(
                "FactoryLab: 학생 검사 결과를 받는 곳입니다 (factorylab.report_to). / "
                "FactoryLab: where students' check results are reported (factorylab.report_to).\n"
            )

        return Starlette(
            routes=[Route("/api/report", self._report, methods=["POST"]), Route("/", about, methods=["GET"])]
        )

    def _make_app(self) -> Starlette:
        guarded = self._guarded
        routes = [
            Route("/login", self._login_page, methods=["GET"]),
            Route("/login", self._login, methods=["POST"]),
            Route("/logout", self._logout, methods=["POST"]),
            Route("/static/{name}", self._static_file, methods=["GET"]),
            Route("/api/report", self._report, methods=["POST"]),
            Route("/", guarded(self._grid_page), methods=["GET"]),
            Route("/grid", guarded(self._grid_fragment), methods=["GET"]),
            Route("/api/lines", guarded(self._lines_json), methods=["GET"]),
            Route("/targets", guarded(self._targets), methods=["GET"]),
            Route("/class/action", guarded(self._class_action), methods=["POST"]),
            Route("/line/{number}", guarded(self._line_page), methods=["GET"]),
            Route("/line/{number}/status", guarded(self._line_fragment), methods=["GET"]),
            Route("/line/{number}/picture.png", guarded(self._picture), methods=["GET"]),
            Route("/line/{number}/action", guarded(self._line_action), methods=["POST"]),
            Route("/progress", guarded(self._progress_page), methods=["GET"]),
            Route("/progress/table", guarded(self._progress_fragment), methods=["GET"]),
            Route("/progress/reset", guarded(self._progress_reset), methods=["POST"]),
        ]
        return Starlette(
            routes=routes,
            exception_handlers={HTTPException: self._http_error, Exception: self._crash},
        )

    # --- who is asking, in which language ----------------------------------------------------------------------
    def _lang(self, request: Request) -> str:
        chosen = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
        return chosen if chosen in ("ko", "en") else self.lang

    def _authorised(self, request: Request) -> bool:
        cookie = request.cookies.get(COOKIE, "")
        if cookie and hmac.compare_digest(cookie.encode(), self._session.encode()):
            return True
        bearer = request.headers.get("authorization", "")
        if bearer[:7].lower() == "bearer ":
            return self._token_matches(bearer[7:])
        return False

    def _token_matches(self, typed: str) -> bool:
        typed = typed.strip()
        if self._token_generated:
            typed = typed.lower()
        return hmac.compare_digest(typed.encode("utf-8", "replace"), self.token.encode())

    def _guarded(
        self, handler: Callable[[Request, str], Awaitable[Response]]
    ) -> Callable[[Request], Awaitable[Response]]:
        """``handler`` behind the token, its refusals said as messages in the page's language."""

        async def endpoint(request: Request) -> Response:
            lang = self._lang(request)
            if not self._authorised(request):
                response = self._refuse(request, lang)
            else:
                try:
                    response = await handler(request, lang)
                except _Refused as refused:
                    response = self._refused(request, refused, lang)
            if request.query_params.get("lang") in ("ko", "en") and "html" in (response.media_type or ""):
                response.set_cookie(LANG_COOKIE, lang, samesite="strict", httponly=True)  # a page, not a picture
            return response

        return endpoint

    def _refuse(self, request: Request, lang: str) -> Response:
        """No token, or a wrong one: 403, and the login form again."""
        if request.url.path.startswith("/api/"):
            return JSONResponse({"ok": False, "ko": T["login_needed"][0], "en": T["login_needed"][1]}, 403)
        if request.headers.get("hx-request"):
            return HTMLResponse(self._message(_t("login_needed", lang), False), 403, headers={"HX-Redirect": "/login"})
        return self._login_form(lang, _t("login_needed", lang), 403)

    def _refused(self, request: Request, refused: _Refused, lang: str) -> Response:
        text = refused.text(lang)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"ok": False, "ko": refused.text("ko"), "en": refused.text("en")}, refused.status)
        if request.headers.get("hx-request"):
            return HTMLResponse(self._message(text, False), refused.status)
        return self._page(lang, _t("title", lang), self._message(text, False) + self._back(lang), refused.status)

    async def _http_error(self, request: Request, exc: Exception) -> Response:
        lang = self._lang(request)
        status = getattr(exc, "status_code", 500)
        key = "not_found" if status == 404 else "bad_method" if status == 405 else "server_error"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"ok": False, "ko": T[key][0], "en": T[key][1]}, status)
        if request.headers.get("hx-request"):
            return HTMLResponse(self._message(_t(key, lang), False), status)
        return self._page(lang, _t("title", lang), self._message(_t(key, lang), False) + self._back(lang), status)

    async def _crash(self, request: Request, exc: Exception) -> Response:  # pragma: no cover - a bug of ours
        log.error("the web console failed on %s", request.url.path, exc_info=exc)
        lang = self._lang(request)
        return self._page(lang, _t("title", lang), self._message(_t("server_error", lang), False), 500)

    # --- login -----------------------------------------------------------------------------------------------
    async def _login_page(self, request: Request) -> Response:
        lang = self._lang(request)
        if self._authorised(request):
            return RedirectResponse("/", 303)
        response = self._login_form(lang, "", 200)
        if request.query_params.get("lang") in ("ko", "en"):
            response.set_cookie(LANG_COOKIE, lang, samesite="strict", httponly=True)
        return response

    async def _login(self, request: Request) -> Response:
        lang = self._lang(request)
        try:
            form = await _form(request)
        except _Refused as refused:
            return self._login_form(lang, refused.text(lang), refused.status)
        if not self._token_matches(form.get("token", "")):
            return self._login_form(lang, _t("login_wrong", lang), 403)
        response = RedirectResponse("/", 303)
        response.set_cookie(COOKIE, self._session, httponly=True, samesite="strict", path="/")
        return response

    async def _logout(self, request: Request) -> Response:
        response = RedirectResponse("/login", 303)
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
        return response

    def _login_form(self, lang: str, message: str, status: int) -> Response:
        body = (
            f"<h1>{_e(_t('login_title', lang))}</h1>"
            + (self._message(message, False) if message else "")
            + f'<form class="login" method="post" action="/login">'
            f'<label for="token">{_e(_t("login_label", lang))}</label>'
            '<input id="token" name="token" type="password" autocomplete="off" autofocus required>'
            f'<button type="submit" class="go">{_e(_t("login_button", lang))}</button>'
            f'<p class="dim">{_e(_t("login_hint", lang))}</p></form>'
        )
        return self._page(lang, _t("login_title", lang), body, status, nav=False)

    # --- static files -------------------------------------------------------------------------------------------
    async def _static_file(self, request: Request) -> Response:
        name = request.path_params["name"]
        found = self._static.get(name)
        if found is None and name in FONTS:  # our Hangul font, for a computer without one (read once, on demand)
            found = self._static[name] = ("font/ttf", await asyncio.to_thread(_font, name))
        if found is None:
            raise HTTPException(404)
        media_type, data = found
        return Response(data, media_type=media_type, headers={"Cache-Control": "max-age=3600"})

    # --- the grid ------------------------------------------------------------------------------------------------
    def _lines(self) -> list[ClassLine]:
        return self.classroom.lines if self.classroom is not None else []

    async def _grid_page(self, request: Request, lang: str) -> Response:
        classroom = self.classroom
        lines = self._lines()
        first = lines[0].server.port if lines and lines[0].server.port is not None else "–"
        shared = classroom.shared_port if classroom is not None and classroom.shared_port is not None else "–"
        body = (
            f"<h1>{_e(_t('lines_title', lang, count=len(lines)))}</h1>"
            f'<p class="dim">{_e(_t("connect_how", lang, first=first, shared=shared))}</p>'
            + self._class_toolbar(lang)
            + '<div id="message" aria-live="polite"></div>'
            + f'<div id="grid" hx-get="/grid" hx-trigger="every {GRID_REFRESH}s, refresh from:body">'
            + self._grid(lang)
            + "</div>"
        )
        return self._page(lang, _t("nav_grid", lang), body)

    async def _grid_fragment(self, request: Request, lang: str) -> Response:
        return HTMLResponse(self._grid(lang), headers=_NO_STORE)

    async def _lines_json(self, request: Request, lang: str) -> Response:
        return JSONResponse([line_status(line, lang) for line in self._lines()], headers=_NO_STORE)

    def _grid(self, lang: str) -> str:
        heads = (
            "col_line",
            "col_student",
            "col_state",
            "col_time",
            "col_good",
            "col_oee",
            "col_light",
            "col_estop",
            "col_alarms",
            "col_clients",
            "col_last_write",
            "col_refused",
            "col_read_only",
        )
        rows = [self._grid_row(line_status(line, lang), line.plant.time, lang) for line in self._lines()]
        head = "".join(f"<th>{_e(_t(key, lang))}</th>" for key in heads)
        return f'<table class="grid"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'

    def _grid_row(self, s: dict[str, Any], now: float, lang: str) -> str:
        n = s["number"]
        port = f"<br><small>{_e(s['port'])}</small>" if s["port"] is not None else ""
        oee = "–" if s["oee"] is None else f"{s['oee']:.1f} %"
        cells = [
            f'<td class="line"><a href="/line/{n}">{n}</a>{port}</td>',
            f"<td>{_e(s['student']) or '<span class=dim>–</span>'}</td>",
            f'<td class="state">{_e(s["state_text"])}</td>',
            f'<td class="num time">{_clock(s["time"])}</td>',
            f'<td class="num">{_e(_count(s["parts_good"]))}</td>',
            f'<td class="num">{_e(oee)}</td>',
            f"<td>{self._lamps(s['stack_light'], lang)}</td>",
            f"<td>{self._estop(s, lang)}</td>",
            f'<td class="alarms">{self._alarm_list(s["alarms"], lang)}</td>',
            f"<td>{self._client_list(s['clients'], lang)}</td>",
            f"<td>{self._last_write(s['last_writer'], now, lang)}</td>",
            f'<td class="num refused">{self._refused_count(s["refused_writes"])}</td>',
            f"<td>{self._read_only_switch(n, s['read_only'], lang)}</td>",
        ]
        return (
            f'<tr id="line-{n}" data-line="{n}" data-time="{s["time"]:.2f}" data-state="{_e(s["state"])}" '
            f'data-read-only="{int(s["read_only"])}" data-faults="{len(s["faults"])}"'
            f"{' class=trouble' if s['trouble'] else ''}>" + "".join(cells) + "</tr>"
        )

    def _lamps(self, lamps: dict[str, Any], lang: str) -> str:
        if all(v is None for v in lamps.values()):
            return "–"
        spans = []
        for lamp in ("red", "amber", "green"):
            lit = bool(lamps.get(lamp))
            title = f"{_t(lamp, lang)}: {_t('lit' if lit else 'dark', lang)}"
            spans.append(f'<span class="lamp {lamp}{" lit" if lit else ""}" title="{_e(title)}"></span>')
        return f'<span class="lamps">{"".join(spans)}</span>'

    def _estop(self, s: dict[str, Any], lang: str) -> str:
        if s["estop"] is None:
            return "–"
        if s["estop"]:
            return f'<span class="badge bad">{_e(_t("estop_pushed", lang))}</span>'
        if not s["safety_ok"]:
            return f'<span class="badge warn">{_e(_t("estop_tripped", lang))}</span>'
        return f'<span class="badge ok">{_e(_t("estop_normal", lang))}</span>'

    def _alarm_list(self, alarms: list[str], lang: str) -> str:
        if not alarms:
            return f'<span class="dim">{_e(_t("none", lang))}</span>'
        return '<ul class="plain">' + "".join(f"<li>{_e(a)}</li>" for a in alarms) + "</ul>"

    def _client_list(self, clients: list[dict[str, Any]], lang: str, shown: int = 3) -> str:
        if not clients:
            return f'<span class="dim">{_e(_t("none", lang))}</span>'
        items = []
        for c in clients[:shown]:
            via = _t("shared" if c["shared_port"] else "own", lang)
            items.append(
                f'<li title="{_e(c["host"])}:{c["port"]} · {_e(via)}">{_e(c["host"])} <small>{_e(via)}</small></li>'
            )
        if len(clients) > shown:
            items.append(f'<li class="dim">{_e(_t("more", lang, n=len(clients) - shown))}</li>')
        return '<ul class="plain">' + "".join(items) + "</ul>"

    def _last_write(self, writer: dict[str, Any] | None, now: float, lang: str) -> str:
        if writer is None:
            return '<span class="dim">–</span>'
        return f"{_e(writer['host'])}<br><small>{_e(_ago(now - writer['time'], lang))}</small>"

    @staticmethod
    def _refused_count(count: int) -> str:
        return f'<span class="badge warn">{count}</span>' if count else "0"

    def _read_only_switch(self, number: int, read_only: bool, lang: str) -> str:
        action = "readonly_off" if read_only else "readonly_on"
        label = _t("on" if read_only else "off", lang)
        title = _t(action, lang)
        return _form_button(
            f"/line/{number}/action",
            {"action": action},
            label,
            f"switch {'on' if read_only else 'off'}",
            title=title,
            name=f"read-only-{number}",
        )

    def _class_toolbar(self, lang: str) -> str:
        buttons = "".join(
            _form_button("/class/action", {"action": action}, _t(action, lang), style)
            for action, style in (
                ("estop_all", "danger"),
                ("release_all", ""),
                ("reset_all", ""),
                ("clear_all", ""),
                ("readonly_all", ""),
                ("readonly_none", ""),
            )
        )
        return (
            f'<div class="toolbar"><span class="label">{_e(_t("class_title", lang))}</span>'
            + self._inject_form("/class/action", "inject_all", "all", lang)
            + buttons
            + "</div>"
        )

    def _inject_form(self, url: str, label_key: str, scope: str, lang: str, line: int | None = None) -> str:
        """A fault kind, its targets (reloaded when the kind changes) and a button."""
        plant = self._plant_for_targets(line)
        kinds = [k for k in FAULT_KINDS if plant is None or plant.faults.targets(k)]
        first = kinds[0] if kinds else ""
        kind_options = "".join(f'<option value="{_e(k)}">{_e(fault_name(k, lang))}</option>' for k in kinds)
        query = f"?line={line}" if line is not None else ""
        return (
            f'<form class="inline" method="post" action="{url}" hx-post="{url}" hx-target="#message">'
            '<input type="hidden" name="action" value="inject">'
            f'<label>{_e(_t("kind", lang))} <select name="kind" id="kind-{scope}" hx-get="/targets{query}" '
            f'hx-target="#target-{scope}" hx-trigger="change">{kind_options}</select></label> '
            f'<label>{_e(_t("target", lang))} <select name="target" id="target-{scope}">'
            f"{self._target_options(plant, first)}</select></label> "
            f'<button type="submit" class="danger" id="inject-{scope}">{_e(_t(label_key, lang))}</button></form>'
        )

    def _plant_for_targets(self, line: int | None) -> Plant | None:
        lines = self._lines()
        if not lines:
            return None
        return self._line(line).plant if line is not None else lines[0].plant

    @staticmethod
    def _target_options(plant: Plant | None, kind: str) -> str:
        targets = plant.faults.targets(kind) if plant is not None and kind else []
        return "".join(f'<option value="{_e(t)}">{_e(t)}</option>' for t in targets)

    async def _targets(self, request: Request, lang: str) -> Response:
        line_text = request.query_params.get("line")
        line = self._number(line_text) if line_text else None
        plant = self._plant_for_targets(line)
        kind = request.query_params.get("kind", "")
        if plant is not None:
            self._check_fault(plant, kind, None)
        return HTMLResponse(self._target_options(plant, kind), headers=_NO_STORE)

    # --- actions ---------------------------------------------------------------------------------------------------
    def _number(self, text: str) -> int:
        count = len(self._lines())
        try:
            number = int(text)
        except (TypeError, ValueError):
            raise _Refused(404, "no_line", n=text, count=count) from None
        if not 1 <= number <= count:
            raise _Refused(404, "no_line", n=number, count=count)
        return number

    def _line(self, number: int) -> ClassLine:
        return self._lines()[number - 1]

    @staticmethod
    def _check_fault(plant: Plant, kind: str, target: str | None) -> None:
        if kind not in FAULT_KINDS:
            raise _Refused(400, "bad_kind", kind=kind, known=", ".join(FAULT_KINDS))
        targets = plant.faults.targets(kind)
        if not targets:
            raise _Refused(400, "no_target", kind=kind)
        if target is not None and target not in targets:
            raise _Refused(400, "bad_target", kind=kind, target=target, known=", ".join(targets))

    async def _command(self, line: ClassLine, command: Command) -> Any:
        """Submit ``command`` to the line and wait for its result (a plant error as a message)."""
        future = line.runtime.submit(command)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), COMMAND_TIMEOUT)
        except TimeoutError:
            future.cancel()
            raise _Refused(503, "no_answer", n=line.number, s=COMMAND_TIMEOUT) from None
        except BilingualError as error:
            raise _Refused.said(400, error) from None

    def _plan(
        self, form: dict[str, str], plant: Plant
    ) -> tuple[Callable[[ClassLine], Awaitable[Any]], tuple[str, str]]:
        """(what to do to one line, what to say it did in Korean and English) from an action's form."""
        action = form.get("action", "")
        panel = {
            "start": PressButton("start"),
            "stop": PressButton("stop"),
            "reset": PressButton("reset"),
            "reset_all": PressButton("reset"),
            "estop_push": SetEstop(True),
            "estop_all": SetEstop(True),
            "estop_release": SetEstop(False),
            "release_all": SetEstop(False),
        }
        if action in panel:
            command = panel[action]

            async def press(line: ClassLine) -> None:
                await self._command(line, command)

            said = {"reset_all": "done_reset", "estop_all": "done_estop_push", "release_all": "done_estop_release"}
            return press, T[said.get(action, f"done_{action}")]
        if action in ("readonly_on", "readonly_off", "readonly_all", "readonly_none"):
            on = action in ("readonly_on", "readonly_all")

            async def switch(line: ClassLine) -> None:
                line.server.read_only = on

            return switch, T["done_readonly_on" if on else "done_readonly_off"]
        if action == "inject":
            kind = form.get("kind", "")
            target = form.get("target", "") or None
            self._check_fault(plant, kind, target)

            async def inject(line: ClassLine) -> None:
                await self._command(line, InjectFault(kind, target))

            shown = target or plant.faults.targets(kind)[0]
            ko, en = (say("alarm_fault", lang, kind=fault_name(kind, lang), target=shown) for lang in ("ko", "en"))
            return inject, (ko, en)
        raise _Refused(400, "bad_action", a=action)

    async def _line_action(self, request: Request, lang: str) -> Response:
        number = self._number(request.path_params["number"])
        line = self._line(number)
        form = await _form(request)
        action = form.get("action", "")
        if action == "clear":
            text = form.get("record_id", "")
            try:
                record_id = int(text)
            except ValueError:
                raise _Refused(400, "bad_record", id=text) from None
            if not any(r.id == record_id for r in line.plant.faults.active):
                raise _Refused(400, "no_record", n=number, id=record_id)
            await self._command(line, ClearFault(record_id))
            what = _t("done_clear", lang, id=record_id)
        else:
            if action.endswith("_all") or action == "readonly_none":
                raise _Refused(400, "bad_action", a=action)
            do, said = self._plan(form, line.plant)
            await do(line)
            what = said[0] if lang == "ko" else said[1]
        return self._done(request, lang, _t("done_line", lang, n=number, what=what))

    async def _class_action(self, request: Request, lang: str) -> Response:
        lines = self._lines()
        form = await _form(request)
        action = form.get("action", "")
        if action in ("start", "stop", "reset", "estop_push", "estop_release", "readonly_on", "readonly_off"):
            raise _Refused(400, "bad_action", a=action)
        if action == "clear_all":
            cleared = 0

            async def clear(line: ClassLine) -> None:
                nonlocal cleared
                for record in list(line.plant.faults.active):
                    try:
                        await self._command(line, ClearFault(record.id))
                        cleared += 1
                    except _Refused:  # it ended by itself meanwhile
                        pass

            do, what = clear, ""
        else:
            if not lines:
                raise _Refused(404, "no_line", n=1, count=0)
            do, said = self._plan(form, lines[0].plant)
            what = said[0] if lang == "ko" else said[1]
        results = await asyncio.gather(*(do(line) for line in lines), return_exceptions=True)
        failed = [(line, r) for line, r in zip(lines, results, strict=True) if isinstance(r, BaseException)]
        if action == "clear_all":
            what = _t("done_clear_all", lang, n=cleared)
        text = _t("done_class", lang, ok=len(lines) - len(failed), count=len(lines), what=what)
        if failed:
            line, error = failed[0]
            why = error.text(lang) if isinstance(error, _Refused) else str(error)
            text += _t("failed_some", lang, n=len(failed), first=line.number, why=why)
        return self._done(request, lang, text, ok=not failed)

    def _done(self, request: Request, lang: str, text: str, *, ok: bool = True) -> Response:
        """An action's answer: a message for htmx (and the grids refresh), or a page without JavaScript."""
        if request.headers.get("hx-request"):
            return HTMLResponse(self._message(text, ok), headers={"HX-Trigger": "refresh", **_NO_STORE})
        return self._page(lang, _t("title", lang), self._message(text, ok) + self._back(lang))

    # --- one line -----------------------------------------------------------------------------------------------
    async def _line_page(self, request: Request, lang: str) -> Response:
        number = self._number(request.path_params["number"])
        line = self._line(number)
        picture = f"/line/{number}/picture.png?lang={lang}"
        panel_buttons = "".join(
            _form_button(f"/line/{number}/action", {"action": action}, label, style, name=f"{action}-{number}")
            for action, label, style in (
                ("start", say("start", lang), "go"),
                ("stop", say("stop", lang), ""),
                ("reset", say("reset", lang), ""),
                ("estop_push", _t("estop_push", lang), "danger"),
                ("estop_release", _t("estop_release", lang), ""),
                ("readonly_on", _t("readonly_on", lang), ""),
                ("readonly_off", _t("readonly_off", lang), ""),
            )
        )
        title = _t("col_line", lang) + f" {number}"
        body = (
            f"<h1>{_e(title)} <small>{_e(line.student)}</small></h1>"
            '<div class="detail"><div>'
            f'<img class="picture" id="picture" src="{picture}" width="1280" height="720" '
            f'alt="{_e(_t("picture_alt", lang, n=number))}" data-src="{picture}"></div>'
            '<div class="controls">'
            f'<h2>{_e(_t("panel_title", lang))}</h2><div class="toolbar">{panel_buttons}</div>'
            f'<h2>{_e(_t("inject", lang))}</h2><div class="toolbar">'
            + self._inject_form(f"/line/{number}/action", "inject", str(number), lang, number)
            + "</div>"
            '<div id="message" aria-live="polite"></div></div></div>'
            f'<div id="status" hx-get="/line/{number}/status" hx-trigger="every {DETAIL_REFRESH}s, refresh from:body">'
            + self._line_details(line, lang)
            + "</div>"
            + _PICTURE_SCRIPT.replace("PERIOD", str(PICTURE_REFRESH * 1000))
        )
        return self._page(lang, title, body)

    async def _line_fragment(self, request: Request, lang: str) -> Response:
        line = self._line(self._number(request.path_params["number"]))
        return HTMLResponse(self._line_details(line, lang), headers=_NO_STORE)

    async def _picture(self, request: Request, lang: str) -> Response:
        line = self._line(self._number(request.path_params["number"]))
        png = await asyncio.to_thread(self._pictures.draw, line, lang)
        return Response(png, media_type="image/png", headers=_NO_STORE)

    def _line_details(self, line: ClassLine, lang: str) -> str:
        s = line_status(line, lang)
        plant = line.plant
        n = line.number

        def pct(value: Any) -> str:
            return "–" if value is None else f"{value:.1f} %"

        safety = "–" if s["safety_ok"] is None else _t("safety_ok" if s["safety_ok"] else "safety_tripped", lang)
        mode = "–" if s["auto"] is None else _t("auto" if s["auto"] else "manual", lang)
        port = _t("no_port", lang) if s["port"] is None else str(s["port"])
        writers = _t("any", lang) if s["writers"] is None else ", ".join(s["writers"])
        values = [
            ("col_state", s["state_text"]),
            ("col_time", _clock(s["time"])),
            ("col_good", _count(s["parts_good"])),
            ("parts_in", _count(s["parts_in"])),
            ("parts_out", _count(s["parts_out"])),
            ("parts_rejected", _count(s["parts_rejected"])),
            ("col_oee", pct(s["oee"])),
            ("apq", " · ".join(pct(s[k]) for k in ("availability", "performance", "quality"))),
            ("col_estop", None),
            ("safety", safety),
            ("mode", mode),
            ("col_light", None),
            ("col_read_only", _t("on" if s["read_only"] else "off", lang)),
            ("writers", writers),
            ("col_refused", None),
            ("col_last_write", None),
            ("port", f"{port} · {s['unit']}"),
            ("seed", f"{line.seed} · {line.variant}"),
        ]
        special = {
            "col_estop": self._estop(s, lang),
            "col_light": self._lamps(s["stack_light"], lang),
            "col_refused": self._refused_count(s["refused_writes"]),
            "col_last_write": self._last_write(s["last_writer"], plant.time, lang),
        }
        rows = "".join(
            f"<tr><th>{_e(_t(key, lang))}</th><td>{special[key] if value is None else _e(value)}</td></tr>"
            for key, value in values
        )
        values_html = f'<div><h2>{_e(_t("values_title", lang))}</h2><table class="values">{rows}</table></div>'

        active = list(plant.faults.active)
        active_rows = "".join(
            "<li>"
            + _e(_t("fault_row", lang, id=r.id, kind=fault_name(r.kind, lang), target=r.target))
            + (f' <span class="badge warn">{_e(_t("waiting_part", lang))}</span>' if not r.applied else "")
            + " "
            + _form_button(f"/line/{n}/action", {"action": "clear", "record_id": str(r.id)}, _t("clear", lang), "")
            + "</li>"
            for r in active
        )
        past = [r for r in reversed(plant.faults.log) if r.end is not None][:MAX_PAST_FAULTS]
        past_rows = "".join(
            "<li>"
            + _e(_t("fault_row", lang, id=r.id, kind=fault_name(r.kind, lang), target=r.target))
            + "<br><small>"
            + _e(
                _t(
                    "fault_times",
                    lang,
                    injected=_clock(r.start),
                    began="–" if r.applied_at is None else _clock(r.applied_at),
                    ended=_clock(r.end),
                )
            )
            + "</small></li>"
            for r in past
        )
        none = f'<p class="dim">{_e(_t("none", lang))}</p>'
        log_file = (
            f'<p class="dim">{_e(_t("fault_log_file", lang))}: {_e(line.fault_log)}</p>' if line.fault_log else ""
        )
        alarms = self._alarm_list(s["alarms"], lang)
        faults_html = (
            f"<div><h2>{_e(_t('col_alarms', lang))}</h2>{alarms}"
            f"<h2>{_e(_t('faults_active', lang))}</h2>"
            + (f'<ul class="plain" id="faults-active">{active_rows}</ul>' if active else none)
            + f"<h2>{_e(_t('faults_past', lang))}</h2>"
            + (f'<ul class="plain" id="faults-past">{past_rows}</ul>' if past else none)
            + log_file
            + "</div>"
        )
        clients = line.server.clients()
        if clients:
            heads = "".join(f"<th>{_e(h)}</th>" for h in T["client_cols"][0 if lang == "ko" else 1])
            client_rows = "".join(
                f"<tr><td>{_e(c.host)}:{c.port}</td><td>{_e(_t('shared' if c.shared_port else 'own', lang))}</td>"
                f'<td class="num">{_clock(c.connected_for)}</td><td class="num">{c.idle_for:.0f} s</td>'
                f'<td class="num">{c.requests}</td><td class="num">{c.writes}</td>'
                f'<td class="num">{self._refused_count(c.refused_writes)}</td></tr>'
                for c in clients
            )
            clients_html = f"<table><thead><tr>{heads}</tr></thead><tbody>{client_rows}</tbody></table>"
        else:
            clients_html = none
        return (
            f'<div class="columns" data-faults="{len(active)}" data-read-only="{int(s["read_only"])}">'
            + values_html
            + faults_html
            + f"<div><h2>{_e(_t('clients_title', lang))}</h2>{clients_html}</div></div>"
        )

    # --- class progress -----------------------------------------------------------------------------------------
    async def _report(self, request: Request) -> Response:
        """``POST /api/report``: one check attempt from a student's computer (needs the class code)."""
        try:
            body = await _body(request, MAX_REPORT_BYTES)
            try:
                data = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                raise _Refused(400, "report_json") from None
            code = data.get("class_code") if isinstance(data, dict) else None
            if not isinstance(code, str) or not hmac.compare_digest(
                code.strip().upper().encode("utf-8", "replace"), self.class_code.upper().encode()
            ):
                raise _Refused(403, "report_code")
            report = parse_report(data)
        except _Refused as refused:
            return JSONResponse({"ok": False, "ko": refused.text("ko"), "en": refused.text("en")}, refused.status)
        self.progress.add(
            report["student"], report["check"], report["passed"], report["codes"], report["at"], report["lab"]
        )
        return JSONResponse({"ok": True, "ko": T["report_ok"][0], "en": T["report_ok"][1]})

    async def _progress_page(self, request: Request, lang: str) -> Response:
        host, port = (self.report_host, self.report_port) if self.report_port is not None else (self.host, self.port)
        where = host if host not in ("0.0.0.0", "::", "") else _t("teacher_pc", lang)
        how = f'factorylab.report_to("http://{where}:{port}", student="3-2 김민수", code="{self.class_code}")'
        local = (
            f'<p class="dim">{_e(_t("progress_local", lang))}</p>' if host in ("127.0.0.1", "localhost", "::1") else ""
        )
        body = (
            f"<h1>{_e(_t('progress_title', lang))}</h1>"
            f"<p>{_e(_t('progress_how', lang))}</p><code class=how>{_e(how)}</code>{local}"
            '<div class="toolbar">'
            + _form_button("/progress/reset", {}, _t("progress_reset", lang), "danger", name="progress-reset")
            + '</div><div id="message" aria-live="polite"></div>'
            f'<div id="progress" hx-get="/progress/table" hx-trigger="every {DETAIL_REFRESH}s, refresh from:body">'
            + self._progress(lang)
            + "</div>"
        )
        return self._page(lang, _t("progress_title", lang), body)

    async def _progress_fragment(self, request: Request, lang: str) -> Response:
        return HTMLResponse(self._progress(lang), headers=_NO_STORE)

    async def _progress_reset(self, request: Request, lang: str) -> Response:
        self.progress.reset()
        return self._done(request, lang, _t("done_progress_reset", lang))

    def _progress(self, lang: str) -> str:
        entries = list(self.progress.entries.values())
        if not entries:
            return f'<p class="dim" id="no-reports">{_e(_t("no_reports", lang))}</p>'
        students = sorted({e.student for e in entries})
        checks: list[str] = []
        for entry in sorted(entries, key=lambda e: e.number):
            if entry.check not in checks:
                checks.append(entry.check)
        by_key = {(e.student, e.check): e for e in entries}
        labs = {e.check: e.lab for e in entries if e.lab}

        def head(check: str) -> str:
            lab = labs.get(check) or (_t("unit", lang, n=self._units[check]) if check in self._units else "")
            return f"<th>{_e(check)}" + (f"<br><small>{_e(lab)}</small>" if lab else "") + "</th>"

        def cell(entry: Attempt | None) -> str:
            if entry is None:
                return '<td class="cell dim">·</td>'
            count = _e(_t("attempts", lang, n=entry.attempts))
            if entry.passed:
                return f'<td class="cell pass" title="{_e(entry.at)}">✔ {_e(_t("passed", lang))} <small>{count}</small></td>'
            code = ", ".join(entry.codes) or _t("failed", lang)
            return (
                f'<td class="cell fail" title="{_e(entry.at)}">✘ {_e(_t("failed", lang))}<br>'
                f"<small>{_e(code)} · {count}</small></td>"
            )

        header = f"<tr><th>{_e(_t('col_student', lang))}</th>{''.join(head(c) for c in checks)}</tr>"
        rows = "".join(
            f'<tr data-student="{_e(student)}"><th>{_e(student)}</th>'
            + "".join(cell(by_key.get((student, check))) for check in checks)
            + "</tr>"
            for student in students
        )
        summary = "".join(
            "<td class=cell>"
            + _e(
                _t(
                    "summary",
                    lang,
                    passed=sum(1 for s in students if (e := by_key.get((s, c))) is not None and e.passes),
                    total=sum(1 for s in students if (s, c) in by_key),
                )
            )
            + "</td>"
            for c in checks
        )
        recent_heads = "".join(f"<th>{_e(h)}</th>" for h in T["recent_cols"][0 if lang == "ko" else 1])
        recent_rows = "".join(
            f"<tr><td class=num>{a.number}</td><td>{_e(a.student)}</td><td>{_e(a.check)}</td>"
            f"<td>{_e(_t('passed' if a.passed else 'failed', lang))} {_e(', '.join(a.codes))}</td>"
            f"<td>{_e(a.at)}</td></tr>"
            for a in list(self.progress.recent)[:20]
        )
        return (
            f'<p class="dim">{_e(_t("students", lang, n=len(students), m=len(entries)))}</p>'
            f'<table class="progress" id="progress-table"><thead>{header}</thead><tbody>{rows}'
            f"<tr><th></th>{summary}</tr></tbody></table>"
            f"<h2>{_e(_t('recent', lang))}</h2>"
            f"<table><thead><tr>{recent_heads}</tr></thead><tbody>{recent_rows}</tbody></table>"
        )

    # --- page frame ------------------------------------------------------------------------------------------------
    def _message(self, text: str, ok: bool) -> str:
        return f'<div class="msg {"ok" if ok else "error"}" role="status">{_e(text)}</div>'

    def _back(self, lang: str) -> str:
        return f'<p><a href="/">{_e(_t("back", lang))}</a></p>'

    def _page(self, lang: str, title: str, body: str, status: int = 200, *, nav: bool = True) -> HTMLResponse:
        other = "en" if lang == "ko" else "ko"
        links = (
            f'<a href="/">{_e(_t("nav_grid", lang))}</a><a href="/progress">{_e(_t("nav_progress", lang))}</a>'
            + _form_button("/logout", {}, _t("logout", lang), "link", htmx=False)
            if nav
            else ""
        )
        code = (
            f'<span class="code">{_e(_t("class_code", lang))} <b id="class-code">{_e(self.class_code)}</b></span>'
            if nav
            else ""
        )
        document = (
            f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="htmx-config" content="{_e(_HTMX_CONFIG)}">'
            f"<title>{_e(title)} · FactoryLab</title>"
            '<link rel="stylesheet" href="/static/console.css"><script src="/static/htmx.min.js"></script></head>'
            f'<body><header class="top"><span class="brand">{_e(_t("title", lang))}</span>{links}'
            f'<a href="?lang={other}" hreflang="{other}" id="lang-switch">{_e(_t("other_lang", lang))}</a>{code}'
            f"</header><main>{body}</main></body></html>"
        )
        return HTMLResponse(document, status, headers=_NO_STORE)


#: htmx: show 4xx answers too (they carry the message that says what was wrong).
_HTMX_CONFIG = json.dumps(
    {
        "responseHandling": [
            {"code": "204", "swap": False},
            {"code": "[23]..", "swap": True},
            {"code": "[4]..", "swap": True, "error": False},
            {"code": "...", "swap": False, "error": True},
        ],
        "historyCacheSize": 0,
    }
)
_NO_STORE = {"Cache-Control": "no-store", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"}
#: The detail page's picture: a new PNG every few seconds while the page is shown, swapped in once loaded.
_PICTURE_SCRIPT = """<script>
(function () {
  const img = document.getElementById("picture");
  let busy = false;
  setInterval(function () {
    if (busy || document.hidden) return;
    busy = true;
    const next = new Image();
    next.onload = function () { img.src = next.src; busy = false; };
    next.onerror = function () { busy = false; };
    next.src = img.dataset.src + "&n=" + Date.now();
  }, PERIOD);
})();
</script>"""


def _count(value: Any) -> str:
    return "–" if value is None else f"{value:,}"


def _form_button(
    url: str,
    fields: dict[str, str],
    label: str,
    style: str,
    *,
    title: str = "",
    name: str = "",
    htmx: bool = True,
) -> str:
    """A one-button form posting ``fields`` to ``url`` (by htmx, the answer into ``#message``; plain HTML without JS)."""
    hidden = "".join(f'<input type="hidden" name="{_e(k)}" value="{_e(v)}">' for k, v in fields.items())
    attributes = f' hx-post="{_e(url)}" hx-target="#message"' if htmx else ""
    button_id = f' id="{_e(name)}"' if name else ""
    button_title = f' title="{_e(title)}"' if title else ""
    return (
        f'<form class="inline" method="post" action="{_e(url)}"{attributes}>{hidden}'
        f'<button type="submit" class="{_e(style)}"{button_id}{button_title}>{_e(label)}</button></form>'
    )


async def _body(request: Request, limit: int) -> bytes:
    """The request's body, at most ``limit`` bytes (413 past it)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise _Refused(413, "too_big", n=limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _Refused(413, "too_big", n=limit)
    return bytes(body)


async def _form(request: Request) -> dict[str, str]:
    """A url-encoded form (what the pages and htmx post), first value of each field."""
    body = await _body(request, MAX_FORM_BYTES)
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=50)
    return {key: values[0] for key, values in fields.items()}


def _static(name: str) -> bytes:
    return (resources.files(__package__) / "static" / name).read_bytes()


#: The view's Hangul font (SIL OFL 1.1), served to browsers of computers without a Korean font.
FONTS = ("FactoryLabGothic-Regular.ttf", "FactoryLabGothic-Bold.ttf")


def _font(name: str) -> bytes:
    return (resources.files(__package__).parent / "view" / "fonts" / name).read_bytes()


__all__ = ["DEFAULT_PORT", "Attempt", "Progress", "WebConsole", "line_status", "parse_report"]
