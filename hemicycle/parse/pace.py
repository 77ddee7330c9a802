"""PACE documents: written declarations, motions and other texts with signatories.

One reader for every era, both languages and copies on other sites. A PACE page has a
header (``Type | Doc. N | date`` on the web pages; ``Doc. N`` with the date, title and type
on the lines around it on older texts, PDFs and copies), a title, and a list of
signatories: on one line separated by ``;`` (after a "Signatories:" label, on the label's
line or below it, or with no label), or one per line after a "Signed"/"Signé" heading.
Labels are kept as printed; normalisation happens later.

The list is then judged against what else the text says about it (``selfcheck``): a
declared total, the country names and group codes in its lines, a label with nothing
after it, entry-shaped lines after it, a text that ends inside it. Any disagreement is a
``ListProblem`` and the list is not complete.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from hemicycle.errors import ParseError
from hemicycle.names import split_person_name
from hemicycle.parse import selfcheck
from hemicycle.parse.text import clean_text
from hemicycle.records import ListProblem, ParsedSignatory, ParsedStatement
from hemicycle.urls import file_id_of
from hemicycle.vocab import CountryVocabulary, GroupVocabulary, fold, month_numbers, name_titles, pace_phrases

SOURCE = "pace"  # this parser's row of data/vocab/assemblies.csv
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:er|st|nd|rd|th)?\s+([^\W\d_]+)\.?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,\s*(\d{4})\b")  # US style
_HEADER = re.compile(r"^(?P<type>[^|\n]{3,80}?)\s*\|\s*Doc\.\s*(?P<doc>\d+)\s*\|\s*(?P<date>[^|\n]+)$",
                     re.M)
_DOC_LINE = re.compile(r"^Doc\.[ \t]*(?P<doc>\d+)\b(?P<rest>.*)$")  # "Doc. 9056 2nd edition"
_NUMBER = re.compile(r"\b(?:No\.?|n°|no\.?|N°|nº)\s*(\d+)", re.I)
_TOTAL = re.compile(r"^\s*Total\s*[=:]\s*(\d+)\s*$", re.M | re.I)
_LEGEND = re.compile(r"^\s*(?:\d+\.?\s+)?(?P<code>[A-Z][A-Za-z]*(?:[/&-][A-Z][A-Za-z]*)*)\s*:\s*"
                     r"(?P<name>\S.*)$")
_GROUP_CODE = re.compile(r"[A-Z/&-]{2,8}")
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[A-Za-zÀ-ɏ]")
_JUNK_LEAD = re.compile(r"^[^\sA-Za-zÀ-ɏ]*\S*?(?=\s)")  # e.g. mangled bullet glyphs
_HEADER_WINDOW = 8  # non-blank lines after "Doc. N" that may hold the date, title and type
_DOC_LINE_REST = 60  # what may follow the number on a header's "Doc. N" line (edition, date, publisher)
_NAME_WORDS = 8  # a name longer than this is prose, not an entry
_FURNITURE_LINES = 3  # short lines (page header, footer, number) a list may run across
_FURNITURE_LENGTH = 100


# ---------------------------------------------------------------- vocabulary
def _alternation(kind: str) -> str:
    return "|".join(re.escape(p.phrase) for p in pace_phrases(kind))


@functools.cache
def _type_line() -> re.Pattern[str]:
    return re.compile(rf"^(?:{_alternation('doc_type')})\b", re.I)


@functools.cache
def _list_label() -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:{_alternation('list_label')})\s*:\s*", re.I)


@functools.cache
def _block_heading() -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:{_alternation('block_heading')})\s*[\d¹²³*]*\s*:\s*[\d¹²³*]*\s*$", re.I)


@functools.cache
def _boilerplate() -> re.Pattern[str]:
    """A line of page furniture (logos, print and related-documents links): never a title."""
    return re.compile(rf"^(?:{_alternation('boilerplate')})\s*$", re.I)


@functools.cache
def _french_word() -> re.Pattern[str]:
    return re.compile(_alternation("french_word"))


@functools.cache
def _title_start() -> re.Pattern[str]:
    """A line that starts with a courtesy title ("Mr", "M.", "Baroness"): a member's name."""
    titles = "|".join(re.escape(t.title) for t in name_titles() if t.opens_name)
    return re.compile(rf"^(?:{titles})\s")


@functools.cache
def _commitment() -> re.Pattern[str]:
    return re.compile(_alternation("commitment"), re.I)


