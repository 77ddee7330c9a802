"""Press summaries (Legislative Observatory and the like): which groups tabled the text."""

from __future__ import annotations

import re

from hemicycle.parse.ep.meta import SOURCE, procedure_of, summary_date
from hemicycle.parse.ep.phrases import (
    summary_filler,
    summary_opening,
    summary_separator,
    tabled_by,
    untitled_summary,
)
from hemicycle.parse.ep.repair import repair_displaced_spans
from hemicycle.parse.ep.titles import summary_title
from hemicycle.records import ParsedSignatory, ParsedStatement
from hemicycle.vocab import GroupVocabulary

_LIST_END = re.compile(r"\.(?:\s|$)|$")


def _tabled_list(text: str) -> str | None:
    """The sentence rest after a "tabled by" phrase (data/vocab/ep_phrases.csv)."""
    flat = re.sub(r"\s+", " ", text)
    match = tabled_by().search(flat)
    if not match:
        return None
    rest = flat[match.end():]
    end = _LIST_END.search(rest)  # always matches: "$" is one of its branches
    return rest[: end.start() if end else len(rest)]


def tabling_groups(text: str) -> list[str]:
    """Group labels as printed, in order, from the "tabled by" sentence.

    The list is read while its parts are group labels: what follows the last group
    ("adoptée jeudi 16 mars", "qu'ils ont adoptée") ends it, wherever the full stop is.
    A list that starts with anything else is no list of groups ("déposée par" + names
    is a motion's own author line).
    """
    listed = _tabled_list(text)
    if listed is None:
        return []
    groups = GroupVocabulary.load()
    labels = []
    for part in summary_separator().split(summary_filler().sub(" ", listed)):
        label = " ".join(part.split())
        if not label:
            continue
        if groups.resolve(SOURCE, label) is None:
            break
        labels.append(label)
    return labels


def is_press_summary(text: str, url: str | None) -> bool:
    return bool((url and ("oeil" in url or "document-summary" in url))
                or tabling_groups(text[:5000])
                or summary_opening().search(text[:600]))


def parse_summary(text: str, url: str | None, language: str) -> ParsedStatement:
    repaired = repair_displaced_spans(text, language)
    labels = tabling_groups(repaired)
    signatories = tuple(
        ParsedSignatory(position=i, kind="group", name=label, group_label=label)
        for i, label in enumerate(labels, 1)
    )
    return ParsedStatement(
        source=SOURCE, doc_type="press_summary", language=language, doc_no=None,
        title=summary_title(repaired) or untitled_summary(language), signatories=signatories,
        signatories_complete=True, url=url, text=repaired, procedure=procedure_of(repaired),
        date=summary_date(repaired),
    )
