"""Generated parts of the docs site, and the MkDocs hooks that put them in.

MkDocs loads this file by its path (mkdocs.yml, ``hooks``), so it imports
``factorylab`` absolutely.

Pages hold placeholders such as ``<!-- factorylab:register-map -->``; at
build time :func:`on_page_markdown` replaces each with markdown generated in
the page's language from the tag table, the scenarios or course.yaml, so
changing a tag's address changes the docs at the next build. Screenshots
come from the view's renderer (``factorylab screenshot``) during the build,
and the Korean web font from the package.

Figures: each ``docs/figures/NAME.py`` defines ``figure(lang)`` returning a
matplotlib figure (Hangul labels in ``ko``) drawn from a real run; the build
saves it as ``assets/figures/NAME-ko.png`` and ``NAME-en.png``, so a unit
page shows what the student will see (``![..](assets/figures/NAME-ko.png)``).

Placeholders: ``register-map``, ``scenarios``, ``course``, ``device-tags
DEVICE``, ``checks``, ``objectives UNIT`` (a unit's objectives from course.yaml).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from factorylab.plant import list_scenarios
from factorylab.tags import ALL_TAGS, OPERATOR, OPERATOR_NOTE, Tag, is_operator_tag, tags_for

PLACEHOLDER = re.compile(r"<!--\s*factorylab:([a-z-]+)((?:\s+[\w.-]+)*)\s*-->")
SCREEN_SECONDS = 600.0  # simulated seconds before a screenshot: oven hot, line busy by then
SCREEN_SIZE = (1280, 720)

_TABLE_NAMES = {
    "coil": ("코일", "coil"),
    "discrete_input": ("입력 비트", "discrete input"),
    "input_register": ("입력 레지스터", "input register"),
    "holding_register": ("홀딩 레지스터", "holding register"),
}
_HEAD = {
    "register": (
        ("태그", "테이블", "주소 (0부터)", "표기", "형식", "배율", "단위", "범위", "접근", "설명"),
        ("tag", "table", "address (0-based)", "notation", "type", "scale", "unit", "range", "access", "description"),
    ),
}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.10g}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def register_rows(scenario_id: str) -> list[dict[str, Any]]:
    """The rows of the register map for one scenario (the tag table's records)."""
    scenario = next(s for s in list_scenarios() if s.id == scenario_id)
    return [tag.as_record() for tag in tags_for(scenario)]


def register_table(scenario_id: str, lang: str, operator: bool = False, device: str | None = None) -> str:
    """One scenario's register map as a markdown table: the PLC-side tags, or (``operator``) the
    simulator-operator block (simulation only); only ``device``'s tags when one is given.

    The description is the last column; the site's stylesheet (``register-map.css``) shows it on a
    full-width line of its own under the tag's row.
    """
    head = _HEAD["register"][0 if lang == "ko" else 1]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    scenario = next(s for s in list_scenarios() if s.id == scenario_id)
    for tag in tags_for(scenario):
        if is_operator_tag(tag) != operator or device not in (None, tag.device):
            continue
        access = ("읽기/쓰기" if tag.writable else "읽기") if lang == "ko" else tag.access
        lines.append(
            "| "
            + " | ".join(
                [
                    f"`{tag.name}`",
                    _TABLE_NAMES[tag.table][0 if lang == "ko" else 1],
                    str(tag.address),
                    tag.notation,
                    tag.type,
                    _number(tag.scale),
                    tag.unit,
                    f"{_number(tag.min)}..{_number(tag.max)}",
                    access,
                    _cell(tag.description(lang)),
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def register_map(lang: str) -> str:
    """Tabs, one per scenario; in each, one heading and table per device (anchor ``SCENARIO-DEVICE``,
    English in both languages), then the simulator-operator block in a warning box of its own."""
    parts = []
    for scenario in list_scenarios():
        title = scenario.title.ko if lang == "ko" else scenario.title.en
        tags = tags_for(scenario)
        parts.append(f'=== "{scenario.id} ({title})"\n')
        parts.append(f"    {len(tags)}개 태그." if lang == "ko" else f"    {len(tags)} tags.")
        parts.append("")
        for device in tags.devices():
            if device == OPERATOR:
                continue
            parts.append(f"    ## `{device}` {{#{scenario.id}-{device}}}")
            parts.append("")
            parts.extend("    " + line for line in register_table(scenario.id, lang, device=device).split("\n"))
            parts.append("")
        if any(is_operator_tag(tag) for tag in tags):  # its own section, after the PLC's tags
            heading = (
                "시뮬레이터 조작 블록 (시뮬레이션 전용)" if lang == "ko" else "Simulator operator (simulation only)"
            )
            parts.append(f'    !!! warning "{heading}"')
            parts.append("")
            parts.append("        " + (OPERATOR_NOTE[0] if lang == "ko" else OPERATOR_NOTE[1]))
            parts.append("")
            parts.extend("        " + line for line in register_table(scenario.id, lang, operator=True).split("\n"))
            parts.append("")
    return "\n".join(parts)


def scenario_table(lang: str) -> str:
    """The scenarios: id, number, title, summary, stations."""
    if lang == "ko":
        lines = ["| 시나리오 | 번호 | 이름 | 내용 | 스테이션 |", "|---|---|---|---|---|"]
    else:
        lines = ["| scenario | number | name | what it is for | stations |", "|---|---|---|---|---|"]
    for s in list_scenarios():
        title = s.title.ko if lang == "ko" else s.title.en
        summary = s.summary.ko if lang == "ko" else s.summary.en
        lines.append(f"| `{s.id}` | {s.number} | {title} | {_cell(summary)} | {', '.join(s.stations)} |")
    return "\n".join(lines)


def device_tags(device: str, lang: str) -> str:
    """The tags of one device: name, address (both notations), unit, description."""
    if lang == "ko":
        lines = ["| 태그 | 테이블 | 주소 | 표기 | 단위 | 설명 |", "|---|---|---|---|---|---|"]
    else:
        lines = ["| tag | table | address | notation | unit | description |", "|---|---|---|---|---|---|"]
    for tag in ALL_TAGS.of_device(device):
        lines.append(
            f"| `{tag.name}` | {_TABLE_NAMES[tag.table][0 if lang == 'ko' else 1]} | {tag.address} | "
            f"{tag.notation} | {tag.unit} | {_cell(tag.description(lang))} |"
        )
    return "\n".join(lines)


def course_table(lang: str) -> str:
    """The course plan from course.yaml: a table of units (hours, level, ISA-95,
    scenarios, labs and checks), then each unit's objectives."""
    from factorylab.course import LEVEL_NAMES_EN, load

    course = load()
    ko = lang == "ko"
    planned = "예정" if ko else "planned"
    if ko:
        lines = [
            "| 단원 | 시간 | 다루는 기능의 수준 | ISA-95 | 시나리오 | 실습 노트북 | 자동 검사 |",
            "|---|---|---|---|---|---|---|",
        ]
    else:
        lines = [
            "| unit | hours | level of what it covers | ISA-95 | scenarios | lab notebooks | auto-checks |",
            "|---|---|---|---|---|---|---|",
        ]
    from factorylab import lab as labs_module

    written = {source.id: source for source in labs_module.sources()}
    for unit in course.units:
        title = unit.title.ko if ko else unit.title.en
        level = unit.level if ko else f"{unit.level} ({LEVEL_NAMES_EN[unit.level]})"
        labs = []
        for ref in unit.labs:
            source = None if ref.planned else written.get(ref.id)
            if source is None:
                labs.append(f"{ref.id} ({planned})")
            else:
                name = source.title_ko if ko else source.title_en
                hours = f"{_number(source.hours)}시간" if ko else f"{_number(source.hours)} h"
                labs.append(f"[{_cell(name)}](labs/{ref.id}.md) ({hours})")
        checks = [f"`{name}`" for name in unit.check_ids]
        scenarios = ", ".join(f"`{s}`" for s in unit.scenarios)
        lines.append(
            f"| [{unit.number}. {_cell(title)}](#unit-{unit.id}) | {_number(unit.hours)} | {level} | "
            f"{', '.join(unit.isa95)} | {scenarios} | {'<br>'.join(labs) or '-'} | {', '.join(checks) or '-'} |"
        )
    lines.append(f"| **{'합계' if ko else 'total'}** | **{_number(course.hours)}** | | | | | |")
    lines.append("")
    for unit in course.units:
        title = unit.title.ko if ko else unit.title.en
        hours = f"{_number(unit.hours)}시간" if ko else f"{_number(unit.hours)} h"
        lines.append(f"### {unit.number}. {title} ({hours}) {{#unit-{unit.id}}}")
        lines.append("")
        if unit.prerequisites:
            before = ", ".join(course.unit(p).number.__str__() for p in unit.prerequisites)
            lines.append(f"{'선수 단원' if ko else 'Comes after unit'}: {before}")
            lines.append("")
        lines.extend(f"- {o.ko if ko else o.en}" for o in unit.objectives)
        lines.append("")
    return "\n".join(lines)


_KINDS = {
    "behaviour": ("동작", "behaviour"),
    "value": ("값", "value"),
    "quiz": ("퀴즈", "quiz"),
    "scored": ("점수", "scored"),
    "model": ("모델", "model"),
}


def checks_table(lang: str) -> str:
    """Every registered check: kind, title, and the labs whose exercises use it (from the lab headers)."""
    from factorylab import lab as labs_module
    from factorylab.control.checks import all_checks

    ko = lang == "ko"
    users: dict[str, list[str]] = {}
    for source in labs_module.sources():
        title = source.title_ko if ko else source.title_en
        for name in source.checks:
            users.setdefault(name, []).append(f"[{_cell(title)}](labs/{source.id}.md)")
    order = list(_KINDS)
    rows = sorted(all_checks().values(), key=lambda c: (order.index(c.kind) if c.kind in order else 9, c.name))
    head = ("| 검사 | 종류 | 무엇을 보나 | 실습 |", "| check | kind | what it judges | lab |")[0 if ko else 1]
    lines = [head, "|---|---|---|---|"]
    for check in rows:
        if check.name.startswith("hidden_"):
            continue
        kind = _KINDS.get(check.kind, (check.kind, check.kind))[0 if ko else 1]
        what = check.title[0 if ko else 1]
        labs = "<br>".join(users.get(check.name, [])) or ("(뒤 단원)" if ko else "(later unit)")
        lines.append(f"| `{check.name}` | {kind} | {_cell(what)} | {labs} |")
    return "\n".join(lines) + "\n"


def unit_objectives(unit_id: str, lang: str) -> str:
    """A unit's learning objectives from course.yaml, as a list."""
    from factorylab.course import load

    unit = load().unit(unit_id)
    return "\n".join(f"- {o.ko if lang == 'ko' else o.en}" for o in unit.objectives) + "\n"


def generate(name: str, args: list[str], lang: str) -> str:
    """The markdown for one placeholder."""
    if name == "register-map":
        return register_map(lang)
    if name == "scenarios":
        return scenario_table(lang)
    if name == "course":
        return course_table(lang)
    if name == "device-tags":
        return device_tags(args[0], lang)
    if name == "checks":
        return checks_table(lang)
    if name == "objectives":
        return unit_objectives(args[0], lang)
    raise ValueError(f"unknown docs placeholder factorylab:{name}")


def page_language(src_uri: str) -> str:
    """``en`` for ``page.en.md``, else ``ko`` (the default language)."""
    return "en" if src_uri.endswith(".en.md") else "ko"


# --- MkDocs hooks -----------------------------------------------------------------------


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace every placeholder with generated markdown."""
    lang = page_language(page.file.src_uri)

    def replace(match: re.Match) -> str:
        return generate(match.group(1), match.group(2).split(), lang)

    return PLACEHOLDER.sub(replace, markdown)


def screenshot_name(scenario: str, lang: str, overlay: bool = False) -> str:
    """Docs path of a generated screenshot."""
    return f"assets/screens/{scenario}-{lang}{'-tags' if overlay else ''}.png"


def screenshots() -> list[tuple[str, str, bool]]:
    """(scenario, lang, overlay) of every screenshot the docs use."""
    shots = [(s.id, lang, False) for s in list_scenarios() for lang in ("ko", "en")]
    shots += [("line", lang, True) for lang in ("ko", "en")]
    return shots


_CACHE: dict[tuple[str, str, bool], bytes] = {}


def render_screenshot(scenario: str, lang: str, overlay: bool) -> bytes:
    """PNG bytes of a screenshot, rendered by the view after a busy spell."""
    key = (scenario, lang, overlay)
    if key not in _CACHE:
        import tempfile

        from factorylab.view.screenshot import screenshot

        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "shot.png"
            screenshot(scenario, SCREEN_SECONDS, lang, out, overlay=overlay, size=SCREEN_SIZE)
            _CACHE[key] = out.read_bytes()
    return _CACHE[key]


FIGURES = Path(__file__).resolve().parents[2] / "docs" / "figures"


def figure_names() -> list[str]:
    """The figures the docs draw at build time (``docs/figures/*.py``)."""
    return sorted(path.stem for path in FIGURES.glob("*.py") if not path.name.startswith("_"))


def figure_module(name: str) -> Any:
    """The module ``docs/figures/NAME.py`` (it may import the shared helpers ``docs/figures/_*.py``)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"factorylab_docs_figure_{name}", FIGURES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(FIGURES))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(FIGURES))
    return module


#: Set to a folder to keep drawn figures there, or to ``off`` to draw every figure at every build.
CACHE_SETTING = "FACTORYLAB_DOCS_CACHE"
_DIGEST: list[str] = []


def figure_cache() -> Path | None:
    """The folder that keeps drawn figures between builds (``None`` when switched off).

    ``$FACTORYLAB_DOCS_CACHE``, else ``$XDG_CACHE_HOME/factorylab/figures``,
    else ``~/.cache/factorylab/figures``. A figure is drawn from a seeded run,
    so the same sources give the same picture: a cached PNG is used only when
    every source it could depend on is byte for byte the same (see
    :func:`source_digest`).
    """
    import os

    setting = os.environ.get(CACHE_SETTING, "").strip()
    if setting.lower() == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "factorylab" / "figures"


def source_digest() -> str:
    """SHA-256 of everything a figure can depend on: the package's code and data,
    ``docs/figures``, ``labs/`` and the versions of Python and the plotting libraries."""
    if not _DIGEST:
        import hashlib
        import platform
        from importlib import metadata

        from factorylab.data.cache import package_digest

        digest = hashlib.sha256(package_digest().encode())  # the package's code and data
        for root, label in ((FIGURES, "figures"), (FIGURES.parents[1] / "labs", "labs")):
            if not root.is_dir():
                continue
            for path in sorted(root.rglob("*")):
                parts = path.relative_to(root).parts
                if not path.is_file() or "__pycache__" in parts:
                    continue
                digest.update(f"{label}/{'/'.join(parts)}\0".encode())
                digest.update(path.read_bytes())
        versions = [platform.python_version()]
        for dist in ("matplotlib", "numpy", "pandas", "scikit-learn", "pygame-ce"):
            try:
                versions.append(f"{dist}={metadata.version(dist)}")
            except metadata.PackageNotFoundError:
                versions.append(f"{dist}=none")
        digest.update(" ".join(versions).encode())
        _DIGEST.append(digest.hexdigest()[:32])
    return _DIGEST[0]


def render_figure(name: str, lang: str, *, reuse: bool = True) -> bytes:
    """PNG bytes of ``docs/figures/NAME.py``'s ``figure(lang)``.

    With ``reuse`` a PNG drawn before from the very same sources is taken from
    :func:`figure_cache`; either way a newly drawn one is kept there.
    """
    import os

    cache = figure_cache()
    cached = cache / source_digest() / f"{name}-{lang}.png" if cache is not None else None
    if reuse and cached is not None and cached.is_file():
        return cached.read_bytes()
    png = _draw_figure(name, lang)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_name(f".{cached.name}.{os.getpid()}")
            partial.write_bytes(png)
            os.replace(partial, cached)  # whole or absent, even with two builds at once
            _prune(cache, keep=cached.parent)
        except OSError:
            pass  # a read-only or full disk only costs the next build the drawing
    return png


def _prune(cache: Path, keep: Path) -> None:
    """Remove the figures of other sources that nobody has drawn for a week."""
    import shutil
    import time

    for folder in cache.iterdir():
        if folder != keep and folder.is_dir() and time.time() - folder.stat().st_mtime > 7 * 86400:
            shutil.rmtree(folder, ignore_errors=True)


def _draw_figure(name: str, lang: str) -> bytes:
    import io

    import matplotlib

    matplotlib.use("Agg")
    from factorylab.plotting import use_korean_font

    use_korean_font()
    fig = figure_module(name).figure(lang)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buffer.getvalue()


_GENERATED: list[Any] = []  # the folder generated files are written to, for this process


def _generated_folder() -> Path:
    import tempfile

    if not _GENERATED:
        _GENERATED.append(tempfile.TemporaryDirectory(prefix="factorylab-docs-"))
    return Path(_GENERATED[0].name)


def on_files(files: Any, config: Any) -> Any:
    """Add the generated screenshots and the Korean web font to the site.

    They are written to a folder of their own (not the docs folder: nothing
    generated is ever committed) and added as files of the site.
    """
    from importlib import resources

    from mkdocs.structure.files import File

    folder = _generated_folder()
    generated = {
        screenshot_name(scenario, lang, overlay): render_screenshot(scenario, lang, overlay)
        for scenario, lang, overlay in screenshots()
    }
    for name in figure_names():
        for lang in ("ko", "en"):
            generated[f"assets/figures/{name}-{lang}.png"] = render_figure(name, lang)
    font = resources.files("factorylab.view") / "fonts" / "FactoryLabGothic-Regular.ttf"
    generated["assets/fonts/FactoryLabGothic-Regular.ttf"] = font.read_bytes()
    for name, content in generated.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        files.append(File(name, str(folder), config["site_dir"], config["use_directory_urls"]))
    return files


# --- the built site: the copy in the package, and the folders ``factorylab docs`` writes --------------

#: Written into every folder ``factorylab docs`` builds a site in: the list of what it wrote there.
MARKER = ".factorylab-docs.json"


def packaged_site() -> Path | None:
    """The built site that comes inside the installed package (``factorylab/site``), if there is one.

    A wheel carries it (its build runs ``mkdocs build``); a checkout or an
    editable install has none and builds from ``docs/`` instead.
    """
    from importlib import resources

    site = resources.files("factorylab") / "site"
    if not (site / "index.html").is_file():
        return None
    return Path(str(site))


def _entries(out: Path) -> list[str]:
    """Every file and folder in ``out`` that a site build replaces (posix paths relative to ``out``).

    Top-level names starting with a dot are left out: MkDocs never touches
    them (a ``.git`` of a published site, our marker).
    """
    found = []
    for top in sorted(out.iterdir()):
        if top.name.startswith("."):
            continue
        found.append(top.name)
        if top.is_dir() and not top.is_symlink():
            for path in sorted(top.rglob("*")):
                found.append(path.relative_to(out).as_posix())
    return found


def check_site_folder(out: Path) -> None:
    """Raise :class:`~factorylab.errors.FactoryLabError` unless building a site in ``out`` deletes only our files.

    Building a site empties its folder first. That is fine for a new or empty
    folder and for one holding only what an earlier ``factorylab docs`` wrote
    (listed in its :data:`MARKER`); anything else in it stops the build, so a
    user's files are never deleted.
    """
    import json

    from factorylab.errors import FactoryLabError

    if not out.exists():
        return
    if not out.is_dir():
        raise FactoryLabError(
            f"{out} 위치에 있는 것은 파일입니다. 문서 사이트는 폴더에 만듭니다: 새 폴더 이름을 --out으로 주세요.",
            f"{out} is a file. The docs site goes into a folder: give --out the name of a new folder.",
        )
    ours: set[str] = set()
    marker = out / MARKER
    if marker.is_file():
        try:
            ours = set(json.loads(marker.read_text(encoding="utf-8"))["files"])
        except (ValueError, KeyError, TypeError):
            ours = set()
    foreign = [entry for entry in _entries(out) if entry not in ours]
    if foreign:
        shown = ", ".join(foreign[:3]) + (" ..." if len(foreign) > 3 else "")
        raise FactoryLabError(
            f"{out} 폴더에는 FactoryLab 문서가 아닌 파일이 있어 멈췄습니다 ({shown}). 사이트를 만들면 폴더를 "
            f"비우므로 그 파일이 지워집니다. 빈 폴더나 새 폴더를 --out으로 주세요.",
            f"stopped: {out} holds files that are not a FactoryLab docs build ({shown}). Building the site "
            f"empties the folder, which would delete them. Give --out an empty or a new folder.",
        )


def mark_site_folder(out: Path) -> None:
    """Write :data:`MARKER` into ``out``: the list of everything now in it, which a later build may replace."""
    import json

    from factorylab import __version__

    record = {"generator": "factorylab docs", "version": __version__, "files": _entries(out)}
    (out / MARKER).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def copy_site(site: Path, out: Path) -> None:
    """Put the built ``site`` into ``out``, replacing only what an earlier build wrote there.

    Call :func:`check_site_folder` first: this removes what the marker lists.
    """
    import shutil

    out.mkdir(parents=True, exist_ok=True)
    for entry in sorted(_entries(out), reverse=True):  # files before their folders
        path = out / entry
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
        else:
            path.unlink()
    shutil.copytree(site, out, dirs_exist_ok=True)
    mark_site_folder(out)


def tags_json(scenario_id: str) -> list[dict[str, Any]]:
    """What ``factorylab tags --scenario S --format json`` prints (for tests)."""
    return register_rows(scenario_id)


__all__ = [
    "MARKER",
    "Tag",
    "check_site_folder",
    "copy_site",
    "generate",
    "mark_site_folder",
    "on_files",
    "on_page_markdown",
    "packaged_site",
    "register_map",
    "register_table",
]
