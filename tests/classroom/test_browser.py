"""The teacher's console in a real browser (Debian's headless Chromium driven by Selenium), against a real
Classroom of 3 lines: log in, the grid updates by itself, a fault injected from a line's page reaches the line,
its fault log and its student's client, the read-only switch refuses a student's write, a wrong token is refused,
and a student's check shows in the class progress."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

import factorylab
from factorylab.errors import ModbusError
from factorylab.modbus.client import ModbusLink
from factorylab.tags import TAGS
from tests.browser import chromium, needs_chromium
from tests.classroom.test_web import TOKEN, RunningClassroom, until

pytestmark = needs_chromium

EYE = next(t for t in TAGS if t.name == "conveyor1.photo_eye_exit")  # a discrete input
RED = next(t for t in TAGS if t.name == "stack_light.red")  # a coil


@pytest.fixture(scope="module")
def room(tmp_path_factory) -> Iterator[RunningClassroom]:
    running = RunningClassroom(3, out=tmp_path_factory.mktemp("class"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chromium(tmp_path_factory.mktemp("chromium"), (1400, 1000))
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def log_in(browser, room: RunningClassroom, token: str = TOKEN, *, lang: str = "ko") -> None:
    """Type ``token`` on the login page; with the right one, wait for the grid (the cookie is set by then)."""
    browser.delete_all_cookies()
    browser.get(room.url + f"login?lang={lang}")
    field = browser.find_element("id", "token")
    field.send_keys(token)
    field.submit()
    if token == TOKEN:
        until(lambda: browser.find_elements("css selector", "table.grid"), 10, "the grid after logging in")
    else:
        until(lambda: "msg error" in browser.page_source, 10, "the refusal")


def text_of(browser, css: str) -> str:
    """The text of the element ``css`` now ('' while it is not there, or replaced under us)."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

    try:
        return browser.find_element("css selector", css).text
    except (NoSuchElementException, StaleElementReferenceException):
        return ""


def attribute(browser, css: str, name: str) -> str:
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

    try:
        return browser.find_element("css selector", css).get_attribute(name) or ""
    except (NoSuchElementException, StaleElementReferenceException):
        return ""


def click(browser, css: str) -> None:
    """Click ``css``, finding it again if a refresh replaced it meanwhile."""
    from selenium.common.exceptions import StaleElementReferenceException

    def clicked() -> bool:
        try:
            browser.find_element("css selector", css).click()
            return True
        except StaleElementReferenceException:
            return False

    until(clicked, 5, f"a click on {css}")


def test_a_wrong_token_is_refused(room: RunningClassroom, browser) -> None:
    log_in(browser, room, "not-the-token")
    assert "토큰이 맞지 않습니다" in browser.find_element("tag name", "main").text
    assert browser.find_elements("id", "token")  # the form again
    assert not [c for c in browser.get_cookies() if c["name"] == "factorylab_console"]
    browser.get(room.url)
    assert browser.find_elements("id", "token") and not browser.find_elements("css selector", "table.grid")
    log_in(browser, room, "still wrong", lang="en")
    assert "That is not the token" in browser.find_element("tag name", "main").text
    browser.get(room.url + "login?lang=ko")


def test_the_grid_updates_by_itself(room: RunningClassroom, browser) -> None:
    log_in(browser, room)
    assert browser.find_elements("css selector", "table.grid tr[data-line]")
    cookie = next(c for c in browser.get_cookies() if c["name"] == "factorylab_console")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert browser.execute_script("return document.cookie").find("factorylab_console") < 0
    assert len(browser.find_elements("css selector", "table.grid tr[data-line]")) == 3
    first = float(attribute(browser, "#line-1", "data-time"))
    until(lambda: float(attribute(browser, "#line-1", "data-time") or 0) >= first + 1.5, 10, "a newer simulated time")
    assert browser.find_element("css selector", "#line-1 td.time").text >= "00:00:01"
    assert browser.find_element("id", "class-code").text == room.console.class_code


