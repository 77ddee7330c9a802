"""Rules for the ``signatories`` table."""

from __future__ import annotations

import polars as pl

from expectations.rules import ERROR, WARN, Rule
from hemicycle.schema import SIGNATORIES
from hemicycle.vocab import CountryVocabulary, GroupVocabulary


def _unresolved(df: pl.DataFrame) -> pl.DataFrame:
    printed = lambda c: pl.col(c).is_not_null() & (pl.col(c).str.strip_chars() != "")  # noqa: E731
    return df.with_columns(
        country_resolved=~(printed("country_label") & pl.col("country_code").is_null()),
        group_resolved=~(printed("group_label") & pl.col("group_code").is_null()),
    )


def _group_codes() -> list[str]:
    vocab = GroupVocabulary.load()
    return sorted({g.code for g in vocab.groups})


RULES: list[Rule] = [
    Rule("signatory_id_unique", "signatories", ERROR, "Each signature appears once.",
         lambda gxe: gxe.ExpectColumnValuesToBeUnique(column="signatory_id")),
    *[
        Rule(f"{c.name}_not_null", "signatories", ERROR, f"`{c.name}` is always filled.",
             lambda gxe, col=c.name: gxe.ExpectColumnValuesToNotBeNull(column=col))
        for c in SIGNATORIES.columns if c.required
    ],
    Rule("kind_known", "signatories", ERROR, "A signatory is a person or a group.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="kind", value_set=["person", "group"])),
    Rule("country_code_valid", "signatories", ERROR,
         "Country codes are ISO 3166-1 alpha-2 (or XK for Kosovo).",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(
             column="country_code", value_set=sorted(CountryVocabulary.load().codes))),
    Rule("group_code_in_vocabulary", "signatories", ERROR,
         "Group codes come from the group vocabulary.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="group_code", value_set=_group_codes())),
    Rule("country_resolved", "signatories", WARN,
         "Every printed country was recognised (else the code is left empty).",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="country_resolved", value_set=[True]),
         derive=_unresolved),
    Rule("group_resolved", "signatories", WARN,
         "Every printed group was recognised (else the code is left empty).",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="group_resolved", value_set=[True]),
         derive=_unresolved),
]
