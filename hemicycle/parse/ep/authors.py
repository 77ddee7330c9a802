"""Authors of EP motions from text: names grouped by the group they table for.

Lists read "Name, Name and Name on behalf of the X Group" in every language. The text is
cut into sentences; in each, the names of a group are read back from its phrase through
the pieces between separators while they are names, across line breaks (a PDF wraps long
lists; page footers are removed beforehand). The first piece of a list may carry its
introduction ("déposée par", "… poslanci:") or the lines above it (a heading).

A sentence names debate speakers, not authors, when
* its words before the names introduce speakers ("The following spoke:", "Es sprechen",
  "Изказаха се:", in any official language), or
* it has the shape of a speakers' line: one name before each group phrase, and a group
  named twice, or members in no group's name after the last one ("A, on behalf of X, B,
  on behalf of Y, C and D."), or
* the text announces its motions with their references ("… (B9-0358/2022);") and this
  sentence gives none: minutes list the authors of a motion with its reference, and the
  other sentences are statements and debates.

What the reading skipped is kept as evidence for the self-checks (``checks``): names above
where a list broke, pieces that look like names but could not be read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hemicycle.parse.ep.names import looks_like_name, piece_names, split_names
from hemicycle.parse.ep.phrases import (
    authors_intro,
    conjunctions,
    document_types,
    group_of,
    group_phrase_in,
    resolution_opening,
    speakers_intro,
)
from hemicycle.vocab import name_particles

REFERENCE = re.compile(r"\b(?:RC-)?B\d{1,2}[-‑]\d{4}/\d{4}(?!\d)")
# a sentence ends at a line that ends with . ; ! ? or at ". " inside a line, unless the
# full stop closes an initial ("Jakop G. Dalunde") or an ordinal ("zum 50. Jahrestag")
_SENTENCE_END = re.compile(r"[.;!?][ \t]*\n|(?<!\b\w)(?<!\d)\.[ \t]+(?=[\"„“«(–—-]?[A-ZÀ-ÞΑ-ΩА-Я])")
_BULLET = " \t,;.:-–—•*"


@dataclass(frozen=True)
class AuthorGroup:
    group_label: str | None  # as printed; None for authors tabling in their own name or a committee
    names: tuple[str, ...]
    reference: str | None  # motion reference printed with the group, if any
    start: int = 0  # where the group phrase stands in the text
    end: int = 0  # where it ends
    names_start: int = 0  # where its first name stands
    subject: str | None = None  # in minutes, what the motion is about (printed after its authors)


@dataclass
class AuthorReading:
    """Author blocks of a text and the evidence of what the reading could not take in."""

    groups: list[AuthorGroup] = field(default_factory=list)
    # (motion reference or None, what): entries that look like names, left out; group
    # phrases with no name read before them
    unread: list[tuple[str | None, str]] = field(default_factory=list)
    empty_phrases: list[tuple[str | None, str]] = field(default_factory=list)
    speaker_sentences: int = 0  # sentences set aside as debate speakers or statements


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text`` (a list wrapped over lines stays one sentence)."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


@dataclass
class _Block:
    label: str | None
    start: int
    end: int
    names: list[str]
    phrase: str
    names_start: int = 0


def _looks_listed(line: str) -> bool:
    """A line that is part of a list of names: two or more multi-word names in it."""
    pieces = [p.strip(_BULLET) for p in re.split(r"[,;]", line) if p.strip(_BULLET)]
    named = [p for p in pieces if len(p.split()) >= 2 and looks_like_name(p)]
    return len(named) >= 2


def _first_names(piece: str) -> tuple[list[str], int]:
    """Names ending the first piece of a list, and where they start in it.

    The piece holds what precedes the list too, on lines above (a heading, a reference)
    or on the same line: an introduction ("déposée par Judith Sargentini", "… poslanci:
    José Ignacio …"). Only the piece's last line can hold names.
    """
    stripped = piece.rstrip()
    paragraph = stripped.rfind("\n\n") + 1
    if ":" in stripped[paragraph:]:  # "… naslednji poslanci: José Ignacio Salafranca / Sánchez-Neyra"
        colon = stripped.rindex(":") + 1
        found = piece_names(" ".join(stripped[colon:].split()))
        if found:
            return found, colon + len(stripped[colon:]) - len(stripped[colon:].lstrip())
    at = stripped.rfind("\n") + 1
    line = stripped[at:]
    if ":" in line:
        at += line.rindex(":") + 1
        line = stripped[at:]
    words = line.split()
    lead = 0
    while lead < len(words) and (words[lead] in conjunctions() or not words[lead][:1].isupper()):
        lead += 1
    if lead and not all(w.isalpha() for w in words[:lead] if w not in _BULLET):
        return [], len(piece)
    found = piece_names(" ".join(words[lead:]))
    if not found:
        return [], len(piece)
    return found, at + (line.index(words[lead]) if lead < len(words) else 0)


def _read_segment(text: str, start: int, end: int, reading: AuthorReading) -> tuple[list[str], int]:
    """The names printed before a group phrase, between ``start`` and ``end``, read back
    from the phrase while the pieces between separators are names (a list wrapped over
    lines reads on), and where the first of them starts."""
    pieces = [(m.start() + start, m.group(0)) for m in re.finditer(r"[^,;]+", text[start:end])]
    collected: list[str] = []
    first = end
    for k in range(len(pieces) - 1, -1, -1):
        offset, piece = pieces[k]
        if not piece.strip(_BULLET):
            continue
        paragraphs = re.split(r"\n[ \t]*\n", piece.strip())
        found = piece_names(" ".join(piece.split())) if len(paragraphs) == 1 else None
        if found is not None:
            collected[:0] = found
            first = offset + len(piece) - len(piece.lstrip())
            continue
        names, at = _first_names(piece)
        collected[:0] = names
        if names:
            first = offset + at
        above = [line for line in text[max(start, offset + at - 600):offset + at].split("\n")[:-1] if line.strip()]
        if collected and any(_looks_listed(line) for line in above[-3:]):
            shown = " ".join(piece.split())[:60]
            reading.unread.append((None, f"names above {shown!r}, where the list broke"))
        last_line = piece.rstrip().rsplit("\n", 1)[-1]
        if _signatory_like(last_line):
            reading.unread.append((None, f"entry {' '.join(last_line.split())[:60]!r} not read as a name"))
        break
    return collected, first


def _signatory_like(piece: str) -> bool:
    """A piece that reads like a member's name although it is not one as printed:
    two capitalised words with markup, brackets or digits stuck to them."""
    words = re.findall(r"[^\W\d_][^\s,;]*", piece)
    caps = [w for w in words if w[0].isupper() and not w.isupper()]
    return len(caps) >= 2 and len(caps) >= len(words) - 1 and bool(re.search(r"[<>{}\[\]()\d]", piece))


def _is_speakers(text: str, span: tuple[int, int], blocks: list[_Block]) -> bool:
    head = text[max(span[0], blocks[0].start - 400):blocks[0].start]
    if speakers_intro().search(head):
        return True
    if len(blocks) >= 2 and all(len(b.names) == 1 for b in blocks):
        # one name per group, and a group named twice (a debate gives a group the floor
        # again, a motion lists it once), or members in no group's name after the last
        # group on the same line, ending the sentence
        labels = [b.label for b in blocks]
        if len(set(labels)) < len(labels):
            return True
        tail = text[blocks[-1].end:span[1]]
        line = tail.split("\n", 1)[0]
        return bool(line.lstrip().startswith(",") and split_names(line)
                    and re.search(r"[.;]\s*$", line) is not None)
    return False


def _trailing_reference(text: str, end: int, span_end: int) -> str | None:
    """The motion reference printed after the last group of a sentence ("… (B9-0358/2022);")."""
    found = REFERENCE.search(text, end, span_end)
    return found.group(0).replace("‑", "-") if found else None


def read_authors(text: str, phrase: re.Pattern[str] | None = None) -> AuthorReading:
    """Every (group, names) block in the text outside debate lines, in order.

    ``phrase``: the group phrase narrowed to the text, when the caller has it already.
    """
    reading = AuthorReading()
    matches = list((phrase or group_phrase_in(text)).finditer(text))
    if not matches:
        return reading
    units: list[tuple[tuple[int, int], list[_Block], str | None, list[tuple[str | None, str]]]] = []
    spans = sentences(text)
    k = 0
    for span in spans:
        blocks: list[_Block] = []
        while k < len(matches) and matches[k].start() < span[1]:
            match = matches[k]
            k += 1
            if match.start() < span[0]:
                continue
            blocks.append(_Block(group_of(match), match.start(), match.end(), [], match.group(0)))
        if not blocks:
            continue
        floor = span[0]
        scratch = AuthorReading()
        for block in blocks:
            block.names, block.names_start = _read_segment(text, floor, block.start, scratch)
            floor = block.end
        if _is_speakers(text, span, blocks):
            reading.speaker_sentences += 1
            continue
        units.append((span, blocks, _trailing_reference(text, blocks[-1].end, span[1]), scratch.unread))
    if any(unit[2] for unit in units):
        kept = [unit for unit in units if unit[2]]
        reading.speaker_sentences += len(units) - len(kept)
        units = kept
    for span, blocks, trailing, unread in units:
        reading.unread.extend((trailing, message) for _, message in unread)
        subject = None
        found = REFERENCE.search(text, blocks[-1].end, span[1]) if trailing else None
        if found:
            subject = text[blocks[-1].end:found.start()]
        for block in blocks:
            if not block.names:
                reading.empty_phrases.append((trailing, block.phrase))
                continue
            segment = text[span[0]:block.start]
            inline = REFERENCE.findall(segment.split("\n")[-1])
            reference = trailing or (inline[-1].replace("‑", "-") if inline else None)
            reading.groups.append(AuthorGroup(block.label, tuple(block.names), reference, block.start,
                                              block.end, block.names_start, subject))
    return reading


def ungrouped_after(text: str, end: int) -> tuple[list[str], int]:
    """Members who sign in no group's name: the line of names right after the last group,
    and where that line ends.

    Never the resolution's opening words ("The European Parliament,"), never a heading.
    """
    start = end + len(text[end:]) - len(text[end:].lstrip(" ,;.\t\n"))
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    following = text[start:line_end].strip()
    if not following or resolution_opening().match(following) or following.endswith((".", ":")):
        return [], end
    if not text[line_end:].strip():
        return [], end  # the text stops on this line: a list cut short, not a list that ended
    names: list[str] = []
    for piece in following.split(","):
        found = piece_names(piece) if piece.strip() else []
        if not found or any(len(n.split()) < 2 for n in found):
            return [], end
        names.extend(found)
    return names, line_end


def ungrouped_authors(text: str, after: int = 0) -> tuple[list[str], int]:
    """Authors of a motion tabled without group: the first line made only of names, and
    where it starts."""
    offset = after
    for line in text[after:].split("\n"):
        start, offset = offset, offset + len(line) + 1
        line = line.strip()
        if not line or len(line) > 600 or resolution_opening().match(line):
            continue
        pieces = [p.strip() for p in re.split(r"\s*,\s*", line) if p.strip()]
        names: list[str] = []
        for piece in pieces:
            found = piece_names(piece)
            if not found or any(len(n.split()) < 2 for n in found):
                names = []
                break
            names.extend(found)
        if names:
            return names, start
    return [], -1


def item_authors(text: str, reference: str) -> tuple[list[str], str | None]:
    """Authors opening the minutes item that announces a motion tabled in no group's name,
    and what the motion is about.

    "– Philip Claeys, Koenraad Dillen und Frank Vanhecke. Entschließungsantrag … (B6-0035/2009)":
    the item's first sentence, when it is made only of names, lists the authors; the next
    one, up to the reference, names the motion. The item starts at its dash, or at the
    start of the line.
    """
    at = text.find(reference)
    while at >= 0:
        line_start = text.rfind("\n", 0, at) + 1
        dash = max(text.rfind("\n–", 0, at), text.rfind("\n-", 0, at), text.rfind("\n—", 0, at))
        start = dash + 1 if dash >= 0 and at - dash < 800 and "\n\n" not in text[dash:at] else line_start
        head = " ".join(text[start:at].split()).lstrip("–—-•* ")
        first, _, rest = head.partition(". ")
        pieces = [p for p in re.split(r"[,;]", first) if p.strip()]
        names = [split_names(piece) for piece in pieces]
        if rest and pieces and all(found and all(len(n.split()) >= 2 for n in found) for found in names):
            return [name for found in names for name in found], rest.rstrip(" (")
        at = text.find(reference, at + 1)
    return [], None


@dataclass(frozen=True)
class IntroducedList:
    names: tuple[str, ...]
    line: str  # the line that introduces them
    doc_type: str | None  # the document type it names ("written_declaration"), if any


def _introduced_names(part: str) -> list[str]:
    """The names a list introduced by "submitted by" starts with: up to the first piece
    that is not a name, or the first lower-case word after a name ("… and Mr Tarand on
    Cleanup in Europe")."""
    names: list[str] = []
    for piece in re.split(r"[,;]", part.lstrip(" :\t")):
        words = piece.split()
        cut = next((i for i, w in enumerate(words) if i and w[:1].islower()
                    and w not in conjunctions() and w.casefold() not in name_particles()), None)
        got = piece_names(" ".join(words[:cut]).rstrip("."))
        if not got:
            break
        names.extend(got)
        if cut is not None or piece.rstrip().endswith("."):
            break
    return names


def introduced_authors(text: str) -> list[IntroducedList]:
    """Names after "signée par" / "submitted by"..., on lines that name a motion or a
    written declaration (elsewhere such words introduce rapporteurs and speakers)."""
    found = []
    for line in text.split("\n"):
        parts = authors_intro().split(line)
        if len(parts) < 2:
            continue
        kind = next((doc_type for doc_type, _, pattern in document_types() if pattern.search(line)), None)
        if kind is None:
            continue
        names = [name for part in parts[1:] for name in _introduced_names(part)]
        if names:
            found.append(IntroducedList(tuple(names), line, kind))
    return found
