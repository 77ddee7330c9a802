"""The clean stage of one assembly, streamed: parse in batches, normalise per bucket, write parts.

Memory holds one batch of documents, then one bucket of statements, never the whole run:

1. the raw index is read in batches of documents; each document is parsed through the
   parse cache, the batch is flattened (``hemicycle.flat``) and its frames are spilled to
   Parquet under a work folder, split into buckets by statement id, so that every language
   version of a statement lands in the same bucket;
2. each bucket is normalised alone (``hemicycle.normalise``), with its signature timeline;
   its tables are spilled again, split by year;
3. persons are resolved over the signatures of every bucket, against the assembly's roster,
   the one global step: the signatures and the counts of the statements take what it
   fills in (the member's country and group);
4. each table is written as it will be published, one file per ``source=/year=`` slice
   sorted by key, with the content hash of each slice (``hemicycle.parts``).

Everything is built in a folder of its own and made current by renaming a link, so a
reader sees the previous build or this one, never a mixture.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from hemicycle.fetch.store import RawStore
from hemicycle.files import replace_symlink
from hemicycle.flat import SIGNATURE_SCHEMA, VERSION_SCHEMA, Reading, flatten
from hemicycle.normalise import (
    SOURCE_REF_SCHEMA,
    link_reports,
    normalise,
    people_tables,
    recount,
    report_links,
    statement_counts,
)
from hemicycle.parse.cache import ParseCache
from hemicycle.parts import WHOLE, TableParts, slice_dir, write_slice
from hemicycle.people.roster import RosterTables
from hemicycle.persons import apply_fills, attribute
from hemicycle.records import RawDocument
from hemicycle.schema import QUARANTINE, SIGNATORIES, TABLES
from hemicycle.timeline import OBSERVATION_SCHEMA, timeline

BATCH_DOCUMENTS = 1000  # documents parsed and flattened together
BUCKET_DOCUMENTS = 3000  # documents' worth of statements normalised together
BUCKETED = ("statements", "signatories", "statement_versions", "statement_countries",
            "statement_stances", "signature_timeline")


# the quarantine of a partition -> (with its first_seen dates, the rows released this run)
FinishQuarantine = Callable[[pl.DataFrame], tuple[pl.DataFrame, list[dict[str, str]]]]


@dataclass
class CleanResult:
    parts: dict[str, TableParts]
    parsed: int  # documents parsed (parse-cache misses)
    cached: int  # documents whose parse result came from the cache
    released: list[dict[str, str]] = field(default_factory=list)  # quarantine rows released this run


def _bucket(statement_id: str, buckets: int) -> int:
    return zlib.crc32(statement_id.encode()) % buckets


class _Spill:
    """Frames written to a work folder under a name, read back together."""

    def __init__(self, root: Path):
        self.root = root
        self.count = 0

    def put(self, name: str, frame: pl.DataFrame) -> None:
        if frame.height:
            path = self.root / name / f"{self.count:06d}.parquet"
            path.parent.mkdir(parents=True, exist_ok=True)
            frame.write_parquet(path, compression="lz4", statistics=False)
            self.count += 1

    def get(self, name: str, schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
        files = sorted((self.root / name).glob("*.parquet"))
        if not files:
            return pl.DataFrame(schema=schema)
        return pl.read_parquet(files)

    def names(self, prefix: str) -> list[str]:
        folder = self.root / prefix
        return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


PARSE_BATCH = 64  # documents handed to the parse worker together


def _readings(index: pl.DataFrame, store: RawStore, cache: ParseCache,
              progress: Callable[[int], None]) -> Iterator[Reading]:
    for rows in index.iter_slices(PARSE_BATCH):
        rows_ = rows.to_dicts()
        raws = [RawDocument(source=row["source"], url=row["url"], content=store.get(row["raw_sha256"]),
                            content_type=row["content_type"], fetched_at=row["fetched_at"],
                            sha256=row["raw_sha256"]) for row in rows_]
        for row, parsed in zip(rows_, cache.parse_many(raws), strict=True):
            yield Reading(parsed, current=bool(row["current"]))
        progress(len(rows_))


def _batches(items: Iterable[Reading], size: int) -> Iterator[list[Reading]]:
    batch: list[Reading] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def clean_partition(partition: str, index: pl.DataFrame, store: RawStore, cache: ParseCache,
                    target: Path, today: dt.date | None = None,
                    finish_quarantine: FinishQuarantine | None = None,
                    progress: Callable[[int], None] = lambda n: None,
                    batch_documents: int = BATCH_DOCUMENTS,
                    roster: RosterTables | None = None) -> CleanResult:
    """Every clean table of one assembly from its raw index, as parts under ``target``.

    ``roster``: the assembly's members and memberships, which persons are resolved against
    and which are written beside the other tables.

    ``target`` is a link made to point at the new build once it is complete.
    ``finish_quarantine`` may rewrite the quarantine rows before they are written (the
    ledger of first sightings) and return what it released."""
    today = today or dt.date.today()
    builds = target.parent / ".builds"
    build = builds / f"{target.name}-{uuid.uuid4().hex[:12]}"
    work = build / ".work"
    spill = _Spill(work)
    try:
        index = index.with_row_index("doc_seq").with_columns(pl.col("doc_seq").cast(pl.Int64))
        buckets = max(1, math.ceil(index.height / BUCKET_DOCUMENTS))
        seq = 0
        for number, batch in enumerate(_batches(_readings(index, store, cache, progress), batch_documents)):
            cache.flush()
            flat = flatten(batch, today, seq=seq, doc_seq=number * batch_documents)
            seq += flat.versions.height
            spill.put("documents", flat.documents)
            spill.put("quarantine", flat.quarantine)
            tagged = flat.versions.select("seq", "statement_id").with_columns(
                bucket=pl.col("statement_id").map_elements(lambda s: _bucket(s, buckets), return_dtype=pl.Int64))
            for (bucket,), part in flat.versions.join(tagged.drop("statement_id"), on="seq") \
                    .partition_by("bucket", as_dict=True, include_key=False).items():
                spill.put(f"versions/{bucket}", part)
            for (bucket,), part in flat.signatures.join(tagged.drop("statement_id"), on="seq") \
                    .partition_by("bucket", as_dict=True, include_key=False).items():
                spill.put(f"signatures/{bucket}", part)
        observations = index.select("doc_seq", "url", "version", first_seen="fetched_at", last_seen="last_seen") \
            .cast(OBSERVATION_SCHEMA)

        for bucket in range(buckets):
            versions = spill.get(f"versions/{bucket}", VERSION_SCHEMA)
            signatures = spill.get(f"signatures/{bucket}", SIGNATURE_SCHEMA)
            normalised = normalise(versions, signatures)
            frames = {
                "statements": normalised.statements, "signatories": normalised.signatories,
                "statement_versions": normalised.statement_versions,
                "statement_countries": normalised.statement_countries,
                "statement_stances": normalised.statement_stances,
                "signature_timeline": timeline(normalised.statements, normalised.signatories, observations,
                                               versions, signatures),
            }
            spill.put("quarantine", normalised.quarantine)
            spill.put("source_refs", normalised.source_refs)
            for name, frame in frames.items():
                for (year,), rows in frame.partition_by("year", as_dict=True).items():
                    spill.put(f"tables/{name}/{year}", rows)
            del versions, signatures, normalised, frames

        roster = roster or RosterTables.empty()
        spill.put("quarantine", QUARANTINE.conform([
            {"source": raw.source, "url": raw.url, "raw_sha256": raw.sha256, "stage": "roster", "rule": reason,
             "record": "", "message": message, "first_seen": raw.fetched_at}
            for raw, reason, message in roster.problems if raw.source == partition]))
        parts = _write_tables(partition, spill, build, today, finish_quarantine, roster)
        _swap(target, build)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    shutil.rmtree(work, ignore_errors=True)
    return CleanResult(parts=parts[0], parsed=cache.misses, cached=cache.hits, released=parts[1])


def _year_frames(spill: _Spill, name: str) -> Iterator[tuple[int | None, pl.DataFrame]]:
    for folder in spill.names(f"tables/{name}"):
        yield (None if folder == "None" else int(folder)), spill.get(f"tables/{name}/{folder}", {})


def _write_tables(partition: str, spill: _Spill, build: Path, today: dt.date | None,
                  finish_quarantine: FinishQuarantine | None,
                  roster: RosterTables) -> tuple[dict[str, TableParts], list[dict[str, str]]]:
    parts: dict[str, TableParts] = {}

    def write(name: str, slices: Iterable[tuple[str, pl.DataFrame]]) -> None:
        table, root = TABLES[name], build / name
        hashes, counts = {}, {}
        for slice_name, frame in slices:
            hashes[slice_name], counts[slice_name] = write_slice(frame, table, root, slice_name)
        if not hashes and not table.partitioned:
            hashes[WHOLE], counts[WHOLE] = write_slice(table.empty(), table, root, WHOLE)
        parts[name] = TableParts(name, partition, root, sum(counts.values()), hashes, counts)

    # persons: over every signature of the assembly, before the signatories are written
    signatories = pl.scan_parquet(build / ".work" / "tables" / "signatories" / "**" / "*.parquet") \
        if spill.names("tables/signatories") else SIGNATORIES.empty().lazy()
    statements = pl.scan_parquet(build / ".work" / "tables" / "statements" / "**" / "*.parquet") \
        if spill.names("tables/statements") else TABLES["statements"].empty().lazy()
    roster = RosterTables(roster.members.filter(pl.col("source") == partition),
                          roster.memberships.filter(pl.col("source") == partition))
    terms = dict(statements.select("statement_id", "term").drop_nulls().collect().iter_rows())
    attributed = attribute(signatories, roster, spill.get("source_refs", SOURCE_REF_SCHEMA), terms)
    counts = statement_counts(attributed.fills.join(attributed.matches.select("signatory_id", "statement_id"),
                                                    on="signatory_id"))
    # summaries and the motions they report may lie in different buckets: linked over all
    links = report_links(statements.select("statement_id", "source", "doc_type", "procedure", "date",
                                           "title", "reports_statement_id").collect())
    write("person_matches", [(WHOLE, attributed.matches)])
    attributed.matches = attributed.matches.clear()  # written: let its rows go
    for name in BUCKETED:
        if name == "signatories":
            write(name, ((slice_dir(partition, year), apply_fills(frame, attributed.fills))
                         for year, frame in _year_frames(spill, name)))
        elif name == "statements":
            write(name, ((slice_dir(partition, year), link_reports(recount(frame, counts), links))
                         for year, frame in _year_frames(spill, name)))
        else:
            write(name, ((slice_dir(partition, year), frame) for year, frame in _year_frames(spill, name)))
    documents = spill.get("documents", TABLES["documents"].polars_schema())
    people = people_tables(parts["signatories"].scan(), parts["statements"].scan(), documents, roster)
    write("persons", [(WHOLE, people.persons)])
    write("person_links", [(WHOLE, attributed.links)])
    write("members", [(WHOLE, people.members)])
    write("memberships", [(WHOLE, roster.memberships)])
    write("groups", [(WHOLE, people.groups.filter(pl.col("source") == partition))])
    write("documents", [(WHOLE, documents)])
    quarantine = spill.get("quarantine", TABLES["quarantine"].polars_schema())
    released: list[dict[str, str]] = []
    if finish_quarantine is not None:
        quarantine, released = finish_quarantine(quarantine.sort(*TABLES["quarantine"].key, maintain_order=True))
    write("quarantine", [(WHOLE, quarantine)])
    return parts, released


def _swap(target: Path, build: Path) -> None:
    """Point ``target`` at ``build``, then remove the build it pointed at before."""
    old = target.resolve() if target.is_symlink() else None
    if target.exists() and not target.is_symlink():
        shutil.rmtree(target)
    replace_symlink(target, os.path.relpath(build, target.parent))
    if old is not None and old != build.resolve() and old.exists():
        shutil.rmtree(old, ignore_errors=True)
