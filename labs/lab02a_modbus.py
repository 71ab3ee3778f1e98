# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   factorylab:
#     id: modbus_basics
#     unit: 2
#     hours: 3
#     checks: [mbpoll_commands, address_notation, decode_words, exception_codes]
#     title_ko: "Modbus 기초: mbpoll, 주소 표기, 워드 풀기, 예외 코드"
#     title_en: "Modbus basics: mbpoll, address notation, decoding words, exception codes"
# ---

# %% [markdown]
# # 실습 2-1. Modbus 기초: mbpoll, 주소 표기, 워드 풀기, 예외 코드
#
# 공장의 PLC, HMI, SCADA는 대부분 **Modbus**로 이야기합니다. 클라이언트가 "입력 레지스터 300부터 2개를 주세요"라고
# 물으면 서버(설비)가 숫자로 답합니다. FactoryLab 시뮬레이터도 Modbus TCP 서버입니다. 이 실습에서는 파이썬의 편한
# 태그 이름(`line.conveyor1.run`) 뒤에 숨어 있던 **테이블, 주소, 워드**를 직접 다룹니다.
#
# **교육목표**
# 1. 네 테이블(코일, 입력 비트, 입력 레지스터, 홀딩 레지스터)을 구별하고 `mbpoll`로 읽고 쓰는 명령을 만든다.
# 2. 교재 표기(00001 / 10001 / 30001 / 40001)와 통신에서 쓰는 0부터 세는 주소를 서로 바꾼다.
# 3. 배율과 32비트 값의 워드 순서를 알고 레지스터 값을 공학 단위로 푼다.
# 4. 예외 코드(01, 02, 03, 0B)와 타임아웃(응답 없음)을 구별한다.
#
# ---
#
# # Lab 2-1. Modbus basics: mbpoll, address notation, decoding words, exception codes
#
# PLCs, HMIs and SCADA in a plant mostly talk **Modbus**: a client asks "give me 2 input registers from 300" and the
# server (the machine) answers with numbers. The FactoryLab simulator is a Modbus TCP server. In this lab you work
# with the **tables, addresses and words** that hide behind the friendly tag names (`line.conveyor1.run`).
#
# **Objectives**
# 1. Tell the four tables apart (coil, discrete input, input register, holding register) and write `mbpoll` commands
#    that read and write them.
# 2. Convert between the textbook notation (00001 / 10001 / 30001 / 40001) and the 0-based addresses on the wire.
# 3. Use scales and the word order of 32-bit values to turn register words into engineering units.
# 4. Tell the exception codes (01, 02, 03, 0B) from a timeout (no answer at all).

# %% [markdown]
# ## 1. 장치와 태그 / Devices and tags
#
# 오늘의 장치는 컨베이어1입니다. 아래 표는 **태그 표**(FactoryLab의 주소가 적힌 단 하나의 원본)에서 읽어 온 것입니다.
# `table`은 Modbus 테이블, `address`는 통신에서 쓰는 0부터 센 주소, `notation`은 PLC 교재의 표기입니다.
#
# Today's device is conveyor1. The table below is read from the **tag table** (the one place FactoryLab's addresses
# are written). `table` is the Modbus table, `address` the 0-based address on the wire, `notation` the textbook form.

# %%
import struct

import pandas as pd

import factorylab
from factorylab.control.reference import make_line_controller

line = factorylab.connect(scenario="conveyor")
columns = ["name", "table", "address", "notation", "type", "scale", "unit", "access", "description_ko"]
pd.DataFrame([tag.as_record() for tag in line.tags.of_device("conveyor1")])[columns]

