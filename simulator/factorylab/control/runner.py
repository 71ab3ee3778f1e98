"""Running a controller: the same function fast-forward or live.

A controller is a function called once per scan with the line and the line's
simulated time ``t`` (s). What a scan must remember for the next one lives
best in ``m``, the run's memory (like a PLC's internal relays: every name
starts at 0, which is also off)::

    def controller(line, t, m):
        if line.panel.start:
            m["running"] = True
        if line.panel.stop or not line.panel.safety_ok:
            m["running"] = False
        line.conveyor1.run = m["running"]

    result = factorylab.run(controller, line, seconds=60)

``controller(line, t)`` with state in module variables, a closure, an object
with ``__call__`` or PLC blocks works as well, and so does a function with no
arguments that makes a controller. Every run on a new line is a *cold start*,
like a PLC after power-up: ``m`` is empty, PLC blocks are at zero and the
controller's variables are back to how they were when FactoryLab first met
it (see :mod:`factorylab.control.memory`); running again on the same line
continues where the last run stopped.

A scan must not wait: one that takes more than 0.5 s of wall time is stopped
by a watchdog, and a Python error in the controller is told in plain words
with the student's own line.

On a local line, :func:`run` steps the plant between scans and never sleeps
(fast-forward, thousands of times real time). On a remote line it paces to
the wall clock, reading every tag at the start of a scan and writing the
outputs at its end, like a PLC, and counts scans that overran.
"""

from __future__ import annotations

import math
import numbers
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..console import fit
from ..errors import FactoryLabError
from ..i18n import current_language
from ..plant.line import COUNTERS, oee_figures
from ..tags import Tag, plant_values
from . import plc
from .line import Line, LocalLine, RemoteLine
from .memory import Program, program_for
from .student import ScanTimeout, Watchdog, student_error

Controller = Callable[[Line, float], Any]

#: Counters of the production device that a run reports as differences.
_COUNTS = COUNTERS

#: Outputs that must be off while the safety relay is tripped (an E-stop).
_POWER_OUTPUTS = ("feeder.run", "conveyor1.run", "conveyor2.run", "cnc.run", "sorter.extend")
_ANALOG_OUTPUTS = ("oven.heater", "tank.inflow")
#: seconds a running feeder waits for conveyor1's running feedback before it counts as an interlock violation
FEEDBACK_GRACE = 0.5
#: seconds of wall time between two pictures of a live plot on a remote line
LIVE_EVERY = 1.0


