"""Document references, dates, terms and languages of EP documents, from text and URL."""

from __future__ import annotations

import datetime as dt
import re

# printed: RC-B8-0352/2014, B9-0229/2020; in URLs: RC-8-2014-0352, B-9-2020-0229
_PRINTED = re.compile(r"\b(?P<rc>RC-)?B(?P<term>\d{1,2})[-‑](?P<num>\d{4})/(?P<year>\d{4})\b")
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


def reference_of(text: str, url: str | None) -> str | None:
    match = _PRINTED.search(text[:6000])
    if match:
        return printed_reference(bool(match.group("rc")), match.group("term"), match.group("num"),
                                 match.group("year"))
    if url:
        if "/document/" in url or "reference=" in url or "MOTION" in url:
            match = _URL_REF.search(url.rsplit("/", 1)[-1].replace("P8-", "8-").replace("P9-", "9-"))
            if match and not _PV.search(url):
                return printed_reference(bool(match.group("rc")), match.group("term"),
                                         match.group("num"), match.group("year"))
        pv = _PV.search(url)
        if pv:
            item = f"-ITM-{pv.group('item')}" if pv.group("item") else ""
            return f"PV-{pv.group('term')}-{pv.group('date')}{item}"
    return None


def term_of(reference: str | None, url: str | None) -> int | None:
    for text in (reference or "", url or ""):
        match = re.search(r"\bB(\d{1,2})-|PV-(\d{1,2})-|RC-(\d{1,2})-", text)
        if match:
            return int(next(g for g in match.groups() if g))
    return None


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


def procedure_of(text: str) -> str | None:
    match = _PROCEDURE.search(text)
    return match.group(1) if match else None


def language_of(url: str | None, text: str) -> str:
    if url:
        match = _URL_LANG.search(url)
        if match:
            return next(g for g in match.groups() if g).lower()
    if re.search(r"\b(?:le|la|les|des|du|au nom du)\b", text[:3000]):
        return "fr"
    return "en"
