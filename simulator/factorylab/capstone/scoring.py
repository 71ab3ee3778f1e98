"""Scoring a team's controller on hidden (or practice) seeds: :func:`score`, :func:`practice`."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from ..console import fit
from ..control.checks.seeds import summative_seeds, teacher_secret
from ..control.memory import program_for
from ..control.student import Watchdog
from ..errors import FactoryLabError
from ..i18n import current_language
from .controllers import make_reference_controller
from .episodes import plan_for
from .formula import NAMES, POINTS, Points, points
from .run import SeedRun, run_plan

#: hidden seeds per team
SEEDS = 5
#: the public practice seeds (the hidden ones come from the teacher's secret)
PRACTICE_SEEDS = (101, 202, 303, 404, 505)
#: the name under which the seeds are derived: HMAC(secret, team | capstone | n)
CHECK_NAME = "capstone"

_REFERENCE: dict[tuple[int, float], SeedRun] = {}
_WARM: dict[tuple[int, float], SeedRun] = {}


def reference_run(seed: int, hours: float) -> SeedRun:
    """The reference controller's run on a seed (computed once per process, then cached)."""
    key = (seed, float(hours))
    if key not in _REFERENCE:
        with Watchdog() as dog:
            _REFERENCE[key] = run_plan(program_for(make_reference_controller), plan_for(seed, hours), dog)
    return _REFERENCE[key]


def reference_plan_run(seed: int, hours: float, warm: bool = False) -> SeedRun:
    """:func:`reference_run`, also for a warm start (the lab's check), cached the same way."""
    if not warm:
        return reference_run(seed, hours)
    key = (seed, float(hours))
    if key not in _WARM:
        with Watchdog() as dog:
            _WARM[key] = run_plan(program_for(make_reference_controller), plan_for(seed, hours, warm=True), dog)
    return _WARM[key]


#: the name whose seeds every team shares with ``shared=True``
CLASS_NAME = "class"


def hidden_seeds(team: str, secret: str | bytes | None = None, count: int = SEEDS, shared: bool = False) -> list[int]:
    """A team's hidden seeds: HMAC-SHA256(secret, team | capstone | n) (see factorylab.control.checks.seeds).

    With ``shared``, every team of the class gets the same hidden seeds
    (HMAC(secret, "class" | capstone | n)): the reference runs are then
    made once for the whole class, which halves the scoring time.
    """
    key = teacher_secret(secret)
    if key is None:
        raise FactoryLabError(
            "숨은 시드로 채점하려면 교사 비밀값이 필요합니다: secret=... 또는 FACTORYLAB_TEACHER_SECRET(_FILE). "
            "연습은 factorylab.capstone.practice(make_controller)로 하세요.",
            "scoring on hidden seeds needs the teacher's secret: secret=... or FACTORYLAB_TEACHER_SECRET(_FILE). "
            "To practise, use factorylab.capstone.practice(make_controller).",
        )
    return summative_seeds(CHECK_NAME, count, key, CLASS_NAME if shared else team)


@dataclass
class SeedScore:
    """One seed: the points, the team's run and the reference's run."""

    seed: int
    points: Points
    run: SeedRun
    reference: SeedRun


