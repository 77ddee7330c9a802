"""European Parliament documents: Open Data Portal JSON-LD, motion pages, minutes, summaries.

``parse_ep_document`` returns one statement per motion found. Pages that only name debate
speakers hold no statement: they raise ParseError with reason ``not_a_statement``, and the
pipeline records them as such.
"""

from __future__ import annotations

import re

from hemicycle.errors import ParseError
from hemicycle.parse.ep import meta
from hemicycle.parse.ep.authors import (
    author_groups,
    introduced_authors,
    item_authors,
    ungrouped_authors,
)
from hemicycle.parse.ep.odp import parse_odp_document
from hemicycle.parse.ep.register import register_entries
from hemicycle.parse.ep.summary import is_press_summary, parse_summary
from hemicycle.parse.text import clean_text, decode_bytes, detect_format, html_to_text
from hemicycle.records import ParsedSignatory, ParsedStatement

_XML_JOIN = re.compile(r"</Depute>\s*<Commission>", re.I)
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?>")
_BRACED = re.compile(r"\{[^{}\n]{1,20}\}")
# the printed title: the document type in capitals, then the subject
_TITLE_LINE = re.compile(r"^(?:JOINT )?MOTION FOR A RESOLUTION \w|^PROPOSITION DE RÉSOLUTION (?:COMMUNE )?\w|"
                         r"^PROPOSTA DI RISOLUZIONE (?:COMUNE )?\w|^GEMEINSAMER ENTSCHLIESSUNGSANTRAG \w|"
                         r"^ENTSCHLIESSUNGSANTRAG \w")


def _plain(text: str) -> str:
    """Leaked XML markup out, keeping names and their group phrase on one line."""
    text = _XML_JOIN.sub(" ", text)
    text = _TAG.sub("", text)
    return clean_text(_BRACED.sub("", text))


def _doc_type(reference: str | None, text: str) -> str:
    if reference and reference.startswith("RC-"):
        return "joint_motion"
    if re.search(r"written declaration|P\d_DCL|déclaration écrite|oświadczeni", text[:3000], re.I):
        return "written_declaration"
    return "motion"


def _title(text: str) -> str | None:
    for line in text.splitlines():
        if _TITLE_LINE.match(line.strip()):
            return line.strip()
    return None


def parse_ep_text(text: str, url: str | None = None) -> list[ParsedStatement]:
    text = _plain(text)
    language = meta.language_of(url, text)
    if is_press_summary(text, url):
        return [parse_summary(text, url, language)]
    register = register_entries(text)
    if register:
        return [ParsedStatement(source="ep", doc_type="written_declaration", language=language,
                                doc_no=e["reference"], number=e["number"], date=e["date"],
                                title=e["title"], signatories=e["signatories"], url=url,
                                term=e["term"]) for e in register]
    reference = meta.reference_of(text, url)
    groups = author_groups(text)
    common = dict(source="ep", language=language, date=meta.date_of(text, url), title=_title(text),
                  url=url, term=meta.term_of(reference, url), procedure=meta.procedure_of(text),
                  text=text)
    if not groups:
        after = text.find(reference.split("/")[0]) if reference else 0
        names = ungrouped_authors(text, max(after, 0)) if reference and reference.startswith("B") else []
        names = names or item_authors(text, reference) or introduced_authors(text)
        if not names:
            raise ParseError("no authors or tabling groups found", reason="not_a_statement")
        sigs = tuple(ParsedSignatory(position=i, kind="person", name=n) for i, n in enumerate(names, 1))
        return [ParsedStatement(doc_type=_doc_type(reference, text), doc_no=reference,
                                signatories=sigs, **common)]
    # minutes may announce several motions, each tabled by its group
    by_reference: dict[str | None, list] = {}
    for group in groups:
        key = group.reference if reference and reference.startswith("PV") else None
        by_reference.setdefault(key, []).append(group)
    statements = []
    for ref, blocks in by_reference.items():
        sigs, position = [], 0
        for block in blocks:
            for name in block.names:
                position += 1
                sigs.append(ParsedSignatory(position=position, kind="person", name=name,
                                            group_label=block.group_label,
                                            role="on_behalf_of_group"))
        doc_no = ref or reference
        statements.append(ParsedStatement(doc_type=_doc_type(doc_no, text), doc_no=doc_no,
                                          signatories=tuple(sigs), **common))
    return statements


def parse_ep_document(content: bytes, url: str | None = None,
                      content_type: str | None = None) -> list[ParsedStatement]:
    """Parse EP bytes of any kind; raises ParseError on unreadable input."""
    fmt = detect_format(content, content_type)
    if fmt == "json":
        return parse_odp_document(content, url)
    if fmt == "pdf":
        from hemicycle.parse.text import pdf_to_text

        return parse_ep_text(pdf_to_text(content), url)
    text = decode_bytes(content, content_type)
    if fmt == "html":
        text = html_to_text(text)
    return parse_ep_text(text, url)
