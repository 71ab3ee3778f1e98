"""What a check says: findings, the verdict, and how it is shown (text, HTML, a plot).

Every finding follows the same rules: what happened, when ("0.7초에" / "at
0.7 s"), on which tag, and one next step; at most two sentences; only the
failing seed's own times.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from ...console import fit
from ...errors import FactoryLabError
from ...i18n import current_language

#: Findings shown per result (the rest are counted).
SHOWN = 3


def at(t: float | None) -> tuple[str, str]:
    """'0.7초에' / 'at 0.7 s' (empty strings for no time)."""
    if t is None:
        return "", ""
    return f"{t:.1f}초에", f"at {t:.1f} s"


@dataclass
class Finding:
    """One thing the check saw go wrong.

    Attributes:
        code: which mistake this is (``seal_in.start_dominant``); tests and the
            attempt log use it, students read the text.
        ko, en: what happened (when, which tag), in one sentence.
        next_ko, next_en: the one next step, in one sentence.
        t: when it happened, simulated s (None if not at one time).
        tag: the tag concerned.
        seed: which hidden run (1-based) showed it.
        detail: more for those who want it (a traceback of the student's code).
    """

    code: str
    ko: str
    en: str
    next_ko: str = ""
    next_en: str = ""
    t: float | None = None
    tag: str | None = None
    seed: int | None = None
    detail: str = ""

    def text(self, lang: str) -> str:
        """The finding as one or two sentences in ``lang``."""
        what, step = (self.ko, self.next_ko) if lang == "ko" else (self.en, self.next_en)
        what = what.strip()
        if what and what[-1] not in ".!?":
            what += "."
        if not step:
            return _capital(what, lang)
        step = step.strip()
        if step[-1] not in ".!?)":
            step += "."
        return f"{_capital(what, lang)} {_capital(step, lang)}"


def _capital(text: str, lang: str) -> str:
    """English sentences start with a capital, unless they start with a name from code (``conveyor1.run``)."""
    if lang != "en" or not text:
        return text
    first = text.split(" ", 1)[0]
    if any(c in first for c in "._()`'=") or any(c.isdigit() for c in first):
        return text
    return text[:1].upper() + text[1:]


@dataclass
class Trace:
    """The failing run, for :meth:`CheckResult.plot`: signals over time and what was expected.

    Attributes:
        t: times, s.
        inputs: name -> values (what the controller read).
        outputs: name -> values (what the controller wrote).
        expected: output name -> expected values (None where anything goes).
        marks: times to mark (the findings).
    """

    t: list[float]
    inputs: dict[str, list[Any]]
    outputs: dict[str, list[Any]]
    expected: dict[str, list[Any]] = field(default_factory=dict)
    marks: list[float] = field(default_factory=list)


@dataclass
class Item:
    """One item of a quiz or one value of a value check, with its verdict."""

    name: str
    given: Any
    right: bool
    reason_ko: str = ""
    reason_en: str = ""


@dataclass
class CheckResult:
    """The verdict of a check. True when passed: ``if result: ...``.

    Attributes:
        check: the check's name.
        kind: ``behaviour``, ``value``, ``quiz``, ``scored`` or ``model``.
        passed: the verdict.
        findings: what went wrong (the first few are shown).
        seeds: how many hidden runs or datasets were used.
        score: for scored and model checks, the student's score (see ``formula``).
        threshold: the score needed to pass.
        baselines: name -> score of each published baseline.
        formula: how the score is computed, (ko, en).
        items: per-item verdicts (quiz and value checks).
        trace: the failing run (behaviour checks) for :meth:`plot`.
        notes: extra lines, (ko, en).
    """

    check: str
    title_ko: str
    title_en: str
    passed: bool
    findings: list[Finding] = field(default_factory=list)
    seeds: int = 0
    kind: str = "behaviour"
    score: float | None = None
    threshold: float | None = None
    baselines: dict[str, float] = field(default_factory=dict)
    formula: tuple[str, str] | None = None
    unit: str = ""
    items: list[Item] = field(default_factory=list)
    trace: Trace | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.passed

    @property
    def codes(self) -> list[str]:
        """The codes of the findings (which mistakes were recognised)."""
        return [f.code for f in self.findings]

    def title(self, lang: str) -> str:
        return self.title_ko if lang == "ko" else self.title_en

    def _head(self, lang: str) -> str:
        title = self.title(lang)
        if self.passed:
            if self.kind == "behaviour":
                return (
                    f"✅ 통과: {title} (숨은 조건 {self.seeds}가지)"
                    if lang == "ko"
                    else f"✅ passed: {title} ({self.seeds} hidden runs)"
                )
            return f"✅ 통과: {title}" if lang == "ko" else f"✅ passed: {title}"
        return f"❌ 아직 아닙니다: {title}" if lang == "ko" else f"❌ not yet: {title}"

    def _score_lines(self, lang: str) -> list[str]:
        if self.score is None or self.threshold is None:
            return []
        unit = f" {self.unit}" if self.unit else ""
        lines = []
        if lang == "ko":
            lines.append(f"  점수: {self.score:.3g}{unit} (통과 기준 {self.threshold:.3g}{unit})")
            for name, value in self.baselines.items():
                lines.append(f"  기준선 '{name}': {value:.3g}{unit}")
        else:
            lines.append(f"  score: {self.score:.3g}{unit} (pass at {self.threshold:.3g}{unit})")
            for name, value in self.baselines.items():
                lines.append(f"  baseline '{name}': {value:.3g}{unit}")
        if self.formula:
            lines.append("  " + (self.formula[0] if lang == "ko" else self.formula[1]))
        return lines

    def message(self, lang: str | None = None) -> str:
        """The verdict and the first findings in ``lang`` (default: the current language).

        Characters ``sys.stdout`` cannot show (``✅`` on a cp949 pipe) get plain
        stand-ins (``○``), so printing never fails; see :mod:`factorylab.console`.
        """
        lang = lang or current_language()
        lines = [self._head(lang)]
        for finding in self.findings[:SHOWN]:
            lines.append("  - " + finding.text(lang))
        extra = len(self.findings) - SHOWN
        if extra > 0:
            lines.append(f"  (그 밖에 {extra}개 더)" if lang == "ko" else f"  (and {extra} more)")
        lines.extend(self._score_lines(lang))
        for ko, en in self.notes:
            lines.append("  " + (ko if lang == "ko" else en))
        return fit("\n".join(lines))

    def details(self, lang: str | None = None) -> str:
        """Everything: all findings with their details (a traceback of your code, for instance)."""
        lang = lang or current_language()
        lines = [self.message(lang)]
        for finding in self.findings:
            if finding.detail:
                lines.append("")
                lines.append(finding.detail)
        return fit("\n".join(lines))

    def __repr__(self) -> str:
        return self.message()

    def __str__(self) -> str:
        return self.message()

    def _repr_html_(self) -> str:
        lang = current_language()
        colour = "#1b7f3b" if self.passed else "#b3261e"
        background = "#eef8f0" if self.passed else "#fdeeee"
        parts = [
            f'<div class="factorylab-check" style="border-left:4px solid {colour};background:{background};'
            f'padding:8px 12px;margin:4px 0;font-family:sans-serif">',
            f'<div style="font-weight:bold;color:{colour}">{html.escape(self._head(lang))}</div>',
        ]
        if self.findings:
            parts.append("<ul style='margin:4px 0 4px 18px;padding:0'>")
            for finding in self.findings[:SHOWN]:
                parts.append(f"<li>{html.escape(finding.text(lang))}</li>")
            parts.append("</ul>")
            extra = len(self.findings) - SHOWN
            if extra > 0:
                parts.append(
                    f"<div>{html.escape(f'그 밖에 {extra}개 더' if lang == 'ko' else f'and {extra} more')}</div>"
                )
        if self.items:
            head = ("항목", "답", "") if lang == "ko" else ("item", "answer", "")
            parts.append("<table style='border-collapse:collapse;margin:4px 0'>")
            parts.append(
                "<tr>" + "".join(f"<th style='text-align:left;padding:2px 8px'>{h}</th>" for h in head) + "</tr>"
            )
            for item in self.items:
                mark = "✅" if item.right else "❌"
                reason = item.reason_ko if lang == "ko" else item.reason_en
                parts.append(
                    f"<tr><td style='padding:2px 8px'>{html.escape(str(item.name))}</td>"
                    f"<td style='padding:2px 8px'>{html.escape(str(item.given))}</td>"
                    f"<td style='padding:2px 8px'>{mark} {html.escape(reason)}</td></tr>"
                )
            parts.append("</table>")
        for line in self._score_lines(lang):
            parts.append(f"<div>{html.escape(line.strip())}</div>")
        for ko, en in self.notes:
            parts.append(f"<div>{html.escape(ko if lang == 'ko' else en)}</div>")
        details = [f.detail for f in self.findings if f.detail]
        if details:
            summary = "자세히" if lang == "ko" else "details"
            parts.append(
                f"<details><summary>{summary}</summary><pre style='white-space:pre-wrap'>"
                f"{html.escape(chr(10).join(details))}</pre></details>"
            )
        if self.trace is not None and not self.passed:
            hint = (
                "result.plot()으로 그래프를 볼 수 있습니다." if lang == "ko" else "result.plot() shows it as a graph."
            )
            parts.append(f"<div style='color:#555;font-size:90%'>{hint}</div>")
        parts.append("</div>")
        return "".join(parts)

    # --- the gap plot ----------------------------------------------------------------------------------
    def plot(self, lang: str | None = None, ax: Any = None) -> Any:
        """Plot the failing run: what the controller read, what it wrote, and what was expected.

        Each signal gets a strip; an expected output is drawn as a grey band
        behind the student's line, and the time of each finding is marked in
        red. Returns the matplotlib figure. Only behaviour checks that failed
        have a run to show.
        """
        lang = lang or current_language()
        trace = self.trace
        if trace is None:
            raise FactoryLabError(
                "그릴 실행 기록이 없습니다: 그래프는 동작 검사에서 통과하지 못했을 때 나옵니다.",
                "there is no run to draw: the plot exists when a behaviour check did not pass.",
            )
        import matplotlib.pyplot as plt

        from ...plotting import use_korean_font

        use_korean_font()
        signals = [(name, values, "input") for name, values in trace.inputs.items()] + [
            (name, values, "output") for name, values in trace.outputs.items()
        ]
        height = 0.9 * len(signals) + 1.2
        fig, axes = plt.subplots(len(signals), 1, sharex=True, figsize=(9, height), squeeze=False)
        for axis, (name, values, role) in zip(axes[:, 0], signals, strict=True):
            numeric = [float(v) if v is not None else float("nan") for v in values]
            expected = trace.expected.get(name)
            if expected is not None:
                wanted = [float(v) if v is not None else float("nan") for v in expected]
                axis.fill_between(
                    trace.t, wanted, step="post", color="#9e9e9e", alpha=0.35,
                    label="기대" if lang == "ko" else "expected",
                )  # fmt: skip
            colour = "#1565c0" if role == "input" else "#e65100"
            axis.step(trace.t, numeric, where="post", color=colour, linewidth=1.4)
            axis.set_ylabel(name, rotation=0, ha="right", va="center", fontsize=8)
            if all(v in (0.0, 1.0) or v != v for v in numeric):
                axis.set_yticks([0, 1])
                axis.set_ylim(-0.15, 1.25)
            for mark in trace.marks:
                axis.axvline(mark, color="#c62828", linewidth=1.0, linestyle="--")
            if expected is not None:
                axis.legend(loc="upper right", fontsize=7, frameon=False)
        axes[-1, 0].set_xlabel("시간 t (초)" if lang == "ko" else "time t (s)")
        first = self.findings[0].text(lang) if self.findings else ""
        fig.suptitle(self.title(lang) + ("\n" + _wrap(first) if first else ""), fontsize=9)
        fig.tight_layout()
        return fig


def _wrap(text: str, width: int = 90) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


__all__ = ["CheckResult", "Finding", "Item", "Trace", "at"]
