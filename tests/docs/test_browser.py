"""The site in a real browser: Hangul renders, tables show, the language switch works."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from tests.browser import chromium, needs_chromium

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(site: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chromium(tmp_path_factory.mktemp("chromium"))
    yield driver
    driver.quit()


def wait_for_fonts(browser) -> None:
    browser.execute_async_script("const done = arguments[0]; document.fonts.ready.then(() => done(true));")


def test_korean_home_renders_hangul_with_the_shipped_font(server, browser, tmp_path: Path) -> None:
    browser.get(server + "/")
    wait_for_fonts(browser)
    assert browser.execute_script("return document.documentElement.lang") == "ko"
    text = browser.find_element("tag name", "article").text
    assert "스마트공장" in text
    loaded = browser.execute_script(
        "return [...document.fonts].some(f => f.family.includes('FactoryLab Gothic') && f.status === 'loaded')"
    )
    assert loaded, "the Korean web font did not load"
    assert browser.execute_script("return document.fonts.check('16px \"FactoryLab Gothic\"', '스마트공장')")
    shot = tmp_path / "home.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 20_000


def test_register_map_table_renders_and_the_language_switch_keeps_the_page(server, browser) -> None:
    browser.get(server + "/register-map/")
    tables = browser.find_elements("css selector", "article table")
    assert tables and tables[0].find_elements("css selector", "tbody tr")
    assert "conveyor1.run" in browser.find_element("tag name", "article").get_attribute("textContent")
    link = browser.find_element("css selector", 'a.md-select__link[hreflang="en"]')
    browser.get(link.get_attribute("href"))
    assert browser.current_url.endswith("/en/register-map/")
    assert browser.execute_script("return document.documentElement.lang") == "en"
    assert "Register map" in browser.find_element("tag name", "h1").text


#: What the register map's layout must hold at a school PC's 1280 x 800 screen.
SCREEN = (1280, 800)
MIN_DESCRIPTION_PX = 300

#: For the visible tab: every table's width against the article's, each tag-name cell's line boxes,
#: each description cell's width. The description is the last cell of a tag's row.
MEASURE_TAB = """
const [index] = arguments;
const article = document.querySelector('article');
const label = document.querySelectorAll('.tabbed-set > .tabbed-labels > label')[index];
label.click();
const block = label.closest('.tabbed-set').querySelector(':scope > .tabbed-content').children[index];
const right = article.getBoundingClientRect().right;
const found = {tab: label.textContent, tables: [], names: [], descriptions: []};
for (const table of block.querySelectorAll('table')) {
  const wrap = table.closest('.md-typeset__scrollwrap') || table;
  found.tables.push({width: table.getBoundingClientRect().width, hidden: wrap.scrollWidth - wrap.clientWidth,
                     beyond: table.getBoundingClientRect().right - right});
  for (const row of table.querySelectorAll('tbody tr')) {
    const name = row.querySelector('td:first-child code');
    if (!name) continue;
    found.names.push({name: name.textContent, lines: name.getClientRects().length});
    found.descriptions.push(row.querySelector('td:last-child').getBoundingClientRect().width);
  }
}
return found;
"""


def test_register_map_is_readable_at_1280_px_in_both_languages(server, browser) -> None:
    """At 1280 x 800 no table runs past the page or scrolls sideways, every tag name stays on one line,
    and every description has room (at least 300 px), on every scenario tab, in Korean and English."""
    from factorylab.plant import list_scenarios
    from factorylab.tags import tags_for

    scenarios = list_scenarios()
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": SCREEN[0], "height": SCREEN[1], "deviceScaleFactor": 1, "mobile": False},
    )
    try:
        for path in ("/register-map/", "/en/register-map/"):
            browser.get(server + path)
            wait_for_fonts(browser)
            assert browser.execute_script("return window.innerWidth") == SCREEN[0]
            labels = browser.find_elements("css selector", ".tabbed-set > .tabbed-labels > label")
            assert len(labels) == len(scenarios), path
            for index, scenario in enumerate(scenarios):
                tab = browser.execute_script(MEASURE_TAB, index)
                where = f"{path} tab {tab['tab']}"
                assert [n["name"] for n in tab["names"]] == [t.name for t in tags_for(scenario)], where
                for table in tab["tables"]:
                    assert table["hidden"] <= 0 and table["beyond"] <= 0.5, (where, table)
                broken = [n["name"] for n in tab["names"] if n["lines"] != 1]
                assert not broken, (where, "tag names broken over lines", broken)
                narrow = min(tab["descriptions"])
                assert narrow >= MIN_DESCRIPTION_PX, (where, "description cell only", narrow, "px wide")
                overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, (where, "the page scrolls sideways by", overflow, "px")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