def parse_date(text: str) -> dt.date | None:
    """"04 October 2019", "17 avril 2008", "1er janvier 2020", "October 02, 2008" -> date;
    the first valid one in the text, None if none is found."""
    months = month_numbers()
    found: list[tuple[int, int, int, int]] = []  # (position, year, month, day)
    for match in _DAY_MONTH_YEAR.finditer(text):
        month = months.get(fold(match.group(2)))
        if month:
            found.append((match.start(), int(match.group(3)), month, int(match.group(1))))
    for match in _MONTH_DAY_YEAR.finditer(text):
        month = months.get(fold(match.group(1)))
        if month:
            found.append((match.start(), int(match.group(3)), month, int(match.group(2))))
    for _, year, month, day in sorted(found):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def classify(type_text: str) -> str:
    """Document type from the printed type ("Motion for a resolution", "Amendement n° 7"...):
    the phrase that comes first in the text (the longest at one place)."""
    folded = type_text.casefold()
    best: tuple[int, int, str] | None = None
    for phrase in pace_phrases("doc_type"):
        at = folded.find(phrase.phrase.casefold())
        if at >= 0 and (best is None or (at, -len(phrase.phrase)) < best[:2]):
            best = (at, -len(phrase.phrase), phrase.value)
    return best[2] if best else "other"


def language_of(url: str | None, text: str) -> str:
    if url:
        match = re.search(r"(?:[?&]lang=|/)(en|fr)(?:\b|/)|-(EN|FR)\.asp", url, re.I)
        if match:
            return (match.group(1) or match.group(2)).lower()
    return "fr" if _french_word().search(text) else "en"


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


# ---------------------------------------------------------------- header
@dataclass
class _Header:
    doc_type: str | None = None
    doc_no: str | None = None
    number: str | None = None
    date: dt.date | None = None
    title: str | None = None
    after: int = 0  # first line after the header


def _number(type_text: str, doc_type: str | None) -> str | None:
    match = _NUMBER.search(type_text)
    return match.group(1) if match and doc_type == "written_declaration" else None


def _title_candidate(line: str | None) -> str | None:
    return line if line and not _boilerplate().match(line) else None


def _pipe_header(lines: list[str], text: str) -> _Header | None:
    """Web pages: ``Motion for a resolution | Doc. 14991 | 04 October 2019``."""
    header = _HEADER.search(text)
    if not header:
        return None
    index = text[: header.start()].count("\n")
    doc_type = classify(header.group("type"))
    title = _title_candidate(_nonblank_before(lines, index))
    if title is None:
        nxt = _nonblank_after(lines, index)
        title = nxt[1] if nxt and not _list_label().match(nxt[1]) and not _title_start().match(nxt[1]) else None
    return _Header(doc_type, header.group("doc"), _number(header.group("type"), doc_type),
                   parse_date(header.group("date")), title, index + 1)


def _nonblank_near(lines: list[str], at: int, step: int, count: int) -> list[int]:
    """Indices of the ``count`` non-blank lines after ``at`` (step 1) or before it (step -1)."""
    found: list[int] = []
    i = at + step
    while 0 <= i < len(lines) and len(found) < count:
        if lines[i]:
            found.append(i)
        i += step
    return found


def _doc_line_header(lines: list[str]) -> _Header | None:
    """Older texts, PDFs and copies on other sites: a ``Doc. N`` line (with an edition, the
    date or the publisher after the number), the date, title and type on the lines around it,
    in any order: ``Doc. 9056 2nd edition`` / date / title / ``Written Declaration No. 320``,
    or title / ``Written Declaration No 415`` / ``Doc. 11735, Council of Europe`` / date.
    A ``Doc. N`` line with neither a date nor a type beside it is a reference, not a header."""
    for at, line in enumerate(lines):
        match = _DOC_LINE.match(line)
        if match is None or len(match.group("rest")) > _DOC_LINE_REST:
            continue
        header = _around_doc_line(lines, at, match)
        if header.date is not None or header.doc_type is not None:
            return header
    return None


