"""What received bytes are, before anyone parses them: their format, an anti-bot page in
place of a document, a page cut in transfer.

The client checks a reply with these before it keeps the bytes, and the parsers check a
document with the same ones, so both layers agree on what a document is.
"""

from __future__ import annotations

import functools

from hemicycle.errors import ParseError


def detect_format(content: bytes, content_type: str | None = None) -> str:
    """`pdf`, `json`, `html` or `text`, from the bytes first and the declared type second."""
    head = content[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head[:1] in (b"{", b"["):
        return "json"
    lowered = head.lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in lowered or (
        b"<div" in lowered or b"<p>" in lowered or b"<p " in lowered
    ):
        return "html"
    if content_type and "html" in content_type:
        return "html"
    return "text"


@functools.cache
def _challenge_markers() -> tuple[bytes, ...]:
    from hemicycle.vocab import VOCAB_DIR

    path = VOCAB_DIR / "challenge_markers.txt"
    markers = tuple(line.strip().casefold() for line in path.read_text(encoding="utf-8").splitlines()
                    if line.strip() and not line.startswith("#"))
    if not all(m.isascii() for m in markers):
        raise ValueError(f"{path.name}: markers must be ASCII phrases")
    return tuple(m.encode() for m in markers)


def check_not_challenge(text: str) -> None:
    """Anti-bot and access-denied pages are recorded as blocked, never parsed.

    The markers are ASCII phrases, so they are looked for ASCII-case-insensitively in the
    UTF-8 bytes of the head of the page (much cheaper than case-folding the text).
    """
    head = text[:20000].encode("utf-8", errors="replace").lower()
    for marker in _challenge_markers():
        if marker in head:
            raise ParseError(f"anti-bot challenge or access-denied page ({marker.decode()!r})",
                             reason="blocked_challenge")


def _contains(text: str, lowered: str) -> bool:
    """``lowered`` in the case-folded text; the common exact spelling is found without folding."""
    return lowered in text or lowered in text.casefold()


def check_html_complete(html: str) -> None:
    """A page that opens <html> but never closes its body was cut in transfer."""
    if _contains(html[:4096], "<html") and not _contains(html[-8192:], "</html>") \
            and not _contains(html, "</body>"):
        raise ParseError("HTML page ends before </body></html>: truncated download",
                         reason="truncated_html")
