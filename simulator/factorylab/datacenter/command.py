"""``factorylab datacenter``: collect the lines' uplinks, compare the lines, export open data.

::

    factorylab datacenter collect --embedded-broker                      # a classroom: broker and store here
    factorylab datacenter collect --broker mqtt://10.0.0.5:1883 --db postgresql://dc@db.school/factorylab
    factorylab datacenter report --db sqlite:///datacenter.sqlite        # the comparison table
    factorylab datacenter serve  --db sqlite:///datacenter.sqlite        # the page, http://127.0.0.1:8030
    factorylab datacenter export --db sqlite:///datacenter.sqlite --out class-data [--format parquet]
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
import threading
from typing import Any

from ..errors import FactoryLabError

# the defaults, here so that building the parser imports nothing heavy (collector.py, broker.py, web.py agree)
DEFAULT_URL = "sqlite:///datacenter.sqlite"
DEFAULT_BROKER = "mqtt://127.0.0.1:1883"
DEFAULT_CLIENT_ID = "factorylab-datacenter"
BROKER_PORT = 1883
WEB_PORT = 8030
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")

T: dict[str, tuple[str, str]] = {
    "datacenter": (
        "데이터센터: 라인들이 MQTT로 올린 데이터를 모아 저장하고, 라인을 비교하고, 공개 데이터로 내보냅니다",
        "the data centre: collect what the lines uplink over MQTT, compare the lines, export open data",
    ),
    "collect": (
        "MQTT 브로커를 구독해 라인들의 메시지를 저장소에 저장합니다 (Ctrl-C로 멈춤)",
        "subscribe to an MQTT broker and store the lines' messages (Ctrl-C stops)",
    ),
    "report": (
        "라인별, 날짜별 비교 표를 보여 줍니다 (OEE, 양품, 불량, 고장)",
        "print the comparison table per line and day (OEE, good parts, defects, failures)",
    ),
    "serve": (
        "라인을 비교하는 웹 페이지를 엽니다 (표와 그래프)",
        "serve the page that compares the lines (a table and a chart)",
    ),
    "export": (
        "저장된 데이터를 공개 데이터셋으로 내보냅니다: CSV(또는 Parquet)와 설명 파일 dataset.json (CC BY 4.0)",
        "export the stored data as an open dataset: CSV (or Parquet) and the dataset.json sidecar (CC BY 4.0)",
    ),
    "db": (
        "저장소: sqlite:///파일.sqlite 또는 postgresql://사용자:암호@호스트/DB (기본: %(default)s)",
        "the store: sqlite:///file.sqlite or postgresql://user:password@host/db (default: %(default)s)",
    ),
    "broker": (
        "구독할 MQTT 브로커 (기본: %(default)s). 학교나 지역은 Mosquitto를 씁니다. TLS와 암호는 아직 없습니다.",
        "the MQTT broker to subscribe to (default: %(default)s). A school or a region runs Mosquitto. No TLS or "
        "passwords yet.",
    ),
    "embedded": (
        "이 프로세스 안에서 MQTT 브로커(amqtt)를 시작합니다: 관리자 없이 교실에서 쓰기 위함",
        "start an MQTT broker (amqtt) inside this process: a classroom with no administrator",
    ),
    "broker_host": (
        "내장 브로커의 주소 (기본: %(default)s = 이 컴퓨터에서만; 학생 컴퓨터에서 올리려면 0.0.0.0)",
        "the embedded broker's address (default: %(default)s = this computer only; 0.0.0.0 for the students' "
        "computers)",
    ),
    "broker_port": ("내장 브로커의 포트 (기본: %(default)s)", "the embedded broker's port (default: %(default)s)"),
    "client_id": (
        "MQTT 클라이언트 ID: 다시 시작해도 같게 두면 브로커가 멈춘 동안의 메시지를 보관합니다 (기본: %(default)s)",
        "the MQTT client id: keep it from one start to the next and the broker keeps what came while the collector "
        "was away (default: %(default)s)",
    ),
    "stats_every": (
        "이 간격(초)마다 카운터를 보여 줍니다; 0이면 끝날 때만 (기본: %(default)s)",
        "print the counters every this many seconds; 0: only at the end (default: %(default)s)",
    ),
    "out": ("내보낼 폴더 (없으면 만듭니다)", "the folder to export into (made if missing)"),
    "format": (
        "파일 형식 (기본: %(default)s; parquet에는 pyarrow 필요)",
        "file format (default: %(default)s; parquet needs pyarrow)",
    ),
    "no_anonymise": (
        "익명화하지 않습니다: 사이트와 라인의 실제 이름을 그대로 씁니다 (공개하기 전에 확인하세요)",
        "do not anonymise: keep the sites' and lines' real names (check before you publish)",
    ),
    "tz": (
        "날짜를 나눌 시간대 (기본: 이 컴퓨터의 시간대; 예: Asia/Seoul, UTC)",
        "the time zone the days are counted in (default: this computer's; e.g. Asia/Seoul, UTC)",
    ),
    "host": (
        "페이지의 주소 (기본: %(default)s = 이 컴퓨터에서만)",
        "the page's address (default: %(default)s = this computer only)",
    ),
    "port": ("페이지의 포트 (기본: %(default)s)", "the page's port (default: %(default)s)"),
    "collecting": (
        "FactoryLab 데이터센터: {broker} 구독 중 → {db}\n끝내려면 Ctrl-C.",
        "FactoryLab data centre: subscribed to {broker} → {db}\nPress Ctrl-C to stop.",
    ),
    "embedded_started": (
        "내장 MQTT 브로커(amqtt, MQTT 3.1.1): {host}:{port}. 라인은 factorylab sim --uplink mqtt://{shown}:{port} 로 올립니다.",
        "Embedded MQTT broker (amqtt, MQTT 3.1.1): {host}:{port}. Lines uplink with factorylab sim --uplink "
        "mqtt://{shown}:{port}",
    ),
    "this_computer": ("이 컴퓨터의 주소", "this computer's address"),
    "open_warning": (
        "주의: 브로커가 {host}에서 접속을 받습니다. MQTT에 암호와 암호화가 없으니 학교 방화벽에서 이 포트를 교실 네트워크에만 여세요.",
        "Warning: the broker listens on {host}. MQTT has no password or encryption here: open this port to the "
        "classroom's network only in the school firewall.",
    ),
    "page_warning": (
        "주의: 페이지를 {host}에서 엽니다 (암호 없는 HTTP).",
        "Warning: the page listens on {host} (plain HTTP, no password).",
    ),
    "stats": (
        "받음 {received}, 저장 {stored}, 중복 {duplicates}, 거부 {rejected}, DB 재시도 {db_retries}",
        "received {received}, stored {stored}, duplicates {duplicates}, rejected {rejected}, db retries {db_retries}",
    ),
    "stopped": ("데이터센터를 멈췄습니다. {stats}", "Data centre stopped. {stats}"),
    "exported": ("{path}  ({rows}행)", "{path}  ({rows} rows)"),
    "exported_sidecar": ("{path}  (설명 파일, CC BY 4.0)", "{path}  (the sidecar, CC BY 4.0)"),
    "no_data": (
        "아직 데이터가 없습니다: 라인이 업링크하면 (factorylab sim --uplink mqtt://...) 나타납니다.",
        "No data yet: lines appear once they uplink (factorylab sim --uplink mqtt://...).",
    ),
    "serving": (
        "FactoryLab 데이터센터 페이지: {url}  (저장소: {db})\n끝내려면 Ctrl-C.",
        "FactoryLab data centre page: {url}  (store: {db})\nPress Ctrl-C to stop.",
    ),
    "bad_port": ("포트는 1에서 65535 사이입니다 (입력: {port})", "a port is 1..65535 (got {port})"),
}

#: The report's columns: (name in compare(), Korean heading, English heading, format)
REPORT_COLUMNS = [
    ("name", "라인", "line", "{}"),
    ("day", "날짜", "day", "{}"),
    ("oee", "OEE%", "OEE%", "{:.1f}"),
    ("availability", "가용성%", "avail%", "{:.1f}"),
    ("performance", "성능%", "perf%", "{:.1f}"),
    ("quality", "품질%", "qual%", "{:.1f}"),
    ("parts", "완성", "parts", "{}"),
    ("good", "양품", "good", "{}"),
    ("defects", "불량", "defects", "{}"),
    ("cnc_failures", "CNC고장", "CNC fail", "{}"),
    ("faults", "고장", "faults", "{}"),
]


def _(key: str, lang: str, **values: Any) -> str:
    ko, en = T[key]
    return (ko if lang == "ko" else en).format(**values)


def add_parser(sub: Any, common: argparse.ArgumentParser, lang: str) -> None:
    """Add the ``datacenter`` command (collect, report, serve, export) to the ``factorylab`` parser."""

    def h(key: str) -> str:
        ko, en = T[key]
        return ko if lang == "ko" else en

    p = sub.add_parser("datacenter", parents=[common], help=h("datacenter"), description=h("datacenter"))
    p.set_defaults(datacenter_parser=p)
    dsub = p.add_subparsers(dest="datacenter_command", metavar="<collect|report|serve|export>")

    collect = dsub.add_parser("collect", parents=[common], help=h("collect"), description=h("collect"))
    collect.add_argument("--broker", default=DEFAULT_BROKER, metavar="mqtt://HOST:PORT", help=h("broker"))
    collect.add_argument("--embedded-broker", action="store_true", help=h("embedded"))
    collect.add_argument("--broker-host", default="127.0.0.1", help=h("broker_host"))
    collect.add_argument("--broker-port", type=int, default=BROKER_PORT, help=h("broker_port"))
    collect.add_argument("--db", default=DEFAULT_URL, metavar="URL", help=h("db"))
    collect.add_argument("--client-id", default=DEFAULT_CLIENT_ID, help=h("client_id"))
    collect.add_argument("--stats-every", type=float, default=10.0, metavar="SECONDS", help=h("stats_every"))

    report = dsub.add_parser("report", parents=[common], help=h("report"), description=h("report"))
    report.add_argument("--db", default=DEFAULT_URL, metavar="URL", help=h("db"))
    report.add_argument("--tz", default=None, help=h("tz"))

    serve = dsub.add_parser("serve", parents=[common], help=h("serve"), description=h("serve"))
    serve.add_argument("--db", default=DEFAULT_URL, metavar="URL", help=h("db"))
    serve.add_argument("--host", default="127.0.0.1", help=h("host"))
    serve.add_argument("--port", type=int, default=WEB_PORT, help=h("port"))
    serve.add_argument("--tz", default=None, help=h("tz"))

    export = dsub.add_parser("export", parents=[common], help=h("export"), description=h("export"))
    export.add_argument("--db", default=DEFAULT_URL, metavar="URL", help=h("db"))
    export.add_argument("--out", required=True, metavar="DIR", help=h("out"))
    export.add_argument("--format", choices=("csv", "parquet"), default="csv", help=h("format"))
    export.add_argument("--no-anonymise", action="store_true", help=h("no_anonymise"))


def run(args: argparse.Namespace, lang: str, on_ready: Any = None) -> int:
    """Run ``factorylab datacenter ...``; returns the exit status (2 for a bad option, store or folder).

    ``on_ready`` (for tests) is called with the collector and the stop event once ``collect``
    runs, or with the uvicorn server before ``serve`` starts it.
    """
    command = getattr(args, "datacenter_command", None)
    try:
        if command == "collect":
            return _collect(args, lang, on_ready)
        if command == "report":
            return _report(args, lang)
        if command == "serve":
            return _serve(args, lang, on_ready)
        if command == "export":
            return _export(args, lang)
    except FactoryLabError as exc:
        return _usage(exc.message(lang))
    parser = getattr(args, "datacenter_parser", None)
    if parser is not None:
        parser.print_help()
    return 2


def _usage(message: str) -> int:
    print(f"factorylab: {message}", file=sys.stderr, flush=True)
    return 2


def _check_port(port: int) -> None:
    if not 1 <= port <= 65535:
        raise FactoryLabError(T["bad_port"][0].format(port=port), T["bad_port"][1].format(port=port))


class _StderrLines(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        print(f"factorylab datacenter: {record.getMessage()}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def _until_signal() -> Any:
    """An Event set by Ctrl-C or SIGTERM (in the main thread)."""
    stop = threading.Event()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(ValueError, OSError):
                previous[signum] = signal.signal(signum, lambda *_: stop.set())
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            with contextlib.suppress(ValueError, OSError):
                signal.signal(signum, handler)


def _collect(args: argparse.Namespace, lang: str, on_ready: Any) -> int:
    from .collector import Collector
    from .store import open_store

    handler = _StderrLines()
    logger = logging.getLogger("factorylab.datacenter")
    logger.addHandler(handler)
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.INFO)
    logger.propagate = False  # told once, on stderr, in our words
    broker = None
    collector = None
    try:
        store = open_store(args.db)  # a wrong URL or a store that cannot be reached: told now, exit 2
        broker_url = args.broker
        version = 5
        if args.embedded_broker:
            try:
                from .broker import EmbeddedBroker
            except ImportError:
                raise FactoryLabError(
                    '내장 브로커에는 amqtt가 필요합니다: pip install "factorylab[datacenter]" (또는 Mosquitto를 '
                    "설치하고 --broker로 주소를 주세요)",
                    'the embedded broker needs amqtt: pip install "factorylab[datacenter]" (or install Mosquitto '
                    "and give its address with --broker)",
                ) from None

            _check_port(args.broker_port)
            broker = EmbeddedBroker(args.broker_host, args.broker_port).start()
            broker_url, version = broker.url, 4
            shown = args.broker_host if args.broker_host not in ("0.0.0.0", "::") else _("this_computer", lang)
            print(_("embedded_started", lang, host=args.broker_host, port=args.broker_port, shown=shown), flush=True)
            if args.broker_host not in LOCAL_HOSTS:
                print(_("open_warning", lang, host=args.broker_host), file=sys.stderr, flush=True)
        # the embedded broker (amqtt) drops a message not acknowledged within 5 s: acknowledge on receipt
        collector = Collector(
            broker_url,
            store,
            client_id=args.client_id,
            mqtt_version=version,
            ack_after_commit=broker is None,
            lang=lang,
        )
        with _until_signal() as stop:
            collector.start()
            print(_("collecting", lang, broker=collector.broker_url, db=store.url), flush=True)
            if broker is not None:
                collector.wait_connected(10)  # subscribed before the lines are told where to send
            if on_ready is not None:
                on_ready(collector, stop)
            every = args.stats_every if args.stats_every > 0 else None
            while not stop.wait(every):
                print(_("stats", lang, **collector.stats), flush=True)
        collector.stop()
        store.close()
        print(_("stopped", lang, stats=_("stats", lang, **collector.stats)), flush=True)
        return 0
    finally:
        if collector is not None:
            collector.stop()
        if broker is not None:
            broker.stop()
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def _report(args: argparse.Namespace, lang: str) -> int:
    from . import queries

    queries.timezone(args.tz)  # an unknown zone told before anything is read
    with queries.opened(args.db) as store:
        table = queries.compare(store, args.tz)
    if not len(table):
        print(_("no_data", lang))
        return 0
    table = table.assign(name=table["site"] + "/" + table["line"])
    header = [ko if lang == "ko" else en for _name, ko, en, _f in REPORT_COLUMNS]
    rows = []
    for record in table.to_dict("records"):
        row = []
        for name, _ko, _en, spec in REPORT_COLUMNS:
            value = record[name]
            row.append("–" if value is None or value != value else spec.format(value))
        rows.append(row)
    widths = [max(_width(h), *(_width(r[i]) for r in rows)) for i, h in enumerate(header)]
    for line in [header, *rows]:
        cells = [_pad(cell, widths[i], left=i < 2) for i, cell in enumerate(line)]
        print("  ".join(cells).rstrip())
    return 0


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (Hangul takes two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _pad(text: str, width: int, *, left: bool) -> str:
    space = " " * (width - _width(text))
    return text + space if left else space + text


def _serve(args: argparse.Namespace, lang: str, on_ready: Any) -> int:
    from . import queries, web
    from .store import open_store

    _check_port(args.port)
    queries.timezone(args.tz)
    store = open_store(args.db)  # told now if it cannot be opened
    url = store.url
    store.close()
    sock = web.listen(args.host, args.port, lang)
    host = args.host if args.host not in ("0.0.0.0", "::") else "127.0.0.1"
    print(_("serving", lang, url=f"http://{host}:{sock.getsockname()[1]}/", db=url), flush=True)
    if args.host not in LOCAL_HOSTS:
        print(_("page_warning", lang, host=args.host), file=sys.stderr, flush=True)
    web.serve(args.db, args.host, args.port, lang=lang, tz=args.tz, sock=sock, on_server=on_ready)
    return 0


def _export(args: argparse.Namespace, lang: str) -> int:
    from .export import export

    written = export(args.db, args.out, format=args.format, anonymise=not args.no_anonymise)
    import json

    sidecar = json.loads(written[-1].read_text(encoding="utf-8"))
    for path in written[:-1]:
        rows = sidecar["files"][path.stem]["rows"]
        print(_("exported", lang, path=path, rows=rows))
    print(_("exported_sidecar", lang, path=written[-1]))
    return 0