def _around_doc_line(lines: list[str], at: int, match: re.Match[str]) -> _Header:
    after = _nonblank_near(lines, at, 1, _HEADER_WINDOW)
    before = _nonblank_near(lines, at, -1, 3)
    type_at = next((i for i in after if _type_line().match(lines[i]) and len(lines[i]) < 80), None)
    if type_at is None:
        type_at = next((i for i in before if _type_line().match(lines[i]) and len(lines[i]) < 80), None)
    doc_type = classify(lines[type_at]) if type_at is not None else None
    number = _number(lines[type_at], doc_type) if type_at is not None else None
    date = parse_date(match.group("rest"))
    if date is None:
        stop = [i for i in after if type_at is None or type_at < at or i <= type_at + 1][:3]
        date = next((d for i in stop if (d := parse_date(lines[i])) is not None), None)
    if type_at is not None and type_at < at:  # the type (and the title above it) before "Doc. N"
        title = _title_candidate(_nonblank_before(lines, type_at))
    else:
        between = [lines[i] for i in after if (type_at is None or i < type_at)
                   and parse_date(lines[i]) is None and len(lines[i]) < 300]
        title = between[0] if between else _title_candidate(_nonblank_before(lines, at))
    return _Header(doc_type, match.group("doc"), number, date, title, at + 1)


def _type_line_header(lines: list[str], text: str) -> _Header:
    """Copies on other sites without a document number: a bare type line, the title above."""
    type_at = next((i for i, ln in enumerate(lines) if _type_line().match(ln) and len(ln) < 40), None)
    if type_at is not None:
        doc_type = classify(lines[type_at])
        return _Header(doc_type, None, _number(lines[type_at], doc_type), None,
                       _title_candidate(_nonblank_before(lines, type_at)), 0)
    if _commitment().search(text):
        return _Header(doc_type="written_declaration")
    return _Header()


# ---------------------------------------------------------------- entries
@functools.lru_cache(maxsize=1 << 16)  # members sign many texts: their entries come back
def _split_entry(entry: str) -> tuple[str, str | None, str | None] | None:
    """(name, country, group) as printed, or None when the entry is not name + country."""
    countries, groups = CountryVocabulary.load(), GroupVocabulary.load()
    parts = [p.strip() for p in entry.split(",")]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return None
    group = None
    is_group = groups.resolve(SOURCE, parts[-1]) is not None
    if len(parts) >= 3 and (is_group or _GROUP_CODE.fullmatch(parts[-1])):
        group = parts.pop()
    elif is_group and countries.resolve(parts[-1]) is None:
        return ", ".join(parts[:-1]), None, parts[-1]  # a group where the country should be
    country = parts.pop()
    name = ", ".join(parts)
    return name, country, group


@functools.lru_cache(maxsize=1 << 16)
def _looks_like_entry(piece: str) -> bool:
    """A name (a few words) then a country we know, or a group where the country should be."""
    parsed = _split_entry(piece)
    if parsed is None:
        return False
    name, country, group = parsed
    if "," in name or _DIGIT.search(name) or not _LETTER.search(name) or len(name.split()) > _NAME_WORDS:
        return False
    if country is None:
        return group is not None
    return CountryVocabulary.load().resolve(country) is not None


def _line_looks_like_entries(line: str) -> bool:
    """The line's first entry looks like one, or most of its ``;``-separated pieces do."""
    if ";" not in line:  # one piece (most lines of prose)
        return "," in line and _looks_like_entry(line.strip())
    pieces = [p.strip() for p in line.split(";") if p.strip()]
    if not pieces:
        return False
    if _looks_like_entry(pieces[0]):
        return True
    return len(pieces) >= 3 and 2 * sum(1 for p in pieces if _looks_like_entry(p)) > len(pieces)


def _could_begin_entry(line: str) -> bool:
    """A short line of a few words before its first comma: the start of an entry ("BLOM",
    "EVANS Nigel, United Kingdo"), not a sentence or a label."""
    return len(line) <= 80 and len(line.split(",")[0].split()) <= 5 and not _list_label().match(line) \
        and not _block_heading().match(line)


def _whole_at_cut(piece: str, others: list[tuple[str, str | None, str | None]], date: dt.date | None) -> bool:
    """The entry the text ends in is whole only when it has the shape of the list's other
    entries: a country we know, a group we know that may not be cut short, a group if every
    other entry has one, and no field announced by a last comma."""
    if piece.rstrip().endswith(","):
        return False
    parsed = _split_entry(piece)
    if parsed is None or not _looks_like_entry(piece):
        return False
    _, country, group = parsed
    if country is None:
        return False
    if group is not None and _group_may_be_cut(group, [g for _, _, g in others if g], date):
        return False
    shapes = [(c is not None, g is not None) for _, c, g in others]
    return selfcheck.fits_list_shape((True, group is not None), shapes)