@dataclass
class Result:
    """What a run produced.

    Attributes:
        history: pandas DataFrame, one row per recording (index ``t``, the
            line's simulated time, s), one column per tag.
        kpis: the run's key figures (see :meth:`summary`).
        events: pandas DataFrame of what happened (time, kind, part, detail).
        faults: pandas DataFrame of the faults during the run with their
            ground-truth label, target, start and end (local lines only: a
            remote line does not reveal them).
        scans: controller calls made.
        overruns: scans that took longer than the scan time (remote lines).
        scan_lateness: seconds each scan started after its due time (remote).
        live: the run's live plot (``run(..., live=...)``), else None; its
            ``figure`` is the last picture.
    """

    history: Any
    kpis: dict[str, Any]
    events: Any
    faults: Any
    scans: int
    overruns: int = 0
    scan_lateness: list[float] = field(default_factory=list)
    mode: str = "local"
    notes: list[tuple[str, str]] = field(default_factory=list)
    live: Any = None

    def plot(self, tags: str | Iterable[str] | None = None, *, ax: Any = None, lang: str | None = None) -> Any:
        """Draw the recorded history: each tag over the run's time ``t`` (s).

        On/off tags are steps of 0 and 1, stacked in one subplot; numbers get
        a subplot per unit (the unit from the tag table on the y axis);
        an enumeration (``production.state``) its own, its states named.
        Titles and labels are in ``lang`` (default: the current language),
        Hangul in FactoryLab's Korean font.

        Args:
            tags: tag names to draw, each recorded in the history (one name
                as text works too). None: every recorded tag but the line's
                bookkeeping (``system.*``, ``production.*``, ``orders.*``,
                ``operator.*``).
            ax: a matplotlib Axes to draw into (the tags must then fit one
                subplot: all on/off, or all of one unit), or a list of Axes,
                one per subplot. None: a new figure.
            lang: ``"ko"`` or ``"en"``.

        Returns:
            The matplotlib Figure.
        """
        from ..plotting import draw_group, layout, tag_groups, time_label, use_korean_font

        lang = lang if lang in ("ko", "en") else current_language()
        names = self._plot_names(tags)
        groups = tag_groups(names)
        use_korean_font()
        if ax is None:
            figure, axes = layout(groups)
        else:
            axes = _axes_for(ax, len(groups))
            figure = axes[0].figure
        history = self.history
        for axis, group in zip(axes, groups, strict=True):
            draw_group(axis, group, history.index.to_numpy(dtype=float), history, lang)
        axes[-1].set_xlabel(time_label(lang))
        if ax is None:
            figure.suptitle(self._plot_title(lang), fontsize=10)
        return figure

    def _plot_names(self, tags: Any) -> list[str]:
        """The history's columns to draw; a clear error for a name it does not hold."""
        from ..plotting import default_tags

        history = self.history
        recorded = [str(name) for name in history.columns]
        if not recorded or len(history.index) == 0:
            raise FactoryLabError(
                "그릴 기록이 없습니다: 이 실행은 태그를 기록하지 않았습니다. record를 빼거나(모든 태그) "
                'record=["oven.temperature"]처럼 태그를 주고 다시 실행하세요.',
                "there is nothing to draw: this run recorded no tags. Run again without record (every tag) or with "
                'record=["oven.temperature"].',
            )
        if tags is None:
            return default_tags(recorded)
        names = [tags] if isinstance(tags, str) else _names_or_none(tags)
        if names is None or not names:
            raise FactoryLabError(
                f'tags 에는 그릴 태그 이름(또는 그 목록)을 주세요: result.plot(["oven.temperature"]) (입력: {tags!r:.60})',
                f'tags takes a tag name or a list of them: result.plot(["oven.temperature"]) (got {tags!r:.60})',
            )
        for name in names:
            if name not in recorded:
                raise _not_recorded(name, recorded)
        return list(dict.fromkeys(names))

    def _plot_title(self, lang: str) -> str:
        history = self.history
        start, end = float(history.index[0]), float(history.index[-1])
        if lang == "ko":
            mode = "빨리감기" if self.mode == "local" else "실시간"
            return f"실행 기록: {start:g}~{end:g}초 ({mode})"
        mode = "fast-forward" if self.mode == "local" else "live"
        return f"run history: {start:g} to {end:g} s ({mode})"

    def summary(self, lang: str | None = None) -> str:
        """The key figures as short text in ``lang`` (default: the current language)."""
        k = self.kpis
        lang = lang or current_language()
        if lang == "ko":
            lines = [
                f"실행: {k['seconds']:.0f} s ({'빨리감기' if self.mode == 'local' else '실시간'}), 스캔 {self.scans}회"
                + (f", 초과 {self.overruns}회" if self.mode == "remote" else ""),
                f"부품: 투입 {k['parts_in']}, 배출 {k['parts_out']}, 불량함 {k['rejected']}, 양품 {k['good']}, "
                f"오분류 {k['missorted']}, 불량률 {k['defect_rate']:.1f} %",
                f"OEE {k['oee']:.1f} % = 가용성 {k['availability']:.1f} % x 성능 {k['performance']:.1f} % x "
                f"품질 {k['quality']:.1f} %",
                f"경보 {k['alarms']}회, 비상정지 중 출력 {k['estop_violations']}회, 인터록 위반 {k['interlock_violations']}회, "
                f"고장 {k['faults']}건",
            ]
        else:
            lines = [
                f"run: {k['seconds']:.0f} s ({'fast-forward' if self.mode == 'local' else 'live'}), {self.scans} scans"
                + (f", {self.overruns} overruns" if self.mode == "remote" else ""),
                f"parts: in {k['parts_in']}, out {k['parts_out']}, rejected {k['rejected']}, good {k['good']}, "
                f"mis-sorted {k['missorted']}, defect rate {k['defect_rate']:.1f} %",
                f"OEE {k['oee']:.1f} % = availability {k['availability']:.1f} % x performance "
                f"{k['performance']:.1f} % x quality {k['quality']:.1f} %",
                f"alarms {k['alarms']}, outputs on during E-stop {k['estop_violations']}, "
                f"interlock violations {k['interlock_violations']}, faults {k['faults']}",
            ]
        lines.extend(ko if lang == "ko" else en for ko, en in self.notes)
        return fit("\n".join(lines))  # stand-ins for what sys.stdout cannot show (a cp949 pipe)

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        import html

        lang = current_language()
        rows = "".join(f"<li>{html.escape(line)}</li>" for line in self.summary(lang).splitlines())
        hint = (
            "result.history(기록), result.events(사건), result.faults(고장)를 살펴보세요."
            if lang == "ko"
            else "Look at result.history, result.events and result.faults."
        )
        return (
            "<div class='factorylab-result' style='border-left:4px solid #3949ab;background:#f1f3fb;padding:8px 12px;"
            f"font-family:sans-serif'><ul style='margin:0 0 0 18px;padding:0'>{rows}</ul>"
            f"<div style='color:#555;font-size:90%'>{html.escape(hint)}</div></div>"
        )


