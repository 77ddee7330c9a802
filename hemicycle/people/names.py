"""Printed names against roster names: words, a wildcard for lost letters, agreement levels.

A roster writes given and family names apart; documents print "Given Family", "FAMILY
Given", "G. Family" or the family name alone. The family name is looked for as a run of
words anywhere in the printed name, and the words left over are judged against the
roster's given names. Rosters exported to a narrow code page lost letters as ``?``
("Bogus?aw" for Bogusław); such a ``?`` matches any one letter.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from hemicycle.vocab import strip_combining

WILDCARD = "?"
# How well a printed name agrees with a member's names, best first.
FULL = 4  # every printed word is the member's family or given name
GIVEN = 3  # family name and (some of) the given names
PARTIAL = 2  # given name, with printed words the roster lacks (a middle name, a second
#              surname), or part of a compound family name
INITIAL = 1  # family name and an initial, or a short form, of a given name ("Bas" for Bastiaan)
SURNAME = 0  # the family name alone

_SPLIT = re.compile(r"[^\w?]+")


@functools.lru_cache(maxsize=1 << 16)
def name_tokens(text: str | None) -> tuple[str, ...]:
    """Folded words of a name: no accents or case; a ``?`` stays inside its word."""
    if not text:
        return ()
    plain = strip_combining(unicodedata.normalize("NFKD", text)).casefold().replace("ı", "i")
    return tuple(t for t in _SPLIT.split(plain.replace("_", " ")) if t)


def tokens_agree(a: str, b: str) -> bool:
    """Two folded words are the same word; ``?`` on either side is any one letter."""
    if WILDCARD not in a and WILDCARD not in b:
        return a == b
    return len(a) == len(b) and all(x == y or WILDCARD in (x, y) for x, y in zip(a, b, strict=True))


def _runs_agree(printed: tuple[str, ...], at: int, family: tuple[str, ...]) -> bool:
    return all(tokens_agree(printed[at + i], word) for i, word in enumerate(family))


def _short_form(word: str, given: tuple[str, ...]) -> bool:
    """One is the other's beginning, three letters at least: "Bas" / "Bastiaan", "Inma" / "Inmaculada"."""
    return any(min(len(word), len(g)) >= 3 and (g.startswith(word) or word.startswith(g)) for g in given)


def _given_level(rest: tuple[str, ...], given: tuple[str, ...]) -> int | None:
    """How the printed words besides the family name agree with the given names."""
    if not rest:
        return SURNAME
    kinds = []
    for word in rest:
        if any(tokens_agree(word, g) for g in given):
            kinds.append("name")
        elif len(word) == 1 and any(g[0] in (word, WILDCARD) for g in given):
            kinds.append("initial")
        elif _short_form(word, given):
            kinds.append("short")
        else:
            kinds.append("other")
    if "other" not in kinds:
        if kinds.count("name") == len(rest) == len(given):
            return FULL
        return GIVEN if "name" in kinds else INITIAL
    # words the roster lacks: accepted after a first given name that agrees, never alone
    if kinds[0] == "name":
        return PARTIAL
    if kinds[0] == "short":
        return INITIAL
    return None  # a given name the member does not have: another person


def _family_parts(family: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The whole family name, then its leading and trailing parts, longest first:
    "Salafranca" and "Alvaro" are printed for "Salafranca Sánchez-Neyra", "Pickart Alvaro"."""
    parts = [family]
    for size in range(len(family) - 1, 0, -1):
        parts.extend(p for p in (family[:size], family[-size:]) if p not in parts)
    return parts


def family_span(printed: tuple[str, ...], given: tuple[str, ...],
                family: tuple[str, ...]) -> tuple[int, int, int] | None:
    """(level, start, end) of the best reading of ``printed`` as this member's name, the
    family name being ``printed[start:end]``; None when it cannot be this member."""
    best: tuple[int, int, int] | None = None
    for part in _family_parts(family):
        size = len(part)
        for at in range(len(printed) - size + 1):
            if not _runs_agree(printed, at, part):
                continue
            level = _given_level(printed[:at] + printed[at + size:], given)
            if level is None:
                continue
            if size < len(family):  # part of the family name: only with a given name that agrees
                if level < GIVEN:
                    continue
                level = PARTIAL
            if best is None or level > best[0]:
                best = (level, at, at + size)
        if best is not None and size == len(family):
            return best  # a reading with the whole family name beats any with a part of it
    return best


def match_level(printed: tuple[str, ...], given: tuple[str, ...], family: tuple[str, ...]) -> int | None:
    found = family_span(printed, given, family) if family else None
    return found[0] if found else None


def split_printed(name: str, given: tuple[str, ...], family: tuple[str, ...]) -> tuple[str | None, str | None]:
    """(given, family) words of a printed name, cut where the roster's family name lies;
    (None, None) when a printed word straddles the cut."""
    words = name.split()
    owners: list[int] = []  # token index -> word index
    for index, word in enumerate(words):
        owners.extend([index] * len(name_tokens(word)))
    tokens = tuple(t for word in words for t in name_tokens(word))
    found = family_span(tokens, given, family)
    if not found or not tokens:
        return None, None
    _, start, end = found
    if start > 0:  # "Given Family Second-surname": what follows the family name is family too
        end = len(tokens)
    family_words = {owners[i] for i in range(start, end)}
    other_words = {owners[i] for i in range(len(tokens)) if not start <= i < end}
    if family_words & other_words:
        return None, None
    given_text = " ".join(w for i, w in enumerate(words) if i in other_words)
    family_text = " ".join(w for i, w in enumerate(words) if i in family_words)
    return given_text or None, family_text or None
