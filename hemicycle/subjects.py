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


_NOT_WORDS = re.compile(r"[^\w ]+")  # in folded text, words are separated by spaces or these
_BARRIER = " \x00 "  # stands for such a separator: no form spans it


@functools.cache
def _forms() -> tuple[dict[str, str], dict[str, tuple[int, ...]]]:
    """Folded names and adjectives -> ISO code, and for each first word the lengths (in
    words, longest first) of the forms that start with it."""
    forms: dict[str, str] = {}
    index = CountryVocabulary.load()._index
    for name, code in index.items():
        if len(name) >= 4:
            forms[name] = code
    for row in _read_csv("country_adjectives.csv"):
        forms[fold(row["form"])] = row["iso2"]
    starts: dict[str, set[int]] = {}
    for form in forms:
        words = form.split(" ")
        starts.setdefault(words[0], set()).add(len(words))
    return forms, {w: tuple(sorted(n, reverse=True)) for w, n in starts.items()}


def _words(folded: str) -> list[str]:
    """The words of a folded text, any separator but a single space standing as a barrier."""
    if folded.replace(" ", "").isalnum():  # letters and digits only: spaces are the only separators
        return folded.split(" ")
    return _NOT_WORDS.sub(_BARRIER, folded).split()


def _mentions(text: str | None) -> Counter[str]:
    """Whole-word occurrences of the forms in the folded text, longest form first at each
    word; a form found covers its words, reading on after it.

    Forms are words joined by single spaces, and so must the words of the text be: any
    other separator becomes a barrier word no form contains.
    """
    if not text:
        return Counter()
    forms, starts = _forms()
    words = _words(fold(text))
    found: Counter[str] = Counter()
    free = 0  # the first word not covered by a form found
    for i in [i for i, word in enumerate(words) if word in starts]:
        if i < free:
            continue
        for length in starts[words[i]]:
            if i + length <= len(words) and (phrase := " ".join(words[i:i + length])) in forms:
                found[forms[phrase]] += 1
                free = i + length
                break
    return found


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


def country_forms() -> dict[str, str]:
    """Every folded name and adjective subject tagging knows -> ISO code."""
    return dict(_forms()[0])
