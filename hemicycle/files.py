"""Writing files so that a reader, or a crash, never sees half of one.

Every module that replaces a file or a symbolic link in place goes through here: content is
written to a temporary file beside its target and renamed over it (``os.replace`` is atomic
within one file system), so readers see the old file or the whole new one.
"""

from __future__ import annotations

import ctypes
import os
import tempfile
import uuid
from pathlib import Path


def stage_bytes(path: Path, content: bytes, durable: bool = True) -> Path:
    """``content`` in a world-readable temporary file beside ``path``, to be renamed over it.

    ``durable``: on disk before it returns (what a batch can do without when it syncs the
    whole file system once, see ``sync_filesystem``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # published files are world-readable, unlike mkstemp's default
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def atomic_write_bytes(path: Path, content: bytes, durable: bool = True) -> None:
    """Write ``content`` to ``path`` so readers see the old file or the whole new one.

    ``durable``: on disk before it is renamed into place (what a cache can do without:
    after a crash its entry may be empty, never half of another)."""
    tmp = stage_bytes(path, content, durable)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def replace_symlink(link: Path, target: str | Path) -> None:
    """Point the symbolic link ``link`` at ``target`` (relative to the link's folder, as
    ``os.symlink`` reads it) in one step: a new link beside it, renamed over it."""
    tmp = link.parent / f".{link.name}.{uuid.uuid4().hex}.link"
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def sync_filesystem(path: Path) -> None:
    """Flush every write to the file system holding ``path`` (all file systems where
    ``syncfs`` is not available)."""
    syncfs = getattr(ctypes.CDLL(None), "syncfs", None) if os.name == "posix" else None
    if syncfs is None:
        os.sync()
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        if syncfs(fd) != 0:
            os.sync()
    finally:
        os.close(fd)
