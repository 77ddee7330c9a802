"""The signature timeline of written declarations, from every version fetched of a page.

A written declaration collects signatures until the end of the next part-session, so the
same page is fetched again and each new content kept as a version. Comparing the
versions tells when each signature first appeared and, if it was withdrawn, when it was
last seen. Pure: flat frames of every version read in, rows out.
"""

from __future__ import annotations

import polars as pl

from hemicycle.lexicon import lookup
from hemicycle.schema import SIGNATURE_TIMELINE
from hemicycle.vocab import CountryVocabulary, fold

OBSERVATION_SCHEMA = pl.Schema({"doc_seq": pl.Int64(), "url": pl.String(), "version": pl.Int64(),
                                "first_seen": pl.String(), "last_seen": pl.String()})


def _signer(family_or_name: str, given: str | None, country_label: str | None) -> tuple[str, str | None]:
    """(signer key, country code): the signer within a declaration, stable across versions."""
    country = CountryVocabulary.load().resolve(country_label)
    return f"{fold(family_or_name)}|{fold(given or '')}|{country or fold(country_label or '')}", country


def timeline(statements: pl.DataFrame, signatories: pl.DataFrame, observations: pl.DataFrame,
             versions: pl.DataFrame, signatures: pl.DataFrame) -> pl.DataFrame:
    """One row per signer of each written declaration in ``statements``, over the versions of
    its primary page.

    ``observations``: every version read of the pages (OBSERVATION_SCHEMA); ``versions`` and
    ``signatures``: the flat frames of what they parsed to (current or not, kept or not);
    ``signatories``: the published rows, for the id of a signature still listed.
    """
    declarations = statements.filter(pl.col("doc_type") == "written_declaration") \
        .select("statement_id", "source", "year", "url")
    seen = observations.join(declarations.select("url").unique(), on="url").sort("url", "version", "doc_seq") \
        .with_columns(index=pl.int_range(pl.len()).over("url"), versions_seen=pl.len().over("url"))
    listing = versions.join(declarations.select("statement_id", "url"), on=["statement_id", "url"]) \
        .sort("doc_seq", "k").unique(subset=["doc_seq", "statement_id"], keep="first", maintain_order=True) \
        .join(seen.select("doc_seq", "index", "first_seen", "last_seen"), on="doc_seq") \
        .select("seq", "statement_id", "index", "first_seen", "last_seen")
    signed = signatures.join(listing, on=["seq", "statement_id"]).with_columns(
        family_or_name=pl.when(pl.col("family_name").is_null() | (pl.col("family_name") == ""))
        .then(pl.col("name")).otherwise(pl.col("family_name")))
    signed = lookup(signed, ["family_or_name", "given_name", "country_label"], _signer,
                    {"signer_key": pl.String(), "country_code": pl.String()}).sort("statement_id", "index", "i")
    by_signer = signed.group_by("statement_id", "signer_key").agg(
        pl.col("first_seen").first(), versions_listed=pl.col("index").n_unique().cast(pl.Int64),
        name=pl.col("name").last(), position=pl.col("position").last(), last_index=pl.col("index").last(),
        last_seen=pl.col("last_seen").last(), country_code=pl.col("country_code").last())
    published = signatories.select("statement_id", "position", "signatory_id")
    rows = by_signer.join(declarations, on="statement_id") \
        .join(seen.group_by("url").agg(pl.col("versions_seen").first()), on="url") \
        .with_columns(listed_now=pl.col("last_index") == pl.col("versions_seen") - 1) \
        .join(published, on=["statement_id", "position"], how="left") \
        .with_columns(last_seen=pl.when(pl.col("listed_now")).then(None).otherwise(pl.col("last_seen")),
                      signatory_id=pl.when(pl.col("listed_now")).then(pl.col("signatory_id")))
    return rows.select(SIGNATURE_TIMELINE.column_names).cast(SIGNATURE_TIMELINE.polars_schema()) \
        .sort(*SIGNATURE_TIMELINE.key)
