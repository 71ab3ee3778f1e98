"""A cache of generated shifts on disk, so a lab's data comes at once the second time.

:func:`factorylab.data.shift` is a seeded simulation: the same arguments and
the same FactoryLab give the same tables, byte for byte. So its CSV text is
kept in ``$FACTORYLAB_CACHE/shifts`` (else ``$XDG_CACHE_HOME/factorylab/shifts``,
else ``~/.cache/factorylab/shifts``), in a folder named by a digest of every
file of the installed package: a changed FactoryLab never reads an old shift.
``FACTORYLAB_CACHE=off`` switches it off. A cache that cannot be written (a
read-only or full disk) only costs the next call the simulation.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

SETTING = "FACTORYLAB_CACHE"
PACKAGE = Path(__file__).resolve().parents[1]


def folder(kind: str) -> Path | None:
    """Where cached ``kind`` files live for this FactoryLab (``None``: caching is off)."""
    setting = os.environ.get(SETTING, "").strip()
    if setting.lower() == "off":
        return None
    if setting:
        base = Path(setting)
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache") / "factorylab"
    return base / kind / package_digest()


@cache
def package_digest() -> str:
    """SHA-256 (32 hex digits) of every file of the package (not the built docs site, not bytecode)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        parts = path.relative_to(PACKAGE).parts
        if not path.is_file() or "__pycache__" in parts or parts[0] == "site":
            continue
        digest.update("/".join(parts).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def read(kind: str, name: str) -> str | None:
    """The cached text ``name`` of ``kind``, or ``None``."""
    place = folder(kind)
    if place is None:
        return None
    try:
        return (place / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write(kind: str, name: str, text: str) -> None:
    """Keep ``text`` as ``name`` of ``kind`` (whole or not at all, even with two writers at once)."""
    place = folder(kind)
    if place is None:
        return
    try:
        place.mkdir(parents=True, exist_ok=True)
        partial = place / f".{name}.{os.getpid()}"
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, place / name)
    except OSError:
        pass
