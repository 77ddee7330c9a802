"""Page furniture of EP documents: the footer and header lines a PDF puts between lines.

Every page of an EP document printed from its authoring system ends with a footer such as
``RC\\1227103EN.docx PE692.453v01-00`` / ``EN United in diversity EN`` and the next one may
start with ``PE692.453v01-00 2/7 RC\\1227103EN.docx EN``. Text extracted from the PDF keeps
these lines wherever the page broke, in the middle of a signatory list too. They are
recognised by their parts (file code, PE number, page number, language code, the EU motto)
and removed, so the list reads on.
"""

from __future__ import annotations

import re

from hemicycle.parse.ep.phrases import motto

_FILE_CODE = re.compile(r"\b[A-Z]{2,4}\\\d{6,8}[A-Z]{2}\.(?:docx?|pdf|xml)\b")
_PE_NUMBER = re.compile(r"\bPE ?\d{3}\.\d{3}(?:v\d{2}-\d{2})?(?:/[A-Z]+)?\b")
_PAGE = re.compile(r"(?<![\d/])\d{1,3}/\d{1,3}(?![\d/])")
# the official languages' codes, printed alone beside the motto or on a line of their own
_LANGUAGE = re.compile(r"\b(?:BG|ES|CS|DA|DE|ET|EL|EN|FR|GA|HR|IT|LV|LT|HU|MT|NL|PL|PT|RO|SK|SL|FI|SV)\b")
_JOINT_MARK = re.compile(r"\bRC\d\b")  # "} RC1" after the numbers of the motions a joint one replaces
_LEFTOVER = re.compile(r"[\s{}|,;.\-–—]*")


def furniture_line(line: str) -> bool:
    """True when ``line`` is made only of page furniture (and holds some)."""
    stripped = line.strip()
    if not stripped:
        return False
    rest, marks = _FILE_CODE.subn(" ", stripped)
    rest, n = _PE_NUMBER.subn(" ", rest)
    marks += n
    rest, n = motto().subn(" ", rest)
    marks += n
    if marks:
        rest = _JOINT_MARK.sub(" ", _PAGE.sub(" ", rest))
    rest, n = _LANGUAGE.subn(" ", rest)
    if not marks and not (n == 1 and _LANGUAGE.fullmatch(stripped)):
        return False
    return bool(_LEFTOVER.fullmatch(rest))


def drop_furniture(text: str) -> tuple[str, int]:
    """``text`` without its furniture lines, and how many were dropped."""
    if not (_FILE_CODE.search(text) or _PE_NUMBER.search(text) or motto().search(text)):
        return text, 0
    kept, dropped = [], 0
    for line in text.split("\n"):
        if furniture_line(line):
            dropped += 1
        else:
            kept.append(line)
    return "\n".join(kept), dropped
