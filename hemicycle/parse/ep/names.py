"""What a member's name looks like in EP lists, and how a printed list splits into names.

Names are 1-7 words, capitalised but for particles ("van", "de", "'t", "ин"); a name may
carry its other spelling in brackets ("Jorgos Jeorjiu (Giorgos Georgiou)") or a title in
brackets ("William (The Earl of) Dartmouth"). Headings in capitals ("NÁVRH UZNESENIA"),
document types and the resolution's opening words are never names, whatever their case.
"""

from __future__ import annotations

import functools
import re

from hemicycle.parse.ep.phrases import conjunctions, document_type_heading, resolution_opening
from hemicycle.vocab import name_particles, name_titles

_BRACKETED = re.compile(r"\s*\(([^()]{2,60})\)")
_NOT_IN_NAMES = re.compile(r"[\d:;!?\[\]{}<>=|@/\\]")


@functools.cache
def honorifics() -> frozenset[str]:
    """Courtesy titles printed before names in verbatim reports ("Mrs Gomes", "Mr Tarand")."""
    return frozenset(t.title for t in name_titles() if t.opens_name)


def _capitalised(token: str) -> bool:
    letters = [ch for ch in token if ch.isalpha()]
    return bool(letters) and letters[0].isupper()


def _particle(token: str) -> bool:
    """"van", "de", "'t", "ин": short lower-case words inside names, in any script."""
    letters = [ch for ch in token if ch.isalpha()]
    return token.casefold() in name_particles() or (0 < len(letters) <= 3 and all(ch.islower() for ch in letters))


def _plain_name(text: str) -> bool:
    tokens = text.split()
    if not 1 <= len(tokens) <= 7 or _NOT_IN_NAMES.search(text) or "(" in text or ")" in text:
        return False
    if len(tokens) == 1:
        return _capitalised(tokens[0]) and len(tokens[0]) > 2 and not tokens[0].isupper()
    if all(t.isupper() for t in tokens if any(ch.isalpha() for ch in t)):
        return False  # a heading in capitals
    return _capitalised(tokens[0]) and all(_capitalised(t) or _particle(t) for t in tokens)


@functools.lru_cache(maxsize=1 << 16)  # the same members are named in many texts
def looks_like_name(text: str) -> bool:
    """A member's name as printed, possibly with a bracketed other spelling or title."""
    inner = _BRACKETED.findall(text)
    if inner:
        outer = _BRACKETED.sub(" ", text)
        if len(inner) > 1 or not all(len(part.split()) <= 4 and _plain_name(part) for part in inner):
            return False
        text = " ".join(outer.split())
    if not _plain_name(text):
        return False
    return not (document_type_heading().fullmatch(text) or resolution_opening().match(text))


def _split_conjunction(piece: str) -> list[str]:
    """"Name and Name" -> two names, but "Raül Romeva i Rueda" stays one.

    Split at the last conjunction whose right side is a full name (two words or more)
    and whose left side is one too.
    """
    tokens = piece.split()
    for k in range(len(tokens) - 2, 0, -1):
        if tokens[k] in conjunctions():
            left, right = tokens[:k], tokens[k + 1:]
            if len(left) >= 2 and len(right) >= 2 and _capitalised(right[0]):
                return [*_split_conjunction(" ".join(left)), " ".join(right)]
    return [piece]


def _split_honorifics(piece: str) -> list[str]:
    """"Mrs Morkūnaitė-Mikulėnienand Mr Tarand" -> two names: a courtesy title inside a
    piece starts a new name; a conjunction fused to the word before it (its space lost in
    the source) goes."""
    tokens = piece.split()
    cuts = [k for k, token in enumerate(tokens) if k > 0 and token in honorifics()]
    if not cuts:
        return [piece]
    names, start = [], 0
    for cut in [*cuts, len(tokens)]:
        part = tokens[start:cut]
        if part and cut < len(tokens):
            last = part[-1]
            for conj in sorted(conjunctions(), key=len, reverse=True):
                if last.endswith(conj) and len(last) > len(conj) + 2 and last[-len(conj) - 1].islower():
                    part = [*part[:-1], last[: -len(conj)]]
                    break
            if part[-1] in conjunctions():
                part = part[:-1]
        if part:
            names.append(" ".join(part))
        start = cut
    return names


def piece_names(piece: str) -> list[str] | None:
    """The names one comma-separated piece holds, None when it is not made of names.

    Leading conjunctions ("und Carlo Fidanza") are dropped.
    """
    words = piece.strip(" .-–—•*\t").split()
    while words and words[0] in conjunctions():
        words = words[1:]
    if not words:
        return []
    names = []
    for part in _split_honorifics(" ".join(words)):
        for name in _split_conjunction(part):
            if not looks_like_name(name):
                return None
            names.append(name)
    return names


def split_names(segment: str) -> list[str]:
    """Every name of a printed list segment ("A, B und C"), dropping what is not a name.

    Lower-case words before the first name ("déposée par Judith …") are an introduction.
    """
    segment = re.sub(r"\s+", " ", segment).strip()
    if ":" in segment:
        segment = segment.rsplit(":", 1)[1]  # "ki so ga predložili naslednji poslanci: ..."
    names: list[str] = []
    for piece in re.split(r"[,;]", segment):
        words = piece.strip(" .-–—•*\t").split()
        while words and (words[0] in conjunctions() or not _capitalised(words[0])):
            words = words[1:]
        found = piece_names(" ".join(words))
        if found:
            names.extend(found)
    return names
