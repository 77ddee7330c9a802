from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter

from hemicycle.content import detect_format
from hemicycle.errors import ParseError
from hemicycle.parse.text import clean_text, decode_bytes, html_to_text, pdf_to_text


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_detect_format_from_content() -> None:
    assert detect_format(b"%PDF-1.7 ...") == "pdf"
    assert detect_format(b'  {"a": 1}') == "json"
    assert detect_format(b"<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert detect_format(b"Doc. 16320\n\n19 janvier 2026") == "text"


def test_decode_prefers_declared_charset_then_utf8_then_cp1252() -> None:
    assert decode_bytes("Déclaration".encode("latin-1"), "text/plain; charset=iso-8859-1") == "Déclaration"
    assert decode_bytes("Déclaration".encode()) == "Déclaration"
    assert decode_bytes("Déclaration".encode("cp1252")) == "Déclaration"


@pytest.mark.parametrize("content,reason", [(b"", "empty"), (b"  \n ", "empty"),
                                            (bytes(range(256)) * 8, "binary")])
def test_decode_refuses_empty_and_binary(content: bytes, reason: str) -> None:
    with pytest.raises(ParseError) as err:
        decode_bytes(content)
    assert err.value.reason == reason


def test_pdf_without_text_layer_is_a_parse_error() -> None:
    with pytest.raises(ParseError) as err:
        pdf_to_text(_blank_pdf())
    assert err.value.reason == "pdf_no_text"
    with pytest.raises(ParseError) as err:
        pdf_to_text(b"%PDF-1.4 truncated")
    assert err.value.reason in ("bad_pdf", "pdf_no_text")


def test_html_to_text_keeps_blocks_on_lines_and_drops_scripts() -> None:
    html = ("<html><head><script>var x=1;</script><style>p{}</style></head><body>"
            "<h1>Title</h1><p>Motion for a resolution&nbsp;| Doc. 1</p><div>Mr A B</div></body></html>")
    text = html_to_text(html)
    assert "var x" not in text and "p{}" not in text
    assert [line for line in text.splitlines() if line.strip()] == [
        "Title", "Motion for a resolution | Doc. 1", "Mr A B"]


def test_clean_text_folds_non_breaking_spaces() -> None:
    assert clean_text("a\u00a0b\u202fc\r\nd  \n") == "a b c\nd"
