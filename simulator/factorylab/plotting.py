"""Plots with Hangul: registers FactoryLab's Korean font with matplotlib.

matplotlib's own fonts have no Hangul, so Korean labels come out as boxes.
:func:`use_korean_font` registers the font shipped with FactoryLab
(FactoryLab Gothic, a NanumGothic subset under the SIL Open Font License) and
makes it the default sans-serif font. ``import factorylab`` arranges it
(:func:`register_on_import`): at once if matplotlib is already imported,
otherwise the moment it is, so a student's own ``plt.title("온도")`` shows
Hangul without importing matplotlib (about a second) when no plot is made.

It also draws a run's tags over time: :func:`tag_groups`, :func:`layout` and
:func:`draw_group` (used by ``Result.plot``) and :class:`LivePlot` (the
picture ``run(..., live=...)`` updates in a notebook while a run goes on).
"""

from __future__ import annotations

import contextvars
import importlib.abc
import importlib.machinery
import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FONT_DIR = Path(__file__).parent / "view" / "fonts"
FONT_FILES = ("FactoryLabGothic-Regular.ttf", "FactoryLabGothic-Bold.ttf")


def use_korean_font() -> str:
    """Register the shipped Korean font with matplotlib (once) and use it; returns its family name."""
    import matplotlib
    from matplotlib import font_manager

    names = []
    known = {Path(f.fname).name for f in font_manager.fontManager.ttflist}
    for file in FONT_FILES:
        path = FONT_DIR / file
        if path.name not in known:
            font_manager.fontManager.addfont(str(path))
        names.append(font_manager.FontProperties(fname=str(path)).get_name())
    family = names[0]
    sans = list(matplotlib.rcParams["font.sans-serif"])
    if sans[:1] != [family]:
        matplotlib.rcParams["font.sans-serif"] = [family] + [name for name in sans if name != family]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False  # the font's minus sign, not U+2212
    return family


class _AfterMatplotlib(importlib.abc.MetaPathFinder):
    """Finds nothing itself: wraps matplotlib's own loader to register the font once it has loaded."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name != "matplotlib":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return None
        loader = spec.loader
        original = loader.exec_module

        def exec_module(module: Any) -> None:
            original(module)
            _remove_hook()
            try:
                use_korean_font()
            except Exception:  # noqa: BLE001 - a font problem must never break the student's import
                pass

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _remove_hook() -> None:
    sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, _AfterMatplotlib)]


def register_on_import() -> None:
    """Use the Korean font in matplotlib now if it is imported, else as soon as it is (once)."""
    if "matplotlib" in sys.modules:
        try:
            use_korean_font()
        except Exception:  # noqa: BLE001 - a broken matplotlib must not stop `import factorylab`
            pass
        return
    if not any(isinstance(finder, _AfterMatplotlib) for finder in sys.meta_path):
        sys.meta_path.insert(0, _AfterMatplotlib())


# --- a run's tags over time -----------------------------------------------------------------------------------------
#: Devices that keep the line's books (time, counters, orders, the operator's hands): a plot leaves them out
#: unless they are named or all there is.
BOOKKEEPING = ("system", "production", "orders", "operator")


@dataclass(frozen=True)
class TagGroup:
    """Tags drawn in one subplot.

    ``kind`` is ``bool`` (on/off tags as 0/1 steps, stacked in lanes),
    ``analog`` (numbers of one engineering unit, ``unit``, on the y axis) or
    ``state`` (one enumeration, its states named on the y axis).
    """

    kind: str
    unit: str
    names: tuple[str, ...]


def default_tags(names: Iterable[str]) -> list[str]:
    """The tags a plot shows when none are named: ``names`` without the bookkeeping devices (if any are left)."""
    names = list(names)
    signals = [name for name in names if name.split(".", 1)[0] not in BOOKKEEPING]
    return signals or names


def tag_groups(names: Iterable[str]) -> list[TagGroup]:
    """``names`` in subplots: all on/off tags in one, numbers one per unit (tag table order kept), each enumeration."""
    from .tags import ALL_TAGS

    bools: list[str] = []
    states: list[str] = []
    analog: dict[str, list[str]] = {}
    for name in names:
        tag = ALL_TAGS.get(name)
        if tag is not None and tag.type == "bool":
            bools.append(name)
        elif tag is not None and tag.states:
            states.append(name)
        else:
            analog.setdefault(tag.unit if tag is not None else "", []).append(name)
    groups = [TagGroup("bool", "", tuple(bools))] if bools else []
    groups += [TagGroup("analog", unit, tuple(group)) for unit, group in analog.items()]
    groups += [TagGroup("state", "", (name,)) for name in states]
    return groups


def _height(group: TagGroup) -> float:
    """Inches a group's subplot takes."""
    if group.kind == "bool":
        return 0.6 + 0.32 * len(group.names)
    return 2.2 if group.kind == "analog" else 1.4


