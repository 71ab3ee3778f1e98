"""The teacher's web console over HTTP, against a real Classroom (3 lines on loopback ports) run in a thread.

The console runs in the classroom's own loop, as in class; the tests talk to it over real HTTP (httpx).
"""

from __future__ import annotations

import asyncio
import random
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path
from typing import Any

import httpx
import pytest

import factorylab
from factorylab.classroom import Classroom
from factorylab.classroom.web import Progress, WebConsole, parse_report
from factorylab.control.checks import report
from factorylab.control.checks.report import report_url
from factorylab.errors import ModbusError
from factorylab.modbus.client import ModbusLink
from factorylab.tags import TAGS

#: The teacher token of the tests' consoles.
TOKEN = "test-teacher-token"
RED = next(t for t in TAGS if t.name == "stack_light.red")
HX = {"HX-Request": "true"}


# --- a real classroom in a thread (test_browser.py uses it too) ----------------------------------------


def free_ports(count: int) -> int:
    """The first of ``count`` consecutive loopback ports nobody listens on now (below the ephemeral range)."""
    chooser = random.Random()
    for _ in range(100):
        base = chooser.randrange(20000, 32000 - count)
        sockets: list[socket.socket] = []
        try:
            for port in range(base, base + count):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise RuntimeError(f"no {count} consecutive free ports")


def until(condition: Callable[[], Any], timeout: float = 10.0, what: str = "the condition") -> Any:
    """Wait until ``condition()`` is truthy (every 50 ms) and return it; AssertionError after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not come within {timeout} s (last: {value!r})")
        time.sleep(0.05)


class RunningClassroom:
    """A real Classroom (lines on consecutive free ports of 127.0.0.1, a shared port) with its WebConsole
    (any free port), run by ``Classroom.run`` in a thread with its own event loop."""

    def __init__(self, lines: int = 3, out: Path | None = None, **options: Any) -> None:
        self.console = WebConsole(port=0, token=TOKEN)
        self.first_port = free_ports(lines)
        self.classroom = Classroom(
            lines,
            host="127.0.0.1",
            first_port=self.first_port,
            shared_port=0,
            out=out,
            extras=[self.console],
            **options,
        )
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="classroom", daemon=True)
        self.thread.start()
        if not self._ready.wait(30):
            raise AssertionError("the classroom did not start within 30 s")
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        try:
            asyncio.run(self.classroom.run(on_ready=lambda _: self._ready.set()))
        except BaseException as exc:  # handed to the test
            self._error = exc
        finally:
            self._ready.set()

    @property
    def url(self) -> str:
        return self.console.url

    def port(self, line: int) -> int:
        """Line ``line``'s own Modbus port."""
        return self.first_port + line - 1

    def call(self, function: Callable[[], Any]) -> Any:
        """``function()`` run in the classroom's loop thread, between two ticks."""
        return self.classroom.call(function).result(timeout=10)

    def tidy(self) -> None:
        """Every line as it started: E-stop out and reset, no faults, writes allowed."""
        from factorylab.runtime import ClearFault, PressButton, SetEstop

        def commands() -> list:
            futures = []
            for line in self.classroom.lines:
                line.server.read_only = False
                futures.append(line.runtime.submit(SetEstop(False)))
                futures += [line.runtime.submit(ClearFault(r.id)) for r in line.plant.faults.active]
                futures.append(line.runtime.submit(PressButton("reset")))
            return futures

        for future in self.call(commands):
            future.result(timeout=10)
        # the reset button lets go 0.2 s later: a press before that would be no new edge for the safety relay
        until(lambda: not any(self.call(lambda: [line.plant.panel.reset for line in self.classroom.lines])))

    def stop(self) -> None:
        self.classroom.stop()
        self.thread.join(timeout=20)
        assert not self.thread.is_alive(), "the classroom did not stop"
        if self._error is not None:
            raise self._error


