"""Every person signature attributed to a roster member, or left unresolved with candidates.

In order, for each signature of an assembly that has a roster:

1. the document gives the member id itself (Open Data Portal authors): ``source_id``;
2. a hand fix names the member (``data/vocab/member_aliases.csv``): ``alias``;
3. another version of the same document lists member ids (the portal record of a text
   whose HTML prints the names): among those members, the one whose names agree with
   the printed name (``document_id``); then, per group, the one id and the one name left
   over, when exactly one of each is (``document_pairing``);
4. otherwise by name among the members whose mandate covers the statement's date: the
   printed family name must be theirs, then the candidates are narrowed by the printed
   country, then by the group they sat in on that date, then by given name or initial.
   One candidate left is accepted (``roster_name``, ``roster_initial``); a family name
   alone only when a printed country or group picked it (``roster_surname``) - never on
   the surname alone. Anything else stays ``unresolved``, with the candidates and why.

Then each resolved signature gains the member's names where the document printed only an
id, the country the member represented on that date, and the member's group on that date
when the document prints none.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from hemicycle.people.names import (
    FULL,
    GIVEN,
    INITIAL,
    PARTIAL,
    SURNAME,
    match_level,
    name_tokens,
    split_printed,
    tokens_agree,
)
from hemicycle.people.reference import ep_term_on, member_aliases

SOURCE_ID, DOCUMENT_ID, DOCUMENT_PAIRING, ALIAS = "source_id", "document_id", "document_pairing", "alias"
ROSTER_NAME, ROSTER_INITIAL, ROSTER_SURNAME = "roster_name", "roster_initial", "roster_surname"
UNRESOLVED = "unresolved"
ROSTER_METHODS = {SOURCE_ID: 1.0, DOCUMENT_ID: 1.0, ALIAS: 1.0, DOCUMENT_PAIRING: 0.9, ROSTER_NAME: 0.95,
                  ROSTER_INITIAL: 0.85, ROSTER_SURNAME: 0.75, UNRESOLVED: 0.0}
NO_ROSTER, NO_CANDIDATE, AMBIGUOUS, SURNAME_ONLY, COUNTRY_DISAGREES = (
    "no_roster", "no_candidate", "ambiguous", "surname_only", "country_disagrees")
_LEVEL_METHOD = {FULL: ROSTER_NAME, GIVEN: ROSTER_NAME, PARTIAL: ROSTER_NAME, INITIAL: ROSTER_INITIAL,
                 SURNAME: ROSTER_SURNAME}


@dataclass(frozen=True, slots=True)
class Held:
    """A period a member held something: a seat (with its country) or a group (its code)."""

    start: dt.date | None
    end: dt.date | None
    value: str | None
    term: int | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class MemberNames:
    given: tuple[str, ...]
    family: tuple[str, ...]
    given_name: str | None
    family_name: str | None
    name: str


class RosterIndex:
    """A roster ready for lookups: names by family word, seats and groups by member."""

    def __init__(self, members: pl.DataFrame, memberships: pl.DataFrame):
        self.names: dict[str, MemberNames] = {}
        self.mandates: dict[str, list[Held]] = defaultdict(list)
        self.groups: dict[str, list[Held]] = defaultdict(list)
        self._by_word: dict[str, set[str]] = defaultdict(set)
        self._wild_by_length: dict[int, list[tuple[str, str]]] = defaultdict(list)  # (word, member)
        for row in members.iter_rows(named=True):
            if row["recorded_from"] != "roster":
                continue
            names = MemberNames(name_tokens(row["given_name"]), name_tokens(row["family_name"]),
                                row["given_name"], row["family_name"], row["name"])
            self.names[row["member_id"]] = names
            for word in names.family:
                if "?" in word:
                    self._wild_by_length[len(word)].append((word, row["member_id"]))
                else:
                    self._by_word[word].add(row["member_id"])
        self._covered: dict[tuple[dt.date | None, int | None], bool] = {}
        for row in memberships.iter_rows(named=True):
            if row["kind"] == "mandate":
                self.mandates[row["member_id"]].append(
                    Held(row["start_date"], row["end_date"], row["country_code"], row["term"]))
            elif row["kind"] == "group" and row["organisation_code"]:
                self.groups[row["member_id"]].append(Held(row["start_date"], row["end_date"],
                                                          row["organisation_code"]))
        self._seat_periods = sorted({Held(h.start, h.end, None, h.term) for held in self.mandates.values()
                                     for h in held}, key=lambda h: (h.start or dt.date.min, h.term or 0))

    def __bool__(self) -> bool:
        return bool(self.names)

    def by_name(self, printed: tuple[str, ...]) -> dict[str, int]:
        """Every member the printed words could name, with how well they agree."""
        found: set[str] = set()
        for word in printed:
            found |= self._by_word.get(word, set())
            found.update(member for wild, member in self._wild_by_length.get(len(word), ())
                         if tokens_agree(word, wild))
        levels = {}
        for member in found:
            names = self.names[member]
            level = match_level(printed, names.given, names.family)
            if level is not None:
                levels[member] = level
        return levels

    def mandate(self, member: str, day: dt.date | None, term: int | None) -> Held | None:
        """The seat the member held on ``day`` (or, undated, during ``term``)."""
        for held in self.mandates.get(member, ()):
            if (day is not None and held.covers(day)) or (day is None and term is not None and held.term == term):
                return held
        return None

    def covers_date(self, day: dt.date | None, term: int | None) -> bool:
        """Whether the roster lists anyone holding a seat then (else it cannot judge)."""
        key = (day, term)
        if key not in self._covered:
            self._covered[key] = any(
                (day is not None and held.covers(day)) or (day is None and term is not None and held.term == term)
                for held in self._seat_periods)
        return self._covered[key]

    def country(self, member: str, day: dt.date | None, term: int | None) -> str | None:
        held = self.mandate(member, day, term)
        return held.value if held else None

    def group(self, member: str, day: dt.date | None) -> str | None:
        if day is None:
            return None
        held = [g for g in self.groups.get(member, ()) if g.covers(day)]
        return max(held, key=lambda g: g.start or dt.date.min).value if held else None


@dataclass
class Attribution:
    """What resolution decided for one signature."""

    member_id: str | None
    method: str
    reason: str | None = None
    candidates: tuple[str, ...] = ()
    level: int | None = None


@dataclass
class Signature:
    signatory_id: str
    statement_id: str
    date: dt.date | None
    term: int | None
    name: str
    country_code: str | None
    group_code: str | None
    person_ref: str | None
    tokens: tuple[str, ...] = field(default=())


def _by_roster(sig: Signature, index: RosterIndex, cache: dict[Any, Attribution]) -> Attribution:
    key = (sig.tokens, sig.date, sig.term, sig.country_code, sig.group_code)
    if key in cache:
        return cache[key]
    seated = {m: level for m, level in index.by_name(sig.tokens).items() if index.mandate(m, sig.date, sig.term)}
    cache[key] = found = _narrow(sig, index, seated)
    return found


def _narrow(sig: Signature, index: RosterIndex, seated: dict[str, int]) -> Attribution:
    if not seated:
        if not index.covers_date(sig.date, sig.term):
            return Attribution(None, UNRESOLVED, NO_ROSTER)
        return Attribution(None, UNRESOLVED, NO_CANDIDATE)
    pool, corroborated = dict(seated), False
    if sig.country_code:
        same = {m: v for m, v in pool.items() if index.country(m, sig.date, sig.term) == sig.country_code}
        if not same:
            return Attribution(None, UNRESOLVED, COUNTRY_DISAGREES, tuple(sorted(pool)))
        pool, corroborated = same, True
    if sig.group_code:  # the roster's group on that date, when it knows it
        same = {m: v for m, v in pool.items() if index.group(m, sig.date) == sig.group_code}
        if same:
            pool, corroborated = same, True
    if len(pool) > 1:
        top = max(pool.values())
        pool = {m: v for m, v in pool.items() if v == top}
    if len(pool) > 1:
        return Attribution(None, UNRESOLVED, AMBIGUOUS, tuple(sorted(pool)))
    member, level = next(iter(pool.items()))
    if level == SURNAME and not corroborated:
        return Attribution(None, UNRESOLVED, SURNAME_ONLY, (member,))
    return Attribution(member, _LEVEL_METHOD[level], level=level)


def _alias_table(source: str) -> dict[tuple[str, ...], list[Any]]:
    table: dict[tuple[str, ...], list[Any]] = defaultdict(list)
    for alias in member_aliases():
        if alias.source == source:
            table[name_tokens(alias.printed)].append(alias)
    return table


def _within_document(sigs: list[Signature], refs: dict[str, str | None], index: RosterIndex,
                     found: dict[str, Attribution]) -> None:
    """Names matched to the member ids another version of the same document lists."""
    taken = {found[s.signatory_id].member_id for s in sigs if s.signatory_id in found}
    for sig in sigs:
        if sig.signatory_id in found:
            continue
        levels = {}
        for member, group in refs.items():
            if member in taken or member not in index.names:
                continue
            if sig.group_code and group and group != sig.group_code:
                continue
            names = index.names[member]
            level = match_level(sig.tokens, names.given, names.family)
            if level is not None:
                levels[member] = level
        if levels:
            top = max(levels.values())
            best = [m for m, v in levels.items() if v == top]
            if len(best) == 1:
                found[sig.signatory_id] = Attribution(best[0], DOCUMENT_ID, level=top)
                taken.add(best[0])
    # per group: one id left and one name left are the same member
    left_names: dict[str | None, list[Signature]] = defaultdict(list)
    for sig in sigs:
        if sig.signatory_id not in found:
            left_names[sig.group_code].append(sig)
    left_ids: dict[str | None, list[str]] = defaultdict(list)
    for member, group in refs.items():
        if member not in taken:
            left_ids[group].append(member)
    for group, unnamed in left_names.items():
        ids = left_ids.get(group, [])
        if group is not None and len(unnamed) == 1 and len(ids) == 1:
            found[unnamed[0].signatory_id] = Attribution(ids[0], DOCUMENT_PAIRING)


def resolve(signatures: pl.DataFrame, index: RosterIndex, refs: pl.DataFrame, source: str,
            terms: dict[str, int] | None = None) -> dict[str, Attribution]:
    """Attribution of every person signature (``signatories`` columns) of one assembly.

    ``refs``: (statement_id, person_ref, group_code) of the member ids any version of a
    statement lists; ``terms``: the term of each statement, for undated ones."""
    terms = terms or {}
    aliases = _alias_table(source)
    listed: dict[str, dict[str, str | None]] = defaultdict(dict)
    for sid, ref, group in refs.select("statement_id", "person_ref", "group_code").iter_rows():
        if ref:
            listed[sid].setdefault(ref, group)
    by_statement: dict[str, list[Signature]] = defaultdict(list)
    for row in signatures.filter(pl.col("kind") == "person").select(
            "signatory_id", "statement_id", "date", "name", "country_code", "group_code",
            "person_ref").iter_rows(named=True):
        term = ep_term_on(row["date"]) if source == "ep" else None
        ref = row["person_ref"] or None
        sig = Signature(row["signatory_id"], row["statement_id"], row["date"],
                        term or terms.get(row["statement_id"]), row["name"], row["country_code"],
                        row["group_code"], ref, () if ref and row["name"] == ref else name_tokens(row["name"]))
        by_statement[sig.statement_id].append(sig)
    found: dict[str, Attribution] = {}
    cache: dict[Any, Attribution] = {}
    for sid, sigs in by_statement.items():
        for sig in sigs:
            if sig.person_ref:
                found[sig.signatory_id] = Attribution(sig.person_ref, SOURCE_ID)
                continue
            hits = [a.member_id for a in aliases.get(sig.tokens, []) if a.covers(sig.date)]
            if len(set(hits)) == 1:
                found[sig.signatory_id] = Attribution(hits[0], ALIAS)
        if sid in listed:
            _within_document(sigs, listed[sid], index, found)
        for sig in sigs:
            if sig.signatory_id not in found:
                found[sig.signatory_id] = _by_roster(sig, index, cache)
    return found


def split_names(name: str, member: MemberNames | None) -> tuple[str | None, str | None]:
    """Given and family name of a name printed whole, cut as the member's roster names are."""
    if member is None:
        return None, None
    return split_printed(name, member.given, member.family)

