"""Rules for ``signature_timeline``: each signer once, seen before withdrawn."""

import polars as pl

from expectations.rules import ERROR, Rule


def _consistent(df: pl.DataFrame) -> pl.DataFrame:
    """Listed now <=> no last_seen; a withdrawn signature was last seen after it was first seen."""
    return df.with_columns(consistent=pl.when(pl.col("listed_now")).then(pl.col("last_seen").is_null())
                           .otherwise(pl.col("last_seen").is_not_null()
                                      & (pl.col("last_seen") >= pl.col("first_seen"))))


RULES: list[Rule] = [
    Rule("signer_once_per_declaration", "signature_timeline", ERROR,
         "A signer appears once per declaration.",
         lambda gxe: gxe.ExpectCompoundColumnsToBeUnique(column_list=["statement_id", "signer_key"])),
    Rule("first_seen_not_null", "signature_timeline", ERROR, "Every signature has a first sighting.",
         lambda gxe: gxe.ExpectColumnValuesToNotBeNull(column="first_seen")),
    Rule("seen_in_order", "signature_timeline", ERROR,
         "A listed signature has no last sighting; a withdrawn one was last seen after it was first seen.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="consistent", value_set=[True]),
         derive=_consistent, reads=("listed_now", "first_seen", "last_seen"),
         show=("statement_id", "signer_key", "first_seen", "last_seen")),
    Rule("listed_within_versions", "signature_timeline", ERROR,
         "A signature is listed in at least one and at most every version seen.",
         lambda gxe: gxe.ExpectColumnPairValuesAToBeGreaterThanB(
             column_A="versions_seen", column_B="versions_listed", or_equal=True)),
]