def run(
    controller: Controller,
    line: Line,
    seconds: float,
    scan: float = 0.05,
    *,
    record: Iterable[str] | None = None,
    record_every: float = 1.0,
    store: str | Path | None = None,
    live: bool | str | Iterable[str] | None = None,
) -> Result:
    """Call ``controller(line, t)`` every ``scan`` seconds for ``seconds``.

    Args:
        controller: a function (or object with ``__call__``) taking the line
            and its simulated time, s.
        line: from :func:`factorylab.connect`, local or remote.
        seconds: how long to run, simulated seconds.
        scan: the scan time, s; a multiple of the plant's 0.05 s step.
        record: tag names to keep in the history, each once (None: all tags;
            ``[]``: none; one name as text, ``"oven.temperature"``: that tag).
        record_every: seconds between history rows, above 0 (rounded to a
            multiple of ``scan``; less than ``scan``: every scan).
        store: also write the history to this SQLite file as it is recorded
            (see :mod:`factorylab.data`), so it survives a crash. A folder or
            a path that cannot take the file is told before the run starts.
        live: draw tags over time in a Jupyter notebook: ``True`` (the tags
            ``result.plot()`` would draw) or tag names (``"oven.temperature"``
            or a list). On a remote line the picture is updated about once a
            second of wall time while the run goes on (drawn beside the scan
            loop, which does not wait for it); on a local line, which runs in
            a moment, it is drawn once at the end. Outside Jupyter (a plain
            script) nothing is shown and a note in the result says so.
            ``result.live.figure`` is the last picture.

    Returns:
        A :class:`Result` with history, KPIs, events and faults.

    KPIs count what happened during this run only, from the production
    counters as their tags read them (the same on a local and a remote line;
    times to 0.1 s). ``estop_violations`` are
    scans in which an output stayed on while the safety relay was tripped
    (a real program switches its outputs off, so nothing restarts on reset);
    ``interlock_violations`` are scans in which the feeder had run for
    FEEDBACK_GRACE (0.5 s) or longer while conveyor1 stood (so a program that
    starts both at once is fine) or the tank filled above its high-level switch; ``alarms`` count the times
    the controller switched the red lamp or the buzzer on.
    """
    program = program_for(controller)  # a clear error for something that is not a controller
    if not isinstance(line, (LocalLine, RemoteLine)):
        raise FactoryLabError(
            f"line에는 factorylab.connect()가 돌려준 라인을 넘기세요: run(controller, line, 60) (입력: {line!r:.60})",
            f"pass a line from factorylab.connect(): run(controller, line, 60) (got {line!r:.60})",
        )
    if not (_is_number(seconds) and seconds > 0 and math.isfinite(seconds)):
        raise FactoryLabError(
            f"seconds는 몇 초 동안 돌릴지, 0보다 큰 숫자입니다 (예: 60; 입력: {seconds!r})",
            f"seconds is how long to run, a number above 0 (e.g. 60; got {seconds!r})",
        )
    step = 0.05
    ticks_per_scan = round(scan / step) if _is_number(scan) and math.isfinite(scan) else 0
    if ticks_per_scan < 1 or abs(ticks_per_scan * step - scan) > 1e-9:
        raise FactoryLabError(
            f"scan은 0.05초의 배수여야 합니다 (예: 0.05, 0.1, 0.5; 입력: {scan!r})",
            f"scan must be a multiple of 0.05 s (e.g. 0.05, 0.1, 0.5; got {scan!r})",
        )
    if not (_is_number(record_every) and record_every > 0 and math.isfinite(record_every)):
        raise FactoryLabError(
            f"record_every는 기록 간격, 0보다 큰 초입니다 (예: record_every=1; 입력: {record_every!r})",
            f"record_every is the time between history rows, a number of seconds above 0 "
            f"(e.g. record_every=1; got {record_every!r})",
        )
    seconds, scan = float(seconds), float(scan)  # numpy numbers become plain floats
    scans = max(1, round(seconds / scan))
    record_tags = list(line.tags) if record is None else [_tag(line, name) for name in _record_names(record)]
    if store is not None and not record_tags:
        raise FactoryLabError(
            "store에 기록하려면 record에 태그를 하나 이상 주세요 (또는 record를 빼면 모든 태그)",
            "to record into store, give record at least one tag (or leave record out: every tag)",
        )
    if store is not None:
        _check_store(store)
    live_plot = _live_plot(line, live, record_tags, seconds)
    every = max(1, round(record_every / scan))
    program.begin(line)
    token = plc.CURRENT_RUN.set(program.clock)
    t = line.time if isinstance(line, LocalLine) else None
    try:
        with Watchdog() as dog:
            result = _run(program, dog, line, scans, ticks_per_scan, scan, record_tags, every, store, live_plot)
    except _StudentFailure as failure:
        raise _explain(failure.error, failure.t) from None
    except ScanTimeout as error:  # it arrived just after the scan: still the scan's fault
        raise _explain(error, t) from None
    finally:
        plc.CURRENT_RUN.reset(token)
        if live_plot is not None:
            live_plot.stop()  # its drawing thread ends with the run, whatever happened
        program.end(line.time if isinstance(line, LocalLine) else (program.clock.t or 0.0))
    if program.clock.made_in_scans > 20:
        result.notes.append(_BLOCK_IN_SCAN)
    if live_plot is not None:
        live_plot.finish()
        result.live = live_plot
        if not live_plot.shown:
            result.notes.append(_LIVE_NEEDS_JUPYTER)
    return result


