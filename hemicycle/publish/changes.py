"""CHANGES.md: statements and signatures added, removed or changed since the previous release.

It also measures what a release loses: for each statement of the previous release, the
signatures it no longer has (``signature_loss``), which the publisher compares with the
share it allows before a release may replace the previous one.

A statement is identified by ``statement_id``. A signature is identified by its statement
and the person who signed (with a counter should one person sign one statement twice), not
by its position, so that one name inserted in a list reads as one signature added rather
than every later signature changed. Provenance columns (url, raw_sha256) are not compared:
a page fetched again with the same content is no change to the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

STATEMENT_FIELDS = ("doc_type", "doc_no", "number", "date", "title", "title_en", "title_fr",
                    "languages", "source_urls", "declared_total", "signatory_count",
                    "signatories_complete", "versions_agree", "country_count", "group_count",
                    "file_id", "term", "procedure", "reports_statement_id")
SIGNATURE_FIELDS = ("kind", "name", "country_code", "group_code")
LISTED = 500  # rows listed per section; the counts are always complete


@dataclass
class Diff:
    added: pl.DataFrame
    removed: pl.DataFrame
    changed: pl.DataFrame  # key columns + `fields`: the names of the columns that differ


@dataclass
class Loss:
    """Signatures of the previous release that a new one no longer has, per statement."""

    previous_signatures: int
    statements: pl.DataFrame  # statement_id, before, after, lost, names (signers no longer listed)

    @property
    def lost(self) -> int:
        return int(self.statements["lost"].sum()) if self.statements.height else 0

    @property
    def share(self) -> float:
        return self.lost / self.previous_signatures if self.previous_signatures else 0.0


@dataclass
class Changes:
    version: str
    previous: str | None
    statements: Diff | None = None
    signatures: Diff | None = None
    totals: dict[str, int] = field(default_factory=dict)
    loss: Loss | None = None


def diff_frames(old: pl.DataFrame, new: pl.DataFrame, key: list[str], fields: tuple[str, ...]) -> Diff:
    old = old.with_columns(pl.lit(True).alias("_old"))
    new = new.with_columns(pl.lit(True).alias("_new"))
    joined = new.join(old, on=key, how="full", coalesce=True, suffix="_was")
    added = joined.filter(pl.col("_old").is_null()).select(new.columns).drop("_new")
    removed = joined.filter(pl.col("_new").is_null()).select(
        key + [pl.col(f"{c}_was").alias(c) for c in old.columns if c not in key and c != "_old"])
    both = joined.filter(pl.col("_old") & pl.col("_new"))
    # a column the previous release did not have yet is no change of any row
    differs = [pl.when(pl.col(c).ne_missing(pl.col(f"{c}_was"))).then(pl.lit(c))
               for c in fields if c in new.columns and c in old.columns]
    changed = (both.with_columns(pl.concat_list(differs).list.drop_nulls().alias("fields"))
               .filter(pl.col("fields").list.len() > 0)) if differs else \
        both.clear().with_columns(pl.lit([], dtype=pl.List(pl.String)).alias("fields"))
    return Diff(added=added.sort(key), removed=removed.sort(key), changed=changed.sort(key))


def _signature_keys(df: pl.DataFrame) -> pl.DataFrame:
    return df.sort("statement_id", "position").with_columns(
        pl.int_range(pl.len()).over("statement_id", "person_id").alias("occurrence"))


def signature_loss(old: pl.DataFrame, new: pl.DataFrame) -> Loss:
    """Per statement of ``old`` (signatories), how many signatures ``new`` lacks: a statement
    gone loses all; signatures moved from one person to another are not lost, and gains in one
    statement do not make up for losses in another."""
    before = old.group_by("statement_id").agg(before=pl.len().cast(pl.Int64))
    after = new.group_by("statement_id").agg(after=pl.len().cast(pl.Int64))
    gone = _signature_keys(old).join(_signature_keys(new), on=["statement_id", "person_id", "occurrence"],
                                     how="anti").sort("statement_id", "position") \
        .group_by("statement_id", maintain_order=True).agg(names=pl.col("name"))
    losing = before.join(after, on="statement_id", how="left") \
        .with_columns(pl.col("after").fill_null(0)) \
        .with_columns(lost=pl.col("before") - pl.col("after")).filter(pl.col("lost") > 0) \
        .join(gone, on="statement_id", how="left") \
        .with_columns(pl.col("names").fill_null(pl.lit([], dtype=pl.List(pl.String))))
    return Loss(previous_signatures=old.height,
                statements=losing.sort(["lost", "statement_id"], descending=[True, False]))


def compare(version: str, previous: str | None, new: dict[str, pl.DataFrame],
            old: dict[str, pl.DataFrame] | None) -> Changes:
    changes = Changes(version=version, previous=previous,
                      totals={"statements": new["statements"].height,
                              "signatures": new["signatories"].height})
    if old is None:
        return changes
    changes.statements = diff_frames(old["statements"], new["statements"], ["statement_id"],
                                     STATEMENT_FIELDS)
    changes.signatures = diff_frames(_signature_keys(old["signatories"]),
                                     _signature_keys(new["signatories"]),
                                     ["statement_id", "person_id", "occurrence"], SIGNATURE_FIELDS)
    changes.loss = signature_loss(old["signatories"], new["signatories"])
    return changes


def loss_line(row: dict[str, Any], names: int = 5) -> str:
    """``pace:14538: 24 → 20 signatures (-4: OMTZIGT Pieter, …)``."""
    shown = list(row["names"] or [])
    listed = ", ".join(shown[:names]) + (f", … {len(shown) - names} more" if len(shown) > names else "")
    return (f"{row['statement_id']}: {row['before']} → {row['after']} signatures (-{row['lost']}"
            + (f": {listed})" if listed else ")"))


def _statement_line(row: dict[str, Any]) -> str:
    date = row.get("date") or "undated"
    title = (row.get("title") or "").strip()
    title = title if len(title) <= 90 else title[:89] + "…"
    return f"- `{row['statement_id']}` {date}: {title} ({row.get('signatory_count')} signatures)"


def _signature_line(row: dict[str, Any]) -> str:
    where = ", ".join(x for x in (row.get("country_code"), row.get("group_code")) if x)
    return f"- `{row['statement_id']}` {row.get('name')}" + (f" ({where})" if where else "")


def _section(title: str, frame: pl.DataFrame, line: Callable[[dict[str, Any]], str]) -> list[str]:
    if frame.is_empty():
        return []
    rows = frame.head(LISTED).to_dicts()
    out = [f"## {title} ({frame.height})", ""] + [line(r) for r in rows]
    if frame.height > LISTED:
        out.append(f"- … and {frame.height - LISTED} more (compare the two releases' tables "
                   "for the full list)")
    return out + [""]


def render(changes: Changes) -> str:
    lines = [f"# Changes in {changes.version}", ""]
    if changes.statements is None or changes.signatures is None:
        lines += [f"First release: {changes.totals['statements']} statements and "
                  f"{changes.totals['signatures']} signatures.", ""]
        return "\n".join(lines)
    st, sg = changes.statements, changes.signatures
    lines += [f"Compared with the previous release, {changes.previous}: now "
              f"{changes.totals['statements']} statements and {changes.totals['signatures']} "
              "signatures.", "",
              "| | added | removed | changed |", "| --- | ---: | ---: | ---: |",
              f"| statements | {st.added.height} | {st.removed.height} | {st.changed.height} |",
              f"| signatures | {sg.added.height} | {sg.removed.height} | {sg.changed.height} |", ""]
    if not any(d.height for d in (st.added, st.removed, st.changed, sg.added, sg.removed, sg.changed)):
        lines += ["No statement or signature changed.", ""]
    lines += _section("Statements added", st.added, _statement_line)
    lines += _section("Statements removed", st.removed, _statement_line)
    lines += _section("Statements changed", st.changed,
                      lambda r: f"- `{r['statement_id']}`: {', '.join(r['fields'])}")
    lines += _section("Signatures added", sg.added, _signature_line)
    lines += _section("Signatures removed", sg.removed, _signature_line)
    if changes.loss is not None and changes.loss.lost:
        loss = changes.loss
        lines += [f"Signatures lost: {loss.lost} of the previous release's {loss.previous_signatures} "
                  f"({loss.share:.1%}).", ""]
        lines += _section("Statements that lost signatures", loss.statements,
                          lambda r: f"- `{r['statement_id']}`" + loss_line(r).removeprefix(r["statement_id"]))
    lines += _section("Signatures changed", sg.changed,
                      lambda r: _signature_line(r) + ": " + ", ".join(
                          f"{f} {r[f + '_was']} → {r[f]}" for f in r["fields"]))
    return "\n".join(lines)
