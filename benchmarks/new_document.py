"""One new document in a corpus folder, for the run that follows a day's fetch of one page.

The document is a copy of the folder's first PACE web page under a new URL and a document
number no other page uses, so that it is one new statement with its signatories, as a
newly published written declaration would be. ``added`` puts it in the folder's manifest
for the length of a ``with`` block and takes it out again, leaving the corpus as it was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

NEW_NUMBER = "990001"  # above every number the generator prints
NEW_FILE_ID = "990001"
_DOC_NUMBER = re.compile(rb"Doc\. \d+")


def _template(manifest: dict[str, Any]) -> dict[str, Any]:
    return next(e for e in manifest["documents"]
                if e.get("source") == "pace" and "/files/" in e["url"] and e["path"].endswith(".html"))


@contextmanager
def added(corpus: Path) -> Iterator[dict[str, Any]]:
    """The manifest entry of a new document, present in ``corpus`` within the block."""
    path = corpus / "manifest.json"
    original = path.read_bytes()
    manifest = json.loads(original)
    template = _template(manifest)
    content = (corpus / template["path"]).read_bytes()
    new_path = Path(template["path"]).with_name("new-document.html")
    (corpus / new_path).write_bytes(_DOC_NUMBER.sub(b"Doc. " + NEW_NUMBER.encode(), content))
    entry = {**template, "path": new_path.as_posix(),
             "url": re.sub(r"/files/\d+/", f"/files/{NEW_FILE_ID}/", template["url"]),
             "origin": "benchmark: one new document"}
    manifest["documents"].append(entry)
    path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    try:
        yield entry
    finally:
        path.write_bytes(original)
        (corpus / new_path).unlink(missing_ok=True)
