"""Scoring a whole class: a folder of team files, in parallel, into a leaderboard (CSV and HTML).

``TEAMS_DIR`` holds one ``<team>.py`` per team, each defining
``make_controller()``. The files are the students' own Python and run as
they are, with the teacher's rights (there is no sandbox): look through
them before a class-wide run. A team whose file does not load, has no
``make_controller``, raises an error or hangs gets its row with a plain
message; it never stops the class.
"""

from __future__ import annotations

import csv
import html
import importlib.util
import os
import sys
import traceback
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import FactoryLabError
from .formula import NAMES, POINTS
from .scoring import CapstoneScore, hidden_seeds, reference_run, score


def team_files(teams_dir: str | Path) -> list[Path]:
    """The team files of a folder (``*.py``, not starting with ``_``), sorted by name."""
    folder = Path(teams_dir)
    if not folder.is_dir():
        raise FactoryLabError(f"팀 폴더가 없습니다: {folder}", f"there is no teams folder {folder}")
    files = sorted(p for p in folder.glob("*.py") if not p.name.startswith("_"))
    if not files:
        raise FactoryLabError(
            f"{folder}에 팀 파일(<팀 이름>.py)이 없습니다.", f"{folder} holds no team files (<team>.py)"
        )
    return files


def load_team(path: str | Path) -> tuple[Any, tuple[str, str] | None]:
    """(make_controller, None) from a team file, or (None, (ko, en)) saying what is wrong, with the line."""
    path = Path(path)
    name = f"factorylab_team_{path.stem}"
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    except (KeyboardInterrupt, SystemExit):
        raise
    except SyntaxError as error:
        return None, (
            f"{path.name} {error.lineno}번째 줄에 문법 오류가 있습니다: {error.msg}",
            f"{path.name} line {error.lineno}: syntax error: {error.msg}",
        )
    except BaseException as error:  # noqa: BLE001 - the team's code, explained
        line = _team_line(error, path)
        return None, (
            f"{path.name}{line[0]}을 불러오다 오류가 났습니다: {type(error).__name__}: {error}",
            f"{path.name}{line[1]} failed to load: {type(error).__name__}: {error}",
        )
    maker = getattr(module, "make_controller", None)
    if not callable(maker):
        return None, (
            f"{path.name}에 make_controller 함수가 없습니다: def make_controller(): ... return controller를 쓰세요.",
            f"{path.name} has no make_controller function: write def make_controller(): ... return controller",
        )
    return maker, None


def _team_line(error: BaseException, path: Path) -> tuple[str, str]:
    frames = [f for f in traceback.extract_tb(error.__traceback__) if Path(f.filename) == path]
    if not frames:
        return "", ""
    return f" {frames[-1].lineno}번째 줄", f" line {frames[-1].lineno}"


def score_team_file(
    path: str | Path,
    secret: bytes | str,
    hours: float = 2.0,
    seeds: list[int] | None = None,
    shared: bool = False,
    clock: Any = None,
) -> CapstoneScore:
    """One team's score from its file (never raises for the team's mistakes).

    ``clock`` (e.g. ``time.perf_counter``) times the scoring into the score's ``wall``.
    """
    began = clock() if clock is not None else 0.0
    result = _score_team_file(Path(path), secret, hours, seeds, shared)
    if clock is not None:
        result.wall = round(clock() - began, 2)
    return result


def _score_team_file(
    path: Path, secret: bytes | str, hours: float, seeds: list[int] | None, shared: bool
) -> CapstoneScore:
    maker, problem = load_team(path)
    if problem is not None:
        return CapstoneScore(path.stem, hours=hours, message=problem)
    try:
        return score(maker, path.stem, secret=secret, hours=hours, seeds=seeds, shared=shared)
    except FactoryLabError:
        raise
    except Exception as error:  # noqa: BLE001 - a team's object broke the scoring itself
        return CapstoneScore(path.stem, hours=hours, message=(f"채점 중 오류: {error}", f"scoring failed: {error}"))


