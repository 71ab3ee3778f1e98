"""The README's two commands are what CI runs."""

from __future__ import annotations

import re

from .conftest import REPO


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^(python3 -m venv \.venv && .+)$", text, flags=re.MULTILINE)


def test_readme_has_two_commands_in_each_language() -> None:
    commands = readme_commands()
    assert len(commands) == 4 and len(set(commands)) == 2  # Korean and English sections
    assert any("factorylab start" in c for c in commands)
    assert any("pytest" in c for c in commands)


def test_ci_runs_the_readme_test_command() -> None:
    test_command = next(c for c in readme_commands() if "pytest" in c)
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in script
