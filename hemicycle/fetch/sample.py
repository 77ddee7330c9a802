"""The embedded sample in ``data/sample``: real documents read offline, as if fetched.

``manifest.json`` lists every file with its original URL. Files marked
``wrapper: excerpt`` are JSON records ``{url, excerpt}``; their excerpt is the document.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from hemicycle.fetch.store import sha256_hex
from hemicycle.records import RawDocument

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "sample"


def iter_sample_documents(sample_dir: Path = SAMPLE_DIR) -> Iterator[RawDocument]:
    manifest = json.loads((sample_dir / "manifest.json").read_text(encoding="utf-8"))
    fetched_at = f"{manifest['retrieved']}T00:00:00Z"
    for entry in manifest["documents"]:
        content = (sample_dir / entry["path"]).read_bytes()
        if entry.get("wrapper") == "excerpt":
            content = json.loads(content)["excerpt"].encode("utf-8")
        yield RawDocument(
            source=entry.get("source", "auto"),
            url=entry["url"],
            content=content,
            content_type=entry.get("content_type", "application/octet-stream"),
            fetched_at=fetched_at,
            sha256=sha256_hex(content),
        )