def score_class(
    teams_dir: str | Path,
    secret: bytes | str,
    jobs: int | None = None,
    hours: float = 2.0,
    seeds: list[int] | None = None,
    progress: Any = None,
    shared: bool = False,
    clock: Any = None,
) -> list[CapstoneScore]:
    """Score every team file of ``teams_dir`` on its hidden seeds, ``jobs`` processes at a time; ranked.

    With ``shared`` (or ``seeds``) every team runs the same seeds: the
    reference runs are made first, once, in parallel, and the workers
    inherit them (a forked process starts with its parent's cache).
    """
    files = team_files(teams_dir)
    jobs = max(1, int(jobs or os.cpu_count() or 1))
    results: list[CapstoneScore] = []
    common = seeds if seeds is not None else (hidden_seeds("", secret, shared=True) if shared else None)
    if common is not None:
        _prefetch(common, hours, jobs)
    if jobs == 1:
        for path in files:
            results.append(score_team_file(path, secret, hours, seeds, shared, clock))
            if progress is not None:
                progress(results[-1])
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
            futures = [pool.submit(score_team_file, path, secret, hours, seeds, shared, clock) for path in files]
            for future in futures:
                results.append(future.result())
                if progress is not None:
                    progress(results[-1])
    return ranked(results)


def _prefetch(seeds: list[int], hours: float, jobs: int) -> None:
    """Make the reference runs of ``seeds`` now (``jobs`` at a time) and keep them in this process's cache."""
    from . import scoring

    missing = [seed for seed in seeds if (seed, float(hours)) not in scoring._REFERENCE]
    if jobs == 1 or len(missing) < 2:
        for seed in missing:
            reference_run(seed, hours)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(missing))) as pool:
        for seed, run in zip(missing, pool.map(reference_run, missing, [hours] * len(missing)), strict=True):
            scoring._REFERENCE[(seed, float(hours))] = run


def ranked(scores: list[CapstoneScore]) -> list[CapstoneScore]:
    """Highest total first; equal totals by team name."""
    return sorted(scores, key=lambda s: (-s.total, s.team))


def _ranks(scores: list[CapstoneScore]) -> list[int]:
    out, last, rank = [], None, 0
    for n, s in enumerate(scores, start=1):
        if s.total != last:
            rank, last = n, s.total
        out.append(rank)
    return out


