"""Hidden seeds, summative mode and the attempt log.

* **Formative** (the default): each check's hidden seeds are fixed numbers
  derived from its name. They are not secret (FactoryLab is open source), and
  that is fine for practice.
* **Summative**: a teacher gives a secret and each student's id; the seeds are
  ``HMAC-SHA256(secret, student | check | n)``, so every student gets their
  own and nobody can compute them without the secret, which never ships with
  the package. Set ``FACTORYLAB_TEACHER_SECRET`` (or
  ``FACTORYLAB_TEACHER_SECRET_FILE``, a file holding it) and
  ``FACTORYLAB_STUDENT``, or pass ``secret=`` and ``student=`` to
  :func:`factorylab.check`.
* **Attempt log** (opt-in): set ``FACTORYLAB_ATTEMPT_LOG`` to a file (or call
  :func:`log_attempts`) and every check appends one JSON line: check, time,
  passed, the first finding. A teacher collects the files to see who is stuck
  and who is gaming the checks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ...errors import FactoryLabError
from .result import CheckResult

SEED_LIMIT = 2**31 - 1


def formative_seeds(check: str, count: int) -> list[int]:
    """The fixed hidden seeds of a check (the same on every computer)."""
    return [_number(hashlib.sha256(f"factorylab|{check}|{n}".encode()).digest()) for n in range(count)]


def summative_seeds(check: str, count: int, secret: str | bytes, student: str) -> list[int]:
    """A student's own hidden seeds: HMAC-SHA256(secret, student | check | n)."""
    key = secret.encode() if isinstance(secret, str) else secret
    if not key:
        raise FactoryLabError("교사 비밀값이 비어 있습니다.", "the teacher's secret is empty.")
    if not student or not str(student).strip():
        raise FactoryLabError(
            "평가 모드에는 학생 번호(student)가 필요합니다.", "summative mode needs the student's id (student=...)."
        )
    return [
        _number(hmac.new(key, f"{str(student).strip()}|{check}|{n}".encode(), hashlib.sha256).digest())
        for n in range(count)
    ]


def _number(digest: bytes) -> int:
    return int.from_bytes(digest[:8], "big") % SEED_LIMIT


def teacher_secret(secret: str | bytes | None = None) -> bytes | None:
    """The secret from the argument, ``FACTORYLAB_TEACHER_SECRET`` or ``FACTORYLAB_TEACHER_SECRET_FILE``."""
    if secret is not None:
        return secret.encode() if isinstance(secret, str) else secret
    value = os.environ.get("FACTORYLAB_TEACHER_SECRET")
    if value:
        return value.encode()
    file = os.environ.get("FACTORYLAB_TEACHER_SECRET_FILE")
    if file:
        try:
            data = Path(file).read_bytes().strip()
        except OSError as error:
            raise FactoryLabError(
                f"교사 비밀값 파일을 읽을 수 없습니다: {file} ({error.strerror})",
                f"cannot read the teacher's secret file {file} ({error.strerror})",
            ) from None
        return data or None
    return None


def seeds_for(check: str, count: int, secret: str | bytes | None = None, student: str | None = None) -> list[int]:
    """The hidden seeds to use: summative when a secret is known, formative otherwise."""
    key = teacher_secret(secret)
    if key is None:
        return formative_seeds(check, count)
    student = student if student is not None else os.environ.get("FACTORYLAB_STUDENT", "")
    return summative_seeds(check, count, key, student)


# --- attempt log -----------------------------------------------------------------------------------

_LOG: dict[str, Any] = {"path": None, "student": None}


def log_attempts(path: str | Path | None, student: str | None = None) -> None:
    """Append one JSON line per check to ``path`` from now on (None stops).

    Each line: ``{"check", "kind", "time", "passed", "finding", "code",
    "score", "student", "summative"}``. Nothing leaves the computer: the
    teacher collects the files.
    """
    _LOG["path"] = Path(path) if path is not None else None
    _LOG["student"] = student


def record_attempt(result: CheckResult, summative: bool, student: str | None) -> None:
    """Write the attempt to the log, if one is on (``FACTORYLAB_ATTEMPT_LOG`` or :func:`log_attempts`)."""
    path = _LOG["path"] or (
        Path(os.environ["FACTORYLAB_ATTEMPT_LOG"]) if os.environ.get("FACTORYLAB_ATTEMPT_LOG") else None
    )
    if path is None:
        return
    first = result.findings[0] if result.findings else None
    line = {
        "check": result.check,
        "kind": result.kind,
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "passed": result.passed,
        "code": first.code if first else None,
        "finding": first.text("en") if first else None,
        "score": result.score,
        "student": student or _LOG["student"] or os.environ.get("FACTORYLAB_STUDENT") or None,
        "summative": summative,
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as file:
            file.write(json.dumps(line, ensure_ascii=False) + "\n")
    except OSError as error:
        raise FactoryLabError(
            f"시도 기록 파일에 쓸 수 없습니다: {path} ({error.strerror})",
            f"cannot write the attempt log {path} ({error.strerror})",
        ) from None


__all__ = ["formative_seeds", "log_attempts", "record_attempt", "seeds_for", "summative_seeds", "teacher_secret"]
