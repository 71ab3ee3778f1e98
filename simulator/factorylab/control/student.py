"""Running a student's code safely: the scan watchdog and errors explained in plain words.

* :class:`Watchdog` stops a scan that takes more than 0.5 s of wall time, as a
  PLC's watchdog timer does. It is a thread that raises :class:`ScanTimeout`
  inside the scan (``PyThreadState_SetAsyncExc``), so it works on Windows,
  Linux and macOS and needs no signals.
* :func:`student_error` turns an exception raised in a student's controller
  into a :class:`StudentCodeError`: the student's own line (notebook cell or
  file, line number, the code), the error in plain words, and the traceback
  of the student's frames only.
"""

from __future__ import annotations

import ctypes
import linecache
import sys
import sysconfig
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from ..errors import FactoryLabError
from ..i18n import current_language

#: wall-clock seconds one scan may take before the watchdog stops it
SCAN_LIMIT = 0.5


class ScanTimeout(BaseException):  # noqa: N818 - like KeyboardInterrupt: `except Exception` must not catch it
    """Raised inside a scan that overran the watchdog's limit."""


class Watchdog:
    """Watches the scans of one run from a helper thread.

    The running thread marks each scan::

        dog = Watchdog()
        with dog:
            for ...:
                dog.beat += 1
                dog.busy = True
                controller(line, t)
                dog.busy = False

    When one scan (the same ``beat``, ``busy``) lasts longer than ``limit``
    seconds of wall time, the watchdog raises :class:`ScanTimeout` in the
    running thread. Leaving the ``with`` block stops the thread and catches an
    exception still on its way; ``fired`` tells whether it ever fired.
    """

    POLL = 0.05  # s between looks

    def __init__(self, limit: float = SCAN_LIMIT) -> None:
        self.limit = limit
        self.beat = 0
        self.busy = False
        self.fired = False
        self._target = threading.get_ident()
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Watchdog:
        self._thread = threading.Thread(target=self._watch, name="factorylab-watchdog", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        # the exception may arrive while we stop: stopping is idempotent, so try again
        while True:
            try:
                self.stop()
                if self.fired:  # one still on its way is raised at the next bytecode check: let it come here
                    for _ in range(1000):
                        pass
                return
            except ScanTimeout:
                self.fired = True

    def stop(self) -> None:
        """Stop watching: the thread raises nothing after this returns.

        (A pending exception is not cleared with ``PyThreadState_SetAsyncExc(id,
        NULL)``: on CPython 3.11 that hangs the thread under a profiler.)
        """
        with self._lock:
            self._stopped.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()

    def _watch(self) -> None:
        seen_beat = -1
        since = time.monotonic()
        while not self._stopped.wait(self.POLL):
            now = time.monotonic()
            beat, busy = self.beat, self.busy
            if not busy or beat != seen_beat:
                seen_beat, since = beat, now
                continue
            if now - since >= self.limit:
                with self._lock:
                    if self._stopped.is_set():
                        return
                    if self.busy and self.beat == seen_beat:
                        self.fired = True
                        _set_async_exception(self._target, ScanTimeout)
                since = now  # a student's `except BaseException` may swallow it: try again later


def _set_async_exception(thread_id: int, exception: type[BaseException]) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exception))


# --- where a student's code is --------------------------------------------------------------------


def _library_roots() -> tuple[str, ...]:
    package = Path(__file__).resolve().parent.parent
    roots = {str(package)}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        path = sysconfig.get_paths().get(key)
        if path:
            roots.add(str(Path(path).resolve()))
    return tuple(sorted(roots))


_LIBRARY = _library_roots()


def is_student_file(filename: str) -> bool:
    """True for code a student wrote (a notebook cell or their own file), not Python's or FactoryLab's."""
    if filename.startswith("<"):  # a notebook cell of an old IPython, or typed at the prompt; not generated code
        return filename.startswith(("<ipython-input", "<stdin>", "<console>"))
    try:
        path = str(Path(filename).resolve())
    except OSError:  # pragma: no cover - a strange name
        return True
    return not any(path == root or path.startswith(root + "/") or path.startswith(root + "\\") for root in _LIBRARY)


@dataclass(frozen=True)
class Place:
    """One line of a student's code: where it is and what it says."""

    filename: str
    line: int
    code: str
    cell: int | None = None  # the notebook's execution count, when known

    def label(self, lang: str) -> str:
        """'셀 [5] 3번째 줄' / 'cell [5], line 3', or the file's name and line."""
        if self.cell is not None:
            return f"셀 [{self.cell}] {self.line}번째 줄" if lang == "ko" else f"cell [{self.cell}], line {self.line}"
        name = Path(self.filename).name if not self.filename.startswith("<") else self.filename
        return f"{name} {self.line}번째 줄" if lang == "ko" else f"{name}, line {self.line}"


def _cell_number(filename: str) -> int | None:
    """The execution count of the notebook cell compiled to ``filename`` (IPython), if any."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return None
    try:
        shell = ipython.get_ipython()
        mapping = getattr(shell.compile, "_filename_map", {}) if shell is not None else {}
        number = mapping.get(filename)
        return int(number) if isinstance(number, int) else None
    except Exception:  # pragma: no cover - another IPython  # noqa: BLE001
        return None


def student_places(tb: object) -> list[Place]:
    """The student's frames of a traceback, outermost first."""
    places = []
    for frame in traceback.extract_tb(tb):  # type: ignore[arg-type]
        if is_student_file(frame.filename):
            code = (frame.line or linecache.getline(frame.filename, frame.lineno or 0)).strip()
            places.append(Place(frame.filename, frame.lineno or 0, code, _cell_number(frame.filename)))
    return places


