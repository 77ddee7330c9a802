"""The ``groups`` table: the group vocabulary as data, with how often each group signed.

Publishing the vocabulary beside the signatures lets users see which label became which
code, for which period and on whose authority, and check it with the same rules as data.
"""

from __future__ import annotations

import polars as pl

from hemicycle.schema import GROUPS
from hemicycle.vocab import GroupVocabulary


def group_rows(vocabulary: GroupVocabulary, signatories: pl.LazyFrame) -> pl.LazyFrame:
    """Every group of the vocabulary, with the signatures and statements ``signatories``
    (rows of the table, any number of assemblies) record under its code."""
    signed = signatories.filter(pl.col("group_code").is_not_null()).group_by("source", "group_code").agg(
        signatories=pl.len().cast(pl.Int64), statements=pl.col("statement_id").n_unique().cast(pl.Int64))
    rows = [{
        "group_id": g.group_id, "source": g.source, "code": g.code, "name_en": g.name_en,
        "name_fr": g.name_fr or None, "valid_from": g.valid_from, "valid_to": g.valid_to,
        "labels": vocabulary.labels(g.source, g.code), "citation": g.citation or None,
        "signatories": 0, "statements": 0,
    } for g in vocabulary.groups]
    table = GROUPS.conform(rows).drop("signatories", "statements").lazy()
    return table.join(signed, left_on=["source", "code"], right_on=["source", "group_code"], how="left") \
        .with_columns(pl.col("signatories", "statements").fill_null(0)) \
        .select(GROUPS.column_names).sort("source", "code")
