"""Vocabularies about people: EP terms and seats, roster corrections, hand fixes, links.

Each is a versioned CSV file in ``data/vocab`` with its sources cited; this module only
reads them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from hemicycle.errors import VocabularyError
from hemicycle.vocab import _date, _read_csv


@dataclass(frozen=True, slots=True)
class Term:
    number: int
    first_day: dt.date
    last_day: dt.date | None  # None while the term runs

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day and (self.last_day is None or day <= self.last_day)


@functools.cache
def ep_terms() -> tuple[Term, ...]:
    """The European Parliament's terms (data/vocab/ep_terms.csv), in order."""
    terms = []
    for row in _read_csv("ep_terms.csv"):
        first = _date(row["first_day"])
        if first is None:
            raise VocabularyError(f"term {row['term']} has no first day")
        terms.append(Term(int(row["term"]), first, _date(row["last_day"])))
    return tuple(sorted(terms, key=lambda t: t.number))


def ep_term(number: int) -> Term | None:
    return next((t for t in ep_terms() if t.number == number), None)


def ep_term_on(day: dt.date | None) -> int | None:
    """The EP term running on ``day``."""
    if day is None:
        return None
    return next((t.number for t in ep_terms() if t.covers(day)), None)


@dataclass(frozen=True, slots=True)
class SeatPeriod:
    valid_from: dt.date
    valid_to: dt.date | None
    seats: dict[str, int]  # ISO 3166-1 alpha-2 -> seats

    def overlaps(self, first: dt.date, last: dt.date | None) -> bool:
        return (last is None or self.valid_from <= last) and (self.valid_to is None or first <= self.valid_to)


@functools.cache
def ep_seat_periods() -> tuple[SeatPeriod, ...]:
    """Seats per member state of each allocation in force since 2004 (data/vocab/ep_seats.csv)."""
    periods: dict[tuple[dt.date, dt.date | None], dict[str, int]] = {}
    for row in _read_csv("ep_seats.csv"):
        start = _date(row["valid_from"])
        if start is None:
            raise VocabularyError(f"seat row for {row['iso2']} has no start")
        periods.setdefault((start, _date(row["valid_to"])), {})[row["iso2"]] = int(row["seats"])
    return tuple(SeatPeriod(a, b, seats) for (a, b), seats in sorted(periods.items(), key=lambda kv: kv[0][0]))


def seats_in_term(number: int) -> dict[str, tuple[int, int]] | None:
    """Per country, (fewest, most) seats it held during the term; None when the vocabulary
    does not cover the whole term (terms before 2004)."""
    term = ep_term(number)
    if term is None:
        return None
    periods = [p for p in ep_seat_periods() if p.overlaps(term.first_day, term.last_day)]
    if not periods or periods[0].valid_from > term.first_day:
        return None
    found: dict[str, list[int]] = {}
    for period in periods:
        for iso2, seats in period.seats.items():
            found.setdefault(iso2, []).append(seats)
    return {iso2: (min(values), max(values)) for iso2, values in found.items()}


@dataclass(frozen=True, slots=True)
class RosterCorrection:
    """A value a roster file writes wrongly, and what it stands for."""

    url_pattern: re.Pattern[str]  # the roster files it applies to
    column: str
    as_written: str
    corrected: str
    terms: frozenset[int]


def _terms(spec: str) -> frozenset[int]:
    numbers: set[int] = set()
    for part in spec.split(";"):
        low, _, high = part.strip().partition("-")
        numbers.update(range(int(low), int(high or low) + 1))
    return frozenset(numbers)


@functools.cache
def roster_corrections() -> tuple[RosterCorrection, ...]:
    return tuple(RosterCorrection(re.compile(row["url_pattern"]), row["column"], row["as_written"],
                                  row["corrected"], _terms(row["terms"]))
                 for row in _read_csv("roster_corrections.csv"))


@dataclass(frozen=True, slots=True)
class MemberAlias:
    """A hand fix: a printed name the matching rules cannot read, and the member it is."""

    source: str
    printed: str
    member_id: str
    first_day: dt.date | None
    last_day: dt.date | None

    def covers(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.first_day is None or self.first_day <= day) and (self.last_day is None or day <= self.last_day)


@functools.cache
def member_aliases() -> tuple[MemberAlias, ...]:
    return tuple(MemberAlias(row["source"], row["printed"], row["member_id"], _date(row["first_day"]),
                             _date(row["last_day"]))
                 for row in _read_csv("member_aliases.csv"))


@dataclass(frozen=True, slots=True)
class PersonLink:
    """A person of one assembly who is a member of another, with the evidence."""

    source: str  # the assembly whose printed person is linked
    family_name: str
    given_name: str
    country_code: str
    member_id: str  # the member it is, e.g. ep:197514
    evidence: str  # "wikidata" (a shared QID) or "curated"
    evidence_value: str  # the QID, or what the sources say
    citation: str


@functools.cache
def person_links() -> tuple[PersonLink, ...]:
    links = []
    for row in _read_csv("person_links.csv"):
        if row["evidence"] not in ("wikidata", "curated"):
            raise VocabularyError(f"link of {row['family_name']} has unknown evidence {row['evidence']!r}")
        if not row["citation"].strip():
            raise VocabularyError(f"link of {row['family_name']} cites no source")
        links.append(PersonLink(row["source"], row["family_name"], row["given_name"], row["country_code"],
                                row["member_id"], row["evidence"], row["evidence_value"], row["citation"]))
    return tuple(links)
