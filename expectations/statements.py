"""Rules for the ``statements`` table."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from expectations.rules import ERROR, RELEASE, WARN, Rule, not_null
from hemicycle.flat import PRIMARY_DOC_TYPES
from hemicycle.records import DOC_TYPES, INCOMPLETE_REASONS, SOURCES
from hemicycle.schema import STATEMENTS
from hemicycle.vocab import assembly_first_sittings, pace_thresholds, row_bounds

PRIMARY = ["written_declaration", "motion_resolution", "motion_recommendation"]


def _total_mismatch(df: pl.DataFrame) -> pl.DataFrame:
    return df.with_columns(
        total_matches=(pl.col("declared_total").is_null() | ~pl.col("signatories_complete")
                       | (pl.col("declared_total") == pl.col("signatory_count")))
    )


def _empty_but_complete(df: pl.DataFrame) -> pl.DataFrame:
    return df.with_columns(not_empty_and_complete=~(
        pl.col("doc_type").is_in(sorted(PRIMARY_DOC_TYPES)) & pl.col("signatories_complete")
        & (pl.col("signatory_count") == 0)))


def _reason_given(df: pl.DataFrame) -> pl.DataFrame:
    reasons = pl.col("incomplete_reasons").fill_null([])
    return df.with_columns(
        reason_iff_incomplete=pl.col("signatories_complete") == (reasons.list.len() == 0),
        reasons_known=reasons.list.eval(pl.element().is_in(list(INCOMPLETE_REASONS))).list.all())


def _date_in_life(df: pl.DataFrame) -> pl.DataFrame:
    first = pl.col("source").replace_strict(
        dict(assembly_first_sittings()), default=None, return_dtype=pl.Date)
    return df.with_columns(date_in_life=pl.col("date").is_null() | (
        (pl.col("date") >= first) & (pl.col("date") <= dt.date.today())))


def _doc_no_order(df: pl.DataFrame) -> pl.DataFrame:
    """A PACE document number lower than one of an earlier date is out of order."""
    numbered = df.filter((pl.col("source") == "pace") & pl.col("doc_type").is_in(PRIMARY)
                         & pl.col("date").is_not_null() & pl.col("doc_no").str.contains(r"^\d+$"))
    ordered = numbered.with_columns(num=pl.col("doc_no").cast(pl.Int64)).sort("date", "num")
    earlier_max: dict[str, int] = {}
    best, by_date = 0, {}
    for day, group in ordered.group_by("date", maintain_order=True):
        by_date[day[0]] = best
        top = group["num"].max()  # an Int64 column of a group of one row or more
        if isinstance(top, int):
            best = max(best, top)
    for row in ordered.iter_rows(named=True):
        earlier_max[row["statement_id"]] = by_date[row["date"]]
    return df.with_columns(doc_no_in_order=pl.struct("statement_id", "doc_no").map_elements(
        lambda r: not (r["statement_id"] in earlier_max and int(r["doc_no"]) < earlier_max[r["statement_id"]]),
        return_dtype=pl.Boolean))


def _threshold(df: pl.DataFrame) -> pl.DataFrame:
    def met(row: dict[str, Any]) -> bool:
        if row["source"] != "pace" or not row["signatories_complete"] or row["date"] is None \
                or row["signatory_count"] is None or row["country_count"] is None:
            return True
        for period in pace_thresholds():
            if period.key == row["doc_type"] and period.covers(row["date"]):
                signatories, delegations = period.values
                return bool(row["signatory_count"] >= signatories and row["country_count"] >= delegations)
        return True

    cols = ["source", "doc_type", "date", "signatories_complete", "signatory_count", "country_count"]
    return df.with_columns(threshold_met=pl.struct(cols).map_elements(met, return_dtype=pl.Boolean))


def _titled(df: pl.DataFrame) -> pl.DataFrame:
    """European Parliament statements always carry a title (printed, or type and number)."""
    title = pl.col("title").fill_null("").str.strip_chars()
    return df.with_columns(ep_titled=(pl.col("source") != "ep") | (title != ""))


def _volume(df: pl.DataFrame) -> pl.DataFrame:
    bounds = row_bounds()
    per_year = df.group_by("source", "year").len("in_source_year")
    return df.join(per_year, on=["source", "year"], how="left", nulls_equal=True).with_columns(
        under_year_maximum=pl.struct("source", "in_source_year").map_elements(
            lambda r: r["in_source_year"] <= bounds.get(r["source"], (0, 10**9))[1],
            return_dtype=pl.Boolean))


def _source_volume(df: pl.DataFrame) -> pl.DataFrame:
    minimum = pl.col("source").replace_strict({s: low for s, (low, _) in row_bounds().items()},
                                              default=0, return_dtype=pl.Int64)
    in_source = pl.len().over("source")
    return df.with_columns(in_source=in_source, at_least_minimum=in_source >= minimum)


RULES: list[Rule] = [
    Rule("statement_id_unique", "statements", ERROR, "Each statement appears once.",
         lambda gxe: gxe.ExpectColumnValuesToBeUnique(column="statement_id")),
    *[
        Rule(f"{c.name}_not_null", "statements", ERROR, f"`{c.name}` is always filled.",
             not_null(c.name))
        for c in STATEMENTS.columns if c.required and c.dtype != "string[]"
    ],
    Rule("source_known", "statements", ERROR, "Source is one of the assemblies covered.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="source", value_set=list(SOURCES))),
    Rule("every_source_present", "statements", ERROR,
         "Both assemblies are in the run (a missing source blocks the release).",
         lambda gxe: gxe.ExpectColumnDistinctValuesToContainSet(
             column="source", value_set=[s for s, (low, _) in row_bounds().items() if low > 0]),
         scope=RELEASE),
    Rule("statements_per_source_above_minimum", "statements", ERROR,
         "Each assembly has at least the statements a healthy run yields (data/vocab/row_bounds.csv; "
         "fewer means a broken fetch or parser and blocks the release).",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="at_least_minimum", value_set=[True]),
         derive=_source_volume, show=("source", "in_source"), scope=RELEASE),
    Rule("statements_per_year_below_maximum", "statements", WARN,
         "No source has more statements in a year than it could publish (data/vocab/row_bounds.csv).",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="under_year_maximum", value_set=[True]),
         derive=_volume, show=("source", "year", "in_source_year")),
    Rule("ep_statement_has_title", "statements", ERROR,
         "Every European Parliament statement has a title people can read (as printed in its "
         "language, else its document type and number).",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="ep_titled", value_set=[True]),
         derive=_titled, show=("statement_id", "url")),
    Rule("doc_type_known", "statements", ERROR, "Document type is one of the published types.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="doc_type", value_set=list(DOC_TYPES))),
    Rule("date_within_assembly_life", "statements", ERROR,
         "Dates fall between the assembly's first sitting and today.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="date_in_life", value_set=[True]),
         derive=_date_in_life, show=("statement_id", "date")),
    Rule("declared_total_matches", "statements", ERROR,
         "Where a complete document states its number of signatories, we recorded that many.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="total_matches", value_set=[True]),
         derive=_total_mismatch),
    Rule("primary_statement_never_complete_when_empty", "statements", ERROR,
         "A written declaration or motion is never published as complete with no signatory "
         "(one whose list could not be read is quarantined with rule `list_unread`).",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="not_empty_and_complete", value_set=[True]),
         derive=_empty_but_complete, show=("statement_id", "doc_type", "signatory_count")),
    Rule("incomplete_exactly_when_a_reason_is_given", "statements", ERROR,
         "`signatories_complete` is false exactly when `incomplete_reasons` gives a reason.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="reason_iff_incomplete", value_set=[True]),
         derive=_reason_given, show=("statement_id", "signatories_complete", "incomplete_reasons")),
    Rule("incomplete_reasons_known", "statements", ERROR,
         "Every reason in `incomplete_reasons` is one the schema documents.",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="reasons_known", value_set=[True]),
         derive=_reason_given, show=("statement_id", "incomplete_reasons")),
    Rule("doc_numbers_follow_dates", "statements", WARN,
         "PACE document numbers grow with dates (a lower number than an earlier document's "
         "suggests a misread number or date).",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="doc_no_in_order", value_set=[True]),
         derive=_doc_no_order, show=("statement_id", "date")),
    Rule("signature_threshold_met", "statements", WARN,
         "PACE declarations and motions have the signatories and delegations the Rules of "
         "Procedure require at their date (warning: signatures are added after tabling).",
         lambda gxe: gxe.ExpectColumnValuesToBeInSet(column="threshold_met", value_set=[True]),
         derive=_threshold, show=("statement_id", "signatory_count", "country_count")),
]
