"""Authors of EP motions from text: names grouped by the group they table for.

Lists read "Name, Name and Name on behalf of the X Group" in every language. The names of
a group are those printed since the previous group phrase on the same line (or on the line
before, when the phrase stands alone). Debate lines ("The following spoke: ...") name
speakers, not authors, and are skipped.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from hemicycle.parse.ep.phrases import (
    authors_intro,
    conjunctions,
    group_of,
    group_phrase_in,
    speakers_intro,
)

_REFERENCE = re.compile(r"\b(?:RC-)?B\d{1,2}[-‑]\d{4}/\d{4}\b")
_PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "des", "le", "la",
              "i", "y", "e", "zu", "ten", "ter", "in", "'t", "und", "dos", "das", "do", "af", "al"}


@dataclass(frozen=True)
class AuthorGroup:
    group_label: str | None  # as printed; None for authors tabling in their own name or a committee
    names: tuple[str, ...]
    reference: str | None  # motion reference printed with the group, if any


def _capitalised(token: str) -> bool:
    letters = [ch for ch in token if ch.isalpha()]
    return bool(letters) and letters[0].isupper()


@functools.lru_cache(maxsize=1 << 16)  # the same members are named in many texts
def looks_like_name(text: str) -> bool:
    """2-7 words, capitalised but for particles; no digits or sentence punctuation."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 7 or re.search(r"[\d:;!?()\[\]{}<>=|@/\\]", text):
        return False
    if len(tokens) == 1:
        return _capitalised(tokens[0]) and len(tokens[0]) > 2 and not tokens[0].isupper()
    return _capitalised(tokens[0]) and all(_capitalised(t) or _particle(t) for t in tokens)


def _particle(token: str) -> bool:
    """"van", "de", "'t", "ин": short lower-case words inside names, in any script."""
    letters = [ch for ch in token if ch.isalpha()]
    return token.casefold() in _PARTICLES or (0 < len(letters) <= 3 and all(ch.islower() for ch in letters))


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


def split_names(segment: str) -> list[str]:
    segment = re.sub(r"\s+", " ", segment).strip()
    if ":" in segment:
        segment = segment.rsplit(":", 1)[1]  # "ki so ga predložili naslednji poslanci: ..."
    names: list[str] = []
    for piece in re.split(r"[,;]", segment):
        piece = piece.strip(" .-–—•\t")
        words = piece.split()
        while words and (words[0] in conjunctions() or not _capitalised(words[0])):
            words = words[1:]  # "und Carlo Fidanza", "déposée par Judith ..."
        piece = " ".join(words)
        if not piece:
            continue
        for name in _split_conjunction(piece):
            if looks_like_name(name):
                names.append(name)
    return names


def _segment_before(text: str, start: int, floor: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    segment = text[max(line_start, floor):start]
    if segment.strip(" ,;.-\t") or line_start <= floor:
        return segment
    # the phrase stands on its own line: its names are on the line(s) just above
    above = text[floor:line_start].rstrip()
    last_line = above.rsplit("\n", 1)[-1]
    return last_line


def author_groups(text: str) -> list[AuthorGroup]:
    """Every (group, names) block in the text outside debate lines, in order."""
    groups: list[AuthorGroup] = []
    floor = 0
    for match in group_phrase_in(text).finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.start())
        line = text[line_start: line_end if line_end != -1 else len(text)]
        if speakers_intro().match(line):
            floor = match.end()
            continue
        segment = _segment_before(text, match.start(), floor)
        reference = None
        after = text[match.end(): match.end() + 40]
        ref = _REFERENCE.search(segment) or _REFERENCE.match(after.strip(" ,("))
        if ref:
            reference = ref.group(0).replace("‑", "-")
        names = split_names(_REFERENCE.sub(" ", segment))
        if names:
            groups.append(AuthorGroup(group_of(match), tuple(names), reference))
        floor = match.end()
    if groups:  # members who sign in no group's name come last, on a line of their own
        rest = text[floor:].lstrip(" ,;.\t").split("\n")
        following = next((line.strip() for line in rest if line.strip()), "")
        pieces = [p.strip() for p in following.split(",") if p.strip()]
        if pieces and all(looks_like_name(p) and len(p.split()) >= 2 for p in pieces):
            groups.append(AuthorGroup(None, tuple(pieces), None))
    return groups


def ungrouped_authors(text: str, after: int = 0) -> list[str]:
    """Authors of a motion tabled without group: the first line made only of names."""
    for line in text[after:].split("\n"):
        line = line.strip()
        if not line or len(line) > 600:
            continue
        pieces = [p.strip() for p in re.split(r"\s*,\s*", line) if p.strip()]
        if pieces and all(looks_like_name(p) and len(p.split()) >= 2 for p in pieces):
            return pieces
    return []


def item_authors(text: str, reference: str | None) -> list[str]:
    """Authors opening the minutes item that announces a motion tabled in no group's name.

    "– Philip Claeys, Koenraad Dillen und Frank Vanhecke. Entschließungsantrag … (B6-0035/2009)":
    the item's first sentence, when it is made only of names, lists the authors.
    """
    if not reference:
        return []
    for line in text.split("\n"):
        if reference not in line:
            continue
        first = line.strip().lstrip("–—-•* \t").split(". ", 1)[0]
        pieces = [p for p in re.split(r"[,;]", first) if p.strip()]
        names = [split_names(piece) for piece in pieces]
        if pieces and all(found and all(len(n.split()) >= 2 for n in found) for found in names):
            return [name for found in names for name in found]
    return []


def introduced_authors(text: str) -> list[str]:
    """Names after "signée par" / "signed by"... on the lines that carry such a phrase."""
    names: list[str] = []
    for line in text.split("\n"):
        pieces = authors_intro().split(line)
        if len(pieces) > 1:
            for piece in pieces[1:]:
                names.extend(split_names(piece.split(". ")[0]))
    return names
