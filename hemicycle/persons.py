"""People across documents and languages: stable ids and an audit of every match.

A person is keyed by (folded family name, country, first given name): "Axel E. FISCHER"
and "Axel FISCHER" of Germany meet, the French and English pages of one text meet, while
two members who share a surname but differ in given name or country never do. Lists that
print surnames only ("Marty, Switzerland") join the one member with that surname and
country, and stay apart when there are several. Members the source identifies itself
(EP directory ids) keep that identity.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from hemicycle.names import name_key

METHOD_SCORES = {
    "source_id": 1.0,  # the assembly's own identifier
    "exact": 1.0,  # same family name, country and full given name
    "given_variant": 0.9,  # same first given name, other forms (initials, accents, more names)
    "surname_country": 0.7,  # surname only, one member with that surname and country
    "surname_only": 0.5,  # surname only and ambiguous or alone: kept as its own person
    "group": 1.0,  # a political group signing (press summaries): the group is the signatory
}


@dataclass(frozen=True, slots=True)
class Match:
    signatory_id: str
    person_id: str
    method: str
    score: float


def _first_given(given: str | None) -> str:
    if not given:
        return ""
    return name_key(given.split()[0])


@functools.lru_cache(maxsize=1 << 16)
def _person_id(source: str, family: str, country: str | None, given: str) -> str:
    digest = hashlib.sha256(f"{family}|{country or ''}|{given}".encode()).hexdigest()[:12]
    return f"{source}:p-{digest}"


def resolve_persons(rows: list[dict]) -> dict[str, Match]:
    """Person of every signatory row (dicts with the `signatories` columns), by signatory id."""
    matches: dict[str, Match] = {}
    full_forms: dict[str, set[str]] = defaultdict(set)  # person id -> given-name keys seen
    candidates: dict[tuple[str, str, str | None], set[str]] = defaultdict(set)
    surname_only: list[dict] = []
    for row in sorted(rows, key=lambda r: r["signatory_id"]):
        if row["kind"] != "person":
            matches[row["signatory_id"]] = Match(row["signatory_id"],
                                                 f"{row['source']}:group-{row['group_code'] or row['name']}",
                                                 "group", METHOD_SCORES["group"])
            continue
        if row.get("person_ref"):
            matches[row["signatory_id"]] = Match(row["signatory_id"], row["person_ref"], "source_id",
                                                 METHOD_SCORES["source_id"])
            continue
        family = name_key(row["family_name"] or row["name"])
        first = _first_given(row["given_name"])
        if not row["family_name"] and not row["given_name"]:
            first = "*"  # a full name printed without family-name marks (EP lists): key it whole
        if not first:
            surname_only.append(row)
            continue
        pid = _person_id(row["source"], family, row["country_code"], first)
        full_forms[pid].add(name_key(row["given_name"] or ""))
        candidates[(row["source"], family, row["country_code"])].add(pid)
        matches[row["signatory_id"]] = Match(row["signatory_id"], pid, "exact", METHOD_SCORES["exact"])
    # a person printed with several given-name forms: those rows are variants, not exact
    for sid, match in list(matches.items()):
        if match.method == "exact" and len(full_forms[match.person_id]) > 1:
            matches[sid] = Match(sid, match.person_id, "given_variant", METHOD_SCORES["given_variant"])
    for row in surname_only:
        family = name_key(row["family_name"] or row["name"])
        known = candidates.get((row["source"], family, row["country_code"]), set())
        if len(known) == 1:
            (pid,) = known
            method = "surname_country"
        else:
            pid = _person_id(row["source"], family, row["country_code"], "")
            method = "surname_only"
        matches[row["signatory_id"]] = Match(row["signatory_id"], pid, method, METHOD_SCORES[method])
    return matches


def person_rows(signatories: list[dict], matches: dict[str, Match], dates: dict[str, object]) -> list[dict]:
    """One row per person: the most printed name forms, country, activity span, groups."""
    by_person: dict[str, list[dict]] = defaultdict(list)
    for row in signatories:
        match = matches[row["signatory_id"]]
        if match.method != "group":
            by_person[match.person_id].append(row)
    persons = []
    for pid, rows in sorted(by_person.items()):
        families = Counter(r["family_name"] or r["name"] for r in rows)
        givens = Counter(r["given_name"] for r in rows if r["given_name"])
        countries = Counter(r["country_code"] for r in rows if r["country_code"])
        statement_dates = [dates[r["statement_id"]] for r in rows if dates.get(r["statement_id"])]
        persons.append({
            "person_id": pid,
            "source": rows[0]["source"],
            "family_name": max(families, key=lambda k: (families[k], k)),
            "given_name": max(givens, key=lambda k: (len(k), givens[k], k)) if givens else None,
            "country_code": max(countries, key=lambda k: (countries[k], k)) if countries else None,
            "names_as_printed": sorted({r["name"] for r in rows}),
            "statements": len({r["statement_id"] for r in rows}),
            "first_date": min(statement_dates) if statement_dates else None,
            "last_date": max(statement_dates) if statement_dates else None,
            "group_codes": sorted({r["group_code"] for r in rows if r["group_code"]}),
        })
    return persons
