"""JupyterLab for ``factorylab start``, ending itself when the process that started it is gone.

``factorylab start`` stops JupyterLab over its REST API. If ``factorylab start``
itself is killed outright (the task manager, a closed terminal, SIGKILL), no
one would, and a JupyterLab with no window to show it would hold its port and
kernels until the computer restarts. So it runs as::

    python -m factorylab.jupyter_child PARENT_PID [JupyterLab options ...]

and a watcher thread waits for PARENT_PID to end, then stops this server the
way Ctrl-C would (SIGTERM on Linux and macOS: kernels are shut down too). On
Windows it waits on the parent's process handle and exits; the kernels notice
their parent is gone and end themselves (ipykernel's parent poller).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time


def _wait_posix(parent: int) -> None:
    while os.getppid() == parent:  # once the parent is gone, we are adopted by another process
        time.sleep(0.5)


def _wait_windows(parent: int) -> None:  # pragma: no cover - Windows only
    import ctypes

    synchronize = 0x00100000
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(synchronize, False, parent)
    if handle:
        kernel32.WaitForSingleObject(handle, 0xFFFFFFFF)
        kernel32.CloseHandle(handle)


def _watch(parent: int) -> None:
    if os.name == "nt":  # pragma: no cover - Windows only
        _wait_windows(parent)
        os._exit(0)
    _wait_posix(parent)
    os.kill(os.getpid(), signal.SIGTERM)  # JupyterLab's own clean stop
    time.sleep(10.0)
    os._exit(0)  # it did not go: go anyway


def main(argv: list[str]) -> int:
    """Run JupyterLab with ``argv[1:]`` while process ``argv[0]`` lives."""
    parent = int(argv[0])
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()
    from jupyterlab.labapp import main as lab_main

    sys.argv = ["jupyter-lab", *argv[1:]]
    return lab_main() or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