# --- fixtures ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def room(tmp_path_factory) -> Iterator[RunningClassroom]:
    running = RunningClassroom(3, out=tmp_path_factory.mktemp("class"))
    yield running
    running.stop()


@pytest.fixture
def anonymous(room: RunningClassroom) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=room.url, timeout=10) as client:
        yield client


@pytest.fixture
def teacher(room: RunningClassroom) -> Iterator[httpx.Client]:
    """A browser-like client logged in with the token; the lines are tidied after the test."""
    with httpx.Client(base_url=room.url, timeout=10) as client:
        assert client.post("/login", data={"token": TOKEN}).status_code == 303
        yield client
    room.tidy()


def lines_json(client: httpx.Client) -> list[dict]:
    response = client.get("/api/lines")
    assert response.status_code == 200
    return response.json()


# --- the token ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/grid", "/line/1", "/line/1/status", "/line/1/picture.png", "/progress", "/api/lines"]
)
def test_every_page_needs_the_token(anonymous: httpx.Client, path: str) -> None:
    response = anonymous.get(path)
    assert response.status_code == 403
    if not path.startswith("/api/"):
        assert 'name="token"' in response.text and "교사 토큰" in response.text  # the form again, in Korean
        english = anonymous.get(path, params={"lang": "en"})
        assert english.status_code == 403 and "teacher's token" in unescape(english.text)
    assert 'id="line-1"' not in response.text and "production" not in response.text  # nothing of the lines


def test_a_wrong_token_is_refused_and_the_right_one_sets_a_strict_http_only_cookie(anonymous: httpx.Client) -> None:
    for wrong in ("", "nope", TOKEN + "x", TOKEN.upper()):
        response = anonymous.post("/login", data={"token": wrong})
        assert response.status_code == 403, wrong
        assert "토큰이 맞지 않습니다" in response.text and 'name="token"' in response.text
        assert "factorylab_console" not in response.headers.get("set-cookie", "")
    assert "That is not the token" in anonymous.post("/login?lang=en", data={"token": "nope"}).text
    forged = httpx.Client(base_url=anonymous.base_url, cookies={"factorylab_console": TOKEN})
    assert forged.get("/").status_code == 403
    response = anonymous.post("/login", data={"token": f"  {TOKEN} "})
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and TOKEN not in cookie
    grid = anonymous.get("/")
    assert grid.status_code == 200
    assert [f'id="line-{n}"' in grid.text for n in (1, 2, 3)] == [True, True, True]
    assert anonymous.post("/logout").status_code == 303
    assert anonymous.get("/").status_code == 403


