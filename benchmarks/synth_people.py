"""Synthetic members of both assemblies, with careers, so lists repeat people over years.

Real signatory lists are drawn from a few hundred sitting members, some of whom sign far
more than others; person resolution and the metric views only do realistic work when the
same people come back across documents, languages and renamed groups.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from dataclasses import dataclass

from benchmarks.synth_vocab import (
    COUNTRIES,
    EP_REGIONS,
    Country,
    GroupLabel,
    ep_groups,
    group_on,
    may_sign,
    names,
    pace_groups,
)

FIRST_YEAR, LAST_YEAR = 1995, 2026
PARTICLES = {"van", "den", "der", "de", "di", "da", "le", "la", "von", "del"}
# share of each PACE political family among members
PACE_LINEAGES = (("pace:soc", 30), ("pace:epp", 30), ("pace:liberal", 15),
                 ("pace:conservative", 14), ("pace:left", 6), ("pace:fdg", 1), ("pace:nr", 4))


@dataclass(frozen=True, slots=True)
class Member:
    prefix_en: str
    prefix_fr: str
    given: str
    family: str  # natural case: "Van den Brande", "Oomen-Ruijten"
    country: Country
    lineage: str | None  # PACE group lineage; None for partners, who sit in no group
    start: int
    end: int
    weight: float  # how keen a signer: long-tailed

    @property
    def family_upper(self) -> str:
        """PACE prints family names in capitals, particles as they are: "Van den BRANDE"."""
        return " ".join(t if t.casefold() in PARTICLES else t.upper() for t in self.family.split())

    def group(self, day: dt.date) -> GroupLabel | None:
        """The group the member sits in on ``day`` (non-attached when the family had none)."""
        if self.lineage is None:
            return None
        groups = pace_groups()
        return group_on(groups, self.lineage, day) or group_on(groups, "pace:nr", day)

    def group_code(self, day: dt.date, language: str) -> str | None:
        group = self.group(day)
        if group is None:
            return None
        return group.fr if language == "fr" else group.en


def _family(rng: random.Random, region: str, families: tuple[str, ...]) -> str:
    family = rng.choice(families)
    roll = rng.random()
    if roll < 0.12:
        joiner = " " if region == "iberian" else "-"
        other = rng.choice(families)
        if other != family:
            family = f"{family}{joiner}{other}"
    elif roll < 0.22 and region == "lowlands":
        family = f"{rng.choice(('Van den', 'Van der', 'de', 'Van'))} {family}"
    elif roll < 0.15 and region in ("italian", "french"):
        family = f"{rng.choice(('De', 'Di', 'Le'))} {family}"
    return family


def _member(rng: random.Random, country: Country, start: int, end: int,
            taken: set[tuple[str, str]]) -> Member:
    men, women, families = names(country.region)
    woman = rng.random() < 0.35
    for _ in range(50):
        given = rng.choice(women if woman else men)
        if rng.random() < 0.06:
            given = f"{given} {rng.choice('ABCDEFGHJKLMNPRSTVW')}."
        elif rng.random() < 0.08:
            given = f"{given} {rng.choice(women if woman else men)}"
        family = _family(rng, country.region, families)
        if (given, family) not in taken:
            break
    taken.add((given, family))
    prefix_en, prefix_fr = ("Ms", "Mme") if woman else ("Mr", "M.")
    if country.iso2 == "GB" and rng.random() < 0.12:
        prefix_en = prefix_fr = rng.choice(("Baroness", "Dame") if woman else ("Lord", "Sir"))
    lineage = None if country.partner else rng.choices(
        [name for name, _ in PACE_LINEAGES], [w for _, w in PACE_LINEAGES])[0]
    if lineage == "pace:fdg" and not (start <= 2019 and end >= 2018):
        lineage = "pace:nr"
    return Member(prefix_en, prefix_fr, given, family, country, lineage, start, end,
                  weight=rng.paretovariate(1.3))


class PacePool:
    """Members of every delegation, seat by seat over the years, indexed by year."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"{seed}:pace-members")
        self.members: list[Member] = []
        for country in COUNTRIES:
            taken: set[tuple[str, str]] = set()
            for _seat in range(country.seats * 2):  # representatives and substitutes
                year = max(country.since, FIRST_YEAR)
                first = True  # seats were filled before our first year: stagger the first ends
                while year <= min(country.until, LAST_YEAR):
                    end = min(year + rng.randint(0 if first else 1, 11), country.until)
                    first = False
                    self.members.append(_member(rng, country, year, end, taken))
                    year = end + 1
        self._by_year: dict[int, tuple[list[Member], list[float]]] = {}
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            active = [m for m in self.members if m.start <= year <= m.end]
            self._by_year[year] = (active, list(itertools.accumulate(m.weight for m in active)))

    def draw(self, rng: random.Random, day: dt.date, n: int, surname_only: bool = False) -> list[Member]:
        """``n`` distinct members sitting on ``day``: the mover first, then alphabetical."""
        active, cumulative = self._by_year[day.year]
        chosen: dict[tuple[str, ...], Member] = {}
        total = cumulative[-1]
        while len(chosen) < min(n, len(active)):
            member = active[bisect.bisect(cumulative, rng.random() * total)]
            if not may_sign(member.country, day):  # seated later in the year of accession
                continue
            key = (member.family, member.country.iso2) if surname_only else (
                member.given, member.family, member.country.iso2)
            chosen.setdefault(key, member)
        first, *rest = chosen.values()
        return [first, *sorted(rest, key=lambda m: (m.family_upper.casefold(), m.given))]


