"""What an assembly's addresses say about the document they serve.

Fetching and parsing both read them (a redirect is followed only to the same document; a
statement records the FileID it came from), so they live below both.
"""

from __future__ import annotations

import re

_PACE_FILE_ID = re.compile(r"fileid=(\d+)|/files/(\d+)", re.I)


def file_id_of(url: str | None) -> str | None:
    """The PACE FileID in a page address, old (``?fileid=N``) or new (``/files/N/``)."""
    if not url:
        return None
    match = _PACE_FILE_ID.search(url)
    return (match.group(1) or match.group(2)) if match else None
