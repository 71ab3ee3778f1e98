"""The uplink's command-line options, for ``factorylab sim`` and ``factorylab classroom``.

::

    factorylab sim --uplink mqtt://192.168.0.10:1883 --site school-7 --line line-03
    factorylab classroom --lines 30 --uplink mqtt://192.168.0.10:1883 --site school-7   # line-01 .. line-30

The command adds the options (:func:`add_sim_options`), makes the sender
from them (:func:`sender_from_args`, None without ``--uplink``), gives each
line's runtime its channel (:func:`channel_from_args`) and closes the sender
after the lines stopped (``sender.close(timeout)``). The sender's notices
(waiting for the broker, connected, buffer full ...) are printed to stderr,
one line each, in the chosen language.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import sys
from pathlib import Path
from typing import Any

from ..errors import FactoryLabError
from ..plant import Plant
from . import schema
from .buffer import DEFAULT_MAX_MESSAGES
from .sender import MAX_EVERY, MIN_EVERY, Notice, UplinkChannel, UplinkSender, UplinkStats, parse_url

#: The line's name when ``--line`` is not given (a classroom: ``line-01`` ... ``line-NN``).
DEFAULT_LINE = "line-01"
CLASSROOM_PREFIX = "line"
#: Simulated seconds between two tag samples by default: about 45 MB a simulated day per line
#: (benchmarks/uplink.py), enough to compare lines by the hour; --uplink-every 1 for a finer history.
DEFAULT_EVERY = 5.0
#: Seconds ``close`` waits for the broker to take what is left when the simulator stops.
CLOSE_TIMEOUT = 5.0

T: dict[str, tuple[str, str]] = {
    "group": ("데이터 센터로 업링크 (MQTT)", "uplink to a data centre (MQTT)"),
    "uplink": (
        "MQTT 브로커 주소 mqtt://호스트:포트 (기본 포트 1883): 태그 값, 이벤트, 고장, 완성 부품을 보냅니다. "
        "브로커가 없을 때는 디스크 버퍼에 모았다가 순서대로 보냅니다. 이 버전에는 TLS와 인증이 없습니다: 학교 네트워크 "
        "안에서만 쓰세요",
        "the MQTT broker, mqtt://HOST:PORT (port 1883 by default): publish tag values, events, faults and finished "
        "parts. While the broker is away they wait in a buffer on disk and are sent in order. No TLS or "
        "authentication in this version: use it inside the school's network",
    ),
    "site": (
        "사이트 이름 (학교·컴퓨터; 영어 소문자, 숫자, '-', 32자까지; 기본: 이 컴퓨터 이름 = {site})",
        "the site's name (a school, a computer; a-z, 0-9 and '-', up to 32; default: this computer's name = {site})",
    ),
    "line": (
        "라인 이름 (영어 소문자, 숫자, '-'; 기본: line-01, 교실은 line-01..line-NN; 교실에서 주면 NAME-01..NAME-NN)",
        "the line's name (a-z, 0-9 and '-'; default: line-01, a classroom line-01..line-NN; given to a classroom: "
        "NAME-01..NAME-NN)",
    ),
    "every": (
        "태그 값을 보내는 간격, 시뮬레이션 초 (기본: %(default)s)",
        "simulated seconds between two tag samples (default: %(default)s)",
    ),
    "buffer": (
        "보내지 못한 메시지를 모아 두는 SQLite 파일 (기본: {folder}{sep}<사이트>-<라인>.sqlite)",
        "the SQLite file where messages wait until the broker has them (default: {folder}{sep}<site>-<line>.sqlite)",
    ),
    "buffer_max": (
        "버퍼가 담는 최대 메시지 수; 가득 차면 가장 오래된 태그 값부터 버립니다 (기본: %(default)s)",
        "the most messages the buffer holds; when full the oldest tag samples go first (default: %(default)s)",
    ),
    "all_tags": (
        "모든 태그를 보냅니다 (기본: 반에서 라인을 비교하는 태그만: 생산 블록, 패널, 경광등, 모터 전류·진동, 탱크, 오븐, "
        "CNC, 검사)",
        "send every tag (default: the tags a class compares lines with: production block, panel, stack light, motor "
        "currents and vibrations, tank, oven, CNC, inspection)",
    ),
    "started": (
        "업링크: {url} → factorylab/v1/{site}/{lines}/… (태그 {every:g} 시뮬레이션 초마다; 버퍼 {buffer})",
        "uplink: {url} → factorylab/v1/{site}/{lines}/… (tags every {every:g} simulated s; buffer {buffer})",
    ),
    "left": (
        "업링크 버퍼에 아직 보내지 못한 메시지 {pending}개가 남았습니다: 다음에 시작할 때 먼저 보냅니다 ({buffer}).",
        "{pending} messages are still in the uplink buffer: they go first at the next start ({buffer}).",
    ),
    "stats": (
        "업링크: 대기열 {queued}, 보냄 {sent}, 확인 {acked}, 재전송 {replayed}, 버림 {dropped}, 남음 {pending}, "
        "재연결 {reconnects}",
        "uplink: queued {queued}, sent {sent}, acked {acked}, replayed {replayed}, dropped {dropped}, pending "
        "{pending}, reconnects {reconnects}",
    ),
    "bad_every": (
        f"--uplink-every는 {MIN_EVERY}에서 {MAX_EVERY:g} 시뮬레이션 초 사이여야 합니다 (입력: {{value}})",
        f"--uplink-every must be {MIN_EVERY} to {MAX_EVERY:g} simulated seconds (got {{value}})",
    ),
    "bad_max": (
        "--uplink-buffer-max는 100 이상의 정수여야 합니다 (입력: {value})",
        "--uplink-buffer-max must be a whole number of 100 or more (got {value})",
    ),
    "bad_name": (
        "{option} {value!r}: 영어 소문자, 숫자, '-'로 1~32자여야 합니다 ('-'로 시작하지 않음; 예: school-7)",
        "{option} {value!r}: use 1 to 32 of a-z, 0-9 and '-' (not starting with '-'; e.g. school-7)",
    ),
    "no_uplink": (
        "{options}은(는) --uplink와 함께 씁니다 (예: --uplink mqtt://192.168.0.10:1883)",
        "{options}: only with --uplink (e.g. --uplink mqtt://192.168.0.10:1883)",
    ),
}

_OPTIONS = {
    "site": "--site",
    "line": "--line",
    "uplink_every": "--uplink-every",
    "uplink_buffer": "--uplink-buffer",
    "uplink_buffer_max": "--uplink-buffer-max",
    "uplink_all_tags": "--uplink-all-tags",
}
_DEFAULTS: dict[str, Any] = {
    "site": None,
    "line": None,
    "uplink_every": DEFAULT_EVERY,
    "uplink_buffer": None,
    "uplink_buffer_max": DEFAULT_MAX_MESSAGES,
    "uplink_all_tags": False,
}


def _(key: str, lang: str, **values: Any) -> str:
    ko, en = T[key]
    return (ko if lang == "ko" else en).format(**values)


def _help(key: str, lang: str, **values: Any) -> str:
    """Help text: ``%(default)s`` is argparse's, so only the named values are filled in."""
    text = T[key][0] if lang == "ko" else T[key][1]
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def default_site() -> str:
    """This computer's name as a site slug (``PC-Lab 07`` -> ``pc-lab-07``; ``site`` if nothing is left)."""
    return slug(socket.gethostname().split(".")[0]) or "site"