# --- the error in plain words ----------------------------------------------------------------------


def plain_words(error: BaseException) -> tuple[str, str]:
    """What an exception means, in words a beginner understands (ko, en)."""
    name = type(error).__name__
    text = str(error)
    if isinstance(error, ScanTimeout):
        return (
            f"한 번의 스캔이 {SCAN_LIMIT}초를 넘었습니다",
            f"one scan took more than {SCAN_LIMIT} s",
        )
    if isinstance(error, UnboundLocalError):
        variable = getattr(error, "name", None) or _quoted(text)
        return (
            f'변수 {variable}에 값을 넣기 전에 읽었습니다. 스캔과 스캔 사이에 기억할 값은 m["{variable}"]처럼 '
            f"m에 두세요",
            f"you read the variable {variable} before giving it a value. Keep what a scan must remember for the "
            f'next one in m, like m["{variable}"]',
        )
    if isinstance(error, NameError):
        variable = getattr(error, "name", None) or _quoted(text)
        return (
            f"{variable}라는 이름이 없습니다. 철자를 확인하거나, 쓰기 전에 값을 정하는 셀을 먼저 실행하세요",
            f"there is no name {variable}. Check the spelling, or run the cell that gives it a value first",
        )
    if isinstance(error, ZeroDivisionError):
        return ("0으로 나누었습니다", "you divided by zero")
    if isinstance(error, IndexError):
        return (
            f"목록에 없는 번호를 썼습니다 (빈 목록에서 꺼냈나요?): {text}",
            f"you used a position the list does not have (taking from an empty list?): {text}",
        )
    if isinstance(error, KeyError):
        return (f"사전에 {text} 키가 없습니다", f"the dictionary has no key {text}")
    if isinstance(error, RecursionError):
        return ("함수가 자기 자신을 끝없이 부릅니다", "a function calls itself without end")
    if isinstance(error, TypeError):
        return (f"값의 종류가 맞지 않습니다: {text}", f"a value is of the wrong kind: {text}")
    if isinstance(error, AttributeError):
        return (f"없는 속성을 썼습니다: {text}", f"there is no such attribute: {text}")
    if isinstance(error, ValueError):
        return (f"알맞지 않은 값입니다: {text}", f"a value is not right: {text}")
    return (f"{name}: {text}", f"{name}: {text}")


def _quoted(text: str) -> str:
    parts = text.split("'")
    return parts[1] if len(parts) >= 3 else text


class StudentCodeError(FactoryLabError):
    """A Python error in a student's controller, told in plain words with the student's own line.

    Attributes:
        original: the exception the student's code raised.
        places: the student's frames, outermost first (the last is where it happened).
    """

    def __init__(self, ko: str, en: str, original: BaseException, places: list[Place]) -> None:
        super().__init__(ko, en)
        self.original = original
        self.places = places

    def student_traceback(self, lang: str | None = None) -> str:
        """The traceback of the student's frames only."""
        ko = (lang or current_language()) == "ko"
        lines = ["내 코드의 호출 경로:" if ko else "Traceback (your code only):"]
        for place in self.places:
            lines.append(f"  {place.label('ko' if ko else 'en')}: {place.code}")
        lines.append(f"{type(self.original).__name__}: {self.original}")
        return "\n".join(lines)

    def _render_traceback_(self) -> list[str]:
        return [f"\x1b[31m{type(self).__name__}\x1b[0m: {self.message()}", "", self.student_traceback()]


def student_error(error: BaseException, t: float | None = None) -> FactoryLabError:
    """The error to show for an exception from a student's controller.

    FactoryLab's own errors (a wrong tag, a misused timer) keep their message
    and gain the student's line; a Python error is put in plain words.
    """
    places = student_places(error.__traceback__)
    where = places[-1] if places else None
    when_ko = f"{t:.1f}초에 " if t is not None else ""
    when_en = f" at {t:.1f} s" if t is not None else ""
    if isinstance(error, ScanTimeout):
        ko = (
            f"{when_ko}한 번의 스캔이 {SCAN_LIMIT}초를 넘어 멈췄습니다. `while`이나 `time.sleep`으로 기다리지 말고, "
            f"매 스캔 조건을 보고 바로 돌아오세요 (PLC의 워치독 타이머와 같습니다)."
        )
        en = (
            f"one scan{when_en} took more than {SCAN_LIMIT} s and was stopped. Do not wait with `while` or "
            f"`time.sleep`: look at the inputs each scan and return at once (like a PLC's watchdog timer)."
        )
    elif isinstance(error, FactoryLabError):
        ko = f"{when_ko}{error.ko}"
        en = f"at {t:.1f} s: {error.en}" if t is not None else error.en
    else:
        what_ko, what_en = plain_words(error)
        if where is not None:
            ko = f"{when_ko}컨트롤러에서 파이썬 오류가 났습니다 ({where.label('ko')}: {where.code}): {what_ko}."
            en = f"your controller raised a Python error{when_en} ({where.label('en')}: {where.code}): {what_en}."
        else:
            ko = f"{when_ko}컨트롤러에서 파이썬 오류가 났습니다: {what_ko}."
            en = f"your controller raised a Python error{when_en}: {what_en}."
        return StudentCodeError(ko, en, error, places)
    if where is not None:
        ko += f" ({where.label('ko')}: {where.code})"
        en += f" ({where.label('en')}: {where.code})"
    return StudentCodeError(ko, en, error, places)


__all__ = [
    "SCAN_LIMIT",
    "Place",
    "ScanTimeout",
    "StudentCodeError",
    "Watchdog",
    "is_student_file",
    "plain_words",
    "student_error",
    "student_places",
]
