"""The ``groups`` table: the group vocabulary as data, with how often each group signed.

Publishing the vocabulary beside the signatures lets users see which label became which
code, for which period and on whose authority, and check it with the same rules as data.
"""

from __future__ import annotations

from collections import Counter

import polars as pl

from hemicycle.schema import GROUPS
from hemicycle.vocab import GroupVocabulary


def group_rows(vocabulary: GroupVocabulary, signatory_rows: list[dict]) -> pl.DataFrame:
    signatures = Counter((r["source"], r["group_code"]) for r in signatory_rows if r["group_code"])
    signed = {(r["source"], r["group_code"], r["statement_id"]) for r in signatory_rows if r["group_code"]}
    statements = Counter((source, code) for source, code, _ in signed)
    rows = [{
        "group_id": g.group_id, "source": g.source, "code": g.code, "name_en": g.name_en,
        "name_fr": g.name_fr or None, "valid_from": g.valid_from, "valid_to": g.valid_to,
        "labels": vocabulary.labels(g.source, g.code), "citation": g.citation or None,
        "signatories": signatures[(g.source, g.code)],
        "statements": statements[(g.source, g.code)],
    } for g in vocabulary.groups]
    return GROUPS.conform(rows).sort("source", "code")
