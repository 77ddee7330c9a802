"""Bytes -> text for every container format we receive (HTML, PDF, plain text)."""

from __future__ import annotations

import io
import re

from hemicycle.errors import ParseError
from hemicycle.parse.limits import MAX_PDF_PAGES, check_markup, too_complex

_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
               "section", "article", "header", "footer", "td", "th", "ul", "ol", "dd", "dt")
_BLOCK_SELECTOR = ", ".join(_BLOCK_TAGS)


_MOJIBAKE = re.compile(r"[ÃÂ][\u0080-\u00bf]|â€[\u0080-\u00bf™œ\u009d]|Å[\u0080-\u00bf¡¸½¾]")
_MOJIBAKE_LEADS = ("Ã", "Â", "â€", "Å")  # every garbled sequence starts with one of these


def check_not_mojibake(text: str) -> None:
    """UTF-8 read as Latin-1 ("DÃ©claration") garbles every accent: refuse, don't guess."""
    if not any(lead in text for lead in _MOJIBAKE_LEADS):
        return
    hits = len(_MOJIBAKE.findall(text))
    first = _MOJIBAKE.search(text)
    if first is not None and hits >= 3 and hits * 200 > len(text.split()):
        raise ParseError(f"text is mojibake ({hits} garbled sequences such as "
                         f"{first.group(0)!r}): wrong encoding upstream",
                         reason="mojibake")


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # control characters but \t \n \f \r
_CHARSET = re.compile(r"charset=([\w-]+)", re.I)


def decode_bytes(content: bytes, content_type: str | None = None) -> str:
    """Decode as the declared charset, else UTF-8, else Windows-1252; refuse binary junk."""
    if not content.strip():
        raise ParseError("empty document", reason="empty")
    declared = None
    if content_type:
        match = _CHARSET.search(content_type)
        declared = match.group(1) if match else None
    for encoding in filter(None, (declared, "utf-8")):
        try:
            text = content.decode(encoding)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    else:
        text = content.decode("cp1252", errors="replace")
    check_not_binary(text)
    return text


def check_not_binary(text: str) -> None:
    """Many control characters (or any NUL) near the start: binary junk, not a text."""
    controls = len(_CONTROLS.findall(text, 0, 4096))
    if controls > max(8, len(text[:4096]) // 50) or "\x00" in text[:4096]:
        raise ParseError("binary content, not a text document", reason="binary")


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    check_markup(html)
    tree = HTMLParser(html)
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    for node in root.css(_BLOCK_SELECTOR):  # one pass: only newlines are inserted, in any order
        node.insert_before("\n")
        node.insert_after("\n")
    text = root.text(separator="", strip=False)
    return clean_text(text)


def pdf_to_text(content: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(content))
        if len(reader.pages) > MAX_PDF_PAGES:
            raise too_complex(f"{len(reader.pages):,} pages, more than {MAX_PDF_PAGES:,}")
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except LimitReachedError as exc:  # pypdf's own bounds on decompression and parsing work
        raise too_complex(f"PDF: {exc}") from exc
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ParseError(f"unreadable PDF: {exc}", reason="bad_pdf") from exc
    if not text.strip():
        raise ParseError("PDF has no text layer (scanned image?)", reason="pdf_no_text")
    return clean_text(text)


_ODD_SPACE_CHARS = "\u00a0\u2007\u202f\u2009\u200a\u3000"
_ZERO_WIDTH_CHARS = "\u200b\ufeff"
_ODD_SPACES = re.compile(f"[{_ODD_SPACE_CHARS}]")
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Fold non-breaking and odd spaces, strip trailing blanks, keep line structure."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        if any(space in text for space in _ODD_SPACE_CHARS):
            text = _ODD_SPACES.sub(" ", text)
        if any(mark in text for mark in _ZERO_WIDTH_CHARS):
            text = _ZERO_WIDTH.sub("", text)
    if " \n" in text or "\t\n" in text:  # else no line has trailing blanks (text cleaned before)
        lines = text.split("\n")
        # trailing blanks go before each line break (the last line has none after it)
        text = "\n".join([line.rstrip(" \t") for line in lines[:-1]] + lines[-1:])
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip("\n")
