"""Partition stage: the clean tables as hive-partitioned Parquet (source=/year=).

Reads every assembly partition of the clean tables and publishes each table whole; only
the ``source=/year=`` directories whose rows changed are written, the others are carried
over as the same files.
"""


import dagster as dg
import polars as pl

from hemicycle.publish.parquet import publish_table
from hemicycle.schema import TABLES
from pipelines.freshness import read_marker, write_marker
from pipelines.resources import SOURCE_PARTITIONS, HemicycleSettings

TABLE_NAMES = tuple(TABLES)


def combine(partitions: dict[str, pl.DataFrame] | pl.DataFrame, name: str) -> pl.DataFrame:
    """One frame from a table's assembly partitions, in key order."""
    if isinstance(partitions, pl.DataFrame):
        return partitions
    frames = [partitions[p] for p in sorted(partitions)]
    df = pl.concat(frames, how="vertical") if frames else TABLES[name].empty()
    return df.sort(list(TABLES[name].key))


@dg.asset(group_name="partition", kinds={"parquet"},
          ins={name: dg.AssetIn(name) for name in TABLE_NAMES},
          description="Parquet files under data/out/tables/<table>/source=…/year=…, "
          "swapped in atomically; unchanged partitions are not rewritten.")
def parquet_tables(settings: HemicycleSettings, **frames) -> dg.MaterializeResult:
    built = {p: (read_marker(settings.out, f"clean-{p}") or {}).get("built_from")
             for p in SOURCE_PARTITIONS.get_partition_keys()}
    metadata: dict[str, object] = {}
    for name, partitions in frames.items():
        df = combine(partitions, name)
        version, written = publish_table(df, TABLES[name], settings.tables_dir)
        metadata[f"{name}_rows"] = df.height
        metadata[f"{name}_files"] = len(list(version.rglob("*.parquet")))
        metadata[f"{name}_rewritten"] = written
    write_marker(settings.out, "parquet", {"built_from": built})
    metadata["path"] = dg.MetadataValue.path(str(settings.tables_dir))
    return dg.MaterializeResult(metadata=metadata)
