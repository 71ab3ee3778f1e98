"""Text for consoles that cannot show every character (a Korean Windows console is cp949).

A pipe or a redirected file on Korean Windows (``factorylab sim > log.txt``,
``factorylab scenarios | more``) encodes with cp949, which has Hangul but not
``✅``, ``❌`` or ``—``. Writing one of those would end the program with a
``UnicodeEncodeError``. Here each such character gets a plain stand-in the
stream can encode (``✅`` -> ``○`` in cp949, ``[O]`` in ASCII; ``—`` -> ``-``),
and anything else unencodable becomes ``?``: the text stays readable and the
program goes on.

- :func:`protect_streams` makes ``sys.stdout`` and ``sys.stderr`` do that for
  everything written to them (the ``factorylab`` command calls it first).
- :func:`fit` gives a text the stand-ins ``sys.stdout`` needs, for library
  objects a student prints (``print(result)``); on a UTF-8 stream, as in
  Jupyter, the text is returned as it is.
"""

from __future__ import annotations

import codecs
import sys
from typing import TextIO

#: Name of the codec error handler that puts in the stand-ins.
ERRORS = "factorylab.standin"

#: Character -> stand-ins, best first; the first the stream can encode is used.
STAND_INS: dict[str, tuple[str, ...]] = {
    "✅": ("○", "[O]"),
    "❌": ("×", "[X]"),
    "✔": ("√", "v"),
    "✓": ("√", "v"),
    "✗": ("×", "x"),
    "—": ("-",),
    "–": ("-",),
    "…": ("...",),
    "→": ("->",),
    "←": ("<-",),
    "·": (".",),
    "×": ("x",),
    "○": ("O",),
    "√": ("v",),
    "°": (" deg",),
    "±": ("+/-",),
    "µ": ("u",),
    "²": ("^2",),
    "³": ("^3",),
    "‘": ("'",),
    "’": ("'",),
    "“": ('"',),
    "”": ('"',),
}


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def stand_in(char: str, encoding: str) -> str:
    """What to write for ``char`` on a stream in ``encoding`` that cannot encode it (``?`` if nothing fits)."""
    for candidate in STAND_INS.get(char, ()):
        if _encodable(candidate, encoding):
            return candidate
    return "?"


def _handler(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(stand_in(char, error.encoding) for char in bad), error.end


codecs.register_error(ERRORS, _handler)


def _is_utf(encoding: str | None) -> bool:
    if not encoding:
        return True  # unknown: leave it alone
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return True


def fit(text: str, stream: TextIO | None = None) -> str:
    """``text`` with stand-ins for the characters ``stream`` (default ``sys.stdout``) cannot encode.

    Unchanged on a UTF-8 stream (Jupyter, most terminals); on a cp949 pipe
    ``"✅ 통과"`` becomes ``"○ 통과"``.
    """
    stream = sys.stdout if stream is None else stream
    encoding = getattr(stream, "encoding", None)
    if _is_utf(encoding) or _encodable(text, encoding):
        return text
    return text.encode(encoding, errors=ERRORS).decode(encoding)


def protect_streams() -> None:
    """Make ``sys.stdout`` and ``sys.stderr`` write stand-ins instead of failing on a character.

    Only streams in a non-UTF encoding change (their error handling, nothing
    else); a missing stream (``pythonw`` on Windows) is left as it is.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or _is_utf(getattr(stream, "encoding", None)):
            continue
        reconfigure(errors=ERRORS)


__all__ = ["ERRORS", "STAND_INS", "fit", "protect_streams", "stand_in"]
