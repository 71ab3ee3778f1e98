"""Messages for the errors a student meets with tags, in Korean and English."""

from __future__ import annotations

import difflib

from ..errors import TagError
from ..tags import Tag


def _range_text(tag: Tag) -> str:
    unit = f" {tag.unit}" if tag.unit else ""
    low = int(tag.min) if float(tag.min).is_integer() else tag.min
    high = int(tag.max) if float(tag.max).is_integer() else tag.max
    return f"{low}..{high}{unit}"


def write_error(tag: Tag, value: object, reason: str) -> TagError:
    """The error for a refused write (``reason`` from :meth:`Tag.check`)."""
    name = tag.name
    if reason == "read-only":
        return TagError(
            f"{name} 은(는) 읽기 전용입니다 ({tag.description_ko}). 읽을 수만 있고 쓸 수는 없습니다.",
            f"{name} is read-only ({tag.description_en}): you can read it but not write it.",
        )
    if tag.type == "bool":
        return TagError(
            f"{name} 에는 True(켜기) 또는 False(끄기)만 쓸 수 있습니다 (입력: {value!r})",
            f"{name} takes True (on) or False (off) only (you wrote {value!r})",
        )
    if reason == "not a number":
        return TagError(
            f"{name} 에는 숫자를 써야 합니다. 범위 {_range_text(tag)} (입력: {value!r})",
            f"{name} needs a number in {_range_text(tag)} (you wrote {value!r})",
        )
    return TagError(
        f"{name} 에 쓸 수 있는 값은 {_range_text(tag)} 입니다 (입력: {value!r})",
        f"{name} accepts {_range_text(tag)} (you wrote {value!r})",
    )


def unknown_attribute(device: str, name: str, known: list[str]) -> TagError:
    """The error for a misspelt attribute, with a suggestion."""
    close = difflib.get_close_matches(name, known, n=1)
    hint_ko = f" 혹시 '{close[0]}' 인가요?" if close else ""
    hint_en = f" Did you mean '{close[0]}'?" if close else ""
    return TagError(
        f"{device} 에는 '{name}' 이(가) 없습니다.{hint_ko} 있는 것: {', '.join(known)}",
        f"{device} has no '{name}'.{hint_en} It has: {', '.join(known)}",
    )


def unknown_device(name: str, known: list[str]) -> TagError:
    """The error for a misspelt or absent device."""
    close = difflib.get_close_matches(name, known, n=1)
    hint_ko = f" 혹시 '{close[0]}' 인가요?" if close else ""
    hint_en = f" Did you mean '{close[0]}'?" if close else ""
    return TagError(
        f"이 라인에는 '{name}' 장치가 없습니다.{hint_ko} 있는 장치: {', '.join(known)}",
        f"this line has no device '{name}'.{hint_en} Devices: {', '.join(known)}",
    )
