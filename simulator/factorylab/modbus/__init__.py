"""Modbus TCP for the line: the only package that imports pymodbus."""

from .server import DEFAULT_HOST, DEFAULT_PORT, UNIT_ID, ClientInfo, PlantModbusServer, ServerStats, SharedPort

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "UNIT_ID", "ClientInfo", "PlantModbusServer", "ServerStats", "SharedPort"]
