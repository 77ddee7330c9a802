"""Rules for the ``groups`` table: the group vocabulary checked as data."""

from __future__ import annotations

import polars as pl

from expectations.rules import ERROR, WARN, Rule, not_null
from hemicycle.records import SOURCES
from hemicycle.schema import GROUPS


def _lineage_overlap(df: pl.DataFrame) -> pl.DataFrame:
    """A code that starts before the previous code of its lineage ended (or that follows one
    still open) overlaps it."""
    ordered = df.sort("group_id", "valid_from", nulls_last=False).with_columns(
        previous_end=pl.col("valid_to").shift(1).over("group_id"),
        first_of_lineage=pl.int_range(pl.len()).over("group_id") == 0)
    return ordered.with_columns(after_previous=pl.col("first_of_lineage")
                                | (pl.col("valid_from") > pl.col("previous_end")).fill_null(False))


RULES: list[Rule] = [
    Rule("code_unique_per_source", "groups", ERROR, "A code names one group period per assembly.",
         lambda gxe: gxe.ExpectCompoundColumnsToBeUnique(column_list=["source", "code"])),
    *[
        Rule(f"{c.name}_not_null", "groups", ERROR, f"`{c.name}` is always filled.",
             not_null(c.name))
        for c in GROUPS.columns if c.required and c.dtype != "string[]"
    ],
    Rule("source_known", "groups", ERROR, "Groups belong to an assembly covered.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="source", value_set=list(SOURCES))),
    Rule("period_ordered", "groups", ERROR, "A group's code ends after it starts.",
         lambda gxe: gxe.ExpectColumnPairValuesAToBeGreaterThanB(
             column_A="valid_to", column_B="valid_from", or_equal=True,
             ignore_row_if="either_value_is_missing"),
         show=("source", "code", "valid_from", "valid_to")),
    Rule("lineage_periods_do_not_overlap", "groups", ERROR,
         "The successive codes of one group (renames) never hold at the same time, so a date "
         "gives one code.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="after_previous", value_set=[True]),
         derive=_lineage_overlap, show=("group_id", "code", "valid_from", "previous_end")),
    Rule("cited", "groups", WARN, "Every group's names and dates cite a source.",
         lambda gxe: gxe.ExpectColumnValuesToNotBeNull(column="citation")),
]
