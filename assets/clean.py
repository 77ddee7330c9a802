"""Clean stage: parse every raw document, normalise names, countries and groups."""


import dagster as dg
import polars as pl

from hemicycle.fetch.store import RawStore
from hemicycle.normalise import build_tables
from hemicycle.parse.cache import ParseCache
from hemicycle.parse.dispatch import parse_raw_document
from hemicycle.quarantine import apply_ledger
from hemicycle.records import RawDocument
from hemicycle.schema import TABLES

TABLE_NAMES = tuple(TABLES)  # every clean table is an output of the clean stage
from pipelines.resources import HemicycleSettings


def _table_metadata(df: pl.DataFrame, name: str) -> dict:
    table = TABLES[name]
    return {
        "dagster/row_count": df.height,
        "dagster/column_schema": dg.TableSchema(columns=[
            dg.TableColumn(c.name, c.dtype, description=c.description) for c in table.columns
        ]),
        "preview": dg.MetadataValue.md(df.head(5).to_pandas().to_markdown(index=False)
                                       if df.height else "(empty)"),
    }


@dg.multi_asset(
    group_name="clean",
    outs={name: dg.AssetOut(description=TABLES[name].description, kinds={"polars"})
          for name in TABLE_NAMES},
)
def clean_tables(context: dg.AssetExecutionContext, settings: HemicycleSettings,
                 raw_documents: pl.DataFrame):
    store = RawStore(settings.raw_dir)
    cache = ParseCache(settings.out / "cache" / "parsed")
    parsed = []
    for row in raw_documents.iter_rows(named=True):
        raw = RawDocument(source=row["source"], url=row["url"], content=store.get(row["raw_sha256"]),
                          content_type=row["content_type"], fetched_at=row["fetched_at"],
                          sha256=row["raw_sha256"])
        parsed.append(cache.parse(raw, parse_raw_document))
    tables = build_tables(parsed)
    tables.quarantine, released = apply_ledger(tables.quarantine, settings.out / "quarantine_ledger.json")
    context.log.info(f"parsed {cache.misses} documents, {cache.hits} unchanged from cache")
    for name in TABLE_NAMES:
        df = getattr(tables, name)
        metadata = _table_metadata(df, name)
        if name == "documents":
            metadata.update({"parsed": cache.misses, "unchanged_not_reparsed": cache.hits})
        if name == "quarantine":
            metadata["released_this_run"] = len(released)
        yield dg.Output(df, output_name=name, metadata=metadata)
