"""What a statement is about: the states named in its title and body.

A state counts when its name (English or French, any alias) or an adjective of it
(``data/vocab/country_adjectives.csv``) stands in the title, or at least twice in the body.
Signatory lists are not part of the body: parsers leave them out of ``ParsedStatement.text``.

A state's one-word name is a proper noun in every language of the sources: printed in lower
case it is a common word ("réunion", a meeting), not the state. A name that is also a given name
(``data/vocab/given_name_forms.csv``: "Dominique", "Jordan") printed right before a
capitalised word is a person ("Dominique Baudis"), not the state.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from itertools import compress

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


@functools.cache
def _adjectives() -> frozenset[str]:
    """Folded adjectives: unlike names, written in lower case in French, Spanish, Italian..."""
    return frozenset(fold(row["form"]) for row in _read_csv("country_adjectives.csv")) - frozenset(
        name for name in CountryVocabulary.load()._index)


@functools.cache
def _given_names() -> frozenset[str]:
    return frozenset(fold(row["form"]) for row in _read_csv("given_name_forms.csv"))


_PRINTED_WORD = re.compile(r"[^\W_]+")


def _printed_words(token: str) -> list[str]:
    """The words of a printed token, case kept (folding splits it the same way: checked)."""
    return [token] if token.isalnum() else _PRINTED_WORD.findall(token)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _names_the_state(tokens: list[str], k: int, j: int, form: str, length: int) -> bool:
    """Whether the form found at word ``j`` of token ``k`` stands for the state: a name
    printed with its capital, and a given name not followed by a surname. When the printed
    token does not split into the same words as its folded form, it is taken as found."""
    printed = _printed_words(tokens[k])
    if len(printed) != len(_TOKEN_WORDS[tokens[k]]):
        return True
    if length == 1 and form not in _adjectives() and not _capitalised(printed[j]):
        return False  # longer names may begin with a small article: "the former Yugoslav..."
    if length == 1 and form in _given_names():
        if j + 1 < len(printed):
            return not _capitalised(printed[j + 1])
        if tokens[k][-1:].isalpha() and k + 1 < len(tokens):
            return not _capitalised(tokens[k + 1])
    return True


@functools.cache
def _by_second_word() -> tuple[dict[str, dict[str, tuple[int, ...]]], dict[str, tuple[int, ...]]]:
    """For each first word: the lengths (longest first) of the forms of two words or more
    that begin with it, by their second word; and (1,) when the word is a form itself."""
    forms, starts = _forms()
    after: dict[str, dict[str, set[int]]] = {}
    for form in forms:
        words = form.split(" ")
        if len(words) > 1:
            after.setdefault(words[0], {}).setdefault(words[1], set()).add(len(words))
    lengths = {first: {second: tuple(sorted(n, reverse=True)) for second, n in seconds.items()}
               for first, seconds in after.items()}
    return ({first: lengths.get(first, {}) for first in starts},
            {first: (1,) if first in forms else () for first in starts})


def _next_word(tokens: list[str], k: int) -> str:
    """The first word of the tokens from ``k`` on ("" after the last: no form goes on)."""
    while k < len(tokens):
        words = _TOKEN_WORDS[tokens[k]]
        if words:
            return words[0]
        k += 1
    return ""


def _words(folded: str) -> list[str]:
    """The words of a folded text, any separator but a single space standing as a barrier."""
    if folded.replace(" ", "").isalnum():  # letters and digits only: spaces are the only separators
        return folded.split(" ")
    return _NOT_WORDS.sub(_BARRIER, folded).split()


_TOKEN_WORDS: dict[str, tuple[str, ...]] = {}  # a printed token -> its folded words
_TOKEN_STARTS: dict[str, bool] = {}  # a printed token -> one of its words may begin a form


def _fold_tokens(tokens: list[str]) -> None:
    """Fold the tokens not seen before (the words of a language come back in every text)."""
    new = set(tokens).difference(_TOKEN_WORDS)
    if not new:
        return
    if len(_TOKEN_WORDS) + len(new) > 200_000:
        _TOKEN_WORDS.clear()
        _TOKEN_STARTS.clear()
        new = set(tokens)
    starts = _forms()[1]
    for token in new:
        words = _TOKEN_WORDS[token] = tuple(_words(fold(token)))
        _TOKEN_STARTS[token] = any(word in starts for word in words)


def _mentions(text: str | None) -> Counter[str]:
    """Whole-word occurrences of the forms in the folded text, longest form first at each
    word; a form found covers its words, reading on after it.

    Forms are words joined by single spaces, and so must the words of the text be: any
    other separator becomes a barrier word no form contains.

    Folding and the separators act on each character alone, so the words of a text are
    those of its white-space separated tokens in turn: each distinct token is folded once
    (``_fold_tokens``), and only the tokens holding a word that may begin a form are read.
    A word is placed by (token, rank of the word in the token).
    """
    if not text:
        return Counter()
    forms, starts = _forms()
    lengths_after, single = _by_second_word()
    tokens = text.split()
    _fold_tokens(tokens)
    words_of = _TOKEN_WORDS
    found: Counter[str] = Counter()
    free = (0, 0)  # the first word not covered by a form found
    for k in compress(range(len(tokens)), map(_TOKEN_STARTS.__getitem__, tokens)):
        own = words_of[tokens[k]]
        for j, word in enumerate(own):
            if word not in starts or (k, j) < free:
                continue
            second = own[j + 1] if j + 1 < len(own) else _next_word(tokens, k + 1)
            for length in (*lengths_after[word].get(second, ()), *single[word]):
                phrase = own[j:j + length]
                end, last = (k, j + length), k
                while len(phrase) < length and last + 1 < len(tokens):
                    last += 1
                    more = words_of[tokens[last]][: length - len(phrase)]
                    phrase += more
                    end = (last, len(more))
                if len(phrase) == length and (joined := " ".join(phrase)) in forms:
                    if _names_the_state(tokens, k, j, joined, length):
                        found[forms[joined]] += 1
                    free = end
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


def country_forms() -> dict[str, str]:
    """Every folded name and adjective subject tagging knows -> ISO code."""
    return dict(_forms()[0])
