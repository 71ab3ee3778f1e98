"""A bare pymodbus 3.16.1 TCP server, as the yardstick for our server.

    python benchmarks/bare_pymodbus_server.py PORT

Same register count as FactoryLab's `sorting` scenario (in the same tables),
no plant, no checks of ours: pymodbus's own request handling only.
"""

from __future__ import annotations

import asyncio
import signal
import sys

from pymodbus.server import ModbusTcpServer
from pymodbus.simulator import DataType, SimData, SimDevice

from factorylab.plant import load_scenario
from factorylab.tags import tags_for


async def serve(port: int) -> None:
    tags = tags_for(load_scenario("sorting"))
    blocks = []
    for table in ("coil", "discrete_input", "holding_register", "input_register"):
        entries = []
        for tag in tags.in_table(table):
            kind = DataType.BITS if table in ("coil", "discrete_input") else DataType.REGISTERS
            entries.append(
                SimData(
                    tag.address, count=tag.registers, values=0 if kind == DataType.REGISTERS else False, datatype=kind
                )
            )
        blocks.append(entries)
    device = SimDevice(id=1, simdata=tuple(blocks), use_bit_addressing=True)
    server = ModbusTcpServer(device, address=("127.0.0.1", port))
    await server.serve_forever(background=True)
    print("listening", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    await stop.wait()
    await server.shutdown()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1])))
