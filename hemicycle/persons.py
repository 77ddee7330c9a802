"""People across documents and languages: stable ids and an audit of every match.

Where the assembly has a roster (the European Parliament), every person signature is
attributed to a member by ``hemicycle.people.resolve``; the member id is the person id,
and the signature gains the member's country (and group, when none is printed) on that
date. What a roster cannot attribute, and every signature of an assembly without one
(PACE), is grouped by its printed name:

a person is keyed by (folded family name, country, first given name): "Axel E. FISCHER"
and "Axel FISCHER" of Germany meet, the French and English pages of one text meet, while
two members who share a surname but differ in given name or country never do. Lists that
print surnames only ("Marty, Switzerland") join the one member with that surname and
country, and stay apart when there are several.

A person of one assembly is one with a member of another only through a link with its
evidence (``data/vocab/person_links.csv``): then both carry the member's id.

The grouping by name looks at every signature of an assembly at once, so it is written
as lazy polars frames; the rules on single names run once per distinct value.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from dataclasses import dataclass

import polars as pl

from hemicycle.lexicon import lookup
from hemicycle.names import name_key
from hemicycle.people.reference import person_links
from hemicycle.people.resolve import (
    ROSTER_METHODS,
    SOURCE_ID,
    UNRESOLVED,
    Attribution,
    RosterIndex,
    resolve,
    split_names,
)
from hemicycle.people.roster import RosterTables
from hemicycle.schema import MEMBERS, PERSON_LINKS, PERSON_MATCHES, SIGNATORIES
from hemicycle.vocab import GroupVocabulary

METHOD_SCORES = {
    "exact": 1.0,  # same family name, country and full given name
    "given_variant": 0.9,  # same first given name, other forms (initials, accents, more names)
    "surname_country": 0.7,  # surname only, one member with that surname and country
    "surname_only": 0.5,  # surname only and ambiguous or alone: kept as its own person
    "group": 1.0,  # a political group signing (press summaries): the group is the signatory
    **ROSTER_METHODS,  # against a roster (hemicycle.people.resolve)
}
MATCH_COLUMNS = ["signatory_id", "statement_id", "name", "person_id", "method", "score"]
# What attribution changes in a signature (besides person_id).
FILLED = ["name", "given_name", "family_name", "member_id", "country_code", "country_source",
          "group_code", "group_id", "group_source"]
PRINTED, ROSTER = "printed", "roster"


def _first_given(given: str | None) -> str:
    if not given:
        return ""
    return name_key(given.split()[0])


def _keys(family: str | None, given: str | None, name: str) -> tuple[str, str, str]:
    """(family key, first given name key or "" for a surname only, key of the whole given name)."""
    first = _first_given(given)
    if not family and not given:
        first = "*"  # a full name printed without family-name marks (EP lists): key it whole
    return name_key(family or name), first, name_key(given or "")


@functools.lru_cache(maxsize=1 << 16)
def _person_id(source: str, family: str, country: str | None, given: str) -> str:
    digest = hashlib.sha256(f"{family}|{country or ''}|{given}".encode()).hexdigest()[:12]
    return f"{source}:p-{digest}"


def _with_ids(frame: pl.DataFrame, given: str, target: str) -> pl.DataFrame:
    return lookup(frame, ["source", "family", "country_code", given], _person_id, {target: pl.String()})


def _by_printed_name(people: pl.DataFrame) -> pl.DataFrame:
    """signatory_id, statement_id, name, person_id, method of person rows grouped by name."""
    named = lookup(people, ["family_name", "given_name", "name"], _keys,
                   {"family": pl.String(), "first": pl.String(), "given_key": pl.String()})
    full = _with_ids(named.filter(pl.col("first") != ""), "first", "person_id")
    # a person printed with several given-name forms: those rows are variants, not exact
    full = full.with_columns(method=pl.when(pl.col("given_key").n_unique().over("person_id") > 1)
                             .then(pl.lit("given_variant")).otherwise(pl.lit("exact")))
    candidates = full.group_by("source", "family", "country_code").agg(
        candidates=pl.col("person_id").n_unique(), only=pl.col("person_id").first())
    surnames = named.filter(pl.col("first") == "").with_columns(nobody=pl.lit(""))
    surnames = _with_ids(surnames, "nobody", "own_id").join(
        candidates, on=["source", "family", "country_code"], how="left", nulls_equal=True)
    one = pl.col("candidates") == 1
    surnames = surnames.with_columns(
        person_id=pl.when(one).then(pl.col("only")).otherwise(pl.col("own_id")),
        method=pl.when(one).then(pl.lit("surname_country")).otherwise(pl.lit("surname_only")))
    columns = ["signatory_id", "statement_id", "name", "person_id", "method"]
    return pl.concat([full.select(columns), surnames.select(columns)])


def _linked(found: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Person ids replaced by the member a curated or shared-id link names; the links table."""
    links = {(link.source, _person_id(link.source, name_key(link.family_name), link.country_code or None,
                                      _first_given(link.given_name))): link for link in person_links()}
    if not links:
        return found, PERSON_LINKS.empty()
    mapping = pl.DataFrame([(source, person, link.member_id) for (source, person), link in links.items()],
                           schema={"source": pl.String, "person_id": pl.String, "linked": pl.String},
                           orient="row")
    keyed = found.join(mapping, on=["source", "person_id"], how="left")
    counts = dict(keyed.filter(pl.col("linked").is_not_null()).group_by("source", "person_id").len()
                  .select(pl.concat_str("source", "person_id", separator="|"), "len").iter_rows())
    rows = [{"person_id": link.member_id, "source": source, "member_id": link.member_id,
             "family_name": link.family_name, "given_name": link.given_name or None,
             "country_code": link.country_code or None, "evidence": link.evidence,
             "evidence_value": link.evidence_value or None, "citation": link.citation,
             "signatures": counts[f"{source}|{person}"]}
            for (source, person), link in links.items() if f"{source}|{person}" in counts]
    linked = keyed.with_columns(member_id=pl.coalesce("member_id", "linked"),
                                person_id=pl.coalesce("linked", "person_id")).drop("linked")
    return linked, PERSON_LINKS.conform(rows).sort(*PERSON_LINKS.key)


