"""Partition stage: the clean tables as hive-partitioned Parquet (source=/year=)."""


import dagster as dg
import polars as pl

from hemicycle.publish.parquet import publish_table
from hemicycle.schema import TABLES

TABLE_NAMES = tuple(TABLES)
from pipelines.resources import HemicycleSettings


@dg.asset(group_name="partition", kinds={"parquet"},
          ins={name: dg.AssetIn(name) for name in TABLE_NAMES},
          description="Parquet files under data/out/tables/<table>/source=…/year=…, "
          "swapped in atomically; unchanged tables are not rewritten.")
def parquet_tables(settings: HemicycleSettings, **frames: pl.DataFrame) -> dg.MaterializeResult:
    metadata: dict[str, object] = {}
    for name, df in frames.items():
        version, written = publish_table(df, TABLES[name], settings.tables_dir)
        metadata[f"{name}_rows"] = df.height
        metadata[f"{name}_files"] = len(list(version.rglob("*.parquet")))
        metadata[f"{name}_rewritten"] = written
    metadata["path"] = dg.MetadataValue.path(str(settings.tables_dir))
    return dg.MaterializeResult(metadata=metadata)
