"""The ``factorylab`` command.

Help and messages are in Korean by default; ``--lang en`` or
``FACTORYLAB_LANG=en`` switches to English.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import errno
import io
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence

from . import __version__
from .i18n import LANGUAGES, current_language

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
#: The longest simulated time ``screenshot --seconds`` and ``sim --record-every`` take, s (one day).
MAX_SECONDS = 86400.0

# (Korean, English) for everything the command prints or shows in --help.
T = {
    "description": (
        "FactoryLab: 스마트공장 교육용 가상 생산 라인 (시뮬레이터, Modbus TCP 서버, 실습)",
        "FactoryLab: a virtual smart-factory line for teaching (simulator, Modbus TCP server, labs)",
    ),
    "epilog": (
        "영어로 보려면 --lang en 또는 FACTORYLAB_LANG=en. 명령마다 도움말: factorylab <명령> --help",
        "For Korean use --lang ko or FACTORYLAB_LANG=ko. Help on a command: factorylab <command> --help",
    ),
    "lang": ("화면에 쓸 언어 (ko 또는 en)", "language of messages (ko or en)"),
    "version": ("버전을 보여 주고 끝냅니다", "show the version and exit"),
    "commands": ("명령", "commands"),
    "sim": (
        "시뮬레이터를 실시간으로 돌리고 Modbus TCP로 서비스합니다",
        "run the line in real time and serve it over Modbus TCP",
    ),
    "tags": ("태그 표(Modbus 주소표)를 출력합니다", "print the tag table (the Modbus register map)"),
    "scenarios": ("시나리오 목록을 보여 줍니다", "list the scenarios"),
    "scenario": (
        "시나리오 이름 또는 .yaml 파일 경로 (기본: %(default)s)",
        "scenario id or .yaml file path (default: %(default)s)",
    ),
    "seed": (
        "난수 시드 (같은 시드 = 같은 결과, 기본: %(default)s)",
        "random seed (same seed = same run; default: %(default)s)",
    ),
    "speed": ("실시간 배속, 0.05~100 (기본: %(default)s)", "real-time factor, 0.05..100 (default: %(default)s)"),
    "host": (
        "서버 주소 (기본: %(default)s = 이 컴퓨터에서만 접속). 다른 컴퓨터에서 접속하려면 0.0.0.0",
        "address to listen on (default: %(default)s = this computer only); 0.0.0.0 lets other computers in",
    ),
    "port": ("TCP 포트 (기본: %(default)s)", "TCP port (default: %(default)s)"),
    "headless": ("창을 열지 않습니다 (서버만)", "do not open a window (server only)"),
    "no_display": (
        "화면(디스플레이)이 없어 창 없이 서버만 실행합니다.",
        "No display found: serving without a window.",
    ),
    "demo": (
        "내장 데모 프로그램이 라인을 운전합니다 (창: 패널의 기동/정지 버튼으로, --headless: 바로 운전). "
        "출력에 쓴 Modbus 값은 데모가 덮어씁니다",
        "a built-in demo program drives the line (window: with the panel's START/STOP, --headless: at once); "
        "it overwrites what Modbus clients write to outputs",
    ),
    "demo_on": (
        "데모 프로그램이 라인을 운전합니다. 조작 패널의 기동 버튼을 누르세요 (정지·비상정지·리셋도 동작).",
        "The demo program drives the line: press START on the operator panel (STOP, E-stop and reset work too).",
    ),
    "demo_on_headless": (
        "데모 프로그램이 라인을 운전합니다 (창이 없어 바로 운전).",
        "The demo program drives the line (no window, so it runs at once).",
    ),
    "window": (
        "창을 열었습니다 ({width}x{height}). 창을 닫거나 Ctrl-C로 끝냅니다.",
        "Window open ({width}x{height}): close it or press Ctrl-C to stop.",
    ),
    "window_stats": (
        "창: {frames}프레임, {seconds:.1f} 초 (초당 {fps:.1f} 프레임)",
        "window: {frames} frames in {seconds:.1f} s ({fps:.1f} frames/s)",
    ),
    "no_window": (
        "창을 열 수 없어 창 없이 계속합니다 ({error}). 끝내려면 Ctrl-C.",
        "cannot open a window ({error}); going on without one. Press Ctrl-C to stop.",
    ),
    "screenshot": (
        "라인을 빨리감기로 돌린 뒤 화면을 PNG 파일로 저장합니다 (창 없이)",
        "fast-forward the line and save the view as a PNG file (no window needed)",
    ),
    "shot_seconds": (
        "찍기 전에 돌릴 시뮬레이션 시간, 초, 0~86400 (기본: %(default)s)",
        "simulated seconds to run first, 0..86400 (default: %(default)s)",
    ),
    "shot_out": ("저장할 PNG 파일", "PNG file to write"),
    "shot_size": ("이미지 크기 (기본: %(default)s)", "image size (default: %(default)s)"),
    "shot_overlay": ("장치마다 태그 이름과 Modbus 주소를 표시합니다", "show each device's tag name and Modbus address"),
    "shot_done": (
        "{path} 저장 ({width}x{height}, 시나리오 '{scenario}', {seconds} 초)",
        "wrote {path} ({width}x{height}, scenario '{scenario}', {seconds} s)",
    ),
    "bad_size": ("--size는 1280x720처럼 적으세요 (입력: {size})", "--size must look like 1280x720 (got {size})"),
    "bad_seconds": (
        "--seconds는 0에서 86400 (하루) 사이의 숫자여야 합니다 (입력: {seconds})",
        "--seconds must be a number from 0 to 86400 (one day) (got {seconds})",
    ),
    "stats": ("끝낼 때 틱 지연과 요청 통계를 출력합니다", "print tick lateness and request statistics on exit"),
    "format": ("출력 형식 (기본: %(default)s)", "output format (default: %(default)s)"),
    "started": (
        "FactoryLab 시뮬레이터 {version} — 시나리오 '{scenario}', 시드 {seed}{variant_ko}, 배속 {speed}\n"
        "Modbus TCP 서버: {host}:{port} (유닛 ID 1). 끝내려면 Ctrl-C.\n"
        "예: mbpoll -m tcp -p {port} -0 -t 0 -r {coil} {host} 1   # {coil_name} 켜기",
        "FactoryLab simulator {version} — scenario '{scenario}', seed {seed}{variant_en}, speed {speed}\n"
        "Modbus TCP server on {host}:{port} (unit id 1). Press Ctrl-C to stop.\n"
        "Try: mbpoll -m tcp -p {port} -0 -t 0 -r {coil} {host} 1   # switch {coil_name} on",
    ),
    "open_warning": (
        "주의: {host}에서 접속을 받습니다. 같은 네트워크의 누구나 라인을 조작할 수 있습니다.",
        "Warning: listening on {host}. Anyone on the network can operate the line.",
    ),
    "stopped": (
        "시뮬레이터를 멈췄습니다 (시뮬레이션 시간 {time:.1f} s).",
        "Simulator stopped (simulated time {time:.1f} s).",
    ),
    "port_busy": (
        "{host}:{port} 포트를 열 수 없습니다: 이미 사용 중입니다. 다른 시뮬레이터가 돌고 있나요? 다른 포트(--port {next})로 해 보세요.",
        "cannot listen on {host}:{port}: the port is in use. Is another simulator running? Try --port {next}.",
    ),
    "bad_host": (
        "{host}:{port}에서 서버를 열 수 없습니다: '{host}'는 이 컴퓨터의 주소가 아닙니다 ({error}). "
        "이 컴퓨터만: --host 127.0.0.1, 다른 컴퓨터에서도: --host 0.0.0.0",
        "cannot listen on {host}:{port}: '{host}' is not an address of this computer ({error}). "
        "This computer only: --host 127.0.0.1; other computers too: --host 0.0.0.0",
    ),
    "bind_failed": ("{host}:{port}에서 서버를 열 수 없습니다: {error}", "cannot listen on {host}:{port}: {error}"),
    "bad_speed": (
        "--speed는 0.05에서 100 사이여야 합니다 (입력: {speed})",
        "--speed must be between 0.05 and 100 (got {speed})",
    ),
    "bad_seed": (
        "--seed는 0 이상의 정수여야 합니다 (입력: {seed})",
        "--seed must be a whole number of 0 or more (got {seed})",
    ),
    "bad_port": (
        "--port는 0에서 65535 사이여야 합니다 (입력: {port})",
        "--port must be between 0 and 65535 (got {port})",
    ),
    "record": ("태그 값을 이 SQLite 파일에 기록합니다", "record tag values into this SQLite file"),
    "fault_log": (
        "고장마다 종류, 대상, 시작과 끝 시각을 이 CSV 파일에 씁니다 (고장 진단 실습의 정답표: 학생에게 보이지 마세요)",
        "write each fault's kind, target, start and end to this CSV file (the diagnosis drill's answer key: "
        "keep it from the students)",
    ),
    "fault_log_stopped": (
        "시뮬레이터는 고장 기록 없이 계속 동작합니다.",
        "The simulator goes on without the fault log.",
    ),
    "record_every": (
        "기록 간격, 초, 0.05~86400 (기본: %(default)s)",
        "seconds between records, 0.05..86400 (default: %(default)s)",
    ),
    "bad_record_every": (
        "--record-every는 0.05에서 86400 사이의 초여야 합니다 (입력: {every})",
        "--record-every must be a number of seconds from 0.05 to 86400 (got {every})",
    ),
    "record_tags_empty": (
        "--record-tags에 태그 이름이 없습니다. 예: --record-tags conveyor1.run,oven.temperature",
        "--record-tags names no tag. For example: --record-tags conveyor1.run,oven.temperature",
    ),
    "record_tags_twice": (
        "--record-tags에 같은 태그가 두 번 있습니다: {tags}. 태그마다 한 번만 적으세요.",
        "--record-tags names a tag more than once: {tags}. Name each tag once.",
    ),
    "record_tags_unknown": (
        "--record-tags에 이 시나리오에 없는 태그가 있습니다: {tags}.{hint_ko} 태그 목록: factorylab tags",
        "--record-tags names tags this scenario does not have: {tags}.{hint_en} The list: factorylab tags",
    ),
    "record_tags": (
        "기록할 태그, 쉼표로 구분 (기본: 전부)",
        "tags to record, separated by commas (default: all)",
    ),
    "dataset": (
        "라인을 빨리감기로 돌려 레이블이 붙은 데이터셋(CSV + JSON 설명)을 만듭니다",
        "fast-forward the line and write a labelled dataset (CSV + JSON description)",
    ),
    "hours": ("시뮬레이션 시간 (기본: %(default)s)", "simulated hours (default: %(default)s)"),
    "dataset_scenario": (
        "시나리오: {choices} 중 하나 (CNC 가공기가 있는 시나리오만 됩니다, 기본: %(default)s)",
        "scenario: one of {choices} (only these have the CNC machine; default: %(default)s)",
    ),
    "out": ("출력 파일 (.csv)", "output file (.csv)"),
    "no_faults": ("무작위 고장 없이 만듭니다", "no random faults"),
    "variant": (
        "설비 변형 번호 0~9999: 학생마다 오븐·탱크·벨트 특성이 조금씩 다른 설비 (기본: 시나리오의 값, 보통 0)",
        "plant variant 0-9999: each student's own oven, tank and belts (default: the scenario's, usually 0)",
    ),
    "bad_variant": (
        "--variant는 0에서 9999 사이의 정수여야 합니다 (입력: {variant})",
        "--variant must be a whole number from 0 to 9999 (got {variant})",
    ),
    "tool_policy": (
        "공구 교체 방식: mixed (공구마다 마모 180~245분 사이에서 교체, 일부는 먼저 고장), run-to-failure "
        "(고장 날 때까지 사용), fixed:분 (예: fixed:190) (기본: %(default)s)",
        "when each tool is changed: mixed (at a wear between 180 and 245 min, some wear out first), "
        "run-to-failure, or fixed:MINUTES (e.g. fixed:190) (default: %(default)s)",
    ),
    "progress": (
        "진행 막대를 보여 줍니다 (기본: 터미널에서만)",
        "show a progress bar (default: only on a terminal)",
    ),
    "record_stopped": (
        "시뮬레이터는 기록 없이 계속 서비스합니다.",
        "The simulator goes on serving, without recording.",
    ),
    "dataset_done": (
        "{parts}개 부품 (설비 고장 {failures}개, {rate}), 설비 기록 {machines}줄 ({hours} 시간, 시드 {seed}, "
        "공구 정책 {policy}):",
        "{parts} parts ({failures} machine failures, {rate}), {machines} machine records ({hours} h, seed {seed}, "
        "tool policy {policy}):",
    ),
    "lab": ("실습 노트북 (학생용과 정답용)", "lab notebooks (student and solution)"),
    "lab_build": ("실습 노트북을 만듭니다", "build the lab notebooks"),
    "lab_list": ("실습 목록을 보여 줍니다", "list the labs"),
    "course": (
        "과정 계획(curriculum/course.yaml)을 보여 줍니다: 단원, 시간, 실습, 검사",
        "show the course plan (curriculum/course.yaml): units, hours, labs, checks",
    ),
    "course_check": (
        "과정 파일만 검사합니다 (문제가 있으면 파일과 줄을 알려 주고 종료 코드 2)",
        "only validate the course file (a problem names file and line; exit status 2)",
    ),
    "course_file": (
        "검사할 과정 파일 (기본: 함께 설치된 course.yaml)",
        "the course file (default: the shipped course.yaml)",
    ),
    "lab_out": ("노트북을 쓸 폴더 (기본: %(default)s)", "folder to write the notebooks into (default: %(default)s)"),
    "lab_force": (
        "이미 있는 노트북도 덮어씁니다 (학생이 작업한 내용이 사라집니다!)",
        "overwrite notebooks that exist (a student's work is lost!)",
    ),
    "lab_kept": ("이미 있어서 그대로 둠", "exists, kept"),
    "lab_written": ("만듦", "written"),
    "lab_solutions": (
        "정답 노트북(solution/)도 만듭니다: 교사용입니다. 학생 작업 폴더에는 넣지 마세요",
        "also write the solution notebooks (solution/): for the teacher, never into a student's workspace",
    ),
    "lab_next": (
        "학생용 노트북을 {out}에 만들었습니다. 학생은 factorylab start로 작업 폴더와 JupyterLab을 한 번에 엽니다.",
        "student notebooks are in {out}. Students open their workspace and JupyterLab with: factorylab start",
    ),
    "start": (
        "작업 폴더에 실습을 넣고 JupyterLab(한국어)과 시뮬레이터를 함께 띄웁니다",
        "put the labs in a workspace and open JupyterLab (in Korean) and the simulator together",
    ),
    "workspace": (
        "노트북을 둘 작업 폴더 (기본: 홈 폴더의 factorylab)",
        "folder for your notebooks (default: factorylab in your home folder)",
    ),
    "no_browser": ("브라우저를 열지 않습니다 (주소만 알려 줌)", "do not open the browser (the address is printed)"),
    "docs": ("문서 사이트를 만들어 이 컴퓨터에서 띄웁니다", "build the docs site and serve it on this computer"),
    "docs_port": ("포트 (기본: %(default)s)", "port (default: %(default)s)"),
    "docs_out": (
        "사이트를 만들 폴더: 새 폴더, 빈 폴더 또는 전에 만든 사이트 폴더 (기본: site; 설치된 사이트는 그 자리에서 띄움)",
        "folder to build the site into: a new or empty one, or an earlier site build (default: site; "
        "an installed site is served where it is)",
    ),
    "docs_build_only": ("만들기만 하고 띄우지 않습니다", "build only, do not serve"),
    "docs_missing": (
        "문서를 찾을 수 없습니다: 이 설치에는 만들어 둔 사이트가 없고 문서 원본(mkdocs.yml)도 없습니다. "
        "저장소를 받은 폴더 안에서 실행하거나 factorylab 휠(.whl)로 설치하세요.",
        "cannot find the docs: this install has no built site and there are no docs sources (mkdocs.yml). "
        "Run this inside the cloned repository, or install factorylab from its wheel (.whl).",
    ),
    "docs_tools": (
        '문서 도구가 없습니다. 설치: pip install -e ".[docs]"',
        'the docs tools are not installed. Install them: pip install -e ".[docs]"',
    ),
    "docs_serving": (
        "문서: http://127.0.0.1:{port}/ (한국어), http://127.0.0.1:{port}/en/ (English). 끝내려면 Ctrl-C.",
        "Docs at http://127.0.0.1:{port}/ (Korean) and http://127.0.0.1:{port}/en/ (English). Press Ctrl-C to stop.",
    ),
    "docs_built": ("사이트를 만들었습니다: {out}", "site built in {out}"),
    "docs_copied": ("설치된 사이트를 복사했습니다: {out}", "installed site copied to {out}"),
    "docs_packaged": (
        "설치된 문서 사이트를 띄웁니다: {site}",
        "serving the docs site installed with the package: {site}",
    ),
    "docs_failed": ("문서 사이트를 만들지 못했습니다: {error}", "building the docs site failed: {error}"),
    "docs_port_busy": (
        "127.0.0.1:{port} 포트를 열 수 없습니다 ({error}). 다른 포트(--port {next})로 해 보세요.",
        "cannot listen on 127.0.0.1:{port} ({error}). Try --port {next}.",
    ),
    "stats_out": (
        "틱 {ticks}회, 지연 p50 {p50:.3f} ms, p99 {p99:.3f} ms, 최대 {max:.3f} ms, 밀림 {slips}회; 요청 {requests}건, 예외 {exceptions}; "
        "연결 {connections}건 (바빠서 거절 {busy}, 자리 내줌 {evicted}, 유휴로 닫음 {idle}, 답을 읽지 않아 닫음 {stalled})",
        "{ticks} ticks, lateness p50 {p50:.3f} ms, p99 {p99:.3f} ms, max {max:.3f} ms, slips {slips}; {requests} requests, exceptions {exceptions}; "
        "{connections} connections ({busy} turned away busy, {evicted} let go for a newcomer, {idle} closed idle, "
        "{stalled} closed for not reading)",
    ),
    "tags_where": (
        "이 주소들은 유닛 ID 1로 읽고 씁니다: factorylab sim의 포트(기본 5020). 교실 서버(factorylab classroom)에서는 "
        "내 라인의 포트(라인 1은 5021, 라인 2는 5022 ...) 또는 공유 포트 5020에서 유닛 ID = 내 라인 번호입니다 "
        '(factorylab.connect("선생님PC:5020", unit=7); mbpoll은 -a 7). 문서: 교실 서버.',
        "Read and write these addresses with unit id 1 on the port of factorylab sim (5020 by default). On a classroom "
        "server (factorylab classroom) use your own line's port (5021 for line 1, 5022 for line 2 ...) or the shared "
        'port 5020 with unit id = your line number (factorylab.connect("teacher-pc:5020", unit=7); mbpoll -a 7). '
        "Docs: the classroom server.",
    ),
    "capstone": ("캡스톤 채점 (숨은 시드, 순위표)", "capstone scoring (hidden seeds, leaderboard)"),
    "capstone_score": (
        "팀 폴더의 <팀>.py를 모두 숨은 시드로 채점하고 순위표를 씁니다 (학생 코드를 그대로 실행합니다: 샌드박스 없음)",
        "score every <team>.py of a folder on its hidden seeds and write the leaderboard (runs the students' code as "
        "it is: no sandbox)",
    ),
    "capstone_practice": ("팀 파일 하나를 연습 시드로 채점합니다", "score one team file on the practice seeds"),
    "capstone_teams": (
        "팀 파일(<팀>.py, make_controller 정의)이 있는 폴더",
        "folder of team files (<team>.py defining make_controller)",
    ),
    "capstone_team": ("팀 파일 (make_controller 정의)", "team file (defining make_controller)"),
    "capstone_secret": ("교사 비밀값이 든 파일", "file holding the teacher's secret"),
    "capstone_out": ("순위표를 쓸 폴더 (기본: %(default)s)", "folder for the leaderboard (default: %(default)s)"),
    "capstone_jobs": ("동시에 채점할 프로세스 수 (기본: 코어 수)", "processes scoring at once (default: the cores)"),
    "capstone_hours": (
        "시드마다 시뮬레이션 시간, 시간 (기본: %(default)s)",
        "simulated hours per seed (default: %(default)s)",
    ),
    "capstone_class_seeds": (
        "모든 팀이 같은 숨은 시드로 채점받습니다 (기준 컨트롤러를 한 번만 돌려 두 배 빠름)",
        "every team runs the same hidden seeds (the reference runs once: twice as fast)",
    ),
    "capstone_seeds": ("연습 시드 수, 1~5 (기본: %(default)s)", "practice seeds, 1-5 (default: %(default)s)"),
    "capstone_done": (
        "팀 {count}개를 채점했습니다. 순위표: {csv} , {html}",
        "{count} teams scored. Leaderboard: {csv} , {html}",
    ),
    "capstone_no_secret": (
        "교사 비밀값 파일을 읽을 수 없거나 비어 있습니다: {file}",
        "the teacher's secret file cannot be read or is empty: {file}",
    ),
}


def _(key: str, lang: str, **values: object) -> str:
    ko, en = T[key]
    text = ko if lang == "ko" else en
    return text.format(**values) if values else text


#: Korean for argparse's own words (usage, errors), used when lang is ko.
_ARGPARSE_KO = {
    "usage: ": "사용법: ",
    "options": "옵션",
    "positional arguments": "위치 인자",
    "show this help message and exit": "이 도움말을 보여 주고 끝냅니다",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 오류: %(message)s\n",
    "the following arguments are required: %s": "다음 인자가 필요합니다: %s",
    "unrecognized arguments: %s": "알 수 없는 인자: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "잘못된 선택: %(value)r (다음 중에서 고르세요: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "인자 %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "잘못된 %(type)s 값: %(value)r",
    "expected one argument": "값이 하나 필요합니다",
}


@contextlib.contextmanager
def _argparse_language(lang: str) -> Iterator[None]:
    """Let argparse speak Korean while parsing (its texts go through ``argparse._``)."""
    if lang != "ko":
        yield
        return
    original = argparse._
    argparse._ = lambda text: _ARGPARSE_KO.get(text, original(text))
    try:
        yield
    finally:
        argparse._ = original


def _pick_language(argv: Sequence[str]) -> str:
    """The language from ``--lang`` (anywhere in argv) or the environment."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            return argv[index + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return current_language()


