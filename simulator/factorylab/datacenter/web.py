"""The data centre's page: the class's lines side by side (``factorylab datacenter serve``).

::

    factorylab datacenter serve --db sqlite:///class.sqlite            # http://127.0.0.1:8030

One server-rendered page (Starlette, uvicorn; no JavaScript) that reloads itself every 30 s:
the lines that sent data (messages, last seen), a table of OEE (and its availability,
performance and quality, as each line reports them), finished and good parts, defects, CNC
failures and faults per line and day (:func:`factorylab.datacenter.queries.compare`), and a
chart of OEE per line and day (PNG, matplotlib, Hangul with FactoryLab's font).
``?lang=en`` / ``?lang=ko`` switches the language. It only reads the store. It binds
127.0.0.1 (this computer only) unless told ``--host``; it has no password: what it shows is
what the class's lines produced, which the teacher may show the class.
"""

from __future__ import annotations

import datetime
import errno
import html
import io
import math
import os
import socket
from collections.abc import Callable
from importlib import resources
from typing import Any

from ..errors import FactoryLabError
from . import queries
from .store import redact

DEFAULT_PORT = 8030
DAYS_CHARTED = 7
REFRESH = 30  # s

T: dict[str, tuple[str, str]] = {
    "title": ("FactoryLab 데이터센터", "FactoryLab data centre"),
    "store": ("저장소", "Store"),
    "lines": ("라인", "Lines"),
    "compare": ("라인 비교 (날짜별)", "Lines compared, per day"),
    "chart": ("라인별 OEE", "OEE per line"),
    "no_data": (
        "아직 데이터가 없습니다. 라인이 업링크하면 (factorylab sim --uplink mqtt://...) 여기에 나타납니다.",
        "No data yet. Lines appear here once they uplink (factorylab sim --uplink mqtt://...).",
    ),
    "refresh": ("{seconds}초마다 새로 고침", "reloads every {seconds} s"),
    "line": ("라인", "line"),
    "day": ("날짜", "day"),
    "runs": ("실행", "runs"),
    "samples": ("샘플", "samples"),
    "events": ("이벤트", "events"),
    "faults": ("고장", "faults"),
    "parts": ("완성 부품", "parts"),
    "last_seen": ("마지막 수신 (UTC)", "last message (UTC)"),
    "oee": ("OEE %", "OEE %"),
    "availability": ("가용성 %", "availability %"),
    "performance": ("성능 %", "performance %"),
    "quality": ("품질 %", "quality %"),
    "good": ("양품", "good"),
    "defects": ("불량", "defects"),
    "defect_rate": ("불량률 %", "defect rate %"),
    "cnc_failures": ("CNC 고장", "CNC failures"),
    "oee_note": (
        "OEE와 가용성·성능·품질은 각 라인이 그날 마지막으로 보고한 값입니다 (실행 시작부터 누적). 부품, 불량, 고장은 그날의 개수입니다.",
        "OEE, availability, performance and quality are what each line last reported that day (since its run "
        "started); parts, defects and failures are that day's counts.",
    ),
    "error": ("저장소를 읽을 수 없습니다: {error}", "cannot read the store: {error}"),
    "chart_alt": ("라인별, 날짜별 OEE 막대 그래프", "bar chart of OEE per line and day"),
    "port_busy": (
        "{host}:{port} 포트를 열 수 없습니다: 이미 사용 중입니다. --port로 다른 포트를 고르세요.",
        "cannot listen on {host}:{port}: the port is in use. Pick another port with --port.",
    ),
    "bind_failed": ("{host}:{port}에서 페이지를 열 수 없습니다: {error}", "cannot listen on {host}:{port}: {error}"),
}


