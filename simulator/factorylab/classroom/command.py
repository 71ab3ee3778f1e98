"""``factorylab classroom``: a class's lines in one process, and the teacher's console.

::

    factorylab classroom --lines 30                  # this computer only (127.0.0.1)
    factorylab classroom --lines 30 --host 0.0.0.0 --roster class.csv --out class-3-2

Line N listens on port 5021 + N - 1 and, as unit id N, on the shared port
5020; the console is at http://127.0.0.1:8020 with the token it prints.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from ..errors import FactoryLabError
from ..modbus.server import IDLE_TIMEOUT
from .lines import FIRST_PORT, MAX_LINES, SHARED_PORT, Classroom, read_roster

#: The console's default port, and where students' check results are taken when the classroom listens beyond this computer.
CONSOLE_PORT = 8020
REPORT_PORT = 8021
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")

T: dict[str, tuple[str, str]] = {
    "classroom": (
        "한 컴퓨터에서 학생마다 라인 하나씩, 여러 라인을 돌리고 선생님 웹 콘솔을 엽니다",
        "run one line per student in one process, with the teacher's web console",
    ),
    "lines": (f"라인 수, 1~{MAX_LINES} (기본: %(default)s)", f"how many lines, 1..{MAX_LINES} (default: %(default)s)"),
    "seed": (
        "라인 N은 시드 SEED+N으로 돕니다 (라인마다 다른 무작위 고장; 기본: %(default)s)",
        "line N runs seed SEED+N (each line its own random faults; default: %(default)s)",
    ),
    "variants": (
        "라인 N은 변형 N의 설비로 돕니다 (학생마다 다른 오븐, 탱크, 컨베이어)",
        "line N runs plant variant N (each student's own oven, tank and belts)",
    ),
    "host": (
        "서버 주소 (기본: %(default)s = 이 컴퓨터에서만). 학생 컴퓨터에서 접속하려면 0.0.0.0 (교사용 안내서의 방화벽 절 참고)",
        "address to listen on (default: %(default)s = this computer only); 0.0.0.0 lets the students' computers in "
        "(see the firewall section of the teacher guide)",
    ),
    "port": (
        "공유 포트: 모든 라인을 유닛 ID로 (라인 N = 유닛 ID N; 기본: %(default)s)",
        "the shared port: every line by unit id (line N = unit id N; default: %(default)s)",
    ),
    "first_port": (
        "라인 1의 포트; 라인 N은 이 값 + N - 1 (기본: %(default)s)",
        "line 1's own port; line N listens on this + N - 1 (default: %(default)s)",
    ),
    "no_line_ports": (
        "라인마다 포트를 열지 않고 공유 포트만 엽니다",
        "no port per line, only the shared port",
    ),
    "speed": ("실시간 배속, 0.05~100 (기본: %(default)s)", "real-time factor, 0.05..100 (default: %(default)s)"),
    "out": (
        "라인마다 고장 기록(line-07-faults.csv)과, --record면 이력(line-07.sqlite)을 쓸 폴더",
        "a folder for each line's fault log (line-07-faults.csv) and, with --record, its history (line-07.sqlite)",
    ),
    "record": (
        "라인마다 모든 태그를 --out 폴더의 SQLite 파일에 기록합니다",
        "record every tag of each line into an SQLite file in the --out folder",
    ),
    "record_every": (
        "기록 간격, 시뮬레이션 초 (기본: %(default)s)",
        "simulated seconds between recorded rows (default: %(default)s)",
    ),
    "roster": (
        "명단 CSV (열: line,student,address): 라인마다 학생 이름과, 그 라인에 쓸 수 있는 학생 컴퓨터의 IP 주소",
        "class roster CSV (columns line,student,address): each line's student and the IP address of the computer "
        "that may write to it",
    ),
    "read_only": (
        "모든 라인을 읽기 전용으로 시작합니다 (콘솔에서 풉니다)",
        "start every line read-only (unlock them in the console)",
    ),
    "demo": (
        "내장 데모 프로그램이 모든 라인을 운전합니다 (학생이 쓴 출력은 덮어씁니다)",
        "the built-in demo program drives every line (it overwrites what students write to outputs)",
    ),
    "idle_timeout": (
        "이 시간(초) 동안 요청이 없는 Modbus 연결을 닫습니다; 학생 쪽은 다음 요청 때 다시 연결합니다 (기본: %(default)s)",
        "close Modbus connections idle this many seconds; a student's client reconnects at its next request "
        "(default: %(default)s)",
    ),
    "console_port": ("선생님 콘솔의 포트 (기본: %(default)s)", "the teacher console's port (default: %(default)s)"),
    "console_host": (
        "선생님 콘솔의 주소 (기본: 127.0.0.1 = 이 컴퓨터에서만)",
        "the teacher console's address (default: 127.0.0.1 = this computer only)",
    ),
    "no_console": ("선생님 웹 콘솔을 열지 않습니다", "do not start the teacher's web console"),
    "report_port": (
        "학생 검사 결과를 받는 포트: --host 주소에서 열립니다 (콘솔은 --console-host에 남습니다; 기본: %(default)s)",
        "the port where students' check results are taken, on the --host address (the console stays on "
        "--console-host; default: %(default)s)",
    ),
    "token": (
        "선생님 토큰 (기본: 시작할 때 새로 만듭니다)",
        "the teacher's token (default: a new one at every start)",
    ),
    "stats": (
        "끝날 때 틱 지연과 요청 수를 보여 줍니다",
        "print tick lateness and requests at the end",
    ),
    "started": (
        "FactoryLab 교실 — 라인 {lines}개, 시나리오 '{scenario}', 시드 {first_seed}..{last_seed}{variants_ko}, 배속 {speed}\n"
        "{ports_ko}"
        "학생: factorylab.connect({example}) (라인 1){other_ko}\n"
        "끝내려면 Ctrl-C.",
        "FactoryLab classroom — {lines} lines, scenario '{scenario}', seeds {first_seed}..{last_seed}{variants_en}, "
        "speed {speed}\n"
        "{ports_en}"
        "Students: factorylab.connect({example}) (line 1){other_en}\n"
        "Press Ctrl-C to stop.",
    ),
    "console": (
        "선생님 콘솔: {url}  토큰: {token}  (토큰은 학생에게 보이지 마세요)\n"
        '학생 검사 결과 보내기: factorylab.report_to("{report}", student="이름", code="{code}")',
        "Teacher console: {url}  token: {token}  (keep the token from the students)\n"
        'Students report their checks with: factorylab.report_to("{report}", student="name", code="{code}")',
    ),
    "open_warning": (
        "주의: {host}에서 접속을 받습니다. Modbus에는 인증이 없어 같은 네트워크의 누구나 라인을 읽고 조작할 수 있습니다: "
        "학교 방화벽에서 이 포트들을 교실 네트워크에만 여세요. 명단(--roster)의 주소만 쓰기를 허락합니다.",
        "Warning: listening on {host}. Modbus has no authentication: anyone on the network can read and operate the "
        "lines. Open these ports to the classroom's network only in the school firewall; --roster lets only each "
        "student's address write.",
    ),
    "console_warning": (
        "주의: 콘솔을 {host}에서 엽니다(암호화 없는 HTTP). 토큰을 학생에게 보이지 마세요.",
        "Warning: the console listens on {host} (plain HTTP, not encrypted). Keep the token from the students.",
    ),
    "stopped": ("교실을 멈췄습니다.", "Classroom stopped."),
    "stats_out": (
        "라인 {lines}개: 틱 지연 p50 {p50:.3f} ms, p99 {p99:.3f} ms, 최대 {max:.3f} ms, 밀림 {slips}회; "
        "요청 {requests}건, 거부된 쓰기 {refused}건, 바빠서 거절한 연결 {busy}건",
        "{lines} lines: tick lateness p50 {p50:.3f} ms, p99 {p99:.3f} ms, max {max:.3f} ms, slips {slips}; "
        "{requests} requests, {refused} refused writes, {busy} connections turned away (busy)",
    ),
    "bad_lines": (
        f"--lines는 1에서 {MAX_LINES} 사이입니다 (입력: {{value}})",
        f"--lines must be 1..{MAX_LINES} (got {{value}})",
    ),
    "bad_ports": (
        "라인 포트 {first}..{last}이 공유 포트 {shared}와 겹칩니다: --first-port나 --port를 바꾸세요",
        "the lines' ports {first}..{last} overlap the shared port {shared}: change --first-port or --port",
    ),
    "bad_port_range": (
        "포트 {port}은 1에서 65535 사이가 아닙니다 (라인 포트는 {first}..{last})",
        "port {port} is not in 1..65535 (the lines' ports are {first}..{last})",
    ),
    "out_needed": ("--record에는 --out 폴더가 필요합니다", "--record needs an --out folder"),
    "port_busy": (
        "{host}:{port} 포트를 열 수 없습니다: 이미 사용 중입니다 ({what}). 다른 교실이나 시뮬레이터가 돌고 있나요? "
        "--port / --first-port / --console-port로 다른 포트를 고르세요.",
        "cannot listen on {host}:{port}: the port is in use ({what}). Is another classroom or simulator running? "
        "Pick other ports with --port / --first-port / --console-port.",
    ),
    "bind_failed": (
        "{host}:{port}에서 서버를 열 수 없습니다 ({what}): {error}",
        "cannot listen on {host}:{port} ({what}): {error}",
    ),
    "record_stopped": (
        "라인 {line}의 기록을 멈췄습니다: {error} (라인은 계속 돕니다)",
        "line {line}'s recording stopped: {error} (the line goes on)",
    ),
}


def _(key: str, lang: str, **values: Any) -> str:
    ko, en = T[key]
    return (ko if lang == "ko" else en).format(**values)


def add_parser(sub, common: argparse.ArgumentParser, lang: str, default_scenario: str) -> None:
    """Add the ``classroom`` command to the ``factorylab`` parser."""

    def h(key: str) -> str:
        return _(key, lang) if "%(" not in T[key][0] else (T[key][0] if lang == "ko" else T[key][1])

    p = sub.add_parser("classroom", parents=[common], help=h("classroom"), description=h("classroom"))
    p.add_argument("--lines", type=int, default=30, help=h("lines"))
    p.add_argument("--scenario", default=default_scenario, help=_scenario_help(lang))
    p.add_argument("--seed", type=int, default=0, help=h("seed"))
    p.add_argument("--variants", action="store_true", help=h("variants"))
    p.add_argument("--host", default="127.0.0.1", help=h("host"))
    p.add_argument("--port", type=int, default=SHARED_PORT, help=h("port"))
    p.add_argument("--first-port", type=int, default=FIRST_PORT, help=h("first_port"))
    p.add_argument("--no-line-ports", action="store_true", help=h("no_line_ports"))
    p.add_argument("--speed", type=float, default=1.0, help=h("speed"))
    p.add_argument("--out", metavar="DIR", help=h("out"))
    p.add_argument("--record", action="store_true", help=h("record"))
    p.add_argument("--record-every", type=float, default=1.0, metavar="SECONDS", help=h("record_every"))
    p.add_argument("--roster", metavar="FILE.csv", help=h("roster"))
    p.add_argument("--read-only", action="store_true", help=h("read_only"))
    p.add_argument("--demo", action="store_true", help=h("demo"))
    p.add_argument("--idle-timeout", type=float, default=IDLE_TIMEOUT, metavar="SECONDS", help=h("idle_timeout"))
    p.add_argument("--console-port", type=int, default=CONSOLE_PORT, help=h("console_port"))
    p.add_argument("--console-host", default=None, help=h("console_host"))
    p.add_argument("--no-console", action="store_true", help=h("no_console"))
    p.add_argument("--report-port", type=int, default=REPORT_PORT, help=h("report_port"))
    p.add_argument("--token", default=None, help=h("token"))
    p.add_argument("--stats", action="store_true", help=h("stats"))
    from ..uplink.command import add_sim_options as add_uplink_options

    add_uplink_options(p, lang)


def _scenario_help(lang: str) -> str:
    return (
        "시나리오 이름 또는 .yaml 파일 (기본: %(default)s)"
        if lang == "ko"
        else "scenario id or .yaml file (default: %(default)s)"
    )


def run(args: argparse.Namespace, lang: str, on_ready=None) -> int:
    """Run ``factorylab classroom``; returns the exit status (2 for a bad option or a busy port)."""
    if not 1 <= args.lines <= MAX_LINES:
        return _usage(_("bad_lines", lang, value=args.lines))
    if not 0.05 <= args.speed <= 100:
        return _usage(f"--speed 0.05..100 ({args.speed})")
    first, last = args.first_port, args.first_port + args.lines - 1
    line_ports = not args.no_line_ports
    for port in [args.port, args.console_port, args.report_port] + ([first, last] if line_ports else []):
        if not 0 <= port <= 65535:
            return _usage(_("bad_port_range", lang, port=port, first=first, last=last))
    if line_ports and first <= args.port <= last and args.port != 0:
        return _usage(_("bad_ports", lang, first=first, last=last, shared=args.port))
    if args.record and not args.out:
        return _usage(_("out_needed", lang))
    from ..uplink.command import close_sender, sender_from_args

    roster = read_roster(args.roster) if args.roster else None
    console = None
    if not args.no_console:
        from .web import WebConsole

        console_host = args.console_host or "127.0.0.1"
        separate = args.host != console_host  # students reach the classroom's address, not the console's
        console = WebConsole(
            console_host,
            args.console_port,
            token=args.token,
            lang=lang,
            report_host=args.host if separate else None,
            report_port=args.report_port if separate else None,
        )
    if args.out:
        Path(args.out).mkdir(parents=True, exist_ok=True)

    def record_stopped(line: int, error: FactoryLabError) -> None:
        print(
            f"factorylab: {_('record_stopped', lang, line=line, error=error.message(lang))}",
            file=sys.stderr,
            flush=True,
        )

    sender = sender_from_args(args, lang, lines=args.lines)  # a bad broker address: told before anything starts
    try:
        classroom = _classroom(args, roster, console, record_stopped, sender)
    except BaseException:
        close_sender(sender, lang)
        raise

    def ready(room: Classroom) -> None:
        _greet(room, args, lang, console)
        if on_ready is not None:
            on_ready(room)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, classroom.stop)
        try:
            await classroom.run(on_ready=ready)
        except asyncio.CancelledError:  # Windows: Ctrl-C cancels the main task
            pass
        finally:
            for signum in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.remove_signal_handler(signum)

    try:
        asyncio.run(main())
    except KeyboardInterrupt:  # Windows: Ctrl-C outside the loop's handler
        pass
    except OSError as exc:
        return _usage(_bind_message(exc, args, lang))
    finally:
        close_sender(sender, lang, stats=args.stats)
    print(_("stopped", lang), flush=True)
    if args.stats:
        print(stats_line(classroom, lang), flush=True)
    return 0


def _classroom(args: argparse.Namespace, roster, console, record_stopped, sender) -> Classroom:
    from ..uplink.command import channel_from_args

    line_ports = not args.no_line_ports
    first = args.first_port
    return Classroom(
        args.lines,
        scenario=args.scenario,
        seed=args.seed,
        variants=args.variants,
        host=args.host,
        first_port=first if line_ports else None,
        shared_port=args.port,
        speed=args.speed,
        out=args.out,
        record=args.record,
        record_every=args.record_every,
        roster=roster,
        read_only=args.read_only,
        demo=args.demo,
        idle_timeout=args.idle_timeout if args.idle_timeout > 0 else None,
        extras=[console] if console is not None else [],
        on_record_stop=record_stopped,
        uplink=(lambda number, plant: channel_from_args(sender, args, plant, number=number)) if sender else None,
    )


def stats_line(classroom: Classroom, lang: str) -> str:
    """Tick lateness over every line, and the servers' counters, in one line."""
    lateness = sorted(x for line in classroom.lines for x in line.runtime.stats.lateness)

    def pct(q: float) -> float:
        if not lateness:
            return 0.0
        return lateness[min(len(lateness) - 1, max(0, int(round(q / 100 * len(lateness))) - 1))] * 1e3

    shared = classroom.shared
    requests = sum(line.server.stats.requests for line in classroom.lines)
    busy = sum(line.server.stats.refused_connections for line in classroom.lines)
    if shared is not None:
        busy += shared.stats.refused_connections
    return _(
        "stats_out",
        lang,
        lines=len(classroom.lines),
        p50=pct(50),
        p99=pct(99),
        max=(lateness[-1] * 1e3 if lateness else 0.0),
        slips=sum(line.runtime.stats.slips for line in classroom.lines),
        requests=requests,
        refused=sum(line.server.stats.refused_writes for line in classroom.lines),
        busy=busy,
    )


