"""Press summaries (Legislative Observatory and the like): which groups tabled the text."""

from __future__ import annotations

import re

from hemicycle.parse.ep.meta import procedure_of
from hemicycle.parse.ep.repair import repair_displaced_spans
from hemicycle.records import ParsedSignatory, ParsedStatement

# "tabled as a joint resolution by the EPP, S&D, ... groups and The Left";
# "déposé en tant que résolution commune par les groupes PPE, S&D, ... et EFDD"
_TABLED = re.compile(
    r"(?:tabled(?: as a joint resolution)? by (?:the )?|"
    r"déposée? (?:en tant que résolution commune )?par (?:les )?(?:groupes )?)"
    r"(?P<list>[^.]{2,300}?)(?=\.\s|\.$|$)", re.I | re.S)
_WORDS_OUT = re.compile(r"\b(?:[Gg]roups?|[Gg]roupes?|the|les|political)\b")


def tabling_groups(text: str) -> list[str]:
    """Group labels as printed, in order, from the "tabled by" sentence."""
    match = _TABLED.search(re.sub(r"\s+", " ", text))
    if not match:
        return []
    listed = _WORDS_OUT.sub(" ", match.group("list"))
    parts = re.split(r",|\band\b|\bet\b", listed)
    labels = []
    for part in parts:
        label = " ".join(part.split())
        if label and len(label) <= 20:
            labels.append(label)
    return labels


def is_press_summary(text: str, url: str | None) -> bool:
    return bool((url and ("oeil" in url or "document-summary" in url))
                or _TABLED.search(re.sub(r"\s+", " ", text[:5000]))
                or re.search(r"Le Parlement européen a adopté|The European Parliament adopted", text[:600]))


def parse_summary(text: str, url: str | None, language: str) -> ParsedStatement:
    repaired = repair_displaced_spans(text, language)
    labels = tabling_groups(repaired)
    signatories = tuple(
        ParsedSignatory(position=i, kind="group", name=label, group_label=label)
        for i, label in enumerate(labels, 1)
    )
    first = next((ln.strip() for ln in repaired.splitlines() if ln.strip()), None)
    return ParsedStatement(
        source="ep", doc_type="press_summary", language=language, doc_no=None,
        title=first[:300] if first else None, signatories=signatories,
        signatories_complete=True, url=url, text=repaired, procedure=procedure_of(repaired),
    )
