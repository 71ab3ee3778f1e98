"""A student's workspace: the lab notebooks to work in, never overwritten, and JupyterLab's language.

``factorylab start`` prepares it before it opens JupyterLab:

* every lab's **student** notebook (never a solution) and a "start here"
  notebook are copied in. A notebook that exists is never overwritten: it
  holds the student's work. When a lab has changed since it was copied (a
  newer FactoryLab), the new version goes beside it as
  ``<lab>.new-<version>.ipynb``, and the student is told;
* JupyterLab's language for this Python environment is set to Korean (or
  English) in ``{sys.prefix}/share/jupyter/lab/settings/overrides.json``,
  keeping any other setting that file holds.

What was delivered is remembered in ``<workspace>/.factorylab/delivered.json``
(each notebook's content fingerprint), so an unchanged lab is not offered twice.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .errors import FactoryLabError

START_HERE = "00_start_here.ipynb"
MANIFEST = Path(".factorylab") / "delivered.json"
LOCALE_KEY = "@jupyterlab/translation-extension:plugin"
LOCALES = {"ko": "ko_KR", "en": "en"}


@dataclass(frozen=True)
class Delivered:
    """What happened to one notebook: ``new`` (copied in), ``kept`` (there already, unchanged lab),
    or ``beside`` (the student's copy kept, a newer version written next to it at ``path``)."""

    name: str
    status: str
    path: Path


def default_workspace() -> Path:
    """``~/factorylab``: the folder a student's notebooks go in by default."""
    return Path.home() / "factorylab"


def fingerprint(nb: Any) -> str:
    """A notebook's content (cell kinds and sources) as a short hash; cell ids and outputs do not count."""
    digest = hashlib.sha256()
    for cell in nb.cells:
        digest.update(cell.cell_type.encode())
        digest.update(b"\0")
        digest.update(cell.source.encode("utf-8"))
        digest.update(b"\1")
    return digest.hexdigest()[:16]


def lab_table(labs: Any, lang: str) -> str:
    """A markdown table of the labs in teaching order: unit, notebook, title, class hours."""
    if lang == "ko":
        rows = ["| 단원 | 노트북 | 실습 | 시간(차시) |", "|---|---|---|---|"]
    else:
        rows = ["| unit | notebook | lab | hours (periods) |", "|---|---|---|---|"]
    for source in labs:
        title = source.title_ko if lang == "ko" else source.title_en
        hours = f"{source.hours:g}" if source.hours else "-"
        rows.append(f"| {source.unit} | `{source.path.stem}.ipynb` | {title} | {hours} |")
    return "\n".join(rows)


def start_here_notebook(lang: str, port: int, first_lab: str | None, labs: Any = ()) -> Any:
    """The "start here" notebook: the labs in order, open the first lab, restart a kernel, find the simulator."""
    import nbformat.v4 as v4

    lab = f"`{first_lab}`" if first_lab else "the first lab"
    lab_ko = f"`{first_lab}`" if first_lab else "첫 실습"
    text_ko = f"""# FactoryLab 시작하기

**1. 첫 실습 열기**: 왼쪽 파일 목록에서 {lab_ko} 노트북을 두 번 누릅니다. 셀을 고르고 **Shift+Enter** 로
실행합니다. 위에서부터 차례로 실행하세요.

**2. 커널 다시 시작하기**: 코드가 멈추거나 이상하면 메뉴 **커널 → 커널 다시 시작**(Kernel → Restart Kernel)을
누른 다음, 노트북을 위에서부터 다시 실행합니다. 작성한 코드는 그대로 남아 있습니다.

**3. 시뮬레이터 찾기**: `factorylab start`가 띄운 시뮬레이터 창에 가상 생산 라인이 보입니다. 노트북에서는
아래 셀처럼 `factorylab.connect(port={port})`로 연결합니다. 창이 없는 컴퓨터에서는 창 없이 돌고 있습니다.

**4. 끝내기**: `factorylab start`를 실행한 터미널에서 **Ctrl+C**를 누르거나 시뮬레이터 창을 닫습니다.
노트북은 저장(Ctrl+S)한 뒤에 끝내세요. 다음에 `factorylab start`를 다시 실행하면 작성한 노트북이 그대로
있습니다.
"""
    text_en = f"""# Getting started with FactoryLab

**1. Open the first lab**: double-click the {lab} notebook in the file list on the left. Select a cell and run it
with **Shift+Enter**, from the top down.

**2. Restart a kernel**: if the code hangs or acts strangely, choose **Kernel → Restart Kernel**, then run the
notebook again from the top. Your code stays.

**3. Find the simulator**: the simulator window that `factorylab start` opened shows the virtual line. From a
notebook, connect with `factorylab.connect(port={port})` as in the cell below. On a computer without a screen
it runs without a window.

**4. Stop**: press **Ctrl+C** in the terminal where `factorylab start` runs, or close the simulator window. Save
your notebooks first (Ctrl+S). Run `factorylab start` again next time: your notebooks are still there.
"""
    code = f"""import factorylab

line = factorylab.connect(port={port})  # the simulator that factorylab start runs
print(line.scenario.id, "-", round(line.system.sim_time, 1), "s")
"""
    if labs:
        if lang == "ko":
            text_ko += "\n**실습 순서** (1시간 = 1차시, 50분):\n\n" + lab_table(labs, "ko") + "\n"
        else:
            text_en += (
                "\n**The labs in order** (1 hour = one 50-minute class period):\n\n" + lab_table(labs, "en") + "\n"
            )
    cells = [v4.new_markdown_cell(text_ko if lang == "ko" else text_en), v4.new_code_cell(code)]
    nb = v4.new_notebook(cells=cells)
    nb.metadata["factorylab"] = {"kind": "start_here"}
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def prepare(workspace: Path, *, lang: str = "ko", port: int = 5020) -> list[Delivered]:
    """Create ``workspace`` if needed and deliver the student notebooks into it, never overwriting one.

    Args:
        workspace: the folder (its parent must exist).
        lang: ``ko`` or ``en``, the language of the start-here notebook.
        port: the simulator's port, as the start-here notebook connects to it.

    Returns:
        What happened to each notebook, start-here first.
    """
    import nbformat

    from . import lab

    workspace = Path(workspace).expanduser()
    if workspace.exists() and not workspace.is_dir():
        raise FactoryLabError(
            f"{workspace}: 폴더가 아니라 파일입니다. --workspace로 다른 폴더를 고르세요.",
            f"{workspace} is a file, not a folder. Choose another folder with --workspace.",
        )
    if not workspace.parent.is_dir():
        raise FactoryLabError(
            f"{workspace.parent} 폴더가 없습니다. 폴더 이름을 확인하거나 먼저 만드세요.",
            f"there is no folder {workspace.parent}. Check its name or make it first.",
        )
    try:
        workspace.mkdir(exist_ok=True)
        manifest_path = workspace / MANIFEST
        manifest = _read_manifest(manifest_path)
        labs = lab.sources()
        first = f"{labs[0].path.stem}.ipynb" if labs else None
        notebooks = [(START_HERE, start_here_notebook(lang, port, first, labs))]
        notebooks += [(f"{source.path.stem}.ipynb", lab.notebook(source, "student")) for source in labs]
        results = []
        for name, nb in notebooks:
            mark = fingerprint(nb)
            path = workspace / name
            if not path.exists():
                nbformat.write(nb, path)
                manifest[name] = mark
                results.append(Delivered(name, "new", path))
            elif manifest.get(name) in (None, mark):  # the lab has not changed since it was copied
                manifest.setdefault(name, mark)
                results.append(Delivered(name, "kept", path))
            else:  # a newer lab: beside the student's copy
                beside = path.with_name(f"{path.stem}.new-{__version__}.ipynb")
                if not beside.exists():
                    nbformat.write(nb, beside)
                results.append(Delivered(name, "beside", beside))
        manifest_path.parent.mkdir(exist_ok=True)
        manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise FactoryLabError(
            f"{workspace}에 노트북을 쓸 수 없습니다: {reason}. --workspace로 쓸 수 있는 폴더를 고르세요.",
            f"cannot write the notebooks into {workspace}: {reason}. Choose a folder you can write to with "
            "--workspace.",
        ) from None
    return results


def _read_manifest(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def overrides_path(prefix: str | Path | None = None) -> Path:
    """JupyterLab's settings overrides for this Python environment."""
    return (
        Path(prefix if prefix is not None else sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    )


def set_jupyter_language(lang: str, prefix: str | Path | None = None) -> Path:
    """Make JupyterLab in this environment show Korean (``ko``) or English (``en``); other settings stay.

    Returns:
        The overrides file written.
    """
    path = overrides_path(prefix)
    settings: dict[str, Any] = {}
    if path.exists():
        try:
            settings = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            settings = None  # type: ignore[assignment]
        if not isinstance(settings, dict):
            raise FactoryLabError(
                f"{path} 파일을 읽을 수 없어서 JupyterLab 언어를 바꾸지 않았습니다. 파일을 고치거나 지우세요.",
                f"{path} cannot be read, so JupyterLab's language was left alone. Fix or delete the file.",
            )
    plugin = settings.get(LOCALE_KEY)
    plugin = dict(plugin) if isinstance(plugin, dict) else {}
    plugin["locale"] = LOCALES[lang]
    settings[LOCALE_KEY] = plugin
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise FactoryLabError(
            f"JupyterLab 언어 설정({path})을 쓸 수 없습니다: {reason}",
            f"cannot write JupyterLab's language setting ({path}): {reason}",
        ) from None
    return path
