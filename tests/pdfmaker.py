"""Small real PDF files for tests: pages of text lines in a standard font.

Characters outside ASCII are mapped through the font's encoding differences to their
glyph names, so text extraction gives them back as a reader of the real document would.
"""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf._codecs import adobe_glyphs
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject


def _glyph_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for name, char in adobe_glyphs.items():
        if len(char) == 1 and not name.startswith(("/uni", "/u")):
            names.setdefault(char, name)
    return names


def pdf_of_pages(pages: list[list[str]]) -> bytes:
    """A PDF whose page k shows ``pages[k]``, one text line per entry, top to bottom."""
    glyphs = _glyph_names()
    extra = sorted({ch for page in pages for line in page for ch in line if ord(ch) > 126})
    assert len(extra) <= 127, "too many distinct non-ASCII characters for one font encoding"
    code = {ch: 128 + i for i, ch in enumerate(extra)}
    writer = PdfWriter()
    encoding = DictionaryObject({
        NameObject("/Type"): NameObject("/Encoding"),
        NameObject("/Differences"): ArrayObject([NumberObject(128)] + [NameObject(glyphs[ch]) for ch in extra]),
    })
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): encoding,
    }))
    for lines in pages:
        page = writer.add_blank_page(595, 842)
        ops = ["BT", "/F1 9 Tf", "11 TL", "40 800 Td"]
        for line in lines:
            data = bytes(code.get(ch, ord(ch)) for ch in line)
            escaped = data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append("(" + escaped.decode("latin-1") + ") Tj T*")
        ops.append("ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
