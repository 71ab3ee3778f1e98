"""The Modbus TCP server as an attachment of the running line (:mod:`factorylab.runtime`).

Clients' writes are queued by the server and applied at the next tick
boundary; after every wake-up of the runtime the register image is refreshed,
so reads see the latest tick.
"""

from __future__ import annotations

from ..plant import Plant
from ..runtime import Attachment, Runtime
from .server import PlantModbusServer


class ModbusAttachment(Attachment):
    """Serves the runtime's plant over Modbus TCP with ``server``.

    Args:
        server: a server over the same plant, not started yet (:meth:`start`
            binds it; an OSError says why it could not listen).
    """

    def __init__(self, server: PlantModbusServer) -> None:
        self.server = server

    async def start(self, runtime: Runtime) -> None:
        if self.server.plant is not runtime.plant:
            raise ValueError("the Modbus server serves another plant than the runtime runs")
        await self.server.start()

    def before_tick(self, plant: Plant) -> None:
        self.server.apply_writes()

    async def on_tick(self, plant: Plant) -> None:
        await self.server.publish()

    async def stop(self) -> None:
        await self.server.stop()