# %% [markdown]
# 한 요청은 이렇게 생겼습니다 (입력 레지스터 300부터 2개 읽기, 16진수 바이트):
#
# A request looks like this (read 2 input registers from 300, bytes in hex):
#
# ```
# | MBAP 헤더 / header (7 바이트 / bytes)             | PDU                                  |
# | 트랜잭션 / transaction | 프로토콜 / protocol | 길이 / length | 유닛 / unit | 기능 / function | 시작 / start | 개수 / count |
# | 00 01                  | 00 00               | 00 06         | 01          | 04              | 01 2C        | 00 02        |
# ```
#
# `01 2C`는 16진수로 300입니다. 기능 코드 04는 "입력 레지스터 읽기"입니다. 서버가 처리할 수 없으면 기능 코드에
# 0x80을 더한 `84`와 **예외 코드** 하나로 답합니다 (과제 2-4).
#
# `01 2C` is 300 in hex; function 04 means "read input registers". A server that cannot do it answers `84` (the
# function plus 0x80) and one **exception code** (exercise 2-4).

# %% [markdown]
# ## 2. 예측 질문 / Prediction
#
# 과제를 시작하기 전에 적어 두세요:
# 1. `conveyor1.belt_speed`는 입력 레지스터 301입니다. `mbpoll`에 `-0`을 빼고 `-t 3 -r 301`로 읽으면 어느 태그가
#    나올까요?
# 2. `-0` 없이 `-t 1 -r 300 -c 3`으로 입력 비트 3개를 읽으면 어떻게 될까요?
#
# Write down before you start:
# 1. `conveyor1.belt_speed` is input register 301. Reading `-t 3 -r 301` with `mbpoll` *without* `-0`: which tag
#    comes back?
# 2. What happens with `-t 1 -r 300 -c 3` without `-0`?

# %% [markdown]
# ## 3. 과제 2-1: mbpoll 명령 만들기 (20분) / Exercise 2-1: mbpoll commands (20 min)
#
# `mbpoll`은 터미널에서 쓰는 Modbus 클라이언트입니다. 주요 옵션:
#
# | 옵션 | 뜻 |
# |---|---|
# | `-m tcp` | Modbus TCP (기본값) |
# | `-p 5020` | 포트 (mbpoll의 기본값은 502, 시뮬레이터는 5020) |
# | `-t 0` / `-t 1` / `-t 3` / `-t 4` | 코일 / 입력 비트 / 입력 레지스터 / 홀딩 레지스터 (기본값 4) |
# | `-0` | `-r`의 번호를 0부터 셉니다 (없으면 1부터) |
# | `-r N` | 시작 번호 |
# | `-c N` | 읽을 개수 |
# | `-1` | 한 번만 읽기 (없으면 1초마다 계속) |
# | `127.0.0.1` | 물어볼 컴퓨터 (호스트) |
# | `127.0.0.1 1` | 호스트 **뒤에 값**을 쓰면 읽지 않고 **씁니다** |
#
# 예 (`docs/modbus.md`): `mbpoll -m tcp -p 5020 -0 -t 4 -r 0 -c 10 -1 127.0.0.1`은 홀딩 레지스터 0~9를 한 번 읽습니다.
#
# 아래 다섯 과제의 명령을 **글자**로 쓰세요. 주소는 위의 태그 표에서 찾습니다. mbpoll이 없는 컴퓨터에서도 검사는
# 명령을 읽고 판단합니다 (실행은 5절에서).
#
# `mbpoll` is a Modbus client for the terminal; the table above lists its main options. Write the command for each
# of the five tasks below as **text**; find the addresses in the tag table above. The check reads your commands, so
# it works on a PC without mbpoll (section 5 runs them for real).
#
# <details><summary>힌트 / Hint</summary>
#
# 먼저 테이블(`-t`)을 고르고, 그다음 `-0`을 쓸지 정하세요. `-0`이 있으면 `-r`에 표의 `address`를 그대로,
# 없으면 `address + 1`을 씁니다. 쓰기는 호스트 뒤에 값을 둡니다.
#
# Choose the table (`-t`) first, then decide on `-0`: with `-0`, `-r` takes the table's `address` as it is; without
# it, `address + 1`. To write, put the value after the host.
# </details>

