"""A short smoke test for a second Python: the simulator, a check and one lab notebook.

`.ci/run` runs the full suite on `python3` and this on the newest other Python found
(e.g. 3.13), in a venv with a plain `pip install -e .` (what a student installs).
Exits non-zero with a message on the first thing that does not work.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import factorylab
from factorylab import lab


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smoke_sim() -> None:
    port = free_port()
    sim = subprocess.Popen(
        [sys.executable, "-m", "factorylab", "sim", "--headless", "--port", str(port), "--lang", "en"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert sim.poll() is None and time.monotonic() < deadline, sim.communicate()
                time.sleep(0.1)
        line = factorylab.connect(port=port)
        first = line.system.sim_time
        time.sleep(0.5)
        assert line.system.sim_time > first, "the simulator does not advance"
        line.close()
    finally:
        sim.send_signal(signal.SIGTERM)
        out, err = sim.communicate(timeout=20)
    assert sim.returncode == 0 and "Traceback" not in err, (sim.returncode, err)
    print("sim: ok")


def seal_in(line, t):
    ok = line.panel.safety_ok
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and ok
    line.conveyor1.run = line.conveyor2.run = line.stack_light.green = run
    line.stack_light.red = not ok


def smoke_check() -> None:
    result = factorylab.check(seal_in, "seal_in")
    assert result.passed, result.details()
    wrong = factorylab.check(lambda line, t: None, "seal_in")
    assert not wrong.passed
    print("check: ok")


def smoke_notebook() -> None:
    import nbformat
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory() as folder:
        source = lab.sources()[0]
        lab.build(folder, labs=[source], solutions=True)
        path = Path(folder) / "solution" / f"{source.path.stem}.ipynb"
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": folder}}).execute()
    print(f"notebook {source.id}: ok")


if __name__ == "__main__":
    print(f"smoke test on Python {sys.version.split()[0]}")
    smoke_sim()
    smoke_check()
    smoke_notebook()
    print("smoke: all ok")
