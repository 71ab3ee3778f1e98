"""Messages for the errors a student meets with tags, in Korean and English.

Each error says what kind of mistake it is in ``reason`` (``read-only``,
``unknown tag``, ``unknown device``, ``wrong value``), so a check can tell a
student which one they made.
"""

from __future__ import annotations

import difflib

from ..errors import TagError
from ..tags import Tag


def _range_text(tag: Tag) -> str:
    unit = f" {tag.unit}" if tag.unit else ""
    low = int(tag.min) if float(tag.min).is_integer() else tag.min
    high = int(tag.max) if float(tag.max).is_integer() else tag.max
    return f"{low}..{high}{unit}"


def _error(reason: str, ko: str, en: str) -> TagError:
    error = TagError(ko, en)
    error.reason = reason  # type: ignore[attr-defined]
    return error


def write_error(tag: Tag, value: object, reason: str) -> TagError:
    """The error for a refused write (``reason`` from :meth:`Tag.check`)."""
    name = tag.name
    if reason == "read-only":
        return _error(
            "read-only",
            f"{name}에 값을 썼지만 이것은 읽기 전용 입력입니다 ({tag.description_ko}). 프로그램은 입력을 읽을 수만 있고 쓸 수는 없습니다.",
            f"{name} is a read-only input ({tag.description_en}): a program can read it but not write it.",
        )
    if tag.type == "bool":
        return _error(
            "wrong value",
            f"{name}에는 True(켜기) 또는 False(끄기)만 쓸 수 있습니다 (쓴 값: {value!r})",
            f"{name} takes True (on) or False (off) only (you wrote {value!r})",
        )
    if reason == "not a number":
        return _error(
            "wrong value",
            f"{name}에는 {_range_text(tag)} 범위의 숫자를 써야 합니다 (쓴 값: {value!r})",
            f"{name} needs a number in {_range_text(tag)} (you wrote {value!r})",
        )
    return _error(
        "wrong value",
        f"{name}에 쓸 수 있는 값은 {_range_text(tag)}입니다 (쓴 값: {value!r})",
        f"{name} accepts {_range_text(tag)} (you wrote {value!r})",
    )


def unknown_attribute(device: str, name: str, known: list[str]) -> TagError:
    """The error for a misspelt attribute, with a suggestion."""
    close = difflib.get_close_matches(name, known, n=1)
    hint_ko = f" 혹시 '{close[0]}'인가요?" if close else ""
    hint_en = f" Did you mean '{close[0]}'?" if close else ""
    return _error(
        "unknown tag",
        f"{device}에는 '{name}' 태그가 없습니다.{hint_ko} 있는 태그: {', '.join(known)}",
        f"{device} has no tag '{name}'.{hint_en} It has: {', '.join(known)}",
    )


def unknown_device(name: str, known: list[str]) -> TagError:
    """The error for a misspelt or absent device."""
    close = difflib.get_close_matches(name, known, n=1)
    hint_ko = f" 혹시 '{close[0]}'인가요?" if close else ""
    hint_en = f" Did you mean '{close[0]}'?" if close else ""
    return _error(
        "unknown device",
        f"이 라인에는 '{name}' 장치가 없습니다.{hint_ko} 있는 장치: {', '.join(known)}",
        f"this line has no device '{name}'.{hint_en} Devices: {', '.join(known)}",
    )