# %%
commands = {
    "read_inputs": "",  # conveyor1의 입력 비트 3개(running, photo_eye_infeed, photo_eye_exit)를 한 번에, 한 번만 읽기
    "run_on": "",  # conveyor1.run을 켜기(1) / switch conveyor1.run on
    "set_speed": "",  # conveyor1.speed를 60 %로 / write 60 % to conveyor1.speed
    "read_registers": "",  # conveyor1.current와 conveyor1.belt_speed를 한 번에, 한 번만 읽기
    "belt_speed_without_0": "",  # conveyor1.belt_speed 하나를 -0 없이 한 번만 읽기 / alone, without -0, once
}
### BEGIN SOLUTION
commands = {
    "read_inputs": "mbpoll -m tcp -p 5020 -0 -t 1 -r 300 -c 3 -1 127.0.0.1",
    "run_on": "mbpoll -m tcp -p 5020 -0 -t 0 -r 300 127.0.0.1 1",
    "set_speed": "mbpoll -m tcp -p 5020 -0 -t 4 -r 300 127.0.0.1 60",
    "read_registers": "mbpoll -m tcp -p 5020 -0 -t 3 -r 300 -c 2 -1 127.0.0.1",
    "belt_speed_without_0": "mbpoll -m tcp -p 5020 -t 3 -r 302 -1 127.0.0.1",
}
### END SOLUTION

# %%
result = factorylab.check(commands, "mbpoll_commands")
result

# %% [markdown]
# ## 4. 과제 2-2: 교재 표기와 0부터 세는 주소 (15분) / Exercise 2-2: notation and 0-based addresses (15 min)
#
# PLC 교재는 주소를 **1부터** 세고 앞에 테이블 번호를 붙입니다: 0 코일, 1 입력 비트, 3 입력 레지스터,
# 4 홀딩 레지스터. 통신에서는 테이블을 기능 코드로 고르고 주소는 **0부터** 셉니다. 주소가 9998을 넘는 장비는
# 여섯 자리 표기(400001)를 씁니다: 앞의 한 자리가 테이블, 뒤의 다섯 자리가 번호입니다.
#
# 앞의 여덟 항목은 `(테이블, 주소)`로, 마지막 두 항목(태그)은 다섯 자리 교재 표기(글자)로 답하세요.
# 예: 홀딩 레지스터 주소 5 ↔ `"40006"`.
#
# Textbooks count addresses **from 1** with the table's digit in front (0 coil, 1 discrete input, 3 input register,
# 4 holding register); on the wire the function code picks the table and addresses count **from 0**. Devices with
# addresses above 9998 use six digits (400001): one digit for the table, five for the number. Answer the first
# eight items with `(table, address)` and the two tags with their five-digit notation (text), e.g. holding
# register address 5 ↔ `"40006"`.

# %%
answers = {
    "40301": None,  # (테이블, 주소) / (table, address), 예 / e.g. ("holding_register", 5)
    "30301": None,
    "10303": None,
    "00301": None,
    "00001": None,
    "40001": None,
    "300022": None,
    "400101": None,
    "oven.heater": None,  # 교재 표기 / notation, 예 / e.g. "40006"
    "panel.start": None,
}
### BEGIN SOLUTION
answers = {
    "40301": ("holding_register", 300),
    "30301": ("input_register", 300),
    "10303": ("discrete_input", 302),
    "00301": ("coil", 300),
    "00001": ("coil", 0),
    "40001": ("holding_register", 0),
    "300022": ("input_register", 21),
    "400101": ("holding_register", 100),
    "oven.heater": "40701",
    "panel.start": "10101",
}
### END SOLUTION

# %%
result = factorylab.check(answers, "address_notation")
result

# %% [markdown]
# `line.raw.read()`는 교재 표기도 받습니다. 두 줄이 같은 레지스터를 읽는지 확인해 보세요.
#
# `line.raw.read()` takes the textbook notation too: do both lines read the same register?