def _t(key: str, lang: str, **values: Any) -> str:
    ko, en = T[key]
    return (ko if lang == "ko" else en).format(**values)


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _number(value: Any, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _when(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or str(value) == "NaT":
        return "–"
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def render(db: Any, lang: str, tz: str | None = None) -> str:
    """The page's HTML for the store ``db`` (a URL or a Store)."""
    with queries.opened(db) as opened:
        lines = queries.lines(opened)
        table = queries.compare(opened, tz)
        url = opened.url
    head = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="{REFRESH}"><title>{_e(_t("title", lang))}</title>'
        "<style>@font-face{font-family:'FactoryLab Gothic';src:url(/font.ttf) format('truetype')}"
        "body{font-family:'Malgun Gothic','Apple SD Gothic Neo','Noto Sans CJK KR','FactoryLab Gothic',sans-serif;"
        "margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}"
        "th,td{border:1px solid #bbb;padding:.25em .6em;text-align:right}th{background:#eee}"
        "td.name{text-align:left}small{color:#666}</style></head><body>"
    )
    other = "en" if lang == "ko" else "ko"
    parts = [
        head,
        f"<h1>{_e(_t('title', lang))}</h1>",
        f"<p><small>{_e(_t('store', lang))}: {_e(redact(url))} · {_e(_t('refresh', lang, seconds=REFRESH))} · "
        f'<a href="?lang={other}">{"English" if other == "en" else "한국어"}</a></small></p>',
    ]
    if not len(lines):
        parts.append(f"<p>{_e(_t('no_data', lang))}</p></body></html>")
        return "".join(parts)
    parts.append(f"<h2>{_e(_t('lines', lang))}</h2><table><tr>")
    keys = ["line", "runs", "samples", "events", "faults", "parts", "last_seen"]
    parts.append("".join(f"<th>{_e(_t(k, lang))}</th>" for k in keys) + "</tr>")
    for row in lines.itertuples(index=False):
        parts.append(
            f'<tr><td class="name">{_e(row.site)}/{_e(row.line)}</td><td>{row.runs}</td><td>{row.samples}</td>'
            f"<td>{row.events}</td><td>{row.faults}</td><td>{row.parts}</td><td>{_e(_when(row.last_wall))}</td></tr>"
        )
    parts.append("</table>")
    parts.append(f"<h2>{_e(_t('compare', lang))}</h2><table><tr>")
    keys = ["line", "day", "oee", "availability", "performance", "quality", "runs", "parts", "good", "defects"]
    keys += ["defect_rate", "cnc_failures", "faults"]
    parts.append("".join(f"<th>{_e(_t(k, lang))}</th>" for k in keys) + "</tr>")
    for row in table.itertuples(index=False):
        rate = row.defect_rate * 100 if isinstance(row.defect_rate, float) else row.defect_rate
        cells = [
            _number(row.oee),
            _number(row.availability),
            _number(row.performance),
            _number(row.quality),
            row.runs,
            row.parts,
            row.good,
            row.defects,
            _number(rate),
            row.cnc_failures,
            row.faults,
        ]
        parts.append(
            f'<tr><td class="name">{_e(row.site)}/{_e(row.line)}</td><td class="name">{_e(row.day)}</td>'
            + "".join(f"<td>{_e(c)}</td>" for c in cells)
            + "</tr>"
        )
    parts.append(f"</table><p><small>{_e(_t('oee_note', lang))}</small></p>")
    parts.append(
        f"<h2>{_e(_t('chart', lang))}</h2>"
        f'<img src="chart.png?lang={lang}" alt="{_e(_t("chart_alt", lang))}" style="max-width:100%">'
    )
    parts.append("</body></html>")
    return "".join(parts)


def chart(db: Any, lang: str, tz: str | None = None) -> bytes:
    """A PNG: OEE per line (bars), one colour per day (the last :data:`DAYS_CHARTED` days)."""
    from matplotlib.figure import Figure

    from ..plotting import use_korean_font

    use_korean_font()
    table = queries.compare(db, tz)
    figure = Figure(figsize=(9, 4.5), dpi=100)
    axes = figure.add_subplot()
    table = table[table["oee"].notna()] if len(table) else table
    if not len(table):
        axes.text(0.5, 0.5, _t("no_data", lang), ha="center", va="center", wrap=True)
        axes.set_axis_off()
    else:
        table = table.assign(name=table["site"] + "/" + table["line"])
        days = sorted(table["day"].unique())[-DAYS_CHARTED:]
        names = sorted(table["name"].unique())
        width = 0.8 / len(days)
        for index, day in enumerate(days):
            of_day = table[table["day"] == day].set_index("name")["oee"]
            heights = [float(of_day.get(name, float("nan"))) for name in names]
            positions = [i + (index - (len(days) - 1) / 2) * width for i in range(len(names))]
            axes.bar(positions, heights, width=width, label=day)
        axes.set_xticks(
            range(len(names)), names, rotation=30 if len(names) > 6 else 0, ha="right" if len(names) > 6 else "center"
        )
        axes.set_ylim(0, 100)
        axes.set_ylabel(_t("oee", lang))
        axes.set_title(_t("chart", lang))
        axes.legend(title=_t("day", lang), fontsize="small")
        axes.grid(axis="y", alpha=0.3)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def make_app(db: str, *, lang: str = "ko", tz: str | None = None) -> Any:
    """The Starlette application of the page (``/``, ``/chart.png``) for the store URL ``db``."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, Response
    from starlette.routing import Route

    def language(request: Request) -> str:
        asked = request.query_params.get("lang")
        return asked if asked in ("ko", "en") else lang

    def page(request: Request) -> Response:
        chosen = language(request)
        try:
            return HTMLResponse(render(db, chosen, tz))
        except FactoryLabError as exc:
            text = _e(_t("error", chosen, error=exc.message(chosen)))
            return HTMLResponse(
                f'<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="{REFRESH}">'
                f"</head><body><p>{text}</p></body></html>",
                status_code=503,
            )

    def picture(request: Request) -> Response:
        chosen = language(request)
        try:
            return Response(chart(db, chosen, tz), media_type="image/png", headers={"Cache-Control": "no-store"})
        except FactoryLabError as exc:
            return Response(_t("error", chosen, error=exc.message(chosen)), status_code=503)

    font: list[bytes] = []

    def hangul_font(request: Request) -> Response:
        """Our Hangul font (SIL OFL 1.1), for a computer without a Korean one; fetched only when needed."""
        if not font:
            font.append(
                (resources.files("factorylab") / "view" / "fonts" / "FactoryLabGothic-Regular.ttf").read_bytes()
            )
        return Response(font[0], media_type="font/ttf", headers={"Cache-Control": "max-age=86400"})

    return Starlette(routes=[Route("/", page), Route("/chart.png", picture), Route("/font.ttf", hangul_font)])


def listen(host: str, port: int, lang: str) -> socket.socket:
    """A listening socket on (host, port).

    Raises:
        FactoryLabError: the port is taken or the address is not this computer's.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, protocol, _, address = infos[0]
        sock = socket.socket(family, kind, protocol)
    except OSError as exc:
        raise FactoryLabError(
            _t("bind_failed", "ko", host=host, port=port, error=exc),
            _t("bind_failed", "en", host=host, port=port, error=exc),
        ) from None
    try:
        if os.name == "posix":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(64)
    except OSError as exc:
        sock.close()
        key = "port_busy" if "in use" in str(exc).lower() or exc.errno == errno.EADDRINUSE else "bind_failed"
        reason = exc.strerror or exc
        raise FactoryLabError(
            _t(key, "ko", host=host, port=port, error=reason), _t(key, "en", host=host, port=port, error=reason)
        ) from None
    return sock


def serve(
    db: str,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    *,
    lang: str = "ko",
    tz: str | None = None,
    sock: socket.socket | None = None,
    on_server: Callable[[Any], Any] | None = None,
) -> None:
    """Serve the page until Ctrl-C (blocking).

    Args:
        sock: a socket already listening (see :func:`listen`); else one is opened on ``host:port``.
        on_server: called with the uvicorn server before it starts (set its ``should_exit`` to stop it).
    """
    import uvicorn

    sock = sock or listen(host, port, lang)
    config = uvicorn.Config(
        make_app(db, lang=lang, tz=tz),
        lifespan="off",
        log_level="warning",
        log_config=None,
        access_log=False,
        ws="none",
        server_header=False,
    )
    server = uvicorn.Server(config)
    if on_server is not None:
        on_server(server)
    server.run(sockets=[sock])