class _StudentFailure(Exception):
    """An exception raised inside the student's controller, with the scan's time."""

    def __init__(self, error: BaseException, t: float) -> None:
        super().__init__(str(error))
        self.error = error
        self.t = t


def _explain(error: BaseException, t: float | None) -> FactoryLabError:
    if isinstance(error, NotImplementedError) and not isinstance(error, FactoryLabError):
        return FactoryLabError(
            "아직 컨트롤러를 완성하지 않았습니다: '# YOUR CODE HERE' 부분을 채우고 raise NotImplementedError 줄을 지우세요.",
            "the controller is not written yet: fill in '# YOUR CODE HERE' and delete the 'raise NotImplementedError' line.",
        )
    return student_error(error, t)


_LIVE_NEEDS_JUPYTER = (
    "참고: live 그래프는 주피터 노트북에서만 보입니다. 스크립트에서는 result.plot()으로 그리고 "
    'plt.savefig("run.png")로 저장하세요.',
    "Note: the live plot shows in a Jupyter notebook only. In a script, draw with result.plot() and save it with "
    'plt.savefig("run.png").',
)


def _live_plot(line: Line, live: Any, record_tags: list[Tag], seconds: float) -> Any:
    """The run's LivePlot for ``live`` (None when off); a clear error for a wrong tag name or value."""
    if live is None or live is False:
        return None
    from ..plotting import LivePlot, default_tags

    if live is True:
        names = default_tags([tag.name for tag in record_tags] or [tag.name for tag in line.tags])
    else:
        names = [live] if isinstance(live, str) else _names_or_none(live)
        if not names:
            raise FactoryLabError(
                f'live 에는 True 나 그릴 태그 이름(또는 그 목록)을 주세요: live=["oven.temperature", "oven.heater"] '
                f"(입력: {live!r:.60})",
                f'live takes True or a tag name or a list of them: live=["oven.temperature", "oven.heater"] '
                f"(got {live!r:.60})",
            )
    tags = [_tag(line, name) for name in dict.fromkeys(names)]  # a wrong name: told, with a suggestion
    lang = current_language()
    if lang == "ko":
        title = f"{'빨리감기' if line.is_local else '실시간'} 실행: {seconds:g}초"
    else:
        title = f"{'fast-forward' if line.is_local else 'live'} run: {seconds:g} s"
    return LivePlot(tags, title, lang)