def _greet(room: Classroom, args: argparse.Namespace, lang: str, console) -> None:
    first = room.lines[0]
    last = room.lines[-1]
    host = args.host
    shown = "이 컴퓨터의 주소" if lang == "ko" and host not in LOCAL_HOSTS else host
    if lang == "en" and host not in LOCAL_HOSTS:
        shown = "this computer's address"
    own = first.server.port is not None
    ports_ko = ports_en = ""
    if own:
        ports_ko += f"라인마다 포트: {first.server.port} (라인 1) .. {last.server.port} (라인 {last.number})\n"
        ports_en += f"A port per line: {first.server.port} (line 1) .. {last.server.port} (line {last.number})\n"
    if room.shared_port is not None:
        ports_ko += f"공유 포트: {host}:{room.shared_port} (라인 N = 유닛 ID N)\n"
        ports_en += f"Shared port: {host}:{room.shared_port} (line N = unit id N)\n"
    if own:
        example = f'"{shown}:{first.server.port}"'
        if room.shared_port is not None:
            other_ko = f' 또는 factorylab.connect("{shown}:{room.shared_port}", unit=1)'
            other_en = f' or factorylab.connect("{shown}:{room.shared_port}", unit=1)'
        else:
            other_ko = other_en = ""
    else:
        example = f'"{shown}:{room.shared_port}", unit=1'
        other_ko = other_en = ""
    print(
        _(
            "started",
            lang,
            lines=len(room.lines),
            scenario=first.plant.scenario.id,
            first_seed=first.seed,
            last_seed=last.seed,
            variants_ko=", 라인 N = 변형 N" if args.variants else "",
            variants_en=", line N = variant N" if args.variants else "",
            speed=args.speed,
            ports_ko=ports_ko,
            ports_en=ports_en,
            example=example,
            other_ko=other_ko,
            other_en=other_en,
        ),
        flush=True,
    )
    if console is not None:
        if console.report_port is not None:
            report = f"http://{shown if host not in LOCAL_HOSTS else host}:{console.report_port}"
        else:
            report = console.url.rstrip("/")
        print(
            _("console", lang, url=console.url, token=console.token, code=console.class_code, report=report), flush=True
        )
    if host not in LOCAL_HOSTS:
        print(_("open_warning", lang, host=host), file=sys.stderr, flush=True)
    if console is not None and (args.console_host or "127.0.0.1") not in LOCAL_HOSTS:
        print(_("console_warning", lang, host=args.console_host), file=sys.stderr, flush=True)


def _bind_message(exc: OSError, args: argparse.Namespace, lang: str) -> str:
    port = getattr(exc, "factorylab_port", None)
    what = getattr(exc, "factorylab_what", "")
    host = getattr(exc, "factorylab_host", args.host)
    if exc.errno == errno.EADDRINUSE or "in use" in str(exc):
        return _("port_busy", lang, host=host, port=port if port is not None else "?", what=what)
    if isinstance(exc, socket.gaierror):
        return _("bind_failed", lang, host=host, port=port if port is not None else "?", what=what, error=exc)
    return _(
        "bind_failed", lang, host=host, port=port if port is not None else "?", what=what, error=exc.strerror or exc
    )


def _usage(message: str) -> int:
    print(f"factorylab: {message}", file=sys.stderr)
    return 2