@dataclass
class Attributed:
    """Who signed: the audit, what each signature gains, and the cross-assembly links."""

    matches: pl.DataFrame  # PERSON_MATCHES
    fills: pl.DataFrame  # signatory_id, person_id and the FILLED columns
    links: pl.DataFrame  # PERSON_LINKS


def _unattributed(people: pl.DataFrame, reason: str | None) -> pl.DataFrame:
    """Person rows no roster attributed: what the document printed is all they have."""
    ref = pl.when(pl.col("person_ref") != "").then(pl.col("person_ref"))  # the document's own id
    return people.with_columns(
        member_id=ref, method=pl.when(ref.is_not_null()).then(pl.lit(SOURCE_ID))
        .otherwise(pl.lit(UNRESOLVED if reason else None, pl.String)),
        reason=pl.when(ref.is_null()).then(pl.lit(reason, pl.String)), candidates=pl.lit([], pl.List(pl.String)),
        country_source=pl.when(pl.col("country_code").is_not_null()).then(pl.lit(PRINTED)),
        group_source=pl.when(pl.col("group_code").is_not_null()).then(pl.lit(PRINTED)))


def _roster_rows(people: pl.DataFrame, roster: RosterTables, refs: pl.DataFrame | None,
                 terms: dict[str, int] | None) -> pl.DataFrame:
    """Attribution of each person signature against the roster, with the values it fills."""
    index = RosterIndex(roster.members, roster.memberships)
    if not index or people.is_empty():
        return _unattributed(people, "no_roster")
    source = people["source"][0]
    refs = refs if refs is not None else pl.DataFrame(schema={"statement_id": pl.String, "person_ref": pl.String,
                                                              "group_code": pl.String})
    found: dict[str, Attribution] = resolve(people, index, refs, source, terms)
    attributed = pl.DataFrame([(sid, a.member_id, a.method, a.reason, list(a.candidates))
                               for sid, a in found.items()],
                              schema={"signatory_id": pl.String, "member_id": pl.String, "method": pl.String,
                                      "reason": pl.String, "candidates": pl.List(pl.String)}, orient="row")
    return _fill(people.join(attributed, on="signatory_id", how="left"), index)