def _names_or_none(names: Any) -> list[str] | None:
    """``names`` as a list if it is an iterable of texts (not one text), else None."""
    if isinstance(names, (str, bytes)):
        return None
    try:
        listed = list(names)
    except TypeError:
        return None
    return listed if all(isinstance(name, str) for name in listed) else None


def _not_recorded(name: str, recorded: list[str]) -> FactoryLabError:
    """The error for plotting a tag the history does not hold."""
    import difflib

    from ..tags import ALL_TAGS

    if name in ALL_TAGS:
        return FactoryLabError(
            f'{name} 태그는 이 실행에서 기록되지 않았습니다. run(..., record=[..., "{name}"])처럼 record에 넣고 '
            "다시 실행하세요.",
            f'{name} was not recorded in this run. Add it to record (run(..., record=[..., "{name}"])) and run again.',
        )
    close = difflib.get_close_matches(name, recorded, n=1)
    hint_ko = f" 혹시 '{close[0]}'인가요?" if close else ""
    hint_en = f" Did you mean '{close[0]}'?" if close else ""
    return FactoryLabError(
        f"'{name}' 태그는 기록에 없습니다.{hint_ko} 기록된 태그는 result.history.columns에 있습니다.",
        f"there is no tag '{name}' in the history.{hint_en} The recorded tags are in result.history.columns.",
    )


def _axes_for(ax: Any, count: int) -> list[Any]:
    """``ax`` (one Axes or a list of them) as a list of ``count`` Axes; a clear error otherwise."""
    axes = list(ax.flat) if hasattr(ax, "flat") else list(ax) if isinstance(ax, (list, tuple)) else [ax]
    if len(axes) != count or not all(hasattr(axis, "step") and hasattr(axis, "figure") for axis in axes):
        raise FactoryLabError(
            f"이 태그들은 그래프 {count}개에 나뉘어 그려집니다(켜짐/꺼짐, 단위마다 하나). ax 에는 matplotlib Axes "
            f"{count}개의 목록을 주거나, ax를 빼고 새 그림에 그리세요.",
            f"these tags take {count} subplot(s) (one for on/off tags, one per unit): give ax a list of {count} "
            "matplotlib Axes, or leave ax out for a new figure.",
        )
    return axes


_BLOCK_IN_SCAN = (
    "참고: PLC 블록(plc.TON 등)이 스캔마다 새로 만들어져서 시간을 세지 못합니다. 블록은 컨트롤러 함수 밖에서 한 번만 만드세요.",
    "Note: a PLC block (plc.TON and the like) is made anew in every scan, so it never counts. Make each block once, "
    "outside the controller function.",
)


def _call(call: Callable[[Line, float], Any], line: Line, t: float, dog: Watchdog) -> None:
    """One scan of the student's program, watched; its errors become _StudentFailure."""
    dog.beat += 1
    dog.busy = True
    try:
        call(line, t)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:
        raise _StudentFailure(error, t) from error
    finally:
        dog.busy = False


def _run(program, dog, line, scans, ticks_per_scan, scan, record_tags, every, store, live_plot=None) -> Result:
    historian = None
    if store is not None:
        from ..data.historian import Historian

        meta = {"scenario": line.scenario.id, "mode": "local" if line.is_local else "remote", "scan": scan}
        if isinstance(line, LocalLine):
            meta["seed"] = line.plant.seed
            meta["variant"] = line.plant.variant.number
        # a full disk stops the recording, not the run: the result's notes tell it
        historian = Historian(store, record_tags, meta, on_stop=lambda error: None)
    try:
        if isinstance(line, LocalLine):
            result = _run_local(
                program, dog, line, scans, ticks_per_scan, scan, record_tags, every, historian, live_plot
            )
        else:
            result = _run_remote(program, dog, line, scans, scan, record_tags, every, historian, live_plot)
    finally:
        if historian is not None:
            historian.close()
    if historian is not None and historian.stopped is not None:
        result.notes.append((historian.stopped.ko, historian.stopped.en))
    return result


