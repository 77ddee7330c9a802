"""What a statement is about: the states named in its title and body.

A state counts when its name (English or French, any alias) or an adjective of it
(``data/vocab/country_adjectives.csv``) stands in the title, or at least twice in the body.
Signatory lists are not part of the body: parsers leave them out of ``ParsedStatement.text``.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from hemicycle.vocab import CountryVocabulary, _read_csv, fold

BODY_MENTIONS = 2


@functools.cache
def _patterns() -> tuple[re.Pattern[str], dict[str, str]]:
    forms: dict[str, str] = {}
    index = CountryVocabulary.load()._index
    for name, code in index.items():
        if len(name) >= 4:
            forms[name] = code
    for row in _read_csv("country_adjectives.csv"):
        forms[fold(row["form"])] = row["iso2"]
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b"), forms


def _mentions(text: str | None) -> Counter[str]:
    if not text:
        return Counter()
    pattern, forms = _patterns()
    return Counter(forms[m.group(0)] for m in pattern.finditer(fold(text)))


def subject_countries(title: str | None, text: str | None) -> list[tuple[str, str, int]]:
    """(ISO code, where found: "title" or "body", mentions) for each state, most mentioned first."""
    in_title = _mentions(title)
    in_body = _mentions(text)
    tagged = set(in_title) | {c for c, n in in_body.items() if n >= BODY_MENTIONS}
    weight = in_title + in_title + in_body
    return [(c, "title" if c in in_title else "body", in_title[c] + in_body[c])
            for c in sorted(tagged, key=lambda c: (-weight[c], c))]


def tag_subject_countries(title: str | None, text: str | None) -> list[str]:
    """ISO alpha-2 codes of the states a statement concerns, most mentioned first."""
    return [code for code, _, _ in subject_countries(title, text)]
