"""Lab 2-1 (modbus_basics): its checks' truths are the real simulator's, over the wire.

* the solution's mbpoll commands, run with the real mbpoll against a real
  Modbus server over the plant, read and write what the tag table says (and
  the off-by-one commands the check recognises really reach the tag, or the
  exception, its message names);
* every exception the quiz expects is what a real server answers on the wire
  (the unit id and "nothing listens" items too);
* ``decode`` of the lab's solution turns the words of a real hour-long run
  into the values the line gives, and the check's hidden words differ per seed;
* the teacher pack lists every wrong answer the catalogues recognise.
"""

from __future__ import annotations

import re
import shlex
import shutil
import socket
import struct
import subprocess

import pytest

import factorylab
from factorylab import lab
from factorylab.control.checks import get
from factorylab.control.checks.seeds import formative_seeds
from factorylab.plant import Plant
from factorylab.tags import ALL_TAGS
from tests.conftest import REPO, ServerThread
from tests.control.checks.answers import address_notation, decode_words, exception_codes, mbpoll_commands
from tests.modbus.raw import read_pdu, request

LAB = "modbus_basics"
VALUE = re.compile(r"^\[(\d+)\]:\s+(-?\d+)", re.M)


def solution_namespace() -> dict:
    """The lab's solution notebook, its code cells run up to the exception quiz (no check calls, no live part)."""
    namespace: dict = {}
    notebook = lab.notebook(lab.get(LAB), "solution")
    for cell in notebook.cells:
        if cell.cell_type != "code" or "factorylab.check(" in cell.source or "LIVE" in cell.source:
            continue
        if "def ask(" in cell.source:
            break
        exec(compile(cell.source, LAB, "exec"), namespace)  # noqa: S102 - our own lab's solution
    return namespace


@pytest.fixture(scope="module")
def solution() -> dict:
    return solution_namespace()


def mbpoll(command: str, port: int) -> str:
    """Run one mbpoll command line against ``port`` (instead of 5020); its output."""
    parts = shlex.split(command)
    parts[parts.index("-p") + 1] = str(port)
    done = subprocess.run(parts, capture_output=True, text=True, timeout=30)
    return done.stdout + done.stderr


def values(output: str) -> list[int]:
    return [int(v) for _, v in VALUE.findall(output)]


@pytest.mark.skipif(shutil.which("mbpoll") is None, reason="mbpoll is not installed (apt-get install mbpoll)")
def test_the_solutions_mbpoll_commands_do_what_the_tag_table_says(solution: dict) -> None:
    commands = solution["commands"]
    server = ServerThread(Plant("conveyor", seed=3))
    try:
        server.tick()
        for key in ("run_on", "set_speed"):
            output = mbpoll(commands[key], server.port)
            assert "Written 1 references" in output, output
        server.tick(100)  # 5 s: the belt is up to speed
        plant = server.plant
        assert ALL_TAGS["conveyor1.run"].read(plant) is True and ALL_TAGS["conveyor1.speed"].read(plant) == 60
        remote = factorylab.connect(f"127.0.0.1:{server.port}")
        try:
            read = values(mbpoll(commands["read_inputs"], server.port))
            assert read == remote.raw.read("discrete_input", 300, count=3)
            assert read == [int(remote.conveyor1.running), int(remote.conveyor1.photo_eye_infeed),
                            int(remote.conveyor1.photo_eye_exit)]  # fmt: skip
            assert read[0] == 1  # running
            read = values(mbpoll(commands["read_registers"], server.port))
            assert read == remote.raw.read("input_register", 300, count=2)
            assert read == [round(remote.conveyor1.current * 100), remote.conveyor1.belt_speed]
            assert read[1] == 150  # 60 % of 250 mm/s
            assert values(mbpoll(commands["belt_speed_without_0"], server.port)) == [remote.conveyor1.belt_speed]
        finally:
            remote.close()
    finally:
        server.stop()


@pytest.mark.skipif(shutil.which("mbpoll") is None, reason="mbpoll is not installed (apt-get install mbpoll)")
def test_off_by_one_commands_reach_what_the_check_says() -> None:
    """The check's message names the tag (or the missing address) an off-by-one command really reaches."""
    server = ServerThread(Plant("conveyor", seed=3))
    try:
        server.tick()
        ALL_TAGS["conveyor1.run"].write(server.plant, True)
        server.tick(100)
        tried = 0
        for wrong in mbpoll_commands.WRONG:
            if wrong.code not in ("missing_zero_flag", "extra_one"):
                continue
            key = next(k for k, v in wrong.answer.items() if mbpoll_commands.RIGHT[k] != v)
            result = factorylab.check(wrong.answer, "mbpoll_commands")
            message = result.findings[0].en
            output = mbpoll(wrong.answer[key], server.port)
            if "(not in the map)" in message:
                assert "Illegal data address" in output, (message, output)
            else:
                named = re.search(r"\((\w+\.\w+)\)", message).group(1)
                tag = ALL_TAGS[named]
                assert values(output)[0] == tag.words(server.plant)[0], (message, output)
            tried += 1
        assert tried == 2
    finally:
        server.stop()