def test_a_script_may_use_the_token_as_a_bearer(anonymous: httpx.Client) -> None:
    assert anonymous.get("/api/lines", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert anonymous.get("/api/lines", headers={"Authorization": "Bearer nope"}).status_code == 403


def test_every_action_needs_the_token(room: RunningClassroom, anonymous: httpx.Client) -> None:
    def state() -> list:
        return [
            (line.plant.panel.estop, len(line.plant.faults.log), line.server.read_only) for line in room.classroom.lines
        ]

    before = room.call(state)
    attempts = [
        ("/line/1/action", {"action": "estop_push"}),
        ("/line/1/action", {"action": "inject", "kind": "jam", "target": "conveyor1"}),
        ("/line/1/action", {"action": "readonly_on"}),
        ("/class/action", {"action": "estop_all"}),
        ("/class/action", {"action": "readonly_all"}),
        ("/progress/reset", {}),
    ]
    for path, form in attempts:
        assert anonymous.post(path, data=form).status_code == 403, path
        refused = anonymous.post(path, data=form, headers=HX)
        assert refused.status_code == 403 and refused.headers["HX-Redirect"] == "/login"
    assert room.call(state) == before and [estop or read_only for estop, _, read_only in before] == [False] * 3


# --- bad input ------------------------------------------------------------------------------------------------


BAD = [
    ("get", "/line/9", {}, 404, "없는 라인", "there is no line 9"),
    ("get", "/line/abc", {}, 404, "없는 라인", "there is no line abc"),
    ("get", "/line/0/status", {}, 404, "없는 라인", "there is no line 0"),
    ("post", "/line/4/action", {"action": "start"}, 404, "없는 라인", "there is no line 4"),
    ("post", "/line/1/action", {"action": "fly"}, 400, "알 수 없는 동작", "unknown action: 'fly'"),
    ("post", "/line/1/action", {}, 400, "알 수 없는 동작", "unknown action"),
    ("post", "/line/1/action", {"action": "estop_all"}, 400, "알 수 없는 동작", "unknown action"),
    (
        "post",
        "/line/1/action",
        {"action": "inject", "kind": "meteor"},
        400,
        "'meteor' 고장은 없습니다",
        "no fault 'meteor'",
    ),
    (
        "post",
        "/line/1/action",
        {"action": "inject", "kind": "jam", "target": "oven"},
        400,
        "가능한 대상: conveyor1, conveyor2",
        "'oven' is not a target for 'jam'",
    ),
    ("post", "/line/1/action", {"action": "clear", "record_id": "x"}, 400, "정수", "whole number"),
    (
        "post",
        "/line/1/action",
        {"action": "clear", "record_id": "999"},
        400,
        "고장 999번이 없습니다",
        "no active fault #999",
    ),
    ("post", "/class/action", {"action": "start"}, 400, "알 수 없는 동작", "unknown action: 'start'"),
    ("post", "/class/action", {"action": "inject", "kind": "jam", "target": "x"}, 400, "가능한 대상", "not a target"),
    ("get", "/targets?kind=meteor", {}, 400, "'meteor' 고장은 없습니다", "no fault 'meteor'"),
    ("get", "/nowhere", {}, 404, "없는 페이지", "no such page"),
    ("delete", "/line/1/action", {}, 405, "메서드", "HTTP method"),
    ("post", "/line/1/action", {"action": "x" * 20_000}, 413, "너무 큽니다", "too large"),
]


@pytest.mark.parametrize(
    ("method", "path", "form", "status", "ko", "en"), BAD, ids=[f"{b[1]} {b[2]}"[:60] for b in BAD]
)
def test_bad_input_is_told_in_words_never_a_500(
    room: RunningClassroom, teacher: httpx.Client, method: str, path: str, form: dict, status: int, ko: str, en: str
) -> None:
    def ask(lang: str, headers: dict | None = None) -> httpx.Response:
        url = path + ("&" if "?" in path else "?") + f"lang={lang}"
        if method == "post":
            return teacher.post(url, data=form, headers=headers)
        return teacher.request(method.upper(), url, headers=headers)

    logged = room.call(lambda: [len(line.plant.faults.log) for line in room.classroom.lines])
    korean, english, fragment = ask("ko"), ask("en"), ask("ko", HX)
    assert (korean.status_code, english.status_code, fragment.status_code) == (status, status, status)
    assert ko in unescape(korean.text) and en in unescape(english.text)
    assert ko in unescape(fragment.text) and "<html" not in fragment.text  # htmx gets the message alone
    assert (
        room.call(lambda: [len(line.plant.faults.log) for line in room.classroom.lines]) == logged
    )  # nothing happened


# --- the grid says what the plants are ---------------------------------------------------------------------


def test_the_status_of_each_line_matches_its_plant(room: RunningClassroom, teacher: httpx.Client) -> None:
    assert teacher.post("/line/1/action", data={"action": "estop_push"}, headers=HX).status_code == 200
    done = teacher.post(
        "/line/2/action", data={"action": "inject", "kind": "sensor_stuck_on", "target": "conveyor1.photo_eye_exit"}
    )
    assert done.status_code == 200 and "라인 2: 고장 주입: 센서 고착 (항상 1) (conveyor1.photo_eye_exit)" in done.text
    assert teacher.post("/line/3/action", data={"action": "readonly_on"}, headers=HX).status_code == 200

    def plants() -> list[dict]:
        return [
            {
                "estop": line.plant.panel.estop,
                "safety_ok": line.plant.panel.safety_ok,
                "faults": [(r.kind, r.target) for r in line.plant.faults.active],
                "read_only": line.server.read_only,
                "state": line.server.tags["production.state"].reader(line.plant),
                "time": line.plant.time,
            }
            for line in room.classroom.lines
        ]

    until(lambda: not room.call(plants)[0]["safety_ok"], what="line 1's safety relay tripping")
    before, status, after = room.call(plants), lines_json(teacher), room.call(plants)
    for plant_then, shown, plant_now in zip(before, status, after, strict=True):
        assert shown["estop"] == plant_then["estop"] == plant_now["estop"]
        assert shown["safety_ok"] == plant_now["safety_ok"]
        assert [(f["kind"], f["target"]) for f in shown["faults"]] == plant_now["faults"]
        assert shown["read_only"] == plant_now["read_only"]
        assert shown["state"] == plant_now["state"]
        assert plant_then["time"] <= shown["time"] <= plant_now["time"] + 0.01
    assert [s["trouble"] for s in status] == [True, True, False]
    assert status[0]["state"] == 3 and status[0]["state_text"] == "비상정지"
    assert status[0]["alarms"] == ["비상정지 눌림"]
    assert status[1]["alarms"] == ["고장 주입: 센서 고착 (항상 1) (conveyor1.photo_eye_exit)"]

    grid = teacher.get("/grid").text
    row = {n: grid.split(f'id="line-{n}"')[1].split("</tr>")[0] for n in (1, 2, 3)}
    assert "class=trouble" in row[1] and "눌림" in row[1] and "비상정지" in grid
    assert "class=trouble" in row[2] and "센서 고착" in row[2]
    assert "class=trouble" not in row[3] and 'data-read-only="1"' in row[3]
    english = teacher.get("/grid?lang=en").text
    assert "E-stop pushed" in english and "sensor stuck on" in english
    detail = teacher.get("/line/2/status").text
    assert 'id="faults-active"' in detail and "conveyor1.photo_eye_exit" in detail


def test_the_read_only_switch_refuses_a_students_write_and_counts_it(
    room: RunningClassroom, teacher: httpx.Client
) -> None:
    link = ModbusLink("127.0.0.1", room.port(3))
    try:
        link.write("coil", RED.address, [1])  # allowed
        assert teacher.post("/line/3/action", data={"action": "readonly_on"}).status_code == 200
        with pytest.raises(ModbusError) as refused:
            link.write("coil", RED.address, [0])
        assert refused.value.code == 1
        shown = lines_json(teacher)[2]
        assert shown["read_only"] and shown["refused_writes"] >= 1
        assert (
            shown["clients"] and shown["clients"][0]["host"] == "127.0.0.1" and not shown["clients"][0]["shared_port"]
        )
        assert shown["last_writer"]["host"] == "127.0.0.1"
        assert teacher.post("/line/3/action", data={"action": "readonly_off"}).status_code == 200
        link.write("coil", RED.address, [0])
    finally:
        link.close()


def test_the_whole_class_at_once(room: RunningClassroom, teacher: httpx.Client) -> None:
    answer = teacher.post("/class/action", data={"action": "estop_all"}, headers=HX)
    assert answer.status_code == 200 and "라인 3/3개: 비상정지를 눌렀습니다" in answer.text
    assert answer.headers["HX-Trigger"] == "refresh"
    assert [s["estop"] for s in lines_json(teacher)] == [True] * 3
    teacher.post("/class/action", data={"action": "release_all"})
    teacher.post("/class/action", data={"action": "reset_all"})
    until(lambda: all(s["safety_ok"] and not s["estop"] for s in lines_json(teacher)), what="every line reset")
    teacher.post("/class/action", data={"action": "readonly_all"})
    assert room.call(lambda: [line.server.read_only for line in room.classroom.lines]) == [True] * 3
    teacher.post("/class/action", data={"action": "readonly_none"})
    assert room.call(lambda: [line.server.read_only for line in room.classroom.lines]) == [False] * 3
    injected = teacher.post("/class/action?lang=en", data={"action": "inject", "kind": "valve_stuck", "target": "tank"})
    assert "3 of 3 lines: fault injected: valve stuck (tank)" in injected.text
    assert [[f["kind"] for f in s["faults"]] for s in lines_json(teacher)] == [["valve_stuck"]] * 3
    cleared = teacher.post("/class/action?lang=en", data={"action": "clear_all"})
    assert "cleared 3 faults" in cleared.text
    assert [s["faults"] for s in lines_json(teacher)] == [[]] * 3


def test_a_fault_is_cleared_from_the_line_page(room: RunningClassroom, teacher: httpx.Client) -> None:
    teacher.post("/line/1/action", data={"action": "inject", "kind": "valve_stuck", "target": "tank"})
    record = lines_json(teacher)[0]["faults"][0]["id"]
    cleared = teacher.post("/line/1/action", data={"action": "clear", "record_id": str(record)}, headers=HX)
    assert cleared.status_code == 200 and f"고장 {record}번을 해제했습니다" in cleared.text
    assert lines_json(teacher)[0]["faults"] == []
    past = teacher.get("/line/1/status").text
    assert 'id="faults-past"' in past and "밸브 고착" in past


def test_the_fault_targets_follow_the_kind(teacher: httpx.Client) -> None:
    options = teacher.get("/targets", params={"kind": "jam", "line": "2"}).text
    assert options == '<option value="conveyor1">conveyor1</option><option value="conveyor2">conveyor2</option>'
    page = teacher.get("/line/2").text
    assert 'name="kind"' in page and "컨베이어 걸림" in page and 'hx-get="/targets?line=2"' in page


def test_the_picture_is_a_png_of_the_line(teacher: httpx.Client) -> None:
    response = teacher.get("/line/2/picture.png")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    data = response.content
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1280, 720)
    assert len(data) > 20_000  # a picture, not a blank frame