def _group_may_be_cut(group: str, in_list: list[str], date: dt.date | None) -> bool:
    """A group label at a cut may be the beginning of a longer one: it is unknown, or the
    list prints a longer label that starts with it, or the name it gives was not the group's
    name at the date while a longer label that starts with it was ("EC" in 2022: "EC/DA")."""
    vocabulary = GroupVocabulary.load()
    named = vocabulary.exact(SOURCE, group)
    if named is None or selfcheck.is_truncated_label(group, in_list):
        return True
    if named.valid_on(date):
        return False
    longer = (vocabulary.exact(SOURCE, label) for code in vocabulary.codes(SOURCE)
              for label in vocabulary.labels(SOURCE, code) if label != group and label.startswith(group))
    return any(g is not None and g.valid_on(date) for g in longer)


def _furniture_then_entries(lines: list[str], at: int, last: int) -> int | None:
    """Where the list goes on when the lines from ``at`` are page furniture (a page header,
    footer or number: a few short lines) followed by entries; None when they are not."""
    seen = 0
    for j in range(at, last + 1):
        line = lines[j]
        if not line:
            continue
        if _line_looks_like_entries(line):
            return j if seen else None
        if seen == _FURNITURE_LINES or len(line) > _FURNITURE_LENGTH or _TOTAL.match(line) \
                or _LEGEND.match(line) or _list_label().match(line) or _block_heading().match(line):
            return None
        seen += 1
    return None


@functools.lru_cache(maxsize=1 << 16)
def _name_parts(name: str) -> tuple[str, str | None, str | None, str | None]:
    """(name as printed without its prefix, prefix, given name, family name)."""
    name = _SPACES.sub(" ", name).strip()
    if not _title_start().match(name):
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


# ---------------------------------------------------------------- the list
@dataclass
class _List:
    label: str | None  # label or heading as printed; None for an unlabelled list
    start: int  # first line of the list (its label or heading when there is one)
    end: int  # first line after the list
    entries: list[tuple[str, str | None, str | None]]
    region: str  # the text the entries were read from
    cut: bool  # the text ends inside the list
    fragment: str | None  # the partial entry the text ends in, left out


def _read_list(lines: list[str], start: int, label: str | None, first: int, first_text: str,
               date: dt.date | None) -> _List:
    """Entries from line ``first`` (whose text is ``first_text``, the label taken off) on:
    ``;``-separated on one or more lines, or one per line, across page furniture; the list
    ends at the first line that is not entries, or at the end of the text (then it is cut)."""
    pieces: list[str] = []
    region: list[str] = []
    fragment: str | None = None
    last = max((i for i, line in enumerate(lines) if line), default=-1)
    end = first
    i = first
    while i < len(lines):
        line = first_text if i == first else lines[i]
        if not line:
            i += 1
            continue
        entries_here = _line_looks_like_entries(line)
        if not entries_here or (i > first and (":" in line or _TOTAL.match(line))):
            resume = _furniture_then_entries(lines, i, last) if region else None
            if resume is not None:
                i = resume
                continue
            one_per_line = all(";" not in r.rstrip(" ;") for r in region)
            if not entries_here and i == last and one_per_line and _could_begin_entry(line):
                fragment, end = line, i + 1  # the text ends in this entry's first fields
            break
        pieces.extend(p.strip() for p in line.split(";") if p.strip())
        region.append(line)
        end = i + 1
        i += 1
    cut = end > last
    ends_clean = bool(region) and fragment is None and region[-1].rstrip().endswith(";")
    entries: list[tuple[str, str | None, str | None]] = []
    for k, piece in enumerate(pieces):
        parsed = _split_entry(piece)
        if k == len(pieces) - 1 and cut and not ends_clean and not _whole_at_cut(piece, entries, date):
            fragment = piece
            break
        entries.append(parsed if parsed is not None else (piece, None, None))
    text = "\n".join(region)
    if fragment and text.endswith(fragment):
        text = text[: -len(fragment)]
    return _List(label, start, end, entries, text, cut, fragment)


