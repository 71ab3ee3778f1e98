"""A small Modbus TCP client for the remote line (pymodbus underneath).

Speaks in tables and addresses; turns pymodbus's exceptions and error
responses into :class:`~factorylab.errors.ConnectionProblem` and
:class:`~factorylab.errors.ModbusError`, with messages a student can act on.
"""

from __future__ import annotations

import logging

from pymodbus.client import ModbusTcpClient
from pymodbus.exceptions import ModbusException

from ..errors import ConnectionProblem, modbus_error, write_refused
from .server import DEFAULT_PORT, SERVER_DEVICE_BUSY, UNIT_ID

_READ = {
    "coil": "read_coils",
    "discrete_input": "read_discrete_inputs",
    "holding_register": "read_holding_registers",
    "input_register": "read_input_registers",
}


def parse_address(text: str, port: int | None = None) -> tuple[str, int]:
    """``"192.168.0.10:5020"`` -> (host, port); the port defaults to 5020."""
    host, port_text = text.rsplit(":", 1) if ":" in text else (text, "")
    if port_text:
        try:
            port = int(port_text)
        except ValueError:
            raise ConnectionProblem(
                f"'{text}'의 포트 번호가 숫자가 아닙니다 (예: 127.0.0.1:5020)",
                f"the port in '{text}' is not a number (e.g. 127.0.0.1:5020)",
            ) from None
    return host, port if port is not None else DEFAULT_PORT


class ModbusLink:
    """One connection to a FactoryLab (or any Modbus TCP) server.

    A connection the server closed (it closes connections that stay idle for
    minutes, e.g. a notebook left open) is opened again by itself at the next
    request, once; only if that fails too the request fails.

    Args:
        host, port: where the server listens.
        unit: unit id (1 for FactoryLab; a classroom's shared port answers each line's own unit id).
        timeout: seconds to wait for each answer.
    """

    def __init__(self, host: str, port: int = DEFAULT_PORT, *, unit: int = UNIT_ID, timeout: float = 2.0) -> None:
        self.host = host
        self.port = port
        self.unit = unit
        logging.getLogger("pymodbus").setLevel(logging.CRITICAL)  # we report problems ourselves
        self._client = ModbusTcpClient(host, port=port, timeout=timeout, retries=0)
        if not self._client.connect():
            raise self._unreachable()

    def _unreachable(self) -> ConnectionProblem:
        where = f"{self.host}:{self.port}"
        return ConnectionProblem(
            f"시뮬레이터({where})에 연결할 수 없습니다. 'factorylab sim'이 실행 중인지, 주소와 포트가 맞는지 확인하세요.",
            f"cannot reach the simulator at {where}. Is 'factorylab sim' running, and are the address and port right?",
        )

    def _lost(self) -> ConnectionProblem:
        where = f"{self.host}:{self.port}"
        return ConnectionProblem(
            f"시뮬레이터({where})와의 연결이 끊겼습니다. 시뮬레이터가 꺼졌는지 확인하고 다시 connect() 하세요.",
            f"the connection to the simulator at {where} was lost. Check that it still runs, then connect() again.",
        )

    def _too_many(self) -> ConnectionProblem:
        where = f"{self.host}:{self.port}"
        return ConnectionProblem(
            f"시뮬레이터({where})에 연결이 너무 많아 받아 주지 않았습니다(Modbus 예외 06, 서버 사용 중). "
            "쓰지 않는 노트북의 커널을 끄거나 잠시 뒤에 다시 connect() 하세요. 계속되면 선생님께 알리세요.",
            f"the simulator at {where} has too many connections and turned this one away (Modbus exception 06, "
            "server busy). Shut down notebooks you are not using or connect() again in a moment; "
            "if it goes on, tell your teacher.",
        )

    def _ask(self, send):
        """``send()`` once; if the server had closed the connection, connect again and send once more."""
        try:
            return send()
        except (ModbusException, OSError):
            pass
        self._client.close()
        try:
            if not self._client.connect():
                raise self._lost()
            return send()
        except (ModbusException, OSError):
            raise self._lost() from None

    def _error(self, response, what: str) -> Exception:
        code = response.exception_code
        if code == SERVER_DEVICE_BUSY:
            self._client.close()
            return self._too_many()
        return modbus_error(code, what)

    def read(self, table: str, address: int, count: int = 1) -> list[int]:
        """Read ``count`` values; bits come back as 0/1."""
        method = getattr(self._client, _READ[table])
        response = self._ask(lambda: method(address, count=count, device_id=self.unit))
        if response.isError():
            raise self._error(response, f"{table} {address} x{count}")
        if table in ("coil", "discrete_input"):
            return [1 if bit else 0 for bit in response.bits[:count]]
        return list(response.registers)

    def write(self, table: str, address: int, values: list[int]) -> None:
        """Write bits (coils) or registers (holding registers)."""
        client, unit = self._client, self.unit
        if table == "coil":
            if len(values) == 1:
                response = self._ask(lambda: client.write_coil(address, bool(values[0]), device_id=unit))
            else:
                response = self._ask(lambda: client.write_coils(address, [bool(v) for v in values], device_id=unit))
        elif table == "holding_register":
            if len(values) == 1:
                response = self._ask(lambda: client.write_register(address, values[0], device_id=unit))
            else:
                response = self._ask(lambda: client.write_registers(address, list(values), device_id=unit))
        else:
            raise modbus_error(1, f"{table} {address}: inputs cannot be written")
        if response.isError():
            if response.exception_code == 1:
                raise write_refused(f"{table} {address} <- {values}", f"{self.host}:{self.port}")
            raise self._error(response, f"{table} {address} <- {values}")

    def close(self) -> None:
        """Close the connection."""
        self._client.close()
