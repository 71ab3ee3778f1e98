"""Imports point one way, and only the runtime paces to the wall clock.

Every module of the package is parsed (ast), so a new file cannot slip past:

    cli -> classroom -> view, modbus, control, data -> runtime -> data.historian -> tags -> plant

* plant/ is pure physics: it imports nothing of the package above it (only the
  leaf helpers i18n and errors);
* only modbus/ imports pymodbus, only view/ imports pygame;
* runtime/ imports neither of them, nor modbus/, view/, control/ or the cli:
  those plug into it as attachments that the cli creates;
* only runtime/ sleeps or reads the wall clock to pace something; the few
  other places that read a clock for something else are listed with why.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "simulator" / "factorylab"
MODULES = sorted(SOURCE.rglob("*.py"))
#: first-party modules anything may import: they import nothing but each other
LEAVES = {"i18n", "errors"}

#: first-party top-level packages / modules each package must not import
FORBIDDEN = {
    "plant": {
        "tags",
        "runtime",
        "modbus",
        "view",
        "control",
        "data",
        "cli",
        "start",
        "lab",
        "course",
        "docsgen",
        "classroom",
    },
    "tags": {"runtime", "modbus", "view", "control", "data", "cli", "start", "classroom"},
    "runtime": {"modbus", "view", "control", "cli", "start", "lab", "course", "docsgen", "classroom"},
    "modbus": {"view", "cli", "start", "classroom"},
    "view": {"modbus", "cli", "start", "classroom"},
    "control": {"view", "runtime", "cli", "start", "classroom"},
    "data": {"classroom", "uplink", "datacenter"},
    "classroom": {"cli", "start", "datacenter"},
    "uplink": {
        "modbus",
        "view",
        "control",
        "cli",
        "start",
        "lab",
        "course",
        "docsgen",
        "classroom",
        "datacenter",
        "practice",
    },
    "datacenter": {"modbus", "view", "control", "cli", "start", "runtime", "classroom", "practice"},
    # a class's data with no broker: lines -> uplink records -> store
    "practice": {"cli", "start", "classroom", "view", "modbus"},
}
#: third-party packages only these packages may import
OWNERS = {
    "pymodbus": {"modbus"},
    "pygame": {"view"},
    "starlette": {"classroom", "datacenter"},  # the teacher console, the data centre's page
    "uvicorn": {"classroom", "datacenter"},
    "paho": {"uplink", "datacenter"},  # the MQTT publisher and subscriber
    "psycopg": {"datacenter"},
    "amqtt": {"datacenter"},
}

#: calls that wait or read the wall clock (module, attribute)
SLEEPS = {("time", "sleep"), ("asyncio", "sleep"), ("pygame.time", "wait"), ("pygame.time", "delay")}
CLOCKS = {
    ("time", "time"),
    ("time", "monotonic"),
    ("time", "perf_counter"),
    ("time", "time_ns"),
    ("time", "monotonic_ns"),
    ("time", "perf_counter_ns"),
    ("pygame.time", "Clock"),
    ("pygame.time", "get_ticks"),
}
#: modules outside runtime/ that may sleep or read a clock, for something other than pacing the line
CLOCK_USERS = {
    "control/runner.py": "a student's program run against a remote line: one scan per scan time, the client side",
    "control/operator.py": "a remote button press waits for the remote line's simulated time, with a time-out",
    "control/student.py": "the scan watchdog: a scan that takes seconds is stopped",
    "data/historian.py": "commits at least once a second of wall time (what a crash may lose)",
    "start.py": "waits for JupyterLab to answer and times the start-up",
    "jupyter_child.py": "polls whether the process that started JupyterLab is still there",
    "uplink/sender.py": "stamps each message's wall time, keeps the replay window in wall seconds, paces reconnects",
    "datacenter/collector.py": "commits a batch every fraction of a second, waits before retrying a database that went away",
    "modbus/server.py": "looks at idle and stalled connections twice a second; a long pipeline yields to the others",
    "docsgen.py": "drops the cached docs figures of sources nobody has built for a week",
}


def _package(path: Path) -> str:
    return path.relative_to(SOURCE).parts[0].removesuffix(".py")


def _imports(path: Path) -> tuple[set[str], set[str]]:
    """(first-party top-level names, third-party top-level names) that ``path`` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    parts = list(path.relative_to(SOURCE).parts[:-1])
    ours: set[str] = set()
    theirs: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                name = alias.name.split(".")
                if name[0] == "factorylab":
                    ours.add(name[1] if len(name) > 1 else "")
                else:
                    theirs.add(name[0])
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                name = (node.module or "").split(".")
                if name[0] == "factorylab":
                    ours.update([name[1]] if len(name) > 1 else [a.name for a in node.names])
                else:
                    theirs.add(name[0])
            else:
                base = parts[: len(parts) - (node.level - 1)]
                target = base + (node.module.split(".") if node.module else [])
                ours.update([target[0]] if target else [a.name for a in node.names])
    return ours, theirs