# %%
line.conveyor1.speed = 60
print(line.raw.read("40301"), line.raw.read("holding_register", 300))

# %% [markdown]
# ## 5. 과제 2-3: 워드를 값으로 풀기 (25분) / Exercise 2-3: decoding words (25 min)
#
# 레지스터 하나는 16비트 정수(0~65535)입니다. 그래서
# * 소수가 있는 값은 **배율**을 곱해 보냅니다: 오븐 212.3 °C는 배율 10이라 2123.
# * 음수가 될 수 있는 값(`int16`)은 32768 이상을 음수로 읽습니다 (워드 - 65536). 이 라인에는 없지만 다른 회사의
#   장비에는 흔합니다: 냉동실 −18.5 °C, 배율 10 → 워드 65351.
# * 65535를 넘는 값(`uint32`)과 실수(`float32`)는 레지스터 **두 개**를 씁니다. 이 라인은 **상위 워드를 먼저**
#   보냅니다 (ABCD). 거꾸로 보내는 회사(CDAB)도 있으니 늘 설명서를 확인합니다.
#
# 라인을 1시간 돌린 뒤 실제 워드를 읽어 봅시다.
#
# A register holds one 16-bit whole number (0-65535). So values with decimals are sent times a **scale** (212.3 °C
# with scale 10 is 2123); values that may be negative (`int16`) read words of 32768 or more as negative (word -
# 65536), e.g. a freezer at −18.5 °C with scale 10 is word 65351 (the line has none, other vendors' devices do);
# values above 65535 (`uint32`) and reals (`float32`) take **two** registers, **high word first** on this line
# (ABCD); some vendors send the low word first (CDAB). Run the line for an hour, then read real words.

# %%
line = factorylab.connect(scenario="line")
factorylab.run(make_line_controller(), line, seconds=3600, record=[])
NAMES = ["oven.temperature", "conveyor1.current", "production.parts_in", "system.tick", "oven.temperature_float"]
for name in NAMES:
    tag = line.tags[name]
    words = line.raw.read(tag.table, tag.address, count=tag.registers)
    print(f"{name:24} {tag.type:8} scale {tag.scale:<5g} words {words}")

# %% [markdown]
# `decode(words, kind, scale)`를 완성하세요. `words`는 워드의 목록, `kind`는 `"uint16"`, `"int16"`, `"uint32"`,
# `"float32"` 중 하나, `scale`은 배율입니다 (`float32`는 1).
#
# Complete `decode(words, kind, scale)`: `words` is a list of words, `kind` one of `"uint16"`, `"int16"`,
# `"uint32"`, `"float32"`, `scale` the scale (1 for `float32`).
#
# <details><summary>힌트 / Hint</summary>
#
# 두 워드로 된 정수는 `상위 × 65536 + 하위`입니다 (십진수의 두 자리 `십의 자리 × 10 + 일의 자리`와 같은 생각).
# 실수는 정수처럼 붙이면 안 됩니다: 문서 "Modbus 입문"의 "32비트 값과 워드 순서"를 보세요.
#
# A two-word integer is `high × 65536 + low` (like `tens × 10 + ones` in decimal). A real must not be joined like
# an integer: see "32-bit values" in the Modbus primer.
# </details>
#
# <details><summary>힌트 2 / Hint 2</summary>
#
# `import struct` 뒤에 `struct.unpack(">f", struct.pack(">HH", high, low))[0]`이 두 워드를 float32로 바꿉니다.
#
# After `import struct`, `struct.unpack(">f", struct.pack(">HH", high, low))[0]` turns two words into a float32.
# </details>


