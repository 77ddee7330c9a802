"""One entry point for every document: detect format and source, call the right parser."""

from __future__ import annotations

from hemicycle.content import check_html_complete, check_not_challenge, detect_format
from hemicycle.errors import ParseError
from hemicycle.parse.limits import TOO_COMPLEX, check_size
from hemicycle.parse.text import (
    check_not_mojibake,
    decode_bytes,
    html_to_text,
    pdf_to_text,
)
from hemicycle.records import DocumentMeta, ParsedDocument, ParsedStatement, RawDocument
from hemicycle.sources import bytes_parser, markers, reader_of_format, source_ids, source_of_url, text_parser
from hemicycle.sources import source as source_named


def guess_source(url: str | None) -> str | None:
    """The assembly whose host serves ``url`` (``hemicycle.sources``); None when unknown."""
    return source_of_url(url)


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
    if source != "auto":
        source_named(source)  # raises ValueError for a source no row of assemblies.csv names
    check_size(content)
    fmt = detect_format(content, content_type)
    reader = reader_of_format(fmt)
    if source == "auto":
        source = source_of_url(url) or (reader.id if reader else "auto")
    if source != "auto" and fmt in source_named(source).formats:
        return bytes_parser(source)(content, url, content_type)
    if reader is not None:
        raise ParseError(f"{fmt.upper()} documents are only known from the {reader.name_en} API",
                         reason="unknown_format")
    text = document_text(content, content_type)
    if source != "auto":
        return text_parser(source)(text, url)
    # a text of unknown source: first the assemblies whose own words it prints, then the others
    head = text[:8000]
    marked = [s for s in source_ids() if (found := markers(s)) is not None and found.search(head)]
    first_error: ParseError | None = None
    for candidate in [*marked, *(s for s in source_ids() if s not in marked)]:
        try:
            return text_parser(candidate)(text, url)
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
    except Exception as exc:  # noqa: BLE001 - a parser bug must cost one document, not the run
        return ParsedDocument(meta, error_reason="parser_bug",
                              error_message=f"{type(exc).__name__}: {exc}")
    if not statements:
        return ParsedDocument(meta, error_reason="not_a_statement",
                              error_message="the document holds no statement with signatories")
    return ParsedDocument(meta, statements=tuple(statements))
