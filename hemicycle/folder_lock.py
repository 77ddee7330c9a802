"""One writer per output folder: a run holds it alone, releases may read it together.

Two runs writing one folder would mix their files (one's Parquet with the other's
validation report), so ``hemicycle run`` takes an exclusive lock on ``<out>/.hemicycle.lock``
and ``hemicycle release`` a shared one while it reads. The lock is the operating system's
(``flock``): it goes with the process that holds it, so a run that crashed or was killed
leaves no stale lock behind; the file only says, for messages, who holds it.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from hemicycle.errors import HemicycleError

LOCK_NAME = ".hemicycle.lock"
WAIT_POLL_SECONDS = 0.5


class FolderBusy(HemicycleError):
    """Another process holds the folder; ``hint`` says what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def _alive(pid: object) -> bool:
    if not isinstance(pid, int):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _holder(path: Path) -> str:
    """Who holds the lock, as its holder wrote it (only exclusive holders write)."""
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    if info and info.get("host") == socket.gethostname() and not _alive(info.get("pid")):
        info = {}  # written by a writer that died: the lock went with it, a reader holds it now
    if not info:
        return "a hemicycle release reading it"
    return (f"`{info.get('command', 'hemicycle')}` (pid {info.get('pid')} on {info.get('host')}, "
            f"since {info.get('since')})")


class FolderLock:
    """``with FolderLock(out, exclusive=True, wait=False):`` — raises FolderBusy when held.

    ``wait``: block until the holder is done instead (``on_wait`` is told once, with who
    holds it). Locks are per open file: one process may hold a folder once.
    """

    def __init__(self, folder: Path, exclusive: bool = True, wait: bool = False,
                 command: str = "hemicycle run", on_wait: Callable[[str], None] | None = None) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self.exclusive = exclusive
        self.wait = wait
        self.command = command
        self.on_wait = on_wait
        self._fd: int | None = None

    def acquire(self) -> None:
        if not self.exclusive and not self.folder.is_dir():
            return  # nothing there to read, nor anyone writing it
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        mode = fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH
        told = False
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(self.path)
                if not self.wait:
                    os.close(fd)
                    doing = "run" if self.exclusive else "read"
                    raise FolderBusy(f"{self.folder} is in use by {holder}; not {doing} now, nothing changed",
                                     "wait for it to finish, or pass --wait to wait for it") from None
                if not told and self.on_wait is not None:
                    self.on_wait(f"{self.folder} is in use by {holder}: waiting for it to finish")
                    told = True
                time.sleep(WAIT_POLL_SECONDS)
        if self.exclusive:
            info = {"pid": os.getpid(), "host": socket.gethostname(), "command": self.command,
                    "since": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(info).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if self.exclusive:
            os.ftruncate(fd, 0)  # no holder: the next one writes itself in
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()
