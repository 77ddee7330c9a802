"""Limits on the work one document may ask of the parsers, checked before parsing.

The HTML tree builder walks the stack of open elements at every block start tag (the
standard's "has a p element in button scope" step), so its time grows with the square of
the nesting depth: a page of 200,000 nested ``<div>`` took minutes. Browsers bound the
depth themselves (Blink builds no tree deeper than 512 elements); pages that nest deeper,
or hold more elements, bytes or pages than any statement does, are refused here in
linear time, before any parser sees them. What these checks cannot foresee is bounded by
the worker that runs every parse (``hemicycle.parse.bounded``).
"""

from __future__ import annotations

import re

from hemicycle.errors import ParseError

TOO_COMPLEX = "too_complex"
MAX_DOCUMENT_BYTES = 25_000_000  # as the HTTP client's limit: larger pages are never fetched
MAX_NESTING = 512  # open elements at once (Blink's own limit on tree depth)
MAX_ELEMENTS = 400_000  # tags in one page (statements' pages hold a few thousand)
MAX_PDF_PAGES = 2_000
# Below this many start tags the tree builder's walks cost at most its square (25 million
# steps, a few hundredths of a second): not worth scanning for depth.
SCAN_ABOVE = 5_000

# Elements that never hold others, and those whose end tag may be left out (the next
# sibling or the parent's end closes them): neither deepens the tree when left open.
_VOID = frozenset("area base br col embed hr img input link meta source track wbr param keygen "
                  "basefont bgsound frame image".split())
_OPTIONAL_END = frozenset("p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption "
                          "rb rt rp rtc html head body".split())
# Elements whose content is text up to their end tag, never markup.
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes plaintext".split())
_MARKUP = re.compile(r"<(?:(!--)|(/?)([A-Za-z][A-Za-z0-9:-]*))")


def too_complex(message: str) -> ParseError:
    return ParseError(f"document too complex to parse within bounds: {message}", reason=TOO_COMPLEX)


def check_size(content: bytes) -> None:
    if len(content) > MAX_DOCUMENT_BYTES:
        raise too_complex(f"{len(content):,} bytes, more than {MAX_DOCUMENT_BYTES:,}")


def markup_depth(html: str, limit: int = MAX_NESTING) -> int:
    """Deepest nesting of elements in ``html``, counting stops past ``limit``.

    End tags close the last open element of their name; elements with optional end tags
    and void ones are not counted, nor comments and the text of script-like elements.
    """
    lowered: str | None = None
    open_by_name: dict[str, int] = {}
    depth = deepest = 0
    pos = 0
    search = _MARKUP.search
    while (match := search(html, pos)) is not None:
        pos = match.end()
        if match.group(1):  # comment: skip to its end
            end = html.find("-->", pos)
            if end < 0:
                break
            pos = end + 3
            continue
        name = match.group(3).lower()
        if match.group(2):
            if open_by_name.get(name):
                open_by_name[name] -= 1
                depth -= 1
            continue
        if name in _RAW_TEXT:
            lowered = lowered if lowered is not None else html.lower()
            end = lowered.find(f"</{name}", pos)
            if end < 0:
                break
            pos = end
            continue
        if name in _VOID or name in _OPTIONAL_END:
            continue
        open_by_name[name] = open_by_name.get(name, 0) + 1
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def check_markup(html: str) -> None:
    """Refuse markup whose tree would cost more than it may: too many tags, or too deep."""
    tags = html.count("<")
    if tags > MAX_ELEMENTS:
        raise too_complex(f"{tags:,} tags, more than {MAX_ELEMENTS:,}")
    if tags - html.count("</") <= SCAN_ABOVE:
        return
    depth = markup_depth(html)
    if depth > MAX_NESTING:
        raise too_complex(f"elements nested more than {MAX_NESTING} deep")