def _tag(line: Line, name: str) -> Tag:
    line.info(name)  # raises a clear error for a wrong name
    return line.tags[name]


def _is_number(value: Any) -> bool:
    """True for a Python or numpy number (not a bool, not text)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)  # numpy's bool is no numbers.Real


def _record_names(record: Any) -> list[str]:
    """The tag names ``record`` asks for: one name, or a list (tuple, set ...) of names, each once."""
    if isinstance(record, str):
        return [record]  # record="conveyor1.run": that one tag, not its letters
    try:
        names = list(record)
    except TypeError:
        names = None
    if names is None or not all(isinstance(name, str) for name in names):
        raise FactoryLabError(
            f'record 에는 태그 이름의 목록을 주세요: record=["conveyor1.run", "oven.temperature"] (입력: {record!r})',
            f'record takes a list of tag names: record=["conveyor1.run", "oven.temperature"] (got {record!r})',
        )
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise FactoryLabError(
            f"record에 같은 태그가 두 번 있습니다: {', '.join(twice)}. 태그마다 한 번만 적으세요.",
            f"record names a tag more than once: {', '.join(twice)}. Name each tag once.",
        )
    return names


def _check_store(store: Any) -> None:
    """A clear error, before the run, unless ``store`` is a file the history can go into."""
    if not isinstance(store, (str, os.PathLike)) or not str(store).strip():
        raise FactoryLabError(
            f'store 에는 기록할 SQLite 파일 이름을 주세요: store="run.sqlite" (입력: {store!r})',
            f'store takes the name of an SQLite file to record into: store="run.sqlite" (got {store!r})',
        )
    from ..data.historian import check_path

    check_path(store)  # a folder, a missing folder, a read-only or foreign file: told now


#: The tags the watcher reads every scan, in one go (the others only when they matter).
_WATCHED = (
    "stack_light.red",
    "stack_light.buzzer",
    "panel.safety_ok",
    "feeder.run",
    "conveyor1.running",
    "tank.inflow",
)


class _Watch:
    """Counts alarms and violations from the line's tags, scan by scan.

    The same code on a local and a remote line: it reads through the tag
    table (what a controller sees, stuck sensors included). The tags it
    needs every scan are read in one call (``Line._values``), the others
    only when they matter, so a fast-forward scan stays cheap. A tag the
    scenario lacks (no stack light, no tank ...) is simply not watched.
    """

    def __init__(self, line: Line) -> None:
        tags = line.tags
        watched = [name for name in _WATCHED if name in tags]
        at = {name: position for position, name in enumerate(watched)}
        self._values = line._values([tags[name] for name in watched])
        self._red = at.get("stack_light.red")
        assert self._red is None or at["stack_light.buzzer"] == self._red + 1  # the panel brings both lamps
        self._safety = at.get("panel.safety_ok")
        self._feeder = at.get("feeder.run")
        self._belt = at.get("conveyor1.running")  # there whenever the feeder is
        self._inflow = at.get("tank.inflow")
        self._inflow_rule = tags["tank.inflow"].quantize if "tank.inflow" in tags else None
        self._high = line._reader(tags["tank.high"]) if "tank.high" in tags else None
        self._power = tuple(line._reader(tags[name]) for name in _POWER_OUTPUTS if name in tags)
        self._analog = tuple(line._reader(tags[name]) for name in _ANALOG_OUTPUTS if name in tags)
        self.alarms = self.estop = self.interlocks = 0
        self._alarm_was = False
        self._feeding_since: float | None = None

    def check(self, t: float) -> None:
        """Look at the line after the controller's scan at time ``t`` (s)."""
        values = self._values()  # bits: truthy when the tag reads True; tank.inflow before its rule
        red = self._red
        if red is not None:
            alarm = True if values[red] or values[red + 1] else False
            if alarm and not self._alarm_was:
                self.alarms += 1
            self._alarm_was = alarm
        safety = self._safety
        if safety is not None and not values[safety]:
            if any(read() for read in self._power) or any(read() > 0 for read in self._analog):
                self.estop += 1
        feeder = self._feeder
        if feeder is not None and values[feeder]:
            # the feeder has run for FEEDBACK_GRACE seconds (the belt's time to answer) and the belt stands
            if self._feeding_since is None:
                self._feeding_since = t
            if t - self._feeding_since >= FEEDBACK_GRACE and not values[self._belt]:
                self.interlocks += 1
                return
        else:
            self._feeding_since = None
        inflow = self._inflow
        if inflow is not None:
            flow = values[inflow]  # the tag reads above 0 only if this is (the rule keeps 0 at 0)
            if flow > 0 and self._inflow_rule(flow) > 0 and self._high():
                self.interlocks += 1


