"""Rules for the ``signatories`` table."""

from __future__ import annotations

from typing import Any

import polars as pl

from expectations.rules import ERROR, WARN, Rule, not_null
from hemicycle.lexicon import lookup
from hemicycle.schema import SIGNATORIES
from hemicycle.vocab import CountryVocabulary, GroupVocabulary, pace_status


def _printed(column: str) -> pl.Expr:
    return pl.col(column).is_not_null() & (pl.col(column).str.strip_chars() != "")


def _unresolved(df: pl.DataFrame) -> pl.DataFrame:
    return df.with_columns(
        country_resolved=~(_printed("country_label") & pl.col("country_code").is_null()),
        group_resolved=~(_printed("group_label") & pl.col("group_code").is_null()),
    )


UNRESOLVED_READS = ("country_label", "country_code", "group_label", "group_code")


def _valid_at_date(df: pl.DataFrame) -> pl.DataFrame:
    vocab = GroupVocabulary.load()

    def group_ok(row: dict[str, Any]) -> bool:
        if row["group_code"] is None or row["date"] is None:
            return True
        return vocab.group(row["source"], row["group_code"]).valid_on(row["date"])

    def country_ok(row: dict[str, Any]) -> bool:
        if row["source"] != "pace" or row["country_code"] is None or row["date"] is None:
            return True
        return pace_status(row["country_code"], row["date"]) is not None

    # each rule once per distinct (source, code, date): signatures of a statement share them
    df = lookup(df, ["source", "group_code", "date"],
                lambda source, group, date: group_ok({"source": source, "group_code": group, "date": date}),
                {"group_valid_at_date": pl.Boolean()})
    return lookup(df, ["source", "country_code", "date"],
                  lambda source, country, date: country_ok({"source": source, "country_code": country, "date": date}),
                  {"country_may_sign": pl.Boolean()})


VALID_AT_DATE_READS = ("source", "group_code", "country_code", "date")


def _group_codes() -> list[str]:
    vocab = GroupVocabulary.load()
    return sorted({g.code for g in vocab.groups})


RULES: list[Rule] = [
    Rule("signatory_id_unique", "signatories", ERROR, "Each signature appears once.",
         lambda gxe: gxe.ExpectColumnValuesToBeUnique(column="signatory_id")),
    *[
        Rule(f"{c.name}_not_null", "signatories", ERROR, f"`{c.name}` is always filled.",
             not_null(c.name))
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
    Rule("group_valid_at_date", "signatories", WARN,
         "The group existed under that code at the statement's date.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="group_valid_at_date", value_set=[True]),
         derive=_valid_at_date, reads=VALID_AT_DATE_READS, show=("signatory_id", "group_code", "date")),
    Rule("country_member_at_date", "signatories", WARN,
         "PACE signatories come from a member state, observer, partner or guest at that date "
         "(data/vocab/pace_members.csv).",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="country_may_sign", value_set=[True]),
         derive=_valid_at_date, reads=VALID_AT_DATE_READS, show=("signatory_id", "country_code", "date")),
    Rule("country_resolved", "signatories", WARN,
         "Every printed country was recognised (else the code is left empty).",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="country_resolved", value_set=[True]),
         derive=_unresolved, reads=UNRESOLVED_READS),
    Rule("group_resolved", "signatories", WARN,
         "Every printed group was recognised (else the code is left empty).",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="group_resolved", value_set=[True]),
         derive=_unresolved, reads=UNRESOLVED_READS),
]
