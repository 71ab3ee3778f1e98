"""Check attempts sent to the teacher's web console (opt-in).

A student opts in once per notebook::

    factorylab.report_to("192.168.0.10:8021", student="3-2 김민수", code="K7P2QM")
    factorylab.check(controller, "seal_in")   # the result also shows on the teacher's console

or with the environment: ``FACTORYLAB_REPORT`` (the console's address),
``FACTORYLAB_STUDENT`` and ``FACTORYLAB_CLASS_CODE`` (the class code shown at the
top of the console; it is not the teacher's token), and ``FACTORYLAB_LAB`` if wanted.

What is sent, as one JSON POST to ``http://<address>/api/report``: the student's
name, the check, its kind, the lab (when given), passed or not, the findings'
codes (``seal_in.start_dominant``), the score and the time on the student's
computer. Not the answer, not the student's code. Standard library only
(urllib, no proxy: the console is on the school's own network), at most
:data:`TIMEOUT` s; a failure prints one line in the student's language and never
changes or breaks the check.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from datetime import datetime
from typing import Any

from ...console import fit
from ...errors import FactoryLabError
from ...i18n import current_language
from .result import CheckResult

#: The port when the address names none: where ``factorylab classroom --host 0.0.0.0`` takes students' results
#: (``--report-port``; the console itself, 8020, stays on the teacher's computer).
DEFAULT_PORT = 8021
#: Seconds to wait for the console before giving up on one report.
TIMEOUT = 2.0
#: Finding codes sent at most per attempt.
MAX_CODES = 5

_SETTINGS: dict[str, Any] = {"chosen": False, "address": None, "student": None, "code": None, "lab": None}


def report_url(address: str, port: int = DEFAULT_PORT) -> str:
    """``"192.168.0.10:8021"``, ``"teacher-pc"`` or ``"http://host:port"`` -> the console's report address."""
    text = address.strip().rstrip("/")
    if "://" not in text:
        text = "http://" + text
    scheme, rest = text.split("://", 1)
    host = rest.split("/", 1)[0]
    bare = host.rsplit("]", 1)[-1]  # an IPv6 address in brackets may hold colons
    if ":" not in bare:
        host = f"{host}:{port}"
    return f"{scheme}://{host}/api/report"


def report_to(
    address: str | None, student: str | None = None, code: str | None = None, *, lab: str | None = None
) -> None:
    """Send every :func:`~factorylab.check` result to the teacher's console from now on.

    Args:
        address: the console's address as the teacher shows it (``"192.168.0.10:8021"``;
            the port defaults to 8021, the report port of `factorylab classroom --host 0.0.0.0`); None: stop reporting (even if ``FACTORYLAB_REPORT`` is set).
        student: your name or number as the teacher should see it (``"3-2 김민수"``);
            default ``FACTORYLAB_STUDENT``, or the ``student=`` given to a check.
        code: the class code shown at the top of the teacher's console; default
            ``FACTORYLAB_CLASS_CODE``.
        lab: which lab you are working on, if you want the teacher to see it.

    Raises:
        FactoryLabError: an address that is not text, or no class code.
    """
    if address is None:
        _SETTINGS.update(chosen=True, address=None, student=None, code=None, lab=None)
        return
    if not isinstance(address, str) or not address.strip():
        raise FactoryLabError(
            f'report_to()에는 선생님 콘솔의 주소를 글자로 넣으세요 (예: "192.168.0.10:8021", 입력: {address!r})',
            f'report_to() takes the address of the teacher\'s console as text (e.g. "192.168.0.10:8021", got {address!r})',
        )
    code = code if code is not None else os.environ.get("FACTORYLAB_CLASS_CODE")
    if not isinstance(code, str) or not code.strip():
        raise FactoryLabError(
            'report_to()에 학급 코드가 필요합니다: 선생님 콘솔 위쪽의 학급 코드를 code="..."로 넣으세요',
            'report_to() needs the class code: pass code="..." with the class code at the top of the teacher\'s console',
        )
    _SETTINGS.update(chosen=True, address=address.strip(), student=student, code=code.strip(), lab=lab)


def _settings() -> dict[str, Any] | None:
    """Where and as whom to report now (None: reporting is off)."""
    if _SETTINGS["chosen"]:
        return _SETTINGS if _SETTINGS["address"] else None
    address = os.environ.get("FACTORYLAB_REPORT", "").strip()
    if not address:
        return None
    return {
        "address": address,
        "student": None,
        "code": os.environ.get("FACTORYLAB_CLASS_CODE", "").strip(),
        "lab": os.environ.get("FACTORYLAB_LAB") or None,
    }


def _say(ko: str, en: str) -> None:
    """One line for the student (in the notebook, under the check)."""
    try:
        print(fit(ko if current_language() == "ko" else en))
    except Exception:  # pragma: no cover - no stdout to say it on: the check goes on
        pass


def send_attempt(result: CheckResult, student: str | None = None) -> bool:
    """Report ``result`` to the teacher's console if reporting is on; never raises.

    Args:
        result: the check's result.
        student: the ``student=`` given to the check (used when report_to named nobody).

    Returns:
        True if the console took it; False if reporting is off or it failed (one line printed).
    """
    settings = _settings()
    if settings is None:
        return False
    address = settings["address"]
    try:
        name = settings["student"] or student or os.environ.get("FACTORYLAB_STUDENT") or ""
        if not str(name).strip():
            _say(
                f"선생님 콘솔({address})에 보내려면 이름이 필요합니다: "
                'factorylab.report_to(..., student="3-2 김민수")처럼 넣으세요. 검사 결과는 그대로입니다.',
                f"to report to the teacher's console ({address}) give your name: "
                'factorylab.report_to(..., student="3-2 Kim Minsu"). Your check result is not affected.',
            )
            return False
        codes = [finding.code for finding in result.findings[:MAX_CODES]]
        payload = {
            "student": str(name).strip(),
            "check": result.check,
            "kind": result.kind,
            "lab": settings["lab"],
            "passed": bool(result.passed),
            "code": codes[0] if codes else None,
            "codes": codes,
            "score": result.score if isinstance(result.score, int | float) else None,
            "at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "class_code": settings["code"] or "",
        }
        request = urllib.request.Request(
            report_url(address),
            data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=TIMEOUT) as response:
            response.read(4096)
        return True
    except urllib.error.HTTPError as error:
        said = _console_words(error)
        _say(
            f"선생님 콘솔({address})이 결과를 받지 않았습니다: {said[0] or error.code}. 검사 결과는 그대로입니다.",
            f"the teacher's console ({address}) did not take the result: {said[1] or error.code}. "
            "Your check result is not affected.",
        )
    except Exception as error:  # unreachable, refused, timed out, a bad address: never break the check
        reason = getattr(error, "reason", None) or error
        _say(
            f"선생님 콘솔({address})에 결과를 보내지 못했습니다 ({reason}). "
            "주소와 선생님 콘솔이 켜져 있는지 확인하세요. 검사 결과는 그대로입니다.",
            f"could not send the result to the teacher's console ({address}: {reason}). "
            "Check the address and that the console runs. Your check result is not affected.",
        )
    return False


def _console_words(error: urllib.error.HTTPError) -> tuple[str, str]:
    """What the console said about a refused report, (ko, en), or empty strings."""
    try:
        said = json.loads(error.read(4096).decode("utf-8"))
        return str(said.get("ko", "")), str(said.get("en", ""))
    except Exception:
        return "", ""


__all__ = ["report_to", "report_url", "send_attempt"]