def _counters(line: Line) -> dict[str, Callable[[], Any]]:
    """Readers of the production counters a run reports, and of the ideal cycle time."""
    names = [*_COUNTS, "ideal_cycle_time"]
    return {name: line._reader(line.tags[f"production.{name}"]) for name in names}


def _kpis(start: dict[str, float], end: dict[str, float], ideal_cycle: float, seconds: float) -> dict[str, Any]:
    """The run's KPIs from the counters (as their tags read) at its start and end."""
    d = {name: end[name] - start[name] for name in _COUNTS}
    finished = d["parts_out"] + d["parts_rejected"]
    planned = seconds
    figures = oee_figures(
        run_time=d["run_time"],
        idle_time=d["idle_time"],
        finished=finished,
        good=d["parts_good"],
        planned_time=planned,
        ideal_cycle_time=ideal_cycle,
    )
    defects = finished - d["parts_good"]
    return {
        "seconds": seconds,
        "parts_in": int(d["parts_in"]),
        "parts_out": int(d["parts_out"]),
        "rejected": int(d["parts_rejected"]),
        "good": int(d["parts_good"]),
        "missorted": int(d["parts_missorted"]),
        "defects": int(defects),
        "defect_rate": 100.0 * defects / finished if finished else 0.0,
        "defects_by_cause": {
            cause: int(d[f"defects_{cause}"]) for cause in ("machining", "dimension", "overheated", "soft")
        },
        "planned_time": planned,
        "run_time": d["run_time"],
        "idle_time": d["idle_time"],
        "stop_time": d["stop_time"],
        "down_time": d["down_time"],
        "ideal_cycle_time": ideal_cycle,
        "availability": figures.availability,
        "performance": figures.performance,
        "quality": figures.quality,
        "oee": figures.oee,
    }


def _frame(times: list[float], rows: list[Any], tags: list[Tag], raw: bool = False):
    """The history DataFrame. With ``raw``, rows hold plant values that still
    need what a register does to them (clamp to the range, round to 1/scale),
    done here on whole columns at once by the tag table (Tag.quantize_column)."""
    import numpy as np
    import pandas as pd

    index = pd.Index(times, name="t", dtype=float)
    names = [tag.name for tag in tags]
    if not raw or not rows:
        return pd.DataFrame(list(rows), columns=names, index=index)
    table = np.array(rows, dtype=float).reshape(len(rows), len(tags))
    columns = {tag.name: tag.quantize_column(table[:, position]) for position, tag in enumerate(tags)}
    return pd.DataFrame(columns, index=index)