def slug(text: str) -> str:
    """``text`` as a slug: lowercase, runs of anything but ``a-z 0-9`` as one ``-``, at most 32 characters."""
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:32].rstrip("-")


def buffer_folder() -> Path:
    """Where the buffers live by default: ``$FACTORYLAB_CACHE/uplink``, else ``$XDG_CACHE_HOME/factorylab/uplink``,
    else ``~/.cache/factorylab/uplink``."""
    setting = os.environ.get("FACTORYLAB_CACHE", "").strip()
    if setting and setting.lower() != "off":
        return Path(setting) / "uplink"
    base = Path(os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache")
    return base / "factorylab" / "uplink"


def add_sim_options(parser: argparse.ArgumentParser, lang: str) -> None:
    """Add the uplink's options to ``parser`` (``factorylab sim`` or ``factorylab classroom``), help in ``lang``."""
    group = parser.add_argument_group(_("group", lang))
    group.add_argument("--uplink", metavar="mqtt://HOST:PORT", default=None, help=_help("uplink", lang))
    group.add_argument("--site", metavar="NAME", default=None, help=_help("site", lang, site=default_site()))
    group.add_argument("--line", metavar="NAME", default=None, help=_help("line", lang))
    group.add_argument(
        "--uplink-every", type=float, default=DEFAULT_EVERY, metavar="SECONDS", help=_help("every", lang)
    )
    group.add_argument(
        "--uplink-buffer",
        metavar="FILE",
        default=None,
        help=_help("buffer", lang, folder=buffer_folder(), sep=os.sep).replace("%", "%%"),
    )
    group.add_argument(
        "--uplink-buffer-max", type=int, default=DEFAULT_MAX_MESSAGES, metavar="N", help=_help("buffer_max", lang)
    )
    group.add_argument("--uplink-all-tags", action="store_true", help=_help("all_tags", lang))


def check_args(args: argparse.Namespace, lang: str, *, lines: int | None = None) -> None:
    """Refuse wrong uplink options before anything starts.

    Args:
        args: the parsed options.
        lang: ``ko`` or ``en``.
        lines: a classroom's number of lines (None: ``factorylab sim``).

    Raises:
        FactoryLabError: a bad URL, name, interval or bound, or uplink options without ``--uplink``.
    """
    if not getattr(args, "uplink", None):
        given = [_OPTIONS[name] for name, default in _DEFAULTS.items() if getattr(args, name, default) != default]
        if given:
            raise FactoryLabError(*_both("no_uplink", options=", ".join(given)))
        return
    parse_url(args.uplink)
    every = args.uplink_every
    if not MIN_EVERY <= every <= MAX_EVERY:  # also nan
        raise FactoryLabError(*_both("bad_every", value=every))
    if args.uplink_buffer_max < 100:
        raise FactoryLabError(*_both("bad_max", value=args.uplink_buffer_max))
    if args.site is not None and not schema.is_slug(args.site):
        raise FactoryLabError(*_both("bad_name", option="--site", value=args.site))
    if args.line is not None:
        longest = line_name(args, lines) if lines else args.line
        if not schema.is_slug(args.line) or not schema.is_slug(longest):
            raise FactoryLabError(*_both("bad_name", option="--line", value=longest))


def site_of(args: argparse.Namespace) -> str:
    """The site's name: ``--site`` or this computer's."""
    return args.site or default_site()


def line_name(args: argparse.Namespace, number: int | None = None) -> str:
    """The line's name: ``--line`` (default ``line-01``), or for classroom line ``number``: ``line-07`` (``NAME-07``)."""
    if number is None:
        return args.line or DEFAULT_LINE
    return f"{args.line or CLASSROOM_PREFIX}-{number:02d}"


def buffer_path(args: argparse.Namespace, *, classroom: bool = False) -> Path:
    """The buffer file: ``--uplink-buffer``, or ``<site>-<line>.sqlite`` (a classroom: ``<site>-classroom.sqlite``,
    or ``<site>-<NAME>.sqlite`` with ``--line NAME``) in :func:`buffer_folder`."""
    if args.uplink_buffer:
        return Path(args.uplink_buffer).expanduser()
    name = (args.line or "classroom") if classroom else line_name(args)
    return buffer_folder() / f"{site_of(args)}-{name}.sqlite"


def sender_from_args(
    args: argparse.Namespace, lang: str, *, lines: int | None = None, quiet: bool = False
) -> UplinkSender | None:
    """The sender the options ask for (None without ``--uplink``); prints a line saying where it sends.

    Args:
        args: the parsed options (:func:`add_sim_options`).
        lang: ``ko`` or ``en``, for what it prints (its notices too, on stderr).
        lines: a classroom's number of lines (None: ``factorylab sim``, one line).
        quiet: print nothing (notices included).

    Raises:
        FactoryLabError: a bad option (:func:`check_args`), a buffer file that cannot be made or used.
            A broker that cannot be reached is no error: the sender keeps trying and says so once.
    """
    check_args(args, lang, lines=lines)
    if not getattr(args, "uplink", None):  # (``factorylab start`` makes its own options, without these)
        return None
    path = buffer_path(args, classroom=lines is not None)
    if not args.uplink_buffer:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FactoryLabError(
                f"업링크 버퍼 폴더 {path.parent}를 만들 수 없습니다: {exc.strerror or exc}. --uplink-buffer로 다른 "
                "파일을 고르세요.",
                f"cannot make the uplink buffer's folder {path.parent}: {exc.strerror or exc}. Choose another file "
                "with --uplink-buffer.",
            ) from None

    def tell(notice: Notice) -> None:
        print(f"factorylab: {notice.message(lang)}", file=sys.stderr, flush=True)

    sender = UplinkSender(args.uplink, path, max_messages=args.uplink_buffer_max, on_notice=None if quiet else tell)
    if not quiet:
        names = line_name(args) if lines is None else f"{line_name(args, 1)}..{line_name(args, lines)}"
        print(
            _("started", lang, url=args.uplink, site=site_of(args), lines=names, every=args.uplink_every, buffer=path),
            flush=True,
        )
    return sender


def channel_from_args(
    sender: UplinkSender, args: argparse.Namespace, plant: Plant, *, number: int | None = None
) -> UplinkChannel:
    """The runtime attachment that uplinks ``plant`` (a classroom's line ``number``, or the one line of ``sim``)."""
    return sender.channel(
        site_of(args),
        line_name(args, number),
        plant,
        args.uplink_every,
        tags="all" if args.uplink_all_tags else None,
    )


def close_sender(
    sender: UplinkSender | None, lang: str, *, stats: bool = False, timeout: float = CLOSE_TIMEOUT
) -> None:
    """Close ``sender`` after the lines stopped: send what it can within ``timeout`` s, say what is left."""
    if sender is None:
        return
    result = sender.close(timeout)
    if result.pending:
        print(f"factorylab: {_('left', lang, pending=result.pending, buffer=sender.buffer_path)}", file=sys.stderr)
    if stats:
        print(stats_text(result, lang), flush=True)


def stats_text(stats: UplinkStats, lang: str) -> str:
    """One line of the sender's counts (for ``--stats``)."""
    return _(
        "stats",
        lang,
        queued=stats.queued,
        sent=stats.sent,
        acked=stats.acked,
        replayed=stats.replayed,
        dropped=stats.dropped,
        pending=stats.pending,
        reconnects=stats.reconnects,
    )


def _both(key: str, **values: Any) -> tuple[str, str]:
    return _(key, "ko", **values), _(key, "en", **values)
