"""Rules for ``statement_stances``: every stance shows its evidence, and one statement never
both praises and criticises a state unless it says so (``mixed``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl

from expectations.rules import ERROR, WARN, Rule
from hemicycle.schema import STATEMENT_STANCES
from hemicycle.stance import CONFIDENCES, STANCES

UNKNOWN_AT_MOST = 0.5  # warn when more than half the stances are "unknown"


def _not_null(column: str) -> Callable[[Any], Any]:
    return lambda gxe: gxe.ExpectColumnValuesToNotBeNull(column=column)


def _evidence(df: pl.DataFrame) -> pl.DataFrame:
    return df.with_columns(has_evidence=pl.col("evidence").fill_null("").str.strip_chars() != "")


def _one_verdict(df: pl.DataFrame) -> pl.DataFrame:
    """A (statement, state) read both as praise and as criticism, on any rows, is a
    contradiction the table must not publish: the rules say ``mixed`` instead."""
    stances = pl.col("stance").is_in(["praise", "criticism"])
    both = pl.col("stance").filter(stances).n_unique().over("statement_id", "country_code") > 1
    return df.with_columns(praise_and_criticism_only_as_mixed=~both.fill_null(False))


RULES: list[Rule] = [
    Rule("one_stance_per_target", "statement_stances", ERROR,
         "One row per statement and target state.",
         lambda gxe: gxe.ExpectCompoundColumnsToBeUnique(column_list=["statement_id", "country_code"])),
    *[
        Rule(f"{c.name}_not_null", "statement_stances", ERROR, f"`{c.name}` is always filled.",
             _not_null(c.name))
        for c in STATEMENT_STANCES.columns if c.required
    ],
    Rule("stance_known", "statement_stances", ERROR,
         "The stance is one of praise, criticism, mixed, neutral, solidarity, unknown.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="stance", value_set=list(STANCES))),
    Rule("confidence_known", "statement_stances", ERROR, "The confidence is high, medium or low.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="confidence", value_set=list(CONFIDENCES))),
    Rule("stance_has_evidence", "statement_stances", ERROR,
         "Every stance quotes the words of the text that decide it (for unknown, the words "
         "that name the state).",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="has_evidence", value_set=[True]),
         derive=_evidence, show=("statement_id", "country_code", "stance", "evidence")),
    Rule("praise_and_criticism_only_as_mixed", "statement_stances", ERROR,
         "A statement that praises and criticises the same state is published as `mixed`, "
         "never as both.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="praise_and_criticism_only_as_mixed",
                                                      value_set=[True]),
         derive=_one_verdict, show=("statement_id", "country_code", "stance")),
    Rule("unknown_share", "statement_stances", WARN,
         f"At most {UNKNOWN_AT_MOST:.0%} of the stances are `unknown` (the text at hand does not "
         "tell); the check's counts give the share.",
         lambda gxe: gxe.ExpectColumnValuesToNotBeInSet(column="stance", value_set=["unknown"],
                                                        mostly=1 - UNKNOWN_AT_MOST),
         show=("statement_id", "country_code", "evidence")),
]