# %%
def decode(words, kind, scale):
    """Register words -> engineering value.

    Args:
        words: the register words, each 0..65535 (one for 16-bit kinds, two for 32-bit, high word first).
        kind: "uint16", "int16", "uint32" or "float32".
        scale: the tag's scale (register = value x scale); 1 for float32.
    """
    ### BEGIN SOLUTION
    if kind == "float32":
        return struct.unpack(">f", struct.pack(">HH", words[0], words[1]))[0]
    if kind == "uint32":
        raw = words[0] * 65536 + words[1]
    else:
        raw = words[0]
        if kind == "int16" and raw >= 32768:
            raw = raw - 65536
    return raw / scale
    ### END SOLUTION


# %% [markdown]
# 여러분의 `decode`와 라인이 주는 값을 나란히 놓아 봅시다.
#
# Your `decode` next to the value the line gives:

# %%
try:
    for name in NAMES:
        tag = line.tags[name]
        words = line.raw.read(tag.table, tag.address, count=tag.registers)
        print(f"{name:24} decode {decode(words, tag.type, tag.scale):<12.6g} line {line.snapshot()[name]}")
    print("freezer -18.5 ?", decode([65351], "int16", 10))
except NotImplementedError:
    print("decode를 먼저 완성하세요. / Complete decode first.")

# %%
result = factorylab.check(decode, "decode_words")
result

# %% [markdown]
# ## 6. 과제 2-4: 예외 코드와 타임아웃 (15분) / Exercise 2-4: exception codes and timeouts (15 min)
#
# 서버가 요청을 받았지만 처리할 수 없으면 **예외 코드**로 답합니다. 서버가 아예 없으면(꺼졌거나 주소가 틀림)
# 아무 답도 오지 않습니다: 클라이언트는 기다리다가 **타임아웃**(또는 연결 실패)을 냅니다.
#
# | 코드 | 이름 |
# |---|---|
# | 01 | Illegal function (그 기능이나 테이블로는 할 수 없음) |
# | 02 | Illegal data address (주소표에 없는 주소) |
# | 03 | Illegal data value (받을 수 없는 값이나 개수) |
# | 04 | Server device failure (서버 고장) |
# | 0B | Gateway target device failed to respond (그 유닛 ID의 장치 없음) |
#
# A server that gets a request it cannot carry out answers with an **exception code** (the table above). When there
# is no server (closed, wrong address) nothing answers: the client waits and gives a **timeout** (or a connection
# error).
#
# 먼저 표만 보고 각 요청이 무엇을 받을지 예측해 답을 고르세요: `"01"`, `"02"`, `"03"`, `"04"`, `"0B"`,
# `"timeout"`. 검사 뒤에 직접 일으켜 봅니다.
#
# First predict from the table what each request gets and choose: `"01"`, `"02"`, `"03"`, `"04"`, `"0B"`,
# `"timeout"`. After the check you provoke them for real.
#
# | 요청 / request | 무엇을 / what |
# |---|---|
# | `write_discrete_input` | 입력 비트 301(`conveyor1.photo_eye_infeed`)에 1 쓰기 / write 1 to discrete input 301 |
# | `read_unmapped` | 홀딩 레지스터 50 읽기 / read holding register 50 |
# | `read_past_the_map` | 입력 레지스터 300부터 10개 읽기 / read 10 input registers from 300 |
# | `oven_on_conveyor` | `conveyor` 시나리오에서 입력 레지스터 700(`oven.temperature`) 읽기 / read input register 700 on the conveyor scenario |
# | `speed_150` | 홀딩 레지스터 300(`conveyor1.speed`, 0~100 %)에 150 쓰기 / write 150 to holding register 300 |
# | `write_read_only` | 홀딩 레지스터 0(`system.sim_time`, 읽기 전용)에 5 쓰기 / write 5 to holding register 0 (read-only) |
# | `coil_value_2` | 코일 300(`conveyor1.run`)에 2 쓰기 / write 2 to coil 300 |
# | `read_200_registers` | 홀딩 레지스터 200개를 한 번에 읽기 / read 200 holding registers at once |
# | `unit_id_5` | 유닛 ID 5로 묻기 (시뮬레이터는 1) / ask unit id 5 (the simulator is 1) |
# | `simulator_stopped` | 시뮬레이터를 끈 뒤 읽기 / read after the simulator was closed |

