"""Fetch stage, one partition per assembly: raw bytes into the content-addressed store.

``sample`` reads the embedded sample; ``http`` crawls the assembly (PACE FileID sweep,
EP Open Data Portal listings) politely and incrementally. Either way the output is the
index of every version of every statement page, and its hash is the partition's data
version: a run that only confirms what is known leaves it unchanged, so nothing
downstream needs to run.
"""


import datetime as dt
import warnings
from pathlib import Path
from typing import Any

import dagster as dg
import polars as pl

from assets.metadata import frame_metadata
from assets.resources import SOURCE_PARTITIONS, HemicycleSettings
from hemicycle.fetch.sample import FolderIndex, SampleEntry, read_sample_entry, roster_entries, sample_entries
from hemicycle.fetch.store import RawStore
from hemicycle.harvest import crawl_roster, crawl_source, raw_index_rows, roster_index_rows
from hemicycle.parse.dispatch import guess_source
from hemicycle.publish.parquet import frame_hash
from hemicycle.records import RawDocument

RAW_INDEX_SCHEMA = {
    "source": pl.String, "url": pl.String, "raw_sha256": pl.String,
    "content_type": pl.String, "fetched_at": pl.String, "bytes": pl.Int64,
    "version": pl.Int64, "current": pl.Boolean, "last_seen": pl.String,
}
RAW_INDEX_COLUMNS = [
    ("source", "string", "Assembly: `pace` or `ep`."),
    ("url", "string", "Where the bytes came from (`sample:` for embedded files without a public URL)."),
    ("raw_sha256", "string", "SHA-256 of the bytes; their name in the raw store."),
    ("content_type", "string", "Media type served with the bytes."),
    ("fetched_at", "string", "When this version was fetched (ISO 8601, UTC)."),
    ("bytes", "int", "Size of the bytes."),
    ("version", "int", "1 for the first version of the page, then 2, 3… as its content changes."),
    ("current", "bool", "This is the page's latest version (the one parsed into the tables)."),
    ("last_seen", "string", "For an older version: the last time it was served."),
]


def index_version(frame: pl.DataFrame) -> str:
    return frame_hash(frame)


SAMPLE_BATCH = 1000  # documents stored with one sync of the file system


def _sample_source(entry: SampleEntry) -> str:
    return entry.source if entry.source in ("pace", "ep") else guess_source(entry.url) or "pace"