def _find_list(lines: list[str], after_header: int, date: dt.date | None) -> _List | None:
    """The block after a "Signed 1:" heading; else a list after a "Signatories:" label (on its
    line or below it); else the first line of entries after the header."""
    for i, line in enumerate(lines):
        if _block_heading().match(line):
            return _read_list(lines, i, line, i + 1, lines[i + 1] if i + 1 < len(lines) else "", date)
    for i in range(after_header, len(lines)):
        line = lines[i]
        label = _list_label().match(line)
        if label:
            rest = line[label.end():].strip()
            if rest:
                return _read_list(lines, i, line[: label.end()].strip(), i, rest, date)
            return _read_list(lines, i, line, i + 1, lines[i + 1] if i + 1 < len(lines) else "", date)
        if _title_start().match(line) and _line_looks_like_entries(line):
            return _read_list(lines, i, None, i, line, date)
    return None


def _check(found: _List | None, doc_type: str, declared: int | None, lines: list[str],
           entries: list[tuple[str, str | None, str | None]]) -> tuple[bool, tuple[ListProblem, ...]]:
    """The list against the rest of the text: every piece of evidence that disagrees."""
    if found is None:
        return selfcheck.judged([selfcheck.declared_total_problem(declared, 0),
                                 selfcheck.no_list_problem(doc_type)])
    countries, groups = CountryVocabulary.load(), GroupVocabulary.load()
    with_country = sum(1 for _, c, _ in entries if countries.resolve(c) is not None)
    with_code = sum(1 for _, _, g in entries if g and groups.exact(SOURCE, g) is not None)
    after = [line for line in lines[found.end:] if not _LEGEND.match(line)]
    in_region = selfcheck.field_counts(found.region, SOURCE)
    problems: list[ListProblem | None] = [
        selfcheck.cut_problem(found.fragment) if found.cut else None,
        None if found.cut else selfcheck.declared_total_problem(declared, len(entries)),
        None if found.cut else selfcheck.label_problem(found.label, len(entries)),
        selfcheck.region_count_problem("country names", in_region[0], with_country),
        selfcheck.region_count_problem("group codes", in_region[1], with_code),
        selfcheck.trailing_entries_problem(selfcheck.entries_after(after, _line_looks_like_entries)),
    ]
    return selfcheck.judged(problems)


def _legend(lines: list[str], start: int) -> dict[str, str]:
    legend: dict[str, str] = {}
    for line in lines[start:]:
        match = _LEGEND.match(line)
        if match and len(match.group("code")) <= 8:
            legend[match.group("code")] = match.group("name").strip()
    return legend


def _body(lines: list[str], after: int, skip: Iterable[int], title: str | None) -> str | None:
    skipped = set(skip)
    body = [line for k, line in enumerate(lines[after:], after)
            if k not in skipped and not _LEGEND.match(line) and line != title]
    return "\n".join(body).strip() or None


def parse_pace_document(text: str, url: str | None = None) -> ParsedStatement:
    """Read one PACE page's text; raises ParseError when it holds no PACE statement."""
    text = clean_text(text)
    lines = _lines(text)
    header = _pipe_header(lines, text) or _doc_line_header(lines) or _type_line_header(lines, text)
    found = _find_list(lines, header.after, header.date)
    if header.doc_type is None and not (found and found.entries):
        raise ParseError("no PACE header and no list of signatories", reason="not_a_statement")
    doc_type = header.doc_type
    if doc_type is None:
        doc_type = "written_declaration" if _commitment().search(text) else "other"
    total = _TOTAL.search(text)
    declared = int(total.group(1)) if total else None
    entries = found.entries if found else []
    complete, problems = _check(found, doc_type, declared, lines, entries)
    signatories = [_signatory(k, *entry) for k, entry in enumerate(entries, 1)]
    start, end = (found.start, found.end) if found else (len(lines), len(lines))
    return ParsedStatement(
        source=SOURCE,
        doc_type=doc_type,
        language=language_of(url, text),
        doc_no=header.doc_no,
        number=header.number,
        date=header.date,
        title=header.title.strip() if header.title else None,
        declared_total=declared,
        signatories=tuple(signatories),
        signatories_complete=complete,
        url=url,
        file_id=file_id_of(url),
        group_legend=_legend(lines, end),
        text=_body(lines, header.after, range(start, end), header.title),
        list_problems=problems,
    )


def parse_text(text: str, url: str | None = None) -> list[ParsedStatement]:
    """The PACE parser on a text (``hemicycle.sources``): one statement per document."""
    return [parse_pace_document(text, url=url)]
