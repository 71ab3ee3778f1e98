"""The built site: strict, generated from the tag table and course.yaml, both languages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from factorylab import course
from factorylab.plant import list_scenarios


class Tables(HTMLParser):
    """Collects the text of every table row, and each table with the id of the last heading before it
    and whether it sits in an admonition (a warning box)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.tables: list[dict] = []
        self._cell: list[str] | None = None
        self._heading = ""
        self._divs: list[str] = []  # the class of every open div

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("h1", "h2", "h3", "h4") and attrs.get("id"):
            self._heading = attrs["id"]
        elif tag == "div":
            self._divs.append(attrs.get("class") or "")
        elif tag == "table":
            boxed = any("admonition" in c.split() for c in self._divs)
            self.tables.append({"heading": self._heading, "boxed": boxed, "rows": []})
        elif tag == "tr":
            self.rows.append([])
            if self.tables:
                self.tables[-1]["rows"].append(self.rows[-1])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "div" and self._divs:
            self._divs.pop()

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def rows(page: Path) -> list[list[str]]:
    parser = Tables()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.rows


def tags_json(scenario: str) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "factorylab", "tags", "--scenario", scenario, "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "FACTORYLAB_LANG": "en"},
    ).stdout
    return json.loads(out)


#: How the register map names each Modbus table.
TABLE_NAMES = {
    "coil": {"ko": "코일", "en": "coil"},
    "discrete_input": {"ko": "입력 비트", "en": "discrete input"},
    "input_register": {"ko": "입력 레지스터", "en": "input register"},
    "holding_register": {"ko": "홀딩 레지스터", "en": "holding register"},
}


def test_register_map_matches_factorylab_tags_json_exactly(site: Path) -> None:
    """Every tag of every scenario, in both languages, with the address, type, scale, unit, range, access
    and description ``factorylab tags --format json`` gives: one table per device under a heading whose
    anchor is ``SCENARIO-DEVICE`` (English in both languages), the simulator-operator block last, in a
    warning box of its own."""
    for lang, page in (
        ("ko", site / "register-map" / "index.html"),
        ("en", site / "en" / "register-map" / "index.html"),
    ):
        parser = Tables()
        parser.feed(page.read_text(encoding="utf-8"))
        tables = parser.tables
        assert all(t["rows"][0][0] == ("태그" if lang == "ko" else "tag") for t in tables), lang
        start = 0
        for scenario in list_scenarios():
            expected = tags_json(scenario.id)
            devices = list(dict.fromkeys(record["device"] for record in expected))
            assert devices[-1] == "operator"
            for device in devices:
                table = tables[start]
                start += 1
                where = (lang, scenario.id, device)
                if device == "operator":
                    assert table["boxed"], where
                else:
                    assert table["heading"] == f"{scenario.id}-{device}" and not table["boxed"], where
                records = [r for r in expected if r["device"] == device]
                body = table["rows"][1:]
                assert len(body) == len(records), where
                for row, record in zip(body, records, strict=True):
                    name, table_name, address, notation, kind, scale, unit, span, access, description = row
                    assert (name, table_name, int(address), notation, kind, unit) == (
                        record["name"],
                        TABLE_NAMES[record["table"]][lang],
                        record["address"],
                        record["notation"],
                        record["type"],
                        record["unit"],
                    ), (*where, name)
                    assert float(scale) == record["scale"]
                    low, high = (float(x) for x in span.split(".."))
                    assert (low, high) == (record["min"], record["max"])
                    assert description == record[f"description_{lang}"]
                    assert access == (
                        record["access"] if lang == "en" else ("읽기/쓰기" if record["access"] == "rw" else "읽기")
                    )
        assert start == len(tables), lang


def test_teacher_guide_shows_the_60_hour_plan(site: Path) -> None:
    from factorylab import lab

    plan = course.load()
    written = {source.id: source for source in lab.sources()}
    for page, lang in ((site / "teacher" / "index.html", "ko"), (site / "en" / "teacher" / "index.html", "en")):
        table = [r for r in rows(page) if len(r) == 7]
        assert len(table) == len(plan.units) + 2  # header, units, total
        assert [float(r[1]) for r in table[1:-1]] == [u.hours for u in plan.units]
        assert table[-1][1] == "60"
        for row, unit in zip(table[1:-1], plan.units, strict=True):
            # lab notebooks and auto-checks in their own columns: each written lab by title, each check by name
            for ref in unit.labs:
                source = written.get(ref.id)
                shown = ref.id if ref.planned else (source.title_ko if lang == "ko" else source.title_en)
                assert shown in row[5], (unit.id, ref.id, row[5])
            assert all(name in row[6] for name in unit.check_ids), (unit.id, row[6])
            assert "✔" not in row[5] and "planned" not in row[6] and "예정" not in row[6], row


def test_korean_is_the_default_and_english_lives_under_en(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    english = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ko"' in home and '<html lang="en"' in english
    assert "스마트공장" in home and "smart-factory" in english
    assert 'href="../en/register-map/" hreflang="en"' in (site / "register-map" / "index.html").read_text(
        encoding="utf-8"
    )


def test_screenshots_are_generated_and_the_font_is_served(site: Path) -> None:
    screens = site / "assets" / "screens"
    for scenario in list_scenarios():
        for lang in ("ko", "en"):
            image = (screens / f"{scenario.id}-{lang}.png").read_bytes()
            assert image[:8] == b"\x89PNG\r\n\x1a\n" and len(image) > 20_000  # a real picture, not a stand-in
    assert (site / "assets" / "fonts" / "FactoryLabGothic-Regular.ttf").stat().st_size > 1_000_000


def test_unit_pages_show_the_objectives_of_course_yaml(site: Path) -> None:
    import html

    for unit in course.load().units:
        page = site / f"unit{unit.number}" / "index.html"
        if not page.exists():
            continue  # a unit without its page yet (units 4-9)
        for lang, path in (("ko", page), ("en", site / "en" / f"unit{unit.number}" / "index.html")):
            text = html.unescape(path.read_text(encoding="utf-8"))
            for objective in unit.objectives:
                assert (objective.ko if lang == "ko" else objective.en) in text, (unit.id, lang)
    assert (site / "unit3" / "index.html").exists()
