"""Clean stage, one partition per assembly: parse every raw document, normalise, version.

Parsing goes through the cache keyed by raw SHA-256 and parser version, so unchanged
bytes are never parsed twice. ``build_tables`` (pure) reads the current version of each
page; the signature timeline compares every version of written declarations.
"""


import dagster as dg
import polars as pl

from assets.metadata import frame_metadata
from hemicycle.fetch.crawl import parse_cache_dir
from hemicycle.fetch.store import RawStore
from hemicycle.normalise import build_tables
from hemicycle.parse.cache import ParseCache
from hemicycle.progress import track
from hemicycle.quarantine import apply_ledger
from hemicycle.schema import TABLES
from hemicycle.timeline import parse_index, signature_timeline
from pipelines.freshness import build_key, code_version, write_marker
from pipelines.resources import SOURCE_PARTITIONS, HemicycleSettings

TABLE_NAMES = tuple(TABLES)  # every clean table is an output of the clean stage


@dg.multi_asset(
    group_name="clean",
    partitions_def=SOURCE_PARTITIONS,
    code_version=code_version(),
    outs={name: dg.AssetOut(description=TABLES[name].description, kinds={"polars"})
          for name in TABLE_NAMES},
)
def clean_tables(context: dg.AssetExecutionContext, settings: HemicycleSettings,
                 raw_documents: pl.DataFrame):
    from assets.fetch import index_version

    source = context.partition_key
    cache = ParseCache(parse_cache_dir(settings.out))
    rows = track(raw_documents.iter_rows(named=True), f"parse {source}", total=raw_documents.height)
    current, history = parse_index(rows, RawStore(settings.raw_dir), cache)
    tables = build_tables(current)
    tables.groups = tables.groups.filter(pl.col("source") == source)  # each partition its own vocabulary
    tables.quarantine, released = apply_ledger(tables.quarantine,
                                               settings.out / f"quarantine_ledger-{source}.json")
    timeline = signature_timeline(tables, history)
    context.log.info(f"{source}: parsed {cache.misses} documents, {cache.hits} unchanged from cache")
    frames = {name: timeline if name == "signature_timeline" else getattr(tables, name)
              for name in TABLE_NAMES}
    for name in TABLE_NAMES:
        df = frames[name]
        metadata = frame_metadata(df, [(c.name, c.dtype, c.description) for c in TABLES[name].columns])
        if name == "documents":
            metadata.update({"parsed": cache.misses, "unchanged_not_reparsed": cache.hits})
        if name == "quarantine":
            metadata["released_this_run"] = len(released)
        yield dg.Output(df, output_name=name, metadata=metadata)
    # after every output is stored: the marker says this partition's tables are built
    write_marker(settings.out, f"clean-{source}", {
        "built_from": build_key(index_version(raw_documents)), "parsed": cache.misses,
        "cached": cache.hits, "rows": {name: df.height for name, df in frames.items()},
        "quarantined_documents": int((tables.documents["status"] == "quarantined").sum()),
    })