def test_every_exception_the_quiz_expects_is_what_a_server_answers() -> None:
    answers = {q.item: q.answer for q in get("exception_codes").questions}
    assert answers == exception_codes.RIGHT
    server = ServerThread(Plant("conveyor", seed=1))
    try:
        server.tick()

        def code(pdu: bytes, unit: int = 1) -> str:
            _, _, reply = request(server.port, pdu, unit=unit)
            assert reply[0] & 0x80, reply
            return f"{reply[1]:02X}"

        speed, sim_time, run = (ALL_TAGS[n] for n in ("conveyor1.speed", "system.sim_time", "conveyor1.run"))
        wire = {
            "read_unmapped": code(read_pdu(3, 50, 1)),
            "read_past_the_map": code(read_pdu(4, 300, 10)),
            "oven_on_conveyor": code(read_pdu(4, ALL_TAGS["oven.temperature"].address, 1)),
            "speed_150": code(struct.pack(">BHH", 6, speed.address, 150)),
            "write_read_only": code(struct.pack(">BHH", 6, sim_time.address, 5)),
            "coil_value_2": code(struct.pack(">BHH", 5, run.address, 0x0002)),
            "read_200_registers": code(read_pdu(3, 0, 200)),
            "unit_id_5": code(read_pdu(3, 0, 2), unit=5),
        }
        assert wire == {key: answers[key] for key in wire}
        # no function code writes a discrete input: the nearest request on the wire is an unknown function
        assert code(read_pdu(0x41, 301, 1)) == answers["write_discrete_input"] == "01"
    finally:
        server.stop()
    with socket.socket() as sock:  # a port nobody listens on: no answer at all, not an exception
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(factorylab.ConnectionProblem):
        factorylab.connect(f"127.0.0.1:{port}")
    assert answers["simulator_stopped"] == "timeout"


def test_the_solutions_decode_gives_the_lines_values_for_a_real_run(solution: dict) -> None:
    decode = solution["decode"]
    line = solution["line"]  # the line the lab ran for an hour
    assert line.time >= 3600
    kinds = set()
    for tag in line.tags:
        if tag.type == "bool":
            continue
        words = line.raw.read(tag.table, tag.address, count=tag.registers)
        assert decode(words, tag.type, tag.scale) == pytest.approx(line.snapshot()[tag.name], rel=1e-9), tag.name
        kinds.add(tag.type)
    assert kinds == {"uint16", "uint32", "float32"}
    assert line.system.tick > 65535  # a 32-bit value whose high word is not 0: CDAB would show
    check = get("decode_words")
    for case in check.cases(formative_seeds("decode_words", 1)[0]):
        assert decode(*case.inputs) == pytest.approx(case.truth, rel=1e-9)


def test_decode_words_hidden_words_differ_per_seed_and_use_the_high_word() -> None:
    check = get("decode_words")
    first, second = (check.cases(seed) for seed in formative_seeds("decode_words", 2))
    assert [c.inputs[0] for c in first] != [c.inputs[0] for c in second]
    for case in first + second:
        words, kind, _ = case.inputs
        if kind == "uint32":
            assert words[0] > 0  # the high word matters, so CDAB and x65535 show
        if kind == "int16":
            assert case.truth < 0  # signed: reading it unsigned shows


def test_the_tasks_addresses_come_from_the_tag_table() -> None:
    from factorylab.labs.lab02a_modbus_checks import MBPOLL_TASKS, judge_command

    for task in MBPOLL_TASKS:
        tag = ALL_TAGS[task.tags[0]]
        reference = tag.address + (1 if task.zero is False else 0)
        zero = "" if task.zero is False else "-0 "
        table = {"coil": 0, "discrete_input": 1, "input_register": 3, "holding_register": 4}[tag.table]
        command = f"mbpoll -m tcp -p 5020 {zero}-t {table} -r {reference} -c {task.count}"
        command += f" 127.0.0.1 {task.raw}" if task.value is not None else " -1 127.0.0.1"
        judge_command(task, command.replace(" -c 1", ""))  # raises if wrong


@pytest.mark.parametrize("lang", ["", ".en"])
def test_the_teacher_pack_lists_every_wrong_answer_the_checks_recognise(lang: str) -> None:
    page = (REPO / "docs" / "labs" / f"{LAB}{lang}.md").read_text(encoding="utf-8")
    for catalogue in (mbpoll_commands, address_notation, decode_words, exception_codes):
        for wrong in catalogue.WRONG:
            assert f"`{wrong.code}`" in page, (catalogue.CHECK, wrong.code)