@dataclass
class CapstoneScore:
    """A team's capstone score: per-seed components, the total (mean over seeds, 0-100) and messages.

    Attributes:
        team: the team's name.
        total: mean of the seeds' points, 0-100.
        seeds: one :class:`SeedScore` per seed run.
        message: (ko, en) when the team's code could not be scored at all or
            failed on a seed (the first such message), else None.
        hours: simulated hours per seed; wall: seconds of wall time it took (set by
            :func:`factorylab.capstone.classroom.score_team_file` when given a clock).
    """

    team: str
    total: float = 0.0
    seeds: list[SeedScore] = field(default_factory=list)
    message: tuple[str, str] | None = None
    hours: float = 2.0
    wall: float = 0.0
    practice: bool = False

    def components(self) -> dict[str, float]:
        """Mean points per component over the seeds (and the mean penalty as ``penalty``)."""
        count = len(self.seeds)
        out = {key: 0.0 for key in POINTS}
        out["penalty"] = 0.0
        if not count:
            return out
        for s in self.seeds:
            for key in POINTS:
                out[key] += s.points.parts[key] / count
            out["penalty"] += s.points.penalty / count
        return {k: round(v, 2) for k, v in out.items()}

    def summary(self, lang: str | None = None) -> str:
        """The score as short lines in ``lang`` (default: the current language)."""
        lang = lang if lang in ("ko", "en") else current_language()
        ko = lang == "ko"
        kind = (
            ("연습 시드" if self.practice else "숨은 시드")
            if ko
            else (("practice seed" if self.practice else "hidden seed") + ("" if len(self.seeds) == 1 else "s"))
        )
        head = (
            f"{self.team}: {self.total:.1f}점 / 100 ({kind} {len(self.seeds)}개, 시드마다 {self.hours:g}시간)"
            if ko
            else f"{self.team}: {self.total:.1f} / 100 points ({len(self.seeds)} {kind}, {self.hours:g} h each)"
        )
        lines = [head]
        if self.message:
            lines.append(("  ! " + self.message[0]) if ko else ("  ! " + self.message[1]))
        if self.seeds:
            parts = self.components()
            lines.append(
                "  "
                + ", ".join(f"{NAMES[k][0 if ko else 1]} {parts[k]:.1f}/{POINTS[k]:g}" for k in POINTS)
                + (f", {NAMES['penalty'][0 if ko else 1]} -{parts['penalty']:.1f}" if parts["penalty"] else "")
            )
        for n, s in enumerate(self.seeds, start=1):
            r = s.run
            if s.points.zero_reason is not None:
                why = s.points.zero_reason[0 if ko else 1]
                lines.append(f"  시드 {n}: 0점 — {why}" if ko else f"  seed {n}: 0 points — {why}")
                continue
            caught = sum(1 for f in r.faults if f[3])
            if ko:
                lines.append(
                    f"  시드 {n}: {s.points.total:.1f}점 — 양품 {r.good}개 (기준 {s.reference.good}), "
                    f"OEE {r.oee:.1f} % (기준 {s.reference.oee:.1f}), 불량 출하 {r.shipped_defects}, "
                    f"고장 {len(r.faults)}건 중 경보 {caught}건, 인터록 위반 {r.interlocks}, 정지 무시 {r.stops_ignored}"
                )
            else:
                lines.append(
                    f"  seed {n}: {s.points.total:.1f} points — good {r.good} (ref. {s.reference.good}), "
                    f"OEE {r.oee:.1f} % (ref. {s.reference.oee:.1f}), shipped defects {r.shipped_defects}, "
                    f"alarm caught {caught} of {len(r.faults)} faults, interlock violations {r.interlocks}, "
                    f"STOPs ignored {r.stops_ignored}"
                )
        return fit("\n".join(lines))

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        lang = current_language()
        ko = lang == "ko"
        head = ["시드" if ko else "seed", *(NAMES[k][0 if ko else 1] for k in POINTS), NAMES["penalty"][0 if ko else 1]]
        head.append("합계" if ko else "total")
        rows = []
        for n, s in enumerate(self.seeds, start=1):
            cells = [
                str(n),
                *(f"{s.points.parts[k]:.1f}" for k in POINTS),
                f"-{s.points.penalty:g}",
                f"<b>{s.points.total:.1f}</b>",
            ]
            note = ""
            if s.points.zero_reason:
                note = f"<tr><td></td><td colspan='{len(head) - 1}'>{html.escape(s.points.zero_reason[0 if ko else 1])}</td></tr>"
            rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>" + note)
        title = html.escape(self.summary(lang).splitlines()[0])
        message = f"<p>{html.escape(self.message[0 if ko else 1])}</p>" if self.message else ""
        table = (
            "<table><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr>" + "".join(rows) + "</table>"
            if rows
            else ""
        )
        return f"<div><p><b>{title}</b></p>{message}{table}</div>"