def layout(groups: Sequence[TagGroup], figure: Any = None) -> tuple[Any, list[Any]]:
    """A figure with one subplot per group, stacked, sharing the time axis.

    ``figure``: a matplotlib Figure to fill; None makes a new one with
    pyplot (so it shows in a notebook and ``plt.show()`` shows it).
    Returns (figure, axes).
    """
    heights = [_height(group) for group in groups]
    size = (9.0, min(24.0, sum(heights) + 1.0))
    if figure is None:
        import matplotlib.pyplot as plt

        figure = plt.figure(figsize=size, layout="constrained")
    else:
        figure.set_size_inches(*size)
        figure.set_layout_engine("constrained")
    axes = figure.subplots(len(groups), 1, sharex=True, squeeze=False, height_ratios=heights)[:, 0]
    return figure, list(axes)


def _short(text: str) -> str:
    """A description without its bracketed detail: "Conveyor1 speed setpoint (100 % = 250 mm/s)" -> its start."""
    return text.split(" (", 1)[0]


#: lamps drawn in their own colour (so the amber lamp is never drawn red)
LAMP_COLOURS = {
    "stack_light.red": "#d32f2f",
    "stack_light.amber": "#ffa000",
    "stack_light.green": "#2e7d32",
    "stack_light.buzzer": "#6a1b9a",
}


def draw_group(axis: Any, group: TagGroup, times: Any, columns: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Draw one group's tags on ``axis``; returns tag name -> its Line2D (whose data are the tag's values).

    Stack-light lamps are drawn in their own colours (:data:`LAMP_COLOURS`).

    On/off tags are steps of 0 and 1, each lifted into its own lane by a
    transform (so a line's y data stay the tag's 0/1); written tags
    (outputs, settings) are steps, measured ones lines; the y axis shows
    the unit from the tag table, the title what the tags are.
    """
    from matplotlib.transforms import Affine2D

    from .tags import ALL_TAGS

    ko = lang == "ko"
    tags = {name: ALL_TAGS.get(name) for name in group.names}
    lines: dict[str, Any] = {}
    if group.kind == "bool":
        count = len(group.names)
        for lane, name in enumerate(group.names):
            lift = (count - 1 - lane) * 1.5  # the first tag on top
            axis.axhline(lift, color="#bdbdbd", linewidth=0.6, linestyle=":")  # the lane's 0 (off)
            shift = Affine2D().translate(0, lift) + axis.transData
            colour = {"color": LAMP_COLOURS[name]} if name in LAMP_COLOURS else {}
            (lines[name],) = axis.step(
                times, _numbers(columns[name]), where="post", transform=shift, linewidth=1.4, label=name, **colour
            )
        axis.set_ylim(-0.3, 1.5 * count - 0.2)
        axis.set_yticks([(count - 1 - lane) * 1.5 + 0.5 for lane in range(count)], list(group.names), fontsize=8)
        axis.set_title("켜짐(1) / 꺼짐(0)" if ko else "on (1) / off (0)", loc="left", fontsize=9)
        axis.grid(True, axis="x", alpha=0.3)
    elif group.kind == "state":
        (name,) = group.names
        tag = tags[name]
        (lines[name],) = axis.step(times, _numbers(columns[name]), where="post", linewidth=1.4, label=name)
        states = sorted(tag.states.items()) if tag is not None and tag.states else []
        if states:
            axis.set_yticks([value for value, _ in states], [ko_en[1 if ko else 0] for _, ko_en in states], fontsize=7)
            axis.set_ylim(states[0][0] - 0.5, states[-1][0] + 0.5)
        description = (tag.description_ko if ko else tag.description_en) if tag is not None else ""
        axis.set_title(f"{name}: {_short(description)}", loc="left", fontsize=9)
    else:
        for name in group.names:
            tag = tags[name]
            written = tag is not None and tag.access == "rw"
            values = _numbers(columns[name])
            if written:
                (lines[name],) = axis.step(times, values, where="post", linewidth=1.4, label=name)
            else:
                (lines[name],) = axis.plot(times, values, linewidth=1.4, label=name)
        unit = group.unit or ("값" if ko else "value")
        axis.set_ylabel(unit, rotation=0 if len(unit) <= 5 else 90, ha="right" if len(unit) <= 5 else "center")
        described = [_short(tag.description_ko if ko else tag.description_en) for tag in tags.values() if tag]
        title = ", ".join(dict.fromkeys(described))
        axis.set_title(title if len(title) <= 90 else title[:89] + "…", loc="left", fontsize=9)
        axis.legend(loc="upper left", fontsize=7, frameon=False)
    if group.kind != "bool":
        axis.grid(True, alpha=0.3)
    return lines


def time_label(lang: str) -> str:
    """The time axis' label."""
    return "시간 t (초)" if lang == "ko" else "time t (s)"


def _numbers(values: Any) -> Any:
    """A column as floats (bools as 0.0 / 1.0)."""
    import numpy as np

    return np.asarray(values, dtype=float)