def test_pages_in_both_languages(teacher: httpx.Client) -> None:
    korean = teacher.get("/").text
    assert '<html lang="ko">' in korean and "설비 종합 효율(OEE)" in korean and "타워램프" in korean
    english = teacher.get("/?lang=en")
    assert '<html lang="en">' in english.text and "Stack light" in english.text
    assert '<html lang="en">' in teacher.get("/progress").text  # the choice is kept (cookie)
    teacher.get("/?lang=ko")


# --- class progress ---------------------------------------------------------------------------------------------


def test_the_report_endpoint_needs_the_class_code(room: RunningClassroom, anonymous: httpx.Client) -> None:
    report = {"student": "3-2 김민수", "lab": "start_stop", "check": "seal_in", "passed": False, "code": "seal_in.x"}
    assert anonymous.post("/api/report", json=report).status_code == 403
    refused = anonymous.post("/api/report", json={**report, "class_code": "WRONG"})
    assert refused.status_code == 403 and "class code" in refused.json()["en"]
    assert anonymous.post("/api/report", json={**report, "class_code": TOKEN}).status_code == 403  # not the token
    code = room.console.class_code
    assert anonymous.post("/api/report", json={**report, "class_code": code.lower()}).status_code == 200
    assert (
        anonymous.post("/api/report", content=b"{not json", headers={"Content-Type": "application/json"}).status_code
        == 400
    )
    missing = anonymous.post("/api/report", json={"check": "seal_in", "passed": True, "class_code": code})
    assert missing.status_code == 400 and "'student'" in missing.json()["en"]
    assert anonymous.post("/api/report", json={**report, "passed": "yes", "class_code": code}).status_code == 400
    huge = anonymous.post("/api/report", json={**report, "student": "x" * 10_000, "class_code": code})
    assert huge.status_code == 413
    assert anonymous.get("/progress").status_code == 403  # reporting does not open the console