def score(
    make_controller: Any,
    team: str,
    secret: str | bytes | None = None,
    seeds: list[int] | None = None,
    hours: float = 2.0,
    shared: bool = False,
) -> CapstoneScore:
    """Score a team's controller on its hidden seeds (or on ``seeds``).

    Args:
        make_controller: a function with no arguments that returns a fresh
            controller ``controller(line, t)`` or ``controller(line, t, m)``
            (called once per seed: a cold start).
        team: the team's name (its hidden seeds come from it and the secret).
        secret: the teacher's secret (else ``FACTORYLAB_TEACHER_SECRET`` or
            ``FACTORYLAB_TEACHER_SECRET_FILE``); not needed with ``seeds``.
        seeds: run these seeds instead of the hidden ones.
        hours: simulated hours per seed (2 in class; shorter only for tests).
        shared: the class's shared hidden seeds instead of the team's own (see :func:`hidden_seeds`).

    Returns:
        A :class:`CapstoneScore`. A team's mistake (no make_controller, a
        Python error, a scan that hangs) never raises: it becomes the score's
        message and 0 points on the seeds concerned.
    """
    if not isinstance(hours, (int, float)) or not 0.05 <= hours <= 8.0:
        raise FactoryLabError(
            f"hours는 0.05에서 8 사이의 시간 수입니다 (입력: {hours!r})", f"hours is 0.05 to 8 (got {hours!r})"
        )
    chosen = list(seeds) if seeds is not None else hidden_seeds(team, secret, shared=shared)
    result = CapstoneScore(str(team), hours=float(hours), practice=seeds is not None)
    problem = _not_a_maker(make_controller)
    if problem is not None:
        result.message = problem
        return result
    try:
        program = program_for(make_controller)
    except FactoryLabError as error:
        result.message = (error.ko, error.en)
        return result
    with Watchdog() as dog:
        for seed in chosen:
            reference = reference_run(seed, hours)
            run = run_plan(program, plan_for(seed, hours), dog)
            got = points(run, reference)
            if run.error is not None and result.message is None:
                result.message = (run.error[0], run.error[1])
            result.seeds.append(SeedScore(seed, got, run, reference))
    result.total = round(sum(s.points.total for s in result.seeds) / len(result.seeds), 2) if result.seeds else 0.0
    return result


def practice(make_controller: Any, hours: float = 2.0, seeds: int = 2) -> CapstoneScore:
    """Score a controller on the public practice seeds (the same formula as the hidden scoring).

    Args:
        make_controller: as for :func:`score`.
        hours: simulated hours per seed (2 like the hidden scoring; 0.5 for a quick try).
        seeds: how many practice seeds, 1-5.
    """
    count = int(seeds) if isinstance(seeds, int) and 1 <= seeds <= len(PRACTICE_SEEDS) else None
    if count is None:
        raise FactoryLabError(
            f"seeds는 1에서 {len(PRACTICE_SEEDS)} 사이의 정수입니다 (입력: {seeds!r})",
            f"seeds is a whole number from 1 to {len(PRACTICE_SEEDS)} (got {seeds!r})",
        )
    return score(make_controller, "practice", seeds=list(PRACTICE_SEEDS[:count]), hours=hours)


def _not_a_maker(make_controller: Any) -> tuple[str, str] | None:
    if make_controller is None or not callable(make_controller):
        return (
            "make_controller 함수가 없습니다: 팀 파일에 def make_controller(): ... return controller를 쓰세요.",
            "there is no make_controller function: write def make_controller(): ... return controller in the team file.",
        )
    return None


__all__ = [
    "PRACTICE_SEEDS",
    "SEEDS",
    "CapstoneScore",
    "SeedScore",
    "hidden_seeds",
    "practice",
    "reference_run",
    "score",
]