def _fill(rows: pl.DataFrame, index: RosterIndex) -> pl.DataFrame:
    """Names, country and group each resolved signature gains from the roster."""
    vocabulary = GroupVocabulary.load()
    printed_forms: dict[str, Counter[str]] = {}
    for member, name, ref in rows.select("member_id", "name", "person_ref").iter_rows():
        if member and name != ref:
            printed_forms.setdefault(member, Counter())[name] += 1
    out = []
    for row in rows.iter_rows(named=True):
        member = row["member_id"]
        names = index.names.get(member) if member else None
        given, family, name = row["given_name"], row["family_name"], row["name"]
        if member and row["person_ref"] and name == row["person_ref"]:  # the document printed an id
            forms = printed_forms.get(member)
            if forms:
                name = min(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]
                given, family = split_names(name, names)
            elif names:
                name, given, family = names.name, names.given_name, names.family_name
        elif member and not family and not given:
            given, family = split_names(name, names)
        country, country_source = row["country_code"], PRINTED if row["country_code"] else None
        group, group_id, group_source = row["group_code"], row["group_id"], PRINTED if row["group_code"] else None
        if member and country is None:
            country = index.country(member, row["date"], None)
            country_source = ROSTER if country else None
        if member and group is None:
            group = index.group(member, row["date"])
            if group:
                group_id, group_source = vocabulary.group(row["source"], group).group_id, ROSTER
        out.append({**row, "name": name, "given_name": given, "family_name": family, "country_code": country,
                    "country_source": country_source, "group_code": group, "group_id": group_id,
                    "group_source": group_source})
    return pl.DataFrame(out, schema=rows.schema | {"country_source": pl.String, "group_source": pl.String},
                        orient="row") if out else rows.with_columns(
        country_source=pl.lit(None, pl.String), group_source=pl.lit(None, pl.String))


def attribute(signatories: pl.LazyFrame | pl.DataFrame, roster: RosterTables | None = None,
              refs: pl.DataFrame | None = None, terms: dict[str, int] | None = None) -> Attributed:
    """Person of every signature (``signatories`` columns of one or more assemblies;
    person_id, member_id and the sources of country and group ignored)."""
    read = ["signatory_id", "statement_id", "source", "date", "kind", "name", "given_name", "family_name",
            "country_code", "group_code", "group_id", "person_ref"]
    rows = signatories.select(read).collect() if isinstance(signatories, pl.LazyFrame) else signatories.select(read)
    groups = rows.filter(pl.col("kind") != "person").with_columns(
        person_id=pl.format("{}:group-{}", "source", pl.coalesce("group_code", "name")), method=pl.lit("group"),
        member_id=pl.lit(None, pl.String), reason=pl.lit(None, pl.String),
        candidates=pl.lit([], pl.List(pl.String)),
        country_source=pl.when(pl.col("country_code").is_not_null()).then(pl.lit(PRINTED)),
        group_source=pl.when(pl.col("group_code").is_not_null()).then(pl.lit(PRINTED)))
    people = rows.filter(pl.col("kind") == "person")
    del rows  # a million rows of an assembly: each copy let go as soon as the next is made
    listed = set(roster.members["source"].to_list()) if roster is not None else set()
    parts = [_roster_rows(part, roster, refs, terms) if roster is not None and source in listed
             else _unattributed(part, None)  # no roster: identity from the documents alone
             for (source,), part in sorted(people.partition_by("source", as_dict=True).items())]
    people = pl.concat(parts, how="diagonal_relaxed") if parts else _unattributed(people, None)
    del parts
    resolved = people.filter(pl.col("member_id").is_not_null()).with_columns(person_id=pl.col("member_id"))
    named = people.filter(pl.col("member_id").is_null())
    del people
    clustered = _by_printed_name(named.select(
        "signatory_id", "statement_id", "source", "name", "given_name", "family_name", "country_code"))
    named = named.drop("method").join(clustered.select("signatory_id", "person_id", pl.col("method").alias("by_name")),
                                      on="signatory_id", how="left") \
        .with_columns(method=pl.when(pl.col("reason").is_not_null()).then(pl.lit(UNRESOLVED))
                      .otherwise(pl.col("by_name"))).drop("by_name")
    del clustered
    found = pl.concat([groups, resolved, named], how="diagonal_relaxed")
    del groups, resolved, named
    found, links = _linked(found)
    scores = pl.DataFrame({"method": list(METHOD_SCORES), "score": list(METHOD_SCORES.values())})
    found = found.join(scores, on="method", how="left")
    matches = found.select(PERSON_MATCHES.column_names).sort("signatory_id")
    fills = found.select("signatory_id", "person_id", *FILLED)
    del found
    return Attributed(matches, fills.sort("signatory_id"), links)