def test_progress_is_bounded_and_keeps_the_latest_result() -> None:
    progress = Progress(max_entries=3, max_recent=4)
    for n in range(5):
        progress.add(f"student {n}", "seal_in", n % 2 == 0, ("seal_in.x",), "")
    assert [e.student for e in progress.entries.values()] == ["student 2", "student 3", "student 4"]
    assert progress.dropped == 2 and len(progress.recent) == 4
    progress.add("student 4", "seal_in", False, ("seal_in.late",), "")
    entry = progress.entries[("student 4", "seal_in")]
    assert (entry.passed, entry.codes, entry.attempts, entry.passes) == (False, ("seal_in.late",), 2, 1)
    report = parse_report({"student": "  a  b ", "check": "c" * 500, "passed": True, "codes": ["x"] * 9})
    assert report["student"] == "a b" and len(report["check"]) == 80 and len(report["codes"]) == 5


def test_a_check_with_reporting_on_reaches_the_class_progress(
    room: RunningClassroom, teacher: httpx.Client, capsys
) -> None:
    teacher.post("/progress/reset")
    try:
        factorylab.report_to(f"127.0.0.1:{room.console.port}", student="3-2 김민수", code=room.console.class_code)
        result = factorylab.check({}, "isa95_levels")  # a quiz with nothing answered: fails at once
        assert not result.passed
        factorylab.check({}, "isa95_levels")
    finally:
        factorylab.report_to(None)
    assert capsys.readouterr().out == ""  # nothing to say when it worked
    until(lambda: room.console._units, what="the console to read course.yaml (a thread at start)")
    table = teacher.get("/progress/table").text
    assert 'data-student="3-2 김민수"' in table and "isa95_levels" in table
    assert result.findings[0].code in table and "2회" in table and "0단원" in table  # its unit, from course.yaml
    assert "통과 0/1명" in table
    factorylab.check({}, "isa95_levels")  # reporting off: nothing more arrives
    assert room.console.progress.entries[("3-2 김민수", "isa95_levels")].attempts == 2
    assert "seal_in" not in teacher.get("/progress/table").text