def _run_local(
    program: Program,
    dog: Watchdog,
    line: LocalLine,
    scans: int,
    ticks_per_scan: int,
    scan: float,
    record_tags: list[Tag],
    every: int,
    historian: Any = None,
    live_plot: Any = None,
) -> Result:
    import pandas as pd

    plant = line.plant
    live_values = line._values(live_plot.tags) if live_plot is not None else None
    readers = [tag.reader for tag in record_tags]
    counters = _counters(line)
    start = {name: read() for name, read in counters.items()}
    t0 = plant.time
    # the plant keeps only its newest events: gather this run's as they come, scan by scan
    event_log = plant.events
    events_seen = event_log.total
    run_events: list[Any] = []
    events_lost = 0
    faults_from = len(plant.faults.log)
    # one generated call captures a row of plant values (a stuck sensor as it reads); _frame rounds them like registers
    capture = plant_values(record_tags) if record_tags else None
    watch = _Watch(line)
    check = watch.check
    step = plant.step
    clock = program.clock
    call = program.call
    times: list[float] = []
    rows: list[list[Any]] = []
    for index in range(scans):
        t = plant.time
        if index % every == 0 and capture is not None:
            times.append(round(t, 6))
            rows.append(capture(plant))
            if historian is not None:
                historian.record(t, [reader(plant) for reader in readers])
        if live_values is not None:
            live_plot.add(t, live_values())
        clock.scan += 1
        clock.t = t
        _call(call, line, t, dog)
        check(t)
        for _ in range(ticks_per_scan):
            step()
        if event_log.total != events_seen:
            events_lost += event_log.lost_since(events_seen)  # only if one scan made EVENTS_KEPT events
            run_events += event_log.since(events_seen)
            events_seen = event_log.total
    seconds = plant.time - t0
    end = {name: read() for name, read in counters.items()}
    kpis = _kpis(start, end, end["ideal_cycle_time"], seconds)
    faults = [f for f in plant.faults.log[faults_from:]] + [
        f for f in plant.faults.log[:faults_from] if f.end is None or f.end > t0
    ]
    kpis.update(alarms=watch.alarms, estop_violations=watch.estop, interlock_violations=watch.interlocks)
    kpis["faults"] = len(faults)
    events = pd.DataFrame(
        [(e.time, e.kind, e.part, e.detail) for e in run_events],
        columns=["t", "kind", "part", "detail"],
    )
    fault_frame = pd.DataFrame(
        [(f.label, f.target, f.start, f.end) for f in faults],
        columns=["label", "target", "start", "end"],
    )
    result = Result(_frame(times, rows, record_tags, raw=True), kpis, events, fault_frame, scans, mode="local")
    if events_lost:
        result.notes.append(
            (
                f"참고: 한 스캔 동안 라인이 보관하는 것보다 많은 사건이 일어나 {events_lost}건은 result.events에 없습니다.",
                f"Note: more events came within one scan than the line keeps; result.events lacks {events_lost} of them.",
            )
        )
    return result


def _run_remote(
    program: Program,
    dog: Watchdog,
    line: RemoteLine,
    scans: int,
    scan: float,
    record_tags: list[Tag],
    every: int,
    historian: Any = None,
    live_plot: Any = None,
) -> Result:
    import pandas as pd

    counters = _counters(line)
    live_values = line._values(live_plot.tags) if live_plot is not None else None
    line.refresh()
    start = {name: read() for name, read in counters.items()}
    sim_start = line.time
    line.flush()
    watch = _Watch(line)
    times: list[float] = []
    rows: list[list[Any]] = []
    events: list[tuple] = []
    lateness: list[float] = []
    overruns = 0
    state_tag = line.tags["production.state"]
    last_state = None
    clock = time.perf_counter
    due = clock()
    live_due = due + LIVE_EVERY
    if live_plot is not None:
        live_plot.start()
    try:
        for index in range(scans):
            now = clock()
            lateness.append(max(0.0, now - due))
            line.refresh()
            t = line.time
            if index % every == 0 and record_tags:
                times.append(round(t, 6))
                rows.append([line._read(tag) for tag in record_tags])
                if historian is not None:
                    historian.record(t, rows[-1])
            if live_values is not None:
                live_plot.add(t, live_values())
                if now >= live_due:  # a new picture at most once a second; drawn by the plot's own thread
                    live_plot.request()
                    live_due = now + LIVE_EVERY
            state = line._read(state_tag)
            if state != last_state:
                events.append((t, "state", None, str(state)))
                last_state = state
            program.clock.next_scan(t)
            _call(program.call, line, t, dog)
            watch.check(t)
            line.flush()
            due += scan
            remaining = due - clock()
            if remaining > 0:
                time.sleep(remaining)
            else:
                overruns += 1
                if -remaining > scan:  # far behind: start counting again from now
                    due = clock()
    finally:
        line._image = None
        line._pending = {}
    line.refresh()
    end = {name: read() for name, read in counters.items()}
    seconds = line.time - sim_start
    line.flush()
    kpis = _kpis(start, end, end["ideal_cycle_time"], seconds)
    kpis.update(alarms=watch.alarms, estop_violations=watch.estop, interlock_violations=watch.interlocks, faults=0)
    return Result(
        _frame(times, rows, record_tags),
        kpis,
        pd.DataFrame(events, columns=["t", "kind", "part", "detail"]),
        pd.DataFrame([], columns=["label", "target", "start", "end"]),
        scans,
        overruns,
        lateness,
        mode="remote",
    )
