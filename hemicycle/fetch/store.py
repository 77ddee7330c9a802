"""Content-addressed store of raw documents with a provenance log.

Bytes live once under ``objects/ab/abcdef...`` (sha256); every fetch appends one line
to ``provenance.jsonl`` (url, fetched_at, sha256, content type, source). Writes go to a
temporary file first and are renamed into place, so a crash never leaves half a file.

Documents read in bulk from a local folder (the embedded sample, a synthetic corpus) are
stored by ``put_many``: their new bytes reach the disk with one sync per batch instead
of one per object, and reading the same folder again is no new fetch: a record already
in the log (same URL, time, bytes and type) is not written twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from hemicycle.files import atomic_write_bytes, stage_bytes, sync_filesystem
from hemicycle.records import RawDocument


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _record(doc: RawDocument) -> str:
    return json.dumps({
        "source": doc.source,
        "url": doc.url,
        "fetched_at": doc.fetched_at,
        "sha256": doc.sha256,
        "content_type": doc.content_type,
        "bytes": len(doc.content),
    }, ensure_ascii=False, sort_keys=True) + "\n"


class RawStore:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.objects = self.root / "objects"
        self.log = self.root / "provenance.jsonl"
        self._logged: set[str] | None = None

    def object_path(self, sha256: str) -> Path:
        return self.objects / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        """The bytes are stored (a check made for every known file of a folder on every run)."""
        return os.path.exists(os.path.join(self.objects, sha256[:2], sha256))

    def put(self, doc: RawDocument) -> bool:
        """Store bytes (once) and log the fetch; returns True when the bytes were new."""
        path = self.object_path(doc.sha256)
        new = not path.exists()
        if new:
            atomic_write_bytes(path, doc.content)
        self._append([_record(doc)])
        return new

    def put_many(self, docs: list[RawDocument]) -> list[bool]:
        """Store documents read in bulk; True for each whose bytes were new.

        New bytes go to temporary files, one sync of the file system makes them durable,
        then they are renamed into place; records already in the log are not logged again.
        """
        if not docs:  # nothing to store or log: the log is not read
            return []
        staged: dict[Path, Path] = {}  # object path -> temporary file
        new: list[bool] = []
        try:
            for doc in docs:
                path = self.object_path(doc.sha256)
                fresh = path not in staged and not path.exists()
                if fresh:
                    staged[path] = stage_bytes(path, doc.content, durable=False)
                new.append(fresh)
            if staged:
                sync_filesystem(self.objects)
            while staged:
                path, tmp = staged.popitem()
                os.replace(tmp, path)
        finally:
            for tmp in staged.values():
                tmp.unlink(missing_ok=True)
        logged = self._known()
        self._append([line for line in dict.fromkeys(_record(doc) for doc in docs) if line not in logged])
        return new

    def _known(self) -> set[str]:
        """Every record in the log (read once)."""
        if self._logged is None:
            self._logged = set()
            if self.log.exists():
                with self.log.open(encoding="utf-8") as fh:
                    self._logged.update(fh)
        return self._logged

    def _append(self, lines: list[str]) -> None:
        if not lines:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            for line in lines:  # one short line per write: appends of two runs never interleave
                os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
        if self._logged is not None:
            self._logged.update(lines)

    def get(self, sha256: str) -> bytes:
        return self.object_path(sha256).read_bytes()

    def provenance(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        with self.log.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
