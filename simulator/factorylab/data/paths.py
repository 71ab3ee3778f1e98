"""Checks on a file we are about to write, each problem told in Korean and English.

A missing folder, a folder given where a file belongs, a read-only folder or
file, a full disk: :func:`check_writable` says which, before anything is
written (and before a long run starts), and creates no folders.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

from ..errors import FactoryLabError

_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}
_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def check_writable(path: Path, example: str) -> None:
    """Raise a clear :class:`FactoryLabError` unless a file can be written at ``path``.

    Args:
        path: the file to write (it may exist; it is not touched).
        example: a file name to suggest when ``path`` is a folder (e.g. ``shift.csv``).
    """
    if path.is_dir():
        raise FactoryLabError(
            f"파일이 아니라 폴더입니다: {path}. 파일 이름까지 적으세요 (예: {path / example}).",
            f"{path} is a folder: give a file name (e.g. {path / example}).",
        )
    folder = path.parent
    if not folder.exists():
        raise FactoryLabError(
            f"{folder} 폴더가 없습니다. 폴더 이름을 확인하거나 먼저 만드세요 (mkdir {folder}).",
            f"there is no folder {folder}. Check its name or make it first (mkdir {folder}).",
        )
    if not folder.is_dir():
        raise FactoryLabError(
            f"{folder} 경로는 폴더가 아니라 파일입니다. 다른 위치를 고르세요.",
            f"{folder} is a file, not a folder. Choose another place.",
        )
    probe = folder / f".factorylab-probe-{os.getpid()}"
    try:
        with open(probe, "x", encoding="utf-8") as handle:
            handle.write("x")
    except OSError as exc:
        raise write_problem(folder, exc) from None
    finally:
        try:
            probe.unlink()
        except OSError:
            pass
    if path.exists() and not os.access(path, os.W_OK):
        raise FactoryLabError(
            f"{path} 파일은 읽기 전용이라 쓸 수 없습니다. 다른 파일 이름을 쓰세요.",
            f"{path} is read-only. Use another file name.",
        )


def write_problem(where: Path, exc: OSError) -> FactoryLabError:
    """The clear error for an OSError met while writing into ``where`` (a folder or file)."""
    if exc.errno in _READ_ONLY:
        return FactoryLabError(
            f"{where}에 쓸 수 없습니다 (읽기 전용이거나 권한이 없음). 쓸 수 있는 폴더를 고르세요.",
            f"cannot write into {where} (read-only, or no permission). Choose a folder you can write to.",
        )
    if exc.errno in _FULL:
        return FactoryLabError(
            f"{where}에 쓸 수 없습니다: 디스크가 가득 찼습니다. 공간을 비우거나 다른 디스크를 쓰세요.",
            f"cannot write into {where}: the disk is full. Free some space or use another disk.",
        )
    reason = exc.strerror or str(exc)
    return FactoryLabError(f"{where}에 쓸 수 없습니다: {reason}", f"cannot write into {where}: {reason}")


#: The first bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"


def check_sqlite_header(
    path: Path,
    not_ours: Callable[[Path], FactoryLabError],
    error: type[FactoryLabError] = FactoryLabError,
    *,
    folder_example: str | None = None,
) -> None:
    """A clear error if ``path`` holds something other than an SQLite database (missing or empty is fine).

    Args:
        path: the file.
        not_ours: makes the error for a file that is not an SQLite database.
        error: the error class for a file that cannot be read.
        folder_example: a file name to suggest when ``path`` is a folder (None: told as a file that cannot be read).
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        if folder_example is None:
            raise error(
                f"{path} 파일을 읽을 수 없습니다: Is a directory", f"cannot read {path}: Is a directory"
            ) from None
        raise error(
            f"파일이 아니라 폴더입니다: {path}. 파일 이름까지 적으세요 (예: {path / folder_example}).",
            f"{path} is a folder: give a file name (e.g. {path / folder_example}).",
        ) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise error(f"{path} 파일을 읽을 수 없습니다: {reason}", f"cannot read {path}: {reason}") from None
    if head and head != SQLITE_HEADER:
        raise not_ours(path)