def _sample_rows(settings: HemicycleSettings, source: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Index rows of one assembly's files in the sample folder; files unchanged since the
    last run (``FolderIndex``) are not read again."""
    store = RawStore(settings.raw_dir)
    index = FolderIndex(settings.out / "crawl" / f"sample-{source}.json")
    rows: list[dict[str, Any]] = []
    new = 0
    batch: list[RawDocument] = []

    def row(entry: SampleEntry, sha256: str, size: int) -> dict[str, Any]:
        return {"source": source, "url": entry.url, "raw_sha256": sha256,
                "content_type": entry.content_type, "fetched_at": entry.fetched_at,
                "bytes": size, "version": 1, "current": True, "last_seen": None}

    def store_batch() -> None:
        nonlocal new
        new += sum(store.put_many(batch))
        batch.clear()

    for entry in sample_entries(Path(settings.sample_dir)):
        if _sample_source(entry) != source:
            continue
        signature = index.signature(entry)
        known = index.lookup(entry, signature)
        if known and store.has(known[0]):
            rows.append(row(entry, *known))
            continue
        doc = read_sample_entry(entry)
        index.remember(entry, signature, doc)
        rows.append(row(entry, doc.sha256, len(doc.content)))
        batch.append(doc)
        if len(batch) == SAMPLE_BATCH:
            store_batch()
    store_batch()
    index.save()
    return rows, {"discovered": new, "fetched": new, "unchanged": len(rows) - new}


def _crawl_rows(settings: HemicycleSettings, source: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
    today = dt.date.fromisoformat(settings.today) if settings.today else None
    stats = crawl_source(source, settings.out, settings.crawl_config(), today=today)
    return raw_index_rows(settings.out, source), stats.as_dict()


@dg.asset(group_name="fetch", kinds={"python"}, partitions_def=SOURCE_PARTITIONS,
          description="Every version of every statement page of one assembly: bytes kept by "
          "SHA-256 in the raw store, one row of provenance each (url, fetched_at, sha256, "
          "content type, version).")
def raw_documents(context: dg.AssetExecutionContext, settings: HemicycleSettings) -> dg.Output[pl.DataFrame]:
    source = context.partition_key
    if settings.source == "sample":
        rows, stats = _sample_rows(settings, source)
    elif settings.source == "http":
        rows, stats = _crawl_rows(settings, source)
    else:
        raise dg.Failure(f"source {settings.source!r} is not known; use 'sample' or 'http'")
    frame = pl.DataFrame(rows, schema=RAW_INDEX_SCHEMA).sort("url", "version")
    version = index_version(frame)
    with warnings.catch_warnings():  # data versions (beta in 1.13) show staleness in the UI
        warnings.simplefilter("ignore", dg.BetaWarning)
        return dg.Output(frame, data_version=dg.DataVersion(version), metadata={
            **frame_metadata(frame, RAW_INDEX_COLUMNS),
            "documents": int(frame["current"].sum()), "versions": frame.height,
            "index_version": version, **{f"fetch_{k}": v for k, v in stats.items()},
            "store": dg.MetadataValue.path(str(settings.raw_dir)),
        })


ROSTER_INDEX_SCHEMA = {name: RAW_INDEX_SCHEMA[name] for name in
                       ("source", "url", "raw_sha256", "content_type", "fetched_at", "bytes")}


def roster_version(frame: pl.DataFrame) -> str:
    """The roster's part of a partition's build key: empty when there is no roster."""
    return index_version(frame) if frame.height else ""


@dg.asset(group_name="fetch", kinds={"python"}, partitions_def=SOURCE_PARTITIONS,
          description="The assembly's member roster as fetched: the EP's member files (embedded "
          "sample) or Open Data Portal member and body records (HTTP), bytes kept by SHA-256, one "
          "row of provenance each. PACE has none: its member pages could not be checked.")
def raw_rosters(context: dg.AssetExecutionContext, settings: HemicycleSettings) -> dg.Output[pl.DataFrame]:
    source = context.partition_key
    stats: dict[str, int] = {}
    if settings.source == "sample":
        store = RawStore(settings.raw_dir)
        rows = []
        for entry in roster_entries(Path(settings.sample_dir)):
            if entry.source != source:
                continue
            doc = read_sample_entry(entry)
            store.put(doc)
            rows.append({"source": source, "url": doc.url, "raw_sha256": doc.sha256,
                         "content_type": doc.content_type, "fetched_at": doc.fetched_at,
                         "bytes": len(doc.content)})
    elif settings.source == "http":
        today = dt.date.fromisoformat(settings.today) if settings.today else None
        crawled = crawl_roster(source, settings.out, settings.crawl_config(), today=today)
        stats = crawled.as_dict() if crawled else {}
        rows = roster_index_rows(settings.out, source)
    else:
        raise dg.Failure(f"source {settings.source!r} is not known; use 'sample' or 'http'")
    frame = pl.DataFrame(rows, schema=ROSTER_INDEX_SCHEMA).sort("url")
    version = roster_version(frame)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", dg.BetaWarning)
        return dg.Output(frame, data_version=dg.DataVersion(version or "none"), metadata={
            **frame_metadata(frame, [c for c in RAW_INDEX_COLUMNS if c[0] in ROSTER_INDEX_SCHEMA]),
            "records": frame.height, "index_version": version,
            **{f"fetch_{k}": v for k, v in stats.items()},
        })
