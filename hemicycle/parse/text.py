"""Bytes -> text for every container format we receive (HTML, PDF, plain text)."""

from __future__ import annotations

import io
import re

from hemicycle.errors import ParseError

_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
               "section", "article", "header", "footer", "td", "th", "ul", "ol", "dd", "dt")


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


_MOJIBAKE = re.compile(r"[ÃÂ][\u0080-\u00bf]|â€[\u0080-\u00bf™œ\u009d]|Å[\u0080-\u00bf¡¸½¾]")


def _challenge_markers() -> list[str]:
    from hemicycle.vocab import VOCAB_DIR

    path = VOCAB_DIR / "challenge_markers.txt"
    return [line.strip().casefold() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def check_not_challenge(text: str) -> None:
    """Anti-bot and access-denied pages are recorded as blocked, never parsed."""
    head = text[:20000].casefold()
    for marker in _challenge_markers():
        if marker in head:
            raise ParseError(f"anti-bot challenge or access-denied page ({marker!r})",
                             reason="blocked_challenge")


def check_not_mojibake(text: str) -> None:
    """UTF-8 read as Latin-1 ("DÃ©claration") garbles every accent: refuse, don't guess."""
    hits = len(_MOJIBAKE.findall(text))
    if hits >= 3 and hits * 200 > len(text.split()):
        raise ParseError(f"text is mojibake ({hits} garbled sequences such as "
                         f"{_MOJIBAKE.search(text).group(0)!r}): wrong encoding upstream",
                         reason="mojibake")


def check_html_complete(html: str) -> None:
    """A page that opens <html> but never closes its body was cut in transfer."""
    lowered = html.casefold()
    if "<html" in lowered[:4096] and "</html>" not in lowered[-8192:] and "</body>" not in lowered:
        raise ParseError("HTML page ends before </body></html>: truncated download",
                         reason="truncated_html")


def decode_bytes(content: bytes, content_type: str | None = None) -> str:
    """Decode as the declared charset, else UTF-8, else Windows-1252; refuse binary junk."""
    if not content.strip():
        raise ParseError("empty document", reason="empty")
    declared = None
    if content_type:
        match = re.search(r"charset=([\w-]+)", content_type, re.I)
        declared = match.group(1) if match else None
    for encoding in filter(None, (declared, "utf-8")):
        try:
            text = content.decode(encoding)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    else:
        text = content.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:4096]) // 50) or "\x00" in text[:4096]:
        raise ParseError("binary content, not a text document", reason="binary")
    return text


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    for tag in _BLOCK_TAGS:
        for node in root.css(tag):
            node.insert_before("\n")
            node.insert_after("\n")
    text = root.text(separator="", strip=False)
    return clean_text(text)


def pdf_to_text(content: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ParseError(f"unreadable PDF: {exc}", reason="bad_pdf") from exc
    if not text.strip():
        raise ParseError("PDF has no text layer (scanned image?)", reason="pdf_no_text")
    return clean_text(text)


def clean_text(text: str) -> str:
    """Fold non-breaking and odd spaces, strip trailing blanks, keep line structure."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u00a0\u2007\u202f\u2009\u200a\u3000]", " ", text)
    text = re.sub(r"[\u200b\ufeff]", "", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")
