"""European Parliament documents: Open Data Portal JSON-LD, motion pages, minutes, summaries.

``parse_ep_document`` returns one statement per motion found. Pages that only name debate
speakers hold no statement: they raise ParseError with reason ``not_a_statement``, and the
pipeline records them as such. A list the text shows was not read whole (``checks``) is
returned with ``signatories_complete`` False and its ``list_problems``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from hemicycle.content import detect_format
from hemicycle.errors import ParseError
from hemicycle.parse import selfcheck
from hemicycle.parse.ep import meta
from hemicycle.parse.ep.authors import (
    REFERENCE,
    AuthorGroup,
    AuthorReading,
    introduced_authors,
    item_authors,
    read_authors,
    ungrouped_after,
    ungrouped_authors,
)
from hemicycle.parse.ep.checks import cut_problem, nothing_read, reading_problems
from hemicycle.parse.ep.declarations import declaration
from hemicycle.parse.ep.layout import drop_furniture
from hemicycle.parse.ep.markup import read_markup, strip_markup
from hemicycle.parse.ep.odp import parse_odp_document
from hemicycle.parse.ep.phrases import (
    amendment_heading,
    group_phrase_in,
    language_of_words,
    written_declaration_phrase,
)
from hemicycle.parse.ep.register import register_entries
from hemicycle.parse.ep.summary import is_press_summary, parse_summary
from hemicycle.parse.ep.titles import (
    clean_title,
    fallback_title,
    minutes_title,
    motion_title,
)
from hemicycle.parse.text import check_not_binary, clean_text, decode_bytes, html_to_text
from hemicycle.records import ListProblem, ParsedSignatory, ParsedStatement


def _plain(text: str) -> str:
    """Leaked XML markup out, non-breaking hyphens made plain, keeping names and their
    group phrase on one line."""
    return clean_text(strip_markup(text).replace("\u2011", "-"))


def _doc_type(reference: str | None, text: str) -> str:
    if reference and reference.startswith("RC-"):
        return "joint_motion"
    head = text[:3000]
    if re.search(r"P\d_DCL", head) or written_declaration_phrase().search(head):
        return "written_declaration"
    return "motion"


def _language(url: str | None, text: str, phrases: Sequence[str]) -> str:
    """The language the statement is printed in: that of its own phrases (group phrases,
    title) when they tell, else the page's (a page in one language may show a text
    available only in another)."""
    page = meta.language_of(url, text)
    return language_of_words("\n".join(phrases), page) or page


def _signatories(groups: Sequence[AuthorGroup]) -> tuple[ParsedSignatory, ...]:
    sigs, position = [], 0
    for group in groups:
        for name in group.names:
            position += 1
            sigs.append(ParsedSignatory(position=position, kind="person", name=name,
                                        group_label=group.group_label,
                                        role="on_behalf_of_group" if group.group_label else None))
    return tuple(sigs)


@dataclass(frozen=True)
class _Page:
    """What every statement read from one text shares."""

    text: str
    url: str | None
    language: str
    date: dt.date | None
    term: int | None
    procedure: str | None


def _statement(page: _Page, doc_type: str, doc_no: str | None,
               signatories: tuple[ParsedSignatory, ...], problems: Sequence[ListProblem],
               title: str | None, number: str | None = None) -> ParsedStatement:
    """A statement whose title is the one printed, else its type and number; whose list is
    complete unless the self-checks found problems."""
    title = clean_title(title) or fallback_title(doc_type, page.language, doc_no)
    return ParsedStatement(source=meta.SOURCE, doc_type=doc_type, language=page.language, doc_no=doc_no,
                           number=number, date=page.date, title=title, signatories=signatories,
                           signatories_complete=not problems, list_problems=tuple(problems),
                           url=page.url, text=page.text, term=page.term, procedure=page.procedure)


def _amendment(text: str, url: str | None, phrase: re.Pattern[str]) -> bool:
    """An amendment to a motion ("…-AM-…" addresses; "Amendment 3" heading its authors)."""
    if url and re.search(r"-AM-\d", url):
        return True
    first_group = phrase.search(text)
    return bool(amendment_heading().search(text, 0, first_group.start() if first_group else min(len(text), 3000)))


def _motion_statements(text: str, url: str | None, raw: str) -> list[ParsedStatement]:
    phrase = group_phrase_in(text)
    if _amendment(text, url, phrase):
        raise ParseError("an amendment to a motion, not a motion", reason="not_a_statement")
    markup = read_markup(raw)
    reference = meta.reference_of(text, url)
    is_minutes = bool(reference and reference.startswith("PV"))
    reading = AuthorReading()
    unread: list[tuple[str | None, str]]
    empty: list[tuple[str | None, str]] = []
    if markup.blocks:
        groups = [AuthorGroup(b.group_label, b.names, None) for b in markup.blocks]
        unread = [(None, message) for message in markup.unread]
        phrases = [b.phrase for b in markup.blocks]
    else:
        reading = read_authors(text, phrase)
        groups, unread, empty = reading.groups, reading.unread, reading.empty_phrases
        phrases = [text[g.start:g.end] for g in groups]
    doc_type = _doc_type(reference, text)
    page = _Page(text=text, url=url, language=_language(url, text, phrases), date=meta.date_of(text, url),
                 term=meta.term_of(reference, url), procedure=meta.procedure_of(text))
    language = page.language
    if not groups:
        return _ungrouped_statements(page, reference, doc_type, reading)

    cut: ListProblem | None = None
    if not markup.blocks:
        last = groups[-1]
        trailing, list_end = ungrouped_after(text, last.end) if not is_minutes else ([], last.end)
        if trailing:
            groups = [*groups, AuthorGroup(None, tuple(trailing), None, end=list_end)]
        # a list cut after a motion closed by its reference is another motion's, unread
        cut = cut_problem(text, list_end) if not (is_minutes and last.reference) else None
    elif "<RepeatBlock-By" in raw and "</RepeatBlock-By" not in raw:
        cut = selfcheck.cut_problem(raw.rsplit(">", 1)[-1])  # the text ends inside the authors' markup
    # minutes may announce several motions, each tabled by its groups
    by_reference: dict[str | None, list[AuthorGroup]] = {}
    for group in groups:
        by_reference.setdefault(group.reference if is_minutes else None, []).append(group)
    statements = []
    for ref, blocks in by_reference.items():
        problems = reading_problems(sum(len(g.names) for g in blocks),
                                    [m for key, m in unread if not is_minutes or key == ref],
                                    [m for key, m in empty if not is_minutes or key == ref])
        if cut and blocks[-1] is groups[-1]:
            problems.append(cut)
        doc_no = ref or reference
        kind = "joint_motion" if doc_no and doc_no.startswith("RC-") else "motion"
        if is_minutes:
            subject = blocks[-1].subject
            title = minutes_title(subject, 0, len(subject)) if subject else None
            if title:
                title = f"{fallback_title(kind, language, None)} {title}"
        else:
            title = motion_title(text, markup.elements, groups[0].names_start if not markup.blocks else None,
                                 kind, language)
        statements.append(_statement(page, kind, doc_no, _signatories(blocks), problems, title))
    return statements


def _ungrouped_statements(page: _Page, reference: str | None, doc_type: str,
                          reading: AuthorReading) -> list[ParsedStatement]:
    """Motions tabled in no group's name, written declarations, and motion pages whose
    author list could not be read."""
    text, language = page.text, page.language
    introduced = introduced_authors(text)
    declarations = [found for found in introduced if found.doc_type == "written_declaration"]
    if declarations:
        statements = []
        for found in declarations:
            doc_no, number, title = declaration(found, text, page.term, language)
            sigs = tuple(ParsedSignatory(position=i, kind="person", name=n) for i, n in enumerate(found.names, 1))
            statements.append(_statement(page, "written_declaration", doc_no or reference, sigs, [], title,
                                         number=number))
        return statements
    names: list[str] = []
    names_start = None
    item_title = None
    if reference and reference.startswith("B"):
        after = text.find(reference.split("/")[0])
        names, start = ungrouped_authors(text, max(after, 0))
        names_start = start if names else None
    if not names and reference and reference.startswith("PV"):
        # minutes announcing a motion tabled in no group's name, with its reference
        for printed in dict.fromkeys(REFERENCE.findall(text)):
            names, subject = item_authors(text, printed)
            if names:
                reference, doc_type = printed, "motion"
                item_title = clean_title(subject) if subject else None
                break
    if not names and introduced:
        names = [name for found in introduced for name in found.names]
    title = item_title or motion_title(text, {}, names_start, doc_type, language)
    if not names:
        if reading.speaker_sentences:
            raise ParseError(f"names debate speakers or statement makers ({reading.speaker_sentences} "
                             "sentence(s)), no author of a motion", reason="not_a_statement")
        if not (reference and reference.startswith(("B", "RC-"))):
            raise ParseError("no authors or tabling groups found", reason="not_a_statement")
        # a motion page whose author list the text announces but does not let us read
        problem = nothing_read(doc_type)
        return [_statement(page, doc_type, reference, (), [problem], title)]
    sigs = tuple(ParsedSignatory(position=i, kind="person", name=n) for i, n in enumerate(names, 1))
    return [_statement(page, doc_type, reference, sigs, [], title)]


def parse_ep_text(text: str, url: str | None = None) -> list[ParsedStatement]:
    raw = text
    text, _ = drop_furniture(_plain(text))
    language = meta.language_of(url, text)
    if is_press_summary(text, url):
        return [parse_summary(text, url, language)]
    register = register_entries(text)
    if register:
        return [ParsedStatement(source=meta.SOURCE, doc_type="written_declaration", language=language,
                                doc_no=e["reference"], number=e["number"], date=e["date"],
                                title=e["title"], signatories=e["signatories"], url=url,
                                term=e["term"]) for e in register]
    return _motion_statements(text, url, raw)


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


_TEXT_TYPE = "text/plain; charset=utf-8"
_ASCII_BLANKS = " \t\n\r\x0b\x0c"  # what bytes.strip() strips


def parse_text(text: str, url: str | None = None) -> list[ParsedStatement]:
    """The EP parser on a text (``hemicycle.sources``), as on the text's UTF-8 bytes, without
    encoding and decoding it again: the same format detection and the same checks of the bytes."""
    if detect_format(text[:2048].encode("utf-8")[:2048], _TEXT_TYPE) != "text":
        return parse_ep_document(text.encode("utf-8"), url=url, content_type=_TEXT_TYPE)
    if not text.strip(_ASCII_BLANKS):
        raise ParseError("empty document", reason="empty")
    check_not_binary(text)
    return parse_ep_text(text, url)


def parse_bytes(content: bytes, url: str | None = None,
                content_type: str | None = None) -> list[ParsedStatement]:
    """The EP's documents in formats other than text (Open Data Portal JSON-LD)."""
    return parse_ep_document(content, url=url, content_type=content_type)
