"""The cue vocabulary (``data/vocab/stance_cues.csv``) compiled into patterns over folded words.

A pattern is a sequence of words as the vocabulary writes them: ``word`` matches that word,
``word*`` any word starting so, ``~`` skips up to five words, and ``{C}`` is a state named
there (a name or an adjective, any form ``hemicycle.stance.countries`` knows), whose code
the match binds. ``a|b`` in one cell gives two patterns.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter

from hemicycle.errors import VocabularyError
from hemicycle.stance.text import _WORD, Token, fold_word
from hemicycle.vocab import _read_csv

STANCE_KINDS = ("criticism", "praise", "solidarity", "neutral")
# Words of the frame around a cue: negations, calls on an addressee, what is demanded of it,
# words for a state's authorities, and the procedural phrases of urgency debates.
FRAME_KINDS = ("negation", "call", "demand", "authority", "procedure")
FUNCTION = "function"  # frequent words of a language: they tell which language a text is in
GAP = 5
SLOT = "{C}"
_SKIP = "~"


@dataclass(frozen=True, slots=True)
class Pattern:
    language: str
    kind: str
    text: str  # as written in the vocabulary
    elements: tuple[str, ...]  # folded words ("x*": by its start), SLOT or _SKIP

    @property
    def has_slot(self) -> bool:
        return SLOT in self.elements


@dataclass(frozen=True, slots=True)
class Match:
    pattern: Pattern
    first: int  # token indices, inclusive
    last: int
    codes: tuple[str, ...]  # states bound by {C}, in order


def _elements(text: str) -> tuple[str, ...]:
    elements: list[str] = []
    for part in text.split():
        if part in (SLOT, _SKIP):
            elements.append(part)
            continue
        words = [fold_word(w) for w in _WORD.findall(part)]
        if not words:
            raise VocabularyError(f"stance_cues.csv: no word in {part!r} of {text!r}")
        if part.endswith("*"):
            words[-1] += "*"
        elements.extend(words)
    if (elements[0] in (SLOT, _SKIP) and len(elements) == 1) or elements[0] == _SKIP or elements[-1] == _SKIP:
        raise VocabularyError(f"stance_cues.csv: pattern {text!r} starts or ends with a gap")
    return tuple(elements)


@dataclass(frozen=True)
class Lexicon:
    """Patterns of one language, indexed by their first element."""

    by_word: dict[str, tuple[Pattern, ...]]  # exact first word
    by_start: dict[str, tuple[Pattern, ...]]  # first three letters of a first word given by its start
    by_slot: tuple[Pattern, ...]  # patterns that start with {C}
    _by_any_word: dict[str, tuple[Pattern, ...]] = field(default_factory=dict, compare=False, repr=False)

    def candidates(self, word: str, at_mention: bool) -> Iterator[Pattern]:
        yield from self.word_candidates(word)
        if at_mention:
            yield from self.by_slot

    def word_candidates(self, word: str) -> tuple[Pattern, ...]:
        """The patterns whose first element ``word`` may be (not the slot): once per word,
        since the words of a language come back in every sentence."""
        found = self._by_any_word.get(word)
        if found is None:
            if len(self._by_any_word) > 200_000:
                self._by_any_word.clear()
            found = self._by_any_word[word] = (*self.by_word.get(word, ()), *(
                pattern for pattern in self.by_start.get(word[:3], ()) if word.startswith(pattern.elements[0][:-1])))
        return found


@functools.cache
def patterns() -> tuple[Pattern, ...]:
    found: list[Pattern] = []
    for row in _read_csv("stance_cues.csv"):
        kind = row["kind"]
        if kind == FUNCTION:
            continue
        if kind not in STANCE_KINDS + FRAME_KINDS:
            raise VocabularyError(f"stance_cues.csv: unknown kind {kind!r}")
        for text in row["pattern"].split("|"):
            if text.strip():
                found.append(Pattern(row["language"], kind, text.strip(), _elements(text.strip())))
    return tuple(found)


@functools.cache
def lexicon(language: str) -> Lexicon:
    """The patterns written for ``language`` (none for a language the vocabulary lacks)."""
    by_word: dict[str, list[Pattern]] = {}
    by_start: dict[str, list[Pattern]] = {}
    by_slot: list[Pattern] = []
    for pattern in patterns():
        if pattern.language != language:
            continue
        head = pattern.elements[0]
        if head == SLOT:
            by_slot.append(pattern)
        elif head.endswith("*"):
            by_start.setdefault(head[:3], []).append(pattern)
        else:
            by_word.setdefault(head, []).append(pattern)
    return Lexicon({k: tuple(v) for k, v in by_word.items()},
                   {k: tuple(v) for k, v in by_start.items()}, tuple(by_slot))


@functools.cache
def function_words() -> dict[str, frozenset[str]]:
    """Frequent words of each language, folded."""
    words: dict[str, set[str]] = {}
    for row in _read_csv("stance_cues.csv"):
        if row["kind"] == FUNCTION:
            words.setdefault(row["language"], set()).update(fold_word(w) for w in row["pattern"].split("|"))
    return {language: frozenset(w) for language, w in words.items()}


@functools.cache
def _languages_of_words() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for language, words in function_words().items():
        for word in words:
            found.setdefault(word, []).append(language)
    return {w: tuple(langs) for w, langs in found.items()}


def guess_language(tokens: list[Token], declared: str | None) -> str | None:
    """The language whose frequent words the text uses most; the declared one unless another
    is used at least twice as much (a page may say "lv" and print an English text)."""
    languages_of = _languages_of_words()
    counts = dict.fromkeys(function_words(), 0)
    for word, times in Counter(map(itemgetter(0), tokens)).items():  # each distinct word once
        for language in languages_of.get(word, ()):
            counts[language] += times
    best = max(counts, key=lambda language: counts[language], default=None)
    if best is None or counts[best] < 5:
        return declared
    if declared in counts and counts[declared] * 2 >= counts[best]:
        return declared
    return best


def _word_matches(element: str, word: str) -> bool:
    return word.startswith(element[:-1]) if element.endswith("*") else word == element


def match_at(pattern: Pattern, tokens: tuple[Token, ...], start: int,
             mention_end: dict[int, tuple[int, str]]) -> Match | None:
    """The shortest match of ``pattern`` starting at token ``start``; ``mention_end`` maps the
    first token of each state named in the sentence to (its last token, its code)."""
    elements = pattern.elements

    def walk(e: int, i: int, codes: tuple[str, ...]) -> tuple[int, tuple[str, ...]] | None:
        if e == len(elements):
            return i - 1, codes
        element = elements[e]
        if element == _SKIP:  # skips words, never a state: the slot binds the nearest one
            for skip in range(GAP + 1):
                if skip and i + skip - 1 in mention_end:
                    return None
                if (found := walk(e + 1, i + skip, codes)) is not None:
                    return found
            return None
        if i >= len(tokens):
            return None
        if element == SLOT:
            if i not in mention_end:
                return None
            last, code = mention_end[i]
            return walk(e + 1, last + 1, (*codes, code))
        return walk(e + 1, i + 1, codes) if _word_matches(element, tokens[i].word) else None

    found = walk(0, start, ())
    return Match(pattern, start, found[0], found[1]) if found else None