def apply_fills(signatories: pl.DataFrame, fills: pl.DataFrame) -> pl.DataFrame:
    """``signatories`` rows with their person and what attribution filled in."""
    replaced = ["person_id", *FILLED]
    return signatories.drop([c for c in replaced if c in signatories.columns]) \
        .join(fills, on="signatory_id", how="left").select(SIGNATORIES.column_names)


def document_members(signatories: pl.DataFrame, documents: pl.DataFrame, roster: RosterTables) -> pl.DataFrame:
    """Members known from documents alone: an id another version of a statement gives, paired
    with a printed name, that no roster lists. One row each, as ``members`` holds them."""
    listed = roster.members.select("member_id")
    found = signatories.filter(pl.col("member_id").is_not_null() & (pl.col("name") != pl.col("member_id"))
                               # a member of this assembly, not one of another linked to it
                               & pl.col("member_id").str.starts_with(pl.format("{}:", "source"))) \
        .join(listed, on="member_id", how="anti")
    if found.is_empty():
        return MEMBERS.empty()
    fetched = documents.select("raw_sha256", "fetched_at").unique(subset="raw_sha256", keep="first")
    first = found.join(fetched, on="raw_sha256", how="left") \
        .sort("member_id", "date", "signatory_id", nulls_last=True).unique(subset="member_id", keep="first")
    return first.select(
        "member_id", "source", given_name=pl.lit(None, pl.String), family_name=pl.lit(None, pl.String),
        name=pl.col("name"), gender=pl.lit(None, pl.String), name_complete=pl.lit(True),
        ep_id=pl.when(pl.col("source") == "ep").then(pl.col("member_id").str.strip_prefix("ep:")),
        pace_id=pl.lit(None, pl.String), wikidata_id=pl.lit(None, pl.String), recorded_from=pl.lit("document"),
        url=pl.col("url"), raw_sha256=pl.col("raw_sha256"), retrieved_at=pl.col("fetched_at").fill_null(""),
    ).select(MEMBERS.column_names).sort("member_id")


def _most(frame: pl.DataFrame, column: str, longest: bool = False) -> pl.DataFrame:
    """Per person, the value of ``column`` seen most often, the largest on a tie (``longest``:
    the longest, then the most often seen)."""
    counted = frame.filter(pl.col(column).is_not_null()).group_by("person_id", "source", column).agg(n=pl.len())
    if longest:
        counted = counted.with_columns(pl.col(column).str.len_chars().alias("length"))
    order = [*(["length"] if longest else []), "n", column]
    return counted.sort(["person_id", "source", *order], descending=[False, False] + [True] * len(order)) \
        .unique(subset=["person_id", "source"], keep="first", maintain_order=True) \
        .select("person_id", "source", column)


def person_table(signatories: pl.LazyFrame, statements: pl.LazyFrame) -> pl.LazyFrame:
    """One row per person and assembly: the most printed name forms, country, activity span,
    groups.

    ``signatories`` with their person_id; ``statements`` gives each statement's date.
    """
    from hemicycle.schema import PERSONS

    rows = signatories.filter(pl.col("kind") == "person").select(
        "person_id", "statement_id", "source", "name", "given_name", "country_code", "group_code", "member_id",
        family=pl.coalesce(pl.when(pl.col("family_name") != "").then("family_name"), "name"),
    ).join(statements.select("statement_id", "date"), on="statement_id", how="left").collect()
    givens = rows.filter(pl.col("given_name") != "")
    persons = rows.group_by("person_id", "source").agg(
        names_as_printed=pl.col("name").unique().sort(),
        statements=pl.col("statement_id").n_unique().cast(pl.Int64),
        first_date=pl.col("date").min(), last_date=pl.col("date").max(),
        group_codes=pl.col("group_code").drop_nulls().unique().sort(),
    )
    persons = persons.join(_most(rows, "family"), on=["person_id", "source"], how="left") \
        .join(_most(givens, "given_name", longest=True), on=["person_id", "source"], how="left") \
        .join(_most(rows, "country_code"), on=["person_id", "source"], how="left") \
        .join(_most(rows, "member_id"), on=["person_id", "source"], how="left") \
        .rename({"family": "family_name"})
    return persons.select(PERSONS.column_names).lazy()
