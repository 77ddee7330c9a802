"""Splitting personal names as assemblies print them: prefix, given names, FAMILY NAME.

PACE prints family names in capitals ("Mr Luc Van den BRANDE", "GERMAN Michael"), so the
rule is typographic, not a list of people: the family name is the run of upper-case words,
with the lower-case particles that stand inside it or just before it.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from hemicycle.vocab import name_particles, name_titles, strip_combining


@functools.cache
def _prefixes() -> frozenset[str]:
    """Every title of ``name_titles.csv`` as compared: case-folded, without its full stop."""
    return frozenset(t.title.casefold().rstrip(".") for t in name_titles())


def _letters(token: str) -> str:
    return "".join(ch for ch in token if ch.isalpha())


def is_initial(token: str) -> bool:
    """"E.", "W.A.", "Á." are initials of given names, though written in capitals."""
    letters = _letters(token)
    return bool(letters) and token.endswith(".") and len(letters) <= 3


def is_upper_word(token: str) -> bool:
    """A word printed in capitals (McNAMARA and O'REILLY included); initials excluded."""
    letters = _letters(token)
    if not letters or is_initial(token):
        return False
    upper = sum(1 for ch in letters if ch.isupper())
    lower = len(letters) - upper
    if len(letters) == 1:
        return letters.isupper() and not token.endswith(".")
    return upper >= 2 and upper > lower


def is_particle(token: str) -> bool:
    return not token.endswith(".") and token.casefold() in name_particles()


def strip_prefix(tokens: list[str]) -> tuple[str | None, list[str]]:
    """Leading titles ("Mr", "M.", "Lord", "Sir") -> prefix; the rest of the tokens."""
    taken: list[str] = []
    while len(tokens) > 1 and tokens[0].casefold().rstrip(".") in _prefixes() \
            and not is_upper_word(tokens[0]):
        taken.append(tokens[0])
        tokens = tokens[1:]
    return (" ".join(taken) or None), tokens


@functools.lru_cache(maxsize=1 << 16)  # members sign many texts: their names come back
def split_person_name(text: str) -> tuple[str | None, str | None, str | None]:
    """(prefix, given name, family name) of a printed name; parts may be None.

    "Mr Luc Van den BRANDE" -> ("Mr", "Luc", "Van den BRANDE");
    "GERMAN Michael" -> (None, "Michael", "GERMAN"); "Marty" -> (None, None, "Marty").
    """
    # a bracketed designation ("Alexander [The Earl of] DUNDEE") belongs to no name part
    tokens = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", text).split()
    if not tokens:
        return None, None, None
    prefix, tokens = strip_prefix(tokens)
    upper = [is_upper_word(t) for t in tokens]
    if not any(upper):
        return prefix, None, " ".join(tokens)
    # the longest run of capitals, allowing particles inside it ("PUIG i OLIVE")
    best: tuple[int, int] = (0, 0)
    i = 0
    while i < len(tokens):
        if upper[i]:
            j = i
            while j + 1 < len(tokens) and (upper[j + 1] or (
                    is_particle(tokens[j + 1]) and j + 2 < len(tokens) and upper[j + 2])):
                j += 1
            if j - i > best[1] - best[0] or (best == (0, 0) and not upper[0]):
                best = (i, j + 1)
            i = j + 1
        else:
            i += 1
    start, end = best
    if start == end:  # only single capitals somewhere: take the first
        start = upper.index(True)
        end = start + 1
    while start > 0 and is_particle(tokens[start - 1]):
        start -= 1  # "Van den BRANDE", "de PUIG"
    family = " ".join(tokens[start:end])
    given_tokens = tokens[:start] + tokens[end:]
    given = " ".join(given_tokens) or None
    return prefix, given, family


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Comparison key of a name: no accents, case or punctuation."""
    plain = strip_combining(unicodedata.normalize("NFKD", text)).casefold()
    return _NOT_WORD.sub(" ", plain.replace("ı", "i")).strip()  # any script


_NOT_WORD = re.compile(r"[\W_]+")
