"""``factorylab datacenter``: collect (with the embedded broker), report, export, the page; errors are exit 2."""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import threading
from pathlib import Path

import httpx
import pytest

from factorylab.datacenter import broker, collector, command, store, web
from tests.datacenter.messages import FakeLine, Publisher
from tests.datacenter.test_collector import wait_until
from tests.services import free_port


def run(argv: list[str], lang: str = "en", on_ready=None) -> int:
    parser = argparse.ArgumentParser(prog="factorylab")
    common = argparse.ArgumentParser(add_help=False)
    command.add_parser(parser.add_subparsers(dest="command"), common, lang)
    return command.run(parser.parse_args(["datacenter", *argv]), lang, on_ready)


def test_the_commands_defaults_are_the_modules() -> None:
    assert command.DEFAULT_URL == store.DEFAULT_URL
    assert command.DEFAULT_BROKER == collector.DEFAULT_BROKER
    assert command.DEFAULT_CLIENT_ID == collector.DEFAULT_CLIENT_ID
    assert command.BROKER_PORT == broker.DEFAULT_PORT and command.WEB_PORT == web.DEFAULT_PORT == 8030


def test_collect_with_the_embedded_broker(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    port = free_port()
    url = f"sqlite:///{tmp_path / 'class.sqlite'}"
    ready = threading.Event()
    handles: dict = {}

    def on_ready(running, stop) -> None:
        handles.update(collector=running, stop=stop)
        ready.set()

    argv = ["collect", "--embedded-broker", "--broker-port", str(port), "--db", url, "--stats-every", "0"]
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(run(argv, on_ready=on_ready)), daemon=True)
    thread.start()
    assert ready.wait(20)
    publisher = Publisher(f"mqtt://127.0.0.1:{port}", version=4)
    records = [r for i in range(3) for r in FakeLine(line=f"line-0{i + 1}").stream(50)]
    for record in records:
        publisher.send(record)
    publisher.close()
    wait_until(lambda: handles["collector"].stats["stored"] >= len(records))
    handles["stop"].set()  # as Ctrl-C does
    thread.join(20)
    assert result == [0]
    out = capsys.readouterr().out
    assert f"mqtt://127.0.0.1:{port}" in out and "Data centre stopped" in out and f"stored {len(records)}" in out
    # and the teacher's report of it
    assert run(["report", "--db", url, "--tz", "UTC"]) == 0
    report = capsys.readouterr().out.splitlines()
    assert report[0].split()[:3] == ["line", "day", "OEE%"] and len(report) == 4
    assert report[1].startswith("school-a/line-01  2025-03-14  80.0")


def test_report_export_and_their_errors(hand_made, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    url = hand_made.url
    assert run(["report", "--db", url, "--tz", "UTC"], lang="ko") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["라인", "날짜", "OEE%"]
    assert lines[3].split()[:3] == ["s1/b", "2025-03-14", "50.0"]
    assert run(["export", "--db", url, "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "parts.csv  (6 rows)" in out and "dataset.json" in out
    assert json.loads((tmp_path / "out" / "dataset.json").read_text(encoding="utf-8"))["anonymised"] is True
    cases = [
        (["report", "--db", "mysql://x/y"], "cannot tell what database"),
        (["report", "--db", "postgresql://nobody@127.0.0.1:1/x"], "unavailable"),
        (["report", "--db", url, "--tz", "Nowhere/City"], "unknown time zone"),
        (["export", "--db", url, "--out", str(tmp_path / "out" / "parts.csv" / "x")], "cannot write"),
        (["collect", "--db", "postgresql://nobody@127.0.0.1:1/x"], "unavailable"),
        (["collect", "--db", url, "--broker", "tcp://x"], "mqtt://HOST:PORT"),
        (["collect", "--db", url, "--embedded-broker", "--broker-port", "70000"], "1..65535"),
        (["serve", "--db", "nowhere/at/all.sqlite"], "no folder"),
    ]
    for argv, words in cases:
        assert run(argv) == 2, argv
        assert words in capsys.readouterr().err, argv
    assert run([]) == 2  # no subcommand: the help
    assert "collect" in capsys.readouterr().out


def test_the_page(hand_made, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    port = free_port()
    servers: list = []
    result: list[int] = []
    argv = ["serve", "--db", hand_made.url, "--port", str(port), "--tz", "UTC"]
    thread = threading.Thread(target=lambda: result.append(run(argv, "ko", servers.append)), daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: bool(servers) and servers[0].started, timeout=20, what="the page")
        page = httpx.get(f"{base}/", timeout=10)
        assert page.status_code == 200 and "라인 비교" in page.text
        assert "s1/a" in page.text and "77.5" in page.text and 'src="chart.png?lang=ko"' in page.text
        english = httpx.get(f"{base}/?lang=en", timeout=10)
        assert "Lines compared, per day" in english.text and "CNC failures" in english.text
        chart = httpx.get(f"{base}/chart.png", timeout=30)
        assert chart.status_code == 200 and chart.content.startswith(b"\x89PNG")
    finally:
        if servers:
            servers[0].should_exit = True
        thread.join(10)
    assert result == [0] and f"{base}/" in capsys.readouterr().out
    # no data yet; a store that went away
    assert "No data yet" in web.render(f"sqlite:///{tmp_path / 'new.sqlite'}", "en")
    assert web.chart(f"sqlite:///{tmp_path / 'new.sqlite'}", "en").startswith(b"\x89PNG")
    answer = asyncio.run(asgi_get(web.make_app("postgresql://nobody@127.0.0.1:1/x", lang="en"), "/"))
    assert answer.status_code == 503 and "cannot read the store" in answer.text


async def asgi_get(app, path: str) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://page") as client:
        return await client.get(path)


def test_serve_on_a_port_in_use(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        port = taken.getsockname()[1]
        assert run(["serve", "--db", f"sqlite:///{tmp_path / 'x.sqlite'}", "--port", str(port)]) == 2
        assert "the port is in use" in capsys.readouterr().err
    finally:
        taken.close()
