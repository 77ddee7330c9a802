"""Reference vocabularies (groups, countries) loaded from versioned CSV files in ``data/vocab``.

The files are the source of truth; this module only indexes them. Lookups fold case,
accents and punctuation so "Royaume-Uni", "ROYAUME UNI" and "royaume-uni" meet.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gettext
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from hemicycle.errors import VocabularyError

VOCAB_DIR = Path(__file__).resolve().parent.parent / "data" / "vocab"


_PUNCTUATION = re.compile(r"[\"'’‘«»“”*().,;:]")


def _char_class(codes: list[int]) -> re.Pattern[str]:
    ranges, start, prev = [], codes[0], codes[0]
    for c in [*codes[1:], -1]:
        if c != prev + 1:
            ranges.append(re.escape(chr(start)) + (f"-{re.escape(chr(prev))}" if prev > start else ""))
            start = c
        prev = c
    return re.compile(f"[{''.join(ranges)}]")


@functools.cache
def _combining_marks() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Characters with a combining class: those of the BMP (a fast class), and all of them."""
    codes = [c for c in range(0x300, sys.maxunicode + 1) if unicodedata.combining(chr(c))]
    return _char_class([c for c in codes if c <= 0xFFFF]), _char_class(codes)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def strip_combining(text: str) -> str:
    """``text`` without combining marks (accents once NFKD has split them off)."""
    bmp, every = _combining_marks()
    return (every if _ASTRAL.search(text) else bmp).sub("", text)


def _fold(text: str) -> str:
    if not text.isascii():
        text = strip_combining(unicodedata.normalize("NFKD", text))
        text = text.replace("ı", "i")
    text = _PUNCTUATION.sub(" ", text.casefold()).replace("-", " ").replace("–", " ")
    return " ".join(text.split())  # runs of white space (hyphens and dashes included) -> one space


_fold_label = functools.lru_cache(maxsize=1 << 16)(_fold)  # labels and names repeat across documents


def fold(label: str) -> str:
    """Comparison key: lower case, no accents, punctuation and quotes to spaces, spaces folded."""
    return _fold_label(label) if len(label) <= 200 else _fold(label)


def _read_csv(name: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    paths = sorted(VOCAB_DIR.glob(name))
    if not paths:
        raise VocabularyError(f"vocabulary file {name} not found in {VOCAB_DIR}")
    for path in paths:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if None in row:  # more fields than the header: an unquoted comma
                    raise VocabularyError(f"{path.name}: a row has more fields than the header "
                                          f"(quote values holding commas): {row[None]!r}")
                rows.append(row)
    return rows


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class Group:
    source: str
    group_id: str  # stable across renames
    code: str  # the assembly's English abbreviation for this period
    name_en: str
    name_fr: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    citation: str = ""

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True, slots=True)
class GroupMatch:
    code: str  # English code of the name the label printed (the one valid at the date if several)
    group_id: str