def test_a_report_that_fails_says_one_line_and_the_check_goes_on(room: RunningClassroom, capsys, monkeypatch) -> None:
    monkeypatch.setenv("FACTORYLAB_LANG", "en")
    nobody = free_ports(1)
    try:
        factorylab.report_to(f"127.0.0.1:{nobody}", student="3-2 김민수", code="ANY")
        assert factorylab.check({}, "isa95_levels").passed is False
        said = capsys.readouterr().out.strip().splitlines()
        assert len(said) == 1 and "could not send the result to the teacher's console" in said[0]
        factorylab.report_to(f"http://127.0.0.1:{room.console.port}/", student="3-2 김민수", code="WRONG")
        factorylab.check({}, "isa95_levels")
        said = capsys.readouterr().out.strip().splitlines()
        assert len(said) == 1 and "wrong class code" in said[0]
    finally:
        factorylab.report_to(None)


def test_reporting_from_the_environment(room: RunningClassroom, monkeypatch) -> None:
    monkeypatch.setitem(report._SETTINGS, "chosen", False)  # as in a fresh notebook: report_to() never called
    monkeypatch.setenv("FACTORYLAB_REPORT", f"127.0.0.1:{room.console.port}")
    monkeypatch.setenv("FACTORYLAB_STUDENT", "env student")
    monkeypatch.setenv("FACTORYLAB_CLASS_CODE", room.console.class_code)
    factorylab.check({}, "isa95_levels")
    assert ("env student", "isa95_levels") in room.console.progress.entries