# %%
codes = {
    "write_discrete_input": None,
    "read_unmapped": None,
    "read_past_the_map": None,
    "oven_on_conveyor": None,
    "speed_150": None,
    "write_read_only": None,
    "coil_value_2": None,
    "read_200_registers": None,
    "unit_id_5": None,
    "simulator_stopped": None,
}
### BEGIN SOLUTION
codes = {
    "write_discrete_input": "01",
    "read_unmapped": "02",
    "read_past_the_map": "02",
    "oven_on_conveyor": "02",
    "speed_150": "03",
    "write_read_only": "03",
    "coil_value_2": "03",
    "read_200_registers": "03",
    "unit_id_5": "0B",
    "simulator_stopped": "timeout",
}
### END SOLUTION

# %%
result = factorylab.check(codes, "exception_codes")
result

# %% [markdown]
# 이제 노트북 안의 라인에 직접 물어봅시다. 아래 `ask()`는 요청 하나를 보내고 무엇이 돌아왔는지 보여 줍니다.
# `lambda:`는 "이 줄을 바로 실행하지 말고 `ask` 안에서 실행하라"는 뜻입니다. 예측과 같았나요? (`unit_id_5`는
# 7절의 실시간 시뮬레이터에서 확인합니다.)
#
# Now ask the line inside the notebook. `ask()` sends one request and shows what came back; `lambda:` means "run
# this line inside `ask`, not now". Was your prediction right? (`unit_id_5` is tried on the live simulator in
# section 7.)

# %%
line = factorylab.connect(scenario="conveyor")


def ask(request):
    """Send one request and show what came back: values, an exception code, or no answer at all."""
    try:
        print("  답 / answer:", request())
    except factorylab.ModbusError as error:
        print(f"  예외 / exception {error.code:02X}:", error)
    except factorylab.ConnectionProblem as error:
        print("  응답 없음 / no answer:", error)


print("write_discrete_input")
ask(lambda: line.raw.write("discrete_input", 301, 1))
print("read_unmapped")
ask(lambda: line.raw.read("holding_register", 50))
print("read_past_the_map")
ask(lambda: line.raw.read("input_register", 300, count=10))
print("oven_on_conveyor")
ask(lambda: line.raw.read("input_register", 700))
print("speed_150")
ask(lambda: line.raw.write("holding_register", 300, 150))
print("write_read_only")
ask(lambda: line.raw.write("holding_register", 0, 5))
print("coil_value_2")
ask(lambda: line.raw.write("coil", 300, 2))
print("read_200_registers")
ask(lambda: line.raw.read("holding_register", 0, count=200))
print("simulator_stopped (포트 5099에는 시뮬레이터가 없습니다 / nothing listens on port 5099)")
ask(lambda: factorylab.connect("127.0.0.1:5099").conveyor1.run)

# %% [markdown]
# ## 7. 실시간 시뮬레이터에서 확인 / On the live simulator
#
# 다른 터미널에서 `factorylab sim --scenario conveyor`를 실행하고 `LIVE = True`로 바꾸세요. 컴퓨터에 `mbpoll`이
# 있으면 과제 2-1의 명령을 차례로 실행하고, 같은 값을 파이썬으로도 읽어 비교합니다. 시뮬레이터 창에서
# 컨베이어가 60 %로 도는지 보세요. 마지막으로 pymodbus 클라이언트로 유닛 ID 5에 물어 예외 0B를 받아 봅니다.
#
# Run `factorylab sim --scenario conveyor` in another terminal and set `LIVE = True`. With `mbpoll` on this PC,
# your exercise 2-1 commands run one by one and the same values are read from Python; watch the belt run at 60 % in the
# simulator's window. Last, a pymodbus client asks unit id 5 and gets exception 0B.

