"""Rules for the ``statements`` table."""

from __future__ import annotations

import polars as pl

from expectations.rules import ERROR, Rule
from hemicycle.records import DOC_TYPES, SOURCES
from hemicycle.schema import STATEMENTS


def _total_mismatch(df: pl.DataFrame) -> pl.DataFrame:
    return df.with_columns(
        total_matches=(pl.col("declared_total").is_null() | ~pl.col("signatories_complete")
                       | (pl.col("declared_total") == pl.col("signatory_count")))
    )


RULES: list[Rule] = [
    Rule("statement_id_unique", "statements", ERROR, "Each statement appears once.",
         lambda gxe: gxe.ExpectColumnValuesToBeUnique(column="statement_id")),
    *[
        Rule(f"{c.name}_not_null", "statements", ERROR, f"`{c.name}` is always filled.",
             lambda gxe, col=c.name: gxe.ExpectColumnValuesToNotBeNull(column=col))
        for c in STATEMENTS.columns if c.required and c.dtype != "string[]"
    ],
    Rule("source_known", "statements", ERROR, "Source is one of the assemblies covered.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="source", value_set=list(SOURCES))),
    Rule("doc_type_known", "statements", ERROR, "Document type is one of the published types.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="doc_type", value_set=list(DOC_TYPES))),
    Rule("declared_total_matches", "statements", ERROR,
         "Where a complete document states its number of signatories, we recorded that many.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="total_matches", value_set=[True]),
         derive=_total_mismatch),
]
