"""People across documents and languages: stable ids and an audit of every match.

A person is keyed by (folded family name, country, first given name): "Axel E. FISCHER"
and "Axel FISCHER" of Germany meet, the French and English pages of one text meet, while
two members who share a surname but differ in given name or country never do. Lists that
print surnames only ("Marty, Switzerland") join the one member with that surname and
country, and stay apart when there are several. Members the source identifies itself
(EP directory ids) keep that identity.

This is the one step that looks at every signature of an assembly at once, so it is
written as lazy polars frames (group-bys and joins over the signature columns); the rules
on single names (``name_key``, the id digest) run once per distinct value.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

import polars as pl

from hemicycle.lexicon import lookup
from hemicycle.names import name_key

METHOD_SCORES = {
    "source_id": 1.0,  # the assembly's own identifier
    "exact": 1.0,  # same family name, country and full given name
    "given_variant": 0.9,  # same first given name, other forms (initials, accents, more names)
    "surname_country": 0.7,  # surname only, one member with that surname and country
    "surname_only": 0.5,  # surname only and ambiguous or alone: kept as its own person
    "group": 1.0,  # a political group signing (press summaries): the group is the signatory
}
MATCH_COLUMNS = ["signatory_id", "statement_id", "name", "person_id", "method", "score"]


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


def person_matches(signatories: pl.LazyFrame) -> pl.LazyFrame:
    """Person of every signature (``signatories`` columns; person_id ignored): MATCH_COLUMNS."""
    rows = signatories.select("signatory_id", "statement_id", "source", "kind", "name", "given_name",
                              "family_name", "country_code", "group_code", "person_ref").collect()
    groups = rows.filter(pl.col("kind") != "person").with_columns(
        person_id=pl.format("{}:group-{}", "source", pl.coalesce("group_code", "name")),
        method=pl.lit("group"))
    people = rows.filter(pl.col("kind") == "person")
    identified = people.filter(pl.col("person_ref").is_not_null() & (pl.col("person_ref") != ""))
    identified = identified.with_columns(person_id=pl.col("person_ref"), method=pl.lit("source_id"))
    named = people.filter(pl.col("person_ref").is_null() | (pl.col("person_ref") == ""))
    named = lookup(named, ["family_name", "given_name", "name"], _keys,
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
    found = pl.concat([part.select(columns) for part in (groups, identified, full, surnames)])
    scores = pl.DataFrame({"method": list(METHOD_SCORES), "score": list(METHOD_SCORES.values())})
    return found.join(scores, on="method", how="left").select(MATCH_COLUMNS).lazy()


def resolve_persons(rows: list[dict]) -> dict[str, Match]:
    """Person of every signatory row (dicts with the `signatories` columns), by signatory id."""
    from hemicycle.schema import SIGNATORIES

    frame = pl.DataFrame([{c: row.get(c) for c in SIGNATORIES.column_names} for row in rows],
                         schema=SIGNATORIES.polars_schema(), orient="row")
    matches = person_matches(frame.lazy()).collect()
    return {sid: Match(sid, pid, method, score) for sid, pid, method, score in
            matches.select("signatory_id", "person_id", "method", "score").iter_rows()}


def _most(frame: pl.DataFrame, column: str, longest: bool = False) -> pl.DataFrame:
    """Per person, the value of ``column`` seen most often, the largest on a tie (``longest``:
    the longest, then the most often seen)."""
    counted = frame.filter(pl.col(column).is_not_null()).group_by("person_id", column).agg(n=pl.len())
    if longest:
        counted = counted.with_columns(pl.col(column).str.len_chars().alias("length"))
    order = [*(["length"] if longest else []), "n", column]
    return counted.sort(["person_id", *order], descending=[False] + [True] * len(order)) \
        .unique(subset="person_id", keep="first", maintain_order=True).select("person_id", column)


def person_table(signatories: pl.LazyFrame, statements: pl.LazyFrame) -> pl.LazyFrame:
    """One row per person: the most printed name forms, country, activity span, groups.

    ``signatories`` with their person_id; ``statements`` gives each statement's date.
    """
    from hemicycle.schema import PERSONS

    rows = signatories.filter(pl.col("kind") == "person").select(
        "person_id", "statement_id", "source", "name", "given_name", "country_code", "group_code",
        family=pl.coalesce(pl.when(pl.col("family_name") != "").then("family_name"), "name"),
    ).join(statements.select("statement_id", "date"), on="statement_id", how="left").collect()
    givens = rows.filter(pl.col("given_name") != "")
    persons = rows.group_by("person_id").agg(
        source=pl.col("source").first(),
        names_as_printed=pl.col("name").unique().sort(),
        statements=pl.col("statement_id").n_unique().cast(pl.Int64),
        first_date=pl.col("date").min(), last_date=pl.col("date").max(),
        group_codes=pl.col("group_code").drop_nulls().unique().sort(),
    )
    persons = persons.join(_most(rows, "family"), on="person_id", how="left") \
        .join(_most(givens, "given_name", longest=True), on="person_id", how="left") \
        .join(_most(rows, "country_code"), on="person_id", how="left") \
        .rename({"family": "family_name"})
    return persons.select(PERSONS.column_names).lazy()
