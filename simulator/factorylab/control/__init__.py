"""What students program with: the line object, the runner, PLC blocks and checks."""

from .line import Device, Line, LocalLine, RemoteLine, Snapshot, TagInfo, connect

__all__ = ["Device", "Line", "LocalLine", "RemoteLine", "Snapshot", "TagInfo", "connect"]
