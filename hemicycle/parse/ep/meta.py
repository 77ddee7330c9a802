"""Document references, dates, terms and languages of EP documents, from text and URL."""

from __future__ import annotations

import datetime as dt
import re

from hemicycle.parse.ep.phrases import french_word

SOURCE = "ep"  # this parser's row of data/vocab/assemblies.csv

# printed: RC-B8-0352/2014, B9-0229/2020; in URLs: RC-8-2014-0352, B-9-2020-0229
_PRINTED = re.compile(r"\b(?P<rc>RC-)?B(?P<term>\d{1,2})[-‑](?P<num>\d{4})/(?P<year>\d{4})(?!\d)")
# old "sides" addresses printed in a text: "…TEXT+MOTION+P8-RC-2015-1348+0+DOC…"
_SIDES = re.compile(r"\bP(?P<term>\d{1,2})-(?P<rc>RC-)?(?:B-)?(?P<year>\d{4})-(?P<num>\d{4})\b")
_URL_REF = re.compile(r"(?P<rc>RC)?-?(?:B-)?(?P<term>\d{1,2})-(?P<year>\d{4})-(?P<num>\d{4})")
_PV = re.compile(r"PV-(?P<term>\d{1,2})-(?P<date>\d{4}-\d{2}-\d{2})(?:-ITM-(?P<item>[\d-]+))?")
_DMY = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_PROCEDURE = re.compile(r"\b(\d{4}/\d{4}\((?:RSP|INI|COD|NLE|BUD|DEC)\))")
_URL_LANG = re.compile(r"_([A-Z]{2})\.html|[?&]language=([A-Za-z]{2})|//([A-Z]{2})$|/oeil/([a-z]{2})/")


def printed_reference(rc: bool, term: str, num: str, year: str) -> str:
    """The reference as the EP prints it: RC-B10-0249/2025, B8-0063/2016."""
    return f"{'RC-' if rc else ''}B{int(term)}-{num}/{year}"


def odp_to_printed(identifier: str) -> str | None:
    """Open Data Portal id "RC-10-2025-0249" -> "RC-B10-0249/2025"."""
    match = re.fullmatch(r"(RC|B)-(\d{1,2})-(\d{4})-(\d{4})", identifier)
    if not match:
        return None
    return printed_reference(match.group(1) == "RC", match.group(2), match.group(4), match.group(3))


_JOINT_LIST = re.compile(r"^\s*(?P<first>B\d{1,2}[-‑]\d{4}/\d{4})\s*\}(?:[^{}]*?\})*?[^{}]*?\bRC\d\b", re.MULTILINE)


def _url_reference(url: str) -> str | None:
    """The reference a document address names (``…/doceo/document/RC-10-2025-0249_EN.html``,
    old ``sides`` addresses ``…P8-RC-2014-0352…``)."""
    if "/document/" not in url and "reference=" not in url and "MOTION" not in url:
        return None
    last = re.sub(r"\bP(\d{1,2})-", r"\1-", url.rsplit("/", 1)[-1])
    found = _URL_REF.search(last)
    if not found:
        return None
    return printed_reference(bool(found.group("rc")), found.group("term"), found.group("num"),
                             found.group("year"))


def reference_of(text: str, url: str | None) -> str | None:
    """The document's own reference: minutes by their item, documents by their address
    (the same in every language, whatever a version prints), else as printed. A joint
    motion prints the motions it replaces, each followed by "}", then "RC1": it takes the
    first one's number. A reference in brackets names another motion (one replaced, one
    announced in minutes), so it comes last."""
    pv = _PV.search(url) if url else None
    if pv:
        item = f"-ITM-{pv.group('item')}" if pv.group("item") else ""
        return f"PV-{pv.group('term')}-{pv.group('date')}{item}"
    in_url = _url_reference(url) if url else None
    if in_url:
        return in_url
    head = text[:6000]
    joint = _JOINT_LIST.search(head)
    if joint:
        return "RC-" + joint.group("first").replace("‑", "-")
    bracketed = None
    for match in _PRINTED.finditer(head):
        found = printed_reference(bool(match.group("rc")), match.group("term"), match.group("num"),
                                  match.group("year"))
        if head[max(0, match.start() - 1):match.start()] == "(":
            bracketed = bracketed or found
            continue
        return found
    sides = _SIDES.search(head)
    if sides:
        return printed_reference(bool(sides.group("rc")), sides.group("term"), sides.group("num"),
                                 sides.group("year"))
    return bracketed


def term_of(reference: str | None, url: str | None) -> int | None:
    for text in (reference or "", url or ""):
        match = re.search(r"\bB(\d{1,2})-|PV-(\d{1,2})-|RC-(\d{1,2})-", text)
        if match:
            return int(next(g for g in match.groups() if g))
    return None

# the first year of each term after the first direct elections (the terms change in July
# of the election year, so those years belong to two terms)
_TERM_ELECTION_YEARS = {1979: 1, 1984: 2, 1989: 3, 1994: 4, 1999: 5, 2004: 6, 2009: 7, 2014: 8,
                        2019: 9, 2024: 10}


def term_of_year(year: int) -> int | None:
    """The parliamentary term of a year, None for election years (two terms) and before 1979."""
    if year in _TERM_ELECTION_YEARS or year < 1979:
        return None
    return max(term for start, term in _TERM_ELECTION_YEARS.items() if start < year)


def date_of(text: str, url: str | None) -> dt.date | None:
    for match in _DMY.finditer(text[:6000]):
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    if url:
        pv = _PV.search(url)
        if pv:
            return dt.date.fromisoformat(pv.group("date"))
    return None


_SUMMARY_DATE = re.compile(r"^\s*(?:(\d{2})/(\d{2})/(\d{4})|(\d{4})/(\d{2})/(\d{2}))\s*$", re.MULTILINE)


def summary_date(text: str) -> dt.date | None:
    """The date a summary prints on a line of its own next to its procedure
    ("11/02/2021" in the Legislative Observatory, "2016/03/10" in Parltrack)."""
    procedure = _PROCEDURE.search(text)
    if not procedure:
        return None
    match = _SUMMARY_DATE.search(text, procedure.end(), procedure.end() + 400)
    if not match:
        return None
    day, month, year = ((match.group(1), match.group(2), match.group(3)) if match.group(1)
                        else (match.group(6), match.group(5), match.group(4)))
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def procedure_of(text: str) -> str | None:
    match = _PROCEDURE.search(text)
    return match.group(1) if match else None


def language_of(url: str | None, text: str) -> str:
    if url:
        match = _URL_LANG.search(url)
        if match:
            return next(g for g in match.groups() if g).lower()
    if french_word().search(text[:3000]):
        return "fr"
    return "en"
