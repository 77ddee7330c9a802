"""Parse results cached by raw SHA-256 and parser version: unchanged bytes are never re-parsed.

The parser version is a hash of the parser source files, so any change to a parser
invalidates every cached result without anyone having to remember to bump a number.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

from hemicycle.fetch.store import atomic_write_bytes
from hemicycle.records import ParsedDocument, RawDocument

PARSE_DIR = Path(__file__).resolve().parent


@functools.cache
def parser_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(PARSE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PARSE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class ParseCache:
    def __init__(self, root: Path):
        self.root = Path(root) / parser_version()
        if Path(root).is_dir():  # results of older parser versions can never be used again
            for old in Path(root).iterdir():
                if old.is_dir() and old.name != self.root.name:
                    shutil.rmtree(old, ignore_errors=True)
        self.hits = 0
        self.misses = 0

    def _path(self, raw: RawDocument) -> Path:
        key = hashlib.sha256(f"{raw.sha256}\0{raw.source}\0{raw.url}\0{raw.content_type}".encode())
        return self.root / key.hexdigest()[:2] / key.hexdigest()

    def parse(self, raw: RawDocument, parse: Callable[[RawDocument], ParsedDocument]) -> ParsedDocument:
        """The cached result for these bytes (and URL, which parsers read), else parse and keep it."""
        path = self._path(raw)
        if path.exists():
            try:
                cached: ParsedDocument = pickle.loads(path.read_bytes())
            except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                path.unlink(missing_ok=True)  # stale or torn entry: parse again
            else:
                self.hits += 1
                # provenance of this fetch, parse result of the identical bytes
                return ParsedDocument(_meta_of(raw), cached.statements, cached.error_reason,
                                      cached.error_message)
        self.misses += 1
        result = parse(raw)
        atomic_write_bytes(path, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        return result


def _meta_of(raw: RawDocument):
    from hemicycle.records import DocumentMeta

    return DocumentMeta(source=raw.source, url=raw.url, raw_sha256=raw.sha256,
                        content_type=raw.content_type, fetched_at=raw.fetched_at,
                        bytes=len(raw.content))
