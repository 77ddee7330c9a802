"""Parse results cached by raw SHA-256 and parser version: unchanged bytes are never re-parsed.

The parser version is a digest of every input of parsing (``hemicycle.parse.version``: the
parser modules and every module they import, the vocabulary files, the library versions),
so any change to them invalidates every cached result without anyone having to remember
to bump a number.

Documents not found are parsed by a ``BoundedParser`` (a watched worker process: no document
may cost more than a bounded amount of CPU and memory), started on the first miss and
stopped by ``close``.

Results are kept in one SQLite file per parser version (WAL mode, so a crawl and a clean
stage in other processes may read and write it at once), written in batches: a cache can
lose its last entries in a crash and parse them again, so it is not synced to disk.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from hemicycle.parse.bounded import BoundedParser
from hemicycle.parse.version import parser_version
from hemicycle.records import DocumentMeta, ParsedDocument, RawDocument

__all__ = ["ParseCache", "parser_version"]

DATABASE = "parsed.sqlite"
PENDING = 500  # results kept in memory before they are written


class ParseCache:
    def __init__(self, root: Path):
        self.root = Path(root) / parser_version()
        if Path(root).is_dir():  # results of older parser versions can never be used again
            for old in Path(root).iterdir():
                if old.name != self.root.name:
                    shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
        self.hits = 0
        self.misses = 0
        self._pending: dict[str, bytes] = {}
        self._db: sqlite3.Connection | None = None
        self._parser: BoundedParser | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self.root.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.root / DATABASE, timeout=120, isolation_level=None)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = OFF")
            self._db.execute("CREATE TABLE IF NOT EXISTS parsed (key TEXT PRIMARY KEY, result BLOB NOT NULL)")
        return self._db

    @staticmethod
    def _key(raw: RawDocument) -> str:
        return hashlib.sha256(f"{raw.sha256}\0{raw.source}\0{raw.url}\0{raw.content_type}".encode()).hexdigest()

    def _stored(self, key: str) -> ParsedDocument | None:
        blob = self._pending.get(key)
        if blob is None:
            row = self._connection().execute("SELECT result FROM parsed WHERE key = ?", (key,)).fetchone()
            blob = row[0] if row else None
        if blob is None:
            return None
        try:
            parsed: ParsedDocument = pickle.loads(blob)
            return parsed
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None  # stale or torn entry: parse again

    def parse(self, raw: RawDocument,
              parse: Callable[[RawDocument], ParsedDocument] | None = None) -> ParsedDocument:
        """The cached result for these bytes (and URL, which parsers read), else parse and keep
        it; ``parse`` defaults to bounded parsing in a worker process."""
        if parse is None:
            return self.parse_many([raw])[0]
        key = self._key(raw)
        cached = self._cached(raw, key)
        if cached is not None:
            return cached
        self.misses += 1
        result = parse(raw)
        self._keep(key, result)
        return result

    def parse_many(self, raws: Sequence[RawDocument]) -> list[ParsedDocument]:
        """``parse`` of each, in order; the documents not cached are parsed in one batch."""
        results: list[ParsedDocument | None] = []
        missing: list[tuple[int, RawDocument, str]] = []
        for raw in raws:
            key = self._key(raw)
            results.append(self._cached(raw, key))
            if results[-1] is None:
                missing.append((len(results) - 1, raw, key))
        if missing:
            self._parser = self._parser or BoundedParser()
            parsed = self._parser.parse_many_pickled([raw for _, raw, _ in missing])
            for (i, _, key), (result, blob) in zip(missing, parsed, strict=True):
                self.misses += 1
                self._keep(key, result, blob)
                results[i] = result
        return [r for r in results if r is not None]

    def _cached(self, raw: RawDocument, key: str) -> ParsedDocument | None:
        cached = self._stored(key)
        if cached is None:
            return None
        self.hits += 1
        # provenance of this fetch, parse result of the identical bytes
        return ParsedDocument(_meta_of(raw), cached.statements, cached.error_reason, cached.error_message)

    def _keep(self, key: str, result: ParsedDocument, blob: bytes | None = None) -> None:
        """Keep ``result`` (``blob``: its pickle, when the parse worker already made it)."""
        self._pending[key] = blob if blob is not None else pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        if len(self._pending) >= PENDING:
            self.flush()

    def flush(self) -> None:
        """Write the results kept in memory."""
        if not self._pending:
            return
        db = self._connection()
        with db:
            db.execute("BEGIN")
            db.executemany("INSERT OR REPLACE INTO parsed (key, result) VALUES (?, ?)", self._pending.items())
        self._pending.clear()

    def close(self) -> None:
        self.flush()
        if self._parser is not None:
            self._parser.close()
            self._parser = None
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> ParseCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _meta_of(raw: RawDocument) -> DocumentMeta:
    return DocumentMeta(source=raw.source, url=raw.url, raw_sha256=raw.sha256,
                        content_type=raw.content_type, fetched_at=raw.fetched_at,
                        bytes=len(raw.content))