def test_a_fault_from_the_line_page_reaches_the_line_its_log_and_its_student(room: RunningClassroom, browser) -> None:
    from selenium.webdriver.support.ui import Select

    link = ModbusLink("127.0.0.1", room.port(2))  # the student of line 2
    try:
        assert link.read("discrete_input", EYE.address) == [0]  # no part at the exit: the belt is not running
        log_in(browser, room)
        browser.get(room.url + "line/2")
        until(lambda: browser.execute_script("return document.getElementById('picture').naturalWidth") == 1280)
        Select(browser.find_element("id", "kind-2")).select_by_value("sensor_stuck_on")
        until(lambda: attribute(browser, f'#target-2 option[value="{EYE.name}"]', "value"), 5, "the sensor targets")
        Select(browser.find_element("id", "target-2")).select_by_value(EYE.name)
        click(browser, "#inject-2")
        until(lambda: "고장 주입: 센서 고착 (항상 1)" in text_of(browser, "#message"), 5, "the console's answer")
        until(lambda: EYE.name in text_of(browser, "#faults-active"), 5, "the fault among the line's active faults")

        assert link.read("discrete_input", EYE.address) == [1]  # the student's line changed
        log_file = room.classroom.line(2).fault_log
        rows = until(lambda: list(csv.DictReader(Path(log_file).open(encoding="utf-8"))), 5, "the fault log's row")
        assert [(r["label"], r["target"]) for r in rows] == [("sensor_stuck_on", EYE.name)]

        browser.get(room.url)
        row = browser.find_element("id", "line-2")
        assert "trouble" in row.get_attribute("class") and "센서 고착" in row.text
        assert "trouble" not in (browser.find_element("id", "line-1").get_attribute("class") or "")
    finally:
        link.close()
        room.tidy()


def test_the_read_only_switch_refuses_a_students_write(room: RunningClassroom, browser) -> None:
    link = ModbusLink("127.0.0.1", room.port(3))  # the student of line 3
    try:
        link.write("coil", RED.address, [1])
        log_in(browser, room)
        assert attribute(browser, "#line-3", "data-read-only") == "0"
        click(browser, "#read-only-3")
        until(lambda: attribute(browser, "#line-3", "data-read-only") == "1", 5, "line 3 read-only on the grid")
        assert room.call(lambda: room.classroom.line(3).server.read_only)
        with pytest.raises(ModbusError) as refused:
            link.write("coil", RED.address, [0])
        assert refused.value.code == 1
        until(lambda: text_of(browser, "#line-3 td.refused") == "1", 5, "the refused write on the grid")
        assert "127.0.0.1" in browser.find_element("id", "line-3").text  # the student's computer, connected
        click(browser, "#read-only-3")
        until(lambda: attribute(browser, "#line-3", "data-read-only") == "0", 5, "line 3 writable again")
        link.write("coil", RED.address, [0])
    finally:
        link.close()
        room.tidy()


def test_a_students_check_shows_in_the_class_progress(room: RunningClassroom, browser) -> None:
    log_in(browser, room)
    browser.get(room.url + "progress")
    assert browser.find_elements("id", "no-reports")
    try:
        factorylab.report_to(f"127.0.0.1:{room.console.port}", student="3-2 김민수", code=room.console.class_code)
        factorylab.check({}, "isa95_levels")
    finally:
        factorylab.report_to(None)
    until(lambda: "3-2 김민수" in text_of(browser, "#progress-table"), 5, "the student's row, without a reload")
    assert "isa95_levels" in text_of(browser, "#progress-table") and "실패" in text_of(browser, "#progress-table")
    click(browser, "#lang-switch")
    until(lambda: browser.execute_script("return document.documentElement.lang") == "en", 5, "the English page")
    assert "failed" in text_of(browser, "#progress-table")
    click(browser, "#progress-reset")
    until(lambda: browser.find_elements("id", "no-reports"), 5, "the progress cleared")