def _calls(path: Path, wanted: set[tuple[str, str]]) -> list[str]:
    """Calls (or references) of ``module.attribute`` in ``path``, however the module was imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    aliases: dict[str, str] = {}  # local name -> module path
    direct: dict[str, tuple[str, str]] = {}  # local name -> (module, attribute) of `from m import a`
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                aliases[alias.asname or alias.name.split(".")[0]] = (
                    alias.asname and alias.name or alias.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                direct[alias.asname or alias.name] = (node.module, alias.name)
                aliases.setdefault(alias.asname or alias.name, f"{node.module}.{alias.name}")
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            chain = []
            inner: ast.AST = node
            while isinstance(inner, ast.Attribute):
                chain.insert(0, inner.attr)
                inner = inner.value
            if isinstance(inner, ast.Name) and inner.id in aliases:
                dotted = [*aliases[inner.id].split("."), *chain]
                module, attribute = ".".join(dotted[:-1]), dotted[-1]
                if (module, attribute) in wanted:
                    found.append(f"{module}.{attribute} (line {node.lineno})")
        elif isinstance(node, ast.Name) and node.id in direct and direct[node.id] in wanted:
            found.append(f"{'.'.join(direct[node.id])} (line {node.lineno})")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_imports_point_one_way(path: Path) -> None:
    package = _package(path)
    ours, theirs = _imports(path)
    if package == "plant":
        assert ours <= {"plant"} | LEAVES, f"plant/ is pure physics but imports {sorted(ours - {'plant'} - LEAVES)}"
    assert not ours & FORBIDDEN.get(package, set()), f"{package} imports {sorted(ours & FORBIDDEN[package])}"
    for third_party, owners in OWNERS.items():
        assert third_party not in theirs or package in owners, f"only {sorted(owners)} may import {third_party}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_only_the_runtime_paces_to_the_wall_clock(path: Path) -> None:
    relative = path.relative_to(SOURCE).as_posix()
    if _package(path) == "runtime" or relative in CLOCK_USERS:
        return
    sleeps = _calls(path, SLEEPS)
    clocks = _calls(path, CLOCKS)
    assert not sleeps and not clocks, f"{relative} waits or reads the wall clock: {sleeps + clocks}"


def test_the_clock_users_still_exist() -> None:
    for relative in CLOCK_USERS:
        path = SOURCE / relative
        assert path.is_file() and _calls(path, SLEEPS | CLOCKS), f"{relative} needs no exception any more"


def test_the_rules_see_what_they_forbid(tmp_path: Path) -> None:
    """The checks themselves: a module that breaks each rule is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import time as t\nimport asyncio\nfrom time import perf_counter\nimport pygame\n"
        "t.sleep(1)\nasyncio.sleep(0)\nperf_counter()\npygame.time.Clock()\n",
        encoding="utf-8",
    )
    found = _calls(bad, SLEEPS | CLOCKS)
    assert {f.split(" ")[0] for f in found} == {"time.sleep", "asyncio.sleep", "pygame.time.Clock", "time.perf_counter"}
