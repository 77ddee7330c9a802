"""Local folders read as if fetched: the embedded sample in ``data/sample`` (and synthetic
corpora in the same layout).

``manifest.json`` lists every file with its original URL. Files marked
``wrapper: excerpt`` are JSON records ``{url, excerpt}``; their excerpt is the document.
Its ``rosters`` list the assemblies' member files the same way (``retrieved``: when the
roster was published, when it differs from the documents').

A folder is read again on every run, so ``FolderIndex`` remembers what each file held: a
file whose size, times and inode are those of the last read is not read again, the
local counterpart of a conditional request.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hemicycle.fetch.store import sha256_hex
from hemicycle.files import atomic_write_bytes
from hemicycle.records import RawDocument

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "sample"


@dataclass(frozen=True, slots=True)
class SampleEntry:
    """One file of a folder's manifest."""

    file: str  # the file's path (a string: a folder of 100,000 files is listed on every run)
    url: str
    source: str  # as the manifest says; "auto" when it does not
    content_type: str
    fetched_at: str
    excerpt: bool  # a JSON record whose "excerpt" is the document

    @property
    def path(self) -> Path:
        return Path(self.file)


def sample_entries(sample_dir: Path = SAMPLE_DIR) -> list[SampleEntry]:
    manifest = json.loads((sample_dir / "manifest.json").read_text(encoding="utf-8"))
    fetched_at = f"{manifest['retrieved']}T00:00:00Z"
    folder = str(sample_dir)
    return [SampleEntry(file=os.path.join(folder, e["path"]), url=e["url"], source=e.get("source", "auto"),
                        content_type=e.get("content_type", "application/octet-stream"),
                        fetched_at=fetched_at, excerpt=e.get("wrapper") == "excerpt")
            for e in manifest["documents"]]


def roster_entries(sample_dir: Path = SAMPLE_DIR) -> list[SampleEntry]:
    """The member rosters of a folder (none when its manifest lists none)."""
    manifest = json.loads((sample_dir / "manifest.json").read_text(encoding="utf-8"))
    return [SampleEntry(file=os.path.join(sample_dir, e["path"]), url=e["url"], source=e["source"],
                        content_type=e.get("content_type", "application/octet-stream"),
                        fetched_at=f"{e.get('retrieved', manifest['retrieved'])}T00:00:00Z", excerpt=False)
            for e in manifest.get("rosters", [])]


def read_sample_entry(entry: SampleEntry) -> RawDocument:
    with open(entry.file, "rb") as fh:
        content = fh.read()
    if entry.excerpt:
        content = json.loads(content)["excerpt"].encode("utf-8")
    return RawDocument(source=entry.source, url=entry.url, content=content,
                       content_type=entry.content_type, fetched_at=entry.fetched_at,
                       sha256=sha256_hex(content))


def iter_sample_documents(sample_dir: Path = SAMPLE_DIR) -> Iterator[RawDocument]:
    for entry in sample_entries(sample_dir):
        yield read_sample_entry(entry)


# What a file looked like when read: size, times, inode, then its manifest entry.
Signature = list[int | str | bool]


class FolderIndex:
    """What each file of a folder held when it was last read, kept in one JSON file."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self._known: dict[str, list[int | str | bool]] = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            self._known = {}
        self._changed = not self.path.exists()

    @staticmethod
    def signature(entry: SampleEntry) -> Signature:
        """What must be unchanged for the last read to stand (taken before reading)."""
        st = os.stat(entry.file)
        return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino,
                entry.url, entry.source, entry.content_type, entry.fetched_at, entry.excerpt]

    def lookup(self, entry: SampleEntry, signature: Signature) -> tuple[str, int] | None:
        """(sha256, bytes) of the document when the file is as it was last read."""
        known = self._known.get(entry.file)
        if not known or known[:-2] != signature:
            return None
        sha256, size = known[-2:]  # an index that does not hold these reads the file again
        return (sha256, size) if isinstance(sha256, str) and isinstance(size, int) else None

    def remember(self, entry: SampleEntry, signature: Signature, doc: RawDocument) -> None:
        self._known[entry.file] = [*signature, doc.sha256, len(doc.content)]
        self._changed = True

    def save(self) -> None:
        """Write the index, when a file was read since it was loaded."""
        if not self._changed:
            return
        self._changed = False
        atomic_write_bytes(self.path, json.dumps(self._known, separators=(",", ":")).encode(),
                           durable=False)  # a lost index only means reading the folder again
