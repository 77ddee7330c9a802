"""Findings of the rules in each sentence: which cue says what of which state.

A cue speaks of the states the sentence names. A pattern with a slot (``aggression against
{C}``) speaks of the state in the slot only; that state, named as a victim, is not the one
a free cue of the same sentence (``condemn``) blames. A call (``calls on the Russian
authorities to release``) makes its addressees criticised when what follows is a demand,
and otherwise leaves them out of the sentence's stance: a state asked to help is a third
party. A negation just before a free cue cancels it. A sentence with a cue and no state is
kept aside: it speaks of the statement's one target, when it has one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

from hemicycle.stance.countries import Mention, mentions_in
from hemicycle.stance.cues import STANCE_KINDS, Lexicon, Match, lexicon, match_at
from hemicycle.stance.text import Piece, Sentence, Token, piece_tokens

NEGATION_REACH = 3  # words before a cue a negation may stand
ADDRESSEE_REACH = 8  # words after a call where its addressee is named
DEMAND_REACH = 6  # words after the addressee where the demand stands ("the Kazakh authorities to release")
AUTHORITY_REACH = 3  # words between a state's name and the word for its authorities
ADJACENT = 2  # words between a state's name and a cue after it that speaks of it


class Finding(NamedTuple):
    """One cue read as a stance toward one state, or toward no named state (code None).

    A tuple: one is made for every cue of every sentence that names a state."""

    code: str | None
    stance: str
    sentence: Sentence
    first: int  # tokens of the evidence, inclusive
    last: int
    via: str  # how the cue reaches the state: slot, call, adjacent, sentence, or unbound (no state named)

    @property
    def binds(self) -> bool:
        """The cue itself points at the state (not only the sentence it shares with it)."""
        return self.via in ("slot", "call", "adjacent")


@dataclass(frozen=True)
class SentenceReading:
    sentence: Sentence
    mentions: tuple[Mention, ...]
    findings: tuple[Finding, ...]
    authorities: frozenset[str]  # states named beside a word for their authorities
    procedural: bool  # an urgency-debate phrase


# (code, stance, first, last, via) of a Finding, without its sentence
_Found = tuple[str | None, str, int, int, str]


@dataclass(frozen=True, slots=True)
class _WordsReading:
    """What a sentence's words say, whichever sentence prints them."""

    mentions: tuple[Mention, ...]
    findings: tuple[_Found, ...]
    authorities: frozenset[str]
    procedural: bool


def _matches(tokens: tuple[Token, ...], lex: Lexicon, found: list[Mention]) -> list[Match]:
    mention_end = {m.first: (m.last, m.code) for m in found}
    result = []
    for i, token in enumerate(tokens):
        candidates = lex.word_candidates(token.word)
        if i in mention_end:
            candidates = (*candidates, *lex.by_slot)
        for pattern in candidates:
            if (hit := match_at(pattern, tokens, i, mention_end)) is not None:
                result.append(hit)
    return result


def read_sentence(sentence: Sentence, language: str) -> SentenceReading:
    return _reading(sentence, _read_words(sentence.text, language))


def read_telling(piece: Piece, language: str) -> SentenceReading | None:
    """``read_sentence`` of a piece, or None when it names no state and holds no cue: such a
    reading weighs nothing in a decision (most sentences of a page are of this kind)."""
    read = _read_words(piece.text, language)
    return _reading(piece.sentence(), read) if read.mentions or read.findings or read.procedural else None


def _reading(sentence: Sentence, read: _WordsReading) -> SentenceReading:
    return SentenceReading(sentence, read.mentions,
                           tuple(Finding(code, stance, sentence, first, last, via)
                                 for code, stance, first, last, via in read.findings),
                           read.authorities, read.procedural)


@functools.lru_cache(maxsize=1 << 12)
def _read_words(piece: str, language: str) -> _WordsReading:
    """Read once per distinct sentence: the rules see only its words (the same sentences come
    back in document after document: page furniture, boilerplate, signatory lines)."""
    tokens = piece_tokens(piece)
    found = mentions_in(tokens, language)
    hits = _matches(tokens, lexicon(language), found)
    by_kind: dict[str, list[Match]] = {}
    for hit in hits:
        by_kind.setdefault(hit.pattern.kind, []).append(hit)
    negations = {h.first for h in by_kind.get("negation", [])}
    findings: list[_Found] = []
    victims: set[str] = set()
    third_parties: set[str] = set()

    for call in by_kind.get("call", []):
        addressees = [m for m in found if call.last < m.first <= call.last + ADDRESSEE_REACH]
        demands = [d for d in by_kind.get("demand", [])
                   if addressees and addressees[-1].last < d.first <= addressees[-1].last + DEMAND_REACH]
        for m in addressees:
            if demands:
                findings.append((m.code, "criticism", call.first, demands[0].last, "call"))
            else:
                third_parties.add(m.code)
        if not addressees:  # "demands the release of ...": a demand to whoever holds them
            demand = next((d for d in by_kind.get("demand", [])
                           if call.last < d.first <= call.last + ADDRESSEE_REACH), None)
            if demand is not None and not any(n in (call.first - 1, call.first - 2) for n in
                                              {h.first for h in by_kind.get("negation", [])}):
                codes: list[str | None] = [m.code for m in found] or [None]
                for code in codes:
                    findings.append((code, "criticism", call.first, demand.last,
                                     "sentence" if code else "unbound"))
    for kind in STANCE_KINDS:
        for hit in by_kind.get(kind, []):
            for code in hit.codes:
                findings.append((code, kind, hit.first, hit.last, "slot"))
                if kind == "solidarity":
                    victims.add(code)
    free_codes = [m for m in found if m.code not in victims and m.code not in third_parties]
    for kind in STANCE_KINDS:
        for hit in by_kind.get(kind, []):
            if hit.pattern.has_slot or any(hit.first - NEGATION_REACH <= n < hit.first for n in negations):
                continue
            if not found:
                findings.append((None, kind, hit.first, hit.last, "unbound"))
            for m in free_codes:
                if kind == "solidarity":  # a victim is named in the slot, never by a free cue
                    continue
                first, last = min(hit.first, m.first), max(hit.last, m.last)
                near = 0 <= hit.first - m.last - 1 <= ADJACENT  # "Russian occupants", "Russia's aggression"
                findings.append((m.code, kind, first, last, "adjacent" if near else "sentence"))
    authorities = frozenset(
        m.code for m in found for a in by_kind.get("authority", [])
        if -AUTHORITY_REACH <= a.first - m.last <= AUTHORITY_REACH or
        -AUTHORITY_REACH <= m.first - a.last <= AUTHORITY_REACH)
    return _WordsReading(tuple(found), tuple(findings), authorities, bool(by_kind.get("procedure")))
