"""One entry point for every document: detect format and source, call the right parser."""

from __future__ import annotations

import re
from collections.abc import Callable

from hemicycle.errors import ParseError
from hemicycle.parse.limits import TOO_COMPLEX, check_size
from hemicycle.parse.text import (
    check_html_complete,
    check_not_challenge,
    check_not_binary,
    check_not_mojibake,
    decode_bytes,
    detect_format,
    html_to_text,
    pdf_to_text,
)
from hemicycle.records import DocumentMeta, ParsedDocument, ParsedStatement, RawDocument

# Strong signs of a European Parliament text; anything else is tried as PACE first.
_EP_MARKERS = re.compile(
    r"European Parliament|Parlement européen|Europäische[sn]? Parlament|Parlamento europeo"
    r"|Legislative Observatory|Observatoire législatif|\bRC-B\d|\bB\d-\d{4}/\d{4}"
    r"|on behalf of the .{1,40}Group|au nom du groupe|résolution commune|joint resolution",
    re.I,
)


def guess_source(url: str | None) -> str | None:
    if url:
        if "coe.int" in url:
            return "pace"
        if "europa.eu" in url:
            return "ep"
    return None


_TEXT_TYPE = "text/plain; charset=utf-8"
_ASCII_BLANKS = " \t\n\r\x0b\x0c"  # what bytes.strip() strips


def _ep(text: str, url: str | None) -> list[ParsedStatement]:
    """The EP parser on a text, as on the text's UTF-8 bytes, without encoding and decoding
    it again: the same format detection and the same checks of the bytes."""
    from hemicycle.parse.ep import parse_ep_document, parse_ep_text

    if detect_format(text[:2048].encode("utf-8")[:2048], _TEXT_TYPE) != "text":
        return parse_ep_document(text.encode("utf-8"), url=url, content_type=_TEXT_TYPE)
    if not text.strip(_ASCII_BLANKS):
        raise ParseError("empty document", reason="empty")
    check_not_binary(text)
    return parse_ep_text(text, url)


def _pace(text: str, url: str | None) -> list[ParsedStatement]:
    from hemicycle.parse.pace import parse_pace_document

    return [parse_pace_document(text, url=url)]


def document_text(content: bytes, content_type: str | None = None) -> str:
    """Readable text of an HTML, PDF or plain-text document."""
    fmt = detect_format(content, content_type)
    if fmt == "pdf":
        return pdf_to_text(content)
    text = decode_bytes(content, content_type)
    check_not_challenge(text)
    check_not_mojibake(text)
    if fmt == "html":
        check_html_complete(text)
        return html_to_text(text)
    return text


def parse_document(
    content: bytes,
    url: str | None = None,
    source: str = "auto",
    content_type: str | None = None,
) -> list[ParsedStatement]:
    """Parse one raw document into statements; raises ParseError when nothing can be read."""
    if source not in ("auto", "pace", "ep"):
        raise ValueError(f"unknown source {source!r}")
    check_size(content)
    fmt = detect_format(content, content_type)
    if source == "auto":
        source = guess_source(url) or ("ep" if fmt == "json" else "auto")
    if source == "ep" and fmt == "json":
        from hemicycle.parse.ep import parse_ep_document

        return parse_ep_document(content, url=url, content_type=content_type)
    if fmt == "json":
        raise ParseError("JSON documents are only known from the European Parliament API",
                         reason="unknown_format")
    text = document_text(content, content_type)
    if source == "pace":
        return _pace(text, url)
    if source == "ep":
        return _ep(text, url)
    parsers: list[Callable[[str, str | None], list[ParsedStatement]]] = (
        [_ep, _pace] if _EP_MARKERS.search(text[:8000]) else [_pace, _ep]
    )
    first_error: ParseError | None = None
    for parser in parsers:
        try:
            return parser(text, url)
        except ParseError as exc:
            first_error = first_error or exc
    assert first_error is not None
    raise first_error


def parse_raw_document(raw: RawDocument) -> ParsedDocument:
    """Parse stored bytes; a ParseError becomes the document's recorded reason, never a crash."""
    meta = DocumentMeta(source=raw.source, url=raw.url, raw_sha256=raw.sha256,
                        content_type=raw.content_type, fetched_at=raw.fetched_at,
                        bytes=len(raw.content))
    try:
        statements = parse_document(raw.content, url=raw.url, source=raw.source,
                                    content_type=raw.content_type)
    except ParseError as exc:
        return ParsedDocument(meta, error_reason=exc.reason, error_message=str(exc))
    except (MemoryError, RecursionError) as exc:  # the document asked for more than it may
        what = "more memory than allowed" if isinstance(exc, MemoryError) else "nesting deeper than Python allows"
        return ParsedDocument(meta, error_reason=TOO_COMPLEX,
                              error_message=f"document too complex to parse within bounds: {what}")
    except Exception as exc:  # a parser bug must cost one document, not the run
        return ParsedDocument(meta, error_reason="parser_bug",
                              error_message=f"{type(exc).__name__}: {exc}")
    if not statements:
        return ParsedDocument(meta, error_reason="not_a_statement",
                              error_message="the document holds no statement with signatories")
    return ParsedDocument(meta, statements=tuple(statements))
