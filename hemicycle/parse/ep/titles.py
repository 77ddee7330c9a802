"""Titles of EP statements, as printed, in the statement's language.

A motion names its type and subject ("MOTION FOR A RESOLUTION on freedom of expression in
Kazakhstan", "<TitreType>PREDLOG RESOLUCIJE</TitreType> … <Titre>o evropskem zelenem
dogovoru</Titre>"); when the type stands on a line of its own, or is not in the stored
text, the subject is the line just above the list of authors ("referitoare la …"). In
minutes, a motion's subject follows its authors ("…, on the arrest of Cardinal Zen …
(B9-0358/2022);"). Summaries put their title above the procedure number. Page furniture
("Access to page content (press "Enter")", "BETA", menus) is never a title.
"""

from __future__ import annotations

import re

from hemicycle.parse.ep.phrases import document_type_heading, document_type_name, page_chrome, resolution_opening

_PROCEDURE_TAIL = re.compile(r"\s*[(\[]?\s*\(?\d{4}/\d{4}\s?\((?:[A-Z]{3})\)\)?\s*[)\]]?\s*$")
_REFERENCE_TAIL = re.compile(r"\s*\((?:RC-)?B\d{1,2}[-‑]\d{4}/\d{4}\)\s*[;.,]?\s*$")
_PROCEDURE_LINE = re.compile(r"^\s*\(?(\d{4}/\d{4}\([A-Z]{3}\))\)?\s*(?P<rest>.*)$")
# a line of numbers only: procedure "(2025/2691(RSP))", reference "B8-0063/2016", date "7.5.2025"
_NUMBERS_ONLY = re.compile(r"[\s()\[\]}{]*(?:\d{4}/\d{4}\s?\([A-Z]{3}\)|(?:RC-)?B\d{1,2}[-‑]\d{4}/\d{4}(?:/REV)?"
                           r"|\d{1,2}\.\d{1,2}\.\d{4}|PE ?\d{3}\.\d{3}v\d{2}-\d{2})[\s()\[\]}{]*(?:RC\d)?")
MAX_TITLE = 300


def clean_title(title: str | None) -> str | None:
    """Whitespace folded, procedure and reference numbers at the end removed, cut to length."""
    if not title:
        return None
    title = " ".join(title.split())
    title = _REFERENCE_TAIL.sub("", title)
    title = _PROCEDURE_TAIL.sub("", title).strip(" ,;:–—-(")
    if len(title) > MAX_TITLE:
        title = title[:MAX_TITLE].rsplit(" ", 1)[0] + "…"
    return title or None


def readable(line: str) -> bool:
    """A line people can read as a title: words, some in lower case, no page furniture."""
    words = line.split()
    return (len(words) >= 2 and any(ch.islower() for ch in line) and not page_chrome().search(line)
            and len(line) <= 600)


def _starts_lower(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and letters[0].islower()


def motion_title(text: str, elements: dict[str, str], authors_start: int | None,
                 doc_type: str, language: str) -> str | None:
    """The printed title of a motion or joint motion page."""
    if elements.get("Titre"):
        return clean_title(f"{elements.get('TitreType', '')} {elements['Titre']}")
    heading = None
    for line in text[: authors_start if authors_start is not None else 8000].split("\n"):
        found = document_type_heading().match(line.strip())
        if not found:
            continue
        rest = line.strip()[found.end():].strip()
        if rest and _starts_lower(rest):
            return clean_title(line)
        if found.group(0).isupper() and not rest:
            heading = found.group(0)
    if authors_start is not None:
        above = [ln.strip() for ln in text[:authors_start].split("\n")
                 if ln.strip() and not _NUMBERS_ONLY.fullmatch(ln.strip())]
        # the subject is printed just above the authors (after "pursuant to Rule …")
        line = above[-1] if above else ""
        if readable(line) and not line.endswith(":") and not document_type_heading().match(line):
            name = heading or document_type_name(doc_type, language) or ""
            return clean_title(f"{name} {line}")
    return resolution_title(text)


def resolution_title(text: str) -> str | None:
    """The title of the resolution the motion proposes: the line above its opening words
    ("Resolucija Evropskega parlamenta o …" / "Evropski parlament,")."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for k, line in enumerate(lines):
        if resolution_opening().match(line):
            above = [ln for ln in lines[max(0, k - 3):k] if not _NUMBERS_ONLY.fullmatch(ln)]
            if above and readable(above[-1]):
                return clean_title(above[-1])
            return None
    return None


def minutes_title(text: str, after: int, end: int) -> str | None:
    """The subject printed after the authors of a motion in minutes (", on … (B9-…)")."""
    rest = text[after:end].strip(" ,\n\t")
    if rest and _starts_lower(rest) and readable(rest):
        return clean_title(rest)
    return None


def summary_title(text: str) -> str | None:
    """The line above (or beside) the procedure number, else the first readable line."""
    lines = [ln.strip() for ln in text.split("\n")]
    for k, line in enumerate(lines):
        found = _PROCEDURE_LINE.match(line)
        if not found:
            continue
        if readable(found["rest"]):
            return clean_title(found["rest"])
        above = next((ln for ln in reversed(lines[:k]) if ln), "")
        if readable(above):
            return clean_title(above)
        break
    return first_readable(text)


SHORT_TITLE = 160


def first_readable(text: str) -> str | None:
    """The first readable line, its first sentence, cut short at a word when long."""
    for line in text.split("\n"):
        line = line.strip()
        if readable(line) and len(line.split()) >= 3:
            line = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
            if len(line) > SHORT_TITLE:
                line = line[:SHORT_TITLE].rsplit(" ", 1)[0].rstrip(",;:") + "…"
            return clean_title(line)
    return None


def fallback_title(doc_type: str, language: str, doc_no: str | None) -> str | None:
    """The document type in the statement's language and its number, when nothing else is
    printed ("Entschliessungsantrag PV-7-2011-07-07-ITM-007-05")."""
    name = document_type_name(doc_type, language) or document_type_name(doc_type, "en")
    if not name:
        return None
    return f"{name} {doc_no}" if doc_no else name
