"""Written declarations announced in minutes and verbatim reports: number and title.

"Written declaration No 0075/2010, presented by …" / "Oświadczenie pisemne nr 0026/2016 w
sprawie … złożone przez następujących posłów: …": the number gives the register's reference
(``P7_DCL(2010)0075``) when the term is known (from the minutes, else from the year, which
election years leave open); the title is the heading "… (written declaration)" above, or
the words before the authors.
"""

from __future__ import annotations

import re

from hemicycle.parse.ep import meta
from hemicycle.parse.ep.authors import IntroducedList
from hemicycle.parse.ep.phrases import authors_intro, document_type_name, document_types
from hemicycle.parse.ep.titles import readable

_WD_NUMBER = re.compile(r"\b(?:No\.?|nr\.?|n\.|n°|Nr\.?)?\s*(\d{4})/(\d{4})\b")
_WD_TITLE = re.compile(r"^(?P<title>.+?)\s*\((?P<kind>[^()]+)\)\s*$")


def declaration(found: IntroducedList, text: str, term: int | None,
                 language: str) -> tuple[str | None, str | None, str | None]:
    """(doc_no, number, title) of a written declaration announced in minutes or a verbatim report."""
    number = _WD_NUMBER.search(found.line)
    doc_no = num = None
    if number:
        num = f"{number.group(1)}/{number.group(2)}"
        term = term or meta.term_of_year(int(number.group(2)))
        if term:
            doc_no = f"P{term}_DCL({number.group(2)}){number.group(1)}"
    title = None
    for line in text.split("\n")[:3]:
        heading = _WD_TITLE.match(line.strip())
        if heading and any(kind == "written_declaration" and pattern.fullmatch(heading["kind"].strip())
                           for kind, _, pattern in document_types()):
            title = heading["title"]
            break
    if title is None:
        before = authors_intro().split(found.line)[0]
        before = before.rsplit(number.group(0), 1)[-1] if number else before
        if readable(before) and len(before.split()) >= 3:
            name = document_type_name("written_declaration", language) if before.strip()[:1].islower() else None
            title = f"{name} {before.strip()}" if name else before
    return doc_no, num, title
