"""PACE documents: written declarations, motions and other texts with signatories.

One reader for every era and both languages. A PACE page has a header (``Type | Doc. N |
date`` on the web pages, ``Doc. N`` / date / title / type on older texts and PDFs), a title,
and a list of signatories, either on one line separated by ``;`` or one per line after a
"Signed"/"Signé" heading. Labels are kept as printed; normalisation happens later.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from hemicycle.errors import ParseError
from hemicycle.names import split_person_name
from hemicycle.parse.text import clean_text
from hemicycle.records import ParsedSignatory, ParsedStatement
from hemicycle.vocab import CountryVocabulary, GroupVocabulary

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
_DATE = re.compile(r"\b(\d{1,2})(?:er|st|nd|rd|th)?\s+([A-Za-zéûÉÛ]+)\s+(\d{4})\b")
_HEADER = re.compile(r"^(?P<type>[^|\n]{3,80}?)\s*\|\s*Doc\.\s*(?P<doc>\d+)\s*\|\s*(?P<date>[^|\n]+)$",
                     re.M)
_TYPE_LINE = re.compile(r"^(?:Written declaration|Déclaration écrite|Motion for|Proposition de|"
                        r"Amendment|Amendement|Draft|Projet de)\b", re.I)
_DOC_LINE = re.compile(r"^[ \t]*Doc\.[ \t]*(?P<doc>\d+)[ \t]*$", re.M)
_NUMBER = re.compile(r"\b(?:No\.?|n°|no\.?|N°|nº)\s*(\d+)", re.I)
_TOTAL = re.compile(r"^\s*Total\s*[=:]\s*(\d+)\s*$", re.M | re.I)
_LABEL = re.compile(r"^\s*(?:Signatories|Signataires|Signatures)\s*:\s*", re.I)
_BLOCK_HEADING = re.compile(r"^\s*(?:Signed|Signé|Signée?s?)\s*[\d¹²³*]*\s*:\s*[\d¹²³*]*\s*$",
                            re.I | re.M)
_LEGEND = re.compile(r"^\s*(?:\d+\.?\s+)?(?P<code>[A-Z][A-Za-z]*(?:[/&-][A-Z][A-Za-z]*)*)\s*:\s*"
                     r"(?P<name>\S.*)$")
_BOILERPLATE = re.compile(
    r"^(?:Logo Assembly Logo Hemicycle|See related documents|Imprimer|Autres documents liés|"
    r"Print|Related documents|Voir les documents associés)\s*$", re.I)
_WD_SENTENCE = re.compile(r"(?:this|the) written declaration|cette déclaration écrite", re.I)
_PREFIX_START = re.compile(
    r"^(?:Mr|Mrs|Ms|Miss|M\.|MM\.|Mme|Mlle|Lord|Lady|Baroness|Baron|Sir|Dame|Dr\.?)\s", re.U)
_GROUP_CODE = re.compile(r"[A-Z/&-]{2,8}")
_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"[A-Za-zÀ-ɏ]")
_JUNK_LEAD = re.compile(r"^[^\sA-Za-zÀ-ɏ]*\S*?(?=\s)")  # e.g. mangled bullet glyphs


def parse_date(text: str) -> dt.date | None:
    """"04 October 2019", "17 avril 2008", "1er janvier 2020" -> date; None if none found."""
    for match in _DATE.finditer(text):
        month = MONTHS.get(match.group(2).casefold())
        if month:
            try:
                return dt.date(int(match.group(3)), month, int(match.group(1)))
            except ValueError:
                continue
    return None


def classify(type_text: str) -> str:
    """Document type from the printed type ("Motion for a resolution", "Amendement n° 7"...)."""
    t = type_text.casefold()
    if "written declaration" in t or "déclaration écrite" in t:
        return "written_declaration"
    if re.search(r"motion for a resolution|proposition de résolution", t):
        return "motion_resolution"
    if re.search(r"motion for a recommendation|proposition de recommandation", t):
        return "motion_recommendation"
    return "other"


def language_of(url: str | None, text: str) -> str:
    if url:
        match = re.search(r"(?:[?&]lang=|/)(en|fr)(?:\b|/)|-(EN|FR)\.asp", url, re.I)
        if match:
            return (match.group(1) or match.group(2)).lower()
    french = re.search(r"Signataires|Signé|Déclaration écrite|Proposition de|janvier|février|avril"
                       r"|juillet|août|décembre|Cette déclaration", text)
    return "fr" if french else "en"


def file_id_of(url: str | None) -> str | None:
    if not url:
        return None
    match = re.search(r"fileid=(\d+)|/files/(\d+)", url, re.I)
    return (match.group(1) or match.group(2)) if match else None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n")]


def _nonblank_before(lines: list[str], index: int) -> str | None:
    for line in reversed(lines[:index]):
        if line:
            return line
    return None


def _nonblank_after(lines: list[str], index: int) -> tuple[int, str] | None:
    for j in range(index + 1, len(lines)):
        if lines[j]:
            return j, lines[j]
    return None


class _Entries:
    """Reads signatory entries ``Name, Country[, GROUP]`` against the vocabularies."""

    def __init__(self) -> None:
        self.countries = CountryVocabulary.load()
        self.groups = GroupVocabulary.load()

    def is_group(self, label: str) -> bool:
        return self.groups.resolve("pace", label) is not None

    def split(self, entry: str) -> tuple[str, str | None, str | None] | None:
        """(name, country, group) as printed, or None when the entry is not name + country."""
        return _split_entry(entry)

    def complete(self, parsed: tuple[str, str | None, str | None]) -> bool:
        """An entry at a cut is kept only when every label in it is one we know."""
        _, country, group = parsed
        return country is not None and self.countries.resolve(country) is not None and (
            group is None or self.is_group(group))


@functools.lru_cache(maxsize=1 << 16)  # members sign many texts: their entries come back
def _split_entry(entry: str) -> tuple[str, str | None, str | None] | None:
    countries, groups = CountryVocabulary.load(), GroupVocabulary.load()
    parts = [p.strip() for p in entry.split(",")]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return None
    group = None
    is_group = groups.resolve("pace", parts[-1]) is not None
    if len(parts) >= 3 and (is_group or _GROUP_CODE.fullmatch(parts[-1])):
        group = parts.pop()
    elif is_group and countries.resolve(parts[-1]) is None:
        return ", ".join(parts[:-1]), None, parts[-1]  # a group where the country should be
    country = parts.pop()
    name = ", ".join(parts)
    return name, country, group


@functools.lru_cache(maxsize=1 << 16)
def _name_parts(name: str) -> tuple[str, str | None, str | None, str | None]:
    """(name as printed without its prefix, prefix, given name, family name)."""
    name = _SPACES.sub(" ", name).strip()
    if not _PREFIX_START.match(name):
        lead = _JUNK_LEAD.match(name)  # glyphs mangled by a third-party copy before the name
        if lead and lead.group(0) and not _LETTER.search(lead.group(0)):
            name = name[lead.end():].strip()
    prefix, given, family = split_person_name(name)
    printed = name[len(prefix):].strip() if prefix and name.startswith(prefix) else name
    return printed, prefix, given, family


def _signatory(position: int, name: str, country: str | None, group: str | None) -> ParsedSignatory:
    printed, prefix, given, family = _name_parts(name)
    return ParsedSignatory(position=position, kind="person", name=printed, prefix=prefix,
                           given_name=given, family_name=family,
                           country_label=country or None, group_label=group or None)


def _inline_list(lines: list[str], start: int, entries: _Entries):
    """The one-line ``;``-separated list, or None. Returns (start, end, signatories, complete)."""
    for i in range(start, len(lines)):
        line = lines[i]
        labelled = bool(_LABEL.match(line))
        body = _LABEL.sub("", line)
        pieces = [p.strip() for p in body.split(";")]
        if not labelled:
            if not _PREFIX_START.match(body) or "," not in pieces[0]:
                continue
            if entries.split(pieces[0]) is None:
                continue
        at_cut = i == len(lines) - 1 or not any(lines[i + 1:])
        ends_clean = body.rstrip().endswith(";")
        pieces = [p for p in pieces if p]
        signatories, complete = [], True
        for k, piece in enumerate(pieces):
            parsed = entries.split(piece)
            last = k == len(pieces) - 1
            if last and at_cut and not ends_clean and (parsed is None or not entries.complete(parsed)):
                complete = False  # the excerpt ends inside this entry
                break
            if parsed is None:
                parsed = (piece, None, None)
            signatories.append(_signatory(len(signatories) + 1, *parsed))
        if at_cut:
            complete = False
        return i, i + 1, signatories, complete
    return None


def _block_list(lines: list[str], entries: _Entries):
    """One signatory per line after "Signed 1:" / "Signé¹:". Returns (start, end, sigs, complete)."""
    heading = next((i for i, line in enumerate(lines) if _BLOCK_HEADING.match(line)), None)
    if heading is None:
        return None
    signatories: list[ParsedSignatory] = []
    i = heading + 1
    complete = True
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        if ":" in line or _TOTAL.match(line):
            break
        parsed = entries.split(line)
        if parsed is None:
            if i == len(lines) - 1:
                complete = False
            break
        if i == len(lines) - 1 and not entries.complete(parsed):
            complete = False  # cut inside the last line
            break
        signatories.append(_signatory(len(signatories) + 1, *parsed))
        i += 1
    if i >= len(lines):
        complete = False
    return heading, i, signatories, complete


def _legend(lines: list[str], start: int) -> dict[str, str]:
    legend: dict[str, str] = {}
    for line in lines[start:]:
        match = _LEGEND.match(line)
        if match and len(match.group("code")) <= 8:
            legend[match.group("code")] = match.group("name").strip()
    return legend


def parse_pace_document(text: str, url: str | None = None) -> ParsedStatement:
    """Read one PACE page's text; raises ParseError when it holds no PACE statement."""
    text = clean_text(text)
    lines = _lines(text)
    entries = _Entries()
    doc_type, doc_no, number, date, title = None, None, None, None, None
    after_header = 0

    header = _HEADER.search(text)
    if header:
        index = text[: header.start()].count("\n")
        doc_type = classify(header.group("type"))
        doc_no = header.group("doc")
        number_match = _NUMBER.search(header.group("type"))
        number = number_match.group(1) if number_match and doc_type == "written_declaration" else None
        date = parse_date(header.group("date"))
        before = _nonblank_before(lines, index)
        if before and not _BOILERPLATE.match(before):
            title = before
        else:
            nxt = _nonblank_after(lines, index)
            title = nxt[1] if nxt and not _LABEL.match(nxt[1]) and not _PREFIX_START.match(nxt[1]) else None
        after_header = index + 1
    else:
        doc_line = _DOC_LINE.search(text)
        if doc_line:  # older texts and PDFs: Doc. N / date / title / type, one per line
            index = text[: doc_line.start()].count("\n")
            doc_no = doc_line.group("doc")
            head_lines = [ln for ln in lines[index + 1: index + 16] if ln]
            date = parse_date(" ".join(head_lines[:2]))
            type_line = next((ln for ln in head_lines if _TYPE_LINE.match(ln) and len(ln) < 80), None)
            doc_type = classify(type_line) if type_line else None
            if type_line:
                number_match = _NUMBER.search(type_line)
                number = number_match.group(1) if number_match and doc_type == "written_declaration" else None
            stop = head_lines.index(type_line) if type_line else len(head_lines)
            between = [ln for ln in head_lines[:stop] if parse_date(ln) is None]
            before = _nonblank_before(lines, index)
            title = between[0] if between else (
                before if before and not _BOILERPLATE.match(before) else None)
            after_header = index + 1
        else:  # copies on other sites: a bare type line, the title just above it
            type_at = next((i for i, ln in enumerate(lines) if _TYPE_LINE.match(ln) and len(ln) < 40), None)
            if type_at is not None:
                doc_type = classify(lines[type_at])
                before = _nonblank_before(lines, type_at)
                title = before if before and not _BOILERPLATE.match(before) else None
            elif _WD_SENTENCE.search(text):
                doc_type = "written_declaration"

    found = _block_list(lines, entries) or _inline_list(lines, after_header, entries)
    if doc_type is None and not found:
        raise ParseError("no PACE header and no list of signatories", reason="not_a_statement")
    if doc_type is None:
        doc_type = "written_declaration" if _WD_SENTENCE.search(text) else "other"
    if found:
        start, end, signatories, complete = found
    else:  # the page (or the stored part of it) stops before its list of signatories
        start, end, signatories, complete = len(lines), len(lines), [], False
    legend = _legend(lines, end)
    body = [line for k, line in enumerate(lines[after_header:], after_header)
            if not start <= k < end and not _LEGEND.match(line) and line != title]
    total = _TOTAL.search(text)
    return ParsedStatement(
        source="pace",
        doc_type=doc_type,
        language=language_of(url, text),
        doc_no=doc_no,
        number=number,
        date=date,
        title=title.strip() if title else None,
        declared_total=int(total.group(1)) if total else None,
        signatories=tuple(signatories),
        signatories_complete=complete,
        url=url,
        file_id=file_id_of(url),
        group_legend=legend,
        text="\n".join(body).strip() or None,
    )