# %%
LIVE = False
if LIVE:
    import shlex
    import shutil
    import subprocess

    live = factorylab.connect("127.0.0.1:5020")
    if shutil.which("mbpoll"):
        for task, command in commands.items():
            output = subprocess.run(shlex.split(command), capture_output=True, text=True, timeout=10)
            print(f"{task}: {command}\n{(output.stdout + output.stderr).split('...')[-1].strip()}\n")
    else:
        print("mbpoll이 없습니다: 파이썬으로만 읽습니다. / mbpoll is not installed: Python only.")
    print("conveyor1 입력 비트 / input bits:", live.raw.read("discrete_input", 300, count=3))
    print("conveyor1 current, belt_speed:", live.raw.read("input_register", 300, count=2))
    print("conveyor1.speed:", live.conveyor1.speed, "%")

    from pymodbus.client import ModbusTcpClient

    client = ModbusTcpClient("127.0.0.1", port=5020, timeout=2)
    client.connect()
    reply = client.read_holding_registers(0, count=2, device_id=5)
    print("unit id 5:", reply)  # ExceptionResponse(... exception_code=11) = 0x0B
    client.close()

# %% [markdown]
# ## 8. 분석 질문 / Analysis
#
# 1. `-0`을 빠뜨린 `read_inputs`는 예외 02를 받지만, `-0`을 빠뜨린 `belt_speed_without_0`(`-r 301`)은 아무 오류
#    없이 다른 태그의 값을 돌려줍니다. 어느 쪽이 현장에서 더 위험할까요? 왜 그럴까요?
# 2. 이 라인은 오븐 온도를 배율 10의 `uint16`(`oven.temperature`)으로도, `float32`(`oven.temperature_float`)로도
#    보냅니다. 각각 좋은 점과 나쁜 점은 무엇일까요? (해상도, 레지스터 수, 워드 순서)
# 3. 상위 워드를 먼저 보내는 장비와 하위 워드를 먼저 보내는 장비를 한 SCADA에 연결하면 어떤 일이 생길 수 있나요?
#    값이 65535를 넘기 전에는 왜 잘 보일까요?
# 4. 고장을 찾을 때 "예외 02가 왔다"와 "타임아웃이 났다"는 각각 어디를 먼저 살펴보라는 뜻일까요?
#
# 1. A `read_inputs` without `-0` gets exception 02, but a `belt_speed_without_0` done with `-r 301` silently returns
#    another tag's value. Which is more dangerous in a plant, and why?
# 2. The line sends the oven temperature both as a scaled `uint16` (`oven.temperature`) and as a `float32`
#    (`oven.temperature_float`). What is good and bad about each (resolution, registers, word order)?
# 3. What can happen when devices sending the high word first and the low word first share one SCADA? Why does it
#    look fine while values stay below 65536?
# 4. When troubleshooting, where does "exception 02" send you first, and where does "timeout"?

# %% [markdown]
# ## 9. 더 해 보기 / Going further
#
# * `from factorylab.tags import parse_notation`으로 과제 2-2의 답을 확인해 보세요: `parse_notation("400101")`.
# * 전체 라인 시뮬레이터(`factorylab sim`)에서 `mbpoll -m tcp -p 5020 -0 -t 3:float -r 704 -1 127.0.0.1`을 `-B`와
#   함께, 또 없이 실행해 보세요. mbpoll의 기본 워드 순서는 무엇일까요?
# * Wireshark가 있다면 포트 5020을 잡아 과제 2-1의 요청 바이트를 위의 프레임 그림과 비교해 보세요.
#
# * Check your exercise 2-2 answers with `parse_notation` from `factorylab.tags`.
# * On the whole-line simulator (`factorylab sim`) run `mbpoll -m tcp -p 5020 -0 -t 3:float -r 704 -1 127.0.0.1`
#   with and without `-B`: which word order does mbpoll use by default?
# * With Wireshark, capture port 5020 and compare exercise 2-1's request bytes with the frame above.
