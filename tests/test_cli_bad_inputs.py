"""A catalogue of bad command lines: each a clear message, exit 2, no traceback, no file.

Every case runs ``python -m factorylab ...`` as a real process in an empty
folder, in English and in Korean (the Korean run through a cp949 console
encoding, as on a Korean Windows PC), and checks the words of the message,
the exit status, that no Python traceback shows and that nothing was
written. Correct twins show the same options still work.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from .conftest import Sim, factorylab_command

SIM = ("sim", "--headless", "--port", "0")

#: id -> (arguments, words the English message holds, words the Korean message holds)
CASES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "screenshot seconds inf": (
        ("screenshot", "--seconds", "inf", "--out", "shot.png"),
        ("--seconds", "86400", "inf"),
        ("--seconds", "86400", "사이", "inf"),
    ),
    "screenshot seconds nan": (
        ("screenshot", "--seconds", "nan", "--out", "shot.png"),
        ("--seconds", "nan"),
        ("--seconds", "입력: nan"),
    ),
    "screenshot seconds negative": (
        ("screenshot", "--seconds", "-1", "--out", "shot.png"),
        ("--seconds", "from 0 to 86400"),
        ("--seconds", "0에서 86400"),
    ),
    "screenshot seconds huge": (
        ("screenshot", "--seconds", "1e300", "--out", "shot.png"),
        ("--seconds", "one day"),
        ("--seconds", "하루"),
    ),
    "record-tags twice": (
        (*SIM, "--record", "run.sqlite", "--record-tags", "conveyor1.run,oven.temperature,conveyor1.run"),
        ("--record-tags", "more than once", "conveyor1.run"),
        ("--record-tags", "두 번", "conveyor1.run"),
    ),
    "record-tags twice with spaces": (
        (*SIM, "--record", "run.sqlite", "--record-tags", "conveyor1.run, conveyor1.run"),
        ("more than once",),
        ("두 번",),
    ),
    "record-tags empty": (
        (*SIM, "--record", "run.sqlite", "--record-tags", ","),
        ("--record-tags", "no tag"),
        ("--record-tags", "태그 이름이 없습니다"),
    ),
    "record-tags unknown": (
        (*SIM, "--record", "run.sqlite", "--record-tags", "conveyor1.rnu"),
        ("conveyor1.rnu", "Did you mean 'conveyor1.run'", "factorylab tags"),
        ("conveyor1.rnu", "혹시 'conveyor1.run'", "factorylab tags"),
    ),
    **{
        f"record-every {value}": (
            (*SIM, "--record", "run.sqlite", "--record-every", value),
            ("--record-every", "from 0.05 to 86400"),
            ("--record-every", "0.05에서 86400", "초여야"),
        )
        for value in ("nan", "inf", "0", "-1", "0.01", "1e9")
    },
    "record-every nan without record": (
        (*SIM, "--record-every", "nan"),
        ("--record-every",),
        ("--record-every",),
    ),
    "dataset scenario oven": (
        ("dataset", "--scenario", "oven", "--hours", "0.01", "--out", "data.csv"),
        ("--scenario", "invalid choice", "'line'", "'cnc'"),
        ("--scenario", "잘못된 선택", "'line'", "'cnc'"),
    ),
}


def run_in(folder: Path, args: tuple[str, ...], lang: str) -> tuple[int, str]:
    """Run the command in ``folder``; (exit status, stderr) decoded as the console would."""
    encoding = "cp949" if lang == "ko" else "utf-8"
    env = {**os.environ, "FACTORYLAB_LANG": lang, "PYTHONIOENCODING": encoding}
    result = subprocess.run(
        factorylab_command() + list(args), capture_output=True, cwd=folder, env=env, timeout=60, check=False
    )
    return result.returncode, result.stderr.decode(encoding)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_a_bad_input_is_a_clear_message_and_exit_2(case: str, lang: str, tmp_path: Path) -> None:
    args, words_en, words_ko = CASES[case]
    code, stderr = run_in(tmp_path, args, lang)
    assert code == 2, stderr
    assert "Traceback" not in stderr and "Error:" not in stderr, stderr
    lines = stderr.strip().splitlines()
    message = lines[-1]
    for word in words_en if lang == "en" else words_ko:
        assert word in message, (word, message)
    if args[0] == "dataset":  # argparse: its usage lines, then one error line
        assert message.startswith("factorylab dataset: ") and sum("--scenario" in line for line in lines) >= 1
    else:
        assert len(lines) == 1 and message.startswith("factorylab: "), stderr
    assert list(tmp_path.iterdir()) == [], "a refused command wrote a file"


def test_dataset_help_names_the_scenarios_it_takes() -> None:
    for lang, words in (("en", "one of line, cnc"), ("ko", "line, cnc 중 하나")):
        env = {**os.environ, "FACTORYLAB_LANG": lang}
        result = subprocess.run(
            factorylab_command() + ["dataset", "--help"], capture_output=True, text=True, env=env, timeout=60
        )
        assert result.returncode == 0
        assert words in " ".join(result.stdout.split()), result.stdout
        assert "{line,cnc}" in result.stdout


# --- the correct twins ---------------------------------------------------------------


def test_screenshot_with_good_seconds_still_writes_the_picture(tmp_path: Path) -> None:
    code, stderr = run_in(tmp_path, ("screenshot", "--seconds", "0.5", "--size", "64x36", "--out", "shot.png"), "en")
    assert code == 0, stderr
    assert (tmp_path / "shot.png").stat().st_size > 0


def test_dataset_with_a_scenario_it_takes_still_writes_data(tmp_path: Path) -> None:
    code, stderr = run_in(tmp_path, ("dataset", "--scenario", "cnc", "--hours", "0.01", "--out", "data.csv"), "en")
    assert code == 0, stderr
    assert (tmp_path / "data.csv").stat().st_size > 0


def test_sim_records_the_tags_it_is_given_once_each(tmp_path: Path, free_port: int) -> None:
    from factorylab.data import load

    store = tmp_path / "run.sqlite"
    tags = "conveyor1.run, oven.temperature,"  # spaces and a trailing comma are fine
    sim = Sim(free_port, "--record", str(store), "--record-tags", tags, "--record-every", "0.05")
    code, _, stderr = sim.stop()
    assert code == 0, stderr
    assert list(load(store, run=-1).columns) == ["conveyor1.run", "oven.temperature"]
