"""Content-addressed store of raw documents with a provenance log.

Bytes live once under ``objects/ab/abcdef...`` (sha256); every fetch appends one line
to ``provenance.jsonl`` (url, fetched_at, sha256, content type, source). Writes go to a
temporary file first and are renamed into place, so a crash never leaves half a file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path

from hemicycle.records import RawDocument


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def atomic_write_bytes(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` so readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # published files are world-readable, unlike mkstemp's default
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class RawStore:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.objects = self.root / "objects"
        self.log = self.root / "provenance.jsonl"

    def object_path(self, sha256: str) -> Path:
        return self.objects / sha256[:2] / sha256

    def put(self, doc: RawDocument) -> bool:
        """Store bytes (once) and log the fetch; returns True when the bytes were new."""
        path = self.object_path(doc.sha256)
        new = not path.exists()
        if new:
            atomic_write_bytes(path, doc.content)
        record = {
            "source": doc.source,
            "url": doc.url,
            "fetched_at": doc.fetched_at,
            "sha256": doc.sha256,
            "content_type": doc.content_type,
            "bytes": len(doc.content),
        }
        self.root.mkdir(parents=True, exist_ok=True)
        with self.log.open("a", encoding="utf-8") as fh:  # one short line: append is atomic
            fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        return new

    def get(self, sha256: str) -> bytes:
        return self.object_path(sha256).read_bytes()

    def provenance(self) -> list[dict]:
        if not self.log.exists():
            return []
        with self.log.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