def test_report_addresses() -> None:
    assert report_url("192.168.0.10") == "http://192.168.0.10:8021/api/report"
    assert report_url("192.168.0.10:9000") == "http://192.168.0.10:9000/api/report"
    assert report_url(" http://teacher-pc:8020/ ") == "http://teacher-pc:8020/api/report"
    assert report_url("[::1]") == "http://[::1]:8021/api/report"
    with pytest.raises(factorylab.FactoryLabError, match="학급 코드|class code"):
        factorylab.report_to("127.0.0.1:8020", student="a")


# --- the console as an extra of the classroom ----------------------------------------------------------------


def test_a_taken_port_is_an_oserror_and_port_0_finds_one() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        console = WebConsole(port=taken.getsockname()[1])
        with pytest.raises(OSError):
            asyncio.run(console.start(None))  # type: ignore[arg-type]

    async def start_and_stop() -> int:
        console = WebConsole(port=0)
        await console.start(None)  # type: ignore[arg-type]
        try:
            return console.port
        finally:
            await console.stop()

    assert asyncio.run(start_and_stop()) > 0


def test_the_token_and_class_code_are_new_each_time() -> None:
    first, second = WebConsole(), WebConsole()
    assert first.token != second.token and first.class_code != second.class_code
    assert len(first.token.replace("-", "")) == 12 and len(first.class_code) == 6
    assert WebConsole(token=" mine ").token == "mine"
    with pytest.raises(ValueError):
        WebConsole(token=" ")
    assert WebConsole(host="0.0.0.0", port=8020).url == "http://127.0.0.1:8020/"


def test_a_classroom_whose_console_cannot_listen_stops_its_lines() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        console = WebConsole(port=taken.getsockname()[1])
        room = Classroom(1, first_port=None, shared_port=None, extras=[console])
        with pytest.raises(OSError):
            asyncio.run(room.run())
        assert room.lines[0].runtime.stopped


def test_a_separate_report_listener_takes_reports_and_nothing_else() -> None:
    """The console stays on 127.0.0.1; students' PCs reach only the report port (on the classroom's --host)."""

    async def scenario() -> tuple[int, int, int, int, int]:
        console = WebConsole(port=0, token=TOKEN, report_host="127.0.0.1", report_port=0)
        await console.start(None)  # type: ignore[arg-type]
        try:
            assert console.report_port not in (None, 0, console.port)
            report = {"student": "3-2 김민수", "check": "seal_in", "passed": True, "class_code": console.class_code}
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{console.report_port}", timeout=10) as client:
                posted = (await client.post("/api/report", json=report)).status_code
                wrong = (await client.post("/api/report", json={**report, "class_code": "WRONG"})).status_code
                about = (await client.get("/")).status_code
                grid = (await client.get("/grid", headers={"Authorization": f"Bearer {TOKEN}"})).status_code
                login = (await client.post("/login", data={"token": TOKEN})).status_code
            assert [e.student for e in console.progress.entries.values()] == ["3-2 김민수"]
            return posted, wrong, about, grid, login
        finally:
            await console.stop()

    posted, wrong, about, grid, login = asyncio.run(scenario())
    assert (posted, wrong, about) == (200, 403, 200)
    assert grid in (404, 405) and login in (404, 405)  # nothing of the console there, token or not


def test_the_console_ships_its_hangul_font_for_computers_without_one(anonymous: httpx.Client) -> None:
    css = anonymous.get("/static/console.css").text
    assert '"FactoryLab Gothic"' in css and "/static/FactoryLabGothic-Regular.ttf" in css
    font = anonymous.get("/static/FactoryLabGothic-Regular.ttf")
    assert font.status_code == 200 and font.headers["content-type"] == "font/ttf"
    assert font.content[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    assert anonymous.get("/static/OFL.txt").status_code == 404  # only what the page uses