def build_parser(lang: str) -> argparse.ArgumentParser:
    """The argument parser, with help in ``lang``."""
    from .data.dataset import SUPPORTED as DATASET_SCENARIOS
    from .plant.scenario import DEFAULT_SCENARIO

    h = lambda key: _(key, lang)  # noqa: E731
    parser = argparse.ArgumentParser(prog="factorylab", description=h("description"), epilog=h("epilog"))
    parser.add_argument("--version", action="version", version=f"factorylab {__version__}", help=h("version"))
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGUAGES, default=lang, help=h("lang"))
    parser.add_argument("--lang", choices=LANGUAGES, default=lang, help=h("lang"))
    sub = parser.add_subparsers(dest="command", title=h("commands"), metavar="<command>")

    sim = sub.add_parser("sim", parents=[common], help=h("sim"), description=h("sim"))
    sim.add_argument("--scenario", default=DEFAULT_SCENARIO, help=h("scenario"))
    sim.add_argument("--seed", type=int, default=0, help=h("seed"))
    sim.add_argument("--variant", type=int, default=None, metavar="N", help=h("variant"))
    sim.add_argument("--speed", type=float, default=1.0, help=h("speed"))
    sim.add_argument("--host", default="127.0.0.1", help=h("host"))
    sim.add_argument("--port", type=int, default=5020, help=h("port"))
    sim.add_argument("--headless", action="store_true", help=h("headless"))
    sim.add_argument("--stats", action="store_true", help=h("stats"))
    sim.add_argument("--demo", action="store_true", help=h("demo"))
    sim.add_argument("--record", metavar="FILE", help=h("record"))
    sim.add_argument("--record-every", type=float, default=1.0, metavar="SECONDS", help=h("record_every"))
    sim.add_argument("--record-tags", metavar="TAGS", help=h("record_tags"))
    sim.add_argument("--fault-log", metavar="FILE", help=h("fault_log"))
    from .uplink.command import add_sim_options as add_uplink_options

    add_uplink_options(sim, lang)

    tags = sub.add_parser("tags", parents=[common], help=h("tags"), description=h("tags"))
    tags.add_argument("--scenario", default=DEFAULT_SCENARIO, help=h("scenario"))
    tags.add_argument("--format", choices=("table", "json", "csv"), default="table", help=h("format"))

    sub.add_parser("scenarios", parents=[common], help=h("scenarios"), description=h("scenarios"))

    dataset = sub.add_parser("dataset", parents=[common], help=h("dataset"), description=h("dataset"))
    dataset.add_argument(
        "--scenario",
        default="line",
        choices=DATASET_SCENARIOS,
        help=h("dataset_scenario").replace("{choices}", ", ".join(DATASET_SCENARIOS)),
    )
    dataset.add_argument("--hours", type=float, default=8.0, help=h("hours"))
    dataset.add_argument("--seed", type=int, default=1, help=h("seed"))
    dataset.add_argument("--out", required=True, metavar="FILE.csv", help=h("out"))
    dataset.add_argument("--no-faults", action="store_true", help=h("no_faults"))
    dataset.add_argument("--tool-policy", default="mixed", metavar="POLICY", help=h("tool_policy"))
    dataset.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help=h("progress"))

    shot = sub.add_parser("screenshot", parents=[common], help=h("screenshot"), description=h("screenshot"))
    shot.add_argument("--scenario", default=DEFAULT_SCENARIO, help=h("scenario"))
    shot.add_argument("--seconds", type=float, default=60.0, help=h("shot_seconds"))
    shot.add_argument("--seed", type=int, default=0, help=h("seed"))
    shot.add_argument("--out", required=True, metavar="FILE.png", help=h("shot_out"))
    shot.add_argument("--size", default="1280x720", metavar="WxH", help=h("shot_size"))
    shot.add_argument("--overlay", action="store_true", help=h("shot_overlay"))
    shot.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help=h("progress"))

    lab = sub.add_parser("lab", parents=[common], help=h("lab"), description=h("lab"))
    lab_sub = lab.add_subparsers(dest="lab_command", metavar="<build|list>")
    build = lab_sub.add_parser("build", parents=[common], help=h("lab_build"), description=h("lab_build"))
    build.add_argument("--out", default="factorylab-labs", help=h("lab_out"))
    build.add_argument("--force", action="store_true", help=h("lab_force"))
    build.add_argument("--solutions", action="store_true", help=h("lab_solutions"))
    lab_sub.add_parser("list", parents=[common], help=h("lab_list"), description=h("lab_list"))

    course = sub.add_parser("course", parents=[common], help=h("course"), description=h("course"))
    course.add_argument("--check", action="store_true", help=h("course_check"))
    course.add_argument("--file", default=None, metavar="course.yaml", help=h("course_file"))

    start = sub.add_parser("start", parents=[common], help=h("start"), description=h("start"))
    start.add_argument("--workspace", metavar="DIR", help=h("workspace"))
    start.add_argument("--no-browser", dest="browser", action="store_false", help=h("no_browser"))
    start.add_argument("--port", type=int, default=5020, help=h("port"))
    start.add_argument("--scenario", default=DEFAULT_SCENARIO, help=h("scenario"))
    start.add_argument("--seed", type=int, default=0, help=h("seed"))
    start.add_argument("--variant", type=int, default=None, metavar="N", help=h("variant"))
    start.add_argument("--headless", action="store_true", help=h("headless"))

    capstone = sub.add_parser("capstone", parents=[common], help=h("capstone"), description=h("capstone"))
    capstone_sub = capstone.add_subparsers(dest="capstone_command", metavar="<score|practice>")
    cap_score = capstone_sub.add_parser(
        "score", parents=[common], help=h("capstone_score"), description=h("capstone_score")
    )
    cap_score.add_argument("teams", metavar="TEAMS_DIR", help=h("capstone_teams"))
    cap_score.add_argument("--secret-file", required=True, metavar="FILE", help=h("capstone_secret"))
    cap_score.add_argument("--out", default="capstone-results", metavar="DIR", help=h("capstone_out"))
    cap_score.add_argument("--jobs", type=int, default=None, metavar="N", help=h("capstone_jobs"))
    cap_score.add_argument("--hours", type=float, default=2.0, help=h("capstone_hours"))
    cap_score.add_argument("--class-seeds", action="store_true", help=h("capstone_class_seeds"))
    cap_practice = capstone_sub.add_parser(
        "practice", parents=[common], help=h("capstone_practice"), description=h("capstone_practice")
    )
    cap_practice.add_argument("team", metavar="TEAM.py", help=h("capstone_team"))
    cap_practice.add_argument("--hours", type=float, default=2.0, help=h("capstone_hours"))
    cap_practice.add_argument("--seeds", type=int, default=2, help=h("capstone_seeds"))

    from .classroom.command import add_parser as add_classroom

    add_classroom(sub, common, lang, DEFAULT_SCENARIO)
    from .datacenter.command import add_parser as add_datacenter

    add_datacenter(sub, common, lang)

    docs = sub.add_parser("docs", parents=[common], help=h("docs"), description=h("docs"))
    docs.add_argument("--port", type=int, default=8000, help=h("docs_port"))
    docs.add_argument("--out", default=None, metavar="DIR", help=h("docs_out"))
    docs.add_argument("--build-only", action="store_true", help=h("docs_build_only"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``factorylab`` command; returns the exit status."""
    from .console import protect_streams

    protect_streams()  # a cp949 pipe or file (Korean Windows) gets stand-ins for ✅, — ..., never an error
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _pick_language(argv)
    with _argparse_language(lang):
        parser = build_parser(lang)
        args = parser.parse_args(argv)
    lang = args.lang
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    from .errors import FactoryLabError
    from .plant import ScenarioError

    try:
        if args.command == "sim":
            return _cmd_sim(args, lang)
        if args.command == "tags":
            return _cmd_tags(args, lang)
        if args.command == "scenarios":
            return _cmd_scenarios(lang)
        if args.command == "dataset":
            return _cmd_dataset(args, lang)
        if args.command == "screenshot":
            return _cmd_screenshot(args, lang)
        if args.command == "lab":
            return _cmd_lab(args, lang, parser)
        if args.command == "start":
            return _cmd_start(args, lang)
        if args.command == "course":
            return _cmd_course(args, lang)
        if args.command == "docs":
            return _cmd_docs(args, lang)
        if args.command == "capstone":
            return _cmd_capstone(args, lang, parser)
        if args.command == "datacenter":
            from .datacenter.command import run as run_datacenter

            return run_datacenter(args, lang)
        if args.command == "classroom":
            from .classroom.command import run as run_classroom

            return run_classroom(args, lang)
    except ScenarioError as exc:
        print(f"factorylab: {exc.message(lang)}", file=sys.stderr)
        return EXIT_USAGE
    except FactoryLabError as exc:
        print(f"factorylab: {exc.message(lang)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `factorylab tags | head`: the reader left; not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit does not fail again
        return EXIT_OK
    parser.error(args.command)  # pragma: no cover - argparse rejects unknown commands
    return EXIT_USAGE


# --- scenarios ------------------------------------------------------------------


def _cmd_scenarios(lang: str) -> int:
    from .plant import list_scenarios

    for scenario in list_scenarios():
        print(f"{scenario.id:<10} {scenario.title.ko} / {scenario.title.en}")
        print(f"{'':<10} {scenario.summary.ko}")
        print(f"{'':<10} {scenario.summary.en}")
    return EXIT_OK


# --- dataset --------------------------------------------------------------------


def _cmd_dataset(args: argparse.Namespace, lang: str) -> int:
    from .data import dataset
    from .progress import wanted

    if args.seed < 0:
        print(f"factorylab: {_('bad_seed', lang, seed=args.seed)}", file=sys.stderr)
        return EXIT_USAGE
    out = dataset.check_out(args.out)  # a wrong path is told now, not after hours of simulation
    result = dataset.generate(
        args.scenario,
        args.hours,
        args.seed,
        faults=not args.no_faults,
        tool_policy=args.tool_policy,
        progress=wanted(args.progress),
    )
    paths = dataset.write(result, out)
    machined = [row for row in result.parts if row["torque"] is not None]  # parts the CNC really machined
    failures = sum(1 for row in machined if row["machine_failure"] == 1)
    print(
        _(
            "dataset_done",
            lang,
            parts=len(result.parts),
            failures=failures,
            rate=f"{100.0 * failures / len(machined):.1f} %" if machined else "-",
            machines=len(result.machines),
            hours=args.hours,
            seed=args.seed,
            policy=result.description["generator"]["tool_policy"],
        )
    )
    for path in paths:
        print(f"  {path}")
    return EXIT_OK


# --- screenshot -------------------------------------------------------------------


def _cmd_screenshot(args: argparse.Namespace, lang: str) -> int:
    from .plant import load_scenario

    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
        if not (16 <= width <= 8192 and 16 <= height <= 8192):
            raise ValueError
    except ValueError:
        print(f"factorylab: {_('bad_size', lang, size=args.size)}", file=sys.stderr)
        return EXIT_USAGE
    if not 0 <= args.seconds <= MAX_SECONDS:  # also nan and inf
        print(f"factorylab: {_('bad_seconds', lang, seconds=args.seconds)}", file=sys.stderr)
        return EXIT_USAGE
    if args.seed < 0:
        print(f"factorylab: {_('bad_seed', lang, seed=args.seed)}", file=sys.stderr)
        return EXIT_USAGE
    scenario = load_scenario(args.scenario)
    from .progress import wanted
    from .view.screenshot import screenshot

    seconds = round(args.seconds / 0.05) * 0.05
    path = screenshot(
        scenario,
        seconds,
        lang,
        args.out,
        size=(width, height),
        overlay=args.overlay,
        seed=args.seed,
        progress=wanted(args.progress),
    )
    print(_("shot_done", lang, path=path, width=width, height=height, scenario=scenario.id, seconds=f"{seconds:g}"))
    return EXIT_OK


# --- lab ------------------------------------------------------------------------


def _cmd_lab(args: argparse.Namespace, lang: str, parser: argparse.ArgumentParser) -> int:
    from . import lab

    if args.lab_command == "list":
        for item in lab.sources():
            title = item.title_ko if lang == "ko" else item.title_en
            hours = f"{item.hours:g}{'시간' if lang == 'ko' else ' h'}"
            print(f"{item.unit:>2}  {item.path.stem + '.ipynb':<26} {hours:>6}  {title}")
            print(f"{'':>2}  {'':<26} {'':>6}  {'검사' if lang == 'ko' else 'checks'}: {', '.join(item.checks)}")
        return EXIT_OK
    if args.lab_command == "build":
        for path, status in lab.build(args.out, force=args.force, solutions=args.solutions):
            print(f"  {path}  ({_('lab_' + status, lang)})")
        print(_("lab_next", lang, out=args.out))
        return EXIT_OK
    parser.parse_args(["lab", "--help"])
    return EXIT_USAGE


# --- capstone -------------------------------------------------------------------


def _cmd_capstone(args: argparse.Namespace, lang: str, parser: argparse.ArgumentParser) -> int:
    from pathlib import Path

    from .capstone import classroom
    from .capstone.scoring import PRACTICE_SEEDS

    if args.capstone_command == "score":
        try:
            secret = Path(args.secret_file).read_bytes().strip()
        except OSError:
            secret = b""
        if not secret:
            print(f"factorylab: {_('capstone_no_secret', lang, file=args.secret_file)}", file=sys.stderr)
            return EXIT_USAGE
        scores = classroom.score_class(
            args.teams,
            secret,
            jobs=args.jobs,
            hours=args.hours,
            shared=args.class_seeds,
            progress=lambda s: print(f"  {s.team}: {s.total:.1f}", flush=True),
        )
        csv_path, html_path = classroom.write_leaderboard(scores, args.out)
        print(classroom.table_text(scores, lang))
        print(
            _(
                "capstone_done",
                lang,
                count=len(scores),
                csv=csv_path,
                html=html_path,
            )
        )
        return EXIT_OK
    if args.capstone_command == "practice":
        result = classroom.score_team_file(args.team, b"-", hours=args.hours, seeds=list(PRACTICE_SEEDS[: args.seeds]))
        result.practice = True
        print(result.summary(lang))
        return EXIT_OK
    parser.parse_args(["capstone", "--help"])
    return EXIT_USAGE


# --- course ---------------------------------------------------------------------


def _cmd_course(args: argparse.Namespace, lang: str) -> int:
    from . import course
    from . import lab as labs

    try:
        plan = course.load(args.file)
    except course.CourseError as exc:
        print(f"factorylab: {exc.message(lang)}", file=sys.stderr)
        return EXIT_USAGE
    ko = lang == "ko"
    written = {source.id: source for source in labs.sources()}
    lab_refs = [ref for unit in plan.units for ref in unit.labs]
    planned = sum(ref.planned for ref in lab_refs)
    checks = {name for unit in plan.units for name in unit.check_ids}
    if not args.check:
        for unit in plan.units:
            title = unit.title.ko if ko else unit.title.en
            level = unit.level if ko else course.LEVEL_NAMES_EN[unit.level]
            print(f"{unit.number}. {title} ({unit.hours:g}{'시간' if ko else ' h'}, {level})")
            for ref in unit.labs:
                source = None if ref.planned else written.get(ref.id)
                if source is None:
                    print(f"   {ref.id:<24} {ref.hours or 0:>4g}  ({'예정' if ko else 'planned'})")
                else:
                    name = source.title_ko if ko else source.title_en
                    print(f"   {ref.id:<24} {source.hours:>4g}  {name}")
                    print(f"   {'':<24}       {'검사' if ko else 'checks'}: {', '.join(source.checks)}")
        print()
    if ko:
        print(f"✅ 과정 파일에 문제가 없습니다: {plan.hours:g}시간, 단원 {len(plan.units)}개, "
              f"실습 {len(lab_refs)}개(예정 {planned}개), 검사 {len(checks)}개")  # fmt: skip
    else:
        print(f"✅ the course file is valid: {plan.hours:g} hours, {len(plan.units)} units, "
              f"{len(lab_refs)} labs ({planned} planned), {len(checks)} checks")  # fmt: skip
    return EXIT_OK


# --- start ----------------------------------------------------------------------


def _cmd_start(args: argparse.Namespace, lang: str) -> int:
    from . import start
    from .plant import load_scenario

    sim_args = argparse.Namespace(  # the simulator start runs: factorylab sim with these arguments
        scenario=args.scenario,
        seed=args.seed,
        variant=args.variant,
        speed=1.0,
        host="127.0.0.1",
        port=args.port,
        headless=args.headless,
        stats=False,
        demo=False,
        record=None,
        record_every=1.0,
        record_tags=None,
        fault_log=None,
        lang=lang,
    )
    # a wrong scenario, seed, variant or port is told before anything starts (port 0, "any", cannot be
    # written into the start-here notebook)
    problem = _sim_args_problem(sim_args, lang) or (_("bad_port", lang, port=args.port) if args.port == 0 else None)
    if problem is not None:
        print(f"factorylab: {problem}", file=sys.stderr)
        return EXIT_USAGE
    load_scenario(args.scenario)

    def run_simulator(start_args: argparse.Namespace) -> int:
        return _cmd_sim(sim_args, lang)

    return start.run(args, lang, run_simulator)


# --- docs -----------------------------------------------------------------------


def _cmd_docs(args: argparse.Namespace, lang: str) -> int:
    """Build the site from a checkout's docs/ (or take the one installed with the package) and serve it."""
    import functools
    import http.server
    from pathlib import Path

    from . import docsgen

    config = _docs_config()
    build = None
    if config is not None:
        try:
            from mkdocs.commands.build import build
            from mkdocs.config import load_config
            from mkdocs.exceptions import MkDocsException
        except ImportError:
            build = None
    packaged = docsgen.packaged_site() if build is None else None
    if build is None and packaged is None:
        print(f"factorylab: {_('docs_missing' if config is None else 'docs_tools', lang)}", file=sys.stderr)
        return EXIT_ERROR
    if packaged is not None and args.out is None and not args.build_only:
        folder = packaged  # served where it is installed: nothing to write
        print(_("docs_packaged", lang, site=folder), flush=True)
    else:
        folder = Path(args.out or "site").resolve()
        docsgen.check_site_folder(folder)  # a folder with a user's files: refused (exit 2), nothing deleted
        if packaged is not None:
            docsgen.copy_site(packaged, folder)
            print(_("docs_copied", lang, out=folder), flush=True)
        else:
            logging.getLogger("mkdocs").setLevel(logging.WARNING)
            os.chdir(config.parent)  # mkdocs.yml's paths (snippets, hooks) are relative to it
            try:
                build(load_config(str(config), site_dir=str(folder)))
            except MkDocsException as exc:
                print(f"factorylab: {_('docs_failed', lang, error=exc)}", file=sys.stderr)
                return EXIT_ERROR
            docsgen.mark_site_folder(folder)
            print(_("docs_built", lang, out=folder), flush=True)
        if args.build_only:
            return EXIT_OK
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    try:
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    except (OSError, OverflowError) as exc:
        error = getattr(exc, "strerror", None) or exc
        message = _("docs_port_busy", lang, port=args.port, next=args.port + 1, error=error)
        print(f"factorylab: {message}", file=sys.stderr)
        return EXIT_USAGE
    with httpd:
        print(_("docs_serving", lang, port=args.port), flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
    return EXIT_OK


def _docs_config():
    """The mkdocs.yml of a FactoryLab checkout (the current folder or the one this package runs from), or None.

    Another project's mkdocs.yml in the current folder is not ours: it needs
    ``simulator/factorylab/docsgen.py`` beside it.
    """
    from pathlib import Path

    for folder in [Path.cwd(), *Path(__file__).resolve().parents]:
        if (folder / "mkdocs.yml").is_file() and (folder / "simulator" / "factorylab" / "docsgen.py").is_file():
            return folder / "mkdocs.yml"
    return None


# --- tags -----------------------------------------------------------------------


def _cmd_tags(args: argparse.Namespace, lang: str) -> int:
    from .plant import load_scenario
    from .tags import tags_for

    table = tags_for(load_scenario(args.scenario))
    records = [tag.as_record() for tag in table]
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        out = io.StringIO()
        fields = [k for k in records[0] if k != "states"]
        writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        sys.stdout.write(out.getvalue())
    else:
        sys.stdout.write(format_tag_table(table, lang))
        sys.stdout.write("\n" + _("tags_where", lang) + "\n")
    return EXIT_OK


def format_tag_table(table, lang: str) -> str:
    """The tag table as aligned text columns."""
    heads = {
        "ko": ("태그", "테이블", "주소", "표기", "형식", "배율", "단위", "범위", "접근", "설명"),
        "en": ("tag", "table", "address", "notation", "type", "scale", "unit", "range", "access", "description"),
    }[lang]
    rows = [heads]
    for tag in table:
        low, high = _fmt_num(tag.min), _fmt_num(tag.max)
        rows.append(
            (
                tag.name,
                tag.table,
                str(tag.address),
                tag.notation,
                tag.type,
                _fmt_num(tag.scale),
                tag.unit,
                f"{low}..{high}",
                tag.access,
                tag.description(lang),
            )
        )
    widths = [max(_width(row[i]) for row in rows) for i in range(len(heads) - 1)]
    lines = []
    for row in rows:
        cells = [row[i] + " " * (widths[i] - _width(row[i])) for i in range(len(widths))]
        lines.append("  ".join(cells + [row[-1]]).rstrip())
    return "\n".join(lines) + "\n"


def _fmt_num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.10g}"


def _width(text: str) -> int:
    """Display width: Hangul and other wide characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# --- sim ------------------------------------------------------------------------


def _sim_args_problem(args: argparse.Namespace, lang: str) -> str | None:
    """What is wrong with the simulator's speed, seed, port, record interval or variant (None: nothing)."""
    from .plant.variant import MAX_VARIANT

    if not 0.05 <= args.speed <= 100:
        return _("bad_speed", lang, speed=args.speed)
    if args.seed < 0:
        return _("bad_seed", lang, seed=args.seed)
    if not 0 <= args.port <= 65535:
        return _("bad_port", lang, port=args.port)
    if not 0.05 <= args.record_every <= MAX_SECONDS:  # also nan and inf
        return _("bad_record_every", lang, every=args.record_every)
    if args.variant is not None and not 0 <= args.variant <= MAX_VARIANT:
        return _("bad_variant", lang, variant=args.variant)
    return None


def _cmd_sim(args: argparse.Namespace, lang: str) -> int:
    from .plant import load_scenario

    problem = _sim_args_problem(args, lang)
    if problem is not None:
        print(f"factorylab: {problem}", file=sys.stderr)
        return EXIT_USAGE
    from .uplink.command import check_args as check_uplink_args

    check_uplink_args(args, lang)  # a bad broker address or name: told before anything starts
    scenario = load_scenario(args.scenario)
    if args.record:  # wrong tag names are told before anything starts or is written
        from .tags import tags_for

        problem = _record_tag_names(args.record_tags, tags_for(scenario), lang)[1]
        if problem is not None:
            print(f"factorylab: {problem}", file=sys.stderr)
            return EXIT_USAGE
    # pymodbus logs problems we report ourselves (a busy port, a client's bad frame)
    logging.getLogger("pymodbus").setLevel(logging.ERROR)
    logging.basicConfig(level=logging.WARNING, format="factorylab: %(message)s")
    return serve(
        scenario,
        seed=args.seed,
        variant=args.variant,
        host=args.host,
        port=args.port,
        speed=args.speed,
        record=args.record,
        record_every=args.record_every,
        record_tags=args.record_tags.split(",") if args.record_tags else None,
        fault_log=args.fault_log,
        demo=args.demo,
        window=not args.headless,
        stats=args.stats,
        lang=lang,
        uplink=args,
    )


def _record_tag_names(text: str | None, table, lang: str) -> tuple[list[str], str | None]:
    """The tag names ``--record-tags`` asks for (comma-separated; none given: every tag of ``table``)
    and what is wrong with them (None: nothing)."""
    import difflib

    if not text:
        return [t.name for t in table], None
    names = [n.strip() for n in text.split(",") if n.strip()]  # a trailing comma is harmless
    if not names:
        return names, _("record_tags_empty", lang)
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        return names, _("record_tags_twice", lang, tags=", ".join(twice))
    unknown = [n for n in names if n not in table]
    if unknown:
        close = difflib.get_close_matches(unknown[0], [t.name for t in table], n=1)
        return names, _(
            "record_tags_unknown",
            lang,
            tags=", ".join(unknown),
            hint_ko=f" 혹시 '{close[0]}'인가요?" if close else "",
            hint_en=f" Did you mean '{close[0]}'?" if close else "",
        )
    return names, None


def _with_demo(plant, *, operator: bool):
    """The built-in demo program on ``plant`` as a runtime attachment: one scan before every tick.

    ``operator``: it waits for the panel's START (a window is there to press it).
    """
    from .control import LocalLine
    from .control.reference import make_demo_controller
    from .runtime import Attachment

    line = LocalLine(plant)
    controller = make_demo_controller(line, operator=operator, wait_for_oven=False)

    class DemoProgram(Attachment):
        def before_tick(self, plant) -> None:
            controller(line, plant.time)

    return DemoProgram()


def _bind_message(exc: OSError, host: str, port: int, lang: str) -> str:
    """What to tell about a server that could not listen on ``host:port``."""
    import socket

    if exc.errno == errno.EADDRINUSE or "in use" in str(exc):
        from .ports import free_port_from

        suggestion = free_port_from(port + 1, host) or port + 1
        return _("port_busy", lang, host=host, port=port, next=suggestion)
    if isinstance(exc, socket.gaierror) or exc.errno in (errno.EADDRNOTAVAIL, errno.EINVAL):
        return _("bad_host", lang, host=host, port=port, error=exc.strerror or exc)
    return _("bind_failed", lang, host=host, port=port, error=exc.strerror or exc)


class Serving:
    """A running ``serve(...)``, handed to its ``on_ready`` callback.

    Attributes:
        runtime: the running line (submit commands, read snapshots).
        port: the Modbus TCP port it listens on (the real one when 0 was asked).
        host: the address it listens on.
    """

    def __init__(self, runtime, server) -> None:
        self.runtime = runtime
        self.server = server
        self.host = server.host
        self.port = server.port

    def stop(self) -> None:
        """End the run (thread-safe): the window closes, ``serve`` returns 0."""
        self.runtime.stop()


def serve(
    scenario="line",
    *,
    seed: int = 0,
    variant: int | None = None,
    host: str = "127.0.0.1",
    port: int = 5020,
    speed: float = 1.0,
    record: str | None = None,
    record_every: float = 1.0,
    record_tags: Sequence[str] | None = None,
    fault_log: str | None = None,
    demo: bool = False,
    window: bool = False,
    stats: bool = False,
    lang: str = "en",
    on_ready=None,
    uplink: argparse.Namespace | None = None,
) -> int:
    """Run a line in real time and serve it over Modbus TCP until Ctrl-C, SIGTERM or the window closes.

    What ``factorylab sim`` (and ``factorylab start``) run; it prints what a
    user needs to know in ``lang`` and returns the exit status (0 fine, 2 a
    port or host it cannot listen on, a recording it cannot make).

    Args:
        scenario: scenario id, .yaml path or a loaded Scenario.
        seed: random seed, 0 or more.
        variant: plant variant 0..9999 (None: the scenario's).
        host: address to listen on; 127.0.0.1 is this computer only.
        port: TCP port, 0..65535 (0: any free port).
        speed: real-time factor, 0.05..100.
        record: SQLite file to record into (None: no recording).
        record_every: simulated seconds between recorded rows.
        record_tags: tag names to record (None: every tag of the scenario).
        fault_log: CSV file kept with every fault's kind, target, start and end (None: none).
        demo: the built-in demo program drives the line.
        window: open the window (if there is a display; else serve headless).
        stats: print tick lateness, requests and frames at the end.
        lang: ``ko`` or ``en``.
        on_ready: called with a :class:`Serving` once the server listens (in
            the runtime's thread; e.g. tests, to learn the port and stop it).
        uplink: the parsed ``--uplink ...`` options (:mod:`factorylab.uplink.command`);
            None or without ``--uplink``: no uplink.
    """
    from .errors import FactoryLabError
    from .modbus import PlantModbusServer
    from .modbus.live import ModbusAttachment
    from .plant import Plant
    from .runtime import Attachment, FaultLogWriter, Recorder, Runtime
    from .tags import tags_for

    plant = Plant(scenario, seed=seed, variant=variant)
    table = tags_for(plant)
    recorder = None
    if record:  # what to record, and whether the file can take it: told before the port opens
        from .data.historian import check_path

        names, problem = _record_tag_names(",".join(record_tags) if record_tags else None, table, lang)
        if problem is not None:
            print(f"factorylab: {problem}", file=sys.stderr)
            return EXIT_USAGE
        try:
            check_path(record)
        except FactoryLabError as exc:
            print(f"factorylab: {exc.message(lang)}", file=sys.stderr)
            return EXIT_USAGE

        def stopped(error) -> None:  # a full disk: say so once and go on serving
            print(f"factorylab: {error.message(lang)} {_('record_stopped', lang)}", file=sys.stderr, flush=True)

        recorder = Recorder(record, [table[n] for n in names], record_every, on_stop=stopped)
    if window:
        from .view import display_available

        if not display_available():
            print(_("no_display", lang), flush=True)
            window = False
    view = None
    if window:
        try:
            from .view import app as view
        except ImportError as exc:  # pygame missing or broken: serve without a window
            print(f"factorylab: {_('no_window', lang, error=exc)}", file=sys.stderr, flush=True)
            window = False

    server = PlantModbusServer(plant, host, port)
    ready = threading.Event()

    class Greeting(Attachment):
        """Last to start: everything listens and records, so say so."""

        async def start(self, runtime) -> None:
            run_coil = next((t for t in table.in_table("coil") if t.name.endswith(".run")), None)
            number = plant.variant.number
            print(
                _(
                    "started",
                    lang,
                    variant_ko=f", 변형 {number}" if number else "",
                    variant_en=f", variant {number}" if number else "",
                    version=__version__,
                    scenario=plant.scenario.id,
                    seed=plant.seed,
                    speed=speed,
                    host=host,
                    port=server.port,
                    coil=run_coil.address if run_coil else 0,
                    coil_name=run_coil.name if run_coil else "",
                ),
                flush=True,
            )
            if demo:
                print(_("demo_on" if window else "demo_on_headless", lang), flush=True)
            if host not in ("127.0.0.1", "localhost", "::1"):
                print(_("open_warning", lang, host=host), file=sys.stderr, flush=True)
            ready.set()
            if on_ready is not None:
                on_ready(Serving(runtime, server))

    sender = None
    if uplink is not None:
        from .uplink.command import channel_from_args, sender_from_args

        try:
            sender = sender_from_args(uplink, lang)
        except FactoryLabError as exc:  # a buffer file it cannot use
            print(f"factorylab: {exc.message(lang)}", file=sys.stderr)
            return EXIT_USAGE
    attachments: list = [ModbusAttachment(server)]
    if demo:  # after the Modbus writes: it overwrites what clients write to outputs
        attachments.append(_with_demo(plant, operator=window))
    if sender is not None:  # after the inputs: it reads what the tick made
        attachments.append(channel_from_args(sender, uplink, plant))
    if recorder is not None:
        attachments.append(recorder)
    if fault_log:

        def fault_log_stopped(error) -> None:  # a full disk: say so once and go on serving
            print(f"factorylab: {error.message(lang)} {_('fault_log_stopped', lang)}", file=sys.stderr, flush=True)

        attachments.append(FaultLogWriter(fault_log, on_stop=fault_log_stopped))
    attachments.append(Greeting())
    runtime = Runtime(plant, speed=speed, attachments=attachments)

    async def run() -> None:
        # Handlers before the port opens: a script that stops us as soon as it can
        # connect must get a clean stop, not the default SIGTERM death.
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, runtime.stop)
            except (NotImplementedError, RuntimeError, ValueError):  # Windows, or not the main thread
                pass
        try:
            await runtime.run()
        except asyncio.CancelledError:  # Windows: Ctrl-C cancels the main task
            pass
        finally:
            for signum in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.remove_signal_handler(signum)

    try:
        return _serve_and_report(view, runtime, run, ready, lang, server, plant, stats, host, port)
    finally:
        if sender is not None:
            from .uplink.command import close_sender

            close_sender(sender, lang, stats=stats)


def _serve_and_report(view, runtime, run, ready, lang, server, plant, stats, host, port) -> int:
    """Run the line (with or without its window) and say how it went; the exit status."""
    from .errors import FactoryLabError

    frames = None
    try:
        if view is None:
            try:
                asyncio.run(run())
            except KeyboardInterrupt:  # Windows: Ctrl-C outside the loop's handler
                pass
        else:
            frames = _run_windowed(view, runtime, run, ready, lang, server)
    except OSError as exc:
        print(f"factorylab: {_bind_message(exc, host, port, lang)}", file=sys.stderr)
        return EXIT_USAGE
    except FactoryLabError as exc:  # the recording: other tags already in the file, an older format ...
        print(f"factorylab: {exc.message(lang)}", file=sys.stderr)
        return EXIT_USAGE
    if not ready.is_set():  # stopped before it started
        return EXIT_OK
    print(_("stopped", lang, time=plant.time), flush=True)
    if stats:
        ticks = runtime.stats
        print(
            _(
                "stats_out",
                lang,
                ticks=ticks.ticks,
                p50=ticks.percentile(50) * 1e3,
                p99=ticks.percentile(99) * 1e3,
                max=ticks.worst * 1e3,
                slips=ticks.slips,
                requests=server.stats.requests,
                exceptions=dict(sorted(server.stats.exceptions.items())) or "{}",
                connections=server.stats.connections,
                busy=server.stats.refused_connections,
                evicted=server.stats.evicted_connections,
                idle=server.stats.idle_closed,
                stalled=server.stats.stalled_closed,
            ),
            flush=True,
        )
        if frames is not None:
            count, seconds = frames
            fps = count / seconds if seconds > 0 else 0.0
            print(_("window_stats", lang, frames=count, seconds=seconds, fps=fps), flush=True)
    return EXIT_OK


def _run_windowed(view, runtime, run, ready: threading.Event, lang: str, server):
    """The runtime in a background thread, the window in this one (macOS wants windows in the main thread).

    Returns (frames, seconds) of the window, or None if it could not open; raises what the runtime raised.
    """
    failure: list[BaseException] = []

    def main() -> None:
        try:
            asyncio.run(run())
        except BaseException as exc:  # handed to the main thread, raised there
            failure.append(exc)
        finally:
            ready.set()

    stop, restore = view.stop_on_signals()  # Ctrl-C and SIGTERM end the run cleanly from now on
    thread = threading.Thread(target=main, name="factorylab-runtime", daemon=True)
    frames = None
    try:
        thread.start()
        while not ready.wait(0.1) and not stop.is_set():
            pass
        if thread.is_alive() and not stop.is_set():
            try:
                screen = view.open_window()
            except view.NoWindow as exc:
                print(f"factorylab: {_('no_window', lang, error=exc)}", file=sys.stderr, flush=True)
                while thread.is_alive() and not stop.wait(0.2):
                    pass
            else:
                width, height = screen.get_size()
                print(_("window", lang, width=width, height=height), flush=True)
                frames = view.run_window(runtime, screen, stop, lang=lang, address=f"{server.host}:{server.port}")
    finally:
        runtime.stop()
        thread.join()
        restore()
    if failure:
        raise failure[0]
    return frames


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