# EP terms: (term, first day, last day) and typical group sizes
EP_TERMS = ((6, dt.date(2004, 7, 20), dt.date(2009, 7, 13)),
            (7, dt.date(2009, 7, 14), dt.date(2014, 6, 30)),
            (8, dt.date(2014, 7, 1), dt.date(2019, 7, 1)),
            (9, dt.date(2019, 7, 2), dt.date(2024, 7, 15)),
            (10, dt.date(2024, 7, 16), dt.date(2026, 6, 30)))
EP_SIZES = {"ep:epp": 185, "ep:sd": 150, "ep:liberal": 90, "ep:greens": 60, "ep:ecr": 60,
            "ep:left": 40, "ep:enf": 55, "ep:pfe": 84, "ep:esn": 25, "ep:efd": 40, "ep:uen": 40,
            "ep:inddem": 24, "ep:its": 20, "ep:ni": 30}


@dataclass(frozen=True, slots=True)
class Mep:
    person_id: int  # the EP directory id, as the Open Data Portal gives it
    name: str  # "Given Family", as printed in motions and minutes
    weight: float


class EpPool:
    """Members of each political group in each term; some sit again in the next term."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"{seed}:ep-members")
        self.by_term_group: dict[tuple[int, str], list[Mep]] = {}
        ids = iter(rng.sample(range(1000, 260000), 20000))
        taken: set[str] = set()
        previous: dict[str, list[Mep]] = {}
        for term, first, last in EP_TERMS:
            lineages = sorted({g.group_id for g in ep_groups() if g.valid_from <= last and g.valid_to >= first})
            current: dict[str, list[Mep]] = {}
            for lineage in lineages:
                size = EP_SIZES.get(lineage, 30)
                kept = [m for m in previous.get(lineage, []) if rng.random() < 0.45][:size]
                fresh = [Mep(next(ids), self._name(rng, taken), rng.paretovariate(1.3))
                         for _ in range(size - len(kept))]
                current[lineage] = kept + fresh
                self.by_term_group[(term, lineage)] = current[lineage]
            previous = current

    @staticmethod
    def _name(rng: random.Random, taken: set[str]) -> str:
        for _ in range(50):
            region = rng.choice(EP_REGIONS)
            men, women, families = names(region)
            given = rng.choice(women if rng.random() < 0.4 else men)
            name = f"{given} {_family(rng, region, families)}"
            if name not in taken:
                break
        taken.add(name)
        return name

    def draw(self, rng: random.Random, term: int, lineage: str, n: int) -> list[Mep]:
        members = self.by_term_group[(term, lineage)]
        n = min(n, len(members))
        chosen: dict[int, Mep] = {}
        weights = [m.weight for m in members]
        while len(chosen) < n:
            for m in rng.choices(members, weights, k=n - len(chosen)):
                chosen.setdefault(m.person_id, m)
        return list(chosen.values())
