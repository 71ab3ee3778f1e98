"""Answers to ``mbpoll_commands``: an mbpoll command line for each task of lab 2-1 (parsed, not run)."""

from __future__ import annotations

from ..catalogue import Wrong

CHECK = "mbpoll_commands"

RIGHT = {
    "read_inputs": "mbpoll -m tcp -p 5020 -0 -t 1 -r 300 -c 3 -1 127.0.0.1",
    "run_on": "mbpoll -m tcp -p 5020 -0 -t 0 -r 300 127.0.0.1 1",
    "set_speed": "mbpoll -m tcp -p 5020 -0 -t 4 -r 300 127.0.0.1 60",
    "read_registers": "mbpoll -m tcp -p 5020 -0 -t 3 -r 300 -c 2 -1 127.0.0.1",
    "belt_speed_without_0": "mbpoll -m tcp -p 5020 -t 3 -r 302 -1 127.0.0.1",
}

#: 1-based references throughout (no -0), defaults left out (-m tcp, -t 4), options after the host
ONE_BASED = {
    "read_inputs": "mbpoll -p 5020 -t 1 -r 301 -c 3 -1 127.0.0.1",
    "run_on": "mbpoll -p 5020 -t 0 -r 301 127.0.0.1 1",
    "set_speed": "mbpoll -p 5020 -r 301 127.0.0.1 60",
    "read_registers": "mbpoll 127.0.0.1 -p 5020 -t 3 -r 301 -c 2 -1",
    "belt_speed_without_0": "mbpoll 127.0.0.1 -p 5020 -t 3 -r 302 -1",
}

#: attached values and grouped flags (-r300, -01), localhost, unit id 1 given, hex display, mbpoll.exe on Windows,
#: a shell prompt and a comment copied with the command
TERSE = {
    "read_inputs": "mbpoll.exe -p5020 -01 -t1 -r300 -c3 localhost",
    "run_on": "mbpoll -a 1 -p 5020 -0 -t 0 -r 300 localhost 1",
    "set_speed": "mbpoll -p 5020 -0 -t 4:hex -r 300 localhost 60",
    "read_registers": "mbpoll -p 5020 -0 -t 3:hex -r 300 -c 2 -1 -o 2 localhost",
    "belt_speed_without_0": "$ mbpoll -m tcp -p 5020 -t 3 -r 302 -1 127.0.0.1  # a prompt and a comment copied too",
}

CORRECT = [RIGHT, ONE_BASED, TERSE]
REFERENCE = RIGHT


def _with(**changes: str) -> dict[str, str]:
    return {**RIGHT, **changes}


WRONG = [
    # -0 left out but the 0-based address kept: discrete input 299 (not in the map)
    Wrong(_with(read_inputs="mbpoll -m tcp -p 5020 -t 1 -r 300 -c 3 -1 127.0.0.1"), "missing_zero_flag"),
    # -0 and the 1-based number: reaches conveyor1.belt_speed instead of conveyor1.current
    Wrong(_with(read_registers="mbpoll -m tcp -p 5020 -0 -t 3 -r 301 -c 2 -1 127.0.0.1"), "extra_one"),
    # the textbook notation given to -r
    Wrong(_with(set_speed="mbpoll -m tcp -p 5020 -0 -t 4 -r 40301 127.0.0.1 60"), "notation_as_reference"),
    # "a coil is an input": the run command written to the discrete inputs
    Wrong(_with(run_on="mbpoll -m tcp -p 5020 -0 -t 1 -r 300 127.0.0.1 1"), "coil_vs_input"),
    # a measurement read from the holding registers
    Wrong(_with(read_registers="mbpoll -m tcp -p 5020 -0 -t 4 -r 300 -c 2 -1 127.0.0.1"), "input_vs_holding"),
    # -t left out: mbpoll reads the holding registers
    Wrong(_with(read_inputs="mbpoll -m tcp -p 5020 -0 -r 300 -c 3 -1 127.0.0.1"), "default_table"),
    # the port left out: mbpoll asks 502
    Wrong(_with(run_on="mbpoll -m tcp -0 -t 0 -r 300 127.0.0.1 1"), "default_port"),
    # one value read where three are asked for
    Wrong(_with(read_inputs="mbpoll -m tcp -p 5020 -0 -t 1 -r 300 -1 127.0.0.1"), "count_missing"),
    # the write value forgotten: mbpoll reads
    Wrong(_with(run_on="mbpoll -m tcp -p 5020 -0 -t 0 -r 300 127.0.0.1"), "no_write_value"),
    # "on" written as a word, and the value before the host
    Wrong(_with(run_on="mbpoll -m tcp -p 5020 -0 -t 0 -r 300 127.0.0.1 true"), "wrong_write_value"),
    Wrong(_with(set_speed="mbpoll -m tcp -p 5020 -0 -t 4 -r 300 60 127.0.0.1"), "value_before_host"),
    # the "without -0" task done with -0
    Wrong(_with(belt_speed_without_0="mbpoll -m tcp -p 5020 -0 -t 3 -r 301 -1 127.0.0.1"), "used_zero_flag"),
    # a read that polls forever
    Wrong(_with(read_registers="mbpoll -m tcp -p 5020 -0 -t 3 -r 300 -c 2 127.0.0.1"), "poll_forever"),
    # a Python call, not a command line
    Wrong(_with(read_registers="line.raw.read('input_register', 300, count=2)"), "not_mbpoll"),
    Wrong({k: v for k, v in RIGHT.items() if k != "set_speed"}, "missing"),
    Wrong(list(RIGHT.values()), "not_a_dict"),
]
