"""Clean stage, one partition per assembly: parse every raw document, normalise, version.

The stage streams (``hemicycle.clean``): documents are parsed in batches through the cache
keyed by raw SHA-256 and parser version, so unchanged bytes are never parsed twice, and
normalised per bucket of statements. Each table is written as Parquet parts under
``<out>/clean/<assembly>``; what goes downstream is where they are (``TableParts``), not
the rows.
"""


from collections.abc import Iterator

import dagster as dg
import polars as pl

from assets.metadata import parts_metadata
from assets.resources import SOURCE_PARTITIONS, HemicycleSettings
from assets.versions import code_version
from hemicycle.clean import clean_partition
from hemicycle.fetch.crawl import parse_cache_dir
from hemicycle.fetch.store import RawStore
from hemicycle.parse.cache import ParseCache
from hemicycle.parts import TableParts
from hemicycle.people.roster import build_roster
from hemicycle.progress import Progress
from hemicycle.quarantine import apply_ledger
from hemicycle.records import RawDocument
from hemicycle.schema import TABLES

TABLE_NAMES = tuple(TABLES)  # every clean table is an output of the clean stage


@dg.multi_asset(
    group_name="clean",
    partitions_def=SOURCE_PARTITIONS,
    code_version=code_version(),
    outs={name: dg.AssetOut(description=TABLES[name].description, kinds={"parquet"})
          for name in TABLE_NAMES},
)
def clean_tables(context: dg.AssetExecutionContext, settings: HemicycleSettings, raw_documents: pl.DataFrame,
                 raw_rosters: pl.DataFrame) -> Iterator[dg.Output[TableParts]]:
    source = context.partition_key
    ledger = settings.out / f"quarantine_ledger-{source}.json"
    store = RawStore(settings.raw_dir)
    roster = build_roster(RawDocument(row["source"], row["url"], store.get(row["raw_sha256"]),
                                      row["content_type"], row["fetched_at"], row["raw_sha256"])
                          for row in raw_rosters.iter_rows(named=True))
    with ParseCache(parse_cache_dir(settings.out)) as cache, \
            Progress(f"parse {source}", total=raw_documents.height) as bar:
        result = clean_partition(source, raw_documents, store, cache,
                                 settings.clean_dir / source, progress=bar.advance,
                                 finish_quarantine=lambda rows: apply_ledger(rows, ledger), roster=roster)
    context.log.info(f"{source}: parsed {cache.misses} documents, {cache.hits} unchanged from cache")
    quarantined = result.parts["documents"].scan().filter(pl.col("status") == "quarantined") \
        .select(pl.len()).collect().item()
    for name in TABLE_NAMES:
        parts = result.parts[name]
        metadata = parts_metadata(parts)
        if name == "documents":
            metadata.update({"parsed": result.parsed, "unchanged_not_reparsed": result.cached,
                             "quarantined_documents": quarantined})
        if name == "quarantine":
            metadata["released_this_run"] = len(result.released)
        yield dg.Output(parts, output_name=name, metadata=metadata)