def write_leaderboard(scores: list[CapstoneScore], out: str | Path) -> tuple[Path, Path]:
    """Write ``leaderboard.csv`` and ``leaderboard.html`` into ``out``; their paths."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    scores = ranked(scores)
    ranks = _ranks(scores)
    keys = [*POINTS, "penalty"]
    csv_path = folder / "leaderboard.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as file:  # utf-8-sig: Excel reads the Hangul
        writer = csv.writer(file)
        writer.writerow(["rank", "team", "total", *keys, "seeds", "message_ko", "message_en"])
        for rank, s in zip(ranks, scores, strict=True):
            parts = s.components()
            ko, en = s.message if s.message else _zero_notes(s)
            writer.writerow(
                [
                    rank,
                    s.team,
                    f"{s.total:.2f}",
                    *(f"{parts[k]:.2f}" for k in keys),
                    len(s.seeds),
                    ko,
                    en,
                ]
            )
    html_path = folder / "leaderboard.html"
    html_path.write_text(leaderboard_html(scores), encoding="utf-8")
    from importlib import resources  # the page's Hangul font, for computers without a Korean one

    font = resources.files("factorylab.view") / "fonts" / "FactoryLabGothic-Regular.ttf"
    (folder / "FactoryLabGothic-Regular.ttf").write_bytes(font.read_bytes())
    return csv_path, html_path


def _zero_notes(score: CapstoneScore) -> tuple[str, str]:
    """(ko, en): the seeds that scored 0 for an output during an E-stop, with the time and the tag."""
    zeros = [(n, x.points.zero_reason) for n, x in enumerate(score.seeds, start=1) if x.points.zero_reason]
    return (
        "; ".join(f"시드 {n}: {why[0]}" for n, why in zeros),
        "; ".join(f"seed {n}: {why[1]}" for n, why in zeros),
    )


def leaderboard_html(scores: list[CapstoneScore]) -> str:
    """A self-contained page (Korean and English) of the ranked scores."""
    scores = ranked(scores)
    ranks = _ranks(scores)
    keys = [*POINTS, "penalty"]
    head = "".join(
        f"<th>{html.escape(NAMES[k][0])}<br><small>{html.escape(NAMES[k][1])}"
        + (f" ({POINTS[k]:g})" if k in POINTS else "")
        + "</small></th>"
        for k in keys
    )
    rows = []
    for rank, s in zip(ranks, scores, strict=True):
        parts = s.components()
        cells = "".join(
            f"<td>{parts[k]:.1f}</td>" if k != "penalty" or not parts[k] else f"<td>-{parts[k]:.1f}</td>" for k in keys
        )
        note = ""
        if s.message:
            note = (
                f"<tr class='note'><td></td><td colspan='{len(keys) + 2}'>{html.escape(s.message[0])}<br>"
                f"<small>{html.escape(s.message[1])}</small></td></tr>"
            )
        zeros = [
            f"시드 {n} / seed {n}: {html.escape(x.points.zero_reason[0])} / {html.escape(x.points.zero_reason[1])}"
            for n, x in enumerate(s.seeds, start=1)
            if x.points.zero_reason and x.run.estop is not None
        ]
        if zeros:
            note += f"<tr class='note'><td></td><td colspan='{len(keys) + 2}'>" + "<br>".join(zeros) + "</td></tr>"
        rows.append(
            f"<tr><td>{rank}</td><td><b>{html.escape(s.team)}</b></td><td><b>{s.total:.1f}</b></td>{cells}</tr>{note}"
        )
    when = datetime.now().strftime("%Y-%m-%d %H:%M")
    hours = scores[0].hours if scores else 2.0
    return f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>캡스톤 순위표 / Capstone leaderboard</title>
<style>
@font-face {{ font-family: "FactoryLab Gothic"; src: url("FactoryLabGothic-Regular.ttf"); }}
body {{ font-family: "FactoryLab Gothic", "Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans KR", "Noto Sans CJK KR", "NanumGothic", sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; }} th, td {{ border: 1px solid #bbb; padding: 4px 8px; text-align: right; }}
td:nth-child(2) {{ text-align: left; }} th {{ background: #eef; }} tr.note td {{ text-align: left; color: #a33; }}
</style></head><body>
<h1>캡스톤 순위표 <small>Capstone leaderboard</small></h1>
<p>숨은 시드 5개 x {hours:g}시간, 시드마다 0~100점, 합계는 평균입니다. 비상정지 중 출력이 켜지면 그 시드는 0점입니다.<br>
<small>5 hidden seeds x {hours:g} h; each seed 0-100 points, the total is the mean. Any output on during an E-stop
scores 0 for that seed.</small></p>
<table><tr><th>순위<br><small>rank</small></th><th>팀<br><small>team</small></th><th>합계<br><small>total</small></th>{head}</tr>
{"".join(rows)}
</table>
<p><small>{when} · factorylab capstone score</small></p>
</body></html>
"""


def table_text(scores: list[CapstoneScore], lang: str) -> str:
    """The leaderboard as plain text lines (for the terminal)."""
    scores = ranked(scores)
    ko = lang == "ko"
    keys = [*POINTS, "penalty"]
    head = [
        "순위" if ko else "rank",
        "팀" if ko else "team",
        "합계" if ko else "total",
        *(NAMES[k][0 if ko else 1] for k in keys),
    ]
    lines = ["  ".join(head)]
    for rank, s in zip(_ranks(scores), scores, strict=True):
        parts = s.components()
        lines.append("  ".join([str(rank), s.team, f"{s.total:.1f}", *(f"{parts[k]:.1f}" for k in keys)]))
        if s.message:
            lines.append("    ! " + s.message[0 if ko else 1])
    return "\n".join(lines)


__all__ = [
    "leaderboard_html",
    "load_team",
    "ranked",
    "score_class",
    "score_team_file",
    "table_text",
    "team_files",
    "write_leaderboard",
]
