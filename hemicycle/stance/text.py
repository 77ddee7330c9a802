"""Sentences and folded words of a statement, with their place in the text for evidence.

A stance is read in the sentence that names a state, so the text is cut into sentences
(and the clauses an assembly separates with semicolons: recitals, numbered paragraphs),
and each word is folded (lower case, no accents) as the cue vocabulary is written, while
keeping its offsets in the printed text so the evidence can be quoted verbatim.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from hemicycle.vocab import strip_combining

_WORD = re.compile(r"[^\W_]+")
# A sentence ends at . ! ? ; followed by white space, or at a blank line; a recital or
# paragraph label ("B.", "12.", "–") opening a line starts a new one.
# Every branch begins with a character (the punctuation, the line break), none with a
# look-behind, so the engine skips to the characters that can begin one; the piece before a
# cut may lose its final punctuation or line break, which holds no word.
_BOUNDARY = re.compile(r"[.!?;]\s+|\n\s*\n|\s(?=[–—•]\s)|\n\s*(?=(?:[A-Z]|\d{1,3})\.\s)")


@functools.lru_cache(maxsize=1 << 17)
def fold_word(word: str) -> str:
    """A word as the vocabulary writes it: case folded, accents stripped."""
    if word.isascii():
        return word.lower()
    folded = strip_combining(unicodedata.normalize("NFKD", word)).casefold()
    return folded.replace("ı", "i")


class Token(NamedTuple):
    """A tuple: statements hold millions of words, and a tuple is made several times faster
    than a frozen dataclass."""

    word: str  # folded
    start: int  # offsets in the piece of text the sentence was cut from (``Sentence.base``)
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    source: str  # the whole text the sentence was cut from (title or body)
    start: int  # offsets of its first and last word in ``source``
    end: int
    tokens: tuple[Token, ...]  # offsets relative to ``base``, so that equal pieces share them
    in_title: bool
    base: int = 0  # offset in ``source`` of the piece the tokens were read in

    @property
    def text(self) -> str:
        return self.source[self.start:self.end]

    def quote(self, first: int, last: int, words: int = 20) -> str:
        """The printed words from token ``first`` to token ``last`` (inclusive), widened to
        the sentence around them up to ``words`` words: the evidence of a finding."""
        first, last = max(first, 0), min(last, len(self.tokens) - 1)
        while last - first + 1 < words and (first > 0 or last < len(self.tokens) - 1):
            if last < len(self.tokens) - 1:
                last += 1
            if last - first + 1 < words and first > 0:
                first -= 1
        if last - first + 1 > words:
            last = first + words - 1
        base = self.base
        return " ".join(self.source[base + self.tokens[first].start:base + self.tokens[last].end].split())


@functools.lru_cache(maxsize=1 << 12)
def piece_tokens(piece: str) -> tuple[Token, ...]:
    """The folded words of one piece of text, offsets relative to it: once per distinct piece,
    since page furniture, boilerplate and signatory lines come back in document after document."""
    return tuple([Token(fold_word(m.group()), m.start(), m.end()) for m in _WORD.finditer(piece)])


class Piece(NamedTuple):
    """A sentence before it is made one: where it was cut, and its words."""

    source: str
    base: int  # offset of the piece in ``source``
    text: str  # the piece as cut
    tokens: tuple[Token, ...]  # relative to ``base``; never empty
    in_title: bool

    def sentence(self) -> Sentence:
        tokens, base = self.tokens, self.base
        return Sentence(self.source, base + tokens[0].start, base + tokens[-1].end, tokens, self.in_title, base)


def pieces(title: str | None, text: str | None) -> list[Piece]:
    """The title (one sentence per line) and the body cut into sentences, in order."""
    found: list[Piece] = []
    for source, in_title in ((title or "", True), (text or "", False)):
        pos = 0
        boundaries = [m.span() for m in (re.finditer(r"\n", source) if in_title
                                         else _BOUNDARY.finditer(source))]
        for cut_start, cut_end in [*boundaries, (len(source), len(source))]:
            piece = source[pos:cut_start]
            tokens = piece_tokens(piece)
            if tokens:
                found.append(Piece(source, pos, piece, tokens, in_title))
            pos = cut_end
    return found


def sentences(title: str | None, text: str | None) -> list[Sentence]:
    """The title (one sentence per line) and the body cut into sentences, in order."""
    return [piece.sentence() for piece in pieces(title, text)]
