"""Rules for the ``persons`` and ``person_matches`` tables."""

import polars as pl

from expectations.rules import ERROR, WARN, Rule, not_null
from hemicycle.persons import METHOD_SCORES
from hemicycle.schema import PERSONS

RULES: list[Rule] = [
    Rule("person_id_unique", "persons", ERROR, "Each person appears once in an assembly.",
         lambda gxe: gxe.ExpectColumnValuesToBeUnique(column="person_id")),
    *[
        Rule(f"{c.name}_not_null", "persons", ERROR, f"`{c.name}` is always filled.",
             not_null(c.name))
        for c in PERSONS.columns if c.required and c.dtype != "string[]"
    ],
    Rule("signed_something", "persons", ERROR, "Every person signed at least one statement.",
         lambda gxe: gxe.ExpectColumnValuesToBeBetween(column="statements", min_value=1)),
]

MATCH_RULES: list[Rule] = [
    Rule("signatory_matched_once", "person_matches", ERROR, "Every signature has one person.",
         lambda gxe: gxe.ExpectColumnValuesToBeUnique(column="signatory_id")),
    Rule("method_known", "person_matches", ERROR, "Match methods come from the documented list.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="method", value_set=sorted(METHOD_SCORES))),
    Rule("signatures_resolved", "person_matches", WARN,
         "At least 90 % of signatures are attributed (to a roster member, or by their printed "
         "names where the assembly has no roster).",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="resolved", value_set=[True], mostly=0.9),
         derive=lambda df: df.with_columns(resolved=pl.col("method") != "unresolved"), reads=("method",)),
    Rule("unresolved_say_why", "person_matches", ERROR,
         "A signature left unresolved says why (no roster, no candidate, ambiguous...).",
         lambda gxe: gxe.ExpectColumnValuesToNotBeNull(column="unresolved_reason"),
         derive=lambda df: df.with_columns(unresolved_reason=pl.when(pl.col("method") == "unresolved")
                                           .then(pl.col("reason")).otherwise(pl.lit("-"))),
         reads=("method", "reason")),
    Rule("few_ambiguous_surnames", "person_matches", WARN,
         "Most signatures are matched on more than a bare surname.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(
             column="method", value_set=sorted(set(METHOD_SCORES) - {"surname_only"}), mostly=0.95)),
]
