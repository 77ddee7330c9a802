"""Hostile documents for the bounds on parsing: the shapes attacks take, built from the seed.

Each builder returns bytes as they would arrive from a site: deep nesting, one real
signatory entry repeated hundreds of thousands of times, a PDF whose deflated content
stream expands a thousandfold.
"""

from __future__ import annotations

import zlib
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "data" / "sample" / "seeds" / "pace-written-declaration-829-fr.txt"
FIRST_ENTRY = "GERMAN Michael, Royaume-Uni, ADLE\n"


def nested_divs(depth: int) -> bytes:
    return ("<!DOCTYPE html><html><body>" + "<div>" * depth + "Signé: GERMAN Michael, Royaume-Uni, ADLE"
            + "</div>" * depth + "</body></html>").encode()


def repeated_list(entries: int) -> bytes:
    """The seed declaration with its first signatory printed ``entries`` times."""
    return SEED.read_text(encoding="utf-8").replace(FIRST_ENTRY, FIRST_ENTRY * entries).encode()


def pdf_with_stream(plain: bytes) -> bytes:
    """A one-page PDF whose content stream is ``plain``, deflated."""
    stream = zlib.compress(plain, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
               b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def operator_bomb() -> bytes:
    """~150 kB of PDF whose page holds two million text operators (64 MB once inflated)."""
    return pdf_with_stream(b"BT /F1 12 Tf 10 10 Td (A) Tj ET\n" * 2_000_000)