class GroupVocabulary:
    """Groups of every source, with aliases in every language and lineage across renames."""

    def __init__(self, groups: list[Group], aliases: dict[tuple[str, str], set[str]],
                 labels: dict[tuple[str, str], set[str]] | None = None):
        self.groups = groups
        self._by_code = {(g.source, g.code): g for g in groups}
        self._aliases = aliases
        self._labels = labels or {}
        self._found: dict[tuple[str, str], tuple[Group, ...]] = {}  # printed label -> groups
        self._exact: dict[tuple[str, str], Group | None] = {}  # printed label -> the group it names whole

    @classmethod
    @functools.cache
    def load(cls) -> GroupVocabulary:
        groups = [
            Group(
                source=row["source"],
                group_id=row["group_id"],
                code=row["code"],
                name_en=row["name_en"],
                name_fr=row["name_fr"],
                valid_from=_date(row["valid_from"]),
                valid_to=_date(row["valid_to"]),
                citation=row.get("citation", ""),
            )
            for row in _read_csv("*_groups.csv")
        ]
        codes = {(g.source, g.code) for g in groups}
        aliases: dict[tuple[str, str], set[str]] = {}
        labels: dict[tuple[str, str], set[str]] = {key: {key[1]} for key in codes}
        for row in _read_csv("*_group_aliases.csv"):
            if (row["source"], row["code"]) not in codes:
                raise VocabularyError(f"alias {row['alias']!r} points to unknown group {row['code']}")
            aliases.setdefault((row["source"], fold(row["alias"])), set()).add(row["code"])
            labels[(row["source"], row["code"])].add(row["alias"])
        for g in groups:  # every code and full name is an alias of itself
            for label in (g.code, g.name_en, g.name_fr):
                aliases.setdefault((g.source, fold(label)), set()).add(g.code)
        return cls(groups, aliases, labels)

    def labels(self, source: str, code: str) -> list[str]:
        """The printed labels the vocabulary lists for a code (its own code included)."""
        return sorted(self._labels.get((source, code), {code}))

    def codes(self, source: str) -> set[str]:
        return {g.code for g in self.groups if g.source == source}

    def group(self, source: str, code: str) -> Group:
        return self._by_code[(source, code)]

    def resolve(self, source: str, label: str | None, on: dt.date | None = None) -> GroupMatch | None:
        """Canonical group for a printed label; None when the label is empty or unknown.

        A label names one group of a lineage (``EDG``, ``GDE``: the European Democrat Group;
        ``EC``: the same group after its rename). That name is what the document printed at
        its date, so it is kept even when the vocabulary's dates put the date outside the
        name's period: the printed code is evidence about the date of the rename, a date
        in the vocabulary is not evidence about the document. The date chooses only between
        several groups a label may name (the one valid on ``on``, else the nearest in time).
        """
        if not label or not label.strip():
            return None
        found = self._found.get((source, label))
        if found is None:
            if len(self._found) > 100_000:  # labels repeat; a flood of odd ones must not grow forever
                self._found.clear()
            found = self._found[(source, label)] = self._lookup(source, label)
        if not found:
            return None
        chosen = _nearest(found, on)
        return GroupMatch(code=chosen.code, group_id=chosen.group_id)

    def exact(self, source: str, label: str) -> Group | None:
        """The group ``label`` names as a whole (a code or alias), without looking inside it."""
        key = (source, label)
        if key in self._exact:
            return self._exact[key]
        codes = self._aliases.get((source, fold(label)))
        found = self._by_code[(source, min(codes))] if codes else None
        if len(self._exact) > 100_000:
            self._exact.clear()
        self._exact[key] = found
        return found

    def _lookup(self, source: str, label: str) -> tuple[Group, ...]:
        candidates = self._aliases.get((source, fold(label)))
        if not candidates:  # "Members from PPE", "one NI Member": the one word that is a group
            found_in_words = {frozenset(c) for word in label.split()
                              if (c := self._aliases.get((source, fold(word))))}
            if len(found_in_words) != 1:
                return ()
            candidates = set(next(iter(found_in_words)))
        return tuple(self._by_code[(source, c)] for c in sorted(candidates))


def _nearest(groups: tuple[Group, ...], on: dt.date | None) -> Group:
    """The group valid on ``on``, else the one whose period is nearest to it; the first
    one when there is no date."""
    if on is None or len(groups) == 1:
        return groups[0]
    valid = [g for g in groups if g.valid_on(on)]
    if valid:
        return valid[0]

    def distance(g: Group) -> int:
        if g.valid_from and on < g.valid_from:
            return (g.valid_from - on).days
        return (on - g.valid_to).days if g.valid_to else 0

    return min(groups, key=distance)


class CountryVocabulary:
    """ISO 3166-1 names in English and French (from pycountry) plus project aliases."""

    def __init__(self, index: dict[str, str]):
        self._index = index
        self.codes = set(index.values())
        self._resolved: dict[str, str | None] = {}  # labels as printed repeat: each folded once

    @classmethod
    @functools.cache
    def load(cls) -> CountryVocabulary:
        import pycountry

        index: dict[str, str] = {}
        french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
        for country in pycountry.countries:
            names = {country.name, getattr(country, "common_name", None),
                     getattr(country, "official_name", None)}
            names |= {french.gettext(n) for n in list(names) if n}
            for name in filter(None, names):
                index.setdefault(fold(name), country.alpha_2)
                if ", " in name:  # "Moldova, Republic of" -> "Republic of Moldova"
                    head, _, tail = name.partition(", ")
                    index.setdefault(fold(f"{tail} {head}"), country.alpha_2)
        for row in _read_csv("country_aliases*.csv"):
            index[fold(row["alias"])] = row["iso2"]
        return cls(index)

    def resolve(self, label: str | None) -> str | None:
        if not label:
            return None
        try:
            return self._resolved[label]
        except KeyError:
            pass
        if len(self._resolved) > 100_000:
            self._resolved.clear()
        code = self._resolved[label] = self._index.get(fold(label))
        return code