def in_notebook() -> bool:
    """True inside a Jupyter kernel (where a picture can be shown and updated), False in a plain script."""
    ipython = sys.modules.get("IPython")  # never imported for this: a script that has not imported it has no kernel
    if ipython is None:
        return False
    shell = ipython.get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class LivePlot:
    """Some tags over time, drawn while a run goes on and shown in a Jupyter notebook.

    The run calls :meth:`add` every scan (a list append) and :meth:`request`
    at most once a second of wall time; a worker thread draws and updates
    the picture in the notebook (one output, replaced in place through a
    display handle), so a scan never waits for matplotlib. :meth:`finish`
    draws the last picture. Outside Jupyter nothing is shown (``shown`` is
    False) but :attr:`figure` is still drawn at the end.

    Attributes:
        tags: the tags drawn (from the tag table).
        times: simulated time of each sample, s.
        figure: the matplotlib Figure (not a pyplot one: it never shows twice).
        updates: pictures sent to the notebook (the first one and each update).
    """

    def __init__(self, tags: Sequence[Any], title: str, lang: str, shown: bool | None = None) -> None:
        self.tags = list(tags)
        self.title = title
        self.lang = lang
        self.shown = in_notebook() if shown is None else shown
        self.times: list[float] = []
        self.rows: list[Sequence[Any]] = []
        self.figure: Any = None
        self.updates = 0
        self.error: BaseException | None = None
        self._lines: dict[str, Any] = {}
        self._axes: list[Any] = []
        self._handle: Any = None
        self._wanted = threading.Event()
        self._stopping = False
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None

    def add(self, t: float, values: Sequence[Any]) -> None:
        """One sample: the tags' values (before their rule, as ``Line._values`` gives them) at time ``t`` (s)."""
        self.times.append(t)
        self.rows.append(values)

    def start(self) -> None:
        """Start the worker that draws while the run goes on (only where the picture can be shown)."""
        if self.shown and self._worker is None:
            context = contextvars.copy_context()  # the running cell's output goes to that cell
            self._worker = threading.Thread(target=context.run, args=(self._work,), daemon=True, name="live-plot")
            self._worker.start()

    def request(self) -> None:
        """Ask for a new picture of what has been added so far; returns at once (a busy worker skips a turn)."""
        self._wanted.set()

    def stop(self) -> None:
        """End the worker (after the picture it is drawing, if any); nothing more is drawn by it."""
        if self._worker is not None:
            self._stopping = True
            self._wanted.set()
            self._worker.join()
            self._worker = None

    def finish(self) -> Any:
        """Stop the worker, draw the last picture (shown in a notebook) and return the figure."""
        self.stop()
        if self.shown:
            self.show()
        else:
            self.draw()
        return self.figure

    def _work(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            if self._stopping:
                return
            try:
                self.show()
            except Exception as error:  # noqa: BLE001 - a picture must not stop the run: finish() draws again, visibly
                self.error = error
                return

    def draw(self) -> Any:
        """Bring the figure up to date with the samples added so far; returns it."""
        import numpy as np

        with self._lock:
            count = len(self.times)
            times = np.asarray(self.times[:count], dtype=float)
            table = self.rows[:count]
            columns = {
                tag.name: tag.quantize_column([row[position] for row in table])
                for position, tag in enumerate(self.tags)
            }
            if self.figure is None:
                self._create(times, columns)
            else:
                for name, line in self._lines.items():
                    line.set_data(times, _numbers(columns[name]))
                for axis in self._axes:
                    axis.relim()
                    axis.autoscale_view(scalex=False)
            if count > 1:
                self._axes[-1].set_xlim(times[0], times[-1])
            return self.figure

    def _create(self, times: Any, columns: Mapping[str, Any]) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        use_korean_font()
        groups = tag_groups([tag.name for tag in self.tags])
        figure, axes = layout(groups, Figure())
        FigureCanvasAgg(figure)
        for axis, group in zip(axes, groups, strict=True):
            self._lines.update(draw_group(axis, group, times, columns, self.lang))
        for axis, group in zip(axes, groups, strict=True):
            if group.kind == "bool":
                axis.set_autoscaley_on(False)  # the lanes keep their place
        axes[-1].set_xlabel(time_label(self.lang))
        figure.suptitle(self.title, fontsize=10)
        self.figure, self._axes = figure, axes

    def png(self) -> bytes:
        """The figure now, as PNG bytes (what the notebook shows).

        The layout is worked out for the first picture only (constrained
        layout costs more than the drawing itself) and kept for the others.
        """
        import io

        figure = self.draw()
        buffer = io.BytesIO()
        with self._lock:
            figure.savefig(buffer, format="png", dpi=72)
            if figure.get_layout_engine() is not None:
                figure.set_layout_engine("none")  # the subplots stay where the first picture put them
        return buffer.getvalue()

    def show(self) -> None:
        """Draw and show the picture in the notebook: the first time a new output, then that output replaced."""
        from IPython.display import Image, display

        picture = Image(data=self.png(), format="png")
        if self._handle is None:
            self._handle = display(picture, display_id=True)
        else:
            self._handle.update(picture)
        self.updates += 1


__all__ = [
    "BOOKKEEPING",
    "FONT_DIR",
    "LivePlot",
    "TagGroup",
    "default_tags",
    "draw_group",
    "in_notebook",
    "layout",
    "register_on_import",
    "tag_groups",
    "time_label",
    "use_korean_font",
]
