"""Real servers for the tests that need them: Mosquitto and PostgreSQL from Debian's packages, on loopback.

Each test gets its own broker or database cluster in a temporary folder, on a
free port, so it can kill and restart it. ``.ci/run`` installs the packages;
without them the tests that need them are skipped (with the reason), except in
CI (``FACTORYLAB_CI=1``), where a missing server is a failure.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

MOSQUITTO = shutil.which("mosquitto") or ("/usr/sbin/mosquitto" if Path("/usr/sbin/mosquitto").exists() else None)
_PG_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
PG_BIN = _PG_BIN[0] if _PG_BIN else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def need(what: str, present: bool) -> None:
    """Skip (or, in CI, fail) when a server program is missing."""
    if present:
        return
    message = f"{what} is not installed (.ci/run installs it from Debian's packages)"
    if os.environ.get("FACTORYLAB_CI"):
        pytest.fail(message)
    pytest.skip(message)


def wait_for_port(port: int, process: subprocess.Popen | None = None, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"server exited: {process.communicate()}") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"nothing listens on port {port} after {timeout} s") from None
            time.sleep(0.05)


class Mosquitto:
    """A Mosquitto broker on 127.0.0.1:``port`` with persistence in ``folder``; kill and restart it at will."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        need("mosquitto", MOSQUITTO is not None)
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.config = folder / "mosquitto.conf"
        self.config.write_text(
            f"listener {self.port} 127.0.0.1\n"
            "allow_anonymous true\n"
            "persistence true\n"
            f"persistence_location {folder}/\n"
            "autosave_interval 1\n"
            "max_queued_messages 0\n"
            f"log_dest file {folder}/mosquitto.log\n",
            encoding="utf-8",
        )
        if os.geteuid() == 0 and _user_exists("mosquitto"):  # it drops root for the user 'mosquitto'
            shutil.chown(folder, "mosquitto")
        self.process: subprocess.Popen | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"mqtt://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [MOSQUITTO, "-c", str(self.config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        wait_for_port(self.port, self.process)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Stop it (SIGTERM: saves its queues; SIGKILL: a crash)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self, sig: int = signal.SIGTERM, down_for: float = 0.0) -> None:
        self.stop(sig)
        time.sleep(down_for)
        self.start()


class Postgres:
    """A PostgreSQL cluster of its own (initdb) on 127.0.0.1:``port``; stop and restart it at will.

    Run as root (a CI container), the server runs as the ``postgres`` user, as PostgreSQL demands.
    """

    def __init__(self, folder: Path, port: int | None = None) -> None:
        need("PostgreSQL", PG_BIN is not None)
        self.folder = folder
        self.data = folder / "pgdata"
        self.port = port or free_port()
        self.as_user: list[str] = []
        folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:  # PostgreSQL will not run as root
            need("the postgres user", _user_exists("postgres"))
            shutil.chown(folder, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        subprocess.run(
            [
                *self.as_user,
                str(PG_BIN / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
            ],
            check=True,
            capture_output=True,
        )
        self.start()
        subprocess.run(
            [
                *self.as_user,
                str(PG_BIN / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "factorylab",
            ],
            check=True,
            capture_output=True,
        )

    @property
    def dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/factorylab"

    def start(self) -> None:
        subprocess.run(
            [
                *self.as_user,
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.folder / "postgres.log"),
                "-o",
                f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                "-w",
                "start",
            ],
            check=True,
            capture_output=True,
        )
        wait_for_port(self.port)

    def stop(self, mode: str = "fast") -> None:
        """Stop it (``fast``: clean; ``immediate``: like a crash)."""
        subprocess.run(
            [*self.as_user, str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"],
            check=False,
            capture_output=True,
        )

    def restart(self, mode: str = "fast", down_for: float = 0.0) -> None:
        self.stop(mode)
        time.sleep(down_for)
        self.start()


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def service_folder(prefix: str) -> Path:
    """A new folder that a server dropping root (to 'mosquitto' or 'postgres') can reach and write.

    (pytest's tmp_path sits in a folder only its owner may enter.)
    """
    folder = Path(tempfile.mkdtemp(prefix=f"factorylab-{prefix}-"))
    folder.chmod(0o755)
    return folder


@pytest.fixture
def mosquitto():
    """A Mosquitto broker of this test's own."""
    folder = service_folder("mosquitto")
    broker = Mosquitto(folder)
    yield broker
    broker.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres():
    """A PostgreSQL cluster of this test's own, with a database ``factorylab``."""
    folder = service_folder("postgres")
    server = Postgres(folder)
    yield server
    server.stop("immediate")
    shutil.rmtree(folder, ignore_errors=True)