def assembly_first_sittings() -> dict[str, dt.date]:
    """Date of each assembly's first sitting: no statement of it can be older."""
    from hemicycle.sources import sources  # the registry reads its rows through this module

    return {s.id: s.first_sitting for s in sources()}


def assembly_names() -> dict[str, str]:
    """Each source's assembly by its English name."""
    from hemicycle.sources import sources

    return {s.id: s.name_en for s in sources()}


@dataclass(frozen=True, slots=True)
class Period:
    key: str  # ISO code or document type
    status: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    values: tuple[int, ...] = ()

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)


@functools.cache
def pace_membership() -> list[Period]:
    """States whose members may sign PACE texts: members, observers, partners, guests."""
    return [Period(r["iso2"], r["status"], _date(r["valid_from"]), _date(r["valid_to"]))
            for r in _read_csv("pace_members.csv")]


def pace_status(iso2: str, day: dt.date) -> str | None:
    for period in pace_membership():
        if period.key == iso2 and period.covers(day):
            return period.status
    return None


@functools.cache
def pace_thresholds() -> list[Period]:
    """Minimum signatories and delegations for declarations and motions, by period."""
    return [Period(r["doc_type"], "threshold", _date(r["valid_from"]), _date(r["valid_to"]),
                   (int(r["min_signatories"]), int(r["min_delegations"])))
            for r in _read_csv("pace_thresholds.csv")]


@functools.cache
def row_bounds() -> dict[str, tuple[int, int]]:
    """(minimum statements in a run, maximum per year) by source."""
    return {r["source"]: (int(r["min_statements"]), int(r["max_statements_per_year"]))
            for r in _read_csv("row_bounds.csv")}


@functools.cache
def month_numbers() -> dict[str, int]:
    """Month names of every language in ``months.csv``, folded (no accents, lower case) -> 1..12."""
    return {fold(row["name"]): int(row["month"]) for row in _read_csv("months.csv")}


@dataclass(frozen=True, slots=True)
class Phrase:
    language: str
    kind: str  # doc_type, list_label, block_heading, commitment, boilerplate, french_word
    phrase: str
    value: str  # what the phrase says (a document type), or empty


@functools.cache
def pace_phrases(kind: str) -> tuple[Phrase, ...]:
    """The phrases of one kind PACE texts print (``pace_phrases.csv``), longest first."""
    rows = [Phrase(r["language"], r["kind"], r["phrase"], r["value"])
            for r in _read_csv("pace_phrases.csv") if r["kind"] == kind]
    if not rows:
        raise VocabularyError(f"pace_phrases.csv has no phrase of kind {kind!r}")
    return tuple(sorted(rows, key=lambda p: -len(p.phrase)))


@dataclass(frozen=True, slots=True)
class NameTitle:
    title: str  # as printed, with its full stop if it has one ("M.", "Dr.")
    opens_name: bool  # a courtesy title that starts a name in a list, not a word of ordinary text


@functools.cache
def name_titles() -> tuple[NameTitle, ...]:
    """Titles printed before members' names (``name_titles.csv``), longest first."""
    rows = [NameTitle(r["title"], r["opens_name"] == "yes") for r in _read_csv("name_titles.csv")]
    return tuple(sorted(rows, key=lambda t: (-len(t.title), t.title)))


@functools.cache
def name_particles() -> frozenset[str]:
    """Lower-case words inside or before family names (``name_particles.csv``), case-folded."""
    return frozenset(r["particle"].casefold() for r in _read_csv("name_particles.csv"))
