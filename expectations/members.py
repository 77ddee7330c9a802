"""Rules for the rosters: ``members``, ``memberships`` and ``person_links``.

A roster is reference data that every EP signature's country comes from, so it is judged
like data: unique ids, periods that end after they start, countries that exist, and, per
term, as many members of each country as the seats it held (data/vocab/ep_seats.csv).
Members replace one another during a term, so a country may list more members than seats,
within bounds measured on the EP's own files for terms 6 to 9 (Romania and Bulgaria, which
sent appointed members before electing their first, reach twice their seats); a roster
that gives Estonia sixty members is wrong, and one that gives it none for a term is
incomplete.
"""

from __future__ import annotations

import math

import polars as pl

from expectations.rules import ERROR, WARN, Rule, not_null
from hemicycle.people.reference import seats_in_term
from hemicycle.people.roster import MEMBERSHIP_KINDS
from hemicycle.records import SOURCES
from hemicycle.schema import MEMBERS, MEMBERSHIPS, PERSON_LINKS
from hemicycle.vocab import CountryVocabulary

MOST_PER_SEAT, MOST_EXTRA = 2.0, 5  # members of a country in a term <= 2 x its most seats + 5
FEWEST_PER_SEAT = 0.8  # ... and >= 0.8 x its fewest seats (some members' citizenship differs)


def _seat_counts(df: pl.DataFrame) -> pl.DataFrame:
    """Per mandate row: how many members its country had in its term, and the bounds the
    seats allow (null bounds: the vocabulary does not cover that term)."""
    mandates = df.filter((pl.col("kind") == "mandate") & pl.col("term").is_not_null())
    counts = mandates.group_by("term", "country_code").agg(members=pl.col("member_id").n_unique())
    bounds: list[tuple[int, str | None, int | None, int | None]] = []
    for term, country, _ in counts.iter_rows():
        seats = seats_in_term(term)
        if seats is None:
            bounds.append((term, country, None, None))
            continue
        fewest, most = seats.get(country or "", (0, 0))
        bounds.append((term, country, math.ceil(fewest * FEWEST_PER_SEAT), int(most * MOST_PER_SEAT) + MOST_EXTRA))
    table = pl.DataFrame(bounds, schema={"term": pl.Int64, "country_code": pl.String, "lowest": pl.Int64,
                                         "highest": pl.Int64}, orient="row")
    judged = counts.join(table, on=["term", "country_code"], how="left", nulls_equal=True).with_columns(
        within_seats=pl.col("highest").is_null() | (pl.col("members") <= pl.col("highest")),
        seats_filled=pl.col("lowest").is_null() | (pl.col("members") >= pl.col("lowest")))
    return df.join(judged, on=["term", "country_code"], how="left", nulls_equal=True).with_columns(
        pl.col("within_seats", "seats_filled").fill_null(True))


RULES: list[Rule] = [
    Rule("member_id_unique", "members", ERROR, "Each member appears once.",
         lambda gxe: gxe.ExpectColumnValuesToBeUnique(column="member_id")),
    *[
        Rule(f"{c.name}_not_null", "members", ERROR, f"`{c.name}` is always filled.",
             not_null(c.name))
        for c in MEMBERS.columns if c.required
    ],
    Rule("source_known", "members", ERROR, "Members belong to an assembly covered.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="source", value_set=list(SOURCES))),
    Rule("recorded_from_known", "members", ERROR, "A member comes from a roster or a document.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="recorded_from", value_set=["roster", "document"])),
    Rule("names_complete", "members", WARN, "The roster kept every letter of the names (else `?`).",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="name_complete", value_set=[True], mostly=0.9)),
]

MEMBERSHIP_RULES: list[Rule] = [
    Rule("membership_unique", "memberships", ERROR, "A membership period is listed once.",
         lambda gxe: gxe.ExpectCompoundColumnsToBeUnique(column_list=list(MEMBERSHIPS.key))),
    *[
        Rule(f"{c.name}_not_null", "memberships", ERROR, f"`{c.name}` is always filled.",
             not_null(c.name))
        for c in MEMBERSHIPS.columns if c.required
    ],
    Rule("kind_known", "memberships", ERROR, "Mandate, group, national party or delegation.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="kind", value_set=list(MEMBERSHIP_KINDS))),
    Rule("period_ordered", "memberships", ERROR, "A membership ends after it starts.",
         lambda gxe: gxe.ExpectColumnPairValuesAToBeGreaterThanB(
             column_A="end_date", column_B="start_date", or_equal=True,
             ignore_row_if="either_value_is_missing"),
         show=("member_id", "kind", "start_date", "end_date")),
    Rule("country_code_valid", "memberships", ERROR,
         "Countries are ISO 3166-1 alpha-2 codes.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(
             column="country_code", value_set=sorted(CountryVocabulary.load().codes))),
    Rule("mandate_has_country", "memberships", WARN, "Every mandate says which country it represents.",
         lambda gxe: gxe.ExpectColumnValuesToNotBeNull(column="mandate_country"),
         derive=lambda df: df.with_columns(mandate_country=pl.when(pl.col("kind") == "mandate")
                                           .then(pl.col("country_code")).otherwise(pl.lit("-"))),
         show=("member_id", "term")),
    Rule("members_within_seats", "memberships", ERROR,
         "No country lists more members in a term than its seats allow (2 x seats + 5, for "
         "replacements): more means a roster that puts members in the wrong country.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="within_seats", value_set=[True]),
         derive=_seat_counts, show=("term", "country_code", "members", "highest")),
    Rule("seats_filled", "memberships", WARN,
         "Every country lists about as many members in a term as it had seats (0.8 x seats at "
         "least): fewer means an incomplete roster.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="seats_filled", value_set=[True]),
         derive=_seat_counts, show=("term", "country_code", "members", "lowest")),
]

LINK_RULES: list[Rule] = [
    Rule("link_unique", "person_links", ERROR, "A person is linked once per assembly.",
         lambda gxe: gxe.ExpectCompoundColumnsToBeUnique(column_list=list(PERSON_LINKS.key))),
    Rule("evidence_known", "person_links", ERROR,
         "Links rest on a shared authority id or a curated, cited link, never on names.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="evidence", value_set=["wikidata", "curated"])),
    Rule("cited", "person_links", ERROR, "Every link cites its sources.",
         lambda gxe: gxe.ExpectColumnValuesToNotBeNull(column="citation")),
]
